"""Where PropDesk keeps its data: database, backups and logs in the user's data folder.

``PROPDESK_HOME`` moves the whole folder; ``PROPDESK_DB`` (or ``--db``) points at another database.
A desk that chose "connect to the office's server" at its first start remembers the server in
``server.txt`` (a ``postgresql://`` URL without a password) and the password in
``server-password.bin``, protected as ``propdesk.desk_secret`` says (Windows: DPAPI, per user),
handed to the driver in memory: never in the URL, the environment, the settings or the logs.
(A ``pgpass.conf`` from an older PropDesk is moved into it at the next start and deleted.)
``export-folders.txt`` lists the folders this desk exported into lately (``services.core.
leftovers``: their leftovers of killed exports are removed at the program's next start).
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "PropDesk"


def data_dir() -> Path:
    home = os.environ.get("PROPDESK_HOME")
    path = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def documents_dir() -> Path:
    """Where the command line writes a report given no file name: the user's Documents folder
    (the folder the window's save dialogs open in), or the home folder where there is none."""
    path = Path(platformdirs.user_documents_dir())
    return path if path.is_dir() else Path.home()


def default_db_path() -> Path:
    return data_dir() / "propdesk.db"


def database_location(cli_value: str | None = None) -> str:
    return (cli_value or os.environ.get("PROPDESK_DB") or saved_server()
            or str(default_db_path()))


SERVER_FILE = "server.txt"
PASSWORD_FILE = "server-password.bin"
OLD_PASS_FILE = "pgpass.conf"  # PostgreSQL's plain password file, as PropDesk kept it before


def saved_server() -> str | None:
    """The office server this desk connects to (its first-start choice), if any."""
    path = data_dir() / SERVER_FILE
    url = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if url:
        _move_old_password_file(url)
    return url or None


def _account(url: str) -> str:
    """user@host:port/database of a server URL: what a remembered password belongs to."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    return (f"{unquote(parts.username or '')}@{parts.hostname or 'localhost'}:{parts.port or 5432}"
            f"/{unquote(parts.path.lstrip('/'))}")


def server_password(url: str) -> str | None:
    """The password this desk remembered for the server of ``url`` (None: none for it)."""
    from propdesk import desk_secret

    saved = data_dir() / SERVER_FILE
    if not saved.is_file() or _account(saved.read_text(encoding="utf-8").strip()) != _account(url):
        return None
    return desk_secret.load(data_dir() / PASSWORD_FILE, _account(url))


def _move_old_password_file(url: str) -> None:
    """A plain pgpass.conf written by an older PropDesk: its password moves into the protected
    file, the plain file is deleted."""
    old = data_dir() / OLD_PASS_FILE
    if not old.is_file():
        return
    import re

    try:
        line = old.read_text(encoding="utf-8").splitlines()[0]
        fields = [f.replace("\\:", ":").replace("\\\\", "\\")
                  for f in re.split(r"(?<!\\):", line, maxsplit=4)]
        if len(fields) == 5 and not (data_dir() / PASSWORD_FILE).exists():
            from propdesk import desk_secret

            desk_secret.store(data_dir() / PASSWORD_FILE, _account(url), fields[4])
    except (OSError, IndexError, UnicodeDecodeError):
        return
    old.unlink(missing_ok=True)


def server_url(host: str, port: int, database: str, user: str) -> str:
    from urllib.parse import quote

    return f"postgresql://{quote(user, safe='')}@{host}:{int(port)}/{quote(database, safe='')}"


def remember_server(host: str, port: int, database: str, user: str, password: str) -> str:
    """Keep this desk's server (and its password, protected: propdesk.desk_secret); returns
    the URL."""
    from propdesk import desk_secret

    url = server_url(host, port, database, user)
    desk_secret.forget(data_dir() / PASSWORD_FILE, None)
    if password:
        desk_secret.store(data_dir() / PASSWORD_FILE, _account(url), password)
    (data_dir() / SERVER_FILE).write_text(url + "\n", encoding="utf-8")
    (data_dir() / OLD_PASS_FILE).unlink(missing_ok=True)
    return url


def forget_server() -> None:
    from propdesk import desk_secret

    saved = saved_server()
    desk_secret.forget(data_dir() / PASSWORD_FILE, _account(saved) if saved else None)
    for name in (SERVER_FILE, OLD_PASS_FILE):
        (data_dir() / name).unlink(missing_ok=True)


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
