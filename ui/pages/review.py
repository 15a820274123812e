"""Review: the inputs the plan rests on beside the whole plan (stop alerts first, every line
with its citations)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from leptodesk.view.document import Inputs, build_document

from ..case_state import CaseState
from ..i18n import translate
from ..plan_html import plan_html
from ..plan_panel import PlanPanel
from . import PageId


class ReviewPage(QWizardPage):
    def __init__(self, state: CaseState) -> None:
        super().__init__()
        self.state = state
        self.inputs = QTableWidget(0, 2)
        self.inputs.setObjectName("review_inputs")
        self.inputs.verticalHeader().setVisible(False)
        self.inputs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.inputs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.inputs.setTabKeyNavigation(False)
        self.inputs.setWordWrap(True)
        header = self.inputs.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their wrapped text at the width the table has now (measured when it
        # was narrower or hidden, a long patient name was cut to its first line).
        self._fit_pending = False
        header.sectionResized.connect(self._fit_rows)
        self.inputs_title = inputs_title = QLabel()
        inputs_title.setBuddy(self.inputs)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(inputs_title)
        left_layout.addWidget(self.inputs, 1)
        self.browser = QTextBrowser()
        self.browser.setObjectName("review_plan")
        self.plan_title = plan_title = QLabel()
        plan_title.setBuddy(self.browser)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(plan_title)
        right_layout.addWidget(self.browser, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("review_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        # Take the wizard's whole height (QWizard puts a spacer under a page that does not).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._stale = True
        state.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setTitle(translate("ReviewPage", "Review the plan"))
        self.setSubTitle(translate("ReviewPage", "Check what was entered (left) and each line "
                                   "of the plan against its reference (right) before signing."))
        self.inputs.setAccessibleName(translate("ReviewPage", "inputs the plan rests on"))
        self.inputs.setHorizontalHeaderLabels((translate("ReviewPage", "Entered"),
                                               translate("ReviewPage", "Value")))
        self.inputs_title.setText(translate("ReviewPage", "&Inputs the plan rests on"))
        self.browser.setAccessibleName(translate("ReviewPage", "the whole plan"))
        self.plan_title.setText(translate("ReviewPage", "The &plan"))
        self._changed()  # the plan in the new language, now if shown, else when seen

    def _changed(self) -> None:
        # Built when seen: redrawing a hidden page on every entry would slow each entry down.
        self._stale = True
        if self.isVisible():
            self.refresh()

    def initializePage(self) -> None:
        # Shown: the plan as it is now, laid out again only if it changed since it was last
        # laid out (built in idle time, the page already holds the current plan).
        self._fresh()

    def prepare(self) -> None:
        """Before the page is shown (the page before it is): the plan as it is now, so that
        its show only paints it."""
        self._fresh()

    def follow_screen_reader(self) -> None:
        """A screen reader started or stopped: the plan the way it reads it (now if shown)."""
        self._changed()

    def _fresh(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.shown_plan = self.state.plan
        # For a screen reader, the plan without tables (see plan_html._box).
        self.browser.setHtml(plan_html(self.state.plan, self.state.case, full=True,
                                       linear=PlanPanel.screen_reader_listening()))
        inputs = build_document(self.state.plan, self.state.case, self.state.lang).first(Inputs)
        rows = inputs.rows if inputs is not None else ()
        self.inputs.setRowCount(len(rows))
        for row, (path, label, value) in enumerate(rows):
            for col, text in enumerate((label, value)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, path)
                self.inputs.setItem(row, col, item)
        self.inputs.resizeRowsToContents()

    def _fit_rows(self, *_: object) -> None:
        """Once the columns have settled (several resizes come in one layout pass)."""
        if self._fit_pending:
            return
        self._fit_pending = True
        from PySide6.QtCore import QTimer

        def fit() -> None:
            self._fit_pending = False
            if self.inputs.rowCount():
                self.inputs.resizeRowsToContents()

        QTimer.singleShot(0, self, fit)

    def input_rows(self) -> list[tuple[str, str]]:
        self._fresh()
        return [(self.inputs.item(r, 0).text(), self.inputs.item(r, 1).text())
                for r in range(self.inputs.rowCount())]

    def first_field(self):
        return self.inputs

    def text(self) -> str:
        self._fresh()
        return self.browser.toPlainText()

    def nextId(self) -> int:
        return PageId.SIGN
