"""The case contract: ranges, unknown fields, units, age groups, hashes."""

import json

import pytest
from pydantic import ValidationError

from leptodesk.casefile import load_case_text, save_case_file
from leptodesk.errors import InvalidInput
from leptodesk.models import AgeGroup, Case, Glucose, Protein

from .helpers import case


def errors_of(data: dict) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        load_case_text(json.dumps({"schema_version": 2, **data}))
    return [str(e) for e in info.value.errors]


def test_only_schema_version_is_required():
    assert Case.model_validate({"schema_version": 2}).patient.weight_kg is None
    assert errors_of({"schema_version": 3})[0].startswith("schema_version:")
    with pytest.raises(InvalidInput) as info:
        load_case_text("{}")
    assert str(info.value.errors[0]) == "schema_version: required"


def test_unknown_field_is_named_with_the_fields_allowed_there():
    (msg,) = errors_of({"patient": {"wieght_kg": 70}})
    assert msg.startswith("patient.wieght_kg: unknown field")
    assert "weight_kg" in msg


@pytest.mark.parametrize(("path", "value", "allowed"), [
    ("patient.weight_kg", 0.2, "0.3 to 350"),
    ("patient.weight_kg", 351, "0.3 to 350"),
    ("patient.age_years", 121, "0 to 120"),
    ("patient.age_days", 366, "0 to 365"),
    ("lp_safety.platelets_10e9_per_l", -1, "0 to 2000"),
    ("lp_safety.inr", 0.4, "0.5 to 20"),
    ("lp_safety.hours_since_prophylactic_lmwh", 10001, "0 to 10000"),
    ("lp.volume_ml", 51, "0 to 50"),
    ("lp.opening_pressure_cm_h2o", 101, "0 to 100"),
    ("lp.wbc_per_ul", 100001, "0 to 100000"),
    ("lp.lymphocyte_percent", 101, "0 to 100"),
    ("prognosis.kps", 110, "0 to 100"),
    ("prognosis.life_expectancy_months", 241, "0 to 240"),
])
def test_out_of_range_names_field_and_range(path, value, allowed):
    section, field = path.split(".")
    (msg,) = errors_of({section: {field: value}})
    assert msg.startswith(path + ":")
    assert allowed in msg


@pytest.mark.parametrize(("path", "value"), [
    ("patient.weight_kg", 0.3), ("patient.weight_kg", 350), ("patient.age_years", 120),
    ("lp_safety.inr", 20), ("prognosis.kps", 0), ("prognosis.kps", 100),
])
def test_range_edges_are_allowed(path, value):
    section, field = path.split(".")
    Case.model_validate({"schema_version": 2, section: {field: value}})


def test_kps_in_steps_of_ten():
    (msg,) = errors_of({"prognosis": {"kps": 75}})
    assert "prognosis.kps" in msg and "steps of 10" in msg


def test_enum_message_lists_allowed_values():
    (msg,) = errors_of({"etiology": {"category": "viral"}})
    assert msg.startswith("etiology.category:")
    assert "'tuberculous'" in msg and "'undetermined'" in msg


def test_every_bad_field_is_reported_at_once():
    msgs = errors_of({"patient": {"weight_kg": 0, "sex": "x"}, "lp_safety": {"inr": 30}})
    assert {m.split(":")[0] for m in msgs} == {"patient.weight_kg", "patient.sex", "lp_safety.inr"}


def test_not_json_and_not_an_object():
    with pytest.raises(InvalidInput, match="not valid JSON"):
        load_case_text("{oops")
    with pytest.raises(InvalidInput, match="one JSON object"):
        load_case_text("[1]")


def test_time_zone_rejected_for_local_times():
    (msg,) = errors_of({"antibiotics_started_at": "2026-11-24T08:30+01:00"})
    assert msg.startswith("antibiotics_started_at:") and "without a time zone" in msg


def test_serum_glucose_must_be_positive():
    (msg,) = errors_of({"lp": {"serum_glucose": {"value": 0, "unit": "mg/dL"}}})
    assert msg.startswith("lp.serum_glucose")


def test_glucose_unit_conversion_at_18_016():
    assert Glucose(value=1, unit="mmol/L").mg_dl == pytest.approx(18.016)
    assert Glucose(value=100, unit="mg/dL").mg_dl == 100


def test_protein_unit_conversion_at_100():
    assert Protein(value=2.1, unit="g/L").mg_dl == pytest.approx(210)
    assert Protein(value=210, unit="mg/dL").mg_dl == 210


@pytest.mark.parametrize(("fields", "group"), [
    ({"patient__age_days": 28}, AgeGroup.neonate),
    ({"patient__age_days": 29}, AgeGroup.child),
    ({"patient__age_years": 0, "patient__age_days": 0}, AgeGroup.neonate),
    ({"patient__age_years": 17}, AgeGroup.child),
    ({"patient__age_years": 18}, AgeGroup.adult),
    ({}, None),
])
def test_age_groups(fields, group):
    assert case(**fields).patient.age_group == group


def test_age_days_only_for_infants():
    (msg,) = errors_of({"patient": {"age_years": 2, "age_days": 20}})
    assert msg.startswith("patient.age_days:")


def test_case_hash_is_canonical():
    a = Case.model_validate({"schema_version": 2, "patient": {"weight_kg": 70}})
    b = Case.model_validate({"schema_version": 2, "patient": {"weight_kg": 70.0, "sex": None},
                             "lp": None})
    c = Case.model_validate({"schema_version": 2, "patient": {"weight_kg": 71}})
    assert a.sha256() == b.sha256() != c.sha256()


def test_save_and_load_round_trip(tmp_path):
    original = case(patient__display_name="Zoë Ñúñez", patient__weight_kg=61.5,
                    lp__csf_glucose={"value": 1.4, "unit": "mmol/L"},
                    planned__treatment_start_date="2026-11-25")
    path = tmp_path / "case.json"
    save_case_file(original, path)
    assert load_case_text(path.read_text(encoding="utf-8")) == original
    assert "null" not in path.read_text(encoding="utf-8")


def test_models_reject_bad_assignment():
    c = case()
    with pytest.raises(ValidationError):
        c.patient.weight_kg = 1000


# --- Version 2: explicit LMWH status; version 1 files migrate -------------------------------


def test_v1_empty_lmwh_migrates_to_not_known():
    from leptodesk.clinical import build_plan

    for safety in ({"hours_since_prophylactic_lmwh": None}, {}):
        c = load_case_text(json.dumps({"schema_version": 1, "lp_safety": {
            "platelets_10e9_per_l": 200, "inr": 1.0, "infection_at_lp_site": False, **safety},
            "presentation": {"severe_sepsis": False}}))
        assert c.schema_version == 2 and c.lp_safety.prophylactic_lmwh is None  # never "none"
        p = build_plan(c)
        assert p.lp_verdict.status == "incomplete"  # the plan asks
        assert "lp_safety.prophylactic_lmwh" in p.missing


@pytest.mark.parametrize(("hours", "contraindicated"), [(11.9, True), (12, False)])
def test_v1_hours_migrate_to_given_with_those_hours(hours, contraindicated):
    from leptodesk.clinical import build_plan

    c = load_case_text(json.dumps({"schema_version": 1, "lp_safety": {
        "hours_since_prophylactic_lmwh": hours}}))
    assert (c.lp_safety.prophylactic_lmwh, c.lp_safety.hours_since_prophylactic_lmwh) == (
        "given", hours)
    assert (build_plan(c).lp_verdict.status == "contraindicated") is contraindicated


def test_v1_file_saves_as_v2(tmp_path):
    c = load_case_text(json.dumps({"schema_version": 1, "lp_safety": {
        "hours_since_prophylactic_lmwh": 30}}))
    save_case_file(c, tmp_path / "c.json")
    saved = json.loads((tmp_path / "c.json").read_text())
    assert saved["schema_version"] == 2
    assert saved["lp_safety"] == {"prophylactic_lmwh": "given", "hours_since_prophylactic_lmwh": 30}


def test_v2_fields_in_a_v1_file_are_rejected():
    assert errors_of({"schema_version": 1, "lp_safety": {"prophylactic_lmwh": "none"}})
    with pytest.raises(InvalidInput):
        load_case_text(json.dumps({"schema_version": 1,
                                   "planned": {"ceftriaxone_regimen": "once_daily"}}))


@pytest.mark.parametrize("status", ["none", None])
def test_hours_only_with_given(status):
    msgs = errors_of({"lp_safety": {"prophylactic_lmwh": status,
                                    "hours_since_prophylactic_lmwh": 30}})
    assert msgs and "lp_safety" in msgs[0] and "given" in msgs[0]
    ok = load_case_text(json.dumps({"schema_version": 2, "lp_safety": {
        "prophylactic_lmwh": "given", "hours_since_prophylactic_lmwh": 30}}))
    assert ok.lp_safety.hours_since_prophylactic_lmwh == 30


def test_a_v1_signed_case_keeps_its_v1_hash():
    from leptodesk.casefile import case_sha256_as_written

    v1 = json.dumps({"schema_version": 1, "patient": {"weight_kg": 70}})
    # the v1 canonical form, written out by hand: every v1 field null except the weight
    sections = {
        "patient": ["age_days", "age_years", "display_name", "sex"],
        "presentation": ["cranial_neuropathy", "csf_flow_obstruction", "nodular_disease",
                         "raised_icp", "rapidly_evolving_rash", "severe_sepsis",
                         "spinal_cord_compression", "spinal_instability",
                         "suspected_bacterial_meningitis", "symptomatic_hydrocephalus",
                         "thin_linear_deposits", "vertebral_body_involvement"],
        "imaging": ["leptomeningeal_enhancement", "mri_whole_spine_gadolinium"],
        "lp_safety": ["hours_since_prophylactic_lmwh", "infection_at_lp_site", "inr",
                      "platelets_10e9_per_l"],
        "lp": ["cytology", "csf_glucose", "csf_protein", "lymphocyte_percent",
               "opening_pressure_cm_h2o",
               "performed_at", "serum_glucose", "suspicion_of_malignancy",
               "volume_ml", "wbc_per_ul"],
        "etiology": ["category", "fungal_organism", "primary_cancer"],
        "prognosis": ["dying", "kps", "life_expectancy_months"],
        "planned": ["craniospinal_radiotherapy", "intrathecal_chemotherapy", "ommaya_reservoir",
                    "systemic_methotrexate", "treatment_start_date"],
    }
    data = {k: dict.fromkeys(v) for k, v in sections.items()}
    data["patient"]["weight_kg"] = 70.0
    data["antibiotics_started_at"] = None
    data["schema_version"] = 1
    import hashlib

    expected = hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":"))
                              .encode()).hexdigest()
    assert case_sha256_as_written(v1) == expected
    assert case_sha256_as_written(json.dumps({"schema_version": 2, "patient": {
        "weight_kg": 70}})) != expected
