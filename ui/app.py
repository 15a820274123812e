"""Starting the wizard: QApplication set-up, high-DPI, the main window.

Only Qt and the core's models and rules load here; signing, PDF and the store are imported on
first use (see ``bench/startup.py`` and tests/ui/test_startup.py).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication


def make_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    app.setApplicationName("LeptoDesk")
    app.setOrganizationName("LeptoDesk")
    return app


def main(quit_after_start: bool = False) -> int:
    app = make_app()
    from .wizard import MainWindow

    window = MainWindow()
    window.show()
    if quit_after_start:
        QTimer.singleShot(0, app.quit)
    else:  # the store opens only here, after the first page is on screen
        QTimer.singleShot(0, window.offer_resume)
    return app.exec()
