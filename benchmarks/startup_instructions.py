"""Start-up in instructions: what ``startup.py`` times, counted by valgrind's callgrind, which
gives the same figure (to 0.01 %) however busy the machine is.

    python benchmarks/startup_instructions.py [FILE.db ...] [--user kefu]

Counts the machine instructions of a bare PySide6 window process up to its first paint, and of
PropDesk's start (``startup.py``'s own child script: the sign-in answered, every import, the
database opened and checked, the window built) up to the main window's first paint, and their
ratio. On the shared 2-core machine, wall and CPU ratios of ``startup.py`` move by 0.2-0.5
between runs of seven; this one does not, so it tells whether a change made the start lighter
(each run ~20-40 s under valgrind). Instructions are not time: a start's waits for the disk and
its cache misses are not counted (the CPU ratio of ``startup.py`` on a quiet machine is the
figure the goal is stated in).

The file is started once normally first, so that it was closed cleanly (as in ``startup.py``'s
runs: otherwise its full check runs before sign-in). Needs ``valgrind`` on the PATH.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from startup import BARE, PROPDESK, _empty_db  # the same child scripts

# each child ends at the moment startup.py takes its time, so nothing after it is counted
BARE_COUNTED = BARE.replace("print(time.time(), time.process_time(), flush=True)",
                            "import os; os._exit(0)")
PROPDESK_COUNTED = PROPDESK.replace(
    "        # the window is up with the role's start tab: the time asked for\n",
    "        import os; os._exit(0)\n")


def instructions(script: str, *args: str, env: dict, folder: Path) -> int:
    out = folder / "callgrind.out"
    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                           sys.executable, "-c", script, *args],
                          capture_output=True, text=True, env=env, timeout=900)
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            out.unlink(missing_ok=True)
            return int(line.split(":")[-1].strip())
    raise RuntimeError(done.stderr[-2000:])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="*", type=Path)
    p.add_argument("--user", default="kefu")
    args = p.parse_args(argv)
    assert BARE_COUNTED != BARE and PROPDESK_COUNTED != PROPDESK, "startup.py's child scripts changed"
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed PropDesk is
    with tempfile.TemporaryDirectory() as tmp:
        env["PROPDESK_HOME"] = str(Path(tmp) / "home")
        backups = Path(tmp) / "home" / "backups"
        backups.mkdir(parents=True)
        (backups / f"propdesk-{dt.date.today():%Y%m%d}-000000-auto.db").touch()
        files = args.files or [_empty_db(Path(tmp))]
        bare = instructions(BARE_COUNTED, env=env, folder=Path(tmp))
        print(f"bare PySide6 window: {bare / 1e6:,.1f} M instructions")
        for path in files:
            subprocess.run([sys.executable, "-c", PROPDESK, str(path), args.user], env=env,
                           capture_output=True, check=True, timeout=300)  # closed cleanly, .pyc written
            ours = instructions(PROPDESK_COUNTED, str(path), args.user, env=env, folder=Path(tmp))
            print(f"{path.name}, {args.user}: {ours / 1e6:,.1f} M instructions, {ours / bare:.3f}x", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
