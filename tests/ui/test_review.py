"""The review page shows the inputs the plan rests on beside the plan; the panel's header says
who the plan is for (age, weight, sex) and the pathway, in the clinician PDF's words."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

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
    assert header.text().startswith("<b>Patient:</b> (no name entered); age not entered, "
                                    "sex not entered, weight not entered<br><b>Pathway:</b> ")
    window.load_case(load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json"), None)
    # examples/malignant-her2-good-prognosis.json: KPS 80, life expectancy 6 months
    assert header.text() == ("<b>Patient:</b> Example C (HER2+ breast); age 49 years, sex "
                             "female, weight 61 kg<br><b>Pathway:</b> Malignant, KPS ≥ 70 and "
                             "life expectancy &gt; 1 month")


def test_panel_header_is_the_clinician_pdfs_patient_line(window):
    """150 lb = 150 x 0.45359237 kg = 68.0388555 kg: the header writes the weight as the
    PDF's patient line does, in the same words."""
    page = window.wizard.page_of(PageId.PATIENT)
    page.set_value("patient.display_name", "Bed 7")
    page.set_value("patient.age_years", "34")
    page.bindings["patient.weight_kg"].set_unit("lb")
    page.set_value("patient.weight_kg", "150")
    assert window.state.case.patient.weight_kg == pytest.approx(68.0388555)
    line = "Patient: Bed 7; age 34 years, sex not entered, weight 68.04 kg"
    shown = unescape(re.sub(r"<[^>]+>", "", window.panel.header.text().replace("<br>", "\n")))
    assert shown.splitlines()[0] == line
    from leptodesk.pdf.clinician import render_clinician

    pdf = render_clinician(window.state.case, window.state.plan).pdf
    printed = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert line in " ".join(printed.replace("\u00a0", " ").split())


def test_the_panel_header_shows_all_its_lines_and_a_new_weight_relays_out_nothing(
        window, qtbot):
    """The header is as tall as its text at its width (nothing cut off) whatever the name and
    the panel's width; a new weight, as long as the old one, leaves the panel's layout (and
    the window's above it) alone."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    window.load_case(load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json"), None)
    QApplication.processEvents()
    header = window.panel.header

    def whole() -> bool:
        QApplication.processEvents()
        QApplication.processEvents()
        return header.height() == header.heightForWidth(header.width())

    assert whole()
    lines = header.height()
    page = window.wizard.page_of(PageId.PATIENT)
    page.set_value("patient.display_name", "Example C (HER2+ breast), bed 12, ward 4 east, "
                                           "second floor, admitted from the emergency room")
    assert whole() and header.height() > lines  # one more line, shown
    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0] + sizes[1] - 200, 200])  # a narrower panel
    assert whole()
    window.splitter.setSizes(sizes)
    assert whole()

    asked: list[str] = []

    class Layouts(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.LayoutRequest:
                asked.append(watched.objectName() or type(watched).__name__)
            return False

    spy = Layouts()
    for watched in (window.panel, window.splitter, window):
        watched.installEventFilter(spy)
    page.set_value("patient.weight_kg", "62")  # the example's is 61
    assert "62 kg" in header.text() and whole()
    assert asked == []
    page.set_value("patient.display_name", "Bed 7")  # fewer lines: the panel lays out again
    assert whole() and header.height() < lines + 1 and "plan_panel" in asked
    # A new text while the panel is hidden (beside the review page) shows whole when it is
    # back.
    window.panel.hide()
    QApplication.processEvents()
    page.set_value("patient.display_name", "Example C (HER2+ breast), bed 12, ward 4 east, "
                                           "second floor, admitted from the emergency room")
    window.panel.show()
    assert whole() and header.height() > lines
    window.panel.hide()
    QApplication.processEvents()
    page.set_value("patient.display_name", "Bed 7")
    window.panel.show()
    assert whole() and header.height() < lines + 1


def test_an_infant_is_shown_in_days(window):
    page = window.wizard.page_of(PageId.PATIENT)
    page.set_value("patient.age_years", "0")
    page.set_value("patient.age_days", "20")
    assert "age 20 days" in window.panel.header.text()
