"""Pieces every list filter uses: a day range and the AND of several conditions."""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
import math
from typing import Any

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


def walk_if_many(model, condition):
    """``condition`` (on ``model``'s own columns), hidden from SQLite's index choice when it
    holds for more than :data:`MANY` rows: the page then walks the index of its sort column
    and stops at the page's end, instead of reading every match through the condition's index
    and sorting them all (the open complaints, one building's, the callbacks made: 0.2-3 s at
    a million, with ``+col`` or this a few ms). A rarer condition keeps its index (its few
    matches sort quickly; a walk would read the whole table to find them). Decided once per
    filter, when the list's SQL is built (a count of at most MANY + 1 rows through the index).
    Other engines get the condition unchanged."""
    if not is_sqlite():
        return condition
    matches = model.select(SQL("1")).where(condition).limit(MANY + 1).count()
    if matches <= MANY:
        return condition
    return hidden(condition)  # the same rows; no index serves an expression


# --- which of a filter's conditions an index answers, and which are tested on a walk ------------

# The column of the page whose SQL is being built (services.lists.listing sets it; None for a
# count, which reads every match).
_SORTED_BY: contextvars.ContextVar[Any] = contextvars.ContextVar("sorted_by", default=None)


@contextlib.contextmanager
def sorted_by(column):
    """While a page's SQL is built: the column it is sorted by (see :func:`narrowed`)."""
    token = _SORTED_BY.set(column)
    try:
        yield
    finally:
        _SORTED_BY.reset(token)


PAGE_ROWS = 200  # rows of a list's page (ui.lazy_model's page size)
COUNT_UP_TO = 100_000  # a condition's rows are counted up to this many (index only, ~5-8 ms)
GUESS = 10  # a condition without an index (urgency, a search term ...) is guessed to keep 1 row in 10
# What a row costs, against a row a page walks (the sort column's order is near the rows' own,
# so a walk reads them page by page): a row looked up by id (anywhere in the file), and an
# index entry read for an id set (measured at 1,000,000: ~0.5 us walked, 2-4 us looked up)
ROW_COST = 4
ENTRY_COST = 0.5
CAPPED_SHARE = 0.5  # the share of the rows guessed for a condition whose count stopped at COUNT_UP_TO


@dataclasses.dataclass(frozen=True)
class Narrowing:
    """A condition of a list's filter on the table's own columns that an index answers (and
    holds: its ids are read from the index alone). ``column``: the column whose index it is
    (a page sorted by it can walk only its rows); ``probe``: a wider condition counted
    instead, when counting ``condition`` would read rows."""

    condition: Any
    column: Any = None
    probe: Any = None


def hidden(condition):
    """``condition`` as no index of SQLite's serves (the same rows): tested on each row a page
    reads. Other engines get it unchanged."""
    return fn.COALESCE(condition, 0) == 1 if is_sqlite() else condition


_counts: dict = {}


def forget_counts() -> None:
    """Drop the remembered counts (the lists' caches are cleared: another file, or a test)."""
    _counts.clear()


def _count(query, most: int) -> int:
    """The rows of ``query``, counted up to ``most``; remembered (it only chooses a plan, so a
    count a little out of date costs no wrong row)."""
    sql, params = query.sql()
    key = (sql, tuple(params), most)
    if key not in _counts:
        if len(_counts) > 512:
            _counts.clear()
        _counts[key] = query.limit(most).count()
    return _counts[key]


def _rows_about(model) -> int:
    """About how many rows ``model``'s table holds (its greatest id: rows are never deleted)."""
    key = (model._meta.table_name, "max(id)")
    if key not in _counts:
        _counts[key] = model.select(fn.MAX(model.id)).scalar() or 0
    return _counts[key]


def _id_sets(model, parts: list[Narrowing]):
    """``id IN (the ids all of ``parts`` hold)``, found in their indexes alone: the last
    part's index entries read, each tested against the others' ids (sets made once)."""
    *others, scanned = parts
    inner = scanned.condition
    for part in others:
        ids = model.select(model.id).where(part.condition)
        inner = inner & NodeList((SQL("+"), model.id), glue="").in_(ids)
    return model.id.in_(model.select(model.id).where(inner))


def narrowed(model, parts: list[Narrowing], guessed: int = 0) -> list:
    """The conditions ``parts`` (ANDed), written so that SQLite reads a page the cheapest of
    these ways (SQLite only; other engines get them as they are):

    - a condition that holds for at most :data:`MANY` rows keeps its index (its few rows are
      read and sorted quickly), the others are tested on them;
    - **walk**: the page walks the index of its sort column, testing every condition on each
      row, and stops at the page's end: about ``PAGE_ROWS x rows / matches`` rows, cheap when
      the filter keeps many (the closed complaints). A page sorted by the column a condition
      is on (the open complaints by state) walks only that condition's rows: the condition
      stays visible, so the walk seeks to them instead of passing every closed one first
      (0.6-1.4 s at a million);
    - **one index**: the narrowest condition's rows, read through its index and sorted;
    - **id sets**: two conditions that each hold for many rows may hold for few together (the
      voided complaints of one building: 20,000 and 50,000 of 1,000,000, 1,000 together; a walk
      read 200,000 rows for a page, 90-300 ms): their ids are found in their indexes alone,
      and only the rows they share are looked up and sorted.

    The matches are estimated from each condition's count (up to :data:`COUNT_UP_TO`, from its
    index alone), as if the conditions were independent, and ``guessed`` other conditions
    (without an index of their own) each keep one row in :data:`GUESS`. A count (no sort)
    walks every row. Decided when the list's SQL is built (the counts are remembered:
    :func:`forget_counts`)."""
    if not is_sqlite() or not parts:
        return [p.condition for p in parts]
    counts = [_count(model.select(SQL("1")).where(p.probe if p.probe is not None else p.condition),
                     COUNT_UP_TO + 1) for p in parts]
    if min(counts) <= MANY:  # a rare condition: its index
        return [p.condition if n <= MANY else hidden(p.condition) for p, n in zip(parts, counts)]
    total = max(_rows_about(model), 1)
    rows = [n if n <= COUNT_UP_TO else max(COUNT_UP_TO, CAPPED_SHARE * total) for n in counts]
    matches = max(total * math.prod(n / total for n in rows) / GUESS ** guessed, 1.0)
    sort = _SORTED_BY.get()
    on_sort = next((p for p in parts if sort is not None and p.column is sort), None)
    walked = total if on_sort is None else rows[parts.index(on_sort)]
    plans = [(walked if sort is None else min(walked, PAGE_ROWS * walked / matches), "walk")]
    narrowest = min(range(len(parts)), key=rows.__getitem__)
    plans.append((rows[narrowest] * ROW_COST, "one"))
    known = sorted((i for i, n in enumerate(counts) if n <= COUNT_UP_TO), key=rows.__getitem__)
    if len(known) >= 2:  # (a count that stopped at COUNT_UP_TO: too many ids to collect)
        shared = total * math.prod(rows[i] / total for i in known)
        plans.append((sum(rows[i] for i in known) * ENTRY_COST + shared * ROW_COST, "sets"))
    plan = min(plans, key=lambda p: p[0])[1]
    if plan == "sets":
        return ([_id_sets(model, [parts[i] for i in known])]
                + [hidden(p.condition) for i, p in enumerate(parts) if i not in known])
    shown = parts[narrowest] if plan == "one" else on_sort
    return [p.condition if p is shown else hidden(p.condition) for p in parts]


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
