"""Crash safety: kill a writing PropDesk with SIGKILL at random moments, many times, and check
that the database is intact and that nothing reported as saved is lost.

    python benchmarks/crash_harness.py                 # 1,000 runs on a fresh database
    python benchmarks/crash_harness.py --runs 50 --seed 7 --db /tmp/crash.db

A writer process creates complaints through ``services.complaints.create`` (validation,
numbering, deadlines, audit entry: the clerk's real path) and prints each number to stdout,
flushed, *after* the call returned, i.e. after COMMIT. The harness kills it at a random moment:
about one run in ten during start-up (importing, opening and recovering the database), the
others after a random number (0-30) of saved complaints plus a random 0-3 ms, which lands in
any part of the next transaction. After each kill it opens the file with plain sqlite3 (which
recovers the WAL) and checks:

* ``PRAGMA integrity_check`` is ``ok``;
* every number the writer reported is in the complaint table (a loss otherwise);
* numbers are unique and every complaint has its ``create`` audit entry (nothing half-written).

The same file is reused by every run, so later runs also recover after earlier kills.
SIGKILL is a process crash: the operating system still writes what SQLite handed it. A power
cut is what ``synchronous=FULL`` is for; it cannot be simulated here.

``writer`` and ``setup`` are the subprocess entry points; the pytest test
``tests/test_crash_safety.py`` runs :func:`run_harness` with a few rounds.
"""
from __future__ import annotations

import argparse
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve()
READY = "ready"


# --- subprocess side ------------------------------------------------------------------------

def _open(path: str):
    from propdesk.models import init_db

    return init_db(path)


def setup(path: str) -> None:
    """A fresh database with the reference lists and one clerk."""
    from propdesk.models.enums import Role
    from propdesk.services.core import accounts
    from propdesk.services.setup import reference

    _open(path)
    reference.seed_reference()
    accounts.create_staff(None, "kefu", "王芳", Role.CLERK, "secret123")


def writer(path: str) -> None:
    """Create complaints for ever, printing each number once it is committed."""
    from propdesk.models.tables import Category, Staff
    from propdesk.services.cases import complaints
    from propdesk.services.cases.complaints import ComplaintInput

    _open(path)
    clerk = Staff.get(Staff.username == "kefu")
    category = Category.select().first()
    print(READY, flush=True)
    i = 0
    while True:
        i += 1
        c = complaints.create(clerk, ComplaintInput(
            phone="13800138000", complainant="张伟", category_id=category.id, severity="minor",
            location="3栋大堂", description=f"崩溃测试 {i}：电梯按钮失灵 " + "很长的描述" * (i % 40)))
        print(c.number, flush=True)


# --- harness side ---------------------------------------------------------------------------

@dataclass
class Result:
    runs: int = 0
    killed_in_startup: int = 0
    reported: int = 0  # numbers the writer said were saved
    in_db: int = 0  # complaints in the file at the end
    losses: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)
    half_written: int = 0  # complaints without their audit entry, or duplicate numbers
    writer_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.losses or self.integrity_failures or self.half_written or self.writer_errors)

    def summary(self) -> str:
        return (f"runs {self.runs} (killed during start-up {self.killed_in_startup}), "
                f"complaints reported saved {self.reported}, in the file {self.in_db}, "
                f"lost {len(self.losses)}, integrity failures {len(self.integrity_failures)}, "
                f"half-written {self.half_written}, writer errors {len(self.writer_errors)}, "
                f"{self.seconds:.0f} s")


def _env(home: Path) -> dict:
    env = dict(os.environ)
    env["PROPDESK_HOME"] = str(home)
    env["PYTHONUNBUFFERED"] = "1"
    src = str(HERE.parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))
    lines.put(None)  # end of output


def check(path: Path, reported: set[str]) -> tuple[str, list[str], int, int]:
    """(integrity_check result, reported numbers missing, half-written count, complaints)."""
    con = sqlite3.connect(path, timeout=30)
    try:
        integrity = ",".join(r[0] for r in con.execute("PRAGMA integrity_check"))
        numbers = [r[0] for r in con.execute("SELECT number FROM complaint")]
        present = set(numbers)
        audited = con.execute(
            "SELECT count(*) FROM complaint c WHERE EXISTS (SELECT 1 FROM audit_entry a WHERE "
            "a.entity = 'complaint' AND a.entity_id = c.id AND a.action = 'create')").fetchone()[0]
        half = (len(numbers) - len(present)) + (len(numbers) - audited)
        return integrity, sorted(reported - present), half, len(numbers)
    finally:
        con.close()


def run_harness(runs: int, db: Path, seed: int = 1, max_records: int = 30,
                startup_share: float = 0.1, progress=None) -> Result:
    rng = random.Random(seed)
    home = db.parent / "home"
    env = _env(home)
    started = time.monotonic()
    if db.exists():
        db.unlink()
    subprocess.run([sys.executable, str(HERE), "setup", str(db)], env=env, check=True)
    result = Result()
    reported: set[str] = set()
    for run in range(runs):
        proc = subprocess.Popen([sys.executable, str(HERE), "writer", str(db)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                encoding="utf-8")
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
        eof = False
        if rng.random() < startup_share:
            # somewhere in imports, opening the file, WAL recovery, the first transactions
            time.sleep(rng.uniform(0, 0.45))
            result.killed_in_startup += 1
        else:
            target = rng.randint(0, max_records)
            seen = -1  # the ready line comes first
            while seen < target:
                line = lines.get(timeout=60)
                if line is None:
                    eof = True
                    break
                if line != READY:
                    reported.add(line)
                    result.reported += 1
                seen += 1
            time.sleep(rng.uniform(0, 0.003))  # into the next transaction
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        # what the writer printed before it died was committed too
        while not eof and (line := lines.get(timeout=60)) is not None:
            if line != READY:
                reported.add(line)
                result.reported += 1
        err = proc.stderr.read()
        if proc.returncode != -signal.SIGKILL and err.strip():
            result.writer_errors.append(err.strip().splitlines()[-1])
        integrity, missing, half, in_db = check(db, reported)
        result.runs += 1
        result.in_db = in_db
        result.half_written = half
        if integrity != "ok":
            result.integrity_failures.append(f"run {run}: {integrity}")
        result.losses = missing
        if progress and (run + 1) % progress == 0:
            print(f"{run + 1:5d}/{runs}  {result.summary()}", flush=True)
        if not result.ok:
            break
    result.seconds = time.monotonic() - started
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["writer"]:
        writer(argv[1])
        return 0
    if argv[:1] == ["setup"]:
        setup(argv[1])
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--max-records", type=int, default=30,
                   help="kill after 0..N saved complaints (default 30)")
    p.add_argument("--db", type=Path, help="database file (default: a temporary folder)")
    args = p.parse_args(argv)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="propdesk-crash-")
        args.db = Path(tmp.name) / "crash.db"
    result = run_harness(args.runs, args.db, args.seed, args.max_records,
                         progress=max(1, args.runs // 20))
    print(result.summary())
    for line in result.integrity_failures + result.losses[:20] + result.writer_errors[:5]:
        print("  ", line)
    if tmp:
        tmp.cleanup()
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
