"""A person's own password: what a new one must be, changing it, and the change PropDesk insists
on before anything else.

- **Rules for a new password** (``check_new``), the same wherever one is set (first
  administrator, new staff, an administrator's reset, a person's own change): at least
  MIN_LENGTH characters, not the user name, not one of the demo office's published passwords
  (README lists them, so anyone can read them), no control characters.
- **Change due** (``change_due``): after an administrator reset it or chose the first one for
  a new account (they know it; the first administrator chose their own), and while a
  person in a real office signs in with a demo password. The window asks for the new one right
  after signing in, before the main window; the command line refuses every other command until
  ``propdesk passwd`` was run. A database is the demo office when ``propdesk demo`` (or the
  first-start choice) made it: the setting DEMO_FLAG; anything else is a real office.
  The state is kept as settings rows (``password_change_due_<staff id>``: "reset" or "known"),
  so no schema step was needed.
"""
from __future__ import annotations

from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.tables import Setting, Staff
from propdesk.services.core import accounts, audit
from propdesk.services.core.db_retry import for_change, transaction
from propdesk.services.core.validation import Checker

MIN_LENGTH = 8
# the demo office's accounts (demo/register.py STAFF; tests check the two agree), published in
# README and shown when the demo is made
KNOWN_PASSWORDS = frozenset({"admin123", "zhuguan123", "kefu123", "weixiu123", "demo123"})
DEMO_FLAG = "demo_office"
DUE_RESET, DUE_KNOWN, DUE_NEW = "reset", "known", "new"

MSG_SHORT = QT_TRANSLATE_NOOP("rules", "{label}: use at least {min} characters.")
MSG_IS_NAME = QT_TRANSLATE_NOOP("rules", "{label}: must not be the user name.")
MSG_KNOWN = QT_TRANSLATE_NOOP(
    "rules", "{label}: this password is published with PropDesk's demo office; choose another.")
MSG_AGAIN = QT_TRANSLATE_NOOP("rules", "{label}: differs from the new password.")
MSG_OLD_WRONG = QT_TRANSLATE_NOOP("rules", "{label}: this is not your current password.")
MSG_SAME = QT_TRANSLATE_NOOP("rules", "{label}: choose a password other than the current one.")
MSG_DUE_RESET = QT_TRANSLATE_NOOP(
    "rules", "An administrator has reset your password: choose your own now.")
MSG_DUE_NEW = QT_TRANSLATE_NOOP(
    "rules", "An administrator chose your first password: choose your own now.")
MSG_DUE_KNOWN = QT_TRANSLATE_NOOP(
    "rules", "Your password is one of the demo office's published passwords: choose your own "
             "now.")
MSG_CHANGE_FIRST = QT_TRANSLATE_NOOP(
    "rules", "{user} must change the password before anything else: {why} Run: propdesk passwd "
             "--user {user}")


def is_demo_office() -> bool:
    row = Setting.get_or_none(Setting.key == DEMO_FLAG)
    return row is not None and row.value == "1"


def _due_key(staff_id: int) -> str:
    return f"password_change_due_{int(staff_id)}"


def change_due(staff: Staff | None) -> str | None:
    """DUE_RESET, DUE_KNOWN or None: must ``staff`` choose a new password before working?"""
    if staff is None or not staff.id:
        return None
    row = Setting.get_or_none(Setting.key == _due_key(staff.id))
    return row.value if row is not None and row.value else None


def due_message(reason: str | None) -> str:
    """The untranslated message for why a change is due."""
    return {DUE_RESET: MSG_DUE_RESET, DUE_NEW: MSG_DUE_NEW}.get(reason or "", MSG_DUE_KNOWN)


def mark_due(staff_id: int, reason: str) -> None:
    """Inside the caller's transaction."""
    (Setting.insert(key=_due_key(staff_id), value=reason)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: reason}).execute())


def _clear_due(staff_id: int) -> None:
    Setting.delete().where(Setting.key == _due_key(staff_id)).execute()


def after_sign_in(staff: Staff, password: str) -> None:
    """Called by ``accounts.authenticate`` inside the sign-in's transaction: a demo password in
    a real office makes a change due."""
    if password in KNOWN_PASSWORDS and not is_demo_office() and change_due(staff) is None:
        mark_due(staff.id, DUE_KNOWN)
        audit.record(staff, "staff", staff.id, "password_due", note=DUE_KNOWN)


def check_new(c: Checker, field: str, password, username: str = "") -> str:
    """Every rule for a new password, failed on ``field`` (each message names it)."""
    if not isinstance(password, str):
        c.fail(field, MSG_SHORT, min=MIN_LENGTH)
        return ""
    if len(password) < MIN_LENGTH:
        c.fail(field, MSG_SHORT, min=MIN_LENGTH)
    elif username and password.strip().casefold() == username.strip().casefold():
        c.fail(field, MSG_IS_NAME)
    elif password in KNOWN_PASSWORDS:
        c.fail(field, MSG_KNOWN)
    else:
        c.text(field, password, max_len=200)  # the one rule for control characters and length
    return password


def change_own(actor: Staff, old: str, new: str, again: str) -> Staff:
    """The signed-in person changes their own password: the current one, the new one twice.
    One transaction: the hash, the change no longer due, the audit entry (no hash in it)."""
    if actor is None or not actor.id:
        raise RuleError(accounts.MSG_BAD_LOGIN, field="old_password")
    c = Checker()
    staff = Staff.get_or_none((Staff.id == actor.id) & (Staff.active == True))  # noqa: E712
    right = isinstance(old, str) and staff is not None and accounts.verify_password(old, staff.password_hash)
    if not right:
        c.fail("old_password", MSG_OLD_WRONG)
    check_new(c, "new_password", new, staff.username if staff else "")
    if "new_password" not in c.errors:
        if new != again:
            c.fail("new_password_again", MSG_AGAIN)
        elif right and new == old:
            c.fail("new_password", MSG_SAME)
    if not right:
        with transaction():  # a wrong current password is kept in the log like a wrong sign-in
            audit.record(actor, "staff", actor.id, "refused", note="password.change")
    c.raise_if_any()
    new_hash = accounts.hash_password(new)  # slow on purpose: before the write lock
    with transaction():
        staff = for_change(Staff.select().where(Staff.id == actor.id)).get()
        staff.password_hash = new_hash
        staff.failed_logins, staff.locked_until = 0, None
        staff.save()
        due = change_due(staff)
        _clear_due(staff.id)
        audit.record(actor, "staff", staff.id, "password_change",
                     note=f"{staff.name} ({staff.username})" + (f"; {due}" if due else ""))
    return staff


