"""leptodesk.view.numbers: the one writer of numbers, doses, weights and dates."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leptodesk.view import numbers


@pytest.mark.parametrize(("kg", "lang", "shown"), [
    (68.0388555, "en", "68.04 kg"),  # 150 lb
    (68.0388555, "fr", "68,04 kg"),
    (68.0388555, "pt", "68,04 kg"),
    (61.0, "en", "61 kg"),
    (3.5, "fr", "3,5 kg"),
    (0.3, "en", "0.3 kg"),  # the model's lowest weight
    (350.0, "en", "350 kg"),  # and its highest
    (2.005, "en", "2 kg"),  # 2.005 is 2.00499999... in binary: rounds down
    (2.006, "en", "2.01 kg"),
])
def test_weight(kg, lang, shown):
    assert numbers.weight(kg, lang) == shown
    assert numbers.weight_value(kg, lang) == shown.removesuffix(" kg")


@pytest.mark.parametrize(("mg", "lang", "shown"), [
    # always mg (issue 21: one unit in a dose column; "2 g" beside "1950 mg" misreads)
    (2500, "en", "2500 mg"),
    (2000, "en", "2000 mg"),
    (4000, "fr", "4000 mg"),
    (1000, "en", "1000 mg"),
    (999, "en", "999 mg"),
    (1001, "en", "1001 mg"),
    (0.5, "en", "0.5 mg"),
    (0.5, "pt", "0,5 mg"),
    (612.5, "fr", "612,5 mg"),
    (15, "fr", "15 mg"),
    (12000, "en", "12000 mg"),
])
def test_mg(mg, lang, shown):
    assert numbers.mg(mg, lang) == shown


@pytest.mark.parametrize(("value", "limit", "shown"), [
    (39.99, 40, "39.99"),  # never "40 (below 40)"
    (39.999, 40, "39.999"),
    (40.001, 40, "40.001"),
    (40.0, 40, "40"),
    (1.4, 1.4, "1.4"),
    (1.40001, 1.4, "1.40001"),
    (12.5, 12, "12.5"),
])
def test_number_vs_keeps_the_comparison(value, limit, shown):
    assert numbers.number_vs(value, limit, "en") == shown
    assert numbers.number_vs(value, limit, "fr") == shown.replace(".", ",")


@pytest.mark.parametrize(("value", "shown"), [
    (0.005, "0.005"), (45.0, "45"), (1.25, "1.25"), (0.123456, "0.123456"),
])
def test_entered_values_keep_what_was_typed(value, shown):
    assert numbers.entered(value, "en") == shown


@pytest.mark.parametrize(("lang", "shown"), [
    ("en", "Wed 2 Dec 2026"), ("fr", "mer. 2 déc. 2026"), ("pt", "qua., 2 de dez. de 2026")])
def test_dates(lang, shown):
    assert numbers.format_date(date(2026, 12, 2), lang) == shown
    assert numbers.format_datetime(datetime(2026, 12, 2, 14, 5), lang) == shown + " 14:05"


def test_dates_in_sentences_are_iso_in_english_only():
    assert numbers.sentence_date(date(2027, 11, 21), "en") == "2027-11-21"
    assert numbers.sentence_datetime(datetime(2026, 11, 24, 6, 15), "en") == "2026-11-24 06:15"
    assert numbers.sentence_date(date(2027, 11, 21), "fr") == "dim. 21 nov. 2027"


@given(st.floats(min_value=0.3, max_value=350, allow_nan=False))
def test_a_weight_is_within_half_a_hundredth_of_the_stored_one(kg):
    for lang in ("en", "fr", "pt"):
        shown = numbers.weight_value(kg, lang)
        assert abs(float(shown.replace(",", ".")) - kg) <= 0.005 + 1e-9
        assert "." not in shown or lang == "en"
        assert re.search(r"[.,](\d*0)?$", shown) is None  # no trailing zero or separator


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
       st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_number_vs_never_turns_a_comparison(value, limit):
    shown = float(numbers.clinical_vs(value, limit))
    assert (shown > limit) == (value > limit) and (shown < limit) == (value < limit)


@given(st.floats(min_value=0.001, max_value=100000, allow_nan=False))
def test_a_dose_reads_back_as_itself(mg):
    text = numbers.mg(mg, "fr")
    number, unit = text.split(" ")
    back = float(number.replace(",", ".")) * (1000 if unit == "g" else 1)
    assert back == pytest.approx(mg, rel=1e-5)


@pytest.mark.parametrize(("value", "digits", "places", "lang", "sig", "fix"), [
    (69.8532, 12, 1, "en", "69.8532", "69.9"),  # 154 lb in kg, beside the lb entry
    (134.48, 12, 1, "fr", "134,48", "134,5"),  # 61 kg in lb
    (61.0, 12, 1, "pt", "61", "61,0"),
])
def test_the_wizard_entry_numbers(value, digits, places, lang, sig, fix):
    assert numbers.significant(value, digits, lang) == sig
    assert numbers.fixed(value, places, lang) == fix
