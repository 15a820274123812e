"""Sign and export: the commit page. Signing runs off the UI thread (ui.worker).

``leptodesk.export`` comes from the signed-PDF issue; until it exists the page says so plainly.
"""

from __future__ import annotations

import importlib.util
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
from ..widgets import people_time
from ..worker import run_in_background

NOT_AVAILABLE = ("Signing is not available yet: this installation has no signed-PDF export "
                 "(leptodesk.export). Save the case file instead (File > Save).")


def export_available() -> bool:
    return importlib.util.find_spec("leptodesk.export") is not None


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
        self.result = None
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
        self.print_button = QPushButton("&Print the signed plan...")
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

    def initializePage(self) -> None:
        available = export_available()
        self.form.setVisible(available)
        if not available:
            self.status.setText(NOT_AVAILABLE)
        elif self.result is None:
            self.status.setText("Choose your signing identity, enter its passphrase and where "
                                "to write the PDF, then Sign and export.")
        if available and not self.output.edit.text() and self.state.path is not None:
            self.output.edit.setText(str(self.state.path.with_suffix(".pdf")))

    def isComplete(self) -> bool:
        return self.result is not None

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
        if self.busy:
            return
        identity = self.identity.edit.text().strip()
        output = self.output.edit.text().strip()
        if not identity or not output:
            self.status.setText("Choose the identity file and the output PDF first.")
            return
        try:
            from leptodesk.export import export_signed
        except ImportError:
            self.status.setText(NOT_AVAILABLE)
            return
        out = Path(output).expanduser()
        if not out.parent.is_dir():
            self._show_failure(f"Not signed: the folder {out.parent} does not exist. Choose "
                               "where to write the PDF with Choose... beside Output PDF.")
            return
        nurse = out.with_name(out.stem + "-nurse.pdf") if self.nurse.isChecked() else None
        passphrase = self.passphrase.text().encode("utf-8")
        self.passphrase.clear()
        case = self.state.case
        self.busy = True
        self.sign_button.setEnabled(False)
        self._set_role("")
        self.status.setText("Signing...")
        self._output = out

        def work():
            result = export_signed(case, identity=Path(identity), passphrase=passphrase,
                                   output=out, nurse_summary=nurse)
            try:  # archive and audit; the signed files are written whatever happens here
                from leptodesk.export import record_export

                record_export(result)
            except Exception as exc:  # noqa: BLE001 - reported beside the result
                return result, f"Not recorded in the plans archive: {exc}"
            return result, ""

        run_in_background(work, self._exported, self._failed)

    def _exported(self, outcome) -> None:
        result, note = outcome
        self.busy = False
        self.result = result
        self.sign_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self._set_role("")
        lines = [f"Signed by {result.signer_name} at {people_time(result.signed_at)}.",
                 f"PDF: {result.pdf_path} (SHA-256 {result.pdf_sha256[:16]}...)"]
        if getattr(result, "nurse_path", None):
            lines.append(f"Nurse summary: {result.nurse_path}")
        if note:
            lines.append(note)
        self.status.setText("\n".join(lines))
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.sign_button.setEnabled(True)
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
        if self.result is None:
            return
        try:
            from ui.printing import print_pdf
        except ImportError:
            self.status.setText("Printing is not available yet in this installation.")
            return
        path = getattr(self.result, "nurse_path", None) or self.result.pdf_path
        print_pdf(self, Path(path).read_bytes(), "LeptoDesk plan", preview=True)

    def nextId(self) -> int:
        return -1
