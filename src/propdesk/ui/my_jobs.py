"""A technician's start screen: "my jobs" (today's and open orders assigned to them), where the
arrival, the result with materials and the signed return slip are recorded. Nothing else: no
complaint intake, no other people's jobs or phones (the services refuse them too)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from propdesk.errors import RuleError
from propdesk.enums import Urgency, WorkOrderStatus
from propdesk.services.cases import my_jobs, workorders
from propdesk.services.cases.workorders import Completion
from propdesk.ui.action_dialog import ActionDialog, Field, now
from propdesk.ui.lazy_qt import set_properties
from propdesk.ui.widgets import fmt, fmt_list
from propdesk.ui.worker import Background


class MyJobsTab(QWidget):
    changed = Signal()

    def __init__(self, staff, parent=None, background: bool = False):
        super().__init__(parent)
        self.staff = staff
        self.jobs: list[my_jobs.Job] = []
        self.now = dt.datetime.now()
        self.loaded = False  # (the first jobs shown: the start benchmark waits for it)
        self.title = QLabel(objectName="my_jobs_title")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.table = QTableWidget(0, 7, objectName="my_jobs_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Agreed time"), self.tr("Number"), self.tr("Address"), self.tr("Contact"),
            self.tr("Phone"), self.tr("Task"), self.tr("State")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons, as in every list
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        # the address and the contact as wide as usual ones: a place or a name at its field's
        # longest (200, 60 characters) widened its column past the screen, the list scrolled
        # sideways at 1024x768; a longer one is elided, whole in its tooltip and in the job's
        # details below the list
        metrics = self.table.fontMetrics()
        for column, usual in ((2, "阳光花园 12栋2单元2402，主卧卫生间"), (3, "欧阳建国")):
            title = self.table.horizontalHeaderItem(column).text()
            header.setSectionResizeMode(column, QHeaderView.Interactive)
            header.resizeSection(column, max(metrics.horizontalAdvance(usual) + 14,
                                             header.fontMetrics().horizontalAdvance(title) + 16))
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        self.detail = QLabel(objectName="my_job_detail")
        self.detail.setWordWrap(True)
        set_properties(self.detail, textInteractionFlags="TextSelectableByMouse", alignment="AlignTop|AlignLeft")
        self.detail.setStyleSheet("background: white; border: 1px solid #ccc; padding: 8px;")
        self.detail.setMinimumHeight(120)
        self.message = QLabel(objectName="message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, slot in (("arrived", self.tr("&Arrived"), self.do_arrived),
                                ("result", self.tr("&Result, materials, slip…"), self.do_result),
                                ("slip", self.tr("Signed slip &back"), self.do_slip),
                                ("refresh", self.tr("Refresh (F5)"), self.refresh)):
            button = QPushButton(text, objectName=f"job_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch()
        QShortcut(QKeySequence("F5"), self, self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 3)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.detail, 1)
        if background:  # the start tab: the window shows at once, the jobs when they come
            self.title.setText(self.tr("My jobs — {name}: reading…").format(name=staff.name))
            self._show_selected()
            self._reader = Background(self._show, self)
            self._reader.call(lambda: my_jobs.jobs(staff))
        else:
            self.refresh()

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._show(my_jobs.jobs(self.staff))

    def _show(self, jobs: list[my_jobs.Job] | None) -> None:
        """Fill the list with ``jobs`` (None: the read on a worker failed; it is in the log,
        and F5 reads again)."""
        if jobs is None:
            return
        self.loaded = True
        keep = self.selected_id()
        self.message.clear()
        self.jobs = jobs
        self.now = dt.datetime.now()  # a job of another year shows its year (fmt_list)
        today = self.now.date()
        n_today = sum(1 for j in self.jobs if j.scheduled_at and j.scheduled_at.date() == today)
        self.title.setText(self.tr("My jobs — {name}, {day}: {n} today, {m} in all").format(
            name=self.staff.name, day=today.isoformat(), n=n_today, m=len(self.jobs)))
        self.table.setRowCount(len(self.jobs))
        for r, job in enumerate(self.jobs):
            cells = (self._when(job), job.number, job.address, job.contact_name, job.contact_phone,
                     job.description.replace("\n", " "), self._state(job))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setToolTip(self._when(job, whole=True))
                elif c == 5:
                    item.setToolTip(job.description)
                elif c in (2, 3):
                    item.setToolTip(text)
                if job.urgency == Urgency.URGENT.value and c == 6:
                    item.setForeground(QColor("red"))
                self.table.setItem(r, c, item)
        row = next((i for i, j in enumerate(self.jobs) if j.id == keep), 0 if self.jobs else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()

    def _when(self, job, whole: bool = False) -> str:
        """The agreed time (or window): as every list writes a time (``fmt_list``: month-day and
        time this year, the date alone in another), or ``whole``, with its year, for the cell's
        tooltip and the job's details."""
        window = bool(job.window_start and job.window_end)
        start = job.window_start if window else job.scheduled_at or job.window_start
        end = job.window_end if window else None
        if whole:
            return fmt(start) + (end.strftime("–%H:%M") if end else "")
        return fmt_list(start, self.now, until=end)

    def _state(self, job) -> str:
        state = WorkOrderStatus(job.status).label()
        if job.needs_slip:
            state = self.tr("{state}, slip not back").format(state=state)
        if job.rework_round:
            state += self.tr(" (rework {n})").format(n=job.rework_round)
        if job.urgency == Urgency.URGENT.value:
            state = Urgency.URGENT.label() + " · " + state
        return state

    def selected(self) -> my_jobs.Job | None:
        row = self.table.currentRow()
        return self.jobs[row] if 0 <= row < len(self.jobs) else None

    def selected_id(self) -> int | None:
        job = self.selected()
        return job.id if job else None

    def _show_selected(self) -> None:
        job = self.selected()
        state = WorkOrderStatus(job.status) if job else None
        self.buttons["arrived"].setEnabled(state in (WorkOrderStatus.ASSIGNED, WorkOrderStatus.REWORK))
        self.buttons["result"].setEnabled(state in (WorkOrderStatus.ASSIGNED, WorkOrderStatus.IN_PROGRESS,
                                                    WorkOrderStatus.REWORK))
        self.buttons["slip"].setEnabled(bool(job) and job.needs_slip)
        if job is None:
            self.detail.setText(self.tr("No job is assigned to you today and none is open."))
            return
        lines = [
            f"<b>{job.number}</b>　{self._state(job)}",
            self.tr("Address: {a}").format(a=job.address or "—"),
            self.tr("Contact: {name} {phone}").format(name=job.contact_name, phone=job.contact_phone),
            self.tr("Agreed time: {t}").format(t=self._when(job, whole=True) or "—"),
            self.tr("Task: {task}").format(task=job.description),
        ]
        if job.arrived_at:
            lines.append(self.tr("Arrived: {t}").format(t=fmt(job.arrived_at)))
        if job.result:
            lines.append(self.tr("Result: {r}; materials: {m}").format(r=job.result, m=job.materials or "—"))
        if job.paid:
            lines.append(self.tr("Paid service: ¥{fee}").format(fee=job.fee))
        self.detail.setText("<br>".join(lines))

    # --- actions -----------------------------------------------------------------------------
    def _act(self, title: str, fields: list[Field], run) -> None:
        job = self.selected()
        if job is None:
            return
        if ActionDialog(title, fields, lambda v: run(job.id, v), "", self).exec():
            self.refresh()
            self.changed.emit()

    def do_arrived(self) -> None:
        self._act(self.tr("Arrived at {number}").format(number=self.selected().number),
                  [Field("arrived_at", self.tr("Arrival time"), "datetime", now())],
                  lambda i, v: workorders.start(self.staff, i, v["arrived_at"]))

    def do_result(self) -> None:
        job = self.selected()
        fields = [
            Field("arrived_at", self.tr("Arrival time"), "datetime", job.arrived_at or job.scheduled_at or now()),
            Field("finished_at", self.tr("Finish time"), "datetime", now()),
            Field("result", self.tr("Result"), "text", ""),
            Field("materials", self.tr("Materials"), "line", ""),
        ]
        if job.paid:
            from propdesk.services.setup import office_lists  # a paid job's result only (start-up)

            items = [(None, self.tr("- approved quote -"))] + [
                (p.id, f"{p.name}  ¥{p.price}/{p.unit_name}") for p in office_lists.price_items(active_only=True)]
            fields += [Field("price_item", self.tr("Price list item"), "search", None, items),
                       Field("quantity", self.tr("Quantity"), "line", "1")]
        fields.append(Field("slip_returned", self.tr("The return slip came back signed by the customer"), "check", False))
        self._act(self.tr("Result of {number}").format(number=job.number), fields,
                  lambda i, v: workorders.complete(self.staff, i, Completion(
                      arrived_at=v["arrived_at"], finished_at=v["finished_at"], result=v["result"],
                      materials=v["materials"], price_item_id=v.get("price_item"),
                      quantity=v.get("quantity", "1"), slip_returned=v["slip_returned"])))

    def do_slip(self) -> None:
        job = self.selected()
        if job is None:
            return
        try:
            workorders.confirm_slip(self.staff, job.id)
        except RuleError as err:
            self.message.setText(err.text())
            return
        self.refresh()
        self.changed.emit()
