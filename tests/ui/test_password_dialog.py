"""Changing one's own password in the window (File → Change password…, keyboard only), and the
change that comes right after signing in, before the main window, when it is due."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from propdesk.models.tables import AuditEntry
from propdesk.services.core import accounts, passwords
from propdesk.services.setup.staff_admin import reset_password
from propdesk.ui import session as session_mod
from propdesk.ui.main_window import MainWindow
from propdesk.ui.password_dialog import ChangePasswordDialog


def _type(qtbot, text: str) -> None:
    """Into whatever has the focus, as a person types (ASCII only: see PLATFORM.md)."""
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _menu_texts(window: MainWindow) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in file_menu.actions() if not a.isSeparator()]


def test_every_role_changes_the_password_from_the_file_menu_with_the_keyboard(qtbot, office):
    for role in ("clerk", "technician"):  # the desk's window and the technician's own
        window = MainWindow(office[role])
        qtbot.addWidget(window)
        window.show()
        texts = _menu_texts(window)
        assert "修改密码(&P)…" in texts
        keys = [t.split("(&")[1][0] for t in texts if "(&" in t]
        assert len(keys) == len(set(keys)), texts  # every Alt key in the menu once
        action = window.findChild(type(window.menuBar().actions()[0]), "change_password")
        action.trigger()
        dialog = window.findChild(ChangePasswordDialog)
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.edits["old_password"].hasFocus())
        _type(qtbot, "secret123")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        _type(qtbot, "chosen-pw-1")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        _type(qtbot, "chosen-pw-1")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert accounts.authenticate(role, "chosen-pw-1").id == office[role].id
        assert "密码已修改" in window.statusBar().currentMessage()
        window.close()
    assert AuditEntry.select().where(AuditEntry.action == "password_change").count() == 2


def test_each_problem_names_its_field_and_what_was_typed_stays(qtbot, office):
    dialog = ChangePasswordDialog(office["clerk"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edits["old_password"], "not-mine")
    qtbot.keyClicks(dialog.edits["new_password"], "chosen-pw-1")
    qtbot.keyClicks(dialog.edits["new_password_again"], "chosen-pw-2")
    qtbot.keyClick(dialog.edits["new_password_again"], Qt.Key_Return)
    text = dialog.message.text()
    assert "当前密码" in text and "再输入一次新密码" in text and dialog.isVisible()
    assert dialog.edits["old_password"].property("invalid")
    assert dialog.edits["new_password_again"].property("invalid")
    assert not dialog.edits["new_password"].property("invalid")
    assert dialog.edits["old_password"].hasFocus()  # the first wrong field
    assert [dialog.edits[f].text() for f in ("old_password", "new_password", "new_password_again")] \
        == ["not-mine", "chosen-pw-1", "chosen-pw-2"]
    dialog.edits["old_password"].setText("secret123")
    dialog.edits["new_password"].setText("admin123")
    dialog.edits["new_password_again"].setText("admin123")
    dialog.save()
    assert "新密码" in dialog.message.text() and "演示" in dialog.message.text()
    assert accounts.authenticate("clerk", "secret123")  # nothing changed


class FakeLogin:
    queue: list = []

    def __init__(self, *a, **kw):
        self.staff = None

    def exec(self):
        if not FakeLogin.queue:
            return 0
        self.staff = FakeLogin.queue.pop(0)
        return 1


def _session(monkeypatch, queue, answer):
    import propdesk.ui.login as login

    FakeLogin.queue = list(queue)
    monkeypatch.setattr(login, "LoginDialog", FakeLogin)
    monkeypatch.setattr(MainWindow, "showMaximized", MainWindow.show)
    shown = []

    def exec_(dialog):
        shown.append(dialog)
        return answer(dialog)

    monkeypatch.setattr(ChangePasswordDialog, "exec", exec_)
    app = QApplication.instance()
    monkeypatch.setattr(app, "quit", lambda: None)
    return session_mod.Session(app), shown


def test_after_a_reset_the_new_password_comes_before_the_main_window(qtbot, office, monkeypatch):
    reset_password(office["admin"], office["clerk"].id, "given-by-admin")
    clerk = accounts.authenticate("clerk", "given-by-admin")

    def choose(dialog):
        assert dialog.window is not None and "管理员已重置" in dialog.findChild(
            type(dialog.message), "due").text()
        dialog.edits["old_password"].setText("given-by-admin")
        dialog.edits["new_password"].setText("chosen-pw-1")
        dialog.edits["new_password_again"].setText("chosen-pw-1")
        dialog.save()
        return dialog.result()

    s, shown = _session(monkeypatch, [clerk], choose)
    assert s.sign_in() and s.window is not None and len(shown) == 1
    qtbot.addWidget(s.window)
    assert passwords.change_due(clerk) is None
    assert accounts.authenticate("clerk", "chosen-pw-1")


def test_without_the_new_password_there_is_no_main_window(qtbot, office, monkeypatch):
    reset_password(office["admin"], office["clerk"].id, "given-by-admin")
    clerk = accounts.authenticate("clerk", "given-by-admin")
    s, shown = _session(monkeypatch, [clerk], lambda dialog: 0)  # "Sign out"
    assert not s.sign_in() and s.window is None
    assert shown and shown[0].findChild(type(shown[0].message), "due") is not None
    assert AuditEntry.select().where(AuditEntry.action == "sign_out").count() == 1
    assert passwords.change_due(clerk) == passwords.DUE_RESET  # still due next time
