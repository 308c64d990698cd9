"""The audit log's pages (services.core.audit_log.page): keyset pages on (time, id), newest first,
each continuing from a row of the one before, the rows above a row, and the oldest page (the
viewer's Ctrl+End). The entries are written out of time order (a callback result is logged with
the moment typed, a day back; several share a second), so the id alone is not the log's order.
Every filter of the viewer, read through its own index and by walking the time's index (the
plan ``query_parts.narrowed`` picks with many entries, forced here by its threshold), gives the
same rows as a plain query. Runs on PostgreSQL too (.ci/postgres.sh)."""
from __future__ import annotations

import datetime as dt

import pytest

from propdesk.models.tables import AuditEntry
from propdesk.services.core import audit, audit_log
from propdesk.services.core.audit_log import AuditFilter
from propdesk.services.core.db_retry import transaction
from propdesk.services.lists import query_parts

BASE = dt.datetime(2026, 11, 20, 9, 0)
KINDS = ["complaint", "work_order", "setting", "staff"]
ACTIONS = ["create", "change", "read", "login"]


@pytest.fixture
def log(office):
    """90 entries written out of time order: 23 distinct times over 11 days, shared seconds."""
    people = [office["clerk"], office["supervisor"], office["admin"], None]
    with transaction():
        for i in range(90):
            at = BASE + dt.timedelta(hours=((i * 37) % 23) * 11)
            audit.record(people[i % 4], KINDS[i % 4 if i % 7 else 2], i % 5, ACTIONS[i % 3],
                         note=f"条目{i}", at=at)
    return office


def _plain(keep) -> list[int]:
    """The ids a plain query gives, newest first, of the entries ``keep`` keeps."""
    return [e.id for e in AuditEntry.select().order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            if keep(e)]


def _filters(office) -> list[tuple[AuditFilter, object]]:
    clerk = office["clerk"].id
    day_from, day_to = dt.date(2026, 11, 22), dt.date(2026, 11, 27)

    def in_days(e):
        return day_from <= e.at.date() <= day_to

    return [
        (AuditFilter(), lambda e: True),
        (AuditFilter(staff_id=clerk), lambda e: e.staff_id == clerk),
        (AuditFilter(entity="setting"), lambda e: e.entity == "setting"),
        (AuditFilter(entity="setting", record="3"), lambda e: e.entity == "setting" and e.entity_id == 3),
        (AuditFilter(date_from=day_from, date_to=day_to), in_days),
        (AuditFilter(staff_id=clerk, entity="complaint"), lambda e: e.staff_id == clerk and e.entity == "complaint"),
        (AuditFilter(staff_id=clerk, date_from=day_from, date_to=day_to),
         lambda e: e.staff_id == clerk and in_days(e)),
        (AuditFilter(entity="work_order", date_from=day_from, date_to=day_to),
         lambda e: e.entity == "work_order" and in_days(e)),
        (AuditFilter(action="change"), lambda e: e.action == "change"),
    ]


def _ids(rows) -> list[int]:
    return [r["id"] for r in rows]


@pytest.mark.parametrize("many", [query_parts.MANY, 0], ids=["rare: own index", "common: walk"])
def test_pages_of_every_filter_are_the_plain_query_in_order(log, monkeypatch, many):
    monkeypatch.setattr(query_parts, "MANY", many)
    query_parts.forget_counts()
    boss = log["supervisor"]
    assert _plain(lambda e: True) != [e.id for e in AuditEntry.select().order_by(AuditEntry.id.desc())]
    for f, keep in _filters(log):
        expected = _plain(keep)
        assert expected, f
        # down, a page at a time, each from the last row of the one before
        seen, rows = [], audit_log.page(boss, f, 4)
        while rows:
            seen += _ids(rows)
            rows = audit_log.page(boss, f, 4, after=rows[-1])
        assert seen == expected, f
        # the oldest page (Ctrl+End), then up from it with the rows above each first row
        last = audit_log.page(boss, f, 4, oldest_first=True)
        assert _ids(last) == expected[::-1][:4], f
        seen, rows = [], last[::-1]
        while rows:
            seen = _ids(rows) + seen
            rows = audit_log.page(boss, f, 4, before=rows[0])
        assert seen == expected, f
        assert audit_log.count(boss, f) == len(expected), f
        assert _ids(audit_log.all_rows(boss, f, chunk=3)) == expected, f


def test_a_page_from_a_row_of_a_shared_second_goes_on_with_the_rest_of_that_second(log):
    boss = log["supervisor"]
    expected = _plain(lambda e: True)
    at = {e.id: e.at for e in AuditEntry.select()}
    # a row whose second the next row shares: the page after it starts with that next row
    i = next(i for i in range(len(expected) - 1) if at[expected[i]] == at[expected[i + 1]])
    row = next(r for r in audit_log.all_rows(boss, AuditFilter()) if r["id"] == expected[i])
    assert _ids(audit_log.page(boss, AuditFilter(), 3, after=row)) == expected[i + 1:i + 4]
    assert _ids(audit_log.page(boss, AuditFilter(), 3, before=row)) == expected[max(i - 3, 0):i]
