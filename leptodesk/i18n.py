"""Languages of the plan: which ones, which one by default, and the catalogue of each.

English is the source: ``resources/content/en.json`` holds every sentence, fragment and label
under a stable key (the rules choose keys; ``content.py``, ``fields.py``, service ``cases.py`` and
``messages.py`` read their English from it: :func:`english_under`). French and Portuguese are the
same kind of file, ``resources/content/fr.json`` and ``pt.json``, holding the same keys with
the same ``{placeholders}`` and the language's clinical review record (``{"status":
"pending"}`` until a clinician signs it off, then ``{"status": "signed_off", "signed_off_by":
NAME, "date": "YYYY-MM-DD"}``; English's is ``{"status": "source"}``). The catalogue of a
plan's language, review record included, is part of what ``content_sha256`` covers.

Numbers and dates are written per language with Babel's CLDR data (docs/localization.md says
why Babel): the decimal separator of the language ("1,5" in French and Portuguese), dates with
the weekday and the month by name. Units stay symbols and drug names stay the English INN.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from .keyed import in_lang
from .languages import (  # noqa: F401 - the language API, here as before
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    Language,
    UnknownLanguage,
    check_language,
    default_language,
    language_from_locale,
)
from .view.numbers import (  # noqa: F401 - numbers and dates, written in view.numbers only
    BABEL_LOCALES,
    decimal_symbol,
    format_date,
    format_datetime,
    localize_number,
)

# For PDF /Lang (BCP 47).
PDF_LANG: dict[str, str] = {"en": "en", "fr": "fr", "pt": "pt-MZ"}


# -- catalogues -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    """A language's clinical review: ``source`` (English, the guideline's own language),
    ``pending`` (no clinician has signed the translation off) or ``signed_off``."""

    status: Literal["source", "pending", "signed_off"]
    signed_off_by: str | None = None
    date: str | None = None

    @property
    def pending(self) -> bool:
        return self.status == "pending"

    def as_dict(self) -> dict[str, str]:
        out = {"status": self.status}
        if self.signed_off_by:
            out["signed_off_by"] = self.signed_off_by
        if self.date:
            out["date"] = self.date
        return out


@dataclass(frozen=True)
class Catalogue:
    language: Language
    review: Review
    messages: Mapping[str, str] = field(repr=False)

    def get(self, key: str) -> str:
        try:
            return self.messages[key]
        except KeyError:
            raise KeyError(f"{self.language} catalogue has no entry {key!r}") from None

    def fmt(self, key: str, /, **fields: object) -> str:
        return self.get(key).format(**fields)

    def sha256_payload(self) -> dict:
        return {"language": self.language, "review": self.review.as_dict(),
                "messages": dict(self.messages)}


class CatalogueError(ValueError):
    """A catalogue file that cannot be used (a missing file, bad JSON, a bad review record)."""


def catalogue_dir() -> Path:
    from .resources import resource_path

    return resource_path("content")


def english_messages() -> dict[str, str]:
    """Every English sentence of the content and the views, under its stable key (the source
    the translations are made from): ``resources/content/en.json``."""
    return dict(catalogue("en").messages)


def english_under(prefix: str) -> dict[str, str]:
    """The English entries under one prefix, keyed without it: ``english_under("gap:")`` is
    ``{"gap.prognosis": "...", ...}`` (as the modules that use them once wrote them)."""
    n = len(prefix)
    return {k[n:]: v for k, v in catalogue("en").messages.items() if k.startswith(prefix)}


def english_pairs(first: str, second: str) -> dict[str, tuple[str, str]]:
    """Two prefixes read together: ``english_pairs("note:", "source:")`` is ``{"review.x":
    (text, source), ...}``, as the review notes are written."""
    seconds = english_under(second)
    return {k: (v, seconds[k]) for k, v in english_under(first).items()}


def english(key: str) -> str:
    """One English entry by its full key ("site:name")."""
    return catalogue("en").messages[key]


def _review(data: object, path: Path) -> Review:
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}: 'review' must be an object")
    status = data.get("status")
    if status == "pending" and set(data) == {"status"}:
        return Review("pending")
    if status == "source" and set(data) == {"status"}:
        return Review("source")
    if status == "signed_off" and set(data) == {"status", "signed_off_by", "date"}:
        who, when = data["signed_off_by"], data["date"]
        if not (isinstance(who, str) and who.strip()):
            raise CatalogueError(f"{path}: review.signed_off_by must name the clinician")
        try:
            date.fromisoformat(when)
        except (TypeError, ValueError):
            raise CatalogueError(f"{path}: review.date must be a date YYYY-MM-DD") from None
        return Review("signed_off", who.strip(), when)
    raise CatalogueError(f"{path}: review must be {{\"status\": \"pending\"}} or "
                         "{\"status\": \"signed_off\", \"signed_off_by\": NAME, \"date\": "
                         "\"YYYY-MM-DD\"}")


def load_catalogue_file(path: Path, language: Language) -> Catalogue:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise CatalogueError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("language") != language:
        raise CatalogueError(f"{path}: not the {language} catalogue")
    messages = data.get("messages")
    if not isinstance(messages, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in messages.items()):
        raise CatalogueError(f"{path}: 'messages' must map keys to texts")
    review = _review(data.get("review"), path)
    if (review.status == "source") != (language == "en"):  # only English is the source
        raise CatalogueError(f"{path}: review must be {{\"status\": \"source\"}} for English "
                             "only")
    return Catalogue(language, review, messages)


@cache
def catalogue(lang: str = DEFAULT_LANGUAGE) -> Catalogue:
    """The catalogue of ``lang`` (cached; :func:`clear_caches` after changing the files)."""
    language = check_language(lang)
    return load_catalogue_file(catalogue_dir() / f"{language}.json", language)


# What is made from the catalogues elsewhere (the content hashes, the numbers in words): each
# such cache registers how to clear it, so that the catalogue imports none of them.
_CLEARED_WITH_CATALOGUES: list[Callable[[], None]] = []


def clears_with_catalogues(clear: Callable[[], None]) -> None:
    _CLEARED_WITH_CATALOGUES.append(clear)


def clear_caches() -> None:
    """Forget loaded catalogues and what was made from them (tests, a new file)."""
    catalogue.cache_clear()
    for clear in _CLEARED_WITH_CATALOGUES:
        clear()


def tr(lang: str, key: str, /, **fields: object) -> str:
    """The sentence ``key`` in ``lang`` with its placeholders filled; a value that says itself
    in a language (``keyed.in_lang``: a cut value, a keyed phrase, a quoted error) is said
    in ``lang``."""
    return catalogue(lang).fmt(key, **{name: in_lang(value, lang)
                                       for name, value in fields.items()})


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a catalogue text uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def review(lang: str) -> Review:
    return catalogue(lang).review


# -- punctuation ------------------------------------------------------------------------------


def colon(lang: str) -> str:
    """The colon after a label: French puts a no-break space before it ("STOP :")."""
    return "\u00a0:" if lang == "fr" else ":"


def semicolons(lang: str, items: list[str]) -> str:
    """Items joined by semicolons, as the language writes them."""
    return ("\u00a0; " if lang == "fr" else "; ").join(items)


# -- plurals ------------------------------------------------------------------------------------


# Plural rules that are not those of the language's CLDR locale above: Portuguese counts as
# Mozambique (CLDR pt_MZ, which follows pt_PT) does, "0 caracteres", "1,5 meses"; CLDR "pt" is
# Brazil's rule ("0 caractere", "1,5 mês"). Written here so the bundle needs no pt_MZ data.
PLURAL_RULES: dict[str, dict[str, str]] = {"pt": {"one": "i = 1 and v = 0"}}


def plural_category(lang: str, shown: str) -> Literal["one", "other"]:
    """CLDR's plural category of a number as written ("1", "1,5") in ``lang`` (Portuguese as
    in Mozambique: :data:`PLURAL_RULES`)."""
    if lang == "en":  # exactly the English rule the plans have always used
        return "one" if shown == "1" else "other"
    value = float(shown.replace(decimal_symbol(lang), "."))
    return "one" if _plural_rule(lang)(value) == "one" else "other"


@cache
def _plural_rule(lang: str):  # noqa: ANN202 - a Babel plural rule, imported on first use
    from babel import Locale
    from babel.plural import PluralRule

    language = check_language(lang)
    if language in PLURAL_RULES:
        return PluralRule(PLURAL_RULES[language])
    return Locale.parse(BABEL_LOCALES[language]).plural_form


