"""Errors a clerk can read.

Messages are English source strings marked for the translation catalogue; the UI and the CLI
show them through :func:`propdesk.i18n.translate`, so a clerk reads them in Chinese.
"""
from __future__ import annotations

from propdesk.i18n import QT_TRANSLATE_NOOP, translate


class RuleError(Exception):
    """An office rule refused the action. ``message`` is an English source string with
    ``{placeholders}`` filled from ``params`` after translation."""

    context = "rules"

    def __init__(self, message: str, field: str | None = None, **params):
        super().__init__(message)
        self.message = message
        self.field = field
        self.params = params

    def text(self) -> str:
        """The message in the current UI language, with its parameters filled in."""
        return translate(self.context, self.message).format(**self.params)

    def __str__(self) -> str:  # logs and CLI
        return self.text()


class ValidationError(RuleError):
    """One or more fields are missing or malformed. ``errors`` maps field -> RuleError."""

    def __init__(self, errors: dict[str, RuleError]):
        first = next(iter(errors.values()))
        super().__init__(first.message, first.field, **first.params)
        self.errors = errors

    def text(self) -> str:
        return "\n".join(e.text() for e in self.errors.values())

    def in_order(self, fields: list[str]) -> "ValidationError":
        """The same problems in the order a form shows its fields (top to bottom), so that the
        message and the focus start at the first wrong field; fields not named go last."""
        rank = {name: i for i, name in enumerate(fields)}
        ordered = sorted(self.errors.items(), key=lambda kv: rank.get(kv[0], len(rank)))
        return ValidationError(dict(ordered))


class PermissionDenied(RuleError):
    """The signed-in person's role does not allow the action."""


class NotFound(RuleError):
    pass


# Messages used in more than one module.
MSG_REQUIRED = QT_TRANSLATE_NOOP("rules", "{label} is required.")
