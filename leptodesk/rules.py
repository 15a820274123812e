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
    Dose,
    EtiologyCategory,
    Finding,
    FungalOrganism,
    Gap,
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

    # --- emitting -----------------------------------------------------------------------
    def need(self, path: str) -> None:
        if path not in self.missing:
            self.missing.append(path)

    def rec(self, rule_id: str, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        self.recs.append(Recommendation(id=rule_id, section=Section(t.group),
                                        text=t.text.format(**fields), citations=list(t.citations)))

    def alert(self, rule_id: str, severity: Severity | None = None, blocks: tuple[str, ...] = (),
              citations: tuple[int, ...] | None = None, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        cited = citations or t.citations
        assert set(cited) <= set(t.citations), rule_id  # only references of its statement
        self.alerts.append(Alert(id=rule_id, severity=severity or Severity(t.group),
                                 text=t.text.format(**fields), citations=list(cited),
                                 blocks=list(blocks)))

    def finding(self, rule_id: str, site_default: str | None = None, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        self.findings.append(Finding(id=rule_id, text=t.text.format(**fields),
                                     citations=list(t.citations), site_default=site_default))

    def gap(self, gap_id: str, **fields: str) -> None:
        if all(g.id != gap_id for g in self.gaps):
            self.gaps.append(Gap(id=gap_id, text=c.GAPS[gap_id].format(**fields)))

    def note(self, note_id: str) -> None:
        if all(n.id != note_id for n in self.notes):
            text, source = c.REVIEW_NOTES[note_id]
            self.notes.append(ReviewNote(id=note_id, text=text, source=source))

    def used(self, name: str) -> None:
        if all(s.name != name for s in self.site_used):
            field = c.SiteDefaults.model_fields[name]
            self.site_used.append(SiteDefaultUsed(name=name, value=getattr(self.site, name),
                                                  text=field.description or name))

    def add_schedule(self, when: date, item: str, kind: str, citations: tuple[int, ...]) -> None:
        self.schedule.append(ScheduleItem(date=when, item=item, kind=kind,
                                          citations=list(citations)))

    # --- the guideline ------------------------------------------------------------------
    def run(self) -> Plan:
        self.pathway = self._pathway()
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
        if any(d.drug == "prednisone" for d in self.doses) or any(
            d.drug == "ceftriaxone" and "kg" in d.basis for d in self.doses
        ):
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
        if p.dying:
            return Pathway.malignant_poor_prognosis, "patient recorded as dying"
        if kps is not None and kps < c.KPS_GOOD_MIN:
            return Pathway.malignant_poor_prognosis, f"KPS {kps} < 70"
        if le is not None and le < c.LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS:
            return Pathway.malignant_poor_prognosis, f"life expectancy {num(le)} months < 1 month"
        if kps is not None and le is not None and le > c.LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS:
            return Pathway.malignant_good_prognosis, ""
        reasons = []
        if kps is None:
            self.need("prognosis.kps")
            reasons.append("Karnofsky score (KPS) not entered")
        if le is None:
            self.need("prognosis.life_expectancy_months")
            reasons.append("life expectancy not entered")
        elif le == c.LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS:
            reasons.append("life expectancy of exactly 1 month falls between the guideline's "
                           "> 1 month and < 1 month")
        return Pathway.malignant_prognosis_unknown, "; ".join(reasons)

    # --- urgent -------------------------------------------------------------------------
    def _urgent(self) -> None:
        pres = self.case.presentation
        signs = [s for s, on in (("signs of severe sepsis", pres.severe_sepsis),
                                 ("a rapidly evolving rash", pres.rapidly_evolving_rash)) if on]
        if pres.suspected_bacterial_meningitis is None:
            self.need("presentation.suspected_bacterial_meningitis")
            if signs:
                self.alert("urgent.assess_bacterial", signs=" and ".join(signs))
        if not pres.suspected_bacterial_meningitis:
            return
        if pres.severe_sepsis is None:
            self.need("presentation.severe_sepsis")
        if pres.rapidly_evolving_rash is None:
            self.need("presentation.rapidly_evolving_rash")
        if signs:
            started = self.case.antibiotics_started_at
            self.alert("urgent.antibiotics_now", signs=" and ".join(signs),
                       hour=", ideally within the first hour" if pres.severe_sepsis else "",
                       started=(f" Antibiotics recorded as started at {_fmt_time(started)}."
                                if started else " No antibiotic start time is recorded."),
                       citations=(2, 4) if pres.severe_sepsis else (2,),
                       blocks=("waiting_for_ct_or_lp",))
        if pres.severe_sepsis:
            self.alert("pitfall.ct_delay", blocks=("ct_before_antibiotics",))
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
            self.alert("workup.csf_volume_low", volume=num(vol))
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
        if s.platelets_10e9_per_l is None:
            unknown.append("lp_safety.platelets_10e9_per_l")
        elif s.platelets_10e9_per_l < c.LP_MIN_PLATELETS_10E9_PER_L:
            reasons.append(f"platelets {num(s.platelets_10e9_per_l)} ×10⁹/L (below 40)")
        if s.inr is None:
            unknown.append("lp_safety.inr")
        elif s.inr > c.LP_MAX_INR:
            reasons.append(f"INR {num(s.inr)} (above 1.4)")
        h = s.hours_since_prophylactic_lmwh
        notes = []
        if h is None:  # the contract: null means no prophylactic LMWH
            notes.append("no prophylactic LMWH recorded (an empty field means none was given)")
        elif h < c.LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH:
            reasons.append(f"prophylactic LMWH {num(h)} h ago (within 12 h)")
        if s.infection_at_lp_site is None:
            unknown.append("lp_safety.infection_at_lp_site")
        elif s.infection_at_lp_site:
            reasons.append("infection at the LP site")
        if pres.severe_sepsis is None:
            unknown.append("presentation.severe_sepsis")
        elif pres.severe_sepsis:
            reasons.append("signs of severe sepsis")
        for path in unknown:
            self.need(path)
        if reasons:
            status = "contraindicated"
            self.alert("lp.contraindicated", blocks=(LP,),
                       reasons="Contraindicated by " + "; ".join(reasons))
        elif unknown:
            status = "incomplete"
            self.alert("lp.safety_incomplete", blocks=("lumbar_puncture_until_confirmed_safe",),
                       unknown=", ".join(field_label(p) for p in unknown),
                       which="a further" if self.case.lp.performed_at else "an")
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
            verdict = "elevated" if elevated else "not above 150"
            self.finding("csf.protein", protein=num(protein), verdict=verdict)
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
                         lymph=f", {num(lymph)}% lymphocytes" if lymph is not None else "",
                         verdict=verdict, wbc_limit=num(self.site.pleocytosis_wbc_above_per_ul),
                         lymph_limit=num(self.site.lymphocytic_above_percent))
        if lp.opening_pressure_cm_h2o is not None:
            self.used("opening_pressure_upper_normal_cm_h2o")
            limit = self.site.opening_pressure_upper_normal_cm_h2o
            op = lp.opening_pressure_cm_h2o
            self.finding("csf.opening_pressure",
                         site_default="opening_pressure_upper_normal_cm_h2o",
                         op=num(op), limit=num(limit),
                         verdict="elevated" if op > limit else "not elevated")

    def _culture_yield(self) -> None:
        started = self.case.antibiotics_started_at
        if started is None:
            return
        performed = self.case.lp.performed_at
        if performed is None:
            text = (f"Antibiotics started {_fmt_time(started)}. CSF culture yield if LP is done "
                    f"within 4 h (by {_fmt_time(started + timedelta(hours=4))}): 73%; after 4 h: "
                    f"11%; after 8 h (from {_fmt_time(started + timedelta(hours=8))}): 0%.")
        else:
            hours = (performed - started).total_seconds() / 3600
            if hours < 0:
                text = ("LP was performed before antibiotics were started: the reduced culture "
                        "yields after antibiotics (73% within 4 h, 11% after 4 h, 0% after 8 h) "
                        "do not apply.")
            else:
                if hours <= 4:
                    pct, when = c.CULTURE_YIELD_WITHIN_4H_PERCENT, "within 4 h"
                elif hours <= 8:
                    pct, when = c.CULTURE_YIELD_AFTER_4H_PERCENT, "after 4 h"
                else:
                    pct, when = c.CULTURE_YIELD_AFTER_8H_PERCENT, "after 8 h"
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

    def _prednisone(self, rule_id: str) -> None:
        self.gap("gap.steroid_duration")
        w = self._weight()
        if w is None:
            self.rec(rule_id, dose=" No dose computed: weight not entered.")
            return
        mg = round(c.PREDNISONE_MG_PER_KG_DAY * w, 1)
        self.rec(rule_id, dose=f" For {num(w)} kg: {num(mg)} mg once daily.")
        self.doses.append(Dose(drug="prednisone", route="oral", amount_mg=mg,
                               frequency="once daily", daily_total_mg=mg,
                               basis=f"1 mg/kg/day x {num(w)} kg", capped=False,
                               citations=list(c.TEXTS[rule_id].citations),
                               start_date=self.case.planned.treatment_start_date))

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
        else:
            self.rec("fungal.antifungal", organism=f" for {_ORGANISM_NAMES[organism]}")
            self.gap("gap.antifungal_agent", organism=_ORGANISM_NAMES[organism])
            if organism is FungalOrganism.coccidioides:
                self.alert("fungal.coccidioides")
        self.rec("fungal.duration")

    def _bacterial(self) -> None:
        if not self.case.presentation.suspected_bacterial_meningitis:
            self.rec("bact.empiric")
        self.gap("gap.bacterial_other_agents")
        start = self._antimicrobial_start()
        until = ""
        if start:
            self.end_of_minimum = start + timedelta(weeks=c.BACTERIAL_SPINAL_MIN_WEEKS)
            until = (" For a bacterial spinal infection, earliest end of the minimum course: "
                     f"{self.end_of_minimum.isoformat()}.")
            started = self.case.antibiotics_started_at
            self.add_schedule(start, "Start of antimicrobial therapy" + (
                " (antibiotics recorded as started)" if started else ""), "milestone", (7, 8))
            self.add_schedule(self.end_of_minimum, "End of minimum 6-week course for a bacterial "
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
        self.rec("mal.gate_good", kps=str(p.kps), le=num(p.life_expectancy_months or 0))
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
        if lesions:
            self.rec("mal.focal_rt", lesions=", ".join(lesions))
            self.radiotherapy = Radiotherapy(
                total_dose_gy_min=c.RT_TOTAL_GY[0], total_dose_gy_max=c.RT_TOTAL_GY[1],
                fractions_min=c.RT_FRACTIONS[0], fractions_max=c.RT_FRACTIONS[1],
                indication=", ".join(lesions), citations=[5])
        else:
            self.rec("mal.focal_rt_indications")
        detail = {True: " Thin linear deposits are recorded.", False: " Thin linear deposits "
                  "are not recorded.", None: ""}[pres.thin_linear_deposits]
        self.rec("mal.intrathecal", detail=detail)
        if self.case.planned.intrathecal_chemotherapy:
            self._intrathecal_course()

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
        self.rec("mal.it_methotrexate", route=f" Route: {route}.")
        self.doses.append(Dose(drug="methotrexate", route=route, amount_mg=c.IT_METHOTREXATE_MG,
                               frequency="twice weekly for 4 weeks, then weekly for 4 weeks, "
                               "then monthly", daily_total_mg=c.IT_METHOTREXATE_MG,
                               basis="fixed dose 15 mg per dose", capped=False, citations=[5],
                               start_date=self.case.planned.treatment_start_date))
        start = self._start()
        if start is None:
            return
        self.used("it_twice_weekly_second_dose_day")
        self.used("it_monthly_doses_listed")
        self.gap("gap.it_monthly_end", n=str(self.site.it_monthly_doses_listed))
        for when, label in intrathecal_methotrexate_calendar(
            start, self.site.it_twice_weekly_second_dose_day, self.site.it_monthly_doses_listed
        ):
            self.add_schedule(when, f"Intrathecal methotrexate 15 mg ({label})",
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
        if group is None:
            self.need("patient.age_years")
            self.rec("bact.ceftriaxone_adult")
            self.rec("bact.ceftriaxone_child", dose=" No dose computed: age not entered.")
        elif group is AgeGroup.adult:
            self.rec("bact.ceftriaxone_adult")
            self.note("review.ceftriaxone_adult_dose")
            total = c.CEFTRIAXONE_ADULT_G_PER_DAY * 1000
            self.doses.append(Dose(drug="ceftriaxone", route="IV", amount_mg=total,
                                   frequency="every 24 hours (or 1 g every 12 hours)",
                                   daily_total_mg=total, basis="adult standard empiric dose "
                                   "2 g/day", capped=False, citations=[3],
                                   start_date=self._antimicrobial_start()))
        else:
            w = self._weight()
            if w is None:
                self.rec("bact.ceftriaxone_child", dose=" No dose computed: weight not entered.")
            else:
                raw = c.CEFTRIAXONE_CHILD_MG_PER_KG_DAY * w
                cap = c.CEFTRIAXONE_CHILD_MAX_G_PER_DAY * 1000
                capped = raw > cap
                total = round(cap if capped else raw, 1)
                basis = f"100 mg/kg/day x {num(w)} kg = {num(round(raw, 1))} mg/day"
                if capped:
                    basis += ", capped at 4 g/day"
                self.rec("bact.ceftriaxone_child",
                         dose=f" For {num(w)} kg: {num(total)} mg per day"
                         f"{' (capped at 4 g)' if capped else ''}.")
                self.doses.append(Dose(drug="ceftriaxone", route="IV", amount_mg=total,
                                       frequency="total per day (the guideline gives no split; "
                                       "the prescriber states it)", daily_total_mg=total,
                                       basis=basis, capped=capped, citations=[3],
                                       start_date=self._antimicrobial_start()))
            if group is AgeGroup.neonate or patient.neonate_status_unknown:
                self.alert("bact.ceftriaxone_neonate")
        # A warning at every age; a stop alert in neonates, and in infants whose age in days
        # is unknown (they may be neonates).
        if group is AgeGroup.neonate:
            severity, who = Severity.stop, " This patient is a neonate."
        elif patient.neonate_status_unknown:
            self.need("patient.age_days")
            severity, who = Severity.stop, " Age in days is not entered: treat as a neonate."
        elif group is None:
            severity, who = Severity.stop, " Age is not entered: treat as a neonate."
        else:
            severity, who = Severity.warning, ""
        self.alert("pitfall.calcium_ceftriaxone", severity=severity, who=who,
                   blocks=("calcium_iv_with_ceftriaxone",))

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
        for when in surveillance_dates(start, self.site.mri_surveillance_interval_weeks,
                                       self.end_of_minimum):
            self.add_schedule(when, "Surveillance MRI of the spine (interval: site default)",
                              "surveillance", (2, 9))


def build_plan(case: Case, site: c.SiteDefaults | None = None) -> Plan:
    """The plan the guideline gives for ``case``. Pure: same case and site, same plan."""
    return _Builder(case, site or c.SiteDefaults()).run()
