"""The live plan beside the pages: rebuilt from ``build_plan`` on every change.

Until the core has loaded (just after the first page is shown) a plain label says so; the
text browser that shows the plan is made with the first plan (it costs a few ms to create),
which is set whole, as one page; idle time lays it out in frames (``settle``), so that each
entry after it changes only the parts it changed (``ui.parts_document``).
The plan's words are the plan document's, in the plan's language (``plan.language``), and so
is the header above it (the clinician PDF's patient and pathway lines); the panel's own few
words go through Qt's ``translate``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .i18n import translate
from .wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextBrowser

    from .case_state import CaseState


# Qt::ClickFocus and Qt::ScrollBarAlwaysOff (qnamespace.h), set without the Qt namespace; a
# test holds them equal to Qt's enums.
CLICK_FOCUS = 0x2
SCROLL_BAR_ALWAYS_OFF = 1


def loading_text() -> str:
    return translate("PlanPanel", "Loading the guideline...")


class _Fitted(QWidget):
    """A word-wrapped label at exactly the size it would have in the layout, held outside it:
    a new text (the header changes with the weight, the age, the name...) that keeps the
    label's size hints and its height at its width leaves the panel's layout alone. A label in
    the layout asks for a layout again at every new text, which Qt carries up to the window
    (the splitter, the pages beside the panel) and which repaints the panel's labels once more:
    about 1 ms of an entry. The label repaints its new text itself."""

    def __init__(self) -> None:
        super().__init__()
        self.label = WrappedLabel(parent=self)
        self.setSizePolicy(self.label.sizePolicy())
        self._hints = self._label_hints()

    def _label_hints(self) -> tuple:
        return (self.label.sizeHint(), self.label.minimumSizeHint(),
                self.label.heightForWidth(self.width()))

    def sizeHint(self):  # noqa: N802 - Qt's names
        return self.label.sizeHint()

    def minimumSizeHint(self):  # noqa: N802
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.label.heightForWidth(width)

    def refit(self) -> None:
        """The label's size hints may have changed (a new text, font or style; or while the
        panel was hidden, when Qt does not say so): the layout is asked again only when they
        did."""
        hints = self._label_hints()
        if hints != self._hints:
            self._hints = hints
            self.updateGeometry()

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (event.Type.LayoutRequest, event.Type.Show):
            self.refit()
            if kind == event.Type.LayoutRequest:
                return True
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self.label.setGeometry(self.rect())
        self._hints = self._label_hints()
        if self._hints[2] != self.height():  # a height the layout had from before a new text
            self.updateGeometry()
        super().resizeEvent(event)


class PlanPanel(QWidget):
    # A screen reader started or stopped: the plan is shown again the way it reads it (the
    # review page follows it too).
    reader_changed = Signal()

    def __init__(self, state: CaseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("plan_panel")
        self._layout = QVBoxLayout(self)
        self.title = WrappedLabel()
        self.title.setObjectName("plan_panel_title")
        self._layout.addWidget(self.title)
        # Who the plan is for, in one line that never scrolls away with the plan.
        holder = self._header_holder = _Fitted()
        self.header = holder.label
        self.header.setObjectName("plan_panel_header")
        self._layout.addWidget(holder)
        self.browser: QTextBrowser | None = None
        self._document = None  # the browser's PartsDocument, made with it
        # Whether the plan shown was made for a screen reader (one page, linear); None for
        # the first plan, set whole before anyone asked (refresh).
        self._for_reader: bool | None = None
        self._header_text = ""  # the header in plain text (text())
        self.placeholder: QLabel | None = QLabel()
        self.placeholder.setObjectName("plan_panel_loading")
        self._layout.addWidget(self.placeholder)
        self._layout.addStretch(1)
        state.changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        head = translate("PlanPanel", "What the guideline says for this case")
        note = translate("PlanPanel", "(updates with each entry)")
        self.title.setText(f"<b>{head}</b> {note}")
        self.header.setAccessibleName(translate("PlanPanel", "patient and pathway"))
        live = translate("PlanPanel", "live plan")
        if self.placeholder is not None:
            self.placeholder.setText(loading_text())
            self.placeholder.setAccessibleName(live)
        if self.browser is not None:
            self.browser.setAccessibleName(live)
        self.refresh()

    def _make_browser(self) -> QTextBrowser:
        from .parts_document import PartsBrowser, PartsDocument

        browser = PartsBrowser()
        self._document = PartsDocument(browser.document(), browser.setHtml)
        browser.setObjectName("plan_panel_text")
        browser.setAccessibleName(translate("PlanPanel", "live plan"))
        browser.setOpenLinks(False)
        # Read-only: Tab stays among the fields and buttons (the alert strip above the pages
        # carries every STOP); a click or the screen reader's review still reaches it.
        # Set as Qt properties by their values: the Qt namespace's first use (importing
        # PySide6.QtCore.Qt builds its enum classes, 30-45 ms of CPU) would be on the way to
        # the first plan, for these two values alone.
        browser.setProperty("focusPolicy", CLICK_FOCUS)
        browser.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        self._layout.takeAt(self._layout.count() - 1)  # the stretch below the placeholder
        self._layout.replaceWidget(self.placeholder, browser)
        self._layout.setStretchFactor(browser, 1)
        browser.show()  # the layout would show it only in the next event-loop turn
        from PySide6.QtCore import QTimer

        # Qt switches accessibility on when a screen reader starts, at any time; there is no
        # signal for it in PySide, so the panel looks once a second (a flag read: nothing).
        self._reader_check = QTimer(self)
        self._reader_check.setInterval(1000)
        self._reader_check.timeout.connect(self.follow_screen_reader)
        self._reader_check.start()
        self.placeholder.hide()  # deleteLater waits for the event loop
        self.placeholder.deleteLater()
        self.placeholder = None
        self.browser = browser
        return browser

    def refresh(self) -> None:
        if self.state.plan is None:
            return  # the placeholder says the guideline is loading
        from leptodesk.view.document import build_document

        from .parts_document import sections
        from .plan_html import document_parts, patient_header, patient_header_text

        doc = build_document(self.state.plan, self.state.case)
        self.header.setText(patient_header(doc))
        self._header_text = patient_header_text(doc)
        if self.browser is None:
            # The first plan, as the window opens: set whole, as one page, the quickest way to
            # show it (no place or caret to keep yet; Qt's accessibility, text-cursor and
            # format classes, whose Python enums take a few ms to build, not needed yet). It
            # is the page the frames show, pixel for pixel (tests/ui/test_parts_document.py);
            # the frames come with the next entry, or in idle time (settle), and then it is
            # asked whether a screen reader listens.
            self._make_browser()
            self._document.show(sections(document_parts(doc, full=False)), one_page=True)
            self._for_reader = None
            # Laid out now, under the header's new lines: else the plan is painted once at
            # the height it had without them, then moved down and painted again.
            self._header_holder.refit()
            self._layout.activate()
            return
        browser = self.browser
        listening = self.screen_reader_listening()
        parts = sections(document_parts(doc, full=False, linear=listening))
        # While a screen reader listens: one page of HTML, read line by line without the
        # blank lines between frames. Otherwise only the parts that changed are parsed and
        # laid out again (an entry usually changes one or two). Either way the reader's place
        # is kept (a change of mode builds the page again): the scroll place, and the caret a
        # screen reader reads from (a page set whole would leave it at the end, and Qt scrolls
        # to it when the panel is first shown).
        bar = browser.verticalScrollBar()
        position = bar.value()
        caret = browser.textCursor().position()
        self._document.show(parts, one_page=listening)
        self._for_reader = listening
        if listening and browser.textCursor().position() != caret:
            from PySide6.QtGui import QTextCursor

            kept = QTextCursor(browser.document())
            kept.setPosition(min(caret, browser.document().characterCount() - 1))
            browser.setTextCursor(kept)
        bar.setValue(position)

    def follow_screen_reader(self) -> None:
        """A screen reader started (or stopped) since the plan was shown: show the same plan
        the way it reads it, without waiting for the next entry (checked every second)."""
        if self._document is not None and self.screen_reader_listening() != self._for_reader:
            asked = self._for_reader is not None
            self.refresh()
            if asked:  # the mode changed (the first plan's frames are not a change of mode)
                self.reader_changed.emit()

    def settling(self) -> bool:
        """The first plan is still set whole, waiting for ``settle``."""
        return self._document is not None and self._for_reader is None

    def settle(self) -> bool:
        """In idle time after the first plan: the plan in frames (or as a screen reader reads
        it, if one listens), ready for the next entry to change only its parts. True if there
        was that to do."""
        if not self.settling():
            return False
        self.follow_screen_reader()
        return True

    @staticmethod
    def screen_reader_listening() -> bool:
        """Whether an assistive technology listens (Qt's accessibility is active)."""
        from PySide6.QtGui import QAccessible

        return QAccessible.isActive()

    def show_alerts(self, *_: object) -> None:
        """Scroll to the alerts (they come first, under the patient's line)."""
        if self.browser is not None:
            self.browser.verticalScrollBar().setValue(0)

    def text(self) -> str:
        if self.browser is None or self._document is None:
            return loading_text()
        return self._document.text()

    def header_text(self) -> str:
        """The patient and pathway lines above the plan, in plain text."""
        return self._header_text
