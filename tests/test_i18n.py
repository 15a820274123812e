"""French and Portuguese plans: the language chosen, the catalogues complete, the decisions the
same in every language, numbers and dates written the language's way, and the clinical review
status of each translation said out loud.

Expected strings are written out by hand (a French reader's "1,8", "mer. 2 déc. 2026"), never
made with the code's own formatters.
"""

from __future__ import annotations

import json
import re
import shutil
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from leptodesk import i18n
from leptodesk.casefile import load_case_file
from leptodesk.cli import main
from leptodesk.clinical import build_plan
from leptodesk.models import Plan
from leptodesk.report_text import render_text

from .conftest import EXAMPLES, ROOT
from .helpers import case
from .test_properties import cases

CATALOGUES = ROOT / "resources" / "content"
LANGS = ("en", "fr", "pt")


@pytest.fixture(autouse=True)
def _fresh_catalogues():
    i18n.clear_caches()
    yield
    i18n.clear_caches()


# -- choosing the language --------------------------------------------------------------------


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "fr_CD.UTF-8"}, "fr"),
    ({"LANG": "fr_FR"}, "fr"),
    ({"LANG": "pt_MZ"}, "pt"),
    ({"LANG": "pt_BR.UTF-8"}, "pt"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),  # no German catalogue: English
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({}, "en"),
    ({"LC_ALL": "pt_MZ.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "en_US"}, "pt"),  # LC_ALL wins
    ({"LC_MESSAGES": "fr_CD", "LANG": "pt_MZ"}, "fr"),  # then LC_MESSAGES
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_CD.UTF-8"}, "fr"),  # empty means unset
    ({"LANG": "fr_CD.UTF-8@latin"}, "fr"),
])
def test_default_language_from_the_locale(environ, expected):
    assert i18n.default_language(environ) == expected


@pytest.mark.parametrize(("given", "expected"), [("en", "en"), ("fr", "fr"), ("pt", "pt"),
                                                 ("FR", "fr"), ("pt_MZ", "pt"), ("pt-BR", "pt")])
def test_languages_accepted(given, expected):
    assert i18n.check_language(given) == expected


@pytest.mark.parametrize("given", ["de", "", " ", "e", "english", "français", None, 3, "fra"])
def test_any_other_language_is_refused_by_name(given):
    with pytest.raises(i18n.UnknownLanguage, match="choose one of en, fr, pt"):
        i18n.check_language(given)


# -- catalogues -------------------------------------------------------------------------------


def _fields(text: str) -> list[str]:
    """The placeholders a text uses (a placeholder may be used twice: "de {h} em {h} h")."""
    return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name is not None})


def catalogue_problems(english: dict[str, str], other: dict[str, str]) -> list[str]:
    """What makes ``other`` unusable beside ``english``: a key missing or extra, a placeholder
    missing or extra, a leading space lost or added, an empty text."""
    problems = [f"missing {k}" for k in english if k not in other]
    problems += [f"extra {k}" for k in other if k not in english]
    for key in english.keys() & other.keys():
        if _fields(english[key]) != _fields(other[key]):
            problems.append(f"{key}: placeholders {_fields(other[key])}, English has "
                            f"{_fields(english[key])}")
        if english[key][:1].isspace() != other[key][:1].isspace():
            problems.append(f"{key}: leading space differs from English")
        if not other[key].strip():
            problems.append(f"{key}: empty")
    return problems


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_catalogue_is_complete_with_the_same_placeholders(lang):
    data = json.loads((CATALOGUES / f"{lang}.json").read_text(encoding="utf-8"))
    assert catalogue_problems(i18n.english_messages(), data["messages"]) == []


def test_the_completeness_check_finds_a_missing_or_extra_placeholder():
    english = {"a": "Dose {mg} mg for {w} kg.", "b": " Recorded.", "c": "x"}
    good = {"a": "Dose {mg} mg pour {w} kg.", "b": " Enregistré.", "c": "y"}
    assert catalogue_problems(english, good) == []
    assert catalogue_problems(english, {**good, "a": "Dose {mg} mg."}) == [
        "a: placeholders ['mg'], English has ['mg', 'w']"]
    assert catalogue_problems(english, {**good, "a": "Dose {mg} mg {w} kg {x}."}) == [
        "a: placeholders ['mg', 'w', 'x'], English has ['mg', 'w']"]
    assert catalogue_problems(english, {**good, "b": "Enregistré."}) == [
        "b: leading space differs from English"]
    assert catalogue_problems(english, {"a": good["a"], "b": good["b"], "d": "z"}) == [
        "missing c", "extra d"]


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_catalogue_keeps_every_number_and_citation_of_the_english(lang):
    """Numbers are never translated: each text holds the digits its English holds (dates and
    placeholders aside), e.g. 'max 60 mg/day' stays 60, '(2016)' stays 2016."""
    import re

    english = i18n.english_messages()
    other = json.loads((CATALOGUES / f"{lang}.json").read_text(encoding="utf-8"))["messages"]
    for key, text in english.items():
        if key.startswith("kps:"):
            continue
        # as sets: Portuguese says "de 12 em 12 h" for "every 12 h"
        digits = set(re.findall(r"\d+", re.sub(r"\{[^}]*\}", "", text)))
        theirs = set(re.findall(r"\d+", re.sub(r"\{[^}]*\}", "", other[key])))
        assert theirs == digits, (key, other[key])


def test_every_character_of_every_catalogue_is_in_the_bundled_fonts():
    from reportlab.pdfbase.ttfonts import TTFontFile

    used = set("".join(i18n.english_messages().values()))
    for lang in ("fr", "pt"):
        used |= set("".join(json.loads((CATALOGUES / f"{lang}.json").read_text(
            encoding="utf-8"))["messages"].values()))
    used |= set("".join(i18n.LANGUAGE_NAMES.values()))
    used.discard("\n")
    for name in ("DejaVuSans", "DejaVuSans-Bold"):
        cmap = TTFontFile(str(ROOT / "resources" / "fonts" / f"{name}.ttf")).charToGlyph
        missing = sorted(ch for ch in used if ord(ch) not in cmap)
        assert missing == [], (name, missing)
    assert {"é", "ç", "ã", "õ", "ê", "«", "»", "\u00a0", "×", "⁹", "µ", "≥"} <= used


# Each language's international non-proprietary names (WHO INN lists in French and Spanish/
# Portuguese; issue 21: "Methotrexate intrathécal" kept the English name).
INN = {
    "fr": {"ceftriaxone": "ceftriaxone", "prednisone": "prednisone", "isoniazid": "isoniazide",
           "rifampin": "rifampicine", "pyrazinamide": "pyrazinamide",
           "ethambutol": "éthambutol", "methotrexate": "méthotrexate"},
    "pt": {"ceftriaxone": "ceftriaxona", "prednisone": "prednisona", "isoniazid": "isoniazida",
           "rifampin": "rifampicina", "pyrazinamide": "pirazinamida", "ethambutol": "etambutol",
           "methotrexate": "metotrexato"},
}


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_drug_names_are_the_languages_inn_in_every_catalogue(lang):
    messages = json.loads((CATALOGUES / f"{lang}.json").read_text(encoding="utf-8"))["messages"]
    text = " ".join(messages.values()).lower()
    for english, name in INN[lang].items():
        assert messages[f"msg:drug_{english}"] == name
        if english != name:  # the English spelling nowhere in the language's words
            assert not re.search(rf"(?<![\w-]){english}(?!\w)", text), (lang, english)
    assert "methotrexate" not in text  # without its accent (fr) or as metotrexato (pt)


def test_drug_names_in_the_plan_are_the_languages_but_the_json_keeps_its_code():
    c = case(**PRED_62_5)
    for lang in ("fr", "pt"):
        p = build_plan(c, lang=lang)
        assert {d.drug for d in p.doses} == {"isoniazid", "rifampin", "pyrazinamide",
                                             "ethambutol", "prednisone"}
        text = render_text(p, c)
        for english in ("isoniazid", "rifampin", "ethambutol"):
            assert f"{INN[lang][english]}:" in text.replace("\u00a0:", ":")


# -- decisions do not depend on the language --------------------------------------------------


def decisions(p: Plan) -> dict:
    """Everything in a plan but its words."""
    return {
        "pathway": p.pathway, "age_group": p.age_group, "missing": p.missing,
        "lp": (p.lp_verdict.status, p.lp_verdict.unknown, len(p.lp_verdict.reasons)),
        "alerts": [(a.id, a.severity, a.citations, a.blocks) for a in p.alerts],
        "findings": [(f.id, f.citations, f.site_default) for f in p.findings],
        "recs": [(r.id, r.section, r.citations) for r in p.recommendations],
        "doses": [(d.drug, d.route_code, d.amount_mg, d.daily_total_mg, d.doses_per_day,
                   d.capped, d.start_date, d.no_dose is None, d.no_dose_stop, d.citations,
                   [(n.id, n.severity) for n in d.notes]) for d in p.doses],
        "radiotherapy": None if p.radiotherapy is None else p.radiotherapy.model_dump(
            exclude={"indication"}),
        "schedule": [(s.date, s.kind, s.citations) for s in p.schedule],
        "notes": [n.id for n in p.review_notes], "gaps": [g.id for g in p.gaps],
        "site_defaults": [s.name for s in p.site_defaults],
        "checks": [(k.id, k.severity, k.fields, k.site_default) for k in p.entry_checks],
        "case": p.case_sha256, "content_version": p.content_version,
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_makes_the_same_decisions_in_every_language(path):
    c = load_case_file(path)
    plans = {lang: build_plan(c, lang=lang) for lang in LANGS}
    assert decisions(plans["fr"]) == decisions(plans["en"])
    assert decisions(plans["pt"]) == decisions(plans["en"])
    assert [p.language for p in plans.values()] == ["en", "fr", "pt"]
    # the words differ: the French and Portuguese plans are not the English one
    for lang in ("fr", "pt"):
        assert plans[lang].recommendations[0].text != plans["en"].recommendations[0].text
    # one content hash per language (its catalogue is part of the content)
    assert len({p.content_sha256 for p in plans.values()}) == 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_case_plans_in_every_language_with_the_same_decisions(c):
    english = decisions(build_plan(c, lang="en"))
    for lang in ("fr", "pt"):
        p = build_plan(c, lang=lang)
        assert decisions(p) == english
        render_text(p, c)  # every text of every case renders


# -- numbers, dates, units --------------------------------------------------------------------


def test_dates_are_written_for_people_with_the_weekday():
    d = date(2026, 12, 2)  # a Wednesday
    assert i18n.format_date(d, "fr") == "mer. 2 déc. 2026"
    assert i18n.format_date(d, "pt") == "qua., 2 de dez. de 2026"
    assert i18n.format_date(d, "en") == "Wed 2 Dec 2026"  # as the English views write it


def test_lp_reasons_use_the_decimal_comma():
    c = load_case_file(ROOT / "examples" / "lp-contraindicated.json")  # INR 1.8, limit 1.4
    assert build_plan(c, lang="en").lp_verdict.reasons[1] == "INR 1.8 (above 1.4)"
    assert build_plan(c, lang="fr").lp_verdict.reasons[1] == "INR 1,8 (supérieur à 1,4)"
    assert build_plan(c, lang="pt").lp_verdict.reasons[1] == "INR 1,8 (acima de 1,4)"


# Worked by hand: prednisone 1 mg/kg/day x 62.5 kg = 62.5 mg once daily [1].
PRED_62_5 = dict(patient__age_years=40, patient__weight_kg=62.5, etiology__category="tuberculous",
                 planned__treatment_start_date="2026-12-02")


@pytest.mark.parametrize(("lang", "dose", "basis"), [
    ("en", "prednisone: 62.5 mg, oral, once daily; daily total 62.5 mg",
     "1 mg/kg/day x 62.5 kg"),
    ("fr", "prednisone\u00a0: 62,5 mg, orale, une fois par jour\u00a0; total quotidien 62,5 mg",
     "1 mg/kg/j x 62,5 kg"),
    ("pt", "prednisona: 62,5 mg, oral, uma vez por dia; total diário 62,5 mg",
     "1 mg/kg/dia x 62,5 kg"),
])
def test_decimal_dose_in_the_text_plan(lang, dose, basis):
    c = case(**PRED_62_5)
    p = build_plan(c, lang=lang)
    (d,) = [d for d in p.doses if d.drug == "prednisone"]
    assert d.amount_mg == 62.5 and d.basis == basis
    text = " ".join(render_text(p, c).split())
    assert dose.replace("\u00a0", " ") in text.replace("\u00a0", " ")
    for wrong in ("625 mg", "6,25 mg", "6.25 mg") + (("62.5 mg",) if lang != "en" else ()):
        assert wrong not in text.replace("\u00a0", " "), wrong


# -- the clinical review status of a language -------------------------------------------------


@pytest.mark.parametrize(("lang", "own"), [("fr", "Traduction en attente de relecture clinique"),
                                           ("pt", "Tradução pendente de revisão clínica")])
def test_a_pending_language_says_so_in_it_and_in_english_near_the_top(lang, own):
    c = load_case_file(EXAMPLES[0])
    p = build_plan(c, lang=lang)
    assert p.translation_review is not None and p.translation_review.status == "pending"
    assert json.loads(p.model_dump_json())["translation_review"] == {
        "status": "pending", "signed_off_by": None, "date": None}
    head = render_text(p, c).splitlines()[:5]
    assert any(own in line for line in head)
    assert any("Translation pending clinical review" in line for line in head)
    assert any("--lang en" in line for line in head)
    english = build_plan(c, lang="en")
    assert english.translation_review is None and english.language == "en"
    assert "pending clinical review" not in render_text(english, c)


def test_signing_off_a_language_removes_the_banner_and_changes_the_content_hash(
        tmp_path, monkeypatch):
    c = load_case_file(EXAMPLES[0])
    pending = build_plan(c, lang="fr")
    copy = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", copy)
    path = copy / "content" / "fr.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["review"] == {"status": "pending"}  # as shipped: nobody has signed it off
    data["review"] = {"status": "signed_off", "signed_off_by": "Dr Test Reviewer",
                      "date": "2026-11-20"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("LEPTODESK_RESOURCES", str(tmp_path))
    i18n.clear_caches()
    signed = build_plan(c, lang="fr")
    assert signed.translation_review.status == "signed_off"
    assert signed.translation_review.signed_off_by == "Dr Test Reviewer"
    assert signed.content_sha256 != pending.content_sha256
    assert decisions(signed) == decisions(pending)
    text = render_text(signed, c)
    assert "pending clinical review" not in text and "en attente de relecture" not in text
    assert "traduction validée par Dr Test Reviewer le 2026-11-20" in text
    from leptodesk.pdf.render import render_clinician, render_nurse

    from .test_pdf_content import _pdf_text

    for pdf in (render_clinician(c, signed).pdf, render_nurse(c, signed, "NON SIGNÉ")):
        assert "pending clinical review" not in _pdf_text(pdf)


@pytest.mark.parametrize("review", [
    {"status": "signed_off", "signed_off_by": "", "date": "2026-11-20"},
    {"status": "signed_off", "signed_off_by": "Dr X", "date": "20/11/2026"},
    {"status": "signed_off", "signed_off_by": "Dr X"},
    {"status": "approved"},
    {"status": "pending", "signed_off_by": "Dr X"},
])
def test_a_sign_off_without_a_name_and_date_is_refused(tmp_path, review):
    data = json.loads((CATALOGUES / "pt.json").read_text(encoding="utf-8"))
    data["review"] = review
    path = tmp_path / "pt.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(i18n.CatalogueError, match="review"):
        i18n.load_catalogue_file(path, "pt")


# -- the command line -------------------------------------------------------------------------


def test_plan_lang_fr(capsys):
    assert main(["plan", str(ROOT / "examples" / "lp-contraindicated.json"), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Plan LeptoDesk pour Example D (LP unsafe)" in out
    assert "Traduction en attente de relecture clinique" in out
    assert "INR 1,8 (supérieur à 1,4)" in out


def test_plan_language_from_the_locale(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "pt_MZ.UTF-8")
    assert main(["plan", str(EXAMPLES[0]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "pt" and data["translation_review"]["status"] == "pending"
    assert main(["plan", str(EXAMPLES[0]), "--format", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "en" and data["translation_review"] is None


@pytest.mark.parametrize("command", [["plan", "CASE"], ["export", "CASE", "-o", "x.pdf",
                                                        "--identity", "id.p12"],
                                     ["verify", "x.pdf"]])
def test_unknown_language_is_exit_2_with_a_clear_message(command, capsys, tmp_path):
    argv = [str(EXAMPLES[0]) if a == "CASE" else a for a in command]
    argv = [str(tmp_path / a) if a.endswith((".pdf", ".p12")) else a for a in argv]
    assert main([*argv, "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert "unknown language 'de'" in err and "en, fr, pt" in err
    assert "Traceback" not in err


def test_print_refuses_an_unknown_language_before_anything_else(capsys):
    assert main(["print", "--list-printers", "--lang", "xx"]) == 2
    assert "unknown language 'xx'" in capsys.readouterr().err


def test_kps_levels_and_field_labels_in_each_language():
    from leptodesk.fields import field_label
    from leptodesk.service.cases import KPS_LEVELS, kps_levels

    assert kps_levels("en") == KPS_LEVELS
    assert kps_levels("fr")[0] == (
        100, "Normal\u00a0; aucune plainte\u00a0; aucun signe de maladie")
    assert kps_levels("pt")[-1] == (0, "Morto")
    assert [level for level, _ in kps_levels("pt")] == [level for level, _ in KPS_LEVELS]
    assert field_label("lp_safety.prophylactic_lmwh", "fr") == "HBPM prophylactique"
    assert field_label("prognosis.kps", "pt") == "índice de Karnofsky (KPS)"
    assert field_label("no.such.field", "pt") == "no.such.field"


# English words no French or Portuguese sentence uses (see tests/test_i18n_pdf.py).
ENGLISH_WORDS = {"the", "and", "with", "is", "are", "this", "that", "from", "within", "after",
                 "before", "when", "if", "not", "of", "to", "be", "by", "until", "than", "which",
                 "only", "each", "every", "in", "at", "it", "its", "should", "must", "into",
                 "per", "daily", "weekly", "twice", "monthly", "given", "none", "recorded",
                 "entered", "missing", "see", "ask", "check", "start", "end", "may", "has", "have",
                 "was", "were", "been", "while", "without", "between", "over", "would"}
KEPT = ("Translation pending clinical review", "Association of British Neurologists",
        "Children's Oncology Group", "Lansky et al.", "Beardsley et al.")


def _english_words_in(text: str) -> set[str]:
    import re

    text = " ".join(text.split())  # a name wrapped across lines is one name again
    for name in KEPT:
        text = text.replace(name, " ")
    return {w.lower() for w in re.findall(r"\w+", text) if w.isalpha()} & ENGLISH_WORDS


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_case_in_french_or_portuguese_has_no_english_sentence(c):
    """Every branch of the rules (entry checks, culture yield, children, neonates...) reaches
    here: an untranslated fragment in any of them shows up as English words."""
    c = c.model_copy(update={"patient": c.patient.model_copy(update={"display_name": None})})
    for lang in ("fr", "pt"):
        p = build_plan(c, lang=lang)
        found = _english_words_in(render_text(p, c))
        assert found == set(), (lang, found)


def test_the_english_word_check_has_teeth():
    c = load_case_file(ROOT / "examples" / "lp-contraindicated.json")
    assert _english_words_in(render_text(build_plan(c, lang="en"), c))


def test_the_service_plans_in_english_unless_told_whatever_the_locale(monkeypatch):
    """Front ends pass the language they chose; the service never guesses from the locale."""
    from leptodesk.service import get_service

    monkeypatch.setenv("LANG", "fr_CD.UTF-8")
    c = load_case_file(EXAMPLES[0])
    assert get_service().plan(c).language == "en"
    assert get_service().plan(c, lang="pt").language == "pt"
    with pytest.raises(i18n.UnknownLanguage):
        get_service().plan(c, lang="de")
