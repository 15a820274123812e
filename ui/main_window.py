"""The main window: the case wizard beside the live plan, under the menus (``ui.menus``), with
autosave and the unfinished cases (``ui.window_drafts``).

Start-up shows the first page before the core loads: the window, the menus, the Patient page
(labels from ``leptodesk.fields``) and a plan panel saying "Loading the guideline..." need no
pydantic, models or rules. :meth:`MainWindow.ensure_core_loaded` then imports the core, declares
the other pages, enters what was typed on the first page and shows the first plan; ``ui.app``
runs it in the event-loop turn after the first page is shown, and anything that needs the case
before then (an entry, File > Open, closing with something typed) runs it on demand. A page is
built when it is first needed (Next, or asked for by name) or in idle time after the first
plan (:meth:`MainWindow.build_pages_when_idle`): the first plan does not wait for ten pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from . import i18n, settings
from .alert_strip import AlertStrip
from .case_state import CaseState
from .focus import ring_focused_buttons
from .i18n import translate
from .menus import WindowMenus
from .pages import PageId
from .plan_panel import PlanPanel
from .widgets import style_roles_in
from .window_drafts import WindowDrafts
from .wizard import CaseWizard
from .wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from leptodesk.models import Case

# Nothing here touches the Qt namespace (PySide6.QtCore.Qt) before the first page is shown:
# its first use builds ~100 Python enums (about 15 ms, more than the whole window).

DEFAULT_SIZE = (1280, 800)  # made smaller to fit a smaller screen (fit_to_screen)

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
        # polish it again. The main window passes it on to its widgets (given to it, as
        # when it carried the style sheet for them all).
        if widget.styleSheet():
            widget.setFont(font)
            widget.setStyleSheet(widget.styleSheet())
        elif isinstance(widget, MainWindow):
            widget.setFont(font)




class MainWindow(WindowDrafts, WindowMenus, QMainWindow):
    """``load_core_now=False`` (the app): show the first page first, then call
    :meth:`ensure_core_loaded`. Tests and tools use the default and get a loaded window."""

    core_ready = Signal()  # the core is loaded and the first plan shown (pages come when needed)

    def __init__(self, *, load_core_now: bool = True) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self._core_ready = False
        self._loading_core = False
        # The app styles the roles after the first plan (ui.app); tests and tools at once.
        self._style_after_first_plan = not load_core_now
        self._roles_styled = False
        self.site_error: str | None = None
        self._fitted_once = False
        self._geometry_remembered = self._centre_when_shown = False
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
        self.wizard.take_child_margins()  # a child's now, as every later page has them
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        # The review page shows the whole plan beside its inputs: the panel would repeat it.
        self.wizard.review_shown.connect(self._review_shown)
        self._panel_size: QSize | None = None  # the panel's size when the review page hid it
        self.wizard.panel_width_gain = self._panel_width_gain
        self.alert_strip = AlertStrip(self.state)
        self.alert_strip.new_stop.connect(self.panel.show_alerts)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        # While the wizard's language awaits clinical review, say so above everything.
        self.translation_banner = WrappedLabel()
        self.translation_banner.setObjectName("translation_banner")
        self.translation_banner.hide()
        column.addWidget(self.translation_banner)
        column.addWidget(self.alert_strip)  # above both: it never scrolls away
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        # From the start, not on the first message: autosave problems are reported there, and
        # the window's size on screen must include it.
        self.statusBar().setObjectName("status_bar")
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
        """Load the core, declare the other pages, enter what was typed, show the first plan;
        the other pages are built when first needed or in idle time after it."""
        if self._core_ready or self._loading_core:
            return
        self._loading_core = True
        try:
            if not self._site_values_usable():
                return
            self.state.load_core()
            if not self._style_after_first_plan:
                self.style_roles()
            self.wizard.page_built.connect(self._page_built)
            self.wizard.build_remaining_pages()
            self.wizard.page_of(PageId.PATIENT).bind()
            self.panel.refresh()
            self.alert_strip.refresh()
            self._show_review_banner()  # the core says whether the language awaits review
        finally:
            self._loading_core = False
        self._core_ready = True
        self.core_ready.emit()

    def style_roles(self) -> None:
        """The roles' look (messages, hints, STOP banners, verdicts: each such label carries
        ``widgets.ROLE_STYLE``, and so does each page built later) and the focus ring (each
        button as it takes the focus, in every window: ``focus.ring_focused_buttons``), not a
        window-wide style sheet. Once the core is there, and in the app after the first plan:
        until then the window shows only the first page and the plan."""
        if self._roles_styled:
            return
        self._roles_styled = True
        ring_focused_buttons()
        style_roles_in(self)
        if self.larger_font.isChecked():  # the style sheets just set keep the old size
            apply_larger_font(True)
            self.alert_strip.fit_height()

    def _review_shown(self, on: bool) -> None:
        """The panel goes while the review page is shown. The wizard takes its new width at
        once (the splitter would do it in the next event-loop turn): the page about to be
        shown is then laid out once, at the width it keeps."""
        if self.panel.isHidden() != on:
            if on:
                self._panel_size = self.panel.size()
            elif self._panel_size is not None:
                # While hidden the splitter shrank it to nothing: shown at that size, its whole
                # plan would be laid out again at width 0, then once more at its own width.
                self.panel.resize(self._panel_size)
            self.panel.setVisible(not on)
            self.splitter.refresh()

    def build_pages_when_idle(self) -> None:
        """After the first plan: the plan panel's frames (``PlanPanel.settle``), then the
        pages not built yet, one step per turn of the event loop (a page's module imported,
        the page built, or laid out at the size it will be shown at: ``CaseWizard.idle_step``),
        so that typing never waits long and Next rarely builds a page or lays one out."""
        from PySide6.QtCore import QTimer

        if self.panel.settle() or self.wizard.idle_step() is not None:
            QTimer.singleShot(0, self, self.build_pages_when_idle)

    def idle_work_left(self) -> bool:
        """What ``build_pages_when_idle`` has still to do."""
        return self.panel.settling() or self.wizard.idle_work_left()

    def _panel_width_gain(self) -> int:
        """What the plan panel and the splitter's handle take beside a page: the review page
        (shown without the panel) is that much wider than the pages shown beside it. While
        the review hides it, the width it comes back at."""
        if not self.panel.isHidden():
            return self.panel.width() + self.splitter.handleWidth()
        if self._panel_size is not None:
            return self._panel_size.width() + self.splitter.handleWidth()
        return 0

    def _page_built(self, page_id: int) -> None:
        if self._roles_styled:  # else style_roles gives it its roles' look with the window's
            style_roles_in(self.wizard.page_of(page_id))
        if page_id == PageId.SIGN:
            self.wizard.page_of(PageId.SIGN).completeChanged.connect(self._signed)
        elif page_id == PageId.REVIEW:
            self.panel.reader_changed.connect(
                self.wizard.page_of(PageId.REVIEW).follow_screen_reader)

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

    # -- settings -------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = settings.get(settings.WINDOW_GEOMETRY)
        self._geometry_remembered = not geometry.isEmpty() and self.restoreGeometry(geometry)
        if not self._geometry_remembered:
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
        """Keep the whole window, frame included, inside the screen's free area (and centre
        it there the first time when no geometry was remembered): ui.placement."""
        from .placement import fit_to_screen

        centre, self._centre_when_shown = self._centre_when_shown, False
        fit_to_screen(self, available, centre=centre)

    def show_on_screen(self) -> None:
        """Show the window as the app opens it: maximised on a ward screen up to 1366x768,
        else at its size centred in the screen's free area (ui.placement)."""
        from .placement import show_on_screen

        self._centre_when_shown = not self._geometry_remembered
        show_on_screen(self, centre=self._centre_when_shown)

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
        self.alert_strip.fit_height()  # its one height, for the new font
        if self.larger_font.isChecked() != bool(on):
            self.larger_font.setChecked(bool(on))
        settings.put(settings.LARGER_FONT, bool(on))

    def _save_settings(self, *more: tuple[settings.Setting, object]) -> None:
        settings.put_many(((settings.WINDOW_GEOMETRY, self.saveGeometry()),
                           (settings.SPLITTER_STATE, self.splitter.saveState()), *more))

    # -- messages (tests patch QMessageBox) -----------------------------------------------
    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, title, text)

    def _update_title(self) -> None:
        name = self.state.path.name if self.state.path else translate("MainWindow", "new case")
        self.setWindowTitle(f"LeptoDesk - {name}{' *' if self.state.dirty else ''}")

    # -- files ----------------------------------------------------------------------------
    def maybe_keep_changes(self) -> bool:
        """True when it is fine to drop the current case (saved, discarded or unchanged). A
        case signed and unchanged since is kept in its signed PDF (and the archive): nothing
        to ask."""
        if not self.state.dirty or self.state.signed_current:
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
        from leptodesk.errors import InvalidInput
        from leptodesk.service import get_service

        try:
            case = get_service().cases.load_text(text, translate("MainWindow", "autosaved draft"))
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

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._core_ready and any(
                b.has_entry() for b in self.wizard.page_of(PageId.PATIENT).bindings.values()):
            self.ensure_core_loaded()  # typed before the core loaded: it counts as a change
        if not self.maybe_keep_changes():
            event.ignore()
            return
        if self._autosaver is not None:
            self._autosaver.close()
        # With the window's place, in one write: a clean quit, nothing to offer next time.
        self._save_settings((settings.OPEN_DRAFT, ""))
        event.accept()


