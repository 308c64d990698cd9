"""A technician's "my jobs" writes times as every list does (ui.widgets.fmt_list): month-day and
time in the current year, the date alone in another; the whole value in the cell's tooltip and
in the job's details. Before, an appointment from last year read like this year's."""
import datetime as dt

from propdesk.services.cases import workorders
from propdesk.services.cases.workorders import RepairInput
from propdesk.ui.my_jobs import MyJobsTab
from propdesk.ui.widgets import fmt_list

NOW = dt.datetime.now().replace(second=0, microsecond=0)


def _job(office, at: dt.datetime, **assign):
    order = workorders.create(office["clerk"], RepairInput(
        received_at=at - dt.timedelta(hours=1), phone="13800138000", contact_name="张伟",
        unit="3栋2单元1201", description="厨房水龙头漏水"), at=at)
    workorders.assign(office["clerk"], order.id, office["technician"].id, at=at, **assign)
    return order


def test_last_years_open_job_shows_its_year_this_years_its_day_and_time(qtbot, office):
    last_year = dt.datetime(NOW.year - 1, 12, 30, 9, 30)
    old = _job(office, last_year, scheduled_at=last_year)
    morning = NOW.replace(hour=9, minute=0)
    today = _job(office, NOW, window=(morning, morning.replace(hour=11)))
    tab = MyJobsTab(office["technician"])
    qtbot.addWidget(tab)
    rows = {tab.table.item(r, 1).text(): tab.table.item(r, 0) for r in range(tab.table.rowCount())}
    assert rows[old.number].text() == f"{NOW.year - 1}-12-30"  # was "12-30 09:30", as if this year's
    assert rows[old.number].toolTip() == f"{NOW.year - 1}-12-30 09:30"
    assert rows[today.number].text() == f"{morning:%m-%d} 09:00–11:00"
    assert rows[today.number].toolTip() == f"{morning:%Y-%m-%d} 09:00–11:00"
    tab.table.selectRow(next(r for r in range(tab.table.rowCount())
                             if tab.table.item(r, 1).text() == old.number))
    assert f"{NOW.year - 1}-12-30 09:30" in tab.detail.text()


def test_a_window_is_written_with_the_lists_rule():
    now = dt.datetime(2027, 1, 4, 8, 0)
    start = dt.datetime(2027, 1, 4, 9, 0)
    assert fmt_list(start, now, until=start.replace(hour=11)) == "01-04 09:00–11:00"
    assert fmt_list(start.replace(year=2026), now, until=start.replace(year=2026, hour=11)) == "2026-01-04"
    assert fmt_list(start, now) == "01-04 09:00"
