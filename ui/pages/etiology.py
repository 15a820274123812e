"""Etiology: the category, then (branching with nextId) the organism or the primary cancer."""

from __future__ import annotations

from ..case_state import CaseState
from ..i18n import translate
from ..widgets import ChoiceBinding
from . import PageId
from .base import CasePage


class EtiologyPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(state, lambda: translate("EtiologyPage", "Etiology"),
                         lambda: translate("EtiologyPage", "The cause of the leptomeningeal "
                                           "disease, as far as it is known."))
        # One "not yet known" choice (no value: the plan lists the etiology as missing). The
        # contract's "undetermined" is still read (a case file, a signed plan): it shows as
        # this same choice and stays in the case until another is chosen; for the rules both
        # are the undetermined pathway, with no disease-directed therapy [1].
        self.add(ChoiceBinding(state, "etiology.category", lambda: [
            ("tuberculous", translate("EtiologyPage", "Tuberculous")),
            ("fungal", translate("EtiologyPage", "Fungal")),
            ("bacterial", translate("EtiologyPage", "Bacterial")),
            ("neurosarcoidosis", translate("EtiologyPage", "Neurosarcoidosis")),
            ("malignant", translate("EtiologyPage", "Malignant"))],
            none_text=lambda: translate("EtiologyPage", "Not yet known")))
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
        super().__init__(state, lambda: translate("FungalOrganismPage", "Fungal organism"),
                         lambda: translate("FungalOrganismPage", "The organism, if identified."))
        # Genus names are Latin and the same in every language; only "Other" is translated.
        self.add(ChoiceBinding(state, "etiology.fungal_organism", lambda: [
            ("cryptococcus", "Cryptococcus"), ("histoplasma", "Histoplasma"),
            ("coccidioides", "Coccidioides"), ("aspergillus", "Aspergillus"),
            ("other", translate("FungalOrganismPage", "Other"))]))
        self.grid.setRowStretch(self._row, 1)

    def nextId(self) -> int:
        return PageId.COMPLICATIONS_PLANNED


class PrimaryCancerPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(state, lambda: translate("PrimaryCancerPage", "Primary cancer"),
                         lambda: translate("PrimaryCancerPage", "The primary tumour and its "
                                           "targetable change."))
        self.add(ChoiceBinding(state, "etiology.primary_cancer", lambda: [
            ("breast_her2_positive", translate("PrimaryCancerPage", "Breast, HER2-positive")),
            ("lung_egfr_mutated", translate("PrimaryCancerPage", "Lung, EGFR-mutated")),
            ("melanoma_braf_mutated", translate("PrimaryCancerPage", "Melanoma, BRAF-mutated")),
            ("other", translate("PrimaryCancerPage", "Other"))]))
        self.grid.setRowStretch(self._row, 1)

    def nextId(self) -> int:
        from leptodesk.service import get_service

        if get_service().cases.prognosis_relevant(self.state.case):
            return PageId.PROGNOSIS
        return PageId.COMPLICATIONS_PLANNED
