"""Plan evaluation time: median of Service.plan (the rules with this site's values) over every
example (budget: under 2 ms).

Also times a bare baseline in the same run (validating the same case into the pydantic model,
the least any plan needs) so that the figure can be read against this machine's speed.
Prints both and a machine-readable last line: RESULT {json}.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leptodesk.casefile import load_case_file  # noqa: E402
from leptodesk.models import Case  # noqa: E402
from leptodesk.service import get_service  # noqa: E402

BUDGET_MS = 2.0


def median_ms(fn, repeats: int = 2000) -> float:
    for _ in range(50):
        fn()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> int:
    # ``--lang fr``: time the plan in French (or pt); English by default
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    service = get_service()  # the plan every front end gets, with this site's values
    rows = []
    for path in sorted((ROOT / "examples").glob("*.json")):
        case = load_case_file(path)
        data = case.model_dump(mode="json")
        plan_ms = median_ms(lambda c=case: service.plan(c, lang=lang))
        base_ms = median_ms(lambda d=data: Case.model_validate(d))
        rows.append((path.stem, plan_ms, base_ms))
        print(f"{path.stem:34s} plan {plan_ms:7.3f} ms   baseline (validate case) "
              f"{base_ms:7.3f} ms   ratio {plan_ms / base_ms:5.1f}x")
    worst = max(r[1] for r in rows)
    overall = statistics.median(r[1] for r in rows)
    baseline = statistics.median(r[2] for r in rows)
    print(f"median over examples: {overall:.3f} ms (worst example {worst:.3f} ms); "
          f"budget {BUDGET_MS} ms: {'OK' if worst < BUDGET_MS else 'OVER'}")
    print("RESULT " + json.dumps({"name": "plan_eval" + ("" if lang == "en" else f"_{lang}"),
                                  "unit": "ms", "value": round(overall, 4),
                                  "worst": round(worst, 4), "baseline": round(baseline, 4),
                                  "ratio": round(overall / baseline, 2), "budget": BUDGET_MS,
                                  "budget_kind": "absolute"}))
    return 0 if worst < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
