"""pytest-qt fixtures for the wizard: one QApplication, modal dialogs patched, windows closed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox


@pytest.fixture
def messages(monkeypatch):
    """Record every message box instead of blocking; questions answer Discard."""
    shown: list[tuple[str, str]] = []

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            shown.append((title, text))
            return (QMessageBox.StandardButton.Discard if kind == "question"
                    else QMessageBox.StandardButton.Ok)
        return box

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    return shown


@pytest.fixture
def window(qtbot, messages):
    from ui.wizard import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    yield w
    w.state.dirty = False
    w.close()
    w.deleteLater()


@pytest.fixture
def wizard(window):
    return window.wizard


@pytest.fixture(autouse=True)
def _normal_font():
    """One QApplication for all tests: a test that enlarges the font never leaks it."""
    yield
    import sys

    wizard = sys.modules.get("ui.wizard")
    if wizard is not None and wizard._base_point_size is not None:
        wizard.apply_larger_font(False)
