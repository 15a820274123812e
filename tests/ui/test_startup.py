"""`leptodesk --quit-after-start` starts, quits with 0 and leaves the heavy modules unloaded."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("reportlab", "pyhanko", "pypdfium2", "sqlite3", "leptodesk.store", "leptodesk.pdf")

SCRIPT = f"""
import sys
from leptodesk.cli import main
rc = main(["--quit-after-start"])
heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))
print("HEAVY", heavy)
sys.exit(rc)
"""


def test_quit_after_start_is_fast_to_load(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout, done.stdout
