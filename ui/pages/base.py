"""What every case page shares: a grid of bound fields whose gating asks the core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from .. import i18n
from ..i18n import translate
from ..widgets import FieldBinding, Words, object_name, see_through_scroll
from ..wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from ..case_state import CaseState


def range_hint(path: str, words: Words) -> Words:
    """An entry hint with the range the case model allows at ``path`` ("mL ({low} to {high})"
    -> "mL (0 to 50)"), in the wizard's language: the hint and the check that refuses a value
    never disagree."""

    def hint() -> str:
        from leptodesk.view.hints import range_words

        return words().format(**range_words(path, i18n.current()))

    return hint


class CasePage(QWizardPage):
    """A page that reads and writes case fields. Complete when the core accepts every field."""

    def lay_out_ahead(self) -> bool:
        """Called by the wizard once this hidden page is laid out at the size it will be
        shown at; a page whose contents fit themselves to their width does so here. True
        when that changed the page's layout (the wizard lays it out again)."""
        return False

    def __init__(self, state: CaseState, title: Words, subtitle: Words | None = None) -> None:
        super().__init__()
        self.state = state
        self.bindings: dict[str, FieldBinding] = {}
        # Every word this page shows, as (widget, setter name, words): set again on a change
        # of language (retranslate), with the bindings' own words.
        self._words: list[tuple[object, str, Words]] = []
        self._remember(self, "setTitle", title)
        if subtitle is not None:
            self._remember(self, "setSubTitle", subtitle)
        # The banners sit above the fields and stay in sight; the fields scroll when the window
        # is short (1024x768), so Back and Next are always on screen.
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        self.scroller = see_through_scroll(body)
        self.scroller.setObjectName(f"{type(self).__name__}_scroll")
        self.page_layout.addWidget(self.scroller, 1)
        self.outer = QVBoxLayout(body)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(4)
        self._row = 0
        self.outer.addLayout(self.grid)
        self._checks_label: QLabel | None = None
        state.changed.connect(self.plan_changed)
        state.changed.connect(self.show_entry_checks)
        state.replaced.connect(self.show_entry_checks)

    # -- building ------------------------------------------------------------------------
    def add(self, binding: FieldBinding, hint: str = "") -> FieldBinding:
        self.bindings[binding.path] = binding
        self.grid.addWidget(binding.label, self._row, 0)
        self.grid.addWidget(binding.widget, self._row, 1)
        self._row += 1
        if hint:  # under the field, not beside it: the page stays narrow enough for 1024x768
            h = WrappedLabel()
            self._remember(h, "setText", hint)
            h.setObjectName(object_name(binding.path) + "_hint")
            h.setProperty("role", "hint")
            self.grid.addWidget(h, self._row, 1, 1, 2)
            self._row += 1
        self.grid.addWidget(binding.error_label, self._row, 1, 1, 2)
        self._row += 1
        binding.error_changed.connect(self.completeChanged)
        binding.retranslate()
        binding.load()
        return binding

    def _remember(self, widget: object, setter: str, words: Words) -> None:
        self._words.append((widget, setter, words))
        getattr(widget, setter)(words())

    def add_heading(self, text: Words) -> None:
        label = QLabel()
        self._remember(label, "setText", lambda: f"<b>{text()}</b>")
        self.grid.addWidget(label, self._row, 0, 1, 3)
        self._row += 1

    def add_banner(self, name: str, accessible: Words, role: str | None = None) -> QLabel:
        """A wrapping label above the fields, for what ``plan_changed`` says about the plan."""
        label = WrappedLabel()
        label.setObjectName(name)
        self._remember(label, "setAccessibleName", accessible)
        if role is not None:
            label.setProperty("role", role)
        self.page_layout.insertWidget(0, label)
        return label

    def retranslate(self) -> None:
        """Every word of the page in the wizard's language: title, headings, hints, fields,
        and what it says about the plan (the plan itself is made again by the core)."""
        for widget, setter, words in self._words:
            getattr(widget, setter)(words())
        for b in self.bindings.values():
            b.retranslate()
        self.plan_changed()
        self.show_entry_checks()

    # -- page API (tests and the main window use it) -------------------------------------
    def set_value(self, path: str, value: Any) -> None:
        """Enter a value as the clinician would and commit it."""
        b = self.bindings[path]
        from ..unit_widgets import KpsBinding, MeasurementBinding
        from ..widgets import ChoiceBinding, TriStateBinding

        if isinstance(b, TriStateBinding):
            b.show_value(value)  # a changed index commits
        elif isinstance(b, ChoiceBinding | KpsBinding):
            b.show_value(value)
        elif isinstance(b, MeasurementBinding):
            if value is None:
                b.editor.clear()
            else:
                b.unit_box.setCurrentIndex(max(b.unit_box.findData(value["unit"]), 0))
                b.editor.setText(str(value["value"]))
        else:
            b.editor.setText("" if value is None else str(value))
        b.commit()

    def tab_chain(self) -> list[QWidget]:
        """The page's inputs in the order Tab visits them (as they read, top to bottom)."""
        return [w for b in self.bindings.values() for w in b.inputs()]

    def first_field(self) -> QWidget | None:
        return next((w for w in self.tab_chain() if w.isEnabled() and not w.isHidden()), None)

    def errors(self) -> dict[str, list[str]]:
        return {p: [e.message for e in b.errors] for p, b in self.bindings.items() if b.errors}

    def bind(self) -> None:
        """Once the core has loaded: enter what was typed before, show the rest from the case.

        A page built before the core (the first page) shows its widgets at once; nothing typed
        there in the meantime is lost, it goes through the core like any entry.
        """
        for b in self.bindings.values():
            if b.has_entry():
                b.commit()
            else:
                b.load()
        self.completeChanged.emit()
        self.plan_changed()

    # -- QWizardPage ---------------------------------------------------------------------
    def initializePage(self) -> None:
        for b in self.bindings.values():
            if not b.has_error:
                b.load()
        self.plan_changed()
        self.show_entry_checks()

    def isComplete(self) -> bool:  # gating asks the core: not before it has loaded
        return self.state.loaded and not any(b.has_error for b in self.bindings.values())

    def validatePage(self) -> bool:
        if not self.state.loaded:
            return False
        for b in self.bindings.values():  # text typed but not yet confirmed with Tab/Enter
            b.commit()
        return self.isComplete()

    def show_entry_checks(self) -> None:
        """The plan's checks of contradictory or implausible entries, where they are entered
        (the core decides them; the page only shows those on its own fields)."""
        plan = self.state.plan
        if plan is None:
            return
        from html import escape

        mine = [k for k in plan.entry_checks if set(k.fields) & set(self.bindings)]
        if not mine and self._checks_label is None:
            return
        if self._checks_label is None:
            self._checks_label = self.add_banner(
                "entry_checks", lambda: translate("CasePage", "checks of the entries here"),
                role="stop")
        from leptodesk.view.labels import severity_label

        self._checks_label.setVisible(bool(mine))
        check = translate("CasePage", "{severity}: check the entry.")
        self._checks_label.setText("<br>".join(
            f"<b>{escape(check.format(severity=severity_label(k.severity, i18n.current())))}"
            f"</b> {escape(k.text)}" for k in mine))

    def plan_changed(self) -> None:
        """Refresh what this page shows from the plan (banners, verdicts)."""
