"""Grid thinning of coordinates, shared by the print exports and the canvas' first frames (no Qt, no
matplotlib): a vertex that stays in the grid cell of the vertex before it adds nothing visible once
a cell is at most half an output pixel."""

from __future__ import annotations

import numpy as np


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
