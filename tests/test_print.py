"""Print exports: scale bar truth, pixels where the data is, SVG/PDF, source line, and `gismap render`."""

from __future__ import annotations

import datetime as dt
import io
import os
import warnings

import numpy as np
import pytest
import shapely
from matplotlib.image import imread
from pyproj import Geod
from shapely.ops import polylabel

from gismap.cli import main
from gismap.core.classify import classify
from gismap.core.document import SITE_STYLE, MapDocument, MapLayer, Style
from gismap.core.paths import BOUNDARY_ATTRIBUTION, coverage_dir, shapefiles_dir
import gismap.render.print as print_module
from gismap.render.print import compose, feature_paths, render_print

SIZE, DPI = (800, 500), 100
GEOD = Geod(ellps="WGS84")


def province_document(code: str, style: Style, title: str = "Phủ sóng 5G – Cần Thơ") -> MapDocument:
    document = MapDocument(title=title, subtitle="Diện tích xã, phường")
    document.add_layer(MapLayer(name=f"communes_{code}", source=shapefiles_dir() / f"communes_{code}.parquet", style=style))
    return document


def rendered(document: MapDocument):
    """The page as an (h, w, 3) uint8 array, and the map axes."""
    figure, _ = compose(document, SIZE, DPI)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    buffer.seek(0)
    return (imread(buffer)[:, :, :3] * 255).round().astype(np.uint8), figure.axes[0]


def pixel_of(ax, lon: float, lat: float) -> tuple[int, int]:
    """(row, column) of a map point in the saved PNG."""
    x, y = ax.transData.transform((lon, lat))
    return int(SIZE[1] - y), int(x)


def interior_point(geometry) -> tuple[float, float]:
    largest = max(shapely.get_parts(geometry), key=lambda part: part.area)
    point = polylabel(largest, tolerance=1e-4)
    return point.x, point.y


@pytest.mark.parametrize("code", ["92", "31"])  # Cần Thơ ~10°N, Hải Phòng ~21°N
def test_scale_bar_true_within_two_percent(code):
    figure, bar = compose(province_document(code, Style()), SIZE, DPI)
    ax = figure.axes[0]
    line = next(artist for artist in ax.lines if artist.get_gid() == "scale-bar")
    (x0, _), (x1, _) = ax.transData.transform(np.column_stack(line.get_data()))
    metres_per_pixel_claimed = bar.length_m / (x1 - x0)
    # Ground truth at the map's centre: one pixel east and one pixel north, measured on the ellipsoid.
    centre = ax.transData.transform(((ax.get_xlim()[0] + ax.get_xlim()[1]) / 2, bar.latitude))
    lon0, lat0 = ax.transData.inverted().transform(centre)
    lon_e, lat_e = ax.transData.inverted().transform(centre + (100, 0))
    lon_n, lat_n = ax.transData.inverted().transform(centre + (0, 100))
    east = GEOD.inv(lon0, lat0, lon_e, lat_e)[2] / 100
    north = GEOD.inv(lon0, lat0, lon_n, lat_n)[2] / 100
    assert abs(metres_per_pixel_claimed / east - 1) < 0.02
    assert abs(metres_per_pixel_claimed / north - 1) < 0.02
    assert 9 < bar.latitude < 11 if code == "92" else 20 < bar.latitude < 22


def test_known_commune_filled_with_its_class_colour():
    style = Style(column="area_km2", scheme="quantiles", k=5)
    document = province_document("92", style)
    image, ax = rendered(document)
    frame = document.layers[0].data.frame
    colours = classify(frame, style).feature_colors()
    for code in ("31120", "31135"):  # Cái Khế, Ninh Kiều
        row = int(np.flatnonzero(frame["code"].to_numpy() == code)[0])
        r, c = pixel_of(ax, *interior_point(frame.geometry.iloc[row]))
        assert np.abs(image[r, c].astype(int) - colours[row, :3]).max() <= 2, code


def test_image_changes_only_where_the_data_changes():
    style = Style(column="area_km2", scheme="manual", breaks=[20, 50, 100])
    document = province_document("92", style)
    before, ax = rendered(document)
    frame = document.layers[0].data.frame
    row = int(np.flatnonzero(frame["code"].to_numpy() == "31120")[0])
    assert frame.loc[row, "area_km2"] < 20
    frame.loc[row, "area_km2"] = 500.0  # from the first class to the last
    after, ax = rendered(document)
    changed = np.any(before != after, axis=2)
    r, c = pixel_of(ax, *interior_point(frame.geometry.iloc[row]))
    assert changed[r, c]
    # Inside the map, nothing changed outside the commune's box (a pixel of anti-aliasing aside).
    x_min, y_min, x_max, y_max = frame.geometry.iloc[row].bounds
    top, left = pixel_of(ax, x_min, y_max)
    bottom, right = pixel_of(ax, x_max, y_min)
    map_box = ax.get_window_extent()
    inside_map = np.zeros_like(changed)
    inside_map[int(SIZE[1] - map_box.y1):int(SIZE[1] - map_box.y0), int(map_box.x0):int(map_box.x1)] = True
    inside_map[top - 2:bottom + 3, left - 2:right + 3] = False
    assert not changed[inside_map].any()


def test_svg_and_pdf_written_with_vietnamese_text(tmp_path):
    document = province_document("92", Style(column="area_km2"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would warn
        render_print(document, tmp_path / "map.svg", SIZE, DPI)
        render_print(document, tmp_path / "map.pdf", SIZE, DPI)
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and svg.rstrip().endswith("</svg>")
    assert "Phủ sóng 5G – Cần Thơ" in svg and "Diện tích xã, phường" in svg
    pdf = (tmp_path / "map.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"DejaVuSans" in pdf  # the font with the Vietnamese glyphs is embedded


def test_source_line_has_attribution_data_and_date():
    document = province_document("92", Style(column="area_km2"))
    figure, _ = compose(document, SIZE, DPI, language="en", date=dt.date(2025, 7, 1))
    line = figure.texts[-1].get_text()
    assert BOUNDARY_ATTRIBUTION in line and "communes_92.parquet" in line and "2025-07-01" in line


def test_cli_render_png(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["render", str(shapefiles_dir() / "communes_92.parquet"), "--column", "area_km2", "--scheme",
                 "natural_breaks", "--k", "4", "--size", "640x400", "--dpi", "80", "--out", str(out)]) == 0
    assert imread(out).shape[:2] == (400, 640)


def test_cli_render_png_loads_neither_scipy_nor_scikit_learn(tmp_path):
    """Classes are computed with numpy: a command line render does not pay for mapclassify's imports,
    and writes the same page as in process."""
    import subprocess
    import sys

    args = ["render", str(shapefiles_dir() / "communes_92.parquet"), "--column", "area_km2", "--size", "640x400",
            "--dpi", "80"]
    code = (f"import sys; sys.argv[1:] = {args + ['--out', str(tmp_path / 'alone.png')]!r}\n"
            "from gismap.cli import main\n"
            "assert main(sys.argv[1:]) == 0\n"
            "print(sorted(m for m in ('mapclassify', 'scipy', 'sklearn') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.splitlines()[-1] == "[]"
    assert main(args + ["--out", str(tmp_path / "here.png")]) == 0
    np.testing.assert_array_equal(imread(tmp_path / "alone.png"), imread(tmp_path / "here.png"))


def test_cli_render_with_data_summarises_the_join(tmp_path, capsys):
    out = tmp_path / "map.pdf"
    code = main(["render", str(shapefiles_dir() / "communes_37.parquet"), "--data",
                 str(coverage_dir() / "coverage_2025_by_code.csv"), "--column", "cov_5g_pct",
                 "--cmap", "YlGnBu_r", "--title", "Tỷ lệ phủ sóng 5G", "--out", str(out)])
    assert code == 0 and out.read_bytes().startswith(b"%PDF-")
    assert "129 rows matched" in capsys.readouterr().err


def test_cli_render_draws_a_site_list_on_the_layer_s_page(tmp_path, capsys):
    plain, with_sites = tmp_path / "plain.png", tmp_path / "sites.png"
    args = ["render", str(shapefiles_dir() / "communes_37.parquet"), "--column", "area_km2", "--size", "640x400",
            "--dpi", "80"]
    assert main([*args, "--out", str(plain)]) == 0
    assert main([*args, "--sites", str(coverage_dir() / "tram_5g_mau.csv"), "--out", str(with_sites)]) == 0
    lines = (coverage_dir() / "tram_5g_mau.csv").read_text(encoding="utf-8-sig").splitlines()
    blank = next(n for n, line in enumerate(lines, 1) if ";;" in line)  # the sample's site without coordinates
    assert f"tram_5g_mau.csv: row {blank} has no usable coordinates" in capsys.readouterr().err
    site_colour = np.array([int(SITE_STYLE.fill[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    marked = lambda image: (np.abs(image[:, :, :3] - site_colour).max(axis=2) < 0.02).sum()  # noqa: E731
    assert marked(imread(plain)) == 0 and marked(imread(with_sites)) > 100
    # The page stays Ninh Bình's (the list covers four provinces): the communes are drawn where they were.
    communes = (np.abs(imread(plain)[:, :, :3] - imread(with_sites)[:, :, :3]).max(axis=2) < 0.02).mean()
    assert communes > 0.9


def test_cli_render_unknown_column(tmp_path, capsys):
    code = main(["render", str(shapefiles_dir() / "communes_92.parquet"), "--column", "pop",
                 "--out", str(tmp_path / "map.png")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err
    assert err == "gismap render: communes_92.parquet: no column 'pop' in the layer; numeric columns are: area_km2"
    assert not (tmp_path / "map.png").exists()


def test_cli_render_lang_chooses_the_language_of_the_page(tmp_path, monkeypatch):
    import gismap.render.output as output

    seen = {}
    real_render_map = output.render_map

    def recording_render_map(document, out_path, **options):
        seen.update(options)
        return real_render_map(document, out_path, **options)

    monkeypatch.setattr(output, "render_map", recording_render_map)
    out = tmp_path / "map.png"
    assert main(["render", str(shapefiles_dir() / "communes_92.parquet"), "--column", "area_km2",
                 "--size", "640x400", "--dpi", "80", "--lang", "en", "--out", str(out)]) == 0
    assert seen["language"] == "en" and imread(out).shape[:2] == (400, 640)


def test_cli_render_joins_the_chosen_sheet_of_an_excel_report(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["render", str(shapefiles_dir() / "communes_38.parquet"), "--data",
                 str(coverage_dir() / "bao_cao_ha_tang_so_2025.xlsx"), "--sheet", "Thanh Hóa",
                 "--column", "bts_5g_per_10k_pop", "--size", "640x400", "--dpi", "80", "--out", str(out)]) == 0
    assert "166 rows matched (166 by name)" in capsys.readouterr().err


def test_thinning_in_blocks_draws_the_same_paths(monkeypatch):
    import gismap.core.outlines as outlines

    frame = MapLayer(name="31", source=shapefiles_dir() / "communes_31.parquet").load().frame
    geometry = frame.geometry.values
    whole = feature_paths(geometry, 0.001)
    monkeypatch.setattr(outlines, "BLOCK_VERTICES", 2_000)  # blocks of a few features, edges inside multipolygon runs
    blocks = feature_paths(geometry, 0.001)
    assert len(print_module.vertex_blocks(geometry, 2_000)) > 20
    assert len(blocks) == len(whole) == len(frame)
    for a, b in zip(whole, blocks):
        np.testing.assert_array_equal(a.vertices, b.vertices)
        np.testing.assert_array_equal(a.codes, b.codes)
    kept = sum(len(p.vertices) for p in whole)
    assert 0 < kept < shapely.get_num_coordinates(geometry).sum()  # thinned, not emptied


def test_thinned_paths_keep_holes_open_and_drop_sub_pixel_islands():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure

    # Both rings clockwise, as files often have them: non-zero filling needs them opposite.
    exterior = [(105, 20), (105, 21), (106, 21), (106, 20)]
    hole = [(105.4, 20.4), (105.4, 20.6), (105.6, 20.6), (105.6, 20.4)]
    polygon = shapely.Polygon(exterior, [hole])
    islet = shapely.Polygon([(107, 20), (107.0001, 20), (107.0001, 20.0001)])
    [with_hole, speck] = feature_paths(np.array([polygon, shapely.MultiPolygon([islet])]), 0.01)
    assert len(speck.vertices) == 0

    figure = Figure(figsize=(1, 1), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1), xlim=(105, 106), ylim=(20, 21))
    ax.add_collection(PathCollection([with_hole], facecolors="black", edgecolors="none", transform=ax.transData))
    figure.canvas.draw()
    pixels = np.asarray(figure.canvas.buffer_rgba())[:, :, 0]  # row 0 is the top (lat 21)
    assert pixels[80, 20] == 0  # (105.2, 20.2): filled
    assert pixels[50, 50] == 255  # (105.5, 20.5): the hole stays open


def test_the_legend_covers_every_choropleth_and_layers_classed_alike_share_one():
    import re

    from gismap.core.document import default_document

    document = default_document()
    figure, _ = compose(document, SIZE, DPI)
    [legend] = figure.legends
    counts = [int(m.group(1)) for t in legend.get_texts() if (m := re.search(r"\((\d+)\)$", t.get_text()))]
    assert sum(counts) == 512  # the four provinces' 129 + 166 + 114 + 103 communes under their shared breaks
    assert legend.get_title().get_text() == "Tỷ lệ thôn có cáp quang (%)"
    # Another indicator on one province: two legends, each under its own heading.
    thanh_hoa = next(layer for layer in document.layers if layer.source.name == "communes_38.parquet")
    document.restyle(thanh_hoa, column="cov_5g_pct", scheme="quantiles", breaks=None)
    figure, _ = compose(document, SIZE, DPI)
    texts = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "Tỷ lệ thôn có cáp quang (%)" in texts and any(t.startswith("Tỷ lệ phủ sóng 5G") for t in texts)
