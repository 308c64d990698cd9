"""The lists' statements, prepared once per connection on PostgreSQL (issue 20).

A list asks the same few statements again and again (its first page, the next page as it is
scrolled, a window's boundary: each refresh, each scroll), with only the values changing; their SQL is
built once and cached (services.lists.listing). On a database server each of them was parsed
and planned again every time: a page joins ten tables, and its planning cost as much as its
work (at 1,000,000 complaints a window page took 1.3 ms in the server and 5 ms seen from the
desk). psycopg2 sends every statement as text and prepares nothing, so :func:`execute` does it
itself: the first time a connection runs a statement it sends ``PREPARE name AS ...`` and
``EXECUTE name(values)`` in one round trip, later only ``EXECUTE``.

* Keyed by the SQL text, per connection: a desk's connection is its thread's (peewee), and a
  connection opened again (the server restarted, the network came back) starts with none, as
  the server does; the statements are prepared again when first asked.
* At most :data:`KEEP` per connection: the least recently used one is deallocated in the same
  round trip as the next new one (a list's filter shapes are many, the server keeps each plan).
* A statement that failed (a lock timeout, a lost connection) is not remembered: the server may
  or may not hold it (PREPARE is not undone with the rest), so the next try uses a new name.
  A server session that lost the statements (``DISCARD ALL``) makes the connection start again
  from none (the statement runs unprepared that time).
* The caller says which statements to prepare (services.lists.listing._run): those whose best
  plan is the same whatever the values, for which the server soon keeps one generic plan
  (``plan_cache_mode`` auto: after five runs, where it is not dearer than the plans made for
  the values). LIMIT and OFFSET are written into the lists' SQL, not passed as values, so such
  a plan knows how many rows the page needs. A statement whose plan depends on its values (a
  term's count) is not prepared: the generic plan kept after a common term's runs was used
  for a rare one and was 20 times slower than the rare term's own plan.

SQLite prepares and caches statements itself (sqlite3's statement cache): :func:`execute` is
``execute_sql`` there.
"""
from __future__ import annotations

import re
from collections import OrderedDict

from peewee import DatabaseError

KEEP = 100  # prepared statements per connection
INDETERMINATE_TYPE = "42P18"  # "could not determine data type of parameter $1"
NO_SUCH_STATEMENT = "26000"  # "prepared statement ... does not exist"
_PLACEHOLDER = re.compile(r"%%|%s")


def server_text(sql: str) -> tuple[str, int]:
    """``sql`` with psycopg2's ``%s`` placeholders as the server's ``$1``, ``$2`` ... and how
    many there are; ``%%`` stays as it is (the text is sent through psycopg2, which makes it a
    single ``%``)."""
    count = 0

    def number(match: re.Match) -> str:
        nonlocal count
        if match.group() == "%%":
            return "%%"
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql), count


class _Statements:
    """The statements prepared on one connection: SQL text -> name, least recently used first."""

    __slots__ = ("conn", "names", "made", "plain")

    def __init__(self, conn):
        self.conn, self.names, self.made = conn, OrderedDict(), 0
        self.plain: set[str] = set()  # statements the server could not prepare


def execute(db, sql: str, params=()):
    """Run ``sql`` with ``params`` as ``db.execute_sql`` does (the same cursor to read), prepared
    on the connection the first time (PostgreSQL; SQLite: plainly)."""
    from propdesk.models.db import is_sqlite

    params = list(params or ())
    if is_sqlite(db) or db.in_transaction():
        # in a transaction a failed PREPARE would end it: only the lists' reads are prepared
        return db.execute_sql(sql, params)
    conn = db.connection()  # (connects when needed, as execute_sql would)
    prepared = getattr(db._state, "prepared", None)
    if prepared is None or prepared.conn is not conn:
        prepared = db._state.prepared = _Statements(conn)
    if sql in prepared.plain:
        return db.execute_sql(sql, params)
    name = prepared.names.get(sql)
    head = ""
    if name is None:
        text, count = server_text(sql)
        if count != len(params):  # (not a statement of psycopg2's placeholders)
            return db.execute_sql(sql, params)
        prepared.made += 1
        name = f"propdesk_{prepared.made}"
        if len(prepared.names) >= KEEP:
            _, oldest = prepared.names.popitem(last=False)
            head = f"DEALLOCATE {oldest}; "
        head += f"PREPARE {name} AS {text}; "
    else:
        prepared.names.move_to_end(sql)
    values = f"({', '.join(['%s'] * len(params))})" if params else ""
    try:
        cursor = db.execute_sql(f"{head}EXECUTE {name}{values}", params)
    except DatabaseError as err:
        original = err.__cause__ or err.__context__  # (peewee wraps the driver's error)
        code = getattr(original, "pgcode", None)
        if code == NO_SUCH_STATEMENT:
            # the server's session lost them (DISCARD ALL, a pooler between desk and server):
            # start again from none, and run this one as it is
            db._state.prepared = _Statements(conn)
            return db.execute_sql(sql, params)
        if not head or code != INDETERMINATE_TYPE:
            raise
        # a value whose type the statement does not say (``%s IS NULL``): run it as it is
        prepared.plain.add(sql)
        return db.execute_sql(sql, params)
    if head:
        prepared.names[sql] = name
    return cursor
