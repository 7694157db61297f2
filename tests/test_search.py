"""Commune search: ranking across provinces (core) and the search box (Qt)."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt

from gismap.core.document import MapDocument, MapLayer
from gismap.core.paths import shapefiles_dir
from gismap.core.search import CommuneIndex
from gismap.ui.search import CommuneSearch


@pytest.fixture(scope="module")
def document():
    document = MapDocument()
    for file in ("communes_vn_2025_overview.shp", "communes_37.parquet", "provinces_vn_2025_overview.shp"):
        document.add_layer(MapLayer(name=file.split(".")[0], source=shapefiles_dir() / file)).load()
    return document


@pytest.fixture(scope="module")
def index(document):
    return CommuneIndex(document)


def test_thanh_hoa_without_diacritics_across_provinces(index):
    hits = index.search("thanh hoa")
    assert {(hit.code, hit.province) for hit in hits[:3]} == {
        ("27865", "Tây Ninh"), ("28436", "Đồng Tháp"), ("31408", "Cần Thơ")}
    assert hits[0].label.endswith(hits[0].province) and " — " in hits[0].label
    # Typed with its diacritics (in NFD too), the exact spelling comes first.
    assert index.search(unicodedata.normalize("NFD", "Thạnh Hoá"))[0].code == "27865"


@pytest.mark.parametrize("text", ["xa an binh", "Xã An Bình", "P. An Bình", "an binh"])
def test_prefix_and_diacritics_do_not_matter(index, text):
    exact = [hit for hit in index.search(text) if hit.rank < 1]
    assert {(hit.code, hit.province) for hit in exact} == {
        ("05425", "Phú Thọ"), ("23614", "Gia Lai"), ("29954", "Đồng Tháp"),
        ("29584", "Vĩnh Long"), ("31150", "Cần Thơ")}


def test_province_narrows_and_typos_are_forgiven(index):
    assert [hit.code for hit in index.search("an binh, can tho")][0] == "31150"
    assert [hit.code for hit in index.search("an binh can tho")][0] == "31150"
    assert "31150" in [hit.code for hit in index.search("an bihn")]
    assert index.search("zzzz qqq") == []


def test_each_commune_once_from_top_layer_and_no_provinces(index, document):
    hits = index.search("phu ly")
    phu_ly = [hit for hit in hits if hit.code == "13285"]
    assert len(phu_ly) == 1 and phu_ly[0].layer is document.layer_by_name("communes_37")
    assert phu_ly[0].row == 0
    assert all(hit.layer.name != "provinces_vn_2025_overview" for hit in index.search("ninh binh"))
    assert len(index) == 3321


def test_search_box_emits_chosen_commune(qtbot, document):
    box = CommuneSearch(document)
    qtbot.addWidget(box)
    box.show()
    qtbot.keyClicks(box, "xa an binh")
    assert len({hit.province for hit in box.candidates() if hit.name == "An Bình"}) == 5
    assert box.completer().completionModel().rowCount() == len(box.candidates())
    with qtbot.waitSignal(box.commune_chosen) as signal:
        box.completer().popup().hide()
        qtbot.keyClick(box, Qt.Key.Key_Return)
    layer, row = signal.args
    assert layer.data.frame.name.iloc[row] == "An Bình"
    assert box.text() == box.candidates()[0].label


def test_search_box_follows_loaded_layers(qtbot):
    document = MapDocument()
    box = CommuneSearch(document)
    qtbot.addWidget(box)
    qtbot.keyClicks(box, "phu ly")
    assert box.candidates() == []
    document.add_layer(MapLayer(name="nb", source=shapefiles_dir() / "communes_37.parquet")).load()
    box.clear()
    qtbot.keyClicks(box, "phu ly")
    assert [hit.code for hit in box.candidates()] == ["13285"]


def test_picking_from_the_popup(qtbot, document):
    box = CommuneSearch(document)
    qtbot.addWidget(box)
    box.show()
    qtbot.keyClicks(box, "phu ly")
    popup = box.completer().popup()
    assert popup.isVisible()
    wanted = [hit.code for hit in box.candidates()].index("13285")
    for _ in range(wanted + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    with qtbot.waitSignal(box.commune_chosen) as signal:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert signal.args == [document.layer_by_name("communes_37"), 0]
