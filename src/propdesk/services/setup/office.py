"""Office setup shared by the setup screens: who may change it, audited setting writes, and the
deadline rules (reply/resolve per class, callback window and attempts, repair hand-over times,
repeat-complaint window, the cashier's cut-off day and the summary's reminder day).

Administrators change the setup (``settings.edit``); supervisors may look at it. Every save is
one transaction with one audit entry naming each changed value (old -> new). Deadlines already
given to a case are stored on the case, so a change applies to new cases only.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import Severity, Urgency
from propdesk.models.tables import Staff
from propdesk.services.core import audit
from propdesk.services.cases import callbacks
from propdesk.services.core import settings
from propdesk.services.cases import sla
from propdesk.services.cases import workorders
from propdesk.services.core.db_retry import transaction
from propdesk.services.core.validation import Checker
from propdesk.services.fees import months
from propdesk.services.setup.access import (  # noqa: F401 - who may: the setup screens ask here
    SETTING, VIEW_ROLES, can_edit, can_view, require_edit,
)

MSG_WHOLE = QT_TRANSLATE_NOOP("rules", "{label}: enter a whole number from {low} to {high}.")
MSG_REPLY_AFTER_RESOLVE = QT_TRANSLATE_NOOP(
    "rules", "{label}: the reply deadline cannot be later than the resolve deadline.")

SEVERITY_KEYS = (Severity.MAJOR.value, Severity.IMPORTANT.value, Severity.MINOR.value, "invalid")
SPAN_UNITS = ("hours", "working_days")
# limits of each number: (low, high)
SPAN_LIMITS = {"hours": (1, 720), "working_days": (1, 60)}
LIMITS = {
    "callback_days": (1, 30),
    "callback_max_attempts": (1, 20),
    "urgent_minutes": (1, 1440),
    "ordinary_minutes": (1, 1440),
    "repeat_days": (1, 365),
    "fee_cutoff_day": months.DAY_LIMITS,  # the cashier's month ends on this day (fees/months.py)
    "fee_remind_day": months.DAY_LIMITS,  # the dashboard reminds of the summary from this day
}
DEFAULT_REPEAT_DAYS = 30


def put_settings(actor: Staff | None, values: dict[str, str], action: str = "change",
                 note: str = "", shown: dict[str, tuple] | None = None) -> dict[str, tuple]:
    """Store ``values`` (key -> text) and audit what changed. Call inside the transaction.

    ``shown`` replaces the audited old/new pairs (e.g. one line per deadline instead of the
    whole JSON table). Returns the changes audited."""
    changes = {}
    for key, value in values.items():
        old = settings.get(key)
        if old != value:
            settings.put(key, value)
            changes[key] = (old, value)
    audited = shown if shown is not None else changes
    if changes:
        audit.record(actor, SETTING, 0, action, note=note or ", ".join(changes), changes=audited)
    return audited


def whole_number(c: Checker, name: str, value, low: int, high: int) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not re.fullmatch(r"\d{1,6}", text) or not low <= int(text) <= high:
        c.fail(name, MSG_WHOLE, low=low, high=high)
        return None
    return int(text)


# --- deadlines -------------------------------------------------------------------------------

@dataclass
class Deadlines:
    """The deadline rules as plain values. ``sla`` is ``{key: {"reply": [n, unit], "resolve":
    [n, unit]}}`` for the three classes and "invalid"; units are "hours" or "working_days"."""

    sla: dict = field(default_factory=dict)
    callback_days: int = callbacks.DEFAULT_DAYS
    callback_max_attempts: int = callbacks.DEFAULT_MAX_ATTEMPTS
    urgent_minutes: int = workorders.DEFAULT_PASS_MINUTES["urgent"]
    ordinary_minutes: int = workorders.DEFAULT_PASS_MINUTES["ordinary"]
    repeat_days: int = DEFAULT_REPEAT_DAYS
    fee_cutoff_day: int = months.DEFAULT_CUTOFF_DAY
    fee_remind_day: int = months.DEFAULT_REMIND_DAY


def repeat_days() -> int:
    """The repeat-complaint window: a complaint from the same unit in the same category within
    this many days of an earlier one is a repeat."""
    try:
        return int(settings.get("repeat_days") or DEFAULT_REPEAT_DAYS)
    except ValueError:
        return DEFAULT_REPEAT_DAYS


def default_deadlines() -> Deadlines:
    return Deadlines(sla=json.loads(json.dumps(sla.DEFAULT_TABLE)))


def current_deadlines() -> Deadlines:
    table = sla.table()
    passing = workorders.pass_minutes()
    merged = {key: {**sla.DEFAULT_TABLE[key], **table.get(key, {})} for key in SEVERITY_KEYS}
    return Deadlines(sla=merged, callback_days=callbacks.window_days(),
                     callback_max_attempts=callbacks.max_attempts(),
                     urgent_minutes=int(passing.get(Urgency.URGENT.value, 15)),
                     ordinary_minutes=int(passing.get(Urgency.ORDINARY.value, 120)),
                     repeat_days=repeat_days(), fee_cutoff_day=months.cutoff_day(),
                     fee_remind_day=months.remind_day())


def _checked_deadlines(data: Deadlines) -> Deadlines:
    c = Checker()
    table = {}
    for key in SEVERITY_KEYS:
        row = (data.sla or {}).get(key) or {}
        spans = {}
        for part in ("reply", "resolve"):
            name = f"sla.{key}.{part}"
            amount, unit = (list(row.get(part) or [None, None]) + [None, None])[:2]
            if unit not in SPAN_UNITS:
                c.choice(name, unit, SPAN_UNITS)
                continue
            low, high = SPAN_LIMITS[unit]
            number = whole_number(c, name, amount, low, high)
            if number is not None:
                spans[part] = [number, unit]
        if len(spans) == 2 and spans["reply"][1] == spans["resolve"][1] \
                and spans["reply"][0] > spans["resolve"][0]:
            c.fail(f"sla.{key}.reply", MSG_REPLY_AFTER_RESOLVE)
        table[key] = spans
    numbers = {name: whole_number(c, name, getattr(data, name), *LIMITS[name]) for name in LIMITS}
    months.check_days(c, numbers["fee_cutoff_day"], numbers["fee_remind_day"])
    c.raise_if_any()
    return Deadlines(sla=table, **numbers)


def _span_text(span) -> str:
    return f"{span[0]} {span[1]}"


def _stored(d: Deadlines) -> dict[str, str]:
    return {
        "sla": json.dumps(d.sla, ensure_ascii=False, sort_keys=True),
        "callback_days": str(d.callback_days),
        "callback_max_attempts": str(d.callback_max_attempts),
        "repair_pass_minutes": json.dumps({Urgency.URGENT.value: d.urgent_minutes,
                                           Urgency.ORDINARY.value: d.ordinary_minutes},
                                          sort_keys=True),
        "repeat_days": str(d.repeat_days),
        "fee_cutoff_day": str(d.fee_cutoff_day),
        "fee_remind_day": str(d.fee_remind_day),
    }


def _readable_changes(old: Deadlines, new: Deadlines) -> dict[str, tuple]:
    """One audit line per value that changed: "sla.major.reply: 2 hours -> 4 hours"."""
    out = {}
    for key in SEVERITY_KEYS:
        for part in ("reply", "resolve"):
            a, b = _span_text(old.sla[key][part]), _span_text(new.sla[key][part])
            if a != b:
                out[f"sla.{key}.{part}"] = (a, b)
    for name in LIMITS:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out[name] = (a, b)
    return out


def save_deadlines(actor: Staff | None, data: Deadlines, action: str = "change") -> dict[str, tuple]:
    """Check and store the deadline rules; returns the audited changes (empty: nothing changed).

    New cases use them from now on; deadlines already given to cases stay as they are."""
    require_edit(actor)
    new = _checked_deadlines(data)
    with transaction():
        old = current_deadlines()
        shown = _readable_changes(old, new)
        if not shown:
            return {}
        put_settings(actor, _stored(new), action=action, note="deadlines", shown=shown)
    return shown


def restore_default_deadlines(actor: Staff | None) -> dict[str, tuple]:
    """Back to the table of docs/deadlines.md, 3 working days for callbacks, 15/120 minutes hand-over."""
    return save_deadlines(actor, default_deadlines(), action="restore_defaults")
