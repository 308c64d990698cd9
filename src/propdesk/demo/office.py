"""The demo office (``propdesk demo``, ``propdesk --demo``): a believable office to try PropDesk on.

Everything is drawn from one ``random.Random(seed)``, so the same seed and ``today`` give the
same office. Rows are built in memory with their ids decided up front (the tables must be
empty of complaints and units), then written with ``insert_many`` in one transaction: a few
seconds for 400 complaints, where one ``create()`` per row would take minutes.

The case histories are in :mod:`propdesk.demo.cases` (complaints) and
:mod:`propdesk.demo.jobs` (work orders, callbacks); the words in
:mod:`propdesk.demo.text`. ``benchmarks/generate.py`` reuses the register and words.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Callable

from peewee import chunked

from propdesk import i18n
from propdesk.errors import RuleError
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models.enums import ComplaintStatus
from propdesk.models.tables import (
    Building, Callback, Complaint, Owner,
    Sequence, Staff, Unit, WorkOrder,
)
from propdesk.services.cases import lateness
from propdesk.services.setup import reference
from propdesk.services.core import passwords, settings
from propdesk.demo import cases as demo_cases
from propdesk.demo import jobs as demo_jobs
from propdesk.demo import related as demo_related
from propdesk.demo import text as T
from propdesk.demo.register import (
    STAFF, OTHER_STAFF_PASSWORD, BATCH, Rows, build_register, hash_demo_passwords, build_staff,
)
from propdesk.services.core.db_retry import transaction

MSG_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "rules", "The database already holds accounts, units or complaints: the demo office (with "
             "its known passwords and made-up owners) is only put into a brand-new database. "
             "Use a new file for it, e.g. propdesk --db demo.db demo.")


def assign_numbers(rows: list[dict], prefix: str, when: str, counters: dict) -> None:
    """Number rows PREFIX-YYYYMMDD-NNN per day in time order, continuing ``counters``
    ((prefix, day) -> last), so numbers given later by services.numbering never clash."""
    for row in sorted(rows, key=lambda r: (r[when], r["id"])):
        key = (prefix, row[when].strftime("%Y%m%d"))
        counters[key] = counters.get(key, 0) + 1
        row["number"] = f"{prefix}-{key[1]}-{counters[key]:03d}"


def save_counters(counters: dict, existing: dict) -> None:
    for (prefix, day), last in counters.items():
        if (prefix, day) in existing:
            Sequence.update(last=last).where((Sequence.prefix == prefix)
                                             & (Sequence.day == day)).execute()
    new = [{"prefix": p, "day": d, "last": last} for (p, d), last in counters.items()
           if (p, d) not in existing]
    for batch in chunked(new, BATCH):
        Sequence.insert_many(batch).execute()


def existing_counters() -> dict:
    return {(s.prefix, s.day): s.last for s in Sequence.select()}


# --- the whole office --------------------------------------------------------------------------

def as_of_moment(today: dt.date | None) -> dt.datetime:
    """The demo's "now": the end of the office day ``today``, never later than the clock."""
    clock = dt.datetime.now().replace(second=0, microsecond=0)
    if today is None:
        return clock
    return min(dt.datetime.combine(today, dt.time(17, 30)), clock)


def create_demo_office(n_complaints: int = 400, seed: int = 1, today: dt.date | None = None,
                       progress: Callable[[int, int], None] | None = None) -> str:
    """Fill an empty database with the demo office; returns a summary for the user.

    ``progress(done, total)`` is called with (0, 0) while the office is planned (total not
    known yet), then with the rows written so far."""
    # the case stories use the helpers above, so they are imported here, not at the top

    _refuse_unless_empty()  # at once, before the passwords' hashing
    if progress:
        progress(0, 0)
    rng = random.Random(seed)
    as_of = as_of_moment(today)
    hashes = hash_demo_passwords()  # before the transaction: keep the write lock short
    with transaction():
        _refuse_unless_empty()  # again under the write lock: another desk may have just filled it
        reference.seed_reference()
        for key, value in (("office_name", T.OFFICE_NAME), ("office_phone", T.OFFICE_PHONE),
                           ("office_address", T.OFFICE_ADDRESS)):
            if not settings.get(key):
                settings.put(key, value)
        settings.put("language", i18n.language())  # the office speaks the language it was made in
        # its published passwords (admin123 ...) are fine here; in any other database a person
        # signing in with one must choose their own first (services.core.passwords)
        settings.put(passwords.DEMO_FLAG, "1")
        rows = Rows()
        register = build_register(rng, rows)
        staff = build_staff(rng, rows, hashes)
        cases = demo_cases.Cases(rng, rows, register, staff, as_of)
        cases.jobs = demo_jobs.Jobs(cases)  # work orders and callbacks, written through cases
        cases.build(n_complaints)
        cases.jobs.fees.summaries_produced((as_of - dt.timedelta(days=70)).date())
        existing = existing_counters()
        counters = dict(existing)
        assign_numbers(rows.by_model[Complaint], "TS", "received_at", counters)
        assign_numbers(rows.by_model[WorkOrder], "PG", "received_at", counters)
        assign_numbers(rows.by_model[Callback], "HF", "created_at", counters)
        cases.write_notes()
        rows.flush(progress)
        save_counters({k: v for k, v in counters.items() if existing.get(k) != v}, existing)
    demo_related.add(rng, as_of, Staff.get(Staff.username == "kefu"))
    return summary(rows, as_of, staff)


def _refuse_unless_empty() -> None:
    """A real office: never its data nor known passwords."""
    if Complaint.select().exists() or Unit.select().exists() or Staff.select().exists():
        raise RuleError(MSG_NOT_EMPTY)


MSG_SUMMARY = QT_TRANSLATE_NOOP(
    "demo", "Demo office created ({office}): {estates} estates, {buildings} buildings, {units} units "
            "({vacant} vacant), {people} owners and residents, {staff} staff; {complaints} complaints "
            "({open} open, {overdue} of them overdue), {work_orders} work orders, {callbacks} callbacks. "
            "Demo accounts (user name/password): {accounts}; other staff password {password}.")


def summary(rows: Rows, as_of: dt.datetime, staff: dict[str, int]) -> str:
    complaints = rows.by_model[Complaint]
    status = Counter(c["status"] for c in complaints)
    open_codes = ComplaintStatus.open_codes()
    overdue = sum(1 for c in complaints if lateness.complaint_overdue(c, as_of))
    n_open = sum(status[s] for s in open_codes)
    office = settings.get("office_name")
    units, people = rows.count(Unit), rows.count(Owner)
    vacant = units - len({o["unit"] for o in rows.by_model[Owner]})
    wo, cb = rows.count(WorkOrder), rows.count(Callback)
    created = {s["username"] for s in rows.by_model[Staff]}
    demo = [f"{u}/{pw}" for u, _, _, _, pw in STAFF[:5] if u in created]
    accounts_text = ", ".join(demo) if demo else "-"
    return i18n.translate("demo", MSG_SUMMARY).format(
        office=office, estates=len(T.ESTATES), buildings=rows.count(Building), units=units,
        vacant=vacant, people=people, staff=len(staff), complaints=len(complaints), open=n_open,
        overdue=overdue, work_orders=wo, callbacks=cb, accounts=accounts_text,
        password=OTHER_STAFF_PASSWORD)
