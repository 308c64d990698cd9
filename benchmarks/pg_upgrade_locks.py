"""What the other desks see while one desk upgrades a PostgreSQL database's schema.

    python benchmarks/pg_upgrade_locks.py postgresql://…/propdesk_bench_1000000 [--every 0.25]

Runs PropDesk's upgrade (``init_db``) in a child process, printing when each schema step starts
and ends, and meanwhile asks the server every ``--every`` seconds, from a connection of its own,
whether another desk could read or write each of the lists' tables right now:
``LOCK TABLE t IN ACCESS SHARE MODE NOWAIT`` (what a SELECT takes) and ``… ROW EXCLUSIVE MODE
NOWAIT`` (what an INSERT/UPDATE takes), each in a transaction rolled back at once (nothing is
written). Prints, per table, the spans during which reads or writes would have waited.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

TABLES = ("complaint", "work_order", "callback", "complaint_initials", "work_order_initials",
          "callback_initials")

CHILD = r"""
import sys, time
from propdesk.models.db import init_db
t0 = time.time()
seen = {}
def progress(version, what, done, total):
    if version not in seen:
        seen[version] = time.time()
        print(f"step {version} started {time.time():.2f}", flush=True)
init_db(sys.argv[1], progress=progress)
print(f"done {time.time():.2f}", flush=True)
"""


def _free(cur, table: str, mode: str) -> bool | None:
    """Whether ``mode`` on ``table`` would be granted now (None: no such table)."""
    import psycopg2

    try:
        cur.execute(f"LOCK TABLE {table} IN {mode} MODE NOWAIT")
        return True
    except psycopg2.errors.LockNotAvailable:
        return False
    except psycopg2.errors.UndefinedTable:
        return None
    finally:
        cur.connection.rollback()


def main(argv=None) -> int:
    import psycopg2

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("url")
    p.add_argument("--every", type=float, default=0.25)
    args = p.parse_args(argv)
    conn = psycopg2.connect(args.url)
    cur = conn.cursor()
    child = subprocess.Popen([sys.executable, "-c", CHILD, args.url], stdout=subprocess.PIPE, text=True)
    os.set_blocking(child.stdout.fileno(), False)
    events, spans = [], {}  # (table, what) -> [(start, end)]
    waiting: dict = {}
    started = time.time()
    while True:
        line = child.stdout.readline()
        while line:
            events.append(line.strip())
            line = child.stdout.readline()
        now = time.time()
        for table in TABLES:
            for what, mode in (("reads", "ACCESS SHARE"), ("writes", "ROW EXCLUSIVE")):
                free = _free(cur, table, mode)
                key = (table, what)
                if free is False and key not in waiting:
                    waiting[key] = now
                elif free is not False and key in waiting:
                    spans.setdefault(key, []).append((waiting.pop(key), now))
        if child.poll() is not None:
            rest = child.stdout.read() or ""
            events += [x for x in rest.splitlines() if x]
            break
        time.sleep(args.every)
    now = time.time()
    for key, since in waiting.items():
        spans.setdefault(key, []).append((since, now))
    print(f"upgrade: {now - started:.1f} s, exit {child.returncode}")
    for event in events:
        what, at = event.rsplit(" ", 1)
        print(f"  {what} at +{float(at) - started:.1f} s")
    for (table, what), found in sorted(spans.items()):
        for a, b in found:
            print(f"  {table}: {what} would wait from +{a - started:.1f} s to +{b - started:.1f} s "
                  f"({b - a:.1f} s)")
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
