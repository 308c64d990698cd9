"""The audit log viewer's pages and counts on a large file: each filter's first page, the page
after it, a page from the middle of the log, the oldest page (Ctrl+End) and the count, through
``services.core.audit_log`` (keyset pages on (at, id)), each beside the same statements replayed
on a plain ``sqlite3`` connection (the ratio is the cost of peewee and of building the rows), and
the OFFSET page the viewer read before (plain sqlite3) for comparison.

    python benchmarks/audit_log.py FILE [--runs 3] [--plans]

FILE is opened read-only at the schema it has (``mode=ro&immutable=1``), as ``search.py
--read-only`` does: the 1,000,000-complaint file (5.29 M audit entries) is never written.
``--plans`` prints SQLite's plan of each filter's first page.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import _open, recorded  # (benchmarks/ is not a package)
from timing import median_ms  # benchmarks/timing.py

PAGE = 200


def _filters(raw: sqlite3.Connection):
    """(name, AuditFilter) for the viewer's filters, picked from the file's own data."""
    from propdesk.services.core.audit_log import AuditFilter

    (newest,) = raw.execute("SELECT max(at) FROM audit_entry").fetchone()
    day = dt.date.fromisoformat(newest[:10]) - dt.timedelta(days=1)
    busy, quiet = 14, 6  # the 1,000,000 file's busiest clerk and one of its quieter people
    (number,) = raw.execute("SELECT number FROM complaint ORDER BY id DESC LIMIT 1 OFFSET 5000").fetchone()
    return [
        ("everything", AuditFilter()),
        (f"a clerk (staff {busy}, 1.57 M)", AuditFilter(staff_id=busy)),
        (f"a quieter person (staff {quiet}, 31 k)", AuditFilter(staff_id=quiet)),
        ("kind: complaints (2.98 M)", AuditFilter(entity="complaint")),
        ("kind: incidents (13)", AuditFilter(entity="incident")),
        ("kind: staff accounts (0)", AuditFilter(entity="staff")),
        (f"record {number}", AuditFilter(record=number)),
        ("one day", AuditFilter(date_from=day, date_to=day)),
        ("one month", AuditFilter(date_from=day - dt.timedelta(days=30), date_to=day)),
        ("one year", AuditFilter(date_from=day - dt.timedelta(days=365), date_to=day)),
        ("clerk + complaints", AuditFilter(staff_id=busy, entity="complaint")),
        ("quieter person + one month", AuditFilter(staff_id=quiet, date_from=day - dt.timedelta(days=30),
                                                  date_to=day)),
        ("work orders + one month", AuditFilter(entity="work_order", date_from=day - dt.timedelta(days=30),
                                               date_to=day)),
    ]


def _plans(raw, f) -> None:
    from propdesk.services.core import audit_log

    calls = recorded(lambda: audit_log.page(_actor(), f, PAGE))
    sql, params = next(c for c in calls if "ORDER BY" in c[0])
    for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params):
        print("      plan:", row[-1])


_ADMIN = None


def _actor():
    global _ADMIN
    if _ADMIN is None:
        from propdesk.models.enums import Role
        from propdesk.models.tables import Staff

        _ADMIN = Staff.select().where(Staff.role == Role.ADMIN.value).first()
    return _ADMIN


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", action="store_true")
    args = parser.parse_args()

    from propdesk.services.core import audit_log

    raw = _open(args.file, read_only=True)
    actor = _actor()
    (middle_at, middle_id) = raw.execute(
        "SELECT at, id FROM audit_entry ORDER BY at DESC, id DESC LIMIT 1 OFFSET 2600000").fetchone()
    middle = {"at": dt.datetime.fromisoformat(middle_at), "id": middle_id}
    print(f"{'filter':40} {'what':8} {'PropDesk':>10} {'sqlite3':>10} {'ratio':>6}  rows")
    for name, f in _filters(raw):
        first = audit_log.page(actor, f, PAGE)
        calls = [("first", lambda f=f: audit_log.page(actor, f, PAGE))]
        if len(first) == PAGE:
            calls += [("next", lambda f=f, r=first[-1]: audit_log.page(actor, f, PAGE, after=r)),
                      ("middle", lambda f=f: audit_log.page(actor, f, PAGE, after=middle)),
                      ("oldest", lambda f=f: audit_log.page(actor, f, PAGE, oldest_first=True))]
        calls.append(("count", lambda f=f: audit_log.count(actor, f)))
        for what, call in calls:
            ours = median_ms(call, args.runs)
            statements = recorded(call)

            def replay(statements=statements):
                for sql, params in statements:
                    raw.execute(sql, params).fetchall()

            base = median_ms(replay, args.runs)
            found = call()
            found = len(found) if isinstance(found, list) else found
            print(f"{name:40} {what:8} {ours:8.1f} ms {base:8.1f} ms {ours / max(base, 0.01):5.2f}x  {found}",
                  flush=True)
        if args.plans:
            _plans(raw, f)
    # the viewer's pages before: OFFSET on the id, plain sqlite3 (its page query alone)
    for offset in (0, 100_000, 1_000_000, 5_000_000):
        sql = ("SELECT t1.*, t2.* FROM audit_entry AS t1 LEFT OUTER JOIN staff AS t2 ON t1.staff_id = t2.id "
               "WHERE t1.id > 0 ORDER BY t1.id DESC LIMIT 200 OFFSET ?")
        ms = median_ms(lambda offset=offset: raw.execute(sql, (offset,)).fetchall(), args.runs)
        print(f"{'before: OFFSET ' + format(offset, ','):40} {'page':8} {'':>10} {ms:8.1f} ms")
    raw.close()


if __name__ == "__main__":
    main()
