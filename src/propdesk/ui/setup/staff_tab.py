"""Staff and their accounts: add, edit, deactivate (never delete), reset a password."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from propdesk.errors import RuleError
from propdesk.enums import Role
from propdesk.services.core import passwords
from propdesk.ui.login import check_password_off_thread
from propdesk.services.setup import office_lists
from propdesk.services.setup import staff_admin
from propdesk.services.setup.staff_admin import StaffInput
from propdesk.ui.action_dialog import ActionDialog, Field
from propdesk.ui.setup.common import ListEditor
from propdesk.ui.widgets import fill_combo, select_data


class StaffEditor(ListEditor):
    def __init__(self, staff, editable: bool, parent=None):
        self.staff = staff
        super().__init__(editable, self.tr("Person"), parent)

    def headers(self):
        return [self.tr("Name"), self.tr("User name"), self.tr("Role"), self.tr("Department"),
                self.tr("Phone"), self.tr("Account")]

    def build_form(self):
        self.username = self.add_field("username", self.tr("&User name"), QLineEdit())
        self.username.setPlaceholderText(self.tr("for signing in, e.g. wangfang"))
        self.name = self.add_field("staff_name", self.tr("Na&me"), QLineEdit())
        self.role = self.add_field("role", self.tr("&Role"), QComboBox())
        fill_combo(self.role, Role.choices())
        self.department = self.add_field("department", self.tr("&Department"), QComboBox())
        self.phone = self.add_field("staff_phone", self.tr("P&hone"), QLineEdit())
        self.password = self.add_field("password", self.tr("Pass&word"), QLineEdit())
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(self.tr("at least {n} characters, not a demo password").format(
            n=passwords.MIN_LENGTH))
        self.password_label = self.form.labelForField(self.password)
        self.state = QLabel(objectName="account_state")
        self.state.setWordWrap(True)
        self.reset_button = QPushButton(self.tr("Reset &password..."), objectName="reset_password")
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton(objectName="toggle_active")
        self.active_button.clicked.connect(self.toggle_active)
        account = QHBoxLayout()
        account.addWidget(self.reset_button)
        account.addWidget(self.active_button)
        account.addStretch()
        line = QFrame(frameShape=QFrame.HLine, frameShadow=QFrame.Sunken)
        self.extra.addWidget(line)
        self.extra.addWidget(self.state)
        self.extra.addLayout(account)

    def apply_mode(self):
        super().apply_mode()
        self.reset_button.setVisible(self.editable)
        self.active_button.setVisible(self.editable)

    def rows(self):
        current = self.department.currentData()
        fill_combo(self.department, [(d.id, d.name) for d in office_lists.departments()],
                   self.tr("- none -"))
        select_data(self.department, current)
        return staff_admin.staff_list()

    def cells(self, row):
        dept = row.department.name if row.department_id else ""
        state = self.tr("Active") if row.active else self.tr("Deactivated")
        return [row.name, row.username, Role(row.role).label(), dept, row.phone, state], row.active

    def load(self, row):
        new = row is None
        self.username.setText("" if new else row.username)
        self.username.setReadOnly(not (new and self.editable))
        self.name.setText("" if new else row.name)
        select_data(self.role, Role.CLERK.value if new else row.role)
        self.department.setCurrentIndex(0)
        if not new and row.department_id:
            select_data(self.department, row.department_id)
        self.phone.setText("" if new else row.phone)
        self.password.clear()
        self.password.setVisible(new)
        self.password_label.setVisible(new)
        self.reset_button.setEnabled(not new)
        self.active_button.setEnabled(not new)
        if new:
            self.state.setText(self.tr("A new person signs in with this user name and password."))
            self.active_button.setText(self.tr("Deac&tivate"))
        elif row.active:
            self.state.setText(self.tr("Can sign in."))
            self.active_button.setText(self.tr("Deac&tivate"))
        else:
            self.state.setText(self.tr("Deactivated: cannot sign in; still shown on old records."))
            self.active_button.setText(self.tr("Re&activate"))

    def data(self) -> StaffInput:
        return StaffInput(username=self.username.text(), name=self.name.text(),
                          role=self.role.currentData(), department_id=self.department.currentData(),
                          phone=self.phone.text(), password=self.password.text())

    def save(self, row_id):
        if row_id is None:  # the password's hash takes about half a second: off the GUI thread
            data = self.data()
            return check_password_off_thread(self, lambda: staff_admin.add_staff(self.staff, data),
                                             self.tr("Saving the password…"))
        return staff_admin.update_staff(self.staff, row_id, self.data())

    def toggle_active(self) -> None:
        row = self.row_by_id(self.current_id)
        if row is None:
            return
        if row.active and QMessageBox.question(
                self, self.tr("Deactivate"),
                self.tr("Deactivate {name}? They can no longer sign in; their name stays on "
                        "every record.").format(name=row.name)) != QMessageBox.Yes:
            return
        try:
            staff_admin.set_active(self.staff, row.id, not row.active)
        except RuleError as err:
            self.messages.error(err)
            return
        self.reload(row.id)
        self.messages.ok(self.tr("Saved."))
        self.changed.emit()

    def reset_password(self) -> None:
        row = self.row_by_id(self.current_id)
        if row is None:
            return
        fields = [Field("password", self.tr("New password")), Field("again", self.tr("Again"))]

        def run(values):
            if values["password"] != values["again"]:
                raise RuleError(self.tr("The two passwords differ."), field="again")
            return check_password_off_thread(
                self, lambda: staff_admin.reset_password(self.staff, row.id, values["password"]),
                self.tr("Saving the password…"))

        dialog = ActionDialog(self.tr("Reset the password of {name}").format(name=row.name), fields, run,
                              self.tr("Tell {name} the new password: at the next sign-in they must "
                                      "choose their own before anything else. A wait after wrong "
                                      "passwords is lifted too.").format(name=row.name), self)
        for widget in dialog.widgets.values():
            widget.setEchoMode(QLineEdit.Password)
        self._reset_dialog = dialog
        if dialog.exec():
            self.messages.ok(self.tr("The password of {name} was reset.").format(name=row.name))


class StaffTab(QWidget):
    def __init__(self, staff, editable: bool, parent=None):
        super().__init__(parent)
        self.editor = StaffEditor(staff, editable)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Everyone who signs in to PropDesk, and the technicians work orders "
                               "go to. Nobody is deleted: a person who leaves is deactivated and "
                               "stays on the records they made."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
