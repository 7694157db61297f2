"""Export dialogs: files are written by the engines in the background, re-open, and Cancel
leaves nothing behind."""

from __future__ import annotations

import geopandas as gpd
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QProgressDialog, QPushButton

from gismap.ui.tasks import background_idle
from gismap.ui.export_dialogs import HtmlExportDialog, LayerExportDialog, MapSnapshotDialog
from ui_helpers import commune_document, export


@pytest.fixture
def document():
    document, layer = commune_document("37", title="Hạ tầng số")
    document.restyle(layer, column="area_km2", k=4)
    return document


def test_snapshot_png_has_the_chosen_size_and_title(qtbot, document, tmp_path):
    dialog = MapSnapshotDialog(document)
    dialog.width_spin.setValue(640)
    dialog.height_spin.setValue(400)
    dialog.dpi_spin.setValue(80)
    dialog.title_edit.setText("Diện tích xã, Ninh Bình")
    path = export(qtbot, dialog, tmp_path / "map.png")
    image = QImage(str(path))
    assert (image.width(), image.height()) == (640, 400)
    assert document.title == "Diện tích xã, Ninh Bình"
    assert "map.png" in dialog.message.text()


def test_snapshot_pdf_format_follows_the_choice(qtbot, document, tmp_path):
    dialog = MapSnapshotDialog(document)
    qtbot.addWidget(dialog)
    dialog.set_target(tmp_path / "map.png")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".pdf"))
    assert dialog.target.suffix == ".pdf"
    dialog.width_spin.setValue(400)
    dialog.height_spin.setValue(300)
    with qtbot.waitSignal(dialog.exported, timeout=60000) as signal:
        dialog.export()
    assert signal.args == [tmp_path / "map.pdf"]
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


def test_cancel_leaves_no_file(qtbot, document, tmp_path):
    dialog = MapSnapshotDialog(document)
    qtbot.addWidget(dialog)
    dialog.set_target(tmp_path / "cancelled.png")
    emitted = []
    dialog.exported.connect(emitted.append)
    dialog.export()
    assert dialog.progress is not None and dialog.progress.isVisible()
    dialog.progress.findChild(QPushButton).click()
    qtbot.waitUntil(background_idle, timeout=60000)
    assert emitted == [] and list(tmp_path.iterdir()) == []
    assert "cancelled" in dialog.message.text().lower()
    assert dialog.buttons.isEnabled()


def test_layer_export_reopens_with_indicator_values(qtbot, document, tmp_path):
    layer = document.layers[0]
    layer.data.frame["population"] = range(len(layer.data.frame))
    dialog = LayerExportDialog(document, layer)
    path = export(qtbot, dialog, tmp_path / "communes.gpkg")
    reopened = gpd.read_file(path)
    assert len(reopened) == 129
    assert reopened.set_index("code").loc["13285", "name"] == "Phủ Lý"
    assert list(reopened["population"]) == list(range(129))


def test_html_export_writes_a_web_map(qtbot, document, tmp_path):
    dialog = HtmlExportDialog(document)
    dialog.offline_check.setChecked(True)
    path = export(qtbot, dialog, tmp_path / "map.html")
    text = path.read_text(encoding="utf-8")
    assert "Phủ Lý" in text and "L.map" in text


def test_a_typed_file_name_chooses_the_format(qtbot, document, tmp_path):
    layer = document.layers[0]
    dialog = LayerExportDialog(document, layer)
    qtbot.addWidget(dialog)
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "bang.xlsx"))
    assert dialog.format_combo.currentData() == ".xlsx"
    assert dialog.path_edit.text() == str(tmp_path / "bang.xlsx")
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60000)
    assert dialog.written == tmp_path / "bang.xlsx", dialog.message.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bang.xlsx"]


def test_progress_that_lets_the_export_finish_meanwhile_is_no_error(qtbot, document, tmp_path):
    # A modal QProgressDialog handles events in setValue; the export finishing there drops the dialog.
    dialog = MapSnapshotDialog(document)
    qtbot.addWidget(dialog)
    dialog.progress = QProgressDialog(dialog)
    dialog.progress.canceled.connect(dialog.cancel)  # as the dialog connects its own
    dialog.progress.setValue = lambda value: dialog._finish("done")
    dialog._progressed(0.5, "map.png")
    assert dialog.progress is None and dialog.message.text() == "done"
