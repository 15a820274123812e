"""The plan's fixed words, each written in one place for every surface: section and pathway
titles, severity labels, citations, the LP verdict line, the pending-review banner, the
language line, field names and the entered values of the case.

No layout here and no clinical decision: the plan decided, these only say it in the plan's
language. The document (:mod:`leptodesk.view.document`), the renderers and the front ends'
own widgets (the alert strip, the acknowledgement panel, the pages' banners) all take their
words from here.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from ..content.constants import numbers as content_numbers
from ..i18n import LANGUAGE_NAMES, catalogue, clears_with_catalogues, colon, semicolons, tr
from ..messages import MESSAGES
from ..models import Case, Pathway, Plan, Section, Severity
from . import numbers
from .field_names import field_label  # noqa: F401 - for the view's callers


def cite(citations: list[int] | tuple[int, ...]) -> str:
    """"[2, 4]": the guideline's reference numbers, as every line carries them."""
    return "[" + ", ".join(str(n) for n in citations) + "]"


# Fixed words (a section's title, a severity's label, a pathway's title) are looked up once a
# catalogue: the live panel writes a plan document at each entry, with each of them.
@cache
def section_title(section: Section, lang: str = "en") -> str:
    return tr(lang, f"msg:section_{section.value}")


# (pathway, language): (the constants it was written with, the title)
_pathway_titles: dict[tuple[Pathway, str], tuple[dict, str]] = {}


def pathway_title(pathway: Pathway | str, lang: str = "en") -> str:
    key = (Pathway(pathway), lang)
    # "KPS >= {kps_min} and life expectancy > {le_min}": the gate's own constants, written
    # again whenever they are (content.numbers keeps them until the catalogues change)
    constants = content_numbers(lang)
    known = _pathway_titles.get(key)
    if known is None or known[0] is not constants:
        known = _pathway_titles[key] = (
            constants, tr(lang, f"msg:pathway_{key[0].value}", **constants))
    return known[1]


@cache
def severity_label(severity: Severity, lang: str = "en") -> str:
    return tr(lang, f"msg:sev_{severity.value}")


clears_with_catalogues(section_title.cache_clear)
clears_with_catalogues(severity_label.cache_clear)


# English, for callers that have not chosen a language (the same catalogue entries).
SECTION_TITLES = {s: MESSAGES[f"section_{s.value}"] for s in Section}
PATHWAY_TITLES = {p.value: pathway_title(p) for p in Pathway}
ENTRY_CHECKS_TITLE = MESSAGES["entry_checks_title"]
SEVERITY_LABELS = {s: MESSAGES[f"sev_{s.value}"] for s in Severity}
LP_VERDICT_TEXT = {k: MESSAGES[f"lp_{k}"] for k in (
    "contraindicated", "no_contraindication_entered", "incomplete")}


def translation_banner(plan: Plan, paper: bool = False) -> list[str]:
    """While the plan's language is pending clinical review: the warning, in the language
    and in English, and how to get the English original (``paper``: from the wizard, never a
    command line, for a printed page). Empty otherwise."""
    review = plan.translation_review
    if review is None or review.status != "pending":
        return []
    lang = plan.language
    return [tr(lang, "msg:review_pending"), MESSAGES["review_pending"],
            tr(lang, "msg:review_english_original_paper" if paper
               else "msg:review_english_original")]


def language_line(plan: Plan) -> str:
    """"Language: Français" (and who signed off the translation, or that none has)."""
    lang = plan.language
    text = tr(lang, "msg:language_line", language=LANGUAGE_NAMES[lang])
    review = plan.translation_review
    if review is None:
        return text
    if review.status == "signed_off":
        return text + " · " + tr(lang, "msg:review_signed_off", who=review.signed_off_by or "",
                                 date=review.date or "")
    return text + " · " + tr(lang, "msg:review_pending")


def lp_verdict_text(plan: Plan) -> str:
    """The LP verdict in words, with its reasons, what is unanswered and what is assumed."""
    lang = plan.language
    v = plan.lp_verdict
    text = tr(lang, f"msg:lp_{v.status}")
    if v.reasons:
        text += colon(lang) + " " + semicolons(lang, v.reasons)
    if v.unknown:
        text += tr(lang, "msg:lp_not_answered",
                   fields=", ".join(field_label(p, lang) for p in v.unknown))
    if v.notes:
        text += tr(lang, "msg:lp_assumed", notes=semicolons(lang, v.notes))
    return text


def display_name(case: Case, lang: str = "en") -> str:
    """The patient's name or bed as entered, or "(no name entered)"."""
    return case.patient.display_name or tr(lang, "msg:no_name")


def patient_details(case: Case, lang: str = "en") -> str:
    """"age 49 years, sex female, weight 68.04 kg" (what is not entered says so)."""
    p = case.patient

    def t(key: str, **fields: object) -> str:
        return tr(lang, f"msg:{key}", **fields)

    parts = []
    if p.age_days is not None:
        parts.append(t("pdf_age_days", n=p.age_days))
    elif p.age_years is not None:
        parts.append(t("pdf_age_years", n=p.age_years))
    else:
        parts.append(t("pdf_age_missing"))
    parts.append(t("pdf_sex", sex=tr(lang, f"value:patient.sex={p.sex.value}")) if p.sex
                 else t("pdf_sex_missing"))
    parts.append(t("pdf_weight", w=numbers.weight_value(p.weight_kg, lang))
                 if p.weight_kg is not None else t("pdf_weight_missing"))
    return ", ".join(parts)


# -- the case's entered values --------------------------------------------------------------

# Entered values read as numbers of their own where the plan shows them elsewhere too.
_WEIGHT_PATHS = frozenset({"patient.weight_kg"})


def _value_text(value: Any, path: str = "", lang: str = "en") -> str:
    if isinstance(value, bool):
        return tr(lang, "msg:pdf_yes" if value else "msg:pdf_no")
    if isinstance(value, dict) and set(value) == {"value", "unit"}:
        return f"{numbers.entered(value['value'], lang)} {value['unit']}"
    if isinstance(value, float):
        if path in _WEIGHT_PATHS:  # as on the patient line and in the dose basis
            return numbers.weight_value(value, lang)
        return numbers.entered(value, lang)
    if isinstance(value, str):
        when = _iso_when(value)
        if when is not None:  # dates as on the calendars: "Mon 30 Nov 2026 11:00"
            return (numbers.format_datetime(when, lang) if len(value) > 10
                    else numbers.format_date(when.date(), lang))
        if lang != "en" and f"value:{path}={value}" in catalogue(lang).messages:
            return tr(lang, f"value:{path}={value}")  # an allowed value, in the language
    return str(value).replace("_", " ")  # free text (a name) as entered


def _iso_when(text: str) -> datetime | None:
    if len(text) < 10 or text[4:5] != "-" or text[7:8] != "-":
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def case_inputs(case: Case, lang: str = "en") -> list[tuple[str, str, str]]:
    """(path, label, value) for every field entered in the case, in ``lang``."""
    out: list[tuple[str, str, str]] = []

    def walk(prefix: str, data: dict) -> None:
        for key, value in data.items():
            path = f"{prefix}{key}"
            if path == "schema_version":
                continue
            if isinstance(value, dict) and set(value) != {"value", "unit"}:
                walk(path + ".", value)
            else:
                out.append((path, field_label(path, lang), _value_text(value, path, lang)))

    walk("", case.model_dump(mode="json", exclude_none=True))
    return out
