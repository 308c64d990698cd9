"""回访: callbacks due today, overdue and upcoming, a week view, and making a callback."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QVBoxLayout, QWidget,
)

from propdesk.services.core import accounts
from propdesk.services.lists import callback_search
from propdesk.services.cases import callbacks
from propdesk.services.register import owners
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.enums import CallbackStatus, Satisfaction
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.ui.action_dialog import ActionDialog, Field
from propdesk.ui.callback_dialog import CallbackDialog
from propdesk.ui.callback_model import CallbackTableModel
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.list_table import LAST_MIN, ListTable
from propdesk.ui.widgets import IntoResults, fill_combo, find_label, ui_text
from propdesk.ui.worker import Background

# the week's buttons, in the office's language (they stayed 一/二/三 in English)
WEEKDAYS = (QT_TRANSLATE_NOOP("ui", "Mon"), QT_TRANSLATE_NOOP("ui", "Tue"), QT_TRANSLATE_NOOP("ui", "Wed"),
            QT_TRANSLATE_NOOP("ui", "Thu"), QT_TRANSLATE_NOOP("ui", "Fri"), QT_TRANSLATE_NOOP("ui", "Sat"),
            QT_TRANSLATE_NOOP("ui", "Sun"))


class CallbackTab(QWidget):
    changed = Signal()

    def __init__(self, staff, parent=None, background: bool = False):
        """``background``: the first page is read on a worker (the main window's first showing
        of the tab), else at once."""
        super().__init__(parent)
        self.staff = staff
        self.model = CallbackTableModel(self)
        self.model.reader = staff
        self.counter = Background(self._show_count, self)
        self.monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
        self.day: dt.date | None = None
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        # Down or Enter in the search box: into the results, as in the complaint list and the
        # dispatch board (here the keyboard stayed in the box: seen under Xvfb)
        into_results = IntoResults(self.search, self._timer, self.refresh, self.table)
        self.search.returnPressed.connect(into_results.go)
        for combo in (self.view, self.clerk, self.building, self.kind):
            combo.currentIndexChanged.connect(self.refresh)
        self.table.open_requested.connect(self.make_callback)
        # the count follows each read's rows (read on a worker, lazy_model)
        self.model.rows_arrived.connect(lambda: self._counted(self.model.filter))
        self.model.rows_arrived.connect(self._reading)
        self.refresh_in_background() if background else self.refresh()

    def _build(self) -> None:
        self.view = QComboBox(objectName="cb_view")
        views = [("today", self.tr("Due today")), ("overdue", self.tr("Overdue")),
                 ("upcoming", self.tr("Upcoming")), ("open", self.tr("All not yet made")),
                 ("done", self.tr("Made")), ("all", self.tr("All"))]
        fill_combo(self.view, views)
        self.view.setCurrentIndex(3)
        self.clerk = QComboBox(objectName="cb_clerk")
        fill_combo(self.clerk, [(s.id, s.name) for s in callbacks.clerks()], self.tr("All clerks"))
        self.building = QComboBox()
        fill_combo(self.building, [(b.id, f"{b.estate.name} {b.name}") for b in owners.buildings()],
                   self.tr("All buildings"))
        self.kind = QComboBox()
        fill_combo(self.kind, [("complaint", self.tr("Complaints")), ("work_order", self.tr("Repairs"))],
                   self.tr("Complaints and repairs"))
        self.search = QLineEdit(objectName="cb_search")
        self.search.setPlaceholderText(self.tr("Search number, unit, name or phone"))
        self.search.setClearButtonEnabled(True)

        self.week_label = QLabel()
        prev_week = QPushButton("◀")
        prev_week.setToolTip(self.tr("Previous week"))
        prev_week.clicked.connect(lambda: self._shift_week(-7))
        next_week = QPushButton("▶")
        next_week.setToolTip(self.tr("Next week"))
        next_week.clicked.connect(lambda: self._shift_week(7))
        self.day_buttons = []
        week = QHBoxLayout()
        week.addWidget(QLabel(self.tr("Week:")))
        week.addWidget(prev_week)
        for i in range(7):
            button = QPushButton(objectName=f"day_{i}", checkable=True)
            button.clicked.connect(lambda checked, i=i: self._pick_day(i, checked))
            self.day_buttons.append(button)
            week.addWidget(button)
        week.addWidget(next_week)
        week.addStretch()

        # where the summary would not have its header's width (English at 1024x768: the list
        # scrolled sideways) the attempts, the clerk and then the callback's own number give way
        # (the case's number stays); the header's menu brings them back
        self.table = ListTable(self.model, (130, 150, 150, 120, 70, 110, 70, 50, 110), 0, Qt.AscendingOrder,
                               objectName="cb_table", name="callbacks",
                               give_way=("attempts", "clerk", "number"), last_room=LAST_MIN)
        # as wide as what they hold in the language on screen: "2026-10-26 (overdue)", a unit with
        # its estate (阳光花园 12栋2单元2402), the "Attempts" header (cut in English before)
        keys = [key for key, _label in self.model.columns]
        self.table.fit_column(keys.index("due_date"),
                              ["2026-12-31" + ui_text(QT_TRANSLATE_NOOP("ui", " (overdue)"))])
        self.table.fit_column(keys.index("unit"), ["阳光花园 12栋2单元2402"])
        self.table.fit_column(keys.index("attempts"), ["3"])
        # the numbers, the phone and the state as wide as they are, not 150 px each: at 1024x768
        # the table needed a horizontal scroll bar and the summary was off the right edge (seen
        # under Xvfb); what is left goes to the summary (elided, whole in its tooltip; ListTable
        # lets the last column shrink to LAST_MIN)
        numbers = [f"{prefix}-20261231-999" for prefix in ("TS", "PG", "SJ", "HF")]
        self.table.fit_column(keys.index("number"), numbers)
        self.table.fit_column(keys.index("case"), numbers)
        self.table.fit_column(keys.index("phone"), ["188 8888 8888", "0755-26881234"])
        no_answer = ui_text(QT_TRANSLATE_NOOP("ui", " · no answer"))
        self.table.fit_column(keys.index("status"), [s.label() + no_answer for s in CallbackStatus]
                              + [s.label() for s in Satisfaction])

        make = QPushButton(self.tr("&Call back…  (Enter)"), objectName="cb_make")
        make.clicked.connect(lambda: self.make_callback(self.selected_id()))
        move = QPushButton(self.tr("&Move…"), objectName="cb_move")
        move.clicked.connect(self.move)
        take = QPushButton(self.tr("&Take over"), objectName="cb_take")
        take.clicked.connect(self.take_over)
        # changes made from the list, off while new rows are read (below, _reading)
        self.row_actions = (move, take)
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(find_label(self.search, self))
        filters.addWidget(self.search, 2)
        for w in (self.view, self.clerk, self.building, self.kind):
            filters.addWidget(w, 1)
        actions = QHBoxLayout()
        for w in (make, move, take):
            actions.addWidget(w)
        actions.addStretch()
        actions.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(week)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    # --- week view ---------------------------------------------------------------------------
    def _shift_week(self, days: int) -> None:
        self.monday += dt.timedelta(days=days)
        self.day = None
        self.refresh()

    def _pick_day(self, index: int, checked: bool) -> None:
        self.day = self.monday + dt.timedelta(days=index) if checked else None
        if self.day is not None:
            self.view.blockSignals(True)
            self.view.setCurrentIndex(self.view.findData("open"))
            self.view.blockSignals(False)
        self.refresh()

    def _paint_week(self) -> None:
        counts = callbacks.week_counts(self.monday, reader=self.staff)
        today = dt.date.today()
        for i, button in enumerate(self.day_buttons):
            day = self.monday + dt.timedelta(days=i)
            button.setText(self.tr("{wd} {m}/{d}: {n}").format(wd=ui_text(WEEKDAYS[i]), m=day.month, d=day.day,
                                                              n=counts[day]))
            button.setChecked(day == self.day)
            style = "font-weight: bold;" if day == today else ""
            if day < today and counts[day]:
                style += "color: #b00020;"
            button.setStyleSheet(style)

    # --- loading and actions -----------------------------------------------------------------
    def current_filter(self) -> CallbackFilter:
        return CallbackFilter(view=self.view.currentData(), day=self.day, clerk_id=self.clerk.currentData(),
                              building_id=self.building.currentData(), kind=self.kind.currentData(),
                              text=self.search.text(), today=dt.date.today())

    def refresh_in_background(self) -> None:
        """The first showing's refresh: the rows (and then the count) come when a worker has
        read them."""
        self.model.load_in_background(self.current_filter())
        self._paint_week()

    def refresh(self) -> None:
        self.model.set_filter(self.current_filter())  # rows, then the count, when read
        self._reading()
        self._paint_week()

    def _reading(self) -> None:
        """Moving or taking over a callback is off while new rows are read: the rows shown
        meanwhile may be out of date (the one just acted on, or the old filter's). Calling back
        (Enter) stays: its dialog reads the callback afresh and refuses one already done."""
        for button in self.row_actions:
            button.setEnabled(not self.model.loading)

    def _counted(self, f: CallbackFilter) -> None:
        """The count under the list, once its first page is there."""
        self.model.count_rows(self.counter, self._show_count,
                              lambda n: self.count.setText(self.tr("{n}+ callbacks").format(n=n)),
                              lambda: callback_search.count(f, reader=self.staff))

    def _show_count(self, total: int | None) -> None:
        self.count.setText(self.tr("{n} callbacks").format(n=total) if total is not None else "")

    def show_overdue(self) -> None:
        self.show_view("overdue")

    def show_view(self, view: str) -> None:
        self.day = None
        self.view.setCurrentIndex(self.view.findData(view))
        self.refresh()
        self.table.setFocus()

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def make_callback(self, cb_id: int | None) -> None:
        if cb_id is None:
            return
        dialog = CallbackDialog(self.staff, cb_id, self)
        if dialog.exec():
            out = dialog.outcome
            if out.visit_suggested:
                QMessageBox.information(self, self.tr("Callback"), self.tr(
                    "{n} calls without an answer: visit the owner instead.").format(n=out.callback.attempts))
            if out.follow_up is not None:
                QMessageBox.information(self, self.tr("Callback"), self.tr(
                    "The owner is not satisfied: the case was sent back for handling, the supervisor "
                    "is told, and callback {number} is due on {due}.").format(
                        number=out.follow_up.number, due=out.follow_up.due_date.isoformat()))
            self.refresh()
            self.changed.emit()

    def move(self) -> None:
        cb_id = self.selected_id()
        if cb_id is None:
            return
        dialog = ActionDialog(self.tr("Move the callback"), [
            Field("at", self.tr("New day"), "date", dt.date.today() + dt.timedelta(days=1)),
            Field("reason", self.tr("Reason"), "line", "")],
            lambda v: callbacks.move(self.staff, cb_id, v["at"], v["reason"]), parent=self)
        if dialog.exec():
            self.refresh()
            self.changed.emit()

    def take_over(self) -> None:
        cb_id = self.selected_id()
        if cb_id is not None and accounts.can(self.staff, "callback.make"):
            callbacks.take_over(self.staff, cb_id)
            self.refresh()
