"""Derive the shipped legacy → 2025 crosswalk (data/admin/) from GSO's official conversion table.

    python scripts/build_crosswalk.py [--source ../shared/data/admin/gso_conversion_2025.csv]

Reads the table as GSO exported it (two header rows, an upper-case row per province, codes in
parentheses, notes with stray spaces and line breaks) and writes, atomically:

- ``data/admin/crosswalk_2025.csv``: one row per link from a pre-2025 commune to a 2025 commune,
  with the share of the legacy commune's values the link carries;
- ``data/admin/communes_2025.csv``: the 3,321 communes of 1 July 2025 and their province;
- ``data/admin/provinces.csv``: the 63 legacy provinces, each with its 2025 successor, and the 34
  provinces of 2025.

Shares follow GSO's notes: a commune merged whole (or unchanged, renamed, retyped) gives all of
its values to one successor. A divided commune whose whole population went to one successor
(``…, toàn bộ dân số``) gives that successor all of its values, since every catalogue indicator
counts people, households, hamlets or what serves them; the other successors received land only.
Any other divided commune is apportioned by the area of the receiving communes (``area_km2`` of
the 2025 boundaries), the only size the sources give, and flagged ``split``.

Faults of the table are corrected by general rules and each correction is listed in
data/README.md (section written by this script), together with every disagreement with the
``vietnamadminunits`` package, the second source:

- a row's legacy province is the province of its former district (the district code's province
  on all its other rows) when the two disagree;
- a legacy code given to two differently named communes, each merged whole into a different
  successor, cannot be right: the row whose name is not the one the second source gives that
  code takes the code the second source gives its name in that district.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sqlite3
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gismap.core.atomic import write_text_atomic  # noqa: E402
from gismap.core.crosswalk import HOW_DIVIDED_POPULATION, HOW_WHOLE  # noqa: E402
from gismap.core.names import fold, short_name  # noqa: E402

COLUMNS = ["prov", "new_name", "new_code", "old_name", "old_code", "note", "district", "old_prov"]
_CODED = re.compile(r"^(?P<name>.*?)\s*\((?P<code>\d+)\)\s*$")
README_START = "<!-- crosswalk: written by scripts/build_crosswalk.py -->"
README_END = "<!-- /crosswalk -->"


def tidy(text) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).split()) if isinstance(text, str) else ""


def split_coded(text: str) -> tuple[str, str]:
    """``"Quận Ba Đình (001)"`` → ("Quận Ba Đình", "001")."""
    match = _CODED.match(tidy(text))
    if not match:
        raise ValueError(f"no code in parentheses: {text!r}")
    return match["name"], match["code"]


def how(note: str, divided: bool) -> str:
    """GSO's note, as the rule the link follows."""
    folded = " ".join(fold(note).split())
    if not divided:
        return HOW_WHOLE
    if "toan bo dan so" in folded:
        return HOW_DIVIDED_POPULATION
    return "divided"


def read_gso(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, header=None, dtype=str, skiprows=2, usecols=range(8), names=COLUMNS)
    rows = raw[raw["new_name"].notna()].copy()  # the upper-case rows name a province, nothing else
    for column in COLUMNS:
        rows[column] = rows[column].map(tidy)
    rows[["prov_name", "prov_code"]] = rows["prov"].map(split_coded).tolist()
    rows[["district_name", "district_code"]] = rows["district"].map(split_coded).tolist()
    rows[["old_prov_name", "old_prov_code"]] = rows["old_prov"].map(split_coded).tolist()
    return rows


def fix_provinces(rows: pd.DataFrame, corrections: list[str]) -> None:
    """A row's legacy province is its former district's (by that district's other rows)."""
    by_district = rows.groupby("district_code")["old_prov_code"].agg(lambda s: Counter(s).most_common(1)[0][0])
    names = rows.groupby("old_prov_code")["old_prov_name"].agg(lambda s: Counter(s).most_common(1)[0][0])
    for index in rows.index[rows["old_prov_code"] != rows["district_code"].map(by_district)]:
        row = rows.loc[index]
        right = by_district[row.district_code]
        corrections.append(f"`{row.old_name}` ({row.old_code}) of {row.district}: legacy province given as "
                           f"{row.old_prov} → {names[right]} ({right}), the province of that district")
        rows.loc[index, ["old_prov_code", "old_prov_name"]] = right, names[right]


def fix_codes(rows: pd.DataFrame, second: pd.DataFrame, corrections: list[str]) -> None:
    """A legacy code borne by two differently named communes: the misnamed row gets its own code."""
    legacy = rows[rows["old_code"] != ""]
    named = legacy.groupby("old_code")["old_name"].nunique()
    code_name = dict(zip(second["code"], second["full_name"]))
    by_name = {(d, n): c for d, n, c in zip(second["district_code"], second["full_name"], second["code"])}
    for code in named[named > 1].index:
        for index in legacy.index[legacy["old_code"] == code]:
            row = rows.loc[index]
            if row.old_name == code_name.get(code):
                continue
            right = by_name.get((row.district_code, row.old_name))
            if right is None:
                raise SystemExit(f"legacy code {code} is given to {row.old_name}, and the second source has no "
                                 f"{row.old_name} in district {row.district}: decide by hand")
            corrections.append(f"`{row.old_name}` of {row.district}: code given as {code} (the code of "
                               f"{code_name.get(code)}) → {right}")
            rows.loc[index, "old_code"] = right


def links(rows: pd.DataFrame, area: dict[str, float]) -> pd.DataFrame:
    legacy = rows[rows["old_code"] != ""].copy()
    count = legacy["old_code"].map(legacy["old_code"].value_counts())
    legacy["how"] = [how(n, c > 1) for n, c in zip(legacy["note"], count)]
    # Where one successor took the whole population, it takes every value and the others nothing.
    population = legacy[legacy["how"] == HOW_DIVIDED_POPULATION]
    whole_population = population["old_code"].map(population["old_code"].value_counts()) == 1
    takes_all = set(population.loc[whole_population, "old_code"])
    legacy = legacy[~legacy["old_code"].isin(takes_all) | (legacy["how"] == HOW_DIVIDED_POPULATION)].copy()
    size = legacy["new_code"].map(area).astype(float)
    legacy["share"] = size / size.groupby(legacy["old_code"]).transform("sum")
    legacy.loc[legacy["old_code"].map(legacy["old_code"].value_counts()) == 1, "share"] = 1.0
    out = legacy.drop(columns="district").rename(columns={
        "old_code": "legacy_code", "old_name": "legacy_name", "district_name": "district", "old_prov_code": "legacy_prov_code"})
    columns = ["legacy_code", "legacy_name", "district_code", "district", "legacy_prov_code", "new_code", "share", "how"]
    return out.sort_values(["legacy_code", "new_code"], kind="stable")[columns].reset_index(drop=True)


def read_second_source() -> tuple[pd.DataFrame, dict[str, set[str]]]:
    """vietnamadminunits' legacy communes and its legacy code → 2025 codes (only its data files)."""
    from gismap.core.crosswalk import package_data  # the package's files, without importing it
    data = package_data()
    with sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True) as db:
        legacy = pd.read_sql("SELECT wardCode AS code, ward AS full_name, districtCode AS district_code, "
                             "provinceKey || '_' || districtKey || '_' || wardKey AS key "
                             "FROM admin_units_legacy WHERE wardCode IS NOT NULL", db)
        units = pd.read_sql("SELECT wardCode AS code, provinceKey, wardKey FROM admin_units", db)
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    new_code = {(p, unicodedata.normalize("NFC", w)): c for p, w, c in zip(units.provinceKey, units.wardKey, units.code)}
    legacy_code = dict(zip(legacy.key, legacy.code))
    successors: dict[str, set[str]] = {}
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, old_keys in wards.items():
            for key in old_keys:
                if key in legacy_code:
                    successors.setdefault(legacy_code[key], set()).add(new_code[(province, unicodedata.normalize("NFC", ward))])
    for province, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in old_wards.items():
            if old_key in legacy_code:
                successors.setdefault(legacy_code[old_key], set()).update(
                    new_code[(province, unicodedata.normalize("NFC", p["newWardKey"]))] for p in parts)
    legacy["full_name"] = legacy["full_name"].map(tidy)
    return legacy.drop(columns="key"), successors


def disagreements(crosswalk: pd.DataFrame, successors: dict[str, set[str]], names: dict[str, str]) -> list[str]:
    ours = crosswalk.groupby("legacy_code")["new_code"].agg(set)
    lines = []
    for code in sorted(set(ours.index) | set(successors)):
        gso, other = ours.get(code, set()), successors.get(code, set())
        if gso != other:
            label = crosswalk.loc[crosswalk["legacy_code"] == code, "legacy_name"]
            where = f"`{label.iloc[0]}` ({code})" if len(label) else f"{code}"
            show = lambda codes: ", ".join(f"{names.get(c, '?')} ({c})" for c in sorted(codes)) or "none"
            lines.append(f"| {where} | {show(gso)} | {show(other)} |")
    return lines


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    write_text_atomic(path, buffer.getvalue())
    print(f"wrote {path}: {len(frame)} rows")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared/data/admin/gso_conversion_2025.csv")
    parser.add_argument("--boundaries", type=Path, default=ROOT.parent / "shared/data/boundaries/communes_vn_2025.gpkg")
    parser.add_argument("--out", type=Path, default=ROOT / "data/admin")
    parser.add_argument("--readme", type=Path, default=ROOT / "data/README.md")
    args = parser.parse_args(argv)

    import pyogrio
    areas = pyogrio.read_dataframe(args.boundaries, columns=["code", "name", "prov_code", "area_km2"], read_geometry=False)
    rows = read_gso(args.source)
    second, successors = read_second_source()
    corrections: list[str] = []
    fix_provinces(rows, corrections)
    fix_codes(rows, second, corrections)

    communes = rows.drop_duplicates("new_code")[["new_code", "new_name", "prov_code"]]
    communes = communes.rename(columns={"new_code": "code", "new_name": "full_name"}).sort_values("code")
    # Codes differing between GSO's list and the boundaries (Ba Chẽ): matched by name at run time.
    by_name = {(p, fold(n)): c for p, n, c in zip(areas["prov_code"], areas["name"], areas["code"])}
    boundary_code = {c: c if c in set(areas["code"]) else by_name.get((p, fold(short_name(n))))
                     for c, n, p in zip(communes["code"], communes["full_name"], communes["prov_code"])}
    for gso, ours in boundary_code.items():
        if gso != ours:
            corrections.append(f"2025 commune {gso} of GSO's table is {ours} in the boundaries (kept as GSO writes it; "
                               "matched by name within its province)")
    area_of = dict(zip(areas["code"], areas["area_km2"]))
    area = {gso: area_of[ours] for gso, ours in boundary_code.items() if ours in area_of}
    crosswalk = links(rows, area)

    legacy_provinces = rows.groupby("old_prov_code").agg(
        full_name=("old_prov_name", lambda s: Counter(n for n in s if n.split()[0] in ("Tỉnh", "Thành")).most_common(1)[0][0]),
        successor=("prov_code", "first")).reset_index().rename(columns={"old_prov_code": "code"})
    provinces_2025 = rows.groupby("prov_code")["prov_name"].first().reset_index().rename(
        columns={"prov_code": "code", "prov_name": "full_name"})
    provinces = pd.concat([legacy_provinces.assign(level="legacy"), provinces_2025.assign(level="2025", successor="")],
                          ignore_index=True)[["level", "code", "full_name", "successor"]]

    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(crosswalk, args.out / "crosswalk_2025.csv")
    write_csv(communes, args.out / "communes_2025.csv")
    write_csv(provinces, args.out / "provinces.csv")

    names = dict(zip(communes["code"], communes["full_name"]))
    differing = disagreements(crosswalk, successors, names)
    section = "\n".join([
        README_START,
        f"Corrections to GSO's table ({len(corrections)}), each by a rule of `scripts/build_crosswalk.py`:",
        "", *(f"- {c}" for c in corrections), "",
        f"Legacy communes on which GSO's table and `vietnamadminunits` disagree ({len(differing)}); GISMap follows GSO:",
        "", "| legacy commune | successors (GSO) | successors (vietnamadminunits) |", "| --- | --- | --- |",
        *differing, README_END])
    readme = args.readme
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < 0:
        raise SystemExit(f"{readme}: the markers {README_START} … {README_END} are missing")
    write_text_atomic(readme, text[:start] + section + text[end + len(README_END):])
    print(f"{len(corrections)} corrections, {len(differing)} disagreements listed in data/README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
