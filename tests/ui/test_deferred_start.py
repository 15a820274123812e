"""The window shows its first page before the core loads; nothing entered meanwhile is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWizard

from ui.pages import PageId
from ui.plan_panel import loading_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def early(qtbot, messages):
    """A window as the app shows it: first page only, core not loaded yet."""
    from ui.main_window import MainWindow

    w = MainWindow(load_core_now=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.state.dirty = False
    w.close()
    w.deleteLater()


def _next_enabled(w) -> bool:
    return w.wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_first_page_waits_for_the_core(early):
    page = early.wizard.page_of(PageId.PATIENT)
    assert not early.core_loaded and early.state.case is None
    assert early.wizard.pageIds() == [PageId.PATIENT]
    assert not early.wizard.isWindow()  # embedded in the splitter, never a dialog of its own
    assert early.panel.text() == loading_text()
    assert not page.isComplete() and not page.validatePage() and not _next_enabled(early)
    assert early._autosaver is None
    early.ensure_core_loaded()
    assert early.core_loaded and len(early.wizard.pageIds()) == len(PageId)
    assert page.isComplete() and _next_enabled(early)
    assert "(no name entered)" in early.panel.header_text()
    assert early.panel.placeholder is None and early.panel.browser.isVisible()
    assert not early.state.dirty and early._autosaver is None  # an empty case is not autosaved
    early.wizard.next()
    assert early.wizard.currentId() == PageId.PRESENTATION


def _places(w) -> dict:
    """Where each shown widget is in the window, and its size: the plan panel's inside aside
    (the plan takes the loading line's place there)."""
    from PySide6.QtWidgets import QWidget

    return {(type(x).__name__, x.objectName(), id(x)): (x.mapTo(w, x.rect().topLeft()), x.size())
            for x in w.findChildren(QWidget)
            if x.isVisible() and not w.panel.isAncestorOf(x)}


def test_the_first_plan_moves_nothing_on_screen(early, qtbot):
    """The page the clinician may already be typing into stays where it is when the core
    loads and the first plan comes, and when the roles' look follows; so does the alert strip
    (its count line was 4 px taller once styled, which moved the whole window down)."""
    qtbot.waitExposed(early)
    before = _places(early)
    strip = early.alert_strip.count_label.geometry()
    early.ensure_core_loaded()
    early.style_roles()
    qtbot.wait(1)
    after = _places(early)
    assert early.alert_strip.count_label.text() != loading_text()  # the plan's count now
    moved = {k[:2]: (before[k], after[k]) for k in before if k in after and before[k] != after[k]}
    assert moved == {}
    assert early.alert_strip.count_label.geometry() == strip
    assert set(before) <= set(after)


def test_text_typed_before_the_core_loads_ends_up_in_the_case(early, qtbot):
    page = early.wizard.page_of(PageId.PATIENT)
    name = page.findChild(QLineEdit, "patient__display_name")
    name.setFocus()
    qtbot.keyClicks(name, "Bed 7")  # still typing: not confirmed with Tab or Enter
    weight = page.findChild(QLineEdit, "patient__weight_kg")
    weight.setText("154")
    page.findChild(QComboBox, "patient__weight_kg__unit").setCurrentIndex(1)  # lb
    assert early.state.case is None
    early.ensure_core_loaded()
    assert early.state.case.patient.display_name == "Bed 7"
    assert early.state.case.patient.weight_kg == pytest.approx(154 * 0.45359237, abs=0.05)
    assert early.state.dirty and "Bed 7" in early.panel.header_text()
    assert early._autosaver is not None  # the typed case is autosaved like any edit
    assert name.text() == "Bed 7"


def test_a_bad_value_typed_before_the_core_loads_is_shown_inline(early):
    page = early.wizard.page_of(PageId.PATIENT)
    page.findChild(QLineEdit, "patient__age_years").setText("200")
    early.ensure_core_loaded()
    assert "patient.age_years" in page.errors()
    assert not page.isComplete()
    assert page.findChild(QLineEdit, "patient__age_years").text() == "200"


def test_confirming_an_entry_before_the_core_loads_loads_it(early, qtbot):
    page = early.wizard.page_of(PageId.PATIENT)
    name = page.findChild(QLineEdit, "patient__display_name")
    name.setFocus()
    qtbot.keyClicks(name, "Bed 8")
    qtbot.keyClick(name, Qt.Key.Key_Tab)  # editingFinished: the core is needed now
    assert early.core_loaded
    assert early.state.case.patient.display_name == "Bed 8"


def test_file_open_before_the_core_loads(early, tmp_path):
    path = tmp_path / "case.json"
    path.write_text((EXAMPLES / "tuberculous-adult.json").read_text())
    assert early.open_case(path)
    assert early.core_loaded and early.state.path == path
    expected = json.loads(path.read_text())["patient"]["display_name"]
    page = early.wizard.page_of(PageId.PATIENT)
    assert page.findChild(QLineEdit, "patient__display_name").text() == expected
    assert expected in early.panel.header_text()


def test_closing_with_something_typed_before_the_core_loads_asks(early, messages):
    page = early.wizard.page_of(PageId.PATIENT)
    page.findChild(QLineEdit, "patient__display_name").setText("Bed 9")
    early.close()  # the messages fixture answers Discard
    assert ("Unsaved changes", "The case has unsaved changes. Save them first?") in messages


def test_closing_an_untouched_window_before_the_core_loads_does_not_load_it(early):
    early.close()
    assert not early.core_loaded
