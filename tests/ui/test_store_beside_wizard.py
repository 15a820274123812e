"""The command line beside an open, autosaving wizard is harmless (issue 25, High): the wizard
process holds ONE descriptor on the database file (no second one whose close would drop its
POSIX locks), its journal files are never deleted under it, and what it saves after the
commands ran survives a kill."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leptodesk.archive import DB_NAME

from ..conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(),
                                reason="needs /proc (Linux) to read a process's open files")

WIZARD = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui.main_window import MainWindow
from ui.pages import PageId
from ui.plans_window import PlansWindow
w = MainWindow()
page = w.wizard.page_of(PageId.PATIENT)
page.set_value("patient.display_name", "Bed 7")
assert w._autosaver.flush()
w._fill_unfinished()            # File > Unfinished cases: another way in, in-process
plans = PlansWindow()           # the Plans window too
plans.refresh()
print("READY", os.getpid(), flush=True)
for line in sys.stdin:
    word, *rest = line.split()
    if word == "age":
        page.set_value("patient.age_years", int(rest[0]))
        print("SAVED", w._autosaver.flush(), w._autosaver.draft_id, flush=True)
    elif word == "kill":
        os._exit(9)             # no clean close: as a kill or a power cut
"""


def _db_descriptors(pid: int, home: Path) -> dict[str, list[str]]:
    """The process's open descriptors on the store's files, by file (target as the kernel
    shows it: a deleted file ends in ' (deleted)')."""
    found: dict[str, list[str]] = {}
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if DB_NAME in target:
            name = Path(target.removesuffix(" (deleted)")).name
            found.setdefault(name, []).append(target)
    return found


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LEPTODESK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "leptodesk", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_commands_beside_an_autosaving_wizard_are_harmless(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "LEPTODESK_HOME": str(home), "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen"}
    wizard = subprocess.Popen([sys.executable, "-c", WIZARD], env=env, cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        ready = wizard.stdout.readline().split()
        assert ready[:1] == ["READY"], wizard.stderr.read()
        pid = int(ready[1])
        before = _db_descriptors(pid, home)
        assert len(before[DB_NAME]) == 1, before  # one way into the file
        not_a_pdf = tmp_path / "not-a-plan.pdf"
        not_a_pdf.write_bytes(b"%PDF-1.7 not signed")
        for args in (["plans", "list"], ["store", "check"], ["audit", "verify"],
                     ["verify", str(not_a_pdf)], ["plans", "list"]):
            done = _cli(home, *args)
            assert "Traceback" not in done.stderr, done.stderr
            assert "damaged" not in done.stdout + done.stderr, (args, done.stdout)
        after = _db_descriptors(pid, home)
        assert len(after[DB_NAME]) == 1, after
        assert not any(t.endswith("(deleted)") for ts in after.values() for t in ts), after
        # The wizard saves after the commands: the save is real, and survives a kill.
        wizard.stdin.write("age 67\n")
        wizard.stdin.flush()
        saved = wizard.stdout.readline().split()
        assert saved[:2] == ["SAVED", "True"], (saved, wizard.stderr.read())
        draft_id = saved[2]
        assert (home / (DB_NAME + "-wal")).exists()
        wizard.stdin.write("kill\n")
        wizard.stdin.flush()
        wizard.wait(timeout=30)
    finally:
        if wizard.poll() is None:
            wizard.kill()
            wizard.wait()
    code = ("import json; from leptodesk.archive import open_store; s = open_store(); "
            f"print(json.loads(s.load_draft('{draft_id}'))['patient'].get('age_years'))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, env={**env, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.stdout.strip() == "67", done.stderr
    check = _cli(home, "store", "check")
    assert check.returncode == 0, check.stdout + check.stderr
