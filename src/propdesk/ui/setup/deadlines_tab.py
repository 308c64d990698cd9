"""Deadlines: reply and resolve per class, the callback window, repair hand-over times and the
repeat-complaint window, with the defaults of docs/deadlines.md one click away."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from propdesk.errors import RuleError
from propdesk.enums import Severity
from propdesk.services.setup import office
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.setup.common import Messages
from propdesk.ui.widgets import fill_combo, select_data


def spin(suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 99999)  # the service names the limits of each value
    box.setMinimumWidth(130)
    if suffix:
        box.setSuffix(suffix)
    return box


class DeadlinesTab(QWidget):
    def __init__(self, staff, editable: bool, parent=None):
        super().__init__(parent)
        self.staff, self.editable = staff, editable
        self.fields: dict[str, QWidget] = {}
        self.spans: dict[tuple[str, str], tuple[QSpinBox, QComboBox]] = {}
        self.messages = Messages()

        classes = QGroupBox(self.tr("Complaints: deadlines counted from receipt"))
        grid = QGridLayout(classes)
        grid.addWidget(QLabel(self.tr("Class")), 0, 0)
        grid.addWidget(QLabel(self.tr("Reply within")), 0, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Resolved within")), 0, 3, 1, 2)
        rows = [(s.value, s.label()) for s in Severity]
        rows.append(("invalid", self.tr("Invalid (reason told)")))
        for r, (key, text) in enumerate(rows, start=1):
            grid.addWidget(QLabel(text), r, 0)
            for c, part in ((1, "reply"), (3, "resolve")):
                amount, unit = spin(), QComboBox()
                fill_combo(unit, [("hours", self.tr("hours")), ("working_days", self.tr("working days"))])
                name = f"sla.{key}.{part}"
                amount.setObjectName(name)
                unit.setObjectName(name + ".unit")
                self.fields[name] = amount
                self.spans[(key, part)] = (amount, unit)
                grid.addWidget(amount, r, c)
                grid.addWidget(unit, r, c + 1)
        grid.setColumnStretch(5, 1)
        rule = QLabel(self.tr("Hours run on the clock; working days skip weekends and holidays "
                              "(see the working calendar)."), objectName="hint")
        rule.setWordWrap(True)
        grid.addWidget(rule, len(rows) + 1, 0, 1, 6)

        self.callback_days = self._number("callback_days", self.tr(" working days"))
        self.callback_max_attempts = self._number("callback_max_attempts", self.tr(" attempts"))
        self.urgent_minutes = self._number("urgent_minutes", self.tr(" minutes"))
        self.ordinary_minutes = self._number("ordinary_minutes", self.tr(" minutes"))
        self.repeat_days = self._number("repeat_days", self.tr(" days"))
        others = QGroupBox(self.tr("Callbacks, repairs and repeat complaints"))
        form = QFormLayout(others)
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow(self.tr("Callback within"), self.callback_days)
        form.addRow(self.tr("Callback attempts before a visit is suggested"), self.callback_max_attempts)
        form.addRow(self.tr("Urgent repair (急修) to engineering within"), self.urgent_minutes)
        form.addRow(self.tr("Ordinary repair to engineering within"), self.ordinary_minutes)
        form.addRow(self.tr("Same unit and category again within (repeat complaint)"), self.repeat_days)

        self.fee_cutoff_day = self._number("fee_cutoff_day", self.tr(" (day of each month)"))
        self.fee_remind_day = self._number("fee_remind_day", self.tr(" (day of each month)"))
        fees = QGroupBox(self.tr("Paid services: the cashier's month"))
        fee_form = QFormLayout(fees)
        fee_form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        fee_form.addRow(self.tr("Cut-off day: the month's fees go to the cashier by"), self.fee_cutoff_day)
        fee_form.addRow(self.tr("The dashboard reminds of the summary from"), self.fee_remind_day)
        fee_rule = QLabel(self.tr("A cashier's month runs from the day after the cut-off day of the "
                                  "month before to the cut-off day; a fee already recorded keeps "
                                  "its month."), objectName="hint")
        fee_rule.setWordWrap(True)
        fee_form.addRow(fee_rule)

        note = QLabel(self.tr("Changes apply to complaints and work orders taken from now on: "
                              "deadlines already given to a case stay as they are. Every change "
                              "is written to the audit log (who, when, old and new value)."))
        note.setWordWrap(True)
        self.defaults_button = QPushButton(self.tr("Restore the &defaults"), objectName="restore_defaults")
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.save_button = QPushButton(self.tr("&Save"), objectName="save_deadlines")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.messages, 1)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(classes)
        layout.addWidget(others)
        layout.addWidget(fees)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addStretch()
        for widget in [*self.findChildren(QSpinBox), *self.findChildren(QComboBox)]:
            widget.setEnabled(editable)
        self.defaults_button.setVisible(editable)
        self.save_button.setVisible(editable)
        self.show_values(office.current_deadlines())

    def _number(self, name: str, suffix: str) -> QSpinBox:
        box = spin(suffix)
        box.setObjectName(name)
        box.setAlignment(Qt.AlignRight)
        self.fields[name] = box
        return box

    def show_values(self, d: office.Deadlines) -> None:
        for (key, part), (amount, unit) in self.spans.items():
            n, u = d.sla[key][part]
            amount.setValue(int(n))
            select_data(unit, u)
        for name in office.LIMITS:
            getattr(self, name).setValue(int(getattr(d, name)))

    def values(self) -> office.Deadlines:
        table: dict = {}
        for (key, part), (amount, unit) in self.spans.items():
            table.setdefault(key, {})[part] = [amount.value(), unit.currentData()]
        return office.Deadlines(sla=table, **{name: getattr(self, name).value() for name in office.LIMITS})

    def save(self) -> None:
        self._run(lambda: office.save_deadlines(self.staff, self.values()))

    def restore_defaults(self) -> None:
        if QMessageBox.question(self, self.tr("Restore the defaults"), self.tr(
                "Set every deadline back to the office procedure's values (major: reply 2 hours, "
                "resolve 3 working days; callbacks within 3 working days; ...)?")) != QMessageBox.Yes:
            return
        self._run(lambda: office.restore_default_deadlines(self.staff))

    def _run(self, call) -> None:
        self.messages.clear_marks(self.fields)
        try:
            changes = call()
        except RuleError as err:
            self.messages.error(err, self.fields)
            return
        self.show_values(office.current_deadlines())
        self.messages.ok(self.tr("Saved: {n} values changed.").format(n=len(changes)) if changes
                         else self.tr("Nothing changed."))
