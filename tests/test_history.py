"""Undo and redo of document commands, in the core and from the window (Ctrl+Z / Ctrl+Shift+Z)."""

from __future__ import annotations

from gismap.core.document import MapDocument, MapLayer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.recipe import JoinStep


def _document() -> tuple[MapDocument, MapLayer, MapLayer]:
    document = MapDocument(title="Bản đồ")
    first = MapLayer(name="Ninh Bình", source=shapefiles_dir() / "communes_37.parquet")
    second = MapLayer(name="Tỉnh", source=shapefiles_dir() / "provinces_vn_2025_overview.shp")
    document.layers = [first, second]  # as a project opens: nothing to undo yet
    first.load(check_geometry=False)
    return document, first, second


def test_every_command_undoes_and_redoes(qtbot):
    document, first, second = _document()
    history = document.history
    states = [document.to_dict()]
    document.restyle(first, column="area_km2", scheme="natural_breaks")
    document.update_layer(second, visible=False)
    document.move_layer(second, 0)
    document.set_title("Cáp quang", "2025")
    document.add_step(first, JoinStep(table=coverage_dir() / "coverage_2025_by_code.csv"))
    document.remove_layer(second)
    states.append(document.to_dict())
    assert "population" in first.data.frame and history.undo_text == "Remove layer Tỉnh"
    for _ in range(6):
        history.undo()
    assert document.to_dict() == states[0] and "population" not in first.data.frame
    assert history.undo_text is None and history.redo_text == "Change layer Ninh Bình"
    for _ in range(6):
        history.redo()
    assert document.to_dict() == states[1] and "population" in first.data.frame


def test_a_slider_is_one_step_and_a_new_command_ends_the_redos():
    document, first, _ = _document()
    for opacity in (0.9, 0.7, 0.5, 0.3):
        document.update_layer(first, opacity=opacity)
    document.history.undo()
    assert first.opacity == 1.0
    document.history.redo()
    assert first.opacity == 0.3
    document.history.undo()
    document.update_layer(first, visible=False)
    assert document.history.redo_text is None


def test_the_window_undoes_with_ctrl_z(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gismap.ui.main_window import MainWindow

    document, first, _ = _document()
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.show()
    QApplication.setActiveWindow(window)  # offscreen windows are not activated by showing them
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    document.restyle(first, column="area_km2")
    assert window.undo_action.isEnabled() and "Ninh Bình" in window.undo_action.text()
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.redo_action.shortcut().toString() == "Ctrl+Shift+Z"
    window.layer_panel.setFocus()  # a text box with the focus keeps Ctrl+Z for its own text, as everywhere
    qtbot.keyClick(window.layer_panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert first.style.column is None
    qtbot.keyClick(window.layer_panel, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert first.style.column == "area_km2"
    window.canvas.shutdown()


def test_a_fresh_map_has_nothing_to_undo_and_no_op_changes_are_not_steps():
    from gismap.core.document import default_document

    document = default_document()
    assert document.history.undo_text is None
    document.set_title(document.title)
    document.update_layer(document.layers[0], visible=document.layers[0].visible)
    document.reorder(list(document.layers))
    assert document.history.undo_text is None


def test_different_style_edits_are_different_steps():
    document, first, _ = _document()
    document.restyle(first, column="area_km2")
    document.restyle(first, scheme="equal_interval")
    document.restyle(first, cmap="OrRd")
    document.history.undo()
    assert (first.style.column, first.style.scheme, first.style.cmap) == ("area_km2", "equal_interval", "YlGnBu")
    document.history.undo()
    assert first.style.scheme == "quantiles" and first.style.column == "area_km2"
    document.restyle(first, scheme="manual", breaks=[10.0, 20.0])
    for breaks in ([12.0, 20.0], [14.0, 20.0], [16.0, 20.0]):  # one drag of a break
        document.restyle(first, breaks=breaks)
    document.history.undo()
    assert first.style.breaks == [10.0, 20.0]  # the whole drag at once
    document.history.undo()
    assert first.style.breaks is None and first.style.scheme == "quantiles"


def test_the_same_file_twice_is_two_layers():
    document, first, _ = _document()
    twin = document.add_layer(MapLayer(name=first.name, source=first.source))
    assert twin.definition() == first.definition() and twin is not first
    document.remove_layer(twin)
    assert first in document.layers and twin not in document.layers


def test_a_layer_whose_join_fails_is_mended_by_removing_the_join(tmp_path):
    from gismap.core.errors import GismapError

    (tmp_path / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    document = MapDocument()
    layer = MapLayer(name="Xã", source=shapefiles_dir() / "communes_37.parquet", recipe=[JoinStep(table=tmp_path / "bad.csv")])
    document.layers = [layer]
    try:
        layer.load(check_geometry=False)
    except GismapError as exc:
        document.loaded(layer, exc)
    assert layer.data is None and layer.load_error is not None
    document.remove_step(layer, 0)
    assert layer.recipe == [] and len(layer.data.frame) == 129 and layer.load_error is None


def test_a_count_may_not_take_a_name_the_layer_has():
    import pytest

    from gismap.core.errors import GismapError

    document, first, _ = _document()
    document.add_step(first, JoinStep(table=coverage_dir() / "coverage_2025_by_code.csv"))
    with pytest.raises(GismapError, match="already has a column 'bts_5g'"):
        document.count_sites(first, "bts_5g", MapLayer(name="Trạm", source=coverage_dir() / "tram_5g_mau.csv"))
