"""Fill a database file with N complaints, fast, for the benchmarks.

    python benchmarks/generate.py data/complaints_100000.db 100000 [--seed 1]

The schema is PropDesk's own (``propdesk.models.init_db``); the register (2 estates, ~2,000
units, owners, phones, staff) is the demo office's (``services.demo``, with no complaints);
the complaints are written with plain ``sqlite3.executemany`` using the demo's wording. The
trigram index is dropped during the load and rebuilt in one ``INSERT ... SELECT`` afterwards
(a trigger per row is several times slower), then its triggers are recreated, so the file
behaves exactly like one PropDesk wrote.

The complaints span ten years up to yesterday; old ones are closed, recent ones mixed. Behind
them is their history (``history.py``): about 0.3 work orders, 1.05 callbacks, 4.6 audit entries
and a few holds per complaint, as a real office accumulates them, so every figure is measured
with ten years of history in the file. No ``ANALYZE`` is run: the file is as an office's file
upgraded from an older PropDesk would be, and PropDesk itself must cope (``models.db``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import time
from pathlib import Path

from propdesk.models import database, init_db
from propdesk.models import name_index
from propdesk.models.db import FTS_TABLES, create_fts, drop_fts, fill_fts, index_kinds
from propdesk.models.enums import Channel, ComplaintStatus, Severity
from propdesk.services.core import calendar
from propdesk.demo import office as demo
from propdesk.demo import register as demo_register
from propdesk.services.cases import sla
from propdesk.demo import text as T
from propdesk.demo.cases import received_times
from propdesk.services.register.owners import phone_digits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from history import History

WEEKS = 520  # ten years of complaints
CHUNK = 20_000  # rows generated and inserted at a time (keeps memory flat)
COLUMNS = (
    "number", "received_at", "channel", "complainant", "phone", "phone_digits", "unit_id",
    "owner_id", "location", "occurred_at", "description", "people_involved", "customer_request",
    "evidence", "category_id", "severity", "valid", "invalid_reason", "notice_required",
    "department_id", "is_group", "reply_by", "resolve_by", "replied_at", "reply_method",
    "reply_note", "cause", "action", "result", "customer_opinion", "signature_received",
    "status", "escalation", "closed_at", "reopen_count", "void_reason", "created_by_id",
    "created_at", "updated_at",
)


class _Raw:
    """Lets ``models.db.create_fts`` (which only calls ``execute_sql``) run on a plain
    sqlite3 connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute_sql(self, sql: str, params=()):
        return self.conn.execute(sql, params)

    def cursor(self):
        return self.conn.cursor()


def _dt(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def _ts(t: dt.datetime | None) -> str | None:
    # the text form peewee stores for a naive datetime
    return None if t is None else t.isoformat(sep=" ")


class Generator:
    """Builds complaint rows from the demo's words, one chunk at a time."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random, as_of: dt.datetime,
                 sla_table: dict):
        self.rng, self.as_of = rng, as_of
        self.categories = [(name, cid, dept) for name, cid, dept in conn.execute(
            "SELECT name, id, default_department_id FROM category ORDER BY sort, id")]
        self.weights = [T.CATEGORIES.get(c[0], {"weight": 1})["weight"] for c in self.categories]
        self.people = conn.execute(
            "SELECT o.id, o.name, p.phone, u.id, u.label, b.name FROM owner o "
            "JOIN owner_phone p ON p.owner_id = o.id JOIN unit u ON u.id = o.unit_id "
            "JOIN building b ON b.id = u.building_id ORDER BY p.id").fetchall()
        self.clerks = [r[0] for r in conn.execute(
            "SELECT id FROM staff WHERE role = 'clerk' ORDER BY id")]
        # sla.deadlines() reads the SLA setting on every call (~0.2 ms); it is read once and
        # the same spans applied here, or a million rows would spend minutes on it.
        self.table = sla_table
        self.counters: dict[str, int] = {}

    def deadlines(self, received: dt.datetime, severity: str, valid: bool):
        row = self.table[severity if valid else "invalid"]
        return sla.Span(*row["reply"]).after(received), sla.Span(*row["resolve"]).after(received)

    def row(self, received: dt.datetime) -> tuple:
        rng = self.rng
        name, category_id, dept_id = rng.choices(self.categories, self.weights)[0]
        owner_id, person, phone, unit_id, label, bld = rng.choice(self.people)
        text = demo_register.complaint_text(rng, name, bld, label)
        severity = rng.choices((Severity.MINOR, Severity.IMPORTANT, Severity.MAJOR), (55, 40, 5))[0].value
        valid = rng.random() >= 0.08
        reply_by, resolve_by = self.deadlines(received, severity, valid)
        day = received.strftime("%Y%m%d")
        self.counters[day] = self.counters.get(day, 0) + 1
        status, replied, closed = self._state(received, resolve_by)
        words = T.CATEGORIES.get(name, T.CATEGORIES["其他"])
        done = status == ComplaintStatus.CLOSED.value
        clerk = rng.choice(self.clerks)
        return (
            f"TS-{day}-{self.counters[day]:03d}", _ts(received),
            rng.choices(list(Channel), (45, 20, 10, 7, 18))[0].value, person, phone,
            phone_digits(phone), unit_id, owner_id, text["location"], None, text["description"],
            text["people_involved"], text["customer_request"], text["evidence"], category_id,
            severity, valid, "" if valid else T.INVALID_REASONS[0][0], True, dept_id, False,
            _ts(reply_by), _ts(resolve_by), _ts(replied), "phone" if replied else "", "",
            rng.choice(words["causes"]) if done else "", rng.choice(words["actions"]) if done else "",
            rng.choice(words["results"]) if done else "", rng.choice(T.OPINIONS) if done else "",
            done, status, "none", _ts(closed), 0,
            "重复登记" if status == ComplaintStatus.VOIDED.value else "", clerk, _ts(received),
            _ts(closed or replied or received),
        )

    def _state(self, received: dt.datetime, resolve_by: dt.datetime):
        """Old cases are closed, recent ones mixed: (status, replied_at, closed_at)."""
        rng = self.rng
        r = rng.random()
        if r < 0.02:
            return ComplaintStatus.VOIDED.value, None, None
        replied = received + dt.timedelta(minutes=rng.randint(10, 240))
        closed = replied + dt.timedelta(minutes=rng.randint(60, 4320))
        if closed <= self.as_of and r < 0.98:
            return ComplaintStatus.CLOSED.value, replied, closed
        if replied <= self.as_of:
            return ComplaintStatus.REPLIED.value, replied, None
        return ComplaintStatus.RECEIVED.value, None, None


def generate(path: Path, n: int, seed: int = 1, log=print) -> None:
    """Create ``path`` (which must not exist) with the demo register and ``n`` complaints."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    init_db(str(path))
    # the register (units, owners, staff) comes from the demo office, without complaints
    demo.create_demo_office(n_complaints=0, seed=seed)
    # read through peewee what the deadlines need, before the raw connection takes the file
    sla_table = sla.table()
    with calendar.frozen():  # the office's calendar days as read now: the raw connection holds the file
        database.close()
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            _bulk_load(conn, n, seed, sla_table, log)
        finally:
            conn.close()
    log(f"{path.name}: {n:,} complaints in {time.perf_counter() - started:.0f} s "
        f"({path.stat().st_size / 1e6:.0f} MB)")


def _bulk_load(conn: sqlite3.Connection, n: int, seed: int, sla_table: dict, log) -> None:
    # A benchmark file, not an office's records: no journal, no fsync while loading.
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    conn.execute("BEGIN")
    for table in FTS_TABLES:  # recreated with their triggers by create_fts below
        drop_fts(_Raw(conn), table)
    for table in name_index.NAME_COLUMNS:  # the same for the names' initials
        name_index.drop(_Raw(conn), table)
    rng = random.Random(seed)
    as_of = dt.datetime.combine(dt.date.today(), dt.time()) - dt.timedelta(minutes=1)
    gen = Generator(conn, rng, as_of, sla_table)
    insert = (f"INSERT INTO complaint ({', '.join(COLUMNS)}) "
              f"VALUES ({', '.join('?' * len(COLUMNS))})")
    times = received_times(rng, n, as_of, weeks=WEEKS)
    history = History(conn, random.Random(seed + 1), as_of)
    next_id = (conn.execute("SELECT max(id) FROM complaint").fetchone()[0] or 0) + 1
    t0 = time.perf_counter()
    for start in range(0, n, CHUNK):
        chunk = times[start:start + CHUNK]
        rows = [gen.row(t) for t in chunk]
        conn.executemany(insert, rows)
        for i, row in enumerate(rows):
            history.complaint(next_id + i, dict(zip(COLUMNS, row), received_at=chunk[i],
                                                replied_at=_dt(row[23]), closed_at=_dt(row[33])))
            if history.rng.random() < 0.15:  # repair calls of their own, as many as follow-ups
                history.repair(chunk[i] + dt.timedelta(minutes=history.rng.randint(1, 600)))
        next_id += len(rows)
        history.flush()
        if start and start % (CHUNK * 10) == 0:
            log(f"  {start:,} complaints ({time.perf_counter() - t0:.0f} s)")
    conn.executemany("INSERT OR REPLACE INTO sequence (prefix, day, last) VALUES ('TS', ?, ?)",
                     sorted(gen.counters.items()))
    history.finish()
    log(f"  complaints and history written in {time.perf_counter() - t0:.0f} s: "
        + ", ".join(f"{v:,} {k}" for k, v in history.counts.items()))
    for table in FTS_TABLES:  # the search indexes, built in one INSERT ... SELECT each
        create_fts(_Raw(conn), table)
        for kind in index_kinds(table):
            t0 = time.perf_counter()
            fill_fts(_Raw(conn), table, kinds=(kind,))
            log(f"  {table} {kind} index built in {time.perf_counter() - t0:.0f} s")
    for table in name_index.NAME_COLUMNS:
        t0 = time.perf_counter()
        name_index.create(_Raw(conn), table)
        name_index.fill(_Raw(conn), table)
        log(f"  {table} initials built in {time.perf_counter() - t0:.0f} s")
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")  # as PropDesk leaves its files


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", type=Path)
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    if args.path.exists():
        print(f"{args.path} exists; remove it first", file=sys.stderr)
        return 1
    generate(args.path, args.n, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
