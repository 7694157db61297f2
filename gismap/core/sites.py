"""Site lists: a CSV or Excel table with longitude and latitude columns, read as a point layer.

Telecom staff keep their BTS and fibre sites in spreadsheets such as::

    DANH SÁCH TRẠM 5G (title row)
    Mã trạm | Tên trạm       | Kinh độ   | Vĩ độ
    NBH001  | Phủ Lý 1       | 105,9123  | 20,5412

The table is read like a coverage report (title rows, merged headers, ``98,5`` decimals; see
:mod:`gismap.core.tables`). Coordinates are WGS 84 longitude/latitude in degrees, the form
GPS receivers and most operators' lists use, unless the user names the coordinate system
(:func:`gismap.core.crs.resolve_crs`): VN-2000 TM-3 or UTM eastings and northings in metres
are then converted to WGS 84, with a note saying from what. Metres without a coordinate
system named are refused, never guessed: the zones of neighbouring provinces overlap. Columns
given the other way round (latitude first, or X the northing as surveyors write it) are
swapped, with a note. Rows without usable coordinates are left out and listed in a note.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
from pyproj import CRS

from gismap.core.collector import collector_paused
from gismap.core.crs import WGS84, crs_label, is_metres_in_vietnam, transformer
from gismap.core.errors import QT_TRANSLATE_NOOP, LayerError, Message
from gismap.core.indicators import header_key
from gismap.core.tables import ParsedTable, parse_numbers, read_plain_csv, read_table

SITE_TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xls", ".ods")
# Header keys (folded, lowercase, units in brackets dropped) naming each coordinate.
LONGITUDE_HEADERS = frozenset({"kinh do", "lon", "long", "lng", "longitude", "x", "toa do x", "kd"})
LATITUDE_HEADERS = frozenset({"vi do", "lat", "latitude", "y", "toa do y", "vd"})
# Vietnam, its islands included, with a margin: longitude 101–118° E, latitude 7–24° N.
_LON_RANGE, _LAT_RANGE = (101.0, 118.0), (7.0, 24.0)
_LISTED_ROWS = 10


class ProjectedSites(LayerError):
    """A site list in metres whose coordinate system the user has not named."""


def read_sites(path: str | Path, sheet: str | None = None,
               crs: CRS | None = None) -> tuple[gpd.GeoDataFrame, list[str], str]:
    """The sites of a table as points in WGS 84, notes on what was changed or left out, and the
    text encoding of the table (see :attr:`~gismap.core.tables.ParsedTable.encoding`).

    ``crs`` is the coordinate system of the table's coordinates (None: WGS 84 degrees); metres
    without it raise :class:`ProjectedSites`. Degrees where ``crs`` is projected are read as
    WGS 84 longitude/latitude, with a note.
    """
    path = Path(path)
    table = (sheet is None and read_plain_csv(path)) or read_table(path, sheet)
    longitude, latitude = _coordinate_columns(path, table.raw.columns)
    notes: list[str] = list(table.encoding_notes)
    lon = _degrees(table, longitude, notes)
    lat = _degrees(table, latitude, notes)

    known = np.isfinite(lon) & np.isfinite(lat)
    if known.any() and np.nanmedian(np.abs(np.concatenate([lon[known], lat[known]]))) > 360:
        lon, lat = _metres_to_degrees(path, lon, lat, known, longitude, latitude, crs, notes)
    else:
        if _mostly_in(lat[known], _LON_RANGE) and _mostly_in(lon[known], _LAT_RANGE):
            lon, lat = lat, lon
            notes.append(Message(QT_TRANSLATE_NOOP(
                "GismapError", "'{x}' holds latitudes and '{y}' longitudes: read the other way round"),
                x=longitude, y=latitude))
        given = None if crs is None else CRS.from_user_input(crs)
        if given is not None and given.is_geographic and not given.equals(WGS84):  # VN-2000 degrees
            lon, lat = (np.asarray(v, dtype=float) for v in transformer(given, WGS84).transform(lon, lat))
        elif given is not None and not given.is_geographic:
            notes.append(Message(QT_TRANSLATE_NOOP(
                "GismapError", "the coordinates are degrees, not the metres of {crs}: read as WGS 84 longitude and "
                               "latitude"), crs=crs_label(given)))

    usable = known & (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
    outside = usable & ~(_within(lon, _LON_RANGE) & _within(lat, _LAT_RANGE))
    if not usable.any():
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: no row has a longitude and latitude in '{x}' and '{y}'. Write them in degrees, "
            "e.g. 105.9123 and 20.5412."),
            file=path.name, x=longitude, y=latitude)
    rows = table.raw.index.to_numpy()
    if (~usable).any():
        notes.append(Message(
            QT_TRANSLATE_NOOP("GismapError", "row {rows} has no usable coordinates and was left out")
            if (~usable).sum() == 1 else
            QT_TRANSLATE_NOOP("GismapError", "{count} rows without usable coordinates were left out (rows {rows})"),
            count=int((~usable).sum()), rows=_row_list(rows[~usable])))
    if outside.any():
        notes.append(Message(
            QT_TRANSLATE_NOOP("GismapError", "the site of row {rows} lies outside Vietnam; check its coordinates")
            if outside.sum() == 1 else
            QT_TRANSLATE_NOOP("GismapError", "{count} sites lie outside Vietnam; check their coordinates (rows {rows})"),
            count=int(outside.sum()), rows=_row_list(rows[outside])))

    attributes = table.frame.reindex(table.raw.index).drop(columns=[longitude, latitude], errors="ignore")
    with collector_paused():  # a point object per site: see gismap.core.collector
        frame = gpd.GeoDataFrame(
            attributes[usable].reset_index(),
            geometry=gpd.points_from_xy(lon[usable], lat[usable]), crs=4326,
        )
    return frame, notes, table.encoding


def is_site_list(table: ParsedTable) -> bool:
    """Whether a table has longitude and latitude columns (a site list, not values per commune)."""
    return None not in _find_coordinate_columns(table.raw.columns)


def _find_coordinate_columns(headers) -> tuple[str | None, str | None]:
    keys = {header: header_key(str(header)) for header in headers}
    return (next((h for h, k in keys.items() if k in LONGITUDE_HEADERS), None),
            next((h for h, k in keys.items() if k in LATITUDE_HEADERS), None))


def _metres_to_degrees(path: Path, x: np.ndarray, y: np.ndarray, known: np.ndarray, x_header: str, y_header: str,
                       crs: CRS | None, notes: list) -> tuple[np.ndarray, np.ndarray]:
    """Eastings and northings in ``crs`` as WGS 84 longitudes and latitudes (X and Y swapped where
    X holds the northings, as Vietnamese surveys write them)."""
    if not is_metres_in_vietnam(x[known], y[known]) and is_metres_in_vietnam(y[known], x[known]):
        x, y = y, x
        notes.append(Message(QT_TRANSLATE_NOOP(
            "GismapError", "'{x}' holds northings and '{y}' eastings (as surveys write X and Y): read the other way "
                           "round"), x=x_header, y=y_header))
    east, north = x[known], y[known]
    extent = f"{east.min():.0f}–{east.max():.0f} E, {north.min():.0f}–{north.max():.0f} N"
    if crs is None or CRS.from_user_input(crs).is_geographic:
        raise ProjectedSites(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: the coordinates in '{x}' and '{y}' are metres (VN-2000 or UTM), not degrees ({extent}). Say "
            "which coordinate system they are in: the province whose VN-2000 TM-3 zone they use (such as Hà Nam), or "
            "its EPSG code (VN-2000 TM-3: 9205–9218, 5897–5899; UTM 48N/49N: 3405/3406 on VN-2000, 32648/32649 on "
            "WGS 84)."),
            file=path.name, x=x_header, y=y_header, extent=extent)
    crs = CRS.from_user_input(crs)
    lon, lat = transformer(crs, WGS84).transform(x, y)
    notes.append(Message(QT_TRANSLATE_NOOP("GismapError", "coordinates in metres of {crs} ({extent}) converted to "
                                                          "WGS 84 longitude and latitude"),
                         crs=crs_label(crs), extent=extent))
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def _coordinate_columns(path: Path, headers) -> tuple[str, str]:
    longitude, latitude = _find_coordinate_columns(headers)
    if longitude is None or latitude is None:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: no longitude and latitude columns (such as 'Kinh độ' and 'Vĩ độ'), so it is not a site list. "
            "A table of values per commune is joined to a commune layer instead: use Join Table."),
            file=path.name)
    return longitude, latitude


# Degrees, minutes and seconds as site lists write them: 105°12′30″E, 105°12'30.5", 20 32 15 N, 105°12.5'.
_DMS_RE = re.compile(
    r"^\s*(?P<sign>[-+])?\s*(?P<d>\d{1,3}(?:[.,]\d+)?)\s*(?:°|º|˚|d|\s)\s*"
    r"(?:(?P<m>\d{1,2}(?:[.,]\d+)?)\s*(?:['′’]|m|\s)?\s*)?"
    r"(?:(?P<s>\d{1,2}(?:[.,]\d+)?)\s*(?:[\"″”]|''|′′|s)?\s*)?"
    r"(?P<hemisphere>[NSEWBTĐnsewbtđ])?\s*$")  # B(ắc), Đ(ông), T(ây) as Vietnamese lists write them


def dms_degrees(text) -> float | None:
    """Decimal degrees of a coordinate in degrees, minutes and seconds (``105°12′30″`` → 105.2083),
    None when it is not one. S and W (T, Tây) are negative."""
    match = _DMS_RE.match(str(text)) if isinstance(text, str) else None
    if match is None or (match["m"] is None and match["s"] is None):
        return None
    degrees, minutes, seconds = (float((match[part] or "0").replace(",", ".")) for part in ("d", "m", "s"))
    if minutes >= 60 or seconds >= 60:
        return None
    value = degrees + minutes / 60 + seconds / 3600
    negative = match["sign"] == "-" or (match["hemisphere"] or "").upper() in {"S", "W", "T"}
    return -value if negative else value


def _degrees(table: ParsedTable, header: str, notes: list) -> np.ndarray:
    """The coordinates of a column as decimal degrees: numbers as they are, degrees-minutes-seconds
    converted (noted)."""
    values = table.raw[header]
    # The table parsed the column as numbers already, unless most of it is not (degrees-minutes-seconds).
    parsed = table.frame[header]
    numbers = parsed if parsed.dtype == float else parse_numbers(values, table.decimal_comma)[0]
    numbers = numbers.to_numpy(dtype=float, copy=True)
    converted = 0
    # "105 12 30" also reads as the number 1051230: degrees-minutes-seconds where no degree is that big.
    not_degrees = np.flatnonzero(~(np.abs(numbers) <= 360))  # NaN included
    for position, value in zip(not_degrees, values.iloc[not_degrees].to_numpy(dtype=object)):
        if (degrees := dms_degrees(value)) is not None:
            numbers[position] = degrees
            converted += 1
    if converted:
        notes.append(Message(QT_TRANSLATE_NOOP(
            "GismapError", "'{column}': {count} coordinates in degrees, minutes and seconds converted to degrees"),
            column=header, count=converted))
    return numbers


def _within(values: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    return (values >= bounds[0]) & (values <= bounds[1])


def _mostly_in(values: np.ndarray, bounds: tuple[float, float]) -> bool:
    return len(values) > 0 and _within(values, bounds).mean() > 0.5


def _row_list(rows: np.ndarray) -> str:
    listed = ", ".join(str(r) for r in rows[:_LISTED_ROWS])
    return listed + (", …" if len(rows) > _LISTED_ROWS else "")


def count_sites(communes: gpd.GeoDataFrame, sites: gpd.GeoDataFrame) -> np.ndarray:
    """How many of ``sites`` lie in each commune, in the communes' order.

    A site exactly on a border shared by two communes is counted once, in the first of them,
    so the counts add up to the sites inside the layer.
    """
    hits = sites[["geometry"]].sjoin(communes[["geometry"]].reset_index(drop=True), predicate="intersects")
    first = hits[~hits.index.duplicated(keep="first")]
    return np.bincount(first["index_right"].to_numpy(dtype=np.int64), minlength=len(communes))
