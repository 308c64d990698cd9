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
row is a whole record the clerk can see, and what opens reads it afresh.

Every column's meaning stays on screen without scrolling sideways, at 1024x768 too: a list names
the columns that give way (``give_way``, the first first) when the others would leave its
stretched last column (the case's text) less than ``last_room`` px; they come back when the list
is wider (a 1366 screen, the splitter dragged). The header's context menu (also the list's: the
Menu key, and Shift+F10 on Windows) shows or hides any column but the last; a column the clerk chose stays as
chosen, remembered per person on this desk (``desk.ini`` in the data folder: a desk's screen
decides what fits). A cell too narrow for its text is elided ("…") and shows it whole in its
tooltip, as does a short date (the model's tooltip: the whole date and time)."""
from __future__ import annotations

from urllib.parse import quote

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QMenu, QStyle, QStyledItemDelegate, QTableView, QToolTip,
)

from propdesk.ui.desk_settings import desk_settings
from propdesk.ui.lazy_model import DISPLAY, HORIZONTAL, TOOLTIP, LazyTableModel
from propdesk.ui.lazy_qt import Qt, set_properties


# the narrowest the stretched last column gets when the others leave little room (its text is
# elided, whole in its tooltip): ~54 px for the callbacks' summary at 1024, ~300 at 1366
LAST_MIN = 40


def let_last_column_shrink(view) -> None:
    """A plain table's stretched last column may shrink to LAST_MIN: Qt keeps it at least as wide
    as it was when it became the last one (its default 100 px), which made a horizontal scroll
    bar where the other columns left less (the dispatch board's day list beside a narrow form,
    the office setup's lists). Call it once its header stretches the last section. The last
    column is the last one shown (a ListTable may hide some that give way)."""
    header = view.horizontalHeader()
    visual = header.count() - 1
    while visual >= 0 and header.isSectionHidden(header.logicalIndex(visual)):
        visual -= 1
    if visual >= 0:
        header.resizeSection(header.logicalIndex(visual), LAST_MIN)


class _WholeText(QStyledItemDelegate):
    """A cell's tooltip: ``ListTable.whole_text`` (the model's own, or the elided text whole).
    Only the tooltip is Python's: the cells are painted by Qt's own delegate code."""

    def helpEvent(self, event, view, option, index):  # noqa: N802 - Qt's method name
        if event is None or event.type() != QEvent.ToolTip or not isinstance(view, ListTable):
            return super().helpEvent(event, view, option, index)
        text = view.whole_text(index)
        if text:
            QToolTip.showText(event.globalPos(), text, view.viewport(), option.rect)
        else:
            QToolTip.hideText()
        return True


class ListTable(QTableView):
    open_requested = Signal(int)  # the row's id

    def __init__(self, model: LazyTableModel, widths: tuple[int, ...], sort_column: int,
                 sort_order=Qt.DescendingOrder, parent=None, *, name: str = "",
                 give_way: tuple[str, ...] = (), last_room: int = 0, **kwargs):
        """``widths``: the columns' widths (logical order; ``fit_column`` sizes one by its
        texts); ``name``: the list's name the clerk's choice of columns is kept under;
        ``give_way``: column keys hidden (or narrowed, see ``fit_column``) in this order while
        the other columns would leave the stretched last one less than ``last_room`` px."""
        super().__init__(parent, **kwargs)
        self._widths: dict[int, int] = {}  # logical column -> its width when shown
        self._narrow: dict[int, int] = {}  # ... and when the list is short of room (fit_column)
        self._fitting = False  # columns shown or hidden by _fit_to_width (not the clerk's widths)
        self._name, self._give_way, self._last_room = name, give_way, last_room
        self._chosen: dict[str, bool] | None = None  # the clerk's choices, read when first needed
        self.setModel(model)
        self._whole_text = _WholeText(self)
        self.setItemDelegate(self._whole_text)
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
            self._widths[col] = width
        header.sectionResized.connect(self._resized)
        self._last_let_shrink = False  # (on the first show: see _stretch_from_small)
        header.sortIndicatorChanged.connect(self._keep_sortable)
        # the columns' menu: the header's context menu, and the list's (the Menu key; on Windows
        # Shift+F10 too, which X11 does not make a context menu)
        for widget in (header, self):
            set_properties(widget, contextMenuPolicy="CustomContextMenu")
            widget.customContextMenuRequested.connect(
                lambda pos, widget=widget: self.columns_menu(widget.viewport().mapToGlobal(pos)))
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
            model.rows_arrived.connect(self._cursor_to_first_row)

    def _cursor_to_first_row(self) -> None:
        """Rows came to a list that has the cursor and no current row (the tab was opened, or
        the row acted on left it): the first row becomes current, so that Enter and the row's
        buttons act at once. Keyboard at the desk: Alt+4 then Enter did nothing, nor after
        each callback made (Qt makes a row current only when the focus comes in, and it came
        before the rows)."""
        if self.hasFocus() and not self.currentIndex().isValid() and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, 0))
            self.selectRow(0)

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
        if event.size().width() != event.oldSize().width():
            self._fit_to_width()
        if getattr(self, "busy_cue", None) is not None and self.busy_cue.isVisible():
            self._place_busy_cue()

    # --- columns that fit the width ----------------------------------------------------------
    def _keys(self) -> list[str]:
        columns = getattr(self.model(), "columns", None)
        count = self.horizontalHeader().count()
        return [key for key, _label in columns] if columns else [str(c) for c in range(count)]

    def _stretched(self) -> int:
        """The stretched last column (logical): never hidden."""
        header = self.horizontalHeader()
        return header.logicalIndex(header.count() - 1)

    def _resized(self, column: int, _old: int, new: int) -> None:
        """A width set by the code or by the clerk's drag is the column's width when shown."""
        if new > 0 and not self._fitting and column != self._stretched():
            self._widths[column] = new

    def _room(self) -> int:
        """The width the columns have, a vertical scroll bar's kept aside: the rows that come
        with it must not make a column go."""
        return self.maximumViewportSize().width() - self.verticalScrollBar().sizeHint().width()

    def _fit_to_width(self) -> None:
        """Take the ``give_way`` steps, first first, while the other columns leave the stretched
        one less than ``last_room`` px (or its header's width): a column with a narrow width
        (``fit_column``) narrows, another one is hidden; they come back when there is room
        again. A column the clerk chose is shown or hidden as chosen, whatever the width."""
        header = self.horizontalHeader()
        count = header.count()
        if not count:
            return
        keys, chosen, last = self._keys(), self.chosen_columns(), self._stretched()
        shown = [c for c in range(count) if c == last or chosen.get(keys[c], True)]
        width = {c: self._widths.get(c, header.defaultSectionSize()) for c in range(count)}
        # the stretched column keeps last_room, and at least its header's width (its meaning)
        title = str(self.model().headerData(last, HORIZONTAL, DISPLAY) or "")
        room = self._room() - max(self._last_room, header.fontMetrics().horizontalAdvance(title) + 16)
        for key in self._give_way:
            if sum(width[c] for c in shown if c != last) <= room:
                break
            column = keys.index(key) if key in keys else -1
            if column not in shown:
                continue
            if column in self._narrow and width[column] > self._narrow[column]:
                width[column] = self._narrow[column]
            elif key not in chosen:
                shown.remove(column)
        self._fitting = True
        try:
            for column in range(count):
                hide = column not in shown
                if header.isSectionHidden(column) != hide:
                    header.setSectionHidden(column, hide)
                if not hide and column != last and header.sectionSize(column) != width[column]:
                    header.resizeSection(column, width[column])
        finally:
            self._fitting = False

    def _settings_key(self) -> str:
        who = getattr(getattr(self.model(), "reader", None), "username", "") or ""
        return f"columns/{quote(str(who), safe='')}/{self._name}"

    def chosen_columns(self) -> dict[str, bool]:
        """The clerk's own choice: column key -> shown (the columns not in it fit the width)."""
        if self._chosen is None:
            self._chosen = {}
            if self._name:
                for word in str(desk_settings().value(self._settings_key(), "") or "").split():
                    if word[:1] in ("+", "-") and len(word) > 1:
                        self._chosen[word[1:]] = word[0] == "+"
        return self._chosen

    def choose_column(self, key: str, shown: bool | None) -> None:
        """Show or hide a column by the clerk's choice (None: as the width allows again), kept
        for them on this desk."""
        chosen = self.chosen_columns()
        if shown is None:
            chosen.pop(key, None)
        else:
            chosen[key] = shown
        self._store_choice()

    def reset_columns(self) -> None:
        """Every column as the width allows (the clerk's choices forgotten)."""
        self.chosen_columns().clear()
        self._store_choice()

    def _store_choice(self) -> None:
        if self._name:
            settings = desk_settings()
            text = " ".join(("+" if on else "-") + key for key, on in sorted(self.chosen_columns().items()))
            if text:
                settings.setValue(self._settings_key(), text)
            else:
                settings.remove(self._settings_key())
            settings.sync()
        self._fit_to_width()

    def columns_menu(self, at) -> QMenu:
        """Every column with a tick when shown (the last one stays), and the default back."""
        header, keys, model = self.horizontalHeader(), self._keys(), self.model()
        menu = QMenu(self, objectName="columns_menu")
        menu.setAttribute(Qt.WA_DeleteOnClose)
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            action = menu.addAction(str(model.headerData(column, HORIZONTAL, DISPLAY) or keys[column]))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != self._stretched())
            action.setObjectName(f"column_{keys[column]}")
            action.toggled.connect(lambda on, key=keys[column]: self.choose_column(key, on))
        menu.addSeparator()
        default = menu.addAction(self.tr("Default columns (as many as fit)"), self.reset_columns)
        default.setObjectName("columns_default")
        default.setEnabled(bool(self.chosen_columns()))
        menu.popup(at)
        return menu

    def whole_text(self, index) -> str:
        """What a cell's tooltip shows: the model's own (a short date's whole value, a long
        description), else the cell's text when its column is too narrow for it ("…")."""
        if not index.isValid():
            return ""
        tip = index.data(TOOLTIP)
        if tip:
            return str(tip)
        text = index.data(DISPLAY)
        if text is None or text == "":
            return ""
        text = str(text)
        margin = 2 * (self.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, self) + 1)
        if self.fontMetrics().horizontalAdvance(text) + margin > self.columnWidth(index.column()):
            return text
        return ""

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
        let_last_column_shrink(self)

    def showEvent(self, event):  # noqa: N802 - Qt's method name
        if not self._last_let_shrink:
            self._last_let_shrink = True
            self._stretch_from_small()
            self._fit_to_width()
        super().showEvent(event)

    def fit_column(self, column: int, texts: list[str], narrow: list[str] | None = None) -> None:
        """Make ``column`` wide enough for the longest of ``texts`` and for its header (with
        the sort arrow where the column can be sorted), in the font on screen: English labels
        are longer than Chinese ones. ``narrow``: what it must still hold when its key's turn
        in ``give_way`` comes (a longer text is elided then, whole in its tooltip)."""
        header, model = self.horizontalHeader(), self.model()
        title = str(model.headerData(column, HORIZONTAL, DISPLAY) or "")
        sortable = not hasattr(model, "can_sort") or model.can_sort(column)
        head = header.fontMetrics().horizontalAdvance(title) + (30 if sortable else 16)

        def wide(words: list[str]) -> int:
            return max(max((self.fontMetrics().horizontalAdvance(t) for t in words), default=0) + 14, head)

        self._widths[column] = wide(texts)
        if narrow is not None:
            self._narrow[column] = wide(narrow)
        header.resizeSection(column, self._widths[column])

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
