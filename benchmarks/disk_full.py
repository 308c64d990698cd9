"""Saves on a full disk: each one told with a message, none lost, none half-written.

    python benchmarks/disk_full.py            # 150 saves, the database may not grow after 10

The disk is made full for the database with ``PRAGMA max_page_count`` (SQLite then answers
SQLITE_FULL, "database or disk is full", exactly as on a full drive). Complaints with long
descriptions are taken through ``services.cases.complaints.create``; every save either returns
(and must then be in the file) or raises. Counted: saved, told with a message (RuleError),
other exceptions (what would reach a clerk as a traceback), and records lost (returned as saved
but not in the file).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def run(saves: int = 150, room: int = 10) -> dict[str, int]:
    from propdesk.errors import RuleError
    from propdesk.models import database, init_db
    from propdesk.models.enums import Role
    from propdesk.models.tables import Category, Complaint
    from propdesk.services.cases import complaints
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.services.core import accounts
    from propdesk.services.setup import reference

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PROPDESK_HOME"] = str(Path(tmp) / "home")
        db = init_db(str(Path(tmp) / "full.db"))
        reference.seed_reference()
        clerk = accounts.create_staff(None, "kefu", "王芳", Role.CLERK, "secret123")
        category = Category.select().first()
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(f"PRAGMA max_page_count = {pages + room}")
        saved, told, other = [], 0, 0
        for i in range(saves):
            try:
                c = complaints.create(clerk, ComplaintInput(
                    phone="13800138000", complainant="张伟", severity="minor",
                    category_id=category.id, description=f"第{i}次：" + "楼上漏水，天花板滴水。" * 150))
                saved.append(c.number)
            except RuleError:
                told += 1
            except Exception:  # noqa: BLE001 - counted: this is what a clerk would see as a crash
                other += 1
        in_file = {n for (n,) in Complaint.select(Complaint.number).tuples()}
        lost = sum(1 for n in saved if n not in in_file)
        database.close()
    return {"saves": saves, "saved": len(saved), "told": told, "other": other, "lost": lost}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=150)
    parser.add_argument("--room", type=int, default=10, help="pages the database may still grow")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    r = run(args.saves, args.room)
    print(f"{r['saves']} saves: {r['saved']} saved, {r['told']} told with a message, "
          f"{r['other']} other errors (tracebacks), records lost {r['lost']}")
    return 0 if r["other"] == 0 and r["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
