"""A text document shown as a sequence of HTML parts, updated part by part.

The live plan panel changes with every entry, but an entry usually changes one or two of its
parts (the LP line, an alert, one section). ``QTextEdit.setHtml`` would parse and lay out the
whole plan again each time (about half of an entry's cost); here each part sits in a frame of
its own and an update replaces only the frames whose HTML changed (``difflib`` over the parts'
strings), so Qt parses and lays out only those. What is shown is always exactly the parts last
given: tests/ui/test_parts_document.py holds every update's text against a fresh rendering of
the same HTML.

Between two frames a document has a block of its own (Qt's structure), and each frame starts
with an empty block (see ``_insert``); they are given no height, so the parts stack as they
would in one page, each with its own formats (backgrounds, headings' margins).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QTextBrowser

if TYPE_CHECKING:
    from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextDocument, QTextFrame

_MARKER = "<p>&nbsp;</p>"  # see PartsDocument._insert


def sections(parts: list[str]) -> list[str]:
    """Each heading joined to the list or table under it (one part: they change together)."""
    out: list[str] = []
    for part in parts:
        if out and out[-1].startswith("<h3>") and out[-1].endswith("</h3>"):
            out[-1] += part
        else:
            out.append(part)
    return out


class PartsDocument:
    """Shows ``parts`` (HTML strings, in order) in ``document``, one frame each."""

    def __init__(self, document: QTextDocument,
                 set_whole: Callable[[str], None] | None = None) -> None:
        """``set_whole``: how a page is set whole (``one_page``): the text view's ``setHtml``,
        which also puts its caret at the top, where Qt scrolls to at the view's first show
        and a screen reader starts reading (the document's own leaves it at the end)."""
        self.document = document
        self._set_whole = set_whole or document.setHtml
        self.parts: list[str] = []
        self._frames: list[QTextFrame] = []
        self._one_page = False
        # The separators' formats, made with the first frames: a page set whole needs none
        # (nor Qt's text cursor and format classes, whose Python enums take a few ms to build:
        # the first plan is set whole, see ui.plan_panel).
        self._separator: QTextBlockFormat | None = None
        self._separator_chars: QTextCharFormat | None = None

    def _separator_formats(self) -> tuple[QTextBlockFormat, QTextCharFormat]:
        if self._separator is None:
            from PySide6.QtGui import QTextBlockFormat, QTextCharFormat

            self._separator = QTextBlockFormat()
            self._separator.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            self._separator.setTopMargin(0)
            self._separator.setBottomMargin(0)
            self._separator_chars = QTextCharFormat()
            self._separator_chars.setFontPointSize(1)
        return self._separator, self._separator_chars

    def show(self, parts: list[str], *, one_page: bool = False) -> None:
        """Make the document show exactly ``parts``, replacing only the ones that changed.

        ``one_page``: the whole page at once, without frames, as ``setHtml`` gives it. For a
        screen reader, which reads line by line: the empty blocks that frames need between
        parts (about thirty in a plan) would each be read out as a blank line."""
        parts = list(parts)
        if one_page:
            if parts != self.parts or self._frames:
                self._set_whole("\n".join(parts))
                self._frames = []
            self.parts = parts
            self._one_page = True
            return
        if self._one_page:  # back from one page: the frames are made again
            self._one_page = False
            self.document.clear()
            self.parts = []
        if parts == self.parts:
            return
        from PySide6.QtGui import QTextCursor

        edit = QTextCursor(self.document)
        edit.beginEditBlock()  # one change for Qt: laid out once, at the end
        try:
            if not self._frames:  # the first page: every part is new
                self.document.clear()
                self.parts = []
                changes = [("insert", 0, 0, 0, len(parts))]
            else:
                from difflib import SequenceMatcher  # at the first entry, not at start-up

                changes = SequenceMatcher(a=self.parts, b=parts, autojunk=False).get_opcodes()
            # From the end, so that the frames before each change keep their positions.
            for tag, i1, i2, j1, j2 in reversed(changes):
                if tag == "equal":
                    continue
                for k in range(i2 - 1, i1 - 1, -1):
                    self._remove(k)
                for k in range(j2 - j1):
                    self._insert(i1 + k, parts[j1 + k])
            self._lead()
        finally:
            edit.endEditBlock()
        self.parts = parts

    @property
    def one_page(self) -> bool:
        """Whether the parts are shown as one page (see :meth:`show`)."""
        return self._one_page

    def text(self) -> str:
        """What the document shows, as plain text: each frame's, a line break between."""
        if self._one_page:
            return self.document.toPlainText()
        from PySide6.QtGui import QTextCursor

        out = []
        for frame in self._frames:
            cursor = QTextCursor(self.document)
            cursor.setPosition(frame.firstPosition())
            cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
            text = cursor.selection().toPlainText()
            out.append(text[1:] if text.startswith("\n") else text)  # the emptied marker
        return "\n".join(out)

    def _remove(self, index: int) -> None:
        """The frame at ``index`` and the separator block before it."""
        from PySide6.QtGui import QTextCursor

        frame = self._frames.pop(index)
        cursor = QTextCursor(self.document)
        cursor.setPosition(frame.firstPosition() - 1)
        cursor.setPosition(frame.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _insert(self, index: int, html: str) -> None:
        """A new frame holding ``html``, so that it becomes the frame at ``index``."""
        from PySide6.QtGui import QTextCursor, QTextFrameFormat

        if index < len(self._frames):
            cursor = QTextCursor(self.document)
            cursor.setPosition(self._frames[index].firstPosition() - 1)
        else:
            cursor = self.document.rootFrame().lastCursorPosition()
        look = QTextFrameFormat()
        look.setMargin(0)
        look.setPadding(0)
        look.setBorder(0)
        frame = cursor.insertFrame(look)
        # Inserted HTML merges its first block into the block at the cursor, which keeps its
        # own format: a part's first paragraph would lose its background (the pending-review
        # banner) or a heading its margins. A marker paragraph takes that merge instead, and
        # is then emptied and given no height.
        frame.firstCursorPosition().insertHtml(_MARKER + html)
        marker = QTextCursor(self.document)
        marker.setPosition(frame.firstPosition())
        marker.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        marker.removeSelectedText()
        separator, separator_chars = self._separator_formats()
        marker.setBlockFormat(separator)
        marker.setBlockCharFormat(separator_chars)
        self._frames.insert(index, frame)
        self._flatten_around(frame)

    def _lead(self) -> None:
        """The first part starts where a page's first line does. Qt lays out a page's first
        block without its top margin, but a frame's first block with it: the first frame is
        drawn up by that margin (the others keep none; their margins meet as on a page)."""
        from PySide6.QtGui import QTextCursor

        for index, frame in enumerate(self._frames):
            lead = 0.0
            if index == 0:
                first = self.document.findBlock(frame.firstPosition()).next()  # after the marker
                table = QTextCursor(first).currentTable() if first.isValid() else None
                if table is not None and table.firstPosition() <= first.position():
                    lead = -table.format().topMargin()
                elif first.isValid():
                    lead = -first.blockFormat().topMargin()
            look = frame.frameFormat()
            if look.topMargin() != lead:
                look.setTopMargin(lead)
                frame.setFrameFormat(look)

    def _flatten_around(self, frame: QTextFrame) -> None:
        """The blocks of the root frame on either side of a new frame take no room (Qt makes
        one when it inserts a frame; the others were flattened when theirs came)."""
        from PySide6.QtGui import QTextBlockFormat, QTextCursor

        separator, separator_chars = self._separator_formats()
        root = self.document.rootFrame()
        fixed = QTextBlockFormat.LineHeightTypes.FixedHeight.value
        for position in (frame.firstPosition() - 1, frame.lastPosition() + 1):
            block = self.document.findBlock(position)
            if (block.isValid() and block.blockFormat().lineHeightType() != fixed
                    and QTextCursor(block).currentFrame() == root):
                cursor = QTextCursor(block)
                cursor.setBlockFormat(separator)
                cursor.setBlockCharFormat(separator_chars)


class PartsBrowser(QTextBrowser):
    """A text browser for a :class:`PartsDocument`: what is copied from it reads as the page
    does, without the empty blocks between the parts' frames (one blank line each)."""

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        data = super().createMimeDataFromSelection()
        lines = [line for line in data.text().split("\n")
                 if line.strip("\ufdd0\ufdd1\u2029 \t")]
        data.setText("\n".join(lines))
        return data
