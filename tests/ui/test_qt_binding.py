"""The Qt binding must not drop references to None.

PySide6-Essentials 6.12.0 on CPython 3.11 (where None is not immortal) returns None from every
void method (setText, setData, hide, ...) without taking a reference: each call lowers None's
reference count by one, and after about 17,000 calls in the app (some 800 entries in the
wizard) CPython aborts with "Fatal Python error: none_dealloc". 6.11.2 does not, so the pin is
6.11.2 (pyproject.toml, requirements.lock). This test fails on a binding that leaks again, so
an upgrade of the pin is checked before it lands.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(50):  # few: each leaked reference brings the abort nearer
        label.setText("x")
        label.hide()
    # The leaking binding loses one reference per call (100 here); other work of the
    # interpreter may add a few, never take them away by the hundred.
    assert sys.getrefcount(None) > before - 10


def test_a_long_session_of_entries_does_not_abort(qapp):
    """20,000 void calls: more than the 17,000 that aborted the app under the leaking binding
    (run in this process: a leak would abort the test run itself, which fails CI too)."""
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(20000):
        label.setText(str(i % 10))
    assert sys.getrefcount(None) > before - 10


FEATURE_HOOK = """
import sys
import PySide6.QtCore
features = sys.modules["PySide6.support.feature"].pyside_feature_dict
import colorsys
print("BEFORE", "colorsys" in features)
import ui.app
import difflib
print("AFTER", "difflib" in features)
from PySide6.QtGui import QTextDocument
print("QT", QTextDocument.__name__)
"""


def test_modules_imported_after_the_app_are_not_read_by_pyside():
    """PySide6's feature hook reads the source of every module imported after it (55-60 ms on
    the way to the first plan); ui.app takes it off. A binding that hooks imports another way
    fails here: BEFORE shows the hook at work, AFTER that it no longer is. Qt classes still
    import afterwards (PySide6's lazy-loading import stays)."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", FEATURE_HOOK], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert out.split() == ["BEFORE", "True", "AFTER", "False", "QT", "QTextDocument"], out


def test_no_module_asks_for_a_pyside_feature():
    """Taking the feature hook off is safe only while no module uses
    ``from __feature__ import snake_case`` (or true_property): such a module would import
    without its feature and break on its first snake_case call."""
    import re
    from pathlib import Path

    asks = re.compile(r"^\s*(from\s+__feature__\s+import|import\s+__feature__)", re.MULTILINE)
    root = Path(__file__).resolve().parents[2]
    users = [str(p.relative_to(root)) for folder in ("leptodesk", "ui", "bench", "tools")
             for p in (root / folder).rglob("*.py")
             if asks.search(p.read_text(encoding="utf-8"))]
    assert users == []
    assert asks.search("x = 1\n    from __feature__ import snake_case\n")  # what it looks for
