"""The legacy → 2025 crosswalk derived from GSO's official conversion table."""

import functools
import subprocess
import sys
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor

import pytest

from gismap.core.crosswalk import load_crosswalk


@pytest.fixture(scope="module")
def crosswalk():
    return load_crosswalk()


def test_every_legacy_commune_is_linked_and_its_shares_sum_to_one(crosswalk):
    assert len(crosswalk.legacy) == 10035 and len(crosswalk.units_2025) == 3321
    shares = crosswalk.links.groupby("legacy_code")["share"].sum()
    assert set(shares.index) == set(crosswalk.legacy["code"])
    assert shares.round(9).eq(1).all()
    unlinked = crosswalk.units_2025[~crosswalk.units_2025["code"].isin(crosswalk.links["new_code"])]
    # Island districts without communes before 2025, now special zones (Đặc khu).
    assert sorted(unlinked["name"]) == ["Bạch Long Vĩ", "Côn Đảo", "Cồn Cỏ", "Hoàng Sa", "Lý Sơn"]


def test_whole_legacy_communes_go_to_one_2025_commune(crosswalk):
    links = crosswalk.links.set_index("legacy_code")
    # Former Phường Châu Cầu (Phủ Lý, Hà Nam) is now part of Phường Phủ Lý (13285).
    assert links.loc["13294", ["new_code", "share", "split"]].tolist() == ["13285", 1.0, False]


def test_a_divided_legacy_commune_is_apportioned_by_area(crosswalk):
    links = crosswalk.links[crosswalk.links["legacy_code"] == "13285"].set_index("new_code")
    # Former Phường Quang Trung was divided between Phủ Lý (11.84 km²) and Hà Nam (29.98 km²).
    assert links["split"].all()
    assert links.loc["13285", "share"] == pytest.approx(11.84 / (11.84 + 29.98))
    assert links.loc["13366", "share"] == pytest.approx(29.98 / (11.84 + 29.98))


def test_merged_provinces_know_their_legacy_parents(crosswalk):
    assert crosswalk.legacy_provinces("37") == {"35", "36", "37"}  # Ninh Bình = Hà Nam + Nam Định + Ninh Bình
    assert crosswalk.legacy_provinces("31") == {"30", "31"}
    assert crosswalk.legacy_provinces(None) is None


def test_communes_whose_names_fold_alike_are_kept_apart(crosswalk):
    # Hải Phòng has both Xã Cẩm Giang and Xã Cẩm Giàng; the package keys them with diacritics.
    legacy = crosswalk.legacy.set_index("code")
    phuc_dien = legacy[(legacy["name"] == "Phúc Điền") & (legacy["prov_name"] == "Hải Dương")].index.item()
    targets = set(crosswalk.links.loc[crosswalk.links["legacy_code"] == phuc_dien, "new_code"])
    names = set(crosswalk.units_2025.set_index("code").loc[sorted(targets), "name"])
    assert names == {"Mao Điền", "Cẩm Giàng"}
    sources = crosswalk.links.groupby("new_code")["legacy_code"].apply(set)
    assert sources["10888"] == {"10888", "10897", "10918"}  # Cẩm Giang: from TT Cẩm Giang, Cẩm Hoàng, Định Sơn
    assert "10933" in sources["10903"]  # Cẩm Giàng took (part of) Phúc Điền


def test_the_crosswalk_is_read_from_the_shipped_data_alone():
    # GSO's table, derived into data/admin: no package and no network at run time.
    code = ("import sys; from gismap.core.crosswalk import load_crosswalk; load_crosswalk(); "
            "print(sorted(m for m in ('vietnamadminunits', 'requests', 'urllib3') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_same_named_communes_of_merged_provinces_each_go_to_their_own_successor(crosswalk):
    # Phường 4 of Tân An (Long An) and Phường IV of Tây Ninh: both now in Tây Ninh, neither divided.
    links = crosswalk.links.set_index("legacy_code")
    legacy = crosswalk.legacy.set_index("code")
    assert legacy.loc["27691", ["full_name", "prov_name"]].tolist() == ["Phường 4", "Long An"]
    assert links.loc["27691", ["new_code", "share"]].tolist() == ["27694", 1.0]  # Phường Long An
    assert links.loc["25462", ["new_code", "share"]].tolist() == ["25459", 1.0]  # Phường Tân Ninh


def test_a_divided_commune_that_gave_all_its_people_to_one_successor_goes_there_whole(crosswalk):
    # GSO: Xã Đặng Xá went to Thuận An "part of the area, all of the population", and land to others.
    links = crosswalk.links[crosswalk.links["legacy_code"] == "00556"]
    assert links[["new_code", "share", "split"]].values.tolist() == [["00562", 1.0, False]]


def test_misnumbered_rows_of_gso_s_table_are_corrected_by_rule(crosswalk):
    # GSO gives Xã Mỹ Hưng the code of Xã Hồng Quang (01615); its own code is 01651.
    legacy = crosswalk.legacy.set_index("code")
    assert legacy.loc["01651", "full_name"] == "Xã Mỹ Hưng" and legacy.loc["01615", "full_name"] == "Xã Hồng Quang"
    assert set(crosswalk.links.loc[crosswalk.links["legacy_code"] == "01615", "new_code"]) == {"01636"}


def test_every_legacy_province_has_one_successor_and_the_34_provinces_are_there(crosswalk):
    provinces = crosswalk.provinces
    assert (provinces["level"] == "legacy").sum() == 63 and (provinces["level"] == "2025").sum() == 34
    assert crosswalk.legacy_provinces("08") == {"02", "08"}  # Tuyên Quang = Hà Giang + Tuyên Quang
    assert sum(len(parents) for parents in crosswalk.province_parents.values()) == 63


SHARED_TABLE = Path(__file__).resolve().parents[1].parent / "shared/data/admin/gso_conversion_2025.csv"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_TABLE.is_file(), reason="needs GSO's table in ../shared")
def test_the_shipped_data_is_what_the_build_script_derives(tmp_path):
    import shutil

    root = Path(__file__).resolve().parents[1]
    (tmp_path / "data").mkdir()
    shutil.copy(root / "data/README.md", tmp_path / "data/README.md")
    script = root / "scripts/build_crosswalk.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path / "admin"),
                    "--readme", str(tmp_path / "data/README.md")], check=True, capture_output=True)
    for name in ("crosswalk_2025.csv", "communes_2025.csv", "provinces.csv"):
        assert (tmp_path / "admin" / name).read_bytes() == (root / "data/admin" / name).read_bytes(), name
    assert (tmp_path / "data/README.md").read_text(encoding="utf-8") == (root / "data/README.md").read_text(encoding="utf-8")


def test_threads_loading_at_once_read_the_crosswalk_once(monkeypatch):
    import gismap.core.crosswalk as crosswalk_module

    crosswalk_module._read_crosswalk.cache_clear()
    reads = []
    original = crosswalk_module._read_crosswalk.__wrapped__
    monkeypatch.setattr(crosswalk_module, "_read_crosswalk",
                        functools.cache(lambda: reads.append(1) or original()))
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: load_crosswalk(), range(4)))
    assert len(reads) == 1 and all(result is results[0] for result in results)


def test_short_names_of_a_column_are_those_of_each_name(crosswalk):
    from gismap.core.names import short_name, short_names

    for names in (crosswalk.legacy["full_name"], crosswalk.legacy["district_full"], crosswalk.units_2025["full_name"],
                  crosswalk.provinces["full_name"]):
        assert short_names(names).tolist() == [short_name(n) for n in names]
