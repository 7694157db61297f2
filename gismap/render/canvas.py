"""The canvas engine: draws a map document into a QImage, with no widget.

Used by the window (from a render thread), the CLI, tests and exports alike. Per frame:
visible layers in document order; for each, the features whose bounds meet the view (STRtree),
their painter paths at the level of detail the scale needs (see
:mod:`gismap.render.geometry_cache`), filled with the style's single or choropleth colours,
outlined with a cosmetic pen, then selection and hover outlines, then labels placed greedily
(largest feature first) where they do not collide.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Callable

import numpy as np
import pandas as pd
import shapely
from psygnal import Signal
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QTransform

from gismap.core.classify import layer_colors, style_colors
from gismap.core.document import SITE_MARKER_RADIUS, MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.render import ensure_gui_application
from gismap.core.layers import LayerDraft
from gismap.render.geometry_cache import PIXEL_TOLERANCE, GeometryCache, path_array, outline_paths
from gismap.render.viewport import Extent, Viewport

Selection = dict[int, np.ndarray]  # MapLayer.id -> feature indices

SELECTION_FILL = QColor(255, 196, 0, 110)
SELECTION_OUTLINE = QColor("#d94800")
HIGHLIGHT_OUTLINE = QColor("#1f6fff")
LABEL_COLOR = QColor("#262626")
LABEL_HALO = QColor(255, 255, 255, 220)
LABEL_POINT_SIZE = 8.0
# A feature is labelled only once its bounding box on screen is at least this wide (pixels):
# this is what "zoomed in enough" means, per feature.
LABEL_MIN_FEATURE_WIDTH = 30.0
_CANCEL_CHECK_EVERY = 256  # features drawn between two calls of ``cancelled``


class CanvasEngine:
    """Draws a :class:`MapDocument` into QImages; thread-safe, one frame at a time.

    ``detail_ready(layer_id)`` is emitted from a background thread each time a finer-grained
    level of detail of a layer is ready; a window should re-render (on its own thread) then.
    Needs a QGuiApplication for fonts; one (offscreen) is created if there is none.
    """

    detail_ready = Signal(object)

    def __init__(self, document: MapDocument, background: str | QColor = "#ffffff"):
        ensure_gui_application()
        self.document = document
        self.background = QColor(background)
        self.layer_errors: dict[int, GismapError] = {}
        self._geometries: dict[int, GeometryCache] = {}
        self._fills: dict[int, tuple] = {}  # layer id -> (frame, style repr, brushes, brush of feature)
        self._drafts: dict[int, tuple] = {}  # layer id -> (draft, cell, paths, style repr, brushes, brush of feature)
        self._cache_lock = threading.Lock()
        self._render_lock = threading.Lock()  # QPainterPaths are shared; one frame at a time

    # -- public API -----------------------------------------------------------------------------
    def render(self, viewport: Viewport, selection: Selection | None = None,
               highlight: tuple[int, int] | None = None,
               cancelled: Callable[[], bool] | None = None, loaded_only: bool = False) -> QImage:
        """The visible layers drawn for ``viewport``.

        A layer that cannot be drawn is left out and its error kept in :attr:`layer_errors`
        (layer id → error) until it draws again; the others are drawn.

        ``selection`` maps a layer id to the indices of its selected features, drawn filled and
        outlined in orange; ``highlight`` = (layer id, feature index) is outlined in blue (hover).
        When ``cancelled()`` becomes true, drawing stops and the unfinished image is returned.
        Layers are loaded when needed, unless ``loaded_only``: then a layer still loading is left
        out (the window draws it when it arrives, instead of reading it twice).
        """
        image = QImage(viewport.width, viewport.height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(self.background)
        sx, sy, tx, ty = viewport.affine()
        to_pixels = QTransform(sx, 0.0, 0.0, sy, tx, ty)
        with self._render_lock:
            self._forget_removed_layers()
            painter = QPainter(image)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                labels = _LabelPlacer(painter, viewport)
                for layer in self.document.visible_layers():
                    if cancelled is not None and cancelled():
                        break
                    if loaded_only and layer.data is None:
                        if layer.draft is not None:
                            self._draw_draft(painter, layer, layer.draft, viewport, to_pixels)
                        continue
                    drafted = self._drafts.pop(layer.id, None)
                    if drafted is not None:
                        self._geometry_of(layer, _draft_paths(drafted, layer))
                    selected = (selection or {}).get(layer.id)
                    hovered = highlight[1] if highlight is not None and highlight[0] == layer.id else None
                    try:
                        drawn = self._draw_layer(painter, layer, viewport, to_pixels, selected, hovered,
                                                 labels, cancelled)
                    except GismapError as exc:  # this layer only (a style column its recipe no longer has)
                        self.layer_errors[layer.id] = exc
                        continue
                    self.layer_errors.pop(layer.id, None)
                    if not drawn:
                        break
            finally:
                painter.end()
            self._build_levels()
        return image

    def hit_test(self, layer_id: int, lon: float, lat: float, tolerance: float = 0.0) -> int | None:
        """Index of the feature of layer ``layer_id`` under (lon, lat), the topmost one; else None.

        ``tolerance`` (degrees) is how near a point or line must be; areas must contain the point.
        """
        cache = self.geometry(layer_id)
        point = shapely.Point(lon, lat)
        hits = cache.tree.query(point, predicate="intersects")
        if not len(hits) and tolerance > 0:
            near = cache.tree.query(point, predicate="dwithin", distance=tolerance)
            if len(near):
                return int(near[np.argmin(shapely.distance(cache.geometries[near], point))])
        return int(hits.max()) if len(hits) else None

    def features_in_rect(self, layer_id: int, extent: Extent) -> np.ndarray:
        """Sorted indices of the features of layer ``layer_id`` meeting the rectangle ``extent``."""
        return np.sort(self.geometry(layer_id).tree.query(shapely.box(*extent), predicate="intersects"))

    def geometry(self, layer_id: int) -> GeometryCache:
        """The culling index, levels of detail and paths of a layer (loaded if need be)."""
        return self._geometry_of(self._layer(layer_id))

    def wait_for_detail(self, timeout: float | None = None) -> bool:
        """Block until the levels of detail that frames asked for in the visible layers are built; False on timeout."""
        return all(self._geometry_of(layer).wait_levels(timeout) for layer in self.document.visible_layers())

    def close(self) -> None:
        """Stop building levels of detail (the engine is no longer used)."""
        with self._cache_lock:
            for cache in self._geometries.values():
                cache.close()

    # -- caches -------------------------------------------------------------------------------
    def _layer(self, layer_id: int) -> MapLayer:
        for layer in self.document.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(f"no layer with id {layer_id} in the document")

    def _geometry_of(self, layer: MapLayer, draft_paths: tuple[float, np.ndarray] | None = None) -> GeometryCache:
        """The layer's geometry cache; a new one starts from ``draft_paths`` (see :class:`GeometryCache`)."""
        geometries = np.asarray(layer.load().frame.geometry.array)
        with self._cache_lock:
            cache = self._geometries.get(layer.id)
            if cache is None or not cache.matches(geometries):
                if cache is not None:
                    cache.close()
                cache = GeometryCache(geometries, lambda level, layer_id=layer.id: self.detail_ready.emit(layer_id),
                                      draft_paths)
                self._geometries[layer.id] = cache
            return cache

    def _build_levels(self) -> None:
        """Start building the levels of detail of the layers drawn so far (after their first frame)."""
        with self._cache_lock:
            for cache in self._geometries.values():
                cache.build_levels()

    def _forget_removed_layers(self) -> None:
        present = {layer.id for layer in self.document.layers}
        with self._cache_lock:
            for layer_id in set(self._geometries) - present:
                self._geometries.pop(layer_id).close()
            for layer_id in set(self._fills) - present:
                del self._fills[layer_id]
            for layer_id in set(self._drafts) - present:
                del self._drafts[layer_id]

    def _brushes(self, layer: MapLayer) -> tuple[list[QBrush], np.ndarray]:
        """One brush per distinct fill colour, and which one each feature uses."""
        frame, style_key = layer.data.frame, repr(layer.style)
        cached = self._fills.get(layer.id)
        if cached is None or cached[0] is not frame or cached[1] != style_key:
            cached = (frame, style_key, *_brushes_of(layer_colors(layer)[1]))
            self._fills[layer.id] = cached
        return cached[2], cached[3]

    def _draw_draft(self, painter: QPainter, layer: MapLayer, draft: LayerDraft, viewport: Viewport,
                    to_pixels: QTransform) -> None:
        """A layer still being read, from its draft: outlines thinned to the view's half-pixel grid,
        filled in the style's colours when what they depend on is in the file as read (no recipe
        step is still to add or change a column), else outlined only."""
        cell = PIXEL_TOLERANCE * viewport.resolution
        style_key = repr(layer.style)
        cached = self._drafts.get(layer.id)
        if cached is None or cached[0] is not draft or cached[1] != cell or cached[3] != style_key:
            paths = path_array(outline_paths(draft.outlines.thinned(cell)))
            colors = np.zeros((draft.outlines.count, 4), dtype=np.uint8)
            if not layer.recipe and layer.style.column in (None, *draft.attributes.columns):
                try:
                    colors = style_colors(draft.attributes, layer.style)[1]
                except GismapError:  # a column that cannot be classed: the loaded layer will say so
                    pass
            cached = (draft, cell, paths, style_key, *_brushes_of(colors))
            self._drafts[layer.id] = cached
        paths, brushes, brush_of = cached[2], cached[4], cached[5]
        painter.setTransform(to_pixels)
        painter.setOpacity(layer.opacity)
        painter.setPen(_cosmetic_pen(layer.style.outline, layer.style.outline_width))
        current = -1
        for index, path in enumerate(paths):
            if brush_of[index] != current:
                current = brush_of[index]
                painter.setBrush(brushes[current])
            painter.drawPath(path)
        painter.setOpacity(1.0)

    # -- drawing ------------------------------------------------------------------------------
    def _draw_layer(self, painter: QPainter, layer: MapLayer, viewport: Viewport, to_pixels: QTransform,
                    selected: np.ndarray | None, hovered: int | None, labels: _LabelPlacer,
                    cancelled: Callable[[], bool] | None) -> bool:
        """Draw one layer; False when cancelled."""
        cache = self._geometry_of(layer)
        indices = cache.visible(viewport.extent)
        if not len(indices):
            return True
        if layer.data.is_sites:
            self._draw_points(painter, layer, cache, indices, viewport, selected, hovered)
            return True
        paths = cache.paths(indices, viewport.resolution)
        style = layer.style
        lines_only = "Line" in layer.data.geometry_type
        brushes, brush_of = self._brushes(layer)

        painter.setTransform(to_pixels)
        painter.setOpacity(layer.opacity)
        painter.setPen(_cosmetic_pen(style.outline, style.outline_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        current = -1
        for count, (index, path) in enumerate(zip(indices, paths)):
            if count % _CANCEL_CHECK_EVERY == 0 and cancelled is not None and cancelled():
                return False
            if not lines_only and brush_of[index] != current:
                current = brush_of[index]
                painter.setBrush(brushes[current])
            painter.drawPath(path)

        painter.setOpacity(1.0)
        if selected is not None and len(selected):
            painter.setPen(_cosmetic_pen(SELECTION_OUTLINE, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush if lines_only else QBrush(SELECTION_FILL))
            for path in paths[np.isin(indices, selected)]:
                painter.drawPath(path)
        if hovered is not None:
            painter.setPen(_cosmetic_pen(HIGHLIGHT_OUTLINE, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for path in paths[indices == hovered]:
                painter.drawPath(path)
        if style.label_column:
            labels.place(layer, cache, indices)
        return True

    def _draw_points(self, painter: QPainter, layer: MapLayer, cache: GeometryCache, indices: np.ndarray,
                     viewport: Viewport, selected: np.ndarray | None, hovered: int | None) -> None:
        """Sites as round markers of one size on screen at every zoom, coloured like polygons, each
        drawn over the ones before it (as QGIS draws them)."""
        if layer.data.geometry_type == "Point":  # a point's bounds are its coordinates, already at hand
            coords, owner = cache.bounds[indices, :2], indices
        else:
            coords, part_owner = shapely.get_coordinates(cache.geometries[indices], return_index=True)
            owner = indices[part_owner]
        xs, ys = viewport.map_to_pixel(coords[:, 0], coords[:, 1])
        brushes, brush_of = self._brushes(layer)
        pen = _cosmetic_pen(layer.style.outline, layer.style.outline_width)
        painter.resetTransform()
        painter.setOpacity(layer.opacity)
        _stamp_markers(painter, xs, ys, [_marker_image(brush, pen, SITE_MARKER_RADIUS) for brush in brushes],
                       brush_of[owner])
        painter.setOpacity(1.0)
        if selected is not None and len(selected):
            chosen = np.isin(owner, selected)
            stamp = _marker_image(QBrush(SELECTION_FILL), _cosmetic_pen(SELECTION_OUTLINE, 2.0), SITE_MARKER_RADIUS + 1)
            _stamp_markers(painter, xs[chosen], ys[chosen], [stamp], np.zeros(int(chosen.sum()), dtype=np.intp))
        if hovered is not None:
            chosen = owner == hovered
            stamp = _marker_image(QBrush(Qt.BrushStyle.NoBrush), _cosmetic_pen(HIGHLIGHT_OUTLINE, 2.5),
                                  SITE_MARKER_RADIUS + 2)
            _stamp_markers(painter, xs[chosen], ys[chosen], [stamp], np.zeros(int(chosen.sum()), dtype=np.intp))


class _LabelPlacer:
    """Greedy label placement for one frame: a label is drawn only where no earlier one is."""

    def __init__(self, painter: QPainter, viewport: Viewport):
        self.painter = painter
        self.viewport = viewport
        self.font = QFont()
        self.font.setPointSizeF(LABEL_POINT_SIZE)
        self.metrics = QFontMetricsF(self.font)
        self.boxes = np.empty((0, 4))  # x0, y0, x1, y1 of the labels drawn so far

    def place(self, layer: MapLayer, cache: GeometryCache, indices: np.ndarray) -> None:
        """Label the features ``indices`` of ``layer`` that are big enough, largest first."""
        frame = layer.data.frame
        if layer.style.label_column not in frame.columns:
            return
        left, top = self.viewport.map_to_pixel(cache.bounds[indices, 0], cache.bounds[indices, 3])
        right, bottom = self.viewport.map_to_pixel(cache.bounds[indices, 2], cache.bounds[indices, 1])
        widths = right - left
        big = (widths >= LABEL_MIN_FEATURE_WIDTH) & (bottom - top >= self.metrics.height())
        if not big.any():
            return
        candidates, widths = indices[big], widths[big]
        order = np.argsort(-cache.areas()[candidates], kind="stable")
        candidates, widths = candidates[order], widths[order]
        anchors = cache.label_points(candidates)
        xs, ys = self.viewport.map_to_pixel(anchors[:, 0], anchors[:, 1])
        texts = frame[layer.style.label_column].to_numpy()[candidates]

        self.painter.resetTransform()
        self.painter.setFont(self.font)
        height, ascent = self.metrics.height(), self.metrics.ascent()
        new_boxes = []
        for text, x, y, feature_width in zip(texts, xs, ys, widths):
            if pd.isna(text):
                continue
            text = str(text)
            width = self.metrics.horizontalAdvance(text)
            if width > 1.5 * feature_width:  # would spill far over its neighbours
                continue
            box = np.array([x - width / 2 - 1, y - height / 2, x + width / 2 + 1, y + height / 2])
            if (box[0] < 0 or box[1] < 0 or box[2] > self.viewport.width or box[3] > self.viewport.height
                    or self._collides(box, new_boxes)):
                continue
            new_boxes.append(box)
            self._draw(text, QPointF(x - width / 2, y - height / 2 + ascent))
        if new_boxes:
            self.boxes = np.vstack([self.boxes, new_boxes])

    def _collides(self, box: np.ndarray, new_boxes: list[np.ndarray]) -> bool:
        placed = np.vstack([self.boxes, new_boxes]) if new_boxes else self.boxes
        return bool(np.any((placed[:, 0] < box[2]) & (placed[:, 2] > box[0])
                           & (placed[:, 1] < box[3]) & (placed[:, 3] > box[1])))

    def _draw(self, text: str, baseline: QPointF) -> None:
        # A light halo keeps the text readable over any fill.
        self.painter.setPen(LABEL_HALO)
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            self.painter.drawText(baseline + QPointF(dx, dy), text)
        self.painter.setPen(LABEL_COLOR)
        self.painter.drawText(baseline, text)


def _cosmetic_pen(color: str | QColor | None, width: float) -> QPen:
    """A pen ``width`` screen pixels wide whatever the painter's transform; NoPen for None."""
    if color is None:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(QColor(color), width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _marker_image(brush: QBrush, pen: QPen, radius: float) -> QImage:
    """A circle of ``radius`` pixels filled with ``brush`` and outlined with ``pen``, centred on the
    middle of the image's centre pixel: the stamp of one marker."""
    half = int(np.ceil(radius + pen.widthF() / 2)) + 1
    image = QImage(2 * half + 1, 2 * half + 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    painter.setBrush(brush)
    painter.drawEllipse(QPointF(half + 0.5, half + 0.5), radius, radius)
    painter.end()
    return image


def _stamp_markers(painter: QPainter, xs: np.ndarray, ys: np.ndarray, stamps: list[QImage],
                   stamp_of: np.ndarray) -> None:
    """Draw ``stamps[stamp_of[i]]`` centred on the pixel of each point (xs[i], ys[i]), in order: each
    marker over the ones before it, never cancelling them out (as one odd-even filled path of circles
    did). Of the points on one pixel only the last is drawn: it would cover the others exactly. A
    marker is a copied image, not a path to fill: a million of them take seconds, not minutes."""
    if not len(xs):
        return
    half = stamps[0].width() // 2
    width, height = painter.device().width(), painter.device().height()
    # Clipped first, so that far-off (or NaN) positions become off-image pixels, not overflowing integers.
    column = np.floor(np.clip(np.nan_to_num(xs, nan=-np.inf), -half - 1, width + half)).astype(np.int64)
    row = np.floor(np.clip(np.nan_to_num(ys, nan=-np.inf), -half - 1, height + half)).astype(np.int64)
    points = np.flatnonzero((column >= -half) & (column < width + half) & (row >= -half) & (row < height + half))
    pixel = (row[points] + half) * (width + 2 * half + 1) + (column[points] + half)
    # numpy leaves unsaid which of repeated indices an assignment keeps: the last point on each pixel is
    # the first one of the reversed order that np.unique reports.
    _, first_from_end = np.unique(pixel[::-1], return_index=True)
    points = points[np.sort(len(points) - 1 - first_from_end)]
    images = itertools.repeat(stamps[0]) if len(stamps) == 1 else map(stamps.__getitem__, stamp_of[points].tolist())
    # Consumed by a zero-length deque: the per-marker cost is Qt's, not a Python loop's.
    deque(itertools.starmap(painter.drawImage, zip((column[points] - half).tolist(), (row[points] - half).tolist(),
                                                   images)), maxlen=0)


def _draft_paths(drafted: tuple, layer: MapLayer) -> tuple[float, np.ndarray] | None:
    """The paths a loading layer's frames were drawn with (its draft's, at their cell), when they show
    the geometry it was loaded with: a row left without geometry by reading has no outline in them."""
    draft, cell, paths = drafted[:3]
    geometries = layer.data.frame.geometry.values
    outlined = np.zeros(draft.outlines.count, dtype=bool)
    outlined[draft.outlines.owner] = True
    if len(geometries) != draft.outlines.count or not np.array_equal(outlined, ~shapely.is_missing(geometries)):
        return None
    return cell, paths


def _brushes_of(colors: np.ndarray) -> tuple[list[QBrush], np.ndarray]:
    """One brush per distinct colour of the (n, 4) uint8 RGBA ``colors``, and which one each uses."""
    unique, brush_of = np.unique(np.ascontiguousarray(colors).view(np.uint32).ravel(), return_inverse=True)
    return [_brush(rgba) for rgba in unique.view(np.uint8).reshape(-1, 4)], brush_of


def _brush(rgba: np.ndarray) -> QBrush:
    if rgba[3] == 0:  # no fill (outline-only style)
        return QBrush(Qt.BrushStyle.NoBrush)
    return QBrush(QColor(int(rgba[0]), int(rgba[1]), int(rgba[2]), int(rgba[3])))
