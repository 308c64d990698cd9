"""The work-order list for the dispatch board, over the lazy model."""
from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.enums import Urgency, WorkOrderKind, WorkOrderStatus
from propdesk.services.cases import lateness
from propdesk.services.lists import workorder_search
from propdesk.services.lists.workorder_search import WorkOrderFilter
from propdesk.ui.lazy_model import DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND, LazyTableModel
from propdesk.ui.widgets import countdown, fmt, fmt_list, ui_text

LATE_BG = QBrush(QColor("#ffd9d9"))
URGENT_FG = QBrush(QColor("#b00020"))
DONE_FG = QBrush(QColor("#666666"))

COLUMNS = [
    ("number", QT_TRANSLATE_NOOP("ui", "Number")),
    ("received_at", QT_TRANSLATE_NOOP("ui", "Received")),
    ("urgency", QT_TRANSLATE_NOOP("ui", "Urgency")),
    ("unit", QT_TRANSLATE_NOOP("ui", "Unit")),
    ("contact_name", QT_TRANSLATE_NOOP("ui", "Contact")),
    ("description", QT_TRANSLATE_NOOP("ui", "Task")),
    ("department", QT_TRANSLATE_NOOP("ui", "Department")),
    ("technician", QT_TRANSLATE_NOOP("ui", "Technician")),
    ("scheduled_at", QT_TRANSLATE_NOOP("ui", "Time")),
    ("status", QT_TRANSLATE_NOOP("ui", "Status")),
    ("fee", QT_TRANSLATE_NOOP("ui", "Fee")),
    ("pass_by", QT_TRANSLATE_NOOP("ui", "Hand over by")),
]


class WorkOrderTableModel(LazyTableModel):
    columns = COLUMNS
    sortable = workorder_search.SORTABLE

    def __init__(self, parent=None):
        super().__init__(WorkOrderFilter(statuses=workorder_search.open_statuses()), "received_at", parent)

    keyset = True  # pages continue from a row: a deep page costs what the first does

    def fetch_page(self, limit: int, after: dict | None = None, before: dict | None = None,
                   reverse: bool = False) -> list[dict]:
        return workorder_search.page(self.filter, self.order, self.descending != reverse, limit=limit, after=after,
                                     before=before, reader=self.reader)

    def cell(self, row: dict, key: str, role: int):
        if role == DISPLAY:
            return self._text(row, key)
        if role == BACKGROUND and lateness.work_order_late(row, self.now):
            return LATE_BG
        if role == FOREGROUND:
            if key == "urgency" and row["urgency"] == Urgency.URGENT.value:
                return URGENT_FG
            if row["status"] in (WorkOrderStatus.CHECKED.value, WorkOrderStatus.CANCELLED.value):
                return DONE_FG
        if role == TOOLTIP and key == "description":
            return row["description"]
        if role == TOOLTIP and key in ("status", "unit"):  # a long state or address, whole
            return self._text(row, key) or None
        if role == TOOLTIP and key in ("received_at", "scheduled_at", "pass_by"):  # short dates, whole
            return self._text(row, key, fmt) or None
        return None

    def _short(self, value) -> str:
        return fmt_list(value, self.now)

    def _text(self, row: dict, key: str, when=None) -> str:
        """``when``: how a time is written (the list's short form unless told: ``fmt_list``)."""
        when = when or self._short
        if key == "scheduled_at":  # 约定时间: the visit set at dispatch, else the time agreed at the call
            return when(row[key] or row.get("window_start"))
        if key == "received_at":
            return when(row[key])
        if key == "urgency":
            return Urgency(row["urgency"]).label()
        if key == "status":
            text = WorkOrderStatus(row["status"]).label()
            if row["rework_round"]:
                text += ui_text(QT_TRANSLATE_NOOP("ui", " · round {n}")).format(n=row["rework_round"] + 1)
            if row.get("fee_state") == "unpaid":  # owed: said in the state too (the fee column
                text += ui_text(QT_TRANSLATE_NOOP("ui", " · unpaid"))  # may be scrolled away)
            if row.get("on_hold_since"):
                text += ui_text(QT_TRANSLATE_NOOP("ui", " · on hold"))
            return text
        if key == "fee":  # the total and whether it is settled
            if row.get("fee_state") == "unpaid":
                return ui_text(QT_TRANSLATE_NOOP("ui", "¥{fee} unpaid")).format(fee=f"{row['fee']:.2f}")
            if row.get("fee_state") == "settled":
                return ui_text(QT_TRANSLATE_NOOP("ui", "¥{fee} settled")).format(fee=f"{row['fee']:.2f}")
            return ui_text(QT_TRANSLATE_NOOP("ui", "paid service")) if row["paid"] else ""
        if key == "pass_by":
            if row["dispatched_at"] is not None:
                return ui_text(QT_TRANSLATE_NOOP("ui", "Handed over {at}")).format(at=when(row["dispatched_at"]))
            if row["status"] == WorkOrderStatus.CANCELLED.value:
                return ""
            text = countdown(row["pass_by"], self.now)
            return text if when is not fmt else f"{text} · {fmt(row['pass_by'])}"  # (the tooltip: by when)
        if key == "description":
            kind = "" if row["kind"] == WorkOrderKind.REPAIR.value else "【" + WorkOrderKind(row["kind"]).label() + "】"
            return kind + (row["description"] or "").replace("\n", " ")
        return row.get(key) or ""
