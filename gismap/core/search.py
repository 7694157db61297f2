"""Finding communes by name across the loaded layers, typed with or without diacritics.

:class:`CommuneIndex` ranks the features of the document's polygon layers against what a
user types: ``"xa an binh"``, ``"P. An Bình"``, ``"thanh hoa"`` or ``"an binh, can tho"``
(a province after a comma narrows the search). Names compare through
:func:`gismap.core.names.name_key`, so diacritics, Unicode normal forms and unit prefixes
("Xã", "Phường", "P.", ...) do not matter; the diacritics a user did type break ties.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np

from gismap.core.document import MapDocument, MapLayer
from gismap.core.layers import POLYGON_TYPES
from gismap.core.names import fold, has_diacritics, name_key, strip_unit_prefix, toned_key

# Column names tried in order; the embedded boundaries use the first of each.
NAME_COLUMNS = ("name", "ten", "ten_xa", "full_name", "NAME")
CODE_COLUMNS = ("code", "ma", "ma_xa", "CODE")
PROVINCE_COLUMNS = ("prov_name", "ten_tinh", "province")
PROVINCE_CODE_COLUMNS = ("prov_code", "ma_tinh")

# Match tiers, best first: the rank of a hit is its tier, then a tie-break below 1.
EXACT, PREFIX, WORD_PREFIX, SUBSTRING, FUZZY = range(5)
FUZZY_CUTOFF = 0.8


@dataclass(frozen=True)
class SearchHit:
    """A feature whose name matches: where it is and how to show it."""

    layer: MapLayer
    row: int
    code: str
    name: str
    province: str
    rank: float  # lower is better

    @property
    def label(self) -> str:
        return f"{self.name} — {self.province}" if self.province else self.name


class CommuneIndex:
    """Names of the features of the loaded polygon layers, ready to be searched.

    A commune drawn by several layers (the national overview and a province at full
    detail) is listed once, from the top-most visible layer. Province outline layers (every
    feature's code is its province code) are left out: they are not communes.
    """

    def __init__(self, document: MapDocument) -> None:
        self._layers: list[MapLayer] = []
        self._rows: list[int] = []
        self._codes: list[str] = []
        self._names: list[str] = []
        self._provinces: list[str] = []
        seen_codes: set[str] = set()
        # Top-most first, visible before hidden, so duplicates resolve to what the user sees.
        ordered = sorted(reversed(document.layers), key=lambda layer: not layer.visible)
        for layer in ordered:
            for row, code, name, province in _features(layer):
                if code and code in seen_codes:
                    continue
                seen_codes.add(code)
                self._layers.append(layer)
                self._rows.append(row)
                self._codes.append(code)
                self._names.append(name)
                self._provinces.append(province)
        self._keys = [name_key(name) for name in self._names]
        self._province_keys = [name_key(p) for p in self._provinces]
        self._padded_keys = [f" {key}" for key in self._keys]  # " " marks word starts

    def __len__(self) -> int:
        return len(self._names)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """The best ``limit`` features for ``text``, best first."""
        name_part, _, province_part = text.partition(",")
        key = name_key(name_part)
        if not key:
            return []
        in_province = self._province_filter(province_part)
        ranks = self._rank(key, in_province)
        if not ranks and not province_part:
            # "an binh can tho": try trailing words as the province.
            words = key.split(" ")
            for cut in range(len(words) - 1, 0, -1):
                in_province = self._province_filter(" ".join(words[cut:]))
                if in_province is not None and in_province.any():
                    ranks = self._rank(" ".join(words[:cut]), in_province)
                    if ranks:
                        break
        typed_tones = toned_key(name_part) if has_diacritics(strip_unit_prefix(name_part)) else None
        hits = []
        for i, tier in ranks.items():
            # Within a tier: the diacritics typed match, then shorter names, then by name
            # (tie-breaks add less than 1, so tiers never mix).
            tie = 0.0 if typed_tones is None or toned_key(self._names[i]) == typed_tones else 0.5
            tie += min(len(self._keys[i]), 99) / 1000
            hits.append(SearchHit(self._layers[i], self._rows[i], self._codes[i], self._names[i],
                                  self._provinces[i], tier + tie))
        hits.sort(key=lambda hit: (hit.rank, fold(hit.name), fold(hit.province)))
        return hits[:limit]

    def _province_filter(self, text: str) -> np.ndarray | None:
        """Which entries lie in a province whose name starts with ``text`` (None: no filter)."""
        key = name_key(text) if text.strip() else ""
        if not key:
            return None
        return np.array([p.startswith(key) for p in self._province_keys], dtype=bool)

    def _rank(self, key: str, in_province: np.ndarray | None) -> dict[int, float]:
        """Tier of every entry that matches ``key``, by entry position."""
        ranks: dict[int, float] = {}
        word_start = f" {key}"
        for i, candidate in enumerate(self._keys):
            if in_province is not None and not in_province[i]:
                continue
            if candidate == key:
                ranks[i] = EXACT
            elif candidate.startswith(key):
                ranks[i] = PREFIX
            elif word_start in self._padded_keys[i]:
                ranks[i] = WORD_PREFIX
            elif key in candidate:
                ranks[i] = SUBSTRING
        if not ranks and len(key) >= 4:
            # Typos ("an bihn"): close names only when nothing contains what was typed.
            matcher = difflib.SequenceMatcher(b=key, autojunk=False)
            for i, candidate in enumerate(self._keys):
                if in_province is not None and not in_province[i]:
                    continue
                matcher.set_seq1(candidate)
                if matcher.real_quick_ratio() >= FUZZY_CUTOFF and matcher.quick_ratio() >= FUZZY_CUTOFF:
                    ratio = matcher.ratio()
                    if ratio >= FUZZY_CUTOFF:
                        ranks[i] = FUZZY + (1 - ratio)  # at most 0.2: stays within the tier
        return ranks


def _features(layer: MapLayer):
    """``(row, code, name, province)`` of each named feature of a loaded polygon layer."""
    data = layer.data
    if data is None or data.geometry_type not in POLYGON_TYPES:
        return
    frame = data.frame
    name_column = _first_column(frame, NAME_COLUMNS)
    if name_column is None:
        return
    code_column = _first_column(frame, CODE_COLUMNS)
    province_column = _first_column(frame, PROVINCE_COLUMNS)
    province_code_column = _first_column(frame, PROVINCE_CODE_COLUMNS)
    names = _texts(frame, name_column)
    codes = _texts(frame, code_column)
    provinces = _texts(frame, province_column)
    if code_column and province_code_column and codes == _texts(frame, province_code_column):
        return
    for row, name in enumerate(names):
        if name:
            yield row, codes[row], name, provinces[row]


def _first_column(frame, candidates: tuple[str, ...]) -> str | None:
    return next((column for column in candidates if column in frame.columns), None)


def _texts(frame, column: str | None) -> list[str]:
    if column is None:
        return [""] * len(frame)
    return ["" if value is None or value != value else str(value)  # value != value: NaN
            for value in frame[column].to_numpy(dtype=object)]
