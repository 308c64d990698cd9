"""特约服务费月度汇总: the month's paid-service fees for the cashier (by the office's cut-off day,
the 25th unless set otherwise), as a PDF or
a workbook; producing it stops the dashboard's reminder."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout,
)

from propdesk.errors import RuleError
from propdesk.services.core import audit_log
from propdesk.services.fees import months, summary
from propdesk.ui.export_dialog import open_file
from propdesk.ui import file_dialogs


class FeeSummaryDialog(QDialog):
    def __init__(self, staff, month: str | None = None, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Monthly fee summary for the cashier"))
        self.setMinimumWidth(440)
        self.month = QLineEdit(month or months.month_of(dt.date.today()), objectName="fee_month")
        self.span = QLabel(objectName="fee_span")
        self.kind = QComboBox(objectName="kind")
        self.kind.addItem(self.tr("PDF for the cashier (.pdf)"), "pdf")
        self.kind.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        form = QFormLayout()
        cutoff = months.cutoff_day()
        # Alt keys as the weekly summary's dialog has them (there were none: Tab only)
        form.addRow(self.tr("&Month (day {first} to day {last})").format(
            first=cutoff + 1, last=cutoff), self.month)
        form.addRow("", self.span)
        form.addRow(self.tr("F&ormat"), self.kind)
        self.message = QLabel(objectName="message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Make the summary…"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Close"))
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.month.textChanged.connect(self._show_span)
        self._show_span()

    def _show_span(self) -> None:
        try:
            start, end = months.period(months.parse(self.month.text(), "fee_month"))
        except RuleError:
            self.span.setText("")
            return
        self.span.setText(self.tr("{start} to {end}").format(start=start.isoformat(), end=end.isoformat()))

    def choose_path(self, month: str, ext: str) -> Path | None:
        name = self.tr("fee_summary_{month}").format(month=month) + f".{ext}"
        return file_dialogs.save_file_name(self, self.windowTitle(), name, f"*.{ext}")

    def make(self) -> None:
        try:
            month = months.parse(self.month.text(), "fee_month")
        except RuleError as err:
            self.message.setText(err.text())
            self.month.setFocus()
            return
        ext = self.kind.currentData()
        path = self.choose_path(month, ext)
        if path is None:
            return
        try:
            s = summary.summary(month)
            if ext == "pdf":
                from propdesk.reports.pdf.fee_summary import fee_summary_pdf

                fee_summary_pdf(s, path, self.staff.name)
            else:
                from propdesk.reports.fee_summary import fee_summary_xlsx

                fee_summary_xlsx(s, path, self.staff.name)
            months.mark_produced(self.staff, month, str(path))
            audit_log.record_output(self.staff, "print" if ext == "pdf" else "export", "report", "fees",
                                    path, len(s.bill_lines), {"month": month})
        except RuleError as err:
            self.message.setText(err.text())
            return
        except OSError as err:  # a folder not writable, a file open in Excel: said, no traceback
            self.message.setText(self.tr("The file could not be written: {error}").format(error=err.strerror or err))
            return
        self.written = path
        # as the weekly summary and the registers: where the file went, then the next step
        # offered; the PDF in the program's own print preview (it went to the system's viewer,
        # and where there is none only "could not be opened" was said, with no way to print)
        if ext == "pdf":
            question = self.tr("The fee summary is written to\n{path}\n\nPrint it now?")
        else:
            question = self.tr("The fee summary is written to\n{path}\n\nOpen it now?")
        if QMessageBox.question(self, self.windowTitle(), question.format(path=path)) == QMessageBox.Yes:
            if ext == "pdf":
                from propdesk.ui.printing import print_pdf

                self.preview = print_pdf(path, self.parentWidget())
            else:
                open_file(path, self)
        self.accept()
