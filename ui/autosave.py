"""Autosave of the case being edited, and the offer to resume unfinished drafts at start.

The wizard connects its "case changed" signal to :meth:`Autosaver.schedule`; after a quiet
interval (debounce), and never later than :data:`MAX_WAIT_MS` after the first unsaved edit
however fast the typing, the current case is written to the local store as a draft, one
transaction per save, through the core service (``service.drafts``). The store is opened on
the first save, not at start.

A failed save (disk full, read-only folder) never raises into Qt: it is reported through
``failed`` with a message for the clinician, the change stays pending and the next change or
:meth:`flush` retries it. What was saved before stays in the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .i18n import translate

if TYPE_CHECKING:
    from leptodesk.service import DraftInfo, Service

    from .case_state import CaseState

log = logging.getLogger(__name__)

DEBOUNCE_MS = 800
MAX_WAIT_MS = 2000  # a save at most this long after the first unsaved edit (DESIGN)

Snapshot = Callable[[], "tuple[str, str | None] | None"]


def case_snapshot(state: CaseState) -> tuple[str, str | None] | None:
    """The case JSON and display name to autosave; None while nothing has been entered."""
    from leptodesk.models import Case

    case = state.case
    if case == Case(schema_version=2):
        return None
    return case.to_file_json(), case.patient.display_name


class Autosaver(QObject):
    """Debounced autosave of one draft at a time.

    ``snapshot()`` returns ``(case_json, display_name)`` or None (nothing to save yet).
    """

    saved = Signal(str)  # draft id
    failed = Signal(str)  # a message for the clinician (StoreError text)

    def __init__(self, snapshot: Snapshot, parent: QObject | None = None, *,
                 delay_ms: int = DEBOUNCE_MS, max_wait_ms: int = MAX_WAIT_MS,
                 service: Service | None = None) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._service = service
        self._draft_id: str | None = None
        self._last_saved: str | None = None
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setObjectName("autosave_timer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        # Started by the first unsaved edit and not restarted by later ones.
        self._deadline = QTimer(self)
        self._deadline.setObjectName("autosave_deadline")
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max_wait_ms)
        self._deadline.timeout.connect(self.flush)

    # -- state ----------------------------------------------------------------------------
    @property
    def draft_id(self) -> str | None:
        return self._draft_id

    @property
    def pending(self) -> bool:
        return self._pending

    @property
    def drafts(self):
        """The core service's drafts (``service.drafts``)."""
        if self._service is None:
            from leptodesk.service import get_service

            self._service = get_service()
        return self._service.drafts

    # -- saving ---------------------------------------------------------------------------
    def schedule(self, *_: Any) -> None:
        """A change happened: save after ``delay_ms`` of quiet (each call restarts the wait),
        and at the latest ``max_wait_ms`` after the first unsaved change."""
        self._pending = True
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> bool:
        """Save now if a change is pending. True when everything is saved."""
        self._timer.stop()
        self._deadline.stop()
        if not self._pending:
            return True
        try:
            snap = self._snapshot()
        except Exception:  # noqa: BLE001 - never lose the app to an autosave
            log.exception("autosave: could not take a snapshot of the case")
            return False
        if snap is None:
            self._pending = False
            return True
        case_json, display_name = snap
        if case_json == self._last_saved:
            self._pending = False
            return True
        try:
            new = self._draft_id is None
            self._draft_id = self.drafts.save(self._draft_id, case_json, display_name)
        except (OSError, ValueError) as exc:  # StoreError: disk full, read-only, damaged
            log.warning("autosave failed: %s", type(exc).__name__)
            self.failed.emit(i18n.core_message(exc))
            return False
        self._last_saved = case_json
        self._pending = False
        if new:
            self._record_created(case_json)
        self.saved.emit(self._draft_id)
        return True

    def _record_created(self, case_json: str) -> None:
        try:
            self.drafts.record_created(self._draft_id, case_json)
        except Exception as exc:  # noqa: BLE001 - the draft is saved; the audit row is extra
            log.warning("audit: case_created not recorded: %s", type(exc).__name__)

    # -- switching drafts ------------------------------------------------------------------
    def start_new(self) -> None:
        """Save what is pending for the current draft, then start a new one on the next save."""
        self.flush()
        self._draft_id = None
        self._last_saved = None
        self._pending = False

    def resume(self, draft_id: str) -> str:
        """Continue an existing draft; returns its case JSON (load it into the wizard)."""
        self.flush()
        text = self.drafts.load(draft_id)
        self._draft_id = draft_id
        self._last_saved = text
        self._pending = False
        return text

    def finish(self) -> None:
        """The case is done (signed): save the last change and drop it from the resume list."""
        self.flush()
        if self._draft_id is not None:
            try:
                self.drafts.finish(self._draft_id)
            except OSError as exc:  # StoreError
                self.failed.emit(i18n.core_message(exc))
                return
        self._draft_id = None
        self._last_saved = None

    def discard(self) -> None:
        """The clinician discarded the case: delete its draft (what was typed is not kept)."""
        self._timer.stop()
        self._deadline.stop()
        self._pending = False
        if self._draft_id is not None:
            try:
                self.drafts.discard(self._draft_id)
            except OSError as exc:  # StoreError
                self.failed.emit(i18n.core_message(exc))
                return
        self._draft_id = None
        self._last_saved = None

    def close(self) -> None:
        """Flush (on quit); the service keeps the process's one connection to the store."""
        self.flush()


# ---------------------------------------------------------------------------------------------
# Resume at start


class ResumeDialog(QDialog):
    """Lists unfinished drafts; Resume returns the chosen one, Start new returns none."""

    def __init__(self, drafts: list[DraftInfo], service: Service,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resume_dialog")
        self.setWindowTitle(translate("ResumeDialog", "Resume an unfinished case"))
        self._service = service
        layout = QVBoxLayout(self)
        label = QLabel(translate("ResumeDialog", "These cases were not finished. They were "
                                 "saved automatically. Choose one to continue, or start a new "
                                 "case (they stay saved)."))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setObjectName("resume_list")
        self.list.setAccessibleName(translate("ResumeDialog", "Unfinished cases"))
        label.setBuddy(self.list)
        for d in drafts:
            name = d.display_name or translate("ResumeDialog", "No name entered")
            item = QListWidgetItem(translate("ResumeDialog", "{name}  -  last saved {when}")
                                   .format(name=name, when=_local_time(d.updated_at)))
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.resume_button = buttons.addButton(translate("ResumeDialog", "&Resume"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.resume_button.setObjectName("resume_button")
        self.new_button = buttons.addButton(translate("ResumeDialog", "Start &new case"),
                                            QDialogButtonBox.ButtonRole.RejectRole)
        self.new_button.setObjectName("resume_new_button")
        self.discard_button = QPushButton(translate("ResumeDialog", "&Discard selected..."))
        self.discard_button.setObjectName("resume_discard_button")
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.discard_button.clicked.connect(self.discard_selected)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resume_button.setDefault(True)
        from .mnemonics import assign, targets

        assign(targets(self))  # the letters of this language's words, none twice
        self.list.setFocus()

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def confirm_discard(self, text: str) -> bool:  # tests patch this
        answer = QMessageBox.question(
            self, translate("ResumeDialog", "Discard the draft?"),
            translate("ResumeDialog", "Discard the unfinished case '{name}'? What was entered "
                      "in it will be deleted.").format(name=text),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def discard_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or not self.confirm_discard(item.text()):
            return
        try:
            self._service.drafts.discard(item.data(Qt.ItemDataRole.UserRole))
        except OSError as exc:  # StoreError
            QMessageBox.warning(self, translate("ResumeDialog", "Not discarded"),
                                i18n.core_message(exc))
            return
        self.list.takeItem(self.list.row(item))
        if self.list.count() == 0:
            self.reject()


def _local_time(iso_utc: str) -> str:
    """"24 Nov 2026 08:30" in local time, the month's name in the wizard's language."""
    from datetime import datetime

    from PySide6.QtCore import QDateTime

    try:
        when = datetime.fromisoformat(iso_utc.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso_utc
    stamp = QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
    return i18n.locale().toString(stamp, "d MMM yyyy HH:mm")


def draft_info(draft_id: str, service: Service | None = None) -> DraftInfo | None:
    """The unfinished draft with this id, or None (finished, discarded, store unreadable)."""
    from leptodesk.service import get_service

    try:
        return (service or get_service()).drafts.info(draft_id)
    except OSError:  # StoreError
        return None


def ask_resume_after_crash(parent: QWidget | None, draft: DraftInfo) -> bool:
    """After LeptoDesk closed without quitting (a crash, a kill, a power cut): offer the case
    that was open then, and only that one. Tests patch this."""
    name = draft.display_name or translate("ResumeDialog", "a case with no name entered")
    answer = QMessageBox.question(
        parent, translate("ResumeDialog", "Resume the case that was open?"),
        translate("ResumeDialog", "LeptoDesk did not close properly last time. The case being "
                  "entered then was saved automatically: {name}, last saved {when}.\n\n"
                  "Resume it now? (It also stays under File > Unfinished cases.)").format(
                      name=name, when=_local_time(draft.updated_at)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def offer_resume(parent: QWidget | None = None, service: Service | None = None) -> str | None:
    """File > Unfinished cases > Choose...: which unfinished draft to resume (id or None).

    Shows nothing when there is no draft. A store that cannot be opened is a message, not a
    crash (and None).
    """
    from leptodesk.service import get_service

    service = service or get_service()
    try:
        drafts = service.drafts.list()
        if not drafts:
            return None
        dialog = ResumeDialog(drafts, service, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.selected_id() if accepted else None
        finally:
            dialog.deleteLater()
    except OSError as exc:  # StoreError
        QMessageBox.warning(parent, translate("ResumeDialog", "Saved cases are not available"),
                            i18n.core_message(exc))
        return None
