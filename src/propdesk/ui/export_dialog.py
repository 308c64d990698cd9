"""Export or print a register (台账): which book, which period, Excel or PDF, phones masked or
not. The file is written off the GUI thread; afterwards it can be opened at once."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QMessageBox, QVBoxLayout,
)

from propdesk.errors import RuleError
from propdesk.services.core import audit_log
from propdesk.reports import ExportCancelled
from propdesk.reports.excel import export_register
from propdesk.reports.pdf import register_pdf
from propdesk.reports.registers import REGISTERS, suggested_filename
from propdesk.services.register import privacy
from propdesk.ui.widgets import DateEdit
from propdesk.ui.worker import Cancelled, run_task
from propdesk.ui import file_dialogs
from propdesk.ui.file_dialogs import documents_dir  # noqa: F401 - where the dialogs import it from


def open_file(path: Path, parent=None) -> None:
    """Open a PDF or workbook in the system's viewer (from where it can be printed); where no
    viewer can be started, say where the file is."""
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        QMessageBox.information(parent, "PropDesk", QMessageBox.tr(
            "The file is saved, but no program could be started to open it:\n{path}").format(path=path))


class ExportDialog(QDialog):
    def __init__(self, register: str = "complaints", filters=None, parent=None, staff=None):
        super().__init__(parent)
        # who exports: given, or the signed-in person of the window it is opened from
        self.staff = staff if staff is not None else getattr(parent.window() if parent else None, "staff", None)
        self.filters = filters
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Export or print a register"))
        self.setMinimumWidth(460)
        self.register = QComboBox(objectName="register")
        for name, reg in REGISTERS.items():
            self.register.addItem(reg.title(), name)
        self.register.setCurrentIndex(max(self.register.findData(register), 0))
        today = QDate.currentDate()
        self.date_from = DateEdit(today.addDays(1 - today.day()), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = DateEdit(today, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.kind = QComboBox(objectName="kind")
        self.kind.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        self.kind.addItem(self.tr("PDF for printing (.pdf)"), "pdf")
        self.mask = QCheckBox(self.tr("&Mask phone numbers (138****5678), e.g. for a notice board"))
        self.mask.setChecked(privacy.mask_in_exports())  # the office's setting is the default
        self.use_filters = QCheckBox(self.tr("Only what the list shows &now (its filters)"))
        self.use_filters.setChecked(filters is not None)
        self.use_filters.setVisible(filters is not None)
        form = QFormLayout()
        # an Alt key for each field: Tab walks a date's year, month and day before it leaves, so
        # the format was seven Tabs away (seen at the keyboard under Xvfb)
        form.addRow(self.tr("&Register"), self.register)
        form.addRow(self.tr("&From"), self.date_from)
        form.addRow(self.tr("&To"), self.date_to)
        form.addRow(self.tr("F&ormat"), self.kind)
        form.addRow("", self.mask)
        form.addRow("", self.use_filters)
        self.message = QLabel(objectName="message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Export…"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Close"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.register.currentIndexChanged.connect(self._default_period)
        self._default_period()

    def _default_period(self) -> None:
        """The fee ledger starts on the first day of the cashier's month running (the office's
        cut-off day, services/fees/months.py); the other books on the 1st of the month."""
        from propdesk.services.fees import months

        today = QDate.currentDate()
        if self.register.currentData() == "fees":
            self.date_from.setDate(months.period(months.month_of(today.toPython()))[0])
        else:
            self.date_from.setDate(today.addDays(1 - today.day()))

    def choose_path(self, name: str, start: dt.date, end: dt.date, ext: str) -> Path | None:
        pattern = self.tr("Excel workbook (*.xlsx)") if ext == "xlsx" else self.tr("PDF (*.pdf)")
        return file_dialogs.save_file_name(self, self.windowTitle(), suggested_filename(name, start, end, ext), pattern)

    def export(self) -> None:
        name, ext = self.register.currentData(), self.kind.currentData()
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        path = self.choose_path(name, start, end, ext)
        if path is None:
            return
        filters = self.filters if self.use_filters.isChecked() else None
        mask = self.mask.isChecked()

        def work(progress, should_cancel):  # on the worker thread; the file appears only at the end
            if ext == "xlsx":
                return export_register(name, path, start, end, filters, progress, should_cancel, mask)
            return register_pdf(name, path, start, end, filters, progress, mask, should_cancel)

        def describe(done: int, total: int) -> str:
            return self.tr("Writing {file}…\n{done} of {total} lines").format(
                file=path.name, done=f"{done:,}", total=f"{total:,}")

        try:
            rows = run_task(self, self.tr("Writing {file}…").format(file=path.name), work,
                            describe=describe)
        except (Cancelled, ExportCancelled):
            self.message.setText(self.tr("Cancelled: no file was written."))
            return
        except RuleError as err:
            self.message.setText(err.text())
            return
        except OSError as err:
            self.message.setText(self.tr("The file could not be written: {error}").format(error=err.strerror or err))
            return
        self.written = path
        audit_log.record_output(self.staff, "print" if ext == "pdf" else "export", "register", name,
                                path, rows, {"from": start, "to": end, "mask_phones": mask,
                                             "list": audit_log.describe_filters(filters)})
        if path.suffix.lower() == ".pdf":  # a register on paper: the print preview
            answer = QMessageBox.question(self, self.windowTitle(), self.tr(
                "{n} lines written to\n{path}\n\nPrint it now?").format(n=rows, path=path))
            if answer == QMessageBox.Yes:
                from propdesk.ui.printing import print_pdf

                self.preview = print_pdf(path, self.parentWidget())
            self.accept()
            return
        answer = QMessageBox.question(self, self.windowTitle(), self.tr(
            "{n} lines written to\n{path}\n\nOpen it now?").format(n=rows, path=path))
        if answer == QMessageBox.Yes:
            open_file(path, self)
        self.accept()
