"""The guideline's rules: turn a case into a plan.

Every item comes from ``content.TEXTS`` (guideline text with citations), ``content.GAPS``
(what the guideline does not say) or ``content.REVIEW_NOTES`` (wider references). This module
decides which apply and fills in the case's numbers; it never writes clinical prose of its own.

Every sentence and every fragment that fills a sentence's placeholder is looked up by key in
the catalogue of the plan's language (``i18n``); the decisions (which ids, severities, blocks,
doses, dates) never depend on the language, only the words do.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from . import __version__, i18n
from . import content as c
from .fields import field_label
from .models import (
    AgeGroup,
    Alert,
    Case,
    CeftriaxoneRegimen,
    Dose,
    DoseNote,
    DoseRoute,
    EntryCheck,
    EtiologyCategory,
    Finding,
    FungalOrganism,
    Gap,
    LmwhStatus,
    LpVerdict,
    MriStatus,
    Pathway,
    Plan,
    PrimaryCancer,
    Radiotherapy,
    Recommendation,
    ReviewNote,
    ScheduleItem,
    Section,
    Severity,
    SiteDefaultUsed,
    TranslationReview,
)
from .schedule import (
    add_months,
    day_off,
    intrathecal_methotrexate_calendar,
    move_off_days,
    surveillance_dates,
)
from .view import numbers

IT = "intrathecal_chemotherapy"
LP = "lumbar_puncture"
# The LP contraindications [2] a clinician judges (the others are values checked on the day).
LP_JUDGEMENTS = frozenset({"lp_safety.infection_at_lp_site", "presentation.severe_sepsis"})

_SEVERITY_ORDER = {Severity.stop: 0, Severity.warning: 1, Severity.info: 2}



def months(value: float, limit: float, lang: str = "en") -> str:
    """A number of months as the language writes it ("1 month", "1,5 mois")."""
    return c.months_text(numbers.number_vs(value, limit, lang), lang)


def round_half_up(value: float, places: int) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


class _Builder:
    def __init__(self, case: Case, site: c.SiteDefaults, lang: str = "en",
                 today: date | None = None) -> None:
        self.case = case
        self.today = today
        self.site = site
        self.lang = i18n.check_language(lang)
        self.numbers = c.numbers(self.lang)
        self.messages = i18n.catalogue(self.lang).messages  # looked up ~100 times a plan
        self.silent: set[str] = set()  # the child.guideline_silent alerts given (by key)
        self.weight_based = False  # a dose was computed from the weight
        self.missing: list[str] = []
        self.alerts: list[Alert] = []
        self.findings: list[Finding] = []
        self.recs: list[Recommendation] = []
        self.doses: list[Dose] = []
        self.schedule: list[ScheduleItem] = []
        self.notes: list[ReviewNote] = []
        self.gaps: list[Gap] = []
        self.site_used: list[SiteDefaultUsed] = []
        self.radiotherapy: Radiotherapy | None = None
        self.end_of_minimum: date | None = None
        self.checks: list[EntryCheck] = []
        group = case.patient.age_group
        # A child, or an infant who may be a neonate: adult-only regimens get no computed dose.
        self.child = group in (AgeGroup.child, AgeGroup.neonate)
        self.possible_neonate = group is AgeGroup.neonate or case.patient.neonate_status_unknown

    # --- words in the plan's language --------------------------------------------------
    def t(self, key: str, **fields: object) -> str:
        """A view text or a fragment that fills a placeholder, in the plan's language."""
        return self.messages[f"msg:{key}"].format(**fields)

    def n(self, value: float) -> str:
        return numbers.number(value, self.lang)

    def n_vs(self, value: float, limit: float) -> str:
        return numbers.number_vs(value, limit, self.lang)

    def months(self, value: float, limit: float) -> str:
        return months(value, limit, self.lang)

    def date(self, value: date) -> str:
        return numbers.sentence_date(value, self.lang)

    def when(self, value: datetime) -> str:
        return numbers.sentence_datetime(value, self.lang)

    def label(self, path: str) -> str:
        return field_label(path, self.lang)

    def both(self, key: str, items: list[str]) -> str:
        """Two items as the language joins them ("a and b"); one as it is."""
        if len(items) == 1:
            return items[0]
        return self.t(key, first=", ".join(items[:-1]), last=items[-1])

    def _text(self, key: str, fields: dict[str, str]) -> str:
        return self.messages[key].format(**{**self.numbers, **fields})

    # --- emitting -----------------------------------------------------------------------
    def need(self, path: str) -> None:
        if path not in self.missing:
            self.missing.append(path)

    def rec(self, rule_id: str, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        self.recs.append(Recommendation(id=rule_id, section=Section(t.group),
                                        text=self._text(f"text:{rule_id}", fields),
                                        citations=list(t.citations)))

    def alert(self, rule_id: str, severity: Severity | None = None, blocks: tuple[str, ...] = (),
              citations: tuple[int, ...] | None = None, qualifier: str | None = None,
              **fields: str) -> None:
        """``qualifier``: a language-free word that tells apart the alerts of a rule that can
        be raised more than once (its ``ref`` is ``rule_id/qualifier``)."""
        t = c.TEXTS[rule_id]
        cited = citations or t.citations
        assert set(cited) <= set(t.citations), rule_id  # only references of its statement
        self.alerts.append(Alert(id=rule_id, severity=severity or Severity(t.group),
                                 text=self._text(f"text:{rule_id}", fields),
                                 citations=list(cited),
                                 blocks=list(blocks),
                                 ref=f"{rule_id}/{qualifier}" if qualifier else rule_id))

    def finding(self, rule_id: str, site_default: str | None = None, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        self.findings.append(Finding(id=rule_id, text=self._text(f"text:{rule_id}", fields),
                                     citations=list(t.citations), site_default=site_default))

    def gap(self, gap_id: str, **fields: str) -> None:
        if all(g.id != gap_id for g in self.gaps):
            self.gaps.append(Gap(id=gap_id, text=self._text(f"gap:{gap_id}", fields)))

    def note(self, note_id: str) -> None:
        if all(n.id != note_id for n in self.notes):
            self.notes.append(ReviewNote(id=note_id, text=self._text(f"note:{note_id}", {}),
                                         source=self._text(f"source:{note_id}", {})))

    def used(self, name: str) -> None:
        if all(s.name != name for s in self.site_used):
            value = getattr(self.site, name)
            if isinstance(value, bool):
                value = self.t("site_on" if value else "site_off")
            elif name == "site_holidays":
                value = ", ".join(self.date(d) for d in value)
            elif isinstance(value, tuple):
                value = "-".join(self.n(v) for v in value)
            self.site_used.append(SiteDefaultUsed(name=name, value=value,
                                                  text=self._text(f"site:{name}", {})))

    def check(self, check_id: str, fields: list[str], severity: Severity = Severity.warning,
              site_default: str | None = None, **values: str) -> None:
        self.checks.append(EntryCheck(id=check_id, severity=severity, fields=fields,
                                      text=self._text(f"check:{check_id}", values),
                                      site_default=site_default))

    def note_text(self, note_id: str) -> DoseNote:
        """A review note for a dose's row (and the plan's list of review notes)."""
        self.note(note_id)
        return DoseNote(id=note_id, severity=Severity.info,
                        text=self._text(f"note:{note_id}", {}),
                        source=self._text(f"source:{note_id}", {}))

    def child_silent(self, what: str, note_id: str, citations: tuple[int, ...],
                     blocks: tuple[str, ...] = (), **fields: str) -> None:
        """``what``: the key of what the guideline is silent on (each said once)."""
        if what not in self.silent:
            self.silent.add(what)
            self.alert("child.guideline_silent", what=self.t(what, **fields),
                       citations=citations, blocks=blocks, qualifier=what)
        self.note(note_id)

    def add_schedule(self, when: date, item: str, kind: str, citations: tuple[int, ...],
                     short: str | None = None, checks: list[str] | None = None,
                     moved_from: date | None = None) -> None:
        off = day_off(when, self.site.site_holidays)
        if off == "holiday":
            self.used("site_holidays")
        self.schedule.append(ScheduleItem(date=when, item=item, kind=kind,
                                          citations=list(citations), short=short,
                                          checks=checks or [], moved_from=moved_from,
                                          day_off=off))

    def working_days(self, days: list[date]) -> list[tuple[date, date | None]]:
        """Intrathecal and surveillance dates moved off weekends and holidays when the site
        says so (site defaults, off by default); each with the date it was moved from."""
        weekends = self.site.move_dates_off_weekends
        holidays = self.site.site_holidays if self.site.move_dates_off_holidays else ()
        if weekends:
            self.used("move_dates_off_weekends")
        if holidays:
            self.used("move_dates_off_holidays")
            self.used("site_holidays")
        return move_off_days(days, weekends, holidays)

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
                               AgeGroup.child: ("weight_kg_child", self.t("group_child")),
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

    def _undetermined(self) -> None:
        state = self.t("state_not_entered" if self.case.etiology.category is None
                       else "state_undetermined")
        self.rec("undetermined.etiology", state=state)
        self.gap("gap.undetermined", state=state)

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

    def _review_dates(self) -> None:
        """The earliest stop on the rows of the drugs of a dated minimum course."""
        course = {Pathway.tuberculous: {"isoniazid", "rifampin", "pyrazinamide", "ethambutol"},
                  Pathway.bacterial: {"ceftriaxone"}}.get(self.pathway, set())
        if self.end_of_minimum is None or not course:
            return
        self.doses = [d.model_copy(update={"review_date": self.end_of_minimum})
                      if d.drug in course else d for d in self.doses]

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
