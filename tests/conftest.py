"""Each test gets a fresh database with the reference lists and one account per role."""
from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from propdesk import i18n
from propdesk.models import init_db
from propdesk.models.enums import Role
from propdesk.models.tables import Building, Estate, Owner, OwnerPhone, Unit
from propdesk.services.core import accounts
from propdesk.services.core import calendar
from propdesk.services.setup import reference
from propdesk.services.register.owners import initials, unit_label


def pytest_addoption(parser):
    parser.addoption("--onscreen", action="store_true", help="show Qt windows (needs a display)")


def pytest_configure(config):
    if config.getoption("--onscreen", default=False):
        os.environ["QT_QPA_PLATFORM"] = "xcb"


@pytest.fixture(autouse=True)
def fresh_db(tmp_path, monkeypatch):
    monkeypatch.setenv("PROPDESK_HOME", str(tmp_path / "home"))
    db = init_db(str(tmp_path / "test.db"))
    calendar.invalidate_cache()
    i18n.set_language("zh_CN")
    yield db
    db.close()
    calendar.invalidate_cache()


# scrypt at full cost is slow on purpose; tests make accounts with a cheap one.
@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**4)


@pytest.fixture
def office(fresh_db):
    """Reference lists, staff for every role, one estate with two buildings and owners."""
    from propdesk.services.core import settings

    reference.seed_reference()
    settings.put("office_name", "阳光花园物业服务中心")
    staff = {
        role: accounts.create_staff(None, role.value, name, role, "secret123")
        for role, name in [(Role.CLERK, "王芳"), (Role.SUPERVISOR, "李强"),
                           (Role.ADMIN, "赵敏"), (Role.TECHNICIAN, "陈师傅")]
    }
    estate = Estate.create(name="阳光花园")
    units = {}
    for b in ("3栋", "5栋"):
        building = Building.create(estate=estate, name=b)
        for entrance in ("1单元", "2单元"):
            for room in ("1201", "1202", "301"):
                u = Unit.create(building=building, entrance=entrance, room=room,
                                label=unit_label(b, entrance, room))
                units[u.label] = u
    owner = Owner.create(unit=units["3栋2单元1201"], name="张伟", initials=initials("张伟"))
    OwnerPhone.create(owner=owner, phone="138 0013 8000", digits="13800138000")
    OwnerPhone.create(owner=owner, phone="0755-26881234", digits="075526881234")
    tenant = Owner.create(unit=units["3栋2单元1201"], name="刘洋", role="tenant", initials="ly")
    OwnerPhone.create(owner=tenant, phone="13912345678", digits="13912345678")
    return {"staff": staff, "clerk": staff[Role.CLERK], "supervisor": staff[Role.SUPERVISOR],
            "admin": staff[Role.ADMIN], "technician": staff[Role.TECHNICIAN], "units": units,
            "owner": owner}


@pytest.fixture
def fixed_now():
    return dt.datetime(2026, 11, 24, 10, 0)
