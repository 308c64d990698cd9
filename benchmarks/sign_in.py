"""Sign-in time with the old scrypt parameters (N=2^14) and today's (N=2^17), in the same run.

    python benchmarks/sign_in.py            # 5 runs of each, medians in milliseconds

Times ``accounts.authenticate`` on a fresh SQLite file: the right password, a wrong one and an
unknown user name for an account hashed each way, and the one sign-in that upgrades an old
hash (verify at 2^14 + make the 2^17 hash + store it with the audit entry). Each wrong try is
made from a clean count, so no wait after wrong passwords is involved.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from timing import median_ms  # benchmarks/timing.py


def run(runs: int = 5) -> dict[str, float]:
    from propdesk.errors import RuleError
    from propdesk.models import database, init_db
    from propdesk.models.enums import Role
    from propdesk.models.tables import Staff
    from propdesk.services.core import accounts

    def hashed(n: int, password: str) -> str:
        saved, accounts.SCRYPT_N = accounts.SCRYPT_N, n
        try:
            return accounts.hash_password(password)
        finally:
            accounts.SCRYPT_N = saved

    def wrong(name: str) -> None:
        Staff.update(failed_logins=0, locked_until=None).execute()
        try:
            accounts.authenticate(name, "wrong-password")
        except RuleError:
            pass

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PROPDESK_HOME"] = str(Path(tmp) / "home")
        init_db(str(Path(tmp) / "sign_in.db"))
        for n in (2**14, 2**17):
            accounts.SCRYPT_N = n  # the program's parameters for this row
            name = f"clerk{n}"
            accounts.create_staff(None, name, "王芳", Role.CLERK, "secret123")
            accounts.check_password("warm-up", None)
            results[f"N=2^{n.bit_length() - 1} right"] = median_ms(
                lambda: accounts.authenticate(name, "secret123"), runs, warm_up=False)
            results[f"N=2^{n.bit_length() - 1} wrong"] = median_ms(lambda: wrong(name), runs, warm_up=False)
            results[f"N=2^{n.bit_length() - 1} unknown"] = median_ms(lambda: wrong(f"nobody{n}"), runs,
                                                                     warm_up=False)
        accounts.SCRYPT_N = accounts.PRODUCTION_SCRYPT[0]

        def upgrade() -> None:
            Staff.update(password_hash=hashed(2**14, "secret123")).where(
                Staff.username == "clerk16384").execute()
            start = time.perf_counter()
            accounts.authenticate("clerk16384", "secret123")
            upgrade.times.append((time.perf_counter() - start) * 1000)
        upgrade.times = []
        for _ in range(runs):
            upgrade()
        assert Staff.get(Staff.username == "clerk16384").password_hash.startswith("scrypt$131072$")
        results["upgrade 2^14 -> 2^17 (once)"] = statistics.median(upgrade.times)
        database.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    for key, value in run(args.runs).items():
        print(f"{key:32s} {value:8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
