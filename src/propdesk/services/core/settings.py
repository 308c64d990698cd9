"""Office settings stored in the database (key -> text), with defaults.

``change(actor, key, value)`` is how a person changes a setting: administrators only
(``settings.edit``), checked and audited. ``put`` is for internal use (first run, the demo
office, a clerk's own language choice) and checks nothing.
"""
from __future__ import annotations

import logging
import re

from peewee import DatabaseError

from propdesk import i18n
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import Setting
from propdesk.services.core import accounts
from propdesk.services.core import audit
from propdesk.services.core.db_retry import DatabaseBusy, transaction
from propdesk.services.core.file_check import FileDamaged
from propdesk.services.core.validation import MSG_CHOICE, Checker

DEFAULTS = {
    "office_name": "",  # set at the first start: never another office's name on the forms
    "office_phone": "",
    "office_address": "",
    "language": "",
    "backup_keep": "14",  # automatic backups kept (older ones are deleted: they are copies)
    "backup_space_mb": "5000",  # ... and together at most this much disk (the newest is kept)
    "backup_on_exit": "0",  # "1": also a copy each time PropDesk closes (else first start a day)
    "mask_phones_in_exports": "0",  # "1": registers and exports print 138****5678
    "lock_minutes": "10",  # the desk locks after this many idle minutes (0: never)
}

ENTITY = "setting"
MSG_KEY = QT_TRANSLATE_NOOP("rules", "{label}: \"{value}\" is not a setting PropDesk knows.")
MSG_NUMBER = QT_TRANSLATE_NOOP("rules", "{label}: enter a whole number from {low} to {high}.")
MSG_YES_NO = QT_TRANSLATE_NOOP("rules", "{label}: enter 1 (yes) or 0 (no).")

log = logging.getLogger(__name__)

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# settings whose values have a shape: key -> (kind, low, high)
_SHAPES = {
    "backup_keep": ("int", 1, 365),
    "backup_space_mb": ("int", 100, 10_000_000),
    "backup_on_exit": ("bool", 0, 1),
    "callback_days": ("int", 1, 30),
    "callback_max_attempts": ("int", 1, 20),
    "mask_phones_in_exports": ("bool", 0, 1),
    "lock_minutes": ("int", 0, 480),
    "fee_cutoff_day": ("int", 1, 28),  # services/fees/months.py
    "fee_remind_day": ("int", 1, 28),
    "language": ("choice", "", "zh_CN", "en"),
}


def get(key: str, default: str | None = None) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    if row is not None:
        return row.value
    return DEFAULTS.get(key, default)


def office_language() -> str:
    """The office's language, kept in the database: the window, the command's messages and every
    register, form and report use it, whichever desk or scheduled task prints them (``--lang``
    overrides it for one command). A new office takes the system's language once, at its first
    start, and keeps it; afterwards the system's language plays no part (Settings changes it)."""
    stored = get("language")
    if stored in i18n.SUPPORTED:
        return stored
    lang = i18n.system_language()
    try:
        with transaction():
            if get("language") not in i18n.SUPPORTED:  # another desk may have just set it
                put("language", lang)
                audit.record(None, ENTITY, 0, "change", note="language (first start)",
                             changes={"language": (stored or "", lang)})
        return get("language") or lang
    except (DatabaseError, DatabaseBusy, FileDamaged) as err:  # read-only, busy or damaged: the seed, stored next time
        log.warning("the office's language could not be stored: %s", err)
        return lang


def peek_language(location: str) -> str | None:
    """The office's language stored in the SQLite file at ``location``, read without opening the
    database for work (no file created, no schema upgrade): what ``--help`` speaks before any
    command opens it. None for a missing or unreadable file, or a server URL."""
    import sqlite3
    from pathlib import Path

    table, key_col, value_col = (Setting._meta.table_name, Setting.key.column_name,
                                 Setting.value.column_name)
    if "://" in location:
        return _peek_server_language(location, f'SELECT "{value_col}" FROM "{table}" WHERE "{key_col}" = %s')
    if not Path(location).is_file():
        return None
    try:
        con = sqlite3.connect(f"{Path(location).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            row = con.execute(f'SELECT "{value_col}" FROM "{table}" WHERE "{key_col}" = ?',
                              ("language",)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row and row[0] in ("zh_CN", "en") else None


def _peek_server_language(location: str, sql: str) -> str | None:
    """The same on a PostgreSQL server: one short connection, None if it cannot be had."""
    from propdesk.models.db import open_database

    try:
        db = open_database(location)
        try:
            row = db.execute_sql(sql, ("language",)).fetchone()
        finally:
            db.close()
    except Exception:  # noqa: BLE001 - no server, no driver, no table yet: help speaks the default
        return None
    return row[0] if row and row[0] in ("zh_CN", "en") else None


def put(key: str, value: str) -> None:
    """Store a setting without any check (internal use; people go through ``change``)."""
    # an upsert, not REPLACE: PostgreSQL has no REPLACE
    (Setting.insert(key=key, value=value)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: value}).execute())


def _checked(key, value) -> tuple[str, str]:
    c = Checker()
    key = c.text("setting", key, required=True, max_len=64)
    if "setting" not in c.errors and (not _KEY.match(key) or key == "schema_version"):
        c.fail("setting", MSG_KEY, value=key)
    if isinstance(value, bool):
        value = "1" if value else "0"
    value = c.text("value", value, max_len=2000)
    shape = _SHAPES.get(key)
    if shape and "value" not in c.errors:
        kind = shape[0]
        if kind == "int":
            if not re.fullmatch(r"\d{1,6}", value) or not shape[1] <= int(value) <= shape[2]:
                c.fail("value", MSG_NUMBER, low=shape[1], high=shape[2])
        elif kind == "bool" and value not in ("0", "1"):
            c.fail("value", MSG_YES_NO)
        elif kind == "choice" and value not in shape[1:]:
            c.fail("value", MSG_CHOICE)
    c.raise_if_any()
    return key, value


def change(actor, key: str, value) -> str:
    """A person changes a setting: administrators only; the old and new value are audited.
    Returns the value stored."""
    accounts.require(actor, "settings.edit", ENTITY, 0)  # before the transaction (audit)
    key, value = _checked(key, value)
    with transaction():
        old = get(key)
        put(key, value)
        audit.record(actor, ENTITY, 0, "change", note=key, changes={key: (old, value)})
    return value

