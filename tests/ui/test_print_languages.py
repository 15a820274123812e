"""``leptodesk print`` of French and Portuguese summaries: verified first, then sent to the
printer as signed; the verdict lines in the language asked for (``--lang``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from leptodesk.cli import main
from tests.helpers import ack_args
from tests.test_pdf_helpers import PASS

ROOT = Path(__file__).resolve().parents[2]
CASE = str(ROOT / "examples" / "malignant-her2-good-prognosis.json")


@pytest.fixture
def me(ward_identity):
    return ward_identity


@pytest.mark.parametrize(("lang", "verdict", "sent_line"), [
    ("fr", "Résultat\u00a0: VALIDE", "1 page envoyée à l'imprimante «\u00a0ward\u00a0»."),
    ("pt", "Resultado: VÁLIDO", "1 página enviada para a impressora «ward»."),
    ("en", "Result: PASS", "Sent 1 page to the printer 'ward'"),
])
def test_a_summary_in_each_language_is_verified_then_printed(me, sent, tmp_path, capsys, lang,
                                                             verdict, sent_line):
    pdf, nurse = tmp_path / f"plan-{lang}.pdf", tmp_path / f"nurse-{lang}.pdf"
    assert main(["export", CASE, "-o", str(pdf), "--identity", str(me), "--nurse-summary",
                 str(nurse), "--lang", lang, *ack_args(CASE)]) == 0
    capsys.readouterr()
    assert main(["print", str(nurse), "--printer", "ward", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert verdict in out and sent_line in out
    assert sent == [(nurse.read_bytes(), nurse.name, "ward")]  # the signed bytes, as signed


# -- every example, in every language, through a real spooler --------------------------------

EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.json"))
LANGS = ("en", "fr", "pt")
PRINTED = {"en": "Sent 1 page to the printer", "fr": "1 page envoyée à l'imprimante",
           "pt": "1 página enviada para a impressora"}


@pytest.fixture(scope="module")
def signed_summaries(tmp_path_factory):
    """Every example exported (plan and nurse summary signed) in every language, on one
    workstation whose site root issued the signer."""
    import os

    from leptodesk.service import reset_services

    home = tmp_path_factory.mktemp("ward")
    saved = {k: os.environ.get(k) for k in ("LEPTODESK_HOME", "LEPTODESK_PASSPHRASE",
                                            "LEPTODESK_CA_PASSPHRASE", "LEPTODESK_TRUST_DIR")}
    os.environ.update(LEPTODESK_HOME=str(home / "data"), LEPTODESK_PASSPHRASE=PASS.decode(),
                      LEPTODESK_CA_PASSPHRASE=PASS.decode(),
                      LEPTODESK_TRUST_DIR=str(home / "trust"))
    reset_services()
    try:
        assert main(["identity", "create-site-root", "--name", "Ward Root", "-o",
                     str(home / "root.p12")]) == 0
        from leptodesk.trust.identity import fingerprint, read_certificates

        # The administrator grants it on this workstation (tests run as root).
        assert main(["trust", "add", str(home / "root.pem"), "--fingerprint",
                     fingerprint(read_certificates(home / "root.pem")[0])]) == 0
        assert main(["identity", "create", "--name", "Dr B", "--role", "Registrar",
                     "--registration", "R1", "-o", str(home / "me.p12"), "--ca",
                     str(home / "root.p12")]) == 0
        out = {}
        for example in EXAMPLES:
            for lang in LANGS:
                pdf = home / f"plan-{example}-{lang}.pdf"
                nurse = home / f"nurse-{example}-{lang}.pdf"
                case = ROOT / "examples" / f"{example}.json"
                assert main(["export", str(case), "-o", str(pdf), "--identity",
                             str(home / "me.p12"), "--nurse-summary", str(nurse), "--lang",
                             lang, *ack_args(case)]) == 0, (example, lang)
                out[example, lang] = nurse
        yield home, out
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        reset_services()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_prints_through_a_real_spooler(spooler, signed_summaries, example, lang):
    """DESIGN "Real parts in tests": the signed nurse summary of every example, in each
    language, goes through `leptodesk print` to a CUPS cups-pdf queue; one page comes out
    and it looks like the signed source (rendered pixels)."""
    import subprocess
    import sys

    from tests.ui import cups_spooler

    home, summaries = signed_summaries
    nurse = summaries[example, lang]
    env = dict(spooler.env(), LEPTODESK_HOME=str(home / "data"),
               LEPTODESK_TRUST_DIR=str(home / "trust"), PYTHONPATH=str(ROOT))
    env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    before = len(spooler.jobs("completed"))
    run = subprocess.run([sys.executable, "-m", "leptodesk", "print", str(nurse), "--printer",
                          cups_spooler.QUEUE, "--lang", lang], env=env, capture_output=True,
                         text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    passed = {"en": ": PASS", "fr": "\u00a0: VALIDE", "pt": ": VÁLIDO"}[lang]
    assert passed in run.stdout and PRINTED[lang] in run.stdout
    out = spooler.wait_for_output(nurse.stem)
    try:
        assert len(spooler.jobs("completed")) == before + 1
        source = cups_spooler.render_gray(nurse, 300)
        printed = cups_spooler.render_gray(out, 300)
        assert len(source) == len(printed) == 1  # a nurse summary is one page
        assert cups_spooler.likeness(source[0], printed[0]) > 0.8
    finally:
        out.unlink(missing_ok=True)
