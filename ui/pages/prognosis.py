"""Prognosis (malignant disease only): KPS with the eleven levels described, life expectancy,
whether the patient is dying."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .. import i18n
from ..case_state import CaseState
from ..i18n import translate
from ..unit_widgets import KpsBinding
from ..widgets import NumberBinding, TriStateBinding
from . import PageId
from .base import CasePage, range_hint


def kps_levels() -> tuple[tuple[int, str], ...]:
    """The eleven Karnofsky levels described in the wizard's language (the core's words)."""
    from leptodesk.service import get_service

    return get_service().cases.kps_levels(i18n.current())


class PrognosisPage(CasePage):
    def __init__(self, state: CaseState) -> None:
        super().__init__(state, lambda: translate("PrognosisPage", "Prognosis"),
                         lambda: translate("PrognosisPage", "The guideline decides "
                                           "disease-directed treatment on these. Leave Not "
                                           "known rather than guess."))
        self.kps = self.add(KpsBinding(state, "prognosis.kps", kps_levels))
        lst = self.kps.editor
        lst.setWordWrap(True)
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        from PySide6.QtWidgets import QListView

        from ..kps_delegate import KpsDelegate

        # Each description wrapped under its own first line, not under the score.
        self.kps_delegate = KpsDelegate(lst)
        lst.setItemDelegate(self.kps_delegate)
        lst.setResizeMode(QListView.ResizeMode.Adjust)  # rows measured again at a new width
        lst.setMinimumHeight((lst.fontMetrics().height() + 4) * lst.count() + 12)
        lst.installEventFilter(self)  # on resize: tall enough for every level, wrapped or not
        self.watch_kps_list()
        self.grid.setAlignment(self.kps.label, Qt.AlignmentFlag.AlignTop)
        self.add(NumberBinding(state, "prognosis.life_expectancy_months", range_hint(
            "prognosis.life_expectancy_months",
            lambda: translate("PrognosisPage", "months ({low} to {high})"))))
        self.add(TriStateBinding(state, "prognosis.dying"))
        self.grid.setRowStretch(self._row, 1)

    def watch_kps_list(self) -> None:
        """The delegate's row heights are kept by row and width: forgotten when a row's text
        changes (the language) or the list's font or style does (eventFilter)."""
        model = self.kps.editor.model()
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved,
                       model.modelReset, model.layoutChanged):
            signal.connect(self.kps_delegate.clear)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        from PySide6.QtCore import QEvent, QTimer

        if watched is self.kps.editor:
            kind = event.type()
            if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
                self.kps_delegate.clear()
            if kind == QEvent.Type.Resize:  # as a rule fitted already (lay_out_ahead)
                QTimer.singleShot(0, self, self.fit_kps_list)
        return False

    def lay_out_ahead(self) -> bool:
        """Called by the wizard once the hidden page is laid out at the size it will be shown
        at: the list made tall enough for its rows at its width then, so its first show
        changes nothing (no second layout pass of the page). True when the height changed."""
        return self.fit_kps_list()

    def retranslate(self) -> None:
        super().retranslate()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self, self.fit_kps_list)  # the descriptions wrap anew

    def fit_kps_list(self) -> bool:
        """All eleven levels in sight at any width: narrow windows wrap the descriptions, and
        a list that scrolled would hide 10 and 0. The rows are measured by the delegate at
        the list's width (its geometry's, right for a hidden page too), not laid out; the
        minimum height is set only when it changes. True when it changed."""
        lst = self.kps.editor
        rows = sum(max(lst.sizeHintForRow(i), 0) for i in range(lst.count()))
        wanted = rows + 2 * lst.frameWidth() + 4
        if rows and lst.minimumHeight() != wanted:
            lst.setMinimumHeight(wanted)
            return True
        return False

    def nextId(self) -> int:
        return PageId.COMPLICATIONS_PLANNED
