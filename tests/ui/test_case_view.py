"""The case view: details, timeline, and each action through its dialog."""
import datetime as dt

from propdesk.models.tables import Category
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.ui.action_dialog import ActionDialog
from propdesk.ui.case_view import CaseView
from tests.ui.keyboard import type_text


def make_case(office, **kw):
    values = dict(received_at=dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=1),
                  unit="3栋2单元1201", phone="13800138000", complainant="张伟",
                  description="楼上漏水", severity="important",
                  category_id=Category.get(Category.name == "工程维修/设施设备").id)
    values.update(kw)
    return complaints.create(office["clerk"], ComplaintInput(**values))


def run_action(qtbot, monkeypatch, view, button, fill):
    """Click an action button; fill its dialog as a clerk would and press OK."""
    seen = {}

    def exec_(dialog):
        fill(dialog)
        dialog.submit()
        seen["message"] = dialog.message.text()
        seen["dialog"] = dialog
        return dialog.result() == ActionDialog.Accepted

    monkeypatch.setattr(ActionDialog, "exec", exec_)
    view.buttons[button].click()
    return seen


def test_reply_handle_close_shown_in_timeline(qtbot, office, monkeypatch):
    c = make_case(office)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    assert c.number in view.header.text() and "已受理" in view.header.text()
    assert not view.buttons["void"].isEnabled()  # a clerk may not void
    assert not view.buttons["reopen"].isEnabled()

    def reply(d):
        type_text(qtbot, d.widgets["note"], "已通知工程部今天下午上门")
    run_action(qtbot, monkeypatch, view, "reply", reply)

    # closing before the result is recorded is refused, and the dialog keeps the text
    def summary(d):
        type_text(qtbot, d.widgets["note"], "处理完毕")
    seen = run_action(qtbot, monkeypatch, view, "close", summary)
    assert "处理结果" in seen["message"]
    assert seen["dialog"].widgets["note"].text() == "处理完毕"

    def handling(d):
        type_text(qtbot, d.widgets["cause"], "楼上防水层老化")
        type_text(qtbot, d.widgets["result"], "已修复")
        d.widgets["signed"].setChecked(True)
    run_action(qtbot, monkeypatch, view, "handle", handling)
    run_action(qtbot, monkeypatch, view, "close", summary)

    stored = complaints.get(c.id)
    assert stored.status == "closed" and stored.result == "已修复" and stored.signature_received
    assert "已办结" in view.header.text()
    steps = [view.timeline.topLevelItem(i).text(2) for i in range(view.timeline.topLevelItemCount())]
    assert steps == ["受理投诉", "回复客户", "登记处理情况", "办结"]
    assert view.timeline.topLevelItem(1).text(1) == "王芳"
    assert view.buttons["reopen"].isEnabled() and not view.buttons["reply"].isEnabled()


def test_supervisor_voids_with_reason(qtbot, office, monkeypatch):
    c = make_case(office)
    view = CaseView(office["supervisor"], c.id)
    qtbot.addWidget(view)
    seen = run_action(qtbot, monkeypatch, view, "void", lambda d: None)
    assert "原因" in seen["message"]  # the reason is required
    run_action(qtbot, monkeypatch, view, "void",
               lambda d: type_text(qtbot, d.widgets["reason"], "重复录入"))
    assert complaints.get(c.id).status == "voided"
    assert not view.buttons["void"].isEnabled()


def test_major_complaint_reminds_until_head_told(qtbot, office, monkeypatch):
    c = make_case(office, severity="major")
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    assert "尚未报告主任" in view.header.text()
    run_action(qtbot, monkeypatch, view, "notify_head",
               lambda d: type_text(qtbot, d.widgets["note"], "电话报告李主任"))
    assert "尚未报告主任" not in view.header.text()
    assert not view.buttons["notify_head"].isEnabled()


def test_hold_and_resume_from_the_case(qtbot, office, monkeypatch):
    c = make_case(office)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    run_action(qtbot, monkeypatch, view, "hold", lambda d: d.widgets["reason"].setCurrentIndex(2))  # parts
    stored = complaints.get(c.id)
    assert stored.on_hold_since is not None
    assert "暂停" in view.header.text() and view.buttons["hold"].text().startswith("恢复")
    run_action(qtbot, monkeypatch, view, "hold", lambda d: None)
    assert complaints.get(c.id).on_hold_since is None
    steps = [view.timeline.topLevelItem(i).text(2) for i in range(view.timeline.topLevelItemCount())]
    assert steps[-2:] == ["暂停", "恢复计时"]


def test_timeline_names_fields_in_chinese(qtbot, office):
    from propdesk.models.tables import Department

    c = make_case(office)
    cleaning = Department.get(Department.code == "cleaning").id
    complaints.record_handling(office["clerk"], c.id, cause="管道老化", result="已更换", department_id=cleaning)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    details = view.timeline.topLevelItem(1).text(3)
    assert "调查原因: — → 管道老化" in details and "责任部门: 工程部 → 环境部" in details
    assert "cause" not in details


def test_handling_names_and_outlines_each_field_it_refuses(qtbot, office, monkeypatch):
    """Cause, corrective action and the customer's opinion are checked under their own names:
    every refusal shows at once, each field is outlined, nothing is stored, the text stays."""
    c = make_case(office)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    too_long = "楼上防水层老化" * 300  # 2,100 characters; 2,000 is the most

    def handling(d):
        type_text(qtbot, d.widgets["cause"], too_long)
        type_text(qtbot, d.widgets["action"], "更换防水层")
        type_text(qtbot, d.widgets["customer_opinion"], "满意" * 1001)
    seen = run_action(qtbot, monkeypatch, view, "handle", handling)
    dialog = seen["dialog"]
    lines = seen["message"].splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("调查原因") and "2000" in lines[0]
    assert lines[1].startswith("投诉人意见") and "2000" in lines[1]
    assert "说明" not in seen["message"]
    outlined = {key for key, w in dialog.widgets.items() if w.property("invalid")}
    assert outlined == {"cause", "customer_opinion"}
    assert dialog.widgets["cause"].text() == too_long
    assert dialog.result() != ActionDialog.Accepted
    stored = complaints.get(c.id)
    assert stored.cause == "" and stored.action == "" and stored.customer_opinion == ""


def test_reopen_confirmed_with_ctrl_enter(qtbot, office, monkeypatch):
    """A keyboard-only clerk types the reason and presses Ctrl+Enter, as on the intake form:
    in the reason's box Enter is a new line, and the dialog had no key to confirm it."""
    from PySide6.QtCore import Qt

    c = make_case(office)
    complaints.record_reply(office["clerk"], c.id, dt.datetime.now().replace(microsecond=0), "phone", "已通知")
    complaints.record_handling(office["clerk"], c.id, result="已修复")
    complaints.close(office["clerk"], c.id)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    seen = {}

    def exec_(dialog):
        with qtbot.waitActive(dialog):  # (a shortcut works in the active window)
            dialog.show()
            dialog.activateWindow()
        box = dialog.widgets["reason"]
        box.setFocus()
        type_text(qtbot, box, "业主回访不满意")
        qtbot.keyClick(box, Qt.Key_Return, Qt.ControlModifier)
        seen["text"] = box.text()
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", exec_)
    view.buttons["reopen"].click()
    assert complaints.get(c.id).status == "reopened"
    assert seen["text"] == "业主回访不满意"  # no new line typed into the reason


def detail(view, name: str) -> str:
    """The case record's value beside the label ``name`` (its Chinese words)."""
    grid = view.details
    for i in range(grid.count()):
        if grid.itemAt(i).widget().text() == name + "：":
            row, col, _rows, _cols = grid.getItemPosition(i)
            return grid.itemAtPosition(row, col + 1).widget().text()
    raise AssertionError(f"no field {name}")


def test_escalation_names_who_has_it_and_the_head_told_field_agrees(qtbot, office, monkeypatch):
    """A supervisor could not tell the two levels apart (both 已升级 in the list), and the case
    escalated to the office head said 已报管理处主任 in its header and 已报告主任：— in its
    record. Both now ask one rule (complaints.head_told): escalating to the head tells them."""
    from propdesk.ui.complaint_list import ComplaintListPanel
    from propdesk.ui.widgets import fmt
    from tests.ui.lists import wait_rows

    c = make_case(office)  # important: no notice to the head is needed by itself
    complaints.escalate(office["clerk"], c.id, "supervisor", "业主不满意处理结果")
    view = CaseView(office["supervisor"], c.id)
    qtbot.addWidget(view)
    assert "已升级至主管" in view.header.text() and detail(view, "已报告主任") == "—"

    def to_head(d):
        d.widgets["to"].setCurrentIndex(d.widgets["to"].findData("head"))
        type_text(qtbot, d.widgets["note"], "业主要求见主任，约定明天上午回电")
    run_action(qtbot, monkeypatch, view, "escalate", to_head)
    stored = complaints.get(c.id)
    assert stored.escalation == "head" and stored.head_notified_at is not None
    assert "已升级至管理处主任" in view.header.text() and "尚未报告主任" not in view.header.text()
    assert detail(view, "已报告主任") == fmt(stored.head_notified_at)

    # the list tells the two levels apart too, each whole in its column at 1366
    other = make_case(office, unit="5栋1单元301")
    complaints.escalate(office["clerk"], other.id, "supervisor", "业主不满意")
    panel = ComplaintListPanel(office["supervisor"])
    qtbot.addWidget(panel)
    panel.resize(1366, 600)
    panel.show()
    wait_rows(qtbot, panel)
    status = [k for k, _label in panel.model.columns].index("status")
    texts = {panel.model.index(r, 0).data(): panel.model.index(r, status).data() for r in range(2)}
    assert texts == {c.number: "已受理 · 升级至主任", other.number: "已受理 · 升级至主管"}
    longest = "重新处理 · 升级至主任"
    assert panel.table.columnWidth(status) >= panel.table.fontMetrics().horizontalAdvance(longest) + 12


def test_a_major_case_escalated_to_the_head_before_times_were_kept_is_not_also_untold(qtbot, office):
    """A case escalated to the head by an older version has no time of telling: the header and
    the record agree it is with the head, and it is not listed as 尚未报告主任."""
    from propdesk.models.tables import Complaint
    from propdesk.services.core.accounts import PROGRAM
    from propdesk.services.lists import dashboard

    c = make_case(office, severity="major")
    Complaint.update(escalation="head").where(Complaint.id == c.id).execute()  # (as stored before)
    view = CaseView(office["supervisor"], c.id)
    qtbot.addWidget(view)
    assert "已升级至管理处主任" in view.header.text() and "尚未报告主任" not in view.header.text()
    assert detail(view, "已报告主任") == "已升级至管理处主任"
    assert not view.buttons["notify_head"].isEnabled()
    assert dashboard.counts(reader=PROGRAM)["head_pending"] == 0


def test_the_history_says_why_and_how_long_in_chinese(qtbot, office, monkeypatch):
    """Walked at the desk: a hold without a note showed "owner_absent" in the case's history,
    and its end "0h00m"; now the reason chosen (with the note, when there is one) and the
    working time it counted, in the office's words."""
    c = make_case(office)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    run_action(qtbot, monkeypatch, view, "hold", lambda d: d.widgets["reason"].setCurrentIndex(0))
    run_action(qtbot, monkeypatch, view, "hold", lambda d: None)
    run_action(qtbot, monkeypatch, view, "hold", lambda d: (d.widgets["reason"].setCurrentIndex(0),
                                                            d.widgets["note"].setText("业主出差")))
    details = [view.timeline.topLevelItem(i).text(3) for i in range(view.timeline.topLevelItemCount())]
    assert details[-3:] == ["业主不在家", "暂停计时 0 小时 00 分（按工作时间计）", "业主不在家：业主出差"]


def test_printed_forms_are_said_in_chinese_on_the_history(qtbot, office, monkeypatch):
    """Walked at the desk: printing the case's two forms showed "print" and "complaint forms ->
    /…/TS-….pdf" on its history; now 打印表格 and where the file is."""
    from propdesk.ui import printing

    monkeypatch.setattr(printing, "print_pdf", lambda path, parent=None: None)
    c = make_case(office)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)
    view.print_forms()
    view.load()
    last = view.timeline.topLevelItem(view.timeline.topLevelItemCount() - 1)
    assert last.text(2) == "打印表格"
    assert last.text(3) == str(view.printed) and "complaint forms" not in last.text(3)


def test_the_opinion_record_prints_the_escalations_and_the_callback_time_agreed(qtbot, office, monkeypatch):
    """Seen on paper: 客户意见处理记录表 printed neither the escalation (to whom, when, by whom)
    nor the time agreed with the owner to call back. The clerk escalates to the supervisor,
    the supervisor to the office head, each with a time agreed; the form prints both steps
    with Escalation's labels, the head told (complaints.head_told) and the last time agreed,
    and stays on its page."""
    from pypdf import PdfReader

    from propdesk.ui import printing, widgets

    monkeypatch.setattr(printing, "print_pdf", lambda path, parent=None: None)
    c = make_case(office)
    complaints.record_handling(office["clerk"], c.id, cause="楼上防水层老化", action="协调楼上业主",
                               result="已修复", customer_opinion="不满意，还在渗水")
    tomorrow = (dt.datetime.now() + dt.timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    later = tomorrow + dt.timedelta(days=1, hours=5)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)

    def to_supervisor(d):
        type_text(qtbot, d.widgets["note"], "业主不满意处理结果")
        d.widgets["callback_at"].agreed.click()  # a time was agreed with the owner
        d.widgets["callback_at"].when.set_value(tomorrow)
    assert run_action(qtbot, monkeypatch, view, "escalate", to_supervisor)["message"] == ""
    details = [view.timeline.topLevelItem(i).text(3) for i in range(view.timeline.topLevelItemCount())]
    assert f"已升级至主管; 约定回访 {widgets.fmt(tomorrow)}; 业主不满意处理结果" in details

    boss = CaseView(office["supervisor"], c.id)
    qtbot.addWidget(boss)

    def to_head(d):
        d.widgets["to"].setCurrentIndex(d.widgets["to"].findData("head"))
        type_text(qtbot, d.widgets["note"], "业主要求见主任")
        d.widgets["callback_at"].agreed.click()  # a time was agreed with the owner
        d.widgets["callback_at"].when.set_value(later)
    run_action(qtbot, monkeypatch, boss, "escalate", to_head)
    stored = complaints.get(c.id)
    steps = complaints.escalations(c.id, reader=office["clerk"])
    assert [(s["to"], s["by"], s["callback_at"]) for s in steps] == [
        ("supervisor", "王芳", tomorrow), ("head", "李强", later)]

    boss.findChild(object, "print_forms").click()
    reader = PdfReader(str(boss.printed))
    assert len(reader.pages) == 2  # each form on its page
    record = reader.pages[1].extract_text()
    when = [s["at"].strftime("%Y-%m-%d %H:%M") for s in steps]
    for words in ("升级情况", f"已升级至主管 {when[0]} 王芳", f"已升级至管理处主任 {when[1]} 李强",
                  "已报告主任", f"{stored.head_notified_at:%Y-%m-%d %H:%M} 李强",
                  "约定回访时间", f"{later:%Y-%m-%d %H:%M}", "主管签字", "第 2 / 2 页"):
        assert words in record, words


def test_an_agreed_callback_time_already_past_is_refused(qtbot, office, monkeypatch):
    c = make_case(office)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)

    def past(d):
        type_text(qtbot, d.widgets["note"], "业主不满意")
        d.widgets["callback_at"].agreed.click()  # a time was agreed with the owner
        d.widgets["callback_at"].when.set_value(dt.datetime.now() - dt.timedelta(days=1))
    seen = run_action(qtbot, monkeypatch, view, "escalate", past)
    assert "约定回访时间" in seen["message"] and complaints.get(c.id).escalation == "none"


def test_no_callback_time_is_stored_unless_one_was_agreed(qtbot, office, monkeypatch):
    """The escalate dialog proposed tomorrow's hour as the time agreed to call back, and a
    clerk who pressed OK recorded it as agreed with the owner. The time is stored only when
    the clerk ticks that one was agreed; the proposal stays greyed until then."""
    c = make_case(office)
    view = CaseView(office["clerk"], c.id)
    qtbot.addWidget(view)

    def just_why(d):
        assert not d.widgets["callback_at"].when.isEnabled()  # a proposal, not a value
        type_text(qtbot, d.widgets["note"], "业主不满意处理结果")
    assert run_action(qtbot, monkeypatch, view, "escalate", just_why)["message"] == ""
    steps = complaints.escalations(c.id, reader=office["clerk"])
    assert [(s["to"], s["callback_at"]) for s in steps] == [("supervisor", None)]
    details = [view.timeline.topLevelItem(i).text(3) for i in range(view.timeline.topLevelItemCount())]
    assert any(d.startswith("已升级至主管") for d in details) and not any("约定回访" in d for d in details)
