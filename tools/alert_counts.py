"""Print a markdown table of stop/warning/info alert counts (with alert ids) per case file.

Usage: python tools/alert_counts.py CASE.json [CASE.json ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from leptodesk.casefile import load_case_file
from leptodesk.clinical import build_plan
from leptodesk.models import Severity


def main(paths: list[str]) -> None:
    print("| Case | pathway | stop | warning | info | entry checks | alerts (id) | "
          "asked (missing) |")
    print("|---|---|---|---|---|---|---|---|")
    for path in paths:
        plan = build_plan(load_case_file(path))
        counts = [len(plan.alerts_of(s)) for s in (Severity.stop, Severity.warning, Severity.info)]
        ids = ", ".join(f"{a.id} ({a.severity.value})" for a in plan.alerts)
        checks = len(getattr(plan, "entry_checks", []))  # absent before case-file v2
        print(f"| {Path(path).name} | {plan.pathway.value} | {counts[0]} | {counts[1]} | "
              f"{counts[2]} | {checks} | {ids} | {', '.join(plan.missing)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
