"""The case view of one complaint: everything recorded, the timeline, and the next actions."""
from __future__ import annotations

import re

import datetime as dt

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout,
)

from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.enums import (
    Channel, ComplaintStatus, ContactMethod, Escalation, Severity, Urgency, WorkOrderStatus,
)
from propdesk.services.core import accounts, audit_log
from propdesk.services.cases import complaints
from propdesk.services.cases import holds
from propdesk.services.cases import lateness
from propdesk.services.setup import reference
from propdesk.services.cases import workorders
from propdesk.services.core.validation import label
from propdesk.ui.action_dialog import ActionDialog, Field, now
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.widgets import countdown, fmt
from propdesk.services.register.address import unit_display

ACTIONS = {
    "create": QT_TRANSLATE_NOOP("timeline", "Complaint received"),
    "reply": QT_TRANSLATE_NOOP("timeline", "Reply to the customer"),
    "handle": QT_TRANSLATE_NOOP("timeline", "Handling recorded"),
    "notify_head": QT_TRANSLATE_NOOP("timeline", "Office head told"),
    "escalate": QT_TRANSLATE_NOOP("timeline", "Escalated"),
    "close": QT_TRANSLATE_NOOP("timeline", "Closed"),
    "reopen": QT_TRANSLATE_NOOP("timeline", "Reopened"),
    "void": QT_TRANSLATE_NOOP("timeline", "Voided"),
    "note": QT_TRANSLATE_NOOP("timeline", "Note"),
    "work_order": QT_TRANSLATE_NOOP("timeline", "Work order raised"),
    "callback": QT_TRANSLATE_NOOP("timeline", "Callback made"),
    "contact": QT_TRANSLATE_NOOP("timeline", "Further call"),
    "hold": QT_TRANSLATE_NOOP("timeline", "On hold"),
    "resume": QT_TRANSLATE_NOOP("timeline", "Hold ended"),
    "notify_supervisor": QT_TRANSLATE_NOOP("timeline", "Supervisor told"),
    "refused": QT_TRANSLATE_NOOP("timeline", "Refused (no permission)"),
    "print": QT_TRANSLATE_NOOP("timeline", "Forms printed"),  # (it showed as "print")
}


def change_text(field: str, old: str | None, new: str | None) -> str:
    """One field's change in the timeline, in the clerk's words: 原因: — → 楼上防水层老化."""
    def shown(value):
        if field == "signature_received" and value in ("0", "1"):
            return translate("CaseView", "yes") if value == "1" else translate("CaseView", "no")
        if field == "department" and value and value.isdigit():  # stored as the id
            dept = reference.department_name(int(value))
            return dept or value
        return (value or "—")[:60]
    return f"{label(field)}: {shown(old)} → {shown(new)}"


def printouts_dir():
    from propdesk import config

    path = config.data_dir() / "printouts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _choices(enum) -> list[tuple]:
    return [(m.value, m.label()) for m in enum]


class CaseView(QDialog):
    changed = Signal(int)

    def __init__(self, staff, complaint_id: int, parent=None):
        super().__init__(parent)
        self.staff, self.complaint_id = staff, complaint_id
        self.setMinimumSize(980, 680)
        self.details = QGridLayout()
        self.timeline = QTreeWidget(objectName="timeline")
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setWordWrap(True)
        for col, width in enumerate((130, 70, 130)):
            self.timeline.setColumnWidth(col, width)
        self.header = QLabel(objectName="case_header")
        self.header.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.header.setWordWrap(True)
        self.buttons = self._action_buttons()

        details_box = QGroupBox(self.tr("Case record"))
        details_box.setLayout(self.details)
        self.work_orders = QTreeWidget(objectName="work_orders")
        self.work_orders.setHeaderLabels([self.tr("Work order"), self.tr("Department"), self.tr("Task"),
                                          self.tr("Technician"), self.tr("Status")])
        self.work_orders.setRootIsDecorated(False)
        self.work_orders.setColumnWidth(0, 150)
        self.work_orders.setMaximumHeight(110)
        self.work_orders.itemDoubleClicked.connect(lambda item, _col: self.open_work_order(item))
        self.work_orders.installEventFilter(self)  # Enter opens the order, not the default button
        timeline_box = QGroupBox(self.tr("Timeline (every action, who and when)"))
        QVBoxLayout(timeline_box).addWidget(self.timeline)
        orders_box = QGroupBox(self.tr("Work orders for this complaint"))
        QVBoxLayout(orders_box).addWidget(self.work_orders)
        split = QSplitter(Qt.Vertical)
        split.addWidget(details_box)
        split.addWidget(orders_box)
        split.addWidget(timeline_box)
        split.setSizes([360, 110, 220])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)
        # two rows: handling the case, then ending it (and printing, closing the window)
        handling, ending = QHBoxLayout(), QHBoxLayout()
        for key, button in self.buttons.items():
            (ending if key in ("close", "reopen", "void") else handling).addWidget(button)
        handling.addStretch()
        ending.addStretch()
        print_forms = QPushButton(self.tr("&Print forms"), objectName="print_forms")
        print_forms.setToolTip(self.tr("客户信息登记表 and 客户意见处理记录表 as a PDF, opened for printing"))
        print_forms.clicked.connect(self.print_forms)
        ending.addWidget(print_forms)
        close = QPushButton(self.tr("Close window"))
        close.clicked.connect(self.accept)
        ending.addWidget(close)
        layout.addLayout(handling)
        layout.addLayout(ending)
        self.load()

    def _action_buttons(self) -> dict[str, QPushButton]:
        spec = {
            "reply": (self.tr("&Reply…"), self.do_reply),
            "handle": (self.tr("&Handling…"), self.do_handling),
            "work_order": (self.tr("&Work order…"), self.do_work_order),
            "notify_head": (self.tr("Head &told"), self.do_notify_head),
            "escalate": (self.tr("&Escalate…"), self.do_escalate),
            "hold": (self.tr("Ho&ld…"), self.do_hold),
            "note": (self.tr("&Note…"), self.do_note),
            "close": (self.tr("&Close case…"), self.do_close),
            "reopen": (self.tr("Re&open…"), self.do_reopen),
            "void": (self.tr("&Void…"), self.do_void),
        }
        buttons = {}
        for key, (text, slot) in spec.items():
            button = QPushButton(text, objectName=f"action_{key}")
            button.clicked.connect(slot)
            buttons[key] = button
        return buttons

    # --- showing -----------------------------------------------------------------------------
    def load(self) -> None:
        c = complaints.read(self.complaint_id, reader=self.staff)
        self.complaint = c
        status = ComplaintStatus(c.status).label()
        self.setWindowTitle(self.tr("Complaint {number}").format(number=c.number))
        flags = []
        if c.is_group:
            flags.append(self.tr("group complaint"))
        if not c.valid:
            flags.append(self.tr("invalid"))
        if c.escalation != "none":
            flags.append(Escalation(c.escalation).label())
        if complaints.needs_head_notice(c):
            flags.append(self.tr("office head NOT yet told"))
        if c.on_hold_since:
            flags.append(self.tr("on hold since {at}").format(at=fmt(c.on_hold_since)))
        if c.related_to_id:
            flags.append(self.tr("repeat of {number}").format(number=c.related_to.number))
        due = self._deadline_text(c)
        self.header.setText(f"{c.number}　{status}　{Severity(c.severity).label()}"
                            + (f"　[{' · '.join(flags)}]" if flags else "") + (f"<br>{due}" if due else ""))
        self._fill_details(c)
        self._fill_timeline()
        self._fill_work_orders()
        self._enable_actions(c)

    def _deadline_text(self, c) -> str:
        at = dt.datetime.now()
        parts = [self.tr("Reply by {t}").format(t=fmt(c.reply_by)),
                 self.tr("Resolve by {t}").format(t=fmt(c.resolve_by))]
        running = lateness.running_deadline(c)
        if running is not None:
            due = running[1]
            colour = "#b00020" if lateness.complaint_overdue(c, at) else "#0b5394"
            parts.append(f'<span style="color:{colour}">{countdown(due, at)}</span>')
        return "   ·   ".join(parts)

    def _fill_details(self, c) -> None:
        while self.details.count():
            self.details.takeAt(0).widget().deleteLater()
        yes = self.tr("yes")
        rows = [
            (self.tr("Received"), fmt(c.received_at), self.tr("Channel"), Channel(c.channel).label()),
            (self.tr("Complainant"), c.complainant, self.tr("Phone"), c.phone),
            (self.tr("Unit"), unit_display(c.unit) if c.unit_id else self.tr("(public area)"),
             self.tr("Where"), c.location),
            (self.tr("Category"), c.category.name, self.tr("Department"),
             c.department.name if c.department_id else ""),
            (self.tr("When it happened"), fmt(c.occurred_at), self.tr("People involved"), c.people_involved),
            (self.tr("Valid"), yes if c.valid else self.tr("no: {reason}").format(reason=c.invalid_reason),
             self.tr("Evidence"), c.evidence),
            (self.tr("What happened"), c.description, None, None),
            (self.tr("Customer's request"), c.customer_request, None, None),
            (self.tr("Reply"), self._reply_text(c), None, None),
            (self.tr("Cause"), c.cause, self.tr("Corrective action"), c.action),
            (self.tr("Result"), c.result, self.tr("Customer's opinion"),
             c.customer_opinion + (self.tr("  (signed)") if c.signature_received else "")),
            (self.tr("Taken by"), c.created_by.name, self.tr("Office head told"), self._head_told_text(c)),
        ]
        for r, (l1, v1, l2, v2) in enumerate(rows):
            self._detail(r, 0, l1, v1, span=3 if l2 is None else 1)
            if l2 is not None:
                self._detail(r, 2, l2, v2)
        self.details.setColumnStretch(1, 1)
        self.details.setColumnStretch(3, 1)

    def _head_told_text(self, c) -> str:
        """When the office head was told, by the rule the header's flags follow (head_told)."""
        if c.head_notified_at:
            return fmt(c.head_notified_at)
        if complaints.head_told(c):  # escalated to the head before escalating recorded the time
            return Escalation(c.escalation).label()
        return self.tr("no") if complaints.needs_head_notice(c) else "—"

    def _detail(self, row: int, col: int, label: str, value: str, span: int = 1) -> None:
        name = QLabel(label + "：")
        name.setAlignment(Qt.AlignRight | Qt.AlignTop)
        name.setStyleSheet("color: #555;")
        text = QLabel(value or "")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.details.addWidget(name, row, col)
        self.details.addWidget(text, row, col + 1, 1, span)

    def _reply_text(self, c) -> str:
        if c.replied_at is None:
            return self.tr("not yet")
        method = ContactMethod(c.reply_method).label() if c.reply_method else ""
        return f"{fmt(c.replied_at)} {method} {c.reply_note}".strip()

    def _fill_timeline(self) -> None:
        self.timeline.clear()
        for entry in complaints.timeline(self.complaint_id, reader=self.staff):
            details = entry["note"]
            changes = [change_text(name, old, new) for name, old, new in entry["changes"]
                       if name not in ("status", "updated_at")]
            if changes and entry["action"] in ("handle",):
                details = "; ".join(changes)
            elif entry["action"] == "escalate":  # to whom: the supervisor or the office head
                to = [Escalation(new).label() for name, _old, new in entry["changes"]
                      if name == "escalation" and new in Escalation._value2member_map_]
                agreed = [self.tr("call back {at}").format(at=fmt(dt.datetime.fromisoformat(new)))
                          for name, _old, new in entry["changes"] if name == complaints.CALLBACK_AGREED and new]
                details = "; ".join(part for part in [*to, *agreed, entry["note"]] if part)
            item = QTreeWidgetItem([fmt(entry["at"]), entry["who"],
                                    translate("timeline", ACTIONS.get(entry["action"], entry["action"])),
                                    details])
            item.setToolTip(3, "\n".join([entry["note"], *changes]).strip())
            self.timeline.addTopLevelItem(item)

    def _fill_work_orders(self) -> None:
        self.work_orders.clear()
        for wo in workorders.of_complaint(self.complaint_id, reader=self.staff):
            item = QTreeWidgetItem([
                wo.number, wo.department.name if wo.department_id else "", wo.description,
                wo.technician.name if wo.technician_id else "", WorkOrderStatus(wo.status).label()])
            item.setData(0, Qt.UserRole, wo.id)
            item.setToolTip(0, self.tr("Enter or a double-click opens the work order"))
            self.work_orders.addTopLevelItem(item)

    def eventFilter(self, obj, event):  # noqa: N802
        if obj is self.work_orders and event.type() == QEvent.KeyPress \
                and event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.work_orders.currentItem():
            self.open_work_order()
            return True
        return super().eventFilter(obj, event)

    def open_work_order(self, item=None) -> None:
        """The case's work order in full: its rounds, materials, fee and timeline."""
        from propdesk.ui.workorder_tab import WorkOrderView

        item = item or self.work_orders.currentItem()
        if item is None:
            return
        view = WorkOrderView(self.staff, item.data(0, Qt.UserRole), self)
        view.show()
        self.work_order_view = view

    def _enable_actions(self, c) -> None:
        is_open = complaints.is_open(c)
        handle = accounts.can(self.staff, "complaint.handle")
        for key in ("reply", "handle", "escalate", "note", "close"):
            self.buttons[key].setEnabled(is_open and handle)
        self.buttons["work_order"].setEnabled(is_open and accounts.can(self.staff, "workorder.create"))
        self.buttons["hold"].setEnabled(is_open and handle)
        self.buttons["hold"].setText(self.tr("Resu&me") if c.on_hold_since else self.tr("Ho&ld…"))
        self.buttons["note"].setEnabled(handle and c.status != "voided")
        self.buttons["notify_head"].setEnabled(is_open and handle and complaints.needs_head_notice(c))
        self.buttons["reopen"].setEnabled(c.status == ComplaintStatus.CLOSED.value and handle)
        self.buttons["void"].setEnabled(c.status != ComplaintStatus.VOIDED.value
                                        and accounts.can(self.staff, "complaint.void"))
        self.buttons["reply"].setText(self.tr("&Reply…") if c.valid else self.tr("Tell the &reason…"))

    def print_forms(self) -> None:
        """Write the case's two forms to the printouts folder and show the print preview."""
        from propdesk.reports.pdf import complaint_forms_pdf
        from propdesk.ui.printing import print_pdf

        path = printouts_dir() / f"{self.complaint.number}.pdf"
        complaint_forms_pdf(self.complaint_id, path)
        audit_log.record_output(self.staff, "print", "complaint", "complaint forms", path,
                                entity_id=self.complaint_id)
        self.printed = path
        self.preview = print_pdf(path, self)

    # --- actions -----------------------------------------------------------------------------
    def _act(self, title: str, fields: list[Field], run, intro: str = "") -> None:
        dialog = ActionDialog(title, fields, run, intro, self)
        if dialog.exec():
            self.load()
            self.changed.emit(self.complaint_id)

    def do_reply(self) -> None:
        c = self.complaint
        intro = "" if c.valid else self.tr(
            "An invalid complaint is answered with the reason within 1 working day.")
        title = re.sub(r"\(&\w\)|&", "", self.buttons["reply"].text()).rstrip("…")
        self._act(title, [
            Field("at", self.tr("Time"), "datetime", now()),
            Field("method", self.tr("How"), "choice", "phone", _choices(ContactMethod)),
            Field("note", self.tr("What was said"), "text", c.reply_note),
        ], lambda v: complaints.record_reply(self.staff, c.id, v["at"], v["method"], v["note"]), intro)

    def do_handling(self) -> None:
        c = self.complaint
        depts = [(d.id, d.name) for d in reference.departments()]
        self._act(self.tr("Handling record (客户意见处理记录表)"), [
            Field("department", self.tr("Responsible department"), "choice", c.department_id, depts),
            Field("cause", self.tr("Cause found"), "text", c.cause),
            Field("action", self.tr("Corrective action"), "text", c.action),
            Field("result", self.tr("Result"), "text", c.result),
            Field("customer_opinion", self.tr("Customer's opinion"), "line", c.customer_opinion),
            Field("signed", self.tr("The customer signed the record"), "check", c.signature_received),
        ], lambda v: complaints.record_handling(
            self.staff, c.id, v["cause"], v["action"], v["result"], v["customer_opinion"], v["signed"],
            v["department"]))

    def do_hold(self) -> None:
        """Put the case on hold (the resolve clock stops), or end the hold."""
        c = self.complaint
        if c.on_hold_since:
            self._act(self.tr("End the hold"), [Field("at", self.tr("Time"), "datetime", now())],
                      lambda v: holds.end(self.staff, "complaint", c.id, v["at"]),
                      self.tr("The resolve deadline moves on by the working time the case was on hold."))
            return
        reasons = [(k, translate("enums", v)) for k, v in holds.REASONS.items()]
        self._act(self.tr("Put on hold"), [
            Field("reason", self.tr("Waiting for"), "choice", "owner_absent", reasons),
            Field("note", self.tr("Note"), "line", ""),
        ], lambda v: holds.start(self.staff, "complaint", c.id, v["reason"], v["note"]),
            self.tr("While on hold the resolve clock stops; the reply deadline still counts."))

    def do_work_order(self) -> None:
        c = self.complaint
        depts = [(d.id, d.name) for d in reference.departments()]
        self._act(self.tr("Work order for {number}").format(number=c.number), [
            Field("department", self.tr("Department"), "choice", c.department_id, depts),
            Field("description", self.tr("Task"), "text", c.description),
            Field("urgency", self.tr("Urgency"), "choice", "ordinary", _choices(Urgency)),
        ], lambda v: workorders.from_complaint(self.staff, c.id, v["description"], v["department"],
                                              v["urgency"]),
            self.tr("The work order goes to the dispatch board; its contact and unit come from the complaint."))

    def do_notify_head(self) -> None:
        c = self.complaint
        self._act(self.tr("Office head told"), [
            Field("at", self.tr("When the head was told"), "datetime", now()),
            Field("note", self.tr("How and what was said"), "line", ""),
        ], lambda v: complaints.notify_head(self.staff, c.id, at=v["at"], note=v["note"]),
            self.tr("Record that the office head was told of this major or group complaint."))

    def do_escalate(self) -> None:
        c = self.complaint
        levels = [(Escalation.SUPERVISOR.value, self.tr("the supervisor")),
                  (Escalation.HEAD.value, self.tr("the office head"))]  # (升级至: 客服主管)
        default = Escalation.HEAD.value if c.escalation == "supervisor" else Escalation.SUPERVISOR.value
        # the time agreed with the owner to call back (docs/procedure.md): printed on the form;
        # stored only when the clerk ticks that one was agreed (tomorrow's hour is a proposal)
        proposed = (now() + dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
        self._act(self.tr("Escalate"), [
            Field("to", self.tr("To"), "choice", default, levels),
            Field("note", self.tr("Why"), "text", ""),
            Field("callback_at", self.tr("Time agreed to call back"), "maybe_datetime", proposed),
        ], lambda v: complaints.escalate(self.staff, c.id, v["to"], v["note"], v["callback_at"]))

    def do_note(self) -> None:
        self._act(self.tr("Note on the case"), [Field("note", self.tr("Note"), "text", "")],
                  lambda v: complaints.add_note(self.staff, self.complaint_id, v["note"]),
                  self.tr("Everyone who picks up this case sees the note (one answer for one customer)."))

    def do_close(self) -> None:
        self._act(self.tr("Close the case"), [Field("note", self.tr("Summary"), "text", "")],
                  lambda v: complaints.close(self.staff, self.complaint_id, v["note"]))

    def do_reopen(self) -> None:
        self._act(self.tr("Reopen the case"), [Field("reason", self.tr("Reason"), "text", "")],
                  lambda v: complaints.reopen(self.staff, self.complaint_id, v["reason"]))

    def do_void(self) -> None:
        self._act(self.tr("Void the complaint"), [Field("reason", self.tr("Reason"), "line", "")],
                  lambda v: complaints.void(self.staff, self.complaint_id, v["reason"]),
                  self.tr("A voided complaint keeps its number and stays in the records."))
