"""Each test gets a fresh database with the reference lists and one account per role."""
from __future__ import annotations

import datetime as dt
import os

import pytest

import pg_server as pg_support  # tests/ is on sys.path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from propdesk import i18n
from propdesk.models import init_db
from propdesk.models.enums import Role
from propdesk.models.tables import Building, Estate, Owner, OwnerPhone, Unit
from propdesk.services.core import accounts
from propdesk.services.core import calendar
from propdesk.services.core import file_check
from propdesk.services.setup import reference
from propdesk.services.register.owners import initials, unit_label


def pytest_addoption(parser):
    parser.addoption("--onscreen", action="store_true", help="show Qt windows (needs a display)")
    # The whole suite on PostgreSQL (tests/pg_server.py): a server URL without a database name.
    parser.addoption("--db-url", default=os.environ.get(pg_support.ENV, ""),
                     help="run every test on this PostgreSQL server (env PROPDESK_TEST_DB_URL)")


def pytest_configure(config):
    if config.getoption("--onscreen", default=False):
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    config.addinivalue_line(
        "markers", "sqlite_only(reason): needs SQLite itself (its file, locks or FTS5); "
                   "skipped when the suite runs on PostgreSQL")
    config.addinivalue_line("markers", "postgres_only: needs a PostgreSQL server (--db-url)")
    config.addinivalue_line("markers", "demo_office(n_complaints, seed): the size and seed of the "
                                       "demo_office fixture's office")


def pytest_collection_modifyitems(config, items):
    on_pg = bool(config.getoption("--db-url"))
    for item in items:
        mark = item.get_closest_marker("sqlite_only")
        if on_pg and mark:
            reason = mark.kwargs.get("reason") or (mark.args[0] if mark.args else "SQLite only")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        if not on_pg and item.get_closest_marker("postgres_only"):
            item.add_marker(pytest.mark.skip(reason="needs --db-url (a PostgreSQL server)"))


@pytest.fixture(scope="session")
def pg_server(pytestconfig):
    url = pytestconfig.getoption("--db-url")
    if not url:
        yield None
        return
    server = pg_support.TestServer(url)
    yield server
    server.close()


@pytest.fixture
def db_location(pg_server, tmp_path):
    """Where this test's database is: a SQLite file, or a fresh PostgreSQL database's URL."""
    if pg_server is None:
        yield str(tmp_path / "test.db")
        return
    from propdesk.models import database

    url = pg_server.fresh()
    yield url
    if database.obj is not None:
        database.obj.close()
    pg_server.drop(url)


@pytest.fixture(autouse=True)
def fresh_db(db_location, tmp_path, monkeypatch):
    monkeypatch.setenv("PROPDESK_HOME", str(tmp_path / "home"))
    db = init_db(db_location)
    calendar.invalidate_cache()
    i18n.set_language("zh_CN")
    yield db
    db.close()
    calendar.invalidate_cache()
    file_check.reset()  # a test that left a file check due or found damage leaves no trace


# scrypt at full cost (accounts.PRODUCTION_SCRYPT, N=2^17: ~0.5 s and 128 MiB a hash) is slow on
# purpose; tests make and check accounts with a cheap N instead. The hook: this fixture. The
# production parameters and the upgrade of old hashes are proven at full cost by
# tests/test_passwords.py::test_production_parameters_are_owasp_and_old_hashes_are_upgraded.
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


DEMO_TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo_office(request, fresh_db):
    """The demo office (propdesk.demo.office) as on DEMO_TODAY, of the size and seed the test's
    or its module's ``demo_office(n_complaints=N, seed=S)`` marker says. The lists' cached SQL
    (services.lists: built once per filter, with plan choices made on the data) is cleared
    before and after, so no test reads another's."""
    from propdesk.demo import office as demo
    from propdesk.services.lists import callback_search, search, workorder_search

    mark = request.node.get_closest_marker("demo_office")
    if mark is None:
        raise pytest.UsageError("demo_office needs a demo_office(n_complaints=..., seed=...) marker")
    lists = (search, workorder_search, callback_search)
    for module in lists:
        module.LISTING.clear_cache()
    demo.create_demo_office(today=DEMO_TODAY, **mark.kwargs)
    yield fresh_db
    for module in lists:
        module.LISTING.clear_cache()


@pytest.fixture
def fixed_now():
    return dt.datetime(2026, 11, 24, 10, 0)
