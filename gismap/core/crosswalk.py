"""Legacy (pre-1 July 2025) units → 2025 units, from GSO's official conversion table.

The data in ``data/admin/`` is derived from the table by ``scripts/build_crosswalk.py``, which
documents its rules and corrections (listed in ``data/README.md``). Attribution: "Bảng chuyển đổi
đơn vị hành chính 2025 – Cục Thống kê (National Statistics Office of Viet Nam)"
(:data:`gismap.core.paths.CROSSWALK_ATTRIBUTION`).

A legacy commune either went whole into one 2025 commune, or was divided between several. A
link's ``share`` is the part of the legacy commune's values it carries: 1 for a whole commune,
and for a divided one all of it on the successor that received its whole population, else a
share by the area of the receiving communes (flagged ``split``). The island districts that had no
communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo; now special zones) have no legacy
commune code and so no link.

Every one of the 63 legacy provinces went whole into one of the 34 provinces of 2025.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError
from gismap.core.paths import data_dir

HOW_WHOLE = "whole"  # merged whole, unchanged, renamed or retyped
HOW_DIVIDED_POPULATION = "divided, all population"  # divided; this successor took all its people
HOW_DIVIDED = "divided"  # apportioned by area


@dataclass(frozen=True)
class Crosswalk:
    legacy: pd.DataFrame  # code, name, full_name, district, district_code, prov_code, prov_name
    units_2025: pd.DataFrame  # code, name, full_name, prov_code
    links: pd.DataFrame  # legacy_code, new_code, share, split
    province_parents: dict[str, frozenset[str]]  # 2025 province code → legacy province codes
    provinces: pd.DataFrame  # level ("legacy"/"2025"), code, name, full_name, successor (2025 code of a legacy one)

    def legacy_provinces(self, prov_code: str | None) -> frozenset[str] | None:
        """Legacy province codes now part of a 2025 province (None: the whole country)."""
        return None if prov_code is None else self.province_parents.get(prov_code, frozenset())


_loading = threading.Lock()


def load_crosswalk() -> Crosswalk:
    """The crosswalk, read once per process from the shipped data.

    Layers load on several threads at once; the lock makes the others wait for the first read.
    """
    with _loading:
        return _read_crosswalk()


@cache
def _read_crosswalk() -> Crosswalk:
    from gismap.core.names import short_names

    folder = data_dir() / "admin"
    try:
        read = dict(dtype=str, keep_default_na=False, encoding="utf-8")
        links = pd.read_csv(folder / "crosswalk_2025.csv", **read)
        units = pd.read_csv(folder / "communes_2025.csv", **read)
        provinces = pd.read_csv(folder / "provinces.csv", **read)
    except (OSError, ValueError) as exc:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError", "the legacy-commune crosswalk ({folder}) cannot be read: {reason}. Reinstall GISMap."),
            folder=str(folder), reason=str(exc)) from None
    provinces["name"] = short_names(provinces["full_name"])
    province_name = dict(zip(provinces.loc[provinces["level"] == "legacy", "code"],
                             provinces.loc[provinces["level"] == "legacy", "name"]))
    legacy = links.drop_duplicates("legacy_code").rename(columns={
        "legacy_code": "code", "legacy_name": "full_name", "legacy_prov_code": "prov_code", "district": "district_full"})
    legacy = legacy.assign(name=short_names(legacy["full_name"]), district=short_names(legacy["district_full"]),
                           prov_name=legacy["prov_code"].map(province_name))
    units["name"] = short_names(units["full_name"])
    links = links.assign(share=links["share"].astype(float), split=links["how"] == HOW_DIVIDED)
    legacy_of = provinces[provinces["level"] == "legacy"]
    parents: dict[str, set[str]] = {}
    for old, new in zip(legacy_of["code"], legacy_of["successor"]):
        parents.setdefault(new, set()).add(old)
    return Crosswalk(
        legacy=legacy[["code", "name", "full_name", "district", "district_full", "district_code", "prov_code", "prov_name"]]
        .reset_index(drop=True),
        units_2025=units[["code", "name", "full_name", "prov_code"]],
        links=links[["legacy_code", "new_code", "share", "split", "how"]],
        province_parents={k: frozenset(v) for k, v in parents.items()},
        provinces=provinces[["level", "code", "name", "full_name", "successor"]],
    )


def package_data() -> Path:
    """The data folder of ``vietnamadminunits`` (the second source, for the build script), found
    without importing the package: importing it loads its parsers and HTTP client."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the package vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"
