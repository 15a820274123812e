"""What every surface shows of a plan's doses, formatted once.

The terminal text, the live panel and review page, the clinician PDF and the nurse summary all
take their dose rows from :func:`dose_rows`, so a dose reads the same everywhere (DESIGN: "One
view of the plan"). No clinical decision here: only the plan's numbers, written out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Dose, Plan, Radiotherapy, ReviewNote, Severity, SiteDefaultUsed

STOP_LABEL = "STOP"


def mg(value: float) -> str:
    """A dose as written on a chart: 2500 mg, 4 g, 0.5 mg."""
    if value < 1000 or value % 1000:
        return f"{value:g} mg"
    return f"{value / 1000:g} g"


def cite(citations: list[int]) -> str:
    return "[" + ", ".join(str(n) for n in citations) + "]"


@dataclass(frozen=True)
class DoseRow:
    drug: str
    amount: str  # one dose, or why there is none
    route: str
    frequency: str  # the interval chosen, or "interval not chosen: ask the prescriber"
    daily_total: str  # never a figure for a drug that is not daily
    basis: str  # with the guideline's citations
    capped: bool
    dates: str
    # Stop-level lines first ("STOP: ..."), then notes on this dose, each with its source.
    notes: tuple[str, ...]
    stop: bool  # the row carries a stop (no dose to give until someone decides)


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day) -> str:
    """A calendar date for people, with its weekday: "Tue 24 Nov 2026" (the same in any
    locale, so a printed calendar reads the same on every ward)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _dates(d: Dose, has_calendar: bool) -> str:
    if has_calendar and d.drug == "methotrexate":
        return "see intrathecal calendar"
    if d.start_date:
        return f"from {day_text(d.start_date)}"
    return "start date not entered"


def _daily_total(d: Dose) -> str:
    if d.daily_total_mg is not None:
        return mg(d.daily_total_mg) + (" (CAPPED)" if d.capped else "")
    if d.amount_mg is not None and d.doses_per_day is None:
        return "not a daily drug: see the calendar"
    return "not computed"


def note_line(text: str, source: str | None, severity: Severity) -> str:
    if severity is Severity.stop:
        return f"{STOP_LABEL}: {text}"
    if source:
        return f"Review note (not from the guideline; {source}): {text}"
    return f"{severity.value.upper()}: {text}"


def dose_row(d: Dose, has_calendar: bool = False) -> DoseRow:
    notes: list[str] = []
    if d.no_dose and d.no_dose_stop:
        notes.append(f"{STOP_LABEL}: {d.drug}: {d.no_dose}")
    notes += [note_line(n.text, n.source, n.severity) for n in d.notes
              if n.severity is Severity.stop]
    notes += [note_line(n.text, n.source, n.severity) for n in d.notes
              if n.severity is not Severity.stop]
    if d.amount_mg is not None:
        amount = mg(d.amount_mg)
    else:
        amount = "no dose (see STOP)" if d.no_dose_stop else (d.no_dose or "not computed")
    return DoseRow(drug=d.drug, amount=amount, route=d.route, frequency=d.frequency,
                   daily_total=_daily_total(d), basis=f"{d.basis} {cite(d.citations)}",
                   capped=d.capped, dates=_dates(d, has_calendar), notes=tuple(notes),
                   stop=bool(d.no_dose and d.no_dose_stop) or any(
                       n.severity is Severity.stop for n in d.notes))


def dose_rows(plan: Plan) -> list[DoseRow]:
    has_calendar = any(s.kind == "intrathecal_dose" for s in plan.schedule)
    return [dose_row(d, has_calendar) for d in plan.doses]


def dose_line(row: DoseRow) -> str:
    """One line per drug (terminal, live panel)."""
    text = (f"{row.drug}: {row.amount}, {row.route}, {row.frequency}; daily total "
            f"{row.daily_total}; basis: {row.basis}; {row.dates}")
    return text + "".join(f" | {n}" for n in row.notes)


def radiotherapy_line(rt: Radiotherapy) -> str:
    return (f"{rt.total_dose_gy_min:g}-{rt.total_dose_gy_max:g} Gy in {rt.fractions_min}-"
            f"{rt.fractions_max} daily fractions for {rt.indication} {cite(rt.citations)}")


def review_note_line(n: ReviewNote) -> str:
    return f"{n.text} Source: {n.source}."


def site_default_line(d: SiteDefaultUsed) -> str:
    """A site default by its description and value (its setting name stays in the JSON)."""
    return f"{d.text} This site's value: {d.value}."
