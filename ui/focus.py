"""Focus moved for the keyboard user, with the ring that shows where it is.

Qt's styles draw a button's focus ring only in a window whose focus last moved by the keyboard
(``WA_KeyboardFocusChange``); focus moved by the program after an action (to Finish once
signed, to the verdict after Verify) would be invisible. ``FOCUS_STYLE`` is the app's ring: a
2 px border in the app's blue around the focused button, whatever moved the focus there. Each
push button gets it as its own style sheet when it first takes the focus
(:func:`ring_focused_buttons`), in every window of the app: a window-wide style sheet would
have every widget of every page polished and painted through Qt's style-sheet style.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

FOCUS_BLUE = "#1a5fb4"
# Only the focused state is styled (the others keep the platform's look); the gradient is
# Fusion's own button face, so the focused button differs only by its ring.
FOCUS_STYLE = f"""
QPushButton:focus {{ border: 2px solid {FOCUS_BLUE}; border-radius: 3px; padding: 3px 12px;
    background: qlineargradient(x1:0, y1:0, x2:0, y2:1, stop:0 #f6f6f6, stop:1 #e2e2e2); }}
QPushButton:focus:pressed {{ background: #d4d4d4; }}
"""


_ringing = False


def ring_focused_buttons() -> None:
    """From now on, a push button taking the focus (in any window) gets the ring's style
    sheet, once; the one focused now too. Focus moves are few (a key, a click), and the
    buttons never focused are never styled."""
    global _ringing
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if _ringing or app is None:
        return
    _ringing = True
    app.focusChanged.connect(_give_ring)
    _give_ring(None, app.focusWidget())


def _give_ring(_old: QWidget | None, new: QWidget | None) -> None:
    from PySide6.QtWidgets import QPushButton

    if isinstance(new, QPushButton) and not new.styleSheet():
        new.setStyleSheet(FOCUS_STYLE)


def keyboard_focus(widget: QWidget) -> None:
    """Focus ``widget`` as the Tab key would (its window then shows focus as the keyboard
    sees it)."""
    from PySide6.QtCore import Qt

    widget.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
