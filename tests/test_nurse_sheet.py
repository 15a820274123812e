"""The nurse sheet a ward can act on (issue 21): the urgent first dose, due times by the clock,
the LP checks before each lumbar dose, calendars for people, a check code on every page.

Every expected value here is worked by hand (the dates and offsets from the calendar and the
tz database's published rules for Europe/Lisbon: summer time ends 25 Oct 2026 at 02:00
local, starts 28 Mar 2027... and 29 Mar 2026 at 01:00 UTC).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from leptodesk.clinical import build_plan
from leptodesk.clinical.schedule import (
    add_months,
    day_off,
    intrathecal_methotrexate_calendar,
    move_off_days,
)
from leptodesk.content import SiteDefaults
from leptodesk.models import Severity
from leptodesk.pdf.clinician import render_clinician
from leptodesk.pdf.layout import ExportMark
from leptodesk.pdf.nurse import render_nurse
from leptodesk.service.cases import in_other_unit, kg_from_lb, lb_from_kg
from leptodesk.view.numbers import mg
from leptodesk.view.nurse import due_days, due_times, local_time, nurse_sheet, utc_offset

from .helpers import MALIGNANT_IT_READY, accept_all, case
from .test_pdf_helpers import PASS, identities, trust

__all__ = ["identities"]  # a fixture, used by name

LISBON = ZoneInfo("Europe/Lisbon")
NOW = datetime(2026, 11, 24, 9, 12)  # the sheet's "now" in the tests (a Tuesday)
# An export id whose check code was worked independently (tests/test_checkcode.py KNOWN).
EXPORT_ID, CODE = "3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b", "KDR5-4EF6"

SUSPECTED_CHILD = dict(patient__age_years=7, patient__weight_kg=25,
                       presentation__suspected_bacterial_meningitis=True,
                       presentation__severe_sepsis=False, presentation__rapidly_evolving_rash=False,
                       planned__ceftriaxone_regimen="every_12_h",
                       presentation__vertebral_body_involvement=False)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
                    .replace("\u00a0", " ").split())


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().replace("\u00a0", " ").split())
            for p in PdfReader(io.BytesIO(pdf)).pages]


# --- the clock: due times --------------------------------------------------------------------


def _shown(times):
    return [f"{t:%Y-%m-%d %H:%M} {utc_offset(t)}" for t in times]


def test_due_times_across_midnight():
    # given 20:40, every 12 h; the window opens 21:00 on 24 Nov and closes 72 h later
    got = due_times(datetime(2026, 11, 24, 20, 40), 12, datetime(2026, 11, 24, 21, 0), tz=LISBON)
    assert _shown(got) == [
        "2026-11-25 08:40 UTC+00:00", "2026-11-25 20:40 UTC+00:00",
        "2026-11-26 08:40 UTC+00:00", "2026-11-26 20:40 UTC+00:00",
        "2026-11-27 08:40 UTC+00:00", "2026-11-27 20:40 UTC+00:00",
    ]


def test_due_times_across_the_end_of_summer_time():
    # 24 Oct 14:40 WEST (UTC+1) = 13:40 UTC; +12 h = 01:40 UTC on 25 Oct, after the clocks
    # went back (01:00 UTC): 01:40 WET (UTC+0), not the wall-clock 02:40; then 13:40, 01:40.
    # The window: 24 Oct 15:00 WEST = 14:00 UTC, to 26 Oct 02:00 UTC (36 h)
    got = due_times(datetime(2026, 10, 24, 14, 40), 12, datetime(2026, 10, 24, 15, 0),
                    hours=36, tz=LISBON)
    assert _shown(got) == ["2026-10-25 01:40 UTC+00:00", "2026-10-25 13:40 UTC+00:00",
                           "2026-10-26 01:40 UTC+00:00"]


def test_due_times_across_the_start_of_summer_time():
    # 28 Mar 2026 20:40 WET (UTC+0); +12 h = 08:40 UTC on 29 Mar = 09:40 WEST (UTC+1)
    got = due_times(datetime(2026, 3, 28, 20, 40), 12, datetime(2026, 3, 28, 21, 0),
                    hours=24, tz=LISBON)
    assert _shown(got) == ["2026-03-29 09:40 UTC+01:00", "2026-03-29 21:40 UTC+01:00"]


def test_due_time_at_the_window_start_is_in_and_at_its_end_is_out():
    # given 08:00, every 12 h, window 20:00 to 20:00 three days later
    got = due_times(datetime(2026, 11, 24, 8, 0), 12, datetime(2026, 11, 24, 20, 0), tz=LISBON)
    assert _shown(got)[0] == "2026-11-24 20:00 UTC+00:00"
    assert _shown(got)[-1] == "2026-11-27 08:00 UTC+00:00"  # 27 Nov 20:00 is the end: out
    assert len(got) == 6
    # once daily, first given after the window opened: the first due time is the first dose
    got = due_times(datetime(2026, 11, 25, 6, 30), 24, datetime(2026, 11, 24, 20, 0),
                    tz=LISBON)
    assert _shown(got) == ["2026-11-25 06:30 UTC+00:00", "2026-11-26 06:30 UTC+00:00",
                           "2026-11-27 06:30 UTC+00:00"]


def test_due_times_refuse_a_zero_interval():
    with pytest.raises(ValueError):
        due_times(datetime(2026, 11, 24, 8, 0), 0, datetime(2026, 11, 24, 9, 0), tz=LISBON)


def test_due_days_of_a_planned_start():
    # a once-daily drug from 26 Nov, window from Tue 24 Nov 09:12 to Fri 27 Nov 09:12
    assert due_days(date(2026, 11, 26), NOW, tz=LISBON) == [date(2026, 11, 26),
                                                            date(2026, 11, 27)]
    assert due_days(date(2026, 11, 20), NOW, tz=LISBON) == [
        date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27)]
    assert due_days(date(2026, 11, 28), NOW, tz=LISBON) == []


def test_a_start_after_the_window_says_so_with_the_windows_hours(monkeypatch):
    """A once-daily drug from Mon 30 Nov 2026: nothing is due between Tue 24 Nov 09:12 and
    Fri 27 Nov 09:12 (72 hours); the note says the window's own hours."""
    import leptodesk.view.nurse as nurse

    tb = case(patient__age_years=40, patient__weight_kg=70, etiology__category="tuberculous",
              planned__treatment_start_date="2026-11-30")
    plan = build_plan(tb)

    def prednisone(lang_plan):
        return next(d for d in nurse_sheet(tb, lang_plan, NOW, tz=LISBON).drugs
                    if d.drug in ("prednisone", "prednisona"))

    row = prednisone(plan)
    assert (row.due, row.due_note) == ((), "no dose due in these 72 hours")
    assert prednisone(build_plan(tb, lang="pt")).due_note == (
        "nenhuma dose prevista nestas 72 horas")
    # a window of 48 hours is said as 48: the sentence follows the constant
    monkeypatch.setattr(nurse, "DUE_WINDOW_HOURS", 48)
    assert prednisone(plan).due_note == "no dose due in these 48 hours"


def test_local_time_names_its_offset():
    assert local_time(datetime(2026, 10, 25, 1, 40, tzinfo=LISBON).astimezone(LISBON)) == (
        "Sun 25 Oct 2026 01:40 UTC+01:00")
    assert local_time(datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("America/St_Johns"))) == (
        "Wed 1 Jul 2026 12:00 UTC-02:30")


# --- urgency from every door [2] ------------------------------------------------------------


@pytest.mark.parametrize("door", [{"presentation__suspected_bacterial_meningitis": True},
                                  {"etiology__category": "bacterial"}])
def test_no_recorded_start_makes_the_first_dose_now_and_dates_nothing_later(door):
    fields = {**SUSPECTED_CHILD, "presentation__suspected_bacterial_meningitis": None, **door,
              "planned__treatment_start_date": "2026-11-27"}
    p = build_plan(case(**fields))
    assert p.alerts[0].id == "urgent.antibiotics_now"
    (d,) = [d for d in p.doses if d.drug == "ceftriaxone"]
    # 100 mg/kg/day x 25 kg = 2500 mg a day, every 12 h: 1250 mg [3]
    assert (d.amount_mg, d.daily_total_mg) == (1250, 2500)
    assert d.first_dose_now and d.first_dose_at is None and d.start_date is None
    assert "antibiotics_started_at" in p.missing
    assert not [s for s in p.schedule if s.kind == "milestone"]  # no "start" on 27 Nov
    (k,) = [k for k in p.entry_checks if k.id == "entry.start_while_antibiotics_due"]
    assert k.severity is Severity.stop and "2026-11-27" in k.text and "due now" in k.text
    sheet = nurse_sheet(case(**fields), p, NOW, LISBON)
    (row,) = sheet.drugs
    assert row.first_dose == "NOW: give immediately" and row.amount == "1250 mg"
    assert len(row.due) == 6  # 72 h / 12 h: six lines whose times are written by hand
    pdf = render_nurse(case(**fields), p, "NOT SIGNED", now=NOW, tz=LISBON)
    text = _text(pdf)
    # the first line under the title: ACT NOW, start empiric IV antibiotics immediately [2]
    who = ("Suspected bacterial meningitis" if "presentation__suspected_bacterial_meningitis"
           in door else "Bacterial etiology recorded")
    assert text.startswith(f"Nurse summary: (no name entered) ACT NOW ACT NOW: {who}: start "
                           "empiric IV antibiotics immediately. No antibiotic start time")
    assert "NOW: give immediately" in text and "from Fri 27 Nov 2026" not in text


@pytest.mark.parametrize(("today", "named"), [
    (date(2026, 11, 26), True),   # the day before the planned start: still to come
    (date(2026, 11, 27), False),  # the planned day itself: reached
    (date(2026, 11, 28), False),  # already past
    (None, True),                 # no day given: every planned date is named
])
def test_only_a_planned_start_still_to_come_is_an_entry_check(today, named):
    fields = {**SUSPECTED_CHILD, "planned__treatment_start_date": "2026-11-27"}
    p = build_plan(case(**fields), today=today)
    ids = [k.id for k in p.entry_checks]
    assert ("entry.start_while_antibiotics_due" in ids) is named
    # whatever the day, the first dose is due now and nothing dates it later [2]
    (d,) = [d for d in p.doses if d.drug == "ceftriaxone"]
    assert d.first_dose_now and d.start_date is None
    assert p.alerts[0].id == "urgent.antibiotics_now"


@pytest.mark.parametrize(("days_after_signing", "named"), [(1, True), (0, False)])
def test_the_signed_plan_is_made_on_the_signing_day(identities, tmp_path, days_after_signing,
                                                    named):
    """A planned start the day after the signing day is still to come and is named; on the
    signing day itself it is not (the identity is valid from today, so the days are today's).
    The check code the export returns is the one on the nurse summary."""
    from leptodesk.service import get_service

    trust(identities["root"])
    at = datetime.now().astimezone()
    planned = at.date() + timedelta(days=days_after_signing)
    c = case(**{**SUSPECTED_CHILD, "planned__treatment_start_date": planned.isoformat()})
    result = get_service().export(
        c, identity=identities["issued"].p12_path, passphrase=PASS, signing_time=at,
        output=tmp_path / "plan.pdf", nurse_summary=tmp_path / "nurse.pdf",
        acknowledgements=accept_all(c))
    ids = [k.id for k in result.plan.entry_checks]
    assert ("entry.start_while_antibiotics_due" in ids) is named
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", result.check_code)
    for page in _pages((tmp_path / "nurse.pdf").read_bytes()):
        assert f"Check code {result.check_code}" in page


def test_no_planned_start_no_entry_check_and_a_recorded_start_dates_the_first_dose():
    p = build_plan(case(**SUSPECTED_CHILD))
    assert "entry.start_while_antibiotics_due" not in [k.id for k in p.entry_checks]
    started = case(**{**SUSPECTED_CHILD, "antibiotics_started_at": "2026-11-24T02:40",
                      "planned__treatment_start_date": "2026-11-27"})
    p = build_plan(started)
    assert "entry.start_while_antibiotics_due" not in [k.id for k in p.entry_checks]
    (d,) = p.doses
    assert d.first_dose_at == datetime(2026, 11, 24, 2, 40) and not d.first_dose_now
    assert d.start_date == date(2026, 11, 24)
    sheet = nurse_sheet(started, p, NOW, LISBON)
    # given 02:40, every 12 h: next due 14:40 (the case), then every 12 h for 72 h
    assert sheet.drugs[0].first_dose == "Tue 24 Nov 2026 02:40 UTC+00:00"
    assert sheet.drugs[0].due == (
        "Tue 24 Nov 2026 14:40 UTC+00:00", "Wed 25 Nov 2026 02:40 UTC+00:00",
        "Wed 25 Nov 2026 14:40 UTC+00:00", "Thu 26 Nov 2026 02:40 UTC+00:00",
        "Thu 26 Nov 2026 14:40 UTC+00:00", "Fri 27 Nov 2026 02:40 UTC+00:00")
    text = _text(render_nurse(started, p, "NOT SIGNED", now=NOW, tz=LISBON))
    assert "☐ Tue 24 Nov 2026 14:40 UTC+00:00 initials ____" in text
    assert ("Due times from Tue 24 Nov 2026 09:12 UTC+00:00 to Fri 27 Nov 2026 09:12 "
            "UTC+00:00") in text


# --- unanswered prohibitions and the lumbar route [2, 5, 6] -------------------------------


def test_lp_checks_beside_each_lumbar_dose_and_none_for_the_ommaya():
    lumbar = case(**{**MALIGNANT_IT_READY, "planned__ommaya_reservoir": False})
    p = build_plan(lumbar)
    it = [s for s in p.schedule if s.kind == "intrathecal_dose"]
    assert len(it) == 15
    for s in it:  # the guideline's LP contraindications [2], as checks to pass
        assert s.checks == ["platelets ≥ 40 ×10⁹/L", "INR ≤ 1.4",
                            "≥ 12 h since prophylactic LMWH (or none)"]
    (d,) = p.doses
    (note,) = d.notes
    assert note.id == "it.lp_checks" and "[2]" in note.text and "platelets ≥ 40" in note.text
    text = _text(render_nurse(lumbar, p, "NOT SIGNED", now=NOW, tz=LISBON))
    assert text.count("☐ platelets ≥ 40 ×10⁹/L") == 15
    assert text.count("☐ INR ≤ 1.4") == 15
    assert "Lumbar route: each dose is a lumbar puncture." in text
    assert len(PdfReader(io.BytesIO(render_nurse(lumbar, p, "x", now=NOW))).pages) == 1
    ommaya = build_plan(case(**MALIGNANT_IT_READY))
    assert all(s.checks == [] for s in ommaya.schedule)
    assert ommaya.doses[0].notes == []


LUMBAR_IT = {**MALIGNANT_IT_READY, "planned__ommaya_reservoir": False}


@pytest.mark.parametrize(("field", "label"), [
    ("lp_safety__infection_at_lp_site", "infection at the LP site"),
    ("presentation__severe_sepsis", "signs of severe sepsis")])
def test_an_unanswered_lp_judgement_blocks_every_lumbar_dose(field, label):
    """Infection at the LP site and severe sepsis contraindicate an LP [2]; a lumbar dose is
    one. Unanswered, they are the clinician's to answer: a stop, no dates, nothing for the
    nurse to decide."""
    c = case(**{**LUMBAR_IT, field: None})
    p = build_plan(c)
    (a,) = [a for a in p.alerts if a.id == "it.lp_safety_unanswered"]
    assert a.severity is Severity.stop and a.blocks == ["intrathecal_chemotherapy"]
    assert a.citations == [2]
    assert f"until the clinician answers: {label}." in a.text
    assert not [d for d in p.doses if d.drug == "methotrexate"]
    assert not [s for s in p.schedule if s.kind == "intrathecal_dose"]
    text = _text(render_nurse(c, p, "NOT SIGNED", now=NOW, tz=LISBON))
    assert "Lumbar intrathecal methotrexate gets no dates until the clinician answers" in text
    assert "Intrathecal calendar" not in text and "15 mg" not in text
    assert "☐ platelets" not in text and "Before each intrathecal dose" not in text
    # the same question unanswered with the Ommaya: not an LP, the dates stand [5]
    ommaya = build_plan(case(**{**MALIGNANT_IT_READY, field: None}))
    assert "it.lp_safety_unanswered" not in [a.id for a in ommaya.alerts]
    assert len([s for s in ommaya.schedule if s.kind == "intrathecal_dose"]) == 15


@pytest.mark.parametrize("field", ["lp_safety__platelets_10e9_per_l", "lp_safety__inr",
                                   "lp_safety__prophylactic_lmwh"])
def test_an_unknown_lp_value_of_the_day_is_checked_beside_each_dose(field):
    """Platelets, INR and the LMWH interval are values of the day [2]: checked before each
    lumbar dose on the sheet, not a reason to withhold the course."""
    p = build_plan(case(**{**LUMBAR_IT, field: None}))
    assert "it.lp_safety_unanswered" not in [a.id for a in p.alerts]
    it = [s for s in p.schedule if s.kind == "intrathecal_dose"]
    assert len(it) == 15
    assert all(s.checks == ["platelets ≥ 40 ×10⁹/L", "INR ≤ 1.4",
                            "≥ 12 h since prophylactic LMWH (or none)"] for s in it)


def test_a_nurse_is_never_asked_to_decide_a_prohibition():
    for field in ("presentation__symptomatic_hydrocephalus", "planned__craniospinal_radiotherapy",
                  "presentation__csf_flow_obstruction"):
        c = case(**{**MALIGNANT_IT_READY, field: None})
        text = _text(render_nurse(c, build_plan(c), "NOT SIGNED", now=NOW, tz=LISBON))
        assert "Before each intrathecal dose, confirm" not in text
        assert "Intrathecal methotrexate gets no dates until the clinician answers" in text
        assert "Intrathecal calendar" not in text


# --- one unit, explicit no, yield boundaries --------------------------------------------------


@pytest.mark.parametrize(("value", "en", "fr"), [
    (2000, "2000 mg", "2000 mg"), (4000, "4000 mg", "4000 mg"), (1950, "1950 mg", "1950 mg"),
    (612.5, "612.5 mg", "612,5 mg"), (15, "15 mg", "15 mg"), (0.5, "0.5 mg", "0,5 mg"),
    (1000, "1000 mg", "1000 mg"),
])
def test_every_dose_is_written_in_mg(value, en, fr):
    assert mg(value) == en and mg(value, "fr") == fr


def test_capped_child_dose_reads_in_mg_beside_the_others():
    # 100 mg/kg/day x 45 kg = 4500 mg, capped at 4 g: 4000 mg a day, 2000 mg every 12 h [3]
    p = build_plan(case(patient__age_years=12, patient__weight_kg=45,
                        etiology__category="bacterial", planned__ceftriaxone_regimen="every_12_h",
                        antibiotics_started_at="2026-11-24T02:40"))
    text = _text(render_nurse(case(patient__age_years=12, patient__weight_kg=45,
                                   etiology__category="bacterial",
                                   planned__ceftriaxone_regimen="every_12_h",
                                   antibiotics_started_at="2026-11-24T02:40"), p, "x", now=NOW))
    assert "2000 mg" in text and "(daily total 4000 mg (CAPPED))" in text
    assert not re.search(r"(?<![\d.])[24] g\b", text.split("Medication administration")[1]
                         .split("Decided by the clinician")[0])


@pytest.mark.parametrize(("answer", "en", "fr", "pt"), [
    (True, "Thin linear deposits are recorded.", "", ""),
    (False, "Recorded: no thin linear deposits.", "Enregistré : pas de dépôts fins et linéaires.",
     "Registado: sem depósitos finos e lineares."),
    (None, "Thin linear deposits are not recorded.",
     "Dépôts fins et linéaires : non renseigné.", "Depósitos finos e lineares: sem resposta."),
])
def test_an_explicit_no_reads_as_no(answer, en, fr, pt):
    fields = {**MALIGNANT_IT_READY, "presentation__thin_linear_deposits": answer}
    for lang, expected in (("en", en), ("fr", fr), ("pt", pt)):
        (r,) = [r for r in build_plan(case(**fields), lang=lang).recommendations
                if r.id == "mal.intrathecal"]
        assert expected.replace(" :", "\u00a0:") in r.text or expected in r.text, (lang, r.text)
    (r,) = [r for r in build_plan(case(**fields)).recommendations if r.id == "mal.intrathecal"]
    assert ("not recorded" in r.text) is (answer is None)


@pytest.mark.parametrize(("ommaya", "expected"), [
    (True, "Ommaya reservoir recorded."),
    (False, "Recorded: no Ommaya reservoir; the lumbar route is used."),
    (None, "No Ommaya reservoir recorded: the lumbar route would be used."),
])
def test_ommaya_no_reads_as_no(ommaya, expected):
    (r,) = [r for r in build_plan(case(**{**MALIGNANT_IT_READY,
                                          "planned__ommaya_reservoir": ommaya})).recommendations
            if r.id == "mal.ommaya"]
    assert r.text.endswith(expected)


@pytest.mark.parametrize(("lp_at", "pct"), [
    ("2026-11-24T06:15", 73), ("2026-11-24T06:16", 11),  # exactly 4 h: within 4 h [4]
    ("2026-11-24T10:15", 11), ("2026-11-24T10:16", 0),  # exactly 8 h: not yet after 8 h
])
def test_yield_text_and_computed_yield_agree_at_4_and_8_hours(lp_at, pct):
    started = "2026-11-24T02:15"
    pending = [a for a in build_plan(case(antibiotics_started_at=started)).alerts
               if a.id == "bact.culture_yield"][0].text
    done = [a for a in build_plan(case(antibiotics_started_at=started, lp__performed_at=lp_at))
            .alerts if a.id == "bact.culture_yield"][0].text
    assert done.endswith(f"expected CSF culture yield {pct}%.")
    # the deadline the pending text gives for the same minute says the same yield
    when = lp_at.replace("T", " ")
    if pct == 73:
        assert f"(up to and including {when}): 73%" in pending or when > "2026-11-24 06:15"
    if when == "2026-11-24 10:15":  # at 8 h: the pending text's 0% is "later than" 10:15
        assert "(later than 2026-11-24 10:15): 0%" in pending


# --- calendars for people ------------------------------------------------------------------


def test_weekend_and_holiday_dates_are_marked_and_not_moved_by_default():
    p = build_plan(case(**MALIGNANT_IT_READY),
                   SiteDefaults(site_holidays=(date(2026, 12, 24),)))
    it = {s.date: s for s in p.schedule if s.kind == "intrathecal_dose"}
    assert it[date(2026, 12, 24)].day_off == "holiday"  # a Thursday on the site's list
    assert it[date(2027, 4, 18)].day_off == "weekend"  # monthly 3: a Sunday
    assert it[date(2026, 12, 21)].day_off is None and it[date(2027, 4, 18)].moved_from is None
    names = [d.name for d in p.site_defaults]
    assert "site_holidays" in names and "move_dates_off_weekends" not in names
    text = _text(render_nurse(case(**MALIGNANT_IT_READY), p, "x", now=NOW))
    assert "Sun 18 Apr 2027 (weekend)" in text and "Thu 24 Dec 2026 (site holiday)" in text


def test_dates_move_off_weekends_and_holidays_when_the_site_says_so():
    site = SiteDefaults(move_dates_off_weekends=True, move_dates_off_holidays=True,
                        site_holidays=(date(2026, 12, 24),))
    p = build_plan(case(**MALIGNANT_IT_READY), site)
    moved = [(s.date, s.moved_from) for s in p.schedule if s.moved_from]
    # Thu 24 Dec (holiday) -> Fri 25 Dec; Sun 18 Apr 2027 -> Mon 19 Apr
    assert moved == [(date(2026, 12, 25), date(2026, 12, 24)),
                     (date(2027, 4, 19), date(2027, 4, 18))]
    assert {"move_dates_off_weekends", "move_dates_off_holidays", "site_holidays"} <= {
        d.name for d in p.site_defaults}
    assert all(s.date.weekday() < 5 for s in p.schedule if s.kind != "milestone")


def test_move_off_days_never_puts_two_doses_on_one_day():
    # Sat 28 and Sun 29 Nov 2026 both move to Monday: the second goes to Tuesday
    assert move_off_days([date(2026, 11, 28), date(2026, 11, 29)], True) == [
        (date(2026, 11, 30), date(2026, 11, 28)), (date(2026, 12, 1), date(2026, 11, 29))]
    assert move_off_days([date(2026, 11, 27)], True) == [(date(2026, 11, 27), None)]
    assert move_off_days([date(2026, 11, 28)], False) == [(date(2026, 11, 28), None)]
    assert day_off(date(2026, 11, 27)) is None and day_off(date(2026, 11, 28)) == "weekend"
    assert day_off(date(2026, 11, 29)) == "weekend" and day_off(date(2026, 11, 30)) is None


# --- swapped arithmetic in dose, unit and date code ----------------------------------------


def test_intrathecal_doses_are_numbered_in_their_phases():
    course = intrathecal_methotrexate_calendar(date(2026, 11, 30), 3, 3)
    assert [(phase, n, of) for _, phase, n, of in course] == (
        [("twice_weekly", n, 8) for n in range(1, 9)] + [("weekly", n, 4) for n in range(1, 5)]
        + [("monthly", n, 3) for n in range(1, 4)])
    assert [d.isoformat() for d, *_ in course][7:9] == ["2026-12-24", "2026-12-28"]


def test_add_months_clamps_to_the_months_end():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 11, 21), 12) == date(2027, 11, 21)


def test_pound_and_kilogram_conversions():
    # 1 lb = 0.45359237 kg exactly: 154 lb = 69.85322498 kg; 70 kg = 154.3235835 lb
    assert kg_from_lb(154) == pytest.approx(69.85322498, abs=1e-8)
    assert lb_from_kg(70) == pytest.approx(154.3235835, abs=1e-7)
    assert kg_from_lb(1) == pytest.approx(0.45359237, abs=1e-12)


@pytest.mark.parametrize(("value", "unit", "quantity", "shown"), [
    (90, "mg/dL", "glucose", "5.0 mmol/L"),  # 90 / 18.016 = 4.9956
    (5, "mmol/L", "glucose", "90 mg/dL"),  # 5 x 18.016 = 90.08
    (150, "mg/dL", "protein", "1.50 g/L"),  # 150 / 100
    (2.1, "g/L", "protein", "210 mg/dL"),  # 2.1 x 100
])
def test_lab_values_in_the_other_unit(value, unit, quantity, shown):
    assert in_other_unit(value, unit, quantity) == shown


# --- the check code on every page of both PDFs ---------------------------------------------


def test_check_code_on_every_page_of_both_pdfs():
    lumbar = case(**LUMBAR_IT)
    p = build_plan(lumbar)
    crowded = p.model_copy(update={"schedule": p.schedule * 3})
    nurse = render_nurse(lumbar, crowded, "x", mark=ExportMark(EXPORT_ID, "nurse", 1, "0" * 64),
                         now=NOW)
    clinician = render_clinician(lumbar, crowded, mark=ExportMark(EXPORT_ID, "clinician", 1,
                                                                  "0" * 64)).pdf
    for pdf in (nurse, clinician):
        pages = _pages(pdf)
        assert len(pages) >= 2
        for page in pages:
            assert f"Check code {CODE}" in page
    text = _text(nurse)
    assert f"Find by check code {CODE}" in text
    head = text[:text.index("Medication administration")]
    assert "SHA-256" not in head and "leptodesk " not in text
    unsigned = _text(render_nurse(lumbar, p, "x", now=NOW))
    assert "Check code" not in unsigned and "NOT SIGNED: no check code" in unsigned


def test_the_bacterial_durations_say_the_clinician_decides_which_applies():
    """Both the 6-week minimum for spinal infections [7, 8] and 4-14 days for uncomplicated
    meningitis [3] are listed: the sheet says beside them that the clinician decides, and
    that the 6-week minimum is not dated while vertebral involvement is unanswered."""
    c = case(patient__age_years=40, patient__weight_kg=70, etiology__category="bacterial")
    notes = nurse_sheet(c, build_plan(c), NOW).clinician_notes
    assert any("minimum of 6 weeks for bacterial spinal infections and 4-14 days" in n
               and n.endswith("the clinician decides which applies.") for n in notes)
    assert any(n.startswith("Vertebral body involvement is not recorded: the 6-week minimum")
               for n in notes)
    # each right under the duration it is about
    assert notes[0].startswith("Bacterial spinal infections: minimum 6 weeks")
    assert notes[1].startswith("Vertebral body involvement is not recorded")
    assert notes[2].startswith("Continue until signs and symptoms resolve, typically 4-14 days")
    assert notes[3].startswith("The guideline gives both a minimum of 6 weeks")
    fr = nurse_sheet(c, build_plan(c, lang="fr"), NOW).clinician_notes
    assert any("le clinicien décide" in n for n in fr), fr
    tb = case(patient__age_years=40, patient__weight_kg=70, etiology__category="tuberculous")
    assert not any("decides which applies" in n
                   for n in nurse_sheet(tb, build_plan(tb), NOW).clinician_notes)
