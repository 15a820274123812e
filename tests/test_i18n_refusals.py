"""The last English a French or Portuguese user could still see (issue 13): the note of a
verification the audit log could not record, a trust folder or site file others could change,
a quoted value cut short ("... (N more characters)", with each language's plural), and the
messages of `plans export`, `plans import` and `case extract` (now with --lang).

Every expected sentence is written here by hand from the catalogues' words; the English stays
the contract's words, byte for byte."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leptodesk.cli import main

from .conftest import ROOT
from .test_i18n_pdf import ENGLISH_WORDS, _words
from .test_pdf_helpers import (  # noqa: F401 - identities: a fixture
    ACCENTED,
    PASS,
    export,
    identities,
    service,
    trust,
)

N = "\u00a0"
LANGS = ("en", "fr", "pt")
# Values shown as they are in every language (names, the trust command, an OS error code).
KEPT = ("Hôpital Site Root", ACCENTED, "leptodesk trust list", "leptodesk plans list",
        "site-defaults.json", "chmod go-w", "ENOSPC", "PASS", "FAIL", "root")


def no_english(text: str, *also: str) -> None:
    for kept in (*KEPT, *also):
        text = text.replace(kept, "")
    text = re.sub(r"/[^\s»)]+", "", text)  # file paths ("pytest-of-...") are names
    left = _words(text) & ENGLISH_WORDS
    assert not left, (left, text)


def test_the_no_english_check_finds_english():
    """The check above would catch a sentence left in English."""
    with pytest.raises(AssertionError):
        no_english("Note: this check was not recorded in the audit log (ENOSPC)")


@pytest.fixture
def signed(identities, tmp_path, monkeypatch):  # noqa: F811 - the fixture
    """A plan (and its nurse summary) signed here by an identity a site root here issued."""
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    trust(identities["root"])
    _, result = export(identities, tmp_path, nurse_summary=tmp_path / "nurse.pdf")
    return result


# -- 1. a verification the audit log could not record ---------------------------------------

AUDIT_NOTE = {
    "en": "Note: this check was not recorded in the audit log (ENOSPC)",
    "fr": f"Note{N}: cette vérification n'a pas été enregistrée dans le journal d'audit "
          "(ENOSPC)",
    "pt": "Nota: esta verificação não ficou anotada no registo de auditoria (ENOSPC)",
}


def _audit_fails(monkeypatch) -> None:
    from leptodesk.archive import Store, StoreError

    def full(self, *a, **k):
        raise StoreError.plain("ENOSPC")

    monkeypatch.setattr(Store, "append_event", full)


@pytest.mark.parametrize("lang", LANGS)
def test_unrecorded_check_is_noted_in_the_language(signed, monkeypatch, capsys, lang):
    _audit_fails(monkeypatch)
    assert main(["verify", str(signed.pdf_path), "--lang", lang]) == 0  # the verdict stands
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == AUDIT_NOTE[lang]
    if lang != "en":
        no_english(lines[-1])


def test_unrecorded_check_stays_english_for_the_record(signed, monkeypatch):
    """The note itself (JSON, logs) is the English sentence; only its rendering changes."""
    _audit_fails(monkeypatch)
    result = service().verify(signed.pdf_path)
    assert result.notes == ("this check was not recorded in the audit log (ENOSPC)",)
    assert result.lines("pt")[-1] == AUDIT_NOTE["pt"]


@pytest.mark.parametrize("lang", LANGS)
def test_unrecorded_check_of_an_archived_plan_in_the_language(signed, monkeypatch, lang):
    from leptodesk.archive import Store

    good = Store.plan_pdf
    monkeypatch.setattr(Store, "plan_pdf", lambda self, i: good(self, i) + b"\n% changed\n")
    _audit_fails(monkeypatch)
    verdict, _ = service().verify_archived(signed.archive_id)
    assert not verdict.ok and verdict.lines(lang)[-1] == AUDIT_NOTE[lang]


# -- 2. a trust folder or site file that others can change ----------------------------------

LOOSE = {  # who may write, by mode bits: (English, French, Portuguese)
    0o020: ("the group", "le groupe", "pelo grupo"),
    0o002: ("other users", "les autres utilisateurs", "pelos outros utilizadores"),
    0o022: ("the group and other users", "le groupe et les autres utilisateurs",
            "pelo grupo e pelos outros utilizadores"),
}


def _trust_refusal(item, mode: str, who: tuple[str, str, str]) -> dict[str, str]:
    return {
        "en": f"Result: FAIL: {item} can be changed by {who[0]} (mode {mode}), so LeptoDesk "
              "does not use its trust folder (the certificates it trusts). Ask the site "
              f"administrator to fix it (e.g. chmod go-w {item}).",
        "fr": f"Résultat{N}: REJETÉ{N}: {item} peut être modifié par {who[1]} (mode {mode}){N}: "
              "LeptoDesk n'utilise donc pas son dossier de confiance (les certificats qu'il "
              "reconnaît). Demandez à l'administrateur du site de le corriger (par ex. chmod "
              f"go-w {item}).",
        "pt": f"Resultado: REJEITADO: {item} pode ser alterado {who[2]} (modo {mode}), por isso o "
              "LeptoDesk não usa a sua pasta de confiança (os certificados que reconhece). Peça "
              f"ao administrador do local que o corrija (p. ex. chmod go-w {item}).",
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("loose", sorted(LOOSE))
def test_loose_trust_folder_refused_in_the_language(signed, capsys, lang, loose):
    target = service().trust.folder / "roots"  # the system trust folder (tests/conftest.py)
    os.chmod(target, 0o755 | loose)
    try:
        assert main(["verify", str(signed.pdf_path), "--lang", lang]) == 1
        lines = capsys.readouterr().out.splitlines()
        expected = _trust_refusal(target, f"{0o755 | loose:04o}", LOOSE[loose])[lang]
        assert lines[1] == expected
        if lang != "en":
            no_english(lines[1], str(target))
        # print refuses with the same reason, in the same language, before any printer
        assert main(["print", str(signed.nurse_path), "--lang", lang]) == 1
        err = capsys.readouterr().err
        word = {"en": "FAIL: ", "fr": f"REJETÉ{N}: ", "pt": "REJEITADO: "}[lang]
        reason = expected.split(word, 1)[1]
        head = {"en": "leptodesk: not printed: {path} did not pass verification (",
                "fr": f"leptodesk: non imprimé{N}: {{path}} n'a pas passé la vérification (",
                "pt": "leptodesk: não impresso: {path} não passou na verificação ("}[lang]
        assert err == head.format(path=signed.nurse_path) + reason + ").\n"
    finally:
        os.chmod(target, 0o755)
    assert main(["verify", str(signed.pdf_path), "--lang", lang]) == 0


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
@pytest.mark.parametrize("lang", LANGS)
def test_trust_folder_of_another_user_refused_in_the_language(signed, capsys, lang):
    target = service().trust.folder / "roots"
    os.chown(target, 4321, -1)
    try:
        assert main(["verify", str(signed.pdf_path), "--lang", lang]) == 1
    finally:
        os.chown(target, 0, -1)
    line = capsys.readouterr().out.splitlines()[1]
    assert line == {
        "en": f"Result: FAIL: {target} belongs to user id 4321, not to root, so LeptoDesk does "
              "not use its trust folder (the site roots it trusts): only an administrator "
              "grants trust. Ask the site administrator to fix it.",
        "fr": f"Résultat{N}: REJETÉ{N}: {target} appartient à l'identifiant d'utilisateur "
              f"4321, pas à root{N}: LeptoDesk n'utilise donc pas son dossier de confiance (les "
              "racines de site qu'il reconnaît), car seul un administrateur accorde la "
              "confiance. Demandez à l'administrateur du site de le corriger.",
        "pt": f"Resultado: REJEITADO: {target} pertence ao identificador de utilizador 4321, "
              "não a root, por isso o LeptoDesk não usa a sua pasta de confiança (as raízes do "
              "local que reconhece): só um administrador concede confiança. Peça ao "
              "administrador do local que o corrija.",
    }[lang]


SITE_REFUSED = {
    "en": "  - {site} can be changed by the group and other users (mode 0666), so LeptoDesk "
          "does not use the site's defaults (site-defaults.json). Ask the site administrator "
          "to fix it (e.g. chmod go-w {site}).",
    "fr": f"  - {{site}} peut être modifié par le groupe et les autres utilisateurs (mode 0666)"
          f"{N}: LeptoDesk n'utilise donc pas les valeurs par défaut du site "
          "(site-defaults.json). Demandez à l'administrateur du site de le corriger (par ex. "
          "chmod go-w {site}).",
    "pt": "  - {site} pode ser alterado pelo grupo e pelos outros utilizadores (modo 0666), por "
          "isso o LeptoDesk não usa os valores por omissão do local (site-defaults.json). Peça "
          "ao administrador do local que o corrija (p. ex. chmod go-w {site}).",
}


@pytest.mark.parametrize("lang", LANGS)
def test_loose_site_defaults_refused_in_the_language(_isolated_home, capsys, lang):
    site = _isolated_home / "site-defaults.json"
    site.write_text(json.dumps({"pleocytosis_wbc_above_per_ul": 500}))
    os.chmod(site, 0o666)
    assert main(["plan", str(ROOT / "examples" / "tuberculous-adult.json"), "--lang",
                 lang]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[1] == SITE_REFUSED[lang].format(site=site)
    if lang != "en":
        no_english(lines[1], str(site))


# -- 3. a quoted value cut short -------------------------------------------------------------

def _typed_too_long(tmp_path, length: int):
    data = json.loads((ROOT / "examples" / "tuberculous-adult.json").read_text())
    data["patient"]["age_years"] = "a" * length
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


SHOWN = "a" * 80  # an error message quotes at most 80 characters of a bad value
CUT = {  # (extra characters, language): the end of the field's line
    (1, "en"): f'got "{SHOWN}... (1 more character)"',
    (20, "en"): f'got "{SHOWN}... (20 more characters)"',
    (1, "fr"): f"(saisi{N}: «{N}{SHOWN}... (1 caractère de plus){N}»)",
    (20, "fr"): f"(saisi{N}: «{N}{SHOWN}... (20 caractères de plus){N}»)",
    (1, "pt"): f"(introduzido: «{SHOWN}... (mais 1 carácter)»)",
    (20, "pt"): f"(introduzido: «{SHOWN}... (mais 20 caracteres)»)",
}


@pytest.mark.parametrize(("extra", "lang"), sorted(CUT))
def test_a_value_cut_short_says_how_much_in_the_language(tmp_path, capsys, extra, lang):
    assert main(["plan", str(_typed_too_long(tmp_path, 80 + extra)), "--lang", lang]) == 2
    line = capsys.readouterr().err.splitlines()[1]
    assert line.endswith(CUT[(extra, lang)]), line
    if lang != "en":
        no_english(line)


@pytest.mark.parametrize("lang", LANGS)
def test_a_value_of_exactly_the_limit_is_not_cut(tmp_path, capsys, lang):
    assert main(["plan", str(_typed_too_long(tmp_path, 80)), "--lang", lang]) == 2
    line = capsys.readouterr().err.splitlines()[1]
    assert SHOWN in line and "..." not in line


def test_the_cut_value_stays_english_in_the_contract():
    """The English message (logs, JSON) is unchanged; the languages are written from it."""
    from leptodesk.textsafe import printable

    cut = printable("é" * 85, 80)
    assert cut == "é" * 80 + "... (5 more characters)"
    assert (cut.in_lang("fr"), cut.in_lang("pt")) == (
        "é" * 80 + "... (5 caractères de plus)", "é" * 80 + "... (mais 5 caracteres)")
    assert printable("é" * 80, 80) == "é" * 80


def test_the_wizard_message_of_a_cut_value_in_each_language():
    """The wizard's inline message (errors.field_message) of a number box given 100 letters."""
    from leptodesk.errors import FieldError, field_message, typed_text

    error = FieldError("patient.age_years", "", "whole",
                       {"low": 0, "high": 120, "typed": typed_text("b" * 100)})
    b = "b" * 80
    assert field_message(error, "en") == (f'type a whole number from 0 to 120 (you typed "{b}'
                                          '... (20 more characters)")')
    assert field_message(error, "fr") == (f"doit être un nombre entier de 0 à 120 (saisi{N}: «{N}"
                                          f"{b}... (20 caractères de plus){N}»)")
    assert field_message(error, "pt") == (f"deve ser um número inteiro de 0 a 120 (introduzido: "
                                          f"«{b}... (mais 20 caracteres)»)")


# -- 4. plans export, plans import, case extract: --lang ------------------------------------

class Sentence(str):
    """A verdict sentence whose date and time are today's: equal to a line that matches it
    (the exact words; the date and time in the language's shape, checked to the letter with a
    fixed signing time in tests/test_verdict_words.py)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and re.fullmatch(str(self), other) is not None

    __hash__ = str.__hash__


_BY = re.escape(ACCENTED)
HEADLINE = {  # case extract's first line: the verdict without the "Result:" label
    "en": Sentence(rf"PASS: this plan is intact and was signed by {_BY} on \w{{3}} \d{{1,2}} "
                   r"\w{3} \d{4} at \d\d:\d\d \(local time\)"),
    "fr": Sentence(rf"VALIDE{N}: ce plan est intact et a été signé par {_BY} le \S+ \d{{1,2}} "
                   r"\S+ \d{4} à \d\d:\d\d \(heure locale\)"),
    "pt": Sentence(rf"VÁLIDO: este plano está íntegro e foi assinado por {_BY} em \S+, "
                   r"\d{1,2} de \S+ de \d{4} às \d\d:\d\d \(hora local\)"),
}
VERIFIED = {lang: Sentence({"en": "Result: ", "fr": f"Résultat{N}: ", "pt": "Resultado: "}[lang]
                           + str(HEADLINE[lang])) for lang in HEADLINE}
VERIFIED_NURSE = {lang: Sentence(str(VERIFIED[lang]).replace(plan, nurse)) for lang, plan, nurse
                  in (("en", "this plan", "this nurse summary"),
                      ("fr", "ce plan", "ce résumé infirmier"),
                      ("pt", "este plano", "este resumo de enfermagem"))}


@pytest.mark.parametrize("lang", LANGS)
def test_plans_export_in_the_language(signed, tmp_path, capsys, lang):
    out = tmp_path / "copy.pdf"
    assert main(["plans", "export", str(signed.archive_id), "-o", str(out), "--lang",
                 lang]) == 0
    assert capsys.readouterr().out.splitlines() == [
        {"en": f"wrote {out}", "fr": f"{out} écrit", "pt": f"{out} escrito"}[lang],
        VERIFIED[lang]]
    assert out.read_bytes() == signed.pdf_path.read_bytes()
    # the same file again, without --force: refused, in the language
    assert main(["plans", "export", str(signed.archive_id), "-o", str(out), "--lang",
                 lang]) == 2
    err = capsys.readouterr().err
    assert err == {
        "en": f"leptodesk: {out}: exists and is never replaced unasked; choose another name "
              "(on the command line, --force replaces it)\n",
        "fr": f"leptodesk: {out}{N}: existe déjà et n'est jamais remplacé sans qu'on le "
              f"demande{N}; choisissez un autre nom (en ligne de commande, --force le "
              "remplace)\n",
        "pt": f"leptodesk: {out}: já existe e nunca é substituído sem ser pedido; escolha outro "
              "nome (na linha de comandos, --force substitui-o)\n"}[lang]
    if lang != "en":
        no_english(err.removeprefix("leptodesk: "), str(out), "force")


@pytest.mark.parametrize("lang", LANGS)
def test_plans_export_refusals_in_the_language(signed, tmp_path, capsys, lang):
    out = tmp_path / "copy.pdf"
    assert main(["plans", "export", "seven", "-o", str(out), "--lang", lang]) == 2
    assert capsys.readouterr().err == {
        "en": "leptodesk: ID: expected a plan number from 'leptodesk plans list', got 'seven'\n",
        "fr": f"leptodesk: ID{N}: un numéro de plan de «{N}leptodesk plans list{N}» était "
              "attendu, reçu 'seven'\n",
        "pt": "leptodesk: ID: esperava-se um número de plano de «leptodesk plans list», "
              "recebido 'seven'\n"}[lang]
    assert main(["plans", "export", "99", "-o", str(out), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert err == {"en": "leptodesk: no signed plan with id 99 in the archive\n",
                   "fr": "leptodesk: aucun plan signé n° 99 dans les archives\n",
                   "pt": "leptodesk: nenhum plano assinado n.º 99 no arquivo\n"}[lang]
    if lang != "en":
        no_english(err)
    assert not out.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_plans_export_of_a_plan_without_nurse_summary_in_the_language(signed, tmp_path,
                                                                      monkeypatch, capsys,
                                                                      lang):
    from leptodesk.archive import Store

    monkeypatch.setattr(Store, "nurse_pdf", lambda self, i: None)  # archived before them
    n = signed.archive_id
    assert main(["plans", "export", str(n), "--nurse-summary", "-o",
                 str(tmp_path / "n.pdf"), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert err == {
        "en": f"leptodesk: plan {n} has no archived signed nurse summary (it was archived "
              "before nurse summaries were signed); print the signed plan itself\n",
        "fr": f"leptodesk: le plan {n} n'a pas de résumé infirmier signé archivé (il a été "
              f"archivé avant que les résumés infirmiers soient signés){N}; imprimez le plan "
              "signé lui-même\n",
        "pt": f"leptodesk: o plano {n} não tem resumo de enfermagem assinado arquivado (foi "
              "arquivado antes de os resumos de enfermagem serem assinados); imprima o próprio "
              "plano assinado\n"}[lang]


@pytest.fixture
def elsewhere(signed, identities, tmp_path, monkeypatch):  # noqa: F811 - the fixture
    """Another workstation that trusts the same site root (nothing archived there yet)."""
    from leptodesk.service import reset_services

    monkeypatch.setenv("LEPTODESK_HOME", str(tmp_path / "another-workstation"))
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(tmp_path / "another-workstation-trust"))
    reset_services()
    trust(identities["root"])
    return signed


ROOT_LINE = {  # under a command's PASS: the site root that vouches, all 64 digits
    "en": 'site root "Hôpital Site Root", SHA-256 fingerprint {fp}, granted on this workstation '
          "by its administrator",
    "fr": f"racine de site «{N}Hôpital Site Root{N}», empreinte SHA-256 {{fp}}, reconnue sur ce "
          "poste par son administrateur",
    "pt": "raiz do local “Hôpital Site Root”, impressão digital SHA-256 {fp}, reconhecida neste "
          "posto pelo seu administrador",
}
IMPORTED = {
    "en": "Imported export {e} signed by {s} as plan #1 with its signed nurse summary",
    "fr": "Export {e} signé par {s} importé comme plan n° 1, avec son résumé infirmier signé",
    "pt": "Exportação {e} assinada por {s} importada como plano n.º 1, com o seu resumo de "
          "enfermagem assinado",
}
IMPORTED_ALONE = {
    "en": "Imported export {e} signed by {s} as plan #1 (without a nurse summary)",
    "fr": "Export {e} signé par {s} importé comme plan n° 1 (sans résumé infirmier)",
    "pt": "Exportação {e} assinada por {s} importada como plano n.º 1 (sem resumo de "
          "enfermagem)",
}
ALREADY = {
    "en": "Already in the archive as plan #1; nothing added.",
    "fr": f"Déjà dans les archives comme plan n° 1{N}; rien n'a été ajouté.",
    "pt": "Já está no arquivo como plano n.º 1; nada foi acrescentado.",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("with_nurse", [True, False])
def test_plans_import_in_the_language(elsewhere, identities, capsys,  # noqa: F811
                                      lang, with_nurse):
    signed = elsewhere
    argv = ["plans", "import", str(signed.pdf_path)]
    if with_nurse:
        argv.append(str(signed.nurse_path))
    assert main([*argv, "--lang", lang]) == 0
    out = capsys.readouterr().out.splitlines()
    done = (IMPORTED if with_nurse else IMPORTED_ALONE)[lang]
    root = ROOT_LINE[lang].format(fp=identities["root"].fingerprint)
    assert out == [VERIFIED[lang], root, done.format(e=signed.export_id, s=ACCENTED)]
    assert main([*argv, "--lang", lang]) == 0
    again = capsys.readouterr().out.splitlines()
    assert again == [VERIFIED[lang], root, ALREADY[lang]]
    if lang != "en":
        no_english("\n".join(out + again), signed.export_id)


NURSE_AS_PLAN = {
    "en": "this is a nurse summary: it holds no case; open the signed plan (clinician "
          "summary) of the same export",
    "fr": f"c'est un résumé infirmier{N}: il ne contient aucun cas{N}; ouvrez le plan signé "
          "(résumé clinicien) du même export",
    "pt": "isto é um resumo de enfermagem: não contém nenhum caso; abra o plano assinado "
          "(resumo clínico) da mesma exportação",
}


@pytest.mark.parametrize("lang", LANGS)
def test_plans_import_refusals_in_the_language(elsewhere, identities, tmp_path,  # noqa: F811
                                               monkeypatch, capsys, lang):
    signed = elsewhere
    # a nurse summary given as the plan
    assert main(["plans", "import", str(signed.nurse_path), "--lang", lang]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "leptodesk: " + NURSE_AS_PLAN[lang]
    assert err[1].strip() == VERIFIED_NURSE[lang]  # the verdict lines follow, in the language
    # the plan given as its own nurse summary
    assert main(["plans", "import", str(signed.pdf_path), str(signed.pdf_path), "--lang",
                 lang]) == 1
    err = capsys.readouterr().err.splitlines()
    p = signed.pdf_path
    assert err[0] == {
        "en": f"leptodesk: {p}: not a nurse summary. Nothing was imported.",
        "fr": f"leptodesk: {p}{N}: ce n'est pas un résumé infirmier. Rien n'a été importé.",
        "pt": f"leptodesk: {p}: não é um resumo de enfermagem. Nada foi importado."}[lang]
    # the nurse summary of another export (signed again on the first workstation)
    from leptodesk.service import reset_services

    here = os.environ["LEPTODESK_HOME"]
    folder = tmp_path / "other"
    folder.mkdir()
    monkeypatch.setenv("LEPTODESK_HOME", str(tmp_path / "signing-again"))
    reset_services()
    _, other = export(identities, folder, nurse_summary=folder / "nurse.pdf")
    monkeypatch.setenv("LEPTODESK_HOME", here)
    reset_services()
    q = other.nurse_path
    assert main(["plans", "import", str(p), str(q), "--lang", lang]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == {
        "en": f"leptodesk: {q}: the nurse summary of export {other.export_id}, not of this "
              f"plan's export {signed.export_id} (or another signer or case). Nothing was "
              "imported.",
        "fr": f"leptodesk: {q}{N}: le résumé infirmier de l'export {other.export_id}, pas de "
              f"l'export {signed.export_id} de ce plan (ou un autre signataire ou un autre "
              "cas). Rien n'a été importé.",
        "pt": f"leptodesk: {q}: o resumo de enfermagem da exportação {other.export_id}, não da "
              f"exportação {signed.export_id} deste plano (ou outro signatário ou outro caso). "
              "Nada foi importado."}[lang]
    if lang != "en":
        no_english(err[0], str(q), other.export_id, signed.export_id)


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_that_fails_is_refused_in_the_language(elsewhere, capsys, lang):
    """On a workstation that trusts no site root the plan FAILs: nothing opened, said in the
    language with the verdict's own reason."""
    shutil.rmtree(service().trust.folder)  # the administrator removed every anchor
    assert main(["plans", "import", str(elsewhere.pdf_path), "--lang", lang]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == {
        "en": "leptodesk: FAIL: untrusted signer: the certificate was issued by \"Hôpital "
              "Site Root\", which is not a site root trusted on this workstation (see "
              "'leptodesk trust list'). Nothing was opened.",
        "fr": f"leptodesk: REJETÉ{N}: signataire non reconnu{N}: le certificat a été émis par "
              f"«{N}Hôpital Site Root{N}», qui n'est pas une racine de site reconnue sur ce "
              f"poste (voir «{N}leptodesk trust list{N}»). Rien n'a été ouvert.",
        "pt": "leptodesk: REJEITADO: signatário não reconhecido: o certificado foi emitido por "
              "«Hôpital Site Root», que não é uma raiz do local reconhecida neste posto (ver "
              "«leptodesk trust list»). Nada foi aberto."}[lang]
    if lang != "en":
        no_english("\n".join(err))


@pytest.mark.parametrize("lang", LANGS)
def test_case_extract_in_the_language(signed, identities, tmp_path, capsys,  # noqa: F811
                                      lang):
    out = tmp_path / "case.json"
    assert main(["case", "extract", str(signed.pdf_path), "-o", str(out), "--lang",
                 lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    e = signed.export_id
    assert lines == [HEADLINE[lang], ROOT_LINE[lang].format(fp=identities["root"].fingerprint), {
        "en": f"Wrote the signed case of export {e} to {out}",
        "fr": f"Cas signé de l'export {e} écrit dans {out}",
        "pt": f"Caso assinado da exportação {e} escrito em {out}"}[lang]]
    assert json.loads(out.read_text())["patient"]
    if lang != "en":
        no_english("\n".join(lines), e)
    # the nurse summary holds no case: refused, naming the file, in the language
    again = tmp_path / "again.json"
    assert main(["case", "extract", str(signed.nurse_path), "-o", str(again), "--lang",
                 lang]) == 1
    err = capsys.readouterr().err.splitlines()
    colon = f"{N}:" if lang == "fr" else ":"
    assert err[0] == f"leptodesk: {signed.nurse_path}{colon} {NURSE_AS_PLAN[lang]}"
    assert not again.exists()
    # an output that is the input
    assert main(["case", "extract", str(signed.pdf_path), "-o", str(signed.pdf_path),
                 "--lang", lang]) == 2
    p = signed.pdf_path
    assert capsys.readouterr().err == {
        "en": f"leptodesk: {p}: that is the input file {p}; choose another output name (it is "
              "never overwritten)\n",
        "fr": f"leptodesk: {p}{N}: c'est le fichier d'entrée {p}{N}; choisissez un autre nom "
              "de sortie (il n'est jamais écrasé)\n",
        "pt": f"leptodesk: {p}: é o ficheiro de entrada {p}; escolha outro nome de saída "
              "(nunca é substituído)\n"}[lang]


@pytest.mark.parametrize("argv", [["plans", "export", "1", "-o", "x.pdf"],
                                  ["plans", "import", "x.pdf"],
                                  ["case", "extract", "x.pdf", "-o", "x.json"]])
def test_an_unknown_language_is_refused_before_anything(tmp_path, capsys, argv):
    assert main([*argv, "--lang", "de"]) == 2
    assert capsys.readouterr().err == ("leptodesk: unknown language 'de': choose one of en, "
                                       "fr, pt (English, French, Portuguese)\n")


@pytest.mark.parametrize("argv", [["plans", "import", "{pdf}"],
                                  ["case", "extract", "{pdf}", "-o", "{out}"]])
def test_the_locale_chooses_the_language_without_lang(signed, tmp_path, monkeypatch, capsys,
                                                      argv):
    monkeypatch.setenv("LANG", "pt_MZ.UTF-8")
    argv = [a.format(pdf=signed.pdf_path, out=tmp_path / "c.json") for a in argv]
    main(argv)
    assert "íntegro" in capsys.readouterr().out


# -- export: a step that failed, a missing identity ------------------------------------------

EXPORT_FAILED = {
    "archive": {
        "en": "leptodesk: archive: the signed plan could not be archived, so no file was "
              "written and nothing was kept; a retry is safe (ENOSPC)",
        "fr": f"leptodesk: archivage{N}: le plan signé n'a pas pu être archivé, donc aucun "
              f"fichier n'a été écrit et rien n'a été conservé{N}; vous pouvez réessayer sans "
              "risque (ENOSPC)",
        "pt": "leptodesk: arquivamento: o plano assinado não pôde ser arquivado, por isso "
              "nenhum ficheiro foi escrito e nada foi guardado; pode tentar de novo sem risco "
              "(ENOSPC)"},
    "write": {
        "en": "leptodesk: write: signed and archived as plan #1, but the file could not be "
              "written (ENOSPC); write it from the archive: leptodesk plans export 1 -o FILE",
        # errno 28 is said in the language (errors.os_reason), not in the system's words
        "fr": f"leptodesk: écriture{N}: signé et archivé comme plan n° 1, mais le fichier n'a "
              f"pas pu être écrit (plus d'espace libre sur le disque){N}; écrivez-le depuis les "
              f"archives{N}: leptodesk plans export 1 -o FICHIER",
        "pt": "leptodesk: escrita: assinado e arquivado como plano n.º 1, mas o ficheiro não "
              "pôde ser escrito (sem espaço livre no disco); escreva-o a partir do arquivo: "
              "leptodesk plans export 1 -o FICHEIRO"},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("step", sorted(EXPORT_FAILED))
def test_a_failed_export_step_in_the_language(identities, tmp_path, monkeypatch,  # noqa: F811
                                              capsys, lang, step):
    import leptodesk.export
    from leptodesk.archive import Store, StoreError

    def full(*a, **k):
        raise StoreError.plain("ENOSPC") if step == "archive" else OSError(28, "ENOSPC")

    if step == "archive":
        monkeypatch.setattr(Store, "archive_export", full)
    else:
        monkeypatch.setattr(leptodesk.export, "write_outputs", full)
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    out = tmp_path / "plan.pdf"
    assert main(["export", str(ROOT / "examples" / "tuberculous-adult.json"), "-o", str(out),
                 "--identity", str(identities["issued"].p12_path), "--lang", lang]) == 1
    line = capsys.readouterr().err.splitlines()[-1]
    assert line == EXPORT_FAILED[step][lang]
    assert not out.exists()
    if lang != "en":
        no_english(line, "leptodesk plans export 1 -o")


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_identity_in_the_language(tmp_path, capsys, lang):
    me = tmp_path / "me.p12"
    assert main(["export", str(ROOT / "examples" / "tuberculous-adult.json"), "-o",
                 str(tmp_path / "plan.pdf"), "--identity", str(me), "--lang", lang]) == 2
    assert capsys.readouterr().err == {
        "en": f"leptodesk: {me}: no such identity file\n",
        "fr": f"leptodesk: {me}{N}: aucun fichier d'identité de ce nom\n",
        "pt": f"leptodesk: {me}: não existe esse ficheiro de identidade\n"}[lang]


# -- an identity that cannot sign, a certificate that is not a site root ----------------------

@pytest.mark.parametrize("lang", LANGS)
def test_identity_refusals_in_the_language(identities, tmp_path, monkeypatch,  # noqa: F811
                                           capsys, lang):
    case = str(ROOT / "examples" / "tuberculous-adult.json")
    issued, root = identities["issued"].p12_path, identities["root"].p12_path
    not_p12 = tmp_path / "notes.p12"
    not_p12.write_text("not an identity")

    def export_with(identity, passphrase: str) -> str:
        monkeypatch.setenv("LEPTODESK_PASSPHRASE", passphrase)
        assert main(["export", case, "-o", str(tmp_path / "plan.pdf"), "--identity",
                     str(identity), "--lang", lang]) == 2
        return capsys.readouterr().err

    wrong = export_with(issued, "not the passphrase")
    assert wrong == {
        "en": f"leptodesk: {issued}: wrong passphrase for this identity (nothing was signed)\n",
        "fr": f"leptodesk: {issued}{N}: phrase secrète incorrecte pour cette identité (rien "
              "n'a été signé)\n",
        "pt": f"leptodesk: {issued}: frase-passe errada para esta identidade (nada foi "
              "assinado)\n"}[lang]
    site_root = export_with(root, PASS.decode())
    assert site_root == {
        "en": f"leptodesk: {root}: a site root's own key cannot sign plans; issue a "
              "clinician's identity from it (leptodesk identity create --ca)\n",
        "fr": f"leptodesk: {root}{N}: la clé d'une racine de site ne peut pas signer de "
              f"plans{N}; émettez à partir d'elle l'identité d'un clinicien (leptodesk "
              "identity create --ca)\n",
        "pt": f"leptodesk: {root}: a chave de uma raiz do local não pode assinar planos; "
              "emita a partir dela a identidade de um clínico (leptodesk identity create "
              "--ca)\n"}[lang]
    garbage = export_with(not_p12, PASS.decode())
    assert garbage == {
        "en": f"leptodesk: {not_p12}: not a PKCS#12 identity file (.p12/.pfx)\n",
        "fr": f"leptodesk: {not_p12}{N}: pas un fichier d'identité PKCS#12 (.p12/.pfx)\n",
        "pt": f"leptodesk: {not_p12}: não é um ficheiro de identidade PKCS#12 (.p12/.pfx)\n",
    }[lang]
    assert not (tmp_path / "plan.pdf").exists()
    if lang != "en":
        no_english(wrong + site_root + garbage, "leptodesk identity create --ca", "PKCS#12")


@pytest.mark.parametrize("lang", LANGS)
def test_a_trust_file_that_is_no_site_root_in_the_language(signed, identities,  # noqa: F811
                                                           tmp_path, capsys, lang):
    clinician = identities["issued"].p12_path.with_suffix(".pem")
    empty = tmp_path / "empty.pem"
    empty.write_text("")
    expected = {
        "en": (f"leptodesk: {clinician}: not a site root (its certificate is not a CA); a "
               "clinician's own certificate is never trusted directly\n",
               f"leptodesk: {empty}: not a certificate (PEM or DER)\n"),
        "fr": (f"leptodesk: {clinician}{N}: pas une racine de site (son certificat n'est pas "
               f"une autorité de certification){N}; le certificat d'un clinicien n'est jamais "
               "reconnu directement\n",
               f"leptodesk: {empty}{N}: pas un certificat (PEM ou DER)\n"),
        "pt": (f"leptodesk: {clinician}: não é uma raiz do local (o seu certificado não é uma "
               "autoridade de certificação); o certificado de um clínico nunca é reconhecido "
               "directamente\n",
               f"leptodesk: {empty}: não é um certificado (PEM ou DER)\n"),
    }[lang]
    for trust_file, message in zip((clinician, empty), expected, strict=True):
        assert main(["verify", str(signed.pdf_path), "--trust", str(trust_file), "--lang",
                     lang]) == 2
        assert capsys.readouterr().err == message


def test_a_count_of_certificates_takes_the_language_plural():
    """'holds 0 certificates' (English plural) is '0 certificat' in French (CLDR: 0 is one)."""
    from leptodesk.trust.identity import IdentityError

    none = IdentityError.keyed("id_certificates_other", path="x.pem", n=0)
    assert str(none) == "x.pem: holds 0 certificates; give one site root"
    assert none.text_in("fr") == f"x.pem{N}: contient 0 certificat{N}; donnez une seule racine " \
        "de site"
    two = IdentityError.keyed("id_certificates_other", path="x.pem", n=2)
    assert two.text_in("fr") == f"x.pem{N}: contient 2 certificats{N}; donnez une seule racine " \
        "de site"
    assert two.text_in("pt") == "x.pem: contém 2 certificados; indique uma só raiz do local"


# -- plural forms: Portuguese as in Mozambique -------------------------------------------------

@pytest.mark.parametrize(("lang", "shown", "category"), [
    ("pt", "0", "other"), ("pt", "1", "one"), ("pt", "1,5", "other"), ("pt", "2", "other"),
    ("fr", "0", "one"), ("fr", "1", "one"), ("fr", "1,5", "one"), ("fr", "2", "other"),
    ("en", "0", "other"), ("en", "1", "one"), ("en", "1.5", "other"),
])
def test_plural_category_on_both_sides_of_one(lang, shown, category):
    from leptodesk.i18n import plural_category

    assert plural_category(lang, shown) == category


def test_portuguese_plural_rule_is_cldr_mozambique():
    """The rule written in i18n.PLURAL_RULES is CLDR's pt_MZ (Babel's full data, here in the
    test environment), not Brazil's "pt"."""
    from babel import Locale

    from leptodesk.i18n import plural_category

    mz, br = Locale.parse("pt_MZ"), Locale.parse("pt")
    for n in (0, 1, 1.5, 2, 11, 21, 100):
        shown = str(n).replace(".", ",")
        assert plural_category("pt", shown) == ("one" if mz.plural_form(n) == "one" else
                                                "other"), n
    assert br.plural_form(0) == "one"  # the Brazilian rule it replaces


def test_months_in_portuguese_take_the_mozambican_plural():
    from leptodesk.content import months_text

    assert [months_text(n, "pt") for n in ("1", "1,5", "0")] == ["1 mês", "1,5 meses",
                                                                  "0 meses"]
    assert [months_text(n, "fr") for n in ("1", "1,5", "2")] == ["1 mois", "1,5 mois", "2 mois"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_passphrase_in_the_language(identities, tmp_path, monkeypatch, capsys,  # noqa: F811
                                       lang):
    """No LEPTODESK_PASSPHRASE and no terminal: said before anything is signed."""
    monkeypatch.delenv("LEPTODESK_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", None)
    assert main(["export", str(ROOT / "examples" / "tuberculous-adult.json"), "-o",
                 str(tmp_path / "plan.pdf"), "--identity", str(identities["issued"].p12_path),
                 "--lang", lang]) == 2
    assert capsys.readouterr().err == {
        "en": "leptodesk: no passphrase: set LEPTODESK_PASSPHRASE or run in a terminal to be "
              "asked for it\n",
        "fr": f"leptodesk: aucune phrase secrète{N}: définissez LEPTODESK_PASSPHRASE ou lancez "
              "la commande dans un terminal pour qu'elle soit demandée\n",
        "pt": "leptodesk: sem frase-passe: defina LEPTODESK_PASSPHRASE ou execute o comando num "
              "terminal para que seja pedida\n"}[lang]
    assert not (tmp_path / "plan.pdf").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_the_passphrase_prompt_in_the_language(identities, tmp_path, monkeypatch,  # noqa: F811
                                               capsys, lang):
    import getpass
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.delenv("LEPTODESK_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or "")
    p12 = identities["issued"].p12_path
    assert main(["export", str(ROOT / "examples" / "tuberculous-adult.json"), "-o",
                 str(tmp_path / "plan.pdf"), "--identity", str(p12), "--lang", lang]) == 2
    assert asked == [{"en": f"Passphrase for {p12.name}: ",
                      "fr": f"Phrase secrète de {p12.name}{N}: ",
                      "pt": f"Frase-passe de {p12.name}: "}[lang]]
    assert capsys.readouterr().err == {
        "en": "leptodesk: an empty passphrase is not allowed\n",
        "fr": "leptodesk: une phrase secrète vide n'est pas acceptée\n",
        "pt": "leptodesk: não é aceite uma frase-passe vazia\n"}[lang]


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=81, max_size=300))
def test_any_cut_value_keeps_its_head_and_count_in_every_language(text):
    """Whatever was typed: the same escaped first 80 characters in every language, and the
    count of the rest, the English exactly as before ("... (N more characters)")."""
    from leptodesk.textsafe import printable

    cut = printable(text, 80)
    head, extra = printable(text[:80]), len(text) - 80
    word = "character" if extra == 1 else "characters"
    assert cut == f"{head}... ({extra} more {word})"
    assert cut.in_lang("fr") == head + (f"... ({extra} caractère de plus)" if extra == 1 else
                                        f"... ({extra} caractères de plus)")
    assert cut.in_lang("pt") == head + (f"... (mais {extra} carácter)" if extra == 1 else
                                        f"... (mais {extra} caracteres)")
