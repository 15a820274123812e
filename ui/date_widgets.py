"""Date fields: a date, or a date and time, typed day first, picked from a calendar or set
to now with one button (a binding of ``ui.widgets``; the core checks the value).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .i18n import translate
from .widgets import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    FieldBinding,
    FittedLineEdit,
    date_format,
    date_hint,
    display_value,
    field_label,
    object_name,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .case_state import CaseState


def parse_when(text: str, with_time: bool) -> str | None:
    """A typed date (and time) as the core reads it (ISO), or None if it is not one.

    Day first: 24/11/2026, 24.11.2026, 24-11-2026 (with " 08:30" when there is a time); or
    year first: 2026-11-24 (and "T08:30" or " 08:30")."""
    from datetime import datetime

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

        edit = FittedLineEdit()
        self.with_time = with_time
        super().__init__(state, path, edit, **kw)
        self.pick_button = QPushButton()
        self.pick_button.setObjectName(object_name(path) + "__pick")
        self.pick_button.clicked.connect(self.pick)
        self.now_button = QPushButton()
        self.now_button.setObjectName(object_name(path) + "__now")
        self.now_button.clicked.connect(self.set_now)
        self._in_row(self.pick_button, self.now_button)
        edit.editingFinished.connect(self.commit)

    def retranslate(self) -> None:
        super().retranslate()
        label = field_label(self.path)
        self.editor.setPlaceholderText(date_format(self.with_time))
        self.editor.setToolTip(date_hint(self.with_time))
        self.editor.setAccessibleDescription(date_hint(self.with_time))
        self.pick_button.setText(translate("Fields", "Pick..."))
        self.pick_button.setAccessibleName(
            translate("Fields", "pick {field} from a calendar").format(field=label))
        if self.with_time:
            self.now_button.setText(translate("Fields", "Now"))
            self.now_button.setAccessibleName(
                translate("Fields", "set {field} to now").format(field=label))
        else:
            self.now_button.setText(translate("Fields", "Today"))
            self.now_button.setAccessibleName(
                translate("Fields", "set {field} to today").format(field=label))

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
            how = date_hint(self.with_time)
            button = self.now_button.text().replace("&", "")
            pick = self.pick_button.text().replace("&", "").rstrip(".")
            self._set_errors([FieldError(self.path, translate(
                "Fields", "type it as {format}, or use {pick} or {now} (you typed \"{typed}\")")
                .format(format=how, pick=pick, now=button, typed=text))])
            return
        super().commit()

    def show_value(self, value: Any) -> None:
        self.editor.setText(display_value(value))

    def set_now(self) -> None:
        from datetime import datetime

        now = datetime.now()
        self.editor.setText(now.strftime(DATETIME_FORMAT if self.with_time else DATE_FORMAT))
        self.commit()

    def pick(self) -> None:
        """A calendar under the field (weekdays shown); the time typed so far is kept."""
        from datetime import date, datetime

        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QCalendarWidget, QMenu, QWidgetAction

        menu = QMenu(self._row)
        calendar = QCalendarWidget()
        calendar.setObjectName(object_name(self.path) + "__calendar")
        calendar.setAccessibleName(
            translate("Fields", "calendar for {field}").format(field=field_label(self.path)))
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
