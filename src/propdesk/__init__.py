"""PropDesk: the front desk of a property-management office (物业服务中心)."""

from propdesk import pg_driver as _pg_driver

__version__ = "0.1.0"

_pg_driver.install()  # a SQLite desk starts without psycopg2 (pg_driver.py)
