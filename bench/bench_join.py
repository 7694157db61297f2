"""Join speed: a national 10,000-row legacy table (by code, and by old name, district and province)
and a 3,321-row 2025 table, from CSV files, each joined to the embedded national overview layer.

Whole process against whole process, in interleaved rounds (the same number of runs each):
``gismap join BOUNDARIES TABLE`` (reading, parsing, matching checks, the crosswalk, derived
indicators, the report) against a plain-stack script in a fresh interpreter that reads the
boundaries with ``geopandas.read_file``, the table with ``pandas.read_csv`` and ``merge``s it
(for legacy tables through the crosswalk links, summed by ``groupby().sum()``), which does none
of the parsing, matching checks or reporting.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, installed_env, interleaved, min_median  # noqa: E402

from gismap.core.crosswalk import load_crosswalk  # noqa: E402
from gismap.core.join import join_table  # noqa: E402
from gismap.core.layers import read_layer  # noqa: E402
from gismap.core.paths import data_dir  # noqa: E402

ROUNDS = 5
BOUNDARIES = ROOT / "data/shapefiles/communes_vn_2025_overview.shp"
HEADER = ["Mã xã", "Tên xã", "Dân số", "Số hộ gia đình", "Tổng số thôn, tổ dân phố", "Số thôn có cáp quang",
          "Số trạm BTS 4G", "Số thành viên Tổ CNSCĐ", "Tỷ lệ phủ sóng 4G (%)"]
GISMAP = "import sys; sys.argv[1:] = {argv!r}; from gismap.cli import console_main; console_main()"
BASELINE_2025 = """
import geopandas, pandas
boundaries = geopandas.read_file({boundaries!r}, engine="pyogrio", use_arrow=True)
table = pandas.read_csv({table!r}, dtype={{{code!r}: str}})
boundaries.merge(table, left_on="code", right_on={code!r}, how="left")
"""
BASELINE_LEGACY = """
import geopandas, pandas
boundaries = geopandas.read_file({boundaries!r}, engine="pyogrio", use_arrow=True)
links = pandas.read_csv({crosswalk!r}, dtype=str, keep_default_na=False)[["legacy_code", "new_code"]]
table = pandas.read_csv({table!r}, dtype={{{code!r}: str}})
numeric = table.drop(columns={text!r})
summed = numeric.merge(links, left_on={code!r}, right_on="legacy_code").groupby("new_code").sum(numeric_only=True)
boundaries.merge(summed, left_on="code", right_index=True, how="left")
"""


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


def _process(code: str):
    env = installed_env()
    return lambda: subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True)


def run() -> list[dict]:
    boundaries = read_layer(BOUNDARIES).frame
    legacy = load_crosswalk().legacy.sample(10_000, random_state=1)
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
        legacy_baseline = BASELINE_LEGACY.format(
            boundaries=str(BOUNDARIES), crosswalk=str(data_dir() / "admin/crosswalk_2025.csv"), table=str(legacy_csv),
            code=HEADER[0], text=[HEADER[1], HEADER[2], HEADER[8]])
        for name, path, baseline in (
            ("legacy national table, 10,000 rows", legacy_csv, legacy_baseline),
            # The plain stack cannot match by name: its baseline is the same join by code.
            ("legacy national table by old name, district and province, 10,000 rows", by_name_csv, legacy_baseline),
            ("2025 table, 3,321 rows", current_csv,
             BASELINE_2025.format(boundaries=str(BOUNDARIES), table=str(current_csv), code=HEADER[0])),
        ):
            times = interleaved({"gismap": _process(GISMAP.format(argv=["join", str(BOUNDARIES), str(path)])),
                                 "baseline": _process(baseline)}, ROUNDS)
            ours, plain = min_median(times["gismap"]), min_median(times["baseline"])
            rows.append({
                "name": f"gismap join, {name}, whole process", "value": ours[1], "unit": "s",
                "baseline": plain[1], "baseline_name": "geopandas read_file + pandas read_csv + merge (whole process)",
                "target": "ratio ≤ 1.3",
                "note": f"median of {ROUNDS} interleaved rounds (min {ours[0]:.2f} s vs {plain[0]:.2f} s); both start "
                        "an interpreter, import, read the boundaries and the CSV; GISMap also parses Vietnamese "
                        "numbers, checks matches, applies the crosswalk, derives indicators and prints the report",
            })
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
