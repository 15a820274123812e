"""Start-up to the first wizard page, against a bare QWizard with five empty pages.

Both run as fresh subprocesses (QT_QPA_PLATFORM=offscreen), interleaved in the same run; each
shows its first page and quits after the first event-loop turn. Prints the medians and the ratio
(budget: 1.3x).

    .venv/bin/python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 1.3
ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage
app = QApplication(sys.argv[:1])
wizard = QWizard()
for n in range(5):
    page = QWizardPage()
    page.setTitle(f"Page {n + 1}")
    wizard.addPage(page)
wizard.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

LEPTODESK = "import sys\nfrom leptodesk.cli import main\nsys.exit(main(['--quit-after-start']))\n"


def time_once(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"start-up failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               LEPTODESK_HOME=tempfile.mkdtemp(prefix="leptodesk-bench-"))
    time_once(BARE, env)  # warm the file cache for both
    time_once(LEPTODESK, env)
    bare, ours = [], []
    for _ in range(max(args.runs, 10)):
        bare.append(time_once(BARE, env))
        ours.append(time_once(LEPTODESK, env))
    b, o = statistics.median(bare), statistics.median(ours)
    ratio = o / b
    print(f"bare QWizard, five empty pages:   {b * 1000:7.1f} ms (median of {len(bare)})")
    print(f"leptodesk --quit-after-start:     {o * 1000:7.1f} ms (median of {len(ours)})")
    print(f"ratio: {ratio:.2f}x (budget {BUDGET}x) -> {'within' if ratio <= BUDGET else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
