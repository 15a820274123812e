"""The case being edited, its file and its live plan. Pages edit it only through the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from leptodesk.editing import with_field
from leptodesk.errors import FieldError, InvalidInput
from leptodesk.models import Case, Plan
from leptodesk.rules import build_plan


class CaseState(QObject):
    changed = Signal()  # a field changed: the plan is new
    replaced = Signal()  # a whole case was loaded: widgets reload

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case = Case(schema_version=1)
        self.plan: Plan = build_plan(self.case)
        self.path: Path | None = None
        self.dirty = False

    def set_field(self, path: str, value: object) -> list[FieldError]:
        """Apply one entered value; on error the case keeps its last valid value."""
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
        self.case = case
        self.plan = build_plan(case)
        self.path = path
        self.dirty = False
        self.replaced.emit()
        self.changed.emit()
