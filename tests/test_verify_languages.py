"""The reason of a FAIL (and what the signing time rests on) in French and Portuguese: the
verdict word is the language's (REJETÉ, REJEITADO; issue #22), the exit status is the same in
every language, the reason is the catalogue's sentence with its values filled in, and no
English sentence is left."""

from __future__ import annotations

import pytest

from leptodesk.cli import main
from leptodesk.messages import MESSAGES

from .test_i18n_pdf import ENGLISH_WORDS, _words
from .test_pdf_helpers import (  # noqa: F401 - identities: a fixture
    PASS,
    example_case,
    identities,
    page_overlay,
    service,
    trust,
)

N = "\u00a0"
# Worked by hand from the English source of each reason, per language.
REASONS = {
    "changed_after": {
        "en": "Result: FAIL: changed after signing: something was added after the signed part "
              "(a later revision or appended bytes), which the signature does not cover",
        "fr": f"Résultat{N}: REJETÉ{N}: modifié après la signature{N}: quelque chose a été ajouté "
              "après la partie signée (une révision ultérieure ou des octets ajoutés à la fin), "
              "ce que la signature ne couvre pas",
        "pt": "Resultado: REJEITADO: alterado depois da assinatura: algo foi acrescentado "
              "depois da parte assinada (uma revisão posterior ou bytes anexados no fim), que a "
              "assinatura não cobre",
    },
    "untrusted": {
        "en": "Result: FAIL: untrusted signer: the certificate was issued by \"Hôpital Site "
              "Root\", which is not a site root trusted on this workstation (see 'leptodesk "
              "trust list')",
        "fr": f"Résultat{N}: REJETÉ{N}: signataire non reconnu{N}: le certificat a été émis par "
              f"«{N}Hôpital Site Root{N}», qui n'est pas une racine de site reconnue sur ce "
              f"poste (voir «{N}leptodesk trust list{N}»)",
        "pt": "Resultado: REJEITADO: signatário não reconhecido: o certificado foi emitido por "
              "«Hôpital Site Root», que não é uma raiz do local reconhecida neste posto (ver "
              "«leptodesk trust list»)",
    },
    "self_issued": {
        "en": "Result: FAIL: self-issued: not vouched for by a site root",
        "fr": f"Résultat{N}: REJETÉ{N}: auto-émis{N}: aucune racine de site ne s'en porte garante",
        "pt": "Resultado: REJEITADO: auto-emitido: não é garantido por nenhuma raiz do local",
    },
    "unsigned": {
        "en": "Result: FAIL: no signature: this PDF is not signed, do not use it as a plan",
        "fr": f"Résultat{N}: REJETÉ{N}: aucune signature{N}: ce PDF n'est pas signé, ne "
              "l'utilisez pas comme plan",
        "pt": "Resultado: REJEITADO: sem assinatura: este PDF não está assinado, não o use como "
              "plano",
    },
}
# What the signing time rests on, for a PDF this workstation has not archived.
NOT_ARCHIVED = {
    "en": "(the signer's claim only: this PDF is not in this workstation's archive)",
    "fr": f"(la seule affirmation du signataire{N}: ce PDF n'est pas dans les archives de ce "
          "poste)",
    "pt": "(apenas a declaração do signatário: este PDF não está no arquivo deste posto)",
}
ARCHIVE_CHANGED = {
    "en": "Result: FAIL: the archived file has changed since it was archived (its SHA-256 no "
          "longer matches the archive record)",
    "fr": f"Résultat{N}: REJETÉ{N}: le fichier archivé a changé depuis son archivage (son SHA-256 "
          "ne correspond plus à l'enregistrement des archives)",
    "pt": "Resultado: REJEITADO: o ficheiro arquivado foi alterado desde que foi arquivado (o seu "
          "SHA-256 já não corresponde ao registo do arquivo)",
}
# Values the lines show as they are (names, hashes, the PDF's file name).
KEPT = ("Hôpital Site Root", "Dr Zoë Ångström-Müller", "Consultant neurologist", "leptodesk "
        "trust list")


def _no_english(text: str) -> None:
    for kept in KEPT:
        text = text.replace(kept, "")
    left = _words(text) & ENGLISH_WORDS
    assert not left, (left, text)


@pytest.fixture(scope="module")
def pdfs(identities, tmp_path_factory):  # noqa: F811 - the fixture
    """One PDF per verdict, signed in French (the language of the plan does not matter)."""
    from leptodesk.export import render_clinician_summary

    folder = tmp_path_factory.mktemp("verify-languages")
    case = example_case("tuberculous-adult")
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEPTODESK_HOME", str(folder / "signing-workstation"))
        for who in ("issued", "self"):
            identity = identities[who]
            pdf = folder / f"{who}.pdf"
            service().export(case, identity=getattr(identity, "p12_path", identity),
                             passphrase=PASS, output=pdf, lang="fr")
            out[who] = pdf
        unsigned = folder / "unsigned.pdf"
        unsigned.write_bytes(render_clinician_summary(case, service().plan(case)))
    changed = folder / "changed.pdf"
    changed.write_bytes(page_overlay(out["issued"].read_bytes()))
    return {"changed_after": changed, "untrusted": out["issued"], "self_issued": out["self"],
            "unsigned": unsigned}


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
@pytest.mark.parametrize("verdict", sorted(REASONS))
def test_verify_fail_reason_in_the_language(identities, pdfs, capsys, lang,  # noqa: F811
                                             verdict):
    if verdict != "untrusted":
        trust(identities["root"])
    assert main(["verify", str(pdfs[verdict]), "--lang", lang]) == 1  # FAIL in every language
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[1] == REASONS[verdict][lang], lines[1]
    if verdict != "unsigned":  # an unsigned PDF has no signing time
        assert NOT_ARCHIVED[lang] in out
    if lang != "en":
        _no_english("\n".join(lines[1:]))


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
def test_print_refuses_with_the_reason_in_the_language(identities, pdfs, capsys,  # noqa: F811
                                                       lang):
    assert main(["print", str(pdfs["untrusted"]), "--lang", lang]) == 1
    captured = capsys.readouterr()
    assert REASONS["untrusted"][lang] in captured.out
    refused = {"en": "leptodesk: not printed: {path} did not pass verification (untrusted "
                     "signer: the certificate",
               "fr": f"leptodesk: non imprimé{N}: {{path}} n'a pas passé la vérification "
                     f"(signataire non reconnu{N}: le certificat",
               "pt": "leptodesk: não impresso: {path} não passou na verificação (signatário "
                     "não reconhecido: o certificado"}[lang].format(path=pdfs["untrusted"])
    assert captured.err.startswith(refused), captured.err


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
def test_archived_bytes_changed_in_the_language(identities, tmp_path, monkeypatch,  # noqa: F811
                                                lang):
    from leptodesk.archive import Store

    trust(identities["root"])
    case = example_case("tuberculous-adult")
    result = service().export(case, identity=identities["issued"].p12_path, passphrase=PASS,
                              output=tmp_path / "plan.pdf")
    good = Store.plan_pdf
    monkeypatch.setattr(Store, "plan_pdf", lambda self, i: good(self, i) + b"\n% changed\n")
    verdict, _ = service().verify_archived(result.archive_id)
    assert not verdict.ok and verdict.reason == MESSAGES["verify_fail_archive_changed"]
    lines = verdict.lines(lang)
    assert lines[0] == ARCHIVE_CHANGED[lang]
    assert verdict.headline_in(lang) == ARCHIVE_CHANGED[lang].split(" ", 1)[1].lstrip(": ")
    if lang != "en":
        _no_english("\n".join(lines))


def test_english_reason_is_unchanged_for_the_audit_log():
    """``reason`` stays the English sentence whatever language the lines are written in."""
    from leptodesk.pdf.verdict import failed

    v = failed("verify_fail_untrusted", "0" * 64, {"issuer": "X"})
    assert v.reason == ("untrusted signer: the certificate was issued by \"X\", which is not a "
                        "site root trusted on this workstation (see 'leptodesk trust list')")
    assert v.lines("fr")[0].endswith(f"émis par «{N}X{N}», qui n'est pas une racine de site "
                                     f"reconnue sur ce poste (voir «{N}leptodesk trust list{N}»)")
    assert v.reason == v.headline.removeprefix("FAIL: ")
