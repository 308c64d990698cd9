"""Deadlines on China's working-day calendar, worked out by hand from the official 2026 schedule.

National Day 2026: 1-7 October off; Saturday 10 October is a make-up working day; the
Mid-Autumn weekend 25-27 September is off. 2026-11-24 is a Tuesday.
"""
import datetime as dt

import pytest

from propdesk.models.enums import DayKind
from propdesk.services.core import calendar
from propdesk.services.setup import calendar_admin
from propdesk.services.cases import sla

D = dt.datetime


@pytest.mark.parametrize("day, working", [
    (dt.date(2026, 9, 30), True),    # Wednesday before National Day
    (dt.date(2026, 10, 1), False),   # National Day
    (dt.date(2026, 10, 7), False),   # last day of the holiday week
    (dt.date(2026, 10, 8), True),    # Thursday after
    (dt.date(2026, 10, 10), True),   # make-up working Saturday (调休)
    (dt.date(2026, 10, 11), False),  # ordinary Sunday
    (dt.date(2026, 11, 28), False),  # ordinary Saturday
])
def test_statutory_calendar(day, working):
    assert calendar.is_working_day(day) is working


@pytest.mark.parametrize("received, severity, reply_by, resolve_by", [
    # Major: reply in 2 clock hours, resolved in 3 working days: 8, 9 and Sat 10 Oct (调休)
    (D(2026, 9, 30, 16, 0), "major", D(2026, 9, 30, 18, 0), D(2026, 10, 10, 16, 0)),
    # Important: reply 1 working day, resolve 2 working days; Sat 10 Oct works (调休)
    (D(2026, 9, 30, 16, 0), "important", D(2026, 10, 8, 16, 0), D(2026, 10, 9, 16, 0)),
    (D(2026, 10, 9, 9, 30), "important", D(2026, 10, 10, 9, 30), D(2026, 10, 12, 9, 30)),
    # Minor: 2 hours across midnight on the clock; 1 working day skips the holiday
    (D(2026, 9, 30, 23, 0), "minor", D(2026, 10, 1, 1, 0), D(2026, 10, 8, 23, 0)),
    # Received during the holiday: the first working day (8 Oct) is day 1, due at its end
    (D(2026, 10, 3, 11, 0), "important", D(2026, 10, 8, 23, 59), D(2026, 10, 9, 23, 59)),
    # ... three working days 8, 9 and Saturday 10 Oct (调休): due at the end of the 10th
    (D(2026, 10, 3, 11, 0), "major", D(2026, 10, 3, 13, 0), D(2026, 10, 10, 23, 59)),
    # Around an ordinary weekend: Friday afternoon
    (D(2026, 11, 27, 15, 0), "minor", D(2026, 11, 27, 17, 0), D(2026, 11, 30, 15, 0)),
    (D(2026, 11, 27, 15, 0), "important", D(2026, 11, 30, 15, 0), D(2026, 12, 1, 15, 0)),
    (D(2026, 11, 27, 15, 0), "major", D(2026, 11, 27, 17, 0), D(2026, 12, 2, 15, 0)),
    # Saturday: Monday is day 1, due at its end
    (D(2026, 11, 28, 10, 0), "minor", D(2026, 11, 28, 12, 0), D(2026, 11, 30, 23, 59)),
])
def test_deadlines_by_hand(received, severity, reply_by, resolve_by):
    assert sla.deadlines(received, severity) == (reply_by, resolve_by)


def test_invalid_complaint_is_answered_within_one_working_day():
    reply_by, _ = sla.deadlines(D(2026, 9, 30, 10, 0), "minor", valid=False)
    assert reply_by == D(2026, 10, 8, 10, 0)


def test_uncovered_year_falls_back_to_weekdays_and_warns(caplog, monkeypatch):
    monkeypatch.setattr(calendar, "_warned_years", set())  # warned once per process: not by an earlier test
    assert calendar.year_covered(2026)
    assert not calendar.year_covered(2027)
    assert calendar.is_working_day(dt.date(2027, 3, 1))  # Monday
    assert not calendar.is_working_day(dt.date(2027, 3, 6))  # Saturday
    assert "2027" in caplog.text
    assert calendar.uncovered_years(dt.date(2026, 11, 24)) == [2027]
    assert calendar.uncovered_years(dt.date(2026, 6, 1)) == []


def test_office_entries_override_package_and_cover_a_new_year(office):
    # Spring Festival 2027 entered by the office: 6-12 Feb off, Sun 14 Feb worked
    admin = office["admin"]
    calendar_admin.set_days(admin, dt.date(2027, 2, 6), dt.date(2027, 2, 12), DayKind.HOLIDAY.value, "春节")
    calendar_admin.set_days(admin, dt.date(2027, 2, 14), dt.date(2027, 2, 14), DayKind.WORKDAY.value, "春节调休")
    assert not calendar.year_covered(2027)  # entered by hand: known only once marked complete (issue 17)
    calendar_admin.set_year_complete(admin, 2027)
    assert calendar.year_covered(2027)
    assert not calendar.is_working_day(dt.date(2027, 2, 8))
    assert calendar.is_working_day(dt.date(2027, 2, 14))
    # Friday 5 Feb 2027 + 2 working days: Sun 14 (make-up), Mon 15
    assert calendar.add_working_days(D(2027, 2, 5, 9, 0), 2) == D(2027, 2, 15, 9, 0)
    # an office closed day on an ordinary Wednesday
    calendar_admin.set_days(admin, dt.date(2026, 12, 2), dt.date(2026, 12, 2), DayKind.CLOSED.value, "盘点")
    assert not calendar.is_working_day(dt.date(2026, 12, 2))
    assert calendar.add_working_days(D(2026, 12, 1, 9, 0), 1) == D(2026, 12, 3, 9, 0)


def test_working_days_between():
    """After 30 September up to 10 October 2026: 8 and 9 October and the make-up Saturday."""
    days = [dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(10)]
    assert sum(calendar.is_working_day(d) for d in days) == 3
