"""The Verify dialog and a refused field after a language switch: the reason of a FAIL in the
wizard's language (with the language's word for FAIL), a message already shown written again."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.test_pdf_helpers import PASS, example_case, identities, service
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
    # (QPlainTextEdit.toPlainText gives a no-break space back as a plain one)
    assert UNTRUSTED[lang].replace(N, " ") in dialog.details.toPlainText()
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
