"""工作台: what is due and overdue now, what waits for the supervisor, and this week so far.
Every number opens the list behind it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.reports.percent import percent_text
from propdesk.services.lists import dashboard
from propdesk.ui.lazy_qt import set_properties, set_shortcut
from propdesk.ui.widgets import ui_text
from propdesk.ui.worker import Background

# (key, label, list it opens, whether a non-zero count is bad news)
DUE_TILES = [
    ("reply_overdue", QT_TRANSLATE_NOOP("ui", "Replies overdue"), "complaints", True),
    ("reply_today", QT_TRANSLATE_NOOP("ui", "Replies due today"), "complaints", False),
    ("resolve_overdue", QT_TRANSLATE_NOOP("ui", "Resolutions overdue"), "complaints", True),
    ("resolve_today", QT_TRANSLATE_NOOP("ui", "Resolutions due today"), "complaints", False),
    ("wo_late", QT_TRANSLATE_NOOP("ui", "Repairs not handed over in time"), "work_orders", True),
    ("wo_new", QT_TRANSLATE_NOOP("ui", "Repairs waiting for a technician"), "work_orders", False),
    ("callbacks_overdue", QT_TRANSLATE_NOOP("ui", "Callbacks overdue"), "callbacks", True),
    ("callbacks_today", QT_TRANSLATE_NOOP("ui", "Callbacks due today"), "callbacks", False),
]
WAITING_TILES = [
    ("escalated", QT_TRANSLATE_NOOP("ui", "Escalated complaints"), "complaints", True),
    ("head_pending", QT_TRANSLATE_NOOP("ui", "Office head not yet told"), "complaints", True),
    ("wo_to_check", QT_TRANSLATE_NOOP("ui", "Repairs to sign off"), "work_orders", False),
    ("wo_rework", QT_TRANSLATE_NOOP("ui", "Repairs sent back for rework"), "work_orders", True),
    ("head_escalations", QT_TRANSLATE_NOOP("ui", "With the office head (incl. reopened twice)"), "complaints", True),
    ("on_hold", QT_TRANSLATE_NOOP("ui", "Complaints on hold"), "complaints", False),
    ("fees_unpaid", QT_TRANSLATE_NOOP("ui", "Paid-service fees not settled"), "work_orders", True),
    # 报价审批: the fee cannot be collected before the supervisor approves the quote
    ("quotes_waiting", QT_TRANSLATE_NOOP("ui", "Quotes awaiting approval"), "work_orders", True),
]


def percent(value: float | None) -> str:
    """As the weekly summary prints it and Excel shows it (23 of 40 is 58% on all three)."""
    return percent_text(value)


class Tile(QPushButton):
    def __init__(self, key: str, label: str, bad: bool, parent=None):
        super().__init__(parent, objectName=f"tile_{key}")
        self.key, self.label, self.bad = key, label, bad
        self.setMinimumSize(170, 60)  # two lines of 11 pt; the window must fit a 768-high screen

    def caption(self) -> str:
        """The tile's words on one line (for the hint a list shows when a tile filtered it)."""
        return ui_text(self.label)

    def show_count(self, n: int) -> None:
        colour = "#b00020" if (self.bad and n) else "#1b5e20" if not n else "#0b5394"
        self.count = n
        self.setStyleSheet(f"QPushButton {{ font-size: 11pt; color: {colour}; text-align: center; }}")
        self._show_text()

    def _show_text(self) -> None:
        """The count over its label; a label too long for the tile (English on a 1024-wide
        screen: "Repairs not handed over in time") goes on two lines instead of being cut."""
        if not hasattr(self, "count"):
            return
        font = QFont(self.font())
        font.setPointSizeF(11)
        label, room = ui_text(self.label), self.width() - 16
        metrics = QFontMetrics(font)
        if metrics.horizontalAdvance(label) > room and " " in label:
            words, lines = label.split(" "), [""]
            for word in words:
                trial = f"{lines[-1]} {word}".strip()
                if lines[-1] and metrics.horizontalAdvance(trial) > room:
                    lines.append(word)
                else:
                    lines[-1] = trial
            label = "\n".join(lines)
        text = f"{self.count}\n{label}"
        if text != self.text():
            self.setText(text)

    def resizeEvent(self, event):  # noqa: N802 - Qt's method name
        super().resizeEvent(event)
        self._show_text()


class Dashboard(QWidget):
    open_list = Signal(str, str)  # (which list, filter key)

    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.tiles: dict[str, Tile] = {}
        # the figures are counted off the GUI thread: at a million complaints with their
        # history they take about half a second, which the window must not wait for
        self.loader = Background(self._show, self)
        self.week = QLabel(objectName="week_figures")
        self.week.setWordWrap(True)
        set_properties(self.week, textFormat="RichText")
        refresh = QPushButton(self.tr("Refresh (F5)"))
        set_shortcut(refresh, "F5")
        refresh.clicked.connect(self.refresh)
        # from the reminder day: the month's summary of paid services is owed to the cashier
        self.fee_reminder = QLabel(objectName="fee_reminder")
        self.fee_reminder.setWordWrap(True)
        self.fee_reminder.setStyleSheet("color: #b00020; font-weight: bold;")
        self.fee_summary_button = QPushButton(self.tr("&Monthly fee summary…"), objectName="fee_summary")
        self.fee_summary_button.clicked.connect(self.fee_summary)
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(self.fee_reminder, 1)
        reminder_row.addWidget(self.fee_summary_button)
        layout = QVBoxLayout(self)
        layout.addLayout(reminder_row)
        layout.addWidget(self._box(self.tr("Due and overdue now"), DUE_TILES, 4))
        layout.addWidget(self._box(self.tr("Waiting for the supervisor"), WAITING_TILES, 3))
        week_box = QGroupBox(self.tr("This week so far"))
        QVBoxLayout(week_box).addWidget(self.week)
        layout.addWidget(week_box)
        report = QPushButton(self.tr("&Weekly summary…"), objectName="weekly_report")
        report.clicked.connect(self.weekly_report)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(report)
        row.addWidget(refresh)
        layout.addLayout(row)
        layout.addStretch()
        # counted once the window is drawn: the worker's imports and queries would otherwise
        # share the two cores with the first paint
        QTimer.singleShot(0, self, self.refresh)

    def _box(self, title: str, tiles: list, columns: int) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        for i, (key, label, target, bad) in enumerate(tiles):
            tile = Tile(key, label, bad)
            tile.clicked.connect(lambda _c=False, t=target, k=key: self.open_list.emit(t, k))
            self.tiles[key] = tile
            grid.addWidget(tile, i // columns, i % columns)
        return box

    def weekly_report(self) -> None:
        from propdesk.ui.weekly_dialog import WeeklyReportDialog

        WeeklyReportDialog(self.staff, self).exec()

    def fee_summary(self) -> None:
        from propdesk.ui.fee_summary_dialog import FeeSummaryDialog

        FeeSummaryDialog(self.staff, dashboard.fee_summary_reminder(), self).exec()
        self.refresh()

    def refresh(self) -> None:
        today = dt.date.today()
        monday = today - dt.timedelta(days=today.weekday())
        self.loader.call(lambda: self._figures(monday, self.staff))

    @staticmethod
    def _figures(monday: dt.date, reader):
        """On the worker thread: the tiles' counts, this week and last, the fee reminder."""
        from propdesk.services.lists import weekly  # with the weekly summary's figures: not needed to show the window

        return (dashboard.counts(reader=reader),
                weekly.trend(monday, monday + dt.timedelta(days=6), weeks=2),
                dashboard.fee_summary_owed())

    def _show(self, figures) -> None:
        if figures is None:  # the count failed (logged by the worker): keep what is shown
            return
        counts, weeks, owed = figures
        # from the office's reminder day: the month's summary of paid services is owed to the
        # cashier by its cut-off day (services/fees/months.py)
        self.fee_reminder.setText(self.tr(
            "The summary of paid-service fees for {month} is not produced yet: it goes to the cashier "
            "by {due}.").format(month=owed[0], due=owed[1].isoformat()) if owed else "")
        for key, tile in self.tiles.items():
            tile.show_count(counts.get(key, 0))
        this, last = weeks[-1], weeks[0]
        self.week.setText(self.tr(
            "Complaints: <b>{n}</b> (last week {n0}) · replied on time: <b>{reply}</b> · resolved on "
            "time: <b>{resolve}</b> · repairs: <b>{wo}</b> (last week {wo0})<br>Callbacks within "
            "3 working days: <b>{cb}</b> · satisfaction: <b>{sat}</b> (target 90%)").format(
                n=this.complaints, n0=last.complaints, reply=percent(this.reply_on_time.value),
                resolve=percent(this.resolve_on_time.value), wo=this.work_orders, wo0=last.work_orders,
                cb=percent(this.callback_rate), sat=percent(this.satisfaction_rate)))
