"""投诉受理: the complaint intake form, made to be filled with the keyboard alone.

The caller's phone looks up the owner register as it is typed; a unit shows its owners and
phones; the category suggests the department; the deadlines are shown before saving.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from propdesk.errors import RuleError, ValidationError
from propdesk.enums import Channel, Severity
from propdesk.services.register import owners
from propdesk.services.setup import reference
from propdesk.services.core import calendar
from propdesk.ui.caller import CallerLookup
from propdesk.ui.lazy_qt import set_properties
from propdesk.ui.related_panel import RelatedPanel
from propdesk.ui.widgets import DateTimeEdit, TextBox, fill_combo, fmt, mark_invalid, select_data

if TYPE_CHECKING:
    from propdesk.services.cases.complaints import ComplaintInput

# The case rules (saving, repeats, incidents, the deadlines) are imported when first used (the
# warm-up after the window shows imports them too): the form shows without them (issue 21).


class IntakeForm(QWidget):
    saved = Signal(int)  # complaint id

    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self._build()
        self._connect()
        self.clear()

    # --- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.channel = QComboBox(objectName="channel")
        fill_combo(self.channel, [(c.value, c.label()) for c in Channel])
        self.received_at = DateTimeEdit()
        self.received_at.setObjectName("received_at")
        self.phone = QLineEdit(objectName="phone")
        self.phone.setPlaceholderText(self.tr("mobile or landline; the owner is looked up as you type"))
        self.complainant = QLineEdit(objectName="complainant")
        self.unit = QLineEdit(objectName="unit")
        self.unit.setPlaceholderText(self.tr("e.g. 3栋2单元1201 or 3-2-1201; empty for a public area"))
        self.contacts = QListWidget(objectName="contacts")
        self.contacts.setToolTip(self.tr("Owners and phones of the unit: Enter takes the selected one"))
        self.location = QLineEdit(objectName="location")
        self.occurred_known = QCheckBox(self.tr("Known:"))
        self.occurred_at = DateTimeEdit()
        self.occurred_at.setObjectName("occurred_at")
        self.description = TextBox(4, objectName="description")
        self.people_involved = QLineEdit(objectName="people_involved")
        self.customer_request = TextBox(2, objectName="customer_request")
        self.evidence = QLineEdit(objectName="evidence")
        self.category = QComboBox(objectName="category")
        self.severity = QComboBox(objectName="severity")
        self.department = QComboBox(objectName="department")
        self.invalid = QCheckBox(self.tr("Invalid complaint (outside our remit)"), objectName="invalid")
        self.invalid_reason = QLineEdit(objectName="invalid_reason")
        self.customer_cause = QCheckBox(self.tr("The cause is the customer's own: no notice is sent"))
        self.is_group = QCheckBox(self.tr("Group complaint (群体投诉)"), objectName="is_group")
        self.deadline = QLabel(objectName="deadline")
        self.status = QLabel(objectName="saved")
        self.save_button = QPushButton(self.tr("Save  (Ctrl+S)"), objectName="save")
        self.clear_button = QPushButton(self.tr("&Clear / new form"), objectName="clear")

        self.related = RelatedPanel(self.staff, self)
        self._related_to: int | None = None
        caller = QGroupBox(self.tr("Caller"))
        grid = QGridLayout(caller)
        self._pair(grid, 0, 0, self.tr("Cha&nnel"), self.channel)
        self._pair(grid, 0, 2, self.tr("&Time received"), self.received_at)
        self._pair(grid, 1, 0, self.tr("Caller &phone"), self.phone)
        self._pair(grid, 1, 2, self.tr("Co&mplainant"), self.complainant)
        self._pair(grid, 2, 0, self.tr("&Unit"), self.unit)
        grid.addWidget(self.contacts, 2, 3, 2, 1)
        grid.addWidget(QLabel(self.tr("Owners of the unit"), objectName="hint"), 2, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        what = QGroupBox(self.tr("What happened"))
        form = QFormLayout(what)
        when = QHBoxLayout()
        when.addWidget(self.occurred_known)
        when.addWidget(self.occurred_at)
        when.addStretch()
        form.addRow(self.tr("&Where"), self.location)
        form.addRow(self.tr("When it happened"), when)
        form.addRow(self.tr("What happ&ened"), self.description)
        form.addRow(self.tr("People &involved"), self.people_involved)
        form.addRow(self.tr("Customer's &request"), self.customer_request)
        form.addRow(self.tr("E&vidence shown"), self.evidence)

        classify = QGroupBox(self.tr("Classification"))
        grid2 = QGridLayout(classify)
        self._pair(grid2, 0, 0, self.tr("Cate&gory"), self.category)
        self._pair(grid2, 0, 2, self.tr("C&lass"), self.severity)
        self._pair(grid2, 1, 0, self.tr("&Department"), self.department)
        grid2.addWidget(self.is_group, 1, 2, 1, 2)
        grid2.addWidget(self.invalid, 2, 0, 1, 2)
        self._pair(grid2, 3, 0, self.tr("Reason invalid"), self.invalid_reason)
        grid2.addWidget(self.customer_cause, 3, 2, 1, 2)
        grid2.setColumnStretch(1, 1)
        grid2.setColumnStretch(3, 1)

        # the deadlines, the buttons and the 已保存 line: a footer that the window keeps in view
        # below the scrolling form (at 1366x768 with the related-cases panel they fell below
        # the fold); alone (tests, a dialog) it sits at the form's end
        self.footer = QWidget(objectName="intake_footer")
        footer = QVBoxLayout(self.footer)
        footer.setContentsMargins(9, 4, 9, 4)
        buttons = QHBoxLayout()
        buttons.addWidget(self.deadline, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        footer.addLayout(buttons)
        footer.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(caller)
        layout.addWidget(self.related)
        layout.addWidget(what)
        layout.addWidget(classify)
        layout.addWidget(self.footer)
        layout.addStretch()
        self.setTabOrder(self.received_at, self.phone)

    @staticmethod
    def _pair(grid: QGridLayout, row: int, col: int, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        grid.addWidget(label, row, col)
        grid.addWidget(widget, row, col + 1)

    def _connect(self) -> None:
        self.caller = CallerLookup(self.phone, self.complainant, self.unit, self.contacts,
                                   next_field=self.location, parent=self, reader=self.staff)
        # what is known about the unit or caller shows as soon as they are known; driven by
        # the text (debounced), since a completer popup can swallow the focus change
        self._related_timer = QTimer(self, singleShot=True, interval=250)
        self._related_timer.timeout.connect(self._show_related)
        for signal in (self.unit.textChanged, self.phone.textChanged, self.category.currentIndexChanged):
            signal.connect(lambda *_: self._related_timer.start())
        self.related.link_requested.connect(self._link_repeat)
        self.related.contact_requested.connect(self._add_contact)
        self.related.incident_requested.connect(self._attach_to_incident)
        self.category.currentIndexChanged.connect(self._category_changed)
        for signal in (self.severity.currentIndexChanged, self.received_at.dateTimeChanged,
                       self.invalid.toggled):
            signal.connect(self._show_deadlines)
        self.invalid.toggled.connect(self._invalid_toggled)
        self.occurred_known.toggled.connect(self.occurred_at.setEnabled)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.confirm_clear)
        for keys in ("Ctrl+S", "Ctrl+Return"):
            # this form only: the repair form has its own Ctrl+S on another tab
            set_properties(QShortcut(QKeySequence(keys), self, self.save), context="WidgetWithChildrenShortcut")

    def _show_related(self) -> None:
        unit = owners.find_unit(self.unit.text())
        self.related.show_for(unit.id if unit else None, self.phone.text(), self.category.currentData())

    def _link_repeat(self, complaint_id: int, _number: str) -> None:
        self._related_to = complaint_id

    def _add_contact(self, complaint_id: int) -> None:
        """The call is about a case already open: note it there instead of a new complaint."""
        from propdesk.services.cases import related

        try:
            contact = related.add_contact(self.staff, complaint_id, self.complainant.text(),
                                          self.phone.text(), self.description.text(),
                                          self.channel.currentData())
        except RuleError as err:
            QMessageBox.warning(self, self.tr("Please check"), err.text())
            return
        number = contact.complaint.number  # the case the action itself read (no unchecked get)
        self.clear()
        self.status.setText(self.tr("The call was added to {number}.").format(number=number))
        self.saved.emit(complaint_id)

    def _attach_to_incident(self, incident_id: int) -> None:
        from propdesk.services.cases import incidents

        self._unmark()
        try:
            contact = incidents.attach(self.staff, incident_id, self.complainant.text(), self.phone.text(),
                                       self.unit.text(), self.description.text(), self.caller.owner_id)
        except ValidationError as err:  # no phone nor unit, or a unit of two estates: the field says it
            self._refused(err)
            return
        except RuleError as err:
            QMessageBox.warning(self, self.tr("Please check"), err.text())
            return
        self.clear()
        self.status.setText(self.tr("The call was attached to incident {number}.").format(
            number=contact.incident.number))

    def _category_changed(self) -> None:
        category_id = self.category.currentData()
        for category in self._categories:
            if category.id == category_id and category.default_department_id:
                select_data(self.department, category.default_department_id)

    def _invalid_toggled(self, invalid: bool) -> None:
        self.invalid_reason.setEnabled(invalid)
        self.customer_cause.setEnabled(invalid)

    def _show_deadlines(self) -> None:
        severity = self.severity.currentData()
        if not severity:
            self.deadline.setText(self.tr("Choose the class to see the deadlines."))
            return
        from propdesk.services.cases import sla  # a new form has no class yet: not at start

        reply_by, resolve_by = sla.deadlines(self.received_at.value(), severity,
                                             not self.invalid.isChecked())
        text = self.tr("Reply by {reply}   ·   Resolve by {resolve}").format(
            reply=fmt(reply_by), resolve=fmt(resolve_by))
        unknown = calendar.unentered_years(self.received_at.value(), resolve_by)
        if unknown:  # said, not refused: the case is taken all the same
            text += "\n" + self.tr(
                "Note: the official holidays of {years} are not entered (or the year is not marked "
                "complete in Office setup), so these deadlines count Monday to Friday only and may "
                "be wrong. Tell the administrator.").format(years="、".join(str(y) for y in unknown))
        self.deadline.setText(text)
        self.deadline.setStyleSheet("color: #8a5300;" if unknown else "")

    # --- save ------------------------------------------------------------------------------
    def data(self) -> ComplaintInput:
        from propdesk.services.cases.complaints import ComplaintInput

        return ComplaintInput(
            channel=self.channel.currentData(),
            received_at=self.received_at.value(),
            phone=self.phone.text(),
            complainant=self.complainant.text(),
            unit=self.unit.text(),
            owner_id=self.caller.owner_id,
            location=self.location.text(),
            occurred_at=self.occurred_at.value() if self.occurred_known.isChecked() else None,
            description=self.description.text(),
            people_involved=self.people_involved.text(),
            customer_request=self.customer_request.text(),
            evidence=self.evidence.text(),
            category_id=self.category.currentData(),
            severity=self.severity.currentData() or "",
            valid=not self.invalid.isChecked(),
            invalid_reason=self.invalid_reason.text(),
            notice_required=not self.customer_cause.isChecked(),
            department_id=self.department.currentData(),
            is_group=self.is_group.isChecked(),
            related_to_id=self._related_to,
        )

    def _field_widget(self, field: str) -> QWidget:
        return getattr(self, {"category_id": "category", "department_id": "department"}.get(field, field), self.description)

    # the fields from the top of the form down: messages and the focus follow this order
    FIELD_ORDER = ["channel", "received_at", "phone", "complainant", "unit", "location", "occurred_at",
                   "description", "people_involved", "customer_request", "evidence", "category_id",
                   "severity", "department_id", "invalid_reason"]

    def _unmark(self) -> None:
        for name in ("phone", "complainant", "unit", "description", "category", "severity", "department",
                     "invalid_reason", "received_at", "occurred_at", "location", "customer_request",
                     "people_involved", "evidence", "channel"):
            mark_invalid(getattr(self, name), False)

    def save(self) -> None:
        from propdesk.services.cases import complaints

        self._unmark()
        try:
            complaint = complaints.create(self.staff, self.data())
        except ValidationError as err:
            self._refused(err)
            return
        except RuleError as err:
            QMessageBox.warning(self, self.tr("Please check"), err.text())
            return
        if complaints.needs_head_notice(complaint):
            self._ask_head_notice(complaint)
        self.clear()
        self.status.setText(self.tr("Saved as {number}. Deadline to resolve: {resolve}.").format(
            number=complaint.number, resolve=fmt(complaint.resolve_by)))
        self.saved.emit(complaint.id)

    def _refused(self, err: ValidationError) -> None:
        """The fields the service refused are outlined, the first one takes the cursor."""
        err = err.in_order(self.FIELD_ORDER)
        widgets = [self._field_widget(f) for f in err.errors]
        for widget in widgets:
            mark_invalid(widget, True)
        widgets[0].setFocus()
        self.status.setText("")
        QMessageBox.warning(self, self.tr("Please check"), err.text())

    def _ask_head_notice(self, complaint) -> None:
        from propdesk.services.cases import complaints

        answer = QMessageBox.question(
            self, self.tr("Tell the office head"),
            self.tr("{number} is a major or group complaint: the office head must be told at "
                    "once.\n\nHave you told the office head? (Yes records it now; No leaves it "
                    "as a reminder on the case.)").format(number=complaint.number))
        if answer == QMessageBox.Yes:
            complaints.notify_head(self.staff, complaint.id)

    def confirm_clear(self) -> None:
        typed = self.description.text() or self.phone.text() or self.complainant.text()
        if typed and QMessageBox.question(self, self.tr("New form"), self.tr(
                "Clear the form? What was typed is not saved.")) != QMessageBox.Yes:
            return
        self.clear()

    def clear(self) -> None:
        self._unmark()  # a blank form keeps no red outline from the last attempt
        self._categories = reference.categories()
        fill_combo(self.category, [(c.id, c.name) for c in self._categories], self.tr("- choose -"))
        # the mildest first: one Down press from "- choose -" must not make a case major (with
        # the office head to be told); 重大 takes three deliberate steps
        fill_combo(self.severity, [(s.value, s.label()) for s in reversed(list(Severity))],
                   self.tr("- choose -"))
        fill_combo(self.department, [(d.id, d.name) for d in reference.departments()], self.tr("- by category -"))
        for edit in (self.phone, self.complainant, self.unit, self.location, self.people_involved,
                     self.evidence, self.invalid_reason, self.description, self.customer_request):
            edit.setText("")
        self.caller.reset()
        self._related_to = None
        self.related.reset()
        self.channel.setCurrentIndex(0)
        self.received_at.follow_clock()
        self.occurred_at.follow_clock()  # a new form: now, not when the window was opened
        self.occurred_known.setChecked(False)
        self.occurred_at.setEnabled(False)
        for box in (self.invalid, self.customer_cause, self.is_group):
            box.setChecked(False)
        self._invalid_toggled(False)
        self._show_deadlines()
        # the cursor waits in the caller's phone: the channel is already 电话 (the most common),
        # and a clerk types the number at once; on the channel's box (Fusion draws no focus on
        # it) the digits went nowhere and the space in "155 6526" opened its list
        self.phone.setFocus()
