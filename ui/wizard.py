"""The case wizard: its pages in order, branching by each page's nextId, embedded beside the
live plan in the main window (``ui.main_window``).

The first page (Patient) is built at once, before the core loads: it needs no pydantic,
models or rules. The pages after it need the core; they are declared once it has loaded and
each is built when it is first needed (Next about to show it, or asked for by name) or in idle
time after the first plan, so the first plan does not wait for ten pages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QWidget, QWizard, QWizardPage

from . import settings
from .case_state import CaseState
from .pages import PageId
from .pages.base import CasePage
from .pages.patient import PatientPage

# Nothing here touches the Qt namespace (PySide6.QtCore.Qt) before the first page is shown:
# its first use builds ~100 Python enums (about 15 ms, more than the whole window).


NO_FOCUS = 0  # Qt::NoFocus (qnamespace.h); a test holds it equal to Qt's enum
PREPARE_AFTER_MS = 50  # after a page is shown and painted: the next page prepared

# The pages after the first: each page's module and class, imported when the page is built.
_PAGE_CLASSES: dict[PageId, tuple[str, str]] = {
    PageId.PRESENTATION: (".pages.presentation", "PresentationPage"),
    PageId.IMAGING_LP: (".pages.imaging_lp", "ImagingLpPage"),
    PageId.CSF: (".pages.csf", "CsfPage"),
    PageId.ETIOLOGY: (".pages.etiology", "EtiologyPage"),
    PageId.FUNGAL_ORGANISM: (".pages.etiology", "FungalOrganismPage"),
    PageId.PRIMARY_CANCER: (".pages.etiology", "PrimaryCancerPage"),
    PageId.PROGNOSIS: (".pages.prognosis", "PrognosisPage"),
    PageId.COMPLICATIONS_PLANNED: (".pages.complications_planned", "ComplicationsPlannedPage"),
    PageId.REVIEW: (".pages.review", "ReviewPage"),
    PageId.SIGN: (".pages.sign", "SignPage"),
}


class CaseWizard(QWizard):
    """The pages in order; branching is each page's nextId. Embedded, so Finish never closes.

    Embedded in the main window's splitter: adding it there makes it a child widget (setParent
    resets the window flags), so it is never a dialog window of its own; the window then has it
    choose a child's margins (``take_child_margins``).
    """

    finished_case = Signal()
    review_shown = Signal(bool)  # the review page (which shows the whole plan) came or went
    page_built = Signal(int)  # a page declared after the core loaded was built (its id)

    def __init__(self, state: CaseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        # One setOptions: each setOption(option, True) costs a few ms at start-up in PySide.
        self.setOptions(self.options() | QWizard.WizardOption.NoBackButtonOnStartPage
                        | QWizard.WizardOption.NoCancelButton)
        self.retranslate_buttons()
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton):
            # Embedded in the main window, a button that focus passed through would keep the
            # default status and take Return from Next; keyPressEvent decides instead.
            self.button(which).setAutoDefault(False)
        self.currentIdChanged.connect(self._page_shown)
        self.state = state
        self._factories: dict[PageId, tuple[str, str]] = {}  # declared, not built yet
        self._lay_out_pending: list[int] = []  # built in idle time, not laid out yet
        # How much wider the review page is shown than the others (the window says: the plan
        # panel's width and the splitter's handle, which the review page's show hides).
        self.panel_width_gain: Callable[[], int] = lambda: 0
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(PREPARE_AFTER_MS)
        self._prepare_timer.timeout.connect(self._prepare_next_page)
        self._going_next = False  # Next was pressed and the page validated (nextId builds)
        self._restarting = False
        patient = PatientPage(state, settings.get(settings.WEIGHT_UNIT))
        self._add(PageId.PATIENT, patient)
        self.setStartId(PageId.PATIENT)
        patient.weight.unit_changed.connect(lambda unit: settings.put(settings.WEIGHT_UNIT, unit))
        self.restart()  # start at the first page even before the window is shown

    def _add(self, page_id: PageId, page: QWidget) -> None:
        from .mnemonics import assign, targets, window_letters

        page.setObjectName(f"page_{page_id.name.lower()}")
        # The Patient page chooses its own order (it is built before the core loads).
        chosen = page.mnemonic_targets() if isinstance(page, PatientPage) else targets(page)
        assign(chosen, window_letters())
        self.setPage(page_id, page)

    # -- language ---------------------------------------------------------------------------
    def retranslate_buttons(self) -> None:
        """Back, Next and Finish in the wizard's language (ours, not Qt's: Portuguese says
        "Seguinte" as in Mozambique, and the letters are chosen with the menu bar's)."""
        from .mnemonics import window_texts

        texts = window_texts()
        for which, key in ((QWizard.WizardButton.BackButton, "back"),
                           (QWizard.WizardButton.NextButton, "next"),
                           (QWizard.WizardButton.FinishButton, "finish")):
            self.setButtonText(which, texts[key])

    def retranslate(self) -> None:
        """Every page in the wizard's language, then Alt+letters chosen again (the words, and
        so the letters, are new)."""
        from .mnemonics import assign, targets, window_letters

        self.retranslate_buttons()
        letters = window_letters()
        for page_id in self.built_page_ids():  # a page built later is built in the language
            page = QWizard.page(self, page_id)
            if hasattr(page, "retranslate"):
                page.retranslate()
            assign(targets(page), letters)

    # -- keyboard ---------------------------------------------------------------------------
    def first_field(self) -> QWidget | None:
        """Where the keyboard starts on the current page (its first enabled input)."""
        page = self.currentPage()
        if page is None:
            return None
        if isinstance(page, CasePage) or self.currentId() == PageId.REVIEW:
            return page.first_field()
        from PySide6.QtCore import Qt

        return next((w for w in page.findChildren(QWidget)
                     if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
                     and not w.isHidden()), None)

    def focus_first_field(self) -> None:
        field = self.first_field()
        if field is not None:
            field.setFocus()
            self._chain_buttons(field)

    def _chain_buttons(self, _field: QWidget) -> None:
        """Tab goes through the page's fields, then Next (or Finish), then Back."""
        page = self.currentPage()
        inputs = page.tab_chain() if hasattr(page, "tab_chain") else []
        buttons = [self.button(b) for b in (QWizard.WizardButton.NextButton,
                                            QWizard.WizardButton.CommitButton,
                                            QWizard.WizardButton.FinishButton,
                                            QWizard.WizardButton.BackButton)]
        chain = inputs + buttons
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def initializePage(self, page_id: int) -> None:  # noqa: N802 - Qt's: Next, before the show
        # The panel beside goes or comes before the page is shown, not after: the page is then
        # laid out once, at the width it keeps (after, the Sign page was laid out at the
        # review's full width and again beside the panel).
        self.review_shown.emit(page_id == PageId.REVIEW)
        super().initializePage(page_id)

    def cleanupPage(self, page_id: int) -> None:  # noqa: N802 - Qt's: Back, before the show
        visited = self.visitedIds()
        # Back cleans up the page it leaves, then shows the one visited before it; restart()
        # cleans up every visited page, then shows the first (the panel stays: no churn).
        if not self._restarting and len(visited) >= 2:
            self.review_shown.emit(visited[-2] == PageId.REVIEW)
        super().cleanupPage(page_id)

    def restart(self) -> None:
        self._restarting = True
        try:
            super().restart()
        finally:
            self._restarting = False

    def _page_shown(self, page_id: int) -> None:
        self.review_shown.emit(page_id == PageId.REVIEW)  # also after restart() or a start id

        # After QWizard has finished switching (it moves focus itself while doing so).
        QTimer.singleShot(0, self, self.focus_first_field)
        # Once the page is painted, while the clinician reads it.
        self._prepare_timer.start()

    def _prepare_next_page(self) -> None:
        """While the clinician reads the page just shown, the page Next would show is made
        ready: the review page takes in the plan as it is now (the whole plan's HTML parsed),
        the sign page makes the rows of the alerts to answer (the review page changes
        nothing), and the page is laid out again with what changed since it was laid out in
        idle time (entries change banners and verdicts; a hidden page's layout otherwise
        waits for its show), at the size it is shown at. An entry made after this is taken
        in when the page is shown, as before."""
        page = self.currentPage()
        if page is None:
            return
        following = page.nextId()
        if following in self._factories:  # not built yet: built and laid out in idle time
            return
        ahead = QWizard.page(self, following)
        if ahead is None or ahead.isVisible():
            return
        if following in (PageId.REVIEW, PageId.SIGN):
            ahead.prepare()
        self.lay_out_ahead(ahead)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            focused = QApplication.focusWidget()
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()  # Return on a focused button presses that button
                return
            for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
                button = self.button(which)
                if button.isVisible() and button.isEnabled():
                    button.click()
                    return
            event.accept()  # never Finish by surprise
            return
        super().keyPressEvent(event)

    # -- pages, built when first needed ----------------------------------------------------
    # The pages after the first need the core (plan banners, KPS levels, branching). Once it
    # has loaded they are declared, and each is built when it is first needed: shown, asked
    # for by Next (QWizard asks nextId() for the page after the current one to choose between
    # Next and Finish), asked for by the window or a test, or in idle time after the first
    # plan (build_next_idle_page). So the first plan does not wait for ten pages.

    @property
    def complete(self) -> bool:
        """Every page is declared (after the core has loaded); each is built when needed."""
        return bool(self._factories) or self.built(PageId.SIGN)

    def built(self, page_id: int) -> bool:
        return QWizard.page(self, int(page_id)) is not None

    def built_page_ids(self) -> list[int]:
        return QWizard.pageIds(self)

    def build_remaining_pages(self) -> None:
        """Declare the pages after the first (built when first needed). Their modules are
        imported only then too: importing all ten (the review's HTML, the Sign page's worker,
        the KPS list's delegate) took about 50 ms of the first plan under load."""
        if self.complete:
            return
        self._factories = dict(_PAGE_CLASSES)
        self._no_tab_stop_on_scroll(self.page_of(PageId.PATIENT))  # not before the first show

    @staticmethod
    def _no_tab_stop_on_scroll(page: QWidget) -> None:
        if isinstance(page, CasePage):  # the scroll areas are not stops for Tab
            # Qt::NoFocus by its value, as a Qt property: the Qt namespace's first use (tens
            # of ms) is not on the way to the first plan (see ui.plan_panel).
            page.scroller.setProperty("focusPolicy", NO_FOCUS)

    def _build(self, page_id: int) -> QWidget:
        from importlib import import_module

        module, name = self._factories.pop(PageId(page_id))
        page = getattr(import_module(module, __package__), name)(self.state)
        self._add(PageId(page_id), page)
        self._no_tab_stop_on_scroll(page)
        if self.state.plan is not None:
            # Built after the case changed: show it as a page built at the start and following
            # every change would (QWizard calls this again when the page is shown).
            page.initializePage()
        self.page_built.emit(int(page_id))
        return page

    def build_next_idle_page(self) -> bool:
        """Build one page not yet built (in the order a case goes); False when none is left."""
        if not self._factories:
            return False
        self._build(min(self._factories))
        return True

    def idle_step(self) -> str | None:
        """One step of what idle time does after the first plan, in the order a case goes:
        the next page's module imported (its first use of the Qt namespace or of a widget
        class can take tens of ms), that page built, or a page built and never shown laid out
        at the size it will be shown at. Each step is one turn of the event loop, so a key
        typed meanwhile waits for one step, not a whole page; and a page's first show then
        only paints it. Returns what was done ("import", "build", "lay_out"), None when
        nothing is left."""
        import sys
        from importlib import import_module

        if self._factories:
            page_id = min(self._factories)
            module = self._factories[page_id][0]
            if f"{__package__}{module}" not in sys.modules:
                import_module(module, __package__)
                return "import"
            self._build(page_id)
            self._lay_out_pending.append(page_id)
            return "build"
        while self._lay_out_pending:
            page = QWizard.page(self, self._lay_out_pending.pop(0))
            if not page.isVisible():  # else it was shown meanwhile: laid out already
                self.lay_out_ahead(page)
                return "lay_out"
        return None

    def take_child_margins(self) -> None:
        """Once the wizard is a child widget (in the window's splitter). QWizard chooses its
        margins, a window's or a child's, when it is made (a dialog, a window until it is
        placed) and keeps them until a page changes: the first page was laid out 8 px smaller
        than every later page, moved at the first Next and again at Back, and the page after
        it, laid out ahead at its size, was laid out again at its first show. A style change
        makes QWizard choose again."""
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        QApplication.sendEvent(self, QEvent(QEvent.Type.StyleChange))

    def idle_work_left(self) -> bool:
        """Pages to build or lay out, or the next page to prepare."""
        return bool(self._factories or self._lay_out_pending) or self.preparing_next_page()

    def preparing_next_page(self) -> bool:
        """The page just shown is painted; the one after it is not prepared yet
        (``_prepare_next_page``)."""
        return self._prepare_timer.isActive()

    def _size_ahead(self, page: QWidget):  # noqa: ANN202 - a QSize
        """The size a page not in sight will be shown at: the current page's, wider by the
        plan panel for the review page (the panel goes while it is shown), narrower by it for
        a page after the review (the panel comes back)."""
        size = self.currentPage().size()
        review = QWizard.page(self, PageId.REVIEW) if self.built(PageId.REVIEW) else None
        if page is review:
            size.setWidth(size.width() + self.panel_width_gain())
        elif self.currentPage() is review:
            size.setWidth(size.width() - self.panel_width_gain())
        return size

    def lay_out_ahead(self, page: QWidget) -> None:
        """Polish a page not in sight and lay it out at the size it will be shown at
        (``_size_ahead``). Its first show then finds the style's polish and its layout's
        measurements (wrapped labels' heights) done; the paint is left."""
        current = self.currentPage()
        if current is None or page is current:
            return
        size = self._size_ahead(page)
        page.resize(size)
        # Every widget, not only the page: one made since the page was polished (the sign
        # page's alert rows, made by its prepare()) would otherwise be polished at the show.
        page.ensurePolished()
        for child in page.findChildren(QWidget):
            child.ensurePolished()
        # A drop-down list measures its choices again at its first show and asks its page to
        # lay out again (Qt's AdjustToContentsOnFirstShow, the default): its show event now,
        # while the page is out of sight, so that the layout below is the one it keeps.
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtGui import QShowEvent

        for box in page.findChildren(QComboBox):
            QCoreApplication.sendEvent(box, QShowEvent())
        if page.layout() is not None:
            page.layout().activate()
            # A hidden widget's resize events wait for its show, and a scroll area lays out
            # what it holds only on its own resize event: send them now, so the fields are
            # laid out too, not only the page around its scroll area.
            if isinstance(page, CasePage):
                page.layout().setGeometry(page.rect())  # the page's own resize is pending
                send_pending_resizes(page.scroller)
                activate_layouts(page.scroller)
            elif self.built(PageId.SIGN) and page is QWizard.page(self, PageId.SIGN):
                # Every widget of it: the alerts' answers (made by its prepare()) in their
                # scroll area, and the signing form. Their first layout changes the heights
                # they ask for (wrapped words): once more, then.
                for _ in range(3):
                    # The rows' layout requests, then the scroll area's queued call that shows
                    # its scroll bar when they do not fit (else both would come at the show,
                    # and every row would be laid out again, narrower by the scroll bar); no
                    # other queued call is delivered here.
                    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                    QCoreApplication.sendPostedEvents(page.acks.scroll, QEvent.Type.MetaCall)
                    lay_out_whole(page)
                return
            elif self.built(PageId.REVIEW) and page is QWizard.page(self, PageId.REVIEW):
                # The plan's text and the inputs' table lay themselves out on their own
                # resize events: delivered now, not at the show.
                lay_out_whole(page)
                return
            else:
                return
            # A page whose contents fit themselves to the width they get (the Karnofsky list)
            # does so now, and is laid out again: its first show then changes nothing.
            if page.lay_out_ahead():
                page.layout().activate()
                page.layout().setGeometry(page.rect())
                send_pending_resizes(page.scroller)

    def page(self, page_id: int):  # noqa: ANN201 - QWizard's: a page, built when first asked
        if page_id in self._factories:
            return self._build(page_id)
        return QWizard.page(self, page_id)

    def setStartId(self, page_id: int) -> None:  # noqa: N802 - Qt's: only a built page
        if page_id in self._factories:
            self._build(page_id)
        super().setStartId(page_id)

    def pageIds(self) -> list[int]:  # noqa: N802 - Qt's name: the pages built or declared
        return sorted(set(QWizard.pageIds(self)) | set(self._factories))

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt's name
        # QWizard.next() validates, then asks nextId() for the page to show: only then is a
        # declared page built (nextId() is also asked at every change, to choose between Next
        # and Finish, which needs only the id).
        self._going_next = super().validateCurrentPage()
        return self._going_next

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        """The current page's next page; built now when QWizard is about to show it (its own
        ``next()`` refuses a page that does not exist)."""
        page = self.currentPage()
        if page is None:
            return -1
        if type(page).nextId is QWizardPage.nextId:  # the default: the next page in order
            later = [i for i in self.pageIds() if i > self.currentId()]
            next_id = later[0] if later else -1
        else:
            next_id = page.nextId()
        if self._going_next:
            self._going_next = False
            if next_id in self._factories:
                self._build(next_id)
        return next_id

    def page_of(self, page_id: PageId):
        return self.page(int(page_id))

    def done(self, result: int) -> None:  # Finish or Escape: the window stays open
        if result == QWizard.DialogCode.Accepted:
            self.finished_case.emit()


def __getattr__(name: str):  # noqa: ANN202 - the window's names, for code written before the split
    if name in ("MainWindow", "apply_larger_font", "BANNER_STYLE", "DEFAULT_SIZE"):
        from . import main_window

        return getattr(main_window, name)
    raise AttributeError(name)


def activate_layouts(widget: QWidget) -> None:
    """Do the layout of every widget inside ``widget`` that has one. A hidden widget's layout
    is done on its resize only if it was done before (else at the show, which then asks its
    parent to lay out again: a scroll area's viewport, a splitter)."""
    for child in widget.findChildren(QWidget):
        if child.layout() is not None:
            child.layout().activate()


def lay_out_whole(page: QWidget) -> None:
    """Lay a hidden page out to its last widget: the layouts inside it, then its own at its
    size (not by its own resize, whose layout answers it with an empty geometry while the page
    is hidden), then its children's resizes, held until their show."""
    from PySide6.QtCore import Qt

    activate_layouts(page)
    page.layout().activate()
    page.layout().setGeometry(page.rect())
    for child in page.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        send_pending_resizes(child)


def send_pending_resizes(widget: QWidget) -> None:
    """Deliver the resize events a hidden widget and its children hold until their show (as
    Qt does at the show), parents first: a parent's own resize sets its children's sizes."""
    from PySide6.QtCore import QCoreApplication, QSize, Qt
    from PySide6.QtGui import QResizeEvent

    pending = Qt.WidgetAttribute.WA_PendingResizeEvent
    if widget.testAttribute(pending):
        widget.setAttribute(pending, False)
        QCoreApplication.sendEvent(widget, QResizeEvent(widget.size(), QSize()))
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not child.isWindow():
            send_pending_resizes(child)
