"""Review: the whole plan, stop alerts first, every line with its citations."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWizardPage

from ..case_state import CaseState
from ..plan_html import plan_html
from . import PageId


class ReviewPage(QWizardPage):
    def __init__(self, state: CaseState) -> None:
        super().__init__()
        self.state = state
        self.setTitle("Review the plan")
        self.setSubTitle("Stop alerts first. Check each line against its reference before "
                         "signing.")
        self.browser = QTextBrowser()
        self.browser.setObjectName("review_plan")
        self.browser.setAccessibleName("the whole plan")
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        state.changed.connect(self.refresh)
        self.refresh()

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.shown_plan = self.state.plan
        self.browser.setHtml(plan_html(self.state.plan, self.state.case, full=True))

    def first_field(self):
        return self.browser

    def text(self) -> str:
        return self.browser.toPlainText()

    def nextId(self) -> int:
        return PageId.SIGN
