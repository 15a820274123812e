"""The plan as HTML for the plan panel and the review page: stop alerts first, every line
with its citations. Pure presentation of ``leptodesk`` plan objects; no clinical logic.

Every word of the plan is the core's, in the plan's language (``plan.language``): its
sentences, and the headings and column names the PDF and the command line use too (the
catalogue's ``msg:`` entries). Only the few words that exist on screen alone (the panel's
"more dates" line, "Item", "Not from the guideline:") go through Qt's ``translate``.
"""

from __future__ import annotations

from html import escape

from leptodesk.fields import field_label
from leptodesk.i18n import colon, tr
from leptodesk.models import Case, Plan, Section, Severity
from leptodesk.plan_view import (
    dose_line,
    dose_rows,
    radiotherapy_line,
    review_note_line,
    schedule_line,
    site_default_line,
)
from leptodesk.report_text import (
    cite,
    lp_verdict_text,
    pathway_title,
    section_title,
    severity_label,
    translation_banner,
)
from leptodesk.view import numbers

from .i18n import translate

# Colour supports the written severity label; it never carries the meaning alone.
_SEVERITY_STYLE = {
    Severity.stop: "background:#8b0000;color:#ffffff;",
    Severity.warning: "background:#fff3cd;color:#3d2e00;",
    Severity.info: "background:#e8f0fe;color:#0b2a55;",
}


def _box(style: str, inner: str, linear: bool) -> str:
    """A coloured box: a one-cell table (its padding), or for a screen reader a paragraph on
    its own line (Qt's text interface passes a table's start, end and cell breaks as U+FDD0
    and U+FDD1 instead of line breaks: "...sepsis grave\ufdd0STOP: ..." reads as one line)."""
    if linear:
        return f'<p style="margin:4px 0;{style}">{inner}</p>'
    return (f'<table width="100%" cellpadding="6" style="margin:4px 0;{style}">'
            f"<tr><td>{inner}</td></tr></table>")


def _alert(a, lang: str, linear: bool = False, plan: Plan | None = None) -> str:
    label = severity_label(a.severity, lang)
    return _box(_SEVERITY_STYLE[a.severity],
                f"<b>{escape(label + colon(lang))}</b> {escape(a.text)} {cite(a.citations)}"
                + _ack(plan, a, lang), linear)


def _ack(plan: Plan | None, a, lang: str) -> str:
    """The signed plan's acknowledgement of ``a``, under it (after signing)."""
    ack = plan.acknowledgement_of(a) if plan is not None else None
    if ack is None:
        return ""
    from leptodesk.acknowledge import ack_line

    return f"<br><i>{escape(ack_line(ack, lang))}</i>"


def _note(line: str, stop: bool) -> str:
    style = _SEVERITY_STYLE[Severity.stop] if stop else ""
    return f'<span style="{style}">{escape(line)}</span>'


def _list(items: list[str]) -> str:
    return "<ul style='margin-top:2px'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _notes(r) -> list[tuple[str, bool]]:
    """A dose row's notes, each with whether it is a stop (the core says which)."""
    stops = getattr(r, "note_stops", ()) or tuple(False for _ in r.notes)
    return list(zip(r.notes, stops, strict=False))


def plan_html(plan: Plan, case: Case, *, full: bool, linear: bool = False) -> str:
    """``full``: the review page (everything); otherwise the compact live panel.
    ``linear``: for a screen reader, no tables (see :func:`_box`): the alert boxes are
    paragraphs, the dose and calendar tables lists whose lines name their columns."""
    return "\n".join(plan_parts(plan, case, full=full, linear=linear))


def plan_parts(plan: Plan, case: Case, *, full: bool, linear: bool = False) -> list[str]:
    """The plan's HTML in its parts, in order (a heading, its list or table, an alert box...):
    joined, they are :func:`plan_html`; the live panel replaces only the parts that changed."""
    lang = plan.language
    said = colon(lang)

    def t(key: str, **fields: object) -> str:
        return escape(tr(lang, f"msg:{key}", **fields))

    out: list[str] = []
    banner = translation_banner(plan)
    if banner:  # pending clinical review: said first, in the language and in English
        out.append('<p style="background:#fff3cd;color:#3d2e00;padding:4px">'
                   + "<br>".join(f"<b>{escape(line)}</b>" if i == 0 else escape(line)
                                 for i, line in enumerate(banner)) + "</p>")
    name = case.patient.display_name or tr(lang, "msg:no_name")
    out.append(f"<p><b>{escape(name)}</b><br>"
               f"{t('text_pathway', pathway=pathway_title(plan.pathway, lang))}"
               f"<br>{t('text_lp')} {escape(lp_verdict_text(plan))}</p>")
    if plan.entry_checks:
        out.append(f"<h3>{t('entry_checks_title')}</h3>")
        for k in plan.entry_checks:
            out.append(_box(_SEVERITY_STYLE[k.severity],
                            f"<b>{escape(severity_label(k.severity, lang) + said)}</b> "
                            f"{escape(k.text)}", linear))
    for sev in (Severity.stop, Severity.warning, Severity.info):
        for a in plan.alerts_of(sev):
            out.append(_alert(a, lang, linear, plan))
    if plan.findings:
        out.append(f"<h3>{t('head_findings')}</h3>")
        out.append(_list([f"{escape(f.text)} {cite(f.citations)}" for f in plan.findings]))
    for section in Section:
        recs = [r for r in plan.recommendations if r.section is section]
        if recs:
            out.append(f"<h3>{escape(section_title(section, lang))}</h3>")
            out.append(_list([f"{escape(r.text)} {cite(r.citations)}" for r in recs]))
    rows = dose_rows(plan)
    if rows and full and linear:  # one line per drug, each value after its column's name
        out.append(f"<h3>{t('head_doses')}</h3>")
        out.append(_list([
            f"<b>{escape(r.drug)}</b>" + "".join(
                f"; {t(column)}{said} {escape(value)}" for column, value in (
                    ("pdf_col_route", r.route), ("pdf_col_dose", r.amount),
                    ("pdf_col_frequency", r.frequency),
                    ("pdf_col_daily_total", r.daily_total),
                    ("pdf_col_basis", f"{r.basis}; {r.dates}")))
            + "".join(f"<br>{_note(n, stop)}" for n, stop in _notes(r)) for r in rows]))
    elif rows and full:
        # Each drug a header row, then one row per column's name and value: two columns fit
        # the review page's plan at 1024 pixels in every language (six side by side split
        # "methotre|xate" and pushed the table past the view).
        def drug(r) -> str:
            values = "".join(
                f"<tr><td>{t(column)}</td><td>{escape(value)}</td></tr>" for column, value in (
                    ("pdf_col_route", r.route), ("pdf_col_dose", r.amount),
                    ("pdf_col_frequency", r.frequency),
                    ("pdf_col_daily_total", r.daily_total),
                    ("pdf_col_basis", f"{r.basis}; {r.dates}")))
            notes = "".join(f'<tr><td colspan="2">{_note(n, stop)}</td></tr>'
                            for n, stop in _notes(r))
            return (f'<tr><th colspan="2" align="left">{escape(r.drug)}</th></tr>'
                    f"{values}{notes}")

        out.append(f"<h3>{t('head_doses')}</h3>")
        out.append('<table border="1" cellspacing="0" cellpadding="4" width="100%">'
                   + "".join(drug(r) for r in rows) + "</table>")
    elif rows:  # the narrow live panel: one line per drug, its notes beneath
        out.append(f"<h3>{t('head_doses')}</h3>")
        out.append(_list([escape(dose_line(r, lang).split(" | ")[0])
                          + "".join(f"<br>{_note(n, stop)}" for n, stop in _notes(r))
                          for r in rows]))
    if plan.radiotherapy:
        out.append(f"<h3>{t('head_radiotherapy')}</h3>")
        out.append(_list([escape(radiotherapy_line(plan.radiotherapy, lang))]))
    if plan.schedule:
        out.append(f"<h3>{t('head_calendar')}</h3>")
        shown = plan.schedule if full else plan.schedule[:6]
        if linear:  # one line per date
            out.append(_list([f"{escape(_day(s.date, lang) + said)} "
                              f"{escape(schedule_line(s, lang))}" for s in shown]))
        else:
            rows = "".join(f"<tr><td>{escape(_day(s.date, lang))}</td>"
                           f"<td>{escape(schedule_line(s, lang))}</td></tr>" for s in shown)
            item = escape(translate("PlanHtml", "Item"))
            out.append(f'<table border="1" cellspacing="0" cellpadding="4" width="100%">'
                       f"<tr><th>{t('pdf_col_date')}</th><th>{item}</th></tr>{rows}</table>")
        if len(shown) < len(plan.schedule):
            from .i18n import plurals

            more = plurals().more_dates(len(plan.schedule) - len(shown))
            out.append(f"<p>{escape(more)}</p>")
    if plan.review_notes:
        out.append(f"<h3>{t('head_review_notes')}</h3>")
        not_from = escape(translate("PlanHtml", "Not from the guideline:"))
        out.append(_list([f"<i>{not_from}</i> {escape(review_note_line(n, lang))}"
                          for n in plan.review_notes]))
    if plan.gaps:
        out.append(f"<h3>{t('head_gaps')}</h3>")
        out.append(_list([escape(g.text) for g in plan.gaps]))
    if plan.site_defaults:
        out.append(f"<h3>{t('head_site_defaults')}</h3>")
        out.append(_list([escape(site_default_line(s, lang)) for s in plan.site_defaults]))
    if plan.missing:
        out.append(f"<h3>{t('head_missing')}</h3>")
        out.append(_list([escape(field_label(p, lang)) for p in plan.missing]))
    if full:
        out.append("<p style='color:#444'>" + t(
            "text_footer", version=plan.content_version, content=plan.content_sha256[:12],
            case=plan.case_sha256[:12], app=plan.app_version) + "</p>")
    return out


def _day(when, lang: str) -> str:
    """A calendar date with its weekday, in the plan's language (the core's formatting)."""
    return numbers.format_date(when, lang)
