"""The plan as HTML for the plan panel and the review page: stop alerts first, every line
with its citations. Pure presentation of ``leptodesk`` plan objects; no clinical logic."""

from __future__ import annotations

from html import escape

from leptodesk.fields import field_label
from leptodesk.models import Case, Plan, Section, Severity
from leptodesk.plan_view import (
    dose_line,
    dose_rows,
    radiotherapy_line,
    review_note_line,
    site_default_line,
)
from leptodesk.report_text import (
    ENTRY_CHECKS_TITLE,
    PATHWAY_TITLES,
    SECTION_TITLES,
    SEVERITY_LABELS,
    cite,
    day_text,
    lp_verdict_text,
)

# Colour supports the written severity label; it never carries the meaning alone.
_SEVERITY_STYLE = {
    Severity.stop: "background:#8b0000;color:#ffffff;",
    Severity.warning: "background:#fff3cd;color:#3d2e00;",
    Severity.info: "background:#e8f0fe;color:#0b2a55;",
}


def _alert(a) -> str:
    label = SEVERITY_LABELS[a.severity]
    style = _SEVERITY_STYLE[a.severity]
    return (f'<table width="100%" cellpadding="6" style="margin:4px 0;{style}">'
            f"<tr><td><b>{label}:</b> {escape(a.text)} {cite(a.citations)}</td></tr></table>")


def _note(line: str) -> str:
    style = _SEVERITY_STYLE[Severity.stop] if line.startswith("STOP:") else ""
    return f'<span style="{style}">{escape(line)}</span>'


def _list(items: list[str]) -> str:
    return "<ul style='margin-top:2px'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def plan_html(plan: Plan, case: Case, *, full: bool) -> str:
    """``full``: the review page (everything); otherwise the compact live panel."""
    out: list[str] = []
    name = case.patient.display_name or "(no name entered)"
    out.append(f"<p><b>{escape(name)}</b><br>Pathway: {escape(PATHWAY_TITLES[plan.pathway.value])}"
               f"<br>LP: {escape(lp_verdict_text(plan))}</p>")
    if plan.entry_checks:
        out.append(f"<h3>{escape(ENTRY_CHECKS_TITLE)}</h3>")
        for k in plan.entry_checks:
            out.append(f'<table width="100%" cellpadding="6" style="margin:4px 0;'
                       f'{_SEVERITY_STYLE[k.severity]}"><tr><td><b>'
                       f"{SEVERITY_LABELS[k.severity]}:</b> {escape(k.text)}</td></tr></table>")
    for sev in (Severity.stop, Severity.warning, Severity.info):
        for a in plan.alerts_of(sev):
            out.append(_alert(a))
    if plan.findings:
        out.append("<h3>CSF and results</h3>")
        out.append(_list([f"{escape(f.text)} {cite(f.citations)}" for f in plan.findings]))
    for section in Section:
        recs = [r for r in plan.recommendations if r.section is section]
        if recs:
            out.append(f"<h3>{escape(SECTION_TITLES[section])}</h3>")
            out.append(_list([f"{escape(r.text)} {cite(r.citations)}" for r in recs]))
    rows = dose_rows(plan)
    if rows and full:
        out.append("<h3>Doses</h3>")
        cells = "".join(
            f"<tr><td><b>{escape(r.drug)}</b></td><td>{escape(r.route)}</td>"
            f"<td>{escape(r.amount)}</td><td>{escape(r.frequency)}</td>"
            f"<td>{escape(r.daily_total)}</td><td>{escape(r.basis)}; {escape(r.dates)}</td></tr>"
            + "".join(f'<tr><td></td><td colspan="5">{_note(n)}</td></tr>' for n in r.notes)
            for r in rows)
        out.append('<table border="1" cellspacing="0" cellpadding="4" width="100%">'
                   "<tr><th>Drug</th><th>Route</th><th>Dose</th><th>Frequency</th>"
                   f"<th>Daily total</th><th>Basis</th></tr>{cells}</table>")
    elif rows:  # the narrow live panel: one line per drug, its notes beneath
        out.append("<h3>Doses</h3>")
        out.append(_list([escape(dose_line(r).split(" | ")[0])
                          + "".join(f"<br>{_note(n)}" for n in r.notes) for r in rows]))
    if plan.radiotherapy:
        out.append("<h3>Radiotherapy</h3>")
        out.append(_list([escape(radiotherapy_line(plan.radiotherapy))]))
    if plan.schedule:
        out.append("<h3>Calendar</h3>")
        shown = plan.schedule if full else plan.schedule[:6]
        rows = "".join(f"<tr><td>{day_text(s.date)}</td><td>{escape(s.item)} "
                       f"{cite(s.citations)}</td></tr>" for s in shown)
        out.append(f'<table border="1" cellspacing="0" cellpadding="4" width="100%">'
                   f"<tr><th>Date</th><th>Item</th></tr>{rows}</table>")
        if len(shown) < len(plan.schedule):
            out.append(f"<p>... and {len(plan.schedule) - len(shown)} more dates "
                       "(see the review page).</p>")
    if plan.review_notes:
        out.append("<h3>Review notes (not from the guideline)</h3>")
        out.append(_list([f"<i>Not from the guideline:</i> {escape(review_note_line(n))}"
                          for n in plan.review_notes]))
    if plan.gaps:
        out.append("<h3>Where the guideline is silent</h3>")
        out.append(_list([escape(g.text) for g in plan.gaps]))
    if plan.site_defaults:
        out.append("<h3>Site defaults used (not from the guideline)</h3>")
        out.append(_list([escape(site_default_line(s)) for s in plan.site_defaults]))
    if plan.missing:
        out.append("<h3>Missing</h3>")
        out.append(_list([escape(field_label(p)) for p in plan.missing]))
    if full:
        out.append(f"<p style='color:#444'>Content {escape(plan.content_version)} "
                   f"({plan.content_sha256[:12]}), case {plan.case_sha256[:12]}, "
                   f"LeptoDesk {escape(plan.app_version)}</p>")
    return "\n".join(out)
