"""The apps depend on each other in one direction only: `frontend` may use `submissions` and
`conditions`, `submissions` may use `conditions`, and `conditions` uses neither; `accounts`
uses none of them; `security` may use all but `frontend`, and none uses it."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
MAY_NOT_IMPORT = {
    "conditions": {"frontend", "submissions", "accounts", "security"},
    "submissions": {"frontend", "accounts", "security"},
    "accounts": {"frontend", "submissions", "conditions", "security"},
    "frontend": {"security"},
    # The top layer: it listens to the others' signals and none of them imports it.
    "security": {"frontend"},
}


def imported_apps(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(), filename=str(module))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("app", sorted(MAY_NOT_IMPORT))
def test_an_app_imports_no_app_above_it(app):
    offending = {
        str(module.relative_to(PROJECT)): sorted(imported_apps(module) & MAY_NOT_IMPORT[app])
        for module in (PROJECT / app).rglob("*.py")
        if imported_apps(module) & MAY_NOT_IMPORT[app]
    }

    assert offending == {}


SKIPPED_FOLDERS = {".venv", "migrations", "tests", "node_modules", "staticfiles", ".pytest-tmp"}


def project_files(pattern: str):
    for path in PROJECT.rglob(pattern):
        if not SKIPPED_FOLDERS & set(path.relative_to(PROJECT).parts):
            yield path


@pytest.mark.parametrize(("pattern", "most"), [("*.py", 400), ("*.js", 300)])
def test_no_module_is_too_long_to_read_in_one_sitting(pattern, most):
    """Python modules outside migrations and tests at most 400 lines, JavaScript files at most
    300 (the pinned libraries under static files, minified, excepted)."""
    lengths = {
        str(path.relative_to(PROJECT)): len(path.read_text().splitlines())
        for path in project_files(pattern)
        if not path.name.endswith(".min.js")
    }

    assert lengths, pattern
    assert {path: length for path, length in lengths.items() if length > most} == {}
