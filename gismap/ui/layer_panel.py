"""The layer panel: the document's layers, top-most first as in QGIS, with visibility checkboxes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from gismap.core.document import MapDocument, MapLayer

LAYER_ID_ROLE = Qt.ItemDataRole.UserRole


class LayerPanel(QListWidget):
    """A view of ``document.layers``; checking an item toggles the layer's visibility.

    Dragging an item reorders the layers of the document.
    """

    current_layer_changed = Signal(object)  # MapLayer or None

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("layerPanel")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self._document = document
        self._syncing = False
        document.layers_changed.connect(self.refresh)
        document.layer_changed.connect(self._layer_changed)
        self.itemChanged.connect(self._item_changed)
        self.currentItemChanged.connect(lambda item, _: self.current_layer_changed.emit(self.layer_of(item)))
        self.model().rowsMoved.connect(self._rows_moved)
        self.refresh()

    def set_document(self, document: MapDocument) -> None:
        for signal, slot in ((self._document.layers_changed, self.refresh),
                             (self._document.layer_changed, self._layer_changed)):
            signal.disconnect(slot)
        self._document = document
        document.layers_changed.connect(self.refresh)
        document.layer_changed.connect(self._layer_changed)
        self.refresh()

    def layer_of(self, item: QListWidgetItem | None) -> MapLayer | None:
        if item is None:
            return None
        layer_id = item.data(LAYER_ID_ROLE)
        return next((layer for layer in self._document.layers if layer.id == layer_id), None)

    def current_layer(self) -> MapLayer | None:
        return self.layer_of(self.currentItem())

    def refresh(self) -> None:
        current = self.current_layer()
        self._syncing = True
        self.clear()
        for layer in reversed(self._document.layers):
            item = QListWidgetItem(layer.name)
            item.setData(LAYER_ID_ROLE, layer.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
            item.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
            self._describe(item, layer)
            self.addItem(item)
            if current is not None and layer.id == current.id:
                self.setCurrentItem(item)
        self._syncing = False

    def _describe(self, item: QListWidgetItem, layer: MapLayer) -> None:
        if layer.data is None:
            item.setToolTip(f"{layer.source}\n" + self.tr("loading…"))
        else:
            item.setToolTip(f"{layer.source}\n{len(layer.data.frame):,} {layer.data.geometry_type}"
                            f" · {layer.data.source_crs.to_string()} · {layer.data.encoding}")

    def _item_for(self, layer: MapLayer) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self.item(row).data(LAYER_ID_ROLE) == layer.id:
                return self.item(row)
        return None

    def _layer_changed(self, layer: MapLayer) -> None:
        item = self._item_for(layer)
        if item is None:
            return
        self._syncing = True
        item.setText(layer.name)
        item.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
        self._describe(item, layer)
        self._syncing = False

    def _item_changed(self, item: QListWidgetItem) -> None:
        layer = self.layer_of(item)
        if self._syncing or layer is None:
            return
        visible = item.checkState() == Qt.CheckState.Checked
        if visible != layer.visible:
            self._document.update_layer(layer, visible=visible)
        if item.text() and item.text() != layer.name:
            self._document.update_layer(layer, name=item.text())

    def _rows_moved(self, *_args) -> None:
        # The panel lists top-most first; the document draws first-to-last.
        order = [self.item(row).data(LAYER_ID_ROLE) for row in range(self.count())][::-1]
        by_id = {layer.id: layer for layer in self._document.layers}
        self._document.layers[:] = [by_id[i] for i in order]
        self._document.layers_changed.emit()
