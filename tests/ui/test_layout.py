"""The window fits small ward screens: at 1024x768 and 1366x768 every field of every page can be
reached inside the window (the fields scroll, never sideways) and Back/Next and the STOP strip
are in sight; a geometry remembered on a bigger screen is brought back onto this one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWizard

from leptodesk.casefile import load_case_file
from ui.pages import PageId

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SIZES = [(1024, 768), (1366, 768)]


def _inside(widget, ancestor) -> bool:
    top_left = widget.mapTo(ancestor, widget.rect().topLeft())
    return ancestor.rect().contains(QRect(top_left, widget.size()))


def _many_stops(window):
    """The HER2 case with LP contraindicated and the intrathecal route blocked twice over."""
    case = load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json")
    data = json.loads(case.to_file_json())
    data["lp_safety"].update(platelets_10e9_per_l=20, inr=2.0)
    data["presentation"].update(csf_flow_obstruction=True, symptomatic_hydrocephalus=True)
    from leptodesk.casefile import load_case_text

    window.load_case(load_case_text(json.dumps(data)), None)


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])  # French runs ~20 % longer
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_fits_with_stops_in_the_strip(window, qtbot, size, lang):
    window.set_language(lang)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    _many_stops(window)
    stops = window.alert_strip.stop_texts()
    assert len(stops) >= 3
    wizard = window.wizard
    seen = []
    while True:
        QApplication.processEvents()
        page = wizard.currentPage()
        seen.append(PageId(wizard.currentId()))
        strip = window.alert_strip
        assert _inside(strip.count_label, window)
        for label in strip.stop_labels[:len(stops)]:  # each in sight once scrolled to
            strip.stops_area.ensureWidgetVisible(label, 0, 0)
            QApplication.processEvents()
            assert _inside(label, strip.stops_area.viewport()), "a STOP is cut off"
            assert _inside(label, window), "a STOP is cut off"
        nxt = wizard.button(QWizard.WizardButton.NextButton)
        back = wizard.button(QWizard.WizardButton.BackButton)
        for button in (nxt, back):
            if button.isVisible():
                assert _inside(button, window), (seen[-1], button.text())
        if seen[-1] == PageId.REVIEW:  # the review shows the whole plan; no second copy
            assert not window.panel.isVisible() and _inside(page.browser, window)
        else:
            assert window.panel.isVisible() and window.panel.width() >= 250
        scroller = getattr(page, "scroller", None)
        if scroller is not None:
            assert scroller.viewport().height() >= 120, seen[-1]  # room for a few fields
            assert scroller.horizontalScrollBar().maximum() == 0, seen[-1]  # never sideways
            for w in [w for w in page.tab_chain() if w.isVisibleTo(page)]:  # asked here
                scroller.ensureWidgetVisible(w)
                QApplication.processEvents()
                assert _inside(w, scroller.viewport()), (seen[-1], w.objectName())
                assert _inside(w, window), (seen[-1], w.objectName())
        if wizard.currentId() == PageId.REVIEW:
            break
        wizard.next()
    assert seen[-1] == PageId.REVIEW and PageId.PROGNOSIS in seen


SCRIPT = r"""
import sys
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui import settings
if len(sys.argv) > 1:  # a geometry remembered on a 1920x1080 screen, off to the right
    from ui.main_window import MainWindow
    big = MainWindow()
    big.setGeometry(QRect(900, 200, 1600, 1000))
    big.state.dirty = False
    settings.put(settings.WINDOW_GEOMETRY, big.saveGeometry())
    big.deleteLater()
from ui.main_window import MainWindow
w = MainWindow()
w.show_on_screen()
for _ in range(3):
    app.processEvents()
avail = app.primaryScreen().availableGeometry()
f = w.frameGeometry()
print(int(w.isMaximized()), f.x(), f.y(), f.width(), f.height())
print(avail.width(), avail.height(), int(avail.contains(w.frameGeometry())), w.width(), w.height())
"""


@pytest.mark.parametrize("size", [*SIZES, (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("remembered", [False, True], ids=["default", "remembered-bigger"])
def test_window_is_placed_on_a_screen_of_that_size(tmp_path, size, remembered):
    """Maximised on a ward screen (up to 1366x768: the window manager fits the frame into the
    free area); on a larger one the default size centred, or the remembered geometry kept
    inside the screen. (Offscreen has no frame: tests/ui/test_real_window.py has one.)"""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "ward", "x": 0, "y": 0,
                                               "width": size[0], "height": size[1],
                                               "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               LEPTODESK_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    args = [sys.executable, "-c", SCRIPT] + (["remember"] if remembered else [])
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    width, height, inside, win_w, win_h = map(int, out.stdout.split()[-5:])
    maximised, x, y, frame_w, frame_h = map(int, out.stdout.split()[-10:-5])
    assert (width, height) == size  # the offscreen screen really had that size
    assert inside == 1
    if size != (1920, 1080):
        assert maximised == 1 and size[0] - 10 <= frame_w <= size[0] and frame_h <= size[1]
    elif not remembered:  # DEFAULT_SIZE 1280x800, centred
        assert maximised == 0 and (win_w, win_h) == (1280, 800)
        assert (x, y) == ((1920 - frame_w) // 2, (1080 - frame_h) // 2)  # its frame centred
        assert frame_w - win_w < 20  # (offscreen's frame is a few pixels)
    else:  # where it was left (900, 200), 1600 wide: brought back inside, not centred
        assert maximised == 0 and (x, win_w) == (1920 - frame_w, 1600)
    assert win_w <= size[0] and win_h <= size[1]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_kps_level_is_in_sight_without_scrolling_the_list(window, qtbot, size):
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.load_case(load_case_file(EXAMPLES / "malignant-her2-good-prognosis.json"), None)
    while window.wizard.currentId() != PageId.PROGNOSIS:
        window.wizard.next()
    page = window.wizard.currentPage()
    lst = page.kps.editor
    qtbot.waitUntil(lambda: lst.verticalScrollBar().maximum() == 0)
    last = lst.item(lst.count() - 1)  # 0, Dead
    assert lst.viewport().rect().contains(lst.visualItemRect(last))
