"""Imaging and LP safety. The verdict is the plan's ``lp_verdict``, written out in words."""

from __future__ import annotations

from html import escape

from leptodesk.report_text import lp_verdict_text

from ..case_state import CaseState
from ..i18n import translate
from ..widgets import ChoiceBinding, NumberBinding, TriStateBinding, set_role
from .base import CasePage, range_hint


class ImagingLpPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(
            state, lambda: translate("ImagingLpPage", "Imaging and lumbar-puncture safety"),
            lambda: translate("ImagingLpPage", "The verdict below is the guideline's, from "
                              "what is entered here."))
        self.verdict = self.add_banner(
            "lp_verdict", lambda: translate("ImagingLpPage", "lumbar puncture verdict"))
        self.add_heading(lambda: translate("ImagingLpPage", "Imaging"))
        self.add(ChoiceBinding(state, "imaging.mri_whole_spine_gadolinium", lambda: [
            ("done", translate("ImagingLpPage", "Done")),
            ("planned", translate("ImagingLpPage", "Planned")),
            ("not_done", translate("ImagingLpPage", "Not done"))]))
        self.add(TriStateBinding(state, "imaging.leptomeningeal_enhancement"))
        self.add(TriStateBinding(state, "presentation.nodular_disease"))
        self.add(TriStateBinding(state, "presentation.thin_linear_deposits"))
        self.add_heading(lambda: translate("ImagingLpPage", "LP safety"))
        self.add(NumberBinding(state, "lp_safety.platelets_10e9_per_l", range_hint(
            "lp_safety.platelets_10e9_per_l",
            lambda: translate("ImagingLpPage", "×10⁹/L ({low} to {high})"))))
        self.add(NumberBinding(state, "lp_safety.inr", range_hint(
            "lp_safety.inr",
            lambda: translate("ImagingLpPage", "{low} to {high}"))))
        self.add(ChoiceBinding(state, "lp_safety.prophylactic_lmwh", lambda: [
            ("none", translate("ImagingLpPage", "None given")),
            ("given", translate("ImagingLpPage", "Given"))]),
                 lambda: translate("ImagingLpPage", "Not known keeps the LP verdict incomplete"))
        self.hours = self.add(NumberBinding(
            state, "lp_safety.hours_since_prophylactic_lmwh", range_hint(
            "lp_safety.hours_since_prophylactic_lmwh",
            lambda: translate("ImagingLpPage", "hours since the last dose ({low} to {high})"))),
            lambda: translate("ImagingLpPage", "Only when given"))
        self.add(TriStateBinding(state, "lp_safety.infection_at_lp_site"))
        self.grid.setRowStretch(self._row, 1)
        self.plan_changed()

    def plan_changed(self) -> None:
        if self.state.plan is None:
            return
        from leptodesk.service import get_service

        get_field = get_service().cases.get_field
        given = get_field(self.state.case, "lp_safety.prophylactic_lmwh") == "given"
        has_hours = get_field(self.state.case, "lp_safety.hours_since_prophylactic_lmwh")
        self.hours.editor.setEnabled(given or has_hours is not None)
        status = self.state.plan.lp_verdict.status
        set_role(self.verdict, {"contraindicated": "stop"}.get(status, "verdict"))
        head = translate("ImagingLpPage", "LP verdict:")
        self.verdict.setText(f"<b>{escape(head)}</b> "
                             f"{escape(lp_verdict_text(self.state.plan))}")

    def verdict_text(self) -> str:
        return self.verdict.text()
