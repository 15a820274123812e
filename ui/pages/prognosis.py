"""Prognosis (malignant disease only): KPS with the eleven levels described, life expectancy,
whether the patient is dying."""

from __future__ import annotations

from leptodesk.editing import KPS_LEVELS

from ..case_state import CaseState
from ..widgets import KpsBinding, TextBinding, TriStateBinding
from . import PageId
from .base import CasePage


class PrognosisPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(state, "Prognosis",
                         "The guideline decides disease-directed treatment on these. Leave Not "
                         "known rather than guess.")
        self.kps = self.add(KpsBinding(state, "prognosis.kps", KPS_LEVELS))
        self.kps.editor.setMinimumHeight(self.kps.editor.sizeHintForRow(0) * 12 + 8)
        self.add(TextBinding(state, "prognosis.life_expectancy_months", "months (0 to 240)"))
        self.add(TriStateBinding(state, "prognosis.dying"))

    def nextId(self) -> int:
        return PageId.COMPLICATIONS_PLANNED
