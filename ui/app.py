"""Starting the wizard: QApplication set-up, high-DPI, the main window.

The first page shows before the core loads (no pydantic, models or rules yet; see
``ui.main_window``). The event-loop turn after it is on screen schedules the loader, which imports
the core and shows the first plan (the roles' look and the focus ring, then the other pages,
follow in idle time; a page is built at once when needed); only then is the resume offer made
(it opens the store). Signing, PDF and the store are imported on first use (see
``bench/startup.py`` and tests/ui/test_startup.py).
"""

from __future__ import annotations

import builtins
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def plain_imports() -> bool:
    """Take PySide6's feature hook off ``__import__``; True if it was there.

    PySide6's replacement serves ``from __feature__ import snake_case, true_property``, which
    LeptoDesk does not use (a test holds every module to that). After every import it reads the
    new module's whole source (``inspect.getsource``) to see whether it mentions PySide6, and
    keeps each file's lines in memory: 205 modules and 55-60 ms on the way to the first plan
    (load 1.7), the core's pydantic alone 17 ms. A module no one has marked for a feature is
    run without one anyway, so nothing else changes. The hook keeps the import it wraps as
    ``builtins.__orig_import__`` (PySide6's lazy-loading import, which stays); without it
    (another PySide6), nothing is changed.
    """
    plain = getattr(builtins, "__orig_import__", None)
    if plain is None or getattr(builtins.__import__, "__name__", "") != "__feature_import__":
        return False
    builtins.__import__ = plain
    return True


plain_imports()

window = None  # the running app's main window (kept for tests and tools after exec returns)
EXPOSE_LOOK_MS = 2  # how often the first turn looks whether the window is exposed yet
EXPOSE_LOOKS = 1000  # for at most about 2 s


def make_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        # High-DPI: fractional scale factors as they are (Qt 6's default, stated here; the
        # environment variable, unlike the Qt namespace enum, costs nothing at start-up).
        os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")
        # Paint on the UI thread alone. Qt's raster engine otherwise hands every fill of 96
        # rows or more to its GUI thread pool and waits for it: on a ward PC's two cores,
        # shared with other programs, the hand-off and the wait for a pool thread to be
        # scheduled cost more than the fill. The sign page's first show, which repaints the
        # window, had a p95 of 22.4 ms with the pool and 16.5 ms without in one paired run
        # (docs/benchmarks.md). Qt reads the variable's presence, once, before its first fill.
        os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
        app = QApplication(sys.argv[:1])
    app.setApplicationName("LeptoDesk")
    app.setOrganizationName("LeptoDesk")
    return app


def main(quit_after_start: bool = False, quit_when_ready: bool = False) -> int:
    """``quit_after_start``: quit after the first event-loop turn (the first page is shown).
    ``quit_when_ready``: quit once the core is loaded and the first plan shown (the turn
    after that; the other pages are built when needed, or in idle time after it). Both are
    for timing (bench/startup.py)."""
    global window
    app = make_app()
    from .main_window import MainWindow

    window = MainWindow(load_core_now=False)
    window.show_on_screen()  # maximised on a ward screen, else centred (ui.placement)

    def when_ready() -> None:
        if quit_when_ready:
            QTimer.singleShot(0, app.quit)  # after the filled plan panel is painted
        else:  # the store opens only here, after the first plan is shown
            QTimer.singleShot(0, window.style_roles)  # before any dialog: the focus ring
            QTimer.singleShot(0, window.offer_resume)
            QTimer.singleShot(0, send_outbox)
            QTimer.singleShot(0, window.build_pages_when_idle)

    waits = [0]

    def send_outbox() -> None:
        """Plans signed while the ward server was down go to it at every start (off the UI
        thread; a server still down leaves them for the next try)."""
        from leptodesk.service import get_service

        from .worker import run_in_background

        run_in_background(get_service().sync, lambda _report: None, lambda _exc: None)

    def first_turn() -> None:  # runs after the first page has been shown and painted
        if quit_after_start:
            app.quit()
            return
        # Under a window manager the window is exposed a few round trips after show()
        # (reparented, maximised): until then nothing is painted, and loading the core now
        # would leave a black window for its whole load (about 2 s on a ward PC). Wait for
        # the exposure (at most 2 s), paint the first page, then load.
        # Looked at every 2 ms: the exposure often comes a few ms after the first look, and a
        # 20 ms wait then held the first plan back for nothing (the core floor never waits).
        handle = window.windowHandle()
        if handle is not None and not handle.isExposed() and waits[0] < EXPOSE_LOOKS:
            waits[0] += 1
            QTimer.singleShot(EXPOSE_LOOK_MS, first_turn)
            return
        window.repaint()
        if window.core_loaded:  # already loaded on demand
            when_ready()
            return
        window.core_ready.connect(when_ready)
        QTimer.singleShot(0, window.ensure_core_loaded)

    QTimer.singleShot(0, first_turn)
    return app.exec()
