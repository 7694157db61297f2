"""Helpers shared by the widget tests: documents built from the embedded commune layers,
copies of embedded files, scripted project dialogs, and ways to drive and read widgets; and DBF
text rewritten in the old encodings, for the reading tests."""

from __future__ import annotations

import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication

from gismap.core.document import MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.core.layers import read_layer
from gismap.core.paths import shapefiles_dir
from gismap.ui.project_io import ProjectDialogs
from gismap.ui.tasks import background_idle

SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def recode_dbf(dbf_path: Path, encode: Callable[[str], bytes], rows: Callable[[int], bool] = lambda r: True) -> None:
    """Rewrite a UTF-8 DBF's text fields with ``encode`` (e.g. to Windows-1258 or TCVN3), as old
    Vietnamese tools wrote them; ``rows`` chooses the records rewritten (by number)."""
    data = bytearray(dbf_path.read_bytes())
    records, header_length, record_length = struct.unpack_from("<IHH", data, 4)
    fields = []
    offset = 1
    for start in range(32, header_length - 1, 32):
        ftype, width = chr(data[start + 11]), data[start + 16]
        fields.append((ftype, offset, width))
        offset += width
    for r in filter(rows, range(records)):
        base = header_length + r * record_length
        for ftype, off, width in fields:
            if ftype == "C":
                text = bytes(data[base + off: base + off + width]).decode("utf-8").rstrip(" ")
                data[base + off: base + off + width] = encode(text).ljust(width, b" ")
    dbf_path.write_bytes(bytes(data))


def commune_document(*prov_codes: str, title: str = "Test map") -> tuple[MapDocument, MapLayer]:
    """A document with one loaded layer holding the communes of the given provinces."""
    document = MapDocument(title=title)
    layer = document.add_layer(MapLayer(name="communes", source=shapefiles_dir() / f"communes_{prov_codes[0]}.parquet"))
    layer.load()
    if len(prov_codes) > 1:
        frames = [layer.data.frame] + [read_layer(shapefiles_dir() / f"communes_{code}.parquet").frame
                                       for code in prov_codes[1:]]
        layer.data.frame = pd.concat(frames, ignore_index=True)
    return document, layer


def copy_shapefile(name: str, folder: Path) -> Path:
    """The embedded layer ``name`` as a Shapefile (all its parts, UTF-8 declared) in ``folder``; returns
    the .shp. The overviews are copied; a province's GeoParquet is written out as a Shapefile."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.shp"
    geoparquet = shapefiles_dir() / f"{name}.parquet"
    if geoparquet.exists():
        gpd.read_parquet(geoparquet).to_file(target, engine="pyogrio", encoding="UTF-8")
        return target
    for suffix in SHAPEFILE_PARTS:
        shutil.copy(shapefiles_dir() / f"{name}{suffix}", folder / f"{name}{suffix}")
    return target


class ScriptedDialogs(ProjectDialogs):
    """Project questions answered from lists (``paths``, ``answers``); ``asked`` records them."""

    def __init__(self):
        super().__init__()
        self.paths: list[Path | None] = []
        self.answers: list = []
        self.asked: list[str] = []

    def open_path(self, parent, folder):
        self.asked.append("open")
        return self.paths.pop(0)

    def save_path(self, parent, suggestion):
        self.asked.append("save_as")
        return self.paths.pop(0)

    def save_changes(self, parent):
        self.asked.append("save_changes")
        return self.answers.pop(0)

    def recover(self, parent, recovery):
        self.asked.append("recover")
        return self.answers.pop(0)

    def choose_province(self, parent, current):
        self.asked.append(f"province (now {current or 'sample'})")
        return self.answers.pop(0)

    def repair(self, parent, repair):
        """As a user would in the repair dialog: each still-missing file in turn, located or left out."""
        while repair.remaining:
            item = repair.remaining[0]
            self.asked.append(f"locate {item.layer_name}")
            path = self.paths.pop(0)
            if path is None:
                repair.leave_out(item)
                continue
            try:
                repair.locate(item, path)
            except GismapError as exc:
                self.error(parent, str(exc))

    def error(self, parent, message):
        self.asked.append(f"error {message}")


def choose(combo, data) -> None:
    """Pick the entry of ``combo`` carrying ``data``, as a user would."""
    combo.setCurrentIndex(combo.findData(data))


def drag_to(widget, position: QPointF) -> None:
    """A mouse move with the left button held (QTest's mouseMove carries no buttons offscreen)."""
    _move(widget, position, Qt.MouseButton.LeftButton)


def hover_at(widget, position: QPointF) -> None:
    """A mouse move with no button held, delivered to ``widget`` itself (QTest's mouseMove goes to the
    window it finds under the cursor, which offscreen is not always this one)."""
    _move(widget, position, Qt.MouseButton.NoButton)


def _move(widget, position: QPointF, buttons: Qt.MouseButton) -> None:
    event = QMouseEvent(QEvent.Type.MouseMove, position, widget.mapToGlobal(position),
                        Qt.MouseButton.NoButton, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def canvas_pixel(canvas, lon, lat) -> QColor:
    """The colour the canvas widget shows at (lon, lat)."""
    x, y = canvas.viewport.map_to_pixel(lon, lat)
    return canvas.grab().toImage().pixelColor(int(round(float(x))), int(round(float(y))))


def wait_for_current_frame(qtbot, canvas, timeout: int = 20000) -> None:
    """Wait until the canvas shows a frame rendered (in the background) for its current view and
    no render is due (a selection or style change keeps the view but needs a new frame)."""
    qtbot.waitUntil(lambda: background_idle() and not canvas._render_timer.isActive()
                    and not canvas._render_pending and canvas._frame is not None
                    and canvas._frame_viewport == canvas.viewport, timeout=timeout)


def wait_page(qtbot, wizard, page, until):
    """Go to the wizard's next page, which must be ``page``, and wait for ``until()``."""
    wizard.next()
    assert wizard.currentPage() is page
    qtbot.waitUntil(until, timeout=20000)


def export(qtbot, dialog, target):
    """Run an export dialog to ``target`` and wait for the file."""
    qtbot.addWidget(dialog)
    dialog.set_target(target)
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60000)
    assert dialog.written == target, dialog.message.text()
    return target
