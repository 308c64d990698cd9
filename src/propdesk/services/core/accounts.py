"""Sign-in, password hashing (scrypt, salted) and what each role may do.

Roles are enforced here, not only in the UI; a refusal is written to the audit log.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import math
import os

from propdesk.errors import PermissionDenied, RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP, translate
from propdesk.services.core.db_retry import for_change, transaction
from propdesk.models.enums import Role
from propdesk.models.tables import AuditEntry, Staff, now
from propdesk.services.core import audit

# scrypt at OWASP's current guidance (Password Storage Cheat Sheet: N=2^17, r=8, p=1; 128 MiB
# and roughly 0.3-0.9 s per hash here). Hashes made with other parameters (PropDesk up to
# 0.1.0 used N=2^14) still verify and are re-made at the person's next sign-in (``authenticate``).
# Tests make accounts with a cheap N (tests/conftest.py ``cheap_scrypt`` sets SCRYPT_N);
# PRODUCTION_SCRYPT keeps what a real office gets, and a test checks both.
PRODUCTION_SCRYPT = (2**17, 8, 1)
SCRYPT_N, SCRYPT_R, SCRYPT_P = PRODUCTION_SCRYPT
MAX_SCRYPT_N = 2**20  # a stored hash asking for more (1 GiB) is refused, not computed
# Wrong passwords: the first FREE_ATTEMPTS in a row cost nothing; from then on each further
# attempt on that name waits 2, 4, 8 ... seconds, never more than MAX_WAIT_SECONDS. Nobody can
# keep a person (an administrator) out for longer than that by typing wrong passwords for them,
# and guessing stays slow (one try a minute).
FREE_ATTEMPTS = 5
MAX_WAIT_SECONDS = 60
UNKNOWN_WINDOW = dt.timedelta(hours=1)  # an unknown name's wrong tries counted this far back

# permission -> roles that have it
PERMISSIONS: dict[str, set[str]] = {
    "complaint.create": {"clerk", "supervisor", "admin"},
    "complaint.handle": {"clerk", "supervisor", "admin"},
    "complaint.void": {"supervisor", "admin"},
    "workorder.create": {"clerk", "supervisor", "admin"},
    "workorder.complete": {"clerk", "supervisor", "admin", "technician"},
    "workorder.check": {"supervisor", "admin"},
    "fee.collect": {"clerk", "supervisor", "admin"},
    "fee.void": {"supervisor", "admin"},
    "callback.make": {"clerk", "supervisor", "admin"},
    "backup.restore": {"supervisor", "admin"},
    "settings.edit": {"admin"},
    "audit.view": {"supervisor", "admin"},
    # the desk's records: complaints, the owner register, other people's jobs and phones
    "records.read": {"clerk", "supervisor", "admin"},
    # what leaves the program: the desk's records, so the roles that read them (records.read)
    "register.export": {"clerk", "supervisor", "admin"},
    "report.weekly": {"clerk", "supervisor", "admin"},
    "owners.import": {"clerk", "supervisor", "admin"},
    "backup.make": {"clerk", "supervisor", "admin"},
    # everyone changes their own password (services.core.passwords)
    "password.change": {"clerk", "supervisor", "admin", "technician"},
}

MSG_BAD_LOGIN = QT_TRANSLATE_NOOP("rules", "Wrong user name or password.")
MSG_WAIT = QT_TRANSLATE_NOOP(
    "rules", "Too many wrong passwords for this user name: wait {seconds} seconds, then try again.")
MSG_DENIED = QT_TRANSLATE_NOOP("rules", "Your role ({role}) may not do this: {action}.")

ACTION_LABELS = {
    "complaint.create": QT_TRANSLATE_NOOP("rules", "take a complaint"),
    "complaint.handle": QT_TRANSLATE_NOOP("rules", "handle a complaint"),
    "complaint.void": QT_TRANSLATE_NOOP("rules", "void a complaint"),
    "workorder.create": QT_TRANSLATE_NOOP("rules", "raise a work order"),
    "workorder.complete": QT_TRANSLATE_NOOP("rules", "record a work order's result"),
    "workorder.check": QT_TRANSLATE_NOOP("rules", "sign off a work order"),
    "fee.collect": QT_TRANSLATE_NOOP("rules", "record a payment"),
    "fee.void": QT_TRANSLATE_NOOP("rules", "void a payment"),
    "callback.make": QT_TRANSLATE_NOOP("rules", "make a callback"),
    "backup.restore": QT_TRANSLATE_NOOP("rules", "restore a backup"),
    "settings.edit": QT_TRANSLATE_NOOP("rules", "change the settings"),
    "audit.view": QT_TRANSLATE_NOOP("rules", "read the audit log"),
    "records.read": QT_TRANSLATE_NOOP("rules", "read the desk's records"),
    "register.export": QT_TRANSLATE_NOOP("rules", "export or print a register"),
    "report.weekly": QT_TRANSLATE_NOOP("rules", "make the weekly report"),
    "owners.import": QT_TRANSLATE_NOOP("rules", "import the owner roster"),
    "backup.make": QT_TRANSLATE_NOOP("rules", "back up the database"),
    "password.change": QT_TRANSLATE_NOOP("rules", "change your own password"),
}
MSG_NOT_YOUR_JOB = QT_TRANSLATE_NOOP(
    "rules", "Work order {number} is not assigned to you: a technician sees and records only their own jobs.")
MSG_SIGN_IN_USER = QT_TRANSLATE_NOOP(
    "rules", "Sign in first to {action}: give --user NAME; the password comes from "
             "PROPDESK_PASSWORD or is asked for.")
MSG_SIGN_IN_PASSWORD = QT_TRANSLATE_NOOP(
    "rules", "No password for {user}: set PROPDESK_PASSWORD (e.g. for a scheduled task) or run "
             "the command in a terminal to be asked.")
MSG_NO_ACCOUNTS = QT_TRANSLATE_NOOP(
    "rules", "Nobody can sign in yet: this database has no accounts. Start PropDesk once to set "
             "up the office and its first administrator.")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # OpenSSL refuses more than 32 MiB unless told: N=2^17, r=8 needs 128 MiB (128*r*N*p)
    maxmem = 128 * r * (n + p + 2) + 2**20
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=maxmem)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    enc = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${enc(salt).decode()}${enc(digest).decode()}"


def current_parameters(stored: str) -> bool:
    """Whether ``stored`` was made with today's scrypt parameters (else: re-made at sign-in)."""
    return stored.startswith(f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$")


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or not 1 < int(n) <= MAX_SCRYPT_N or not 0 < int(r) * int(p) <= 64:
            return False
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(actual, base64.b64decode(digest))
    except (ValueError, MemoryError):
        return False


def any_accounts() -> bool:
    """Whether anyone can sign in at all (a new database has no accounts yet)."""
    return Staff.select().where(Staff.active == True).exists()  # noqa: E712


_dummy_hash: str | None = None


def check_password(password: str, stored: str | None) -> bool:
    """``verify_password`` that does the same scrypt work when there is no account
    (``stored`` None): an unknown name takes as long to refuse as a wrong password."""
    global _dummy_hash
    if stored is None:
        if _dummy_hash is None or not current_parameters(_dummy_hash):
            _dummy_hash = hash_password(os.urandom(12).hex())
        verify_password(password, _dummy_hash)
        return False
    return verify_password(password, stored)


def can(actor: Staff | None, permission: str) -> bool:
    return actor is not None and actor.active and actor.role in PERMISSIONS[permission]


def require(actor: Staff | None, permission: str, entity: str = "", entity_id: int = 0) -> None:
    """Raise PermissionDenied (and audit the refusal) unless ``actor`` may do ``permission``."""
    if can(actor, permission):
        return
    if isinstance(entity_id, bool) or not isinstance(entity_id, int) or not 0 <= entity_id < 2**63:
        entity_id = 0  # a malformed id from the caller: the refusal is still recorded
    with transaction():
        audit.record(actor, entity or "permission", entity_id, "refused", note=permission)
    role = Role(actor.role).label() if actor else "-"
    raise PermissionDenied(MSG_DENIED, role=role, action=translate("rules", ACTION_LABELS[permission]))


def require_own_job(actor: Staff | None, work_order, action: str) -> None:
    """A technician acts on (and reads) only the jobs assigned to them; the desk's roles on any.
    A refusal is audited and raised as PermissionDenied."""
    if actor is not None and actor.active and actor.role == Role.TECHNICIAN.value \
            and work_order.technician_id != actor.id:
        with transaction():
            audit.record(actor, "work_order", work_order.id, "refused", note=action)
        raise PermissionDenied(MSG_NOT_YOUR_JOB, number=work_order.number)


def sign_out(actor: Staff | None, reason: str = "sign_out") -> None:
    """The person leaves the desk (signs out, or the desk locked after the office's idle time):
    written to the audit log so the day's hand-overs can be read back."""
    if actor is None:
        return
    with transaction():
        audit.record(actor, "staff", actor.id, reason)


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot even be looked up
        return False
    return "\x00" not in text  # nor a NUL (PostgreSQL text cannot hold it; nobody types one)


def wait_after(failures: int) -> int:
    """Seconds the next attempt on a name must wait after ``failures`` wrong passwords in a row:
    0 for the first FREE_ATTEMPTS - 1, then 1, 2, 4 ... up to MAX_WAIT_SECONDS."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(2 ** min(failures - FREE_ATTEMPTS, 16), MAX_WAIT_SECONDS)


def _seconds_left(until: dt.datetime, at: dt.datetime) -> int:
    return max(1, math.ceil((until - at).total_seconds()))


def _unknown_wait(note: str, at: dt.datetime) -> dt.datetime | None:
    """When an unknown name may be tried again: the same growing wait as a real account's, from
    its wrong tries in the last UNKNOWN_WINDOW (read from the audit log, through the index on
    entity, entity_id, at), so the wait does not tell which names exist."""
    tries = list(AuditEntry.select(AuditEntry.at)
                 .where((AuditEntry.entity == "staff") & (AuditEntry.entity_id == 0)
                        & (AuditEntry.at > at - UNKNOWN_WINDOW) & (AuditEntry.at <= at)
                        & (AuditEntry.action == "login_unknown") & (AuditEntry.note == note))
                 .order_by(AuditEntry.at.desc()).limit(FREE_ATTEMPTS + 8))
    wait = wait_after(len(tries))
    return tries[0].at + dt.timedelta(seconds=wait) if wait else None


def authenticate(username: str, password: str, at: dt.datetime | None = None) -> Staff:
    at = at or now()
    if not isinstance(username, str) or not _storable(username) or len(username) > 200:
        raise RuleError(MSG_BAD_LOGIN, field="username")
    if not isinstance(password, str):
        raise RuleError(MSG_BAD_LOGIN, field="password")
    staff = Staff.get_or_none((Staff.username == username.strip()) & (Staff.active == True))  # noqa: E712 - peewee: `== True` builds SQL
    if staff is None:
        note = "".join(ch for ch in username.strip() if ch.isprintable())[:60]
        until = _unknown_wait(note, at)
        if until is not None and until > at:  # told exactly as for a real account
            with transaction():
                audit.record(None, "staff", 0, "login_wait", at=at, note=note)
            raise RuleError(MSG_WAIT, field="password", seconds=_seconds_left(until, at))
        # the same scrypt work as a wrong password (names are not told apart by time), and the
        # attempt is in the audit log like any other
        check_password(password, None)
        with transaction():
            audit.record(None, "staff", 0, "login_unknown", at=at, note=note)
        raise RuleError(MSG_BAD_LOGIN, field="username")
    if staff.locked_until and staff.locked_until > at:
        # not even the right password before the wait is over; the try is not counted, so
        # typing on does not make anyone wait longer
        with transaction():
            audit.record(staff, "staff", staff.id, "login_wait", at=at)
        raise RuleError(MSG_WAIT, field="password", seconds=_seconds_left(staff.locked_until, at))
    right = verify_password(password, staff.password_hash)  # slow on purpose: not under the lock
    old_hash = staff.password_hash
    # a hash from older parameters is made again now that the password is known (before the
    # write lock: scrypt is slow), and stored with the sign-in in one transaction
    new_hash = hash_password(password) if right and not current_parameters(old_hash) else None
    with transaction():
        # the count as it is now (another desk may have added to it; PostgreSQL: locked)
        staff = for_change(Staff.select().where(Staff.id == staff.id)).get()
        if right:
            from propdesk.services.core import passwords  # it builds on this module

            staff.failed_logins, staff.locked_until = 0, None
            passwords.after_sign_in(staff, password)  # a demo password in a real office
            if new_hash is not None and staff.password_hash == old_hash:  # not changed meanwhile
                staff.password_hash = new_hash
                audit.record(staff, "staff", staff.id, "password_upgrade", at=at,
                             note=f"scrypt N={old_hash.split('$')[1]} -> N={SCRYPT_N}")
        else:
            staff.failed_logins += 1
            wait = wait_after(staff.failed_logins)
            staff.locked_until = at + dt.timedelta(seconds=wait) if wait else None
        staff.save()
        audit.record(staff, "staff", staff.id, "login" if right else "login_failed", at=at)
    if not right:  # raised after the commit: the failed attempt and the lock-out are kept
        raise RuleError(MSG_BAD_LOGIN, field="password")
    return staff


def create_staff(actor: Staff | None, username: str, name: str, role: Role, password: str,
                 department=None, phone: str = "") -> Staff:
    """An account, checked by the rules every text field and every new password follow (the
    first administrator is made here; the office's staff list uses staff_admin.add_staff)."""
    from propdesk.services.core import passwords
    from propdesk.services.core.validation import Checker

    c = Checker()
    username = c.text("username", username, required=True, max_len=40)
    name = c.text("staff_name", name, required=True, max_len=40)
    phone = c.text("staff_phone", phone, max_len=32)
    passwords.check_new(c, "password", password, username)
    c.raise_if_any()
    with transaction():
        staff = Staff.create(username=username, name=name, role=Role(role).value,
                             department=department, phone=phone,
                             password_hash=hash_password(password))
        audit.record(actor, "staff", staff.id, "create", note=f"{name} ({username})")
    return staff


class _Program:
    """The program itself as a reader: work whose permission was checked where it began (an
    export checked ``register.export``), benchmarks and the demo's own summary."""

    def __repr__(self) -> str:
        return "PROGRAM"


PROGRAM = _Program()


def require_reader(reader, entity: str = "list") -> None:
    """The one check before any list, search, count or panel of the desk's records: the person
    must hold ``records.read`` (a technician reads only their own jobs: services.cases.my_jobs).
    A refusal is audited and raised as PermissionDenied."""
    if reader is PROGRAM:
        return
    require(reader, "records.read", entity)


def require_job_reader(reader, work_order) -> None:
    """The one check before one work order is read (its detail, its timeline): a technician
    reads only the jobs assigned to them (:func:`require_own_job`), everyone else must hold
    ``records.read``; nobody signed in or a deactivated account is refused. A refusal is
    audited and raised as PermissionDenied."""
    if reader is PROGRAM:
        return
    if reader is not None and reader.active and reader.role == Role.TECHNICIAN.value:
        require_own_job(reader, work_order, "workorder.read")
        return
    require(reader, "records.read", "work_order", work_order.id)
