"""Entry to updated plan panel: one field committed, the plan rebuilt, the panel (and the alert
strip) repainted. Budget: p95 under 16 ms (one frame at 60 Hz), median under 8 ms.

In one process (offscreen), the wizard at 1366x740; each sample enters one value as the
clinician does (the page's binding commits it), then repaints the panel and the strip
synchronously and processes pending events. Two sets of entries:

- **Typing the examples** (the budget's "entry"): every example case entered field by field,
  page by page, as a clinician types it into a new case (``--rounds`` times over). This is what
  the median and p95 budgets are judged on: the entries a clinician makes.
- **STOP toggles** (the worst case, reported beside it): on the HER2 example's Complications
  page, CSF flow obstruction Yes/No alternating with a weight change. Every other entry adds or
  removes a STOP alert, which re-lays out the whole window (the strip grows or shrinks above
  the pages) and replaces most of the panel. Its p95 is held to the same 16 ms; its median is
  printed for what it is (half its entries are the most expensive kind there is).
- **With a screen reader** (reported, not judged): the examples typed once more with the panel
  as one page, as it is while an assistive technology listens.

A bare baseline in the same run: a QTextBrowser given the same plan HTML (the HER2 example's
two plans, alternating) and repainted (the least any live panel costs).

Each entry's UI-thread CPU time (``time.thread_time``) is reported beside its wall time (not
judged): on a shared machine the wall time also holds the time other processes had the cores,
and the CPU time is what compares two runs of different code there.

    .venv/bin/python bench/entry_panel.py [--rounds 3] [--samples 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen size-hint notices
os.environ.setdefault("LEPTODESK_HOME", tempfile.mkdtemp(prefix="leptodesk-bench-"))

from _common import machine_line, result  # noqa: E402

P95_BUDGET_MS = 16.0
MEDIAN_BUDGET_MS = 8.0


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def flatten(data: dict, known: set[str], prefix: str = "") -> dict:
    """A case's values by field path (a measurement stays one value: {value, unit})."""
    out: dict = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if path in known or not isinstance(value, dict):
            out[path] = value
        else:
            out.update(flatten(value, known, path + "."))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times every example is typed")
    parser.add_argument("--samples", type=int, default=300, help="STOP-toggle entries")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication, QTextBrowser

    app = QApplication(sys.argv[:1])
    from leptodesk.casefile import load_case_file
    from ui.main_window import MainWindow
    from ui.pages import PageId
    from ui.plan_html import plan_html

    window = MainWindow()
    window.resize(1366, 740)
    window.show()
    app.processEvents()
    wizard = window.wizard

    def repaint() -> None:
        window.panel.browser.viewport().repaint()
        window.alert_strip.repaint()
        app.processEvents()

    cpu: dict[str, list[float]] = {"typed": [], "toggles": []}

    def timed_entry(page, path, value, kept: str | None = None) -> float:
        c0, t0 = time.thread_time(), time.perf_counter()
        page.set_value(path, value)
        repaint()
        if kept is not None:
            cpu[kept].append((time.thread_time() - c0) * 1000)
        return (time.perf_counter() - t0) * 1000

    # Typing the examples: a new case each time, every page in the wizard's order.
    known = {p for pid in wizard.pageIds() for p in getattr(wizard.page(pid), "bindings", {})}
    examples = sorted((ROOT / "examples").glob("*.json"))

    def type_examples(rounds: int, judged: bool = True) -> list[float]:
        typed: list[float] = []
        for round_no in range(rounds + 1):  # the first round warms up
            for example in examples:
                case = load_case_file(example)
                values = flatten(case.model_dump(mode="json", exclude_none=True), known)
                window.state.dirty = False
                window.new_case()
                app.processEvents()
                for _ in range(len(wizard.pageIds())):
                    page = wizard.currentPage()
                    for path in getattr(page, "bindings", {}):
                        if path in values:
                            ms = timed_entry(page, path, values[path],
                                             "typed" if round_no and judged else None)
                            if round_no:
                                typed.append(ms)
                    if wizard.currentId() == PageId.REVIEW or not page.isComplete():
                        break
                    wizard.next()
                    app.processEvents()
        return typed

    typed = type_examples(args.rounds)
    # The same typing while a screen reader listens: the panel is one page, set whole at
    # every change (see ui/plan_panel.py). Reported, not judged: without a real assistive
    # technology Qt sends no accessibility events, which a real one adds to each entry.
    window.panel.screen_reader_listening = lambda: True
    read_aloud = type_examples(1, judged=False)
    window.panel.screen_reader_listening = lambda: False
    window.state.dirty = False
    window.new_case()

    # STOP toggles on the HER2 example's Complications page.
    window.state.dirty = False
    window.load_case(load_case_file(ROOT / "examples" / "malignant-her2-good-prognosis.json"),
                     None)
    wizard.restart()
    while wizard.currentId() != PageId.COMPLICATIONS_PLANNED:
        wizard.next()
    app.processEvents()
    complications = wizard.currentPage()
    patient = wizard.page_of(PageId.PATIENT)
    entries = [(complications, "presentation.csf_flow_obstruction", True),
               (complications, "presentation.csf_flow_obstruction", False),
               (patient, "patient.weight_kg", "62"), (patient, "patient.weight_kg", "61")]
    toggles = []
    htmls = []
    for i in range(args.samples + 20):
        page, path, value = entries[i % len(entries)]
        ms = timed_entry(page, path, value, "toggles" if i >= 20 else None)
        if i >= 20:  # warm-up
            toggles.append(ms)
        if i < 2:
            htmls.append(plan_html(window.state.plan, window.state.case, full=False))
    bare = QTextBrowser()
    bare.resize(window.panel.browser.size())
    bare.show()
    base = []
    for i in range(args.samples + 20):
        t0 = time.perf_counter()
        bare.setHtml(htmls[i % 2])
        bare.viewport().repaint()
        app.processEvents()
        if i >= 20:
            base.append((time.perf_counter() - t0) * 1000)
    median, p95 = statistics.median(typed), percentile(typed, 0.95)
    t_median, t_p95 = statistics.median(toggles), percentile(toggles, 0.95)
    base_median = statistics.median(base)
    print(machine_line())
    print(f"typing the {len(examples)} examples ({args.rounds} rounds, {len(typed)} entries): "
          f"median {median:.2f} ms, p95 {p95:.2f} ms, max {max(typed):.2f} ms")
    print(f"the same typing while a screen reader listens (panel as one page, "
          f"{len(read_aloud)} entries): median {statistics.median(read_aloud):.2f} ms, p95 "
          f"{percentile(read_aloud, 0.95):.2f} ms (reported, not judged)")
    print(f"STOP toggles and weights, HER2 example ({len(toggles)} entries): median "
          f"{t_median:.2f} ms, p95 {t_p95:.2f} ms, max {max(toggles):.2f} ms")
    print(f"bare QTextBrowser, the same two plans' HTML set and repainted: median "
          f"{base_median:.2f} ms")
    print(f"UI-thread CPU time (reported, not judged): typing median "
          f"{statistics.median(cpu['typed']):.2f} ms, p95 {percentile(cpu['typed'], 0.95):.2f} "
          f"ms; STOP toggles median {statistics.median(cpu['toggles']):.2f} ms, p95 "
          f"{percentile(cpu['toggles'], 0.95):.2f} ms")
    ok = p95 < P95_BUDGET_MS and median < MEDIAN_BUDGET_MS and t_p95 < P95_BUDGET_MS
    print(f"budget: typing p95 < {P95_BUDGET_MS} ms and median < {MEDIAN_BUDGET_MS} ms, STOP "
          f"toggles p95 < {P95_BUDGET_MS} ms -> {'within' if ok else 'OVER'}")
    result(name="entry_panel", unit="ms", value=round(median, 2), worst=round(p95, 2),
           p95=round(p95, 2), baseline=round(base_median, 2),
           ratio=round(median / base_median, 2), budget=P95_BUDGET_MS,
           budget_kind="absolute", median_budget=MEDIAN_BUDGET_MS, samples=len(typed),
           toggle_median=round(t_median, 2), toggle_p95=round(t_p95, 2),
           toggle_samples=len(toggles),
           reader_median=round(statistics.median(read_aloud), 2),
           reader_p95=round(percentile(read_aloud, 0.95), 2),
           cpu_median=round(statistics.median(cpu["typed"]), 2),
           cpu_p95=round(percentile(cpu["typed"], 0.95), 2),
           cpu_toggle_median=round(statistics.median(cpu["toggles"]), 2),
           cpu_toggle_p95=round(percentile(cpu["toggles"], 0.95), 2))
    window.state.dirty = False
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
