"""Two desks, one database: several processes write to the same SQLite file (or PostgreSQL
database) at once.

    python benchmarks/two_desks.py                      # 2 desks for 60 s
    python benchmarks/two_desks.py --desks 3 --seconds 20
    python benchmarks/two_desks.py --deferred           # the old plain BEGIN, for comparison
    python benchmarks/two_desks.py --db-url postgresql://postgres@127.0.0.1:5432/   # on a server

On a server the harness makes the database ``propdesk_desks`` afresh (the user must be allowed
to create databases). Before taking complaints, every desk tries to reopen the same
``RACE`` closed complaints in the same order (the reopen race): each must be reopened exactly
once, the other desks told it is no longer closed (counted as "refused", not as errors).

Each desk is a process that waits for "go", then, as fast as it can, takes complaints
(``services.complaints.create``) and, one time in three, adds a note to a random complaint
(``complaints.add_note``: a transaction that reads before it writes, the kind that a deferred
transaction in WAL mode loses with "database is locked" whatever the busy timeout). Each saved
complaint's number is printed. At the end the harness counts what each desk saved, checks that
every reported number is in the file exactly once, and counts "database is locked" errors.

``--deferred`` makes the desks use ``database.atomic()`` (BEGIN DEFERRED) instead of
``services.db_retry.transaction`` (BEGIN IMMEDIATE with retries), to show the difference.
``tests/test_two_desks.py`` runs :func:`run_desks` with a fixed count per desk.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve()


# --- subprocess side ------------------------------------------------------------------------

RACE = 10  # closed complaints every desk tries to reopen at once


def setup(path: str) -> None:
    import datetime as dt

    from propdesk.models import init_db
    from propdesk.models.enums import Role
    from propdesk.models.tables import Category
    from propdesk.services.cases import complaints
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.services.core import accounts
    from propdesk.services.setup import reference

    init_db(path)
    reference.seed_reference()
    clerk = accounts.create_staff(None, "kefu", "王芳", Role.CLERK, "secret123")
    category = Category.select().first()
    at = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(hours=2)
    for i in range(RACE):
        c = complaints.create(clerk, ComplaintInput(
            received_at=at, phone="13800138000", complainant="业主", category_id=category.id,
            severity="minor", description=f"待重开的投诉 {i}"), at=at)
        complaints.record_reply(clerk, c.id, at, "phone", "已回复", at=at)
        complaints.record_handling(clerk, c.id, cause="原因", action="处理", result="已处理")
        complaints.close(clerk, c.id)


def _use_deferred() -> None:
    """The behaviour before db_retry: plain atomic(), no lock taken at BEGIN, no retry."""
    from propdesk.models import database
    from propdesk.services.core import db_retry

    def enter(self):
        self._ctx = database.obj.atomic()
        return self._ctx.__enter__()

    db_retry.transaction.__enter__ = enter


def worker(path: str, desk: int, count: int, seconds: float, deferred: bool, seed: int) -> None:
    from propdesk.models import init_db
    from propdesk.models.tables import Category, Complaint, Staff
    from propdesk.services.cases import complaints
    from propdesk.services.cases.complaints import ComplaintInput

    if deferred:
        _use_deferred()
    init_db(path)
    clerk = Staff.get(Staff.username == "kefu")
    category = Category.select().first()
    rng = random.Random(seed * 100 + desk)
    race = [c.id for c in Complaint.select(Complaint.id).where(Complaint.status == "closed")
            .order_by(Complaint.id)]
    print("ready", flush=True)
    sys.stdin.readline()  # "go"
    saved = notes = locked = other = reopened = refused = 0
    for cid in race:  # the reopen race: every desk, the same complaints, the same order
        try:
            complaints.reopen(clerk, cid, f"第{desk}台：业主仍不满意")
            reopened += 1
        except Exception as err:  # noqa: BLE001
            if type(err).__name__ == "RuleError":  # "only a closed complaint can be reopened"
                refused += 1
            else:
                other += 1
                print(f"error {type(err).__name__}: {err}", file=sys.stderr, flush=True)
    end = time.monotonic() + seconds if seconds else None
    while (saved < count) if count else (time.monotonic() < end):
        try:
            if saved and rng.random() < 1 / 3:
                top = Complaint.select(Complaint.id).order_by(Complaint.id.desc()).scalar()
                complaints.add_note(clerk, rng.randint(1, top), f"第{desk}台备注")
                notes += 1
                continue
            c = complaints.create(clerk, ComplaintInput(
                phone="13800138000", complainant=f"业主{desk}", category_id=category.id,
                severity="minor", description=f"第{desk}台受理的投诉 {saved}"))
            saved += 1
            print(c.number, flush=True)
        except Exception as err:  # noqa: BLE001 - counted, reported, and the desk goes on
            if "locked" in str(err).lower() or type(err).__name__ == "DatabaseBusy":
                locked += 1
            else:
                other += 1
            print(f"error {type(err).__name__}: {err}", file=sys.stderr, flush=True)
    print(f"done saved={saved} notes={notes} locked={locked} other={other} "
          f"reopened={reopened} refused={refused}", flush=True)


# --- harness side ---------------------------------------------------------------------------

@dataclass
class Desk:
    numbers: list[str] = field(default_factory=list)
    saved: int = 0
    notes: int = 0
    locked: int = 0
    other: int = 0
    reopened: int = 0
    refused: int = 0
    stderr: str = ""
    returncode: int | None = None


@dataclass
class Result:
    desks: list[Desk]
    in_db: int
    duplicates: int
    missing: list[str]
    seconds: float
    reopen_counts: list[int] = field(default_factory=list)  # of the race's complaints

    @property
    def locked(self) -> int:
        return sum(d.locked for d in self.desks)

    @property
    def ok(self) -> bool:
        return (not self.missing and not self.duplicates and self.locked == 0
                and all(d.other == 0 and d.returncode == 0 for d in self.desks)
                and self.race_ok)

    @property
    def race_ok(self) -> bool:
        """Each raced complaint reopened exactly once, every other try refused."""
        tries = sum(d.reopened + d.refused for d in self.desks)
        return (sum(d.reopened for d in self.desks) == len(self.reopen_counts)
                and all(n == 1 for n in self.reopen_counts)
                and tries == len(self.reopen_counts) * len(self.desks))

    def summary(self) -> str:
        per = ", ".join(f"desk {i + 1}: {d.saved} complaints + {d.notes} notes"
                        for i, d in enumerate(self.desks))
        total = sum(d.saved + d.notes for d in self.desks)
        return (f"{per}; {total} write transactions in {self.seconds:.1f} s "
                f"({total / self.seconds:.0f}/s); complaints in the file {self.in_db}, "
                f"lost {len(self.missing)}, duplicate numbers {self.duplicates}, "
                f"'database is locked' {self.locked}, other errors "
                f"{sum(d.other for d in self.desks)}; reopen race: {len(self.reopen_counts)} "
                f"complaints, reopened {sum(d.reopened for d in self.desks)}, refused "
                f"{sum(d.refused for d in self.desks)}, reopen_count 1 on "
                f"{sum(1 for n in self.reopen_counts if n == 1)}")


def _env(home: Path) -> dict:
    env = dict(os.environ)
    env["PROPDESK_HOME"] = str(home)
    src = str(HERE.parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_desks(db: Path | str, desks: int = 2, count: int = 0, seconds: float = 0,
              deferred: bool = False, seed: int = 1, home: Path | None = None) -> Result:
    """``db``: a SQLite file (made afresh) or the URL of an empty PostgreSQL database."""
    if isinstance(db, Path):
        env = _env(home or db.parent / "home")
        if db.exists():
            db.unlink()
    else:
        env = _env(home or Path(tempfile.mkdtemp(prefix="propdesk-desks-")))
    subprocess.run([sys.executable, str(HERE), "setup", str(db)], env=env, check=True)
    cmd = [sys.executable, str(HERE), "worker", str(db), "--count", str(count),
           "--seconds", str(seconds), "--seed", str(seed)] + (["--deferred"] if deferred else [])
    procs = [subprocess.Popen(cmd + ["--desk", str(i + 1)], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8") for i in range(desks)]
    for p in procs:  # every desk has opened the file before any starts writing
        line = p.stdout.readline().strip()
        if line != "ready":
            raise RuntimeError(f"desk did not start: {line!r} {p.stderr.read()}")
    results = [Desk() for _ in procs]

    def collect(p: subprocess.Popen, desk: Desk) -> None:
        for line in p.stdout:
            line = line.strip()
            if line.startswith("done "):
                fields = dict(kv.split("=") for kv in line[5:].split())
                desk.saved, desk.notes = int(fields["saved"]), int(fields["notes"])
                desk.locked, desk.other = int(fields["locked"]), int(fields["other"])
                desk.reopened, desk.refused = int(fields["reopened"]), int(fields["refused"])
            elif line:
                desk.numbers.append(line)

    def drain(p: subprocess.Popen, desk: Desk) -> None:
        desk.stderr = p.stderr.read()

    threads = [threading.Thread(target=f, args=(p, d), daemon=True)
               for p, d in zip(procs, results) for f in (collect, drain)]
    for t in threads:
        t.start()
    started = time.monotonic()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p, desk in zip(procs, results):
        desk.returncode = p.wait(timeout=max(120, seconds * 3))
    elapsed = time.monotonic() - started
    for t in threads:
        t.join(timeout=30)
    numbers, reopen_counts = _read_back(db)
    reported = [n for d in results for n in d.numbers]
    return Result(results, len(numbers), len(numbers) - len(set(numbers)),
                  sorted(set(reported) - set(numbers)), elapsed, reopen_counts)


def _read_back(db: Path | str) -> tuple[list[str], list[int]]:
    """Every complaint number taken at the desks, and the raced complaints' reopen counts."""
    from propdesk.models.db import open_database

    conn = open_database(str(db))
    try:
        raced, p = ("待重开的投诉%",), conn.param
        numbers = [r[0] for r in conn.execute_sql(
            f"SELECT number FROM complaint WHERE description NOT LIKE {p}", raced)]
        counts = [r[0] for r in conn.execute_sql(
            f"SELECT reopen_count FROM complaint WHERE description LIKE {p} ORDER BY id", raced)]
    finally:
        conn.close()
    return numbers, counts


def _fresh_server_database(server_url: str) -> str:
    import psycopg2

    sys.path.insert(0, str(HERE.parent))
    from pg_url import with_database

    admin = psycopg2.connect(with_database(server_url, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS propdesk_desks WITH (FORCE)")
        cur.execute("CREATE DATABASE propdesk_desks")
    admin.close()
    return with_database(server_url, "propdesk_desks")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["setup"]:
        setup(argv[1])
        return 0
    if argv[:1] == ["worker"]:
        p = argparse.ArgumentParser()
        p.add_argument("db")
        p.add_argument("--desk", type=int, default=1)
        p.add_argument("--count", type=int, default=0)
        p.add_argument("--seconds", type=float, default=0)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--deferred", action="store_true")
        a = p.parse_args(argv[1:])
        worker(a.db, a.desk, a.count, a.seconds, a.deferred, a.seed)
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--desks", type=int, default=2)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--count", type=int, default=0, help="complaints per desk instead of a time")
    p.add_argument("--deferred", action="store_true", help="plain BEGIN, no retry (before)")
    p.add_argument("--db", type=Path, help="database file (default: a temporary folder)")
    p.add_argument("--db-url", help="a PostgreSQL server (postgresql://user@host:port/): the "
                                    "desks share the database propdesk_desks on it, made afresh")
    args = p.parse_args(argv)
    tmp = None
    if args.db_url:
        args.db = _fresh_server_database(args.db_url)
    elif args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="propdesk-desks-")
        args.db = Path(tmp.name) / "desks.db"
    result = run_desks(args.db, args.desks, args.count, 0 if args.count else args.seconds,
                       args.deferred)
    what = ("PostgreSQL, row locks: " if args.db_url else
            "BEGIN DEFERRED, no retry: " if args.deferred else "BEGIN IMMEDIATE + retry: ")
    print(what + result.summary())
    for desk in result.desks:
        for line in desk.stderr.strip().splitlines()[:3]:
            print("  ", line)
    if tmp:
        tmp.cleanup()
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
