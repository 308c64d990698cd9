"""The lists' statements prepared once per connection on PostgreSQL (models.prepared, issue 20):
the same rows as the statement run plainly, prepared again on a new connection, a bounded
number per connection, and statements the server cannot prepare or that fail left unharmed."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models import database, prepared
from propdesk.models.db import DatabaseUnavailable, open_database
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import search
from propdesk.services.lists.search import ComplaintFilter

pytestmark = pytest.mark.postgres_only

NOW = dt.datetime(2026, 11, 24, 10, 0)


def _on_server() -> dict[str, str]:
    """name -> statement text of this connection's prepared statements, as the server has them."""
    return dict(database.execute_sql("SELECT name, statement FROM pg_prepared_statements").fetchall())


@pytest.fixture
def listed(office):
    from propdesk.models.tables import Category

    cat = Category.select().first().id
    return [complaints.create(office["clerk"], ComplaintInput(
        unit="3栋2单元1201", phone=f"1380013{i:04d}", complainant="张伟",
        description=("楼上漏水" if i % 2 else "地下车库照明不亮"), category_id=cat, severity="minor"),
        at=NOW - dt.timedelta(hours=i)) for i in range(12)]


def test_the_list_as_opened_is_prepared_once_and_gives_the_rows_a_plain_query_gives(listed):
    f = ComplaintFilter()
    sql, params = search.LISTING._page_sql(search.LISTING.clock(f), "received_at", True, 0, 5,
                                           type(database.obj))
    plain = database.execute_sql(sql, params).fetchall()
    first = search.page(f, limit=5, reader=PROGRAM)
    names = list(_on_server())
    assert len(names) == 1 and names[0].startswith("propdesk_")
    again = [search.page(f, limit=5, reader=PROGRAM) for _ in range(8)]  # past 5: a generic plan may be kept
    after = search.page(f, limit=5, after=first[-1], reader=PROGRAM)  # scrolled: prepared too
    assert set(names) < set(_on_server()) and len(_on_server()) == 2  # nothing prepared twice
    assert [r["number"] for r in first] == [r["number"] for r in again[-1]] == [
        row[search.LISTING.names.index("number")] for row in plain]
    assert [r["number"] for r in first + after] == [
        r["number"] for r in search.page(f, limit=10, reader=PROGRAM)]
    assert "LIMIT 5 OFFSET 0" in sql  # written in, so a generic plan knows the page's size


def test_a_terms_page_and_count_are_planned_for_their_values(listed):
    """A term's plan depends on how many rows hold it: not prepared (a generic plan kept
    after a common term's runs served a rare one badly)."""
    for term in ("漏水", "张伟"):
        f = ComplaintFilter(text=term)
        for _ in range(3):
            search.page(f, reader=PROGRAM)
            search.count(f, reader=PROGRAM)
    assert search.count(ComplaintFilter(text="漏水"), reader=PROGRAM) == 6
    assert _on_server() == {}


def test_a_new_connection_prepares_again(listed, db_location):
    f = ComplaintFilter()
    before = [r["number"] for r in search.page(f, reader=PROGRAM)]
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    admin = open_database(db_location)
    admin.execute_sql("SELECT pg_terminate_backend(%s)", (pid,))
    admin.close()
    with pytest.raises(DatabaseUnavailable):  # the lost connection is said as before
        search.page(f, reader=PROGRAM)
    assert [r["number"] for r in search.page(f, reader=PROGRAM)] == before  # reconnected, prepared again
    assert len(before) == 12 and _on_server()


def test_statements_the_server_forgot_are_prepared_again(listed):
    f = ComplaintFilter()
    before = [r["number"] for r in search.page(f, reader=PROGRAM)]
    database.execute_sql("DEALLOCATE ALL")  # (as DISCARD ALL, or a pooler, would)
    assert [r["number"] for r in search.page(f, reader=PROGRAM)] == before  # run as it is
    assert _on_server() == {}
    assert [r["number"] for r in search.page(f, reader=PROGRAM)] == before  # and prepared again
    assert len(_on_server()) == 1


def test_at_most_keep_statements_per_connection(listed, monkeypatch):
    monkeypatch.setattr(prepared, "KEEP", 3)
    for limit in range(1, 7):  # six statements (the limit is in the SQL)
        assert len(search.page(ComplaintFilter(), limit=limit, reader=PROGRAM)) == limit
    assert len(_on_server()) == 3
    assert len(search.page(ComplaintFilter(), limit=1, reader=PROGRAM)) == 1  # dropped, made again
    assert len(_on_server()) == 3


def test_a_failed_statement_is_not_remembered_and_an_untyped_value_runs_plainly(fresh_db):
    db = database.obj
    with pytest.raises(Exception):
        prepared.execute(db, "SELECT 10 / %s", [0])  # prepared by the server, failed on the value
    assert prepared.execute(db, "SELECT 10 / %s", [5]).fetchone() == (2,)  # under a new name
    assert prepared.execute(db, "SELECT 10 / %s", [2]).fetchone() == (5,)
    # no type the server could give the value: not prepared, run as it is, each time
    assert prepared.execute(db, "SELECT %s IS NULL", [None]).fetchone() == (True,)
    assert prepared.execute(db, "SELECT %s IS NULL", [1]).fetchone() == (False,)
    assert prepared.execute(db, "SELECT 'a%%' || %s", ["b"]).fetchone() == ("a%b",)
    texts = list(_on_server().values())
    assert sum("10 / $1" in t for t in texts) == 2 and not any("IS NULL" in t for t in texts)
    with database.atomic():  # inside a transaction nothing is prepared (a failure would end it)
        assert prepared.execute(db, "SELECT 3 * %s", [3]).fetchone() == (9,)
    assert not any("3 * $1" in t for t in _on_server().values())
