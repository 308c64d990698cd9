"""Qt widgets: thin views over services. No business rules here."""
from propdesk.ui import pyside_quirks as _pyside_quirks

_pyside_quirks.quicker_feature_check()
