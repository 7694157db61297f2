"""The Qt translations: complete in Vietnamese, faithful to placeholders, compiled, loadable.

The strings are extracted afresh from the current code with lupdate (into a temporary file),
so a string added without its Vietnamese translation fails here until
``python scripts/update_translations.py`` is run and the new entry is translated.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts/update_translations.py")
update_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_translations)

TRANSLATIONS = update_translations.TRANSLATIONS
# {0}, {name}, {2:.2f}; %n; %1, %L1.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")
ACCELERATOR = re.compile(r"&(?!&)")


def read_ts(path: Path) -> dict[tuple[str, str, str, bool], list[str] | None]:
    """(context, source, comment, numerus) -> translated forms, or None while unfinished."""
    messages = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        context_name = context.findtext("name")
        for message in context.iter("message"):
            numerus = message.get("numerus") == "yes"
            translation = message.find("translation")
            forms = ([form.text or "" for form in translation.iter("numerusform")] if numerus
                     else [translation.text or ""])
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            key = (context_name, message.findtext("source"), message.findtext("comment") or "", numerus)
            messages[key] = forms if finished and all(forms) else None
    return messages


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str, str, bool]]:
    """Every translatable string of the current code, as lupdate finds it."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh_vi.ts"
    update_translations.run_lupdate(fresh, "vi")
    return set(read_ts(fresh))


@pytest.fixture(scope="module")
def vietnamese() -> dict:
    return read_ts(update_translations.ts_path("vi"))


@pytest.fixture(scope="module")
def english() -> dict:
    return read_ts(update_translations.ts_path("en"))


def test_lupdate_finds_the_interface_strings(extracted):
    assert len(extracted) > 100
    assert ("MainWindow", "&File", "", False) in extracted


def test_no_tr_call_hides_its_text_from_lupdate():
    assert update_translations.unextractable_calls() == []


def test_every_string_of_the_code_has_a_vietnamese_translation(extracted, vietnamese):
    untranslated = sorted(f"{context}: {source!r}" for context, source, comment, numerus in extracted
                          if vietnamese.get((context, source, comment, numerus)) is None)
    assert not untranslated, ("run `python scripts/update_translations.py` and translate in "
                              "resources/translations/gismap_vi.ts:\n" + "\n".join(untranslated))


def test_english_gives_both_plural_forms_of_every_count(extracted, english):
    counted = [key for key in extracted if key[3]]
    assert counted
    for key in counted:
        forms = english.get(key)
        assert forms is not None and len(forms) == 2 and forms[0] != forms[1], key


def _all_translations():
    for path in (*update_translations.qm_sources("vi"), update_translations.ts_path("en")):
        for (context, source, _comment, _numerus), forms in read_ts(path).items():
            for form in forms or ():
                yield path.name, context, source, form


def test_translations_keep_placeholders_and_one_accelerator():
    checked = 0
    for file_name, context, source, translation in _all_translations():
        where = f"{file_name} {context}: {source!r} -> {translation!r}"
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(source)), where
        if ACCELERATOR.search(source):
            assert len(ACCELERATOR.findall(translation)) == 1, where
        checked += 1
    assert checked > 150


@pytest.mark.parametrize("language", update_translations.LANGUAGES)
def test_committed_qm_matches_its_ts_sources(language, tmp_path):
    compiled = update_translations.compile_qm(language, out_dir=tmp_path)
    committed = TRANSLATIONS / compiled.name
    assert committed.read_bytes() == compiled.read_bytes(), \
        f"{committed.name} is stale: run `python scripts/update_translations.py`"


@pytest.fixture
def installed(qapp):
    """Install the compiled translation of a language for the test's duration."""
    translators = []

    def install(language: str) -> QTranslator:
        translator = QTranslator()
        assert translator.load(f"gismap_{language}", str(TRANSLATIONS))
        qapp.installTranslator(translator)
        translators.append(translator)
        return translator

    yield install
    for translator in translators:
        qapp.removeTranslator(translator)


def test_vietnamese_interface_and_standard_buttons(installed):
    installed("vi")
    assert QCoreApplication.translate("MainWindow", "&File") == "&Tệp"
    assert QCoreApplication.translate("MainWindow", "Attribute Table") == "Bảng thuộc tính"
    assert QCoreApplication.translate("JoinReportPanel", "%n row(s) ambiguous (not applied).", "", 3) \
        == "3 dòng không rõ ràng (không áp dụng)."
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(button.text() for button in buttons.buttons()) == ["Hủy", "Đồng ý"]
    assert QCoreApplication.translate("QWizard", "&Next >") == "&Tiếp >"


def test_english_plural_forms(installed):
    installed("en")
    source = "%n row(s) ambiguous (not applied)."
    assert QCoreApplication.translate("JoinReportPanel", source, "", 1) == "1 row ambiguous (not applied)."
    assert QCoreApplication.translate("JoinReportPanel", source, "", 2) == "2 rows ambiguous (not applied)."
    assert QCoreApplication.translate("JoinReportPanel", "%n commune(s) appear twice (not applied).", "", 1) \
        == "1 commune appears twice (not applied)."


def test_core_errors_and_notes_show_in_the_interface_language(installed, tmp_path):
    import geopandas as gpd
    import shapely

    from gismap.core.errors import GismapError
    from gismap.core.layers import read_layer
    from gismap.core.tables import read_table
    from gismap.ui.i18n import error_text, translated

    missing = tmp_path / "thiếu.shp"
    with pytest.raises(GismapError) as layer_error:
        read_layer(missing)
    (tmp_path / "notes.txt").write_text("Mã xã,Dân số\n", encoding="utf-8")
    with pytest.raises(GismapError) as table_error:
        read_table(tmp_path / "notes.txt", sheet="Sheet1")
    # The command line (and str()) keeps the English.
    assert str(layer_error.value) == f"{missing}: no such file. Check the path, or use File > Add Layer."

    installed("vi")
    assert error_text(layer_error.value) == \
        f"{missing}: không có tệp này. Hãy kiểm tra đường dẫn, hoặc dùng Tệp > Thêm lớp."
    assert error_text(table_error.value) == "notes.txt: chỉ sổ tính Excel mới có trang tính; tệp CSV chỉ có một bảng."
    bowtie = shapely.Polygon([(105, 20), (106, 21), (106, 20), (105, 21), (105, 20)])
    gpd.GeoDataFrame({"code": ["1"]}, geometry=[bowtie], crs=4326).to_file(tmp_path / "bad.gpkg", engine="pyogrio")
    layer = read_layer(tmp_path / "bad.gpkg")
    layer.wait_repaired()
    assert [translated(w) for w in layer.warnings] == ["đã sửa 1 hình học không hợp lệ"]
    assert error_text(IndexError("list index out of range")) == \
        "lỗi GISMap không lường trước; chi tiết nằm trong báo cáo lỗi"  # Python's text is for the report


def test_join_report_reads_in_the_interface_language(installed):
    import pandas as pd

    from gismap.core.join import join_table
    from gismap.core.layers import read_layer
    from gismap.core.paths import shapefiles_dir
    from gismap.ui.i18n import translated

    frame = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    table = pd.DataFrame({"Tên xã": ["Phủ Lý", "Xã Không Có", "Tổng cộng"], "Dân số": [1000, 20, 1020]})
    report = join_table(frame, table).report
    english = report.to_text()
    assert "rows matched (1 by name)" in english and "not matched (no commune named 'Xã Không Có')" in english

    installed("vi")
    vietnamese = report.to_text(translated)
    assert "1 dòng đã ghép (1 theo tên)" in vietnamese
    assert "dòng 3: không ghép được (không có xã nào tên 'Xã Không Có')" in vietnamese
    assert "bị loại (dòng tổng)" in vietnamese
    assert vietnamese.count("\n") == english.count("\n")


def test_the_toolbar_has_icons_and_fits_a_1366_pixel_screen_in_vietnamese(installed, qtbot):
    from PySide6.QtWidgets import QToolButton

    from gismap.core.document import default_document
    from gismap.ui.main_window import MainWindow

    installed("vi")
    window = MainWindow(default_document())
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the toolbar lays its buttons out after the window's first resize
    toolbar = window.map_toolbar
    actions = [action for action in toolbar.actions() if not action.isSeparator()]
    assert actions and all(not action.icon().isNull() for action in actions)
    tips = {action.toolTip() for action in actions}
    assert "Di chuyển bản đồ (P)" in tips and not any("&" in tip for tip in tips)
    # Qt shows the » button when some actions do not fit.
    overflow = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible()
    assert all(toolbar.widgetForAction(action).isVisible() for action in actions)


def test_the_about_box_credits_everything_in_vietnamese(installed, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gismap.core.document import default_document
    from gismap.core.paths import BOUNDARY_ATTRIBUTION, CROSSWALK_ATTRIBUTION
    from gismap.ui.main_window import MainWindow

    installed("vi")
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    window = MainWindow(default_document())
    qtbot.addWidget(window)
    window.show_about()
    (title, text), = shown
    assert title == QCoreApplication.translate("MainWindow", "About GISMap") != "About GISMap"
    assert BOUNDARY_ATTRIBUTION in text and CROSSWALK_ATTRIBUTION in text
    assert "Biểu tượng: Material Design Icons 6.9.96" in text and "Icons:" not in text
