"""The table view every list uses: whole rows, one at a time, sortable, read-only; Enter or a
double-click opens the row (its id comes from the lazy model).

With the lazy model's bounded window it keeps its place: when the model lets rows go at the top
(or reads the page above in), the view moves by as many rows, so what the clerk looks at stays
put; at the top of the window it asks for the page above; and across a refresh the cursor, the
selection and the row's place on screen stay on the same record. Ctrl+Home and Ctrl+End go to
the list's first and last rows (read on the worker), not the window's.

While the model reads new rows (a filter, a sort, a refresh: on a worker) the old rows stay on
screen; a read that takes longer than a moment shows "Reading…" over them (and a busy cursor)
until the new rows arrive. Enter or a double-click on an old row meanwhile still opens it: the
row is a whole record the clerk can see, and what opens reads it afresh."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

from propdesk.ui.lazy_model import LazyTableModel
from propdesk.ui.lazy_qt import Qt


# the narrowest the stretched last column gets when the others leave little room (its text is
# elided, whole in its tooltip): ~54 px for the callbacks' summary at 1024, ~300 at 1366
LAST_MIN = 40


class ListTable(QTableView):
    open_requested = Signal(int)  # the row's id

    def __init__(self, model: LazyTableModel, widths: tuple[int, ...], sort_column: int,
                 sort_order=Qt.DescendingOrder, parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        # Tab goes on to the buttons, and Ctrl+Tab to the next tab of the window: a table that
        # moved cell by cell kept a keyboard-only clerk inside the callbacks tab for good
        self.setTabKeyNavigation(False)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSortIndicator(sort_column, sort_order)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        for col, width in enumerate(widths):
            header.resizeSection(col, width)
        self._last_let_shrink = False  # (on the first show: see _stretch_from_small)
        header.sortIndicatorChanged.connect(self._keep_sortable)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(model.row_id(index.row())))
        self._kept: tuple[int, int] | None = None  # (row id, its row on screen) across a refresh
        if isinstance(model, LazyTableModel):
            model.shifted.connect(self._shift)
            model.modelAboutToBeReset.connect(self._remember_place)
            model.modelReset.connect(self._restore_place)
            self.selectionModel().currentRowChanged.connect(self._current_moved)
            self.verticalScrollBar().valueChanged.connect(self._at_top)
            self.busy_cue = QLabel(self.tr("Reading…"), self.viewport(), objectName="busy_cue")
            self.busy_cue.setStyleSheet(  # (seen at 1366x768 over a full list: bold, with room)
                "background: #fff3cd; border: 1px solid #ffa000; border-radius: 4px;"
                " padding: 6px 28px; color: #4e342e; font-weight: bold;")
            self.busy_cue.hide()
            model.busy_changed.connect(self._show_busy)
            model.rows_arrived.connect(lambda: QTimer.singleShot(0, self, self._fill_screen))

    # --- a read on its way -------------------------------------------------------------------
    def _show_busy(self, on: bool) -> None:
        if on:
            self.busy_cue.adjustSize()
            self._place_busy_cue()
            self.busy_cue.raise_()
            self.viewport().setCursor(Qt.BusyCursor)
        else:
            self.viewport().unsetCursor()
        self.busy_cue.setVisible(on)

    def _fill_screen(self) -> None:
        """Rows read on the worker that do not fill the screen: read the next page, as Qt's
        view does by itself after a layout. Its check runs on a timer, and when it ran while a
        read was on its way (nothing may be read then) a reset to as many rows as before did not
        make it run again: the list stopped short, with no scroll bar to ask for more."""
        model = self.model()
        if not self.isVisible():  # (a hidden list has no screen)
            return
        last = model.rowCount() - 1
        if model.canFetchMore():
            if last < 0 or self.viewport().rect().intersects(self.visualRect(model.index(last, 0))):
                model.fetchMore()
        elif last >= 0 and model.can_fetch_above() and self.rowAt(0) == 0 \
                and self.viewport().rect().intersects(self.visualRect(model.index(last, 0))):
            model.fetch_above()  # the list's last page (Ctrl+End) is shorter than the screen

    def _place_busy_cue(self) -> None:
        cue, width = self.busy_cue, self.viewport().width()
        cue.move(max((width - cue.width()) // 2, 0), 8)

    def resizeEvent(self, event):  # noqa: N802 - Qt's method name
        super().resizeEvent(event)
        if getattr(self, "busy_cue", None) is not None and self.busy_cue.isVisible():
            self._place_busy_cue()

    # --- keeping the place in a bounded window -----------------------------------------------
    def _current_moved(self, current, _previous) -> None:
        model = self.model()
        model.anchor_id = model.row_id(current.row()) if current.isValid() else None

    def _first_visible(self) -> int:
        return max(self.rowAt(0), 0)

    def _shift(self, rows: int) -> None:
        """``rows`` went at the top (or came in there, < 0): move with them."""
        bar = self.verticalScrollBar()
        step = 1 if self.verticalScrollMode() == QAbstractItemView.ScrollPerItem else self.rowHeight(0) or 1
        self.updateGeometries()  # the scroll range for the new row count, before moving
        bar.setValue(bar.value() - rows * step)

    def _at_top(self, value: int) -> None:
        bar = self.verticalScrollBar()
        if value == bar.minimum() and self.model().can_fetch_above():
            # after the scroll is done (the page above moves the view by its rows)
            QTimer.singleShot(0, self._fetch_above)

    def _fetch_above(self) -> None:
        if self.verticalScrollBar().value() == self.verticalScrollBar().minimum():
            self.model().fetch_above()

    def _remember_place(self) -> None:
        model, current = self.model(), self.currentIndex()
        self._kept = None
        if current.isValid():
            self._kept = (model.row_id(current.row()), current.row() - self._first_visible())

    def _restore_place(self) -> None:
        if self._kept is None:
            return
        row_id, on_screen = self._kept
        self._kept = None
        row = self.model().row_of(row_id)
        if row is None:  # no longer in the list (or not in the window read again)
            return
        self.setCurrentIndex(self.model().index(row, 0))
        self.selectRow(row)
        self.updateGeometries()
        bar = self.verticalScrollBar()
        step = 1 if self.verticalScrollMode() == QAbstractItemView.ScrollPerItem else self.rowHeight(row) or 1
        bar.setValue(max(row - on_screen, 0) * step)

    def _stretch_from_small(self) -> None:
        """The last column stretches over what the others leave, down to LAST_MIN px. Qt never
        shrinks it below the width it had when it became the last one (Qt's default 100 px when
        none was given), which alone made a horizontal scroll bar at 1024 (the callbacks list,
        29a887f). Done on the first show, after the list's own code has fitted and moved its
        columns: a column moved away from the end gets back what Qt kept for it, which would be
        LAST_MIN had it been set before the move (the dispatch board moves its columns)."""
        header = self.horizontalHeader()
        visual = header.count() - 1
        while visual >= 0 and header.isSectionHidden(header.logicalIndex(visual)):
            visual -= 1
        if visual >= 0:
            header.resizeSection(header.logicalIndex(visual), LAST_MIN)

    def showEvent(self, event):  # noqa: N802 - Qt's method name
        if not self._last_let_shrink:
            self._last_let_shrink = True
            self._stretch_from_small()
        super().showEvent(event)

    def fit_column(self, column: int, texts: list[str]) -> None:
        """Make ``column`` wide enough for the longest of ``texts`` and for its header (with
        the sort arrow), in the font on screen: English labels are longer than Chinese ones."""
        header = self.horizontalHeader()
        title = str(self.model().headerData(column, Qt.Horizontal, Qt.DisplayRole) or "")
        cells = max((self.fontMetrics().horizontalAdvance(t) for t in texts), default=0) + 14
        head = header.fontMetrics().horizontalAdvance(title) + 30
        header.resizeSection(column, max(cells, head))

    def _keep_sortable(self, column: int, _order) -> None:
        """A column no index serves is not sorted (the model ignored it): the arrow goes back."""
        model = self.model()
        if hasattr(model, "can_sort") and not model.can_sort(column):
            header = self.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(model.sort_column(),
                                    Qt.DescendingOrder if model.descending else Qt.AscendingOrder)
            header.blockSignals(False)
            header.viewport().update()

    def keyPressEvent(self, event):  # noqa: N802 - Qt's method name
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.model().row_id(self.currentIndex().row()))
            return
        model = self.model()
        if (event.key() == Qt.Key_Home and event.modifiers() & Qt.ControlModifier
                and isinstance(model, LazyTableModel) and model.can_fetch_above()):
            # the list's first row, not the window's: the rows above were let go while
            # scrolling down, and Qt's Ctrl+Home stopped at the first row still held
            column = max(self.currentIndex().column(), 0)
            model.reload()
            model.when_shown(lambda: self._to_first_row(column))
            return
        if (event.key() == Qt.Key_End and event.modifiers() & Qt.ControlModifier
                and isinstance(model, LazyTableModel) and model.can_read_last()):
            # the list's last row, not the window's: Qt's Ctrl+End stopped at the last row read
            # so far (a page of 200 of a million); the last page is read in the reverse order
            column = max(self.currentIndex().column(), 0)
            model.read_last()
            model.when_shown(lambda: self._to_last_row(column))
            return
        super().keyPressEvent(event)

    def _to_first_row(self, column: int) -> None:
        if self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, column))
            self.selectRow(0)
            self.scrollToTop()

    def _to_last_row(self, column: int) -> None:
        last = self.model().rowCount() - 1
        if last >= 0:
            self.setCurrentIndex(self.model().index(last, column))
            self.selectRow(last)
            self.scrollToBottom()
