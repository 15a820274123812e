"""Printer errors and refusals in French and Portuguese (issue 13): `leptodesk print --lang`
says why nothing was printed (no such printer, no printer at all, a printer that refused,
printed but not audited) in the language; the wizard says a refusing printer, a bad case file,
a refused plan, a loose site file and an identity that cannot sign in its language (a refusing
printer used to be lost inside Qt). Expected sentences written by hand; English unchanged."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from leptodesk.cli import main
from tests.test_i18n_refusals import no_english
from tests.test_pdf_helpers import PASS, export, identities, trust

__all__ = ["identities"]
N = "\u00a0"
LANGS = ("en", "fr", "pt")


@pytest.fixture
def nurse(identities, tmp_path, monkeypatch):
    """A signed nurse summary that verifies on this workstation."""
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    trust(identities["root"])
    _, result = export(identities, tmp_path, nurse_summary=tmp_path / "nurse.pdf")
    return result.nurse_path


@pytest.fixture
def printers(monkeypatch):
    """The printers this computer has (none sent anything anywhere)."""
    import ui.printing

    there = {"names": ["ward_a", "ward_b"], "default": "ward_a"}
    monkeypatch.setattr(ui.printing, "printer_names",
                        lambda: (list(there["names"]), there["default"]))
    return there


def _err_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_no_printer_of_that_name(nurse, printers, capsys, lang):
    assert main(["print", str(nurse), "--printer", "nope", "--lang", lang]) == 2
    line = _err_line(capsys)
    assert line == {
        "en": "leptodesk: not printed: no printer named 'nope' (printers: ward_a, ward_b)",
        "fr": f"leptodesk: non imprimé{N}: aucune imprimante nommée «{N}nope{N}» "
              f"(imprimantes{N}: ward_a, ward_b)",
        "pt": "leptodesk: não impresso: não há nenhuma impressora chamada «nope» "
              "(impressoras: ward_a, ward_b)"}[lang]
    if lang != "en":
        no_english(line, "nope", "ward_a", "ward_b")


@pytest.mark.parametrize("lang", LANGS)
def test_no_printer_at_all(nurse, printers, capsys, lang):
    printers.update(names=[], default="")
    assert main(["print", str(nurse), "--lang", lang]) == 2
    line = _err_line(capsys)
    assert line == {
        "en": "leptodesk: not printed: no default printer (printers: none is set up on this "
              "computer)",
        "fr": f"leptodesk: non imprimé{N}: aucune imprimante par défaut (imprimantes{N}: "
              "aucune n'est installée sur cet ordinateur)",
        "pt": "leptodesk: não impresso: não há impressora predefinida (impressoras: nenhuma "
              "está configurada neste computador)"}[lang]
    if lang != "en":
        no_english(line)


@pytest.mark.parametrize("lang", LANGS)
def test_a_printer_that_refuses(nurse, printers, monkeypatch, capsys, lang):
    import ui.printing

    def refuse(pdf_bytes, title, printer_name=None):
        raise ui.printing.PrinterRefused("printer said no")

    monkeypatch.setattr(ui.printing, "print_to_printer", refuse)
    assert main(["print", str(nurse), "--printer", "ward_a", "--lang", lang]) == 1
    line = _err_line(capsys)
    assert line == {"en": "leptodesk: the printer could not be opened",
                    "fr": "leptodesk: l'imprimante n'a pas pu être ouverte",
                    "pt": "leptodesk: não foi possível abrir a impressora"}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_printed_but_not_audited(nurse, sent, monkeypatch, capsys, lang):
    from leptodesk.archive import Store, StoreError

    real = Store.append_event

    def refuse_printed(self, event, **fields):
        if event == "plan_printed":
            raise StoreError.plain("ENOSPC")
        return real(self, event, **fields)

    monkeypatch.setattr(Store, "append_event", refuse_printed)
    assert main(["print", str(nurse), "--printer", "ward", "--lang", lang]) == 0  # printed
    line = _err_line(capsys)
    assert line == {
        "en": "leptodesk: printed, but not recorded in the audit log: ENOSPC",
        "fr": f"leptodesk: imprimé, mais non enregistré dans le journal d'audit{N}: ENOSPC",
        "pt": "leptodesk: impresso, mas não anotado no registo de auditoria: ENOSPC"}[lang]
    if lang != "en":
        no_english(line)
    assert len(sent) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_list_printers_in_the_language(printers, capsys, lang):
    assert main(["print", "--list-printers", "--lang", lang]) == 0
    default = {"en": "(default)", "fr": "(par défaut)", "pt": "(predefinida)"}[lang]
    assert capsys.readouterr().out.splitlines() == [f"ward_a  {default}", "ward_b"]
    printers.update(names=[], default="")
    assert main(["print", "--list-printers", "--lang", lang]) == 0
    assert capsys.readouterr().out == {
        "en": "No printers are set up on this computer.\n",
        "fr": "Aucune imprimante n'est installée sur cet ordinateur.\n",
        "pt": "Não há nenhuma impressora configurada neste computador.\n"}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_no_pdf_named_in_the_language(capsys, lang):
    assert main(["print", "--lang", lang]) == 2
    line = _err_line(capsys)
    assert line == {
        "en": "leptodesk: name the signed PDF to print, e.g. 'leptodesk print PLAN-nurse.pdf' "
              "(or list the printers with --list-printers)",
        "fr": "leptodesk: indiquez le PDF signé à imprimer, par ex. «\u00a0leptodesk print "
              "PLAN-nurse.pdf\u00a0» (ou affichez la liste des imprimantes avec "
              "--list-printers)",
        "pt": "leptodesk: indique o PDF assinado a imprimir, p. ex. «leptodesk print "
              "PLAN-nurse.pdf» (ou veja a lista das impressoras com --list-printers)"}[lang]
    if lang != "en":
        no_english(line, "leptodesk print PLAN-nurse.pdf", "list-printers")


# -- the wizard: a printer that cannot be opened ---------------------------------------------

REFUSED = {"en": "the printer could not be opened", "fr": "l'imprimante n'a pas pu être ouverte",
           "pt": "não foi possível abrir a impressora"}


def _unwritable(printer: QPrinter, tmp_path) -> None:
    """A printer that cannot be opened: a PDF printer writing into a folder that is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(blocker / "out.pdf"))


def _preview_prints_to_an_unwritable_printer(monkeypatch, tmp_path) -> None:
    """The print preview, when shown, prints at once to a printer that cannot be opened."""

    def print_from_preview(self):
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        _unwritable(printer, tmp_path)
        self.paintRequested.emit(printer)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintPreviewDialog, "exec", print_from_preview)


@pytest.mark.parametrize("lang", LANGS)
def test_print_dialog_printer_refuses_in_the_wizard_language(qapp, nurse, monkeypatch,
                                                             tmp_path, lang):
    from ui import i18n, printing

    i18n.install(lang)

    def accept(self):
        _unwritable(self.printer(), tmp_path)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    with pytest.raises(printing.PrinterRefused) as refused:
        printing.print_pdf(None, nurse.read_bytes(), "Nurse summary", preview=False)
    assert str(refused.value) == REFUSED[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_preview_printer_refuses_in_the_wizard_language(qapp, nurse, monkeypatch, tmp_path,
                                                        lang):
    """Printed from the preview: the refusal used to die inside Qt's slot, unseen."""
    from ui import i18n, printing

    i18n.install(lang)

    _preview_prints_to_an_unwritable_printer(monkeypatch, tmp_path)
    with pytest.raises(printing.PrinterRefused) as refused:
        printing.print_pdf(None, nurse.read_bytes(), "Nurse summary", preview=True)
    assert str(refused.value) == REFUSED[lang]


def test_preview_that_paints_is_not_a_refusal(qapp, nurse, monkeypatch, tmp_path):
    """The other side: a preview whose last painting succeeded says nothing."""
    from ui import printing

    def paint_then_print(self):
        bad = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        _unwritable(bad, tmp_path)
        self.paintRequested.emit(bad)  # a failed first painting...
        good = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        good.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        good.setOutputFileName(str(tmp_path / "paper.pdf"))
        self.paintRequested.emit(good)  # ...then the paper: printed
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintPreviewDialog, "exec", paint_then_print)
    # printed: the printer it went to, as the user knows it (the file the paper was written to)
    assert printing.print_pdf(None, nurse.read_bytes(), "Nurse summary", preview=True) == str(
        tmp_path / "paper.pdf")
    assert (tmp_path / "paper.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(("lang", "status"), [
    ("en", "No nurse summary printed: the printer could not be opened"),
    ("fr", f"Aucun résumé infirmier imprimé{N}: l'imprimante n'a pas pu être ouverte"),
    ("pt", "Nenhum resumo de enfermagem impresso: não foi possível abrir a impressora"),
])
def test_plans_window_says_the_printer_refused(qtbot, nurse, monkeypatch, tmp_path, lang,
                                               status):
    from ui import i18n
    from ui.plans_window import PlansWindow
    from ui.worker import wait_for_background

    i18n.install(lang)

    def accept(self):
        _unwritable(self.printer(), tmp_path)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    w = PlansWindow()
    qtbot.addWidget(w)
    shown = []
    monkeypatch.setattr(w, "inform", lambda title, text: shown.append((title, text)))
    try:
        w.print_button.click()
        wait_for_background()
        qtbot.waitUntil(lambda: bool(shown), timeout=20000)
        assert shown[0][1] == REFUSED[lang]
        assert w.status.text() == status
        if lang != "en":
            no_english(w.status.text())
    finally:
        wait_for_background()
        w.close()
        w.deleteLater()


def test_wizard_says_a_loose_site_file_in_its_language(qtbot, messages, monkeypatch,
                                                       _isolated_home):
    from PySide6.QtWidgets import QApplication

    from leptodesk.service import reset_services
    from ui.main_window import MainWindow

    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # the wizard starts in the locale's language
    site = _isolated_home / "site-defaults.json"
    site.write_text(json.dumps({"pleocytosis_wbc_above_per_ul": 500}))
    os.chmod(site, 0o666)
    reset_services()
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: None))
    w = MainWindow()
    qtbot.addWidget(w)
    try:
        [(_, text)] = messages
        assert (f"{site} peut être modifié par le groupe et les autres utilisateurs (mode 0666)"
                f"{N}: LeptoDesk n'utilise donc pas les valeurs par défaut du site "
                "(site-defaults.json).") in text
        assert "can be changed" not in text and "can be changed" not in w.site_error
    finally:
        w.close()
        w.deleteLater()


# -- the wizard: a bad case file, a refused signed plan, in the wizard's language -------------

OPENED_BAD = {  # a case file with text in a number field: the field's line
    "fr": f"  - patient.age_years{N}: doit être un nombre entier de 0 à 120 (saisi{N}: "
          f"«{N}abc{N}»)",
    "pt": "  - patient.age_years: deve ser um número inteiro de 0 a 120 (introduzido: «abc»)",
}


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_wizard_says_a_bad_case_file_in_its_language(window, messages, tmp_path, lang):
    from tests.conftest import ROOT

    data = json.loads((ROOT / "examples" / "tuberculous-adult.json").read_text())
    data["patient"]["age_years"] = "abc"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    window.set_language(lang)
    assert window.open_case(path, ask=False) is False
    [(_, text)] = messages
    head = {"fr": f"{path}{N}: cas invalide", "pt": f"{path}: caso inválido"}[lang]
    assert text.splitlines() == [head, OPENED_BAD[lang]]


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
def test_opening_a_nurse_summary_says_whose_it_is_in_its_language(window, messages, nurse,
                                                                   lang):
    """Issue 22: it was "Plan refusé" with an information icon and "Résultat : PASS". A nurse
    summary verifies; it holds no case: the message says which export it belongs to and what
    to open instead, with an information icon; the hashes are behind Show Details."""
    from PySide6.QtWidgets import QMessageBox

    from leptodesk.service import get_service

    export_id = get_service().verify(nurse, record=False).export_id
    window.set_language(lang)
    assert window.open_plan(nurse) is False
    [(title, text)] = messages
    assert title == {"en": "Nurse summary: no case to open",
                     "fr": f"Résumé infirmier{N}: aucun cas à ouvrir",
                     "pt": "Resumo de enfermagem: nenhum caso para abrir"}[lang]
    assert text.splitlines()[1] == {
        "en": f"This is the nurse summary of export {export_id}; open the clinician plan to "
              "reopen the case.",
        "fr": f"C'est le résumé infirmier de l'export {export_id}{N}; ouvrez le plan clinicien "
              "pour rouvrir le cas.",
        "pt": f"Este é o resumo de enfermagem da exportação {export_id}; abra o plano clínico "
              "para reabrir o caso."}[lang]
    assert messages.icons == [QMessageBox.Icon.Information]
    assert "PASS" not in text and "FAIL" not in text and "SHA-256" not in text
    assert export_id in messages.details[0] and "SHA-256" in messages.details[0]
    if lang != "en":
        no_english("\n".join(text.splitlines()[1:]), "Hôpital Site Root")


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_sign_page_says_a_wrong_passphrase_in_its_language(window, identities, tmp_path,
                                                           qtbot, lang):
    from tests.conftest import ROOT
    from tests.ui.helpers import answer_alerts, drive_to_review
    from ui.pages import PageId
    from ui.worker import wait_for_background

    trust(identities["root"])
    data = json.loads((ROOT / "examples" / "malignant-her2-good-prognosis.json").read_text())
    drive_to_review(window.wizard, data)
    window.wizard.next()
    assert window.wizard.currentId() == PageId.SIGN
    window.set_language(lang)
    page = window.wizard.currentPage()
    p12 = identities["issued"].p12_path
    page.identity.edit.setText(str(p12))
    page.output.edit.setText(str(tmp_path / "plan.pdf"))
    page.passphrase.setText("not the passphrase")
    answer_alerts(page)
    page.sign_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    wait_for_background()
    assert page.status.text() == {
        "fr": f"Non signé{N}: {p12}{N}: phrase secrète incorrecte pour cette identité (rien "
              "n'a été signé)",
        "pt": f"Não assinado: {p12}: frase-passe errada para esta identidade (nada foi "
              "assinado)"}[lang]
    assert not (tmp_path / "plan.pdf").exists()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Not printed: the printer could not be opened"),
    ("fr", f"Non imprimé{N}: l'imprimante n'a pas pu être ouverte"),
    ("pt", "Não impresso: não foi possível abrir a impressora"),
])
def test_sign_page_says_the_printer_refused(window, identities, tmp_path, qtbot, monkeypatch,
                                            lang, expected):
    from tests.conftest import ROOT
    from tests.ui.helpers import answer_alerts, drive_to_review
    from ui.worker import wait_for_background

    trust(identities["root"])
    data = json.loads((ROOT / "examples" / "malignant-her2-good-prognosis.json").read_text())
    drive_to_review(window.wizard, data)
    window.wizard.next()
    window.set_language(lang)
    page = window.wizard.currentPage()
    page.identity.edit.setText(str(identities["issued"].p12_path))
    page.output.edit.setText(str(tmp_path / "plan.pdf"))
    page.nurse.setChecked(True)
    page.passphrase.setText(PASS.decode())
    answer_alerts(page)
    page.sign_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    wait_for_background()
    assert page.result is not None, page.status.text()

    _preview_prints_to_an_unwritable_printer(monkeypatch, tmp_path)
    page.print_plan()
    assert page.status.text() == expected
