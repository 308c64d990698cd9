"""Ten years of history behind the complaints of ``generate.py``: work orders, callbacks, audit
entries and holds in the proportions of a real office, written with plain ``executemany``.

Per 1,000 complaints (a real office's mix, see docs/procedure.md and ``demo/jobs.py``):

- about 150 complaint follow-up work orders and 150 repair calls (报修) of their own: 300 work
  orders, each with its round of work; 4 % cancelled, the rest done and signed off when old;
- a callback (回访) for every closed complaint and every signed-off repair, 12 % of them after
  one or two unanswered attempts, 5 % dissatisfied and followed by a second callback, a few
  cancelled: about 1,150 callbacks, almost all done;
- the audit trail the services write: created, replied, closed for a complaint (the closing
  with its field changes), created, assigned, finished, signed off for a work order, made for a
  callback: about 5,300 entries and 4,300 field changes;
- holds (the clock stopped while waiting for the owner or parts) on 3 % of complaints and 5 %
  of work orders, all ended unless recent.

Rows are made per chunk of complaints, so memory stays flat at any size.
"""
from __future__ import annotations

import datetime as dt
import random
import sqlite3

from propdesk.demo import text as T

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)

WO_COLUMNS = (
    "id", "number", "kind", "complaint_id", "received_at", "unit_id", "owner_id", "contact_name",
    "contact_phone", "location", "description", "urgency", "pass_by", "window_start", "window_end",
    "paid", "department_id", "technician_id", "scheduled_at", "dispatched_at", "status",
    "arrived_at", "finished_at", "result", "materials", "fee", "price_item_id", "quantity",
    "quote_approved_by_id", "slip_returned", "checked_by_id", "checked_at", "rework_round",
    "on_hold_since", "cancel_reason", "created_by_id", "created_at",
)
ROUND_COLUMNS = ("work_order_id", "round_no", "technician_id", "arrived_at", "finished_at",
                 "result", "materials", "fee", "slip_returned", "verdict", "verdict_note")
CB_COLUMNS = (
    "number", "complaint_id", "work_order_id", "due_date", "promised_by", "assigned_to_id",
    "status", "attempts", "method", "reached", "satisfaction", "owner_words", "done_at",
    "done_by_id", "created_at",
)
AUDIT_COLUMNS = ("id", "at", "staff_id", "entity", "entity_id", "action", "note")
CHANGE_COLUMNS = ("entry_id", "field", "old", "new")
HOLD_COLUMNS = ("entity", "entity_id", "reason_kind", "reason", "started_at", "ended_at",
                "working_seconds", "started_by_id", "ended_by_id")


def _ts(t):
    return None if t is None else t.isoformat(sep=" ")


def _insert(table: str, columns) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class History:
    """Makes the history of one chunk of complaints (given as (id, row tuple) pairs)."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random, as_of: dt.datetime):
        self.conn, self.rng, self.as_of = conn, rng, as_of
        self.techs = [r[0] for r in conn.execute(
            "SELECT id FROM staff WHERE role = 'technician' ORDER BY id")] or [1]
        self.clerks = [r[0] for r in conn.execute(
            "SELECT id FROM staff WHERE role = 'clerk' ORDER BY id")] or [1]
        self.supervisors = [r[0] for r in conn.execute(
            "SELECT id FROM staff WHERE role IN ('supervisor', 'admin') ORDER BY id")] or [1]
        engineering = conn.execute("SELECT id FROM department WHERE code = 'engineering'").fetchone()
        self.engineering = engineering[0] if engineering else None
        self.people = conn.execute(
            "SELECT o.id, o.name, p.phone, u.id, u.label FROM owner o "
            "JOIN owner_phone p ON p.owner_id = o.id JOIN unit u ON u.id = o.unit_id "
            "ORDER BY p.id").fetchall()
        self.wo_id = (conn.execute("SELECT max(id) FROM work_order").fetchone()[0] or 0)
        self.audit_id = (conn.execute("SELECT max(id) FROM audit_entry").fetchone()[0] or 0)
        # numbers already given (the demo register comes with a few repairs of its own)
        self.counters: dict[tuple[str, str], int] = {
            (p, d): n for p, d, n in conn.execute("SELECT prefix, day, last FROM sequence")}
        self.counts = {"work_order": 0, "callback": 0, "audit_entry": 0, "audit_change": 0,
                       "hold": 0}
        self._reset()

    def _reset(self):
        self.wos, self.rounds, self.cbs, self.audit, self.changes, self.holds = ([] for _ in range(6))

    def number(self, prefix: str, at: dt.datetime) -> str:
        day = at.strftime("%Y%m%d")
        key = (prefix, day)
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{prefix}-{day}-{self.counters[key]:03d}"

    def log(self, at, staff, entity, entity_id, action, note="", changes=()):
        self.audit_id += 1
        self.audit.append((self.audit_id, _ts(at), staff, entity, entity_id, action, note))
        for field, old, new in changes:
            self.changes.append((self.audit_id, field, old, new))

    # --- one complaint -------------------------------------------------------------------------

    def complaint(self, cid: int, row: dict) -> None:
        rng = self.rng
        received, clerk = row["received_at"], row["created_by_id"]
        self.log(received, clerk, "complaint", cid, "create")
        if row["replied_at"]:
            self.log(row["replied_at"], clerk, "complaint", cid, "reply",
                     changes=(("status", "received", "replied"),))
        if rng.random() < 0.03:
            start = received + HOUR * rng.randint(2, 30)
            ended = start + HOUR * rng.randint(4, 72)
            ended = ended if ended < self.as_of else None
            self.holds.append(("complaint", cid, "owner_absent", "业主不在家，约定改日", _ts(start),
                               _ts(ended), 3600 * rng.randint(2, 20) if ended else 0, clerk,
                               clerk if ended else None))
            self.log(start, clerk, "complaint", cid, "hold")
        if rng.random() < 0.15 and row["status"] != "voided":
            self.work_order("follow_up", received + HOUR * rng.randint(1, 6), row, cid)
        if row["status"] == "closed":
            self.log(row["closed_at"], clerk, "complaint", cid, "close",
                     changes=(("status", "replied", "closed"),
                              ("result", "", row["result"])))
            self.callbacks("complaint", cid, row["closed_at"], clerk)
        elif row["status"] == "voided" and rng.random() < 0.3:
            self.log(received + HOUR, clerk, "complaint", cid, "void", row["void_reason"])

    def repair(self, received: dt.datetime) -> None:
        """A repair call of its own (报修), not raised from a complaint."""
        owner_id, name, phone, unit_id, label = self.rng.choice(self.people)
        self.work_order("repair", received, {"unit_id": unit_id, "owner_id": owner_id,
                                             "complainant": name, "phone": phone,
                                             "location": f"{label}户内"}, None)

    def work_order(self, kind: str, received: dt.datetime, case: dict, cid: int | None) -> None:
        rng = self.rng
        self.wo_id += 1
        wid = self.wo_id
        description, _where, materials, _item, result = rng.choice(T.REPAIRS)
        if kind == "follow_up":
            description = f"投诉跟进：{case.get('description', '')[:60]}"
        urgent = rng.random() < 0.1
        clerk, tech = rng.choice(self.clerks), rng.choice(self.techs)
        pass_by = received + (dt.timedelta(minutes=0) if urgent else 2 * HOUR)
        window = received + HOUR * rng.randint(1, 24)
        status, arrived, finished, checked, checker = "new", None, None, None, None
        dispatched = received + dt.timedelta(minutes=rng.randint(5, 110))
        r = rng.random()
        cancel = ""
        if r < 0.04:
            status, dispatched = "cancelled", None
            cancel = rng.choice(T.CANCEL_REASONS)
        else:
            arrived = window + dt.timedelta(minutes=rng.randint(0, 60))
            finished = arrived + dt.timedelta(minutes=rng.randint(20, 180))
            checked = finished + HOUR * rng.randint(2, 48)
            checker = rng.choice(self.supervisors)
            if checked <= self.as_of:
                status = "checked"
            elif finished <= self.as_of:
                status, checked, checker = "done", None, None
            elif dispatched <= self.as_of:
                status, arrived, finished, checked, checker = "assigned", None, None, None, None
            else:
                status, dispatched, arrived, finished, checked, checker = (
                    "new", None, None, None, None, None)
        self.wos.append((
            wid, self.number("PG", received), kind, cid, _ts(received), case.get("unit_id"),
            case.get("owner_id"), case.get("complainant", ""), case.get("phone", ""),
            case.get("location", ""), description, "urgent" if urgent else "ordinary",
            _ts(pass_by), _ts(window), _ts(window + 2 * HOUR), False, self.engineering,
            tech if dispatched else None, _ts(window) if dispatched else None, _ts(dispatched),
            status, _ts(arrived), _ts(finished), result if finished else "",
            materials if finished else "", "0", None, "1", None, bool(finished), checker,
            _ts(checked), 0, None, cancel, clerk, _ts(received)))
        if finished:
            self.rounds.append((wid, 1, tech, _ts(arrived), _ts(finished), result, materials,
                                "0", True, "accepted" if checked else "", ""))
        self.log(received, clerk, "work_order", wid, "create")
        if dispatched:
            self.log(dispatched, clerk, "work_order", wid, "assign",
                     changes=(("status", "new", "assigned"),))
        if finished:
            self.log(finished, tech, "work_order", wid, "finish")
        if checked:
            self.log(checked, checker, "work_order", wid, "check")
        if cancel:
            self.log(received + HOUR, clerk, "work_order", wid, "cancel", cancel)
        if rng.random() < 0.05 and arrived:
            ended = arrived + HOUR * rng.randint(4, 48)
            ended = ended if ended < self.as_of else None
            self.holds.append(("work_order", wid, "parts", "等配件", _ts(arrived), _ts(ended),
                               3600 * rng.randint(2, 20) if ended else 0, tech,
                               tech if ended else None))
        if kind == "repair" and checked:
            self.callbacks("work_order", wid, checked, clerk)

    def callbacks(self, entity: str, eid: int, handled: dt.datetime, clerk: int) -> None:
        """The callback within 3 working days; a dissatisfied owner gets a second one."""
        rng = self.rng
        for _ in range(2):
            due = (handled + DAY * rng.randint(1, 3)).date()
            done = dt.datetime.combine(due, dt.time(rng.randint(9, 17), rng.randint(0, 59)))
            attempts = 1 + (rng.random() < 0.12) + (rng.random() < 0.03)
            if rng.random() < 0.01:
                status, done, satisfaction, words = "cancelled", None, "", ""
            elif done > self.as_of:
                status, done, satisfaction, words, attempts = "due", None, "", "", 0
            else:
                status = "done"
                satisfaction = rng.choices(("satisfied", "fairly", "dissatisfied"), (80, 15, 5))[0]
                words = rng.choice(T.CALLBACK_WORDS[satisfaction])
            self.cbs.append((
                self.number("HF", handled), eid if entity == "complaint" else None,
                eid if entity == "work_order" else None, due.isoformat(), due.isoformat(), clerk,
                status, attempts, "phone" if done else "", True if done else None, satisfaction,
                words, _ts(done), clerk if done else None, _ts(handled)))
            if done:
                self.log(done, clerk, "callback", eid, "make", words,
                         changes=(("satisfaction", "", satisfaction),))
            if satisfaction != "dissatisfied":
                return
            handled = done + DAY

    # --- writing -------------------------------------------------------------------------------

    def flush(self) -> None:
        c = self.conn
        c.executemany(_insert("work_order", WO_COLUMNS), self.wos)
        c.executemany(_insert("work_round", ROUND_COLUMNS), self.rounds)
        c.executemany(_insert("callback", CB_COLUMNS), self.cbs)
        c.executemany(_insert("audit_entry", AUDIT_COLUMNS), self.audit)
        c.executemany(_insert("audit_change", CHANGE_COLUMNS), self.changes)
        c.executemany(_insert("hold", HOLD_COLUMNS), self.holds)
        for name, rows in (("work_order", self.wos), ("callback", self.cbs),
                           ("audit_entry", self.audit), ("audit_change", self.changes),
                           ("hold", self.holds)):
            self.counts[name] += len(rows)
        self._reset()

    def finish(self) -> None:
        self.flush()
        self.conn.executemany(
            "INSERT OR REPLACE INTO sequence (prefix, day, last) VALUES (?, ?, ?)",
            sorted((p, d, n) for (p, d), n in self.counters.items()))

