"""Input widgets bound to one case field each.

A binding shows the case value, hands what was entered to the core (``CaseState.set_field``,
i.e. ``service.cases.with_field``) and shows the core's message beside the field. It never
checks ranges or converts units itself (kg/lb goes through ``kg_from_lb``). What was typed stays
in the widget when it is refused; the case keeps its last valid value and the message says so.

Object names: the field path with "." replaced by "__"; the message label is "<name>_error".

Words: field labels (and KPS levels) come from the core's catalogue in the wizard's language
(``leptodesk.fields.field_label(path, lang)``); the rest through Qt's ``translate``. A binding
sets every word it shows in :meth:`FieldBinding.retranslate`, which its page calls when built
and again when the language changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from . import i18n
from .i18n import translate
from .wrapped_label import WrappedLabel

if TYPE_CHECKING:  # the core loads after the first page is shown (see ui.case_state)
    from leptodesk.errors import FieldError

    from .case_state import CaseState

# Words given to a binding or a page are functions that return them translated (called again
# when the language changes); a plain string is shown as it is (a name, a unit).
Words = Callable[[], str]
Choices = Callable[[], list[tuple[str, str]]]

# Dates are typed and shown day first, 24-hour clock (say so beside every date field), in
# every language of the wizard (French and Portuguese write dates day first too);
# year-first ISO dates are accepted too.
DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def not_known() -> str:
    return translate("Fields", "Not known")


def date_format(with_time: bool) -> str:
    """The short form shown in an empty date field (the whole hint is its tooltip)."""
    if with_time:
        return translate("Fields", "DD/MM/YYYY HH:MM")
    return translate("Fields", "DD/MM/YYYY")


class FittedLineEdit(QLineEdit):
    """A text field never narrower than its placeholder: the layout gives it the room for
    the whole hint (it was cut to "e.g. 24/1..." at 1024 pixels) and wraps the label beside
    it instead."""

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setPlaceholderText(text)
        self.updateGeometry()  # the layout asks minimumSizeHint again

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        text = self.placeholderText()
        if text:
            # the frame and Qt's text margins (2 px each side), and the cursor's room
            room = self.fontMetrics().horizontalAdvance(text) + 16
            if room > hint.width():
                hint.setWidth(room)
        return hint


def date_hint(with_time: bool) -> str:
    if with_time:
        return translate("Fields", "DD/MM/YYYY HH:MM (24-hour), e.g. 24/11/2026 08:30")
    return translate("Fields", "DD/MM/YYYY, e.g. 24/11/2026")


def field_label(path: str) -> str:
    """The field's name in the wizard's language, from the core's catalogue."""
    from leptodesk.view.field_names import field_label as core_label

    return core_label(path, i18n.current())


def object_name(path: str) -> str:
    return path.replace(".", "__")


def display_value(value: Any) -> str:
    """How a stored case value reads in a text box (formatting only)."""
    if value is None:
        return ""
    from datetime import date, datetime  # not at start-up: the first page shows no dates

    if isinstance(value, datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float):
        return i18n.number(value)  # "1.5"; "1,5" in French and Portuguese
    if hasattr(value, "value"):  # an enum
        return str(value.value)
    return str(value)


def decimal_point(text: str) -> str:
    """A number typed with a decimal comma ("1,2") as the core reads it ("1.2")."""
    bare = text.strip()
    head, sep, tail = bare.partition(",")
    if sep and head.lstrip("+-").isdigit() and tail.isdigit():
        return f"{head}.{tail}"
    return bare


def plain_message(error: FieldError) -> str:
    """A refused value in the core's words for the bedside, in the wizard's language (the
    range, what was typed; ``leptodesk.errors.field_message``)."""
    return error.text_in(i18n.current())


def align_unit_row(unit_box: QComboBox, converted: QLabel) -> None:
    """Every unit box and converted value the same width, so rows line up down the page."""
    metrics = unit_box.fontMetrics()
    unit_box.setMinimumWidth(metrics.horizontalAdvance("mmol/L") + 36)
    converted.setMinimumWidth(metrics.horizontalAdvance("= 000.0 mmol/L"))


def people_time(when: Any) -> str:
    """A timestamp (ISO text or datetime) in this computer's local time, day first:
    "24/11/2026 08:30"; text that is not a timestamp is returned unchanged."""
    from datetime import datetime

    if isinstance(when, str):
        try:
            when = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            return when
    if not isinstance(when, datetime):
        return str(when)
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime(DATETIME_FORMAT)


# The labels' roles: messages, STOP banners, verdicts (and hints, below). Each such label
# carries this style sheet itself, not the window: a window-wide style sheet has every widget
# of every page polished and painted through Qt's style-sheet style, and polishes them all
# again when it is set (10-16 ms under load).
ROLE_STYLE = """
QLabel[role="error"] { color: #8b0000; font-weight: bold; }
QLabel[role="stop"] { background: #8b0000; color: #ffffff; padding: 8px; font-size: 120%; }
QLabel[role="verdict"] { background: #eef2f7; color: #111111; padding: 8px; }
"""
ROLES = ("error", "stop", "verdict")
# A hint (a page has many) is only a colour: its palette's, with no style sheet to parse and
# polish through for each.
HINT_COLOUR = "#444444"


def see_through_scroll(body: QWidget) -> QScrollArea:
    """A frameless scroll area holding ``body`` (resized with it) that paints no background of
    its own: the page's shows through, the same colour. Qt paints an opaque widget (a scroll
    area's viewport and contents fill themselves) on its own and then again with the window
    when both were marked for painting, as at every page change: the page's fields were
    painted twice at each Next."""
    scroll = QScrollArea()
    # A viewport of our own, which fills nothing (a new widget does not), set before the body
    # (replacing the viewport deletes what it holds). The scroll area's own viewport would
    # have to be wrapped for Python to be changed, and wrapping a widget Qt made costs PySide
    # about 15 ms the first time (it works out its class among every Qt class).
    scroll.setViewport(QWidget())
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    body.setAutoFillBackground(False)  # setWidget sets it
    return scroll


def style_roles_in(top: QWidget) -> None:
    """Give ``top``'s labels that have a role (and ``top`` itself) the roles' style sheet, or a
    hint its colour."""
    from PySide6.QtWidgets import QLabel

    for label in [top, *top.findChildren(QLabel)]:
        role = label.property("role")
        if role == "hint":
            _hint_colour(label)
            continue
        # A field's error message is styled when first shown (FieldBinding._set_errors): each
        # label's own style sheet is parsed and polished for it, and a page has one a field.
        if role in ROLES and not label.styleSheet() and not (role == "error"
                                                             and label.isHidden()):
            label.setStyleSheet(ROLE_STYLE)


def _hint_colour(label: QWidget) -> None:
    from PySide6.QtGui import QColor, QPalette

    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(HINT_COLOUR))
    label.setPalette(palette)


def set_role(widget: QWidget, role: str | None) -> None:
    """Style ``widget`` by its role (``ROLE_STYLE``: ``QLabel[role="stop"]``...). It is
    polished again only when the role changes and only if it has been polished already (a
    widget not yet shown is polished with its role when it is): PySide builds QStyle's enum
    classes (several ms) the first time ``style()`` is called, and an entry need not pay it."""
    role = role or None
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    if role is not None and not widget.styleSheet():
        widget.setStyleSheet(ROLE_STYLE)  # polishes it again if it was polished
        return
    from PySide6.QtCore import Qt

    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def unit_kept_whole(text: str) -> str:
    """A label whose name ends in a unit, "(cm H2O)", "(/µL)", "(×10⁹/L)", with that unit
    unbreakable: a long name wraps before the unit, never inside it ("(cm" | "H2O)"). A
    longer parenthesis (more than 10 characters) is words, not a unit, and may wrap."""
    head, sep, unit = text.rpartition("(")
    if not sep or not unit.endswith(")") or len(unit) > 11:
        return text
    joiner = "\u2060"  # WORD JOINER: no line break here, and nothing shown
    return head + joiner.join("(" + unit.replace(" ", "\u00a0"))


def mnemonic(text: str) -> str:
    """A label text with an '&' mnemonic on its first letter."""
    return "&" + text[:1].upper() + text[1:] if text else text


class FieldBinding(QObject):
    """One case field: label, editor and the inline message label."""

    error_changed = Signal()

    def __init__(self, state: CaseState, path: str, editor: QWidget, *,
                 label_text: Words | None = None) -> None:
        super().__init__(editor)
        self.state = state
        self.path = path
        self.editor = editor
        self._loading = False
        self._label_text = label_text
        self.errors: list[FieldError] = []
        name = object_name(path)
        editor.setObjectName(name)
        # A long name wraps rather than widen the page past a 1024-pixel screen (French and
        # Portuguese names run a fifth longer than English).
        self.label = WrappedLabel()
        self.label.setBuddy(editor)
        self.error_label = WrappedLabel()
        self.error_label.setObjectName(name + "_error")
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        state.replaced.connect(self.load)

    @property
    def title(self) -> str:
        """The field's name as the label shows it (without the Alt+letter)."""
        return self._label_text() if self._label_text is not None else field_label(self.path)

    def retranslate(self) -> None:
        """Every word of this field in the wizard's language (the page chooses the label's
        Alt+letter afterwards). A message shown beside the field is written again."""
        self.editor.setAccessibleName(field_label(self.path))
        self.label.setText(mnemonic(unit_kept_whole(self.title)))
        self.error_label.setAccessibleName(
            translate("Fields", "message for {field}").format(field=field_label(self.path)))
        if self.errors:
            self._set_errors(self.errors)

    _row: QWidget | None = None

    @property
    def widget(self) -> QWidget:
        """What goes in the form beside the label (the editor, or the row it shares with its
        unit box or buttons: :meth:`_in_row`)."""
        return self._row if self._row is not None else self.editor

    def _in_row(self, *beside: QWidget) -> QWidget:
        """The editor in a row (taking the room left) with ``beside`` after it."""
        self._row = QWidget()
        row = QHBoxLayout(self._row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.editor, 1)
        for widget in beside:
            row.addWidget(widget)
        return self._row

    @property
    def has_error(self) -> bool:
        return bool(self.errors)

    def inputs(self) -> list[QWidget]:
        """What the keyboard visits for this field, in order."""
        return [self.editor]

    # -- subclasses ----------------------------------------------------------------------
    def entered_value(self) -> Any:
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------
    def load(self) -> None:
        """Show the case value (before the core has loaded there is no case: keep the widget)."""
        if not self.state.loaded:
            return
        from leptodesk.service import get_service

        self._loading = True
        try:
            self.show_value(get_service().cases.get_field(self.state.case, self.path))
        finally:
            self._loading = False
        self._set_errors([])

    def has_entry(self) -> bool:
        """Something is entered (the empty new case holds None everywhere)."""
        return self.entered_value() is not None

    def commit(self) -> None:
        if self._loading:
            return
        if not self.state.loaded:
            if not self.has_entry():  # nothing to enter yet: the core can wait
                return
            self.state.ensure_loaded()
        self._set_errors(self.state.set_field(self.path, self.entered_value()))

    def _set_errors(self, errors: list[FieldError]) -> None:
        had = self.has_error
        self.errors = errors
        if errors:
            from leptodesk.service import get_service

            kept = display_value(get_service().cases.get_field(self.state.case, self.path))
            text = "; ".join(plain_message(e) for e in errors)
            if kept:
                shown = translate("Fields", "Not accepted: {reason}. Not saved: the case keeps "
                                  "{kept}.").format(reason=text, kept=kept)
            else:
                shown = translate("Fields", "Not accepted: {reason}. Not saved: the case keeps "
                                  "no value.").format(reason=text)
            self.error_label.setText(shown)
            if not self.error_label.styleSheet():  # its role's look, from its first showing
                self.error_label.setStyleSheet(ROLE_STYLE)
            self.error_label.show()
        else:
            self.error_label.clear()
            self.error_label.hide()
        if had != self.has_error or errors:
            self.error_changed.emit()


class TextBinding(FieldBinding):
    """Free text, numbers, dates and date-times: the core parses what was typed."""

    def __init__(self, state: CaseState, path: str, placeholder: Words | None = None,
                 **kw: Any) -> None:
        edit = FittedLineEdit()
        self._placeholder = placeholder
        super().__init__(state, path, edit, **kw)
        edit.editingFinished.connect(self.commit)

    def retranslate(self) -> None:
        super().retranslate()
        self.editor.setPlaceholderText(self._placeholder() if self._placeholder else "")

    def entered_value(self) -> Any:
        text = self.editor.text().strip()
        return text or None

    def show_value(self, value: Any) -> None:
        self.editor.setText(display_value(value))


class NumberBinding(TextBinding):
    """A number: typed with a decimal point or a decimal comma."""

    def entered_value(self) -> Any:
        text = decimal_point(self.editor.text())
        return text or None


class TriStateBinding(FieldBinding):
    """Yes / No / Not known: an unanswered question stays None, which differs from No."""

    VALUES = (None, True, False)

    def __init__(self, state: CaseState, path: str, **kw: Any) -> None:
        box = QComboBox()
        for value in self.VALUES:
            box.addItem("", value)
        super().__init__(state, path, box, **kw)
        box.currentIndexChanged.connect(self.commit)

    def retranslate(self) -> None:
        super().retranslate()
        for i, text in enumerate((not_known(), translate("Fields", "Yes"),
                                  translate("Fields", "No"))):
            self.editor.setItemText(i, text)

    def entered_value(self) -> Any:
        return self.VALUES[self.editor.currentIndex()]

    def show_value(self, value: Any) -> None:
        index = next(i for i, v in enumerate(self.VALUES) if v is value)
        self.editor.setCurrentIndex(index)


class ChoiceBinding(FieldBinding):
    """One of the contract's values, or Not known (``none_text``: that first choice's words,
    when a field says it otherwise)."""

    def __init__(self, state: CaseState, path: str, choices: Choices,
                 none_text: Words | None = None, **kw: Any) -> None:
        box = QComboBox()
        self._choices = choices
        self._none_text = none_text
        box.addItem("", None)
        for value, _text in choices():
            box.addItem("", value)
        super().__init__(state, path, box, **kw)
        box.currentIndexChanged.connect(self.commit)

    def retranslate(self) -> None:
        super().retranslate()
        self.editor.setItemText(0, self._none_text() if self._none_text else not_known())
        for i, (_value, text) in enumerate(self._choices(), 1):
            self.editor.setItemText(i, text)

    def entered_value(self) -> Any:
        return self.editor.currentData()

    def show_value(self, value: Any) -> None:
        raw = display_value(value) or None
        index = self.editor.findData(raw) if raw is not None else 0
        self.editor.setCurrentIndex(max(index, 0))


def __getattr__(name: str):  # noqa: ANN202 - bindings moved to ui.unit_widgets, ui.date_widgets
    if name in ("WeightBinding", "MeasurementBinding", "KpsBinding"):
        from . import unit_widgets

        return getattr(unit_widgets, name)
    if name in ("DateBinding", "parse_when"):
        from . import date_widgets

        return getattr(date_widgets, name)
    raise AttributeError(name)
