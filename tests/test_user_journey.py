"""A planner's path through the real main window, end to end.

Start on an empty map, add the Ninh Bình communes, join the legacy Hà Nam report through the
wizard (crosswalked to the 2025 communes), classify an indicator, select a commune in the
attribute table and see it on the map, save and reopen the project, export a PNG and a
GeoPackage. Every step asserts what the user would check: codes, values, colours, files.
"""

from __future__ import annotations

import shutil

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QWizard

from gismap.core.classify import feature_colors
from gismap.core.document import MapDocument
from gismap.core.paths import coverage_dir
from gismap.render.canvas import SELECTION_FILL
from gismap.ui.export_dialogs import LayerExportDialog, MapSnapshotDialog
from gismap.ui.join_wizard import JoinWizard
from gismap.ui.main_window import MainWindow
from gismap.ui.tasks import background_idle
from ui_helpers import ScriptedDialogs, canvas_pixel, choose, copy_shapefile, export, wait_for_current_frame, wait_page

PHU_LY = "13285"  # Phường Phủ Lý: 2025 commune made of former Hà Nam communes
LEGACY_TABLE = "ha_nam_2024_legacy.csv"  # Windows-1258, legacy codes, crosswalked on join


@pytest.fixture
def window(qtbot):
    window = MainWindow(MapDocument(title="Hạ tầng số Ninh Bình"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window  # qtbot closes it after the test; closeEvent stops the render thread


def _loaded(qtbot, window, count: int) -> None:
    qtbot.waitUntil(lambda: len(window.document.layers) == count and background_idle()
                    and all(layer.data is not None for layer in window.document.layers), timeout=30000)


def _make_current(window, layer) -> None:
    """Click the layer in the Layers panel (what makes it the one the panels and actions use)."""
    panel = window.layer_panel
    item = next(panel.item(i) for i in range(panel.count()) if panel.layer_of(panel.item(i)) is layer)
    panel.setCurrentItem(item)


def _row_of(layer, code: str) -> int:
    return int(np.flatnonzero(layer.data.frame["code"].to_numpy() == code)[0])


def _show_commune(qtbot, window, layer, row: int) -> tuple[float, float]:
    """Zoom the canvas onto a commune, wait for the background frame; its interior point."""
    geometry = layer.data.frame.geometry.values[row]
    window.canvas.zoom_to(geometry.bounds)
    wait_for_current_frame(qtbot, window.canvas)
    point = shapely.point_on_surface(geometry)
    return point.x, point.y


def _class_colour(layer, row: int) -> QColor:
    return QColor(*(int(v) for v in feature_colors(layer.data.frame, layer.style)[row][:3]))


def _selected_colour(base: QColor) -> QColor:
    """The selection fill (translucent) composed over ``base``, as the canvas engine paints it."""
    alpha = SELECTION_FILL.alpha() / 255
    return QColor(*(round(s * alpha + b * (1 - alpha)) for s, b in (
        (SELECTION_FILL.red(), base.red()), (SELECTION_FILL.green(), base.green()),
        (SELECTION_FILL.blue(), base.blue()))))


def _close(a: QColor, b: QColor, tolerance: int = 3) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def test_dropping_layer_files_on_the_window_adds_them(qtbot, window, tmp_path):
    shapefile = copy_shapefile("communes_37", tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a layer", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(shapefile)), QUrl.fromLocalFile(str(notes))])
    position = QPoint(600, 400)
    enter = QDragEnterEvent(position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(position), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    _loaded(qtbot, window, 1)  # the .txt is ignored
    layer = window.document.layers[0]
    assert (layer.name, layer.source) == ("communes_37", shapefile)
    assert len(layer.data.frame) == 129
    assert window.layer_panel.count() == 1 and window.layer_panel.item(0).text() == "communes_37"
    wait_for_current_frame(qtbot, window.canvas)
    # The canvas opened on the new layer: Phủ Lý is inside the view and painted in the layer's fill.
    x, y = _show_commune(qtbot, window, layer, _row_of(layer, PHU_LY))
    assert canvas_pixel(window.canvas, x, y).name() == QColor(layer.style.fill).name()

    # Dragging only non-layer files is refused.
    text_only = QMimeData()
    text_only.setUrls([QUrl.fromLocalFile(str(notes))])
    refused = QDragEnterEvent(position, Qt.DropAction.CopyAction, text_only, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    refused.ignore()
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()


def test_planner_journey(qtbot, window, tmp_path):
    data = tmp_path / "data"
    shapefile = copy_shapefile("communes_37", data)
    table = data / LEGACY_TABLE
    shutil.copy(coverage_dir() / LEGACY_TABLE, table)
    document = window.document

    # -- add a layer (the path the file dialog and drag-and-drop take) --------------------------
    layer = window.add_layer_file(shapefile)
    _loaded(qtbot, window, 1)
    assert len(layer.data.frame) == 129
    phu_ly = _row_of(layer, PHU_LY)
    assert layer.data.frame["name"].iloc[phu_ly] == "Phủ Lý"
    _make_current(window, layer)
    assert window.attribute_table.model.rowCount() == 129
    assert window.join_action.isEnabled()

    # -- join the legacy Hà Nam report through the wizard, page by page ----------------------------
    window.join_action.trigger()
    wizard = window.findChild(JoinWizard)
    assert wizard is not None and wizard.isVisible() and wizard.map_layer is layer
    wizard.table_page.path_edit.setText(str(table))
    assert wizard.table_page.isComplete()
    wait_page(qtbot, wizard, wizard.preview_page, lambda: wizard.parsed is not None)
    assert len(wizard.parsed.raw) == 98  # former Hà Nam communes
    assert wizard.preview_page.rows.item(0, 1).text() == "Phường Quang Trung"  # Windows-1258 decoded
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.parsed.columns["Mã xã"] == "code" and wizard.parsed.columns["Dân số"] == "population"
    assert wizard.mapping_page.overrides() == {}
    wait_page(qtbot, wizard, wizard.report_page, lambda: wizard.preview is not None and not wizard.busy)
    report = wizard.preview.reports[-1]
    assert report.legacy and report.by_method["crosswalk"] == 98
    # The sample report has no ambiguous or unmatched row, so there is nothing to resolve by hand.
    assert (report.ambiguous, report.unmatched_rows) == ([], [])
    assert wizard.report_page.problems.rowCount() == 0
    assert "population" not in layer.data.frame  # the preview leaves the layer alone
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.join_applied, timeout=30000):
        finish.click()
    joined = layer.data.frame.set_index("code")
    assert (joined.loc[PHU_LY, "population"], joined.loc[PHU_LY, "fiber_hamlet_pct"]) == (74522, 100.0)
    assert joined.loc[PHU_LY, "join_method"] == "crosswalk"
    assert int(joined["has_data"].sum()) == 33
    assert [(step.table, step.resolutions) for step in layer.recipe] == [(table.resolve(), {})]
    assert window.join_report_panel.report is not None
    assert "98" in window.join_report_panel.summary.text()
    assert window.style_panel.column_combo.findData("fiber_hamlet_pct") > 0  # joined columns offered

    # -- classify an indicator in the style panel ----------------------------------------------
    panel = window.style_panel
    choose(panel.column_combo, "population")
    choose(panel.scheme_combo, "natural_breaks")
    panel.k_spin.setValue(4)
    qtbot.waitUntil(lambda: layer.style.column == "population", timeout=5000)
    assert (layer.style.scheme, layer.style.k) == ("natural_breaks", 4)
    entries = window.legend_panel.entries()
    assert sum(entry.count for entry in entries) == 129
    assert [entry.count for entry in entries if entry.no_data] == [129 - 33]
    assert len([entry for entry in entries if not entry.no_data]) == 4
    assert window.legend_panel.tree.topLevelItemCount() == len(entries)
    x, y = _show_commune(qtbot, window, layer, phu_ly)
    class_colour = _class_colour(layer, phu_ly)
    assert class_colour.name() != QColor(layer.style.no_data).name()
    assert canvas_pixel(window.canvas, x, y).name() == class_colour.name()

    # -- select Phủ Lý in the attribute table and see it selected on the map ------------------------
    table_view = window.attribute_table.view
    index = window.attribute_table.model.index(int(window.attribute_table.model.model_rows([phu_ly])[0]), 0)
    table_view.scrollTo(index)
    qtbot.mouseClick(table_view.viewport(), Qt.MouseButton.LeftButton, pos=table_view.visualRect(index).center())
    assert list(document.selected(layer)) == [phu_ly]
    assert list(document.selection) == [layer.id]
    wait_for_current_frame(qtbot, window.canvas)
    assert _close(canvas_pixel(window.canvas, x, y), _selected_colour(class_colour))
    document.clear_selection()

    # -- save the project, then open it again in the window ---------------------------------------
    dialogs = ScriptedDialogs()
    window.projects.dialogs = dialogs
    project = tmp_path / "ninh_binh.gismap"
    dialogs.paths = [project]
    window.projects.save_as_action.trigger()
    assert project.is_file() and not window.projects.modified
    saved_extent = document.extent
    saved_style = layer.style

    dialogs.paths = [project]
    window.projects.open_action.trigger()
    assert dialogs.asked == ["save_as", "open"]  # nothing unsaved: no question before opening
    assert window.document is not document
    _loaded(qtbot, window, 1)
    reopened = window.document.layers[0]
    assert (reopened.name, reopened.source) == ("communes_37", shapefile)
    assert reopened.style == saved_style
    assert reopened.recipe == layer.recipe
    assert reopened.data.frame.set_index("code").loc[PHU_LY, "population"] == 74522  # join replayed
    assert window.document.extent == pytest.approx(saved_extent, abs=1e-9)
    assert window.canvas.viewport.extent == pytest.approx(saved_extent, abs=1e-3)
    assert window.windowTitle().startswith("Hạ tầng số Ninh Bình")
    _make_current(window, reopened)
    assert window.style_panel.column_combo.currentData() == "population"
    assert sum(entry.count for entry in window.legend_panel.entries()) == 129
    x, y = _show_commune(qtbot, window, reopened, phu_ly)
    assert canvas_pixel(window.canvas, x, y).name() == class_colour.name()

    # -- export a PNG snapshot and the joined layer as a GeoPackage ---------------------------------
    window.snapshot_action.trigger()
    snapshot = window.findChild(MapSnapshotDialog)
    assert snapshot is not None and snapshot.isVisible()
    snapshot.width_spin.setValue(800)
    snapshot.height_spin.setValue(500)
    snapshot.dpi_spin.setValue(96)
    png = export(qtbot, snapshot, tmp_path / "out" / "map.png")
    image = QImage(str(png))
    assert (image.width(), image.height()) == (800, 500)
    colours = {QColor(image.pixel(px, py)).name() for px in range(0, 800, 3) for py in range(0, 500, 3)}
    assert class_colour.name() in colours and QColor(layer.style.no_data).name() in colours

    window.export_layer_action.trigger()
    layer_dialog = window.findChild(LayerExportDialog)
    assert layer_dialog is not None and layer_dialog.map_layer is reopened
    gpkg = export(qtbot, layer_dialog, tmp_path / "out" / "communes.gpkg")
    written = gpd.read_file(gpkg).set_index("code")
    original = reopened.data.frame.set_index("code")
    assert len(written) == 129 and set(written.index) == set(original.index)
    assert (written["name"] == original.loc[written.index, "name"]).all()
    assert written.loc[PHU_LY, "name"] == "Phủ Lý"
    assert written.loc[PHU_LY, "population"] == 74522
    assert written["population"].notna().sum() == 33
