"""Excel workbooks GISMap writes: tables in Vietnamese number formats, and the join report.

Cells hold real numbers with an Excel number format, never numbers as text: the format codes
in the file always use ``,`` for thousands and ``.`` for decimals, and Excel shows them in the
reader's locale, so a Vietnamese Excel shows ``1.234`` and ``98,5%`` and the values still add
up. The format follows the column's indicator in :data:`~gismap.core.indicators.INDICATORS`:

- counts, persons, households (``#,##0``): whole numbers with thousands grouped;
- shares (unit ``%``, 0–100 in GISMap) are stored as the fraction with ``0.0#%``: the cell is a
  percentage as Excel knows it (98,5% shown, 0.985 stored), so a province's sums, averages
  and charts treat it as one, and GISMap's reader scales a ``%`` cell back to 98.5, so
  re-joining the file gives the same values;
- rates per 1,000 residents, per 100 km² (``#,##0.00``) and the 0–100 index (``0.0#``).

Columns outside the catalogue keep Excel's General format, which still shows the locale's
decimal comma but groups nothing: a year (2025) or an identifier never becomes ``2.025``.

Every sheet has a bold, frozen header row and columns sized to their contents; no text cell
starts a formula (:func:`gismap.core.export.safe_table`). Files are written by the callers
inside :func:`gismap.core.atomic.atomic_path`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from gismap.core.classify import format_number
from gismap.core.crosswalk import load_crosswalk
from gismap.core.errors import render
from gismap.core.indicators import INDICATORS, KEY_ROLES, indicator_label
from gismap.core.provinces import LEGACY

if TYPE_CHECKING:
    from gismap.core.join import JoinReport

GROUPED_INTEGER = "#,##0"
GROUPED_DECIMAL = "#,##0.0#"  # a count that is not whole (rare): its decimals are shown
PERCENT = "0.0#%"  # 98,5% and 87,15%: GISMap keeps shares to two decimals, none hidden
RATE = "#,##0.00"
INDEX = "0.0#"
_RATE_UNITS = ("per 1,000", "per 10,000", "per 100 km²")
_WIDTH_SAMPLE = 500  # rows looked at to size a column
# Problem rows a report's sheet lists (Excel holds 1,048,576; no one reads a hundred thousand,
# and a million take a minute to write); the JSON report lists them all.
PROBLEM_ROWS_LISTED = 100_000
_MIN_WIDTH, _MAX_WIDTH = 6, 60


def number_format(column: str, values: pd.Series) -> str | None:
    """The Excel number format of a catalogue indicator's ``values``; None (General) otherwise."""
    spec = INDICATORS.get(column)
    if spec is None or not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return None
    if spec.is_pct:
        return PERCENT
    if spec.unit in _RATE_UNITS:
        return RATE
    if spec.unit == "0–100":
        return INDEX
    if spec.is_count or spec.unit in ("persons", "households", "count"):
        known = values.dropna().to_numpy(dtype=float)
        return GROUPED_INTEGER if np.all(known == np.round(known)) else GROUPED_DECIMAL
    return None


def excel_value(value, fmt: str | None):
    """``value`` as the cell stores it under ``fmt``: a share of 0–100 becomes its fraction under a
    ``%`` format; numpy scalars become Python ones; missing values None (an empty cell)."""
    if isinstance(value, str):
        return storable_text(value)
    if value is None or pd.isna(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if fmt is not None and "%" in fmt and isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(value / 100, 12)  # 98.5 → 0.985, without the binary noise of the division
    return value


def storable_text(text: str) -> str:
    """``text`` with the control characters a workbook cannot hold (XML 1.0 forbids them) shown as �."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def write_tables(path: str | Path, sheets: Iterable[tuple[str, pd.DataFrame]]) -> None:
    """Write each (title, table) as a sheet of a new workbook at ``path`` (not atomic by itself).

    Headers are the table's columns, in bold, frozen; catalogue indicators get their number
    formats (see the module's docstring); text that would start a formula is neutralised.
    """
    import openpyxl

    from gismap.core.export import safe_table

    workbook = openpyxl.Workbook(write_only=True)
    titles: set[str] = set()
    for title, table in sheets:
        _write_sheet(workbook, _unique_title(title, titles), safe_table(table))
    workbook.save(path)


def _write_sheet(workbook, title: str, table: pd.DataFrame) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    formats = [number_format(str(c), table.iloc[:, i]) for i, c in enumerate(table.columns)]
    for i, column in enumerate(table.columns):
        sheet.column_dimensions[get_column_letter(i + 1)].width = _width(str(column), table.iloc[:, i], formats[i])
    bold = Font(bold=True)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, storable_text(str(column)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    if len(table.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table) + 1}"
    # One styled cell object per format column, reused: write-only mode serialises each row as it is appended.
    styled = {i: WriteOnlyCell(sheet) for i, fmt in enumerate(formats) if fmt}
    for i, cell in styled.items():
        cell.number_format = formats[i]
    for row in table.itertuples(index=False):
        values = []
        for i, value in enumerate(row):
            value = excel_value(value, formats[i])
            if i in styled and value is not None:
                styled[i].value = value
                value = styled[i]
            values.append(value)
        sheet.append(values)


def _width(header: str, values: pd.Series, fmt: str | None) -> float:
    """Characters wide enough for the header and the values as shown (grouping, % sign)."""
    sample = values.iloc[:_WIDTH_SAMPLE].dropna()
    longest = max((len(str(v)) for v in sample), default=0)
    if fmt in (GROUPED_INTEGER, GROUPED_DECIMAL, RATE):
        longest += longest // 3  # the thousands separators
    elif fmt == PERCENT:
        longest = max(longest, 6)
    header_width = max((len(word) for word in header.split()), default=0)  # a long header may wrap
    return float(min(max(longest, min(len(header), 30), header_width, _MIN_WIDTH) + 2, _MAX_WIDTH))


def _unique_title(name: str, taken: set[str]) -> str:
    """A valid, unused Excel sheet title: at most 31 characters, none of ``[]:*?/\\``."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "Sheet1"
    title, number = base, 1
    while title.lower() in taken:
        number += 1
        title = f"{base[:31 - len(str(number)) - 1]}_{number}"
    taken.add(title.lower())
    return title


# ---------------------------------------------------------------------------- the join report

_KEY_LABELS = {"code": "Mã xã", "name": "Tên xã", "prov_code": "Mã tỉnh", "prov_name": "Tên tỉnh",
               "district": "Huyện (trước 2025)", "district_code": "Mã huyện (trước 2025)"}
_FOUND_BY = {"header": "nhận ra theo tiêu đề", "values": "nhận ra theo giá trị trong cột", "hand": "do người dùng chọn"}
_METHOD_LABELS = {"code": "theo mã", "name": "theo tên", "crosswalk": "qua bảng chuyển đổi đơn vị cũ",
                  "resolved": "chọn tay"}


def write_join_report(report: JoinReport, path: str | Path, communes: dict[str, str] | None = None,
                      translate: Callable[[str], str] = str) -> None:
    """The join report as a workbook a province reads: a summary, the columns as understood,
    every row that needs a look (not matched, ambiguous, twice, excluded, out of range, not a
    number) and the communes left without data. Headers are Vietnamese; the report's own
    messages are rendered by ``translate`` (a template → translation function, see
    :func:`gismap.core.errors.render`). ``communes`` (code → name) names the communes."""
    write_tables(path, [
        ("Tóm tắt", _summary(report, translate)),
        ("Cột", pd.DataFrame({"Cột trong bảng": list(report.columns),
                              "Hiểu là": [_meaning(role) for role in report.columns.values()]})),
        ("Dòng cần xem", _problem_rows(report, _legacy_names(report.level) if report.legacy else communes or {}, translate)),
        ("Xã không có dữ liệu", pd.DataFrame({"Mã xã": report.unmatched_boundaries,
                                              "Tên xã": [(communes or {}).get(c) for c in report.unmatched_boundaries]})),
    ])


def _same_commune_text(numbers: list[int], row: int, named: int) -> str:
    """"Same commune as rows …; keep one", naming at most ``named`` of the others (a million
    copies of one commune must not write a million lists of a million rows)."""
    others = [other for other in numbers[:named + 1] if other != row][:named]
    more = len(numbers) - 1 - len(others)
    listed = ", ".join(map(str, others)) + (f" và {format_number(more, 'vi', 0)} dòng khác" if more else "")
    return f"Cùng xã với dòng {listed}; giữ một dòng"


def _legacy_names(level: str) -> dict[str, str]:
    """Code → name of the pre-2025 communes (or provinces): the units a legacy table's rows name twice.
    Their codes are not the boundary layer's (legacy 00004 is Trúc Bạch, 2025 00004 is Ba Đình)."""
    crosswalk = load_crosswalk()
    if level == "province":
        provinces = crosswalk.provinces[crosswalk.provinces["level"] == LEGACY]
        return dict(zip(provinces["code"], provinces["name"]))
    return dict(zip(crosswalk.legacy["code"], crosswalk.legacy["full_name"]))


def _summary(report: JoinReport, translate: Callable[[str], str]) -> pd.DataFrame:
    items: list[tuple[str, object]] = [
        ("Bảng", report.source),
        ("Tỉnh", report.province or "(mọi tỉnh)"),
        ("Khớp dòng theo", _KEY_LABELS.get(report.key, report.key)),
        ("Cột khóa", f"{report.key_column} ({_FOUND_BY.get(report.key_found_by, '')})" if report.key_column else ""),
        ("Số dòng đã khớp", report.matched),
        *((f"  {label}", report.by_method.get(method, 0)) for method, label in _METHOD_LABELS.items()),
        ("Số xã có dữ liệu", report.communes_with_data),
        ("Số xã không có dữ liệu", len(report.unmatched_boundaries)),
        *((("Số xã của các tỉnh bảng không có (không tính)", report.outside_table_provinces),)
          if report.outside_table_provinces else ()),
        ("Bảng theo đơn vị trước 2025", "Có" if report.legacy else "Không"),
        ("Dòng không khớp", len(report.unmatched_rows)),
        ("Dòng không rõ là xã nào", len(report.ambiguous)),
        ("Xã có nhiều dòng (không áp dụng)", len(report.duplicates)),
        ("Dòng loại ra (tổng, ghi chú)", len(report.excluded_rows)),
        ("Giá trị ngoài khoảng hợp lệ", len(report.out_of_range)),
        ("Ô không phải số", len(report.invalid_values)),
        *(("Ghi chú", render(warning, translate)) for warning in report.warnings),
    ]
    return pd.DataFrame(items, columns=["Mục", "Giá trị"]).astype({"Giá trị": object})


def _meaning(role: str | None) -> str:
    if role is None:
        return "(giữ tên cột gốc)"
    if role in KEY_ROLES:
        return f"Khóa: {_KEY_LABELS[role]}"
    return f"{indicator_label(role, 'vi')} ({role})"


def _problem_rows(report: JoinReport, communes: dict[str, str], translate: Callable[[str], str]) -> pd.DataFrame:
    """One line per table row that needs a look, by row number."""
    rows: list[tuple[int, str, str, str]] = []
    for item in report.unmatched_rows:
        rows.append((item["row"], "Không khớp", " | ".join(map(str, item.get("values", {}).values())),
                     render(item["reason"], translate)))
    for item in report.ambiguous:
        candidates = "; ".join(f"{c['name']} ({c['code']}, {c['province']}, {c['score']:.2f})" for c in item["candidates"])
        rows.append((item["row"], "Không rõ là xã nào", item["name"], f"Có thể là: {candidates}" if candidates else ""))
    for code, numbers in report.duplicate_rows.items():
        name = f"{communes[code]} ({code})" if code in communes else code
        # Rows past the named ones all name the same others: one text for them all.
        beyond_named = _same_commune_text(numbers, numbers[-1], report.ROWS_NAMED)
        for position, row in enumerate(numbers):
            rows.append((row, "Xã có nhiều dòng", name, _same_commune_text(numbers, row, report.ROWS_NAMED)
                         if position <= report.ROWS_NAMED else beyond_named))
    for item in report.excluded_rows:
        rows.append((item["row"], "Loại ra", item["text"], render(item["reason"], translate)))
    for item in report.out_of_range:
        rows.append((item["row"], "Ngoài khoảng hợp lệ", f"{item['column']} = {item['value']:g}",
                     render(item["why"], translate)))
    for item in report.invalid_values:
        rows.append((item["row"], "Không phải số", f"{item['column']}: {item['value']}", ""))
    rows.sort(key=lambda r: r[0])
    if len(rows) > PROBLEM_ROWS_LISTED:  # the sheet's last line says how many more there are
        left_out = len(rows) - PROBLEM_ROWS_LISTED + 1
        rows[PROBLEM_ROWS_LISTED - 1:] = [(None, "…", f"còn {format_number(left_out, 'vi', 0)} dòng cần xem không liệt kê "
                                                      "ở đây: báo cáo dạng JSON liệt kê đủ", "")]
    # Built as objects: pandas' string columns would copy each text into Arrow and out again.
    problems = pd.DataFrame(rows, columns=["Dòng", "Vấn đề", "Nội dung", "Chi tiết"], dtype=object)
    problems["Dòng"] = problems["Dòng"].astype("Int64")
    return problems
