"""The languages LeptoDesk speaks and how one is chosen (the locale, a --lang option).

Kept apart from ``leptodesk.i18n`` (catalogues, Babel formats) so that a front end can choose
its language before the first page without loading any catalogue (start-up budget).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal, cast

LANGUAGES: tuple[str, ...] = ("en", "fr", "pt")
Language = Literal["en", "fr", "pt"]
DEFAULT_LANGUAGE: Language = "en"
# Each language named in itself (the footer line "Language: Français", a language menu).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fr": "Français", "pt": "Português"}


class UnknownLanguage(ValueError):
    """A language LeptoDesk has no catalogue for (exit status 2 on the command line)."""

    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(f"unknown language {str(value)[:40]!r}: choose one of "
                         f"{', '.join(LANGUAGES)} (English, French, Portuguese)")


def check_language(value: object) -> Language:
    """``value`` as a Language, or ``UnknownLanguage``. Case and a region are accepted
    ("FR", "pt_MZ", "pt-BR"), nothing else."""
    if not isinstance(value, str):
        raise UnknownLanguage(value)
    code = value.strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES or not value.strip():
        raise UnknownLanguage(value)
    return cast(Language, code)


def language_from_locale(value: str | None) -> Language:
    """The language of a POSIX locale name: fr_CD.UTF-8 -> fr, pt_MZ -> pt, else en."""
    if not value:
        return DEFAULT_LANGUAGE
    code = value.split(".")[0].split("@")[0].lower().replace("-", "_").split("_")[0]
    return cast(Language, code) if code in LANGUAGES else DEFAULT_LANGUAGE


def default_language(environ: Mapping[str, str] | None = None) -> Language:
    """The language of the locale, as POSIX chooses the messages locale: the first set of
    LC_ALL, LC_MESSAGES, LANG; a language without a catalogue (or C/POSIX) is English."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return language_from_locale(value)
    return DEFAULT_LANGUAGE
