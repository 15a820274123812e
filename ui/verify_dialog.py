"""Verify any signed PDF: the core service's one verdict, exactly as ``leptodesk verify``
prints it (PASS, or FAIL with the reason), with the same details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PASS_STYLE = "QLabel { font-size: 16pt; font-weight: bold; color: #0a5a0a; }"
FAIL_STYLE = ("QLabel { font-size: 16pt; font-weight: bold; color: #a00000; "
              "border: 3px solid #a00000; padding: 4px; }")


class VerifyDialog(QDialog):
    """Choose a PDF (and optionally a site root to trust for this check) and see its verdict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle("Verify a signed plan")
        self.setMinimumWidth(620)
        self.result = None

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("verifyPath")
        self.path_edit.setAccessibleName("Signed PDF to verify")
        self.path_edit.setPlaceholderText("PLAN.pdf")
        browse = QPushButton("&Browse...")
        browse.setObjectName("verifyBrowse")
        browse.setAccessibleName("Choose the PDF to verify")
        browse.clicked.connect(self._browse_pdf)

        self.trust_edit = QLineEdit()
        self.trust_edit.setObjectName("verifyTrust")
        self.trust_edit.setAccessibleName("Site root to trust for this check only (optional)")
        self.trust_edit.setPlaceholderText("optional: a site root's ROOT.pem, for this check "
                                           "only")
        trust_browse = QPushButton("B&rowse...")
        trust_browse.setObjectName("verifyTrustBrowse")
        trust_browse.setAccessibleName("Choose a site root certificate")
        trust_browse.clicked.connect(self._browse_cert)

        self.verify_button = QPushButton("&Verify")
        self.verify_button.setObjectName("verifyRun")
        self.verify_button.setAccessibleName("Verify the signature")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.run)

        self.verdict = QLabel("Choose a signed PDF and press Verify.")
        self.verdict.setObjectName("verifyVerdict")
        self.verdict.setAccessibleName("Verification result")
        self.verdict.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("verifyDetails")
        self.details.setAccessibleName("Verification details")
        self.details.setReadOnly(True)

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        pdf_label = QLabel("&PDF:")  # a label with a buddy: without one, "&" shows literally
        pdf_label.setBuddy(self.path_edit)
        form.addRow(pdf_label, row)
        trow = QHBoxLayout()
        trow.addWidget(self.trust_edit, 1)
        trow.addWidget(trust_browse)
        trust_label = QLabel("&Also trust:")
        trust_label.setBuddy(self.trust_edit)
        form.addRow(trust_label, trow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("verifyButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("verifyClose")
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def _browse_pdf(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a signed plan", "", "PDF (*.pdf)")
        if name:
            self.path_edit.setText(name)
            self.run()

    def _browse_cert(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a site root certificate", "",
                                              "Certificates (*.pem *.crt *.cer *.der)")
        if name:
            self.trust_edit.setText(name)

    def verify_file(self, path: str | Path, trust: str | Path | None = None):
        self.path_edit.setText(str(path))
        self.trust_edit.setText(str(trust) if trust else "")
        return self.run()

    def run(self):
        from leptodesk.pdf.identity import IdentityError
        from leptodesk.service import get_service

        text = self.path_edit.text().strip()
        if not text:
            self._show_fail("FAIL: no file chosen.", "")
            return None
        trust = [Path(self.trust_edit.text().strip())] if self.trust_edit.text().strip() else []
        try:
            result = get_service().verify(Path(text), trust)
        except (OSError, IdentityError) as exc:
            self.result = None
            detail = getattr(exc, "strerror", None) or str(exc)
            self._show_fail(f"FAIL: cannot check this file ({detail}).", "")
            return None
        self.result = result
        body = "\n".join([f"File: {text}", *result.lines()])
        if result.ok:
            self.verdict.setText(result.headline)
            self.verdict.setStyleSheet(PASS_STYLE)
            self.details.setPlainText(body)
        else:
            self._show_fail(f"{result.headline}. Do not use this plan.", body)
        return result

    def _show_fail(self, verdict: str, body: str) -> None:
        self.verdict.setText(verdict)
        self.verdict.setStyleSheet(FAIL_STYLE)
        self.details.setPlainText(body)
