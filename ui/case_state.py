"""The case being edited, its file and its live plan. Pages edit it only through the core.

The plan comes from the core service (``leptodesk.service.get_service``), the same one that
signs: the plan on the review page is the plan in the signed PDF, with this site's values.

The core (pydantic models, rules, content) loads after the first page is on screen: until
:meth:`CaseState.load_core` has run, ``case`` and ``plan`` are None and ``loaded`` is False.
Nothing is ever entered into the case without the core: :meth:`set_field` first asks for the
core (``need_core``, which the main window answers by loading everything), so a value entered
before then goes through ``with_field`` like any other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from leptodesk.errors import FieldError
    from leptodesk.models import Case, Plan


def _plan(case: Case, lang: str = "en") -> Plan:
    from leptodesk.service import get_service

    return get_service().plan(case, lang=lang)


class CaseState(QObject):
    changed = Signal()  # a field changed: the plan is new
    replaced = Signal()  # a whole case was loaded: widgets reload
    need_core = Signal()  # something needs the case before the core has loaded

    def __init__(self, parent: QObject | None = None, *, load_core: bool = True,
                 lang: str = "en") -> None:
        super().__init__(parent)
        # The language the plan is made in (View > Language); the decisions are the same in
        # every language, only the words differ.
        self.lang = lang
        self.case: Case | None = None
        self.plan: Plan | None = None
        self.path: Path | None = None
        self.dirty = False
        # The export that signed this case (an ExportResult) and the case hash it signed.
        self.signed: Any = None
        self.signed_case_sha256: str | None = None
        if load_core:
            self.load_core()

    @property
    def loaded(self) -> bool:
        return self.case is not None

    # -- signed state ----------------------------------------------------------------------
    def mark_signed(self, result: Any) -> None:
        """The current case was signed by ``result`` (an ExportResult)."""
        self.signed = result
        self.signed_case_sha256 = result.plan.case_sha256
        if result.plan.language == self.lang:  # the plan as signed, with its acknowledgements
            self.plan = result.plan
        self.changed.emit()

    @property
    def signed_current(self) -> bool:
        """Signed, and the case is still exactly the one signed."""
        return (self.signed is not None and self.case is not None
                and self.case.sha256() == self.signed_case_sha256)

    @property
    def signed_stale(self) -> bool:
        """Signed, but the case changed since: the signed PDF is no longer this case's plan."""
        return self.signed is not None and not self.signed_current

    def load_core(self) -> None:
        """Import the core and start from the empty case and its plan (once)."""
        if self.case is not None:
            return
        from leptodesk.models import Case

        case = Case(schema_version=2)
        self.plan = _plan(case, self.lang)
        self.case = case

    def ensure_loaded(self) -> None:
        """Load the core; without this site's values (an unreadable site-defaults.json, which
        the window reports) the state stays unloaded rather than plan with other values."""
        if not self.loaded:
            self.need_core.emit()  # the window loads the core and binds its pages
            from leptodesk.errors import InvalidInput

            try:
                self.load_core()  # a state without a window
            except InvalidInput:
                pass

    def set_field(self, path: str, value: object) -> list[FieldError]:
        """Apply one entered value; on error the case keeps its last valid value."""
        self.ensure_loaded()
        from leptodesk.errors import FieldError, InvalidInput
        from leptodesk.service import get_service

        if not self.loaded:
            from .i18n import translate

            return [FieldError(path, translate(
                "CaseState", "not entered: the site's values (site-defaults.json) cannot be "
                "read, so LeptoDesk cannot plan"))]

        cases = get_service().cases
        current = cases.get_field(self.case, path)
        if type(value) is type(current) and value == current:
            return []  # the value the (valid) case already holds: nothing to check or plan
        try:
            new = cases.with_field(self.case, path, value)
        except InvalidInput as exc:
            return list(exc.errors)
        if new != self.case:
            self.case = new
            self.plan = _plan(new, self.lang)
            self.dirty = True
            self.changed.emit()
        return []

    def replace(self, case: Case, path: Path | None = None) -> None:
        self.case = case
        self.plan = _plan(case, self.lang)
        self.path = path
        self.dirty = False
        self.signed = None
        self.signed_case_sha256 = None
        self.replaced.emit()
        self.changed.emit()

    def set_language(self, lang: str) -> None:
        """Make the plan again in ``lang``: the case, its file and its signed state stay as
        they are (a plan signed in another language is still the plan of this case).

        No ``changed`` signal: the window that changes the language redraws every view once
        in it (``MainWindow.retranslate``), rather than each view twice."""
        if lang == self.lang:
            return
        self.lang = lang
        if self.case is not None:
            self.plan = _plan(self.case, lang)
