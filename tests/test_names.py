"""Vietnamese name folding, keys and matching within a province."""

import unicodedata

import pytest

from gismap.core.layers import read_layer
from gismap.core.names import NameIndex, fold, name_key, names_a_larger_unit, strip_unit_prefix, toned_key
from gismap.core.paths import shapefiles_dir


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_fold_is_lowercase_without_diacritics_for_nfc_and_nfd():
    assert fold("Đắk Lắk") == fold(nfd("Đắk Lắk")) == "dak lak"
    assert fold("THUỶ NGUYÊN") == "thuy nguyen"


@pytest.mark.parametrize("text, key", [
    ("Phường 1", "1"), ("P.1", "1"), ("P. 01", "1"), ("phuong 01", "1"), ("P 1", "1"),
    ("Xã Hoà An", "hoa an"), ("X. Hòa An", "hoa an"), ("xa hoa an", "hoa an"), (nfd("Xã  Hoà   An"), "hoa an"),
    ("Thị trấn Phong Điền", "phong dien"), ("TT. Phong Điền", "phong dien"), ("TT Phong Điền", "phong dien"),
    ("Đặc khu Côn Đảo", "con dao"), ("Phường Hà Giang 1", "ha giang 1"), ("Ea H'Leo", "ea hleo"),
    ("Phường I", "1"), ("P. IV", "4"), ("phuong vii", "7"), ("Phường IX", "9"), ("Phường XIV", "14"),
    ("Xã Vĩ", "vi"), ("Xã Ia Vê", "ia ve"), ("Phường", "phuong"),  # names, not numerals
])
def test_name_key_drops_prefixes_diacritics_and_number_padding(text, key):
    assert name_key(text) == key


def test_prefix_is_only_stripped_as_a_word_and_never_to_nothing():
    assert strip_unit_prefix("Xá Lượng") == "xá lượng"  # "Xá" is part of the name, not "Xã"
    assert strip_unit_prefix("Phường") == "phường"
    assert name_key("Xã Xuân Phương") == "xuan phuong"


def test_toned_key_ignores_where_the_tone_mark_sits_but_not_which_tone():
    assert toned_key("Hoá") == toned_key("Hóa") == toned_key(nfd("Hoá"))
    assert toned_key("Thuỷ Nguyên") == toned_key("Thủy Nguyên")
    assert toned_key("Tân An") != toned_key("Tấn An")
    assert toned_key("Cẩm Giang") != toned_key("Cẩm Giàng")


@pytest.fixture(scope="module")
def hai_phong():
    frame = read_layer(shapefiles_dir() / "communes_31.parquet").frame
    return frame, NameIndex(frame["code"], frame["name"], frame["prov_code"], frame["prov_name"])


def test_exact_name_is_certain_and_tone_placement_does_not_matter(hai_phong):
    frame, index = hai_phong
    code = frame.loc[frame["name"] == "Cẩm Giàng", "code"].item()
    assert index.match("Xã Cẩm Giàng", "31") == (code, [])
    assert index.match(nfd("cẩm giàng"), "31") == (code, [])


def test_names_differing_only_by_diacritics_are_ambiguous_without_them(hai_phong):
    frame, index = hai_phong
    found, candidates = index.match("Cam Giang", "31")
    assert found is None
    assert sorted(c.name for c in candidates) == ["Cẩm Giang", "Cẩm Giàng"]
    assert {c.score for c in candidates} == {0.9}
    assert {c.scope for c in candidates} == {"Hải Phòng"}


def test_a_misspelt_name_gets_close_candidates_not_a_match(hai_phong):
    _, index = hai_phong
    found, candidates = index.match("Cẩm Giàngg", "31")
    assert found is None
    assert candidates and candidates[0].name.startswith("Cẩm Gi") and 0.8 <= candidates[0].score < 1


def test_same_name_in_many_provinces_needs_the_province():
    frame = read_layer(shapefiles_dir() / "communes_vn_2025_overview.shp").frame
    index = NameIndex(frame["code"], frame["name"], frame["prov_code"], frame["prov_name"])
    found, candidates = index.match("Xã Tân Thành")
    assert found is None and len(candidates) >= 5
    in_ninh_binh = frame[(frame["name"] == "Tân Thành") & (frame["prov_code"] == "37")]["code"].tolist()
    if len(in_ninh_binh) == 1:
        assert index.match("Tân Thành", "37") == (in_ninh_binh[0], [])
    numbered = frame[frame["name"] == "Hà Giang 1"]["code"].item()
    assert index.match("P. Hà Giang 01", frame.loc[frame["code"] == numbered, "prov_code"].item()) == (numbered, [])


def test_every_commune_name_keeps_its_words_with_or_without_diacritics_and_prefixes():
    """Every 2025 and legacy name, written as lists write it, can still reach its own key."""
    import re

    import pandas as pd

    from gismap.core.crosswalk import load_crosswalk
    from gismap.core.names import fold, name_keys, stored_key

    crosswalk = load_crosswalk()
    rows = pd.concat([crosswalk.legacy[["name", "full_name"]], crosswalk.units_2025[["name", "full_name"]]])
    lost = []
    for name, full in rows.dropna().drop_duplicates().itertuples(index=False):
        short = re.sub(r"^Xã ", "X. ", re.sub(r"^Phường ", "P. ", full))
        for written in (full, fold(full), name, fold(name), full.upper(), short):
            if stored_key(name) not in name_keys(written):
                lost.append((name, written))
    assert lost == []
    # Names that differ keep different keys, unless they fold alike (Tân Thành, Tân Thanh) or are one
    # ward numbered two ways (Phường 4, IV) or the same unit qualified (Yên Viên (Xã)).
    plain = {}
    for name in set(rows["name"].dropna()):
        bare = re.sub(r"\s*\(.*\)$", "", name)
        plain.setdefault(stored_key(name), set()).add(re.sub(r"[^a-z0-9]", "", fold(bare)))
    clashes = {key: folds for key, folds in plain.items() if len(folds) > 1 and not key.isdigit()}
    assert clashes == {}


def test_a_first_word_that_may_be_a_prefix_is_matched_both_ways_and_never_guessed():
    from gismap.core.names import NameIndex

    index = NameIndex(["1", "2", "3", "4"], ["Xa Dung", "Quan Hoa", "Phường Đúc", "Hoà An"], ["11"] * 4)
    for written, code in (("Xa Dung", "1"), ("Xã Xa Dung", "1"), ("xa xa dung", "1"), ("X. Xa Dung", "1"),
                          ("Quan Hoa", "2"), ("Phường Quan Hoa", "2"), ("phuong quan hoa", "2"),
                          ("Phường Đúc", "3"), ("Phường Phường Đúc", "3"), ("Xã Hoà An", "4"), ("xa hoa an", "4")):
        assert index.match(written, "11")[0] == code, written
    both = NameIndex(["1", "5"], ["Xa Dung", "Dung"], ["11", "11"])
    code, candidates = both.match("Xa Dung", "11")  # the commune Xa Dung, or a Xã Dung?
    assert code is None and {c.code for c in candidates} == {"1", "5"}
    assert both.match("Xã Xa Dung", "11")[0] == "1" and both.match("Dung", "11")[0] == "5"


@pytest.mark.parametrize("text, district", [
    ("Huyện Kim Bảng", True), ("TP. Phủ Lý", True), ("TP Phủ Lý", True), ("Thị xã Duy Tiên", True), ("Q1", True),
    ("H. Kim Bảng", True), ("Quan Sơn", False), ("quan son", False), ("huyen hoi", False), ("Huyền Hội", False),
    ("Thị trấn Quế", False), ("TT Quế", False), ("Phường 1", False), ("Tỉnh Hà Nam", True), ("TỈNH HÀ NAM", True),
    ("Tinh Ha", False)])
def test_a_district_s_or_province_s_name_is_told_from_a_commune_s(text, district):
    assert names_a_larger_unit(text) is district
