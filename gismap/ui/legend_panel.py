"""The legend panel: the classes of the current layer with their colours, ranges and counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from gismap.core.classify import LegendEntry, classify_layer
from gismap.core.document import MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.core.indicators import indicator_label as catalogue_label
from gismap.ui.i18n import current_language, error_text


def indicator_label(column: str) -> str:
    """The catalogue label of an indicator column in the interface language, else the column name."""
    return catalogue_label(column, current_language())


def layer_legend(map_layer: MapLayer) -> list[LegendEntry]:
    """Legend rows of a loaded, classified layer; raises :class:`GismapError` if it cannot be classed."""
    return classify_layer(map_layer).legend(current_language())


def swatch_icon(color: QColor, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(color)
    return QIcon(pixmap)


class LegendPanel(QWidget):
    """Shows the legend of one layer (see :meth:`set_layer`) and follows its changes."""

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("legendPanel")
        self._document = document
        self._layer: MapLayer | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Class"), self.tr("Communes")])
        self.tree.setColumnCount(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        self._observe(document)
        self.refresh()

    def _observe(self, document: MapDocument) -> None:
        document.layer_changed.connect(self._layer_changed)
        document.layers_changed.connect(self._layers_changed)

    def set_document(self, document: MapDocument) -> None:
        """Follow another document (a project was opened); shows no layer until :meth:`set_layer`."""
        self._document.layer_changed.disconnect(self._layer_changed)
        self._document.layers_changed.disconnect(self._layers_changed)
        self._document = document
        self._observe(document)
        self.set_layer(None)

    @property
    def layer(self) -> MapLayer | None:
        return self._layer

    def set_layer(self, map_layer: MapLayer | None) -> None:
        self._layer = map_layer
        self.refresh()

    def entries(self) -> list[LegendEntry]:
        """The legend rows shown (empty for a single-symbol or unloaded layer)."""
        layer = self._layer
        if layer is None or layer.data is None or layer.style.column is None:
            return []
        return layer_legend(layer)

    def refresh(self) -> None:
        self.tree.clear()
        layer = self._layer
        sites = layer is not None and layer.data is not None and layer.data.is_sites
        self.tree.setHeaderLabels([self.tr("Class"), self.tr("Sites") if sites else self.tr("Communes")])
        if layer is None:
            self.title.setText(self.tr("No layer selected"))
            return
        if layer.data is None:
            self.title.setText(self.tr("{0}: not loaded yet").format(layer.name))
            return
        if layer.style.column is None:
            self.title.setText(layer.name)
            item = QTreeWidgetItem([layer.name, str(len(layer.data.frame))])
            item.setIcon(0, swatch_icon(QColor(layer.style.fill or "transparent")))
            self.tree.addTopLevelItem(item)
            return
        self.title.setText("{0}\n{1}".format(layer.name, indicator_label(layer.style.column)))
        try:
            entries = layer_legend(layer)
        except GismapError as exc:
            self.title.setText(error_text(exc))
            return
        for entry in entries:
            item = QTreeWidgetItem([entry.label, str(entry.count)])
            item.setIcon(0, swatch_icon(QColor(*entry.color)))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if entry.no_data:
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(0)

    def _layer_changed(self, map_layer: MapLayer) -> None:
        if map_layer is self._layer:
            self.refresh()

    def _layers_changed(self) -> None:
        if self._layer is not None and self._layer not in self._document.layers:
            self.set_layer(None)
