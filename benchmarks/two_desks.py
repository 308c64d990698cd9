"""Two desks, one file: several processes write to the same SQLite database at once.

    python benchmarks/two_desks.py                      # 2 desks for 60 s
    python benchmarks/two_desks.py --desks 3 --seconds 20
    python benchmarks/two_desks.py --deferred           # the old plain BEGIN, for comparison

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
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve()


# --- subprocess side ------------------------------------------------------------------------

def setup(path: str) -> None:
    from propdesk.models import init_db
    from propdesk.models.enums import Role
    from propdesk.services.core import accounts
    from propdesk.services.setup import reference

    init_db(path)
    reference.seed_reference()
    accounts.create_staff(None, "kefu", "王芳", Role.CLERK, "secret123")


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
    print("ready", flush=True)
    sys.stdin.readline()  # "go"
    saved = notes = locked = other = 0
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
    print(f"done saved={saved} notes={notes} locked={locked} other={other}", flush=True)


# --- harness side ---------------------------------------------------------------------------

@dataclass
class Desk:
    numbers: list[str] = field(default_factory=list)
    saved: int = 0
    notes: int = 0
    locked: int = 0
    other: int = 0
    stderr: str = ""
    returncode: int | None = None


@dataclass
class Result:
    desks: list[Desk]
    in_db: int
    duplicates: int
    missing: list[str]
    seconds: float

    @property
    def locked(self) -> int:
        return sum(d.locked for d in self.desks)

    @property
    def ok(self) -> bool:
        return (not self.missing and not self.duplicates and self.locked == 0
                and all(d.other == 0 and d.returncode == 0 for d in self.desks))

    def summary(self) -> str:
        per = ", ".join(f"desk {i + 1}: {d.saved} complaints + {d.notes} notes"
                        for i, d in enumerate(self.desks))
        total = sum(d.saved + d.notes for d in self.desks)
        return (f"{per}; {total} write transactions in {self.seconds:.1f} s "
                f"({total / self.seconds:.0f}/s); complaints in the file {self.in_db}, "
                f"lost {len(self.missing)}, duplicate numbers {self.duplicates}, "
                f"'database is locked' {self.locked}, other errors "
                f"{sum(d.other for d in self.desks)}")


def _env(home: Path) -> dict:
    env = dict(os.environ)
    env["PROPDESK_HOME"] = str(home)
    src = str(HERE.parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_desks(db: Path, desks: int = 2, count: int = 0, seconds: float = 0,
              deferred: bool = False, seed: int = 1) -> Result:
    env = _env(db.parent / "home")
    if db.exists():
        db.unlink()
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
    con = sqlite3.connect(db)
    numbers = [r[0] for r in con.execute("SELECT number FROM complaint")]
    con.close()
    reported = [n for d in results for n in d.numbers]
    return Result(results, len(numbers), len(numbers) - len(set(numbers)),
                  sorted(set(reported) - set(numbers)), elapsed)


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
    args = p.parse_args(argv)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="propdesk-desks-")
        args.db = Path(tmp.name) / "desks.db"
    result = run_desks(args.db, args.desks, args.count, 0 if args.count else args.seconds,
                       args.deferred)
    print(("BEGIN DEFERRED, no retry: " if args.deferred else "BEGIN IMMEDIATE + retry: ")
          + result.summary())
    for desk in result.desks:
        for line in desk.stderr.strip().splitlines()[:3]:
            print("  ", line)
    if tmp:
        tmp.cleanup()
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
