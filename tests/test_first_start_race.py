"""Two desks starting PropDesk for the first time on one new database at the same moment (two
computers on a shared folder; the window and a scheduled `propdesk demo`). Before, both made the
same tables: each failed ("table complaint_fts already exists", "database is locked"), or the
second filled the demo office into the first one's and died on a unique name, or two first
administrators were made and the second office name replaced the first. Now each schema step
reads the version again under the write lock, and the office is made only while it has no
account, checked in the transaction that makes it. The other desk's work is played here by
code running at the moment the race would let it in."""
from __future__ import annotations

import pytest

from propdesk.errors import RuleError
from propdesk.models import db as models_db
from propdesk.models.tables import AuditEntry, Complaint, Estate, Staff
from propdesk.services.core import settings
from propdesk.services.setup import reference


def test_a_step_another_desk_has_just_made_is_not_made_again(tmp_path, monkeypatch):
    """This desk read "schema 0" (a new file); another desk then made every step before this one
    took the write lock. Each step reads the version again under the lock and finds it done."""
    path = tmp_path / "new.db"
    models_db.init_db(str(path)).close()  # the other desk's first start, complete
    real = models_db.schema_version
    reads = []

    def stale_then_real(db):
        reads.append(1)
        return 0 if len(reads) <= 3 else real(db)  # init_db, upgrade and _upgrade_steps read it before the other desk

    monkeypatch.setattr(models_db, "schema_version", stale_then_real)
    db = models_db.init_db(str(path))  # ran step 1 again: "table ... already exists"
    monkeypatch.setattr(models_db, "schema_version", real)
    assert real(db) == models_db.SCHEMA_VERSION
    assert len(reads) > models_db.SCHEMA_VERSION  # every step looked again
    db.close()


def test_the_demo_is_not_filled_into_an_office_another_desk_has_just_made(fresh_db, monkeypatch):
    """The demo checks that the database is empty, then hashes the demo passwords (seconds);
    another desk fills its own demo office meanwhile. The check is made again under the write
    lock: a message, nothing of this desk's demo written."""
    from propdesk.demo import office as demo

    hashes = demo.hash_demo_passwords

    def meanwhile():
        Estate.create(name="阳光花园")  # the other desk's office, written while this one hashed
        Staff.create(username="admin", name="别的电脑", role="admin", password_hash="x")
        return hashes()

    monkeypatch.setattr(demo, "hash_demo_passwords", meanwhile)
    with pytest.raises(RuleError) as refused:
        demo.create_demo_office(n_complaints=5)
    assert "演示数据" in refused.value.text()
    assert Staff.select().count() == 1 and Complaint.select().count() == 0
    assert Estate.select().count() == 1


def test_a_second_first_administrator_is_refused(fresh_db):
    """Two desks at the first-start dialog: the second one's office is not made over the first."""
    first = reference.create_first_admin("admin", "赵敏", "office-admin-1", "翠湖苑物业服务中心")
    assert first.role == "admin" and settings.get("office_name") == "翠湖苑物业服务中心"
    assert AuditEntry.select().where((AuditEntry.entity == "staff") & (AuditEntry.action == "create")).count() == 1
    with pytest.raises(RuleError) as refused:
        reference.create_first_admin("boss", "钱伟", "office-admin-2", "阳光花园物业服务中心")
    assert "另一台电脑" in refused.value.text()
    assert [s.username for s in Staff.select()] == ["admin"]
    assert settings.get("office_name") == "翠湖苑物业服务中心"


def test_the_command_line_shows_no_traceback_for_an_unforeseen_error(tmp_path, monkeypatch, capsys):
    """The losing desk of the race above printed the driver's traceback under its message (the
    console's log line carried it). The console says what went wrong in words, the traceback
    goes to the log file only; an error no rule foresaw inside a command, the same."""
    from propdesk import cli

    monkeypatch.setenv("PROPDESK_HOME", str(tmp_path / "home"))

    def locked(*args, **kwargs):
        raise models_db.OperationalError("database is locked")

    monkeypatch.setattr("propdesk.models.init_db", locked)
    code = cli.main(["--db", str(tmp_path / "new.db"), "--lang", "zh_CN", "demo"])
    err = capsys.readouterr().err
    assert code == 1 and "database is locked" in err and "Traceback" not in err, err
    log = (tmp_path / "home" / "logs" / "propdesk.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "database is locked" in log

    from propdesk.demo import office as demo

    monkeypatch.undo()
    monkeypatch.setenv("PROPDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(demo, "create_demo_office", lambda **kw: 1 / 0)
    code = cli.main(["--db", str(tmp_path / "other.db"), "--lang", "zh_CN", "demo"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "division by zero" in err and "propdesk.log" in err, err
