"""The guideline's own numbers and boundaries, rule by rule."""

from datetime import date

import pytest

from leptodesk import content
from leptodesk.clinical import build_plan
from leptodesk.clinical.schedule import add_months, surveillance_dates
from leptodesk.models import Pathway, Severity

from .helpers import MALIGNANT_IT_READY, SAFE_LP, alert_ids, case, dose, plan, rec_ids

# --- LP safety [2] ------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "contraindicated"), [
    ("lp_safety__platelets_10e9_per_l", 40, False),
    ("lp_safety__platelets_10e9_per_l", 39, True),
    ("lp_safety__inr", 1.4, False),
    ("lp_safety__inr", 1.5, True),
    ("lp_safety__hours_since_prophylactic_lmwh", 12, False),
    ("lp_safety__hours_since_prophylactic_lmwh", 11, True),
    ("lp_safety__infection_at_lp_site", True, True),
    ("presentation__severe_sepsis", True, True),
])
def test_lp_contraindication_boundaries(field, value, contraindicated):
    p = plan(**{**SAFE_LP, field: value})
    assert ("lp.contraindicated" in alert_ids(p, "stop")) is contraindicated
    assert p.lp_verdict.status == ("contraindicated" if contraindicated
                                   else "no_contraindication_entered")
    assert p.blocked("lumbar_puncture") is contraindicated


def test_lp_stop_alert_names_every_reason():
    p = plan(lp_safety__platelets_10e9_per_l=25, lp_safety__inr=1.8,
             lp_safety__hours_since_prophylactic_lmwh=4, lp_safety__infection_at_lp_site=True,
             presentation__severe_sepsis=True)
    (alert,) = [a for a in p.alerts if a.id == "lp.contraindicated"]
    for reason in ("platelets 25 ", "INR 1.8 ", "LMWH 4 h", "infection at the LP site",
                   "severe sepsis"):
        assert reason in alert.text
    assert alert.citations == [2]
    assert len(p.lp_verdict.reasons) == 5


def test_lmwh_status_is_explicit_and_not_known_is_asked():
    p = plan(**SAFE_LP)  # prophylactic_lmwh: none, said explicitly
    assert p.lp_verdict.status == "no_contraindication_entered"
    assert not any(m.startswith("lp_safety") for m in p.missing)
    unknown = plan(**{**SAFE_LP, "lp_safety__prophylactic_lmwh": None})
    assert unknown.lp_verdict.status == "incomplete"
    assert "lp_safety.prophylactic_lmwh" in unknown.missing
    assert "lp.safety_incomplete" in alert_ids(unknown, "warning")
    given = plan(**{**SAFE_LP, "lp_safety__prophylactic_lmwh": "given"})  # timing not known
    assert given.lp_verdict.status == "incomplete"
    assert "lp_safety.hours_since_prophylactic_lmwh" in given.missing


def test_after_the_lp_its_safety_questions_are_not_asked_unless_another_lp_is_planned():
    done = dict(lp__performed_at="2026-11-20T10:00", lp_safety__platelets_10e9_per_l=200)
    p = plan(**done, etiology__category="tuberculous")
    assert "lp.safety_incomplete" not in alert_ids(p)
    assert not any(m.startswith("lp_safety") for m in p.missing)
    second = plan(**done, lp__cytology="negative", lp__suspicion_of_malignancy="high")
    assert "lp.safety_incomplete" in alert_ids(second)


def test_lp_safety_unknown_is_said_and_listed():
    p = plan(lp_safety__platelets_10e9_per_l=200)
    assert p.lp_verdict.status == "incomplete"
    assert "Do not perform an LP" in [a for a in p.alerts if a.id == "lp.safety_incomplete"][0].text
    done = plan(lp_safety__platelets_10e9_per_l=200, lp__performed_at="2026-11-20T10:00",
                lp__cytology="negative", lp__suspicion_of_malignancy="high")
    assert "Do not perform a further LP" in [
        a for a in done.alerts if a.id == "lp.safety_incomplete"][0].text
    assert {"lp_safety.inr", "lp_safety.infection_at_lp_site",
            "presentation.severe_sepsis"} <= set(p.missing)


# --- Workup [1, 2] ------------------------------------------------------------------------


def test_workup_always_present_with_citations():
    p = plan()
    recs = {r.id: r for r in p.recommendations}
    assert recs["workup.mri"].citations == [1]
    assert "unless contraindicated" in recs["workup.lp"].text and recs["workup.lp"].citations == [2]
    assert "sagittal T1-weighted" in recs["workup.mri_sequences"].text
    assert recs["workup.mri_sequences"].citations == [2]
    assert "5-10 mL" in recs["workup.csf_volume"].text and "30 minutes" in recs[
        "workup.csf_volume"].text
    assert recs["workup.csf_volume"].citations == [2, 1]
    for test in ("acid-fast bacilli", "fungal culture", "bacterial culture",
                 "cryptococcal antigen", "VDRL", "cytology"):
        assert test in recs["workup.csf_tests"].text
    assert "imaging.mri_whole_spine_gadolinium" in p.missing


def test_mri_not_done_is_a_warning():
    assert "workup.mri_not_done" in alert_ids(plan(imaging__mri_whole_spine_gadolinium="not_done"),
                                              "warning")


def test_second_lp_when_cytology_negative_and_suspicion_high():
    assert "workup.second_lp" in rec_ids(plan(lp__cytology="negative",
                                              lp__suspicion_of_malignancy="high"))
    assert "workup.second_lp" not in rec_ids(plan(lp__cytology="negative",
                                                  lp__suspicion_of_malignancy="low"))
    assert "workup.second_lp" not in rec_ids(plan(lp__cytology="positive",
                                                  lp__suspicion_of_malignancy="high"))
    assert "lp.suspicion_of_malignancy" in plan(lp__cytology="negative").missing


@pytest.mark.parametrize(("volume", "low"), [(4.9, True), (5, False), (10, False)])
def test_csf_volume_minimum(volume, low):
    assert ("workup.csf_volume_low" in alert_ids(plan(lp__volume_ml=volume))) is low


# --- CSF interpretation [2, 1] --------------------------------------------------------------


def finding(p, rule_id):
    (f,) = [f for f in p.findings if f.id == rule_id]
    return f.text


def test_glucose_ratio_converts_units_and_uses_two_decimals():
    text = finding(plan(lp__csf_glucose={"value": 1.4, "unit": "mmol/L"},
                        lp__serum_glucose={"value": 5.6, "unit": "mmol/L"}), "csf.glucose_ratio")
    assert text.startswith("CSF/serum glucose ratio 0.25 (25.2 / 100.9 mg/dL): low")
    mixed = finding(plan(lp__csf_glucose={"value": 1, "unit": "mmol/L"},
                         lp__serum_glucose={"value": 36.032, "unit": "mg/dL"}),
                    "csf.glucose_ratio")
    assert mixed.startswith("CSF/serum glucose ratio 0.50 ") and ": not low" in mixed


@pytest.mark.parametrize(("csf", "shown", "low"), [
    (50, "0.50", False), (49, "0.49", True), (49.6, "0.496", True), (49.99, "0.499", True),
    (51, "0.51", False),
])
def test_glucose_ratio_boundary_at_half(csf, shown, low):
    text = finding(plan(lp__csf_glucose={"value": csf, "unit": "mg/dL"},
                        lp__serum_glucose={"value": 100, "unit": "mg/dL"}), "csf.glucose_ratio")
    assert text.startswith(f"CSF/serum glucose ratio {shown} ")
    assert ("low, less than half" in text) is low


def test_one_glucose_without_the_other_is_missing():
    p = plan(lp__csf_glucose={"value": 30, "unit": "mg/dL"})
    assert "lp.serum_glucose" in p.missing
    assert not [f for f in p.findings if f.id == "csf.glucose_ratio"]


@pytest.mark.parametrize(("protein", "elevated"), [
    ({"value": 150, "unit": "mg/dL"}, False), ({"value": 151, "unit": "mg/dL"}, True),
    ({"value": 1.5, "unit": "g/L"}, False), ({"value": 1.51, "unit": "g/L"}, True),
])
def test_protein_against_150_mg_dl(protein, elevated):
    text = finding(plan(lp__csf_protein=protein), "csf.protein")
    assert (": elevated" in text) is elevated


def test_pleocytosis_and_opening_pressure_use_named_site_defaults():
    p = plan(lp__wbc_per_ul=220, lp__lymphocyte_percent=90, lp__opening_pressure_cm_h2o=30)
    assert "lymphocytic pleocytosis" in finding(p, "csf.pleocytosis")
    op = finding(p, "csf.opening_pressure")
    assert ": elevated" in op and "site default" in op
    assert {s.name for s in p.site_defaults} >= {"opening_pressure_upper_normal_cm_h2o",
                                                   "pleocytosis_wbc_above_per_ul"}
    assert ": not elevated" in finding(plan(lp__opening_pressure_cm_h2o=25), "csf.opening_pressure")
    assert "no pleocytosis" in finding(plan(lp__wbc_per_ul=5), "csf.pleocytosis")


def test_site_defaults_change_the_content_hash():
    site = content.SiteDefaults(opening_pressure_upper_normal_cm_h2o=20)
    c = case(lp__opening_pressure_cm_h2o=22)
    assert ": elevated" in finding(build_plan(c, site), "csf.opening_pressure")
    assert ": not elevated" in finding(build_plan(c), "csf.opening_pressure")
    assert build_plan(c, site).content_sha256 != build_plan(c).content_sha256


# --- Urgent actions [2, 4] ----------------------------------------------------------------


@pytest.mark.parametrize(("sepsis", "rash"), [
    (True, False), (False, True), (True, True), (False, False), (None, None),
])
@pytest.mark.parametrize("door", ["presentation", "etiology"])
def test_antibiotics_now_is_the_first_alert_from_every_door(sepsis, rash, door):
    """"Start empiric IV antibiotics immediately if bacterial meningitis is suspected, ideally
    within the first hour if signs of severe sepsis are present" [2]; "do not delay
    antibiotics for imaging or LP" with severe sepsis or a rapidly evolving rash [2]."""
    suspected = ({"presentation__suspected_bacterial_meningitis": True} if door == "presentation"
                 else {"etiology__category": "bacterial"})
    p = plan(**suspected, presentation__severe_sepsis=sepsis,
             presentation__rapidly_evolving_rash=rash)
    assert p.alerts[0].id == "urgent.antibiotics_now"
    a = p.alerts[0]
    assert a.severity is Severity.stop and a.blocks == ["waiting_for_ct_or_lp"]
    assert "start empiric IV antibiotics immediately" in a.text
    assert "No antibiotic start time is recorded." in a.text
    assert ("Do not wait for CT, imaging or LP." in a.text) is bool(sepsis or rash)
    assert a.citations == ([2, 4] if sepsis else [2])  # the CT-delay figure [4] is sepsis
    assert ("within the first hour" in a.text) is bool(sepsis)
    assert "bact.empiric" in rec_ids(p)
    assert ("pitfall.ct_delay" in alert_ids(p)) is bool(sepsis)


def test_antibiotics_now_goes_once_a_start_is_recorded():
    p = plan(presentation__suspected_bacterial_meningitis=True, presentation__severe_sepsis=True,
             antibiotics_started_at="2026-11-24T02:40")
    assert "urgent.antibiotics_now" not in alert_ids(p)


def test_antibiotics_now_comes_before_an_earlier_stop():
    # a child's malignant gate adds its stop before the urgent rules run
    p = plan(patient__age_years=7, etiology__category="malignant",
             presentation__suspected_bacterial_meningitis=True,
             planned__intrathecal_chemotherapy=True)
    assert [a.id for a in p.alerts][:2] == ["urgent.antibiotics_now", "child.guideline_silent"]


def test_no_urgent_alert_without_suspected_bacterial_meningitis():
    p = plan(presentation__suspected_bacterial_meningitis=False, presentation__severe_sepsis=True,
             presentation__rapidly_evolving_rash=True)
    assert "urgent.antibiotics_now" not in alert_ids(p)
    assert "urgent.assess_bacterial" not in alert_ids(p)


@pytest.mark.parametrize(("sepsis", "rash", "warned"), [
    (True, None, True), (None, True, True), (False, False, False), (None, None, False),
])
def test_sepsis_or_rash_with_meningitis_not_assessed_asks_for_it(sepsis, rash, warned):
    p = plan(presentation__severe_sepsis=sepsis, presentation__rapidly_evolving_rash=rash)
    assert "presentation.suspected_bacterial_meningitis" in p.missing
    assert ("urgent.assess_bacterial" in alert_ids(p, "warning")) is warned
    assert "urgent.antibiotics_now" not in alert_ids(p)


@pytest.mark.parametrize(("lp_at", "expected"), [
    ("2026-11-24T12:00", "LP 4 h 00 min after starting antibiotics (within 4 h): expected CSF "
     "culture yield 73%"),
    ("2026-11-24T12:01", "LP 4 h 01 min after starting antibiotics (after 4 h): expected CSF "
     "culture yield 11%"),
    ("2026-11-24T16:00", "(after 4 h): expected CSF culture yield 11%"),
    ("2026-11-24T16:01", "LP 8 h 01 min after starting antibiotics (after 8 h): expected CSF "
     "culture yield 0%"),
    ("2026-11-24T07:00", "do not apply"),
])
def test_culture_yield_after_antibiotics(lp_at, expected):
    p = plan(antibiotics_started_at="2026-11-24T08:00", lp__performed_at=lp_at)
    (a,) = [a for a in p.alerts if a.id == "bact.culture_yield"]
    assert expected in a.text and a.severity is Severity.info and a.citations == [4]


def test_culture_yield_deadlines_when_lp_not_done():
    p = plan(antibiotics_started_at="2026-11-24T02:15")
    (a,) = [a for a in p.alerts if a.id == "bact.culture_yield"]
    # at exactly 4 h the yield is 73% (within 4 h), at exactly 8 h 11% (0% only after 8 h) [4]
    assert "within 4 h (up to and including 2026-11-24 06:15): 73%" in a.text
    assert "after 4 h up to 8 h: 11%" in a.text
    assert "more than 8 h after (later than 2026-11-24 10:15): 0%" in a.text


# --- Ceftriaxone [3] ----------------------------------------------------------------------


@pytest.mark.parametrize(("regimen", "amount", "per_day", "frequency"), [
    ("once_daily", 2000, 1, "once daily (every 24 hours)"),
    ("every_12_h", 1000, 2, "every 12 hours"),
])
def test_adult_ceftriaxone_2_g_daily_with_review_note(regimen, amount, per_day, frequency):
    p = plan(etiology__category="bacterial", patient__age_years=18,
             planned__ceftriaxone_regimen=regimen)
    d = dose(p, "ceftriaxone")
    assert (d.amount_mg, d.doses_per_day, d.daily_total_mg, d.route, d.capped) == (
        amount, per_day, 2000, "IV", False)
    assert d.frequency == frequency
    assert "review.ceftriaxone_adult_dose" in [n.id for n in p.review_notes]
    # the review note sits on the dose's row, not only in the list at the end
    assert "review.ceftriaxone_adult_dose" in [n.id for n in d.notes]
    assert "4 g/day" in [n for n in d.notes if n.id == "review.ceftriaxone_adult_dose"][0].text
    assert "bact.ceftriaxone_adult" in rec_ids(p) and "bact.ceftriaxone_child" not in rec_ids(p)
    assert all(n.from_guideline is False for n in p.review_notes)


@pytest.mark.parametrize(("weight", "total", "capped"), [
    (25, 2500, False), (40, 4000, False), (40.1, 4000, True), (70, 4000, True),
])
def test_child_ceftriaxone_100_mg_per_kg_capped_at_4_g(weight, total, capped):
    p = plan(etiology__category="bacterial", patient__age_years=17, patient__weight_kg=weight)
    d = dose(p, "ceftriaxone")
    assert d.daily_total_mg == total and d.capped is capped
    assert d.amount_mg is None and "dose.interval_not_chosen" in alert_ids(p, "stop")
    assert d.basis.startswith(f"100 mg/kg/day x {weight:g} kg")
    (r,) = [r for r in p.recommendations if r.id == "bact.ceftriaxone_child"]
    assert "not to exceed 4 g" in r.text and r.citations == [3]


@pytest.mark.parametrize(("regimen", "amount", "per_day"), [
    ("once_daily", 2500, 1), ("every_12_h", 1250, 2), (None, None, None)])
def test_ceftriaxone_interval_is_the_prescribers_or_a_stop(regimen, amount, per_day):
    p = plan(etiology__category="bacterial", patient__age_years=7, patient__weight_kg=25,
             planned__ceftriaxone_regimen=regimen)
    d = dose(p, "ceftriaxone")
    assert (d.amount_mg, d.doses_per_day, d.daily_total_mg) == (amount, per_day, 2500)
    stop = "dose.interval_not_chosen" in alert_ids(p, "stop")
    assert stop is (regimen is None)
    assert ("planned.ceftriaxone_regimen" in p.missing) is (regimen is None)
    if regimen is None:
        assert d.frequency == "interval not chosen: ask the prescriber" and d.no_dose_stop


def test_child_without_weight_gets_no_dose_and_weight_is_missing():
    p = plan(etiology__category="bacterial", patient__age_years=7)
    d = dose(p, "ceftriaxone")  # named, with why there is no dose
    assert d.amount_mg is None and d.daily_total_mg is None and d.no_dose_stop
    assert d.no_dose == "weight not entered: no dose computed"
    assert "patient.weight_kg" in p.missing


def test_unknown_age_gets_no_ceftriaxone_dose():
    p = plan(etiology__category="bacterial", patient__weight_kg=70)
    d = dose(p, "ceftriaxone")
    assert d.amount_mg is None and d.daily_total_mg is None and "patient.age_years" in p.missing
    assert d.no_dose == "age not entered: no dose computed"


@pytest.mark.parametrize(("age", "severity"), [
    ({"patient__age_days": 28}, "stop"), ({"patient__age_days": 29}, "warning"),
    ({"patient__age_years": 0}, "stop"), ({"patient__age_years": 40}, "warning"),
    ({}, "stop"),  # age unknown: may be a neonate
])
def test_calcium_with_ceftriaxone_stop_in_neonates(age, severity):
    p = plan(etiology__category="bacterial", patient__weight_kg=3.5, **age)
    (a,) = [a for a in p.alerts if a.id == "pitfall.calcium_ceftriaxone"]
    assert a.severity == severity and a.citations == [3]
    if "patient__age_years" in age and age["patient__age_years"] == 0:
        assert "patient.age_days" in p.missing


def test_infant_without_age_in_days_is_checked_as_a_possible_neonate():
    p = plan(etiology__category="bacterial", patient__age_years=0, patient__weight_kg=7,
             planned__ceftriaxone_regimen="once_daily")
    d = dose(p, "ceftriaxone")
    assert d.amount_mg is None and d.daily_total_mg is None
    assert "bact.ceftriaxone_neonate" in alert_ids(p, "stop")
    assert "patient.age_days" in p.missing


@pytest.mark.parametrize(("age_days", "neonate"), [(28, True), (29, False)])
def test_neonate_gets_no_computed_ceftriaxone_dose_and_the_plan_says_why(age_days, neonate):
    p = plan(etiology__category="bacterial", patient__age_days=age_days, patient__weight_kg=3.5,
             planned__ceftriaxone_regimen="once_daily")
    d = dose(p, "ceftriaxone")
    if neonate:
        assert d.amount_mg is None and d.daily_total_mg is None and d.no_dose_stop
        assert "bact.ceftriaxone_neonate" in alert_ids(p, "stop")
        label = [n for n in d.notes if n.id == "review.ceftriaxone_neonate"][0]
        assert "calcium-containing IV solutions by any line" in label.text
        assert "hyperbilirubinaemic" in label.text and label.source == "Ceftriaxone product label"
        assert "formulary" not in " ".join(a.text for a in p.alerts)  # not the guideline's
    else:  # 100 mg/kg/day x 3.5 kg = 350 mg, once daily
        assert (d.amount_mg, d.daily_total_mg) == (350, 350)
        assert "bact.ceftriaxone_neonate" not in alert_ids(p)


@pytest.mark.parametrize(("vertebral", "dated"), [(True, True), (False, False), (None, False)])
def test_bacterial_durations_and_six_week_date(vertebral, dated):
    p = plan(etiology__category="bacterial", antibiotics_started_at="2026-11-24T09:00",
             presentation__vertebral_body_involvement=vertebral)
    assert {"bact.duration_spinal", "bact.duration_meningitis"} <= set(rec_ids(p))
    ends = [s for s in p.schedule if s.kind == "milestone" and "6-week" in s.item]
    if dated:  # a bacterial spinal infection: 2026-11-24 + 6 weeks = 2027-01-05
        assert ends[0].date == date(2027, 1, 5) and ends[0].citations == [7, 8]
    else:  # uncomplicated meningitis is 4-14 days [3]: no 6-week date on the calendar
        assert ends == []
    assert ("presentation.vertebral_body_involvement" in p.missing) is (vertebral is None)
    assert "gap.bacterial_duration" in [g.id for g in p.gaps]


def test_antimicrobial_course_counts_from_the_recorded_antibiotic_start():
    p = plan(etiology__category="bacterial", patient__age_years=40,
             antibiotics_started_at="2026-11-20T23:30", planned__treatment_start_date="2026-11-24",
             presentation__vertebral_body_involvement=True)
    milestones = {s.item.split(" (")[0]: s.date for s in p.schedule if s.kind == "milestone"}
    assert milestones["Start of antimicrobial therapy"] == date(2026, 11, 20)
    assert milestones["End of minimum 6-week course for a bacterial spinal infection"] == date(
        2027, 1, 1)
    assert dose(p, "ceftriaxone").start_date == date(2026, 11, 20)
    assert "planned.treatment_start_date" not in p.missing


def test_adult_ceftriaxone_frequency_cannot_read_as_4_g():
    d = dose(plan(etiology__category="bacterial", patient__age_years=30,
                  planned__ceftriaxone_regimen="every_12_h"), "ceftriaxone")
    assert (d.amount_mg, d.frequency, d.daily_total_mg) == (1000, "every 12 hours", 2000)


# --- Tuberculous, fungal, neurosarcoidosis [1, 2] ------------------------------------------


def test_tuberculous_ripe_prednisone_and_12_months():
    p = plan(patient__age_years=45, etiology__category="tuberculous", patient__weight_kg=58,
             planned__treatment_start_date="2026-11-21")
    recs = {r.id: r for r in p.recommendations}
    for drug in ("isoniazid", "rifampin", "pyrazinamide", "ethambutol", "12 months"):
        assert drug in recs["tb.ripe"].text
    assert "prednisone 1 mg/kg/day" in recs["tb.steroids"].text
    assert "20-50%" in recs["tb.steroids"].text and "58 mg once daily" in recs["tb.steroids"].text
    assert "2027-11-21" in recs["tb.duration"].text and recs["tb.duration"].citations == [1]
    d = dose(p, "prednisone")
    assert (d.amount_mg, d.daily_total_mg, d.basis) == (58, 58, "1 mg/kg/day x 58 kg")
    end = [s for s in p.schedule if "12-month" in s.item][0]
    assert end.date == date(2027, 11, 21)
    assert "review.tb_steroids" in [n.id for n in p.review_notes]
    assert "gap.tb_drug_doses" in [g.id for g in p.gaps]


def test_no_weight_no_mg_per_kg_dose():
    p = plan(patient__age_years=45, etiology__category="tuberculous")
    d = dose(p, "prednisone")
    assert d.amount_mg is None and d.daily_total_mg is None and d.no_dose_stop
    assert "gap.steroid_duration" in [g.id for g in p.gaps]
    assert "patient.weight_kg" in p.missing
    assert "weight not entered" in [r for r in p.recommendations if r.id == "tb.steroids"][0].text


@pytest.mark.parametrize("organism", ["cryptococcus", "histoplasma", "coccidioides",
                                      "aspergillus", "other"])
def test_fungal_by_organism(organism):
    p = plan(etiology__category="fungal", etiology__fungal_organism=organism)
    assert p.pathway is Pathway.fungal
    assert {"fungal.antifungal", "fungal.duration"} <= set(rec_ids(p))
    assert ("fungal.coccidioides" in alert_ids(p)) is (organism == "coccidioides")


def test_fungal_without_organism_says_so():
    p = plan(etiology__category="fungal")
    assert "etiology.fungal_organism" in p.missing
    assert "gap.fungal_organism" in [g.id for g in p.gaps]


def test_neurosarcoidosis_prednisone_and_maintenance():
    p = plan(patient__age_years=45, etiology__category="neurosarcoidosis", patient__weight_kg=80.4)
    assert dose(p, "prednisone").amount_mg == 80.4
    assert "prednisone 1 mg/kg/day" in [r for r in p.recommendations if r.id == "sarc.steroids"][
        0].text
    assert "sarc.outlook" in rec_ids(p)
    assert "azathioprine" in [r for r in p.recommendations if r.id == "sarc.maintenance"][0].text


# --- Malignant: the prognosis gate [5, 6] ----------------------------------------------------


@pytest.mark.parametrize(("kps", "le", "dying", "pathway"), [
    (70, 2, None, Pathway.malignant_good_prognosis),
    (60, 2, None, Pathway.malignant_poor_prognosis),
    (70, 1, None, Pathway.malignant_prognosis_unknown),
    (70, 0.9, None, Pathway.malignant_poor_prognosis),
    (70, 1.1, None, Pathway.malignant_good_prognosis),
    (60, 1, None, Pathway.malignant_poor_prognosis),
    (None, 6, None, Pathway.malignant_prognosis_unknown),
    (80, None, None, Pathway.malignant_prognosis_unknown),
    (50, None, None, Pathway.malignant_poor_prognosis),
    (90, 12, True, Pathway.malignant_poor_prognosis),
])
def test_prognosis_gate(kps, le, dying, pathway):
    p = plan(patient__age_years=45,
             etiology__category="malignant", etiology__primary_cancer="other", prognosis__kps=kps,
             prognosis__life_expectancy_months=le, prognosis__dying=dying)
    assert p.pathway is pathway
    directed = {"mal.systemic", "mal.it_methotrexate", "mal.focal_rt"}
    if pathway is Pathway.malignant_good_prognosis:
        assert {"mal.gate_good", "mal.systemic"} <= set(rec_ids(p))
    else:
        assert not directed & set(rec_ids(p))
    if pathway is Pathway.malignant_poor_prognosis:
        assert {"mal.gate_poor", "mal.poor_rt"} <= set(rec_ids(p))
        assert [r for r in p.recommendations if r.id == "mal.gate_poor"][0].citations == [5, 6]
    if pathway is Pathway.malignant_prognosis_unknown:
        assert "mal.gate_unknown" in alert_ids(p, "warning")
        assert "gap.prognosis" in [g.id for g in p.gaps]


def test_exactly_one_month_is_said_plainly():
    p = plan(patient__age_years=45,
             etiology__category="malignant", prognosis__kps=80, prognosis__life_expectancy_months=1,
             presentation__spinal_cord_compression=True)
    (a,) = [a for a in p.alerts if a.id == "mal.gate_unknown"]
    assert "exactly 1 month" in a.text and "No disease-directed therapy" in a.text
    assert p.radiotherapy is None
    assert "gap.rt_gate_undecided" in [g.id for g in p.gaps]


@pytest.mark.parametrize(("cancer", "agent"), [
    ("breast_her2_positive", "trastuzumab deruxtecan or tucatinib"),
    ("lung_egfr_mutated", "osimertinib or almonertinib"),
    ("melanoma_braf_mutated", "BRAF/MEK inhibitors"),
])
def test_systemic_agent_by_primary(cancer, agent):
    p = plan(patient__age_years=45,
             etiology__category="malignant", etiology__primary_cancer=cancer, prognosis__kps=70,
             prognosis__life_expectancy_months=3)
    assert agent in [r for r in p.recommendations if r.id == "mal.systemic"][0].text


def test_focal_radiotherapy_30_36_gy_in_10_12_fractions():
    p = plan(patient__age_years=45,
             etiology__category="malignant", prognosis__kps=70, prognosis__life_expectancy_months=3,
             presentation__spinal_cord_compression=True)
    rt = p.radiotherapy
    assert (rt.total_dose_gy_min, rt.total_dose_gy_max, rt.fractions_min, rt.fractions_max) == (
        30, 36, 10, 12)
    assert "spinal cord compression" in rt.indication
    assert "mal.focal_rt" in rec_ids(p) and "mal.focal_rt_indications" not in rec_ids(p)
    p = plan(patient__age_years=45,
             etiology__category="malignant", prognosis__kps=70, prognosis__life_expectancy_months=3)
    assert p.radiotherapy is None and "mal.focal_rt_indications" in rec_ids(p)


# --- Intrathecal methotrexate [5, 6] --------------------------------------------------------


def test_intrathecal_calendar_from_start_date():
    p = plan(**MALIGNANT_IT_READY)
    d = dose(p, "methotrexate")
    assert d.amount_mg == 15 and d.route == "intraventricular (Ommaya)"
    dates = [s.date.isoformat() for s in p.schedule if s.kind == "intrathecal_dose"]
    assert dates == [
        "2026-11-30", "2026-12-03", "2026-12-07", "2026-12-10", "2026-12-14", "2026-12-17",
        "2026-12-21", "2026-12-24",  # twice weekly for 4 weeks
        "2026-12-28", "2027-01-04", "2027-01-11", "2027-01-18",  # weekly for 4 weeks
        "2027-02-18", "2027-03-18", "2027-04-18",  # then monthly (site default: 3 listed)
    ]
    assert {"mal.intrathecal", "mal.it_methotrexate", "mal.ommaya"} <= set(rec_ids(p))
    items = [s.item for s in p.schedule if s.kind == "intrathecal_dose"]
    assert items[0] == "Intrathecal methotrexate 15 mg (1 of 8, twice weekly)"


@pytest.mark.parametrize(("extra", "stop_id"), [
    ({"presentation__csf_flow_obstruction": True}, "it.flow_obstruction"),
    ({"presentation__symptomatic_hydrocephalus": True}, "it.hydrocephalus"),
    ({"prognosis__dying": True}, "it.dying"),
    ({"planned__craniospinal_radiotherapy": True}, "pitfall.leukoencephalopathy"),
    ({"planned__ommaya_reservoir": False, "lp_safety__platelets_10e9_per_l": 30},
     "it.lumbar_route_lp_unsafe"),
])
def test_intrathecal_stop_alerts_remove_every_dose_and_date(extra, stop_id):
    p = plan(**{**MALIGNANT_IT_READY, **extra})
    assert stop_id in alert_ids(p, "stop")
    assert p.blocked("intrathecal_chemotherapy")
    assert dose(p, "methotrexate") is None
    assert not [s for s in p.schedule if s.kind == "intrathecal_dose"]


@pytest.mark.parametrize("mri", [None, "planned", "not_done"])
def test_intrathecal_not_scheduled_without_the_mri_workup(mri):
    p = plan(**{**MALIGNANT_IT_READY, "imaging__mri_whole_spine_gadolinium": mri})
    (a,) = [a for a in p.alerts if a.id == "it.not_scheduled"]
    assert "MRI" in a.text and dose(p, "methotrexate") is None


@pytest.mark.parametrize("unanswered", [
    ["presentation.csf_flow_obstruction"], ["presentation.symptomatic_hydrocephalus"],
    ["planned.craniospinal_radiotherapy"],
    ["presentation.symptomatic_hydrocephalus", "planned.craniospinal_radiotherapy"],
])
def test_unanswered_intrathecal_prohibition_is_a_stop_and_no_dates(unanswered):
    """Guideline: no intrathecal chemotherapy with symptomatic hydrocephalus or CSF flow
    obstruction [5, 6], nor with craniospinal radiation [5]: an unanswered one blocks the
    dates (a stop naming it), never a nurse's check before each dose (issue 21)."""
    p = plan(**{**MALIGNANT_IT_READY, **{k.replace(".", "__"): None for k in unanswered}})
    (a,) = [a for a in p.alerts if a.id == "it.prohibition_unanswered"]
    assert a.severity is Severity.stop and "intrathecal_chemotherapy" in a.blocks
    labels = {"presentation.csf_flow_obstruction": "CSF flow obstruction",
              "presentation.symptomatic_hydrocephalus": "symptomatic hydrocephalus",
              "planned.craniospinal_radiotherapy": "craniospinal radiotherapy planned"}
    assert ("until the clinician answers: " + ", ".join(labels[u] for u in unanswered)
            + ". ") in a.text
    assert a.citations == ([5] if unanswered == ["planned.craniospinal_radiotherapy"]
                           else [5, 6])
    assert dose(p, "methotrexate") is None
    assert not [s for s in p.schedule if s.kind == "intrathecal_dose"]
    assert set(unanswered) <= set(p.missing)
    assert "it.confirm_before_dose" not in alert_ids(p)


def test_every_intrathecal_prohibition_answered_no_gives_the_dates():
    p = plan(**MALIGNANT_IT_READY)  # flow, hydrocephalus and craniospinal RT answered no
    assert "it.prohibition_unanswered" not in alert_ids(p)
    assert len([s for s in p.schedule if s.kind == "intrathecal_dose"]) == 15


def test_craniospinal_rt_warns_against_recommended_methotrexate_maintenance():
    p = plan(etiology__category="neurosarcoidosis", planned__craniospinal_radiotherapy=True)
    (a,) = [a for a in p.alerts if a.id == "pitfall.leukoencephalopathy"]
    assert a.severity is Severity.warning and "steroid-sparing maintenance" in a.text
    without_rt = plan(etiology__category="neurosarcoidosis")
    assert "pitfall.leukoencephalopathy" not in alert_ids(without_rt)


def test_systemic_methotrexate_with_craniospinal_rt_is_a_stop():
    p = plan(etiology__category="neurosarcoidosis", planned__craniospinal_radiotherapy=True,
             planned__systemic_methotrexate=True)
    (a,) = [a for a in p.alerts if a.id == "pitfall.leukoencephalopathy"]
    assert a.severity is Severity.stop and "leukoencephalopathy" in a.text and a.citations == [5]
    assert a.text.count("methotrexate") == 1


def test_intrathecal_outside_malignant_is_not_scheduled():
    p = plan(etiology__category="tuberculous", planned__intrathecal_chemotherapy=True)
    assert "it.not_scheduled" in alert_ids(p) and dose(p, "methotrexate") is None


def test_poor_prognosis_intrathecal_not_scheduled():
    p = plan(**{**MALIGNANT_IT_READY, "prognosis__kps": 60})
    assert p.pathway is Pathway.malignant_poor_prognosis
    assert dose(p, "methotrexate") is None and p.blocked("intrathecal_chemotherapy")


# --- Surgery and monitoring [1, 2, 5, 7, 8, 9] ---------------------------------------------


def test_vp_shunt_for_symptomatic_hydrocephalus():
    r = [r for r in plan(presentation__symptomatic_hydrocephalus=True).recommendations
         if r.id == "surgery.vp_shunt"][0]
    assert r.citations == [1, 5] and r.section == "surgery"
    assert "surgery.vp_shunt" not in rec_ids(plan())
    icp_only = plan(presentation__raised_icp=True)
    assert "surgery.vp_shunt" not in rec_ids(icp_only)
    assert "gap.shunt_raised_icp_only" in [g.id for g in icp_only.gaps]


def test_stabilisation_needs_vertebral_involvement_and_instability():
    p = plan(presentation__vertebral_body_involvement=True, presentation__spinal_instability=True)
    assert {"surgery.stabilisation", "surgery.titanium"} <= set(rec_ids(p))
    assert [r for r in p.recommendations if r.id == "surgery.stabilisation"][0].citations == [
        2, 7, 8]
    p = plan(presentation__vertebral_body_involvement=True)
    assert "surgery.stabilisation" not in rec_ids(p)
    assert "presentation.spinal_instability" in p.missing
    p = plan(presentation__vertebral_body_involvement=True, presentation__spinal_instability=False)
    assert "gap.vertebral_stable" in [g.id for g in p.gaps]


def test_no_surveillance_mri_in_best_supportive_care():
    p = plan(patient__age_years=45, etiology__category="malignant", prognosis__kps=40)
    assert "monitoring.mri" not in rec_ids(p) and p.schedule == []


def test_serial_mri_always_and_dated_when_treated():
    p = plan(etiology__category="tuberculous", planned__treatment_start_date="2026-01-01")
    assert [r for r in p.recommendations if r.id == "monitoring.mri"][0].citations == [2, 9]
    mri = [s.date for s in p.schedule if s.kind == "surveillance"]
    assert mri[0] == date(2026, 3, 26) and mri[-1] == date(2027, 1, 1)


def test_undetermined_recommends_no_disease_directed_therapy():
    p = plan(etiology__category="undetermined", patient__weight_kg=70)
    assert p.pathway is Pathway.undetermined and p.doses == []
    assert "undetermined.etiology" in rec_ids(p)
    assert "etiology.category" in plan().missing


def test_alerts_are_ordered_stop_first():
    p = plan(presentation__suspected_bacterial_meningitis=True, presentation__severe_sepsis=True,
             antibiotics_started_at="2026-11-24T02:15", etiology__category="bacterial",
             patient__age_years=40)
    order = [a.severity for a in p.alerts]
    assert order == sorted(order, key=[Severity.stop, Severity.warning, Severity.info].index)


# --- Date arithmetic -----------------------------------------------------------------------


@pytest.mark.parametrize(("start", "months", "end"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 11, 21), 12, date(2027, 11, 21)), (date(2026, 12, 15), 1, date(2027, 1, 15)),
])
def test_add_months(start, months, end):
    assert add_months(start, months) == end


def test_surveillance_when_course_shorter_than_interval():
    assert surveillance_dates(date(2026, 1, 1), 12, date(2026, 2, 12)) == [date(2026, 2, 12)]
    assert surveillance_dates(date(2026, 1, 1), 12, None) == [date(2026, 3, 26)]
