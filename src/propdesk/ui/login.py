"""Sign-in, and the first-run choice on an empty database (own office, demo office, or the
office's PostgreSQL server)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
    QSpinBox, QVBoxLayout,
)

from propdesk.errors import RuleError
from propdesk.services.core import accounts, file_check
from propdesk.services.setup import reference
from propdesk.services.core import settings
from propdesk.ui.lazy_qt import Qt, set_properties
from propdesk.ui.worker import run_task


def check_password_off_thread(parent, fn, label: str | None = None):
    """Run ``fn()`` (a sign-in, or making a password's hash: scrypt at N=2^17 takes about half
    a second, more when an old hash is made again) on a worker thread, so the window keeps
    painting; its RuleError is raised here."""
    return run_task(parent, label or QCoreApplication.translate("LoginDialog", "Checking the password…"),
                    lambda progress, cancel: fn())


class LoginDialog(QDialog):
    """User name and password; the signed-in person is ``self.staff``."""

    def __init__(self, parent=None, authenticate=None, heading: str | None = None):
        """``authenticate(username, password)`` -> Staff (default: the open database's
        accounts); ``heading`` replaces the office's name (e.g. for a backup's accounts)."""
        super().__init__(parent)
        self.staff = None
        self.authenticate = authenticate or accounts.authenticate
        self.setWindowTitle(self.tr("PropDesk - sign in"))
        self.setMinimumWidth(380)
        office = QLabel(heading if heading is not None else settings.get("office_name") or "")
        office.setWordWrap(True)
        set_properties(office, alignment="AlignCenter")  # not setAlignment: see lazy_qt
        office.setStyleSheet("font-size: 16pt; font-weight: bold; margin: 8px;")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        buttons = QDialogButtonBox()  # its constructor with buttons would build Qt's enums (lazy_qt)
        buttons.setStandardButtons(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Sign in"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Quit"))
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(office)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.username.setFocus()

    def showEvent(self, event):  # noqa: N802 - Qt's method name
        super().showEvent(event)
        # the database file's full check, if the start left it for later, runs while the person
        # types (services.core.file_check); the sign-in's write waits for it if need be
        file_check.start()

    def sign_in(self) -> None:
        try:
            username, password = self.username.text(), self.password.text()
            self.staff = check_password_off_thread(
                self, lambda: self.authenticate(username, password))
        except RuleError as err:
            self.message.setText(err.text())
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class FirstRunDialog(QDialog):
    """An empty database: create the administrator's account, build the demo office, or
    connect this desk to the office's server (``server_url`` is then set)."""

    def __init__(self, parent=None, show_server: bool = True):
        super().__init__(parent)
        self.setWindowTitle(self.tr("PropDesk - first start"))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr(
            "Welcome to PropDesk. This database is empty.\n\nCreate the administrator's "
            "account for your office, or try PropDesk first with a demo office (sample "
            "estates, owners, staff and complaints; its accounts are shown when it is made, "
            "e.g. kefu / kefu123 for a clerk)."))
        intro.setWordWrap(True)
        self.office = QLineEdit(settings.get("office_name") or "")
        self.office.setPlaceholderText(self.tr("as printed on forms, e.g. 阳光花园物业服务中心"))
        self.username = QLineEdit("admin")
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.Password)
        form = QFormLayout()
        form.addRow(self.tr("Office name"), self.office)
        form.addRow(self.tr("Administrator user name"), self.username)
        form.addRow(self.tr("Administrator name"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.password2)
        create = QPushButton(self.tr("Create my office"))
        create.setDefault(True)
        create.clicked.connect(self.create_office)
        demo = QPushButton(self.tr("Open the demo office"))
        demo.clicked.connect(self.create_demo)
        server = QPushButton(self.tr("Connect to the office's server…"))
        server.setObjectName("connect_server")
        server.setToolTip(self.tr("Several desks share one database on the office's PostgreSQL "
                                  "server: this desk remembers it."))
        server.clicked.connect(self.connect_server)
        self.server_url = None  # set when this desk now works on the office's server
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(create)
        layout.addWidget(demo)
        if show_server:
            layout.addWidget(server)

    def connect_server(self) -> None:
        dialog = ServerDialog(self)
        if dialog.exec():
            self.server_url = dialog.url
            self.accept()

    def create_office(self) -> None:
        if not self.office.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Enter the office's name: it is printed on every form."))
            self.office.setFocus()
            return
        if not self.name.text().strip() or not self.username.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Enter the administrator's name and user name."))
            return
        if self.password.text() != self.password2.text():
            QMessageBox.warning(self, self.windowTitle(), self.tr("The two passwords differ."))
            self.password2.setFocus()
            return
        username, name, password, office = (self.username.text().strip(), self.name.text().strip(),
                                            self.password.text(), self.office.text().strip())
        try:  # the password's hash takes about half a second: off the GUI thread
            check_password_off_thread(
                self, lambda: reference.create_first_admin(username, name, password, office),
                self.tr("Saving the password…"))
        except RuleError as err:
            QMessageBox.warning(self, self.windowTitle(), err.text())
            if not reference.needs_first_admin():  # another desk made the office meanwhile: sign in
                self.accept()
            return
        self.accept()

    def create_demo(self) -> None:
        from propdesk.demo import office as demo

        self.setCursor(Qt.WaitCursor)
        try:
            summary = demo.create_demo_office()
        except RuleError as err:  # another desk filled the new database meanwhile: sign in there
            self.unsetCursor()
            QMessageBox.warning(self, self.windowTitle(), err.text())
            self.accept()
            return
        self.unsetCursor()
        QMessageBox.information(self, self.windowTitle(), summary)  # it lists the demo accounts
        self.accept()


class ServerDialog(QDialog):
    """The office's PostgreSQL server: tried at once, remembered for this desk only when it
    works (the password in the desk's password file, never in the settings)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        from propdesk.services.setup import desk_server

        self._connect = desk_server.connect
        self.url = None
        self.setWindowTitle(self.tr("Connect to the office's server"))
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("Ask the office's administrator for these. The password is kept in "
                               "this computer account's PostgreSQL password file, not in PropDesk."))
        intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setObjectName("server_host")
        self.host.setPlaceholderText(self.tr("e.g. 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setObjectName("server_port")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("propdesk")
        self.database.setObjectName("server_database")
        self.user = QLineEdit("propdesk")
        self.user.setObjectName("server_user")
        self.password = QLineEdit()
        self.password.setObjectName("server_password")
        self.password.setEchoMode(QLineEdit.Password)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User name on the server"), self.user)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def try_connect(self) -> None:
        self.setCursor(Qt.WaitCursor)
        try:
            self.url = self._connect(self.host.text(), self.port.value(), self.database.text(),
                                     self.user.text(), self.password.text())
        except RuleError as err:  # unreachable, wrong password, a field left empty
            self.unsetCursor()
            QMessageBox.warning(self, self.windowTitle(), err.text())
            widget = self.findChild(QLineEdit, err.field or "") or self.host
            widget.setFocus()
            return  # what was typed stays
        self.unsetCursor()
        self.accept()
