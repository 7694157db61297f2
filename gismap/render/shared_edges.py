"""Simplification of a polygon coverage that keeps neighbours' shared edges shared.

A coverage (communes, provinces) is made of *arcs*: runs of edges that the same two polygons
share (or that one polygon has alone, on the coast or the border). Each arc is simplified once,
with Douglas–Peucker at the tolerance, and both polygons take the same vertices of it, so
neighbours that share an edge never open a gap or overlap along it; the points where arcs meet
are always kept. This is the TopoJSON approach (``toposimplify``), done on vertex arrays.

The result's vertices are a subset of the input's (in two dimensions: a Z is dropped), chosen
per distinct point: two rings that share an edge (bitwise the same coordinates, as in a clean
coverage) keep its points or drop them together. Unlike GEOS's ``coverage_simplify`` the arcs
are not checked against each other as they are simplified: this costs a few vector operations
over the vertices instead of seconds of GEOS work (the national commune layer, 7.1 M vertices,
in about two seconds). Instead:

- a ring that would keep fewer than three vertices keeps all of them, and so do its neighbours
  along the edges they share with it (small islands stay on the map at every tolerance);
- a polygon that comes out invalid (an arc simplified across another of its arcs) takes its
  arcs again at a quarter and a sixteenth of the tolerance, then whole, as do its neighbours
  along the edges they share with it, until no polygon valid in the input is invalid.

Arcs that two polygons do not share are not checked against each other: where polygons only
touch at a point, or run close without sharing an edge, their outlines may overlap by up to the
tolerance (9 pairs of the national layer's communes at its national tolerance, where the input
itself has 79 overlapping pairs). Missing, empty and non-polygonal geometries are returned as
they are; an invalid input is simplified but not repaired.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import shapely

from gismap.core.feedback import Feedback

POLYGONAL = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)
# Finer tolerances (shares of the asked one) tried on the arcs of a polygon that came out invalid.
FINER_TOLERANCES = (1 / 4, 1 / 16)


def simplify_shared_edges(geometry: np.ndarray, tolerance: float, feedback: Feedback | None = None) -> np.ndarray:
    """``geometry`` (polygons and multipolygons) simplified at ``tolerance``, shared edges staying shared."""
    feedback = feedback or Feedback()
    geometry = np.asarray(geometry, dtype=object)
    result = geometry.copy()
    polygonal = np.flatnonzero(np.isin(shapely.get_type_id(geometry), POLYGONAL) & ~shapely.is_empty(geometry))
    if len(polygonal) == 0 or tolerance <= 0:
        return result
    vertices = _Vertices(geometry[polygonal])
    feedback.check()
    keep = vertices.kept(tolerance)
    collapsed = vertices.rings_keeping_fewer_than_three(keep)
    if collapsed.any():
        keep |= vertices.kept(0.0, arcs=vertices.arcs_of(collapsed[vertices.ring_of]))
    simplified = vertices.polygons(keep)
    # Each pass only adds vertices, and whole arcs give back the (valid) input: the loop ends.
    for finer in itertools.chain((tolerance * share for share in FINER_TOLERANCES), itertools.repeat(0.0)):
        feedback.check()
        broken = np.flatnonzero(~shapely.is_valid(simplified))
        broken = broken[shapely.is_valid(geometry[polygonal[broken]])]  # an invalid input is not repaired
        if len(broken) == 0:
            break
        added = vertices.kept(finer, arcs=vertices.arcs_of(vertices.owned_by(broken))) & ~keep
        if added.any():
            keep |= added
            simplified = vertices.polygons(keep)
        elif finer == 0.0:
            break  # nothing left to give back
    result[polygonal] = simplified
    return result


class _Vertices:
    """The vertices of polygons' rings, each ring without its closing repetition of the first, the
    ring each belongs to, the vertex after each around its ring, and the arcs they make up.

    Indices are 32-bit: the arrays are many and as long as the vertices, and a fresh process
    pays for every page it touches.
    """

    def __init__(self, polygons: np.ndarray) -> None:
        self.count = len(polygons)
        self.single = shapely.get_type_id(polygons) == shapely.GeometryType.POLYGON
        parts, self.part_owner = shapely.get_parts(polygons, return_index=True)
        solid = ~shapely.is_empty(parts)  # a multipolygon may hold an empty part: it has no ring
        parts, self.part_owner = parts[solid], self.part_owner[solid]
        rings, self.ring_part = shapely.get_rings(parts, return_index=True)
        # The rings' coordinates as GEOS gives them, closing vertices included: the open vertex i
        # of ring r is row i + r (each ring before it has one closing vertex more).
        self.closed_coords = shapely.get_coordinates(rings)
        lengths = (shapely.get_num_coordinates(rings) - 1).astype(np.int32)
        self.ring_of = np.repeat(np.arange(len(rings), dtype=np.int32), lengths)
        count = len(self.ring_of)
        self.starts = np.r_[0, np.cumsum(lengths[:-1])].astype(np.int32)
        self.ends = self.starts + lengths - 1  # each ring's last vertex
        self.following = np.arange(1, count + 1, dtype=np.int32)
        self.following[self.ends] = self.starts
        self.point = np.delete(_point_keys(self.closed_coords), self.ends + np.arange(1, len(rings) + 1))
        # Edge i runs from vertex i to the next; where two rings share it, each holds it once:
        # its mate is the other one (or itself when unshared).
        edges = self.point[self.following]
        edges += self.point  # the same key from both ends: the keys are well mixed, so a sum will do
        # Equal edges are neighbours once sorted (numpy's sort is vectorised: faster than hashing).
        # An edge held by more than two rings (a broken coverage) counts as unshared.
        by_edge = np.argsort(edges).astype(np.int32)
        equal = np.r_[False, edges[by_edge[1:]] == edges[by_edge[:-1]], False]
        del edges
        pairs = np.flatnonzero(equal[1:-1] & ~equal[:-2] & ~equal[2:])
        occurrence = np.arange(count, dtype=np.int32)
        self.mate = occurrence.copy()
        self.mate[by_edge[pairs]] = by_edge[pairs + 1]
        self.mate[by_edge[pairs + 1]] = by_edge[pairs]
        del by_edge, equal, pairs
        self.shared = self.mate != occurrence
        self._find_arcs(occurrence)

    def _find_arcs(self, occurrence: np.ndarray) -> None:
        """Split the rings into arcs, each to be simplified once, from its leading side."""
        ring_of = self.ring_of
        other = ring_of[self.mate]  # the ring on the other side (this ring where none)
        preceding = occurrence - 1
        preceding[self.starts] = self.ends
        # Where the neighbour changes, one arc ends and the next begins: these vertices are kept.
        junction = other[preceding] != other
        del preceding
        # Each ring read from its first junction (a ring without one is a single closed arc), so
        # that its arcs are runs from one junction to the next.
        junction_rows = np.flatnonzero(junction)
        rings_with, first_rows = np.unique(ring_of[junction_rows], return_index=True)
        shift = np.zeros(len(self.starts), dtype=np.int32)
        shift[rings_with] = junction_rows[first_rows] - self.starts[rings_with]
        ring_starts = self.starts[ring_of]
        lengths = (self.ends - self.starts + 1)[ring_of]
        order = occurrence - ring_starts
        order += shift[ring_of]
        order %= lengths
        order += ring_starts
        del ring_starts, lengths
        # The side of an arc's lower-numbered ring (or its only ring) leads it.
        self.leading = ~self.shared | (ring_of < other) | ((ring_of == other) & (occurrence < self.mate))
        del other
        rows = order[self.leading[order]]
        del order
        begins = junction[rows]
        begins[1:] |= ring_of[rows[1:]] != ring_of[rows[:-1]]
        if len(rows):
            begins[0] = True
        arcs = np.cumsum(begins, dtype=np.int32) - 1
        del begins
        self.arc_of = np.empty(len(ring_of), dtype=np.int32)
        self.arc_of[rows] = arcs
        self.arc_of[~self.leading] = self.arc_of[self.mate[~self.leading]]
        # Each arc's line: its vertices and the one that ends it, the next around the ring.
        last_of_arc = np.flatnonzero(np.r_[arcs[1:] != arcs[:-1], True]) if len(rows) else np.zeros(0, np.int64)
        self.line_rows = np.insert(rows, last_of_arc + 1, self.following[rows[last_of_arc]])
        self.line_arcs = np.insert(arcs, last_of_arc + 1, arcs[last_of_arc])

    def owned_by(self, polygons: np.ndarray) -> np.ndarray:
        """Which vertices belong to the ``polygons`` (numbers in the order given)."""
        ring_owner = self.part_owner[self.ring_part]
        return np.isin(ring_owner, polygons)[self.ring_of]

    def arcs_of(self, chosen: np.ndarray) -> np.ndarray:
        """The arcs that the ``chosen`` vertices lie on."""
        return np.unique(self.arc_of[chosen])

    def kept(self, tolerance: float, arcs: np.ndarray | None = None) -> np.ndarray:
        """Which vertices Douglas–Peucker keeps at ``tolerance`` on every arc (or on ``arcs`` only),
        the same on both sides of each; the arcs' ends (where arcs meet) are always kept, as
        Douglas–Peucker keeps a line's ends."""
        line_rows, line_arcs = self.line_rows, self.line_arcs
        if arcs is not None:
            chosen = np.isin(line_arcs, arcs)
            line_rows, line_arcs = line_rows[chosen], line_arcs[chosen]
        keep = np.zeros(len(self.ring_of), dtype=bool)
        if tolerance > 0:
            numbers = np.cumsum(np.r_[True, line_arcs[1:] != line_arcs[:-1]]) - 1  # 0, 1, 2, ... as shapely asks
            lines = shapely.simplify(shapely.linestrings(self._coords(line_rows), indices=numbers), tolerance,
                                     preserve_topology=False)
            points = _point_keys(shapely.get_coordinates(lines))
            keep[line_rows] |= pd.Series(self.point[line_rows]).isin(points).to_numpy()
        else:
            keep[line_rows] = True
        # The other side of each arc keeps the same points.
        following = np.flatnonzero(~self.leading)
        keep[following] |= keep[self._same_point(following)]
        return keep

    def _same_point(self, rows: np.ndarray) -> np.ndarray:
        """For each of ``rows`` (vertices on shared edges), the vertex of its edge's mate at the same point."""
        mates = self.mate[rows]
        return np.where(self.point[mates] == self.point[rows], mates, self.following[mates])

    def _coords(self, rows: np.ndarray) -> np.ndarray:
        """The coordinates of the open vertices ``rows``."""
        return self.closed_coords[rows + self.ring_of[rows]]

    def rings_keeping_fewer_than_three(self, keep: np.ndarray) -> np.ndarray:
        """For each ring, whether fewer than three of its vertices are in ``keep``."""
        return np.bincount(self.ring_of[keep], minlength=len(self.starts)) < 3

    def polygons(self, keep: np.ndarray) -> np.ndarray:
        """The polygons and multipolygons rebuilt from the ``keep`` vertices (a ring of fewer
        than three distinct points in the input, which no tolerance can thin, keeps them all)."""
        keep = keep | self.rings_keeping_fewer_than_three(keep)[self.ring_of]
        kept_rows = np.flatnonzero(keep)
        coords, ring_of = self._coords(kept_rows), self.ring_of[kept_rows]
        ends = np.r_[np.flatnonzero(ring_of[1:] != ring_of[:-1]) + 1, len(ring_of)]
        starts = np.r_[0, ends[:-1]]
        rings = shapely.linearrings(np.insert(coords, ends, coords[starts], axis=0),
                                    indices=np.insert(ring_of, ends, ring_of[starts]))
        parts = shapely.polygons(rings, indices=self.ring_part)  # each part's first ring is its shell
        rebuilt = np.empty(self.count, dtype=object)
        first_part = np.r_[0, np.cumsum(np.bincount(self.part_owner, minlength=self.count))[:-1]]
        rebuilt[self.single] = parts[first_part[self.single]]
        in_multi = ~self.single[self.part_owner]
        if in_multi.any():
            owners, numbers = np.unique(self.part_owner[in_multi], return_inverse=True)
            rebuilt[owners] = shapely.multipolygons(parts[in_multi], indices=numbers)
        return rebuilt


def _point_keys(coords: np.ndarray) -> np.ndarray:
    """One well-mixed 64-bit key per point (pandas' vectorised splitmix hash), the same for the
    same coordinates, bit for bit. Two points collide only by chance, about once in 2**64, and
    a collision could only change which vertices are kept, never move one."""
    bits = np.ascontiguousarray(coords).view(np.uint64)
    mixed = pd.util.hash_array(bits[:, 0], categorize=False)
    mixed ^= bits[:, 1]
    return pd.util.hash_array(mixed, categorize=False)
