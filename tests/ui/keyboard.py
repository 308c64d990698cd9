"""Typing as a clerk does. Chinese goes through an input-method commit (qtbot.keyClicks with
non-ASCII text aborts the whole test process: a Qt assertion in qasciikey.cpp)."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str) -> None:
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def tab(qtbot, widget, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget() or widget, Qt.Key_Tab)
