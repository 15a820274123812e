"""What the clinician summary and the nurse summary share: the page, margins and metadata
(``/Keywords`` carries the traceability facts ``verify`` reads back, ``/LeptoDeskLanguage`` the
plan's language), the type styles, the footer with "page x of y" and the check code, the
signature box, and the table and paragraph helpers (no word broken inside a column).

The words are the plan document's (``leptodesk.view``); this module only lays them out.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
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
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..i18n import LANGUAGE_NAMES, PDF_LANG, tr
from ..models import Case, Plan
from ..view import numbers
from ..view.document import Banner
from ..view.labels import display_name, pathway_title
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


def styles(base: float = 9.5) -> dict[str, ParagraphStyle]:
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


def para(text: str, style: ParagraphStyle) -> Para:
    return Para(escape(text), style)


def nobreak_amount(text: str) -> str:
    """An amount whose number and unit stay on one line ("2500 mg", never "2500 / mg")."""
    if text.endswith((" mg", " g")) and text.count(" ") == 1:
        return text.replace(" ", "\u00a0")
    return text


def bold_lead(label: str, text: str, style: ParagraphStyle) -> Para:
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


class FooterCanvas(Canvas):
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


def footer_lines(case: Case, plan: Plan, what: str,
                  mark: ExportMark | None = None) -> list[str]:
    lang = plan.language
    return [
        tr(lang, "msg:pdf_footer_1", what=what, name=display_name(case, lang)[:48],
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


def _longest_word(paragraph: Paragraph) -> float:
    """The width of the widest word in a paragraph, in its own fonts."""
    best = current = 0.0
    for frag in paragraph.frags:
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
SQUEEZED: list[bool] = []


def _fit_widths(rows: list[list], widths: list[float], padding: float = 6.5) -> list[float]:
    """Column widths of the same total in which no word is broken inside (a drug name split
    as "methotrexat / e" misreads): a column too narrow for its widest word takes the room
    from the others, in proportion to what they can spare."""
    need = [max((_longest_word(r[j]) for r in rows if isinstance(r[j], Paragraph)),
                default=0.0) + padding for j in range(len(widths))]
    total = sum(widths)
    if sum(need) >= total:  # cannot be helped at this type size: share out what there is
        SQUEEZED[:] = [True]  # the nurse layout then tries a smaller type size
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


def grid(rows: list[list], widths: list[float], header: bool = True,
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


def boxed(rows: list[list], width: float, fill, border: float) -> Table:
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


def day_cell(day, lang: str = "en") -> str:
    """The date with its weekday, never broken across lines ("Tue 24 Nov 2026")."""
    return numbers.format_date(day, lang).replace(" ", "\u00a0")


def nb(text: str) -> str:
    return text.replace(" ", "\u00a0")


def document_template(buf: io.BytesIO, plan: Plan, page_size_name: str, title: str,
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


def banner_box(block: Banner | None, st: dict, width: float) -> list:
    """While the plan's language is pending clinical review: a box near the top saying so in
    the language and in English, with the way to the English original (on paper)."""
    if block is None:
        return []
    lines = block.paper
    rows = [[Para(f"<b>{escape(lines[0])}</b> / <b>{escape(lines[1])}</b>", st["body"])],
            [Para(escape(lines[2]), st["body"])]]
    return [boxed(rows, width, WARN_FILL, 1.6), Spacer(1, 4)]

