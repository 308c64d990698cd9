"""投诉查询: filters, quick search and the lazy complaint list; Enter opens the case."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from propdesk.enums import ComplaintStatus, Severity
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.services.register import owners
from propdesk.services.setup import reference
from propdesk.services.lists import search
from propdesk.services.lists.search import ComplaintFilter
from propdesk.ui.complaint_model import ESCALATION_MARKS, ComplaintTableModel
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.list_table import ListTable
from propdesk.ui.worker import Background
from propdesk.ui.widgets import DateEdit, IntoResults, fill_combo, find_label, ui_text

OPEN = "__open__"


class ComplaintListPanel(QWidget):
    open_complaint = Signal(int)

    def __init__(self, staff, parent=None, background: bool = False):
        """``background``: the first page is read on a worker (the main window's first showing
        of the tab), else at once."""
        super().__init__(parent)
        self.staff = staff
        self.model = ComplaintTableModel(self)
        self.model.reader = staff
        # at a million complaints a count can take a second: it must not hold up the list
        self.counter = Background(self._show_count, self)
        self.due: str | None = None  # a dashboard condition, shown as a removable chip
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        into_results = IntoResults(self.search, self._search_timer, self.refresh, self.table)
        self.search.returnPressed.connect(into_results.go)
        for combo in (self.status, self.category, self.severity, self.department, self.building):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        self.table.open_requested.connect(self.open_complaint)
        self._clock = QTimer(self, interval=60_000)
        self._clock.timeout.connect(self.model.tick)
        self._clock.start()
        # the count follows each read's rows (read on a worker, lazy_model)
        self.model.rows_arrived.connect(lambda: self._counted(self.model.filter))
        self.refresh_in_background() if background else self.refresh()

    def _build(self) -> None:
        self.search = QLineEdit(objectName="search")
        self.search.setPlaceholderText(self.tr(
            "Search number, unit, phone, name or any words of the description"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(objectName="status_filter")
        fill_combo(self.status, [(OPEN, self.tr("Open cases"))] +
                   [(s.value, s.label()) for s in ComplaintStatus], self.tr("All (not voided)"))
        self.category = QComboBox(objectName="category_filter")
        fill_combo(self.category, [(c.id, c.name) for c in reference.categories(False)], self.tr("All categories"))
        self.severity = QComboBox(objectName="severity_filter")
        fill_combo(self.severity, [(s.value, s.label()) for s in Severity], self.tr("All classes"))
        self.department = QComboBox(objectName="department_filter")
        fill_combo(self.department, [(d.id, d.name) for d in reference.departments(False)], self.tr("All departments"))
        self.building = QComboBox(objectName="building_filter")
        fill_combo(self.building, [(b.id, f"{b.estate.name} {b.name}") for b in owners.buildings()],
                   self.tr("All buildings"))
        self.use_dates = QCheckBox(self.tr("Received from"))
        today = QDate.currentDate()
        self.date_from = DateEdit(today.addDays(-30), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = DateEdit(today, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.overdue = QCheckBox(self.tr("Overdue only"), objectName="overdue_filter")
        self.count = QLabel(objectName="count")
        self.due_chip = QPushButton(objectName="due_chip")
        self.due_chip.setToolTip(self.tr("Click or press Esc to remove this filter"))
        self.due_chip.setStyleSheet("background: #e3f2fd; border: 1px solid #90caf9; padding: 2px 8px;")
        self.due_chip.clicked.connect(lambda: self.show_due(None))
        self.due_chip.hide()
        # Esc, wherever the keyboard is in the list (a tile puts it on the rows), as on the
        # dispatch board: only while a dashboard number's filter is on
        self.clear_due = QShortcut(QKeySequence(Qt.Key_Escape), self, lambda: self.show_due(None))
        self.clear_due.setContext(Qt.WidgetWithChildrenShortcut)
        self.clear_due.setEnabled(False)
        export = QPushButton(self.tr("E&xport / print…"), objectName="export")
        export.clicked.connect(self.export)
        refresh = QPushButton(self.tr("Refresh (F5)"))
        refresh.setShortcut("F5")
        refresh.clicked.connect(self.refresh)

        # every column as wide as what it holds, in the language and font on screen, and the
        # rest for what happened; at 1024x768 the phone, the department and the category give way
        # to it (the header's menu brings them back: ListTable), in English the complainant too
        self.table = ListTable(self.model, (150, 90, 80, 130, 110, 130, 80, 90, 110, 170), 1,
                               objectName="complaint_table", name="complaints",
                               give_way=("phone", "department", "category", "complainant"), last_room=160)
        self._fit_columns()

        row1 = QHBoxLayout()
        row1.addWidget(find_label(self.search, self))
        row1.addWidget(self.search, 3)
        row1.addWidget(self.status, 1)
        row1.addWidget(self.overdue)
        row1.addWidget(self.due_chip)
        row1.addWidget(export)
        row1.addWidget(refresh)
        row2 = QHBoxLayout()
        for w in (self.category, self.severity, self.department, self.building):
            row2.addWidget(w, 1)
        row2.addWidget(self.use_dates)
        row2.addWidget(self.date_from)
        row2.addWidget(QLabel("–"))
        row2.addWidget(self.date_to)
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def _fit_columns(self) -> None:
        keys = [key for key, _label in self.model.columns]
        fit = self.table.fit_column
        fit(keys.index("number"), ["TS-20261231-999"])
        # this year's times as month-day and time, another year's as its date (fmt_list)
        fit(keys.index("received_at"), ["12-31 23:59", "2025-12-31"])
        fit(keys.index("complainant"), ["欧阳建国"])  # a longer name is elided, whole in its tooltip
        # a unit with its estate in front (阳光花园 12栋1单元1201) is read whole, in any font
        fit(keys.index("unit"), ["阳光花园 12栋2单元2402"])
        fit(keys.index("phone"), ["188 8888 8888", "0755-26881234"])
        fit(keys.index("category"), [self.category.itemText(i) for i in range(1, self.category.count())])
        group = ui_text(QT_TRANSLATE_NOOP("ui", " · group"))
        fit(keys.index("severity"), [s.label() + group for s in Severity])
        fit(keys.index("department"), [self.department.itemText(i) for i in range(1, self.department.count())])
        # a state with one mark; with more (· invalid · repeat) it is elided, whole in its tooltip
        fit(keys.index("status"), [s.label() + ui_text(mark) for s in ComplaintStatus
                                   for mark in ESCALATION_MARKS.values()])
        at = "12-31 23:59"
        fit(keys.index("resolve_by"), [
            ui_text(QT_TRANSLATE_NOOP("ui", "reply")) + " · " + ui_text(QT_TRANSLATE_NOOP("ui", "Overdue {span}")).format(
                span=ui_text(QT_TRANSLATE_NOOP("ui", "{d} d {h} h")).format(d=10, h=23)),
            ui_text(QT_TRANSLATE_NOOP("ui", "Closed {at}")).format(at=at),
            ui_text(QT_TRANSLATE_NOOP("ui", "On hold since {at}")).format(at=at)])

    def current_filter(self) -> ComplaintFilter:
        status = self.status.currentData()
        statuses = ComplaintStatus.open_codes() if status == OPEN else ((status,) if status else ())
        dates = self.use_dates.isChecked()
        return ComplaintFilter(
            statuses=tuple(statuses), category_id=self.category.currentData(),
            severity=self.severity.currentData(), department_id=self.department.currentData(),
            building_id=self.building.currentData(),
            date_from=self.date_from.date().toPython() if dates else None,
            date_to=self.date_to.date().toPython() if dates else None,
            overdue_only=self.overdue.isChecked(), due=self.due, text=self.search.text(),
            at=dt.datetime.now())

    def refresh_in_background(self) -> None:
        """The first showing's refresh: the rows (and then the count) come when a worker has
        read them."""
        self.model.load_in_background(self.current_filter())

    def refresh(self) -> None:
        self.model.set_filter(self.current_filter())  # rows, then the count, when read

    def _counted(self, f: ComplaintFilter) -> None:
        """The count under the list, once its first page is there."""
        self.model.count_rows(self.counter, self._show_count,
                              lambda n: self.count.setText(self.tr("{n}+ complaints").format(n=n)),
                              lambda: search.count(f, reader=self.staff))

    def _show_count(self, total: int | None) -> None:
        self.count.setText(self.tr("{n} complaints").format(n=total) if total is not None else "")

    def export(self) -> None:
        # what the filters on screen choose, also while their rows are still being read (the
        # old rows shown meanwhile are not what the clerk asked for); the dialog reads its own
        from propdesk.ui.export_dialog import ExportDialog

        ExportDialog("complaints", self.current_filter(), self).exec()

    def show_due(self, key: str | None, label: str = "") -> None:
        """List the open complaints behind a dashboard number (None clears it)."""
        self.due = key
        self.due_chip.setText(f"{label}  ✕")
        self.due_chip.setVisible(key is not None)
        self.clear_due.setEnabled(key is not None)
        self.refresh()
        self.table.setFocus()

    def show_overdue(self) -> None:
        self.status.setCurrentIndex(self.status.findData(OPEN))
        self.overdue.setChecked(True)
        self.table.setFocus()
