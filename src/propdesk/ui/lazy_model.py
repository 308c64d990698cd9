"""A lazy table model: pages of rows fetched as the view scrolls, never the whole table.

Subclasses set ``columns`` and define ``fetch(offset, limit) -> list[dict]`` (one indexed query
per page, through a services function) and ``cell(row, key, role)`` (how a cell looks).
``canFetchMore``/``fetchMore`` drive the paging.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from propdesk.ui.widgets import ui_text

PAGE = 200


class LazyTableModel(QAbstractTableModel):
    columns: list[tuple[str, str]] = []  # (sort key, header marked QT_TRANSLATE_NOOP("ui", ...))
    sortable: tuple[str, ...] | None = None  # the sort keys a service can serve fast (None: all)
    page_size = PAGE
    reader = None  # who reads: the signed-in person, set by the owner (services check records.read)

    def __init__(self, filter_, order: str, parent=None):
        super().__init__(parent)
        self.filter = filter_
        self.order, self.descending = order, True
        self.rows: list[dict] = []
        self._exhausted = False
        self._loaded = False  # the first page is read once, by the owner's first refresh
        self.now = dt.datetime.now()

    # --- loading ---------------------------------------------------------------------------
    def set_filter(self, f) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.now = dt.datetime.now()
        self.rows = self.fetch(0, self.page_size)
        self._exhausted = len(self.rows) < self.page_size
        self._loaded = True
        self.endResetModel()

    def all_loaded(self) -> bool:
        """Every row of the filter is in the model (the last page was not full)."""
        return self._loaded and self._exhausted

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's method name
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt's method name
        if parent.isValid() or self._exhausted:
            return
        more = self.fetch(len(self.rows), self.page_size)
        self._exhausted = len(more) < self.page_size
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def can_sort(self, column: int) -> bool:
        return self.sortable is None or self.columns[column][0] in self.sortable

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c[0] == self.order), 0)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not self.can_sort(column):  # offered by the header, but no index serves it
            return
        self.order = self.columns[column][0]
        self.descending = order == Qt.DescendingOrder
        if self._loaded:  # while the view is set up (sorting enabled, indicator) only noted
            self.reload()

    def tick(self) -> None:
        """The clock moved: repaint countdowns and overdue colours."""
        self.now = dt.datetime.now()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    # --- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's method name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's method name
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt's method name
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return ui_text(self.columns[section][1])
        return None

    def row_id(self, row: int) -> int:
        return self.rows[row]["id"]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.UserRole:
            return row["id"]
        return self.cell(row, self.columns[index.column()][0], role)
