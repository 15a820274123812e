"""Shared by the bench scripts: the machine, the result line, the bare QWizard baseline, timing
a fresh process, timing the Plans window (bench/plans_window.py, bench/ward_archive.py).

Every bench script ends with one machine-readable line, ``RESULT {json}`` (name, unit, value,
baseline, ratio, budget, budget_kind, and anything else worth keeping); run_all.py reads it.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# The baseline of startup.py and memory.py: a bare QWizard with five empty pages, shown. Each
# script appends how the child ends, so both measure against the same wizard.
BARE_QWIZARD = """\
import sys
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage
app = QApplication(sys.argv[:1])
wizard = QWizard()
for n in range(5):
    page = QWizardPage()
    page.setTitle(f"Page {n + 1}")
    wizard.addPage(page)
wizard.show()
"""


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def qt_version() -> str:
    """PySide6/Qt versions, asked of a child so a bench script itself never loads Qt."""
    code = ("import PySide6, PySide6.QtCore as c; "
            "print(PySide6.__version__, c.qVersion())")
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=60).stdout.split()
        return f"PySide6 {out[0]} (Qt {out[1]})"
    except (OSError, IndexError, subprocess.SubprocessError):
        return "PySide6 not importable"


def machine() -> dict[str, str]:
    uname = platform.uname()
    ram = ram_gib()
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "uname": f"{uname.system} {uname.release} {uname.version} {uname.machine}",
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "ram": f"{ram:.1f} GiB" if ram else "unknown",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "qt": qt_version(),
        "load": load,
    }


def machine_line() -> str:
    m = machine()
    return (f"machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['uname']}, "
            f"{m['python']}, {m['qt']}, load average {m['load']}")


def result(**fields: object) -> str:
    line = "RESULT " + json.dumps(fields)
    print(line, flush=True)
    return line


def dir_size(path: Path) -> int:
    """Bytes of the regular files under ``path`` (symlinks not followed or counted twice)."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            p = os.path.join(dirpath, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def mib(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def paired_ratio(new: list[float], base: list[float]) -> tuple[float, float, float]:
    """The median and the quartiles of the per-round ratios ``new[i] / base[i]``.

    Each round runs both programs back to back, so a slow moment of a shared machine touches
    both sides of a ratio; the median of the rounds' ratios is steadier than the ratio of two
    medians taken over different moments (bench/startup.py and bundle.py use it).
    """
    ratios = sorted(n / b for n, b in zip(new, base, strict=True))
    q = len(ratios) - 1
    return (statistics.median(ratios), ratios[round(q * 0.25)], ratios[round(q * 0.75)])


def bench_signer() -> tuple[Path, Any, Path, bytes]:
    """A workstation of its own in a fresh temporary folder (its data folder and its system
    trust folder), a site root granted there as an administrator would, and a clinician's
    identity issued by it: (the folder, the service, the identity file, its passphrase)."""
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="leptodesk-bench-"))
    os.environ["LEPTODESK_HOME"] = str(work / "home")
    os.environ["LEPTODESK_TRUST_DIR"] = str(work / "trust")
    (work / "trust").mkdir(mode=0o755)
    from leptodesk.service import get_service
    from leptodesk.trust.identity import create_identity, create_site_root

    passphrase = b"benchmark passphrase"
    root = create_site_root("Bench root", work / "root.p12", passphrase)
    created = create_identity("Dr Bench", "Consultant", "B-1", work / "id.p12", passphrase,
                              ca=work / "root.p12", ca_passphrase=passphrase)
    service = get_service()
    service.trust.add(root.pem_path, root.fingerprint)
    return work, service, created.p12_path, passphrase


def time_run(argv: list[str], env: dict[str, str], timeout: float | None = None,
             name: str | None = None) -> float:
    """Wall-clock seconds of one fresh process, run in ROOT with stdout dropped, to its exit.

    A failed run ends the bench with its stderr: a figure from a crashed start means nothing.
    """
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=timeout)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{name or argv[0]} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def time_plans_window(service: object, runs: int, query: Callable[[int], str]
                      ) -> dict[str, list[float]]:
    """The Plans window on ``service``'s archive, ``runs`` rounds after one to warm caches, in
    ms: "open" (build, show, process events until painted; the newest plan selected),
    "search" (``query(round)`` typed in the search box; the plan it names found) and "bare"
    (the first page's SELECT alone, no window). Qt is imported here, not by the module."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from ui.plans_model import PAGE_ROWS
    from ui.plans_window import PlansWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    times: dict[str, list[float]] = {"open": [], "search": [], "bare": []}
    for run in range(runs + 1):
        t0 = time.perf_counter()
        rows = service.plans.list(limit=PAGE_ROWS)
        bare_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        window = PlansWindow(service=service)
        window.show()
        app.processEvents()
        open_ms = (time.perf_counter() - t0) * 1000
        newest = window.selected()
        t0 = time.perf_counter()
        window.search.setText(query(run))
        app.processEvents()
        search_ms = (time.perf_counter() - t0) * 1000
        found = window.selected()
        window.close()
        window.deleteLater()  # gone before the next run (deleteLater waits for an event loop)
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        assert newest is not None and newest.id == rows[0].id, "the newest plan not selected"
        assert found is not None and found.display_name.endswith(query(run)), "not found"
        if run:
            for key, value in (("open", open_ms), ("search", search_ms), ("bare", bare_ms)):
                times[key].append(value)
    return times
