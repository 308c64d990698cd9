"""A phone is found however it was written and however it is typed into a list's search box:
"155 6526 1425" by 15565261425, by 65261425 and by 155-6526-1425; "13800138000" by "138 0013
8000" (models.db.phone_text_sql, owners.phone_search_digits). Complaints, work orders and
callbacks; the search indexes, the LIKE paths and the counts agree; an upgraded file finds the
phones written before the upgrade."""
import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from propdesk.models import database
from propdesk.models.tables import Complaint, WorkOrder
from propdesk.services.core.accounts import PROGRAM
from propdesk.services.lists import callback_search, listing, search, workorder_search
from propdesk.services.register.owners import phone_search_digits

pytestmark = pytest.mark.demo_office(n_complaints=160, seed=11)

TODAY = dt.date(2026, 11, 24)
V16 = Path(__file__).parent / "fixtures" / "db" / "propdesk_v16.db"


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _spaced(digits: str) -> str:
    """The same number written another way than the office wrote it."""
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}" if len(digits) == 11 else f"{digits[:4]}-{digits[4:]}"


def _written_apart(model, column) -> list[tuple[int, str]]:
    rows = [(r.id, getattr(r, column.name)) for r in model.select(model.id, column).where(column != "")]
    apart = [(i, p) for i, p in rows if not p.isdigit()]
    together = [(i, p) for i, p in rows if p.isdigit()]
    assert apart and together, "the demo office writes phones both ways"
    return apart[:8] + together[:4]


LISTS = [
    (search, search.ComplaintFilter, Complaint, Complaint.phone, lambda r: r["id"], {}),
    (workorder_search, workorder_search.WorkOrderFilter, WorkOrder, WorkOrder.contact_phone,
     lambda r: r["id"], {}),
]


def _terms(phone: str) -> list[str]:
    digits = _digits(phone)
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    terms = [digits, digits[-8:], _spaced(digits)]
    if not phone.isdigit():
        terms.append(phone)  # as written
    return terms


def _ids(module, f, **kw) -> list[int]:
    return [r["id"] for r in module.page(f, limit=100_000, reader=PROGRAM, **kw)]


@pytest.mark.parametrize("which", range(len(LISTS)))
def test_a_case_is_found_by_its_phone_written_any_way(demo_office, which, monkeypatch):
    module, make, model, column, _key, extra = LISTS[which]
    for row_id, phone in _written_apart(model, column):
        for term in _terms(phone):
            f = make(text=term, **extra) if module is not search else make(text=term, on_record=True)
            found = _ids(module, f)
            assert row_id in found, (phone, term)
            assert module.count(f, reader=PROGRAM) == len(found), (phone, term)
            # every row found holds the term or, for a phone typed with separators, its digits
            wanted = [term] + [d for d in [phone_search_digits(term)] if d]
            assert {r for r in found} == {r for r in found if _holds(model, r, wanted)}


def _holds(model, row_id: int, terms: list[str]) -> bool:
    row = model.get_by_id(row_id)
    phone = row.phone if model is Complaint else row.contact_phone
    texts = [phone, _digits(phone)] + [str(getattr(row, f.name) or "") for f in model._meta.sorted_fields
                                       if f.name not in ("phone", "contact_phone")]
    if row.unit_id:
        texts.append(row.unit.label)
    return any(t in x for t in terms for x in texts)


@pytest.mark.sqlite_only(reason="the LIKE paths of SQLite's lists (PostgreSQL has one search column)")
@pytest.mark.parametrize("which", range(len(LISTS)))
def test_the_like_paths_find_what_the_indexes_find(demo_office, which, monkeypatch):
    module, make, model, column, _key, extra = LISTS[which]
    cases = _written_apart(model, column)
    by_index = {(i, t): _ids(module, make(text=t)) for i, p in cases for t in _terms(p)}
    monkeypatch.setattr(listing, "uses_index", lambda term: False)
    module.LISTING.clear_cache()
    by_like = {(i, t): _ids(module, make(text=t)) for i, p in cases for t in _terms(p)}
    assert by_like == by_index


def _callback_phones() -> list[tuple[int, str]]:
    rows = database.execute_sql(
        "SELECT b.id, coalesce(c.phone, w.contact_phone) FROM callback b "
        "LEFT JOIN complaint c ON c.id = b.complaint_id LEFT JOIN work_order w ON w.id = b.work_order_id "
        "WHERE coalesce(c.phone, w.contact_phone, '') <> '' ORDER BY b.id").fetchall()
    apart = [r for r in rows if not r[1].isdigit()]
    assert apart, "callbacks of cases whose phone has separators"
    return apart[:6] + [r for r in rows if r[1].isdigit()][:3]


def test_a_callback_is_found_by_its_cases_phone_written_any_way(demo_office):
    for callback_id, phone in _callback_phones():
        for term in _terms(phone):
            f = callback_search.CallbackFilter(view="all", text=term, today=TODAY)
            found = [r["id"] for r in callback_search.page(f, limit=100_000, reader=PROGRAM)]
            assert callback_id in found, (phone, term)
            assert callback_search.count(f, reader=PROGRAM) == len(found)


@pytest.mark.sqlite_only(reason="the callbacks' LIKE path for a few rows (SQLite)")
def test_a_callback_found_row_by_row_too(demo_office, monkeypatch):
    cases = _callback_phones()
    monkeypatch.setattr(callback_search, "uses_index", lambda term: False)
    callback_search.LISTING.clear_cache()
    for callback_id, phone in cases:
        for term in _terms(phone):
            f = callback_search.CallbackFilter(view="all", text=term, today=TODAY)
            assert callback_id in [r["id"] for r in callback_search.page(f, limit=100_000, reader=PROGRAM)]


@pytest.mark.parametrize("term, digits", [
    ("155 6526 1425", "15565261425"), ("155-6526-1425", "15565261425"),
    ("+86 155 6526 1425", "15565261425"), ("0755-8612 3456", "075586123456"),
    ("(0755) 8612", "07558612"),
    ("15565261425", None),   # digits alone: the index holds them already
    ("3-2-1201", None),      # a unit, not a phone (six digits)
    ("6526 14", None),       # too few digits to be a phone
    ("漏水 155", None),
])
def test_which_terms_are_phones(term, digits):
    assert phone_search_digits(term) == digits


@pytest.mark.sqlite_only(reason="an old SQLite file (the PostgreSQL upgrade is tested on a server)")
def test_an_upgraded_file_finds_phones_written_before(tmp_path):
    from propdesk.models.db import SCHEMA_VERSION, init_db

    path = tmp_path / "office.db"
    shutil.copy(V16, path)
    con = sqlite3.connect(path)
    try:  # written apart before the upgrade: indexed as written by the old triggers
        cid = con.execute("SELECT id FROM complaint ORDER BY id LIMIT 1").fetchone()[0]
        con.execute("UPDATE complaint SET phone = '155 6526 1425', phone_digits = '15565261425' WHERE id = ?", (cid,))
        wid = con.execute("SELECT id FROM work_order ORDER BY id LIMIT 1").fetchone()[0]
        con.execute("UPDATE work_order SET contact_phone = '130-7565-5560' WHERE id = ?", (wid,))
        con.commit()
        assert not con.execute("SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH '\"15565261425\"'").fetchall()
    finally:
        con.close()
    calls = []
    db = init_db(str(path), progress=lambda *a: calls.append(a))
    try:
        search.LISTING.clear_cache()
        workorder_search.LISTING.clear_cache()
        for term in ("15565261425", "65261425", "155-6526-1425"):
            assert cid in _ids(search, search.ComplaintFilter(text=term, on_record=True)), term
        for term in ("13075655560", "130 7565 5560"):
            assert wid in _ids(workorder_search, workorder_search.WorkOrderFilter(text=term)), term
        # the other rows' index is the same as a new file's: every row once in each index
        for table in ("complaint", "work_order"):
            for suffix in ("_fts", "_fts_bi"):
                n = db.execute_sql(f"SELECT count(*) FROM {table}{suffix}").fetchone()[0]
                assert n == db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        db.close()
    assert {(17, "complaint"), (17, "work_order")} <= {(v, w) for v, w, _, _ in calls}
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    finally:
        con.close()


@pytest.mark.postgres_only
def test_a_server_upgraded_to_17_finds_phones_written_before(demo_office, db_location):
    """Schema 16's search text held the phone as written: the upgrade writes the digits beside
    it for the complaints, work orders and callbacks whose phone has separators."""
    from propdesk.models.db import SCHEMA_VERSION, init_db, phone_digits_sql, schema_version

    complaint_id, phone = _written_apart(Complaint, Complaint.phone)[0]
    callback_id = [cb for cb, p in _callback_phones() if not p.isdigit()][0]
    digits = _digits(phone)
    for table, column in (("complaint", "phone"), ("work_order", "contact_phone")):
        d = phone_digits_sql(column)  # schema 16's text: the phone alone (the triggers watch the phone, not this)
        database.execute_sql(f"UPDATE {table} SET search_text = replace(search_text, {column} || ' ' || {d}, {column}) "
                             f"WHERE {d} <> {column}")
    database.execute_sql("UPDATE callback SET search_text = regexp_replace(search_text, ' [0-9]+(\\n[^\\n]*)$', '\\1')")
    database.execute_sql("UPDATE setting SET value = '16' WHERE key = 'schema_version'")
    search.LISTING.clear_cache()
    assert complaint_id not in _ids(search, search.ComplaintFilter(text=digits, on_record=True))
    database.obj.close()
    calls = []
    db = init_db(db_location, progress=lambda *a: calls.append(a))
    assert schema_version(db) == SCHEMA_VERSION
    assert {(17, "complaint"), (17, "work_order"), (17, "callback")} <= {(v, w) for v, w, _, _ in calls}
    for module in (search, callback_search):
        module.LISTING.clear_cache()
    assert complaint_id in _ids(search, search.ComplaintFilter(text=digits, on_record=True))
    cb_phone = dict(_callback_phones())[callback_id]
    f = callback_search.CallbackFilter(view="all", text=_digits(cb_phone), today=TODAY)
    assert callback_id in [r["id"] for r in callback_search.page(f, limit=100_000, reader=PROGRAM)]
