"""The one-page nurse summary, with ReportLab platypus: large plain type, what must be done
now first, then what must not be done, the checks, the medication with its due times to tick,
the intrathecal calendar and the clinician's notes. What it shows is chosen by
:mod:`leptodesk.view.nurse`; this module only lays it out (``pdf.layout`` has the page).
"""

from __future__ import annotations

import io
from datetime import datetime, tzinfo
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from ..checkcode import check_code
from ..i18n import colon, tr
from ..models import Case, Plan
from ..view.labels import display_name
from ..view.nurse import NurseSheet, nurse_sheet
from .fonts import register_reportlab_fonts
from .layout import (
    NURSE_BASES,
    SQUEEZED,
    STOP_FILL,
    WARN_FILL,
    ExportMark,
    FooterCanvas,
    Para,
    banner_box,
    bold_lead,
    boxed,
    document_template,
    footer_lines,
    grid,
    nb,
    nobreak_amount,
    para,
    styles,
)


def _override_rows(sheet: NurseSheet, st: dict, width: float) -> list:
    """The top of the nurse sheet: every STOP and WARNING the prescriber overrode, with the
    reason ("STOP overridden by Dr ...: reason")."""
    if not sheet.overridden:
        return []
    rows = [[Para(escape(tr(sheet.lang, "msg:ack_nurse_head")), st["boxhead"])]]
    rows += [[bold_lead(who, line.text, st["body"])] for who, line in sheet.overridden]
    return [boxed(rows, width, STOP_FILL, 2.2), Spacer(1, 4)]


def _alert_rows(lines, st: dict, lang: str) -> list[list]:
    return [[bold_lead(f"{line.label}{colon(lang)}", line.text, st["body"])] for line in lines]


def _tick(text: str, lang: str) -> str:
    """A line to tick and initial: "☐ text  initials ____"."""
    return f"☐\u00a0{nb(text)}\u00a0\u00a0{tr(lang, 'msg:nurse_initials')}\u00a0____"


def _calendar(shown: list, width: float, st: dict, lang: str = "en") -> Table:
    # Box, weekday and date joined by no-break spaces: the tick box is on its date's line.
    # The heading names the route: each date shows the item without it. A lumbar dose has
    # its LP checks [2] under it, each to tick.
    def cell(x) -> list:
        what = escape(x.item) + escape(f"\u2002{tr(lang, 'msg:nurse_initials')}\u00a0____")
        if x.checks:
            what += "<br/>" + " ".join(escape("☐\u00a0" + c) for c in x.checks)
        return [Para("<b>" + escape("☐\u00a0" + nb(x.day_text)) + "</b>", st["cellb"]),
                Para(what, st["cell"])]

    cells = [cell(x) for x in shown]
    two = len(cells) > 4
    half = (len(cells) + 1) // 2 if two else len(cells)
    rows = []
    for i in range(half):
        right = cells[i + half] if i + half < len(cells) else [para("", st["cell"])] * 2
        rows.append(cells[i] + right if two else cells[i])
    # The date gets what it needs (_fit_widths widens it); the item gets the rest.
    cw = [0.14, 0.36, 0.14, 0.36] if two else [0.22, 0.78]
    return grid(rows, [width * f for f in cw], header=False)


def _continuation(case: Case, rest: list, width: float, height: float, st: dict,
                  lang: str = "en", lp_head: str = "") -> list[list]:
    """The intrathecal dates that did not fit on page 1, as pages of their own (one table per
    page, so that each page reads down its left column, then its right)."""
    def page(chunk: list, number: int, total: int) -> list:
        out = [para(tr(lang, "msg:pdf_nurse_page_n", n=number, total=total), st["h2"]),
               para(tr(lang, "msg:pdf_tick", name=display_name(case, lang)), st["body"])]
        if lp_head:
            out.append(para(lp_head, st["cellb"]))
        return out + [_calendar(chunk, width, st, lang)]

    pages, left = [], list(rest)
    while left:
        lo, hi = 1, len(left)  # at least one date a page, however it fits
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if _story_height(page(left[:mid], 2, 2), width, height) <= height:
                lo = mid
            else:
                hi = mid - 1
        pages.append(left[:lo])
        left = left[lo:]
    total = 1 + len(pages)
    return [page(chunk, i + 2, total) for i, chunk in enumerate(pages)]


def _medication_table(sheet: NurseSheet, st: dict, width: float) -> Table:
    """Per drug: dose (mg), route, interval, first dose, stop/review; beneath it its notes
    and the due times to tick and initial."""
    lang = sheet.lang

    def t(key: str, **fields: object) -> str:
        return tr(lang, f"msg:{key}", **fields)

    head = [t("pdf_col_drug"), t("pdf_col_dose"), t("pdf_col_route"), t("pdf_col_how_often"),
            t("nurse_col_first"), t("nurse_col_review")]
    rows = [[para(h, st["cellb"]) for h in head]]
    main = list(rows)
    spans: list[tuple[int, str]] = []
    for d in sheet.drugs:
        first_style = st["cellb"] if d.first_dose_now else st["cell"]
        rows.append([para(d.drug, st["cellb"]), para(nobreak_amount(d.amount), st["cellb"]),
                     para(d.route, st["cell"]), para(d.interval, st["cell"]),
                     para(d.first_dose, first_style), para(d.review, st["cell"])])
        main.append(rows[-1])
        for note, bold in zip(d.notes, d.note_stops, strict=True):
            spans.append((len(rows), "stop" if bold else "note"))
            rows.append([para("", st["cell"]), para(note, st["cellb" if bold else "cell"])]
                        + [""] * 4)
        if d.due or d.due_note:
            spans.append((len(rows), "due"))
            text = escape(d.due_note) + "<br/>" if d.due_note else ""
            if d.due:
                text += "<b>" + escape(t("nurse_due")) + "</b> " + "\u2003 ".join(
                    escape(_tick(x, lang)) for x in d.due)
            rows.append([para("", st["cell"]), Para(text, st["cell"])] + [""] * 4)
    table = grid(rows, [width * f for f in (0.15, 0.12, 0.14, 0.19, 0.2, 0.2)], fit=main)
    style = []
    for i, kind in spans:
        style.append(("SPAN", (1, i), (-1, i)))
        if kind == "stop":
            style.append(("BACKGROUND", (1, i), (-1, i), STOP_FILL))
    if style:
        table.setStyle(TableStyle(style))
    return table


def _nurse_story(case: Case, plan: Plan, width: float, base: float, signature_status: str,
                 sheet: NurseSheet, code: str | None = None,
                 max_checks: int | None = None, it_on_page_1: int | None = None,
                 height: float = 0.0) -> list:
    """``max_checks``: clinician notes shown (the rest: "continued in the full summary").
    ``it_on_page_1``: intrathecal dates on the first page; the rest go on further pages of
    ``height``. The intrathecal calendar and the act-now, do-not and check alerts are never
    cut."""
    st = styles(base)
    lang = plan.language

    def t(key: str, **fields: object) -> str:
        return tr(lang, f"msg:{key}", **fields)

    s: list = []
    s.append(para(t("pdf_nurse_heading", name=display_name(case, lang)), st["title"]))
    # The first line a nurse reads: what must be done now [2].
    if sheet.act_now:
        rows = [[para(t("pdf_act_now"), st["boxhead"])]] + _alert_rows(sheet.act_now, st, lang)
        s.append(boxed(rows, width, STOP_FILL, 2.2))
        s.append(Spacer(1, base * 0.4))
    # The alerts the prescriber overrode, with the reason, before anything else is read.
    s += _override_rows(sheet, st, width)
    s += banner_box(sheet.banner, st, width)
    s.append(para(f"{sheet.patient.details}. {sheet.patient.pathway}.", st["body"]))
    s.append(bold_lead(t("pdf_signature"), signature_status, st["body"]))
    s.append(para(t("nurse_check_code_help", code=code) if code
                else t("nurse_check_code_unsigned"), st["small"]))
    s.append(Spacer(1, base * 0.3))

    s.append(para(t("pdf_do_not"), st["h2"]))
    if sheet.do_not:
        s.append(boxed(_alert_rows(sheet.do_not, st, lang), width, STOP_FILL, 2.2))
    else:
        s.append(para(t("pdf_nothing_forbidden"), st["body"]))
    if sheet.check_alerts or sheet.label_notes or sheet.entry_checks:
        s.append(para(t("pdf_check_before"), st["h2"]))
        rows = [[bold_lead(t("pdf_check_entry", severity=k.label), k.text, st["body"])]
                for k in sheet.entry_checks]
        rows += _alert_rows(sheet.check_alerts, st, lang)
        rows += [[bold_lead(t("pdf_check"), t("pdf_label_note", text=n.text),
                             st["body"])] for n in sheet.label_notes]
        s.append(boxed(rows, width, WARN_FILL, 1.0))

    s.append(para(t("pdf_medication"), st["h2"]))
    if sheet.drugs:
        s.append(para(sheet.window, st["small"]))
        s.append(_medication_table(sheet, st, width))
    else:
        s.append(para(t("pdf_no_doses"), st["body"]))

    it = list(sheet.it_calendar)
    rest: list = []
    more: list[list] = []
    if it:
        s.append(para(t("pdf_it_calendar"), st["h2"]))
        if sheet.lp_checks_head:
            s.append(para(sheet.lp_checks_head, st["cellb"]))
        first = it if it_on_page_1 is None else it[:it_on_page_1]
        rest = it[len(first):]
        if first:
            s.append(_calendar(first, width, st, lang))
        if rest:
            more = _continuation(case, rest, width, height, st, lang, sheet.lp_checks_head)
            total = len(more) + 1
            s.append(para(t("pdf_more_it_one_page" if total == 2 else "pdf_more_it_pages",
                          n=len(rest), total=total), st["cellb"]))

    # The clinician's decisions (durations, surveillance): plain notes, not tick boxes.
    s.append(para(t("nurse_clinician_notes"), st["h2"]))
    notes = list(sheet.clinician_notes)
    shown = notes if max_checks is None else notes[:max_checks]
    for text in shown:
        s.append(Para(escape(text), st["bullet"], bulletText="•"))
    if len(shown) < len(notes):
        s.append(para(t("pdf_more_items", n=len(notes) - len(shown),
                      continued=t("pdf_continued")), st["cellb"]))
    if not notes:
        s.append(para(t("nurse_no_clinician_notes"), st["body"]))
    s.append(Spacer(1, base * 0.4))
    s.append(para(t("pdf_citations_note", continued=t("pdf_continued")), st["small"]))
    for page in more:
        s.append(PageBreak())
        s += page
    return s


def _story_height(story: list, width: float, height: float) -> float:
    total = 0.0
    for f in story:
        if isinstance(f, PageBreak):
            break  # the first page only
        _, h = f.wrap(width, height)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _nurse_layout(case: Case, plan: Plan, signature_status: str, width: float,
                  height: float, sheet: NurseSheet, code: str | None
                  ) -> tuple[dict, list | None]:
    last: list = []
    layout = _choose_nurse_layout(case, plan, signature_status, width, height, last, sheet,
                                  code)
    return layout, (last[1] if last and last[0] == layout else None)


def _choose_nurse_layout(case: Case, plan: Plan, signature_status: str, width: float,
                         height: float, last: list, sheet: NurseSheet,
                         code: str | None) -> dict:
    """The arguments of ``_nurse_story`` that fit: one page at the largest legible type; else
    at the smallest, with the clinician's notes condensed; else the intrathecal dates that do
    not fit on a second page. Alerts, due times and intrathecal dates are never left out.

    ``last`` receives [layout, story] of the story measured last, so that the chosen story is
    built without being made again."""
    def fits(**kw: Any) -> bool:
        SQUEEZED.clear()
        story = _nurse_story(case, plan, width, signature_status=signature_status,
                             sheet=sheet, code=code, height=height, **kw)
        last[:] = [kw, story]
        fitted = _story_height(story, width, height) <= height
        # a drug name broken inside a word misreads: a smaller type size first
        return fitted and (not SQUEEZED or kw.get("base") == NURSE_BASES[-1])

    for base in NURSE_BASES:
        if fits(base=base):
            return {"base": base}
    base = NURSE_BASES[-1]
    n_checks = len(sheet.clinician_notes)
    condensed = [n for n in (8, 6, 4, 2) if n < n_checks]
    for max_checks in condensed:
        if fits(base=base, max_checks=max_checks):
            return {"base": base, "max_checks": max_checks}
    # Two pages: as many intrathecal dates on the first as fit beside everything else.
    n_it = len(sheet.it_calendar)
    for max_checks in [None, *condensed]:
        lo, hi = 0, n_it - 1  # the largest count in [lo, hi] that fits, if any
        if not fits(base=base, max_checks=max_checks, it_on_page_1=lo):
            continue
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(base=base, max_checks=max_checks, it_on_page_1=mid):
                lo = mid
            else:
                hi = mid - 1
        return {"base": base, "max_checks": max_checks, "it_on_page_1": lo}
    # Alerts alone fill more than a page: let them flow onto further pages, all of them.
    return {"base": base, "max_checks": condensed[-1] if condensed else None}


def render_nurse(case: Case, plan: Plan, signature_status: str,
                 page_size_name: str = "A4", mark: ExportMark | None = None,
                 now: datetime | None = None, tz: tzinfo | None = None) -> bytes:
    """One page whenever the plan fits on one at a legible size (all the examples do); a
    crowded plan continues its intrathecal calendar on a clearly numbered second page rather
    than cut it. ``now``: the time the due times count from (the signing time; default now);
    ``tz``: the zone of every time printed (default the workstation's)."""
    register_reportlab_fonts()

    buf = io.BytesIO()
    template = document_template(buf, plan, page_size_name,
                                 tr(plan.language, "msg:pdf_nurse_title"), 4 * mm, mark)
    sheet = nurse_sheet(case, plan, now or datetime.now(), tz)
    code = check_code(mark.export_id) if mark is not None else None
    # What the story may fill: inside the Frame's paddings (6 pt on every side), with 2 pt of
    # height to spare, so that a story measured as fitting stays on its page.
    width, height = template.width - 12, template.height - 2 - 12
    layout, story = _nurse_layout(case, plan, signature_status, width, height, sheet, code)
    if story is None:
        story = _nurse_story(case, plan, width, signature_status=signature_status,
                             sheet=sheet, code=code, height=height, **layout)
    template.build(story,
              canvasmaker=partial(FooterCanvas, plan_lang=plan.language, check_code=code,
                                  footer=footer_lines(
                                      case, plan, tr(plan.language, "msg:pdf_nurse_summary"),
                                      mark)))
    return buf.getvalue()
