"""Suggestions under a field that never take the keyboard.

A ``QCompleter`` popup grabs every key while it is open: a clerk who typed ``1390`` into the
phone, saw the suggestions and pressed Alt+U to go on to the unit had the rest of her typing
split between the two fields (issue 17). Here the list is a tool window that does not take the
focus: the field keeps the keyboard, Up/Down move in the list, Enter takes the highlighted line,
Esc closes the list, and any other key (Tab, Alt+letter, typing) goes where it always goes. The
list closes as soon as the field loses the focus, and opens only under a field that is on screen.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QStringListModel, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView

from propdesk.ui.lazy_qt import Qt


class Suggestions(QObject):
    activated = Signal(str)

    def __init__(self, field: QLineEdit, model: QStringListModel | None = None, parent=None):
        super().__init__(parent or field)
        self.field = field
        self.model = model or QStringListModel(self)
        # the list itself is made, and the field's events watched, the first time it opens:
        # until then there is no list to move in or to close (a new form's first paint neither
        # builds two hidden lists per form nor passes every event of the field through Python)
        self._popup: QListView | None = None
        self._watching = False

    @property
    def popup(self) -> QListView:
        if self._popup is None:
            popup = self._popup = QListView()
            popup.setObjectName("suggestions")
            popup.setWindowFlags(Qt.ToolTip | Qt.FramelessWindowHint)
            popup.setAttribute(Qt.WA_ShowWithoutActivating)
            popup.setFocusPolicy(Qt.NoFocus)
            popup.setEditTriggers(QAbstractItemView.NoEditTriggers)
            popup.setModel(self.model)
            popup.clicked.connect(lambda index: self._take(index.data()))
            self.field.destroyed.connect(popup.deleteLater)
        return self._popup

    def show(self) -> None:
        """Open the list under the field (only while the field has the keyboard and is seen)."""
        if not self.model.rowCount() or not self.field.hasFocus() or not self.field.isVisible() \
                or self.field.visibleRegion().isEmpty():
            self.hide()
            return
        if not self._watching:
            self.field.installEventFilter(self)
            self._watching = True
        rows = min(self.model.rowCount(), 8)
        height = self.popup.sizeHintForRow(0) * rows + 4
        self.popup.resize(max(self.field.width(), 320), height)
        self.popup.move(self.field.mapToGlobal(QPoint(0, self.field.height())))
        self.popup.setCurrentIndex(self.model.index(0, 0))
        self.popup.show()

    def hide(self) -> None:
        if self._popup is not None:
            self._popup.hide()

    def isVisible(self) -> bool:  # noqa: N802 (reads like Qt's)
        return self._popup is not None and self._popup.isVisible()

    def _take(self, text: str) -> None:
        self.hide()
        self.activated.emit(text)

    def eventFilter(self, obj, event):  # noqa: N802
        kind = event.type()
        if kind in (QEvent.FocusOut, QEvent.Hide, QEvent.Move, QEvent.WindowDeactivate):
            self.hide()
        elif kind == QEvent.KeyPress and self.popup.isVisible():
            key, row = event.key(), self.popup.currentIndex().row()
            if key in (Qt.Key_Down, Qt.Key_Up):
                step = 1 if key == Qt.Key_Down else -1
                row = max(0, min(self.model.rowCount() - 1, row + step))
                self.popup.setCurrentIndex(self.model.index(row, 0))
                return True
            if key in (Qt.Key_Return, Qt.Key_Enter) and row >= 0:
                self._take(self.model.index(row, 0).data())
                return True
            if key == Qt.Key_Escape:
                self.hide()
                return True
        return False
