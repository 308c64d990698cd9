"""The working calendar: a year at a glance (holidays, make-up working days, the office's closed
days), the official schedule from a file for a year the built-in data does not cover, and
days marked by hand."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget, QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QScrollArea, QSpinBox, QVBoxLayout,
    QWidget,
)

from propdesk.errors import RuleError
from propdesk.enums import DayKind
from propdesk.services.setup import calendar_admin
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.setup.common import Messages
from propdesk.ui.widgets import DateEdit, fill_combo, select_data
from propdesk.ui import file_dialogs

COLOURS = {  # background, text
    DayKind.HOLIDAY.value: ("#f8d7da", "#842029"),
    DayKind.WORKDAY.value: ("#cfe2ff", "#052c65"),
    DayKind.CLOSED.value: ("#d3d3d3", "#212529"),
}


class MonthCalendar(QCalendarWidget):
    """One month of the year view, without navigation."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setNavigationBarVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.SingleLetterDayNames)
        self.setFirstDayOfWeek(Qt.Monday)
        weekend = QTextCharFormat()
        weekend.setForeground(QColor("#555555"))
        for day in (Qt.Saturday, Qt.Sunday):
            self.setWeekdayTextFormat(day, weekend)
        self.setMinimumSize(190, 150)

    def show_month(self, year: int, month: int) -> None:
        first = QDate(year, month, 1)
        self.setDateRange(first, first.addDays(first.daysInMonth() - 1))
        self.setCurrentPage(year, month)
        self.setDateTextFormat(QDate(), QTextCharFormat())  # clear the previous year's marks


class YearView(QScrollArea):
    """The twelve months, four to a row on a wide screen and fewer on a narrow one (a 1024x768
    screen: the office-setup dialog must fit it); it scrolls down when the rows do not fit."""

    GAP = 8

    def __init__(self, titles: list[QLabel], months: list[MonthCalendar], parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.titles, self.months = titles, months
        holder = QWidget()
        self.grid = QGridLayout(holder)
        self.grid.setSpacing(self.GAP)
        self.setWidget(holder)
        self.columns = 0
        self.reflow(4)
        # at least two months side by side; the rest of the width is the dialog's to give
        self.setMinimumWidth(2 * (months[0].minimumWidth() + self.GAP) + 30)

    def reflow(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for widget in (*self.titles, *self.months):
            self.grid.removeWidget(widget)
        for i, (title, month) in enumerate(zip(self.titles, self.months)):
            self.grid.addWidget(title, (i // columns) * 2, i % columns)
            self.grid.addWidget(month, (i // columns) * 2 + 1, i % columns)

    def resizeEvent(self, event):  # noqa: N802 - Qt's method name
        month = self.months[0].minimumWidth() + self.GAP
        # counted as if the scroll bar were there, so its coming and going never reflows
        room = self.width() - self.verticalScrollBar().sizeHint().width()
        self.reflow(max(2, min(4, (room + self.GAP) // month)))
        super().resizeEvent(event)


# only the month of the picked day shows a selection; in the others the (clamped) selected day
# is painted in its own mark's colours, else it would look marked, or lose its colour
UNPICKED = "QAbstractItemView { selection-background-color: transparent; selection-color: palette(text); }"


def unpicked_style(kind: str | None) -> str:
    if kind not in COLOURS:
        return UNPICKED
    back, fore = COLOURS[kind]
    return f"QAbstractItemView {{ selection-background-color: {back}; selection-color: {fore}; }}"


def swatch(kind: str, text: str) -> QLabel:
    back, fore = COLOURS[kind]
    label = QLabel(text)
    label.setStyleSheet(f"background: {back}; color: {fore}; padding: 2px 8px; border-radius: 3px;")
    return label


class CalendarTab(QWidget):
    changed = Signal()  # the schedule changed: the main window re-checks its banner

    def __init__(self, staff, editable: bool, parent=None):
        super().__init__(parent)
        self.staff, self.editable = staff, editable
        self.year = QSpinBox(objectName="year")
        self.year.setRange(2004, 2099)
        self.year.setValue(dt.date.today().year)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.source = QLabel(objectName="year_source")
        self.source.setWordWrap(True)
        self.day_info = QLabel(objectName="day_info")
        self.day_info.setWordWrap(True)
        self.months: list[MonthCalendar] = []
        self.month_titles: list[QLabel] = []
        for _ in range(12):
            title = QLabel(alignment=Qt.AlignCenter)
            title.setStyleSheet("font-weight: bold;")
            month = MonthCalendar()
            month.clicked.connect(self.pick_day)
            self.months.append(month)
            self.month_titles.append(title)
        self.year_view = YearView(self.month_titles, self.months)
        legend = QHBoxLayout()
        legend.addWidget(swatch(DayKind.HOLIDAY.value, DayKind.HOLIDAY.label()))
        legend.addWidget(swatch(DayKind.WORKDAY.value, DayKind.WORKDAY.label()))
        legend.addWidget(swatch(DayKind.CLOSED.value, DayKind.CLOSED.label()))
        other_days = QLabel(self.tr("Other days: Monday to Friday are working days."))
        other_days.setWordWrap(True)  # wraps on a 1024-wide screen rather than widening the dialog
        legend.addWidget(other_days, 1)
        left = QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("&Year")))
        head.itemAt(0).widget().setBuddy(self.year)
        head.addWidget(self.year)
        head.addWidget(self.source, 1)
        left.addLayout(head)
        left.addWidget(self.year_view, 1)
        left.addLayout(legend)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(self._side_panel())
        self.refresh()

    def _side_panel(self) -> QVBoxLayout:
        self.schedule_messages = Messages()
        self.import_button = QPushButton(self.tr("&Import a schedule file..."), objectName="import_schedule")
        self.import_button.clicked.connect(self.import_file)
        template = QPushButton(self.tr("Save an empty tem&plate..."), objectName="save_template")
        template.clicked.connect(self.save_template)
        official = QGroupBox(self.tr("Official schedule"))
        box = QVBoxLayout(official)
        text = QLabel(self.tr(
            "Built in up to {last}. For a later year, fill the template from the State Council's "
            "notice (holidays and make-up working days) and import it.").format(
                last=calendar_admin.last_builtin_year()))
        text.setWordWrap(True)
        box.addWidget(text)
        box.addWidget(self.import_button)
        box.addWidget(template)
        # a year counts as entered only when the office says so (one holiday typed by hand
        # does not make the year's schedule known); importing a file marks it too
        self.complete = QCheckBox(objectName="year_complete")
        self.complete.setToolTip(self.tr(
            "Tick when every public holiday and make-up working day of the year is entered: "
            "until then the desk is warned about deadlines in that year."))
        self.complete.clicked.connect(self.mark_complete)
        box.addWidget(self.complete)
        box.addWidget(self.schedule_messages)

        self.day_from = DateEdit(objectName="day_from", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day_to = DateEdit(objectName="day_to", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.kind = QComboBox(objectName="day_kind")
        fill_combo(self.kind, DayKind.choices())
        select_data(self.kind, DayKind.CLOSED.value)
        self.note = QLineEdit(objectName="day_note")
        self.note.setPlaceholderText(self.tr("e.g. 春节, staff training"))
        self.fields = {"day_from": self.day_from, "day_to": self.day_to, "day_kind": self.kind,
                       "day_note": self.note}
        self.mark_messages = Messages()
        mark = QPushButton(self.tr("&Mark these days"), objectName="mark_days")
        mark.clicked.connect(self.mark_days)
        clear = QPushButton(self.tr("&Unmark"), objectName="clear_days")
        clear.setToolTip(self.tr("Remove the office's own marks: the built-in calendar applies again"))
        clear.clicked.connect(self.clear_days)
        by_hand = QGroupBox(self.tr("Days by hand"))
        form = QFormLayout(by_hand)
        form.addRow(self.tr("&From"), self.day_from)
        form.addRow(self.tr("&To"), self.day_to)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Note"), self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(clear)
        buttons.addStretch()
        buttons.addWidget(mark)
        form.addRow(buttons)
        form.addRow(self.mark_messages)
        hint = QLabel(self.tr("Click a day in the calendar to pick it."), objectName="hint")
        hint.setWordWrap(True)
        form.addRow(hint)

        side = QVBoxLayout()
        side.addWidget(self.day_info)
        side.addWidget(official)
        side.addWidget(by_hand)
        side.addStretch()
        holder = QWidget()
        holder.setLayout(side)
        holder.setFixedWidth(330)
        for widget in (official, by_hand):
            widget.setVisible(self.editable)
        outer = QVBoxLayout()
        outer.addWidget(holder)
        return outer

    # --- the year view ---------------------------------------------------------------------
    def refresh(self) -> None:
        year = self.year.value()
        self.summary = calendar_admin.year_summary(year)
        locale = QLocale()
        formats = {}
        for kind, (back, fore) in COLOURS.items():
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(back))
            fmt.setForeground(QColor(fore))
            fmt.setFontWeight(700)
            formats[kind] = fmt
        for i, month in enumerate(self.months):
            month.show_month(year, i + 1)
            self.month_titles[i].setText(locale.standaloneMonthName(i + 1))
        for day, mark in self.summary.marks.items():
            self.months[day.month - 1].setDateTextFormat(QDate(day.year, day.month, day.day), formats[mark.kind])
        s = self.summary
        self.complete.setText(self.tr("{year}'s official schedule is &complete").format(year=year))
        self.complete.setChecked(s.source in ("statutory", "office"))
        self.complete.setEnabled(self.editable and s.source != "statutory")
        if s.source == "statutory":
            where = self.tr("{year}: the statutory schedule (built in).")
        elif s.source == "office":
            where = self.tr("{year}: the official schedule as entered by the office.")
        elif s.source == "partial":
            where = self.tr("{year}: some days are entered, but the year is not marked complete: "
                            "deadlines count Monday to Friday until it is.")
        else:
            where = self.tr("{year}: no official schedule yet. Deadlines count Monday to Friday "
                            "until it is entered.")
        counts = self.tr("{h} weekdays off, {w} make-up working days, {c} office closed days.").format(
            h=s.holidays, w=s.workdays, c=s.closed)
        self.source.setText(where.format(year=year) + " " + counts)
        self.source.setStyleSheet("" if s.source in ("statutory", "office")
                                  else "color: #b00020; font-weight: bold;")
        picked = self.day_from.date().toPython()
        if picked.year == year:  # keep the range being worked on
            self.pick_day(QDate(picked.year, picked.month, picked.day), keep_range=True)
        else:
            self.pick_day(QDate(year, 1, 1))

    def pick_day(self, qdate: QDate, keep_range: bool = False) -> None:
        day = qdate.toPython()
        if not keep_range:
            self.day_from.setDate(qdate)
            self.day_to.setDate(qdate)
        for i, month in enumerate(self.months):
            if i == day.month - 1:
                month.setStyleSheet("")
                continue
            shown = month.selectedDate().toPython()
            mark = self.summary.marks.get(shown) if shown.year == self.summary.year else None
            month.setStyleSheet(unpicked_style(mark.kind if mark else None))
        self.months[day.month - 1].setSelectedDate(qdate)
        mark = self.summary.marks.get(day) if day.year == self.summary.year else None
        if mark is None:
            kind = self.tr("working day") if day.weekday() < 5 else self.tr("weekend")
            self.day_info.setText(self.tr("{day}: {kind}").format(day=day.isoformat(), kind=kind))
            return
        source = self.tr("built in") if mark.source == "statutory" else self.tr("entered by the office")
        self.day_info.setText(self.tr("{day}: {kind} {note} ({source})").format(
            day=day.isoformat(), kind=DayKind(mark.kind).label(), note=mark.note, source=source))
        if mark.note and mark.source == "office":
            self.note.setText(mark.note)

    # --- changes ---------------------------------------------------------------------------
    def _run(self, call, messages: Messages, widgets=None) -> bool:
        messages.clear_marks(widgets or {})
        try:
            result = call()
        except RuleError as err:
            messages.error(err, widgets)
            return False
        if messages is not self.schedule_messages:
            self.schedule_messages.setText("")  # an earlier refusal beside the box is out of date
        self.refresh()
        self.changed.emit()
        return result if result is not None else True

    def mark_complete(self, checked: bool) -> None:
        year = self.year.value()
        if not self._run(lambda: calendar_admin.set_year_complete(self.staff, year, checked),
                         self.schedule_messages, {"year_complete": self.complete}):
            self.complete.setChecked(not checked)  # refused: the box shows what is stored
            return
        done = (self.tr("{year} is marked complete.") if checked
                else self.tr("{year} is no longer marked complete."))
        self.schedule_messages.ok(done.format(year=year))

    def mark_days(self) -> None:
        n = self._run(lambda: calendar_admin.set_days(
            self.staff, self.day_from.date().toPython(), self.day_to.date().toPython(),
            self.kind.currentData(), self.note.text()), self.mark_messages, self.fields)
        if n is not False:
            self.mark_messages.ok(self.tr("{n} days changed.").format(n=n))

    def clear_days(self) -> None:
        n = self._run(lambda: calendar_admin.clear_days(
            self.staff, self.day_from.date().toPython(), self.day_to.date().toPython()),
            self.mark_messages, self.fields)
        if n is not False:
            self.mark_messages.ok(self.tr("{n} days changed.").format(n=n))

    def import_file(self) -> None:
        path, _ = file_dialogs.get_open_file_name(self, self.tr("Import a holiday schedule"), "",
                                                  self.tr("Schedule (*.csv *.xlsx)"))
        if not path:
            return
        self.schedule_messages.setText("")
        schedule = calendar_admin.read_schedule(path)
        if schedule.errors:
            self.schedule_messages.setStyleSheet("color: #b00020;")
            self.schedule_messages.setText(schedule.text())
            return
        days = schedule.days()
        years = sorted({d.year for d in days})
        off = sum(1 for d, (k, _n) in days.items() if k == DayKind.HOLIDAY.value)
        work = sum(1 for d, (k, _n) in days.items() if k == DayKind.WORKDAY.value)
        question = self.tr("{name}: {off} days off and {work} make-up working days in {years}.\n\n"
                           "Enter this as the official schedule? It replaces the holidays and "
                           "make-up days entered before for that year; the office's closed days "
                           "stay.").format(name=Path(path).name, off=off, work=work,
                                           years="、".join(map(str, years)) or "-")
        if schedule.example:
            question = self.tr("This file is marked as an EXAMPLE: it is not the official "
                               "schedule.") + "\n\n" + question
        if QMessageBox.question(self, self.tr("Import a holiday schedule"), question) != QMessageBox.Yes:
            return
        summary = self._run(lambda: calendar_admin.import_schedule(self.staff, schedule),
                            self.schedule_messages)
        if summary:
            self.year.setValue(summary.year)
            self.schedule_messages.ok(self.tr("{year}: schedule entered.").format(year=summary.year))

    def save_template(self) -> None:
        suggested = f"holiday_schedule_{self.year.value()}.xlsx"
        path = file_dialogs.save_file_name(self, self.tr("Save an empty template"), suggested,
                                           self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if path is None:
            return
        calendar_admin.write_template(path)
        self.schedule_messages.ok(self.tr("Template saved: {name}").format(name=Path(path).name))
