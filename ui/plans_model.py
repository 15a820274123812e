"""The Plans window's table: archived plans read a page at a time.

A ward archive holds hundreds of thousands of plans over the network, so opening reads one
page (the newest :data:`PAGE_ROWS`), and the view asks for the next page (Qt's
``canFetchMore``/``fetchMore``) as it is scrolled to the end: every plan can be reached, none
is hidden past a cap, and a row is formatted only when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from .i18n import translate
from .widgets import people_time

if TYPE_CHECKING:
    from leptodesk.service import PlanInfo

# Newest first, this many at a time: a screenful many times over, and one page over the
# network is a few milliseconds.
PAGE_ROWS = 200
COLUMN_COUNT = 6

# The next page: given the (signed_at, id) of the last plan held, the plans after it.
Fetch = Callable[[tuple[str, int]], list["PlanInfo"]]


def columns() -> tuple[str, ...]:
    return (translate("PlansWindow", "Signed"), translate("PlansWindow", "Patient"),
            translate("PlansWindow", "Pathway"), translate("PlansWindow", "Signer"),
            translate("PlansWindow", "Content version"), translate("PlansWindow", "Check"))


class PlansModel(QAbstractTableModel):
    """The archived plans as table rows, formatted only when a row is shown."""

    def __init__(self, parent=None, on_fetch_error: Callable[[OSError], None] | None = None,
                 pathway_title: Callable[[str], str] = str) -> None:
        super().__init__(parent)
        self.plans: list[PlanInfo] = []
        self._pathway_title = pathway_title  # the service's words, in the wizard's language
        self._checks: dict[int, str] = {}
        self._fetch: Fetch | None = None
        self._more = False
        self._on_fetch_error = on_fetch_error

    def show(self, plans: list[PlanInfo], checks: dict[int, str],
             fetch: Fetch | None = None) -> None:
        """``plans``: the first page; ``fetch`` reads the pages after it (None: that is all)."""
        self.beginResetModel()
        self.plans = list(plans)
        self._checks = checks
        self._fetch = fetch
        self._more = fetch is not None and len(plans) >= PAGE_ROWS
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | None = None) -> bool:  # noqa: N802 - Qt's
        return self._more and not (parent is not None and parent.isValid())

    def fetchMore(self, parent: QModelIndex | None = None) -> None:  # noqa: N802 - Qt's
        if not self.canFetchMore(parent) or not self.plans:
            return
        last = self.plans[-1]
        try:
            page = self._fetch((last.signed_at, last.id))
        except OSError as exc:  # StoreError: the archive went away; what is shown stays
            self._more = False
            if self._on_fetch_error is not None:
                self._on_fetch_error(exc)
            return
        self._more = len(page) >= PAGE_ROWS
        if page:
            self.beginInsertRows(QModelIndex(), len(self.plans), len(self.plans) + len(page) - 1)
            self.plans.extend(page)
            self.endInsertRows()

    def check_changed(self, row: int) -> None:
        index = self.index(row, COLUMN_COUNT - 1)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.plans)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else COLUMN_COUNT

    def text(self, row: int, column: int) -> str:
        p = self.plans[row]
        if column == 0:
            return people_time(p.signed_at)
        if column == 1:
            return p.display_name or translate("PlansWindow", "(no name)")
        if column == 2:
            return self._pathway_title(p.pathway)
        if column == 3:
            return p.signer
        if column == 4:
            return p.content_version
        return self._checks.get(p.id, translate("PlansWindow", "not checked"))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):  # cut with "..." in a narrow column: whole
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.UserRole:
            return self.plans[index.row()].id
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return columns()[section]
        return None
