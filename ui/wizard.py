"""The main window: the case wizard beside the live plan, with the File, Tools and View menus.

Start-up shows the first page before the core loads: the window, the menus, the Patient page
(labels from ``leptodesk.fields``) and a plan panel saying "Loading the guideline..." need no
pydantic, models or rules. :meth:`MainWindow.ensure_core_loaded` then imports the core, builds
the other pages, enters what was typed on the first page and shows the first plan; ``ui.app``
runs it in the event-loop turn after the first page is shown, and anything that needs the case
before then (an entry, File > Open, closing with something typed) runs it on demand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from . import i18n, settings
from .alert_strip import AlertStrip
from .case_state import CaseState
from .i18n import translate
from .pages import PageId
from .pages.patient import PatientPage
from .plan_panel import PlanPanel

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from leptodesk.models import Case

# Nothing here touches the Qt namespace (PySide6.QtCore.Qt) before the first page is shown:
# its first use builds ~100 Python enums (about 15 ms, more than the whole window).

MAX_UNFINISHED_IN_MENU = 15
DEFAULT_SIZE = (1280, 800)  # made smaller to fit a smaller screen (fit_to_screen)


def case_filter() -> str:
    return translate("MainWindow", "LeptoDesk case (*.json);;All files (*)")

STYLE = """
QLabel[role="error"] { color: #8b0000; font-weight: bold; }
QLabel[role="hint"] { color: #444444; }
QLabel[role="stop"] { background: #8b0000; color: #ffffff; padding: 8px; font-size: 120%; }
QLabel[role="verdict"] { background: #eef2f7; color: #111111; padding: 8px; }
"""


BANNER_STYLE = ("QLabel { background: #fff3cd; color: #3d2e00; padding: 4px 8px; "
                "border-bottom: 1px solid #b08d00; }")

_base_point_size: float | None = None  # the application font's size before any change


def apply_larger_font(on: bool) -> None:
    global _base_point_size
    app = QApplication.instance()
    font = app.font()
    if _base_point_size is None:
        _base_point_size = font.pointSizeF()
    font.setPointSizeF(_base_point_size * (settings.LARGER_FONT_FACTOR if on else 1.0))
    app.setFont(font)
    for widget in app.allWidgets():
        # The others follow the application font; one styled by a style sheet keeps the font
        # it was polished with (and does not pass the new one on): give it the font, then
        # polish it again.
        if widget.styleSheet():
            widget.setFont(font)
            widget.setStyleSheet(widget.styleSheet())


class CaseWizard(QWizard):
    """The pages in order; branching is each page's nextId. Embedded, so Finish never closes.

    Embedded in the main window's splitter: adding it there makes it a child widget (setParent
    resets the window flags), so it is never a dialog window of its own.
    """

    finished_case = Signal()
    review_shown = Signal(bool)  # the review page (which shows the whole plan) came or went

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
        patient = PatientPage(state, settings.get(settings.WEIGHT_UNIT))
        self._add(PageId.PATIENT, patient)
        self.setStartId(PageId.PATIENT)
        patient.weight.unit_changed.connect(lambda unit: settings.put(settings.WEIGHT_UNIT, unit))
        self.restart()  # start at the first page even before the window is shown

    def _add(self, page_id: PageId, page: QWidget) -> None:
        from .mnemonics import assign, targets, window_letters

        page.setObjectName(f"page_{page_id.name.lower()}")
        declared = getattr(page, "mnemonic_targets", None)
        assign(declared() if declared else targets(page), window_letters())
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
        for page_id in self.pageIds():
            page = self.page(page_id)
            if hasattr(page, "retranslate"):
                page.retranslate()
            assign(targets(page), letters)

    # -- keyboard ---------------------------------------------------------------------------
    def first_field(self) -> QWidget | None:
        """Where the keyboard starts on the current page (its first enabled input)."""
        page = self.currentPage()
        if page is None:
            return None
        chooser = getattr(page, "first_field", None)
        if chooser is not None:
            return chooser()
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

    def _page_shown(self, page_id: int) -> None:
        from PySide6.QtCore import QTimer

        self.review_shown.emit(page_id == PageId.REVIEW)

        # After QWizard has finished switching (it moves focus itself while doing so).
        QTimer.singleShot(0, self, self.focus_first_field)

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

    @property
    def complete(self) -> bool:
        """Every page is built (after the core has loaded)."""
        return self.page(int(PageId.SIGN)) is not None

    def build_remaining_pages(self) -> None:
        """The pages after the first: they need the core (plan banners, KPS levels, branching)."""
        if self.complete:
            return
        from .pages.complications_planned import ComplicationsPlannedPage
        from .pages.csf import CsfPage
        from .pages.etiology import EtiologyPage, FungalOrganismPage, PrimaryCancerPage
        from .pages.imaging_lp import ImagingLpPage
        from .pages.presentation import PresentationPage
        from .pages.prognosis import PrognosisPage
        from .pages.review import ReviewPage
        from .pages.sign import SignPage

        state = self.state
        for page_id, page_class in (
                (PageId.PRESENTATION, PresentationPage), (PageId.IMAGING_LP, ImagingLpPage),
                (PageId.CSF, CsfPage), (PageId.ETIOLOGY, EtiologyPage),
                (PageId.FUNGAL_ORGANISM, FungalOrganismPage),
                (PageId.PRIMARY_CANCER, PrimaryCancerPage), (PageId.PROGNOSIS, PrognosisPage),
                (PageId.COMPLICATIONS_PLANNED, ComplicationsPlannedPage),
                (PageId.REVIEW, ReviewPage), (PageId.SIGN, SignPage)):
            self._add(page_id, page_class(state))
        from PySide6.QtCore import Qt

        for page_id in self.pageIds():  # the scroll areas are not stops for Tab
            scroll = getattr(self.page(page_id), "scroller", None)
            if scroll is not None:
                scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def page_of(self, page_id: PageId):
        return self.page(int(page_id))

    def done(self, result: int) -> None:  # Finish or Escape: the window stays open
        if result == QWizard.DialogCode.Accepted:
            self.finished_case.emit()


class MainWindow(QMainWindow):
    """``load_core_now=False`` (the app): show the first page first, then call
    :meth:`ensure_core_loaded`. Tests and tools use the default and get a loaded window."""

    core_ready = Signal()  # the core is loaded, every page is built and the first plan shown

    def __init__(self, *, load_core_now: bool = True) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self._core_ready = False
        self._loading_core = False
        self.site_error: str | None = None
        self._fitted_once = False
        i18n.install(settings.language())  # before any word is shown
        self.state = CaseState(self, load_core=False, lang=i18n.current())
        self.state.need_core.connect(self.ensure_core_loaded)
        self.wizard = CaseWizard(self.state)
        self.wizard.setObjectName("wizard")
        self.wizard.finished_case.connect(self.finish_case)
        self.panel = PlanPanel(self.state)
        self.splitter = QSplitter()  # horizontal
        self.splitter.addWidget(self.wizard)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        # The review page shows the whole plan beside its inputs: the panel would repeat it.
        self.wizard.review_shown.connect(lambda on: self.panel.setVisible(not on))
        self.alert_strip = AlertStrip(self.state)
        self.alert_strip.new_stop.connect(self.panel.show_alerts)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        # While the wizard's language awaits clinical review, say so above everything.
        from PySide6.QtWidgets import QLabel

        self.translation_banner = QLabel()
        self.translation_banner.setObjectName("translation_banner")
        self.translation_banner.setWordWrap(True)
        self.translation_banner.hide()
        column.addWidget(self.translation_banner)
        column.addWidget(self.alert_strip)  # above both: it never scrolls away
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_menus()
        # The pages, the strip and the panel were built in the language; the window's own
        # words now (not every page again: the first page counts against the start-up budget).
        self._shown_language = i18n.current()
        self.wizard.setAccessibleName(translate("MainWindow", "Case wizard"))
        self.retranslate_menus()
        self.state.changed.connect(self._update_title)
        self.state.changed.connect(self._autosave)
        self._autosaver = None
        self._update_title()
        self._restore_settings()
        self.wizard.focus_first_field()
        if load_core_now:
            self.ensure_core_loaded()

    @property
    def core_loaded(self) -> bool:
        return self._core_ready

    def ensure_core_loaded(self) -> None:
        """Load the core, build the other pages, enter what was typed, show the first plan."""
        if self._core_ready or self._loading_core:
            return
        self._loading_core = True
        try:
            if not self._site_values_usable():
                return
            self.state.load_core()
            # The roles it styles (messages, STOP banners, verdicts) appear only once the core
            # is there; a style sheet costs a few ms at the first show.
            self.setStyleSheet(STYLE)
            self.wizard.build_remaining_pages()
            self.wizard.page_of(PageId.SIGN).completeChanged.connect(self._signed)
            self.panel.reader_changed.connect(
                self.wizard.page_of(PageId.REVIEW).follow_screen_reader)
            self.wizard.page_of(PageId.PATIENT).bind()
            self.panel.refresh()
            self.alert_strip.refresh()
            self._show_review_banner()  # the core says whether the language awaits review
            if self.larger_font.isChecked():  # the style sheets just set keep the old size
                apply_larger_font(True)
        finally:
            self._loading_core = False
        self._core_ready = True
        self.core_ready.emit()

    def _site_values_usable(self) -> bool:
        """The plan is made only with this site's values: a site-defaults.json that cannot be
        read stops the wizard with the reason (never a plan with other values)."""
        from leptodesk.errors import InvalidInput
        from leptodesk.service import get_service

        try:
            _ = get_service().site  # read once; raises on a bad file
        except InvalidInput as exc:
            problem = exc.describe_in(i18n.current())  # a loose file too: msg:err_insecure_*
            self.inform(translate("MainWindow", "The site's values cannot be read"),
                        translate("MainWindow", "{problem}\n\nLeptoDesk plans only with this "
                                  "site's values. Ask the site administrator to correct the "
                                  "file; LeptoDesk closes now.").format(problem=problem))
            self.site_error = problem
            QApplication.instance().quit()
            return False
        return True

    # -- menus ----------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:
        # menu.addAction(text) and setShortcuts(): unlike QAction(text, parent) and
        # setShortcut() they do not build the Qt namespace enums (see above). The text is set
        # again in the wizard's language by retranslate_menus (``text`` may be empty).
        action = menu.addAction(text)
        if isinstance(shortcut, str):
            action.setShortcuts([QKeySequence(shortcut)])
        elif shortcut is not None:
            action.setShortcuts(shortcut)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        """The menus; their words are set (and set again) by :meth:`retranslate_menus`."""
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu("")
        file_menu.setObjectName("menu_file")
        self.action_new = self._action(file_menu, "", self.new_case,
                                       QKeySequence.StandardKey.New, "action_new")
        self.action_open = self._action(file_menu, "", self.open_case_dialog,
                                        QKeySequence.StandardKey.Open, "action_open")
        self.action_open_pdf = self._action(file_menu, "", self.open_plan_pdf, None,
                                            "action_open_pdf")
        self.recent_menu = file_menu.addMenu("")
        self.recent_menu.setObjectName("menu_recent")
        self.unfinished_menu = file_menu.addMenu("")
        self.unfinished_menu.setObjectName("menu_unfinished")
        self.unfinished_menu.aboutToShow.connect(self._fill_unfinished)
        file_menu.addSeparator()
        self.action_save = self._action(file_menu, "", self.save, QKeySequence.StandardKey.Save,
                                        "action_save")
        self.action_save_as = self._action(file_menu, "", self.save_as,
                                           QKeySequence.StandardKey.SaveAs, "action_save_as")
        file_menu.addSeparator()
        self.action_quit = self._action(file_menu, "", self.close,
                                        QKeySequence.StandardKey.Quit, "action_quit")
        self.tools_menu = tools = bar.addMenu("")
        tools.setObjectName("menu_tools")
        self.action_verify = self._action(tools, "", self.verify_pdf, None, "action_verify")
        self.action_plans = self._action(tools, "", self.show_plans, None, "action_plans")
        self.view_menu = view = bar.addMenu("")
        view.setObjectName("menu_view")
        self.larger_font = self._action(view, "", self.set_larger_font, "Ctrl++",
                                        "action_larger_font")
        self.larger_font.setCheckable(True)
        self.language_menu = view.addMenu("")
        self.language_menu.setObjectName("menu_language")
        # One checked at a time, kept by retranslate_menus (a QActionGroup, and a changeEvent
        # override here, would each build Qt enums before the first page: some 6 ms).
        self.language_actions: dict[str, QAction] = {}
        for lang in i18n.LANGUAGES:
            # Each language named in itself, never translated: someone who reads only one of
            # them finds it whatever the wizard shows now.
            action = self.language_menu.addAction(i18n.LANGUAGE_NAMES[lang])
            action.setObjectName(f"action_language_{lang}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, lang=lang: self.set_language(lang))
            self.language_actions[lang] = action
        self._fill_recent()

    def retranslate_menus(self) -> None:
        from .mnemonics import window_texts

        texts = window_texts()
        self.file_menu.setTitle(texts["file"])
        self.tools_menu.setTitle(texts["tools"])
        self.view_menu.setTitle(texts["view"])
        for action, text in (
                (self.action_new, translate("MainWindow", "&New case")),
                (self.action_open, translate("MainWindow", "&Open case...")),
                (self.action_open_pdf, translate("MainWindow", "Open &plan (PDF)...")),
                (self.action_save, translate("MainWindow", "&Save")),
                (self.action_save_as, translate("MainWindow", "Save &as...")),
                (self.action_quit, translate("MainWindow", "&Quit")),
                (self.action_verify, translate("MainWindow", "&Verify PDF...")),
                (self.action_plans, translate("MainWindow", "&Plans...")),
                (self.larger_font, translate("MainWindow", "&Larger font"))):
            action.setText(text)
        self.recent_menu.setTitle(translate("MainWindow", "&Recent files"))
        self.unfinished_menu.setTitle(translate("MainWindow", "&Unfinished cases"))
        self.language_menu.setTitle(translate("MainWindow", "Lan&guage"))
        for lang, action in self.language_actions.items():
            action.setChecked(lang == i18n.current())

    # -- language -------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """View > Language: the whole window in ``lang`` at once (no restart), the plan made
        again in it by the core, and the choice kept for the next start."""
        if lang not in i18n.LANGUAGES:
            return
        settings.put(settings.LANGUAGE, lang)
        if lang == i18n.current() and lang == self._shown_language:
            self.retranslate_menus()  # the same language chosen again: still the one ticked
            return
        i18n.install(lang)  # Qt also sends LanguageChange; retranslate runs once per language
        self.state.set_language(lang)
        self.retranslate()

    def _follow_language(self) -> None:
        """A language installed while this window was hidden (another window's choice)."""
        if self._shown_language != i18n.current():
            self.state.set_language(i18n.current())
            self.retranslate()

    def retranslate(self) -> None:
        """Every word of the window in the wizard's language: menus, wizard buttons and pages
        (with their Alt+letters chosen again), the alert strip, the plan panel, the title and
        the review banner."""
        self._shown_language = i18n.current()
        self.wizard.setAccessibleName(translate("MainWindow", "Case wizard"))
        self.retranslate_menus()
        self.wizard.retranslate()
        self.alert_strip.retranslate()
        self.panel.retranslate()
        self._update_title()
        self._show_review_banner()

    def _show_review_banner(self) -> None:
        """While the core says this language's clinical content awaits a clinician's review:
        the banner, in the language and in English (the way back to the English original)."""
        lang = i18n.current()
        pending = self.state.loaded and i18n.review_pending(lang)
        if pending:
            if not self.translation_banner.styleSheet():  # not at start-up: a few ms each
                self.translation_banner.setStyleSheet(BANNER_STYLE)
            text = translate("MainWindow", "Translation pending clinical review — "
                             "English original: View > Language > English")
            self.translation_banner.setText(f"<b>{text}</b><br>{i18n.PENDING_ENGLISH}")
            self.translation_banner.setAccessibleName(f"{text}. {i18n.PENDING_ENGLISH}")
        self.translation_banner.setVisible(pending)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = settings.get(settings.RECENT_FILES)
        for i, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{i} {path}")
            action.triggered.connect(lambda _=False, p=path: self.open_case(Path(p)))
        self.recent_menu.setEnabled(bool(files))

    # -- settings -------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = settings.get(settings.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(*self._default_size())
        self.fit_to_screen()
        splitter = settings.get(settings.SPLITTER_STATE)
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            wizard_width = self.width() * 60 // 100
            self.splitter.setSizes([wizard_width, self.width() - wizard_width])
        larger = settings.get(settings.LARGER_FONT)
        self.larger_font.setChecked(larger)
        if larger:
            self.set_larger_font(True)

    def _default_size(self) -> tuple[int, int]:
        """The screen's whole free area up to DEFAULT_SIZE, and its whole width on a ward
        screen not much wider (1366x768: every pixel counts)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return DEFAULT_SIZE
        free = screen.availableGeometry()
        width = free.width() if free.width() <= DEFAULT_SIZE[0] * 1.15 else DEFAULT_SIZE[0]
        return min(width, free.width()), min(DEFAULT_SIZE[1], free.height())

    def fit_to_screen(self, available=None) -> None:
        """Keep the whole window (its frame too, once shown) on the screen's free area.

        A geometry remembered on a bigger screen, or the default size on a small one, would
        put Back and Next out of reach; the pages scroll instead.
        """
        if available is None:
            screen = self.screen() or QApplication.primaryScreen()
            if screen is None:
                return
            available = screen.availableGeometry()
        if self.isMaximized() or self.isFullScreen():
            return
        frame, inner = self.frameGeometry(), self.geometry()
        extra_w = frame.width() - inner.width()
        extra_h = frame.height() - inner.height()
        width = max(min(self.width(), available.width() - extra_w), self.minimumWidth())
        height = max(min(self.height(), available.height() - extra_h), self.minimumHeight())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.x(), available.x()), available.right() + 1 - frame.width())
        y = min(max(frame.y(), available.y()), available.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        # What a showEvent override would do, without one: PySide would wrap the QShowEvent
        # and so build QEvent's enum classes (its Type has ~180 members, about 2 ms) before the
        # first page is on screen. show() ends here, once the window is shown.
        super().setVisible(visible)
        if not visible:
            return
        self._follow_language()
        if not self._fitted_once:  # now the window manager's frame is known
            self._fitted_once = True
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self.fit_to_screen)

    def set_larger_font(self, on: bool) -> None:
        """At once, everywhere: every page, the panel, the banners, and every dialog (they
        take the application's font), and kept for the next start."""
        apply_larger_font(bool(on))
        if self.larger_font.isChecked() != bool(on):
            self.larger_font.setChecked(bool(on))
        settings.put(settings.LARGER_FONT, bool(on))

    def _save_settings(self) -> None:
        settings.put(settings.WINDOW_GEOMETRY, self.saveGeometry())
        settings.put(settings.SPLITTER_STATE, self.splitter.saveState())

    # -- messages (tests patch QMessageBox) -----------------------------------------------
    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, title, text)

    def _update_title(self) -> None:
        name = self.state.path.name if self.state.path else translate("MainWindow", "new case")
        self.setWindowTitle(f"LeptoDesk - {name}{' *' if self.state.dirty else ''}")

    # -- files ----------------------------------------------------------------------------
    def maybe_keep_changes(self) -> bool:
        """True when it is fine to drop the current case (saved, discarded or unchanged)."""
        if not self.state.dirty:
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, translate("MainWindow", "Unsaved changes"),
            translate("MainWindow", "The case has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_draft()
            return True
        return False

    def discard_draft(self) -> None:
        """Discard means discard: the autosaved draft of this case goes too."""
        if self._autosaver is not None:
            self._autosaver.discard()
        settings.put(settings.OPEN_DRAFT, "")

    # -- autosave (ui.autosave, from the store issue; the store opens on the first save) --
    def _autosave(self) -> None:
        if not self.state.dirty or not self.state.loaded:  # never an empty case
            return
        if self._autosaver is None:
            from ui.autosave import Autosaver, case_snapshot

            self._make_autosaver(Autosaver, case_snapshot)
        self._autosaver.schedule()

    def _make_autosaver(self, autosaver_class, case_snapshot) -> None:
        self._autosaver = autosaver_class(lambda: case_snapshot(self.state), self)
        # Until a clean quit, the next start knows which case was open (see offer_resume).
        self._autosaver.saved.connect(lambda draft_id: settings.put(settings.OPEN_DRAFT,
                                                                      draft_id))
        self._autosaver.failed.connect(
            lambda text: self.statusBar().showMessage(
                translate("MainWindow", "Autosave failed: {reason}").format(reason=text)))

    def _signed(self) -> None:
        if self._autosaver is not None and self.wizard.page_of(PageId.SIGN).isComplete():
            self._autosaver.finish()
            settings.put(settings.OPEN_DRAFT, "")

    def offer_resume(self) -> None:
        """At start, only after LeptoDesk closed without quitting: offer the case that was
        open then. Other unfinished cases stay under File > Unfinished cases (a ward PC is
        shared: earlier patients' names are not shown unasked)."""
        draft_id = settings.get(settings.OPEN_DRAFT)
        if not draft_id:
            return
        settings.put(settings.OPEN_DRAFT, "")  # offered once
        try:
            from ui.autosave import ask_resume_after_crash, draft_info
        except (ImportError, AttributeError):
            return
        self.ensure_core_loaded()
        draft = draft_info(draft_id)
        if draft is not None and ask_resume_after_crash(self, draft):
            self.resume_draft(draft_id)

    def choose_unfinished(self) -> None:
        """File > Unfinished cases > Choose...: the list, with Discard."""
        try:
            from ui.autosave import offer_resume
        except (ImportError, AttributeError):
            return
        self.ensure_core_loaded()
        if not self.maybe_keep_changes():
            return
        draft_id = offer_resume(self)
        if draft_id is not None:
            self.resume_draft(draft_id)

    def _fill_unfinished(self) -> None:
        """Filled when the menu opens (newest first), never shown otherwise."""
        menu = self.unfinished_menu
        menu.clear()
        drafts = []
        try:
            from leptodesk.service import get_service

            current = self._autosaver.draft_id if self._autosaver is not None else None
            drafts = [d for d in get_service().drafts.list() if d.id != current]
        except (ImportError, OSError) as exc:  # StoreError: the store cannot be read
            menu.addAction(translate("MainWindow", "Saved cases cannot be read: {reason}")
                           .format(reason=i18n.core_message(exc))).setEnabled(False)
            return
        from ui.autosave import _local_time

        for i, d in enumerate(drafts[:MAX_UNFINISHED_IN_MENU], 1):
            name = (d.display_name or translate("MainWindow", "No name entered")).replace(
                "&", "&&")
            action = menu.addAction(f"&{i % 10} " + translate(
                "MainWindow", "{name} - last saved {when}").format(
                    name=name, when=_local_time(d.updated_at)))
            action.triggered.connect(lambda _=False, i=d.id: self._resume_chosen(i))
        if not drafts:
            menu.addAction(translate("MainWindow", "No unfinished cases")).setEnabled(False)
        menu.addSeparator()
        self._action(menu, translate("MainWindow", "&Choose or discard..."),
                     self.choose_unfinished, None, "action_unfinished_choose")

    def _resume_chosen(self, draft_id: str) -> None:
        self.ensure_core_loaded()
        if self.maybe_keep_changes():
            self.resume_draft(draft_id)

    def resume_draft(self, draft_id: str) -> None:
        try:
            from ui.autosave import Autosaver, case_snapshot
        except (ImportError, AttributeError):
            return
        if self._autosaver is None:
            self._make_autosaver(Autosaver, case_snapshot)
        try:
            text = self._autosaver.resume(draft_id)
        except KeyError:  # discarded or finished meanwhile
            self.inform(translate("MainWindow", "The draft cannot be resumed"),
                        translate("MainWindow", "The draft cannot be resumed: it is no longer "
                                  "among the saved drafts."))
            return
        except OSError as exc:  # StoreError: the store cannot be read
            self.inform(translate("MainWindow", "The draft cannot be resumed"),
                        translate("MainWindow", "The draft cannot be resumed: {reason}")
                        .format(reason=i18n.os_message(exc)))
            return
        from leptodesk.casefile import load_case_text
        from leptodesk.errors import InvalidInput

        try:
            case = load_case_text(text, translate("MainWindow", "autosaved draft"))
        except InvalidInput as exc:
            self.inform(translate("MainWindow", "The draft cannot be resumed"),
                        exc.describe_in(i18n.current()))
            return
        self.state.replace(case, None)
        self.state.dirty = True  # a resumed draft has not been saved to a file
        settings.put(settings.OPEN_DRAFT, draft_id)
        self.wizard.restart()
        self._update_title()

    def load_case(self, case: Case, path: Path | None) -> None:
        self.ensure_core_loaded()
        if self._autosaver is not None:
            self._autosaver.start_new()
        self.state.replace(case, path)
        self.wizard.restart()
        self._update_title()

    def finish_case(self) -> None:
        """Finish (after signing): close the case, its draft finished, and start a new one."""
        if not self.state.signed_current:
            return  # Finish is offered only on a signed, unchanged case
        if self._autosaver is not None:
            self._autosaver.finish()
        from leptodesk.models import Case

        self.load_case(Case(schema_version=2), None)
        self.statusBar().showMessage(
            translate("MainWindow", "The signed case is closed; a new case is open."))

    def new_case(self) -> None:
        self.ensure_core_loaded()  # so that what was typed meanwhile counts as a change
        if self.maybe_keep_changes():
            from leptodesk.models import Case

            self.load_case(Case(schema_version=2), None)

    def open_case_dialog(self) -> None:
        self.ensure_core_loaded()
        if not self.maybe_keep_changes():
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Open case"),
                                              settings.get(settings.LAST_FOLDER), case_filter())
        if path:
            self.open_case(Path(path), ask=False)

    def open_case(self, path: Path, ask: bool = True) -> bool:
        self.ensure_core_loaded()
        if ask and not self.maybe_keep_changes():
            return False
        from leptodesk.casefile import load_case_file
        from leptodesk.errors import InvalidInput

        try:
            case = load_case_file(path)
        except InvalidInput as exc:
            self.inform(translate("MainWindow", "Not a valid case file"),
                        exc.describe_in(i18n.current()))
            return False
        except (OSError, UnicodeDecodeError) as exc:
            from leptodesk.i18n import colon

            self.inform(translate("MainWindow", "Cannot open the case file"),
                        f"{path}{colon(i18n.current())} {i18n.os_message(exc)}")
            return False
        self.load_case(case, path)
        self._remember(path)
        return True

    def open_plan_pdf(self) -> None:
        """Open a signed plan: it is verified first, and the case comes only from its signed
        revision; a PDF that fails is refused with the verdict and nothing of it is loaded."""
        self.ensure_core_loaded()
        if not self.maybe_keep_changes():
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open plan (PDF)"), settings.get(settings.LAST_FOLDER),
            translate("MainWindow", "Signed plan (*.pdf)"))
        if path:
            self.open_plan(Path(path))

    def open_plan(self, path: Path) -> bool:
        from leptodesk.i18n import colon
        from leptodesk.service import Refused, get_service

        try:
            opened = get_service().open_signed(path)
        except Refused as exc:
            details = ("\n".join(exc.verdict.lines(i18n.current()))
                       if exc.verdict is not None else "")
            self.inform(translate("MainWindow", "Plan refused"),
                        f"{path}{colon(i18n.current())}\n{i18n.core_message(exc)}\n\n"
                        f"{details}".rstrip())
            return False
        except OSError as exc:
            self.inform(translate("MainWindow", "Cannot open the plan"),
                        f"{path}{colon(i18n.current())} {i18n.os_message(exc)}")
            return False
        self.load_case(opened.case, None)  # a case from a signed PDF is saved as a new file
        self.state.mark_signed(_signed_record(opened, path))  # not signed twice
        self.statusBar().showMessage(
            translate("MainWindow", "Opened the signed case of export {export_id}: {verdict}")
            .format(export_id=opened.verdict.export_id,
                    verdict=i18n.verdict_headline(opened.verdict)))
        return True

    def save(self) -> bool:
        self.ensure_core_loaded()
        if self.state.path is None:
            return self.save_as()
        return self._write(self.state.path)

    def save_as(self) -> bool:
        self.ensure_core_loaded()
        start = str(self.state.path or Path(settings.get(settings.LAST_FOLDER) or ".")
                    / "case.json")
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Save case"), start,
                                              case_filter())
        if not path:
            return False
        return self._write(Path(path))

    def _write(self, path: Path) -> bool:
        from leptodesk.casefile import save_case_file

        try:
            save_case_file(self.state.case, path)
        except OSError as exc:
            self.inform(translate("MainWindow", "Not saved"), f"{path}: {i18n.os_message(exc)}")
            return False
        self.state.path = path
        self.state.dirty = False
        self._remember(path)
        self._update_title()
        return True

    def _remember(self, path: Path) -> None:
        settings.add_recent_file(str(path))
        settings.put(settings.LAST_FOLDER, str(path.parent))
        self._fill_recent()

    # -- tools (other issues' windows, imported on first use) -----------------------------
    def verify_pdf(self) -> None:
        from ui.verify_dialog import VerifyDialog

        VerifyDialog(self).exec()

    def show_plans(self) -> None:
        from ui.plans_window import PlansWindow

        self._plans = PlansWindow(self)
        self._plans.show()

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._core_ready and any(
                b.has_entry() for b in self.wizard.page_of(PageId.PATIENT).bindings.values()):
            self.ensure_core_loaded()  # typed before the core loaded: it counts as a change
        if not self.maybe_keep_changes():
            event.ignore()
            return
        self._save_settings()
        if self._autosaver is not None:
            self._autosaver.close()
        settings.put(settings.OPEN_DRAFT, "")  # a clean quit: nothing to offer next time
        event.accept()


def _signed_record(opened, path: Path):
    """The signed state of a case opened from a signed plan that passed verification."""
    from leptodesk.export import ExportResult

    v = opened.verdict
    return ExportResult(
        path, None, v.pdf_sha256, v.signer or "", v.signing_time, opened.plan,
        v.signer_role or "", v.signer_registration or "", opened.case.patient.display_name,
        v.export_id or "", v.archive.archive_id if v.archive is not None else None, "",
        v.audit_seq, v.audit_hash, False)
