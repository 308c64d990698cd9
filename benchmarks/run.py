"""How fast the complaint list, its search and intake are on large databases, beside the same
query in plain sqlite3 (what the ORM and the service layer cost on top of SQLite itself).

    python benchmarks/run.py                  # 100,000 and 1,000,000 complaints
    python benchmarks/run.py 100000 --runs 9
    python benchmarks/run.py 1000000 --db-url postgresql://postgres@127.0.0.1:5432/

With ``--db-url`` (a PostgreSQL server; the user must be allowed to create databases) the same
file is copied into the database ``propdesk_bench_N`` on that server (made once, kept), and
PropDesk's own queries are timed on both engines: the ratio is PostgreSQL / SQLite.

Databases are generated once (benchmarks/generate.py) and kept in benchmarks/data/. Each figure
is the median of several runs after one warm-up run, in milliseconds. Goals: every PropDesk
query within 2x of plain sqlite3; saving a complaint under 5 ms.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import time
import unicodedata
from pathlib import Path

import search as search_bench  # benchmarks/search.py (recorded): not propdesk's services.lists.search
from generate import COLUMNS, generate
from timing import median_ms

from propdesk.models import database, init_db
from propdesk.models.db import SCHEMA_VERSION, SQLITE_PRAGMAS
from propdesk.models.tables import AuditEntry, Category, Complaint, Staff
from propdesk.services.cases import complaints
from propdesk.services.lists import search
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.core.accounts import PROGRAM

DATA = Path(__file__).parent / "data"

# A list page written by hand, for the two plans explain() compares (the figures replay
# PropDesk's own statements instead: query_rows).
LIST_SQL = """
SELECT c.id, c.number, c.received_at, c.complainant, u.label, c.phone, cat.name, c.severity,
       d.name, c.status, c.reply_by, c.resolve_by, c.replied_at, c.closed_at, c.escalation,
       c.is_group, c.valid, substr(c.description, 1, 120), c.reopen_count, c.related_to_id,
       c.on_hold_since
FROM complaint c
LEFT JOIN unit u ON u.id = c.unit_id
JOIN category cat ON cat.id = c.category_id
LEFT JOIN department d ON d.id = c.department_id
WHERE c.status != 'voided' {where}
ORDER BY c.received_at DESC, c.id DESC LIMIT 100
"""
# the trigram index over the text (explain(): by id and sorted, or walking the date index)
FTS_WHERE = "AND c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH :phrase)"
# the complaint the create benchmark saves, as plain column values (peewee's defaults are
# applied by peewee, so plain SQL must give every column)
RAW_DEFAULTS = {c: "" for c in COLUMNS} | {
    "channel": "phone", "complainant": "张伟", "phone": "13800138000",
    "phone_digits": "13800138000", "owner_id": None, "occurred_at": None,
    "description": "楼上卫生间漏水，天花板渗水严重", "customer_request": "尽快上门维修",
    "severity": "important", "valid": 1, "notice_required": 1, "department_id": None,
    "is_group": 0, "replied_at": None, "signature_received": 0, "status": "received",
    "escalation": "none", "closed_at": None, "reopen_count": 0}


def raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    for key, value in SQLITE_PRAGMAS.items():
        conn.execute(f"PRAGMA {key}={value}")
    return conn


def sample_phone(conn: sqlite3.Connection) -> str:
    """A phone number that is in the complaints, written the plain way."""
    return conn.execute("SELECT phone FROM complaint WHERE length(phone) = 11 "
                        "ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM complaint)"
                        ).fetchone()[0]


def query_rows(conn: sqlite3.Connection, phone: str, runs: int) -> list[tuple]:
    """(what, PropDesk ms, sqlite3 ms, rows found) for the list, searches and counts. The
    sqlite3 figure replays the very statements PropDesk sent for it (search.recorded: the index
    look-ups that choose the plan, a window's bounds, the page or count) on a plain connection,
    so it follows the query's current shape (schema 9 took the number out of complaint_fts:
    the hand-written trigram query this compared with before no longer was PropDesk's)."""
    cases = [("first page, newest first", ""),
             ("search 漏水 (2 chars, bigram index)", "漏水"),
             ("search 地下车库 (trigram)", "地下车库"),
             (f"search phone {phone}", phone),
             ("search TS-2023 (a number start)", "TS-2023")]
    out = []
    for what, term in cases:
        f = ComplaintFilter(text=term)
        for label, call in ((what, lambda: search.page(f, reader=PROGRAM)),
                            ("  count of it", lambda: search.count(f, reader=PROGRAM))):
            ours = median_ms(call, runs)
            statements = search_bench.recorded(call)
            raw = median_ms(lambda: [conn.execute(sql, params).fetchall() for sql, params in statements], runs)
            found = call()
            out.append((label, ours, raw, len(found) if isinstance(found, list) else found))
    return out


def explain(conn: sqlite3.Connection, phone: str, runs: int) -> None:
    """Why a trigram search of a common term is slow: SQLite looks up every match by id and
    sorts them all, where walking the received_at index would stop after 100 matches. A unary
    + on c.id turns the IN into a filter and gives the index walk; it loses on rare terms."""
    index_walk = FTS_WHERE.replace("c.id IN", "+c.id IN")
    for label, where in (("by id, then sorted", FTS_WHERE), ("with +c.id", index_walk)):
        print(f"\n  plan {label}:")
        for row in conn.execute("EXPLAIN QUERY PLAN " + LIST_SQL.format(where=where),
                                {"phrase": '"x"'}):
            print(f"    {row[3]}")
    print(f"\n  {'term':16} {'matches':>9} {'by id + sort ms':>16} {'index walk ms':>14}")
    for term in ("地下车库", "卫生间天花板", "电梯困人", phone):
        params = {"phrase": f'"{term}"'}
        matches = conn.execute("SELECT count(*) FROM complaint_fts WHERE complaint_fts "
                               "MATCH :phrase", params).fetchone()[0]
        by_id, walk = (median_ms(lambda: conn.execute(LIST_SQL.format(where=w), params).fetchall(),
                                 runs) for w in (FTS_WHERE, index_walk))
        print(f"  {_pad(term, 16)} {matches:9,} {by_id:16.1f} {walk:14.1f}")


def create_rows(path: Path, runs: int) -> list[tuple]:
    """Saving a complaint through services.complaints.create, beside the same writes in plain
    sqlite3 (counter, complaint with its trigram trigger, audit entry; one transaction each).
    The rows are removed afterwards, so the cached file keeps its size (numbers stay used)."""
    actor = Staff.get(Staff.username == "kefu")
    category = Category.get(Category.name == "工程维修/设施设备").id
    first_id = Complaint.select().order_by(Complaint.id.desc()).first().id

    def ours():
        complaints.create(actor, ComplaintInput(
            channel="phone", phone="13800138000", complainant="张伟", unit="3栋2单元1201",
            description="楼上卫生间漏水，天花板渗水严重", customer_request="尽快上门维修",
            category_id=category, severity="important"))

    ours_ms = median_ms(ours, runs)
    conn = raw_connection(path)
    insert = (f"INSERT INTO complaint ({', '.join(COLUMNS)}) "
              f"VALUES ({', '.join('?' * len(COLUMNS))})")
    unit_id = conn.execute("SELECT id FROM unit WHERE label = '3栋2单元1201'").fetchone()[0]

    def raw():
        now = dt.datetime.now().replace(microsecond=0)
        day = now.strftime("%Y%m%d")
        with conn:
            conn.execute("INSERT INTO sequence (prefix, day, last) VALUES ('TS', ?, 1) "
                         "ON CONFLICT (prefix, day) DO UPDATE SET last = last + 1", (day,))
            last = conn.execute("SELECT last FROM sequence WHERE prefix = 'TS' AND day = ?",
                                (day,)).fetchone()[0]
            values = dict(RAW_DEFAULTS, number=f"TS-{day}-{last:03d}", received_at=now,
                          reply_by=now, resolve_by=now, created_at=now, updated_at=now,
                          unit_id=unit_id, category_id=category, created_by_id=actor.id)
            cur = conn.execute(insert, [values[c] for c in COLUMNS])
            conn.execute("INSERT INTO audit_entry (at, staff_id, entity, entity_id, action, "
                         "note) VALUES (?, ?, 'complaint', ?, 'create', '')",
                         (now, actor.id, cur.lastrowid))

    raw_ms = median_ms(raw, runs)
    with database.atomic():  # benchmark rows, not an office's records
        made = Complaint.select(Complaint.id).where(Complaint.id > first_id)
        AuditEntry.delete().where((AuditEntry.entity == "complaint")
                                  & AuditEntry.entity_id.in_(made)).execute()
        Complaint.delete().where(Complaint.id > first_id).execute()
    conn.close()
    return [("save a complaint (create)", ours_ms, raw_ms, 1)]


def cached_file(n: int) -> Path:
    """The data file for ``n`` complaints. One written by an older schema is made again rather
    than migrated: the figures are for what this PropDesk writes (and a migration would leave a
    backup copy of the whole file beside it)."""
    path = DATA / f"complaints_{n}.db"
    if path.exists():
        with sqlite3.connect(path) as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()
        conn.close()
        if row is None or int(row[0]) != SCHEMA_VERSION:
            print(f"{path.name} has schema {row and row[0]}, this PropDesk {SCHEMA_VERSION}: "
                  "generating it again")
            for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                stale.unlink(missing_ok=True)
    return path


def bench(n: int, runs: int, show_plans: bool = False) -> list[tuple]:
    path = cached_file(n)
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, n)
    init_db(str(path))
    conn = raw_connection(path)
    try:
        rows = query_rows(conn, sample_phone(conn), runs)
        if show_plans:
            print(f"\n{n:,} complaints: trigram search plans")
            explain(conn, sample_phone(conn), runs)
    finally:
        conn.close()
    rows += create_rows(path, max(runs, 30))
    database.close()
    return rows


def _pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def print_table(n: int, rows: list[tuple]) -> None:
    print(f"\n{n:,} complaints")
    print(f"{'':36} {'PropDesk ms':>12} {'sqlite3 ms':>11} {'ratio':>6} {'rows':>9}")
    for what, ours, raw, found in rows:
        print(f"{_pad(what, 36)} {ours:12.2f} {raw:11.2f} {ours / raw:6.2f} {found:9,}")


# --- the same office on PostgreSQL ------------------------------------------------------------

def _csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return str(value)


def pg_database(server_url: str, n: int, path: Path) -> str:
    """The URL of ``propdesk_bench_N`` on the server, filled from the SQLite file ``path`` the
    first time: PropDesk's schema (with its search column, trigger and trigram index), every
    table copied with COPY, the id sequences moved on, ANALYZE."""
    import io

    import psycopg2
    from peewee import sort_models

    from propdesk.models import pg_search
    from propdesk.models.db import FTS_TABLES, sync_id_sequences
    from propdesk.models.tables import ALL_MODELS
    from pg_url import with_database

    name = f"propdesk_bench_{n}"
    url = with_database(server_url, name)
    admin = psycopg2.connect(with_database(server_url, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        exists = cur.fetchone() is not None
    if exists:
        try:
            with psycopg2.connect(url) as conn, conn.cursor() as cur:
                cur.execute("SELECT value FROM setting WHERE key = 'benchmark_copy'")
                if cur.fetchone() == (path.name,):  # a copy that was finished
                    admin.close()
                    return url
        except psycopg2.Error:
            pass
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE {name} WITH (FORCE)")
    with admin.cursor() as cur:
        cur.execute(f"CREATE DATABASE {name}")
    admin.close()
    started = time.perf_counter()
    init_db(url)
    database.execute_sql("DELETE FROM setting")  # the file's own rows come next
    for table in FTS_TABLES:  # one index build after the load beats a million index updates
        database.execute_sql(f"DROP INDEX IF EXISTS {table}_search_trgm")
        pg_search.drop_indexes(database.obj, table)
    lite = sqlite3.connect(path)
    pg = database.connection()
    for model in sort_models(ALL_MODELS):
        table = model._meta.table_name
        cursor = lite.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cursor.description]
        copy = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
        while rows := cursor.fetchmany(50_000):
            # strings quoted, NULL left bare: COPY tells an empty string from NULL
            buf = io.StringIO("".join(",".join(_csv(v) for v in row) + "\n" for row in rows))
            with pg.cursor() as cur:
                cur.copy_expert(copy, buf)
        pg.commit()
    lite.close()
    step = time.perf_counter()
    pg_search.upgrade(database.obj)  # the triggers filled the columns; the indexes now
    print(f"{name}: search indexes built in {time.perf_counter() - step:.0f} s", flush=True)
    sync_id_sequences(ALL_MODELS)
    database.execute_sql("INSERT INTO setting (key, value) VALUES ('benchmark_copy', %s)", (path.name,))
    database.execute_sql("VACUUM ANALYZE")
    database.close()
    print(f"{name}: copied from {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return url


def engine_rows(location: str, phone: str, runs: int) -> list[tuple]:
    """(what, ms) of PropDesk's list, searches and counts, and saving a complaint."""
    from propdesk.services.lists import callback_search, workorder_search
    from propdesk.services.lists.callback_search import CallbackFilter
    from propdesk.services.lists.workorder_search import WorkOrderFilter

    init_db(location)
    out = []
    lists = [("", search, lambda text: ComplaintFilter(text=text), (
        ("first page, newest first", ""), ("search 漏水 (2 chars)", "漏水"),
        ("search 漏 (1 char)", "漏"), ("search 地下车库", "地下车库"),
        (f"search phone {phone}", phone), ("search a number TS-2021", "TS-2021"),
        ("search a day TS-20230620", "TS-20230620"),
        ("search 张伟 (a name)", "张伟"), ("search 狗 (1 char, rarer)", "狗"),
        ("search 3幢 (2 chars)", "3幢"))),
        ("work orders: ", workorder_search, lambda text: WorkOrderFilter(text=text), (
            ("search 漏水", "漏水"), ("search 张伟", "张伟"), ("search 狗", "狗"),
            ("search PG-2021", "PG-2021"), (f"search phone {phone}", phone))),
        ("callbacks: ", callback_search, lambda text: CallbackFilter(view="all", text=text), (
            ("search 张伟", "张伟"), ("search 伟", "伟"), ("search TS-2021", "TS-2021"),
            ("search HF-2021", "HF-2021"), (f"search phone {phone}", phone)))]
    for prefix, module, make, queries in lists:
        for what, term in queries:
            f = make(term)
            out.append((prefix + what, median_ms(lambda: module.page(f, reader=PROGRAM), runs), len(module.page(f, reader=PROGRAM))))
            out.append(("  count of it", median_ms(lambda: module.count(f, reader=PROGRAM), runs), module.count(f, reader=PROGRAM)))
    actor = Staff.get(Staff.username == "kefu")
    category = Category.get(Category.name == "工程维修/设施设备").id
    first_id = Complaint.select().order_by(Complaint.id.desc()).first().id

    def save():
        complaints.create(actor, ComplaintInput(
            channel="phone", phone="13800138000", complainant="张伟", unit="3栋2单元1201",
            description="楼上卫生间漏水，天花板渗水严重", customer_request="尽快上门维修",
            category_id=category, severity="important"))

    out.append(("save a complaint (create)", median_ms(save, max(runs, 30)), 1))
    with database.atomic():  # benchmark rows, not an office's records
        made = Complaint.select(Complaint.id).where(Complaint.id > first_id)
        AuditEntry.delete().where((AuditEntry.entity == "complaint")
                                  & AuditEntry.entity_id.in_(made)).execute()
        Complaint.delete().where(Complaint.id > first_id).execute()
    database.close()
    return out


def bench_postgres(n: int, server_url: str, runs: int) -> None:
    path = cached_file(n)
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, n)
    url = pg_database(server_url, n, path)
    with sqlite3.connect(path) as conn:
        phone = sample_phone(conn)
    conn.close()
    lite = engine_rows(str(path), phone, runs)
    pg = engine_rows(url, phone, runs)
    print(f"\n{n:,} complaints: PropDesk on PostgreSQL beside PropDesk on SQLite")
    print(f"{'':36} {'SQLite ms':>10} {'PostgreSQL ms':>14} {'ratio':>6} {'rows':>9}")
    for (what, a, found), (_, b, found_pg) in zip(lite, pg):
        same = "" if found == found_pg else f"  (PostgreSQL: {found_pg:,})"
        print(f"{_pad(what, 36)} {a:10.2f} {b:14.2f} {b / a:6.2f} {found:9,}{same}")


def main(argv: list[str] | None = None) -> int:
    global DATA
    p = argparse.ArgumentParser(description="PropDesk complaint list and intake benchmarks")
    p.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000])
    p.add_argument("--runs", type=int, default=7, help="timed runs per figure (median)")
    p.add_argument("--explain", action="store_true",
                   help="also show the trigram search's query plans and a faster variant")
    p.add_argument("--db-url", help="a PostgreSQL server: compare PropDesk on it with SQLite")
    p.add_argument("--data", type=Path, help=f"where the SQLite files are kept (default {DATA})")
    args = p.parse_args(argv)
    if args.data:
        DATA = args.data
    for n in args.sizes:
        if args.db_url:
            bench_postgres(n, args.db_url, args.runs)
        else:
            print_table(n, bench(n, args.runs, args.explain))
    return 0


if __name__ == "__main__":
    sys.exit(main())
