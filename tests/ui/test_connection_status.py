"""The main window's status bar says when the connection to the database server is lost and
when it is back (issue 20), without a query on the GUI thread; what was typed stays."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from propdesk.models import database
from propdesk.models import db as models_db
from propdesk.models.db import DatabaseUnavailable
from propdesk.models.tables import Complaint
from propdesk.services.core import server_watch
from propdesk.ui.connection_status import ConnectionIndicator
from propdesk.ui.main_window import MainWindow
from tests.ui.keyboard import type_text


@pytest.fixture
def connected():
    models_db._notify(True)
    yield
    models_db._notify(True)


def _from_another_thread(connected: bool) -> None:
    worker = threading.Thread(target=models_db._notify, args=(connected,))
    worker.start()
    worker.join()


def test_the_sign_shows_when_the_connection_is_lost_and_goes_when_it_is_back(qtbot, office, dialogs,
                                                                              connected):
    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.show()
    # the status bar's counts come from a worker, whose new connection (on a server) reports
    # "connected": let it finish before the loss is simulated
    qtbot.waitUntil(lambda: bool(window.overdue.text()))
    sign = window.findChild(QLabel, "connection_status")
    assert sign is not None and not sign.isVisible()
    type_text(qtbot, window.intake.description, "楼上漏水")

    _from_another_thread(False)  # as the watch thread or a worker would notice it
    qtbot.waitUntil(sign.isVisible)
    assert "断开" in sign.text()
    assert window.intake.description.text() == "楼上漏水"  # nothing typed is lost

    _from_another_thread(True)
    qtbot.waitUntil(lambda: not sign.isVisible())
    assert window.intake.description.text() == "楼上漏水"
    window.close()
    assert sign._report not in models_db.connection_listeners  # no reports to a closed window


def test_a_save_that_meets_a_lost_connection_keeps_the_form(qtbot, office, dialogs, connected,
                                                             monkeypatch):
    from propdesk.services.cases import complaints

    window = MainWindow(office["clerk"])
    qtbot.addWidget(window)
    window.show()
    form = window.intake
    type_text(qtbot, form.phone, "13800138000")
    form.complainant.setText("")
    type_text(qtbot, form.complainant, "张伟")
    type_text(qtbot, form.description, "楼上卫生间漏水")

    def lost(*args, **kwargs):  # what OfficeDatabase does when the server goes away mid-save
        models_db._notify(False)
        raise DatabaseUnavailable(models_db.MSG_LOST, server="192.168.1.10:5432/propdesk")

    monkeypatch.setattr(complaints, "create", lost)
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    sign = window.findChild(QLabel, "connection_status")
    qtbot.waitUntil(sign.isVisible)
    assert any("连接已断开" in text for _kind, _title, text in dialogs)
    assert form.description.text() == "楼上卫生间漏水" and form.phone.text() == "13800138000"
    assert Complaint.select().count() == 0
    window.close()


def test_the_watch_asks_off_the_gui_thread_and_reports_changes_only(qtbot, connected):
    asked_on = []
    answers = iter([False, False, True])
    done = threading.Event()

    def probe():
        asked_on.append(threading.current_thread().name)
        try:
            models_db._notify(next(answers))
        except StopIteration:
            done.set()
        return True

    watch = server_watch.ServerWatch(interval=0.01, probe=probe)
    sign = ConnectionIndicator(watch=watch)
    qtbot.addWidget(sign)
    seen = []
    sign.state_changed.connect(seen.append)
    assert done.wait(10)
    qtbot.waitUntil(lambda: seen == [False, True])
    sign.stop()
    assert set(asked_on) == {"server-watch"}


@pytest.mark.postgres_only
def test_a_connection_killed_by_the_server_flips_the_sign(qtbot, office, connected):
    sign = ConnectionIndicator(watch=server_watch.ServerWatch(interval=3600))
    qtbot.addWidget(sign)
    database.execute_sql("SELECT 1")
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    killer = models_db.open_database(_url(database.obj))
    killer.execute_sql("SELECT pg_terminate_backend(%s)", (pid,))
    killer.close()
    assert server_watch.check() is False  # the dead connection is found and dropped
    qtbot.waitUntil(lambda: not sign.isHidden())
    assert server_watch.check() is True  # the server is there: connected again
    qtbot.waitUntil(sign.isHidden)
    sign.stop()


def _url(db) -> str:
    params = db.connect_params
    user = params.get("user", "postgres")
    return f"postgresql://{user}@{params.get('host', '127.0.0.1')}:{params.get('port', 5432)}/{db.database}"
