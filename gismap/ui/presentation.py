"""Presentation mode: the map full screen with its title and legend, driven from the keyboard.

Left/Right step through the indicator columns of the styled layer (restyling it), Up/Down
through its provinces (zooming to each one's communes, then back to the whole layer), Esc
leaves. The map itself is a :class:`~gismap.ui.map_canvas.MapCanvas`, so frames render off
the GUI thread exactly as in the main window; title and legend are painted over it.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

from gismap.core.document import Extent, MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.core.indicators import INDICATORS
from gismap.ui.legend_panel import indicator_label, layer_legend
from gismap.ui.map_canvas import MapCanvas

PANEL_COLOR = QColor(255, 255, 255, 225)
TEXT_COLOR = QColor("#1d1d1d")
MAP_MARGIN = 0.04  # share of the view left around the communes shown


def indicator_columns(frame: pd.DataFrame) -> list[str]:
    """Numeric catalogue indicators present in ``frame``, in catalogue order."""
    return [name for name in INDICATORS if name in frame.columns
            and pd.api.types.is_numeric_dtype(frame[name]) and not pd.api.types.is_bool_dtype(frame[name])]


def presented_layer(document: MapDocument) -> MapLayer | None:
    """The layer a presentation is about: the top-most visible choropleth, else the top-most
    visible loaded layer with indicators."""
    layers = [layer for layer in reversed(document.visible_layers()) if layer.data is not None]
    return (next((layer for layer in layers if layer.style.column is not None), None)
            or next((layer for layer in layers if indicator_columns(layer.data.frame)), None))


class _Overlay(QWidget):
    """Title box and legend painted over the map; lets the mouse through to the map."""

    def __init__(self, view: PresentationView) -> None:
        super().__init__(view)
        self._view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._view.paint_overlay(painter, QRectF(self.rect()))


class PresentationView(QWidget):
    """Full-screen map of ``document`` for presenting; call :meth:`present` to show it."""

    closed = Signal()

    def __init__(self, document: MapDocument, parent=None, map_layer: MapLayer | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentationView")
        self.setWindowTitle(self.tr("GISMap presentation"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # A document of its own: stepping through indicators and provinces changes neither the
        # window's map nor what is exported or saved.
        self.document = document = document.view_copy()
        self.canvas = MapCanvas(document, self)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.overlay = _Overlay(self)
        chosen = [layer for layer in document.layers if map_layer is not None and layer.id == map_layer.id]
        self.layer = chosen[0] if chosen else presented_layer(document)
        self.province_index = -1  # -1: the whole layer
        self.extent: Extent | None = None
        self._observing = True
        document.layer_changed.connect(self._layer_changed)

    # -- state ---------------------------------------------------------------------------
    def indicators(self) -> list[str]:
        return indicator_columns(self.layer.data.frame) if self.layer is not None else []

    def provinces(self) -> list[tuple[str, str]]:
        """(prov_code, prov_name) of the provinces the layer covers, by code."""
        if self.layer is None or "prov_code" not in self.layer.data.frame:
            return []
        frame = self.layer.data.frame
        names = frame["prov_name"] if "prov_name" in frame else frame["prov_code"]
        return sorted(set(zip(frame["prov_code"].astype(str), names.astype(str))))

    def province(self) -> tuple[str, str] | None:
        provinces = self.provinces()
        return provinces[self.province_index] if 0 <= self.province_index < len(provinces) else None

    def step_indicator(self, step: int) -> None:
        """Show the next (``step=1``) or previous (``-1``) indicator on the presented layer."""
        columns = self.indicators()
        if not columns:
            return
        current = self.layer.style.column
        index = columns.index(current) + step if current in columns else (0 if step > 0 else -1)
        style = self.layer.style
        # Manual breaks and categories belong to the previous column; quantiles suit any.
        scheme = style.scheme if style.scheme not in ("manual", "categorical") else "quantiles"
        self.document.restyle(self.layer, column=columns[index % len(columns)], scheme=scheme, breaks=None)

    def step_province(self, step: int) -> None:
        """Zoom to the next (``step=1``) or previous (``-1``) province; past the ends, the whole layer."""
        count = len(self.provinces())
        if not count:
            return
        # Positions -1 (whole layer), 0 .. count-1 form one cycle.
        self.province_index = (self.province_index + 1 + step) % (count + 1) - 1
        self.zoom_to_province()

    def zoom_to_province(self) -> None:
        if self.layer is None:
            self.canvas.zoom_full()
            self.extent = self.canvas.viewport.extent if self.canvas.viewport else None
            return
        frame = self.layer.data.frame
        province = self.province()
        if province is not None:
            frame = frame[frame["prov_code"].astype(str) == province[0]]
        self.extent = tuple(float(v) for v in frame.total_bounds)
        self.canvas.zoom_to(self.extent, margin=MAP_MARGIN)
        self.overlay.update()

    # -- showing ---------------------------------------------------------------------------
    def present(self) -> None:
        """Show full screen, on the whole presented layer."""
        self.showFullScreen()
        self.setFocus()
        self.zoom_to_province()

    def render_to_image(self, size: QSize | tuple[int, int]) -> QImage:
        """The view as it would look at ``size``, rendered now (no need to show it)."""
        size = QSize(*size) if isinstance(size, tuple) else size
        self.resize(size)
        self._place_children()
        self.zoom_to_province()
        self.canvas.render_now()
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.white)
        self.render(image)
        return image

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_children()
        self.zoom_to_province()

    def _place_children(self) -> None:
        self.canvas.setGeometry(self.rect())
        self.overlay.setGeometry(self.rect())
        self.overlay.raise_()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Right:
            self.step_indicator(1)
        elif key == Qt.Key.Key_Left:
            self.step_indicator(-1)
        elif key == Qt.Key.Key_Down:
            self.step_province(1)
        elif key == Qt.Key.Key_Up:
            self.step_province(-1)
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self._observing:  # the document outlives this view
            self.document.layer_changed.disconnect(self._layer_changed)
            self._observing = False
            self.canvas.shutdown()  # else it would go on drawing every change, unseen
        super().closeEvent(event)
        self.closed.emit()

    def _layer_changed(self, map_layer: MapLayer) -> None:
        if self.layer is None and map_layer.data is not None:
            self.layer = presented_layer(self.document)
        if map_layer is self.layer:
            self.overlay.update()

    # -- overlay ----------------------------------------------------------------------------
    def subtitle(self) -> str:
        """What is shown: the indicator and the province (or the whole layer)."""
        if self.layer is None:
            return self.document.subtitle
        column = self.layer.style.column
        province = self.province()
        parts = [indicator_label(column) if column else self.layer.name,
                 province[1] if province else self.layer.name]
        return " — ".join(dict.fromkeys(parts))

    def paint_overlay(self, painter: QPainter, rect: QRectF) -> None:
        scale = max(rect.height() / 1000, 0.6)  # text grows with the screen
        title_font, text_font, hint_font = QFont(self.font()), QFont(self.font()), QFont(self.font())
        title_font.setPointSizeF(26 * scale)
        title_font.setBold(True)
        text_font.setPointSizeF(14 * scale)
        hint_font.setPointSizeF(9 * scale)
        lines = [(title_font, self.document.title or self.tr("Untitled map")), (text_font, self.subtitle()),
                 (hint_font, self.tr("← → indicator   ↑ ↓ province   Esc leave"))]
        self._paint_box(painter, QRectF(rect.left() + 24 * scale, rect.top() + 24 * scale, 0, 0), lines, scale)
        self._paint_legend(painter, rect, text_font, scale)

    def _paint_legend(self, painter: QPainter, rect: QRectF, font: QFont, scale: float) -> None:
        if self.layer is None or self.layer.style.column is None:
            return
        try:
            entries = layer_legend(self.layer)
        except GismapError:
            return
        metrics = QFontMetricsF(font)
        row = metrics.height() * 1.25
        swatch = metrics.height() * 0.9
        texts = ["{0}  ({1})".format(entry.label, entry.count) for entry in entries]
        width = swatch + 12 * scale + max(metrics.horizontalAdvance(t) for t in texts) + 24 * scale
        height = row * len(entries) + 24 * scale
        box = QRectF(rect.right() - width - 24 * scale, rect.bottom() - height - 24 * scale, width, height)
        self._fill_panel(painter, box)
        painter.setFont(font)
        for index, (entry, text) in enumerate(zip(entries, texts)):
            top = box.top() + 12 * scale + index * row
            painter.fillRect(QRectF(box.left() + 12 * scale, top + (row - swatch) / 2, swatch, swatch),
                             QColor(*entry.color))
            painter.setPen(TEXT_COLOR)
            painter.drawText(QRectF(box.left() + 24 * scale + swatch, top, width, row),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _paint_box(self, painter: QPainter, origin: QRectF, lines: list[tuple[QFont, str]], scale: float) -> None:
        """Lines of text in a rounded panel whose top-left corner is ``origin``."""
        padding = 12 * scale
        heights = [QFontMetricsF(font).height() for font, _text in lines]
        width = max(QFontMetricsF(font).horizontalAdvance(text) for font, text in lines) + 2 * padding
        box = QRectF(origin.left(), origin.top(), width, sum(heights) + 2 * padding)
        self._fill_panel(painter, box)
        painter.setPen(TEXT_COLOR)
        top = box.top() + padding
        for (font, text), height in zip(lines, heights):
            painter.setFont(font)
            painter.drawText(QRectF(box.left() + padding, top, width, height), Qt.AlignmentFlag.AlignVCenter, text)
            top += height

    @staticmethod
    def _fill_panel(painter: QPainter, box: QRectF) -> None:
        path = QPainterPath()
        path.addRoundedRect(box, 8, 8)
        painter.fillPath(path, PANEL_COLOR)
