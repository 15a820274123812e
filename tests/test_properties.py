"""Properties that hold for every valid case (hypothesis)."""

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leptodesk.models import Case, Pathway, Plan, Severity
from leptodesk.rules import build_plan


def maybe(strategy):
    return st.one_of(st.none(), strategy)


flag = maybe(st.booleans())
floats = lambda lo, hi: st.floats(lo, hi, allow_nan=False)  # noqa: E731
times = st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1)).map(
    lambda d: d.replace(second=0, microsecond=0))
glucose = st.fixed_dictionaries({"value": floats(0.1, 500), "unit": st.sampled_from(
    ["mg/dL", "mmol/L"])})
protein = st.fixed_dictionaries({"value": floats(0, 5000), "unit": st.sampled_from(
    ["mg/dL", "g/L"])})


def section(**fields):
    return st.fixed_dictionaries({}, optional=fields)


@st.composite
def cases(draw) -> Case:
    age_years = draw(maybe(st.integers(0, 120)))
    patient = draw(section(display_name=st.text(max_size=40), weight_kg=floats(0.3, 350),
                           sex=st.sampled_from(["female", "male", "other"])))
    patient["age_years"] = age_years
    if age_years in (None, 0) and draw(st.booleans()):
        patient["age_days"] = draw(st.integers(0, 365))
    data = {
        "schema_version": 1,
        "patient": patient,
        "presentation": draw(section(**{k: flag for k in (
            "suspected_bacterial_meningitis", "severe_sepsis", "rapidly_evolving_rash",
            "symptomatic_hydrocephalus", "raised_icp", "csf_flow_obstruction",
            "vertebral_body_involvement", "spinal_instability", "spinal_cord_compression",
            "cranial_neuropathy", "nodular_disease", "thin_linear_deposits")})),
        "imaging": draw(section(mri_whole_spine_gadolinium=st.sampled_from(
            ["done", "planned", "not_done"]), leptomeningeal_enhancement=flag)),
        "lp_safety": draw(section(platelets_10e9_per_l=floats(0, 2000), inr=floats(0.5, 20),
                                  hours_since_prophylactic_lmwh=floats(0, 10000),
                                  infection_at_lp_site=flag)),
        "antibiotics_started_at": draw(maybe(times)),
        "lp": draw(section(performed_at=times, volume_ml=floats(0, 50),
                           opening_pressure_cm_h2o=floats(0, 100), csf_glucose=glucose,
                           serum_glucose=glucose, csf_protein=protein,
                           wbc_per_ul=st.integers(0, 100000), lymphocyte_percent=floats(0, 100),
                           cytology=st.sampled_from(["positive", "negative", "pending",
                                                     "not_sent"]),
                           suspicion_of_malignancy=st.sampled_from(["low", "high"]))),
        "etiology": draw(section(
            category=st.sampled_from(["tuberculous", "fungal", "bacterial", "neurosarcoidosis",
                                      "malignant", "undetermined"]),
            fungal_organism=st.sampled_from(["cryptococcus", "histoplasma", "coccidioides",
                                             "aspergillus", "other"]),
            primary_cancer=st.sampled_from(["breast_her2_positive", "lung_egfr_mutated",
                                            "melanoma_braf_mutated", "other"]))),
        "prognosis": draw(section(kps=st.integers(0, 10).map(lambda k: k * 10),
                                  life_expectancy_months=st.one_of(st.just(1.0), floats(0, 240)),
                                  dying=flag)),
        "planned": draw(section(craniospinal_radiotherapy=flag, intrathecal_chemotherapy=flag,
                                systemic_methotrexate=flag, ommaya_reservoir=flag,
                                treatment_start_date=st.dates(date(2026, 1, 1),
                                                              date(2030, 12, 31)))),
    }
    return Case.model_validate(data)


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases())
def test_any_valid_case_plans_and_round_trips(case):
    plan = build_plan(case)
    assert Plan.model_validate_json(plan.model_dump_json()) == plan
    assert plan.case_sha256 == case.sha256()
    assert Case.model_validate_json(case.model_dump_json()) == case


@SETTINGS
@given(cases())
def test_every_item_has_a_guideline_citation(case):
    plan = build_plan(case)
    items = [*plan.recommendations, *plan.alerts, *plan.findings, *plan.doses, *plan.schedule]
    for item in items:
        assert item.citations and all(1 <= n <= 9 for n in item.citations)
    assert all(note.from_guideline is False for note in plan.review_notes)


@SETTINGS
@given(cases())
def test_stop_against_intrathecal_means_no_intrathecal_dose_or_date(case):
    plan = build_plan(case)
    stopped = any("intrathecal_chemotherapy" in a.blocks for a in plan.alerts
                  if a.severity is Severity.stop)
    if stopped or plan.blocked("intrathecal_chemotherapy"):
        assert not [d for d in plan.doses if d.drug == "methotrexate"]
        assert not [s for s in plan.schedule if s.kind == "intrathecal_dose"]


@SETTINGS
@given(cases())
def test_no_disease_directed_therapy_without_a_decided_good_prognosis(case):
    plan = build_plan(case)
    directed = {"mal.systemic", "mal.it_methotrexate", "mal.focal_rt"}
    if plan.pathway is not Pathway.malignant_good_prognosis:
        assert not directed & {r.id for r in plan.recommendations}
        assert plan.radiotherapy is None
        assert not [d for d in plan.doses if d.drug == "methotrexate"]
    else:
        p = case.prognosis
        assert p.kps >= 70 and p.life_expectancy_months > 1 and not p.dying


@SETTINGS
@given(cases())
def test_doses_follow_the_guideline(case):
    plan = build_plan(case)
    w = case.patient.weight_kg
    for d in plan.doses:
        if "mg/kg" in d.basis:
            assert w is not None
        if d.drug == "ceftriaxone":
            assert d.daily_total_mg <= 4000
            if d.capped:
                assert d.daily_total_mg == 4000 and 100 * w > 4000
        if d.drug == "prednisone":
            assert d.daily_total_mg == round(w, 1)
    if w is None:
        assert not [d for d in plan.doses if "mg/kg" in d.basis]
        needs_weight = case.etiology.category in ("tuberculous", "neurosarcoidosis")
        if needs_weight:
            assert "patient.weight_kg" in plan.missing


@SETTINGS
@given(cases())
def test_lp_contraindication_matches_the_numbers(case):
    s = case.lp_safety
    expected = bool(
        (s.platelets_10e9_per_l is not None and s.platelets_10e9_per_l < 40)
        or (s.inr is not None and s.inr > 1.4)
        or (s.hours_since_prophylactic_lmwh is not None and s.hours_since_prophylactic_lmwh < 12)
        or s.infection_at_lp_site or case.presentation.severe_sepsis)
    plan = build_plan(case)
    assert (plan.lp_verdict.status == "contraindicated") is expected
    assert plan.blocked("lumbar_puncture") is expected


@SETTINGS
@given(cases())
def test_stop_alerts_first_and_schedule_in_date_order(case):
    plan = build_plan(case)
    ranks = [[Severity.stop, Severity.warning, Severity.info].index(a.severity)
             for a in plan.alerts]
    assert ranks == sorted(ranks)
    dates = [s.date for s in plan.schedule]
    assert dates == sorted(dates)
    starts = [d for d in (case.planned.treatment_start_date, case.antibiotics_started_at and
                          case.antibiotics_started_at.date()) if d]
    for s in plan.schedule:
        assert starts and min(starts) <= s.date <= max(starts) + timedelta(days=400)
