"""The lists' quick search on PostgreSQL (issue 20): which index answers which term.

The indexes are made by ``models.db.create_pg_search`` (the ``search_text`` column and its
trigram index) and ``models.pg_search`` (character pairs, number prefixes, the callback's own
text); why each exists is written there. Here, for a normalized term:

* one or two characters: ``propdesk_grams(search_text, k) && ARRAY[t, '#t']`` (the pair or
  character on any line, a number line's stored with ``#``), and where PostgreSQL may walk
  the date index for a common term, also :func:`_contains`, which is cheap and comes first;
* the start of a number (letters, a dash, digits: ``TS-2021``): the number lines' prefix
  indexes for each office prefix ending in those letters, OR the term's pairs on the other
  lines (``@>``), checked by :func:`_contains`; the page is sorted, not walked (page_order);
* anything else: ``search_text ILIKE '%term%'`` through the trigram index.

Every shape finds exactly the rows ``search_text ILIKE '%term%'`` finds (the same rows as the
SQLite indexes), only through an index. A page of a common short term or of a number start
is looked for in a window first ("the window" below).
"""
from __future__ import annotations

import contextlib
import contextvars
import math
import re
import unicodedata
from dataclasses import dataclass

from peewee import SQL, Cast, Expression, Ordering, TextField, Value, fn

from propdesk.models.pg_search import NUMBER_DATES, NUMBER_LINES
from propdesk.services.core import numbering
from propdesk.services.register.owners import phone_search_digits

# every prefix a number is given with (numbering: PREFIX-YYYYMMDD-NNN)
NUMBER_PREFIXES = (numbering.COMPLAINT, numbering.WORK_ORDER, numbering.CALLBACK, "SJ")
NUMBER_START = re.compile(r"^([A-Za-z]+)-([0-9-]*)$")


def search_column(model):
    """The row's ``search_text`` (not a model field, so SQLite has no such column)."""
    column = TextField(column_name="search_text")
    column.bind(model, "search_text", set_attribute=False)
    return column


def _array(values: list[str]):
    return Cast(Value(values, unpack=False), "text[]")


def _grams(model):
    return fn.propdesk_grams(search_column(model), SQL(str(NUMBER_LINES[model._meta.table_name])))


def _pairs(term: str) -> list[str]:
    text = term.lower()
    return sorted({text[i:i + 2] for i in range(len(text) - 1)}) or [text]


def _number_lines(model) -> list:
    text = search_column(model)
    table = model._meta.table_name
    exprs = [fn.upper(model.number)]
    for line in range(2, NUMBER_LINES[table] + 1):
        exprs.append(fn.upper(fn.split_part(text, SQL("E'\\n'"), SQL(str(line)))))
    return exprs


# characters no case mapping leads to or from (CJK and other letters without case, digits,
# punctuation, spaces): for a term of these, lower() changes nothing that could match it
_CASELESS = {"Lo", "Nd", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs"}


def caseless(term: str) -> bool:
    """``term`` is found the same with or without folding case (地下车库, 13800138000, 3-2-802):
    its text need not be lower-cased row by row (a lower() of every candidate's search text was
    most of the time of a count of 地下车库, 110,869 rows)."""
    return all(unicodedata.category(ch) in _CASELESS and ch.lower() == ch == ch.upper() for ch in term)


def _contains(model, term: str):
    """``strpos(lower(search_text), lower(term)) <> 0``: what ILIKE '%term%' finds (ILIKE folds
    case with lower() too), written so that PostgreSQL's planner neither answers it from the
    trigram index nor counts it as narrowing the rows (an opaque "<> 0" is taken as nearly always
    true): it only checks what the pairs index found, and is cheap when the planner walks the
    date index for a common term instead. Beside an ILIKE the planner multiplied the two
    estimates, expected 20 times too few matches, and sorted 40,000 of them for a page."""
    if caseless(term):
        return fn.strpos(search_column(model), term) != 0
    return fn.strpos(fn.lower(search_column(model)), fn.lower(term)) != 0


# How the SQL being built will be answered (a context, set by the list while it builds a
# query): "walk" (PostgreSQL may walk the sort column's index and test each row it passes:
# the usual page of a common term), "index" (through the search indexes: a count, a sorted page,
# a window's page) or "scan" (each row of a small window is read and tested: see "the window").
_MODE: contextvars.ContextVar[str] = contextvars.ContextVar("pg_search_mode", default="walk")


@contextlib.contextmanager
def answered(mode: str):
    """Conditions built inside are for a query answered by ``mode`` (see _MODE)."""
    token = _MODE.set(mode)
    try:
        yield
    finally:
        _MODE.reset(token)


def through_the_index():
    return answered("index")


def condition(model, term: str):
    """Rows of ``model`` whose search text contains ``term`` (normalized, not empty), or, for a
    phone written with separators, its digits (owners.phone_search_digits; the search text holds
    each phone's digits beside it, models.db.phone_text_sql)."""
    digits = phone_search_digits(term)
    found = _condition(model, term)
    return found | _condition(model, digits) if digits else found


def _condition(model, term: str):
    """Rows of ``model`` whose search text contains ``term``.

    A one- or two-character term is in a line exactly when it is one of that line's grams, and
    anywhere in the text exactly when :func:`_contains` says so: the pairs index alone answers
    it (GIN's ``&&`` needs no recheck), and a window read row by row tests each row with
    :func:`_contains` alone; both are said only where PostgreSQL may walk the date index and
    test each row it passes, where the cheap test must come before the grams of the row."""
    if len(term) <= 2:
        lower = term.lower()
        grams = Expression(_grams(model), "&&", _array([lower, "#" + lower]))
        mode = _MODE.get() if "\n" not in term else "walk"
        if mode == "index":
            return grams
        if mode == "scan":
            return _contains(model, term)
        return grams & _contains(model, term)
    start = NUMBER_START.match(term)
    if not start:
        ilike = search_column(model).contains(term)  # the trigram index (ILIKE '%term%')
        return Expression(ilike.lhs, "LIKE", ilike.rhs) if caseless(term) else ilike
    letters, rest = start.group(1).upper(), start.group(2)
    other_lines = Expression(_grams(model), "@>", _array(_pairs(term))) & _contains(model, term)
    prefixes = [p for p in NUMBER_PREFIXES if p.upper().endswith(letters)]
    cond = None
    for prefix in prefixes:
        pattern = f"{prefix.upper()}-{rest}%"  # only letters, digits and dashes: nothing to escape
        for expr in _number_lines(model):
            like = Expression(expr, "LIKE", pattern)
            cond = like if cond is None else (cond | like)
    return other_lines if cond is None else (cond | other_lines)


FEW = 1000  # at least this many matches count as "not few" on a small table


def _few_matches(model, term: str) -> bool:
    """Fewer rows hold the one- or two-character ``term`` than a walk of the date index would
    read before its 100th match. PostgreSQL's figures cannot tell (a pair missing from its list
    of common elements is guessed at about 1 %: 张伟, 582 rows of 1,000,000, was walked through
    220,000 rows, 0.5 s): count them, up to the point where walking and sorting cost the same
    (about sqrt(100 x rows) matches: 10,000 at a million), through the pairs index alone (a
    count needs no row where the table is vacuumed, as autovacuum keeps it)."""
    from propdesk.models import database

    table = model._meta.table_name
    rows = database.execute_sql("SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                                (table,)).fetchone()[0] or 0
    enough = max(FEW, int((100 * max(rows, 0)) ** 0.5))
    lower = term.lower()
    found = database.execute_sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE propdesk_grams(search_text, "
        f"{NUMBER_LINES[table]}) && %s::text[] LIMIT {enough}) AS m", ([lower, "#" + lower],)
    ).fetchone()[0]
    return found < enough


def few_matches(model, term: str) -> bool:
    """Public name of :func:`_few_matches` (the lists' counts ask it too)."""
    return _few_matches(model, term)


def _sorted_not_walked(order: Ordering) -> Ordering:
    """The same key written ``COALESCE(col, col)`` (the same order), which no index serves."""
    return Ordering(fn.COALESCE(order.node, order.node), order.direction, order.collation,
                    order.nulls)


def page_order(order: Ordering, text: str, model) -> Ordering:
    """The page's first sort key, unchanged when walking its index newest first is right (a
    common term: the first 100 matches come soon), else made unwalkable so that PostgreSQL finds
    the matches through the search indexes and sorts them:

    * the start of a number: its matches all lie in a few days, months or years (TS-2021: one
      year of ten), which the planner cannot know; it walked the date index expecting a match
      every tenth row and read half the table first (2-4 s at 1,000,000);
    * a rare one- or two-character term (:func:`_few_matches`)."""
    from propdesk.services.register.owners import normalize_text

    term = normalize_text(text)
    if NUMBER_START.match(term):
        return _sorted_not_walked(order)
    if 1 <= len(term) <= 2 and _few_matches(model, term):
        return _sorted_not_walked(order)
    return order


# --- the window: a page among the first rows in the page's order (session 4) ---------------------

# SQLite's lists look for a common term's page among the first rows of the list's order
# (services.lists.listing, "The window"); PostgreSQL's do too, in its own way:
#
# * "rows", a common one- or two-character term (漏水, 3幢: 40,000-60,000 of 1,000,000): the
#   window is every row whose sort value is at or past the n-th row of the table in the page's
#   order, n being (offset + limit) x 3 / the term's share of the rows (ANALYZE's figures for
#   the pairs index), so that it holds about three pages' worth of matches; an index-only walk
#   of the sort column's index finds that boundary value. The page's query gets
#   ``col >= boundary`` and an order no index serves, and either ANDs the two indexes' bitmaps
#   (the window's date range and the pairs: "index"), or, for a term in more than
#   SCAN_SHARE of the rows (水: 18 %), reads the window's rows and tests each ("scan"): the
#   pairs index's bitmap costs as much as the term has matches in the whole table (漏水:
#   43,700, ~15 ms; 水: 180,000, ~50 ms), the test a few microseconds a row of the window
#   (漏水: ~7,000 rows, 水: ~1,700). Before, PostgreSQL walked the date index and read each
#   row it passed, with the pairs' test on the matches (漏水: 56-164 ms for the first page);
# * "number", the start of a number (TS-2021: 97,849 complaints) in the order of the date its
#   number index holds beside it (models.pg_search.NUMBER_DATES): the boundary comes from the
#   first NUMBER_WINDOW_PER_ROW x (offset + limit) of the number's own matches in the number's
#   order, read from that index alone (no row visited; see boundary_sql), and the page's query
#   finds the number's matches at or past it inside the same index (the date is its second
#   column), plus the other lines' matches there; before, all 97,849 were read and sorted.
#
# Every row outside the window comes after every row in it (its sort value is past the
# boundary), so when the window holds a full page that page is exactly the list's page,
# whatever the boundary; otherwise the usual query runs. The boundary is only a guess of
# where a page's worth of matches ends.
WINDOW_PAGES = 3  # pages' worth of matches a short term's window is made to hold
WINDOW_PER_ROW = 200  # window rows per row of the page when the term's share is not known (>= 1 %)
WINDOW_MAX = 200_000  # past that, the usual query (walking the index) is as cheap
SCAN_SHARE = 0.04  # a term in more rows than this is tested row by row in its window
NUMBER_WINDOW_PER_ROW = 2  # the number's own matches per row of the page (some are filtered out)


@dataclass(frozen=True)
class Window:
    """How a list's page is looked for in a window: ``kind`` "rows" or "number", ``per_row``
    rows (or the number's matches) in the window per row down to the page's end, ``mode``
    how the page's query finds them ("index" or "scan", see _MODE)."""

    kind: str
    per_row: int
    mode: str = "index"

    def size(self, rows: int) -> int | None:
        """The window of a page ending ``rows`` down the list (None: too big to be worth it)."""
        size = rows * self.per_row
        return size if size <= WINDOW_MAX else None


def _window_column_ok(model, column) -> bool:
    """A sort column whose values spread (a date, a number) and that has an index to walk:
    a window of a few values of a column like status would hold half the table."""
    from peewee import DateField, DateTimeField

    indexed = column.index or column.unique or any(  # (or first in one of the table's own)
        (getattr(index, "_expressions", None) or (None,))[0] is column for index in model._meta.indexes)
    return indexed and (isinstance(column, (DateTimeField, DateField)) or column is model.number)


def term_share(model, term: str) -> float | None:
    """The share of ``model``'s rows holding the one- or two-character ``term`` by ANALYZE's
    figures of the pairs index (its most common elements), or None when it is not among them
    (rarer than those, or no figures yet)."""
    from propdesk.models import database

    lower = term.lower()
    row = database.execute_sql(
        "SELECT (SELECT coalesce(sum(f), 0) FROM unnest(most_common_elems::text::text[], "
        "most_common_elem_freqs) AS e(g, f) WHERE g IN (%s, %s)) FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = %s",
        (lower, "#" + lower, f"{model._meta.table_name}_search_grams")).fetchone()
    return float(row[0]) if row and row[0] else None


def window_kind(model, term: str, column) -> Window | None:
    """How a page of ``term`` (normalized) sorted by ``column`` (a never-empty column of
    ``model``) is looked for in a window (see above), or None."""
    table = model._meta.table_name
    if len(term) <= 2:
        if not _window_column_ok(model, column):
            return None
        share = term_share(model, term)
        if share is None or share < 0.01:
            return None if _few_matches(model, term) else Window("rows", WINDOW_PER_ROW)
        return Window("rows", max(1, math.ceil(WINDOW_PAGES / share)),
                      "scan" if share >= SCAN_SHARE else "index")
    if NUMBER_START.match(term) and NUMBER_DATES.get(table) == column.column_name \
            and len(_number_patterns(term)) == 1:
        return Window("number", NUMBER_WINDOW_PER_ROW)
    return None


def _number_patterns(term: str) -> list[str]:
    """The LIKE patterns of a number start (see :func:`condition`)."""
    start = NUMBER_START.match(term)
    letters, rest = start.group(1).upper(), start.group(2)
    return [f"{p.upper()}-{rest}%" for p in NUMBER_PREFIXES if p.upper().endswith(letters)]


def boundary_sql(model, column, descending: bool, kind: str, size: int, term: str,
                 keyset: bool) -> tuple[str, list]:
    """SQL giving the window's boundary, NULL when the table has too few rows for it; with
    ``keyset``, counted from a row's value on (its parameter is left as None, to be filled).

    "rows": the ``size``-th value of ``column`` in the page's order (an index-only walk).
    "number": among the first ``size`` of the number's own matches in the number's order
    (walking the number-and-date index alone, from the newest number when the page is newest
    first), the date that three quarters of them reach: numbers are given in the order
    complaints are received, so those are about the newest matches; a number whose date was
    changed afterwards only makes the window wider or narrower, never the page different."""
    table, col = model._meta.table_name, column.column_name
    direction, reach = ("DESC", "<=") if descending else ("ASC", ">=")
    if kind == "rows":
        where = f" WHERE {col} {reach} %s" if keyset else ""
        return (f"SELECT {col} FROM {table}{where} ORDER BY {col} {direction} "
                f"LIMIT 1 OFFSET {int(size) - 1}", [None] if keyset else [])
    params: list = [_number_patterns(term)[0]]
    where = "upper(number) LIKE %s"
    if keyset:
        where += f" AND {col} {reach} %s"
        params.append(None)
    number_order = "~>~" if descending else "~<~"  # the order of the index's text_pattern_ops
    return (f"SELECT {col} FROM (SELECT {col} FROM {table} WHERE {where} "
            f"ORDER BY upper(number) USING {number_order} LIMIT {int(size)}) AS first_numbers "
            f"ORDER BY {col} {direction} LIMIT 1 OFFSET {int(size) * 3 // 4 - 1}", params)


def sorted_not_walked(order: Ordering) -> Ordering:
    return _sorted_not_walked(order)


def explain(model, query) -> str:
    """EXPLAIN of ``query`` (tests check that the plans use the indexes)."""
    from propdesk.models import database

    sql, params = query.sql()
    return "\n".join(row[0] for row in database.execute_sql("EXPLAIN " + sql, params).fetchall())

