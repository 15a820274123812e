"""The alert strip above the pages and the plan panel: every stop alert, and how many warnings.

It never scrolls away: the pages and the panel below it scroll, the strip stays. Its height is
the same whatever the plan (the count line and room for about two lines of STOP), so the page
never moves under the clinician's eyes as alerts come and go; more STOPs than fit scroll inside
it, under the count, which stays in sight. A stop alert that was not there before is scrolled
into view and announced to screen readers (an assertive announcement, and the strip's
accessible description names it) and the plan panel is asked to show it. Text and citations are
the plan's own; the strip only lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from .i18n import translate
from .wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from leptodesk.models import Plan

    from .case_state import CaseState

STRIP_STYLE = """
QFrame#alert_strip { border-bottom: 1px solid #999999; }
QLabel[role="strip_stop"] { background: #8b0000; color: #ffffff; padding: 4px 8px; }
QLabel[role="strip_count"] { color: #222222; }
QScrollArea#alert_strip_stops, QWidget#alert_strip_stops_body { background: transparent; }
"""
# The room kept for STOPs, in lines of text: one STOP of two lines shows whole, and the top of
# a second one says that there is more to scroll to.
STOP_LINES = 2.6


def warning_count_text(stops: int, warnings: int) -> str:
    """The strip's summary line, e.g. "1 STOP alert, 2 warnings in the plan" (Qt's plural
    forms of the wizard's language; English's come from leptodesk_en.qm)."""
    from .i18n import plurals

    stop_part = plurals().stop_alerts(stops) if stops else \
        translate("AlertStrip", "No STOP alerts")
    warn_part = plurals().warnings(warnings) if warnings else \
        translate("AlertStrip", "no warnings")
    return translate("AlertStrip", "{stops}, {warnings} in the plan.").format(
        stops=stop_part, warnings=warn_part)


def stop_word() -> str:
    """"STOP" in the plan's words (the core's severity label in the wizard's language)."""
    from leptodesk.models import Severity
    from leptodesk.view.labels import severity_label

    from . import i18n

    return severity_label(Severity.stop, i18n.current())


def stop_prefix() -> str:
    """"STOP:" ("STOP :" in French, a no-break space before the colon)."""
    from leptodesk.i18n import colon

    from . import i18n

    return stop_word() + colon(i18n.current())


class AlertStrip(QFrame):
    """Shows the plan's stop alerts in full and the count of warnings; never focusable."""

    new_stop = Signal(str)  # the id of a stop alert that was not in the previous plan

    def __init__(self, state: CaseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("alert_strip")
        self.last_announcement = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 2)
        outer.setSpacing(2)
        self.count_label = QLabel()
        self.count_label.setObjectName("alert_strip_count")
        self.count_label.setProperty("role", "strip_count")
        # Its room around the text from the start, not from the style sheet set with the first
        # plan: a padding there made the count 4 px taller then, and moved the whole window
        # under the clinician's eyes (and laid it out and painted it again) as the plan came.
        # The indent (fit_height) is the rest of what that padding did.
        self.count_label.setContentsMargins(8, 2, 8, 2)
        outer.addWidget(self.count_label)
        # The STOPs scroll inside a box of fixed height (fit_height), under the count.
        self.stops_area = QScrollArea()
        self.stops_area.setObjectName("alert_strip_stops")
        self.stops_area.setWidgetResizable(True)
        self.stops_area.setFrameShape(QFrame.Shape.NoFrame)
        # Never a stop for Tab (the strip is not focusable; a screen reader is told of a new
        # STOP by an announcement); the wheel and the scroll bar scroll it. Qt.NoFocus (0) set
        # through the property: the Qt namespace is not built before the first page (ui.wizard)
        self.stops_area.setProperty("focusPolicy", 0)
        body = QWidget()
        body.setObjectName("alert_strip_stops_body")
        self.stops_area.setWidget(body)
        outer.addWidget(self.stops_area)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)
        self.stop_labels: list[QLabel] = []
        self._shown_ids: set[str] | None = None  # None: nothing shown yet (no announcement)
        # What the strip's words were made from (language, stop alerts, number of warnings):
        # most entries leave them as they were, and then the strip has nothing to lay out or
        # repaint.
        self._shown: tuple | None = None
        self.retranslate()
        self.fit_height()
        state.changed.connect(self.refresh)
        state.replaced.connect(self._forget)

    def fit_height(self) -> None:
        """The strip's one height for the font in use (the window calls it again when View >
        Larger font changes the font): the count line, and STOP_LINES of STOP text."""
        stop_font = self.stop_labels[0].font() if self.stop_labels else self.font()
        from PySide6.QtGui import QFontMetrics

        height = round(QFontMetrics(stop_font).lineSpacing() * STOP_LINES) + 8 + 2  # padding
        # The count's text where a padded label's is: QLabel indents the text of a label with
        # a frame (which a style sheet's padding is) by half an "x" of its font. Set only when
        # it changes: QLabel lays itself out again at every setIndent.
        indent = QFontMetrics(self.count_label.font()).horizontalAdvance("x") // 2
        if self.count_label.indent() != indent:
            self.count_label.setIndent(indent)
        if self.stops_area.height() != height or self.stops_area.minimumHeight() != height:
            self.stops_area.setFixedHeight(height)

    def retranslate(self) -> None:
        self._shown = None  # the same alerts, in the new language's words
        self.setAccessibleName(translate("AlertStrip", "Alerts"))
        self.count_label.setAccessibleName(translate("AlertStrip", "alert count"))
        if self.state.plan is None:
            self.count_label.setText(translate("AlertStrip", "Loading the guideline..."))
        else:
            self.refresh()

    def _forget(self) -> None:
        """A whole case was loaded: its stop alerts are shown, not announced as new."""
        self._shown_ids = None

    def refresh(self) -> None:
        plan = self.state.plan
        if plan is None:
            return
        from leptodesk.models import Severity

        if not self.styleSheet():  # not at start-up: a style sheet costs a few ms to apply
            self.setStyleSheet(STRIP_STYLE)
        from . import i18n

        stops = plan.alerts_of(Severity.stop)
        warnings = plan.alerts_of(Severity.warning)
        shown = (i18n.current(), stops, len(warnings))
        if shown == self._shown:  # the same words: nothing new to show or announce
            self._shown_ids = {a.id for a in stops}  # (a loaded case's: shown, not new)
            return
        self._shown = shown
        while len(self.stop_labels) < len(stops):
            label = WrappedLabel()
            label.setObjectName(f"alert_strip_stop_{len(self.stop_labels)}")
            label.setProperty("role", "strip_stop")
            self._layout.insertWidget(len(self.stop_labels), label)
            self.stop_labels.append(label)
        stop = stop_prefix()
        for label, alert in zip(self.stop_labels, stops, strict=False):
            label.setText(self._alert_html(alert))
            label.setAccessibleName(f"{stop} {alert.text}")
            label.show()
        for label in self.stop_labels[len(stops):]:
            label.hide()
            label.clear()
        self.fit_height()  # the font of a STOP (bold, styled) may differ from the strip's
        self.count_label.setText(warning_count_text(len(stops), len(warnings)))
        ids = {a.id for a in stops}
        new = [a for a in stops if self._shown_ids is not None and a.id not in self._shown_ids]
        self._shown_ids = ids
        self.setAccessibleDescription(self.summary(plan))
        for alert in new:
            self._announce(f"{stop} {alert.text}")
            self.new_stop.emit(alert.id)
        if new:  # the new STOP in view inside the strip (the first new one, if several)
            label = self.stop_labels[[a.id for a in stops].index(new[0].id)]
            from PySide6.QtCore import QTimer

            # Once laid out (the label was just shown): in the next event-loop turn.
            QTimer.singleShot(0, self, lambda: self.stops_area.ensureWidgetVisible(label, 0, 0))

    @staticmethod
    def _alert_html(alert) -> str:
        from html import escape

        from leptodesk.view.document import alert_line

        from . import i18n

        # the alert's words and citations as the plan prints them
        return f"<b>{escape(stop_prefix())}</b> {escape(alert_line(alert, i18n.current()).text)}"

    @staticmethod
    def summary(plan: Plan) -> str:
        from leptodesk.models import Severity

        stops = plan.alerts_of(Severity.stop)
        text = warning_count_text(len(stops), len(plan.alerts_of(Severity.warning)))
        stop = stop_prefix()
        return " ".join([text, *(f"{stop} {a.text}" for a in stops)])

    def _announce(self, text: str) -> None:
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        event = QAccessibleAnnouncementEvent(self, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)
        self.last_announcement = text

    def stop_texts(self) -> list[str]:
        return [label.accessibleName() for label in self.stop_labels if not label.isHidden()]
