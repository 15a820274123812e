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
