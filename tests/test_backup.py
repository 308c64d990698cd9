"""Backups that restore: online copies, automatic ones pruned, restore by a supervisor with the
current file kept aside, and every bad file or folder refused with a clear message."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from propdesk import cli, config
from propdesk.errors import PermissionDenied, RuleError
from propdesk.models import SCHEMA_VERSION, database, init_db
from propdesk.models.enums import Role
from propdesk.models.tables import AuditEntry, Complaint, Setting
from propdesk.services.core import accounts, backup
from propdesk.services.cases import complaints
from propdesk.services.core import settings
from propdesk.services.cases.complaints import ComplaintInput

# The backup copies and checks a SQLite file; a PostgreSQL database is backed up with the
# server's own tools (README, "Backups on PostgreSQL"; test_postgres_desks.py).
pytestmark = pytest.mark.sqlite_only(reason="backups of the SQLite file")


def _complaint(office, text: str, at: dt.datetime) -> Complaint:
    from propdesk.models.tables import Category

    return complaints.create(office["clerk"], ComplaintInput(
        received_at=at, phone="13800138000", complainant="张伟", description=text,
        category_id=Category.select().first().id, severity="minor"), at=at)


def _count(path: Path, table: str = "complaint") -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def _truncated(source: Path, dest: Path) -> Path:
    dest.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    return dest


def _random_bytes(dest: Path) -> Path:
    dest.write_bytes(os.urandom(8192))
    return dest


# --- checks -------------------------------------------------------------------------------------

def test_check_database_tells_ok_damaged_foreign_and_missing(office, tmp_path):
    good = backup.backup_now(tmp_path / "good.db")
    assert backup.check_database(good) == backup.OK
    assert backup.check_database(_truncated(good, tmp_path / "half.db")) == backup.DAMAGED
    assert backup.check_database(_random_bytes(tmp_path / "noise.db")) == backup.NOT_A_DATABASE
    (tmp_path / "letter.db").write_text("Dear owner, ...", encoding="utf-8")
    assert backup.check_database(tmp_path / "letter.db") == backup.NOT_A_DATABASE
    assert backup.check_database(tmp_path / "nothing.db") == backup.MISSING
    (tmp_path / "empty.db").write_bytes(b"")
    assert backup.check_database(tmp_path / "empty.db") == backup.MISSING


def test_a_very_large_file_gets_the_quick_check_at_start(office, tmp_path, monkeypatch):
    """Above FULL_CHECK_LIMIT only the header and the schema are read (start-up stays quick);
    a truncated file is still caught from its header."""
    good = backup.backup_now(tmp_path / "good.db")
    monkeypatch.setattr(backup, "FULL_CHECK_LIMIT", 0)
    assert backup.check_database(good) == backup.OK
    assert backup.check_database(_truncated(good, tmp_path / "half.db")) == backup.DAMAGED
    assert backup.check_database(_random_bytes(tmp_path / "noise.db")) == backup.NOT_A_DATABASE


def test_a_file_whose_data_is_still_in_the_wal_is_not_missing(tmp_path):
    import subprocess

    path = tmp_path / "fresh.db"
    code = ("import os, sys; from propdesk.models import init_db; init_db(sys.argv[1]); "
            "os._exit(0)")  # no checkpoint, no close: most of the data is in the -wal file
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert Path(f"{path}-wal").stat().st_size > path.stat().st_size
    assert backup.check_database(path) == backup.OK
    assert backup.schema_of(path) == SCHEMA_VERSION


def test_damaged_pages_are_found(office, tmp_path):
    for i in range(30):
        _complaint(office, f"漏水 {i} " + "很长的描述" * 200, dt.datetime(2026, 11, 23, 9, 0))
    good = backup.backup_now(tmp_path / "good.db")
    data = bytearray(good.read_bytes())
    data[len(data) // 2: len(data) // 2 + 8192] = b"\xff" * 8192  # a scratched disk
    bad = tmp_path / "scratched.db"
    bad.write_bytes(bytes(data))
    assert backup.check_database(bad) == backup.DAMAGED


# --- backing up ---------------------------------------------------------------------------------

def test_backup_now_writes_a_dated_checked_copy(office):
    _complaint(office, "电梯停运", dt.datetime(2026, 11, 24, 9, 0))
    path = backup.backup_now()
    assert path.parent == config.backup_dir()
    assert path.name.startswith("propdesk-") and path.suffix == ".db"
    assert backup.check_database(path) == backup.OK
    assert _count(path) == 1
    assert backup.schema_of(path) == SCHEMA_VERSION
    assert not list(path.parent.glob(".propdesk-*"))  # no temporary file left beside it
    # a second copy in the same second gets its own name
    assert backup.backup_now() != path


def test_backup_into_a_missing_folder_is_refused_clearly(office, tmp_path):
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(RuleError) as err:
        backup.backup_now(tmp_path / "a_file" / "copy.db")
    assert "备份无法写入" in err.value.text()
    assert str(tmp_path / "a_file") in err.value.text()


def _writable(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_text("x")
    except OSError:
        return False
    probe.unlink()
    return True


@pytest.fixture
def read_only_dir(tmp_path):
    """A folder nobody may write to: chmod, and for root (who ignores modes) the immutable
    attribute (chattr +i)."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if _writable(folder) and shutil.which("chattr"):
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    if _writable(folder):
        folder.chmod(0o755)
        pytest.skip("cannot make a read-only folder here")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def test_backup_into_a_read_only_folder_is_refused_clearly(office, read_only_dir):
    with pytest.raises(RuleError) as err:
        backup.backup_now(read_only_dir / "copy.db")
    assert "备份无法写入" in err.value.text() and "只读" in err.value.text()
    assert str(read_only_dir) in err.value.text()
    assert list(read_only_dir.iterdir()) == []


def test_automatic_backup_once_a_day_at_start_on_exit_if_chosen_and_pruned(office):
    settings.put("backup_keep", "3")
    manual = backup.backup_now()
    first = backup.automatic_backup("start")
    assert first is not None and first.name.endswith("-auto.db")
    assert backup.automatic_backup("start") is None  # already one today
    assert backup.automatic_backup("exit") is None  # on exit only when the office chose so
    settings.put("backup_on_exit", "1")
    made = [backup.automatic_backup("exit") for _ in range(4)]
    assert all(p is not None for p in made)
    autos = backup.backups(backup.AUTO)
    assert len(autos) == 3
    assert autos == made[:0:-1]  # newest first
    assert made[-1] in autos and first not in autos  # the oldest went
    assert manual.exists()  # only automatic copies are ever deleted
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert backup.automatic_backup("start", today=tomorrow) is not None


# --- restoring ----------------------------------------------------------------------------------

def test_restore_brings_back_yesterdays_data(office):
    yesterday = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1)
    kept = _complaint(office, "昨天的投诉：楼道灯不亮", yesterday)
    nightly = backup.backup_now()
    today = _complaint(office, "今天误录的投诉", dt.datetime.now().replace(microsecond=0))
    complaints.void(office["supervisor"], kept.id, "今天误作废")

    aside = backup.restore(office["supervisor"], nightly)

    assert [c.number for c in Complaint.select()] == [kept.number]
    assert Complaint.get_by_id(kept.id).status == "received"  # the void is undone
    assert aside.name.endswith("-before-restore.db")
    assert _count(aside) == 2  # today's data is not lost: it is in the file kept aside
    con = sqlite3.connect(aside)
    assert con.execute("SELECT status FROM complaint WHERE number = ?", (today.number,)).fetchone()
    con.close()
    entry = AuditEntry.select().where(AuditEntry.action == "restore").get()
    assert entry.staff_id == office["supervisor"].id
    assert nightly.name in entry.note and aside.name in entry.note
    assert Setting.get(Setting.key == "schema_version").value == str(SCHEMA_VERSION)
    # the restored database works on: a new complaint gets the next free number
    again = _complaint(office, "恢复后的新投诉", dt.datetime.now().replace(microsecond=0))
    assert again.number not in (kept.number,)


def test_clerk_cannot_restore_and_the_refusal_is_audited(office):
    nightly = backup.backup_now()
    _complaint(office, "备份之后", dt.datetime.now().replace(microsecond=0))
    with pytest.raises(PermissionDenied) as err:
        backup.restore(office["clerk"], nightly)
    assert "恢复备份" in err.value.text()
    assert Complaint.select().count() == 1
    refusal = AuditEntry.get(AuditEntry.action == "refused")
    assert (refusal.staff_id, refusal.note) == (office["clerk"].id, "backup.restore")
    assert not backup.backups(backup.BEFORE_RESTORE)


@pytest.mark.parametrize("make, words", [
    (lambda good, tmp: _truncated(good, tmp / "half.db"), "已损坏"),
    (lambda good, tmp: _random_bytes(tmp / "photo.db"), "不是 PropDesk 数据库"),
    (lambda good, tmp: tmp / "gone.db", "不存在"),
])
def test_bad_backup_files_are_refused_and_nothing_changes(office, tmp_path, make, words):
    good = backup.backup_now(tmp_path / "good.db")
    _complaint(office, "备份之后", dt.datetime.now().replace(microsecond=0))
    bad = make(good, tmp_path)
    with pytest.raises(RuleError) as err:
        backup.restore(office["supervisor"], bad)
    text = err.value.text()
    assert words in text and "备份文件" in text and str(bad) in text
    assert Complaint.select().count() == 1
    assert not backup.backups(backup.BEFORE_RESTORE)


def test_a_foreign_or_newer_database_is_refused(office, tmp_path):
    foreign = tmp_path / "addresses.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE people (name)")
    con.commit()
    con.close()
    with pytest.raises(RuleError, match="不是 PropDesk 数据库"):
        backup.restore(office["supervisor"], foreign)
    newer = backup.backup_now(tmp_path / "newer.db")
    con = sqlite3.connect(newer)
    con.execute("UPDATE setting SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(RuleError, match="更新版本"):
        backup.restore(office["supervisor"], newer)


def test_restore_when_the_backup_folder_cannot_be_written_changes_nothing(office, tmp_path, monkeypatch):
    nightly = backup.backup_now(tmp_path / "nightly.db")
    _complaint(office, "备份之后", dt.datetime.now().replace(microsecond=0))
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    monkeypatch.setattr(config, "backup_dir", lambda: blocked)
    with pytest.raises(RuleError, match="备份无法写入"):
        backup.restore(office["supervisor"], nightly)
    assert Complaint.select().count() == 1


def test_unusable_database_is_replaced_by_the_latest_good_backup(office, tmp_path):
    _complaint(office, "要保住的投诉", dt.datetime.now().replace(microsecond=0))
    good = backup.backup_now()
    _truncated(good, config.backup_dir() / "propdesk-29990101-000000.db")  # newer, but damaged
    location = Path(database.obj.database)
    with pytest.raises(RuleError, match="正常"):
        backup.restore_unusable(good, location, office["supervisor"])  # a healthy one: restore()
    database.close()
    _random_bytes(location)
    assert backup.check_database(location) == backup.NOT_A_DATABASE
    latest = backup.latest_good_backup()
    assert latest == good
    who = backup.sign_in_with_backup(latest, "supervisor", "secret123")  # an account of the backup
    aside = backup.restore_unusable(latest, location, who)
    assert aside.name.endswith("-damaged.db") and aside.exists()
    assert backup.check_database(location) == backup.OK
    assert _count(location) == 1
    con = sqlite3.connect(location)
    staff_id, note = con.execute("SELECT staff_id, note FROM audit_entry WHERE action = 'restore'").fetchone()
    assert note.startswith(good.name) and staff_id == office["supervisor"].id and "not_a_database" in note
    con.close()


def test_restore_over_a_missing_database(office, tmp_path):
    good = backup.backup_now()
    target = tmp_path / "new_pc" / "propdesk.db"
    assert backup.restore_unusable(good, target, backup.sign_in_with_backup(good, "admin", "secret123")) is None
    assert _count(target) == 0 and backup.check_database(target) == backup.OK


# --- command line -------------------------------------------------------------------------------

def _cli(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_backup_and_restore(office, tmp_path, capsys, monkeypatch):
    db = database.obj.database
    _complaint(office, "备份之前", dt.datetime.now().replace(microsecond=0))
    code, _, err = _cli(capsys, "--db", db, "--lang", "zh_CN", "backup", "-o", str(tmp_path / "copy.db"))
    assert code == 1 and "--user" in err and not (tmp_path / "copy.db").exists()  # no sign-in, no copy
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    code, out, _ = _cli(capsys, "--db", db, "--lang", "zh_CN", "backup", "-o", str(tmp_path / "copy.db"),
                        "--user", "clerk")
    assert code == 0 and str(tmp_path / "copy.db") in out
    code, out, _ = _cli(capsys, "--db", db, "--user", "supervisor", "backup")
    assert code == 0 and str(config.backup_dir()) in out
    _complaint(office, "备份之后", dt.datetime.now().replace(microsecond=0))

    monkeypatch.delenv("PROPDESK_PASSWORD")
    code, _, err = _cli(capsys, "--db", db, "--lang", "zh_CN", "restore", str(tmp_path / "copy.db"))
    assert code == 1 and "--user" in err  # no sign-in, no restore
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    code, _, err = _cli(capsys, "--db", db, "--lang", "zh_CN", "restore", str(tmp_path / "copy.db"),
                        "--user", "clerk")
    assert code == 1 and "无权" in err
    code, _, err = _cli(capsys, "--db", db, "--lang", "zh_CN", "restore",
                        str(_truncated(tmp_path / "copy.db", tmp_path / "half.db")), "--user", "supervisor")
    assert code == 1 and "已损坏" in err
    code, _, err = _cli(capsys, "--db", db, "--lang", "zh_CN", "restore",
                        str(_random_bytes(tmp_path / "x.db")), "--user", "supervisor")
    assert code == 1 and "不是 PropDesk 数据库" in err
    code, out, err = _cli(capsys, "--db", db, "--lang", "zh_CN", "restore", str(tmp_path / "copy.db"),
                          "--user", "supervisor")
    assert code == 0, err
    assert "before-restore" in out
    assert _count(Path(db)) == 1
    code, _, err = _cli(capsys, "--db", db, "restore")
    assert code == 2  # usage


def test_cli_with_a_damaged_database(office, tmp_path, capsys, monkeypatch):
    good = backup.backup_now()
    location = Path(database.obj.database)
    database.close()
    _truncated(good, location)
    for suffix in ("-wal", "-shm"):
        Path(str(location) + suffix).unlink(missing_ok=True)
    code, _, err = _cli(capsys, "--db", str(location), "--lang", "zh_CN", "backup")
    assert code == 1 and "已损坏" in err and good.name in err
    damaged = location.read_bytes()
    code, out, err = _cli(capsys, "--db", str(location), "--lang", "zh_CN", "restore", str(good))
    assert code == 1 and "--user" in err and location.read_bytes() == damaged  # never without a sign-in
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    code, out, err = _cli(capsys, "--db", str(location), "--lang", "zh_CN", "restore", str(good), "--user", "clerk")
    assert code == 1 and "无权" in err and location.read_bytes() == damaged  # the backup's roles count
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong")
    code, out, err = _cli(capsys, "--db", str(location), "--lang", "zh_CN", "restore", str(good),
                          "--user", "supervisor")
    assert code == 1 and good.name in err and location.read_bytes() == damaged
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    code, out, err = _cli(capsys, "--db", str(location), "--lang", "zh_CN", "restore", str(good),
                          "--user", "supervisor")
    assert code == 0, err
    assert backup.check_database(location) == backup.OK


def test_cli_read_only_folder(tmp_path, read_only_dir, monkeypatch):
    """The command in its own process, as a clerk's script would run it."""
    src = Path(__file__).resolve().parents[1] / "src"
    env = dict(os.environ, PROPDESK_HOME=str(tmp_path / "cli_home"), PYTHONPATH=str(src),
               PROPDESK_PASSWORD="secret123")
    monkeypatch.setenv("PROPDESK_HOME", env["PROPDESK_HOME"])
    init_db(config.database_location(None))  # the office's database, with an account to sign in
    accounts.create_staff(None, "kefu", "王芳", Role.CLERK, "secret123")
    database.close()
    cmd = [sys.executable, "-m", "propdesk", "--lang", "zh_CN", "--user", "kefu", "backup"]
    run = dict(env=env, capture_output=True, text=True, encoding="utf-8")
    assert subprocess.run(cmd, **run).returncode == 0
    result = subprocess.run(cmd + ["-o", str(read_only_dir / "copy.db")], **run)
    assert result.returncode == 1, result.stderr
    assert "备份无法写入" in result.stderr and "Traceback" not in result.stderr
    assert list(read_only_dir.iterdir()) == []
    # the default backup folder read-only: the same clear message
    home_backups = tmp_path / "cli_home" / "backups"
    for path in home_backups.iterdir():
        path.unlink()
    home_backups.rmdir()
    home_backups.symlink_to(read_only_dir)
    result = subprocess.run(cmd, **run)
    assert result.returncode == 1 and "备份无法写入" in result.stderr


def test_automatic_copies_stay_within_the_disk_budget_keeping_the_newest(office):
    settings.put("backup_on_exit", "1")
    first = backup.automatic_backup("start")
    size = first.stat().st_size
    # room for two copies and a half: the oldest goes when a third would not fit
    settings.put("backup_space_mb", str(max(1, (size * 5 // 2) // 1_000_000)))
    policy = backup.automatic_policy()
    policy = backup.Policy(keep=14, space=size * 5 // 2, on_exit=True, source=policy.source)
    made = [backup.automatic_backup("exit", policy=policy) for _ in range(3)]
    assert backup.backups(backup.AUTO) == made[:0:-1]  # the two newest fit
    tiny = backup.Policy(keep=14, space=1, on_exit=True, source=policy.source)
    newest = backup.automatic_backup("exit", policy=tiny)
    assert backup.backups(backup.AUTO) == [newest]  # the newest copy is always kept
    assert settings.get("backup_space_mb") and backup.space_budget() >= 1_000_000


def test_automatic_backup_with_a_policy_touches_no_model(office, monkeypatch):
    """What the worker thread runs: the settings were read before, the copy needs no model."""
    policy = backup.automatic_policy()
    from propdesk.models import database

    monkeypatch.setattr(database, "obj", None)  # any model access would fail now
    path = backup.automatic_backup("start", policy=policy)
    assert path is not None and backup.check_database(path) == backup.OK
