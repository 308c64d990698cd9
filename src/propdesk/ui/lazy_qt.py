"""Qt's namespace of enums (``Qt.AlignRight``, ``Qt.Key_Return``, ...), looked up when first used.

PySide6 builds all of the namespace's Python enums (93 of them, ~15 ms of CPU, a seventh of a
bare window's whole start) the first time anything touches it: an import of ``Qt`` from
``PySide6.QtCore``, and also any call whose argument or result is one of its enums. The
windows import this stand-in instead, so the namespace is built when the first screen has
been drawn (the window's warm-up touches it then), not while it is being built.
"""
from __future__ import annotations


class _LazyQt:
    def __getattr__(self, name: str):
        from PySide6.QtCore import Qt

        value = getattr(Qt, name)
        setattr(self, name, value)  # the next lookup is a plain attribute read
        return value


Qt = _LazyQt()


def set_properties(obj, **values: str) -> None:
    """Set Qt properties whose type is one of the namespace's enums by their keys' names, e.g.
    ``alignment="AlignRight|AlignVCenter"``: Qt converts the names in C++, so no Python enum is
    built. A name Qt does not know is a programming error, raised at once."""
    for name, value in values.items():
        if not obj.setProperty(name, value):
            raise ValueError(f"{type(obj).__name__}.{name} cannot be {value!r}")


def set_shortcut(obj, keys: str) -> None:
    """A button's or action's shortcut ("F5", "Ctrl+L"). ``setShortcut`` itself would build the
    namespace (one of its overloads takes a standard key), its property does not."""
    from PySide6.QtGui import QKeySequence

    set_properties(obj, shortcut=QKeySequence(keys))


def build_namespace() -> None:
    """Build the namespace now (the main window does once its first paint is done, so that
    the first key handled in Python does not pay for it)."""
    from PySide6.QtCore import Qt  # noqa: F401 - the import is what builds it
