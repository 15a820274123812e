"""Where the main window opens: inside the screen's free area with its frame (the title bar
included), never under a panel or past the screen's edge.

``QScreen.availableGeometry`` is the screen less the desktop's panels (the window manager's
work area); a window manager then adds its frame around the window. On a ward screen up to
1366x768 every pixel counts: the window opens maximised, which the window manager fits, frame
and all, into that free area. On a larger screen it opens at its size (the one remembered, or
``DEFAULT_SIZE`` cut to the free area) and centred in it; once the frame is known (after the
first show) :func:`fit_to_screen` brings the whole frame inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QWidget

# Screens no wider or no taller than this open the window maximised (1024x768, 1280x720,
# 1366x768: the ward's screens); larger ones open it at its size, centred.
SMALL_SCREEN = (1366, 768)


def screen_of(window: QWidget) -> QScreen | None:
    from PySide6.QtGui import QGuiApplication

    return window.screen() or QGuiApplication.primaryScreen()


def is_small(screen: QScreen) -> bool:
    size = screen.size()
    return size.width() <= SMALL_SCREEN[0] or size.height() <= SMALL_SCREEN[1]


def show_on_screen(window: QWidget, *, centre: bool = True) -> None:
    """Show ``window`` as the app opens it: maximised on a small screen, else centred in the
    free area (``centre=False``: where it was, for a geometry the user left there)."""
    screen = screen_of(window)
    if screen is not None and is_small(screen):
        window.showMaximized()
        return
    if screen is not None and centre and not window.isMaximized():
        free = screen.availableGeometry()
        # The frame is not known before the window is shown: centre the window itself now,
        # and its frame once shown (fit_to_screen).
        window.move(free.x() + max(0, (free.width() - window.width()) // 2),
                    free.y() + max(0, (free.height() - window.height()) // 2))
    window.show()


def fit_to_screen(window: QWidget, available: QRect | None = None, *,
                  centre: bool = False) -> None:
    """Keep the whole window (its frame too, once shown) inside the screen's free area, and
    centre its frame there when ``centre``. A geometry remembered on a bigger screen, or the
    default size on a small one, would put Back and Next out of reach; the pages scroll
    instead."""
    if available is None:
        screen = screen_of(window)
        if screen is None:
            return
        available = screen.availableGeometry()
    if window.isMaximized() or window.isFullScreen():
        return
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w = frame.width() - inner.width()
    extra_h = frame.height() - inner.height()
    width = max(min(window.width(), available.width() - extra_w), window.minimumWidth())
    height = max(min(window.height(), available.height() - extra_h), window.minimumHeight())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    if centre:
        x = available.x() + (available.width() - frame.width()) // 2
        y = available.y() + (available.height() - frame.height()) // 2
    else:
        x, y = frame.x(), frame.y()
    x = min(max(x, available.x()), available.right() + 1 - frame.width())
    y = min(max(y, available.y()), available.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
