"""Verify any signed PDF: the core service's one verdict, exactly as ``leptodesk verify``
prints it (PASS, or FAIL with the reason), its sentence first and the hashes and fingerprints
behind Details (ui.verdict_view). After Verify the keyboard is on the verdict, which a screen
reader says at once."""

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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .i18n import RetranslateWhenShown, translate
from .verdict_view import VerdictView


class VerifyDialog(RetranslateWhenShown, QDialog):
    """Choose a PDF (and optionally a site root to trust for this check) and see its verdict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setMinimumWidth(620)
        self.result = None

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("verifyPath")
        self.path_edit.setPlaceholderText("PLAN.pdf")
        self.browse = browse = QPushButton()
        browse.setObjectName("verifyBrowse")
        browse.clicked.connect(self._browse_pdf)

        self.trust_edit = QLineEdit()
        self.trust_edit.setObjectName("verifyTrust")
        self.trust_browse = trust_browse = QPushButton()
        trust_browse.setObjectName("verifyTrustBrowse")
        trust_browse.clicked.connect(self._browse_cert)

        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verifyRun")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.run)

        self.view = VerdictView("verifyVerdict")
        self.verdict = self.view.sentence  # the sentence (PASS or FAIL...)
        self.details = self.view.details  # behind Details

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        # Labels with a buddy: without one, "&" shows literally.
        self.pdf_label = pdf_label = QLabel()
        pdf_label.setBuddy(self.path_edit)
        form.addRow(pdf_label, row)
        trow = QHBoxLayout()
        trow.addWidget(self.trust_edit, 1)
        trow.addWidget(trust_browse)
        self.trust_label = trust_label = QLabel()
        trust_label.setBuddy(self.trust_edit)
        form.addRow(trust_label, trow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("verifyButtons")
        self.close_button = close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("verifyClose")
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Return in the PDF's field verifies: the other buttons never take the default (a
        # focused Browse... would, and Return opened the file dialog instead).
        for button in (browse, trust_browse, close):
            button.setAutoDefault(False)
        self.verify_button.setAutoDefault(True)
        self.verify_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.retranslate()
        # The keyboard starts in the PDF's field: a path typed at once goes there (typed on a
        # button, its letters would be taken for Alt+letters and open Browse...).
        self.path_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("VerifyDialog", "Verify a signed plan"))
        self.path_edit.setAccessibleName(translate("VerifyDialog", "Signed PDF to verify"))
        self.browse.setText(translate("VerifyDialog", "&Browse..."))
        self.browse.setAccessibleName(translate("VerifyDialog", "Choose the PDF to verify"))
        self.trust_edit.setAccessibleName(translate(
            "VerifyDialog", "Site root to trust for this check only (optional)"))
        self.trust_edit.setPlaceholderText(translate(
            "VerifyDialog", "optional: a site root's ROOT.pem, for this check only"))
        self.trust_browse.setText(translate("VerifyDialog", "B&rowse..."))
        self.trust_browse.setAccessibleName(translate("VerifyDialog",
                                                      "Choose a site root certificate"))
        self.verify_button.setText(translate("VerifyDialog", "&Verify"))
        self.verify_button.setAccessibleName(translate("VerifyDialog", "Verify the signature"))
        self.view.retranslate()
        if self.result is None and not self.details.toPlainText():
            self.view.show_text(translate("VerifyDialog", "Choose a signed PDF and press "
                                          "Verify."))
        self.pdf_label.setText(translate("VerifyDialog", "&PDF:"))
        self.trust_label.setText(translate("VerifyDialog", "&Also trust:"))
        # The standard button's word is Qt's own (qtbase_*.qm): name it with it.
        self.close_button.setAccessibleName(self.close_button.text().replace("&", ""))
        from .mnemonics import assign, targets

        assign(targets(self))

    def _browse_pdf(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, translate("VerifyDialog",
                                                              "Choose a signed plan"),
                                              "", "PDF (*.pdf)")
        if name:
            self.path_edit.setText(name)
            self.run()

    def _browse_cert(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, translate("VerifyDialog", "Choose a site root certificate"), "",
            translate("VerifyDialog", "Certificates (*.pem *.crt *.cer *.der)"))
        if name:
            self.trust_edit.setText(name)

    def verify_file(self, path: str | Path, trust: str | Path | None = None):
        self.path_edit.setText(str(path))
        self.trust_edit.setText(str(trust) if trust else "")
        return self.run()

    def run(self):
        from leptodesk.service import get_service

        text = self.path_edit.text().strip()
        if not text:
            self._show_fail(translate("VerifyDialog", "FAIL: no file chosen."), "")
            return None
        trust = [Path(self.trust_edit.text().strip())] if self.trust_edit.text().strip() else []
        service = get_service()
        try:
            result = service.verify(Path(text), trust)
        except (OSError, *service.trust.refusals) as exc:
            self.result = None
            detail = (i18n.os_message(exc) if isinstance(exc, OSError) and exc.strerror
                      else i18n.core_message(exc))
            self._show_fail(translate("VerifyDialog", "FAIL: cannot check this file ({reason}).")
                            .format(reason=detail), "")
            return None
        self.result = result
        file_line = translate("VerifyDialog", "File: {path}").format(path=text)
        self.view.show_result(result, before=(file_line,), after=translate(
            "VerifyDialog", "{verdict}. Do not use this plan."))
        self.view.focus_and_announce()
        return result

    def _show_fail(self, verdict: str, body: str = "") -> None:
        self.view.show_failure(verdict)
        self.view.focus_and_announce()
