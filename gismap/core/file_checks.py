"""Checks of a vector file's structure before GDAL reads it: Shapefile headers, lengths and counts,
ZIP archives, and XML that declares entities.

GDAL reads a damaged file as far as it can and says little: a Shapefile cut by an e-mail gateway
loads with shapes missing, a ``.dbf`` shorter than its ``.shp`` loads with rows dropped, a huge
declared count makes it allocate or loop for as long as it says. These formats are simple enough
to check here first, in time proportional to the number of records (never to what a header
claims), so that such a file is refused with a message saying how many records are whole.

Refusing is the rule for a Shapefile whose parts disagree: rows could be paired with the wrong
shapes, and a map that silently lacks communes looks right. The user copies the files again.
"""

from __future__ import annotations

import mmap
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import numpy as np

from gismap.core.errors import QT_TRANSLATE_NOOP, LayerError, Message
from gismap.core.inputs import sidecar

SHAPEFILE_CODE = 9994  # the first four bytes of a .shp and a .shx, big-endian
HEADER_BYTES = 100  # .shp and .shx headers
INDEX_ENTRY_BYTES = 8  # one .shx record: offset and content length, in 16-bit words
RECORD_HEADER_BYTES = 8  # before each .shp record: its number and content length
RECORD_FIELDS = (0, 4, 8, 44, 48)  # where in a record its number, length, type and counts are
RECORDS_AT_ONCE = 65_536
# Shape type codes: null; point, polyline, polygon, multipoint (plain, Z, M); multipatch.
POINT_TYPES, PART_TYPES, MULTIPOINT_TYPES = {1, 11, 21}, {3, 5, 13, 15, 23, 25, 31}, {8, 18, 28}
SHAPE_TYPES = {0} | POINT_TYPES | PART_TYPES | MULTIPOINT_TYPES
# dBASE versions GDAL and the common GIS write (III, IV, V, FoxPro, Visual FoxPro, with or without memo).
DBF_VERSIONS = {0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B, 0xCB, 0xE5, 0xF5, 0xFB}
DBF_FIELD_BYTES = 32
PRJ_LIMIT = 65_536  # bytes of a .prj: one WKT coordinate system takes a few hundred

ZIP_MEMBER_LIMIT = 1_000
ZIP_UNPACKED_LIMIT = 1_000_000_000  # bytes a ZIP may unpack to, all members together
ZIP_RATIO_LIMIT = 200  # compression ratio of a large member; real data stays far below, a ZIP bomb far above
ZIP_RATIO_FROM = 50_000_000  # members smaller than this may compress as well as they like
ARCHIVE_SUFFIXES = (".zip", ".kmz", ".gz", ".7z", ".rar", ".tar")

XML_SUFFIXES = {".kml", ".gpx", ".gml", ".xml", ".osm"}
_XML_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_SCAN_CHUNK = 1 << 20

# What to do about a damaged Shapefile: the {advice} of the messages below.
_COPY_AGAIN = Message(QT_TRANSLATE_NOOP(
    "GismapError", "The file was probably damaged in transfer (an e-mail gateway, a full disk): copy all of the "
                   "Shapefile's files again from their source."))


def check_before_reading(path: Path) -> list[Message]:
    """Raise :class:`LayerError` when ``path`` is a Shapefile, ZIP or XML file GDAL should not be given;
    return notes on damage that does not change what is read (see :func:`check_shapefile`).

    Shapefile parts that are missing are left to the caller to report.
    """
    suffix = path.suffix.lower()
    if suffix == ".shp":
        return check_shapefile(path)
    if suffix in (".zip", ".kmz"):  # a KMZ is a zipped KML
        return check_zip(path)
    if suffix in XML_SUFFIXES:
        refuse_xml_entities(path)
    return []


# ---------------------------------------------------------------------------- Shapefiles

def check_shapefile(shp: Path) -> list[Message]:
    """Raise :class:`LayerError` unless the .shp, .shx and .dbf beside ``shp`` are whole and agree;
    return notes on a .shp header whose summary (file length, shape type, bounding box) disagrees
    with its records, which are read through the index, whole, whatever the summary says.

    Checked: each header (file code, dBASE version, the record length the fields add up to), the
    lengths the headers declare against the files' lengths, every index entry and the record header
    it points at (number, content length, shape type, part and point counts that fit the record),
    and the .dbf's record count against the number of shapes. The message says how many records
    are whole against how many are declared. A .prj must be UTF-8 text of at most
    :data:`PRJ_LIMIT` bytes (other bytes in it make pyogrio fail).
    """
    parts = [sidecar(shp, suffix) for suffix in (".shx", ".dbf")]
    if not all(part.exists() for part in parts):
        return []
    shx, dbf = parts
    with _mapped(shp) as shp_bytes, _mapped(shx) as shx_bytes, _mapped(dbf) as dbf_bytes:
        notes = check_shapefile_bytes(shp.name, shx.name, dbf.name, shp_bytes, shx_bytes, dbf_bytes)
    prj = sidecar(shp, ".prj")
    if prj.exists():
        with open(prj, "rb") as file:
            _check_prj(prj.name, file.read(PRJ_LIMIT + 1))
    return notes


def check_shapefile_bytes(shp_name: str, shx_name: str, dbf_name: str, shp, shx, dbf) -> list[Message]:
    """:func:`check_shapefile` on the parts' contents (bytes or memory maps), named for the messages."""
    shapes = _index_entries(shx_name, shx)
    declared_length = _check_header(shp_name, shp, QT_TRANSLATE_NOOP(
        "GismapError", "{file}: not a Shapefile (its header is damaged or it is another kind of file). {advice}"))
    kinds = _check_records(shp_name, shx_name, shp, shapes)
    records = _dbf_records(dbf_name, dbf)
    if records != len(shapes):
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{dbf} holds {records} records but {file} has {shapes} shapes: rows would be paired with the wrong "
            "shapes. The files do not belong together or one was cut short: copy all of the Shapefile's files "
            "again from their source."),
            dbf=dbf_name, file=shp_name, records=records, shapes=len(shapes))
    return _header_notes(shp_name, shp, declared_length, kinds)


def _header_notes(shp_name: str, shp, declared_length: int, kinds: np.ndarray) -> list[Message]:
    """Notes on a .shp header's summary that disagrees with the records (``kinds``: their shape types)."""
    disagree = []
    if declared_length != len(shp):
        disagree.append(Message(QT_TRANSLATE_NOOP("GismapError", "a length of {declared} bytes (the file has {size})"),
                                declared=f"{declared_length:,}", size=f"{len(shp):,}"))
    header_kind = struct.unpack_from("<i", shp, 32)[0]
    drawn_kinds = set(np.unique(kinds[kinds != 0]).tolist())
    if header_kind not in SHAPE_TYPES or (drawn_kinds and drawn_kinds != {header_kind}):
        disagree.append(Message(QT_TRANSLATE_NOOP("GismapError", "shape type {declared} (the shapes are of type {kinds})"),
                                declared=header_kind, kinds=", ".join(map(str, sorted(drawn_kinds)))))
    if not np.isfinite(struct.unpack_from("<4d", shp, 36)).all():
        disagree.append(Message(QT_TRANSLATE_NOOP("GismapError", "a bounding box that is not a number")))
    if not disagree:
        return []
    return [Message(QT_TRANSLATE_NOOP(
        "GismapError", "the header of {file} is damaged: it gives {details}; the {count} shapes were read through the "
                       "index, each whole and checked"), file=shp_name, details=disagree, count=len(kinds))]


@contextmanager
def _mapped(path: Path) -> Iterator[bytes | mmap.mmap]:
    """The file's bytes without reading them (an empty file cannot be mapped: it is empty bytes)."""
    with open(path, "rb") as file:
        if path.stat().st_size == 0:
            yield b""
            return
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            yield mapped


def _check_header(name: str, data, not_this_kind: str) -> int:
    """The length in bytes a .shp/.shx header declares; ``not_this_kind`` when it is no such header."""
    if len(data) < HEADER_BYTES or struct.unpack_from(">i", data, 0)[0] != SHAPEFILE_CODE:
        raise LayerError(not_this_kind, file=name, advice=_COPY_AGAIN)
    return 2 * struct.unpack_from(">i", data, 24)[0]


def _index_entries(shx_name: str, shx) -> np.ndarray:
    """The .shx entries as (offset, content length) in bytes, one row per shape."""
    declared = _check_header(shx_name, shx, QT_TRANSLATE_NOOP(
        "GismapError",
        "{file}: not a Shapefile index (its header is damaged or it is another kind of file). {advice}"))
    whole = (len(shx) - HEADER_BYTES) // INDEX_ENTRY_BYTES
    listed = (declared - HEADER_BYTES) // INDEX_ENTRY_BYTES
    if declared < HEADER_BYTES or listed > whole:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file} is cut short or damaged: it holds {whole} whole index records but its header declares "
            "{declared}. {advice}"), advice=_COPY_AGAIN, file=shx_name, whole=whole, declared=max(listed, 0))
    words = np.frombuffer(shx, dtype=">i4", count=2 * listed, offset=HEADER_BYTES)
    return 2 * words.reshape(listed, 2).astype(np.int64)  # a copy: the memory map may close


def _check_records(shp_name: str, shx_name: str, shp, shapes: np.ndarray) -> np.ndarray:
    """The shape type of each record, once each is checked to fit its index entry and its bytes."""
    offsets, lengths = shapes[:, 0], shapes[:, 1]
    whole = (offsets >= HEADER_BYTES) & (lengths >= 4) & (offsets + RECORD_HEADER_BYTES + lengths <= len(shp))
    if not whole.all():
        first = int(np.argmin(whole))
        if whole[:first].all() and not whole[first:].any() and offsets[first] >= HEADER_BYTES:
            raise LayerError(QT_TRANSLATE_NOOP(
                "GismapError",
                "{file} is cut short: it holds {whole} whole shapes of the {declared} its index {index} lists. "
                "{advice}"), file=shp_name, whole=first, declared=len(shapes), index=shx_name, advice=_COPY_AGAIN)
        raise _damaged(shp_name, first, QT_TRANSLATE_NOOP("GismapError", "its index entry points outside the file"))
    if len(shapes) == 0:
        return np.empty(0, dtype=np.int64)
    number, content_words, kind, first_count, second_count = _record_fields(shp, offsets).T
    content = 2 * content_words

    wrong_header = (number != np.arange(1, len(shapes) + 1)) | (content != lengths)
    if wrong_header.any():
        raise _damaged(shp_name, int(np.argmax(wrong_header)), QT_TRANSLATE_NOOP(
            "GismapError", "its record header disagrees with the index {index}"), index=shx_name)
    unknown = ~np.isin(kind, list(SHAPE_TYPES))
    if unknown.any():
        row = int(np.argmax(unknown))
        raise _damaged(shp_name, row, QT_TRANSLATE_NOOP("GismapError", "its type code {code} is no shape type"),
                       code=int(kind[row]))
    with_parts, multipoint = np.isin(kind, list(PART_TYPES)), np.isin(kind, list(MULTIPOINT_TYPES))
    parts = np.where(with_parts, first_count, 0)
    points = np.where(with_parts, second_count, np.where(multipoint, first_count, 0))
    needed = np.select([with_parts, multipoint, np.isin(kind, list(POINT_TYPES))],
                       [44 + 4 * parts + 16 * points, 40 + 16 * points, 20], 4)
    impossible = (parts < 0) | (points < 0) | (parts > points) | (needed > lengths)
    if impossible.any():
        row = int(np.argmax(impossible))
        raise _damaged(shp_name, row, QT_TRANSLATE_NOOP(
            "GismapError", "it declares {parts} parts and {points} points in {size} bytes"),
            parts=int(parts[row]), points=int(points[row]), size=int(lengths[row]))
    return kind


def _check_prj(prj_name: str, text: bytes) -> None:
    """Raise :class:`LayerError` when a .prj's first bytes are no WKT text: too long, or not UTF-8."""
    try:
        text.decode("utf-8")
        plain = len(text) <= PRJ_LIMIT
    except UnicodeDecodeError:
        plain = False
    if not plain:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: the coordinate system file is damaged or holds something else (a .prj is a line of plain text "
            "of at most {limit} bytes). Copy it again with the Shapefile, or delete it and give the coordinate "
            "system (e.g. gismap info --crs EPSG:3405)."), file=prj_name, limit=PRJ_LIMIT)


def _record_fields(shp, offsets: np.ndarray) -> np.ndarray:
    """Each record's number and content length (big-endian), shape type, and the two counts after the
    bounding box (little-endian): the part and point counts of the types that have them, a multipoint's
    point count first. A short record's tail reads into the next record: never used then."""
    words = np.frombuffer(shp, dtype=np.uint16, count=len(shp) // 2)  # records start on 16-bit words
    in_record = (np.array(RECORD_FIELDS)[:, None] // 2 + np.arange(2)).ravel()
    fields = np.empty((len(offsets), len(RECORD_FIELDS)), dtype=np.int64)
    for start in range(0, len(offsets), RECORDS_AT_ONCE):  # bounded memory on a million points
        at = offsets[start:start + RECORDS_AT_ONCE, None] // 2 + in_record
        raw = words[np.minimum(at, len(words) - 1)].view(np.uint8).reshape(len(at), len(RECORD_FIELDS), 4)
        fields[start:start + RECORDS_AT_ONCE, :2] = raw[:, :2].copy().view(">i4")[..., 0]
        fields[start:start + RECORDS_AT_ONCE, 2:] = raw[:, 2:].copy().view("<i4")[..., 0]
    del words  # a memory map cannot close while an array still points into it
    return fields


def _damaged(shp_name: str, row: int, detail: str, **fields) -> LayerError:
    return LayerError(QT_TRANSLATE_NOOP("GismapError", "{file}: shape {number} is damaged ({detail}). {advice}"),
                      file=shp_name, number=row + 1, detail=Message(detail, **fields), advice=_COPY_AGAIN)


def _dbf_records(dbf_name: str, dbf) -> int:
    """The number of records a .dbf declares, once its header is checked and they are all in the file."""
    if len(dbf) < DBF_FIELD_BYTES + 1 or dbf[0] not in DBF_VERSIONS:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: not a dBASE attribute table (its header is damaged or it is another kind of "
                           "file). {advice}"), advice=_COPY_AGAIN, file=dbf_name)
    declared, header_length, record_length = struct.unpack_from("<IHH", dbf, 4)
    widths = 0
    for start in range(DBF_FIELD_BYTES, min(header_length, len(dbf)), DBF_FIELD_BYTES):
        if dbf[start] == 0x0D or start + DBF_FIELD_BYTES > len(dbf):  # the end of the field descriptors
            break
        # Like shapelib: a number's width is one byte (the next is its decimals); other fields may be wider.
        numeric = dbf[start + 11] in b"NF"
        widths += dbf[start + 16] + (0 if numeric else 256 * dbf[start + 17])
    if header_length > len(dbf) or record_length != widths + 1:  # + the deletion flag of each record
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: the table's header is damaged: it says each record takes {length} bytes and the header "
            "{header} bytes, but its fields take {fields} bytes and the file {size}. {advice}"), advice=_COPY_AGAIN,
            file=dbf_name, length=record_length, header=header_length, fields=widths + 1, size=len(dbf))
    whole = (len(dbf) - header_length) // record_length
    if declared > whole:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError", "{file} is cut short or damaged: it holds {whole} whole records but its header "
                           "declares {declared}. {advice}"),
            file=dbf_name, whole=whole, declared=declared, advice=_COPY_AGAIN)
    return declared


# ---------------------------------------------------------------------------- ZIP archives

def check_zip(path: Path) -> list[Message]:
    """Raise :class:`LayerError` for a ZIP that is no plain archive of a layer, then check its Shapefiles;
    return their notes (see :func:`check_shapefile`).

    Refused: more than :data:`ZIP_MEMBER_LIMIT` members, names leading outside the archive (``../``,
    absolute), archives inside the archive, more than :data:`ZIP_UNPACKED_LIMIT` bytes unpacked, a
    large member compressed more than :data:`ZIP_RATIO_LIMIT` to 1 (a ZIP bomb); then its Shapefiles
    are checked as files are, and its XML members for entities. GDAL reads the members in place
    (``/vsizip/``): nothing is ever extracted.
    """
    notes: list[Message] = []
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            _check_members(path, members)
            for member in members:
                suffix = PurePosixPath(member.filename).suffix.lower()
                if suffix == ".shp":
                    notes += _check_zipped_shapefile(archive, member.filename, path.name)
                elif suffix in XML_SUFFIXES:
                    with archive.open(member) as stream:
                        _refuse_entities_in(stream, f"{path.name}/{member.filename}")
    # zlib.error: a member whose compressed bytes are damaged
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error) as exc:
        raise unreadable_zip(path, exc) from None
    return notes


def unreadable_zip(path: Path, exc: Exception) -> LayerError:
    return LayerError(QT_TRANSLATE_NOOP(
        "GismapError", "{file}: not a readable ZIP archive ({reason}). Re-download or re-create the archive."),
        file=path.name, reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def _check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > ZIP_MEMBER_LIMIT:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: the archive holds {count} files, more than the {limit} GISMap opens. Unzip it "
                           "and open the layer itself."), file=path.name, count=len(members), limit=ZIP_MEMBER_LIMIT)
    for member in members:
        name = member.filename.replace("\\", "/")
        if name.startswith("/") or re.match(r"[A-Za-z]:", name) or ".." in PurePosixPath(name).parts:
            raise LayerError(QT_TRANSLATE_NOOP(
                "GismapError", "{file}: the archive holds a file named {name}, which points outside the archive; "
                               "GISMap does not open such archives. Unzip it with care and open the layer itself."),
                file=path.name, name=member.filename)
        if name.lower().endswith(ARCHIVE_SUFFIXES):
            raise LayerError(QT_TRANSLATE_NOOP(
                "GismapError", "{file}: the archive holds another archive, {name}. Unzip it and open the layer "
                               "inside."), file=path.name, name=member.filename)
        if member.file_size > ZIP_RATIO_FROM and member.file_size > ZIP_RATIO_LIMIT * max(member.compress_size, 1):
            raise LayerError(QT_TRANSLATE_NOOP(
                "GismapError", "{file}: {name} is compressed {ratio}:1, more than the {limit}:1 of any real data: the "
                               "archive looks like a ZIP bomb. Get the layer from its source again."),
                file=path.name, name=member.filename, ratio=member.file_size // max(member.compress_size, 1),
                limit=ZIP_RATIO_LIMIT)
    unpacked = sum(member.file_size for member in members)
    if unpacked > ZIP_UNPACKED_LIMIT:
        raise LayerError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: the archive unpacks to {size} MB, more than the {limit} MB GISMap reads from an "
                           "archive. Unzip it and open the layer itself."),
            file=path.name, size=unpacked // 1_000_000, limit=ZIP_UNPACKED_LIMIT // 1_000_000)


def _check_zipped_shapefile(archive: zipfile.ZipFile, shp_name: str, archive_name: str) -> list[Message]:
    """:func:`check_shapefile` of a Shapefile in ``archive``; messages name its parts as ``archive_name/part``."""
    stem = shp_name[:-4]
    by_suffix = {n[len(stem):].lower(): n for n in archive.namelist() if n[:len(stem)] == stem}
    notes: list[Message] = []
    if ".shx" in by_suffix and ".dbf" in by_suffix:  # what is missing GDAL reports itself
        shx, dbf = by_suffix[".shx"], by_suffix[".dbf"]
        notes = check_shapefile_bytes(*(f"{archive_name}/{name}" for name in (shp_name, shx, dbf)),
                                      archive.read(shp_name), archive.read(shx), archive.read(dbf))
    if ".prj" in by_suffix:
        with archive.open(by_suffix[".prj"]) as stream:
            _check_prj(f"{archive_name}/{by_suffix['.prj']}", stream.read(PRJ_LIMIT + 1))
    return notes


# ---------------------------------------------------------------------------- XML

def refuse_xml_entities(path: Path) -> None:
    """Raise :class:`LayerError` when an XML file (KML, GPX, GML) declares a DOCTYPE or entities.

    An entity can pull a local file into the data (XXE) or expand to gigabytes (billion laughs);
    map data never needs one. The whole file is scanned, in UTF-8 and UTF-16 spellings.
    """
    with open(path, "rb") as stream:
        _refuse_entities_in(stream, path.name)


def _refuse_entities_in(stream: BinaryIO, name: str) -> None:
    patterns = [p.decode("ascii").encode(codec) for p in _XML_DECLARATIONS
                for codec in ("utf-8", "utf-16-le", "utf-16-be")]
    overlap = max(map(len, patterns))
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = tail + chunk
        if any(pattern in window for pattern in patterns):
            raise LayerError(QT_TRANSLATE_NOOP(
                "GismapError",
                "{file}: the file declares a DOCTYPE or XML entities, which can pull local files into the map or "
                "expand without end; GISMap does not read such files. Delete the <!DOCTYPE …> declaration at its "
                "top (map data does not need it) and open it again."), file=name)
        tail = window[-overlap:]
