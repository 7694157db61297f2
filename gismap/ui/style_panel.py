"""The style panel: choropleth settings of one layer, applied live, with a histogram of breaks.

Every change goes through ``document.restyle`` after a short pause (debounced), so dragging a
spin box or a break redraws the map once the hand rests rather than on every step.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QLinearGradient, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gismap.core.classify import CATEGORICAL, MAX_K, MIN_K, Classification, classify_layer, ramp
from gismap.core.document import MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.core.indicators import is_join_detail
from gismap.ui.i18n import error_text
from gismap.ui.legend_panel import indicator_label
from gismap.ui.tasks import run_in_background

RESTYLE_DELAY_MS = 250
# Colour-blind-safe sequential ramps first (the default YlGnBu among them), then diverging.
RAMPS = ("YlGnBu", "YlOrRd", "Blues", "Greens", "Purples", "Oranges", "PuBuGn", "viridis",
         "cividis", "magma", "RdYlBu", "PuOr", "Set2")
ICON_RAMP_COLORS = 7  # stops of the gradient in a ramp's icon
HISTOGRAM_BINS = 30
GRAB_TOLERANCE_PX = 5


def styleable_columns(frame: pd.DataFrame) -> list[str]:
    """Columns a choropleth can show: numbers and yes/no values, not the geometry nor a join's details."""
    geometry = getattr(frame, "_geometry_column_name", None)
    return [str(c) for c in frame.columns if c != geometry and not is_join_detail(c)
            and (pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))]


def ramp_icon(colors: np.ndarray, width: int = 64, height: int = 12) -> QIcon:
    """A gradient through ``colors`` ((k, 4) uint8, as :func:`ramp` gives them)."""
    pixmap = QPixmap(width, height)
    painter = QPainter(pixmap)
    gradient = QLinearGradient(0, 0, width, 0)
    for index, color in enumerate(colors):
        gradient.setColorAt(index / (len(colors) - 1), QColor(*map(int, color)))
    painter.fillRect(pixmap.rect(), gradient)
    painter.end()
    return QIcon(pixmap)


class ColorButton(QToolButton):
    """A button showing a colour; clicking opens a colour picker."""

    color_changed = Signal(str)  # '#rrggbb'

    def __init__(self, color: str = "#000000", parent=None) -> None:
        super().__init__(parent)
        self._color = color
        self.clicked.connect(self._choose)
        self._paint()

    @property
    def color(self) -> str:
        return self._color

    def set_color(self, color: str, notify: bool = True) -> None:
        self._color = QColor(color).name()
        self._paint()
        if notify:
            self.color_changed.emit(self._color)

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self, self.tr("Choose a colour"))
        if chosen.isValid():
            self.set_color(chosen.name())

    def _paint(self) -> None:
        pixmap = QPixmap(32, 14)
        pixmap.fill(QColor(self._color))
        self.setIcon(QIcon(pixmap))
        self.setToolTip(self._color)


class BreaksHistogram(QWidget):
    """A histogram of values with class breaks as vertical lines that can be dragged.

    ``breaks`` are the class upper bounds; the last one is the maximum and stays put. Dragging
    an inner break emits :attr:`breaks_edited` with the new bounds once the mouse is released.
    """

    breaks_edited = Signal(list)

    MARGIN = 8

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(110)
        self.setMouseTracking(True)
        self._values = np.empty(0)
        self._breaks: list[float] = []
        self._colors: list[QColor] = []
        self._dragging: int | None = None

    # -- data ----------------------------------------------------------------------------
    def set_data(self, values: np.ndarray, breaks: list[float], colors: list[QColor]) -> None:
        self._values = values[np.isfinite(values)]
        self._breaks = list(breaks)
        self._colors = colors
        self._dragging = None
        self.update()

    @property
    def breaks(self) -> list[float]:
        return list(self._breaks)

    def value_range(self) -> tuple[float, float]:
        if not self._values.size:
            return 0.0, 1.0
        low, high = float(self._values.min()), float(self._values.max())
        return (low, high) if high > low else (low - 0.5, high + 0.5)

    # -- geometry -------------------------------------------------------------------------
    def plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)

    def x_of(self, value: float) -> float:
        low, high = self.value_range()
        plot = self.plot_rect()
        return plot.left() + (value - low) / (high - low) * plot.width()

    def value_at(self, x: float) -> float:
        low, high = self.value_range()
        plot = self.plot_rect()
        return low + (x - plot.left()) / plot.width() * (high - low)

    def _break_near(self, x: float) -> int | None:
        inner = range(len(self._breaks) - 1)
        distances = [(abs(self.x_of(self._breaks[i]) - x), i) for i in inner]
        nearest = min(distances, default=None)
        return nearest[1] if nearest and nearest[0] <= GRAB_TOLERANCE_PX else None

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._values.size:
            return
        plot = self.plot_rect()
        low, high = self.value_range()
        counts, edges = np.histogram(self._values, bins=HISTOGRAM_BINS, range=(low, high))
        tallest = max(int(counts.max()), 1)
        for count, left, right in zip(counts, edges[:-1], edges[1:]):
            if not count:
                continue
            x0, x1 = self.x_of(left), self.x_of(right)
            height = count / tallest * plot.height()
            painter.fillRect(QRectF(x0, plot.bottom() - height, max(x1 - x0 - 1, 1), height),
                             self._bar_color((left + right) / 2))
        painter.setPen(QPen(self.palette().text().color(), 1.5))
        for index, value in enumerate(self._breaks[:-1]):
            x = self.x_of(value)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            if index == self._dragging:
                painter.drawText(QPointF(x + 3, plot.top() + 12), f"{value:.4g}")

    def _bar_color(self, value: float) -> QColor:
        for bound, color in zip(self._breaks, self._colors):
            if value <= bound:
                return color
        return self._colors[-1] if self._colors else QColor("gray")

    # -- dragging -------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = self._break_near(event.position().x())

    def mouseMoveEvent(self, event) -> None:
        x = event.position().x()
        if self._dragging is None:
            grabbable = self._break_near(x) is not None
            self.setCursor(Qt.CursorShape.SizeHorCursor if grabbable else Qt.CursorShape.ArrowCursor)
            return
        # A break stays between its neighbours so the classes keep their order.
        index = self._dragging
        lower = self._breaks[index - 1] if index else self.value_range()[0]
        upper = self._breaks[index + 1]
        span = (upper - lower) * 1e-3
        self._breaks[index] = min(max(self.value_at(x), lower + span), upper - span)
        self.update()

    def mouseReleaseEvent(self, event) -> None:
        if self._dragging is not None:
            self._dragging = None
            self.update()
            self.breaks_edited.emit(self.breaks)


class StylePanel(QWidget):
    """Edits the style of one layer (see :meth:`set_layer`); changes apply live."""

    SCHEMES = ("quantiles", "equal_interval", "natural_breaks", "std_mean", "pretty", "manual", CATEGORICAL)

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("stylePanel")
        self._document = document
        self._layer: MapLayer | None = None
        self._pending: dict = {}
        self._timer = QTimer(self, singleShot=True, interval=RESTYLE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._build()
        self._observe(document)
        self.set_layer(None)

    def _observe(self, document: MapDocument) -> None:
        document.layer_changed.connect(self._layer_changed)
        document.layers_changed.connect(self._layers_changed)

    def set_document(self, document: MapDocument) -> None:
        """Follow another document (a project was opened); edits no layer until :meth:`set_layer`."""
        self.flush()
        self._document.layer_changed.disconnect(self._layer_changed)
        self._document.layers_changed.disconnect(self._layers_changed)
        self._document = document
        self._observe(document)
        self.set_layer(None)

    def _build(self) -> None:
        scheme_names = {
            "quantiles": self.tr("Quantiles"), "equal_interval": self.tr("Equal interval"),
            "natural_breaks": self.tr("Natural breaks (Jenks)"), "std_mean": self.tr("Standard deviation"),
            "pretty": self.tr("Pretty breaks"), "manual": self.tr("Manual"), CATEGORICAL: self.tr("Categories"),
        }
        self.column_combo = QComboBox(self)
        self.scheme_combo = QComboBox(self)
        for scheme in self.SCHEMES:
            self.scheme_combo.addItem(scheme_names[scheme], scheme)
        self.k_spin = QSpinBox(self)
        self.k_spin.setRange(MIN_K, MAX_K)
        self.ramp_combo = QComboBox(self)
        self.ramp_combo.setIconSize(QSize(64, 12))
        for name in RAMPS:
            self.ramp_combo.addItem(name, name)
        # Their icons follow: the ramps' colours come from matplotlib, whose import (a quarter of
        # a second) would otherwise hold up the window's first showing.
        run_in_background(lambda _context: [ramp(name, ICON_RAMP_COLORS) for name in RAMPS],
                          on_done=self._show_ramp_icons, owner=self)
        self.reverse_check = QCheckBox(self.tr("Reverse"), self)
        self.no_data_button = ColorButton(parent=self)
        self.fill_button = ColorButton(parent=self)
        self.outline_button = ColorButton(parent=self)
        self.outline_width_spin = QDoubleSpinBox(self)
        self.outline_width_spin.setRange(0.0, 5.0)
        self.outline_width_spin.setSingleStep(0.1)
        self.outline_width_spin.setSuffix(self.tr(" px"))
        self.label_combo = QComboBox(self)
        self.histogram = BreaksHistogram(self)
        self.histogram.setToolTip(self.tr("Drag a break to move it (switches to manual classes)"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        ramp_row = QHBoxLayout()
        ramp_row.addWidget(self.ramp_combo, 1)
        ramp_row.addWidget(self.reverse_check)
        outline_row = QHBoxLayout()
        outline_row.addWidget(self.outline_button)
        outline_row.addWidget(self.outline_width_spin, 1)
        form = QFormLayout()
        form.addRow(self.tr("Indicator"), self.column_combo)
        form.addRow(self.tr("Classification"), self.scheme_combo)
        form.addRow(self.tr("Classes"), self.k_spin)
        form.addRow(self.tr("Colour ramp"), ramp_row)
        form.addRow(self.tr("No data"), self.no_data_button)
        form.addRow(self.tr("Fill (no indicator)"), self.fill_button)
        form.addRow(self.tr("Outline"), outline_row)
        form.addRow(self.tr("Labels"), self.label_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.histogram, 1)
        layout.addWidget(self.message)

        self.column_combo.currentIndexChanged.connect(lambda: self.change(column=self.column_combo.currentData()))
        self.scheme_combo.currentIndexChanged.connect(self._scheme_chosen)
        self.k_spin.valueChanged.connect(lambda k: self.change(k=k))
        self.ramp_combo.currentIndexChanged.connect(lambda: self.change(cmap=self.ramp_combo.currentData()))
        self.reverse_check.toggled.connect(lambda on: self.change(reverse=on))
        self.no_data_button.color_changed.connect(lambda color: self.change(no_data=color))
        self.fill_button.color_changed.connect(lambda color: self.change(fill=color))
        self.outline_button.color_changed.connect(lambda color: self.change(outline=color))
        self.outline_width_spin.valueChanged.connect(lambda width: self.change(outline_width=width))
        self.label_combo.currentIndexChanged.connect(lambda: self.change(label_column=self.label_combo.currentData()))
        self.histogram.breaks_edited.connect(lambda breaks: self.change(scheme="manual", breaks=breaks))

    def _show_ramp_icons(self, colors: list[np.ndarray]) -> None:
        for name, ramp_colors in zip(RAMPS, colors):
            self.ramp_combo.setItemIcon(self.ramp_combo.findData(name), ramp_icon(ramp_colors))

    # -- layer ------------------------------------------------------------------------------
    @property
    def layer(self) -> MapLayer | None:
        return self._layer

    def set_layer(self, map_layer: MapLayer | None) -> None:
        self.flush()
        self._layer = map_layer
        self.setEnabled(map_layer is not None and map_layer.data is not None)
        self._fill_columns()
        self._show_style()

    def _fill_columns(self) -> None:
        frame = self._layer.data.frame if self._layer is not None and self._layer.data is not None else None
        columns = styleable_columns(frame) if frame is not None else []
        geometry = getattr(frame, "_geometry_column_name", None)
        text_columns = [str(c) for c in (frame.columns if frame is not None else []) if c != geometry]
        for combo, names, empty in ((self.column_combo, columns, self.tr("Single colour")),
                                    (self.label_combo, text_columns, self.tr("No labels"))):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(empty, None)
            for name in names:
                combo.addItem(indicator_label(name), name)
            combo.blockSignals(False)

    def _show_style(self) -> None:
        """Put the layer's style into the controls without triggering a restyle."""
        if self._layer is None:
            self.histogram.set_data(np.empty(0), [], [])
            return
        style = self._layer.style
        controls = (self.column_combo, self.scheme_combo, self.k_spin, self.ramp_combo, self.reverse_check,
                    self.no_data_button, self.fill_button, self.outline_button, self.outline_width_spin,
                    self.label_combo)
        for control in controls:
            control.blockSignals(True)
        self.column_combo.setCurrentIndex(max(self.column_combo.findData(style.column), 0))
        self.scheme_combo.setCurrentIndex(max(self.scheme_combo.findData(style.scheme), 0))
        self.k_spin.setValue(style.k)
        if self.ramp_combo.findData(style.cmap) < 0:
            self.ramp_combo.addItem(ramp_icon(ramp(style.cmap, ICON_RAMP_COLORS)), style.cmap, style.cmap)
        self.ramp_combo.setCurrentIndex(self.ramp_combo.findData(style.cmap))
        self.reverse_check.setChecked(style.reverse)
        self.no_data_button.set_color(style.no_data, notify=False)
        self.fill_button.set_color(style.fill or "#ffffff", notify=False)
        self.outline_button.set_color(style.outline or "#000000", notify=False)
        self.outline_width_spin.setValue(style.outline_width)
        self.label_combo.setCurrentIndex(max(self.label_combo.findData(style.label_column), 0))
        for control in controls:
            control.blockSignals(False)
        choropleth = style.column is not None
        for control in (self.scheme_combo, self.ramp_combo, self.reverse_check, self.no_data_button):
            control.setEnabled(choropleth)
        self.k_spin.setEnabled(choropleth and style.scheme not in ("manual", "std_mean", CATEGORICAL))
        self.fill_button.setEnabled(not choropleth)
        self._show_classes()

    def _show_classes(self) -> None:
        style = self._layer.style
        self.message.clear()
        if style.column is None or self._layer.data is None:
            self.histogram.set_data(np.empty(0), [], [])
            return
        frame = self._layer.data.frame
        try:
            classes: Classification = classify_layer(self._layer)
        except GismapError as exc:
            self.message.setText(error_text(exc))
            self.histogram.set_data(np.empty(0), [], [])
            return
        if classes.bins is None:  # categories have no breaks to show
            self.histogram.set_data(np.empty(0), [], [])
            return
        values = pd.to_numeric(frame[style.column], errors="coerce").to_numpy(dtype=float)
        self.histogram.set_data(values, [float(b) for b in classes.bins],
                                [QColor(*map(int, c)) for c in classes.colors])

    # -- changes -------------------------------------------------------------------------------
    def change(self, **style_changes) -> None:
        """Queue style changes; they reach the document after :data:`RESTYLE_DELAY_MS`."""
        if self._layer is None:
            return
        self._pending.update(style_changes)
        self._timer.start()

    def flush(self) -> None:
        """Apply queued changes now."""
        self._timer.stop()
        if self._layer is None or not self._pending:
            self._pending.clear()
            return
        changes, self._pending = self._pending, {}
        self._document.restyle(self._layer, **changes)

    def _scheme_chosen(self) -> None:
        scheme = self.scheme_combo.currentData()
        if scheme == "manual" and not self._layer.style.breaks:
            # Start manual classes from the breaks on screen, so nothing jumps.
            self.change(scheme=scheme, breaks=self.histogram.breaks or None)
        else:
            self.change(scheme=scheme)

    def _layer_changed(self, map_layer: MapLayer) -> None:
        if map_layer is not self._layer:
            return
        # Data may have changed too (a join adds columns): rebuild the column lists.
        self.setEnabled(map_layer.data is not None)
        self._fill_columns()
        self._show_style()

    def _layers_changed(self) -> None:
        if self._layer is not None and self._layer not in self._document.layers:
            self._pending.clear()
            self.set_layer(None)
