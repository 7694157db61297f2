"""Presentation mode: keys step through indicators and provinces; it renders offscreen."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSize, Qt

from gismap.ui.legend_panel import layer_legend
from gismap.ui.presentation import PresentationView
from ui_helpers import commune_document


@pytest.fixture
def view(qtbot):
    document, layer = commune_document("37", "92", title="Hạ tầng số")
    frame = layer.data.frame
    frame["population"] = np.linspace(1000, 50000, len(frame))
    frame["fiber_hamlet_pct"] = np.linspace(100, 40, len(frame))
    document.restyle(layer, column="population", scheme="manual", breaks=[5000, 20000])
    view = PresentationView(document)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.zoom_to_province()
    return view


def test_left_and_right_step_through_indicators(qtbot, view):
    layer = view.layer
    assert view.indicators() == ["population", "fiber_hamlet_pct"]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    # Manual breaks belonged to population: the next indicator gets quantiles.
    assert (layer.style.column, layer.style.scheme, layer.style.breaks) == ("fiber_hamlet_pct", "quantiles", None)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert layer.style.column == "population"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert layer.style.column == "fiber_hamlet_pct"


def test_up_and_down_zoom_to_each_province(qtbot, view):
    frame = view.layer.data.frame
    whole = tuple(frame.total_bounds)
    assert view.extent == pytest.approx(whole)
    assert [code for code, _name in view.provinces()] == ["37", "92"]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.province()[0] == "37"
    assert view.extent == pytest.approx(tuple(frame[frame["prov_code"] == "37"].total_bounds))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.extent == pytest.approx(tuple(frame[frame["prov_code"] == "92"].total_bounds))
    assert "Cần Thơ" in view.subtitle()
    # The map is centred on the province.
    lon, lat = (float(v) for v in view.canvas.viewport.pixel_to_map(400, 250))
    minx, miny, maxx, maxy = view.extent
    assert minx < lon < maxx and miny < lat < maxy
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.province() is None and view.extent == pytest.approx(whole)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.province()[0] == "92"


def test_escape_leaves(qtbot, view):
    with qtbot.waitSignal(view.closed, timeout=1000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_renders_offscreen_with_title_and_legend(qtbot, view):
    image = view.render_to_image(QSize(640, 400))
    assert (image.width(), image.height()) == (640, 400)
    # Every class colour of the legend fills some commune (and its swatch).
    colors = {image.pixelColor(x, y).name() for x in range(0, 640, 2) for y in range(0, 400, 2)}
    assert {entry.hex for entry in layer_legend(view.layer)} <= colors
    before = image.copy()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    after = view.render_to_image(QSize(640, 400))
    assert after != before  # another indicator, other colours


def test_a_closed_presentation_stops_drawing_the_document(qtbot, view):
    drawn = []
    view.canvas.frame_ready.connect(lambda: drawn.append(1))
    with qtbot.waitSignal(view.closed, timeout=1000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    view.document.update_layer(view.layer, opacity=0.5)
    view.document.select(view.layer, [0])
    qtbot.wait(400)  # longer than the canvas' render delay
    assert drawn == []


def test_presenting_changes_neither_the_window_map_nor_what_is_exported(qtbot):
    document, layer = commune_document("37", "92", title="Hạ tầng số")
    layer.data.frame["population"] = np.linspace(1000, 50000, len(layer.data.frame))
    layer.data.frame["fiber_hamlet_pct"] = np.linspace(100, 40, len(layer.data.frame))
    document.restyle(layer, column="population", scheme="natural_breaks")
    document.set_extent((105.0, 20.0, 106.0, 21.0))
    before = (layer.style, document.extent)
    view = PresentationView(document, map_layer=layer)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.layer.style.column != "population" and view.province() is not None
    assert (layer.style, document.extent) == before
