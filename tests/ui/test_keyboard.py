"""Keyboard alone: a field has focus on every page, Return is Next, Tab follows the fields,
and Alt+letter never means two things in one window."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget, QWizard

from leptodesk.service import get_service
from ui.mnemonics import letter, targets, window_letters
from ui.pages import PageId


@pytest.fixture
def shown(window, qtbot):
    window.resize(1366, 740)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def focused():
    return QApplication.focusWidget()


def test_first_field_has_focus_at_start(shown):
    assert focused().objectName() == "patient__display_name"


def test_return_is_next_and_focus_lands_on_each_new_page_first_field(shown, qtbot):
    wizard = shown.wizard
    qtbot.keyClicks(focused(), "Bed 4")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.PRESENTATION
    qtbot.waitUntil(lambda: focused() is not None and focused().objectName() ==
                    "presentation__suspected_bacterial_meningitis")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.IMAGING_LP
    qtbot.waitUntil(lambda: focused().objectName() == "imaging__mri_whole_spine_gadolinium")


def test_return_still_next_after_focus_passed_through_the_buttons(shown, qtbot):
    wizard = shown.wizard
    wizard.next()
    qtbot.waitUntil(lambda: focused().objectName() ==
                    "presentation__suspected_bacterial_meningitis")
    back = wizard.button(QWizard.WizardButton.BackButton)
    nxt = wizard.button(QWizard.WizardButton.NextButton)
    nxt.setFocus()
    back.setFocus()  # focus went through Next to Back (on the way to a field)
    wizard.currentPage().bindings["presentation.severe_sepsis"].editor.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.IMAGING_LP


def test_return_on_back_goes_back(shown, qtbot):
    wizard = shown.wizard
    wizard.next()
    back = wizard.button(QWizard.WizardButton.BackButton)
    back.setFocus()
    qtbot.keyClick(back, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.PATIENT


def test_return_does_not_pass_a_refused_value(shown, qtbot):
    qtbot.keyClicks(focused(), "Bed 4")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().objectName() == "patient__age_years"
    qtbot.keyClicks(focused(), "200")  # older than the contract allows (0 to 120)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert shown.wizard.currentId() == PageId.PATIENT
    assert focused().objectName() == "patient__age_years"  # still where it was typed


def test_tab_visits_the_fields_in_order_then_next_never_the_panel(shown, qtbot):
    wizard = shown.wizard
    while wizard.currentId() != PageId.COMPLICATIONS_PLANNED:
        wizard.next()
    page = wizard.currentPage()
    # Tab skips what is hidden (the ceftriaxone interval shows only when ceftriaxone is given).
    chain = [w for w in page.tab_chain() if w.isVisible()]
    qtbot.waitUntil(lambda: focused() is chain[0])
    seen = [focused()]
    for _ in range(len(chain) + 2):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused())
    assert seen[:len(chain)] == chain
    assert seen[len(chain)] is wizard.button(QWizard.WizardButton.NextButton)
    panel_widgets = {shown.panel, *shown.panel.findChildren(type(shown.panel))}
    assert not any(w in panel_widgets or w is shown.panel.browser for w in seen)


def test_tab_after_a_refused_value_goes_to_the_next_field(shown, qtbot):
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "abc")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().objectName() == "patient__age_days"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused().objectName() == "patient__weight_kg"


def _letters(widgets):
    return [x for x in (letter(w.text()) for w in widgets) if x]


def _clashes(letters):
    return {x: n for x, n in Counter(letters).items() if n > 1}


LANGS = ["en", "fr", "pt"]


@pytest.fixture(params=LANGS)
def lang(request, window):
    """Each check below in English, French and Portuguese (View > Language)."""
    window.set_language(request.param)
    QApplication.processEvents()
    return request.param


def test_menu_bar_and_wizard_buttons_use_only_the_reserved_letters(window, lang):
    used = [letter(a.text()) for a in window.menuBar().actions()]
    used += [letter(window.wizard.buttonText(b)) for b in (
        QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
        QWizard.WizardButton.FinishButton)]
    assert set(used) <= window_letters()
    assert not _clashes(used)


@pytest.mark.parametrize("page_id", list(PageId))
def test_no_mnemonic_clash_on_any_page(window, page_id, lang):
    page = window.wizard.page_of(page_id)
    letters = _letters(targets(page)) + sorted(window_letters())
    assert not _clashes(letters), (lang, page_id.name)
    # Every label with a buddy and every button has its Alt+letter (none lost to a clash).
    worded = [w for w in targets(page) if w.text()]
    assert all(letter(w.text()) for w in worded), [w.text() for w in worded
                                                   if not letter(w.text())]


def test_a_page_that_names_its_mnemonic_targets_names_every_one(window):
    """The Patient page says which widgets take Alt+letters (start-up does not walk it): the
    same widgets, in the same order, as walking its children finds, and each has its letter."""
    page = window.wizard.page_of(PageId.PATIENT)
    walked = [w for w in page.findChildren(QWidget)
              if isinstance(w, QLabel) and w.buddy() is not None
              or isinstance(w, QAbstractButton)]
    assert len(walked) == 5  # name, age in years, age in days, weight, sex
    assert page.mnemonic_targets() == walked
    assert all(letter(w.text()) for w in walked)


def test_no_clash_inside_any_menu(window, lang):
    def walk(menu):
        actions = [a for a in menu.actions() if not a.isSeparator()]
        assert not _clashes([letter(a.text()) for a in actions if letter(a.text())]), (
            lang, menu.title(), [a.text() for a in actions])
        for a in actions:
            if a.menu() is not None:
                walk(a.menu())

    walk(window.menuBar())


def test_imaging_nodular_disease_is_not_alt_n(window):
    page = window.wizard.page_of(PageId.IMAGING_LP)
    label = page.bindings["presentation.nodular_disease"].label
    assert letter(label.text()) not in (None, "N")


def test_plans_window_has_no_clash(qtbot, lang):
    from ui.plans_window import PlansWindow

    w = PlansWindow(service=get_service())
    qtbot.addWidget(w)
    letters = _letters(targets(w))
    assert not _clashes(letters)
    assert letter(w.verify_button.text()) != letter(w.preview_button.text())
    w.close()


def test_verify_dialog_has_no_clash_and_no_literal_ampersand(qtbot, lang):
    from PySide6.QtWidgets import QLabel

    from ui.verify_dialog import VerifyDialog

    d = VerifyDialog()
    qtbot.addWidget(d)
    assert not _clashes(_letters(targets(d)))
    for label in d.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()  # otherwise "&" shows on screen


def test_unfinished_cases_dialog_has_no_clash(qtbot, lang):
    from leptodesk.archive import open_store
    from ui.autosave import ResumeDialog

    store = open_store()
    try:
        store.save_draft(None, '{"schema_version": 1}', "Bed 1")
        d = ResumeDialog(store.list_drafts(), get_service())
        qtbot.addWidget(d)
        assert not _clashes(_letters(targets(d)))
        d.close()
    finally:
        store.close()


def test_no_back_on_the_first_page_and_no_cancel_anywhere(shown, qtbot):
    """The window's File > Quit closes LeptoDesk; the wizard has no Cancel of its own, and on
    its first page nothing to go back to."""
    wizard = shown.wizard
    back = wizard.button(QWizard.WizardButton.BackButton)
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    assert wizard.currentId() == PageId.PATIENT
    assert not back.isVisible() and not cancel.isVisible()
    wizard.next()
    assert wizard.currentId() != PageId.PATIENT
    assert back.isVisible() and not cancel.isVisible()
