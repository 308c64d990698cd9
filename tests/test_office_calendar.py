"""The working calendar: statutory data, a year entered from a schedule file, closed days."""
import datetime as dt

import pytest
from openpyxl import Workbook

from propdesk.errors import PermissionDenied, ValidationError
from propdesk.models.tables import AuditChange, AuditEntry, CalendarDay
from propdesk.resources import resource_path
from propdesk.services.core import calendar
from propdesk.services.cases import sla
from propdesk.services.setup.calendar_admin import (
    clear_days, import_schedule, read_schedule, set_days, write_template, year_summary,
)

EXAMPLE = resource_path("templates", "holiday_schedule_2027_EXAMPLE.csv")
TEMPLATE = resource_path("templates", "holiday_schedule_template.csv")
D = dt.date


@pytest.fixture(autouse=True)
def own_warnings(monkeypatch):
    """The calendar logs an uncovered year once per process: keep this file's 2027 look-ups
    from using up the warning another test checks."""
    monkeypatch.setattr(calendar, "_warned_years", set())


def test_statutory_year_is_shown_from_the_package(office):
    summary = year_summary(2026)
    assert summary.source == "statutory"
    assert summary.marks[D(2026, 2, 16)].kind == "holiday"
    assert summary.marks[D(2026, 2, 16)].note == "春节"
    assert summary.marks[D(2026, 2, 14)].kind == "workday"  # a Saturday worked (调休)
    assert D(2026, 3, 2) not in summary.marks  # an ordinary Monday


def test_example_file_is_marked_and_reads(office):
    schedule = read_schedule(EXAMPLE)
    assert schedule.example and not schedule.errors
    days = schedule.days()
    assert days[D(2027, 2, 5)][0] == "holiday" and days[D(2027, 2, 20)][0] == "workday"
    empty = read_schedule(TEMPLATE)
    assert not empty.errors and not empty.days()
    with pytest.raises(ValidationError) as err:
        import_schedule(office["admin"], empty, 2027)
    assert "2027" in err.value.text()


def test_2027_entered_from_a_file_covers_the_year_and_the_deadlines(office):
    today = D(2026, 12, 15)
    assert calendar.uncovered_years(today) == [2027]  # the banner shows
    # before: Monday to Friday only
    assert sla.deadlines(dt.datetime(2027, 2, 4, 10, 0), "major")[1] == dt.datetime(2027, 2, 9, 10, 0)
    summary = import_schedule(office["admin"], EXAMPLE)
    assert summary.year == 2027 and summary.source == "office"
    assert calendar.uncovered_years(today) == []  # the banner goes
    assert calendar.year_covered(2027)
    # checked by hand: received Thursday 4 Feb 2027 10:00, class A (major): reply in 2 hours,
    # resolve in 3 working days. 5-13 Feb is the (example) Spring Festival holiday, 14 Feb a
    # Sunday: the working days are Mon 15, Tue 16, Wed 17 Feb.
    reply_by, resolve_by = sla.deadlines(dt.datetime(2027, 2, 4, 10, 0), "major")
    assert reply_by == dt.datetime(2027, 2, 4, 12, 0)
    assert resolve_by == dt.datetime(2027, 2, 17, 10, 0)
    # received during the holiday (Sat 6 Feb): day 1 is Mon 15 Feb, due at its end
    assert sla.deadlines(dt.datetime(2027, 2, 6, 9, 0), "important")[0] == dt.datetime(2027, 2, 15, 23, 59)
    # Friday 19 Feb, minor: the next working day is the make-up Saturday 20 Feb
    assert sla.deadlines(dt.datetime(2027, 2, 19, 9, 0), "minor")[1] == dt.datetime(2027, 2, 20, 9, 0)
    assert calendar.is_working_day(D(2027, 2, 20)) and not calendar.is_working_day(D(2027, 2, 8))
    entry = AuditEntry.get(AuditEntry.entity == "calendar", AuditEntry.action == "import_schedule")
    assert entry.staff_id == office["admin"].id and entry.entity_id == 2027
    assert AuditChange.get(AuditChange.entry == entry, AuditChange.field == "2027-02-05").new.startswith("holiday")


def test_importing_again_replaces_the_years_schedule_but_keeps_closed_days(office, tmp_path):
    set_days(office["admin"], D(2027, 3, 8), D(2027, 3, 8), "closed", "全员培训")
    import_schedule(office["admin"], EXAMPLE)
    corrected = write_template(tmp_path / "2027.csv", [("放假", D(2027, 2, 6), D(2027, 2, 12), "春节"),
                                                       ("调休上班", D(2027, 2, 13), None, "")])
    summary = import_schedule(office["admin"], corrected)
    assert D(2027, 2, 5) not in summary.marks and D(2027, 10, 1) not in summary.marks
    assert summary.marks[D(2027, 2, 13)].kind == "workday"
    assert summary.marks[D(2027, 3, 8)].kind == "closed"  # the office's own day stays
    assert calendar.is_working_day(D(2027, 2, 5)) and not calendar.is_working_day(D(2027, 3, 8))


def test_xlsx_with_chinese_headers_and_excel_dates(office, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["类型", "开始日期", "结束日期", "说明"])
    sheet.append(["放假", dt.datetime(2027, 10, 1), dt.datetime(2027, 10, 7), "国庆节"])
    sheet.append(["补班", "2027/9/26", None, None])
    book.save(tmp_path / "s.xlsx")
    schedule = read_schedule(tmp_path / "s.xlsx")
    assert not schedule.errors and not schedule.example
    assert len(schedule.days()) == 8
    template = write_template(tmp_path / "t.xlsx", [("holiday", D(2027, 1, 1), D(2027, 1, 3), "元旦")])
    assert sorted(read_schedule(template).days()) == [D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)]


def test_bad_lines_are_named_and_nothing_is_stored(office, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("kind,start,end,note\n"
                    "放假,2027-02-05,2027-02-13,春节\n"
                    "休假,2027-04-03,2027-04-05,\n"          # line 3: unknown kind
                    "放假,2027-13-01,,\n"                    # line 4: no such date
                    "调休上班,2027-02-22,,\n"                # line 5: a Monday
                    "放假,2027-05-05,2027-05-01,\n"          # line 6: backwards
                    "调休上班,2027-02-06,,\n", encoding="utf-8")  # line 7: inside the holiday
    schedule = read_schedule(path)
    assert sorted(schedule.errors) == ["line 3", "line 4", "line 5", "line 6", "line 7"]
    assert "第 5 行" in schedule.text()
    with pytest.raises(ValidationError):
        import_schedule(office["admin"], schedule)
    assert not CalendarDay.select().exists()
    path.write_text("date;what\n2027-01-01;x\n", encoding="utf-8")
    assert list(read_schedule(path).errors) == ["file"]
    assert list(read_schedule(tmp_path / "x.txt").errors) == ["file"]


def test_gbk_csv_from_excel(office, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("类型,开始日期,结束日期,说明\n放假,2027-01-01,2027-01-03,元旦\n".encode("gb18030"))
    assert read_schedule(path).days()[D(2027, 1, 1)] == ("holiday", "元旦")


def test_closed_days_and_clearing(office):
    admin = office["admin"]
    assert set_days(admin, D(2026, 12, 24), D(2026, 12, 25), "closed", "盘点") == 2
    assert not calendar.is_working_day(D(2026, 12, 24))
    assert year_summary(2026).closed == 2
    assert clear_days(admin, D(2026, 12, 1), D(2026, 12, 31)) == 2
    assert calendar.is_working_day(D(2026, 12, 24))
    assert not calendar.year_covered(2027)  # closed days alone do not cover a year
    set_days(admin, D(2027, 3, 1), D(2027, 3, 1), "closed")
    assert not calendar.year_covered(2027)
    with pytest.raises(ValidationError) as err:
        set_days(admin, D(2027, 3, 9), D(2027, 3, 1), "weird", "x" * 81)
    assert set(err.value.errors) == {"day_to", "day_kind", "day_note"}
    with pytest.raises(PermissionDenied):
        set_days(office["supervisor"], D(2027, 3, 1), D(2027, 3, 1), "closed")
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.entity == "calendar")]
    assert actions == ["set_days", "clear_days", "set_days", "refused"]


def test_a_year_counts_as_entered_only_when_marked_complete(office):
    """Issue 17: one holiday typed by hand made 2027 count as entered (the banner went, intake
    stopped warning) although the rest of the year's schedule was missing."""
    from propdesk.services.setup.calendar_admin import set_year_complete

    admin, today = office["admin"], D(2026, 12, 15)
    set_days(admin, D(2027, 2, 6), D(2027, 2, 12), "holiday", "春节")
    assert not calendar.year_covered(2027)
    assert calendar.uncovered_years(today) == [2027]  # the banner stays
    assert year_summary(2027).source == "partial"
    assert calendar.unentered_years(dt.datetime(2026, 12, 30, 9, 0), dt.datetime(2027, 1, 5, 9, 0)) == [2027]
    # the supervisor cannot say so; a built-in year or a year with nothing entered is refused
    with pytest.raises(PermissionDenied):
        set_year_complete(office["supervisor"], 2027)
    with pytest.raises(ValidationError) as err:
        set_year_complete(admin, 2026)
    assert "2026" in err.value.text()
    with pytest.raises(ValidationError) as err:
        set_year_complete(admin, 2028)
    assert "2028" in err.value.text()
    summary = set_year_complete(admin, 2027)
    assert summary.source == "office" and calendar.year_covered(2027)
    assert calendar.uncovered_years(today) == []
    assert calendar.unentered_years(dt.datetime(2026, 12, 30, 9, 0), dt.datetime(2027, 1, 5, 9, 0)) == []
    entry = AuditEntry.get(AuditEntry.entity == "calendar", AuditEntry.action == "year_complete")
    assert entry.staff_id == admin.id and entry.entity_id == 2027
    # taken back: warned about again
    set_year_complete(admin, 2027, False)
    assert not calendar.year_covered(2027)
    assert AuditEntry.select().where(AuditEntry.action == "year_incomplete").count() == 1


def test_importing_a_years_schedule_marks_it_complete(office):
    import_schedule(office["admin"], EXAMPLE)
    assert calendar.complete_years() == [2027]
    assert AuditEntry.select().where((AuditEntry.action == "year_complete") & (AuditEntry.entity_id == 2027)).exists()
