"""The live panel and the review page, read as the clinician sees them (the widgets' own text),
against doses worked by hand from the guideline: a tenfold error in either fails here."""

from __future__ import annotations

import re

import pytest

from tests.ui.helpers import drive_to_review
from ui.pages import PageId


@pytest.fixture(params=[False, True], ids=["on screen", "with a screen reader"])
def reader(request, monkeypatch):
    """Both forms of the panel and the review: tables and boxes, or (while a screen reader
    listens) lines that name their columns (ui.plan_html._box)."""
    from PySide6.QtGui import QAccessible

    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: request.param))
    return request.param


def _doses(text: str) -> str:
    flat = " ".join(text.replace("\u00a0", " ").split())
    tail = flat.split("Doses", 1)[1]
    ends = [tail.find(e) for e in ("Calendar", "Review notes (not", "Where the guideline is")
            if e in tail]
    return tail[:min(ends, default=len(tail))]


def _has(section: str, amount: str) -> bool:
    return re.search(r"(?<![0-9.])" + re.escape(amount) + r"(?![0-9])", section) is not None


def test_panel_and_review_show_the_hand_worked_prednisone_dose(window, reader):
    # prednisone 1 mg/kg/day x 70 kg = 70 mg once daily [1]
    drive_to_review(window.wizard, {
        "patient": {"age_years": 45, "weight_kg": 70}, "etiology": {"category": "tuberculous"},
        "planned": {"treatment_start_date": "2026-11-25"}})
    for surface in (window.panel.text(), window.wizard.page_of(PageId.REVIEW).text()):
        section = _doses(surface)
        assert "prednisone" in section and _has(section, "70 mg")
        assert not _has(section, "700 mg") and not _has(section, "7 mg")
        assert "isoniazid" in section and "see the prescription" in section


def test_panel_and_review_show_the_interval_or_a_stop_on_the_row(window, reader):
    # ceftriaxone 100 mg/kg/day x 25 kg = 2500 mg a day; every 12 h: 1250 mg a dose [3]
    drive_to_review(window.wizard, {
        "patient": {"age_years": 7, "weight_kg": 25}, "etiology": {"category": "bacterial"}})
    for surface in (window.panel.text(), window.wizard.page_of(PageId.REVIEW).text()):
        assert "STOP: ceftriaxone: interval not chosen: ask the prescriber" in _doses(surface)
    window.wizard.page_of(PageId.COMPLICATIONS_PLANNED).set_value(
        "planned.ceftriaxone_regimen", "every_12_h")
    for surface in (window.panel.text(), window.wizard.page_of(PageId.REVIEW).text()):
        section = _doses(surface)
        assert _has(section, "1250 mg") and _has(section, "2500 mg")
        assert not _has(section, "12500 mg") and not _has(section, "125 mg")
        assert "every 12 hours" in section
    if reader:  # the review's table as lines, each value after its column's name
        review = _doses(window.wizard.page_of(PageId.REVIEW).text())
        assert "Amount: 1250 mg" in review and "Daily total: 2500 mg" in review
