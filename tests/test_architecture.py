"""The shape issue 10 gave the code, kept: the import-linter contracts of pyproject.toml (layers one way, no
feature importing another's views, no import cycles) and the rules that have one place each (who may do what,
the office clock). A wrong arrow or a role tuple in a view fails the suite.

The same checks count what the closing notes quote: `python -m tests.test_architecture` prints them.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "intl"
ROLE_NAMES = {"admin", "officer", "intern", "leader"}


def lint_imports() -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def python_files():
    return sorted(PACKAGE.rglob("*.py"))


def is_access_module(path: Path) -> bool:
    return path.name == "access.py" or path.parent.name == "access"


def role_literals(path: Path) -> list[str]:
    """Role names used as rules outside an access module: tuples/sets/lists of role names, and comparisons
    of a role with a name (`user.role == "admin"`, `role in ("admin", ...)`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple | ast.Set | ast.List):
            names = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(names) >= 2 and set(names) <= ROLE_NAMES:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {names}")
        if isinstance(node, ast.Compare) and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops):
            sides = [node.left, *node.comparators]
            is_role = any(isinstance(s, ast.Attribute) and s.attr == "role" for s in sides)
            has_name = any(isinstance(s, ast.Constant) and s.value in ROLE_NAMES for s in sides)
            if is_role and has_name:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} role comparison")
    return found


def in_function_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    return found


def counts() -> dict[str, list[str]]:
    files = python_files()
    templates = sorted((ROOT / "templates").rglob("*.html"))
    return {
        "role rules outside access modules": [
            hit for path in files if not is_access_module(path) for hit in role_literals(path)
        ],
        "get_*_or_404 helpers": [
            f"{path.relative_to(ROOT)}:{n}"
            for path in files
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.match(r"\s*def get_\w+_or_404\(", line)
        ],
        "db.session.get(...) or abort(404)": [
            f"{path.relative_to(ROOT)}:{n}"
            for path in files
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"db\.session\.get\(.*\)\s*or\s*abort\(404\)", line)
        ],
        "has_role( in templates": [
            f"{path.relative_to(ROOT)}:{n}"
            for path in templates
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if "has_role(" in line
        ],
        "hard-coded office zone": [
            f"{path.relative_to(ROOT)}:{n}"
            for path in [*files, *templates]
            if path.relative_to(ROOT).as_posix() not in {"intl/core/time.py"}
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if "Asia/Taipei" in line
        ],
        "imports inside functions": [hit for path in files for hit in in_function_imports(path)],
    }


def test_the_import_contracts_are_kept():
    result = lint_imports()
    assert "Contracts" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout and result.returncode == 0, result.stdout[-4000:]


def test_who_may_do_what_is_asked_of_the_access_layer_only():
    found = counts()
    for name in (
        "role rules outside access modules",
        "get_*_or_404 helpers",
        "db.session.get(...) or abort(404)",
    ):
        assert found[name] == [], name
    assert found["has_role( in templates"] == []


def test_the_office_zone_is_a_setting():
    assert counts()["hard-coded office zone"] == []


# Libraries imported only where they are used, never at the top of a module: each would be loaded by every web
# worker at start and kept for its life (issue 12: a worker under 120 MB). The resident memory each adds:
HEAVY_LIBRARIES = {
    "docx": "python-docx, printed letters",
    "weasyprint": "WeasyPrint, PDF printing (some 40 MB with its fonts)",
    "pypdf": "16 MB, reading uploaded PDFs",
    "openpyxl": "13 MB, writing XLSX exports",
    "python_calamine": "1 MB, reading uploaded spreadsheets",
    "icu": "PyICU, 18 MB, collation keys when names are saved; era dates on printed documents",
    "vobject": "vCard export",
    "icalendar": "6 MB, writing calendars: an engagement saved, a feed that changed",
    "holidays": "7 MB, every country's holidays: counting working days, showing a holiday",
    "zxcvbn": "12 MB of dictionaries, only where a password is set",
    "huey": "the job queue: huey brings redis and psycopg (some 30 MB); made at first use",
    "psycopg": "the PostgreSQL driver, which SQLAlchemy loads on PostgreSQL only; imports' COPY uses it there",
    "flask_migrate": "Flask-Migrate with Alembic (10 MB): commands and tests, never a web worker",
    "requests": "5 MB, the directory's check command",
    "ldap3": "5 MB, the directory's check command",
    "cryptography": "8 MB, sealing the directory's tokens",
}
# Our own modules that wrap such libraries at their top, imported where used for the same reason.
HEAVY_MODULES = {
    "intl.directory.providers": "ldap3, authlib, requests: only where a directory is configured",
}


def absolute_module(path: Path, node: ast.ImportFrom) -> str:
    """The module a relative `from .x import y` names, from the file it is written in."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]  # a module's package, or __init__'s own
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def test_imports_sit_at_the_top_of_modules():
    # The few left import a heavy library only where it is used (HEAVY_LIBRARIES says why each).
    heavy = set(HEAVY_LIBRARIES)
    leftovers = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import):
                        names = [alias.name.split(".")[0] for alias in inner.names]
                    elif isinstance(inner, ast.ImportFrom) and not inner.level:
                        names = [(inner.module or "").split(".")[0]]
                    elif isinstance(inner, ast.ImportFrom):
                        names = [absolute_module(path, inner)]
                    else:
                        continue
                    if not set(names) <= heavy | set(HEAVY_MODULES):
                        leftovers.append(f"{path.relative_to(ROOT)}:{inner.lineno} {names}")
    assert leftovers == []


def test_a_served_worker_loads_none_of_the_heavy_libraries(tmp_path):
    # What gunicorn loads (wsgi.py, outside any command): none of the libraries above, nor Alembic.
    probe = (
        "import sys, wsgi; "
        f"print(sorted(n for n in {sorted({*HEAVY_LIBRARIES, *HEAVY_MODULES, 'alembic'})!r} if n in sys.modules))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "INTL_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "INTL_INSTANCE_PATH": str(tmp_path),
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "SECRET_KEY": "probe",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


if __name__ == "__main__":
    for name, hits in counts().items():
        print(f"{len(hits):5}  {name}")
    print(lint_imports().stdout.splitlines()[-1])
