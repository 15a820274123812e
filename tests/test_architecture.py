"""The core never imports Qt or the UI (also enforced by import-linter in tools/test.sh)."""

import ast
import subprocess
import sys

from .conftest import ROOT

FORBIDDEN = ("PySide6", "shiboken6", "ui")


def test_no_core_module_imports_qt_or_ui():
    offenders = []
    for path in (ROOT / "leptodesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        "leptodesk." + ".".join(p.relative_to(ROOT / "leptodesk").with_suffix("").parts)
        for p in (ROOT / "leptodesk").rglob("*.py") if p.name != "__main__.py")
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in "
            f"{FORBIDDEN!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.strip()
    assert out == "[]"


def _contracts() -> dict[str, dict]:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["type"]: c for c in data["tool"]["importlinter"]["contracts"]
            if c["type"] != "forbidden" or c["source_modules"] != ["leptodesk"]}


def _graph():
    import grimp

    return grimp.build_graph("leptodesk", cache_dir=None)


def _circles(graph, ignored: set[tuple[str, str]]) -> list[list[str]]:
    """The import circles between modules (strongly connected components, Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph.find_modules_directly_imported_by(module):
            if not other.startswith("leptodesk") or (module, other) in ignored:
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            circle = []
            while True:
                top = stack.pop()
                circle.append(top)
                if top == module:
                    break
            if len(circle) > 1:
                found.append(sorted(circle))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_circle_between_core_modules():
    """Imports inside functions count: they close a circle as surely as those at the top."""
    assert _circles(_graph(), set()) == []


def test_the_circle_finder_finds_a_circle():
    class Graph:
        modules = {"leptodesk.a", "leptodesk.b", "leptodesk.c"}
        edges = {"leptodesk.a": {"leptodesk.b"}, "leptodesk.b": {"leptodesk.c"},
                 "leptodesk.c": {"leptodesk.a"}}

        def find_modules_directly_imported_by(self, module):
            return self.edges[module]

    assert _circles(Graph(), set()) == [["leptodesk.a", "leptodesk.b", "leptodesk.c"]]
    assert _circles(Graph(), {("leptodesk.c", "leptodesk.a")}) == []


def _core_children() -> set[str]:
    children = {f"leptodesk.{p.stem}" for p in (ROOT / "leptodesk").glob("*.py")
                if p.stem not in ("__init__", "__main__")}
    return children | {f"leptodesk.{p.parent.name}"
                       for p in (ROOT / "leptodesk").glob("*/__init__.py")}


def test_every_core_module_has_its_layer():
    """A new module or package of the core is placed in the layers contract, else nothing
    would say which way its imports may go."""
    layers = _contracts()["layers"]["layers"]
    named = {item.strip().strip("()") for layer in layers
             for item in layer.replace("|", ":").split(":")}
    assert _core_children() - named == set()


def test_front_ends_are_kept_from_all_of_the_core_but_the_door_and_its_vocabulary():
    """The wizard, the command line and the self-test reach the service, the models, the
    view, the catalogue, the error types and the languages; every other module of the core is
    forbidden to them, with no import let through."""
    front = _contracts()["forbidden"]
    assert front["source_modules"] == ["ui", "leptodesk.commands", "leptodesk.selftest"]
    shared = {"leptodesk.service", "leptodesk.models", "leptodesk.view", "leptodesk.i18n",
              "leptodesk.errors", "leptodesk.languages"}
    front_ends = {"leptodesk.cli", "leptodesk.commands", "leptodesk.selftest"}
    assert set(front["forbidden_modules"]) == _core_children() - shared - front_ends
    assert "ignore_imports" not in front


def test_the_door_is_light_to_import():
    """The wizard's settings ask the service for the data folder before the first page: the
    package loads its door, rooms and answers only when they are named."""
    code = ("import sys\n"
            "import leptodesk.service as s\n"
            "s.data_folder()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('leptodesk', 'pydantic'))))\n"
            "s.Refused\n"
            "print('leptodesk.service.results' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split("\n")
    assert out[0] == "['leptodesk', 'leptodesk.service', 'leptodesk.site']"
    assert out[1] == "True"
