"""peewee without psycopg2 until a PostgreSQL database is opened.

peewee imports psycopg2 (and through it ``ssl``) when peewee itself is imported, whether or not
the office works on PostgreSQL: 10-15 ms of CPU at every start of a SQLite desk (issue 21).
:func:`install` (called by ``propdesk/__init__.py``, so before anything of PropDesk imports
peewee) refuses ``import psycopg2`` while peewee's module runs, so peewee starts as it does on
a computer without the driver. Opening a ``postgresql://`` location calls :func:`attach`, which
imports the driver and sets in peewee what its own import would have set.

Nothing changes when psycopg2 was imported before peewee (peewee then finds it as usual), and
a test (tests/test_startup_imports.py) compares peewee after :func:`attach` with a peewee
imported the ordinary way, so a peewee upgrade that reads more of psycopg2 is noticed.

The same wrapper gives peewee's module stand-ins for three standard modules it imports for
what a PropDesk desk does not do at start (``socket`` for its IP address field, ``uuid`` for
its UUID field and savepoint names, ``calendar`` for its timestamp field): ``socket`` alone
brings ``selectors``, ``select`` and ``array``, and with ``uuid`` and ``platform`` they were
3-4 % of a clerk's start. A stand-in (:class:`_Later`) imports the real module at its first
attribute lookup, under a lock, and puts it in ``sys.modules`` and in peewee's namespace;
a module already imported is used as it is.
"""
from __future__ import annotations

import contextlib
import importlib
import sys
import threading
import types

DRIVER = "psycopg2"
LATER = ("socket", "uuid", "calendar")  # imported by peewee, not used before the window shows
_later_lock = threading.RLock()


class _Later(types.ModuleType):
    """Stands in for a standard module until something looks up one of its names."""

    stands_in = True  # (ui/pyside_quirks: PySide6's import hook asks every new module's file)

    def __getattr__(self, name):
        return getattr(_import_now(self.__name__), name)


def _import_now(name: str) -> types.ModuleType:
    with _later_lock:
        module = sys.modules.get(name)
        if isinstance(module, _Later) or module is None:
            sys.modules.pop(name, None)
            module = importlib.import_module(name)
            peewee = sys.modules.get("peewee")
            if isinstance(getattr(peewee, name, None), _Later):
                setattr(peewee, name, module)
        return module


class _WithoutDriver:
    """Runs peewee's module with ``import psycopg2`` refused; everything else as its loader."""

    def __init__(self, loader):
        self.loader = loader

    def __getattr__(self, name):  # get_source, get_resource_reader ...: the real loader's
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        refused = DRIVER not in sys.modules
        if refused:
            sys.modules[DRIVER] = None  # import psycopg2 -> ImportError, as without the driver
        for name in LATER:
            if name not in sys.modules:
                sys.modules[name] = _Later(name)
        try:
            self.loader.exec_module(module)
        finally:
            if refused and DRIVER in sys.modules and sys.modules[DRIVER] is None:
                del sys.modules[DRIVER]


class _PeeweeFinder:
    """On ``sys.meta_path`` until peewee is imported: finds peewee with the other finders
    (a checkout, a wheel, the PyInstaller bundle alike) and wraps its loader."""

    def find_spec(self, name, path=None, target=None):
        if name != "peewee":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in list(sys.meta_path):
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and DRIVER not in sys.modules:
                    spec.loader = _WithoutDriver(spec.loader)
                return spec
        return None


def install() -> None:
    """Keep psycopg2 out of peewee's import (no-op once peewee is imported)."""
    if "peewee" in sys.modules or any(isinstance(f, _PeeweeFinder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _PeeweeFinder())


def attach() -> None:
    """Import psycopg2 (ImportError when it is not installed) and give peewee what its import
    would have found: the module, its extensions, the JSON and UUID adapters, and the
    transaction states its adapter compares with."""
    import psycopg2
    from psycopg2 import extensions, extras

    import peewee

    if peewee.psycopg2 is not None:
        return
    extras.register_uuid()
    peewee.pg_extensions = extensions
    peewee.pg_register_uuid = extras.register_uuid
    peewee.Json_pg2 = extras.Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    peewee.psycopg2 = psycopg2  # last: "attached" once this is set



class CancelledOnServer(KeyboardInterrupt):
    """Ctrl+C that cancelled a statement running on the server (its transaction rolled back):
    the CLI says so (cli.MSG_CANCELLED_ON_SERVER) besides its ^C."""


def _waiting_cancels(stopped: list):
    """psycopg2's wait callback (as psycopg2.extras.wait_select): wait for the server in
    Python's ``select``, so that Ctrl+C reaches the program while a statement runs; a Ctrl+C
    cancels the statement on the server (``conn.cancel()``) and is kept in ``stopped``. The
    callback itself never raises (psycopg2 would close the connection, and the transaction
    could not be rolled back): the cancelled statement fails as usual."""
    import select

    from psycopg2 import extensions

    def wait(conn) -> None:
        while True:
            try:
                # the loop itself inside the try: Python runs a pending signal's handler where a
                # loop jumps back too, and a KeyboardInterrupt raised there, outside the try,
                # escaped the callback: psycopg2 closed the connection while the server went on
                # with the statement (a wait for a lock then outlived the program)
                while True:
                    state = conn.poll()
                    if state == extensions.POLL_OK:
                        return
                    if state == extensions.POLL_READ:
                        select.select([conn.fileno()], [], [])
                    elif state == extensions.POLL_WRITE:
                        select.select([], [conn.fileno()], [])
                    else:
                        raise conn.OperationalError(f"bad state from poll: {state}")
            except KeyboardInterrupt:
                stopped.append(CancelledOnServer())
                conn.cancel()  # the server answers with the statement's end

    return wait


@contextlib.contextmanager
def ctrl_c_cancels():
    """While inside, Ctrl+C during a statement on a server stops that statement at once and is
    raised as KeyboardInterrupt once the statement's transaction is rolled back (the CLI during
    a long schema step: a blocking psycopg2 call waits in libpq, where Python's Ctrl+C cannot
    reach it, until the statement ends); raised as :class:`CancelledOnServer` when a statement
    was cancelled. Nothing when the driver is not loaded (a SQLite file).
    Not for the window (its Cancel cancels from another thread) nor around COPY, which psycopg2
    refuses while such a callback is set."""
    extensions = sys.modules.get("psycopg2.extensions")
    if extensions is None:
        yield
        return
    stopped: list = []
    previous = extensions.get_wait_callback()
    extensions.set_wait_callback(_waiting_cancels(stopped))
    try:
        yield
    except BaseException:
        if stopped:  # the cancelled statement's error (or what came of it): it was Ctrl+C
            raise stopped[0] from None
        raise
    finally:
        extensions.set_wait_callback(previous)
    if stopped:  # Ctrl+C came as a statement ended by itself
        raise stopped[0]
