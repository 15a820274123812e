"""The Verify dialog: PASS/FAIL in words, object and accessible names on every input."""

from __future__ import annotations

import pytest

from tests.test_pdf_helpers import PASS, example_case, identities, service, trust

__all__ = ["identities"]


@pytest.fixture
def dialog(qtbot):
    from ui.verify_dialog import VerifyDialog

    d = VerifyDialog()
    qtbot.addWidget(d)
    yield d
    d.close()
    d.deleteLater()


@pytest.fixture
def signed(identities, tmp_path):
    case = example_case("tuberculous-adult")
    return service().export(case, identity=identities["issued"].p12_path, passphrase=PASS,
                            output=tmp_path / "plan.pdf").pdf_path


def test_inputs_have_object_and_accessible_names(dialog):
    from PySide6.QtWidgets import QLineEdit, QPushButton

    for widget in dialog.findChildren(QLineEdit) + dialog.findChildren(QPushButton):
        if widget.objectName().startswith("qt_"):
            continue
        assert widget.objectName(), widget
        assert widget.accessibleName() or widget.text(), widget


def test_trusted_pdf_passes(dialog, signed, identities):
    trust(identities["root"])
    result = dialog.verify_file(signed)
    assert result.ok
    assert dialog.verdict.text() == result.headline and result.headline.startswith("PASS")
    details = dialog.details.toPlainText()
    assert "Signer: Dr Zoë" in details
    assert 'Issuer: site root "Hôpital Site Root", SHA-256 fingerprint ' in details
    assert f"Signer certificate SHA-256: {identities['issued'].fingerprint}" in details


def test_untrusted_pdf_fails_in_words(dialog, signed):
    result = dialog.verify_file(signed)
    assert not result.ok
    assert dialog.verdict.text().startswith("FAIL: untrusted signer")
    assert dialog.verdict.text() == f"{result.headline}. Do not use this plan."


def test_extra_trust_certificate(dialog, signed, identities):
    assert dialog.verify_file(signed, identities["root"].pem_path).ok


def test_tampered_pdf_fails(dialog, signed, identities, tmp_path):
    trust(identities["root"])
    data = bytearray(signed.read_bytes())
    at = data.index(b"app_version=") + len(b"app_version=")
    data[at] ^= 0x01
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    dialog.verify_file(bad)
    assert dialog.verdict.text().startswith("FAIL: tampered")


def test_missing_file_and_no_file(dialog, tmp_path):
    assert dialog.verify_file(tmp_path / "nope.pdf") is None
    assert dialog.verdict.text().startswith("FAIL: cannot check")
    dialog.path_edit.setText("")
    assert dialog.run() is None and dialog.verdict.text().startswith("FAIL")


def test_browse_verifies_the_chosen_file(dialog, signed, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(signed), "PDF (*.pdf)")))
    dialog.findChild(type(dialog.verify_button), "verifyBrowse").click()
    assert dialog.result is not None and dialog.path_edit.text() == str(signed)


def test_return_in_the_pdf_field_verifies_it(qtbot, monkeypatch, tmp_path):
    """The keyboard starts in the PDF's field, and Return there verifies (it opened the
    Browse... file dialog)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from ui.verify_dialog import VerifyDialog

    opened = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: opened.append(a) or ("", "")))
    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.path_edit
    missing = tmp_path / "missing.pdf"
    qtbot.keyClicks(dialog.path_edit, str(missing))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    assert opened == []
    assert dialog.verdict.text().startswith("FAIL: cannot check this file")
    assert str(missing) in dialog.verdict.text() or "No such file" in dialog.verdict.text()
    dialog.close()
