"""The desk's remembered server password is not kept in plain text (issue 20): on Windows it is
a DPAPI blob only this Windows account can open; elsewhere a keyring with a real store, or an
owner-only file. An older PropDesk's plain pgpass.conf is moved into it and deleted."""
from __future__ import annotations

import stat
import sys

import pytest

from propdesk import config, desk_secret

URL = "postgresql://desk@192.168.1.10:5432/propdesk"


@pytest.fixture
def fake_dpapi(monkeypatch):
    """DPAPI's contract without Windows: what is protected reads back only through unprotect."""
    def dpapi(data: bytes, protect: bool) -> bytes:
        return (b"DPAPI:" + data[::-1]) if protect else data[len(b"DPAPI:"):][::-1]

    monkeypatch.setattr(desk_secret, "_dpapi", dpapi)
    monkeypatch.setattr(desk_secret, "mechanism", lambda: desk_secret.DPAPI)


def test_the_password_is_kept_protected_and_read_back(fake_dpapi):
    url = config.remember_server("192.168.1.10", 5432, "propdesk", "desk", "密码-secret")
    assert url == URL  # no password in the URL
    kept = config.data_dir() / config.PASSWORD_FILE
    raw = kept.read_bytes()
    assert raw.startswith(b"dpapi\n") and b"secret" not in raw and "密码".encode() not in raw
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert config.saved_server() == URL
    assert config.server_password(URL) == "密码-secret"
    assert config.server_password("postgresql://other@192.168.1.10:5432/propdesk") is None
    config.forget_server()
    assert not kept.exists() and config.saved_server() is None and config.server_password(URL) is None


def test_a_plain_password_file_of_an_older_propdesk_is_moved_and_deleted(fake_dpapi):
    (config.data_dir() / config.SERVER_FILE).write_text(URL + "\n", encoding="utf-8")
    old = config.data_dir() / config.OLD_PASS_FILE
    old.write_text("192.168.1.10:5432:propdesk:desk:pa\\:ss\n", encoding="utf-8")
    assert config.saved_server() == URL
    assert not old.exists()
    assert b"pa:ss" not in (config.data_dir() / config.PASSWORD_FILE).read_bytes()
    assert config.server_password(URL) == "pa:ss"


def test_a_blob_that_cannot_be_opened_here_gives_no_password(monkeypatch):
    def refuses(data: bytes, protect: bool) -> bytes:
        raise OSError("another Windows account")

    path = config.data_dir() / config.PASSWORD_FILE
    path.write_bytes(b"dpapi\nAAAA\n")
    monkeypatch.setattr(desk_secret, "_dpapi", refuses)
    assert desk_secret.load(path, "desk@h:5432/db") is None  # the desk asks again, no traceback


def test_without_a_secret_store_the_file_is_owner_only(monkeypatch):
    monkeypatch.setattr(desk_secret, "_keyring", lambda: None)
    if sys.platform == "win32":
        pytest.skip("Windows always has DPAPI")
    assert desk_secret.mechanism() == desk_secret.FILE
    path = config.data_dir() / config.PASSWORD_FILE
    desk_secret.store(path, "desk@h:5432/db", "pw")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert desk_secret.load(path, "desk@h:5432/db") == "pw"


@pytest.mark.skipif(sys.platform != "win32", reason="DPAPI is Windows' own")
def test_real_dpapi_round_trip(tmp_path):
    blob = desk_secret._dpapi("密码".encode(), protect=True)
    assert "密码".encode() not in blob
    assert desk_secret._dpapi(blob, protect=False) == "密码".encode()
