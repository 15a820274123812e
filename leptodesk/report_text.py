"""The plan as plain text for a terminal: stop alerts first, every line with its citations,
in the plan's language (``plan.language``)."""

from __future__ import annotations

import textwrap
from datetime import datetime
from typing import Any

from .content import numbers as content_numbers
from .fields import field_label
from .i18n import (
    LANGUAGE_NAMES,
    catalogue,
    colon,
    semicolons,
    tr,
)
from .messages import MESSAGES
from .models import Case, Pathway, Plan, Section, Severity
from .plan_view import (  # noqa: F401 - mg, cite, day_text: names other modules import from here
    cite,
    day_text,
    dose_line,
    dose_rows,
    mg,
    radiotherapy_line,
    review_note_line,
    schedule_line,
    site_default_line,
)
from .view import numbers

# Entered values read as numbers of their own where the plan shows them elsewhere too.
_WEIGHT_PATHS = frozenset({"patient.weight_kg"})


def section_title(section: Section, lang: str = "en") -> str:
    return tr(lang, f"msg:section_{section.value}")


def pathway_title(pathway: Pathway | str, lang: str = "en") -> str:
    # "KPS >= {kps_min} and life expectancy > {le_min}": the gate's own constants
    return tr(lang, f"msg:pathway_{Pathway(pathway).value}", **content_numbers(lang))


def severity_label(severity: Severity, lang: str = "en") -> str:
    return tr(lang, f"msg:sev_{severity.value}")


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


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=rest) or [first]


def render_text(plan: Plan, case: Case, width: int = 92) -> str:
    lang = plan.language

    def t(key: str, **fields: object) -> str:
        return tr(lang, f"msg:{key}", **fields)

    lines: list[str] = []
    for banner in translation_banner(plan):
        lines += _wrap(banner, "!! ", "   ", width)
    name = case.patient.display_name or t("no_name")
    lines.append(t("text_title", name=name))
    lines.append(t("text_pathway", pathway=pathway_title(plan.pathway, lang)))
    lines += _wrap(lp_verdict_text(plan), t("text_lp") + " ", "    ", width)
    lines.append("")
    if plan.entry_checks:
        lines.append(f"== {t('entry_checks_title')} ({len(plan.entry_checks)}) ==")
        for k in plan.entry_checks:
            lines += _wrap(k.text, f"  {severity_label(k.severity, lang)}{colon(lang)} ",
                           "    ", width)
        lines.append("")
    for sev in (Severity.stop, Severity.warning, Severity.info):
        alerts = plan.alerts_of(sev)
        if not alerts:
            continue
        label = severity_label(sev, lang)
        lines.append(f"== {label} ({len(alerts)}) ==")
        for a in alerts:
            lines += _wrap(f"{a.text} {cite(a.citations)}", f"  {label}{colon(lang)} ", "    ",
                           width)
        lines.append("")
    if plan.findings:
        lines.append(f"== {t('head_findings')} ==")
        for f in plan.findings:
            lines += _wrap(f"{f.text} {cite(f.citations)}", "  - ", "    ", width)
        lines.append("")
    for section in Section:
        recs = [r for r in plan.recommendations if r.section is section]
        if not recs:
            continue
        lines.append(f"== {section_title(section, lang)} ==")
        for r in recs:
            lines += _wrap(f"{r.text} {cite(r.citations)}", "  - ", "    ", width)
        lines.append("")
    if plan.doses:
        lines.append(f"== {t('head_doses')} ==")
        for row in dose_rows(plan):
            lines += _wrap(dose_line(row, lang), "  - ", "    ", width)
        lines.append("")
    if plan.radiotherapy:
        lines.append(f"== {t('head_radiotherapy')} ==")
        lines += _wrap(radiotherapy_line(plan.radiotherapy, lang), "  - ", "    ", width)
        lines.append("")
    if plan.schedule:
        lines.append(f"== {t('head_calendar')} ==")
        # With the weekday, as on the panel and both PDFs
        dates = [numbers.format_date(s.date, lang) for s in plan.schedule]
        indent = max(len(d) for d in dates) + 4
        for s, shown in zip(plan.schedule, dates, strict=True):
            lines += _wrap(schedule_line(s, lang), f"  {shown.ljust(indent - 4)}  ",
                           " " * indent, width)
        lines.append("")
    if plan.review_notes:
        lines.append(f"== {t('head_review_notes')} ==")
        for n in plan.review_notes:
            lines += _wrap(review_note_line(n, lang), "  - ", "    ", width)
        lines.append("")
    if plan.gaps:
        lines.append(f"== {t('head_gaps')} ==")
        for g in plan.gaps:
            lines += _wrap(g.text, "  - ", "    ", width)
        lines.append("")
    if plan.site_defaults:
        lines.append(f"== {t('head_site_defaults')} ==")
        for s in plan.site_defaults:
            lines += _wrap(site_default_line(s, lang), "  - ", "    ", width)
        lines.append("")
    if plan.missing:
        lines.append(f"== {t('head_missing')} ==")
        lines += _wrap(", ".join(f"{field_label(m, lang)} ({m})" for m in plan.missing), "  ",
                       "  ", width)
        lines.append("")
    lines.append(t("text_footer", version=plan.content_version,
                   content=plan.content_sha256[:12], case=plan.case_sha256[:12],
                   app=plan.app_version))
    if lang != "en" or plan.translation_review is not None:
        lines.append(language_line(plan))
    return "\n".join(lines) + "\n"
