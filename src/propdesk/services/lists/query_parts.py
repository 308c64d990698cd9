"""Pieces every list filter uses: a day range and the AND of several conditions."""
from __future__ import annotations

import datetime as dt

from peewee import SQL, NodeList

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
