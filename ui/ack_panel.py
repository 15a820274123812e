"""The Sign page's acknowledgements: every STOP and WARNING of the plan answered before signing.

Each alert shows its words and citations, two choices (Accept: will follow; Override) and,
for an override, the coded reason (``models.OverrideReason``) and a comment (needed for
"other"). The panel only collects answers; the core checks them again when it signs
(``Service.export(acknowledgements=...)``). Info alerts are never asked about. When the
alerts change (a change to the case), every answer given is void and the panel asks again.

Keyboard: Tab reaches each alert's choices (arrow keys move between Accept and Override),
then its reason list and comment; every control has an accessible name that says which
alert it answers.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from leptodesk.models import AckOutcome, OverrideReason

from .case_state import CaseState
from .i18n import translate
from .widgets import see_through_scroll
from .wrapped_label import WrappedLabel


def _reason_words() -> dict[OverrideReason, str]:
    return {
        OverrideReason.benefit_outweighs_risk: translate("AckPanel", "benefit outweighs risk"),
        OverrideReason.already_addressed: translate("AckPanel", "already addressed"),
        OverrideReason.not_applicable: translate("AckPanel", "not applicable to this patient"),
        OverrideReason.other: translate("AckPanel", "other (say why in the comment)"),
    }


class _AlertAnswer(QFrame):
    """One alert and its answer."""

    answered = Signal()

    def __init__(self, index: int, alert, lang: str) -> None:
        super().__init__()
        self.alert = alert
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"ack_alert_{index}")
        from leptodesk.i18n import colon
        from leptodesk.view.document import alert_line

        line = alert_line(alert, lang)  # the words the plan and both PDFs print
        self.label_text = line.label + colon(lang)
        self.words = f"{self.label_text} {line.text}"
        grid = QGridLayout(self)
        from html import escape

        self.text = WrappedLabel(f"<b>{escape(self.label_text)}</b> {escape(line.text)}")
        self.text.setObjectName(f"ack_text_{index}")
        self.accept = QRadioButton()
        self.accept.setObjectName(f"ack_accept_{index}")
        self.override = QRadioButton()
        self.override.setObjectName(f"ack_override_{index}")
        self.group = QButtonGroup(self)
        self.group.addButton(self.accept)
        self.group.addButton(self.override)
        self.reason = QComboBox()
        self.reason.setObjectName(f"ack_reason_{index}")
        self.comment = QLineEdit()
        self.comment.setObjectName(f"ack_comment_{index}")
        self.comment.setMaxLength(500)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.comment_label = QLabel()
        self.comment_label.setBuddy(self.comment)
        grid.addWidget(self.text, 0, 0, 1, 3)
        grid.addWidget(self.accept, 1, 0, 1, 2)
        grid.addWidget(self.override, 1, 2)
        grid.addWidget(self.reason_label, 2, 0)
        grid.addWidget(self.reason, 2, 1, 1, 2)
        grid.addWidget(self.comment_label, 3, 0)
        grid.addWidget(self.comment, 3, 1, 1, 2)
        grid.setColumnStretch(2, 1)
        self.group.buttonToggled.connect(self._choice_changed)
        self.reason.currentIndexChanged.connect(lambda _i: self.answered.emit())
        self.comment.textChanged.connect(lambda _t: self.answered.emit())
        self.retranslate()
        self._choice_changed()

    def retranslate(self) -> None:
        chosen = self.reason.currentData()
        self.accept.setText(translate("AckPanel", "Accept: will follow"))
        self.override.setText(translate("AckPanel", "Override"))
        short = self.alert.text if len(self.alert.text) <= 80 else self.alert.text[:77] + "..."
        what = f"{self.label_text} {short}"
        self.accept.setAccessibleName(translate("AckPanel", "Accept, will follow: {alert}")
                                      .format(alert=what))
        self.override.setAccessibleName(translate("AckPanel", "Override: {alert}")
                                        .format(alert=what))
        self.reason_label.setText(translate("AckPanel", "Reason"))
        self.comment_label.setText(translate("AckPanel", "Comment"))
        self.reason.setAccessibleName(translate("AckPanel", "Override reason for {alert}")
                                      .format(alert=what))
        self.comment.setAccessibleName(translate("AckPanel", "Override comment for {alert}")
                                       .format(alert=what))
        self.reason.blockSignals(True)
        self.reason.clear()
        self.reason.addItem(translate("AckPanel", "Choose a reason..."), None)
        for code, words in _reason_words().items():
            self.reason.addItem(words, code)
        self.reason.setCurrentIndex(max(0, self.reason.findData(chosen)))
        self.reason.blockSignals(False)

    def _choice_changed(self, *_: object) -> None:
        from datetime import datetime

        # CDS Hooks outcomeTimestamp: when the clinician answered (last changed the answer)
        self.answered_at = datetime.now().astimezone() if self.group.checkedButton() else None
        overriding = self.override.isChecked()
        for widget in (self.reason, self.comment, self.reason_label, self.comment_label):
            widget.setEnabled(overriding)
        self.answered.emit()

    def answer(self):
        """The answer (``service.AckAnswer``), or None while it is not complete."""
        from leptodesk.service import AckError, get_service

        acks = get_service().acks
        if self.accept.isChecked():
            return acks.answer(self.alert.ack_id, AckOutcome.accepted, at=self.answered_at)
        if not self.override.isChecked():
            return None
        try:
            return acks.answer(self.alert.ack_id, AckOutcome.overridden,
                               self.reason.currentData(), self.comment.text(),
                               at=self.answered_at)
        except AckError:  # no reason yet, or "other" without a comment
            return None

    def restore(self, other: _AlertAnswer) -> None:
        """The answer given to the same alert in another language."""
        for mine, theirs in ((self.accept, other.accept), (self.override, other.override)):
            mine.setChecked(theirs.isChecked())
        self.reason.setCurrentIndex(max(0, self.reason.findData(other.reason.currentData())))
        self.comment.setText(other.comment.text())
        self.answered_at = other.answered_at

    def restore_signed(self, ack) -> None:
        """The answer a signed plan carries for this alert (a plan opened, or just signed)."""
        chosen = self.accept if ack.outcome is AckOutcome.accepted else self.override
        if not chosen.isChecked():
            chosen.setChecked(True)
        self.reason.setCurrentIndex(max(0, self.reason.findData(ack.reason)))
        self.comment.setText(ack.comment or "")
        self.answered_at = ack.at

    def set_read_only(self, read_only: bool) -> None:
        self.accept.setEnabled(not read_only)
        self.override.setEnabled(not read_only)
        overriding = self.override.isChecked() and not read_only
        for widget in (self.reason, self.comment):
            widget.setEnabled(overriding)


class AckPanel(QWidget):
    """Every STOP and WARNING of the case's plan with its answer; ``changed`` when an answer
    (or the set of alerts) changes. Hidden when the plan has none."""

    changed = Signal()

    def __init__(self, state: CaseState, parent: QWidget | None = None,
                 in_sight=lambda: True) -> None:
        """``in_sight``: whether the panel is in the user's sight (its page is the wizard's
        current page). Out of sight it does not follow the plan (each follow may build its rows
        again: several ms an entry, on every page but its own); it follows when shown."""
        super().__init__(parent)
        self.state = state
        self.setObjectName("ack_panel")
        self._in_sight = in_sight
        self._behind = False  # the plan changed while out of sight
        self._key: tuple = ()
        self._lang: str | None = None
        self.rows: list[_AlertAnswer] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = WrappedLabel()
        self.heading.setObjectName("ack_heading")
        outer.addWidget(self.heading)
        self.inner = QWidget()
        self.rows_layout = QVBoxLayout(self.inner)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = see_through_scroll(self.inner)
        outer.addWidget(self.scroll, 1)
        self.retranslate()
        state.changed.connect(self._plan_changed)
        self.follow_plan()  # when built (in idle time, or to be shown): the plan of the day

    def retranslate(self) -> None:
        self.heading.setText(translate(
            "AckPanel", "Before signing, answer every STOP and WARNING: accept it (you will "
            "follow it) or override it with a reason. The answers are signed with the plan and "
            "printed beside each alert."))
        self.scroll.setAccessibleName(translate("AckPanel", "STOP and WARNING alerts to "
                                                "acknowledge"))
        for row in self.rows:
            row.retranslate()
        self.follow_plan()  # the alerts' own words in the plan's new language

    def _plan_changed(self) -> None:
        if self._in_sight():
            self.follow_plan()
        else:
            self._behind = True

    def catch_up(self) -> None:
        """Follow the changes made while out of sight (its page is about to be shown)."""
        if self._behind:
            self.follow_plan()

    def follow_plan(self) -> None:
        """Ask again, with every answer cleared, when the alerts to acknowledge changed."""
        self._behind = False
        from leptodesk.service import get_service

        acks = get_service().acks
        plan = self.state.plan
        key = acks.key(plan)
        if key != self._key:
            # The same alerts in another language keep their answers; any other change of the
            # alerts voids every answer.
            same_alerts = (plan is not None and plan.language != self._lang
                           and [k[0] for k in key] == [k[0] for k in self._key])
            kept = {row.alert.ack_id: row for row in self.rows} if same_alerts else {}
            self._key = key
            self._lang = plan.language if plan is not None else None
            while self.rows_layout.count():
                item = self.rows_layout.takeAt(0)
                if item.widget() is not None:  # gone at once, not at the next event loop
                    item.widget().hide()
                    item.widget().setParent(None)
                    item.widget().deleteLater()
            self.rows = []
            alerts = acks.to_answer(plan) if plan is not None else []
            for i, alert in enumerate(alerts):
                row = _AlertAnswer(i, alert, plan.language)
                if alert.ack_id in kept:
                    row.restore(kept[alert.ack_id])
                row.answered.connect(self.changed.emit)
                self.rows_layout.addWidget(row)
                self.rows.append(row)
            self.rows_layout.addStretch(1)
            self.setVisible(bool(alerts))
            self.changed.emit()
        if plan is not None and plan.acknowledgements:  # a signed plan: its own answers
            for row in self.rows:
                ack = plan.acknowledgement_of(row.alert)
                if ack is not None and ack.alert_sha256 == row.alert.sha256():
                    row.restore_signed(ack)
        for row in self.rows:
            row.set_read_only(self.state.signed_current)

    def answers(self) -> list | None:
        """Every answer (``service.AckAnswer``), or None while any alert is unanswered."""
        out = [row.answer() for row in self.rows]
        return None if any(a is None for a in out) else out

    def complete(self) -> bool:
        return self.answers() is not None

    def unanswered(self) -> int:
        return sum(1 for row in self.rows if row.answer() is None)
