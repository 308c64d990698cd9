"""The office printer: every form, notice and register goes through the system print dialog with
a preview, and paper equals the PDF.

PropDesk's printables are reportlab PDFs (one look on paper, on screen and in the archive). To
print one, its pages are rasterised by PDFium (``pypdfium2``: PySide6-Essentials has no QtPdf) at
the printer's resolution (at most ``MAX_DPI``) and painted onto a ``QPrinter`` page by page, each
page scaled to the printer's paper. The paper size and orientation come from the PDF's first page
(A4 portrait forms, A4 landscape registers). The printer last used on this computer is
remembered per desk (a small settings file in PropDesk's data folder, not the shared database:
two desks have two printers). "Save as PDF…" in the preview keeps a copy where the clerk wants it.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QAction, QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar

from propdesk.ui.lazy_qt import Qt
from propdesk.ui import file_dialogs
from propdesk.ui.desk_settings import desk_settings

log = logging.getLogger(__name__)
MAX_DPI = 300  # enough for forms and registers; a 1200 dpi page would be half a gigabyte


def remembered_printer() -> str:
    return str(desk_settings().value("printer/name", "") or "")


def remember_printer(printer: QPrinter) -> None:
    if printer.outputFormat() == QPrinter.NativeFormat and printer.printerName():
        settings = desk_settings()
        settings.setValue("printer/name", printer.printerName())
        settings.sync()


def _document(path: Path):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(str(path))


def page_layout(path: Path) -> QPageLayout:
    """The paper of the PDF's first page: its size (A4, A5 ... or as measured) and orientation."""
    pdf = _document(path)
    try:
        width, height = pdf[0].get_size()  # points
    finally:
        pdf.close()
    landscape = width > height
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Point, "",
                     QPageSize.FuzzyOrientationMatch)
    return QPageLayout(size, QPageLayout.Landscape if landscape else QPageLayout.Portrait,
                       QMarginsF(0, 0, 0, 0))


def new_printer(path: Path, mode=QPrinter.HighResolution) -> QPrinter:
    """A printer set up for the document: the desk's printer if it still exists, the PDF's paper."""
    printer = QPrinter(mode)
    name = remembered_printer()
    if name and name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(name)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setPageLayout(page_layout(path))
    printer.setDocName(path.stem)
    return printer


def _image(page, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, may_draw_forms=True, prefer_bgrx=True)
    formats = {2: QImage.Format_BGR888, 4: QImage.Format_RGB32}  # PDFium BGR / BGRx
    data = bytes(bitmap.buffer)
    image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, formats.get(bitmap.format, QImage.Format_RGB32))
    return image.copy()  # own the pixels: the bitmap's buffer is freed with it


def render(path: Path, printer: QPrinter, dpi: int | None = None) -> int:
    """Paint every page of the PDF onto the printer, one sheet each; returns the pages painted."""
    dpi = dpi or min(max(printer.resolution(), 72), MAX_DPI)
    pdf = _document(path)
    painter = QPainter()
    if not painter.begin(printer):
        pdf.close()
        raise OSError(f"cannot print to {printer.printerName() or printer.outputFileName()}")
    try:
        pages = len(pdf)
        for i in range(pages):
            if i:
                printer.newPage()
            image = _image(pdf[i], dpi)
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            scaled = image.size().scaled(target.size(), Qt.KeepAspectRatio)
            x = target.x() + (target.width() - scaled.width()) // 2
            y = target.y() + (target.height() - scaled.height()) // 2
            painter.drawImage(target.__class__(x, y, scaled.width(), scaled.height()), image)
        return pages
    finally:
        painter.end()
        pdf.close()


class PrintPreview(QPrintPreviewDialog):
    """The preview of one PDF; its Print button opens the system print dialog; "Save as PDF…"
    keeps a copy."""

    def __init__(self, path: Path, parent=None):
        self.path = Path(path)
        self.printer = new_printer(self.path)
        super().__init__(self.printer, parent)
        self.setWindowTitle(self.tr("Print preview - {name}").format(name=self.path.name))
        self.resize(900, 700)
        self.paintRequested.connect(self._paint)
        self.printed_pages = 0
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            # the toolbar's buttons take no keyboard focus (Qt's QToolBar): without keys of their
            # own a clerk at the keyboard could neither print nor save (seen under Xvfb)
            # Qt's Print is the toolbar's last action (QPrintPreviewDialogPrivate::init)
            print_action = toolbar.actions()[-1] if toolbar.actions() else None
            if print_action is not None and not print_action.isSeparator():
                print_action.setObjectName("print_pages")
                _keys(print_action, QKeySequence.Print)
            save = QAction(self.tr("Save as PDF…"), self)
            save.setObjectName("save_pdf")
            save.triggered.connect(self.save_copy)
            _keys(save, QKeySequence.Save)
            toolbar.addSeparator()
            toolbar.addAction(save)

    def _paint(self, printer: QPrinter) -> None:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            self.printed_pages = render(self.path, printer)
            remember_printer(printer)
        except Exception:  # a printer that went away: say so, never a traceback
            log.exception("printing %s failed", self.path)
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "The printer did not take the pages. The PDF is kept here:\n{path}").format(path=self.path))
        finally:
            QApplication.restoreOverrideCursor()

    def save_copy(self) -> Path | None:
        """A copy where the clerk keeps files (Documents, as every export offers): the PDF
        itself is in PropDesk's data folder, where a copy saved 'here' was lost to the clerk."""
        target = file_dialogs.save_file_name(self, self.tr("Save as PDF"), self.path.name, self.tr("PDF (*.pdf)"))
        if target is None:
            return None
        if Path(target).resolve() != self.path.resolve():
            shutil.copyfile(self.path, target)
        return Path(target)


def _keys(action: QAction, keys: QKeySequence.StandardKey) -> None:
    """``action`` on the standard keys (Ctrl+P, Ctrl+S), said in its tooltip."""
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.WindowShortcut)
    shown = action.shortcut().toString(QKeySequence.NativeText)
    action.setToolTip(f"{action.text().rstrip('…')} ({shown})")


def print_pdf(path: Path, parent=None) -> PrintPreview:
    """Show the print preview of a PDF PropDesk made (window-modal, the caller goes on)."""
    dialog = PrintPreview(Path(path), parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog


def print_directly(path: Path, printer_name: str = "") -> int:
    """Print without a dialog (the command line's --print): to the named printer, else the
    desk's remembered one, else the system's default. Returns the pages sent."""
    printer = new_printer(Path(path))
    if printer_name:
        if printer_name not in QPrinterInfo.availablePrinterNames():
            raise LookupError(printer_name)
        printer.setPrinterName(printer_name)
    elif not printer.printerName():
        default = QPrinterInfo.defaultPrinterName()
        if not default:
            raise LookupError("")
        printer.setPrinterName(default)
    return render(Path(path), printer)


def ask_printer(path: Path, parent=None) -> QPrinter | None:
    """The system print dialog alone (no preview), set up for the document."""
    printer = new_printer(Path(path))
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() else None
