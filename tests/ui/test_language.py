"""View > Language: the whole window changes language at once (no restart), the choice is kept,
every control a screen reader reaches has a name in French and Portuguese, and no English is
left on any page (names, units and drug names excepted).

Expected words are the translations written in resources/i18n/*.ts and the core's catalogues,
read here straight from those files (never through the wizard's own helpers).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QWidget,
    QWizard,
)

from leptodesk.casefile import load_case_file
from leptodesk.service import get_service
from ui.pages import PageId

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
EXAMPLE = ROOT / "examples" / "malignant-her2-good-prognosis.json"
LANGS = ("fr", "pt")


def _ts(lang: str) -> dict[tuple[str, str], str]:
    """(context, English source) -> translation, from the .ts file."""
    out = {}
    for ctx in ET.parse(I18N / f"leptodesk_{lang}.ts").getroot().iter("context"):
        name = ctx.find("name").text
        for m in ctx.findall("message"):
            tr = m.find("translation")
            forms = [f.text for f in tr.findall("numerusform")]
            out[(name, m.find("source").text)] = forms[-1] if forms else tr.text
    return out


def _core(lang: str) -> dict[str, str]:
    from leptodesk.i18n import catalogue

    return dict(catalogue(lang).messages)


def _shown(label) -> str:
    """A rich-text label's words as they read on screen."""
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", " ", label.text())).replace("\u00a0", " ")


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("\u00a0", " ")


# -- what the window shows -------------------------------------------------------------------

def _segments(text: str) -> list[str]:
    """A shown text in pieces as it was put together (HTML tags and lines separate them)."""
    parts = re.split(r"<[^>]+>|\n", _plain(text or ""))
    return [p.strip(" .:") for p in parts if p.strip(" .:")]


# English shown on purpose in French and Portuguese: the way back to the English original,
# readable by someone who reads only English (the wizard's banner and the plan's own).
ENGLISH_ON_PURPOSE = {
    "Translation pending clinical review — English original: View > Language > English",
    "Translation pending clinical review",
}


def _widget_texts(root: QWidget) -> list[str]:
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not w.isVisibleTo(root):
            continue
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QListWidget):
            out += [w.item(i).text() for i in range(w.count())]
        if isinstance(w, QTableWidget):
            out += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount())]
        out += [w.accessibleName(), w.accessibleDescription()]
        if hasattr(w, "title") and callable(w.title) and isinstance(w.title(), str):
            out.append(w.title())
        if hasattr(w, "subTitle"):
            out.append(w.subTitle())
    return out


def _menu_texts(window) -> list[str]:
    out = []

    def walk(menu) -> None:
        for action in menu.actions():
            out.append(action.text())
            if action.menu() is not None:
                walk(action.menu())

    walk(window.menuBar())
    return out


def _english_left(texts: list[str], lang: str) -> list[str]:
    """Pieces that are an English source whose translation in ``lang`` differs."""
    english: dict[str, str] = {}
    patterns: list[tuple[re.Pattern, str]] = []
    for (_ctx, source), translated in _ts(lang).items():
        bare = _plain(source).strip(" .:")
        if bare == _plain(translated or "").strip(" .:") or source in ENGLISH_ON_PURPOSE:
            continue  # the same word in both languages ("Patient", "INR")
        if "{" in bare or "%n" in bare:
            rx = re.escape(bare)
            rx = re.sub(r"\\\{\w*\\\}", ".+", rx).replace("%n", r"\d+")
            patterns.append((re.compile(rx), source))
        else:
            english[bare] = source
    core_en, core_lang = _core("en"), _core(lang)
    for key, text in core_en.items():
        bare = text.strip(" .:")
        if _plain(core_lang.get(key) or "").strip(" .:") != bare and "{" not in text \
                and text not in ENGLISH_ON_PURPOSE:
            english[bare] = key
    left = []
    for text in texts:
        for piece in _segments(text):
            if piece in english or any(rx.fullmatch(piece) for rx, _ in patterns):
                left.append(piece)
    return sorted(set(left))


# -- fixtures ---------------------------------------------------------------------------------

@pytest.fixture
def her2(window):
    window.load_case(load_case_file(EXAMPLE), None)
    return window


def _switch(window, lang: str) -> None:
    window.language_actions[lang].trigger()  # View > Language, as a clinician chooses it
    QApplication.processEvents()  # Qt's LanguageChange events too


# -- switching --------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "title", "next_text", "file_menu", "panel_head"), [
    ("fr", "Patient", "&Suivant >", "&Fichier", "Ce que dit la recommandation pour ce dossier"),
    ("pt", "Doente", "&Seguinte >", "&Ficheiro", "O que a norma clínica diz para este caso"),
])
def test_switching_translates_the_window_without_restart(her2, lang, title, next_text,
                                                         file_menu, panel_head):
    window = her2
    wizard = window.wizard
    _switch(window, lang)
    assert wizard.currentPage().title() == title
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == next_text
    assert window.menuBar().actions()[0].text() == file_menu
    assert panel_head in _shown(window.panel.title)
    # The plan itself is made again in the language (the core's words: pathway title).
    from leptodesk.content import numbers  # the title's KPS and months are placeholders

    pathway = _core(lang)["msg:pathway_malignant_good_prognosis"].format(**numbers(lang))
    assert pathway in _shown(window.panel.header)
    assert window.state.plan.language == lang
    # ... and back to English, at once.
    _switch(window, "en")
    assert wizard.currentPage().title() == "Patient"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    assert window.menuBar().actions()[0].text() == "&File"
    assert "Malignant, KPS ≥ 70 and life expectancy > 1 month" in _shown(window.panel.header)


def test_a_later_page_and_the_review_follow_the_language(her2, qtbot):
    window = her2
    wizard = window.wizard
    while wizard.currentId() != PageId.REVIEW:
        wizard.next()
    _switch(window, "fr")
    review = wizard.currentPage()
    assert review.title() == "Relire le plan"
    fr = _core("fr")
    assert fr["msg:head_doses"] in review.text()  # the whole plan re-rendered in French
    labels = dict(review.input_rows())
    assert fr["field:patient.weight_kg"] in labels
    prognosis = wizard.page_of(PageId.PROGNOSIS)
    kps = prognosis.kps.editor
    assert fr["kps:70"] in kps.item(kps.count() - 8).text()  # 100, 90, 80, 70: the 4th level


def test_one_language_is_ticked_even_when_chosen_twice(window):
    _switch(window, "fr")
    _switch(window, "fr")  # a checkable action unticks itself on a second click
    assert [lang for lang, a in window.language_actions.items() if a.isChecked()] == ["fr"]
    _switch(window, "pt")
    assert [lang for lang, a in window.language_actions.items() if a.isChecked()] == ["pt"]


def test_the_choice_is_kept_for_the_next_start(window, qtbot):
    from ui.main_window import MainWindow

    _switch(window, "pt")
    again = MainWindow()
    qtbot.addWidget(again)
    try:
        assert again.language_actions["pt"].isChecked()
        assert again.wizard.currentPage().title() == "Doente"
    finally:
        again.state.dirty = False
        again.close()


def test_default_comes_from_the_locale(monkeypatch, qtbot, messages):
    from ui.main_window import MainWindow

    monkeypatch.setenv("LANG", "fr_CD.UTF-8")  # French as written in DR Congo
    window = MainWindow(load_core_now=False)  # as the app starts: the first page, then the core
    qtbot.addWidget(window)
    try:
        assert window.wizard.currentPage().title() == "Patient"
        assert window.menuBar().actions()[0].text() == "&Fichier"
        assert window.language_actions["fr"].isChecked()
        window.ensure_core_loaded()
        assert not window.translation_banner.isHidden()  # pending review, said at once
        assert window.state.plan.language == "fr"
    finally:
        window.state.dirty = False
        window.close()


def test_a_new_locale_is_followed_at_the_next_start(monkeypatch):
    """The locale's language is kept between starts only for the same locale variables."""
    from ui import settings

    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert settings.language() == "fr"
    assert settings.language() == "fr"  # the second start: the kept answer
    monkeypatch.setenv("LANG", "pt_MZ.UTF-8")
    assert settings.language() == "pt"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # LC_ALL wins over LANG (POSIX)
    assert settings.language() == "en"
    settings.put(settings.LANGUAGE, "fr")  # chosen under View > Language: the locale aside
    assert settings.language() == "fr"


@pytest.mark.parametrize("lang", LANGS)
def test_pending_review_banner_in_the_language_and_in_english(window, lang):
    from leptodesk.i18n import review

    _switch(window, lang)
    banner = window.translation_banner
    assert review(lang).pending  # the catalogues ship pending clinical review
    assert not banner.isHidden()
    text = banner.text()
    assert "Translation pending clinical review — English original: View > Language > English" \
        in text
    assert _ts(lang)[("MainWindow", "Translation pending clinical review — English original: "
                      "View > Language > English")] in text
    _switch(window, "en")
    assert banner.isHidden()


def test_signing_passes_the_language_to_the_core(window, monkeypatch, tmp_path):
    """The signed PDF and nurse summary are made in the wizard's language."""
    from leptodesk import service as service_module

    seen = {}
    real = service_module.get_service()

    class Recorder:
        def __getattr__(self, name):
            return getattr(real, name)

        def export(self, case, **kwargs):
            seen.update(kwargs)
            raise OSError(5, "stopped by the test")

    _switch(window, "pt")
    monkeypatch.setattr(service_module, "get_service", lambda: Recorder())
    page = window.wizard.page_of(PageId.SIGN)
    from tests.ui.helpers import answer_alerts

    answer_alerts(page)
    (tmp_path / "id.p12").write_bytes(b"x")
    page.identity.edit.setText(str(tmp_path / "id.p12"))
    page.output.edit.setText(str(tmp_path / "plan.pdf"))
    page.start_export()
    from ui.worker import wait_for_background

    assert wait_for_background()
    QApplication.processEvents()
    assert seen["lang"] == "pt"


# -- accessible names and English left ---------------------------------------------------------

def _pages(window):
    return [(pid, window.wizard.page_of(pid)) for pid in PageId]


@pytest.mark.parametrize("lang", LANGS)
def test_every_focusable_control_has_a_name(her2, lang):
    from PySide6.QtCore import Qt

    _switch(her2, lang)
    unnamed = []
    for pid, page in _pages(her2):
        for w in page.findChildren(QWidget):
            if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisibleTo(page):
                continue
            if w.objectName().endswith("_scroll") or w.objectName() == "qt_scrollarea_viewport":
                continue
            iface = QAccessible.queryAccessibleInterface(w)
            name = iface.text(QAccessible.Text.Name) if iface is not None else ""
            if not (name or "").strip():
                unnamed.append((pid.name, w.objectName() or type(w).__name__))
    assert not unnamed, unnamed


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_left_on_any_page(her2, lang):
    _switch(her2, lang)
    texts = [her2.windowTitle(), *_menu_texts(her2), *_widget_texts(her2.alert_strip),
             *_widget_texts(her2.panel), *_widget_texts(her2.translation_banner)]
    texts += [her2.wizard.buttonText(b) for b in (QWizard.WizardButton.BackButton,
                                                  QWizard.WizardButton.NextButton,
                                                  QWizard.WizardButton.FinishButton)]
    for _pid, page in _pages(her2):
        texts += _widget_texts(page)
    texts += her2.panel.text().splitlines()
    texts += her2.wizard.page_of(PageId.REVIEW).text().splitlines()
    left = _english_left(texts, lang)
    assert not left, left


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_left_in_the_dialogs(qtbot, lang, window):
    from leptodesk.archive import open_store
    from ui.plans_window import PlansWindow
    from ui.verify_dialog import VerifyDialog

    _switch(window, lang)
    store = open_store()
    try:
        plans = PlansWindow(service=get_service())
        verify = VerifyDialog()
        for w in (plans, verify):
            qtbot.addWidget(w)
        texts = _widget_texts(plans) + _widget_texts(verify)
        texts += [plans.model.headerData(i, __import__("PySide6.QtCore").QtCore.Qt.Orientation
                                         .Horizontal) for i in range(plans.model.columnCount())]
        assert not _english_left(texts, lang)
        # A dialog already open follows a change of language too.
        plans.show()
        verify.show()
        _switch(window, "en")
        assert verify.windowTitle() == "Verify a signed plan"
        assert plans.verify_button.text() == "&Verify signature"
        plans.close()
    finally:
        store.close()


def test_the_english_left_check_can_fail(her2):
    """The check above does see English: an untranslated label is caught."""
    _switch(her2, "fr")
    label = QLabel("Imaging and lumbar-puncture safety")
    shown = [label.text(), "<b>Review the plan</b>", "3 warnings in the plan.", "Patient"]
    assert _english_left(shown, "fr") == ["Imaging and lumbar-puncture safety",
                                          "Review the plan"]


@pytest.mark.parametrize(("lang", "converted", "month"), [
    ("en", "= 134.5 lb", "24 Nov 2026"),
    ("fr", "= 134,5 lb", "24 nov. 2026"),
    ("pt", "= 134,5 lb", "24 nov. 2026"),
])
def test_numbers_and_dates_in_the_wizard_follow_the_language(window, lang, converted, month):
    """61 kg = 134.48 lb (61 / 0.45359237), shown with the language's decimal separator; a
    decimal comma is accepted when typing in every language; month names are the language's."""
    from ui.autosave import _local_time

    _switch(window, lang)
    page = window.wizard.page_of(PageId.PATIENT)
    weight = page.bindings["patient.weight_kg"]
    weight.editor.setText("61")
    weight.commit()
    assert weight.converted.text() == converted
    weight.editor.setText("61,5")
    weight.commit()
    assert window.state.case.patient.weight_kg == 61.5
    assert _local_time("2026-11-24T12:00:00+00:00").startswith(month)  # noon: any time zone


@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_the_strip_says_stop_with_the_plans_word(her2, lang):
    """The count above the pages names a stop with the word the plan's alerts carry (the
    core's: STOP in English and French, PARE in Portuguese)."""
    her2.wizard.page_of(PageId.COMPLICATIONS_PLANNED).set_value(
        "presentation.csf_flow_obstruction", True)  # a STOP against intrathecal therapy
    _switch(her2, lang)
    word = _core(lang)["msg:sev_stop"]
    colon = {"en": ":", "fr": "\u00a0:", "pt": ":"}[lang]  # French: a no-break space before
    assert her2.alert_strip.stop_texts()[0].startswith(f"{word}{colon} ")
    count = her2.alert_strip.count_label.text()
    assert word in count.split(",")[0].split(), count
    # The same word and colon in the panel's alert box and the strip's accessible name; the
    # panel's patient line too.
    assert her2.alert_strip.stop_labels[0].accessibleName().startswith(f"{word}{colon} ")
    from leptodesk.view.document import build_document
    from ui.plan_html import patient_header, plan_html

    html = plan_html(her2.state.plan, her2.state.case, full=False)
    assert f"<b>{word}{colon}</b> " in html
    patient = {"en": "Patient", "fr": "Patient", "pt": "Doente"}[lang]
    assert patient_header(build_document(her2.state.plan, her2.state.case)).startswith(
        f"<b>{patient}{colon}</b> Example C (HER2+ breast); ")
    if lang == "fr":
        assert f"{word}:" not in html and f"{word} :" not in html
