"""Feature packages import each other's models and services, never their forms (issue 28,
item 4): a form parses one page's input, so the fields and labels that several features
share live in the owning package's fields.py or labels.py, or in core. The money's parts
(app/money/funds, requests, review, settlement) count as packages of their own, and they
import each other without a cycle, on the ledger that imports none of them (item 6)."""

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


def _imports(path: Path) -> list[str]:
    return list(_imported_modules(ast.parse(path.read_text(), filename=str(path))))


def _forms_imports(path: Path, root: Path = APP) -> list[str]:
    """The other packages' forms modules that the module at `path` (under `root`) imports."""
    own = ".".join(path.relative_to(root).parts[:-1]) or None  # None: the app factory, the CLI
    found = []
    for module in _imports(path):
        names = module.split(".")
        if len(names) >= 3 and names[0] == "app" and names[-1] == "forms":
            package = ".".join(names[1:-1])
            if package not in SHARED and package != own:
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
        "from app.money.review.forms import AdviceForm\n"
    )
    assert _forms_imports(module, tmp_path / "app") == [
        "app.places.forms",
        "app.activities.forms",
        "app.agenda.forms",
        "app.money.review.forms",
    ]
    settlement = tmp_path / "app" / "money" / "settlement"
    settlement.mkdir(parents=True)
    (settlement / "routes.py").write_text(
        "from app.money.settlement.forms import AccountForm\nfrom app.money.review.forms import CheckForm\n"
    )
    assert _forms_imports(settlement / "routes.py", tmp_path / "app") == ["app.money.review.forms"]


# The ledger and what it stands on: the fund's models and who sits in its regie-group.
BASE = {"models", "ledger", "regie"}
# Where the parts come together (the blueprints, the rules): they import every part.
ASSEMBLY = {"routes", "policy"}


def _money_graph(root: Path) -> dict[str, set[str]]:
    """Each money module (app.money.…) with the money modules it imports."""
    money = root / "money"
    modules = {
        ".".join(("app", *path.relative_to(root).with_suffix("").parts)): path
        for path in money.rglob("*.py")
        if path.name != "__init__.py"  # they import nothing: a package is the modules in it
    }
    # `from app.money.requests import queries` names a module; `from app.money.models import Fund` does not.
    return {name: {module for module in _imports(path) if module in modules} for name, path in modules.items()}


def _part(module: str) -> str:
    """app.money.review.routes -> review; the modules at the top are their own part."""
    return module.split(".")[2]


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph (its nodes in order, the first again at the end), or []."""
    state: dict[str, str] = {}

    def visit(node, path):
        state[node] = "open"
        for following in sorted(graph.get(node, ())):
            if state.get(following) == "open":
                return [*path[path.index(following) :], following]
            if following not in state and (found := visit(following, [*path, following])):
                return found
        state[node] = "done"
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node, [node])):
            return found
    return []


def _parts_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    parts: dict[str, set[str]] = {}
    for module, imported in graph.items():
        if _part(module) not in ASSEMBLY:
            parts.setdefault(_part(module), set()).update(_part(m) for m in imported if _part(m) != _part(module))
    return parts


def test_the_money_modules_import_each_other_without_a_cycle():
    assert _cycle(_money_graph(APP)) == []


def test_the_money_parts_import_each_other_without_a_cycle_on_the_ledger():
    parts = _parts_graph(_money_graph(APP))
    assert {"funds", "requests", "review", "settlement"} <= set(parts)
    assert _cycle(parts) == []
    for base in BASE:
        assert parts[base] <= BASE, base  # the ledger imports nothing of the parts built on it


def test_the_reading_finds_a_cycle(tmp_path):
    """The checks above can fail: a cycle between two parts, through modules that are not one."""
    root = tmp_path / "app"
    for folder in ("money/requests", "money/settlement"):
        (root / folder).mkdir(parents=True)
    (root / "money" / "ledger.py").write_text("from app.money.requests.models import VoucherRequest\n")
    (root / "money" / "requests" / "models.py").write_text("")
    (root / "money" / "requests" / "routes.py").write_text("from app.money.settlement import services\n")
    (root / "money" / "settlement" / "services.py").write_text("from app.money.requests import routes\n")
    graph = _money_graph(root)
    assert _cycle(graph) == ["app.money.requests.routes", "app.money.settlement.services", "app.money.requests.routes"]
    parts = _parts_graph(graph)
    assert _cycle(parts) == ["requests", "settlement", "requests"]
    assert parts["ledger"] == {"requests"}
