"""The builder's words and what it emits: every sentence looked up by key in the plan's
language and filled with the case's numbers (``view.numbers``), and the plan's items
(recommendations, alerts, findings, gaps, review notes, site values used, entry checks,
calendar items) added once each. No decision here.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from .. import content as c
from .. import i18n
from ..fields import field_label
from ..models import (
    AgeGroup,
    Alert,
    Case,
    Dose,
    DoseNote,
    EntryCheck,
    Finding,
    Gap,
    Radiotherapy,
    Recommendation,
    ReviewNote,
    ScheduleItem,
    Section,
    Severity,
    SiteDefaultUsed,
)
from ..view import numbers
from .schedule import (
    day_off,
    move_off_days,
)

IT = "intrathecal_chemotherapy"
LP = "lumbar_puncture"
# The LP contraindications [2] a clinician judges (the others are values checked on the day).
LP_JUDGEMENTS = frozenset({"lp_safety.infection_at_lp_site", "presentation.severe_sepsis"})


def months(value: float, limit: float, lang: str = "en") -> str:
    """A number of months as the language writes it ("1 month", "1,5 mois")."""
    return c.months_text(numbers.number_vs(value, limit, lang), lang)


def round_half_up(value: float, places: int) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


class Sentences:
    """The plan being built: the case, the site's values, the language, and the items so far."""

    def __init__(self, case: Case, site: c.SiteDefaults, lang: str = "en",
                 today: date | None = None) -> None:
        self.case = case
        self.today = today
        self.site = site
        self.lang = i18n.check_language(lang)
        self.numbers = c.numbers(self.lang)
        self.messages = i18n.catalogue(self.lang).messages  # looked up ~100 times a plan
        self.silent: set[str] = set()  # the child.guideline_silent alerts given (by key)
        self.weight_based = False  # a dose was computed from the weight
        self.missing: list[str] = []
        self.alerts: list[Alert] = []
        self.findings: list[Finding] = []
        self.recs: list[Recommendation] = []
        self.doses: list[Dose] = []
        self.schedule: list[ScheduleItem] = []
        self.notes: list[ReviewNote] = []
        self.gaps: list[Gap] = []
        self.site_used: list[SiteDefaultUsed] = []
        self.radiotherapy: Radiotherapy | None = None
        self.end_of_minimum: date | None = None
        self.checks: list[EntryCheck] = []
        group = case.patient.age_group
        # A child, or an infant who may be a neonate: adult-only regimens get no computed dose.
        self.child = group in (AgeGroup.child, AgeGroup.neonate)
        self.possible_neonate = group is AgeGroup.neonate or case.patient.neonate_status_unknown

    # --- words in the plan's language --------------------------------------------------
    def t(self, key: str, **fields: object) -> str:
        """A view text or a fragment that fills a placeholder, in the plan's language."""
        return self.messages[f"msg:{key}"].format(**fields)

    def n(self, value: float) -> str:
        return numbers.number(value, self.lang)

    def n_vs(self, value: float, limit: float) -> str:
        return numbers.number_vs(value, limit, self.lang)

    def months(self, value: float, limit: float) -> str:
        return months(value, limit, self.lang)

    def date(self, value: date) -> str:
        return numbers.sentence_date(value, self.lang)

    def when(self, value: datetime) -> str:
        return numbers.sentence_datetime(value, self.lang)

    def label(self, path: str) -> str:
        return field_label(path, self.lang)

    def both(self, key: str, items: list[str]) -> str:
        """Two items as the language joins them ("a and b"); one as it is."""
        if len(items) == 1:
            return items[0]
        return self.t(key, first=", ".join(items[:-1]), last=items[-1])

    def _text(self, key: str, fields: dict[str, str]) -> str:
        return self.messages[key].format(**{**self.numbers, **fields})

    # --- emitting -----------------------------------------------------------------------
    def need(self, path: str) -> None:
        if path not in self.missing:
            self.missing.append(path)

    def rec(self, rule_id: str, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        self.recs.append(Recommendation(id=rule_id, section=Section(t.group),
                                        text=self._text(f"text:{rule_id}", fields),
                                        citations=list(t.citations)))

    def alert(self, rule_id: str, severity: Severity | None = None, blocks: tuple[str, ...] = (),
              citations: tuple[int, ...] | None = None, qualifier: str | None = None,
              **fields: str) -> None:
        """``qualifier``: a language-free word that tells apart the alerts of a rule that can
        be raised more than once (its ``ref`` is ``rule_id/qualifier``)."""
        t = c.TEXTS[rule_id]
        cited = citations or t.citations
        assert set(cited) <= set(t.citations), rule_id  # only references of its statement
        self.alerts.append(Alert(id=rule_id, severity=severity or Severity(t.group),
                                 text=self._text(f"text:{rule_id}", fields),
                                 citations=list(cited),
                                 blocks=list(blocks),
                                 ref=f"{rule_id}/{qualifier}" if qualifier else rule_id))

    def finding(self, rule_id: str, site_default: str | None = None, **fields: str) -> None:
        t = c.TEXTS[rule_id]
        self.findings.append(Finding(id=rule_id, text=self._text(f"text:{rule_id}", fields),
                                     citations=list(t.citations), site_default=site_default))

    def gap(self, gap_id: str, **fields: str) -> None:
        if all(g.id != gap_id for g in self.gaps):
            self.gaps.append(Gap(id=gap_id, text=self._text(f"gap:{gap_id}", fields)))

    def note(self, note_id: str) -> None:
        if all(n.id != note_id for n in self.notes):
            self.notes.append(ReviewNote(id=note_id, text=self._text(f"note:{note_id}", {}),
                                         source=self._text(f"source:{note_id}", {})))

    def used(self, name: str) -> None:
        if all(s.name != name for s in self.site_used):
            value = getattr(self.site, name)
            if isinstance(value, bool):
                value = self.t("site_on" if value else "site_off")
            elif name == "site_holidays":
                value = ", ".join(self.date(d) for d in value)
            elif isinstance(value, tuple):
                value = "-".join(self.n(v) for v in value)
            self.site_used.append(SiteDefaultUsed(name=name, value=value,
                                                  text=self._text(f"site:{name}", {})))

    def check(self, check_id: str, fields: list[str], severity: Severity = Severity.warning,
              site_default: str | None = None, **values: str) -> None:
        self.checks.append(EntryCheck(id=check_id, severity=severity, fields=fields,
                                      text=self._text(f"check:{check_id}", values),
                                      site_default=site_default))

    def note_text(self, note_id: str) -> DoseNote:
        """A review note for a dose's row (and the plan's list of review notes)."""
        self.note(note_id)
        return DoseNote(id=note_id, severity=Severity.info,
                        text=self._text(f"note:{note_id}", {}),
                        source=self._text(f"source:{note_id}", {}))

    def child_silent(self, what: str, note_id: str, citations: tuple[int, ...],
                     blocks: tuple[str, ...] = (), **fields: str) -> None:
        """``what``: the key of what the guideline is silent on (each said once)."""
        if what not in self.silent:
            self.silent.add(what)
            self.alert("child.guideline_silent", what=self.t(what, **fields),
                       citations=citations, blocks=blocks, qualifier=what)
        self.note(note_id)

    def add_schedule(self, when: date, item: str, kind: str, citations: tuple[int, ...],
                     short: str | None = None, checks: list[str] | None = None,
                     moved_from: date | None = None) -> None:
        off = day_off(when, self.site.site_holidays)
        if off == "holiday":
            self.used("site_holidays")
        self.schedule.append(ScheduleItem(date=when, item=item, kind=kind,
                                          citations=list(citations), short=short,
                                          checks=checks or [], moved_from=moved_from,
                                          day_off=off))

    def working_days(self, days: list[date]) -> list[tuple[date, date | None]]:
        """Intrathecal and surveillance dates moved off weekends and holidays when the site
        says so (site defaults, off by default); each with the date it was moved from."""
        weekends = self.site.move_dates_off_weekends
        holidays = self.site.site_holidays if self.site.move_dates_off_holidays else ()
        if weekends:
            self.used("move_dates_off_weekends")
        if holidays:
            self.used("move_dates_off_holidays")
            self.used("site_holidays")
        return move_off_days(days, weekends, holidays)
