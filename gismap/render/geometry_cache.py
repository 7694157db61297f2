"""Per-layer drawing data: a culling index, levels of detail and cached QPainterPaths.

Levels of detail are Douglas-Peucker simplifications at fixed tolerances in degrees, built only
for the features a frame asked for at that level (a level of the whole national layer costs about
a tenth of its full detail's memory, and most levels of most features are never looked at). Each
is derived from the coarsest finer level already built for those features (simplifying the full
national layer costs over a second, simplifying an already simplified one a fraction of that), in
a background thread that starts once the first frame is drawn (so that frame has the cores to
itself, beside the layer's validity check); until the wanted level exists the renderer draws the
best finer one, thinned to a half-pixel grid (:func:`snapped_paths`).

QPainterPaths are built from numpy coordinate buffers in QPainterPath's QDataStream format
(``int32`` element count, then per element ``int32`` type, ``double`` x, ``double`` y, then
``int32`` start of the last subpath and ``int32`` fill rule; an empty path is just the count 0),
which is far quicker than a Python loop of ``lineTo`` calls. Paths stay in map coordinates; the
painter's transform maps them to pixels, so one path serves every pan and zoom.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QIODevice
from PySide6.QtGui import QPainterPath

from gismap.core.background import lower_thread_priority
from gismap.core.outlines import Outlines, outline_starts, thinning_mask, vertex_blocks

# Tolerances (degrees) of the levels of detail 1, 2, ...; level 0 is the full detail.
LOD_TOLERANCES = (5e-5, 2e-4, 8e-4, 3.2e-3, 1.28e-2)
# A level is good enough when its error stays under this share of a pixel.
PIXEL_TOLERANCE = 0.5

_MOVE_TO, _LINE_TO = 0, 1  # QPainterPath.ElementType
_ODD_EVEN_FILL = 0  # Qt.FillRule: holes stay holes
_ELEMENT = np.dtype([("type", "<i4"), ("x", "<f8"), ("y", "<f8")])  # packed: 20 bytes
_POLYGON, _LINE_TYPES = 3, (1, 2)  # shapely type ids (points are drawn as markers, not paths)


def wanted_level(resolution: float) -> int:
    """The coarsest level whose tolerance is invisible at ``resolution`` degrees per pixel."""
    limit = PIXEL_TOLERANCE * resolution
    return sum(1 for tolerance in LOD_TOLERANCES if tolerance <= limit)


def simplify_level(finer: np.ndarray, tolerance: float) -> np.ndarray:
    """Simplify ``finer`` to ``tolerance`` for display.

    Topology is not preserved (that is ten times slower and invisible below a pixel), but
    features that would vanish keep a topology-preserving simplification instead, so no
    hole opens in the map where small communes are.
    """
    simplified = shapely.simplify(finer, tolerance, preserve_topology=False)
    vanished = shapely.is_empty(simplified) & ~shapely.is_empty(finer)
    if vanished.any():
        simplified[vanished] = shapely.simplify(finer[vanished], tolerance, preserve_topology=True)
    return simplified


def painter_paths(geometries: np.ndarray) -> list[QPainterPath]:
    """One QPainterPath per geometry (polygon rings or line parts); points give empty paths."""
    return _stream_paths(*_outline_vertices(geometries), len(geometries))


def snapped_paths(geometries: np.ndarray, cell: float) -> list[QPainterPath]:
    """Like :func:`painter_paths`, with vertices thinned to a grid of ``cell`` degrees: a vertex is
    kept when it leaves the cell of the vertex before it; every ring and line keeps its first and
    last vertex. Numpy passes over the coordinates, no simplified geometry made: the draft of a
    first frame, before the levels of detail exist. Features are taken a block of vertices at a
    time (:func:`~gismap.core.outlines.vertex_blocks`), so the temporary coordinate arrays stay
    small: a fresh array of the national layer's 7 M vertices costs more in page faults than the
    thinning itself, and blocks of a fixed number of features made the first frame the window's
    peak of memory."""
    kept, outlines_before = [], 0
    for start, stop in vertex_blocks(geometries):
        coords, vertex_outline, vertex_owner = _outline_vertices(geometries[start:stop])
        keep = thinning_mask(coords, outline_starts(vertex_outline), cell)
        # Outlines and owners numbered across blocks, as if the geometries had been taken at once.
        kept.append((coords[keep], vertex_outline[keep] + outlines_before, vertex_owner[keep] + start))
        outlines_before += int(vertex_outline[-1]) + 1 if len(vertex_outline) else 0
    if not kept:
        return []
    coords, vertex_outline, vertex_owner = (np.concatenate(column) for column in zip(*kept))
    return _stream_paths(coords, vertex_outline, vertex_owner, len(geometries))


def _outline_vertices(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates of the polygon rings and line parts of ``geometries``, each geometry's contiguous
    and in order, with the outline and the geometry each vertex belongs to."""
    parts, part_owner = shapely.get_parts(geometries, return_index=True)
    part_type = shapely.get_type_id(parts)
    is_polygon, is_line = part_type == _POLYGON, np.isin(part_type, _LINE_TYPES)
    rings, ring_part = shapely.get_rings(parts[is_polygon], return_index=True)
    # Rings and lines in geometry order, so each geometry's vertices are contiguous.
    outlines = np.concatenate([rings, parts[is_line]])
    outline_owner = part_owner[np.concatenate([np.flatnonzero(is_polygon)[ring_part], np.flatnonzero(is_line)])]
    order = np.argsort(outline_owner, kind="stable")
    outlines, outline_owner = outlines[order], outline_owner[order]

    coords, vertex_outline = shapely.get_coordinates(outlines, return_index=True)
    return coords, vertex_outline, outline_owner[vertex_outline]


def outline_paths(outlines: Outlines) -> list[QPainterPath]:
    """One QPainterPath per feature of ``outlines``."""
    return _stream_paths(outlines.coords, outlines.outline, outlines.owner, outlines.count)


def _stream_paths(coords: np.ndarray, vertex_outline: np.ndarray, vertex_owner: np.ndarray,
                  count: int) -> list[QPainterPath]:
    """``count`` paths from vertices grouped by path (``vertex_owner``) and, within, by outline."""
    counts = np.bincount(vertex_owner, minlength=count)
    first_vertex = np.concatenate([[0], np.cumsum(counts)[:-1]])

    elements = np.empty(len(coords), dtype=_ELEMENT)
    starts_outline = np.ones(len(coords), dtype=bool)
    starts_outline[1:] = vertex_outline[1:] != vertex_outline[:-1]
    elements["type"] = np.where(starts_outline, _MOVE_TO, _LINE_TO)
    elements["x"] = coords[:, 0]
    elements["y"] = coords[:, 1]

    # Index (within its path) of the last MoveTo of each path: QPainterPath's "cStart".
    last_move = np.zeros(count, dtype=np.int32)
    move_at = np.flatnonzero(starts_outline)
    np.maximum.at(last_move, vertex_owner[move_at], (move_at - first_vertex[vertex_owner[move_at]]).astype(np.int32))

    # Insert each path's header (count) and, for non-empty paths, trailer (cStart, fill rule)
    # between the 5-word element records, in one pass.
    words = elements.view(np.int32)
    end_vertex = first_vertex + counts
    filled = counts > 0
    positions = [5 * first_vertex, 5 * end_vertex[filled], 5 * end_vertex[filled]]
    values = [counts, last_move[filled], np.full(filled.sum(), _ODD_EVEN_FILL)]
    # At equal positions a path's trailer goes before the next path's header; lexsort is stable.
    sequence = [np.full(len(counts), 2), np.zeros(filled.sum()), np.ones(filled.sum())]
    position = np.concatenate(positions)
    order = np.lexsort((np.concatenate(sequence), position))
    stream_words = np.insert(words, position[order], np.concatenate(values)[order].astype(np.int32))

    buffer = QByteArray(stream_words.tobytes())  # must outlive the stream reading it
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
    stream.setByteOrder(QDataStream.ByteOrder.LittleEndian)
    paths = []
    for _ in range(count):
        path = QPainterPath()
        stream >> path
        paths.append(path)
    return paths


class GeometryCache:
    """Culling index, levels of detail and painter paths of one geometry array.

    A level of detail is built only for the features a frame asked for at that level, so memory
    follows what is looked at (a national view wants one coarse level of every feature, a zoom a
    finer level of a few hundred). Each request is simplified from the coarsest finer level
    already built for those features (level 0 at worst), on a background thread that lives only
    while there are requests. Thread-safe: levels are published under a lock by that thread;
    paths are built by whichever thread renders first and shared afterwards.
    """

    def __init__(self, geometries: np.ndarray, on_level_ready: Callable[[int], None] | None = None,
                 draft_paths: tuple[float, np.ndarray] | None = None):
        self.geometries = geometries
        # (cell, a path per feature): drafts already made of these features on that grid (the layer's
        # draft, while it was read), drawn again as they are until the level of that view is built.
        self._draft_paths = draft_paths
        self.tree = shapely.STRtree(geometries)
        self.bounds = shapely.bounds(geometries)
        self._areas: np.ndarray | None = None
        self._label_points = np.full((len(geometries), 2), np.nan)
        # level -> object array of geometries, None where that feature's level is not built yet.
        self._levels: dict[int, np.ndarray] = {0: geometries}
        self._paths: dict[int, np.ndarray] = {}  # level -> object array of QPainterPath or None
        self._requests: dict[int, np.ndarray] = {}  # level -> indices asked for, not built yet
        self._building: tuple[int, np.ndarray] = (0, np.empty(0, dtype=np.intp))  # level, indices being built
        self._lock = threading.Condition()
        self._closed = False
        self._started = False  # levels are built only after a first frame
        self._builder: threading.Thread | None = None
        self._on_level_ready = on_level_ready

    def matches(self, geometries: np.ndarray) -> bool:
        """Whether ``geometries`` are the very objects this cache was built for, in order."""
        return geometries is self.geometries or (
            len(geometries) == len(self.geometries)
            and all(a is b for a, b in zip(geometries, self.geometries)))

    def close(self) -> None:
        """Stop building levels (the geometry was replaced)."""
        with self._lock:
            self._closed = True
            self._requests.clear()
            self._lock.notify_all()

    def build_levels(self) -> None:
        """Let the levels frames asked for be built in the background (called after a first frame)."""
        with self._lock:
            self._started = True
            self._start_builder()

    def wait_levels(self, timeout: float | None = None) -> bool:
        """Build the levels asked for so far and block until they exist; False on timeout."""
        with self._lock:
            self._started = True
            self._start_builder()
            return self._lock.wait_for(lambda: self._builder is None, timeout)

    def _request(self, level: int, indices: np.ndarray) -> None:
        """Under the lock: queue the features of ``indices`` missing at ``level``."""
        built = self._levels.get(level)
        missing = indices if built is None else indices[np.equal(built[indices], None)]
        if level == self._building[0]:  # frames drawn meanwhile ask again for what is being built
            missing = np.setdiff1d(missing, self._building[1], assume_unique=True)
        if self._closed or not len(missing):
            return
        queued = self._requests.get(level)
        self._requests[level] = missing if queued is None else np.union1d(queued, missing)
        self._start_builder()

    def _start_builder(self) -> None:
        if self._started and self._requests and self._builder is None and not self._closed:
            # Not a daemon: a thread still inside GEOS while the interpreter shuts down can crash it;
            # it ends as soon as no request is left (close() drops them).
            self._builder = threading.Thread(target=self._build_requests, name="gismap-lod")
            self._builder.start()

    def _build_requests(self) -> None:
        lower_thread_priority()  # frames first
        while True:
            with self._lock:
                if not self._requests or self._closed:
                    self._builder = None
                    self._lock.notify_all()
                    return
                level = min(self._requests)  # the finer levels first: coarser ones derive from them
                indices = self._requests.pop(level)
                self._building = (level, indices)
                sources = self._coarsest_finer_levels(level, indices)
            simplified = np.empty(len(indices), dtype=object)
            for source, chosen in sources:
                simplified[chosen] = simplify_level(self._levels[source][indices[chosen]], LOD_TOLERANCES[level - 1])
            with self._lock:
                built = self._levels.setdefault(level, np.full(len(self.geometries), None, dtype=object))
                built[indices] = simplified
                self._building = (0, self._building[1][:0])
                if self._draft_paths is not None and level == wanted_level(self._draft_paths[0] / PIXEL_TOLERANCE):
                    self._draft_paths = None  # the level of the view they were drawn for takes over
            if self._on_level_ready is not None:
                self._on_level_ready(level)

    def _coarsest_finer_levels(self, level: int, indices: np.ndarray) -> list[tuple[int, np.ndarray]]:
        """Under the lock: (source level, positions in ``indices``) pairs covering ``indices``, each
        feature taken from the coarsest level finer than ``level`` built for it."""
        pending = np.ones(len(indices), dtype=bool)
        sources = []
        for source in range(level - 1, -1, -1):
            built = self._levels.get(source)
            if built is None:
                continue
            chosen = pending & ~np.equal(built[indices], None)
            if chosen.any():
                sources.append((source, np.flatnonzero(chosen)))
                pending &= ~chosen
        return sources

    def areas(self) -> np.ndarray:
        """Area of each geometry (square degrees: only for ranking)."""
        if self._areas is None:
            self._areas = shapely.area(self.geometries)
        return self._areas

    def label_points(self, indices: np.ndarray) -> np.ndarray:
        """(n, 2) lon/lat of a point inside each of ``indices``, computed once."""
        missing = indices[np.isnan(self._label_points[indices, 0])]
        if len(missing):
            self._label_points[missing] = shapely.get_coordinates(shapely.point_on_surface(self.geometries[missing]))
        return self._label_points[indices]

    def visible(self, extent: tuple[float, float, float, float]) -> np.ndarray:
        """Sorted indices of the geometries whose bounds meet ``extent``."""
        return np.sort(self.tree.query(shapely.box(*extent)))

    def paths(self, indices: np.ndarray, resolution: float) -> np.ndarray:
        """Painter paths (map coordinates) of ``indices`` simplified for ``resolution``.

        Paths of built levels are made once and kept. Features whose wanted level is not built
        yet are asked for at that level and meanwhile drawn from the coarsest finer level built
        for them, thinned to a half-pixel grid and not kept (a draft, replaced when
        ``on_level_ready`` says the level exists).
        """
        wanted = wanted_level(resolution)
        out = np.empty(len(indices), dtype=object)
        with self._lock:
            self._request(wanted, indices)
            built = self._levels.get(wanted)
            ready = np.zeros(len(indices), dtype=bool) if built is None else ~np.equal(built[indices], None)
            drafts = self._coarsest_finer_levels(wanted, indices[~ready])
            if ready.any():
                cached = self._paths.setdefault(wanted, np.full(len(self.geometries), None, dtype=object))
                chosen = indices[ready]
                missing = chosen[np.equal(cached[chosen], None)]
                if len(missing):
                    cached[missing] = path_array(painter_paths(self._levels[wanted][missing]))
                out[ready] = cached[chosen]
        cell = PIXEL_TOLERANCE * resolution
        unready = np.flatnonzero(~ready)
        if self._draft_paths is not None and self._draft_paths[0] == cell:
            out[unready] = self._draft_paths[1][indices[unready]]
            return out
        for source, chosen in drafts:
            out[unready[chosen]] = path_array(snapped_paths(self._levels[source][indices[unready[chosen]]], cell))
        return out


def path_array(paths: list[QPainterPath]) -> np.ndarray:
    """``paths`` as an object array, ready to be drawn from any thread."""
    out = np.empty(len(paths), dtype=object)
    for index, path in enumerate(paths):
        # Compute the lazily cached bounds now, so that drawing the shared path from another
        # thread later only reads it.
        path.controlPointRect()
        path.boundingRect()
        out[index] = path
    return out
