"""Keys that finish (issue 22): after signing the keyboard is on Finish and Return finishes;
after a wrong passphrase it is back in the passphrase field with the text selected; a focused
button shows the app's focus ring; closing after a successful sign asks nothing."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from tests.ui.helpers import drive_to_review
from ui.pages import PageId

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _fake_export(monkeypatch, tmp_path):
    """The core's export answered at once (the real one is tested in test_pages.py)."""
    from leptodesk.service import Service

    def export(self, case, *, identity, passphrase, output, nurse_summary=None, case_path=None,
               lang="en", acknowledgements=None):
        return types.SimpleNamespace(pdf_path=output, nurse_path=nurse_summary,
                                     pdf_sha256="ab" * 32, signer_name="Dr Test",
                                     signed_at="2026-11-24T10:00", export_id="e-1",
                                     check_code="KDR5-4EF6",
                                     archive_id=None, queued=False, self_issued=False,
                                     plan=self.plan(case))

    monkeypatch.setattr(Service, "export", export)


def _on_sign_page(window, qtbot, tmp_path):
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    drive_to_review(window.wizard, json.loads((EXAMPLES / "tuberculous-adult.json")
                                              .read_text()))
    window.wizard.next()
    assert window.wizard.currentId() == PageId.SIGN
    page = window.wizard.currentPage()
    page.identity.edit.setText(str(tmp_path / "id.p12"))
    page.output.edit.setText(str(tmp_path / "plan.pdf"))
    for row in page.acks.rows:  # every STOP and WARNING accepted (ui.ack_panel)
        row.accept.setChecked(True)
    assert page.acks.complete() and page.sign_button.isEnabled()
    return page


def test_after_signing_focus_is_on_finish_and_return_finishes(window, qtbot, tmp_path,
                                                              monkeypatch, messages):
    _fake_export(monkeypatch, tmp_path)
    page = _on_sign_page(window, qtbot, tmp_path)
    page.passphrase.setText("a passphrase")
    page.sign_button.setFocus()
    qtbot.keyClick(page.sign_button, Qt.Key.Key_Space)  # Sign and export, from the keyboard
    qtbot.waitUntil(lambda: page.result is not None, timeout=5000)
    finish = window.wizard.button(QWizard.WizardButton.FinishButton)
    back = window.wizard.button(QWizard.WizardButton.BackButton)
    # (the window's focus widget: offscreen, the window may be left inactive meanwhile)
    qtbot.waitUntil(lambda: window.focusWidget() is finish, timeout=2000)
    assert finish.isEnabled() and not back.hasFocus()
    assert page.passphrase.text() == ""  # signed: the passphrase is gone from the field
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    # Finished: a new, empty case on the first page (Return did not go Back to the review)
    assert window.wizard.currentId() == PageId.PATIENT
    assert window.state.signed is None and window.state.case.patient.display_name is None
    assert "a new case is open" in window.statusBar().currentMessage()
    assert messages == []  # nothing asked: the signed case was finished, not dropped


def test_close_after_a_successful_sign_asks_nothing(window, qtbot, tmp_path, monkeypatch,
                                                    messages):
    """The case was entered (unsaved to a file) and then signed: the signed PDF embeds it, so
    closing does not ask to save it."""
    _fake_export(monkeypatch, tmp_path)
    page = _on_sign_page(window, qtbot, tmp_path)
    assert window.state.dirty  # entered in the wizard, never saved to a case file
    page.passphrase.setText("a passphrase")
    page.sign_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=5000)
    assert window.close()
    assert messages == []


def test_close_after_a_change_since_signing_still_asks(window, qtbot, tmp_path, monkeypatch,
                                                       messages):
    _fake_export(monkeypatch, tmp_path)
    page = _on_sign_page(window, qtbot, tmp_path)
    page.passphrase.setText("a passphrase")
    page.sign_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=5000)
    window.state.set_field("patient.weight_kg", 71)  # changed since: the signature is void
    window.close()
    assert [title for title, _ in messages] == ["Unsaved changes"]


def test_wrong_passphrase_puts_focus_back_in_the_field_with_the_text_selected(
        window, qtbot, tmp_path):
    pytest.importorskip("pyhanko")
    from leptodesk.trust.identity import create_identity

    page = _on_sign_page(window, qtbot, tmp_path)
    from tests.test_pdf_helpers import PASS

    create_identity("Dr Wizard Test", "Consultant", "GMC 0000001", tmp_path / "id.p12", PASS)
    page.passphrase.setText("not the passphrase")
    page.sign_button.setFocus()
    qtbot.keyClick(page.sign_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    assert page.result is None and "wrong passphrase" in page.status.text()
    assert window.focusWidget() is page.passphrase
    assert page.passphrase.selectedText() == "not the passphrase"  # typing replaces it
    qtbot.keyClicks(page.passphrase, PASS.decode())
    assert page.passphrase.text() == PASS.decode()


def test_a_focused_button_shows_the_app_focus_ring(window, qtbot):
    """The focused button is drawn with the 2 px ring in the app's blue; the one beside it,
    not focused, has none (read off the pixels)."""
    from ui.focus import keyboard_focus

    window.show()
    qtbot.waitExposed(window)
    nxt = window.wizard.button(QWizard.WizardButton.NextButton)
    window.wizard.next()
    back = window.wizard.button(QWizard.WizardButton.BackButton)
    QApplication.processEvents()  # the page has put the keyboard on its first field
    keyboard_focus(nxt)
    QApplication.processEvents()

    assert nxt.hasFocus()
    assert _ring_pixels(nxt) == 4  # both 2 px sides: a 1 px frame of the style gives 2 at most
    assert _ring_pixels(back) == 0


def _ring_pixels(button) -> int:
    """How many of the four pixels at the button's left and right edges (mid-height) are the
    ring's blue."""
    from PySide6.QtGui import QColor

    from ui.focus import FOCUS_BLUE

    image = button.grab().toImage()
    blue = QColor(FOCUS_BLUE)
    y = image.height() // 2
    edge = [image.pixelColor(x, y) for x in (0, 1, image.width() - 2, image.width() - 1)]
    return sum(1 for c in edge if abs(c.red() - blue.red()) + abs(c.green() - blue.green())
               + abs(c.blue() - blue.blue()) < 60)


def test_a_message_s_focused_button_shows_the_ring_without_a_window_wide_style(window, qtbot):
    """The ring is in every window the app opens (a message over the main window here),
    though the main window carries no style sheet for its widgets (it would have every page's
    widgets polished and painted through Qt's style-sheet style)."""
    from PySide6.QtWidgets import QMessageBox

    window.show()
    qtbot.waitExposed(window)
    assert window.styleSheet() == "" and window.wizard.styleSheet() == ""
    box = QMessageBox(QMessageBox.Icon.Warning, "Title", "Text",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.show()
    qtbot.waitExposed(box)
    ok, cancel = (box.button(b) for b in (QMessageBox.StandardButton.Ok,
                                           QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(ok.hasFocus)
    QApplication.processEvents()
    # The ring is 2 px wide: both edge pixels on both sides (Fusion's own focus frame, a
    # darker blue near the ring's, is 1 px: two of the four)
    assert _ring_pixels(ok) == 4
    assert _ring_pixels(cancel) == 0
    box.close()
