"""Shift change: sign out / switch user without quitting, the idle lock, each role's start screen,
and the technician's own window."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from propdesk.models.tables import AuditEntry
from propdesk.services.cases import workorders
from propdesk.services.cases.workorders import RepairInput
from propdesk.services.core import settings
from propdesk.ui import session as session_mod
from propdesk.ui.main_window import MainWindow


class FakeLogin:
    """The sign-in dialog, answered by the next person in the queue."""
    queue: list = []

    def __init__(self, *a, **kw):
        self.staff = None

    def exec(self):
        if not FakeLogin.queue:
            return 0
        self.staff = FakeLogin.queue.pop(0)
        return 1


def make_session(qtbot, monkeypatch, staff_queue):
    import propdesk.ui.login as login

    FakeLogin.queue = list(staff_queue)
    monkeypatch.setattr(login, "LoginDialog", FakeLogin)
    monkeypatch.setattr(MainWindow, "showMaximized", MainWindow.show)
    quits = []
    app = QApplication.instance()
    monkeypatch.setattr(app, "quit", lambda: quits.append(1))
    s = session_mod.Session(app)
    assert s.sign_in()
    qtbot.addWidget(s.window)
    return s, quits


def test_sign_out_switches_user_and_each_role_lands_on_its_start(qtbot, office, monkeypatch, dialogs):
    s, quits = make_session(qtbot, monkeypatch, [office["clerk"], office["supervisor"], office["technician"]])
    first = s.window
    assert first.tabs.currentWidget().property("intake")  # a clerk starts on the intake form
    action = next(a for a in first.findChildren(type(first.menuBar().actions()[0])) if a.objectName() == "sign_out")
    assert action.shortcut().toString() == "Ctrl+Shift+L"
    action.trigger()
    assert s.window is not first and s.window.staff.username == "supervisor"
    qtbot.addWidget(s.window)
    assert s.window.tabs.currentWidget() is s.window.dashboard  # a supervisor starts on what is due
    s.sign_out()
    qtbot.addWidget(s.window)
    assert s.window.staff.username == "technician"
    assert s.window.tabs.count() == 1 and s.window.tabs.currentWidget() is s.window.my_jobs
    assert not hasattr(s.window, "intake")  # no complaint intake for a technician
    s.sign_out()  # nobody signs in: PropDesk quits
    assert quits == [1]
    assert AuditEntry.select().where(AuditEntry.action == "sign_out").count() == 3


def test_sign_out_asks_about_a_typed_form(qtbot, office, monkeypatch):
    s, _quits = make_session(qtbot, monkeypatch, [office["clerk"], office["clerk"]])
    window = s.window
    qtbot.keyClicks(window.intake.phone, "1390")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.No))
    s.sign_out()
    assert s.window is window and window.isVisible()  # kept: the clerk said No
    assert window.intake.phone.text() == "1390"


def test_the_desk_locks_after_the_office_idle_time(qtbot, office, monkeypatch):
    settings.put("lock_minutes", "5")
    clock = [1000.0]
    monkeypatch.setattr(session_mod.time, "monotonic", lambda: clock[0])
    s, _quits = make_session(qtbot, monkeypatch, [office["clerk"]])
    s.idle.clock = lambda: clock[0]
    s.idle.resume()
    clock[0] += 4 * 60
    assert not s.idle.check()
    qtbot.keyClick(s.window.intake.phone, Qt.Key_1)  # a keystroke restarts the count
    clock[0] += 4 * 60
    assert not s.idle.check()
    clock[0] += 2 * 60
    assert s.idle.check()
    dialog = s.lock_dialog
    assert dialog is not None and dialog.isVisible()
    assert not s.window.centralWidget().isVisible()  # nobody passing by reads the screen
    qtbot.keyClicks(dialog.password, "wrong")
    dialog.unlock()
    assert "密码" in dialog.message.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.password, "secret123")
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert s.lock_dialog is None and s.window.centralWidget().isVisible()
    assert s.window.intake.phone.text() == "1"  # the work in progress is still there
    assert AuditEntry.select().where(AuditEntry.action == "lock").count() == 1


def test_never_locks_when_the_office_says_0(qtbot, office, monkeypatch):
    settings.put("lock_minutes", "0")
    clock = [0.0]
    s, _quits = make_session(qtbot, monkeypatch, [office["clerk"]])
    s.idle.clock = lambda: clock[0]
    clock[0] += 10 * 3600
    assert not s.idle.check()


def test_technician_window_shows_own_jobs_and_records_the_visit(qtbot, office, monkeypatch):
    now = dt.datetime.now().replace(second=0, microsecond=0)
    wo = workorders.create(office["clerk"], RepairInput(
        received_at=now - dt.timedelta(hours=1), phone="13800138000", contact_name="张伟",
        unit="3栋2单元1201", description="厨房水龙头漏水"), at=now)
    workorders.assign(office["clerk"], wo.id, office["technician"].id, now + dt.timedelta(hours=1), at=now)
    import threading

    from propdesk.services.cases import my_jobs

    read_on = []
    real = my_jobs.jobs

    def jobs(*args, **kwargs):
        read_on.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(my_jobs, "jobs", jobs)
    window = MainWindow(office["technician"])
    qtbot.addWidget(window)
    tab = window.my_jobs
    # the start reads the jobs on a worker (the read is audited, and its write waits for the
    # day's file check): the window is there before they are
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert read_on and read_on[0] is not threading.main_thread()
    cells = [tab.table.item(0, c).text() for c in range(tab.table.columnCount())]
    assert wo.number in cells and "3栋2单元1201" in cells and "13800138000" in cells
    assert "13800138000" in tab.detail.text()
    assert tab.buttons["arrived"].isEnabled() and not tab.buttons["slip"].isEnabled()
    # the menus hold nothing of the desk's records
    texts = " ".join(a.text() for m in window.menuBar().actions() for a in m.menu().actions())
    assert "导入" not in texts and "审计" not in texts
    workorders.start(office["technician"], wo.id, now)
    tab.refresh()
    assert not tab.buttons["arrived"].isEnabled() and tab.buttons["result"].isEnabled()
