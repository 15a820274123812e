"""The live panel replaces only the parts of the plan that changed: what it shows must always be
exactly the parts last given, as a fresh page of the same HTML shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from ui.pages import PageId
from ui.parts_document import PartsDocument, sections

ROOT = Path(__file__).resolve().parents[2]

# Parts of the kinds the plan has: a paragraph, an alert box (a one-cell table), a heading with
# its list, a calendar table. Written here, not taken from ui.plan_html.
PARTS = [
    '<p style="background:#fff3cd;color:#3d2e00;padding:4px"><b>Translation pending clinical '
    "review</b><br>Traduction en attente de relecture clinique</p>",
    "<p><b>Bed 4</b><br>Pathway: Tuberculous</p>",
    '<table width="100%" cellpadding="6" style="background:#8b0000;color:#ffffff;"><tr><td>'
    "<b>STOP:</b> Do not perform an LP. [2]</td></tr></table>",
    '<table width="100%" cellpadding="6" style="background:#fff3cd;"><tr><td><b>WARNING:'
    "</b> Platelets not entered. [2]</td></tr></table>",
    "<h3>Treatment</h3><ul><li>Prednisone 1 mg/kg/day [9]</li><li>Isoniazid [9]</li></ul>",
    "<h3>Doses</h3><ul><li>Prednisone 62 mg</li></ul>",
    "<h3>Doses</h3><ul><li>Prednisone 61 mg</li></ul>",
    '<table border="1"><tr><th>Date</th><th>Item</th></tr><tr><td>Mon 30/11/2026</td>'
    "<td>MRI</td></tr></table>",
    "<p>2 more dates</p>",
]


def _fresh(parts: list[str]) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml("\n".join(parts))
    return doc


def fresh_lines(parts: list[str]) -> list[str]:
    """The non-empty lines a fresh page of the same parts shows."""
    doc = _fresh(parts)
    return [line for line in doc.toPlainText().splitlines() if line.strip()]


def shown_lines(shown: PartsDocument) -> list[str]:
    return [line for line in shown.document.toPlainText().splitlines() if line.strip()]


def looks(doc: QTextDocument) -> list[tuple]:
    """Every block with text, as it looks: its text; its background and margins; the text
    colour, weight and size at its start; its list's style (bullets or numbers) if in one;
    and, in a table, the cell's and the table's backgrounds (a STOP box is a red cell)."""
    out = []
    block = doc.begin()
    while block.isValid():
        if block.text().strip():
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
            chars = cursor.charFormat()
            shape = block.blockFormat()
            table = cursor.currentTable()
            cell = table.cellAt(cursor).format().background().color().name() if table else None
            listed = block.textList()
            out.append((block.text(), shape.background().color().name(), shape.topMargin(),
                        shape.bottomMargin(), shape.leftMargin(), shape.indent(),
                        chars.foreground().color().name(), chars.fontWeight(),
                        chars.fontPointSize(),
                        listed.format().style() if listed is not None else None,
                        cell, table.format().background().color().name() if table else None))
        block = block.next()
    return out


def places(doc: QTextDocument, width: int = 300) -> list[tuple[str, float]]:
    """Where each block with text starts on a page ``width`` pixels wide: a part drawn lower or
    higher than a fresh page draws it (a frame's margins) shows here."""
    doc.setTextWidth(width)
    layout = doc.documentLayout()
    out = []
    block = doc.begin()
    while block.isValid():
        if block.text().strip():
            out.append((block.text(), round(layout.blockBoundingRect(block).y(), 1)))
        block = block.next()
    return out


def fresh_looks(parts: list[str]) -> list[tuple]:
    doc = QTextDocument()
    doc.setHtml("\n".join(parts))
    return looks(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(st.sampled_from(PARTS), max_size=7), st.booleans()),
                min_size=1, max_size=6))
def test_every_update_shows_exactly_the_parts_given(qapp, updates):
    """Part by part or as one page (for a screen reader), in any order."""
    shown = PartsDocument(QTextDocument())
    for parts, one_page in updates:
        shown.show(parts, one_page=one_page)
        if one_page:  # exactly what setHtml gives: no blank line more
            assert shown.document.toPlainText() == _fresh(parts).toPlainText()
        assert shown_lines(shown) == fresh_lines(parts)
        assert looks(shown.document) == fresh_looks(parts)
        assert places(shown.document) == places(_fresh(parts))  # not one pixel lower
        assert [line for line in shown.text().splitlines() if line.strip()] == \
            fresh_lines(parts)
        assert shown.parts == parts


def test_a_changed_part_is_replaced_and_the_others_are_kept(qapp):
    shown = PartsDocument(QTextDocument())
    shown.show([PARTS[1], PARTS[4], PARTS[5]])
    first, treatment = shown._frames[0], shown._frames[1]
    shown.show([PARTS[1], PARTS[4], PARTS[6]])  # 62 mg -> 61 mg
    assert shown._frames[0] is first and shown._frames[1] is treatment  # not made again
    assert "Prednisone 61 mg" in shown.text() and "62 mg" not in shown.text()


def test_separators_take_no_room(qapp):
    """Between two frames Qt keeps a block of the root frame: it has no height, so parts in
    frames stack as closely as they would in one page (no blank line between)."""
    shown = PartsDocument(QTextDocument())
    shown.show([PARTS[1], PARTS[1], PARTS[1]])
    layout = shown.document.documentLayout()
    heights = [layout.frameBoundingRect(f).height() for f in shown._frames]
    total = layout.documentSize().height()
    assert total <= sum(heights) + 2 * shown.document.documentMargin() + 3


def test_a_heading_and_its_list_are_one_part():
    assert sections(["<p>a</p>", "<h3>T</h3>", "<ul><li>x</li></ul>", "<h3>U</h3>",
                     "<table><tr><td>y</td></tr></table>"]) == [
        "<p>a</p>", "<h3>T</h3><ul><li>x</li></ul>", "<h3>U</h3><table><tr><td>y</td></tr></table>"]


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.json")))
def test_the_panel_after_typing_a_case_shows_the_plan_as_a_fresh_page_would(window, example):
    """Typed field by field into a new case, the panel (updated part by part all along) ends
    showing what the whole plan's HTML shows on a fresh page."""
    from leptodesk.casefile import load_case_file
    from ui.plan_html import plan_html

    from .helpers import all_paths, flatten

    case = load_case_file(ROOT / "examples" / example)
    values = flatten(case.model_dump(mode="json", exclude_none=True), all_paths(window.wizard))
    window.state.dirty = False
    window.new_case()
    wizard = window.wizard
    for _ in range(len(wizard.pageIds())):
        page = wizard.currentPage()
        for path in getattr(page, "bindings", {}):
            if path in values:
                page.set_value(path, values[path])
                html = plan_html(window.state.plan, window.state.case, full=False)
                assert [ln for ln in window.panel.text().splitlines() if ln.strip()] == \
                    fresh_lines([html])
                assert looks(window.panel.browser.document()) == fresh_looks([html])
        if wizard.currentId() == PageId.REVIEW or not page.isComplete():
            break
        wizard.next()
    window.state.dirty = False


def test_in_french_the_panel_opens_with_the_pending_review_banner_as_a_fresh_page_does(window):
    """The banner's yellow background (a part's first paragraph) survives the part-by-part
    update, and every block looks as on a fresh page of the whole plan."""
    from leptodesk.casefile import load_case_file
    from ui.plan_html import plan_html

    window.state.dirty = False
    window.load_case(load_case_file(ROOT / "examples" / "malignant-her2-good-prognosis.json"),
                     None)
    window.set_language("fr")
    try:
        shown = looks(window.panel.browser.document())
        assert shown[0][0].startswith("Traduction en attente de relecture clinique")
        assert shown[0][1] == "#fff3cd"  # the banner's background
        assert shown == fresh_looks([plan_html(window.state.plan, window.state.case,
                                               full=False)])
    finally:
        window.set_language("en")
        window.state.dirty = False


def test_with_a_screen_reader_the_panel_is_one_page_without_blank_lines(window, monkeypatch):
    """Frames need empty blocks between them, which a screen reader reads out as blank lines
    (about thirty in the HER2 plan): while one listens, the panel is set as one page."""
    from PySide6.QtGui import QAccessible

    from leptodesk.casefile import load_case_file
    from ui.plan_html import plan_html

    def panel_lines() -> list[str]:
        return window.panel.browser.document().toPlainText().split("\n")

    window.state.dirty = False
    window.load_case(load_case_file(ROOT / "examples" / "malignant-her2-good-prognosis.json"),
                     None)
    parted = panel_lines()
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    complications = window.wizard.page_of(PageId.COMPLICATIONS_PLANNED)
    complications.set_value("presentation.csf_flow_obstruction", True)
    fresh = _fresh([plan_html(window.state.plan, window.state.case, full=False, linear=True)])
    assert panel_lines() == fresh.toPlainText().split("\n")
    assert looks(window.panel.browser.document()) == looks(fresh)
    assert sum(not line.strip() for line in panel_lines()) <= 5 < sum(
        not line.strip() for line in parted)
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: False))
    complications.set_value("presentation.csf_flow_obstruction", False)  # part by part again
    html = plan_html(window.state.plan, window.state.case, full=False)
    assert looks(window.panel.browser.document()) == fresh_looks([html])
    window.state.dirty = False


def test_a_screen_reader_started_later_gets_the_one_page_plan_and_the_place_is_kept(
        window, monkeypatch):
    """Orca started after the case was loaded, no entry made since: within the panel's next
    look (every second) the plan is one page; when it stops, frames again; the scroll place
    is kept both ways."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication

    from leptodesk.casefile import load_case_file
    from ui.plan_html import plan_html

    window.resize(1024, 700)
    window.show()
    window.state.dirty = False
    window.load_case(load_case_file(ROOT / "examples" / "malignant-her2-good-prognosis.json"),
                     None)
    QApplication.processEvents()
    panel = window.panel
    assert panel._reader_check.isActive() and panel._reader_check.interval() <= 1000
    bar = panel.browser.verticalScrollBar()
    assert bar.maximum() > 200
    bar.setValue(200)
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    panel._reader_check.timeout.emit()  # the panel's look, as the timer makes it
    fresh = _fresh([plan_html(window.state.plan, window.state.case, full=False, linear=True)])
    assert panel.browser.document().toPlainText() == fresh.toPlainText()
    assert bar.value() == 200
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: False))
    panel._reader_check.timeout.emit()
    assert not panel._document.one_page and bar.value() == 200
    assert looks(panel.browser.document()) == fresh_looks(
        [plan_html(window.state.plan, window.state.case, full=False)])
    window.state.dirty = False


def test_what_is_copied_from_the_panel_reads_as_the_page_does(window):
    """Select all, copy: the plan's lines as a fresh page has them, with no blank line from
    the empty blocks between the parts' frames."""
    from leptodesk.casefile import load_case_file
    from ui.plan_html import plan_html

    window.state.dirty = False
    window.load_case(load_case_file(ROOT / "examples" / "lp-contraindicated.json"), None)
    browser = window.panel.browser
    browser.selectAll()
    copied = browser.createMimeDataFromSelection().text().split("\n")
    assert all(line.strip() for line in copied)
    assert copied == fresh_lines([plan_html(window.state.plan, window.state.case,
                                            full=False)])
    window.state.dirty = False


def _accessible_text(widget) -> str:
    """What a screen reader gets from Qt's text interface (AT-SPI's Text passes it on)."""
    from PySide6.QtGui import QAccessible

    text = QAccessible.queryAccessibleInterface(widget).textInterface()
    return text.text(0, text.characterCount())


def test_with_a_screen_reader_every_alert_and_table_row_is_a_line_of_its_own(window, qtbot,
                                                                             monkeypatch):
    """Qt's text interface passes a table's start, end and cell breaks as U+FDD0/U+FDD1, not
    as line breaks: a STOP box read "...sepsis grave\ufdd0STOP: ..." (one line), a calendar
    row "Mon 30 Nov 2026\ufdd0Intrathecal methotrexate". While a screen reader listens, the
    panel and the review have no table: each alert and row is a line of its own."""
    from PySide6.QtGui import QAccessible

    from leptodesk.casefile import load_case_file

    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    window.resize(1366, 740)
    window.show()
    window.state.dirty = False
    window.load_case(load_case_file(ROOT / "examples" / "malignant-her2-good-prognosis.json"),
                     None)
    window.wizard.page_of(PageId.COMPLICATIONS_PLANNED).set_value(
        "presentation.csf_flow_obstruction", True)
    panel = _accessible_text(window.panel.browser)
    stop = [line for line in panel.split("\n") if "STOP:" in line]
    assert stop and all(line.startswith("STOP: No intrathecal") for line in stop), stop
    while window.wizard.currentId() != PageId.REVIEW:
        window.wizard.next()
    review = window.wizard.page_of(PageId.REVIEW)
    review_text = _accessible_text(review.browser)
    for text in (panel, review_text):
        assert "\ufdd0" not in text and "\ufdd1" not in text, text
    # The calendar as lines, each date before its item (the doses: test_dose_surfaces.py).
    assert "\nMon 22 Feb 2027: Surveillance MRI of the spine" in review_text, review_text
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: False))
    window.panel.follow_screen_reader()  # the reader stopped: boxes and tables again
    assert "\ufdd0" in _accessible_text(window.panel.browser)
    assert "\ufdd0" in _accessible_text(review.browser)
    window.state.dirty = False


def test_with_a_screen_reader_the_caret_and_the_top_of_the_plan_are_kept(qtbot, messages,
                                                                        monkeypatch):
    """A page set whole leaves Qt's caret at its end: the caret a screen reader reads from
    stays where it was across an entry, and a window shown with its plan opens at the top
    (Qt scrolls to the caret at a text view's first show)."""
    from PySide6.QtGui import QAccessible, QTextCursor
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    window = MainWindow()  # the core and the first plan before the window is shown
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    QApplication.processEvents()
    browser = window.panel.browser
    assert window.panel._document.one_page
    assert browser.verticalScrollBar().maximum() > 0
    assert browser.verticalScrollBar().value() == 0
    caret = QTextCursor(browser.document())
    caret.setPosition(40)
    browser.setTextCursor(caret)
    window.wizard.page_of(PageId.PATIENT).set_value("patient.weight_kg", "62")
    assert browser.textCursor().position() == 40
    window.state.dirty = False
    window.close()


def test_the_panel_says_the_patient_and_pathway_once_in_its_header(window):
    """The header above the plan (which never scrolls away) says the patient and the pathway;
    the plan under it starts at the LP line instead of saying them again. A screen reader,
    which reads the plan itself, still hears them first."""
    page = window.wizard.page_of(PageId.PATIENT)
    page.set_value("patient.display_name", "Bed 7")
    page.set_value("patient.age_years", 34)
    assert window.panel.header_text().splitlines() == [
        "Patient: Bed 7; age 34 years, sex not entered, weight not entered",
        "Pathway: Etiology undetermined"]
    lines = [ln for ln in window.panel.text().splitlines() if ln.strip()]
    assert lines[0].startswith("LP: ")
    assert not any("Bed 7" in ln or ln.startswith("Pathway:") for ln in lines)
    from ui.plan_html import plan_parts

    read = "".join(plan_parts(window.state.plan, window.state.case, full=False, linear=True))
    assert read.startswith("<p><b>Bed 7</b><br>Pathway: Etiology undetermined<br>LP: ")


def _drawn(doc: QTextDocument):
    """The whole document drawn at its size (what the panel shows, scrolled or not)."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(doc.size().toSize(), QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    return image


def test_the_first_plan_is_set_whole_and_idle_time_lays_it_out_in_frames(window, qtbot):
    """The first plan (the empty case's, as the window opens) is set as one page, the
    quickest way to show it whole; idle time's first step lays it out in frames, for the next
    entry to change part by part. Nobody sees the change: pixel for pixel the same page, the
    same lines, the same place."""
    from ui.plan_html import plan_html

    panel = window.panel
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    assert panel.settling() and panel._document.one_page and not panel._document._frames
    bar = panel.browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0  # opened at the top
    whole, lines = _drawn(panel.browser.document()), panel.text().splitlines()
    html = plan_html(window.state.plan, window.state.case, full=False)
    assert [ln for ln in lines if ln.strip()] == fresh_lines([html])
    changed: list[bool] = []
    panel.reader_changed.connect(lambda: changed.append(True))
    window.build_pages_when_idle()  # its first step
    assert not panel.settling() and not panel._document.one_page
    assert len(panel._document._frames) == len(panel._document.parts) > 5
    assert _drawn(panel.browser.document()) == whole
    assert [ln for ln in panel.text().splitlines() if ln.strip()] == fresh_lines([html])
    assert looks(panel.browser.document()) == fresh_looks([html])
    assert bar.value() == 0 and changed == []  # not a change of a screen reader's mode
    assert not panel.settle()  # done once
    qtbot.waitUntil(lambda: not window.idle_work_left(), timeout=10000)
    window.state.dirty = False


def test_an_entry_before_idle_time_lays_the_first_plan_out_in_frames(window):
    panel = window.panel
    assert panel.settling()
    window.wizard.page_of(PageId.PATIENT).set_value("patient.weight_kg", "62")
    assert not panel.settling() and not panel._document.one_page
    assert "62 kg" in panel.header_text()
    window.state.dirty = False


def test_a_screen_reader_listening_at_idle_time_gets_the_plan_as_it_reads_it(window,
                                                                              monkeypatch):
    """The first plan is set whole before anyone asks whether a screen reader listens; idle
    time asks, and a reader gets the page made for it (each alert and row a line)."""
    from PySide6.QtGui import QAccessible

    from ui.plan_html import plan_html

    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    panel = window.panel
    assert panel.settle()
    assert panel._document.one_page and not panel.settling()
    fresh = _fresh([plan_html(window.state.plan, window.state.case, full=False, linear=True)])
    assert panel.browser.document().toPlainText() == fresh.toPlainText()
    assert looks(panel.browser.document()) == looks(fresh)
