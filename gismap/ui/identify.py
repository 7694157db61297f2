"""The identify panel: the attributes of the feature the user clicked on the map."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from gismap.core.document import MapLayer
from gismap.core.indicators import is_join_detail
from gismap.ui.values import display_text, is_number


class IdentifyPanel(QWidget):
    """Field/value pairs of one feature; a hint when no feature is shown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("identifyPanel")
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self.tr("Click a feature on the map to see its attributes."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        feature_page = QWidget(self)
        page_layout = QVBoxLayout(feature_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.title_label)
        page_layout.addWidget(self.tree)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(feature_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.pages)
        self.layer: MapLayer | None = None
        self.row: int | None = None

    def show_feature(self, layer: MapLayer, row: int) -> None:
        """List the attributes of feature ``row`` (frame position) of ``layer``."""
        frame = layer.data.frame
        record = frame.iloc[int(row)]
        self.tree.clear()
        for column in frame.columns:
            if column == frame.geometry.name or is_join_detail(column):  # how a join matched: the Join Report's
                continue
            value = record[column]
            item = QTreeWidgetItem([str(column), display_text(value)])
            item.setToolTip(1, item.text(1))
            if is_number(value):
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
        self.title_label.setText(self.tr("{layer} — feature {number} of {count}").format(
            layer=layer.name, number=int(row) + 1, count=len(frame)))
        self.layer, self.row = layer, int(row)
        self.pages.setCurrentIndex(1)

    def clear(self) -> None:
        """Back to the hint (the feature's layer was removed, or the click hit nothing)."""
        self.tree.clear()
        self.layer, self.row = None, None
        self.pages.setCurrentIndex(0)

    def values(self) -> dict[str, str]:
        """Shown field → value text, in order."""
        return {self.tree.topLevelItem(i).text(0): self.tree.topLevelItem(i).text(1)
                for i in range(self.tree.topLevelItemCount())}
