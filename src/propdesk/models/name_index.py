"""Names found by their pinyin initials (zw -> 张伟): an index kept by triggers (SQLite).

A clerk types ``zw`` for 张伟 or ``wns`` for 王女士. The quick search used to find that only as
letters in the text. Each table in :data:`NAME_COLUMNS` now has a side table
``{table}_initials(id, initials)`` with an index on ``initials``; a term of letters finds the
rows whose name's initials *start with* it (``initials >= 'zw' AND initials < 'zx'``, a range
of the index).

**The rule** (one rule, in SQL for the triggers and in Python beside it, :func:`name_initials`;
a test checks both give the same for every name): each character of the name gives one
letter, from the table ``pinyin_initial`` (every character in pypinyin's dictionary, the first
letter of its first reading, 张 -> z); the name's *first* character is read as a surname
where that reading differs (曾 zeng not ceng, 单 shan not dan: :data:`SURNAME_LETTERS`); ASCII
letters and digits stand for themselves (lower case); anything else (spaces, dots) is left out.
The readings are per character, so a name is indexed the same whatever words it sits in.

The triggers need no function of the program's (like the bigram index of ``models.db``), so a
row written by any program gets its initials.

**PostgreSQL** has the same side tables, filled by the same rule (:data:`PG_INITIALS`, a SQL
function over the same ``pinyin_initial`` table) from PL/pgSQL triggers (:func:`create_pg`), so
both engines find the same rows. The column is ``COLLATE "C"``: the range ``>= 'zw' AND < 'zx'``
is then a plain byte range of its btree whatever the database's locale. The lists look them up
as ``id = ANY(ARRAY(SELECT id FROM {table}_initials ...))`` (services.lists.listing): unlike
``id IN (subquery)`` beside the search column's condition, that is an index condition PostgreSQL
can OR with the trigram index's (a BitmapOr), instead of testing a hashed subplan on every row.
"""
from __future__ import annotations

import unicodedata
from typing import Callable

NAME_COLUMNS = {"complaint": "complainant", "work_order": "contact_name"}

# The letter a character has as the first character of a name, where its usual (first) reading
# in pypinyin starts with another letter. Common surnames only.
SURNAME_LETTERS = {
    "曾": "z", "单": "s", "解": "x", "区": "o", "仇": "q", "查": "z", "朴": "p", "盖": "g",
    "乐": "y", "缪": "m", "覃": "q", "尉": "y", "翟": "z", "种": "c", "员": "y", "召": "s",
    "秘": "b", "繁": "p", "宓": "f", "句": "g", "沈": "s", "厍": "s", "隗": "w", "洗": "x",
    "冼": "x", "折": "s", "谌": "c", "逄": "p", "眭": "s", "长": "c", "重": "c", "那": "n",
    "阚": "k", "蕃": "p", "射": "y",
}

_letters: dict[str, str] | None = None


def letters() -> dict[str, str]:
    """Character -> the first letter of its first reading (pypinyin's dictionary; imported
    when first used, it costs ~0.1 s)."""
    global _letters
    if _letters is None:
        from pypinyin.pinyin_dict import pinyin_dict

        table = {}
        for code, readings in pinyin_dict.items():
            first = unicodedata.normalize("NFD", readings.split(",")[0])[:1].lower()
            if "a" <= first <= "z":
                table[chr(code)] = first
        _letters = table
    return _letters


def name_initials(name: str | None) -> str:
    """The Python form of the rule above (what the triggers compute in SQL)."""
    table = letters()
    out = []
    for i, ch in enumerate(name or ""):
        letter = (SURNAME_LETTERS.get(ch) if i == 0 else None) or table.get(ch)
        if letter is None and ch.isascii() and ch.isalnum():
            letter = ch.lower()
        if letter:
            out.append(letter)
    return "".join(out)


def _initials_sql(expr: str) -> str:
    """SQL giving the initials of the text ``expr`` (search_position: 1..N, models.db)."""
    ch = "substr(v, n, 1)"
    return (f"(SELECT coalesce(group_concat(x, ''), '') FROM (SELECT coalesce("
            f"CASE WHEN n = 1 THEN p.surname END, p.letter, "
            f"CASE WHEN lower({ch}) GLOB '[a-z0-9]' THEN lower({ch}) END) AS x "
            f"FROM (SELECT {expr} AS v), search_position LEFT JOIN pinyin_initial p ON p.ch = {ch} "
            f"WHERE n <= length(v) ORDER BY n))")


def create_letters(db) -> None:
    """The table ``pinyin_initial`` the triggers read (about 40,000 rows, ~1 MB)."""
    db.execute_sql("CREATE TABLE IF NOT EXISTS pinyin_initial (ch TEXT PRIMARY KEY, letter TEXT NOT NULL, "
                   "surname TEXT) WITHOUT ROWID")
    if db.execute_sql("SELECT 1 FROM pinyin_initial LIMIT 1").fetchone():
        return
    rows = [(ch, letter, SURNAME_LETTERS.get(ch) if SURNAME_LETTERS.get(ch, letter) != letter else None)
            for ch, letter in letters().items()]
    _executemany(db, "INSERT INTO pinyin_initial (ch, letter, surname) VALUES (?, ?, ?)", rows)


def _executemany(db, sql: str, rows: list) -> None:
    cursor = db.cursor() if hasattr(db, "cursor") else None
    (cursor or db).executemany(sql, rows)


def create(db, table: str) -> None:
    """``{table}_initials`` with its index and the triggers that keep it in step."""
    from propdesk.models.db import _create_positions

    _create_positions(db)
    create_letters(db)
    column = NAME_COLUMNS[table]
    side = f"{table}_initials"
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {side} (id INTEGER PRIMARY KEY, initials TEXT NOT NULL)")
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {side}_initials ON {side} (initials)")
    put = (f"INSERT OR REPLACE INTO {side} (id, initials) "
           f"VALUES (new.id, {_initials_sql('new.' + column)});")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {side}_ai AFTER INSERT ON {table} BEGIN {put} END")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {side}_au AFTER UPDATE OF {column} ON {table} "
                   f"BEGIN {put} END")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {side}_ad AFTER DELETE ON {table} BEGIN "
                   f"DELETE FROM {side} WHERE id = old.id; END")


def fill(db, table: str, progress: Callable[[int, int], None] | None = None, chunk: int = 50_000) -> None:
    """Initials for every row already in ``table`` (made in Python: names repeat, each is
    worked out once), in chunks by id, saying how far it is."""
    column = NAME_COLUMNS[table]
    side = f"{table}_initials"
    pg = _is_pg(db)
    top = db.execute_sql(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
    known: dict[str, str] = {}
    last = 0
    while True:
        rows = db.execute_sql(f"SELECT id, {column} FROM {table} WHERE id > {'%s' if pg else '?'} "
                              f"ORDER BY id LIMIT {chunk}", (last,)).fetchall()
        if not rows:
            break
        out = []
        for row_id, name in rows:
            name = name or ""
            if name not in known:
                known[name] = name_initials(name)
            out.append((row_id, known[name]))
        if pg:
            _fill_pg(db, table, out)
        else:
            _executemany(db, f"INSERT OR REPLACE INTO {side} (id, initials) VALUES (?, ?)", out)
        last = rows[-1][0]
        if progress:
            progress(last, top)


def drop(db, table: str) -> None:
    side = f"{table}_initials"
    if _is_pg(db):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {side}_put ON {table}")
        db.execute_sql(f"DROP TABLE IF EXISTS {side}")
        return
    for trigger in ("ai", "au", "ad"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {side}_{trigger}")
    db.execute_sql(f"DROP TABLE IF EXISTS {side}")


# --- PostgreSQL -------------------------------------------------------------------------------

# The rule of name_initials in SQL: the same table, the same order of choices. A character is
# kept as itself only when it is an ASCII letter or digit (tested before lower(), which would
# turn the Kelvin sign into k). Each character is looked up by its own index probe (a scalar
# subquery): written as a join, the function's plan hashed all 40,000 characters at every call
# (6 ms a call, so 6 ms more for every saved complaint).
PG_INITIALS = r"""
CREATE OR REPLACE FUNCTION propdesk_initials(v text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(s.x, '' ORDER BY s.n), '') FROM (
    SELECT i.n, coalesce(
      CASE WHEN i.n = 1 THEN (SELECT p.surname FROM pinyin_initial p WHERE p.ch = substr(v, i.n, 1)) END,
      (SELECT p.letter FROM pinyin_initial p WHERE p.ch = substr(v, i.n, 1)),
      CASE WHEN substr(v, i.n, 1) ~ '^[A-Za-z0-9]$' THEN lower(substr(v, i.n, 1)) END) AS x
    FROM generate_series(1, length(v)) AS i(n)) AS s
$$"""


def _is_pg(db) -> bool:
    from peewee import PostgresqlDatabase

    return isinstance(db, PostgresqlDatabase)


def create_pg(db, table: str) -> None:
    """PostgreSQL's ``{table}_initials``, its index, and the triggers that keep it in step
    (idempotent: schema steps may run it on a database that has it)."""
    db.execute_sql("CREATE TABLE IF NOT EXISTS pinyin_initial (ch text PRIMARY KEY, letter text NOT NULL, "
                   "surname text)")
    if not db.execute_sql("SELECT 1 FROM pinyin_initial LIMIT 1").fetchone():
        rows = [(ch, letter, SURNAME_LETTERS.get(ch) if SURNAME_LETTERS.get(ch, letter) != letter else None)
                for ch, letter in letters().items()]
        db.execute_sql("INSERT INTO pinyin_initial (ch, letter, surname) "
                       "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[])",
                       tuple(list(column) for column in zip(*rows)))
    db.execute_sql(PG_INITIALS)
    column = NAME_COLUMNS[table]
    side = f"{table}_initials"
    db.execute_sql(f'CREATE TABLE IF NOT EXISTS {side} (id integer PRIMARY KEY, initials text COLLATE "C" NOT NULL)')
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {side}_initials ON {side} (initials)")
    db.execute_sql(f"CREATE OR REPLACE FUNCTION {side}_put() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"IF TG_OP = 'DELETE' THEN DELETE FROM {side} WHERE id = OLD.id; RETURN NULL; END IF; "
                   f"INSERT INTO {side} (id, initials) VALUES (NEW.id, propdesk_initials(NEW.{column})) "
                   f"ON CONFLICT (id) DO UPDATE SET initials = EXCLUDED.initials; RETURN NULL; END $$")
    db.execute_sql(f"DROP TRIGGER IF EXISTS {side}_put ON {table}")
    db.execute_sql(f"CREATE TRIGGER {side}_put AFTER INSERT OR DELETE OR UPDATE OF {column} ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {side}_put()")


def _fill_pg(db, table: str, rows: list) -> None:
    ids, initials = (list(column) for column in zip(*rows))
    if _pg_has_order(db, table):  # (schema 14: the row's list order beside its initials)
        order = ORDER_COLUMNS[table]
        db.execute_sql(f"INSERT INTO {table}_initials (id, initials, {order}) "
                       f"SELECT u.id, u.initials, t.{order} FROM unnest(%s::integer[], %s::text[]) "
                       f"AS u(id, initials) JOIN {table} t ON t.id = u.id "
                       f"ON CONFLICT (id) DO UPDATE SET initials = EXCLUDED.initials, "
                       f"{order} = EXCLUDED.{order}", (ids, initials))
        return
    db.execute_sql(f"INSERT INTO {table}_initials (id, initials) SELECT * FROM unnest(%s::integer[], %s::text[]) "
                   f"ON CONFLICT (id) DO UPDATE SET initials = EXCLUDED.initials", (ids, initials))


# Schema 14 (PostgreSQL): the side table keeps the row's list order (the received time, what the
# complaint and work-order lists are sorted by when opened) beside its initials, and its index
# on the initials carries it and the id (``INCLUDE``). A page of ``zw`` (6,876 names at a
# million) sorts the matches' (received time, id) read from that index alone and looks up only
# the rows the page shows (services.lists.listing, "Initials in order"), where it looked up every
# match in the table's key, one descent of the btree per id (~45 ms of a 64 ms page).
ORDER_COLUMNS = {"complaint": "received_at", "work_order": "received_at"}


def _pg_has_order(db, table: str) -> bool:
    return bool(db.execute_sql("SELECT 1 FROM information_schema.columns WHERE table_name = %s "
                               "AND column_name = %s", (f"{table}_initials", ORDER_COLUMNS[table])).fetchone())


def _pg_put_order(db, table: str) -> None:
    """The trigger of a side table with the order column: the initials and the order, kept
    when either changes."""
    column, order, side = NAME_COLUMNS[table], ORDER_COLUMNS[table], f"{table}_initials"
    db.execute_sql(f"CREATE OR REPLACE FUNCTION {side}_put() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"IF TG_OP = 'DELETE' THEN DELETE FROM {side} WHERE id = OLD.id; RETURN NULL; END IF; "
                   f"INSERT INTO {side} (id, initials, {order}) "
                   f"VALUES (NEW.id, propdesk_initials(NEW.{column}), NEW.{order}) "
                   f"ON CONFLICT (id) DO UPDATE SET initials = EXCLUDED.initials, {order} = EXCLUDED.{order}; "
                   f"RETURN NULL; END $$")
    db.execute_sql(f"DROP TRIGGER IF EXISTS {side}_put ON {table}")
    db.execute_sql(f"CREATE TRIGGER {side}_put AFTER INSERT OR DELETE OR UPDATE OF {column}, {order} "
                   f"ON {table} FOR EACH ROW EXECUTE FUNCTION {side}_put()")


def upgrade_pg_order(db, table: str, progress: Callable[[int, int], None] | None = None,
                     chunk: int = 100_000) -> None:
    """Schema 14 on PostgreSQL: ``{table}_initials`` made again with the order column, copied
    from the old one in ranges of ids (saying how far it is; Cancel rolls the step back), its
    index with the order and the id, and the trigger that keeps both. Writes to ``table`` wait
    for the step (SHARE lock): nothing written meanwhile is missed. Nothing if it is done."""
    side, order = f"{table}_initials", ORDER_COLUMNS[table]
    if _pg_has_order(db, table):
        return
    db.execute_sql(f"LOCK TABLE {table} IN SHARE MODE")
    db.execute_sql(f'CREATE TABLE {side}_new (id integer PRIMARY KEY, initials text COLLATE "C" NOT NULL, '
                   f"{order} timestamp NOT NULL)")
    top = db.execute_sql(f"SELECT max(id) FROM {side}").fetchone()[0] or 0
    for start in range(0, top + 1, chunk):
        db.execute_sql(f"INSERT INTO {side}_new (id, initials, {order}) SELECT i.id, i.initials, t.{order} "
                       f"FROM {side} i JOIN {table} t ON t.id = i.id WHERE i.id >= %s AND i.id < %s",
                       (start, start + chunk))
        if progress:
            progress(min(start + chunk, top), top)
    db.execute_sql(f"DROP TABLE {side}")
    db.execute_sql(f"ALTER TABLE {side}_new RENAME TO {side}")
    db.execute_sql(f"ALTER INDEX {side}_new_pkey RENAME TO {side}_pkey")
    db.execute_sql(f"CREATE INDEX {side}_initials ON {side} (initials) INCLUDE ({order}, id)")
    _pg_put_order(db, table)
    db.execute_sql(f"ANALYZE {side}")


# Schema 16 (PostgreSQL): the callbacks by the initials of their case's name, in the callback
# list's order. A callback is found by zw when its complaint's complainant or its work order's
# contact has initials starting with zw (services.lists.callback_search); the list asked for that
# as ``complaint_id = ANY(ARRAY(...)) OR work_order_id = ANY(ARRAY(...))``: one descent of each
# case index per name (6,876 + 2,120 for zw at a million, 83 + 26 ms of a 155 ms page) and then
# every such callback read to sort them. ``callback_initials`` holds, for each callback and each
# of its cases (CALLBACK_CASES; a callback of a work order made from a complaint has both), the
# case name's initials and the callback's due date, with an index on the initials that carries
# the due date and the id, like schema 14's side tables: a page sorted by due date is taken from
# that index alone (services.lists.listing, "Initials in order"), a count of a term with no other
# condition from it alone (Listing._pg_count_by_index). Triggers keep it: on the callback (its
# cases, its due date), on the complaint's name and the work order's contact.
CALLBACK_CASES = {"complaint": ("complaint_id", 1), "work_order": ("work_order_id", 2)}
ORDER_COLUMNS["callback"] = "due_date"
CALLBACK_SIDE = "callback_initials"


def _pg_callback_put(db) -> None:
    """The triggers of ``callback_initials`` (see CALLBACK_CASES): a callback's rows made again
    when it is written, and a case's callbacks' rows when the case's name changes."""
    side = CALLBACK_SIDE
    rows = " UNION ALL ".join(
        f"SELECT NEW.id, {kind}::smallint, propdesk_initials(c.{NAME_COLUMNS[case]}), NEW.due_date "
        f"FROM {case} c WHERE c.id = NEW.{column}" for case, (column, kind) in CALLBACK_CASES.items())
    db.execute_sql(f"CREATE OR REPLACE FUNCTION {side}_put() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"IF TG_OP <> 'INSERT' THEN DELETE FROM {side} WHERE id = OLD.id; END IF; "
                   f"IF TG_OP <> 'DELETE' THEN INSERT INTO {side} (id, kind, initials, due_date) {rows}; END IF; "
                   f"RETURN NULL; END $$")
    # (there only when the step runs again: dropping a trigger locks its table to readers too)
    db.execute_sql(f"DROP TRIGGER IF EXISTS {side}_put ON callback")
    db.execute_sql(f"CREATE TRIGGER {side}_put AFTER INSERT OR DELETE OR UPDATE OF complaint_id, work_order_id, "
                   f"due_date ON callback FOR EACH ROW EXECUTE FUNCTION {side}_put()")
    for case, (column, kind) in CALLBACK_CASES.items():
        name = NAME_COLUMNS[case]
        db.execute_sql(f"CREATE OR REPLACE FUNCTION {side}_{case}_put() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       f"BEGIN UPDATE {side} SET initials = propdesk_initials(NEW.{name}) "
                       f"WHERE kind = {kind} AND id IN (SELECT id FROM callback WHERE {column} = NEW.id); "
                       f"RETURN NULL; END $$")
        db.execute_sql(f"DROP TRIGGER IF EXISTS {side}_{case}_put ON {case}")
        db.execute_sql(f"CREATE TRIGGER {side}_{case}_put AFTER UPDATE OF {name} ON {case} "
                       f"FOR EACH ROW WHEN (OLD.{name} IS DISTINCT FROM NEW.{name}) "
                       f"EXECUTE FUNCTION {side}_{case}_put()")


def create_pg_callbacks(db, progress: Callable[[int, int], None] | None = None, chunk: int = 200_000) -> None:
    """Schema 16 on PostgreSQL: ``callback_initials`` (CALLBACK_CASES), filled from the cases'
    own side tables in ranges of callback ids (saying how far it is; Cancel rolls the step
    back), its index, and the triggers. Writes to the callbacks and to the cases' names wait
    for the step (SHARE lock), so nothing written meanwhile is missed. Nothing if it is there."""
    side = CALLBACK_SIDE
    if db.table_exists(side):
        return
    db.execute_sql("LOCK TABLE callback, complaint, work_order IN SHARE MODE")
    db.execute_sql(f'CREATE TABLE {side} (id integer NOT NULL, kind smallint NOT NULL, '
                   f'initials text COLLATE "C" NOT NULL, due_date date NOT NULL, PRIMARY KEY (id, kind))')
    top = db.execute_sql("SELECT max(id) FROM callback").fetchone()[0] or 0
    for start in range(0, top + 1, chunk):
        for case, (column, kind) in CALLBACK_CASES.items():
            db.execute_sql(f"INSERT INTO {side} (id, kind, initials, due_date) "
                           f"SELECT r.id, {kind}, i.initials, r.due_date FROM callback r "
                           f"JOIN {case}_initials i ON i.id = r.{column} WHERE r.id >= %s AND r.id < %s",
                           (start, start + chunk))
        if progress:
            progress(min(start + chunk, top), top)
    db.execute_sql(f"CREATE INDEX {side}_initials ON {side} (initials) INCLUDE (due_date, id)")
    _pg_callback_put(db)
    db.execute_sql(f"ANALYZE {side}")


def initials_term(term: str) -> bool:
    """A term that may be a name's initials: 2 to 10 ASCII letters."""
    return 2 <= len(term) <= 10 and term.isascii() and term.isalpha()


def initials_range(term: str) -> tuple[str, str]:
    """The index range of initials starting with ``term``."""
    low = term.lower()
    return low, low[:-1] + chr(ord(low[-1]) + 1)
