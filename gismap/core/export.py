"""Layer export: one layer with its attributes (joined indicators included) as a GIS file or a table.

The format follows the file's suffix. An export is in WGS 84 longitude/latitude (KML
requires it; every GIS reads it) unless another coordinate system is asked for, such as the
VN-2000 TM-3 zone of a province (:func:`gismap.core.crs.resolve_crs`): the file then names
it (a Shapefile's ``.prj`` in the ESRI WKT that ArcGIS and QGIS read), and VN-2000 is reached
by the transformation of Decision 05/2007/QĐ-BTNMT. Text is written as NFC UTF-8, and files are written
atomically, so a failed export never leaves a half-written file or damages an existing one.

Spreadsheet outputs (CSV, XLSX) never start a cell with a formula: a text beginning with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, as OWASP
recommends against CSV injection (``=HYPERLINK(...)`` in a commune name stays text).
Numbers stay numbers, negative ones included.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from gismap.core.atomic import atomic_dataset, atomic_path, write_text_atomic
from gismap.core.crs import crs_label, reproject
from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError
from gismap.core.feedback import Feedback
from gismap.core.indicators import INDICATORS, is_join_detail
from gismap.core.inputs import refuse_overwriting
from gismap.core.layers import MAP_CRS
from gismap.core.xlsx import write_tables

# Suffix -> GDAL driver (CSV is written by pandas: attributes, optionally WKT).
EXPORT_DRIVERS = {
    ".gpkg": "GPKG",
    ".shp": "ESRI Shapefile",
    ".geojson": "GeoJSON",
    ".kml": "LIBKML",  # the plain KML driver cannot read its own attributes back
    ".fgb": "FlatGeobuf",
    ".csv": None,
    ".xlsx": None,
}
EXPORT_FORMATS = tuple(EXPORT_DRIVERS)
SHAPEFILE_FIELD_LENGTH = 10  # bytes, a dBASE limit
WKT_COLUMN = "WKT"  # the name GDAL and QGIS recognise as geometry in a CSV
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)*%?")  # "-12", "-1.234,5": no formula, kept as written


def export_layer(frame: gpd.GeoDataFrame, path: str | Path, *, wkt: bool = False, join_details: bool = False,
                 inputs: tuple[str | Path, ...] = (), feedback: Feedback | None = None,
                 crs: CRS | None = None) -> list[Path]:
    """Write ``frame`` to ``path`` in the format of its suffix; return the files written.

    ``wkt`` adds the geometry as a WKT column to a CSV or XLSX; ``join_details`` keeps the
    columns a join adds about itself (``has_data``, ``join_method``, ...). Counts are written
    as integers, communes without data left empty. ``inputs``, the files the
    layer was made from (source, joined tables, site lists), are refused as targets, sidecars
    and links included: an export never overwrites its input. A ``feedback`` cancelled before
    the written file is moved into place leaves nothing written. ``crs``: the coordinate system
    to write (default WGS 84).
    """
    feedback = feedback or Feedback()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_DRIVERS:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: cannot export to this kind of file; choose a file ending in {formats}"),
            file=path.name, formats=", ".join(EXPORT_FORMATS))
    crs = MAP_CRS if crs is None else CRS.from_user_input(crs)
    if suffix == ".kml" and not crs.equals(MAP_CRS):
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: KML holds WGS 84 longitude/latitude only, not {crs}; export to a GeoPackage or "
                           "Shapefile instead"), file=path.name, crs=crs_label(crs))
    refuse_overwriting([path], inputs)
    feedback.set_progress(0.0, path.name)
    frame = _writable(frame if join_details else frame.drop(columns=[c for c in frame.columns if is_join_detail(c)]),
                      crs)
    feedback.check()
    if suffix in (".csv", ".xlsx"):
        written = [_write_table(frame, path, wkt, feedback)]
    elif suffix == ".shp":
        written = _write_shapefile(frame, path, feedback)
    else:
        options = {"SPATIAL_INDEX": "NO"} if suffix == ".fgb" else {}  # a spatial index reorders features
        with atomic_path(path) as tmp:
            pyogrio.write_dataframe(frame, tmp, driver=EXPORT_DRIVERS[suffix], layer=path.stem, **options)
            feedback.check()
        written = [path]
    feedback.set_progress(1.0, path.name)
    return written


def safe_cell(value):
    """``value`` as a spreadsheet may hold it: a text that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with :func:`safe_cell` applied to its text cells and headers (kept unique: ``=a``
    and ``'=a`` become ``'=a`` and ``'=a_2``)."""
    headers = _unique_names([safe_cell(str(column)) for column in table.columns])
    columns = [table.iloc[:, i] for i in range(table.shape[1])]
    return pd.concat([(values.map(safe_cell) if pd.api.types.is_string_dtype(values) or values.dtype == object
                       else values).rename(header) for values, header in zip(columns, headers)], axis=1)


def shapefile_field_names(columns: list[str]) -> dict[str, str]:
    """Original -> unique dBASE field name of at most 10 bytes (compared case-insensitively)."""
    taken: set[str] = set()
    names = {}
    for column in columns:
        # A field name is also a cell of <stem>.fields.csv: none starts a formula.
        name = "_" + column if column.startswith(FORMULA_STARTS) else column
        short = _truncate(name, SHAPEFILE_FIELD_LENGTH)
        number = 1
        while short.lower() in taken:
            tag = f"_{number}"
            short = _truncate(name, SHAPEFILE_FIELD_LENGTH - len(tag)) + tag
            number += 1
        taken.add(short.lower())
        names[column] = short
    return names


def _unique_names(names: list) -> list:
    """``names`` with each repeat made unique by a number: ``a, a, b`` → ``a, a_2, b``."""
    unique: list = []
    for name in names:
        candidate, number = name, 1
        while candidate in unique:
            number += 1
            candidate = f"{name}_{number}"
        unique.append(candidate)
    return unique


def _writable(frame: gpd.GeoDataFrame, crs: CRS) -> gpd.GeoDataFrame:
    """A copy in ``crs`` with NFC text, unique column names (a damaged file can repeat one) and no
    column type GDAL cannot store."""
    out = reproject(frame, crs)
    if out.columns.has_duplicates:
        out.columns = _unique_names(list(out.columns))
    for column in out.columns:
        values = out[column]
        if column == out.geometry.name:
            continue
        if str(values.dtype) == "boolean":
            # GDAL has no nullable boolean: 0/1 with nulls keeps "unknown" apart from "no".
            out[column] = values.astype("Int8")
        elif _is_count(column, values):
            out[column] = values.astype("Int64")  # 30411, not 30411.0; no data stays empty
        elif pd.api.types.is_string_dtype(values) or values.dtype == object:
            out[column] = values.map(lambda v: unicodedata.normalize("NFC", v) if isinstance(v, str) else v)
    return out


def _write_table(frame: gpd.GeoDataFrame, path: Path, wkt: bool, feedback: Feedback) -> Path:
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    if wkt:
        table[WKT_COLUMN] = shapely.to_wkt(frame.geometry.values, rounding_precision=-1)
    with atomic_path(path) as tmp:
        if path.suffix.lower() == ".xlsx":
            write_tables(tmp, [(path.stem, table)])  # number formats, bold frozen header: see gismap.core.xlsx
        else:
            # UTF-8 with a byte-order mark: Excel, where these tables usually go, then shows Vietnamese right.
            # CRLF rows, as RFC 4180 says: a carriage return inside a cell is then quoted, not a row break.
            safe_table(table).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")
        feedback.check()
    return path


def _write_shapefile(frame: gpd.GeoDataFrame, path: Path, feedback: Feedback) -> list[Path]:
    """The Shapefile (UTF-8, with .cpg) and ``<stem>.fields.csv`` mapping its short field names."""
    attributes = [c for c in frame.columns if c != frame.geometry.name]
    names = shapefile_field_names(attributes)
    mapping = io.StringIO()
    writer = csv.writer(mapping, lineterminator="\n")
    writer.writerow(["original", "short"])
    writer.writerows([safe_cell(original), safe_cell(short)] for original, short in names.items())
    fields_csv = path.with_name(f"{path.stem}.fields.csv")
    with atomic_dataset(path) as tmp:
        pyogrio.write_dataframe(frame.rename(columns=names), tmp, driver="ESRI Shapefile", encoding="UTF-8")
        # Inside the dataset's folder, so the mapping lands together with the Shapefile.
        write_text_atomic(tmp.with_name(fields_csv.name), mapping.getvalue())
        sidecars = sorted(p.name for p in tmp.parent.iterdir() if p.name.startswith(f"{path.stem}.") and p != tmp)
        feedback.check()
    return [path, *(path.with_name(name) for name in sidecars)]


def _is_count(column, values: pd.Series) -> bool:
    """A catalogue count made decimal by the communes without data (NaN), all its values whole."""
    spec = INDICATORS.get(column)
    if spec is None or not spec.is_count or not pd.api.types.is_float_dtype(values):
        return False
    known = values.dropna()
    # Beyond 2**53 a float is always "whole" and may not fit an integer column: such a count stays decimal.
    return bool(np.all(np.abs(known) < 2 ** 53) and np.all(known == np.round(known)))


def _truncate(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` UTF-8 bytes, never inside a character."""
    return name.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
