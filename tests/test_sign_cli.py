"""``leptodesk export | verify | identity``: exit codes and messages, never a traceback."""

from __future__ import annotations

import io
import re

import pytest

from leptodesk.archive import open_store
from leptodesk.cli import main
from tests.test_pdf_helpers import PASS, ROOT

CASE = str(ROOT / "examples" / "tuberculous-adult.json")


def _events():

    with open_store() as store:
        return store.list_events()


@pytest.fixture
def identity(tmp_path, monkeypatch):
    """A site root, granted on this workstation by its administrator (making it trusts
    nothing; tests run as root), and an identity it issued."""
    from leptodesk.trust.identity import fingerprint, read_certificates

    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
    assert main(["identity", "create-site-root", "--name", "Ward Root", "-o",
                 str(tmp_path / "root.p12")]) == 0
    pem = tmp_path / "root.pem"
    assert main(["trust", "add", str(pem), "--fingerprint",
                 fingerprint(read_certificates(pem)[0])]) == 0
    out = tmp_path / "me.p12"
    assert main(["identity", "create", "--name", "Dr Ana Núñez", "--role", "Consultant",
                 "--registration", "REG-42", "--ca", str(tmp_path / "root.p12"),
                 "-o", str(out)]) == 0
    return out


def test_identity_create_writes_p12_pem_and_records(identity, capsys):
    assert identity.is_file() and identity.with_suffix(".pem").is_file()
    rows = _events()
    assert rows[-1].event == "identity_created"
    assert rows[-1].detail["issued_by_site_root"] is True
    assert PASS.decode() not in capsys.readouterr().out
    assert PASS.decode() not in repr(rows)


def test_identity_is_never_overwritten(identity, capsys):
    assert main(["identity", "create", "--name", "X", "--role", "Y", "--registration", "Z",
                 "-o", str(identity)]) == 2
    assert "exists" in capsys.readouterr().err


@pytest.mark.parametrize(("field", "value", "says"), [
    ("--name", "Dr A\nSigned by: Dr B", "control characters"),
    ("--name", "Dr \u202eevil", "bidirectional"),
    ("--name", "\x1b[2J", "control characters"),
    ("--role", "Consultant\r", "control characters"),
    ("--registration", "   ", "must not be empty"),
    ("--name", "D" * 65, "at most 64 characters"),
])
def test_identity_subject_is_refused_before_any_passphrase(tmp_path, monkeypatch, capsys,
                                                           field, value, says):
    """A name that would forge a line in 'plans list' or reorder itself on screen never gets
    into a certificate; the refusal comes before the passphrase prompt, naming the field."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a prompt would fail, not hang
    monkeypatch.delenv("LEPTODESK_PASSPHRASE", raising=False)
    args = {"--name": "Dr Ana", "--role": "Consultant", "--registration": "REG-1"}
    args[field] = value
    out = tmp_path / "x.p12"
    argv = ["identity", "create", "-o", str(out)] + [a for kv in args.items() for a in kv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"the {field[2:]}" in err and says in err
    assert "\x1b" not in err and "\u202e" not in err and "Traceback" not in err
    assert not out.exists()


def test_identity_of_64_characters_is_accepted(tmp_path, monkeypatch):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    out = tmp_path / "x.p12"
    assert main(["identity", "create", "--name", "D" * 64, "--role", "R", "--registration",
                 "1", "-o", str(out)]) == 0


def test_site_root_name_with_a_newline_is_refused(tmp_path, capsys):
    assert main(["identity", "create-site-root", "--name", "Root\nX", "-o",
                 str(tmp_path / "r.p12")]) == 2
    assert "the name must not hold control characters" in capsys.readouterr().err


def test_export_then_verify(identity, tmp_path, capsys):
    pdf, nurse = tmp_path / "plan.pdf", tmp_path / "nurse.pdf"
    assert main(["export", CASE, "-o", str(pdf), "--identity", str(identity),
                 "--nurse-summary", str(nurse)]) == 0
    out = capsys.readouterr().out
    assert "Signed" in out and "Dr Ana Núñez" in out and nurse.is_file()
    rows = _events()
    assert [r.event for r in rows[-2:]] == ["plan_signed", "plan_exported"]
    assert {r.user for r in rows[-2:]} == {"Dr Ana Núñez"}  # the signer acted
    # the check code said at signing is the one printed on the nurse summary, and finds it
    code = re.search(r"^Check code ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}) \(printed on every "
                     r"page of both PDFs\): leptodesk plans find \1 ", out, re.M).group(1)
    from pypdf import PdfReader

    assert all(f"Check code {code}" in page.extract_text()
               for page in PdfReader(str(nurse)).pages)
    assert main(["plans", "find", code]) == 0
    assert code in capsys.readouterr().out
    assert main(["verify", str(pdf)]) == 0
    out = capsys.readouterr().out
    for line in ("Result: PASS", "Signer: Dr Ana Núñez", "Role: Consultant",
                 "Registration: REG-42",
                 'Issuer: site root "Ward Root", SHA-256 fingerprint ',
                 "granted on this workstation by its administrator",
                 "Signer certificate SHA-256: ",
                 "Signing time: 2", "this workstation's archive record #1", "Content version:",
                 "Case SHA-256:", "Export id: ", "Document: clinician summary"):
        assert line in out
    assert _events()[-1].event == "plan_verified"
    assert _events()[-1].detail["verdict"] == "PASS"
    assert main(["verify", str(nurse)]) == 0
    assert "Document: nurse summary of export " in capsys.readouterr().out


def test_verify_tampered_exits_1(identity, tmp_path, capsys):
    pdf = tmp_path / "plan.pdf"
    assert main(["export", CASE, "-o", str(pdf), "--identity", str(identity)]) == 0
    data = bytearray(pdf.read_bytes())
    at = data.index(b"case_sha256=") + len(b"case_sha256=")
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    pdf.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["verify", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert "Result: FAIL: tampered" in out


def test_verify_untrusted_then_trust_flag(identity, tmp_path, monkeypatch, capsys):
    pdf = tmp_path / "plan.pdf"
    assert main(["export", CASE, "-o", str(pdf), "--identity", str(identity)]) == 0
    monkeypatch.setenv("LEPTODESK_HOME", str(tmp_path / "other-workstation"))
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(tmp_path / "other-workstation-trust"))
    capsys.readouterr()
    assert main(["verify", str(pdf)]) == 1
    captured = capsys.readouterr()
    assert "untrusted signer" in captured.out and "--trust" not in captured.out
    assert captured.err == ""  # no pyHanko traceback or log line
    # A clinician's own certificate is never a trust anchor, even for one check.
    assert main(["verify", str(pdf), "--trust", str(identity.with_suffix(".pem"))]) == 2
    assert "not a site root" in capsys.readouterr().err
    assert main(["verify", str(pdf), "--trust", str(tmp_path / "root.pem")]) == 0


def test_verify_unsigned_and_missing_files(tmp_path, capsys):
    from leptodesk.casefile import load_case_file
    from leptodesk.export import render_clinician_summary
    from leptodesk.service import get_service

    case = load_case_file(CASE)
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(render_clinician_summary(case, get_service().plan(case)))
    assert main(["verify", str(unsigned)]) == 1
    assert "FAIL: no signature" in capsys.readouterr().out
    assert main(["verify", str(tmp_path / "nope.pdf")]) == 1
    assert "nope.pdf" in capsys.readouterr().err


def test_wrong_passphrase_is_exit_2_without_traceback(identity, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", "not the passphrase")
    pdf = tmp_path / "plan.pdf"
    assert main(["export", CASE, "-o", str(pdf), "--identity", str(identity)]) == 2
    err = capsys.readouterr().err
    assert "wrong passphrase" in err and "Traceback" not in err
    assert "not the passphrase" not in err
    assert not pdf.exists()


def test_no_passphrase_and_no_terminal_is_exit_2(identity, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("LEPTODESK_PASSPHRASE")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["export", CASE, "-o", str(tmp_path / "p.pdf"), "--identity",
                 str(identity)]) == 2
    assert "LEPTODESK_PASSPHRASE" in capsys.readouterr().err


def test_invalid_case_is_exit_2(identity, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "patient": {"weight_kg": 9000}}')
    assert main(["export", str(bad), "-o", str(tmp_path / "p.pdf"), "--identity",
                 str(identity)]) == 2
    assert "patient.weight_kg" in capsys.readouterr().err


def test_not_a_pkcs12_is_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    junk = tmp_path / "junk.p12"
    junk.write_bytes(b"junk")
    assert main(["export", CASE, "-o", str(tmp_path / "p.pdf"), "--identity", str(junk)]) == 2
    assert "not a PKCS#12" in capsys.readouterr().err


def test_site_root_issues_identities(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    root = tmp_path / "root.p12"
    assert main(["identity", "create-site-root", "--name", "Ward Root", "-o", str(root)]) == 0
    me = tmp_path / "me.p12"
    args = ["identity", "create", "--name", "Dr B", "--role", "Registrar", "--registration",
            "R1", "-o", str(me), "--ca", str(root)]
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", "wrong wrong wrong")
    assert main(args) == 2
    assert "wrong passphrase" in capsys.readouterr().err and not me.exists()
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
    assert main(args) == 0
    pdf = tmp_path / "p.pdf"
    assert main(["export", CASE, "-o", str(pdf), "--identity", str(me)]) == 0
    # Another workstation that trusts only the site root's certificate.
    monkeypatch.setenv("LEPTODESK_HOME", str(tmp_path / "elsewhere"))
    assert main(["verify", str(pdf), "--trust", str(root.with_suffix(".pem"))]) == 0
    assert main(["verify", str(pdf)]) == 1


def test_short_passphrase_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", "short")
    assert main(["identity", "create", "--name", "A", "--role", "B", "--registration", "C",
                 "-o", str(tmp_path / "a.p12")]) == 2
    assert "the passphrase has 5 characters and needs at least 12" in capsys.readouterr().err


def test_command_module_is_light_to_import():
    import subprocess
    import sys

    code = ("import sys, leptodesk.commands.sign, leptodesk.commands.trust; "
            "print(any(m.startswith(('pyhanko', 'reportlab', 'cryptography')) "
            "for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
