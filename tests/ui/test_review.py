"""The review page shows the inputs the plan rests on beside the plan; the panel's header says
who the plan is for (age, weight, sex) and the pathway."""

from __future__ import annotations

from pathlib import Path

from leptodesk.casefile import load_case_file
from ui.pages import PageId

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_review_lists_the_inputs_beside_the_plan(window):
    window.load_case(load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json"), None)
    review = window.wizard.page_of(PageId.REVIEW)
    rows = dict(review.input_rows())
    # examples/malignant-her2-good-prognosis.json
    assert rows["age (years)"] == "49"
    assert rows["weight (kg)"] == "61"
    assert rows["sex"] == "female"
    assert rows["Karnofsky score (KPS)"] == "80"
    # dates for people, as on the calendars (2026-11-18T11:00 was a Wednesday)
    assert rows["LP performed at"] == "Wed 18 Nov 2026 11:00"
    assert rows["treatment start date"] == "Mon 30 Nov 2026"
    assert "Pathway: Malignant" in review.text()
    left, right = review.splitter.widget(0), review.splitter.widget(1)
    assert review.inputs in left.findChildren(type(review.inputs))
    assert review.browser in right.findChildren(type(review.browser))
    window.wizard.page_of(PageId.PATIENT).set_value("patient.weight_kg", "63")
    assert dict(review.input_rows())["weight (kg)"] == "63"  # follows every entry


def test_panel_header_shows_age_weight_sex_and_pathway(window):
    header = window.panel.header
    assert "age not entered" in header.text() and "weight not entered" in header.text()
    window.load_case(load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json"), None)
    text = header.text()
    assert "49 years, 61 kg, female" in text
    assert "Malignant, KPS ≥ 70 and life expectancy &gt; 1 month" in text


def test_an_infant_is_shown_in_days(window):
    page = window.wizard.page_of(PageId.PATIENT)
    page.set_value("patient.age_years", "0")
    page.set_value("patient.age_days", "20")
    assert "20 days" in window.panel.header.text()
