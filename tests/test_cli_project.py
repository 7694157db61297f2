"""The command line speaks projects: init, render and export through the same document code as the window."""

from __future__ import annotations

import shutil

import geopandas as gpd
import pytest
from PySide6.QtGui import QImage

from gismap.cli import main
from gismap.core.project import open_project, save_project
from gismap.ui.export_dialogs import MapSnapshotDialog
from gismap.ui.i18n import current_language
from ui_helpers import export

CHOROPLETH_PROVINCES = {"31", "37", "38", "92"}


def test_init_move_and_render_draws_the_four_provinces_without_warning(tmp_path, capsys):
    assert main(["project", "init", str(tmp_path / "before" / "p.gismap")]) == 0
    shutil.move(str(tmp_path / "before"), str(tmp_path / "after"))
    capsys.readouterr()
    assert main(["render", str(tmp_path / "after" / "p.gismap"), "--out", str(tmp_path / "x.png"),
                 "--size", "800x500"]) == 0
    assert capsys.readouterr().err == ""
    image = QImage(str(tmp_path / "x.png"))
    assert (image.width(), image.height()) == (800, 500)
    document, missing = open_project(tmp_path / "after" / "p.gismap")
    assert missing == []
    styled = {layer.source.stem.removeprefix("communes_") for layer in document.layers if layer.style.column}
    assert styled == CHOROPLETH_PROVINCES


def test_a_province_project_keeps_that_province_only(tmp_path):
    assert main(["project", "init", str(tmp_path / "nb.gismap"), "--province", "Ninh Binh"]) == 0
    document, _ = open_project(tmp_path / "nb.gismap")
    styled = [layer for layer in document.layers if layer.style.column]
    assert [layer.source.name for layer in styled] == ["communes_37.parquet"]
    west, south, east, north = document.extent
    assert 105 < west < east < 107 and 19.5 < south < north < 21
    assert "Ninh Bình" in document.subtitle


def test_export_takes_a_named_layer_of_a_project(tmp_path):
    main(["project", "init", str(tmp_path / "p.gismap")])
    assert main(["export", str(tmp_path / "p.gismap"), "--layer", "Thanh Hóa – xã, phường",
                 "--out", str(tmp_path / "thanh_hoa.gpkg")]) == 0
    exported = gpd.read_file(tmp_path / "thanh_hoa.gpkg")
    assert len(exported) == 166 and exported["fiber_hamlet_pct"].notna().all()


@pytest.mark.parametrize("arguments, message", [
    (["--layer", "Không có"], "no layer 'Không có'"),
    (["--data", "x.csv"], "keeps its own joins"),
])
def test_wrong_project_arguments_get_a_message(tmp_path, capsys, arguments, message):
    main(["project", "init", str(tmp_path / "p.gismap")])
    assert main(["export", str(tmp_path / "p.gismap"), *arguments, "--out", str(tmp_path / "o.gpkg")]) == 2
    assert message in capsys.readouterr().err


def test_a_project_with_a_missing_file_names_it(tmp_path, capsys):
    from gismap.core.document import MapDocument, MapLayer
    from ui_helpers import copy_shapefile

    document = MapDocument()
    document.add_layer(MapLayer(name="Xã", source=copy_shapefile("communes_37", tmp_path / "data")))
    save_project(document, tmp_path / "p.gismap")
    shutil.rmtree(tmp_path / "data")
    assert main(["render", str(tmp_path / "p.gismap"), "--out", str(tmp_path / "x.png")]) == 2
    assert "communes_37.shp" in capsys.readouterr().err


def test_the_window_export_and_the_command_give_the_same_image(qtbot, tmp_path):
    main(["project", "init", str(tmp_path / "p.gismap"), "--province", "37"])
    document, _ = open_project(tmp_path / "p.gismap")
    document.load_all()
    dialog = MapSnapshotDialog(document)
    dialog.width_spin.setValue(700)
    dialog.height_spin.setValue(500)
    dialog.dpi_spin.setValue(100)
    window_png = export(qtbot, dialog, tmp_path / "window.png")
    assert main(["render", str(tmp_path / "p.gismap"), "--size", "700x500", "--dpi", "100",
                 "--lang", current_language(), "--out", str(tmp_path / "cli.png")]) == 0
    assert QImage(str(window_png)) == QImage(str(tmp_path / "cli.png"))


def test_a_column_given_for_a_project_keeps_the_rest_of_its_style(tmp_path, monkeypatch):
    import gismap.render.print as printing

    main(["project", "init", str(tmp_path / "p.gismap"), "--province", "37"])
    seen = []
    monkeypatch.setattr(printing, "render_print", lambda document, *a, **k: seen.append(document))
    assert main(["render", str(tmp_path / "p.gismap"), "--column", "cov_4g_pct", "--out", str(tmp_path / "x.png")]) == 0
    styled = [layer for layer in seen[0].layers if layer.style.column]
    assert [(layer.style.column, layer.style.scheme) for layer in styled] == [("cov_4g_pct", "manual")]
    assert styled[0].style.breaks != [80.0, 90.0, 95.0, 99.9, 100.0]  # breaks suited to the new indicator
    assert seen[0].extent == open_project(tmp_path / "p.gismap")[0].extent
