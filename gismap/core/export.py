"""Layer export: one layer with its attributes (joined indicators included) as a GIS file.

The format follows the file's suffix. Every export is in WGS 84 longitude/latitude (KML
requires it; every GIS reads it), text is written as NFC UTF-8, and files are written
atomically, so a failed export never leaves a half-written file or damages an existing one.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from gismap.core.atomic import atomic_dataset, atomic_path, write_text_atomic
from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError
from gismap.core.layers import MAP_CRS

# Suffix -> GDAL driver (CSV is written by pandas: attributes, optionally WKT).
EXPORT_DRIVERS = {
    ".gpkg": "GPKG",
    ".shp": "ESRI Shapefile",
    ".geojson": "GeoJSON",
    ".kml": "LIBKML",  # the plain KML driver cannot read its own attributes back
    ".fgb": "FlatGeobuf",
    ".csv": None,
}
EXPORT_FORMATS = tuple(EXPORT_DRIVERS)
SHAPEFILE_FIELD_LENGTH = 10  # bytes, a dBASE limit
WKT_COLUMN = "WKT"  # the name GDAL and QGIS recognise as geometry in a CSV


def export_layer(frame: gpd.GeoDataFrame, path: str | Path, *, wkt: bool = False,
                 source: str | Path | None = None) -> list[Path]:
    """Write ``frame`` to ``path`` in the format of its suffix; return the files written.

    ``wkt`` adds the geometry as a WKT column to a CSV. ``source``, the file the layer was
    read from, is refused as a target: an export never overwrites its input.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_DRIVERS:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: cannot export to this kind of file; choose a file ending in {formats}"),
            file=path.name, formats=", ".join(EXPORT_FORMATS))
    if source is not None and path.resolve() == Path(source).resolve():
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file} is the layer's own source file; choose another name"), file=path.name)
    frame = _writable(frame)
    if suffix == ".csv":
        return [_write_csv(frame, path, wkt)]
    if suffix == ".shp":
        return _write_shapefile(frame, path)
    options = {"SPATIAL_INDEX": "NO"} if suffix == ".fgb" else {}  # a spatial index reorders features
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(frame, tmp, driver=EXPORT_DRIVERS[suffix], layer=path.stem, **options)
    return [path]


def shapefile_field_names(columns: list[str]) -> dict[str, str]:
    """Original -> unique dBASE field name of at most 10 bytes (compared case-insensitively)."""
    taken: set[str] = set()
    names = {}
    for column in columns:
        short = _truncate(column, SHAPEFILE_FIELD_LENGTH)
        number = 1
        while short.lower() in taken:
            tag = f"_{number}"
            short = _truncate(column, SHAPEFILE_FIELD_LENGTH - len(tag)) + tag
            number += 1
        taken.add(short.lower())
        names[column] = short
    return names


def _writable(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy in WGS 84 with NFC text and no column type GDAL cannot store."""
    out = frame.to_crs(MAP_CRS) if frame.crs is not None and not frame.crs.equals(MAP_CRS) else frame.copy()
    for column in out.columns:
        values = out[column]
        if column == out.geometry.name:
            continue
        if str(values.dtype) == "boolean":
            # GDAL has no nullable boolean: 0/1 with nulls keeps "unknown" apart from "no".
            out[column] = values.astype("Int8")
        elif pd.api.types.is_string_dtype(values) or values.dtype == object:
            out[column] = values.map(lambda v: unicodedata.normalize("NFC", v) if isinstance(v, str) else v)
    return out


def _write_csv(frame: gpd.GeoDataFrame, path: Path, wkt: bool) -> Path:
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    if wkt:
        table[WKT_COLUMN] = shapely.to_wkt(frame.geometry.values, rounding_precision=-1)
    with atomic_path(path) as tmp:
        # UTF-8 with a byte-order mark: Excel, where these tables usually go, then shows Vietnamese right.
        table.to_csv(tmp, index=False, encoding="utf-8-sig")
    return path


def _write_shapefile(frame: gpd.GeoDataFrame, path: Path) -> list[Path]:
    """The Shapefile (UTF-8, with .cpg) and ``<stem>.fields.csv`` mapping its short field names."""
    attributes = [c for c in frame.columns if c != frame.geometry.name]
    names = shapefile_field_names(attributes)
    mapping = io.StringIO()
    writer = csv.writer(mapping, lineterminator="\n")
    writer.writerow(["original", "short"])
    writer.writerows(names.items())
    fields_csv = path.with_name(f"{path.stem}.fields.csv")
    with atomic_dataset(path) as tmp:
        pyogrio.write_dataframe(frame.rename(columns=names), tmp, driver="ESRI Shapefile", encoding="UTF-8")
        # Inside the dataset's folder, so the mapping lands together with the Shapefile.
        write_text_atomic(tmp.with_name(fields_csv.name), mapping.getvalue())
        sidecars = sorted(p.name for p in tmp.parent.iterdir() if p.name.startswith(f"{path.stem}.") and p != tmp)
    return [path, *(path.with_name(name) for name in sidecars)]


def _truncate(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` UTF-8 bytes, never inside a character."""
    return name.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
