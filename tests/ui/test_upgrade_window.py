"""A schema upgrade at start-up runs behind a progress window off the GUI thread (ui.upgrade):
the window says what it is doing, the file is upgraded, and Cancel leaves it as it was."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only(reason="an old SQLite file upgraded at start-up")

V7 = Path(__file__).parents[1] / "fixtures" / "db" / "propdesk_v7.db"


def _version(path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def old_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PROPDESK_HOME", str(tmp_path / "home"))
    path = tmp_path / "office.db"
    shutil.copy(V7, path)
    yield path
    from propdesk.models import database

    if database.obj is not None:
        database.obj.close()


def _watch_labels(monkeypatch) -> list[str]:
    from PySide6.QtWidgets import QProgressDialog

    labels = []
    original = QProgressDialog.setLabelText
    monkeypatch.setattr(QProgressDialog, "setLabelText",
                        lambda self, text: (labels.append(text), original(self, text))[1])
    return labels


def test_the_upgrade_runs_behind_a_progress_window(qtbot, old_file, dialogs, monkeypatch):
    import threading

    from propdesk.app import upgrade_at_start
    from propdesk.models import db as models_db

    threads = []
    step = models_db.MIGRATIONS[8]
    monkeypatch.setitem(models_db.MIGRATIONS, 8, lambda db: (threads.append(threading.current_thread()), step(db)))
    labels = _watch_labels(monkeypatch)
    # what the upgrade said, in order: the window shows the latest of it whenever the GUI
    # thread gets to it, so on a small file a short part may never be on screen
    said = []
    describe = models_db.upgrade_text
    monkeypatch.setattr(models_db, "upgrade_text",
                        lambda *a: (said.append((a[0], describe(*a))), said[-1][1])[1])
    assert upgrade_at_start(str(old_file))
    assert _version(old_file) == models_db.SCHEMA_VERSION
    assert threads and threads[0] is not threading.main_thread()  # not on the GUI thread
    assert labels and set(labels) <= {text for _v, text in said}  # the window shows what was said
    assert any("正在升级数据库" in text and "首字母" in text for _v, text in said), said
    # step 9: the text index, then the number index, each with its own name
    step_9 = [text for version, text in said if version == 9]
    for table in ("投诉", "工单"):
        text_index = [n for n, t in enumerate(step_9) if f"{table}搜索索引" in t]
        number_index = [n for n, t in enumerate(step_9) if f"{table}编号索引" in t]
        assert text_index and number_index and max(text_index) < min(number_index), step_9
    assert dialogs == []


def test_cancel_leaves_the_file_as_it_was(qtbot, old_file, dialogs, monkeypatch):
    from propdesk.app import upgrade_at_start
    from propdesk.ui import worker

    original = worker.run_task

    def cancelled_at_once(parent, label, fn, cancel_text="", describe=None):
        return original(parent, label, lambda progress, should_cancel: fn(progress, lambda: True),
                        cancel_text, describe)

    monkeypatch.setattr(worker, "run_task", cancelled_at_once)
    assert not upgrade_at_start(str(old_file))
    assert _version(old_file) == 7
    assert dialogs and "取消" in dialogs[0][2], dialogs


def test_while_another_program_upgrades_the_window_says_so_and_cancel_stops_the_wait(
        qtbot, old_file, dialogs):
    """Another PropDesk is upgrading the file (it holds the upgrade lock beside it): the window
    says that this desk waits, with Cancel; Cancel ends the wait, nothing done here."""
    from fixtures.waiting import cancel_when_the_window_says
    from propdesk.app import upgrade_at_start
    from propdesk.models.db import SQLITE_LOCK_SUFFIX

    other = sqlite3.connect(f"{old_file}{SQLITE_LOCK_SUFFIX}", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other program's upgrade
    seen: dict = {}
    cancel_when_the_window_says(qtbot, "另一台电脑正在升级数据库", seen, give_up=other.close)
    try:
        assert not upgrade_at_start(str(old_file))
    finally:
        other.close()
    assert "第 8 版" in seen["label"], seen
    [(kind, _title, text)] = dialogs
    assert kind == "information" and "已停止等待" in text and "没有做任何改动" in text, text
    assert _version(old_file) == 7 and not list(old_file.parent.glob("*.bak"))
