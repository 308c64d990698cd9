"""The copy an upgrade keeps beside an older SQLite file (models.db._copy), two ways:

    python benchmarks/upgrade_copy.py --db /work/bench/c1m.db --out /tmp/x.db --runs 2

"blocks": the file read with open() in 32 MiB blocks and written out (what the upgrade did until
it took a lock: closing that descriptor dropped the process's POSIX locks on the database);
"backup": SQLite's online backup in steps of models.db.COPY_PAGES pages, as now. The source is
opened read-only (and immutable, so nothing is written beside it); the copy is removed after
each run.
"""
from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from propdesk.models.db import COPY_PAGES


def blocks(source: str, out: Path) -> None:
    with open(source, "rb") as src, open(out, "wb") as dst:
        while block := src.read(32 << 20):
            dst.write(block)


def backup(source: str, out: Path) -> None:
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        dst = sqlite3.connect(out)
        try:
            src.backup(dst, pages=COPY_PAGES, sleep=0, progress=lambda *_: None)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    for _ in range(args.runs):
        for name, copy in (("blocks", blocks), ("backup", backup)):
            args.out.unlink(missing_ok=True)
            started = time.monotonic()
            copy(args.db, args.out)
            print(f"{name}: {time.monotonic() - started:.1f} s, {args.out.stat().st_size:,} bytes", flush=True)
            args.out.unlink()


if __name__ == "__main__":
    main()
