"""Etiology: the category, then (branching with nextId) the organism or the primary cancer."""

from __future__ import annotations

from leptodesk.editing import prognosis_relevant

from ..case_state import CaseState
from ..widgets import ChoiceBinding
from . import PageId
from .base import CasePage


class EtiologyPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(state, "Etiology",
                         "The cause of the leptomeningeal disease, as far as it is known.")
        self.add(ChoiceBinding(state, "etiology.category",
                               [("tuberculous", "Tuberculous"), ("fungal", "Fungal"),
                                ("bacterial", "Bacterial"),
                                ("neurosarcoidosis", "Neurosarcoidosis"),
                                ("malignant", "Malignant"), ("undetermined", "Undetermined")]))
        self.grid.setRowStretch(self._row, 1)

    def nextId(self) -> int:
        category = self.state.case.etiology.category
        value = category.value if category is not None else None
        if value == "fungal":
            return PageId.FUNGAL_ORGANISM
        if value == "malignant":
            return PageId.PRIMARY_CANCER
        return PageId.COMPLICATIONS_PLANNED


class FungalOrganismPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(state, "Fungal organism", "The organism, if identified.")
        self.add(ChoiceBinding(state, "etiology.fungal_organism",
                               [("cryptococcus", "Cryptococcus"), ("histoplasma", "Histoplasma"),
                                ("coccidioides", "Coccidioides"), ("aspergillus", "Aspergillus"),
                                ("other", "Other")]))
        self.grid.setRowStretch(self._row, 1)

    def nextId(self) -> int:
        return PageId.COMPLICATIONS_PLANNED


class PrimaryCancerPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(state, "Primary cancer", "The primary tumour and its targetable change.")
        self.add(ChoiceBinding(state, "etiology.primary_cancer",
                               [("breast_her2_positive", "Breast, HER2-positive"),
                                ("lung_egfr_mutated", "Lung, EGFR-mutated"),
                                ("melanoma_braf_mutated", "Melanoma, BRAF-mutated"),
                                ("other", "Other")]))
        self.grid.setRowStretch(self._row, 1)

    def nextId(self) -> int:
        if prognosis_relevant(self.state.case):
            return PageId.PROGNOSIS
        return PageId.COMPLICATIONS_PLANNED
