"""A desk joins the office's PostgreSQL server (the first-start choice "connect to the office's
server"): the connection is tried, and only a connection that works is remembered for this desk
(``config.remember_server``: the URL in the data folder, the password in PostgreSQL's own
password file, readable by this account only; never in the URL, the settings or the logs).
"""
from __future__ import annotations

import os

from propdesk import config
from propdesk.i18n import QT_TRANSLATE_NOOP
from propdesk.models import init_db
from propdesk.services.core.validation import Checker

MSG_PORT = QT_TRANSLATE_NOOP("rules", "{label}: a number from 1 to 65535.")


def connect(host: str, port: int | str, database: str, user: str, password: str) -> str:
    """Open the server's database (its tables are made on the first desk's start), then
    remember it for this desk. Returns the URL (no password in it). A server that cannot be
    reached or refuses the password raises DatabaseUnavailable with its reason, and nothing is
    remembered."""
    c = Checker()
    host = c.text("server_host", host, required=True, max_len=200)
    database = c.text("server_database", database, required=True, max_len=63)
    user = c.text("server_user", user, required=True, max_len=63)
    try:
        port = int(str(port).strip())
    except ValueError:
        port = 0
    if not 0 < port < 65536:
        c.fail("server_port", MSG_PORT)
    c.raise_if_any()
    url = config.server_url(host, port, database, user)
    before = os.environ.get("PGPASSWORD")
    os.environ["PGPASSWORD"] = password  # for this first connection only
    try:
        init_db(url)
    finally:
        if before is None:
            os.environ.pop("PGPASSWORD", None)
        else:
            os.environ["PGPASSWORD"] = before
    return config.remember_server(host, port, database, user, password)
