"""The store's messages and operating-system errors in the wizard's language (issue 13): the
Plans window, the autosave's failure, the wizard's file messages. Expected sentences written by
hand; English unchanged."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtWidgets import QFileDialog

from leptodesk.archive import StoreError, open_store
from leptodesk.errors import Phrase
from tests.test_i18n_refusals import no_english
from ui.plans_window import PlansWindow
from ui.worker import wait_for_background

N = "\u00a0"
LANGS = ("en", "fr", "pt")

BUSY = {
    "en": "The store in /data is busy (another LeptoDesk window or program is using it), so "
          "LeptoDesk could not list the signed plans. Try again in a moment.",
    "fr": "La base de données locale dans /data est occupée (une autre fenêtre de LeptoDesk ou "
          f"un autre programme l'utilise){N}: LeptoDesk n'a donc pas pu lister les plans "
          "signés. Réessayez dans un instant.",
    "pt": "A base de dados local em /data está ocupada (outra janela do LeptoDesk ou outro "
          "programa está a usá-la), por isso o LeptoDesk não conseguiu listar os planos "
          "assinados. Tente de novo daqui a pouco.",
}


def _window(qtbot) -> PlansWindow:
    w = PlansWindow()
    qtbot.addWidget(w)
    return w


def _close(w) -> None:
    wait_for_background()
    w.close()
    w.deleteLater()


@pytest.mark.parametrize("lang", LANGS)
def test_plans_window_says_a_busy_store_in_the_language(qtbot, monkeypatch, lang):
    from leptodesk.archive import Store
    from ui import i18n

    i18n.install(lang)
    w = _window(qtbot)

    def busy(self, **kw):
        raise StoreError("store_busy", doing=Phrase("store_doing_list_plans"), where="/data")

    monkeypatch.setattr(Store, "list_plans", busy)
    w.refresh()
    assert w.status.text() == BUSY[lang]
    if lang != "en":
        no_english(w.status.text(), "LeptoDesk")
    _close(w)


@pytest.mark.parametrize("lang", LANGS)
def test_plans_window_says_an_unusable_data_folder_in_the_language(qtbot, monkeypatch,
                                                                   tmp_path, lang):
    from ui import i18n

    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("LEPTODESK_HOME", str(blocker / "sub"))
    i18n.install(lang)
    w = _window(qtbot)
    where = blocker / "sub"
    assert w.status.text() == {
        "en": f"LeptoDesk cannot use its data folder {where} (Not a directory). Ask the site "
              "administrator to make it writable, or set LEPTODESK_HOME to a writable folder.",
        "fr": f"LeptoDesk ne peut pas utiliser son dossier de données {where} (ce n'est pas un "
              "dossier). Demandez à l'administrateur du site d'autoriser l'écriture dans ce "
              "dossier, ou faites pointer LEPTODESK_HOME vers un dossier où l'écriture est "
              "autorisée.",
        "pt": f"O LeptoDesk não consegue usar a sua pasta de dados {where} (não é uma pasta). "
              "Peça ao administrador do local que permita a escrita nesta pasta, ou defina "
              "LEPTODESK_HOME para uma pasta onde se possa escrever."}[lang]
    assert w.model.rowCount() == 0
    _close(w)


@pytest.mark.parametrize("lang", LANGS)
def test_a_failed_autosave_is_said_in_the_wizards_language(qtbot, monkeypatch, lang):
    import json

    from ui import i18n
    from ui.autosave import Autosaver

    store = open_store()
    try:
        case = json.dumps({"schema_version": 1, "patient": {"display_name": "Lit 2"}})
        saver = Autosaver(lambda: (case, "Lit 2"), delay_ms=10, store=store)

        def full(*args, **kwargs):
            raise StoreError("store_full", doing=Phrase("store_doing_save_draft"),
                             where="/data")

        monkeypatch.setattr(store, "save_draft", full)
        said: list[str] = []
        saver.failed.connect(said.append)
        i18n.install(lang)
        saver.schedule()
        assert not saver.flush()
    finally:
        store.close()
    assert said == [{
        "en": "The disk is full: LeptoDesk could not save the draft in /data. Everything saved "
              "before is kept. Free some disk space, then try again.",
        "fr": f"Le disque est plein{N}: LeptoDesk n'a pas pu enregistrer le brouillon dans "
              "/data. Tout ce qui a été enregistré avant est conservé. Libérez de l'espace sur "
              "le disque, puis réessayez.",
        "pt": "O disco está cheio: o LeptoDesk não conseguiu guardar o rascunho em /data. Tudo "
              "o que foi guardado antes foi mantido. Liberte espaço no disco e tente de "
              "novo."}[lang]]
    if lang != "en":
        no_english(said[0], "LeptoDesk")


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_file_not_saved_says_why_in_the_language(window, messages, monkeypatch,
                                                         tmp_path, lang):
    import leptodesk.casefile

    def refused(case, path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    target = tmp_path / "case.json"
    monkeypatch.setattr(leptodesk.casefile, "save_case_file", refused)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    window.set_language(lang)
    assert not window.save_as()
    title, text = messages[-1]
    assert text == {"en": f"{target}: Permission denied",
                    "fr": f"{target}: permission refusée",
                    "pt": f"{target}: permissão negada"}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_file_that_cannot_be_opened_says_why_in_the_language(window, messages,
                                                                    tmp_path, lang):
    missing = tmp_path / "gone.json"
    window.set_language(lang)
    assert not window.open_case(missing)
    title, text = messages[-1]
    assert text == {
        "en": f"{missing}: No such file or directory",  # the path once, no "[Errno 2]"
        "fr": f"{missing}{N}: fichier ou dossier introuvable",
        "pt": f"{missing}: ficheiro ou pasta inexistente"}[lang]
    if lang != "en":
        no_english(text)
