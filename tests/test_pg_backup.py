"""Backups of a database on a PostgreSQL server (issue 20): pg_dump/pg_restore behind the same
`propdesk backup` / `propdesk restore` and services as the SQLite file, with the same sign-in,
role check, audit and pruning; a clear message when the client programs are missing."""
from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from propdesk import cli
from propdesk.errors import PermissionDenied, RuleError
from propdesk.models import SCHEMA_VERSION
from propdesk.models.tables import AuditEntry, Category, Complaint, Setting
from propdesk.services.cases import complaints
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.core import backup, pg_backup

needs_pg_dump = pytest.mark.skipif(
    shutil.which("pg_dump") is None and not any(os.path.exists(p) for p in pg_backup._candidates("pg_dump")),
    reason="pg_dump (PostgreSQL's client programs) is not installed here; CI has it")
pytestmark = pytest.mark.postgres_only


def _complaint(office, text: str) -> Complaint:
    at = dt.datetime.now().replace(microsecond=0)
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=at, phone="13800138000", complainant="张伟", description=text,
        category_id=Category.select().first().id, severity="minor"), at=at)


@needs_pg_dump
def test_backup_and_restore_on_the_server(office):
    kept = _complaint(office, "备份之前的投诉")
    nightly = backup.backup_now()
    assert nightly.suffix == ".dump" and nightly.parent == backup.config.backup_dir()
    assert not list(nightly.parent.glob("*.part"))
    later = _complaint(office, "备份之后误录的投诉")
    complaints.void(office["supervisor"], kept.id, "误作废")

    aside = backup.restore(office["supervisor"], nightly)

    assert [c.number for c in Complaint.select()] == [kept.number]
    assert Complaint.get_by_id(kept.id).status == "received"  # the void is undone
    assert aside.name.endswith("-before-restore.dump") and aside.is_file()
    entry = AuditEntry.select().where(AuditEntry.action == "restore").get()
    assert entry.staff_id == office["supervisor"].id
    assert nightly.name in entry.note and aside.name in entry.note
    assert Setting.get(Setting.key == "schema_version").value == str(SCHEMA_VERSION)
    # numbers never go back: the one given after the backup is not given again
    again = _complaint(office, "恢复后的新投诉")
    assert again.number not in (kept.number, later.number)
    # the copy kept aside holds what was entered after the backup: restoring it brings it back
    backup.restore(office["supervisor"], aside)
    assert later.number in {c.number for c in Complaint.select()}


@needs_pg_dump
def test_a_clerk_cannot_restore_and_the_refusal_is_audited(office):
    nightly = backup.backup_now()
    _complaint(office, "备份之后")
    with pytest.raises(PermissionDenied):
        backup.restore(office["clerk"], nightly)
    assert Complaint.select().count() == 1
    refusal = AuditEntry.get(AuditEntry.action == "refused")
    assert (refusal.staff_id, refusal.note) == (office["clerk"].id, "backup.restore")
    assert not pg_backup.backups(backup.BEFORE_RESTORE)


@needs_pg_dump
def test_files_that_are_not_a_propdesk_dump_are_refused(office, tmp_path):
    _complaint(office, "原有的投诉")
    junk = tmp_path / "photo.dump"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(RuleError) as err:
        backup.restore(office["supervisor"], junk)
    assert "不是" in err.value.text()
    with pytest.raises(RuleError) as err:
        backup.restore(office["supervisor"], tmp_path / "gone.dump")
    assert "不存在" in err.value.text()
    assert Complaint.select().count() == 1 and not pg_backup.backups(backup.BEFORE_RESTORE)


@needs_pg_dump
def test_copies_kept_aside_are_pruned_like_the_files(office, monkeypatch):
    from propdesk.services.core import settings

    settings.put("backup_keep", "2")
    nightly = backup.backup_now()
    for _ in range(3):
        backup.restore(office["supervisor"], nightly)
    assert len(pg_backup.backups(backup.BEFORE_RESTORE)) == 2
    assert nightly.exists()  # a manual backup is never deleted


@needs_pg_dump
def test_cli_backup_and_restore_on_the_server(office, db_location, tmp_path, capsys, monkeypatch):
    def run(*argv):
        try:
            code = cli.main(["--db", db_location, "--lang", "zh_CN", *argv])
        except SystemExit as exit_:
            code = exit_.code
        out = capsys.readouterr()
        return code, out.out, out.err

    _complaint(office, "备份之前")
    target = tmp_path / "office.dump"
    code, _, err = run("backup", "-o", str(target))
    assert code == 1 and "--user" in err and not target.exists()  # no sign-in, no dump
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    code, out, err = run("backup", "-o", str(target), "--user", "clerk")
    assert code == 0 and str(target) in out, err
    from propdesk.models import init_db

    init_db(db_location)
    made = AuditEntry.get(AuditEntry.action == "backup")  # who took the database out
    assert made.staff_id == office["clerk"].id and "office.dump" in made.note
    _complaint(office, "备份之后")
    code, _, err = run("restore", str(target), "--user", "clerk")
    assert code == 1 and "无权" in err
    code, out, err = run("restore", str(target), "--user", "supervisor")
    assert code == 0 and "before-restore" in out, err
    init_db(db_location)
    assert [c.description for c in Complaint.select()] == ["备份之前"]
    restored = AuditEntry.get(AuditEntry.action == "restore")
    assert restored.staff_id == office["supervisor"].id and "office.dump" in restored.note


def test_without_pg_dump_the_message_says_what_to_install(office, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pg_backup, "_candidates", lambda name: [])
    with pytest.raises(RuleError) as err:
        backup.backup_now()
    text = err.value.text()
    assert "pg_dump" in text and "postgresql-client" in text
    assert not list(backup.config.backup_dir().glob("*.dump*"))


# --- progress and Cancel ------------------------------------------------------------------------

def _session_waiting(program: str) -> bool:
    """A pg_dump / pg_restore of ours is on the server (in this test's database: never another
    test's or another run's on the same server), waiting for a lock another session holds."""
    return bool(pg_backup.database.execute_sql(
        "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE %s "
        "AND wait_event_type = 'Lock'",
        (f"propdesk-{program}-%",)).fetchone())


def _sessions(program: str) -> int:
    return pg_backup.database.execute_sql(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE %s",
        (f"propdesk-{program}-%",)).fetchone()[0]


def _hold(db_location: str, sql: str):
    """Another desk's open transaction holding a lock (psycopg2, its own connection)."""
    import psycopg2

    other = psycopg2.connect(db_location)
    other.cursor().execute(sql)
    return other


@needs_pg_dump
def test_a_backup_reports_each_table_and_cancel_stops_pg_dump(office, db_location, tmp_path):
    steps = []
    out = tmp_path / "out"
    out.mkdir()
    made = backup.backup_now(out / "full.dump", progress=lambda d, t: steps.append((d, t)))
    assert made.is_file()
    total = steps[-1][1]
    assert total >= 20 and steps[-1] == (total, total)  # one step per table, to the end
    assert [d for d, _t in steps][:total + 1] == list(range(total + 1))  # each table in turn

    # another desk holds a table: pg_dump waits for it, and Cancel is pressed meanwhile
    seen = []

    def cancel() -> bool:
        if _session_waiting("pg_dump"):
            seen.extend(p.name for p in out.iterdir())
            return True
        return False

    other = _hold(db_location, "BEGIN; LOCK TABLE complaint IN ACCESS EXCLUSIVE MODE")
    try:
        with pytest.raises(pg_backup.BackupCancelled):
            backup.backup_now(out, should_cancel=cancel, actor=office["clerk"])
    finally:
        other.rollback()
        other.close()
    assert any(name.startswith(".propdesk-") and name.endswith(".dump") for name in seen)  # being written
    assert sorted(p.name for p in out.iterdir()) == ["full.dump"]  # and no partial file is left
    assert _sessions("pg_dump") == 0  # the program and its session are gone
    entry = AuditEntry.get(AuditEntry.action == "backup_cancelled")
    assert entry.staff_id == office["clerk"].id and "cancelled" in entry.note


@needs_pg_dump
def test_a_cancelled_restore_changes_nothing(office, db_location, tmp_path):
    nightly = backup.backup_now(tmp_path / "nightly.dump")
    later = _complaint(office, "备份之后录入的投诉")
    steps = []
    # another desk is reading the complaints: pg_restore waits to replace the table
    other = _hold(db_location, "BEGIN; SELECT count(*) FROM complaint")
    try:
        with pytest.raises(pg_backup.BackupCancelled):
            backup.restore(office["supervisor"], nightly, progress=lambda d, t: steps.append((d, t)),
                           should_cancel=lambda: _session_waiting("pg_restore"))
    finally:
        other.rollback()
        other.close()
    assert later.number in {c.number for c in Complaint.select()}  # nothing was replaced
    assert Complaint.select().count() == 1
    # pg_restore had begun: the copy aside stays (a stop during the server's commit could not
    # be told apart), and the audit entry names it
    kept = pg_backup.backups(backup.BEFORE_RESTORE)
    assert len(kept) == 1
    assert _sessions("pg_restore") == 0
    assert steps and all(0 <= d <= t for d, t in steps)
    entry = AuditEntry.get(AuditEntry.action == "restore_cancelled")
    assert entry.staff_id == office["supervisor"].id and nightly.name in entry.note
    assert kept[0].name in entry.note
    assert not AuditEntry.select().where(AuditEntry.action == "restore").exists()
    # and the restore still works afterwards
    backup.restore(office["supervisor"], nightly)
    assert later.number not in {c.number for c in Complaint.select()}


@needs_pg_dump
def test_ctrl_c_stops_pg_dump_and_leaves_no_file(office, db_location, tmp_path):
    """Ctrl+C on the command line arrives as KeyboardInterrupt in the waiting loop: the same
    stop (program, its session, the partial file) as the window's Cancel."""
    def interrupt() -> bool:
        if _session_waiting("pg_dump"):
            raise KeyboardInterrupt
        return False

    other = _hold(db_location, "BEGIN; LOCK TABLE complaint IN ACCESS EXCLUSIVE MODE")
    try:
        with pytest.raises(KeyboardInterrupt):
            backup.backup_now(tmp_path / "night.dump", should_cancel=interrupt)
    finally:
        other.rollback()
        other.close()
    assert not (tmp_path / "night.dump").exists() and not list(tmp_path.glob(".propdesk-*"))
    assert _sessions("pg_dump") == 0
