"""Date arithmetic for the treatment calendar (no clinical decisions here)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from .. import content as c


def add_months(start: date, months: int) -> date:
    """Same day of the month ``months`` later, clamped to the month's end (31 Jan + 1: 28 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def intrathecal_methotrexate_calendar(
    start: date, second_dose_day: int, monthly_doses: int
) -> list[tuple[date, str, int, int]]:
    """Twice weekly for 4 weeks, weekly for 4 weeks, then monthly [5]: (date, phase, number
    in the phase, doses in the phase) with phase "twice_weekly", "weekly" or "monthly" (the
    words are the plan's language's, chosen by the rules)."""
    twice = c.IT_TWICE_WEEKLY_WEEKS * 2
    items: list[tuple[date, str, int, int]] = []
    for week in range(c.IT_TWICE_WEEKLY_WEEKS):
        for offset in (0, second_dose_day):
            n = len(items) + 1
            items.append((start + timedelta(days=7 * week + offset), "twice_weekly", n, twice))
    weekly_start = start + timedelta(weeks=c.IT_TWICE_WEEKLY_WEEKS)
    for i in range(c.IT_WEEKLY_WEEKS):
        items.append((weekly_start + timedelta(weeks=i), "weekly", i + 1, c.IT_WEEKLY_WEEKS))
    last_weekly = items[-1][0]
    for i in range(1, monthly_doses + 1):
        items.append((add_months(last_weekly, i), "monthly", i, monthly_doses))
    return items


def surveillance_dates(start: date, interval_weeks: int, end: date | None,
                       listed: int | None = None) -> list[date]:
    """Dates of serial MRI: every interval up to the end of the minimum course (and at its
    end when the course is shorter than one interval); the first ``listed`` (else one) when
    the course has no end."""
    step = timedelta(weeks=interval_weeks)
    if end is None:
        return [start + step * i for i in range(1, (listed or 1) + 1)]
    dates = []
    current = start + step
    while current <= end:
        dates.append(current)
        current += step
    if not dates or dates[-1] != end:
        dates.append(end)
    return dates


def day_off(day: date, holidays: tuple[date, ...] | frozenset[date] = ()) -> str | None:
    """"holiday" for a date on the site's holiday list, "weekend" for a Saturday or Sunday,
    else None (a holiday that falls on a weekend is a holiday)."""
    if day in holidays:
        return "holiday"
    if day.weekday() >= 5:
        return "weekend"
    return None


def move_off_days(days: list[date], weekends: bool, holidays: tuple[date, ...] = ()
                  ) -> list[tuple[date, date | None]]:
    """Each of ``days`` (in order) on the next day that is not a weekend day (``weekends``)
    and not one of ``holidays``, and later than the one before it, so that two doses never
    share a day: (the date, the date it was moved from or None)."""
    avoid = frozenset(holidays)
    out: list[tuple[date, date | None]] = []
    previous: date | None = None
    for day in days:
        moved = day
        if previous is not None and moved <= previous:
            moved = previous + timedelta(days=1)
        while moved in avoid or (weekends and moved.weekday() >= 5):
            moved += timedelta(days=1)
        out.append((moved, day if moved != day else None))
        previous = moved
    return out
