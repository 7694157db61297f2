"""The canvas engine and viewport on the embedded boundaries (offscreen Qt)."""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pandas as pd
import pytest
import shapely
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from gismap.core.document import MapDocument, MapLayer, Style
from gismap.core.layers import DraftRequest, LayerDraft
from gismap.core.outlines import Outlines
from gismap.core.paths import bundle_root
from gismap.render import CanvasEngine, Viewport
from gismap.render.geometry_cache import painter_paths, snapped_paths, wanted_level
from gismap.core.outlines import vertex_blocks

SHAPEFILES = bundle_root() / "data/shapefiles"
FILL = "#3366cc"
BACKGROUND = "#ffffff"


@pytest.fixture
def document(qapp) -> MapDocument:
    document = MapDocument()
    layer = document.add_layer(MapLayer("Ninh Bình", SHAPEFILES / "communes_37.parquet",
                                        style=Style(fill=FILL, outline=None)))
    layer.load()
    return document


@pytest.fixture
def engine(document) -> CanvasEngine:
    return CanvasEngine(document, background=BACKGROUND)


def _layer(document: MapDocument) -> MapLayer:
    return document.layers[0]


def _inside_pixel(viewport: Viewport, geometry) -> tuple[int, int]:
    """A pixel well inside ``geometry`` (its centre lies inside the polygon, away from the edge)."""
    inner = shapely.buffer(geometry, -3 * viewport.resolution)
    point = shapely.point_on_surface(inner if not inner.is_empty else geometry)
    x, y = viewport.map_to_pixel(point.x, point.y)
    return int(x), int(y)


def _pixel(image, xy) -> str:
    return image.pixelColor(*xy).name()


def _commune_view(document: MapDocument, index: int) -> Viewport:
    frame = _layer(document).data.frame
    return Viewport.fit(frame.geometry.iloc[index].bounds, 400, 300, margin=0.1)


def test_commune_is_filled_with_its_style_colour_and_outside_is_background(document, engine):
    frame = _layer(document).data.frame
    viewport = Viewport.fit(_layer(document).data.bounds, 800, 600, margin=0.05)
    image = engine.render(viewport)
    for index in (0, len(frame) // 2, len(frame) - 1):
        assert _pixel(image, _inside_pixel(viewport, frame.geometry.iloc[index])) == FILL
    assert _pixel(image, (2, 2)) == BACKGROUND  # the margin lies outside the province


def test_choropleth_draws_different_colours_where_values_differ(document, engine):
    frame = _layer(document).data.frame
    document.restyle(_layer(document), column="area_km2", scheme="quantiles", k=5, cmap="YlGnBu")
    smallest, largest = int(frame["area_km2"].idxmin()), int(frame["area_km2"].idxmax())
    colours = {}
    for index in (smallest, largest):
        viewport = _commune_view(document, index)
        colours[index] = _pixel(engine.render(viewport), _inside_pixel(viewport, frame.geometry.iloc[index]))
    assert colours[smallest] != colours[largest]
    assert BACKGROUND not in colours.values()


def test_invisible_layer_is_not_drawn(document, engine):
    viewport = Viewport.fit(_layer(document).data.bounds, 400, 300)
    document.update_layer(_layer(document), visible=False)
    image = engine.render(viewport)
    assert image.pixelColor(200, 150) == QColor(BACKGROUND)
    assert {_pixel(image, (x, y)) for x in range(0, 400, 20) for y in range(0, 300, 20)} == {BACKGROUND}


def test_opacity_blends_with_the_background(document, engine):
    frame = _layer(document).data.frame
    viewport = _commune_view(document, 3)
    xy = _inside_pixel(viewport, frame.geometry.iloc[3])
    document.update_layer(_layer(document), opacity=0.5)
    colour = engine.render(viewport).pixelColor(*xy)
    fill = QColor(FILL)
    for channel in ("red", "green", "blue"):
        expected = (getattr(fill, channel)() + 255) / 2
        assert abs(getattr(colour, channel)() - expected) <= 2


def test_selection_and_hover_change_the_picture(document, engine):
    frame = _layer(document).data.frame
    layer_id = _layer(document).id
    viewport = _commune_view(document, 5)
    xy = _inside_pixel(viewport, frame.geometry.iloc[5])
    plain = engine.render(viewport)
    selected = engine.render(viewport, selection={layer_id: np.array([5])})
    assert _pixel(selected, xy) != _pixel(plain, xy)
    hovered = engine.render(viewport, highlight=(layer_id, 5))
    assert hovered != plain


def test_labels_are_drawn_only_when_zoomed_in(document, engine):
    layer = _layer(document)
    zoomed = _commune_view(document, 0)
    far = Viewport.fit((100.0, 5.0, 115.0, 25.0), 200, 300)
    # Frames compared for equality must come from the same level of detail, not draft then settled:
    # a first frame of each view asks for its level.
    for view in (zoomed, far):
        engine.render(view)
    assert engine.wait_for_detail(timeout=60)
    document.restyle(layer, label_column="name")
    unlabelled_style = Style(fill=FILL, outline=None)
    labelled = engine.render(zoomed)
    document.update_layer(layer, style=unlabelled_style)
    assert engine.render(zoomed) != labelled
    # At national scale communes are a few pixels wide: no label.
    document.update_layer(layer, style=Style(fill=FILL, outline=None, label_column="name"))
    with_labels = engine.render(far)
    document.update_layer(layer, style=unlabelled_style)
    assert engine.render(far) == with_labels


def test_hit_test_and_rectangle_selection(document, engine):
    frame = _layer(document).data.frame
    layer_id = _layer(document).id
    for index in (0, 17, len(frame) - 1):
        point = shapely.point_on_surface(frame.geometry.iloc[index])
        assert engine.hit_test(layer_id, point.x, point.y) == index
    assert engine.hit_test(layer_id, 0.0, 0.0) is None
    bounds = frame.geometry.iloc[17].bounds
    inside = engine.features_in_rect(layer_id, bounds)
    assert 17 in inside
    expected = np.flatnonzero(frame.geometry.intersects(shapely.box(*bounds)).to_numpy())
    np.testing.assert_array_equal(inside, expected)


def test_viewport_round_trips_and_zoom_keeps_the_cursor_point():
    viewport = Viewport.fit((104.5, 19.9, 106.2, 20.6), 1600, 1000)
    xs, ys = np.array([0.0, 123.4, 1600.0]), np.array([0.0, 987.6, 500.0])
    lon, lat = viewport.pixel_to_map(xs, ys)
    back_x, back_y = viewport.map_to_pixel(lon, lat)
    np.testing.assert_allclose(back_x, xs, atol=1e-6)
    np.testing.assert_allclose(back_y, ys, atol=1e-6)
    for factor in (2.0, 0.5, 1.25):
        zoomed = viewport.zoom_at(300.0, 700.0, factor)
        np.testing.assert_allclose(zoomed.pixel_to_map(300.0, 700.0), viewport.pixel_to_map(300.0, 700.0), atol=1e-9)
        assert zoomed.resolution == pytest.approx(viewport.resolution / factor)
    moved = viewport.pan(40.0, -25.0)
    np.testing.assert_allclose(moved.map_to_pixel(*viewport.pixel_to_map(800.0, 500.0)), (840.0, 475.0), atol=1e-6)


def test_viewport_fit_keeps_aspect_and_shows_the_extent():
    extent = (104.5, 19.9, 106.2, 20.6)
    viewport = Viewport.fit(extent, 1600, 1000)
    shown = viewport.extent
    tolerance = 1e-9
    assert shown[0] <= extent[0] + tolerance and shown[1] <= extent[1] + tolerance
    assert shown[2] >= extent[2] - tolerance and shown[3] >= extent[3] - tolerance
    assert shown[2] - shown[0] == pytest.approx(extent[2] - extent[0])  # the wider side fills the canvas
    # Equal ground distance across and up: a pixel spans resolution / cos(lat) degrees of longitude.
    width_deg = shown[2] - shown[0]
    assert width_deg / 1600 == pytest.approx(viewport.resolution / np.cos(np.radians(viewport.center_lat)))
    # One pixel of 1e-3 degrees of latitude is about 111 m.
    assert Viewport(100, 100, 105.0, 20.0, 1e-3).metres_per_pixel == pytest.approx(111.195, rel=1e-3)
    assert Viewport(100, 100, 105.0, 20.0, 1e-3).scale_denominator(96) == pytest.approx(111.195 * 96 / 0.0254, rel=1e-3)


def test_level_of_detail_is_coarser_at_national_zoom(document, engine):
    layer_id = _layer(document).id
    national = Viewport.fit((102.1, 8.4, 109.5, 23.4), 1600, 1000)
    commune = _commune_view(document, 0)
    assert wanted_level(national.resolution) > wanted_level(commune.resolution)
    cache = engine.geometry(layer_id)
    everything = np.arange(len(cache.geometries))
    for view in (national, commune):
        cache.paths(everything, view.resolution)  # drafts, asking for both levels
    assert engine.wait_for_detail(timeout=60)
    national_vertices = sum(path.elementCount() for path in cache.paths(everything, national.resolution))
    commune_vertices = sum(path.elementCount() for path in cache.paths(everything, commune.resolution))
    assert national_vertices < commune_vertices / 4


def test_first_frame_is_a_grid_snapped_draft_replaced_once_the_levels_are_built(document, engine):
    """Levels of detail are built only after a first frame (drawn from the half-pixel grid snap of the
    full detail), and only the level that frame wants; it says it is ready and the frame is drawn
    from it instead."""
    import time

    layer = _layer(document)
    ready = []
    engine.detail_ready.connect(ready.append)
    viewport = Viewport.fit(layer.data.bounds, 800, 600, margin=0.05)
    assert engine.hit_test(layer.id, *viewport.pixel_to_map(400, 300)) is not None  # the cache exists...
    time.sleep(0.3)
    assert ready == []  # ...but no level is built before a frame is drawn
    cache = engine.geometry(layer.id)
    everything = np.arange(len(cache.geometries))
    draft_paths = cache.paths(everything, viewport.resolution)
    draft = engine.render(viewport)
    assert engine.wait_for_detail(timeout=60)
    assert ready == [layer.id]
    level_paths = cache.paths(everything, viewport.resolution)
    assert cache.paths(everything, viewport.resolution)[0] is level_paths[0]  # kept, unlike the draft's
    assert draft_paths[0] is not cache.paths(everything, viewport.resolution)[0]
    detailed = engine.render(viewport)
    assert detailed != draft
    frame = layer.data.frame
    for index in (0, len(frame) // 2, len(frame) - 1):  # the draft shows the same map
        inside = _inside_pixel(viewport, frame.geometry.iloc[index])
        assert _pixel(draft, inside) == _pixel(detailed, inside) == FILL
    full = sum(path.elementCount() for path in painter_paths(cache.geometries))
    assert sum(path.elementCount() for path in draft_paths) < 0.75 * full  # vertices sharing a half-pixel cell merged


def test_a_level_of_detail_is_built_only_for_the_features_a_frame_showed(document, engine):
    layer = _layer(document)
    viewport = _commune_view(document, 0)
    cache = engine.geometry(layer.id)
    shown = cache.visible(viewport.extent)
    unseen = np.setdiff1d(np.arange(len(cache.geometries)), shown)
    assert len(shown) and len(unseen)
    engine.render(viewport)
    assert engine.wait_for_detail(timeout=60)
    # Built features' paths are kept (the same objects again); the others are drafts made afresh.
    assert cache.paths(shown, viewport.resolution)[0] is cache.paths(shown, viewport.resolution)[0]
    assert cache.paths(unseen, viewport.resolution)[0] is not cache.paths(unseen, viewport.resolution)[0]


def test_snapped_paths_thin_to_the_grid_and_keep_holes_and_small_parts():
    ring = [(x / 100, 0.0) for x in range(101)] + [(1.0, 1.0), (0.0, 1.0)]
    hole = [(0.4, 0.4), (0.6, 0.4), (0.6, 0.6), (0.4, 0.6)]
    islet = shapely.box(3.0, 3.0, 3.001, 3.001)  # smaller than a cell: still drawn, as a dot
    geometries = np.array([shapely.MultiPolygon([shapely.Polygon(ring, [hole]), islet]), shapely.box(5, 5, 6, 6)])
    draft, exact = snapped_paths(geometries, 0.1), painter_paths(geometries)
    assert draft[0].elementCount() < exact[0].elementCount() - 80  # the 100 vertices along y=0 thinned to ~10
    assert draft[1].elementCount() == exact[1].elementCount()  # one vertex per cell already
    assert draft[0].contains(QPointF(0.2, 0.2)) and not draft[0].contains(QPointF(0.5, 0.5))  # the hole stays
    drawn, full = draft[0].boundingRect(), exact[0].boundingRect()  # the islet kept, as a dot
    assert abs(drawn.right() - full.right()) < 0.1 and abs(drawn.bottom() - full.bottom()) < 0.1
    assert draft[0].elementAt(draft[0].elementCount() - 1).x == 3.001  # each ring's first and last vertex kept


def test_the_draft_is_thinned_in_blocks_of_vertices_whatever_their_size(document, monkeypatch):
    import gismap.core.outlines as outlines

    geometries = _layer(document).data.frame.geometry.values
    whole = snapped_paths(geometries, 0.002)
    vertices = shapely.get_num_coordinates(geometries)
    blocks = vertex_blocks(geometries, 5_000)
    assert [start for start, _ in blocks[1:]] == [stop for _, stop in blocks[:-1]]  # every feature, in order
    assert blocks[0][0] == 0 and blocks[-1][1] == len(geometries) and len(blocks) > 10
    # A block holds about the vertices asked for: over it only by its first feature.
    assert all(vertices[start + 1:stop].sum() <= 5_000 for start, stop in blocks)
    monkeypatch.setattr(outlines, "BLOCK_VERTICES", 5_000)
    in_blocks = snapped_paths(geometries, 0.002)
    assert [path.elementCount() for path in in_blocks] == [path.elementCount() for path in whole]
    assert all(a == b for a, b in zip(in_blocks, whole))


def test_rendering_in_a_worker_thread(document, engine):
    frame = _layer(document).data.frame
    viewport = _commune_view(document, 2)
    engine.render(viewport)  # asks for the view's level of detail
    assert engine.wait_for_detail(timeout=60)  # both frames from the settled level of detail
    results = []
    worker = threading.Thread(target=lambda: results.append(engine.render(viewport)))
    worker.start()
    worker.join(timeout=60)
    assert results and _pixel(results[0], _inside_pixel(viewport, frame.geometry.iloc[2])) == FILL
    assert results[0] == engine.render(viewport)


def test_cancelled_render_stops_early(document, engine):
    viewport = Viewport.fit(_layer(document).data.bounds, 400, 300)
    image = engine.render(viewport, cancelled=lambda: True)
    assert {_pixel(image, (x, y)) for x in range(0, 400, 20) for y in range(0, 300, 20)} == {BACKGROUND}


def test_a_layer_still_loading_is_left_out_of_the_window_frames_not_read_again(document, engine):
    arriving = document.add_layer(MapLayer("Cần Thơ", SHAPEFILES / "communes_92.parquet", style=Style(fill="#cc3333")))
    viewport = Viewport.fit((104.0, 8.0, 107.0, 21.0), 300, 400)
    without = engine.render(viewport, loaded_only=True)
    assert arriving.data is None  # the window's loader reads it, not the render thread
    with_it = engine.render(viewport)
    assert arriving.data is not None and with_it != without


def test_a_layer_asked_for_by_two_threads_is_read_once(monkeypatch):
    import gismap.core.document as document_module

    reads = []
    original = document_module.read_layer
    monkeypatch.setattr(document_module, "read_layer", lambda *a, **k: reads.append(1) or original(*a, **k))
    layer = MapLayer("Cần Thơ", SHAPEFILES / "communes_92.parquet")
    threads = [threading.Thread(target=layer.load) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(reads) == 1 and layer.data is not None


def test_a_layer_that_cannot_be_drawn_leaves_the_rest_of_the_map(qtbot):
    """A style column the layer's recipe no longer has: that layer is left out, and says why."""
    from gismap.core.paths import shapefiles_dir

    document = MapDocument()
    good = document.add_layer(MapLayer(name="Ninh Bình", source=shapefiles_dir() / "communes_37.parquet",
                                       style=Style(fill="#ff0000")))
    broken = document.add_layer(MapLayer(name="Thanh Hóa", source=shapefiles_dir() / "communes_38.parquet",
                                         style=Style(column="fiber_hamlet_pct")))
    document.load_all()
    engine = CanvasEngine(document)
    extent = tuple(min(a, b) if i < 2 else max(a, b) for i, (a, b) in
                   enumerate(zip(good.data.bounds, broken.data.bounds)))
    image = engine.render(Viewport.fit(extent, 400, 400))
    assert broken.id in engine.layer_errors and "fiber_hamlet_pct" in str(engine.layer_errors[broken.id])
    reds = sum(image.pixelColor(x, y).name() == "#ff0000" for x in range(0, 400, 4) for y in range(0, 400, 4))
    assert reds > 100  # the other layer is drawn
    document.restyle(broken, column=None)
    engine.render(Viewport.fit(extent, 400, 400))
    assert engine.layer_errors == {}


def test_a_canvas_deleted_while_drawing_drops_its_frame(qtbot, document):
    """A view closed mid-render (a window closed, a test torn down) takes no late frame or detail."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    from gismap.ui.map_canvas import MapCanvas
    from gismap.ui.tasks import background_idle

    canvas = MapCanvas(document)
    canvas.resize(400, 300)
    canvas.show()
    canvas.zoom_full()
    render_thread = canvas._rendering.executor.submit(threading.current_thread).result()  # before the frame
    canvas._start_render()
    assert not background_idle()  # the frame is on its way
    shiboken6.delete(canvas)
    assert not render_thread.is_alive()  # stopped with the widget: nothing draws on for a closed view
    qtbot.waitUntil(background_idle, timeout=30_000)
    QApplication.processEvents()  # the late result arrives here; pytest-qt fails the test on any error
    assert not shiboken6.isValid(canvas)


def test_a_frame_finished_before_shutdown_but_delivered_after_it_is_not_shown(qtbot, document):
    from PySide6.QtWidgets import QApplication

    from gismap.ui.map_canvas import MapCanvas

    canvas = MapCanvas(document)
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    canvas.show()
    canvas.zoom_full()
    canvas._start_render()
    canvas._rendering.executor.submit(lambda: None).result()  # the frame is done; its result not yet delivered
    shown = []
    canvas.frame_ready.connect(lambda: shown.append(1))
    canvas.shutdown()
    QApplication.processEvents()  # the finished frame's signal arrives here
    assert shown == []


def _loading_with_draft(document: MapDocument, layer: MapLayer):
    """Start loading ``layer`` on a thread that hands its draft to the document and waits, as the
    window's loader does, until told to go on; returns (the thread, the event that lets it go on)."""
    delivered, go_on = threading.Event(), threading.Event()

    def deliver(draft):
        document.show_draft(layer, draft)
        delivered.set()
        go_on.wait(30)

    loading = threading.Thread(target=layer.load, kwargs={"draft": DraftRequest(deliver)})
    loading.start()
    assert delivered.wait(60)
    return loading, go_on


def test_a_layer_still_loading_is_drawn_from_its_draft_as_it_is_once_loaded(qapp):
    document = MapDocument()
    changes = []
    document.layer_changed.connect(lambda layer, what: changes.append(set(what)))
    layer = document.add_layer(MapLayer("Xã", SHAPEFILES / "communes_vn_2025_overview.shp",
                                        style=Style(column="area_km2", outline=None)))
    loading, go_on = _loading_with_draft(document, layer)
    assert layer.data is None and layer.draft is not None and changes == [{"draft"}]
    viewport = Viewport.fit(document.full_extent(), 600, 800)
    engine = CanvasEngine(document, background=BACKGROUND)
    drafted = engine.render(viewport, loaded_only=True)
    go_on.set()
    loading.join(60)
    document.loaded(layer)
    assert layer.draft is None and changes == [{"draft"}, {"data"}]
    assert document.full_extent() == pytest.approx(layer.data.bounds, abs=viewport.resolution)
    loaded = engine.render(viewport, loaded_only=True)
    points = [(x, y) for x in range(0, 600, 7) for y in range(0, 800, 7)]
    coloured = [p for p in points if _pixel(loaded, p) != BACKGROUND]
    assert len({_pixel(loaded, p) for p in coloured}) >= 5  # a choropleth: its classes
    def near(p):
        a, b = drafted.pixelColor(*p), loaded.pixelColor(*p)
        return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 8

    assert sum(map(near, points)) > 0.99 * len(points)  # the same map: only antialiased edges differ
    engine.close()


def test_a_draft_waiting_for_a_recipe_is_outlined_only(qapp):
    from gismap.core.recipe import JoinStep

    document = MapDocument()
    layer = document.add_layer(MapLayer(
        "Xã", SHAPEFILES / "communes_vn_2025_overview.shp", style=Style(column="area_km2", outline="#000000"),
        recipe=[JoinStep(bundle_root() / "data/coverage/coverage_2025_by_code.csv")]))
    loading, go_on = _loading_with_draft(document, layer)
    viewport = Viewport.fit(document.full_extent(), 600, 800)
    engine = CanvasEngine(document, background=BACKGROUND)
    image = engine.render(viewport, loaded_only=True)
    go_on.set()
    loading.join(60)
    assert layer.data is not None and layer.join_report is not None  # the recipe ran once read
    colours = {_pixel(image, (x, y)) for x in range(0, 600, 5) for y in range(0, 800, 5)}
    assert colours - {BACKGROUND} and all(QColor(c).saturation() == 0 for c in colours)  # outlines, no fill
    engine.close()


def test_a_draft_that_arrives_after_its_layer_is_loaded_or_removed_is_dropped(document):
    layer = _layer(document)
    stale = LayerDraft(Outlines(np.zeros((4, 2)), np.zeros(4, dtype=np.intp), np.zeros(4, dtype=np.intp), 1),
                       pd.DataFrame())
    document.show_draft(layer, stale)  # queued behind the load on the GUI thread
    assert layer.draft is None
    gone = MapLayer("Cần Thơ", SHAPEFILES / "communes_92.parquet")
    document.show_draft(gone, stale)
    assert gone.draft is None


def test_the_first_frame_of_a_layer_just_loaded_draws_its_draft_paths_again(qapp):
    document = MapDocument()
    layer = document.add_layer(MapLayer("Xã", SHAPEFILES / "communes_vn_2025_overview.shp",
                                        style=Style(column="area_km2")))
    loading, go_on = _loading_with_draft(document, layer)
    engine = CanvasEngine(document, background=BACKGROUND)
    viewport = Viewport.fit(document.full_extent(), 500, 700)
    engine.render(viewport, loaded_only=True)
    drafted = list(engine._drafts[layer.id][2])  # the paths of the draft's frame
    go_on.set()
    loading.join(60)
    document.loaded(layer)
    engine.render(viewport, loaded_only=True)
    cache = engine.geometry(layer.id)
    everything = np.arange(len(layer.data.frame))
    assert all(a is b for a, b in zip(cache.paths(everything, viewport.resolution), drafted))  # no thinning again
    zoomed = Viewport.fit(layer.data.frame.geometry.values[0].bounds, 500, 700)
    assert not any(a is b for a, b in zip(cache.paths(np.arange(3), zoomed.resolution), drafted[:3]))
    assert engine.wait_for_detail(60)  # the level of the view built: its paths take over
    assert not any(a is b for a, b in zip(cache.paths(everything, viewport.resolution), drafted))
    engine.close()
