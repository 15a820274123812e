"""The Verify dialog and a refused field after a language switch: the reason of a FAIL in the
wizard's language (with the language's word for FAIL), a message already shown written again."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.test_pdf_helpers import PASS, example_case, identities, service, trust
from ui.pages import PageId

__all__ = ["identities"]
N = "\u00a0"
UNTRUSTED = {
    "fr": f"REJETÉ{N}: signataire non reconnu{N}: le certificat a été émis par «{N}Hôpital Site "
          f"Root{N}», qui n'est pas une racine de site reconnue sur ce poste",
    "pt": "REJEITADO: signatário não reconhecido: o certificado foi emitido por «Hôpital Site "
          "Root», que não é uma raiz do local reconhecida neste posto",
}


def _switch(window, lang: str) -> None:
    window.language_actions[lang].trigger()
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_verify_dialog_says_why_in_the_language(window, qtbot, identities, tmp_path, lang):
    from ui.verify_dialog import VerifyDialog

    pdf = service().export(example_case("tuberculous-adult"),
                           identity=identities["issued"].p12_path, passphrase=PASS,
                           output=tmp_path / "plan.pdf").pdf_path
    _switch(window, lang)
    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    result = dialog.verify_file(pdf)  # the site root is not trusted on this workstation
    assert not result.ok and result.reason.startswith("untrusted signer")  # English kept
    assert UNTRUSTED[lang] in dialog.verdict.text()
    # behind Details: what verify prints after the verdict, in the language
    assert dialog.details.toPlainText().splitlines()[1:] == [
        line.replace(N, " ") for line in result.lines(lang)[1:]]  # (no-break spaces as plain)
    assert "untrusted" not in dialog.verdict.text() + dialog.details.toPlainText()
    dialog.close()


def test_a_shown_message_follows_a_language_switch(window):
    page = window.wizard.page_of(PageId.PATIENT)
    page.set_value("patient.age_years", "abc")
    label = page.findChild(type(page.bindings["patient.age_years"].label),
                           "patient__age_years_error")
    assert 'type a whole number from 0 to 120 (you typed "abc")' in label.text()
    _switch(window, "pt")
    assert "deve ser um número inteiro de 0 a 120 (introduzido: «abc»)" in label.text()
    _switch(window, "fr")
    assert f"doit être un nombre entier de 0 à 120 (saisi{N}: «{N}abc{N}»)" in label.text()


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
def test_verify_dialog_pass_is_a_sentence_with_the_hashes_behind_details(
        window, qtbot, identities, tmp_path, lang):
    """Issue 22: the verify panel was a wall of hashes. In sight: the core's sentence in the
    language (and who vouches, and notes); every fingerprint and hash only behind Details,
    closed until opened; the keyboard on the sentence."""
    import re

    from PySide6.QtWidgets import QApplication

    from ui.verify_dialog import VerifyDialog

    trust(identities["root"])
    pdf = service().export(example_case("tuberculous-adult"),
                           identity=identities["issued"].p12_path, passphrase=PASS,
                           output=tmp_path / "plan.pdf").pdf_path
    _switch(window, lang)
    dialog = VerifyDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    result = dialog.verify_file(pdf)
    assert result.ok
    assert dialog.verdict.text() == result.headline_in(lang)
    assert dialog.verdict.text().startswith(("PASS", "VALIDE", "VÁLIDO"))
    in_sight = dialog.view.text()
    assert not re.search(r"[0-9a-f]{32}", in_sight), in_sight  # no hash, no fingerprint
    assert not dialog.details.isVisibleTo(dialog)
    assert result.pdf_sha256 in dialog.details.toPlainText()
    assert identities["issued"].fingerprint in dialog.details.toPlainText()
    assert QApplication.focusWidget() is dialog.verdict
    dialog.view.toggle.click()  # Details
    assert dialog.details.isVisibleTo(dialog)
    dialog.close()
