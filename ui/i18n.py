"""The wizard's language: Qt's translators for ui/ and for Qt's own dialogs, and the choice.

Every user-visible string in ui/ goes through ``translate("Context", "literal")`` (Qt's
``QCoreApplication.translate``, which ``pyside6-lupdate`` finds); placeholders are named
``{fields}`` filled with ``str.format`` AFTER translation, and counts use Qt's plural forms
(``translate("Context", "%n warning(s)", None, n)``). docs/localization.md, "Wizard (Qt)", says
why and how to update the ``.ts`` sources in ``resources/i18n/``.

Clinical words (field labels, KPS levels, section and pathway titles, the plan itself) are not
here: they come from the core's catalogues in the same language (``leptodesk.i18n``), so the
wizard, the PDF and the command line say the same thing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

# The languages offered under View > Language are the core's, each named in itself.
from leptodesk.languages import LANGUAGE_NAMES, LANGUAGES  # noqa: F401 - used as i18n.X

translate = QCoreApplication.translate


class RetranslateWhenShown:
    """For a window that may be closed or hidden when the language changes (the Plans window,
    the Verify dialog): ``retranslate()`` at once when visible, else when next shown (a hidden
    window redrawn on every change costs thousands of calls for nothing)."""

    _stale_language = False

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            if self.isVisible():
                self.retranslate()
            else:
                self._stale_language = True
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._stale_language:
            self._stale_language = False
            self.retranslate()
        super().showEvent(event)


class Plurals(QObject):
    """Phrases with a count, in Qt's plural forms of the wizard's language ("1 warning",
    "2 warnings"; French and Portuguese their own). ``self.tr(text, "", n)`` in this one class:
    the form pyside6-lupdate 6.11 reads as a plural (it reads ``translate(ctx, text, "", n)``
    as a plain string, and drops it when the count is an attribute)."""

    def stop_alerts(self, n: int) -> str:
        return self.tr("%n STOP alert(s)", "", n)

    def warnings(self, n: int) -> str:
        return self.tr("%n warning(s)", "", n)

    def days(self, n: int) -> str:
        return self.tr("%n day(s)", "", n)

    def years(self, n: int) -> str:
        return self.tr("%n year(s)", "", n)

    def more_dates(self, n: int) -> str:
        return self.tr("... and %n more date(s) (see the review page).", "", n)


_plurals: Plurals | None = None


def plurals() -> Plurals:
    global _plurals
    if _plurals is None:
        _plurals = Plurals()
    return _plurals




# QLocale for dates and numbers shown in the wizard. Portuguese: Mozambique's (European
# orthography and conventions, as taught and written there; docs/localization.md).
QT_LOCALES = {"en": "en_GB", "fr": "fr_FR", "pt": "pt_MZ"}
# Qt's own strings (standard buttons, file and print dialogs): PySide6-Essentials ships
# qtbase_fr.qm and qtbase_pt_BR.qm only (checked in tests/ui/test_translations.py), and they
# lack the few words Qt 6 gave an Alt+letter ("&Look in:", "Files of &type:", "Page &Set:"):
# resources/i18n/qtbase_extra_LANG.ts has them; qt_pt_PT.qm is an older catalogue without the Qt 6
# dialogs, so Portuguese takes the Brazilian qtbase (docs/localization.md lists the few words
# that differ and that the wizard never shows them).
QT_CATALOGUES = {"fr": ("qtbase_fr",), "pt": ("qtbase_pt_BR",)}

# The banner while a translation is pending clinical review: the same words in English after
# the translation, so the way back is readable by someone who reads only English.
PENDING_ENGLISH = ("Translation pending clinical review — English original: "
                   "View > Language > English")

_installed: list[QTranslator] = []
_current = "en"


def current() -> str:
    """The language the wizard shows now ("en", "fr" or "pt")."""
    return _current


def qm_dir():
    from leptodesk.service import resource_path

    return resource_path("i18n")


def qt_translations_dir() -> str:
    """Where Qt's own .qm files are: Qt's configured folder, else the one inside PySide6."""
    from pathlib import Path

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if folder and Path(folder).is_dir():
        return folder
    import PySide6

    return str(Path(PySide6.__file__).parent / "Qt" / "translations")


def install(lang: str) -> list[str]:
    """Use ``lang`` from now on: remove the old translators, load the new ones (Qt sends
    every widget a LanguageChange event), and set the default QLocale. Returns the .qm files
    loaded (the ones found; a missing Qt catalogue leaves Qt's dialogs in English)."""
    global _current
    if lang not in LANGUAGES:
        lang = "en"
    app = QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    loaded: list[str] = []
    QLocale.setDefault(QLocale(QT_LOCALES[lang]))
    _current = lang
    wanted = [(f"leptodesk_{lang}", str(qm_dir()))]  # English: its plural forms only
    wanted += [(name, qt_translations_dir()) for name in QT_CATALOGUES.get(lang, ())]
    if lang in QT_CATALOGUES:  # what Qt's catalogue lacks ("&Look in:"), bundled here
        wanted.append((f"qtbase_extra_{lang}", str(qm_dir())))
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    if not _installed:  # nothing to install: still tell every widget (English again)
        from PySide6.QtCore import QEvent

        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    return loaded


def review_pending(lang: str) -> bool:
    """The core's word on whether ``lang``'s clinical content awaits a clinician's review."""
    if lang == "en":
        return False
    from leptodesk.i18n import review

    return review(lang).pending


def locale() -> QLocale:
    return QLocale(QT_LOCALES[_current])


def number(value: float, decimals: int = -1) -> str:
    """A number as the wizard's language writes it: "1.5" in English, "1,5" in French and
    Portuguese; no thousands separator (a dose or a count reads as on the chart). Written by
    the core's one number writer, as on the plan."""
    from leptodesk.view import numbers

    if decimals < 0:
        return numbers.significant(float(value), 12, _current)
    return numbers.fixed(float(value), decimals, _current)


def core_message(exc: BaseException) -> str:
    """A core refusal's message in the wizard's language: its ``text_in`` (a refused signed
    PDF, output path or trust folder, a plan without a nurse summary, a store error), else
    ``str(exc)`` (in English) with a common operating-system error said in the language
    (``leptodesk.errors.error_text``: "/x: permission refusée"). An operating-system error
    reads the same way in English: "/x: Permission denied", not "[Errno 13] Permission
    denied: '/x'"."""
    from leptodesk.errors import SaidInEveryLanguage, error_text, file_and_reason

    if isinstance(exc, OSError) and exc.strerror and not isinstance(exc, SaidInEveryLanguage):
        return file_and_reason(exc, _current)
    return error_text(exc).in_lang(_current)  # its own text_in first (errors.os_reason)


def os_message(exc: BaseException) -> str:
    """Why a file could not be read or written, in the wizard's language: a store error's own
    message, the common operating-system errors from the core's catalogue
    (``leptodesk.errors.os_reason``), any other in the system's words (``strerror``)."""
    from leptodesk.errors import os_reason

    return os_reason(exc, _current)
