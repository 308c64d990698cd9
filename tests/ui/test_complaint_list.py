"""The complaint list: lazy pages, quick search as typed, overdue rows, Enter opens the case."""
import datetime as dt

from PySide6.QtCore import Qt

from propdesk.models.tables import Category
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.ui.complaint_list import ComplaintListPanel
from propdesk.ui.complaint_model import OVERDUE_BG, ComplaintTableModel
from tests.ui.keyboard import type_text
from tests.ui.lists import wait_rows


def add(office, text, unit="3栋2单元1201", phone="13800138000", severity="important", hours_ago=1):
    cat = Category.get(Category.name == "工程维修/设施设备").id
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=hours_ago),
        unit=unit, phone=phone, complainant="张伟", description=text, category_id=cat,
        severity=severity))


def shown(panel):
    model = panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_search_as_typed_and_enter_opens(qtbot, office):
    leak = add(office, "楼上卫生间漏水")
    lift = add(office, "电梯按钮失灵", unit="5栋1单元301", phone="13912345678", hours_ago=2)
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    panel.show()
    wait_rows(qtbot, panel)
    assert shown(panel) == [leak.number, lift.number]  # newest first
    qtbot.waitUntil(lambda: panel.count.text() == "共 2 条投诉")  # counted off the GUI thread

    type_text(qtbot, panel.search, "漏水")  # a two-character word
    qtbot.waitUntil(lambda: shown(panel) == [leak.number])
    panel.search.clear()
    type_text(qtbot, panel.search, "5栋1单元301")
    qtbot.waitUntil(lambda: shown(panel) == [lift.number])
    panel.search.clear()
    type_text(qtbot, panel.search, "13912345678")
    qtbot.waitUntil(lambda: shown(panel) == [lift.number])

    panel.table.setFocus()
    panel.table.selectRow(0)
    with qtbot.waitSignal(panel.open_complaint) as opened:
        qtbot.keyClick(panel.table, Qt.Key_Return)
    assert opened.args == [lift.id]


def test_overdue_rows_stand_out(qtbot, office):
    late = add(office, "垃圾未清运", severity="minor", hours_ago=5)  # 2-hour reply missed
    fresh = add(office, "路灯不亮", severity="important", hours_ago=0)
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    wait_rows(qtbot, panel)
    rows = {panel.model.index(r, 0).data(): r for r in range(panel.model.rowCount())}
    late_cell = panel.model.index(rows[late.number], 9)
    assert late_cell.data(Qt.BackgroundRole) == OVERDUE_BG
    assert "超时" in late_cell.data()
    fresh_cell = panel.model.index(rows[fresh.number], 9)
    assert fresh_cell.data(Qt.BackgroundRole) != OVERDUE_BG
    assert "剩" in fresh_cell.data()
    panel.show_overdue()
    wait_rows(qtbot, panel)
    assert shown(panel) == [late.number]


def test_rows_are_fetched_in_pages(qtbot, office, monkeypatch):
    monkeypatch.setattr(ComplaintTableModel, "page_size", 5)
    for i in range(12):
        add(office, f"第{i}号投诉内容")
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    model = panel.model
    # (what the first read brought, as it came: the view may ask for the next page by itself
    # while the test waits, from a check on a timer)
    first = []
    model.rows_arrived.connect(lambda: first.append((model.rowCount(), model.canFetchMore())))
    wait_rows(qtbot, model)
    assert first == [(5, True)]
    while model.canFetchMore():  # (the view, not shown, may also ask for a page itself)
        model.fetchMore()  # read on a worker, added when it comes
        assert model.paging and not model.canFetchMore()  # one page at a time
        wait_rows(qtbot, model)
    assert model.rowCount() == 12 and not model.canFetchMore()
    qtbot.waitUntil(lambda: panel.count.text() == "共 12 条投诉")


def test_sort_by_clicking_a_column(qtbot, office):
    a = add(office, "甲", unit="5栋1单元301", hours_ago=3)
    b = add(office, "乙", unit="3栋1单元1201", hours_ago=2)
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    wait_rows(qtbot, panel)
    panel.table.sortByColumn(3, Qt.AscendingOrder)  # unit
    wait_rows(qtbot, panel)
    assert shown(panel) == [b.number, a.number]


def test_keyboard_from_search_to_the_case(qtbot, office):
    leak = add(office, "楼上卫生间漏水")
    add(office, "电梯按钮失灵", unit="5栋1单元301", hours_ago=2)
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    panel.search.setFocus()
    type_text(qtbot, panel.search, "漏水")
    qtbot.keyClick(panel.search, Qt.Key_Down)  # into the results once the search is done
    wait_rows(qtbot, panel)
    assert panel.table.hasFocus() and shown(panel) == [leak.number]
    with qtbot.waitSignal(panel.open_complaint) as opened:
        qtbot.keyClick(panel.table, Qt.Key_Return)
    assert opened.args == [leak.id]


def test_the_header_sorts_only_by_indexed_columns(qtbot, office):
    """Sorting by a column without an index would sort every complaint on each click (about a
    second at a million): the header offers only the indexed orders, and its arrow stays."""
    from PySide6.QtCore import Qt

    from propdesk.ui.complaint_list import ComplaintListPanel

    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    header = panel.table.horizontalHeader()
    keys = [key for key, _label in panel.model.columns]
    unit = keys.index("unit")
    number = keys.index("number")
    before = (panel.model.order, panel.model.descending, header.sortIndicatorSection())
    qtbot.mouseClick(header.viewport(), Qt.LeftButton,
                     pos=header.rect().topLeft() + __import__("PySide6.QtCore", fromlist=["QPoint"]).QPoint(
                         header.sectionViewportPosition(unit) + 5, 5))
    assert (panel.model.order, panel.model.descending, header.sortIndicatorSection()) == before
    panel.table.sortByColumn(number, Qt.AscendingOrder)
    assert panel.model.order == "number" and not panel.model.descending
    assert header.sortIndicatorSection() == number


def test_the_count_is_a_true_lower_bound_until_the_exact_one_arrives(qtbot, office):
    """More than a page: "200+" at once (the page holds 200), the exact number from the worker;
    fewer: the page is the count, no waiting at all."""
    import datetime as dt

    from propdesk.models.tables import Category
    from propdesk.services.cases import complaints
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.ui.complaint_list import ComplaintListPanel

    cat = Category.select().first().id
    at = dt.datetime(2026, 11, 24, 9, 0)
    for i in range(201):
        complaints.create(office["clerk"], ComplaintInput(
            received_at=at - dt.timedelta(minutes=i), phone="13800138000", complainant="张伟",
            description=f"楼道灯不亮 {i}", category_id=cat, severity="minor"), at=at)
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    wait_rows(qtbot, panel)
    assert panel.count.text() in ("共 200+ 条投诉", "共 201 条投诉")  # the worker may be quick
    qtbot.waitUntil(lambda: panel.count.text() == "共 201 条投诉")
    panel.search.setText("灯不亮 7")
    panel.refresh()
    wait_rows(qtbot, panel)
    assert panel.count.text() == "共 11 条投诉"  # 7 and 70-79: known without a count


def test_unit_column_shows_a_long_address_whole(qtbot, office):
    """QA at 1366x768: in an office of two estates the unit reads '阳光花园 12栋1单元1201' and
    the column (130 px) cut it to '阳光花园 12栋1单元…'; the column is sized by the font."""
    from propdesk.models.tables import Building, Estate, Unit
    from propdesk.services.register.owners import unit_label
    Estate.create(name="翠湖苑")  # a second estate: units carry their estate
    b12 = Building.create(estate=Estate.get(Estate.name == "阳光花园"), name="12栋")
    Unit.create(building=b12, entrance="1单元", room="1201", label=unit_label("12栋", "1单元", "1201"))
    add(office, "楼上卫生间漏水", unit="12栋1单元1201")
    panel = ComplaintListPanel(office["clerk"])
    qtbot.addWidget(panel)
    panel.resize(1366, 600)
    panel.show()
    wait_rows(qtbot, panel)
    shown_unit = panel.model.index(0, 3).data()
    assert shown_unit == "阳光花园 12栋1单元1201"
    needed = panel.table.fontMetrics().horizontalAdvance(shown_unit) + 12  # the cell's margins
    assert panel.table.horizontalHeader().sectionSize(3) >= needed
