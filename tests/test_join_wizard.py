"""The join wizard, driven as a user would: table, preview, mappings, report, picks, apply."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtWidgets import QWizard

from gismap.core.paths import coverage_dir
from gismap.core.recipe import JoinStep
from gismap.ui.join_wizard import JoinReportPanel, JoinWizard
from ui_helpers import commune_document, wait_page

NOT_A_COMMUNE = "Xa Khong Co"
@pytest.fixture
def table(tmp_path):
    """A report keyed by name, Vietnamese numbers, a title row, a total row, a misspelt and an
    unknown commune, and a column the parser cannot recognise (``Số trạm phát``)."""
    document, layer = commune_document("37")
    names = list(layer.data.frame["name"])
    rows = [["Báo cáo hạ tầng số (dữ liệu mô phỏng)", "", "", ""],
            ["Tên xã", "Dân số", "Tỷ lệ thôn có cáp quang (%)", "Số trạm phát"]]
    rows += [[name, f"{1000 * (i + 1):,}".replace(",", "."), f"{90 + i},5", str(i)] for i, name in enumerate(names[:6])]
    rows += [[names[10] + "x", "7.000", "50", "9"],  # a typo: ambiguous, one close candidate
             [NOT_A_COMMUNE, "8.000", "40", "9"],
             ["Tổng cộng", "29.000", "", ""]]
    path = tmp_path / "report.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return document, layer, path


def test_wizard_joins_with_overrides_and_picks(qtbot, table):
    document, layer, path = table
    frame = layer.data.frame
    code_of = dict(zip(frame["name"], frame["code"]))
    names = list(frame["name"])
    wizard = JoinWizard(document, layer)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_table(path)
    assert wizard.table_page.isComplete()

    wait_page(qtbot, wizard, wizard.preview_page, lambda: wizard.parsed is not None)
    assert wizard.parsed.header_rows == [2]
    assert wizard.preview_page.rows.rowCount() == 8
    assert [item["reason"] for item in wizard.parsed.excluded_rows] == ["total"]

    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.mapping_page.overrides() == {}
    wizard.mapping_page.set_mapping("Số trạm phát", "public_wifi")

    wait_page(qtbot, wizard, wizard.report_page, lambda: wizard.preview is not None)
    report = wizard.preview.reports[-1]
    assert report.by_method["name"] == 6
    assert [item["row"] for item in report.ambiguous] == [9]
    assert [item["row"] for item in report.unmatched_rows] == [10]
    assert "6" in wizard.report_page.report_view.summary.text()
    assert layer.recipe == [] and "population" not in layer.data.frame  # preview leaves the layer alone

    # Pick the candidate for the typo, and search the commune list for the unknown row.
    ambiguous = wizard.report_page.combo_for_row(9)
    assert ambiguous.itemData(1) == code_of[names[10]]
    ambiguous.setCurrentIndex(1)
    unknown = wizard.report_page.combo_for_row(10)
    unknown.setCurrentIndex(unknown.findData(code_of[names[20]]))

    applied = []
    wizard.join_applied.connect(lambda map_layer, report: applied.append((map_layer, report)))
    with qtbot.waitSignal(wizard.join_applied, timeout=20000):
        wizard.accept()
    assert wizard.result() == QWizard.DialogCode.Accepted

    joined = layer.data.frame.set_index("code")
    first = joined.loc[code_of[names[0]]]
    assert (first["population"], first["fiber_hamlet_pct"], first["public_wifi"]) == (1000, 90.5, 0)
    assert joined.loc[code_of[names[5]], "population"] == 6000
    assert joined.loc[code_of[names[10]], "population"] == 7000
    assert joined.loc[code_of[names[20]], "population"] == 8000
    assert joined.loc[code_of[names[20]], "join_method"] == "resolved"
    assert joined["has_data"].sum() == 8
    assert layer.recipe == [JoinStep(
        table=path.resolve(), column_overrides={"Số trạm phát": "public_wifi"},
        resolutions={9: code_of[names[10]], 10: code_of[names[20]]})]
    assert applied[0][0] is layer and applied[0][1].by_method["resolved"] == 2

    panel = JoinReportPanel()
    qtbot.addWidget(panel)
    panel.show_report(applied[0][1], layer)
    assert "communes" in panel.summary.text() and panel.details.toPlainText()


def test_sample_workbook_sheet_joins_by_name(qtbot):
    """The shipped Excel report: pick the Ninh Bình sheet, every commune matches by name."""
    document, layer = commune_document("37")
    wizard = JoinWizard(document, layer)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_table(coverage_dir() / "bao_cao_ha_tang_so_2025.xlsx")
    sheets = wizard.table_page.sheet_combo
    qtbot.waitUntil(lambda: sheets.count() == 4, timeout=10000)
    sheets.setCurrentIndex(sheets.findText("Ninh Bình"))
    wait_page(qtbot, wizard, wizard.preview_page, lambda: wizard.parsed is not None)
    assert wizard.parsed.sheet == "Ninh Bình"
    assert {item["reason"] for item in wizard.parsed.excluded_rows} >= {"column numbers", "total", "note"}
    wizard.next()
    wait_page(qtbot, wizard, wizard.report_page, lambda: wizard.preview is not None)
    assert wizard.preview.reports[-1].by_method["name"] == 129
    assert wizard.report_page.problems.rowCount() == 0
    with qtbot.waitSignal(wizard.join_applied, timeout=20000):
        wizard.accept()
    # Phủ Lý, as in the CSV keyed by code: both sample files describe the same communes.
    phu_ly = layer.data.frame.set_index("code").loc["13285"]
    assert (phu_ly["population"], phu_ly["fiber_hamlet_pct"], phu_ly["bts_4g"]) == (74522, 100.0, 26)
    assert [step.sheet for step in layer.recipe] == ["Ninh Bình"]


def test_finishing_right_after_the_preview_applies_it_without_joining_again(qtbot, monkeypatch):
    import gismap.core.join as join_module

    joins = []
    original = join_module.join_table
    monkeypatch.setattr(join_module, "join_table", lambda *a, **k: joins.append(1) or original(*a, **k))
    document, layer = commune_document("37")
    wizard = JoinWizard(document, layer)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_table(coverage_dir() / "coverage_2025_by_code.csv")
    wait_page(qtbot, wizard, wizard.preview_page, lambda: wizard.parsed is not None)
    wizard.next()
    wait_page(qtbot, wizard, wizard.report_page, lambda: wizard.preview is not None)
    with qtbot.waitSignal(wizard.join_applied, timeout=20000):
        wizard.accept()
    assert len(joins) == 1 and layer.data.frame is wizard.preview.frame


def test_a_second_join_keeps_the_first_ones_columns(qtbot):
    """Two tables joined one after the other: both are in the recipe and their columns stay."""
    document, layer = commune_document("37")
    for table, sheet in ((coverage_dir() / "coverage_2025_by_code.csv", None),
                         (coverage_dir() / "bao_cao_ha_tang_so_2025.xlsx", "Ninh Bình")):
        wizard = JoinWizard(document, layer)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.set_table(table, sheet)
        wait_page(qtbot, wizard, wizard.preview_page, lambda: wizard.parsed is not None)
        wizard.next()
        wait_page(qtbot, wizard, wizard.report_page, lambda: wizard.preview is not None)
        with qtbot.waitSignal(wizard.join_applied, timeout=20000):
            wizard.accept()
    assert [(step.table.name, step.sheet) for step in layer.recipe] == [
        ("coverage_2025_by_code.csv", None), ("bao_cao_ha_tang_so_2025.xlsx", "Ninh Bình")]
    frame = layer.data.frame.set_index("code")
    assert frame.loc["13285", "population"] == 74522 and frame.loc["13285", "population_bao_cao_ha_tang_so_2025_ninh_binh"] == 74522
    assert {"has_data", "has_data_bao_cao_ha_tang_so_2025_ninh_binh", "fiber_hamlet_pct", "fiber_hamlet_pct_bao_cao_ha_tang_so_2025_ninh_binh"} <= set(frame.columns)


def _unheaded_table(path, names, order=("Địa bàn", "Số liệu A", "Ghi số trạm"), name_header="Địa bàn"):
    """A table whose headers GISMap does not know: names under "Địa bàn", population, 4G sites."""
    values = {name_header: list(names), "Số liệu A": [1000 * (i + 1) for i in range(len(names))],
              "Ghi số trạm": [i + 2 for i in range(len(names))]}
    columns = [name_header if c == "Địa bàn" else c for c in order]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(zip(*(values[c] for c in columns)))
    return path


def _to_mapping_page(qtbot, document, layer, path, memory):
    wizard = JoinWizard(document, layer, memory=memory)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_table(path)
    wait_page(qtbot, wizard, wizard.preview_page, lambda: wizard.parsed is not None)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    return wizard


def test_wizard_remembers_the_mapping_of_the_same_headers_and_says_which_key(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from gismap.ui.join_wizard import MappingMemory

    memory = MappingMemory(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    document, layer = commune_document("37")
    names = list(layer.data.frame["name"])
    code_of = dict(zip(layer.data.frame["name"], layer.data.frame["code"]))

    first = _to_mapping_page(qtbot, document, layer, _unheaded_table(tmp_path / "2024.csv", names[:6]), memory)
    assert first.mapping_page.memory_note.isHidden()
    assert "No column is marked as the commune code or name" in first.mapping_page.key_note.text()
    first.mapping_page.set_mapping("Số liệu A", "population")
    first.mapping_page.set_mapping("Ghi số trạm", "bts_4g")
    wait_page(qtbot, first, first.report_page, lambda: first.preview is not None)
    summary = first.report_page.report_view.summary.text()
    assert "Rows matched by the column 'Địa bàn' (commune name), chosen by its values" in summary
    with qtbot.waitSignal(first.join_applied, timeout=20000):
        first.accept()

    # Next year's table: the same headers in another order, other communes. The mapping comes back.
    second = _to_mapping_page(qtbot, document, layer, _unheaded_table(
        tmp_path / "2025.csv", names[6:12], order=("Ghi số trạm", "Địa bàn", "Số liệu A")), memory)
    assert not second.mapping_page.memory_note.isHidden()
    assert second.mapping_page.overrides() == {"Số liệu A": "population", "Ghi số trạm": "bts_4g"}
    second.mapping_page.set_mapping("Địa bàn", "name")
    assert second.mapping_page.key_note.text() == "Key column: 'Địa bàn' (commune name), as you chose."
    wait_page(qtbot, second, second.report_page, lambda: second.preview is not None)
    assert "(commune name), as you chose." in second.report_page.report_view.summary.text()
    with qtbot.waitSignal(second.join_applied, timeout=20000):
        second.accept()
    joined = layer.data.frame.set_index("code")
    assert joined.loc[code_of[names[6]], "population_2025"] == 1000 and joined.loc[code_of[names[11]], "bts_4g_2025"] == 7

    # A table with other headers starts from what is detected; the key by header is said so.
    third = _to_mapping_page(qtbot, document, layer, _unheaded_table(
        tmp_path / "other.csv", names[:3], name_header="Tên xã"), memory)
    assert third.mapping_page.memory_note.isHidden() and third.mapping_page.overrides() == {}
    assert third.mapping_page.key_note.text() == "Key column: 'Tên xã' (commune name), recognised by its header."
    # The second table's mapping (the key marked by hand too) is what its headers recall now.
    assert memory.recall(["Địa bàn", "Số liệu A", "Ghi số trạm"]) == {
        "key": "auto", "overrides": {"Địa bàn": "name", "Số liệu A": "population", "Ghi số trạm": "bts_4g"}}


def test_a_table_of_the_63_provinces_joins_to_the_province_layer_in_the_wizard(qtbot, tmp_path):
    """The key note and the summary speak of provinces; each 2025 province gets its parents' sum."""
    import pandas as pd
    from PySide6.QtCore import QSettings

    from gismap.core.crosswalk import load_crosswalk
    from gismap.core.document import MapDocument, MapLayer
    from gismap.core.paths import shapefiles_dir
    from gismap.ui.join_wizard import MappingMemory

    crosswalk = load_crosswalk()
    legacy = crosswalk.provinces[crosswalk.provinces["level"] == "legacy"]
    path = tmp_path / "63_tinh.csv"
    pd.DataFrame({"Tỉnh, thành phố": legacy["full_name"],
                  "Tổng số thôn, tổ dân phố": range(100, 100 + len(legacy))}).to_csv(path, index=False)
    document = MapDocument()
    layer = document.add_layer(MapLayer("Tỉnh", shapefiles_dir() / "provinces_vn_2025_overview.shp"))
    document.load_all()
    memory = MappingMemory(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    wizard = _to_mapping_page(qtbot, document, layer, path, memory)
    assert wizard.mapping_page.key_note.text() == ("Key column: 'Tỉnh, thành phố' (province name), "
                                                   "recognised by its header.")
    wait_page(qtbot, wizard, wizard.report_page, lambda: wizard.preview is not None)
    summary = wizard.report_page.report_view.summary.text()
    assert "34 provinces have data" in summary and "63 provinces before 2025" in summary
    with qtbot.waitSignal(wizard.join_applied, timeout=20000):
        wizard.accept()
    hamlets = dict(zip(legacy["code"], range(100, 100 + len(legacy))))
    joined = layer.data.frame.set_index("code")["hamlets_total"]
    for new_code, parents in crosswalk.province_parents.items():
        assert joined[new_code] == sum(hamlets[p] for p in parents)


def test_a_table_chosen_while_another_is_read_wins_and_the_first_read_stops(qtbot, table, monkeypatch, tmp_path):
    import threading

    import gismap.ui.join_wizard as join_wizard

    document, layer, path = table
    slow = tmp_path / "bao_cao_lon.csv"
    slow.write_bytes(path.read_bytes())
    stopped = threading.Event()
    real_read = join_wizard.read_table

    def read_table(source, sheet=None, feedback=None):
        if source == slow:  # a huge table: read until the user moves on (or 10 s, should that never come)
            for _ in range(1000):
                if feedback.is_canceled():
                    break
                threading.Event().wait(0.01)
            stopped.set()
            feedback.check()
        return real_read(source, sheet=sheet, feedback=feedback)

    monkeypatch.setattr(join_wizard, "read_table", read_table)
    wizard = JoinWizard(document, layer)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_table(slow)
    wizard.next()  # the preview page starts reading the slow table
    assert wizard.currentPage() is wizard.preview_page and wizard.parsed is None
    wizard.back()
    wizard.set_table(path)
    wait_page(qtbot, wizard, wizard.preview_page, lambda: wizard.parsed is not None)
    qtbot.waitUntil(stopped.is_set, timeout=5000)
    qtbot.wait(100)  # the cancelled read's end has reached the GUI thread
    assert wizard.parsed.source == path.name
    assert "cancel" not in wizard.preview_page.info.text().lower()
