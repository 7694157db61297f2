"""The shipped synthetic tables: labelled, reproducible, consistent with FACTS.md, and joinable."""

import importlib.util

import pandas as pd
import pytest

from gismap.core.document import default_document
from gismap.core.join import join_table
from gismap.core.layers import read_layer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.tables import list_sheets, read_table

COVERAGE = coverage_dir()
FILES = ("coverage_2025_by_code.csv", "bao_cao_ha_tang_so_2025.xlsx", "ha_nam_2024_legacy.csv", "tram_5g_mau.csv",
         "README.md")
PROVINCES = {"37": "Ninh Bình", "38": "Thanh Hóa", "31": "Hải Phòng", "92": "Cần Thơ"}


@pytest.fixture(scope="module")
def layers():
    return {code: read_layer(shapefiles_dir() / f"communes_{code}.parquet").frame for code in PROVINCES}


@pytest.fixture(scope="module")
def legacy_join(layers):
    return join_table(layers["37"], COVERAGE / "ha_nam_2024_legacy.csv")


def test_every_file_says_it_is_synthetic():
    import openpyxl

    assert "synthetic" in (COVERAGE / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in (COVERAGE / "coverage_2025_by_code.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "synthetic" in (COVERAGE / "ha_nam_2024_legacy.csv").read_bytes().decode("cp1258").splitlines()[0]
    assert "synthetic" in (COVERAGE / "tram_5g_mau.csv").read_text(encoding="utf-8").splitlines()[0]
    workbook = openpyxl.load_workbook(COVERAGE / "bao_cao_ha_tang_so_2025.xlsx", read_only=True)
    assert all("synthetic" in str(next(sheet.iter_rows(min_row=3, max_row=3, values_only=True))[0])
               for sheet in workbook.worksheets)


def test_the_generator_is_seeded_and_reproduces_the_shipped_files(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample_data", COVERAGE.parents[1] / "scripts/make_sample_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in FILES[:4]:
        assert (tmp_path / name).read_bytes() == (COVERAGE / name).read_bytes(), name


def test_former_ha_nam_matches_the_published_figures(legacy_join):
    report, frame = legacy_join.report, legacy_join.frame
    assert report.legacy and report.by_method["crosswalk"] == 98 and report.unmatched_rows == []
    with_data = frame[frame["has_data"]]
    assert frame["cdt_members"].sum() == 7900  # "about 7,900 members", preserved through the crosswalk
    assert frame["post_broadband"].sum() == 125
    assert (with_data["fiber_hamlet_pct"] == 100).all() and (with_data["fiber_gap"] == 0).all()
    assert (with_data["cov_4g_pct"] == 100).all()
    assert report.legacy_conversion["split_rows"]  # some former Hà Nam communes were divided


def test_the_clean_csv_joins_by_code_and_agrees_with_the_legacy_table(layers, legacy_join):
    national = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    result = join_table(national, COVERAGE / "coverage_2025_by_code.csv")
    report = result.report
    assert report.by_method["code"] == 512 and not report.legacy and report.excluded_rows == []
    assert sorted(set(result.frame.loc[result.frame["has_data"], "prov_code"])) == sorted(PROVINCES)
    assert report.unmatched_boundaries == [] and report.ambiguous == [] and report.out_of_range == []
    clean = result.frame.set_index("code")
    converted = legacy_join.frame.set_index("code")
    whole = converted[converted["has_data"] & ~converted["legacy_partial"]].index
    for column in ("population", "hamlets_fiber", "cdt_members"):
        assert (clean.loc[whole, column] == converted.loc[whole, column]).all(), column


@pytest.mark.parametrize("prov_code", PROVINCES)
def test_each_excel_sheet_joins_by_name_with_title_total_and_notes_set_aside(layers, prov_code):
    path = COVERAGE / "bao_cao_ha_tang_so_2025.xlsx"
    assert list_sheets(path) == list(PROVINCES.values())
    result = join_table(layers[prov_code], path, sheet=PROVINCES[prov_code], province=prov_code)
    report = result.report
    assert report.key == "name" and report.by_method["name"] == len(layers[prov_code])
    assert report.ambiguous == [] and report.unmatched_rows == [] and report.duplicates == []
    assert [e["reason"] for e in report.excluded_rows] == ["column numbers", "total", "note", "note"]
    table = read_table(path, sheet=PROVINCES[prov_code])
    total = [e for e in report.excluded_rows if e["reason"] == "total"][0]
    # The total row's population (Vietnamese thousands dots) equals the sum of the communes.
    assert int(total["text"].split(" | ")[1].replace(".", "")) == result.frame["population"].sum()
    assert table.frame[table.indicators["population"]].sum() == result.frame["population"].sum()


def test_excel_and_csv_carry_the_same_figures(layers):
    excel = join_table(layers["38"], COVERAGE / "bao_cao_ha_tang_so_2025.xlsx", sheet="Thanh Hóa").frame
    clean = join_table(layers["38"], COVERAGE / "coverage_2025_by_code.csv").frame
    for column in ("population", "hamlets_total", "bts_4g", "cdt_members", "cov_4g_pct"):
        pd.testing.assert_series_equal(excel[column], clean[column], check_names=False)


def test_the_site_list_has_each_5g_site_of_the_table_inside_its_commune(layers):
    sites = read_layer(COVERAGE / "tram_5g_mau.csv")
    assert sites.geometry_type == "Point"
    assert sites.warnings == [f"row {sites.frame['row'].max() + 1} has no usable coordinates and was left out"]
    communes = pd.concat(layers.values(), ignore_index=True)
    placed = sites.frame.sjoin(communes[["code", "full_name", "geometry"]], predicate="within")
    assert len(placed) == len(sites.frame)  # every site lies in one commune of the four provinces
    assert (placed["Xã, phường"] == placed["full_name"]).all()
    table = read_table(COVERAGE / "coverage_2025_by_code.csv").frame.set_index("Mã xã")["Số trạm 5G"]
    per_commune = placed.groupby("code").size()
    assert per_commune.to_dict() == {code: n for code, n in table.items() if n > 0}



def test_the_sample_provinces_read_their_shared_table_once(monkeypatch):
    import gismap.core.tables as tables

    reads = []
    read_table = tables.read_table
    monkeypatch.setattr(tables, "read_table", lambda path, **kwargs: reads.append(path) or read_table(path, **kwargs))
    document = default_document()
    document.load_all()
    joined = [layer for layer in document.layers if layer.recipe]
    assert len(joined) == 4 and all(layer.join_report.matched for layer in joined)
    assert len(reads) == 1 and reads[0].name == "coverage_2025_by_code.csv"
