"""A technician's own jobs, enforced by the services (not only by the window)."""
import datetime as dt

import pytest

from propdesk.errors import PermissionDenied
from propdesk.models.enums import Role
from propdesk.models.tables import AuditEntry
from propdesk.services.core import accounts
from propdesk.services.cases import my_jobs, workorders
from propdesk.services.cases.workorders import Completion, RepairInput

NOW = dt.datetime.now().replace(second=0, microsecond=0)


def repair(office, tech=None, when=None, **kw):
    values = dict(received_at=NOW - dt.timedelta(hours=1), phone="13800138000", contact_name="张伟",
                  unit="3栋2单元1201", description="厨房水龙头漏水")
    values.update(kw)
    wo = workorders.create(office["clerk"], RepairInput(**values), at=NOW)
    if tech is not None:
        workorders.assign(office["clerk"], wo.id, tech.id, when or NOW + dt.timedelta(hours=1), at=NOW)
    return wo


@pytest.fixture
def other_tech(office):
    return accounts.create_staff(None, "tech2", "周师傅", Role.TECHNICIAN, "secret123")


def test_a_technician_sees_only_their_own_jobs_with_address_and_phone(office, other_tech):
    mine = repair(office, office["technician"])
    theirs = repair(office, other_tech, phone="13912345678", contact_name="刘洋")
    repair(office)  # not assigned to anyone
    jobs = my_jobs.jobs(office["technician"])
    assert [j.number for j in jobs] == [mine.number]
    job = jobs[0]
    assert job.address == "3栋2单元1201" and job.contact_phone == "13800138000"
    assert job.contact_name == "张伟" and job.scheduled_at == NOW + dt.timedelta(hours=1)
    with pytest.raises(PermissionDenied):
        my_jobs.job(office["technician"], theirs.id)
    assert AuditEntry.select().where((AuditEntry.action == "refused") & (AuditEntry.entity_id == theirs.id)).exists()


def test_a_technician_records_only_their_own_jobs(office, other_tech):
    theirs = repair(office, other_tech)
    tech = office["technician"]
    with pytest.raises(PermissionDenied):
        workorders.start(tech, theirs.id, NOW)
    with pytest.raises(PermissionDenied):
        workorders.complete(tech, theirs.id, Completion(arrived_at=NOW, finished_at=NOW, result="x"))
    assert workorders.get(theirs.id).status == "assigned"
    mine = repair(office, tech)
    workorders.start(tech, mine.id, NOW)
    workorders.complete(tech, mine.id, Completion(arrived_at=NOW, finished_at=NOW, result="换阀芯",
                                                  materials="阀芯1个", slip_returned=False))
    assert [j.needs_slip for j in my_jobs.jobs(tech)] == [True]  # stays on the list until the slip is back
    workorders.confirm_slip(tech, mine.id)
    assert my_jobs.jobs(tech, (NOW + dt.timedelta(days=2)).date()) == []


def test_my_jobs_is_for_technicians_only(office):
    with pytest.raises(PermissionDenied):
        my_jobs.jobs(office["clerk"])
    assert not accounts.can(office["technician"], "records.read")
    assert not accounts.can(office["technician"], "complaint.create")


def test_a_job_address_names_its_estate_and_keeps_unit_and_place_apart(office):
    """QA: a public-area job showed 5幢11楼楼道 without its estate in an office of two estates,
    and a unit job ran unit and place together (阳光花园 11栋2单元1001 11栋消防通道)."""
    from propdesk.models.tables import Building, Estate, Owner, OwnerPhone, Unit

    cui = Estate.create(name="翠湖苑")
    unit = Unit.create(building=Building.create(estate=cui, name="5幢"), entrance="2单元", room="802",
                       label="5幢2单元802")
    caller = Owner.create(unit=unit, name="方红")
    OwnerPhone.create(owner=caller, phone="13800000001", digits="13800000001")
    tech = office["technician"]
    public = repair(office, tech, phone="13800000001", contact_name="方红", unit="",
                    owner_id=caller.id, location="5幢11楼楼道", description="楼道灯不亮")
    at_home = repair(office, tech, location="3栋消防通道", description="消防通道门坏")
    inside = repair(office, tech, location="3栋2单元1201卫生间")
    shown = {j.id: j.address for j in my_jobs.jobs(tech)}
    assert shown[public.id] == "翠湖苑 5幢11楼楼道"
    assert shown[at_home.id] == "阳光花园 3栋2单元1201，3栋消防通道"
    assert shown[inside.id] == "阳光花园 3栋2单元1201卫生间"
