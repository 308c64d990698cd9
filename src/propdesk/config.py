"""Where PropDesk keeps its data: database, backups and logs in the user's data folder.

``PROPDESK_HOME`` moves the whole folder; ``PROPDESK_DB`` (or ``--db``) points at another database.
A desk that chose "connect to the office's server" at its first start remembers the server in
``server.txt`` (a ``postgresql://`` URL without a password) and the password in ``pgpass.conf``,
PostgreSQL's own password-file format, readable by this account only, which the driver reads
itself (``PGPASSFILE``): the password is never in the URL, the settings or the logs.
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
PASS_FILE = "pgpass.conf"


def saved_server() -> str | None:
    """The office server this desk connects to (its first-start choice), if any."""
    path = data_dir() / SERVER_FILE
    url = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if url:
        use_password_file()
    return url or None


def use_password_file() -> None:
    """Point the PostgreSQL driver at this desk's password file (unless one is set already)."""
    path = data_dir() / PASS_FILE
    if path.is_file():
        os.environ.setdefault("PGPASSFILE", str(path))


def server_url(host: str, port: int, database: str, user: str) -> str:
    from urllib.parse import quote

    return f"postgresql://{quote(user, safe='')}@{host}:{int(port)}/{quote(database, safe='')}"


def remember_server(host: str, port: int, database: str, user: str, password: str) -> str:
    """Keep this desk's server (and its password in the password file); returns the URL."""
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace(":", "\\:")

    url = server_url(host, port, database, user)
    passfile = data_dir() / PASS_FILE
    if password:
        fd = os.open(passfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(":".join(esc(x) for x in (host, str(int(port)), database, user, password)) + "\n")
        os.chmod(passfile, 0o600)
    (data_dir() / SERVER_FILE).write_text(url + "\n", encoding="utf-8")
    os.environ["PGPASSFILE"] = str(passfile)
    return url


def forget_server() -> None:
    for name in (SERVER_FILE, PASS_FILE):
        (data_dir() / name).unlink(missing_ok=True)


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
