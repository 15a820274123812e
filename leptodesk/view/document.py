"""The plan document: what every surface shows of a plan, in order, every string final.

``build_document(plan, case, language)`` decides once which blocks a plan has and in what
order (banner, patient line, entry checks, act-now, STOP, WARNING and INFO alerts with their
acknowledgements, findings, recommendations by section, the dose table, radiotherapy, the
calendar, review notes, gaps, site defaults, what is missing, the inputs, the footer). The
terminal text, the live panel and review page, the clinician PDF and the FHIR bundle only lay
these blocks out (a renderer may leave a block out, the compact panel the inputs say, but
never reorder them or word them again); the nurse summary takes its selection from the same
pieces (:mod:`leptodesk.view.nurse`).

No clinical decision here: the rules decided, the blocks only carry their words, in the plan's
language, with every number written by :mod:`leptodesk.view.numbers`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cache, cached_property
from typing import ClassVar

from ..i18n import catalogue, clears_with_catalogues, tr
from ..models import Alert, Case, Plan, Section, Severity
from .doses import (
    DoseRow,
    dose_rows,
    has_calendar,
    radiotherapy_line,
    review_note_line,
    schedule_line,
    site_default_line,
)
from .labels import (
    case_inputs,
    cite,
    display_name,
    field_label,
    language_line,
    lp_verdict_text,
    pathway_title,
    patient_details,
    section_title,
    severity_label,
    translation_banner,
)
from .numbers import format_date
from .records import frozen

# Alerts that ask for something to be done at once: they block only the waiting (for a CT or
# an LP before antibiotics [2]).
ACT_NOW_BLOCKS = frozenset({"waiting_for_ct_or_lp"})


def act_now_alerts(plan: Plan) -> list[Alert]:
    """Alerts that ask for something to be done at once (they block only the waiting)."""
    return [a for a in plan.alerts if a.blocks and set(a.blocks) <= ACT_NOW_BLOCKS]


# -- the blocks ---------------------------------------------------------------------------------


@frozen
class Block:
    kind: ClassVar[str] = ""


@frozen
class Banner(Block):
    """While the plan's language is pending clinical review: the warning in the language and
    in English, and the way to the English original (``paper``: the printed form of it)."""

    kind: ClassVar[str] = "banner"
    lines: tuple[str, ...]
    paper: tuple[str, ...]


@frozen
class PatientLine(Block):
    kind: ClassVar[str] = "patient"
    title: str  # "LeptoDesk plan for Bed 7"
    patient_label: str  # "Patient:"
    name: str  # as entered, or "(no name entered)"
    details: str  # "age 49 years, sex female, weight 68.04 kg"
    pathway_label: str  # "Pathway:"
    pathway: str
    pathway_line: str  # "Pathway: <title>"
    lp_label: str  # "LP:"
    lp_label_long: str  # "Lumbar puncture:"
    lp: str  # the verdict with its reasons

    @property
    def patient(self) -> str:
        """"Bed 7; age 49 years, sex female, weight 68.04 kg": after "Patient:" on the
        clinician summary and in the live panel's header."""
        return f"{self.name}; {self.details}"


@frozen
class Line:
    """A labelled line: "STOP: <text> [2]"."""

    label: str  # "STOP", "ACT NOW", "WARNING" (the renderer adds the language's colon)
    text: str  # with its citations where it has them
    severity: Severity


@frozen
class EntryChecks(Block):
    kind: ClassVar[str] = "entry_checks"
    title: str
    lines: tuple[Line, ...]
    stop: bool  # one of them is a stop


@frozen
class AlertLine(Line):
    alert_id: str = ""
    ack: str = ""  # the signed plan's acknowledgement of it ("" before signing)
    ack_overridden: bool = False  # overridden with a reason (printed boldly)


@frozen
class Alerts(Block):
    """One group of alerts: ``group`` is "act_now", "stop", "warning" or "info"."""

    kind: ClassVar[str] = "alerts"
    group: str
    title: str  # "STOP", "ACT NOW": the group's heading in a list of sections
    head: str  # "STOP: do not proceed with what these forbid": heading its box on paper
    items: tuple[AlertLine, ...]
    none: str = ""  # said when there are no items ("No STOP alerts for this case.")


@frozen
class Items(Block):
    """A heading and its lines (``prefix`` before each line, ``none`` when there is none)."""

    kind: ClassVar[str] = "items"
    title: str
    items: tuple[str, ...]
    prefix: str = ""
    none: str = ""


@frozen
class Findings(Items):
    kind: ClassVar[str] = "findings"


@frozen
class Recommendations(Items):
    kind: ClassVar[str] = "recommendations"
    section: Section = Section.workup


@frozen
class RadiotherapyBlock(Items):
    kind: ClassVar[str] = "radiotherapy"


@frozen
class ReviewNotes(Items):
    """Where wider references differ from the guideline: the title says the notes are not from
    it, and ``prefix`` says it before each note where one may be read away from the title (a
    screen, a terminal); the clinician PDF keeps them under their title and leaves it out."""

    kind: ClassVar[str] = "review_notes"


@frozen
class Gaps(Items):
    kind: ClassVar[str] = "gaps"


@frozen
class SiteDefaults(Items):
    kind: ClassVar[str] = "site_defaults"


@frozen
class Missing(Items):
    kind: ClassVar[str] = "missing"
    paths: tuple[str, ...] = ()  # each item's field path (the text names it after the label)


# The dose table's columns, in the one order every surface shows them (the clinician PDF adds
# its "capped" column after them; the text writes them in this order on one line).
DOSE_COLUMNS = ("drug", "amount", "route", "frequency", "daily_total", "basis", "dates")
_DOSE_HEADINGS = {"drug": "pdf_col_drug", "amount": "pdf_col_amount", "route": "pdf_col_route",
                  "frequency": "pdf_col_frequency", "daily_total": "pdf_col_daily_total",
                  "basis": "pdf_col_basis", "dates": "pdf_col_dates"}


@frozen
class DoseTable(Block):
    kind: ClassVar[str] = "doses"
    title: str
    columns: tuple[tuple[str, str], ...]  # (key, heading) in DOSE_COLUMNS order
    rows: tuple[DoseRow, ...]
    capped: str  # the "capped" column's heading
    capped_yes: str
    capped_no: str

    @staticmethod
    def cells(row: DoseRow) -> tuple[str, ...]:
        """A row's values in the columns' order."""
        return tuple(getattr(row, key) for key in DOSE_COLUMNS)


@frozen
class CalendarRow:
    date: date
    day: str  # with its weekday: "Mon 30 Nov 2026"
    what: str  # the item, the site's mark for the day, the checks before it
    line: str  # ``what`` with its citations
    kind_text: str  # "intrathecal dose", "milestone", "surveillance"
    ref: str  # "[1]"


@frozen
class Calendar(Block):
    kind: ClassVar[str] = "calendar"
    title: str
    columns: tuple[str, ...]  # date, what, kind, ref
    rows: tuple[CalendarRow, ...]
    none: str = ""  # no dated calendar, and why


@frozen(no_repr=("case",))
class Inputs(Block):
    """Every field entered in the case, by its label, with the value as entered."""

    kind: ClassVar[str] = "inputs"
    title: str
    columns: tuple[str, str]  # field, entered
    case: Case  # not in its repr
    lang: str = "en"

    @cached_property
    def rows(self) -> tuple[tuple[str, str, str], ...]:
        """(path, label, value) for each entered field. Written when first read: the live
        panel, rebuilt at every entry, never shows them."""
        return tuple(case_inputs(self.case, self.lang))


@frozen
class Footer(Block):
    kind: ClassVar[str] = "footer"
    summary: str  # content version and hashes, the app's version
    language: str  # "Language: Français" where it needs saying, else ""


@frozen
class PlanDocument:
    language: str
    blocks: tuple[Block, ...]

    def of(self, kind: type[Block]) -> list[Block]:
        return [b for b in self.blocks if isinstance(b, kind)]

    def first(self, kind: type[Block]) -> Block | None:
        found = self.of(kind)
        return found[0] if found else None


# -- building it ----------------------------------------------------------------------------------


def alert_line(alert: Alert, lang: str, plan: Plan | None = None,
               label: str | None = None) -> AlertLine:
    """An alert as every surface words it, with the signed plan's acknowledgement of it."""
    ack_text, overridden = "", False
    ack = plan.acknowledgement_of(alert) if plan is not None else None
    if ack is not None:
        from ..acknowledge import ack_line

        ack_text, overridden = ack_line(ack, lang), ack.reason is not None
    return AlertLine(label=label or severity_label(alert.severity, lang),
                     text=f"{alert.text} {cite(alert.citations)}", severity=alert.severity,
                     alert_id=alert.id, ack=ack_text, ack_overridden=overridden)


@cache
def _fixed(lang: str, key: str) -> str:
    """A heading, a column's name, a label: the same words at every entry, looked up once a
    catalogue (the live panel writes a document at each entry, with some thirty of them)."""
    return tr(lang, f"msg:{key}")


clears_with_catalogues(_fixed.cache_clear)

# The rows last written for each kind and language, with what they were written from: an
# entry seldom changes the doses, the calendar or the site's defaults, whose rows are the
# document's dearest words (a dozen dated rows, each written twice), and a clinician going
# back and forth between two answers meets the same rows again. Taken again only while the
# plan's items compare equal (they are frozen and compare by value, and what a row is written
# from reads the same when equal: dates are dates, amounts floats; a site default's value is
# compared with its type, 12 and 12.0 are written differently) and from the same catalogue.
_REMEMBERED = 8
_last_rows: dict[tuple[str, str], tuple[tuple[object, tuple, tuple], ...]] = {}


def _rows(kind: str, lang: str, inputs: tuple, write: Callable[[], Iterable]) -> tuple:
    words = catalogue(lang)
    last = _last_rows.get((kind, lang), ())
    for seen in last:
        if seen[0] is words and seen[1] == inputs:
            return seen[2]
    rows = tuple(write())
    # one assignment (a thread sees the old tuple or the new one), the newest first
    _last_rows[(kind, lang)] = ((words, inputs, rows), *last[:_REMEMBERED - 1])
    return rows


def _alerts(plan: Plan, lang: str) -> list[Alerts]:
    def t(key: str) -> str:
        return _fixed(lang, key)

    act_now = act_now_alerts(plan)
    stops = [a for a in plan.alerts_of(Severity.stop) if a not in act_now]
    warnings = [a for a in plan.alerts_of(Severity.warning) if a not in act_now]
    infos = plan.alerts_of(Severity.info)
    out = []
    if act_now:
        out.append(Alerts(group="act_now", title=t("pdf_act_now"),
                          head=t("pdf_act_now_head"), items=tuple(
            alert_line(a, lang, plan, t("pdf_act_now")) for a in act_now)))
    if stops or not act_now:
        out.append(Alerts(group="stop", title=severity_label(Severity.stop, lang),
                          head=t("pdf_stop_head"),
                          items=tuple(alert_line(a, lang, plan) for a in stops),
                          none="" if stops else t("pdf_no_stop")))
    if warnings:
        out.append(Alerts(group="warning", title=severity_label(Severity.warning, lang),
                          head=t("pdf_warning_head"),
                          items=tuple(alert_line(a, lang, plan) for a in warnings)))
    if infos:
        out.append(Alerts(group="info", title=severity_label(Severity.info, lang),
                          head=severity_label(Severity.info, lang),
                          items=tuple(alert_line(a, lang, plan) for a in infos)))
    return out


def calendar_row(item, lang: str) -> CalendarRow:
    return CalendarRow(date=item.date, day=format_date(item.date, lang),
                       what=schedule_line(item, lang, citations=False),
                       line=schedule_line(item, lang),
                       kind_text=_fixed(lang, f"pdf_kind_{item.kind}"), ref=cite(item.citations))


def build_document(plan: Plan, case: Case, language: str | None = None) -> PlanDocument:
    """The plan's blocks in order, each string final in ``language`` (the plan's language
    unless told: the plan's own sentences are in it)."""
    lang = language or plan.language

    def t(key: str, **fields: object) -> str:
        return tr(lang, f"msg:{key}", **fields) if fields else _fixed(lang, key)

    blocks: list[Block] = []
    banner = translation_banner(plan)
    if banner:
        blocks.append(Banner(lines=tuple(banner),
                             paper=tuple(translation_banner(plan, paper=True))))
    name = display_name(case, lang)
    blocks.append(PatientLine(
        title=t("text_title", name=name), patient_label=t("pdf_patient"), name=name,
        details=patient_details(case, lang), pathway_label=t("pdf_pathway"),
        pathway=pathway_title(plan.pathway, lang),
        pathway_line=t("text_pathway", pathway=pathway_title(plan.pathway, lang)),
        lp_label=t("text_lp"),
        lp_label_long=t("pdf_lp"), lp=lp_verdict_text(plan)))
    if plan.entry_checks:
        blocks.append(EntryChecks(
            title=t("entry_checks_title"),
            lines=tuple(Line(label=severity_label(k.severity, lang), text=k.text,
                             severity=k.severity) for k in plan.entry_checks),
            stop=any(k.severity is Severity.stop for k in plan.entry_checks)))
    blocks += _alerts(plan, lang)
    if plan.findings:
        blocks.append(Findings(title=t("head_findings"), items=tuple(
            f"{f.text} {cite(f.citations)}" for f in plan.findings)))
    for section in Section:
        recs = [r for r in plan.recommendations if r.section is section]
        if recs:
            blocks.append(Recommendations(
                title=section_title(section, lang), section=section,
                items=tuple(f"{r.text} {cite(r.citations)}" for r in recs)))
    if plan.doses:
        blocks.append(DoseTable(
            title=t("head_doses"),
            columns=tuple((k, t(_DOSE_HEADINGS[k])) for k in DOSE_COLUMNS),
            rows=_rows("doses", plan.language, (has_calendar(plan), *plan.doses),
                       lambda: dose_rows(plan)),
            capped=t("pdf_col_capped"),
            capped_yes=t("pdf_capped"), capped_no=t("pdf_no")))
    if plan.radiotherapy:
        blocks.append(RadiotherapyBlock(title=t("head_radiotherapy"), items=(
            radiotherapy_line(plan.radiotherapy, lang),)))
    if plan.schedule or not case.planned.treatment_start_date:
        blocks.append(Calendar(
            title=t("head_calendar"),
            columns=tuple(t(f"pdf_col_{k}") for k in ("date", "what", "kind", "ref")),
            rows=_rows("calendar", lang, tuple(plan.schedule),
                       lambda: (calendar_row(s, lang) for s in plan.schedule)),
            none="" if plan.schedule else t("pdf_no_calendar")))
    if plan.review_notes:
        blocks.append(ReviewNotes(
            title=t("head_review_notes"), prefix=t("not_from_guideline"),
            items=tuple(review_note_line(n, lang) for n in plan.review_notes)))
    if plan.gaps:
        blocks.append(Gaps(title=t("head_gaps"), items=tuple(g.text for g in plan.gaps)))
    if plan.site_defaults:
        blocks.append(SiteDefaults(title=t("head_site_defaults"), items=_rows(
            "site_defaults", lang, tuple((s, type(s.value)) for s in plan.site_defaults),
            lambda: (site_default_line(s, lang) for s in plan.site_defaults))))
    # By the wizard's label: a field path is the developer's name for it.
    blocks.append(Missing(title=t("head_missing"),
                          items=tuple(field_label(p, lang) for p in plan.missing),
                          paths=tuple(plan.missing),
                          none=t("pdf_nothing_missing")))
    blocks.append(Inputs(title=t("pdf_inputs"),
                         columns=(t("pdf_col_field"), t("pdf_col_entered")), case=case,
                         lang=lang))
    blocks.append(Footer(
        summary=t("text_footer", version=plan.content_version,
                  content=plan.content_sha256[:12], case=plan.case_sha256[:12],
                  app=plan.app_version),
        language=language_line(plan) if lang != "en" or plan.translation_review is not None
        else ""))
    return PlanDocument(language=lang, blocks=tuple(blocks))

