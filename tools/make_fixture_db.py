"""Make a small database of the current schema for the upgrade tests (tests/fixtures/db/).

    python tools/make_fixture_db.py                      # tests/fixtures/db/propdesk_v<N>.db
    python tools/make_fixture_db.py -o /tmp/x.db

Every table gets a few rows, made through the services (so the rows are what the program
really writes: numbers, deadlines, audit entries, callbacks, work rounds), with fixed dates.
Commit the file when the schema version changes, *before* the migration to the next version
is written: ``tests/test_migrations.py`` then upgrades every committed file and checks that no
row is lost. The file is checkpointed and switched out of WAL, so it is one self-contained file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

T = dt.datetime(2026, 11, 2, 9, 0)  # a Monday


def build(path: Path) -> None:
    from propdesk.models import init_db
    from propdesk.models.db import SCHEMA_VERSION
    from propdesk.models.enums import DayKind, Role
    from propdesk.models.tables import Building, Category, Estate, Owner, OwnerPhone, PriceItem, Unit
    from propdesk.services.core import accounts
    from propdesk.services.cases import callback_results
    from propdesk.services.cases import complaints
    from propdesk.services.setup import reference
    from propdesk.services.core import settings
    from propdesk.services.cases import workorders
    from propdesk.services.cases.callback_results import CallbackInput
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.services.cases.workorders import Completion, RepairInput

    accounts.SCRYPT_N = 2**4  # a fixture, not a real office: cheap hashes
    db = init_db(str(path))
    reference.seed_reference()
    settings.put("office_name", "测试物业服务中心")
    staff = {role: accounts.create_staff(None, role.value, name, role, "secret123")
             for role, name in [(Role.CLERK, "王芳"), (Role.SUPERVISOR, "李强"),
                                (Role.ADMIN, "赵敏"), (Role.TECHNICIAN, "陈师傅")]}
    clerk, boss, tech = staff[Role.CLERK], staff[Role.SUPERVISOR], staff[Role.TECHNICIAN]
    from propdesk.services.setup import calendar_admin

    admin = staff[Role.ADMIN]
    calendar_admin.set_days(admin, dt.date(2027, 1, 1), dt.date(2027, 1, 1), DayKind.HOLIDAY.value, "元旦")
    calendar_admin.set_days(admin, dt.date(2027, 2, 7), dt.date(2027, 2, 7), DayKind.WORKDAY.value, "春节调休")
    estate = Estate.create(name="阳光花园", address="深圳市南山区")
    units = []
    for b in ("1栋", "2栋"):
        building = Building.create(estate=estate, name=b)
        for room in ("101", "102"):
            units.append(Unit.create(building=building, entrance="1单元", room=room,
                                     label=f"{b}1单元{room}", floor=1, area=Decimal("89.50")))
    for i, (unit, name, phone) in enumerate(zip(units, ["张伟", "刘洋", "陈静", "杨帆"],
                                                 ["13800138000", "13912345678", "0755-26881234",
                                                  "13698765432"])):
        owner = Owner.create(unit=unit, name=name, initials="", role="owner" if i % 2 == 0 else "tenant")
        OwnerPhone.create(owner=owner, phone=phone, digits=phone.replace("-", ""))
    PriceItem.create(name="更换水龙头", unit_name="个", price=Decimal("50.00"))
    category = Category.select().first()

    def complaint(i: int, text: str, severity: str = "minor"):
        return complaints.create(clerk, ComplaintInput(
            received_at=T + dt.timedelta(hours=i), phone="13800138000", complainant="张伟",
            unit=units[0].label, description=text, category_id=category.id, severity=severity,
            location="地下车库", customer_request="尽快处理"), at=T + dt.timedelta(hours=i))

    open_case = complaint(0, "车库漏水，车顶有水渍", "important")
    complaints.record_reply(clerk, open_case.id, T + dt.timedelta(minutes=30), "phone", "已安排查看",
                            at=T + dt.timedelta(minutes=30))
    closed = complaint(1, "电梯按钮失灵")
    complaints.record_reply(clerk, closed.id, T + dt.timedelta(hours=1, minutes=20), "phone",
                            at=T + dt.timedelta(hours=1, minutes=20))
    complaints.record_handling(clerk, closed.id, cause="按钮老化", action="更换按钮", result="已修复",
                               customer_opinion="满意", signature_received=True)
    complaints.close(clerk, closed.id, "已办结", at=T + dt.timedelta(hours=5))
    voided = complaint(2, "重复录入")
    complaints.void(boss, voided.id, "录入错误")

    repair = workorders.create(clerk, RepairInput(
        received_at=T + dt.timedelta(hours=3), phone="13912345678", contact_name="刘洋",
        unit=units[1].label, description="厨房水龙头漏水", paid=True), at=T + dt.timedelta(hours=3))
    workorders.assign(clerk, repair.id, tech.id, T + dt.timedelta(hours=4), at=T + dt.timedelta(hours=3, minutes=10))
    workorders.complete(tech, repair.id, Completion(
        arrived_at=T + dt.timedelta(hours=4), finished_at=T + dt.timedelta(hours=4, minutes=40),
        result="更换水龙头", materials="水龙头 1 个", price_item_id=PriceItem.select().first().id,
        quantity="1", slip_returned=True), at=T + dt.timedelta(hours=5))
    workorders.check(boss, repair.id, "回执已收", at=T + dt.timedelta(hours=6))
    if hasattr(workorders, "charges"):  # issue 18: fee lines, repair categories and payments
        from propdesk.services.fees import payments

        payments.pay_cash(clerk, repair.id, "A0000001", at=T + dt.timedelta(hours=6))
    follow_up = workorders.from_complaint(clerk, open_case.id, "检查车库顶板渗水", None,
                                          at=T + dt.timedelta(hours=1))

    # schema 2: further calls, holds and incidents
    from propdesk.services.cases import holds, incidents, related

    related.add_contact(clerk, open_case.id, "张伟", "13800138000", "再次来电催促",
                        at=T + dt.timedelta(hours=2))
    holds.start(clerk, "work_order", follow_up.id, "parts", "等配件", at=T + dt.timedelta(hours=2))
    holds.end(clerk, "work_order", follow_up.id, at=T + dt.timedelta(hours=7))
    incident = incidents.declare(clerk, "water", "2栋停水", estate_id=estate.id,
                                 building_ids=[units[2].building_id], at=T + dt.timedelta(hours=2))
    incidents.attach(clerk, incident.id, "陈静", "0755-26881234", unit=units[2].label, note="家里没水",
                     at=T + dt.timedelta(hours=2, minutes=10))
    incidents.close(clerk, incident.id, "已恢复供水", at=T + dt.timedelta(hours=8))

    from propdesk.models.tables import Callback

    first = Callback.select().order_by(Callback.id).first()
    callback_results.record(clerk, first.id, CallbackInput(
        method="phone", reached=True, satisfaction="satisfied", owner_words="很满意",
        at=T + dt.timedelta(days=1)))
    if db.table_exists("callback_early"):  # schema 13: a callback due before its case's day, as
        # another program may write it (PropDesk only ever moves one later): the table's one row
        # (and callback_odd's, schema 15: due before its own number's day)
        last = Callback.select().order_by(Callback.id.desc()).first()
        Callback.update(due_date=dt.date(2026, 10, 30)).where(Callback.id == last.id).execute()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute_sql("PRAGMA journal_mode=DELETE")
    db.close()
    con = sqlite3.connect(path)
    version = con.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0]
    con.execute("VACUUM")
    con.close()
    assert int(version) == SCHEMA_VERSION


def main(argv: list[str] | None = None) -> int:
    from propdesk.models.db import SCHEMA_VERSION

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-o", "--output", type=Path,
                   default=ROOT / "tests" / "fixtures" / "db" / f"propdesk_v{SCHEMA_VERSION}.db")
    args = p.parse_args(argv)
    os.environ.setdefault("PROPDESK_HOME", tempfile.mkdtemp(prefix="propdesk-fixture-"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_suffix(".tmp")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    build(tmp)
    os.replace(tmp, args.output)
    con = sqlite3.connect(args.output)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%_fts_%' ORDER BY name")]
    for table in tables:
        print(f"{table:20s} {con.execute(f'SELECT count(*) FROM {table}').fetchone()[0]:4d}")
    con.close()
    print(f"written {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
