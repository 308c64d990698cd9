"""周报: the weekly summary for the office head in one click, as a PDF or a workbook."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QMessageBox, QVBoxLayout,
)

from propdesk.errors import RuleError
from propdesk.services.core import audit_log
from propdesk.services.lists import weekly
from propdesk.ui.export_dialog import open_file
from propdesk.ui.widgets import DateEdit
from propdesk.ui.worker import Cancelled, run_task
from propdesk.ui import file_dialogs


class WeeklyReportDialog(QDialog):
    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.written: Path | None = None
        self.preview = None
        self.setWindowTitle(self.tr("Weekly summary"))
        self.setMinimumWidth(420)
        last_week = QDate.currentDate().addDays(-7)
        self.day = DateEdit(last_week, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.span = QLabel()
        self.kind = QComboBox(objectName="kind")
        self.kind.addItem(self.tr("PDF for the office head (.pdf)"), "pdf")
        self.kind.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        form = QFormLayout()
        # Alt keys: Tab walks the date's year, month and day before it leaves (as in ExportDialog)
        form.addRow(self.tr("Any &day of the week"), self.day)
        form.addRow("", self.span)
        form.addRow(self.tr("F&ormat"), self.kind)
        self.message = QLabel(objectName="message")
        self.message.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Make the report…"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Close"))
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.day.dateChanged.connect(self._show_span)
        self._show_span()

    def week(self) -> tuple[dt.date, dt.date]:
        day = self.day.date().toPython()
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)

    def _show_span(self) -> None:
        start, end = self.week()
        iso = start.isocalendar()
        self.span.setText(self.tr("Week {year}-W{week:02d}: {start} to {end}").format(
            year=iso.year, week=iso.week, start=start.isoformat(), end=end.isoformat()))

    def choose_path(self, start: dt.date, ext: str) -> Path | None:
        iso = start.isocalendar()
        name = self.tr("weekly_{year}-W{week:02d}").format(year=iso.year, week=iso.week) + f".{ext}"
        return file_dialogs.save_file_name(self, self.windowTitle(), name, f"*.{ext}")

    def make(self) -> None:
        start, end = self.week()
        ext = self.kind.currentData()
        path = self.choose_path(start, ext)
        if path is None:
            return
        counted = []

        def work(progress, should_cancel):
            summary = weekly.summary(start, end)
            counted.append(summary.this.complaints)
            if ext == "pdf":
                from propdesk.reports.pdf.weekly import weekly_pdf

                weekly_pdf(summary, path, self.staff.name)
            else:
                from propdesk.reports.weekly_excel import weekly_xlsx

                weekly_xlsx(summary, path, self.staff.name)

        try:
            run_task(self, self.tr("Counting the week…"), work)
        except Cancelled:
            return
        except (RuleError, OSError) as err:
            self.message.setText(err.text() if isinstance(err, RuleError) else str(err))
            return
        self.written = path
        audit_log.record_output(self.staff, "print" if ext == "pdf" else "export", "report", "weekly",
                                path, counted[0] if counted else None, {"from": start, "to": end})
        # either format: where the file went, the next step offered, and the dialog closes (as
        # the registers' export does; nothing said where the file was)
        if ext == "pdf":  # on paper for the office head: the same print preview as every printable
            question = self.tr("The weekly summary is written to\n{path}\n\nPrint it now?")
        else:
            question = self.tr("The weekly summary is written to\n{path}\n\nOpen it now?")
        if QMessageBox.question(self, self.windowTitle(), question.format(path=path)) == QMessageBox.Yes:
            if ext == "pdf":
                from propdesk.ui.printing import print_pdf

                self.preview = print_pdf(path, self.parentWidget())
            else:
                open_file(path, self)
        self.accept()
