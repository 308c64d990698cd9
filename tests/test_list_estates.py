"""A list page names the unit's estate in an office of several active estates, on both engines
(SQLite asks for the estates after the page, PostgreSQL reads them with the page: one round
trip, address.estate_name_sql beside address.with_estates)."""
from __future__ import annotations

import datetime as dt

from propdesk.models import database, is_sqlite
from propdesk.models.tables import Building, Category, Estate, Unit
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.lists.search import ComplaintFilter

NOW = dt.datetime(2026, 11, 24, 10, 0)


def _units_shown(f=ComplaintFilter()) -> list:
    return [r["unit"] or "" for r in search.page(f, reader=PROGRAM)]


def test_the_estate_is_named_only_in_an_office_of_several(office):
    cat = Category.select().first().id
    for unit in ("3栋2单元1201", ""):
        complaints.create(office["clerk"], ComplaintInput(
            unit=unit, phone="13800138000", complainant="张伟", description="楼上漏水",
            category_id=cat, severity="minor"), at=NOW)
    assert sorted(_units_shown(), key=str) == ["", "3栋2单元1201"]

    other = Estate.create(name="翠湖苑")  # a second active estate
    Unit.create(building=Building.create(estate=other, name="5幢"), entrance="2单元", room="802",
                label="5幢2单元802")
    seen = []
    original = database.obj.execute_sql

    def recorded(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    database.obj.execute_sql = recorded
    try:
        shown = _units_shown()
    finally:
        del database.obj.execute_sql
    assert sorted(shown, key=str) == ["", "阳光花园 3栋2单元1201"]
    assert _units_shown(ComplaintFilter(text="漏水")) == shown
    if not is_sqlite():
        assert len(seen) == 1  # the page and its estates in one statement
    callbacks = callback_search.page(CallbackFilter(view="all"), reader=PROGRAM)
    assert all(r["unit"] in ("", None) or r["unit"].startswith("阳光花园 ") for r in callbacks)

    Estate.update(active=False).where(Estate.id == other.id).execute()  # one active again
    assert sorted(_units_shown(), key=str) == ["", "3栋2单元1201"]
