"""The join engine: matching, duplicates, ambiguity, legacy conversion, report and output."""

import json
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from gismap.cli import main
from gismap.core.crosswalk import load_crosswalk
from gismap.core.errors import GismapError, TableError
from gismap.core.indicators import INDICATORS, composite_index
from gismap.core.join import join_table
from gismap.core.layers import read_layer
from gismap.core.paths import coverage_dir, shapefiles_dir

NINH_BINH = shapefiles_dir() / "communes_37.parquet"


@pytest.fixture(scope="module")
def ninh_binh():
    return read_layer(NINH_BINH).frame


@pytest.fixture(scope="module")
def national():
    return read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame


def row_of(result, code):
    return result.frame.set_index("code").loc[code]


def test_join_by_code_keeps_every_commune_and_adds_canonical_and_derived_columns(ninh_binh):
    table = pd.DataFrame({
        "Mã xã": [13285, 13291],  # stored as numbers: zeros are not needed here, but the type is
        "Dân số": ["10.000", "2.000"],
        "Tổng số thôn, tổ dân phố": [10, 4], "Số thôn có cáp quang": [9, 4],
        "Số thành viên Tổ CNSCĐ": [50, 10], "Số trạm BTS 4G": [6, 1], "Nhận xét": ["tốt", "khá"],
    })
    result = join_table(ninh_binh, table)
    frame = result.frame
    assert len(frame) == len(ninh_binh) and list(frame.columns[:8]) == list(ninh_binh.columns)
    phu_ly = row_of(result, "13285")
    assert (phu_ly["population"], phu_ly["hamlets_fiber"], phu_ly["nhan_xet"]) == (10000, 9, "tốt")
    assert phu_ly["fiber_hamlet_pct"] == 90.0 and phu_ly["fiber_gap"] == 1 and phu_ly["cdt_members_per_1000"] == 5.0
    assert phu_ly["has_data"] and phu_ly["join_method"] == "code"
    assert not row_of(result, "13366")["has_data"] and pd.isna(row_of(result, "13366")["population"])
    report = result.report.to_dict()
    assert report["matched"] == 2 and report["by_method"] == {"code": 2, "name": 0, "crosswalk": 0, "resolved": 0}
    assert report["legacy"] is False and len(report["unmatched_boundaries"]) == 127
    assert "13366" in report["unmatched_boundaries"] and "13285" not in report["unmatched_boundaries"]
    assert report["columns"]["Nhận xét"] is None and report["columns"]["Mã xã"] == "code"


def test_densities_use_an_equal_area_projection_not_degrees(ninh_binh):
    result = join_table(ninh_binh, pd.DataFrame({"Mã xã": ["13285"], "Số trạm BTS 4G": [10]}))
    area_km2 = ninh_binh[ninh_binh["code"] == "13285"].to_crs("EPSG:6933").area.item() / 1e6
    assert row_of(result, "13285")["bts_4g_per_100km2"] == pytest.approx(1000 / area_km2, rel=0.01)


def test_leading_zeros_are_restored_for_codes_stored_as_numbers(national):
    result = join_table(national, pd.DataFrame({"Mã xã": [4.0, 8], "Số trạm BTS 4G": [3, 4]}))
    assert row_of(result, "00004")["bts_4g"] == 3 and row_of(result, "00008")["bts_4g"] == 4
    # Communes without data are listed for the provinces the table covers (Hà Nội), not the country.
    ha_noi = set(national.loc[national["prov_code"] == "01", "code"])
    assert set(result.report.unmatched_boundaries) == ha_noi - {"00004", "00008"}


def test_names_match_across_unicode_forms_tones_and_prefixes(ninh_binh):
    names = {"13285": unicodedata.normalize("NFD", "P. Phủ Lý"), "13291": "phuong phu van",
             "13366": "Phường Hà Nam"}
    result = join_table(ninh_binh, pd.DataFrame({"Tên xã": list(names.values()), "Dân số": [1, 2, 3]}), province="37")
    assert result.report.by_method["name"] == 3
    assert [row_of(result, c)["population"] for c in names] == [1, 2, 3]


def test_the_same_name_in_several_provinces_is_ambiguous_not_applied(national):
    table = pd.DataFrame({"Tên xã": ["Xã Tân Thành", "Phường Ba Đình"], "Dân số": [5, 6]})
    result = join_table(national, table)
    ambiguous = result.report.ambiguous
    assert [a["row"] for a in ambiguous] == [2] and len(ambiguous[0]["candidates"]) >= 5
    assert all(set(c) == {"code", "name", "province", "score"} for c in ambiguous[0]["candidates"])
    assert result.report.by_method["name"] == 1 and result.frame["population"].notna().sum() == 1
    pick = ambiguous[0]["candidates"][0]["code"]
    resolved = join_table(national, table, resolutions={2: pick})
    assert row_of(resolved, pick)["population"] == 5 and row_of(resolved, pick)["join_method"] == "resolved"
    assert resolved.report.ambiguous == [] and resolved.report.by_method["resolved"] == 1


def test_a_province_column_scopes_each_row(national):
    table = pd.DataFrame({"Tỉnh": ["Hải Phòng", "Thanh Hóa"], "Tên xã": ["Xã Cẩm Giàng", "Xã Hoằng Hóa"], "Dân số": [1, 2]})
    result = join_table(national, table)
    assert result.report.by_method["name"] == 2 and result.report.ambiguous == []
    assert row_of(result, "10903")["population"] == 1


def test_names_that_differ_only_by_diacritics_stay_ambiguous_when_typed_without(national):
    result = join_table(national, pd.DataFrame({"Tên xã": ["Cam Giang"], "Dân số": [1]}), province="31")
    assert sorted(c["code"] for c in result.report.ambiguous[0]["candidates"]) == ["10888", "10903"]
    assert result.report.matched == 0


def test_duplicates_are_reported_and_never_summed(ninh_binh):
    table = pd.DataFrame({"Mã xã": ["13285", "13285", "13291"], "Dân số": [10, 20, 30]})
    result = join_table(ninh_binh, table)
    assert result.report.duplicates == ["13285"] and result.report.duplicate_rows == {"13285": [2, 3]}
    assert pd.isna(row_of(result, "13285")["population"]) and row_of(result, "13291")["population"] == 30


def test_a_commune_given_thousands_of_times_makes_one_short_line(ninh_binh):
    table = pd.DataFrame({"Mã xã": ["13285"] * 5_000 + ["13291", "13291"], "Dân số": 1})
    report = join_table(ninh_binh, table).report
    assert len(report.duplicate_rows["13285"]) == 5_000  # the JSON report names every row
    lines = [str(line) for line in report.row_lines()]  # English: a Message is its English text
    assert "commune 13285 appears on 5000 rows (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …): not applied, keep one row" in lines
    assert "commune 13291 appears on rows 5002, 5003: not applied, keep one row" in lines
    assert max(map(len, lines)) < 200


def test_a_table_of_some_provinces_counts_the_others_apart(national, ninh_binh):
    # The summary once said "140 communes have data, 2393 have none" of a 3,321-commune layer.
    codes = ninh_binh["code"].tolist()[:100]
    report = join_table(national, pd.DataFrame({"Mã xã": codes, "Dân số": 1})).report
    in_province = int((national["prov_code"] == "37").sum())
    assert report.communes_with_data == 100 and len(report.unmatched_boundaries) == in_province - 100
    assert report.outside_table_provinces == len(national) - in_province
    assert (report.communes_with_data + len(report.unmatched_boundaries) + report.outside_table_provinces
            == len(national))
    summary = str(report.lines()[0])
    assert f"100 communes have data, {in_province - 100} have none in the provinces the table covers" in summary
    assert f"({len(national) - in_province} communes of other provinces are not counted)" in summary
    whole = join_table(ninh_binh, pd.DataFrame({"Mã xã": codes, "Dân số": 1})).report
    assert whole.outside_table_provinces == 0 and "not counted" not in str(whole.lines()[0])


def test_unmatched_rows_keep_their_values_and_out_of_range_values_are_reported(national):
    table = pd.DataFrame({"Mã xã": ["13285", "99999", "00004"], "Tỷ lệ phủ sóng 4G (%)": ["120", "50", "60"],
                          "Tổng số thôn": [3, 1, 1], "Số thôn có cáp quang": [5, 1, 1]})
    result = join_table(national, table, province="37")
    unmatched = {u["row"]: u for u in result.report.unmatched_rows}
    assert unmatched[3]["values"]["Mã xã"] == "99999" and "not in the boundary layer" in unmatched[3]["reason"]
    assert "outside province 37" in unmatched[4]["reason"]
    problems = {(o["row"], o["column"], o["value"]) for o in result.report.out_of_range}
    assert problems == {(2, "cov_4g_pct", 120.0), (2, "hamlets_fiber", 5.0)}
    assert row_of(result, "13285")["cov_4g_pct"] == 120  # reported, not clipped


def test_column_overrides_and_key_choice(ninh_binh):
    table = pd.DataFrame({"ID": ["13285"], "Khu vực": ["Phủ Lý"], "Trạm": [4]})
    with pytest.raises(TableError, match="holds commune codes or names"):
        join_table(ninh_binh, table)
    result = join_table(ninh_binh, table, column_overrides={"ID": "code", "Trạm": "bts_4g"})
    assert result.report.key == "code" and row_of(result, "13285")["bts_4g"] == 4
    by_name = join_table(ninh_binh, table, key="name", column_overrides={"ID": "code", "Khu vực": "name"})
    assert by_name.report.by_method == {"code": 0, "name": 1, "crosswalk": 0, "resolved": 0}
    with pytest.raises(GismapError, match="province '99' is not in the boundary layer"):
        join_table(ninh_binh, table, province="99", column_overrides={"ID": "code"})


def test_a_2025_table_is_not_taken_for_legacy_although_its_codes_are_legacy_codes_too(ninh_binh):
    crosswalk = load_crosswalk()
    codes = ninh_binh["code"].tolist()
    assert sum(c in set(crosswalk.legacy["code"]) for c in codes) == len(codes)  # every one is also a legacy code
    result = join_table(ninh_binh, pd.DataFrame({"Mã xã": codes, "Dân số": range(len(codes))}))
    assert not result.report.legacy and result.report.by_method["code"] == 129


def _ha_nam_legacy_table():
    legacy = load_crosswalk().legacy
    ha_nam = legacy[legacy["prov_code"] == "35"].reset_index(drop=True)
    n = len(ha_nam)
    return ha_nam, pd.DataFrame({
        "Mã xã": ha_nam["code"], "Tên xã": ha_nam["full_name"], "Huyện": ha_nam["district"],
        "Dân số": [1000 + 7 * i for i in range(n)], "Số hộ gia đình": [300 + i for i in range(n)],
        "Tổng số thôn": [5 + i % 7 for i in range(n)], "Số thôn có cáp quang": [5 + i % 7 - i % 2 for i in range(n)],
        "Số thành viên Tổ CNSCĐ": [81 + i % 3 for i in range(n)],
        "Tỷ lệ thôn có cáp quang (%)": [50.0] * n, "Tỷ lệ phủ sóng 4G (%)": [90.0 + i % 10 for i in range(n)],
    })


def test_a_legacy_table_is_converted_with_totals_preserved_exactly(ninh_binh):
    ha_nam, table = _ha_nam_legacy_table()
    result = join_table(ninh_binh, table.assign(**{"Số máy tính": 2}))
    report = result.report
    assert report.legacy and report.legacy_detection["only_legacy"] > report.legacy_detection["only_2025"]
    assert report.by_method == {"code": 0, "name": 0, "crosswalk": 98, "resolved": 0}
    frame = result.frame
    for canonical, header in (("population", "Dân số"), ("households", "Số hộ gia đình"),
                              ("hamlets_total", "Tổng số thôn"), ("cdt_members", "Số thành viên Tổ CNSCĐ")):
        assert frame[canonical].sum() == table[header].sum()
        assert (frame[canonical].dropna() % 1 == 0).all()  # apportioned counts stay whole
    # Shares are recomputed from their numerator and denominator, not averaged.
    with_data = frame[frame["has_data"]]
    assert (with_data["fiber_hamlet_pct"] == (100 * with_data["hamlets_fiber"] / with_data["hamlets_total"]).round(2)).all()
    assert report.legacy_conversion["weighted_columns"] == {"cov_4g_pct": "mean weighted by population"}
    assert report.legacy_conversion["summed_unrecognised_columns"] == ["so_may_tinh"]
    assert frame["so_may_tinh"].sum() == 2 * len(table)


def test_a_divided_legacy_commune_is_apportioned_and_flagged(ninh_binh):
    # Former Phường Quang Trung (13285) was divided between Phủ Lý (13285) and Hà Nam (13366).
    table = pd.DataFrame({"Mã xã": ["13285", "13294", "13309", "13315", "13288"], "Dân số": [1001, 0, 0, 0, 0]})
    result = join_table(ninh_binh, table)
    assert result.report.legacy
    split = [s for s in result.report.legacy_conversion["split_rows"] if s["legacy_code"] == "13285"]
    assert split[0]["row"] == 2 and {t["code"] for t in split[0]["to"]} == {"13285", "13366"}
    phu_ly, ha_nam = row_of(result, "13285"), row_of(result, "13366")
    share = 11.84 / (11.84 + 29.98)
    assert phu_ly["population"] == round(1001 * share) and phu_ly["population"] + ha_nam["population"] == 1001
    assert phu_ly["apportioned"] and ha_nam["apportioned"] and ha_nam["legacy_partial"]
    assert "13366" in result.report.legacy_conversion["partial_communes"]


def test_a_legacy_table_keyed_by_name_uses_the_district_to_tell_communes_apart(ninh_binh):
    ha_nam, table = _ha_nam_legacy_table()
    by_name = table.drop(columns="Mã xã")
    result = join_table(ninh_binh, by_name, province="37")
    assert result.report.legacy and result.report.key == "name"
    assert result.report.by_method["crosswalk"] == 98 and result.report.ambiguous == []
    assert result.frame["population"].sum() == table["Dân số"].sum()


def test_wards_numbered_in_roman_match_their_arabic_spelling(national):
    legacy = load_crosswalk().legacy
    vi_thanh = legacy[(legacy["prov_code"] == "93") & (legacy["district"].str.contains("Vị Thanh"))]
    assert vi_thanh["full_name"].str.contains(r"Phường [IVX]+$").sum() == 5  # "Phường I", "Phường IV", ...
    arabic = vi_thanh["full_name"].replace({"Phường I": "Phường 1", "Phường III": "Phường 3", "Phường IV": "P. 4",
                                            "Phường V": "phuong 5", "Phường VII": "Phường 07"})
    table = pd.DataFrame({"Tỉnh": "Hậu Giang", "Huyện": vi_thanh["district"], "Tên xã": arabic,
                          "Dân số": range(1000, 1000 + len(arabic))})
    result = join_table(national, table)
    assert result.report.legacy and result.report.unmatched_rows == [] and result.report.ambiguous == []
    assert result.report.by_method["crosswalk"] == len(table)


def test_legacy_duplicates_are_not_applied(ninh_binh):
    ha_nam, table = _ha_nam_legacy_table()
    table = pd.concat([table, table.iloc[[0]]], ignore_index=True)
    result = join_table(ninh_binh, table)
    assert result.report.duplicates == [ha_nam["code"][0]]
    assert result.frame["population"].sum() == table["Dân số"].iloc[1:-1].sum()


def test_composite_index_is_documented_and_adjustable():
    frame = pd.DataFrame({"fiber_hamlet_pct": [100.0, 50.0], "cov_4g_pct": [100.0, None]})
    assert composite_index(frame, {"fiber_hamlet_pct": 1, "cov_4g_pct": 1}).tolist() == [100.0, 50.0]
    assert composite_index(frame, {"fiber_hamlet_pct": 1, "cov_4g_pct": 3}).isna().tolist() == [False, True]
    assert INDICATORS["dii"].derived and INDICATORS["cov_4g_pct"].is_pct and INDICATORS["cov_4g_pct"].label_vi
    with pytest.raises(ValueError):
        composite_index(frame, {"nope": 1})


def test_cli_join_writes_the_layer_and_the_report(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text("Mã xã,Tên xã,Số trạm 5G\n13285,Phủ Lý,2\n99999,Ảo,1\n13285,Phủ Lý,3\n13291,Phù Vân,1\n", encoding="utf-8")
    out, report_path = tmp_path / "out.gpkg", tmp_path / "report.json"
    assert main(["join", str(NINH_BINH), str(table), "--out", str(out), "--report", str(report_path),
                 "--province", "37", "--map", "Tên xã=name"]) == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert {"matched", "by_method", "unmatched_rows", "unmatched_boundaries", "duplicates", "ambiguous",
            "excluded_rows", "legacy", "columns"} <= set(report)
    assert report["matched"] == 1 and report["duplicates"] == ["13285"]
    assert report["unmatched_rows"][0]["row"] == 3 and report["unmatched_rows"][0]["values"]["Tên xã"] == "Ảo"
    written = read_layer(out).frame.set_index("code")
    assert len(written) == 129 and written.loc["13291", "bts_5g"] == 1 and written.loc["13291", "has_5g"] == 1
    assert "13285" in capsys.readouterr().out


def test_cli_join_fails_on_one_line_with_a_reason(tmp_path, capsys):
    bad = tmp_path / "t.csv"
    bad.write_text("a,b\n1,2\n")
    assert main(["join", str(NINH_BINH), str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    first, *rest = err.splitlines()
    assert first.startswith("gismap join: t.csv: no column among") and len(rest) <= 1
    assert main(["join", str(NINH_BINH), str(bad), "--resolve", "x=1"]) == 2


NATIONAL = Path(__file__).resolve().parents[2] / "shared/data/boundaries/communes_vn_2025.gpkg"


@pytest.mark.slow
@pytest.mark.skipif(not NATIONAL.exists(), reason="the national layer of ../shared is not on this machine")
def test_cli_join_of_the_legacy_sample_to_the_full_national_layer(tmp_path):
    out, report_path = tmp_path / "out.gpkg", tmp_path / "report.json"
    assert main(["join", str(NATIONAL), str(coverage_dir() / "ha_nam_2024_legacy.csv"),
                 "--out", str(out), "--report", str(report_path)]) == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["legacy"] and report["by_method"]["crosswalk"] == 98
    written = read_layer(out).frame
    assert len(written) == 3321 and written["cdt_members"].sum() == 7900


def test_a_table_of_another_province_matches_nothing_and_says_so():
    """The Ninh Bình sheet joined to Thanh Hóa: every commune is reported without data."""
    from gismap.core.layers import read_layer
    from gismap.core.paths import coverage_dir, shapefiles_dir

    boundaries = read_layer(shapefiles_dir() / "communes_38.parquet").frame
    result = join_table(boundaries, coverage_dir() / "bao_cao_ha_tang_so_2025.xlsx", sheet="Ninh Bình")
    report = result.report.to_dict()
    assert report["matched"] == 0 and report["communes_with_data"] == 0
    assert report["unmatched_boundaries"] == sorted(boundaries["code"])
    assert "no row matched a commune of the boundary layer" in result.report.to_text()


def _official_workbook(path: Path, names: list[str]) -> None:
    """A report as a provincial office writes it: title rows, a merged two-row header, a total row."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"])
    sheet.append(["BÁO CÁO TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG NĂM 2025"])
    sheet.append(["STT", "Tên đơn vị hành chính", "Tổ công nghệ số cộng đồng", None])
    sheet.append([None, None, "Số tổ", "Số thành viên"])
    sheet.merge_cells("C3:D3")
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    for number, name in enumerate(names, start=1):
        sheet.append([number, name, number, 10 * number])
    sheet.append(["Tổng cộng", None, sum(range(1, len(names) + 1)), None])
    book.save(path)


def test_the_official_headers_of_gso_and_ministry_reports_are_recognised(ninh_binh, tmp_path):
    names = ["Phường Phủ Lý", "Xã Đồng Thái", "Phường Duy Tiên"]
    _official_workbook(tmp_path / "bao_cao.xlsx", names)
    result = join_table(ninh_binh, tmp_path / "bao_cao.xlsx")
    assert result.report.columns["Tên đơn vị hành chính"] == "name"
    joined = result.frame.set_index("code")
    codes = [ninh_binh.set_index("full_name").loc[name, "code"] for name in names]
    assert joined.loc[codes, "cdt_teams"].tolist() == [1, 2, 3]
    assert joined.loc[codes, "cdt_members"].tolist() == [10, 20, 30]
    assert result.report.communes_with_data == 3


def test_a_key_column_is_found_by_its_values_whatever_its_header(ninh_binh, tmp_path):
    sample = ninh_binh.head(20)
    pd.DataFrame({"Ghi chú": ["x"] * 20, "Cột B": sample["name"].tolist(), "Dân số": range(100, 120)}).to_csv(
        tmp_path / "khong_ten.csv", index=False)
    result = join_table(ninh_binh, tmp_path / "khong_ten.csv")
    assert result.report.key == "name" and result.report.columns["Cột B"] == "name"
    assert any("Cột B" in str(note) and "100%" in str(note) for note in result.report.warnings)
    joined = result.frame.set_index("code")
    assert joined.loc[sample["code"], "population"].tolist() == list(range(100, 120))
    codes = pd.DataFrame({"Cột X": sample["code"].tolist(), "Số hộ": range(20)})
    assert join_table(ninh_binh, codes).report.key == "code"


def test_no_key_by_header_or_values_is_a_message_without_command_line_syntax(ninh_binh, tmp_path, capsys):
    pd.DataFrame({"A": ["?"] * 5, "B": range(5)}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(TableError) as caught:
        join_table(ninh_binh, tmp_path / "t.csv")
    assert "--map" not in str(caught.value) and "Say which column" in str(caught.value)
    assert main(["join", str(NINH_BINH), str(tmp_path / "t.csv")]) == 2
    assert "--map 'HEADER=code'" in capsys.readouterr().err  # the command line says how


def test_gso_conversion_headers_and_a_national_table_on_one_province(ninh_binh, national, tmp_path):
    from gismap.core.indicators import recognise_header

    assert (recognise_header("Mã Xã mới"), recognise_header("Tên Xã mới")) == ("code", "name")
    # A national list under a header nobody knows: it names every commune of the province layer.
    rows = pd.DataFrame({"Cột 1": national["name"].tolist(), "Dân số": range(len(national))})
    result = join_table(ninh_binh, rows, province="37")
    assert result.report.key == "name" and result.report.columns["Cột 1"] == "name"
    # Names that other provinces' rows share are duplicates for this layer: reported, not placed.
    assert result.report.communes_with_data > 0.5 * len(ninh_binh) and result.report.duplicates
    # Without the province, names shared with other provinces are reported, not placed.
    unscoped = join_table(ninh_binh, rows).report
    assert unscoped.key == "name" and unscoped.communes_with_data < len(ninh_binh) and unscoped.ambiguous
