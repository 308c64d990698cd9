"""Settings -> Office setup (issue #11): profile, staff, departments and categories, deadlines,
working calendar, estates and buildings, price list. Widgets only: the rules are in
``services.office``, ``office_profile``, ``office_lists``, ``staff_admin``, ``structure`` and
``calendar_admin``."""
from propdesk.ui.setup.dialog import SetupDialog

__all__ = ["SetupDialog"]
