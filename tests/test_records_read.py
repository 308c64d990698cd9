"""records.read: every list, search, count and panel of the desk's records checks who reads,
in the services (accounts.require_reader), for every role."""
import datetime as dt

import pytest

from propdesk.errors import PermissionDenied
from propdesk.models.enums import Role
from propdesk.models.tables import AuditEntry
from propdesk.services.cases import callbacks, incidents, related
from propdesk.services.register import address, owners
from propdesk.services.lists import callback_search, dashboard, search, workorder_search
from propdesk.services.lists.callback_search import CallbackFilter
from propdesk.services.lists.search import ComplaintFilter
from propdesk.services.lists.workorder_search import WorkOrderFilter

READS = {
    "complaint list": lambda who: search.page(ComplaintFilter(), reader=who),
    "complaint count": lambda who: search.count(ComplaintFilter(), reader=who),
    "work-order list": lambda who: workorder_search.page(WorkOrderFilter(), reader=who),
    "work-order count": lambda who: workorder_search.count(WorkOrderFilter(), reader=who),
    "callback list": lambda who: callback_search.page(CallbackFilter(), reader=who),
    "callback count": lambda who: callback_search.count(CallbackFilter(), reader=who),
    "dashboard": lambda who: dashboard.counts(reader=who),
    "related cases": lambda who: related.recent_cases(phone="13800138000", reader=who),
    "unit's open work orders": lambda who: related.open_work_orders(1, reader=who),
    "incident list": lambda who: incidents.listing(reader=who),
    "incident callers": lambda who: incidents.contacts(1, reader=who),
    "intake phone look-up": lambda who: owners.lookup_phone("138", reader=who),
    "unit's owners": lambda who: owners.contacts_of_unit(1, reader=who),
    "intake unit meant": lambda who: address.units_meant("3栋2单元1201", reader=who),
    "intake unit completer": lambda who: address.suggestions("3栋", reader=who),
    "overdue callbacks": lambda who: callbacks.overdue_count(reader=who),
    "callbacks of the week": lambda who: callbacks.week_counts(dt.date(2026, 11, 30), reader=who),
}


@pytest.mark.parametrize("what", sorted(READS))
@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR, Role.ADMIN])
def test_the_desk_roles_read_the_lists(office, role, what):
    READS[what](office["staff"][role])  # no refusal


@pytest.mark.parametrize("what", sorted(READS))
def test_a_technician_is_refused_every_list_and_it_is_audited(office, what):
    tech = office["technician"]
    before = AuditEntry.select().where((AuditEntry.action == "refused") & (AuditEntry.staff == tech.id)).count()
    with pytest.raises(PermissionDenied):
        READS[what](tech)
    after = AuditEntry.select().where((AuditEntry.action == "refused") & (AuditEntry.staff == tech.id)).count()
    assert after == before + 1


@pytest.mark.parametrize("what", sorted(READS))
def test_nobody_and_a_deactivated_clerk_are_refused(office, what):
    with pytest.raises(PermissionDenied):
        READS[what](None)
    clerk = office["clerk"]
    clerk.active = False
    clerk.save()
    with pytest.raises(PermissionDenied):
        READS[what](clerk)


# --- one record: the case view, one work order's detail and timeline ---------------------------

def _records(office):
    """A complaint, a work order assigned to the office's technician and one assigned to another."""
    import datetime as dt

    from propdesk.models.tables import Category
    from propdesk.services.cases import complaints, workorders
    from propdesk.services.cases.complaints import ComplaintInput
    from propdesk.services.cases.workorders import RepairInput
    from propdesk.services.core import accounts

    case = complaints.create(office["clerk"], ComplaintInput(
        channel="phone", phone="13800138000", complainant="张伟", unit="3栋2单元1201",
        description="楼上漏水", category_id=Category.select().first().id, severity="minor"))
    other = accounts.create_staff(office["admin"], "weixiu2", "李师傅", Role.TECHNICIAN, "weixiu2-pass-9")
    orders = {}
    for key, tech in (("own", office["technician"]), ("other", other)):
        wo = workorders.create(office["clerk"], RepairInput(
            phone="13800138000", contact_name="张伟", unit="3栋2单元1201", description="水龙头漏水"))
        workorders.assign(office["clerk"], wo.id, tech.id, dt.datetime.now().replace(microsecond=0))
        orders[key] = wo
    orders["callback"] = callbacks.schedule_for_complaint(office["clerk"], case, dt.datetime.now())
    return case, orders


def _one_reads():
    from propdesk.services.cases import complaints, my_jobs, workorders

    return {
        "case": lambda who, case, orders: complaints.read(case.id, reader=who),
        "case timeline": lambda who, case, orders: complaints.timeline(case.id, reader=who),
        "case's work orders": lambda who, case, orders: workorders.of_complaint(case.id, reader=who),
        "work order": lambda who, case, orders: workorders.read(orders["other"].id, reader=who),
        "work-order timeline": lambda who, case, orders: workorders.timeline(orders["other"].id, reader=who),
        "technician's job": lambda who, case, orders: my_jobs.job(who, orders["other"].id),
        "callback": lambda who, case, orders: callbacks.get(orders["callback"].id, reader=who),
        "callback timeline": lambda who, case, orders: callbacks.timeline(orders["callback"].id, reader=who),
        "case's handling rounds": lambda who, case, orders: complaints.handling_rounds(case.id, reader=who),
        "work-order rounds": lambda who, case, orders: workorders.rounds(orders["other"].id, reader=who),
    }


ONE = ["case", "case timeline", "case's work orders", "work order", "work-order timeline", "technician's job", "callback",
       "callback timeline", "case's handling rounds", "work-order rounds"]


def _refusals(who) -> int:
    return AuditEntry.select().where((AuditEntry.action == "refused")
                                     & (AuditEntry.staff == (who.id if who else None))).count() \
        if who else AuditEntry.select().where((AuditEntry.action == "refused")
                                              & AuditEntry.staff.is_null()).count()


@pytest.mark.parametrize("what", ONE)
@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR, Role.ADMIN])
def test_the_desk_roles_read_one_record(office, role, what):
    case, orders = _records(office)
    assert _one_reads()[what](office["staff"][role], case, orders) is not None  # no refusal


@pytest.mark.parametrize("what", ONE)
def test_a_technician_is_refused_a_complaint_and_anothers_order_audited(office, what):
    case, orders = _records(office)
    tech = office["technician"]
    before = _refusals(tech)
    with pytest.raises(PermissionDenied):
        _one_reads()[what](tech, case, orders)
    assert _refusals(tech) == before + 1


def test_a_technician_reads_their_own_order_and_its_timeline(office):
    from propdesk.services.cases import my_jobs, workorders

    _case, orders = _records(office)
    tech, own = office["technician"], orders["own"]
    assert workorders.read(own.id, reader=tech).number == own.number
    assert [e["action"] for e in workorders.timeline(own.id, reader=tech)][:2] == ["create", "assign"]
    assert my_jobs.job(tech, own.id).number == own.number


@pytest.mark.parametrize("what", ONE)
def test_nobody_and_deactivated_accounts_are_refused_one_record(office, what):
    case, orders = _records(office)
    before = _refusals(None)
    with pytest.raises(PermissionDenied):
        _one_reads()[what](None, case, orders)
    assert _refusals(None) == before + 1
    for who in (office["clerk"], office["technician"]):
        who.active = False
        who.save()
        before = _refusals(who)
        with pytest.raises(PermissionDenied):
            _one_reads()[what](who, case, orders)
        assert _refusals(who) == before + 1
    # and the technician's own order too, once the account is closed
    from propdesk.services.cases import workorders
    with pytest.raises(PermissionDenied):
        workorders.read(orders["own"].id, reader=office["technician"])


# --- one incident: the incident tab's selection --------------------------------------------------

@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR, Role.ADMIN])
def test_the_desk_roles_read_one_incident(office, role):
    incident = incidents.declare(office["clerk"], "water", "3栋停水")
    assert incidents.read(incident.id, reader=office["staff"][role]).title == "3栋停水"


def test_a_technician_nobody_and_a_deactivated_clerk_read_no_incident(office):
    incident = incidents.declare(office["clerk"], "water", "3栋停水")
    tech = office["technician"]
    with pytest.raises(PermissionDenied):
        incidents.read(incident.id, reader=tech)
    assert AuditEntry.select().where((AuditEntry.action == "refused") & (AuditEntry.staff == tech.id)
                                     & (AuditEntry.entity == "incident")).count() == 1
    with pytest.raises(PermissionDenied):
        incidents.read(incident.id, reader=None)
    clerk = office["clerk"]
    clerk.active = False
    clerk.save()
    with pytest.raises(PermissionDenied):
        incidents.read(incident.id, reader=clerk)
