"""pytest-qt fixtures for the wizard: one QApplication, modal dialogs patched, windows closed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox


class Shown(list):
    """(title, text) of each message shown; a box with Show Details also leaves its icon and
    details in ``icons`` and ``details``."""

    def __init__(self) -> None:
        super().__init__()
        self.icons: list = []
        self.details: list[str] = []


@pytest.fixture
def messages(monkeypatch):
    """Record every message box instead of blocking; questions answer Discard."""
    shown = Shown()

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            shown.append((title, text))
            return (QMessageBox.StandardButton.Discard if kind == "question"
                    else QMessageBox.StandardButton.Ok)
        return box

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    import ui.verdict_view

    def message(parent, icon, title, text, details=""):  # a box with Show Details...
        shown.append((title, text))
        shown.icons.append(icon)
        shown.details.append(details)

    monkeypatch.setattr(ui.verdict_view, "show_message", message)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    return shown


@pytest.fixture
def window(qtbot, messages):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    yield w
    w.state.dirty = False
    w.close()
    w.deleteLater()
    # Really gone before the next test: processEvents() leaves deferred deletes alone, and
    # windows kept alive pile up (every later font change or language change visits them).
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def wizard(window):
    return window.wizard


@pytest.fixture(autouse=True)
def _normal_font():
    """One QApplication for all tests: a test that enlarges the font never leaks it."""
    yield
    import sys

    window = sys.modules.get("ui.main_window")
    if window is not None and window._base_point_size is not None:
        window.apply_larger_font(False)


@pytest.fixture(autouse=True)
def _english_unless_chosen(monkeypatch):
    """The wizard starts in the locale's language: every test starts from an English locale
    (whatever the machine's), and a test that switched language leaves English behind."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield
    import sys

    i18n = sys.modules.get("ui.i18n")
    if i18n is not None and i18n.current() != "en":
        i18n.install("en")


@pytest.fixture(scope="session")
def spooler():
    """A real CUPS spooler with a cups-pdf queue, started once for the session."""
    from tests.ui import cups_spooler

    why = cups_spooler.missing()
    if why:
        pytest.skip(why)
    s = cups_spooler.Spooler()
    try:
        s.start()
        yield s
    finally:
        s.stop()


@pytest.fixture
def sent(monkeypatch):
    """What reached ui.printing.print_to_printer (no spooler)."""
    import ui.printing

    calls = []

    def fake(pdf_bytes, title, printer_name=None):
        calls.append((pdf_bytes, title, printer_name))
        return 1, printer_name or "default"

    monkeypatch.setattr(ui.printing, "print_to_printer", fake)
    return calls


@pytest.fixture
def ward_identity(tmp_path, monkeypatch):
    """A clinician's identity issued by a site root made here and granted by the administrator
    (both with the test passphrase, from the environment as a ward PC would have it)."""
    from leptodesk.cli import main
    from tests.test_pdf_helpers import PASS

    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
    root = tmp_path / "root.p12"
    assert main(["identity", "create-site-root", "--name", "Ward Root", "-o", str(root)]) == 0
    from leptodesk.trust.identity import fingerprint, read_certificates

    pem = root.with_suffix(".pem")  # tests run as root: the administrator grants it here
    assert main(["trust", "add", str(pem), "--fingerprint",
                 fingerprint(read_certificates(pem)[0])]) == 0
    me = tmp_path / "me.p12"
    assert main(["identity", "create", "--name", "Dr B", "--role", "Registrar",
                 "--registration", "R1", "-o", str(me), "--ca", str(root)]) == 0
    return me
