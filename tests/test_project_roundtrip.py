"""Projects are lossless: generated documents come back equal, and a project folder can move.

The round trips compare the documents themselves (layers, styles, recipes, paths, titles,
extent), not two serialisations of them.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gismap.core import project as projects
from gismap.core.document import MapDocument, MapLayer, Style, default_document
from gismap.core.paths import bundle_root, coverage_dir, shapefiles_dir
from gismap.core.recipe import JoinStep, SiteCountStep
from ui_helpers import copy_shapefile

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
names = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " -–0123456789()", min_size=1, max_size=24)
colours = st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
styles = st.builds(
    Style,
    column=st.none() | st.sampled_from(["fiber_hamlet_pct", "cov_5g_pct", "so_tram", "Số tổ CNSCĐ"]),
    scheme=st.sampled_from(["quantiles", "equal_interval", "natural_breaks", "std_mean", "pretty", "manual",
                            "categorical"]),
    k=st.integers(2, 9),
    breaks=st.none() | st.lists(finite, min_size=1, max_size=6).map(sorted),
    cmap=st.sampled_from(["YlGnBu", "OrRd", "viridis", "Blues"]),
    reverse=st.booleans(),
    fill=st.none() | colours,
    outline=st.none() | colours,
    outline_width=st.floats(0.05, 5.0),
    no_data=colours,
    label_column=st.none() | st.sampled_from(["name", "full_name"]),
)


def _file_paths(folder: Path):
    """Paths in the project folder, beside it, and in GISMap's embedded data."""
    inside = names.map(lambda n: folder / "dữ liệu" / f"{n}.csv")
    beside = names.map(lambda n: folder.parent / "chung" / f"{n}.xlsx")
    bundled = st.sampled_from([coverage_dir() / "coverage_2025_by_code.csv", coverage_dir() / "tram_5g_mau.csv",
                               coverage_dir() / "bao_cao_ha_tang_so_2025.xlsx"])
    return inside | beside | bundled


def _documents(folder: Path):
    paths = _file_paths(folder)
    joins = st.builds(
        JoinStep, table=paths, sheet=st.none() | names, province=st.none() | st.sampled_from(["37", "Ninh Bình"]),
        key=st.sampled_from(["auto", "code", "name"]),
        column_overrides=st.dictionaries(names, st.none() | st.sampled_from(["population", "cdt_teams"]), max_size=3),
        resolutions=st.dictionaries(st.integers(1, 5000), st.from_regex(r"[0-9]{5}", fullmatch=True), max_size=3))
    counts = st.builds(SiteCountStep, column=names, sites=paths, sheet=st.none() | names)
    sources = (st.sampled_from(sorted([*shapefiles_dir().glob("*.shp"), *shapefiles_dir().glob("*.parquet")]))
               | names.map(lambda n: folder / "ranh giới" / f"{n}.shp")
               | names.map(lambda n: folder.parent / f"{n}.gpkg"))
    layers = st.builds(MapLayer, name=names, source=sources, source_layer=st.none() | names,
                       visible=st.booleans(), opacity=st.floats(0.0, 1.0), style=styles,
                       recipe=st.lists(joins | counts, max_size=4))
    extents = st.none() | st.tuples(finite, finite, finite, finite)

    def document(title, subtitle, note, extent, layer_list):
        made = MapDocument(title=title, subtitle=subtitle, source_note=note)
        made.layers = layer_list
        made.extent = extent
        return made

    return st.builds(document, names, st.text(max_size=30), st.text(max_size=60), extents,
                     st.lists(layers, max_size=4))


_FOLDER = Path(tempfile.mkdtemp(prefix="gismap-roundtrip-")) / "dự án"


@settings(max_examples=60, deadline=None)
@given(_documents(_FOLDER))
def test_generated_documents_come_back_equal(document):
    path = projects.save_project(document, _FOLDER / "bản đồ.gismap")
    opened, _missing = projects.open_project(path)
    assert opened == document
    assert [layer.style for layer in opened.layers] == [layer.style for layer in document.layers]


@settings(max_examples=30, deadline=None)
@given(_documents(_FOLDER))
def test_autosaves_come_back_equal(document):
    opened, _missing = projects.open_project(projects.write_autosave(document, _FOLDER.parent / "autosave"))
    assert opened == document


def test_a_project_folder_moved_whole_opens_with_every_file(tmp_path):
    data = tmp_path / "before" / "dữ liệu"
    source = copy_shapefile("communes_37", data)
    for name in ("coverage_2025_by_code.csv", "tram_5g_mau.csv"):
        shutil.copy(coverage_dir() / name, data / name)
    document = MapDocument(title="Ninh Bình")
    layer = document.add_layer(MapLayer(name="Xã", source=source, style=Style(fill=None, column="so_tram"),
                                        recipe=[JoinStep(table=data / "coverage_2025_by_code.csv"),
                                                SiteCountStep(column="so_tram", sites=data / "tram_5g_mau.csv")]))
    layer.load()
    projects.save_project(document, tmp_path / "before" / "p.gismap")
    (tmp_path / "before").rename(tmp_path / "after")
    opened, missing = projects.open_project(tmp_path / "after" / "p.gismap")
    assert missing == []
    assert opened.layers[0].input_files() == [tmp_path / "after" / "dữ liệu" / name for name in
                                              ("communes_37.shp", "coverage_2025_by_code.csv", "tram_5g_mau.csv")]
    assert opened.layers[0].style.fill is None
    pd.testing.assert_frame_equal(pd.DataFrame(opened.layers[0].load().frame.drop(columns="geometry")),
                                  pd.DataFrame(layer.data.frame.drop(columns="geometry")))


def test_the_default_map_comes_back_whole(tmp_path):
    """The default map: outline-only provinces stay outlines, bundled tables are found, order is kept."""
    document = default_document()
    path = projects.save_project(document, tmp_path / "moved" / "mặc định.gismap")
    shutil.move(str(tmp_path / "moved"), str(tmp_path / "elsewhere"))
    opened, missing = projects.open_project(tmp_path / "elsewhere" / path.name)
    assert missing == []
    assert opened == document
    provinces = [layer for layer in opened.layers if layer.source.name.startswith("provinces")]
    assert provinces and all(layer.style.fill is None for layer in provinces)
    assert all(path.is_relative_to(bundle_root()) for layer in opened.layers for path in layer.input_files())


def test_format_1_projects_are_read(tmp_path):
    source = copy_shapefile("communes_37", tmp_path)
    shutil.copy(coverage_dir() / "tram_5g_mau.csv", tmp_path / "tram.csv")
    (tmp_path / "old.gismap").write_text(
        '{"format": "gismap-project", "version": 1, "document": {"title": "Cũ", "extent": null, "layers": ['
        '{"name": "Xã", "source": "communes_37.shp", "style": {"column": "fiber_hamlet_pct"},'
        ' "join": {"table": "<bundle>/data/coverage/coverage_2025_by_code.csv", "key": "code"},'
        ' "site_counts": [{"column": "so_tram", "sites": "tram.csv"}]}]}}', encoding="utf-8")
    opened, missing = projects.open_project(tmp_path / "old.gismap")
    assert missing == []
    assert opened.layers[0].recipe == [
        JoinStep(table=coverage_dir() / "coverage_2025_by_code.csv", key="code"),
        SiteCountStep(column="so_tram", sites=tmp_path / "tram.csv")]
    assert opened.layers[0].source == source
    frame = opened.layers[0].load().frame
    assert frame["fiber_hamlet_pct"].notna().all() and np.issubdtype(frame["so_tram"].dtype, np.integer)


def test_a_style_column_gone_after_a_recipe_change_is_reported_on_that_layer(qapp, tmp_path):
    from gismap.render import CanvasEngine, Viewport

    document = MapDocument()
    layer = document.add_layer(MapLayer(name="Xã", source=shapefiles_dir() / "communes_37.parquet",
                                        recipe=[JoinStep(table=coverage_dir() / "coverage_2025_by_code.csv")],
                                        style=Style(column="fiber_hamlet_pct")))
    layer.load()
    document.remove_step(layer, 0)
    assert "fiber_hamlet_pct" not in layer.data.frame and layer.base.frame is not layer.data.frame
    engine = CanvasEngine(document)
    engine.render(Viewport.fit(layer.data.bounds, 200, 200))
    assert "fiber_hamlet_pct" in str(engine.layer_errors[layer.id])


@pytest.mark.parametrize("bad", ['{"format": "gismap-project", "version": "2", "document": {}}',
                                 '{"format": "gismap-project", "version": 2, "document": {"layers": {}}}',
                                 '{"format": "gismap-project", "version": 2, "document": {"layers": [{"source": 3}]}}',
                                 '{"format": "gismap-project", "version": 2, "document": {"layers": [],'
                                 ' "extent": [1, 2]}}',
                                 '{"format": "gismap-project", "version": 2, "document": {"layers": [{"source": "x",'
                                 ' "recipe": [{"step": "magic"}]}]}}'])
def test_malformed_projects_get_a_message(tmp_path, bad):
    (tmp_path / "bad.gismap").write_text(bad, encoding="utf-8")
    with pytest.raises(projects.ProjectError, match="bad.gismap"):
        projects.open_project(tmp_path / "bad.gismap")


def test_the_default_map_saved_moved_and_reopened_looks_the_same_in_the_window(qtbot, tmp_path):
    """Save the default map from the window, move the folder, open it in a new window: same pixels."""
    from gismap.ui.main_window import MainWindow
    from ui_helpers import ScriptedDialogs

    def shown(document):
        window = MainWindow(document)
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        qtbot.waitExposed(window)
        document.load_all()
        window.canvas.zoom_to(document.extent, margin=0)
        window.canvas.engine.wait_for_detail(30)
        window.canvas.render_now()
        return window

    first = shown(default_document())
    before = first.canvas.grab().toImage()
    dialogs = ScriptedDialogs()
    dialogs.paths = [tmp_path / "before" / "bản đồ.gismap"]
    first.projects.dialogs = dialogs
    (tmp_path / "before").mkdir()
    first.projects.save_as_action.trigger()
    first.canvas.shutdown()
    shutil.move(str(tmp_path / "before"), str(tmp_path / "after"))
    opened, missing = projects.open_project(tmp_path / "after" / "bản đồ.gismap")
    assert missing == []
    second = shown(opened)
    assert second.canvas.grab().toImage() == before
    second.canvas.shutdown()
