"""Two desks, one file: concurrent writers lose nothing and never see "database is locked";
the write transaction takes the lock at BEGIN and retries a lock still held."""
from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest
from peewee import OperationalError

from propdesk.models import database
from propdesk.models.tables import Setting
from propdesk.services.core import db_retry
from propdesk.services.core.db_retry import DatabaseBusy, transaction

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "two_desks.py"


def _bench():
    spec = importlib.util.spec_from_file_location("two_desks", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("two_desks", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.sqlite_only(reason="two processes on one SQLite file; PostgreSQL: test_postgres_desks.py")
def test_two_processes_save_every_complaint_once(tmp_path):
    n = 100
    result = _bench().run_desks(tmp_path / "desks.db", desks=2, count=n)
    assert [d.returncode for d in result.desks] == [0, 0]
    assert [d.saved for d in result.desks] == [n, n]
    assert result.in_db == 2 * n
    assert result.duplicates == 0
    assert result.missing == []
    assert result.locked == 0
    assert all("locked" not in d.stderr for d in result.desks), [d.stderr for d in result.desks]
    numbers = [num for d in result.desks for num in d.numbers]
    assert len(set(numbers)) == 2 * n
    # the reopen race: each closed complaint reopened by one desk, the other told
    assert result.reopen_counts == [1] * _bench().RACE and result.race_ok


def _other_connection(fresh_db) -> sqlite3.Connection:
    return sqlite3.connect(fresh_db.database, timeout=0, isolation_level=None)


@pytest.mark.sqlite_only(reason="SQLite's BEGIN IMMEDIATE file lock")
def test_transaction_takes_the_write_lock_at_begin(fresh_db):
    other = _other_connection(fresh_db)
    with transaction():
        Setting.select().count()  # only a read so far, but the lock is already ours
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.execute("ROLLBACK")
    other.close()


def test_nested_transaction_is_a_savepoint(fresh_db):
    with transaction():
        Setting.create(key="a", value="1")
        with pytest.raises(ValueError):
            with transaction():
                Setting.create(key="b", value="2")
                raise ValueError
    assert Setting.get_or_none(Setting.key == "a") is not None
    assert Setting.get_or_none(Setting.key == "b") is None


@pytest.mark.sqlite_only(reason="SQLite's file lock retried at BEGIN")
def test_a_lock_held_by_another_desk_is_retried(fresh_db, monkeypatch):
    calls = []
    real_begin = type(fresh_db).begin

    def flaky_begin(self, lock_type=None):
        calls.append(lock_type)
        if len(calls) <= 2:
            raise OperationalError("database is locked")
        return real_begin(self, lock_type)

    monkeypatch.setattr(type(fresh_db), "begin", flaky_begin)
    monkeypatch.setattr(db_retry, "BACKOFF", 0.001)
    with transaction():
        Setting.replace(key="x", value="saved").execute()
    assert calls == ["IMMEDIATE"] * 3
    assert Setting.get(Setting.key == "x").value == "saved"
    assert not database.in_transaction()


@pytest.mark.sqlite_only(reason="SQLite's busy timeout; PostgreSQL: test_postgres_desks.py")
def test_a_lock_never_released_gives_a_calm_message(fresh_db, monkeypatch):
    monkeypatch.setattr(db_retry, "BACKOFF", 0.001)
    monkeypatch.setattr(db_retry, "RETRIES", 2)
    fresh_db.execute_sql("PRAGMA busy_timeout = 0")
    other = _other_connection(fresh_db)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy) as err:
            with transaction():
                Setting.replace(key="x", value="lost").execute()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "数据库" in err.value.text() and "locked" not in err.value.text()
    assert not database.in_transaction()
    assert Setting.get_or_none(Setting.key == "x") is None


def test_other_operational_errors_are_not_retried(fresh_db, monkeypatch):
    calls = []

    def broken_begin(self, lock_type=None):
        calls.append(lock_type)
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(type(fresh_db), "begin", broken_begin)
    with pytest.raises(OperationalError, match="disk I/O"):
        with transaction():
            pass
    assert len(calls) == 1
