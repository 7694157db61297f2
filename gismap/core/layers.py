"""Reading vector layers into GISMap's layer model.

Every format pyogrio reads is accepted (Shapefile, zipped Shapefile, GeoPackage with several
layers, GeoJSON, FlatGeobuf, KML, ...) through GDAL, and GeoParquet (read by
geopandas through pyarrow: GDAL builds often lack its driver). Each layer ends up in the map
CRS (WGS 84 longitude/latitude), with its source CRS, the text encoding used and its
geometry repairs on record. Problems a user can fix are raised as :class:`LayerError` with a
message that names the file and says what to do.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.raw
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyproj import CRS

from gismap.core.background import lower_thread_priority
from gismap.core.crs import crs_label, reproject
from gismap.core.encoding import dbf_codec, detect_shapefile_encoding, holds_utf8_text
from gismap.core.errors import QT_TRANSLATE_NOOP, LayerError, Message
from gismap.core.feedback import Feedback
from gismap.core.file_checks import check_before_reading, unreadable_zip
from gismap.core.inputs import readable_path, refuse_outside_links, refuse_special_files, sidecar
from gismap.core.legacy_text import repair_frame
from gismap.core.offline import forbid_network
from gismap.core.outlines import Outlines
from gismap.core.sites import SITE_TABLE_SUFFIXES, read_sites
from gismap.core.tables import WORKBOOK_SUFFIXES, list_sheets
from gismap.core.wkb import RUN as WKB_RUN
from gismap.core.wkb import decode_polygons, outlines_from_wkb

MAP_CRS = CRS.from_epsg(4326)
forbid_network()

GEOPARQUET_SUFFIX = ".parquet"
POLYGON_TYPES = {"Polygon", "MultiPolygon"}
POINT_TYPES = {"Point", "MultiPoint"}  # sites: drawn as markers, counted in communes
# Coordinates beyond this (metres or degrees) are no place on Earth: a bit flip, or a 1e308 placeholder.
UNUSABLE_COORDINATE = 1e10
# Longitude/latitude that a projected file's coordinates may be by mistake, and where a layer may lie at all.
VIETNAM_DEGREES = (100.0, 4.0, 120.0, 26.0)
NEAR_VIETNAM = (90.0, -5.0, 130.0, 35.0)
CPG_BYTES = 100  # a .cpg is one code page name; more is not one

# Geometry repair runs beside the caller: GEOS releases the GIL, so the layer is usable
# (and drawable) at once while its validity check finishes on the other core.
_validation_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gismap-validate",
                                      initializer=lower_thread_priority)


@dataclass(frozen=True, eq=False)
class LayerDraft:
    """What a polygon layer's first frame is drawn from while its geometry is being built: its
    outlines thinned for the view asked for, and the numeric ones of the columns asked for, as read
    (see :class:`DraftRequest`)."""

    outlines: Outlines
    attributes: pd.DataFrame


def _half_pixel_of_2k_view(bounds: tuple[float, float, float, float]) -> float:
    return max(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 4096


@dataclass(frozen=True)
class DraftRequest:
    """Asks :func:`read_layer` for a :class:`LayerDraft`: ``deliver`` gets it on the reading thread,
    reading goes on when it returns; ``columns``: those the first frame is coloured by; ``cell``:
    the grid its outlines are thinned to, for the layer's bounds (by default half a pixel of a view
    of them 2,048 pixels across)."""

    deliver: Callable[[LayerDraft], None]
    columns: Sequence[str] = ()
    cell: Callable[[tuple[float, float, float, float]], float] = _half_pixel_of_2k_view


@dataclass
class Layer:
    """One vector layer in the map CRS, with what was learnt while reading it."""

    name: str
    source: Path
    source_layer: str | None
    frame: gpd.GeoDataFrame
    source_crs: CRS
    encoding: str
    geometry_type: str
    warnings: list[str] = field(default_factory=list)
    _repair: Future | None = field(default=None, repr=False)
    _invalid_count: int | None = field(default=None, repr=False)

    @property
    def invalid_geometries(self) -> int:
        """Number of invalid geometries found (and repaired) in the source; waits for the check."""
        if self._invalid_count is None:
            self.wait_repaired()
        return self._invalid_count

    def check_geometry(self) -> None:
        """Start validating (and repairing) the geometry in the background, unless started already."""
        if self._repair is None and self._invalid_count is None:
            self._repair = _validation_pool.submit(_find_and_repair, self.frame.geometry.values)

    def wait_repaired(self) -> None:
        """Block until geometry validation has run and any repairs are in ``frame``."""
        self.check_geometry()
        if self._repair is not None:
            invalid_mask, repaired = self._repair.result()
            self._repair = None
            self._invalid_count = int(invalid_mask.sum())
            if self._invalid_count:
                geometry = self.frame.geometry.values.copy()
                geometry[invalid_mask] = repaired
                self.frame = self.frame.set_geometry(geometry)
                self.warnings.append(Message(
                    QT_TRANSLATE_NOOP("GismapError", "1 invalid geometry was repaired") if self._invalid_count == 1
                    else QT_TRANSLATE_NOOP(
                        "GismapError",
                        "{count} invalid geometries were repaired"), count=self._invalid_count))

    @property
    def repair_done(self) -> bool:
        """Whether the geometry check has finished (False while it runs or before it starts)."""
        return self._invalid_count is not None or (self._repair is not None and self._repair.done())

    @property
    def is_sites(self) -> bool:
        """Whether the layer holds points (sites), drawn as markers rather than areas."""
        return self.geometry_type in POINT_TYPES

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return tuple(float(v) for v in self.frame.total_bounds)

    def field_types(self) -> dict[str, str]:
        return {
            str(name): str(dtype)
            for name, dtype in self.frame.dtypes.items()
            if name != self.frame.geometry.name
        }


def list_layers(path: str | Path) -> list[str]:
    """Names of the layers in a dataset (one for a Shapefile, several for a GeoPackage or workbook).

    Of several layers, those without features are left out while others have some (a GPX file always
    has its five: waypoints, routes, tracks and their points).
    """
    path, _ = _checked_path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return list_sheets(path)
    if path.suffix.lower() in SITE_TABLE_SUFFIXES or path.suffix.lower() == GEOPARQUET_SUFFIX:
        return [path.stem]
    try:
        with readable_path(path) as readable:
            listed = pyogrio.list_layers(_gdal_path(readable))
            # Attribute tables beside the layers of a GeoPackage have no geometry type; a file of tables only
            # is refused by read_layer with its own message.
            spatial = [str(name) for name, geometry_type in listed if geometry_type is not None]
            if len(spatial) > 1:
                spatial = [name for name in spatial if pyogrio.read_info(
                    _gdal_path(readable), layer=name, force_feature_count=True)["features"] != 0] or spatial
    except (DataSourceError, DataLayerError, UnicodeDecodeError) as exc:
        raise _not_a_layer(path, exc) from None
    if len(listed) == 0:
        raise _no_layers(path)
    return spatial or [str(name) for name, _ in listed]


def read_layers(path: str | Path, expect_polygons: bool = False, crs: CRS | str | None = None) -> list[Layer]:
    """Read every layer of a dataset (``crs``: see :func:`read_layer`)."""
    return [
        read_layer(path, layer=name, expect_polygons=expect_polygons, crs=crs)
        for name in list_layers(path)
    ]


def read_layer(
    path: str | Path,
    layer: str | None = None,
    name: str | None = None,
    expect_polygons: bool = False,
    check_geometry: bool = True,
    feedback: Feedback | None = None,
    crs: CRS | str | None = None,
    draft: DraftRequest | None = None,
) -> Layer:
    """Read one layer into the map CRS.

    ``crs`` is the coordinate system the user says the file is in: that of a site list's
    coordinates (see :func:`~gismap.core.sites.read_sites`), or of a layer whose file names none.
    A layer whose file names its own keeps it (with a note when ``crs`` differs).

    ``expect_polygons`` makes a point or line layer an error (commune boundaries are areas).

    Hostile or damaged files end in a :class:`LayerError` before GDAL reads them (see
    :mod:`gismap.core.file_checks`): a Shapefile whose parts are cut short or disagree is refused,
    never read in part, since its rows could be paired with the wrong shapes. A geometry that cannot
    be drawn (missing, empty, unreadable, an area of no area, coordinates that are NaN, infinite or
    beyond :data:`UNUSABLE_COORDINATE`) is kept as a row without geometry, and a warning says how
    many. A coordinate system that contradicts the coordinates is not believed (see
    :func:`_source_crs`); a layer far from Vietnam gets a warning.

    Invalid geometries are repaired with ``shapely.make_valid`` in the background, starting
    at once; ``check_geometry=False`` leaves the check until it is first needed (drawing
    needs no valid geometry, so a one-off rendering skips it). See :meth:`Layer.wait_repaired`.

    ``draft`` asks for a :class:`LayerDraft` of a polygon layer in longitudes and latitudes, delivered
    as soon as its geometry is read, before the other attributes are read and the geometry is built,
    so a first frame can be drawn meanwhile, as QGIS draws while it reads.
    """
    feedback = feedback or Feedback()
    path, header_notes = _checked_path(path)
    feedback.check()
    feedback.set_progress(0.0, path.name)
    if path.suffix.lower() in SITE_TABLE_SUFFIXES:
        return _read_site_table(path, layer, name, expect_polygons, check_geometry,
                                None if crs is None else CRS.from_user_input(crs))
    _check_shapefile_parts(path)
    if path.suffix.lower() == GEOPARQUET_SUFFIX:
        # Parquet text is UTF-8
        info, encoding, decode_ourselves, encoding_note = {"layer_name": path.stem}, "UTF-8", False, None
        undecodable = 0
        frame = _read_geoparquet(path)
    else:
        info, encoding, decode_ourselves, encoding_note, frame = _read_with_gdal(path, layer, draft)
        frame, undecodable = _decode_what_gdal_could_not(frame, encoding)
    if not isinstance(frame, gpd.GeoDataFrame):
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: the layer '{layer}' is a table without geometry. Choose a layer with features, or join this "
            "table to a boundary layer."),
            file=path.name, layer=info["layer_name"])
    feedback.check()
    feedback.set_progress(0.8, path.name)
    # Bytes read as Latin-1 are decoded cell by cell; any text may be TCVN3 or VNI in disguise.
    frame, text_report = repair_frame(frame, bytes_fallback=encoding if decode_ourselves else None)
    encoding = text_report.encoding(unicode_as=encoding)

    display_name = name or (layer if layer and layer != path.stem else path.stem)
    if len(frame) == 0:
        raise LayerError(QT_TRANSLATE_NOOP("GismapError", "{file}: the layer '{layer}' has no features. "
                                           "Choose another layer or check the export that produced this file."),
                         file=path.name, layer=info["layer_name"])
    frame, without_geometry = _drop_unusable_geometry(frame)
    if without_geometry == len(frame):
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: none of the {count} features of the layer '{layer}' has a geometry GISMap can draw (missing, "
            "empty, unreadable, or with coordinates no map can hold). Check the export that produced this file."),
            file=path.name, layer=info["layer_name"], count=len(frame))

    geometry_type = _geometry_type(frame)
    if expect_polygons and geometry_type not in POLYGON_TYPES:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: expected commune polygons but the layer holds {kind} geometries. Load it as an overlay, or "
            "choose the boundary (polygon) layer."),
            file=path.name, kind=geometry_type)

    warnings: list[str] = list(header_notes)
    source_crs = _source_crs(path, frame, warnings, None if crs is None else CRS.from_user_input(crs))
    if source_crs.equals(MAP_CRS):
        # The map CRS's own object: pyproj parses a CRS again in each thread that asks about it, and
        # one read from GeoParquet's PROJJSON takes 80 ms (the layer panel's thread asks for its name).
        source_crs = MAP_CRS
    frame = frame.set_crs(source_crs, allow_override=True)
    if source_crs is not MAP_CRS:
        frame = reproject(frame, MAP_CRS)
        if not np.isfinite(frame.total_bounds).all():  # metres beyond where the projection reaches
            frame, without_geometry = _drop_unusable_geometry(frame)
    if without_geometry:
        warnings.append(Message(QT_TRANSLATE_NOOP(
            "GismapError", "1 feature has no geometry GISMap can draw (missing, empty, unreadable, of no area, or "
                           "with coordinates no map can hold): its row is kept, off the map") if without_geometry == 1
            else QT_TRANSLATE_NOOP(
                "GismapError", "{count} features have no geometry GISMap can draw (missing, empty, unreadable, of no "
                               "area, or with coordinates no map can hold): their rows are kept, off the map"),
            count=without_geometry))
    _note_if_far_from_vietnam(frame, warnings)
    if encoding_note is not None:
        template, declared = encoding_note
        warnings.append(Message(template, encoding=encoding, declared=declared))
    if undecodable:
        warnings.append(Message(QT_TRANSLATE_NOOP(
            "GismapError", "1 text cell holds bytes that are no {encoding} text (damaged, or a wrong .cpg): shown "
                           "with � where it cannot be read") if undecodable == 1 else QT_TRANSLATE_NOOP(
            "GismapError", "{count} text cells hold bytes that are no {encoding} text (damaged, or a wrong .cpg): "
                           "shown with � where they cannot be read"), count=undecodable, encoding=encoding))
    warnings += text_report.messages()

    loaded = Layer(
        name=display_name,
        source=path,
        source_layer=str(info["layer_name"]),
        frame=frame,
        source_crs=source_crs,
        encoding=encoding,
        geometry_type=geometry_type,
        warnings=warnings,
    )
    if check_geometry:
        loaded.check_geometry()
    return loaded


def _read_with_gdal(path: Path, layer: str | None, draft: DraftRequest | None
                    ) -> tuple[dict, str, bool, tuple[str, str] | None, gpd.GeoDataFrame]:
    """pyogrio's layer info, the encoding chosen, whether Python decoded it, the note on how it was
    found (see :func:`_choose_encoding`), and the frame."""
    # NaN coordinates make shapely warn on stderr: read_layer counts such geometries in a layer warning.
    with readable_path(path) as readable, np.errstate(invalid="ignore"):
        gdal_path = _gdal_path(readable)
        try:
            info = pyogrio.read_info(gdal_path, layer=layer)
        except (DataSourceError, DataLayerError, UnicodeDecodeError) as exc:
            raise _not_a_layer(path, exc) from None
        except IndexError:  # pyogrio's way of saying there is no layer to choose by default
            raise _no_layers(path) from None

        encoding, decode_ourselves, encoding_note = _choose_encoding(path, info)
        try:
            frame = _read_features(
                gdal_path, info, draft,
                layer=layer,
                # GDAL's CP1258 recoding drops the last character of every string, so such
                # files are read byte-for-byte and decoded by Python instead.
                encoding="ISO-8859-1" if decode_ourselves else encoding if path.suffix.lower() == ".shp" else None,
                on_invalid="ignore",  # unreadable geometries are missing ones, counted by read_layer
            )
        # OSError: Arrow's, of a damaged stream; UnicodeDecodeError: pyogrio's, of damaged names
        except (DataSourceError, DataLayerError, OSError, UnicodeDecodeError) as exc:
            raise _not_a_layer(path, exc) from None
    return info, encoding, decode_ourselves, encoding_note, frame


def _read_features(gdal_path: str, info: dict, draft: DraftRequest | None = None, **options) -> gpd.GeoDataFrame:
    """``pyogrio.read_dataframe(gdal_path, **options)``, with the ``draft`` asked for delivered before
    the other attributes are read and any geometry is built.

    The geometry is read as WKB (with the draft's columns), then the attributes; :mod:`gismap.core.wkb`
    decodes the WKB (polygons quicker than GEOS does) a run at a time, dropping each run once
    decoded, so reading needs little more memory than the geometry. Not through Arrow: its WKB
    copies (Arrow's, then pandas') doubled the national layer's peak memory, and the plain reader is
    as quick."""
    polygons = info.get("geometry_type") in POLYGON_TYPES
    drafting = draft is not None and polygons
    fields = set(info.get("fields", ()))
    columns = [c for c in dict.fromkeys(draft.columns) if c in fields] if drafting else []
    try:
        if info.get("geometry_type") is None:  # a table: read_layer says so
            return pyogrio.read_dataframe(gdal_path, use_arrow=False, **options)
        meta, fids, wkb, values = pyogrio.raw.read(gdal_path, layer=options.get("layer"), encoding=options.get("encoding"),
                                                   columns=columns, return_fids=True)
        if drafting:
            layer_draft = _draft(wkb, pd.DataFrame(dict(zip(meta["fields"], values)), index=range(len(wkb))), info,
                                 draft.cell)
            if layer_draft is not None:
                draft.deliver(layer_draft)
        table = pyogrio.read_dataframe(gdal_path, use_arrow=False, read_geometry=False, fid_as_index=True, **options)
    except UnicodeDecodeError:
        # Text in a code page GDAL cannot recode (mac-roman, ...): the plain reader fails on it, Arrow
        # hands over its bytes, which read_layer decodes.
        return pyogrio.read_dataframe(gdal_path, use_arrow=True, **options)
    if not np.array_equal(fids, table.index.to_numpy()):
        # Never so for the drivers known, but attributes paired with the wrong shapes would draw a
        # wrong map: read them together.
        return pyogrio.read_dataframe(gdal_path, use_arrow=False, **options)
    geometry = np.empty(len(wkb), dtype=object)
    for start in range(0, len(wkb), WKB_RUN):
        run = slice(start, start + WKB_RUN)
        geometry[run] = decode_polygons(wkb[run]) if polygons else shapely.from_wkb(wkb[run], on_invalid="ignore")
        wkb[run] = None  # its bytes go as its geometry comes
    return gpd.GeoDataFrame(table.reset_index(drop=True), geometry=geometry, crs=meta["crs"])


def _draft(wkb: np.ndarray, values: pd.DataFrame, info: dict,
           cell: Callable[[tuple[float, float, float, float]], float]) -> LayerDraft | None:
    """The draft of a layer of longitudes and latitudes (the map CRS) from its WKB, if it has one,
    thinned to ``cell`` of its bounds; ``values``: the columns read for it, of which it keeps the
    numeric ones."""
    bounds = tuple(float(v) for v in info.get("total_bounds") or (np.nan,) * 4)
    if info.get("crs") != "EPSG:4326" or not (bounds[2] > bounds[0] or bounds[3] > bounds[1]):  # NaN too
        return None
    grid = cell(bounds)
    if not (np.isfinite(grid) and grid > 0):
        return None
    outlines = outlines_from_wkb(wkb, grid)
    if outlines is None or not len(outlines.coords):
        return None
    minx, miny, maxx, maxy = outlines.bounds
    if not (-180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90):
        return None  # read_layer finds out what these coordinates are
    if not cell(outlines.bounds) >= grid / 2:
        return None  # the file's extent overstated the layer's: a draft too coarse for its view
    # Text may still be TCVN3 or VNI, or bytes that read_layer decodes: not drawn from.
    return LayerDraft(outlines, values.select_dtypes("number"))


def _read_geoparquet(path: Path) -> gpd.GeoDataFrame:
    """A GeoParquet file as a frame; a Parquet table without geometry is returned as a plain table."""
    import pandas as pd
    import pyarrow

    try:
        try:
            return gpd.read_parquet(path)
        except ValueError:  # no geometry metadata: a plain table, refused by the caller
            return pd.read_parquet(path)
    except (OSError, pyarrow.ArrowException) as exc:
        raise _not_a_layer(path, exc) from None


def _read_site_table(path: Path, sheet: str | None, name: str | None, expect_polygons: bool,
                     check_geometry: bool, crs: CRS | None) -> Layer:
    """A CSV/XLSX site list (longitude and latitude columns) as a point layer."""
    if expect_polygons:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: expected commune polygons but a table gives at most points. Choose the boundary (polygon) "
            "layer; join the table to it with Join Table."),
            file=path.name)
    frame, notes, encoding = read_sites(path, sheet if path.suffix.lower() in WORKBOOK_SUFFIXES else None, crs)
    loaded = Layer(name=name or path.stem, source=path, source_layer=sheet, frame=frame, source_crs=crs or MAP_CRS,
                   encoding=encoding, geometry_type="Point", warnings=notes)
    if check_geometry:
        loaded.check_geometry()
    return loaded


def _find_and_repair(geometry: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    invalid = ~shapely.is_valid(geometry) & ~shapely.is_missing(geometry)
    return invalid, shapely.make_valid(geometry[invalid])


def _checked_path(path: str | Path) -> tuple[Path, list[Message]]:
    """The path of a layer that GDAL may be given, and notes on harmless damage found checking it."""
    path = Path(path)
    if not path.exists():
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: no such file. Check the path, or use File > Add Layer."),
            file=str(path))
    refuse_special_files(path, LayerError)
    refuse_outside_links(path, LayerError)
    return path, check_before_reading(path)


def _gdal_path(path: Path) -> str:
    return f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)


def _check_shapefile_parts(path: Path) -> None:
    if path.suffix.lower() != ".shp":
        return
    missing = {
        ".shx": QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: the index file {part} is missing. A Shapefile needs .shp, .shx and .dbf side by side: copy all "
            "of its files together."),
        ".dbf": QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: the attribute table file {part} is missing. A Shapefile needs .shp, .shx and .dbf side by side:"
            " copy all of its files together."),
    }
    for part, message in missing.items():
        if not sidecar(path, part).exists():
            raise LayerError(message, file=path.name, part=path.stem + part)


def _choose_encoding(path: Path, info: dict) -> tuple[str, bool, tuple[str, str] | None]:
    """The text encoding to read with, whether Python (not GDAL) must decode it, and for a Shapefile
    whose encoding was not simply its .cpg's, a note on why: see :func:`_shapefile_encoding`."""
    suffix = path.suffix.lower()
    if suffix == ".shp":
        cpg = sidecar(path, ".cpg")
        declared = _cpg_text(cpg.read_bytes()[:CPG_BYTES]) if cpg.exists() else None
        encoding, note = _shapefile_encoding(declared, lambda: sidecar(path, ".dbf"))
        return encoding, encoding == "CP1258", note
    if suffix == ".zip":
        found = _zipped_shapefile_encoding(path)
        if found:
            encoding, note = found
            return encoding, encoding == "CP1258", note
    return str(info.get("encoding") or "UTF-8"), False, None


def _cpg_text(data: bytes) -> str:
    """A .cpg's code page name, without what no name holds (NUL, control bytes) to show in a note."""
    return "".join(c for c in data.decode("ascii", "replace") if c.isprintable()).strip()


def _shapefile_encoding(declared: str | None, dbf) -> tuple[str, tuple[str, str] | None]:
    """The encoding of a Shapefile's text (``dbf()`` gives the DBF's path or bytes) and, when it is not
    the one its .cpg declares, a note (a template with the fields ``encoding`` and ``declared``).

    Text that is valid UTF-8 beyond ASCII is UTF-8 whatever the .cpg says; without a .cpg, with one
    that says UTF-8 of other text, or one naming no code page a DBF can hold, the encoding is detected.
    """
    encoding = _normalise_encoding_name(declared) if declared is not None else None
    codec = None if encoding is None else dbf_codec(encoding)
    if codec == "utf-8":  # however it is spelt
        encoding = "UTF-8"
    if encoding not in (None, "UTF-8") and codec is not None:
        if holds_utf8_text(dbf()):
            return "UTF-8", (QT_TRANSLATE_NOOP(
                "GismapError", "the .cpg file says {declared} but the text is UTF-8: read as {encoding}"), declared)
        return encoding, None
    detected = detect_shapefile_encoding(dbf())
    if encoding is None:
        return detected, (QT_TRANSLATE_NOOP("GismapError", "no .cpg file: text read as {encoding} (detected)"), "")
    if encoding == "UTF-8":
        return detected, None if detected == "UTF-8" else (QT_TRANSLATE_NOOP(
            "GismapError", "the .cpg file says UTF-8 but the text is not: read as {encoding} (detected)"), declared)
    return detected, (QT_TRANSLATE_NOOP(
        "GismapError", "the .cpg file names {declared}, no code page a .dbf can hold: text read as {encoding} "
                       "(detected)"), declared)


def _zipped_shapefile_encoding(path: Path) -> tuple[str, tuple[str, str] | None] | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            cpg = next((n for n in names if n.lower().endswith(".cpg")), None)
            dbf = next((n for n in names if n.lower().endswith(".dbf")), None)
            if cpg or dbf:
                declared = _cpg_text(archive.open(cpg).read(CPG_BYTES)) if cpg else None
                return _shapefile_encoding(declared, lambda: archive.read(dbf) if dbf else b"")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:  # zlib.error: damaged compressed bytes
        raise unreadable_zip(path, exc) from None
    return None


def _normalise_encoding_name(declared: str) -> str:
    """A .cpg's code page as GDAL and Python name it: ``1258``, ``ANSI 1258`` → ``CP1258``; UTF-8 as is
    (other spellings of it are found by :func:`~gismap.core.encoding.dbf_codec`)."""
    compact = declared.upper().replace("-", "").replace("_", "").replace(" ", "")
    if compact in {"UTF8", "65001"}:
        return "UTF-8"
    number = re.fullmatch(r"(?:ANSI|WINDOWS|CP)?(\d{3,4})", compact)
    return f"CP{number.group(1)}" if number else declared


def _geometry_type(frame: gpd.GeoDataFrame) -> str:
    types = frame.geometry.geom_type.dropna().unique()
    if len(types) == 1:
        return str(types[0])
    families = {t.removeprefix("Multi") for t in types}
    return f"Multi{families.pop()}" if len(families) == 1 else "GeometryCollection"


def _decode_what_gdal_could_not(frame: pd.DataFrame, encoding: str) -> tuple[pd.DataFrame, int]:
    """``frame`` with the text GDAL handed over undecoded (it passes bytes on as they are when its
    converter does not know ``encoding`` or meets a byte the code page lacks) decoded by Python, and how
    many cells held bytes ``encoding`` cannot read (shown as U+FFFD)."""
    import pyarrow as pa  # loaded with pyogrio's Arrow reading, not before

    codec = dbf_codec(encoding) or "utf-8"
    unreadable = 0
    for column in frame.columns:
        if frame[column].dtype == object or not pd.api.types.is_string_dtype(frame[column].dtype):
            continue
        values = pa.array(frame[column].array)
        try:
            values.validate(full=True)  # valid UTF-8: GDAL decoded it
            continue
        except pa.ArrowInvalid:
            pass
        texts = []
        for cell in values.cast(pa.binary()).to_pylist():
            try:
                texts.append(None if cell is None else cell.decode("utf-8"))
            except UnicodeDecodeError:
                texts.append(cell.decode(codec, errors="replace"))
                unreadable += "\ufffd" in texts[-1]
        frame = frame.assign(**{column: pd.Series(texts, index=frame.index, dtype=frame[column].dtype)})
    return frame, unreadable


def _drop_unusable_geometry(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    """``frame`` with the geometries nothing can draw or measure made missing, and how many features
    have none: those missing, empty or unreadable already, areas of no area (collapsed or two-point
    rings), coordinates that are NaN, infinite or beyond :data:`UNUSABLE_COORDINATE`, and in a layer of
    longitudes and latitudes the few shapes beyond ±180°/±90°."""
    geometry = frame.geometry.values
    shapes = np.asarray(geometry)
    missing = shapely.is_missing(shapes) | shapely.is_empty(shapes)
    kind = shapely.get_type_id(shapes)
    areas, points = np.isin(kind, (3, 6)), np.isin(kind, (0, 4))  # (Multi)Polygon, (Multi)Point
    with np.errstate(all="ignore"):
        bounds = shapely.bounds(shapes)
        # A NaN vertex hides from the bounds (GEOS skips it) but not from the area or the length.
        measure = np.where(areas, 0.0, 1.0)
        measure[areas] = shapely.area(shapes[areas])
        lines = ~areas & ~points & ~missing
        measure[lines] = shapely.length(shapes[lines])
        coordinates, owner = shapely.get_coordinates(shapes[points & ~missing], return_index=True)
        measure[np.flatnonzero(points & ~missing)[owner[~np.isfinite(coordinates).all(axis=1)]]] = np.nan
        unusable = ~missing & (~np.isfinite(measure) | ~(np.abs(bounds) <= UNUSABLE_COORDINATE).all(axis=1))
        flat = np.flatnonzero(areas & ~unusable & (measure == 0))  # a bow tie's lobes cancel out: repairable
        unusable[flat[shapely.area(shapely.make_valid(shapes[flat])) == 0]] = True
        if frame.crs is not None and frame.crs.is_geographic:
            # A few shapes beyond ±180°/±90° among longitudes and latitudes are damaged (a bit flip);
            # most of them beyond are another CRS, which _source_crs refuses.
            beyond = ~((np.abs(bounds[:, [0, 2]]) <= 180) & (np.abs(bounds[:, [1, 3]]) <= 90)).all(axis=1)
            if (beyond & ~missing).sum() < 0.5 * (~missing).sum():
                unusable |= beyond & ~missing
    if unusable.any():
        geometry = geometry.copy()
        geometry[unusable] = None
        frame = frame.set_geometry(geometry)
    return frame, int((missing | unusable).sum())


def _source_crs(path: Path, frame: gpd.GeoDataFrame, warnings: list[str], given: CRS | None) -> CRS:
    """The coordinate system of ``frame``'s coordinates: the file's own unless it contradicts them.

    A projected CRS on longitude/latitude in Vietnam's range is a wrong .prj: read as WGS 84, with a
    warning. A geographic CRS on coordinates beyond ±180°/±90° is refused unless ``given`` (what
    the user says) replaces it. A file naming none is read in ``given``, or WGS 84 when the coordinates fit.
    """
    minx, miny, maxx, maxy = frame.total_bounds
    extent = f"({minx:.0f}, {miny:.0f}) – ({maxx:.0f}, {maxy:.0f})"
    in_degrees = -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    if frame.crs is not None:
        own = CRS.from_user_input(frame.crs)
        west, south, east, north = VIETNAM_DEGREES
        degrees_in_vietnam = west <= minx <= maxx <= east and south <= miny <= maxy <= north
        contradicted = (own.is_geographic and not in_degrees) or (own.is_projected and degrees_in_vietnam)
        if not contradicted:
            if given is not None and not own.equals(given):
                warnings.append(Message(QT_TRANSLATE_NOOP(
                    "GismapError", "the file names its coordinate system, {own}: read in it, not in {given}"),
                    own=crs_label(own), given=crs_label(given)))
            return own
        if given is not None:
            warnings.append(Message(QT_TRANSLATE_NOOP(
                "GismapError", "the file's coordinate system, {own}, does not fit its coordinates {extent}: read in "
                               "{given}, as given"), own=crs_label(own), given=crs_label(given), extent=extent))
            return given
        if own.is_projected:
            warnings.append(Message(QT_TRANSLATE_NOOP(
                "GismapError",
                "the file's coordinate system, {own}, is in metres but its coordinates are longitude and latitude in "
                "Vietnam: read as WGS 84 (EPSG:4326); its .prj is wrong"), own=crs_label(own)))
            return MAP_CRS
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: the file's coordinate system, {own}, is in degrees but its coordinates {extent} are not longitude"
            "/latitude. Give the coordinate system they are in (e.g. gismap info --crs EPSG:3405), or correct the "
            ".prj in the source GIS and export again."),
            file=path.name, own=crs_label(own), extent=extent)
    if given is not None:
        return given
    if in_degrees:
        warnings.append(Message(QT_TRANSLATE_NOOP("GismapError", "no CRS in the file: assumed WGS 84 (EPSG:4326) "
                                                                 "since the coordinates fit")))
        return MAP_CRS
    raise LayerError(QT_TRANSLATE_NOOP(
        "GismapError",
        "{file}: the layer has no coordinate reference system and its coordinates {extent} are not "
        "longitude/latitude. Add the .prj file that came with it, or assign the CRS (e.g. VN-2000 EPSG:3405) in the "
        "source GIS and export again."),
        file=path.name, extent=extent)


def _note_if_far_from_vietnam(frame: gpd.GeoDataFrame, warnings: list[str]) -> None:
    """Warn when ``frame`` (in the map CRS) lies nowhere near Vietnam: most likely a wrong coordinate system."""
    minx, miny, maxx, maxy = frame.total_bounds
    west, south, east, north = NEAR_VIETNAM
    if not (minx <= east and maxx >= west and miny <= north and maxy >= south):
        warnings.append(Message(QT_TRANSLATE_NOOP(
            "GismapError", "the layer lies at {extent} (longitude/latitude), far from Vietnam: check its coordinate "
                           "system (.prj)"), extent=f"({minx:.1f}, {miny:.1f}) – ({maxx:.1f}, {maxy:.1f})"))


def _no_layers(path: Path) -> LayerError:
    return LayerError(QT_TRANSLATE_NOOP(
        "GismapError", "{file}: the file holds no layer, neither features nor a table. Check the export that "
                       "produced this file, or choose another file."), file=path.name)


def _not_a_layer(path: Path, exc: Exception) -> LayerError:
    return LayerError(QT_TRANSLATE_NOOP(
        "GismapError",
        "{file}: not a vector layer GISMap can read ({reason}). Use a Shapefile (.shp with .shx and .dbf), "
        "GeoPackage, GeoJSON, FlatGeobuf or KML."),
        file=path.name, reason=str(exc).splitlines()[0])
