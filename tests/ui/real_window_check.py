"""Run inside a real X session (Xvfb + openbox, see tests/ui/test_real_window.py): open the
window as the app does, walk the HER2 case with several STOPs page by page, in the normal and
then the larger font, and print what was on screen as JSON.

    python real_window_check.py OUT.json

For each step: the screen's free area (Qt's availableGeometry, openbox's work area), the
window's frame as Qt and as the X server (xwininfo -frame: title bar included) see it, and
every wizard button and the status bar in global coordinates; "title_bar" is the height of
the decoration above the window."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def global_rect(widget) -> list[int]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def x_frame(window) -> tuple[list[int], int]:
    """The frame as the X server has it: the client window (xwininfo) grown by the window
    manager's decoration (_NET_FRAME_EXTENTS: left, right, top, bottom; the title bar)."""
    wid = str(int(window.winId()))
    out = subprocess.run(["xwininfo", "-id", wid], capture_output=True, text=True,
                         timeout=30).stdout
    values = {}
    for line in out.splitlines():
        key, _, value = line.strip().partition(":")
        values[key] = value.strip()
    x, y = int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"])
    w, h = int(values["Width"]), int(values["Height"])
    extents = subprocess.run(["xprop", "-id", wid, "_NET_FRAME_EXTENTS"], capture_output=True,
                             text=True, timeout=30).stdout
    left, right, top, bottom = (int(v) for v in extents.split("=")[1].split(","))
    return [x - left, y - top, w + left + right, h + top + bottom], top


def main() -> int:
    out = Path(sys.argv[1])
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWizard

    from ui.app import make_app

    app = make_app()
    from leptodesk.casefile import load_case_text
    from ui.main_window import MainWindow
    from ui.pages import PageId

    window = MainWindow(load_core_now=False)
    window.show_on_screen()
    steps: list[dict] = []

    def settle(ms: int = 150) -> None:
        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(ms)
        while not deadline.hasExpired():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def record(page: str, font: str) -> None:
        settle()
        wizard = window.wizard
        buttons = {}
        for name, which in (("back", QWizard.WizardButton.BackButton),
                            ("next", QWizard.WizardButton.NextButton),
                            ("finish", QWizard.WizardButton.FinishButton)):
            button = wizard.button(which)
            if button.isVisible():
                buttons[name] = global_rect(button)
        bar = window.statusBar()
        frame, title_bar = x_frame(window)
        steps.append({"page": page, "font": font,
                      "available": rect(window.screen().availableGeometry()),
                      "screen": rect(window.screen().geometry()),
                      "qt_frame": rect(window.frameGeometry()), "x_frame": frame,
                      "title_bar": title_bar,
                      "maximized": window.isMaximized(), "buttons": buttons,
                      "status_bar": global_rect(bar) if bar.isVisible() else None,
                      "strip_count": global_rect(window.alert_strip.count_label)})

    def run() -> None:
        try:
            window.ensure_core_loaded()
            settle(800)
            case = json.loads((ROOT / "examples" / "malignant-her2-good-prognosis.json")
                              .read_text(encoding="utf-8"))
            case["lp_safety"].update(platelets_10e9_per_l=20, inr=2.0)
            case["presentation"].update(csf_flow_obstruction=True,
                                        symptomatic_hydrocephalus=True)
            window.load_case(load_case_text(json.dumps(case)), None)
            for font in ("normal", "larger"):
                window.set_larger_font(font == "larger")
                window.wizard.restart()
                while True:
                    record(PageId(window.wizard.currentId()).name.lower(), font)
                    if window.wizard.currentId() == PageId.REVIEW:
                        break
                    window.wizard.next()
                window.wizard.next()  # the Sign page: Finish (disabled) and Back
                record("sign", font)
        finally:
            window.state.dirty = False
            out.write_text(json.dumps(steps), encoding="utf-8")
            app.quit()

    QTimer.singleShot(500, run)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
