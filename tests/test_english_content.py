"""English content is data: resources/content/en.json holds it, with the keys and placeholders
of fr.json and pt.json, and no English sentence is left written in the Python modules."""

from __future__ import annotations

import json
import string
import subprocess
import sys

import pytest

from leptodesk import content
from leptodesk.fields import FIELD_LABELS
from leptodesk.messages import MESSAGES
from leptodesk.service.cases import KPS_LEVELS, case_value_labels

from .conftest import ROOT

FILES = {lang: ROOT / "resources" / "content" / f"{lang}.json" for lang in ("en", "fr", "pt")}


def _messages(lang: str) -> dict[str, str]:
    return json.loads(FILES[lang].read_text(encoding="utf-8"))["messages"]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_the_three_files_have_the_same_keys_and_placeholders(lang):
    en, other = _messages("en"), _messages(lang)
    assert set(en) == set(other)
    assert {k for k in en if _placeholders(en[k]) != _placeholders(other[k])} == set()


def test_english_is_the_source_record():
    data = json.loads(FILES["en"].read_text(encoding="utf-8"))
    assert data["language"] == "en" and data["review"] == {"status": "source"}


def test_no_english_is_left_in_the_python():
    """tools/english_content.py --check: run the tool after adding English to messages.py or
    content/ (it moves it into en.json). After a merge conflict in either, keep the side that
    still writes the English in Python, run the tool, then ruff check --fix."""
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "english_content.py"),
                           "--check"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def _tool_on_a_copy(tmp_path, monkeypatch):
    """tools/english_content.py, reading a copy of the modules it moves English out of."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import english_content
    finally:
        sys.path.remove(str(ROOT / "tools"))
    core = tmp_path / "leptodesk"
    for name in ("messages.py", "content/texts.py", "content/site_defaults.py", "fields.py",
                 "service/cases.py"):
        (core / name).parent.mkdir(parents=True, exist_ok=True)
        (core / name).write_text((ROOT / "leptodesk" / name).read_text(encoding="utf-8"))
    monkeypatch.setattr(english_content, "CORE", core)
    return english_content, core


def test_the_check_finds_english_written_in_python(tmp_path, monkeypatch):
    english_content, core = _tool_on_a_copy(tmp_path, monkeypatch)
    with (core / "messages.py").open("a", encoding="utf-8") as f:
        f.write('\nMESSAGES: dict[str, str] = {"new_key": "A new English sentence."}\n')
    messages, writes = english_content.plan(check=True)
    assert list(writes) == [core / "messages.py"]
    assert messages["msg:new_key"] == "A new English sentence."


def test_a_statement_written_in_texts_py_is_moved_out_of_it(tmp_path, monkeypatch):
    english_content, core = _tool_on_a_copy(tmp_path, monkeypatch)
    path = core / "content" / "texts.py"
    last = '    "undetermined.etiology": Text(R, (1,), "workup"),\n'
    source = path.read_text(encoding="utf-8")
    assert last in source
    path.write_text(source.replace(last, last + '    "new.rule": Text(R, (2,), "Repeat the MRI '
                                   'in six weeks.", "workup"),\n'), encoding="utf-8")
    messages, writes = english_content.plan(check=True)
    assert list(writes) == [path]
    assert messages["text:new.rule"] == "Repeat the MRI in six weeks."
    assert '    "new.rule": Text(R, (2,), "workup"),\n' in writes[path]
    assert "Repeat the MRI" not in writes[path]


def test_a_site_defaults_description_written_in_python_is_moved_out_of_it(tmp_path,
                                                                          monkeypatch):
    english_content, core = _tool_on_a_copy(tmp_path, monkeypatch)
    path = core / "content" / "site_defaults.py"
    with path.open("a", encoding="utf-8") as f:
        f.write('    new_value: int = Field(1, ge=0, description="A new site value.")\n')
    messages, writes = english_content.plan(check=True)
    assert list(writes) == [path]
    assert messages["site:new_value"] == "A new site value."
    assert writes[path].endswith(
        '    new_value: int = Field(1, ge=0, description=_site("new_value"))\n')


def test_views_read_the_file():
    assert MESSAGES["list_and"] == "{first} and {last}"
    assert "no_such_key" not in MESSAGES
    with pytest.raises(KeyError):
        MESSAGES["no_such_key"]
    assert content.GAPS["gap.steroid_duration"] == ("The guideline gives no duration or taper "
                                                   "for prednisone.")
    note, source = content.REVIEW_NOTES["review.ceftriaxone_label"]
    assert source == "Ceftriaxone product label"
    assert len(MESSAGES) == sum(1 for k in _messages("en") if k.startswith("msg:"))


def test_kps_levels_come_from_the_file_in_order():
    assert [level for level, _ in KPS_LEVELS] == list(range(100, -1, -10))
    assert KPS_LEVELS[-1] == (0, "Dead")


def test_copied_and_generated_entries_agree_with_their_source():
    en = _messages("en")
    assert {k[6:]: v for k, v in en.items() if k.startswith("field:")} == dict(FIELD_LABELS)
    assert {k: v for k, v in en.items() if k.startswith("value:")} == case_value_labels()


def test_a_statement_keeps_its_citations_and_group_in_python_and_its_words_in_the_file():
    text = content.TEXTS["workup.mri"]
    assert (text.kind, text.citations, text.group) == ("recommendation", (1,), "workup")
    assert _messages("en")["text:workup.mri"].startswith("Gadolinium-enhanced MRI")


def test_numbers_in_prose_are_placeholders_filled_from_the_rules_constants():
    en = _messages("en")
    assert "{kps_min}" in en["msg:pathway_malignant_good_prognosis"]
    assert "{le_min}" in en["msg:pathway_malignant_good_prognosis"]
    assert "{ceft_adult_g} g daily" in en["note:review.ceftriaxone_adult_dose"]
    assert "{lmwh_h} h" in en["note:review.lp_anticoagulation"]
    for key in ("note:review.tb_steroids", "note:review.paediatric_prednisone",
                "note:review.prednisone_no_max", "site:prednisone_review_above_mg_per_day"):
        assert "{pred_mg_kg} mg/kg/day" in en[key], key


def test_the_age_groups_bounds_are_the_case_models(monkeypatch):
    """A neonate is 28 days old or less and an adult 18 years or more (the case model's
    NEONATE_MAX_DAYS and ADULT_MIN_YEARS): the weight ranges' descriptions and the entry check
    that names a child's group say those numbers, and follow them."""
    from tests.helpers import plan

    en = _messages("en")
    assert "{neonate_days} days or less" in en["site:weight_kg_neonate"]
    assert "over {neonate_days} days" in en["site:weight_kg_infant"]
    assert "1 to {child_years} years" in en["site:weight_kg_child"]
    assert "{adult_years} years or more" in en["site:weight_kg_adult"]
    assert en["msg:group_child"] == "a child of 1-{child_years} years"
    described = content.SiteDefaults.model_json_schema()["properties"]
    assert described["weight_kg_neonate"]["description"].startswith(
        "Plausible weight (kg) of a neonate (28 days or less);")
    assert described["weight_kg_adult"]["description"] == (
        "Plausible weight (kg) of an adult (18 years or more).")
    # and a site text's guideline number is filled in too: 1 mg/kg/day [1]
    assert "gives 1 mg/kg/day with no maximum" in (
        described["prednisone_review_above_mg_per_day"]["description"])

    def group_said(**fields) -> str:
        p = plan(**fields)
        [check] = [k for k in p.entry_checks if k.id == "entry.weight_for_age"]
        used = {s.name: s.text for s in p.site_defaults}
        return check.text + " " + " ".join(used.values())

    # 200 kg at 10 years: above the child's range (5-150 kg)
    said = group_said(patient__age_years=10, patient__weight_kg=200)
    assert "plausible range for a child of 1-17 years (5-150 kg" in said
    assert "Plausible weight (kg) of a child of 1 to 17 years." in said
    monkeypatch.setitem(content.NUMBERS, "child_years", "15")
    content.numbers.cache_clear()
    try:
        said = group_said(patient__age_years=10, patient__weight_kg=200)
        assert "a child of 1-15 years" in said and "a child of 1 to 15 years." in said
    finally:
        monkeypatch.undo()
        content.numbers.cache_clear()


def test_the_pathway_title_says_the_gates_numbers(monkeypatch):
    """KPS >= 70 and life expectancy > 1 month [5, 6]; a changed constant changes the title."""
    from leptodesk.view.labels import pathway_title

    assert pathway_title("malignant_good_prognosis") == (
        "Malignant, KPS ≥ 70 and life expectancy > 1 month")
    assert pathway_title("malignant_good_prognosis", "fr") == (
        "Maligne, KPS ≥ 70 et espérance de vie > 1 mois")
    monkeypatch.setitem(content.NUMBERS, "kps_min", "80")
    content.numbers.cache_clear()
    try:
        assert "KPS ≥ 80" in pathway_title("malignant_good_prognosis")
    finally:
        monkeypatch.undo()
        content.numbers.cache_clear()


def test_a_review_note_says_the_guidelines_number_and_keeps_the_references():
    from tests.helpers import plan

    p = plan(patient__age_years=40, patient__weight_kg=70, etiology__category="bacterial")
    [note] = [n for n in p.review_notes if n.id == "review.ceftriaxone_adult_dose"]
    # the guideline's 2 g daily (or every 12 h) [3]; the references' 2 g every 12 h (4 g/day)
    assert "keeps the guideline's 2 g daily (or divided every 12 h)" in note.text
    assert "give 2 g every 12 h (4 g/day)" in note.text


def test_one_pound_factor():
    from leptodesk.service.cases import LB_PER_KG, kg_from_lb

    assert content.KG_PER_LB == 0.45359237  # the international avoirdupois pound
    assert LB_PER_KG == 1 / content.KG_PER_LB
    assert kg_from_lb(150) == pytest.approx(68.0388555)


@pytest.mark.parametrize(("lang", "review"), [("fr", {"status": "source"}),
                                              ("en", {"status": "pending"})])
def test_only_english_is_the_source(tmp_path, lang, review):
    """A translation never passes for the source (it would lose its pending-review banner)."""
    from leptodesk.i18n import CatalogueError, load_catalogue_file

    data = json.loads(FILES[lang].read_text(encoding="utf-8"))
    data["review"] = review
    path = tmp_path / f"{lang}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match="source"):
        load_catalogue_file(path, lang)
