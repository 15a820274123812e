"""File menu: open, save, recent files, unsaved changes, invalid files."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from leptodesk.casefile import load_case_file
from ui import settings
from ui.pages import PageId

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_open_save_round_trip(window, monkeypatch, tmp_path):
    source = tmp_path / "in.json"
    shutil.copy(EXAMPLES / "malignant-her2-good-prognosis.json", source)
    assert window.open_case(source)
    patient = window.wizard.page_of(PageId.PATIENT)
    assert patient.findChild(QLineEdit, "patient__display_name").text() == \
        "Example C (HER2+ breast)"
    patient.set_value("patient.age_years", "50")
    assert window.state.dirty and window.windowTitle().endswith("*")
    target = tmp_path / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    assert window.save_as()
    saved = load_case_file(target)
    assert saved == window.state.case and saved.patient.age_years == 50
    assert not window.state.dirty
    assert settings.get(settings.RECENT_FILES)[:2] == [str(target), str(source)]


def test_invalid_file_is_a_message_not_a_crash(window, messages, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "patient": {"weight_kg": 900, "wieght": 1}}')
    before = window.state.case
    assert not window.open_case(bad)
    assert window.state.case is before
    title, text = messages[-1]
    assert "patient.weight_kg" in text and "patient.wieght" in text


def test_unsaved_changes_prompt_can_cancel(window, monkeypatch):
    window.wizard.page_of(PageId.PATIENT).set_value("patient.display_name", "Bed 3")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel))
    window.new_case()
    assert window.state.case.patient.display_name == "Bed 3"
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    window.new_case()
    assert window.state.case.patient.display_name is None
    assert window.wizard.page_of(PageId.PATIENT).findChild(
        QLineEdit, "patient__display_name").text() == ""


def test_larger_font_and_geometry_are_remembered(qtbot, messages):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    base = w.font().pointSizeF()
    w.larger_font.trigger()
    assert w.font().pointSizeF() > base
    w.resize(700, 500)
    w.close()
    w2 = MainWindow()
    qtbot.addWidget(w2)
    assert w2.larger_font.isChecked() and w2.size().width() == 700
    w2.larger_font.trigger()  # back to normal for the other tests
    w2.close()
    for x in (w, w2):
        x.deleteLater()


def test_edits_are_autosaved_and_can_be_resumed_from_the_file_menu(window, qtbot, monkeypatch):
    import ui.autosave as autosave

    window.wizard.page_of(PageId.PATIENT).set_value("patient.display_name", "Bed 9")
    assert window._autosaver is not None
    assert window._autosaver.flush()
    draft = window._autosaver.draft_id
    monkeypatch.setattr(autosave, "offer_resume", lambda parent: draft)
    window.state.dirty = False
    window.new_case()
    assert window.state.case.patient.display_name is None
    window.choose_unfinished()
    assert window.state.case.patient.display_name == "Bed 9"
