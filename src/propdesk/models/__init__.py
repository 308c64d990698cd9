"""peewee models and the database bootstrap. No rules, no Qt."""
from propdesk.models.db import SCHEMA_VERSION, init_db, is_sqlite  # noqa: F401 - the package's public names
from propdesk.models.tables import *  # noqa: F403 - every table under propdesk.models
from propdesk.models.tables import database  # noqa: F401 - the package's public names
