"""Turning a map document into pixels and files.

- :class:`~gismap.render.viewport.Viewport`: which part of the map a canvas of a given size
  shows; pan, zoom at the cursor, pixel <-> map, scale (no Qt).
- :class:`~gismap.render.canvas.CanvasEngine`: draws a document into a QImage for a viewport,
  with selection and hover, hit-testing and rectangle selection; works offscreen and in
  worker threads.
"""

from __future__ import annotations

import os

_application = None


def ensure_gui_application() -> None:
    """Make sure a Qt GUI application exists (fonts need one); create an offscreen one if not.

    Call it from the main thread before rendering in a CLI or script; the window's
    QApplication, when there is one, is used as it is.
    """
    from PySide6.QtGui import QGuiApplication

    global _application
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application = QGuiApplication([])


def __getattr__(name: str):
    # Loaded on first use: print exports (matplotlib) must not pay for importing Qt.
    if name == "CanvasEngine":
        from gismap.render.canvas import CanvasEngine

        return CanvasEngine
    if name == "Viewport":
        from gismap.render.viewport import Viewport

        return Viewport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["CanvasEngine", "Viewport", "ensure_gui_application"]
