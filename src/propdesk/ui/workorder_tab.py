"""The work-order tab: the repair-call form beside the dispatch board, and the order's view."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QDialog, QGroupBox, QLabel, QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.enums import Urgency, WorkOrderKind, WorkOrderStatus
from propdesk.services.cases import workorders
from propdesk.ui.dispatch_board import DispatchBoard
from propdesk.ui.form_area import FormArea
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.repair_form import RepairForm
from propdesk.ui.widgets import fmt
from propdesk.services.register.address import unit_display

ACTIONS = {
    "create": QT_TRANSLATE_NOOP("timeline", "Work order raised"),
    "assign": QT_TRANSLATE_NOOP("timeline", "Assigned"),
    "start": QT_TRANSLATE_NOOP("timeline", "Technician arrived"),
    "complete": QT_TRANSLATE_NOOP("timeline", "Result recorded"),
    "slip": QT_TRANSLATE_NOOP("timeline", "Return slip back"),
    "check": QT_TRANSLATE_NOOP("timeline", "Signed off"),
    "rework": QT_TRANSLATE_NOOP("timeline", "Sent back for rework"),
    "quote": QT_TRANSLATE_NOOP("timeline", "Quote approved"),
    "quote_approved": QT_TRANSLATE_NOOP("timeline", "Quote approved"),
    "fee_line": QT_TRANSLATE_NOOP("timeline", "Fee line added"),
    "fee_line_void": QT_TRANSLATE_NOOP("timeline", "Fee line voided"),
    "payment": QT_TRANSLATE_NOOP("timeline", "Fee settled"),
    "payment_void": QT_TRANSLATE_NOOP("timeline", "Payment voided"),
    "edit": QT_TRANSLATE_NOOP("timeline", "Order changed"),
    "print": QT_TRANSLATE_NOOP("timeline", "Notice printed"),
    "cancel": QT_TRANSLATE_NOOP("timeline", "Cancelled"),
    "callback": QT_TRANSLATE_NOOP("timeline", "Callback made"),
    "notify_supervisor": QT_TRANSLATE_NOOP("timeline", "Supervisor told"),
    "hold": QT_TRANSLATE_NOOP("timeline", "On hold"),
    "resume": QT_TRANSLATE_NOOP("timeline", "Hold ended"),
    "refused": QT_TRANSLATE_NOOP("timeline", "Refused (no permission)"),
}


class WorkOrderTab(QWidget):
    changed = Signal()

    def __init__(self, staff, parent=None, background: bool = False):
        """``background``: the main window's first showing of the tab. The repair form is built
        and drawn first, the dispatch board one turn of the event loop later (together they kept
        the GUI thread busy 40-55 ms), and its first page is read on a worker. Without it the
        board is built at once and reads its first page at once."""
        super().__init__(parent)
        self.staff = staff
        self._background = background
        self._board = None
        self.form = RepairForm(staff)
        form_box = QGroupBox(self.tr("Repair call (报修登记)"))
        QVBoxLayout(form_box).addWidget(self.form)
        # a small screen scrolls the form rather than cutting it off; the deadline, Save and the
        # saved number stay in view below it
        form_scroll = FormArea(form_box, self.form.footer)
        form_scroll.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # it scrolls down only
        form_scroll.setMinimumWidth(self.form.minimumSizeHint().width() + 30)
        self.form_scroll = form_scroll
        # a field reached by its Alt key is scrolled into view
        QApplication.instance().focusChanged.connect(self._show_focused)
        self.form.attached.connect(lambda _id: self.changed.emit())
        # the board's two parts (its day list under the form, its table beside it) take the
        # places kept for them here
        self._left = left = QSplitter(Qt.Vertical)
        left.addWidget(form_scroll)
        left.addWidget(QWidget(objectName="board_day_place"))
        left.setSizes([520, 260])
        self._split = split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(QWidget(objectName="board_place"))
        # the form at its narrowest on a 1024-wide screen, so the board keeps its columns; with
        # room to spare (1366) a comfortable width
        screen = QApplication.primaryScreen()
        wide = screen is not None and screen.availableGeometry().width() >= 1280
        self._sizes = [max(440 if wide else 0, self.form.minimumSizeHint().width() + 40), 1000]
        split.setSizes(self._sizes)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.form.saved.connect(lambda wo_id: (self.board.refresh(select_id=wo_id), self.changed.emit()))
        # Ctrl+F from anywhere on the tab (the repair form too) goes to the board's search
        find = QShortcut(QKeySequence.Find, self, lambda: (self.board.search.setFocus(Qt.ShortcutFocusReason),
                                                           self.board.search.selectAll()))
        find.setContext(Qt.WidgetWithChildrenShortcut)
        if background:  # after the turn that lays out and draws the form
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self._build_board))
        else:
            self._build_board()

    @property
    def board(self) -> DispatchBoard:
        """The dispatch board (built now if its turn has not come yet)."""
        return self._board or self._build_board()

    def board_built(self) -> bool:
        return self._board is not None

    def _build_board(self) -> DispatchBoard:
        if self._board is not None:
            return self._board
        board = self._board = DispatchBoard(self.staff, background=self._background)
        for splitter, part in ((self._left, board.day_box), (self._split, board)):
            splitter.replaceWidget(1, part).deleteLater()
        # the board takes the room the form leaves, as the tab built in one go shares it (the
        # stretch was its place's)
        self._split.setStretchFactor(1, 1)
        self._split.setSizes(self._sizes)
        board.changed.connect(self.changed)
        board.open_work_order.connect(self.open_view)
        return board

    def _show_focused(self, _old, new) -> None:
        if new is not None and self.form_scroll.widget().isAncestorOf(new):
            self.form_scroll.scroll_area.ensureWidgetVisible(new)

    def open_view(self, wo_id: int) -> None:
        view = WorkOrderView(self.staff, wo_id, self)
        view.show()
        self._view = view


class WorkOrderView(QDialog):
    """Everything about one work order: the task, each round of work, the timeline."""

    def __init__(self, staff, wo_id: int, parent=None):
        super().__init__(parent)
        wo = workorders.read(wo_id, reader=staff)
        self.wo = wo
        self.setWindowTitle(self.tr("Work order {number}").format(number=wo.number))
        self.setMinimumSize(820, 600)
        kind = WorkOrderKind(wo.kind).label()
        lines = [
            f"<b>{wo.number}</b>　{kind}　{WorkOrderStatus(wo.status).label()}　{Urgency(wo.urgency).label()}",
            self.tr("Received {t}; hand over by {p}; handed over {d}").format(
                t=fmt(wo.received_at), p=fmt(wo.pass_by), d=fmt(wo.dispatched_at) or "—"),
            self.tr("Unit {u}, {where}; contact {name} {phone}").format(
                u=unit_display(wo.unit) if wo.unit_id else "—", where=wo.location or "—",
                name=wo.contact_name, phone=wo.contact_phone),
            self.tr("Task: {task}").format(task=wo.description),
            self.tr("Agreed time: {a} – {b}").format(a=fmt(wo.window_start) or "—", b=fmt(wo.window_end) or "—"),
            self.tr("Technician: {t}, at {s}").format(t=wo.technician.name if wo.technician_id else "—",
                                                      s=fmt(wo.scheduled_at) or "—"),
            self.tr("Fee: ¥{fee} ({paid})").format(fee=wo.fee, paid=self.tr("paid service") if wo.paid else self.tr("free")),
        ]
        from propdesk.services.fees import charges

        fee_lines = charges.lines(wo.id)
        if fee_lines:
            lines.append(self.tr("Fee lines: {lines}").format(lines="；".join(charges.line_text(x) for x in fee_lines)))
        payment = charges.live_payment(wo.id)
        if payment is not None:
            lines.append(self.tr("Settled: {how} {receipt}").format(
                how=payment.method == "cash" and self.tr("cash, receipt") or self.tr("monthly bill"),
                receipt=payment.receipt_no or payment.bill_month))
        elif wo.fee_state == "unpaid":
            lines.append(self.tr("Fee not settled yet."))
        if wo.owner_agreement:
            lines.append(self.tr("Made paid at the visit: {agreement}").format(agreement=wo.owner_agreement))
        if wo.repair_category_id:
            lines.append(self.tr("Repair category: {name}").format(name=wo.repair_category.name))
        if wo.complaint_id:
            lines.append(self.tr("For complaint {number}").format(number=wo.complaint.number))
        if wo.cancel_reason:
            lines.append(self.tr("Cancelled: {reason}").format(reason=wo.cancel_reason))
        header = QLabel("<br>".join(lines))
        header.setWordWrap(True)
        header.setTextInteractionFlags(Qt.TextSelectableByMouse)
        rounds = QTreeWidget(objectName="rounds")
        rounds.setHeaderLabels([self.tr("Round"), self.tr("Technician"), self.tr("Arrived"),
                                self.tr("Finished"), self.tr("Result"), self.tr("Materials"), self.tr("Fee"),
                                self.tr("Slip"), self.tr("Verdict")])
        rounds.setWordWrap(True)
        rounds.setRootIsDecorated(False)
        yes = self.tr("yes")
        verdicts = {"accepted": self.tr("accepted"), "rework": self.tr("rework"), "": ""}
        for r in workorders.rounds(wo_id, reader=staff):
            rounds.addTopLevelItem(QTreeWidgetItem([
                str(r.round_no), r.technician.name if r.technician_id else "", fmt(r.arrived_at),
                fmt(r.finished_at), r.result, r.materials, f"¥{r.fee}", yes if r.slip_returned else "",
                verdicts.get(r.verdict, r.verdict) + (f"：{r.verdict_note}" if r.verdict_note else "")]))
        for col in range(rounds.columnCount()):  # whole cells: the view is wide enough for them
            rounds.resizeColumnToContents(col)
        timeline = QTreeWidget(objectName="timeline")
        timeline.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        timeline.setRootIsDecorated(False)
        timeline.setColumnWidth(0, 130)
        timeline.setColumnWidth(1, 80)
        timeline.setColumnWidth(2, 140)
        for entry in workorders.timeline(wo_id, reader=staff):
            timeline.addTopLevelItem(QTreeWidgetItem([
                fmt(entry["at"]), entry["who"], translate("timeline", ACTIONS.get(entry["action"], entry["action"])),
                entry["note"]]))
        close = QPushButton(self.tr("Close window"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(QLabel(self.tr("Rounds of work")))
        layout.addWidget(rounds)
        layout.addWidget(QLabel(self.tr("Timeline")))
        layout.addWidget(timeline, 1)
        layout.addWidget(close)
