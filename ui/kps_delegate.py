"""The Karnofsky list's rows with a hanging indent: the score in a column of its own, its
description wrapped under its own first line, never back under the score (a wrapped line
that starts under "70" reads as a level of its own)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

SEPARATOR = "\u2003"  # between the score and the description (widgets.KpsBinding)
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
PADDING = 2  # above and below a row


def split(text: str) -> tuple[str, str]:
    """("80", "Normal activity with effort; ...") or ("", "Not known")."""
    score, sep, description = text.partition(SEPARATOR)
    return (score, description) if sep else ("", text)


class KpsDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt's
        super().__init__(parent)
        # Row heights by (row, width): the list asks each row's size about a hundred times
        # for the page's first show, and each answer would wrap the description again. The
        # key is cheap on purpose; the page clears it when a row's text, the font or the
        # style changes (PrognosisPage.watch_kps_list).
        self._sizes: dict[tuple[int, int], QSize] = {}

    def clear(self) -> None:
        """Forget the rows' heights: their text, the font or the style changed."""
        self._sizes.clear()

    @staticmethod
    def width_of(view) -> int:  # noqa: ANN001 - a QListView
        """The width the rows are wrapped at: the list's inside, less its scroll bar only
        when that is in sight. Read from the list's geometry, not its viewport's, so a page
        laid out ahead while hidden (its resize events still pending) measures the rows at
        the width they are shown at."""
        width = view.contentsRect().width()
        bar = view.verticalScrollBar()
        if bar.isVisible():
            width -= bar.width()
        return width

    def score_width(self, option: QStyleOptionViewItem) -> int:
        """The score column: three digits and the em space after them."""
        return option.fontMetrics.horizontalAdvance("\u2007" * 3 + SEPARATOR)

    def rects(self, option: QStyleOptionViewItem, text_rect: QRect, text: str
              ) -> tuple[QRect, QRect]:
        """Where the score and the (wrapped) description are drawn in a row's text rect."""
        score, _ = split(text)
        indent = self.score_width(option) if score else 0
        return (QRect(text_rect.left(), text_rect.top(), indent, text_rect.height()),
                text_rect.adjusted(indent, 0, 0, 0))

    def _text_rect(self, option: QStyleOptionViewItem) -> QRect:
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return option.rect
        return style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)

    def paint(self, painter, option, index) -> None:  # noqa: D102 - Qt's
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:  # background, selection, focus: the style's own
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        opt.text = text
        score_rect, text_rect = self.rects(opt, self._text_rect(opt).adjusted(
            0, PADDING, 0, -PADDING), text)
        score, description = split(text)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.highlightedText().color() if selected
                       else opt.palette.text().color())
        if score:
            painter.drawText(score_rect, int(Qt.AlignmentFlag.AlignLeft
                                             | Qt.AlignmentFlag.AlignTop), score)
        painter.drawText(text_rect, int(WRAP), description)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        view = option.widget
        width = self.width_of(view) if view is not None else option.rect.width()
        key = (index.row(), width)
        known = self._sizes.get(key)
        if known is not None:
            return QSize(known)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = QRect(0, 0, max(width, 50), 10000)
        _, text_rect = self.rects(opt, self._text_rect(opt), opt.text)
        _, description = split(opt.text)
        needed = opt.fontMetrics.boundingRect(QRect(0, 0, max(text_rect.width(), 20), 10000),
                                              int(WRAP), description)
        size = self._sizes[key] = QSize(width, needed.height() + 2 * PADDING)
        return QSize(size)
