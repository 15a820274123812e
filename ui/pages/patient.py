"""Patient: name or bed/MRN, age (years, or days for infants), weight with a kg/lb switch, sex."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import translate
from ..unit_widgets import WeightBinding
from ..widgets import ChoiceBinding, NumberBinding, TextBinding
from . import PageId
from .base import CasePage

if TYPE_CHECKING:
    from ..case_state import CaseState


class PatientPage(CasePage):
    def __init__(self, state: CaseState, weight_unit: str = "kg") -> None:
        super().__init__(
            state, lambda: translate("PatientPage", "Patient"),
            lambda: translate("PatientPage", "Who this plan is for. Leave anything not known "
                              "empty; the plan lists what is missing."))
        self.add(TextBinding(state, "patient.display_name",
                             lambda: translate("PatientPage", "e.g. Bed 12 / MRN 0042")))
        self.add(NumberBinding(state, "patient.age_years",
                               lambda: translate("PatientPage", "years (0 to 120)")))
        self.add(NumberBinding(state, "patient.age_days", lambda: translate(
            "PatientPage", "days (0 to 365), infants under one year")),
                 lambda: translate("PatientPage", "Infants: also give the age in days"))
        self.weight: WeightBinding = self.add(WeightBinding(
            state, "patient.weight_kg", unit=weight_unit,
            label_text=lambda: translate("PatientPage", "weight")))
        self.add(ChoiceBinding(state, "patient.sex", lambda: [
            ("female", translate("PatientPage", "Female")),
            ("male", translate("PatientPage", "Male")),
            ("other", translate("PatientPage", "Other"))]))
        self.grid.setRowStretch(self._row, 1)

    def mnemonic_targets(self) -> list:
        """Every label and button that takes an Alt+letter: the fields' labels, nothing else.
        Said here rather than found by walking the page's children, which would make Python
        wrappers (and PySide's ~20 item-view enum classes) for the combo boxes' popups while
        the first page is being shown (tests/ui/test_keyboard.py checks it against the walk)."""
        return [b.label for b in self.bindings.values()]

    def nextId(self) -> int:  # the next pages are added once the core has loaded
        return PageId.PRESENTATION
