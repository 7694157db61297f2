"""Shared-edge simplification: neighbours stay joined, vertices are the input's, nothing is lost."""

from __future__ import annotations

import numpy as np
import pyogrio
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Polygon, box

from gismap.core.feedback import Canceled, Feedback
from gismap.core.paths import shapefiles_dir
from gismap.render.shared_edges import simplify_shared_edges


def _communes(path=shapefiles_dir() / "communes_37.parquet") -> np.ndarray:
    if path.suffix == ".parquet":
        import geopandas as gpd

        return gpd.read_parquet(path).geometry.to_numpy()
    return pyogrio.read_dataframe(path, use_arrow=True).geometry.to_numpy()


def _vertex_keys(geometry: np.ndarray) -> set[tuple[float, float]]:
    return set(map(tuple, shapely.get_coordinates(geometry).tolist()))


def _assert_same_coverage(simplified: np.ndarray, original: np.ndarray) -> None:
    """Every polygon valid and present, no new vertex, no overlap, no gap (the union has the
    original's parts and holes: an opening between neighbours would be a new hole)."""
    assert shapely.is_valid(simplified).all() and not shapely.is_empty(simplified).any()
    assert _vertex_keys(simplified) <= _vertex_keys(original)
    union, original_union = shapely.union_all(simplified), shapely.union_all(original)
    assert shapely.area(simplified).sum() == pytest.approx(union.area, rel=1e-6)  # no overlaps
    parts, original_parts = shapely.get_parts(union), shapely.get_parts(original_union)
    assert len(parts) == len(original_parts)
    assert shapely.get_num_interior_rings(parts).sum() == shapely.get_num_interior_rings(original_parts).sum()


def test_a_province_loses_most_vertices_and_no_border():
    original = _communes()
    simplified = simplify_shared_edges(original, 1e-4)
    assert shapely.get_num_coordinates(simplified).sum() < 0.5 * shapely.get_num_coordinates(original).sum()
    _assert_same_coverage(simplified, original)
    assert shapely.area(simplified).sum() == pytest.approx(shapely.area(original).sum(), rel=1e-3)
    # Neighbours share their whole border, vertex for vertex.
    tree = shapely.STRtree(original)
    left, right = tree.query(original, predicate="touches")
    pairs = [(a, b) for a, b in zip(left, right) if a < b
             and shapely.length(shapely.intersection(original[a], original[b])) > 0]
    assert len(pairs) > 200
    for a, b in pairs:
        shared = shapely.intersection(shapely.boundary(simplified[a]), shapely.boundary(simplified[b]))
        assert shapely.length(shared) > 0
        assert (_vertex_keys(simplified[a]) & _vertex_keys(original[b])) <= _vertex_keys(simplified[b])


def test_the_national_layer_keeps_every_commune_valid(national_communes_path):
    original = _communes(national_communes_path)
    mismatched = (~shapely.is_empty(shapely.coverage_invalid_edges(original))).sum()
    for tolerance in (1.1e-3, 2.5e-3):  # the national page's, and a regional document's
        simplified = simplify_shared_edges(original, tolerance)
        assert len(simplified) == 3321 and shapely.is_valid(simplified).all()
        assert not shapely.is_empty(simplified).any()
        assert shapely.get_num_coordinates(simplified).sum() < 0.1 * shapely.get_num_coordinates(original).sum()
        # The input's own mismatched borders (slivers, vertices on one side only) are not made worse.
        assert (~shapely.is_empty(shapely.coverage_invalid_edges(simplified))).sum() <= mismatched


def test_a_neighbour_made_invalid_by_a_repair_is_repaired_too(national_communes_path):
    # Giving commune 1057 its border back in full made its neighbour 1140 cross itself.
    pair = _communes(national_communes_path)[[1057, 1140]]
    first_pass = simplify_shared_edges(pair, 0.003)
    assert shapely.is_valid(first_pass).all()
    _assert_same_coverage(first_pass, pair)


def test_straight_edges_become_corners_and_holes_and_parts_stay():
    left = shapely.segmentize(box(0, 0, 1, 1), 0.125)
    right = shapely.segmentize(box(1, 0, 2, 1), 0.125)
    parts = MultiPolygon([shapely.segmentize(box(3, 0, 4, 1), 0.125), box(5, 5, 6, 6)])
    holed = Polygon([(0, 2), (4, 2), (4, 6), (0, 6)], [[(1, 3), (1, 4), (2, 4), (2, 3)]])
    geometry = np.array([left, None, parts, right, Polygon(), shapely.segmentize(holed, 0.25),
                         shapely.Point(1, 1)], dtype=object)
    simplified = simplify_shared_edges(geometry, 0.05)
    assert simplified[0].equals(box(0, 0, 1, 1)) and shapely.get_num_coordinates(simplified[0]) < 20
    assert simplified[2].equals(MultiPolygon([box(3, 0, 4, 1), box(5, 5, 6, 6)]))
    assert simplified[5].equals(holed) and shapely.get_num_coordinates(simplified[5]) == 10
    assert simplified[1] is None and simplified[4].is_empty and simplified[6] is geometry[6]
    assert shapely.coverage_is_valid(simplified[[0, 3]])


def test_a_ring_too_small_for_the_tolerance_keeps_its_vertices():
    island = shapely.Point(0, 0).buffer(0.001, quad_segs=4)
    simplified = simplify_shared_edges(np.array([island]), 1.0)
    assert simplified[0].equals(island)


def test_a_small_ring_keeps_its_shared_border_on_both_sides():
    # A's ring would keep two points; it keeps all, and B takes the same wavy border back.
    shared = [(0, 1), (0.25, 1.01), (0.5, 0.99), (0.75, 1.01), (1, 1)]
    small, big = Polygon(shared + [(0.5, 1.05)]), Polygon([(0, 0), (1, 0), *shared[::-1]])
    original = np.array([small, big])
    simplified = simplify_shared_edges(original, 0.1)
    assert simplified[0].equals(small)
    _assert_same_coverage(simplified, original)
    assert shapely.area(simplified).sum() == pytest.approx(shapely.area(original).sum())


def test_an_empty_part_of_a_multipolygon_is_dropped():
    holed = shapely.from_wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), EMPTY, ((2 0, 3 0, 3 1, 2 0)))")
    simplified = simplify_shared_edges(np.array([holed, box(1, 0, 2, 1)]), 0.1)
    assert simplified[0].equals(MultiPolygon([box(0, 0, 1, 1), Polygon([(2, 0), (3, 0), (3, 1)])]))
    assert simplified[1].equals(box(1, 0, 2, 1))


def test_an_arc_that_would_cross_another_gets_its_vertices_back():
    # A narrow inlet: simplified at 0.5, its two sides would cross; the neighbour inside it too.
    outer = Polygon([(0, 0), (10, 0), (10, 10), (5.2, 10), (5.2, 1), (5.1, 0.9), (4.9, 0.9), (4.8, 1),
                     (4.8, 10), (0, 10)])
    inlet = Polygon([(4.8, 10), (4.8, 1), (4.9, 0.9), (5.1, 0.9), (5.2, 1), (5.2, 10)])
    original = np.array([outer, inlet])
    simplified = simplify_shared_edges(original, 0.5)
    _assert_same_coverage(simplified, original)


def test_cancel_stops_it():
    feedback = Feedback()
    feedback.cancel()
    with pytest.raises(Canceled):
        simplify_shared_edges(_communes(), 1e-4, feedback)


def _wavy_grid(seed: int, columns: int, rows: int, wiggles: int) -> np.ndarray:
    """A grid of cells whose borders are random polylines, each drawn once and used by both cells."""
    rng = np.random.default_rng(seed)
    nodes = np.stack(np.meshgrid(np.arange(columns + 1.0), np.arange(rows + 1.0), indexing="ij"), axis=-1)
    nodes[1:-1, 1:-1] += rng.uniform(-0.2, 0.2, nodes[1:-1, 1:-1].shape)

    def border(start, end):
        along = np.sort(rng.uniform(0.1, 0.9, wiggles))[:, None]
        normal = np.array([start[1] - end[1], end[0] - start[0]])
        return start + along * (end - start) + rng.uniform(-0.08, 0.08, (wiggles, 1)) * normal

    across = {(i, j): border(nodes[i, j], nodes[i + 1, j]) for i in range(columns) for j in range(rows + 1)}
    up = {(i, j): border(nodes[i, j], nodes[i, j + 1]) for i in range(columns + 1) for j in range(rows)}
    cells = []
    for i in range(columns):
        for j in range(rows):
            ring = [nodes[i, j], *across[i, j], nodes[i + 1, j], *up[i + 1, j], nodes[i + 1, j + 1],
                    *across[i, j + 1][::-1], nodes[i, j + 1], *up[i, j][::-1]]
            cells.append(Polygon(ring))
    return np.array(cells, dtype=object)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), columns=st.integers(1, 8), rows=st.integers(1, 8),
       wiggles=st.integers(0, 30), tolerance=st.floats(1e-3, 0.5))
def test_wavy_borders_stay_shared(seed, columns, rows, wiggles, tolerance):
    cells = _wavy_grid(seed, columns, rows, wiggles)
    assume(shapely.is_valid(cells).all() and shapely.coverage_is_valid(cells))
    simplified = simplify_shared_edges(cells, tolerance)
    _assert_same_coverage(simplified, cells)
    assert shapely.coverage_is_valid(simplified)
