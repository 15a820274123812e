"""Issue #22 item 4 in the core: the verdict in plain words, in all three languages. A PASS is
one complete sentence naming the signer and the local date and time; PASS and FAIL are the
language's words; every verdict names the issuing site root and its fingerprint (short on a
screen, full in Details and on the command line). Expected sentences written out by hand."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from leptodesk.cli import main
from tests.test_pdf_helpers import PASS, identities, service, trust
from tests.trust_helpers import DOCUMENT_SIGNING, leaf, load_p12, needs_root, write_p12

__all__ = ["identities"]
pytestmark = needs_root

# 08:32 UTC on Monday 1 June 2026 is 10:32 in Maputo (UTC+2 all year, no summer time).
SIGNED_AT = datetime(2026, 6, 1, 8, 32, tzinfo=UTC)
N = "\u00a0"


@pytest.fixture
def maputo(monkeypatch):
    monkeypatch.setenv("TZ", "Africa/Maputo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def signed(identities, tmp_path, maputo):
    """A plan and its nurse summary signed at SIGNED_AT by Dr Chain, whose identity the
    trusted site root issued in January 2026."""
    trust(identities["root"])
    root_key, root_cert, _ = load_p12(identities["root"].p12_path)
    key, cert = leaf(root_key, root_cert, "Dr Chain", eku=[DOCUMENT_SIGNING],
                     not_before=datetime(2026, 1, 1, tzinfo=UTC))
    p12 = write_p12(tmp_path / "chain.p12", key, cert, [root_cert])
    from tests.helpers import accept_all
    from tests.test_pdf_helpers import example_case

    case = example_case("lp-contraindicated")
    result = service().export(case, identity=p12, passphrase=PASS, output=tmp_path / "plan.pdf",
                              nurse_summary=tmp_path / "nurse.pdf", signing_time=SIGNED_AT,
                              acknowledgements=accept_all(case))
    return result


SENTENCES = {
    "en": ("PASS: this plan is intact and was signed by Dr Chain on Mon 1 Jun 2026 at 10:32 "
           "(local time)",
           "PASS: this nurse summary is intact and was signed by Dr Chain on Mon 1 Jun 2026 at "
           "10:32 (local time)"),
    "fr": (f"VALIDE{N}: ce plan est intact et a été signé par Dr Chain le lun. 1 juin 2026 à "
           "10:32 (heure locale)",
           f"VALIDE{N}: ce résumé infirmier est intact et a été signé par Dr Chain le lun. "
           "1 juin 2026 à 10:32 (heure locale)"),
    "pt": ("VÁLIDO: este plano está íntegro e foi assinado por Dr Chain em seg., 1 de jun. de "
           "2026 às 10:32 (hora local)",
           "VÁLIDO: este resumo de enfermagem está íntegro e foi assinado por Dr Chain em seg., "
           "1 de jun. de 2026 às 10:32 (hora local)"),
}


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
def test_a_pass_is_one_complete_sentence_in_the_language(signed, lang):
    plan = service().verify(signed.pdf_path)
    nurse = service().verify(signed.nurse_path)
    assert plan.ok and nurse.ok
    assert (plan.headline_in(lang), nurse.headline_in(lang)) == SENTENCES[lang]
    assert plan.verdict == "PASS"  # the audit log and JSON keep the English word


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
def test_every_verdict_names_the_root_short_on_screen_and_full_in_details(signed, identities,
                                                                         lang):
    fp = identities["root"].fingerprint
    short = f"{fp[:4]} {fp[4:8]} {fp[8:12]} {fp[12:16]}"
    said = {
        "en": 'site root "Hôpital Site Root", SHA-256 fingerprint {fp}, granted on this '
              "workstation by its administrator",
        "fr": f"racine de site «{N}Hôpital Site Root{N}», empreinte SHA-256 {{fp}}, reconnue "
              "sur ce poste par son administrateur",
        "pt": "raiz do local “Hôpital Site Root”, impressão digital SHA-256 {fp}, reconhecida "
              "neste posto pelo seu administrador"}[lang]
    verdict = service().verify(signed.pdf_path)
    assert verdict.screen_lines_in(lang) == [SENTENCES[lang][0], said.format(fp=short)]
    issuer = {"en": "Issuer: ", "fr": f"Émetteur{N}: ", "pt": "Emissor: "}[lang]
    assert issuer + said.format(fp=fp) in verdict.detail_lines_in(lang)
    assert verdict.lines(lang)[1:] == verdict.detail_lines_in(lang)


@pytest.mark.parametrize(("lang", "first"), [
    ("en", "Result: FAIL: self-issued: not vouched for by a site root"),
    ("fr", f"Résultat{N}: REJETÉ{N}: auto-émis{N}: aucune racine de site ne s'en porte garante"),
    ("pt", "Resultado: REJEITADO: auto-emitido: não é garantido por nenhuma raiz do local"),
])
def test_a_fail_says_the_language_s_word_and_names_the_issuer(identities, tmp_path, lang,
                                                              first, capsys):
    from tests.test_pdf_helpers import export

    _, fake = export(identities, tmp_path, "lp-contraindicated", who="self")
    capsys.readouterr()
    assert main(["verify", str(fake.pdf_path), "--lang", lang]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == first
    issuer = {"en": 'Issuer: "Dr Zoë Ångström-Müller", not a site root trusted here',
              "fr": f"Émetteur{N}: «{N}Dr Zoë Ångström-Müller{N}», qui n'est pas une racine de "
                    "site reconnue ici",
              "pt": "Emissor: “Dr Zoë Ångström-Müller”, que não é uma raiz do local reconhecida "
                    "aqui"}[lang]
    assert issuer in lines


def test_the_command_line_prints_the_sentence_and_the_full_fingerprint(signed, identities,
                                                                      capsys):
    capsys.readouterr()
    assert main(["verify", str(signed.pdf_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "Result: " + SENTENCES["en"][0]
    assert (f'Issuer: site root "Hôpital Site Root", SHA-256 fingerprint '
            f"{identities['root'].fingerprint}, granted on this workstation by its "
            "administrator") in lines
