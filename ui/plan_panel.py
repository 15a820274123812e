"""The live plan beside the pages: rebuilt from ``build_plan`` on every change.

Until the core has loaded (just after the first page is shown) it says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from .case_state import CaseState

LOADING = "Loading the guideline..."


class PlanPanel(QWidget):
    def __init__(self, state: CaseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("plan_panel")
        layout = QVBoxLayout(self)
        title = QLabel("<b>What the guideline says for this case</b> (updates with each entry)")
        title.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setObjectName("plan_panel_text")
        self.browser.setAccessibleName("live plan")
        self.browser.setOpenLinks(False)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(title)
        layout.addWidget(self.browser, 1)
        state.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self.state.plan is None:
            self.browser.setPlainText(LOADING)
            return
        from .plan_html import plan_html

        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(plan_html(self.state.plan, self.state.case, full=False))
        bar.setValue(position)

    def text(self) -> str:
        return self.browser.toPlainText()
