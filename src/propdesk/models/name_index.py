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
row written by any program gets its initials. PostgreSQL: not indexed (the search column there
has no initials); the quick search finds the letters as text only.
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
    top = db.execute_sql(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
    known: dict[str, str] = {}
    last = 0
    while True:
        rows = db.execute_sql(f"SELECT id, {column} FROM {table} WHERE id > ? ORDER BY id LIMIT {chunk}",
                              (last,)).fetchall()
        if not rows:
            break
        out = []
        for row_id, name in rows:
            name = name or ""
            if name not in known:
                known[name] = name_initials(name)
            out.append((row_id, known[name]))
        _executemany(db, f"INSERT OR REPLACE INTO {side} (id, initials) VALUES (?, ?)", out)
        last = rows[-1][0]
        if progress:
            progress(last, top)


def drop(db, table: str) -> None:
    side = f"{table}_initials"
    for trigger in ("ai", "au", "ad"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {side}_{trigger}")
    db.execute_sql(f"DROP TABLE IF EXISTS {side}")


def initials_term(term: str) -> bool:
    """A term that may be a name's initials: 2 to 10 ASCII letters."""
    return 2 <= len(term) <= 10 and term.isascii() and term.isalpha()


def initials_range(term: str) -> tuple[str, str]:
    """The index range of initials starting with ``term``."""
    low = term.lower()
    return low, low[:-1] + chr(ord(low[-1]) + 1)
