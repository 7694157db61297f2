"""Site lists (CSV/XLSX with longitude and latitude) as point layers: reading, drawing, picking, exports."""

from __future__ import annotations

from pathlib import Path

import re

import geopandas as gpd
import numpy as np
import openpyxl
import pytest
import shapely
from PySide6.QtGui import QColor

from gismap.cli import main

from gismap.core.document import SITE_STYLE, MapDocument, MapLayer
from gismap.core.errors import LayerError
from gismap.core.export import export_layer
from gismap.core.layers import read_layer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.sites import count_sites, read_sites
from gismap.core.tables import read_table
from gismap.render import CanvasEngine, Viewport
from gismap.render.output import render_map
from gismap.render.print import compose

# Two sites in Ninh Bình (Phủ Lý, Hoa Lư), one row without coordinates.
SITES_CSV = """DANH SÁCH TRẠM 5G (số liệu thử)
Mã trạm;Tên trạm;Kinh độ;Vĩ độ;Băng tần
NBH001;Phủ Lý 1;105,9123;20,5412;n78
NBH002;Trạm <script>alert(1)</script>;105,91;20,25;n78
NBH003;Chưa đo;;;n41
"""


@pytest.fixture
def sites_csv(tmp_path):
    path = tmp_path / "tram_5g.csv"
    path.write_text(SITES_CSV, encoding="utf-8")
    return path


def test_a_site_list_reads_as_points_with_its_attributes(sites_csv):
    layer = read_layer(sites_csv)
    assert layer.geometry_type == "Point" and layer.frame.crs.to_epsg() == 4326
    np.testing.assert_allclose(np.c_[layer.frame.geometry.x, layer.frame.geometry.y],
                               [[105.9123, 20.5412], [105.91, 20.25]])
    assert layer.frame["Tên trạm"].tolist() == ["Phủ Lý 1", "Trạm <script>alert(1)</script>"]
    assert layer.frame["row"].tolist() == [3, 4]  # spreadsheet rows, to find them again
    assert layer.warnings == ["row 5 has no usable coordinates and was left out"]


def test_columns_given_the_other_way_round_are_swapped_with_a_note(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Trạm"
    sheet.append(["Tên trạm", "Longitude", "Latitude"])
    sheet.append(["Cần Thơ 1", 10.03, 105.78])  # latitude first, as some lists have it
    sheet.append(["Cần Thơ 2", 10.05, 105.75])
    workbook.save(tmp_path / "sites.xlsx")
    layer = read_layer(tmp_path / "sites.xlsx", layer="Trạm")
    assert layer.frame.geometry.x.tolist() == [105.78, 105.75]
    assert layer.warnings == ["'Longitude' holds latitudes and 'Latitude' longitudes: read the other way round"]


def test_projected_coordinates_and_tables_without_coordinates_say_what_to_do(tmp_path):
    (tmp_path / "vn2000.csv").write_text("Tên trạm,X,Y\nA,588123.4,2270456.1\n", encoding="utf-8")
    with pytest.raises(LayerError, match="are metres .*VN-2000.* not degrees"):
        read_layer(tmp_path / "vn2000.csv")
    with pytest.raises(LayerError, match="not a site list.*Join Table"):
        read_layer(coverage_dir() / "coverage_2025_by_code.csv")
    with pytest.raises(LayerError, match="expected commune polygons"):
        read_layer(tmp_path / "vn2000.csv", expect_polygons=True)


def _map_with_sites(sites_csv) -> tuple[MapDocument, MapLayer]:
    document = MapDocument(title="Trạm 5G")
    document.add_layer(MapLayer("Ninh Bình", shapefiles_dir() / "communes_37.parquet"))
    sites = document.add_layer(MapLayer("Trạm", sites_csv))
    document.load_all()
    return document, sites


def test_overlapping_markers_are_all_filled_not_cancelled(qapp, tmp_path):
    """Two sites closer than a marker: where their circles overlap is marker colour, not a hole."""
    path = tmp_path / "gan_nhau.csv"
    path.write_text("Mã trạm;Kinh độ;Vĩ độ\nA;105,9000;20,5000\nB;105,9002;20,5000\nC;105,9300;20,5000\n",
                    encoding="utf-8")
    viewport = Viewport.fit((105.88, 20.48, 105.95, 20.52), 700, 400)
    image = _sites_alone(path, viewport)
    x, y = viewport.map_to_pixel(105.9001, 20.5)  # between A and B, inside both circles
    assert image.pixelColor(round(float(x)), round(float(y))) == QColor(SITE_STYLE.fill)


def _sites_alone(path: Path, viewport: Viewport):
    """The canvas frame of a site list alone on white."""
    document = MapDocument()
    document.add_layer(MapLayer("Trạm", path))
    document.load_all()
    engine = CanvasEngine(document, background="#ffffff")
    try:
        return engine.render(viewport)
    finally:
        engine.close()


def test_sites_are_drawn_as_markers_and_picked_near_the_cursor(qapp, sites_csv):
    document, sites = _map_with_sites(sites_csv)
    assert sites.style == SITE_STYLE  # markers, not the pale area fill
    engine = CanvasEngine(document)
    try:
        viewport = Viewport.fit((105.7, 20.1, 106.2, 20.8), 500, 600)
        image = engine.render(viewport)
        x, y = viewport.map_to_pixel(105.9123, 20.5412)
        assert image.pixelColor(round(float(x)), round(float(y))) == QColor(SITE_STYLE.fill)
        three_pixels = 3 * viewport.resolution
        assert engine.hit_test(sites.id, 105.9123 + three_pixels, 20.5412, tolerance=6 * viewport.resolution) == 0
        assert engine.hit_test(sites.id, 105.9123 + 10 * three_pixels, 20.5412,
                               tolerance=6 * viewport.resolution) is None
    finally:
        engine.close()


def test_sites_in_html_print_and_layer_exports(qapp, sites_csv, tmp_path):
    document, sites = _map_with_sites(sites_csv)
    render_map(document, tmp_path / "map.html")
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "new L.CircleMarker(latlng" in page  # sites as circle markers
    assert "Phủ Lý 1" in page and "<script>alert(1)" not in page and "tram_5g.csv" in page
    legend = re.search(r'<div class="gismap-box gismap-legend">.*?</div></div>', page).group()
    assert 'class="site"' in legend and "Trạm <span" in legend and "(2 " in legend
    figure, _ = compose(document)
    assert [text.get_text() for text in figure.legends[0].get_texts()] == ["Trạm  (2)"]
    render_map(document, tmp_path / "map.pdf")
    assert (tmp_path / "map.pdf").stat().st_size > 0
    [written] = export_layer(sites.data.frame, tmp_path / "tram.gpkg", inputs=(sites.source,))
    back = gpd.read_file(written)
    assert back["Tên trạm"].tolist() == sites.data.frame["Tên trạm"].tolist()
    assert back.geometry.geom_equals(sites.data.frame.geometry).all()


# -- sites counted per commune -----------------------------------------------------------------

def test_sites_are_counted_once_per_commune_even_on_a_shared_border():
    communes = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)], crs=4326)
    sites = gpd.GeoDataFrame(geometry=gpd.points_from_xy([0.5, 0.6, 1.0, 1.5, 5.0], [0.5, 0.5, 0.5, 0.5, 5.0]),
                             crs=4326)
    assert count_sites(communes, sites).tolist() == [3, 1]  # the border site once; the far one nowhere


def test_a_count_is_a_column_of_the_layer_kept_in_projects(tmp_path):
    sample = coverage_dir() / "tram_5g_mau.csv"
    document = MapDocument()
    layer = document.add_layer(MapLayer("Ninh Bình", shapefiles_dir() / "communes_37.parquet"))
    layer.load()
    document.count_sites(layer, "so_tram_5g", MapLayer("Trạm 5G", sample))
    table = read_table(coverage_dir() / "coverage_2025_by_code.csv").frame.set_index("Mã xã")["Số trạm 5G"]
    counted = layer.data.frame.set_index("code")["so_tram_5g"]
    assert counted.to_dict() == table.reindex(counted.index).to_dict()  # the sample's sites are in their communes
    reopened = MapLayer.from_dict(layer.to_dict(), Path)
    assert reopened.definition() == layer.definition()
    np.testing.assert_array_equal(reopened.load().frame["so_tram_5g"], layer.data.frame["so_tram_5g"])


def test_cli_counts_sites_into_a_column_it_can_style_and_export(tmp_path, capsys):
    sample = str(coverage_dir() / "tram_5g_mau.csv")
    layer = str(shapefiles_dir() / "communes_92.parquet")
    out = str(tmp_path / "c.gpkg")
    assert main(["export", layer, "--sites", sample, "--count-sites", "so_tram", "--out", out]) == 0
    exported = gpd.read_file(tmp_path / "c.gpkg")
    assert exported["so_tram"].sum() == (read_layer(sample).frame["Tỉnh"] == "Cần Thơ").sum()
    assert main(["render", layer, "--sites", sample, "--count-sites", "so_tram", "--column", "so_tram",
                 "--out", str(tmp_path / "c.png")]) == 0
    assert main(["render", layer, "--count-sites", "so_tram", "--column", "so_tram",
                 "--out", str(tmp_path / "x.png")]) == 2
    assert "--count-sites needs --sites" in capsys.readouterr().err


def test_the_window_counts_sites_and_colours_the_communes(qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from gismap.ui.main_window import MainWindow

    document = MapDocument()
    communes = document.add_layer(MapLayer("Ninh Bình", shapefiles_dir() / "communes_37.parquet"))
    sites = document.add_layer(MapLayer("Trạm 5G", coverage_dir() / "tram_5g_mau.csv"))
    document.load_all()
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.layer_panel.select_layer(sites)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("so_tram_5g", True))
    window.ask_count_sites()  # sites: the current layer; communes: the only polygon layer
    assert communes.style.column == "so_tram_5g" and communes.style.scheme == "natural_breaks"
    inside = sites.data.frame.geometry.within(communes.data.frame.geometry.union_all()).sum()
    assert communes.data.frame["so_tram_5g"].sum() == inside > 100
    assert window.layer_panel.current_layer() is communes
    assert str(inside) in window.statusBar().currentMessage()


def test_a_printed_map_shows_and_counts_only_the_sites_on_its_page(qapp):
    document = MapDocument()
    ninh_binh = document.add_layer(MapLayer("Ninh Bình", shapefiles_dir() / "communes_37.parquet"))
    sites = document.add_layer(MapLayer("Trạm 5G", coverage_dir() / "tram_5g_mau.csv"))
    document.load_all()
    west, south, east, north = ninh_binh.data.bounds
    document.set_extent((west, south, east, north))
    on_page = sites.data.frame.cx[west:east, south:north]
    assert 0 < len(on_page) < len(sites.data.frame)  # the list covers four provinces
    figure, _ = compose(document)
    assert [text.get_text() for text in figure.legends[0].get_texts()] == [f"Trạm 5G  ({len(on_page)})"]
    markers = [line for line in figure.axes[0].lines if line.get_marker() == "o" and line.get_zorder() == 3]
    assert sum(len(line.get_xdata()) for line in markers) == len(on_page)


def test_a_count_from_a_workbook_s_second_sheet_is_redone_from_that_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Ghi chú"
    workbook.active.append(["Số liệu thử, không có tọa độ"])
    sheet = workbook.create_sheet("Trạm")
    sheet.append(["Tên trạm", "Kinh độ", "Vĩ độ"])
    sheet.append(["Phủ Lý 1", 105.9123, 20.5412])
    workbook.save(tmp_path / "tram.xlsx")
    document = MapDocument()
    layer = document.add_layer(MapLayer("Ninh Bình", shapefiles_dir() / "communes_37.parquet"))
    layer.load()
    document.count_sites(layer, "so_tram", MapLayer("Trạm", tmp_path / "tram.xlsx", source_layer="Trạm"))
    reopened = MapLayer.from_dict(layer.to_dict(), Path)
    assert reopened.load().frame["so_tram"].sum() == layer.data.frame["so_tram"].sum() == 1


def test_coordinates_in_degrees_minutes_and_seconds_are_converted(tmp_path):
    from gismap.core.sites import dms_degrees

    assert dms_degrees("105°12′30″") == pytest.approx(105 + 12 / 60 + 30 / 3600)
    assert dms_degrees("20°32'15.6\"N") == pytest.approx(20 + 32 / 60 + 15.6 / 3600)
    assert dms_degrees("106° 05′ 12″ Đ") == pytest.approx(106 + 5 / 60 + 12 / 3600)
    assert dms_degrees("10°5'S") == pytest.approx(-(10 + 5 / 60))
    assert dms_degrees("105°75'") is None and dms_degrees("105.5") is None and dms_degrees("Phủ Lý") is None
    (tmp_path / "dms.csv").write_text(
        "Tên trạm;Kinh độ;Vĩ độ\n"
        "Phủ Lý 1;105°55′25.2″;20°32′28.8″\n"
        "Phủ Lý 2;105 54 59;20 30 47\n"
        "Phủ Lý 3;105,9164;20,5130\n", encoding="utf-8")
    frame, notes, _ = read_sites(tmp_path / "dms.csv")
    assert len(frame) == 3
    np.testing.assert_allclose(frame.geometry.x, [105 + 55 / 60 + 25.2 / 3600, 105 + 54 / 60 + 59 / 3600, 105.9164])
    np.testing.assert_allclose(frame.geometry.y, [20 + 32 / 60 + 28.8 / 3600, 20 + 30 / 60 + 47 / 3600, 20.5130])
    assert any("degrees, minutes and seconds" in str(note) for note in notes)


# -- many sites: markers stamped one over another, the list read column by column -------------------

def test_ten_thousand_sites_look_like_markers_drawn_one_by_one(qapp, tmp_path):
    """Each marker over the ones before it: the same picture as drawing every circle in turn
    (where one odd-even path of circles left a dense cluster almost white)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QBrush, QImage, QPainter, QPen

    from gismap.core.document import SITE_MARKER_RADIUS

    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(105.80, 106.00, 10_000), rng.uniform(20.40, 20.55, 10_000)
    lon[:5_000], lat[:5_000] = rng.normal(105.9, 0.004, 5_000), rng.normal(20.47, 0.003, 5_000)  # a dense cluster
    path = tmp_path / "tram.csv"
    path.write_text("Mã trạm;Kinh độ;Vĩ độ\n" + "".join(
        f"T{i};{x:.6f};{y:.6f}\n".replace(".", ",") for i, (x, y) in enumerate(zip(lon, lat))), encoding="utf-8")
    viewport = Viewport.fit((105.78, 20.38, 106.02, 20.57), 600, 480)
    image = _sites_alone(path, viewport)

    reference = QImage(600, 480, QImage.Format.Format_ARGB32_Premultiplied)
    reference.fill(QColor("#ffffff"))
    painter = QPainter(reference)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(SITE_STYLE.outline), SITE_STYLE.outline_width)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor(SITE_STYLE.fill)))
    xs, ys = viewport.map_to_pixel(lon, lat)
    for x, y in zip(np.floor(xs) + 0.5, np.floor(ys) + 0.5):  # markers sit on pixel centres
        painter.drawEllipse(QPointF(x, y), SITE_MARKER_RADIUS, SITE_MARKER_RADIUS)
    painter.end()

    def pixels(picture: QImage) -> np.ndarray:
        return np.frombuffer(picture.constBits(), np.uint8).reshape(480, 600, 4)[:, :, :3].astype(int)

    ours, theirs = pixels(image), pixels(reference)
    assert (np.abs(ours - theirs).max(axis=2) <= 48).mean() > 0.99
    cluster_x, cluster_y = viewport.map_to_pixel(105.9, 20.47)
    core = ours[int(cluster_y) - 5:int(cluster_y) + 5, int(cluster_x) - 5:int(cluster_x) + 5]
    fill = QColor(SITE_STYLE.fill)
    # Marker fill between the white rings (BGRA bytes), not the holes of an odd-even fill.
    assert (np.abs(core - [fill.blue(), fill.green(), fill.red()]).max(axis=2) <= 48).mean() > 0.3


HOSTILE_SITE_ROWS = [
    "Mã xã;Tên trạm;Kinh độ;Vĩ độ;Công suất",
    "1234;Phủ Lý 1;105,9123;20,5412;1.234,5",
    '01235;"Trạm ""A""; có dấu chấm phẩy";\u00a0105,91 ;20,25\u00a0;98,5%',
    "1236;Chưa đo;;;-",
    "1237;Trạm DMS;105°55′25.2″;20°32′28.8″;x",
    "1238;Trạm DMS 2;105 54 59;20 30 47 N;",
    "1239;=HYPERLINK(\"http://x\");inf;20,5;1e308",
    "1240;<script>alert(1)</script>;105,9;1e999;n/a",
    "1241;Ngoài khơi;150,1;-45,2;7",
    "1242;  ;105,95;20,45;  12 ",
]


def _hostile_site_csv(path: Path) -> Path:
    filler = [f"{1300 + i};Trạm {i};105,{9000 + i};20,{4000 + i};{i},5" for i in range(40)]
    path.write_text("DANH SÁCH TRẠM (thử)\n" + "\n".join(HOSTILE_SITE_ROWS + filler)
                    + "\nTổng cộng;;;;1.000\nNguồn: số liệu thử\n\n", encoding="utf-8")
    return path


def _comparable(frame: gpd.GeoDataFrame) -> list:
    attributes = frame.drop(columns="geometry").astype(object)
    return [attributes.where(attributes.notna(), None).to_dict("list"), frame.geometry.x.tolist(),
            frame.geometry.y.tolist()]


@pytest.mark.parametrize("blank_lines", ["", "\n\n"])
def test_the_column_wise_reading_gives_the_frame_and_notes_of_the_cell_by_cell_one(tmp_path, monkeypatch, blank_lines):
    from gismap.core import sites
    from gismap.core.tables import read_plain_csv

    path = _hostile_site_csv(tmp_path / "hostile.csv")
    path.write_text(path.read_text(encoding="utf-8").replace("\n1330;", f"\n{blank_lines}1330;"), encoding="utf-8")
    assert read_plain_csv(path) is not None  # the column-wise reading applies
    fast = read_sites(path)
    monkeypatch.setattr(sites, "read_plain_csv", lambda path: None)
    slow = read_sites(path)
    assert _comparable(fast[0]) == _comparable(slow[0])
    assert [str(note) for note in fast[1]] == [str(note) for note in slow[1]]
    assert fast[2] == slow[2] == "UTF-8"
    notes = " | ".join(map(str, fast[1]))
    assert "degrees, minutes and seconds" in notes and "without usable coordinates" in notes \
        and "outside Vietnam" in notes
    assert fast[0]["Mã xã"].tolist()[:2] == ["01234", "01235"]
    assert "Tổng cộng" not in fast[0]["Mã xã"].tolist()  # the total row is set aside, as before


def test_files_the_column_wise_reading_cannot_take_are_read_cell_by_cell(tmp_path):
    from gismap.core.tables import read_plain_csv

    ragged = _hostile_site_csv(tmp_path / "ragged.csv")
    ragged.write_text(ragged.read_text(encoding="utf-8").replace("\n1320;", "\n1400;Thừa cột;105,9;20,5;1;2\n1320;"),
                      encoding="utf-8")
    legacy = tmp_path / "tcvn3.csv"  # "Hà Nội" typed in .VnTime, read as Windows text
    legacy.write_text(_hostile_site_csv(tmp_path / "l.csv").read_text(encoding="utf-8").replace("Trạm 35", "Hµ Néi"),
                      encoding="utf-8")
    cp1258 = tmp_path / "cp1258.csv"
    cp1258.write_bytes(_hostile_site_csv(tmp_path / "c.csv").read_text(encoding="utf-8").replace("°", "d").replace(
        "′", "'").replace("″", '"').replace("\u00a0", " ").encode("cp1258", errors="replace"))
    for path in (ragged, legacy, cp1258):
        assert read_plain_csv(path) is None, path.name
    frame, notes, encoding = read_sites(legacy)
    assert "Hà Nội" in frame["Tên trạm"].tolist() and "TCVN3" in encoding
    assert len(read_sites(ragged)[0]) == len(read_sites(_hostile_site_csv(tmp_path / "plain.csv"))[0]) + 1
