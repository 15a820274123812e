"""CSF results, each with the unit it was measured in (the core converts)."""

from __future__ import annotations

from ..case_state import CaseState
from ..date_widgets import DateBinding
from ..i18n import translate
from ..unit_widgets import MeasurementBinding
from ..widgets import ChoiceBinding, NumberBinding
from .base import CasePage, range_hint


class CsfPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(state, lambda: translate("CsfPage", "CSF results"),
                         lambda: translate("CsfPage", "Enter each result in the unit the "
                                           "laboratory reported."))
        self.add(DateBinding(state, "lp.performed_at", with_time=True))
        self.add(NumberBinding(state, "lp.volume_ml", range_hint(
            "lp.volume_ml",
            lambda: translate("CsfPage", "mL ({low} to {high})"))))
        self.add(NumberBinding(state, "lp.opening_pressure_cm_h2o", range_hint(
            "lp.opening_pressure_cm_h2o",
            lambda: translate("CsfPage", "cm H2O ({low} to {high})"))))
        self.add(MeasurementBinding(state, "lp.csf_glucose", ["mg/dL", "mmol/L"]))
        self.add(MeasurementBinding(state, "lp.serum_glucose", ["mg/dL", "mmol/L"]))
        self.add(MeasurementBinding(state, "lp.csf_protein", ["mg/dL", "g/L"]))
        self.add(NumberBinding(state, "lp.wbc_per_ul", range_hint(
            "lp.wbc_per_ul",
            lambda: translate("CsfPage", "/µL ({low} to {high})"))))
        self.add(NumberBinding(state, "lp.lymphocyte_percent", range_hint(
            "lp.lymphocyte_percent",
            lambda: translate("CsfPage", "% ({low} to {high})"))))
        self.add(ChoiceBinding(state, "lp.cytology", lambda: [
            ("positive", translate("CsfPage", "Positive")),
            ("negative", translate("CsfPage", "Negative")),
            ("pending", translate("CsfPage", "Pending")),
            ("not_sent", translate("CsfPage", "Not sent"))]))
        self.add(ChoiceBinding(state, "lp.suspicion_of_malignancy", lambda: [
            ("low", translate("CsfPage", "Low")), ("high", translate("CsfPage", "High"))]))
        self.grid.setRowStretch(self._row, 1)
