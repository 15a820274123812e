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
        load_case_text(json.dumps({"schema_version": 1, **data}))
    return [str(e) for e in info.value.errors]


def test_only_schema_version_is_required():
    assert Case.model_validate({"schema_version": 1}).patient.weight_kg is None
    assert errors_of({"schema_version": 2})[0].startswith("schema_version:")
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
    Case.model_validate({"schema_version": 1, section: {field: value}})


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
    a = Case.model_validate({"schema_version": 1, "patient": {"weight_kg": 70}})
    b = Case.model_validate({"schema_version": 1, "patient": {"weight_kg": 70.0, "sex": None},
                             "lp": None})
    c = Case.model_validate({"schema_version": 1, "patient": {"weight_kg": 71}})
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
