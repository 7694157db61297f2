"""The identify panel: the attributes of the features the user clicked on the map, a group per layer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from gismap.core.document import MapLayer
from gismap.core.indicators import is_join_detail
from gismap.ui.legend_panel import indicator_label
from gismap.ui.values import display_text, is_number


class IdentifyPanel(QWidget):
    """Field/value pairs of the features under a click, top layer first as in QGIS; a hint when none."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("identifyPanel")
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.tree.setRootIsDecorated(True)
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
        self.hits: list[tuple[MapLayer, int]] = []

    def show_feature(self, layer: MapLayer, row: int) -> None:
        """List the attributes of feature ``row`` (frame position) of ``layer``."""
        self.show_features([(layer, row)])

    def show_features(self, hits: list[tuple[MapLayer, int]]) -> None:
        """List the attributes of each (layer, row) of ``hits``, the first expanded."""
        self.tree.clear()
        for number, (layer, row) in enumerate(hits):
            frame = layer.data.frame
            group = QTreeWidgetItem([layer.name, self.tr("feature {number} of {count}").format(
                number=int(row) + 1, count=len(frame))])
            record = frame.iloc[int(row)]
            for column in frame.columns:
                if column == frame.geometry.name or is_join_detail(column):  # how a join matched: the Join Report's
                    continue
                value = record[column]
                item = QTreeWidgetItem(group, [indicator_label(str(column)), display_text(value)])
                item.setData(0, Qt.ItemDataRole.UserRole, str(column))
                item.setToolTip(0, str(column))  # the field's name, as exports write it
                item.setToolTip(1, item.text(1))
                if is_number(value):
                    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(group)
            group.setExpanded(number == 0)
        self.title_label.setText(self.tr("{count} features under the cursor").format(count=len(hits))
                                 if len(hits) > 1 else hits[0][0].name if hits else "")
        self.hits = [(layer, int(row)) for layer, row in hits]
        self.pages.setCurrentIndex(1 if hits else 0)

    def clear(self) -> None:
        """Back to the hint (the feature's layer was removed, or the click hit nothing)."""
        self.tree.clear()
        self.hits = []
        self.pages.setCurrentIndex(0)

    def values(self, index: int = 0) -> dict[str, str]:
        """Field name → shown value text of the ``index``-th feature listed, in order ({} for none)."""
        if index >= self.tree.topLevelItemCount():
            return {}
        group = self.tree.topLevelItem(index)
        return {group.child(i).data(0, Qt.ItemDataRole.UserRole): group.child(i).text(1)
                for i in range(group.childCount())}
