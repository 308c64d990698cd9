"""Who is at the desk: sign-in, sign-out / switch user without quitting, and the lock after the
office's idle time (setting ``lock_minutes``, 0 = never).

``Session`` owns the main window: signing out closes it (its unsaved forms with it, after a
question) and shows the sign-in again; the next person lands on their role's start screen.
``IdleLock`` watches the keyboard and mouse of the whole application; when nobody has touched
them for the office's minutes, the window's contents are hidden behind ``LockDialog``, which the
same person opens with their password, or which signs them out for someone else.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
)

from propdesk.errors import RuleError
from propdesk.services.core import accounts, settings

INPUT_EVENTS = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel,
                QEvent.InputMethod, QEvent.TouchBegin}


def lock_minutes() -> int:
    try:
        return max(0, int(settings.get("lock_minutes") or 0))
    except ValueError:
        return 0


class IdleLock(QObject):
    """Emits ``idle`` once when no key or mouse input came for the office's lock time."""

    idle = Signal()

    def __init__(self, parent=None, clock=time.monotonic):
        super().__init__(parent)
        self.clock = clock
        self.last_input = clock()
        self.paused = False
        # An application-wide filter sends every event through Python: 30 ms more for the
        # window's first paint alone. It is installed by the first check that needs it (15 s
        # after sign-in at the earliest), and not at all while the office never locks.
        self.watching = False
        self.timer = QTimer(self, interval=15_000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's method name
        if event.type() in INPUT_EVENTS:
            self.last_input = self.clock()
        return False

    def check(self) -> bool:
        minutes = lock_minutes()
        if minutes and not self.watching:  # input is watched from now on
            QApplication.instance().installEventFilter(self)
            self.watching = True
            self.last_input = self.clock()
            return False
        if self.paused or not minutes or self.clock() - self.last_input < minutes * 60:
            return False
        self.paused = True
        self.idle.emit()
        return True

    def resume(self) -> None:
        self.last_input = self.clock()
        self.paused = False

    def stop(self) -> None:
        self.timer.stop()
        if self.watching:
            QApplication.instance().removeEventFilter(self)
            self.watching = False


class LockDialog(QDialog):
    """The desk is locked: the signed-in person's password opens it; "Switch user" signs out."""

    switch_user = Signal()

    def __init__(self, staff, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.setWindowTitle(self.tr("PropDesk - locked"))
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("The desk was locked after {n} minutes without use.\n"
                               "{name}, enter your password to go on; someone else signs in "
                               "with \"Switch user\".").format(n=lock_minutes(), name=staff.name))
        intro.setWordWrap(True)
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.Password)
        self.message = QLabel(objectName="message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Password"), self.password)
        buttons = QDialogButtonBox()
        unlock = buttons.addButton(self.tr("&Unlock"), QDialogButtonBox.AcceptRole)
        unlock.setObjectName("unlock")
        unlock.setDefault(True)
        switch = buttons.addButton(self.tr("S&witch user"), QDialogButtonBox.ResetRole)
        switch.setObjectName("switch_user")
        switch.setAutoDefault(False)  # Enter in the password field unlocks, never signs out
        switch.clicked.connect(self._switch)
        buttons.accepted.connect(self.unlock)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.password.setFocus()

    def unlock(self) -> None:
        try:
            from propdesk.ui.login import check_password_off_thread

            username, password = self.staff.username, self.password.text()
            check_password_off_thread(self, lambda: accounts.authenticate(username, password))
        except RuleError as err:
            self.message.setText(err.text())
            self.password.clear()
            return
        self.accept()

    def _switch(self) -> None:
        self.done(2)
        self.switch_user.emit()

    def reject(self) -> None:  # Esc does not open a locked desk
        pass


class Session(QObject):
    """Sign-in → main window → sign-out → sign-in ...; quits when the window is closed or the
    sign-in is cancelled."""

    def __init__(self, app, parent=None):
        super().__init__(parent)
        self.app = app
        self.window = None
        self.lock_dialog = None
        self.idle = IdleLock(self)
        self.idle.idle.connect(self.lock)
        self.switching = False

    def sign_in(self) -> bool:
        """Sign-in, then, when a new password is due (after an administrator reset it, or a
        demo password in a real office), the new password before the main window opens; who
        does not choose one is signed out and the sign-in comes again."""
        from propdesk.services.core import passwords
        from propdesk.ui.login import LoginDialog

        while True:
            login = LoginDialog()
            if not login.exec():
                return False
            due = passwords.change_due(login.staff)
            if due is None:
                break
            from propdesk.ui.password_dialog import ChangePasswordDialog  # (only when due)

            if ChangePasswordDialog(login.staff, due).exec():
                break
            accounts.sign_out(login.staff)
        self.open_window(login.staff)
        return True

    def open_window(self, staff):
        from propdesk.ui.main_window import MainWindow

        self.window = MainWindow(staff)
        self.window.sign_out_requested.connect(self.sign_out)
        self.window.lock_requested.connect(self.lock)
        self.window.closed.connect(self._window_closed)
        self.window.showMaximized()
        self.idle.resume()
        return self.window

    def _window_closed(self) -> None:
        if not self.switching:
            self.idle.stop()
            self.app.quit()

    def sign_out(self) -> None:
        """Close the window (after asking about unsaved forms) and show the sign-in again."""
        window = self.window
        if window is None:
            return
        if not window.may_close():  # the person keeps an unsaved form
            return
        self.switching = True
        window.close()
        accounts.sign_out(window.staff)
        self.window = None
        window.deleteLater()
        if not self.sign_in():
            self.idle.stop()
            self.app.quit()
        self.switching = False

    def lock(self) -> None:
        if self.window is None or self.lock_dialog is not None:
            return
        self.idle.paused = True
        accounts.sign_out(self.window.staff, "lock")
        self.window.set_locked(True)
        dialog = LockDialog(self.window.staff, self.window)
        self.lock_dialog = dialog
        dialog.finished.connect(self._unlocked)
        dialog.open()

    def _unlocked(self, code: int) -> None:
        self.lock_dialog = None
        if code == 2:  # switch user
            self.sign_out()
            return
        if self.window is not None:
            self.window.set_locked(False)
        self.idle.resume()
