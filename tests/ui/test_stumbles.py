"""The stumbles found in the tryouts at 1366x768 (issue 17), each reproduced as the clerk met it."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from propdesk.ui.intake import IntakeForm
from tests.ui.keyboard import type_text
from tests.ui.lists import wait_rows


def make_form(qtbot, office):
    form = IntakeForm(office["clerk"])
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def keys(qtbot, text: str) -> None:
    """Type into whatever has the keyboard now (the popup, if one is open), as a person does."""
    for ch in text:
        target = QApplication.focusWidget() or QApplication.activePopupWidget()
        popup = QApplication.activePopupWidget()
        qtbot.keyClicks(popup or target, ch)


def test_the_phone_completer_never_takes_keys_meant_for_another_field(qtbot, office):
    form = make_form(qtbot, office)
    form.phone.setFocus()
    type_text(qtbot, form.phone, "139")
    popup = form.caller.phone_suggestions.popup if hasattr(form.caller, "phone_suggestions") \
        else form.phone.completer().popup()
    qtbot.waitUntil(popup.isVisible)  # 13912345678 刘洋 is offered
    target = QApplication.activePopupWidget() or form.phone
    qtbot.keyClick(target, Qt.Key_U, Qt.AltModifier)  # Alt+U: to the unit field
    assert not popup.isVisible()
    assert QApplication.focusWidget() is form.unit
    keys(qtbot, "3-2-1201")
    assert form.phone.text() == "139"
    assert form.unit.text().replace("栋", "-").replace("单元", "-") in ("3-2-1201",)


def test_a_new_form_has_no_red_outline_left(qtbot, office, dialogs):
    form = make_form(qtbot, office)
    form.save()  # everything missing: outlined
    assert form.phone.property("invalid") or form.description.property("invalid")
    form.clear()
    for name in ("phone", "complainant", "unit", "description", "category", "severity"):
        assert not getattr(form, name).property("invalid"), name


def test_messages_and_focus_follow_the_form_order(qtbot, office, dialogs):
    form = make_form(qtbot, office)
    form.save()
    text = dialogs[-1][2]
    order = [text.find(label) for label in ("电话", "投诉内容" if "投诉内容" in text else "事情经过", "类别")]
    found = [i for i in order if i >= 0]
    assert found == sorted(found)
    assert QApplication.focusWidget() is form.phone  # the first wrong field from the top


def test_phone_suggestions_are_taken_with_down_and_enter(qtbot, office):
    form = make_form(qtbot, office)
    form.phone.setFocus()
    type_text(qtbot, form.phone, "139")
    suggestions = form.caller.phone_suggestions
    qtbot.waitUntil(suggestions.isVisible)
    qtbot.keyClick(form.phone, Qt.Key_Down)
    qtbot.keyClick(form.phone, Qt.Key_Return)
    assert form.phone.text() == "13912345678" and form.complainant.text() == "刘洋"
    assert not suggestions.isVisible() and QApplication.focusWidget() is form.phone


def test_ctrl_f_reaches_the_search_box_of_every_list(qtbot, office):
    from propdesk.ui.main_window import MainWindow

    window = MainWindow(office["supervisor"])
    qtbot.addWidget(window)
    window.show()
    for panel, box in ((window.complaints, window.complaints.search),
                       (window.work_orders, window.work_orders.board.search),
                       (window.callbacks, window.callbacks.search)):
        window.tabs.setCurrentWidget(panel)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F, Qt.ControlModifier)
        assert QApplication.focusWidget() is box, panel
        buddy = [lab for lab in panel.findChildren(type(window.banner)) if lab.buddy() is box]
        assert buddy and "&" in buddy[0].text()  # and an Alt key


def test_the_incidents_tab_shows_calls_attached_at_intake(qtbot, office):
    from propdesk.services.cases import incidents
    from propdesk.ui.main_window import MainWindow

    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.incidents)
    tab = window.incidents
    tab.kind.setCurrentIndex(tab.kind.findData("water"))
    type_text(qtbot, tab.title, "3栋停水")
    for i in range(tab.buildings.count()):
        tab.buildings.item(i).setCheckState(Qt.Checked)
    tab.declare()
    window.tabs.setCurrentWidget(window.complaints)
    item = tab.list.topLevelItem(0)
    incident_id = item.data(0, Qt.UserRole)
    for i in range(3):  # three calls taken at intake while the clerk is on another tab
        incidents.attach(office["clerk"], incident_id, f"业主{i}", f"1390000{i:04d}", "3栋2单元1201", "没水")
    window.tabs.setCurrentWidget(window.incidents)
    assert tab.list.topLevelItem(0).text(5) == "3"
    assert tab.callers.topLevelItemCount() == 3


def test_shipped_font_is_loaded_when_the_system_has_no_chinese(qtbot, monkeypatch):
    from propdesk.ui import fonts

    app = QApplication.instance()
    before = app.font()
    monkeypatch.setattr(fonts, "system_has_chinese", lambda: False)
    try:
        family = fonts.ensure_chinese_font(app)
        assert family and "WenQuanYi" in family
        assert family in app.font().families()
        from PySide6.QtGui import QFontMetrics
        assert QFontMetrics(app.font()).inFontUcs4(ord("漏"))
    finally:
        app.setFont(before)


def test_typing_a_new_price_items_unit_replaces_the_usual_one(qtbot, office):
    from propdesk.ui.setup.prices_tab import PricesTab

    tab = PricesTab(office["admin"], True)
    qtbot.addWidget(tab)
    editor = tab.editor
    tab.show()
    editor.new()
    qtbot.mouseClick(editor.unit_name, Qt.LeftButton)  # a click into the prefilled 次
    qtbot.waitUntil(lambda: editor.unit_name.selectedText() == "次")
    type_text(qtbot, editor.unit_name, "个")
    assert editor.unit_name.text() == "个"  # not 次个


def test_every_marked_day_keeps_its_colour_in_the_year_view(qtbot, office):
    """2026-02-28 (a make-up working day) was the February calendar's selected day and showed
    white; each month's selected day now shows its own mark's colour unless it is the pick."""
    from PySide6.QtCore import QDate
    from PySide6.QtGui import QColor, QPalette

    from propdesk.ui.setup.calendar_tab import CalendarTab

    tab = CalendarTab(office["admin"], True)
    qtbot.addWidget(tab)
    tab.show()
    tab.year.setValue(2026)
    tab.months[0].clicked.emit(QDate(2026, 1, 5))
    february = tab.months[1]
    assert february.selectedDate() == QDate(2026, 2, 28)
    from PySide6.QtWidgets import QTableView

    table = february.findChild(QTableView)
    assert table.palette().color(QPalette.Highlight) == QColor("#cfe2ff")  # the make-up day's blue


def test_dispatch_board_shows_state_and_technician_at_1024_and_says_when_a_tile_filters(qtbot, office):
    from propdesk.ui.main_window import MainWindow
    from propdesk.ui.workorder_model import COLUMNS

    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.resize(1024, 740)
    window.show()
    window.tabs.setCurrentWidget(window.work_orders)
    QApplication.processEvents()
    board = window.work_orders.board
    header = board.table.horizontalHeader()
    keys = [k for k, _ in COLUMNS]
    for key in ("number", "status", "urgency", "technician"):
        logical = keys.index(key)
        right = header.sectionViewportPosition(logical) + header.sectionSize(logical)
        assert 0 <= header.sectionViewportPosition(logical) and right <= board.table.viewport().width(), key
    window.open_list("work_orders", "wo_late")
    assert board.tile_hint.isVisible() and board.late_only.isChecked()
    assert board.tile_hint.text()
    board.search.setFocus()
    qtbot.keyClick(board.search, Qt.Key_Escape)
    assert not board.tile_hint.isVisible() and not board.late_only.isChecked()
    assert board.status.currentIndex() == 1


def test_case_view_names_who_it_was_escalated_to_and_head_told_time_is_editable(qtbot, office, monkeypatch):
    import datetime as dt

    from propdesk.models.tables import Category
    from propdesk.services.cases import complaints
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.ui.action_dialog import ActionDialog
    from propdesk.ui.case_view import CaseView

    received = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(hours=3)
    c = complaints.create(office["clerk"], ComplaintInput(
        received_at=received, phone="13800138000", complainant="张伟", unit="3栋2单元1201",
        description="电梯困人", category_id=Category.select().first().id, severity="major"))
    complaints.escalate(office["clerk"], c.id, "head", "业主要求面谈")
    told_at = received + dt.timedelta(minutes=20)

    def fill(dialog):
        dialog.widgets["at"].set_value(told_at)
        dialog.submit()
        return dialog.result() == ActionDialog.Accepted
    monkeypatch.setattr(ActionDialog, "exec", fill)
    view = CaseView(office["supervisor"], c.id)
    qtbot.addWidget(view)
    view.do_notify_head()
    assert complaints.get(c.id).head_notified_at == told_at
    rows = [view.timeline.topLevelItem(i) for i in range(view.timeline.topLevelItemCount())]
    escalated = next(r for r in rows if r.text(2) == "升级")
    assert "已升级至管理处主任" in escalated.text(3) and "业主要求面谈" in escalated.text(3)


def _done_order(office):
    import datetime as dt

    from propdesk.services.cases import workorders
    from propdesk.services.cases.workorders import Completion, RepairInput

    now = dt.datetime.now().replace(second=0, microsecond=0)
    wo = workorders.create(office["clerk"], RepairInput(received_at=now - dt.timedelta(hours=3),
                                                        phone="13800138000", contact_name="张伟",
                                                        unit="3栋2单元1201", description="水龙头漏水"))
    workorders.assign(office["clerk"], wo.id, office["technician"].id, now - dt.timedelta(hours=2))
    workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=now - dt.timedelta(hours=2), finished_at=now - dt.timedelta(hours=1),
        result="更换阀芯", materials="阀芯1个、生料带", slip_returned=True))
    return wo


def test_sign_off_shows_the_job_and_the_order_view_its_materials(qtbot, office, monkeypatch):
    from propdesk.ui.action_dialog import ActionDialog
    from propdesk.ui.dispatch_board import DispatchBoard
    from propdesk.ui.workorder_tab import WorkOrderView

    wo = _done_order(office)
    board = DispatchBoard(office["supervisor"])
    qtbot.addWidget(board)
    wait_rows(qtbot, board)
    board.table.selectRow(0)
    shown = []

    def look(dialog):
        shown.append(" ".join(label.text() for label in dialog.findChildren(type(board.count))))
        return False
    monkeypatch.setattr(ActionDialog, "exec", look)
    board.do_check()
    assert "更换阀芯" in shown[0] and "阀芯1个、生料带" in shown[0] and "¥0" in shown[0]
    view = WorkOrderView(office["clerk"], wo.id)
    qtbot.addWidget(view)
    from PySide6.QtWidgets import QTreeWidget
    rounds = view.findChild(QTreeWidget, "rounds")
    headers = [rounds.headerItem().text(i) for i in range(rounds.columnCount())]
    row = rounds.topLevelItem(0)
    assert "阀芯1个、生料带" in [row.text(i) for i in range(rounds.columnCount())]
    col = [row.text(i) for i in range(rounds.columnCount())].index("更换阀芯")
    assert rounds.columnWidth(col) >= rounds.fontMetrics().horizontalAdvance("更换阀芯")  # not cut
    assert len(headers) == rounds.columnCount()


def test_the_case_view_opens_its_work_orders(qtbot, office):

    from propdesk.models.tables import Category
    from propdesk.services.cases import complaints, workorders
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.ui.case_view import CaseView

    c = complaints.create(office["clerk"], ComplaintInput(
        phone="13800138000", complainant="张伟", unit="3栋2单元1201", description="楼上漏水",
        category_id=Category.select().first().id, severity="minor"))
    wo = workorders.from_complaint(office["clerk"], c.id, "检查楼上防水", None, "ordinary")
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    view.show()
    orders = view.work_orders
    orders.setCurrentItem(orders.topLevelItem(0))
    orders.setFocus()
    qtbot.keyClick(orders, Qt.Key_Return)
    opened = view.work_order_view
    qtbot.addWidget(opened)
    assert opened.isVisible() and wo.number in opened.windowTitle()


def test_deadlines_and_saved_line_stay_in_view_at_1366x768(qtbot, office, dialogs):
    from PySide6.QtCore import QPoint, QRect

    from propdesk.ui.main_window import MainWindow

    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    form = window.intake
    form.related.show()  # the related-cases panel takes its room
    form.related.setMinimumHeight(160)
    QApplication.processEvents()
    area = window.tabs.currentWidget()
    for label in (form.deadline, form.status, form.save_button):
        rect = QRect(label.mapTo(area, QPoint(0, 0)), label.size())
        assert label.isVisible() and area.rect().contains(rect), label.objectName()
    assert area.scroll_area.verticalScrollBar().maximum() > 0  # the form itself still scrolls


def test_a_rework_gets_its_own_marked_notice_and_a_new_time(qtbot, office, monkeypatch):
    import datetime as dt

    from pypdf import PdfReader

    from propdesk.services.cases import workorders
    from propdesk.ui.action_dialog import ActionDialog
    from propdesk.ui.dispatch_board import DispatchBoard

    wo = _done_order(office)
    board = DispatchBoard(office["supervisor"])
    qtbot.addWidget(board)
    wait_rows(qtbot, board)
    board.table.selectRow(0)
    board.print_notice()
    first = board.printed
    first_bytes = first.read_bytes()
    workorders.check(office["supervisor"], wo.id)
    workorders.rework(office["supervisor"], wo.id, "还在滴水")
    board.refresh()
    wait_rows(qtbot, board)
    board.table.selectRow(0)
    board.print_notice()
    second = board.printed
    assert second != first and first.read_bytes() == first_bytes  # the first paper is kept
    text = "".join(p.extract_text() for p in PdfReader(second).pages).replace("\n", "")
    assert "返工" in text and "还在滴水" in text and "2" in text
    proposed = []

    def look(dialog):
        proposed.append(dialog.widgets["when"].value())
        return False
    monkeypatch.setattr(ActionDialog, "exec", look)
    board.do_assign()
    old = workorders.get(wo.id).scheduled_at
    assert proposed[0] > dt.datetime.now() and proposed[0] != old


def test_repair_form_keeps_the_field_and_the_saved_number_in_view(qtbot, office, dialogs):
    from PySide6.QtCore import QPoint, QRect

    from propdesk.ui.main_window import MainWindow

    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.resize(1024, 600)  # a small screen: the repair form scrolls
    window.show()
    window.tabs.setCurrentWidget(window.work_orders)
    tab = window.work_orders
    form = tab.form
    area = tab.form_scroll
    QApplication.processEvents()
    assert area.scroll_area.verticalScrollBar().maximum() > 0
    viewport = area.scroll_area.viewport()

    def seen(widget):  # in the scrolled part, or in the footer kept below it
        rect = QRect(widget.mapTo(area, QPoint(0, 0)), widget.size())
        box = (QRect(viewport.mapTo(area, QPoint(0, 0)), viewport.size()) if viewport.isAncestorOf(widget)
               else area.rect())
        return box.intersects(rect) and rect.bottom() <= box.bottom() + 2

    form.department.setFocus(Qt.ShortcutFocusReason)  # as Alt+D does
    QApplication.processEvents()
    assert seen(form.department)
    form.phone.setFocus()
    type_text(qtbot, form.phone, "13800138000")
    qtbot.waitUntil(lambda: form.contact_name.text() == "张伟")
    form.description.setFocus()
    type_text(qtbot, form.description, "厨房水槽下水管漏水")
    qtbot.keyClick(form.description, Qt.Key_S, Qt.ControlModifier)
    QApplication.processEvents()
    assert "PG-" in form.status.text() and seen(form.status)
    assert QApplication.focusWidget() is form.phone  # the next call starts here


def test_the_callback_week_buttons_speak_the_office_language(qtbot, office, qapp):
    from propdesk.ui import translation
    from propdesk.ui.callback_tab import CallbackTab

    translation.install(qapp, "en")
    try:
        tab = CallbackTab(office["clerk"])
        qtbot.addWidget(tab)
        assert tab.day_buttons[0].text().startswith("Mon") and "一" not in tab.day_buttons[0].text()
    finally:
        translation.install(qapp, "zh_CN")
    tab = CallbackTab(office["clerk"])
    qtbot.addWidget(tab)
    assert tab.day_buttons[0].text().startswith("周一")
