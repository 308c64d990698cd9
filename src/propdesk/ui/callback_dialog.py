"""Making one callback: the case and its history on the left, the owner's phones, and the
result typed on the right (method, reached, satisfaction, the owner's words)."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QListWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from propdesk.errors import RuleError, ValidationError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.enums import ContactMethod, Satisfaction
from propdesk.services.core import audit
from propdesk.services.cases import callback_results, callbacks
from propdesk.services.register import owners
from propdesk.services.cases.callback_results import CallbackInput
from propdesk.ui.case_view import ACTIONS as COMPLAINT_ACTIONS
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.widgets import TextBox, fill_combo, fmt, mark_invalid
from propdesk.ui.workorder_tab import ACTIONS as WORK_ORDER_ACTIONS
from propdesk.services.register.address import unit_display


CALLBACK_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("timeline", "Callback scheduled"),
    "move": QT_TRANSLATE_NOOP("timeline", "Callback moved"),
    "assign": QT_TRANSLATE_NOOP("timeline", "Callback handed over"),
    "no_answer": QT_TRANSLATE_NOOP("timeline", "No answer"),
    "done": QT_TRANSLATE_NOOP("timeline", "Callback made"),
}


class CallbackDialog(QDialog):
    def __init__(self, staff, cb_id: int, parent=None):
        super().__init__(parent)
        self.staff, self.cb_id, self.outcome = staff, cb_id, None
        cb = callbacks.get(cb_id, reader=staff)
        case = cb.complaint if cb.complaint_id else cb.work_order
        self.setWindowTitle(self.tr("Callback {number} for {case}").format(number=cb.number, case=case.number))
        self.setMinimumSize(960, 560)

        summary = QLabel(self._summary(cb, case))
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        phones = QListWidget(objectName="phones")
        for line in self._phones(case):
            phones.addItem(line)
        phones.setMaximumHeight(90)
        history = QTreeWidget(objectName="history")
        history.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        history.setRootIsDecorated(False)
        history.setColumnWidth(0, 125)
        entity = "complaint" if cb.complaint_id else "work_order"
        labels = COMPLAINT_ACTIONS if cb.complaint_id else WORK_ORDER_ACTIONS
        entries = [(e, labels) for e in audit.timeline(entity, case.id)]
        entries += [(e, CALLBACK_ACTIONS) for e in audit.timeline("callback", cb.id)]
        for e, names in sorted(entries, key=lambda pair: pair[0]["at"]):
            what = translate("timeline", names[e["action"]]) if e["action"] in names else e["action"]
            history.addTopLevelItem(QTreeWidgetItem([fmt(e["at"]), e["who"], what, e["note"]]))
        left = QVBoxLayout()
        left.addWidget(summary)
        left.addWidget(QLabel(self.tr("Phone numbers")))
        left.addWidget(phones)
        left.addWidget(QLabel(self.tr("History")))
        left.addWidget(history, 1)

        self.method = QComboBox(objectName="method")
        fill_combo(self.method, [(m.value, m.label()) for m in (ContactMethod.PHONE, ContactMethod.VISIT,
                                                                 ContactMethod.MESSAGE)])
        self.reached = QCheckBox(self.tr("Owner reached"), objectName="reached")
        self.reached.setChecked(True)
        self.satisfaction = QComboBox(objectName="satisfaction")
        fill_combo(self.satisfaction, [(s.value, s.label()) for s in Satisfaction], self.tr("- choose -"))
        self.words = TextBox(4, objectName="owner_words")
        self.message = QLabel(objectName="message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        attempts = QLabel(self.tr("Attempts so far: {n}").format(n=cb.attempts))
        self.reached.toggled.connect(self.satisfaction.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("&How"), self.method)
        form.addRow("", self.reached)
        form.addRow(self.tr("&Satisfaction"), self.satisfaction)
        form.addRow(self.tr("Owner's &words"), self.words)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("Save (Ctrl+S)"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        result_box = QGroupBox(self.tr("Result of this call"))
        right = QVBoxLayout(result_box)
        right.addWidget(attempts)
        right.addLayout(form)
        right.addWidget(self.message)
        right.addStretch()
        right.addWidget(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(result_box, 2)
        self.method.setFocus()

    def _summary(self, cb, case) -> str:
        unit = unit_display(case.unit) if case.unit_id else "—"
        what = case.description
        result = getattr(case, "result", "")
        return self.tr("<b>{case}</b>  unit {unit}<br>{what}<br>Result: {result}<br>"
                       "Call back by {due} (promised by {promised})").format(
            case=case.number, unit=unit, what=what, result=result or "—",
            due=fmt(cb.due_date), promised=fmt(cb.promised_by or cb.due_date))

    def _phones(self, case) -> list[str]:
        lines = []
        phone = getattr(case, "phone", None) or getattr(case, "contact_phone", "")
        name = getattr(case, "complainant", None) or getattr(case, "contact_name", "")
        if phone:
            lines.append(f"{name}  {phone}")
        if case.unit_id:
            lines += [f"{c.name}  {c.phone}" for c in owners.contacts_of_unit(case.unit_id, reader=self.staff)
                      if c.phone and c.phone != phone]
        return lines

    def save(self) -> None:
        mark_invalid(self.satisfaction, False)
        data = CallbackInput(method=self.method.currentData(), reached=self.reached.isChecked(),
                             satisfaction=self.satisfaction.currentData() or "",
                             owner_words=self.words.text())
        try:
            self.outcome = callback_results.record(self.staff, self.cb_id, data)
        except ValidationError as err:
            self.message.setText(err.text())
            if "satisfaction" in err.errors:
                mark_invalid(self.satisfaction, True)
                self.satisfaction.setFocus()
            return
        except RuleError as err:
            self.message.setText(err.text())
            return
        self.accept()
