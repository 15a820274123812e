"""The README's Sign page screenshot (docs/screenshots/sign-acknowledgements.png): the real
window under Xvfb with openbox, the bacterial child example opened and taken to the Sign page,
its STOP overridden as "already addressed" with a comment and its WARNING accepted, the
identity and output paths typed; the window's own area (no title bar) grabbed at 796x768.

    .venv/bin/python tools/screenshot_sign_page.py

Needs Xvfb and openbox (tools/bootstrap.sh --gui). The answers are set on the widgets directly
(tools/screenshots_xvfb.py shows the keyboard driving; this shot is about what the page shows).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from xvfb_session import start_openbox, start_xvfb  # tools/, beside this script

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots" / "sign-acknowledgements.png"
CASE = ROOT / "examples" / "bacterial-child-sepsis.json"
SIZE = (796, 768)  # the window's own area, as the README has shown it
COMMENT = "CT clear, LP by neurology at 14:00"  # the README's override command's comment


def settle(app, rounds: int = 20) -> None:
    """Let the window manager and the app's deferred work catch up (no Qt import here: only
    ui/ imports Qt)."""
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.025)


def main() -> int:
    xvfb, display = start_xvfb("1366x900")  # room for the window and its title bar
    wm = start_openbox(display)
    try:
        os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", LANG="en_GB.UTF-8",
                          LEPTODESK_HOME=tempfile.mkdtemp(prefix="leptodesk-sign-shot-"))
        for name in ("QT_SCALE_FACTOR", "LC_ALL", "LC_MESSAGES"):
            os.environ.pop(name, None)
        sys.path.insert(0, str(ROOT))
        from ui.app import make_app

        app = make_app()
        from leptodesk.models import OverrideReason
        from ui.main_window import MainWindow
        from ui.pages import PageId

        window = MainWindow()
        window.style_roles()
        window.show()
        window.resize(*SIZE)
        settle(app)
        if not window.open_case(CASE, ask=False):
            raise SystemExit(f"could not open {CASE}")
        wizard = window.wizard
        for _ in range(20):
            if wizard.currentId() == PageId.SIGN:
                break
            wizard.next()
            settle(app, 4)
        else:
            raise SystemExit("never reached the Sign page")
        page = wizard.currentPage()
        stop, warning = page.acks.rows  # lp.contraindicated, pitfall.calcium_ceftriaxone
        stop.override.setChecked(True)
        stop.reason.setCurrentIndex(stop.reason.findData(OverrideReason.already_addressed))
        stop.comment.setText(COMMENT)
        warning.accept.setChecked(True)
        page.identity.edit.setText("/home/dr/a-clinician.p12")
        page.output.edit.setText("/home/dr/plans/bed-12.pdf")
        window.resize(*SIZE)
        settle(app)
        page.acks.scroll.verticalScrollBar().setValue(0)
        settle(app)
        image = window.grab()
        if (image.width(), image.height()) != SIZE:
            raise SystemExit(f"the window is {image.width()}x{image.height()}, not {SIZE}")
        image.save(str(OUT))
        window.state.dirty = False
        window.close()
        print(OUT.relative_to(ROOT))
    finally:
        for server in (wm, xvfb):
            server.terminate()
            server.wait(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
