"""Plain messages at the bedside: what to type, in which format, and what was typed; dates
typed day first (DD/MM/YYYY HH:MM), picked from a calendar with weekdays, or set to now."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget

from ui.pages import PageId


def _message(page, path):
    return page.findChild(type(page.bindings[path].label), path.replace(".", "__") +
                          "_error").text()


@pytest.mark.parametrize(("typed", "expected"), [
    ("abc", 'type a whole number from 0 to 120 (you typed "abc")'),
    ("4.5", 'type a whole number from 0 to 120 (you typed "4.5")'),
    ("200", 'must be from 0 to 120 (you typed "200")'),
    ("-1", 'must be from 0 to 120 (you typed "-1")'),
])
def test_age_messages_say_what_to_type(wizard, typed, expected):
    page = wizard.page_of(PageId.PATIENT)
    page.set_value("patient.age_years", typed)
    text = _message(page, "patient.age_years")
    assert expected in text
    assert "Input should" not in text and "parse" not in text


def test_a_refused_entry_s_message_is_red_from_its_first_showing(wizard):
    """The message under a field carries its role's look (dark red, bold) when it is first
    shown, read off the pixels; before any error it is hidden."""
    from PySide6.QtGui import QColor

    page = wizard.page_of(PageId.IMAGING_LP)
    label = page.bindings["lp_safety.inr"].error_label
    assert label.isHidden()
    page.set_value("lp_safety.inr", "high")
    assert not label.isHidden() and label.property("role") == "error"
    label.resize(label.sizeHint())
    image = label.grab().toImage()
    red = QColor("#8b0000")
    colours = {image.pixelColor(x, y).name() for x in range(image.width())
               for y in range(image.height())}
    assert red.name() in colours  # the text's solid strokes
    assert "#000000" not in colours  # not the default black text


def test_number_message_mentions_the_decimal_comma(wizard):
    page = wizard.page_of(PageId.IMAGING_LP)
    page.set_value("lp_safety.inr", "high")
    assert 'type a number from 0.5 to 20 (e.g. 1.5 or 1,5) (you typed "high")' in _message(
        page, "lp_safety.inr")


def test_date_time_typed_day_first_or_year_first(wizard):
    page = wizard.page_of(PageId.PRESENTATION)
    page.set_value("antibiotics_started_at", "24/11/2026 08:30")
    assert wizard.state.case.antibiotics_started_at == datetime(2026, 11, 24, 8, 30)
    page.set_value("antibiotics_started_at", "2026-11-23T07:05")
    assert wizard.state.case.antibiotics_started_at == datetime(2026, 11, 23, 7, 5)
    page.bindings["antibiotics_started_at"].load()
    assert page.bindings["antibiotics_started_at"].editor.text() == "23/11/2026 07:05"


def test_a_date_without_its_time_says_the_format(wizard):
    page = wizard.page_of(PageId.PRESENTATION)
    page.set_value("antibiotics_started_at", "01/12/2026")
    text = _message(page, "antibiotics_started_at")
    assert "DD/MM/YYYY HH:MM" in text and 'you typed "01/12/2026"' in text
    assert "invalid character" not in text
    assert wizard.state.case.antibiotics_started_at is None  # nothing half-entered


def test_impossible_date_is_refused_plainly(wizard):
    page = wizard.page_of(PageId.COMPLICATIONS_PLANNED)
    page.set_value("planned.treatment_start_date", "31/02/2026")
    assert "DD/MM/YYYY" in _message(page, "planned.treatment_start_date")
    assert wizard.state.case.planned.treatment_start_date is None


def test_now_sets_the_current_time(wizard):
    page = wizard.page_of(PageId.CSF)
    binding = page.bindings["lp.performed_at"]
    before = datetime.now().replace(second=0, microsecond=0)
    binding.now_button.click()
    after = datetime.now()
    assert before <= wizard.state.case.lp.performed_at <= after


def test_today_sets_the_date(wizard):
    page = wizard.page_of(PageId.COMPLICATIONS_PLANNED)
    binding = page.bindings["planned.treatment_start_date"]
    assert binding.now_button.text().replace("&", "") == "Today"
    before = datetime.now().date()
    binding.now_button.click()
    assert before <= wizard.state.case.planned.treatment_start_date <= datetime.now().date()


def test_pick_from_a_calendar_with_weekdays_keeps_the_time(wizard):
    page = wizard.page_of(PageId.PRESENTATION)
    binding = page.bindings["antibiotics_started_at"]
    page.set_value("antibiotics_started_at", "20/11/2026 08:30")
    binding.pick_button.click()
    calendar = binding.calendar_menu.findChild(QCalendarWidget)
    assert calendar.horizontalHeaderFormat() != QCalendarWidget.HorizontalHeaderFormat \
        .NoHorizontalHeader  # weekday names over the columns
    assert calendar.selectedDate() == QDate(2026, 11, 20)
    calendar.clicked.emit(QDate(2026, 11, 24))
    assert wizard.state.case.antibiotics_started_at == datetime(2026, 11, 24, 8, 30)
    assert not binding.calendar_menu.isVisible()


def test_pick_and_now_buttons_are_named_and_in_the_tab_order(wizard):
    page = wizard.page_of(PageId.PRESENTATION)
    binding = page.bindings["antibiotics_started_at"]
    chain = page.tab_chain()
    at = chain.index(binding.editor)
    assert chain[at + 1] is binding.pick_button and chain[at + 2] is binding.now_button
    assert binding.now_button.accessibleName() == "set antibiotics started at to now"


def test_sign_into_a_missing_folder_names_it_in_red(wizard, tmp_path):
    sign = wizard.page_of(PageId.SIGN)
    sign.initializePage()
    identity = tmp_path / "me.p12"
    identity.write_bytes(b"x")
    sign.identity.edit.setText(str(identity))
    missing = tmp_path / "no such folder" / "plan.pdf"
    sign.output.edit.setText(str(missing))
    sign.start_export()
    text = sign.status.text()
    assert str(missing.parent) in text and "does not exist" in text
    assert sign.status.property("role") == "error"
    assert not sign.busy


def test_no_developer_identifiers_in_the_panel(window):
    from leptodesk.casefile import load_case_file
    from tests.ui.test_alert_strip import EXAMPLES

    window.load_case(load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json"), None)
    text = window.panel.text()
    assert "it_twice_weekly_second_dose_day" not in text and "_" not in text
    assert "Day of the week (0 = first dose day)" not in text  # issue 22: jargon
    assert ("Days from the first to the second intrathecal dose of each week in the "
            "twice-weekly phase") in text
    assert ("This site's value: 3 days after the first dose of the week (a first dose on "
            "Monday, the second on Thursday).") in text
    assert "This site's value: every 12 weeks." in text


def test_plans_window_shows_pathway_titles_and_local_times(qtbot):
    from leptodesk.archive import open_store
    from ui.plans_window import PlansWindow

    with open_store() as store:
        store.archive_plan(b"%PDF x", display_name="Bed 1", pathway="malignant_good_prognosis",
                           signer="Dr A", signed_at="2026-11-20T09:00:00",
                           content_version="v", case_sha256="a" * 64)
    w = PlansWindow()
    qtbot.addWidget(w)
    row = [w.cell(0, c) for c in range(w.model.columnCount())]
    assert row[0] == "20/11/2026 09:00"  # a time without a zone is shown as written
    assert row[2] == "Malignant, KPS ≥ 70 and life expectancy > 1 month"
    w.close()


@pytest.mark.parametrize("lang,where,why", [
    ("en", "/ward/plan.pdf:", "Permission denied"),
    ("fr", "/ward/plan.pdf\u00a0:", "permission refusée"),
    ("pt", "/ward/plan.pdf:", "permissão negada"),
])
def test_an_os_error_reads_as_the_file_and_why_in_every_language(qapp, lang, where, why,
                                                                monkeypatch):
    """Never "[Errno 13] Permission denied: '/ward/plan.pdf'" (Python's words) on screen."""
    import errno

    from ui import i18n

    monkeypatch.setattr(i18n, "_current", lang)
    denied = PermissionError(errno.EACCES, "Permission denied", "/ward/plan.pdf")
    assert i18n.core_message(denied) == f"{where} {why}"
    assert i18n.core_message(PermissionError(errno.EACCES, "Permission denied")) == why
