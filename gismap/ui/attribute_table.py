"""The attribute table: a layer's features as rows, sorted, filtered and selected with the map.

:class:`FeatureTableModel` reads cells straight from the layer's frame (one array per column,
taken once per layer) through an ``order`` array of frame row positions, so sorting and
filtering are numpy operations rather than a Python ``lessThan`` per comparison.
:class:`AttributeTable` is the dockable widget: filter box, table, zoom to selection. Its
selection *is* ``document.selection``: selecting rows selects the features on the map, and
a selection made on the map selects the rows.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gismap.core.document import MapDocument, MapLayer
from gismap.core.indicators import is_join_detail
from gismap.core.names import fold
from gismap.ui.legend_panel import indicator_label
from gismap.ui.values import decimals_for, display_text, is_missing

_CELL_SEPARATOR = "\x1f"  # keeps a filter phrase from matching across two cells
HEADER_PADDING = 28  # beside a header's text: margins and the sort arrow
MAX_FITTED_WIDTH = 220  # a longer field name is elided (its tooltip shows it whole)


class FeatureTableModel(QAbstractTableModel):
    """Read-only table over ``map_layer.data.frame`` without its geometry column.

    Model row ``r`` shows frame row ``order[r]``. :meth:`sort` and :meth:`set_filter_text`
    reset the model; views re-apply their selection from the document afterwards.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layer: MapLayer | None = None
        self._frame = None
        self._columns: list[str] = []
        self._values: dict[int, np.ndarray] = {}
        self._decimals: dict[int, int] = {}
        self._haystack: list[str] | None = None
        self._sort: tuple[int, bool] = (-1, False)  # column, descending
        self._filter = ""
        self._order = np.empty(0, dtype=np.int64)
        self._position = np.empty(0, dtype=np.int64)  # frame row -> model row, -1 when hidden

    # -- what is shown ------------------------------------------------------------------------
    @property
    def layer(self) -> MapLayer | None:
        return self._layer

    @property
    def columns(self) -> list[str]:
        return list(self._columns)

    def set_layer(self, layer: MapLayer | None) -> None:
        """Show ``layer`` (None: nothing). Call again when its data changed (a join)."""
        self.beginResetModel()
        if layer is not self._layer:
            self._sort = (-1, False)  # column numbers mean other fields in another layer
        self._layer = layer
        self._frame = layer.data.frame if layer is not None and layer.data is not None else None
        frame = self._frame
        # How a join matched each commune is the Join Report's, as in identify and exports.
        self._columns = [] if frame is None else [str(c) for c in frame.columns
                                                  if c != frame.geometry.name and not is_join_detail(c)]
        self._values.clear()
        self._decimals.clear()
        self._haystack = None
        if self._sort[0] >= len(self._columns):
            self._sort = (-1, False)
        self._update_order()
        self.endResetModel()

    def shows_current_data(self, layer: MapLayer) -> bool:
        """Whether the model already shows ``layer``'s current frame."""
        return layer is self._layer and layer.data is not None and layer.data.frame is self._frame

    def set_filter_text(self, text: str) -> None:
        """Keep the rows with a cell containing ``text``, ignoring case and diacritics."""
        needle = " ".join(fold(text).split())
        if needle == self._filter:
            return
        self.beginResetModel()
        self._filter = needle
        self._update_order()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; -1 restores the layer's own order. Missing values go last."""
        self.beginResetModel()
        self._sort = (column if 0 <= column < len(self._columns) else -1,
                      order == Qt.SortOrder.DescendingOrder)
        self._update_order()
        self.endResetModel()

    # -- row mapping ---------------------------------------------------------------------------
    def frame_rows(self, model_rows) -> np.ndarray:
        """Frame row positions shown at ``model_rows``."""
        return self._order[np.asarray(model_rows, dtype=np.int64)]

    def model_rows(self, frame_rows) -> np.ndarray:
        """Model rows showing ``frame_rows``, in model order; rows filtered out are dropped."""
        if self._position.size == 0:
            return np.empty(0, dtype=np.int64)
        positions = self._position[np.asarray(frame_rows, dtype=np.int64)]
        return np.sort(positions[positions >= 0])

    def hidden(self, frame_rows) -> np.ndarray:
        """Those of ``frame_rows`` the filter hides."""
        frame_rows = np.asarray(frame_rows, dtype=np.int64)
        return frame_rows[self._position[frame_rows] < 0] if frame_rows.size else frame_rows

    def total_rows(self) -> int:
        return 0 if self._frame is None else len(self._frame)

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else int(self._order.size)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._column(column)[self._order[index.row()]]
            return display_text(value, self._decimals.get(column))
        if role == Qt.ItemDataRole.TextAlignmentRole and self._is_numeric(column):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:  # named as the style panel and legend name it
                return indicator_label(column)
            if role == Qt.ItemDataRole.ToolTipRole:  # the field's name, as exports write it
                return column
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return None
        # Row numbers of the layer itself, so they stay with the feature when sorting.
        return str(int(self._order[section]) + 1) if section < self._order.size else None

    # -- internals -----------------------------------------------------------------------------
    def _column(self, column: int) -> np.ndarray:
        """The values of a column, taken from the frame once (numeric columns are not copied)."""
        values = self._values.get(column)
        if values is None:
            series = self._frame[self._columns[column]]
            numeric = series.dtype.kind in "iufb"
            values = series.to_numpy() if numeric else series.to_numpy(dtype=object)
            self._values[column] = values
            if series.dtype.kind == "f":
                self._decimals[column] = decimals_for(values)
        return values

    def _is_numeric(self, column: int) -> bool:
        return self._column(column).dtype.kind in "iuf"

    def _update_order(self) -> None:
        count = self.total_rows()
        column, descending = self._sort
        order = np.arange(count, dtype=np.int64) if column < 0 else self._sorted_rows(column, descending)
        if self._filter and count:
            order = order[self._filter_mask()[order]]
        self._order = order
        self._position = np.full(count, -1, dtype=np.int64)
        self._position[order] = np.arange(order.size)

    def _sorted_rows(self, column: int, descending: bool) -> np.ndarray:
        values = self._column(column)
        if values.dtype.kind in "iufb":
            keys = values.astype(float)
            missing = np.isnan(keys)
            order = np.argsort(-keys if descending else keys, kind="stable")
        else:
            missing = np.fromiter((is_missing(v) for v in values), dtype=bool, count=values.size)
            # Vietnamese order is approximated by the unaccented text, the accented one breaking ties.
            keys = [(fold(v), str(v)) if not gone else ("", "") for v, gone in zip(values, missing)]
            order = np.array(sorted(range(len(keys)), key=keys.__getitem__, reverse=descending), dtype=np.int64)
        return np.concatenate([order[~missing[order]], order[missing[order]]])

    def _filter_mask(self) -> np.ndarray:
        if self._haystack is None:
            # Folded once per layer: each filter keystroke is then a substring test per row.
            cells = [[" ".join(fold(display_text(v, self._decimals.get(c))).split()) for v in self._column(c)]
                     for c in range(len(self._columns))]
            self._haystack = [_CELL_SEPARATOR.join(row) for row in zip(*cells)]
        needle = self._filter
        return np.fromiter((needle in row for row in self._haystack), dtype=bool, count=len(self._haystack))


class AttributeTable(QWidget):
    """Dockable attribute table of one layer, its selection linked with ``document.selection``.

    Emits ``zoom_requested(extent)`` with ``(minx, miny, maxx, maxy)`` of the selected features.
    """

    zoom_requested = Signal(object)

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attributeTable")
        self._document = document
        self._syncing = False
        self.model = FeatureTableModel(self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter rows (accents optional)…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter_text)

        # No shortcut of its own: Ctrl+J is the window's Zoom to Selection, which does the same.
        self.zoom_action = QAction(self.tr("Zoom to Selected"), self)
        self.zoom_action.triggered.connect(self.zoom_to_selected)
        self.clear_action = QAction(self.tr("Clear Selection"), self)
        self.clear_action.triggered.connect(self._clear_selection)
        self.addActions([self.zoom_action, self.clear_action])

        self.count_label = QLabel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fitted_columns: list[str] = []
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.selectionModel().selectionChanged.connect(self._view_selection_changed)
        self.model.modelReset.connect(self._model_reset)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        for action in (self.zoom_action, self.clear_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            bar.addWidget(button)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.view)

        self._observe(document)
        self._update_status()

    # -- public ---------------------------------------------------------------------------------
    @property
    def layer(self) -> MapLayer | None:
        return self.model.layer

    def set_layer(self, layer: MapLayer | None) -> None:
        """Show the features of ``layer`` (not loaded yet: empty until its data arrives)."""
        if layer is not self.layer:
            self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_layer(layer)

    def set_document(self, document: MapDocument) -> None:
        """Follow another document (a project was opened); shows no layer until :meth:`set_layer`."""
        for signal, slot in self._connections():
            signal.disconnect(slot)
        self._document = document
        self._observe(document)
        self.set_layer(None)

    def selected_rows(self) -> np.ndarray:
        """Frame row positions selected in the view (the visible part of the selection)."""
        model_rows = [r for selection_range in self.view.selectionModel().selection()
                      for r in range(selection_range.top(), selection_range.bottom() + 1)]
        return np.sort(self.model.frame_rows(model_rows))

    def zoom_to_selected(self) -> None:
        bounds = None if self.layer is None else self._document.selection_bounds([self.layer])
        if bounds is not None:
            self.zoom_requested.emit(bounds)

    # -- document -> view -----------------------------------------------------------------------
    def _connections(self):
        return ((self._document.selection_changed, self._document_selection_changed),
                (self._document.layer_changed, self._layer_changed),
                (self._document.layers_changed, self._layers_changed))

    def _observe(self, document: MapDocument) -> None:
        for signal, slot in self._connections():
            signal.connect(slot)

    def _layer_changed(self, layer: MapLayer) -> None:
        # Visibility or style changes keep the table as is; new data (loaded, joined) refreshes it.
        if layer is self.layer and not self.model.shows_current_data(layer):
            self.model.set_layer(layer)

    def _layers_changed(self) -> None:
        # Identity, not ==: MapLayer is a dataclass whose equality would compare frames.
        if self.layer is not None and not any(layer is self.layer for layer in self._document.layers):
            self.set_layer(None)

    def _document_selection_changed(self, layer: MapLayer) -> None:
        if layer is self.layer and not self._syncing:
            self._select_from_document(scroll=True)

    def _model_reset(self) -> None:
        if self.model.columns != self._fitted_columns:  # other fields: widths fitted to their names
            self._fitted_columns = list(self.model.columns)
            header = self.view.horizontalHeader()
            for section in range(self.model.columnCount()):
                label = self.model.headerData(section, Qt.Orientation.Horizontal)
                wanted = header.fontMetrics().horizontalAdvance(label) + HEADER_PADDING
                header.resizeSection(section, min(max(wanted, header.defaultSectionSize()), MAX_FITTED_WIDTH))
        self._select_from_document(scroll=False)

    def _select_from_document(self, scroll: bool) -> None:
        """Select the rows of the document's selection that the filter shows."""
        layer = self.layer
        rows = self.model.model_rows(self._document.selected(layer)) if layer is not None else []
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        for first, last in _runs(np.asarray(rows, dtype=np.int64)):
            selection.select(self.model.index(first, 0), self.model.index(last, last_column))
        self._syncing = True
        try:
            self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._syncing = False
        if scroll and len(rows):
            self.view.scrollTo(self.model.index(int(rows[0]), 0))
        self._update_status()

    # -- view -> document -----------------------------------------------------------------------
    def _view_selection_changed(self, *_args) -> None:
        layer = self.layer
        if self._syncing or layer is None:
            return
        # Rows the filter hides stay selected: filtering narrows the view, not the selection.
        keep = self.model.hidden(self._document.selected(layer))
        self._syncing = True
        try:
            self._document.select(layer, np.concatenate([self.selected_rows(), keep]))
        finally:
            self._syncing = False
        self._update_status()

    def _clear_selection(self) -> None:
        if self.layer is not None:
            self._document.select(self.layer, [])

    def _update_status(self) -> None:
        selected = self._document.selected(self.layer).size if self.layer is not None else 0
        self.count_label.setText(self.tr("{shown} of {total} shown, {selected} selected").format(
            shown=self.model.rowCount(), total=self.model.total_rows(), selected=selected))
        self.zoom_action.setEnabled(selected > 0)
        self.clear_action.setEnabled(selected > 0)


def _runs(rows: np.ndarray) -> list[tuple[int, int]]:
    """``[1, 2, 3, 7, 8]`` → ``[(1, 3), (7, 8)]``: one selection range per run of rows."""
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    starts = rows[np.r_[0, breaks]]
    ends = rows[np.r_[breaks - 1, rows.size - 1]]
    return list(zip(starts.tolist(), ends.tolist()))
