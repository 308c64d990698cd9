"""Restores while a desk writes: nothing committed is lost, no number is given twice.

    python benchmarks/restore_during_writes.py                   # 5 restores during 1,000 saves
    python benchmarks/restore_during_writes.py --restores 10 --count 3000

A desk (a process of benchmarks/two_desks.py) takes complaints as fast as it can and prints the
number of each one saved (committed). Meanwhile this process restores the same early backup
again and again (``services.core.backup.restore``). At the end every number the desk reported
must be in the database or in one of the copies kept aside by the restores, and no number may
stand for two different complaints anywhere (the counters never go back). ``tests/
test_restore_during_writes.py`` runs :func:`run` with a small count.
"""
from __future__ import annotations

import argparse
import importlib.util
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve()


def _two_desks():
    spec = importlib.util.spec_from_file_location("two_desks", HERE.parent / "two_desks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("two_desks", module)
    spec.loader.exec_module(module)
    return module


@dataclass
class Result:
    saved: int  # complaints the desk reported saved
    restores: int
    lost: list[str]  # reported saved, in neither the database nor a copy aside
    clashes: list[str]  # one number, two different complaints
    busy: int  # the desk was told "busy" (nothing saved, no number given)
    seconds: float
    restore_seconds: list[float]

    def summary(self) -> str:
        slowest = max(self.restore_seconds) if self.restore_seconds else 0
        return (f"{self.saved} complaints saved by the desk during {self.restores} restores in "
                f"{self.seconds:.1f} s; lost {len(self.lost)}, numbers given twice "
                f"{len(self.clashes)}, 'busy' told {self.busy}; slowest restore {slowest:.2f} s")


def _numbers(path: Path) -> dict[str, str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT number, description FROM complaint"))
    finally:
        con.close()


def run(db: Path, restores: int = 5, count: int = 1000) -> Result:
    """The desk in its own process, the restores in this one (the database ``db`` is opened
    here with init_db; backups go to this process's backup folder)."""
    from propdesk import config
    from propdesk.models import init_db
    from propdesk.models.enums import Role
    from propdesk.services.core import accounts, backup

    desks = _two_desks()
    env = desks._env(db.parent / "home")
    if db.exists():
        db.unlink()
    subprocess.run([sys.executable, str(HERE.parent / "two_desks.py"), "setup", str(db)], env=env, check=True)
    init_db(str(db))
    boss = accounts.create_staff(None, "zhuguan", "李静", Role.SUPERVISOR, "secret123")
    early = backup.backup_now(db.parent / "early.db")
    before = set(backup.backups(backup.BEFORE_RESTORE))
    cmd = [sys.executable, str(HERE.parent / "two_desks.py"), "worker", str(db), "--count", str(count),
           "--seconds", "0", "--desk", "1"]
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    if proc.stdout.readline().strip() != "ready":
        raise RuntimeError(proc.stderr.read())
    reported: list[str] = []
    summary: dict[str, int] = {}
    errors: list[str] = []

    def collect() -> None:
        for line in proc.stdout:
            line = line.strip()
            if line.startswith("done "):
                summary.update((k, int(v)) for k, v in (kv.split("=") for kv in line[5:].split()))
            elif line:
                reported.append(line)

    def drain() -> None:
        errors.extend(proc.stderr.read().splitlines())

    threads = [threading.Thread(target=f, daemon=True) for f in (collect, drain)]
    for t in threads:
        t.start()
    started = time.monotonic()
    proc.stdin.write("go\n")
    proc.stdin.flush()
    took = []
    for k in range(restores):
        goal = (k + 1) * count // (restores + 1)
        deadline = time.monotonic() + 120
        while len(reported) < goal and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # the desk saves on; restore once it has saved a share more
        t0 = time.monotonic()
        backup.restore(boss, early)
        took.append(time.monotonic() - t0)
    proc.wait(timeout=600)
    elapsed = time.monotonic() - started
    for t in threads:
        t.join(timeout=30)
    asides = [p for p in backup.backups(backup.BEFORE_RESTORE) if p not in before]
    files = [db, *asides]
    seen: dict[str, set[str]] = {}
    for path in files:
        for number, description in _numbers(path).items():
            seen.setdefault(number, set()).add(description)
    lost = sorted(n for n in reported if n not in seen)
    clashes = sorted(n for n, texts in seen.items() if len(texts) > 1)
    busy = sum("DatabaseBusy" in line for line in errors)
    del config  # the backup folder is this process's (PROPDESK_HOME)
    return Result(len(reported), len(took), lost, clashes, busy, elapsed, took)


def main(argv: list[str] | None = None) -> int:
    import os
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restores", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PROPDESK_HOME"] = str(Path(tmp) / "home")
        result = run(Path(tmp) / "office.db", args.restores, args.count)
        from propdesk.models import database

        database.close()
    print(result.summary())
    return 0 if not result.lost and not result.clashes else 1


if __name__ == "__main__":
    sys.exit(main())
