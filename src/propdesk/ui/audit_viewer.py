"""The audit log viewer (supervisors and administrators): filters, a lazy table, Excel export."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QVBoxLayout,
)

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.services.core import accounts
from propdesk.services.core import audit_log
from propdesk.services.core.audit_log import AuditFilter
from propdesk.ui.errors import show_rule_error
from propdesk.ui.lazy_model import DISPLAY, TOOLTIP, FOREGROUND, LazyTableModel
from propdesk.ui.list_table import ListTable
from propdesk.ui.widgets import DateEdit, fit_to_screen
from propdesk.ui.worker import Background, Cancelled, run_task
from propdesk.ui import file_dialogs

COLUMNS = [
    ("at", QT_TRANSLATE_NOOP("ui", "Date and time")),
    ("who", QT_TRANSLATE_NOOP("ui", "Person")),
    ("entity_label", QT_TRANSLATE_NOOP("ui", "Record kind")),
    ("record", QT_TRANSLATE_NOOP("ui", "Record")),
    ("action_label", QT_TRANSLATE_NOOP("ui", "Action")),
    ("note", QT_TRANSLATE_NOOP("ui", "Note")),
    ("changes", QT_TRANSLATE_NOOP("ui", "Changes (old → new)")),
]


class AuditTableModel(LazyTableModel):
    """Pages of the filtered log, newest first (the order is fixed: it is a log), each continuing
    from a row shown (keyset), in a bounded window as the other lists; Ctrl+End reads the oldest
    page (the log read oldest first, turned round)."""

    columns = COLUMNS
    sortable = ()  # a log is read newest first: the header's arrow stays on the time
    keyset = True

    def __init__(self, actor, parent=None):
        self.actor = actor
        super().__init__(AuditFilter(), "at", parent)

    def fetch_page(self, limit: int, after: dict | None = None, before: dict | None = None,
                   reverse: bool = False) -> list[dict]:
        return audit_log.page(self.actor, self.filter, limit, after=after, before=before,
                              oldest_first=reverse)

    def cell(self, row: dict, key: str, role: int):
        if role == DISPLAY:
            value = row[key]
            if key == "at":
                return value.strftime("%Y-%m-%d %H:%M:%S")
            text = (value or "").replace("\n", " ")
            return text[:200] + "…" if len(text) > 200 else text
        if role == TOOLTIP and key in ("note", "changes") and row[key]:
            return row[key]
        if role == TOOLTIP and key == "who" and row["role"]:
            return row["role"]
        if role == FOREGROUND and row["action"] in ("refused", "login_failed", "login_wait", "login_unknown"):
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#b00020"))
        return None


class AuditViewer(QDialog):
    def __init__(self, staff, parent=None):
        super().__init__(parent)
        accounts.require(staff, audit_log.PERMISSION)  # the service checks too; a refusal is audited
        self.staff = staff
        self.setWindowTitle(self.tr("Audit log"))
        fit_to_screen(self, 1180, 700)

        self.person = QComboBox(objectName="person")
        self.person.addItem(self.tr("Everyone"), None)
        for sid, name in audit_log.people():
            self.person.addItem(name, sid)
        self.kind = QComboBox(objectName="kind")
        self.kind.addItem(self.tr("All records"), None)
        for code, text in audit_log.entities():
            self.kind.addItem(text, code)
        self.record = QLineEdit(objectName="record")
        self.record.setPlaceholderText(self.tr("Number, e.g. TS-20261124-003"))
        self.record.setClearButtonEnabled(True)
        self.dated = QCheckBox(self.tr("From"), objectName="dated")
        today = QDate.currentDate()
        self.date_from = DateEdit(today.addDays(-30), objectName="date_from", calendarPopup=True)
        self.date_to = DateEdit(today, objectName="date_to", calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.dated.toggled.connect(self.date_from.setEnabled)
        self.dated.toggled.connect(self.date_to.setEnabled)
        search = QPushButton(self.tr("&Search"), objectName="search")
        search.setDefault(True)
        search.clicked.connect(self.apply_filter)
        self.record.returnPressed.connect(self.apply_filter)
        for combo in (self.person, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())

        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("Person")), 0, 0)
        filters.addWidget(self.person, 0, 1)
        filters.addWidget(QLabel(self.tr("Record kind")), 0, 2)
        filters.addWidget(self.kind, 0, 3)
        filters.addWidget(QLabel(self.tr("Record number")), 0, 4)
        filters.addWidget(self.record, 0, 5)
        dates = QHBoxLayout()
        dates.addWidget(self.dated)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        dates.addWidget(search)
        filters.addLayout(dates, 1, 0, 1, 6)
        filters.setColumnStretch(5, 1)

        self.model = AuditTableModel(staff, self)
        self.counter = Background(self._show_total, self)
        self.model.rows_arrived.connect(self._counted)
        # the lists' table: keeps its place as the window of rows moves, Ctrl+Home/Ctrl+End to
        # the log's first and last entries, "Reading…" while a read takes long, and a last
        # column that may shrink at 1024 px
        self.table = ListTable(self.model, (145, 80, 100, 135, 110, 200), 0, objectName="audit_table",
                               name="audit_log")
        self.table.setWordWrap(False)

        self.total = QLabel(objectName="total")
        export = QPushButton(self.tr("Export to &Excel…"), objectName="export")
        export.clicked.connect(self.export)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(export)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.apply_filter()

    def current_filter(self) -> AuditFilter:
        f = AuditFilter(staff_id=self.person.currentData(), entity=self.kind.currentData(),
                        record=self.record.text())
        if self.dated.isChecked():
            f.date_from = self.date_from.date().toPython()
            f.date_to = self.date_to.date().toPython()
        return f

    def apply_filter(self) -> None:
        try:
            f = self.current_filter()
        except RuleError as err:
            show_rule_error(self, err)
            return
        self.model.set_filter(f)  # rows on the model's worker, then the total (_counted)

    def _counted(self) -> None:
        """The total under the list once its rows are there: the rows themselves when they are
        all, else a true lower bound now and the exact count from a worker (a log of ten years
        holds millions of entries: counting them took over a second on the GUI thread)."""
        f = self.model.filter
        self.model.count_rows(self.counter, self._show_total,
                              lambda n: self.total.setText(self.tr("{n}+ entries").format(n=n)),
                              lambda: audit_log.count(self.staff, f))

    def _show_total(self, n: int | None) -> None:
        self.total.setText(self.tr("{n} entries").format(n=n) if n is not None else "")

    def export(self) -> None:
        """The filtered log to Excel, written on a worker behind a progress dialog with Cancel
        (it was written on the GUI thread: the window froze for the whole log)."""
        from propdesk.reports import ExportCancelled
        from propdesk.reports.audit_export import export_audit

        name = f"audit-{dt.date.today():%Y%m%d}.xlsx"
        chosen = file_dialogs.save_file_name(self, self.tr("Export the audit log"), name,
                                             self.tr("Excel workbook (*.xlsx)"))
        if chosen is None:
            return
        path = str(chosen)
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            f = self.current_filter()
        except RuleError as err:
            show_rule_error(self, err)
            return
        file = Path(path).name

        def work(progress, should_cancel):  # on a worker: a year of the log is ~500,000 lines
            return export_audit(self.staff, f, path, lambda n: progress(n, 0), should_cancel)

        try:
            n = run_task(self, self.tr("Writing {file}…").format(file=file), work,
                         describe=lambda done, _total: self.tr("Writing {file}…\n{n} entries").format(
                             file=file, n=f"{done:,}"))
        except (Cancelled, ExportCancelled):
            QMessageBox.information(self, self.windowTitle(), self.tr("Cancelled: no file was written."))
            return
        except RuleError as err:
            show_rule_error(self, err)
            return
        QMessageBox.information(self, self.windowTitle(), self.tr(
            "{n} entries written to\n{path}").format(n=n, path=path))
