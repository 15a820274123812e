"""What the nurse sheet shows, and the clock arithmetic behind it (no layout: ``pdf.nurse``
lays it out). Its pieces are the plan document's (:mod:`leptodesk.view.document`): the same
patient line, banner, alert lines and dose rows as the clinician summary.

The nurse sheet is what the ward acts on, often on paper, hours after signing (DESIGN: "The
nurse sheet is what the ward acts on"). Per drug: the dose in mg, route, interval, the first
dose's time (as recorded, or "now: give immediately" while bacterial meningitis is suspected
and no antibiotic start is recorded [2]), the due times of the next 72 hours, the stop or
review date; the LP checks before each lumbar intrathecal dose [2]; the clinician's decisions
as plain notes. Every time is the workstation's local time with its UTC offset.

Due times are elapsed-time arithmetic: a dose every 12 hours is 12 real hours after the one
before it, so across a change to or from summer time the clock reading moves by an hour (and
the offset printed beside it says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from ..i18n import colon, format_date, format_datetime, tr
from ..models import AgeGroup, Alert, Case, Plan, ReviewNote, ScheduleItem, Section, Severity
from .document import (
    AlertLine,
    Banner,
    DoseTable,
    Line,
    PatientLine,
    act_now_alerts,
    alert_line,
    build_document,
)
from .doses import DoseRow, drug_name
from .labels import cite, severity_label

# The window of due times printed: "the due times of the next 72 hours".
DUE_WINDOW_HOURS = 72


# --- the clock ---------------------------------------------------------------------------------


def aware(local: datetime, tz: tzinfo | None = None) -> datetime:
    """A time as entered (local wall-clock time, no zone) in ``tz``, or in the workstation's
    zone when ``tz`` is None."""
    if local.tzinfo is not None:
        return local.astimezone(tz) if tz is not None else local.astimezone()
    if tz is None:
        return local.astimezone()  # naive: read as the system's local time, with its offset
    return local.replace(tzinfo=tz)


def utc_offset(when: datetime) -> str:
    """"UTC+01:00", "UTC-03:30", "UTC+00:00" for an aware time."""
    offset = when.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_time(when: datetime, lang: str = "en") -> str:
    """Date, 24-hour time and UTC offset: "Tue 24 Nov 2026 14:40 UTC+01:00"."""
    return f"{format_datetime(when.replace(tzinfo=None), lang)} {utc_offset(when)}"


def due_times(first: datetime, interval_hours: float, window_start: datetime,
              hours: float = DUE_WINDOW_HOURS, tz: tzinfo | None = None) -> list[datetime]:
    """The times a dose given first at ``first`` (local, as entered) and then every
    ``interval_hours`` falls due from ``window_start`` (included) for ``hours`` (excluded),
    in ``tz`` (the workstation's zone when None). Elapsed time: computed in UTC."""
    if interval_hours <= 0:
        raise ValueError("interval_hours must be positive")
    start = aware(first, tz).astimezone(UTC)
    lo = aware(window_start, tz).astimezone(UTC)
    hi = lo + timedelta(hours=hours)
    step = timedelta(hours=interval_hours)
    # the first due time at or after the window's start
    k = 0 if start >= lo else -((start - lo) // step)
    out = []
    when = start + step * k
    while when < hi:
        out.append(when.astimezone(tz) if tz is not None else when.astimezone())
        k += 1
        when = start + step * k
    return out


def due_days(start: date, window_start: datetime, hours: float = DUE_WINDOW_HOURS,
             tz: tzinfo | None = None) -> list[date]:
    """The days of a once-daily drug with no time of day recorded that fall in the window:
    from the later of ``start`` and the window's first day, to the window's last day."""
    lo = aware(window_start, tz)
    hi = lo + timedelta(hours=hours)
    first = max(start, lo.date())
    out = []
    day = first
    while datetime.combine(day, datetime.min.time(), lo.tzinfo) < hi:
        out.append(day)
        day += timedelta(days=1)
    return out


# --- what the sheet shows -----------------------------------------------------------------------


def do_not_alerts(plan: Plan) -> list[Alert]:
    """What the nurse must not do: every alert that blocks something (except the act-now
    alert, which blocks only the waiting) and every other stop alert."""
    act_now = act_now_alerts(plan)
    return [a for a in plan.alerts if a not in act_now
            and (a.blocks or a.severity is Severity.stop)]


def check_alerts(plan: Plan) -> list[Alert]:
    """The other warnings: what to check before giving."""
    taken = act_now_alerts(plan) + do_not_alerts(plan)
    return [a for a in plan.alerts_of(Severity.warning) if a not in taken]


def label_notes(plan: Plan) -> list[ReviewNote]:
    """Product-label notes the bedside needs: ceftriaxone's for a neonate (or when the plan
    raises calcium with ceftriaxone to a stop). Printed as the plan gives them."""
    neonate = plan.age_group == AgeGroup.neonate or any(
        a.id == "pitfall.calcium_ceftriaxone" and a.severity is Severity.stop
        for a in plan.alerts)
    if not neonate:
        return []
    on_rows = {n.id for d in plan.doses for n in d.notes}  # printed on the dose's row
    return [n for n in plan.review_notes
            if n.id == "review.ceftriaxone_label" and n.id not in on_rows]


@dataclass(frozen=True)
class NurseDrug:
    drug: str  # the international name in the sheet's language
    amount: str  # one dose in mg, or why there is none
    route: str
    interval: str
    first_dose: str  # the recorded time, "NOW: give immediately", "from <date>", ...
    first_dose_now: bool
    due: tuple[str, ...]  # the due times (or days) in the window, each to tick and initial
    due_note: str  # when no due time can be printed, why (or how to fill them in)
    review: str  # the stop or review date, or who decides it
    notes: tuple[str, ...]  # the dose row's notes (stops first)
    note_stops: tuple[bool, ...]
    stop: bool


@dataclass(frozen=True)
class CalendarLine:
    day: date
    day_text: str  # with its weekday, and a weekend/holiday mark or where it was moved from
    item: str
    checks: tuple[str, ...]  # bedside checks before this dose (lumbar route: LP checks [2])
    day_off: str | None


@dataclass(frozen=True)
class NurseSheet:
    lang: str
    patient: PatientLine  # the clinician summary's patient line
    banner: Banner | None  # a translation pending clinical review
    act_now: tuple[AlertLine, ...]  # "ACT NOW: ..."
    overridden: tuple[tuple[str, AlertLine], ...]  # ("STOP overridden by Dr ...: why", alert)
    do_not: tuple[AlertLine, ...]
    entry_checks: tuple[Line, ...]
    check_alerts: tuple[AlertLine, ...]
    label_notes: tuple[ReviewNote, ...]
    drugs: tuple[NurseDrug, ...]
    window: str  # "from <time> to <time>" of the due times
    it_calendar: tuple[CalendarLine, ...]
    lp_checks_head: str  # "" unless the intrathecal route is lumbar
    clinician_notes: tuple[str, ...]  # durations, surveillance: plain notes, not tick boxes


def _t(lang: str, key: str, **fields: object) -> str:
    return tr(lang, f"msg:{key}", **fields)


def day_text(item: ScheduleItem, lang: str) -> str:
    """The date with its weekday and what the site's calendar says of it."""
    text = format_date(item.date, lang)
    if item.moved_from is not None:
        text += " " + _t(lang, "day_moved_from", date=format_date(item.moved_from, lang))
    elif item.day_off is not None:
        text += " " + _t(lang, f"day_off_{item.day_off}")
    return text


def _drug(d, row: DoseRow, plan: Plan, now: datetime, tz: tzinfo | None,
          has_calendar: bool) -> NurseDrug:
    """``row``: the dose's row in the plan document (its amount, route, notes as printed)."""
    lang = plan.language
    due: list[str] = []
    note = ""
    interval_h = 24 / d.doses_per_day if d.doses_per_day else None
    if d.first_dose_now:
        first = _t(lang, "nurse_first_now")
        if d.amount_mg is not None and interval_h is not None:
            note = _t(lang, "nurse_due_after_now", h=f"{interval_h:g}")
            # the first dose (now) and those after it in the window, their times by hand
            due = [_t(lang, "nurse_blank_time")] * int(DUE_WINDOW_HOURS // interval_h)
    elif d.first_dose_at is not None:
        first = local_time(aware(d.first_dose_at, tz), lang)
        if d.amount_mg is not None and interval_h is not None:
            due = [local_time(t, lang) for t in due_times(d.first_dose_at, interval_h, now,
                                                           tz=tz)]
    elif d.start_date is not None and not (has_calendar and d.drug == "methotrexate"):
        first = _t(lang, "dates_from", date=format_date(d.start_date, lang))
        if d.amount_mg is not None and interval_h is not None:
            days = due_days(d.start_date, now, tz=tz)
            per_day = d.doses_per_day or 1
            due = [format_date(day, lang) + (f" ({i + 1}/{per_day})" if per_day > 1 else "")
                   for day in days for i in range(per_day)]
            if not days:
                note = _t(lang, "nurse_due_later", hours=DUE_WINDOW_HOURS)
    elif has_calendar and d.drug == "methotrexate":
        first = _t(lang, "dates_see_it_calendar")
    else:
        first = _t(lang, "dates_no_start")
    if d.review_date is not None:
        review = _t(lang, "nurse_review_on", date=format_date(d.review_date, lang))
    elif has_calendar and d.drug == "methotrexate":
        review = _t(lang, "nurse_review_it")
    else:
        review = _t(lang, "nurse_review_clinician")
    interval = row.frequency
    if d.daily_total_mg is not None:
        interval += " " + _t(lang, "nurse_daily_total", total=row.daily_total)
    return NurseDrug(drug=drug_name(d.drug, lang), amount=row.amount, route=row.route,
                     interval=interval, first_dose=first, first_dose_now=d.first_dose_now,
                     due=tuple(due), due_note=note, review=review, notes=row.notes,
                     note_stops=row.note_stops, stop=row.stop)


# The plan's gaps about how long a treatment lasts, under the duration each is about.
DURATION_GAPS = {"bact.duration_spinal": ("gap.bacterial_spinal_unknown",),
                 "bact.duration_meningitis": ("gap.bacterial_duration",)}


def nurse_sheet(case: Case, plan: Plan, now: datetime, tz: tzinfo | None = None) -> NurseSheet:
    """The sheet for ``plan`` as of ``now`` (the signing time, or the time of printing an
    unsigned preview); ``tz`` the zone its times are written in (the workstation's when
    None)."""
    lang = plan.language
    now = aware(now, tz)
    has_calendar = any(s.kind == "intrathecal_dose" for s in plan.schedule)
    doc = build_document(plan, case)
    table = doc.first(DoseTable)
    drugs = tuple(_drug(d, row, plan, now, tz, has_calendar)
                  for d, row in zip(plan.doses, table.rows if table else (), strict=True))
    it = [s for s in plan.schedule if s.kind == "intrathecal_dose"]
    calendar = tuple(CalendarLine(day=s.date, day_text=day_text(s, lang),
                                  item=s.short or s.item, checks=tuple(s.checks),
                                  day_off=s.day_off) for s in it)
    # Where the guideline leaves a duration to the clinician, the sheet says so right under
    # it (both bacterial durations listed alone read as two orders).
    gaps = {g.id: g.text for g in plan.gaps}
    notes = []
    for r in plan.recommendations:
        if r.section is Section.duration_monitoring:
            notes.append(f"{r.text} {cite(r.citations)}")
            notes += [gaps[g] for g in DURATION_GAPS.get(r.id, ()) if g in gaps]
    notes += [f"{day_text(x, lang)}{colon(lang)} {x.item} {cite(x.citations)}"
              for x in plan.schedule if x.kind != "intrathecal_dose"]
    window = _t(lang, "nurse_window", start=local_time(now, lang),
                end=local_time((now + timedelta(hours=DUE_WINDOW_HOURS)).astimezone(
                    now.tzinfo), lang), hours=DUE_WINDOW_HOURS)
    lumbar = any(s.checks for s in it)
    act_label = _t(lang, "pdf_act_now")
    return NurseSheet(
        lang=lang, patient=doc.first(PatientLine), banner=doc.first(Banner),
        act_now=tuple(alert_line(a, lang, label=act_label) for a in act_now_alerts(plan)),
        overridden=_overridden(plan, lang),
        do_not=tuple(alert_line(a, lang) for a in do_not_alerts(plan)),
        entry_checks=tuple(Line(label=severity_label(k.severity, lang), text=k.text,
                                severity=k.severity) for k in plan.entry_checks),
        check_alerts=tuple(alert_line(a, lang) for a in check_alerts(plan)),
        label_notes=tuple(label_notes(plan)), drugs=drugs, window=window,
        it_calendar=calendar,
        lp_checks_head=_t(lang, "nurse_lp_checks_head") if lumbar else "",
        clinician_notes=tuple(notes))


def _overridden(plan: Plan, lang: str) -> tuple[tuple[str, AlertLine], ...]:
    """Every STOP and WARNING the prescriber overrode, with who and why, for the top of the
    sheet ("STOP overridden by Dr ...: reason")."""
    from ..acknowledge import nurse_override_line, overridden

    return tuple((nurse_override_line(alert, ack, lang), alert_line(alert, lang))
                 for alert, ack in overridden(plan))
