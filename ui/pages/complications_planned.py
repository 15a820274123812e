"""Complications and planned treatments."""

from __future__ import annotations

from ..case_state import CaseState
from ..date_widgets import DateBinding
from ..i18n import translate
from ..widgets import ChoiceBinding, TriStateBinding
from . import PageId
from .base import CasePage

COMPLICATIONS = (
    "presentation.symptomatic_hydrocephalus",
    "presentation.raised_icp",
    "presentation.csf_flow_obstruction",
    "presentation.vertebral_body_involvement",
    "presentation.spinal_instability",
    "presentation.spinal_cord_compression",
)
PLANNED = (
    "planned.craniospinal_radiotherapy",
    "planned.intrathecal_chemotherapy",
    "planned.systemic_methotrexate",
    "planned.ommaya_reservoir",
)


class ComplicationsPlannedPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(
            state, lambda: translate("ComplicationsPlannedPage",
                                     "Complications and planned treatments"),
            lambda: translate("ComplicationsPlannedPage", "The plan's calendar starts from the "
                              "treatment start date."))
        self.add_heading(lambda: translate("ComplicationsPlannedPage", "Complications"))
        for path in COMPLICATIONS:
            self.add(TriStateBinding(state, path))
        self.add_heading(lambda: translate("ComplicationsPlannedPage", "Planned"))
        for path in PLANNED:
            self.add(TriStateBinding(state, path))
        self.add(DateBinding(state, "planned.treatment_start_date", with_time=False))
        self.regimen = self.add(ChoiceBinding(state, "planned.ceftriaxone_regimen", lambda: [
            ("once_daily", translate("ComplicationsPlannedPage", "Once daily")),
            ("every_12_h", translate("ComplicationsPlannedPage", "Divided every 12 hours"))]))
        self.grid.setRowStretch(self._row, 1)
        self.plan_changed()

    def plan_changed(self) -> None:
        """Ask the ceftriaxone interval only where the plan gives ceftriaxone."""
        if self.state.plan is None:
            return
        applies = any(d.drug == "ceftriaxone" for d in self.state.plan.doses) or (
            self.state.case.planned.ceftriaxone_regimen is not None)
        for widget in (self.regimen.label, self.regimen.editor):
            widget.setVisible(applies)

    def nextId(self) -> int:
        return PageId.REVIEW
