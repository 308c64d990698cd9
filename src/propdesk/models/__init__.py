"""peewee models and the database bootstrap. No rules, no Qt."""
from propdesk.models.db import SCHEMA_VERSION, init_db, is_sqlite  # noqa: F401
from propdesk.models.tables import *  # noqa: F401,F403
from propdesk.models.tables import database  # noqa: F401
