"""派工: the dispatch board. Work orders by state and technician, each technician's day, and the
actions from assignment to the supervisor's sign-off."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from propdesk.enums import Urgency, WorkOrderStatus
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.core import accounts, audit_log
from propdesk.services.cases import holds
from propdesk.services.setup import office_lists, reference
from propdesk.services.lists import workorder_search
from propdesk.services.cases import workorders
from propdesk.services.lists.workorder_search import WorkOrderFilter
from propdesk.services.cases.workorders import Completion
from propdesk.services.fees.charges import LineInput
from propdesk.ui.action_dialog import ActionDialog, Field, now
from propdesk.ui.flow_layout import FlowLayout
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.list_table import ListTable, let_last_column_shrink
from propdesk.ui.widgets import DateEdit, IntoResults, countdown, fill_combo, find_label, fmt, ui_text
from propdesk.ui.workorder_model import WorkOrderTableModel
from propdesk.ui.worker import Background

OPEN = "__open__"


class DispatchBoard(QWidget):
    open_work_order = Signal(int)
    changed = Signal()

    def __init__(self, staff, parent=None, background: bool = False):
        """``background``: the first page is read on a worker (the main window's first showing
        of the tab), else at once."""
        super().__init__(parent)
        self.staff = staff
        self.model = WorkOrderTableModel(self)
        self.model.reader = staff
        self.counter = Background(self._show_count, self)
        self.day_loader = Background(self._show_day, self)
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        # Down or Enter: into the results (Enter left the cursor in the box with every button
        # off: seen at the desk; the complaint and callback lists took it already)
        into_results = IntoResults(self.search, self._timer, self.refresh, self.table)
        self.search.returnPressed.connect(into_results.go)
        for combo in (self.status, self.technician, self.urgency):
            combo.currentIndexChanged.connect(self.refresh)
        self.late_only.toggled.connect(self.refresh)
        self.unpaid_only.toggled.connect(self.refresh)
        self.quotes_only.toggled.connect(self.refresh)
        self.day.dateChanged.connect(self.refresh_day)
        self.table.open_requested.connect(self.open_work_order)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self._clock = QTimer(self, interval=60_000)
        self._clock.timeout.connect(self.model.tick)
        self._clock.start()
        # the count follows each read's rows (read on a worker, lazy_model)
        self.model.rows_arrived.connect(lambda: self._counted(self.model.filter))
        self.model.rows_arrived.connect(self._enable)
        self.refresh_in_background() if background else self.refresh()

    def _build(self) -> None:
        self.search = QLineEdit(objectName="wo_search")
        self.search.setPlaceholderText(self.tr("Search number, unit, phone, contact or task"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(objectName="wo_status")
        fill_combo(self.status, [(OPEN, self.tr("Not yet signed off"))] +
                   [(s.value, s.label()) for s in WorkOrderStatus], self.tr("All states"))
        self.status.setCurrentIndex(1)
        self.technician = QComboBox(objectName="wo_technician")
        fill_combo(self.technician, [(t.id, t.name) for t in workorders.technicians()], self.tr("All technicians"))
        self.urgency = QComboBox()
        fill_combo(self.urgency, [(u.value, u.label()) for u in Urgency], self.tr("Any urgency"))
        self.late_only = QCheckBox(self.tr("Not handed over in time"))
        self.unpaid_only = QCheckBox(self.tr("Fees unpaid"), objectName="wo_unpaid")
        # 报价审批: orders whose quote waits for a supervisor (the dashboard's tile)
        self.quotes_only = QCheckBox(self.tr("Quote awaiting approval"), objectName="wo_quotes")
        self.count = QLabel()
        # at 1024x768 the board beside the repair form has ~700 px: the received time, the
        # department, the fee (the state says "unpaid" too), the contact and the hand-over clock
        # (a late order's row is red) give way in that order, then the state narrows, so that
        # what the desk dispatches by stays whole and the task keeps some room; the header's
        # menu brings any back (ListTable)
        self.table = ListTable(self.model, (132, 92, 52, 108, 62, 180, 78, 62, 92, 80, 100), 1,
                               objectName="wo_table", name="work_orders",
                               give_way=("received_at", "department", "fee", "contact_name", "pass_by",
                                         "status", "scheduled_at"), last_room=120)
        # what the desk looks at first, first: number, state, urgency, technician and time before
        # the address; the task last, stretched over what the others leave (elided, whole in its
        # tooltip)
        header = self.table.horizontalHeader()
        keys = [key for key, _label in self.model.columns]
        order = ["number", "status", "urgency", "technician", "scheduled_at", "unit", "contact_name",
                 "pass_by", "fee", "department", "received_at", "description"]
        for visual, key in enumerate(k for k in order if k in keys):
            header.moveSection(header.visualIndex(keys.index(key)), visual)
        self._fit_columns(keys)
        # a filter set from a dashboard tile says so, and is cleared in one click (or Esc)
        self.tile_hint = QLabel(objectName="tile_hint")
        self.tile_hint.setStyleSheet("background: #fff3cd; color: #664d03; padding: 3px 6px;")
        self.tile_clear = QPushButton(self.tr("Show all open orders (Esc)"), objectName="tile_clear")
        self.tile_clear.clicked.connect(self.clear_tile)
        QShortcut(QKeySequence(Qt.Key_Escape), self.search, self.clear_tile).setContext(Qt.WidgetShortcut)
        self.tile_hint.hide()
        self.tile_clear.hide()

        self.buttons = {}
        actions = [
            ("assign", self.tr("&Assign…"), self.do_assign),
            ("start", self.tr("Arri&ved"), self.do_start),
            ("complete", self.tr("&Result…"), self.do_complete),
            ("slip", self.tr("S&lip back"), self.do_slip),
            ("check", self.tr("Sign &off…"), self.do_check),
            ("rework", self.tr("Rewor&k…"), self.do_rework),
            ("fees", self.tr("Fees (pa&id services)…"), self.do_fees),
            ("edit", self.tr("&Edit order…"), self.do_edit),
            ("hold", self.tr("Hold / resu&me…"), self.do_hold),
            ("cancel", self.tr("&Cancel order…"), self.do_cancel),
            ("print", self.tr("Pri&nt notice"), self.print_notice),
        ]
        # the job's course from assignment to sign-off first, then everything else: two rows at
        # 1366 wide, wrapped onto more on a narrow screen rather than widening the window
        flow_row = other_row = FlowLayout()
        for key, text, slot in actions:
            button = QPushButton(text, objectName=f"wo_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row = flow_row if key in ("assign", "start", "complete", "slip", "check", "rework") else other_row
            row.addWidget(button)
        action_row = QVBoxLayout()
        action_row.addLayout(flow_row)
        batch = QPushButton(self.tr("Print today's notices"), objectName="wo_print_today")
        batch.clicked.connect(self.print_today)
        other_row.addWidget(batch)

        self.day = DateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day_table = QTableWidget(0, 3, objectName="day_table")
        self.day_table.setHorizontalHeaderLabels([self.tr("Technician"), self.tr("Jobs"), self.tr("Schedule")])
        self.day_table.verticalHeader().setVisible(False)
        self.day_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.day_table.horizontalHeader().setStretchLastSection(True)
        self.day_table.setColumnWidth(0, 80)
        self.day_table.setColumnWidth(1, 45)
        let_last_column_shrink(self.day_table)  # (the schedule is elided, whole in its tooltip)
        # placed by the tab beside the repair form, where there is room for it
        self.day_box = QGroupBox(self.tr("Technicians' day (who is free)"))
        day_layout = QVBoxLayout(self.day_box)
        day_layout.addWidget(self.day)
        day_layout.addWidget(self.day_table)

        # one row on a wide screen; on a narrow one the filters wrap under the search box
        find = QWidget()
        find_row = QHBoxLayout(find)
        find_row.setContentsMargins(0, 0, 0, 0)
        find_row.addWidget(find_label(self.search))  # Ctrl+F: the work-order tab's
        find_row.addWidget(self.search, 1)
        self.search.setMinimumWidth(180)
        find.setMinimumWidth(find.sizeHint().width())
        filters = FlowLayout()
        filters.addWidget(find)
        for w in (self.status, self.technician, self.urgency):
            filters.addWidget(w)
        filters.addWidget(self.late_only)
        filters.addWidget(self.unpaid_only)
        filters.addWidget(self.quotes_only)
        board = QVBoxLayout()
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.tile_hint, 1)
        hint_row.addWidget(self.tile_clear)
        board.addLayout(hint_row)
        board.addLayout(filters)
        board.addWidget(self.table, 1)
        board.addLayout(action_row)
        board.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(board, 1)

    def _fit_columns(self, keys: list[str]) -> None:
        """Each column as wide as what it holds in the language on screen (English "Ordinary",
        "In progress · paid" were cut to "Ordin…")."""
        fit = self.table.fit_column
        fit(keys.index("number"), ["PG-20261231-999"])
        # the state with a rework's round and "unpaid" ("已完工 · 第2轮 · 未收" was cut at 1366
        # wide), narrowed to the state and "unpaid" at 1024 (the fee has a column of its own,
        # which gives way first); a longer state (on hold as well) is elided, whole in its tooltip
        unpaid = ui_text(QT_TRANSLATE_NOOP("ui", " · unpaid"))
        second = ui_text(QT_TRANSLATE_NOOP("ui", " · round {n}")).format(n=2)
        fit(keys.index("status"), [s.label() + second + unpaid for s in WorkOrderStatus],
            narrow=[s.label() + unpaid for s in WorkOrderStatus])
        fit(keys.index("urgency"), [u.label() for u in Urgency])
        fit(keys.index("technician"), [self.technician.itemText(i) for i in range(1, self.technician.count())])
        # this year's times as month-day and time, another year's as its date (fmt_list)
        for key in ("scheduled_at", "received_at"):
            fit(keys.index(key), ["12-31 23:59", "2025-12-31"])
        fit(keys.index("unit"), ["阳光花园 12栋2单元2402"])  # with its estate
        fit(keys.index("contact_name"), ["王建国"])
        fit(keys.index("fee"), [ui_text(QT_TRANSLATE_NOOP("ui", "¥{fee} unpaid")).format(fee="1280.00"),
                                ui_text(QT_TRANSLATE_NOOP("ui", "¥{fee} settled")).format(fee="1280.00")])
        fit(keys.index("department"), [d.name for d in reference.departments(False)])
        now = dt.datetime(2026, 12, 31, 12, 0)
        fit(keys.index("pass_by"), [ui_text(QT_TRANSLATE_NOOP("ui", "Handed over {at}")).format(at="12-31 23:59"),
                                    countdown(now - dt.timedelta(days=10, hours=23), now)])

    # --- loading ---------------------------------------------------------------------------
    def current_filter(self) -> WorkOrderFilter:
        status = self.status.currentData()
        statuses = workorder_search.open_statuses() if status == OPEN else ((status,) if status else ())
        return WorkOrderFilter(statuses=tuple(statuses), technician_id=self.technician.currentData(),
                               urgency=self.urgency.currentData(), overdue_only=self.late_only.isChecked(),
                               unpaid_only=self.unpaid_only.isChecked(),
                               quotes_waiting=self.quotes_only.isChecked(),
                               text=self.search.text(), at=dt.datetime.now())

    def refresh_in_background(self) -> None:
        """The first showing's refresh: the rows (and then the count) come when a worker has
        read them."""
        self.model.load_in_background(self.current_filter())
        QTimer.singleShot(0, self, self.refresh_day)  # once the tab is drawn, as the rows
        self._enable()

    def refresh(self, select_id: int | None = None) -> None:
        """Rows, then the count, when read; the order just acted on stays selected if it is
        among them (the table keeps the cursor's record across the reset). ``select_id``: an
        order just saved at the repair form becomes the current row when it is among the rows
        read, so the clerk's next key, 派工 (Alt+A), acts on it."""
        self.model.set_filter(self.current_filter())
        if select_id is not None:
            self.model.when_shown(lambda: self._make_current(select_id))
        self.refresh_day()
        self._enable()

    def _make_current(self, wo_id: int) -> None:
        row = self.model.row_of(wo_id)
        if row is not None:
            self._cursor_to(row)
        self._enable()

    def _cursor_to(self, row: int) -> None:
        """The cursor (and the selection) on ``row``, scrolled into sight."""
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)

    def _counted(self, f: WorkOrderFilter) -> None:
        """The count under the list, once its first page is there (counted off the GUI thread:
        0.1-0.2 s at a million complaints' history)."""
        self.model.count_rows(self.counter, self._show_count,
                              lambda n: self.count.setText(self.tr("{n}+ work orders").format(n=n)),
                              lambda: workorder_search.count(f, reader=self.staff))

    def _show_count(self, n: int | None) -> None:
        self.count.setText(self.tr("{n} work orders").format(n=n) if n is not None else "")

    def refresh_day(self) -> None:
        """Who is free on the chosen day: read off the GUI thread (the day's jobs are looked
        for among every order: 0.05-0.2 s at a million complaints' history)."""
        day = self.day.date().toPython()
        self.day_loader.call(lambda: self._day_jobs(day))

    @staticmethod
    def _day_jobs(day: dt.date) -> list[tuple[str, list[tuple[dt.datetime, str]]]]:
        """On the worker thread: (technician, [(time, task)]) for the day, the least busy first."""
        board = workorders.day_board(day)
        names = {t.id: t.name for t in workorders.technicians()}
        return [(names.get(tech_id, "?"), [(j.scheduled_at, j.description) for j in jobs])
                for tech_id, jobs in sorted(board.items(), key=lambda kv: len(kv[1]))]

    def _show_day(self, rows) -> None:
        if rows is None:  # the query failed (logged by the worker): keep what is shown
            return
        self.day_table.setRowCount(len(rows))
        for row, (name, jobs) in enumerate(rows):
            schedule = "；".join(f"{at:%H:%M} {text[:10]}" for at, text in jobs)
            for col, text in enumerate((name, str(len(jobs)), schedule or self.tr("free"))):
                item = QTableWidgetItem(text)
                if col == 2 and jobs:  # each job's whole task, one a line
                    item.setToolTip("\n".join(f"{at:%H:%M} {task}" for at, task in jobs))
                self.day_table.setItem(row, col, item)

    def clear_tile(self) -> None:
        """Back to the usual view: every order not yet signed off, no tile's filter."""
        self.tile_hint.hide()
        self.tile_clear.hide()
        for box in (self.late_only, self.unpaid_only, self.quotes_only):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.status.setCurrentIndex(1)
        self.refresh()

    def show_state(self, key: str, label: str = "") -> None:
        """Show the orders behind a dashboard number."""
        states = {"wo_late": "new", "wo_new": "new", "wo_to_check": "done", "wo_rework": "rework",
                  "fees_unpaid": None, "quotes_waiting": None}
        for box, on in ((self.late_only, key == "wo_late"), (self.unpaid_only, key == "fees_unpaid"),
                        (self.quotes_only, key == "quotes_waiting")):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
        self.status.setCurrentIndex(max(self.status.findData(states[key]), 0))
        self.refresh()
        self.tile_hint.setText(self.tr("Showing the dashboard's \"{tile}\": {state}{late}").format(
            tile=label or key, state=self.status.currentText(),
            late=self.tr(", not handed over in time") if key == "wo_late" else ""))
        self.tile_hint.show()
        self.tile_clear.show()
        self.table.setFocus()

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        # nothing while new rows are read (on a worker): the state shown may be out of date (the
        # order just acted on, whose row is read again) and would allow the wrong step; opening
        # the order (Enter, double-click) stays, as it reads the order afresh
        current = self.table.currentIndex()
        row = self.model.rows[current.row()] if current.isValid() and not self.model.loading else None
        state = WorkOrderStatus(row["status"]) if row else None
        allowed = {key: bool(state) and state in workorders.ALLOWED.get(key, set())
                   for key in ("assign", "start", "complete", "check", "rework", "cancel")}
        allowed["hold"] = bool(row) and row["status"] in holds.OPEN_WORK
        allowed["print"] = bool(row) and state not in (WorkOrderStatus.CANCELLED,)
        allowed["slip"] = bool(row) and state == WorkOrderStatus.DONE and not row["slip_returned"]
        supervisor = accounts.can(self.staff, "workorder.check")
        allowed["check"] &= supervisor
        allowed["fees"] = bool(row) and state != WorkOrderStatus.CANCELLED
        allowed["edit"] = bool(row) and state != WorkOrderStatus.CANCELLED and (
            supervisor or state not in (WorkOrderStatus.DONE, WorkOrderStatus.CHECKED))
        for key, button in self.buttons.items():
            button.setEnabled(allowed[key])

    # --- printing ----------------------------------------------------------------------------
    def print_notice(self) -> None:
        wo_id = self.selected_id()
        if wo_id is not None:
            wo = workorders.read(wo_id, reader=self.staff)
            # a rework's notice is a new paper (marked 返工 and its round), beside the first one
            self._print([wo_id], wo.number + (f"-R{wo.rework_round}" if wo.rework_round else ""))

    def print_today(self) -> None:
        from propdesk.reports.pdf.repair_notice import todays_notices

        ids = todays_notices()
        if not ids:
            QMessageBox.information(self, self.tr("Print"), self.tr("No work order is handed over or scheduled today."))
            return
        self._print(ids, self.tr("notices_{day}").format(day=dt.date.today().isoformat()))

    def _print(self, ids: list[int], name: str) -> None:
        """Write the notices to the printouts folder and show the print preview."""
        from propdesk.reports.pdf.repair_notice import repair_notice_pdf
        from propdesk.ui.case_view import printouts_dir
        from propdesk.ui.printing import print_pdf

        path = printouts_dir() / f"{name}.pdf"
        repair_notice_pdf(ids, path, actor=self.staff)
        # the log of what left the program; each order's own history has its printing already
        # (repair_notice_pdf: 打印维修通知单, the print count), not a second line in English
        audit_log.record_output(self.staff, "print", "work_order", "repair notices", path, len(ids),
                                {"ids": ids})
        self.printed = path
        self.preview = print_pdf(path, self)

    # --- actions -----------------------------------------------------------------------------
    def _act(self, title: str, fields: list[Field], run, intro: str = "", setup=None) -> None:
        wo_id = self.selected_id()
        if wo_id is None:
            return
        row = self.table.currentIndex().row()
        dialog = ActionDialog(title, fields, lambda v: run(wo_id, v), intro, self)
        if setup is not None:
            setup(dialog)
        if dialog.exec():
            self.refresh()
            self.model.when_shown(lambda: self._next_in_place(wo_id, row))
            self.changed.emit()

    def _next_in_place(self, wo_id: int, row: int) -> None:
        """The order just acted on left this list (signed off from 待验收维修, say): the cursor
        goes to the order that took its row, so the supervisor's next Alt+O acts on it without
        a Down first. An order still listed keeps the cursor (the table puts it back)."""
        if self.model.row_of(wo_id) is not None or self.table.currentIndex().isValid() or row < 0:
            return
        count = self.model.rowCount()
        if count:
            self._cursor_to(min(row, count - 1))
        self._enable()

    def _technician_choices(self, department_id: int | None) -> list[tuple]:
        """The order's department's technicians first, the least busy today first."""
        board = workorders.day_board(dt.date.today())
        people = sorted(workorders.technicians(), key=lambda t: (t.department_id != department_id,
                                                                 len(board.get(t.id, [])), t.name))
        return [(t.id, self.tr("{name} ({dept}, {n} jobs today)").format(
            name=t.name, dept=reference.department_name(t.department_id) if t.department_id else "—",
            n=len(board.get(t.id, [])))) for t in people]

    def do_assign(self) -> None:
        wo = workorders.read(self.selected_id(), reader=self.staff)
        technician = Field("technician", self.tr("Technician"), "choice", wo.technician_id,
                           self._technician_choices(wo.department_id))
        proposed = workorders.proposed_time(wo)
        if wo.status != WorkOrderStatus.REWORK.value:
            self._act(self.tr("Assign {number}").format(number=wo.number), [
                technician, Field("when", self.tr("Goes to the customer at"), "datetime", proposed),
            ], lambda i, v: workorders.assign(self.staff, i, v["technician"], v["when"]))
            return
        # a redo: the first visit's time is gone (rework cleared it); the clerk agrees a new
        # window with the owner, stored as the order's agreed time and printed on the notice
        self._act(self.tr("Assign the redo of {number}").format(number=wo.number), [
            technician,
            Field("when", self.tr("New agreed time from"), "datetime", proposed),
            Field("until", self.tr("New agreed time until"), "datetime", proposed + dt.timedelta(hours=2)),
        ], lambda i, v: workorders.assign(self.staff, i, v["technician"], window=(v["when"], v["until"])),
            self.tr("Agree a new time with the owner: the first visit's time is not the redo's."),
            setup=self._window_follows_start)

    @staticmethod
    def _window_follows_start(dialog: ActionDialog) -> None:
        """The window's end moves with its start (the same length), so that a clerk who types
        another day for the start does not leave the end behind on the first one."""
        start, end = dialog.widgets["when"], dialog.widgets["until"]
        last = [start.dateTime()]

        def moved(new) -> None:
            end.setDateTime(end.dateTime().addSecs(last[0].secsTo(new)))
            last[0] = new
        start.dateTimeChanged.connect(moved)

    def do_start(self) -> None:
        self._act(self.tr("Technician arrived"), [Field("arrived_at", self.tr("Arrival time"), "datetime", now())],
                  lambda i, v: workorders.start(self.staff, i, v["arrived_at"]))

    def do_complete(self) -> None:
        wo = workorders.read(self.selected_id(), reader=self.staff)
        fields = [
            Field("arrived_at", self.tr("Arrival time"), "datetime", wo.arrived_at or wo.scheduled_at or now()),
            Field("finished_at", self.tr("Finish time"), "datetime", now()),
            Field("result", self.tr("Result"), "text", ""),
            Field("materials", self.tr("Materials"), "line", ""),
        ]
        # fee lines taken with the result (more, quotes and payment: Fees…)
        items = [(None, self.tr("- none -"))] + [
            (p.id, f"{p.name}  ¥{p.price}/{p.unit_name}") for p in office_lists.price_items(active_only=True)]
        fields += [Field("price_item", self.tr("Price list item"), "search", None, items),
                   Field("quantity", self.tr("Quantity"), "line", "1"),
                   Field("material_name", self.tr("Material charged"), "line", ""),
                   Field("unit_price", self.tr("Material price (yuan)"), "line", "")]
        if not wo.paid:
            fields.append(Field("owner_agreement", self.tr("Chargeable after all: how the owner agreed"), "line", ""))
        fields.append(Field("slip_returned", self.tr("The return slip came back signed by the customer"), "check", False))

        def lines(v: dict) -> list:
            out = []
            if v.get("price_item"):
                out.append(LineInput(kind="item", price_item_id=v["price_item"], quantity=v["quantity"]))
            if v.get("material_name") or v.get("unit_price"):
                out.append(LineInput(kind="material", description=v["material_name"],
                                     unit_price=v["unit_price"], quantity="1"))
            return out

        self._act(self.tr("Result of {number}").format(number=wo.number), fields,
                  lambda i, v: workorders.complete(self.staff, i, Completion(
                      arrived_at=v["arrived_at"], finished_at=v["finished_at"], result=v["result"],
                      materials=v["materials"], lines=lines(v), owner_agreement=v.get("owner_agreement", ""),
                      slip_returned=v["slip_returned"])))

    def do_slip(self) -> None:
        wo_id = self.selected_id()
        if wo_id is not None:
            workorders.confirm_slip(self.staff, wo_id)
            self.refresh()

    def job_summary(self, wo) -> str:
        """What the supervisor signs off: the job's result, materials, fee and slip."""
        yes, no = self.tr("yes"), self.tr("NOT back")
        return "\n".join([
            self.tr("{number}: {task}").format(number=wo.number, task=wo.description),
            self.tr("Technician: {name}; arrived {a}, finished {f}").format(
                name=wo.technician.name if wo.technician_id else "—", a=fmt(wo.arrived_at) or "—",
                f=fmt(wo.finished_at) or "—"),
            self.tr("Result: {result}").format(result=wo.result or "—"),
            self.tr("Materials: {materials}").format(materials=wo.materials or "—"),
            self.tr("Fee: ¥{fee}").format(fee=wo.fee),
            self.tr("Signed return slip back: {slip}").format(slip=yes if wo.slip_returned else no),
        ])

    def do_check(self) -> None:
        wo = workorders.read(self.selected_id(), reader=self.staff)
        self._act(self.tr("Supervisor's check"), [Field("note", self.tr("Note"), "line", "")],
                  lambda i, v: workorders.check(self.staff, i, v["note"]),
                  self.job_summary(wo) + "\n\n" +
                  self.tr("Sign off the job: the return slip is signed and the work is accepted."))

    def do_rework(self) -> None:
        self._act(self.tr("Send back for rework"), [Field("reason", self.tr("Why is the customer not satisfied?"), "text", "")],
                  lambda i, v: workorders.rework(self.staff, i, v["reason"]),
                  self.tr("The same order gets a new round; the first result is kept."))

    def do_fees(self) -> None:
        """Fee lines, quote approval and payment of the selected order (ui/fee_dialog.py)."""
        from propdesk.ui.fee_dialog import FeeDialog

        wo_id = self.selected_id()
        if wo_id is None:
            return
        dialog = FeeDialog(self.staff, wo_id, self)
        self.fee_dialog = dialog
        dialog.exec()
        if dialog.changed:
            self.refresh()
            self.changed.emit()

    def do_edit(self) -> None:
        """Correct a saved order, with a reason (services.cases.workorder_edits)."""
        from propdesk.services.cases import workorder_edits
        from propdesk.services.cases.workorder_edits import WorkOrderEdit

        wo = workorders.read(self.selected_id(), reader=self.staff)
        fields = [
            Field("description", self.tr("What is broken"), "text", wo.description),
            Field("department", self.tr("Department"), "choice", wo.department_id,
                  [(d.id, d.name) for d in reference.departments()]),
            Field("urgency", self.tr("Urgency"), "choice", wo.urgency, [(u.value, u.label()) for u in Urgency]),
            Field("repair_category", self.tr("Repair category"), "choice", wo.repair_category_id,
                  [(None, "—")] + [(c.id, c.name) for c in reference.repair_categories()]),
            Field("paid", self.tr("Paid service (有偿服务)"), "check", wo.paid),
            Field("owner_agreement", self.tr("Owner's agreement (when made paid)"), "line", ""),
            Field("reason", self.tr("Reason for the change"), "line", ""),
        ]
        self._act(self.tr("Edit {number}").format(number=wo.number), fields,
                  lambda i, v: workorder_edits.edit(self.staff, i, WorkOrderEdit(
                      description=v["description"], department_id=v["department"], urgency=v["urgency"],
                      repair_category_id=v["repair_category"], paid=v["paid"],
                      owner_agreement=v["owner_agreement"]), v["reason"]))

    def do_hold(self) -> None:
        wo = workorders.read(self.selected_id(), reader=self.staff)
        if wo.on_hold_since:
            self._act(self.tr("End the hold"), [Field("at", self.tr("Time"), "datetime", now())],
                      lambda i, v: holds.end(self.staff, "work_order", i, v["at"]))
            return
        reasons = [(k, translate("enums", v)) for k, v in holds.REASONS.items()]
        self._act(self.tr("Put on hold"), [Field("reason", self.tr("Waiting for"), "choice", "parts", reasons),
                                           Field("note", self.tr("Note"), "line", "")],
                  lambda i, v: holds.start(self.staff, "work_order", i, v["reason"], v["note"]))

    def do_cancel(self) -> None:
        self._act(self.tr("Cancel the work order"), [Field("reason", self.tr("Reason"), "line", "")],
                  lambda i, v: workorders.cancel(self.staff, i, v["reason"]))
