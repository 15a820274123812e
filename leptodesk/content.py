"""The encoded guideline content: every number and sentence the rules use, with citations.

Everything here comes from resources/guideline/leptomeningeal-spine-treatment.txt, except:
- ``SiteDefaults``: values the guideline does not give, named and documented, changeable by a
  site (``site-defaults.json`` in the data folder); the plan lists each one it used.
- ``REVIEW_NOTES``: where wider references differ from the guideline; shown as review notes and
  marked as not from the guideline.

``CONTENT_VERSION`` names this content; ``content_sha256()`` hashes all of it (texts, numbers,
citations, site defaults in effect), so a signed plan can be traced to the exact rules.
Change a text or number here and bump ``CONTENT_VERSION``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CONTENT_VERSION = "lepto-spine-2026.5"

# --- Numbers stated by the guideline -------------------------------------------------------
# LP contraindications [2]
LP_MIN_PLATELETS_10E9_PER_L = 40  # contraindicated when below
LP_MAX_INR = 1.4  # contraindicated when above
LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH = 12  # contraindicated when fewer hours have passed
# CSF collection [2, 1]
CSF_MIN_VOLUME_ML_LOW = 5
CSF_MIN_VOLUME_ML_HIGH = 10
CSF_PROCESS_WITHIN_MIN = 30
# CSF profile [2, 1]
CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW = 0.5
CSF_PROTEIN_ELEVATED_ABOVE_MG_DL = 150
# Culture yield by LP delay after antibiotics [4]
CULTURE_YIELD_WITHIN_4H_PERCENT = 73
CULTURE_YIELD_AFTER_4H_PERCENT = 11
CULTURE_YIELD_AFTER_8H_PERCENT = 0
CULTURE_YIELD_HOURS = (4, 8)  # LP within 4 h of antibiotics; after 4 h; after 8 h
CT_SHARE_OF_UNNECESSARY_DELAYS_PERCENT = 67
# Doses [1, 3, 5]
PREDNISONE_MG_PER_KG_DAY = 1
CEFTRIAXONE_ADULT_G_PER_DAY = 2
CEFTRIAXONE_DIVIDED_EVERY_H = 12  # "(or divided every 12 hours)"
CEFTRIAXONE_CHILD_MG_PER_KG_DAY = 100
CEFTRIAXONE_CHILD_MAX_G_PER_DAY = 4
IT_METHOTREXATE_MG = 15
IT_TWICE_WEEKLY_WEEKS = 4
IT_WEEKLY_WEEKS = 4
RT_TOTAL_GY = (30, 36)
RT_FRACTIONS = (10, 12)
# Prognosis gate [5, 6]
KPS_GOOD_MIN = 70
LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS = 1
# Durations [1, 7, 8, 3]
TB_MIN_MONTHS = 12
BACTERIAL_SPINAL_MIN_WEEKS = 6
BACTERIAL_UNCOMPLICATED_DAYS = (4, 14)
TB_MORTALITY_PERCENT = (20, 50)
# Units (not clinical): the international avoirdupois pound, for the kg/lb entry hint.
KG_PER_LB = 0.45359237


class SiteDefaults(BaseModel):
    """Values the guideline does not state. A site may change them; the plan says when used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    opening_pressure_upper_normal_cm_h2o: float = Field(
        25, gt=0, le=100,
        description="Upper limit of a normal lumbar opening pressure; the guideline says only "
        "'elevated opening pressure'.",
    )
    pleocytosis_wbc_above_per_ul: int = Field(
        5, ge=0, le=1000,
        description="CSF white cells above which there is a pleocytosis; the guideline gives "
        "no count.",
    )
    lymphocytic_above_percent: float = Field(
        50, ge=0, le=100,
        description="Lymphocyte share above which a pleocytosis is called lymphocytic.",
    )
    it_twice_weekly_second_dose_day: int = Field(
        3, ge=1, le=6,
        description="Days from the first to the second intrathecal dose of each week in the "
        "twice-weekly phase; the guideline says only 'twice weekly'.",
    )
    it_monthly_doses_listed: int = Field(
        3, ge=1, le=24,
        description="How many monthly intrathecal doses the calendar lists; the guideline gives "
        "no end to the monthly phase.",
    )
    mri_surveillance_interval_weeks: int = Field(
        12, ge=1, le=104,
        description="Interval of surveillance MRI on the calendar; the guideline says 'serial "
        "MRI' without an interval.",
    )
    mri_surveillance_dates_listed: int = Field(
        4, ge=1, le=24,
        description="How many surveillance MRI dates the calendar lists when the course has no "
        "end date; the guideline gives no end to serial MRI.",
    )
    move_dates_off_weekends: bool = Field(
        False, description="Move intrathecal and surveillance MRI dates that fall on a Saturday "
        "or Sunday to the next weekday; the guideline names no days of the week. Off by default: "
        "such dates stay and are marked.")
    site_holidays: tuple[date, ...] = Field(
        (), max_length=400, description="The site's holidays: a calendar date on one is "
        "marked (and moved when move_dates_off_holidays is on).")
    move_dates_off_holidays: bool = Field(
        False, description="Move intrathecal and surveillance MRI dates that fall on one of "
        "the site's holidays to the next working day. Off by default.")
    prednisone_review_above_mg_per_day: float = Field(
        60, gt=0, le=1000,
        description="Daily prednisone above which the dose row asks for a review; the "
        "guideline gives 1 mg/kg/day with no maximum.",
    )
    weight_kg_neonate: tuple[float, float] = Field(
        (0.3, 7), description="Plausible weight (kg) of a neonate (28 days or less); outside "
        "it the entry is flagged, never corrected.")
    weight_kg_infant: tuple[float, float] = Field(
        (1.5, 15), description="Plausible weight (kg) of an infant over 28 days and under one "
        "year.")
    weight_kg_child: tuple[float, float] = Field(
        (5, 150), description="Plausible weight (kg) of a child of 1 to 17 years.")
    weight_kg_adult: tuple[float, float] = Field(
        (30, 250), description="Plausible weight (kg) of an adult (18 years or more).")


@dataclass(frozen=True)
class Text:
    kind: Literal["recommendation", "alert", "finding", "gap"]
    citations: tuple[int, ...]
    text: str
    # recommendation: the section; alert: the severity (may be overridden per case)
    group: str = ""


R, A, F = "recommendation", "alert", "finding"

TEXTS: dict[str, Text] = {
    # --- Diagnostic workup -----------------------------------------------------------------
    "workup.mri": Text(R, (1,), "Gadolinium-enhanced MRI of the entire spine is mandatory; it "
                       "shows leptomeningeal enhancement along nerve roots and in the basilar "
                       "cisterns.{status}", "workup"),
    "workup.mri_sequences": Text(R, (2,), "Include post-gadolinium sagittal T1-weighted "
                                 "sequences of the spine, with axial T1-weighted images of "
                                 "regions of interest.", "workup"),
    "workup.mri_not_done": Text(A, (1,), "Gadolinium-enhanced MRI of the entire spine is "
                                "recorded as not done: it is mandatory before treatment.",
                                "warning"),
    "workup.lp": Text(R, (2,), "Lumbar puncture with CSF analysis is essential unless "
                      "contraindicated by coagulopathy, infection at the LP site, or signs of "
                      "severe sepsis.", "workup"),
    "lp.contraindicated": Text(A, (2,), "Do not perform a lumbar puncture now. {reasons}.",
                               "stop"),
    "lp.safety_incomplete": Text(A, (2,), "LP safety cannot be confirmed: {unknown} not "
                                 "entered. Do not perform {which} LP until the "
                                 "contraindications "
                                 "(platelets < {platelets} ×10⁹/L, INR > {inr}, prophylactic "
                                 "LMWH within {hours} h, infection at the LP site, severe "
                                 "sepsis) are excluded.", "warning"),
    "workup.csf_volume": Text(R, (2, 1), "Collect a minimum of {csf_ml_low}-{csf_ml_high} mL of "
                              "CSF and process it within {csf_process_min} minutes.", "workup"),
    "workup.csf_volume_low": Text(A, (2, 1), "CSF volume {volume} mL is below the guideline's "
                                  "minimum of {low}-{high} mL.", "warning"),
    "workup.csf_tests": Text(R, (1,), "Send CSF for acid-fast bacilli smear and culture, fungal "
                             "culture, bacterial culture, cryptococcal antigen, VDRL, and "
                             "cytology to exclude malignancy.", "workup"),
    "workup.second_lp": Text(R, (2,), "Initial CSF cytology is negative but clinical suspicion "
                             "remains high: perform a second lumbar puncture.", "workup"),
    # --- CSF interpretation ----------------------------------------------------------------
    "csf.glucose_ratio": Text(F, (2, 1), "CSF/serum glucose ratio {ratio} ({csf} / {serum} "
                              "mg/dL): {verdict} (typical profile: less than half of serum "
                              "glucose, ratio < {glucose_ratio})."),
    "csf.protein": Text(F, (2, 1), "CSF protein {protein} mg/dL: {verdict} (typical profile: "
                        "commonly > {protein_mg_dl} mg/dL)."),
    "csf.pleocytosis": Text(F, (2, 1), "CSF white cells {wbc}/µL{lymph}: {verdict} (typical "
                            "profile: lymphocytic pleocytosis; thresholds are site defaults: "
                            "> {wbc_limit}/µL, lymphocytes > {lymph_limit}%)."),
    "csf.opening_pressure": Text(F, (2, 1), "Opening pressure {op} cm H2O: {verdict} (typical "
                                 "profile: elevated; upper normal {limit} cm H2O is a site "
                                 "default, not from the guideline)."),
    # --- Urgent actions and bacterial meningitis -------------------------------------------
    "urgent.antibiotics_now": Text(A, (2, 4), "{who}{signs}: start empiric IV antibiotics "
                                   "immediately{hour}.{no_wait}{started}", "stop"),
    "urgent.assess_bacterial": Text(A, (2,), "Recorded: {signs}; whether bacterial "
                                    "meningitis is suspected is not answered. If it is "
                                    "suspected, start empiric IV antibiotics immediately; do not "
                                    "delay them for imaging or LP.", "warning"),
    "pitfall.ct_delay": Text(A, (4,), "Do not delay antibiotics for CT scanning: {pct}% of "
                             "unnecessary delays are due to CT scans.", "warning"),
    "bact.empiric": Text(R, (2,), "Start empiric IV antibiotics immediately when bacterial "
                         "meningitis is suspected, ideally within the first hour if signs of "
                         "severe sepsis are present.", "treatment"),
    "bact.ceftriaxone_adult": Text(R, (3,), "Ceftriaxone {ceft_adult_g} g IV daily (or divided "
                                   "every {ceft_divided_h} hours) is a standard empiric choice "
                                   "for adults.",
                                   "treatment"),
    "bact.ceftriaxone_child": Text(R, (3,), "Ceftriaxone {ceft_child_mg_kg} mg/kg/day IV for "
                                   "children, not to exceed {ceft_child_max_g} g daily.{dose}",
                                   "treatment"),
    "bact.ceftriaxone_neonate": Text(A, (3,), "No ceftriaxone dose is computed: the guideline "
                                     "gives a dose for children and none for neonates, and "
                                     "warns against calcium-containing IV solutions with "
                                     "ceftriaxone, especially in neonates.{who} The neonatal "
                                     "dose, if any, is for a neonatal specialist.", "stop"),
    "child.guideline_silent": Text(A, (1, 5), "Guideline silent for children: {what}. Dose to "
                                   "be set by a paediatric specialist.", "stop"),
    "dose.interval_not_chosen": Text(A, (3,), "Ceftriaxone {total}: interval not chosen: ask "
                                     "the prescriber ({options}).", "stop"),
    "bact.culture_yield": Text(A, (4,), "{text}", "info"),
    "pitfall.calcium_ceftriaxone": Text(A, (3,), "Do not use calcium-containing IV "
                                        "solutions with ceftriaxone (precipitation risk, "
                                        "especially in neonates).{who}", "warning"),
    "bact.duration_spinal": Text(R, (7, 8), "Bacterial spinal infections: minimum "
                                 "{bact_spinal_weeks} weeks of antimicrobial therapy, "
                                 "initially IV then oral.{until}",
                                 "duration_monitoring"),
    "bact.duration_meningitis": Text(R, (3,), "Continue until signs and symptoms resolve, "
                                     "typically {bact_days_min}-{bact_days_max} days for "
                                     "uncomplicated bacterial "
                                     "meningitis, longer for complicated infections.",
                                     "duration_monitoring"),
    # --- Tuberculous -----------------------------------------------------------------------
    "tb.ripe": Text(R, (1,), "Start multi-drug anti-tuberculous therapy: isoniazid, rifampin, "
                    "pyrazinamide and ethambutol, for a minimum of {tb_months} months.",
                    "treatment"),
    "tb.steroids": Text(R, (1,), "Add adjunctive corticosteroids (prednisone {pred_mg_kg} "
                        "mg/kg/day) to reduce inflammation and prevent complications. This "
                        "combination reduces mortality from the {tb_mort_min}-{tb_mort_max}% "
                        "range even with treatment alone."
                        "{dose}", "treatment"),
    "tb.duration": Text(R, (1,), "Tuberculous meningitis: antimicrobial therapy for a minimum "
                        "of {tb_months} months.{until}", "duration_monitoring"),
    # --- Fungal ----------------------------------------------------------------------------
    "fungal.antifungal": Text(R, (1,), "Give prolonged organism-specific antifungal therapy"
                              "{organism}.", "treatment"),
    "fungal.coccidioides": Text(A, (2,), "Coccidioidal meningitis: untreated disease is nearly "
                                "always fatal; do not leave it untreated.", "warning"),
    "fungal.duration": Text(R, (2,), "Continue antifungal treatment based on clinical response "
                            "and CSF parameters.", "duration_monitoring"),
    # --- Neurosarcoidosis ------------------------------------------------------------------
    "sarc.steroids": Text(R, (1,), "First line: high-dose corticosteroids (prednisone "
                          "{pred_mg_kg} mg/kg/day).{dose}", "treatment"),
    "sarc.maintenance": Text(R, (1,), "Maintenance: a steroid-sparing immunosuppressant "
                             "(methotrexate, azathioprine or mycophenolate).", "treatment"),
    "sarc.outlook": Text(R, (1,), "Neurosarcoidosis typically responds well, with good "
                         "long-term outcomes if diagnosed early.", "treatment"),
    # --- Malignant -------------------------------------------------------------------------
    "mal.gate_good": Text(R, (5,), "Prognosis allows disease-directed therapy (KPS {kps} ≥ "
                          "{kps_min} and life expectancy {le} > {le_min}).", "treatment"),
    "mal.systemic": Text(R, (5,), "Systemic therapy is the fundamental pillar: prioritise "
                         "agents with CNS penetration and blood-CSF barrier permeability."
                         "{agent}", "treatment"),
    "mal.intrathecal": Text(R, (5,), "Intrathecal chemotherapy is most effective for thin "
                            "linear leptomeningeal deposits with unobstructed CSF flow.{detail}",
                            "treatment"),
    "mal.it_methotrexate": Text(R, (5,), "Intrathecal methotrexate {mg} mg per dose: twice "
                                "weekly for {twice} weeks, then weekly for {weekly} weeks, then "
                                "monthly.{route}", "treatment"),
    "mal.ommaya": Text(R, (5,), "Give intrathecal chemotherapy via an Ommaya reservoir "
                       "(ventricular route) rather than the lumbar route when feasible: it is "
                       "associated with better survival.{status}", "treatment"),
    "mal.focal_rt": Text(R, (5,), "Focal radiotherapy for symptomatic lesions ({lesions}): "
                         "standard palliative dose {gy_min}-{gy_max} Gy in {fx_min}-{fx_max} "
                         "daily fractions; radiotherapy gives faster symptom relief than "
                         "chemotherapy.", "treatment"),
    "mal.focal_rt_indications": Text(R, (5,), "Focal radiotherapy is for symptomatic lesions "
                                     "(cranial neuropathies, spinal cord compression, nodular "
                                     "disease): {gy_min}-{gy_max} Gy in {fx_min}-{fx_max} daily "
                                     "fractions.", "treatment"),
    "mal.gate_poor": Text(R, (5, 6), "Poor prognosis ({reason}): prioritise best supportive "
                          "care and palliative measures over disease-directed therapy.",
                          "supportive"),
    "mal.poor_rt": Text(R, (6,), "Consider palliative radiotherapy only if symptomatic benefit "
                        "clearly outweighs treatment toxicities.", "supportive"),
    "mal.gate_unknown": Text(A, (5, 6), "Prognosis gate not decided: {reason}. The guideline "
                             "gives disease-directed therapy for KPS ≥ {kps_min} and life "
                             "expectancy > {le_min}, and best supportive care for KPS < "
                             "{kps_min} or life expectancy < {le_min}; it does not cover this "
                             "case. No "
                             "disease-directed therapy is recommended until this is "
                             "resolved.", "warning"),
    # --- Intrathecal chemotherapy pitfalls -------------------------------------------------
    "it.flow_obstruction": Text(A, (5, 6), "No intrathecal chemotherapy while CSF flow "
                                "obstruction is present; radiotherapy must restore flow first.",
                                "stop"),
    "it.hydrocephalus": Text(A, (5, 6), "No intrathecal chemotherapy in symptomatic "
                             "hydrocephalus requiring a VP shunt.", "stop"),
    "it.dying": Text(A, (6,), "Do not pursue intrathecal chemotherapy in a dying "
                     "patient.", "stop"),
    "it.lumbar_route_lp_unsafe": Text(A, (2, 5), "Lumbar intrathecal injection is a "
                                      "lumbar puncture, which is contraindicated now ({reasons})."
                                      " Consider the Ommaya (ventricular) route, preferred when "
                                      "feasible, or wait until LP is safe.", "stop"),
    "it.not_scheduled": Text(A, (5,), "Intrathecal methotrexate is planned but not scheduled: "
                             "{reason}.", "warning"),
    "it.prohibition_unanswered": Text(A, (5, 6), "Intrathecal methotrexate gets no dates "
                                      "until the clinician answers: {fields}. The guideline "
                                      "forbids intrathecal chemotherapy when any of them "
                                      "applies.", "stop"),
    "it.confirm_before_dose": Text(A, (2, 5), "Before each intrathecal dose, confirm that there "
                                   "is no {what}: {why} not recorded.", "warning"),
    "pitfall.leukoencephalopathy": Text(A, (5,), "Do not combine craniospinal radiation "
                                        "with {chemo}: increased risk of leukoencephalopathy.",
                                        "stop"),
    # --- Surgery ---------------------------------------------------------------------------
    "surgery.vp_shunt": Text(R, (1, 5), "Offer ventriculoperitoneal shunt placement for "
                             "symptomatic hydrocephalus and elevated intracranial pressure as a "
                             "palliative procedure; it relieves symptoms in most treated "
                             "patients and improves quality of life.", "surgery"),
    "surgery.stabilisation": Text(R, (2, 7, 8), "Vertebral body involvement with spinal "
                                  "instability: surgical debridement and stabilisation with "
                                  "instrumentation may be required.", "surgery"),
    "surgery.titanium": Text(R, (2,), "Prefer titanium constructs: biologically inert, with "
                             "smooth surfaces that resist organism adherence. Complete "
                             "sterilisation before hardware implantation is desirable but not "
                             "a practical expectation.", "surgery"),
    # --- Monitoring, undetermined ----------------------------------------------------------
    "monitoring.mri": Text(R, (2, 9), "Serial MRI surveillance to monitor treatment response "
                           "and detect complications.", "duration_monitoring"),
    "undetermined.etiology": Text(R, (1,), "Etiology {state}: treatment depends critically on "
                                  "the underlying etiology, so no disease-directed therapy is "
                                  "recommended yet. Complete the workup (MRI, CSF tests) to "
                                  "establish it.", "workup"),
}


def _n(value: float) -> str:
    return f"{value:g}"


def months_text(shown: str, lang: str = "en") -> str:
    """``shown`` (a number already written in ``lang``) months: "1 month", "2 mois"."""
    from . import i18n

    key = "msg:month_one" if i18n.plural_category(lang, shown) == "one" else "msg:month_other"
    return i18n.tr(lang, key, n=shown)


# The constants as the texts write them: every text is formatted with these (and its own
# fields), so a sentence always says the number the rule tests.
NUMBERS: dict[str, str] = {
    "csf_ml_low": _n(CSF_MIN_VOLUME_ML_LOW), "csf_ml_high": _n(CSF_MIN_VOLUME_ML_HIGH),
    "csf_process_min": _n(CSF_PROCESS_WITHIN_MIN),
    "glucose_ratio": _n(CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW),
    "protein_mg_dl": _n(CSF_PROTEIN_ELEVATED_ABOVE_MG_DL),
    "ceft_adult_g": _n(CEFTRIAXONE_ADULT_G_PER_DAY),
    "ceft_divided_h": _n(CEFTRIAXONE_DIVIDED_EVERY_H),
    "ceft_child_mg_kg": _n(CEFTRIAXONE_CHILD_MG_PER_KG_DAY),
    "ceft_child_max_g": _n(CEFTRIAXONE_CHILD_MAX_G_PER_DAY),
    "bact_spinal_weeks": _n(BACTERIAL_SPINAL_MIN_WEEKS),
    "bact_days_min": _n(BACTERIAL_UNCOMPLICATED_DAYS[0]),
    "bact_days_max": _n(BACTERIAL_UNCOMPLICATED_DAYS[1]),
    "tb_months": _n(TB_MIN_MONTHS), "pred_mg_kg": _n(PREDNISONE_MG_PER_KG_DAY),
    "tb_mort_min": _n(TB_MORTALITY_PERCENT[0]), "tb_mort_max": _n(TB_MORTALITY_PERCENT[1]),
    "kps_min": _n(KPS_GOOD_MIN),
}


@lru_cache(maxsize=4)
def numbers(lang: str = "en") -> dict[str, str]:
    """NUMBERS written in ``lang`` (its decimal separator), with the month threshold."""
    from . import i18n

    out = {k: i18n.localize_number(v, lang) for k, v in NUMBERS.items()}
    out["le_min"] = months_text(i18n.localize_number(_n(LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS),
                                                     lang), lang)
    return out


# Agents with CNS penetration by primary cancer [5].
SYSTEMIC_AGENTS: dict[str, str] = {
    "breast_her2_positive": "HER2+ breast cancer: trastuzumab deruxtecan or tucatinib "
    "combinations.",
    "lung_egfr_mutated": "EGFR-mutated lung cancer: osimertinib or almonertinib.",
    "melanoma_braf_mutated": "BRAF-mutated melanoma: BRAF/MEK inhibitors with CNS penetration.",
}


REVIEW_NOTES: dict[str, tuple[str, str]] = {
    "review.ceftriaxone_adult_dose": (
        "Adult ceftriaxone: this plan keeps the guideline's 2 g daily (or divided every 12 h). "
        "The UK joint specialist societies' meningitis guideline (2016) and IDSA (2004) give "
        "2 g every 12 h (4 g/day) for bacterial meningitis. Review before prescribing.",
        "UK joint specialist societies meningitis guideline (2016); IDSA (2004)",
    ),
    "review.ceftriaxone_label": (
        "Ceftriaxone product label: contraindicated in hyperbilirubinaemic neonates, and must "
        "never run with calcium through the same line at any age.",
        "Ceftriaxone product label",
    ),
    "review.tb_steroids": (
        "Tuberculous meningitis steroids: this plan keeps the guideline's prednisone 1 "
        "mg/kg/day. WHO guidance uses dexamethasone or prednisolone tapered over 6-8 weeks; "
        "children 2 mg/kg/day (max 60 mg/day).",
        "WHO tuberculosis guidance",
    ),
    "review.ceftriaxone_neonate": (
        "Ceftriaxone product label: contraindicated in neonates who receive (or are expected to "
        "receive) calcium-containing IV solutions by any line, even separate lines or at "
        "different times, and in hyperbilirubinaemic neonates.",
        "Ceftriaxone product label",
    ),
    "review.paediatric_it": (
        "Intrathecal methotrexate in children is dosed by age band, not by the adult fixed "
        "dose, in paediatric oncology protocols; set by a paediatric oncologist.",
        "Paediatric oncology protocols (e.g. Children's Oncology Group; Bleyer's age-based "
        "intrathecal dosing)",
    ),
    "review.paediatric_rt": (
        "Radiotherapy dose and fractionation for a child are set by a paediatric radiation "
        "oncologist; the adult palliative dose does not transfer.",
        "Paediatric radiation oncology practice",
    ),
    "review.lansky": (
        "Children's performance status is scored with the Lansky play-performance scale, not "
        "the Karnofsky scale used by the guideline's prognosis gate.",
        "Lansky et al. (1987), Lansky play-performance scale",
    ),
    "review.paediatric_prednisone": (
        "Prednisone in children: the guideline's 1 mg/kg/day has no maximum. WHO guidance for "
        "tuberculous meningitis in children gives 2 mg/kg/day (max 60 mg/day); set the dose "
        "with a paediatric specialist.",
        "WHO tuberculosis guidance",
    ),
    "review.prednisone_no_max": (
        "The guideline gives prednisone 1 mg/kg/day with no maximum daily dose; wider "
        "references cap it (WHO tuberculosis guidance: max 60 mg/day in children). Review this "
        "daily dose with the prescriber.",
        "WHO tuberculosis guidance",
    ),
    "review.bacterial_steroids": (
        "Bacterial meningitis: wider references give adjunctive dexamethasone, started shortly "
        "before or with the first antibiotic dose; it is timing-critical, so decide it now.",
        "UK joint specialist societies meningitis guideline (2016); IDSA (2004)",
    ),
    "review.fungal_steroids": (
        "Cryptococcal meningitis: wider references advise against adjunctive corticosteroids "
        "(dexamethasone increased harm in a randomised trial).",
        "IDSA cryptococcal disease guideline (2010); Beardsley et al., NEJM 2016",
    ),
    "review.lp_anticoagulation": (
        "LP and anticoagulation: the guideline names only prophylactic LMWH (12 h). The "
        "Association of British Neurologists (2018) adds treatment-dose LMWH (24 h), DOACs and "
        "antiplatelet agents. Check these before LP.",
        "Association of British Neurologists (2018)",
    ),
}

GAPS: dict[str, str] = {
    "gap.tb_drug_doses": "The guideline gives no doses for isoniazid, rifampin, pyrazinamide or "
    "ethambutol: dose them by the national TB programme or formulary.",
    "gap.steroid_duration": "The guideline gives no duration or taper for prednisone.",
    "gap.antifungal_agent": "The guideline names no antifungal agent, dose or duration for "
    "{organism}.",
    "gap.fungal_organism": "Fungal organism not entered: organism-specific antifungal therapy "
    "cannot be chosen until it is known.",
    "gap.sarc_maintenance_doses": "The guideline gives no doses for the steroid-sparing "
    "maintenance agents.",
    "gap.bacterial_duration": "The guideline gives both a minimum of {bact_spinal_weeks} weeks "
    "for bacterial spinal infections and {bact_days_min}-{bact_days_max} days for "
    "uncomplicated bacterial meningitis; the clinician decides which applies.",
    "gap.bacterial_other_agents": "The guideline names ceftriaxone as a standard empiric "
    "choice only; it gives no organism-directed regimen.",
    "gap.systemic_agent_other": "The guideline names no systemic agent for this primary "
    "cancer; choose one with CNS penetration with oncology.",
    "gap.primary_cancer": "Primary cancer not entered: no systemic agent can be named.",
    "gap.prognosis": "{reason}: the guideline's prognosis gate does not decide this case.",
    "gap.it_monthly_end": "The guideline gives no end to the monthly intrathecal phase; the "
    "calendar lists the first {n} monthly doses (site default).",
    "gap.rt_poor_dose": "For poor prognosis the guideline gives no radiotherapy dose.",
    "gap.undetermined": "Etiology {state}: the guideline gives no treatment without one.",
    "gap.dose_rounding": "Doses are computed exactly from weight; round to available "
    "preparations by local pharmacy practice.",
    "gap.shunt_raised_icp_only": "Raised intracranial pressure without symptomatic "
    "hydrocephalus: the guideline offers a VP shunt for symptomatic hydrocephalus and elevated "
    "intracranial pressure together; it does not address raised pressure alone.",
    "gap.vertebral_stable": "Vertebral body involvement without spinal instability: the "
    "guideline gives surgery only with instability.",
    "gap.rt_gate_undecided": "Symptomatic lesions ({lesions}) with the prognosis gate not "
    "decided: the guideline gives focal radiotherapy for a good prognosis, and palliative "
    "radiotherapy only if benefit clearly outweighs toxicity for a poor one; decide the "
    "prognosis to decide radiotherapy.",
    "gap.infectious_steroids": "The guideline's opening line says infectious causes need "
    "adjunctive corticosteroids, but it gives a steroid regimen only for tuberculous "
    "meningitis: this plan gives none for {cause} (see the review notes).",
    "gap.prednisone_max": "The guideline gives prednisone {pred_mg_kg} mg/kg/day with no "
    "maximum daily dose.",
    "gap.surveillance_end": "The guideline gives no interval or end for serial MRI: the "
    "calendar lists the first {n} at the site-default interval.",
    "gap.bacterial_spinal_unknown": "Vertebral body involvement is not recorded: the "
    "{bact_spinal_weeks}-week minimum for a bacterial spinal infection is not dated until it "
    "is.",
    "gap.child_prognosis": "The guideline's prognosis gate uses the Karnofsky score, an adult "
    "scale; it gives no gate for children.",
}


# Contradictions and implausible entries: flagged where entered and in the plan, never
# corrected. Not guideline statements: the plan lists them apart from the guideline's alerts.
ENTRY_CHECKS: dict[str, str] = {
    "entry.weight_for_age": "Weight {weight} kg is outside the site's plausible range for "
    "{group} ({low}-{high} kg, site default {name}): check the entry before any weight-based "
    "dose.{lb}",
    "entry.bacterial_not_suspected": "Etiology is bacterial but suspected bacterial meningitis "
    "is answered No: the entries contradict each other; the plan treats the case as bacterial.",
    "entry.start_while_antibiotics_due": "Treatment start is planned for {date}, but bacterial "
    "meningitis is suspected and no antibiotic start is recorded: the first antibiotic dose is "
    "due now, not on that date. Record the time it is given.",
    "entry.dying_kps": "Recorded as dying with KPS {kps} (≥ {kps_min}): the entries contradict "
    "each other; the plan follows 'dying'.",
    "entry.dying_life_expectancy": "Recorded as dying with a life expectancy of {le} (> "
    "{le_min}): the entries contradict each other; the plan follows 'dying'.",
    "entry.cytology_positive": "CSF cytology is positive (malignant cells) but the etiology is "
    "{category}: check both entries.",
    "entry.instability_without_vertebral": "Spinal instability is recorded but vertebral body "
    "involvement is answered No: check both entries.",
}


# SHA-256 of the source files that decide when the content applies (leptodesk/rules.py, i18n.py,
# languages.py, schedule.py, models.py, fields.py, and view/numbers.py, which writes the numbers
# of every sentence), so that content_sha256 changes with any
# change to the rules, not only to the texts here. The bundle ships no sources, so the digest
# is recorded here; tests/test_traceability.py fails until it is updated after such a change
# (then also bump CONTENT_VERSION when the change reaches users).
RULES_SOURCES = ("rules.py", "schedule.py", "models.py", "fields.py", "i18n.py", "languages.py",
                 "view/numbers.py")
RULES_SOURCE_SHA256 = "ecf0d72b69ca492a0e06f0b99a319e66f8d11cdbcd748258318efb6384c68fc1"


def rules_source_sha256(folder: str | None = None) -> str:
    """The digest of RULES_SOURCES as they are on disk (for the test that pins it)."""
    from pathlib import Path

    base = Path(folder) if folder else Path(__file__).parent
    digest = hashlib.sha256()
    for name in RULES_SOURCES:
        digest.update(name.encode() + b"\0" + (base / name).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def _content_payload(site: SiteDefaults, lang: str = "en") -> dict:
    from . import i18n

    numbers = {k: v for k, v in globals().items() if k.isupper() and isinstance(
        v, int | float | tuple | str) and k != "CONTENT_VERSION"}
    return {
        "version": CONTENT_VERSION,
        "numbers": numbers,
        "texts": {k: asdict(v) for k, v in TEXTS.items()},
        "systemic_agents": SYSTEMIC_AGENTS,
        "rules_source_sha256": RULES_SOURCE_SHA256,
        "review_notes": REVIEW_NOTES,
        "gaps": GAPS,
        "entry_checks": ENTRY_CHECKS,
        "site_defaults": site.model_dump(mode="json"),
        # The plan's language: its whole catalogue (every sentence, fragment and label the
        # plan and its PDFs are written with) and its clinical review record.
        "catalogue": i18n.catalogue(lang).sha256_payload(),
    }


@lru_cache(maxsize=8)
def content_sha256(site: SiteDefaults = SiteDefaults(),  # noqa: B008 - frozen model
                   lang: str = "en") -> str:
    """The hash of the content in effect for a plan in ``lang`` with ``site``'s values."""
    payload = json.dumps(_content_payload(site, lang), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
