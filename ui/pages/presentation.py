"""Presentation and urgent signs. The banner is driven by the plan's stop alert
``urgent.antibiotics_now``, not by any test in the UI."""

from __future__ import annotations

from html import escape

from leptodesk.report_text import cite

from ..case_state import CaseState
from ..date_widgets import DateBinding
from ..i18n import translate
from ..widgets import TriStateBinding
from .base import CasePage

URGENT_ALERT_ID = "urgent.antibiotics_now"


class PresentationPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(
            state, lambda: translate("PresentationPage", "Presentation and urgent signs"),
            lambda: translate("PresentationPage", "Answer Yes or No; leave Not known where it "
                              "has not been assessed."))
        self.banner = self.add_banner(
            "urgent_banner", lambda: translate("PresentationPage", "urgent alert"), role="stop")
        self.add_heading(lambda: translate("PresentationPage", "Urgent signs"))
        for path in ("presentation.suspected_bacterial_meningitis", "presentation.severe_sepsis",
                     "presentation.rapidly_evolving_rash"):
            self.add(TriStateBinding(state, path))
        self.add(DateBinding(state, "antibiotics_started_at", with_time=True),
                 lambda: translate("PresentationPage", "Leave empty if not started"))
        self.add_heading(lambda: translate("PresentationPage", "Neurological signs"))
        self.add(TriStateBinding(state, "presentation.cranial_neuropathy"))
        self.grid.setRowStretch(self._row, 1)
        self.plan_changed()

    def plan_changed(self) -> None:
        alert = next((a for a in self.state.plan.alerts if a.id == URGENT_ALERT_ID), None)
        if alert is None:
            self.banner.hide()
            self.banner.clear()
            return
        head = translate("PresentationPage", "STOP - Start IV antibiotics now.")
        self.banner.setText(f"<b>{escape(head)}</b> {escape(alert.text)} "
                            f"{cite(alert.citations)}")
        self.banner.show()
