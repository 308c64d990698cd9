"""Pieces every list filter uses: a day range and the AND of several conditions."""
from __future__ import annotations

import dataclasses
import datetime as dt

from peewee import SQL, NodeList, fn

from propdesk.models.db import is_sqlite


def day_range(field, date_from: dt.date | None, date_to: dt.date | None) -> list:
    """Conditions for ``field`` falling on the days ``date_from``..``date_to`` (inclusive)."""
    conds = []
    if date_from:
        conds.append(field >= dt.datetime.combine(date_from, dt.time()))
    if date_to and date_to < dt.date.max:  # the last day there is: no upper bound
        conds.append(field < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    return conds


def all_of(conds: list):
    """The conditions joined with AND (True when there are none)."""
    result = True
    for cond in conds:
        result = cond if result is True else (result & cond)
    return result


def unindexed(field):
    """``field`` as SQLite's planner must not use an index for (a unary ``+``): for a condition
    that narrows little, such as ``callback.status = 'done'`` beside ``complaint_id = ?``, so the
    planner takes the selective index instead (https://sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_).
    Other engines get the field unchanged (PostgreSQL has no unary plus on text)."""
    return NodeList((SQL("+"), field), glue="") if is_sqlite() else field


def sort_key(column, descending: bool, base=None):
    """ORDER BY ``column`` with empty values where SQLite puts them (first going up, last going
    down) on every engine: PostgreSQL puts NULLs the other way round. Said only for a column
    that can be empty (a nullable field, or one from a table other than ``base``, which a LEFT
    JOIN can leave empty): on a NOT NULL column it would keep PostgreSQL from walking its index."""
    nullable = column.null or (base is not None and column.model is not base)
    if not nullable:
        return column.desc() if descending else column.asc()
    return column.desc(nulls="LAST") if descending else column.asc(nulls="FIRST")


MANY = 2000  # rows beyond which walking the page's sorted index beats sorting every match


def walk_if_many(model, condition, probe=None):
    """``condition`` (on ``model``'s own columns), hidden from SQLite's index choice when it
    holds for more than :data:`MANY` rows: the page then walks the index of its sort column
    and stops at the page's end, instead of reading every match through the condition's index
    and sorting them all (the open complaints, one building's, the callbacks made: 0.2-3 s at
    a million, with ``+col`` or this a few ms). A rarer condition keeps its index (its few
    matches sort quickly; a walk would read the whole table to find them). Decided once per
    filter, when the list's SQL is built (a count of at most MANY + 1 rows through the index;
    ``probe``, a wider condition one index answers at once, is counted instead when counting
    ``condition`` itself would read every candidate). Other engines get the condition unchanged."""
    if not is_sqlite():
        return condition
    matches = model.select(SQL("1")).where(probe if probe is not None else condition).limit(MANY + 1).count()
    if matches <= MANY:
        return condition
    return fn.COALESCE(condition, 0) == 1  # the same rows; no index serves an expression


def index_if_few(model, condition):
    """``condition`` (on one indexed column of ``model``) marked unlikely for SQLite's planner
    when it holds for at most :data:`MANY` rows, so the planner reads its few matches through
    the column's index and sorts them, instead of walking the page's sorted index through every
    row to find them (the callbacks of incidents: 4 of 1,160,000, 0.3-0.4 s sorted by number at
    a million). ``unlikely()`` changes only the planner's estimate, not the rows. Decided once
    per filter, as :func:`walk_if_many`; other engines get the condition unchanged."""
    if not is_sqlite():
        return condition
    matches = model.select(SQL("1")).where(condition).limit(MANY + 1).count()
    return fn.unlikely(condition) if matches <= MANY else condition


def ids_by_state(f, table: str, default: tuple[str, list, bool] = ("", [], False)):
    """``Listing.by_state`` of a list whose filter is a dataclass with ``text``, ``statuses``
    and ``at``: None when ``f`` has any other condition than the text and the state, else the
    ids of the statuses chosen from the table's status index (kept), or ``default`` (the rows
    a list leaves out by default, or every row) when no status is chosen."""
    if dataclasses.replace(f, text="", statuses=(), at=None) != type(f)():
        return None
    if f.statuses:
        marks = ", ".join("?" * len(f.statuses))
        return f"SELECT id FROM {table} WHERE status IN ({marks})", list(f.statuses), True
    return default
