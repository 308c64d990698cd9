"""Every search term at 100,000 and 1,000,000 complaints: the first page and the count of the
complaint, work-order and callback lists, beside the very same SQL run on a plain sqlite3
connection.

    python benchmarks/search.py FILE.db [FILE.db ...] [--runs 5] [--read-only] [--only WHAT ...]

``--read-only`` opens the file read-only (``mode=ro&immutable=1``) at the schema it has, without
upgrading it or writing figures into it: for a shared file nobody may change while it runs.
``--only``: the lines whose list, kind or term contains one of the texts (``callbacks:TS-``
for a list and a term: both parts must match).

Files come from ``generate.py`` (brought to the current schema first, as PropDesk would).
*PropDesk* is ``services.lists.<list>.page(filter)`` (200 rows, the list's page, in its default
order), the page after it (``page(filter, after=<its last row>)``: "next", as the list asks for
it when scrolled) and ``.count``;
*sqlite3* replays every statement that call sent (recorded from peewee: the index's match
count that picks the plan, then the page or count) with the same parameters on a plain
connection with PropDesk's pragmas, ``fetchall()`` of tuples (a page found in the window of
``services.lists.listing`` is two or three statements: all are replayed). So the ratio is what PropDesk
costs on top of SQLite for the same work, and the milliseconds are checked against the bounds:
first page <= 50 ms, count <= 200 ms (the list shows "100+" until a slower count arrives, off
the GUI thread). Median of ``--runs`` after one warm-up run.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import unicodedata
from pathlib import Path

from timing import median_ms  # benchmarks/timing.py

PAGE_BOUND, COUNT_BOUND = 50.0, 200.0
PAGE = 200  # rows the lists ask for at a time (ui.lazy_model.PAGE)


def recorded(fn) -> list[tuple[str, tuple]]:
    from propdesk.models import database

    db = database.obj
    seen: list[tuple[str, tuple]] = []
    original = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        seen.append((sql, tuple(params or ())))
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        fn()
    finally:
        del db.execute_sql
    return seen


def terms(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(what, term): every kind the clerks type, taken from the file where it must exist."""
    import re

    from propdesk.models.name_index import name_initials

    mid = conn.execute("SELECT count(*) / 2 FROM complaint").fetchone()[0]
    number, phone, label, name = conn.execute(
        "SELECT c.number, c.phone, u.label, c.complainant FROM complaint c JOIN unit u ON u.id = c.unit_id "
        "WHERE length(c.phone) = 11 ORDER BY c.id LIMIT 1 OFFSET ?", (mid,)).fetchone()
    parts = re.fullmatch(r"(\d+)\D+?(\d+)单元(\d+)", label)
    dashes = "-".join(parts.groups()) if parts else label
    return [
        ("1 char, common", "水"), ("1 char, rarer", "狗"), ("1 char, absent", "龘"),
        ("2 chars, common", "漏水"), ("2 chars, rare", "狗叫"), ("2 chars, absent", "咖啡"),
        ("3+ chars, common", "地下车库"), ("3+ chars, absent", "电梯困人啊"),
        ("phone, whole", phone), ("phone, 4 digits", phone[-4:]), ("phone, 2 digits", phone[-2:]),
        ("number, whole", number), ("number, day", number[3:11]),
        ("number, prefix: month", number[:9]), ("number, prefix: year", number[:7]),
        ("unit, as stored", label), ("unit, dashes", dashes), ("unit, building", label[:2]),
        ("pinyin initials", name_initials(name)[:2]), ("pinyin initials, 3", name_initials(name)[:3]),
        ("letters zw", "zw"),
    ]


def lists():
    from propdesk.services.lists import callback_search, search, workorder_search

    return [("complaints", search, lambda t: search.ComplaintFilter(text=t)),
            ("work orders", workorder_search, lambda t: workorder_search.WorkOrderFilter(text=t)),
            ("callbacks", callback_search, lambda t: callback_search.CallbackFilter(view="all", text=t)),
            # the tab as it opens: the callbacks still due (a few hundred at a million)
            ("callbacks open", callback_search, lambda t: callback_search.CallbackFilter(view="open", text=t))]


def _wanted(only: list[str], list_name: str, what: str, term: str) -> bool:
    if not only:
        return True
    for item in only:
        parts = item.split(":", 1) if ":" in item else [item]
        if all(any(p in x for x in (list_name, what, term)) for p in parts):
            return True
    return False


def _open(path: Path, read_only: bool) -> sqlite3.Connection:
    from peewee import SqliteDatabase

    from propdesk.models import database, init_db
    from propdesk.models.db import SQLITE_PRAGMAS

    if not read_only:
        init_db(str(path))
        raw = sqlite3.connect(path)
        pragmas = SQLITE_PRAGMAS
    else:  # no journal or sync pragmas: a read-only connection may not change them
        uri = f"file:{path.resolve()}?mode=ro&immutable=1"
        pragmas = {k: v for k, v in SQLITE_PRAGMAS.items() if k not in ("journal_mode", "synchronous")}
        db = SqliteDatabase(uri, uri=True, pragmas=pragmas)
        db.connect()
        database.initialize(db)
        raw = sqlite3.connect(uri, uri=True)
    for key, value in pragmas.items():
        raw.execute(f"PRAGMA {key}={value}")
    return raw


def bench_file(path: Path, runs: int, read_only: bool = False, only: list[str] | None = None) -> list[tuple]:
    from propdesk.models import database
    from propdesk.services.core.accounts import PROGRAM

    raw = _open(path, read_only)
    out = []
    for list_name, module, make in lists():
        for what, term in terms(raw):
            if not _wanted(only or [], list_name, what, term):
                continue
            f = make(term)
            first = module.page(f, limit=PAGE, reader=PROGRAM)
            calls = [("page", lambda: module.page(f, limit=PAGE, reader=PROGRAM)),
                     ("count", lambda: module.count(f, reader=PROGRAM))]
            if len(first) == PAGE:  # the page after it, as the list asks when scrolled (keyset)
                calls.insert(1, ("next", lambda: module.page(f, limit=PAGE, after=first[-1], reader=PROGRAM)))
            for kind, call in calls:
                ours = median_ms(call, runs)
                statements = recorded(call)

                def replay():
                    for sql, params in statements:
                        raw.execute(sql, params).fetchall()

                base = median_ms(replay, runs)
                found = call()
                found = len(found) if isinstance(found, list) else found
                out.append((list_name, what, term, kind, ours, base, found))
                print(_line(out[-1]), flush=True)
    raw.close()
    database.close()
    return out


def _pad(text: str, width: int) -> str:
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def _line(row) -> str:
    list_name, what, term, kind, ours, base, found = row
    bound = COUNT_BOUND if kind == "count" else PAGE_BOUND
    flag = "" if ours <= bound else "  OVER"
    return (f"{list_name:<15}{_pad(what, 18)}{_pad(term[:16], 18)}{kind:<6}{ours:>10.2f}{base:>10.2f}"
            f"{ours / base if base else 0:>7.2f}{found:>10,}{flag}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--read-only", action="store_true", help="open without upgrading or writing")
    p.add_argument("--only", nargs="*", default=[], help="lines whose list, kind or term holds this")
    args = p.parse_args(argv)
    for path in args.files:
        print(f"\n{path.name}")
        print(f"{'list':<15}{'term':<18}{'':<18}{'':<6}{'PropDesk ms':>10}{'sqlite3':>10}{'ratio':>7}{'rows':>10}")
        bench_file(path, args.runs, args.read_only, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
