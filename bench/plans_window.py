"""The Plans window with 20,000 archived plans: open and show the newest (budget 300 ms), and a
search by patient (budget 100 ms).

The archive is filled once in a temporary data folder (the store's own schema; small stand-in
PDFs, as the window never reads a PDF to list it). Each "open" sample builds the window on the
open store, shows it and processes events until it is painted; each "search" sample types a
patient's bed/MRN into the search box (the window refreshes on each change) and processes
events. A bare baseline in the same run: the same SELECT of the first page, no window.

    .venv/bin/python bench/plans_window.py [--plans 20000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen size-hint notices
HOME = tempfile.mkdtemp(prefix="leptodesk-bench-")
os.environ["LEPTODESK_HOME"] = HOME

from _common import machine_line, result, time_plans_window  # noqa: E402

OPEN_BUDGET_MS = 300.0
SEARCH_BUDGET_MS = 100.0
PATHWAYS = ("tuberculous", "fungal", "bacterial", "neurosarcoidosis", "malignant_good_prognosis",
            "malignant_poor_prognosis", "undetermined")


def fill(n: int) -> None:
    from leptodesk.archive import DB_NAME, now_iso, open_store

    open_store().close()  # the schema, as the app makes it
    conn = sqlite3.connect(Path(HOME) / DB_NAME)
    rows = []
    for i in range(n):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        year = 2020 + i // (28 * 12)
        pdf = b"%PDF-1.7 stand-in " + str(i).encode()
        rows.append((f"Bed {i % 40} / MRN {i:05d}", PATHWAYS[i % len(PATHWAYS)], "Dr Bench",
                     f"{year}-{month:02d}-{day:02d}T09:{i % 60:02d}:00+00:00",
                     "lepto-spine-2026.1", f"{i:064x}", f"{i:064x}", pdf,
                     b"%PDF nurse" if i % 2 else None, now_iso()))
    conn.executemany(
        "INSERT INTO plans (display_name, pathway, signer, signed_at, content_version, "
        "case_sha256, pdf_sha256, pdf, nurse_pdf, archived_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows)
    conn.commit()
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    fill(args.plans)
    from leptodesk.service import get_service

    service = get_service()
    times = time_plans_window(service, args.runs, lambda run: f"MRN {run * 997:05d}")
    opens, searches, bare = times["open"], times["search"], times["bare"]
    open_med, search_med, bare_med = (statistics.median(x) for x in (opens, searches, bare))
    print(machine_line())
    print(f"archived plans: {args.plans}")
    print(f"open the Plans window, newest shown:  median {open_med:.1f} ms, worst "
          f"{max(opens):.1f} ms ({len(opens)} runs; budget {OPEN_BUDGET_MS:.0f} ms)")
    print(f"search by patient (one MRN):          median {search_med:.1f} ms, worst "
          f"{max(searches):.1f} ms (budget {SEARCH_BUDGET_MS:.0f} ms)")
    print(f"bare: the first page's SELECT alone:  median {bare_med:.1f} ms")
    ok = max(opens) < OPEN_BUDGET_MS and max(searches) < SEARCH_BUDGET_MS
    print(f"-> {'within' if ok else 'OVER'}")
    result(name="plans_window", unit="ms", value=round(open_med, 1), worst=round(max(opens), 1),
           baseline=round(bare_med, 1), ratio=round(open_med / bare_med, 2),
           budget=OPEN_BUDGET_MS, budget_kind="absolute", search_ms=round(search_med, 1),
           search_worst_ms=round(max(searches), 1), search_budget=SEARCH_BUDGET_MS,
           plans=args.plans)
    service.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
