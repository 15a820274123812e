"""Start-up to the first wizard page, against a bare QWizard with five empty pages.

All run as fresh subprocesses (QT_QPA_PLATFORM=offscreen), interleaved in the same run:

- the bare QWizard shows its first page and quits after the first event-loop turn;
- ``leptodesk --quit-after-start`` shows the first page and quits after the first event-loop
  turn (the budget: 1.3x the bare QWizard);
- ``leptodesk --quit-when-ready`` quits once the core is loaded, every page built and the first
  plan shown (the budget: 2.0x the bare QWizard);
- two floors under that budget, for the record (no budget of their own): the bare QWizard that
  then defines pydantic's smallest model (one ``int`` field), and the bare QWizard that then
  loads LeptoDesk's core (pydantic, models, rules, this site's values) and makes the empty
  case's plan, with no page of LeptoDesk's at all. No wizard whose case is a pydantic model
  (the customer's choice) starts faster than the first; no LeptoDesk, whatever its pages,
  faster than the second.

Prints the medians and both ratios, and a machine-readable last line: RESULT {json}.

Byte code is cached as in an installed app (a wheel or a bundle ships .pyc files): the runs use
a fresh PYTHONPYCACHEPREFIX, filled by the warm-up run, for every program alike. An editable
install with PYTHONDONTWRITEBYTECODE=1 (as in some development shells) instead compiles the
app's own sources at every start; ``--compile-each-start`` measures that.

    .venv/bin/python bench/startup.py [--runs 15] [--compile-each-start]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile

from _common import BARE_QWIZARD, machine_line, paired_ratio, result, time_run

BUDGET = 1.3
READY_BUDGET = 2.0  # start to a wizard ready for every entry (core, all pages, first plan)

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


def time_once(code: str, env: dict[str, str]) -> float:
    return time_run([sys.executable, "-c", code], env, name="start-up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
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
    ready_ratio, r1, r3 = paired_ratio(times["ready"], times["bare"])
    floors = {name: (statistics.median(times[name]) * 1000, *paired_ratio(times[name],
                                                                          times["bare"]))
              for name in ("pydantic_floor", "core_floor")}
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(machine_line())
    print(f"byte code: {bytecode}")
    print(f"bare QWizard, five empty pages:        {bare:7.1f} ms (median of {runs})")
    print(f"leptodesk, first page shown:           {first:7.1f} ms (median of {runs})")
    print(f"leptodesk, ready (core, pages, plan):  {ready:7.1f} ms (median of {runs})")
    print(f"floor: bare QWizard + pydantic's smallest model: "
          f"{floors['pydantic_floor'][0]:7.1f} ms (median of {runs})")
    print(f"floor: bare QWizard + LeptoDesk's core, first plan, no pages: "
          f"{floors['core_floor'][0]:7.1f} ms (median of {runs})")
    print("ratios: the median of the rounds' ratios (each round runs every program back to "
          "back), with the middle half of the rounds")
    print(f"first page ratio: {ratio:.3f}x ({q1:.3f}-{q3:.3f}) (budget {BUDGET}x) -> {verdict}")
    ready_verdict = "within" if ready_ratio <= READY_BUDGET else "OVER"
    print(f"ready ratio: {ready_ratio:.3f}x ({r1:.3f}-{r3:.3f}) (budget {READY_BUDGET}x) -> "
          f"{ready_verdict}")
    for name, label in (("pydantic_floor", "pydantic floor"), ("core_floor", "core floor")):
        _, f_ratio, f1, f3 = floors[name]
        print(f"{label} ratio: {f_ratio:.3f}x ({f1:.3f}-{f3:.3f}) (no budget; under the ready "
              f"budget of {READY_BUDGET}x)")
    result(name="startup", unit="ms", value=round(first, 1), baseline=round(bare, 1),
           ratio=round(ratio, 3), budget=BUDGET, budget_kind="ratio", ready_ms=round(ready, 1),
           ready_ratio=round(ready_ratio, 3), ready_budget=READY_BUDGET, runs=runs,
           ratio_quartiles=[round(q1, 3), round(q3, 3)],
           ready_ratio_quartiles=[round(r1, 3), round(r3, 3)],
           bytecode=bytecode,
           pydantic_floor_ms=round(floors["pydantic_floor"][0], 1),
           pydantic_floor_ratio=round(floors["pydantic_floor"][1], 3),
           core_floor_ms=round(floors["core_floor"][0], 1),
           core_floor_ratio=round(floors["core_floor"][1], 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
