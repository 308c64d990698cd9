"""No overwrite without authority: a busy or unreadable database is told apart from a damaged one
(and never replaced), and every restore signs in."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from propdesk import cli
from propdesk.errors import RuleError
from propdesk.models import database
from propdesk.services.core import backup

pytestmark = pytest.mark.sqlite_only(reason="checks and overwrites of the SQLite file")


def _cli(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def copy_db(office, tmp_path):
    """A good PropDesk file (one self-contained file, as a backup is) apart from the open one."""
    path = backup.backup_now(tmp_path / "office.db")
    return path


def test_a_locked_database_is_busy_not_damaged(copy_db, office, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(backup, "CHECK_TIMEOUT", 0.2)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    holder = sqlite3.connect(copy_db, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of writing it
    try:
        status, reason = backup.diagnose(copy_db)
        assert status == backup.BUSY and "locked" in reason
        before = copy_db.read_bytes()
        good = backup.backup_now(tmp_path / "good.db")
        code, _, err = _cli(capsys, "--db", str(copy_db), "--lang", "zh_CN", "--user", "supervisor",
                            "restore", str(good))
        assert code == 1 and "被其他程序锁定" in err and "未作任何改动" in err
        assert copy_db.read_bytes() == before
        with pytest.raises(RuleError):
            backup.restore_unusable(good, copy_db, office["supervisor"])
        assert copy_db.read_bytes() == before
        assert not backup.backups(backup.DAMAGED_KIND)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert backup.check_database(copy_db) == backup.OK


def _make_read_only(folder: Path) -> bool:
    folder.chmod(0o555)
    if shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    try:
        (folder / ".probe").touch()
    except OSError:
        return True
    (folder / ".probe").unlink()
    return False


def _writable_again(folder: Path) -> None:
    if shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_a_read_only_folder_is_unreadable_not_damaged(copy_db, office, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    folder = tmp_path / "share"
    folder.mkdir()
    location = folder / "propdesk.db"
    shutil.copy2(copy_db, location)
    if not _make_read_only(folder):
        _writable_again(folder)
        pytest.skip("cannot make a read-only folder here")
    try:
        status, reason = backup.diagnose(location)
        assert status == backup.UNREADABLE and reason
        code, _, err = _cli(capsys, "--db", str(location), "--lang", "zh_CN", "--user", "supervisor",
                            "restore", str(copy_db))
        assert code == 1 and "无法读取或写入" in err and "未作任何改动" in err
        code, _, err = _cli(capsys, "--db", str(location), "--lang", "zh_CN", "--user", "supervisor",
                            "backup")
        assert code == 1 and "无法读取或写入" in err
    finally:
        _writable_again(folder)
    assert backup.check_database(location) == backup.OK


def test_damaged_and_foreign_files_are_still_damaged(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello" * 100)
    assert backup.diagnose(junk)[0] == backup.NOT_A_DATABASE
    folder = tmp_path / "folder.db"
    folder.mkdir()
    assert backup.diagnose(folder)[0] == backup.NOT_A_DATABASE
    assert backup.diagnose(tmp_path / "none.db") == (backup.MISSING, "no file")


def test_restore_over_a_damaged_file_signs_in_with_the_backups_accounts(office, tmp_path):
    good = backup.backup_now()
    location = Path(database.obj.database)
    database.close()
    location.write_bytes(b"\x00" * 4096)
    with pytest.raises(RuleError, match="用户名或密码"):
        backup.sign_in_with_backup(good, "nobody", "secret123")
    with pytest.raises(RuleError, match="用户名或密码"):
        backup.sign_in_with_backup(good, "supervisor", "wrong")
    with pytest.raises(RuleError, match="无权"):
        backup.sign_in_with_backup(good, "clerk", "secret123")
    who = backup.sign_in_with_backup(good, "admin", "secret123")
    assert who.username == "admin" and who.id == office["admin"].id
    assert backup.restore_unusable(good, location, who).exists()
