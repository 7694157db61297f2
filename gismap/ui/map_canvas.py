"""The map canvas widget: pan, zoom and frames rendered off the GUI thread.

Frames come from :class:`gismap.render.canvas.CanvasEngine` on the thread pool. While a new
frame is on its way, the last one is moved and scaled to the current view, so dragging and
wheel zooming stay smooth and the window never freezes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from gismap.core.document import MapDocument
from gismap.render.canvas import CanvasEngine
from gismap.render.viewport import Viewport
from gismap.ui.tasks import Task, run_in_background

WHEEL_ZOOM_STEP = 1.25  # per wheel notch, as in QGIS' default
BACKGROUND = QColor("#f4f7fa")


class MapCanvas(QWidget):
    """Shows the document through a :class:`Viewport`; emits the cursor position in lon/lat."""

    cursor_moved = Signal(float, float)
    view_changed = Signal(object)  # Viewport
    frame_ready = Signal()

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
        self._render_task: Task | None = None
        self._render_pending = False
        self._drag_origin: QPointF | None = None
        self._drag_viewport: Viewport | None = None
        # Coalesce bursts of changes (wheel notches, layer toggles) into one render.
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self._start_render)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._observe(document)

    # -- document ------------------------------------------------------------------------
    def set_document(self, document: MapDocument) -> None:
        self.document = document
        self.engine = CanvasEngine(document)
        self._observe(document)
        self.zoom_full()

    def _observe(self, document: MapDocument) -> None:
        document.layers_changed.connect(self.request_render)
        document.layer_changed.connect(lambda _layer: self.request_render())

    # -- view ------------------------------------------------------------------------------
    def zoom_full(self) -> None:
        extent = self.document.full_extent()
        if extent is not None:
            self.set_viewport(Viewport.fit(extent, self.width(), self.height()))

    def zoom_to(self, extent: tuple[float, float, float, float], margin: float = 0.05) -> None:
        minx, miny, maxx, maxy = extent
        dx, dy = (maxx - minx) * margin, (maxy - miny) * margin
        self.set_viewport(Viewport.fit((minx - dx, miny - dy, maxx + dx, maxy + dy),
                                       self.width(), self.height()))

    def set_viewport(self, viewport: Viewport) -> None:
        self.viewport = viewport
        self.document.extent = viewport.extent
        self.view_changed.emit(viewport)
        self.request_render()
        self.update()

    # -- rendering ---------------------------------------------------------------------------
    def request_render(self) -> None:
        self._render_timer.start()

    def _start_render(self) -> None:
        if self.viewport is None:
            self.zoom_full()
            if self.viewport is None:
                return
        if self._render_task is not None:
            # One render at a time: a newer view restarts as soon as this one ends.
            self._render_task.cancel()
            self._render_pending = True
            return
        viewport = self.viewport
        engine = self.engine

        def render(context):
            return viewport, engine.render(viewport, cancelled=lambda: context.cancelled)

        self._render_task = run_in_background(render, on_done=self._frame_done,
                                              on_error=self._frame_failed, pool=self._pool)
        self._render_task.signals.finished.connect(self._render_ended)
        self._render_task.signals.failed.connect(self._render_ended)

    def _render_ended(self, *_args) -> None:
        self._render_task = None
        if self._render_pending:
            self._render_pending = False
            self._start_render()

    def _frame_done(self, result) -> None:
        viewport, image = result
        if image is None:
            return
        self._frame, self._frame_viewport = image, viewport
        self.update()
        self.frame_ready.emit()

    def _frame_failed(self, error: Exception) -> None:
        self.window().statusBar().showMessage(self.tr("Drawing failed: {0}").format(error), 10000)

    def render_now(self) -> None:
        """Render synchronously on this thread (screenshots, tests)."""
        if self.viewport is None:
            self.zoom_full()
        if self.viewport is not None:
            self._frame = self.engine.render(self.viewport)
            self._frame_viewport = self.viewport
            self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._frame is None or self.viewport is None:
            return
        if self._frame_viewport == self.viewport:
            painter.drawImage(0, 0, self._frame)
            return
        # Place the last frame where its extent falls in the current view.
        minx, miny, maxx, maxy = self._frame_viewport.extent
        (x0, x1), (y0, y1) = self.viewport.map_to_pixel([minx, maxx], [maxy, miny])
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), self._frame)

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
            self._drag_viewport = self.viewport
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event) -> None:
        if self.viewport is None:
            return
        position = event.position()
        lon, lat = self.viewport.pixel_to_map(position.x(), position.y())
        self.cursor_moved.emit(float(lon), float(lat))
        if self._drag_origin is not None:
            delta = position - self._drag_origin
            self.set_viewport(self._drag_viewport.pan(delta.x(), delta.y()))

    def mouseReleaseEvent(self, event) -> None:
        if self._drag_origin is not None:
            self._drag_origin = None
            self.unsetCursor()
