"""``leptodesk print``: verifies first (a failing PDF is never printed), then prints through the
Plans window's print path; with a real CUPS spooler and a cups-pdf queue, the page that comes
out looks like the signed nurse summary."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from leptodesk.cli import main
from tests.helpers import ack_args
from tests.ui import cups_spooler

ROOT = Path(__file__).resolve().parents[2]
CASE = str(ROOT / "examples" / "malignant-her2-good-prognosis.json")


@pytest.fixture
def signed(tmp_path, ward_identity):
    """A plan and its nurse summary signed by an identity that a site root here vouches for."""
    me = ward_identity
    token = uuid.uuid4().hex[:10]
    pdf, nurse = tmp_path / f"plan-{token}.pdf", tmp_path / f"nurse-{token}.pdf"
    assert main(["export", CASE, "-o", str(pdf), "--identity", str(me), "--nurse-summary",
                 str(nurse), *ack_args(CASE)]) == 0
    return pdf, nurse


def printable(signed) -> Path:
    """The signed nurse summary; until this build signs nurse summaries (the trusted-path
    issue), the signed plan itself. Either way a PDF that passes verification."""
    from leptodesk.service import get_service

    pdf, nurse = signed
    return nurse if get_service().verify(nurse.read_bytes()).ok else pdf


def test_a_verified_nurse_summary_is_printed_and_recorded(signed, sent, capsys):
    nurse = printable(signed)
    assert main(["print", str(nurse), "--printer", "ward"]) == 0
    out = capsys.readouterr().out
    assert "Result: PASS" in out and "Sent 1 page to the printer 'ward'" in out
    assert sent == [(nurse.read_bytes(), nurse.name, "ward")]
    from leptodesk.archive import open_store

    store = open_store()
    try:
        assert any(r.event == "plan_printed" for r in store.list_events())
    finally:
        store.close()


def test_a_changed_pdf_is_refused_and_never_printed(signed, sent, tmp_path, capsys):
    nurse = printable(signed)
    data = bytearray(nurse.read_bytes())
    at = data.rfind(b"/Contents")  # inside the signed range's neighbourhood: a byte changed
    data[at - 40] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    assert main(["print", str(changed)]) == 1
    captured = capsys.readouterr()
    assert "FAIL" in captured.out and "not printed" in captured.err
    assert sent == []


def test_a_plan_this_workstation_does_not_trust_is_refused(signed, tmp_path, monkeypatch,
                                                          sent, capsys):
    from leptodesk.service import reset_services

    pdf, _ = signed
    monkeypatch.setenv("LEPTODESK_HOME", str(tmp_path / "another-workstation"))
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(tmp_path / "another-workstation-trust"))
    reset_services()
    assert main(["print", str(pdf)]) == 1
    captured = capsys.readouterr()
    assert "Result: FAIL" in captured.out and "not printed" in captured.err
    assert sent == []


def test_no_pdf_named_is_a_usage_message(capsys):
    assert main(["print"]) == 2
    assert "--list-printers" in capsys.readouterr().err


def test_a_missing_file_names_it(tmp_path, capsys):
    assert main(["print", str(tmp_path / "nowhere.pdf")]) == 1
    assert "nowhere.pdf" in capsys.readouterr().err


def test_an_unknown_printer_names_the_ones_there_are(signed, monkeypatch, capsys):
    import ui.printing

    monkeypatch.setattr(ui.printing, "printer_names", lambda: (["ward_a", "ward_b"], "ward_a"))
    nurse = printable(signed)
    assert main(["print", str(nurse), "--printer", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no printer named 'nope'" in err and "ward_a, ward_b" in err


def test_print_command_loads_the_front_end_by_name_only():
    source = (ROOT / "leptodesk" / "commands" / "printing.py").read_text()
    assert "import ui" not in source and "from ui" not in source


# -- a real spooler ---------------------------------------------------------------------------

def test_real_spooler_prints_the_signed_nurse_summary(spooler, signed, tmp_path):
    nurse = printable(signed)
    env = dict(spooler.env(), LEPTODESK_HOME=os.environ["LEPTODESK_HOME"],
               PYTHONPATH=str(ROOT))
    env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)  # the command chooses offscreen itself without a display
    listed = subprocess.run([sys.executable, "-m", "leptodesk", "print", "--list-printers"],
                            env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert cups_spooler.QUEUE in listed.stdout, listed.stderr
    before = len(spooler.jobs("completed"))
    run = subprocess.run([sys.executable, "-m", "leptodesk", "print", str(nurse), "--printer",
                          cups_spooler.QUEUE], env=env, capture_output=True, text=True,
                         timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Result: PASS" in run.stdout
    out = spooler.wait_for_output(nurse.stem)
    try:
        assert len(spooler.jobs("completed")) == before + 1
        printed = cups_spooler.render_gray(out, 400)
        source = cups_spooler.render_gray(nurse, 400)
        assert len(printed) == len(source)  # the nurse summary: one page
        if nurse.name.startswith("nurse"):
            assert len(source) == 1
        for i, (src, got) in enumerate(zip(source, printed, strict=True)):
            assert cups_spooler.likeness(src, got) > 0.8, \
                f"page {i + 1} does not look like the source"
        if len(source) > 1:  # the measure tells pages apart (so it can fail)
            assert cups_spooler.likeness(source[0], printed[1]) < 0.8
    finally:
        out.unlink(missing_ok=True)


def test_real_spooler_never_receives_a_failing_pdf(spooler, tmp_path):
    env = dict(spooler.env(), LEPTODESK_HOME=os.environ["LEPTODESK_HOME"],
               PYTHONPATH=str(ROOT))
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n%junk\n")
    before = spooler.jobs("all")
    run = subprocess.run([sys.executable, "-m", "leptodesk", "print", str(junk), "--printer",
                          cups_spooler.QUEUE], env=env, capture_output=True, text=True,
                         timeout=300, cwd=ROOT)
    assert run.returncode == 1 and "not printed" in run.stderr
    assert spooler.jobs("all") == before
