"""A function's docstring is its first statement: a string put after a check (as
complaints.handling_rounds had after its permission check) is not its docstring, so help()
and the tools that read __doc__ showed nothing."""
import ast
from pathlib import Path

import propdesk

SOURCE = Path(propdesk.__file__).parent


def test_no_docstring_after_the_first_statement():
    late = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for statement in node.body[1:]:
                    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
                            and isinstance(statement.value.value, str):
                        late.append(f"{path.relative_to(SOURCE)}:{statement.lineno} {node.name}")
    assert late == []


def test_handling_rounds_has_its_docstring():
    from propdesk.services.cases import complaints

    assert complaints.handling_rounds.__doc__.startswith("The earlier handling rounds")
