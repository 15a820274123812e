"""Signed plans that left the workstation anchor the audit log where nobody can rewrite it:
`leptodesk audit verify PLAN.pdf` detects even a rewrite of the chain, the archive's anchors
and the history marker together (which the store alone cannot: README)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from leptodesk.archive import DB_NAME
from leptodesk.cli import main

from .conftest import ROOT
from .test_audit_tamper import rechain, sql

PASS = "correct horse battery"


@pytest.fixture
def exported(_isolated_home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS)
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", PASS)
    assert main(["identity", "create-site-root", "--name", "Root", "-o",
                 str(tmp_path / "root.p12")]) == 0
    from leptodesk.trust.identity import fingerprint, read_certificates

    pem = tmp_path / "root.pem"  # granted by the administrator (tests run as root)
    assert main(["trust", "add", str(pem), "--fingerprint",
                 fingerprint(read_certificates(pem)[0])]) == 0
    assert main(["identity", "create", "--name", "Dr A", "--role", "Consultant",
                 "--registration", "R1", "--ca", str(tmp_path / "root.p12"), "-o",
                 str(tmp_path / "id.p12")]) == 0
    pdfs = []
    for i in range(2):
        pdf = tmp_path / f"plan-{i}.pdf"
        assert main(["export", str(ROOT / "examples" / "tuberculous-adult.json"), "-o",
                     str(pdf), "--identity", str(tmp_path / "id.p12")]) == 0
        pdfs.append(pdf)
    capsys.readouterr()
    return _isolated_home, pdfs


def test_pdfs_that_left_detect_a_complete_rewrite(exported, capsys):
    home, pdfs = exported
    assert main(["audit", "verify", *map(str, pdfs)]) == 0
    assert "anchors" in capsys.readouterr().out
    # Rewrite an early row, re-chain, and bring every anchor on this machine in line.
    sql(home, "UPDATE audit SET user = 'someone else' WHERE seq = 1")
    rechain(home)
    conn = sqlite3.connect(home / DB_NAME)
    seq, digest = conn.execute("SELECT seq, hash FROM audit_head").fetchone()
    conn.close()
    sql(home, f"UPDATE plans SET audit_seq = {seq}, audit_hash = '{digest}'")
    (home / (DB_NAME + ".history")).write_text(json.dumps(
        {"store": DB_NAME, "audit_seq": seq, "audit_hash": digest}))
    assert main(["audit", "verify"]) == 1  # plans' plan_signed rows now precede their anchors
    capsys.readouterr()
    code = main(["audit", "verify", str(pdfs[1])])
    err = capsys.readouterr().err
    assert code == 1 and f"the signed plan {pdfs[1]}" in err, err


def test_a_pdf_that_does_not_verify_is_no_anchor(exported, tmp_path, capsys):
    _, pdfs = exported
    forged = tmp_path / "forged.pdf"
    data = bytearray(pdfs[0].read_bytes())
    data[len(data) // 3] ^= 1
    forged.write_bytes(bytes(data))
    assert main(["audit", "verify", str(forged)]) == 2
    assert "does not verify" in capsys.readouterr().err
