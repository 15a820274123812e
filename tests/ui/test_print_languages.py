"""``leptodesk print`` of French and Portuguese summaries: verified first, then sent to the
printer as signed; the verdict lines in the language asked for (``--lang``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from leptodesk.cli import main
from tests.test_pdf_helpers import PASS

ROOT = Path(__file__).resolve().parents[2]
CASE = str(ROOT / "examples" / "malignant-her2-good-prognosis.json")


@pytest.fixture
def me(tmp_path, monkeypatch):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
    root = tmp_path / "root.p12"
    assert main(["identity", "create-site-root", "--name", "Ward Root", "-o", str(root)]) == 0
    me = tmp_path / "me.p12"
    assert main(["identity", "create", "--name", "Dr B", "--role", "Registrar",
                 "--registration", "R1", "-o", str(me), "--ca", str(root)]) == 0
    return me


@pytest.fixture
def sent(monkeypatch):
    import ui.printing

    calls = []

    def fake(pdf_bytes, title, printer_name=None):
        calls.append((pdf_bytes, title, printer_name))
        return 1, printer_name or "default"

    monkeypatch.setattr(ui.printing, "print_to_printer", fake)
    return calls


@pytest.mark.parametrize(("lang", "verdict", "sent_line"), [
    ("fr", "Résultat\u00a0: PASS", "1 page envoyée à l'imprimante «\u00a0ward\u00a0»."),
    ("pt", "Resultado: PASS", "1 página enviada para a impressora «ward»."),
    ("en", "Result: PASS", "Sent 1 page to the printer 'ward'"),
])
def test_a_summary_in_each_language_is_verified_then_printed(me, sent, tmp_path, capsys, lang,
                                                             verdict, sent_line):
    pdf, nurse = tmp_path / f"plan-{lang}.pdf", tmp_path / f"nurse-{lang}.pdf"
    assert main(["export", CASE, "-o", str(pdf), "--identity", str(me), "--nurse-summary",
                 str(nurse), "--lang", lang]) == 0
    capsys.readouterr()
    assert main(["print", str(nurse), "--printer", "ward", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert verdict in out and sent_line in out
    assert sent == [(nurse.read_bytes(), nurse.name, "ward")]  # the signed bytes, as signed
