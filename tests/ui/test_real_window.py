"""A real window under a window manager (DESIGN "Real parts in tests"): the app under Xvfb
with openbox (a title bar on the window, and 32 px at the bottom kept free as a panel's), at
1024x768 and 1366x768, in English, French and Portuguese, in the normal and the larger font.

On every page the whole frame, title bar included (as the X server sees it, xwininfo -frame),
is inside the screen's free area, and Back, Next, Finish and the status bar are on screen
inside it (issue 22: the window was made the screen's size and the buttons were cut)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
LOCALES = {"en": "en_GB.UTF-8", "fr": "fr_FR.UTF-8", "pt": "pt_MZ.UTF-8"}


def _missing() -> str | None:
    for tool, package in (("Xvfb", "xvfb"), ("openbox", "openbox"), ("xwininfo", "x11-utils"),
                          ("xprop", "x11-utils")):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian package {package}; tools/bootstrap.sh --gui)"
    return None


def inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def test_inside_is_exact():
    """The helper the real-window test rests on: one pixel over is outside, on both sides."""
    free = [0, 0, 1024, 736]
    assert inside([0, 0, 1024, 736], free)
    assert not inside([0, 0, 1024, 737], free)
    assert not inside([-1, 0, 10, 10], free)
    assert not inside([0, 727, 10, 10], free)
    assert inside([0, 726, 10, 10], free)


@pytest.mark.parametrize("lang", sorted(LOCALES))
@pytest.mark.parametrize("size", ["1024x768", "1366x768"])
def test_frame_buttons_and_status_bar_on_screen_under_a_window_manager(tmp_path, size, lang):
    why = _missing()
    if why:
        pytest.skip(why)
    from xvfb_session import PANEL_PX, start_openbox, start_xvfb

    xvfb, display = start_xvfb(size)
    try:
        wm = start_openbox(display)
        try:
            out = tmp_path / "steps.json"
            env = {k: v for k, v in os.environ.items()
                   if k not in ("QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES", "QT_SCALE_FACTOR")}
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", LANG=LOCALES[lang],
                       LEPTODESK_HOME=str(tmp_path / "home"), DBUS_SESSION_BUS_ADDRESS="disabled:")
            run = subprocess.run([sys.executable, str(ROOT / "tests" / "ui" /
                                                      "real_window_check.py"), str(out)],
                                 env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
            assert out.exists(), run.stderr[-3000:]
        finally:
            wm.terminate()
            wm.wait(20)
    finally:
        xvfb.terminate()
        xvfb.wait(20)
    steps = json.loads(out.read_text())
    width, height = map(int, size.split("x"))
    pages = {s["page"] for s in steps}
    assert {"patient", "prognosis", "review", "sign"} <= pages, pages
    assert {s["font"] for s in steps} == {"normal", "larger"}
    for step in steps:
        where = (step["page"], step["font"])
        assert step["screen"] == [0, 0, width, height], where
        free = step["available"]
        assert free == [0, 0, width, height - PANEL_PX], where  # the panel's strip is not free
        assert step["maximized"], where  # a ward screen: maximised
        frame = step["x_frame"]
        assert step["title_bar"] >= 15, where  # the window manager's title bar is there
        assert inside(frame, free), (where, frame, free)
        assert frame[3] >= free[3] - 1, (where, frame)  # maximised: it fills the free height
        assert inside(step["qt_frame"], free), where
        assert "next" in step["buttons"] or "finish" in step["buttons"], where
        for name, button in step["buttons"].items():
            assert inside(button, frame), (where, name, button, frame)
            assert inside(button, free), (where, name, button)
        assert step["status_bar"] is not None, where
        assert inside(step["status_bar"], free), where
        assert inside(step["strip_count"], free), where
