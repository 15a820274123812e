"""Every setting of the front end, declared in one place with its default (as Picard does).

Stored in an INI file in the data folder (``LEPTODESK_HOME`` in tests), never in the
platform registry, so tests stay off the real configuration.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings

from leptodesk.service import data_folder


class Setting(NamedTuple):  # read at start-up: a NamedTuple, not a dataclass (no import cost)
    key: str
    default: Any
    kind: type


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray(), QByteArray)
SPLITTER_STATE = Setting("window/splitter", QByteArray(), QByteArray)
RECENT_FILES = Setting("files/recent", [], list)
LAST_FOLDER = Setting("files/last_folder", "", str)
LARGER_FONT = Setting("view/larger_font", False, bool)
WEIGHT_UNIT = Setting("entry/weight_unit", "kg", str)
# View > Language: "en", "fr" or "pt"; empty until chosen (the locale's language is used).
LANGUAGE = Setting("view/language", "", str)
# The core's answer for the locale variables of the last start ("<LC_ALL|LC_MESSAGES|LANG>=fr"):
# the next start with the same variables needs no core module before the first page.
LOCALE_LANGUAGE = Setting("session/locale_language", "", str)
# The autosaved draft of the case open now; cleared on a clean quit, so a value found at start
# means the last session ended without quitting (crash, kill, power cut).
OPEN_DRAFT = Setting("session/open_draft", "", str)

ALL = (WINDOW_GEOMETRY, SPLITTER_STATE, RECENT_FILES, LAST_FOLDER, LARGER_FONT, WEIGHT_UNIT,
       LANGUAGE, LOCALE_LANGUAGE, OPEN_DRAFT)
MAX_RECENT_FILES = 8
LARGER_FONT_FACTOR = 1.25


def store() -> QSettings:
    folder = data_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def get(setting: Setting) -> Any:
    raw = store().value(setting.key, setting.default)
    if raw is None:
        return setting.default
    if setting.kind is list:
        if isinstance(raw, str):  # INI stores a one-item list as a plain string
            return [raw] if raw else []
        return [str(x) for x in raw]
    if setting.kind is bool:
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
    if setting.kind is QByteArray:
        return raw if isinstance(raw, QByteArray) else QByteArray()
    return setting.kind(raw)


def put(setting: Setting, value: Any) -> None:
    put_many(((setting, value),))


def put_many(values: tuple[tuple[Setting, Any], ...]) -> None:
    """Several settings in one write: each write is a new settings.ini, synced to disk (tens
    of ms on a busy disk), and closing the window keeps three."""
    s = store()
    for setting, value in values:
        s.setValue(setting.key, value)
    s.sync()
    private(s.fileName())


def private(path: str) -> None:
    """settings.ini 0600 whatever the umask, as every file in the data folder (README,
    "Files"): QSettings writes a new file at each sync (and names of recent files and the
    last patient's draft are in it)."""
    import os
    import stat

    try:
        if stat.S_IMODE(os.stat(path).st_mode) != 0o600:
            os.chmod(path, 0o600)
    except OSError:  # not written (a read-only folder): nothing of it to protect
        pass


def add_recent_file(path: str) -> list[str]:
    files = [path] + [f for f in get(RECENT_FILES) if f != path]
    files = files[:MAX_RECENT_FILES]
    put(RECENT_FILES, files)
    return files


def language() -> str:
    """The wizard's language: the one chosen under View > Language, else the locale's
    (``leptodesk.i18n.default_language``: LC_ALL, LC_MESSAGES, LANG; English otherwise).

    The core's answer is kept with the variables it was given, so a start with the same
    locale does not import the core's language module before the first page (about 10 ms,
    most of the start-up budget's margin)."""
    import os

    chosen = get(LANGUAGE)
    if chosen in ("en", "fr", "pt"):
        return chosen
    variables = "|".join(os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG"))
    kept, _, lang = get(LOCALE_LANGUAGE).rpartition("=")
    if kept == variables and lang in ("en", "fr", "pt"):
        return lang
    from leptodesk.languages import default_language

    lang = default_language()
    put(LOCALE_LANGUAGE, f"{variables}={lang}")
    return lang
