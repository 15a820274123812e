"""Unfinished cases in the main window: the autosave of the case being entered, the offer to
resume the case that was open when LeptoDesk last closed without quitting, and File >
Unfinished cases. The drafts are kept by the core's service (``service.drafts``, through
``ui.autosave``), which opens the store on the first save, not at start-up.

A mixin of :class:`ui.main_window.MainWindow`, which owns the case state and the wizard, and
opens a chosen draft (``resume_draft``: reading a case is the window's, as opening a file is).
"""

from __future__ import annotations

from . import i18n, settings
from .i18n import translate
from .pages import PageId

MAX_UNFINISHED_IN_MENU = 15


class WindowDrafts:
    """Autosave and the unfinished cases of the main window."""

    def discard_draft(self) -> None:
        """Discard means discard: the autosaved draft of this case goes too."""
        if self._autosaver is not None:
            self._autosaver.discard()
        settings.put(settings.OPEN_DRAFT, "")

    # -- autosave (ui.autosave; the store opens on the first save) ------------------------
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
