"""Every province's map: the province asked at first start, File › New Map for Province…, and
`gismap project init --province` for each of the 34."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from gismap.cli import main
from gismap.core.document import MapLayer, province_document, provinces
from gismap.core.errors import GismapError
from gismap.core.paths import shapefiles_dir
from gismap.core.project import open_project
from gismap.ui.main_window import MainWindow
from gismap.ui.province_dialog import PROVINCE_SETTING, PROVINCE_VARIABLE, ProvinceDialog, start_choice
from ui_helpers import ScriptedDialogs

SAMPLE_PROVINCES = {"31", "37", "38", "92"}


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _communes(document) -> list[MapLayer]:
    return [layer for layer in document.layers if layer.source.stem.removeprefix("communes_").isdigit()]


@pytest.mark.parametrize("code", sorted(provinces()["code"]))
def test_every_province_has_a_map_of_its_communes(code):
    document = province_document(code)
    [communes] = _communes(document)
    assert communes.source == shapefiles_dir() / f"communes_{code}.parquet" and communes.source.exists()
    names = [layer.source.name for layer in document.layers]
    # Over the national backdrop, under the province outlines.
    assert names.index("communes_vn_2025_overview.shp") < names.index(communes.source.name) \
        < names.index("provinces_vn_2025_overview.shp")
    row = provinces().set_index("code").loc[code]
    west, south, east, north = document.extent
    assert (west, south, east, north) == pytest.approx(tuple(row.geometry.bounds))
    assert row["full_name"] in document.title + document.subtitle
    if code in SAMPLE_PROVINCES:
        assert communes.style.column == "fiber_hamlet_pct" and communes.recipe
    else:  # no sample coverage data: drawn plain and labelled, nothing joined
        assert communes.style.column is None and not communes.recipe and communes.style.label_column == "name"
        assert communes.name == f"{row['name']} – xã, phường"


def test_a_province_map_loads_its_communes_at_full_detail():
    document = province_document("Lào Cai")
    [communes] = _communes(document)
    frame = communes.load().frame
    assert len(frame) == 99 and set(frame["prov_name"]) == {"Lào Cai"}
    assert document.title == "Tỉnh Lào Cai"


def test_an_unknown_province_is_refused_with_a_message():
    with pytest.raises(GismapError, match="no province 'Hà Tây'"):
        province_document("Hà Tây")


def test_project_init_for_a_province_without_sample_data(tmp_path, capsys):
    assert main(["project", "init", str(tmp_path / "hue.gismap"), "--province", "Hue"]) == 0
    document, missing = open_project(tmp_path / "hue.gismap")
    assert missing == []
    assert [layer.source.name for layer in _communes(document)] == ["communes_46.parquet"]
    assert main(["render", str(tmp_path / "hue.gismap"), "--out", str(tmp_path / "hue.png"), "--size", "600x400"]) == 0
    assert capsys.readouterr().err == ""


def test_the_dialog_offers_the_sample_map_first_then_the_provinces_in_vietnamese_order(qtbot):
    dialog = ProvinceDialog()
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(texts) == 35 and dialog.choice() == "" and dialog.list.currentRow() == 0
    assert "4" in texts[0]
    # The Vietnamese alphabet: a ă â b c d đ e ê g h i …; tones only break ties.
    assert texts[1:6] == ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ"]
    assert texts.index("Cần Thơ") < texts.index("Đà Nẵng") < texts.index("Điện Biên") \
        < texts.index("Gia Lai")
    assert texts.index("Hồ Chí Minh") < texts.index("Huế") < texts.index("Hưng Yên")
    assert texts[-1] == "Vĩnh Long"
    dialog.list.setCurrentRow(texts.index("Huế"))
    assert dialog.choice() == "46"


def test_the_dialog_starts_on_the_current_choice(qtbot):
    dialog = ProvinceDialog(current="37")
    qtbot.addWidget(dialog)
    assert dialog.list.currentItem().text() == "Ninh Bình"
    assert dialog.list.currentItem().data(Qt.ItemDataRole.UserRole) == "37"


def test_first_start_asks_once_and_remembers(settings, monkeypatch):
    monkeypatch.delenv(PROVINCE_VARIABLE)
    asked = []
    assert start_choice(settings, lambda: asked.append("asked") or None) == ""  # cancelled: the sample map
    assert settings.value(PROVINCE_SETTING) is None  # and asked again next time
    assert start_choice(settings, lambda: asked.append("asked") or "15") == "15"
    assert start_choice(settings, lambda: asked.append("asked") or "37") == "15"
    assert asked == ["asked", "asked"]
    settings.setValue(PROVINCE_SETTING, "99")  # no such province (a setting from another version)
    assert start_choice(settings, lambda: asked.append("asked") or "37") == "37"
    assert settings.value(PROVINCE_SETTING) == "37"
    settings.setValue(PROVINCE_SETTING, "")  # the sample map, chosen once
    assert start_choice(settings, lambda: asked.append("asked") or "37") == ""
    assert asked == ["asked", "asked", "asked"]


def test_the_environment_decides_without_asking(settings, monkeypatch):
    def never():
        raise AssertionError("asked")

    monkeypatch.setenv(PROVINCE_VARIABLE, "sample")
    assert start_choice(settings, never) == ""
    monkeypatch.setenv(PROVINCE_VARIABLE, "Thanh Hoa")
    assert start_choice(settings, never) == "38"
    assert settings.value(PROVINCE_SETTING) is None


@pytest.fixture
def window(qtbot, settings, tmp_path):
    window = MainWindow(province_document("37"))
    qtbot.addWidget(window)
    window.projects._settings = settings
    window.projects.dialogs = ScriptedDialogs()
    return window


def test_new_map_for_province_shows_that_province(window, settings):
    window.projects.dialogs.answers = ["15"]
    [action] = [a for a in window.file_menu.actions() if a is window.projects.new_province_action]
    action.trigger()
    assert window.projects.dialogs.asked == ["province (now sample)"]
    assert [layer.source.name for layer in _communes(window.document)] == ["communes_15.parquet"]
    assert window.document.title == "Tỉnh Lào Cai" and not window.projects.modified
    assert window.projects.project_path is None
    assert settings.value(PROVINCE_SETTING) == "15"  # the map GISMap opens with from now on


def test_new_map_for_province_offers_to_save_a_modified_map(window):
    dialogs = window.projects.dialogs
    before = window.document
    before.set_title("Kế hoạch")
    dialogs.answers = ["46", "cancel"]
    assert not window.projects.new_province_map()
    assert window.document is before and dialogs.asked == ["province (now sample)", "save_changes"]
    dialogs.answers = ["46", "discard"]
    assert window.projects.new_province_map()
    assert [layer.source.name for layer in _communes(window.document)] == ["communes_46.parquet"]


def test_cancelling_the_province_question_keeps_the_map(window):
    before = window.document
    window.projects.dialogs.answers = [None]
    assert not window.projects.new_province_map()
    assert window.document is before
