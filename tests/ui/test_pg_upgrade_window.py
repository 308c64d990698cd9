"""On a PostgreSQL server too, an upgrade at start-up runs behind the progress window (issue
20): step 7's index builds say which search index they are at, and Cancel leaves the database
at its old version, with a message that speaks of the server, not of a file."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.postgres_only


def _at_schema_6():
    from propdesk.models import database, pg_search
    from propdesk.models.db import FTS_TABLES

    for table in FTS_TABLES:
        pg_search.drop_indexes(database.obj, table)
    database.execute_sql("DROP FUNCTION propdesk_grams(text, integer)")
    database.execute_sql("UPDATE setting SET value = '6' WHERE key = 'schema_version'")
    database.obj.close()


def _watch_labels(monkeypatch) -> list[str]:
    from PySide6.QtWidgets import QProgressDialog

    labels = []
    original = QProgressDialog.setLabelText
    monkeypatch.setattr(QProgressDialog, "setLabelText",
                        lambda self, text: (labels.append(text), original(self, text))[1])
    return labels


def test_step_7_runs_behind_the_progress_window(qtbot, office, db_location, dialogs, monkeypatch):
    from propdesk.app import upgrade_at_start
    from propdesk.models import database
    from propdesk.models import db as models_db
    from propdesk.models.db import SCHEMA_VERSION, init_db, schema_version

    _at_schema_6()
    labels = _watch_labels(monkeypatch)
    # what the upgrade said: the window shows the latest of it whenever the GUI thread gets to
    # it, so a short part may never be on screen (test_upgrade_window.py)
    said = []
    describe = models_db.upgrade_text
    monkeypatch.setattr(models_db, "upgrade_text", lambda *a: (said.append(describe(*a)), said[-1])[1])
    assert upgrade_at_start(db_location)
    assert labels and set(labels) <= set(said)  # the window shows what was said
    assert any("第 7 版" in text and "投诉搜索索引" in text and "%" in text for text in said), said
    assert any("工单搜索索引" in text for text in said), said
    assert dialogs == []
    assert schema_version(init_db(db_location)) == SCHEMA_VERSION
    assert database.obj is not None


def test_cancel_leaves_the_server_database_at_its_version(qtbot, office, db_location, dialogs, monkeypatch):
    from propdesk.app import upgrade_at_start
    from propdesk.models.db import init_db, schema_version
    from propdesk.ui import worker

    _at_schema_6()
    original = worker.run_task

    def cancelled_at_once(parent, label, fn, cancel_text="", describe=None):
        return original(parent, label, lambda progress, should_cancel: fn(progress, lambda: True),
                        cancel_text, describe)

    monkeypatch.setattr(worker, "run_task", cancelled_at_once)
    assert not upgrade_at_start(db_location)
    [(_kind, _title, text)] = dialogs
    assert "取消" in text and "服务器" in text, text
    assert schema_version(init_db(db_location, migrate=False)) == 6


def test_while_another_desk_upgrades_the_window_says_so_and_cancel_stops_the_wait(
        qtbot, office, db_location, dialogs):
    """Another desk is upgrading the server's database (it holds the upgrade's advisory lock):
    the window says that this desk waits, with Cancel; Cancel ends the wait, nothing done."""
    import psycopg2

    from fixtures.waiting import cancel_when_the_window_says
    from propdesk.app import upgrade_at_start
    from propdesk.models import database
    from propdesk.models.db import UPGRADE_LOCK_KEY, init_db, schema_version

    _at_schema_6()
    other = psycopg2.connect(db_location)
    other.autocommit = True
    with other.cursor() as cur:
        cur.execute("SELECT pg_advisory_lock(%s)", (UPGRADE_LOCK_KEY,))  # the other desk's upgrade
    seen: dict = {}
    cancel_when_the_window_says(qtbot, "另一台电脑正在升级数据库", seen, give_up=other.close)
    try:
        assert not upgrade_at_start(db_location)
    finally:
        other.close()
    assert "第 7 版" in seen["label"], seen
    [(kind, _title, text)] = dialogs
    assert kind == "information" and "已停止等待" in text, text
    assert schema_version(init_db(db_location, migrate=False)) == 6
    database.obj.close()
