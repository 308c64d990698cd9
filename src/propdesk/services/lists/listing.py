"""The shape the three list searches share (complaints, work orders, callbacks).

Each list is a :class:`Listing`: its table, the columns a page shows, the joins a page needs,
the filter's SQL condition and the joins its count needs. What is the same for all three lives
here once:

- **Cached SQL.** The lists ask for the same page shapes again and again (every refresh, every
  scroll), so the SQL is built once per filter shape and kept; rows are read raw and only the
  columns that need it converted (dates, booleans, decimals): peewee's per-call building and
  per-cell conversion cost twice the query.
- **The clock.** A filter that depends on "now" (overdue, due today ...) carries it; when the
  caller left it empty it is taken from :func:`propdesk.models.tables.now` once, before the SQL
  is built, so a cached statement never holds a stale clock. Filters that do not depend on it
  drop it from the cache key.
- **Quick search.** :func:`text_condition` uses a table's FTS5 trigram index for three or more
  characters (any Chinese substring) and its bigram index for one or two (a trigram MATCH
  needs three, LIKE is a full scan, and LIKE against the FTS table silently finds nothing on
  SQLite 3.40); a short term with punctuation uses LIKE. On a database without FTS5
  (PostgreSQL) LIKE is used throughout.
- **The window** (SQLite). A common term (水 is in 18 % of a million complaints) has too many
  matches to collect before the page can be sorted: the first page is looked for among the
  first rows of the filter in the page's own order (:data:`WINDOW` rows), with the index's
  matches cut to the ids those rows hold (``rowid >= ?``, cheap in FTS5), or with LIKE for a
  one-character term (a prefix query merges every pair that starts with it, which the cut does
  not make cheaper). Every row outside the window comes after every row in it, so a full page
  found there is exactly the page; otherwise the usual query runs. The window is bounded by
  its last row's value, and in an order whose column holds a few values (``coarse``: the
  callbacks' status) by that row's value and id, or the bound takes in nearly every row.
- **Dated numbers** (SQLite, schema 12). A case number carries the day its case was received
  (models.db.MISDATED), so the first page of a number start (TS-2023: 98,567 complaints three
  years back) sorted by the received time is read from the number's index: the page's
  ``offset + limit``-th number in the page's direction gives a day D; only the numbers from D
  on (going down; up to D going up), the rows whose number and day differ (their own partial
  index) and the text's matches are candidates. Every other match was received before D (after
  D going up), so when the candidates' page is full and its last row is on the right side of
  D, it *is* the page; otherwise the window and the usual query follow.
- **Numbers by status** (SQLite, schema 19). The callback list sorted by status is in (status,
  id) order, and a number start (TS-2023) matches ~100,000 callbacks at a million, which the
  usual query collects and sorts (0.1-0.3 s). All but the odd callbacks (callback_odd) a number
  start matches were made from its first number's day to ODD_DAYS after its last one's, so
  their ids lie in the span models.db.CALLBACK_DAYS gives for those days. The page is taken
  status by status in the page's order: the callbacks of one status in that span are walked
  in their index's order (``callback_status`` holds the id), each one's numbers tested (its
  own, its case's by the case's key), until ``offset + limit`` are found; with the odd ones
  that match and the matches of the term's other parts (the case's other columns, incident
  calls: few, or this is not tried), every row of the page is among them, so the page is
  read from them alone (:meth:`Listing._numbers_by_status`).
- **Initials in order** (PostgreSQL, schema 14). A term that may be a name's initials (zw) on a
  list sorted by the received time: the page's ids are the text's own first matches in that
  order and, apart, the first names with those initials in the order their side table's index
  carries (models.name_index.ORDER_COLUMNS), each looked up in the table only until the page is
  full; then the page among those. Every row of the page is among the first ``offset + limit``
  of one of the two, so it is exactly the page. Before, every name's id was looked up in the
  table's key (``id = ANY(ARRAY(...))``: one btree descent per id, 45 ms of zw's 64 ms page at a
  million). The callback list the same way by due date (schema 16: ``callback_initials``, a row
  per callback and case, so its names are taken once each). A count of such a term with no
  other filter than the state takes the names' ids from the side table's index alone
  (:meth:`Listing._pg_count_by_index`).
"""
from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import functools
import re
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable

from peewee import (SQL, Alias, BooleanField, DateField, DateTimeField, DecimalField, Expression, Field,
                    ModelSelect, NodeList, Table, Value, fn)

from propdesk.models import database, is_sqlite
from propdesk.models.db import (CALLBACK_DAYS, FTS_TABLES, INDEX_KINDS, MISDATED, NUMBER_DATED, ODD_DAYS,
                                index_columns, index_kinds, misdated_index)
from propdesk.services.core import accounts
from propdesk.services.lists.query_parts import forget_counts, sort_key, sorted_by
from propdesk.services.register.owners import normalize_text, phone_search_digits


CALLBACK_SIDE_OF = "callback"  # the list whose side table has a row per case (models.name_index.CALLBACK_CASES)


def _engine() -> type:
    """Part of every cached statement's key: SQLite's and PostgreSQL's SQL differ."""
    return type(database.obj)


# --- quick search -------------------------------------------------------------------------------

def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


MANY = 2000  # matches beyond which walking the date index beats sorting the matches
WINDOW = 20_000  # rows of the filter a common term's page is looked for in first
LIKE_WINDOW = 4_000  # the same for a one-character term, tested by LIKE (~2-5 us a row)


# Set while a windowed page's SQL is built (Listing._build_window_page_sql): the index's matches
# are cut to the window's ids, and a one-character term is tested with LIKE.
_IN_WINDOW: contextvars.ContextVar[bool] = contextvars.ContextVar("search_window", default=False)

# Set while the text's own part of a page of initials is built ("Initials in order"): the
# initials are asked apart.
_NO_INITIALS: contextvars.ContextVar[bool] = contextvars.ContextVar("search_no_initials", default=False)


# Set while a dated page's SQL is built (Listing._build_dated_page_sql): a number start's rows
# are the numbers between two bounds filled in when it runs, and those whose day differs
# ("received": a case list, models.db.MISDATED) or that have early callbacks ("due": the
# callback list, models.db.EARLY).
_DATED: contextvars.ContextVar[str] = contextvars.ContextVar("search_dated", default="")


# The callbacks a dated page of the callback list adds to its range's, by its mode: those due
# before their numbers' days (the due date going up), or the odd ones (the other orders).
_SIDE = {"due": "callback_early", "odd": "callback_odd"}


def in_dated() -> bool:
    """A dated page's SQL is being built (see "Dated numbers" above)."""
    return bool(_DATED.get())


# Set while a count's SQL is built (Listing._build_count_sql): a count reads every match, so
# nothing is walked in the page's order.
_COUNTING: contextvars.ContextVar[bool] = contextvars.ContextVar("search_counting", default=False)


def counting() -> bool:
    """A count's SQL is being built (walking a sorted index would only read more rows)."""
    return _COUNTING.get()


def in_window() -> bool:
    """A windowed page's SQL is being built (see "The window" above)."""
    return _IN_WINDOW.get()


class Bound:
    """A parameter filled in when a windowed page runs: the least (``"min"``) or greatest
    (``"max"``) id of ``table`` among the window's rows; for ``"@order"`` the last value of the
    sort column in the window."""

    __slots__ = ("table", "end")

    def __init__(self, table: str, end: str = "min"):
        self.table, self.end = table, end

    @property
    def key(self) -> str:
        return f"{self.table}.{self.end}"

    def __repr__(self) -> str:
        return f"Bound({self.key!r})"


# While a page's SQL is built (Listing._page_sql_of): the columns walk_in was used for, i.e.
# the page walks its order's index rather than sorting the term's matches
_WALKS: contextvars.ContextVar[list | None] = contextvars.ContextVar("walks", default=None)


def walk_in(column, subquery):
    """``+column IN (subquery)``: SQLite tests each row it walks against the (small) set instead
    of looking every member up through ``column``'s index and sorting them (SQLite only)."""
    noted = _WALKS.get()
    if noted is not None:
        noted.append(column)
    return NodeList((SQL("+"), column), glue="").in_(subquery)


def prefix_term(term: str) -> bool:
    """A one-character term: a prefix query of the bigram index (see :func:`_index_query`)."""
    return len(term) == 1


def short_term(term: str) -> bool:
    """A one- or two-character term the bigram index answers: letters, digits or CJK only (the
    index's tokenizer splits at anything else, so such a term falls back to LIKE)."""
    return 1 <= len(term) <= 2 and all(c.isalnum() for c in term)


def uses_index(term: str) -> bool:
    """The term is answered by a search index (else by LIKE): the trigram index for three or
    more characters, the bigram index for one or two (SQLite; see models.db.create_fts)."""
    return is_sqlite() and (len(term) >= 3 or short_term(term))


def _index_query(table: str, term: str) -> tuple[str, str]:
    """(FTS5 table, MATCH expression) for ``term``: a trigram phrase, or in the bigram index
    the pair as one token or a single character as a prefix."""
    if len(term) >= 3:
        return f"{table}_fts", _fts_phrase(term)
    return f"{table}_fts_bi", _fts_phrase(term) + ("*" if len(term) == 1 else "")


# The start of a case number: two or more letters, "-", digits (TS-2023, PG-20261126-0, HF-202306).
_NUMBER_START = re.compile(r"[A-Za-z]{2,}-[0-9]+(?:-[0-9]*)?")


def number_range(term: str) -> tuple[str, str] | None:
    """``(low, high)`` when ``term`` is the start of a case number, else None (SQLite only).

    Numbers are ``PREFIX-YYYYMMDD-NNN`` with a two-letter prefix (services.core.numbering, the
    only place numbers are made), so such a term can stand in a number only at its start:
    ``number LIKE '%term%'`` is exactly ``number >= low AND number < high`` (numbers are upper
    case; LIKE ignores ASCII case), which the number's unique index seeks. The trigram index
    would merge trigrams held by every number (TS-, -20, 202 ...): 0.2-0.6 s at a million."""
    if not is_sqlite() or not _NUMBER_START.fullmatch(term):
        return None
    low = term.upper()
    return low, low[:-1] + chr(ord(low[-1]) + 1)


# What a piece of a case number may hold: letters, digits and "-" (numbers are upper case; the
# trigram index and LIKE ignore ASCII case).
_IN_NUMBER = re.compile(r"[A-Za-z0-9-]+")


def _match_parts(table: str, term: str, columns: tuple[str, ...] = ()) -> list[tuple[str, list]]:
    """The sets of ids whose union is :func:`fts_matches`, as ``(SQL, params)``: each an index
    look-up (cut to the window's ids in a window). A phone written with separators is looked
    for as its digits too (owners.phone_search_digits)."""
    digits = phone_search_digits(term)
    return _term_parts(table, term, columns) + (_term_parts(table, digits, columns) if digits else [])


def _term_parts(table: str, term: str, columns: tuple[str, ...]) -> list[tuple[str, list]]:
    wanted = list(columns or FTS_TABLES[table])
    fts, phrase = _index_query(table, term)
    window = _IN_WINDOW.get()
    cut = [Bound(table, "min"), Bound(table, "max")] if window else []
    between = " AND {} BETWEEN ? AND ?" if window else ""

    def match(index: str, names: list[str], held: list[str]) -> tuple[str, list]:
        query = phrase if names == held else "{" + " ".join(names) + "} : " + phrase
        return f"SELECT rowid AS id FROM {index} WHERE {index} MATCH ?" + between.format("rowid"), [query] + cut

    if len(term) < 3:  # the bigram index holds every column, the number too
        return [match(fts, wanted, index_columns(table, "bigram"))]
    numbers = number_range(term)
    apart = "number" in index_kinds(table)  # schema 9: the trigram index leaves the number out
    parts = []
    if "number" in wanted and (apart or numbers):
        if numbers and _DATED.get() == "status":
            pass  # (walked row by row apart: "Numbers by status")
        elif numbers and _DATED.get():  # the candidates of a dated page (see "Dated numbers")
            bounds = [Bound(f"@dated:{table}", "low"), Bound(f"@dated:{table}", "high")]
            if _DATED.get() == "received":
                odd = (f"SELECT id FROM {table} INDEXED BY {misdated_index(table)} "
                       f"WHERE number >= ? AND number < ? AND {MISDATED}")
            elif table == "callback":  # the callbacks in the range due before its day (CROSS
                # JOIN: from the few early ones, never from the range); "odd": those listed in
                # callback_odd (models.db.ODD), for the other orders
                odd = (f"SELECT b.id FROM {_SIDE[_DATED.get()]} e CROSS JOIN callback b ON b.id = e.id "
                       "WHERE b.number >= ? AND b.number < ?")
            else:  # the cases in the range with a callback due before its day (or odd)
                odd = (f"SELECT x.id FROM {_SIDE[_DATED.get()]} e CROSS JOIN callback b ON b.id = e.id "
                       f"CROSS JOIN {table} x ON x.id = b.{table}_id WHERE x.number >= ? AND x.number < ?")
            parts.append((f"SELECT id FROM {table} WHERE number >= ? AND number < ? UNION ALL {odd}",
                          [*bounds, *numbers]))
        elif numbers:  # (a callback window's ids span the whole table: the number index's entries
            # are tested against the cut, not looked up by id)
            parts.append((f"SELECT id FROM {table} WHERE number >= ? AND number < ?" + between.format("id"),
                          list(numbers) + cut))
        elif _IN_NUMBER.fullmatch(term):  # any other piece of a number: the number's own index
            parts.append(match(f"{table}{INDEX_KINDS['number']}", ["number"], ["number"]))
    text = [c for c in wanted if c != "number" or not (apart or numbers)]
    if text:
        parts.append(match(fts, text, index_columns(table, "trigram")))
    return parts


def _some(parts: list[tuple[str, list]], most: int) -> int:
    """How many ids the parts hold together, counting at most ``most`` (each part read up to
    what is still wanted; an id in two parts counts twice)."""
    found = 0
    for sql, params in parts:
        found += database.execute_sql(f"SELECT count(*) FROM ({sql} LIMIT {most - found})", params).fetchone()[0]
        if found >= most:
            break
    return found


# A number that says its day: two letters, "-", eight digits (TS-20230620-016; models.db.MISDATED).
_DAY_NUMBER = re.compile(r"[A-Za-z]{2}-[0-9]{8}")


def fts_matches(table: str, term: str, columns: tuple[str, ...] = ()):
    """``(SELECT rowid FROM <index> WHERE ... MATCH term)``, over ``columns`` only if given.
    ``term`` must be normalized and answered by an index (:func:`uses_index`).

    A term of three or more characters looks for the case number apart from the text (schema 9,
    models.db.INDEX_KINDS): the start of a number (:func:`number_range`) through the number's
    own btree index, any other piece of one (0620-016) through the number's trigram index, and
    a term that cannot be in a number (漏水管) not in the numbers at all; UNION the trigram index
    over the other columns (a number quoted in a description is found there)."""
    parts = _match_parts(table, term, columns)
    if not parts:  # (a callback's number only, and the term cannot be in a number)
        return SQL("(SELECT NULL WHERE 0)")
    return SQL("(" + " UNION ".join(sql for sql, _ in parts) + ")",
               [param for _, params in parts for param in params])


def search_column(model):
    """PostgreSQL: the row's ``search_text`` (every searched text, kept by a trigger with a
    pg_trgm index: models.db.create_pg_search). Not a model field, so SQLite has no such column."""
    from propdesk.services.lists import pg_search

    return pg_search.search_column(model)


def has_search_column(model) -> bool:
    return not is_sqlite() and model._meta.table_name in FTS_TABLES


def text_condition(model, term: str, like_fields: list):
    """Rows of ``model`` containing ``term``: its search indexes (trigram for 3+ characters,
    bigram for 1-2), else LIKE over ``like_fields`` (a short term with punctuation; they must
    be the columns the indexes hold, FTS_TABLES, as a windowed page tests one character by LIKE);
    and for a term of letters, the rows whose name has those initials (:func:`initials_matches`).
    PostgreSQL: the row's search column, through the index each kind of term needs
    (services.lists.pg_search)."""
    term = normalize_text(term)
    if not term:
        return None
    if has_search_column(model):
        from propdesk.services.lists import pg_search

        return or_initials(pg_search.condition(model, term), model.id, model._meta.table_name, term)
    return or_initials(_text_only(model, term, like_fields), model.id, model._meta.table_name, term)


def or_initials(condition, column, table: str, term: str, walk: bool = False, few: bool = False):
    """``condition``, or ``column`` (the table's id, or a callback's case) is a row of ``table``
    whose name's initials start with ``term`` (:func:`initials_matches`); ``condition`` alone
    when the term cannot be initials. ``walk``: tested on each row the page walks (as in a
    window); ``few``: each of a few rows looks its own initials up (SQLite), rather than the
    statement collecting every name with those initials first (zw: 6,900 at a million)."""
    names = initials_matches(table, term)
    if names is None or _NO_INITIALS.get():
        return condition
    if not is_sqlite():  # an index condition PostgreSQL can OR with the search indexes' (BitmapOr)
        return condition | Expression(column, "=", fn.ANY(names))
    if few:
        from propdesk.models.name_index import initials_range

        own = SQL(f"EXISTS (SELECT 1 FROM {table}_initials WHERE initials >= ? AND initials < ? AND id = ",
                  list(initials_range(term)))
        return condition | NodeList((own, column, SQL(")")), glue="")
    return condition | (walk_in(column, names) if walk or _IN_WINDOW.get() else column.in_(names))


def _text_only(model, term: str, like_fields: list):
    if uses_index(term):
        table = model._meta.table_name
        if _IN_WINDOW.get():
            if prefix_term(term):
                return any_contains(like_fields, term)
            return walk_in(model.id, fts_matches(table, term))
        matches = fts_matches(table, term)
        if _DATED.get():  # a few hundred candidates: looked up and sorted
            return model.id.in_(matches)
        if many_matches(table, term):
            # A common term: "+id" keeps SQLite from looking every match up by id and sorting
            # them all; it walks the date index instead and stops at the first page.
            return walk_in(model.id, matches)
        return model.id.in_(matches)
    return contains_term(like_fields, term)


def many_names(table: str, term: str) -> bool:
    """More than MANY rows of ``table`` have names whose initials start with ``term``."""
    names = initials_matches(table, term)
    return names is not None and _many_rows(names)


def many_matches(table: str, term: str, columns: tuple[str, ...] = ()) -> bool:
    """More than MANY rows of ``table`` match ``term`` in its search indexes (each index part of
    :func:`fts_matches` read up to MANY + 1 ids: a UNION would collect every match first), over
    ``columns`` only if given."""
    return _some(_match_parts(table, term, columns), MANY + 1) > MANY


def _many_rows(subquery) -> bool:
    """More than MANY rows in ``subquery`` (an SQL node in parentheses)."""
    sql, params = database.get_sql_context().sql(subquery).query()
    cursor = database.execute_sql(f"SELECT count(*) FROM ({sql[1:-1]} LIMIT {MANY + 1})", params)
    return cursor.fetchone()[0] > MANY


def initials_matches(table: str, term: str):
    """``(SELECT id FROM {table}_initials ...)``: the rows whose name's initials start with
    ``term`` (zw: 张伟, 周文明; models.name_index), or None when the term cannot be initials or
    the table has no such index. PostgreSQL: ``ARRAY(SELECT id ...)``, for ``= ANY``."""
    from propdesk.models.name_index import NAME_COLUMNS, initials_range, initials_term

    if table not in NAME_COLUMNS or not initials_term(term):
        return None
    low, high = initials_range(term)
    if not is_sqlite():
        return SQL(f"ARRAY(SELECT id FROM {table}_initials WHERE initials >= %s AND initials < %s)", [low, high])
    return SQL(f"(SELECT id FROM {table}_initials WHERE initials >= ? AND initials < ?)", [low, high])


def any_contains(fields: list, term: str):
    """``term`` in any of ``fields`` (LIKE)."""
    condition = fields[0].contains(term)
    for f in fields[1:]:
        condition |= f.contains(term)
    return condition


def contains_term(fields: list, term: str):
    """What the search indexes find for ``term``, by LIKE over ``fields`` (their phones as
    models.db.phone_text gives them): ``term``, or a phone written with separators' digits."""
    digits = phone_search_digits(term)
    condition = any_contains(fields, term)
    return condition | any_contains(fields, digits) if digits else condition


def address_units(text: str) -> list[int] | None:
    """When the search text reads as an address (5-2-802, 翠湖苑5幢2单元802, 3号楼1201 …): the
    ids of every unit it may mean (several estates: all of them, the list shows each estate);
    None when it is not an address or means no unit (20-003 may be the end of a case number).
    The lists search these units *and* the text as typed."""
    from propdesk.services.register import address

    term = normalize_text(text)
    if not term or address.parse_address(term, address.estate_names()) is None:
        return None
    return [c.id for c in address.candidates(term)] or None


def needs_unit_join(text: str) -> bool:
    """LIKE search also looks at the unit label (the trigram index and PostgreSQL's search
    column hold it already)."""
    return bool(text) and is_sqlite() and not uses_index(normalize_text(text))


def _literal(number: int):
    """LIMIT and OFFSET written into a page's SQL on PostgreSQL (not passed as values): the
    SQL is cached per offset and limit anyway, and a prepared statement's generic plan
    (models.prepared) then knows how many rows the page needs."""
    return number if is_sqlite() else SQL(str(int(number)))


def _run(sql: str, params, prepare: bool = False):
    """A list's statement. ``prepare``: one whose best plan is the same whatever its values (the
    list as it opens and as it is scrolled, a common term's first rows, a window's boundary),
    prepared once per connection on PostgreSQL (models.prepared), where the server soon keeps
    one generic plan for it. Not the others: a term's count or sorted page, or a filtered page,
    is planned for its values each time (a generic plan is made for none of them: a work
    order count of 张伟, 178 matches, took 6 ms with the plan kept after 漏水's 17,871, 0.3 ms
    planned for itself). SQLite caches its statements itself."""
    if not prepare:
        return database.execute_sql(sql, params)
    from propdesk.models import prepared

    return prepared.execute(database.obj, sql, params)


# --- reading raw rows ---------------------------------------------------------------------------

def _as_datetime(value):
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _as_date(value):
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value.date() if isinstance(value, dt.datetime) else value


def _as_bool(value):
    return value if value is None else bool(value)


def _as_decimal(value):
    return value if value is None or isinstance(value, decimal.Decimal) else decimal.Decimal(str(value))


def _converter(node) -> Callable[[Any], Any] | None:
    """How a raw value of ``node`` (a field, or an alias of one) becomes what peewee returns."""
    target = node.node if isinstance(node, Alias) else node
    if not isinstance(target, Field):
        return None
    if isinstance(target, DateTimeField):
        return _as_datetime
    if isinstance(target, DateField):
        return _as_date
    if isinstance(target, BooleanField):
        return _as_bool
    if isinstance(target, DecimalField):
        return _as_decimal
    return None


class _KeyPart:
    """A parameter of a keyset page's cached SQL, filled in with the row's values."""


_KEY_VALUE, _KEY_ID, _BOUND = _KeyPart(), _KeyPart(), _KeyPart()  # _BOUND: a window's boundary


def _filled(params, key: tuple | None = None, bounds: dict | None = None, boundary=None) -> list:
    """A page's parameters with its placeholders filled in: ``key`` (value, id) of the row a
    keyset page continues from, ``bounds`` the window's or dated page's :class:`Bound` values,
    ``boundary`` PostgreSQL's window boundary."""
    return [bounds[p.key] if isinstance(p, Bound) else key[0] if p is _KEY_VALUE
            else key[1] if p is _KEY_ID else boundary if p is _BOUND else p for p in params]


def row_name(node) -> str:
    """The key of a row as peewee would name it (related_to, not the column related_to_id)."""
    return node._alias if isinstance(node, Alias) else node.name


_EIGHT_DIGITS = re.compile(r"[0-9]{8}")


def _day_at_least(digits: str) -> dt.date | None:
    """A day on or after every real day whose eight digits (YYYYMMDD) are not greater than
    ``digits`` (themselves a day or not: 20261131, 20261300), or None (year 0)."""
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    if not 1 <= year < 9999:
        return None
    if month == 0:
        return dt.date(year, 1, 1)
    if month > 12:
        return dt.date(year + 1, 1, 1)
    return dt.date(year, month, 1) + dt.timedelta(days=day)


# --- one list -------------------------------------------------------------------------------------

@dataclass(eq=False)
class Listing:
    """One list's search: what differs between the lists, as parameters.

    ``joined(fields)`` selects ``fields`` with the joins a page needs; ``where(f)`` is the
    filter's condition; ``clock(f)`` returns the filter as a cache key: with its clock filled in
    when the condition depends on it, without it otherwise; ``count_joins(query, f)`` adds to
    ``SELECT count(id) FROM table`` the joins the condition needs (None: a page's joins)."""

    model: Any
    row_fields: tuple
    columns: dict
    default_order: str
    joined: Callable[..., ModelSelect]
    where: Callable[[Any], Any]
    clock: Callable[[Any], Any]
    count_joins: Callable[[ModelSelect, Any], ModelSelect] | None = None
    # the row's unit label gets its estate in front when the office has several (the rows hold
    # the unit's building id under this name)
    unit_building: str | None = None
    # the orders an index serves (newest first walks it and stops at the page's end); sorting
    # by any other column sorts every row of the filter: 0.2-1 s at a million, so the lists
    # offer only these (None: every column)
    sortable: tuple[str, ...] | None = None
    # the search indexes a text condition may use -> the column of a listed row holding that
    # index's rowid (the window cuts each index's matches to the ids of its rows); None: the
    # list never looks for its page in a window
    window_keys: dict[str, Any] | None = None
    # the count of a search with no other filter than the row's state, from the indexes alone
    # (:meth:`count`): ``by_state(f)`` gives None when the filter has other conditions, else
    # ``(sql, params, keep)``: the ids of the rows the filter keeps (keep True) or leaves out
    # (False; complaints by default: the voided ones) from the state's own index, or
    # ``("", [], False)`` when it takes every row
    by_state: Callable[[Any], tuple[str, list, bool] | None] | None = None
    window_size: int = 0  # rows in the window (0: WINDOW)
    like_window_size: int = 0  # the same for a one-character term, tested by LIKE (0: LIKE_WINDOW)
    # the order (a key of ``columns``) whose day the case number carries (see "Dated numbers");
    # None: the list's numbers are not dated
    number_day: str | None = None
    # the callback list: the tables whose numbers its text searches -> the columns searched
    # there; its default order (the due date) comes on or after their numbers' days
    dated_due: dict[str, tuple[str, ...]] | None = None
    # ``few(f)``: the rows the filter keeps without its text are few (SQLite: the callbacks still
    # due), so its page reads them through their own index and tests each one's text (LIKE on
    # the joined row), which ``where`` then says; None: never
    few: Callable[[Any], bool] | None = None
    # the callback list: the order (a key of ``columns``) by the row's own number, and the start
    # its numbers have (HF-): a number start's first page in that order, or by the default order
    # going down, is dated too (models.db.ODD)
    own_number: str | None = None
    own_prefix: str = ""
    # ``ids_first(f, order)``: the page's ids are sorted apart, from the table alone (with the
    # joins its count needs), and only the page's rows are read with every join (SQLite): for
    # a page that must sort many matches anyway (a number start by the callback's status)
    ids_first: Callable[[Any, str], bool] | None = None
    # orders whose column (of the table's own, NOT NULL) holds a few values (the callbacks'
    # status: three): a window in such an order is bounded by its last row, value and id
    # (_coarse_window_page_sql), since its last value alone takes in nearly every row
    coarse: tuple = ()
    names: list[str] = field(init=False)
    converters: list[tuple[str, Callable]] = field(init=False)

    def __post_init__(self) -> None:
        self.names = [row_name(node) for node in self.row_fields]
        self.converters = [(name, conv) for name, conv in
                           ((row_name(n), _converter(n)) for n in self.row_fields) if conv]
        self._page_sql = functools.lru_cache(maxsize=256)(self._build_page_sql)
        self._pg_names_count_sql = functools.lru_cache(maxsize=64)(self._build_pg_names_count_sql)
        self._count_sql = functools.lru_cache(maxsize=256)(self._build_count_sql)
        self._window_sql = functools.lru_cache(maxsize=64)(self._build_window_sql)
        self._window_page_sql = functools.lru_cache(maxsize=256)(self._build_window_page_sql)
        self._dated_page_sql = functools.lru_cache(maxsize=64)(self._build_dated_page_sql)
        self._pg_window_kind = functools.lru_cache(maxsize=256)(self._find_pg_window_kind)
        self._window_terms = functools.lru_cache(maxsize=256)(self._find_window_term)

    def page(self, f, order: str | None = None, descending: bool = True,
             offset: int = 0, limit: int = 100, after: dict | None = None,
             before: dict | None = None, *, reader) -> list[dict]:
        """One page of list rows: one query, no query per row (a common search term: two or
        three, see "The window" above). ``reader``: who reads (records.read, checked here for
        every list: accounts.require_reader).

        Keyset paging: ``after`` (a row of an earlier page) gives the ``limit`` rows that follow
        it in this order, ``before`` the ``limit`` rows just above it (in the list's order);
        the index seeks to the row, so a page deep down the list costs what the first does
        (OFFSET reads every row it skips). Only for an order by a column of the list's own
        table that is never empty (:meth:`pages_by_key`)."""
        accounts.require_reader(reader, self.model._meta.table_name)
        f, order = self.clock(f), order or self.default_order
        if after is not None or before is not None:
            return self._rows(self._keyset(f, order, descending, limit, after, before))
        values = None
        if not self.is_few(f):  # (a few rows: the usual query reads them and tests each)
            values = self._dated(f, order, descending, offset, limit)
            if values is None:
                values = self._dated_callbacks(f, order, descending, offset, limit)
            if values is None:
                values = self._numbers_by_status(f, order, descending, offset, limit)
            if values is None:
                values = self._windowed(f, order, descending, offset, limit)
        if values is None:
            sql, params = self._page_sql(f, order, descending, offset, limit, _engine())
            values = _run(sql, params, self.as_opened(f)).fetchall()
        return self._rows(values)

    def is_few(self, f) -> bool:
        """The filter's own rows are few (``few``): no window and no dated page is tried."""
        return self.few is not None and self.few(f)

    def as_opened(self, f) -> bool:
        """``f`` is the list's own filter (nothing chosen, nothing typed): its page's plan is the
        same whatever the values (where the page starts), see :func:`_run`."""
        return self.clock(f) == self.clock(type(f)())

    def pages_by_key(self, order: str | None) -> bool:
        """Whether :meth:`page` can continue from a row in this order (``after``/``before``)."""
        column = self.columns.get(order or self.default_order)
        return column is not None and column.model is self.model and not column.null

    def _keyset(self, f, order: str, descending: bool, limit: int, after: dict | None,
                before: dict | None) -> list:
        if not self.pages_by_key(order):
            raise ValueError(f"no keyset paging by {order}")
        row = after if after is not None else before
        column = self.columns[order]
        name = next(row_name(n) for n in self.row_fields
                    if (n.node if isinstance(n, Alias) else n) is column)
        # "before" walks the other way from the row, nearest first, and is turned round
        forward = after is not None
        direction = descending if forward else not descending
        value = column.db_value(row[name])
        values = None
        if not self.is_few(f):
            values = self._dated(f, order, direction, 0, limit, (value, row["id"]))
            if values is None:
                values = self._numbers_by_status(f, order, direction, 0, limit, (value, row["id"]))
            if values is None:
                values = self._windowed(f, order, direction, 0, limit, (value, row["id"]))
        if values is None:
            sql, params = self._page_sql(f, order, direction, 0, limit, _engine(), True)
            params = _filled(params, (value, row["id"]))
            values = _run(sql, params, self.as_opened(f)).fetchall()
        return values if forward else values[::-1]

    def selected(self) -> tuple:
        """What a page selects: the row's fields, and on PostgreSQL the estate of the row's unit
        (address.estate_name_sql) where the list shows one, so that a page is one round trip
        (SQLite asks address.with_estates afterwards, in the same process)."""
        if not self.unit_building or is_sqlite():
            return self.row_fields
        from propdesk.services.register.address import estate_name_sql

        building = next(n.node for n in self.row_fields
                        if isinstance(n, Alias) and n._alias == self.unit_building)
        return self.row_fields + (estate_name_sql(building).alias("unit_estate"),)

    def _rows(self, values: list) -> list[dict]:
        names, converters = self.names, self.converters
        width = len(names)
        rows = [dict(zip(names, v)) for v in values]
        for row in rows:
            for key, convert in converters:
                row[key] = convert(row[key])
        if self.unit_building and values and len(values[0]) > width:  # the estate came along
            for row, value in zip(rows, values):
                if value[width] and row.get("unit") and row.get(self.unit_building):
                    row["unit"] = f"{value[width]} {row['unit']}"
        elif self.unit_building:
            from propdesk.services.register.address import with_estates

            with_estates(rows, "unit", self.unit_building)
        return rows

    def count(self, f, *, reader) -> int:
        accounts.require_reader(reader, self.model._meta.table_name)
        found = self._count_by_index(f)
        if found is not None:
            return found
        sql, params = self._count_sql(self.clock(f), _engine())
        return _run(sql, params).fetchone()[0]

    def _count_by_index(self, f) -> int | None:
        """A search with no other filter than the state counted from its id sets alone
        (SQLite): the index matches (and the initials), cut to the state's ids, without
        looking each match up in the table (a million-row table: 0.2-0.4 s for 40,000-100,000
        matches, and the index alone a tenth of it). None: the usual count.
        PostgreSQL: :meth:`_pg_count_by_index`."""
        if not is_sqlite():
            return self._pg_count_by_index(f)
        state = self.by_state(f) if self.by_state is not None else None
        if state is None:
            return None
        table = self.model._meta.table_name
        term = normalize_text(getattr(f, "text", "") or "")
        if not term or not uses_index(term) or address_units(term) is not None:
            return None
        parts = _match_parts(table, term)
        names = initials_matches(table, term)
        if names is not None:
            sql, params = database.get_sql_context().sql(names).query()
            parts.append((sql[1:-1], list(params)))
        if not parts:
            return 0
        sets = " UNION ".join(sql for sql, _ in parts)
        params = [p for _, ps in parts for p in ps]
        rows, state_params, keep = state
        where = f" WHERE m.id {'IN' if keep else 'NOT IN'} ({rows})" if rows else ""
        return database.execute_sql(f"SELECT count(*) FROM ({sets}) AS m{where}",
                                    params + list(state_params)).fetchone()[0]

    def _pg_count_by_index(self, f) -> int | None:
        """PostgreSQL: the count of a term that may be initials (zw) with no other filter than
        the row's state (``by_state``): the text's own matches (few: through the search
        indexes) and, apart, the ids of the names with those initials read from the side
        table's index alone (models.name_index: an Index Only Scan, no row of the table
        visited), each counted once, kept to the state's rows. Before, every name's row was
        looked up in the table's key and read (zw: 6,876 descents and pages, ~100 ms at a
        million). None: the usual count (also for a term whose text has many matches: their
        ids would all be collected to be counted once, where the usual count only reads them)."""
        from propdesk.models.name_index import ORDER_COLUMNS, initials_range, initials_term
        from propdesk.services.lists import pg_search

        table = self.model._meta.table_name
        term = normalize_text(getattr(f, "text", "") or "")
        if table not in ORDER_COLUMNS or not initials_term(term) or self.by_state is None:
            return None
        state = self.by_state(f)
        if state is None or (len(term) <= 2 and not pg_search.few_matches(self.model, term)):
            return None
        sql, params = self._pg_names_count_sql(self.clock(f), _engine())
        rows, state_params, keep = state
        if rows:  # the state's rows from its own index (a semi- or anti-join)
            sql += (f" WHERE {'' if keep else 'NOT '}EXISTS (SELECT 1 FROM ({rows.replace('?', '%s')}) AS s "
                    f"WHERE s.id = m.id)")
        return database.execute_sql(sql, list(params) + list(initials_range(term)) + list(state_params)
                                    ).fetchone()[0]

    def _build_pg_names_count_sql(self, f, engine=None) -> tuple[str, list]:
        """``SELECT count(*) FROM (text's ids UNION names' ids) AS m`` for :meth:`_pg_count_by_index`
        (the initials' range its last two parameters; cached per filter, as the count's SQL)."""
        from propdesk.services.lists import pg_search

        token, counting_token = _NO_INITIALS.set(True), _COUNTING.set(True)
        try:
            with pg_search.through_the_index():
                where = self.where(f)
        finally:
            _NO_INITIALS.reset(token)
            _COUNTING.reset(counting_token)
        ids = self.model.select(self.model.id)
        query = self.count_joins(ids, f) if self.count_joins is not None else self.joined((self.model.id,))
        sql, params = query.where(where).sql()
        return (f"SELECT count(*) FROM ({sql} UNION SELECT id FROM {self.model._meta.table_name}_initials "
                f"WHERE initials >= %s AND initials < %s) AS m", params)

    def _window_term(self, f, order: str) -> str | None:
        """The search term when this page may be looked for in a window, else None."""
        if not self.window_keys or not is_sqlite():
            return None
        term = normalize_text(getattr(f, "text", "") or "")
        return self._window_terms(term, order, _engine()) if term else None

    def _find_window_term(self, term: str, order: str, engine=None) -> str | None:
        # Decided once per term and order, like the plan of the SQL built for it (its index
        # probes read every match of an address such as 3幢1单元1101 in the trigram index,
        # 10-15 ms at a million, on every page and every scrolled page)
        column = self.columns.get(order)
        if not term or not uses_index(term) or column is None or column.model is not self.model \
                or column.null:
            return None
        if not prefix_term(term) and not any(many_matches(table, term) or many_names(table, term)
                                             for table in self.window_keys):
            return None  # a rare term: its matches are few, the usual query is quick
        return term

    def _windowed(self, f, order: str, descending: bool, offset: int, limit: int,
                  key: tuple | None = None) -> list | None:
        """The page's raw rows found in the window, or None (not tried, or not found there).
        ``key``: (value, id) of the row a keyset page continues from; the window is then the
        rows that follow it (a page scrolled down a common term: each would otherwise collect
        every match again, 50-90 ms at a million, callbacks 0.4-1.6 s)."""
        if not is_sqlite():
            return self._pg_windowed(f, order, descending, offset, limit, key)
        if self.ids_first is not None and self.ids_first(f, order):
            # (a column of three values: the window's last value takes in nearly every row, and
            # its walk read every callback made after the range's before the first match:
            # TS-2023 by status going down, 1.5 s at a million; scrolled pages 0.1-0.6 s, sorted
            # ids 0.05-0.3 s)
            return None
        term = self._window_term(f, order)
        if term is None:
            return None
        size = ((self.like_window_size or LIKE_WINDOW) if prefix_term(term)
                else (self.window_size or WINDOW))
        if offset + limit > size // 2:  # a page scrolled that far is seldom in the window
            return None
        keyset = key is not None
        sql, params = self._window_sql(order, descending, size, _engine(), keyset)
        found = database.execute_sql(sql, _filled(params, key)).fetchone()
        if found is None or found[0] is None:
            return None  # fewer rows than a window: the usual query is quick
        names = ["@order.min"] + [f"{t}.{end}" for t in self.window_keys for end in ("min", "max")]
        names += ["@order.id"] if order in self.coarse else []
        bounds = dict(zip(names, found))
        sql, params = self._window_page_sql(f, order, descending, offset, limit, _engine(), keyset)
        params = _filled(params, key, bounds)
        rows = database.execute_sql(sql, params).fetchall()
        return rows if len(rows) == limit else None

    def _dated(self, f, order: str, descending: bool, offset: int, limit: int,
               key: tuple | None = None) -> list | None:
        """The page's raw rows read through the number's index when the term is the start of
        a number and the page is sorted by the day the number carries (see "Dated numbers"),
        or None (not tried, or the candidates do not make the page). ``key``: (value, id) of
        the row a keyset page continues from."""
        if order != self.number_day or not is_sqlite():
            return None
        term = normalize_text(getattr(f, "text", "") or "")
        numbers = number_range(term) if term else None
        table = self.model._meta.table_name
        if numbers is None or table not in NUMBER_DATED or address_units(term) is not None:
            return None
        if not database.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
                                    (misdated_index(table),)).fetchone():
            return None  # (a file not yet at schema 12)
        text = [c for c in FTS_TABLES[table] if c != "number"]
        if many_matches(table, term, tuple(text)):
            return None  # the term is common in the text too: the window's business
        low, high = numbers
        if key is not None:  # only the numbers of the row's day and past it (day order = number order)
            prefix = low[:3]
            if not _DAY_NUMBER.fullmatch(prefix + "00000000"):
                return None
            row_day = prefix + str(key[0])[:10].replace("-", "")
            low, high = (low, min(high, row_day + ".")) if descending else (max(low, row_day), high)
            # the page's end is counted from the days past the row's (its own day: all candidates)
            walk = ("number >= ? AND number < ?", [low, min(high, row_day)]) if descending else \
                ("number >= ? AND number < ?", [max(low, row_day + "."), high])
        else:
            walk = ("number >= ? AND number < ?", [low, high])
        # the number the page would end at if every candidate were kept: its day
        last = database.execute_sql(
            f"SELECT number FROM {table} WHERE {walk[0]} ORDER BY number {'DESC' if descending else 'ASC'} "
            f"LIMIT 1 OFFSET {int(offset + limit) - 1}", walk[1]).fetchone()
        if last is None or not _DAY_NUMBER.match(last[0]):
            return None  # fewer numbers than the page (the usual query is quick), or no day in it
        day = last[0][:11].upper()  # TS-20230620
        low, high = (max(low, day), high) if descending else (low, min(high, day + "."))
        sql, params = self._dated_page_sql(f, order, descending, offset, limit, _engine(), key is not None)
        bounds = {f"@dated:{table}.low": low, f"@dated:{table}.high": high}
        params = _filled(params, key, bounds)
        rows = database.execute_sql(sql, params).fetchall()
        if len(rows) < limit:
            return None
        received = str(rows[-1][self._order_index(order)])[:10].replace("-", "")
        on_side = received >= day[3:] if descending else received <= day[3:]
        return rows if on_side else None

    def _dated_callbacks(self, f, order: str, descending: bool, offset: int, limit: int) -> list | None:
        """The callback list's first page of a number start read from the number's days (see
        "Dated numbers"), or None (not tried, or not found so). Two modes:

        - **due** (by due date going up): a callback is due on or after the day of its case's
          number and of its own (models.db.EARLY; the others are listed in callback_early), so
          the candidates are the callbacks of the numbers up to a day E (two weeks after the day
          of the range's ``4 * (offset + limit)``-th number; then two months after the 32 times)
          and the early ones; a full page due by E is the page.
        - **odd** (by due date going down, or by the callback's own number either way;
          models.db.ODD): but for the odd callbacks (callback_odd), each number a callback is
          found by carries a day at most ODD_DAYS before its due date, and its case's day is
          neither after its own number's day nor more than ODD_DAYS before it. Going down, the
          ``4 * (offset + limit)``-th number from the range's end (then the 32 times) gives a day
          T; the candidates are the callbacks of the numbers from T - ODD_DAYS on, and the odd
          ones; any other is due (and numbered) before T, so a full page whose last row is due
          (numbered) on or after T is the page. Going up by number: as **due**, with the
          callback's own number (HF-E) the test of the last row."""
        tables = self.dated_due
        if not tables or not is_sqlite():
            return None
        by_number = self.own_number is not None and order == self.own_number
        if order == self.default_order and not descending:
            mode = "due"
        elif by_number or (order == self.default_order and descending):
            mode = "odd"
        else:
            return None
        side = _SIDE[mode]  # (a file not yet at schema 13 / 15 has no such table: None)
        numbers = self._dated_callbacks_range(f, side)
        if numbers is None:
            return None
        prefix, index = numbers[0][:3], self._order_index(order)
        sql, params = self._dated_page_sql(f, order, descending, offset, limit, _engine(), False, mode)
        for times, later in ((4, 14), (32, 61)):  # (callbacks are due some days after their case)
            days = {}
            for t in tables:
                last = database.execute_sql(f"SELECT number FROM {t} WHERE number >= ? AND number < ? "
                                            f"ORDER BY number {'DESC' if descending else 'ASC'} "
                                            f"LIMIT 1 OFFSET {times * (offset + limit) - 1}", numbers).fetchone()
                if last is not None and _DAY_NUMBER.match(last[0]):
                    days[t] = last[0][3:11]
            if not days:
                return None  # few numbers: the usual query is quick
            try:
                if descending:
                    top = dt.datetime.strptime(max(days.values()), "%Y%m%d")
                    start = (top - dt.timedelta(days=ODD_DAYS)).strftime("%Y%m%d")
                else:
                    end = (dt.datetime.strptime(min(days.values()), "%Y%m%d")
                           + dt.timedelta(days=later)).strftime("%Y%m%d")
            except ValueError:  # (eight digits that are no day)
                return None
            bounds = {}
            for t in tables:
                low, high = numbers
                if t in days:
                    low, high = (max(low, prefix + start), high) if descending else (low, min(high, prefix + end + "."))
                bounds[f"@dated:{t}.low"], bounds[f"@dated:{t}.high"] = low, high
            rows = database.execute_sql(sql, _filled(params, bounds=bounds)).fetchall()
            if len(rows) < limit:
                continue
            value = str(rows[-1][index])
            if descending:
                taken = (value >= self.own_prefix + top.strftime("%Y%m%d") if by_number
                         else value[:10] >= top.strftime("%Y-%m-%d"))
            elif by_number:
                taken = value < self.own_prefix + end + "."
            else:
                taken = value[:10] <= f"{end[:4]}-{end[4:6]}-{end[6:]}"
            if taken:
                return rows
        return None

    def _numbers_by_status(self, f, order: str, descending: bool, offset: int, limit: int,
                           key: tuple | None = None) -> list | None:
        """The page of a number start sorted by a column of a few values (``ids_first``: the
        callbacks' status) taken value by value, each value's callbacks walked between the ids
        of the range's days (see "Numbers by status"), or None (not tried). ``key``: (value,
        id) of the row a keyset page continues from."""
        if (not is_sqlite() or self.ids_first is None or not self.dated_due or not self.window_keys
                or not self.ids_first(f, order)):
            return None  # (no window keys: the usual query alone, as the window's tests compare)
        if not database.obj.table_exists(CALLBACK_DAYS):
            return None  # (a file not yet at schema 19)
        numbers = self._dated_callbacks_range(f, "callback_odd")
        if numbers is None:
            return None
        low, high = numbers
        days = []
        for t in self.dated_due:  # the range's first and last number in each table: their days
            ends = database.execute_sql(
                f"SELECT (SELECT number FROM {t} WHERE number >= ?1 AND number < ?2 ORDER BY number LIMIT 1), "
                f"(SELECT number FROM {t} WHERE number >= ?1 AND number < ?2 ORDER BY number DESC LIMIT 1)",
                numbers).fetchone()
            days += [n[3:11] for n in ends if n is not None]
        if not days or not all(_EIGHT_DIGITS.fullmatch(d) for d in days):
            return None  # no number in the range (the usual query is quick), or one with no digits of a day
        # (the range's days as text: a first or last number whose eight digits are no day, such
        # as 20261131, bounds the real days as well; its own callbacks are odd)
        last = _day_at_least(max(days))
        if last is None:
            return None
        span = database.execute_sql(
            f"SELECT min(low), max(high) FROM {CALLBACK_DAYS} WHERE day >= ? AND day <= ?",
            (min(days), (last + dt.timedelta(days=ODD_DAYS)).strftime("%Y%m%d"))).fetchone()
        lo, hi = span if span[0] is not None else (1, 0)
        model, column = self.model, self.columns[order]
        table = model._meta.table_name
        matched = []  # each row's numbers in the range: its own, its case's (by the case's key)
        for t, link in (self.window_keys or {}).items():
            if "number" not in self.dated_due.get(t, ()):
                continue
            if t == table:
                matched.append((model.number >= low) & (model.number < high))
            else:
                case = link.rel_model.alias(f"n_{t}")
                matched.append(fn.EXISTS(case.select(SQL("1")).where(
                    (case.id == link) & (case.number >= low) & (case.number < high))))
        match = functools.reduce(lambda a, b: a | b, matched)
        bare = dataclasses.replace(f, text="")
        rest = self.where(bare)
        need = offset + limit
        index = f"{table}_{column.column_name}"  # (its own index: ``sortable``)
        ids = model.id.desc() if descending else model.id.asc()

        def walk(value, past_id=None) -> list[int]:
            cond = rest & (column == value) & model.id.between(lo, hi) & match
            if past_id is not None:
                cond &= (model.id < past_id) if descending else (model.id > past_id)
            query = self.count_joins(model.select(model.id), bare).where(cond).order_by(ids).limit(need)
            sql, params = query.sql()
            # (named: with some figures the planner would read the id span from the table and
            # test each row's status, 100 times the rows for a value that few callbacks hold)
            sql = sql.replace(f'FROM "{table}" AS "t1"', f'FROM "{table}" AS "t1" INDEXED BY "{index}"', 1)
            return [r[0] for r in database.execute_sql(sql, params).fetchall()]

        def following(value) -> Any:
            ask = fn.MAX(column) if descending else fn.MIN(column)
            query = model.select(ask)
            if value is not None:
                query = query.where(column < value if descending else column > value)
            return database.execute_sql(*query.sql()).fetchone()[0]

        found: list[int] = []
        value = key[0] if key is not None else following(None)
        past = key[1] if key is not None else None
        while value is not None and len(found) < need:
            found += walk(value, past)
            value, past = following(value), None
        # the odd callbacks whose numbers match, and the matches of the term's other parts
        ordering = self._ordering(order, descending)
        odd = self.count_joins(model.select(model.id), bare).where(
            rest & model.id.in_(SQL("(SELECT id FROM callback_odd)")) & match)
        token = _DATED.set("status")
        try:
            others = self.count_joins(model.select(model.id), f).where(self.where(f))
        finally:
            _DATED.reset(token)
        for query in (odd, others):
            if key is not None:
                query = query.where(self._past(column, descending))
            sql, params = query.order_by(*ordering).limit(_literal(need)).sql()
            found += [r[0] for r in database.execute_sql(sql, _filled(params, key)).fetchall()]
        if not found:
            return []
        page = self.joined(self.selected()).where(model.id.in_(sorted(set(found)))).order_by(*ordering)
        sql, params = page.offset(_literal(offset)).limit(_literal(limit)).sql()
        return database.execute_sql(sql, params).fetchall()

    def _dated_callbacks_range(self, f, side: str) -> tuple[str, str] | None:
        """The callback list's number range when ``f``'s term is the start of a number that
        carries a day and the dated pages may be tried (``side``, the table of the callbacks
        they add, is there; the term is not common in the text too), else None."""
        term = normalize_text(getattr(f, "text", "") or "")
        numbers = number_range(term) if term else None
        if numbers is None or address_units(term) is not None or not _DAY_NUMBER.fullmatch(
                numbers[0][:3] + "00000000"):
            return None
        if not database.obj.table_exists(side):
            return None
        texts = [part for t, columns in self.dated_due.items() if set(columns) - {"number"}
                 for part in _match_parts(t, term, tuple(c for c in columns if c != "number"))]
        if _some(texts, MANY + 1) > MANY:
            return None  # the term is common in the text too
        return numbers

    def _order_index(self, order: str) -> int:
        column = self.columns[order]
        return next(i for i, n in enumerate(self.row_fields) if (n.node if isinstance(n, Alias) else n) is column)

    def _build_dated_page_sql(self, f, order: str, descending: bool, offset: int, limit: int, engine=None,
                              keyset: bool = False, mode: str = "received"):
        token = _DATED.set(mode)
        try:
            with sorted_by(self.columns[order]):
                where = self.where(f)
            if keyset:
                past = self._past(self.columns[order], descending)
                where = past if where is True else (where & past)
            query = self.joined(self.row_fields).where(where).order_by(*self._ordering(order, descending))
            return query.offset(offset).limit(limit).sql()
        finally:
            _DATED.reset(token)

    def _find_pg_window_kind(self, term: str, order: str, engine=None):
        from propdesk.services.lists import pg_search

        return pg_search.window_kind(self.model, term, self.columns[order])

    def _pg_windowed(self, f, order: str, descending: bool, offset: int, limit: int,
                     key: tuple | None = None) -> list | None:
        """PostgreSQL: the page's raw rows found in its window (services.lists.pg_search, "the
        window"), or None (not tried, or the window holds less than a page). ``key``: (value,
        id) of the row a keyset page continues from."""
        from propdesk.services.lists import pg_search

        term = normalize_text(getattr(f, "text", "") or "")
        if not term or not self.has_search_text() or not self.pages_by_key(order):
            return None
        window = self._pg_window_kind(term, order, _engine())
        size = window and window.size(offset + limit)
        if not size:
            return None
        if window.kind == "rows" and window.mode == "scan":
            # one statement: the page among the first ``size`` rows, walked (no boundary first)
            sql, params = self._page_sql(f, order, descending, offset, limit, _engine(),
                                         key is not None, f"first {size}")
            if sql is None:
                return None
            rows = _run(sql, _filled(params, key), prepare=True).fetchall()  # (its plan is the walk, whatever the term)
            return rows if len(rows) == limit else None
        sql, params = pg_search.boundary_sql(self.model, self.columns[order], descending, window.kind,
                                             size, term, key is not None)
        params = [key[0] if p is None else p for p in params]
        found = _run(sql, params, prepare=window.kind == "rows").fetchone()  # (an index-only walk)
        if found is None or found[0] is None:
            return None  # fewer rows than the window: the usual query reads them all anyway
        sql, params = self._page_sql(f, order, descending, offset, limit, _engine(), key is not None,
                                     window.mode)
        params = _filled(params, key, boundary=found[0])
        rows = _run(sql, params).fetchall()
        return rows if len(rows) == limit else None

    def has_search_text(self) -> bool:
        return has_search_column(self.model)

    def _ordering(self, order: str, descending: bool) -> list:
        column = self.columns.get(order, self.columns[self.default_order])
        key = self.model.id
        return [sort_key(column, descending, self.model), key.desc() if descending else key.asc()]

    def _build_window_sql(self, order: str, descending: bool, size: int, engine=None,
                          keyset: bool = False):
        """The window: the table's first ``size`` rows in the page's order, whatever the filter
        (an index-only walk when the keys are the row's own id); gives the sort column's last
        value there and the least and greatest id of each index key. The filter is applied
        to the window's rows by the page's query: a row outside the window comes after every
        row in it all the same."""
        column = self.columns[order]
        keys = list(self.window_keys.values())
        table = self.model._meta.table_name
        names = ", ".join(f"t.{k.column_name} AS k{i}" for i, k in enumerate(keys))
        c = f"t.{column.column_name}"
        past, params = "", []
        if keyset:  # the rows after a given one (its value and id filled in by _windowed)
            less = "<" if descending else ">"
            past = f"WHERE {c} {less}= ? AND ({c} {less} ? OR ({c} = ? AND t.id {less} ?)) "
            params = [_KEY_VALUE, _KEY_VALUE, _KEY_VALUE, _KEY_ID]
        walk = (f"FROM {table} AS t {past}ORDER BY {c} {'DESC' if descending else 'ASC'}, "
                f"t.id {'DESC' if descending else 'ASC'}")
        ends = ", ".join(f"min(w.k{i}), max(w.k{i})" for i in range(len(keys)))
        # the last value by OFFSET (an aggregate of text values is ten times slower); NULL when
        # the table has fewer rows than the window
        last = f"LIMIT 1 OFFSET {int(size) - 1}"
        walks = 2
        if order in self.coarse:  # and the last row's id
            ends += f", (SELECT t.id {walk} {last})"
            walks = 3
        return (f"SELECT (SELECT {c} {walk} {last}), {ends} "
                f"FROM (SELECT {names} {walk} LIMIT {int(size)}) AS w", params * walks)

    def _build_window_page_sql(self, f, order: str, descending: bool, offset: int, limit: int,
                               engine=None, keyset: bool = False):
        column = self.columns[order]
        token = _IN_WINDOW.set(True)
        try:
            within = (column >= SQL("?", [Bound("@order")]) if descending
                      else column <= SQL("?", [Bound("@order")]))
            if keyset:
                within &= self._past(column, descending)
            with sorted_by(column):
                where = self.where(f)
            if order in self.coarse:
                return self._coarse_window_page_sql(where, order, descending, offset, limit, keyset)
            query = (self.joined(self.selected()).where(where & within)
                     .order_by(*self._ordering(order, descending)))
            return query.offset(offset).limit(limit).sql()
        finally:
            _IN_WINDOW.reset(token)

    def _coarse_window_page_sql(self, where, order: str, descending: bool, offset: int, limit: int,
                                keyset: bool):
        """A window's page in an order whose column holds a few values (``coarse``): the window
        is the rows before its last row's value (fewer than the window's size) and those of
        that value up to its id (a range of the column's index: the value, then the id). Each
        part walks its range in the page's order and stops at the page's end or the range's,
        and the page is taken from the two. With the value alone as the bound (the callbacks
        by status going down: every callback "done" or "due") the walk went on past the window
        through every callback when the term was in none of them (0.7-1.4 s at a million)."""
        column, t = self.columns[order], self.model
        fields = self.selected()
        at = [next((i for i, n in enumerate(fields) if n is c), None) for c in (column, t.id)]
        if None in at:
            raise ValueError(f"a coarse order's column and the id must be among the page's fields: {order}")
        last, last_id = SQL("?", [Bound("@order")]), SQL("?", [Bound("@order", "id")])
        parts = [column > last if descending else column < last,
                 (column == last) & ((t.id >= last_id) if descending else (t.id <= last_id))]
        sqls, params = [], []
        for part in parts:
            if keyset:
                part &= self._past(column, descending)
            # (the part's bounds first: a filter's own "id > 0" (the callbacks' "all") after them,
            # or SQLite took that one as the range's start and walked every callback of the value)
            sql, ps = self.joined(fields).where(part & where).sql()
            sqls.append(sql)
            params += ps
        # one compound statement: SQLite merges the two parts, each walked in the page's order
        # (their index's), and stops both at the page's end (MERGE (UNION ALL))
        way = "DESC" if descending else "ASC"
        return (f"{sqls[0]} UNION ALL {sqls[1]} ORDER BY {at[0] + 1} {way}, {at[1] + 1} {way} "
                f"LIMIT {int(limit)} OFFSET {int(offset)}", params)

    def can_sort(self, order: str) -> bool:
        return self.sortable is None or order in self.sortable

    def clear_cache(self) -> None:
        for cache in (self._page_sql, self._count_sql, self._pg_names_count_sql, self._window_sql,
                      self._window_page_sql,
                      self._pg_window_kind, self._dated_page_sql, self._window_terms):
            cache.cache_clear()
        forget_counts()

    def _build_page_sql(self, f, order: str, descending: bool, offset: int, limit: int,
                        engine=None, keyset: bool = False, window: str = ""):
        with sorted_by(self.columns.get(order, self.columns[self.default_order])):  # query_parts.narrowed
            return self._page_sql_of(f, order, descending, offset, limit, keyset, window)

    def _page_sql_of(self, f, order: str, descending: bool, offset: int, limit: int,
                     keyset: bool, window: str):
        # engine: only part of the cache key; window: PostgreSQL's window (_pg_windowed), the
        # rows at or past a boundary (filled in when it runs), found as ``window`` says
        # ("index" or "scan", services.lists.pg_search) and sorted, never by walking the sort
        # column's index; or "first N": the page among the first N rows (_first_rows_page_sql)
        if window.startswith("first "):
            return self._first_rows_page_sql(f, order, descending, offset, limit, keyset,
                                             int(window.split()[1]))
        ordering = self._ordering(order, descending)
        if not is_sqlite() and not window:
            in_order = self._initials_in_order(f, order, descending, offset, limit, keyset)
            if in_order is not None:
                return in_order
        where, sorted_matches = None, False
        if not is_sqlite() and getattr(f, "text", ""):
            from propdesk.services.lists import pg_search

            walked = ordering[0]
            ordering[0] = (pg_search.sorted_not_walked(walked) if window
                           else pg_search.page_order(walked, f.text, self.model))
            if ordering[0] is not walked:  # found through the search indexes and sorted
                sorted_matches = True
                with pg_search.answered(window or "index"):
                    where = self.where(f)
        elif is_sqlite() and self.ids_first is not None and self.ids_first(f, order):
            sorted_matches = True  # (a number start by the callback's status: see ids_first)
        elif (is_sqlite() and not window and uses_index(normalize_text(getattr(f, "text", "") or ""))
              and not self.is_few(f)):  # (a few rows tested one by one: nothing collected)
            # SQLite collects a searched term's matches and sorts them: the sorter then held
            # every match's whole row with its joins (zw, 6,868 complaints: 70-120 ms at a
            # million), where the ids sorted alone and the page's rows joined afterwards take
            # 20-45 ms (the same late look-up as PostgreSQL's below). Not when the page walks
            # its order's index (walk_in): it comes in order, nothing is sorted
            walks: list = []
            token = _WALKS.set(walks)
            try:
                where = self.where(f)
            finally:
                _WALKS.reset(token)
            sorted_matches = not walks
        if where is None:
            where = self.where(f)
        if window:
            column, bound = self.columns[order], Value(_BOUND, converter=False)
            within = column >= bound if descending else column <= bound
            where = within if where is True else (where & within)
        if keyset:  # the rows past a given one (its values filled in by _keyset)
            past = self._past(self.columns[order], descending)
            where = past if where is True else (where & past)
        if sorted_matches:
            # The page's ids first, sorted among the matches alone, then the page's rows with
            # their joins: PostgreSQL joins before it sorts, and a callback number start
            # (HF-2021: 115,377 matches) joined every match to its case (a read of a million
            # complaints) to keep 100 (1.2 s). The joins the ids' query does not use are
            # dropped by the planner (left joins on a unique key); the ids come as an array
            # (``id = ANY(ARRAY(...))``), which the table's key looks up row by row: as
            # ``id IN (...)`` the planner joined the whole table first (10 tables are more than
            # it reorders) and kept the page's rows last.
            # SQLite: the ids' query has only the joins its condition needs (count_joins) when the
            # order is the table's own column (a number start by the callback's status: sorting
            # ~100,000 matches with the page's nine joins took 0.4-1.8 s at a million, the ids
            # alone 0.06-0.27 s); else every join, the unused ones dropped by the planner.
            lean = (is_sqlite() and self.count_joins is not None
                    and getattr(self.columns[order], "model", None) is self.model)
            ids = (self.count_joins(self.model.select(self.model.id), f) if lean
                   else self.joined((self.model.id,)))
            ids = ids.where(where).order_by(*ordering).offset(_literal(offset)).limit(_literal(limit))
            page_ids = (self.model.id.in_(ids) if is_sqlite()
                        else Expression(self.model.id, "=", fn.ANY(NodeList((SQL("ARRAY"), ids)))))
            return self.joined(self.selected()).where(page_ids).order_by(*ordering).sql()
        query = self.joined(self.selected()).where(where).order_by(*ordering)
        return query.offset(_literal(offset)).limit(_literal(limit)).sql()

    def _initials_in_order(self, f, order: str, descending: bool, offset: int, limit: int,
                           keyset: bool):
        """PostgreSQL: the page of a term that may be initials, sorted by the order the side
        table keeps ("Initials in order" above), or None when that does not apply. The text's
        ids: its first ``offset + limit`` matches in the page's order (walked or sorted as the
        usual page would); the names' ids: the first ``offset + limit`` rows of the filter whose
        initials start with the term, in the side table's order (its index gives the initials'
        order column and id; each row is read from the table until enough pass the filter)."""
        from propdesk.models.name_index import ORDER_COLUMNS, initials_range, initials_term
        from propdesk.services.lists import pg_search

        table = self.model._meta.table_name
        term = normalize_text(getattr(f, "text", "") or "")
        column = self.columns.get(order)
        if (table not in ORDER_COLUMNS or not initials_term(term) or column is None
                or column.model is not self.model or column.column_name != ORDER_COLUMNS[table]):
            return None
        ordering = self._ordering(order, descending)
        walked = ordering[0]
        ordering[0] = pg_search.page_order(walked, f.text, self.model)
        token = _NO_INITIALS.set(True)
        try:
            if ordering[0] is not walked:  # found through the search indexes and sorted
                with pg_search.answered("index"):
                    text = self.where(f)
            else:
                text = self.where(f)
        finally:
            _NO_INITIALS.reset(token)
        rest = self.where(dataclasses.replace(f, text=""))
        # the names in the order the side table keeps, sorted from its index alone; OFFSET 0
        # keeps PostgreSQL from merging the subquery into the join, so the join reads them in
        # that order and the table is looked up only until the page is full (merged, it looked
        # every name up and sorted afterwards: it never sorts below a join)
        side = Table(f"{table}_initials", ("id", "initials", ORDER_COLUMNS[table]))
        side_order = getattr(side, ORDER_COLUMNS[table])
        low, high = initials_range(term)
        names = (side.initials >= low) & (side.initials < high)
        if keyset:  # the rows past a given one (its values filled in by _keyset)
            past = self._past(column, descending)
            text = past if text is True else (text & past)
            names &= self._past(side_order, descending, side.id)
        by_side = (side.select(side.id, side_order).where(names)
                   .order_by(side_order.desc() if descending else side_order.asc(),
                             side.id.desc() if descending else side.id.asc()))
        if table == CALLBACK_SIDE_OF:  # a callback's two cases may both have the initials: once each
            by_side = by_side.distinct()
        by_side = by_side.offset(0).alias("ini")
        first = _literal(offset + limit)
        text_ids = self.joined((self.model.id,)).where(text).order_by(*ordering).limit(first)
        name_ids = (self.joined((self.model.id,)).join_from(self.model, by_side, on=(by_side.c.id == self.model.id))
                    .order_by(by_side.c[ORDER_COLUMNS[table]].desc() if descending
                              else by_side.c[ORDER_COLUMNS[table]].asc(),
                              by_side.c.id.desc() if descending else by_side.c.id.asc())
                    .limit(first))
        if rest is not True:
            name_ids = name_ids.where(rest)
        ids = NodeList((SQL("ARRAY"), NodeList((text_ids, SQL("UNION ALL"), name_ids), parens=True)))
        page_ids = Expression(self.model.id, "=", fn.ANY(ids))
        query = self.joined(self.selected()).where(page_ids).order_by(*self._ordering(order, descending))
        return query.offset(_literal(offset)).limit(_literal(limit)).sql()

    def _first_rows_page_sql(self, f, order: str, descending: bool, offset: int, limit: int,
                             keyset: bool, size: int):
        """PostgreSQL's window of a term in many rows ("scan", services.lists.pg_search) as one
        statement: the page among the table's first ``size`` rows in the page's order (after
        the given row, for a keyset page), walked in that order and each row tested (the cheap
        test alone: nothing else to find them by), stopping at the page's end. The window is
        ``FROM (SELECT * FROM table ORDER BY ... LIMIT size) AS t1``: PostgreSQL cannot but walk
        the sort column's index for it and keeps its order, so no boundary needs asking first
        (a round trip) and no more rows are read than the page needs; every row outside comes
        after every row in it, as with the boundary. (None: the SQL is not of the expected
        shape, the usual query runs.)"""
        from propdesk.services.lists import pg_search

        ordering = self._ordering(order, descending)
        with pg_search.answered("scan"):
            where = self.where(f)
        query = self.joined(self.selected()).where(where).order_by(*ordering)
        sql, params = query.offset(_literal(offset)).limit(_literal(limit)).sql()
        first = self.model.select(SQL("*"))
        if keyset:
            first = first.where(self._past(self.columns[order], descending))
        first_sql, first_params = first.order_by(*ordering).limit(_literal(size)).sql()
        table = f'FROM "{self.model._meta.table_name}" AS "t1"'
        if sql.count(table) != 1 or first_sql.count(table) != 1:
            return None, []
        at = sql.index(table)
        before = sql[:at].count("%s")
        sql = f"{sql[:at]}FROM ({first_sql}) AS \"t1\"{sql[at + len(table):]}"
        return sql, params[:before] + first_params + params[before:]

    def _past(self, column, descending: bool, key=None):
        """The rows after a given one in this order (its value and id filled in when it runs);
        ``key``: the id column beside ``column`` (the table's own by default)."""
        key = self.model.id if key is None else key
        # placeholders the engine's way, not converted here (the row's value is, when it runs)
        value, ident = Value(_KEY_VALUE, converter=False), Value(_KEY_ID, converter=False)
        if descending:  # "column <= value" on its own lets the index seek to the row
            return (column <= value) & ((column < value) | ((column == value) & (key < ident)))
        return (column >= value) & ((column > value) | ((column == value) & (key > ident)))

    def _build_count_sql(self, f, engine=None):
        token = _COUNTING.set(True)
        try:
            return self._count_sql_of(f)
        finally:
            _COUNTING.reset(token)

    def _count_sql_of(self, f):
        # PostgreSQL: count(*), the same number (the id is never empty), read from an index
        # alone where one holds the filter's columns (all but voided: the status index, 0.1 s
        # at a million; count(id) made it read every row, 0.7 s)
        counted = fn.COUNT(self.model.id) if is_sqlite() else fn.COUNT(SQL("*"))
        if self.count_joins is None:
            query = self.joined((counted,))
        else:
            query = self.count_joins(self.model.select(counted), f)
        if is_sqlite():
            return query.where(self.where(f)).sql()
        from propdesk.services.lists import pg_search

        with pg_search.through_the_index():  # a count reads every match: nothing is walked
            return query.where(self.where(f)).sql()
