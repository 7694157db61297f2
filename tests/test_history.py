"""Undo and redo of document commands, in the core and from the window (Ctrl+Z / Ctrl+Shift+Z)."""

from __future__ import annotations

from gismap.core.document import MapDocument, MapLayer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.recipe import JoinStep


def _document() -> tuple[MapDocument, MapLayer, MapLayer]:
    document = MapDocument(title="Bản đồ")
    first = MapLayer(name="Ninh Bình", source=shapefiles_dir() / "communes_37.shp")
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
