"""A person changes their own password (File → Change password…), or must choose one right after
signing in (after an administrator reset it, or while it is a demo password in a real office).
The rules and the change are ``services.core.passwords``; this dialog only shows them."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
)

from propdesk import i18n
from propdesk.errors import RuleError, ValidationError
from propdesk.services.core import passwords
from propdesk.ui.lazy_qt import Qt
from propdesk.ui.login import check_password_off_thread
from propdesk.ui.widgets import mark_invalid

FIELDS = ["old_password", "new_password", "new_password_again"]


class ChangePasswordDialog(QDialog):
    """Current password, the new one twice. ``due``: why the change cannot wait (then Cancel
    reads "Sign out": the main window does not open without a new password)."""

    def __init__(self, staff, due: str | None = None, parent=None):
        super().__init__(parent)
        self.staff = staff
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        who = QLabel(self.tr("{name} ({user})").format(name=staff.name, user=staff.username))
        who.setStyleSheet("font-weight: bold;")
        layout.addWidget(who)
        if due:
            why = QLabel(i18n.translate("rules", passwords.due_message(due)))
            why.setObjectName("due")
            why.setWordWrap(True)
            why.setStyleSheet("color: #b00020;")
            layout.addWidget(why)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for field, text in (("old_password", self.tr("&Current password")),
                            ("new_password", self.tr("&New password")),
                            ("new_password_again", self.tr("New password &again"))):
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.setEchoMode(QLineEdit.Password)
            self.edits[field] = edit
            form.addRow(text, edit)
        layout.addLayout(form)
        hint = QLabel(self.tr("At least {n} characters; not your user name; not a demo office "
                              "password such as admin123.").format(n=passwords.MIN_LENGTH))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        save = buttons.addButton(self.tr("&Save the new password"), QDialogButtonBox.AcceptRole)
        save.setObjectName("save")
        save.setDefault(True)
        cancel = buttons.addButton(self.tr("Sign out") if due else self.tr("Cancel"),
                                   QDialogButtonBox.RejectRole)
        cancel.setObjectName("cancel")
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edits["old_password"].setFocus(Qt.OtherFocusReason)

    def save(self) -> None:
        old, new, again = (self.edits[f].text() for f in FIELDS)
        for edit in self.edits.values():
            mark_invalid(edit, False)
        try:
            check_password_off_thread(
                self, lambda: passwords.change_own(self.staff, old, new, again))
        except ValidationError as err:
            err = err.in_order(FIELDS)
            self.message.setText(err.text())
            for field in err.errors:
                if field in self.edits:
                    mark_invalid(self.edits[field], True)
            first = self.edits.get(next(iter(err.errors)))
            if first is not None:
                first.setFocus(Qt.OtherFocusReason)
                first.selectAll()
            return  # what was typed stays
        except RuleError as err:
            self.message.setText(err.text())
            return
        self.accept()
