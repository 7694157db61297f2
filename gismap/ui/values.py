"""How attribute values read in the attribute table and the identify panel.

Numbers follow the application locale (``1.234,5`` in Vietnamese); a missing value reads as
a dash, never as ``nan`` or ``None``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from PySide6.QtCore import QLocale

MISSING = "—"


def is_missing(value) -> bool:
    return (value is None or value is pd.NA or value is pd.NaT
            or (isinstance(value, (float, np.floating)) and math.isnan(value)))


def is_number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def decimals_for(values: np.ndarray) -> int:
    """Decimal places that show a column's numbers without noise: 0 for whole numbers,
    3 for fractions below one (shares), else 2."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0 or np.all(finite == np.round(finite)):
        return 0
    return 3 if np.abs(finite).max() < 1 else 2


def display_text(value, decimals: int | None = None, locale: QLocale | None = None) -> str:
    """``value`` as shown to the user; ``decimals`` defaults to what suits the value itself."""
    if is_missing(value):
        return MISSING
    if not is_number(value):
        return str(value)
    locale = locale or QLocale()
    if isinstance(value, (int, np.integer)):
        return locale.toString(int(value))
    if decimals is None:
        decimals = decimals_for(np.array([value]))
    return locale.toString(float(value), "f", decimals)
