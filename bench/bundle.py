"""The offline bundle's size and start, against a minimal PySide6-Essentials bundle.

- Minimal bundle: PyInstaller one-folder of a script that shows an empty QWidget, built with
  PyInstaller's defaults (no filtering, no strip) from the same venv.
- Bare dependency delta: the installed size (the files each distribution's RECORD lists) of
  LeptoDesk's non-Qt runtime dependencies and theirs (pydantic, pydantic_core, reportlab,
  pyhanko, pyhanko_certvalidator, cryptography, pypdfium2, pypdf, platformdirs, ...).
- Size budget: dist/leptodesk within 1.15x of (minimal bundle + delta).
- Start budget: ``dist/leptodesk/leptodesk --quit-after-start`` within 1.3x of the minimal
  bundle's start (both offscreen, quit after the first event-loop turn; interleaved fresh
  processes, median of the rounds' ratios over --runs >= 10 rounds, after one warm-up each).

Builds what is missing under build/bench-minimal/ and dist/ (``--rebuild`` builds both again).
The last line is machine-readable: RESULT {json}.

    .venv/bin/python bench/bundle.py [--runs 15] [--rebuild]
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, dir_size, machine_line, mib, paired_ratio, result, time_run

SIZE_BUDGET = 1.15
START_BUDGET = 1.3
QT_DISTRIBUTIONS = {"pyside6-essentials", "pyside6", "shiboken6", "pyside6-addons"}

MINIMAL = '''\
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
window = QWidget()
window.show()
if "--quit-after-start" in sys.argv:
    QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
'''


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def runtime_closure(root: str = "leptodesk") -> list[md.Distribution]:
    """Every distribution LeptoDesk needs at run time (markers evaluated, no extras)."""
    from packaging.requirements import Requirement

    seen: dict[str, md.Distribution] = {}
    todo = [root]
    while todo:
        name = _norm(todo.pop())
        if name in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        seen[name] = dist
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    seen.pop(_norm(root), None)
    return list(seen.values())


def installed_size(dist: md.Distribution) -> int:
    total = 0
    for f in dist.files or []:
        p = Path(dist.locate_file(f))
        if p.is_file() and not p.is_symlink() and "__pycache__" not in p.parts:
            total += p.stat().st_size
    return total


def build_app(rebuild: bool) -> Path:
    app = ROOT / "dist" / "leptodesk"
    if rebuild or not (app / "leptodesk").exists():
        print("building dist/leptodesk from build.spec ...", flush=True)
        subprocess.run([str(Path(sys.executable).with_name("pyinstaller")), "--noconfirm",
                        "--clean", "--log-level", "WARN", "build.spec"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return app


def build_minimal(rebuild: bool) -> Path:
    work = ROOT / "build" / "bench-minimal"
    dist = work / "dist" / "minimal"
    if rebuild or not (dist / "minimal").exists():
        print("building the minimal PySide6 bundle (PyInstaller defaults) ...", flush=True)
        work.mkdir(parents=True, exist_ok=True)
        script = work / "minimal.py"
        script.write_text(MINIMAL)
        subprocess.run([str(Path(sys.executable).with_name("pyinstaller")), "--noconfirm",
                        "--clean", "--log-level", "WARN", "--onedir", "--name", "minimal",
                        "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                        "--specpath", str(work), str(script)], cwd=work, check=True,
                       stdout=subprocess.DEVNULL)
    return dist


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--rebuild", action="store_true", help="build both bundles again")
    args = parser.parse_args()
    runs = max(args.runs, 10)

    build_started = time.perf_counter()
    app = build_app(args.rebuild)
    minimal = build_minimal(args.rebuild)
    build_s = time.perf_counter() - build_started

    app_bytes = dir_size(app)
    minimal_bytes = dir_size(minimal)
    deps = sorted(((d.metadata["Name"], installed_size(d)) for d in runtime_closure()
                   if _norm(d.metadata["Name"]) not in QT_DISTRIBUTIONS), key=lambda x: -x[1])
    delta = sum(size for _name, size in deps)
    allowance = minimal_bytes + delta
    size_ratio = app_bytes / allowance

    home = tempfile.mkdtemp(prefix="leptodesk-bench-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=home)
    programs = {"minimal": [str(minimal / "minimal"), "--quit-after-start"],
                "app": [str(app / "leptodesk"), "--quit-after-start"]}
    # warm-up: page cache, PyInstaller's first extraction of nothing
    for argv in programs.values():
        time_run(argv, env, timeout=120)
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, argv in programs.items():
            times[name].append(time_run(argv, env, timeout=120))
    minimal_ms = statistics.median(times["minimal"]) * 1000
    app_ms = statistics.median(times["app"]) * 1000
    start_ratio, q1, q3 = paired_ratio(times["app"], times["minimal"])

    size_ok = size_ratio <= SIZE_BUDGET
    start_ok = start_ratio <= START_BUDGET
    print(machine_line())
    print(f"minimal PySide6-Essentials bundle (QWidget, PyInstaller defaults): "
          f"{mib(minimal_bytes)}")
    print(f"bare dependency delta ({len(deps)} distributions, installed size): {mib(delta)}")
    for name, size in deps:
        print(f"    {name:28s} {mib(size):>10s}")
    print(f"allowance (minimal + delta): {mib(allowance)}")
    print(f"dist/leptodesk: {mib(app_bytes)}")
    print(f"size ratio: {size_ratio:.3f}x (budget {SIZE_BUDGET}x) -> "
          f"{'OK' if size_ok else 'OVER'}")
    print(f"start, minimal bundle: {minimal_ms:.1f} ms (median of {runs})")
    print(f"start, dist/leptodesk/leptodesk --quit-after-start: {app_ms:.1f} ms "
          f"(median of {runs})")
    print(f"start ratio (median of the rounds' ratios; middle half {q1:.3f}-{q3:.3f}): "
          f"{start_ratio:.3f}x (budget {START_BUDGET}x) -> "
          f"{'OK' if start_ok else 'OVER'}")
    if args.rebuild:
        print(f"both bundles built in {build_s:.0f} s")
    result(name="bundle", unit="MiB", value=round(app_bytes / 2**20, 1),
           baseline=round(allowance / 2**20, 1), ratio=round(size_ratio, 3),
           budget=SIZE_BUDGET, budget_kind="ratio",
           minimal_mib=round(minimal_bytes / 2**20, 1), delta_mib=round(delta / 2**20, 1),
           start_ms=round(app_ms, 1), start_baseline_ms=round(minimal_ms, 1),
           start_ratio=round(start_ratio, 3), start_budget=START_BUDGET, runs=runs,
           start_ratio_quartiles=[round(q1, 3), round(q3, 3)])
    return 0 if size_ok and start_ok else 1


if __name__ == "__main__":
    sys.exit(main())
