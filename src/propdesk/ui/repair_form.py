"""报修登记: a repair call taken with the keyboard; the hand-over deadline shows before saving."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QListWidget, QMessageBox,
    QPushButton, QVBoxLayout, QWidget,
)

from propdesk.errors import RuleError, ValidationError
from propdesk.enums import Urgency
from propdesk.services.setup import reference
from propdesk.services.cases import incidents, workorders
from propdesk.services.register import owners
from propdesk.services.cases.workorders import RepairInput
from propdesk.ui.caller import CallerLookup
from propdesk.ui.flow_layout import FlowLayout
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.related_panel import RelatedPanel
from propdesk.ui.widgets import DateTimeEdit, TextBox, fill_combo, fmt, mark_invalid, select_data


class RepairForm(QWidget):
    saved = Signal(int)
    attached = Signal(int)  # incident id: the call went to an open incident

    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.received_at = DateTimeEdit(objectName="received_at")
        self.phone = QLineEdit(objectName="phone")
        self.contact_name = QLineEdit(objectName="complainant")
        self.unit = QLineEdit(objectName="unit")
        self.unit.setPlaceholderText(self.tr("e.g. 3栋2单元1201; empty for a public area"))
        self.contacts = QListWidget(objectName="contacts")
        self.location = QLineEdit(objectName="location")
        self.description = TextBox(3, objectName="description")
        self.urgency = QComboBox(objectName="urgency")
        fill_combo(self.urgency, [(u.value, u.label()) for u in (Urgency.ORDINARY, Urgency.URGENT)])
        self.use_window = QCheckBox(self.tr("Agreed with the customer:"))
        self.window_start = DateTimeEdit(objectName="window")
        self.window_end = DateTimeEdit()
        self.paid = QCheckBox(self.tr("Paid service (有偿服务)"), objectName="paid")
        self.department = QComboBox(objectName="department")
        self.repair_category = QComboBox(objectName="repair_category")
        self.deadline = QLabel(objectName="deadline")
        self.deadline.setWordWrap(True)
        self.status = QLabel(objectName="saved")
        self.status.setWordWrap(True)
        self.deadline.setMinimumWidth(200)  # wraps, never widens the column
        save = QPushButton(self.tr("Save repair call  (Ctrl+S)"), objectName="save")
        save.clicked.connect(self.save)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        self.caller = CallerLookup(self.phone, self.contact_name, self.unit, self.contacts,
                                   next_field=self.location, parent=self, reader=self.staff)
        # what is already known about the unit: its open complaints and work orders, and an
        # incident over it (停水/停电) to attach the call to instead of raising a second order
        self.related = RelatedPanel(staff, self, repairs=True)
        self.related.incident_requested.connect(self._attach_to_incident)
        self._related_timer = QTimer(self, singleShot=True, interval=250)
        self._related_timer.timeout.connect(self._show_related)
        for signal in (self.unit.textChanged, self.phone.textChanged):
            signal.connect(lambda *_: self._related_timer.start())

        # from – to on one line; on a narrow screen the end goes under the start, so the form
        # (and the board beside it) keep their room at 1024 wide
        window = FlowLayout()
        window.addWidget(self.window_start)
        window.addWidget(QLabel("–"))
        window.addWidget(self.window_end)
        form = QFormLayout()
        form.addRow(self.tr("Time received"), self.received_at)
        form.addRow(self.tr("Caller &phone"), self.phone)
        form.addRow(self.tr("Con&tact"), self.contact_name)
        form.addRow(self.tr("&Unit"), self.unit)
        form.addRow(self.tr("Owners of the unit"), self.contacts)
        form.addRow(self.related)
        form.addRow(self.tr("&Where"), self.location)
        form.addRow(self.tr("What is &broken"), self.description)
        form.addRow(self.tr("Ur&gency"), self.urgency)
        form.addRow(self.use_window)
        form.addRow(self.tr("Time"), window)
        form.addRow("", self.paid)
        form.addRow(self.tr("Repair category"), self.repair_category)
        form.addRow(self.tr("&Department"), self.department)
        # the hand-over deadline, Save and the saved number: a footer the work-order tab keeps in
        # view below the scrolling form (ui.form_area); alone it sits at the form's end
        self.footer = QWidget(objectName="repair_footer")
        footer = QVBoxLayout(self.footer)
        footer.setContentsMargins(9, 4, 9, 4)
        footer.addWidget(self.deadline)
        footer.addWidget(save)
        footer.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.footer)
        layout.addStretch()
        for signal in (self.urgency.currentIndexChanged, self.received_at.dateTimeChanged):
            signal.connect(self._show_deadline)
        self.use_window.toggled.connect(self.window_start.setEnabled)
        self.use_window.toggled.connect(self.window_end.setEnabled)
        self.clear()

    def _show_related(self) -> None:
        unit = owners.find_unit(self.unit.text())
        self.related.show_for(unit.id if unit else None, self.phone.text(), None)

    def _attach_to_incident(self, incident_id: int) -> None:
        """The caller reports what an open incident already covers: note the call there (they
        are called back when it ends) instead of raising a second order."""
        try:
            contact = incidents.attach(self.staff, incident_id, self.contact_name.text(), self.phone.text(),
                                       self.unit.text(), self.description.text(), self.caller.owner_id)
        except ValidationError as err:  # no phone nor unit, or a unit of two estates
            self._show_invalid(err, {"phone": self.phone, "complainant": self.contact_name,
                                     "unit": self.unit, "description": self.description})
            return
        except RuleError as err:
            QMessageBox.warning(self, self.tr("Please check"), err.text())
            return
        self.clear()
        self.status.setText(self.tr("The call was attached to incident {number}: no work order was raised.").format(
            number=contact.incident.number))
        self.phone.setFocus()
        self.attached.emit(contact.incident_id)

    def _show_invalid(self, err: ValidationError, fields: dict) -> None:
        """Outline the fields ``err`` names, put the cursor in the first, and say why."""
        bad = [fields[f] for f in err.errors if f in fields]
        for widget in bad:
            mark_invalid(widget, True)
        if bad:
            bad[0].setFocus()
        QMessageBox.warning(self, self.tr("Please check"), err.text())

    def _show_deadline(self) -> None:
        due = workorders.pass_by(self.received_at.value(), self.urgency.currentData())
        if self.urgency.currentData() == Urgency.URGENT.value:
            text = self.tr("Urgent: pass it to engineering at once (by {t}).")
        else:
            text = self.tr("Pass it to a technician within 2 hours (by {t}).")
        self.deadline.setText(text.format(t=fmt(due)))

    def data(self) -> RepairInput:
        window = self.use_window.isChecked()
        return RepairInput(
            received_at=self.received_at.value(), phone=self.phone.text(),
            contact_name=self.contact_name.text(), unit=self.unit.text(),
            owner_id=self.caller.owner_id, location=self.location.text(),
            description=self.description.text(), urgency=self.urgency.currentData(),
            window_start=self.window_start.value() if window else None,
            window_end=self.window_end.value() if window else None,
            paid=self.paid.isChecked(), department_id=self.department.currentData(),
            repair_category_id=self.repair_category.currentData())

    def save(self) -> None:
        fields = {"phone": self.phone, "complainant": self.contact_name, "unit": self.unit,
                  "description": self.description, "repair_category": self.repair_category, "window": self.window_start,
                  "location": self.location, "received_at": self.received_at}
        for widget in fields.values():
            mark_invalid(widget, False)
        try:
            wo = workorders.create(self.staff, self.data())
        except ValidationError as err:
            self._show_invalid(err, fields)
            return
        except RuleError as err:
            QMessageBox.warning(self, self.tr("Please check"), err.text())
            return
        self.clear()
        self.status.setText(self.tr("Saved as {number}: hand it over by {t}.").format(
            number=wo.number, t=fmt(wo.pass_by)))
        self.phone.setFocus()  # the next call starts at the caller's phone
        self.saved.emit(wo.id)

    def clear(self) -> None:
        fill_combo(self.department, [(d.id, d.name) for d in reference.departments()])
        fill_combo(self.repair_category, [(c.id, c.name) for c in reference.repair_categories()], "—")
        engineering = next((d.id for d in reference.departments() if d.code == "engineering"), None)
        select_data(self.department, engineering)
        for edit in (self.phone, self.contact_name, self.unit, self.location, self.description):
            edit.setText("")
        self.caller.reset()
        self.related.reset()
        self.received_at.follow_clock()
        start = dt.datetime.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
        self.window_start.set_value(start)
        self.window_end.set_value(start + dt.timedelta(hours=2))
        self.use_window.setChecked(False)
        self.window_start.setEnabled(False)
        self.window_end.setEnabled(False)
        self.urgency.setCurrentIndex(0)
        self.paid.setChecked(False)
        self._show_deadline()
