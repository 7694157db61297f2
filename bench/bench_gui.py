"""The window under interaction: GUI-thread stalls while panning and zooming the national layer,
and the time from a wheel zoom to the settled frame of the new view.

A MainWindow (1600x1000, offscreen) shows the full-detail national commune layer as a
choropleth. For ~5 s a driver timer sends mouse drags (pan) and wheel notches (zoom) to the
canvas at about 60 events a second, as a hand would; meanwhile a 5 ms precise timer measures
how late each of its ticks fires: the lateness is how long the GUI thread could not answer
(input handling, painting, result delivery, waiting for the GIL). Then, with the window idle,
single wheel notches are timed until the ``frame_ready`` of a frame drawn for the new view.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import national_communes, peak_rss_mb  # noqa: E402

WINDOW_SIZE = (1600, 1000)
PROBE_INTERVAL_MS = 5
DRIVER_INTERVAL_MS = 16  # one input event per ~60 Hz frame
INTERACTION_S = 5.0
SETTLE_ZOOMS = 9
STALL_TARGET_MS = 50
SETTLED_TARGET_MS = 150


class LatencyProbe:
    """A precise timer that records how late each of its ticks fires (ms)."""

    def __init__(self, interval_ms: int = PROBE_INTERVAL_MS) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval = interval_ms / 1000
        self.lateness: list[float] = []
        self._last: float | None = None
        self._timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.lateness.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lateness.append(max(0.0, (now - self._last - self.interval) * 1000))
        self._last = now

    def p95(self) -> float:
        ordered = sorted(self.lateness)
        return ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0


def _spin(seconds: float, until=None) -> None:
    """Run the event loop for ``seconds`` or until ``until()`` holds."""
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not (until and until()):
        QApplication.processEvents()
        time.sleep(0.001)


def _interaction_script(canvas):
    """Input events as (kind, args): drags across the map, then bursts of wheel notches."""
    w, h = canvas.width(), canvas.height()
    steps = []
    for start, (dx, dy) in (((0.5, 0.5), (12, 6)), ((0.7, 0.4), (-10, 8)), ((0.3, 0.6), (9, -7))):
        x, y = start[0] * w, start[1] * h
        steps.append(("press", (x, y)))
        for i in range(1, 31):
            steps.append(("move", (x + i * dx, y + i * dy)))
        steps.append(("release", (x + 30 * dx, y + 30 * dy)))
    for position, notches in (((0.5, 0.5), (1, 1, 1, 1)), ((0.35, 0.45), (1, 1, -1)),
                              ((0.6, 0.55), (-1, -1, -1, -1)), ((0.45, 0.4), (1, 1, 1))):
        for notch in notches:
            steps.append(("wheel", (position[0] * w, position[1] * h, notch)))
    return steps


def _send(canvas, kind: str, args) -> None:
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent, QWheelEvent
    from PySide6.QtWidgets import QApplication

    no_mod = Qt.KeyboardModifier.NoModifier
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    if kind == "wheel":
        x, y, notches = args
        position = QPointF(x, y)
        event = QWheelEvent(position, canvas.mapToGlobal(position), QPoint(), QPoint(0, int(120 * notches)),
                            none, no_mod, Qt.ScrollPhase.NoScrollPhase, False)
    else:
        position = QPointF(*args)
        event_type, button, buttons = {
            "press": (QEvent.Type.MouseButtonPress, left, left),
            "move": (QEvent.Type.MouseMove, none, left),
            "release": (QEvent.Type.MouseButtonRelease, left, none),
        }[kind]
        event = QMouseEvent(event_type, position, canvas.mapToGlobal(position), button, buttons, no_mod)
    QApplication.sendEvent(canvas, event)


def _interact(canvas, probe: LatencyProbe) -> int:
    """Play the script in a loop for INTERACTION_S with the probe running; events sent."""
    from PySide6.QtCore import QTimer

    script = _interaction_script(canvas)
    sent = [0]

    def step() -> None:
        kind, args = script[sent[0] % len(script)]
        _send(canvas, kind, args)
        sent[0] += 1

    driver = QTimer(interval=DRIVER_INTERVAL_MS)
    driver.timeout.connect(step)
    probe.start()
    driver.start()
    _spin(INTERACTION_S)
    driver.stop()
    # Finish a drag left open so the canvas is not left grabbing.
    if script[(sent[0] - 1) % len(script)][0] in ("press", "move"):
        _send(canvas, "release", script[(sent[0] - 1) % len(script)][1][:2])
    probe.stop()
    return sent[0]


def _current_frame(canvas) -> bool:
    return canvas._frame_viewport == canvas.viewport and not canvas._render_pending \
        and not canvas._render_timer.isActive() and canvas._render_task is None


def _settled_zooms(canvas, probe: LatencyProbe) -> list[float]:
    """ms from a single wheel notch to the frame_ready of a frame drawn for the new view."""
    w, h = canvas.width(), canvas.height()
    positions = [(0.5, 0.5, 1), (0.4, 0.45, 1), (0.55, 0.5, 1), (0.5, 0.55, -1), (0.45, 0.5, -1),
                 (0.5, 0.5, -1), (0.6, 0.4, 1), (0.5, 0.5, 1), (0.5, 0.5, -1)][:SETTLE_ZOOMS]
    times = []
    probe.start()
    for fx, fy, notch in positions:
        _spin(5.0, lambda: _current_frame(canvas))
        _spin(0.2)  # idle, as between two gestures
        arrived: list[float] = []

        def on_frame() -> None:
            if canvas._frame_viewport == canvas.viewport:
                arrived.append(time.perf_counter())

        canvas.frame_ready.connect(on_frame)
        start = time.perf_counter()
        _send(canvas, "wheel", (fx * w, fy * h, notch))
        _spin(5.0, lambda: bool(arrived))
        canvas.frame_ready.disconnect(on_frame)
        times.append(((arrived[0] if arrived else time.perf_counter()) - start) * 1000)
    probe.stop()
    return times


def run() -> list[dict]:
    path = national_communes()
    if path is None:
        return [{"name": "GUI stall while panning and zooming", "value": None, "unit": "ms",
                 "note": "skipped: national commune layer not found (set GISMAP_NATIONAL)"}]

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from gismap.core.document import MapDocument, MapLayer
    from gismap.ui.app import tune_interpreter
    from gismap.ui.main_window import MainWindow

    tune_interpreter()  # as the app does at start

    document = MapDocument(title="Bench")
    layer = document.add_layer(MapLayer("communes", path))
    layer.load()
    document.restyle(layer, column="area_km2", scheme="quantiles", k=5)
    window = MainWindow(document)
    window.resize(*WINDOW_SIZE)
    window.show()
    QTest.qWaitForWindowExposed(window, 5000)
    canvas = window.canvas
    canvas.zoom_full()
    _spin(30.0, lambda: canvas._frame is not None and _current_frame(canvas))  # it asks for its level of detail
    canvas.engine.wait_for_detail()  # measured "after loading", as the canvas bench
    _spin(30.0, lambda: _current_frame(canvas))  # redrawn from that level

    probe = LatencyProbe()
    events = _interact(canvas, probe)
    interaction = list(probe.lateness)
    interaction_max, interaction_p95 = max(interaction, default=0.0), probe.p95()
    _spin(10.0, lambda: _current_frame(canvas))
    canvas.zoom_full()
    _spin(10.0, lambda: _current_frame(canvas))
    settled = _settled_zooms(canvas, probe)
    zoom_max = max(probe.lateness, default=0.0)

    window.close()
    app.processEvents()
    canvas_size = f"canvas {canvas.width()}x{canvas.height()} in a {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]} window"
    return [
        {"name": "GUI-thread stall while panning and wheel zooming, max", "value": interaction_max, "unit": "ms",
         "target": f"≤ {STALL_TARGET_MS} ms",
         "note": f"{events} input events in {INTERACTION_S:.0f} s, {len(interaction)} probe ticks "
                 f"({PROBE_INTERVAL_MS} ms timer); national layer, {canvas_size}"},
        {"name": "GUI-thread stall while panning and wheel zooming, p95", "value": interaction_p95, "unit": "ms",
         "target": f"≤ {STALL_TARGET_MS} ms"},
        {"name": "settled frame after a wheel zoom, median", "value": statistics.median(settled), "unit": "ms",
         "target": f"≤ {SETTLED_TARGET_MS} ms",
         "note": f"{len(settled)} single notches from idle, full extent and deeper; "
                 f"each: {', '.join(f'{t:.0f}' for t in settled)} ms; longest stall meanwhile {zoom_max:.0f} ms"},
        {"name": "peak memory (GUI bench process)", "value": peak_rss_mb(), "unit": "MB"},
    ]


if __name__ == "__main__":
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for row in run():
        print(row)
