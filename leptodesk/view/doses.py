"""The plan's doses and dated lines, formatted once: the dose rows, the calendar's, the
radiotherapy's, the review notes' and the site defaults' lines.

The plan document's dose table (:mod:`leptodesk.view.document`) and the nurse sheet
(:mod:`leptodesk.view.nurse`) take their rows from :func:`dose_rows`, so a dose reads the same
on every surface (DESIGN: "One view of the plan"). No clinical decision here: only the plan's
numbers, written out in the plan's language (``plan.language``; numbers with its decimal
separator, units as symbols).
"""

from __future__ import annotations

from ..i18n import catalogue, colon, localize_number, plural_category, tr
from ..models import (
    Dose,
    Plan,
    Radiotherapy,
    ReviewNote,
    ScheduleItem,
    Severity,
    SiteDefaultUsed,
)
from .labels import cite
from .numbers import BABEL_LOCALES, format_date, gray, mg
from .records import frozen

STOP_LABEL = "STOP"


def stop_label(lang: str = "en") -> str:
    return tr(lang, "msg:sev_stop")


def drug_name(drug: str, lang: str = "en") -> str:
    """A drug's international non-proprietary name in ``lang`` (méthotrexate, metotrexato);
    the plan's JSON keeps the lower-case English name as its code."""
    key = f"msg:drug_{drug}"
    return tr(lang, key) if key in catalogue(lang).messages else drug


@frozen  # as the document's blocks: cheaper to make than a dataclass (view/records.py)
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
    note_stops: tuple[bool, ...] = ()  # for each of ``notes``: whether it is a stop
    lang: str = "en"  # the language its words are in (the plan's)


def _dates(d: Dose, has_calendar: bool, lang: str) -> str:
    if has_calendar and d.drug == "methotrexate":
        return tr(lang, "msg:dates_see_it_calendar")
    if d.start_date:
        return tr(lang, "msg:dates_from", date=format_date(d.start_date, lang))
    return tr(lang, "msg:dates_no_start")


def _daily_total(d: Dose, lang: str) -> str:
    if d.daily_total_mg is not None:
        return mg(d.daily_total_mg, lang) + (tr(lang, "msg:capped_mark") if d.capped else "")
    if d.amount_mg is not None and d.doses_per_day is None:
        return tr(lang, "msg:not_daily")
    return tr(lang, "msg:daily_not_computed")


def note_line(text: str, source: str | None, severity: Severity, lang: str = "en") -> str:
    if severity is Severity.stop:
        return f"{stop_label(lang)}{colon(lang)} {text}"
    if source:
        return tr(lang, "msg:review_note_line", source=source, text=text)
    return f"{tr(lang, f'msg:sev_{severity.value}')}{colon(lang)} {text}"


def dose_row(d: Dose, has_calendar: bool = False, lang: str = "en") -> DoseRow:
    notes: list[str] = []
    stops: list[bool] = []
    if d.no_dose and d.no_dose_stop:
        notes.append(f"{stop_label(lang)}{colon(lang)} {drug_name(d.drug, lang)}{colon(lang)} "
                     f"{d.no_dose}")
        stops.append(True)
    for n in d.notes:
        if n.severity is Severity.stop:
            notes.append(note_line(n.text, n.source, n.severity, lang))
            stops.append(True)
    for n in d.notes:
        if n.severity is not Severity.stop:
            notes.append(note_line(n.text, n.source, n.severity, lang))
            stops.append(False)
    if d.amount_mg is not None:
        amount = mg(d.amount_mg, lang)
    else:
        amount = (tr(lang, "msg:no_dose_see_stop") if d.no_dose_stop
                  else (d.no_dose or tr(lang, "msg:freq_not_computed")))
    return DoseRow(drug=drug_name(d.drug, lang), amount=amount, route=d.route,
                   frequency=d.frequency,
                   daily_total=_daily_total(d, lang), basis=f"{d.basis} {cite(d.citations)}",
                   capped=d.capped, dates=_dates(d, has_calendar, lang), notes=tuple(notes),
                   note_stops=tuple(stops), lang=lang,
                   stop=bool(d.no_dose and d.no_dose_stop) or any(
                       n.severity is Severity.stop for n in d.notes))


def has_calendar(plan: Plan) -> bool:
    """The intrathecal course is dated on the calendar (its dose rows point there)."""
    return any(s.kind == "intrathecal_dose" for s in plan.schedule)


def dose_rows(plan: Plan) -> list[DoseRow]:
    dated = has_calendar(plan)
    return [dose_row(d, dated, plan.language) for d in plan.doses]


def dose_line(row: DoseRow, lang: str | None = None) -> str:
    """One line per drug (terminal, live panel), in the row's language unless told."""
    text = tr(lang or row.lang, "msg:dose_line", drug=row.drug, amount=row.amount, route=row.route,
              frequency=row.frequency, daily_total=row.daily_total, basis=row.basis,
              dates=row.dates)
    return text + "".join(f" | {n}" for n in row.notes)


def schedule_line(s: ScheduleItem, lang: str = "en", citations: bool = True) -> str:
    """A calendar item as every surface writes it: the item and its citations, the site's
    mark for a weekend or holiday (or where it was moved from), and the bedside checks before
    it (the LP checks before a lumbar intrathecal dose [2])."""
    text = f"{s.item} {cite(s.citations)}" if citations else s.item
    if s.moved_from is not None:
        text += " " + tr(lang, "msg:day_moved_from", date=format_date(s.moved_from, lang))
    elif s.day_off is not None:
        text += " " + tr(lang, f"msg:day_off_{s.day_off}")
    if s.checks:
        text += " " + tr(lang, "msg:checks_before", checks="; ".join(s.checks))
    return text


def radiotherapy_line(rt: Radiotherapy, lang: str = "en") -> str:
    return tr(lang, "msg:radiotherapy_line",
              gy_min=gray(rt.total_dose_gy_min, lang), gy_max=gray(rt.total_dose_gy_max, lang),
              fx_min=rt.fractions_min, fx_max=rt.fractions_max, indication=rt.indication,
              cite=cite(rt.citations))


def review_note_line(n: ReviewNote, lang: str = "en") -> str:
    return tr(lang, "msg:review_note_source", text=n.text, source=n.source)


def site_default_line(d: SiteDefaultUsed, lang: str = "en") -> str:
    """A site default by its description and value (its setting name stays in the JSON)."""
    return tr(lang, "msg:site_default_line", text=d.text, value=site_value(d, lang))


# A site default's value with its unit: "25 cm H2O", "12 weeks" (msg:site_value_*; a count
# with the language's plural form). The second intrathecal dose's day is said with weekday
# names: "3 days after the first dose of the week (Monday, then Thursday)".
SITE_UNITS = {
    "opening_pressure_upper_normal_cm_h2o": "site_value_cm_h2o",
    "pleocytosis_wbc_above_per_ul": "site_value_per_ul",
    "lymphocytic_above_percent": "site_value_percent",
    "it_monthly_doses_listed": "site_value_monthly_doses",
    "mri_surveillance_interval_weeks": "site_value_weeks",
    "mri_surveillance_dates_listed": "site_value_mri_dates",
    "prednisone_review_above_mg_per_day": "site_value_mg_per_day",
}
COUNTED = ("site_value_monthly_doses", "site_value_weeks", "site_value_mri_dates")


def site_value(d: SiteDefaultUsed, lang: str = "en") -> str:
    if isinstance(d.value, str):
        return d.value
    shown = localize_number(str(d.value), lang)
    if d.name == "it_twice_weekly_second_dose_day":
        from babel.dates import get_day_names

        days = get_day_names("wide", locale=BABEL_LOCALES.get(lang, "en"))
        return tr(lang, f"msg:site_value_second_dose_{plural_category(lang, shown)}",
                  value=shown, first=days[0], second=days[int(d.value) % 7])
    key = SITE_UNITS.get(d.name)
    if key is None:
        return shown
    if key in COUNTED:
        key = f"{key}_{plural_category(lang, shown)}"
    return tr(lang, f"msg:{key}", value=shown)
