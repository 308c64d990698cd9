"""The desk's remembered server password, not kept in plain text (issue 20).

A desk that chose "connect to the office's server" keeps the password it was given so that the
next start connects without asking. Where it is kept depends on what the machine offers:

* **Windows** (the office's desks, and the installer's program): DPAPI, ``CryptProtectData``
  through ``ctypes`` (crypt32.dll, part of every Windows). The blob can be opened only by the
  same Windows user account, on this machine; a copied data folder or another account on the
  same PC gets nothing. No library is needed, so the frozen bundle carries nothing extra.
* **Elsewhere** (Linux/macOS, source installs): the ``keyring`` library *if it is installed and
  has a real store* (macOS Keychain, the Secret Service of a Linux desktop session); the file
  then only says "in the keyring". It is not a dependency: the desks run Windows, and a
  keyring daemon is not always there on a Linux machine without a desktop.
* **Otherwise** the password is in a file readable by this account only (mode 600), exactly
  as PostgreSQL's own ``~/.pgpass`` keeps it. That is the one case of plain text, said in the
  log: without a per-user secret store, any key to encrypt it would have to sit next to it.

The file is ``server-password.bin`` in the data folder: one line naming the mechanism, then the
protected bytes. The password is handed to the driver in memory (``models.db.open_database``),
never through the URL, the environment of this process, the settings or the logs.
"""
from __future__ import annotations

import base64
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

DPAPI, KEYRING, FILE = "dpapi", "keyring", "file"
KEYRING_SERVICE = "PropDesk server"
_ENTROPY = b"PropDesk desk server password"


# --- Windows: DPAPI --------------------------------------------------------------------------

def _dpapi(data: bytes, protect: bool) -> bytes:
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    def blob(raw: bytes) -> Blob:
        buf = ctypes.create_string_buffer(raw, len(raw))
        return Blob(len(raw), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char)))

    crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    source, entropy, out = blob(data), blob(_ENTROPY), Blob()
    ui_forbidden = 0x1  # CRYPTPROTECT_UI_FORBIDDEN: never a dialog
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    if protect:
        ok = call(ctypes.byref(source), "PropDesk", ctypes.byref(entropy), None, None,
                  ui_forbidden, ctypes.byref(out))
    else:
        ok = call(ctypes.byref(source), None, ctypes.byref(entropy), None, None,
                  ui_forbidden, ctypes.byref(out))
    if not ok:
        raise OSError(ctypes.get_last_error() or "CryptProtectData failed")  # type: ignore[attr-defined]
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(ctypes.cast(out.pbData, ctypes.c_void_p))


# --- elsewhere: a keyring with a real store, if there is one ---------------------------------

def _keyring():
    """The keyring module when it has a store that is not a plain file or a stub, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - not installed, or broken: the file is used
        return None
    try:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
            return None
        if "plaintext" in type(backend).__module__.lower() or "null" in type(backend).__name__.lower():
            return None
    except Exception:  # noqa: BLE001
        return None
    return keyring


def mechanism() -> str:
    """What this machine would use: dpapi, keyring or file."""
    if sys.platform == "win32":
        return DPAPI
    return KEYRING if _keyring() is not None else FILE


# --- the file ----------------------------------------------------------------------------------

def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o600)


def store(path: Path, account: str, password: str, how: str | None = None) -> str:
    """Keep ``password`` for ``account`` (user@host:port/database); returns the mechanism used."""
    how = how or mechanism()
    secret = password.encode("utf-8")
    if how == DPAPI:
        body = base64.b64encode(_dpapi(secret, protect=True))
    elif how == KEYRING:
        _keyring().set_password(KEYRING_SERVICE, account, password)
        body = b""
    else:
        log.warning("no secret store on this machine: the server password is in %s, readable by "
                    "this account only", path)
        body = base64.b64encode(secret)
    _write_private(path, how.encode("ascii") + b"\n" + body + b"\n")
    return how


def load(path: Path, account: str) -> str | None:
    """The password kept in ``path`` (None when there is none or it cannot be opened here: e.g.
    a DPAPI blob copied from another Windows account)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head, _, tail = raw.partition(b"\n")
    how, body = head.decode("ascii", "replace").strip(), tail.strip()
    try:
        if how == DPAPI:
            return _dpapi(base64.b64decode(body), protect=False).decode("utf-8")
        if how == KEYRING:
            ring = _keyring()
            return ring.get_password(KEYRING_SERVICE, account) if ring else None
        if how == FILE:
            return base64.b64decode(body).decode("utf-8")
    except Exception:  # unreadable here: the desk asks for the password again
        log.warning("the remembered server password in %s cannot be opened here", path, exc_info=True)
    return None


def forget(path: Path, account: str | None = None) -> None:
    try:
        how = path.read_bytes().partition(b"\n")[0].decode("ascii", "replace").strip()
    except OSError:
        return
    if how == KEYRING and account and (ring := _keyring()) is not None:
        try:
            ring.delete_password(KEYRING_SERVICE, account)
        except Exception:  # noqa: BLE001 - gone already
            pass
    path.unlink(missing_ok=True)
