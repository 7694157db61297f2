"""The map canvas widget: pan, zoom, identify, select; frames rendered off the GUI thread.

Frames come from :class:`gismap.render.canvas.CanvasEngine` on a render thread. While a new
frame is on its way, the last one is moved and scaled to the current view, so dragging and
wheel zooming stay smooth and the window never freezes. The hovered feature is drawn as an
overlay on the frame, so hovering never costs a render.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QToolTip, QWidget

from gismap.core.document import SITE_MARKER_RADIUS, MapDocument, MapLayer
from gismap.core.layers import POLYGON_TYPES
from gismap.render.canvas import CanvasEngine
from gismap.render.geometry_cache import PIXEL_TOLERANCE, painter_paths
from gismap.render.viewport import Extent, Viewport
from gismap.ui.i18n import error_text
from gismap.ui.legend_panel import indicator_label
from gismap.ui.tasks import Task, run_in_background
from gismap.ui.values import decimals_for, display_text, is_number

WHEEL_ZOOM_STEP = 1.25  # per wheel notch, as in QGIS' default
BACKGROUND = QColor("#f4f7fa")
HOVER_PEN = QPen(QColor("#ff7f00"), 2.5)
HOVER_PEN.setCosmetic(True)
RUBBER_BAND_PEN = QPen(QColor("#1f78b4"), 1, Qt.PenStyle.DashLine)
RUBBER_BAND_FILL = QColor(31, 120, 180, 40)
CLICK_TOLERANCE_PX = 4  # a press and release closer than this is a click, not a drag
PICK_PIXELS = 6  # a site or line this near the cursor is under it


class Tool(enum.Enum):
    """What a left-button drag or click does, as QGIS' map tools."""

    PAN = "pan"
    ZOOM_BOX = "zoom_box"
    IDENTIFY = "identify"
    SELECT = "select"


class _RenderThread:
    """A canvas's render thread and the cancel flag of the frame it is drawing (set: that frame
    stops early). Kept apart from the widget so that it can still be stopped once Qt has
    deleted the widget: a frame must not go on reading layers a closing window tears down."""

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gismap-render")
        self.cancel = threading.Event()

    def stop(self, *_destroyed) -> None:
        """Cancel the running frame and wait for the thread to end."""
        self.cancel.set()
        self.executor.shutdown(wait=True)


class MapCanvas(QWidget):
    """Shows the document through a :class:`Viewport`; emits the cursor position in lon/lat."""

    cursor_moved = Signal(float, float)
    view_changed = Signal(object)  # Viewport
    frame_ready = Signal()
    features_identified = Signal(object)  # [(MapLayer, row)] under the click, top layer first (identify tool)
    render_failed = Signal(str)
    layers_failed = Signal(object)  # {layer id: error} of the layers the last frame had to leave out
    # Emitted from the engine's level-of-detail thread; Qt queues it to the GUI thread.
    _detail_arrived = Signal()

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("mapCanvas")
        self.setMouseTracking(True)
        self.setMinimumSize(200, 150)
        self.document = document
        self.engine = CanvasEngine(document)
        self.viewport: Viewport | None = None
        self._frame: QImage | None = None
        self._frame_viewport: Viewport | None = None
        # Frames are numbered by the view change they show, so a slow frame of an old view
        # never replaces a newer one.
        self._view_generation = 0
        self._frame_generation = -1
        self._render_task: Task | None = None
        self._render_pending = False
        self._renders_started = 0
        # (renders started when asked, callback): called once a render started after the ask ends.
        self._after_frame: list[tuple[int, Callable[[], None]]] = []
        self._drag_origin: QPointF | None = None
        self._drag_viewport: Viewport | None = None
        self._drag_current: QPointF | None = None
        self.tool = Tool.PAN
        self.active_layer: MapLayer | None = None  # the layer identify/select/hover act on
        self._hover: tuple[MapLayer, int] | None = None
        self._hover_path: QPainterPath | None = None
        self._hover_sites: np.ndarray | None = None  # lon/lat of a hovered site, ringed in pixels
        self._hover_tip = ""
        # Coalesce bursts of changes (wheel notches, layer toggles) into one render.
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self._start_render)
        self._rendering = _RenderThread()
        # Stopped by shutdown(); failing that, when Qt deletes the widget (a parent closed first).
        self.destroyed.connect(self._rendering.stop)
        self._shut_down = False
        self._detail_arrived.connect(self.request_render)
        self._failed_layers: set[int] = set()  # ids of the layers the last frame left out
        self._watch_detail()
        self._observe(document)

    # -- document ------------------------------------------------------------------------
    def set_document(self, document: MapDocument) -> None:
        self._release_engine()
        self._unobserve(self.document)
        self.document = document
        self.engine = CanvasEngine(document)
        self._watch_detail()
        self._observe(document)
        self.zoom_full()

    def _watch_detail(self) -> None:
        """Redraw when a finer level of detail is ready (the first frames use drafts)."""
        self.engine.detail_ready.connect(self._on_detail_ready)

    def _on_detail_ready(self, _layer_id: int) -> None:
        if shiboken6.isValid(self):  # called on the detail thread, maybe after the widget was deleted
            self._detail_arrived.emit()

    def _observe(self, document: MapDocument) -> None:
        for signal in (document.layers_changed, document.layer_changed, document.selection_changed):
            signal.connect(self._document_changed)

    def _unobserve(self, document: MapDocument) -> None:
        """Stop following ``document`` (another was opened, or this canvas is going away)."""
        for signal in (document.layers_changed, document.layer_changed, document.selection_changed):
            signal.disconnect(self._document_changed)

    def _document_changed(self, *_layer) -> None:
        self.request_render()

    def set_tool(self, tool: Tool) -> None:
        self.tool = tool
        self.setCursor(Qt.CursorShape.OpenHandCursor if tool is Tool.PAN else Qt.CursorShape.CrossCursor)

    def target_layer(self) -> MapLayer | None:
        """The layer identify, select and hover act on: the active one, else the top visible polygons."""
        if self.active_layer is not None and self.active_layer in self.document.layers:
            return self.active_layer if self.active_layer.data is not None else None
        for layer in reversed(self.document.layers):
            if layer.visible and layer.data is not None and layer.data.geometry_type in POLYGON_TYPES \
                    and layer.style.fill is not None:
                return layer
        return None

    def zoom_to_selection(self) -> None:
        bounds = self.document.selection_bounds()
        if bounds is not None:
            self.zoom_to(bounds)

    # -- view ------------------------------------------------------------------------------
    def zoom_full(self) -> None:
        extent = self.document.full_extent()
        if extent is not None:
            self.set_viewport(Viewport.fit(extent, self.width(), self.height()))

    def draft_cell(self, view: Viewport | Extent | None) -> Callable[[Extent], float]:
        """The grid a draft of a layer of given bounds is to be thinned to (on any thread): half a
        pixel of this canvas, at its size now, showing ``view`` (a viewport, an extent, or None: all
        of the layer), never finer than an eighth of a pixel of it all (a draft is drawn whole)."""
        width, height = self.width(), self.height()

        def whole(bounds: Extent) -> float:
            return PIXEL_TOLERANCE * Viewport.fit(bounds, width, height).resolution

        if view is None:
            return whole
        shown = PIXEL_TOLERANCE * (view if isinstance(view, Viewport) else Viewport.fit(view, width, height)).resolution
        return lambda bounds: max(shown, whole(bounds) / 8)

    def zoom_to(self, extent: tuple[float, float, float, float], margin: float = 0.05) -> None:
        minx, miny, maxx, maxy = extent
        dx, dy = (maxx - minx) * margin, (maxy - miny) * margin
        self.set_viewport(Viewport.fit((minx - dx, miny - dy, maxx + dx, maxy + dy),
                                       self.width(), self.height()))

    def set_viewport(self, viewport: Viewport) -> None:
        self.viewport = viewport
        self._view_generation += 1
        self.view_changed.emit(viewport)
        self.request_render()
        self.update()

    # -- rendering ---------------------------------------------------------------------------
    def request_render(self) -> None:
        self._render_timer.start()

    def _start_render(self) -> None:
        if self._shut_down:
            return
        if self.viewport is None:
            self.zoom_full()
            if self.viewport is None:
                return
        if self._render_task is not None:
            # One render at a time: a newer view restarts as soon as this one ends.
            self._rendering.cancel.set()
            self._render_pending = True
            return
        viewport = self.viewport
        engine = self.engine

        selection = dict(self.document.selection)
        generation = self._view_generation
        # Cancelled through our own flag, not Task.cancel(): a cancelled Task drops its on_done,
        # and on_done/on_error (connected before the task starts) must always end the render.
        # A slot connected after run_in_background returns misses a render that ended first, and
        # the canvas then never rendered again.
        cancel = self._rendering.cancel = threading.Event()
        self._renders_started += 1

        def render(_context):
            image = engine.render(viewport, selection=selection, cancelled=cancel.is_set, loaded_only=True)
            return generation, viewport, None if cancel.is_set() else image

        self._render_task = run_in_background(render, on_done=self._frame_done,
                                              on_error=self._frame_failed,
                                              executor=self._rendering.executor, owner=self)

    def shutdown(self) -> None:
        """Stop rendering and wait for the render thread (before the window goes away)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._render_timer.stop()
        self._render_pending = False
        self._rendering.stop()
        self._call_after_frame(everyone=True)
        self._unobserve(self.document)
        self._release_engine()

    def _release_engine(self) -> None:
        self.engine.detail_ready.disconnect(self._on_detail_ready)
        self.engine.close()

    def after_next_frame(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (on the GUI thread) when a frame started from now on has ended, drawn,
        replaced by a newer view or failed, or when the canvas shuts down."""
        self._after_frame.append((self._renders_started, callback))
        self.request_render()

    def _call_after_frame(self, everyone: bool = False) -> None:
        due = [c for started, c in self._after_frame if everyone or started < self._renders_started]
        self._after_frame = [(s, c) for s, c in self._after_frame if not (everyone or s < self._renders_started)]
        for callback in due:
            callback()

    def _render_ended(self) -> None:
        self._render_task = None
        self._call_after_frame()
        if self._render_pending:
            self._render_pending = False
            self._start_render()

    def _frame_done(self, result) -> None:
        generation, viewport, image = result
        if self._shut_down:  # a frame finished just before shutdown, delivered after it: not shown
            return
        if image is not None and generation >= self._frame_generation:
            self._frame, self._frame_viewport, self._frame_generation = image, viewport, generation
            self.update()
            if self.engine.layer_errors.keys() != self._failed_layers:  # said once, not on every frame of a pan
                self._failed_layers = set(self.engine.layer_errors)
                self.layers_failed.emit(dict(self.engine.layer_errors))
            self.frame_ready.emit()
        self._render_ended()

    def _frame_failed(self, error: Exception) -> None:
        self.render_failed.emit(self.tr("Drawing failed: {0}").format(error_text(error)))
        self._render_ended()

    def render_now(self) -> None:
        """Render synchronously on this thread (screenshots, tests)."""
        if self.viewport is None:
            self.zoom_full()
        if self.viewport is not None:
            self._frame = self.engine.render(self.viewport, selection=dict(self.document.selection))
            self._frame_viewport = self.viewport
            self._frame_generation = self._view_generation
            self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._frame is None or self.viewport is None:
            return
        if self._frame_viewport == self.viewport:
            painter.drawImage(0, 0, self._frame)
        else:
            # Place the last frame where its extent falls in the current view.
            minx, miny, maxx, maxy = self._frame_viewport.extent
            (x0, x1), (y0, y1) = self.viewport.map_to_pixel([minx, maxx], [maxy, miny])
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), self._frame)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._hover_path is not None:
            # The hover path is in map coordinates, like the engine's; the pen is cosmetic.
            sx, sy, tx, ty = self.viewport.affine()
            painter.save()
            painter.setTransform(QTransform(sx, 0.0, 0.0, sy, tx, ty))
            painter.strokePath(self._hover_path, HOVER_PEN)
            painter.restore()
        if self._hover_sites is not None:
            painter.setPen(HOVER_PEN)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            xs, ys = self.viewport.map_to_pixel(self._hover_sites[:, 0], self._hover_sites[:, 1])
            for x, y in zip(np.atleast_1d(xs).tolist(), np.atleast_1d(ys).tolist()):
                painter.drawEllipse(QPointF(x, y), SITE_MARKER_RADIUS + 2, SITE_MARKER_RADIUS + 2)
        if self._drag_origin is not None and self._drag_current is not None and self.tool in (Tool.ZOOM_BOX, Tool.SELECT):
            painter.setPen(RUBBER_BAND_PEN)
            painter.setBrush(RUBBER_BAND_FILL)
            painter.drawRect(QRectF(self._drag_origin, self._drag_current).normalized())

    # -- interaction ---------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.viewport is None:
            self.zoom_full()
        else:
            self.set_viewport(self.viewport.resized(self.width(), self.height()))

    def wheelEvent(self, event) -> None:
        if self.viewport is None:
            return
        notches = event.angleDelta().y() / 120
        factor = WHEEL_ZOOM_STEP ** notches
        position = event.position()
        self.set_viewport(self.viewport.zoom_at(position.x(), position.y(), factor))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.viewport is not None:
            self._drag_origin = event.position()
            self._drag_current = event.position()
            self._drag_viewport = self.viewport
            if self.tool is Tool.PAN:
                self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event) -> None:
        if self.viewport is None:
            return
        position = event.position()
        lon, lat = self.viewport.pixel_to_map(position.x(), position.y())
        self.cursor_moved.emit(float(lon), float(lat))
        if self._drag_origin is None:
            self._update_hover(float(lon), float(lat), event)
            return
        self._drag_current = position
        if self.tool is Tool.PAN:
            delta = position - self._drag_origin
            self.set_viewport(self._drag_viewport.pan(delta.x(), delta.y()))
        else:
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if self._drag_origin is None or event.button() != Qt.MouseButton.LeftButton:
            return
        origin, position = self._drag_origin, event.position()
        self._drag_origin = self._drag_current = None
        if self.tool is Tool.PAN:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        is_click = (position - origin).manhattanLength() < CLICK_TOLERANCE_PX
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self.tool is Tool.ZOOM_BOX and not is_click:
            self.zoom_to(self._pixel_rect_extent(origin, position), margin=0)
        elif self.tool is Tool.SELECT:
            if is_click:
                self.select_at(position.x(), position.y(), "toggle" if shift else "replace")
            else:
                self.select_in_rect(self._pixel_rect_extent(origin, position), "add" if shift else "replace")
        elif self.tool is Tool.IDENTIFY and is_click:
            self.identify_at(position.x(), position.y())
        self.update()

    def leaveEvent(self, _event) -> None:
        self._set_hover(None)

    # -- features under the cursor -------------------------------------------------------------
    def feature_at(self, x: float, y: float) -> tuple[MapLayer, int] | None:
        layer = self.target_layer()
        if layer is None or self.viewport is None:
            return None
        lon, lat = self.viewport.pixel_to_map(x, y)
        row = self.engine.hit_test(layer.id, float(lon), float(lat), self._pick_tolerance())
        return None if row is None else (layer, int(row))

    def _pick_tolerance(self) -> float:
        """How near the cursor a site or line must be to be picked, in degrees: a few pixels."""
        return PICK_PIXELS * self.viewport.resolution

    def features_at(self, x: float, y: float) -> list[tuple[MapLayer, int]]:
        """The feature under (x, y) of every visible loaded layer, top layer first."""
        if self.viewport is None:
            return []
        lon, lat = (float(v) for v in self.viewport.pixel_to_map(x, y))
        hits = []
        for layer in reversed(self.document.visible_layers()):
            if layer.data is not None and layer.load_error is None:
                row = self.engine.hit_test(layer.id, lon, lat, self._pick_tolerance())
                if row is not None:
                    hits.append((layer, int(row)))
        return hits

    def identify_at(self, x: float, y: float) -> None:
        self.features_identified.emit(self.features_at(x, y))

    def select_at(self, x: float, y: float, mode: str = "replace") -> None:
        hit = self.feature_at(x, y)
        layer = self.target_layer()
        if layer is not None:
            self.document.select(layer, [hit[1]] if hit else [], mode if hit else "replace")

    def select_in_rect(self, extent, mode: str = "replace") -> None:
        layer = self.target_layer()
        if layer is not None:
            self.document.select(layer, self.engine.features_in_rect(layer.id, extent), mode)

    def _pixel_rect_extent(self, a: QPointF, b: QPointF):
        lons, lats = self.viewport.pixel_to_map([a.x(), b.x()], [a.y(), b.y()])
        return (float(min(lons)), float(min(lats)), float(max(lons)), float(max(lats)))

    def _update_hover(self, lon: float, lat: float, event) -> None:
        layer = self.target_layer()
        row = None if layer is None else self.engine.hit_test(layer.id, lon, lat, self._pick_tolerance())
        hover = None if row is None else (layer, int(row))
        if _feature_key(hover) != _feature_key(self._hover):
            self._set_hover(hover)  # another feature: its outline and tip are made once, not per move
        if hover is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self._hover_tip, self)

    @property
    def hover_tip(self) -> str:
        """The tooltip text of the feature under the cursor ("" when there is none)."""
        return self._hover_tip

    def _hover_text(self, layer: MapLayer, row: int) -> str:
        record = layer.data.frame.iloc[row]
        name = next((str(record[c]) for c in ("full_name", "name", "NAME", "ten") if c in record.index), f"#{row}")
        lines = [name] + ([str(record["prov_name"])] if "prov_name" in record.index else [])
        column = layer.style.column
        if column and column in record.index:
            values = layer.data.frame[column]
            decimals = decimals_for(values.to_numpy(dtype=float, na_value=np.nan)) if is_number(record[column]) else None
            lines.append(f"{indicator_label(column)}: {display_text(record[column], decimals)}")
        return "\n".join(lines)

    def _set_hover(self, hover: tuple[MapLayer, int] | None) -> None:
        self._hover = hover
        self._hover_path = self._hover_sites = None
        self._hover_tip = "" if hover is None else self._hover_text(*hover)
        if hover is not None and self.viewport is not None:
            layer, row = hover
            geometry = layer.data.frame.geometry.values[row:row + 1]
            if layer.data.is_sites:
                self._hover_sites = shapely.get_coordinates(geometry)
            else:
                self._hover_path = painter_paths(geometry)[0]
        self.update()


def _feature_key(hover: tuple[MapLayer, int] | None) -> tuple[int, int] | None:
    """(layer identity, row): layers compare by identity, not by their data."""
    return None if hover is None else (id(hover[0]), hover[1])
