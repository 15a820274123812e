"""Focus moved for the keyboard user, with the ring that shows where it is.

Qt's styles draw a button's focus ring only in a window whose focus last moved by the keyboard
(``WA_KeyboardFocusChange``); focus moved by the program after an action (to Finish once
signed, to the verdict after Verify) would be invisible. ``FOCUS_STYLE`` is the app's ring: a
2 px border in the app's blue around the focused button, whatever moved the focus there; the
main window's style sheet (ui.main_window.STYLE) and the windows it opens carry it.
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


def keyboard_focus(widget: QWidget) -> None:
    """Focus ``widget`` as the Tab key would (its window then shows focus as the keyboard
    sees it)."""
    from PySide6.QtCore import Qt

    widget.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
