"""The plan builder: the parts in their order (``run``), the pathway and the prognosis gate,
and the plan they make (:func:`build_plan`)."""

from __future__ import annotations

from datetime import date

from .. import __version__, i18n
from .. import content as c
from ..models import (
    Alert,
    Case,
    EtiologyCategory,
    Pathway,
    Plan,
    Severity,
    TranslationReview,
)
from .doses import Doses
from .infectious import Infectious
from .malignant import Malignant
from .schedule import (
    surveillance_dates,
)
from .sentences import IT, Sentences
from .workup import Workup

_SEVERITY_ORDER = {Severity.stop: 0, Severity.warning: 1, Severity.info: 2}


class _Builder(Workup, Infectious, Malignant, Doses, Sentences):
    """Decides the plan: each part (workup, pathways, doses) adds its items; ``run``
    orders them and makes the plan."""

    # --- the guideline ------------------------------------------------------------------
    def run(self) -> Plan:
        self.pathway = self._pathway()
        self._entry_checks()
        self._urgent()
        self._workup()
        self._lp_safety()
        self._csf()
        self._culture_yield()
        {
            Pathway.tuberculous: self._tuberculous,
            Pathway.fungal: self._fungal,
            Pathway.bacterial: self._bacterial,
            Pathway.neurosarcoidosis: self._neurosarcoidosis,
            Pathway.malignant_good_prognosis: self._malignant_good,
            Pathway.malignant_poor_prognosis: self._malignant_poor,
            Pathway.malignant_prognosis_unknown: self._malignant_unknown,
            Pathway.undetermined: self._undetermined,
        }[self.pathway]()
        if self._ceftriaxone_applies():
            self._ceftriaxone()
        self._intrathecal_pitfalls()
        self._leukoencephalopathy()
        self._surgery()
        self._monitoring()
        self.note("review.lp_anticoagulation")
        self._review_dates()
        if self.weight_based:
            self.gap("gap.dose_rounding")
        # The act-now alert first of all (it blocks only the waiting), then by severity.
        self.alerts.sort(key=lambda a: (a.id != "urgent.antibiotics_now",
                                        _SEVERITY_ORDER[a.severity]))
        self.alerts = _unique_refs(self.alerts)
        self.schedule.sort(key=lambda s: s.date)
        review = i18n.review(self.lang)
        return Plan(
            content_version=c.CONTENT_VERSION,
            content_sha256=c.content_sha256(self.site, self.lang),
            language=self.lang,
            translation_review=None if review.status == "source" else TranslationReview(
                **review.as_dict()),
            app_version=__version__,
            case_sha256=self.case.sha256(),
            pathway=self.pathway,
            age_group=self.case.patient.age_group,
            missing=self.missing,
            lp_verdict=self.lp_verdict,
            alerts=self.alerts,
            findings=self.findings,
            recommendations=self.recs,
            doses=self.doses,
            radiotherapy=self.radiotherapy,
            schedule=self.schedule,
            review_notes=self.notes,
            gaps=self.gaps,
            site_defaults=self.site_used,
            entry_checks=self.checks,
        )

    def _pathway(self) -> Pathway:
        category = self.case.etiology.category
        if category is None:
            self.need("etiology.category")
            return Pathway.undetermined
        if category is not EtiologyCategory.malignant:
            return Pathway(category.value)
        self.gate, self.gate_reason = self._prognosis_gate()
        return self.gate

    def _prognosis_gate(self) -> tuple[Pathway, str]:
        p = self.case.prognosis
        kps, le = p.kps, p.life_expectancy_months
        le_min = c.LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS
        if p.dying:
            return Pathway.malignant_poor_prognosis, self.t("gate_dying")
        if le is not None and le < le_min:
            return Pathway.malignant_poor_prognosis, self.t(
                "gate_le_below", le=self.months(le, le_min), le_min=self.months(le_min, le_min))
        if self.case.patient.age_group is None:
            self.need("patient.age_years")
            return Pathway.malignant_prognosis_unknown, self.t("gate_age_missing")
        if self.child:
            # The gate's Karnofsky score is an adult scale (children: Lansky) [5, 6].
            self.gap("gap.child_prognosis")
            self.child_silent("silent_child_gate", "review.lansky", (5,),
                              blocks=(IT,) if self.case.planned.intrathecal_chemotherapy else ())
            self.note("review.paediatric_it")
            self.note("review.paediatric_rt")
            return Pathway.malignant_prognosis_unknown, self.t("gate_child")
        if kps is not None and kps < c.KPS_GOOD_MIN:
            return Pathway.malignant_poor_prognosis, self.t("gate_kps_below", kps=str(kps),
                                                            kps_min=str(c.KPS_GOOD_MIN))
        if kps is not None and le is not None and le > le_min:
            return Pathway.malignant_good_prognosis, ""
        reasons = []
        if kps is None:
            self.need("prognosis.kps")
            reasons.append(self.t("gate_kps_missing"))
        if le is None:
            self.need("prognosis.life_expectancy_months")
            reasons.append(self.t("gate_le_missing"))
        elif le == le_min:
            reasons.append(self.t("gate_le_exact", le=self.months(le_min, le_min)))
        return Pathway.malignant_prognosis_unknown, i18n.semicolons(self.lang, reasons)

    def _undetermined(self) -> None:
        state = self.t("state_not_entered" if self.case.etiology.category is None
                       else "state_undetermined")
        self.rec("undetermined.etiology", state=state)
        self.gap("gap.undetermined", state=state)

    def _review_dates(self) -> None:
        """The earliest stop on the rows of the drugs of a dated minimum course."""
        course = {Pathway.tuberculous: {"isoniazid", "rifampin", "pyrazinamide", "ethambutol"},
                  Pathway.bacterial: {"ceftriaxone"}}.get(self.pathway, set())
        if self.end_of_minimum is None or not course:
            return
        self.doses = [d.model_copy(update={"review_date": self.end_of_minimum})
                      if d.drug in course else d for d in self.doses]

    # --- surgery and monitoring ---------------------------------------------------------
    def _surgery(self) -> None:
        pres = self.case.presentation
        if pres.symptomatic_hydrocephalus:
            self.rec("surgery.vp_shunt")
        elif pres.raised_icp:
            self.gap("gap.shunt_raised_icp_only")
        if pres.vertebral_body_involvement:
            if pres.spinal_instability is None:
                self.need("presentation.spinal_instability")
            elif pres.spinal_instability:
                self.rec("surgery.stabilisation")
                self.rec("surgery.titanium")
            else:
                self.gap("gap.vertebral_stable")

    def _monitoring(self) -> None:
        treated = self.pathway in (Pathway.tuberculous, Pathway.bacterial, Pathway.fungal,
                                   Pathway.neurosarcoidosis, Pathway.malignant_good_prognosis)
        # Surveillance monitors treatment response [2, 9]: not for best supportive care.
        if self.pathway is not Pathway.malignant_poor_prognosis:
            self.rec("monitoring.mri")
        if not treated:
            return
        start = (self._antimicrobial_start() if self.pathway is Pathway.bacterial
                 else self._start())
        if start is None:
            return
        self.used("mri_surveillance_interval_weeks")
        listed = None
        if self.end_of_minimum is None:
            listed = self.site.mri_surveillance_dates_listed
            self.used("mri_surveillance_dates_listed")
            self.gap("gap.surveillance_end", n=str(listed))
        dates = surveillance_dates(start, self.site.mri_surveillance_interval_weeks,
                                   self.end_of_minimum, listed)
        for when, moved_from in self.working_days(dates):
            self.add_schedule(when, self.t("sched_mri"), "surveillance", (2, 9),
                              moved_from=moved_from)


def _unique_refs(alerts: list[Alert]) -> list[Alert]:
    """Every alert's ``ref`` unique in the plan (acknowledgements name it): a rule raised twice
    without a qualifier gets ``#2``, ``#3`` in the plan's order (the rules qualify the rules
    that can repeat; this is the net under them)."""
    seen: dict[str, int] = {}
    out = []
    for a in alerts:
        n = seen[a.ack_id] = seen.get(a.ack_id, 0) + 1
        out.append(a if n == 1 else a.model_copy(update={"ref": f"{a.ack_id}#{n}"}))
    return out


def build_plan(case: Case, site: c.SiteDefaults | None = None, *, lang: str = "en",
               today: date | None = None) -> Plan:
    """The plan the guideline gives for ``case``, its texts in ``lang`` (en, fr, pt). Pure:
    same case, site, language and day, same plan; the decisions do not depend on the language.
    ``today``: the workstation's local date the plan is made on; it only tells a planned
    treatment start still to come from one already reached (``None``: any planned date)."""
    return _Builder(case, site or c.SiteDefaults(), lang, today).run()
