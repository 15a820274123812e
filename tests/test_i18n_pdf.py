"""Every example exported (both summaries signed) and verified in each language; the French and
Portuguese PDFs carry no untranslated English sentence, say their language (metadata and a
visible footer line) and, while the language is pending clinical review, say so near the top
in the language and in English. The export's audit rows record the language."""

from __future__ import annotations

import io
import json
import re
import string

import pytest
from pypdf import PdfReader

from leptodesk import i18n
from leptodesk.archive import open_store
from leptodesk.cli import main
from leptodesk.pdf.verdict import VerifyResult

from .conftest import EXAMPLES, ROOT
from .helpers import accept_all
from .test_pdf_content import _between, _flat, has
from .test_pdf_helpers import (  # noqa: F401 - identities: a fixture
    ACCENTED,
    PASS,
    example_case,
    identities,
    service,
    trust,
)

LANGS = ("en", "fr", "pt")
OWN = {"fr": ("Traduction en attente de relecture clinique", "Langue\u00a0: Français"),
       "pt": ("Tradução pendente de revisão clínica", "Idioma: Português"),
       "en": (None, "Language: English")}

# English words that no French or Portuguese sentence uses (not "a", "as", "no", "on", "or", "for",
# "do": words of those languages too).
ENGLISH_WORDS = {"the", "and", "with", "is", "are", "this", "that", "from", "within", "after",
                 "before", "when", "if", "not", "of", "to", "be", "by", "until", "than", "which",
                 "only", "each", "every", "in", "at", "it", "its", "should", "must", "into",
                 "per", "daily", "weekly", "twice", "monthly", "given", "none", "recorded",
                 "entered", "missing", "see", "ask", "check", "start", "end", "may", "has", "have",
                 "was", "were", "been", "while", "without", "between", "over", "would"}
# Names that stay as they are in every language: the wider references' own names, the banner's
# English line (on purpose), the signer's details and the case's names.
KEPT = ["Translation pending clinical review", "Association of British Neurologists",
        "Children's Oncology Group", "Consultant neurologist", "Hôpital Site Root",
        "Lansky et al.", "Beardsley et al.", "NEJM", ACCENTED]


def _pdf_text(pdf: bytes) -> str:
    return _flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _words(text: str) -> set[str]:
    """Its words, lower case: not the letters inside hashes and ids ("91530be871"), nor the
    identifiers printed for traceability ("it_twice_weekly_second_dose_day")."""
    return {w.lower() for w in re.findall(r"\w+", text) if w.isalpha()}


def _english_phrases() -> set[str]:
    """The literal runs (four words or more) of the English catalogue that no French or
    Portuguese text repeats: none of them may appear in a French or Portuguese PDF."""
    theirs = " ".join(" ".join(json.loads((ROOT / "resources" / "content" / f"{lang}.json")
                                          .read_text(encoding="utf-8"))["messages"].values())
                      for lang in ("fr", "pt"))
    out = set()
    for text in i18n.english_messages().values():
        for literal, *_ in string.Formatter().parse(text):
            for run in re.split(r"[;:.()]", literal):
                run = " ".join(run.split())
                if len(run.split()) >= 4 and run not in theirs:
                    out.add(run)
    return out


@pytest.fixture(scope="module")
def exported(identities, tmp_path_factory):  # noqa: F811 - the fixture
    """Every example exported in every language: {(stem, lang): (case, result, pdf, nurse)}."""
    folder = tmp_path_factory.mktemp("i18n-exports")
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEPTODESK_HOME", str(folder / "home"))
        mp.setenv("LEPTODESK_TRUST_DIR", str(folder / "trust"))  # this workstation's anchors
        mp.setenv("LANG", "C.UTF-8")
        from leptodesk.service import reset_services

        reset_services()
        trust(identities["root"])
        for path in EXAMPLES:
            case = example_case(path.stem)
            for lang in LANGS:
                pdf, nurse = folder / f"{path.stem}-{lang}.pdf", folder / f"{path.stem}-{lang}n.pdf"
                result = service().export(case, identity=identities["issued"].p12_path,
                                          passphrase=PASS, output=pdf, nurse_summary=nurse,
                                          lang=lang, acknowledgements=accept_all(case, lang))
                out[(path.stem, lang)] = (case, result, pdf.read_bytes(), nurse.read_bytes())
        verdicts = {key: (service().verify(v[2], record=False),
                          service().verify(v[3], record=False)) for key, v in out.items()}
        with open_store() as store:
            events = store.list_events()
        reset_services()
    return out, verdicts, events


KEYS = [(p.stem, lang) for p in EXAMPLES for lang in LANGS]


@pytest.mark.parametrize("key", KEYS, ids=[f"{s}-{lang}" for s, lang in KEYS])
def test_every_example_exports_and_verifies_in_every_language(exported, key):
    items, verdicts, _ = exported
    case, result, pdf, nurse = items[key]
    lang = key[1]
    plan_v, nurse_v = verdicts[key]
    assert plan_v.ok and nurse_v.ok, (plan_v.reason, nurse_v.reason)
    assert plan_v.document == "clinician" and nurse_v.document == "nurse"
    assert plan_v.language == lang == nurse_v.language
    assert result.plan.language == lang
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == i18n.PDF_LANG[lang]
    assert reader.metadata["/LeptoDeskLanguage"] == f"{i18n.LANGUAGE_NAMES[lang]} ({lang})"
    plan_json = json.loads(reader.attachments["plan.json"][0])
    assert plan_json["language"] == lang
    assert plan_json["content_sha256"] == result.plan.content_sha256
    pending, footer = OWN[lang]
    for document in (pdf, nurse):
        text = _pdf_text(document)
        assert _flat(footer) in text
        head = text[:700]  # near the top: under the title
        if pending:
            assert pending in head and "Translation pending clinical review" in head
            assert "--lang en" not in text and "leptodesk " not in text  # paper: no command
            assert {"fr": "Affichage > Langue > English",
                    "pt": "Ver > Idioma > English"}[lang] in head
        else:
            assert "pending clinical review" not in text


@pytest.mark.parametrize("key", [k for k in KEYS if k[1] != "en"],
                         ids=[f"{s}-{lang}" for s, lang in KEYS if lang != "en"])
def test_no_untranslated_english_in_the_french_and_portuguese_pdfs(exported, key):
    items, _, _ = exported
    case, result, pdf, nurse = items[key]
    phrases = _english_phrases()
    assert "Do not perform a lumbar puncture now" in phrases  # the check has teeth
    kept = [*KEPT, case.patient.display_name or ""]
    for document in (pdf, nurse):
        text = _pdf_text(document)
        for name in kept:
            text = text.replace(name, " ")
        found = sorted(p for p in phrases if p in text)
        assert found == [], found
        assert sorted(_words(text) & ENGLISH_WORDS) == [], sorted(_words(text) & ENGLISH_WORDS)


def test_the_english_pdf_fails_the_same_check(exported):
    """The check above would catch an English PDF passed off as French."""
    items, _, _ = exported
    text = _pdf_text(items[("lp-contraindicated", "en")][2])
    assert any(p in text for p in _english_phrases())
    assert _words(text) & ENGLISH_WORDS


def test_the_export_audit_rows_record_the_language(exported):
    _, _, events = exported
    signed = [e for e in events if e.event in ("plan_signed", "plan_exported")]
    assert len(signed) == 2 * len(KEYS)
    langs = [e.detail["language"] for e in signed if e.event == "plan_signed"]
    assert langs == [lang for _ in EXAMPLES for lang in LANGS]
    for e in signed:
        assert e.detail["translation_review"] == ("source" if e.detail["language"] == "en"
                                                  else "pending")
        assert len(e.detail["content_sha256"]) == 64


# Worked by hand: a 12.25 kg child (7 years), ceftriaxone 100 mg/kg/day = 1225 mg/day, divided
# every 12 h: 612.5 mg a dose [3]; in French and Portuguese "612,5 mg".
CHILD = dict(patient__age_years=7, patient__weight_kg=12.25, etiology__category="bacterial",
             planned__ceftriaxone_regimen="every_12_h",
             presentation__vertebral_body_involvement=False)


@pytest.mark.parametrize(("lang", "clinician_head", "nurse_head", "ends"), [
    ("fr", "Médicament Quantité Voie Fréquence", "Médicament Dose Voie À quelle fréquence",
     ("Calendrier", "Notes de relecture", "Décidé par le clinicien")),
    ("pt", "Medicamento Quantidade Via Frequência", "Medicamento Dose Via Com que frequência",
     ("Calendário", "Notas de revisão", "Decidido pelo clínico")),
])
def test_decimal_comma_dose_in_both_pdfs(lang, clinician_head, nurse_head, ends):
    from leptodesk.clinical import build_plan
    from leptodesk.pdf.render import render_clinician, render_nurse

    from .helpers import case as make_case

    c = make_case(**CHILD)
    p = build_plan(c, lang=lang)
    (d,) = [d for d in p.doses if d.drug == "ceftriaxone"]
    assert (d.amount_mg, d.daily_total_mg) == (612.5, 1225)
    sections = {
        "clinician": _between(_pdf_text(render_clinician(c, p).pdf), clinician_head, ends),
        "nurse": _between(_pdf_text(render_nurse(c, p, "test")), nurse_head, ends),
    }
    for where, section in sections.items():
        assert {"fr": "ceftriaxone", "pt": "ceftriaxona"}[lang] in section, where
        assert has(section, "612,5 mg") and has(section, "1225 mg"), (where, section)
        for wrong in ("6125 mg", "61,25 mg", "612.5 mg", "12250 mg", "122,5 mg"):
            assert not has(section, wrong), (where, wrong, section)


@pytest.mark.parametrize(("lang", "result_line", "document_line"), [
    ("fr", "Résultat\u00a0: VALIDE\u00a0: ce plan est intact et a été signé par Dr Zoë "
     "Ångström-Müller le ", "Document\u00a0: résumé clinicien (plan signé)"),
    ("pt", "Resultado: VÁLIDO: este plano está íntegro e foi assinado por Dr Zoë "
     "Ångström-Müller em ", "Documento: resumo clínico (plano assinado)"),
    ("en", "Result: PASS: this plan is intact and was signed by Dr Zoë Ångström-Müller on ",
     "Document: clinician summary (signed plan)"),
])
def test_verify_prints_its_lines_in_the_language_with_the_same_exit_status(
        identities, tmp_path, capsys, lang, result_line, document_line):  # noqa: F811
    trust(identities["root"])
    pdf = tmp_path / "plan.pdf"
    case = example_case("tuberculous-adult")
    service().export(case, identity=identities["issued"].p12_path, passphrase=PASS,
                     output=pdf, lang="fr")
    assert main(["verify", str(pdf), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert result_line in out and document_line in out
    with open_store() as store:
        row = store.list_events()[-1]
    assert row.event == "plan_verified" and row.detail["language"] == "fr"  # as signed
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(pdf.read_bytes() + b"\n% added\n")
    assert main(["verify", str(bad), "--lang", lang]) == 1  # FAIL: exit 1 in every language
    failed = {"en": ": FAIL: ", "fr": "\u00a0: REJETÉ\u00a0: ", "pt": ": REJEITADO: "}[lang]
    assert failed in capsys.readouterr().out


def test_plans_signed_before_languages_were_recorded_verify_without_a_language_line():
    lines = VerifyResult(True, "OK", "0" * 64).lines()
    assert not any(line.startswith("Language of the plan") for line in lines)


def test_export_command_reports_in_the_language(identities, tmp_path, capsys,  # noqa: F811
                                                monkeypatch):
    trust(identities["root"])
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    pdf, nurse = tmp_path / "plan.pdf", tmp_path / "nurse.pdf"
    assert main(["export", str(ROOT / "examples" / "tuberculous-adult.json"), "-o", str(pdf),
                 "--identity", str(identities["issued"].p12_path), "--nurse-summary",
                 str(nurse), "--lang", "pt"]) == 0
    out = capsys.readouterr().out
    assert f"{pdf} assinado por {ACCENTED} em " in out
    assert "plano e resumo de enfermagem assinados e arquivados" in out
    assert json.loads(PdfReader(io.BytesIO(pdf.read_bytes())).attachments["plan.json"][0])[
        "language"] == "pt"
