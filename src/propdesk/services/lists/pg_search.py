"""The lists' quick search on PostgreSQL (issue 20): which index answers which term.

The indexes are made by ``models.db.create_pg_search`` (the ``search_text`` column and its
trigram index) and ``models.pg_search`` (character pairs, number prefixes, the callback's own
text); why each exists is written there. Here, for a normalized term:

* one or two characters: ``propdesk_grams(search_text, k) && ARRAY[t, '#t']`` (the pair or
  character on any line, a number line's stored with ``#``), checked by :func:`_contains`,
  which is cheap and comes first when PostgreSQL walks the date index for a common term;
* the start of a number (letters, a dash, digits: ``TS-2021``): the number lines' prefix
  indexes for each office prefix ending in those letters, OR the term's pairs on the other
  lines (``@>``), checked by :func:`_contains`; the page is sorted, not walked (page_order);
* anything else: ``search_text ILIKE '%term%'`` through the trigram index.

Every shape finds exactly the rows ``search_text ILIKE '%term%'`` finds (the same rows as the
SQLite indexes), only through an index.
"""
from __future__ import annotations

import re

from peewee import SQL, Cast, Expression, Ordering, TextField, Value, fn

from propdesk.models.pg_search import NUMBER_LINES
from propdesk.services.core import numbering

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


def _contains(model, term: str):
    """``strpos(lower(search_text), lower(term)) <> 0``: what ILIKE '%term%' finds (ILIKE folds
    case with lower() too), written so that PostgreSQL's planner neither answers it from the
    trigram index nor counts it as narrowing the rows (an opaque "<> 0" is taken as nearly always
    true): it only checks what the pairs index found, and is cheap when the planner walks the
    date index for a common term instead. Beside an ILIKE the planner multiplied the two
    estimates, expected 20 times too few matches, and sorted 40,000 of them for a page."""
    return fn.strpos(fn.lower(search_column(model)), fn.lower(term)) != 0


def condition(model, term: str):
    """Rows of ``model`` whose search text contains ``term`` (normalized, not empty)."""
    if len(term) <= 2:
        lower = term.lower()
        return Expression(_grams(model), "&&", _array([lower, "#" + lower])) & _contains(model, term)
    start = NUMBER_START.match(term)
    if not start:
        return search_column(model).contains(term)  # the trigram index
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


def explain(model, query) -> str:
    """EXPLAIN of ``query`` (tests check that the plans use the indexes)."""
    from propdesk.models import database

    sql, params = query.sql()
    return "\n".join(row[0] for row in database.execute_sql("EXPLAIN " + sql, params).fetchall())

