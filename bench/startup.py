"""Start-up to the first wizard page, against a bare QWizard with five empty pages.

All run as fresh subprocesses (QT_QPA_PLATFORM=offscreen), interleaved in the same run:

- the bare QWizard shows its first page and quits after the first event-loop turn;
- ``leptodesk --quit-after-start`` shows the first page and quits after the first event-loop
  turn (the budget: 1.3x the bare QWizard);
- ``leptodesk --quit-when-ready`` quits once the core is loaded and the first plan shown (the
  other pages are built when first needed, or in idle time after it). The budget: within 1.15x
  of the core floor, the bare QWizard that then loads LeptoDesk's core (pydantic, models,
  rules, this site's values) and makes the empty case's plan, with no page of LeptoDesk's at
  all (no LeptoDesk, whatever its pages, is faster);
- a second floor for the record: the bare QWizard that then defines pydantic's smallest model
  (one ``int`` field): no wizard whose case is a pydantic model (the customer's choice) starts
  faster;
- each page's first show (Next pressed to the page shown and painted), in one child process, a
  fresh window per round, twice: with the pages built in idle time after the first plan, as
  the app does (the budget: p95 under 16 ms, one frame at 60 Hz, for every page), and with
  each page built only when Next is pressed (the worst case: Next before idle time came).

Prints the medians and the ratios, and a machine-readable last line: RESULT {json}.

Byte code is cached as in an installed app (a wheel or a bundle ships .pyc files): the runs use
a fresh PYTHONPYCACHEPREFIX, filled by the warm-up run, for every program alike. An editable
install with PYTHONDONTWRITEBYTECODE=1 (as in some development shells) instead compiles the
app's own sources at every start; ``--compile-each-start`` measures that.

    .venv/bin/python bench/startup.py [--runs 15] [--page-rounds 30] [--compile-each-start]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile

from _common import BARE_QWIZARD, ROOT, machine_line, paired_ratio, result, time_run

BUDGET = 1.3
READY_BUDGET = 1.15  # start to the first plan, against the core floor (not the bare QWizard)
PAGE_BUDGET_MS = 16.0  # each page's first show, p95

BARE = BARE_QWIZARD + """
from PySide6.QtCore import QTimer
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def leptodesk(flag: str) -> str:
    return f"import sys\nfrom leptodesk.cli import main\nsys.exit(main([{flag!r}]))\n"


FIRST_PAGE = leptodesk("--quit-after-start")
READY = leptodesk("--quit-when-ready")

# The floors: the bare QWizard shown, then (in its first event-loop turn, as LeptoDesk loads
# its core after its first page) the least a pydantic-based ready state needs.
PYDANTIC_FLOOR = BARE_QWIZARD + """
from PySide6.QtCore import QTimer
def load():
    from pydantic import BaseModel
    class Smallest(BaseModel):
        x: int = 0
    Smallest(x=1)
    app.quit()
QTimer.singleShot(0, load)
sys.exit(app.exec())
"""
CORE_FLOOR = BARE_QWIZARD + """
from PySide6.QtCore import QTimer
def load():
    from leptodesk.models import Case
    from leptodesk.service import get_service
    service = get_service()
    service.plan(Case(schema_version=2))
    app.quit()
QTimer.singleShot(0, load)
sys.exit(app.exec())
"""

# Each page's first show: Next pressed on a fresh window (no page built in idle time) until the
# page is shown and painted. Two walks cover both branches after the etiology page.
PAGES = """
import json, sys, time
from PySide6.QtWidgets import QApplication
from ui.app import make_app
from ui.pages import PageId
from ui.main_window import MainWindow
app = make_app()
WALKS = ({"etiology.category": "malignant", "etiology.primary_cancer": "breast_her2_positive",
          "prognosis.kps": 80, "prognosis.life_expectancy_months": 6},
         {"etiology.category": "fungal"})
times = {}
for _ in range(int(sys.argv[1])):
    for walk in WALKS:
        window = MainWindow()
        window.show()
        app.processEvents()
        if sys.argv[2] == "idle":  # as in the app: the pages built in idle time first
            window.build_pages_when_idle()
            while len(window.wizard.built_page_ids()) < len(PageId):
                app.processEvents()
        wizard = window.wizard
        wizard.page_of(PageId.PATIENT).set_value("patient.age_years", 49)
        while wizard.currentId() != PageId.SIGN:
            for path, value in walk.items():
                if path in getattr(wizard.currentPage(), "bindings", {}):
                    wizard.currentPage().set_value(path, value)
            app.processEvents()
            start = time.perf_counter()
            wizard.next()
            app.processEvents()
            wizard.currentPage().repaint()
            took = (time.perf_counter() - start) * 1000
            times.setdefault(PageId(wizard.currentId()).name, []).append(took)
        window.state.dirty = False
        window.close()
        window.deleteLater()
        app.processEvents()
print("PAGES " + json.dumps(times))
"""


def page_first_shows(rounds: int, env: dict[str, str], when: str) -> dict[str, list[float]]:
    """``when``: "cold" (each page built when Next is pressed) or "idle" (built in idle time
    after the first plan, as the app does, before the walk)."""
    import json
    import subprocess

    out = subprocess.run([sys.executable, "-c", PAGES, str(rounds), when], env=env, check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    line = next(x for x in out.splitlines() if x.startswith("PAGES "))
    return json.loads(line.removeprefix("PAGES "))


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_once(code: str, env: dict[str, str]) -> float:
    return time_run([sys.executable, "-c", code], env, name="start-up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--page-rounds", type=int, default=30)
    parser.add_argument("--compile-each-start", action="store_true",
                        help="keep the environment's PYTHONDONTWRITEBYTECODE (no .pyc cache)")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="leptodesk-bench-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=home)
    if not args.compile_each_start:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(home, "pycache")
    bytecode = "compiled at each start" if args.compile_each_start and env.get(
        "PYTHONDONTWRITEBYTECODE") else "cached"
    programs = {"bare": BARE, "first": FIRST_PAGE, "ready": READY,
                "pydantic_floor": PYDANTIC_FLOOR, "core_floor": CORE_FLOOR}
    for code in programs.values():  # warm the file cache for all three
        time_once(code, env)
    times: dict[str, list[float]] = {name: [] for name in programs}
    runs = max(args.runs, 10)
    for _ in range(runs):
        for name, code in programs.items():
            times[name].append(time_once(code, env))
    bare, first, ready = (statistics.median(times[n]) * 1000 for n in ("bare", "first", "ready"))
    ratio, q1, q3 = paired_ratio(times["first"], times["bare"])
    ready_ratio, r1, r3 = paired_ratio(times["ready"], times["core_floor"])
    floors = {name: (statistics.median(times[name]) * 1000, *paired_ratio(times[name],
                                                                          times["bare"]))
              for name in ("pydantic_floor", "core_floor")}
    shows = page_first_shows(max(args.page_rounds, 10), env, "cold")
    page_p95 = {name: round(percentile(v, 0.95), 2) for name, v in shows.items()}
    worst_page = max(page_p95, key=page_p95.get)
    idle_shows = page_first_shows(max(args.page_rounds, 10), env, "idle")
    idle_p95 = {name: round(percentile(v, 0.95), 2) for name, v in idle_shows.items()}
    worst_idle = max(idle_p95, key=idle_p95.get)
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(machine_line())
    print(f"byte code: {bytecode}")
    print(f"bare QWizard, five empty pages:        {bare:7.1f} ms (median of {runs})")
    print(f"leptodesk, first page shown:           {first:7.1f} ms (median of {runs})")
    print(f"leptodesk, first plan shown:           {ready:7.1f} ms (median of {runs})")
    print(f"floor: bare QWizard + pydantic's smallest model: "
          f"{floors['pydantic_floor'][0]:7.1f} ms (median of {runs})")
    print(f"floor: bare QWizard + LeptoDesk's core, first plan, no pages: "
          f"{floors['core_floor'][0]:7.1f} ms (median of {runs})")
    print("ratios: the median of the rounds' ratios (each round runs every program back to "
          "back), with the middle half of the rounds")
    print(f"first page ratio: {ratio:.3f}x ({q1:.3f}-{q3:.3f}) of the bare QWizard (budget "
          f"{BUDGET}x) -> {verdict}")
    ready_verdict = "within" if ready_ratio <= READY_BUDGET else "OVER"
    print(f"first plan ratio: {ready_ratio:.3f}x ({r1:.3f}-{r3:.3f}) of the core floor (budget "
          f"{READY_BUDGET}x) -> {ready_verdict}")
    for name, label in (("pydantic_floor", "pydantic floor"), ("core_floor", "core floor")):
        _, f_ratio, f1, f3 = floors[name]
        print(f"{label} ratio: {f_ratio:.3f}x ({f1:.3f}-{f3:.3f}) of the bare QWizard (no "
              "budget)")
    print("each page's first show, Next pressed to the page painted (p95 / median ms; built "
          "when Next is pressed | built in idle time first, as in the app):")
    for name, samples in shows.items():
        print(f"  {name:<22} {page_p95[name]:7.2f} / {statistics.median(samples):7.2f}  |  "
              f"{idle_p95[name]:7.2f} / {statistics.median(idle_shows[name]):7.2f}")
    page_verdict = "within" if idle_p95[worst_idle] < PAGE_BUDGET_MS else "OVER"
    print(f"worst page p95, built in idle time: {worst_idle} {idle_p95[worst_idle]:.2f} ms "
          f"(budget < {PAGE_BUDGET_MS} ms) -> {page_verdict}; built at Next: {worst_page} "
          f"{page_p95[worst_page]:.2f} ms (no budget: the app builds pages in idle time)")
    result(name="startup", unit="ms", value=round(first, 1), baseline=round(bare, 1),
           ratio=round(ratio, 3), budget=BUDGET, budget_kind="ratio", ready_ms=round(ready, 1),
           ready_ratio=round(ready_ratio, 3), ready_baseline="core_floor",
           ready_budget=READY_BUDGET, runs=runs,
           ratio_quartiles=[round(q1, 3), round(q3, 3)],
           ready_ratio_quartiles=[round(r1, 3), round(r3, 3)],
           bytecode=bytecode,
           pydantic_floor_ms=round(floors["pydantic_floor"][0], 1),
           pydantic_floor_ratio=round(floors["pydantic_floor"][1], 3),
           core_floor_ms=round(floors["core_floor"][0], 1),
           core_floor_ratio=round(floors["core_floor"][1], 3),
           page_first_show_p95_ms=idle_p95, page_budget_ms=PAGE_BUDGET_MS,
           worst_page=worst_idle, worst_page_p95_ms=idle_p95[worst_idle],
           page_built_at_next_p95_ms=page_p95, worst_page_built_at_next=worst_page,
           worst_page_built_at_next_p95_ms=page_p95[worst_page])
    return 0


if __name__ == "__main__":
    sys.exit(main())
