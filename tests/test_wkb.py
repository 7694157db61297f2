"""Polygon WKB decoding and outlines straight from WKB, against shapely's reader as the reference."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pyogrio.raw
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from gismap.core.outlines import Outlines, outline_starts, thinning_mask
from gismap.core.paths import shapefiles_dir
from gismap.core.wkb import decode_polygons, outlines_from_wkb
from gismap.render.geometry_cache import _outline_vertices

NATIONAL_OVERVIEW = shapefiles_dir() / "communes_vn_2025_overview.shp"


def _same(decoded: np.ndarray, reference: np.ndarray) -> bool:
    """Both None at the same places, and otherwise the same geometry: type, rings and coordinates
    (NaN ones too) in order."""
    missing = np.equal(reference, None)
    if not np.array_equal(np.equal(decoded, None), missing):
        return False
    return list(shapely.to_wkb(decoded[~missing])) == list(shapely.to_wkb(reference[~missing]))


def _reference(wkb) -> np.ndarray:
    return shapely.from_wkb(np.asarray(wkb, dtype=object), on_invalid="ignore")


def _thinned_reference(geometries: np.ndarray, cell: float) -> tuple[np.ndarray, np.ndarray]:
    coords, outline, owner = _outline_vertices(geometries)
    keep = thinning_mask(coords, outline_starts(outline), cell)
    return coords[keep], owner[keep]


@pytest.fixture(scope="module")
def commune_wkb() -> np.ndarray:
    """The WKB of the 3,321 communes of the embedded overview layer (polygons and multipolygons)."""
    return pyogrio.raw.read(NATIONAL_OVERVIEW, columns=[])[2]


def test_the_communes_decode_as_shapely_reads_them(commune_wkb):
    assert set(shapely.get_type_id(_reference(commune_wkb))) == {3, 6}  # both kinds, mixed
    assert _same(decode_polygons(commune_wkb), _reference(commune_wkb))


def test_the_national_full_detail_layer_decodes_as_shapely_reads_it(national_communes_path):
    wkb = pyogrio.raw.read(national_communes_path, columns=[])[2]
    assert _same(decode_polygons(wkb), _reference(wkb))


def test_outlines_are_the_thinned_rings_of_the_geometry(commune_wkb):
    geometries = _reference(commune_wkb)
    for cell in (0.0005, 0.01):
        outlines = outlines_from_wkb(commune_wkb, cell)
        coords, owner = _thinned_reference(geometries, cell)
        assert outlines.count == len(commune_wkb) and outlines.cell == cell
        assert np.array_equal(outlines.coords, coords) and np.array_equal(outlines.owner, owner)
        # Outlines numbered in order, one per ring kept, each starting where its owner's do.
        assert (np.diff(outlines.outline) >= 0).all()
        assert len(np.unique(outlines.outline)) == shapely.get_num_interior_rings(
            shapely.get_parts(geometries)).sum() + len(shapely.get_parts(geometries))


def test_outlines_thin_further_and_keep_each_ring_whole_at_its_ends(commune_wkb):
    fine = outlines_from_wkb(commune_wkb, 0.0005)
    coarse = fine.thinned(0.01)
    assert len(coarse.coords) < len(fine.coords) / 2 and coarse.cell == 0.01
    assert fine.thinned(0.0001) is fine  # never finer than it was made
    starts = outline_starts(coarse.outline)
    ends = np.r_[starts[1:], len(coarse.coords)] - 1
    assert (coarse.coords[starts] == coarse.coords[ends]).all()  # rings stay closed
    assert coarse.bounds == fine.bounds == tuple(shapely.total_bounds(_reference(commune_wkb)))  # the features', thinned or not


def test_features_without_geometry_have_no_outline_and_keep_their_place():
    square = shapely.to_wkb(shapely.box(0, 0, 1, 1))
    outlines = outlines_from_wkb([None, square, None], 0.1)
    assert outlines.count == 3 and set(outlines.owner) == {1}
    assert _same(decode_polygons([None, square, None]), _reference([None, square, None]))
    empty = outlines_from_wkb([None, None], 0.1)
    assert isinstance(empty, Outlines) and empty.count == 2 and len(empty.coords) == 0


polygon_wkt = st.sampled_from([
    "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 1 1))",
    "POLYGON ((10 10, 11 10, 10.5 11, 10 10))",
    "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5), (5.2 5.2, 5.2 5.4, 5.4 5.4, 5.2 5.2)))",
    "MULTIPOLYGON (((105 21, 106 21, 106 22, 105 21)))",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), polygon_wkt), min_size=0, max_size=250),
       st.floats(-1e6, 1e6, allow_nan=False), st.floats(0.001, 2.0))
def test_any_mix_of_polygons_decodes_as_shapely_reads_it(wkts, shift, cell):
    geometries = [None if w is None else shapely.affinity.translate(shapely.from_wkt(w), shift, -shift)
                  for w in wkts]
    wkb = [None if g is None else shapely.to_wkb(g) for g in geometries]
    assert _same(decode_polygons(wkb), _reference(wkb))
    outlines = outlines_from_wkb(wkb, cell)
    coords, owner = _thinned_reference(_reference(wkb)[[g is not None for g in geometries]], cell) \
        if any(g is not None for g in geometries) else (np.empty((0, 2)), np.empty(0))
    present = np.flatnonzero([g is not None for g in geometries])
    assert np.array_equal(outlines.coords, coords) and np.array_equal(outlines.owner, present[owner.astype(int)])


def _damaged() -> dict[str, bytes]:
    square = shapely.to_wkb(shapely.box(0, 0, 1, 1))
    multi = shapely.to_wkb(shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)]))
    open_ring = bytearray(square)
    open_ring[-16:] = np.array([0.5, 0.5]).tobytes()  # the last point is not the first
    nan = bytearray(square)
    nan[-32:-16] = np.array([np.nan, 0.0]).tobytes()
    huge_count = bytearray(square)
    huge_count[9:13] = (2 ** 31).to_bytes(4, "little")
    return {
        "cut short": square[:-3], "trailing byte": square + b"x", "huge point count": bytes(huge_count),
        "open ring": bytes(open_ring), "NaN": bytes(nan), "multipolygon cut short": multi[:30], "no bytes": b"",
        "one byte": b"\x01", "big-endian": shapely.to_wkb(shapely.box(0, 0, 1, 1), byte_order=0),
        "Z": shapely.to_wkb(shapely.from_wkt("POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))")),
        "point": shapely.to_wkb(shapely.from_wkt("POINT (1 2)")),
        "empty polygon": shapely.to_wkb(shapely.from_wkt("POLYGON EMPTY")),
        "empty multipolygon": shapely.to_wkb(shapely.from_wkt("MULTIPOLYGON EMPTY")),
        "empty part": shapely.to_wkb(shapely.from_wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), EMPTY)")),
        "three-point ring": shapely.to_wkb(shapely.from_wkt("POLYGON ((0 0, 1 0, 0 0))")),
    }


@pytest.mark.filterwarnings("ignore:invalid value encountered in from_wkb")
@pytest.mark.parametrize("damaged", _damaged().values(), ids=_damaged().keys())
def test_damaged_or_other_wkb_is_read_as_shapely_reads_it_and_gives_no_outlines(damaged):
    square = shapely.to_wkb(shapely.box(5, 5, 6, 6))
    run = [square, damaged, None]
    assert _same(decode_polygons(run), _reference(run))
    assert outlines_from_wkb(run, 0.1) is None


def test_a_polygon_of_millions_of_empty_rings_is_left_to_shapely_at_once():
    """Rings of no points cost no bytes but a view each: refused before any is made."""
    count = 2_000_000
    blob = b"\x01\x03\x00\x00\x00" + count.to_bytes(4, "little") + b"\x00\x00\x00\x00" * count
    run = [shapely.to_wkb(shapely.box(0, 0, 1, 1)), blob]
    tracemalloc.start()
    try:
        assert outlines_from_wkb(run, 0.1) is None
        assert tracemalloc.get_traced_memory()[1] < 20_000_000  # a view per ring would be some 200 MB
    finally:
        tracemalloc.stop()
    assert _same(decode_polygons(run), _reference(run))
