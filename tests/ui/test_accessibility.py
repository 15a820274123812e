"""Accessibility read through AT-SPI, as a screen reader reads it (DESIGN "Real parts in
tests"): the wizard under Xvfb with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 in dbus-run-session,
driven by tests/ui/atspi_walk.py with the system python (Debian python3-pyatspi,
gir1.2-atspi-2.0). A whole case is walked through the pages with the accessibility API."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"


def _missing() -> str | None:
    for tool, package in (("Xvfb", "xvfb"), ("dbus-run-session", "dbus"),
                          ("xdotool", "xdotool")):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian package {package}; tools/bootstrap.sh --gui)"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', "
                            "'2.0'); from gi.repository import Atspi"], capture_output=True)
    if probe.returncode != 0:
        return ("AT-SPI for the system python is not installed (Debian packages "
                "python3-pyatspi gir1.2-atspi-2.0 at-spi2-core; tools/bootstrap.sh --gui)")
    return None


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    why = _missing()
    if why:
        pytest.skip(why)
    folder = tmp_path_factory.mktemp("atspi")
    out = folder / "seen.json"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["LEPTODESK_HOME"] = str(folder / "home")
    run = subprocess.run(["dbus-run-session", "--", SYSTEM_PYTHON,
                          str(ROOT / "tests" / "ui" / "atspi_walk.py"), sys.executable,
                          str(ROOT), str(out)], env=env, capture_output=True, text=True,
                         timeout=600, cwd=ROOT)
    assert out.exists(), run.stderr[-3000:]
    seen = json.loads(out.read_text())
    assert seen["errors"] == [], seen["errors"]
    return seen


def unnamed(controls: list[dict]) -> list[dict]:
    """Controls a screen reader cannot name. On Linux Qt gives a combo box its current text as
    name; what it is comes from its label (labelled-by) or its description."""
    out = []
    for c in controls:
        if c["role"] == "combo box":
            if not (c["labelled_by"] or c["description"]):
                out.append(c)
        elif not c["name"].strip():
            out.append(c)
    return out


def test_window_and_wizard_are_named(walked):
    assert walked["window"]["name"].startswith("LeptoDesk")
    assert walked["wizard"]["name"] == "Case wizard"
    assert unnamed(walked["window_controls"]) == []


def test_a_field_has_focus_at_start(walked):
    start = walked["start_focus"]
    assert start is not None, "nothing focused when the wizard opened"
    assert start["role"] == "text" and start["name"] == "patient name or bed/MRN"
    assert start["labelled_by"] == ["Patient name or bed/MRN"]


def test_every_control_on_every_page_is_named(walked):
    assert len(walked["pages"]) >= 10
    for number, page in enumerate(walked["pages"], 1):
        assert page["controls"], f"page {number} has no control"
        assert unnamed(page["controls"]) == [], f"page {number}"


def test_a_whole_case_is_walked_with_the_accessibility_api(walked):
    pages = walked["pages"]
    entered = {e["field"]: e["ok"] for p in pages for e in p["entered"]}
    assert entered == {"patient name or bed/MRN": True, "etiology": True,
                       "primary cancer": True, "Karnofsky score (KPS)": True,
                       "CSF flow obstruction": True}
    for page in pages[:-1]:  # Next pressed through Action, and the next page came
        assert page["next_enabled"] and page["next_pressed"] and page["page_changed"]
        focus = page["focus_after_next"]
        assert focus is not None and focus["focused"], "no field focused after Next"
    assert walked["reached_review"] and walked["reached_sign"]
    review = next(p for p in pages if "plan_text" in p)
    assert "Bed 7 (AT-SPI)" in review["plan_text"]
    assert "Pathway: Malignant" in review["plan_text"]  # chosen through AT-SPI, in the plan
    assert not pages[-1]["next_enabled"]  # the Sign page: nothing to go on to


def test_the_live_plan_reads_line_by_line_without_blank_lines(walked):
    """Read through AT-SPI's text interface, as a screen reader reads it: the live plan on
    every page starts with the patient's line and has no blank line, and no frame mark at
    all (Qt passes a frame's or a table's start, end and cell breaks as U+FDD0 and U+FDD1
    instead of line breaks: a STOP box would be read on the line before it). While a screen
    reader listens the panel is one page with no table: each alert a line of its own."""
    read = [p["live_text"] for p in walked["pages"] if p.get("live_text")]
    assert len(read) >= 5, [sorted(p) for p in walked["pages"]]
    for text in read[1:]:  # from the second page on, the name typed on the first
        assert text.startswith("Bed 7 (AT-SPI)"), text[:80]
        assert "\ufdd0" not in text and "\ufdd1" not in text, text
        assert all(line.strip() for line in text.split("\n")), text


def test_verify_dialog_is_named_with_named_controls(walked):
    dialog = walked.get("verify_dialog")
    assert dialog is not None, "Tools > Verify PDF did not open a dialog"
    assert dialog["window"]["name"] == "Verify a signed plan"
    assert dialog["fields"] and unnamed(dialog["fields"]) == []
    assert any(f["focused"] for f in dialog["fields"])


def test_a_new_stop_is_announced_to_screen_readers(walked):
    """CSF flow obstruction answered Yes on the Complications page: the STOP comes as an
    AT-SPI announcement, as Orca would speak it (the guideline's contraindication [5, 6])."""
    stops = [a for a in walked["announcements"] if a.startswith("STOP:")]
    assert any("No intrathecal chemotherapy while CSF flow obstruction is present" in a
               for a in stops), walked["announcements"]
