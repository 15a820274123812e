"""An entry hint says the range the case model allows ("mL (0 to 50)"): generated from the model's
bounds, in the wizard's language, so the hint and the check that refuses a value agree."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from leptodesk.view.hints import field_bounds
from ui.pages import PageId

# The model's bounds, read off leptodesk/models/case.py by hand, and the hint each field shows.
HINTS = {
    "lp.volume_ml": (PageId.CSF, "mL (0 to 50)", "mL (0 à 50)"),
    "lp.opening_pressure_cm_h2o": (PageId.CSF, "cm H2O (0 to 100)", "cm H2O (0 à 100)"),
    "lp.wbc_per_ul": (PageId.CSF, "/µL (0 to 100000)", "/µL (0 à 100000)"),
    "lp.lymphocyte_percent": (PageId.CSF, "% (0 to 100)", "% (0 à 100)"),
    "lp_safety.platelets_10e9_per_l": (PageId.IMAGING_LP, "×10⁹/L (0 to 2000)",
                                       "×10⁹/L (0 à 2000)"),
    "lp_safety.inr": (PageId.IMAGING_LP, "0.5 to 20", "0,5 à 20"),
    "lp_safety.hours_since_prophylactic_lmwh": (
        PageId.IMAGING_LP, "hours since the last dose (0 to 10000)",
        "heures depuis la dernière dose (0 à 10000)"),
    "prognosis.life_expectancy_months": (PageId.PROGNOSIS, "months (0 to 240)",
                                         "mois (0 à 240)"),
}


@pytest.mark.parametrize("path", sorted(HINTS))
def test_each_hint_says_the_models_range_in_the_language(window, path):
    page_id, english, french = HINTS[path]
    binding = window.wizard.page_of(page_id).bindings[path]
    assert binding.editor.placeholderText() == english
    window.language_actions["fr"].trigger()
    QApplication.processEvents()
    try:
        assert binding.editor.placeholderText() == french
    finally:
        window.language_actions["en"].trigger()


def test_a_hint_follows_the_model(window, monkeypatch):
    """Generated, not copied: a changed bound changes the hint."""
    import leptodesk.view.hints as hints

    monkeypatch.setattr(hints, "field_bounds", lambda path: (0, 60))
    page = window.wizard.page_of(PageId.CSF)
    page.retranslate()
    assert page.bindings["lp.volume_ml"].editor.placeholderText() == "mL (0 to 60)"


def test_the_first_pages_hints_agree_with_the_model(window):
    """The Patient page is shown before the core (and pydantic) loads, so its two hints are
    written out; they must say the model's bounds."""
    assert field_bounds("patient.age_years") == (0, 120)
    assert field_bounds("patient.age_days") == (0, 365)
    page = window.wizard.page_of(PageId.PATIENT)
    assert page.bindings["patient.age_years"].editor.placeholderText() == "years (0 to 120)"
    assert page.bindings["patient.age_days"].editor.placeholderText().startswith(
        "days (0 to 365)")
