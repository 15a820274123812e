"""The guideline's rules: turn a case into a plan.

Every item comes from ``content.TEXTS`` (guideline text with citations), ``content.GAPS``
(what the guideline does not say) or ``content.REVIEW_NOTES`` (wider references). This module
decides which apply and fills in the case's numbers; it never writes clinical prose of its own.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from . import __version__
from . import content as c
from .fields import field_label
from .models import (
    AgeGroup,
    Alert,
    Case,
    CeftriaxoneRegimen,
    Dose,
    DoseNote,
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
)
from .schedule import add_months, intrathecal_methotrexate_calendar, surveillance_dates

IT = "intrathecal_chemotherapy"
LP = "lumbar_puncture"

_SEVERITY_ORDER = {Severity.stop: 0, Severity.warning: 1, Severity.info: 2}

_ORGANISM_NAMES = {
    FungalOrganism.cryptococcus: "Cryptococcus",
    FungalOrganism.histoplasma: "Histoplasma",
    FungalOrganism.coccidioides: "Coccidioides",
    FungalOrganism.aspergillus: "Aspergillus",
    FungalOrganism.other: "another fungal organism",
}


def num(value: float) -> str:
    """A number as a clinician writes it: no trailing zeros, at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def num_vs(value: float, limit: float) -> str:
    """``value`` with enough decimals that it compares with ``limit`` as the value itself
    does: 39.99 against 40 reads "39.99", never "40 (below 40)"."""
    want = (value > limit) - (value < limit)
    for places in range(2, 7):
        text = f"{value:.{places}f}".rstrip("0").rstrip(".")
        shown = float(text)
        if (shown > limit) - (shown < limit) == want:
            return text if text != "-0" else "0"
    return repr(value)


def months(value: float, limit: float) -> str:
    text = num_vs(value, limit)
    return f"{text} month" + ("" if text == "1" else "s")


def round_half_up(value: float, places: int) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _fmt_time(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


class _Builder:
    def __init__(self, case: Case, site: c.SiteDefaults) -> None:
        self.case = case
        self.site = site
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

    # --- emitting -----------------------------------------------------------------------
    def need(self, path: str) -> None:
        if path not in self.missing:
            self.missing.append(path)

    def rec(self, rule_id: str, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        self.recs.append(Recommendation(id=rule_id, section=Section(t.group),
                                        text=t.text.format(**c.NUMBERS, **fields),
                                        citations=list(t.citations)))

    def alert(self, rule_id: str, severity: Severity | None = None, blocks: tuple[str, ...] = (),
              citations: tuple[int, ...] | None = None, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        cited = citations or t.citations
        assert set(cited) <= set(t.citations), rule_id  # only references of its statement
        self.alerts.append(Alert(id=rule_id, severity=severity or Severity(t.group),
                                 text=t.text.format(**c.NUMBERS, **fields),
                                 citations=list(cited),
                                 blocks=list(blocks)))

    def finding(self, rule_id: str, site_default: str | None = None, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        self.findings.append(Finding(id=rule_id, text=t.text.format(**c.NUMBERS, **fields),
                                     citations=list(t.citations), site_default=site_default))

    def gap(self, gap_id: str, **fields: str) -> None:
        if all(g.id != gap_id for g in self.gaps):
            self.gaps.append(Gap(id=gap_id, text=c.GAPS[gap_id].format(**c.NUMBERS,
                                                                           **fields)))

    def note(self, note_id: str) -> None:
        if all(n.id != note_id for n in self.notes):
            text, source = c.REVIEW_NOTES[note_id]
            self.notes.append(ReviewNote(id=note_id, text=text, source=source))

    def used(self, name: str) -> None:
        if all(s.name != name for s in self.site_used):
            field = c.SiteDefaults.model_fields[name]
            value = getattr(self.site, name)
            if isinstance(value, tuple):
                value = "-".join(num(v) for v in value)
            self.site_used.append(SiteDefaultUsed(name=name, value=value,
                                                  text=field.description or name))

    def check(self, check_id: str, fields: list[str], severity: Severity = Severity.warning,
              site_default: str | None = None, **values: str) -> None:
        self.checks.append(EntryCheck(id=check_id, severity=severity, fields=fields,
                                      text=c.ENTRY_CHECKS[check_id].format(**values),
                                      site_default=site_default))

    def note_text(self, note_id: str) -> DoseNote:
        """A review note for a dose's row (and the plan's list of review notes)."""
        self.note(note_id)
        text, source = c.REVIEW_NOTES[note_id]
        return DoseNote(id=note_id, severity=Severity.info, text=text, source=source)

    def child_silent(self, what: str, note_id: str, citations: tuple[int, ...],
                     blocks: tuple[str, ...] = ()) -> None:
        if not any(a.id == "child.guideline_silent" and a.text.find(what) >= 0
                   for a in self.alerts):
            self.alert("child.guideline_silent", what=what, citations=citations, blocks=blocks)
        self.note(note_id)

    def add_schedule(self, when: date, item: str, kind: str, citations: tuple[int, ...]) -> None:
        self.schedule.append(ScheduleItem(date=when, item=item, kind=kind,
                                          citations=list(citations)))

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
        if any(d.amount_mg is not None and "kg" in d.basis for d in self.doses):
            self.gap("gap.dose_rounding")
        self.alerts.sort(key=lambda a: _SEVERITY_ORDER[a.severity])
        self.schedule.sort(key=lambda s: s.date)
        return Plan(
            content_version=c.CONTENT_VERSION,
            content_sha256=c.content_sha256(self.site),
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
            return Pathway.malignant_poor_prognosis, "patient recorded as dying"
        if le is not None and le < le_min:
            return Pathway.malignant_poor_prognosis, (
                f"life expectancy {months(le, le_min)} < {months(le_min, le_min)}")
        if self.case.patient.age_group is None:
            self.need("patient.age_years")
            return Pathway.malignant_prognosis_unknown, (
                "age not entered (the Karnofsky gate and the intrathecal and radiotherapy "
                "doses are for adults)")
        if self.child:
            # The gate's Karnofsky score is an adult scale (children: Lansky) [5, 6].
            self.gap("gap.child_prognosis")
            self.child_silent("the prognosis gate uses the Karnofsky score, an adult scale, "
                              "and the guideline gives intrathecal methotrexate and "
                              "radiotherapy doses only for adults", "review.lansky", (5,),
                              blocks=(IT,) if self.case.planned.intrathecal_chemotherapy else ())
            self.note("review.paediatric_it")
            self.note("review.paediatric_rt")
            return Pathway.malignant_prognosis_unknown, ("Karnofsky score is an adult scale; "
                                                         "the guideline gives no gate for "
                                                         "children")
        if kps is not None and kps < c.KPS_GOOD_MIN:
            return Pathway.malignant_poor_prognosis, f"KPS {kps} < {c.KPS_GOOD_MIN}"
        if kps is not None and le is not None and le > le_min:
            return Pathway.malignant_good_prognosis, ""
        reasons = []
        if kps is None:
            self.need("prognosis.kps")
            reasons.append("Karnofsky score (KPS) not entered")
        if le is None:
            self.need("prognosis.life_expectancy_months")
            reasons.append("life expectancy not entered")
        elif le == le_min:
            reasons.append(f"life expectancy of exactly {months(le_min, le_min)} falls between "
                           f"the guideline's > {months(le_min, le_min)} and < "
                           f"{months(le_min, le_min)}")
        return Pathway.malignant_prognosis_unknown, "; ".join(reasons)

    # --- entries that contradict each other or are implausible --------------------------
    def _entry_checks(self) -> None:
        patient, pres, prog = self.case.patient, self.case.presentation, self.case.prognosis
        w, group = patient.weight_kg, patient.age_group
        if w is not None and group is not None:
            infant = patient.age_years == 0 or patient.age_days is not None
            if group is AgeGroup.child and infant:
                name, label = "weight_kg_infant", "an infant under one year"
            else:
                name, label = {AgeGroup.neonate: ("weight_kg_neonate", "a neonate"),
                               AgeGroup.child: ("weight_kg_child", "a child of 1-17 years"),
                               AgeGroup.adult: ("weight_kg_adult", "an adult")}[group]
            low, high = getattr(self.site, name)
            if patient.neonate_status_unknown:  # may be a neonate: either range may hold
                low = min(low, self.site.weight_kg_neonate[0])
            if not low <= w <= high:
                kg_if_lb = w * c.KG_PER_LB
                lb = (f" If it was entered in pounds, it is {num(round(kg_if_lb, 1))} kg."
                      if low <= kg_if_lb <= high else "")
                self.used(name)
                self.check("entry.weight_for_age", ["patient.weight_kg", "patient.age_years"],
                           Severity.stop, site_default=name, weight=num_vs(w, high if w > high
                                                                            else low),
                           group=label, low=num(low), high=num(high), name=name, lb=lb)
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
                       "prognosis.life_expectancy_months"], le=months(le, le_min),
                       le_min=months(le_min, le_min))
        category = self.case.etiology.category
        if self.case.lp.cytology == "positive" and category not in (
                None, EtiologyCategory.malignant, EtiologyCategory.undetermined):
            self.check("entry.cytology_positive", ["lp.cytology", "etiology.category"],
                       category=category.value)
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
        signs = [s for s, on in (("signs of severe sepsis", pres.severe_sepsis),
                                 ("a rapidly evolving rash", pres.rapidly_evolving_rash)) if on]
        if pres.suspected_bacterial_meningitis is None and not bacterial:
            if self._bacterial_question_relevant() or signs:
                self.need("presentation.suspected_bacterial_meningitis")
            if signs:
                self.alert("urgent.assess_bacterial", signs=" and ".join(signs))
        if not (pres.suspected_bacterial_meningitis or bacterial):
            return
        if pres.severe_sepsis is None:
            self.need("presentation.severe_sepsis")
        if pres.rapidly_evolving_rash is None:
            self.need("presentation.rapidly_evolving_rash")
        started = self.case.antibiotics_started_at
        if signs and started is None:
            who = ("Suspected bacterial meningitis" if pres.suspected_bacterial_meningitis
                   else "Bacterial etiology recorded")
            self.alert("urgent.antibiotics_now", signs=" and ".join(signs), who=who,
                       hour=", ideally within the first hour" if pres.severe_sepsis else "",
                       started=" No antibiotic start time is recorded.",
                       citations=(2, 4) if pres.severe_sepsis else (2,),
                       blocks=("waiting_for_ct_or_lp",))
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
            text = " Status not entered."
        elif status is MriStatus.done:
            enh = {True: " with leptomeningeal enhancement", False: " without leptomeningeal "
                   "enhancement", None: ""}[img.leptomeningeal_enhancement]
            text = f" Recorded: done{enh}."
        else:
            text = f" Recorded: {status.value.replace('_', ' ')}."
        self.rec("workup.mri", status=text)
        self.rec("workup.mri_sequences")
        if status is MriStatus.not_done:
            self.alert("workup.mri_not_done")
        self.rec("workup.lp")
        self.rec("workup.csf_volume")
        vol = self.case.lp.volume_ml
        if vol is not None and vol < c.CSF_MIN_VOLUME_ML_LOW:
            self.alert("workup.csf_volume_low", volume=num_vs(vol, c.CSF_MIN_VOLUME_ML_LOW),
                       low=num(c.CSF_MIN_VOLUME_ML_LOW), high=num(c.CSF_MIN_VOLUME_ML_HIGH))
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
            reasons.append(f"platelets {num_vs(s.platelets_10e9_per_l, plt_min)} ×10⁹/L "
                           f"(below {num(plt_min)})")
        if s.inr is None:
            unknown.append("lp_safety.inr")
        elif s.inr > inr_max:
            reasons.append(f"INR {num_vs(s.inr, inr_max)} (above {num(inr_max)})")
        h = s.hours_since_prophylactic_lmwh
        notes: list[str] = []
        if s.prophylactic_lmwh is None:
            unknown.append("lp_safety.prophylactic_lmwh")
        elif s.prophylactic_lmwh is LmwhStatus.given:
            if h is None:
                unknown.append("lp_safety.hours_since_prophylactic_lmwh")
            elif h < h_min:
                reasons.append(f"prophylactic LMWH {num_vs(h, h_min)} h ago (within "
                               f"{num(h_min)} h)")
        if s.infection_at_lp_site is None:
            unknown.append("lp_safety.infection_at_lp_site")
        elif s.infection_at_lp_site:
            reasons.append("infection at the LP site")
        if pres.severe_sepsis is None:
            unknown.append("presentation.severe_sepsis")
        elif pres.severe_sepsis:
            reasons.append("signs of severe sepsis")
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
                       reasons="Contraindicated by " + "; ".join(reasons))
        elif unknown:
            status = "incomplete"
            if ask:
                self.alert("lp.safety_incomplete",
                           blocks=("lumbar_puncture_until_confirmed_safe",),
                           unknown=", ".join(field_label(p) for p in unknown),
                           which="a further" if performed else "an",
                           platelets=num(plt_min), inr=num(inr_max), hours=num(h_min))
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
            verdict = "low, less than half of serum glucose" if low else "not low"
            self.finding("csf.glucose_ratio", ratio=shown, csf=num(round(csf, 1)),
                         serum=num(round(serum, 1)), verdict=verdict)
        elif lp.csf_glucose or lp.serum_glucose:
            self.need("lp.serum_glucose" if lp.csf_glucose else "lp.csf_glucose")
        if lp.csf_protein:
            protein = round(lp.csf_protein.mg_dl, 6)
            elevated = protein > c.CSF_PROTEIN_ELEVATED_ABOVE_MG_DL
            limit = c.CSF_PROTEIN_ELEVATED_ABOVE_MG_DL
            verdict = "elevated" if elevated else f"not above {num(limit)}"
            self.finding("csf.protein", protein=num_vs(protein, limit), verdict=verdict)
        if lp.wbc_per_ul is not None:
            self.used("pleocytosis_wbc_above_per_ul")
            self.used("lymphocytic_above_percent")
            pleo = lp.wbc_per_ul > self.site.pleocytosis_wbc_above_per_ul
            lymph = lp.lymphocyte_percent
            if not pleo:
                verdict = "no pleocytosis"
            elif lymph is None:
                verdict = "pleocytosis (lymphocyte share not entered)"
                self.need("lp.lymphocyte_percent")
            elif lymph > self.site.lymphocytic_above_percent:
                verdict = "lymphocytic pleocytosis"
            else:
                verdict = "pleocytosis, not lymphocyte-predominant"
            self.finding("csf.pleocytosis", site_default="pleocytosis_wbc_above_per_ul",
                         wbc=str(lp.wbc_per_ul),
                         lymph=(f", {num_vs(lymph, self.site.lymphocytic_above_percent)}% "
                                "lymphocytes") if lymph is not None else "",
                         verdict=verdict, wbc_limit=num(self.site.pleocytosis_wbc_above_per_ul),
                         lymph_limit=num(self.site.lymphocytic_above_percent))
        if lp.opening_pressure_cm_h2o is not None:
            self.used("opening_pressure_upper_normal_cm_h2o")
            limit = self.site.opening_pressure_upper_normal_cm_h2o
            op = lp.opening_pressure_cm_h2o
            self.finding("csf.opening_pressure",
                         site_default="opening_pressure_upper_normal_cm_h2o",
                         op=num_vs(op, limit), limit=num(limit),
                         verdict="elevated" if op > limit else "not elevated")

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
            text = (f"Antibiotics started {_fmt_time(started)}. CSF culture yield if LP is done "
                    f"within {h4} h (by {_fmt_time(started + timedelta(hours=h4))}): {y4}%; "
                    f"after {h4} h: {y_after4}%; after {h8} h (from "
                    f"{_fmt_time(started + timedelta(hours=h8))}): {y8}%.")
        else:
            hours = (performed - started).total_seconds() / 3600
            if hours < 0:
                text = ("LP was performed before antibiotics were started: the reduced culture "
                        f"yields after antibiotics ({y4}% within {h4} h, {y_after4}% after {h4} "
                        f"h, {y8}% after {h8} h) do not apply.")
            else:
                if hours <= h4:
                    pct, when = y4, f"within {h4} h"
                elif hours <= h8:
                    pct, when = y_after4, f"after {h4} h"
                else:
                    pct, when = y8, f"after {h8} h"
                minutes = round((performed - started).total_seconds() / 60)
                text = (f"LP {minutes // 60} h {minutes % 60:02d} min after starting antibiotics "
                        f"({when}): expected CSF culture yield {pct}%.")
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
        if self.case.patient.age_group is None:
            self.need("patient.age_years")
            self.rec(rule_id, dose=" No dose computed: age not entered (the guideline's "
                     "1 mg/kg/day without a maximum is an adult regimen).")
            self.doses.append(Dose(drug="prednisone", route="oral", amount_mg=None,
                                   frequency="not computed", daily_total_mg=None,
                                   basis=f"{num(per_kg)} mg/kg/day (adult regimen)",
                                   citations=cites, start_date=start,
                                   no_dose="age not entered", no_dose_stop=True))
            return
        if self.child:
            # 1 mg/kg/day without a cap is an adult regimen: no computed dose for a child.
            why = "guideline silent for children: dose to be set by a paediatric specialist"
            self.rec(rule_id, dose=" No dose computed for a child.")
            self.child_silent(f"prednisone {num(per_kg)} mg/kg/day has no maximum daily dose",
                              "review.paediatric_prednisone", (1,))
            self.doses.append(Dose(drug="prednisone", route="oral", amount_mg=None,
                                   frequency="not computed", daily_total_mg=None,
                                   basis=f"{num(per_kg)} mg/kg/day (adult regimen)",
                                   citations=cites, start_date=start, no_dose=why,
                                   no_dose_stop=True,
                                   notes=[self.note_text("review.paediatric_prednisone")]))
            return
        w = self._weight()
        if w is None:
            self.rec(rule_id, dose=" No dose computed: weight not entered.")
            self.doses.append(self._not_computed("prednisone", "oral", f"{num(per_kg)} "
                                                 "mg/kg/day", cites, start,
                                                 "weight not entered"))
            return
        mg = round(per_kg * w, 1)
        self.rec(rule_id, dose=f" For {num(w)} kg: {num(mg)} mg once daily.")
        notes = self._weight_notes()
        if mg > self.site.prednisone_review_above_mg_per_day:
            self.used("prednisone_review_above_mg_per_day")
            notes.append(self.note_text("review.prednisone_no_max"))
        self.doses.append(Dose(drug="prednisone", route="oral", amount_mg=mg,
                               frequency="once daily", doses_per_day=1, daily_total_mg=mg,
                               basis=f"{num(per_kg)} mg/kg/day x {num(w)} kg", capped=False,
                               citations=cites, start_date=start, notes=notes))

    def _antimicrobial_start(self) -> date | None:
        """Antimicrobial courses count from the recorded antibiotic start, else the plan's."""
        started = self.case.antibiotics_started_at
        return started.date() if started else self._start()

    def _start(self) -> date | None:
        start = self.case.planned.treatment_start_date
        if start is None:
            self.need("planned.treatment_start_date")
        return start

    def _tuberculous(self) -> None:
        self.rec("tb.ripe")
        for drug in ("isoniazid", "rifampin", "pyrazinamide", "ethambutol"):
            self.doses.append(Dose(
                drug=drug, route="oral", amount_mg=None, frequency="see the prescription",
                daily_total_mg=None, basis="the guideline names the drug and gives no dose: "
                "national TB programme or formulary", citations=list(c.TEXTS["tb.ripe"].citations),
                start_date=self.case.planned.treatment_start_date,
                no_dose="see the prescription"))
        self._prednisone("tb.steroids")
        self.gap("gap.tb_drug_doses")
        self.note("review.tb_steroids")
        start = self._start()
        until = ""
        if start:
            self.end_of_minimum = add_months(start, c.TB_MIN_MONTHS)
            until = f" Earliest end of the minimum course: {self.end_of_minimum.isoformat()}."
            self.add_schedule(start, "Start of anti-tuberculous therapy", "milestone", (1,))
            self.add_schedule(self.end_of_minimum, "End of minimum 12-month anti-tuberculous "
                              "course (earliest stop date)", "milestone", (1,))
        self.rec("tb.duration", until=until)

    def _fungal(self) -> None:
        organism = self.case.etiology.fungal_organism
        if organism is None:
            self.need("etiology.fungal_organism")
            self.rec("fungal.antifungal", organism=" (organism not yet identified)")
            self.gap("gap.fungal_organism")
            self.gap("gap.infectious_steroids", cause="fungal meningitis")
        else:
            self.rec("fungal.antifungal", organism=f" for {_ORGANISM_NAMES[organism]}")
            self.gap("gap.antifungal_agent", organism=_ORGANISM_NAMES[organism])
            if organism is FungalOrganism.coccidioides:
                self.alert("fungal.coccidioides")
            self.gap("gap.infectious_steroids", cause=f"{_ORGANISM_NAMES[organism]} meningitis")
            if organism is FungalOrganism.cryptococcus:
                self.note("review.fungal_steroids")
        self.rec("fungal.duration")

    def _bacterial(self) -> None:
        if "bact.empiric" not in {r.id for r in self.recs}:
            self.rec("bact.empiric")
        self.gap("gap.bacterial_other_agents")
        self.gap("gap.infectious_steroids", cause="bacterial meningitis")
        self.note("review.bacterial_steroids")
        start = self._antimicrobial_start()
        until = ""
        # The 6-week minimum is for a bacterial spinal infection [7, 8] (vertebral body
        # involvement), not for uncomplicated meningitis (4-14 days [3]).
        spinal = self.case.presentation.vertebral_body_involvement
        if spinal is None:
            self.need("presentation.vertebral_body_involvement")
            self.gap("gap.bacterial_spinal_unknown")
        if start and not spinal:
            self.add_schedule(start, "Start of antimicrobial therapy" + (
                " (antibiotics recorded as started)" if self.case.antibiotics_started_at
                else ""), "milestone", (3,))
        if start and spinal:
            self.end_of_minimum = start + timedelta(weeks=c.BACTERIAL_SPINAL_MIN_WEEKS)
            until = (" For a bacterial spinal infection, earliest end of the minimum course: "
                     f"{self.end_of_minimum.isoformat()}.")
            started = self.case.antibiotics_started_at
            self.add_schedule(start, "Start of antimicrobial therapy" + (
                " (antibiotics recorded as started)" if started else ""), "milestone", (7, 8))
            self.add_schedule(self.end_of_minimum, f"End of minimum "
                              f"{c.BACTERIAL_SPINAL_MIN_WEEKS}-week course for a bacterial "
                              "spinal infection (IV, then oral)", "milestone", (7, 8))
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
                 le=months(p.life_expectancy_months or 0, le_min))
        cancer = self.case.etiology.primary_cancer
        if cancer is None:
            self.need("etiology.primary_cancer")
            self.gap("gap.primary_cancer")
            agent = ""
        elif cancer is PrimaryCancer.other:
            self.gap("gap.systemic_agent_other")
            agent = ""
        else:
            agent = " " + c.SYSTEMIC_AGENTS[cancer.value]
        self.rec("mal.systemic", agent=agent)
        lesions = self._symptomatic_lesions()
        rt = dict(gy_min=num(c.RT_TOTAL_GY[0]), gy_max=num(c.RT_TOTAL_GY[1]),
                  fx_min=str(c.RT_FRACTIONS[0]), fx_max=str(c.RT_FRACTIONS[1]))
        if lesions:
            self.rec("mal.focal_rt", lesions=", ".join(lesions), **rt)
            self.radiotherapy = Radiotherapy(
                total_dose_gy_min=c.RT_TOTAL_GY[0], total_dose_gy_max=c.RT_TOTAL_GY[1],
                fractions_min=c.RT_FRACTIONS[0], fractions_max=c.RT_FRACTIONS[1],
                indication=", ".join(lesions), citations=[5])
        else:
            self.rec("mal.focal_rt_indications", **rt)
        detail = {True: " Thin linear deposits are recorded.", False: " Thin linear deposits "
                  "are not recorded.", None: ""}[pres.thin_linear_deposits]
        self.rec("mal.intrathecal", detail=detail)
        planned = self.case.planned.intrathecal_chemotherapy
        if planned:
            self._intrathecal_course()
        elif (pres.thin_linear_deposits and pres.csf_flow_obstruction is False
              and not pres.symptomatic_hydrocephalus
              and self.case.imaging.mri_whole_spine_gadolinium is MriStatus.done):
            # Indicated [5] but not planned: give the regimen and ask.
            if planned is None:
                self.need("planned.intrathecal_chemotherapy")
            self.rec("mal.it_methotrexate", **self._it_numbers(),
                     route=" Intrathecal chemotherapy is " + ("not answered as planned: decide "
                           "whether to plan it." if planned is None else "recorded as not "
                           "planned."))
            self.rec("mal.ommaya", status="")

    @staticmethod
    def _it_numbers() -> dict[str, str]:
        return dict(mg=num(c.IT_METHOTREXATE_MG), twice=str(c.IT_TWICE_WEEKLY_WEEKS),
                    weekly=str(c.IT_WEEKLY_WEEKS))

    def _intrathecal_course(self) -> None:
        pres, planned = self.case.presentation, self.case.planned
        ommaya = planned.ommaya_reservoir
        self.rec("mal.ommaya", status=" Ommaya reservoir recorded." if ommaya else
                 " No Ommaya reservoir recorded: the lumbar route would be used.")
        if (pres.csf_flow_obstruction or pres.symptomatic_hydrocephalus
                or planned.craniospinal_radiotherapy):
            return  # stop alerts (added by the pitfall rules) say why
        if not ommaya and self.lp_verdict.status == "contraindicated":
            self.alert("it.lumbar_route_lp_unsafe", blocks=(IT, LP),
                       reasons="; ".join(self.lp_verdict.reasons))
            return
        if self.case.imaging.mri_whole_spine_gadolinium is not MriStatus.done:
            # The workup comes before treatment [1]; deposits and CSF flow are judged on it [5].
            self.alert("it.not_scheduled", blocks=(IT,), reason="gadolinium MRI of the whole "
                       "spine is not recorded as done; the guideline requires it before "
                       "treatment")
            return
        if pres.csf_flow_obstruction is None:
            # Unobstructed flow is the guideline's condition for intrathecal therapy.
            self.need("presentation.csf_flow_obstruction")
            self.alert("it.not_scheduled", blocks=(IT,), reason="CSF flow obstruction is not "
                       "recorded, and the guideline requires unobstructed CSF flow")
            return
        if pres.symptomatic_hydrocephalus is None:
            self.need("presentation.symptomatic_hydrocephalus")
            self.alert("it.confirm_before_dose", what="symptomatic hydrocephalus requiring a VP "
                       "shunt", why="symptomatic hydrocephalus")
        if planned.craniospinal_radiotherapy is None:
            self.need("planned.craniospinal_radiotherapy")
            self.alert("it.confirm_before_dose", what="craniospinal radiotherapy planned "
                       "alongside (leukoencephalopathy risk)", why="craniospinal radiotherapy",
                       citations=(5,))
        if not ommaya and self.lp_verdict.status == "incomplete":
            self.alert("it.confirm_before_dose", what="contraindication to lumbar puncture (the "
                       "lumbar route is an LP)", why=", ".join(
                           field_label(p) for p in self.lp_verdict.unknown))
        route = "intraventricular (Ommaya)" if ommaya else "intrathecal (lumbar)"
        n = self._it_numbers()
        self.rec("mal.it_methotrexate", route=f" Route: {route}.", **n)
        self.doses.append(Dose(drug="methotrexate", route=route, amount_mg=c.IT_METHOTREXATE_MG,
                               frequency=f"twice weekly for {n['twice']} weeks, then weekly "
                               f"for {n['weekly']} weeks, then monthly (dates on the calendar)",
                               doses_per_day=None, daily_total_mg=None,
                               basis=f"fixed dose {n['mg']} mg per dose", capped=False,
                               citations=[5], start_date=self.case.planned.treatment_start_date))
        start = self._start()
        if start is None:
            return
        self.used("it_twice_weekly_second_dose_day")
        self.used("it_monthly_doses_listed")
        self.gap("gap.it_monthly_end", n=str(self.site.it_monthly_doses_listed))
        for when, label in intrathecal_methotrexate_calendar(
            start, self.site.it_twice_weekly_second_dose_day, self.site.it_monthly_doses_listed
        ):
            self.add_schedule(when, f"Intrathecal methotrexate {num(c.IT_METHOTREXATE_MG)} mg "
                              f"({label})",
                              "intrathecal_dose", (5,))

    def _malignant_poor(self) -> None:
        self.rec("mal.gate_poor", reason=self.gate_reason)
        self.rec("mal.poor_rt")
        self.gap("gap.rt_poor_dose")
        if self.case.planned.intrathecal_chemotherapy and not self.case.prognosis.dying:
            self.alert("it.not_scheduled", blocks=(IT,),
                       reason=f"poor prognosis ({self.gate_reason}): best supportive care is "
                       "prioritised over disease-directed therapy")

    def _malignant_unknown(self) -> None:
        self.alert("mal.gate_unknown", reason=self.gate_reason)
        self.gap("gap.prognosis", reason=self.gate_reason[0].upper() + self.gate_reason[1:])
        if self.case.etiology.primary_cancer is None:
            self.need("etiology.primary_cancer")
        if self.case.planned.intrathecal_chemotherapy:
            self.alert("it.not_scheduled", blocks=(IT,), reason="the prognosis gate is not "
                       "decided")
        if self._symptomatic_lesions():
            self.gap("gap.rt_gate_undecided", lesions=", ".join(self._symptomatic_lesions()))

    def _symptomatic_lesions(self) -> list[str]:
        pres = self.case.presentation
        return [name for name, on in (("cranial neuropathy", pres.cranial_neuropathy),
                                      ("spinal cord compression", pres.spinal_cord_compression),
                                      ("nodular disease", pres.nodular_disease)) if on]

    def _undetermined(self) -> None:
        state = "not entered" if self.case.etiology.category is None else "undetermined"
        self.rec("undetermined.etiology", state=state)
        self.gap("gap.undetermined", state=state)

    # --- ceftriaxone --------------------------------------------------------------------
    def _ceftriaxone_applies(self) -> bool:
        return (self.case.etiology.category is EtiologyCategory.bacterial
                or bool(self.case.presentation.suspected_bacterial_meningitis))

    def _ceftriaxone(self) -> None:
        patient = self.case.patient
        group = patient.age_group
        self.note("review.ceftriaxone_label")
        start = self._antimicrobial_start()
        cites = [3]
        if group is None:
            self.need("patient.age_years")
            self.rec("bact.ceftriaxone_adult")
            self.rec("bact.ceftriaxone_child", dose=" No dose computed: age not entered.")
            self.doses.append(self._not_computed("ceftriaxone", "IV", "by age: adult or "
                                                 "child dose", cites, start, "age not entered"))
        elif self.possible_neonate:
            # The label contraindications decide this, not a dose: none is computed.
            if group is AgeGroup.neonate:
                who = " This patient is a neonate."
            else:
                self.need("patient.age_days")
                who = " Age in days is not entered: this infant may be a neonate."
            self.rec("bact.ceftriaxone_child", dose=" No dose computed for a neonate.")
            self.alert("bact.ceftriaxone_neonate", who=who)
            self.doses.append(Dose(
                drug="ceftriaxone", route="IV", amount_mg=None, frequency="not computed",
                daily_total_mg=None, basis="the guideline gives no neonatal dose",
                citations=cites, start_date=start,
                no_dose="no dose for a neonate: see the product label note", no_dose_stop=True,
                notes=[self.note_text("review.ceftriaxone_neonate"),
                       self.note_text("review.ceftriaxone_label")]))
        elif group is AgeGroup.adult:
            self.rec("bact.ceftriaxone_adult")
            total = c.CEFTRIAXONE_ADULT_G_PER_DAY * 1000
            self._ceftriaxone_dose(total, f"adult standard empiric dose "
                                   f"{num(c.CEFTRIAXONE_ADULT_G_PER_DAY)} g/day", False, start,
                                   [self.note_text("review.ceftriaxone_adult_dose")])
        else:
            w = self._weight()
            per_kg = c.CEFTRIAXONE_CHILD_MG_PER_KG_DAY
            if w is None:
                self.rec("bact.ceftriaxone_child", dose=" No dose computed: weight not entered.")
                self.doses.append(self._not_computed("ceftriaxone", "IV", f"{num(per_kg)} "
                                                     "mg/kg/day", cites, start,
                                                     "weight not entered"))
            else:
                cap_g = c.CEFTRIAXONE_CHILD_MAX_G_PER_DAY
                raw = per_kg * w
                capped = raw > cap_g * 1000
                total = round(cap_g * 1000 if capped else raw, 1)
                basis = f"{num(per_kg)} mg/kg/day x {num(w)} kg = {num(round(raw, 1))} mg/day"
                if capped:
                    basis += f", capped at {num(cap_g)} g/day"
                self.rec("bact.ceftriaxone_child",
                         dose=f" For {num(w)} kg: {num(total)} mg per day"
                         f"{f' (capped at {num(cap_g)} g)' if capped else ''}.")
                self._ceftriaxone_dose(total, basis, capped, start, self._weight_notes())
        # A warning at every age; a stop alert in neonates, and in infants whose age in days
        # is unknown (they may be neonates).
        if group is AgeGroup.neonate:
            severity, who = Severity.stop, " This patient is a neonate."
        elif patient.neonate_status_unknown:
            severity, who = Severity.stop, " Age in days is not entered: treat as a neonate."
        elif group is None:
            severity, who = Severity.stop, " Age is not entered: treat as a neonate."
        else:
            severity, who = Severity.warning, ""
        self.alert("pitfall.calcium_ceftriaxone", severity=severity, who=who,
                   blocks=("calcium_iv_with_ceftriaxone",))

    @staticmethod
    def _not_computed(drug: str, route: str, basis: str, citations: list[int],
                      start: date | None, why: str) -> Dose:
        """A drug the plan names without a dose yet: its row says why, as a stop."""
        return Dose(drug=drug, route=route, amount_mg=None, frequency="not computed",
                    daily_total_mg=None, basis=basis, citations=citations, start_date=start,
                    no_dose=f"{why}: no dose computed", no_dose_stop=True)

    def _ceftriaxone_dose(self, total: float, basis: str, capped: bool, start: date | None,
                          notes: list[DoseNote]) -> None:
        """The prescriber's interval splits the daily total; none chosen: no single dose."""
        regimen = self.case.planned.ceftriaxone_regimen
        per_day = {CeftriaxoneRegimen.once_daily: 1,
                   CeftriaxoneRegimen.every_12_h: 24 // c.CEFTRIAXONE_DIVIDED_EVERY_H,
                   None: None}[regimen]
        if per_day is None:
            self.need("planned.ceftriaxone_regimen")
            self.alert("dose.interval_not_chosen", total=f"{num(total)} mg/day",
                       options="once daily, or divided every "
                       f"{c.CEFTRIAXONE_DIVIDED_EVERY_H} hours")
            frequency = "interval not chosen: ask the prescriber"
            amount = None
        else:
            frequency = ("once daily (every 24 hours)" if per_day == 1
                         else f"every {c.CEFTRIAXONE_DIVIDED_EVERY_H} hours")
            amount = round(total / per_day, 1)
        self.doses.append(Dose(drug="ceftriaxone", route="IV", amount_mg=amount,
                               frequency=frequency, doses_per_day=per_day, daily_total_mg=total,
                               basis=basis, capped=capped, citations=[3], start_date=start,
                               no_dose=None if amount is not None else
                               "interval not chosen: ask the prescriber",
                               no_dose_stop=amount is None,
                               notes=notes))

    # --- pitfalls for intrathecal chemotherapy and radiotherapy -------------------------
    def _intrathecal_pitfalls(self) -> None:
        pres, planned = self.case.presentation, self.case.planned
        if planned.intrathecal_chemotherapy and not self.pathway.value.startswith("malignant"):
            self.alert("it.not_scheduled", blocks=(IT,), reason="intrathecal chemotherapy is "
                       "in the guideline only for malignant leptomeningeal disease")
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
        chemo = [name for name, on in (
            ("intrathecal chemotherapy", planned.intrathecal_chemotherapy),
            ("systemic methotrexate", planned.systemic_methotrexate)) if on]
        if chemo:
            blocks = ("craniospinal_radiotherapy_with_chemotherapy",) + (
                (IT,) if planned.intrathecal_chemotherapy else ())
            self.alert("pitfall.leukoencephalopathy", blocks=blocks, chemo=" or ".join(chemo))
        elif self.pathway is Pathway.malignant_good_prognosis:
            self.alert("pitfall.leukoencephalopathy", severity=Severity.warning,
                       chemo="the systemic chemotherapy recommended here (especially "
                       "methotrexate)")
        elif self.pathway is Pathway.neurosarcoidosis:
            self.alert("pitfall.leukoencephalopathy", severity=Severity.warning,
                       chemo="the steroid-sparing maintenance named here (especially "
                       "methotrexate)")

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
        for when in surveillance_dates(start, self.site.mri_surveillance_interval_weeks,
                                       self.end_of_minimum, listed):
            self.add_schedule(when, "Surveillance MRI of the spine (interval: site default)",
                              "surveillance", (2, 9))


def build_plan(case: Case, site: c.SiteDefaults | None = None) -> Plan:
    """The plan the guideline gives for ``case``. Pure: same case and site, same plan."""
    return _Builder(case, site or c.SiteDefaults()).run()
