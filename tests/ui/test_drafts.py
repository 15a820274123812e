"""Drafts on a shared ward PC: Discard deletes; the resume offer comes only after LeptoDesk
ended without quitting, and only for the case open then; the others wait under File."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

import ui.autosave as autosave
from ui import settings
from ui.pages import PageId


@pytest.fixture
def asked(monkeypatch):
    """Resume offers made at start (answered Yes)."""
    offers = []

    def ask(parent, draft):
        offers.append(draft.display_name)
        return True

    monkeypatch.setattr(autosave, "ask_resume_after_crash", ask)
    monkeypatch.setattr(autosave.ResumeDialog, "exec",
                        lambda self: pytest.fail("the list of drafts was shown unasked"))
    return offers


def _window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    return w


def _type_name(w, name):
    w.wizard.page_of(PageId.PATIENT).set_value("patient.display_name", name)
    assert w._autosaver.flush()
    return w._autosaver.draft_id


def _drafts():
    from leptodesk.archive import open_store

    store = open_store()
    try:
        return [(d.id, d.display_name) for d in store.list_drafts()]
    finally:
        store.close()


def test_discard_on_quit_deletes_the_draft_and_nothing_is_offered_next_time(
        qtbot, messages, asked):
    first = _window(qtbot)
    _type_name(first, "Bed 9")
    assert _drafts()
    first.close()  # "Save first?" answered Discard (the messages fixture)
    assert ("Unsaved changes", "The case has unsaved changes. Save them first?") in messages
    assert _drafts() == []
    second = _window(qtbot)
    second.offer_resume()
    assert asked == [] and second.state.case.patient.display_name is None
    second.close()


def test_after_a_crash_only_the_case_open_then_is_offered(qtbot, messages, asked):
    earlier = _window(qtbot)
    _type_name(earlier, "Bed 3")
    earlier.state.dirty = False
    earlier.close()  # a clean quit: its draft stays in the store, unoffered
    crashed = _window(qtbot)
    draft = _type_name(crashed, "Bed 9")
    assert settings.get(settings.OPEN_DRAFT) == draft
    crashed.state.dirty = False
    crashed.deleteLater()  # killed: no closeEvent, no clean quit
    started = _window(qtbot)
    started.offer_resume()
    assert asked == ["Bed 9"]
    assert started.state.case.patient.display_name == "Bed 9"
    started.state.dirty = False
    started.close()
    asked.clear()
    again = _window(qtbot)  # quit cleanly since: nothing to offer
    again.offer_resume()
    assert asked == []
    again.close()


def test_a_clean_quit_offers_nothing_next_time(qtbot, messages, asked):
    first = _window(qtbot)
    _type_name(first, "Bed 9")
    first.state.dirty = False  # saved to a file
    first.close()
    assert settings.get(settings.OPEN_DRAFT) == ""
    second = _window(qtbot)
    second.offer_resume()
    assert asked == []
    second.close()


def test_unfinished_cases_are_listed_under_file_newest_first(qtbot, messages, asked,
                                                             monkeypatch):
    import leptodesk.archive
    from leptodesk.archive import open_store

    real_now = leptodesk.archive.now_iso
    times = iter(["2026-11-20T08:00:00.000Z", "2026-11-21T08:00:00.000Z"])
    monkeypatch.setattr(leptodesk.archive, "now_iso", lambda: next(times))
    store = open_store()
    try:
        store.save_draft(None, '{"schema_version": 1, "patient": {"display_name": "Bed 1"}}',
                         "Bed 1")
        store.save_draft(None, '{"schema_version": 1, "patient": {"display_name": "Bed 2"}}',
                         "Bed 2")
    finally:
        store.close()
    monkeypatch.setattr(leptodesk.archive, "now_iso", real_now)
    w = _window(qtbot)
    w.offer_resume()
    assert asked == []  # nothing on screen unasked
    w.unfinished_menu.aboutToShow.emit()
    texts = [a.text() for a in w.unfinished_menu.actions() if a.text()]
    assert texts[0].startswith("&1 Bed 2") and texts[1].startswith("&2 Bed 1")
    assert texts[-1] == "&Choose or discard..."
    w.unfinished_menu.actions()[1].trigger()  # Bed 1
    assert w.state.case.patient.display_name == "Bed 1"
    w.state.dirty = False
    w.close()


def test_discard_from_new_case_deletes_the_draft(window, messages):
    _type_name(window, "Bed 5")
    window.new_case()  # "Save first?" answered Discard
    assert _drafts() == []
    assert window.state.case.patient.display_name is None


def test_cancel_keeps_the_draft(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel))
    draft = _type_name(window, "Bed 6")
    window.new_case()
    assert [i for i, _ in _drafts()] == [draft]
    assert window.state.case.patient.display_name == "Bed 6"
