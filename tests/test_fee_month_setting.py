"""The cashier's month is the office's: its cut-off day (25 by default) and the day the dashboard
starts reminding (20) are set in Office setup → Deadlines, checked (1–28, the reminder not after the
cut-off), audited, and used by every reader: the month of a payment, the summary's period and
default month, the reminder and the dialog's wording. A fee already recorded keeps its month."""
import datetime as dt
from decimal import Decimal

import pytest

from propdesk.errors import PermissionDenied, ValidationError
from propdesk.models.tables import AuditChange, AuditEntry, Payment, PriceItem
from propdesk.services.core import settings
from propdesk.services.fees import months, payments, summary
from propdesk.services.fees.charges import LineInput
from propdesk.services.lists import dashboard
from propdesk.services.setup import office as setup
from tests.test_fee_ledger import D, job


def set_days(actor, cutoff, remind):
    d = setup.current_deadlines()
    d.fee_cutoff_day, d.fee_remind_day = cutoff, remind
    return setup.save_deadlines(actor, d)


def test_defaults_are_the_procedure(office):
    d = setup.current_deadlines()
    assert (d.fee_cutoff_day, d.fee_remind_day) == (25, 20)
    assert months.period("2026-11") == (dt.date(2026, 10, 26), dt.date(2026, 11, 25))


def test_changed_days_move_the_month_the_period_and_the_reminder(office):
    changes = set_days(office["admin"], 20, 15)
    assert changes == {"fee_cutoff_day": (25, 20), "fee_remind_day": (20, 15)}
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.staff_id == office["admin"].id and entry.entity == "setting"
    assert {(c.field, c.old, c.new) for c in AuditChange.select().where(AuditChange.entry == entry)} \
        >= {("fee_cutoff_day", "25", "20"), ("fee_remind_day", "20", "15")}
    assert months.month_of(dt.date(2026, 11, 20)) == "2026-11"
    assert months.month_of(dt.date(2026, 11, 21)) == "2026-12"
    assert months.period("2026-11") == (dt.date(2026, 10, 21), dt.date(2026, 11, 20))
    assert months.period("2026-01") == (dt.date(2025, 12, 21), dt.date(2026, 1, 20))
    assert months.reminder(dt.date(2026, 11, 14)) is None
    assert months.reminder(dt.date(2026, 11, 15)) == "2026-11"
    assert months.reminder(dt.date(2026, 11, 23)) == "2026-11"  # after the cut-off, until produced
    assert dashboard.fee_summary_owed(dt.date(2026, 11, 16)) == ("2026-11", dt.date(2026, 11, 20))
    s = summary.summary("2026-11")
    assert (s.start, s.end) == (dt.date(2026, 10, 21), dt.date(2026, 11, 20))


def test_a_recorded_fee_keeps_its_month(office):
    drain = PriceItem.create(name="疏通下水道", unit_name="次", price=Decimal("80.00"))
    a = job(office, D(2026, 11, 22, 9, 0), lines=[LineInput(kind="item", price_item_id=drain.id)])
    payments.pay_cash(office["clerk"], a.id, "B0001", at=D(2026, 11, 22, 10, 0))
    set_days(office["admin"], 20, 15)
    b = job(office, D(2026, 11, 23, 9, 0), lines=[LineInput(kind="item", price_item_id=drain.id)])
    payments.pay_cash(office["clerk"], b.id, "B0002", at=D(2026, 11, 23, 10, 0))
    assert [p.fee_month for p in Payment.select().order_by(Payment.id)] == ["2026-11", "2026-12"]
    assert summary.summary("2026-11").cash_total == Decimal("80.00")


@pytest.mark.parametrize("cutoff, remind, field", [
    (29, 20, "fee_cutoff_day"), (0, 20, "fee_cutoff_day"), (25, 0, "fee_remind_day"),
    (25, 29, "fee_remind_day"), (20, 21, "fee_remind_day"),  # reminding after the cut-off
])
def test_bad_days_are_named_and_nothing_is_saved(office, cutoff, remind, field):
    with pytest.raises(ValidationError) as err:
        set_days(office["admin"], cutoff, remind)
    assert field in err.value.errors
    assert settings.get("fee_cutoff_day") is None and settings.get("fee_remind_day") is None
    assert months.cutoff_day() == 25


def test_only_an_administrator_changes_them(office):
    with pytest.raises(PermissionDenied):
        set_days(office["supervisor"], 20, 15)
    assert months.cutoff_day() == 25


def test_a_damaged_stored_value_falls_back_to_the_default(office):
    settings.put("fee_cutoff_day", "31")
    settings.put("fee_remind_day", "x")
    assert (months.cutoff_day(), months.remind_day()) == (25, 20)
