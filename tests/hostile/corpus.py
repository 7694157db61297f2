"""The hostile corpus: damaged and hostile inputs of the kinds a provincial office receives.

:func:`build_corpus` writes, from the embedded Ninh Bình communes (simplified, so every
file stays small) and the sample tables in ``data/coverage``, one folder per case under
``root/cases`` and returns the :class:`Case` list. It is seeded: the same seed writes the
same bytes (bit flips and cut points come from ``random.Random(seed)``), so a failing case
id names the same file on every machine.

Classes (see :data:`Case.kind`): truncated, bit-flipped and header-lying ``.shp/.shx/.dbf``;
missing and wrong sidecars; ``.cpg`` naming wrong encodings; TCVN3/VNI text; NaN/∞/1e308
coordinates; null and degenerate geometries; GeoPackages without geometry or damaged;
GeoJSON variants; KML with external entities; zips (small bombs declaring huge sizes,
traversal names); FIFOs and symlinks to devices and ``/etc/passwd``; CSV/XLSX of huge
dimensions, shared-string and empty-cell bombs, 100,000 columns; formula, ``<script>`` and
``{{ }}`` payloads in names and headers; projects with hostile values; command lines that
write over their own inputs.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import sqlite3
import struct
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import shapely

from gismap.core.legacy_text import encode_tcvn3, encode_vni
from gismap.core.paths import coverage_dir, shapefiles_dir

SEED = 20251202
BASE_PROVINCE = "37"  # Ninh Bình: the sample tables cover it
SIMPLIFY_DEGREES = 0.003  # a few hundred bytes per commune: hundreds of copies stay small
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
MARKER = "data-pwned"
SCRIPT_PAYLOAD = f"<script>document.documentElement.setAttribute('{MARKER}', 's')</script>"
IMG_PAYLOAD = f"<img src=x onerror=\"document.documentElement.setAttribute('{MARKER}', 'i')\">"
PAYLOADS = ("{{ 7*7 }}", "{{ cycler.__init__.__globals__.os.mkdir('PWNED') }}", "${7*7}", SCRIPT_PAYLOAD,
            IMG_PAYLOAD, "=cmd|' /C calc'!A0", '=HYPERLINK("http://example.invalid","x")', "+1+1", "-1+cmd|x",
            "@SUM(A1)", "\t=1", "\r=1")
# What an unsafe page would contain verbatim: markup from data that a browser would run.
UNSAFE_HTML = (SCRIPT_PAYLOAD[:30], IMG_PAYLOAD[:20])
UTM_48N_PRJ = ('PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",'
               '6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
               'PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
               'PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],'
               'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]')


@dataclass
class Case:
    """One hostile input.

    ``role`` says which commands take it: ``layer`` (info, export, render, join as boundaries),
    ``table`` (info, join, export/render --data), ``sites`` (render --sites), ``project``
    (render, export), ``template`` (fill-template), ``argv`` (its own command lines in
    ``commands``, with ``{out}`` standing for the run's output folder). ``damaged``: reading it
    as if whole would be silently wrong, so ``gismap info`` must fail or print a note.
    """

    id: str
    kind: str
    role: str
    path: Path
    damaged: bool = False
    commands: list[list[str]] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass
class Base:
    """The clean inputs every case is made from, in ``root/base``."""

    shapefile: Path
    frame: gpd.GeoDataFrame
    coverage: Path
    workbook: Path
    template: Path
    sites: Path
    legacy: Path
    gpkg: Path
    project: Path


class _Builder:
    def __init__(self, root: Path, seed: int):
        self.root = root
        self.random = random.Random(seed)
        self.cases: list[Case] = []
        self.base = _write_base(root / "base")
        self._counts: dict[str, int] = {}

    def case(self, kind: str, role: str, name: str, damaged: bool = False) -> Path:
        """A new case's input path ``cases/<id>/<name>`` (the folder made); the case is recorded."""
        prefix = _slug(kind)
        number = self._counts[prefix] = self._counts.get(prefix, 0) + 1
        case_id = f"{prefix}-{number:03d}"
        folder = self.root / "cases" / case_id
        folder.mkdir(parents=True)
        path = folder / name
        self.cases.append(Case(case_id, kind, role, path, damaged))
        return path

    def shapefile(self, kind: str, damaged: bool = False, name: str = "communes",
                  frame: gpd.GeoDataFrame | None = None) -> Path:
        """A case holding the base Shapefile (or ``frame`` written as one); returns its .shp."""
        shp = self.case(kind, "layer", f"{name}.shp", damaged)
        if frame is None:
            for suffix in SHAPEFILE_PARTS:
                shutil.copy(self.base.shapefile.with_suffix(suffix), shp.with_suffix(suffix))
        else:
            frame.to_file(shp, engine="pyogrio", encoding="UTF-8")
        return shp

    def flip_bits(self, path: Path, count: int, start: int = 0) -> None:
        data = bytearray(path.read_bytes())
        for _ in range(count):
            at = self.random.randrange(start, len(data))
            data[at] ^= 1 << self.random.randrange(8)
        path.write_bytes(bytes(data))

    def truncate(self, path: Path, keep: int) -> None:
        path.write_bytes(path.read_bytes()[:keep])

    def insert_bytes(self, path: Path, count: int) -> None:
        data = path.read_bytes()
        at = self.random.randrange(len(data))
        path.write_bytes(data[:at] + self.random.randbytes(count) + data[at:])


def _slug(kind: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in kind.lower()).strip("-").replace("--", "-")[:28].strip("-")


def _write_base(folder: Path) -> Base:
    folder.mkdir(parents=True)
    frame = gpd.read_parquet(shapefiles_dir() / f"communes_{BASE_PROVINCE}.parquet")
    frame["geometry"] = frame.geometry.simplify(SIMPLIFY_DEGREES)
    shapefile = folder / "communes.shp"
    frame.to_file(shapefile, engine="pyogrio", encoding="UTF-8")
    gpkg = folder / "communes.gpkg"
    frame.to_file(gpkg, engine="pyogrio")
    coverage = folder / "coverage.csv"
    shutil.copy(coverage_dir() / "coverage_2025_by_code.csv", coverage)
    workbook = folder / "report.xlsx"
    shutil.copy(coverage_dir() / "bao_cao_ha_tang_so_2025.xlsx", workbook)
    template = folder / "template.xlsx"
    shutil.copy(workbook, template)
    sites = folder / "sites.csv"
    shutil.copy(coverage_dir() / "tram_5g_mau.csv", sites)
    legacy = folder / "legacy.csv"
    shutil.copy(coverage_dir() / "ha_nam_2024_legacy.csv", legacy)
    project = folder / "map.gismap"
    project.write_text(json.dumps(_project_payload("communes.shp", "coverage.csv")), encoding="utf-8")
    return Base(shapefile, frame, coverage, workbook, template, sites, legacy, gpkg, project)


def _project_payload(source, table=None, **overrides) -> dict:
    """A valid project (format 2) of one styled layer; ``overrides`` replace layer keys."""
    layer = {"name": "communes", "source": source, "visible": True, "opacity": 1.0,
             "style": {"column": "area_km2", "scheme": "quantiles", "k": 5, "cmap": "YlGnBu"},
             "recipe": [{"step": "join", "table": table}] if table else []}
    layer.update(overrides)
    return {"format": "gismap-project", "version": 2,
            "document": {"title": "Bản đồ", "subtitle": "", "source_note": "", "extent": None, "layers": [layer]}}


# ---------------------------------------------------------------------------------------- Shapefiles

def _shapefile_damage(b: _Builder) -> None:
    size = {s: b.base.shapefile.with_suffix(s).stat().st_size for s in (".shp", ".shx", ".dbf")}
    for keep in (0, 50, 99, 100, 108, 150, size[".shp"] // 3, size[".shp"] // 2, size[".shp"] - 1,
                 *sorted(b.random.sample(range(100, size[".shp"]), 11))):
        b.truncate(b.shapefile("truncated shp", damaged=True), keep)
    for keep in (0, 60, 100, 108, size[".shx"] // 2, size[".shx"] - 4, size[".shx"] - 8):
        shp = b.shapefile("truncated shx", damaged=True)
        b.truncate(shp.with_suffix(".shx"), keep)
    header = _dbf_header_length(b.base.shapefile.with_suffix(".dbf"))
    for keep in (0, 10, 31, 32, header - 1, header, header + 40, size[".dbf"] // 2, size[".dbf"] - 100,
                 size[".dbf"] - 1):
        # The last byte is the end-of-file mark, which many writers leave out: without it every record is whole.
        shp = b.shapefile("truncated dbf", damaged=keep != size[".dbf"] - 1)
        b.truncate(shp.with_suffix(".dbf"), keep)
    for part, count in ((".shp", 25), (".shx", 10), (".dbf", 15)):
        for number in range(count):
            shp = b.shapefile(f"bit-flipped {part[1:]}")
            b.flip_bits(shp.with_suffix(part), 1 + number % 4, start=0 if number % 3 == 0 else 100)
    for number in range(6):
        shp = b.shapefile("bytes inserted")
        b.insert_bytes(shp.with_suffix((".shp", ".dbf", ".shx")[number % 3]), 1 + 7 * number)
    _lying_headers(b)


def _dbf_header_length(dbf: Path) -> int:
    return struct.unpack_from("<H", dbf.read_bytes(), 8)[0]


def _patch(path: Path, offset: int, fmt: str, *values) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into(fmt, data, offset, *values)
    path.write_bytes(bytes(data))


def _lying_headers(b: _Builder) -> None:
    """Counts and lengths in the headers that disagree with the bytes that follow."""
    shp_lies = [
        (24, ">i", 0x7FFFFFFF), (24, ">i", 0), (24, ">i", -1), (32, "<i", 1), (32, "<i", 31), (32, "<i", 99),
        (0, ">i", 1234), (104, ">i", 0x7FFFFFFF), (104, ">i", -5),  # first record's content length
        (144, "<i", 0x7FFFFFFF), (144, "<i", -3), (144, "<i", 0),  # first polygon's part count
        (148, "<i", 0x7FFFFFFF), (148, "<i", -7), (148, "<i", 2),  # its point count
        (152, "<i", 10**9),  # its first part starts far beyond its points
        (36, "<d", float("nan")), (36, "<4d", float("inf"), float("-inf"), 1e308, -1e308),  # the bounding box
        (108, "<i", 8),  # the first record claims to be a MultiPoint
    ]
    for offset, fmt, *values in shp_lies:
        shp = b.shapefile("header-lying shp", damaged=True)
        _patch(shp, offset, fmt, *values)
    for offset, fmt, *values in ((100, ">i", 0x7FFFFFFF), (100, ">i", -1), (108, ">i", 3), (104, ">i", 0x7FFFFFF),
                                 (24, ">i", 10**8)):
        shp = b.shapefile("header-lying shx", damaged=True)
        _patch(shp.with_suffix(".shx"), offset, fmt, *values)
    records = len(b.base.frame)
    for offset, fmt, value in ((4, "<I", records + 20), (4, "<I", records - 20), (4, "<I", 0), (4, "<I", 0xFFFFFFFF),
                               (8, "<H", 0xFFFF), (8, "<H", 33), (10, "<H", 0xFFFF), (10, "<H", 1),
                               (32 + 16, "<B", 0), (32 + 16, "<B", 255), (32 + 11, "<B", ord("Q"))):
        # A field type letter no dBASE knows is read as text, as GDAL and dBASE readers do: nothing is lost.
        shp = b.shapefile("header-lying dbf", damaged=offset != 32 + 11)
        _patch(shp.with_suffix(".dbf"), offset, fmt, value)
    # The attribute table and index of another layer: a record count that disagrees with the .shp.
    provinces = shapefiles_dir() / "provinces_vn_2025_overview"
    for part in (".dbf", ".shx"):
        shp = b.shapefile("sidecar of another layer", damaged=True)
        shutil.copy(provinces.with_suffix(part), shp.with_suffix(part))
    shp = b.shapefile("sidecar of another layer", damaged=True)
    fewer = b.base.frame.head(records - 10)
    fewer.to_file(shp.parent / "fewer.shp", engine="pyogrio", encoding="UTF-8")
    shutil.copy(shp.parent / "fewer.dbf", shp.with_suffix(".dbf"))
    for part in SHAPEFILE_PARTS:
        shp.parent.joinpath(f"fewer{part}").unlink()


def _sidecars(b: _Builder) -> None:
    for missing in ((".shx",), (".dbf",), (".prj",), (".cpg",), (".shx", ".dbf", ".prj", ".cpg"), (".prj", ".cpg")):
        shp = b.shapefile("missing sidecar")
        for part in missing:
            shp.with_suffix(part).unlink()
    shp = b.shapefile("upper-case sidecars")
    for part in SHAPEFILE_PARTS:
        shp.with_suffix(part).rename(shp.with_suffix(part.upper()))
    for text in ("garbage, not WKT", "", 'GEOGCS["x"', "\x00\xff" * 50, "PROJCS[" * 5000):
        shp = b.shapefile("wrong prj")
        shp.with_suffix(".prj").write_text(text, encoding="latin-1")
    for text, damaged in ((UTM_48N_PRJ, True), ('PROJCS["VN-2000 / TM-3 105-45",' + UTM_48N_PRJ[27:], True)):
        shp = b.shapefile("crs contradicts coordinates", damaged=damaged)
        shp.with_suffix(".prj").write_text(text, encoding="ascii")
    projected = b.base.frame.to_crs(32648)
    shp = b.shapefile("crs contradicts coordinates", damaged=True, frame=projected)
    shp.with_suffix(".prj").write_text(b.base.shapefile.with_suffix(".prj").read_text())  # says degrees; metres inside


def _encodings(b: _Builder) -> None:
    for cpg in ("UTF-16", "latin-1", "1252", "BIG5", "not-an-encoding", "", "UTF-32", "65001", "x" * 100_000,
                "../../../etc/passwd", "\x00\x00", "UTF-8\r\nISO-8859-1"):
        shp = b.shapefile("cpg names wrong encoding", damaged=cpg in ("UTF-16", "latin-1", "1252", "BIG5", "UTF-32"))
        shp.with_suffix(".cpg").write_bytes(cpg.encode("latin-1"))
    legacy = {"tcvn3": encode_tcvn3, "vni": encode_vni, "cp1258": lambda t: t.encode("cp1258", errors="replace")}
    for name, encode in legacy.items():
        for cpg in (None, "1258", "UTF-8"):
            frame = b.base.frame.copy()
            for column in ("name", "full_name", "prov_name"):
                frame[column] = [encode(v).decode("latin-1") for v in frame[column]]
            shp = b.case(f"legacy text {name}", "layer", "communes.shp", damaged=cpg == "UTF-8")
            frame.to_file(shp, engine="pyogrio", encoding="ISO-8859-1")
            shp.with_suffix(".cpg").unlink(missing_ok=True)
            if cpg is not None:
                shp.with_suffix(".cpg").write_text(cpg)
        for number, (header, separator) in enumerate((("Tên xã,Dân số", ","), ("Tên xã;Dân số", ";"))):
            names = b.base.frame["name"].head(40)
            text = "\n".join([header, *(f"{n}{separator}{1000 + i}" for i, n in enumerate(names))])
            path = b.case(f"legacy text {name} table", "table", f"bang_{number}.csv")
            path.write_bytes(encode(text))


# ---------------------------------------------------------------------------------------- geometry

BOMB_BYTES = 150_000_000  # inflated: far more than any layer or table of a province, little on disk
SENTINEL = 1234.5678  # a coordinate GDAL writes, replaced in the file's bytes by one it refuses to write


def _geometry(b: _Builder) -> None:
    frame = b.base.frame.head(12).copy()
    ring = [(105.9, 20.2), (106.0, 20.2), (106.0, 20.3), (105.9, 20.3), (105.9, 20.2)]
    poisoned_ring = [ring[0], (SENTINEL, 20.2), (106.0, SENTINEL), ring[0]]
    for label, value in {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"), "1e308": 1e308,
                         "-1e308": -1e308}.items():
        some = frame.copy()
        some.loc[[0, 5], "geometry"] = shapely.Polygon(poisoned_ring)
        every = frame.copy()
        every["geometry"] = [shapely.Polygon(poisoned_ring)] * len(frame)
        for variant, data in (("some", some), ("all", every)):
            for suffix in (".shp", ".gpkg", ".geojson"):
                path = b.case(f"coordinates {label}", "layer", f"{variant}{suffix}")
                _write_frame(data, path)
                sentinel, bad = struct.pack("<d", SENTINEL), struct.pack("<d", value)
                if suffix == ".geojson":
                    path.write_text(path.read_text().replace(str(SENTINEL), json.dumps(value)))
                else:
                    path.write_bytes(path.read_bytes().replace(sentinel, bad))
    degenerate = {
        "null": None,
        "empty": shapely.Polygon(),
        "zero-area ring": shapely.Polygon([(105.9, 20.2), (106.0, 20.2), (106.1, 20.2), (105.9, 20.2)]),
        "two-point ring": shapely.from_wkt("POLYGON ((105.9 20.2, 106 20.3, 105.9 20.2))"),
        "one-point ring": shapely.from_wkt("POLYGON ((105.9 20.2, 105.9 20.2, 105.9 20.2, 105.9 20.2))"),
        "bow-tie": shapely.Polygon([(105.9, 20.2), (106.0, 20.3), (106.0, 20.2), (105.9, 20.3), (105.9, 20.2)]),
        "hole outside shell": shapely.Polygon(ring, [[(107, 21), (107.1, 21), (107.1, 21.1), (107, 21)]]),
        "point": shapely.Point(105.9, 20.2),
        "line": shapely.LineString([(105.9, 20.2), (106.0, 20.3)]),
    }
    for label, geometry in degenerate.items():
        for variant in ("some", "all"):
            data = frame.copy()
            rows = [0, 3, 7] if variant == "some" else list(range(len(data)))
            data["geometry"] = [geometry if i in rows else g for i, g in enumerate(data.geometry)]
            suffix = (".shp", ".gpkg", ".geojson")[len(b.cases) % 3]
            path = b.case(f"geometry {label}", "layer", f"{variant}{suffix}")
            _write_frame(data, path)


def _write_frame(frame: gpd.GeoDataFrame, path: Path) -> None:
    frame.to_file(path, engine="pyogrio", **({"encoding": "UTF-8"} if path.suffix == ".shp" else {}))


# ---------------------------------------------------------------------------------------- GeoPackage

def _geopackages(b: _Builder) -> None:
    path = b.case("gpkg without geometry", "layer", "attributes.gpkg")
    pd.DataFrame(b.base.frame.drop(columns="geometry")).to_csv(path.with_suffix(".csv"), index=False)
    _attributes_only_gpkg(path, b.base.frame)
    path.with_suffix(".csv").unlink()
    path = b.case("gpkg without geometry", "layer", "mixed.gpkg")
    shutil.copy(b.base.gpkg, path)
    _attributes_only_gpkg(path, b.base.frame, table="extra")
    path = b.case("gpkg empty", "layer", "empty.gpkg")
    sqlite3.connect(path).close()
    path = b.case("gpkg empty", "layer", "not_sqlite.gpkg")
    path.write_text("this is not a GeoPackage\n" * 20)
    path = b.case("gpkg with wal", "layer", "wal.gpkg")
    shutil.copy(b.base.gpkg, path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE note (text TEXT)")  # a change held in the log only
    connection.execute("INSERT INTO note VALUES ('in the write-ahead log')")
    connection.commit()
    shutil.copy(path, path.parent / "keep.gpkg")
    shutil.copy(f"{path}-wal", path.parent / "keep.gpkg-wal")
    connection.close()  # checkpoints the log into the file: put the pair back as it was with the log
    shutil.move(path.parent / "keep.gpkg", path)
    shutil.move(path.parent / "keep.gpkg-wal", f"{path}-wal")
    Path(f"{path}-shm").unlink(missing_ok=True)
    size = b.base.gpkg.stat().st_size
    for keep in (100, 4096, size // 2, size - 4096):
        path = b.case("truncated gpkg", "layer", "communes.gpkg", damaged=True)
        shutil.copy(b.base.gpkg, path)
        b.truncate(path, keep)
    for number in range(12):
        path = b.case("bit-flipped gpkg", "layer", "communes.gpkg")
        shutil.copy(b.base.gpkg, path)
        b.flip_bits(path, 1 + number, start=0 if number < 3 else 1024)
    path = b.case("gpkg srs lies", "layer", "communes.gpkg")
    shutil.copy(b.base.gpkg, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE gpkg_spatial_ref_sys SET definition = 'garbage' WHERE srs_id = 4326")
    path = b.case("gpkg srs lies", "layer", "communes.gpkg")
    shutil.copy(b.base.gpkg, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE gpkg_contents SET srs_id = 999999")
        connection.execute("UPDATE gpkg_geometry_columns SET srs_id = 999999")


def _attributes_only_gpkg(path: Path, frame: gpd.GeoDataFrame, table: str = "communes") -> None:
    import pyogrio

    pyogrio.write_dataframe(pd.DataFrame(frame.drop(columns="geometry")), path, layer=table, driver="GPKG",
                            append=path.exists())


# ---------------------------------------------------------------------------------------- GeoJSON, KML

def _geojson(b: _Builder) -> None:
    ring = [[105.9, 20.2], [106.0, 20.2], [106.0, 20.3], [105.9, 20.2]]

    def collection(geometry, properties=None) -> str:
        feature = {"type": "Feature", "properties": properties or {"code": "13285", "name": "Phủ Lý"},
                   "geometry": geometry}
        return json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False)

    variants = {
        "coordinates as strings": collection({"type": "Polygon", "coordinates": [[[str(x), str(y)] for x, y in ring]]}),
        "wrong nesting": collection({"type": "Polygon", "coordinates": ring}),
        "too deep": collection({"type": "Polygon", "coordinates": [[ring]]}),
        "unknown type": collection({"type": "Hexagon", "coordinates": [ring]}),
        "no coordinates": collection({"type": "Polygon"}),
        "null geometry": collection(None),
        "features null": json.dumps({"type": "FeatureCollection", "features": None}),
        "no features": json.dumps({"type": "FeatureCollection", "features": []}),
        "bare geometry": json.dumps({"type": "Polygon", "coordinates": [ring]}),
        "not an object": "[1, 2, 3]",
        "empty file": "",
        "truncated": collection({"type": "Polygon", "coordinates": [ring]})[:60],
        "nested 100000 deep": "[" * 100_000 + "]" * 100_000,
        "coordinates 1e999": collection({"type": "Polygon", "coordinates": [[[0, 0]]]}).replace(
            "[[[0, 0]]]", "[[[1e999, 20], [106, 1e999], [106, 20], [1e999, 20]]]"),
        "NaN literals": collection({"type": "Polygon", "coordinates": [ring]}).replace("105.9", "NaN", 1),
        "crs link": json.dumps({"type": "FeatureCollection",
                                "crs": {"type": "link", "properties": {"href": "http://example.invalid/crs", "type": "proj4"}},
                                "features": json.loads(collection({"type": "Polygon", "coordinates": [ring]}))["features"]}),
        "crs name contradicts": json.dumps({"type": "FeatureCollection",
                                            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}},
                                            "features": json.loads(collection({"type": "Polygon", "coordinates": [ring]}))["features"]}),
        "payload properties": collection({"type": "Polygon", "coordinates": [ring]},
                                         {"code": PAYLOADS[5], "name": SCRIPT_PAYLOAD, IMG_PAYLOAD: PAYLOADS[0]}),
        "huge property": collection({"type": "Polygon", "coordinates": [ring]}, {"name": "x" * 3_000_000}),
    }
    for label, text in variants.items():
        path = b.case(f"geojson {label}", "layer", "layer.geojson", damaged=label in ("truncated",))
        path.write_text(text, encoding="utf-8")
    whole = collection({"type": "Polygon", "coordinates": [ring]})
    for label, data in (("utf-16", whole.encode("utf-16")), ("bom", b"\xef\xbb\xbf" + whole.encode()),
                        ("binary", bytes(b.random.randbytes(4000)))):
        path = b.case(f"geojson {label}", "layer", "layer.json")
        path.write_bytes(data)


KML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
KML_PLACEMARK = ("<Placemark><name>{name}</name><Polygon><outerBoundaryIs><LinearRing><coordinates>"
                 "105.9,20.2 106.0,20.2 106.0,20.3 105.9,20.2</coordinates></LinearRing></outerBoundaryIs>"
                 "</Polygon></Placemark>")


def _kml(b: _Builder) -> None:
    document = '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>{body}</Document></kml>'
    variants = {
        "xxe file": '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                    + document.format(body=KML_PLACEMARK.format(name="&xxe;")),
        "xxe url": '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "http://example.invalid/x">]>\n'
                   + document.format(body=KML_PLACEMARK.format(name="&xxe;")),
        "entity expansion": '<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(7)) + ']>\n'
            + document.format(body=KML_PLACEMARK.format(name="&h;")),
        "network link": document.format(body="<NetworkLink><Link><href>http://example.invalid/x.kml</href></Link>"
                                             "</NetworkLink>" + KML_PLACEMARK.format(name="x")),
        "malformed": document.format(body=KML_PLACEMARK.format(name="x"))[:150],
        "payload names": document.format(body=KML_PLACEMARK.format(name="&lt;script&gt;alert(1)&lt;/script&gt;")),
        "no features": document.format(body=""),
    }
    for label, text in variants.items():
        path = b.case(f"kml {label}", "layer", "layer.kml", damaged=label == "malformed")
        path.write_text(KML_HEAD + text, encoding="utf-8")
    path = b.case("kml kmz", "layer", "layer.kmz")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("doc.kml", KML_HEAD + variants["xxe file"])


# ---------------------------------------------------------------------------------------- zips

def _zips(b: _Builder) -> None:
    parts = {part: b.base.shapefile.with_suffix(part).read_bytes() for part in SHAPEFILE_PARTS}

    def zipped(kind: str, members: dict[str, bytes], role: str = "layer", damaged: bool = False) -> Path:
        path = b.case(kind, role, "layer.zip", damaged)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return path

    zipped("zip shapefile", {f"communes{p}": d for p, d in parts.items()})
    zipped("zip traversal names", {f"../../../../tmp/evil{p}": d for p, d in parts.items()})
    zipped("zip traversal names", {f"/tmp/evil{p}": d for p, d in parts.items()})
    zipped("zip traversal names", {f"a/../../b/communes{p}": d for p, d in parts.items()})
    zipped("zip missing dbf", {f"communes{p}": d for p, d in parts.items() if p != ".dbf"})
    zipped("zip empty", {})
    zipped("zip many members", {f"f{i}.txt": b"" for i in range(20_000)})
    zipped("zip nested", {"inner.zip": zipped("zip shapefile", {f"communes{p}": d for p, d in parts.items()})
                          .read_bytes()})
    zipped("zip two shapefiles", {**{f"a{p}": d for p, d in parts.items()}, **{f"b{p}": d for p, d in parts.items()}})
    # Real bombs, kept small on disk: members that inflate to hundreds of megabytes.
    zipped("zip bomb", {"communes.shp": parts[".shp"][:100] + bytes(BOMB_BYTES), **{
        f"communes{p}": d for p, d in parts.items() if p != ".shp"}})
    zipped("zip bomb", {f"communes{p}": d for p, d in parts.items() if p != ".dbf"} | {
        "communes.dbf": parts[".dbf"] + b" " * BOMB_BYTES})
    for declared in (2**32 - 1, 10**12):  # headers that declare sizes the data does not have
        path = zipped("zip declares huge size", {f"communes{p}": d for p, d in parts.items()})
        _lie_about_sizes(path, declared)
    path = zipped("zip truncated", {f"communes{p}": d for p, d in parts.items()}, damaged=True)
    b.truncate(path, path.stat().st_size // 2)
    for number in range(5):
        path = zipped("zip bit-flipped", {f"communes{p}": d for p, d in parts.items()})
        b.flip_bits(path, 1 + number)
    path = b.case("zip symlink member", "layer", "layer.zip")
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            if part != ".dbf":
                archive.writestr(f"communes{part}", data)
        link = zipfile.ZipInfo("communes.dbf")
        link.external_attr = (0o120777 << 16)  # a symbolic link to /etc/passwd once extracted
        archive.writestr(link, "/etc/passwd")


def _lie_about_sizes(path: Path, declared: int) -> None:
    """Rewrite every member's uncompressed size in the local and central headers (zip64 when huge)."""
    data = bytearray(path.read_bytes())
    value = min(declared, 0xFFFFFFFF)
    start = 0
    while (at := data.find(b"PK\x01\x02", start)) >= 0:
        struct.pack_into("<I", data, at + 24, value)
        local = struct.unpack_from("<I", data, at + 42)[0]
        struct.pack_into("<I", data, local + 22, value)
        start = at + 4
    path.write_bytes(bytes(data))


# ---------------------------------------------------------------------------------------- special files

def _special_files(b: _Builder) -> None:
    for part in (".shp", ".shx", ".dbf"):
        shp = b.shapefile(f"fifo as {part[1:]}")
        shp.with_suffix(part).unlink()
        os.mkfifo(shp.with_suffix(part))
    for name, role in (("table.csv", "table"), ("map.gismap", "project"), ("layer.gpkg", "layer"),
                       ("layer.geojson", "layer")):
        path = b.case("fifo", role, name)
        os.mkfifo(path)
    links = [(".dbf", "/dev/zero", True), (".shp", "/dev/zero", True), (".shx", "/dev/urandom", True),
             (".dbf", "/etc/passwd", True), (".prj", "/etc/passwd", False), (".cpg", "/dev/zero", False),
             (".prj", "/dev/zero", False)]
    for part, target, damaged in links:
        shp = b.shapefile(f"{part[1:]} symlink to {Path(target).name}", damaged=damaged)
        shp.with_suffix(part).unlink()
        shp.with_suffix(part).symlink_to(target)
    for name, role, target in (("table.csv", "table", "/dev/zero"), ("table.csv", "table", "/etc/passwd"),
                               ("table.xlsx", "table", "/dev/zero"), ("map.gismap", "project", "/dev/zero"),
                               ("map.gismap", "project", "/etc/passwd"), ("layer.gpkg", "layer", "/dev/zero"),
                               ("layer.geojson", "layer", "/dev/urandom"), ("layer.shp", "layer", "missing-target"),
                               ("template.xlsx", "template", "/dev/zero")):
        path = b.case(f"symlink to {Path(target).name}", role, name)
        path.symlink_to(target)
    path = b.case("symlink loop", "layer", "loop.shp")
    path.symlink_to(path.with_name("loop2.shp"))
    path.with_name("loop2.shp").symlink_to(path)
    path = b.case("directory as file", "layer", "folder.shp")
    path.mkdir()
    path = b.case("directory as file", "table", "folder.csv")
    path.mkdir()
    path = b.case("directory as file", "project", "folder.gismap")
    path.mkdir()


# ---------------------------------------------------------------------------------------- tables

def _tables(b: _Builder) -> None:
    def csv_case(kind: str, text: str | bytes, name: str = "table.csv", role: str = "table") -> Path:
        path = b.case(kind, role, name)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    codes = list(b.base.frame["code"])
    csv_case("csv 100000 columns", ",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join(["1"] * 100_000))
    csv_case("csv 100000 columns", "Mã xã," + ",".join(f"c{i}" for i in range(100_000)) + "\n")
    csv_case("csv 1000000 rows", "Mã xã,Dân số\n" + "13285,1\n" * 1_000_000)
    csv_case("csv 1000000 rows", "x\n" * 1_000_000)
    csv_case("csv long cell", "Mã xã,Tên xã\n13285," + "x" * 5_000_000 + "\n")
    csv_case("csv long line", "," * 2_000_000)
    csv_case("csv one header", "Mã xã,Dân số\n")
    csv_case("csv empty", "")
    csv_case("csv empty", "\n\n\n")
    csv_case("csv binary", b.random.randbytes(20_000))
    csv_case("csv nul bytes", "Mã xã,Dân số\n" + "\n".join(f"{c},\x00{i}\x00" for i, c in enumerate(codes)))
    csv_case("csv utf-16", ("Mã xã,Dân số\n" + "\n".join(f"{c},{i}" for i, c in enumerate(codes))).encode("utf-16"))
    csv_case("csv utf-32", ("Mã xã,Dân số\n" + "\n".join(f"{c},{i}" for i, c in enumerate(codes))).encode("utf-32"))
    csv_case("csv mixed newlines", "Mã xã,Dân số\r" + "\r\n".join(f"{c},{i}" for i, c in enumerate(codes)) + "\n")
    csv_case("csv unbalanced quotes", 'Mã xã,Tên xã\n13285,"Phủ Lý\n13288,x\n' + "\n".join(f'{c},"' for c in codes))
    csv_case("csv duplicate headers", "Mã xã,Mã xã,Dân số,Dân số,,\n" + "\n".join(f"{c},{c},{i},{i},," for i, c in enumerate(codes)))
    for value in ("nan", "inf", "-inf", "1e308", "-1e308", "1e999", "0x1F", "--5", "1,2,3"):
        csv_case("csv hostile numbers", "Mã xã;Dân số;Tỷ lệ phủ sóng 4G (%)\n"
                 + "\n".join(f"{c};{value};{value}" for c in codes))
    for value in ("99999999999999999999", "-13285", "1.3285e4", "013285", " 13285 ", "13285.0000000001"):
        csv_case("csv hostile codes", "Mã xã,Dân số\n" + "\n".join(f"{value if i % 3 else c},{i}" for i, c in enumerate(codes)))
    csv_case("csv wrong province", "Mã xã,Dân số\n" + "\n".join(f"{i:05d},{i}" for i in range(1, 300)))
    csv_case("csv header far down", "\n" * 5000 + "Mã xã,Dân số\n13285,1\n")
    # Payloads in names, headers and values: exported CSV/XLSX and HTML must carry them as inert text.
    names = list(b.base.frame["name"])
    rows = [[codes[i], PAYLOADS[i % len(PAYLOADS)], i, PAYLOADS[(i + 3) % len(PAYLOADS)]] for i in range(len(codes))]
    header = ["Mã xã", "Tên xã", "Dân số", "Ghi chú"]
    csv_case("payloads in cells", _csv_text([header, *rows]))
    for payload in PAYLOADS:
        csv_case("payloads in headers", _csv_text([["Mã xã", payload, "Dân số"],
                                                   *([c, i, i] for i, c in enumerate(codes))]))
    csv_case("payloads in names", _csv_text([["Tên xã", "Dân số"], *([PAYLOADS[i % 5] + n, i] for i, n in enumerate(names))]))
    _workbooks(b, header, rows, codes)
    _payload_layers(b)


def _csv_text(rows: list[list]) -> str:
    buffer = io.StringIO()
    import csv

    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _xlsx(path: Path, sheet_xml: str, shared: str | None = None, extra: dict[str, bytes] | None = None,
          dimension_free: bool = True) -> None:
    """A minimal workbook of one sheet, XML parts given verbatim (so sizes and counts can lie)."""
    content_types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                     '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                     'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
                     'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                     + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                        'officedocument.spreadsheetml.sharedStrings+xml"/>' if shared is not None else "")
                     + "</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    workbook_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                     'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                     'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                     + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        'relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared is not None else "")
                     + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)


SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
              'spreadsheetml/2006/main">{dimension}<sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def _sheet(rows: str, dimension: str = "") -> str:
    return SHEET_HEAD.format(dimension=f'<dimension ref="{dimension}"/>' if dimension else "") + rows + SHEET_TAIL


def _workbooks(b: _Builder, header: list[str], rows: list[list], codes: list[str]) -> None:
    def xlsx_case(kind: str, role: str = "table") -> Path:
        return b.case(kind, role, "table.xlsx")

    inline = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{t}</t></is></c>'
                     for i, t in enumerate(("Mã xã", "Dân số")))
    body = "".join(f'<row r="{r + 2}"><c r="A{r + 2}" t="inlineStr"><is><t>{c}</t></is></c><c r="B{r + 2}">'
                   f"<v>{r}</v></c></row>" for r, c in enumerate(codes))
    _xlsx(xlsx_case("xlsx huge dimension"), _sheet(f'<row r="1">{inline}</row>' + body, "A1:XFD1048576"))
    _xlsx(xlsx_case("xlsx row 1048576"), _sheet(f'<row r="1">{inline}</row>' + body
                                                + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    _xlsx(xlsx_case("xlsx 1048576 rows"), _sheet(f'<row r="1">{inline}</row>'
                                                 + "<row><c><v>1</v></c><c><v>2</v></c></row>" * 1_048_575))
    _xlsx(xlsx_case("xlsx empty-cell bomb"), _sheet(f'<row r="1">{inline}</row>' + ("<row>" + "<c/>" * 200 + "</row>") * 20_000))
    _xlsx(xlsx_case("xlsx 16384 columns"), _sheet('<row r="1">' + "".join(
        f'<c t="inlineStr"><is><t>h{i}</t></is></c>' for i in range(16_384)) + "</row>"))
    strings = "<si><t>" + "A" * 1000 + "</t></si>"
    _xlsx(xlsx_case("xlsx shared-string bomb"), _sheet(f'<row r="1">{inline}</row>'
                                                       + '<row><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>' * 200_000),
          shared=f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
                 f"{strings}</sst>")
    _xlsx(xlsx_case("xlsx shared-string bomb"), _sheet(f'<row r="1">{inline}</row>'),
          shared='<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000000">'
                 + "<si><t>x</t></si>" * 2_000_000 + "</sst>")
    _xlsx(xlsx_case("xlsx shared-string index"), _sheet(f'<row r="1">{inline}</row><row r="2"><c r="A2" t="s">'
                                                        "<v>99999999</v></c><c r=\"B2\" t=\"s\"><v>-1</v></c></row>"),
          shared='<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>')
    _xlsx(xlsx_case("xlsx deflate bomb"), _sheet(f'<row r="1">{inline}</row><!--' + " " * BOMB_BYTES + "-->"))
    _xlsx(xlsx_case("xlsx xxe"), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
          + _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>')[21:])
    _xlsx(xlsx_case("xlsx entity expansion"), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8)) + "]>"
          + _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>')[21:])
    _xlsx(xlsx_case("xlsx bad cell refs"), _sheet('<row r="-5"><c r="ZZZZZZ0"><v>1</v></c></row>'
                                                  '<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>'))
    _xlsx(xlsx_case("xlsx external link"), _sheet(f'<row r="1">{inline}</row>' + body),
          extra={"xl/externalLinks/externalLink1.xml": b'<externalLink xmlns="http://schemas.openxmlformats.org/'
                 b'spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://example.invalid"/></externalLink>',
                 "xl/externalLinks/_rels/externalLink1.xml.rels": b'<Relationships><Relationship Id="rId1" '
                 b'Target="http://example.invalid/x.xlsx" TargetMode="External"/></Relationships>'})
    path = xlsx_case("xlsx not a zip")
    path.write_text("Mã xã,Dân số\n13285,1\n", encoding="utf-8")
    size = b.base.workbook.stat().st_size
    for keep in (0, 30, size // 3, size - 22):
        path = xlsx_case("truncated xlsx")
        shutil.copy(b.base.workbook, path)
        b.truncate(path, keep)
    for number in range(8):
        path = xlsx_case("bit-flipped xlsx")
        shutil.copy(b.base.workbook, path)
        b.flip_bits(path, 1 + number)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [header, *rows]:
        sheet.append(row)
    sheet.title = "=HYPERLINK(\"x\")"
    workbook.create_sheet(SCRIPT_PAYLOAD[:31].replace("/", "_").replace("[", "(").replace("]", ")")
                          .replace(":", "_").replace("*", "_").replace("?", "_"))
    path = xlsx_case("payloads in cells")
    workbook.save(path)
    for number in range(3):
        path = b.case("template damaged", "template", "template.xlsx")
        shutil.copy(b.base.template, path)
        b.flip_bits(path, 2 + number)
    path = b.case("template payloads", "template", "template.xlsx")
    workbook.save(path)
    path = b.case("template huge dimension", "template", "template.xlsx")
    _xlsx(path, _sheet(f'<row r="1">{inline}</row>' + body, "A1:XFD1048576"))
    path = b.case("template empty-cell bomb", "template", "template.xlsx")
    _xlsx(path, _sheet(f'<row r="1">{inline}</row>' + ("<row>" + "<c/>" * 200 + "</row>") * 20_000))


def _payload_layers(b: _Builder) -> None:
    frame = b.base.frame.copy()
    frame["name"] = [PAYLOADS[i % len(PAYLOADS)] for i in range(len(frame))]
    frame["prov_name"] = SCRIPT_PAYLOAD
    frame[IMG_PAYLOAD] = range(len(frame))
    for suffix in (".gpkg", ".geojson"):
        path = b.case("payloads in layer", "layer", f"communes{suffix}")
        frame.to_file(path, engine="pyogrio")
    sites = pd.read_csv(b.base.sites, sep=";", skiprows=1, dtype=str)
    sites["Tên trạm"] = [PAYLOADS[i % len(PAYLOADS)] for i in range(len(sites))]
    path = b.case("payloads in sites", "sites", "sites.csv")
    sites.to_csv(path, sep=";", index=False)
    for label, value in (("nan", "nan"), ("1e308", "1e308"), ("inf", "inf"), ("text", "abc")):
        hostile = sites.copy()
        hostile.loc[::3, "Kinh độ"] = value
        path = b.case(f"sites coordinates {label}", "sites", "sites.csv")
        hostile.to_csv(path, sep=";", index=False)


# ---------------------------------------------------------------------------------------- projects

def _projects(b: _Builder) -> None:
    def project_case(kind: str, payload: dict | str | bytes) -> Path:
        path = b.case(kind, "project", "map.gismap")
        for part in SHAPEFILE_PARTS:
            shutil.copy(b.base.shapefile.with_suffix(part), path.with_name(f"communes{part}"))
        shutil.copy(b.base.coverage, path.with_name("coverage.csv"))
        if isinstance(payload, dict):
            payload = json.dumps(payload, ensure_ascii=False)
        path.write_bytes(payload.encode("utf-8") if isinstance(payload, str) else payload)
        return path

    valid = _project_payload("communes.shp", "coverage.csv")

    def changed(where: Callable[[dict], None]) -> dict:
        payload = json.loads(json.dumps(valid))
        where(payload)
        return payload

    def document(key, value):
        return changed(lambda p: p["document"].__setitem__(key, value))

    def layer(key, value):
        return changed(lambda p: p["document"]["layers"][0].__setitem__(key, value))

    def style(key, value):
        return changed(lambda p: p["document"]["layers"][0]["style"].__setitem__(key, value))

    project_case("project valid", valid)
    for version in ("2", 2.5, -1, 10**30, True, None, [2]):
        project_case("project hostile version", changed(lambda p: p.__setitem__("version", version)))
    for value in ({"a": 1}, "layers", 5, None, [1, 2], [[]], [None]):
        project_case("project hostile layers", document("layers", value))
    for value in (5, None, ["communes.shp"], {"path": "x"}, "", "/dev/zero", "/etc/passwd", "../../../../../etc/passwd",
                  "http://example.invalid/x.shp", "\x00", "x" * 5000, "coverage.csv", "map.gismap"):
        project_case("project hostile source", layer("source", value))
    for key, value in (("k", 10**12), ("k", -1), ("k", "five"), ("k", 1.5), ("k", 0), ("scheme", "nonsense"),
                       ("breaks", ["a"]), ("breaks", [float("nan")]), ("breaks", list(range(100_000))),
                       ("cmap", "no_such_ramp"), ("cmap", None), ("column", 5), ("column", "no_such_column"),
                       ("column", {"x": 1}), ("fill", "not a colour"), ("outline", "red}}{{7*7"),
                       ("outline_width", 1e308), ("outline_width", float("nan")), ("label_column", SCRIPT_PAYLOAD),
                       ("reverse", "yes"), ("nonsense", 1)):
        project_case("project hostile style", style(key, value))
    project_case("project hostile style", layer("style", ["not", "a", "dict"]))
    for key, value in (("opacity", float("nan")), ("opacity", 5), ("opacity", "half"), ("visible", "no"),
                       ("name", None), ("name", "x" * 1_000_000), ("recipe", {"step": "join"}), ("recipe", "join"),
                       ("recipe", [{"step": "unknown"}]), ("recipe", [{"step": "join", "table": 5}]),
                       ("recipe", [{"step": "join", "table": "/dev/zero"}]),
                       ("recipe", [{"step": "join", "table": "../../../../etc/passwd"}]),
                       ("recipe", [{"step": "join", "table": "communes.shp"}]), ("recipe", [None]),
                       ("join", {"table": "coverage.csv", "sheet": 5}), ("site_counts", "x")):
        project_case("project hostile layer value", layer(key, value))
    for key, value in (("title", "T" * 1_000_000), ("title", "T" * 5_000_000), ("title", SCRIPT_PAYLOAD),
                       ("title", 5), ("title", None), ("subtitle", {"x": 1}), ("source_note", "{{ 7*7 }}" * 1000),
                       ("extent", ["a", "b", "c", "d"]), ("extent", [float("nan")] * 4), ("extent", [1e308, 1e308, -1e308, -1e308]),
                       ("extent", [1, 2]), ("extent", "all")):
        project_case("project hostile document value", document(key, value))
    project_case("project deep nesting", '{"format": "gismap-project", "version": 2, "document": '
                 + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}")
    project_case("project deep nesting", '{"format": "gismap-project", "version": 2, "document": {"title": '
                 + "[" * 100_000 + "]" * 100_000 + ', "layers": []}}')
    project_case("project not json", "not json at all {")
    project_case("project not json", "")
    project_case("project not json", "42")
    project_case("project not json", b"\xff\xfe" + json.dumps(valid).encode("utf-16-le"))
    project_case("project not json", b.random.randbytes(3000))
    text = json.dumps(valid)
    for keep in (10, len(text) // 2, len(text) - 2):
        project_case("truncated project", text[:keep])
    for number in range(10):
        path = project_case("bit-flipped project", text)
        b.flip_bits(path, 1 + number % 3)
    project_case("project many layers", document("layers", [valid["document"]["layers"][0]] * 100))


# ---------------------------------------------------------------------------------------- command lines

def _command_lines(b: _Builder) -> None:
    """Command lines that would write over their own inputs, or name outputs no file system takes."""

    def argv_case(kind: str, *commands: list[str]) -> Path:
        path = b.case(kind, "argv", "communes.shp")
        for part in SHAPEFILE_PARTS:
            shutil.copy(b.base.shapefile.with_suffix(part), path.with_suffix(part))
        shutil.copy(b.base.coverage, path.with_name("coverage.csv"))
        shutil.copy(b.base.template, path.with_name("template.xlsx"))
        shutil.copy(b.base.gpkg, path.with_name("communes.gpkg"))
        b.cases[-1].commands = [[part.replace("@", str(path.parent)) for part in command] for command in commands]
        return path

    shp, csv_, gpkg, xlsx = "@/communes.shp", "@/coverage.csv", "@/communes.gpkg", "@/template.xlsx"
    argv_case("out is the input", ["export", shp, "--out", shp])
    argv_case("out is the input", ["export", gpkg, "--out", gpkg])
    argv_case("out is the input", ["export", shp, "--data", csv_, "--out", csv_])
    argv_case("out is the input", ["join", shp, csv_, "--out", csv_])
    argv_case("out is the input", ["join", gpkg, csv_, "--out", gpkg])
    argv_case("out is the input", ["join", shp, csv_, "--report", csv_])
    argv_case("out is the input", ["fill-template", shp, "--data", csv_, xlsx, "--out", xlsx])
    argv_case("out is the input", ["render", gpkg, "--column", "area_km2", "--out", gpkg])
    argv_case("out is the input", ["export", "@/COMMUNES.SHP", "--out", shp])
    argv_case("out is a sidecar", ["export", shp, "--out", "@/communes.dbf"])
    argv_case("out is a sidecar", ["export", gpkg, "--out", "@/communes.shx"])
    argv_case("out is a sidecar", ["export", "@/link.gpkg", "--out", "@/communes.shp"])
    path = argv_case("out is a symlink to the input", ["export", gpkg, "--out", "@/out.gpkg"])
    path.with_name("out.gpkg").symlink_to("communes.gpkg")
    path = argv_case("out is a symlink to the input", ["export", shp, "--data", csv_, "--out", "@/out.csv"])
    path.with_name("out.csv").symlink_to(path.with_name("coverage.csv"))
    path = argv_case("out is a symlink to the input", ["render", shp, "--column", "area_km2", "--out", "@/map.png"])
    path.with_name("map.png").symlink_to("communes.shp")
    path = argv_case("out is a symlink to the input", ["export", shp, "--out", "@/out.shp"])
    path.with_name("out.dbf").symlink_to("communes.dbf")
    path = argv_case("out is a symlink to the input", ["join", shp, csv_, "--report", "@/report.json"])
    path.with_name("report.json").symlink_to("coverage.csv")
    path = argv_case("out is a hard link to the input", ["export", gpkg, "--out", "@/hard.gpkg"])
    os.link(path.with_name("communes.gpkg"), path.with_name("hard.gpkg"))
    argv_case("out and report the same", ["join", shp, csv_, "--out", "{out}/x.csv", "--report", "{out}/x.csv"])
    argv_case("project init over input", ["project", "init", shp])
    argv_case("out parent is a file", ["export", shp, "--out", "@/coverage.csv/out.gpkg"])
    argv_case("out parent is a file", ["render", shp, "--column", "area_km2", "--out", "@/coverage.csv/x.png"])
    argv_case("out parent is a file", ["project", "init", "@/coverage.csv/p.gismap"])
    argv_case("out parent is a file", ["join", shp, csv_, "--report", "@/coverage.csv/r.json"])
    argv_case("out name too long", ["export", shp, "--out", "{out}/" + "x" * 300 + ".gpkg"])
    argv_case("out name too long", ["render", shp, "--column", "area_km2", "--out", "{out}/" + "é" * 200 + ".png"])
    argv_case("out name too long", ["project", "init", "{out}/" + "x" * 300 + ".gismap"])
    argv_case("out missing folder", ["export", shp, "--out", "{out}/no/such/folder/x.gpkg"])
    argv_case("out is a folder", ["export", shp, "--out", "{out}"])
    argv_case("out is a folder", ["render", shp, "--column", "area_km2", "--out", "@"])
    argv_case("out is a device", ["export", shp, "--out", "/dev/null"])
    argv_case("out unknown format", ["export", shp, "--out", "{out}/x.docx"])
    argv_case("out unknown format", ["render", shp, "--column", "area_km2", "--out", "{out}/x.exe"])
    for size in ("100000x100000", "0x0", "-5x-5", "1x100000000", "99999999999999999999x2"):
        argv_case("hostile size", ["render", shp, "--column", "area_km2", "--size", size, "--out", "{out}/x.png"])
    for dpi in ("100000", "0", "-1"):
        argv_case("hostile dpi", ["render", shp, "--column", "area_km2", "--dpi", dpi, "--out", "{out}/x.pdf"])
    for k in ("1000000000000", "0", "-3", "1"):
        argv_case("hostile k", ["render", shp, "--column", "area_km2", "--k", k, "--out", "{out}/x.svg"])
    for breaks in ("nan,inf", "1e308,-1e308", "5,4,3", "1"):
        argv_case("hostile breaks", ["render", shp, "--column", "area_km2", "--scheme", "manual", "--breaks", breaks,
                                     "--out", "{out}/x.png"])
    for column in (SCRIPT_PAYLOAD, "no_such_column", "name", "geometry"):
        argv_case("hostile column", ["render", shp, "--column", column, "--out", "{out}/x.html"])
    argv_case("hostile title", ["render", shp, "--column", "area_km2", "--title", SCRIPT_PAYLOAD, "--out", "{out}/x.html"])
    argv_case("hostile title", ["render", shp, "--column", "area_km2", "--title", "T" * 1_000_000, "--out", "{out}/x.png"])
    for crs in ("garbage", "EPSG:999999", "+proj=lol", "0"):
        argv_case("hostile crs", ["export", shp, "--crs", crs, "--out", "{out}/x.gpkg"])
    for province in ("99", SCRIPT_PAYLOAD, "x" * 100_000, ""):
        argv_case("hostile province", ["join", shp, csv_, "--province", province, "--out", "{out}/x.csv"])
        argv_case("hostile province", ["project", "init", "{out}/p.gismap", "--province", province])
    for flag, value in (("--map", "=code"), ("--map", "Mã xã="), ("--resolve", "99999999999999999999=13285"),
                        ("--resolve", "1=" + "9" * 1000), ("--sheet", "no sheet"), ("--key", "name")):
        argv_case("hostile join options", ["join", shp, csv_, flag, value, "--out", "{out}/x.gpkg"])
    argv_case("hostile join options", ["fill-template", shp, "--data", csv_, xlsx, "--template-sheet",
                                       SCRIPT_PAYLOAD, "--out", "{out}/f.xlsx"])


BUILDERS = (_shapefile_damage, _sidecars, _encodings, _geometry, _geopackages, _geojson, _kml, _zips,
            _special_files, _tables, _projects, _command_lines)


def build_corpus(root: str | os.PathLike, seed: int = SEED) -> tuple[list[Case], Base]:
    """Write the corpus under ``root`` (which must not exist yet); return its cases and the clean base."""
    root = Path(root)
    root.mkdir(parents=True)
    builder = _Builder(root, seed)
    with warnings.catch_warnings():  # GDAL and GEOS say, rightly, that these files are odd
        warnings.simplefilter("ignore")
        for build in BUILDERS:
            build(builder)
    return builder.cases, builder.base


if __name__ == "__main__":  # pragma: no cover - a look at the classes: python -m tests.hostile.corpus FOLDER
    import collections
    import sys

    cases, _ = build_corpus(sys.argv[1])
    for kind, count in collections.Counter(case.kind for case in cases).items():
        print(f"{count:4d}  {kind}")
    print(f"{len(cases):4d}  cases")
