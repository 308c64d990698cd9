"""The program's version for the build: read from src/propdesk/__init__.py, written as a Windows
version resource (from ``version_info.txt.in``) for PyInstaller and passed to Inno Setup.

No import of propdesk: the version is read from the file, so the build script works before the
package is installed and always sees the checkout it builds.
"""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
INIT = ROOT / "src" / "propdesk" / "__init__.py"
TEMPLATE = HERE / "version_info.txt.in"

# (executable name, file description) of the two programs in the bundle (see propdesk.spec).
EXECUTABLES = [("propdesk", "PropDesk 物业客服前台"), ("propdesk-cli", "PropDesk command line")]


def read_version() -> str:
    """``__version__`` of the checkout, e.g. ``0.1.0``."""
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', INIT.read_text(encoding="utf-8"), re.M)
    if not match:
        raise SystemExit(f"no __version__ in {INIT}")
    return match.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for Windows: ``0.1.0`` → (0, 1, 0, 0); ``1.2.0rc1`` → (1, 2, 0, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def write_version_file(path: Path, name: str, description: str, version: str | None = None) -> Path:
    """Fill the template for the executable ``name`` and write it to ``path``."""
    version = version or read_version()
    text = (TEMPLATE.read_text(encoding="utf-8")
            .replace("@VERSION_TUPLE@", repr(version_tuple(version)))
            .replace("@VERSION@", version)
            .replace("@NAME@", name)
            .replace("@DESCRIPTION@", description))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
