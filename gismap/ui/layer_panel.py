"""The layer panel: the document's layers, top-most first as in QGIS, with visibility checkboxes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from gismap.core.document import MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.core.recipe import JoinStep
from gismap.ui.i18n import error_text, translated

LAYER_ID_ROLE = Qt.ItemDataRole.UserRole


class LayerPanel(QListWidget):
    """A view of ``document.layers``; checking an item toggles the layer's visibility.

    Dragging an item reorders the layers of the document.
    """

    current_layer_changed = Signal(object)  # MapLayer or None
    zoom_requested = Signal(object)  # extent

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("layerPanel")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self._document = document
        self._failed: dict = {}  # layer id → why the map could not draw it
        self._syncing = False
        document.layers_changed.connect(self.refresh)
        document.layer_changed.connect(self._layer_changed)
        self.itemChanged.connect(self._item_changed)
        self.currentItemChanged.connect(lambda item, _: self.current_layer_changed.emit(self.layer_of(item)))
        self.model().rowsMoved.connect(self._rows_moved)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
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

    def select_layer(self, layer: MapLayer) -> None:
        item = self._item_for(layer)
        if item is not None:
            self.setCurrentItem(item)

    def select_styled_layer(self) -> None:
        """Make the top-most choropleth layer current (what a user opening a map wants to inspect),
        else the top-most layer."""
        layers = [self.layer_of(self.item(row)) for row in range(self.count())]
        styled = [layer for layer in layers if layer is not None and layer.style.column]
        if styled or layers:
            self.select_layer((styled or layers)[0])

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

    def mark_failed(self, errors: dict) -> None:
        """Show a warning on the layers that cannot be drawn (layer id → error), and why."""
        self._failed = dict(errors)
        for layer in self._document.layers:
            item = self._item_for(layer)
            if item is not None:
                self._describe(item, layer)

    def _describe(self, item: QListWidgetItem, layer: MapLayer) -> None:
        error = layer.load_error or self._failed.get(layer.id)
        item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if error else QIcon())
        if error is not None:
            item.setToolTip(f"{layer.source}\n" + self.tr("Not drawn: {0}").format(error_text(error)))
        elif layer.data is None:
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
        self._document.reorder([by_id[i] for i in order])

    # -- context menu: what QGIS offers on a layer -------------------------------------------
    def _context_menu(self, position) -> None:
        item = self.itemAt(position)
        layer = self.layer_of(item)
        if layer is None:
            return
        menu = QMenu(self)
        zoom = menu.addAction(self.tr("&Zoom to Layer"))
        zoom.setEnabled(layer.data is not None)
        zoom.triggered.connect(lambda: self.zoom_requested.emit(layer.data.bounds))
        menu.addAction(self.tr("&Rename"), lambda: self.editItem(item))
        menu.addAction(self.tr("Re&move"), lambda: self._document.remove_layer(layer))
        menu.addSeparator()
        menu.addAction(self._opacity_action(menu, layer))
        menu.addSeparator()
        menu.addAction(self.tr("&Properties…"), lambda: self.show_properties(layer))
        menu.exec(self.viewport().mapToGlobal(position))

    def _steps_list(self, parent: QWidget, layer: MapLayer) -> QWidget:
        """The layer's recipe, in order (joins and site counts, as QGIS's Joins tab), each removable."""
        box = QWidget(parent)
        box.setObjectName("layerSteps")
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        if not layer.recipe:
            rows.addWidget(QLabel(self.tr("none: the layer as read"), box))
        for step in layer.recipe:
            if isinstance(step, JoinStep):
                text = self.tr("Join {0}").format(step.table.name + (f" ({step.sheet})" if step.sheet else ""))
            else:
                text = self.tr("Count sites of {0} as {1}").format(step.sites.name, step.column)
            row = QHBoxLayout()
            row.addWidget(QLabel(text, box), 1)
            remove = QPushButton(self.tr("Remove"), box)
            remove.setToolTip(self.tr("Remove this step; the layer is rebuilt from its file without it"))
            remove.clicked.connect(lambda _checked=False, step=step: self._remove_step(parent, layer, step))
            row.addWidget(remove)
            rows.addLayout(row)
        return box

    def _remove_step(self, dialog: QDialog, layer: MapLayer, step) -> None:
        # The step itself, not its place: the recipe may have changed since the dialog opened (undo).
        index = next((number for number, other in enumerate(layer.recipe) if other is step), None)
        if index is None:
            dialog.close()
            self.show_properties(layer)
            return
        try:
            self._document.remove_step(layer, index)
        except GismapError as exc:
            QMessageBox.warning(dialog, self.tr("Remove Step"), error_text(exc))
            return
        dialog.close()
        self.show_properties(layer)  # the steps as they are now

    def _opacity_action(self, menu: QMenu, layer: MapLayer) -> QWidgetAction:
        slider = QSlider(Qt.Orientation.Horizontal, menu)
        slider.setRange(0, 100)
        slider.setValue(round(layer.opacity * 100))
        slider.setToolTip(self.tr("Opacity"))
        slider.valueChanged.connect(lambda v: self._document.update_layer(layer, opacity=v / 100))
        action = QWidgetAction(menu)
        action.setDefaultWidget(slider)
        return action

    def show_properties(self, layer: MapLayer) -> QDialog:
        """A non-modal dialog with the layer's source, CRS, feature count, encoding, notes and fields."""
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Layer Properties — {0}").format(layer.name))
        form = QFormLayout(dialog)
        form.addRow(self.tr("Source"), QLabel(str(layer.source)))
        data = layer.data
        if data is not None:
            form.addRow(self.tr("Layer in file"), QLabel(data.source_layer or ""))
            form.addRow(self.tr("CRS"), QLabel(f"{data.source_crs.to_string()} — {data.source_crs.name}"))
            form.addRow(self.tr("Features"), QLabel(f"{len(data.frame):,} {data.geometry_type}"))
            form.addRow(self.tr("Encoding"), QLabel(data.encoding))
            if data.warnings:  # what was noticed while reading: encodings converted, coordinates assumed...
                notes = QLabel("\n".join(translated(w) for w in data.warnings))
                notes.setObjectName("layerNotes")
                notes.setWordWrap(True)
                form.addRow(self.tr("Notes"), notes)
            form.addRow(self.tr("Repaired geometries"),
                        QLabel(str(data.invalid_geometries) if data.repair_done else self.tr("checking…")))
            fields = QLabel("\n".join(f"{name}: {kind}" for name, kind in data.field_types().items()))
            fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.tr("Fields"), fields)
        form.addRow(self.tr("Steps"), self._steps_list(dialog, layer))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.close)
        form.addRow(buttons)
        dialog.show()
        return dialog
