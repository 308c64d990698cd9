"""The `propdesk` command reads like one program: global options anywhere, help and messages in
the office's language, labelled figures, a quiet console (details in the log file)."""
import sqlite3

import pytest

from fixtures.report_data import populate
from propdesk import cli, config
from propdesk.services.core import backup, settings


def run(capsys, *argv):
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(db_location, office, monkeypatch):
    populate(office)
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")  # the commands sign in
    return db_location


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_before_or_after_the_command(db, tmp_path, capsys, where):
    out_file = tmp_path / "c.xlsx"
    options = ["--db", db, "--lang", "en", "--user", "clerk"]
    command = ["export", "complaints", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(out_file)]
    argv = options + command if where == "before" else command + options
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert out.strip() == f"3 lines written to {out_file}." and out_file.exists()
    args = cli._parser().parse_args(argv)
    assert (args.db, args.lang, args.user) == (db, "en", "clerk")


def test_a_later_option_is_not_reset_by_the_command(tmp_path):
    args = cli._parser().parse_args(["--db", "a.db", "demo", "--complaints", "3"])
    assert args.db == "a.db" and args.lang is None and args.user is None
    args = cli._parser().parse_args(["report", "weekly", "-o", "w.pdf", "--lang", "zh_CN"])
    assert args.lang == "zh_CN" and args.db is None


def test_report_weekly_with_options_after_and_a_labelled_figure(db, tmp_path, capsys):
    out_file = tmp_path / "w.pdf"
    code, out, err = run(capsys, "report", "weekly", "--week", "2026-W47", "-o", str(out_file),
                         "--lang", "zh_CN", "--db", db, "--user", "clerk")
    assert code == 0, err
    assert out.strip() == f"周报已写入：{out_file}（统计期间 2026-11-16 至 2026-11-22；收到投诉 1 件）"
    code, out, err = run(capsys, "--lang", "en", "--db", db, "--user", "clerk", "report", "weekly",
                         "--week", "2026-W47", "-o", str(out_file))
    assert out.strip() == (f"Weekly summary written: {out_file} (period 2026-11-16 to 2026-11-22; "
                           "complaints received: 1)")


def test_help_in_the_office_language(db, capsys):
    settings.put("language", "zh_CN")
    code, out, _ = run(capsys, "--db", db, "export", "--help")
    assert code == 0
    assert out.startswith("用法：propdesk export") and "显示本帮助并退出" in out
    assert "把台账导出为 Excel" in out and "选项" in out and "usage" not in out
    settings.put("language", "en")
    code, out, _ = run(capsys, "export", "--help", "--db", db)
    assert out.startswith("usage: propdesk export") and "show this help message and exit" in out
    code, out, _ = run(capsys, "--lang", "zh_CN", "--db", db, "--help")
    assert "向数据库填入演示数据" in out and "仅本次命令使用的语言" in out
    # --version's own line too (Python 3.11's argparse does not translate its default help)
    assert "显示版本号并退出" in out and "show program's version" not in out


def test_usage_errors_in_the_office_language(db, capsys):
    settings.put("language", "zh_CN")
    code, _, err = run(capsys, "--db", db, "report")
    assert code == 2 and "propdesk report：错误：缺少以下参数" in err
    code, _, err = run(capsys, "--db", db, "export", "bills", "-o", "x.xlsx")
    assert code == 2 and "无效的选择：'bills'" in err
    code, _, err = run(capsys, "--db", db, "--lang", "en", "export", "bills", "-o", "x.xlsx")
    assert code == 2 and "invalid choice: 'bills'" in err


def test_help_does_not_create_a_database(tmp_path, capsys):
    missing = tmp_path / "none" / "p.db"
    code, out, _ = run(capsys, "--db", str(missing), "backup", "-h")
    assert code == 0 and "-o" in out and not missing.exists()


@pytest.mark.sqlite_only(reason="makes a backup of the SQLite file")
def test_console_shows_warnings_only_details_go_to_the_log(db, tmp_path, capsys):
    new_db = tmp_path / "new.db"  # a new database is created and upgraded: INFO lines
    code, _, err = run(capsys, "--db", str(new_db), "--lang", "en", "demo", "--complaints", "3")
    assert code == 0 and err == ""
    code, _, err = run(capsys, "--db", db, "--user", "clerk", "backup", "-o", str(tmp_path / "b.db"))
    assert code == 0 and err == ""
    log = (config.log_dir() / "propdesk.log").read_text(encoding="utf-8")
    assert "INFO propdesk.models.db: database schema upgraded" in log
    assert "INFO propdesk.services.core.backup: database backed up" in log


@pytest.mark.sqlite_only(reason="restores a SQLite backup file")
def test_restore_into_a_missing_database_says_so(office, tmp_path, capsys, monkeypatch):
    good = backup.backup_now()
    target = tmp_path / "new_pc" / "propdesk.db"
    monkeypatch.setenv("PROPDESK_PASSWORD", "secret123")  # signs in with an account of the backup
    code, out, err = run(capsys, "restore", str(good), "--db", str(target), "--lang", "en", "--user", "admin")
    assert code == 0, err
    assert out.strip() == f"Restored from {good} into {target} (there was no database there before)."
    assert " -" not in out and err == ""
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM staff").fetchone()[0] >= 4
    con.close()


def test_a_file_that_cannot_be_written_is_said_in_the_office_language(db, tmp_path, capsys):
    """QA: 'propdesk export … -o 不存在的文件夹/x.pdf' ended '无法写入 …：No such file or
    directory' (the system's English words)."""
    target = tmp_path / "no such folder" / "x.pdf"
    code, _, err = run(capsys, "--db", db, "--lang", "zh_CN", "--user", "clerk", "export", "owners",
                       "-o", str(target))
    assert code == 1
    assert f"无法写入 {target}：文件夹不存在" in err and "No such file" not in err
    code, _, err = run(capsys, "--db", db, "--lang", "en", "--user", "clerk", "export", "owners",
                       "-o", str(target))
    assert "the folder does not exist" in err
