"""Looking at a window as a person at the keyboard would: which Alt+letter keys it offers, and
whether any widget is drawn outside it. Used by test_walk_every_screen.py."""
from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractScrollArea, QApplication, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget,
)

_MNEMONIC = re.compile(r"&([^&\s])")


def _key(text: str) -> str | None:
    m = _MNEMONIC.search(text.replace("&&", ""))
    return m.group(1).lower() if m else None


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.window() is window


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter -> what it reaches, for everything visible in ``window`` now (labels with a
    buddy, buttons, group boxes, tabs, the menu bar)."""
    keys: dict[str, list[str]] = defaultdict(list)
    for w in window.findChildren(QWidget):
        if not _shown(w, window):  # a disabled button clashes as soon as it is enabled
            continue
        if isinstance(w, QLabel) and w.buddy() is not None and w.textFormat() != 1:
            k = _key(w.text())
        elif isinstance(w, QAbstractButton) and not isinstance(w.parent(), QTabBar):
            k = _key(w.text())
        elif isinstance(w, QGroupBox) and w.isCheckable():
            k = _key(w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabEnabled(i) and (k := _key(w.tabText(i))):
                    keys[k].append(f"tab {w.tabText(i)!r}")
            continue
        elif isinstance(w, QMenuBar):
            for action in w.actions():
                if action.isVisible() and (k := _key(action.text())):
                    keys[k].append(f"menu {action.text()!r}")
            continue
        else:
            continue
        if k:
            keys[k].append(f"{type(w).__name__} {w.text()!r}")
    return keys


def duplicate_mnemonics(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(window).items() if len(v) > 1}


def _inside_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def drawn_outside(window: QWidget, slack: int = 1) -> list[str]:
    """Visible widgets that stick out of the window (cut off for the person looking) or out of
    their own parent; content inside a scroll area may scroll and is not counted."""
    bad = []
    area = window.rect().adjusted(-slack, -slack, slack, slack)
    for w in window.findChildren(QWidget):
        if not _shown(w, window) or w.isWindow() or _inside_scroll_area(w, window):
            continue
        if w.width() <= 1 or w.height() <= 1:
            continue
        rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        if not area.contains(rect):
            bad.append(f"{type(w).__name__} {w.objectName() or ''} {getattr(w, 'text', lambda: '')()!r} "
                       f"at {rect.getRect()} outside {window.rect().getRect()}")
    return bad


def stray_windows(allowed: set) -> list[str]:
    """Top-level widgets on screen that nobody asked for (e.g. a parentless button shown)."""
    return [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
            for w in QApplication.topLevelWidgets() if w.isVisible() and w not in allowed]
