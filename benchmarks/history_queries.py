"""Registers, printed forms and report figures on a file with ten years of history (issue 21,
goal 5: "history never slows the present"), each beside the same statements replayed on a plain
sqlite3 connection.

    python benchmarks/history_queries.py FILE.db [--runs 5] [--read-only]

FILE is a file of ``generate.py`` (1,000,000 complaints with about 1.15 callbacks each). Without
``--read-only`` it is brought to the current schema first (``init_db``, as ``search.py``); with
it, it is opened read-only (``mode=ro&immutable=1``) at the schema it has.

Timed through PropDesk (median of ``--runs`` after one warm-up call, as every script here): the
complaint, repair and callback registers of the file's last full day and of its last 30 days
(the count for the progress bar and every line read, as the export reads them, ``in_batches``);
the data of the complaint forms (``complaint_forms.form_data``) and of a repair notice
(``repair_notice.notice_data``) for the newest closed complaint and work order; the weekly
summary's figures (``weekly.summary``, its 8 weeks' line included) and the dashboard's two weeks
(``weekly.trend(..., weeks=2)``, as ``ui/dashboard.py`` asks) for the last full ISO week; the dashboard's tiles (``dashboard.counts``) and the status bar's
overdue callbacks (``callbacks.overdue_count``). *sqlite3*: every statement the call sent
(recorded from peewee), replayed with its parameters, ``fetchall()`` of tuples.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import _open, _pad, recorded  # (benchmarks/ is not a package)
from timing import median_ms  # benchmarks/timing.py


def _calls(raw):
    from propdesk.reports.pdf import complaint_forms, repair_notice
    from propdesk.services.cases import callbacks
    from propdesk.services.core.accounts import PROGRAM
    from propdesk.services.lists import dashboard, registers, weekly

    (newest,) = raw.execute("SELECT max(received_at) FROM complaint").fetchone()
    last = dt.date.fromisoformat(newest[:10]) - dt.timedelta(days=1)  # a full day
    month = last - dt.timedelta(days=29)
    monday = last - dt.timedelta(days=last.weekday() + 7)
    sunday = monday + dt.timedelta(days=6)
    at = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(9))
    (complaint_id,) = raw.execute(
        "SELECT id FROM complaint WHERE status = 'closed' ORDER BY id DESC LIMIT 1").fetchone()
    (work_order_id,) = raw.execute("SELECT max(id) FROM work_order").fetchone()

    def register(count, lines, start, end):
        def run():
            return count(start, end), sum(1 for _ in lines(start, end))
        return run

    return [
        ("complaint register, one day", register(registers.count_complaints, registers.iter_complaints, last, last)),
        ("complaint register, 30 days", register(registers.count_complaints, registers.iter_complaints, month, last)),
        ("repair register, one day", register(registers.count_repairs, registers.iter_repairs, last, last)),
        ("repair register, 30 days", register(registers.count_repairs, registers.iter_repairs, month, last)),
        ("callback register, one day", register(registers.count_callbacks, registers.iter_callbacks, last, last)),
        ("callback register, 30 days", register(registers.count_callbacks, registers.iter_callbacks, month, last)),
        ("complaint forms' data (one case)", lambda: (1, len(complaint_forms.form_data(complaint_id)))),
        ("repair notice's data (one order)", lambda: (1, len(repair_notice.notice_data(work_order_id)))),
        (f"weekly summary figures ({monday:%G-W%V})", lambda: (1, weekly.summary(monday, sunday, at=at))),
        ("dashboard's two weeks (trend, weeks=2)", lambda: (2, weekly.trend(monday, sunday, 2, at=at))),
        ("dashboard tiles (counts)", lambda: (1, dashboard.counts(at, reader=PROGRAM))),
        ("status bar: overdue callbacks", lambda: (1, callbacks.overdue_count(last, reader=PROGRAM))),
    ]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file", type=Path)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--read-only", action="store_true", help="open without upgrading or writing")
    args = p.parse_args(argv)
    raw = _open(args.file, args.read_only)
    print(f"{args.file}: median of {args.runs}, ms")
    print(f"{_pad('', 44)}{'PropDesk':>10}{'sqlite3':>10}{'ratio':>7}{'lines':>9}  statements")
    for name, call in _calls(raw):
        ours = median_ms(call, args.runs)
        statements = recorded(call)

        def replay():
            for sql, params in statements:
                raw.execute(sql, params).fetchall()

        base = median_ms(replay, args.runs)
        result = call()
        lines = result[1] if isinstance(result[1], int) else result[0]
        print(f"{_pad(name, 44)}{ours:>10.1f}{base:>10.1f}{ours / base if base else 0:>7.2f}"
              f"{lines:>9,}  {len(statements)}", flush=True)
    raw.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
