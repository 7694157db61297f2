"""Reading a 10,000-row .xlsx report: openpyxl (what read_table uses) against python-calamine.

The workbook is a report as provinces send them: a merged title, a two-row merged header, a
column-numbering row, a total row; counts as numbers under ``#,##0``, one share as a fraction
under a ``0.0%`` format and one as 0–100 under ``0.0``, a date column, and a count typed as
text in Vietnamese (``1.234``). Both readers' grids go through the same
:func:`gismap.core.tables.parse_grid`, so the figures compare reading only, and the note says
whether the two give the same table. The baseline is calamine; a ratio above 1 means openpyxl
is slower.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import best_of  # noqa: E402

from gismap.core.crosswalk import load_crosswalk  # noqa: E402
from gismap.core.tables import _calamine_grid, parse_grid, read_table  # noqa: E402

ROWS = 10_000
HEADER_TOP = ["STT", "Mã xã", "Tên xã", "Dân số", "Hạ tầng cáp quang", "Hạ tầng cáp quang", "Hạ tầng cáp quang",
              "Tỷ lệ phủ sóng 4G (%)", "Tổ công nghệ số cộng đồng", "Tổ công nghệ số cộng đồng", "Ngày cập nhật"]
HEADER_BELOW = [None, None, None, None, "Tổng số thôn, tổ dân phố", "Số thôn có cáp quang",
                "Tỷ lệ thôn có cáp quang (%)", None, "Số tổ", "Số thành viên", None]


def report_workbook(path: Path, rows: int = ROWS) -> Path:
    """Write the report described in the module's docstring (seeded: the same file every run)."""
    import openpyxl

    legacy = load_crosswalk().legacy.sample(rows, random_state=3)
    rng = np.random.default_rng(11)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Tổng hợp"
    sheet["A1"] = "BÁO CÁO HẠ TẦNG SỐ CẤP XÃ (dữ liệu mô phỏng)"
    sheet.merge_cells("A1:K1")
    sheet.append([])
    sheet.append(HEADER_TOP)
    sheet.append(HEADER_BELOW)
    for column in "ABCDHK":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("E3:G3")
    sheet.merge_cells("I3:J3")
    sheet.append([f"({i})" for i in range(1, 12)])
    hamlets = rng.integers(3, 40, rows)
    fibre = hamlets - rng.integers(0, 3, rows).clip(0, hamlets)
    day = dt.datetime(2025, 12, 31)
    for i, (code, name) in enumerate(zip(legacy["code"], legacy["full_name"])):
        sheet.append([i + 1, code, name, int(rng.integers(2000, 60000)), int(hamlets[i]), int(fibre[i]),
                      round(100 * fibre[i] / hamlets[i], 1), round(float(rng.uniform(0.9, 1.0)), 4),
                      f"{int(rng.integers(1000, 9999)):,}".replace(",", "."), int(rng.integers(10, 200)),
                      day - dt.timedelta(days=int(rng.integers(0, 60)))])
        row = sheet.max_row
        sheet.cell(row, 4).number_format = sheet.cell(row, 10).number_format = "#,##0"
        sheet.cell(row, 7).number_format = "0.0"
        sheet.cell(row, 8).number_format = "0.0%"
        sheet.cell(row, 11).number_format = "dd/mm/yyyy"
    sheet.append([None, None, "Tổng cộng", None])
    workbook.save(path)
    return path


def read_with_calamine(path: Path):
    """The table as read_table would give it were .xlsx read through python-calamine."""
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    sheet = workbook.sheet_names[0]
    return parse_grid(_calamine_grid(workbook.get_sheet_by_name(sheet), path), source=path.name, sheet=sheet,
                      sheets=workbook.sheet_names)


def differences(a, b) -> list[str]:
    """Where two parsed tables differ: header, rows set aside, the cells as read (by column)."""
    found = []
    if a.header_rows != b.header_rows or a.columns != b.columns:
        found.append("header")
    if [e["row"] for e in a.excluded_rows] != [e["row"] for e in b.excluded_rows]:
        found.append("rows set aside")
    found += [column for column in a.raw.columns if column not in b.raw or not a.raw[column].equals(b.raw[column])]
    return found


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = report_workbook(Path(tmp) / "bao_cao_10000.xlsx")
        openpyxl_table, calamine_table = read_table(path), read_with_calamine(path)
        differ = differences(openpyxl_table, calamine_table)
        seconds = best_of(lambda: read_table(path), repeat=3)
        baseline = best_of(lambda: read_with_calamine(path), repeat=3)
    same = "same table" if not differ else "calamine differs in: " + ", ".join(differ)
    return [{
        "name": f"read_table .xlsx, {ROWS:,} rows, merged two-row header (openpyxl)", "value": seconds, "unit": "s",
        "baseline": baseline, "baseline_name": "python-calamine, same parse_grid",
        # calamine has no number formats: a 0.0% cell comes as its fraction (0.985, not 98.5), and a
        # date-only cell as a date where openpyxl gives a datetime.
        "note": f"{same}; .xlsx stays on openpyxl" if differ else same,
    }]


if __name__ == "__main__":
    for row in run():
        print(row)
