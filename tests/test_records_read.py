"""records.read: every list, search, count and panel of the desk's records checks who reads,
in the services (accounts.require_reader), for every role."""
import pytest

from propdesk.errors import PermissionDenied
from propdesk.models.enums import Role
from propdesk.models.tables import AuditEntry
from propdesk.services.cases import incidents, related
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
