"""Passwords: scrypt at current guidance with old hashes made again at sign-in, a person's own
password change, and the change forced after a reset or for the demo's known passwords."""
from __future__ import annotations

import subprocess
import sys

import pytest

from propdesk.models.tables import AuditEntry, Staff
from propdesk.services.core import accounts


def _old_hash(password: str, n: int = 2**14) -> str:
    """A hash as PropDesk 0.1.0 stored it (scrypt N=2^14, r=8, p=1)."""
    saved = accounts.SCRYPT_N
    accounts.SCRYPT_N = n
    try:
        return accounts.hash_password(password)
    finally:
        accounts.SCRYPT_N = saved


def test_production_parameters_are_owasp_and_old_hashes_are_upgraded(office, monkeypatch):
    """The one test at full cost: a real office gets N=2^17, r=8, p=1 (tests elsewhere use the
    cheap N set by conftest's cheap_scrypt), and a 2^14 hash is made again at the next sign-in,
    in the sign-in's transaction, audited."""
    assert accounts.PRODUCTION_SCRYPT == (2**17, 8, 1)
    out = subprocess.run([sys.executable, "-c", "from propdesk.services.core import accounts as a;"
                          "print(a.SCRYPT_N, a.SCRYPT_R, a.SCRYPT_P)"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["131072", "8", "1"]  # what the program uses without the tests' hook
    monkeypatch.setattr(accounts, "SCRYPT_N", accounts.PRODUCTION_SCRYPT[0])
    clerk = office["clerk"]
    Staff.update(password_hash=_old_hash("secret123")).where(Staff.id == clerk.id).execute()
    assert accounts.authenticate("clerk", "secret123").id == clerk.id
    stored = Staff.get_by_id(clerk.id).password_hash
    assert stored.startswith("scrypt$131072$8$1$")
    assert accounts.verify_password("secret123", stored)
    assert not accounts.verify_password("secret12", stored)
    entry = AuditEntry.get(AuditEntry.action == "password_upgrade")
    assert entry.staff_id == clerk.id and "16384" in entry.note and "131072" in entry.note
    assert not list(entry.changes)  # no hash in the log
    # the next sign-in verifies the new hash and changes nothing
    assert accounts.authenticate("clerk", "secret123").id == clerk.id
    assert Staff.get_by_id(clerk.id).password_hash == stored
    assert AuditEntry.select().where(AuditEntry.action == "password_upgrade").count() == 1


def test_an_old_hash_is_upgraded_only_by_the_right_password(office):
    clerk = office["clerk"]
    old = _old_hash("secret123", n=2**5)  # "old": other parameters than the current (cheap) ones
    Staff.update(password_hash=old).where(Staff.id == clerk.id).execute()
    with pytest.raises(Exception):
        accounts.authenticate("clerk", "wrong")
    assert Staff.get_by_id(clerk.id).password_hash == old
    accounts.authenticate("clerk", "secret123")
    assert accounts.current_parameters(Staff.get_by_id(clerk.id).password_hash)
    assert AuditEntry.select().where(AuditEntry.action == "password_upgrade").count() == 1


def test_a_hash_asking_for_absurd_work_is_refused_not_computed():
    stored = _old_hash("x", n=2**4).replace("scrypt$16$", f"scrypt${2**24}$", 1)
    assert not accounts.verify_password("x", stored)


def test_a_production_hash_needs_more_than_openssls_default_memory():
    """N=2^17, r=8 needs 128 MiB: without maxmem OpenSSL refuses (32 MiB), and every sign-in
    would fail as a wrong password."""
    import hashlib

    with pytest.raises(ValueError):
        hashlib.scrypt(b"x", salt=b"s" * 16, n=2**17, r=8, p=1)
    assert len(accounts._scrypt("x", b"s" * 16, 2**17, 8, 1)) == 64


# --- a person's own password --------------------------------------------------------------------

from propdesk.errors import RuleError, ValidationError  # noqa: E402
from propdesk.models.tables import Setting  # noqa: E402
from propdesk.services.core import passwords  # noqa: E402
from propdesk.services.setup.staff_admin import reset_password  # noqa: E402


def _changes(entry_action: str) -> int:
    return AuditEntry.select().where(AuditEntry.action == entry_action).count()


def test_everyone_changes_their_own_password(office):
    for role in ("clerk", "technician", "supervisor", "admin"):
        staff = office[role]
        passwords.change_own(staff, "secret123", "my-own-pw-1", "my-own-pw-1")
        assert accounts.authenticate(role, "my-own-pw-1").id == staff.id
        with pytest.raises(RuleError):
            accounts.authenticate(role, "secret123")
    assert _changes("password_change") == 4
    entry = AuditEntry.get(AuditEntry.action == "password_change")
    assert not list(entry.changes) and "secret" not in entry.note and "my-own" not in entry.note


@pytest.mark.parametrize("old, new, again, field, words", [
    ("wrong", "good-pass-1", "good-pass-1", "old_password", "当前密码"),
    ("secret123", "short", "short", "new_password", "至少使用 8"),
    ("secret123", "clerk", "clerk", "new_password", "新密码"),
    ("secret123", "zhuguan123", "zhuguan123", "new_password", "演示"),
    ("secret123", "admin123", "admin123", "new_password", "演示"),
    ("secret123", "good-pass-1", "good-pass-2", "new_password_again", "再输入一次新密码"),
    ("secret123", "secret123", "secret123", "new_password", "当前密码不同"),
    ("secret123", "good\x00pass1", "good\x00pass1", "new_password", "无法保存的字符"),
])
def test_a_new_password_must_follow_the_rules(office, old, new, again, field, words):
    clerk = office["clerk"]
    before = Staff.get_by_id(clerk.id).password_hash
    with pytest.raises(ValidationError) as err:
        passwords.change_own(clerk, old, new, again)
    assert field in err.value.errors, err.value.errors
    assert words in err.value.errors[field].text()
    assert Staff.get_by_id(clerk.id).password_hash == before
    assert _changes("password_change") == 0


def test_the_user_name_is_not_a_password(office):
    staff = accounts.create_staff(None, "zhangsan99", "张三", "clerk", "secret123")
    with pytest.raises(ValidationError) as err:
        passwords.change_own(staff, "secret123", "ZhangSan99", "ZhangSan99")
    assert "用户名" in err.value.errors["new_password"].text()


def test_a_wrong_current_password_is_audited(office):
    with pytest.raises(ValidationError):
        passwords.change_own(office["clerk"], "wrong", "good-pass-1", "good-pass-1")
    entry = AuditEntry.get(AuditEntry.action == "refused")
    assert entry.note == "password.change" and entry.staff_id == office["clerk"].id


def test_a_reset_makes_the_change_due_until_done(office):
    clerk = office["clerk"]
    assert passwords.change_due(clerk) is None
    reset_password(office["admin"], clerk.id, "given-by-admin")
    staff = accounts.authenticate("clerk", "given-by-admin")
    assert passwords.change_due(staff) == passwords.DUE_RESET
    passwords.change_own(staff, "given-by-admin", "chosen-by-me", "chosen-by-me")
    assert passwords.change_due(staff) is None
    assert "reset" in AuditEntry.get(AuditEntry.action == "password_change").note


def test_the_rules_hold_for_staff_made_or_reset_by_an_administrator(office):
    with pytest.raises(ValidationError) as err:
        reset_password(office["admin"], office["clerk"].id, "zhuguan123")
    assert "演示" in err.value.errors["password"].text()
    with pytest.raises(ValidationError):
        reset_password(office["admin"], office["clerk"].id, "clerk")


def _known(staff, password: str) -> None:
    """An account that has a demo password (as the demo office makes them)."""
    Staff.update(password_hash=accounts.hash_password(password)).where(Staff.id == staff.id).execute()


def test_a_demo_password_in_a_real_office_must_be_changed(office):
    _known(office["admin"], "admin123")
    staff = accounts.authenticate("admin", "admin123")
    assert passwords.change_due(staff) == passwords.DUE_KNOWN
    assert AuditEntry.get(AuditEntry.action == "password_due").note == passwords.DUE_KNOWN
    passwords.change_own(staff, "admin123", "office-admin-1", "office-admin-1")
    assert passwords.change_due(staff) is None
    accounts.authenticate("admin", "office-admin-1")
    assert passwords.change_due(staff) is None


def test_in_the_demo_office_the_demo_passwords_are_fine(office):
    Setting.create(key=passwords.DEMO_FLAG, value="1")
    _known(office["clerk"], "kefu123")
    staff = accounts.authenticate("clerk", "kefu123")
    assert passwords.change_due(staff) is None


def test_the_known_passwords_are_the_demo_offices():
    from propdesk.demo.register import OTHER_STAFF_PASSWORD, STAFF

    assert {s[4] for s in STAFF} | {OTHER_STAFF_PASSWORD} <= passwords.KNOWN_PASSWORDS
    assert {"admin123", "zhuguan123", "kefu123", "weixiu123"} <= passwords.KNOWN_PASSWORDS


# --- the command line ---------------------------------------------------------------------------

from propdesk import cli  # noqa: E402


def _run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_passwd_on_the_command_line(db_location, office, capsys, monkeypatch):
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    monkeypatch.setenv("PROPDESK_NEW_PASSWORD", "short")
    code, _, err = _run(capsys, "--db", db_location, "--lang", "zh_CN", "--user", "technician",
                        "passwd")
    assert code == 1 and "新密码" in err and "8" in err
    monkeypatch.setenv("PROPDESK_NEW_PASSWORD", "chosen-pw-1")
    code, out, err = _run(capsys, "--db", db_location, "--lang", "zh_CN", "--user", "technician", "passwd")
    assert code == 0 and "technician 的密码已修改" in out, err
    assert accounts.authenticate("technician", "chosen-pw-1")
    monkeypatch.delenv("PROPDESK_NEW_PASSWORD")
    monkeypatch.setenv("PROPDESK_PASSWORD", "chosen-pw-1")
    code, _, err = _run(capsys, "--db", db_location, "--lang", "zh_CN", "--user", "technician", "passwd")
    assert code == 1 and "PROPDESK_NEW_PASSWORD" in err  # no terminal here: never waits


def test_the_command_line_refuses_other_commands_until_the_password_is_changed(
        db_location, office, capsys, monkeypatch, tmp_path):
    reset_password(office["admin"], office["clerk"].id, "given-by-admin")
    monkeypatch.setenv("PROPDESK_PASSWORD", "given-by-admin")
    out_file = tmp_path / "c.xlsx"
    export = ["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(out_file)]
    code, _, err = _run(capsys, "--db", db_location, "--lang", "zh_CN", "--user", "clerk", *export)
    assert code == 1 and "propdesk passwd --user clerk" in err and "管理员已重置" in err
    assert not out_file.exists()
    assert AuditEntry.get(AuditEntry.note == "password.change_due").staff_id == office["clerk"].id
    monkeypatch.setenv("PROPDESK_NEW_PASSWORD", "chosen-pw-1")
    assert _run(capsys, "--db", db_location, "--user", "clerk", "passwd")[0] == 0
    monkeypatch.setenv("PROPDESK_PASSWORD", "chosen-pw-1")
    code, _, err = _run(capsys, "--db", db_location, "--user", "clerk", *export)
    assert code == 0 and out_file.exists(), err


def test_a_demo_password_in_a_real_office_stops_the_command_line(db_location, office, capsys,
                                                                 monkeypatch, tmp_path):
    _known(office["supervisor"], "zhuguan123")
    monkeypatch.setenv("PROPDESK_PASSWORD", "zhuguan123")
    code, _, err = _run(capsys, "--db", db_location, "--lang", "zh_CN", "--user", "supervisor",
                        "backup", "-o", str(tmp_path / "b.db"))
    assert code == 1 and "演示办公室公开的密码" in err and "propdesk passwd" in err
    assert not (tmp_path / "b.db").exists()


def test_a_new_account_chooses_its_own_password_at_the_first_sign_in(office, db_location, capsys,
                                                                      monkeypatch, tmp_path):
    from propdesk.services.setup.staff_admin import StaffInput, add_staff

    staff = add_staff(office["admin"], StaffInput("zhangsan", "张三", "clerk", None, "", "start-pw-1"))
    assert passwords.change_due(staff) == passwords.DUE_NEW
    monkeypatch.setenv("PROPDESK_PASSWORD", "start-pw-1")
    code, _, err = _run(capsys, "--db", db_location, "--lang", "zh_CN", "--user", "zhangsan",
                        "backup", "-o", str(tmp_path / "b.db"))
    assert code == 1 and "初始密码由管理员设置" in err
    passwords.change_own(staff, "start-pw-1", "my-own-pw-1", "my-own-pw-1")
    assert passwords.change_due(staff) is None


def test_the_first_administrator_chose_their_own_password(fresh_db):
    """(made in an office without accounts: the only place a first administrator is made)"""
    from propdesk.services.setup import reference

    first = reference.create_first_admin("boss", "老板", "office-admin-1")
    assert passwords.change_due(first) is None
