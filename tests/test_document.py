"""The plan document (leptodesk.view.document): one order of sections, one wording, on every
renderer.

Every example (and a signed plan with acknowledgements, and a lumbar intrathecal course) is
rendered as terminal text, as the review page's HTML and as the clinician PDF (read with pypdf,
as a reader sees it); each block's heading, or its first line, is found on each surface after
the one before it. A hand-worked case is then checked block by block against strings written
from the guideline (prednisone 1 mg/kg/day [1]; 150 lb = 150 x 0.45359237 = 68.0388555 kg).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from leptodesk.acknowledge import acknowledged, parse_ack, to_acknowledge
from leptodesk.casefile import load_case_file
from leptodesk.clinical import build_plan
from leptodesk.models import Case, Section, Severity
from leptodesk.pdf.clinician import render_clinician
from leptodesk.view.document import (
    Alerts,
    Calendar,
    DoseTable,
    EntryChecks,
    Findings,
    Footer,
    Gaps,
    Inputs,
    Items,
    Missing,
    PatientLine,
    Recommendations,
    ReviewNotes,
    SiteDefaults,
    build_document,
)
from leptodesk.view.text import render_text
from ui.plan_html import plan_html

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _pdf_text(pdf: bytes) -> str:
    return _flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _example(stem: str) -> Case:
    return load_case_file(ROOT / "examples" / f"{stem}.json")  # a version 1 file migrated


def _lumbar_course() -> Case:
    """A malignant case with intrathecal methotrexate by lumbar puncture from Mon 30 Nov 2026,
    every LP judgement answered."""
    return Case.model_validate({
        "schema_version": 2,
        "patient": {"display_name": "IT lumbar", "age_years": 50, "weight_kg": 70},
        "etiology": {"category": "malignant", "primary_cancer": "other"},
        "prognosis": {"kps": 80, "life_expectancy_months": 6, "dying": False},
        "imaging": {"mri_whole_spine_gadolinium": "done"},
        "presentation": {"suspected_bacterial_meningitis": False, "severe_sepsis": False,
                         "csf_flow_obstruction": False, "symptomatic_hydrocephalus": False,
                         "thin_linear_deposits": True},
        "lp_safety": {"platelets_10e9_per_l": 200, "inr": 1.0, "prophylactic_lmwh": "none",
                      "infection_at_lp_site": False},
        "planned": {"intrathecal_chemotherapy": True, "ommaya_reservoir": False,
                    "craniospinal_radiotherapy": False, "treatment_start_date": "2026-11-30"}})


def _signed_with_acks():
    """The LP-contraindicated example, its first alert overridden and the rest accepted."""
    case = _example("lp-contraindicated")
    plan = build_plan(case)
    alerts = to_acknowledge(plan)
    answers = [parse_ack(f"{alerts[0].ack_id}=overridden:benefit-outweighs-risk:seen")]
    answers += [parse_ack(f"{a.ack_id}=accepted") for a in alerts[1:]]
    return case, acknowledged(plan, answers, by="Dr Zoë Test",
                              at=datetime(2026, 11, 24, 9, 30).astimezone())


def _cases():
    out = [pytest.param(_example(p.stem), None, id=p.stem) for p in EXAMPLES]
    out.append(pytest.param(_lumbar_course(), None, id="lumbar-intrathecal-course"))
    case, plan = _signed_with_acks()
    out.append(pytest.param(case, plan, id="acknowledged"))
    return out


def _markers(doc) -> list[tuple[str, str]]:
    """(heading, first line) of each block that the text, the review page and the clinician
    PDF all show, in the document's order."""
    out = []
    for b in doc.blocks:
        if isinstance(b, EntryChecks):
            out.append((b.title, b.lines[0].text))
        elif isinstance(b, Alerts):
            # on paper the INFO lines have no heading of their own; with no STOP alert, only
            # the sentence that says so
            out.append(("" if b.group == "info" or not b.items else b.title,
                        b.items[0].text if b.items else b.none))
        elif isinstance(b, DoseTable):
            out.append((b.title, b.rows[0].drug))
        elif isinstance(b, Calendar):
            out.append((b.title, b.rows[0].day if b.rows else b.none))
        elif isinstance(b, Items):
            # the first item without the review notes' marker, which paper leaves out (the
            # marker on each surface: test_nothing_missing_and_not_from_the_guideline_...)
            out.append((b.title, b.items[0] if b.items else b.none))
    return out


def _in_order(surface: str, text: str, markers: list[tuple[str, str]]) -> None:
    at = 0
    for heading, first in markers:
        for marker in (heading, _flat(first)[:45]):
            if not marker:
                continue
            found = text.find(marker, at)
            assert found >= 0, (surface, marker, text[at:at + 300])
            at = found + len(marker)


@pytest.mark.parametrize("case, signed", _cases())
def test_every_renderer_shows_the_blocks_in_the_documents_order(case, signed):
    plan = signed or build_plan(case)
    doc = build_document(plan, case)
    markers = _markers(doc)
    assert len(markers) >= 6  # patient line aside: alerts, recommendations, missing ...
    text = render_text(plan, case)
    review = plan_html(plan, case, full=True)
    pdf = _pdf_text(render_clinician(case, plan).pdf)
    # headings as each surface marks them: "== Doses ==", "<h3>Doses</h3>", on paper by order
    for heading, _ in markers:
        if heading:
            assert re.search(r"^== " + re.escape(heading) + r"( \(\d+\))? ==$", text, re.M), \
                heading
            assert re.search(r"<h3>" + re.escape(heading) + r"( \(\d+\))?</h3>", review), \
                heading
    _in_order("text", _flat(text), markers)
    _in_order("review", _flat(unescape(re.sub(r"<[^>]+>", " ", review))), markers)
    _in_order("clinician PDF", pdf, markers)


@pytest.mark.parametrize("case, signed", _cases())
def test_nothing_missing_and_not_from_the_guideline_on_every_surface(case, signed):
    plan = signed or build_plan(case)
    text = _flat(render_text(plan, case))
    review = _flat(unescape(re.sub(r"<[^>]+>", " ", plan_html(plan, case, full=True))))
    panel = _flat(unescape(re.sub(r"<[^>]+>", " ", plan_html(plan, case, full=False))))
    pdf = _pdf_text(render_clinician(case, plan).pdf)
    for surface in (text, review, panel, pdf):
        assert ("Nothing the plan needs is missing." in surface) == (not plan.missing)
    # on screen and in the terminal a note may be read away from its heading: each says it;
    # on paper the heading says it once, above its notes
    for surface in (text, review, panel):
        for note in plan.review_notes:
            assert _flat(f"Not from the guideline: {note.text}")[:70] in surface
    for note in plan.review_notes:
        assert _flat(note.text)[:70] in pdf
    assert ("Review notes (not from the guideline)" in pdf) == bool(plan.review_notes)
    assert "Not from the guideline:" not in pdf


@pytest.mark.parametrize("case, signed", _cases())
def test_dose_columns_in_one_order(case, signed):
    plan = signed or build_plan(case)
    if not plan.doses:
        return
    pdf = _pdf_text(render_clinician(case, plan).pdf)
    assert "Drug Amount Route Frequency Daily total Basis Dates Capped" in pdf
    review = _flat(unescape(re.sub(r"<[^>]+>", " ", plan_html(plan, case, full=True))))
    at = review.index(plan.doses[0].drug, review.index("Doses "))
    columns = [review.find(c, at) for c in ("Amount", "Route", "Frequency", "Daily total",
                                             "Basis", "Dates")]
    assert -1 not in columns and columns == sorted(columns)


def test_acknowledgements_are_printed_under_their_alert_on_every_surface():
    case, plan = _signed_with_acks()
    first = to_acknowledge(plan)[0]
    line = "OVERRIDDEN by Dr Zoë Test, Tue 24 Nov 2026 09:30"
    for surface in (_flat(render_text(plan, case)),
                    _flat(unescape(re.sub(r"<[^>]+>", " ", plan_html(plan, case, full=True)))),
                    _pdf_text(render_clinician(case, plan).pdf)):
        at = surface.find(_flat(first.text)[:45])
        assert at >= 0 and surface.find(line, at) > at, surface[:400]
        assert "benefit outweighs risk: seen" in surface


# -- a case worked by hand -----------------------------------------------------------------------


def _tb_150_lb() -> Case:
    """The tuberculous example with 150 lb entered (stored 68.0388555 kg) and every LP
    judgement answered."""
    data = json.loads((ROOT / "examples" / "tuberculous-adult.json").read_text("utf-8"))
    data["patient"]["weight_kg"] = 68.0388555
    data["presentation"]["severe_sepsis"] = False
    return Case.model_validate(data)


def test_build_document_block_by_block_on_a_hand_worked_case():
    case = _tb_150_lb()
    plan = build_plan(case)
    doc = build_document(plan, case)
    assert doc.language == "en"
    assert [type(b) for b in doc.blocks] == [
        PatientLine, Alerts, Findings, Recommendations, Recommendations, Recommendations,
        DoseTable, Calendar, ReviewNotes, Gaps, SiteDefaults, Missing, Inputs, Footer]

    patient = doc.blocks[0]
    assert patient.title == "LeptoDesk plan for Example A (TB)"
    assert patient.details == "age 34 years, sex male, weight 68.04 kg"
    assert patient.pathway_line == "Pathway: Tuberculous meningitis"
    assert patient.lp_label == "LP:" and patient.lp == "No contraindication entered"

    stops = doc.blocks[1]
    assert (stops.group, stops.title, stops.items) == ("stop", "STOP", ())
    assert stops.none == "No STOP alerts for this case."

    findings = doc.blocks[2]
    assert findings.title == "CSF and results"
    # 30 / 100 mg/dL = 0.30, below the guideline's half of serum glucose [2, 1]
    assert findings.items[0].startswith("CSF/serum glucose ratio 0.30 (30 / 100 mg/dL): low")
    assert findings.items[0].endswith("[2, 1]")

    assert [b.section for b in doc.blocks[3:6]] == [
        Section.workup, Section.treatment, Section.duration_monitoring]
    assert [b.title for b in doc.blocks[3:6]] == [
        "Diagnostic workup", "Treatment", "Duration and monitoring"]
    # prednisone 1 mg/kg/day [1] x 68.0388555 kg = 68.04 mg, to 0.1 mg: 68 mg
    assert any(r.endswith("For 68.04 kg: 68 mg once daily. [1]") for r in doc.blocks[4].items)
    # a minimum of 12 months [1] from Sat 21 Nov 2026
    assert "Earliest end of the minimum course: 2027-11-21. [1]" in doc.blocks[5].items[0]

    doses = doc.blocks[6]
    assert doses.title == "Doses"
    assert doses.columns == (("drug", "Drug"), ("amount", "Amount"), ("route", "Route"),
                             ("frequency", "Frequency"), ("daily_total", "Daily total"),
                             ("basis", "Basis"), ("dates", "Dates"))
    assert [r.drug for r in doses.rows] == [
        "isoniazid", "rifampin", "pyrazinamide", "ethambutol", "prednisone"]
    prednisone = doses.rows[-1]
    assert doses.cells(prednisone) == ("prednisone", "68 mg", "oral", "once daily", "68 mg",
                                       "1 mg/kg/day x 68.04 kg [1]", "from Sat 21 Nov 2026")
    assert not prednisone.capped and not prednisone.stop
    # 68 mg a day, no maximum in the guideline: the review note sits on the row
    assert prednisone.notes[0].startswith("Review note (not from the guideline; WHO "
                                          "tuberculosis guidance): The guideline gives "
                                          "prednisone 1 mg/kg/day with no maximum daily dose")
    isoniazid = doses.rows[0]
    assert doses.cells(isoniazid)[1:4] == ("see the prescription", "oral",
                                           "see the prescription")

    calendar = doc.blocks[7]
    assert calendar.columns == ("Date", "What", "Kind", "Ref.")
    first = calendar.rows[0]
    # 2026-11-21 is a Saturday: the site's calendar marks the weekend
    assert (first.day, first.what, first.kind_text, first.ref) == (
        "Sat 21 Nov 2026", "Start of anti-tuberculous therapy (weekend)", "milestone", "[1]")
    assert first.line == "Start of anti-tuberculous therapy [1] (weekend)"
    # surveillance MRI every 12 weeks (site default): 21 Nov 2026 + 84 days = 13 Feb 2027
    assert (calendar.rows[1].day, calendar.rows[1].kind_text) == ("Sat 13 Feb 2027",
                                                                  "surveillance")
    assert calendar.none == ""

    notes = doc.blocks[8]
    assert notes.title == "Review notes (not from the guideline)"
    assert notes.prefix == "Not from the guideline:" and len(notes.items) == 3
    assert notes.items[1].startswith("Tuberculous meningitis steroids: this plan keeps the "
                                     "guideline's prednisone 1 mg/kg/day.")
    assert notes.items[1].endswith("Source: WHO tuberculosis guidance.")

    assert doc.blocks[9].title == "Where the guideline is silent"
    assert doc.blocks[10].title == "Site defaults used (not from the guideline)"
    assert "This site's value: every 12 weeks." in doc.blocks[10].items[-1]

    missing = doc.blocks[11]
    assert (missing.title, missing.items, missing.none) == (
        "Missing", (), "Nothing the plan needs is missing.")

    inputs = doc.blocks[12]
    assert inputs.title == "Inputs the plan was made from"
    assert inputs.columns == ("Field", "Entered")
    rows = {path: (label, value) for path, label, value in inputs.rows}
    assert rows["patient.weight_kg"] == ("weight (kg)", "68.04")
    assert rows["lp.performed_at"] == ("LP performed at", "Fri 20 Nov 2026 10:00")
    assert rows["planned.treatment_start_date"] == ("treatment start date", "Sat 21 Nov 2026")

    footer = doc.blocks[13]
    assert footer.summary.endswith(f"case {case.sha256()[:12]}, LeptoDesk {plan.app_version}")
    assert footer.language == ""


def test_rows_kept_from_an_earlier_document_are_never_another_plans():
    """The document keeps the rows it wrote (the live panel writes one at each entry): a plan
    whose calendar, doses or site defaults differ gets its own rows, back and forth, and so
    does one whose items compare equal but read otherwise (a site's value of 12 and 12.0)."""
    case = _tb_150_lb()
    plan = build_plan(case)

    def moved(field: str, index: int, **update: object):
        items = list(getattr(plan, field))
        items[index] = items[index].model_copy(update=update)
        return plan.model_copy(update={field: items})

    # the first date a day later: 22 Nov 2026 is a Sunday
    sunday = moved("schedule", 0, date=date(2026, 11, 22))
    # prednisone 1 mg/kg/day [1] for 61 kg: 61 mg
    less = moved("doses", -1, amount_mg=61.0, daily_total_mg=61.0)
    twelve = moved("site_defaults", -1, value=12.0)
    assert plan.site_defaults[-1].value == 12 == twelve.site_defaults[-1].value
    for _ in range(2):
        assert build_document(plan, case).first(Calendar).rows[0].day == "Sat 21 Nov 2026"
        assert build_document(sunday, case).first(Calendar).rows[0].day == "Sun 22 Nov 2026"
        assert build_document(plan, case).first(DoseTable).rows[-1].amount == "68 mg"
        assert build_document(less, case).first(DoseTable).rows[-1].amount == "61 mg"
        assert build_document(less, case).first(DoseTable).rows[-1].daily_total == "61 mg"
        assert build_document(plan, case).first(SiteDefaults).items[-1].endswith(
            "This site's value: every 12 weeks.")
        assert build_document(twelve, case).first(SiteDefaults).items[-1].endswith(
            "This site's value: every 12.0 weeks.")


def test_the_document_in_french_writes_its_numbers_and_words_in_french():
    case = _tb_150_lb()
    plan = build_plan(case, lang="fr")
    doc = build_document(plan, case)
    assert doc.language == "fr"
    # the decimal comma (CLDR's French), the same 68.0388555 kg
    assert doc.first(PatientLine).details == "âge 34 ans, sexe masculin, poids 68,04 kg"
    prednisone = doc.first(DoseTable).rows[-1]
    assert (prednisone.amount, prednisone.basis, prednisone.dates) == (
        "68 mg", "1 mg/kg/j x 68,04 kg [1]", "à partir du sam. 21 nov. 2026")
    assert doc.first(Calendar).rows[0].day == "sam. 21 nov. 2026"
    assert doc.first(ReviewNotes).prefix == "Hors recommandation\u00a0:"
    # French is still pending clinical review: the footer says so beside the language
    assert doc.first(Footer).language == ("Langue\u00a0: Français · Traduction en attente de "
                                          "relecture clinique")


def test_act_now_comes_first_and_alone_with_its_label():
    # suspected bacterial meningitis, no antibiotic start recorded: start IV antibiotics now [2]
    case = Case.model_validate({"schema_version": 2,
                                "patient": {"age_years": 40, "weight_kg": 70},
                                "presentation": {"suspected_bacterial_meningitis": True}})
    plan = build_plan(case)
    doc = build_document(plan, case)
    groups = [b for b in doc.blocks if isinstance(b, Alerts)]
    assert groups[0].group == "act_now" and groups[0].title == "ACT NOW"
    assert [a.label for a in groups[0].items] == ["ACT NOW"]
    assert groups[0].items[0].severity is Severity.stop
    assert "antibiotics" in groups[0].items[0].text and groups[0].items[0].text.endswith("[2]")
    later = [a.alert_id for g in groups[1:] for a in g.items]
    assert groups[0].items[0].alert_id not in later
    text = render_text(plan, case)
    assert text.index("== ACT NOW (1) ==") < text.index("== Diagnostic workup ==")
