"""The first window: layer panel, canvas painting the communes, pan, zoom, coordinates, screenshot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QImage

from gismap.core.classify import feature_colors
from gismap.core.document import default_document
from gismap.ui.main_window import MainWindow
from ui_helpers import canvas_pixel, drag_to

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def window(qtbot):
    document = default_document()
    document.load_all()
    for layer in document.layers:  # labels sit on the very pixels the tests sample
        document.restyle(layer, label_column=None)
    QSettings().remove("window")  # the default layout, not the one another test's window left
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.zoom_full()
    window.canvas.render_now()
    yield window
    window.canvas.shutdown()


def _commune(document, code):
    layer = next(l for l in document.layers if l.source.name == "communes_37.parquet")
    frame = layer.data.frame
    row = int(np.flatnonzero(frame["code"].to_numpy() == code)[0])
    return layer, row, frame.geometry.values[row]


def test_layer_panel_lists_the_default_document_top_most_first(window):
    panel = window.layer_panel
    names = [panel.item(i).text() for i in range(panel.count())]
    assert names == [layer.name for layer in reversed(window.document.layers)]
    assert all(panel.item(i).checkState() == Qt.CheckState.Checked for i in range(panel.count()))


def test_canvas_paints_a_known_commune_in_its_class_colour(window):
    layer, row, geometry = _commune(window.document, "13285")  # Phường Phủ Lý, Ninh Bình
    assert layer.style.column == "fiber_hamlet_pct"  # the default map is a choropleth
    expected = QColor(*(int(v) for v in feature_colors(layer.data.frame, layer.style)[row][:3]))
    point = shapely.point_on_surface(geometry)
    window.canvas.zoom_to(geometry.bounds)
    window.canvas.render_now()
    colour = canvas_pixel(window.canvas, point.x, point.y)
    assert colour.name() == expected.name()
    # A commune in another class has another colour: the map shows the data.
    classes = feature_colors(layer.data.frame, layer.style)
    other = int(np.flatnonzero((classes[:, :3] != classes[row, :3]).any(axis=1))[0])
    other_point = shapely.point_on_surface(layer.data.frame.geometry.values[other])
    window.canvas.zoom_to(layer.data.frame.geometry.values[other].bounds)
    window.canvas.render_now()
    assert canvas_pixel(window.canvas, other_point.x, other_point.y).name() != expected.name()


def test_unchecking_a_layer_hides_it(window, qtbot):
    layer, _row, geometry = _commune(window.document, "13285")
    point = shapely.point_on_surface(geometry)
    window.canvas.zoom_to(geometry.bounds)
    window.canvas.render_now()
    shown = canvas_pixel(window.canvas, point.x, point.y).name()
    item = window.layer_panel.findItems(layer.name, Qt.MatchFlag.MatchExactly)[0]
    item.setCheckState(Qt.CheckState.Unchecked)
    assert layer.visible is False
    with qtbot.waitSignal(window.canvas.frame_ready, timeout=10000):
        pass
    # The national backdrop shows through where the commune was.
    backdrop = window.document.layers[0]
    assert canvas_pixel(window.canvas, point.x, point.y).name() == QColor(backdrop.style.fill).name() != shown


def test_wheel_zoom_keeps_the_point_under_the_cursor(window, qtbot):
    canvas = window.canvas
    before = canvas.viewport
    cursor = QPointF(300, 200)
    lon, lat = before.pixel_to_map(cursor.x(), cursor.y())
    canvas.set_viewport(before.zoom_at(cursor.x(), cursor.y(), 1.25 ** 3))
    after = canvas.viewport
    assert after.resolution == pytest.approx(before.resolution / 1.25 ** 3)
    assert np.allclose(after.pixel_to_map(cursor.x(), cursor.y()), (lon, lat))


def test_drag_pans_and_status_bar_shows_longitude_latitude(window, qtbot):
    canvas = window.canvas
    start = canvas.viewport
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    drag_to(canvas, QPointF(500, 350))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(500, 350))
    grabbed = start.pixel_to_map(400, 300)
    x, y = canvas.viewport.map_to_pixel(*grabbed)
    assert abs(x - 500) < 1 and abs(y - 350) < 1  # the grabbed point followed the cursor
    assert "° E" in window.coordinates_label.text() and "° N" in window.coordinates_label.text()


def test_zoom_full_shows_every_layer(window):
    canvas = window.canvas
    canvas.set_viewport(canvas.viewport.zoom_at(10, 10, 50))
    window.zoom_full_action.trigger()
    minx, miny, maxx, maxy = canvas.viewport.extent
    fminx, fminy, fmaxx, fmaxy = window.document.full_extent()
    assert minx <= fminx and miny <= fminy and maxx >= fmaxx and maxy >= fmaxy


def test_screenshot_option_writes_a_png_of_the_window(tmp_path):
    target = tmp_path / "window.png"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(target),
                             "--size", "900x600"], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (900, 600)
    # The map is drawn: many distinct colours, not a blank canvas.
    colours = {image.pixel(x, y) for x in range(300, 900, 7) for y in range(60, 560, 7)}
    assert len(colours) > 20


def test_a_layer_that_cannot_be_read_stays_in_the_map_with_a_warning(qtbot, tmp_path):
    from gismap.core.document import MapDocument, MapLayer
    from gismap.core.paths import shapefiles_dir
    from gismap.ui.main_window import MainWindow
    from gismap.ui.tasks import background_idle

    broken = tmp_path / "hong.shp"
    broken.write_bytes(b"not a shapefile")
    (tmp_path / "hong.shx").write_bytes(b"")
    (tmp_path / "hong.dbf").write_bytes(b"")
    document = MapDocument()
    document.layers = [MapLayer(name="Ninh Bình", source=shapefiles_dir() / "communes_37.parquet"),
                       MapLayer(name="Hỏng", source=broken)]
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.load_layers()
    qtbot.waitUntil(lambda: background_idle() and document.layers[1].load_error is not None, timeout=20000)
    assert [layer.name for layer in document.layers] == ["Ninh Bình", "Hỏng"]
    item = window.layer_panel.item(0)  # top-most first
    assert "hong.shp" in item.toolTip() and not item.icon().isNull()
    assert document.history.undo_text is None  # loading is not an edit
    assert window.progress.isHidden()  # a failed layer is done loading too
    window.canvas.shutdown()


def test_a_screenshot_of_a_project_that_cannot_open_ends_with_its_message(tmp_path):
    # No dialog: nobody is there to answer it offscreen (this used to wait for ever).
    project = tmp_path / "hong.gismap"
    project.write_text('{"version": "x", "layers": 5}', encoding="utf-8")
    target = tmp_path / "window.png"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", "--screenshot", str(target),
                             str(project)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "hong.gismap" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


def test_a_screenshot_of_a_project_with_a_missing_file_names_it(tmp_path):
    from gismap.core.document import MapDocument, MapLayer
    from gismap.core.paths import shapefiles_dir
    from gismap.core.project import save_project

    moved = tmp_path / "communes_37.parquet"
    moved.write_bytes((shapefiles_dir() / "communes_37.parquet").read_bytes())
    document = MapDocument(title="Ninh Bình")
    document.add_layer(MapLayer(name="Ninh Bình", source=moved))
    project = save_project(document, tmp_path / "ninh_binh.gismap")
    moved.unlink()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", "--screenshot",
                             str(tmp_path / "window.png"), str(project)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "ninh_binh.gismap" in result.stderr and str(moved) in result.stderr


def test_the_default_window_size_fits_the_screen(qapp):
    from PySide6.QtCore import QRect

    from gismap.ui.app import DEFAULT_SIZE, fitted_size

    class Laptop:  # a 1366x768 screen less its 30-pixel panel
        def availableGeometry(self):
            return QRect(0, 30, 1366, 738)

    assert fitted_size(DEFAULT_SIZE, Laptop()) == (1280, 738)
    free = qapp.primaryScreen().availableGeometry()
    width, height = fitted_size((10_000, 10_000), qapp.primaryScreen())
    assert (width, height) == (free.width(), free.height())


def test_a_layer_added_is_drawn_from_its_draft_before_it_is_loaded(window, qtbot):
    from gismap.core.paths import shapefiles_dir

    drawn_while_loading = []
    window.canvas.frame_ready.connect(lambda: drawn_while_loading.append(
        layer.draft is not None and layer.data is None))
    changes = []
    window.document.layer_changed.connect(lambda changed, what: changes.append(set(what)) if changed is layer else None)
    layer = window.add_layer_file(shapefiles_dir() / "communes_vn_2025_overview.shp")
    qtbot.waitUntil(lambda: layer.data is not None and "data" in set().union(*changes), timeout=60_000)
    assert changes.index({"draft"}) < changes.index({"data"}) and layer.draft is None
    assert any(drawn_while_loading)  # a frame showed the draft, the loader waiting for it


def test_drafts_are_thinned_for_the_view_they_will_be_drawn_in(window):
    from gismap.render.viewport import Viewport

    canvas = window.canvas
    bounds = (102.1, 7.2, 117.8, 23.4)
    whole = canvas.draft_cell(None)(bounds)
    assert whole == pytest.approx(0.5 * Viewport.fit(bounds, canvas.width(), canvas.height()).resolution)
    assert canvas.draft_cell((105.0, 20.0, 106.0, 21.0))(bounds) < whole  # a project's view, nearer
    canvas.zoom_to((105.8, 20.4, 105.95, 20.55))  # a few communes: an eighth of a pixel of it all at most
    assert canvas.draft_cell(canvas.viewport)(bounds) == pytest.approx(whole / 8)
