"""One entry point for every map output, chosen by the file's suffix (used by the CLI and the GUI)."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

from gismap.core.document import MapDocument
from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError
from gismap.core.feedback import Feedback
from gismap.core.inputs import refuse_overwriting

MAP_FORMATS = (".png", ".svg", ".pdf", ".html")


def prefetch_writer(out_path: str | Path) -> None:
    """Begin importing the writer of ``out_path``'s format (matplotlib for print maps, folium for
    HTML: half a second or more) on another thread, so it loads while the layers are read.

    The layer modules (pandas, geopandas, GDAL) are imported with this module, before the
    thread starts, so the two threads never import the same package at once.
    """
    module = "gismap.render.html" if Path(out_path).suffix.lower() == ".html" else "gismap.render.print"
    # Not a daemon: an interpreter exiting in the middle of an import can crash.
    threading.Thread(target=importlib.import_module, args=(module,), name="gismap-import").start()


def render_map(document: MapDocument, out_path: str | Path, size: tuple[int, int] = (1600, 1000),
               dpi: int = 150, language: str = "vi", offline: bool = False, feedback: Feedback | None = None) -> Path:
    """Write ``document`` as a print map (.png/.svg/.pdf) or an interactive map (.html).

    ``size`` and ``dpi`` apply to print maps; ``offline`` to HTML (Leaflet inlined). A file
    the document reads is refused as ``out_path``.
    """
    out_path = Path(out_path)
    refuse_overwriting([out_path], document.input_files())
    suffix = out_path.suffix.lower()
    if suffix == ".html":
        from gismap.render.html import render_html

        render_html(document, out_path, language=language, offline=offline, feedback=feedback)
    elif suffix in MAP_FORMATS:
        from gismap.render.print import render_print

        render_print(document, out_path, size=size, dpi=dpi, language=language, feedback=feedback)
    else:
        raise GismapError(QT_TRANSLATE_NOOP("GismapError", "{file}: choose a map file ending in {formats}"),
                          file=out_path.name, formats=", ".join(MAP_FORMATS))
    return out_path
