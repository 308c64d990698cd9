"""The office's language lives in the database: a new office takes the system's language once,
then registers, reports and the command's messages follow the office whatever the machine's
locale (a server or scheduled task under LANG=C.UTF-8); --lang overrides one command only."""
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fixtures.report_data import populate
from propdesk import cli, i18n
from propdesk.errors import PermissionDenied, ValidationError
from propdesk.models.tables import AuditEntry
from propdesk.services.core import settings
from propdesk.services.setup import office_profile


@pytest.fixture
def c_locale(monkeypatch):
    """A server or a scheduled task: no language chosen."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("lang_env, expected", [("C.UTF-8", "zh_CN"), ("POSIX", "zh_CN"),
                                                ("en_US.UTF-8", "en"), ("zh_CN.UTF-8", "zh_CN"),
                                                ("de_DE.UTF-8", "zh_CN")])
def test_a_new_office_takes_the_system_language_once(monkeypatch, lang_env, expected):
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", lang_env)
    assert settings.get("language") == ""
    assert settings.office_language() == expected
    assert settings.get("language") == expected  # stored, audited
    entry = AuditEntry.select().where(AuditEntry.entity == "setting").get()
    assert "language" in entry.note
    monkeypatch.setenv("LANG", "en_US.UTF-8" if expected == "zh_CN" else "zh_CN.UTF-8")
    assert settings.office_language() == expected  # the system no longer matters


def test_registers_follow_the_office_not_the_machine(c_locale, db_location, office, tmp_path, capsys,
                                                      monkeypatch):
    populate(office)
    monkeypatch.setenv("PROPDESK_USER", "clerk")  # the commands sign in
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")
    db = db_location
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    settings.put("language", "zh_CN")
    code, out, _ = run(capsys, "--db", db, "export", "complaints", *period, "-o", str(tmp_path / "c.xlsx"))
    assert code == 0 and out.startswith("已写入")
    assert load_workbook(tmp_path / "c.xlsx").active["A1"].value.endswith("客户投诉记录本")
    code, out, _ = run(capsys, "report", "weekly", "--week", "2026-W47", "-o", str(tmp_path / "w.pdf"),
                       "--db", db)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "w.pdf").pages)
    assert out.startswith("周报已写入") and "投诉" in text and "Complaints" not in text

    settings.put("language", "en")
    code, out, _ = run(capsys, "--db", db, "export", "complaints", *period, "-o", str(tmp_path / "e.xlsx"))
    assert out.startswith("3 lines written")
    assert load_workbook(tmp_path / "e.xlsx").active["A1"].value.endswith("Complaint register")

    code, out, _ = run(capsys, "--db", db, "--lang", "zh_CN", "export", "complaints", *period,
                       "-o", str(tmp_path / "z.xlsx"))
    assert out.startswith("已写入") and settings.get("language") == "en"  # one command only


def test_the_demo_office_stores_its_language(c_locale, tmp_path, capsys, monkeypatch):
    from propdesk.demo import office as demo
    from propdesk.models import init_db

    init_db(str(tmp_path / "demo.db"))
    i18n.set_language("en")
    summary = demo.create_demo_office(n_complaints=5, seed=2)
    assert settings.get("language") == "en" and summary.startswith("Demo office created")
    init_db(str(tmp_path / "demo2.db"))
    i18n.set_language("zh_CN")
    summary = demo.create_demo_office(n_complaints=5, seed=2)
    assert settings.get("language") == "zh_CN" and summary.startswith("演示数据已建好")


def test_administrators_change_it_audited(office):
    assert office_profile.set_language(office["admin"], "en") == {"language": ("", "en")}
    assert settings.office_language() == "en"
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.staff_id == office["admin"].id and entry.note == "language"
    with pytest.raises(PermissionDenied):
        office_profile.set_language(office["clerk"], "zh_CN")
    with pytest.raises(ValidationError) as err:
        office_profile.set_language(office["admin"], "fr")
    assert "本单位语言" in err.value.text()
    assert settings.get("language") == "en"


def test_a_file_that_cannot_take_the_setting_still_gets_a_language(c_locale, monkeypatch, caplog):
    from peewee import OperationalError

    def read_only(key, value):
        raise OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(settings, "put", read_only)
    assert settings.office_language() == "zh_CN"  # the seed, spoken; stored at a later start
    assert settings.get("language") == "" and "could not be stored" in caplog.text


@pytest.mark.sqlite_only(reason="backs up the SQLite file")
def test_a_reader_that_leaves_early_gets_no_traceback(office, fresh_db, tmp_path):
    """`propdesk backup | head -0`: the pipe is closed before the command prints."""
    import os
    import subprocess
    import sys

    fresh_db.close()
    env = {**os.environ, "PROPDESK_HOME": str(tmp_path / "home"), "PROPDESK_PASSWORD": "secret123"}
    proc = subprocess.Popen([sys.executable, "-m", "propdesk", "--db", fresh_db.database, "backup",
                             "--user", "supervisor", "-o", str(tmp_path / "b.db")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, cwd=tmp_path)
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1, err
    assert "Traceback" not in err and "BrokenPipe" not in err and (tmp_path / "b.db").exists()
