"""The Karnofsky list's rows with a hanging indent: the score in a column of its own, its
description wrapped under its own first line, never back under the score (a wrapped line
that starts under "70" reads as a level of its own)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QStaticText, QTransform
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

SEPARATOR = "\u2003"  # between the score and the description (widgets.KpsBinding)
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
PADDING = 2  # above and below a row
STATIC_TEXTS_KEPT = 64  # laid-out texts kept (two a row, at one width or two)


def split(text: str) -> tuple[str, str]:
    """("80", "Normal activity with effort; ...") or ("", "Not known")."""
    score, sep, description = text.partition(SEPARATOR)
    return (score, description) if sep else ("", text)


def draw_laid_out(painter: QPainter, rect: QRect, laid: QStaticText) -> None:
    """A laid-out text at the top left of ``rect``, clipped to it only when it does not fit,
    as ``drawText`` does (a glyph's edge drawn a pixel outside a text that fits stays)."""
    size = laid.size()
    if size.width() <= rect.width() and size.height() <= rect.height():
        painter.drawStaticText(rect.topLeft(), laid)
        return
    painter.save()
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    painter.drawStaticText(rect.topLeft(), laid)
    painter.restore()


class KpsDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt's
        super().__init__(parent)
        # Row heights by (row, width): the list asks each row's size about a hundred times
        # for the page's first show, and each answer would wrap the description again. The
        # key is cheap on purpose; the page clears it when a row's text, the font or the
        # style changes (PrognosisPage.watch_kps_list).
        self._sizes: dict[tuple[int, int], QSize] = {}
        # Each row's score and description laid out once, at the width they are drawn at
        # (drawText lays a text out again at every paint). Made when a row is measured, which
        # the page does ahead, before its first show.
        self._texts: dict[tuple[str, int], QStaticText] = {}
        self._score_width: int | None = None

    def clear(self) -> None:
        """Forget the rows' heights and texts: their text, the font or the style changed."""
        self._sizes.clear()
        self._texts.clear()
        self._score_width = None

    def laid_out(self, text: str, width: int, font: QFont) -> QStaticText:
        """``text`` laid out in ``font``, wrapped at ``width`` (-1: not wrapped), as
        ``drawText`` with ``WRAP`` draws it, pixel for pixel (tests/ui/test_text_fits.py)."""
        key = (text, width)  # the font is the list's: a change of it clears these
        laid = self._texts.get(key)
        if laid is None:
            if len(self._texts) >= STATIC_TEXTS_KEPT:  # widths of a window being resized
                self._texts.clear()
            laid = self._texts[key] = QStaticText(text)
            laid.setTextFormat(Qt.TextFormat.PlainText)
            laid.setTextWidth(width)
            laid.prepare(QTransform(), font)
        return laid

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
        if self._score_width is None:
            self._score_width = option.fontMetrics.horizontalAdvance("\u2007" * 3 + SEPARATOR)
        return self._score_width

    def rects(self, option: QStyleOptionViewItem, text_rect: QRect, text: str
              ) -> tuple[QRect, QRect]:
        """Where the score and the (wrapped) description are drawn in a row's text rect."""
        score, _ = split(text)
        indent = self.score_width(option) if score else 0
        return (QRect(text_rect.left(), text_rect.top(), indent, text_rect.height()),
                text_rect.adjusted(indent, 0, 0, 0))

    def _text_rect(self, option: QStyleOptionViewItem) -> QRect:
        """The style's text rect for a row, asked with the option's text emptied: with the
        text, the style lays the text out to measure it (each row's paint wrapped its
        description twice), and the rect it answers is the same for a row with neither an icon
        nor a check box (tests/ui/test_text_fits.py)."""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return option.rect
        text, option.text = option.text, ""
        try:
            return style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        finally:
            option.text = text

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
            draw_laid_out(painter, score_rect, self.laid_out(score, -1, opt.font))
        draw_laid_out(painter, text_rect, self.laid_out(description, text_rect.width(), opt.font))
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
        score, description = split(opt.text)
        needed = opt.fontMetrics.boundingRect(QRect(0, 0, max(text_rect.width(), 20), 10000),
                                              int(WRAP), description)
        if score:  # laid out now, ahead of the paint
            self.laid_out(score, -1, opt.font)
        self.laid_out(description, text_rect.width(), opt.font)
        size = self._sizes[key] = QSize(width, needed.height() + 2 * PADDING)
        return QSize(size)
