"""PostgreSQL's search indexes beyond the trigram one (issue 20; SQLite has FTS5: models.db).

``models.db.create_pg_search`` keeps a ``search_text`` column per searched table (every searched
text, one per line, the row's number on the first line) with a pg_trgm GIN index: any term of
three or more characters. Three kinds of term need more, found at 1,000,000 complaints:

* **One or two characters** (张伟, 漏, 3幢): pg_trgm has no trigram to look up, so PostgreSQL
  read every row (2.6-2.9 s; SQLite's bigram index: 0.4-26 ms). ``propdesk_grams(text, k)``
  gives every single character and every pair of neighbouring characters of each line (lower
  case; a pair never spans two lines), as a ``text[]``; a GIN index over that expression finds
  a short term with ``&&`` (any of) or ``@>`` (all of). Nothing is stored in the row: it is an
  expression index, kept by PostgreSQL itself on every insert and update.
* **The start of a number** (TS-2021): pg_trgm splits at the dash, and ``ts`` is in every
  number, so the trigram index narrowed little (2.8 s against 0.23 s). Numbers are
  ``PREFIX-YYYYMMDD-NNN``; a term of letters, a dash and digits can only lie in a number where
  its letters end the prefix, so it is a *prefix* of the number for each office prefix ending
  in those letters: a btree over ``upper(number) text_pattern_ops`` answers that. The other
  lines must still be searched for it (a clerk may have typed a number into a description):
  their pairs carry no ``#`` (the first ``k`` lines' pairs are stored as ``#xy``), so
  ``@> ARRAY['ts','s-',…]`` over the other lines is selective, and ILIKE checks what it finds.
* **Callbacks** had no index on PostgreSQL: their list searches the callback's number and its
  case's number, contact, phone and unit. ``callback.search_text`` now holds exactly those (its
  trigger reads the case; triggers on the cases keep it current), so a callback search is one
  indexed condition like the other lists'. The case's number is the second number line.

The query side is ``services.lists.pg_search``.
"""
from __future__ import annotations

import functools
import logging
import threading
from typing import Callable

from peewee import Database

from propdesk.models.db import phone_digits_sql, phone_text_sql

log = logging.getLogger(__name__)

# how many of a table's search lines are numbers (their pairs are stored as "#xy")
NUMBER_LINES = {"complaint": 1, "work_order": 1, "callback": 2}
# the expression of each number line, as its prefix index has it
NUMBER_EXPRS = {
    "complaint": ["upper(number)"],
    "work_order": ["upper(number)"],
    "callback": ["upper(number)", "upper(split_part(search_text, E'\\n', 2))"],
}

# The list order each table's number index holds beside the number (upper(number), then the
# date): the page of a number start (TS-2021) is looked for among the newest of the number's
# own matches, whose dates that index gives without visiting a row (services.lists.pg_search,
# "the window"); the number-only index above still serves the callbacks' second line.
NUMBER_DATES = {"complaint": "received_at", "work_order": "received_at"}

GRAMS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION propdesk_grams(t text, number_lines integer) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
  SELECT array_agg(CASE WHEN l.n <= number_lines THEN '#' || v.g ELSE v.g END)
  FROM unnest(string_to_array(lower(t), E'\n')) WITH ORDINALITY AS l(line, n),
       LATERAL (SELECT substr(l.line, i, 1) FROM generate_series(1, length(l.line)) AS i
                UNION ALL
                SELECT substr(l.line, i, 2) FROM generate_series(1, length(l.line) - 1) AS i) AS v(g)
$$"""


def grams_expr(table: str) -> str:
    return f"propdesk_grams(search_text, {NUMBER_LINES[table]})"


# --- the callback's own search text -------------------------------------------------------------

CALLBACK_TEXT = (r"""
CREATE OR REPLACE FUNCTION callback_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  case_number text; contact text; phone text; unit_label text;
BEGIN
  IF NEW.complaint_id IS NOT NULL THEN
    SELECT c.number, c.complainant, {complaint_phone}, u.label INTO case_number, contact, phone, unit_label
      FROM complaint c LEFT JOIN unit u ON u.id = c.unit_id WHERE c.id = NEW.complaint_id;
  ELSIF NEW.work_order_id IS NOT NULL THEN
    SELECT w.number, w.contact_name, {work_order_phone}, u.label INTO case_number, contact, phone, unit_label
      FROM work_order w LEFT JOIN unit u ON u.id = w.unit_id WHERE w.id = NEW.work_order_id;
  ELSIF NEW.incident_contact_id IS NOT NULL THEN
    SELECT i.number, ic.name, {contact_phone}, u.label INTO case_number, contact, phone, unit_label
      FROM incident_contact ic LEFT JOIN incident i ON i.id = ic.incident_id
      LEFT JOIN unit u ON u.id = ic.unit_id WHERE ic.id = NEW.incident_contact_id;
  END IF;
  -- fixed lines (an empty one for what is missing): 1 number, 2 the case's number, 3 contact,
  -- 4 phone (and its digits: models.db.phone_text_sql), 5 unit
  NEW.search_text := concat_ws(E'\n', NEW.number, coalesce(case_number, ''), coalesce(contact, ''),
                               coalesce(phone, ''), coalesce(unit_label, ''));
  RETURN NEW;
END $$""").format(complaint_phone=phone_text_sql("c.phone"), work_order_phone=phone_text_sql("w.contact_phone"),
                  contact_phone=phone_text_sql("ic.phone"))

# (table, the columns the callback's text reads, how its callbacks are found)
CASE_SOURCES = [
    ("complaint", ["number", "complainant", "phone", "unit_id"], "complaint_id = NEW.id"),
    ("work_order", ["number", "contact_name", "contact_phone", "unit_id"], "work_order_id = NEW.id"),
    ("incident_contact", ["name", "phone", "unit_id", "incident_id"], "incident_contact_id = NEW.id"),
    ("incident", ["number"],
     "incident_contact_id IN (SELECT id FROM incident_contact WHERE incident_id = NEW.id)"),
]


def _callback_text(db: Database) -> None:
    db.execute_sql(CALLBACK_TEXT)
    db.execute_sql("DROP TRIGGER IF EXISTS callback_search ON callback")
    db.execute_sql("CREATE TRIGGER callback_search BEFORE INSERT OR UPDATE OF number, complaint_id, "
                   "work_order_id, incident_contact_id ON callback "
                   "FOR EACH ROW EXECUTE FUNCTION callback_search_text()")
    for table, columns, which in CASE_SOURCES:
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
        db.execute_sql(f"CREATE OR REPLACE FUNCTION {table}_callback_text() RETURNS trigger "
                       f"LANGUAGE plpgsql AS $$ BEGIN "
                       f"UPDATE callback SET number = number WHERE {which}; RETURN NULL; END $$")
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_callback_text ON {table}")
        db.execute_sql(f"CREATE TRIGGER {table}_callback_text AFTER UPDATE OF {', '.join(columns)} "
                       f"ON {table} FOR EACH ROW WHEN ({changed}) "
                       f"EXECUTE FUNCTION {table}_callback_text()")


def refresh_callback_phones(db: Database) -> None:
    """Schema 17: the callback's text with its case's phone as models.db.phone_text_sql writes it,
    for the callbacks of a case whose phone has separators (the others' text is the same)."""
    _callback_text(db)
    cases = [("complaint_id", "complaint", "phone"), ("work_order_id", "work_order", "contact_phone"),
             ("incident_contact_id", "incident_contact", "phone")]
    which = " OR ".join(f"{key} IN (SELECT r.id FROM {table} r WHERE {phone_digits_sql('r.' + column)} <> r.{column})"
                        for key, table, column in cases)
    db.execute_sql(f"UPDATE callback SET number = number WHERE {which}")


# --- indexes -----------------------------------------------------------------------------------

def index_statements(table: str) -> list[str]:
    """CREATE INDEX statements of ``table``'s short-term and number indexes (IF NOT EXISTS)."""
    out = [f"CREATE INDEX IF NOT EXISTS {table}_search_grams ON {table} USING gin ({grams_expr(table)})"]
    for name, expr in zip(_number_index_names(table), NUMBER_EXPRS[table]):
        # the number itself too (INCLUDE): PostgreSQL reads an index alone only when it holds the
        # columns the query names, not just the expression of them
        date = (f", {NUMBER_DATES[table]}) INCLUDE (number" if name == f"{table}_number_date" else "")
        out.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} (({expr}) text_pattern_ops{date})")
    return out


def _number_index_names(table: str) -> list[str]:
    """One per number line: ``{table}_number_prefix_N``, or for the first line of a table in
    NUMBER_DATES ``{table}_number_date`` (the number, then the date: schema step 11)."""
    return [f"{table}_number_date" if i == 1 and table in NUMBER_DATES else f"{table}_number_prefix_{i}"
            for i in range(1, len(NUMBER_EXPRS[table]) + 1)]


def index_names(table: str) -> list[str]:
    return [f"{table}_search_grams"] + _number_index_names(table)


# ANALYZE keeps the most common pairs of the grams index (10 x this many); a pair outside that
# list is guessed at half the rarest one's share. At the default (100) a rare name like 张伟
# (582 rows of 1,000,000) was guessed at 9,973 rows and answered by a parallel plan (44 ms);
# at 400, 2,207 rows (14 ms). ANALYZE of the table computes the pairs of its 120,000 sample
# rows: about 20 s at 1,000,000 complaints (autovacuum does it in the background).
GRAMS_STATISTICS = 400


def create_indexes(db: Database, table: str) -> None:
    for statement in index_statements(table):
        db.execute_sql(statement)
    db.execute_sql(f"ALTER INDEX {table}_search_grams ALTER COLUMN 1 SET STATISTICS {GRAMS_STATISTICS}")


def drop_indexes(db: Database, table: str) -> None:
    """For bulk loads (benchmarks): one build afterwards beats a million index updates."""
    for name in index_names(table):
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")


def upgrade_number_dates(db: Database) -> None:
    """Schema step 11 on PostgreSQL: the first number line's index of each table in NUMBER_DATES
    gets the date beside the number (the number-only one of step 7 goes: the new one serves
    every query it did). The new indexes are built first (building one only holds up saves);
    dropping an index locks its table to readers too until the step commits, so the old ones
    go last, just before that commit."""
    for table in NUMBER_DATES:
        create_indexes(db, table)
    for table in NUMBER_DATES:
        db.execute_sql(f"DROP INDEX IF EXISTS {table}_number_prefix_1")


def _parts(db: Database) -> list[tuple[str, Callable[[], object]]]:
    """Schema step 7's work as parts, each (the table it is for: models.db.UPGRADE_PARTS, what
    to run); building an index is one part (at 1,000,000 complaints the grams index alone takes
    minutes)."""
    from propdesk.models.db import FTS_TABLES, create_pg_search

    def callback_text() -> None:
        db.execute_sql(GRAMS_FUNCTION)
        _callback_text(db)
        # the callbacks whose text is still their number alone (schema 1-6): their case's too
        db.execute_sql("UPDATE callback SET number = number WHERE strpos(search_text, E'\\n') = 0")

    # a database made before its search column (none should be): made and filled here
    parts: list[tuple[str, Callable[[], object]]] = [
        (table, functools.partial(create_pg_search, db, table)) for table in FTS_TABLES]
    parts.append(("callback", callback_text))
    for table in FTS_TABLES:
        for statement in index_statements(table):
            parts.append((table, functools.partial(db.execute_sql, statement)))
        parts.append((table, functools.partial(
            db.execute_sql, f"ALTER INDEX {table}_search_grams ALTER COLUMN 1 SET STATISTICS {GRAMS_STATISTICS}")))
    return parts


# Each part is STEP units of the step's progress; pg_stat_progress_create_index tells how far
# an index build is within its part.
STEP = 100
WATCH_S = 0.5  # how often the watch asks the server how far the index build is


def upgrade(db: Database) -> None:
    """Schema step 7 on PostgreSQL (idempotent): the grams function, the callback's own search
    text (filled for the callbacks there), the short-term and number indexes of all three.

    It says how far it is through ``models.db.report`` after each part and, while a part runs,
    every WATCH_S from a second connection (:class:`_Watch`: how far the server's index build
    is, from pg_stat_progress_create_index). All of it is one transaction with the version bump
    (models.db.upgrade), so Cancel (the progress callback raising) rolls everything back and the
    database stays at its old version: CREATE INDEX inside a transaction block is the ordinary,
    transactional kind (CONCURRENTLY cannot run inside one), and holds a SHARE lock on its
    table until the end, so the other desks can read while it runs but their saves wait (and
    after lock_timeout are told the database is busy). A Cancel that comes while a statement
    runs is delivered by cancelling that statement on the server (pg_cancel_backend)."""
    run_parts(db, _parts(db))


def run_parts(db: Database, parts: list[tuple[str, Callable[[], object]]]) -> None:
    """Run each ``(what, run)`` of ``parts`` in turn, saying how far they are (per part and, while
    an index is built, from the server) and stopping a statement on Cancel, as :func:`upgrade`
    says (also schema step 18's index, models.db.build_index)."""
    from propdesk.models.db import report

    total = len(parts) * STEP
    with _Watch(db, report) as watch:
        for i, (what, run) in enumerate(parts):
            watch.part(what, i * STEP, total)
            try:
                run()
            except Exception:
                watch.raise_cancel()  # the statement was cancelled because Cancel was pressed
                raise
            watch.raise_cancel()
        watch.part(parts[-1][0], total, total)


class _Watch:
    """Reports step 7's progress and passes Cancel on to the server while a statement runs."""

    def __init__(self, db: Database, report: Callable[[str, int, int], None]):
        self.db, self.report = db, report
        self.lock = threading.Lock()
        self.what, self.done, self.total = "other", 0, 0
        self.cancel: BaseException | None = None
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid = 0

    def __enter__(self):
        self.pid = self.db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        try:
            import psycopg2

            self.conn = psycopg2.connect(dbname=self.db.database, **self.db.connect_params)
            self.conn.autocommit = True
        except Exception:  # progress per part only
            log.warning("no second connection to watch the upgrade", exc_info=True)
            return self
        self.thread = threading.Thread(target=self._watch, name="upgrade-watch", daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join()
            self.conn.close()

    def part(self, what: str, done: int, total: int) -> None:
        """A part starts (``done`` of ``total``): said from this thread; Cancel raises here."""
        with self.lock:
            self.what, self.done, self.total = what, done, total
            self.report(what, done, total)

    def raise_cancel(self) -> None:
        if self.cancel is not None:
            raise self.cancel

    def _fraction(self) -> float:
        with self.conn.cursor() as cur:
            cur.execute("SELECT blocks_done, blocks_total, tuples_done, tuples_total "
                        "FROM pg_stat_progress_create_index WHERE pid = %s", (self.pid,))
            row = cur.fetchone()
        if not row:
            return 0.0
        # Reading the table is most of a build (a GIN build reports nothing else; a btree then
        # sorts and loads its tuples, which it reports): 90 % for the table, the rest loading.
        blocks_done, blocks_total, tuples_done, tuples_total = row
        if tuples_total:
            return 0.9 + 0.1 * min(tuples_done / tuples_total, 1)
        return 0.9 * min(blocks_done / blocks_total, 1) if blocks_total else 0.0

    def _watch(self) -> None:
        while not self.stop.wait(WATCH_S):
            try:
                fraction = self._fraction()
            except Exception:  # progress per part only
                log.warning("cannot read the index build's progress", exc_info=True)
                fraction = 0.0
            with self.lock:
                if self.stop.is_set():
                    return
                try:  # said even at 0: the callback is where Cancel is noticed
                    self.report(self.what, min(self.done + int(STEP * fraction), self.total), self.total)
                except BaseException as cancel:  # noqa: BLE001 - Cancel: the statement is stopped
                    self.cancel = cancel
                    with self.conn.cursor() as cur:
                        cur.execute("SELECT pg_cancel_backend(%s)", (self.pid,))
                    return
