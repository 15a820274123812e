"""The malignant pathways by prognosis, the intrathecal methotrexate course and its
calendar, and the pitfalls of intrathecal chemotherapy and radiotherapy.
"""

from __future__ import annotations

from .. import content as c
from .. import i18n
from ..models import (
    Dose,
    DoseNote,
    DoseRoute,
    EtiologyCategory,
    MriStatus,
    Pathway,
    PrimaryCancer,
    Radiotherapy,
    Severity,
)
from .schedule import (
    intrathecal_methotrexate_calendar,
)
from .sentences import IT, LP, LP_JUDGEMENTS, Sentences


class Malignant(Sentences):
    """A part of the plan builder (:class:`~leptodesk.clinical.builder._Builder`)."""

    def _malignant_good(self) -> None:
        p, pres = self.case.prognosis, self.case.presentation
        le_min = c.LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS
        self.rec("mal.gate_good", kps=str(p.kps),
                 le=self.months(p.life_expectancy_months or 0, le_min))
        cancer = self.case.etiology.primary_cancer
        if cancer is None:
            self.need("etiology.primary_cancer")
            self.gap("gap.primary_cancer")
            agent = ""
        elif cancer is PrimaryCancer.other:
            self.gap("gap.systemic_agent_other")
            agent = ""
        else:
            agent = " " + i18n.tr(self.lang, f"agent:{cancer.value}")
        self.rec("mal.systemic", agent=agent)
        lesions = self._symptomatic_lesions()
        rt = dict(gy_min=self.n(c.RT_TOTAL_GY[0]), gy_max=self.n(c.RT_TOTAL_GY[1]),
                  fx_min=str(c.RT_FRACTIONS[0]), fx_max=str(c.RT_FRACTIONS[1]))
        if lesions:
            self.rec("mal.focal_rt", lesions=", ".join(lesions), **rt)
            self.radiotherapy = Radiotherapy(
                total_dose_gy_min=c.RT_TOTAL_GY[0], total_dose_gy_max=c.RT_TOTAL_GY[1],
                fractions_min=c.RT_FRACTIONS[0], fractions_max=c.RT_FRACTIONS[1],
                indication=", ".join(lesions), citations=[5])
        else:
            self.rec("mal.focal_rt_indications", **rt)
        detail = {True: self.t("deposits_recorded"), False: self.t("deposits_absent"),
                  None: self.t("deposits_not_recorded")}[pres.thin_linear_deposits]
        self.rec("mal.intrathecal", detail=detail)
        planned = self.case.planned.intrathecal_chemotherapy
        if planned:
            self._intrathecal_course()
        elif (pres.thin_linear_deposits and pres.csf_flow_obstruction is False
              and pres.symptomatic_hydrocephalus is False
              and not self.case.planned.craniospinal_radiotherapy
              and self.case.imaging.mri_whole_spine_gadolinium is MriStatus.done):
            # Indicated [5] but not planned: give the regimen and ask.
            if planned is None:
                self.need("planned.intrathecal_chemotherapy")
            self.rec("mal.it_methotrexate", **self._it_numbers(),
                     route=self.t("it_unanswered" if planned is None else "it_not_planned"))
            self.rec("mal.ommaya", status="")

    def _it_numbers(self) -> dict[str, str]:
        return dict(mg=self.n(c.IT_METHOTREXATE_MG), twice=str(c.IT_TWICE_WEEKLY_WEEKS),
                    weekly=str(c.IT_WEEKLY_WEEKS))

    def _intrathecal_course(self) -> None:
        pres, planned = self.case.presentation, self.case.planned
        ommaya = planned.ommaya_reservoir
        self.rec("mal.ommaya", status=self.t({True: "ommaya_recorded", False: "ommaya_absent",
                                              None: "ommaya_not_recorded"}[ommaya]))
        if (pres.csf_flow_obstruction or pres.symptomatic_hydrocephalus
                or planned.craniospinal_radiotherapy):
            return  # stop alerts (added by the pitfall rules) say why
        if not ommaya and self.lp_verdict.status == "contraindicated":
            self.alert("it.lumbar_route_lp_unsafe", blocks=(IT, LP),
                       reasons=i18n.semicolons(self.lang, self.lp_verdict.reasons))
            return
        # A prohibition [5, 6] whose question is unanswered blocks the dates until it is
        # answered: the clinician decides it, never a nurse's tick box.
        unanswered = [path for path, value in (
            ("presentation.csf_flow_obstruction", pres.csf_flow_obstruction),
            ("presentation.symptomatic_hydrocephalus", pres.symptomatic_hydrocephalus),
            ("planned.craniospinal_radiotherapy", planned.craniospinal_radiotherapy))
            if value is None]
        for path in unanswered:
            self.need(path)
        mri_done = self.case.imaging.mri_whole_spine_gadolinium is MriStatus.done
        if not mri_done:
            # The workup comes before treatment [1]; deposits and CSF flow are judged on it [5].
            self.alert("it.not_scheduled", blocks=(IT,), reason=self.t("reason_mri_not_done"))
        if unanswered:
            crt_only = unanswered == ["planned.craniospinal_radiotherapy"]
            self.alert("it.prohibition_unanswered", blocks=(IT,),
                       citations=(5,) if crt_only else (5, 6),
                       fields=", ".join(self.label(p) for p in unanswered))
        if unanswered or not mri_done:
            return
        # A lumbar dose is a lumbar puncture. Infection at the LP site and severe sepsis
        # contraindicate it [2] and are the clinician's judgement: unanswered, they block the
        # dates (never a nurse's check). The laboratory values and the LMWH interval are
        # checked on the day, beside each dose, below.
        judged = [p for p in self.lp_verdict.unknown if p in LP_JUDGEMENTS]
        if not ommaya and judged:
            self.alert("it.lp_safety_unanswered", blocks=(IT,),
                       fields=", ".join(self.label(p) for p in judged))
            return
        code = DoseRoute.intraventricular_ommaya if ommaya else DoseRoute.intrathecal_lumbar
        route = self.t(f"route_{code.value}")
        n = self._it_numbers()
        self.rec("mal.it_methotrexate", route=self.t("route_sentence", route=route), **n)
        # A lumbar dose is a lumbar puncture: its contraindications [2] are checked at the
        # bedside before each dose (values of the day, not of the day the plan was made).
        lp_checks = [] if ommaya else [
            self.t("lp_check_platelets", limit=self.n(c.LP_MIN_PLATELETS_10E9_PER_L)),
            self.t("lp_check_inr", limit=self.n(c.LP_MAX_INR)),
            self.t("lp_check_lmwh", limit=self.n(c.LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH))]
        notes = [DoseNote(id="it.lp_checks", severity=Severity.warning,
                          text=self.t("lp_checks_note", checks="; ".join(lp_checks)))
                 ] if lp_checks else []
        self.doses.append(Dose(drug="methotrexate", route=route, route_code=code,
                               amount_mg=c.IT_METHOTREXATE_MG,
                               frequency=self.t("freq_it", twice=n["twice"], weekly=n["weekly"]),
                               doses_per_day=None, daily_total_mg=None,
                               basis=self.t("basis_it", mg=n["mg"]), capped=False,
                               citations=[5], start_date=self.case.planned.treatment_start_date,
                               notes=notes))
        start = self._start()
        if start is None:
            return
        self.used("it_twice_weekly_second_dose_day")
        self.used("it_monthly_doses_listed")
        self.gap("gap.it_monthly_end", n=str(self.site.it_monthly_doses_listed))
        course = intrathecal_methotrexate_calendar(
            start, self.site.it_twice_weekly_second_dose_day, self.site.it_monthly_doses_listed)
        moved = self.working_days([when for when, *_ in course])
        for (when, moved_from), (_, phase, index, of) in zip(moved, course, strict=True):
            label = self.t(f"it_label_{phase}", n=index, total=of)
            mg_text = self.n(c.IT_METHOTREXATE_MG)
            self.add_schedule(when, self.t("sched_it", mg=mg_text, label=label),
                              "intrathecal_dose", (5,),
                              short=self.t("sched_it_short", mg=mg_text, label=label),
                              checks=lp_checks, moved_from=moved_from)

    def _malignant_poor(self) -> None:
        self.rec("mal.gate_poor", reason=self.gate_reason)
        self.rec("mal.poor_rt")
        self.gap("gap.rt_poor_dose")
        if self.case.planned.intrathecal_chemotherapy and not self.case.prognosis.dying:
            self.alert("it.not_scheduled", blocks=(IT,),
                       reason=self.t("reason_poor_prognosis", reason=self.gate_reason))

    def _malignant_unknown(self) -> None:
        self.alert("mal.gate_unknown", reason=self.gate_reason)
        self.gap("gap.prognosis", reason=self.gate_reason[0].upper() + self.gate_reason[1:])
        if self.case.etiology.primary_cancer is None:
            self.need("etiology.primary_cancer")
        if self.case.planned.intrathecal_chemotherapy:
            self.alert("it.not_scheduled", blocks=(IT,), reason=self.t("reason_gate_undecided"))
        if self._symptomatic_lesions():
            self.gap("gap.rt_gate_undecided", lesions=", ".join(self._symptomatic_lesions()))

    def _symptomatic_lesions(self) -> list[str]:
        pres = self.case.presentation
        return [self.t(name) for name, on in (
            ("lesion_cranial", pres.cranial_neuropathy),
            ("lesion_cord", pres.spinal_cord_compression),
            ("lesion_nodular", pres.nodular_disease)) if on]

    # --- pitfalls for intrathecal chemotherapy and radiotherapy -------------------------
    def _intrathecal_pitfalls(self) -> None:
        pres, planned = self.case.presentation, self.case.planned
        if planned.intrathecal_chemotherapy and not self.pathway.value.startswith("malignant"):
            self.alert("it.not_scheduled", blocks=(IT,), reason=self.t("reason_not_malignant"))
        relevant = bool(planned.intrathecal_chemotherapy) or self.case.etiology.category is (
            EtiologyCategory.malignant)
        if not relevant:
            return
        if pres.csf_flow_obstruction:
            self.alert("it.flow_obstruction", blocks=(IT,))
        if pres.symptomatic_hydrocephalus:
            self.alert("it.hydrocephalus", blocks=(IT,))
        if self.case.prognosis.dying:
            self.alert("it.dying", blocks=(IT,))

    def _leukoencephalopathy(self) -> None:
        planned = self.case.planned
        if not planned.craniospinal_radiotherapy:
            return
        chemo = [self.t(name) for name, on in (
            ("chemo_it", planned.intrathecal_chemotherapy),
            ("chemo_systemic_mtx", planned.systemic_methotrexate)) if on]
        if chemo:
            blocks = ("craniospinal_radiotherapy_with_chemotherapy",) + (
                (IT,) if planned.intrathecal_chemotherapy else ())
            self.alert("pitfall.leukoencephalopathy", blocks=blocks,
                       chemo=self.both("list_or", chemo))
        elif self.pathway is Pathway.malignant_good_prognosis:
            self.alert("pitfall.leukoencephalopathy", severity=Severity.warning,
                       chemo=self.t("chemo_recommended"))
        elif self.pathway is Pathway.neurosarcoidosis:
            self.alert("pitfall.leukoencephalopathy", severity=Severity.warning,
                       chemo=self.t("chemo_sarc"))
