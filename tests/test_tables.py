"""Reading tables: encodings, delimiters, titles, merged headers, number formats, totals."""

import math

import numpy as np
import openpyxl
import pandas as pd
import pytest

from gismap.core.encoding import encode_cp1258
from gismap.core.errors import TableError
from gismap.core.tables import list_sheets, normalise_code, parse_numbers, read_frame, read_table

CSV_TEXT = (
    "BÁO CÁO HẠ TẦNG SỐ (số liệu thử)\n"
    "\n"
    "Mã xã;Tên xã;Dân số;Tỷ lệ phủ sóng 4G (%);Ghi chú\n"
    "13285;Phường Phủ Lý;74.522;98,5%;tốt\n"
    "13291;Phường Phù Vân;1.234;-;\n"
    "Tổng cộng;;75.756;;\n"
    "Ghi chú: số liệu thử\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_encodings_and_semicolons_give_the_same_table(tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes(encode_cp1258(CSV_TEXT) if encoding == "cp1258" else CSV_TEXT.encode(encoding))
    table = read_table(path)
    assert table.header_rows == [3]
    assert table.columns == {"Mã xã": "code", "Tên xã": "name", "Dân số": "population",
                             "Tỷ lệ phủ sóng 4G (%)": "cov_4g_pct", "Ghi chú": None}
    assert table.frame["Tên xã"].tolist() == ["Phường Phủ Lý", "Phường Phù Vân"]
    assert table.frame["Dân số"].tolist() == [74522.0, 1234.0]
    assert table.frame.loc[4, "Tỷ lệ phủ sóng 4G (%)"] == 98.5 and math.isnan(table.frame.loc[5, "Tỷ lệ phủ sóng 4G (%)"])
    assert [(e["row"], e["reason"]) for e in table.excluded_rows] == [(6, "total"), (7, "note")]
    assert table.frame.index.tolist() == [4, 5]


def test_tab_separated_english_numbers_and_codes_stored_as_numbers(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("Code\tCommune\tPopulation\t4G coverage\n4\tBa Đình\t1,234.5\t99.5\n25\tGiảng Võ\t12.5\t100\n")
    table = read_table(path)
    assert table.frame["Code"].tolist() == ["00004", "00025"]
    assert table.frame["Population"].tolist() == [1234.5, 12.5]
    assert not table.decimal_comma


def test_a_two_row_header_in_a_csv_is_flattened(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "Mã xã,Tên xã,Cáp quang,,\n"
        ",,Tổng số thôn,Số thôn có cáp quang,Tỷ lệ (%)\n"
        "13285,Phủ Lý,80,79,\"98,8\"\n", encoding="utf-8")
    table = read_table(path)
    assert table.header_rows == [1, 2]
    assert table.columns == {"Mã xã": "code", "Tên xã": "name", "Cáp quang / Tổng số thôn": "hamlets_total",
                             "Cáp quang / Số thôn có cáp quang": "hamlets_fiber", "Cáp quang / Tỷ lệ (%)": None}
    assert table.frame.loc[3, "Cáp quang / Số thôn có cáp quang"] == 79


def test_vietnamese_and_english_number_formats():
    values = pd.Series(["1.234", "98,5", "98,5%", "1.234,5", "-", "x", "N/A", "", None, 7, 2.5, "abc"], dtype=object)
    numbers, invalid = parse_numbers(values, decimal_comma=True)
    assert numbers.tolist()[:4] == [1234.0, 98.5, 98.5, 1234.5]
    assert numbers[4:9].isna().all() and numbers.tolist()[9:11] == [7.0, 2.5]
    assert invalid.tolist() == [False] * 11 + [True]
    english, _ = parse_numbers(pd.Series(["1,234.5", "12.5", "1,234"], dtype=object), decimal_comma=False)
    assert english.tolist() == [1234.5, 12.5, 1234.0]
    counts, _ = parse_numbers(pd.Series(["1,234", "1.234"], dtype=object), decimal_comma=True, grouped_is_thousands=True)
    assert counts.tolist() == [1234.0, 1234.0]


def test_codes_get_their_leading_zeros_back():
    assert [normalise_code(v) for v in (4, 4.0, "4", "00004", " 13285 ", None)] == ["00004"] * 4 + ["13285", None]
    assert normalise_code(1, 2) == "01"


def _report_workbook(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Tổng hợp"
    sheet["A1"] = "BÁO CÁO HẠ TẦNG SỐ NĂM 2025"
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["STT", "Xã, phường", "Hạ tầng cáp quang", None, None, "Tỷ lệ phủ sóng 4G (%)"])
    sheet.append([None, None, "Tổng số thôn, tổ dân phố", "Số thôn có cáp quang", "Tỷ lệ thôn có cáp quang (%)", None])
    for cells in ("A3:A4", "B3:B4", "C3:E3", "F3:F4"):
        sheet.merge_cells(cells)
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    sheet.append([1, "Xã Hoà An", 20, 19, "95,0", 0.985])
    sheet["F6"].number_format = "0.0%"
    sheet.append([2, "Phường 1", 10, 10, "100", 1])
    sheet.append([None, "Cộng", 30, 29, None, None])
    workbook.create_sheet("Khác")
    workbook.save(path)


def test_excel_report_with_titles_merged_header_numbering_and_total(tmp_path):
    path = tmp_path / "report.xlsx"
    _report_workbook(path)
    assert list_sheets(path) == ["Tổng hợp", "Khác"]
    table = read_table(path)
    assert table.sheet == "Tổng hợp" and table.header_rows == [3, 4]
    assert table.columns == {
        "STT": None, "Xã, phường": "name", "Hạ tầng cáp quang / Tổng số thôn, tổ dân phố": "hamlets_total",
        "Hạ tầng cáp quang / Số thôn có cáp quang": "hamlets_fiber",
        "Hạ tầng cáp quang / Tỷ lệ thôn có cáp quang (%)": "fiber_hamlet_pct", "Tỷ lệ phủ sóng 4G (%)": "cov_4g_pct",
    }
    frame = table.frame.rename(columns=table.columns)
    assert frame["name"].tolist() == ["Xã Hoà An", "Phường 1"]
    assert frame["fiber_hamlet_pct"].tolist() == [95.0, 100.0]
    assert frame["cov_4g_pct"].tolist() == pytest.approx([98.5, 1.0])  # percent format → 0–100
    assert [(e["row"], e["reason"]) for e in table.excluded_rows] == [(5, "column numbers"), (8, "total")]


def test_sheet_errors_say_what_exists(tmp_path):
    path = tmp_path / "report.xlsx"
    _report_workbook(path)
    with pytest.raises(TableError, match="no sheet 'Nope'. Sheets are: Tổng hợp, Khác"):
        read_table(path, sheet="Nope")
    with pytest.raises(TableError, match="no header row"):
        read_table(path, sheet="Khác")


def test_unusable_files_raise_table_errors(tmp_path):
    with pytest.raises(TableError, match="no such file"):
        read_table(tmp_path / "missing.csv")
    (tmp_path / "t.numbers").write_bytes(b"x")
    with pytest.raises(TableError, match="unsupported table format"):
        read_table(tmp_path / "t.numbers")
    (tmp_path / "t.ods").write_bytes(b"x")
    with pytest.raises(TableError, match="t.ods: cannot be read as a workbook"):
        read_table(tmp_path / "t.ods")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(TableError, match="cannot be read as an Excel workbook"):
        read_table(tmp_path / "bad.xlsx")


def test_overrides_map_and_unmap_columns_and_reparse_values():
    table = read_frame(pd.DataFrame({"Mã": ["13285"], "Đơn vị": ["Phủ Lý"], "Trạm": ["1.234"], "Dân số": ["5"]}))
    assert table.columns["Trạm"] is None
    mapped = table.with_overrides({"Trạm": "bts_4g", "Dân số": None})
    assert mapped.columns == {"Mã": "code", "Đơn vị": "name", "Trạm": "bts_4g", "Dân số": None}
    assert mapped.frame["Trạm"].tolist() == [1234.0]
    assert table.columns["Trạm"] is None  # the original is untouched
    with pytest.raises(TableError, match="no column 'Nope'"):
        table.with_overrides({"Nope": "bts_4g"})
    with pytest.raises(TableError, match="'bts' is not a known indicator"):
        table.with_overrides({"Trạm": "bts"})


def test_a_commune_named_like_a_total_word_is_kept():
    table = read_frame(pd.DataFrame({"Tên xã": ["Cộng Hòa", "Tổng Cọt", "Tổng số"], "Dân số": [1, 2, 3]}))
    assert table.frame["Tên xã"].tolist() == ["Cộng Hòa", "Tổng Cọt"]
    assert table.excluded_rows[0]["reason"] == "total"


def test_non_numbers_in_an_indicator_column_are_reported():
    table = read_frame(pd.DataFrame({"Mã xã": ["13285", "13291"], "Dân số": ["12", "nhiều"]}))
    assert table.invalid_values == [{"row": 3, "column": "Dân số", "value": "nhiều"}]
    assert np.isnan(table.frame.loc[3, "Dân số"])


def _old_workbooks(folder, rows):
    """The same report as .xls (Excel 97–2003, xlwt) and .ods (OpenDocument, pandas + odfpy),
    with a title row and a header merged over two columns in the .xls."""
    import pandas as pd
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Ninh Bình")
    sheet.write(0, 0, "BÁO CÁO HẠ TẦNG SỐ 2025")
    sheet.write_merge(1, 2, 0, 0, "Mã xã")
    sheet.write_merge(1, 2, 1, 1, "Tên xã")
    sheet.write_merge(1, 1, 2, 3, "Tổ công nghệ số cộng đồng")
    sheet.write(2, 2, "Số tổ")
    sheet.write(2, 3, "Số thành viên")
    sheet.write_merge(1, 2, 4, 4, "Tỷ lệ thôn có cáp quang (%)")
    for number, (code, name, teams, members, fibre) in enumerate(rows, start=3):
        for column, value in enumerate((code, name, teams, members, fibre)):
            sheet.write(number, column, value)
    book.save(str(folder / "bao_cao.xls"))
    frame = pd.DataFrame(rows, columns=["Mã xã", "Tên xã", "Số Tổ CNSCĐ", "Số thành viên Tổ CNSCĐ",
                                        "Tỷ lệ thôn có cáp quang (%)"])
    with pd.ExcelWriter(folder / "bao_cao.ods", engine="odf") as writer:
        frame.to_excel(writer, sheet_name="Ninh Bình", index=False)
    return folder / "bao_cao.xls", folder / "bao_cao.ods"


def test_old_excel_and_opendocument_workbooks_are_read_and_joined(tmp_path):
    from gismap.core.join import join_table
    from gismap.core.layers import read_layer
    from gismap.core.paths import shapefiles_dir
    from gismap.core.tables import list_sheets, read_table

    rows = [("13285", "Phủ Lý", 4, 40, 100.0), ("14746", "Đồng Thái", 2, 21, 87.5)]
    communes = read_layer(shapefiles_dir() / "communes_37.parquet", check_geometry=False).frame
    for workbook in _old_workbooks(tmp_path, rows):
        assert list_sheets(workbook) == ["Ninh Bình"]
        parsed = read_table(workbook)
        assert parsed.columns["Tên xã"] == "name", workbook.name
        joined = join_table(communes, workbook).frame.set_index("code")
        assert joined.loc["13285", ["cdt_teams", "cdt_members", "fiber_hamlet_pct"]].tolist() == [4, 40, 100.0]
        assert joined.loc["14746", "fiber_hamlet_pct"] == 87.5 and joined["has_data"].sum() == 2


def test_fractions_in_an_old_workbook_are_noted_not_changed(tmp_path):
    from gismap.core.tables import read_table

    xls, _ = _old_workbooks(tmp_path, [("13285", "Phủ Lý", 4, 40, 0.985), ("14746", "Đồng Thái", 2, 21, 0.5)])
    parsed = read_table(xls)
    assert parsed.frame["Tỷ lệ thôn có cáp quang (%)"].tolist() == [0.985, 0.5]
    assert any("every value is at most 1" in str(note) for note in parsed.warnings)


def test_a_damaged_old_workbook_gets_a_message(tmp_path):
    from gismap.core.errors import TableError
    from gismap.core.tables import read_table

    (tmp_path / "hong.xls").write_bytes(b"\xd0\xcf\x11\xe0 not really")
    with pytest.raises(TableError, match="hong.xls: cannot be read as a workbook"):
        read_table(tmp_path / "hong.xls")


def test_headers_merged_over_two_rows_are_one_header(tmp_path):
    # Every header cell merged over rows 2–3, no column group: the spread copy in row 3 is no data row.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "BÁO CÁO SỐ LIỆU NĂM 2024"
    for column, header in enumerate(["STT", "Tên xã", "Dân số"], start=1):
        sheet.cell(2, column, header)
        sheet.merge_cells(start_row=2, end_row=3, start_column=column, end_column=column)
    for row, cells in enumerate([[1, "Phường Phủ Lý", "12.345"], [2, "Xã Bình Lục", "6.789"]], start=4):
        for column, value in enumerate(cells, start=1):
            sheet.cell(row, column, value)
    book.save(tmp_path / "bao_cao.xlsx")
    table = read_table(tmp_path / "bao_cao.xlsx")
    assert table.header_rows == [2, 3] and table.invalid_values == [] and table.excluded_rows == []
    assert table.frame.index.tolist() == [4, 5] and table.frame["Dân số"].tolist() == [12345, 6789]


def test_a_short_semicolon_csv_with_decimal_commas_is_split_on_its_semicolons(tmp_path):
    # Commas in every data row and none in the header: the separator is the one that shapes all rows alike.
    path = tmp_path / "tram.csv"
    path.write_text("Tên trạm;Kinh độ;Vĩ độ\nA;105,9123;20,5412\nB;105,91;20,25\n", encoding="utf-8")
    table = read_table(path)
    assert list(table.frame.columns) == ["Tên trạm", "Kinh độ", "Vĩ độ"] and len(table.frame) == 2


def test_a_large_csv_read_column_by_column_gives_the_table_the_cell_by_cell_reading_gives(tmp_path, monkeypatch):
    """Over LARGE_CSV_BYTES a CSV is read by read_plain_csv; the table (values, roles, rows left out,
    warnings) must be the one every smaller table gets, for a provincial report's forms of cells."""
    import gismap.core.tables as tables
    from gismap.core.paths import data_dir

    communes = pd.read_csv(data_dir() / "admin" / "communes_2025.csv", dtype=str)
    rng = np.random.default_rng(12)
    rows = ["BÁO CÁO HẠ TẦNG SỐ NĂM 2025;;;;", "STT;Mã xã;Tên xã;Tỷ lệ phủ 4G (%);Số thuê bao FTTH"]
    for number in range(20_000):
        commune = communes.iloc[number % len(communes)]
        share = "" if number % 97 == 0 else f"{rng.uniform(40, 100):.1f}".replace(".", ",") + "%"
        subscribers = "" if number % 89 == 0 else f"{int(rng.integers(0, 40_000)):,}".replace(",", ".")
        name = commune.iloc[1] if number % 5 else f"  {commune.iloc[1]}\u00a0"
        rows.append(f"{number + 1};{commune.iloc[0]};{name};{share};{subscribers}")
    rows += ["Tổng cộng;;;;1.234.567", "Ghi chú: số liệu sơ bộ;;;;", ""]
    path = tmp_path / "bao_cao.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    monkeypatch.setattr(tables, "LARGE_CSV_BYTES", path.stat().st_size - 1)  # a small "large" table: a quick test
    read_column_wise = []
    monkeypatch.setattr(tables, "read_plain_csv", lambda p, read=tables.read_plain_csv: read_column_wise.append(
        read(p)) or read_column_wise[-1])
    column_wise = read_table(path)
    assert read_column_wise[0] is not None  # the column-wise reading took it
    monkeypatch.setattr(tables, "LARGE_CSV_BYTES", path.stat().st_size + 1)
    cell_wise = read_table(path)
    assert column_wise.columns == cell_wise.columns
    assert column_wise.columns["Mã xã"] == "code" and len(cell_wise.frame) == 20_000
    pd.testing.assert_frame_equal(column_wise.frame, cell_wise.frame)
    pd.testing.assert_frame_equal(column_wise.raw, cell_wise.raw, check_dtype=False)
    assert [r["row"] for r in column_wise.excluded_rows] == [r["row"] for r in cell_wise.excluded_rows]
    assert [str(w) for w in column_wise.warnings] == [str(w) for w in cell_wise.warnings]
    assert column_wise.decimal_comma == cell_wise.decimal_comma
