"""Files (DESIGN "Files"): private whatever the umask; a trust folder or site-defaults.json that
others can write is refused like ssh refuses such a key; no core dumps with a key in memory;
control characters escaped in terminal output."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from leptodesk.archive import DB_NAME, open_store
from leptodesk.cli import main

from .conftest import ROOT

PASS = "correct horse battery staple"
CASE = ROOT / "examples" / "tuberculous-adult.json"


def mode(path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


@pytest.fixture
def umask_000():
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.fixture
def signed(_isolated_home, tmp_path, monkeypatch, umask_000):
    """Everything a workstation writes, made under umask 000 in a brand-new data folder."""
    home = _isolated_home / "new-home"
    monkeypatch.setenv("LEPTODESK_HOME", str(home))
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS)
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", PASS)
    root = tmp_path / "ids" / "root.p12"
    assert main(["identity", "create-site-root", "--name", "Site root", "-o", str(root)]) == 0
    from leptodesk.trust.identity import fingerprint, read_certificates

    pem = root.with_suffix(".pem")  # granted by the administrator (tests run as root)
    assert main(["trust", "add", str(pem), "--fingerprint",
                 fingerprint(read_certificates(pem)[0])]) == 0
    ident = tmp_path / "ids" / "me.p12"
    assert main(["identity", "create", "--name", "Dr A", "--role", "Consultant",
                 "--registration", "R1", "--ca", str(root), "-o", str(ident)]) == 0
    pdf, nurse = tmp_path / "plan.pdf", tmp_path / "nurse.pdf"
    assert main(["export", str(CASE), "-o", str(pdf), "--identity", str(ident),
                 "--nurse-summary", str(nurse)]) == 0
    return home, ident, pdf, nurse


def _trust_dir():
    from pathlib import Path

    return Path(os.environ["LEPTODESK_TRUST_DIR"])  # the system trust folder (conftest.py)


def test_everything_private_under_umask_000(signed):
    home, ident, pdf, nurse = signed
    assert mode(home) == "0o700"
    assert not (home / "trust").exists()  # no per-user trust folder any more
    ids = ident.parent
    for path in [ident, ident.with_suffix(".pem"), ids / "root.p12", ids / "root.pem",
                 pdf, nurse, home / DB_NAME,
                 home / (DB_NAME + ".history")]:
        assert mode(path) == "0o600", path
    # The system trust folder: every ward user reads it, only root writes it (DESIGN "Files").
    assert mode(_trust_dir()) == mode(_trust_dir() / "roots") == "0o755"
    [pem] = (_trust_dir() / "roots").iterdir()
    assert mode(pem) == "0o644"


def test_loose_data_folder_is_tightened(_isolated_home, umask_000):
    os.chmod(_isolated_home, 0o777)
    with open_store():
        pass
    assert mode(_isolated_home) == "0o700"


@pytest.mark.parametrize("loose", [0o020, 0o002])
def test_trust_folder_writable_by_others_is_refused(signed, loose, capsys):
    home, _, pdf, _ = signed
    capsys.readouterr()
    target = _trust_dir() / "roots"
    os.chmod(target, 0o755 | loose)
    assert main(["verify", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert "Result: FAIL" in out and str(target) in out
    assert "does not use its trust folder" in out and "chmod go-w" in out
    os.chmod(target, 0o755)
    assert main(["verify", str(pdf)]) == 0


def test_trusted_certificate_writable_by_others_is_refused(signed, capsys):
    home, _, pdf, _ = signed
    [pem] = (_trust_dir() / "roots").iterdir()
    os.chmod(pem, 0o666)
    assert main(["verify", str(pdf)]) == 1
    assert str(pem) in capsys.readouterr().out


def test_site_defaults_writable_by_others_is_refused(_isolated_home, capsys):
    site = _isolated_home / "site-defaults.json"
    site.write_text(json.dumps({"pleocytosis_wbc_above_per_ul": 500}))
    os.chmod(site, 0o666)
    assert main(["plan", str(CASE)]) == 2  # refused like a bad file: the wizard stops too
    err = capsys.readouterr().err
    assert "site-defaults.json can be changed by the group and other users" in err
    os.chmod(site, 0o600)
    assert main(["plan", str(CASE)]) == 0


def test_site_defaults_strict_like_a_case(_isolated_home, capsys):
    site = _isolated_home / "site-defaults.json"
    site.write_text('{"pleocytosis_wbc_above_per_ul": 5, "pleocytosis_wbc_above_per_ul": 500}')
    os.chmod(site, 0o600)
    assert main(["plan", str(CASE)]) == 2
    assert "pleocytosis_wbc_above_per_ul: this key is given more than once" in \
        capsys.readouterr().err
    site.write_text('{"pleocytosis_wbc_above_per_ul": "500"}')
    assert main(["plan", str(CASE)]) == 2


def test_no_core_dumps_once_a_key_is_loaded(tmp_path):
    """In a fresh process: dumpable before; after making and loading a key, no core dumps."""
    code = f"""
import os, resource, sys
from pathlib import Path
os.environ["LEPTODESK_HOME"] = {str(tmp_path / "home")!r}
def dumpable():
    import ctypes
    return ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
before = (resource.getrlimit(resource.RLIMIT_CORE)[0], dumpable())
from leptodesk.trust.identity import create_identity, load_identity
create_identity("Dr A", "R", "1", Path({str(tmp_path / "k.p12")!r}), b"{PASS}")
load_identity(Path({str(tmp_path / "k.p12")!r}), b"{PASS}")
print(before[1], resource.getrlimit(resource.RLIMIT_CORE), dumpable())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    # dumpable after exec (a test run may already have core files limited: rlimits are
    # inherited, dumpability is not); after: no core file of any size, not dumpable
    assert out.stdout.split() == ["1", "(0,", "0)", "0"]


def test_control_characters_escaped_in_plans_list_and_audit(_isolated_home, capsys):
    with open_store() as store:
        store.archive_plan(b"%PDF", display_name="Bed 1\n    2  2026-01-01  forged\x1b[2J",
                           pathway="fungal", signer="Dr \u202eA", signed_at="2026-11-25T10:00",
                           content_version="v", case_sha256="c")
        store.append_event("plan_printed", user="nurse\r\x1b[31m", detail={"ok": True})
    assert main(["plans", "list"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 2  # header and one row: no forged second row
    assert "\x1b" not in out and "\u202e" not in out and "\\u202e" in out
    assert main(["audit", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out and "nurse\\x0d\\x1b[31m" in out
    assert main(["plans", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["display_name"].endswith("forged\x1b[2J")  # JSON keeps the exact text
