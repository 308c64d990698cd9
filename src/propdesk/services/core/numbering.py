"""Numbers shown to people: TS-20261124-003 (complaint), PG- (work order), HF- (callback), SJ- (incident).

A per-prefix, per-day counter that is only ever incremented, inside the caller's transaction:
a number is never given twice, and a voided record keeps its number. The counter moves in one
statement, ``INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING last``: two desks
taking the day's first number at once on PostgreSQL do not both insert (the second waits on the
first's row and then counts on from it); on SQLite the write lock already queues them.
"""
from __future__ import annotations

import datetime as dt

from propdesk.models.tables import Sequence

COMPLAINT = "TS"
WORK_ORDER = "PG"
CALLBACK = "HF"
INCIDENT = "SJ"


def next_number(prefix: str, day: dt.date) -> str:
    key = day.strftime("%Y%m%d")
    query = (Sequence.insert(prefix=prefix, day=key, last=1)
             .on_conflict(conflict_target=[Sequence.prefix, Sequence.day],
                          update={Sequence.last: Sequence.last + 1})
             .returning(Sequence.last).tuples())
    (last,), = query.execute()
    return f"{prefix}-{key}-{last:03d}"
