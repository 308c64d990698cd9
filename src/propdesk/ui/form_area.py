"""A form that scrolls on a small screen, with its footer (deadlines, Save, the saved number)
kept in view below it: the complaint intake and the repair form."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class FormArea(QWidget):
    """A form that scrolls on a small screen (a 1366×768 laptop) instead of being cut off, with
    an optional footer (deadlines, Save, the 已保存 line) kept in view below it.

    The footer is laid out under the scrolling part, not inside it, so the scroll bar ends
    where the footer begins (it ran down beside the footer, right against Save, at 1024x768)
    and a footer whose text grows simply takes the room it needs."""

    def __init__(self, widget: QWidget, footer: QWidget | None = None):
        super().__init__()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.NoFrame)
        self.scroll_area.setWidget(widget)
        self.footer = footer
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll_area, 1)
        if footer is not None:
            footer.setStyleSheet(f"#{footer.objectName()} {{ border-top: 1px solid #ccc; }}")
            layout.addWidget(footer)

    def widget(self) -> QWidget:
        """The form (as a scroll area's ``widget()``)."""
        return self.scroll_area.widget()
