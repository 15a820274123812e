"""What the main window's status bar says of an act done in any of its windows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .i18n import translate


def confirm_printed(widget: QWidget, printed: str | bool, title: str) -> str:
    """Say in the main window's status bar that ``title`` went to the printer, by name (a
    nurse at the ward printer knows which one to walk to). Returns the words said."""
    from PySide6.QtWidgets import QMainWindow

    printer = printed if isinstance(printed, str) and printed else translate(
        "StatusBar", "the printer")
    text = translate("StatusBar", "Sent to {printer}: {title}.").format(printer=printer,
                                                                      title=title)
    window = widget.window()
    while window is not None and not isinstance(window, QMainWindow):
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    if window is not None:
        window.statusBar().showMessage(text)
    return text
