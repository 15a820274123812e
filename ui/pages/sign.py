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

from ..case_state import CaseState
from ..worker import run_in_background

STALE = ("The case changed since it was signed (export {export_id}): that signed PDF is no "
         "longer this case's plan. Sign again to make a plan of the case as it is now.")
READY = ("Choose your signing identity, enter its passphrase and where to write the PDF, then "
         "Sign and export.")


class _PathRow(QWidget):
    def __init__(self, name: str, accessible: str, choose) -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(accessible)
        self.button = QPushButton("Choose...")
        self.button.setObjectName(name + "_choose")
        self.button.setAccessibleName(f"choose {accessible}")
        self.button.clicked.connect(lambda: choose(self.edit))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)


class SignPage(QWizardPage):
    def __init__(self, state: CaseState) -> None:
        super().__init__()
        self.state = state
        self.busy = False
        self._output: Path | None = None
        self.setTitle("Sign and export")
        self.setSubTitle("Signing is final for this plan: the signed PDF embeds the case.")
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("sign_status")
        self.status.setWordWrap(True)
        self.form = QWidget()
        grid = QGridLayout(self.form)
        self.identity = _PathRow("sign_identity", "signing identity file (.p12)",
                                 self._choose_identity)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("sign_passphrase")
        self.passphrase.setAccessibleName("passphrase of the signing identity")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.output = _PathRow("sign_output", "signed PDF to write", self._choose_output)
        self.nurse = QCheckBox("Also write the one-page &nurse summary")
        self.nurse.setObjectName("sign_nurse_summary")
        self.nurse.setAccessibleName("also write the nurse summary")
        self.sign_button = QPushButton("&Sign and export")
        self.sign_button.setObjectName("sign_button")
        self.sign_button.clicked.connect(self.start_export)
        self.print_button = QPushButton("&Print the signed nurse summary...")
        self.print_button.setObjectName("print_button")
        self.print_button.clicked.connect(self.print_plan)
        self.print_button.setEnabled(False)
        for row, (text, widget) in enumerate((("&Identity file", self.identity),
                                              ("Pass&phrase", self.passphrase),
                                              ("&Output PDF", self.output))):
            label = QLabel(text)
            label.setBuddy(widget.edit if isinstance(widget, _PathRow) else widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.nurse, 3, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 4, 1)
        layout.addWidget(self.form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._note = ""
        state.changed.connect(self._follow_case)

    @property
    def result(self):
        """The export that signed the case as it is now (None once the case changed)."""
        return self.state.signed if self.state.signed_current else None

    def initializePage(self) -> None:
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
            where = (f"archive #{r.archive_id}" if r.archive_id is not None
                     else "not in this workstation's archive")
            lines = [f"Signed by {r.signer_name} at {r.signed_at}; export {r.export_id}, "
                     f"{where}. This case is signed: it is not signed twice.",
                     f"PDF: {r.pdf_path} (SHA-256 {r.pdf_sha256[:16]}...)"]
            if r.nurse_path:
                lines.append(f"Nurse summary: {r.nurse_path}")
            if r.self_issued:
                lines.append("Self-issued identity: fine for trying LeptoDesk, but this plan "
                             "FAILs verification everywhere.")
            if self._note:
                lines.append(self._note)
            self.status.setText("\n".join(lines))
        elif state.signed_stale:
            self.status.setText(STALE.format(export_id=state.signed.export_id))
            self._offer_free_output_name()
        elif not self.status.text() or self.status.text().startswith(("Signed by", "The case")):
            self.status.setText(READY)
        self.sign_button.setEnabled(not state.signed_current)
        self.print_button.setEnabled(state.signed_current)
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
        path, _ = QFileDialog.getOpenFileName(self, "Signing identity", edit.text(),
                                              "PKCS#12 identity (*.p12 *.pfx)")
        if path:
            edit.setText(path)

    def _choose_output(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Signed PDF", edit.text(), "PDF (*.pdf)")
        if path:
            edit.setText(path)

    def start_export(self) -> None:
        if self.busy or self.state.signed_current:
            return
        identity = self.identity.edit.text().strip()
        output = self.output.edit.text().strip()
        if not identity or not output:
            self.status.setText("Choose the identity file and the output PDF first.")
            return
        from leptodesk.service import get_service

        out = Path(output).expanduser()
        if not out.parent.is_dir():
            self._show_failure(f"Not signed: the folder {out.parent} does not exist. Choose "
                               "where to write the PDF with Choose... beside Output PDF.")
            return
        nurse = out.with_name(out.stem + "-nurse.pdf") if self.nurse.isChecked() else None
        passphrase = self.passphrase.text().encode("utf-8")
        self.passphrase.clear()
        case = self.state.case
        case_path = self.state.path
        self.busy = True
        self.sign_button.setEnabled(False)
        self._set_role("")
        self.status.setText("Signing...")
        self._output = out

        def work():
            return get_service().export(case, identity=Path(identity), passphrase=passphrase,
                                        output=out, nurse_summary=nurse, case_path=case_path)

        run_in_background(work, lambda result: self._exported(case, result), self._failed)

    def _exported(self, case, result) -> None:
        self.busy = False
        if case != self.state.case:  # changed while signing: that PDF is not this case's
            self.sign_button.setEnabled(True)
            self.status.setText(STALE.format(export_id=result.export_id))
            return
        self.state.mark_signed(result)  # emits changed: _follow_case shows it
        self._follow_case()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.sign_button.setEnabled(not self.state.signed_current)
        errors = getattr(exc, "errors", None)
        if errors:
            detail = "; ".join(str(e) for e in errors)
        elif isinstance(exc, OSError) and exc.strerror:
            # Name the file the clinician chose, not a temporary file beside it.
            detail = f"cannot write {self._output}: {exc.strerror}"
        else:
            detail = str(exc)
        self._show_failure(f"Not signed: {detail}")

    def _set_role(self, role: str) -> None:
        self.status.setProperty("role", role or None)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def _show_failure(self, text: str) -> None:
        self._set_role("error")  # red and bold, as every refused entry is
        self.status.setText(text)

    def print_plan(self) -> None:
        """Print the archived signed nurse summary of this export, after it verifies."""
        result = self.result
        if result is None:
            return
        from leptodesk.service import get_service
        from ui.printing import print_pdf

        if result.archive_id is None:
            self.status.setText("Not printed: this signed plan is not in this workstation's "
                                "archive; import it with its nurse summary (leptodesk plans "
                                "import PLAN.pdf NURSE.pdf), then print from Tools > Plans.")
            return
        try:
            verdict, data = get_service().verify_archived(result.archive_id, nurse=True)
        except (OSError, LookupError) as exc:
            self.status.setText(f"Not printed: {exc}")
            return
        if not verdict.ok:  # paper acted on at the bedside: only what verifies
            self.status.setText(f"Not printed: {verdict.headline}")
            return
        if print_pdf(self, data, f"Nurse summary - export {result.export_id}",
                     preview=True) is not False:
            get_service().audit_or_note(
                "plan_printed", case_sha256=verdict.case_sha256, pdf_sha256=verdict.pdf_sha256,
                detail={"archive_id": result.archive_id, "document": "nurse_summary",
                        "export_id": result.export_id, "preview": True})

    def nextId(self) -> int:
        return -1
