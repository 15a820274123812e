"""The clinician summary (A4 or Letter), with ReportLab platypus: the plan document's blocks
(``leptodesk.view.document``) laid out in their order, then the signature box.

It shows only what the plan contains: every recommendation and alert with its citations,
review notes under their heading that says they are not from the guideline, gaps and site
defaults. Stop alerts sit in a boxed block that says STOP in words (colour is never the only
carrier of meaning). A language pending clinical review says so near the top, in the language
and in English; the PDF's /Lang, a custom ``/LeptoDeskLanguage`` entry and a footer line name
the language (``pdf.layout``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from ..checkcode import check_code
from ..i18n import colon, tr
from ..models import Case, Plan
from ..view.document import (
    Alerts,
    Banner,
    Calendar,
    DoseTable,
    EntryChecks,
    Footer,
    Inputs,
    Items,
    PatientLine,
    ReviewNotes,
    build_document,
)
from ..view.doses import DoseRow
from .fonts import REGULAR
from .layout import (
    STOP_FILL,
    WARN_FILL,
    ExportMark,
    FooterCanvas,
    Para,
    SignatureBox,
    banner_box,
    bold_lead,
    boxed,
    day_cell,
    document_template,
    footer_lines,
    grid,
    nobreak_amount,
    para,
    styles,
)


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    signature_page: int  # 1-based
    signature_box: tuple[int, int, int, int]  # x1, y1, x2, y2 in PDF points


def _dose_table(block: DoseTable, st: dict, width: float) -> Table:
    """The document's dose columns in their order, then "capped"; each drug's review notes
    and stops on the rows beneath it, spanning the table."""
    head = [h for _, h in block.columns] + [block.capped]
    fractions = (0.13, 0.10, 0.12, 0.15, 0.11, 0.19, 0.12, 0.08)
    rows = [[para(h, st["cellb"]) for h in head]]
    extra: list[tuple[int, bool]] = []
    main = list(rows)

    def cells(r: DoseRow) -> list:
        values = block.cells(r)
        out = [para(values[0], st["cellb"])]
        for key, value in zip(("amount", "route", "frequency", "daily_total", "basis", "dates"),
                              values[1:], strict=True):
            shown = nobreak_amount(value) if key in ("amount", "daily_total") else value
            out.append(para(shown, st["cell"]))
        out.append(para(block.capped_yes if r.capped else block.capped_no,
                        st["cellb" if r.capped else "cell"]))
        return out

    for r in block.rows:
        rows.append(cells(r))
        main.append(rows[-1])
        for note, bold in zip(r.notes, r.note_stops, strict=True):
            extra.append((len(rows), bold))
            rows.append([para("", st["cell"]), para(note, st["cellb" if bold else "cell"])]
                        + [""] * (len(head) - 2))
    t = grid(rows, [width * f for f in fractions], fit=main)  # a note's words size no column
    style = []
    for i, bold in extra:
        style.append(("SPAN", (1, i), (-1, i)))
        if bold:
            style.append(("BACKGROUND", (1, i), (-1, i), STOP_FILL))
    if style:
        t.setStyle(TableStyle(style))
    return t


def _alert_block(block: Alerts, st: dict, lang: str) -> Table:
    stop = block.group in ("act_now", "stop")
    rows = [[Para(escape(f"{block.head} ({len(block.items)})"), st["boxhead"])]]
    for a in block.items:
        rows.append([bold_lead(f"{a.label}{colon(lang)}", a.text, st["body"])])
        if a.ack:  # the acknowledgement printed under its alert (signed plans)
            rows.append([Para(escape(a.ack), st["boxhead" if a.ack_overridden else "body"])])
    t = Table(rows, colWidths=["100%"])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("BOX", (0, 0), (-1, -1), 2.2 if stop else 1.0, colors.black),
        ("BACKGROUND", (0, 0), (-1, -1), STOP_FILL if stop else WARN_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return t


def _bullets(items, st: dict, prefix: str = "") -> list:
    lead = f"<i>{escape(prefix)}</i> " if prefix else ""
    return [Para(lead + escape(text), st["bullet"], bulletText="•") for text in items]


def _clinician_story(case: Case, plan: Plan, width: float, st: dict, placed: dict,
                     signer_lines: list[str] | None) -> list:
    doc = build_document(plan, case)
    lang = doc.language
    s: list = [para(tr(lang, "msg:pdf_title"), st["title"])]
    s += banner_box(doc.first(Banner), st, width)
    for block in doc.blocks:
        if isinstance(block, PatientLine):
            s.append(bold_lead(block.patient_label, block.patient, st["body"]))
            s.append(bold_lead(block.pathway_label, block.pathway, st["body"]))
            s.append(bold_lead(block.lp_label_long, block.lp, st["body"]))
            s.append(Spacer(1, 6))
        elif isinstance(block, EntryChecks):
            rows = [[Para(escape(f"{block.title} ({len(block.lines)})"), st["boxhead"])]]
            rows += [[bold_lead(f"{k.label}{colon(lang)}", k.text, st["body"])]
                     for k in block.lines]
            s.append(boxed(rows, width, STOP_FILL if block.stop else WARN_FILL,
                           2.2 if block.stop else 1.0))
            s.append(Spacer(1, 5))
        elif isinstance(block, Alerts):
            if not block.items:
                s.append(para(block.none, st["body"]))
            elif block.group == "info":  # plain lines, no box
                s += [bold_lead(f"{a.label}{colon(lang)}", a.text, st["body"])
                      for a in block.items]
                continue
            else:
                s.append(_alert_block(block, st, lang))
            s.append(Spacer(1, 5))
        elif isinstance(block, DoseTable):
            s.append(para(block.title, st["h2"]))
            s.append(_dose_table(block, st, width))
        elif isinstance(block, Calendar):
            s.append(para(block.title, st["h2"]))
            if not block.rows:
                s.append(para(block.none, st["body"]))
                continue
            rows = [[para(h, st["cellb"]) for h in block.columns]]
            rows += [[para(day_cell(r.date, lang), st["cell"]), para(r.what, st["cell"]),
                      para(r.kind_text, st["cell"]), para(r.ref, st["cell"])]
                     for r in block.rows]
            s.append(grid(rows, [width * f for f in (0.15, 0.57, 0.17, 0.11)]))
        elif isinstance(block, ReviewNotes):
            # Its heading says they are not from the guideline, and the section is kept on one
            # page under it: a marker before each note too would say it twice.
            s.append(KeepTogether([para(block.title, st["h2"]), *_bullets(block.items, st)]))
        elif isinstance(block, Items):
            s.append(para(block.title, st["h2"]))
            s += (_bullets(block.items, st, block.prefix) if block.items
                  else [para(block.none, st["body"])])
        elif isinstance(block, Inputs):
            s.append(para(block.title, st["h2"]))
            rows = [[para(h, st["cellb"]) for h in block.columns]]
            rows += [[para(label, st["cell"]), para(value, st["cell"])]
                     for _, label, value in block.rows]
            s.append(grid(rows, [width * 0.55, width * 0.45]))
        elif isinstance(block, Footer | Banner):
            pass  # the footer on every page (pdf.layout), the banner under the title
    s.append(Spacer(1, 8))
    s.append(KeepTogether([SignatureBox(width, placed, signer_lines, lang)]))
    return s


def render_clinician(case: Case, plan: Plan, page_size_name: str = "A4",
                     signer_lines: list[str] | None = None,
                     mark: ExportMark | None = None) -> Rendered:
    """``signer_lines`` given: the box shows them and leaves room for the signature field;
    otherwise the box says NOT SIGNED (preview and printing of an unsigned plan)."""
    st = styles()
    buf = io.BytesIO()
    doc = document_template(buf, plan, page_size_name, tr(plan.language, "msg:pdf_title"),
                            5 * mm, mark)
    placed: dict = {}
    story = _clinician_story(case, plan, doc.width - 12, st, placed, signer_lines)
    pages = {"n": 0}

    def count(canvas, _doc) -> None:
        pages["n"] = max(pages["n"], canvas.getPageNumber())

    doc.build(story, onFirstPage=count, onLaterPages=count,
              canvasmaker=partial(FooterCanvas, plan_lang=plan.language,
                                  check_code=check_code(mark.export_id) if mark else None,
                                  footer=footer_lines(
                                      case, plan, tr(plan.language, "msg:pdf_clinician_summary"),
                                      mark)))
    return Rendered(buf.getvalue(), pages["n"], placed["page"], placed["box"])

