"""The table view every list uses: whole rows, one at a time, sortable, read-only; Enter or a
double-click opens the row (its id comes from the lazy model)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from propdesk.ui.lazy_model import LazyTableModel


class ListTable(QTableView):
    open_requested = Signal(int)  # the row's id

    def __init__(self, model: LazyTableModel, widths: tuple[int, ...], sort_column: int,
                 sort_order=Qt.DescendingOrder, parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
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
        header.sortIndicatorChanged.connect(self._keep_sortable)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(model.row_id(index.row())))

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
        super().keyPressEvent(event)
