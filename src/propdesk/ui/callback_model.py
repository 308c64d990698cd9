"""The callback list over the lazy model."""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.enums import CallbackStatus, Satisfaction
from propdesk.services.lists import callback_search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.ui.lazy_model import DISPLAY, TOOLTIP, BACKGROUND, LazyTableModel
from propdesk.ui.widgets import fmt, ui_text

OVERDUE_BG = QBrush(QColor("#ffd9d9"))
TODAY_BG = QBrush(QColor("#fff3cd"))

COLUMNS = [
    ("due_date", QT_TRANSLATE_NOOP("ui", "Due")),
    ("number", QT_TRANSLATE_NOOP("ui", "Callback")),
    ("case", QT_TRANSLATE_NOOP("ui", "Case")),
    ("unit", QT_TRANSLATE_NOOP("ui", "Unit")),
    ("contact", QT_TRANSLATE_NOOP("ui", "Contact")),
    ("phone", QT_TRANSLATE_NOOP("ui", "Phone")),
    ("clerk", QT_TRANSLATE_NOOP("ui", "Clerk")),
    ("attempts", QT_TRANSLATE_NOOP("ui", "Attempts")),
    ("status", QT_TRANSLATE_NOOP("ui", "Status")),
    ("summary", QT_TRANSLATE_NOOP("ui", "What it was about")),
]


class CallbackTableModel(LazyTableModel):
    columns = COLUMNS
    sortable = callback_search.SORTABLE

    def __init__(self, parent=None):
        super().__init__(CallbackFilter(), "due_date", parent)
        self.descending = False

    keyset = True  # pages continue from a row: a deep page costs what the first does

    def fetch_page(self, limit: int, after: dict | None = None, before: dict | None = None,
                   reverse: bool = False) -> list[dict]:
        return callback_search.page(self.filter, self.order, self.descending != reverse, limit=limit, after=after,
                                    before=before, reader=self.reader)

    def cell(self, row: dict, key: str, role: int):
        if role == DISPLAY:
            return self._text(row, key, dt.date.today() if key == "due_date" else None)
        if role == BACKGROUND and row["status"] == CallbackStatus.DUE.value:
            today = dt.date.today()
            if row["due_date"] < today:
                return OVERDUE_BG
            if row["due_date"] == today:
                return TODAY_BG
        if role == TOOLTIP and key == "summary":
            return row["summary"]
        return None

    def _text(self, row: dict, key: str, today: dt.date | None) -> str:
        if key == "due_date":
            text = fmt(row["due_date"])
            if row["status"] == CallbackStatus.DUE.value and row["due_date"] < today:
                text += ui_text(QT_TRANSLATE_NOOP("ui", " (overdue)"))
            return text
        if key == "status":
            if row["status"] == CallbackStatus.DONE.value and row["satisfaction"]:
                return Satisfaction(row["satisfaction"]).label()
            text = CallbackStatus(row["status"]).label()
            if row["reached"] is False:
                text += ui_text(QT_TRANSLATE_NOOP("ui", " · no answer"))
            return text
        if key == "attempts":
            return str(row["attempts"] or "")
        return row.get(key) or ""
