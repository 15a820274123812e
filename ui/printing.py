"""Print and preview a PDF (full summary or nurse summary) by rendering its pages with pdfium.

The signed PDF is what gets printed: its pages are rasterised by pypdfium2 into the QPrinter,
never re-drawn from the plan, so paper and file always match.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRect, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from .i18n import translate

MAX_DPI = 300  # enough for print; bounds memory on high-resolution printers


class PrinterRefused(OSError):
    """The printer could not be opened (its message in the wizard's language; the command
    line writes its own, in its ``--lang``)."""


def _open(pdf_bytes: bytes):
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf_bytes)
    doc.init_forms()  # without it pdfium leaves out the signature's visible appearance
    return doc


def page_images(pdf_bytes: bytes, dpi: int = 150) -> list[QImage]:
    """Every page as a QImage at ``dpi`` (annotations such as the signature included)."""
    doc = _open(pdf_bytes)
    try:
        return [_render(doc[i], dpi) for i in range(len(doc))]
    finally:
        doc.close()


def _render(page, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True,
                         may_draw_forms=True)
    fmt = QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4 else \
        QImage.Format.Format_RGB888
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
    return image.copy()  # own the pixels: the pdfium bitmap is freed after this


def _match_page_size(printer: QPrinter, pdf_bytes: bytes) -> None:
    doc = _open(pdf_bytes)
    try:
        width, height = doc[0].get_size() if len(doc) else (595.0, 842.0)
    finally:
        doc.close()
    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy
                     .FuzzyMatch)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)  # the PDF has its own margins


def paint_pdf(printer: QPrinter, pdf_bytes: bytes) -> int:
    """Draw every page of ``pdf_bytes`` on ``printer``; returns the number of pages."""
    dpi = max(72, min(printer.resolution(), MAX_DPI))
    doc = _open(pdf_bytes)
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        raise PrinterRefused(translate("Printing", "the printer could not be opened"))
    try:
        count = len(doc)
        for i in range(count):
            if i:
                printer.newPage()
            image = _render(doc[i], dpi)
            painter.drawImage(_fit(image, painter.viewport()), image)
        return count
    finally:
        painter.end()
        doc.close()


def _fit(image: QImage, target: QRect) -> QRect:
    size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(target.x() + (target.width() - size.width()) // 2, target.y(), size.width(),
                 size.height())


def readable_preview(dialog: QPrintPreviewDialog) -> None:
    """Open the preview at the page's full width (not a whole page shrunk to 38 %), in a window
    as large as the screen allows."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    view = dialog.findChild(QPrintPreviewWidget)
    if view is not None:
        view.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
    screen = (dialog.parentWidget() or dialog).screen()
    if screen is not None:
        free = screen.availableGeometry()
        dialog.resize(min(900, free.width() - 40), free.height() - 60)


def printer_description(printer: QPrinter) -> str:
    """The printer as the user knows it: its name, or the file a "print to file" wrote."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return printer.outputFileName()
    return printer.printerName() or translate("Printing", "the default printer")


def print_pdf(parent: QWidget | None, pdf_bytes: bytes, title: str,
              preview: bool = True) -> str | bool:
    """Print preview (``preview=True``) or the print dialog for a PDF: the printer it went to
    (:func:`printer_description`) once printed, False if not (cancelled, or only previewed).

    Raises :class:`PrinterRefused` when the printer (or the preview's) could not be opened,
    so the caller says why nothing came out instead of an error lost inside Qt's slot."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    _match_page_size(printer, pdf_bytes)
    if preview:
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setObjectName("printPreviewDialog")
        dialog.setWindowTitle(translate("Printing", "Print preview: {title}").format(title=title))
        refused: list[OSError] = []  # the outcome of the last painting (preview or paper)
        painted_on = [printer]  # the printer of the last painting: the paper's, once printed

        def paint(target: QPrinter) -> None:
            refused.clear()
            painted_on[0] = target
            try:
                paint_pdf(target, pdf_bytes)
            except OSError as exc:
                refused.append(exc)

        dialog.paintRequested.connect(paint)
        readable_preview(dialog)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if refused:
            raise refused[0]
        return printer_description(painted_on[0]) if accepted else False
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle(translate("Printing", "Print: {title}").format(title=title))
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    paint_pdf(printer, pdf_bytes)
    return printer_description(printer)


# ---------------------------------------------------------------------------------------------
# Without a window: ``leptodesk print`` (the command loads this module by name). The pages go
# through the same QPrinter set-up and paint_pdf as the Plans window's print dialog.


def ensure_app():
    """A QApplication for printing (offscreen when there is no display)."""
    import os
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1])
    return app


def printer_names() -> tuple[list[str], str]:
    """The printers this computer can print to (through CUPS on Linux), and the default."""
    from PySide6.QtPrintSupport import QPrinterInfo

    ensure_app()
    return list(QPrinterInfo.availablePrinterNames()), QPrinterInfo.defaultPrinterName()


class PrinterNotFound(LookupError):
    """No printer of that name (or no printer at all). ``requested``: the name asked for
    (None: the default was asked for); ``names``: the printers there are. ``str()`` is the
    English message; the command line writes it in its ``--lang`` from these two."""

    def __init__(self, message: str, requested: str | None = None,
                 names: list[str] | None = None) -> None:
        super().__init__(message)
        self.requested = requested
        self.names = list(names or [])


def print_to_printer(pdf_bytes: bytes, title: str, printer_name: str | None = None) -> tuple[
        int, str]:
    """Print every page of ``pdf_bytes`` on the named (or the default) printer, no dialog.

    Returns (pages sent, printer name). Raises :class:`PrinterNotFound` naming the printers
    there are, and :class:`PrinterRefused` (an OSError) when the printer cannot be opened.
    """
    names, default = printer_names()
    name = printer_name or default
    if not name or name not in names:
        there = ", ".join(names) if names else "none is set up on this computer"
        what = f"no printer named '{printer_name}'" if printer_name else "no default printer"
        raise PrinterNotFound(f"{what} (printers: {there})", printer_name, names)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    printer.setDocName(title)
    _match_page_size(printer, pdf_bytes)
    return paint_pdf(printer, pdf_bytes), name
