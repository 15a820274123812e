"""Every refusal the case file and the model can make carries a catalogue key that French and
Portuguese have (a key without an entry would fall back to English silently)."""

from __future__ import annotations

import json

import pytest

from leptodesk.casefile import _KIND_TEXT, load_case_text
from leptodesk.errors import InvalidInput, field_message
from leptodesk.i18n import catalogue

from .conftest import ROOT

BASE = json.loads((ROOT / "examples" / "tuberculous-adult.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
def test_every_json_kind_has_a_type_message(lang):
    messages = catalogue(lang).messages
    for kind in _KIND_TEXT:
        keys = ("whole", "whole_any") if kind == "integer" else ("number", "number_any") \
            if kind == "number" else (f"type_{kind}",)
        for key in keys:
            assert f"msg:err_{key}" in messages, (lang, key)


def _errors(mutate):
    data = json.loads(json.dumps(BASE))
    mutate(data)
    with pytest.raises(InvalidInput) as info:
        load_case_text(json.dumps(data))
    return info.value.errors


MODEL_RULES = {  # the model validators' refusals: each keyed
    "time_zone": lambda d: d["lp"].__setitem__("performed_at", "2026-11-20T10:00+02:00"),
    "infants_only": lambda d: d["patient"].__setitem__("age_days", 30),
    "glucose_positive": lambda d: d["lp"].__setitem__("serum_glucose",
                                                      {"value": 0, "unit": "mg/dL"}),
    "lmwh_hours": lambda d: d["lp_safety"].update(prophylactic_lmwh="none",
                                                  hours_since_prophylactic_lmwh=6),
    "required": lambda d: d["lp"]["serum_glucose"].pop("unit"),
    "enum": lambda d: d["patient"].__setitem__("sex", "unknown-sex"),
    "type_boolean": lambda d: d["presentation"].__setitem__("severe_sepsis", "yes"),
    "too_long": lambda d: d["patient"].__setitem__("display_name", "x" * 121),
    "steps": lambda d: d.__setitem__("prognosis", {"kps": 75}),
}


@pytest.mark.parametrize("key", sorted(MODEL_RULES))
def test_model_refusals_are_keyed_and_translated(key):
    errors = _errors(MODEL_RULES[key])
    assert [e.key for e in errors] == [key], errors
    (error,) = errors
    english = field_message(error, "en")
    for lang in ("fr", "pt"):
        shown = field_message(error, lang)
        assert shown != error.message and shown != english, (lang, shown)
