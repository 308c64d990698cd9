"""The office calendar across desks: a change made on one desk (another process, another
connection) is used by the next deadline another desk computes, without a restart; a calendar
that cannot be read is an error the clerk is told about, never "no office days"."""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from propdesk.errors import RuleError
from propdesk.models.tables import Category
from propdesk.services.cases import complaints, sla
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core import calendar
from propdesk.services.setup import calendar_admin

D = dt.datetime
TUESDAY = D(2026, 12, 1, 9, 0)  # 2 December is an ordinary Wednesday


def other_desk(db_path: str, code: str) -> None:
    """Run ``code`` in another process: another PropDesk desk with its own connection."""
    script = textwrap.dedent(f"""
        from propdesk.models import init_db
        from propdesk.models.tables import Staff
        from propdesk.services.setup import calendar_admin
        import datetime as dt
        init_db({db_path!r})
        admin = Staff.get(Staff.username == "admin")
    """) + textwrap.dedent(code)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_day_closed_on_another_desk_moves_this_desks_next_deadline(office, db_location):
    assert sla.deadlines(TUESDAY, "minor")[1] == D(2026, 12, 2, 9, 0)  # this desk caches
    other_desk(db_location, """
        calendar_admin.set_days(admin, dt.date(2026, 12, 2), dt.date(2026, 12, 2), "closed", "盘点")
    """)
    assert sla.deadlines(TUESDAY, "minor")[1] == D(2026, 12, 3, 9, 0)  # no restart
    assert not calendar.is_working_day(dt.date(2026, 12, 2))
    other_desk(db_location, """
        calendar_admin.clear_days(admin, dt.date(2026, 12, 2), dt.date(2026, 12, 2))
    """)
    assert calendar.add_working_days(TUESDAY, 1) == D(2026, 12, 2, 9, 0)


def test_the_cache_is_used_while_nothing_changes(office, monkeypatch):
    calendar_admin.set_days(office["admin"], dt.date(2026, 12, 2), dt.date(2026, 12, 2), "closed", "盘点")
    assert calendar.add_working_days(TUESDAY, 1) == D(2026, 12, 3, 9, 0)
    reads = []
    real = calendar.CalendarDay.select
    monkeypatch.setattr(calendar.CalendarDay, "select", lambda *a: reads.append(1) or real(*a))
    for _ in range(3):
        assert calendar.add_working_days(TUESDAY, 1) == D(2026, 12, 3, 9, 0)
    assert reads == []  # the stamp alone was read
    calendar_admin.clear_days(office["admin"], dt.date(2026, 12, 2), dt.date(2026, 12, 2))
    reads.clear()  # (the change itself reads the entries it replaces)
    assert calendar.add_working_days(TUESDAY, 1) == D(2026, 12, 2, 9, 0)
    assert calendar.add_working_days(TUESDAY, 1) == D(2026, 12, 2, 9, 0)
    assert reads == [1]  # read again once, after the change


@pytest.mark.sqlite_only(reason="breaks the table through a second sqlite3 connection")
def test_an_unreadable_calendar_is_logged_and_shown(office, fresh_db, caplog):
    assert calendar.is_working_day(dt.date(2026, 12, 2))  # cached by this desk
    # another connection breaks the table and marks the calendar changed
    other = sqlite3.connect(fresh_db.database, isolation_level=None)
    other.execute("ALTER TABLE calendar_day RENAME TO calendar_day_broken")
    other.execute("UPDATE setting SET value = 'x' WHERE key = 'calendar_version'")
    other.execute("INSERT OR IGNORE INTO setting(key, value) VALUES ('calendar_version', 'x')")
    other.close()
    caplog.set_level(logging.ERROR)
    with pytest.raises(calendar.CalendarUnreadable) as err:
        sla.deadlines(TUESDAY, "minor")
    assert "工作日历" in err.value.text()
    assert "calendar could not be read" in caplog.text
    # a clerk saving a complaint gets the message, and nothing is stored
    with pytest.raises(RuleError) as err:
        complaints.create(office["clerk"], ComplaintInput(
            received_at=TUESDAY, unit="3栋2单元1201", phone="13800138000", complainant="张伟",
            description="楼上漏水", severity="minor",
            category_id=Category.get(Category.name == "工程维修/设施设备").id), at=TUESDAY)
    assert "工作日历" in err.value.text()
    assert complaints.Complaint.select().count() == 0
