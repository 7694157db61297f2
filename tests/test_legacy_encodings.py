"""Vietnamese text in the old font codes TCVN3 (ABC, .VnTime) and VNI-Windows: the byte tables,
detection in DBF, CSV and workbook cells, mixed files, and Western text left alone."""

from __future__ import annotations

import json
import subprocess
import unicodedata

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import Point
from ui_helpers import recode_dbf

from gismap.cli import main
from gismap.core.encoding import encode_cp1258
from gismap.core.join import join_table
from gismap.core.layers import read_layer
from gismap.core.legacy_text import (
    VIETNAMESE_LETTERS,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    is_vietnamese_syllable,
    rendered_bytes,
)
from gismap.core.paths import shapefiles_dir
from gismap.core.tables import read_table

NINH_BINH = shapefiles_dir() / "communes_37.parquet"
# Toned capitals have no byte of their own in TCVN3 (.VnTimeH draws the lowercase bytes in capitals).
TCVN3_CAPITALS = set("ĂÂÊÔƠƯĐ")


@pytest.fixture(scope="module")
def ninh_binh():
    return read_layer(NINH_BINH).frame


def as_tcvn3_reads(text: str) -> str:
    """What a TCVN3 reading gives back for ``text`` in mixed case: toned capitals in lowercase."""
    return "".join(c.lower() if not c.isascii() and c.isupper() and c not in TCVN3_CAPITALS else c for c in text)


def rendering(data: bytes) -> str:
    """The characters a sheet in a .VnTime or VNI-Times font stores: the bytes as cp1252."""
    return data.decode("cp1252")


# -- the byte tables ---------------------------------------------------------------------------

def test_the_134_letters_are_every_vietnamese_letter_beyond_ascii():
    assert len(set(VIETNAMESE_LETTERS)) == 134
    assert {"ă", "Đ", "ộ", "Ự", "ỹ", "Ỵ", "ẫ", "ở"} <= set(VIETNAMESE_LETTERS)
    assert all(unicodedata.is_normalized("NFC", c) and len(c) == 1 for c in VIETNAMESE_LETTERS)


def test_every_letter_round_trips_through_vni_and_tcvn3():
    for letter in VIETNAMESE_LETTERS:
        assert decode_vni(encode_vni(letter)) == letter
        assert len(encode_tcvn3(letter)) == 1
        if letter.islower() or letter in TCVN3_CAPITALS:
            assert decode_tcvn3(encode_tcvn3(letter)) == letter
        else:  # in a cell typed in capitals (.VnTimeH) the lowercase byte is read as the capital
            assert decode_tcvn3(b"AB" + encode_tcvn3(letter)) == "AB" + letter
    assert len({encode_vni(c) for c in VIETNAMESE_LETTERS}) == 134
    assert len({encode_tcvn3(c) for c in VIETNAMESE_LETTERS}) == 74  # 67 lowercase, 7 capitals


def test_published_examples_of_both_codes():
    assert rendering(encode_tcvn3("Hà Nội")) == "Hµ Néi"
    assert decode_tcvn3("hép møt tÕt".encode("cp1252")) == "hộp mứt tết"
    assert decode_tcvn3("Ninh B×nh".encode("cp1252")) == "Ninh Bình"
    assert rendering(encode_vni("Hà Nội")) == "Haø Noäi"
    assert rendering(encode_vni("Xin chào các bạn")) == "Xin chaøo caùc baïn"
    # The VNI letters of one byte, and marks after a base letter, as published tables give them.
    single = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ö": "Ư", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
    pairs = {"aê": "ă", "aë": "ặ", "aå": "ẩ", "eá": "ế", "oä": "ộ", "ôù": "ớ", "öï": "ự", "yõ": "ỹ", "AÚ": "Ẳ"}
    for vni, letter in {**single, **pairs}.items():
        assert decode_vni(vni.encode("cp1252")) == letter


def test_tcvn3_agrees_with_the_c_library_table_of_tcvn_5712():
    try:
        listed = subprocess.run(["iconv", "-l"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no iconv on this machine")
    if "TCVN5712-1" not in listed:
        pytest.skip("this iconv has no TCVN5712-1")
    # TCVN3 is VN3, the part of TCVN 5712 without toned capitals: the bytes VN1 gives them are not decoded.
    vn1_capitals = {0xAF, 0xBA, *range(0xBF, 0xC6), 0xCD, 0xD9, 0xDA, 0xDB, 0xE0, 0xF0, 0xFF}
    vn3 = [b for b in range(0xA1, 0x100) if b not in vn1_capitals]
    lines = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b"\n".join(bytes([b]) for b in vn3),
                           capture_output=True, check=True).stdout.decode("utf-8").split("\n")
    assert [decode_tcvn3(bytes([b])) for b in vn3] == [unicodedata.normalize("NFC", c) for c in lines]
    assert [decode_tcvn3(bytes([b])) for b in sorted(vn1_capitals)] == [bytes([b]).decode("cp1252")
                                                                         for b in sorted(vn1_capitals)]


def test_cp1252_renderings_give_back_their_bytes_and_unicode_does_not():
    assert rendered_bytes("Hµ Néi") == encode_tcvn3("Hà Nội")
    assert rendered_bytes("Ph\u00adêng €\u0081") == b"Ph\xad\xeang \x80\x81"
    assert rendered_bytes("Hà Nội") is None


@pytest.mark.parametrize("word", ["Hà", "nội", "Nguyễn", "nghiêng", "khuya", "thuở", "Quốc", "giữa", "Hoà", "Hòa",
                                  "Thuỷ", "Thủy", "mười", "gì", "Quỳnh", "Việt", "phường", "Tĩnh", "ĐỒNG", "Đắk"])
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["Müller", "café", "Paulo", "Hµ", "Néi", "bàt", "hảc", "ḿ", "ãà", "Straße", "Zürich",
                                  "Saó", "xaõ", "muời"])  # the last three: a tone on the wrong vowel
def test_words_that_are_no_vietnamese_syllable(word):
    assert not is_vietnamese_syllable(word)


# -- Shapefiles ---------------------------------------------------------------------------------

def _shapefile(ninh_binh, folder, encode, n=40, rows=lambda r: True):
    ninh_binh.head(n).to_file(folder / "old.shp", engine="pyogrio", encoding="UTF-8")
    (folder / "old.cpg").unlink()
    recode_dbf(folder / "old.dbf", encode, rows)
    return folder / "old.shp"


def test_a_tcvn3_shapefile_is_read_in_unicode_and_says_so(ninh_binh, tmp_path):
    layer = read_layer(_shapefile(ninh_binh, tmp_path, encode_tcvn3))
    expected = ninh_binh.head(40)
    assert layer.frame["name"].tolist() == [as_tcvn3_reads(n) for n in expected["name"]]
    assert layer.frame["full_name"].tolist()[:3] == ["Phường Phủ Lý", "Phường Phù Vân", "Phường Châu Sơn"]
    assert set(layer.frame["prov_name"]) == {"Ninh Bình"}
    assert layer.encoding == "TCVN3"
    notes = " | ".join(layer.warnings)
    assert "no .cpg file: text read as TCVN3 (detected)" in notes
    assert "text in TCVN3 (the old .VnTime fonts) converted to Unicode: 'name', 'full_name', 'unit_type', " \
           "'prov_name'" in notes


def test_a_vni_shapefile_is_read_in_unicode(ninh_binh, tmp_path):
    layer = read_layer(_shapefile(ninh_binh, tmp_path, encode_vni))
    assert layer.frame["full_name"].tolist() == ninh_binh.head(40)["full_name"].tolist()
    assert layer.encoding == "VNI-Windows"
    assert any("text in VNI-Windows (the old VNI-Times fonts) converted to Unicode" in w for w in layer.warnings)


def test_a_tcvn3_shapefile_declared_as_windows_latin_is_converted_too(ninh_binh, tmp_path):
    path = _shapefile(ninh_binh, tmp_path, encode_tcvn3, n=10)
    path.with_suffix(".cpg").write_text("1252")  # GDAL then hands over the cp1252 rendering
    layer = read_layer(path)
    assert layer.frame["full_name"].tolist() == [as_tcvn3_reads(n) for n in ninh_binh.head(10)["full_name"]]
    assert layer.encoding == "TCVN3"


def test_a_cpg_that_says_utf8_of_tcvn3_bytes_is_overruled_and_noted(ninh_binh, tmp_path):
    path = _shapefile(ninh_binh, tmp_path, encode_tcvn3, n=10)
    path.with_suffix(".cpg").write_text("UTF-8")
    layer = read_layer(path)
    assert layer.frame["full_name"].tolist() == [as_tcvn3_reads(n) for n in ninh_binh.head(10)["full_name"]]
    assert "the .cpg file says UTF-8 but the text is not: read as TCVN3 (detected)" in layer.warnings


def test_a_shapefile_mixing_utf8_and_tcvn3_rows_is_read_cell_by_cell_and_reported(ninh_binh, tmp_path):
    layer = read_layer(_shapefile(ninh_binh, tmp_path, encode_tcvn3, rows=lambda r: r < 10))
    assert layer.frame["full_name"].tolist() == [
        as_tcvn3_reads(n) if i < 10 else n for i, n in enumerate(ninh_binh.head(40)["full_name"])]
    assert layer.encoding == "UTF-8 + TCVN3"
    assert any("'full_name' mixes encodings (cells: UTF-8 30, TCVN3 10)" in w for w in layer.warnings)


def test_a_windows_1258_shapefile_is_not_taken_for_tcvn3_or_vni(ninh_binh, tmp_path):
    layer = read_layer(_shapefile(ninh_binh, tmp_path, encode_cp1258))
    assert layer.frame["full_name"].tolist() == ninh_binh.head(40)["full_name"].tolist()
    assert layer.encoding == "CP1258"
    assert not any("converted to Unicode" in w for w in layer.warnings)


def test_gismap_info_names_the_encoding_found(ninh_binh, tmp_path, capsys):
    path = _shapefile(ninh_binh, tmp_path, encode_tcvn3, n=10)
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "encoding TCVN3; invalid geometries: 0" in out
    assert "note     text in TCVN3 (the old .VnTime fonts) converted to Unicode" in out
    assert main(["info", "--json", str(path)]) == 0
    (described,) = json.loads(capsys.readouterr().out)["layers"]
    assert described["encoding"] == "TCVN3"


def test_the_layer_properties_list_the_conversion_in_the_interface_language(ninh_binh, tmp_path, qtbot):
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QLabel

    from gismap.core.document import MapDocument, MapLayer
    from gismap.core.paths import resources_dir
    from gismap.ui.layer_panel import LayerPanel

    document = MapDocument()
    layer = document.add_layer(MapLayer(name="old", source=_shapefile(ninh_binh, tmp_path, encode_tcvn3, n=10)))
    layer.load()
    translator = QTranslator()
    assert translator.load("gismap_vi", str(resources_dir() / "translations"))
    QCoreApplication.installTranslator(translator)
    try:
        panel = LayerPanel(document)
        qtbot.addWidget(panel)
        dialog = panel.show_properties(layer)
        notes = dialog.findChild(QLabel, "layerNotes").text()
    finally:
        QCoreApplication.removeTranslator(translator)
    assert "văn bản mã TCVN3 (phông chữ cũ .VnTime) đã được chuyển sang Unicode: 'name', 'full_name'" in notes
    assert "không có tệp .cpg: văn bản được đọc theo TCVN3 (tự nhận biết)" in notes
    dialog.close()


# -- tables -------------------------------------------------------------------------------------

def _population_table(ninh_binh) -> tuple[str, dict[str, int]]:
    """A CSV text naming every commune of Ninh Bình, with a population per commune code."""
    population = {code: 1000 + 7 * i for i, code in enumerate(ninh_binh["code"])}
    lines = ["Tên xã,Tỉnh,Dân số"] + [f"{name},Ninh Bình,{population[code]}"
                                     for code, name in zip(ninh_binh["code"], ninh_binh["full_name"])]
    return "\n".join(lines) + "\n", population


@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni], ids=["TCVN3", "VNI"])
def test_a_legacy_csv_joins_to_the_boundaries_by_name(ninh_binh, tmp_path, encode):
    text, population = _population_table(ninh_binh)
    path = tmp_path / "dan_so.csv"
    path.write_bytes(encode(text))
    table = read_table(path)
    assert table.keys["name"] == "Tên xã" and table.indicators["population"] == "Dân số"
    assert table.encoding == ("TCVN3" if encode is encode_tcvn3 else "VNI-Windows")
    result = join_table(ninh_binh, path, province="37")
    assert result.report.by_method["name"] == len(ninh_binh)
    joined = result.frame.set_index("code")["population"]
    assert {code: int(joined[code]) for code in population} == population
    assert any("converted to Unicode: 'Tên xã', 'Tỉnh'" in w for w in result.report.warnings)


def test_gismap_info_of_a_legacy_table_names_its_encoding(ninh_binh, tmp_path, capsys):
    path = tmp_path / "dan_so.csv"
    path.write_bytes(encode_tcvn3(_population_table(ninh_binh.head(5))[0]))
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "dan_so: table of 5 rows, header on row 1" in out
    assert "  encoding TCVN3\n" in out
    assert "  note     text in TCVN3 (the old .VnTime fonts) converted to Unicode: 'Tên xã', 'Tỉnh'" in out
    assert "columns  Tên xã (name), Tỉnh (prov_name), Dân số (population)" in out
    assert main(["info", "--json", str(path)]) == 0
    (described,) = json.loads(capsys.readouterr().out)["tables"]
    assert described["encoding"] == "TCVN3" and described["rows"] == 5


def _workbook(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_an_xlsx_whose_cells_are_vnitime_renderings_is_converted(tmp_path):
    names = ["Phường Phủ Lý", "Xã Bình Lục", "Phường Nam Định", "Xã Vĩnh Trụ"]
    path = _workbook(tmp_path / "vntime.xlsx", [[rendering(encode_tcvn3(h)) for h in ("Tên xã", "Số trạm BTS 4G")]]
                     + [[rendering(encode_tcvn3(n)), i] for i, n in enumerate(names)])
    table = read_table(path)
    assert table.frame[table.keys["name"]].tolist() == names
    assert table.encoding == "TCVN3"


def test_a_vni_workbook_read_through_calamine_is_converted(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("VNI")
    rows = [["Tên xã", "Dân số"], ["Xã Liêm Hà", 10], ["Phường Lý Thường Kiệt", 20], ["Xã Trần Thương", 30]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, rendering(encode_vni(value)) if isinstance(value, str) else value)
    book.save(str(tmp_path / "vni.xls"))
    table = read_table(tmp_path / "vni.xls")
    assert table.frame["Tên xã"].tolist() == [row[0] for row in rows[1:]]
    assert table.encoding == "VNI-Windows"


def test_a_sheet_mixing_unicode_and_tcvn3_converts_each_cell_by_what_it_is(tmp_path):
    cells = [
        ("Phường Phủ Lý", "Phường Phủ Lý"),  # genuine Unicode
        ("Xã Thanh Liêm", "Xã Thanh Liêm"),
        (rendering(encode_tcvn3("Phường Đồng Văn")), "Phường Đồng Văn"),  # TCVN3, seen as cp1252
        (rendering(encode_tcvn3("Xã Nam Xang")), "Xã Nam Xang"),
        ("Nói", "Nói"),  # Unicode "Nói", or TCVN3 bytes of "Núi": both Vietnamese, left as read
    ]
    path = _workbook(tmp_path / "mixed.xlsx", [["Tên xã", "Dân số"]] + [[raw, i] for i, (raw, _) in enumerate(cells)])
    table = read_table(path)
    assert table.frame["Tên xã"].tolist() == [expected for _, expected in cells]
    assert table.encoding == "Unicode + TCVN3"
    notes = " | ".join(table.warnings)
    # The header counts as Unicode: read as it is, it is a known header.
    assert "'Tên xã' mixes encodings (cells: Unicode 3, TCVN3 2); each cell was read in its own" in notes
    assert "'Tên xã': 1 cell spells Vietnamese in more than one encoding (TCVN3, Unicode) and was left as " \
           "read; check it" in notes


def test_in_a_sheet_wholly_in_tcvn3_a_cell_that_also_spells_unicode_follows_its_column(tmp_path):
    names = ["Lộc", "Tú", "Xã Bình Lục", "Xã Nam Xang"]  # shown in cp1252 as "Léc" and "Tó", Vietnamese too
    path = _workbook(tmp_path / "tcvn3.xlsx", [[rendering(encode_tcvn3(h)) for h in ("Tên xã", "Dân số")]]
                     + [[rendering(encode_tcvn3(n)), 1] for n in names])
    table = read_table(path)
    assert table.frame["Tên xã"].tolist() == names
    assert not any("left as read" in w for w in table.warnings)


def test_unicode_headers_over_tcvn3_rows_are_kept_and_the_rows_converted(tmp_path):
    rows = [["Mã xã", "Tên xã"], ["13504", rendering(encode_tcvn3("Xã Bình Lục"))],
            ["13591", rendering(encode_tcvn3("Xã Nam Xang"))], ["00001", rendering(encode_tcvn3("Lộc"))]]
    table = read_table(_workbook(tmp_path / "template.xlsx", rows))
    assert table.keys == {"code": "Mã xã", "name": "Tên xã"}  # as read: in TCVN3 they would be "Mó xó", "Tờn xó"
    assert table.frame["Tên xã"].tolist() == ["Xã Bình Lục", "Xã Nam Xang", "Léc"]
    assert "'Tên xã': 1 cell spells Vietnamese in more than one encoding (TCVN3, Unicode) and was left as read; " \
           "check it" in table.warnings


def test_two_legacy_codes_in_one_file_are_both_found(tmp_path):
    path = _workbook(tmp_path / "both.xlsx", [["Tên xã", "Ghi chú"]] + [
        [rendering(encode_tcvn3(name)), rendering(encode_vni(note))]
        for name, note in [("Xã Bình Lục", "Đã có cáp quang"), ("Xã Nam Xang", "Chưa phủ sóng 5G")]])
    table = read_table(path)
    assert table.frame["Tên xã"].tolist() == ["Xã Bình Lục", "Xã Nam Xang"]
    assert table.frame["Ghi chú"].tolist() == ["Đã có cáp quang", "Chưa phủ sóng 5G"]
    assert table.encoding == "TCVN3 + VNI-Windows + Unicode"  # the headers are Unicode
    notes = " | ".join(table.warnings)
    assert "text in TCVN3 (the old .VnTime fonts) converted to Unicode: 'Tên xã'" in notes
    assert "text in VNI-Windows (the old VNI-Times fonts) converted to Unicode: 'Ghi chú'" in notes


def test_a_column_of_tcvn3_and_vni_cells_reads_each_in_its_own(tmp_path):
    names = ["Xã Bình Lục", "Phường Nam Định", "Xã Trần Thương", "Phường Lý Thường Kiệt"]
    path = tmp_path / "hai_bang_ma.csv"
    path.write_bytes(encode_tcvn3("Tên xã,Dân số\n") + b"".join(
        (encode_tcvn3 if i % 2 else encode_vni)(name) + f",{i}\n".encode() for i, name in enumerate(names)))
    table = read_table(path)
    assert table.frame["Tên xã"].tolist() == names
    assert "'Tên xã' mixes encodings (cells: TCVN3 3, VNI-Windows 2); each cell was read in its own" in table.warnings


WESTERN = ["Müller", "São Paulo", "café", "Zürich", "Hélène Noël", "naïve", "Ångström", "Straße", "España",
           "Québec", "Düsseldorf", "Françoise", "Hà Nội", "Bình Minh", "Tân Hòa"]


def test_western_and_genuine_vietnamese_text_is_left_alone(tmp_path):
    path = _workbook(tmp_path / "western.xlsx", [["Tên", "Số"]] + [[name, i] for i, name in enumerate(WESTERN)])
    table = read_table(path)
    assert table.frame["Tên"].tolist() == WESTERN
    assert table.encoding == "Unicode"
    assert not any("encoding" in w or "converted" in w for w in table.warnings)


def test_western_text_in_windows_bytes_is_not_taken_for_tcvn3_or_vni(tmp_path):
    path = tmp_path / "western.csv"
    path.write_bytes(("Tên,Số\n" + "".join(f"{n},{i}\n" for i, n in enumerate(WESTERN[:12]))).encode("cp1258",
                                                                                                      "replace"))
    table = read_table(path)
    assert table.encoding == "CP1258"
    assert "Müller" in table.frame["Tên"].tolist() and "café" in table.frame["Tên"].tolist()
    assert not any("converted" in w for w in table.warnings)


def test_a_tcvn3_site_list_gets_its_names_converted(tmp_path):
    path = tmp_path / "tram.csv"
    path.write_bytes(encode_tcvn3("Tên trạm,Kinh độ,Vĩ độ\nTrạm Phủ Lý,105.92,20.54\nTrạm Nam Định,106.17,20.42\n"))
    layer = read_layer(path)
    assert layer.frame["Tên trạm"].tolist() == ["Trạm Phủ Lý", "Trạm Nam Định"]
    assert layer.encoding == "TCVN3"
    assert any("converted to Unicode: 'Tên trạm'" in w for w in layer.warnings)


def test_a_geopackage_exported_from_a_tcvn3_shapefile_is_converted(tmp_path):
    frame = gpd.GeoDataFrame({"ten": [rendering(encode_tcvn3(n)) for n in ("Trạm Phủ Lý", "Trạm Bình Lục")]},
                             geometry=[Point(105.9, 20.5), Point(106.0, 20.4)], crs=4326)
    frame.to_file(tmp_path / "sites.gpkg", engine="pyogrio")
    layer = read_layer(tmp_path / "sites.gpkg")
    assert layer.frame["ten"].tolist() == ["Trạm Phủ Lý", "Trạm Bình Lục"]
    assert layer.encoding == "TCVN3"
