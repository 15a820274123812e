"""The Plans window: find a signed plan by patient or date, verify it, preview and print the
archived signed nurse summary, save a copy.

Every verdict here is the core service's (``Service.verify_archived``), shown as it is: the
window decides nothing itself. The nurse summary printed is the one signed and archived with
the plan, after it verifies; it is never rendered afresh. Verification runs off the UI thread
(ui.worker); only its callbacks touch widgets.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .i18n import RetranslateWhenShown, translate
from .plans_model import COLUMN_COUNT, PAGE_ROWS, PlansModel
from .verdict_view import VerdictView
from .worker import run_in_background

if TYPE_CHECKING:
    from leptodesk.service import PlanInfo, Service

log = logging.getLogger(__name__)

class PlansWindow(RetranslateWhenShown, QWidget):
    def __init__(self, parent: QWidget | None = None, service: Service | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("plans_window")
        self.resize(960, 520)
        self._service_given = service
        self._checks: dict[int, str] = {}
        self._verdicts: dict[int, Any] = {}  # the last verdict shown for each plan
        self._build()
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        """Every word in the wizard's language; Alt+letters chosen again for the new words."""
        from .mnemonics import assign, targets

        self.setWindowTitle(translate("PlansWindow", "LeptoDesk - signed plans"))
        self.patient_label.setText(translate("PlansWindow", "&Patient:"))
        self.search.setAccessibleName(translate("PlansWindow", "Search by patient"))
        self.search.setPlaceholderText(translate("PlansWindow", "part of the name, bed or MRN"))
        self.date_filter.setText(translate("PlansWindow", "Signed &between"))
        self.date_filter.setAccessibleName(translate("PlansWindow", "Filter by signing date"))
        self.date_from.setAccessibleName(translate("PlansWindow", "Signed from"))
        self.date_to.setAccessibleName(translate("PlansWindow", "Signed until"))
        self.and_label.setText(translate("PlansWindow", "and"))
        self.code_label.setText(translate("PlansWindow", "Check &code:"))
        self.code.setAccessibleName(translate("PlansWindow", "Check code"))
        self.code.setPlaceholderText("XXXX-XXXX")
        self.table.setAccessibleName(translate("PlansWindow", "Signed plans"))
        self.status.setAccessibleName(translate("PlansWindow", "Result"))
        self.status.retranslate()
        for button, text in (
                (self.verify_button, translate("PlansWindow", "&Verify signature")),
                (self.preview_button, translate("PlansWindow", "Previe&w nurse summary")),
                (self.print_button, translate("PlansWindow", "P&rint nurse summary")),
                (self.save_button, translate("PlansWindow", "&Save a copy...")),
                (self.fhir_button, translate("PlansWindow", "Export F&HIR...")),
                (self.refresh_button, translate("PlansWindow", "Re&fresh")),
                (self.find_code_button, translate("PlansWindow", "Find by check code")),
                (self.close_button, translate("PlansWindow", "&Close"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", "").rstrip("."))
        assign(targets(self))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._plans:
            self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(
                len(self._plans) - 1, COLUMN_COUNT - 1))

    @property
    def _plans(self) -> list[PlanInfo]:
        """The plans read so far (a page at a time), in the table's order."""
        return self.model.plans

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.patient_label = label = QLabel()
        self.search = QLineEdit()
        self.search.setObjectName("plans_search")
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        self.search.textChanged.connect(self.refresh)
        filters.addWidget(label)
        filters.addWidget(self.search, 2)
        self.date_filter = QCheckBox()
        self.date_filter.setObjectName("plans_date_filter")
        self.date_from = QDateEdit(QDate.currentDate())
        self.date_to = QDateEdit(QDate.currentDate())
        for edit, name in ((self.date_from, "plans_date_from"),
                           (self.date_to, "plans_date_to")):
            edit.setObjectName(name)
            edit.setDisplayFormat("dd/MM/yyyy")  # day first in every language of the wizard
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self.refresh)
        self.date_filter.toggled.connect(self.date_from.setEnabled)
        self.date_filter.toggled.connect(self.date_to.setEnabled)
        self.date_filter.toggled.connect(self.refresh)
        filters.addWidget(self.date_filter)
        filters.addWidget(self.date_from)
        self.and_label = QLabel()
        filters.addWidget(self.and_label)
        filters.addWidget(self.date_to)
        self.code_label = QLabel()
        self.code = QLineEdit()
        self.code.setObjectName("plans_code")
        self.code.setMaxLength(20)
        self.code_label.setBuddy(self.code)
        self.code.returnPressed.connect(lambda: self.find_code(self.code.text()))
        self.find_code_button = self._button("plans_find_code",
                                             lambda: self.find_code(self.code.text()))
        filters.addWidget(self.code_label)
        filters.addWidget(self.code, 1)
        filters.addWidget(self.find_code_button)
        layout.addLayout(filters)

        self.model = PlansModel(
            self, on_fetch_error=lambda exc: self.status.setText(i18n.core_message(exc)),
            pathway_title=lambda pathway: self.service.plans.pathway_title(
                pathway, i18n.current()))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setObjectName("plans_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        # One line per plan, cut with "..." where a column is narrow (the whole text is the
        # cell's tooltip), rather than wrapped and cut off at the row's fixed height.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: with 20,000 plans the view never measures every row.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.verify_selected())
        layout.addWidget(self.table, 1)

        # The verdict's sentence, then Details (hashes, fingerprints); other messages too.
        self.status = VerdictView("plans_status")
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.verify_button = self._button("plans_verify", self.verify_selected)
        self.preview_button = self._button("plans_preview",
                                           lambda: self.nurse_summary(preview=True))
        self.print_button = self._button("plans_print", lambda: self.nurse_summary(preview=False))
        self.save_button = self._button("plans_save_copy", self.save_copy)
        self.fhir_button = self._button("plans_export_fhir", self.export_fhir)
        self.refresh_button = self._button("plans_refresh", self.send_and_refresh)
        self.close_button = close = self._button("plans_close", self.close)
        for b in (self.verify_button, self.preview_button, self.print_button, self.save_button,
                  self.fhir_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self._update_buttons()
        self.search.setFocus()

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- data -----------------------------------------------------------------------------
    @property
    def service(self) -> Service:
        return self._service_given or _service()

    def send_and_refresh(self, *_: Any) -> None:
        """Refresh: the list now, and what the outbox holds (plans signed here while the ward
        server was down) sent off the UI thread, then the list again if any was sent."""
        self.refresh()
        if self.service.archive.url:
            run_in_background(self.service.sync,
                              lambda report: report and report.sent and self.refresh(),
                              lambda _exc: None)  # still down: the outbox keeps them

    def refresh(self, *_: Any) -> None:
        """The plans that match, newest first: one page now, the next ones as the table is
        scrolled to its end."""
        date_from = date_to = None
        if self.date_filter.isChecked():
            date_from = self.date_from.date().toString("yyyy-MM-dd")
            date_to = self.date_to.date().toString("yyyy-MM-dd")
        patient = self.search.text().strip() or None
        plans = self.service.plans.list

        def page(after: tuple[str, int] | None = None) -> list[PlanInfo]:
            return plans(patient=patient, date_from=date_from, date_to=date_to,
                         limit=PAGE_ROWS, after=after)

        try:
            first = page()
        except OSError as exc:  # StoreError: the archive cannot be read
            first = []
            self.status.setText(i18n.core_message(exc))
        self.model.show(first, self._checks, fetch=page)
        if first:
            self.table.selectRow(0)
        elif not self.status.text():
            self.status.setText(translate("PlansWindow", "No signed plans match."))
        self._update_buttons()

    def find_code(self, code: str) -> None:
        """Find by check code: the plans whose code this is, the archived original selected
        and verified (its verdict shown); a code that cannot be one is refused with why."""
        try:
            found = self.service.plans.find(code)
        except ValueError as exc:  # BadCheckCode: what cannot occur in a code
            self.status.setText(i18n.core_message(exc))
            return
        except OSError as exc:
            self.status.setText(i18n.core_message(exc))
            return
        self.model.show(found, self._checks)
        if not found:
            self.status.setText(translate("PlansWindow", "No signed plan has the check code "
                                          "{code}.").format(code=code.strip()))
            self._update_buttons()
            return
        self.table.selectRow(0)
        self._update_buttons()
        self.verify_selected()

    def selected(self) -> PlanInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self._plans[row] if 0 <= row < len(self._plans) else None

    def cell(self, row: int, column: int) -> str:
        """The text shown in a row and column of the table."""
        return self.model.text(row, column)

    def select_plan(self, plan_id: int) -> None:
        for row, p in enumerate(self._plans):
            if p.id == plan_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for b in (self.verify_button, self.preview_button, self.print_button, self.save_button,
                  self.fhir_button):
            b.setEnabled(has)

    def _set_check(self, plan_id: int, text: str) -> None:
        self._checks[plan_id] = text
        for row, p in enumerate(self._plans):
            if p.id == plan_id:
                self.model.check_changed(row)

    # -- messages (tests patch these) -----------------------------------------------------
    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def ask_save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("PlansWindow", "Save a copy of the signed plan"), suggested,
            translate("PlansWindow", "Signed plan (*.pdf)"))
        return path

    # -- verify ---------------------------------------------------------------------------
    def verify_selected(self) -> None:
        plan = self.selected()
        if plan is None:
            return
        self.status.setText(translate("PlansWindow", "Checking the signature..."))
        self.verify_button.setEnabled(False)
        run_in_background(lambda: self.service.plans.verify(plan.id)[0],
                          lambda result: self._verified(plan, result),
                          lambda exc: self._failed(plan, exc))

    def _show_verdict(self, plan_id: int) -> None:
        shown = self._verdicts[plan_id]
        if isinstance(shown, str):
            self.status.show_failure(shown)
        else:
            self.status.show_result(shown)

    def _verified(self, plan: PlanInfo, result) -> None:
        self._set_check(plan.id, result.verdict_in(i18n.current()))  # a VerifyResult
        self._verdicts[plan.id] = result
        self._show_verdict(plan.id)
        self._checked()

    def _failed(self, plan: PlanInfo, exc: BaseException) -> None:
        self._set_check(plan.id, "FAIL")
        self._verdicts[plan.id] = translate("PlansWindow", "FAIL: the check could not run "
                                            "({reason}).").format(
                                                reason=i18n.core_message(exc))
        self._show_verdict(plan.id)
        self._checked()

    def _checked(self) -> None:
        """The keyboard on the verdict, which a screen reader says at once; Tab goes on to
        Print (disabling Verify had moved focus on to Preview, and to the date filter)."""
        self._update_buttons()
        QWidget.setTabOrder(self.status.sentence, self.print_button)
        self.status.focus_and_announce()

    # -- nurse summary --------------------------------------------------------------------
    def nurse_summary(self, preview: bool) -> None:
        """Print (or preview) the archived signed nurse summary, once it verifies."""
        plan = self.selected()
        if plan is None:
            return
        self.status.setText(translate("PlansWindow", "Checking the signed nurse summary..."))
        run_in_background(lambda: self.service.plans.verify(plan.id, nurse=True),
                          lambda found: self._nurse_checked(plan, found, preview),
                          self._nurse_failed)

    def _nurse_checked(self, plan: PlanInfo, found, preview: bool) -> None:
        result, data = found
        self._set_check(plan.id, result.verdict_in(i18n.current()))  # a VerifyResult
        # The verdict stays in sight through preview and printing (and after a cancel).
        self._verdicts[plan.id] = result
        self._show_verdict(plan.id)
        if not result.ok:
            self.inform(translate("PlansWindow", "Not printed"), translate(
                "PlansWindow", "The archived nurse summary of plan {number} does not verify, so "
                "it is not printed.\n\n{verdict}").format(number=plan.id,
                                                         verdict=result.headline_in(i18n.current())))
            return
        from ui.printing import print_pdf

        title = translate("PlansWindow", "Nurse summary - plan {number}").format(number=plan.id)
        try:
            done = print_pdf(self, data, title, preview=preview)
        except OSError as exc:  # the printer refused (the reason in the wizard's language)
            self._nurse_failed(exc)
            return
        self._show_verdict(plan.id)
        if done is not False:
            from ui.status import confirm_printed

            confirm_printed(self, done, title)
            note = self.service.record_print(result, origin="plans_window", archive_id=plan.id,
                                             preview=preview)
            if note:
                log.warning("audit: plan_printed not recorded")

    def _nurse_failed(self, exc: BaseException) -> None:
        reason = i18n.core_message(exc)
        self.status.setText(translate("PlansWindow", "No nurse summary printed: {reason}")
                            .format(reason=reason))
        self.inform(translate("PlansWindow", "No nurse summary"), reason)

    # -- save a copy ----------------------------------------------------------------------
    def save_copy(self) -> None:
        """A copy of the archived signed plan as archived, never a damaged one (its bytes are
        checked against the SHA-256 recorded at archiving first; written atomically;
        ``plan_exported`` recorded once it is written)."""
        plan = self.selected()
        if plan is None:
            return
        day = plan.signed_at[:10] or "plan"
        path = self.ask_save_path(f"leptodesk-plan-{plan.id}-{day}.pdf")
        if not path:
            return
        try:
            result = self.service.plans.export_copy(plan.id, Path(path), force=True,
                                                    origin="plans_window", must_verify=False)
        except (OSError, ValueError, KeyError) as exc:  # unwritable, refused path, gone
            reason = i18n.os_message(exc) if isinstance(exc, OSError) and exc.strerror \
                else i18n.core_message(exc)
            self.inform(translate("PlansWindow", "Not saved"), f"{path}: {reason}")
            return
        if result is not None:  # damaged: never written out
            self._set_check(plan.id, result.verdict)
            self.inform(translate("PlansWindow", "Not saved"), translate(
                "PlansWindow", "The archived plan {number} does not verify, so no copy was "
                "saved.\n\n{verdict}").format(number=plan.id,
                                              verdict=result.headline_in(i18n.current())))
            return
        self.status.setText(translate("PlansWindow", "Saved a copy to {path}.").format(path=path))

    # -- FHIR -----------------------------------------------------------------------------
    def ask_fhir_inputs(self, suggested: str) -> tuple[str, str, str] | None:
        """Where to write the bundle, the signer's identity file and its passphrase (the
        bundle is signed by the plan's signer); None when cancelled."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        out, _ = QFileDialog.getSaveFileName(
            self, translate("PlansWindow", "Export the signed plan as a FHIR bundle"), suggested,
            translate("PlansWindow", "FHIR bundle (*.json)"))
        if not out:
            return None
        identity, _ = QFileDialog.getOpenFileName(
            self, translate("PlansWindow", "The identity that signed this plan"), "",
            translate("PlansWindow", "PKCS#12 identity (*.p12 *.pfx)"))
        if not identity:
            return None
        passphrase, ok = QInputDialog.getText(
            self, translate("PlansWindow", "Passphrase"),
            translate("PlansWindow", "Passphrase of {name}:").format(name=Path(identity).name),
            QLineEdit.EchoMode.Password)
        return (out, identity, passphrase) if ok else None

    def _pdf(self, plan: PlanInfo) -> bytes | None:
        """The archived signed plan's bytes, or None (said in a message)."""
        try:
            return self.service.plans.pdf(plan.id)
        except (OSError, KeyError) as exc:  # StoreError, or gone meanwhile
            self.inform(translate("PlansWindow", "Cannot read the plan"),
                        i18n.core_message(exc))
            return None

    def export_fhir(self) -> None:
        """The archived plan, once it verifies, as a FHIR R4 bundle signed by its signer."""
        plan = self.selected()
        pdf = self._pdf(plan) if plan is not None else None
        if pdf is None:
            return
        asked = self.ask_fhir_inputs(f"leptodesk-plan-{plan.id}.fhir.json")
        if asked is None:
            return
        out, identity, passphrase = asked
        self.status.setText(translate("PlansWindow", "Checking the signature..."))
        run_in_background(
            # force: the save dialog has asked before replacing a file (as for a copy)
            lambda: self.service.fhir_export(pdf, identity=Path(identity),
                                           passphrase=passphrase.encode("utf-8"),
                                           output=Path(out), force=True),
            lambda written: self.status.setText(translate(
                "PlansWindow", "FHIR bundle written to {path}, signed by {signer}.").format(
                    path=written.path, signer=written.signer)),
            lambda exc: self.status.setText(translate(
                "PlansWindow", "No FHIR bundle written: {reason}").format(
                    reason=_said(exc))))


def _said(exc: BaseException) -> str:
    """A refusal in the wizard's language: its own words when it says itself in every
    language, else the core's message for it."""
    from leptodesk.errors import SaidInEveryLanguage

    if isinstance(exc, SaidInEveryLanguage):
        return exc.text_in(i18n.current())
    return i18n.core_message(exc)


def _service():
    from leptodesk.service import get_service

    return get_service()
