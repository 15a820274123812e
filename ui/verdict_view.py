"""One verification verdict as a nurse reads it: the sentence first (PASS or FAIL, in the
wizard's language), then who vouches for the signer and any notes, and every hash and
fingerprint behind a "Details" disclosure, closed until asked for. The Verify dialog and the
Plans window show it; the words are all the core's (``VerifyResult``), laid out here.

The core writes the lines: ``screen_lines_in`` (the sentence, the site root with its short
fingerprint, the notes) and ``detail_lines_in`` (everything else, behind Details).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .i18n import translate
from .wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from pathlib import Path

    from leptodesk.service import Refused, VerifyResult

PASS_STYLE = "QLabel { font-size: 14pt; font-weight: bold; color: #0a5a0a; }"
FAIL_STYLE = ("QLabel { font-size: 14pt; font-weight: bold; color: #a00000; "
              "border: 3px solid #a00000; padding: 4px; }")


def screen_lines(result: VerifyResult, lang: str) -> list[str]:
    """What a window shows of ``result`` at first: its sentence, the root, the notes."""
    return list(result.screen_lines_in(lang))


def detail_lines(result: VerifyResult, lang: str) -> list[str]:
    """What goes behind Details: every other line the core prints (hashes, fingerprints)."""
    return list(result.detail_lines_in(lang))


class VerdictView(QWidget):
    """The verdict's sentence (focusable, so the keyboard and a screen reader land on it),
    the lines under it, and Details."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.result = None
        self._failed = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sentence = WrappedLabel()
        self.sentence.setObjectName(f"{name}_sentence")
        # Reachable with Tab and read by screen readers; its text can be selected and copied.
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.sentence.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.lines = WrappedLabel()
        self.lines.setObjectName(f"{name}_lines")
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines.hide()
        self.toggle = QToolButton()
        self.toggle.setObjectName(f"{name}_details_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._show_details)
        self.toggle.hide()
        self.details = QPlainTextEdit()
        self.details.setObjectName(f"{name}_details")
        self.details.setReadOnly(True)
        # Opened, room for the lines verify prints (about 16) without a scroll bar at once.
        self.details.setMinimumHeight(self.details.fontMetrics().lineSpacing() * 10)
        self.details.hide()
        layout.addWidget(self.sentence)
        layout.addWidget(self.lines)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.toggle.setText(translate("VerdictView", "&Details"))
        self.toggle.setAccessibleName(translate("VerdictView", "Details: fingerprints and "
                                                "hashes"))
        self.sentence.setAccessibleDescription(translate("VerdictView", "Verification result"))
        self.details.setAccessibleName(translate("VerdictView", "Verification details"))
        if self.result is not None:
            self.show_result(self.result, self._before)

    # -- showing --------------------------------------------------------------------------
    _before: tuple[str, ...] = ()

    def show_result(self, result, before: tuple[str, ...] = (), after: str = "") -> None:
        """``result``'s verdict in the wizard's language; ``before``: lines for Details ahead
        of the core's (the file checked); ``after``: words added to a FAIL's sentence."""
        lang = i18n.current()
        self.result, self._before = result, tuple(before)
        first, *rest = screen_lines(result, lang)
        if not result.ok and after:
            first = after.format(verdict=first)
        self._set(first, rest, [*before, *detail_lines(result, lang)], failed=not result.ok)

    def show_failure(self, sentence: str) -> None:
        """A check that could not run (no file, unreadable): FAIL, with nothing behind it."""
        self.result, self._before = None, ()
        self._set(sentence, [], [], failed=True)

    def show_text(self, text: str) -> None:
        """A plain message in the sentence's place (no verdict: "Checking...")."""
        self.result, self._before = None, ()
        self._failed = False
        self.sentence.setStyleSheet("")
        self.sentence.setText(text)
        self.sentence.setAccessibleName(text)
        self.lines.hide()
        self.toggle.hide()
        self.toggle.setChecked(False)
        self.details.clear()

    def _set(self, first: str, rest: list[str], details: list[str], *, failed: bool) -> None:
        self._failed = failed
        self.sentence.setText(first)
        self.sentence.setAccessibleName(first)
        self.sentence.setStyleSheet(FAIL_STYLE if failed else PASS_STYLE)
        self.lines.setText("\n".join(rest))
        self.lines.setVisible(bool(rest))
        self.details.setPlainText("\n".join(details))
        self.toggle.setVisible(bool(details))
        self._show_details(self.toggle.isChecked())
        self._fit_window()

    def _show_details(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.details.setVisible(shown and bool(self.details.toPlainText()))
        self._fit_window()

    def _fit_window(self) -> None:
        """The window grows to show the whole sentence (wrapped) and opened Details, within
        the screen's free area (it was laid out for one line, and the sentence was cut)."""
        from PySide6.QtCore import QTimer

        def grow() -> None:
            window = self.window()
            if window is None or not window.isVisible() or window.isMaximized():
                return
            window.layout().activate()
            wanted = window.sizeHint().height()
            if window.layout().hasHeightForWidth():
                wanted = max(wanted, window.layout().totalHeightForWidth(window.width()))
            screen = window.screen()
            free = screen.availableGeometry() if screen is not None else None
            if free is not None:
                frame = window.frameGeometry().height() - window.height()
                wanted = min(wanted, free.height() - frame)
            if wanted > window.height():
                window.resize(window.width(), wanted)
                outer = window.frameGeometry()
                if free is not None and outer.bottom() > free.bottom():  # moved up, not cut
                    window.move(outer.x(), max(free.top(), free.bottom() + 1 - outer.height()))

        QTimer.singleShot(0, self, grow)

    setText = show_text  # noqa: N815 - a QLabel's name: where a label stood, messages go here

    def text(self) -> str:
        """Everything in sight, as it reads (sentence, then the lines under it)."""
        rest = self.lines.text() if self.lines.isVisibleTo(self) else ""
        return "\n".join(t for t in (self.sentence.text(), rest) if t)

    # -- keyboard and screen readers --------------------------------------------------------
    def focus_and_announce(self) -> None:
        """The keyboard on the sentence, and the sentence said at once by a screen reader."""
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        from .focus import keyboard_focus

        keyboard_focus(self.sentence)
        event = QAccessibleAnnouncementEvent(self.sentence, self.sentence.text())
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive
                            if self._failed else QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
        self.last_announcement = self.sentence.text()

    last_announcement = ""


# -- File > Open plan: a signed PDF that is not opened ---------------------------------------

def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                 details: str = "") -> None:
    """A message box with Qt's own "Show Details..." disclosure for ``details`` (tests
    replace this function: see tests/ui/conftest.py, ``messages``)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def refused_plan(parent: QWidget | None, path: Path, exc: Refused) -> None:
    """Why File > Open plan did not open ``path``: a nurse summary is not a refusal (it
    verified; it holds no case) and says which export it belongs to, with an information
    icon; any other refusal is a warning with the verdict's sentence, its issuer and notes. The
    hashes and full fingerprints are behind Show Details."""
    from leptodesk.i18n import colon

    lang = i18n.current()
    verdict = exc.verdict
    details = "\n".join(detail_lines(verdict, lang)) if verdict is not None else ""
    if exc.key == "refused_nurse_summary" and verdict is not None and verdict.ok:
        show_message(parent, QMessageBox.Icon.Information,
                     translate("OpenPlan", "Nurse summary: no case to open"),
                     f"{path}{colon(lang)}\n" + translate(
                         "OpenPlan", "This is the nurse summary of export {export_id}; open "
                         "the clinician plan to reopen the case.").format(
                             export_id=verdict.export_id or "?"),
                     details)
        return
    # Under the refusal, what every window shows of the verdict: who issued the signer's
    # certificate (short fingerprint) and the notes (e.g. why a root trusted before is not).
    more = screen_lines(verdict, lang)[1:] if verdict is not None else []
    show_message(parent, QMessageBox.Icon.Warning, translate("OpenPlan", "Plan refused"),
                 "\n".join([f"{path}{colon(lang)}", i18n.core_message(exc), *more]), details)
