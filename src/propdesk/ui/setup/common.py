"""Pieces shared by the setup tabs: a list with the selected row's form beside it, messages
that name the field, and read-only mode for supervisors."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from propdesk.errors import RuleError, ValidationError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.list_table import let_last_column_shrink
from propdesk.ui.widgets import mark_invalid, ui_text

INACTIVE = QColor("#888888")
IN_USE = QT_TRANSLATE_NOOP("ui", "In use")
NOT_IN_USE = QT_TRANSLATE_NOOP("ui", "Not in use")


def status_text(active: bool) -> str:
    return ui_text(IN_USE if active else NOT_IN_USE)


class Messages(QLabel):
    """Below a form: the service's problems in red (each naming its field), or "Saved" in green."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("message")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def error(self, err: RuleError, widgets: dict[str, QWidget] | None = None) -> None:
        self.setStyleSheet("color: #b00020;")
        self.setText(err.text())
        keys = err.errors if isinstance(err, ValidationError) else [err.field]
        first = None
        for key in keys:
            widget = (widgets or {}).get(key)
            if widget is not None:
                mark_invalid(widget, True)
                first = first or widget
        if first is not None:
            first.setFocus()

    def ok(self, text: str) -> None:
        self.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.setText(text)

    def clear_marks(self, widgets: dict[str, QWidget]) -> None:
        self.setText("")
        for widget in widgets.values():
            mark_invalid(widget, False)


def read_only_note() -> QLabel:
    label = QLabel(ui_text(QT_TRANSLATE_NOOP(
        "ui", "Read only: only an administrator may change the office setup.")))
    label.setObjectName("read_only")
    label.setWordWrap(True)
    label.setStyleSheet("background: #e7f1ff; color: #084298; padding: 6px; border: 1px solid #b6d4fe;")
    return label


class ListEditor(QWidget):
    """A list on the left and the selected row's form on the right, with New and Save (one
    service call each) and, for ordered lists, Move up / Move down. Subclasses fill in
    ``headers``, ``rows``, ``cells``, ``load``, ``save`` and optionally ``move``."""

    changed = Signal()
    movable = False
    # a second editor on the same tab leaves the Alt keys of New/Save/Move to the first one
    button_keys = True
    right_aligned: tuple[int, ...] = ()  # columns of numbers

    def __init__(self, editable: bool, title: str, parent=None):
        super().__init__(parent)
        self.editable = editable
        self.current_id: int | None = None
        self._rows: list = []
        self.table = QTableWidget(0, len(self.headers()))
        self.table.setHorizontalHeaderLabels(self.headers())
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        let_last_column_shrink(self.table)
        self.table.itemSelectionChanged.connect(self._selected)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.messages = Messages()
        self.new_button = QPushButton(self.tr("&New") if self.button_keys else self.tr("New"), objectName="new")
        self.new_button.clicked.connect(self.new)
        self.save_button = QPushButton(self.tr("&Save") if self.button_keys else self.tr("Save"), objectName="save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        # parented: a button of a list that cannot be reordered is never laid out, and a shown
        # parentless button would stay on screen as a window of its own after the dialog closes
        self.up_button = QPushButton(self.tr("Move &up") if self.button_keys else self.tr("Move up"), self,
                                     objectName="up")
        self.down_button = QPushButton(self.tr("Move do&wn") if self.button_keys else self.tr("Move down"),
                                       self, objectName="down")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))

        self.box = QGroupBox(title)
        box_layout = QVBoxLayout(self.box)
        box_layout.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        box_layout.addLayout(buttons)
        box_layout.addWidget(self.messages)
        self.extra = QVBoxLayout()
        box_layout.addLayout(self.extra)
        box_layout.addStretch()
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        if self.movable:
            order = QHBoxLayout()
            order.addWidget(self.up_button)
            order.addWidget(self.down_button)
            order.addStretch()
            left.addLayout(order)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addWidget(self.box, 2)
        self.build_form()
        self.apply_mode()
        self.reload()

    # --- to fill in ----------------------------------------------------------------------
    def headers(self) -> list[str]:
        raise NotImplementedError

    def build_form(self) -> None:
        raise NotImplementedError

    def rows(self) -> list:
        raise NotImplementedError

    def cells(self, row) -> tuple[list[str], bool]:
        """The row's cell texts and whether it is active (inactive rows are grey)."""
        raise NotImplementedError

    def load(self, row) -> None:
        """Fill the form from ``row`` (None: a new, empty entry)."""
        raise NotImplementedError

    def save(self, row_id: int | None):
        """Call the service; return the saved row (its id is selected again)."""
        raise NotImplementedError

    def move(self, row_id: int, delta: int) -> None:
        raise NotImplementedError

    # --- helpers -------------------------------------------------------------------------
    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(key)
        self.fields[key] = widget
        if isinstance(widget, QCheckBox):
            self.form.addRow("", widget)
        else:
            self.form.addRow(label, widget)
        return widget

    def apply_mode(self) -> None:
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(not self.editable)
            else:
                widget.setEnabled(self.editable)
        for button in (self.new_button, self.save_button):
            button.setVisible(self.editable)
        for button in (self.up_button, self.down_button):
            button.setVisible(self.editable and self.movable)

    def reload(self, select_id: int | None = None) -> None:
        select_id = select_id if select_id is not None else self.current_id
        self._rows = self.rows()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        target = None
        for r, row in enumerate(self._rows):
            texts, active = self.cells(row)
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if not active:
                    item.setForeground(INACTIVE)
                if c in self.right_aligned:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
            if row.id == select_id:
                target = r
        self.table.blockSignals(False)
        if target is not None:
            self.table.selectRow(target)
            self._selected()
        elif self._rows and select_id is None:
            self.table.selectRow(0)
            self._selected()
        else:
            self.new()

    def row_by_id(self, row_id):
        return next((r for r in self._rows if r.id == row_id), None)

    def _selected(self) -> None:
        index = self.table.currentRow()
        if 0 <= index < len(self._rows):
            row = self._rows[index]
            self.current_id = row.id
            self.messages.clear_marks(self.fields)
            self.load(row)

    def new(self) -> None:
        self.table.clearSelection()
        self.current_id = None
        self.messages.clear_marks(self.fields)
        self.load(None)
        first = next(iter(self.fields.values()), None)
        if first is not None and self.editable:
            first.setFocus()

    def submit(self) -> None:
        self.messages.clear_marks(self.fields)
        try:
            saved = self.save(self.current_id)
        except RuleError as err:
            self.messages.error(err, self.fields)
            return
        self.current_id = saved.id
        self.reload(saved.id)
        self.messages.ok(self.tr("Saved."))
        self.changed.emit()

    def _move(self, delta: int) -> None:
        if self.current_id is None:
            return
        try:
            self.move(self.current_id, delta)
        except RuleError as err:
            self.messages.error(err)
            return
        self.reload(self.current_id)
        self.changed.emit()


def combo(items: list[tuple], placeholder: str | None = None) -> QComboBox:
    from propdesk.ui.widgets import fill_combo

    box = QComboBox()
    fill_combo(box, items, placeholder)
    return box
