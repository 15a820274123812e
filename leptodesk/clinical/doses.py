"""Doses from weight and age: prednisone and ceftriaxone, with their caps, the review notes
on their rows, and no computed dose where the guideline gives none for the patient.
"""

from __future__ import annotations

from datetime import date

from .. import content as c
from ..models import (
    AgeGroup,
    CeftriaxoneRegimen,
    Dose,
    DoseNote,
    DoseRoute,
    Severity,
)
from .sentences import Sentences


class Doses(Sentences):
    """A part of the plan builder (:class:`~leptodesk.clinical.builder._Builder`)."""

    # --- pathways -----------------------------------------------------------------------
    def _weight(self) -> float | None:
        w = self.case.patient.weight_kg
        if w is None:
            self.need("patient.weight_kg")
        return w

    def _weight_notes(self) -> list[DoseNote]:
        """The weight check on every weight-based dose's row."""
        return [DoseNote(id=k.id, severity=k.severity, text=k.text) for k in self.checks
                if k.id == "entry.weight_for_age"]

    def _prednisone(self, rule_id: str) -> None:
        self.gap("gap.steroid_duration")
        self.gap("gap.prednisone_max")
        per_kg = c.PREDNISONE_MG_PER_KG_DAY
        cites = list(c.TEXTS[rule_id].citations)
        start = self.case.planned.treatment_start_date
        oral = DoseRoute.oral
        if self.case.patient.age_group is None:
            self.need("patient.age_years")
            self.rec(rule_id, dose=self.t("dose_pred_no_age", per_kg=self.n(per_kg)))
            self.doses.append(Dose(drug="prednisone", route=self.t("route_oral"),
                                   route_code=oral, amount_mg=None,
                                   frequency=self.t("freq_not_computed"), daily_total_mg=None,
                                   basis=self.t("basis_adult_regimen", per_kg=self.n(per_kg)),
                                   citations=cites, start_date=start,
                                   no_dose=self.t("why_age"), no_dose_stop=True))
            return
        if self.child:
            # 1 mg/kg/day without a cap is an adult regimen: no computed dose for a child.
            self.rec(rule_id, dose=self.t("dose_child"))
            self.child_silent("silent_prednisone", "review.paediatric_prednisone", (1,),
                              per_kg=self.n(per_kg))
            self.doses.append(Dose(drug="prednisone", route=self.t("route_oral"),
                                   route_code=oral, amount_mg=None,
                                   frequency=self.t("freq_not_computed"), daily_total_mg=None,
                                   basis=self.t("basis_adult_regimen", per_kg=self.n(per_kg)),
                                   citations=cites, start_date=start,
                                   no_dose=self.t("why_child"), no_dose_stop=True,
                                   notes=[self.note_text("review.paediatric_prednisone")]))
            return
        w = self._weight()
        if w is None:
            self.rec(rule_id, dose=self.t("dose_no_weight"))
            self.doses.append(self._not_computed(
                "prednisone", oral, self.t("basis_per_kg", per_kg=self.n(per_kg)), cites,
                start, self.t("why_weight")))
            return
        mg = round(per_kg * w, 1)
        self.weight_based = True
        self.rec(rule_id, dose=self.t("dose_pred_for", w=self.n(w), mg=self.n(mg)))
        notes = self._weight_notes()
        if mg > self.site.prednisone_review_above_mg_per_day:
            self.used("prednisone_review_above_mg_per_day")
            notes.append(self.note_text("review.prednisone_no_max"))
        self.doses.append(Dose(drug="prednisone", route=self.t("route_oral"), route_code=oral,
                               amount_mg=mg, frequency=self.t("freq_once_daily"),
                               doses_per_day=1, daily_total_mg=mg,
                               basis=self.t("basis_per_kg_x", per_kg=self.n(per_kg),
                                            w=self.n(w)), capped=False,
                               citations=cites, start_date=start, notes=notes))

    # --- ceftriaxone --------------------------------------------------------------------
    def _ceftriaxone_applies(self) -> bool:
        return self._bacterial_suspected()

    def _ceftriaxone(self) -> None:
        patient = self.case.patient
        group = patient.age_group
        self.note("review.ceftriaxone_label")
        start = self._antimicrobial_start()
        cites = [3]
        iv = DoseRoute.iv
        if group is None:
            self.need("patient.age_years")
            self.rec("bact.ceftriaxone_adult")
            self.rec("bact.ceftriaxone_child", dose=self.t("dose_no_age"))
            self.doses.append(self._not_computed("ceftriaxone", iv, self.t("basis_by_age"),
                                                 cites, start, self.t("why_age")))
        elif self.possible_neonate:
            # The label contraindications decide this, not a dose: none is computed.
            if group is AgeGroup.neonate:
                who = self.t("who_neonate")
            else:
                self.need("patient.age_days")
                who = self.t("who_maybe_neonate")
            self.rec("bact.ceftriaxone_child", dose=self.t("dose_neonate"))
            self.alert("bact.ceftriaxone_neonate", who=who)
            self.doses.append(Dose(
                drug="ceftriaxone", route=self.t("route_iv"), route_code=iv, amount_mg=None,
                frequency=self.t("freq_not_computed"), daily_total_mg=None,
                basis=self.t("basis_no_neonatal"), citations=cites, start_date=start,
                no_dose=self.t("why_neonate"), no_dose_stop=True,
                notes=[self.note_text("review.ceftriaxone_neonate"),
                       self.note_text("review.ceftriaxone_label")]))
        elif group is AgeGroup.adult:
            self.rec("bact.ceftriaxone_adult")
            total = c.CEFTRIAXONE_ADULT_G_PER_DAY * 1000
            self._ceftriaxone_dose(total, self.t("basis_ceft_adult",
                                                 g=self.n(c.CEFTRIAXONE_ADULT_G_PER_DAY)),
                                   False, start,
                                   [self.note_text("review.ceftriaxone_adult_dose")])
        else:
            w = self._weight()
            per_kg = c.CEFTRIAXONE_CHILD_MG_PER_KG_DAY
            if w is None:
                self.rec("bact.ceftriaxone_child", dose=self.t("dose_no_weight"))
                self.doses.append(self._not_computed(
                    "ceftriaxone", iv, self.t("basis_per_kg", per_kg=self.n(per_kg)), cites,
                    start, self.t("why_weight")))
            else:
                cap_g = c.CEFTRIAXONE_CHILD_MAX_G_PER_DAY
                raw = per_kg * w
                capped = raw > cap_g * 1000
                total = round(cap_g * 1000 if capped else raw, 1)
                self.weight_based = True
                worked = dict(per_kg=self.n(per_kg), w=self.n(w), raw=self.n(round(raw, 1)),
                              cap=self.n(cap_g), total=self.n(total))
                basis = self.t("basis_ceft_child_capped" if capped else "basis_ceft_child",
                               **worked)
                self.rec("bact.ceftriaxone_child", dose=self.t(
                    "dose_ceft_child_capped" if capped else "dose_ceft_child", **worked))
                self._ceftriaxone_dose(total, basis, capped, start, self._weight_notes())
        # A warning at every age; a stop alert in neonates, and in infants whose age in days
        # is unknown (they may be neonates).
        if group is AgeGroup.neonate:
            severity, who = Severity.stop, self.t("who_neonate")
        elif patient.neonate_status_unknown:
            severity, who = Severity.stop, self.t("who_days_treat_neonate")
        elif group is None:
            severity, who = Severity.stop, self.t("who_age_treat_neonate")
        else:
            severity, who = Severity.warning, ""
        self.alert("pitfall.calcium_ceftriaxone", severity=severity, who=who,
                   blocks=("calcium_iv_with_ceftriaxone",))
        # The first dose's time for the bedside: recorded, or due now [2].
        started = self.case.antibiotics_started_at
        self.doses = [d.model_copy(update={"first_dose_at": started,
                                           "first_dose_now": started is None})
                      if d.drug == "ceftriaxone" else d for d in self.doses]

    def _not_computed(self, drug: str, route: DoseRoute, basis: str, citations: list[int],
                      start: date | None, why: str) -> Dose:
        """A drug the plan names without a dose yet: its row says why, as a stop."""
        return Dose(drug=drug, route=self.t(f"route_{route.value}"), route_code=route,
                    amount_mg=None, frequency=self.t("freq_not_computed"),
                    daily_total_mg=None, basis=basis, citations=citations, start_date=start,
                    no_dose=self.t("no_dose_computed", why=why), no_dose_stop=True)

    def _ceftriaxone_dose(self, total: float, basis: str, capped: bool, start: date | None,
                          notes: list[DoseNote]) -> None:
        """The prescriber's interval splits the daily total; none chosen: no single dose."""
        regimen = self.case.planned.ceftriaxone_regimen
        per_day = {CeftriaxoneRegimen.once_daily: 1,
                   CeftriaxoneRegimen.every_12_h: 24 // c.CEFTRIAXONE_DIVIDED_EVERY_H,
                   None: None}[regimen]
        if per_day is None:
            self.need("planned.ceftriaxone_regimen")
            self.alert("dose.interval_not_chosen", total=self.t("mg_per_day", mg=self.n(total)),
                       options=self.t("options_interval", h=c.CEFTRIAXONE_DIVIDED_EVERY_H))
            frequency = self.t("freq_not_chosen")
            amount = None
        else:
            frequency = (self.t("freq_once_24h") if per_day == 1
                         else self.t("freq_every_h", h=c.CEFTRIAXONE_DIVIDED_EVERY_H))
            amount = round(total / per_day, 1)
        self.doses.append(Dose(drug="ceftriaxone", route=self.t("route_iv"),
                               route_code=DoseRoute.iv, amount_mg=amount,
                               frequency=frequency, doses_per_day=per_day, daily_total_mg=total,
                               basis=basis, capped=capped, citations=[3], start_date=start,
                               no_dose=None if amount is not None else
                               self.t("freq_not_chosen"),
                               no_dose_stop=amount is None,
                               notes=notes))
