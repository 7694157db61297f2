"""Layer loading: embedded data, formats, CRS, encodings and the messages for bad input."""

from __future__ import annotations

import shutil
import unicodedata
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon
from ui_helpers import recode_dbf

from gismap.core.encoding import encode_cp1258
from gismap.core.errors import LayerError
from gismap.core.layers import DraftRequest, list_layers, read_layer, read_layers
from gismap.core.paths import shapefiles_dir

EMBEDDED = sorted([*shapefiles_dir().glob("*.shp"), *shapefiles_dir().glob("*.parquet")])
PROVINCE_FILES = sorted(shapefiles_dir().glob("communes_[0-9][0-9].parquet"))
SEED_COUNTS = {"37": 129, "38": 166, "31": 114, "92": 103}
MB = 1_000_000


@pytest.fixture(scope="module")
def ninh_binh():
    return read_layer(shapefiles_dir() / "communes_37.parquet").frame


@pytest.fixture(scope="module")
def all_provinces() -> gpd.GeoDataFrame:
    """The 34 province files side by side: every commune of Vietnam at near full detail."""
    return gpd.GeoDataFrame(pd.concat([read_layer(path, check_geometry=False).frame for path in PROVINCE_FILES],
                                      ignore_index=True), crs=4326)


def _small(ninh_binh, n=5) -> gpd.GeoDataFrame:
    return ninh_binh.head(n).reset_index(drop=True)


@pytest.mark.parametrize("path", EMBEDDED, ids=lambda p: p.name)
def test_every_embedded_layer_loads(path):
    layer = read_layer(path, expect_polygons=True)
    assert layer.encoding == "UTF-8"
    assert layer.source_crs.to_epsg() == 4326
    assert layer.invalid_geometries == 0
    assert list(layer.frame.columns[:7]) == [
        "code", "name", "full_name", "unit_type", "prov_code", "prov_name", "area_km2"]
    assert layer.frame["code"].str.fullmatch(r"\d{2}|\d{5}").all()
    minx, miny, maxx, maxy = layer.bounds
    assert 102 <= minx < maxx <= 118 and 7 <= miny < maxy <= 24


def test_embedded_layers_have_the_documented_feature_counts():
    for code, count in SEED_COUNTS.items():
        frame = read_layer(shapefiles_dir() / f"communes_{code}.parquet").frame
        assert len(frame) == count and set(frame["prov_code"]) == {code}
    national = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    assert len(national) == 3321 and national["code"].is_unique
    assert len(read_layer(shapefiles_dir() / "provinces_vn_2025_overview.shp").frame) == 34


def test_every_province_has_its_communes_at_near_full_detail(all_provinces):
    provinces = read_layer(shapefiles_dir() / "provinces_vn_2025_overview.shp").frame
    assert [path.stem.removeprefix("communes_") for path in PROVINCE_FILES] == sorted(provinces["code"])
    national = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    assert sorted(all_provinces["code"]) == sorted(national["code"])
    for path in PROVINCE_FILES:
        assert set(read_layer(path).frame["prov_code"]) == {path.stem.removeprefix("communes_")}
    # Near full detail: a few thousand vertices a commune (the overview keeps some hundred).
    assert shapely.get_num_coordinates(all_provinces.geometry.values).sum() > 5_000_000


def test_neighbours_share_their_edges_also_across_provinces(all_provinces):
    geometry = all_provinces.geometry.values
    # No overlaps, and every shared edge vertex for vertex on both sides.
    assert shapely.coverage_is_valid(geometry)
    union = shapely.coverage_union_all(geometry)
    assert union.area == pytest.approx(shapely.area(geometry).sum(), rel=1e-9)
    # No gaps between neighbours: the one hole left lies inside a single commune (Đồ Sơn).
    holes = [Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]
    touching = [all_provinces["name"].values[shapely.STRtree(geometry).query(hole, predicate="touches")].tolist()
                for hole in holes]
    assert touching == [["Đồ Sơn"]]


def test_the_embedded_data_stays_light():
    sizes = {path.name: path.stat().st_size for path in shapefiles_dir().iterdir()}
    assert max(sizes.values()) < 25 * MB
    assert sum(sizes.values()) < 80 * MB


@pytest.fixture(scope="module")
def national_source(national_communes_path) -> gpd.GeoDataFrame:
    return gpd.read_file(national_communes_path, engine="pyogrio", use_arrow=True)


def _farther_than(limit: float, first, second) -> np.ndarray:
    """The vertices of either geometry farther than ``limit`` from the other's outline."""
    far = []
    for points_of, outline_of in ((first, second), (second, first)):
        outline = shapely.boundary(outline_of)
        shapely.prepare(outline)
        points = shapely.points(shapely.get_coordinates(points_of))
        far.append(points[~shapely.dwithin(outline, points, limit)])
    return np.concatenate(far)


@pytest.mark.parametrize("code", ["31", "37", "38", "92", "15"])
def test_province_communes_are_within_5_m_of_the_source(national_source, code):
    """Each commune of a few provinces (the samples, and mountainous Lào Cai) against the source,
    in metres (UTM 48N): every source vertex lies within 5 m of the embedded outline and every
    embedded vertex within 5 m of the source's, except where the source lets two communes overlap
    (the build gave each overlap to one of them; data/README.md lists them)."""
    source = national_source[national_source["prov_code"] == code]
    embedded = read_layer(shapefiles_dir() / f"communes_{code}.parquet").frame
    assert sorted(embedded["code"]) == sorted(source["code"])
    tree = shapely.STRtree(national_source.geometry.values)
    theirs = source.set_index("code").geometry
    for commune, ours in embedded.set_index("code").geometry.to_crs(32648).items():
        original = gpd.GeoSeries([theirs[commune]], crs=4326).to_crs(32648).iloc[0]
        far = _farther_than(5.0, ours, original)
        if len(far):
            neighbours = gpd.GeoSeries(national_source.geometry.values[tree.query(theirs[commune])],
                                       crs=4326).to_crs(32648).values
            others = neighbours[~shapely.equals(neighbours, original)]
            overlaps = shapely.union_all(shapely.intersection(original, others))
            assert shapely.dwithin(overlaps, far, 5.0).all(), commune


def test_overview_is_a_coverage_without_gaps_or_overlaps():
    frame = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    national = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    province = national[national["prov_code"] == "37"]
    # Neighbours keep shared edges: the union is as large as the sum of the parts (planar degrees² on
    # both sides, so the ratio holds).
    parts = shapely.area(province.geometry.values).sum()
    assert shapely.union_all(province.geometry.values).area == pytest.approx(parts, rel=1e-6)
    assert parts == pytest.approx(shapely.area(frame.geometry.values).sum(), rel=0.01)


def test_vietnamese_names_read_back_identical(ninh_binh):
    assert "Phủ Lý" in set(ninh_binh["name"])
    names = ninh_binh["name"].tolist()
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert any(ch in "".join(names) for ch in "ươđăộ")


def test_round_trip_of_vietnamese_names_through_every_format(ninh_binh, tmp_path):
    frame = _small(ninh_binh, 20)
    for suffix, driver in [(".shp", "ESRI Shapefile"), (".gpkg", "GPKG"), (".geojson", "GeoJSON"),
                           (".fgb", "FlatGeobuf"), (".kml", "KML")]:
        path = tmp_path / f"out{suffix}"
        frame.to_file(path, driver=driver, engine="pyogrio")
        layer = read_layer(path)
        assert len(layer.frame) == 20, suffix
        name_column = "name" if "name" in layer.frame else "Name"
        # FlatGeobuf stores features in spatial-index order, so compare as sorted lists.
        assert sorted(layer.frame[name_column]) == sorted(frame["name"]), suffix


def test_zipped_shapefile(ninh_binh, tmp_path):
    _small(ninh_binh).to_file(tmp_path / "c.shp", engine="pyogrio")
    archive = tmp_path / "c.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in tmp_path.glob("c.*"):
            if part.suffix != ".zip":
                z.write(part, part.name)
    layer = read_layer(archive)
    assert layer.frame["name"].tolist() == _small(ninh_binh)["name"].tolist()


def test_geopackage_with_several_layers(ninh_binh, tmp_path):
    path = tmp_path / "multi.gpkg"
    _small(ninh_binh).to_file(path, layer="communes", engine="pyogrio")
    sites = gpd.GeoDataFrame({"site": ["A", "B"]}, geometry=[Point(105.9, 20.5), Point(106, 20.4)], crs=4326)
    sites.to_file(path, layer="bts_sites", engine="pyogrio")
    assert sorted(list_layers(path)) == ["bts_sites", "communes"]
    layers = {layer.source_layer: layer for layer in read_layers(path)}
    assert layers["bts_sites"].geometry_type == "Point"
    assert len(layers["communes"].frame) == 5


def test_projected_vn2000_layer_is_shown_in_map_crs(ninh_binh, tmp_path):
    projected = _small(ninh_binh).to_crs(3405)  # VN-2000 / UTM zone 48N
    projected.to_file(tmp_path / "vn2000.gpkg", engine="pyogrio")
    layer = read_layer(tmp_path / "vn2000.gpkg")
    assert layer.source_crs.to_epsg() == 3405
    assert layer.frame.crs.to_epsg() == 4326
    # Plain planar centroids in degrees: the same computation on both sides.
    original = shapely.centroid(_small(ninh_binh).geometry.values)
    np.testing.assert_allclose(shapely.get_x(shapely.centroid(layer.frame.geometry.values)),
                               shapely.get_x(original), atol=1e-5)


def test_invalid_geometries_are_repaired_and_counted(tmp_path):
    bowtie = Polygon([(105, 20), (106, 21), (106, 20), (105, 21), (105, 20)])
    square = Polygon([(107, 20), (108, 20), (108, 21), (107, 21)])
    gpd.GeoDataFrame({"code": ["1", "2"]}, geometry=[bowtie, square], crs=4326).to_file(
        tmp_path / "bad.gpkg", engine="pyogrio")
    layer = read_layer(tmp_path / "bad.gpkg")
    assert layer.invalid_geometries == 1
    assert shapely.is_valid(layer.frame.geometry.values).all()
    assert layer.frame.geometry.iloc[0].area == pytest.approx(0.5)
    assert any("1 invalid geometry was repaired" in w for w in layer.warnings)


def test_geometry_check_can_wait_until_it_is_needed(tmp_path):
    bowtie = Polygon([(105, 20), (106, 21), (106, 20), (105, 21), (105, 20)])
    gpd.GeoDataFrame({"code": ["1"]}, geometry=[bowtie], crs=4326).to_file(tmp_path / "bad.gpkg", engine="pyogrio")
    layer = read_layer(tmp_path / "bad.gpkg", check_geometry=False)
    assert not layer.repair_done  # not started: a one-off rendering never pays for it
    assert not shapely.is_valid(layer.frame.geometry.iloc[0])
    assert layer.invalid_geometries == 1  # asking starts the check and waits for it
    assert layer.repair_done and shapely.is_valid(layer.frame.geometry.iloc[0])


# -- bad input: each gets a message naming the file and saying what to do ----------------

def test_layer_without_crs_in_degrees_is_assumed_wgs84(ninh_binh, tmp_path):
    _small(ninh_binh).to_file(tmp_path / "nocrs.shp", engine="pyogrio")
    (tmp_path / "nocrs.prj").unlink()
    layer = read_layer(tmp_path / "nocrs.shp")
    assert layer.source_crs.to_epsg() == 4326
    assert any("no CRS" in w and "WGS 84" in w for w in layer.warnings)


def test_layer_without_crs_in_metres_is_refused(ninh_binh, tmp_path):
    _small(ninh_binh).to_crs(3405).to_file(tmp_path / "metres.shp", engine="pyogrio")
    (tmp_path / "metres.prj").unlink()
    with pytest.raises(LayerError, match=r"metres\.shp: the layer has no coordinate reference system.*\.prj"):
        read_layer(tmp_path / "metres.shp")


@pytest.mark.parametrize("part, role", [(".shx", "index"), (".dbf", "attribute table")])
def test_missing_shapefile_part(ninh_binh, tmp_path, part, role):
    _small(ninh_binh).to_file(tmp_path / "c.shp", engine="pyogrio")
    (tmp_path / f"c{part}").unlink()
    with pytest.raises(LayerError, match=rf"c\.shp: the {role} file c\{part} is missing.*copy all"):
        read_layer(tmp_path / "c.shp")


@pytest.mark.parametrize("name, content", [
    ("notes.geojson", b"this is not json"),
    ("report.shp", b"\x00" * 50),
    ("table.csv.zip", b"PK not a zip"),
])
def test_file_that_is_not_a_layer(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    if path.suffix == ".shp":
        for part in (".shx", ".dbf"):
            path.with_suffix(part).write_bytes(b"\x00" * 50)
    with pytest.raises(LayerError, match=rf"{name.split('.')[0]}.*(not a vector layer|not a readable ZIP|not a Shapefile)"):
        read_layer(path)


def test_missing_file(tmp_path):
    with pytest.raises(LayerError, match="no such file"):
        read_layer(tmp_path / "gone.gpkg")


def test_empty_layer(ninh_binh, tmp_path):
    ninh_binh.iloc[0:0].to_file(tmp_path / "empty.gpkg", engine="pyogrio")
    with pytest.raises(LayerError, match="empty.gpkg: the layer 'empty' has no features"):
        read_layer(tmp_path / "empty.gpkg")


@pytest.mark.parametrize("geometry, kind", [
    (Point(105.9, 20.5), "Point"),
    (LineString([(105.9, 20.5), (106, 20.6)]), "LineString"),
])
def test_points_or_lines_where_communes_are_expected(tmp_path, geometry, kind):
    gpd.GeoDataFrame({"code": ["1"]}, geometry=[geometry], crs=4326).to_file(
        tmp_path / "sites.gpkg", engine="pyogrio")
    assert read_layer(tmp_path / "sites.gpkg").geometry_type == kind
    with pytest.raises(LayerError, match=f"expected commune polygons but the layer holds {kind}"):
        read_layer(tmp_path / "sites.gpkg", expect_polygons=True)


# -- encodings ---------------------------------------------------------------------------

def test_windows_1258_without_cpg_is_detected(ninh_binh, tmp_path):
    _small(ninh_binh, 30).to_file(tmp_path / "legacy.shp", engine="pyogrio", encoding="UTF-8")
    (tmp_path / "legacy.cpg").unlink()
    recode_dbf(tmp_path / "legacy.dbf", encode_cp1258)
    layer = read_layer(tmp_path / "legacy.shp")
    assert layer.encoding == "CP1258"
    assert layer.frame["name"].tolist() == _small(ninh_binh, 30)["name"].tolist()
    assert list(layer.frame.columns[:3]) == ["code", "name", "full_name"]
    assert any("no .cpg file: text read as CP1258 (detected)" in w for w in layer.warnings)


def test_cpg_is_honoured(ninh_binh, tmp_path):
    _small(ninh_binh).to_file(tmp_path / "declared.shp", engine="pyogrio", encoding="UTF-8")
    recode_dbf(tmp_path / "declared.dbf", encode_cp1258)
    (tmp_path / "declared.cpg").write_text("1258")
    layer = read_layer(tmp_path / "declared.shp")
    assert layer.encoding == "CP1258"
    assert layer.frame["name"].tolist() == _small(ninh_binh)["name"].tolist()


def test_utf8_without_cpg_is_detected(ninh_binh, tmp_path):
    _small(ninh_binh).to_file(tmp_path / "u.shp", engine="pyogrio", encoding="UTF-8")
    (tmp_path / "u.cpg").unlink()
    layer = read_layer(tmp_path / "u.shp")
    assert layer.encoding == "UTF-8"
    assert layer.frame["name"].tolist() == _small(ninh_binh)["name"].tolist()


def test_inputs_are_never_modified(tmp_path):
    for part in [shapefiles_dir() / "communes_92.parquet", *shapefiles_dir().glob("provinces_vn_2025_overview.*")]:
        shutil.copy(part, tmp_path / part.name)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    read_layer(tmp_path / "communes_92.parquet").wait_repaired()
    read_layer(tmp_path / "provinces_vn_2025_overview.shp").wait_repaired()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("name", ["communes_vn_2025_overview.shp", "provinces_vn_2025_overview.shp"])
def test_attributes_and_geometry_read_apart_equal_one_read(name):
    import pyogrio

    path = shapefiles_dir() / name
    apart = read_layer(path, check_geometry=False).frame
    whole = pyogrio.read_dataframe(path, use_arrow=True)
    assert apart.index.equals(whole.index) and apart.crs == whole.crs
    assert apart.drop(columns="geometry").equals(whole.drop(columns="geometry"))
    assert list(shapely.to_wkb(apart.geometry.values)) == list(shapely.to_wkb(whole.geometry.values))


def test_a_geopackage_with_gaps_in_its_feature_ids_and_an_attribute_index_keeps_rows_with_their_shapes(tmp_path):
    import sqlite3

    import pyogrio

    source = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp", check_geometry=False).frame
    path = tmp_path / "communes.gpkg"
    source.iloc[::-1].to_file(path, layer="communes", engine="pyogrio")  # fids 1.. in reverse commune order
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM communes WHERE fid % 7 = 0")
        connection.execute("CREATE INDEX communes_code ON communes (code)")  # a scan by it would reorder
    layer = read_layer(path, check_geometry=False).frame
    whole = pyogrio.read_dataframe(path)
    assert len(layer) == len(whole) < len(source)
    assert layer.drop(columns="geometry").equals(whole.drop(columns="geometry"))
    by_code = source.set_index("code").geometry  # written as multipolygons: compare their vertices
    assert np.array_equal(shapely.get_coordinates(layer.geometry.values),
                          shapely.get_coordinates(by_code.loc[layer["code"]].values))


def test_feature_ids_that_disagree_between_the_two_reads_fall_back_to_one_read(monkeypatch):
    import pyogrio.raw

    path = shapefiles_dir() / "provinces_vn_2025_overview.shp"
    real_read = pyogrio.raw.read

    def shuffled(*args, **kwargs):
        meta, fids, geometry, values = real_read(*args, **kwargs)
        return meta, fids[::-1], geometry[::-1], values

    monkeypatch.setattr(pyogrio.raw, "read", shuffled)
    layer = read_layer(path, check_geometry=False).frame
    whole = pyogrio.read_dataframe(path)
    assert shapely.equals_exact(layer.geometry.values, whole.geometry.values, 0).all()


def test_a_draft_is_delivered_with_the_outlines_and_the_numeric_columns_asked_for():
    path = shapefiles_dir() / "communes_vn_2025_overview.shp"
    drafts = []
    layer = read_layer(path, check_geometry=False, draft=DraftRequest(
        drafts.append, columns=["area_km2", "name", "missing"], cell=lambda bounds: (bounds[3] - bounds[1]) / 2000))
    (draft,) = drafts
    frame = layer.frame
    assert draft.outlines.count == len(frame) and set(draft.outlines.owner) == set(range(len(frame)))
    assert draft.outlines.cell == pytest.approx((frame.total_bounds[3] - frame.total_bounds[1]) / 2000, rel=1e-3)
    assert draft.outlines.bounds == tuple(frame.total_bounds)
    assert list(draft.attributes.columns) == ["area_km2"]  # text may still be in a legacy encoding
    assert np.array_equal(draft.attributes["area_km2"].to_numpy(), frame["area_km2"].to_numpy())
    read_layer(path, check_geometry=False, draft=DraftRequest(drafts.append))
    assert drafts[1].attributes.shape == (len(frame), 0)  # no column asked for: a row for each feature still


def test_no_draft_of_points_or_of_a_projected_layer(tmp_path):
    sites = tmp_path / "sites.gpkg"
    gpd.GeoDataFrame({"n": [1, 2]}, geometry=gpd.points_from_xy([105.0, 106.0], [21.0, 20.0]),
                     crs="EPSG:4326").to_file(sites)
    projected = tmp_path / "projected.gpkg"
    read_layer(shapefiles_dir() / "provinces_vn_2025_overview.shp").frame.to_crs(9210).to_file(projected)
    for path in (sites, projected):
        drafts = []
        layer = read_layer(path, check_geometry=False, draft=DraftRequest(drafts.append))
        assert drafts == [] and len(layer.frame)


