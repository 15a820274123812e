"""Every number, dose, weight and date a person reads, written once.

The terminal text, the live panel and review page, the clinician PDF and the nurse summary
take their numbers from here, so one value reads the same on every surface: a 150 lb weight
(68.0388555 kg stored) is "68.04 kg" on the patient line, in the inputs and in the dose basis
alike. A number is written the clinical way (at most two decimals, no trailing zeros) and then
in the language's own decimal separator (Babel's CLDR data: "1,5" in French and Portuguese);
no grouping of thousands in any language, so a dose reads "2000 mg" as on the English chart.

Depends only on ``leptodesk.languages`` (and Babel, imported on first use), so every other
module can use it without an import circle.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..languages import check_language

if TYPE_CHECKING:
    from datetime import date, datetime

# The CLDR locale whose formats each language uses (docs/localization.md: why "pt", not pt_MZ).
BABEL_LOCALES: dict[str, str] = {"en": "en", "fr": "fr", "pt": "pt"}


@cache
def decimal_symbol(lang: str) -> str:
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(BABEL_LOCALES[check_language(lang)])


def localize_number(text: str, lang: str) -> str:
    """A number already written the clinical way ("1.5", "0.50", "-2") with the language's
    decimal separator ("1,5")."""
    if lang == "en":
        return text
    return text.replace(".", decimal_symbol(lang))


# -- numbers ------------------------------------------------------------------------------------


def clinical(value: float) -> str:
    """A number as a clinician writes it, in no language yet: no trailing zeros, at most two
    decimals ("68.04", "2.5", "40")."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def clinical_vs(value: float, limit: float) -> str:
    """``value`` with enough decimals that it compares with ``limit`` as the value itself
    does: 39.99 against 40 reads "39.99", never "40 (below 40)"."""
    want = (value > limit) - (value < limit)
    for places in range(2, 7):
        text = f"{value:.{places}f}".rstrip("0").rstrip(".")
        shown = float(text)
        if (shown > limit) - (shown < limit) == want:
            return text if text != "-0" else "0"
    return repr(value)


def number(value: float, lang: str) -> str:
    """:func:`clinical` in the language ("1,5")."""
    return localize_number(clinical(value), lang)


def number_vs(value: float, limit: float, lang: str) -> str:
    """:func:`clinical_vs` in the language."""
    return localize_number(clinical_vs(value, limit), lang)


def significant(value: float, digits: int, lang: str) -> str:
    """At most ``digits`` significant digits, no trailing zeros ("0.005", "61")."""
    return localize_number(f"{value:.{digits}g}", lang)


def fixed(value: float, places: int, lang: str) -> str:
    """Exactly ``places`` decimals ("69.9"): a unit conversion shown beside an entry."""
    return localize_number(f"{value:.{places}f}", lang)


def entered(value: float, lang: str) -> str:
    """A measured value as it was entered (up to six significant digits: a lab result of
    0.005 stays 0.005), in the language."""
    return significant(value, 6, lang)


def weight_value(kg: float, lang: str) -> str:
    """A body weight's number, in kilograms: "68.04" (beside a label that says kg)."""
    return number(kg, lang)


def weight(kg: float, lang: str) -> str:
    """A body weight: "68.04 kg" ("68,04 kg")."""
    return f"{weight_value(kg, lang)} kg"


def mg(value: float, lang: str = "en") -> str:
    """A dose as written on a chart, always in mg (one unit in a dose column, so 2000 mg is
    never read as "2 g" beside 1950 mg): 2500 mg, 4000 mg, 0.5 mg (0,5 mg in French and
    Portuguese)."""
    return f"{entered(value, lang)} mg"


def gray(value: float, lang: str) -> str:
    """A radiotherapy dose's number of gray ("30", "37,5")."""
    return entered(value, lang)


# -- dates ----------------------------------------------------------------------------------------

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date, lang: str) -> str:
    """A calendar date for people, with its weekday and the month by name. English as the
    English views have written it ("Wed 2 Dec 2026", day before month: never read as a US
    date); French and Portuguese in CLDR's abbreviated form ("mer. 2 déc. 2026", "qua., 2
    de dez. de 2026")."""
    if lang == "en":
        return f"{_WEEKDAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMEd", value, locale=BABEL_LOCALES[check_language(lang)])


def format_datetime(value: datetime, lang: str) -> str:
    """Date and 24-hour time ("Wed 2 Dec 2026 14:05"; "mer. 2 déc. 2026 14:05")."""
    if lang == "en":
        return f"{format_date(value.date(), lang)} {value:%H:%M}"
    from babel.dates import format_skeleton

    hm = format_skeleton("Hm", value, locale=BABEL_LOCALES[check_language(lang)])
    return f"{format_date(value.date(), lang)} {hm}"


def sentence_date(value: date, lang: str) -> str:
    """A date inside a guideline sentence: ISO in English (as the English plans have always
    said), the language's date elsewhere."""
    return value.isoformat() if lang == "en" else format_date(value, lang)


def sentence_datetime(value: datetime, lang: str) -> str:
    """A date and time inside a guideline sentence ("2026-11-24 06:15" in English)."""
    return value.strftime("%Y-%m-%d %H:%M") if lang == "en" else format_datetime(value, lang)
