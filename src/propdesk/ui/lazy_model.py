"""A lazy table model: pages of rows fetched as the view scrolls, never the whole table, and
never more than a few pages at once.

Subclasses set ``columns`` and ``cell(row, key, role)`` (how a cell looks) and read their rows
through a services function, one indexed query per page, in one of two ways:

- ``keyset = True`` and ``fetch_page(limit, after=None, before=None, reverse=False)``: the page
  after (or just above) a row already shown. The index seeks to that row, so a page a hundred
  thousand rows down costs what the first does. ``reverse``: the first page of the list's order
  turned round, i.e. its last rows, nearest the end first (``read_last``, Ctrl+End). The three
  working lists and the audit log (``ui/audit_viewer.py``) read this way.
- else ``fetch(offset, limit)`` (OFFSET: a deep page reads every row it skips).

The model holds a window of at most ``window_pages`` pages: scrolling down past it lets the top
page go, scrolling back up to the top of the window reads the page above again (the view asks,
see ``ListTable``), so memory stays flat however far the clerk scrolls. ``shifted`` tells the
view how many rows went from (or came in at) the top, so that it keeps its place.

A refresh of the same filter and order keeps the place: the rows are read again around the row
the cursor is on (``anchor_id``), and the view puts the cursor and the selection back on it.

Every read of a new set of rows (a tab's first page, a filter, a sort, a refresh, the keep-place
one too) runs on a worker (``ui.worker.Background``, the "pages" threads), never on the GUI
thread: at a million complaints some filter x sort pages take hundreds of milliseconds. The old
rows stay on screen until the new ones arrive (no flash to empty); ``loading`` is true meanwhile
and the model reads nothing more (no page below or above: it would continue the old rows). A
newer request supersedes an older one: its statement is stopped and its rows are never shown.
A read still on its way after ``BUSY_AFTER`` ms turns ``busy`` on (the view shows "Reading…");
the rows' arrival turns it off and emits ``rows_arrived``. The scrolling pages (``fetchMore``,
``fetch_above``) are read on the same worker too (``paging`` meanwhile): a keyset seek, but a
rare filter's walk down a sort's index can go on past the page's end (up to 70 ms of the GUI
thread's CPU at a million complaints, gui_session.py --matrix); they are added when they come.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QTimer, Signal

from propdesk.ui.lazy_qt import Qt
from propdesk.ui.widgets import ui_text

PAGE = 200
BUSY_AFTER = 150  # ms a read may take before the view shows that it is reading
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
    rows_arrived = Signal()  # a read's rows (first page, filter, sort, refresh) are shown
    busy_changed = Signal(bool)  # the read has taken over BUSY_AFTER ms (True) / its rows came

    def __init__(self, filter_, order: str, parent=None):
        super().__init__(parent)
        self.filter = filter_
        self.order, self.descending = order, True
        self.rows: list[dict] = []
        self._exhausted = False  # no rows below the window
        self._more_above = False  # rows above the window (let go while scrolling down)
        self._top = 0  # OFFSET of rows[0] (offset paging only)
        self._loaded = False  # rows of the filter were shown once
        self.loading = False  # a read of new rows is on its way (the rows shown are the old ones)
        self.busy = False  # ... and has taken longer than BUSY_AFTER: the view says so
        self._deferred = False  # load_in_background's read waits for the tab to be drawn
        self.paging = False  # a scrolling page (below or above the window) is on its way
        self._loader = None  # the worker's Background, made when first needed
        self._job = None  # the read on its way (run here if the worker's attempt failed)
        self._when_shown: list = []  # called once the rows on their way are shown
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_AFTER)
        self._busy_timer.timeout.connect(self._still_reading)
        self.anchor_id: int | None = None  # the row the view's cursor is on (set by the view)
        self.now = dt.datetime.now()

    # --- reading pages (subclasses give one of the two) -----------------------------------------
    def fetch(self, offset: int, limit: int) -> list[dict]:
        raise NotImplementedError

    def fetch_page(self, limit: int, after: dict | None = None, before: dict | None = None,
                   reverse: bool = False) -> list[dict]:
        raise NotImplementedError

    def _first(self, limit: int) -> list[dict]:
        return self.fetch_page(limit) if self.keyset else self.fetch(0, limit)

    # --- loading ---------------------------------------------------------------------------
    def set_filter(self, f) -> None:
        same = self._loaded and _same_rows(f, self.filter)
        self.filter = f
        self.reload(keep_place=same)

    def load_in_background(self, f) -> None:
        """Take filter ``f`` and read its first page on a worker thread once the tab is drawn (a
        tab's first showing: the GUI thread builds the widgets and only shows the rows when they
        arrive). Until then the list is empty; a reload meanwhile (another filter, a sort) wins."""
        self.filter = f
        self.loading, self._deferred = True, True
        # started once the tab is drawn: a worker running Python beside the GUI thread takes
        # turns with it for the interpreter, and the tab would take longer to appear
        QTimer.singleShot(0, self, self._start_loading)

    def _start_loading(self) -> None:
        if self._deferred:  # not overtaken by a reload meanwhile
            limit = self.page_size
            self._read(lambda: self._from_top(limit))

    def reload(self, keep_place: bool = False) -> None:
        """Read the rows again, on the worker: from the top, or (``keep_place``) around the row
        the cursor is on, as long as it is still held. The rows shown stay until they arrive."""
        anchor = next((r for r in self.rows if r["id"] == self.anchor_id), None) if keep_place else None
        limit, top = self.page_size, self._top
        if anchor is not None and self.keyset:
            self._read(lambda: self._around(anchor, limit))
        elif anchor is not None and top:
            self._read(lambda: self._from(top, limit))
        else:
            self._read(lambda: self._from_top(limit))

    def can_read_last(self) -> bool:
        """The list goes on below the window, and its last page can be read at once (keyset)."""
        return self.keyset and self._loaded and not self._exhausted and not self.loading

    def read_last(self) -> None:
        """Read the list's last page, on the worker (as a reload reads its first): the rows in
        the reverse order from the top, turned round, so that the index seeks to the end however
        long the list is. The rows shown stay until they arrive; the page above comes as the
        view scrolls up (``fetch_above``)."""
        if self.can_read_last():
            limit = self.page_size
            self._read(lambda: self._from_end(limit))

    # the reads (on the worker): (rows, OFFSET of the first, rows above them, none below)
    def _from_end(self, limit: int):
        rows = self.fetch_page(limit, reverse=True)[::-1]
        return rows, 0, len(rows) == limit, True

    def _from_top(self, limit: int):
        rows = self._first(limit)
        return rows, 0, False, len(rows) < limit

    def _around(self, anchor: dict, limit: int):
        # a page above the row (more than a screen: the row keeps its place) and a page from it
        above = self.fetch_page(limit, before=anchor)
        below = self.fetch_page(limit, after=above[-1]) if above else self._first(limit)
        return above + below, 0, len(above) == limit, len(below) < limit

    def _from(self, top: int, limit: int):
        rows = self.fetch(top, limit)
        return rows, top, True, len(rows) < limit

    def _ask(self, job) -> None:
        """Run ``job`` on the worker; an earlier job still on its way is stopped and its answer
        never comes (Background keeps only the latest call's)."""
        from propdesk.ui.worker import Background

        if self._loader is None:  # threads of their own: a page never waits behind a count
            self._loader = Background(self._arrived, self, threads="pages")
        self._job = job
        if not self.busy and not self._busy_timer.isActive():  # the wait began with the first
            self._busy_timer.start()
        self._loader.call(job)

    def _answer(self, job, result):
        """The answer of ``job`` as it comes: the wait is over; a read that failed on the worker
        (logged there) is made here, so that the clerk is told why."""
        self._busy_timer.stop()
        if self.busy:
            self.busy = False
            self.busy_changed.emit(False)
        return job() if result is None and job is not None else result

    def _read(self, job) -> None:
        """Read ``job``'s rows (a new set: they replace the rows shown) on the worker."""
        self._deferred, self.paging = False, False  # (a scrolling page on its way is dropped)
        self.loading = True
        self._ask(job)

    def _still_reading(self) -> None:
        if self.loading or self.paging:
            self.busy = True
            self.busy_changed.emit(True)

    def _arrived(self, result) -> None:
        job, self._job = self._job, None
        if self.paging:
            self._page_arrived(job, result)
            return
        self.loading = False
        rows, top, above, exhausted = self._answer(job, result)
        self.beginResetModel()
        self.now = dt.datetime.now()
        self.rows, self._top, self._more_above, self._exhausted = rows, top, above, exhausted
        self._loaded = True
        self.endResetModel()
        self.rows_arrived.emit()
        waiting, self._when_shown = self._when_shown, []
        for fn in waiting:
            fn()

    def count_rows(self, counter, exact, at_least, count) -> None:
        """The count under a list once its rows are there: the rows themselves when they are all
        (``exact(n)``; a count still running on ``counter`` for an older filter is stopped), else
        a true lower bound at once (``at_least(n)``) and the exact one from ``counter``'s worker
        (``count()``: at a million complaints a common term takes a second or two to count)."""
        if self.all_loaded():
            counter.supersede()
            exact(self.rowCount())
        else:
            at_least(self.rowCount())
            counter.call(count)

    def when_shown(self, fn) -> None:
        """``fn()`` now, or once the rows on their way are shown (a newer read's, if one
        supersedes them)."""
        if self.loading:
            self._when_shown.append(fn)
        else:
            fn()

    def all_loaded(self) -> bool:
        """Every row of the filter is in the model (the last page was not full)."""
        return self._loaded and not self.loading and self._exhausted and not self._more_above

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's method name
        # (nothing before the first read: it is started by the owner, on the worker)
        return (not parent.isValid() and self._loaded and not self._exhausted and not self.loading
                and not self.paging)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt's method name
        """Ask the worker for the page below the window; it is added when it comes."""
        if not self.canFetchMore(parent):
            return
        limit = self.page_size
        if not self.rows:
            self._page(lambda: ("below", self._first(limit)))
        elif self.keyset:
            last = self.rows[-1]
            self._page(lambda: ("below", self.fetch_page(limit, after=last)))
        else:
            start = self._top + len(self.rows)
            self._page(lambda: ("below", self.fetch(start, limit)))

    def can_fetch_above(self) -> bool:
        return self._more_above and bool(self.rows) and not self.loading and not self.paging

    def fetch_above(self) -> None:
        """Ask the worker for the page above the window (the view is at its top); it is added
        when it comes (``shifted`` tells the view how many rows came in above)."""
        if not self.can_fetch_above():
            return
        limit = self.page_size
        if self.keyset:
            first = self.rows[0]
            self._page(lambda: ("above", self.fetch_page(limit, before=first)))
        else:
            start = max(0, self._top - limit)
            count = self._top - start
            self._page(lambda: ("above", self.fetch(start, count)))

    def _page(self, job) -> None:
        """Read a scrolling page on the worker (``job`` gives ("below"|"above", rows))."""
        self.paging = True
        self._ask(job)

    def _page_arrived(self, job, result) -> None:
        self.paging = False
        where, more = self._answer(job, result)
        if where == "below":
            self._exhausted = len(more) < self.page_size
            if more:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
                self.rows.extend(more)
                self.endInsertRows()
            self._let_go(top=True)
            return
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
        # while the view is set up (sorting enabled, indicator) only noted; a first page on its
        # way is read again in the new order
        if self._loaded or self.loading:
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
