"""Map tools and layer-panel actions of the main window: zoom box, select (click, shift-click,
rectangle), identify, zoom to selection, opacity, rename, remove, reorder, properties."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QLabel

from gismap.core.document import MapDocument, MapLayer, Style
from gismap.core.paths import shapefiles_dir
from gismap.ui.main_window import MainWindow
from gismap.ui.map_canvas import Tool
from ui_helpers import canvas_pixel, drag_to, hover_at


@pytest.fixture
def window(qtbot):
    document = MapDocument(title="Ninh Bình")
    for code in ("92", "37"):
        document.add_layer(MapLayer(name=f"communes {code}", source=shapefiles_dir() / f"communes_{code}.parquet"))
    document.load_all()
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.layer_panel.select_layer(document.layers[1])
    window.canvas.zoom_to(document.layers[1].data.bounds)
    window.canvas.render_now()
    yield window
    window.canvas.shutdown()


def _pixel_of(window, layer, code):
    frame = layer.data.frame
    row = int(np.flatnonzero(frame["code"].to_numpy() == code)[0])
    point = shapely.point_on_surface(frame.geometry.values[row])
    x, y = window.canvas.viewport.map_to_pixel(point.x, point.y)
    return row, QPoint(int(round(float(x))), int(round(float(y))))


def test_click_shift_click_and_rectangle_select(window, qtbot):
    layer = window.document.layers[1]
    window.tool_actions[Tool.SELECT].trigger()
    row_a, at_a = _pixel_of(window, layer, "13285")  # Phủ Lý
    row_b, at_b = _pixel_of(window, layer, "13291")  # Phù Vân
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=at_a)
    assert window.document.selected(layer).tolist() == [row_a]
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=at_b)
    assert window.document.selected(layer).tolist() == sorted([row_a, row_b])
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=at_a)
    assert window.document.selected(layer).tolist() == [row_b]
    # The attribute table follows the map's selection.
    assert window.attribute_table.selected_rows().tolist() == [row_b]

    # A rectangle over the whole canvas selects every commune of the layer in view.
    qtbot.mousePress(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    corner = QPointF(window.canvas.width() - 2, window.canvas.height() - 2)
    drag_to(window.canvas, corner)
    qtbot.mouseRelease(window.canvas, Qt.MouseButton.LeftButton, pos=corner.toPoint())
    assert len(window.document.selected(layer)) == len(layer.data.frame)


def test_zoom_box_and_zoom_to_selection(window, qtbot):
    canvas = window.canvas
    before = canvas.viewport.resolution
    window.tool_actions[Tool.ZOOM_BOX].trigger()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    drag_to(canvas, QPointF(300, 250))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(300, 250))
    assert canvas.viewport.resolution < before / 2

    layer = window.document.layers[1]
    row, _ = _pixel_of(window, layer, "13285")
    window.document.select(layer, [row])
    window.zoom_selection_action.trigger()
    minx, miny, maxx, maxy = canvas.viewport.extent
    gminx, gminy, gmaxx, gmaxy = layer.data.frame.geometry.values[row].bounds
    assert minx <= gminx and maxx >= gmaxx and miny <= gminy and maxy >= gmaxy
    assert (maxx - minx) < 3 * (gmaxx - gminx) + 0.05  # zoomed onto the commune, not the province


def test_identify_shows_the_clicked_commune(window, qtbot):
    layer = window.document.layers[1]
    window.tool_actions[Tool.IDENTIFY].trigger()
    _row, at = _pixel_of(window, layer, "13285")
    with qtbot.waitSignal(window.canvas.features_identified) as signal:
        qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=at)
    assert signal.args[0] == [(layer, _row)]
    values = window.identify_panel.values()
    assert values["name"] == "Phủ Lý" and values["code"] == "13285"


def test_identify_lists_every_visible_layer_under_the_click_top_first(window, qtbot):
    communes = window.document.layers[1]
    provinces = window.document.add_layer(MapLayer(name="Tỉnh", source=shapefiles_dir() / "provinces_vn_2025_overview.shp",
                                                   style=Style(fill=None)))
    provinces.load()
    window.canvas.render_now()
    row, at = _pixel_of(window, communes, "13285")
    window.tool_actions[Tool.IDENTIFY].trigger()
    with qtbot.waitSignal(window.canvas.features_identified) as signal:
        qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=at)
    hits = signal.args[0]
    assert [layer for layer, _ in hits] == [provinces, communes]  # the outline-only provinces are on top
    assert hits[1][1] == row
    panel = window.identify_panel
    assert panel.values(0)["name"] == "Ninh Bình" and panel.values(1)["name"] == "Phủ Lý"
    assert panel.title_label.text().startswith("2")


def test_opacity_rename_remove_and_order(window, qtbot):
    document, panel = window.document, window.layer_panel
    layer = document.layers[1]
    lon, lat = shapely.get_coordinates(shapely.point_on_surface(layer.data.frame.geometry.values[0]))[0]
    opaque = canvas_pixel(window.canvas, lon, lat)
    document.update_layer(layer, opacity=0.3)
    window.canvas.render_now()
    faded = canvas_pixel(window.canvas, lon, lat)
    assert faded.lightness() > opaque.lightness()  # lighter: the white background shows through

    document.update_layer(layer, name="Ninh Bình 2025")
    assert panel.item(0).text() == "Ninh Bình 2025"
    document.move_layer(layer, 0)  # now drawn first: listed last
    assert panel.item(panel.count() - 1).text() == "Ninh Bình 2025"
    document.remove_layer(document.layers[1])
    assert [panel.item(i).text() for i in range(panel.count())] == ["Ninh Bình 2025"]


def test_properties_dialog_tells_source_crs_count_and_encoding(window):
    layer = window.document.layers[1]
    dialog = window.layer_panel.show_properties(layer)
    texts = " | ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "communes_37.parquet" in texts and "EPSG:4326" in texts
    assert "129" in texts and "UTF-8" in texts
    dialog.close()


def test_selection_bounds_cover_the_selected_features_and_skip_empty_geometries():
    document = MapDocument()
    layer = document.add_layer(MapLayer("Ninh Bình", shapefiles_dir() / "communes_37.parquet"))
    layer.load()
    assert document.selection_bounds() is None
    document.select(layer, [3, 7])
    expected = shapely.total_bounds(layer.data.frame.geometry.values[[3, 7]])
    assert document.selection_bounds() == pytest.approx(tuple(expected))
    layer.data.frame.loc[7, "geometry"] = shapely.Polygon()  # an empty geometry has no bounds
    assert document.selection_bounds([layer]) == pytest.approx(
        tuple(shapely.total_bounds(layer.data.frame.geometry.values[[3]])))


def test_a_join_is_removed_from_the_layer_properties(window, qtbot):
    from PySide6.QtWidgets import QPushButton, QWidget

    from gismap.core.paths import coverage_dir
    from gismap.core.recipe import JoinStep

    document, layer = window.document, window.document.layers[1]
    table = coverage_dir() / "coverage_2025_by_code.csv"
    other = coverage_dir() / "bao_cao_ha_tang_so_2025.xlsx"
    document.add_step(layer, JoinStep(table=table))
    document.add_step(layer, JoinStep(table=other, sheet="Ninh Bình"))
    dialog = window.layer_panel.show_properties(layer)
    steps = dialog.findChild(QWidget, "layerSteps")
    buttons = steps.findChildren(QPushButton)
    assert len(buttons) == 2
    renamed = "population_bao_cao_ha_tang_so_2025_ninh_binh"  # named after its table: stable whatever is removed
    assert renamed in layer.data.frame
    buttons[0].click()  # the first join goes: the layer is rebuilt from its file with the second alone
    assert layer.recipe == [JoinStep(table=other, sheet="Ninh Bình")]
    assert "population" in layer.data.frame and renamed not in layer.data.frame
    document.history.undo()
    assert len(layer.recipe) == 2 and renamed in layer.data.frame


def test_the_hover_tip_names_the_indicator_and_writes_its_number_as_the_language_does(window, qtbot):
    from PySide6.QtCore import QLocale

    from gismap.ui.legend_panel import indicator_label  # in the interface language

    layer = window.document.layers[1]
    layer.data.frame["fiber_hamlet_pct"] = np.linspace(50, 99.5, len(layer.data.frame))
    window.document.restyle(layer, column="fiber_hamlet_pct")
    window.canvas.render_now()
    row, at = _pixel_of(window, layer, "13285")  # Phủ Lý
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    try:
        hover_at(window.canvas, QPointF(at))
        tip = window.canvas.hover_tip  # what the tooltip shows (offscreen Qt does not always show it)
        label = indicator_label("fiber_hamlet_pct")  # Vietnamese, as the locale now is
    finally:
        QLocale.setDefault(before)
    value = layer.data.frame["fiber_hamlet_pct"].iloc[row]
    assert "Phủ Lý" in tip and "fiber_hamlet_pct" not in tip
    assert label == "Tỷ lệ thôn có cáp quang (%)"
    assert f"{label}: {value:.2f}".replace(".", ",") in tip
