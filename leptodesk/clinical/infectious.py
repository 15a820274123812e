"""The infectious pathways: tuberculous, fungal and bacterial meningitis, and
neurosarcoidosis; when antimicrobial treatment starts.
"""

from __future__ import annotations

from datetime import date, timedelta

from .. import content as c
from ..models import (
    Dose,
    DoseRoute,
    EtiologyCategory,
    FungalOrganism,
)
from .schedule import (
    add_months,
)
from .sentences import Sentences


class Infectious(Sentences):
    """A part of the plan builder (:class:`~leptodesk.clinical.builder._Builder`)."""

    def _bacterial_suspected(self) -> bool:
        return (self.case.etiology.category is EtiologyCategory.bacterial
                or bool(self.case.presentation.suspected_bacterial_meningitis))

    def _antimicrobial_start(self) -> date | None:
        """Antimicrobial courses count from the recorded antibiotic start, else the plan's.
        With bacterial meningitis suspected and no start recorded the first dose is due now
        [2]: nothing is dated from a planned start, which would date it later."""
        started = self.case.antibiotics_started_at
        if started:
            return started.date()
        if self._bacterial_suspected():
            self.need("antibiotics_started_at")
            return None
        return self._start()

    def _start(self) -> date | None:
        start = self.case.planned.treatment_start_date
        if start is None:
            self.need("planned.treatment_start_date")
        return start

    def _tuberculous(self) -> None:
        self.rec("tb.ripe")
        for drug in ("isoniazid", "rifampin", "pyrazinamide", "ethambutol"):
            self.doses.append(Dose(
                drug=drug, route=self.t("route_oral"), route_code=DoseRoute.oral,
                amount_mg=None, frequency=self.t("freq_see_prescription"),
                daily_total_mg=None, basis=self.t("basis_tb"),
                citations=list(c.TEXTS["tb.ripe"].citations),
                start_date=self.case.planned.treatment_start_date,
                no_dose=self.t("freq_see_prescription")))
        self._prednisone("tb.steroids")
        self.gap("gap.tb_drug_doses")
        self.note("review.tb_steroids")
        start = self._start()
        until = ""
        if start:
            self.end_of_minimum = add_months(start, c.TB_MIN_MONTHS)
            until = self.t("until_tb", date=self.date(self.end_of_minimum))
            self.add_schedule(start, self.t("sched_tb_start"), "milestone", (1,))
            self.add_schedule(self.end_of_minimum, self.t("sched_tb_end",
                                                          months=str(c.TB_MIN_MONTHS)),
                              "milestone", (1,))
        self.rec("tb.duration", until=until)

    def _fungal(self) -> None:
        organism = self.case.etiology.fungal_organism
        if organism is None:
            self.need("etiology.fungal_organism")
            self.rec("fungal.antifungal", organism=self.t("organism_unidentified"))
            self.gap("gap.fungal_organism")
            self.gap("gap.infectious_steroids", cause=self.t("cause_fungal"))
        else:
            name = self.t(f"organism_{organism.value}")
            self.rec("fungal.antifungal", organism=self.t("antifungal_for", organism=name))
            self.gap("gap.antifungal_agent", organism=name)
            if organism is FungalOrganism.coccidioides:
                self.alert("fungal.coccidioides")
            self.gap("gap.infectious_steroids", cause=self.t("cause_organism", organism=name))
            if organism is FungalOrganism.cryptococcus:
                self.note("review.fungal_steroids")
        self.rec("fungal.duration")

    def _bacterial(self) -> None:
        if "bact.empiric" not in {r.id for r in self.recs}:
            self.rec("bact.empiric")
        self.gap("gap.bacterial_other_agents")
        self.gap("gap.infectious_steroids", cause=self.t("cause_bacterial"))
        self.note("review.bacterial_steroids")
        start = self._antimicrobial_start()
        until = ""
        # The 6-week minimum is for a bacterial spinal infection [7, 8] (vertebral body
        # involvement), not for uncomplicated meningitis (4-14 days [3]).
        spinal = self.case.presentation.vertebral_body_involvement
        if spinal is None:
            self.need("presentation.vertebral_body_involvement")
            self.gap("gap.bacterial_spinal_unknown")
        begun = self.t("sched_antimicrobial_recorded" if self.case.antibiotics_started_at
                       else "sched_antimicrobial_start")
        if start and not spinal:
            self.add_schedule(start, begun, "milestone", (3,))
        if start and spinal:
            self.end_of_minimum = start + timedelta(weeks=c.BACTERIAL_SPINAL_MIN_WEEKS)
            until = self.t("until_bact", date=self.date(self.end_of_minimum))
            self.add_schedule(start, begun, "milestone", (7, 8))
            self.add_schedule(self.end_of_minimum, self.t(
                "sched_bact_end", weeks=str(c.BACTERIAL_SPINAL_MIN_WEEKS)), "milestone", (7, 8))
        self.rec("bact.duration_spinal", until=until)
        self.rec("bact.duration_meningitis")
        self.gap("gap.bacterial_duration")

    def _neurosarcoidosis(self) -> None:
        self._prednisone("sarc.steroids")
        self.rec("sarc.maintenance")
        self.rec("sarc.outlook")
        self.gap("gap.sarc_maintenance_doses")
