"""A lazy table model: pages of rows fetched as the view scrolls, never the whole table, and
never more than a few pages at once.

Subclasses set ``columns`` and ``cell(row, key, role)`` (how a cell looks) and read their rows
through a services function, one indexed query per page, in one of two ways:

- ``keyset = True`` and ``fetch_page(limit, after=None, before=None)``: the page after (or
  just above) a row already shown. The index seeks to that row, so a page a hundred thousand
  rows down costs what the first does. The three working lists read this way.
- else ``fetch(offset, limit)`` (OFFSET: a deep page reads every row it skips).

The model holds a window of at most ``window_pages`` pages: scrolling down past it lets the top
page go, scrolling back up to the top of the window reads the page above again (the view asks,
see ``ListTable``), so memory stays flat however far the clerk scrolls. ``shifted`` tells the
view how many rows went from (or came in at) the top, so that it keeps its place.

A refresh of the same filter and order keeps the place: the rows are read again around the row
the cursor is on (``anchor_id``), and the view puts the cursor and the selection back on it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal

from propdesk.ui.widgets import ui_text

PAGE = 200
WINDOW_PAGES = 5  # pages held at most (1,000 rows of 200)

# Qt's item roles as plain ints. PySide6 compares the int ``data()`` is given with
# ``Qt.DisplayRole`` through its enum machinery (about 10 µs), and a table's first paint asks
# ``data()`` some 3,000 times (rows on screen x columns x roles): the models compare with these.
DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
USER = Qt.ItemDataRole.UserRole.value
HORIZONTAL = Qt.Orientation.Horizontal


def _same_rows(a, b) -> bool:
    """Two filters that select the same rows (the clock they carry aside)."""
    if dataclasses.is_dataclass(a) and dataclasses.is_dataclass(b) and type(a) is type(b):
        clocks = {f.name: None for f in dataclasses.fields(a) if f.name == "at"}
        return dataclasses.replace(a, **clocks) == dataclasses.replace(b, **clocks)
    return a == b


class LazyTableModel(QAbstractTableModel):
    columns: list[tuple[str, str]] = []  # (sort key, header marked QT_TRANSLATE_NOOP("ui", ...))
    # cell(row, key, role) -> what the cell shows for ``role`` (DISPLAY, TOOLTIP, ... above)
    sortable: tuple[str, ...] | None = None  # the sort keys a service can serve fast (None: all)
    page_size = PAGE
    reader = None  # who reads: the signed-in person, set by the owner (services check records.read)
    window_pages = WINDOW_PAGES
    keyset = False  # pages continue from a row (fetch_page) instead of an offset (fetch)
    shifted = Signal(int)  # rows let go at the top (> 0) or read in above (< 0) while paging
    first_page = Signal()  # the first page read on a worker (load_in_background) is shown

    def __init__(self, filter_, order: str, parent=None):
        super().__init__(parent)
        self.filter = filter_
        self.order, self.descending = order, True
        self.rows: list[dict] = []
        self._exhausted = False  # no rows below the window
        self._more_above = False  # rows above the window (let go while scrolling down)
        self._top = 0  # OFFSET of rows[0] (offset paging only)
        self._loaded = False  # the first page is read once, by the owner's first refresh
        self.loading = False  # the first page is being read on a worker (load_in_background)
        self._loader = None  # that worker's Background, made when first needed
        self.anchor_id: int | None = None  # the row the view's cursor is on (set by the view)
        self.now = dt.datetime.now()

    # --- reading pages (subclasses give one of the two) -----------------------------------------
    def fetch(self, offset: int, limit: int) -> list[dict]:
        raise NotImplementedError

    def fetch_page(self, limit: int, after: dict | None = None, before: dict | None = None) -> list[dict]:
        raise NotImplementedError

    def _first(self, limit: int) -> list[dict]:
        return self.fetch_page(limit) if self.keyset else self.fetch(0, limit)

    def _below(self, limit: int) -> list[dict]:
        if self.keyset:
            return self.fetch_page(limit, after=self.rows[-1])
        return self.fetch(self._top + len(self.rows), limit)

    def _above(self, limit: int) -> list[dict]:
        if self.keyset:
            return self.fetch_page(limit, before=self.rows[0])
        start = max(0, self._top - limit)
        return self.fetch(start, self._top - start)

    # --- loading ---------------------------------------------------------------------------
    def set_filter(self, f) -> None:
        same = self._loaded and _same_rows(f, self.filter)
        self.filter = f
        self.reload(keep_place=same)

    def load_in_background(self, f) -> None:
        """Take filter ``f`` and read its first page on a worker thread (a tab's first showing:
        the GUI thread builds the widgets and only shows the rows when they arrive, then
        ``first_page`` is emitted). Until then the list is empty and asks for nothing; a
        reload meanwhile (another filter, a sort) wins over the rows still on their way."""
        from propdesk.ui.worker import Background

        if self._loader is None:  # threads of their own: a page never waits behind a count
            self._loader = Background(self._arrived, self, threads="pages")
        self.filter = f
        self.loading = True
        # started once the tab is drawn: a worker running Python beside the GUI thread takes
        # turns with it for the interpreter, and the tab would take longer to appear
        QTimer.singleShot(0, self, self._start_loading)

    def _start_loading(self) -> None:
        if self.loading:  # not overtaken by a reload meanwhile
            limit = self.page_size
            self._loader.call(lambda: self._first(limit))

    def _arrived(self, rows: list[dict] | None) -> None:
        self.loading = False
        if rows is None:  # the worker's query failed (logged there): read it here instead
            self.reload()
        else:
            self.beginResetModel()
            self.now = dt.datetime.now()
            self.rows, self._top, self._more_above = rows, 0, False
            self._exhausted = len(rows) < self.page_size
            self._loaded = True
            self.endResetModel()
        self.first_page.emit()

    def reload(self, keep_place: bool = False) -> None:
        """Read the rows again: from the top, or (``keep_place``) around the row the cursor is
        on, as long as it is still held."""
        if self.loading:  # a first page still on its way is not shown over these rows
            self._loader.supersede()
            self.loading = False
        anchor = next((r for r in self.rows if r["id"] == self.anchor_id), None) if keep_place else None
        self.beginResetModel()
        self.now = dt.datetime.now()
        if anchor is not None and self.keyset:
            # a page above it (more than a screen: the row keeps its place) and a page from it
            above = self.fetch_page(self.page_size, before=anchor)
            below = self.fetch_page(self.page_size, after=above[-1]) if above else self._first(self.page_size)
            self.rows, self._more_above = above + below, len(above) == self.page_size
            self._exhausted = len(below) < self.page_size
        elif anchor is not None and self._top:
            self.rows = self.fetch(self._top, self.page_size)
            self._more_above = True
            self._exhausted = len(self.rows) < self.page_size
        else:
            self.rows, self._top, self._more_above = self._first(self.page_size), 0, False
            self._exhausted = len(self.rows) < self.page_size
        self._loaded = True
        self.endResetModel()

    def all_loaded(self) -> bool:
        """Every row of the filter is in the model (the last page was not full)."""
        return self._loaded and self._exhausted and not self._more_above

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's method name
        return not parent.isValid() and not self._exhausted and not self.loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt's method name
        if parent.isValid() or self._exhausted or self.loading:
            return
        more = self._below(self.page_size) if self.rows else self._first(self.page_size)
        self._exhausted = len(more) < self.page_size
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()
        self._let_go(top=True)

    def can_fetch_above(self) -> bool:
        return self._more_above and bool(self.rows)

    def fetch_above(self) -> int:
        """Read the page above the window (the view is at its top); returns the rows read."""
        if not self.can_fetch_above():
            return 0
        more = self._above(self.page_size)
        if self.keyset:
            self._more_above = len(more) == self.page_size
        else:
            self._top -= len(more)
            self._more_above = self._top > 0
        if more:
            self.beginInsertRows(QModelIndex(), 0, len(more) - 1)
            self.rows[0:0] = more
            self.endInsertRows()
            self.shifted.emit(-len(more))
        self._let_go(top=False)
        return len(more)

    def _let_go(self, top: bool) -> None:
        """Keep at most ``window_pages`` pages: drop the far end's rows."""
        excess = len(self.rows) - self.page_size * self.window_pages
        if excess <= 0:
            return
        if top:
            self.beginRemoveRows(QModelIndex(), 0, excess - 1)
            del self.rows[:excess]
            self._top += excess
            self._more_above = True
            self.endRemoveRows()
            self.shifted.emit(excess)
        else:
            self.beginRemoveRows(QModelIndex(), len(self.rows) - excess, len(self.rows) - 1)
            del self.rows[-excess:]
            self._exhausted = False
            self.endRemoveRows()

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

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802 - Qt's method name
        if role == DISPLAY and orientation == HORIZONTAL:  # (asked hundreds of times a paint)
            return ui_text(self.columns[section][1])
        return None

    def row_id(self, row: int) -> int:
        return self.rows[row]["id"]

    def row_of(self, row_id: int | None) -> int | None:
        """The row holding ``row_id`` in the window, or None."""
        return next((i for i, r in enumerate(self.rows) if r["id"] == row_id), None)

    # the roles ``cell`` answers (its role is one of these, as an int); Qt's other questions
    # (font, alignment, decoration, size ...) get None at once
    roles = frozenset({DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND})

    def data(self, index, role=DISPLAY):
        if role == USER:
            return self.rows[index.row()]["id"] if index.isValid() else None
        if role not in self.roles or not index.isValid():
            return None
        return self.cell(self.rows[index.row()], self.columns[index.column()][0], role)
