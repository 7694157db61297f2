"""The repair dialog: every file an opened project misses, in one list, to locate or leave out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gismap.core import project as projects
from gismap.core.errors import GismapError
from gismap.core.recipe import JoinStep, SiteCountStep
from gismap.ui.i18n import error_text


class RepairDialog(QDialog):
    """One row per missing file (layer, what it is, where it was, what became of it).

    *Locate…* asks for the row's file; files that moved with it are found at once. *Leave Out*
    does without it (without its source, the layer goes). Closing leaves out what is left.
    """

    def __init__(self, repair: projects.Repair,
                 locate_path: Callable[[QWidget, projects.MissingSource], Path | None], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("repairDialog")
        self.setWindowTitle(self.tr("Files Not Found"))
        self.setMinimumWidth(760)
        self.repair = repair
        self._locate_path = locate_path
        self._was = [str(item.expected) for item in repair.missing]  # locating changes ``expected``
        intro = QLabel(self.tr("These files of the project are not where they were. Locate a moved file; the other "
                               "files moved along with it are then found as well."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(repair.missing), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Layer"), self.tr("File"), self.tr("Expected at"),
                                              self.tr("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.locate_button = QPushButton(self.tr("Locate…"), self)
        self.leave_button = QPushButton(self.tr("Leave Out"), self)
        self.locate_button.clicked.connect(lambda: self.locate(self.table.currentRow()))
        self.leave_button.clicked.connect(lambda: self.leave_out(self.table.currentRow()))
        self.table.currentCellChanged.connect(lambda *_: self._refresh())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.locate_button)
        row_buttons.addWidget(self.leave_button)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(row_buttons)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.table.setCurrentCell(0, 0)
        self._refresh()

    def locate(self, row: int) -> None:
        item = self._item(row)
        if item is None:
            return
        path = self._locate_path(self, item)
        if path is None:
            return
        try:
            self.repair.locate(item, path)
        except GismapError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.clear()
        self._refresh()

    def leave_out(self, row: int) -> None:
        item = self._item(row)
        if item is not None:
            self.repair.leave_out(item)
            self._refresh()

    def status(self, row: int) -> str:
        item = self.repair.missing[row]
        if item in self.repair.remaining:
            return self.tr("Missing")
        if item in self.repair.left_out:
            return self.tr("Left out")
        return self.tr("Found")

    def _item(self, row: int) -> projects.MissingSource | None:
        """The row's missing file, if it is still missing."""
        if 0 <= row < len(self.repair.missing) and self.repair.missing[row] in self.repair.remaining:
            return self.repair.missing[row]
        return None

    def _refresh(self) -> None:
        kinds = {"source": self.tr("layer file"), JoinStep.kind: self.tr("joined table"),
                 SiteCountStep.kind: self.tr("site list")}
        for row, item in enumerate(self.repair.missing):
            for column, text in enumerate((item.layer_name, kinds.get(item.role, item.role), self._was[row],
                                           self.status(row))):
                cell = QTableWidgetItem(text)
                cell.setToolTip(str(item.expected) if column == 3 and text == self.tr("Found") else text)
                self.table.setItem(row, column, cell)
        still = self._item(self.table.currentRow()) is not None
        self.locate_button.setEnabled(still)
        self.leave_button.setEnabled(still)
