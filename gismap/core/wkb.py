"""Polygon WKB decoded into shapely geometries, or straight into thinned outlines.

GEOS's WKB reader takes every double through its byte-order machinery: 0.3 s for the national
layer's 7.1 M vertices, more than GDAL's reading of the file. Here a Python pass over the
headers finds each ring's coordinates in the bytes (a few thousand rings) and numpy views them;
``shapely.from_ragged_array`` then builds a run of features at a time, or the views are thinned
to a grid for a draft frame without any geometry being built (:func:`outlines_from_wkb`).

Only what boundary files hold is decoded this way: little-endian two-dimensional ``Polygon``
and ``MultiPolygon``, with closed rings of four points or more. A run holding anything else
(another type, Z or M, big-endian, counts that overrun the bytes, trailing bytes, an empty
polygon, an open or short ring, NaN) is decoded by ``shapely.from_wkb``, whose handling of
damaged WKB stays the reference (an unreadable geometry is a missing one), and gives no outlines.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np
import shapely
from shapely import GeometryType

from gismap.core.outlines import Outlines, coordinate_bounds, thinning_mask

# Features decoded at a time: the run's coordinate array stays small, in memory already paged in
# (one array of the national layer's 114 MB costs more in page faults than the decoding).
RUN = 100

_POLYGON, _MULTIPOLYGON = 3, 6
_LITTLE_ENDIAN = 1
_UINT32 = struct.Struct("<I")
_TYPE = struct.Struct("<BI")  # byte order, geometry type


class _NotPlain(ValueError):
    """A WKB that this module leaves to ``shapely.from_wkb``."""


def decode_polygons(wkb: Sequence[bytes | None]) -> np.ndarray:
    """Shapely geometries of ``wkb``, as ``shapely.from_wkb(wkb, on_invalid="ignore")`` gives them."""
    out = np.empty(len(wkb), dtype=object)
    scratch = _Scratch()
    for start in range(0, len(wkb), RUN):
        run = wkb[start:start + RUN]
        try:
            out[start:start + len(run)] = _decode_run(run, scratch)
        except _NotPlain:
            out[start:start + len(run)] = shapely.from_wkb(np.asarray(run, dtype=object), on_invalid="ignore")
    return out


def outlines_from_wkb(wkb: Sequence[bytes | None], cell: float) -> Outlines | None:
    """The rings of ``wkb`` thinned to a grid of ``cell`` degrees (a feature without geometry has
    none); None when any of it is not plain polygon WKB."""
    kept: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    run_bounds: list[tuple[float, float, float, float]] = []
    outlines_before = 0
    scratch = _Scratch()
    try:
        for start in range(0, len(wkb), RUN):
            rings: list[np.ndarray] = []
            ring_owner: list[int] = []
            for index, blob in enumerate(wkb[start:start + RUN], start=start):
                if blob is not None:
                    found = len(rings)
                    _parse(blob, rings, [])
                    ring_owner += [index] * (len(rings) - found)
            if not rings:
                continue
            coords, ring_offsets = _checked_coordinates(rings, scratch)
            run_bounds.append(coordinate_bounds(coords))
            keep = thinning_mask(coords, ring_offsets[:-1], cell)
            kept_of_ring = np.add.reduceat(keep, ring_offsets[:-1], dtype=np.intp)
            outline = np.repeat(np.arange(outlines_before, outlines_before + len(rings)), kept_of_ring)
            kept.append((coords[keep], outline, np.repeat(np.asarray(ring_owner), kept_of_ring)))
            outlines_before += len(rings)
    except _NotPlain:
        return None
    if not kept:
        return Outlines(np.empty((0, 2)), np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp), len(wkb), cell)
    coords, outline, owner = (np.concatenate(column) for column in zip(*kept))
    low, high = np.min(run_bounds, axis=0), np.max(run_bounds, axis=0)
    return Outlines(coords, outline, owner, len(wkb), cell, (float(low[0]), float(low[1]), float(high[2]), float(high[3])))


def _decode_run(run: Sequence[bytes | None], scratch: _Scratch) -> np.ndarray:
    rings = {_POLYGON: [], _MULTIPOLYGON: []}  # coordinate views of each kind's rings
    ring_counts = {_POLYGON: [], _MULTIPOLYGON: []}  # rings of each polygon
    part_counts: list[int] = []  # polygons of each multipolygon
    kinds = np.zeros(len(run), dtype=np.int8)  # 0: None
    for index, blob in enumerate(run):
        if blob is None:
            continue
        kind = _kind(blob, 0)
        if kind not in rings:
            raise _NotPlain
        kinds[index] = kind
        polygons = _parse(blob, rings[kind], ring_counts[kind])
        if kind == _MULTIPOLYGON:
            part_counts.append(polygons)
    out = np.empty(len(run), dtype=object)
    for kind, geometry_type in ((_POLYGON, GeometryType.POLYGON), (_MULTIPOLYGON, GeometryType.MULTIPOLYGON)):
        if (kinds == kind).any():
            coords, ring_offsets = _checked_coordinates(rings[kind], scratch)
            offsets = [ring_offsets, np.r_[0, np.cumsum(ring_counts[kind], dtype=np.int64)]]
            if kind == _MULTIPOLYGON:
                offsets.append(np.r_[0, np.cumsum(part_counts, dtype=np.int64)])
            out[kinds == kind] = shapely.from_ragged_array(geometry_type, coords, tuple(offsets))
    return out


def _parse(blob: bytes, rings: list[np.ndarray], ring_counts: list[int]) -> int:
    """Append the coordinate views of the rings of the Polygon or MultiPolygon ``blob`` to ``rings``
    and the ring count of each of its polygons to ``ring_counts``; how many polygons it holds."""
    kind = _kind(blob, 0)
    if kind == _POLYGON:
        end, polygons = _polygon(blob, 0, rings, ring_counts), 1
    elif kind == _MULTIPOLYGON:
        polygons = _uint32(blob, 5)
        end = 9
        for _ in range(polygons):
            if _kind(blob, end) != _POLYGON:
                raise _NotPlain
            end = _polygon(blob, end, rings, ring_counts)
    else:
        raise _NotPlain
    if end != len(blob) or not polygons:
        raise _NotPlain
    return polygons


def _polygon(blob: bytes, at: int, rings: list[np.ndarray], ring_counts: list[int]) -> int:
    """Take the polygon whose header is at ``at``; where it ends."""
    count = _uint32(blob, at + 5)
    if not count:  # an empty polygon: shapely's ragged arrays cannot hold one inside a multipolygon
        raise _NotPlain
    at += 9
    for _ in range(count):
        points = _uint32(blob, at)
        end = at + 4 + 16 * points
        if points < 4 or end > len(blob):  # a short ring (GEOS says whether it is unreadable), or cut short
            raise _NotPlain
        rings.append(np.frombuffer(blob, dtype="<f8", count=2 * points, offset=at + 4))
        at = end
    ring_counts.append(count)
    return at


class _Scratch:
    """A coordinate array reused by each run of a decoding: a fresh one per run cost more in page
    faults than the decoding itself (glibc maps large arrays afresh and hands them back)."""

    def __init__(self) -> None:
        self._values = np.empty(0)

    def coordinates(self, rings: list[np.ndarray]) -> np.ndarray:
        """The ``rings`` one after another, as (n, 2); valid until the next call."""
        size = sum(map(len, rings))
        if size > len(self._values):
            self._values = np.empty(max(size, 2 * len(self._values)))
        return np.concatenate(rings, out=self._values[:size]).reshape(-1, 2)


def _checked_coordinates(rings: list[np.ndarray], scratch: _Scratch) -> tuple[np.ndarray, np.ndarray]:
    """The (n, 2) coordinates of ``rings`` (in ``scratch``) and where each ring starts (and the last ends)."""
    points = np.fromiter(map(len, rings), dtype=np.int64, count=len(rings)) // 2
    coords = scratch.coordinates(rings)
    ring_offsets = np.r_[0, np.cumsum(points)]
    # The sum is finite only if every coordinate is (or it overflows: decoded by GEOS then, as well).
    if (not (coords[ring_offsets[:-1]] == coords[ring_offsets[1:] - 1]).all()
            or not np.isfinite(np.add.reduce(coords, axis=None))):
        raise _NotPlain  # open rings, NaN or infinite coordinates: GEOS says which are unreadable
    return coords, ring_offsets


def _kind(blob: bytes, at: int) -> int:
    """The geometry type of the little-endian WKB at ``at``."""
    try:
        order, kind = _TYPE.unpack_from(blob, at)
    except struct.error:
        raise _NotPlain from None
    if order != _LITTLE_ENDIAN:
        raise _NotPlain
    return kind


def _uint32(blob: bytes, at: int) -> int:
    try:
        return _UINT32.unpack_from(blob, at)[0]
    except struct.error:
        raise _NotPlain from None
