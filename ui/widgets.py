"""Input widgets bound to one case field each.

A binding shows the case value, hands what was entered to the core (``CaseState.set_field``,
i.e. ``leptodesk.editing.with_field``) and shows the core's message beside the field. It never
checks ranges or converts units itself (kg/lb goes through ``kg_from_lb``). What was typed stays
in the widget when it is refused; the case keeps its last valid value and the message says so.

Object names: the field path with "." replaced by "__"; the message label is "<name>_error".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from leptodesk.fields import field_label

if TYPE_CHECKING:  # the core loads after the first page is shown (see ui.case_state)
    from leptodesk.errors import FieldError

    from .case_state import CaseState

NOT_KNOWN = "Not known"
# Dates are typed and shown day first, 24-hour clock (say so beside every date field);
# year-first ISO dates are accepted too.
DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
DATE_HINT = "DD/MM/YYYY, e.g. 24/11/2026"
DATETIME_HINT = "DD/MM/YYYY HH:MM (24-hour), e.g. 24/11/2026 08:30"


def object_name(path: str) -> str:
    return path.replace(".", "__")


def display_value(value: Any) -> str:
    """How a stored case value reads in a text box (formatting only)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float):
        return f"{value:g}"
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


_RANGE = r"\(allowed: (?P<low>[-\d.]+) to (?P<high>[-\d.]+)\)"
_TYPED = r"(?:; got (?P<typed>.*))?$"
_PLAIN = (  # the core's wording -> what a clinician reads beside the field
    (re.compile(r"^must be a whole number.*?" + _RANGE + _TYPED),
     "type a whole number from {low} to {high}"),
    (re.compile(r"^must be a number.*?" + _RANGE + _TYPED),
     "type a number from {low} to {high} (e.g. 1.5 or 1,5)"),
    (re.compile(r"^Input should be a valid integer.*?" + _RANGE + _TYPED),
     "type a whole number from {low} to {high}"),
    (re.compile(r"^Input should be a valid number.*?" + _RANGE + _TYPED),
     "type a number from {low} to {high} (e.g. 1.5 or 1,5)"),
    (re.compile(r"^Input should be (?:less|greater) than(?: or equal to)? [-\d.]+ " + _RANGE
                + _TYPED), "must be from {low} to {high}"),
)


def plain_message(message: str) -> str:
    """The core's message for a refused value in words for the bedside, with the range and
    what was typed; a message it does not recognise is shown as the core wrote it."""
    for pattern, text in _PLAIN:
        m = pattern.match(message)
        if m:
            out = text.format(**m.groupdict())
            typed = m["typed"]
            if typed and not typed.startswith('"'):
                typed = f'"{typed}"'  # a number as typed, quoted like text
            return out + (f" (you typed {typed})" if typed else "")
    return message


def align_unit_row(unit_box: QComboBox, converted: QLabel) -> None:
    """Every unit box and converted value the same width, so rows line up down the page."""
    metrics = unit_box.fontMetrics()
    unit_box.setMinimumWidth(metrics.horizontalAdvance("mmol/L") + 36)
    converted.setMinimumWidth(metrics.horizontalAdvance("= 000.0 mmol/L"))


def people_time(when: Any) -> str:
    """A timestamp (ISO text or datetime) in this computer's local time, day first:
    "24/11/2026 08:30"; text that is not a timestamp is returned unchanged."""
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


def mnemonic(text: str) -> str:
    """A label text with an '&' mnemonic on its first letter."""
    return "&" + text[:1].upper() + text[1:] if text else text


class FieldBinding(QObject):
    """One case field: label, editor and the inline message label."""

    error_changed = Signal()

    def __init__(self, state: CaseState, path: str, editor: QWidget, *,
                 label_text: str | None = None) -> None:
        super().__init__(editor)
        self.state = state
        self.path = path
        self.editor = editor
        self._loading = False
        self.errors: list[FieldError] = []
        name = object_name(path)
        editor.setObjectName(name)
        editor.setAccessibleName(field_label(path))
        self.label = QLabel(mnemonic(label_text or field_label(path)))
        self.label.setBuddy(editor)
        self.error_label = QLabel()
        self.error_label.setObjectName(name + "_error")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(f"message for {field_label(path)}")
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        state.replaced.connect(self.load)

    @property
    def widget(self) -> QWidget:
        """What goes in the form beside the label (the editor, or editor plus unit)."""
        return self.editor

    @property
    def has_error(self) -> bool:
        return bool(self.errors)

    def inputs(self) -> list[QWidget]:
        """What the keyboard visits for this field, in order."""
        unit_box = getattr(self, "unit_box", None)
        return [self.editor] if unit_box is None else [self.editor, unit_box]

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
        from leptodesk.editing import get_field

        self._loading = True
        try:
            self.show_value(get_field(self.state.case, self.path))
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
            from leptodesk.editing import get_field

            kept = display_value(get_field(self.state.case, self.path))
            kept_text = f"the case keeps {kept}" if kept else "the case keeps no value"
            text = "; ".join(plain_message(e.message) for e in errors)
            self.error_label.setText(f"Not accepted: {text}. Not saved: {kept_text}.")
            self.error_label.show()
        else:
            self.error_label.clear()
            self.error_label.hide()
        if had != self.has_error or errors:
            self.error_changed.emit()


class TextBinding(FieldBinding):
    """Free text, numbers, dates and date-times: the core parses what was typed."""

    def __init__(self, state: CaseState, path: str, placeholder: str = "", **kw: Any) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        super().__init__(state, path, edit, **kw)
        edit.editingFinished.connect(self.commit)

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


def parse_when(text: str, with_time: bool) -> str | None:
    """A typed date (and time) as the core reads it (ISO), or None if it is not one.

    Day first: 24/11/2026, 24.11.2026, 24-11-2026 (with " 08:30" when there is a time); or
    year first: 2026-11-24 (and "T08:30" or " 08:30")."""
    text = " ".join(text.replace("T", " ").split())
    day_first = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")
    formats = [f"{d} %H:%M" for d in (*day_first, "%Y-%m-%d")] if with_time else \
        [*day_first, "%Y-%m-%d"]
    for fmt in formats:
        try:
            when = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return when.strftime("%Y-%m-%dT%H:%M") if with_time else when.date().isoformat()
    return None


class DateBinding(FieldBinding):
    """A date, or a date and time: typed day first, picked from a calendar (weekdays shown),
    or set to now / today with one button."""

    def __init__(self, state: CaseState, path: str, *, with_time: bool, **kw: Any) -> None:
        from PySide6.QtWidgets import QPushButton

        edit = QLineEdit()
        self.with_time = with_time
        edit.setPlaceholderText(DATETIME_HINT if with_time else DATE_HINT)
        super().__init__(state, path, edit, **kw)
        label = field_label(path)
        self.pick_button = QPushButton("Pick...")
        self.pick_button.setObjectName(object_name(path) + "__pick")
        self.pick_button.setAccessibleName(f"pick {label} from a calendar")
        self.pick_button.clicked.connect(self.pick)
        self.now_button = QPushButton("Now" if with_time else "Today")
        self.now_button.setObjectName(object_name(path) + "__now")
        self.now_button.setAccessibleName(f"set {label} to {'now' if with_time else 'today'}")
        self.now_button.clicked.connect(self.set_now)
        self._container = QWidget()
        row = QHBoxLayout(self._container)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(self.pick_button)
        row.addWidget(self.now_button)
        edit.editingFinished.connect(self.commit)

    @property
    def widget(self) -> QWidget:
        return self._container

    def inputs(self) -> list[QWidget]:
        return [self.editor, self.pick_button, self.now_button]

    def entered_value(self) -> Any:
        text = self.editor.text().strip()
        if not text:
            return None
        return parse_when(text, self.with_time) or text

    def commit(self) -> None:
        text = self.editor.text().strip()
        if text and parse_when(text, self.with_time) is None and not self._loading:
            from leptodesk.errors import FieldError

            if not self.state.loaded:
                self.state.ensure_loaded()
            how = DATETIME_HINT if self.with_time else DATE_HINT
            button = self.now_button.text().replace("&", "")
            self._set_errors([FieldError(self.path, f"type it as {how}, or use Pick or "
                                         f"{button} (you typed \"{text}\")")])
            return
        super().commit()

    def show_value(self, value: Any) -> None:
        self.editor.setText(display_value(value))

    def set_now(self) -> None:
        now = datetime.now()
        self.editor.setText(now.strftime(DATETIME_FORMAT if self.with_time else DATE_FORMAT))
        self.commit()

    def pick(self) -> None:
        """A calendar under the field (weekdays shown); the time typed so far is kept."""
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QCalendarWidget, QMenu, QWidgetAction

        menu = QMenu(self._container)
        calendar = QCalendarWidget()
        calendar.setObjectName(object_name(self.path) + "__calendar")
        calendar.setAccessibleName(f"calendar for {field_label(self.path)}")
        calendar.setGridVisible(True)
        current = parse_when(self.editor.text(), self.with_time)
        if current:
            calendar.setSelectedDate(QDate.fromString(current[:10], "yyyy-MM-dd"))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(day) -> None:
            time_part = current[11:16] if current and self.with_time else \
                datetime.now().strftime("%H:%M")
            picked = date(day.year(), day.month(), day.day()).strftime(DATE_FORMAT)
            self.editor.setText(f"{picked} {time_part}" if self.with_time else picked)
            menu.close()
            self.commit()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        self.calendar_menu = menu  # tests reach the calendar through it
        calendar.setFocus()
        menu.popup(self.editor.mapToGlobal(self.editor.rect().bottomLeft()))


class TriStateBinding(FieldBinding):
    """Yes / No / Not known: an unanswered question stays None, which differs from No."""

    CHOICES = ((None, NOT_KNOWN), (True, "Yes"), (False, "No"))

    def __init__(self, state: CaseState, path: str, **kw: Any) -> None:
        box = QComboBox()
        for value, text in self.CHOICES:
            box.addItem(text, value)
        super().__init__(state, path, box, **kw)
        box.currentIndexChanged.connect(self.commit)

    def entered_value(self) -> Any:
        return self.CHOICES[self.editor.currentIndex()][0]

    def show_value(self, value: Any) -> None:
        index = next(i for i, (v, _) in enumerate(self.CHOICES) if v is value)
        self.editor.setCurrentIndex(index)


class ChoiceBinding(FieldBinding):
    """One of the contract's values, or Not known."""

    def __init__(self, state: CaseState, path: str, choices: list[tuple[str, str]],
                 **kw: Any) -> None:
        box = QComboBox()
        box.addItem(NOT_KNOWN, None)
        for value, text in choices:
            box.addItem(text, value)
        super().__init__(state, path, box, **kw)
        box.currentIndexChanged.connect(self.commit)

    def entered_value(self) -> Any:
        return self.editor.currentData()

    def show_value(self, value: Any) -> None:
        raw = display_value(value) or None
        index = self.editor.findData(raw) if raw is not None else 0
        self.editor.setCurrentIndex(max(index, 0))


class WeightBinding(FieldBinding):
    """Weight with a kg/lb switch. The unit applies to what is typed: switching it never
    changes the number in the box, it changes what that number means (and the case's weight,
    through the core's ``kg_from_lb``). The weight in the other unit is shown beside."""

    unit_changed = Signal(str)

    def __init__(self, state: CaseState, path: str, unit: str = "kg", **kw: Any) -> None:
        edit = QLineEdit()
        super().__init__(state, path, edit, **kw)
        self.unit_box = QComboBox()
        self.unit_box.addItem("kg", "kg")
        self.unit_box.addItem("lb", "lb")
        self.unit_box.setObjectName(object_name(path) + "__unit")
        self.unit_box.setAccessibleName("weight unit (kg or lb)")
        # On Linux a combo box's accessible name is its current text; this says what it is.
        self.unit_box.setAccessibleDescription("weight unit (kg or lb)")
        self.converted = QLabel()
        self.converted.setObjectName(object_name(path) + "__converted")
        self._container = QWidget()
        row = QHBoxLayout(self._container)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(self.unit_box)
        row.addWidget(self.converted)
        align_unit_row(self.unit_box, self.converted)
        self.unit_box.setCurrentIndex(1 if unit == "lb" else 0)
        self._shown: tuple[str, float] | None = None  # (text shown for a stored kg, that kg)
        self._update_placeholder()
        edit.editingFinished.connect(self.commit)
        edit.textChanged.connect(self._show_converted)
        self.unit_box.currentIndexChanged.connect(self._unit_switched)

    @property
    def widget(self) -> QWidget:
        return self._container

    @property
    def unit(self) -> str:
        return self.unit_box.currentData()

    def set_unit(self, unit: str) -> None:
        self.unit_box.setCurrentIndex(1 if unit == "lb" else 0)

    def _update_placeholder(self) -> None:
        self.editor.setPlaceholderText("pounds" if self.unit == "lb" else "kilograms (0.3 to 350)")

    def _unit_switched(self) -> None:
        self._update_placeholder()
        self._shown = None  # the number in the box now means this unit
        if self.has_entry() and self.state.loaded:
            self.commit()
        self._show_converted()
        self.unit_changed.emit(self.unit)

    def _number(self) -> float | None:
        try:
            return float(decimal_point(self.editor.text()))
        except ValueError:
            return None

    def _show_converted(self, *_: Any) -> None:
        number = self._number()
        if number is None or number < 0:
            self.converted.clear()
            return
        from leptodesk.editing import kg_from_lb, lb_from_kg

        if self.unit == "lb":
            self.converted.setText(f"= {kg_from_lb(number):.1f} kg")
        else:
            self.converted.setText(f"= {lb_from_kg(number):.1f} lb")

    def has_entry(self) -> bool:
        return bool(self.editor.text().strip())

    def entered_value(self) -> Any:
        text = decimal_point(self.editor.text())
        if not text or self.unit == "kg":
            return text or None
        if self._shown is not None and self._shown[0] == text:
            return self._shown[1]  # the stored weight, shown in pounds and not retyped
        from leptodesk.editing import kg_from_lb

        try:
            return kg_from_lb(float(text))
        except ValueError:
            return text  # the core names what is wrong with it

    def show_value(self, value: Any) -> None:
        self._shown = None
        if value is not None and self.unit == "lb":
            from leptodesk.editing import lb_from_kg

            text = f"{lb_from_kg(value):.1f}"
            self._shown = (text, value)
            self.editor.setText(text)
            return
        self.editor.setText(display_value(value))


class MeasurementBinding(FieldBinding):
    """A lab value with its unit (glucose mg/dL|mmol/L, protein mg/dL|g/L), stored as entered."""

    def __init__(self, state: CaseState, path: str, units: list[str], **kw: Any) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText("value")
        super().__init__(state, path, edit, **kw)
        edit.setObjectName(object_name(path) + "__value")
        edit.setAccessibleName(field_label(path) + " value")
        self.unit_box = QComboBox()
        for unit in units:
            self.unit_box.addItem(unit, unit)
        self.unit_box.setObjectName(object_name(path) + "__unit")
        self.unit_box.setAccessibleName(field_label(path) + " unit")
        self.unit_box.setAccessibleDescription(field_label(path) + " unit")
        self.quantity = "protein" if "protein" in path else "glucose"
        self.converted = QLabel()
        self.converted.setObjectName(object_name(path) + "__converted")
        self._container = QWidget()
        row = QHBoxLayout(self._container)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(self.unit_box)
        row.addWidget(self.converted)
        align_unit_row(self.unit_box, self.converted)
        edit.editingFinished.connect(self.commit)
        edit.textChanged.connect(self._show_converted)
        # The unit applies to the number typed: switching it re-enters that number in it.
        self.unit_box.currentIndexChanged.connect(self.commit)
        self.unit_box.currentIndexChanged.connect(self._show_converted)

    @property
    def widget(self) -> QWidget:
        return self._container

    def _show_converted(self, *_: Any) -> None:
        try:
            number = float(decimal_point(self.editor.text()))
        except ValueError:
            number = None
        if number is None or number < 0:
            self.converted.clear()
            return
        from leptodesk.editing import in_other_unit

        self.converted.setText("= " + in_other_unit(number, self.unit_box.currentData(),
                                                     self.quantity))

    def entered_value(self) -> Any:
        text = decimal_point(self.editor.text())
        if not text:
            return None
        return {"value": text, "unit": self.unit_box.currentData()}

    def show_value(self, value: Any) -> None:
        if value is None:
            self.editor.clear()
            return
        self.editor.setText(display_value(value.value))
        self.unit_box.setCurrentIndex(max(self.unit_box.findData(value.unit.value), 0))


class KpsBinding(FieldBinding):
    """Karnofsky score: all eleven levels with their descriptions, plus Not known."""

    def __init__(self, state: CaseState, path: str, levels: tuple[tuple[int, str], ...],
                 **kw: Any) -> None:
        # Not before the first page is shown: the Qt namespace (see ui.wizard) and the item
        # views (QListWidget's classes cost ~3 ms to set up) are for the later pages.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidget, QListWidgetItem

        lst = QListWidget()
        item = QListWidgetItem(NOT_KNOWN)
        item.setData(Qt.ItemDataRole.UserRole, None)
        lst.addItem(item)
        for score, text in levels:
            # Figure spaces pad to the width of a digit: scores right-aligned and the
            # descriptions in one column even in a proportional font.
            item = QListWidgetItem(f"{score:>3}".replace(" ", "\u2007") + "\u2003" + text)
            item.setData(Qt.ItemDataRole.UserRole, score)
            lst.addItem(item)
        super().__init__(state, path, lst, **kw)
        lst.currentRowChanged.connect(self.commit)

    def entered_value(self) -> Any:
        from PySide6.QtCore import Qt

        item = self.editor.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def show_value(self, value: Any) -> None:
        from PySide6.QtCore import Qt

        for row in range(self.editor.count()):
            if self.editor.item(row).data(Qt.ItemDataRole.UserRole) == value:
                self.editor.setCurrentRow(row)
                return
