"""Tables as others write them: legacy names scoped by province and district, province-level tables
(63 legacy provinces and the 34 of 2025), through GSO's official crosswalk."""

from pathlib import Path

import pandas as pd
import pytest

from gismap.cli import main
from gismap.core.crosswalk import load_crosswalk
from gismap.core.errors import GismapError
from gismap.core.join import join_table
from gismap.core.layers import read_layer
from gismap.core.paths import shapefiles_dir

PROVINCES = shapefiles_dir() / "provinces_vn_2025_overview.shp"


@pytest.fixture(scope="module")
def can_tho():
    return read_layer(shapefiles_dir() / "communes_92.parquet").frame


@pytest.fixture(scope="module")
def provinces():
    return read_layer(PROVINCES).frame


@pytest.fixture(scope="module")
def crosswalk():
    return load_crosswalk()


def _successor(crosswalk, legacy_code):
    links = crosswalk.links[crosswalk.links["legacy_code"] == legacy_code]
    assert len(links) == 1 and links["share"].iloc[0] == 1.0
    return links["new_code"].iloc[0]


def test_the_table_s_legacy_province_tells_same_named_communes_of_merged_provinces_apart(can_tho, crosswalk):
    # Xã Thuận Hưng of Hậu Giang and Xã Thuận Hưng of Sóc Trăng are both in today's Cần Thơ.
    legacy = crosswalk.legacy[crosswalk.legacy["full_name"] == "Xã Thuận Hưng"]
    hau_giang = legacy.loc[legacy["prov_name"] == "Hậu Giang", "code"].item()
    soc_trang = legacy.loc[legacy["prov_name"] == "Sóc Trăng", "code"].item()
    table = pd.DataFrame({"Tỉnh": ["Tỉnh Hậu Giang", "Soc Trang"], "Xã": ["Thuận Hưng", "Xa Thuan Hung"],
                          "Số Tổ CNSCĐ": [3, 5]})
    # The other legacy communes of Cần Thơ make the table a legacy one.
    others = crosswalk.legacy[crosswalk.legacy["prov_name"] == "Hậu Giang"].head(10)
    table = pd.concat([table, pd.DataFrame({"Tỉnh": "Hậu Giang", "Xã": others["full_name"], "Số Tổ CNSCĐ": 1})],
                      ignore_index=True)
    result = join_table(can_tho, table)
    assert result.report.legacy and not result.report.ambiguous
    frame = result.frame.set_index("code")
    assert frame.at[_successor(crosswalk, soc_trang), "cdt_teams"] == 5
    hau_giang_target = _successor(crosswalk, hau_giang)
    assert frame.at[hau_giang_target, "cdt_teams"] >= 3  # with the other Hậu Giang communes merged into it

    unscoped = join_table(can_tho, table.drop(columns="Tỉnh"))
    assert {item["row"] for item in unscoped.report.ambiguous} >= {2, 3}  # said, never placed


@pytest.mark.parametrize("district", ["Huyện Long Mỹ", "H. Long Mỹ", "Long Mỹ (Huyện)", "huyen long my", "Long Mỹ"])
def test_a_district_in_any_form_scopes_legacy_names_and_its_type_tells_it_from_the_town(can_tho, crosswalk, district):
    legacy = crosswalk.legacy
    huyen = legacy[legacy["district_full"] == "Huyện Long Mỹ"]
    table = pd.DataFrame({"Huyện": district, "Tên xã": huyen["full_name"], "Dân số": range(1000, 1000 + len(huyen))})
    result = join_table(can_tho, table)
    assert result.report.legacy and result.report.ambiguous == [] and result.report.unmatched_rows == []
    assert result.report.by_method["crosswalk"] == len(huyen)
    assert result.frame["population"].sum() == table["Dân số"].sum()


def test_a_commune_of_the_district_is_not_found_in_the_same_named_town(can_tho, crosswalk):
    legacy = crosswalk.legacy
    huyen = legacy[legacy["district_full"] == "Huyện Long Mỹ"]
    town = set(legacy.loc[legacy["district_full"] == "Thị xã Long Mỹ", "name"])
    assert not town & set(huyen["name"])
    table = pd.DataFrame({"Huyện": "TX. Long Mỹ", "Tên xã": huyen["full_name"], "Dân số": 1})
    result = join_table(can_tho, table)
    # The table says the town; the town has no such communes: every row is reported, none placed.
    assert result.report.legacy and result.report.matched == 0 and not result.frame["has_data"].any()
    assert len(result.report.unmatched_rows) + len(result.report.ambiguous) == len(huyen)


def _legacy_province_table(crosswalk) -> pd.DataFrame:
    legacy = crosswalk.provinces[crosswalk.provinces["level"] == "legacy"].reset_index(drop=True)
    forms = [lambda n, f: f, lambda n, f: n.upper(), lambda n, f: f"{n} province",
             lambda n, f: "Hanoi" if n == "Hà Nội" else n]
    table = pd.DataFrame({
        "STT": range(1, len(legacy) + 1),
        "Tỉnh, thành phố": [forms[i % len(forms)](n, f) for i, (n, f) in enumerate(zip(legacy["name"], legacy["full_name"]))],
        "Tổng số thôn, tổ dân phố": [100 + 7 * i for i in range(len(legacy))],
        "Số thôn có cáp quang": [90 + 5 * i for i in range(len(legacy))],
        "Tỷ lệ phủ sóng 5G (%)": [10.0 + i for i in range(len(legacy))],
        "Dân số": [1000 * (i + 1) for i in range(len(legacy))],
    })
    total = {"STT": None, "Tỉnh, thành phố": "Cả nước", **{c: table[c].sum() for c in table.columns[2:]}}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True), legacy


def test_a_table_of_the_63_legacy_provinces_is_converted_to_the_34(provinces, crosswalk):
    table, legacy = _legacy_province_table(crosswalk)
    result = join_table(provinces, table)
    report = result.report
    assert report.level == "province" and report.legacy and report.matched == 63
    assert [row["reason"] for row in report.excluded_rows] == ["total"]
    frame = result.frame.set_index("code")
    for new_code, parents in crosswalk.province_parents.items():
        rows = table[table.index.isin(legacy.index[legacy["code"].isin(parents)])]
        assert frame.at[new_code, "hamlets_total"] == rows["Tổng số thôn, tổ dân phố"].sum()
        # A share is recomputed from its numerator and denominator, never taken from one parent.
        expected = 100 * rows["Số thôn có cáp quang"].sum() / rows["Tổng số thôn, tổ dân phố"].sum()
        assert frame.at[new_code, "fiber_hamlet_pct"] == pytest.approx(expected, abs=0.01)
        # Coverage is weighted by population (the catalogue's rule), and flagged.
        weighted = (rows["Tỷ lệ phủ sóng 5G (%)"] * rows["Dân số"]).sum() / rows["Dân số"].sum()
        assert frame.at[new_code, "cov_5g_pct"] == pytest.approx(weighted, abs=0.01)
    assert "cov_5g_pct" in report.legacy_conversion["weighted_columns"]
    # Tuyên Quang of 2025 = Hà Giang + Tuyên Quang: never the old Tuyên Quang's own figure.
    old_tuyen_quang = table.loc[legacy.index[legacy["code"] == "08"], "Tổng số thôn, tổ dân phố"].item()
    assert frame.at["08", "hamlets_total"] != old_tuyen_quang


def test_a_legacy_province_table_missing_a_parent_flags_its_successor(provinces, crosswalk):
    table, legacy = _legacy_province_table(crosswalk)
    ha_giang = legacy.index[legacy["code"] == "02"].item()
    result = join_table(provinces, table.drop(index=ha_giang))
    frame = result.frame.set_index("code")
    assert frame.at["08", "legacy_partial"] and not frame.at["01", "legacy_partial"]
    assert result.report.legacy_conversion["partial_communes"] == ["08"]
    assert "1 provinces only partly covered by the table (flagged): Tuyên Quang (08)" in result.report.to_text()


def test_a_province_given_twice_is_reported_as_a_province(provinces, crosswalk):
    table, legacy = _legacy_province_table(crosswalk)
    hcm = legacy.index[legacy["code"] == "79"].item()
    table = pd.concat([table, table.loc[[hcm]].assign(**{"Tỉnh, thành phố": "TP. HCM"})], ignore_index=True)
    result = join_table(provinces, table)
    assert result.report.duplicate_rows == {"79": [hcm + 2, len(table) + 1]}
    assert f"province 79 appears on rows {hcm + 2}, {len(table) + 1}: not applied" in result.report.to_text()


def test_a_table_of_the_34_provinces_by_code_and_name_in_any_form(provinces, crosswalk):
    current = crosswalk.provinces[crosswalk.provinces["level"] == "2025"].reset_index(drop=True)
    names = ["TP. Hồ Chí Minh" if n == "Hồ Chí Minh" else "Ha Noi" if n == "Hà Nội" else f"Tỉnh {n}" if i % 2 else n
             for i, n in enumerate(current["name"])]
    table = pd.DataFrame({"Tên đơn vị hành chính": names, "Số trạm 5G": range(1, 35)})
    result = join_table(provinces, table)
    assert not result.report.legacy and result.report.matched == 34 and not result.report.unmatched_rows
    frame = result.frame.set_index("code")
    assert frame.at["79", "bts_5g"] == names.index("TP. Hồ Chí Minh") + 1
    # By code: 80 is Tây Ninh of 2025 here (in a table of the 63 it would be Long An).
    by_code = pd.DataFrame({"Mã tỉnh": [int(c) for c in current["code"]], "Số trạm 5G": range(1, 35)})
    result = join_table(provinces, by_code)
    assert not result.report.legacy and result.frame.set_index("code").at["80", "bts_5g"] == list(current["code"]).index("80") + 1


def test_a_province_table_on_a_commune_layer_says_so(can_tho, crosswalk):
    current = crosswalk.provinces[crosswalk.provinces["level"] == "2025"]
    table = pd.DataFrame({"Tên đơn vị hành chính": current["full_name"], "Số trạm 5G": 1})
    with pytest.raises(GismapError, match="provinces, not communes"):
        join_table(can_tho, table)


def test_cli_joins_a_legacy_province_workbook_to_the_province_layer(tmp_path, crosswalk, capsys):
    table, _ = _legacy_province_table(crosswalk)
    workbook = tmp_path / "chi_so_63_tinh.xlsx"
    with pd.ExcelWriter(workbook) as writer:
        pd.DataFrame([["BÁO CÁO CHỈ SỐ HẠ TẦNG SỐ CÁC TỈNH"]]).to_excel(writer, header=False, index=False)
        table.to_excel(writer, startrow=2, index=False)
    out = tmp_path / "provinces.gpkg"
    assert main(["join", str(PROVINCES), str(workbook), "--out", str(out)]) == 0
    joined = read_layer(out).frame.set_index("code")
    assert len(joined) == 34 and joined["hamlets_total"].notna().all()
    assert "63 provinces before 2025" in capsys.readouterr().out


def test_a_row_with_an_empty_district_cell_is_looked_up_in_its_province(tmp_path, crosswalk):
    # A report fills the district on the first row of each group only; the empty cells are no district "nan".
    bac_kan = crosswalk.legacy[crosswalk.legacy["full_name"] == "Phường Nguyễn Thị Minh Khai"]
    table = tmp_path / "bao_cao.csv"
    table.write_text("Tên xã,Huyện,Tỉnh,Dân số\nPhường Nguyễn Thị Minh Khai,,Bắc Kạn,100\n"
                     "Xã Minh Khai,Huyện Hưng Hà,Thái Bình,200\n", encoding="utf-8")
    communes = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    result = join_table(communes, table)
    assert result.report.unmatched_rows == [] and result.report.ambiguous == []
    frame = result.frame.set_index("code")
    assert frame.at[_successor(crosswalk, bac_kan["code"].item()), "population"] == 100


def test_a_name_without_diacritics_is_never_placed_on_the_toneless_one_of_two_communes(crosswalk):
    # Xã Thanh An and Xã Thạnh An are both communes of Hồ Chí Minh City; "XA THANH AN" may be either.
    communes = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    twins = communes[(communes["prov_code"] == "79") & communes["full_name"].isin(["Xã Thanh An", "Xã Thạnh An"])]
    assert len(twins) == 2
    result = join_table(communes, pd.DataFrame({"Tỉnh": ["TP HCM"], "Tên xã": ["XA THANH AN"], "Dân số": [5]}))
    assert not result.frame["has_data"].any()
    [ambiguous] = result.report.ambiguous
    assert {c["code"] for c in ambiguous["candidates"]} == set(twins["code"])
    # Written with its diacritics the name is certain.
    accented = join_table(communes, pd.DataFrame({"Tỉnh": ["TP HCM"], "Tên xã": ["Xã Thạnh An"], "Dân số": [5]}))
    assert accented.frame.loc[accented.frame["has_data"], "full_name"].tolist() == ["Xã Thạnh An"]

    # The same of legacy communes: Phường Sa Pa and Phường Sa Pả of Thị xã Sa Pa (Lào Cai).
    sa_pa = crosswalk.legacy[crosswalk.legacy["district_full"].str.lower() == "thị xã sa pa"]
    table = pd.DataFrame({"Tên xã": sa_pa["full_name"].str.upper(), "Huyện": "THI XA SA PA", "Tỉnh": "LAO CAI", "Dân số": 1})
    table.loc[table["Tên xã"] == "PHƯỜNG SA PẢ", "Tên xã"] = "PHUONG SA PA"
    legacy = join_table(communes, table)
    assert legacy.report.legacy
    [ambiguous] = legacy.report.ambiguous
    assert ambiguous["name"] == "PHUONG SA PA" and legacy.report.duplicate_rows == {}
    assert {c["name"] for c in ambiguous["candidates"]} == {"Sa Pa", "Sa Pả"}


def test_gso_s_list_of_units_is_joined_by_its_codes_and_no_code_is_summed(tmp_path, crosswalk):
    # GSO's list (danhmuchanhchinh.gso.gov.vn) heads its columns Mã TP, Mã QH, Mã PX; the codes of the
    # legacy communes of a 2025 commune are no count to add up.
    ha_nam = crosswalk.legacy[crosswalk.legacy["prov_code"] == "35"]
    table = pd.DataFrame({"STT": range(1, len(ha_nam) + 1), "Tỉnh / Thành Phố": "Tỉnh Hà Nam", "Mã TP": "35",
                          "Quận Huyện": ha_nam["district_full"], "Mã QH": ha_nam["district_code"],
                          "Phường Xã": ha_nam["full_name"], "Mã PX": ha_nam["code"], "Mã bưu chính": 18000,
                          "Dân số": range(1000, 1000 + len(ha_nam))})
    result = join_table(read_layer(shapefiles_dir() / "communes_37.parquet").frame, table)
    report = result.report
    assert report.legacy and report.key_column == "Mã PX" and report.by_method["crosswalk"] == len(ha_nam)
    assert not {"ma_tp", "ma_qh", "ma_px", "ma_buu_chinh", "stt"} & set(result.frame.columns)
    assert report.legacy_conversion["summed_unrecognised_columns"] == []
    [note] = [w for w in report.warnings if "left out" in str(w)]
    assert "Mã bưu chính" in str(note) and "STT" not in str(note)
    links = ha_nam[["code"]].assign(pop=table["Dân số"].to_numpy()).merge(crosswalk.links, left_on="code", right_on="legacy_code")
    expected = (links["pop"] * links["share"]).groupby(links["new_code"]).sum()
    got = result.frame.set_index("code")["population"].reindex(expected.index)
    assert (got - expected).abs().max() < 2 and got.sum() == table["Dân số"].sum()


def test_a_province_named_as_before_and_after_2025_scopes_legacy_names_to_all_of_the_2025_province(crosswalk):
    # Tây Ninh of 2025 is former Long An and former Tây Ninh: a table of Long An's communes that
    # writes "Tây Ninh" in its province column may mean either, so a name both had is not placed.
    legacy = crosswalk.legacy
    long_an, tay_ninh = legacy[legacy["prov_code"] == "80"], legacy[legacy["prov_code"] == "72"]
    once = lambda frame: set(frame["full_name"].value_counts().loc[lambda n: n == 1].index)
    shared = sorted(once(long_an) & once(tay_ninh))
    assert shared
    communes = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    communes = communes[communes["prov_code"] == "80"]
    table = pd.DataFrame({"Tỉnh": "Tây Ninh", "Tên xã": long_an["full_name"], "Dân số": 1})
    result = join_table(communes, table)
    assert result.report.legacy and result.report.unmatched_rows == []
    ambiguous = {item["name"] for item in result.report.ambiguous}
    assert set(shared) <= ambiguous
    # Where the column also names Long An, "Tây Ninh" is the former province.
    listed = pd.concat([table.assign(Tỉnh="Long An"), pd.DataFrame({"Tỉnh": ["Tây Ninh"], "Tên xã": [shared[0]], "Dân số": [7]})],
                       ignore_index=True)
    result = join_table(communes, listed)
    target = _successor(crosswalk, tay_ninh.loc[tay_ninh["full_name"] == shared[0], "code"].item())
    assert shared[0] not in {item["name"] for item in result.report.ambiguous if item["row"] == len(listed) + 1}
    assert result.frame.set_index("code").at[target, "population"] >= 7


@pytest.mark.parametrize("province, code", [("TP HCM", "79"), ("TP. Hồ Chí Minh", "79"), ("Hà Nam", "37"), ("tinh ha nam", "37")])
def test_the_province_to_scope_by_is_named_in_any_form_a_table_uses(crosswalk, province, code):
    communes = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    units = crosswalk.units_2025[crosswalk.units_2025["prov_code"] == code]
    result = join_table(communes, pd.DataFrame({"Mã xã": units["code"], "Dân số": 1}), province=province)
    assert result.report.province == code and result.report.matched == len(units)


def test_a_province_picked_by_hand_that_a_row_already_names_is_reported_not_joined_twice(provinces):
    table = pd.DataFrame({"Tỉnh": ["Hà Nội", "Thủ đô", "Cao Bằng"], "Dân số": [1, 2, 3]})
    result = join_table(provinces, table, resolutions={3: "01"})
    assert len(result.frame) == len(provinces) and result.report.duplicate_rows == {"01": [2, 3]}
    frame = result.frame.set_index("code")
    assert pd.isna(frame.at["01", "population"]) and frame.at["04", "population"] == 3
    picked = join_table(provinces, table, resolutions={3: "11"}).frame.set_index("code")
    assert picked.at["11", "population"] == 2 and picked.at["11", "join_method"] == "resolved"


def test_a_district_s_subtotal_row_is_reported_never_placed_on_its_namesake_commune(crosswalk):
    # A 2024 report lists each district's total above its communes: "Huyện Ý Yên" is no commune Ý Yên,
    # and "Thành phố Phủ Lý" no Phường Phủ Lý of 2025.
    legacy = crosswalk.legacy[crosswalk.legacy["prov_code"] == "36"]
    rows = []
    for district, communes in legacy.groupby("district_full", sort=False):
        rows.append({"STT": "I", "Tên đơn vị": district, "Dân số": 999_999})
        rows += [{"STT": i + 1, "Tên đơn vị": name, "Dân số": 1} for i, name in enumerate(communes["full_name"])]
    layer = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    result = join_table(layer, pd.DataFrame(rows))
    assert result.report.legacy and result.frame["population"].max() < 999_999
    reasons = {item["row"]: item["reason"] for item in result.report.unmatched_rows}
    subtotals = [number + 2 for number, row in enumerate(rows) if row["STT"] == "I"]
    assert set(subtotals) <= set(reasons) and all("is a district or a province, not a commune" in reasons[r] for r in subtotals)
    assert result.report.by_method["crosswalk"] + len(result.report.ambiguous) == len(legacy)

    current = pd.DataFrame({"Tên xã": ["Thành phố Phủ Lý", "Phường Phủ Lý", "Tỉnh Hà Nam", "TỈNH NINH BÌNH"],
                            "Dân số": [999_999, 5, 999_999, 999_999]})
    frame = join_table(layer, current).frame
    assert frame.loc[frame["has_data"], ["full_name", "population"]].values.tolist() == [["Phường Phủ Lý", 5]]


def test_a_2025_table_with_a_few_stale_legacy_codes_stays_a_2025_table(crosswalk):
    # Nearly every 2025 commune kept the code of a former one, so eight stale codes among Ninh Bình's
    # 129 must not turn the table into a legacy one (whose divided communes would be apportioned).
    communes = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    current = set(crosswalk.units_2025["code"])
    stale = crosswalk.legacy.loc[crosswalk.legacy["prov_code"].isin(["35", "36", "37"]) & ~crosswalk.legacy["code"].isin(current),
                                 "code"].head(8)
    table = pd.DataFrame({"Mã xã": [*communes["code"], *stale], "Dân số": [*range(1000, 1000 + len(communes)), *[1] * 8]})
    result = join_table(communes, table)
    assert not result.report.legacy and result.report.by_method["code"] == len(communes)
    assert result.frame.set_index("code")["population"].to_dict() == dict(zip(communes["code"], range(1000, 1000 + len(communes))))
    assert [item["reason"] for item in result.report.unmatched_rows] == [
        f"code {code} is of a commune before July 2025, and the table lists those of 2025" for code in stale]


def test_a_row_whose_code_and_name_are_two_communes_is_reported_not_placed_by_its_code(crosswalk):
    communes = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    table = pd.DataFrame({"Mã xã": communes["code"], "Tên xã": communes["full_name"], "Dân số": range(len(communes))})
    table.loc[0, "Tên xã"] = communes["full_name"].iloc[5]  # the code of one ward, the name of another
    table.loc[1, "Tên xã"] = "P. " + communes["name"].iloc[1].upper()  # the same ward, written otherwise
    table.loc[2, "Tên xã"] = "Xã Không Có"  # a name that is no commune: the code decides
    result = join_table(communes, table)
    [ambiguous] = result.report.ambiguous
    assert ambiguous["row"] == 2 and {c["code"] for c in ambiguous["candidates"]} == {communes["code"].iloc[0], communes["code"].iloc[5]}
    assert result.report.by_method["code"] == len(communes) - 1
    assert pd.isna(result.frame.set_index("code").at[communes["code"].iloc[0], "population"])

    # The same of a legacy table: 00004 is Phường Trúc Bạch, not Phường Phúc Xá (00001).
    hanoi = crosswalk.legacy[crosswalk.legacy["prov_code"] == "01"]
    legacy = pd.DataFrame({"Mã xã": hanoi["code"], "Tên xã": hanoi["full_name"], "Dân số": 1})
    legacy.loc[legacy["Mã xã"] == "00004", "Tên xã"] = "Phường Phúc Xá"
    layer = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    converted = join_table(layer[layer["prov_code"] == "01"], legacy)
    assert converted.report.legacy
    assert [(item["name"], {c["code"] for c in item["candidates"]}) for item in converted.report.ambiguous] == [
        ("Phường Phúc Xá", {"00001", "00004"})]


def test_a_table_of_the_34_provinces_with_two_stale_old_names_is_not_added_up_as_a_legacy_one(provinces, crosswalk):
    # Tuyên Quang of 2025 includes Hà Giang: reading the table as one of the 63 would add Hà Giang's
    # stale row to the 2025 figure.
    current = crosswalk.provinces[crosswalk.provinces["level"] == "2025"]
    table = pd.DataFrame({"Tỉnh": [*current["name"], "Hà Giang", "Bắc Kạn"],
                          "Dân số": [*range(100, 100 + len(current)), 7, 9]})
    result = join_table(provinces, table)
    assert not result.report.legacy
    frame = result.frame.set_index("code")
    assert frame["population"].to_dict() == dict(zip(current["code"], range(100, 100 + len(current))))
    assert [item["row"] for item in result.report.unmatched_rows] == [len(current) + 2, len(current) + 3]


def test_an_ambiguous_legacy_row_resolved_to_one_of_its_candidates_is_converted_through_the_crosswalk(crosswalk):
    # Hà Nội had three Phường/Xã Quang Trung; the candidates offered are former communes, and the one
    # picked (00214 of Đống Đa, divided) is apportioned like a matched row, not refused.
    hanoi = crosswalk.legacy[crosswalk.legacy["prov_code"] == "01"]
    layer = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    layer = layer[layer["prov_code"] == "01"]
    table = pd.DataFrame({"Tên xã": hanoi["full_name"], "Tỉnh": "Hà Nội", "Dân số": 0})
    ambiguous = next(item for item in join_table(layer, table).report.ambiguous if item["name"] == "Phường Quang Trung")
    row = ambiguous["row"]
    assert "00214" in {c["code"] for c in ambiguous["candidates"]}
    table.loc[table.index[row - 2], "Dân số"] = 1000
    result = join_table(layer, table, resolutions={row: "00214"})
    assert row not in {item["row"] for item in result.report.ambiguous} and result.report.by_method["resolved"] == 1
    links = crosswalk.links[crosswalk.links["legacy_code"] == "00214"]
    assert len(links) > 1
    got = result.frame.set_index("code")["population"]
    assert got.sum() == 1000 and all(abs(got[c] - 1000 * s) <= 1 for c, s in zip(links["new_code"], links["share"]))


def test_a_join_report_read_only_in_part_ends_quietly(tmp_path):
    """`gismap join … | head`: the reader leaves early; no 'unexpected error', no traceback."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "gismap.cli", "join", str(shapefiles_dir() / "communes_37.parquet"),
               str(Path(__file__).resolve().parents[1] / "data/coverage/ha_nam_2024_legacy.csv")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # gone before the report is written, as head is once it has its lines
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 0 and b"unexpected error" not in errors and b"Traceback" not in errors


@pytest.mark.parametrize("layout", ["heading", "subtotal"])
def test_communes_listed_under_a_row_per_district_are_scoped_by_it(layout, crosswalk):
    """The classic report: no district column, a row "Huyện …" before (or after) its communes."""
    ninh_binh = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    # Former Hà Nam, Nam Định and Ninh Bình, now Ninh Bình: names repeat across their districts.
    ha_nam = crosswalk.legacy[crosswalk.legacy["prov_code"].isin(["35", "36", "37"])]
    rows = []
    for district, communes in ha_nam.groupby("district_code", sort=False):
        district = communes["district_full"].iloc[0]
        group = [[name, 1000 + i] for i, name in enumerate(communes["full_name"])]
        total = [[district, sum(value for _, value in group)]]
        rows += total + group if layout == "heading" else group + total
    table = pd.DataFrame(rows, columns=["Đơn vị", "Dân số"])
    result = join_table(ninh_binh, table)
    assert ha_nam["name"].duplicated().any()  # only the grouping tells these apart
    assert result.report.legacy and result.report.ambiguous == []
    assert result.report.by_method["crosswalk"] == len(ha_nam)
    communes = table[~table["Đơn vị"].isin(set(ha_nam["district_full"]))]
    assert result.frame["population"].sum() == communes["Dân số"].sum()
