"""The clinician and nurse summaries: what a reader sees (text, pages, fonts)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from leptodesk.export import render_clinician_summary, render_nurse_summary
from leptodesk.fields import field_label
from leptodesk.models import Severity
from leptodesk.pdf.render import do_not_alerts, render_clinician
from leptodesk.report_text import PATHWAY_TITLES, SECTION_TITLES, cite
from leptodesk.rules import build_plan
from tests.test_pdf_helpers import ACCENTED, EXAMPLES, example_case

STEMS = [p.stem for p in EXAMPLES]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


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
    stops = plan.alerts_of(Severity.stop)
    if stops:
        assert f"STOP: do not proceed with what these forbid ({len(stops)})" in text
    else:
        assert "No STOP alerts for this case." in text
    for rec in plan.recommendations:
        assert SECTION_TITLES[rec.section] in text
        assert _flat(rec.text)[:50] in text
        assert cite(rec.citations) in text
    for dose in plan.doses:
        assert dose.drug in text
    for item in plan.schedule:
        assert item.date.isoformat() in text
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
    assert "Monitoring checklist" in text
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
        assert s.date.isoformat() in text


def test_nurse_summary_condenses_rather_than_spilling():
    case = example_case("malignant-her2-good-prognosis")
    plan = build_plan(case)
    many = plan.schedule * 6  # far more than one page can hold at any type size
    crowded = plan.model_copy(update={"schedule": many, "alerts": plan.alerts * 4})
    pdf = render_nurse_summary(case, crowded, "x")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "continued in the full summary" in _flat(_text(pdf))
