"""First start, "connect to the office's server": a server that does not answer is said so, the
form keeps what was typed and nothing is remembered; one that answers is remembered for this
desk, with the password protected (propdesk.desk_secret: DPAPI on Windows), never in the URL."""
from __future__ import annotations

import os
import stat
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from propdesk import config
from propdesk.models import database
from propdesk.ui.login import FirstRunDialog, ServerDialog


def _fill(qtbot, dialog: ServerDialog, host: str, port: int, db: str, user: str, password: str):
    for widget, text in ((dialog.host, host), (dialog.database, db), (dialog.user, user),
                         (dialog.password, password)):
        widget.clear()
        qtbot.keyClicks(widget, text)
    dialog.port.setValue(port)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok), Qt.LeftButton)


def test_the_first_start_offers_the_office_server(qtbot, office):
    first = FirstRunDialog()
    qtbot.addWidget(first)
    assert first.findChild(QPushButton, "connect_server").text() == "连接办公室的服务器…"


def test_a_server_that_does_not_answer_is_said_so_and_nothing_is_kept(qtbot, office, dialogs):
    before = database.obj
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, "127.0.0.1", 1, "propdesk", "desk", "secret")
    assert dialog.result() == 0 and dialog.url is None
    [(kind, _title, text)] = dialogs
    assert kind == "warning" and "127.0.0.1:1/propdesk" in text and "secret" not in text
    assert dialog.host.text() == "127.0.0.1" and dialog.password.text() == "secret"
    assert config.saved_server() is None and not (config.data_dir() / config.PASSWORD_FILE).exists()
    assert database.obj is before


def test_an_empty_server_field_is_named(qtbot, office, dialogs):
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, "", 5432, "propdesk", "desk", "")
    assert "服务器" in dialogs[-1][2] and dialog.url is None


@pytest.mark.postgres_only
def test_the_office_server_is_remembered_for_this_desk(qtbot, office, db_location, monkeypatch):
    from propdesk import desk_secret

    monkeypatch.delenv("PGPASSFILE", raising=False)
    monkeypatch.setattr(desk_secret, "mechanism", lambda: desk_secret.FILE)
    parts = urlsplit(db_location)
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, parts.hostname, parts.port, parts.path.lstrip("/"), parts.username, "pw-1")
    assert dialog.result() == 1
    assert config.saved_server() == dialog.url == db_location.rstrip("/")
    assert config.database_location() == dialog.url  # the next start opens the server
    kept = config.data_dir() / config.PASSWORD_FILE
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert b"pw-1" not in kept.read_bytes() and "pw-1" not in dialog.url
    assert config.server_password(dialog.url) == "pw-1"
    assert "PGPASSFILE" not in os.environ and "PGPASSWORD" not in os.environ
    assert not (config.data_dir() / config.OLD_PASS_FILE).exists()
    assert database.obj.database == parts.path.lstrip("/")
