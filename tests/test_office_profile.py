"""The office profile and logo: what every printed form shows."""
from pathlib import Path

import pytest

from propdesk import config
from propdesk.errors import PermissionDenied, ValidationError
from propdesk.models.tables import AuditChange, AuditEntry
from propdesk.services.core import settings
from propdesk.services.setup.office_profile import Profile, logo_path, profile, save_profile, set_logo

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_save_profile_is_audited_and_read_by_the_reports(office):
    changes = save_profile(office["admin"], Profile("翠湖苑物业服务中心", "深圳市南山区翠湖路16号",
                                                    "0755-26881234"))
    assert changes["office_name"] == ("阳光花园物业服务中心", "翠湖苑物业服务中心")
    assert settings.get("office_name") == "翠湖苑物业服务中心"  # what the PDFs and Excel print
    assert profile() == Profile("翠湖苑物业服务中心", "深圳市南山区翠湖路16号", "0755-26881234")
    entry = AuditEntry.get(AuditEntry.entity == "setting")
    assert entry.staff_id == office["admin"].id
    assert {c.field for c in AuditChange.select()} == {"office_name", "office_address", "office_phone"}


def test_bad_profile_names_the_fields_and_keeps_the_old_values(office):
    with pytest.raises(ValidationError) as err:
        save_profile(office["admin"], Profile("  ", "x" * 201, "12345"))
    assert set(err.value.errors) == {"office_name", "office_address", "office_phone"}
    assert "服务中心名称" in err.value.text()
    assert settings.get("office_name") == "阳光花园物业服务中心"


def test_only_an_administrator(office):
    with pytest.raises(PermissionDenied):
        save_profile(office["supervisor"], Profile("X物业"))
    assert AuditEntry.get(AuditEntry.action == "refused").staff_id == office["supervisor"].id


def test_logo_is_copied_into_the_data_folder(office, tmp_path):
    source = tmp_path / "logo.PNG"
    source.write_bytes(PNG)
    stored = set_logo(office["admin"], source)
    assert stored.parent == config.data_dir() and stored.read_bytes() == PNG
    assert settings.get("office_logo") == str(stored)
    source.unlink()  # the original may go away: the copy stays
    assert logo_path() == stored
    set_logo(office["admin"], None)
    assert logo_path() is None and stored.exists()  # nothing is deleted
    assert AuditEntry.select().where(AuditEntry.entity == "setting").count() == 2


def test_a_moved_data_folder_still_finds_the_logo(office, tmp_path, monkeypatch):
    source = tmp_path / "logo.png"
    source.write_bytes(PNG)
    stored = set_logo(office["admin"], source)
    moved = tmp_path / "moved"
    moved.mkdir()
    (moved / stored.name).write_bytes(PNG)
    stored.unlink()
    monkeypatch.setenv("PROPDESK_HOME", str(moved))
    assert logo_path() == moved / stored.name


@pytest.mark.parametrize("name,content", [("logo.gif", b"GIF89a"), ("logo.png", b"not a png"),
                                          ("missing.png", None)])
def test_bad_logo_is_refused(office, tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValidationError) as err:
        set_logo(office["admin"], path)
    assert list(err.value.errors) == ["office_logo"]
    assert settings.get("office_logo") is None
    assert not list(Path(config.data_dir()).glob("office_logo_*"))
