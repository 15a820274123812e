"""Patient: name or bed/MRN, age (years, or days for infants), weight with a kg/lb switch, sex."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widgets import ChoiceBinding, NumberBinding, TextBinding, WeightBinding
from . import PageId
from .base import CasePage

if TYPE_CHECKING:
    from ..case_state import CaseState


class PatientPage(CasePage):
    def __init__(self, state: CaseState, weight_unit: str = "kg") -> None:
        super().__init__(state, "Patient",
                         "Who this plan is for. Leave anything not known empty; the plan lists "
                         "what is missing.")
        self.add(TextBinding(state, "patient.display_name", "e.g. Bed 12 / MRN 0042"))
        self.add(NumberBinding(state, "patient.age_years", "years (0 to 120)"))
        self.add(NumberBinding(state, "patient.age_days",
                               "days (0 to 365), infants under one year"),
                 "Infants: also give the age in days")
        self.weight: WeightBinding = self.add(
            WeightBinding(state, "patient.weight_kg", unit=weight_unit, label_text="weight"))
        self.add(ChoiceBinding(state, "patient.sex",
                               [("female", "Female"), ("male", "Male"), ("other", "Other")]))
        self.grid.setRowStretch(self._row, 1)

    def nextId(self) -> int:  # the next pages are added once the core has loaded
        return PageId.PRESENTATION
