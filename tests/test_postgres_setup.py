"""Pointing a desk at a PostgreSQL server: a missing driver or an unreachable server gives a
plain message (CLI exit 1, no traceback), and the database in use stays in use."""
from __future__ import annotations

import sys

import pytest

from propdesk import cli
from propdesk.models import database, init_db
from propdesk.models.db import DatabaseUnavailable, server_name

NOWHERE = "postgresql://desk:secret@127.0.0.1:1/propdesk"  # nothing listens on port 1


def test_a_missing_driver_is_named_with_what_to_install(monkeypatch, fresh_db):
    monkeypatch.setitem(sys.modules, "psycopg2", None)  # import psycopg2 -> ImportError
    with pytest.raises(DatabaseUnavailable) as caught:
        init_db(NOWHERE)
    assert "propdesk[postgres]" in caught.value.text()
    assert database.obj is fresh_db


def test_the_cli_says_the_driver_is_missing_in_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "psycopg2", None)
    code = cli.main(["--db", NOWHERE, "--lang", "en", "export", "complaints", "--from", "2026-11-01",
                     "--to", "2026-11-30", "-o", str(tmp_path / "r.xlsx")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("propdesk: PostgreSQL needs its driver") and "Traceback" not in err


def test_an_unreachable_server_is_named_without_its_password(fresh_db, capsys):
    with pytest.raises(DatabaseUnavailable) as caught:
        init_db(NOWHERE)
    text = caught.value.text()
    assert "127.0.0.1:1/propdesk" in text and "secret" not in text
    assert database.obj is fresh_db  # the desk keeps working on what it had


def test_server_name_leaves_out_user_and_password():
    assert server_name("postgresql://a:b@db.office:5433/propdesk") == "db.office:5433/propdesk"
