from PySide6.QtCore import Qt

from propdesk.ui.login import LoginDialog


def test_sign_in(qtbot, office):
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.staff is None
    assert "用户名或密码不正确" in dialog.message.text()
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "secret123")
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.staff.id == office["clerk"].id
    assert dialog.result() == LoginDialog.Accepted
