"""Legacy (pre-1 July 2025) communes → 2025 communes, from the data of ``vietnamadminunits`` (MIT).

Only the package's data files are read (``data/dataset.db`` tables ``admin_units`` and
``admin_units_legacy``, and ``data/converter_2025.json``); its geocoding and network code are
not used. A legacy commune either went whole into one 2025 commune, or was divided between
several. The five island districts that had no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa,
Lý Sơn, Côn Đảo; now special zones) have no legacy commune code and so no link.

Apportionment rule for a divided legacy commune: its counts are shared among the 2025
communes that received part of it in proportion to their area (the only size the source
gives), rounded by largest remainder so that integer counts stay integers and their total
is kept exactly. Each such link is flagged ``split``.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError


@dataclass(frozen=True)
class Crosswalk:
    legacy: pd.DataFrame  # code, name, full_name, district, district_code, prov_code, prov_name
    units_2025: pd.DataFrame  # code, name, full_name, prov_code
    links: pd.DataFrame  # legacy_code, new_code, share, split
    province_parents: dict[str, frozenset[str]]  # 2025 province code → legacy province codes

    def legacy_provinces(self, prov_code: str | None) -> frozenset[str] | None:
        """Legacy province codes now part of a 2025 province (None: the whole country)."""
        return None if prov_code is None else self.province_parents.get(prov_code, frozenset())


_loading = threading.Lock()


def load_crosswalk() -> Crosswalk:
    """The crosswalk, read once per process from the installed package data.

    Layers load on several threads at once; the lock makes the others wait for the first read.
    """
    with _loading:
        return _read_crosswalk()


@cache
def _read_crosswalk() -> Crosswalk:
    try:
        data = _package_data()
        with sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True) as db:
            legacy = pd.read_sql(
                "SELECT wardCode AS code, wardShort AS name, ward AS full_name, districtShort AS district,"
                " districtCode AS district_code, provinceCode AS prov_code, provinceShort AS prov_name,"
                " provinceKey || '_' || districtKey || '_' || wardKey AS key"
                " FROM admin_units_legacy WHERE wardCode IS NOT NULL", db)
            units = pd.read_sql(
                "SELECT wardCode AS code, wardShort AS name, ward AS full_name, provinceCode AS prov_code,"
                " provinceKey, wardKey FROM admin_units", db)
        converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    except (OSError, sqlite3.Error, ValueError, ModuleNotFoundError) as exc:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "the legacy-commune crosswalk (package vietnamadminunits) cannot be read: {reason}. Reinstall GISMap."),
            reason=str(exc)) from None

    # The converter names 2025 communes by key; names that would fold alike (Cẩm Giang, Cẩm
    # Giàng) keep their diacritics in the key, so keys are compared exactly (NFC), never folded.
    new_code = {(p, _nfc(w)): c for p, w, c in zip(units.provinceKey, units.wardKey, units.code)}
    legacy_code = dict(zip(legacy.key, legacy.code))
    rows = []
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, old_keys in wards.items():
            target = new_code[(province, _nfc(ward))]
            rows += [(legacy_code[k], target, 1.0, False) for k in old_keys if k in legacy_code]
    for province, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in old_wards.items():
            if old_key not in legacy_code:
                continue
            area = sum(p["newWardAreaKm2"] for p in parts)
            rows += [(legacy_code[old_key], new_code[(province, _nfc(p["newWardKey"]))],
                      p["newWardAreaKm2"] / area, True) for p in parts]
    links = pd.DataFrame(rows, columns=["legacy_code", "new_code", "share", "split"])

    parents: dict[str, set[str]] = {}
    merged = links.merge(legacy[["code", "prov_code"]], left_on="legacy_code", right_on="code")
    merged = merged.merge(units[["code", "prov_code"]], left_on="new_code", right_on="code", suffixes=("_old", "_new"))
    for new, old in zip(merged.prov_code_new, merged.prov_code_old):
        parents.setdefault(new, set()).add(old)
    return Crosswalk(
        legacy=legacy.drop(columns="key"),
        units_2025=units.drop(columns=["provinceKey", "wardKey"]),
        links=links,
        province_parents={k: frozenset(v) for k, v in parents.items()},
    )


def _package_data() -> Path:
    """The package's data folder, found without importing the package: importing it loads its
    parsers and HTTP client (0.75 s), none of which GISMap uses."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the package vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _nfc(key: str) -> str:
    return unicodedata.normalize("NFC", key)
