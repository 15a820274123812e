"""The plan as HTML for the plan panel and the review page: the plan document's blocks
(``leptodesk.view.document``) laid out, stop alerts first, every line with its citations. Pure
presentation; no clinical logic and no words of its own for the plan.

Every word of the plan is the document's, in the plan's language (``plan.language``): its
sentences, and the headings and column names the PDF and the command line use too. Only the
few words that exist on screen alone (the panel's "more dates" line, "Item") go through Qt's
``translate``.
"""

from __future__ import annotations

from html import escape

from leptodesk.i18n import colon
from leptodesk.models import Case, Plan, Severity
from leptodesk.view.document import (
    Alerts,
    Banner,
    Calendar,
    DoseTable,
    EntryChecks,
    Footer,
    Inputs,
    Items,
    PatientLine,
    PlanDocument,
    build_document,
)
from leptodesk.view.doses import dose_line

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


def _alert(a, lang: str, linear: bool = False) -> str:
    """An alert's box, with the signed plan's acknowledgement of it under it."""
    ack = f"<br><i>{escape(a.ack)}</i>" if a.ack else ""
    return _box(_SEVERITY_STYLE[a.severity],
                f"<b>{escape(a.label + colon(lang))}</b> {escape(a.text)}{ack}", linear)


def _note(line: str, stop: bool) -> str:
    style = _SEVERITY_STYLE[Severity.stop] if stop else ""
    return f'<span style="{style}">{escape(line)}</span>'


def _list(items: list[str]) -> str:
    return "<ul style='margin-top:2px'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _notes(r) -> list[tuple[str, bool]]:
    """A dose row's notes, each with whether it is a stop (the core says which)."""
    return list(zip(r.notes, r.note_stops or tuple(False for _ in r.notes), strict=True))


def patient_header(doc: PlanDocument) -> str:
    """The live panel's line above the plan, which never scrolls away: the clinician PDF's
    patient and pathway lines ("Patient: Bed 7; age 49 years, sex female, weight 68.04 kg",
    "Pathway: ..."), in the document's words."""
    line = doc.first(PatientLine)
    return (f"<b>{escape(line.patient_label)}</b> {escape(line.patient)}<br>"
            f"<b>{escape(line.pathway_label)}</b> {escape(line.pathway)}")


def patient_header_text(doc: PlanDocument) -> str:
    """:func:`patient_header` as plain text, a line each."""
    line = doc.first(PatientLine)
    return (f"{line.patient_label} {line.patient}\n{line.pathway_label} {line.pathway}")


def plan_html(plan: Plan, case: Case, *, full: bool, linear: bool = False) -> str:
    """``full``: the review page (everything); otherwise the compact live panel.
    ``linear``: for a screen reader, no tables (see :func:`_box`): the alert boxes are
    paragraphs, the dose and calendar tables lists whose lines name their columns."""
    return "\n".join(plan_parts(plan, case, full=full, linear=linear))


def plan_parts(plan: Plan, case: Case, *, full: bool, linear: bool = False) -> list[str]:
    """The plan document's blocks as HTML parts, in order (a heading, its list or table, an
    alert box...): joined, they are :func:`plan_html`; the live panel replaces only the parts
    that changed. The panel leaves out the alert groups' headings, the calendar after its
    sixth date and the footer; neither shows the inputs (the review page has them beside the
    plan)."""
    return document_parts(build_document(plan, case), full=full, linear=linear)


def document_parts(doc: PlanDocument, *, full: bool, linear: bool = False) -> list[str]:
    """:func:`plan_parts` of a document already built (the panel's header is taken from the
    same one)."""
    lang = doc.language
    said = colon(lang)
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Banner):
            # pending clinical review: said first, in the language and in English
            out.append('<p style="background:#fff3cd;color:#3d2e00;padding:4px">'
                       + "<br>".join(f"<b>{escape(line)}</b>" if i == 0 else escape(line)
                                     for i, line in enumerate(block.lines)) + "</p>")
        elif isinstance(block, PatientLine) and not full and not linear:
            # the panel's header, which never scrolls away, says the patient and the pathway
            # (a screen reader reads the plan itself: there it starts with them, as on paper)
            out.append(f"<p>{escape(block.lp_label)} {escape(block.lp)}</p>")
        elif isinstance(block, PatientLine):
            out.append(f"<p><b>{escape(block.name)}</b><br>{escape(block.pathway_line)}"
                       f"<br>{escape(block.lp_label)} {escape(block.lp)}</p>")
        elif isinstance(block, EntryChecks):
            out.append(f"<h3>{escape(block.title)}</h3>")
            for k in block.lines:
                out.append(_box(_SEVERITY_STYLE[k.severity],
                                f"<b>{escape(k.label + said)}</b> {escape(k.text)}", linear))
        elif isinstance(block, Alerts):
            if not block.items:
                out.append(f"<p>{escape(block.none)}</p>")
                continue
            if full:
                out.append(f"<h3>{escape(block.title)} ({len(block.items)})</h3>")
            out += [_alert(a, lang, linear) for a in block.items]
        elif isinstance(block, DoseTable):
            out.append(f"<h3>{escape(block.title)}</h3>")
            out.append(_doses(block, lang, full, linear))
        elif isinstance(block, Calendar):
            out.append(f"<h3>{escape(block.title)}</h3>")
            out += _calendar(block, full, linear, said)
        elif isinstance(block, Items):
            out.append(f"<h3>{escape(block.title)}</h3>")
            prefix = f"<i>{escape(block.prefix)}</i> " if block.prefix else ""
            out.append(_list([prefix + escape(i) for i in block.items]) if block.items
                       else f"<p>{escape(block.none)}</p>")
        elif isinstance(block, Footer) and full:
            out.append(f"<p style='color:#444'>{escape(block.summary)}</p>")
        elif isinstance(block, Inputs):
            pass  # the review page's own table, beside the plan
    return out


def _doses(block: DoseTable, lang: str, full: bool, linear: bool) -> str:
    said = colon(lang)
    columns = block.columns[1:]  # the drug heads its own values
    if full and linear:  # one line per drug, each value after its column's name
        return _list([
            f"<b>{escape(r.drug)}</b>" + "".join(
                f"; {escape(head)}{said} {escape(value)}"
                for (_, head), value in zip(columns, block.cells(r)[1:], strict=True))
            + "".join(f"<br>{_note(n, stop)}" for n, stop in _notes(r)) for r in block.rows])
    if full:
        # Each drug a header row, then one row per column's name and value: two columns fit
        # the review page's plan at 1024 pixels in every language (six side by side split
        # "methotre|xate" and pushed the table past the view).
        def drug(r) -> str:
            values = "".join(
                f"<tr><td>{escape(head)}</td><td>{escape(value)}</td></tr>"
                for (_, head), value in zip(columns, block.cells(r)[1:], strict=True))
            notes = "".join(f'<tr><td colspan="2">{_note(n, stop)}</td></tr>'
                            for n, stop in _notes(r))
            return (f'<tr><th colspan="2" align="left">{escape(r.drug)}</th></tr>'
                    f"{values}{notes}")

        return ('<table border="1" cellspacing="0" cellpadding="4" width="100%">'
                + "".join(drug(r) for r in block.rows) + "</table>")
    # the narrow live panel: one line per drug, its notes beneath
    return _list([escape(dose_line(r, lang).split(" | ")[0])
                  + "".join(f"<br>{_note(n, stop)}" for n, stop in _notes(r))
                  for r in block.rows])


def _calendar(block: Calendar, full: bool, linear: bool, said: str) -> list[str]:
    if not block.rows:
        return [f"<p>{escape(block.none)}</p>"]
    shown = block.rows if full else block.rows[:6]
    out = []
    if linear:  # one line per date
        out.append(_list([f"{escape(r.day + said)} {escape(r.line)}" for r in shown]))
    else:
        rows = "".join(f"<tr><td>{escape(r.day)}</td><td>{escape(r.line)}</td></tr>"
                       for r in shown)
        item = escape(translate("PlanHtml", "Item"))
        out.append(f'<table border="1" cellspacing="0" cellpadding="4" width="100%">'
                   f"<tr><th>{escape(block.columns[0])}</th><th>{item}</th></tr>{rows}"
                   f"</table>")
    if len(shown) < len(block.rows):
        from .i18n import plurals

        more = plurals().more_dates(len(block.rows) - len(shown))
        out.append(f"<p>{escape(more)}</p>")
    return out
