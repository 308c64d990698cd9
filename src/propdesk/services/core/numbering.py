"""Numbers shown to people: TS-20261124-003 (complaint), PG- (work order), HF- (callback).

A per-prefix, per-day counter that is only ever incremented, inside the caller's transaction:
a number is never given twice, and a voided record keeps its number.
"""
from __future__ import annotations

import datetime as dt

from propdesk.models.tables import Sequence

COMPLAINT = "TS"
WORK_ORDER = "PG"
CALLBACK = "HF"


def next_number(prefix: str, day: dt.date) -> str:
    key = day.strftime("%Y%m%d")
    updated = (Sequence.update(last=Sequence.last + 1)
               .where((Sequence.prefix == prefix) & (Sequence.day == key)).execute())
    if not updated:
        Sequence.insert(prefix=prefix, day=key, last=1).execute()
    last = Sequence.get((Sequence.prefix == prefix) & (Sequence.day == key)).last
    return f"{prefix}-{key}-{last:03d}"
