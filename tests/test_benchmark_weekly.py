"""benchmarks/weekly.py tops its week up from the weeks before; on a file whose weeks before
hold too few complaints it stops with a message (it looped for ever). A tiny generated file."""
import datetime as dt
import importlib
import sys
from pathlib import Path

import pytest

from propdesk.models import database, init_db

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def bench(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        from generate import generate
        weekly_bench = importlib.import_module("weekly")
    finally:
        sys.path.remove(str(BENCH))
    path = tmp_path / "tiny.db"
    generate(path, 300, log=lambda *_: None)  # ten years: under one complaint a week
    db = init_db(str(path), migrate=False)
    calls = []
    execute = db.execute_sql

    def counted(sql, params=None, *args, **kwargs):  # a loop that never ends fails instead of hanging
        calls.append(sql)
        if len(calls) > 5000:
            raise RuntimeError("top_up is still going after 5,000 statements")
        return execute(sql, params, *args, **kwargs)
    db.execute_sql = counted
    yield weekly_bench, db, path
    del db.execute_sql
    database.close()


def _in_week(db, start, end):
    lo, hi = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    return db.execute_sql("SELECT count(*) FROM complaint WHERE received_at >= ? AND received_at < ?",
                          (lo, hi)).fetchone()[0]


def test_too_few_complaints_before_the_week_stop_with_a_message(bench, capsys):
    weekly_bench, db, path = bench
    week = dt.date.today() - dt.timedelta(days=14)
    start = week - dt.timedelta(days=week.weekday())
    end = start + dt.timedelta(days=6)
    with pytest.raises(weekly_bench.TooFew) as too_few:
        weekly_bench.top_up(db, start, end)
    have = _in_week(db, start, end)
    assert have < 300 and f"holds {have:,} complaints" in str(too_few.value) and "5,000" in str(too_few.value)
    assert _in_week(db, start, end) == have and db.execute_sql("SELECT count(*) FROM complaint").fetchone()[0] == 300
    iso = f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02d}"
    assert weekly_bench.main(["--file", str(path), "--week", iso, "--runs", "1"]) == 2
    assert "larger file" in capsys.readouterr().err


def test_a_week_is_topped_up_to_its_target_exactly(bench, monkeypatch):
    weekly_bench, db, _ = bench
    monkeypatch.setattr(weekly_bench, "TARGET", 20)
    week = dt.date.today() - dt.timedelta(days=14)
    start = week - dt.timedelta(days=week.weekday())
    end = start + dt.timedelta(days=6)
    assert weekly_bench.top_up(db, start, end) == 20 == _in_week(db, start, end)
