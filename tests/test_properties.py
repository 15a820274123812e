"""Properties that hold for every valid case (hypothesis)."""

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leptodesk.clinical import build_plan
from leptodesk.models import Case, Pathway, Plan, Severity


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
def lp_safety(draw) -> dict:
    safety = draw(section(platelets_10e9_per_l=floats(0, 2000), inr=floats(0.5, 20),
                          prophylactic_lmwh=st.sampled_from(["none", "given"]),
                          infection_at_lp_site=flag))
    if safety.get("prophylactic_lmwh") == "given" and draw(st.booleans()):
        safety["hours_since_prophylactic_lmwh"] = draw(floats(0, 10000))
    return safety


@st.composite
def cases(draw) -> Case:
    age_years = draw(maybe(st.integers(0, 120)))
    patient = draw(section(display_name=st.text(max_size=40), weight_kg=floats(0.3, 350),
                           sex=st.sampled_from(["female", "male", "other"])))
    patient["age_years"] = age_years
    if age_years in (None, 0) and draw(st.booleans()):
        patient["age_days"] = draw(st.integers(0, 365))
    data = {
        "schema_version": 2,
        "patient": patient,
        "presentation": draw(section(**{k: flag for k in (
            "suspected_bacterial_meningitis", "severe_sepsis", "rapidly_evolving_rash",
            "symptomatic_hydrocephalus", "raised_icp", "csf_flow_obstruction",
            "vertebral_body_involvement", "spinal_instability", "spinal_cord_compression",
            "cranial_neuropathy", "nodular_disease", "thin_linear_deposits")})),
        "imaging": draw(section(mri_whole_spine_gadolinium=st.sampled_from(
            ["done", "planned", "not_done"]), leptomeningeal_enhancement=flag)),
        "lp_safety": draw(lp_safety()),
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
                                ceftriaxone_regimen=st.sampled_from(["once_daily",
                                                                     "every_12_h"]),
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
        if d.amount_mg is not None and "mg/kg" in d.basis:
            assert w is not None
        if d.daily_total_mg is not None and d.doses_per_day is not None:
            assert abs(d.amount_mg * d.doses_per_day - d.daily_total_mg) < 0.2
        if d.drug == "methotrexate":  # intrathecal: never a daily total
            assert d.daily_total_mg is None and d.doses_per_day is None
        if d.drug == "ceftriaxone" and d.daily_total_mg is not None:
            assert d.daily_total_mg <= 4000
            if d.capped:
                assert d.daily_total_mg == 4000 and 100 * w > 4000
        if d.drug == "prednisone" and d.amount_mg is not None:
            assert d.daily_total_mg == round(w, 1)
    if w is None:
        assert not [d for d in plan.doses if d.amount_mg is not None and "mg/kg" in d.basis]
        needs_weight = case.etiology.category in ("tuberculous", "neurosarcoidosis") and (
            case.patient.age_group == "adult")
        if needs_weight:
            assert "patient.weight_kg" in plan.missing


ADULT_ONLY = ("methotrexate", "prednisone")


@SETTINGS
@given(cases())
def test_no_child_or_possible_neonate_gets_a_computed_adult_only_dose(case):
    """Intrathecal methotrexate, radiotherapy, uncapped prednisone and the Karnofsky gate are
    adult regimens [1, 5]; a neonate gets no computed ceftriaxone dose (label)."""
    plan = build_plan(case)
    group = case.patient.age_group
    if group == "adult":
        return
    for d in plan.doses:
        if d.drug in ADULT_ONLY:
            assert d.amount_mg is None and d.daily_total_mg is None, d
    assert plan.radiotherapy is None
    assert not [s for s in plan.schedule if s.kind == "intrathecal_dose"]
    assert plan.pathway is not Pathway.malignant_good_prognosis
    if group in ("child", "neonate") and (
            plan.pathway is Pathway.malignant_prognosis_unknown
            or any(d.drug == "prednisone" for d in plan.doses)):
        assert "child.guideline_silent" in [a.id for a in plan.alerts_of(Severity.stop)]
    if group == "neonate" or case.patient.neonate_status_unknown or group is None:
        for d in plan.doses:
            if d.drug == "ceftriaxone":
                assert d.amount_mg is None and d.daily_total_mg is None, d


@SETTINGS
@given(cases())
def test_lp_contraindication_matches_the_numbers(case):
    s = case.lp_safety
    expected = bool(
        (s.platelets_10e9_per_l is not None and s.platelets_10e9_per_l < 40)
        or (s.inr is not None and s.inr > 1.4)
        or (s.prophylactic_lmwh == "given" and s.hours_since_prophylactic_lmwh is not None
            and s.hours_since_prophylactic_lmwh < 12)
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


# --- Sentences against their numbers at the boundaries ---------------------------------------

near = lambda x, d: st.floats(x - d, x + d, allow_nan=False)  # noqa: E731


def _first_number(text: str, after: str) -> float:
    import re

    tail = text.split(after, 1)[1]
    return float(re.match(r"\s*([0-9]+(?:\.[0-9]+)?)", tail).group(1))


@settings(max_examples=300, deadline=None)
@given(platelets=near(40, 0.02), inr=near(1.4, 0.002), hours=near(12, 0.02),
       volume=near(5, 0.002), protein=near(150, 0.002))
def test_no_sentence_contradicts_its_numbers_at_a_boundary(platelets, inr, hours, volume,
                                                             protein):
    plan = build_plan(Case.model_validate({
        "schema_version": 2,
        "lp_safety": {"platelets_10e9_per_l": platelets, "inr": inr, "prophylactic_lmwh": "given",
                      "hours_since_prophylactic_lmwh": hours, "infection_at_lp_site": False},
        "lp": {"volume_ml": volume, "csf_protein": {"value": protein, "unit": "mg/dL"}}}))
    reasons = " ".join(plan.lp_verdict.reasons)
    if platelets < 40:
        assert _first_number(reasons, "platelets") < 40
    else:
        assert "platelets" not in reasons
    if inr > 1.4:
        assert _first_number(reasons, "INR") > 1.4
    else:
        assert "INR" not in reasons
    if hours < 12:
        assert _first_number(reasons, "LMWH") < 12
    else:
        assert "LMWH" not in reasons
    low = [a.text for a in plan.alerts if a.id == "workup.csf_volume_low"]
    if volume < 5:
        assert _first_number(low[0], "CSF volume") < 5
    else:
        assert low == []
    (protein_text,) = [f.text for f in plan.findings if f.id == "csf.protein"]
    shown = _first_number(protein_text, "CSF protein")
    assert (shown > 150) is (protein > 150) and ("elevated" in protein_text) is (protein > 150)


@settings(max_examples=200, deadline=None)
@given(le=st.one_of(near(1, 0.002), st.just(1.0)), kps=st.sampled_from([60, 70, 80]))
def test_prognosis_sentences_agree_with_the_gate_at_its_boundary(le, kps):
    plan = build_plan(Case.model_validate({
        "schema_version": 2, "patient": {"age_years": 50},
        "etiology": {"category": "malignant"},
        "prognosis": {"kps": kps, "life_expectancy_months": le}}))
    words = " ".join([r.text for r in plan.recommendations]
                     + [a.text for a in plan.alerts] + [g.text for g in plan.gaps])
    if le < 1:
        assert plan.pathway is Pathway.malignant_poor_prognosis
        assert _first_number(words, "life expectancy ") < 1
    elif le > 1 and kps >= 70:
        assert _first_number(words, "life expectancy ") > 1
    import re

    assert not re.search(r"(?<![0-9.])1 months", words)


@settings(max_examples=200, deadline=None)
@given(op=near(25, 0.002), lymph=near(50, 0.002))
def test_site_default_findings_agree_with_their_numbers_at_the_boundary(op, lymph):
    plan = build_plan(Case.model_validate({"schema_version": 2, "lp": {
        "opening_pressure_cm_h2o": op, "wbc_per_ul": 100, "lymphocyte_percent": lymph}}))
    texts = {f.id: f.text for f in plan.findings}
    shown_op = _first_number(texts["csf.opening_pressure"], "Opening pressure")
    assert (shown_op > 25) is (op > 25)
    assert ("not elevated" in texts["csf.opening_pressure"]) is (op <= 25)
    shown_lymph = _first_number(texts["csf.pleocytosis"], "/µL, ")
    assert (shown_lymph > 50) is (lymph > 50)
    assert (": lymphocytic pleocytosis (" in texts["csf.pleocytosis"]) is (lymph > 50)


@SETTINGS
@given(cases(), times)
def test_suspected_bacterial_without_a_recorded_start_never_dates_the_first_dose_later(case, now):
    """Issue 21: "start empiric IV antibiotics immediately" [2] from every door: no dose row
    and no calendar line dates the first antibiotic dose later than now, whatever the planned
    start; the nurse sheet says "now" and the plan's first alert says to start."""
    from leptodesk.nurse_view import nurse_sheet

    suspected = (case.etiology.category == "bacterial"
                 or case.presentation.suspected_bacterial_meningitis is True)
    if not suspected or case.antibiotics_started_at is not None:
        return
    plan = build_plan(case)
    assert plan.alerts[0].id == "urgent.antibiotics_now"
    for d in plan.doses:
        if d.drug == "ceftriaxone":
            assert d.first_dose_now and d.start_date is None and d.first_dose_at is None
    antibiotic_dates = [s for s in plan.schedule if s.kind == "milestone"
                        and "antimicrobial" in s.item]
    assert antibiotic_dates == []
    if plan.pathway is Pathway.bacterial:  # nothing of the antibiotic course is dated yet
        assert [s for s in plan.schedule if s.kind != "intrathecal_dose"] == []
    for row in nurse_sheet(case, plan, now).drugs:
        if row.drug == "ceftriaxone":
            assert row.first_dose == "NOW: give immediately"


@SETTINGS
@given(cases())
def test_an_unanswered_intrathecal_prohibition_never_schedules_intrathecal(case):
    """Issue 21: hydrocephalus, CSF flow obstruction or craniospinal radiotherapy not answered:
    no intrathecal dose or date, and a stop naming what to answer when it was planned."""
    pres, planned = case.presentation, case.planned
    if None not in (pres.symptomatic_hydrocephalus, pres.csf_flow_obstruction,
                    planned.craniospinal_radiotherapy):
        return
    plan = build_plan(case)
    assert not [d for d in plan.doses if d.drug == "methotrexate"]
    assert not [s for s in plan.schedule if s.kind == "intrathecal_dose"]
    assert not [a for a in plan.alerts if a.id == "it.confirm_before_dose"
                and "hydrocephalus" in a.text]


@st.composite
def lumbar_courses(draw) -> Case:
    """A generated case made a lumbar intrathecal course that is otherwise ready (malignant,
    good prognosis, MRI done, the prohibitions answered no), with the LP judgements drawn."""
    case = draw(cases()).model_dump(mode="json")
    case["patient"].update(age_years=draw(st.integers(18, 100)), age_days=None)
    case["etiology"].update(category="malignant", primary_cancer="breast_her2_positive")
    case["prognosis"].update(kps=draw(st.integers(7, 10)) * 10, life_expectancy_months=6,
                             dying=False)
    case["imaging"]["mri_whole_spine_gadolinium"] = "done"
    case["presentation"].update(csf_flow_obstruction=False, symptomatic_hydrocephalus=False,
                                severe_sepsis=draw(st.sampled_from([None, False])))
    case["lp_safety"]["infection_at_lp_site"] = draw(st.sampled_from([None, False]))
    case["planned"].update(intrathecal_chemotherapy=True, ommaya_reservoir=False,
                           craniospinal_radiotherapy=False)
    return Case.model_validate(case)


@SETTINGS
@given(lumbar_courses())
def test_an_unanswered_lp_judgement_never_dates_a_lumbar_dose(case):
    """A lumbar intrathecal dose is an LP: with infection at the LP site or severe sepsis not
    answered [2], no lumbar intrathecal dose or date, and a stop for the clinician; nothing on
    the nurse sheet asks a nurse to confirm it. Answered (and no other reason), the course is
    planned."""
    plan = build_plan(case)
    ids = [a.id for a in plan.alerts]
    if None not in (case.lp_safety.infection_at_lp_site, case.presentation.severe_sepsis):
        assert "it.lp_safety_unanswered" not in ids
        return
    # the stop, or the LP already contraindicated by a value entered (a stop of its own)
    assert ("it.lp_safety_unanswered" in ids) is ("it.lumbar_route_lp_unsafe" not in ids)
    assert not [d for d in plan.doses if d.drug == "methotrexate"]
    assert not [s for s in plan.schedule if s.kind == "intrathecal_dose"]
    assert all(a.severity.value != "warning" or "Before each intrathecal dose" not in a.text
               for a in plan.alerts)
