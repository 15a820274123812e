"""Start-up: the first page shows before the core loads; the rest loads right after.

`leptodesk --quit-after-start` quits after the first event-loop turn with neither pydantic nor
the case models imported; `leptodesk --quit-when-ready` quits once the core is loaded, every
page built and the first plan shown. Neither imports the heavy modules (PDF, signing, store).
"""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("reportlab", "pyhanko", "pypdfium2", "sqlite3", "leptodesk.archive", "leptodesk.pdf")
# Nothing on the first page needs these (html.entities alone is a 2,000-entry table).
LATER = ("html", "datetime", "difflib", "json")
# The error catalogue too: the command line's dispatch imports it only on a failure.
CORE = ("pydantic", "leptodesk.models", "leptodesk.clinical", "leptodesk.service.cases",
        "leptodesk.casefile", "leptodesk.content", "leptodesk.errors")

SCRIPT = f"""
import sys
from leptodesk.cli import main
rc = main([sys.argv[1]])
heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))
print("HEAVY", heavy)
print("CORE", sorted(m for m in {CORE!r} if m in sys.modules))
print("LATER", sorted(m for m in {LATER!r} if m in sys.modules))
from ui.app import window
print("PAGES", len(window.wizard.pageIds()))
print("PAGE_MODULES", sorted(m for m in sys.modules if m.startswith("ui.pages")))
print("PANEL", (window.panel.header_text() or window.panel.text()).splitlines()[0])
import PySide6.QtCore
print("QT_NAMESPACE", "Qt" in vars(PySide6.QtCore))  # built by its first use only
import PySide6.QtGui
print("TEXT_CLASSES", sorted(n for n in ("QAccessible", "QTextCursor", "QTextBlockFormat",
                                         "QTextFrameFormat") if n in vars(PySide6.QtGui)))
sys.exit(rc)
"""


def run(flag: str, tmp_path) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT, flag], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_quit_after_start_is_fast_to_load(tmp_path):
    out = run("--quit-after-start", tmp_path)
    assert "HEAVY []" in out, out
    assert "CORE []" in out, out  # no pydantic, no models: the first page does not need them
    assert "LATER []" in out, out
    assert "PAGES 1" in out, out
    assert "PANEL Loading the guideline..." in out, out


def test_quit_when_ready_has_the_core_every_page_and_the_plan(tmp_path):
    out = run("--quit-when-ready", tmp_path)
    assert "HEAVY []" in out, out
    assert "'pydantic'" in out and "'leptodesk.models'" in out, out
    assert "PAGES 11" in out, out
    assert "PANEL Patient: (no name entered)" in out, out
    # Declared, not built: the later pages' modules are imported when each page is built.
    assert "PAGE_MODULES ['ui.pages', 'ui.pages.base', 'ui.pages.patient']" in out, out
    # Importing PySide6.QtCore.Qt builds its enum classes (30-45 ms of CPU): not on the way
    # to the first plan.
    assert "QT_NAMESPACE False" in out, out
    # The first plan is set whole (ui.plan_panel): Qt's accessibility, text-cursor and format
    # classes, whose Python enums take a few ms each to build, come with idle time.
    assert "TEXT_CLASSES []" in out, out


def test_the_values_set_without_the_qt_namespace_are_qt_s(window):
    """The panel's text browser takes no Tab stop and has no horizontal scroll bar; the first
    page's scroll area takes no Tab stop (set by their values, checked against Qt's enums)."""
    from PySide6.QtCore import Qt

    from ui.pages import PageId

    browser = window.panel.browser
    assert browser.focusPolicy() == Qt.FocusPolicy.ClickFocus
    assert browser.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    scroller = window.wizard.page_of(PageId.PATIENT).scroller
    assert scroller.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert window.wizard.page_of(PageId.CSF).scroller.focusPolicy() == Qt.FocusPolicy.NoFocus


PAINT_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui import wizard
events = []
exposed = [False] * 4 + [True]  # a window manager exposes it a few turns after show()


class Handle:
    def __init__(self, real):
        self.real = real

    def isExposed(self):
        answer = exposed.pop(0) if len(exposed) > 1 else exposed[0]
        events.append("exposed" if answer else "hidden")
        return answer


real_handle = wizard.MainWindow.windowHandle
wizard.MainWindow.windowHandle = lambda self: Handle(real_handle(self))
real_repaint = wizard.MainWindow.repaint
wizard.MainWindow.repaint = lambda self: (events.append("painted"), real_repaint(self))[1]
real_load = wizard.MainWindow.ensure_core_loaded


def load(self):
    if not self.core_loaded and "core" not in events:
        events.append("core")
    real_load(self)


wizard.MainWindow.ensure_core_loaded = load
from ui.app import main
main(quit_when_ready=True)
print(" ".join(events))
"""


LAID_OUT_SCRIPT = """
from ui import main_window
real_load = main_window.MainWindow.ensure_core_loaded
seen = []


def places(window):
    return [w.geometry().getRect() for w in (window.panel.header, window.panel.browser)]


def load(self):
    real_load(self)
    seen.append(places(self))  # what the next paint pass will paint


main_window.MainWindow.ensure_core_loaded = load
from ui.app import main
main(quit_when_ready=True)
from ui.app import window
print("AT_ONCE", seen[0])
print("AT_END", places(window))
print("HEADER", window.panel.header.height())
"""


def test_the_first_plan_is_laid_out_before_it_is_painted(tmp_path):
    """As the app starts: the plan is where it stays, under the header's lines, before the
    first paint pass that shows it (it was painted once at the height it had without them,
    then moved down and painted again)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", LAID_OUT_SCRIPT], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    at_once, at_end = (line.split(" ", 1)[1] for line in done.stdout.splitlines()
                       if line.startswith(("AT_ONCE", "AT_END")))
    assert at_once == at_end, done.stdout
    assert "HEADER 0" not in done.stdout  # its lines are there


def test_the_first_page_is_painted_before_the_core_loads(tmp_path):
    """Issue 22: about 2 s of black window. The core's load waits until the window manager
    has exposed the window and the first page is painted."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", PAINT_SCRIPT], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    events = done.stdout.split()
    assert events[:7] == ["hidden"] * 4 + ["exposed", "painted", "core"], events


ORDER_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from ui import main_window
events = []
Window = main_window.MainWindow
real_load, real_style, real_idle = (Window.ensure_core_loaded, Window.style_roles,
                                    Window.build_pages_when_idle)


def hint_colour():
    return hint.palette().color(hint.foregroundRole()).name()


def load(self):
    global hint
    hint = next(w for w in self.wizard.currentPage().findChildren(QLabel)
                if w.property("role") == "hint")
    real_load(self)
    events.append("plan " + ("styled" if hint_colour() == "#444444" else "unstyled"))


def style(self):
    events.append("style")
    real_style(self)


def idle(self):
    if "pages" not in events:
        events.append("pages")
    real_idle(self)
    if not self.wizard._factories:
        QTimer.singleShot(0, QApplication.instance().quit)


Window.ensure_core_loaded, Window.style_roles, Window.build_pages_when_idle = load, style, idle
from ui.app import main
main()
from ui.app import window
from ui.widgets import ROLE_STYLE
from ui.pages import PageId
verdict = window.wizard.page_of(PageId.IMAGING_LP).verdict  # a page built in idle time
print(" ".join(events), hint_colour() == "#444444", verdict.property("role") == "verdict",
      verdict.styleSheet() == ROLE_STYLE, window.styleSheet() == "")
"""


def test_the_style_sheet_and_the_pages_follow_the_first_plan(tmp_path):
    """The first plan does not wait for the roles' style (the first page's hint is unstyled
    until then) or the later pages: both follow it in idle time, the style first (before any
    dialog the start may open). The labels with a role carry it, on the first page and on the
    pages built later; the window itself has no style sheet (it would polish every widget of
    every page through Qt's style-sheet style)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", ORDER_SCRIPT], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-8:] == ["plan", "unstyled", "style", "pages", "True", "True",
                                        "True", "True"], done.stdout


POOL_SCRIPT = """
import os, sys
os.environ.pop("QT_NO_GUI_THREADPOOL", None)
if sys.argv[1] == "app":
    from ui.app import make_app
    app = make_app()
else:  # Qt as it comes
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
from PySide6.QtWidgets import QPushButton
window = QPushButton("a full-screen button: the style fills it with a gradient")
window.resize(1366, 768)
window.show()
app.processEvents()
window.grab()
tasks = f"/proc/{os.getpid()}/task"
print(sorted(open(f"{tasks}/{t}/comm").read().strip() for t in os.listdir(tasks)))
"""


def _threads_after_a_paint(how: str, tmp_path) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", POOL_SCRIPT, how], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_window_is_painted_on_the_ui_thread_alone(tmp_path):
    """Qt hands large fills to its GUI thread pool and waits for it; on a ward PC's two busy
    cores the wait cost more than the fill (docs/benchmarks.md). The app's QApplication
    paints without the pool; the same paint with Qt as it comes starts pool threads, so the
    check below can see them."""
    assert "Thread (pooled)" in _threads_after_a_paint("qt", tmp_path)
    assert "Thread (pooled)" not in _threads_after_a_paint("app", tmp_path)
