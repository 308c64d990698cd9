"""Finding complaints: filters, quick search and sorted pages for the lazy list.

Quick search uses the FTS5 trigram index for three or more characters (any Chinese substring)
and LIKE on the complaint table for one or two (a trigram MATCH needs three, and LIKE against
the FTS table silently finds nothing on SQLite 3.40). On a database without FTS5 (PostgreSQL)
LIKE is used throughout.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass

from peewee import JOIN, SQL, Alias, NodeList, fn

from propdesk.models import database, is_sqlite
from propdesk.models.enums import ComplaintStatus
from propdesk.models.tables import Category, Complaint, Department, Unit, now
from propdesk.services.register.owners import normalize_text
from propdesk.services.lists.query_parts import all_of, day_range


@dataclass(frozen=True)
class ComplaintFilter:
    statuses: tuple[str, ...] = ()  # empty: all but voided
    category_id: int | None = None
    severity: str | None = None
    department_id: int | None = None
    building_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    overdue_only: bool = False
    due: str | None = None  # a named condition of services.dashboard (reply_today, escalated ...)
    text: str = ""
    at: dt.datetime | None = None  # "now" for the overdue test


COLUMNS = {
    "number": Complaint.number,
    "received_at": Complaint.received_at,
    "complainant": Complaint.complainant,
    "unit": Unit.label,
    "phone": Complaint.phone,
    "category": Category.name,
    "severity": Complaint.severity,
    "department": Department.name,
    "status": Complaint.status,
    "reply_by": Complaint.reply_by,
    "resolve_by": Complaint.resolve_by,
    "description": Complaint.description,
}

ROW_FIELDS = (
    Complaint.id, Complaint.number, Complaint.received_at, Complaint.complainant,
    Unit.label.alias("unit"), Complaint.phone, Category.name.alias("category"),
    Complaint.severity, Department.name.alias("department"), Complaint.status,
    Complaint.reply_by, Complaint.resolve_by, Complaint.replied_at, Complaint.closed_at,
    Complaint.escalation, Complaint.is_group, Complaint.valid,
    fn.substr(Complaint.description, 1, 120).alias("description"),
    Complaint.reopen_count, Complaint.related_to, Complaint.on_hold_since, Complaint.notice_required,
)


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def text_condition(model, term: str, like_fields: list):
    """Rows of ``model`` containing ``term``: its trigram index for 3+ characters, else LIKE
    over ``like_fields`` (the index cannot answer shorter terms)."""
    term = normalize_text(term)
    if not term:
        return None
    if len(term) >= 3 and is_sqlite():
        fts = f"{model._meta.table_name}_fts"
        phrase = _fts_phrase(term)
        matches = SQL(f"(SELECT rowid FROM {fts} WHERE {fts} MATCH ?)", [phrase])
        if _many_matches(fts, phrase):
            # A common term: "+id" keeps SQLite from looking every match up by id and sorting
            # them all; it walks the date index instead and stops at the first page.
            return NodeList((SQL("+"), model.id), glue="").in_(matches)
        return model.id.in_(matches)
    condition = like_fields[0].contains(term)
    for field in like_fields[1:]:
        condition |= field.contains(term)
    return condition


MANY = 2000  # matches beyond which walking the date index beats sorting the matches


def _many_matches(fts: str, phrase: str) -> bool:
    cursor = database.execute_sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT {MANY + 1})", (phrase,))
    return cursor.fetchone()[0] > MANY


def needs_unit_join(text: str) -> bool:
    """LIKE search also looks at the unit label (the trigram index holds it already)."""
    return bool(text) and (len(normalize_text(text)) < 3 or not is_sqlite())


def _text_condition(term: str):
    return text_condition(Complaint, term, [
        Complaint.description, Complaint.complainant, Complaint.location, Complaint.number,
        Complaint.phone, Unit.label, Complaint.customer_request])


def _where(f: ComplaintFilter):
    conds = []
    if f.statuses:
        conds.append(Complaint.status.in_(f.statuses))
    else:
        conds.append(Complaint.status != ComplaintStatus.VOIDED.value)
    if f.category_id:
        conds.append(Complaint.category == f.category_id)
    if f.severity:
        conds.append(Complaint.severity == f.severity)
    if f.department_id:
        conds.append(Complaint.department == f.department_id)
    if f.building_id:
        conds.append(Unit.building == f.building_id)
    conds += day_range(Complaint.received_at, f.date_from, f.date_to)
    if f.overdue_only or f.due:
        # the dashboard's named conditions: its numbers and these lists agree by construction
        from propdesk.services.lists.dashboard import complaint_conditions

        named = complaint_conditions(f.at or now())
        late = named["resolve_overdue"] | named["reply_overdue"]
        if f.overdue_only:
            conds.append(Complaint.status.in_(ComplaintStatus.open_codes()) & late)
        if f.due:
            conds.append(Complaint.status.in_(ComplaintStatus.open_codes()) & named[f.due])
    text = _text_condition(f.text)
    if text is not None:
        conds.append(text)
    return all_of(conds)


def _base(fields):
    return (Complaint.select(*fields)
            .join(Unit, join_type=JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id)).switch(Complaint)
            .join(Category, on=(Complaint.category == Category.id)).switch(Complaint)
            .join(Department, join_type=JOIN.LEFT_OUTER, on=(Complaint.department == Department.id)))


def page(f: ComplaintFilter, order: str = "received_at", descending: bool = True,
         offset: int = 0, limit: int = 100) -> list[dict]:
    """One page of list rows: a single query, no query per row.

    The list asks for the same page shapes again and again (every refresh, every scroll), so
    the SQL is built once per shape and the rows are read raw, only the date columns
    converted: peewee's per-call building and per-cell conversion cost twice the query."""
    sql, params = _page_sql(_shape(f), order, descending, offset, limit)
    cursor = database.execute_sql(sql, params)
    rows = [dict(zip(ROW_NAMES, values)) for values in cursor.fetchall()]
    for row in rows:
        for key in DATE_COLUMNS:
            value = row.get(key)
            if isinstance(value, str):
                row[key] = dt.datetime.fromisoformat(value)
    return rows


# the keys of a row as peewee would name them (related_to, not the column related_to_id)
ROW_NAMES = [node._alias if isinstance(node, Alias) else node.name for node in ROW_FIELDS]
DATE_COLUMNS = ("received_at", "reply_by", "resolve_by", "replied_at", "closed_at", "on_hold_since")


def _shape(f: ComplaintFilter) -> ComplaintFilter:
    """The filter as a cache key: "now" matters only to the overdue and due conditions."""
    return f if (f.overdue_only or f.due) else dataclasses.replace(f, at=None)


@functools.lru_cache(maxsize=256)
def _page_sql(f: ComplaintFilter, order: str, descending: bool, offset: int, limit: int):
    column = COLUMNS.get(order, Complaint.received_at)
    ordering = [column.desc() if descending else column.asc(),
                Complaint.id.desc() if descending else Complaint.id.asc()]
    query = _base(ROW_FIELDS).where(_where(f)).order_by(*ordering).offset(offset).limit(limit)
    return query.sql()


def count(f: ComplaintFilter) -> int:
    sql, params = _count_sql(_shape(f))
    return database.execute_sql(sql, params).fetchone()[0]


@functools.lru_cache(maxsize=256)
def _count_sql(f: ComplaintFilter):
    query = Complaint.select(fn.COUNT(Complaint.id))
    if f.building_id or needs_unit_join(f.text):
        query = query.join(Unit, join_type=JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id))
    return query.where(_where(f)).sql()
