"""Peak memory (maximum resident set size) of plan, signed export and wizard start.

Each figure is one fresh child process that does the work and then reports its own peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``), median of --runs. Baselines, in the same run:
a bare ``python -c pass`` for plan and export, and a bare QWizard with five empty pages shown
(offscreen) for the wizard start. No budget: reported so growth is seen.
The last line is machine-readable: RESULT {json}.

    .venv/bin/python bench/memory.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

from _common import BARE_QWIZARD, ROOT, machine_line, result

REPORT = ("\nimport resource\n"
          "print('MAXRSS_KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")

BARE_PYTHON = "pass\n"

PLAN = """
from leptodesk.casefile import load_case_file
from leptodesk.resources import examples_dir
from leptodesk.service import get_service
for path in sorted(examples_dir().glob("*.json")):
    get_service().plan(load_case_file(path))
"""

EXPORT = """
import os
from pathlib import Path
from leptodesk.casefile import load_case_file
from leptodesk.trust.identity import create_identity, create_site_root
from leptodesk.resources import examples_dir
from leptodesk.service import get_service
work = Path(os.environ["LEPTODESK_HOME"])
root = work / f"bench-root-{os.getpid()}.p12"
p12 = work / f"bench-{os.getpid()}.p12"
create_site_root("Bench root", root, b"bench passphrase")
created = create_identity("Bench", "Bench", "B-1", p12, b"bench passphrase", ca=root,
                          ca_passphrase=b"bench passphrase")
case = load_case_file(examples_dir() / "tuberculous-adult.json")
out = work / f"bench-{os.getpid()}.pdf"
get_service().export(case, identity=p12, passphrase=b"bench passphrase", output=out)
assert get_service().verify(out, [root.with_suffix(".pem")]).ok
"""

BARE_WIZARD = BARE_QWIZARD + """
for _ in range(5):
    app.processEvents()
"""

WIZARD = """
from ui.app import make_app
from ui.main_window import MainWindow
app = make_app()
window = MainWindow()
window.show()
for _ in range(5):
    app.processEvents()
ensure = getattr(window, "ensure_core_loaded", None)
if ensure is not None:  # the whole wizard ready: core, every page, the first plan
    ensure()
for _ in range(5):
    app.processEvents()
window.hide()
"""


def peak_kib(code: str, env: dict[str, str]) -> int:
    done = subprocess.run([sys.executable, "-c", code + REPORT], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    for line in done.stdout.splitlines():
        if line.startswith("MAXRSS_KIB "):
            if done.returncode != 0:
                break
            return int(line.split()[1])
    raise SystemExit(f"memory run failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="leptodesk-bench-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=home)
    programs = {"python": BARE_PYTHON, "plan": PLAN, "export": EXPORT,
                "qwizard": BARE_WIZARD, "wizard": WIZARD}
    runs = max(args.runs, 1)
    peaks: dict[str, list[int]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, code in programs.items():
            peaks[name].append(peak_kib(code, env))
    mib = {name: statistics.median(v) / 1024 for name, v in peaks.items()}
    rows = [("plan (every example)", "plan", "python"),
            ("signed export + verify", "export", "python"),
            ("wizard start (first page, then ready)", "wizard", "qwizard")]
    print(machine_line())
    print(f"bare python -c pass:                 {mib['python']:6.1f} MiB")
    print(f"bare QWizard, five empty pages:      {mib['qwizard']:6.1f} MiB")
    for label, name, base in rows:
        print(f"{label:37s} {mib[name]:6.1f} MiB  ({mib[name] / mib[base]:.2f}x {base})")
    result(name="memory", unit="MiB", value=round(mib["wizard"], 1),
           baseline=round(mib["qwizard"], 1), ratio=round(mib["wizard"] / mib["qwizard"], 3),
           budget=None, budget_kind="none",
           python_mib=round(mib["python"], 1), plan_mib=round(mib["plan"], 1),
           plan_ratio=round(mib["plan"] / mib["python"], 3), export_mib=round(mib["export"], 1),
           export_ratio=round(mib["export"] / mib["python"], 3), runs=runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
