"""Sign and export: the commit page. Signing runs off the UI thread (ui.worker) through the
core service, which signs the plan the review page showed, with the same site values.

The signed state follows the case: a change after signing voids it on screen (the old PDF is
no longer offered as this case's plan), and an unchanged signed case is not signed twice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from .. import i18n
from ..ack_panel import AckPanel
from ..case_state import CaseState
from ..i18n import translate
from ..widgets import set_role
from ..worker import run_in_background
from ..wrapped_label import WrappedLabel


def stale_text(export_id: str) -> str:
    return translate("SignPage", "The case changed since it was signed (export {export_id}): "
                     "that signed PDF is no longer this case's plan. Sign again to make a plan "
                     "of the case as it is now.").format(export_id=export_id)


def ready_text() -> str:
    return translate("SignPage", "Choose your signing identity, enter its passphrase and where "
                     "to write the PDF, then Sign and export.")


class _PathRow(QWidget):
    def __init__(self, name: str, choose) -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.button = QPushButton()
        self.button.setObjectName(name + "_choose")
        self.button.clicked.connect(lambda: choose(self.edit))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)

    def retranslate(self, accessible: str, choose_accessible: str) -> None:
        self.edit.setAccessibleName(accessible)
        self.button.setText(translate("SignPage", "Choose..."))
        self.button.setAccessibleName(choose_accessible)


class SignPage(QWizardPage):
    def __init__(self, state: CaseState) -> None:
        super().__init__()
        self.state = state
        self.busy = False
        self._output: Path | None = None
        self._status_kind = ""  # "", "ready", "stale", "signed": what retranslate writes again
        # What isComplete last said to the wizard: completeChanged goes out only when it
        # changes. QWizard answers every completeChanged by repainting the whole wizard (its
        # button update hides and shows the page area), and this page follows every entry.
        self._complete_said: bool | None = None
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        self.status = WrappedLabel()
        self.status.setObjectName("sign_status")
        self.form = QWidget()
        grid = QGridLayout(self.form)
        self.identity = _PathRow("sign_identity", self._choose_identity)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("sign_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.output = _PathRow("sign_output", self._choose_output)
        self.nurse = QCheckBox()
        self.nurse.setObjectName("sign_nurse_summary")
        # The ward acts on the nurse summary: written unless the clinician leaves it out.
        self.nurse.setChecked(True)
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("sign_button")
        self.sign_button.clicked.connect(self.start_export)
        self.print_button = QPushButton()
        self.print_button.setObjectName("print_button")
        self.print_button.clicked.connect(self.print_plan)
        self.print_button.setEnabled(False)
        self.form_labels: list[QLabel] = []
        for row, widget in enumerate((self.identity, self.passphrase, self.output)):
            label = QLabel()
            label.setBuddy(widget.edit if isinstance(widget, _PathRow) else widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
            self.form_labels.append(label)
        grid.addWidget(self.nurse, 3, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 4, 1)
        # Before _follow_case: it follows the plan first; only while this page is shown.
        self.acks = AckPanel(state, self, in_sight=self._in_sight)
        self.acks.changed.connect(self._follow_case)
        layout.addWidget(self.acks, 10)  # the alerts take the room the form leaves
        layout.addWidget(self.form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._note = ""
        state.changed.connect(self._follow_case)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(translate("SignPage", "Sign and export"))
        self.setSubTitle(translate("SignPage", "Signing is final for this plan: the signed PDF "
                                   "embeds the case."))
        identity = translate("SignPage", "signing identity file (.p12)")
        self.identity.retranslate(identity, translate("SignPage", "choose the signing identity "
                                                      "file (.p12)"))
        self.passphrase.setAccessibleName(translate("SignPage", "passphrase of the signing "
                                                    "identity"))
        self.output.retranslate(translate("SignPage", "signed PDF to write"),
                                translate("SignPage", "choose the signed PDF to write"))
        self.nurse.setText(translate("SignPage", "Also write the one-page &nurse summary"))
        self.nurse.setAccessibleName(translate("SignPage", "also write the nurse summary"))
        self.sign_button.setText(translate("SignPage", "&Sign and export"))
        self.sign_button.setAccessibleName(translate("SignPage", "Sign and export"))
        self.print_button.setText(translate("SignPage", "&Print the signed nurse summary..."))
        self.print_button.setAccessibleName(translate("SignPage", "Print the signed nurse "
                                                      "summary"))
        for label, text in zip(self.form_labels, (
                translate("SignPage", "&Identity file"), translate("SignPage", "Pass&phrase"),
                translate("SignPage", "&Output PDF")), strict=True):
            label.setText(text)
        self.acks.retranslate()
        if self._status_kind in ("ready", "stale", "signed"):
            self._status_kind = ""
            self.status.clear()
            self._follow_case()

    @property
    def result(self):
        """The export that signed the case as it is now (None once the case changed)."""
        return self.state.signed if self.state.signed_current else None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.acks.catch_up()  # whatever way the page came into sight
        super().showEvent(event)

    def prepare(self) -> None:
        """While the review page is read (it changes nothing): the alerts to answer, those of
        the plan as it is now, so that Next only shows them."""
        self.acks.catch_up()

    def _in_sight(self) -> bool:
        wizard = self.wizard()
        return wizard is not None and wizard.currentPage() is self

    def initializePage(self) -> None:
        self.acks.catch_up()  # QWizard calls this as the page is about to be shown
        if not self.output.edit.text() and self.state.path is not None:
            self.output.edit.setText(str(self.state.path.with_suffix(".pdf")))
        self._follow_case()

    def _follow_case(self) -> None:
        """Show the signed state of the case as it is now."""
        if self.busy:
            return
        state = self.state
        if state.signed_current:
            r = state.signed
            if r.archive_id is not None:
                where = translate("SignPage", "archive #{number}").format(number=r.archive_id)
            elif r.queued:  # the ward server could not be reached: signing did not wait
                where = translate("SignPage", "archived locally; will be sent to the ward "
                                  "archive")
            else:
                where = translate("SignPage", "not in this workstation's archive")
            lines = [translate("SignPage", "Signed by {signer} at {when}; export {export_id}, "
                               "{where}. This case is signed: it is not signed twice.").format(
                                   signer=r.signer_name, when=r.signed_at,
                                   export_id=r.export_id, where=where),
                     translate("SignPage", "Check code {code}: printed on every page; Tools "
                               "> Plans finds this plan by it at any workstation of the "
                               "ward.").format(code=r.check_code),
                     f"PDF: {r.pdf_path} (SHA-256 {r.pdf_sha256[:16]}...)"]
            if r.nurse_path:
                lines.append(translate("SignPage", "Nurse summary: {path}").format(
                    path=r.nurse_path))
            if r.self_issued:
                lines.append(translate("SignPage", "Self-issued identity: fine for trying "
                                       "LeptoDesk, but this plan FAILs verification "
                                       "everywhere."))
            if self._note:
                lines.append(self._note)
            self.status.setText("\n".join(lines))
            self._status_kind = "signed"
        elif state.signed_stale:
            self.status.setText(stale_text(state.signed.export_id))
            self._status_kind = "stale"
            self._offer_free_output_name()
        elif not self.status.text() or self._status_kind in ("signed", "stale"):
            self.status.setText(ready_text())
            self._status_kind = "ready"
        # Every STOP and WARNING answered first (ui.ack_panel).
        self.sign_button.setEnabled(not state.signed_current and self.acks.complete())
        self.print_button.setEnabled(state.signed_current)
        complete = self.isComplete()
        if complete != self._complete_said:
            self._complete_said = complete
            self.completeChanged.emit()

    def _offer_free_output_name(self) -> None:
        """The old signed PDF stays as it is: suggest a new file name for the new plan."""
        text = self.output.edit.text().strip()
        if not text or not Path(text).exists():
            return
        out = Path(text)
        stem = out.stem.rsplit("-signed-", 1)[0]
        for n in range(2, 1000):
            candidate = out.with_name(f"{stem}-signed-{n}{out.suffix}")
            if not candidate.exists():
                self.output.edit.setText(str(candidate))
                return

    def isComplete(self) -> bool:
        return self.state.signed_current and not self.busy

    def _choose_identity(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("SignPage", "Signing identity"), edit.text(),
            translate("SignPage", "PKCS#12 identity (*.p12 *.pfx)"))
        if path:
            edit.setText(path)

    def _choose_output(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("SignPage", "Signed PDF"),
                                              edit.text(), "PDF (*.pdf)")
        if path:
            edit.setText(path)

    def start_export(self) -> None:
        if self.busy or self.state.signed_current:
            return
        identity = self.identity.edit.text().strip()
        output = self.output.edit.text().strip()
        if not identity or not output:
            self.status.setText(translate("SignPage", "Choose the identity file and the output "
                                          "PDF first."))
            self._status_kind = ""
            return
        from leptodesk.service import get_service

        out = Path(output).expanduser()
        if not out.parent.is_dir():
            self._show_failure(translate("SignPage", "Not signed: the folder {folder} does not "
                                         "exist. Choose where to write the PDF with Choose... "
                                         "beside Output PDF.").format(folder=out.parent))
            return
        answers = self.acks.answers()  # every STOP and WARNING answered (ui.ack_panel)
        if answers is None:
            self._show_failure(translate("SignPage", "Not signed: answer every STOP and "
                                         "WARNING above first (accept, or override with a "
                                         "reason)."))
            return
        nurse = out.with_name(out.stem + "-nurse.pdf") if self.nurse.isChecked() else None
        # Kept in the field until it has signed: after a wrong one, the clinician retypes it
        # over the selected text (_failed); cleared once signed.
        passphrase = self.passphrase.text().encode("utf-8")
        case = self.state.case
        case_path = self.state.path
        lang = self.state.lang  # the signed PDF and nurse summary in the wizard's language
        self.busy = True
        self.sign_button.setEnabled(False)
        self._set_role("")
        self.status.setText(translate("SignPage", "Signing..."))
        self._status_kind = ""
        self._output = out

        def work():
            return get_service().export(case, identity=Path(identity), passphrase=passphrase,
                                        output=out, nurse_summary=nurse, case_path=case_path,
                                        lang=lang, acknowledgements=answers)

        run_in_background(work, lambda result: self._exported(case, result), self._failed)

    def _exported(self, case, result) -> None:
        self.busy = False
        self.passphrase.clear()
        if case != self.state.case:  # changed while signing: that PDF is not this case's
            self.sign_button.setEnabled(True)
            self.status.setText(stale_text(result.export_id))
            self._status_kind = "stale"
            return
        self.state.mark_signed(result)  # emits changed: _follow_case shows it
        self._follow_case()
        self._focus_finish()

    def _focus_finish(self) -> None:
        """Signed: the keyboard is on Finish (enabled now), so Return finishes the case (it
        was left on Back, and the next Return reopened the review)."""
        from PySide6.QtWidgets import QWizard

        wizard = self.wizard()
        if wizard is None:
            return
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        if finish.isVisible() and finish.isEnabled():
            from ..focus import keyboard_focus

            keyboard_focus(finish)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.sign_button.setEnabled(not self.state.signed_current and self.acks.complete())
        from leptodesk.errors import InvalidInput

        if isinstance(exc, InvalidInput) and exc.errors:
            detail = "; ".join(e.line_in(i18n.current()) for e in exc.errors)
        elif isinstance(exc, OSError) and exc.strerror:
            # Name the file the clinician chose, not a temporary file beside it.
            detail = translate("SignPage", "cannot write {path}: {reason}").format(
                path=self._output, reason=i18n.os_message(exc))
        else:
            detail = i18n.core_message(exc)  # a refused output path: in the language
        self._show_failure(translate("SignPage", "Not signed: {reason}").format(reason=detail))
        from leptodesk.service import get_service

        if get_service().trust.wrong_passphrase(exc):  # retype it: the field, its text selected
            from ..focus import keyboard_focus

            keyboard_focus(self.passphrase)
            self.passphrase.selectAll()
        else:
            self.passphrase.clear()

    def _set_role(self, role: str) -> None:
        set_role(self.status, role)

    def _show_failure(self, text: str) -> None:
        self._set_role("error")  # red and bold, as every refused entry is
        self.status.setText(text)
        self._status_kind = ""

    def print_plan(self) -> None:
        """Print the archived signed nurse summary of this export, after it verifies."""
        result = self.result
        if result is None:
            return
        from leptodesk.service import get_service
        from ui.printing import print_pdf

        if result.archive_id is None and not result.queued:
            self.status.setText(translate(
                "SignPage", "Not printed: this signed plan is not in this workstation's "
                "archive; import it with its nurse summary (leptodesk plans import PLAN.pdf "
                "NURSE.pdf), then print from Tools > Plans."))
            return
        archive_id = result.archive_id
        try:
            if archive_id is None:  # in the outbox (the ward server was down), or sent since
                verdict, data, archive_id = get_service().plans.verify_export(result.export_id)
            else:
                verdict, data = get_service().verify_archived(archive_id, nurse=True)
        except (OSError, LookupError) as exc:
            self.status.setText(translate("SignPage", "Not printed: {reason}").format(
                reason=i18n.core_message(exc)))
            return
        if not verdict.ok:  # paper acted on at the bedside: only what verifies
            self.status.setText(translate("SignPage", "Not printed: {reason}").format(
                reason=verdict.headline_in(i18n.current())))
            return
        title = translate("SignPage", "Nurse summary - export {export_id}").format(
            export_id=result.export_id)
        try:
            printed = print_pdf(self, data, title, preview=True)
        except OSError as exc:  # the printer refused (the reason in the wizard's language)
            self.status.setText(translate("SignPage", "Not printed: {reason}").format(
                reason=i18n.core_message(exc)))
            return
        if printed is not False:
            from ui.status import confirm_printed

            confirm_printed(self, printed, title)
            get_service().record_print(verdict, origin="wizard", archive_id=archive_id,
                                       preview=True)

    def nextId(self) -> int:
        return -1
