"""Printing and preview render the PDF's own pages (pypdfium2) into the QPrinter."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from leptodesk.clinical import build_plan
from leptodesk.export import render_clinician_summary, render_nurse_summary
from tests.test_pdf_helpers import example_case


@pytest.fixture
def pdfs():
    case = example_case("malignant-her2-good-prognosis")
    plan = build_plan(case)
    return render_clinician_summary(case, plan), render_nurse_summary(case, plan, "Signed")


def test_page_images(qapp, pdfs):
    from ui.printing import page_images

    full, nurse = pdfs
    images = page_images(full, dpi=40)
    assert len(images) == len(PdfReader(io.BytesIO(full)).pages)
    assert not images[0].isNull() and images[0].width() > 300
    assert len(page_images(nurse, dpi=40)) == 1


def test_paint_pdf_into_a_pdf_printer(qapp, pdfs, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import _match_page_size, paint_pdf

    full, _ = pdfs
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    _match_page_size(printer, full)
    n = len(PdfReader(io.BytesIO(full)).pages)
    assert paint_pdf(printer, full) == n
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == n


def test_print_dialog_path_prints_every_page(qapp, pdfs, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    from ui import printing

    out = tmp_path / "nurse-printed.pdf"

    def accept(self):
        self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    _, nurse = pdfs
    # the printer it went to, as the user knows it (here the file a "print to file" wrote)
    assert printing.print_pdf(None, nurse, "Nurse summary", preview=False) == str(out)
    assert len(PdfReader(out).pages) == 1


def test_print_dialog_cancelled(qapp, pdfs, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    from ui import printing

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert printing.print_pdf(None, pdfs[0], "Full summary", preview=False) is False


def test_preview_paints_on_request(qapp, pdfs, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QDialog

    from ui import printing

    painted: list[int] = []

    def fake_exec(self):
        assert self.windowTitle() == "Print preview: Full summary"
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "preview.pdf"))
        real_paint = printing.paint_pdf
        monkeypatch.setattr(printing, "paint_pdf",
                            lambda p, data: painted.append(real_paint(p, data)))
        self.paintRequested.emit(printer)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    assert printing.print_pdf(None, pdfs[0], "Full summary", preview=True) is False
    assert painted and painted[0] >= 2


def test_preview_opens_fit_to_width_and_readable(qapp, pdfs, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QDialog

    from ui import printing

    seen = {}

    def fake_exec(self):
        self.show()
        qapp.processEvents()
        view = self.findChild(QPrintPreviewWidget)
        seen["mode"] = view.zoomMode()
        seen["zoom"] = view.zoomFactor()
        self.hide()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    printing.print_pdf(None, pdfs[1], "Nurse summary", preview=True)
    assert seen["mode"] == QPrintPreviewWidget.ZoomMode.FitToWidth
    assert seen["zoom"] > 0.6  # not the whole page shrunk to about 38 %


def test_the_main_window_says_which_printer_it_went_to(window, qtbot, monkeypatch):
    """Issue 22: no confirmation after printing. The status bar names the printer, also
    when the Plans window (a window of its own) printed."""
    from ui.plans_window import PlansWindow
    from ui.status import confirm_printed

    said = confirm_printed(window.wizard, "ward_a", "Nurse summary - export e-1")
    assert said == "Sent to ward_a: Nurse summary - export e-1."
    assert window.statusBar().currentMessage() == said
    plans = PlansWindow(window)
    qtbot.addWidget(plans)
    confirm_printed(plans, "ward_b", "Nurse summary - plan 7")
    assert window.statusBar().currentMessage() == "Sent to ward_b: Nurse summary - plan 7."
    plans.close()
