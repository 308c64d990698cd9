"""The command line signs in like the window: --user, PROPDESK_PASSWORD or a prompt, the same
roles; every export, print, backup and import is in the audit log (who, what, filters, rows)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.owner_workbooks import messy_roster
from fixtures.report_data import populate
from propdesk import cli
from propdesk.models import database
from propdesk.models.tables import AuditEntry, Owner, Staff, Unit


def run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(db_location, office):
    populate(office)
    return db_location


EXPORT = ["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30"]


def test_no_user_no_data(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    out = tmp_path / "c.xlsx"
    for argv in (EXPORT + ["-o", str(out)], ["report", "weekly", "-o", str(out)],
                 ["backup", "-o", str(tmp_path / "c.db")]):
        code, _, err = run(capsys, "--db", db, "--lang", "zh_CN", *argv)
        assert code == 1 and "--user" in err and "PROPDESK_PASSWORD" in err, argv
    assert not list(tmp_path.glob("c.*"))


def test_no_password_and_no_terminal_says_so_and_does_not_wait(db, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PROPDESK_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # a scheduled task: no one to ask
    code, _, err = run(capsys, "--db", db, "--lang", "zh_CN", "--user", "clerk", *EXPORT,
                       "-o", str(tmp_path / "c.xlsx"))
    assert code == 1 and "PROPDESK_PASSWORD" in err and "clerk" in err
    assert not (tmp_path / "c.xlsx").exists()


def test_no_terminal_in_its_own_process(db, tmp_path):
    """As cron runs it: stdin closed, no variable: a message and exit 1, not a hang."""
    src = Path(__file__).resolve().parents[1] / "src"
    env = {k: v for k, v in os.environ.items() if k != "PROPDESK_PASSWORD"}
    env.update(PYTHONPATH=str(src), PROPDESK_HOME=str(tmp_path / "home"))
    database.close()
    result = subprocess.run([sys.executable, "-m", "propdesk", "--db", db, "--lang", "zh_CN",
                             "backup", "--user", "admin"], stdin=subprocess.DEVNULL, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 1 and "PROPDESK_PASSWORD" in result.stderr
    assert "Traceback" not in result.stderr


def test_prompt_on_a_terminal(db, tmp_path, capsys, monkeypatch):
    import getpass

    monkeypatch.delenv("PROPDESK_PASSWORD", raising=False)

    class Tty:
        def isatty(self):
            return True

    asked = []
    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": asked.append(prompt) or "secret123")
    code, out, err = run(capsys, "--db", db, "--lang", "zh_CN", *EXPORT, "-o",
                         str(tmp_path / "c.xlsx"), "--user", "supervisor")
    assert code == 0, err
    assert asked == ["supervisor: "]


def test_wrong_password_and_unknown_user_refused_and_audited(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong-one")
    code, _, err = run(capsys, "--db", db, "--lang", "zh_CN", "--user", "clerk", *EXPORT,
                       "-o", str(tmp_path / "c.xlsx"))
    assert code == 1 and "用户名或密码不正确" in err and not (tmp_path / "c.xlsx").exists()
    assert AuditEntry.select().where(AuditEntry.action == "login_failed").count() == 1


@pytest.mark.sqlite_only(reason="includes backup/restore of the SQLite file (a server: pg_dump)")
def test_roles_as_in_the_window(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    roster = messy_roster(tmp_path / "m.xlsx")
    before = Owner.select().count()
    code, _, err = run(capsys, "--db", db, "--lang", "zh_CN", "--user", "technician",
                       "import-owners", str(roster))
    assert code == 1 and "无权" in err and Owner.select().count() == before
    code, _, err = run(capsys, "--db", db, "--lang", "zh_CN", "--user", "clerk", "restore",
                       str(tmp_path / "m.xlsx"))
    assert code == 1 and "无权" in err


def _last(action):
    return AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id.desc()).first()


@pytest.mark.sqlite_only(reason="includes backup/restore of the SQLite file (a server: pg_dump)")
def test_every_output_is_audited(db, tmp_path, capsys, monkeypatch, office):
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    base = ["--db", db, "--lang", "zh_CN", "--user", "clerk"]
    assert run(capsys, *base, *EXPORT, "-o", str(tmp_path / "c.xlsx"), "--mask-phones")[0] == 0
    entry = _last("export")
    assert entry.staff_id == office["clerk"].id and entry.entity == "register"
    assert "complaints" in entry.note and "c.xlsx" in entry.note
    assert "from=2026-11-01" in entry.note and "to=2026-11-30" in entry.note
    assert "mask_phones=True" in entry.note and "rows=3" in entry.note

    assert run(capsys, *base, "export", "owners", "-o", str(tmp_path / "o.pdf"))[0] == 0
    entry = _last("print")
    assert entry.entity == "register" and "owners" in entry.note and "rows=" in entry.note

    assert run(capsys, *base, "report", "weekly", "--week", "2026-W47", "-o", str(tmp_path / "w.pdf"))[0] == 0
    entry = _last("print")
    assert entry.entity == "report" and "weekly" in entry.note and "from=2026-11-16" in entry.note

    assert run(capsys, *base, "backup", "-o", str(tmp_path / "b.db"))[0] == 0
    entry = _last("backup")
    assert entry.staff_id == office["clerk"].id and "b.db" in entry.note

    # the messy roster has 3 refused lines: exit 1 (issue 18 QA), the import is audited all the same
    assert run(capsys, *base, "import-owners", str(messy_roster(tmp_path / "m.xlsx")))[0] == 1
    entry = _last("import")
    assert entry.staff_id == office["clerk"].id and "m.xlsx" in entry.note and "created 4" in entry.note


def test_report_printed_by_who_signed_in(db, tmp_path, capsys, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    out = tmp_path / "w.pdf"
    assert run(capsys, "--db", db, "--user", "supervisor", "--lang", "zh_CN", "report", "weekly",
               "--week", "2026-W47", "-o", str(out))[0] == 0
    assert "制表：李强" in PdfReader(str(out)).pages[0].extract_text()


def test_a_database_without_accounts(tmp_path, capsys, monkeypatch):
    from propdesk.models import init_db

    monkeypatch.setenv("PROPDESK_PASSWORD", "x")
    init_db(str(tmp_path / "new.db"))  # first start was never finished: no administrator yet
    database.close()
    code, _, err = run(capsys, "--db", str(tmp_path / "new.db"), "--lang", "zh_CN", "--user", "admin",
                       "backup", "-o", str(tmp_path / "b.db"))
    assert code == 1 and "没有任何账号" in err and not (tmp_path / "b.db").exists()


def test_demo_refuses_a_real_office(db_location, capsys):
    """An administrator made, no units yet: the demo's known passwords must not come in."""
    from propdesk.services.setup import reference

    reference.create_first_admin("boss", "赵敏", "secret123")
    code, _, err = run(capsys, "--db", db_location, "--lang", "zh_CN", "demo", "--complaints", "5")
    assert code == 1 and "只能放入全新的数据库" in err
    assert not Unit.select().exists() and Staff.select().count() == 1


def test_an_unknown_name_costs_the_same_scrypt_work_and_is_audited(fresh_db, office, monkeypatch):
    import hashlib

    from propdesk.errors import RuleError
    from propdesk.services.core import accounts

    calls = []
    real = hashlib.scrypt
    monkeypatch.setattr(hashlib, "scrypt", lambda *a, **k: calls.append(k.get("n")) or real(*a, **k))
    accounts.check_password("warm-up", None)  # the stand-in hash is made once
    calls.clear()
    with pytest.raises(RuleError):
        accounts.authenticate("clerk", "wrong")
    wrong = list(calls)
    calls.clear()
    with pytest.raises(RuleError) as unknown:
        accounts.authenticate("nob\x01ody", "wrong")
    assert calls == wrong == [accounts.SCRYPT_N]  # one scrypt of the same cost either way
    assert unknown.value.text() == "用户名或密码不正确。"  # the same answer
    entry = AuditEntry.select().where(AuditEntry.action == "login_unknown").get()
    assert entry.note == "nobody" and entry.staff_id is None
