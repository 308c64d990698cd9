"""Bring a benchmark file up to the current schema, timing each step, and report the size of
every search index and table (SQLite's dbstat).

    python benchmarks/indexes.py FILE.db [...] [--all]

``--all``: every table and index (with the table it is on), not only the 16 largest.

The upgrade is what an office's file goes through with a new PropDesk (init_db: a copy of the
file is kept first, then each migration, then ANALYZE); the bigram index of schema 3 is built
for every existing row there, so its build time at 100,000 and 1,000,000 complaints is the time
printed for that step.
"""
from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path


def sizes(path: Path) -> list[tuple[str, int]]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    finally:
        con.close()
    groups: dict[str, int] = {}
    for name, size in rows:
        if ("initials" in name and name != "owner_initials") or name == "pinyin_initial":
            name = "name initials (schema 8, all its tables)"
        for index in ("complaint_fts_bi", "complaint_fts_no", "complaint_fts", "work_order_fts_bi",
                      "work_order_fts_no", "work_order_fts", "callback_fts_bi", "callback_fts"):
            if name == index or name.startswith(index + "_") and not name.startswith(
                    (index + "_bi", index + "_no")):
                name = index + " (all its tables)"
                break
        groups[name] = groups.get(name, 0) + size
    return sorted(groups.items(), key=lambda kv: -kv[1])


def _kinds(path: Path) -> dict[str, str]:
    """name -> "table" / "index on TABLE" (what dbstat's names are)."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT name, type, tbl_name FROM sqlite_master").fetchall()
    finally:
        con.close()
    return {name: (f"index on {table}" if kind == "index" else kind) for name, kind, table in rows}


def main(argv: list[str]) -> int:
    from propdesk.models import db as models_db

    everything = "--all" in argv
    for arg in [a for a in argv if a != "--all"]:
        path = Path(arg)
        con = sqlite3.connect(path)
        before = int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
        con.close()
        steps = {}
        for version, step in list(models_db.MIGRATIONS.items()):
            def timed(db, step=step, version=version):
                t0 = time.perf_counter()
                step(db)
                steps[version] = time.perf_counter() - t0
            models_db.MIGRATIONS[version] = timed
        t0 = time.perf_counter()
        models_db.init_db(str(path)).close()
        total = time.perf_counter() - t0
        print(f"{path.name}: schema {before} -> {models_db.SCHEMA_VERSION} in {total:.1f} s "
              f"(with the copy kept aside and ANALYZE)")
        for version, seconds in steps.items():
            print(f"  step {version} ({models_db.MIGRATIONS_DOC.get(version, '')}): {seconds:.1f} s"
                  if hasattr(models_db, "MIGRATIONS_DOC") else f"  step {version}: {seconds:.1f} s")
        listed = sizes(path)
        kinds = _kinds(path)
        for name, size in listed if everything else (
                listed[:16] + [(n, v) for n, v in listed[16:] if n.startswith("name initials")]):
            print(f"  {name:<44}{size / 1e6:>9.1f} MB  {kinds.get(name, '')}")
        print(f"  {'file':<44}{path.stat().st_size / 1e6:>9.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
