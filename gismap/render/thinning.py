"""Grid thinning of coordinates, and the blocks of features it is done by, shared by the print
exports and the canvas' first frames (no Qt, no matplotlib): a vertex that stays in the grid cell
of the vertex before it adds nothing visible once a cell is at most half an output pixel."""

from __future__ import annotations

import numpy as np
import shapely

BLOCK_VERTICES = 250_000  # vertices thinned at a time (a block of whole features; one may be bigger)


def leaves_cell(coords: np.ndarray, cell: float) -> np.ndarray:
    """For each of the (n, 2) ``coords``, whether it lies in another cell of a grid of ``cell``
    (same units) than the vertex before it; the first vertex always does."""
    keep = np.zeros(len(coords), dtype=bool)
    keep[:1] = True
    for axis in (0, 1):
        index = np.divide(coords[:, axis], cell)
        np.floor(index, out=index)
        keep[1:] |= index[1:] != index[:-1]
    return keep


def vertex_blocks(geometries: np.ndarray, size: int | None = None) -> list[tuple[int, int]]:
    """Runs ``(start, stop)`` of ``geometries`` in order, each of about ``size`` vertices (by default
    :data:`BLOCK_VERTICES`): over it only by its first geometry, which may be bigger alone.

    Thinning a block at a time keeps its temporary arrays small; blocks of a fixed number of
    features do not (the national layer's big communes come together: 2.8 M vertices in 256).
    """
    if len(geometries) == 0:
        return []
    size = size or BLOCK_VERTICES
    ends = np.cumsum(shapely.get_num_coordinates(geometries))
    cuts = np.searchsorted(ends, np.arange(1, int(ends[-1]) // size + 1) * size, side="right")
    bounds = np.unique(np.r_[0, cuts, len(geometries)])
    return list(zip(bounds[:-1].tolist(), bounds[1:].tolist()))
