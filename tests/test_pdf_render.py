"""The clinician and nurse summaries: what a reader sees (text, pages, fonts)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from leptodesk.clinical import build_plan
from leptodesk.export import render_clinician_summary, render_nurse_summary
from leptodesk.fields import field_label
from leptodesk.models import Case, Severity
from leptodesk.pdf.clinician import render_clinician
from leptodesk.view.labels import PATHWAY_TITLES, SECTION_TITLES, cite
from leptodesk.view.nurse import act_now_alerts, do_not_alerts
from tests.test_pdf_helpers import ACCENTED, EXAMPLES, example_case

STEMS = [p.stem for p in EXAMPLES]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _people(day) -> str:
    """A calendar date as the summaries print it, worked with the standard library's
    calendar names: weekday, day, month, year ("Tue 24 Nov 2026")."""
    import calendar

    return f"{calendar.day_abbr[day.weekday()]} {day.day} {calendar.month_abbr[day.month]} " \
        f"{day.year}"


def _fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize(("lang", "heading", "marker"), [
    ("en", "Review notes (not from the guideline)", "Not from the guideline:"),
    ("fr", "Notes de relecture (hors recommandation)", "Hors recommandation :"),
    ("pt", "Notas de revisão (não são da norma)", "Fora da norma clínica:"),
])
def test_clinician_pdf_says_not_from_the_guideline_once_above_the_review_notes(lang, heading,
                                                                             marker):
    """Example A (TB) has two review notes (WHO steroids; ABN anticoagulation before LP): the
    heading says they are not from the guideline, and no note says it again."""
    case = example_case("tuberculous-adult")
    plan = build_plan(case, lang=lang)
    text = _flat(_text(render_clinician(case, plan).pdf).replace("\u00a0", " "))
    assert text.count(heading) == 1
    assert marker not in text
    at = text.index(heading)
    first = {"en": "Tuberculous meningitis steroids: this plan keeps",
             "fr": "Corticoïdes de la méningite tuberculeuse : ce plan garde",
             "pt": "Corticosteróides na meningite tuberculosa: este plano mantém"}[lang]
    # the first note right under the heading, after its bullet
    assert text[at + len(heading):].startswith(f" • {first}")


@pytest.mark.parametrize("stem", STEMS)
def test_clinician_summary_has_every_key_line(stem):
    case = example_case(stem)
    plan = build_plan(case)
    pdf = render_clinician_summary(case, plan)
    text = _flat(_text(pdf))
    assert case.patient.display_name in text
    assert _flat(PATHWAY_TITLES[plan.pathway.value]) in text
    n_pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert f"page 1 of {n_pages}" in text and f"page {n_pages} of {n_pages}" in text
    assert plan.content_version in text and plan.case_sha256 in text
    assert plan.content_sha256 in text and plan.app_version in text
    assert "NOT SIGNED" in text
    for alert in plan.alerts:
        assert _flat(f"{alert.text} {cite(alert.citations)}")[:60] in text
        assert alert.text.split()[-1] in text
    act_now = act_now_alerts(plan)
    stops = [a for a in plan.alerts_of(Severity.stop) if a not in act_now]
    if act_now:
        assert f"ACT NOW: time-critical, do not wait ({len(act_now)})" in text
    if stops:
        assert f"STOP: do not proceed with what these forbid ({len(stops)})" in text
    if not act_now and not stops:
        assert "No STOP alerts for this case." in text
    for rec in plan.recommendations:
        assert SECTION_TITLES[rec.section] in text
        assert _flat(rec.text)[:50] in text
        assert cite(rec.citations) in text
    for dose in plan.doses:
        assert dose.drug in text
    for item in plan.schedule:
        assert _people(item.date) in text
    for note in plan.review_notes:
        assert _flat(note.text)[:50] in text
    assert ("Review notes (not from the guideline)" in text) == bool(plan.review_notes)
    for path in plan.missing:
        assert field_label(path) in text
    assert "Inputs the plan was made from" in text
    assert field_label("patient.display_name") in text


def test_dose_table_columns_and_capped():
    case = example_case("bacterial-child-sepsis")
    text = _flat(_text(render_clinician_summary(case, build_plan(case))))
    for column in ("Drug", "Amount", "Route", "Frequency", "Daily total", "Basis", "Capped"):
        assert column in text
    assert "ceftriaxone" in text and "2500 mg" in text


@pytest.mark.parametrize("size, expected", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_sizes(size, expected):
    case = example_case("tuberculous-adult")
    pdf = render_clinician_summary(case, build_plan(case), page_size=size)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == expected


def test_unknown_page_size_is_refused():
    case = example_case("tuberculous-adult")
    with pytest.raises(ValueError, match="A4 or Letter"):
        render_clinician_summary(case, build_plan(case), page_size="A3")


def test_signature_box_on_last_page_inside_the_page():
    case = example_case("malignant-her2-good-prognosis")
    r = render_clinician(case, build_plan(case), "A4", signer_lines=["Signed by Dr Ñ", "Role: R"])
    assert r.signature_page == r.pages
    x1, y1, x2, y2 = r.signature_box
    assert 0 < x1 < x2 < 595 and 40 < y1 < y2 < 842 and y2 - y1 >= 50
    text = _text(r.pdf)
    assert "NOT SIGNED" not in text and "Signed by Dr Ñ" in text


def test_accented_name_and_symbols_render_with_the_bundled_font():
    case = example_case("lp-contraindicated").model_copy(deep=True)
    case.patient.display_name = "Zoë Ångström-Müller (Ñandú) ≥ µ"
    plan = build_plan(case)
    pdf = render_clinician_summary(case, plan)
    text = _text(pdf)
    assert "Zoë Ångström-Müller (Ñandú) ≥ µ" in text
    assert "×10⁹/L" in text  # platelets in the stop alert
    fonts = _fonts(pdf)
    assert fonts and all("DejaVuSans" in f for f in fonts), fonts
    assert ACCENTED  # the signer's accented name is checked in test_pdf_sign


@pytest.mark.parametrize("stem", STEMS)
def test_nurse_summary_is_one_page_with_its_parts(stem):
    case = example_case(stem)
    plan = build_plan(case)
    pdf = render_nurse_summary(case, plan, "Signed by Dr Test (Consultant, registration 1)")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = _flat(_text(pdf))
    assert "Signed by Dr Test" in text
    assert "DO NOT" in text and "Medication administration" in text
    assert "Decided by the clinician (for information; not a checklist)" in text
    assert "☐ Bacterial" not in text and "☐ Serial" not in text  # decisions are not ticked
    assert "SHA-256" not in text[:text.index("Medication administration")]  # footer only
    assert "leptodesk " not in text  # no command lines on a ward's paper
    for d in plan.doses:
        assert d.drug in text
    for a in do_not_alerts(plan):
        assert _flat(a.text)[:40] in text
    for a in plan.alerts:  # every stop and warning reaches the bedside, forbidding or not
        if a.severity != "info":
            assert _flat(a.text)[:40] in text
    assert all("DejaVuSans" in f for f in _fonts(pdf))


def test_nurse_summary_do_not_list_has_calcium_with_ceftriaxone():
    case = example_case("bacterial-child-sepsis")
    text = _flat(_text(render_nurse_summary(case, build_plan(case), "x")))
    assert "Do not use calcium-containing IV solutions with ceftriaxone" in text


def test_nurse_summary_long_intrathecal_calendar_stays_on_one_page():
    case = example_case("malignant-her2-good-prognosis")
    plan = build_plan(case)
    it = [s for s in plan.schedule if s.kind == "intrathecal_dose"]
    assert len(it) >= 12
    text = _flat(_text(render_nurse_summary(case, plan, "x")))
    for s in it:
        assert _people(s.date) in text


def _case(stem: str, **changes) -> Case:
    data = example_case(stem).model_dump(mode="json")
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value
    return Case.model_validate(data)


def test_crowded_nurse_summary_keeps_every_intrathecal_date_and_alert():
    case = example_case("malignant-her2-good-prognosis")
    plan = build_plan(case)
    many = plan.schedule * 6  # far more than one page can hold at any type size
    crowded = plan.model_copy(update={"schedule": many, "alerts": plan.alerts * 4})
    pdf = render_nurse_summary(case, crowded, "x")
    pages = PdfReader(io.BytesIO(pdf)).pages
    total = len(pages)
    assert total >= 2
    text = _flat(_text(pdf))
    assert ("more intrathecal doses: continued on page 2 of 2." if total == 2 else
            f"more intrathecal doses: continued on pages 2-{total} of {total}.") in text
    for n in range(2, total + 1):  # every further page numbered and headed as a continuation
        assert (f"Nurse summary, page {n} of {total}: intrathecal calendar (continued)"
                in _flat(pages[n - 1].extract_text()))
    assert "more intrathecal doses: continued in the full summary" not in text
    calendar = [f"☐ {_people(s.date)}" for s in many if s.kind == "intrathecal_dose"]
    for when in set(calendar):  # every dose, each as often as the plan has it
        assert text.count(when) == calendar.count(when), when
    for a in crowded.alerts:
        if a.severity in (Severity.stop, Severity.warning):
            assert text.count(_flat(a.text)) >= crowded.alerts.count(a)


def test_crowded_nurse_summary_shrinks_type_no_smaller_than_8_pt():
    case = example_case("malignant-her2-good-prognosis")
    plan = build_plan(case)
    crowded = plan.model_copy(update={"schedule": plan.schedule * 6, "alerts": plan.alerts * 4})
    pdf = render_nurse_summary(case, crowded, "x")
    sizes = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: sizes.add(
            round(size * tm[0], 1)) if t.strip() else None)
    body = sizes - {6.8}  # the footer has its own small type
    assert body and min(body) >= round(8 * 0.84, 1)  # "small" is 0.84 of the 8 pt floor


def test_act_now_is_first_and_not_under_do_not():
    case = _case("bacterial-child-sepsis", antibiotics_started_at=None)
    plan = build_plan(case)
    (urgent,) = act_now_alerts(plan)
    assert urgent.id == "urgent.antibiotics_now" and urgent not in do_not_alerts(plan)
    text = _flat(_text(render_nurse_summary(case, plan, "x")))
    first = _flat(urgent.text)[:40]
    assert text.index("ACT NOW") < text.index(first) < text.index("DO NOT")
    do_not = text[text.index("DO NOT"):text.index("Medication administration")]
    assert "Start empiric" not in do_not and "Do not perform a lumbar puncture now" in do_not
    assert "Do not use calcium-containing IV solutions" in do_not
    assert "Do not delay antibiotics for CT scanning" in do_not  # it blocks CT before antibiotics
    clinician = _flat(_text(render_clinician_summary(case, plan)))
    head = "ACT NOW: time-critical, do not wait (1)"
    assert clinician.index(head) < clinician.index(first)
    assert clinician.index(first) < clinician.index(
        "STOP: do not proceed with what these forbid (1)")
    assert "STOP: do not proceed with what these forbid (2)" not in clinician


def test_nurse_dates_come_from_the_plan():
    case = _case("bacterial-child-sepsis", antibiotics_started_at="2026-11-20T23:30",
                 planned__treatment_start_date="2026-11-24")
    plan = build_plan(case)
    (ceftriaxone,) = [d for d in plan.doses if d.drug == "ceftriaxone"]
    assert ceftriaxone.start_date.isoformat() == "2026-11-20"
    text = _flat(_text(render_nurse_summary(case, plan, "x")))
    # the first dose as recorded, with the workstation's offset; 20 Nov 2026: a Friday
    assert "Fri 20 Nov 2026 23:30 UTC" in text and "24 Nov 2026" not in text
    undated = plan.model_copy(update={"doses": [ceftriaxone.model_copy(
        update={"start_date": None, "first_dose_at": None})]})
    assert "start date not entered" in _flat(_text(render_nurse_summary(case, undated, "x")))
    case = example_case("malignant-her2-good-prognosis")
    text = _flat(_text(render_nurse_summary(case, build_plan(case), "x")))
    assert "see intrathecal calendar" in text


def _broken_words(text: str, words: set[str]) -> list[str]:
    """Words that a line break cuts inside (``methotrexat`` / ``e``)."""
    return [w for w in words for k in range(1, len(w)) if re.search(
        rf"{re.escape(w[:k])}\s*\n\s*{re.escape(w[k:])}(?!\w)", text)]


@pytest.mark.parametrize("stem, drug", [
    ("bacterial-child-sepsis", None), ("malignant-her2-good-prognosis", None),
    ("tuberculous-adult", "dexamethasone-prednisolone"),
    ("malignant-her2-good-prognosis", "liposomal cytarabine-methotrexate")])
def test_drug_names_and_routes_never_break_inside_a_word(stem, drug):
    case = example_case(stem)
    plan = build_plan(case)
    if drug:  # a longer name than any the rules give today
        plan = plan.model_copy(update={"doses": [d.model_copy(update={"drug": drug})
                                                 for d in plan.doses]})
    crowded = plan.model_copy(update={"schedule": plan.schedule * 6, "alerts": plan.alerts * 4})
    words = {w for d in plan.doses for w in f"{d.drug} {d.route}".split() if len(w) > 3}
    assert words
    for pdf in (render_clinician_summary(case, plan), render_nurse_summary(case, plan, "x"),
                render_nurse_summary(case, crowded, "x")):
        assert _broken_words(_text(pdf), words) == []


def test_neonate_nurse_summary_has_the_ceftriaxone_label_note():
    case = _case("bacterial-child-sepsis", patient__age_years=None, patient__age_days=10,
                 patient__weight_kg=3.4)
    plan = build_plan(case)
    assert plan.age_group == "neonate"
    (note,) = [n for n in plan.review_notes if n.id == "review.ceftriaxone_label"]
    text = _flat(_text(render_nurse_summary(case, plan, "x")))
    rows = text[text.index("Medication administration"):text.index("Decided by the clinician")]
    assert _flat(note.text) in rows  # on the ceftriaxone row, with its source
    assert "Review note (not from the guideline; Ceftriaxone product label)" in rows
    child = example_case("bacterial-child-sepsis")  # a child: the label note stays in the
    text = _flat(_text(render_nurse_summary(child, build_plan(child), "x")))  # full summary
    assert "product label)" not in text


def test_nurse_calendar_dates_have_weekdays_and_the_tick_box_is_on_its_date_line():
    import pypdfium2

    case = example_case("malignant-her2-good-prognosis")
    plan = build_plan(case)
    first = min(s.date for s in plan.schedule if s.kind == "intrathecal_dose")
    pdf = render_nurse_summary(case, plan, "x")
    doc = pypdfium2.PdfDocument(pdf)
    try:
        page = doc[0].get_textpage()
        text = page.get_text_range()
        date = _people(first).replace(" ", "\u00a0")
        at = text.replace(" ", "\u00a0").find(date)
        assert at > 0, _people(first)
        box_at = text.rfind("☐", 0, at)
        assert box_at >= 0 and text[box_at + 1:at].strip() == ""  # nothing between them
        box_bottom = page.get_charbox(box_at)[1]
        date_bottom = page.get_charbox(at)[1]
        assert abs(box_bottom - date_bottom) < 3  # points: the same line
    finally:
        doc.close()


def test_nurse_monitoring_checklist_dates_carry_their_weekday():
    """Surveillance MRI every 12 weeks (site default) from Mon 30 Nov 2026, worked by hand."""
    case = example_case("malignant-her2-good-prognosis")
    text = _flat(_text(render_nurse_summary(case, build_plan(case), "x")))
    for day in ("Mon 22 Feb 2027", "Mon 17 May 2027", "Mon 9 Aug 2027", "Mon 1 Nov 2027"):
        assert f"{day}: Surveillance MRI of the spine" in text
    assert "2027-02-22" not in text
