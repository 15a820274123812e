"""A word-wrapped label that keeps its height at each width.

Qt's QLabel lays its whole text out again (shaping every word) at every ``heightForWidth``,
and keeps nothing; Qt's layouts ask it many times per layout, at several widths (QWizard works
out its minimum size at more than one width), and not through the layout items' own cache
(``minimumHeightForWidth`` goes around it). At the sign page's show that was 19 layouts of the
same three texts, a seventh of the show. The heights are kept until anything they depend on
changes: the text or its format, the wrapping, the margin or the indent (each set through
this class), the font, the style, the contents margins or the frame, or the screen (each said
by a change event).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

KEPT_WIDTHS = 8  # the widths asked between two changes: a few (the layouts' and the window's)

_CHANGES = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange,
            QEvent.Type.LayoutDirectionChange, QEvent.Type.DevicePixelRatioChange)


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[int, int] = {}

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        heights = self._heights
        height = heights.get(width)
        if height is None:
            if len(heights) >= KEPT_WIDTHS:
                heights.clear()
            height = heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in _CHANGES:
            self._heights.clear()
        super().changeEvent(event)

    # Every setter that changes the height at a width (QLabel's own, which keep nothing).
    def setText(self, text: str) -> None:  # noqa: N802
        self._heights.clear()
        super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setNum(self, number) -> None:  # noqa: N802, ANN001 - int or float, as Qt's
        self._heights.clear()
        super().setNum(number)

    def setTextFormat(self, text_format) -> None:  # noqa: N802, ANN001 - a Qt.TextFormat
        self._heights.clear()
        super().setTextFormat(text_format)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802
        self._heights = {}
        super().setWordWrap(on)

    def setMargin(self, margin: int) -> None:  # noqa: N802
        self._heights.clear()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:  # noqa: N802
        self._heights.clear()
        super().setIndent(indent)
