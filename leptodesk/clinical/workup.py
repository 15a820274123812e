"""Entry checks, the act-now alert, the diagnostic workup, lumbar-puncture safety and the
CSF results.
"""

from __future__ import annotations

import math
from datetime import timedelta

from .. import content as c
from .. import i18n
from ..models import (
    AgeGroup,
    EtiologyCategory,
    LmwhStatus,
    LpVerdict,
    MriStatus,
    Severity,
)
from .sentences import LP, Sentences, round_half_up


class Workup(Sentences):
    """A part of the plan builder (:class:`~leptodesk.clinical.builder._Builder`)."""

    # --- entries that contradict each other or are implausible --------------------------
    def _entry_checks(self) -> None:
        patient, pres, prog = self.case.patient, self.case.presentation, self.case.prognosis
        w, group = patient.weight_kg, patient.age_group
        if w is not None and group is not None:
            infant = patient.age_years == 0 or patient.age_days is not None
            if group is AgeGroup.child and infant:
                name, label = "weight_kg_infant", self.t("group_infant")
            else:
                name, label = {AgeGroup.neonate: ("weight_kg_neonate", self.t("group_neonate")),
                               AgeGroup.child: ("weight_kg_child",
                                                self._text("msg:group_child", {})),
                               AgeGroup.adult: ("weight_kg_adult", self.t("group_adult"))}[group]
            low, high = getattr(self.site, name)
            if patient.neonate_status_unknown:  # may be a neonate: either range may hold
                low = min(low, self.site.weight_kg_neonate[0])
            if not low <= w <= high:
                kg_if_lb = w * c.KG_PER_LB
                lb = (self.t("lb_hint", kg=self.n(round(kg_if_lb, 1)))
                      if low <= kg_if_lb <= high else "")
                self.used(name)
                self.check("entry.weight_for_age", ["patient.weight_kg", "patient.age_years"],
                           Severity.stop, site_default=name, weight=self.n_vs(
                               w, high if w > high else low),
                           group=label, low=self.n(low), high=self.n(high), name=name, lb=lb)
        if (self.case.etiology.category is EtiologyCategory.bacterial
                and pres.suspected_bacterial_meningitis is False):
            self.check("entry.bacterial_not_suspected", ["etiology.category",
                       "presentation.suspected_bacterial_meningitis"])
        if prog.dying and prog.kps is not None and prog.kps >= c.KPS_GOOD_MIN:
            self.check("entry.dying_kps", ["prognosis.dying", "prognosis.kps"],
                       kps=str(prog.kps), kps_min=str(c.KPS_GOOD_MIN))
        le, le_min = prog.life_expectancy_months, c.LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS
        if prog.dying and le is not None and le > le_min:
            self.check("entry.dying_life_expectancy", ["prognosis.dying",
                       "prognosis.life_expectancy_months"], le=self.months(le, le_min),
                       le_min=self.months(le_min, le_min))
        category = self.case.etiology.category
        if self.case.lp.cytology == "positive" and category not in (
                None, EtiologyCategory.malignant, EtiologyCategory.undetermined):
            self.check("entry.cytology_positive", ["lp.cytology", "etiology.category"],
                       category=self.t(f"etiology_{category.value}"))
        if pres.spinal_instability and pres.vertebral_body_involvement is False:
            self.check("entry.instability_without_vertebral", [
                "presentation.spinal_instability", "presentation.vertebral_body_involvement"])

    # --- urgent -------------------------------------------------------------------------
    def _bacterial_question_relevant(self) -> bool:
        """Whether bacterial meningitis is in question: not when another etiology is known."""
        return self.case.etiology.category in (None, EtiologyCategory.undetermined,
                                               EtiologyCategory.bacterial)

    def _urgent(self) -> None:
        pres = self.case.presentation
        bacterial = self.case.etiology.category is EtiologyCategory.bacterial
        signs = [self.t(s) for s, on in (("sign_sepsis", pres.severe_sepsis),
                                         ("sign_rash", pres.rapidly_evolving_rash)) if on]
        if pres.suspected_bacterial_meningitis is None and not bacterial:
            if self._bacterial_question_relevant() or signs:
                self.need("presentation.suspected_bacterial_meningitis")
            if signs:
                self.alert("urgent.assess_bacterial", signs=self.both("list_and", signs))
        if not (pres.suspected_bacterial_meningitis or bacterial):
            return
        if pres.severe_sepsis is None:
            self.need("presentation.severe_sepsis")
        if pres.rapidly_evolving_rash is None:
            self.need("presentation.rapidly_evolving_rash")
        started = self.case.antibiotics_started_at
        if started is None:
            # Suspected is enough: "start empiric IV antibiotics immediately" [2], within the
            # first hour with severe sepsis [2]; not waiting for CT or LP with sepsis or rash.
            who = self.t("who_suspected" if pres.suspected_bacterial_meningitis
                         else "who_bacterial")
            self.alert("urgent.antibiotics_now", who=who,
                       signs=self.t("with_signs", signs=self.both("list_and", signs))
                       if signs else "",
                       hour=self.t("hour_first") if pres.severe_sepsis else "",
                       no_wait=self.t("no_wait_ct_lp") if signs else "",
                       started=self.t("no_start_time"),
                       citations=(2, 4) if pres.severe_sepsis else (2,),
                       blocks=("waiting_for_ct_or_lp",))
            # A planned start still to come contradicts the dose due now. Only the day the plan
            # is made on says which dates are still to come; without it, every planned date is
            # named (the safe side).
            planned_start = self.case.planned.treatment_start_date
            if planned_start is not None and (self.today is None or planned_start > self.today):
                self.check("entry.start_while_antibiotics_due",
                           ["planned.treatment_start_date", "antibiotics_started_at"],
                           Severity.stop, date=self.date(planned_start))
            if pres.severe_sepsis:
                self.alert("pitfall.ct_delay", blocks=("ct_before_antibiotics",),
                           pct=str(c.CT_SHARE_OF_UNNECESSARY_DELAYS_PERCENT))
        self.rec("bact.empiric")

    # --- workup -------------------------------------------------------------------------
    def _workup(self) -> None:
        img = self.case.imaging
        status = img.mri_whole_spine_gadolinium
        if status is None:
            self.need("imaging.mri_whole_spine_gadolinium")
            text = self.t("mri_status_missing")
        elif status is MriStatus.done:
            text = self.t({True: "mri_done_with", False: "mri_done_without",
                           None: "mri_done"}[img.leptomeningeal_enhancement])
        else:
            text = self.t(f"mri_{status.value}")
        self.rec("workup.mri", status=text)
        self.rec("workup.mri_sequences")
        if status is MriStatus.not_done:
            self.alert("workup.mri_not_done")
        self.rec("workup.lp")
        self.rec("workup.csf_volume")
        vol = self.case.lp.volume_ml
        if vol is not None and vol < c.CSF_MIN_VOLUME_ML_LOW:
            self.alert("workup.csf_volume_low", volume=self.n_vs(vol, c.CSF_MIN_VOLUME_ML_LOW),
                       low=self.n(c.CSF_MIN_VOLUME_ML_LOW), high=self.n(c.CSF_MIN_VOLUME_ML_HIGH))
        self.rec("workup.csf_tests")
        lp = self.case.lp
        if lp.cytology == "negative":
            if lp.suspicion_of_malignancy is None:
                self.need("lp.suspicion_of_malignancy")
            elif lp.suspicion_of_malignancy == "high":
                self.rec("workup.second_lp")

    def _lp_safety(self) -> None:
        s, pres = self.case.lp_safety, self.case.presentation
        reasons: list[str] = []
        unknown: list[str] = []
        plt_min, inr_max = c.LP_MIN_PLATELETS_10E9_PER_L, c.LP_MAX_INR
        h_min = c.LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH
        if s.platelets_10e9_per_l is None:
            unknown.append("lp_safety.platelets_10e9_per_l")
        elif s.platelets_10e9_per_l < plt_min:
            reasons.append(self.t("reason_platelets", value=self.n_vs(
                s.platelets_10e9_per_l, plt_min), limit=self.n(plt_min)))
        if s.inr is None:
            unknown.append("lp_safety.inr")
        elif s.inr > inr_max:
            reasons.append(self.t("reason_inr", value=self.n_vs(s.inr, inr_max),
                                  limit=self.n(inr_max)))
        h = s.hours_since_prophylactic_lmwh
        notes: list[str] = []
        if s.prophylactic_lmwh is None:
            unknown.append("lp_safety.prophylactic_lmwh")
        elif s.prophylactic_lmwh is LmwhStatus.given:
            if h is None:
                unknown.append("lp_safety.hours_since_prophylactic_lmwh")
            elif h < h_min:
                reasons.append(self.t("reason_lmwh", value=self.n_vs(h, h_min),
                                      limit=self.n(h_min)))
        if s.infection_at_lp_site is None:
            unknown.append("lp_safety.infection_at_lp_site")
        elif s.infection_at_lp_site:
            reasons.append(self.t("reason_infection"))
        if pres.severe_sepsis is None:
            unknown.append("presentation.severe_sepsis")
        elif pres.severe_sepsis:
            reasons.append(self.t("reason_sepsis"))
        # After the LP, its safety questions matter only for a further one (a second LP, or
        # lumbar intrathecal injection).
        performed = self.case.lp.performed_at is not None
        further = "workup.second_lp" in {r.id for r in self.recs} or (
            bool(self.case.planned.intrathecal_chemotherapy)
            and not self.case.planned.ommaya_reservoir)
        ask = not performed or further
        if ask:
            for path in unknown:
                self.need(path)
        if reasons:
            status = "contraindicated"
            self.alert("lp.contraindicated", blocks=(LP,),
                       reasons=self.t("contraindicated_by",
                                      reasons=i18n.semicolons(self.lang, reasons)))
        elif unknown:
            status = "incomplete"
            if ask:
                self.alert("lp.safety_incomplete",
                           blocks=("lumbar_puncture_until_confirmed_safe",),
                           unknown=", ".join(self.label(p) for p in unknown),
                           which=self.t("which_further" if performed else "which_an"),
                           platelets=self.n(plt_min), inr=self.n(inr_max), hours=self.n(h_min))
        else:
            status = "no_contraindication_entered"
        self.lp_verdict = LpVerdict(status=status, reasons=reasons, unknown=unknown, notes=notes)

    def _csf(self) -> None:
        lp = self.case.lp
        if lp.performed_at is not None:
            for name in ("csf_glucose", "serum_glucose", "csf_protein", "wbc_per_ul", "cytology"):
                if getattr(lp, name) is None:
                    self.need(f"lp.{name}")
        if lp.csf_glucose and lp.serum_glucose:
            csf, serum = lp.csf_glucose.mg_dl, lp.serum_glucose.mg_dl
            ratio = round(csf / serum, 9)
            low = ratio < c.CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW
            shown = f"{round_half_up(ratio, 2):.2f}"
            if (float(shown) < c.CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW) != low:
                # 0.496 would show as 0.50 yet is below half: show it truncated, 0.496 -> "0.496"
                shown = f"{math.floor(ratio * 1000) / 1000:.3f}"
            verdict = self.t("glucose_low" if low else "glucose_not_low")
            self.finding("csf.glucose_ratio", ratio=i18n.localize_number(shown, self.lang),
                         csf=self.n(round(csf, 1)), serum=self.n(round(serum, 1)),
                         verdict=verdict)
        elif lp.csf_glucose or lp.serum_glucose:
            self.need("lp.serum_glucose" if lp.csf_glucose else "lp.csf_glucose")
        if lp.csf_protein:
            protein = round(lp.csf_protein.mg_dl, 6)
            elevated = protein > c.CSF_PROTEIN_ELEVATED_ABOVE_MG_DL
            limit = c.CSF_PROTEIN_ELEVATED_ABOVE_MG_DL
            verdict = (self.t("protein_elevated") if elevated
                       else self.t("protein_not_above", limit=self.n(limit)))
            self.finding("csf.protein", protein=self.n_vs(protein, limit), verdict=verdict)
        if lp.wbc_per_ul is not None:
            self.used("pleocytosis_wbc_above_per_ul")
            self.used("lymphocytic_above_percent")
            pleo = lp.wbc_per_ul > self.site.pleocytosis_wbc_above_per_ul
            lymph = lp.lymphocyte_percent
            if not pleo:
                verdict = self.t("pleo_none")
            elif lymph is None:
                verdict = self.t("pleo_lymph_missing")
                self.need("lp.lymphocyte_percent")
            elif lymph > self.site.lymphocytic_above_percent:
                verdict = self.t("pleo_lymphocytic")
            else:
                verdict = self.t("pleo_not_lymphocytic")
            self.finding("csf.pleocytosis", site_default="pleocytosis_wbc_above_per_ul",
                         wbc=str(lp.wbc_per_ul),
                         lymph=self.t("lymph_share", pct=self.n_vs(
                             lymph, self.site.lymphocytic_above_percent))
                         if lymph is not None else "",
                         verdict=verdict, wbc_limit=self.n(self.site.pleocytosis_wbc_above_per_ul),
                         lymph_limit=self.n(self.site.lymphocytic_above_percent))
        if lp.opening_pressure_cm_h2o is not None:
            self.used("opening_pressure_upper_normal_cm_h2o")
            limit = self.site.opening_pressure_upper_normal_cm_h2o
            op = lp.opening_pressure_cm_h2o
            self.finding("csf.opening_pressure",
                         site_default="opening_pressure_upper_normal_cm_h2o",
                         op=self.n_vs(op, limit), limit=self.n(limit),
                         verdict=self.t("op_elevated" if op > limit else "op_not_elevated"))

    def _culture_yield(self) -> None:
        started = self.case.antibiotics_started_at
        if started is None:
            return
        performed = self.case.lp.performed_at
        y4, y_after4, y8 = (c.CULTURE_YIELD_WITHIN_4H_PERCENT, c.CULTURE_YIELD_AFTER_4H_PERCENT,
                            c.CULTURE_YIELD_AFTER_8H_PERCENT)
        h4, h8 = c.CULTURE_YIELD_HOURS
        if performed is None:
            if self.lp_verdict.status == "contraindicated":
                return  # no LP deadline beside "do not perform LP"
            fmt = self.when
            text = self.t("yield_pending", started=fmt(started), h4=h4, h8=h8, y4=y4,
                          y_after4=y_after4, y8=y8, by4=fmt(started + timedelta(hours=h4)),
                          from8=fmt(started + timedelta(hours=h8)))
        else:
            hours = (performed - started).total_seconds() / 3600
            if hours < 0:
                text = self.t("yield_lp_before", h4=h4, h8=h8, y4=y4, y_after4=y_after4, y8=y8)
            else:
                if hours <= h4:
                    pct, when = y4, self.t("within_h", h=h4)
                elif hours <= h8:
                    pct, when = y_after4, self.t("after_h", h=h4)
                else:
                    pct, when = y8, self.t("after_h", h=h8)
                minutes = round((performed - started).total_seconds() / 60)
                text = self.t("yield_lp_after", h=minutes // 60, m=f"{minutes % 60:02d}",
                              when=when, pct=pct)
        self.alert("bact.culture_yield", text=text)
