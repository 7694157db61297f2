"""Hostile and damaged vector inputs: each is read right or refused with a message naming the file, never
a traceback, a hang or a layer silently missing rows (issue 12).

Damaged files are made from the embedded Ninh Bình communes the way they arrive: cut short by an e-mail
gateway, bits flipped, headers that lie, sidecars that belong to another file or point elsewhere.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
import shapely.affinity
from pyproj import CRS
from shapely.geometry import Polygon
from ui_helpers import copy_shapefile, recode_dbf

from gismap.cli import main
from gismap.core import file_checks
from gismap.core.errors import LayerError
from gismap.core.layers import list_layers, read_layer, read_layers
from gismap.core.legacy_text import encode_tcvn3
from gismap.core.paths import coverage_dir, shapefiles_dir

SOURCE = shapefiles_dir() / "communes_37.parquet"


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    return gpd.read_parquet(SOURCE)


@pytest.fixture
def shp(tmp_path) -> Path:
    return copy_shapefile("communes_37", tmp_path / "in")


def _rewrite(path: Path, change) -> None:
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(change(data) or data))


def _header(path: Path, fmt: str, offset: int) -> int:
    return struct.unpack_from(fmt, path.read_bytes(), offset)[0]


def _records_of(dbf: Path) -> tuple[int, int, int]:
    """A .dbf's record count, header length and record length."""
    return struct.unpack_from("<IHH", dbf.read_bytes(), 4)


# ---------------------------------------------------------------------------- damaged Shapefiles

def _cut(path: Path, keep: int) -> None:
    path.write_bytes(path.read_bytes()[:keep])


def test_a_shp_cut_short_is_refused_with_the_shapes_that_are_whole(shp, communes):
    offsets = np.frombuffer(shp.with_suffix(".shx").read_bytes(), ">i4", offset=100)[0::2] * 2
    _cut(shp, int(offsets[71]) + 20)  # in the middle of shape 72
    with pytest.raises(LayerError, match=rf"communes_37\.shp is cut short: it holds 71 whole shapes of the "
                                         rf"{len(communes)} its index communes_37\.shx lists.*copy all"):
        read_layer(shp)


@pytest.mark.parametrize("part, keep, said", [
    (".shx", lambda header, record: 100 + 8 * 50 + 3,
     r"\.shx is cut short or damaged: it holds 50 whole index records"),
    (".dbf", lambda header, record: header + 64 * record + record // 2,
     r"\.dbf is cut short or damaged: it holds 64 whole records"),
])
def test_an_index_or_table_cut_short_is_refused_not_read_in_part(shp, communes, part, keep, said):
    _, header, record = _records_of(shp.with_suffix(".dbf"))
    _cut(shp.with_suffix(part), keep(header, record))
    with pytest.raises(LayerError, match=rf"communes_37{said} but its header declares {len(communes)}"):
        read_layer(shp)


@pytest.mark.parametrize("part, field, declared, said", [
    (".dbf", ("<I", 4), lambda n: n + 5, lambda n: rf"\.dbf is cut short .* holds {n} whole records but its header "
                                                   rf"declares {n + 5}"),
    (".dbf", ("<I", 4), lambda n: 2**31, lambda n: rf"\.dbf is cut short .* holds {n} whole records but its header "
                                                   rf"declares {2**31}"),
    (".shx", (">i", 24), lambda n: 2**31 - 1, lambda n: rf"\.shx is cut short .* holds {n} whole index records but its "
                                                        rf"header declares {(2 * (2**31 - 1) - 100) // 8}"),
])
def test_a_header_declaring_more_records_than_the_file_holds_is_refused(shp, communes, part, field, declared, said):
    """GDAL would read the records that are there (a .dbf) or allocate for all that are declared (a .shx)."""
    fmt, offset = field
    _rewrite(shp.with_suffix(part), lambda d: struct.pack_into(fmt, d, offset, declared(len(communes))))
    with pytest.raises(LayerError, match=rf"communes_37{said(len(communes))}"):
        read_layer(shp)


def test_a_dbf_whose_record_length_lies_is_refused(shp):
    dbf = shp.with_suffix(".dbf")
    _, _, record = _records_of(dbf)
    _rewrite(dbf, lambda d: struct.pack_into("<H", d, 10, record + 7))
    with pytest.raises(LayerError, match=rf"communes_37\.dbf: the table's header is damaged: it says each record "
                                         rf"takes {record + 7} bytes .* its fields take {record} bytes"):
        read_layer(shp)


def test_a_dbf_with_fewer_records_than_the_shp_has_shapes_is_refused(shp, communes):
    dbf = shp.with_suffix(".dbf")
    count, header, record = _records_of(dbf)
    _rewrite(dbf, lambda d: struct.pack_into("<I", d, 4, count - 5))
    _cut(dbf, header + (count - 5) * record)
    with pytest.raises(LayerError, match=rf"communes_37\.dbf holds {count - 5} records but communes_37\.shp has "
                                         rf"{len(communes)} shapes: rows would be paired with the wrong shapes"):
        read_layer(shp)


@pytest.mark.parametrize("field, value, said", [
    (36, 2**30, r"shape 3 is damaged \(it declares 1073741824 parts and \d+ points in \d+ bytes\)"),
    (40, -5, r"shape 3 is damaged \(it declares \d+ parts and -5 points in \d+ bytes\)"),
    (0, 4242, r"shape 3 is damaged \(its type code 4242 is no shape type\)"),
])
def test_a_shape_declaring_impossible_counts_is_refused(shp, field, value, said):
    offset = _header(shp.with_suffix(".shx"), ">i", 100 + 2 * 8) * 2  # the third shape
    _rewrite(shp, lambda d: struct.pack_into("<i", d, offset + 8 + field, value))
    with pytest.raises(LayerError, match=rf"communes_37\.shp: {said}"):
        read_layer(shp)


def test_an_index_pointing_outside_the_shp_is_refused(shp):
    _rewrite(shp.with_suffix(".shx"), lambda d: struct.pack_into(">i", d, 100 + 8 * 4, 10**8))
    with pytest.raises(LayerError, match=r"communes_37\.shp: shape 5 is damaged \(its index entry points outside"):
        read_layer(shp)


def test_a_file_that_is_no_dbf_is_refused(shp):
    shp.with_suffix(".dbf").write_bytes(b"root:x:0:0:root:/root:/bin/bash\n" * 20)
    with pytest.raises(LayerError, match=r"communes_37\.dbf: not a dBASE attribute table"):
        read_layer(shp)


@pytest.mark.parametrize("prj", [b'GEOGCS["GCS_\xd7GS_1984",DATUM["D_WGS_1984"]]', b"x" * 100_000])
def test_a_prj_that_is_no_text_is_refused(shp, prj):
    shp.with_suffix(".prj").write_bytes(prj)  # one flipped bit made pyogrio raise UnboundLocalError
    with pytest.raises(LayerError, match=r"communes_37\.prj: the coordinate system file is damaged"):
        read_layer(shp)


@pytest.mark.parametrize("offset, fmt, values, said", [
    (24, ">i", (10**8,), "a length of 200,000,000 bytes"),  # GDAL reads each shape through the index
    (24, ">i", (-1,), "a length of -2 bytes"),
    (32, "<i", (1,), "shape type 1 (the shapes are of type 5)"),
    (32, "<i", (99,), "shape type 99"),
    (36, "<4d", (float("nan"), 0.0, 1.0, 1.0), "a bounding box that is not a number"),
])
def test_a_whole_shapefile_with_a_damaged_header_summary_loads_whole_and_says_so(shp, communes, offset, fmt, values,
                                                                                 said):
    whole = read_layer(shp)
    assert whole.warnings == [] or not any("header" in str(w) for w in whole.warnings)
    _rewrite(shp, lambda d: struct.pack_into(fmt, d, offset, *values))
    layer = read_layer(shp)
    assert layer.frame.drop(columns="geometry").equals(whole.frame.drop(columns="geometry"))
    assert layer.frame.geometry.geom_equals(whole.frame.geometry).all()
    notes = [str(w) for w in layer.warnings if "header of communes_37.shp is damaged" in str(w)]
    assert len(notes) == 1 and said in notes[0] and f"the {len(communes)} shapes were read" in notes[0]


def test_a_zipped_shapefile_with_a_damaged_header_summary_says_so_too(shp, communes, tmp_path):
    _rewrite(shp, lambda d: struct.pack_into("<i", d, 32, 1))  # shape type 1 over polygons
    archive = tmp_path / "communes.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in shp.parent.iterdir():
            z.write(part, part.name)
    layer = read_layer(archive)
    assert len(layer.frame) == len(communes)
    notes = [str(w) for w in layer.warnings if "header of communes.zip/communes_37.shp is damaged" in str(w)]
    assert len(notes) == 1 and "shape type 1" in notes[0]


def test_a_damaged_shapefile_ends_the_command_with_one_line(shp, capsys):
    _cut(shp, len(shp.read_bytes()) // 2)
    assert main(["info", str(shp)]) == 2
    err = capsys.readouterr().err
    assert "communes_37.shp is cut short" in err and "Traceback" not in err


def test_a_zipped_shapefile_cut_short_is_refused_too(shp, tmp_path):
    _cut(shp.with_suffix(".dbf"), len(shp.with_suffix(".dbf").read_bytes()) - 1000)
    archive = tmp_path / "cut.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in shp.parent.iterdir():
            z.write(part, part.name)
    with pytest.raises(LayerError, match=r"communes_37\.dbf is cut short or damaged"):
        read_layer(archive)


# ---------------------------------------------------------------------------- geometry

def _degenerate(tmp_path) -> tuple[Path, list[bool]]:
    """A GeoPackage of one good triangle, every kind of geometry nothing can draw, then another good one;
    and which are drawable."""
    good = Polygon([(105.8, 20.2), (106.0, 20.2), (106.0, 20.4)])
    with np.errstate(invalid="ignore"):  # shapely warns of the NaN it is asked to make
        shapes = [good, None, shapely.from_wkt("POLYGON EMPTY"),
                  Polygon([(105.8, 20.2), (105.9, 20.2), (106.0, 20.2)]),  # no area
                  shapely.from_wkt("POLYGON ((105.8 20.2, 106 20.2, 105.8 20.2))"),  # a two-point ring
                  shapely.from_wkt("POLYGON ((105.8 20.2, NaN 20.2, 106 20.4, 105.8 20.2))"),
                  shapely.from_wkt("POLYGON ((105.8 20.2, Inf 20.2, 106 20.4, 105.8 20.2))"),
                  Polygon([(1e308, 20.2), (106.0, 20.2), (106.0, 20.4)]),
                  shapely.affinity.translate(good, 0.3)]
    path = tmp_path / "degenerate.gpkg"
    gpd.GeoDataFrame({"code": [f"{i:05d}" for i in range(len(shapes))], "value": range(len(shapes))},
                     geometry=shapes, crs=4326).to_file(path)
    return path, [i in (0, len(shapes) - 1) for i in range(len(shapes))]


def test_geometries_nothing_can_draw_are_kept_as_rows_without_geometry(tmp_path):
    path, drawable = _degenerate(tmp_path)
    layer = read_layer(path)
    layer.wait_repaired()
    assert layer.frame["value"].tolist() == list(range(len(drawable)))
    assert (~layer.frame.geometry.isna() & ~layer.frame.geometry.is_empty).tolist() == drawable
    assert f"{drawable.count(False)} features have no geometry GISMap can draw" in "; ".join(layer.warnings)


@pytest.mark.parametrize("out", ["map.png", "map.html", "map.svg"])
def test_a_layer_with_undrawable_geometries_renders(tmp_path, out):
    path, _ = _degenerate(tmp_path)
    assert main(["render", str(path), "--column", "value", "--out", str(tmp_path / out), "--size", "400x300"]) == 0
    assert (tmp_path / out).stat().st_size > 0


@pytest.mark.parametrize("out", ["copy.gpkg", "copy.shp", "copy.geojson", "copy.csv"])
def test_a_layer_with_undrawable_geometries_exports_every_row(tmp_path, out):
    path, drawable = _degenerate(tmp_path)
    assert main(["export", str(path), "--out", str(tmp_path / out)]) == 0
    assert len(read_layer(tmp_path / out, check_geometry=False).frame if not out.endswith(".csv")
               else (tmp_path / out).read_text(encoding="utf-8-sig").splitlines()[1:]) == len(drawable)


def test_communes_with_undrawable_geometries_join_every_row(tmp_path, communes):
    frame = communes.copy()
    with np.errstate(invalid="ignore"):
        nan_vertex = shapely.from_wkt("POLYGON ((105.8 20.2, NaN 20.2, 106 20.4, 105.8 20.2))")
    frame.loc[[2, 5], "geometry"] = [None, nan_vertex]
    frame.to_file(tmp_path / "communes.gpkg")
    out = tmp_path / "joined.gpkg"
    assert main(["join", str(tmp_path / "communes.gpkg"), str(coverage_dir() / "coverage_2025_by_code.csv"),
                 "--out", str(out)]) == 0
    joined = read_layer(out, check_geometry=False).frame
    assert len(joined) == len(communes) and joined.geometry.isna().sum() == 2


def test_a_coordinate_flipped_far_out_of_a_degree_layer_drops_that_shape_only(shp, communes):
    frame = communes.copy()
    frame.loc[7, "geometry"] = shapely.affinity.translate(frame.geometry[7], 6_900_000)
    frame.to_file(shp, engine="pyogrio", encoding="UTF-8")
    layer = read_layer(shp)
    assert layer.frame.geometry.isna().tolist() == [i == 7 for i in range(len(communes))]
    assert "1 feature has no geometry GISMap can draw" in "; ".join(layer.warnings)


def test_metres_beyond_where_the_projection_reaches_drop_that_shape_only(tmp_path, communes):
    frame = communes.head(5).to_crs(3405)
    frame.loc[3, "geometry"] = shapely.affinity.translate(frame.geometry[3], 5e8, 5e8)
    frame.to_file(tmp_path / "metres.gpkg")
    layer = read_layer(tmp_path / "metres.gpkg")
    assert layer.frame.geometry.isna().tolist() == [i == 3 for i in range(5)]
    assert np.isfinite(layer.frame.total_bounds).all()
    assert "1 feature has no geometry GISMap can draw" in "; ".join(layer.warnings)


# ---------------------------------------------------------------------------- containers without geometry

def _geojson(tmp_path, content) -> Path:
    path = tmp_path / "x.geojson"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def _feature(geometry) -> dict:
    feature = {"type": "Feature", "properties": {"a": 1}, "geometry": geometry}
    return {"type": "FeatureCollection", "features": [feature]}


@pytest.mark.parametrize("content, said", [
    (_feature({"type": "Point", "coordinates": ["105.9", "20.3"]}), r"none of the 1 features of the layer 'x'"),
    (_feature({"type": "Polygon", "coordinates": [105.9, 20.3]}), r"none of the 1 features of the layer 'x'"),
    ({"type": "FeatureCollection", "features": []}, r"the layer 'x' has no features"),
    ('{"type": "FeatureCollection", "features": [{"type"', r"not a vector layer GISMap can read"),
])
def test_geojson_without_usable_geometry_is_refused(tmp_path, content, said):
    with pytest.raises(LayerError, match=rf"x\.geojson: {said}"):
        read_layer(_geojson(tmp_path, content))


def test_a_bare_geojson_geometry_is_a_layer_of_one_feature(tmp_path):
    ring = [[105.8, 20.2], [106.0, 20.2], [106.0, 20.4], [105.8, 20.2]]
    layer = read_layer(_geojson(tmp_path, {"type": "Polygon", "coordinates": [ring]}))
    assert len(layer.frame) == 1 and layer.frame.geometry[0].equals(Polygon(ring))


def test_a_geopackage_of_attributes_only_is_refused_by_every_entry(tmp_path):
    import pyogrio

    path = tmp_path / "bang.gpkg"
    pyogrio.write_dataframe(gpd.pd.DataFrame({"code": ["00001"], "value": [1]}), path, layer="bang")
    assert list_layers(path) == ["bang"]
    for read in (read_layer, read_layers):
        with pytest.raises(LayerError, match=r"bang\.gpkg: the layer 'bang' is a table without geometry"):
            read(path)


def test_a_file_holding_no_layer_at_all_is_refused_by_every_entry(tmp_path):
    import pyogrio

    path = tmp_path / "bang.sqlite"
    pyogrio.write_dataframe(gpd.pd.DataFrame({"code": ["00001"]}), path, driver="SQLite")
    for read in (list_layers, read_layer, read_layers):
        with pytest.raises(LayerError, match=r"bang\.sqlite: the file holds no layer"):
            read(path)


# ---------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("cpg, said", [
    ("ISO-8859-1", "the .cpg file says ISO-8859-1 but the text is UTF-8: read as UTF-8"),
    ("1252", "the .cpg file says 1252 but the text is UTF-8: read as UTF-8"),
    ("UTF-16", "the .cpg file names UTF-16, no code page a .dbf can hold: text read as UTF-8 (detected)"),
    ("NONSENSE-99", "the .cpg file names NONSENSE-99, no code page a .dbf can hold: text read as UTF-8 (detected)"),
    ("rot13\0\0\x07", "the .cpg file names rot13, no code page a .dbf can hold: text read as UTF-8 (detected)"),
    ("UTF-", None),  # cut short, but no other code page begins so
])
def test_a_cpg_naming_the_wrong_encoding_of_utf8_text_is_overruled(shp, communes, cpg, said):
    shp.with_suffix(".cpg").write_text(cpg)
    layer = read_layer(shp)
    assert layer.frame["name"].tolist() == communes["name"].tolist()
    assert layer.encoding == "UTF-8" and (said in layer.warnings if said else not layer.warnings)


def test_a_code_page_gdal_does_not_know_is_decoded_by_python(shp, communes):
    recode_dbf(shp.with_suffix(".dbf"), lambda text: text.encode("mac-roman", errors="replace"))
    shp.with_suffix(".cpg").write_text("mac-roman")
    names = read_layer(shp).frame["name"].tolist()
    assert names == [n.encode("mac-roman", errors="replace").decode("mac-roman") for n in communes["name"]]


def test_tcvn3_text_declared_as_windows_1258_is_still_read_as_vietnamese(shp, communes):
    recode_dbf(shp.with_suffix(".dbf"), encode_tcvn3)
    shp.with_suffix(".cpg").write_text("1258")
    layer = read_layer(shp)
    assert layer.encoding == "TCVN3"
    # TCVN3 has no toned capitals: they read back in lowercase.
    assert [n.lower() for n in layer.frame["name"]] == [n.lower() for n in communes["name"]]


# ---------------------------------------------------------------------------- links

@pytest.mark.parametrize("part, target, said", [
    (".dbf", "/etc/passwd", r"communes_37\.dbf: the Shapefile part is a link to /etc/passwd, outside the folder"),
    (".cpg", "/dev/zero", r"communes_37\.cpg: not a regular file"),
    (".prj", "elsewhere", r"communes_37\.prj: the Shapefile part is a link to .*elsewhere.*outside the folder"),
])
def test_a_shapefile_part_linked_outside_its_folder_is_refused(shp, tmp_path, part, target, said):
    if target == "elsewhere":
        target = tmp_path / "elsewhere" / "other.prj"
        target.parent.mkdir()
        target.write_bytes(shp.with_suffix(".prj").read_bytes())
    shp.with_suffix(part).unlink()
    shp.with_suffix(part).symlink_to(target)
    with pytest.raises(LayerError, match=said):
        read_layer(shp)


def test_a_part_linked_within_its_folder_is_read(shp, communes):
    dbf = shp.with_suffix(".dbf")
    dbf.rename(shp.parent / "table.dbf")
    dbf.symlink_to("table.dbf")
    assert read_layer(shp).frame["name"].tolist() == communes["name"].tolist()


# ---------------------------------------------------------------------------- coordinate systems

def test_a_projected_prj_on_degrees_is_not_believed(shp, communes):
    shp.with_suffix(".prj").write_text(CRS.from_epsg(3405).to_wkt("WKT1_ESRI"))
    layer = read_layer(shp)
    assert layer.source_crs.equals(CRS.from_epsg(4326))
    assert np.allclose(layer.frame.total_bounds, communes.total_bounds)
    assert any("is in metres but its coordinates are longitude and latitude in Vietnam" in w for w in layer.warnings)


def test_a_degree_prj_on_metres_is_refused_unless_the_crs_is_given(tmp_path, communes):
    path = tmp_path / "metres.shp"
    communes.head(5).to_crs(3405).to_file(path, engine="pyogrio")
    path.with_suffix(".prj").write_text(CRS.from_epsg(4326).to_wkt("WKT1_ESRI"))
    with pytest.raises(LayerError, match=r"metres\.shp: the file's coordinate system, WGS 84 .* is in degrees but its "
                                         r"coordinates .* are not longitude/latitude.*--crs"):
        read_layer(path)
    layer = read_layer(path, crs="EPSG:3405")
    assert np.allclose(layer.frame.total_bounds, communes.head(5).total_bounds, atol=1e-4)


def test_a_layer_far_from_vietnam_gets_a_warning(tmp_path, communes):
    path = tmp_path / "away.gpkg"
    communes.head(3).set_geometry(communes.head(3).translate(-100, 20)).to_file(path)
    assert any("far from Vietnam" in w for w in read_layer(path).warnings)
    assert not any("far from Vietnam" in w for w in read_layer(SOURCE).warnings)


# ---------------------------------------------------------------------------- ZIP archives

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _parts(shp: Path) -> dict[str, bytes]:
    return {part.name: part.read_bytes() for part in shp.parent.iterdir()}


@pytest.mark.parametrize("members, said", [
    (lambda parts: {f"../{n}": d for n, d in parts.items()}, r"a file named \.\./communes_37\..*points outside"),
    (lambda parts: {f"/tmp/{n}": d for n, d in parts.items()}, r"a file named /tmp/communes_37\..*points outside"),
    (lambda parts: {"inner.zip": b"PK\x05\x06" + b"\0" * 18}, r"holds another archive, inner\.zip"),
    (lambda parts: {f"f{i}.txt": b"" for i in range(file_checks.ZIP_MEMBER_LIMIT + 1)},
     rf"holds {file_checks.ZIP_MEMBER_LIMIT + 1} files, more than the {file_checks.ZIP_MEMBER_LIMIT} GISMap opens"),
    (lambda parts: {**parts, "communes_37.dbf": b"\0" * (file_checks.ZIP_RATIO_FROM + 1)},
     rf"communes_37\.dbf is compressed \d+:1, more than the {file_checks.ZIP_RATIO_LIMIT}:1 .*ZIP bomb"),
])
def test_a_hostile_zip_is_refused_and_nothing_is_extracted(shp, tmp_path, members, said):
    archive = _zip(tmp_path / "layer.zip", members(_parts(shp)))
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(LayerError, match=rf"layer\.zip: .*{said}"):
        read_layer(archive)
    assert sorted(tmp_path.rglob("*")) == before


def test_a_zip_unpacking_beyond_the_limit_is_refused(shp, tmp_path, monkeypatch):
    archive = _zip(tmp_path / "layer.zip", _parts(shp))
    monkeypatch.setattr(file_checks, "ZIP_UNPACKED_LIMIT", 10_000)
    with pytest.raises(LayerError, match=r"layer\.zip: the archive unpacks to \d+ MB, more than the 0 MB"):
        read_layer(archive)


# ---------------------------------------------------------------------------- XML entities

KML = ('<?xml version="1.0"?>\n{doctype}<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>'
       '<name>{name}</name><Point><coordinates>105.9,20.3</coordinates></Point></Placemark></Document></kml>')
LAUGHS = '<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>\n"


@pytest.mark.parametrize("name, text, codec", [
    ("xxe.kml", KML.format(doctype='<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n', name="&x;"),
     "utf-8"),
    ("laughs.kml", KML.format(doctype=LAUGHS, name="&i;"), "utf-8"),
    ("wide.kml", KML.format(doctype='<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n', name="&x;"),
     "utf-16"),
    ("xxe.gpx", '<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n<gpx version="1.1" '
                'creator="t" xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="20.3" lon="105.9"><name>&x;</name>'
                '</wpt></gpx>', "utf-8"),
])
def test_xml_declaring_entities_is_refused_before_gdal_reads_it(tmp_path, name, text, codec):
    path = tmp_path / name
    path.write_bytes(text.replace('version="1.0"?', f'version="1.0" encoding="{codec}"?').encode(codec))
    for entry in (list_layers, read_layer):
        with pytest.raises(LayerError, match=rf"{name}: the file declares a DOCTYPE or XML entities"):
            entry(path)


@pytest.mark.parametrize("name", ["doc.kmz", "doc.zip"])
def test_a_kml_declaring_entities_inside_a_kmz_or_zip_is_refused(tmp_path, name):
    path = _zip(tmp_path / name, {"doc.kml": KML.format(
        doctype='<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n', name="&x;")})
    with pytest.raises(LayerError, match=rf"{name}/doc\.kml: the file declares a DOCTYPE or XML entities"):
        read_layer(path)


def test_a_gpx_of_waypoints_is_read_without_its_empty_layers(tmp_path):
    path = tmp_path / "sites.gpx"
    path.write_text('<?xml version="1.0"?>\n<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
                    '<wpt lat="20.3" lon="105.9"><name>Hoa Lư</name></wpt></gpx>', encoding="utf-8")
    assert [(layer.name, len(layer.frame)) for layer in read_layers(path)] == [("waypoints", 1)]


def test_a_plain_kml_still_loads(tmp_path):
    path = tmp_path / "site.kml"
    path.write_text(KML.format(doctype="", name="Trạm Hoa Lư"), encoding="utf-8")
    assert read_layer(path).frame["Name"].tolist() == ["Trạm Hoa Lư"]
