"""The alert strip: stop alerts always in sight above the pages and the panel, announced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible

from leptodesk.casefile import load_case_file
from ui.pages import PageId

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# The guideline: "Contraindications to IT chemotherapy ... CSF flow obstruction" [5, 6]; the
# plan's sentence for it.
FLOW_STOP = "No intrathecal chemotherapy while CSF flow obstruction is present"
HYDROCEPHALUS_STOP = "No intrathecal chemotherapy in symptomatic hydrocephalus"  # [5, 6]


def _to_complications(window):
    window.load_case(load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json"), None)
    wizard = window.wizard
    while wizard.currentId() != PageId.COMPLICATIONS_PLANNED:
        wizard.next()
    return wizard.currentPage()


def _shown_at_complications(window, qtbot, width: int, height: int):
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return _to_complications(window)


def test_new_stop_shows_in_the_strip_is_announced_and_the_panel_scrolls_to_it(
        window, qtbot, monkeypatch):
    announced: list[tuple[str, object]] = []
    real_update = QAccessible.updateAccessibility

    def spy(event):
        if event.type() == QAccessible.Event.Announcement:
            announced.append((event.message(), event.politeness()))
        real_update(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(spy))
    window.resize(1366, 700)
    window.show()
    qtbot.waitExposed(window)
    page = _to_complications(window)
    strip = window.alert_strip
    assert not any(FLOW_STOP in t for t in strip.stop_texts())
    bar = window.panel.browser.verticalScrollBar()
    assert bar.maximum() > 0  # the panel has something to scroll
    bar.setValue(bar.maximum())  # the clinician had scrolled down to the doses

    page.set_value("presentation.csf_flow_obstruction", True)

    shown = [t for t in strip.stop_texts() if FLOW_STOP in t]
    assert len(shown) == 1 and shown[0].startswith("STOP:")
    label = next(lb for lb in strip.stop_labels if FLOW_STOP in lb.accessibleName())
    assert label.isVisible()
    # on screen, inside the window, above the pages (not in anything that scrolls)
    top_left = label.mapTo(window, label.rect().topLeft())
    assert 0 <= top_left.y() < window.wizard.mapTo(window, window.wizard.rect().topLeft()).y()
    assert FLOW_STOP in strip.accessibleDescription()
    assert [m for m, _ in announced if FLOW_STOP in m]
    assert all(p == QAccessible.AnnouncementPoliteness.Assertive for _, p in announced)
    assert bar.value() == 0  # the panel shows its alerts, which come first

    announced.clear()
    page.set_value("presentation.csf_flow_obstruction", False)
    assert not any(FLOW_STOP in t for t in strip.stop_texts())
    assert not announced  # a stop that went away is not announced as new


def test_strip_counts_stops_and_warnings(window):
    window.load_case(load_case_file(EXAMPLES / "lp-contraindicated.json"), None)
    plan = window.state.plan
    stops = [a for a in plan.alerts if a.severity.value == "stop"]
    warnings = [a for a in plan.alerts if a.severity.value == "warning"]
    assert stops  # platelets 25, INR 1.8, LMWH 4 h: the LP is contraindicated [2, 3]
    text = window.alert_strip.count_label.text()
    assert text.startswith(f"{len(stops)} STOP alert")
    assert f"{len(warnings)} warning" in text or (not warnings and "no warnings" in text)
    assert len(window.alert_strip.stop_texts()) == len(stops)


def test_empty_case_says_no_stop_alerts(window):
    assert window.alert_strip.stop_texts() == []
    assert window.alert_strip.count_label.text().startswith("No STOP alerts")


def test_a_loaded_case_is_not_announced_as_new(window, monkeypatch):
    announced = []
    monkeypatch.setattr(window.alert_strip, "_announce", announced.append)
    window.load_case(load_case_file(EXAMPLES / "lp-contraindicated.json"), None)
    assert window.alert_strip.stop_texts() and not announced


def _strip_height(window):
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    return window.alert_strip.height(), window.wizard.mapTo(window, window.wizard.rect()
                                                             .topLeft()).y()


def test_the_strip_keeps_one_height_as_stops_come_and_go(window, qtbot):
    """The page never moves under the clinician's eyes: no STOP, one, then three (more than
    the strip shows at once: they scroll inside it, under the count, which stays in sight)."""
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    strip = window.alert_strip
    empty = _strip_height(window)
    assert strip.stop_texts() == []
    page = _to_complications(window)
    page.set_value("presentation.csf_flow_obstruction", True)
    assert len(strip.stop_texts()) == 1
    assert _strip_height(window) == empty
    page.set_value("presentation.symptomatic_hydrocephalus", True)
    window.wizard.page_of(PageId.IMAGING_LP)  # built; LP made unsafe below
    window.state.set_field("lp_safety.platelets_10e9_per_l", 20)
    stops = strip.stop_texts()
    assert len(stops) >= 3
    assert _strip_height(window) == empty
    bar = strip.stops_area.verticalScrollBar()
    assert bar.maximum() > 0  # more than fits: they scroll inside the strip
    count = strip.count_label
    assert count.isVisible() and count.text().startswith(f"{len(stops)} STOP alerts")
    assert count.mapTo(window, count.rect().topLeft()).y() >= 0
    page.set_value("presentation.csf_flow_obstruction", False)
    page.set_value("presentation.symptomatic_hydrocephalus", False)
    window.state.set_field("lp_safety.platelets_10e9_per_l", 150)
    assert _strip_height(window) == empty


def test_a_new_stop_below_the_others_is_scrolled_into_the_strip(window, qtbot):
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    page = _shown_at_complications(window, qtbot, 1024, 768)
    strip = window.alert_strip
    page.set_value("presentation.csf_flow_obstruction", True)
    window.state.set_field("lp_safety.platelets_10e9_per_l", 20)
    QApplication.processEvents()
    strip.stops_area.verticalScrollBar().setValue(0)
    before = strip.stop_texts()
    page.set_value("presentation.symptomatic_hydrocephalus", True)  # the third, the last
    new = [i for i, t in enumerate(strip.stop_texts()) if HYDROCEPHALUS_STOP in t]
    assert new == [2] and not any(HYDROCEPHALUS_STOP in t for t in before)
    label = strip.stop_labels[new[0]]
    QApplication.processEvents()
    viewport = strip.stops_area.viewport()
    top = label.mapTo(viewport, label.rect().topLeft())
    assert strip.stops_area.verticalScrollBar().maximum() > 0  # there was somewhere to scroll
    # wholly in sight, or (taller than the strip) its first line at the strip's top
    assert (viewport.rect().contains(QRect(top, label.size())) or top.y() == 0), top.y()


def test_an_entry_that_leaves_the_alerts_as_they_were_leaves_the_strip_alone(window, qtbot):
    """A weight changes the doses, not the alerts: the strip keeps its words and lays nothing
    out again. After a loaded case, the first STOP an entry adds is still announced."""
    page = _shown_at_complications(window, qtbot, 1366, 740)
    strip = window.alert_strip
    page.set_value("presentation.csf_flow_obstruction", True)
    label = next(lb for lb in strip.stop_labels if FLOW_STOP in lb.accessibleName())
    words = (strip.count_label.text(), label.text(), strip.accessibleDescription())
    touched: list[str] = []
    label.setText = touched.append  # what the strip would write over the label
    patient = window.wizard.page_of(PageId.PATIENT)
    plan = window.state.plan
    patient.set_value("patient.weight_kg", "62")  # the example's is 61
    assert window.state.plan is not plan  # a new plan (the weight-based doses), same alerts
    assert window.state.plan.alerts == plan.alerts
    assert touched == []
    del label.setText
    assert (strip.count_label.text(), label.text(), strip.accessibleDescription()) == words

    announced: list[str] = []
    strip._announce = announced.append
    window.load_case(load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json"), None)
    assert announced == [] and strip.stop_texts() == []
    patient.set_value("patient.weight_kg", "62")  # the loaded case's alerts again: not new
    assert window.state.case.patient.weight_kg == 62
    assert announced == []
    page.set_value("presentation.csf_flow_obstruction", True)
    assert [t for t in announced if FLOW_STOP in t]


def test_a_change_of_language_puts_the_same_alerts_in_its_words(window):
    window.load_case(load_case_file(EXAMPLES / "lp-contraindicated.json"), None)
    strip = window.alert_strip
    assert strip.stop_texts()[0].startswith("STOP:")
    window.set_language("fr")
    # French puts a no-break space before the colon (leptodesk.i18n.colon)
    assert strip.stop_texts()[0].startswith("STOP\u00a0:")
    assert strip.count_label.text().startswith(f"{len(strip.stop_texts())} alerte")


def test_the_count_line_looks_as_a_label_padded_by_a_style_sheet(window, qtbot):
    """The count line gets its room around the text from the start (not from the strip's
    style sheet, which comes with the first plan): pixel for pixel what a padding of 2 px and
    8 px made of it, in the normal and the larger font."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QLabel

    window.show()
    qtbot.waitExposed(window)
    count = window.alert_strip.count_label
    for larger in (False, True):
        window.set_larger_font(larger)
        qtbot.wait(1)
        padded = QLabel(count.text())
        padded.setStyleSheet("QLabel { color: #222222; padding: 2px 8px; }")
        padded.setFont(count.font())
        padded.resize(count.size())
        padded.ensurePolished()
        assert padded.sizeHint().height() == count.sizeHint().height()
        rgb = QImage.Format.Format_RGB32
        assert padded.grab().toImage().convertToFormat(rgb) == \
            count.grab().toImage().convertToFormat(rgb)
    window.set_larger_font(False)
