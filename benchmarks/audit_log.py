"""The audit log viewer's pages and counts on a large file: each filter's first page, the page
after it, a page from the middle of the log, the oldest page (Ctrl+End) and the count, through
``services.core.audit_log`` (keyset pages on (at, id)), each beside the same statements replayed
on a plain ``sqlite3`` connection (the ratio is the cost of peewee and of building the rows), and
the OFFSET page the viewer read before (plain sqlite3) for comparison.

    python benchmarks/audit_log.py FILE [--runs 3] [--plans]
    python benchmarks/audit_log.py FILE --gui      # the viewer itself, offscreen: the GUI thread

FILE is opened read-only at the schema it has (``mode=ro&immutable=1``), as ``search.py
--read-only`` does: the 1,000,000-complaint file (5.29 M audit entries) is never written.
``--plans`` prints SQLite's plan of each filter's first page.

``--gui``: the viewer (``ui/audit_viewer.py``) opened offscreen on the file as an administrator,
then: 30 pages scrolled down, Ctrl+End, Ctrl+Home, every person and every kind of record chosen
in turn, a month's dates. Each call that acts and each turn of the event loop while the rows
come is timed on the GUI thread (``gui_session.GuiThreadWatch``: wall and the thread's own CPU)
and so is every statement run there; the longest turns are printed, with how long the rows took.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import _open, recorded  # (benchmarks/ is not a package)
from timing import median_ms  # benchmarks/timing.py

PAGE = 200


def _filters(raw: sqlite3.Connection):
    """(name, AuditFilter) for the viewer's filters, picked from the file's own data."""
    from propdesk.services.core.audit_log import AuditFilter

    (newest,) = raw.execute("SELECT max(at) FROM audit_entry").fetchone()
    day = dt.date.fromisoformat(newest[:10]) - dt.timedelta(days=1)
    busy, quiet = 14, 6  # the 1,000,000 file's busiest clerk and one of its quieter people
    (number,) = raw.execute("SELECT number FROM complaint ORDER BY id DESC LIMIT 1 OFFSET 5000").fetchone()
    former = []
    last = [(raw.execute("SELECT max(at) FROM audit_entry WHERE staff_id = ?", (sid,)).fetchone()[0] or "", sid)
            for (sid,) in raw.execute("SELECT id FROM staff")]
    (gone_at, gone), = sorted(last)[:1]
    if gone_at and gone_at[:10] < str(day - dt.timedelta(days=365)):
        # someone whose entries all lie years back (a former clerk; the generated file has none:
        # benchmarks/README.md says how one was made in a copy)
        (n,) = raw.execute("SELECT count(*) FROM audit_entry WHERE staff_id = ?", (gone,)).fetchone()
        former = [(f"former person (staff {gone}, {n:,}, to {gone_at[:7]})", AuditFilter(staff_id=gone)),
                  ("former person + complaints", AuditFilter(staff_id=gone, entity="complaint")),
                  ("former person + their last month",
                   AuditFilter(staff_id=gone, date_from=dt.date.fromisoformat(gone_at[:10]) - dt.timedelta(days=30),
                               date_to=dt.date.fromisoformat(gone_at[:10])))]
    return former + [
        ("everything", AuditFilter()),
        (f"a clerk (staff {busy}, 1.57 M)", AuditFilter(staff_id=busy)),
        (f"a quieter person (staff {quiet}, 31 k)", AuditFilter(staff_id=quiet)),
        ("kind: complaints (2.98 M)", AuditFilter(entity="complaint")),
        ("kind: incidents (13)", AuditFilter(entity="incident")),
        ("kind: staff accounts (0)", AuditFilter(entity="staff")),
        (f"record {number}", AuditFilter(record=number)),
        ("one day", AuditFilter(date_from=day, date_to=day)),
        ("one month", AuditFilter(date_from=day - dt.timedelta(days=30), date_to=day)),
        ("one year", AuditFilter(date_from=day - dt.timedelta(days=365), date_to=day)),
        ("clerk + complaints", AuditFilter(staff_id=busy, entity="complaint")),
        ("quieter person + one month", AuditFilter(staff_id=quiet, date_from=day - dt.timedelta(days=30),
                                                  date_to=day)),
        ("work orders + one month", AuditFilter(entity="work_order", date_from=day - dt.timedelta(days=30),
                                               date_to=day)),
    ]


def _plans(raw, f) -> None:
    from propdesk.services.core import audit_log

    calls = recorded(lambda: audit_log.page(_actor(), f, PAGE))
    sql, params = next(c for c in calls if "ORDER BY" in c[0])
    for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params):
        print("      plan:", row[-1])


_ADMIN = None


def _actor():
    global _ADMIN
    if _ADMIN is None:
        from propdesk.models.enums import Role
        from propdesk.models.tables import Staff

        _ADMIN = Staff.select().where(Staff.role == Role.ADMIN.value).first()
    return _ADMIN


def gui(path: Path) -> None:
    import os
    import time

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PROPDESK_HOME", str(Path("/tmp") / "propdesk-audit-bench-home"))
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gui_session import GuiThreadWatch, wait_rows
    from propdesk.models import database
    from propdesk.ui import translation

    app = QApplication.instance() or QApplication(sys.argv)
    _open(path, read_only=True)
    translation.install(app, "zh_CN")
    watch = GuiThreadWatch(database.obj, 50.0)
    from propdesk.ui.audit_viewer import AuditViewer

    waits = []

    def step(name, fn, *args):
        watch.step = watch.group = name
        watch.timed(fn, *args)
        waits.append((name, wait_rows(watch, app, [viewer.model])))
        while viewer.model.paging:  # a scrolling page on the worker
            watch.timed(app.processEvents)
            time.sleep(0.002)

    watch.step = watch.group = "viewer built"
    viewer = watch.timed(AuditViewer, _actor())
    viewer.resize(1000, 700)
    step("shown, first page", viewer.show)
    table = viewer.table
    table.setFocus()
    for k in range(30):
        step(f"scroll page {k + 2}", table.scrollToBottom)
    step("Ctrl+End", lambda: table.keyPressEvent(_key(Qt.Key_End)))
    step("Ctrl+Home", lambda: table.keyPressEvent(_key(Qt.Key_Home)))
    for combo in (viewer.person, viewer.kind):
        for j in list(range(1, combo.count())) + [0]:
            step(f"{combo.objectName()} = {combo.itemText(j)}", combo.setCurrentIndex, j)
    viewer.dated.setChecked(True)
    step("one month", viewer.apply_filter)
    watch.close()
    print(f"{watch.count:,} statements on the GUI thread, {len(watch.slow)} over 50 ms")
    for name, ms, sql in watch.slow:
        print(f"  {ms:7.1f} ms {name}: {sql}")
    print("the longest turns of the GUI thread (ms CPU / wall):")
    for cpu, ms, name in sorted(watch.by_cpu, reverse=True)[:6]:
        print(f"  {cpu:7.1f} / {ms:7.1f}  {name}")
    print(f"{len(watch.by_cpu):,} turns timed; rows shown after (ms): "
          + ", ".join(f"{name} {ms:.0f}" for name, ms in sorted(waits, key=lambda w: -w[1])[:8]))
    viewer.close()
    from propdesk.app import finish_background_work

    finish_background_work()


def _key(key):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.KeyPress, key, Qt.ControlModifier)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", action="store_true")
    parser.add_argument("--gui", action="store_true")
    parser.add_argument("--only", default="", help="only the filters whose name holds this text")
    args = parser.parse_args()
    if args.gui:
        gui(args.file)
        return

    from propdesk.services.core import audit_log

    raw = _open(args.file, read_only=True)
    actor = _actor()
    (half,) = raw.execute("SELECT count(*) / 2 FROM audit_entry").fetchone()  # 2.6 M at a million
    (middle_at, middle_id) = raw.execute(
        "SELECT at, id FROM audit_entry ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?", (half,)).fetchone()
    middle = {"at": dt.datetime.fromisoformat(middle_at), "id": middle_id}
    print(f"{'filter':40} {'what':8} {'PropDesk':>10} {'sqlite3':>10} {'ratio':>6}  rows")
    for name, f in _filters(raw):
        if args.only not in name:
            continue
        first = audit_log.page(actor, f, PAGE)
        calls = [("first", lambda f=f: audit_log.page(actor, f, PAGE))]
        if len(first) == PAGE:
            calls += [("next", lambda f=f, r=first[-1]: audit_log.page(actor, f, PAGE, after=r)),
                      ("middle", lambda f=f: audit_log.page(actor, f, PAGE, after=middle)),
                      ("oldest", lambda f=f: audit_log.page(actor, f, PAGE, oldest_first=True))]
        calls.append(("count", lambda f=f: audit_log.count(actor, f)))
        for what, call in calls:
            ours = median_ms(call, args.runs)
            statements = recorded(call)

            def replay(statements=statements):
                for sql, params in statements:
                    raw.execute(sql, params).fetchall()

            base = median_ms(replay, args.runs)
            found = call()
            found = len(found) if isinstance(found, list) else found
            print(f"{name:40} {what:8} {ours:8.1f} ms {base:8.1f} ms {ours / max(base, 0.01):5.2f}x  {found}",
                  flush=True)
        if args.plans:
            _plans(raw, f)
    # the viewer's pages before: OFFSET on the id, plain sqlite3 (its page query alone)
    for offset in (0, 100_000, 1_000_000, 5_000_000):
        sql = ("SELECT t1.*, t2.* FROM audit_entry AS t1 LEFT OUTER JOIN staff AS t2 ON t1.staff_id = t2.id "
               "WHERE t1.id > 0 ORDER BY t1.id DESC LIMIT 200 OFFSET ?")
        ms = median_ms(lambda offset=offset: raw.execute(sql, (offset,)).fetchall(), args.runs)
        print(f"{'before: OFFSET ' + format(offset, ','):40} {'page':8} {'':>10} {ms:8.1f} ms")
    raw.close()


if __name__ == "__main__":
    main()
