"""Outlines of features as flat vertex arrays, and their thinning to a grid (no Qt, no matplotlib).

What a draft frame or a print page draws of a polygon or line layer: each ring or line part is an
outline, a run of vertices. A vertex that stays in the grid cell of the vertex before it adds
nothing visible once a cell is at most half an output pixel, so thinning keeps the vertices that
leave their cell, and the first and last of every outline. Geometries are thinned a block of
features at a time (:func:`vertex_blocks`), shared by the print exports and the canvas' drafts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely

BLOCK_VERTICES = 250_000  # vertices thinned at a time (a block of whole features; one may be bigger)


@dataclass(frozen=True, eq=False)
class Outlines:
    """The outlines of ``count`` features: (n, 2) ``coords``, and for each vertex the number of its
    ``outline`` and of the feature that ``owner``s it; a feature's vertices are contiguous, features
    in order (a feature may have none). ``cell``: the grid they were thinned to (0: full detail);
    ``full_bounds``: those of the features before thinning, if known (see :attr:`bounds`)."""

    coords: np.ndarray
    outline: np.ndarray
    owner: np.ndarray
    count: int
    cell: float = 0.0
    full_bounds: tuple[float, float, float, float] | None = None

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """(minx, miny, maxx, maxy) of the features (thinning may drop an extreme vertex)."""
        return self.full_bounds or coordinate_bounds(self.coords)

    def thinned(self, cell: float) -> Outlines:
        """These outlines thinned to a grid of ``cell`` (see :func:`thinning_mask`)."""
        if cell <= self.cell:
            return self
        keep = thinning_mask(self.coords, outline_starts(self.outline), cell)
        return Outlines(self.coords[keep], self.outline[keep], self.owner[keep], self.count, cell, self.bounds)


def coordinate_bounds(coords: np.ndarray) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of the (n, 2) ``coords`` (n > 0)."""
    x, y = coords[:, 0], coords[:, 1]  # a reduction along axis 0 of (n, 2) is 25 times slower
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())


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


def thinning_mask(coords: np.ndarray, outline_starts: np.ndarray, cell: float) -> np.ndarray:
    """Which vertices a grid of ``cell`` keeps: those that leave the cell of the vertex before them,
    and the first and last vertex of every outline (``outline_starts``: where each begins, in order)."""
    keep = leaves_cell(coords, cell)
    keep[outline_starts] = True
    keep[outline_starts[1:] - 1] = True
    keep[-1:] = True
    return keep


def outline_starts(outline: np.ndarray) -> np.ndarray:
    """Where each outline begins, from each vertex's outline number."""
    return np.flatnonzero(np.r_[True, outline[1:] != outline[:-1]]) if len(outline) else np.empty(0, dtype=np.intp)


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
