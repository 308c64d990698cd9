"""Passwords: scrypt at current guidance with old hashes made again at sign-in, a person's own
password change, and the change forced after a reset or for the demo's known passwords."""
from __future__ import annotations

import subprocess
import sys

import pytest

from propdesk.models.tables import AuditEntry, Staff
from propdesk.services.core import accounts


def _old_hash(password: str, n: int = 2**14) -> str:
    """A hash as PropDesk 0.1.0 stored it (scrypt N=2^14, r=8, p=1)."""
    saved = accounts.SCRYPT_N
    accounts.SCRYPT_N = n
    try:
        return accounts.hash_password(password)
    finally:
        accounts.SCRYPT_N = saved


def test_production_parameters_are_owasp_and_old_hashes_are_upgraded(office, monkeypatch):
    """The one test at full cost: a real office gets N=2^17, r=8, p=1 (tests elsewhere use the
    cheap N set by conftest's cheap_scrypt), and a 2^14 hash is made again at the next sign-in,
    in the sign-in's transaction, audited."""
    assert accounts.PRODUCTION_SCRYPT == (2**17, 8, 1)
    out = subprocess.run([sys.executable, "-c", "from propdesk.services.core import accounts as a;"
                          "print(a.SCRYPT_N, a.SCRYPT_R, a.SCRYPT_P)"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["131072", "8", "1"]  # what the program uses without the tests' hook
    monkeypatch.setattr(accounts, "SCRYPT_N", accounts.PRODUCTION_SCRYPT[0])
    clerk = office["clerk"]
    Staff.update(password_hash=_old_hash("secret123")).where(Staff.id == clerk.id).execute()
    assert accounts.authenticate("clerk", "secret123").id == clerk.id
    stored = Staff.get_by_id(clerk.id).password_hash
    assert stored.startswith("scrypt$131072$8$1$")
    assert accounts.verify_password("secret123", stored)
    assert not accounts.verify_password("secret12", stored)
    entry = AuditEntry.get(AuditEntry.action == "password_upgrade")
    assert entry.staff_id == clerk.id and "16384" in entry.note and "131072" in entry.note
    assert not list(entry.changes)  # no hash in the log
    # the next sign-in verifies the new hash and changes nothing
    assert accounts.authenticate("clerk", "secret123").id == clerk.id
    assert Staff.get_by_id(clerk.id).password_hash == stored
    assert AuditEntry.select().where(AuditEntry.action == "password_upgrade").count() == 1


def test_an_old_hash_is_upgraded_only_by_the_right_password(office):
    clerk = office["clerk"]
    old = _old_hash("secret123", n=2**5)  # "old": other parameters than the current (cheap) ones
    Staff.update(password_hash=old).where(Staff.id == clerk.id).execute()
    with pytest.raises(Exception):
        accounts.authenticate("clerk", "wrong")
    assert Staff.get_by_id(clerk.id).password_hash == old
    accounts.authenticate("clerk", "secret123")
    assert accounts.current_parameters(Staff.get_by_id(clerk.id).password_hash)
    assert AuditEntry.select().where(AuditEntry.action == "password_upgrade").count() == 1


def test_a_hash_asking_for_absurd_work_is_refused_not_computed():
    stored = _old_hash("x", n=2**4).replace("scrypt$16$", f"scrypt${2**24}$", 1)
    assert not accounts.verify_password("x", stored)


def test_a_production_hash_needs_more_than_openssls_default_memory():
    """N=2^17, r=8 needs 128 MiB: without maxmem OpenSSL refuses (32 MiB), and every sign-in
    would fail as a wrong password."""
    import hashlib

    with pytest.raises(ValueError):
        hashlib.scrypt(b"x", salt=b"s" * 16, n=2**17, r=8, p=1)
    assert len(accounts._scrypt("x", b"s" * 16, 2**17, 8, 1)) == 64
