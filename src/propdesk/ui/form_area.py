"""A form that scrolls on a small screen, with its footer (deadlines, Save, the saved number)
kept in view below it: the complaint intake and the repair form."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class FormArea(QScrollArea):
    """A form that scrolls on a small screen (a 1366×768 laptop) instead of being cut off, with
    an optional footer (deadlines, Save, the 已保存 line) kept in view below it."""

    def __init__(self, widget: QWidget, footer: QWidget | None = None):
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        self.setWidget(widget)
        self.footer = footer
        if footer is not None:
            # the scroll bar ends above the footer: a blank of the footer's height under it
            # (it ran down beside the footer, right against Save at 1024x768)
            self._under_bar = QWidget(objectName="under_scroll_bar")
            self.addScrollBarWidget(self._under_bar, Qt.AlignBottom)
            footer.setParent(self)
            footer.setAutoFillBackground(True)
            footer.setStyleSheet(f"#{footer.objectName()} {{ border-top: 1px solid #ccc; }}")
            # placed again when the area is resized or the footer's text grows; the scroll bar
            # coming and going changes nothing (the footer spans the width, over the blank)
            self._footer_height = -1
            self._place_footer()

    def _place_footer(self) -> None:
        height = self.footer.sizeHint().height()
        if height != self._footer_height:  # the margins lay the area out again: only on a change
            self._footer_height = height
            self.setViewportMargins(0, 0, 0, height)
            self._under_bar.setFixedHeight(height)
        self.footer.setGeometry(0, self.height() - height, self.width(), height)
        self.footer.raise_()  # over the blank under the scroll bar: the footer spans the width

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        if self.footer is not None:
            self._place_footer()

    def ensure_footer_fits(self) -> None:
        """The footer's text changed (a long message): make room for it."""
        if self.footer is not None:
            self._place_footer()
