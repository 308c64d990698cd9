"""The weekly summary at a large office: one week of 5,000 complaints in a file of 1,000,000.

    python benchmarks/weekly.py [--week 2026-W40] [--runs 5] [--file PATH]

Uses the 1,000,000-complaint file of benchmarks/run.py (made on first use; or ``--file``, a file
of benchmarks/generate.py, which is written to) and tops the chosen week up to 5,000 complaints
(copies of the weeks before, moved into it; done once). A file whose weeks before the chosen
one hold too few complaints for that stops with a message saying so. Prints the
median time of the figures (services.weekly.summary), of the PDF with its charts and of the
Excel version, and how many SQL statements the figures took.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import cached_file
from timing import median_ms  # benchmarks/timing.py

TARGET = 5000


class TooFew(Exception):
    """The weeks before the chosen one cannot bring it to TARGET complaints."""


def top_up(db, start: dt.date, end: dt.date) -> int:
    """Bring the week to TARGET complaints by copying earlier weeks' rows into it. Raises TooFew,
    before writing anything, when all the weeks before hold too few (it looped for ever, as the
    weeks before the file's first complaint add nothing)."""
    lo, hi = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    have = db.execute_sql("SELECT count(*) FROM complaint WHERE received_at >= ? AND received_at < ?",
                          (lo, hi)).fetchone()[0]
    # the weeks copied, one back, two back …, together are everything before the week: what they
    # hold is known before anything is written (so a file refused is left as it was)
    before = db.execute_sql("SELECT count(*), min(received_at) FROM complaint WHERE received_at < ?",
                            (lo,)).fetchone()
    if have < TARGET and have + before[0] < TARGET:
        since = f" since {str(before[1])[:10]}" if before[1] else ""
        raise TooFew(f"the week {start} to {end} holds {have:,} complaints and the weeks before it "
                     f"{before[0]:,}{since}: too few to bring it to {TARGET:,}; use a larger file "
                     "(benchmarks/generate.py) or a later week")
    weeks_back = 1
    columns = [c.name for c in db.get_columns("complaint") if c.name not in ("id", "number", "received_at",
                                                                            "reply_by", "resolve_by")]
    cols = ", ".join(columns)
    while have < TARGET:
        shift = f"+{7 * weeks_back} days"
        with db.atomic():
            db.execute_sql(
                f"INSERT INTO complaint (number, received_at, reply_by, resolve_by, {cols}) "
                f"SELECT 'W{weeks_back}-' || number, datetime(received_at, ?), datetime(reply_by, ?), "
                f"datetime(resolve_by, ?), {cols} FROM complaint "
                "WHERE received_at >= datetime(?, ?) AND received_at < datetime(?, ?) LIMIT ?",
                (shift, shift, shift, lo, f"-{7 * weeks_back} days", hi, f"-{7 * weeks_back} days",
                 TARGET - have))
        have = db.execute_sql("SELECT count(*) FROM complaint WHERE received_at >= ? AND received_at < ?",
                              (lo, hi)).fetchone()[0]
        weeks_back += 1
    return have


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--week", default="2026-W40")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--file", type=Path, help="a file of benchmarks/generate.py (written to)")
    args = p.parse_args(argv)
    path = args.file or cached_file(1_000_000)
    if args.file is None and not path.exists():
        from generate import generate

        generate(path, 1_000_000)
    from propdesk.models import init_db
    from propdesk.reports.pdf.weekly import weekly_pdf
    from propdesk.reports.weekly_excel import weekly_xlsx
    from propdesk.services.lists import weekly

    db = init_db(str(path), migrate=False)
    start, end = weekly.iso_week(args.week)
    try:
        in_week = top_up(db, start, end)
    except TooFew as too_few:
        print(f"weekly.py: {too_few}", file=sys.stderr)
        return 2
    total = db.execute_sql("SELECT count(*) FROM complaint").fetchone()[0]
    statements = []
    db.execute_sql = _counting(db.execute_sql, statements)
    summary = weekly.summary(start, end)
    queries = len(statements)
    figures = median_ms(lambda: weekly.summary(start, end), args.runs, warm_up=False)
    out = Path(tempfile.mkdtemp())
    pdf = median_ms(lambda: weekly_pdf(weekly.summary(start, end), out / "w.pdf", "benchmark"), args.runs,
                    warm_up=False)
    xlsx = median_ms(lambda: weekly_xlsx(weekly.summary(start, end), out / "w.xlsx", "benchmark"), args.runs,
                     warm_up=False)
    print(f"weekly summary {args.week}: {in_week:,} complaints that week, {total:,} in the file")
    print(f"  figures (services.weekly.summary)   {figures:8.1f} ms   {queries} SQL statements")
    print(f"  PDF with charts, figures included   {pdf:8.1f} ms   {(out / 'w.pdf').stat().st_size // 1024} KB")
    print(f"  Excel, figures included             {xlsx:8.1f} ms")
    print(f"  this week: {summary.this.complaints:,} complaints, reply on time "
          f"{summary.this.reply_on_time.value or 0:.0%}, {len(summary.open_overdue)} open and overdue listed")
    return 0


def _counting(execute, seen: list):
    def run(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return execute(sql, params, *args, **kwargs)
    return run


if __name__ == "__main__":
    sys.exit(main())
