"""The bindings with more than one control: a number with its unit (weight in kg or lb, a lab
value in the unit the laboratory reported) and the Karnofsky scale's eleven levels.

Like every binding (``ui.widgets``), each hands what was entered to the core, which converts
units and checks ranges; the other unit is shown beside, as the core converts it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from . import i18n
from .i18n import translate
from .widgets import (
    FieldBinding,
    FittedLineEdit,
    align_unit_row,
    decimal_point,
    display_value,
    field_label,
    not_known,
    object_name,
)

if TYPE_CHECKING:
    from .case_state import CaseState


class WeightBinding(FieldBinding):
    """Weight with a kg/lb switch. The unit applies to what is typed: switching it never
    changes the number in the box, it changes what that number means (and the case's weight,
    through the core's ``kg_from_lb``). The weight in the other unit is shown beside."""

    unit_changed = Signal(str)

    def inputs(self) -> list[QWidget]:
        return [self.editor, self.unit_box]

    def __init__(self, state: CaseState, path: str, unit: str = "kg", **kw: Any) -> None:
        edit = FittedLineEdit()
        super().__init__(state, path, edit, **kw)
        self.unit_box = QComboBox()
        self.unit_box.addItem("kg", "kg")
        self.unit_box.addItem("lb", "lb")
        self.unit_box.setObjectName(object_name(path) + "__unit")
        self.converted = QLabel()
        self.converted.setObjectName(object_name(path) + "__converted")
        self._in_row(self.unit_box, self.converted)
        align_unit_row(self.unit_box, self.converted)
        self.unit_box.setCurrentIndex(1 if unit == "lb" else 0)
        self._shown: tuple[str, float] | None = None  # (text shown for a stored kg, that kg)
        edit.editingFinished.connect(self.commit)
        edit.textChanged.connect(self._show_converted)
        self.unit_box.currentIndexChanged.connect(self._unit_switched)

    @property
    def unit(self) -> str:
        return self.unit_box.currentData()

    def set_unit(self, unit: str) -> None:
        self.unit_box.setCurrentIndex(1 if unit == "lb" else 0)

    def retranslate(self) -> None:
        super().retranslate()
        name = translate("Fields", "weight unit (kg or lb)")
        self.unit_box.setAccessibleName(name)
        # On Linux a combo box's accessible name is its current text; this says what it is.
        self.unit_box.setAccessibleDescription(name)
        self._update_placeholder()
        self._show_converted()

    def _update_placeholder(self) -> None:
        self.editor.setPlaceholderText(translate("Fields", "pounds") if self.unit == "lb" else
                                       translate("Fields", "kilograms (0.3 to 350)"))

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
        from leptodesk.service import get_service

        cases = get_service().cases
        if self.unit == "lb":
            self.converted.setText(f"= {i18n.number(cases.kg_from_lb(number), 1)} kg")
        else:
            self.converted.setText(f"= {i18n.number(cases.lb_from_kg(number), 1)} lb")

    def has_entry(self) -> bool:
        return bool(self.editor.text().strip())

    def entered_value(self) -> Any:
        text = decimal_point(self.editor.text())
        if not text or self.unit == "kg":
            return text or None
        if self._shown is not None and self._shown[0] == text:
            return self._shown[1]  # the stored weight, shown in pounds and not retyped
        from leptodesk.service import get_service

        try:
            return get_service().cases.kg_from_lb(float(text))
        except ValueError:
            return text  # the core names what is wrong with it

    def show_value(self, value: Any) -> None:
        self._shown = None
        if value is not None and self.unit == "lb":
            from leptodesk.service import get_service

            text = i18n.number(get_service().cases.lb_from_kg(value), 1)
            self._shown = (decimal_point(text), value)
            self.editor.setText(text)
            return
        self.editor.setText(display_value(value))


class MeasurementBinding(FieldBinding):
    """A lab value with its unit (glucose mg/dL|mmol/L, protein mg/dL|g/L), stored as entered."""

    def inputs(self) -> list[QWidget]:
        return [self.editor, self.unit_box]

    def __init__(self, state: CaseState, path: str, units: list[str], **kw: Any) -> None:
        edit = FittedLineEdit()
        super().__init__(state, path, edit, **kw)
        edit.setObjectName(object_name(path) + "__value")
        self.unit_box = QComboBox()
        for unit in units:
            self.unit_box.addItem(unit, unit)
        self.unit_box.setObjectName(object_name(path) + "__unit")
        self.quantity = "protein" if "protein" in path else "glucose"
        self.converted = QLabel()
        self.converted.setObjectName(object_name(path) + "__converted")
        self._in_row(self.unit_box, self.converted)
        align_unit_row(self.unit_box, self.converted)
        edit.editingFinished.connect(self.commit)
        edit.textChanged.connect(self._show_converted)
        # The unit applies to the number typed: switching it re-enters that number in it.
        self.unit_box.currentIndexChanged.connect(self.commit)
        self.unit_box.currentIndexChanged.connect(self._show_converted)

    def retranslate(self) -> None:
        super().retranslate()
        label = field_label(self.path)
        self.editor.setPlaceholderText(translate("Fields", "value"))
        self.editor.setAccessibleName(translate("Fields", "{field} value").format(field=label))
        unit = translate("Fields", "{field} unit").format(field=label)
        self.unit_box.setAccessibleName(unit)
        self.unit_box.setAccessibleDescription(unit)
        self._show_converted()

    def _show_converted(self, *_: Any) -> None:
        try:
            number = float(decimal_point(self.editor.text()))
        except ValueError:
            number = None
        if number is None or number < 0:
            self.converted.clear()
            return
        from leptodesk.i18n import localize_number
        from leptodesk.service import get_service

        other = get_service().cases.in_other_unit(number, self.unit_box.currentData(),
                                                  self.quantity)
        self.converted.setText("= " + localize_number(other, i18n.current()))

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
    """Karnofsky score: all eleven levels with their descriptions, plus Not known. The
    descriptions are the core's (``kps_levels()`` in the wizard's language)."""

    def __init__(self, state: CaseState, path: str,
                 levels: Callable[[], tuple[tuple[int, str], ...]], **kw: Any) -> None:
        # Not before the first page is shown: the Qt namespace (see ui.main_window) and the item
        # views (QListWidget's classes cost ~3 ms to set up) are for the later pages.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidget, QListWidgetItem

        self._levels = levels
        lst = QListWidget()
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, None)
        lst.addItem(item)
        for score, _text in levels():
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, score)
            lst.addItem(item)
        super().__init__(state, path, lst, **kw)
        lst.currentRowChanged.connect(self.commit)

    def retranslate(self) -> None:
        super().retranslate()
        self.editor.item(0).setText(not_known())
        for row, (score, text) in enumerate(self._levels(), 1):
            # Figure spaces pad to the width of a digit: scores right-aligned and the
            # descriptions in one column even in a proportional font.
            self.editor.item(row).setText(f"{score:>3}".replace(" ", "\u2007") + "\u2003"
                                          + text)

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
