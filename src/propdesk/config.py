"""Where PropDesk keeps its data: database, backups and logs in the user's data folder.

``PROPDESK_HOME`` moves the whole folder; ``PROPDESK_DB`` (or ``--db``) points at another database.
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


def default_db_path() -> Path:
    return data_dir() / "propdesk.db"


def database_location(cli_value: str | None = None) -> str:
    return cli_value or os.environ.get("PROPDESK_DB") or str(default_db_path())


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
