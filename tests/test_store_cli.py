"""``leptodesk plans list|export`` from the command line."""

import json
import subprocess
import sys

from leptodesk.cli import main
from leptodesk.service import get_service
from tests.conftest import ROOT


def _archive(name, day, pdf=b"%PDF-1.7 signed"):
    return get_service().local().archive_plan(pdf, display_name=name, pathway="tuberculous",
                                      signer="Dr A", signed_at=f"{day}T09:30:00+01:00",
                                      content_version="lepto-spine-2026.1",
                                      case_sha256="c" * 64)


def test_plans_list_and_search(capsys):
    a = _archive("Bed 12 / MRN 0042", "2026-11-20")
    b = _archive("Bed 3 / MRN 0100", "2026-11-24")
    assert main(["plans", "list"]) == 0
    out = capsys.readouterr().out
    assert out.index("Bed 3") < out.index("Bed 12")
    assert main(["plans", "list", "--patient", "bed 12", "--format", "json"]) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == [a]
    assert main(["plans", "list", "--date", "2026-11-24", "--format", "json"]) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == [b]
    assert main(["plans", "list", "--patient", "nobody"]) == 0
    assert "no signed plans" in capsys.readouterr().out


def test_plans_list_bad_date_is_exit_2(capsys):
    assert main(["plans", "list", "--date", "24/11/2026"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_plans_export_checks_before_writing_and_never_writes_a_failing_pdf(tmp_path, capsys):
    pdf = b"%PDF-1.7\n" + bytes(range(256)) + b"\n%%EOF\n"
    plan_id = _archive("Bed 1", "2026-11-24", pdf)
    out = tmp_path / "copy.pdf"
    # The core's verdict first (not a signed PDF: FAIL): nothing is written (issue 25: a
    # damaged archived PDF was written out, then called FAIL).
    assert main(["plans", "export", str(plan_id), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "Result: FAIL: not a readable PDF" in captured.out
    assert "wrote" not in captured.out and f"{out} was not written" in captured.err
    assert not out.exists() and not list(tmp_path.glob(".copy.pdf*"))
    out.write_bytes(b"already here")
    assert main(["plans", "export", str(plan_id), "-o", str(out)]) == 2  # exists: no --force
    assert "exists" in capsys.readouterr().err


def test_plans_export_unknown_or_bad_id(tmp_path, capsys):
    assert main(["plans", "export", "42", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "no signed plan with id 42" in capsys.readouterr().err
    assert main(["plans", "export", "abc", "-o", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_unusable_store_is_exit_1_with_a_message(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("LEPTODESK_HOME", str(blocker / "sub"))
    assert main(["plans", "list"]) == 1
    err = capsys.readouterr().err
    assert "data folder" in err and "Traceback" not in err


def test_command_module_does_not_import_sqlite():
    code = ("import sys, leptodesk.commands.run as c; c.build_parser(); "
            "print('sqlite3' in sys.modules, 'leptodesk.archive' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.split() == ["False", "False"]


def test_plans_list_escapes_names_so_no_row_is_forged(capsys):
    """A name from the archive with a line break and a terminal escape is one row, escaped."""
    _archive("Bed 5\n   99  2026-01-01\x1b[2J", "2026-11-24")
    assert main(["plans", "list"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 2  # the heading and one plan
    assert "Bed 5\\x0a   99  2026-01" in rows[1]  # cut to the column after escaping
    assert "\x1b" not in rows[1]
