"""Reply and resolve deadlines (docs/deadlines.md): hours run on the clock, working days on the
working-day calendar. The office can change the table (setting ``sla``); new cases use the
table in force when they are received, existing deadlines stay as computed.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from propdesk.models.enums import Severity
from propdesk.services.core import calendar
from propdesk.services.core import settings


@dataclass(frozen=True)
class Span:
    amount: int
    unit: str  # "hours" | "working_days"

    def after(self, start: dt.datetime) -> dt.datetime:
        if self.unit == "hours":
            return start + dt.timedelta(hours=self.amount)
        return calendar.add_working_days(start, self.amount)


DEFAULT_TABLE = {
    "major": {"reply": [2, "hours"], "resolve": [3, "working_days"]},
    "important": {"reply": [1, "working_days"], "resolve": [2, "working_days"]},
    "minor": {"reply": [2, "hours"], "resolve": [1, "working_days"]},
    # An invalid complaint is answered with the reason within 1 working day.
    "invalid": {"reply": [1, "working_days"], "resolve": [1, "working_days"]},
}


def table() -> dict:
    stored = settings.get("sla")
    return json.loads(stored) if stored else DEFAULT_TABLE


def deadlines(received_at: dt.datetime, severity: str | Severity,
              valid: bool = True) -> tuple[dt.datetime, dt.datetime]:
    """``(reply_by, resolve_by)`` for a complaint received at ``received_at``."""
    key = Severity(severity).value if valid else "invalid"
    row = table()[key]
    return Span(*row["reply"]).after(received_at), Span(*row["resolve"]).after(received_at)
