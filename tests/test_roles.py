"""Roles are enforced in the services, every refusal is audited, five wrong passwords lock an
account for a while, and the audit log can be read (filtered, paged, exported) by supervisors
and administrators only."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from propdesk.errors import PermissionDenied, RuleError, ValidationError
from propdesk.models import database
from propdesk.models.enums import Role
from propdesk.models.tables import AuditChange, AuditEntry, Category, Complaint, Staff, WorkOrder
from propdesk.services.core import accounts
from propdesk.services.core import audit_log
from propdesk.services.core import backup
from propdesk.services.cases import complaints
from propdesk.services.core import settings
from propdesk.services.cases import workorders
from propdesk.services.core.audit_log import AuditFilter
from propdesk.services.cases.complaints import ComplaintInput
from propdesk.services.cases.workorders import Completion, RepairInput

NOW = dt.datetime.now().replace(second=0, microsecond=0)


def _complaint(office, text="楼道灯不亮", at=None):
    at = at or NOW
    return complaints.create(office["clerk"], ComplaintInput(
        received_at=at, phone="13800138000", complainant="张伟", description=text,
        category_id=Category.select().first().id, severity="minor"), at=at)


def _done_order(office) -> WorkOrder:
    wo = workorders.create(office["clerk"], RepairInput(phone="13912345678", contact_name="刘洋",
                                                        description="水龙头漏水"))
    workorders.assign(office["clerk"], wo.id, office["technician"].id)
    return workorders.complete(office["technician"], wo.id, Completion(
        arrived_at=NOW - dt.timedelta(hours=1), finished_at=NOW, result="已更换", slip_returned=True))


def _refusals():
    return list(AuditEntry.select().where(AuditEntry.action == "refused").order_by(AuditEntry.id))


# --- what a clerk may not do --------------------------------------------------------------------

def test_clerk_cannot_void(office):
    c = _complaint(office)
    with pytest.raises(PermissionDenied) as err:
        complaints.void(office["clerk"], c.id, "录错了")
    assert "作废" in err.value.text() and "客服" in err.value.text()
    assert Complaint.get_by_id(c.id).status == "received"
    [refusal] = _refusals()
    assert (refusal.staff_id, refusal.entity, refusal.entity_id, refusal.note) == \
        (office["clerk"].id, "complaint", c.id, "complaint.void")
    complaints.void(office["supervisor"], c.id, "录错了")  # a supervisor may
    assert Complaint.get_by_id(c.id).status == "voided"


def test_clerk_cannot_sign_off_a_work_order(office):
    wo = _done_order(office)
    with pytest.raises(PermissionDenied):
        workorders.check(office["clerk"], wo.id)
    with pytest.raises(PermissionDenied):
        workorders.check(office["technician"], wo.id)
    assert WorkOrder.get_by_id(wo.id).status == "done"
    assert [(r.staff_id, r.note) for r in _refusals()] == [
        (office["clerk"].id, "workorder.check"), (office["technician"].id, "workorder.check")]
    workorders.check(office["supervisor"], wo.id)
    assert WorkOrder.get_by_id(wo.id).status == "checked"


@pytest.mark.sqlite_only(reason="restores a SQLite backup file")
def test_clerk_cannot_restore(office, tmp_path):
    copy = backup.backup_now(tmp_path / "copy.db")
    with pytest.raises(PermissionDenied):
        backup.restore(office["clerk"], copy)
    assert [(r.staff_id, r.note) for r in _refusals()] == [(office["clerk"].id, "backup.restore")]


@pytest.mark.parametrize("who", ["clerk", "supervisor", "technician"])
def test_only_an_administrator_changes_settings(office, who):
    with pytest.raises(PermissionDenied) as err:
        settings.change(office[who], "backup_keep", "30")
    assert "修改设置" in err.value.text()
    assert settings.get("backup_keep") == "14"
    [refusal] = _refusals()
    assert (refusal.staff_id, refusal.entity, refusal.note) == (office[who].id, "setting", "settings.edit")


def test_an_administrator_changes_a_setting_and_it_is_audited(office):
    assert settings.change(office["admin"], "backup_keep", 30) == "30"
    assert settings.get("backup_keep") == "30"
    entry = AuditEntry.get((AuditEntry.entity == "setting") & (AuditEntry.action == "change"))
    assert entry.staff_id == office["admin"].id and entry.note == "backup_keep"
    change = AuditChange.get(AuditChange.entry == entry)
    assert (change.field, change.old, change.new) == ("backup_keep", "14", "30")
    assert settings.change(office["admin"], "mask_phones_in_exports", True) == "1"


@pytest.mark.parametrize("key, value, words", [
    ("backup_keep", "abc", "整数"),
    ("backup_keep", "0", "1 到 365"),
    ("mask_phones_in_exports", "maybe", "1（是）或 0（否）"),
    ("language", "fr", "请从列表中选择"),
    ("Bad Key!", "1", "不是 PropDesk 的设置项"),
    ("schema_version", "9", "不是 PropDesk 的设置项"),
])
def test_bad_setting_values_are_refused_by_name(office, key, value, words):
    before = AuditEntry.select().count()
    with pytest.raises(ValidationError) as err:
        settings.change(office["admin"], key, value)
    assert words in err.value.text()
    assert ("设置值" in err.value.text()) or ("设置项" in err.value.text())
    assert AuditEntry.select().count() == before


def test_every_refusal_of_every_permission_is_audited(office):
    expected = []
    for permission, roles in accounts.PERMISSIONS.items():
        for role in Role:
            actor = office["staff"][role]
            if role.value in roles:
                accounts.require(actor, permission)  # allowed: nothing raised, nothing written
                continue
            with pytest.raises(PermissionDenied):
                accounts.require(actor, permission, "complaint", 7)
            expected.append((actor.id, permission))
    assert [(r.staff_id, r.note) for r in _refusals()] == expected
    assert all(r.entity == "complaint" and r.entity_id == 7 for r in _refusals())
    with pytest.raises(PermissionDenied):
        accounts.require(None, "complaint.create")  # nobody signed in
    assert _refusals()[-1].staff_id is None


def test_a_refusal_inside_a_larger_call_is_still_recorded(office):
    """require() runs before the service's transaction: the refusal is not rolled back."""
    c = _complaint(office)
    with pytest.raises(PermissionDenied):
        complaints.void(office["technician"], c.id, "x")
    with database.atomic() as txn:  # even when the caller's own transaction is rolled back later
        with pytest.raises(PermissionDenied):
            complaints.void(office["clerk"], c.id, "x")
        txn.rollback()
    assert len(_refusals()) == 1  # the first stands; the second went with its caller's rollback


# --- sign-in ------------------------------------------------------------------------------------

def test_wrong_passwords_make_the_next_try_wait_longer_and_longer(office):
    """Growing waits instead of a hard lock: 5 wrong passwords cost nothing, then 1, 2, 4 ...
    seconds, capped at a minute; tries during a wait are refused (told how long, in Chinese),
    audited, and do not make the wait longer."""
    t = dt.datetime(2026, 11, 24, 9, 0)
    for i in range(accounts.FREE_ATTEMPTS - 1):
        with pytest.raises(RuleError) as err:
            accounts.authenticate("clerk", "wrong", at=t + dt.timedelta(seconds=i))
        assert "用户名或密码不正确" in err.value.text()
    staff = Staff.get(Staff.username == "clerk")
    assert staff.locked_until is None
    waits = []
    at = t + dt.timedelta(seconds=10)
    for _ in range(10):  # the 5th ... 14th wrong password, each tried as soon as allowed
        with pytest.raises(RuleError) as err:
            accounts.authenticate("clerk", "wrong", at=at)
        assert "用户名或密码不正确" in err.value.text()
        until = Staff.get_by_id(staff.id).locked_until
        waits.append(int((until - at).total_seconds()))
        at = until
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]
    # during the wait even the right password is refused, with the seconds left, and audited
    for _ in range(3):
        with pytest.raises(RuleError) as err:
            accounts.authenticate("clerk", "secret123", at=at - dt.timedelta(seconds=25))
        assert "请等待 25 秒后再试" in err.value.text() and err.value.field == "password"
    assert Staff.get_by_id(staff.id).locked_until == at  # typing on does not lengthen it
    waited = AuditEntry.select().where((AuditEntry.action == "login_wait") &
                                       (AuditEntry.staff == staff)).count()
    assert waited == 3
    failed = AuditEntry.select().where((AuditEntry.action == "login_failed") &
                                       (AuditEntry.staff == staff)).count()
    assert failed == accounts.FREE_ATTEMPTS - 1 + 10
    # a minute at most: then the right password works and the count starts again
    assert accounts.authenticate("clerk", "secret123", at=at).id == staff.id
    assert Staff.get_by_id(staff.id).failed_logins == 0
    with pytest.raises(RuleError):
        accounts.authenticate("clerk", "wrong", at=at)
    assert Staff.get_by_id(staff.id).locked_until is None  # one wrong password is not five


def test_nobody_keeps_an_administrator_out_for_more_than_a_minute(office):
    t = dt.datetime(2026, 11, 24, 9, 0)
    for i in range(200):  # someone types wrong passwords for "admin" all morning
        try:
            accounts.authenticate("admin", "guess", at=t + dt.timedelta(seconds=i * 7))
        except RuleError:
            pass
    end = t + dt.timedelta(seconds=199 * 7)
    until = Staff.get(Staff.username == "admin").locked_until
    assert until is not None and until - end <= dt.timedelta(seconds=accounts.MAX_WAIT_SECONDS)
    assert accounts.authenticate("admin", "secret123", at=until).username == "admin"


def test_an_unknown_name_waits_like_a_real_one(office):
    """The wait does not tell which names exist: an unknown name's wrong tries (from the audit
    log) make it wait just as long, with the same message."""
    t = dt.datetime(2026, 11, 24, 9, 0)
    texts = {}
    for name in ("clerk", "nobody"):
        for i in range(accounts.FREE_ATTEMPTS):
            with pytest.raises(RuleError):
                accounts.authenticate(name, "wrong", at=t + dt.timedelta(seconds=i))
        with pytest.raises(RuleError) as err:  # 1 s after the 5th: still waiting
            accounts.authenticate(name, "wrong", at=t + dt.timedelta(seconds=4, milliseconds=500))
        texts[name] = err.value.text()
    assert texts["clerk"] == texts["nobody"] and "请等待 1 秒后再试" in texts["nobody"]
    assert AuditEntry.select().where((AuditEntry.action == "login_wait")
                                     & (AuditEntry.note == "nobody")).count() == 1
    # the wait is over: an unknown name is "wrong" again, not "wait"
    with pytest.raises(RuleError) as err:
        accounts.authenticate("nobody", "wrong", at=t + dt.timedelta(seconds=6))
    assert "用户名或密码不正确" in err.value.text()


def test_a_right_password_in_between_resets_the_count(office):
    t = dt.datetime(2026, 11, 24, 9, 0)
    for _ in range(accounts.FREE_ATTEMPTS - 1):
        with pytest.raises(RuleError):
            accounts.authenticate("clerk", "wrong", at=t)
    accounts.authenticate("clerk", "secret123", at=t)
    with pytest.raises(RuleError):
        accounts.authenticate("clerk", "wrong", at=t)
    assert Staff.get(Staff.username == "clerk").locked_until is None


# --- the audit log ------------------------------------------------------------------------------

def test_clerk_cannot_read_the_audit_log(office):
    for call in (lambda: audit_log.page(office["clerk"], AuditFilter()),
                 lambda: audit_log.count(office["technician"], AuditFilter()),
                 lambda: list(audit_log.all_rows(office["clerk"], AuditFilter()))):
        with pytest.raises(PermissionDenied):
            call()
    assert [r.note for r in _refusals()] == ["audit.view"] * 3


def test_audit_log_filters_and_pages(office):
    first = _complaint(office, "第一件", NOW - dt.timedelta(days=3))
    second = _complaint(office, "第二件", NOW - dt.timedelta(days=1))
    complaints.void(office["supervisor"], second.id, "重复")
    boss = office["supervisor"]

    everything = audit_log.count(boss, AuditFilter())
    assert everything == AuditEntry.select().count()
    rows = audit_log.page(boss, AuditFilter(record=second.number))
    assert [r["action"] for r in rows] == ["void", "create"]  # newest first
    assert rows[0]["record"] == second.number and rows[0]["who"] == "李强"
    assert rows[0]["entity_label"] == "投诉" and rows[0]["action_label"] == "作废"
    assert "重复" in rows[0]["changes"] and "→" in rows[0]["changes"]
    assert audit_log.count(boss, AuditFilter(record=second.number.lower().replace("-", ""))) == 2
    assert audit_log.count(boss, AuditFilter(record="TS-20000101-001")) == 0
    assert audit_log.count(boss, AuditFilter(record="not a number")) == 0
    assert audit_log.count(boss, AuditFilter(entity="complaint", record=str(first.id))) == 1
    assert {r["who"] for r in audit_log.page(boss, AuditFilter(staff_id=boss.id))} == {"李强"}
    day = (NOW - dt.timedelta(days=3)).date()
    dated = audit_log.page(boss, AuditFilter(entity="complaint", date_from=day, date_to=day))
    assert [r["record"] for r in dated] == [first.number]
    # pages: each continues from the last row of the one before (keyset), no overlap
    newest = [e.id for e in AuditEntry.select().order_by(AuditEntry.at.desc(), AuditEntry.id.desc())]
    a = audit_log.page(boss, AuditFilter(), 3)
    b = audit_log.page(boss, AuditFilter(), 3, after=a[-1])
    assert [r["id"] for r in a + b] == newest[:6]
    assert [r["id"] for r in audit_log.all_rows(boss, AuditFilter(), chunk=2)] == newest


def test_a_page_costs_a_few_queries_not_one_per_row(office, monkeypatch):
    for i in range(30):
        _complaint(office, f"投诉{i}")
    _done_order(office)
    calls = []
    db = database.obj
    real = db.execute_sql
    monkeypatch.setattr(db, "execute_sql", lambda sql, *a, **k: (calls.append(sql), real(sql, *a, **k))[1])
    rows = audit_log.page(office["admin"], AuditFilter(), 200)
    assert len(rows) > 30
    assert len(calls) <= 6, calls


def test_audit_log_to_excel(office, tmp_path):
    c = _complaint(office, "=SUM(A1)")  # text that looks like a formula stays text
    complaints.void(office["admin"], c.id, "测试")
    path = tmp_path / "audit.xlsx"
    n = audit_log.count(office["admin"], AuditFilter(record=c.number))
    from propdesk.reports.audit_export import export_audit

    assert export_audit(office["admin"], AuditFilter(record=c.number), path) == n == 2
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert "操作日志" in rows[0][0]
    assert rows[2][:6] == ("时间", "操作人", "角色", "记录类型", "记录", "操作")
    assert rows[3][1] == "赵敏" and rows[3][4] == c.number and rows[3][5] == "作废"
    assert isinstance(rows[3][0], dt.datetime)
    assert rows[4][5] == "创建" and rows[4][6].endswith("=SUM(A1)")
    export = AuditEntry.select().where(AuditEntry.action == "export").get()
    assert export.staff_id == office["admin"].id and "audit.xlsx" in export.note
    with pytest.raises(PermissionDenied):
        export_audit(office["clerk"], AuditFilter(), tmp_path / "no.xlsx")
    assert not (tmp_path / "no.xlsx").exists()
