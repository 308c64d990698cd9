"""The complaint list as a lazy table model: pages of rows fetched as the view scrolls.

Never the whole table in memory: ``canFetchMore``/``fetchMore`` pull the next page through
``services.search.page`` (one indexed query per page, no query per row or cell).
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from propdesk.models.enums import ComplaintStatus, Severity
from propdesk.services import search
from propdesk.services.search import ComplaintFilter
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.ui.widgets import countdown, fmt, ui_text

PAGE = 200
OPEN = set(ComplaintStatus.open_codes())
OVERDUE_BG = QBrush(QColor("#ffd9d9"))
SOON_BG = QBrush(QColor("#fff3cd"))
MAJOR_FG = QBrush(QColor("#b00020"))

# (key used for sorting in services.search.COLUMNS, header)
COLUMNS = [
    ("number", QT_TRANSLATE_NOOP("ui", "Number")),
    ("received_at", QT_TRANSLATE_NOOP("ui", "Received")),
    ("complainant", QT_TRANSLATE_NOOP("ui", "Complainant")),
    ("unit", QT_TRANSLATE_NOOP("ui", "Unit")),
    ("phone", QT_TRANSLATE_NOOP("ui", "Phone")),
    ("category", QT_TRANSLATE_NOOP("ui", "Category")),
    ("severity", QT_TRANSLATE_NOOP("ui", "Class")),
    ("department", QT_TRANSLATE_NOOP("ui", "Department")),
    ("status", QT_TRANSLATE_NOOP("ui", "Status")),
    ("resolve_by", QT_TRANSLATE_NOOP("ui", "Deadline")),
    ("description", QT_TRANSLATE_NOOP("ui", "What happened")),
]


def next_deadline(row: dict) -> dt.datetime | None:
    if row["status"] not in OPEN:
        return None
    return row["reply_by"] if row["replied_at"] is None else row["resolve_by"]


class ComplaintTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter = ComplaintFilter()
        self.order, self.descending = "received_at", True
        self.rows: list[dict] = []
        self._exhausted = False
        self.now = dt.datetime.now()

    # --- loading ---------------------------------------------------------------------------
    def set_filter(self, f: ComplaintFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.now = dt.datetime.now()
        self.rows = search.page(self.filter, self.order, self.descending, 0, PAGE)
        self._exhausted = len(self.rows) < PAGE
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        more = search.page(self.filter, self.order, self.descending, len(self.rows), PAGE)
        self._exhausted = len(more) < PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.order = COLUMNS[column][0]
        self.descending = order == Qt.DescendingOrder
        self.reload()

    def tick(self) -> None:
        """The clock moved: repaint the countdown column and the overdue colours."""
        self.now = dt.datetime.now()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    # --- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return ui_text(COLUMNS[section][1])
        return None

    def complaint_id(self, row: int) -> int:
        return self.rows[row]["id"]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.DisplayRole:
            return self._text(row, key)
        if role == Qt.BackgroundRole:
            due = next_deadline(row)
            if due is not None and due < self.now:
                return OVERDUE_BG
            if due is not None and due - self.now < dt.timedelta(hours=2):
                return SOON_BG
        if role == Qt.ForegroundRole and key == "severity" and row["severity"] == "major":
            return MAJOR_FG
        if role == Qt.ToolTipRole and key == "description":
            return row["description"]
        if role == Qt.UserRole:
            return row["id"]
        return None

    def _text(self, row: dict, key: str) -> str:
        if key == "received_at":
            return fmt(row["received_at"])
        if key == "severity":
            return Severity(row["severity"]).label() + (ui_text(QT_TRANSLATE_NOOP("ui", " · group")) if row["is_group"] else "")
        if key == "status":
            text = ComplaintStatus(row["status"]).label()
            if not row["valid"]:
                text += ui_text(QT_TRANSLATE_NOOP("ui", " · invalid"))
            if row["escalation"] != "none":
                text += ui_text(QT_TRANSLATE_NOOP("ui", " · escalated"))
            return text
        if key == "resolve_by":
            due = next_deadline(row)
            if due is None:
                return fmt(row["closed_at"]) and ui_text(QT_TRANSLATE_NOOP("ui", "Closed {at}")).format(at=fmt(row["closed_at"]))
            what = ui_text(QT_TRANSLATE_NOOP("ui", "reply")) if row["replied_at"] is None else ui_text(QT_TRANSLATE_NOOP("ui", "resolve"))
            return f"{what} · {countdown(due, self.now)}"
        if key == "description":
            return (row["description"] or "").replace("\n", " ")
        return row.get(key) or ""
