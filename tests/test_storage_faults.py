"""Every fault gets a message and loses nothing: a full disk, a database file deleted under the
running program, a log that cannot be written, and every command against every kind of file it
cannot use (missing, busy, truncated, random bytes, another program's, from a newer PropDesk)."""
from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest

from propdesk import cli, config, logfile
from propdesk.models import SCHEMA_VERSION, database
from propdesk.models.tables import Category, Complaint
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core import backup
from propdesk.services.core.db_retry import DatabaseGone, StorageFault

# Faults of the SQLite file itself (a full disk through max_page_count, a file deleted or replaced,
# unusable files given to each command); a server database has none of these.
pytestmark = pytest.mark.sqlite_only(reason="faults of the SQLite file")


def _take(office, text="楼上漏水"):
    return complaints.create(office["clerk"], ComplaintInput(
        phone="13800138000", complainant="张伟", severity="minor", description=text * 200,
        category_id=Category.select().first().id))


def test_a_full_disk_is_told_and_nothing_is_half_saved(office):
    _take(office)
    before = Complaint.select().count()
    pages = database.obj.execute_sql("PRAGMA page_count").fetchone()[0]
    database.obj.execute_sql(f"PRAGMA max_page_count = {pages}")  # the disk is full from here on
    told = []
    for _ in range(20):
        with pytest.raises(StorageFault) as err:
            _take(office)
        told.append(err.value.text())
    assert all("磁盘" in t and "空间" in t and "full" in t for t in told)  # names disk space and SQLite's words
    assert Complaint.select().count() == before
    database.obj.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed
    _take(office)
    assert Complaint.select().count() == before + 1


def test_a_database_file_deleted_while_running_refuses_saves(office):
    _take(office)
    location = Path(database.obj.database)
    location.unlink()  # someone deleted it (Linux lets an open file go)
    for suffix in ("-wal", "-shm"):
        Path(f"{location}{suffix}").unlink(missing_ok=True)
    with pytest.raises(DatabaseGone) as err:
        _take(office)
    assert str(location) in err.value.text() and "未保存" in err.value.text()


def test_a_database_file_replaced_while_running_refuses_saves(office, tmp_path):
    _take(office)
    location = Path(database.obj.database)
    other = backup.backup_now(tmp_path / "other.db")
    os.replace(other, location)  # another file under the same name
    with pytest.raises(DatabaseGone):
        _take(office)


@pytest.mark.parametrize("rotate", [True, False], ids=["rotating", "until the window shows"])
def test_the_log_moves_when_its_disk_is_full(tmp_path, monkeypatch, capsys, rotate):
    monkeypatch.setattr(logfile, "fallback_dir", lambda: tmp_path / "fallback")
    logfile.setup(rotate=rotate)
    kind = logfile.FallbackFileHandler if rotate else logfile.EarlyFileHandler
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, kind))

    class Full:
        def write(self, _text):
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

        def close(self):
            pass

    handler.stream = Full()
    try:
        logging.getLogger("propdesk.test").error("a line that must not be lost")
        text = (tmp_path / "fallback" / "propdesk.log").read_text(encoding="utf-8")
        assert "a line that must not be lost" in text and "log moved here" in text
        assert "Traceback" not in capsys.readouterr().err
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_the_log_written_before_the_window_showed_is_kept_to_its_size_after(tmp_path, monkeypatch):
    """The start writes the log without the rotating handler (logging.handlers is imported
    after the window shows); the rotating one then takes the same file and rolls it over."""
    monkeypatch.setenv("PROPDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(logfile, "MAX_BYTES", 2_000)
    root = logging.getLogger()
    logfile.setup(rotate=False)
    try:
        for i in range(40):
            logging.getLogger("propdesk.test").info("before the window showed, line %s", i)
        log = config.log_dir() / "propdesk.log"
        assert log.stat().st_size > logfile.MAX_BYTES  # nothing rotates it yet
        logfile.setup()  # after the window shows (app.run_gui)
        assert [type(h) for h in root.handlers if getattr(h, "propdesk", False)] == [logfile.FallbackFileHandler]
        logging.getLogger("propdesk.test").info("after the window showed")
        kept = config.log_dir() / "propdesk.log.1"
        assert "line 39" in kept.read_text(encoding="utf-8")  # rolled over, nothing lost
        assert log.read_text(encoding="utf-8").strip().endswith("after the window showed")
    finally:
        for handler in [h for h in root.handlers if getattr(h, "propdesk", False)]:
            root.removeHandler(handler)
            handler.close()


def test_a_line_logged_while_the_handlers_are_replaced_is_kept(tmp_path, monkeypatch):
    """The window's start replaces the plain handler with the rotating one while threads log
    (the export folders' tidying, the start-of-day copy): a line logged while the new handler
    is being made (as another thread would, here from inside its making) is in the file once.
    The old handlers used to be taken off first, and such a line was lost."""
    monkeypatch.setenv("PROPDESK_HOME", str(tmp_path / "home"))
    root = logging.getLogger()
    logfile.setup(rotate=False)
    make = logfile._file_handler

    def made_while_a_thread_logs(path, rotate):
        logging.getLogger("propdesk.test").info("the tidying thread's line")
        return make(path, rotate)

    monkeypatch.setattr(logfile, "_file_handler", made_while_a_thread_logs)
    try:
        logfile.setup()  # after the window shows (app.run_gui)
        logging.getLogger("propdesk.test").info("after the window showed")
        text = (config.log_dir() / "propdesk.log").read_text(encoding="utf-8")
        assert text.count("the tidying thread's line") == 1
        assert text.strip().endswith("after the window showed")
        assert [type(h) for h in root.handlers if getattr(h, "propdesk", False)] == [logfile.FallbackFileHandler]
    finally:
        for handler in [h for h in root.handlers if getattr(h, "propdesk", False)]:
            root.removeHandler(handler)
            handler.close()


# --- every command against every file it cannot use -------------------------------------------

def _truncated(good: Path, target: Path) -> None:
    data = good.read_bytes()
    target.write_bytes(data[: len(data) // 3])


def _foreign(_good: Path, target: Path) -> None:
    con = sqlite3.connect(target)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    con.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    con.commit()
    con.close()


def _newer(good: Path, target: Path) -> None:
    target.write_bytes(good.read_bytes())
    con = sqlite3.connect(target)
    con.execute("UPDATE setting SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()


FAULTS = {
    "missing": (None, "处没有数据库"),
    "truncated": (_truncated, "已损坏"),
    "random bytes": (lambda good, target: target.write_bytes(os.urandom(20000)), "不是数据库"),
    "another program's": (_foreign, "不是 PropDesk 数据库"),
    "newer": (_newer, "更新版本"),
}
COMMANDS = {
    "export": ["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30", "-o", "c.xlsx"],
    "import-owners": ["import-owners", "roster.xlsx"],
    "report": ["report", "weekly", "--week", "2026-W47", "-o", "w.pdf"],
    "backup": ["backup", "-o", "copy.db"],
    "restore": ["restore", "GOOD"],
}


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_on_every_unusable_file(office, tmp_path, capsys, monkeypatch, command, fault):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    good = backup.backup_now(tmp_path / "good.db")
    target = tmp_path / "office.db"
    make, words = FAULTS[fault]
    if make:
        make(good, target)
    before = target.read_bytes() if target.exists() else None
    argv = [a.replace("GOOD", str(good)) for a in COMMANDS[command]]
    code = cli.main(["--db", str(target), "--lang", "zh_CN", "--user", "supervisor", *argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if command == "restore" and fault in ("missing", "truncated", "random bytes"):
        assert code == 0, err  # nobody can sign in to it: the backup's supervisor restores it
        assert backup.check_database(target) == backup.OK
        return
    assert code == 1, err
    assert words in err and str(target) in err, err
    assert (target.read_bytes() if target.exists() else None) == before  # left as it was
    assert not list(tmp_path.glob("c.xlsx")) and not list(tmp_path.glob("w.pdf"))
