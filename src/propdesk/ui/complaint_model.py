"""The complaint list: columns and looks over the lazy model (pages via services.search)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor

from propdesk.enums import ComplaintStatus, Severity
from propdesk.services.cases import lateness
from propdesk.services.lists import search
from propdesk.services.lists.search import ComplaintFilter
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.ui.lazy_model import DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND, LazyTableModel
from propdesk.ui.widgets import countdown, fmt, fmt_list, ui_text

OPEN = set(ComplaintStatus.open_codes())
OVERDUE_BG = QBrush(QColor("#ffd9d9"))
SOON_BG = QBrush(QColor("#fff3cd"))
MAJOR_FG = QBrush(QColor("#b00020"))

# the state's mark for how far the case is escalated (Escalation: to the supervisor, then the
# office head), short for the list: a supervisor tells the two apart at a glance
ESCALATION_MARKS = {"supervisor": QT_TRANSLATE_NOOP("ui", " · to supervisor"),
                    "head": QT_TRANSLATE_NOOP("ui", " · to office head")}

# (key used for sorting in services.search.COLUMNS, header)
COLUMNS = [
    ("number", QT_TRANSLATE_NOOP("ui", "Number")),
    ("received_at", QT_TRANSLATE_NOOP("ui", "Received")),
    ("complainant", QT_TRANSLATE_NOOP("ui", "Complainant")),
    ("unit", QT_TRANSLATE_NOOP("ui", "Unit")),
    ("phone", QT_TRANSLATE_NOOP("ui", "Phone")),
    ("category", QT_TRANSLATE_NOOP("ui", "Category")),
    ("severity", QT_TRANSLATE_NOOP("ui", "Class")),
    ("department", QT_TRANSLATE_NOOP("ui", "Department")),
    ("status", QT_TRANSLATE_NOOP("ui", "Status")),
    ("resolve_by", QT_TRANSLATE_NOOP("ui", "Deadline")),
    ("description", QT_TRANSLATE_NOOP("ui", "What happened")),
]


class ComplaintTableModel(LazyTableModel):
    columns = COLUMNS
    sortable = search.SORTABLE

    def __init__(self, parent=None):
        super().__init__(ComplaintFilter(), "received_at", parent)

    keyset = True  # pages continue from a row: a deep page costs what the first does

    def fetch_page(self, limit: int, after: dict | None = None, before: dict | None = None,
                   reverse: bool = False) -> list[dict]:
        return search.page(self.filter, self.order, self.descending != reverse, limit=limit, after=after,
                           before=before, reader=self.reader)

    def complaint_id(self, row: int) -> int:
        return self.row_id(row)

    def cell(self, row: dict, key: str, role: int):
        if role == DISPLAY:
            return self._text(row, key)
        if role == BACKGROUND:
            running = lateness.running_deadline(row)
            if running is None:
                return None
            if lateness.complaint_overdue(row, self.now):
                return OVERDUE_BG
            if running[1] - self.now < dt.timedelta(hours=2):
                return SOON_BG
        if role == FOREGROUND and key == "severity" and row["severity"] == "major":
            return MAJOR_FG
        if role == TOOLTIP and key == "description":
            return row["description"]
        if role == TOOLTIP and key in ("received_at", "resolve_by"):  # shortened dates, whole
            return self._text(row, key, fmt) or None
        return None

    def _short(self, value) -> str:
        return fmt_list(value, self.now)

    def _text(self, row: dict, key: str, when=None) -> str:
        """``when``: how a time is written (the list's short form unless told: ``fmt_list``)."""
        when = when or self._short
        if key == "received_at":
            return when(row["received_at"])
        if key == "severity":
            return Severity(row["severity"]).label() + (ui_text(QT_TRANSLATE_NOOP("ui", " · group")) if row["is_group"] else "")
        if key == "status":
            text = ComplaintStatus(row["status"]).label()
            if not row["valid"]:
                text += ui_text(QT_TRANSLATE_NOOP("ui", " · invalid"))
            if row["escalation"] in ESCALATION_MARKS:
                text += ui_text(ESCALATION_MARKS[row["escalation"]])
            if row.get("related_to"):
                text += ui_text(QT_TRANSLATE_NOOP("ui", " · repeat"))
            return text
        if key == "resolve_by":
            running = lateness.running_deadline(row)
            if running is None and row.get("on_hold_since") and row["status"] in OPEN:
                return ui_text(QT_TRANSLATE_NOOP("ui", "On hold since {at}")).format(at=when(row["on_hold_since"]))
            if running is None:
                return when(row["closed_at"]) and ui_text(QT_TRANSLATE_NOOP("ui", "Closed {at}")).format(at=when(row["closed_at"]))
            what = (ui_text(QT_TRANSLATE_NOOP("ui", "reply")) if running[0] == "reply"
                    else ui_text(QT_TRANSLATE_NOOP("ui", "resolve")))
            text = f"{what} · {countdown(running[1], self.now)}"
            return text if when is not fmt else f"{text} · {fmt(running[1])}"  # (the tooltip: by when)
        if key == "description":
            return (row["description"] or "").replace("\n", " ")
        return row.get(key) or ""
