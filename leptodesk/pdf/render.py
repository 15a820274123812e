"""The clinician summary (A4 or Letter) and the one-page nurse summary, with ReportLab platypus.

Both show only what the plan contains: every recommendation and alert with its citations,
review notes marked as not from the guideline, gaps and site defaults. Stop alerts sit in a
boxed block that says STOP in words (colour is never the only carrier of meaning).

Every word is the plan's language's (``plan.language``): the fixed words from its catalogue,
the plan's own texts as the rules wrote them. A language pending clinical review says so near
the top of both summaries, in the language and in English; the PDF's /Lang, a custom
``/LeptoDeskLanguage`` entry and a footer line name the language.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..checkcode import check_code
from ..fields import field_label
from ..i18n import LANGUAGE_NAMES, PDF_LANG, colon, tr
from ..models import Alert, Case, Plan, Section, Severity
from ..nurse_view import (  # noqa: F401 - act_now_alerts ... : names callers import from here
    ACT_NOW_BLOCKS,
    NurseSheet,
    act_now_alerts,
    check_alerts,
    do_not_alerts,
    label_notes,
    nurse_sheet,
)
from ..plan_view import (
    DoseRow,
    dose_rows,
    radiotherapy_line,
    review_note_line,
    schedule_line,
    site_default_line,
)
from ..report_text import (
    case_inputs,
    cite,
    lp_verdict_text,
    pathway_title,
    section_title,
    severity_label,
    translation_banner,
)
from ..view import numbers
from .fonts import BOLD, REGULAR, register_reportlab_fonts

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}
MARGIN = 16 * mm
FOOTER_HEIGHT = 14 * mm
SIGNATURE_BOX_HEIGHT = 30 * mm
SIGNATURE_FIELD = "ClinicianSignature"
NURSE_SIGNATURE_FIELD = "NurseSummarySignature"
# The nurse summary's type sizes, largest first; the last is the smallest still legible.
NURSE_BASES = (13, 12, 11, 10.5, 10, 9.5, 9, 8.5, 8)

STOP_FILL = colors.Color(1, 0.90, 0.90)
WARN_FILL = colors.Color(1, 0.96, 0.85)
GRID = colors.Color(0.55, 0.55, 0.55)


def page_size(name: str) -> tuple[float, float]:
    try:
        return PAGE_SIZES[name.upper()]
    except KeyError:
        raise ValueError(f"page size must be A4 or Letter, not {name!r}") from None


@dataclass(frozen=True)
class ExportMark:
    """What ties a signed export's two PDFs together: its id, which document this is, and the
    audit log's head when it was signed (the anchor ``audit verify`` checks the log against)."""

    export_id: str
    document: str  # "clinician" or "nurse"
    audit_seq: int
    audit_hash: str


def pdf_keywords(plan: Plan, mark: ExportMark | None = None) -> str:
    """The traceability facts, also kept in the PDF's /Keywords for ``verify``."""
    text = (f"content_version={plan.content_version}; content_sha256={plan.content_sha256}; "
            f"case_sha256={plan.case_sha256}; app_version={plan.app_version}; "
            f"language={plan.language}")
    if mark is not None:
        text += (f"; document={mark.document}; export_id={mark.export_id}; "
                 f"audit_seq={mark.audit_seq}; audit_hash={mark.audit_hash}")
    return text


def parse_keywords(text: str) -> dict[str, str]:
    out = {}
    for part in (text or "").split(";"):
        key, sep, value = part.strip().partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


# --------------------------------------------------------------------------------------------
# Styles


def _styles(base: float = 9.5) -> dict[str, ParagraphStyle]:
    register_reportlab_fonts()
    lead = base * 1.28
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=base, leading=lead, alignment=TA_LEFT,
                          bulletFontName=REGULAR, bulletFontSize=base)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=base * 0.84, leading=lead * 0.84),
        "cell": ParagraphStyle("cell", parent=body, fontSize=base * 0.9, leading=lead * 0.9),
        "cellb": ParagraphStyle("cellb", parent=body, fontName=BOLD, fontSize=base * 0.9,
                                leading=lead * 0.9),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=10, bulletIndent=0,
                                 spaceAfter=base * 0.25),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=base * 1.7,
                                leading=base * 2.1, spaceAfter=base * 0.3),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=base * 1.22,
                             leading=base * 1.5, spaceBefore=base * 0.9, spaceAfter=base * 0.35,
                             keepWithNext=1),  # a heading never ends a page
        "boxhead": ParagraphStyle("boxhead", parent=body, fontName=BOLD, fontSize=base * 1.2,
                                  leading=base * 1.5),
    }


class Para(Paragraph):
    """A Paragraph that does not break its lines again for the width it was last wrapped to.

    Tables wrap every cell when measuring rows, again when splitting across pages and again
    when drawing (up to four times here, always at the same width); line breaking depends only
    on the width, the text and the style, so the last result is kept. Split parts are new
    objects (``split`` uses ``self.__class__``) and break their own lines.
    """

    _wrapped: tuple | None = None  # (width asked, width, height, the lines it broke)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        last = self._wrapped
        # Valid only while the lines are still those: ``split`` may drop or replace them.
        if last is not None and last[0] == avail_width and self.__dict__.get("blPara") is last[3]:
            return last[1], last[2]
        width, height = super().wrap(avail_width, avail_height)
        self._wrapped = (avail_width, width, height, self.__dict__.get("blPara"))
        return width, height


def _p(text: str, style: ParagraphStyle) -> Para:
    return Para(escape(text), style)


def _amount(text: str) -> str:
    """An amount whose number and unit stay on one line ("2500 mg", never "2500 / mg")."""
    if text.endswith((" mg", " g")) and text.count(" ") == 1:
        return text.replace(" ", "\u00a0")
    return text


def _dose_note_rows(row: DoseRow, st: dict, columns: int) -> tuple[list[list], list]:
    """The notes on a dose, each a row spanning the table under the drug's row."""
    rows, spans = [], []
    for note, bold in zip(row.notes, row.note_stops, strict=True):
        rows.append([_p("", st["cell"]), _p(note, st["cellb" if bold else "cell"])]
                    + [""] * (columns - 2))
        spans.append(bold)
    return rows, spans


def _dose_table(rows_in: list[DoseRow], st: dict, head: list[str], cells, widths: list[float]
                ) -> Table:
    """A dose table whose review notes and stops sit on the rows beneath each drug."""
    rows = [[_p(h, st["cellb"]) for h in head]]
    extra = []
    main = list(rows)
    for r in rows_in:
        rows.append(cells(r))
        main.append(rows[-1])
        notes, stops = _dose_note_rows(r, st, len(head))
        for bold in stops:
            extra.append((len(rows), bold))
            rows.append(notes.pop(0))
    t = _grid(rows, widths, fit=main)  # a note spans the row: its words do not size columns
    style = []
    for i, bold in extra:
        style.append(("SPAN", (1, i), (-1, i)))
        if bold:
            style.append(("BACKGROUND", (1, i), (-1, i), STOP_FILL))
    if style:
        t.setStyle(TableStyle(style))
    return t


def _bold_lead(label: str, text: str, style: ParagraphStyle) -> Para:
    return Para(f"<b>{escape(label)}</b> {escape(text)}", style)




# --------------------------------------------------------------------------------------------
# Page furniture: footer with "page x of y", the reserved signature box


class _LanguageInfo(PDFInfo):
    """The document information dictionary with ``/LeptoDeskLanguage`` (e.g. "Français
    (fr)"), the plan's language for any PDF reader's document properties."""

    language = ""

    def format(self, document: Any) -> bytes:
        d = {"Title": PDFString(self.title), "Author": PDFString(self.author),
             "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
             "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
             "Trapped": PDFName(self.trapped),
             "LeptoDeskLanguage": PDFString(self.language)}
        d["ModDate"] = d["CreationDate"] = PDFDate(ts=document._timeStamp,
                                                   dateFormatter=self._dateFormatter)
        return PDFDictionary(d).format(document)


class _FooterCanvas(Canvas):
    """Draws the footer on every page once the page count is known."""

    def __init__(self, *args: Any, footer: list[str], font_size: float = 6.8,
                 plan_lang: str = "en", check_code: str | None = None, **kwargs: Any):
        # ``lang`` (if given) is the document's BCP 47 /Lang, passed on by the doc template
        kwargs["initialFontName"] = REGULAR  # no Helvetica anywhere in the file
        super().__init__(*args, **kwargs)
        self._footer = footer
        lang = self._lang = plan_lang
        info = _LanguageInfo()
        info.__dict__.update(self._doc.info.__dict__)
        info.language = LANGUAGE_NAMES[lang] + f" ({lang})"
        self._doc.info = info
        self._footer_size = font_size
        self._check_code = check_code
        self._saved_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        # Streams are Flate-compressed binary, without ReportLab's ASCII85 layer on top: the
        # same pages, ~25% smaller streams, and no pure-Python base-85 encoding (~2 ms).
        # ReportLab reads this setting only while writing the file, here.
        a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            super().save()
        finally:
            rl_config.useA85 = a85

    def _draw_footer(self, total: int) -> None:
        width, height = self._pagesize
        self.saveState()
        if self._check_code:
            # On every page, so that any page of a paper copy finds the signed original.
            self.setFont(BOLD, 10)
            self.drawRightString(width - MARGIN, height - 10 * mm,
                                 tr(self._lang, "msg:nurse_check_code", code=self._check_code))
        self.setFont(REGULAR, self._footer_size)
        self.setStrokeColor(GRID)
        self.line(MARGIN, FOOTER_HEIGHT - 1 * mm, width - MARGIN, FOOTER_HEIGHT - 1 * mm)
        y = FOOTER_HEIGHT - 4 * mm
        for i, line in enumerate(self._footer):
            if i == 0:
                self.drawRightString(width - MARGIN, y, tr(self._lang, "msg:pdf_page_of",
                                                            n=self._pageNumber, total=total))
            self.drawString(MARGIN, y, line)
            y -= self._footer_size * 1.35
        self.restoreState()


def _footer_lines(case: Case, plan: Plan, what: str,
                  mark: ExportMark | None = None) -> list[str]:
    lang = plan.language
    return [
        tr(lang, "msg:pdf_footer_1", what=what, name=_display_name(case, lang)[:48],
           app=plan.app_version, version=plan.content_version),
        # the language named on every page (the pending review is boxed under the title)
        tr(lang, "msg:pdf_footer_2", sha=plan.content_sha256) + " · "
        + tr(lang, "msg:language_line", language=LANGUAGE_NAMES[lang]),
        tr(lang, "msg:pdf_footer_3", sha=plan.case_sha256)
        + (tr(lang, "msg:pdf_footer_export", export_id=mark.export_id)
           if mark is not None else ""),
    ]


class SignatureBox(Flowable):
    """A reserved box on the last page; the visible signature field is placed inside it."""

    def __init__(self, width: float, placed: dict, signer_lines: list[str] | None,
                 lang: str = "en") -> None:
        super().__init__()
        self.lang = lang
        self.box_width = width
        self.placed = placed
        self.signer_lines = signer_lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.box_width, SIGNATURE_BOX_HEIGHT

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.8)
        c.rect(0, 0, self.box_width, SIGNATURE_BOX_HEIGHT)
        c.setFont(BOLD, 8.5)
        c.drawString(3 * mm, SIGNATURE_BOX_HEIGHT - 4.5 * mm,
                     tr(self.lang, "msg:pdf_signature_box"))
        if self.signer_lines is None:
            c.setFont(BOLD, 10)
            c.drawString(3 * mm, SIGNATURE_BOX_HEIGHT / 2 - 4 * mm,
                         tr(self.lang, "msg:pdf_unsigned"))
        else:
            # The signer's details in the bundled TTF (accents render); pyHanko's stamp beside
            # them marks the signature field. Both lie inside the signed content.
            y_line = SIGNATURE_BOX_HEIGHT - 10 * mm
            step = 4.6 * mm if len(self.signer_lines) <= 4 else 4.1 * mm
            for i, line in enumerate(self.signer_lines):
                c.setFont(BOLD if i == 0 else REGULAR, 9.5)
                c.drawString(3 * mm, y_line, line)
                y_line -= step
        c.restoreState()
        x, y = c.absolutePosition(0, 0)
        field_top = SIGNATURE_BOX_HEIGHT - 6.5 * mm
        field_left = self.box_width * 0.62
        self.placed["box"] = (round(x + field_left), round(y + 1.5 * mm),
                              round(x + self.box_width - 2 * mm), round(y + field_top))
        self.placed["page"] = c.getPageNumber()


# --------------------------------------------------------------------------------------------
# Shared pieces


def _ack_rows(plan: Plan | None, alert: Alert, st: dict, lang: str) -> list[list]:
    """The acknowledgement printed under its alert (signed plans of version 3)."""
    ack = plan.acknowledgement_of(alert) if plan is not None else None
    if ack is None:
        return []
    from ..acknowledge import ack_line

    return [[Para(escape(ack_line(ack, lang)), st["boxhead" if ack.reason else "body"])]]


def _override_rows(plan: Plan, st: dict, width: float, lang: str) -> list:
    """The top of the nurse sheet: every STOP and WARNING the prescriber overrode, with the
    reason ("STOP overridden by Dr ...: reason")."""
    from ..acknowledge import nurse_override_line, overridden

    found = overridden(plan)
    if not found:
        return []
    rows = [[Para(escape(tr(lang, "msg:ack_nurse_head")), st["boxhead"])]]
    rows += [[_bold_lead(nurse_override_line(alert, ack, lang),
                         f"{alert.text} {cite(alert.citations)}", st["body"])]
             for alert, ack in found]
    return [_boxed(rows, width, STOP_FILL, 2.2), Spacer(1, 4)]


def _alert_block(alerts: list[Alert], severity: Severity, st: dict, fill, border: float,
                 lang: str, head: str | None = None, label: str | None = None,
                 acks_of: Plan | None = None) -> Table:
    label = label or severity_label(severity, lang)
    head = head or {Severity.stop: tr(lang, "msg:pdf_stop_head"),
                    Severity.warning: tr(lang, "msg:pdf_warning_head"),
                    Severity.info: severity_label(Severity.info, lang)}[severity]
    rows = [[Para(escape(f"{head} ({len(alerts)})"), st["boxhead"])]]
    for a in alerts:
        rows.append([_bold_lead(f"{label}{colon(lang)}", f"{a.text} {cite(a.citations)}",
                                st["body"])])
        rows += _ack_rows(acks_of, a, st, lang)
    t = Table(rows, colWidths=["100%"])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("BOX", (0, 0), (-1, -1), border, colors.black),
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return t


def _entry_checks_block(plan: Plan, st: dict, width: float) -> Table:
    lang = plan.language
    title = tr(lang, "msg:entry_checks_title")
    rows = [[Para(escape(f"{title} ({len(plan.entry_checks)})"), st["boxhead"])]]
    rows += [[_bold_lead(f"{severity_label(k.severity, lang)}{colon(lang)}", k.text, st["body"])]
             for k in plan.entry_checks]
    stop = any(k.severity is Severity.stop for k in plan.entry_checks)
    return _boxed(rows, width, STOP_FILL if stop else WARN_FILL, 2.2 if stop else 1.0)


def _longest_word(para: Paragraph) -> float:
    """The width of the widest word in a paragraph, in its own fonts."""
    best = current = 0.0
    for frag in para.frags:
        for part in re.split(r"([ \t\r\n]+)", frag.text):  # a no-break space joins
            if not part:
                continue
            if part.isspace():
                current = 0.0
                continue
            current += stringWidth(part, frag.fontName, frag.fontSize)
            best = max(best, current)
    return best


# Set when a table had to break a word for want of width (read by ``_nurse_layout``).
_SQUEEZED: list[bool] = []


def _fit_widths(rows: list[list], widths: list[float], padding: float = 6.5) -> list[float]:
    """Column widths of the same total in which no word is broken inside (a drug name split
    as "methotrexat / e" misreads): a column too narrow for its widest word takes the room
    from the others, in proportion to what they can spare."""
    need = [max((_longest_word(r[j]) for r in rows if isinstance(r[j], Paragraph)),
                default=0.0) + padding for j in range(len(widths))]
    total = sum(widths)
    if sum(need) >= total:  # cannot be helped at this type size: share out what there is
        _SQUEEZED[:] = [True]  # the nurse layout then tries a smaller type size
        return [total * n / sum(need) for n in need]
    fixed: set[int] = set()
    out = list(widths)
    while True:
        short = [j for j in range(len(out)) if j not in fixed and out[j] < need[j]]
        if not short:
            return out
        fixed.update(short)
        free = total - sum(need[j] for j in fixed)
        rest = sum(widths[j] for j in range(len(widths)) if j not in fixed)
        out = [need[j] if j in fixed else free * widths[j] / rest for j in range(len(widths))]


def _grid(rows: list[list], widths: list[float], header: bool = True,
          fit: list[list] | None = None) -> Table:
    """``fit``: the rows whose words the columns must hold (default: all)."""
    t = Table(rows, colWidths=_fit_widths(fit or rows, widths), repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
    t.setStyle(TableStyle(style))
    return t


def _patient_line(case: Case, lang: str = "en") -> str:
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


def _display_name(case: Case, lang: str = "en") -> str:
    return case.patient.display_name or tr(lang, "msg:no_name")


# --------------------------------------------------------------------------------------------
# Clinician summary


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    signature_page: int  # 1-based
    signature_box: tuple[int, int, int, int]  # x1, y1, x2, y2 in PDF points


def _banner(plan: Plan, st: dict, width: float) -> list:
    """While the plan's language is pending clinical review: a box near the top saying so in
    the language and in English, with the way to the English original."""
    lines = translation_banner(plan, paper=True)
    if not lines:
        return []
    rows = [[Para(f"<b>{escape(lines[0])}</b> / <b>{escape(lines[1])}</b>", st["body"])],
            [Para(escape(lines[2]), st["body"])]]
    return [_boxed(rows, width, WARN_FILL, 1.6), Spacer(1, 4)]


def _clinician_story(case: Case, plan: Plan, width: float, st: dict, placed: dict,
                     signer_lines: list[str] | None) -> list:
    lang = plan.language

    def t(key: str, **fields: object) -> str:
        return tr(lang, f"msg:{key}", **fields)

    s: list = []
    s.append(_p(t("pdf_title"), st["title"]))
    s += _banner(plan, st, width)
    s.append(_bold_lead(t("pdf_patient"),
                        f"{_display_name(case, lang)}; {_patient_line(case, lang)}", st["body"]))
    s.append(_bold_lead(t("pdf_pathway"), pathway_title(plan.pathway, lang), st["body"]))
    s.append(_bold_lead(t("pdf_lp"), lp_verdict_text(plan), st["body"]))
    s.append(Spacer(1, 6))

    if plan.entry_checks:
        s.append(_entry_checks_block(plan, st, width))
        s.append(Spacer(1, 5))
    act_now = act_now_alerts(plan)
    stops = [a for a in plan.alerts_of(Severity.stop) if a not in act_now]
    if act_now:
        s.append(_alert_block(act_now, Severity.stop, st, STOP_FILL, 2.2, lang,
                              head=t("pdf_act_now_head"), label=t("pdf_act_now"),
                              acks_of=plan))
        s.append(Spacer(1, 5))
    if stops:
        s.append(_alert_block(stops, Severity.stop, st, STOP_FILL, 2.2, lang, acks_of=plan))
    elif not act_now:
        s.append(_p(t("pdf_no_stop"), st["body"]))
    s.append(Spacer(1, 5))
    warnings = [a for a in plan.alerts_of(Severity.warning) if a not in act_now]
    if warnings:
        s.append(_alert_block(warnings, Severity.warning, st, WARN_FILL, 1.0, lang,
                              acks_of=plan))
        s.append(Spacer(1, 5))
    infos = plan.alerts_of(Severity.info)
    for a in infos:
        s.append(_bold_lead(f"{severity_label(Severity.info, lang)}{colon(lang)}",
                            f"{a.text} {cite(a.citations)}", st["body"]))

    if plan.findings:
        s.append(_p(t("head_findings"), st["h2"]))
        for f in plan.findings:
            s.append(Para(escape(f"{f.text} {cite(f.citations)}"), st["bullet"],
                               bulletText="•"))

    for section in Section:
        recs = [r for r in plan.recommendations if r.section is section]
        if not recs:
            continue
        s.append(_p(section_title(section, lang), st["h2"]))
        for r in recs:
            s.append(Para(escape(f"{r.text} {cite(r.citations)}"), st["bullet"],
                               bulletText="•"))

    if plan.doses:
        s.append(_p(t("head_doses"), st["h2"]))
        head = [t(f"pdf_col_{k}") for k in ("drug", "amount", "route", "frequency",
                                             "daily_total", "basis", "capped")]
        fr = [0.15, 0.12, 0.14, 0.19, 0.12, 0.19, 0.09]
        s.append(_dose_table(dose_rows(plan), st, head, lambda r: [
            _p(r.drug, st["cellb"]), _p(_amount(r.amount), st["cell"]),
            _p(r.route, st["cell"]), _p(r.frequency, st["cell"]),
            _p(_amount(r.daily_total), st["cell"]), _p(r.basis, st["cell"]),
            _p(t("pdf_capped") if r.capped else t("pdf_no"),
               st["cellb" if r.capped else "cell"]),
        ], [width * f for f in fr]))

    if plan.radiotherapy:
        s.append(_p(t("head_radiotherapy"), st["h2"]))
        s.append(Para(escape(radiotherapy_line(plan.radiotherapy, lang)), st["bullet"],
                      bulletText="•"))

    if plan.schedule:
        s.append(_p(t("head_calendar"), st["h2"]))
        rows = [[_p(t(f"pdf_col_{k}"), st["cellb"]) for k in ("date", "what", "kind", "ref")]]
        for item in plan.schedule:
            rows.append([_p(_day(item.date, lang), st["cell"]),
                         _p(schedule_line(item, lang, citations=False), st["cell"]),
                         _p(t(f"pdf_kind_{item.kind}"), st["cell"]),
                         _p(cite(item.citations), st["cell"])])
        s.append(_grid(rows, [width * f for f in (0.15, 0.57, 0.17, 0.11)]))
    elif not case.planned.treatment_start_date:
        s.append(_p(t("head_calendar"), st["h2"]))
        s.append(_p(t("pdf_no_calendar"), st["body"]))

    if plan.review_notes:
        s.append(_p(t("head_review_notes"), st["h2"]))
        for n in plan.review_notes:
            s.append(Para(escape(review_note_line(n, lang)), st["bullet"], bulletText="•"))
    if plan.gaps:
        s.append(_p(t("head_gaps"), st["h2"]))
        for g in plan.gaps:
            s.append(Para(escape(g.text), st["bullet"], bulletText="•"))
    if plan.site_defaults:
        s.append(_p(t("head_site_defaults"), st["h2"]))
        for d in plan.site_defaults:
            s.append(Para(escape(site_default_line(d, lang)), st["bullet"], bulletText="•"))

    s.append(_p(t("head_missing"), st["h2"]))
    if plan.missing:
        for path in plan.missing:
            # By the wizard's label, as on screen: a field path is the developer's name.
            s.append(Para(escape(field_label(path, lang)), st["bullet"], bulletText="•"))
    else:
        s.append(_p(t("pdf_nothing_missing"), st["body"]))

    s.append(_p(t("pdf_inputs"), st["h2"]))
    inputs = case_inputs(case, lang)
    rows = [[_p(h, st["cellb"]) for h in (t("pdf_col_field"), t("pdf_col_entered"))]]
    rows += [[_p(label, st["cell"]), _p(value, st["cell"])] for _, label, value in inputs]
    s.append(_grid(rows, [width * 0.55, width * 0.45]))

    s.append(Spacer(1, 8))
    s.append(KeepTogether([SignatureBox(width, placed, signer_lines, lang)]))
    return s


def _document(buf: io.BytesIO, plan: Plan, page_size_name: str, title: str,
              above_footer: float, mark: ExportMark | None = None) -> SimpleDocTemplate:
    """The page, margins and metadata both summaries share: /Keywords carries the traceability
    facts ``verify`` reads back. ``above_footer``: the gap between the story and the footer."""
    return SimpleDocTemplate(
        buf, pagesize=page_size(page_size_name), leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=FOOTER_HEIGHT + above_footer, title=title,
        author="LeptoDesk", subject=pathway_title(plan.pathway, plan.language),
        keywords=pdf_keywords(plan, mark), creator=f"LeptoDesk {plan.app_version}",
        lang=PDF_LANG[plan.language],
    )


def render_clinician(case: Case, plan: Plan, page_size_name: str = "A4",
                     signer_lines: list[str] | None = None,
                     mark: ExportMark | None = None) -> Rendered:
    """``signer_lines`` given: the box shows them and leaves room for the signature field;
    otherwise the box says NOT SIGNED (preview and printing of an unsigned plan)."""
    st = _styles()
    buf = io.BytesIO()
    doc = _document(buf, plan, page_size_name, tr(plan.language, "msg:pdf_title"), 5 * mm,
                    mark)
    placed: dict = {}
    story = _clinician_story(case, plan, doc.width - 12, st, placed, signer_lines)
    pages = {"n": 0}

    def count(canvas, _doc) -> None:
        pages["n"] = max(pages["n"], canvas.getPageNumber())

    doc.build(story, onFirstPage=count, onLaterPages=count,
              canvasmaker=partial(_FooterCanvas, plan_lang=plan.language,
                                  check_code=check_code(mark.export_id) if mark else None,
                                  footer=_footer_lines(
                                      case, plan, tr(plan.language, "msg:pdf_clinician_summary"),
                                      mark)))
    return Rendered(buf.getvalue(), pages["n"], placed["page"], placed["box"])


# --------------------------------------------------------------------------------------------
# Nurse summary: one page, large plain type (what it shows: ``nurse_view``)


def _boxed(rows: list[list], width: float, fill, border: float) -> Table:
    t = Table(rows, colWidths=[width])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("BOX", (0, 0), (-1, -1), border, colors.black),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def _alert_rows(alerts, st: dict, lang: str, label: str | None = None) -> list[list]:
    return [[_bold_lead(f"{label or severity_label(a.severity, lang)}{colon(lang)}",
                        f"{a.text} {cite(a.citations)}", st["body"])] for a in alerts]


def _day(day, lang: str = "en") -> str:
    """The date with its weekday, never broken across lines ("Tue 24 Nov 2026")."""
    return numbers.format_date(day, lang).replace(" ", "\u00a0")


def _nb(text: str) -> str:
    return text.replace(" ", "\u00a0")


def _tick(text: str, lang: str) -> str:
    """A line to tick and initial: "☐ text  initials ____"."""
    return f"☐\u00a0{_nb(text)}\u00a0\u00a0{tr(lang, 'msg:nurse_initials')}\u00a0____"


def _calendar(shown: list, width: float, st: dict, lang: str = "en") -> Table:
    # Box, weekday and date joined by no-break spaces: the tick box is on its date's line.
    # The heading names the route: each date shows the item without it. A lumbar dose has
    # its LP checks [2] under it, each to tick.
    def cell(x) -> list:
        what = escape(x.item) + escape(f"\u2002{tr(lang, 'msg:nurse_initials')}\u00a0____")
        if x.checks:
            what += "<br/>" + " ".join(escape("☐\u00a0" + c) for c in x.checks)
        return [Para("<b>" + escape("☐\u00a0" + _nb(x.day_text)) + "</b>", st["cellb"]),
                Para(what, st["cell"])]

    cells = [cell(x) for x in shown]
    two = len(cells) > 4
    half = (len(cells) + 1) // 2 if two else len(cells)
    rows = []
    for i in range(half):
        right = cells[i + half] if i + half < len(cells) else [_p("", st["cell"])] * 2
        rows.append(cells[i] + right if two else cells[i])
    # The date gets what it needs (_fit_widths widens it); the item gets the rest.
    cw = [0.14, 0.36, 0.14, 0.36] if two else [0.22, 0.78]
    return _grid(rows, [width * f for f in cw], header=False)


def _continuation(case: Case, rest: list, width: float, height: float, st: dict,
                  lang: str = "en", lp_head: str = "") -> list[list]:
    """The intrathecal dates that did not fit on page 1, as pages of their own (one table per
    page, so that each page reads down its left column, then its right)."""
    def page(chunk: list, number: int, total: int) -> list:
        out = [_p(tr(lang, "msg:pdf_nurse_page_n", n=number, total=total), st["h2"]),
               _p(tr(lang, "msg:pdf_tick", name=_display_name(case, lang)), st["body"])]
        if lp_head:
            out.append(_p(lp_head, st["cellb"]))
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
    rows = [[_p(h, st["cellb"]) for h in head]]
    main = list(rows)
    spans: list[tuple[int, str]] = []
    for d in sheet.drugs:
        first_style = st["cellb"] if d.first_dose_now else st["cell"]
        rows.append([_p(d.drug, st["cellb"]), _p(_amount(d.amount), st["cellb"]),
                     _p(d.route, st["cell"]), _p(d.interval, st["cell"]),
                     _p(d.first_dose, first_style), _p(d.review, st["cell"])])
        main.append(rows[-1])
        for note, bold in zip(d.notes, d.note_stops, strict=True):
            spans.append((len(rows), "stop" if bold else "note"))
            rows.append([_p("", st["cell"]), _p(note, st["cellb" if bold else "cell"])]
                        + [""] * 4)
        if d.due or d.due_note:
            spans.append((len(rows), "due"))
            text = escape(d.due_note) + "<br/>" if d.due_note else ""
            if d.due:
                text += "<b>" + escape(t("nurse_due")) + "</b> " + "\u2003 ".join(
                    escape(_tick(x, lang)) for x in d.due)
            rows.append([_p("", st["cell"]), Para(text, st["cell"])] + [""] * 4)
    table = _grid(rows, [width * f for f in (0.15, 0.12, 0.14, 0.19, 0.2, 0.2)], fit=main)
    style = []
    for i, kind in spans:
        style.append(("SPAN", (1, i), (-1, i)))
        if kind == "stop":
            style.append(("BACKGROUND", (1, i), (-1, i), STOP_FILL))
    if style:
        table.setStyle(TableStyle(style))
    return table


def _nurse_story(case: Case, plan: Plan, width: float, base: float, signature_status: str,
                 sheet: NurseSheet, code: str | None = None, max_checks: int | None = None,
                 it_on_page_1: int | None = None, height: float = 0.0) -> list:
    """``max_checks``: clinician notes shown (the rest: "continued in the full summary").
    ``it_on_page_1``: intrathecal dates on the first page; the rest go on further pages of
    ``height``. The intrathecal calendar and the act-now, do-not and check alerts are never
    cut."""
    st = _styles(base)
    lang = plan.language

    def t(key: str, **fields: object) -> str:
        return tr(lang, f"msg:{key}", **fields)

    s: list = []
    s.append(_p(t("pdf_nurse_heading", name=_display_name(case, lang)), st["title"]))
    # The first line a nurse reads: what must be done now [2].
    if sheet.act_now:
        rows = [[_p(t("pdf_act_now"), st["boxhead"])]] + _alert_rows(sheet.act_now, st, lang,
                                                                    t("pdf_act_now"))
        s.append(_boxed(rows, width, STOP_FILL, 2.2))
        s.append(Spacer(1, base * 0.4))
    # The alerts the prescriber overrode, with the reason, before anything else is read.
    s += _override_rows(plan, st, width, lang)
    s += _banner(plan, st, width)
    s.append(_p(_patient_line(case, lang) + ". " + pathway_title(plan.pathway, lang) + ".",
                st["body"]))
    s.append(_bold_lead(t("pdf_signature"), signature_status, st["body"]))
    s.append(_p(t("nurse_check_code_help", code=code) if code
                else t("nurse_check_code_unsigned"), st["small"]))
    s.append(Spacer(1, base * 0.3))

    s.append(_p(t("pdf_do_not"), st["h2"]))
    if sheet.do_not:
        s.append(_boxed(_alert_rows(sheet.do_not, st, lang), width, STOP_FILL, 2.2))
    else:
        s.append(_p(t("pdf_nothing_forbidden"), st["body"]))
    if sheet.check_alerts or sheet.label_notes or plan.entry_checks:
        s.append(_p(t("pdf_check_before"), st["h2"]))
        rows = [[_bold_lead(t("pdf_check_entry", severity=severity_label(k.severity, lang)),
                            k.text, st["body"])] for k in plan.entry_checks]
        rows += _alert_rows(sheet.check_alerts, st, lang)
        rows += [[_bold_lead(t("pdf_check"), t("pdf_label_note", text=n.text),
                             st["body"])] for n in sheet.label_notes]
        s.append(_boxed(rows, width, WARN_FILL, 1.0))

    s.append(_p(t("pdf_medication"), st["h2"]))
    if sheet.drugs:
        s.append(_p(sheet.window, st["small"]))
        s.append(_medication_table(sheet, st, width))
    else:
        s.append(_p(t("pdf_no_doses"), st["body"]))

    it = list(sheet.it_calendar)
    rest: list = []
    more: list[list] = []
    if it:
        s.append(_p(t("pdf_it_calendar"), st["h2"]))
        if sheet.lp_checks_head:
            s.append(_p(sheet.lp_checks_head, st["cellb"]))
        first = it if it_on_page_1 is None else it[:it_on_page_1]
        rest = it[len(first):]
        if first:
            s.append(_calendar(first, width, st, lang))
        if rest:
            more = _continuation(case, rest, width, height, st, lang, sheet.lp_checks_head)
            total = len(more) + 1
            s.append(_p(t("pdf_more_it_one_page" if total == 2 else "pdf_more_it_pages",
                          n=len(rest), total=total), st["cellb"]))

    # The clinician's decisions (durations, surveillance): plain notes, not tick boxes.
    s.append(_p(t("nurse_clinician_notes"), st["h2"]))
    notes = list(sheet.clinician_notes)
    shown = notes if max_checks is None else notes[:max_checks]
    for text in shown:
        s.append(Para(escape(text), st["bullet"], bulletText="•"))
    if len(shown) < len(notes):
        s.append(_p(t("pdf_more_items", n=len(notes) - len(shown),
                      continued=t("pdf_continued")), st["cellb"]))
    if not notes:
        s.append(_p(t("nurse_no_clinician_notes"), st["body"]))
    s.append(Spacer(1, base * 0.4))
    s.append(_p(t("pdf_citations_note", continued=t("pdf_continued")), st["small"]))
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
        _SQUEEZED.clear()
        story = _nurse_story(case, plan, width, signature_status=signature_status,
                             sheet=sheet, code=code, height=height, **kw)
        last[:] = [kw, story]
        fitted = _story_height(story, width, height) <= height
        # a drug name broken inside a word misreads: a smaller type size first
        return fitted and (not _SQUEEZED or kw.get("base") == NURSE_BASES[-1])

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
    doc = _document(buf, plan, page_size_name, tr(plan.language, "msg:pdf_nurse_title"),
                    4 * mm, mark)
    sheet = nurse_sheet(case, plan, now or datetime.now(), tz)
    code = check_code(mark.export_id) if mark is not None else None
    # What the story may fill: inside the Frame's paddings (6 pt on every side), with 2 pt of
    # height to spare, so that a story measured as fitting stays on its page.
    width, height = doc.width - 12, doc.height - 2 - 12
    layout, story = _nurse_layout(case, plan, signature_status, width, height, sheet, code)
    if story is None:
        story = _nurse_story(case, plan, width, signature_status=signature_status,
                             sheet=sheet, code=code, height=height, **layout)
    doc.build(story,
              canvasmaker=partial(_FooterCanvas, plan_lang=plan.language, check_code=code,
                                  footer=_footer_lines(
                                      case, plan, tr(plan.language, "msg:pdf_nurse_summary"),
                                      mark)))
    return buf.getvalue()
