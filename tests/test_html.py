"""Interactive HTML: data stays text, legend counts, offline Leaflet, size targets, gap-free simplification."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest
import shapely

from gismap.core.classify import classify
from gismap.core.document import MapDocument, MapLayer, Style
from gismap.core.paths import shapefiles_dir
from gismap.render.html import leaflet_assets, render_html
from gismap.render.output import render_map

EVIL = "<script>alert(1)</script>"


def _document(source=shapefiles_dir() / "communes_37.parquet", **style) -> tuple[MapDocument, MapLayer]:
    document = MapDocument(title="Hạ tầng số")
    layer = document.add_layer(MapLayer(name="communes", source=source, style=Style(**style)))
    layer.load()
    return document, layer


def _features(text: str) -> list[dict]:
    """The GeoJSON features embedded in the page (folium passes them to ``..._add(``)."""
    start = re.search(r"_add\(\{", text).end() - 1
    return json.JSONDecoder().raw_decode(text, start)[0]["features"]


def test_names_from_data_stay_text_in_tooltip_popup_and_legend(tmp_path):
    document, layer = _document(column="unit_type", scheme="categorical")
    frame = layer.data.frame
    frame.loc[0, ["name", "prov_name", "unit_type"]] = EVIL
    out = render_map(document, tmp_path / "map.html")
    text = out.read_text(encoding="utf-8")
    escaped = html.escape(EVIL)
    first = _features(text)[0]["properties"]
    assert first["n"] == escaped  # tooltip and popup title
    assert escaped in first["v"]  # popup rows: province and the styled column
    assert EVIL not in json.dumps(_features(text), ensure_ascii=False)
    legend = re.search(r'<div class="gismap-box gismap-legend">.*?</div></div>', text).group()
    assert escaped in legend
    assert EVIL not in text


def test_legend_counts_add_up_with_a_no_data_row(tmp_path):
    document, layer = _document(column="area_km2", scheme="quantiles", k=4)
    layer.data.frame.loc[:4, "area_km2"] = np.nan
    text = render_html(document, tmp_path / "map.html", language="en").read_text(encoding="utf-8")
    legend = re.search(r'<div class="gismap-box gismap-legend">.*?</div></div>', text).group()
    counts = [int(c) for c in re.findall(r"\((\d+) features\)", legend)]
    expected = classify(layer.data.frame, layer.style).legend("en")
    assert counts == [entry.count for entry in expected] and sum(counts) == 129
    assert "No data" in legend and counts[-1] == 5
    assert len(_features(text)) == 129


def test_offline_page_inlines_leaflet_and_loads_nothing_from_outside(tmp_path):
    document, _ = _document(column="area_km2")
    text = render_html(document, tmp_path / "map.html", offline=True).read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?(https?:)?//", text)
    assert "url(http" not in text and "@import" not in text
    script, css = leaflet_assets()
    assert script[-2000:].replace("</", "<\\/") in text and ".leaflet-container" in text
    assert "L.map(" in text and "Phủ Lý" in text
    online = render_html(document, tmp_path / "online.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="https://[^"]+/leaflet\.js"', online)


def test_one_province_fits_in_1_5_mb(tmp_path):
    document, _ = _document(column="area_km2")
    out = render_html(document, tmp_path / "province.html", offline=True)
    assert out.stat().st_size <= 1.5e6


def test_national_commune_map_fits_in_10_mb(tmp_path, national_communes_path):
    document, _ = _document(national_communes_path, column="area_km2", scheme="natural_breaks")
    out = render_html(document, tmp_path / "national.html")
    assert out.stat().st_size <= 10e6
    assert len(_features(out.read_text(encoding="utf-8"))) == 3321


def test_communes_in_the_page_keep_shared_borders_shared(tmp_path):
    document, layer = _document(column="area_km2")
    original = layer.data.frame.geometry.values
    features = _features(render_html(document, tmp_path / "map.html").read_text(encoding="utf-8"))
    assert sorted(feature["id"] for feature in features) == list(range(len(original)))  # none dropped
    shown = shapely.from_geojson([json.dumps(feature["geometry"]) for feature in features])
    assert shapely.is_valid(shown).all() and not shapely.is_empty(shown).any()
    assert shapely.get_num_coordinates(shown).sum() < 0.5 * shapely.get_num_coordinates(original).sum()
    union = shapely.union_all(shown)
    assert shapely.area(shown).sum() == pytest.approx(union.area, rel=1e-6)  # no overlaps, no slivers
    assert union.area == pytest.approx(shapely.union_all(original).area, rel=1e-3)  # no gaps
    assert len(shapely.get_parts(union)) == len(shapely.get_parts(shapely.union_all(original)))


def test_simplification_is_reused_until_the_geometry_changes(tmp_path, monkeypatch):
    import gismap.render.html as html_module

    calls = []
    simplify = html_module.simplify_shared_edges
    monkeypatch.setattr(html_module, "simplify_shared_edges",
                        lambda geometry, *args, **kwargs: calls.append(len(geometry)) or simplify(geometry, *args, **kwargs))
    document, layer = _document(column="area_km2")
    first = render_html(document, tmp_path / "first.html").read_text(encoding="utf-8")
    document.restyle(layer, column="area_km2", scheme="equal_interval")
    document.title = "Another title"
    second = render_html(document, tmp_path / "second.html").read_text(encoding="utf-8")
    assert calls == [129]  # a style or title change simplifies nothing again
    assert [f["geometry"] for f in _features(first)] == [f["geometry"] for f in _features(second)]

    frame = layer.data.frame
    moved = shapely.affinity.translate(frame.geometry.iloc[0], xoff=0.01)
    frame.loc[0, frame.geometry.name] = moved  # one commune edited in place
    edited = render_html(document, tmp_path / "edited.html").read_text(encoding="utf-8")
    assert calls == [129, 129]
    assert _features(edited)[0]["geometry"] != _features(first)[0]["geometry"]

    layer.data = None  # reloaded: new data
    layer.load()
    render_html(document, tmp_path / "reloaded.html")
    assert calls == [129, 129, 129]
