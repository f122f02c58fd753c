"""Feature packages import each other's models and services, never their forms (issue 28,
item 4): a form parses one page's input, so the fields and labels that several features
share live in the owning package's fields.py or labels.py, or in core."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
SHARED = {"core"}  # core's forms (the base form, its validators) are for every feature


def _imported_modules(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _forms_imports(path: Path, root: Path = APP) -> list[str]:
    """The other packages' forms modules that the module at `path` (under `root`) imports."""
    parts = path.relative_to(root).parts
    own = parts[0] if len(parts) > 1 else None  # None: the app factory, the CLI
    found = []
    for module in _imported_modules(ast.parse(path.read_text(), filename=str(path))):
        names = module.split(".")
        if len(names) == 3 and names[0] == "app" and names[2] == "forms":
            if names[1] not in SHARED and names[1] != own:
                found.append(module)
    return found


def test_no_package_imports_another_packages_forms():
    crossings = {
        str(path.relative_to(APP)): found for path in sorted(APP.rglob("*.py")) if (found := _forms_imports(path))
    }
    assert crossings == {}


def test_the_reading_finds_each_kind_of_import(tmp_path):
    """The check above can fail: a forms import in each spelling is found, the own package's is not."""
    package = tmp_path / "app" / "teams"
    package.mkdir(parents=True)
    module = package / "routes.py"
    module.write_text(
        "import app.places.forms\n"
        "from app.activities.forms import KIND_LABELS\n"
        "from app.agenda import forms\n"
        "from app.teams.forms import TeamForm\n"
        "from app.core.forms import Form\n"
        "from app.places.fields import NeighbourhoodField\n"
    )
    assert _forms_imports(module, tmp_path / "app") == ["app.places.forms", "app.activities.forms", "app.agenda.forms"]
