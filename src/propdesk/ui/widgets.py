"""Small shared widgets and display helpers."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QObject
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QPlainTextEdit, QWidget

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.ui.lazy_qt import Qt

STYLE = """
*[invalid="true"] { border: 2px solid #d32f2f; background: #fff4f4; }
QLabel#hint { color: #555; }
QLabel#deadline { color: #0b5394; font-weight: bold; }
QLabel#saved { color: #1b5e20; font-weight: bold; }
"""


def ui_text(source: str) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP("ui", ...)."""
    return QCoreApplication.translate("ui", source)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline a field the service refused; the outline goes as soon as the clerk changes it."""
    if not invalid and not widget.property("invalid"):
        return  # not outlined: nothing to take away (a new form's fields: no re-polish at start)
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    if invalid and not widget.property("clears_itself"):
        signal = next((getattr(widget, name) for name in ("textEdited", "textChanged", "currentIndexChanged",
                                                           "dateTimeChanged", "toggled") if hasattr(widget, name)), None)
        if signal is not None:
            signal.connect(lambda *_: widget.property("invalid") and mark_invalid(widget, False))
            widget.setProperty("clears_itself", True)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a dialog ``width`` x ``height``, or smaller to fit the screen it opens on (the
    office's 1024x768 and 1366x768 PCs: a wider dialog had its buttons off the screen)."""
    screen = window.screen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width() - 20), min(height, free.height() - 40)
    window.resize(width, height)


def fmt(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def fmt_list(value: dt.datetime | dt.date | None, now: dt.datetime | dt.date,
             until: dt.datetime | None = None) -> str:
    """A time in a list's narrow column: month-day and time in ``now``'s year ("12-02 09:08"),
    the date alone in another year ("2025-12-02": as wide, and the year is what counts then).
    ``until``: the end of an agreed window, its time after the start's ("12-02 09:00–11:00")
    where the time shows. The cell's tooltip holds the whole value (``fmt``), and exports print
    it whole."""
    if value is None:
        return ""
    if value.year != now.year:
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, dt.datetime):
        return value.strftime("%m-%d")
    return value.strftime("%m-%d %H:%M") + (until.strftime("–%H:%M") if until else "")


def countdown(until: dt.datetime, now: dt.datetime) -> str:
    """'3小时20分' left, or overdue by that much, in words a clerk reads at a glance."""
    seconds = int((until - now).total_seconds())
    late = seconds < 0
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        span = ui_text(QT_TRANSLATE_NOOP("ui", "{d} d {h} h")).format(d=days, h=hours)
    elif hours:
        span = ui_text(QT_TRANSLATE_NOOP("ui", "{h} h {m} min")).format(h=hours, m=minutes)
    else:
        span = ui_text(QT_TRANSLATE_NOOP("ui", "{m} min")).format(m=minutes)
    return ui_text(QT_TRANSLATE_NOOP("ui", "Overdue {span}")).format(span=span) if late else ui_text(QT_TRANSLATE_NOOP("ui", "{span} left")).format(span=span)


class DateTimeEdit(QDateTimeEdit):
    def __init__(self, parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setCalendarPopup(True)
        self.setDateTime(QDateTime.currentDateTime())

    def follow_clock(self) -> None:
        """Keep showing the current time (a form left open stays right) until the clerk
        changes the value by hand."""
        self.set_value(dt.datetime.now())
        if not hasattr(self, "_clock"):
            from PySide6.QtCore import QTimer

            self._clock = QTimer(self, interval=15_000)
            self._clock.timeout.connect(lambda: self.set_value(dt.datetime.now()))
        self._clock.start()

    def keyPressEvent(self, event):  # noqa: N802 - Qt's method name
        if hasattr(self, "_clock") and event.key() not in (Qt.Key_Tab, Qt.Key_Backtab):
            self._clock.stop()  # typed by hand: the clerk's time wins
        super().keyPressEvent(event)

    def mousePressEvent(self, event):  # noqa: N802 - Qt's method name
        if hasattr(self, "_clock"):
            self._clock.stop()
        super().mousePressEvent(event)

    def wheelEvent(self, event):  # noqa: N802 - Qt's method name
        if hasattr(self, "_clock"):
            self._clock.stop()
        super().wheelEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's method name
        # One Tab stop, like every other field (Qt would step through year, month, day ...);
        # the clerk moves between the parts with the arrow keys.
        return QWidget.focusNextPrevChild(self, forward)

    def value(self) -> dt.datetime:
        return self.dateTime().toPython().replace(second=0, microsecond=0)

    def set_value(self, value: dt.datetime) -> None:
        self.setDateTime(QDateTime(value))


class DateEdit(QDateEdit):
    """A date field that is one Tab stop, as DateTimeEdit is: Qt's QDateEdit takes a Tab for the
    year, the month and the day before it lets go (the export dialog's format was seven Tabs from
    the register, the complaint list's filters five more than they look). The arrow keys and
    Left/Right still move between the parts."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's method name
        return QWidget.focusNextPrevChild(self, forward)


class TextBox(QPlainTextEdit):
    """Multi-line text where Tab moves on to the next field, as in every other field."""

    def __init__(self, lines: int = 3, parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height + 40)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.setPlainText(text)


def fill_combo(combo: QComboBox, items: list[tuple], placeholder: str | None = None) -> None:
    """items: (data, text). A placeholder entry (data None) forces a conscious choice."""
    combo.clear()
    if placeholder is not None:
        combo.addItem(placeholder, None)
    for data, text in items:
        combo.addItem(text, data)


class SearchCombo(QComboBox):
    """A choice from a long list (the price list) found by typing any part of it: "开关" offers
    更换空气开关 and 更换开关面板 in a popup under the field, Down and Enter (or a click) take one.
    A plain combo answered single key presses only, each jumping to the next item that starts
    with that character. Text that names no item is kept as typed and chooses nothing
    (``currentData()`` None), so the service's refusal names the field."""

    def __init__(self, parent=None, **kw):
        from PySide6.QtWidgets import QCompleter

        super().__init__(parent, **kw)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        self.setCompleter(completer)
        completer.activated[str].connect(self._taken)

    def _taken(self, text: str) -> None:
        index = self.findText(text, Qt.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)

    def currentData(self, role=None):  # noqa: N802 - Qt's name
        """The chosen item's data (``Qt.UserRole`` unless told), or None while the text names no item."""
        if role is None:
            role = Qt.UserRole
        index = self.findText(self.currentText(), Qt.MatchExactly)
        return self.itemData(index, role) if index >= 0 else None


def select_data(combo: QComboBox, data) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def find_label(search, scope=None):
    """A list's search box is reached by Ctrl+F (anywhere in ``scope``, the list's panel; None:
    the caller places the shortcut) and by the Alt key of the label this returns (put it before
    the box)."""
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QLabel

    def go():
        search.setFocus(Qt.ShortcutFocusReason)
        search.selectAll()

    search.setProperty("find", True)
    if scope is not None:
        shortcut = QShortcut(QKeySequence.Find, scope, go)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
    label = QLabel(ui_text(FIND))
    label.setBuddy(search)
    search.setToolTip(ui_text(FIND_TIP))
    return label


class IntoResults(QObject):
    """Down in a list's search box (and ``go()``, e.g. on Enter) moves into the results: a search
    typed just now (``timer`` still waiting) runs first, then the first row is selected. The
    keyboard otherwise reached the list only after a Tab through every filter."""

    def __init__(self, search, timer, refresh, table):
        super().__init__(search)
        self.timer, self.refresh, self.table = timer, refresh, table
        search.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's method name
        if event.type() == QEvent.KeyPress and event.key() == Qt.Key_Down:
            self.go()
            return True
        return False

    def go(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.refresh()
        model = self.table.model()
        # the results read on a worker: the first row of those, not of the rows shown before
        when_shown = getattr(model, "when_shown", None)
        when_shown(self._into) if when_shown is not None else self._into()

    def _into(self) -> None:
        if self.table.model().rowCount():
            self.table.setFocus()
            self.table.selectRow(0)


FIND = QT_TRANSLATE_NOOP("ui", "Find (&Y)")
FIND_TIP = QT_TRANSLATE_NOOP("ui", "Ctrl+F: to the search box from anywhere in the list")
