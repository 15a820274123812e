"""The case being edited, its file and its live plan. Pages edit it only through the core.

The core (pydantic models, rules, content) loads after the first page is on screen: until
:meth:`CaseState.load_core` has run, ``case`` and ``plan`` are None and ``loaded`` is False.
Nothing is ever entered into the case without the core: :meth:`set_field` first asks for the
core (``need_core``, which the main window answers by loading everything), so a value entered
before then goes through ``with_field`` like any other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from leptodesk.errors import FieldError
    from leptodesk.models import Case, Plan


class CaseState(QObject):
    changed = Signal()  # a field changed: the plan is new
    replaced = Signal()  # a whole case was loaded: widgets reload
    need_core = Signal()  # something needs the case before the core has loaded

    def __init__(self, parent: QObject | None = None, *, load_core: bool = True) -> None:
        super().__init__(parent)
        self.case: Case | None = None
        self.plan: Plan | None = None
        self.path: Path | None = None
        self.dirty = False
        if load_core:
            self.load_core()

    @property
    def loaded(self) -> bool:
        return self.case is not None

    def load_core(self) -> None:
        """Import the core and start from the empty case and its plan (once)."""
        if self.case is not None:
            return
        from leptodesk.models import Case
        from leptodesk.rules import build_plan

        case = Case(schema_version=2)
        self.plan = build_plan(case)
        self.case = case

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.need_core.emit()  # the window loads the core and binds its pages
            self.load_core()  # a state without a window

    def set_field(self, path: str, value: object) -> list[FieldError]:
        """Apply one entered value; on error the case keeps its last valid value."""
        self.ensure_loaded()
        from leptodesk.editing import with_field
        from leptodesk.errors import InvalidInput
        from leptodesk.rules import build_plan

        try:
            new = with_field(self.case, path, value)
        except InvalidInput as exc:
            return list(exc.errors)
        if new != self.case:
            self.case = new
            self.plan = build_plan(new)
            self.dirty = True
            self.changed.emit()
        return []

    def replace(self, case: Case, path: Path | None = None) -> None:
        from leptodesk.rules import build_plan

        self.case = case
        self.plan = build_plan(case)
        self.path = path
        self.dirty = False
        self.replaced.emit()
        self.changed.emit()
