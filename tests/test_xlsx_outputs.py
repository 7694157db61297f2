"""Excel files GISMap writes for provinces: joined tables and the join report in Vietnamese number
formats, and a province's report form filled in place. Everything is read back with openpyxl."""

from __future__ import annotations

import copy
import csv
import hashlib

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from gismap.cli import main
from gismap.core.errors import GismapError
from gismap.core.join import join_table
from gismap.core.layers import read_layer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.tables import read_table
from gismap.core.template import fill_template

COVERAGE = coverage_dir() / "coverage_2025_by_code.csv"
NINH_BINH = shapefiles_dir() / "communes_37.parquet"


@pytest.fixture(scope="module")
def boundaries():
    return read_layer(NINH_BINH, check_geometry=False).frame


@pytest.fixture(scope="module")
def joined(boundaries):
    return join_table(boundaries, COVERAGE).frame


@pytest.fixture(scope="module")
def source_rows():
    """The sample CSV's rows by commune code, as written in the file (the figures to find again)."""
    with COVERAGE.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}


def _columns(sheet) -> dict[str, list]:
    """Header → the cells under it."""
    rows = list(sheet.iter_rows())
    return {cell.value: [row[i] for row in rows[1:]] for i, cell in enumerate(rows[0])}


# ---------------------------------------------------------------------------- joined tables


def test_joined_table_is_written_with_vietnamese_number_formats(tmp_path, joined, source_rows):
    out = tmp_path / "ninh_binh.xlsx"
    assert main(["join", str(NINH_BINH), str(COVERAGE), "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "ninh_binh" and sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    columns = _columns(sheet)
    codes = [c.value for c in columns["code"]]
    assert codes == list(joined["code"]) and {c.data_type for c in columns["code"]} == {"s"}  # "13285", with zeros
    phu_ly = codes.index("13285")
    # Counts: whole numbers grouped by thousands (Excel in Vietnamese shows 74.522).
    population = columns["population"][phu_ly]
    assert population.value == int(source_rows["13285"]["Dân số"]) and population.number_format == "#,##0"
    # Shares: the fraction under a percent format (shown 98,5%).
    for cell, share in zip(columns["cov_4g_pct"], joined["cov_4g_pct"]):
        assert cell.number_format == "0.0#%" and cell.value == pytest.approx(share / 100)
    assert columns["online_dossier_pct"][phu_ly].value == pytest.approx(
        float(source_rows["13285"]["Tỷ lệ hồ sơ trực tuyến (%)"]) / 100)
    assert columns["bts_4g_per_100km2"][phu_ly].number_format == "#,##0.00"
    assert columns["dii"][phu_ly].number_format == "0.0#"
    # Outside the catalogue: General, so no year or identifier is ever grouped like a count.
    assert {c.number_format for c in columns["area_km2"]} == {"General"}
    widths = {sheet.cell(1, i + 1).value: sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width
              for i in range(sheet.max_column)}
    assert widths["full_name"] > widths["code"] >= len("13285")
    # Read back as a table, the shares are 0–100 again: re-joining gives the same values.
    again = join_table(read_layer(NINH_BINH, check_geometry=False).frame, out).frame
    for column in ("cov_4g_pct", "online_dossier_pct", "population", "fiber_hamlet_pct"):
        assert again[column].tolist() == joined[column].tolist(), column


def test_layer_export_to_xlsx_uses_the_same_formats(tmp_path, joined):
    """``gismap export`` and ``gismap join --out`` write one kind of workbook."""
    project_out = tmp_path / "export.xlsx"
    assert main(["export", str(NINH_BINH), "--data", str(COVERAGE), "--out", str(project_out)]) == 0
    columns = _columns(openpyxl.load_workbook(project_out).active)
    assert {c.number_format for c in columns["households"]} == {"#,##0"}
    assert {c.number_format for c in columns["ftth_household_pct"] if c.value is not None} == {"0.0#%"}


# ---------------------------------------------------------------------------- the join report

NOT_A_COMMUNE = "=HYPERLINK(\"http://example.invalid\")"


@pytest.fixture
def report_table(tmp_path, boundaries):
    names = list(boundaries["name"])
    rows = [["Báo cáo (dữ liệu mô phỏng)", "", ""], ["Tên xã", "Dân số", "Tỷ lệ phủ sóng 4G (%)"]]
    rows += [[name, f"{1000 * (i + 1):,}".replace(",", "."), f"9{i},5"] for i, name in enumerate(names[:5])]
    rows += [[names[10] + "x", "7.000", "50"],  # a typo: ambiguous
             [NOT_A_COMMUNE, "8.000", "40"],  # no such commune, and a formula
             [names[2], "9.000", "45"],  # the third commune again
             ["Tổng cộng", "45.000", ""]]
    path = tmp_path / "bao_cao.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path, names


def test_join_report_workbook_is_readable_in_vietnamese(tmp_path, report_table, boundaries):
    path, names = report_table
    report = tmp_path / "bao_cao_ghep.xlsx"
    assert main(["join", str(NINH_BINH), str(path), "--report", str(report)]) == 0
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames == ["Tóm tắt", "Cột", "Dòng cần xem", "Xã không có dữ liệu"]
    summary = {row[0]: row[1] for row in workbook["Tóm tắt"].iter_rows(min_row=2, values_only=True)}
    assert summary["Số dòng đã khớp"] == 4  # five names, the third twice: neither of those applied
    assert summary["Khớp dòng theo"] == "Tên xã" and summary["Cột khóa"].startswith("Tên xã (")
    problems = workbook["Dòng cần xem"]
    assert [c.value for c in problems[1]] == ["Dòng", "Vấn đề", "Nội dung", "Chi tiết"]
    assert all(c.font.b for c in problems[1]) and problems.freeze_panes == "A2"
    by_row = {}
    for row in problems.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)  # the formula-like name stays text
        by_row.setdefault(row[0].value, []).append([c.value for c in row[1:]])
    assert by_row[8] == [["Không rõ là xã nào", names[10] + "x", by_row[8][0][2]]]
    assert names[10] in by_row[8][0][2]
    unknown = by_row[9][0]
    assert unknown[0] == "Không khớp" and unknown[1].startswith("'=HYPERLINK")
    assert "no commune" not in unknown[2] and NOT_A_COMMUNE in unknown[2]  # the reason in Vietnamese
    assert [problem[0] for problem in by_row[5]] == [problem[0] for problem in by_row[10]] == ["Xã có nhiều dòng"]
    assert by_row[11][0][0] == "Loại ra"
    without = list(workbook["Xã không có dữ liệu"].iter_rows(min_row=2, values_only=True))
    with_data = set(names[:2] + names[3:5])
    assert len(without) == len(boundaries) - 4 and {name for _, name in without} == set(names) - with_data


def test_join_report_workbook_names_a_legacy_commune_given_twice_by_its_own_name(tmp_path):
    # Legacy 00004 is Phường Trúc Bạch; 00004 of 2025 is Phường Ba Đình, another ward.
    from gismap.core.crosswalk import load_crosswalk

    legacy = load_crosswalk().legacy
    hanoi = legacy[legacy["prov_code"] == "01"]
    table = tmp_path / "ha_noi_2024.csv"
    pd.concat([pd.DataFrame({"Mã xã": hanoi["code"], "Dân số": 1}), pd.DataFrame({"Mã xã": ["00004"], "Dân số": [5]})]
              ).to_csv(table, index=False)
    report = tmp_path / "bao_cao.xlsx"
    assert main(["join", str(shapefiles_dir() / "communes_vn_2025_overview.shp"), str(table), "--report", str(report)]) == 0
    problems = list(openpyxl.load_workbook(report)["Dòng cần xem"].iter_rows(min_row=2, values_only=True))
    twice = [row for row in problems if row[1] == "Xã có nhiều dòng"]
    truc_bach = hanoi.loc[hanoi["code"] == "00004", "full_name"].item()
    first = hanoi["code"].tolist().index("00004") + 2  # the header is row 1
    assert [row[0] for row in twice] == [first, len(hanoi) + 2] and {row[2] for row in twice} == {f"{truc_bach} (00004)"}



def test_a_commune_given_thousands_of_times_is_reported_row_by_row_in_short_lines(tmp_path):
    # Each line once named every other row: 20,000 copies made 400 million row numbers.
    table = tmp_path / "mot_xa.csv"
    pd.DataFrame({"Mã xã": ["13285"] * 20_000, "Dân số": 1}).to_csv(table, index=False)
    report = tmp_path / "bao_cao.xlsx"
    assert main(["join", str(NINH_BINH), str(table), "--report", str(report)]) == 0
    problems = list(openpyxl.load_workbook(report, read_only=True)["Dòng cần xem"].iter_rows(min_row=2, values_only=True))
    assert len(problems) == 20_000 and {row[1] for row in problems} == {"Xã có nhiều dòng"}
    assert problems[0][3] == "Cùng xã với dòng 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 và 19.989 dòng khác; giữ một dòng"
    assert problems[5][3].startswith("Cùng xã với dòng 2, 3, 4, 5, 6, 8, ") and "19.989 dòng khác" in problems[5][3]


def test_a_report_with_more_problem_rows_than_it_lists_says_how_many_it_left_out(tmp_path, monkeypatch):
    import gismap.core.xlsx as xlsx

    monkeypatch.setattr(xlsx, "PROBLEM_ROWS_LISTED", 100)
    table = tmp_path / "khong_khop.csv"
    pd.DataFrame({"Mã xã": [f"9{i:04d}" for i in range(250)], "Dân số": 1}).to_csv(table, index=False)
    report = tmp_path / "bao_cao.xlsx"
    assert main(["join", str(NINH_BINH), str(table), "--report", str(report)]) == 0
    problems = list(openpyxl.load_workbook(report)["Dòng cần xem"].iter_rows(min_row=2, values_only=True))
    assert len(problems) == 100 and [row[0] for row in problems[:99]] == list(range(2, 101))
    assert problems[-1][0] is None and problems[-1][2].startswith("còn 151 dòng cần xem không liệt kê")


# ---------------------------------------------------------------------------- report forms

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _form(path, names: list[str]) -> dict:
    """A province's report form: a merged title, a two-row merged header, a numbering row, the
    communes (a typo, an unknown one, one twice), a total with a formula, and a second sheet.
    Returns the sheet rows of each listed name."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Biểu 01"
    sheet["A1"] = "BÁO CÁO HẠ TẦNG SỐ CẤP XÃ NĂM 2025"
    sheet["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "(Kèm theo Công văn số 123/STTTT-BCVT)"
    sheet["A2"].font = Font(name="Times New Roman", italic=True)
    sheet.merge_cells("A2:F2")
    for column, header in zip("ABCF", ["STT", "Tên đơn vị hành chính", "Tỷ lệ thôn có cáp quang (%)",
                                       "Tỷ lệ phủ sóng 4G (%)"]):
        sheet[f"{column}3"] = header
        sheet.merge_cells(f"{column}3:{column}4")
    sheet["D3"] = "Tổ công nghệ số cộng đồng"
    sheet.merge_cells("D3:E3")
    sheet["D4"], sheet["E4"] = "Số tổ", "Số thành viên"
    for column in "ABCDEF":
        for row in (3, 4):
            sheet[f"{column}{row}"].font = Font(name="Times New Roman", bold=True)
            sheet[f"{column}{row}"].fill = PatternFill("solid", fgColor="DDEBF7")
            sheet[f"{column}{row}"].border = BOX
        sheet[f"{column}5"] = f"({'ABCDEF'.index(column) + 1})"
    listed = names[:8] + [names[10] + "x", "Xã Không Có Thật", names[3]]
    rows = {}
    for i, name in enumerate(listed):
        row = 6 + i
        rows.setdefault(name, []).append(row)
        sheet[f"A{row}"], sheet[f"B{row}"] = i + 1, name
        for column in "ABCDEF":
            sheet[f"{column}{row}"].border = BOX
            sheet[f"{column}{row}"].font = Font(name="Times New Roman")
        sheet[f"C{row}"].number_format = "0.0"
        sheet[f"D{row}"].number_format = sheet[f"E{row}"].number_format = "#,##0"
        sheet[f"F{row}"].number_format = "0.0%"
    total = 6 + len(listed)
    sheet[f"B{total}"] = "Tổng cộng"
    sheet[f"D{total}"], sheet[f"E{total}"] = f"=SUM(D6:D{total - 1})", f"=SUM(E6:E{total - 1})"
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["C"].width = 14.5
    sheet.row_dimensions[3].height = 42
    notes = workbook.create_sheet("Hướng dẫn")
    notes["A1"] = "Số liệu tính đến 31/12/2025; tỷ lệ ghi theo %."
    notes.merge_cells("A1:D1")
    notes["A3"] = "=Biểu 01!D5"
    workbook.save(path)
    return rows


@pytest.fixture
def form(tmp_path, boundaries):
    path = tmp_path / "mau_bao_cao.xlsx"
    return path, _form(path, list(boundaries["name"]))


def _cells(workbook):
    """Every cell's value and look (the style objects themselves), by sheet and coordinate."""
    return {(sheet.title, cell.coordinate): (cell.value, *map(copy.copy, (cell.font, cell.border, cell.fill,
                                                                          cell.alignment, cell.protection)),
                                             cell.number_format)
            for sheet in workbook for row in sheet.iter_rows() for cell in row}


def test_form_is_filled_in_place_and_keeps_its_look(tmp_path, form, joined, boundaries):
    path, rows = form
    names = list(boundaries["name"])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = tmp_path / "bao_cao_da_dien.xlsx"
    fill = fill_template(path, joined, out)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # the form is never written

    filled = openpyxl.load_workbook(out)
    original = openpyxl.load_workbook(path)
    sheet = filled["Biểu 01"]
    by_code = joined.set_index("code")
    code_of = dict(zip(boundaries["name"], boundaries["code"]))
    for name in names[:3] + names[4:8]:
        (row,) = rows[name]
        values = by_code.loc[code_of[name]]
        assert sheet[f"C{row}"].value == values["fiber_hamlet_pct"]  # no % format: 0–100, as the header says
        assert sheet[f"D{row}"].value == values["cdt_teams"] and isinstance(sheet[f"D{row}"].value, int)
        assert sheet[f"E{row}"].value == values["cdt_members"]
        assert sheet[f"F{row}"].value == pytest.approx(values["cov_4g_pct"] / 100)  # a % cell holds the fraction
    # Not sure of these rows' communes: left empty, and said.
    for name in (names[10] + "x", "Xã Không Có Thật", names[3]):
        for row in rows[name]:
            assert [sheet.cell(row, c).value for c in range(3, 7)] == [None] * 4, name
    assert [item["row"] for item in fill.report.ambiguous] == rows[names[10] + "x"]
    assert [item["row"] for item in fill.report.unmatched_rows] == rows["Xã Không Có Thật"]
    assert fill.report.duplicate_rows == {code_of[names[3]]: rows[names[3]]}
    assert len(fill.filled_rows) == 7
    assert fill.columns == {"Tỷ lệ thôn có cáp quang (%)": "fiber_hamlet_pct",
                            "Tổ công nghệ số cộng đồng / Số tổ": "cdt_teams",
                            "Tổ công nghệ số cộng đồng / Số thành viên": "cdt_members",
                            "Tỷ lệ phủ sóng 4G (%)": "cov_4g_pct"}

    # Everything else is as the form had it.
    assert filled.sheetnames == original.sheetnames
    written = {("Biểu 01", f"{column}{row}") for row in fill.filled_rows for column in "CDEF"}
    before_cells, after_cells = _cells(original), _cells(filled)
    assert set(after_cells) == set(before_cells)
    for key, (value, *look) in before_cells.items():
        assert after_cells[key][1:] == tuple(look), key
        if key not in written:
            assert after_cells[key][0] == value, key
    for name in original.sheetnames:
        old, new = original[name], filled[name]
        assert set(map(str, new.merged_cells.ranges)) == set(map(str, old.merged_cells.ranges))
        assert {k: d.width for k, d in new.column_dimensions.items()} == {k: d.width for k, d in old.column_dimensions.items()}
        assert {k: d.height for k, d in new.row_dimensions.items()} == {k: d.height for k, d in old.row_dimensions.items()}
    assert sheet.column_dimensions["B"].width == 32 and sheet.row_dimensions[3].height == 42


def test_rejoining_a_filled_form_gives_the_layers_values(tmp_path, form, joined, boundaries):
    path, _ = form
    out = tmp_path / "da_dien.xlsx"
    fill = fill_template(path, joined, out)
    again = join_table(boundaries, out).frame.set_index("code")
    expected = joined.set_index("code")
    codes = list(fill.filled_rows.values())
    for column in fill.columns.values():
        assert again.loc[codes, column].tolist() == expected.loc[codes, column].tolist(), column
    assert again["has_data"].sum() == len(codes)


def test_a_form_is_never_written_over_and_must_be_xlsx(tmp_path, form, joined, boundaries):
    path, _ = form
    before = path.read_bytes()
    with pytest.raises(GismapError, match="would overwrite"):
        fill_template(path, joined, path)
    with pytest.raises(GismapError, match=r"\.xlsx"):
        fill_template(path, joined, tmp_path / "out.xls")
    with pytest.raises(GismapError, match="no column of the form is an indicator of the layer"):
        fill_template(path, boundaries, tmp_path / "out.xlsx")  # nothing joined yet
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_fill_template_command(tmp_path, form, capsys, joined):
    path, rows = form
    out = tmp_path / "da_dien.xlsx"
    status = main(["fill-template", str(NINH_BINH), str(path), "--data", str(COVERAGE), "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "7 communes filled in" in printed and "is ambiguous" in printed
    sheet = openpyxl.load_workbook(out)["Biểu 01"]
    first = list(rows)[0]
    assert sheet[f"D{rows[first][0]}"].value == joined.set_index("name").loc[first, "cdt_teams"]
    assert main(["fill-template", str(NINH_BINH), str(path), "--data", str(COVERAGE), "--out", str(path)]) == 2


def test_fill_template_command_maps_a_header_it_does_not_know(tmp_path, form, joined):
    path, rows = form
    workbook = openpyxl.load_workbook(path)
    workbook["Biểu 01"]["F3"] = "Phủ sóng di động 4G (%)"
    workbook.save(path)
    out = tmp_path / "da_dien.xlsx"
    argv = ["fill-template", str(NINH_BINH), str(path), "--data", str(COVERAGE), "--out", str(out)]
    assert main(argv) == 0
    first = list(rows)[0]
    assert openpyxl.load_workbook(out)["Biểu 01"][f"F{rows[first][0]}"].value is None  # not known: not written
    assert main([*argv, "--map", "Phủ sóng di động 4G (%)=cov_4g_pct"]) == 0
    assert openpyxl.load_workbook(out)["Biểu 01"][f"F{rows[first][0]}"].value == pytest.approx(
        joined.set_index("name").loc[first, "cov_4g_pct"] / 100)


def test_filled_form_reads_back_as_the_same_table(tmp_path, form, joined):
    """Reading the filled form finds the same header and rows as reading the form."""
    path, _ = form
    out = tmp_path / "da_dien.xlsx"
    fill_template(path, joined, out)
    form_table, filled_table = read_table(path), read_table(out)
    assert filled_table.header_rows == form_table.header_rows == [3, 4]
    assert filled_table.columns == form_table.columns
    assert list(filled_table.frame.index) == list(form_table.frame.index)
    assert pd.Series(filled_table.frame["Tổ công nghệ số cộng đồng / Số tổ"]).notna().sum() == 7


def test_file_menu_fills_in_a_report_form(qtbot, tmp_path, monkeypatch, form, joined):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from gismap.core.recipe import JoinStep
    from gismap.ui.main_window import MainWindow
    from ui_helpers import commune_document

    path, rows = form
    out = tmp_path / "da_dien.xlsx"
    document, layer = commune_document("37")
    document.add_step(layer, JoinStep(table=COVERAGE))
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.layer_panel.select_layer(layer)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.fill_template_action in file_menu.actions()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append("warning: " + text))
    window.fill_template_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "7 communes filled in" in shown[0]
    first = list(rows)[0]
    assert openpyxl.load_workbook(out)["Biểu 01"][f"E{rows[first][0]}"].value == joined.set_index("name").loc[
        first, "cdt_members"]
    window.canvas.shutdown()


def test_control_characters_a_workbook_cannot_hold_are_shown_not_fatal(tmp_path):
    """A damaged cell (a bell, a NUL-like byte from a bad file) in a header or a value: the workbook is
    written, each such character shown as U+FFFD, the rest of the text kept."""
    from gismap.core.xlsx import write_tables

    table = pd.DataFrame({"Tên\x07xã": ["Hoa\x1aLư", "Yên Mô"], "dan_so": [1200, 3400]})
    out = tmp_path / "bang.xlsx"
    write_tables(out, [("Xã", table)])
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows == [("Tên\ufffdxã", "dan_so"), ("Hoa\ufffdLư", 1200), ("Yên Mô", 3400)]
