"""Qt widgets: thin views over services. No business rules here."""
from propdesk.ui import qt_imports as _qt_imports

_qt_imports.quicker_feature_check()
