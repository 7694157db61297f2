"""Join speed: a national 10,000-row legacy table (by code, and by old name, district and province)
and a 3,321-row 2025 table, from CSV files.

Baseline: the plain stack in the same run, ``pandas.read_csv`` then ``merge`` (through the
crosswalk links and a ``groupby().sum()`` for the legacy table), which does none of the
parsing, matching checks or reporting. Boundaries are the embedded national overview layer.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, best_of  # noqa: E402

from gismap.core.crosswalk import load_crosswalk  # noqa: E402
from gismap.core.join import join_table  # noqa: E402
from gismap.core.layers import read_layer  # noqa: E402

HEADER = ["Mã xã", "Tên xã", "Dân số", "Số hộ gia đình", "Tổng số thôn, tổ dân phố", "Số thôn có cáp quang",
          "Số trạm BTS 4G", "Số thành viên Tổ CNSCĐ", "Tỷ lệ phủ sóng 4G (%)"]


def _table(codes: pd.Series, names: pd.Series, path: Path, places: pd.DataFrame | None = None) -> Path:
    """A table in Vietnamese number formats, as reports are sent; ``places`` (district and province
    columns) replace the code column: a legacy table matched by name."""
    rng = np.random.default_rng(7)
    n = len(codes)
    hamlets = rng.integers(3, 40, n)
    frame = pd.DataFrame({
        HEADER[0]: codes.to_numpy(), HEADER[1]: names.to_numpy(),
        HEADER[2]: [f"{v:,}".replace(",", ".") for v in rng.integers(2000, 60000, n)],
        HEADER[3]: rng.integers(500, 15000, n), HEADER[4]: hamlets, HEADER[5]: hamlets - rng.integers(0, 3, n).clip(0, hamlets),
        HEADER[6]: rng.integers(0, 30, n), HEADER[7]: rng.integers(10, 200, n),
        HEADER[8]: [f"{v:.1f}".replace(".", ",") for v in rng.uniform(90, 100, n)],
    })
    if places is not None:
        frame = pd.concat([places.reset_index(drop=True), frame.drop(columns=HEADER[0])], axis=1)
    frame.to_csv(path, index=False)
    return path


def _baseline_2025(boundaries, path: Path):
    table = pd.read_csv(path, dtype={HEADER[0]: str})
    return boundaries.merge(table, left_on="code", right_on=HEADER[0], how="left")


def _baseline_legacy(boundaries, path: Path, links: pd.DataFrame):
    table = pd.read_csv(path, dtype={HEADER[0]: str})
    numeric = table.drop(columns=[HEADER[1], HEADER[2], HEADER[8]])
    summed = numeric.merge(links, left_on=HEADER[0], right_on="legacy_code").groupby("new_code").sum(numeric_only=True)
    return boundaries.merge(summed, left_on="code", right_index=True, how="left")


def run() -> list[dict]:
    boundaries = read_layer(ROOT / "data/shapefiles/communes_vn_2025_overview.shp").frame
    crosswalk = load_crosswalk()  # read once per process, like the app does
    legacy = crosswalk.legacy.sample(10_000, random_state=1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        legacy_csv = _table(legacy["code"], legacy["full_name"], Path(tmp) / "legacy.csv")
        places = pd.DataFrame({"Huyện": legacy["district_full"].to_numpy(), "Tỉnh": legacy["prov_name"].to_numpy()})
        by_name_csv = _table(legacy["code"], legacy["full_name"], Path(tmp) / "legacy_names.csv", places)
        current_csv = _table(boundaries["code"], boundaries["full_name"], Path(tmp) / "current.csv")
        for path in (legacy_csv, by_name_csv):
            result = join_table(boundaries, path)
            assert result.report.legacy and result.report.by_method["crosswalk"] == 10_000, result.report.to_text()[:500]
        assert join_table(boundaries, current_csv).report.by_method["code"] == len(boundaries)
        for name, path, target, baseline in (
            ("legacy national table, 10,000 rows", legacy_csv, 2.0,
             lambda: _baseline_legacy(boundaries, legacy_csv, crosswalk.links)),
            ("legacy national table by old name, district and province, 10,000 rows", by_name_csv, 2.0,
             lambda: _baseline_legacy(boundaries, legacy_csv, crosswalk.links)),
            ("2025 table, 3,321 rows", current_csv, 0.5, lambda: _baseline_2025(boundaries, current_csv)),
        ):
            seconds = best_of(lambda p=path: join_table(boundaries, p), repeat=3)
            rows.append({
                "name": f"join_table, {name}", "value": seconds, "unit": "s",
                "baseline": best_of(baseline, repeat=3), "baseline_name": "pandas read_csv + merge",
                "target": f"<= {target} s", "note": ("meets target" if seconds <= target else "MISSES target")
                + "; includes reading and parsing the CSV, matching, report, derived indicators",
            })
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
