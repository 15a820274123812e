"""The second clinical-safety review (issue 10): children and neonates, explicit LMWH status,
urgent care from the etiology, doses the nurse can act on. Expected values are worked by hand
from the guideline, one test per finding, each boundary from both sides."""

from datetime import date

import pytest

from leptodesk.models import Pathway, Severity

from .helpers import MALIGNANT_IT_READY, SAFE_LP, alert_ids, dose, plan, rec_ids

# --- Children: regimens the guideline gives only for adults [1, 5] ---------------------------


@pytest.mark.parametrize(("age", "child"), [({"patient__age_years": 17}, True),
                                            ({"patient__age_years": 18}, False),
                                            ({"patient__age_years": 1}, True)])
def test_child_gets_no_intrathecal_methotrexate_and_no_karnofsky_gate(age, child):
    p = plan(**{**MALIGNANT_IT_READY, **age, "patient__weight_kg": 9,
                "presentation__cranial_neuropathy": True})
    mtx = dose(p, "methotrexate")
    if child:  # the 1-year-old, 9 kg child of the review: no 15 mg, no 16 dated doses
        assert mtx is None and p.radiotherapy is None
        assert not [s for s in p.schedule if s.kind == "intrathecal_dose"]
        assert p.pathway is Pathway.malignant_prognosis_unknown
        (a,) = [a for a in p.alerts if a.id == "child.guideline_silent"]
        assert a.severity is Severity.stop and a.citations == [5]
        assert "Guideline silent for children" in a.text
        assert "paediatric specialist" in a.text and "Karnofsky" in a.text
        assert "intrathecal_chemotherapy" in a.blocks
        notes = {n.id: n for n in p.review_notes}
        assert "Lansky" in notes["review.lansky"].text
        assert {"review.paediatric_it", "review.paediatric_rt"} <= set(notes)
    else:  # an adult: 15 mg per dose, 4 weeks x 2 + 4 weekly + 3 monthly = 15 dates
        assert mtx.amount_mg == 15 and mtx.daily_total_mg is None
        assert len([s for s in p.schedule if s.kind == "intrathecal_dose"]) == 15
        assert "child.guideline_silent" not in alert_ids(p)
        assert (p.radiotherapy.total_dose_gy_min, p.radiotherapy.total_dose_gy_max) == (30, 36)


@pytest.mark.parametrize(("age", "computed"), [(17, False), (18, True)])
def test_child_gets_no_uncapped_prednisone_dose(age, computed):
    p = plan(etiology__category="tuberculous", patient__age_years=age, patient__weight_kg=40)
    d = dose(p, "prednisone")
    if computed:  # 1 mg/kg/day x 40 kg = 40 mg once daily
        assert (d.amount_mg, d.daily_total_mg, d.doses_per_day) == (40, 40, 1)
        assert "child.guideline_silent" not in alert_ids(p)
    else:
        assert d.amount_mg is None and d.daily_total_mg is None and d.no_dose_stop
        assert "paediatric specialist" in d.no_dose
        (a,) = [a for a in p.alerts if a.id == "child.guideline_silent"]
        assert a.severity is Severity.stop and a.citations == [1]
        assert [n.id for n in d.notes] == ["review.paediatric_prednisone"]
        assert "max 60 mg/day" in d.notes[0].text and d.notes[0].source


def test_unknown_age_gets_no_adult_only_dose_and_the_age_is_asked():
    p = plan(etiology__category="neurosarcoidosis", patient__weight_kg=70)
    d = dose(p, "prednisone")
    assert d.amount_mg is None and "patient.age_years" in p.missing
    m = plan(**{**MALIGNANT_IT_READY, "patient__age_years": None})
    assert dose(m, "methotrexate") is None and "patient.age_years" in m.missing


# --- Adult prednisone: no maximum in the guideline -----------------------------------------


@pytest.mark.parametrize(("weight", "mg", "noted"), [(60, 60, False), (60.1, 60.1, True),
                                                     (150, 150, True)])
def test_prednisone_above_the_review_default_carries_a_note_on_its_row(weight, mg, noted):
    p = plan(etiology__category="neurosarcoidosis", patient__age_years=50,
             patient__weight_kg=weight)
    d = dose(p, "prednisone")
    assert d.amount_mg == mg  # 1 mg/kg/day, worked by hand
    assert ("review.prednisone_no_max" in [n.id for n in d.notes]) is noted
    assert "gap.prednisone_max" in [g.id for g in p.gaps]


# --- Weight against age (site defaults), with the pound hint ---------------------------------


@pytest.mark.parametrize(("age", "weight", "flagged", "lb_hint"), [
    ({"patient__age_years": 40}, 30, False, None),
    ({"patient__age_years": 40}, 29.9, True, None),
    ({"patient__age_years": 40}, 250, False, None),
    ({"patient__age_years": 40}, 0.3, True, None),
    ({"patient__age_years": 8}, 154, True, "69.9 kg"),  # 154 lb = 69.85 kg
    ({"patient__age_days": 10}, 80, True, None),
    ({"patient__age_days": 10}, 7, False, None),
    ({"patient__age_days": 10}, 7.01, True, "3.2 kg"),  # 7.01 lb = 3.18 kg
    ({"patient__age_days": 60}, 4.5, False, None),  # an infant, not a child of 1-17 years
    ({"patient__age_days": 60}, 1.4, True, None),
    ({"patient__age_years": 0}, 1.0, False, None),  # may be a neonate: 0.3 kg upwards
])
def test_weight_implausible_for_age_is_flagged_never_corrected(age, weight, flagged, lb_hint):
    p = plan(etiology__category="bacterial", patient__weight_kg=weight,
             planned__ceftriaxone_regimen="once_daily", **age)
    checks = [k for k in p.entry_checks if k.id == "entry.weight_for_age"]
    assert bool(checks) is flagged
    if flagged:
        (k,) = checks
        assert k.severity is Severity.stop and k.site_default.startswith("weight_kg_")
        assert "patient.weight_kg" in k.fields
        assert (lb_hint in k.text) if lb_hint else "pounds" not in k.text
        d = dose(p, "ceftriaxone")
        if d.amount_mg is not None and "kg" in d.basis:  # on a weight-based dose's row too
            assert "entry.weight_for_age" in [n.id for n in d.notes]


def test_contradictions_are_flagged_and_not_corrected():
    p = plan(etiology__category="bacterial", presentation__suspected_bacterial_meningitis=False)
    assert "entry.bacterial_not_suspected" in [k.id for k in p.entry_checks]
    ok = plan(etiology__category="bacterial", presentation__suspected_bacterial_meningitis=True)
    assert ok.entry_checks == []
    for kps, flagged in ((70, True), (60, False)):
        d = plan(patient__age_years=60, etiology__category="malignant", prognosis__kps=kps,
                 prognosis__dying=True)
        assert ("entry.dying_kps" in [k.id for k in d.entry_checks]) is flagged
        assert d.pathway is Pathway.malignant_poor_prognosis
    for le, flagged in ((1.001, True), (1, False)):
        d = plan(patient__age_years=60, etiology__category="malignant", prognosis__dying=True,
                 prognosis__life_expectancy_months=le)
        assert ("entry.dying_life_expectancy" in [k.id for k in d.entry_checks]) is flagged
    for category, flagged in (("tuberculous", True), ("malignant", False)):
        d = plan(patient__age_years=60, etiology__category=category, lp__cytology="positive")
        assert ("entry.cytology_positive" in [k.id for k in d.entry_checks]) is flagged
    for vertebral, flagged in ((False, True), (True, False)):
        d = plan(presentation__spinal_instability=True,
                 presentation__vertebral_body_involvement=vertebral)
        assert ("entry.instability_without_vertebral" in [k.id for k in d.entry_checks]) is (
            flagged)


# --- Bacterial etiology with sepsis: urgent care from the etiology [2, 4] -------------------


@pytest.mark.parametrize("suspected", [None, False, True])
def test_bacterial_etiology_with_sepsis_starts_antibiotics_now(suspected):
    p = plan(etiology__category="bacterial", presentation__severe_sepsis=True,
             presentation__suspected_bacterial_meningitis=suspected)
    assert "urgent.antibiotics_now" in alert_ids(p, "stop")
    assert "pitfall.ct_delay" in alert_ids(p)
    ct = [a for a in p.alerts if a.id == "pitfall.ct_delay"][0]
    assert "67%" in ct.text and ct.citations == [4]


def test_no_stop_to_start_antibiotics_once_they_are_recorded_as_started():
    kw = dict(presentation__suspected_bacterial_meningitis=True, presentation__severe_sepsis=True)
    assert "urgent.antibiotics_now" in alert_ids(plan(**kw), "stop")
    started = plan(**kw, antibiotics_started_at="2026-11-24T02:15")
    assert "urgent.antibiotics_now" not in alert_ids(started)
    assert "bact.empiric" in rec_ids(started)


def test_no_culture_deadline_beside_an_lp_stop():
    kw = dict(antibiotics_started_at="2026-11-24T02:15")
    assert "bact.culture_yield" in alert_ids(plan(**kw, **SAFE_LP))
    p = plan(**kw, lp_safety__platelets_10e9_per_l=39)
    assert "lp.contraindicated" in alert_ids(p, "stop")
    assert "bact.culture_yield" not in alert_ids(p)


# --- Adjunctive corticosteroids for infectious causes [1] ------------------------------------


@pytest.mark.parametrize(("category", "organism", "note"), [
    ("bacterial", None, "review.bacterial_steroids"),
    ("fungal", "cryptococcus", "review.fungal_steroids"),
    ("fungal", "histoplasma", None),
])
def test_infectious_causes_without_a_steroid_regimen_say_so(category, organism, note):
    p = plan(etiology__category=category, etiology__fungal_organism=organism)
    assert "gap.infectious_steroids" in [g.id for g in p.gaps]
    notes = [n.id for n in p.review_notes]
    if note:
        assert note in notes
    assert "review.fungal_steroids" not in notes or organism == "cryptococcus"
    assert "gap.infectious_steroids" not in [g.id for g in plan(
        etiology__category="tuberculous", patient__age_years=40).gaps]


# --- Boundary values read true -------------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("lp_safety__platelets_10e9_per_l", 39.99, "platelets 39.99 ×10⁹/L (below 40)"),
    ("lp_safety__platelets_10e9_per_l", 39.999, "platelets 39.999 ×10⁹/L (below 40)"),
    ("lp_safety__inr", 1.401, "INR 1.401 (above 1.4)"),
    ("lp_safety__inr", 1.41, "INR 1.41 (above 1.4)"),
    ("lp_safety__hours_since_prophylactic_lmwh", 11.999, "LMWH 11.999 h ago (within 12 h)"),
])
def test_boundary_values_are_shown_with_enough_precision(field, value, expected):
    p = plan(**{**SAFE_LP, field: value})
    assert expected in " ".join(p.lp_verdict.reasons)


@pytest.mark.parametrize(("le", "expected"), [(0.999, "life expectancy 0.999 months < 1 month"),
                                              (0.5, "life expectancy 0.5 months < 1 month")])
def test_life_expectancy_below_one_month_reads_true(le, expected):
    p = plan(patient__age_years=60, etiology__category="malignant", prognosis__kps=80,
             prognosis__life_expectancy_months=le)
    assert p.pathway is Pathway.malignant_poor_prognosis
    assert expected in [r for r in p.recommendations if r.id == "mal.gate_poor"][0].text


# --- Calendar ------------------------------------------------------------------------------


def test_serial_mri_surveillance_lists_several_dates_for_malignant_cases():
    p = plan(**MALIGNANT_IT_READY)
    mri = [s.date for s in p.schedule if s.kind == "surveillance"]
    # 2026-11-30 + 12, 24, 36, 48 weeks (site defaults: 12-week interval, 4 dates)
    assert mri == [date(2027, 2, 22), date(2027, 5, 17), date(2027, 8, 9), date(2027, 11, 1)]
    assert "gap.surveillance_end" in [g.id for g in p.gaps]


# --- Intrathecal chemotherapy indicated but not planned [5] ----------------------------------


@pytest.mark.parametrize(("planned", "asked"), [(None, True), (False, False)])
def test_intrathecal_indicated_but_not_planned_gives_the_regimen(planned, asked):
    p = plan(**{**MALIGNANT_IT_READY, "planned__intrathecal_chemotherapy": planned,
                "presentation__thin_linear_deposits": True})
    (r,) = [r for r in p.recommendations if r.id == "mal.it_methotrexate"]
    assert "15 mg per dose: twice weekly for 4 weeks, then weekly for 4 weeks" in r.text
    assert "mal.ommaya" in rec_ids(p)
    assert ("planned.intrathecal_chemotherapy" in p.missing) is asked
    assert dose(p, "methotrexate") is None
    not_indicated = plan(**{**MALIGNANT_IT_READY, "planned__intrathecal_chemotherapy": None,
                            "presentation__thin_linear_deposits": False})
    assert "mal.it_methotrexate" not in rec_ids(not_indicated)


# --- Alert noise: nothing asked that is irrelevant to the pathway ---------------------------


@pytest.mark.parametrize(("category", "asked"), [("tuberculous", False), ("malignant", False),
                                                 ("undetermined", True), (None, True)])
def test_bacterial_questions_only_where_bacterial_meningitis_is_in_question(category, asked):
    p = plan(patient__age_years=40, etiology__category=category)
    assert ("presentation.suspected_bacterial_meningitis" in p.missing) is asked
