"""Every kind of record and every action the program writes into the audit log has a label, so
the audit log viewer and its export never show a bare code such as ``incident`` or ``contact``
(seen in the viewer at session 6: the incidents', fees', holds' and setup's entries).

The codes are read from the source: each ``audit.record(actor, entity, id, action, ...)`` and
``audit_log.record_output(actor, action, entity, ...)`` call, with a name resolved through the
module's string constants (``ENTITY = "incident"``) and both sides of ``a if x else b``; the few
calls whose codes come from a parameter are listed below with the codes their callers pass."""
from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from propdesk.i18n import translate
from propdesk.services.core import audit_log
from propdesk.services.core.audit_log import ACTION_LABELS, ENTITY_LABELS
from propdesk.services.setup import office_lists

SRC = Path(audit_log.__file__).resolve().parents[2]

# codes that reach audit.record through a parameter (the callers' values, read by hand)
PASSED_ENTITIES = set(office_lists.ORDERED) | {"setting", "staff", "permission"}
PASSED_ACTIONS = {"restore_defaults", "change", "sign_out", "lock"}
# a module's own helper that writes the entry, and which argument is the action: its calls are
# read too (the complaints' and work orders' steps, the calendar's writes)
HELPERS = {("complaints.py", "_save"): 2, ("workorders.py", "_save"): 2,
           ("calendar_admin.py", "_write"): 2}


def _codes(node, consts: dict[str, str]) -> set[str] | None:
    """The strings an argument can be, or None when it cannot be told from the source."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Name) and node.id in consts:
        return {consts[node.id]}
    if isinstance(node, ast.Attribute) and node.attr == "ENTITY":  # backup.ENTITY
        return {"database"}
    if isinstance(node, ast.IfExp):
        a, b = _codes(node.body, consts), _codes(node.orelse, consts)
        return a | b if a is not None and b is not None else None
    if isinstance(node, ast.BoolOp):  # entity or 'permission'
        parts = [_codes(v, consts) for v in node.values]
        return set().union(*[p for p in parts if p is not None]) or None
    return None


def _written() -> tuple[set[str], set[str], list[str]]:
    entities, actions, unknown = set(), set(), []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "__main__.py":  # (running it is the command line)
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = importlib.import_module(".".join(path.relative_to(SRC.parent).with_suffix("").parts))
        # the module's string constants, its own and imported ones (ENTITY, SETTING)
        consts = {name: value for name, value in vars(module).items()
                  if name.isupper() and isinstance(value, str)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            helper = HELPERS.get((path.name, getattr(node.func, "id", None)))
            if helper is not None and len(node.args) > helper:
                codes = _codes(node.args[helper], consts)
                if codes is not None:
                    actions |= codes
                continue
            if not isinstance(node.func, ast.Attribute):
                continue
            owner = node.func.value.id if isinstance(node.func.value, ast.Name) else None
            if owner == "audit" and node.func.attr == "record" and len(node.args) >= 4:
                entity, action = node.args[1], node.args[3]
            elif owner == "audit_log" and node.func.attr == "record_output" and len(node.args) >= 3:
                action, entity = node.args[1], node.args[2]
            else:
                continue
            for arg, found in ((entity, entities), (action, actions)):
                codes = _codes(arg, consts)
                if codes is None:
                    unknown.append(f"{path.relative_to(SRC)}:{node.lineno} {ast.unparse(arg)}")
                else:
                    found |= codes
    return entities, actions, unknown


def test_every_entity_and_action_written_has_a_label():
    entities, actions, _unknown = _written()
    assert len(entities) > 15 and len(actions) > 50  # the scan finds the calls
    assert sorted((entities | PASSED_ENTITIES) - set(ENTITY_LABELS)) == []
    assert sorted((actions | PASSED_ACTIONS) - set(ACTION_LABELS)) == []


def test_the_codes_read_from_parameters_are_the_ones_listed():
    """A new call whose codes come from a parameter must be looked at (and its callers' codes
    added to PASSED_* above): the calls that cannot be read from the source are these."""
    _entities, _actions, unknown = _written()
    assert sorted(re.sub(r":\d+ ", " ", u) for u in unknown) == [
        "services/cases/callback_results.py entity",  # the case's (complaint, work order)
        "services/cases/callback_results.py entity",
        "services/cases/complaints.py action",  # _save: its calls are read (HELPERS)
        "services/cases/holds.py entity",  # the case's
        "services/cases/holds.py entity",
        "services/cases/workorders.py action",  # _save (HELPERS)
        "services/core/accounts.py reason",  # sign_out: sign_out, lock (PASSED_ACTIONS)
        "services/core/audit_log.py action",  # record_output: its calls are read
        "services/core/audit_log.py entity",
        "services/setup/calendar_admin.py action",  # _write (HELPERS)
        "services/setup/office.py action",  # change, restore_defaults (PASSED_ACTIONS)
        "services/setup/office_lists.py entity",  # office_lists.ORDERED (PASSED_ENTITIES)
        "services/setup/office_lists.py entity",
        "services/setup/office_lists.py entity",
    ], unknown


@pytest.mark.parametrize("code", sorted(ENTITY_LABELS))
def test_entity_labels_are_in_chinese(code):
    text = audit_log.entity_label(code)
    assert text and text != code and not text.isascii()


@pytest.mark.parametrize("code", sorted(ACTION_LABELS))
def test_action_labels_are_in_chinese(code):
    assert not audit_log.action_label(code).isascii()


def test_translate_is_what_the_labels_use():
    assert audit_log.action_label("contact") == translate("audit", ACTION_LABELS["contact"])
