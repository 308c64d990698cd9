"""Qt widgets: thin views over services. No business rules here."""
from propdesk.ui import start_gc as _start_gc

_start_gc.while_starting()  # until the main window's first paint (start_gc.started); before PySide6's import

from propdesk.ui import pyside_quirks as _pyside_quirks  # noqa: E402 - after the collector's thresholds

_pyside_quirks.quicker_feature_check()
