"""`gismap info`: text and JSON descriptions of layers, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
from shapely.geometry import Point

from gismap.cli import main
from gismap.core.paths import shapefiles_dir


def test_info_json_describes_each_layer(capsys):
    assert main(["info", "--json", str(shapefiles_dir() / "communes_92.parquet")]) == 0
    described = json.loads(capsys.readouterr().out)
    (layer,) = described["layers"]
    assert layer["name"] == "communes_92"
    assert layer["features"] == 103
    assert layer["geometry_type"] == "MultiPolygon"
    assert layer["crs"] == "EPSG:4326"
    minx, miny, maxx, maxy = layer["bounds"]
    assert 105 < minx < maxx < 107 and 9 < miny < maxy < 11  # the Mekong delta around Cần Thơ
    assert layer["fields"]["name"] == "str" and layer["fields"]["area_km2"] == "float64"
    assert layer["encoding"] == "UTF-8"
    assert layer["invalid_geometries"] == 0


def test_info_lists_every_layer_of_a_geopackage(tmp_path, capsys):
    path = tmp_path / "two.gpkg"
    for name, n in (("sites_4g", 3), ("sites_5g", 1)):
        gpd.GeoDataFrame({"id": range(n)}, geometry=[Point(105 + i, 20) for i in range(n)],
                         crs=4326).to_file(path, layer=name, engine="pyogrio")
    assert main(["info", "--json", str(path)]) == 0
    layers = {item["name"]: item for item in json.loads(capsys.readouterr().out)["layers"]}
    assert {name: item["features"] for name, item in layers.items()} == {"sites_4g": 3, "sites_5g": 1}
    assert layers["sites_4g"]["geometry_type"] == "Point"


def test_info_text_output(capsys):
    assert main(["info", str(shapefiles_dir() / "communes_37.parquet")]) == 0
    out = capsys.readouterr().out
    assert "communes_37: 129 MultiPolygon features, CRS EPSG:4326" in out
    assert "encoding UTF-8; invalid geometries: 0" in out


def test_info_on_a_broken_file_is_one_line_without_traceback(tmp_path):
    bad = tmp_path / "broken.geojson"
    bad.write_text("{ not geojson")
    result = subprocess.run([sys.executable, "-m", "gismap.cli", "info", str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("gismap info: broken.geojson: not a vector layer")
