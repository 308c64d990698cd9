"""收费: one work order's fee lines, the supervisor's approval of quotes, and its payment (cash
with a receipt, or the unit's monthly bill), in one dialog. A free job found chargeable at the
visit is made paid here, with the owner's agreement noted. Every rule is the services'; a
refusal is shown under the part it concerns and what was typed stays."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QInputDialog, QLabel, QLineEdit, QPushButton, QRadioButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout,
)

from propdesk.errors import RuleError, ValidationError
from propdesk.i18n import translate
from propdesk.services.cases import workorder_edits, workorders
from propdesk.services.cases.workorder_edits import WorkOrderEdit
from propdesk.services.core import accounts
from propdesk.services.fees import charges, payments
from propdesk.services.fees.charges import LineInput
from propdesk.services.register.address import unit_display
from propdesk.services.setup import office_lists
from propdesk.ui.widgets import SearchCombo, fill_combo, fmt, mark_invalid


class FeeDialog(QDialog):
    def __init__(self, staff, wo_id: int, parent=None):
        super().__init__(parent)
        self.staff, self.wo_id = staff, wo_id
        self.setMinimumWidth(720)
        self.changed = False
        supervisor = accounts.can(staff, "workorder.check")

        self.header = QLabel(objectName="fee_header")
        self.header.setWordWrap(True)
        # a free job found chargeable at the visit
        self.agreement = QLineEdit(objectName="owner_agreement")
        self.agreement.setPlaceholderText(self.tr("e.g. the owner agreed on the spot (name, how)"))
        self.make_paid = QPushButton(self.tr("Make it a &paid service"), objectName="make_paid")
        self.make_paid.clicked.connect(self.do_make_paid)
        self.free_box = QGroupBox(self.tr("Free service: found chargeable at the visit?"))
        free_row = QHBoxLayout(self.free_box)
        free_row.addWidget(QLabel(self.tr("Owner's agreement")))
        free_row.addWidget(self.agreement, 1)
        free_row.addWidget(self.make_paid)

        self.table = QTableWidget(0, 6, objectName="fee_lines")
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Item"), self.tr("Unit price"),
                                              self.tr("Quantity"), self.tr("Amount"), self.tr("Approved / voided")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        # the item and the approval/void note take what room there is; the kind and the figures
        # as wide as their longest text (the largest amount a line may have), with room around
        # it, before a line is there too (sized to their contents they were cramped at 1024)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        kinds = [translate("enums", k) for k in charges.KINDS.values()]
        widest = {0: kinds, 2: ["50000.00"], 3: ["999.5平方米"], 4: ["50000.00"]}
        for col, texts in widest.items():
            title = self.table.horizontalHeaderItem(col).text()
            width = max(self.table.fontMetrics().horizontalAdvance(t) for t in texts)
            header.resizeSection(col, max(width, header.fontMetrics().horizontalAdvance(title)) + 24)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        # Tab leaves the table (it moved from cell to cell, so the keyboard never reached the
        # payment); room for five lines
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + 5 * self.table.verticalHeader().defaultSectionSize() + 4)
        self.total = QLabel(objectName="fee_total")

        self.kind = QComboBox(objectName="fee_kind")
        fill_combo(self.kind, [(k, translate("enums", v)) for k, v in charges.KINDS.items()])
        self.item = SearchCombo(objectName="price_item")
        fill_combo(self.item, [(p.id, f"{p.name}  ¥{p.price}/{p.unit_name}")
                               for p in office_lists.price_items(active_only=True)], self.tr("- choose -"))
        self.description = QLineEdit(objectName="line_description")
        self.description.setPlaceholderText(self.tr("material or quoted work"))
        self.price = QLineEdit(objectName="unit_price")
        self.price.setPlaceholderText(self.tr("yuan"))
        self.quantity = QLineEdit("1", objectName="quantity")
        add = QPushButton(self.tr("&Add line"), objectName="add_line")
        add.clicked.connect(self.do_add)
        self.add_button = add
        self.void_line = QPushButton(self.tr("&Void line…"), objectName="void_line")
        self.void_line.clicked.connect(self.do_void_line)
        self.approve = QPushButton(self.tr("Approve &quote"), objectName="approve_quote")
        self.approve.clicked.connect(self.do_approve)
        self.approve.setVisible(supervisor)
        self.line_message = QLabel(objectName="line_message")
        self.line_message.setStyleSheet("color: #b00020;")
        self.line_message.setWordWrap(True)
        add_row = QHBoxLayout()
        for w, stretch in ((self.kind, 0), (self.item, 2), (self.description, 2), (self.price, 1),
                           (self.quantity, 0), (add, 0)):
            add_row.addWidget(w, stretch)
        self.quantity.setMaximumWidth(60)
        self.price.setMaximumWidth(90)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.void_line)
        line_buttons.addWidget(self.approve)
        line_buttons.addStretch()
        line_buttons.addWidget(self.total)
        lines_box = QGroupBox(self.tr("Fee lines"))
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.addWidget(self.table)
        lines_layout.addLayout(line_buttons)
        lines_layout.addLayout(add_row)
        lines_layout.addWidget(self.line_message)

        self.cash = QRadioButton(self.tr("Cash, with receipt"), objectName="pay_cash")
        self.bill = QRadioButton(self.tr("Add to the monthly bill (计入物业费账单)"), objectName="pay_bill")
        self.cash.setChecked(True)
        self.receipt = QLineEdit(objectName="receipt_no")
        self.collector = QComboBox(objectName="collected_by")
        fill_combo(self.collector, [(s.id, s.name) for s in payments.collectors()])
        self.collector.setCurrentIndex(max(self.collector.findData(staff.id), 0))
        self.month = QComboBox(objectName="bill_month")
        fill_combo(self.month, [(m, m) for m in payments.bill_months(dt.datetime.now())])
        self.pay = QPushButton(self.tr("&Record payment"), objectName="record_payment")
        self.pay.clicked.connect(self.do_pay)
        self.void_payment = QPushButton(self.tr("Void pa&yment…"), objectName="void_payment")
        self.void_payment.clicked.connect(self.do_void_payment)
        self.void_payment.setVisible(accounts.can(staff, "fee.void"))
        # why the payment cannot be recorded now (nothing owed, a quote to approve): the
        # services' words beside the greyed button
        self.pay_reason = QLabel(objectName="pay_reason")
        self.pay_reason.setStyleSheet("color: #555555;")
        self.pay_reason.setWordWrap(True)
        self.payment_state = QLabel(objectName="payment_state")
        self.payment_state.setWordWrap(True)
        # payments voided before (a wrong receipt …): kept and shown, never edited
        self.payment_history = QLabel(objectName="payment_history")
        self.payment_history.setWordWrap(True)
        self.payment_history.setStyleSheet("color: #555555;")
        self.pay_message = QLabel(objectName="pay_message")
        self.pay_message.setStyleSheet("color: #b00020;")
        self.pay_message.setWordWrap(True)
        pay_box = QGroupBox(self.tr("Payment"))
        pay_form = QFormLayout(pay_box)
        pay_form.addRow(self.payment_state)
        pay_form.addRow(self.payment_history)
        pay_form.addRow(self.cash)
        pay_form.addRow(self.tr("Receipt &number"), self.receipt)  # Alt+N: straight to it
        pay_form.addRow(self.tr("Collected by"), self.collector)
        pay_form.addRow(self.bill)
        pay_form.addRow(self.tr("Billing month"), self.month)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pay)
        buttons.addWidget(self.void_payment)
        buttons.addWidget(self.pay_reason, 1)
        pay_form.addRow(buttons)
        pay_form.addRow(self.pay_message)

        close = QPushButton(self.tr("Close window"), objectName="close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.free_box)
        layout.addWidget(lines_box, 1)
        layout.addWidget(pay_box)
        layout.addWidget(close)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.table.currentCellChanged.connect(lambda *_: self._enable())
        self.refresh()
        self._kind_changed()
        self.resize(self.sizeHint())  # the lines' table at its full five rows from the start

    # --- showing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        wo = workorders.read(self.wo_id, reader=self.staff)
        self.wo = wo
        self.setWindowTitle(self.tr("Fees of {number}").format(number=wo.number))
        kind = self.tr("paid service") if wo.paid else self.tr("free service")
        self.header.setText(self.tr("{number}  {unit}  {task} ({kind})").format(
            number=wo.number, unit=unit_display(wo.unit) if wo.unit_id else "", task=wo.description,
            kind=kind))
        self.free_box.setVisible(not wo.paid)
        self.lines = charges.lines(self.wo_id, include_voided=True)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            if line.voided_at:
                state = self.tr("voided: {reason}").format(reason=line.void_reason)
            elif line.kind == "quote":
                state = (self.tr("approved by {name} {at}").format(name=line.approved_by.name, at=fmt(line.approved_at))
                         if line.approved_by_id else self.tr("awaiting a supervisor"))
            else:
                state = ""
            qty = f"{line.quantity.normalize():f}{line.unit_name}"
            for col, text in enumerate((translate("enums", charges.KINDS[line.kind]), line.description,
                                        f"{line.unit_price:.2f}", qty, f"{line.amount:.2f}", state)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        pending = [i for i, line in enumerate(self.lines)
                   if line.kind == "quote" and not line.approved_by_id and not line.voided_at]
        if self.table.currentRow() < 0 and pending:  # Alt+Q approves it at once
            self.table.selectRow(pending[0])
        self.total.setText(self.tr("Total: ¥{total}").format(total=f"{charges.total(self.wo_id):.2f}"))
        payment = charges.live_payment(self.wo_id)
        if payment is None:
            self.payment_state.setText(self.tr("Not settled.") if wo.fee_state == "unpaid" else self.tr("Nothing to collect yet."))
        elif payment.method == "cash":
            self.payment_state.setText(self.tr("Settled: cash ¥{amount}, receipt {receipt}, collected by {who} on {at}.").format(
                amount=f"{payment.amount:.2f}", receipt=payment.receipt_no,
                who=payment.collected_by.name if payment.collected_by_id else "", at=fmt(payment.paid_at)))
        else:
            self.payment_state.setText(self.tr("Settled: ¥{amount} on the {month} property bill.").format(
                amount=f"{payment.amount:.2f}", month=payment.bill_month))
        voided = [p for p in payments.of(self.wo_id) if p.voided_at]
        self.payment_history.setText("\n".join(self.tr(
            "Voided: {how} ¥{amount} {receipt} of {at}, by {who} on {when}: {reason}").format(
                how=payments.method_label(p.method), amount=f"{p.amount:.2f}",
                receipt=p.receipt_no or p.bill_month, at=fmt(p.paid_at),
                who=p.voided_by.name if p.voided_by_id else "", when=fmt(p.voided_at), reason=p.void_reason)
            for p in voided))
        self.payment_history.setVisible(bool(voided))
        self._enable()

    def _selected_line(self):
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def _enable(self) -> None:
        line = self._selected_line()
        settled = charges.live_payment(self.wo_id) is not None
        self.void_line.setEnabled(bool(line) and not line.voided_at and not settled)
        self.approve.setEnabled(bool(line) and line.kind == "quote" and not line.approved_by_id
                                and not line.voided_at and not settled)
        refused = payments.refusal(self.wo_id)
        self.pay.setEnabled(refused is None)
        # (settled: the state above says so, and the void button is the way on)
        self.pay_reason.setText(refused.text() if refused is not None and not settled else "")
        self.void_payment.setEnabled(settled)
        # what cannot be done now is greyed: a settled fee's lines and payment (void it first),
        # a free order's lines (make it paid first, above)
        for w in (self.cash, self.bill, self.receipt, self.collector, self.month):
            w.setEnabled(not settled)
        for w in (self.kind, self.item, self.description, self.price, self.quantity, self.add_button):
            w.setEnabled(not settled and self.wo.paid)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.item.setVisible(kind == "item")
        self.description.setVisible(kind != "item")
        self.price.setVisible(kind != "item")
        self.quantity.setVisible(kind != "quote")
        self.price.setPlaceholderText(self.tr("amount (yuan)") if kind == "quote" else self.tr("unit price (yuan)"))

    # --- acting --------------------------------------------------------------------------------
    def _run(self, call, message: QLabel, widgets: dict) -> bool:
        message.setText("")
        for w in widgets.values():
            mark_invalid(w, False)
        try:
            call()
        except ValidationError as err:
            message.setText(err.text())
            wrong = [widgets[k] for k in err.errors if k in widgets]
            for w in wrong:
                mark_invalid(w, True)
            if wrong:
                wrong[0].setFocus()
            return False
        except RuleError as err:
            message.setText(err.text())
            if err.field in widgets:
                mark_invalid(widgets[err.field], True)
                widgets[err.field].setFocus()
            return False
        self.changed = True
        self.refresh()
        return True

    def do_make_paid(self) -> None:
        if self._run(lambda: workorder_edits.edit(
                self.staff, self.wo_id, WorkOrderEdit(paid=True, owner_agreement=self.agreement.text()),
                self.tr("found chargeable at the visit")), self.line_message, {"owner_agreement": self.agreement}):
            # the button hid with its row: the cursor went nowhere (seen at the desk); the
            # first fee line is what comes next
            self.kind.setFocus()

    def do_add(self) -> None:
        kind = self.kind.currentData()
        data = LineInput(kind=kind, price_item_id=self.item.currentData(), quantity=self.quantity.text(),
                         description=self.description.text(), unit_price=self.price.text(),
                         amount=self.price.text())
        fields = {"price_item": self.item, "quantity": self.quantity, "material_name": self.description,
                  "quote_text": self.description, "unit_price": self.price, "quote_amount": self.price,
                  "fee_line": self.table}
        if self._run(lambda: charges.add(self.staff, self.wo_id, data), self.line_message, fields):
            self.description.clear()
            self.price.clear()
            self.quantity.setText("1")

    def do_void_line(self) -> None:
        line = self._selected_line()
        if line is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Void line"), self.tr("Why is this line taken off?"))
        if ok:
            self._run(lambda: charges.void(self.staff, line.id, reason), self.line_message, {})

    def do_approve(self) -> None:
        line = self._selected_line()
        if line is not None:
            self._run(lambda: charges.approve(self.staff, line.id), self.line_message, {})

    def do_pay(self) -> None:
        widgets = {"receipt_no": self.receipt, "collected_by": self.collector, "bill_month": self.month}
        if self.cash.isChecked():
            call = lambda: payments.pay_cash(self.staff, self.wo_id, self.receipt.text(),  # noqa: E731
                                             self.collector.currentData())
        else:
            call = lambda: payments.add_to_bill(self.staff, self.wo_id, self.month.currentData())  # noqa: E731
        if self._run(call, self.pay_message, widgets):
            self.receipt.clear()

    def do_void_payment(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("Void payment"),
                                          self.tr("Why is the payment voided? (the receipt number stays used)"))
        if ok:
            self._run(lambda: payments.void(self.staff, self.wo_id, reason), self.pay_message, {})
