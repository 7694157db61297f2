"""Identify panel: the attributes of one feature, and the hint when there is none."""

from __future__ import annotations

from gismap.core.document import MapLayer
from gismap.core.paths import shapefiles_dir
from gismap.ui.identify import IdentifyPanel
from gismap.ui.legend_panel import indicator_label


def test_shows_fields_of_feature_then_clears(qtbot):
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    assert panel.pages.currentWidget() is panel.empty_label
    layer = MapLayer(name="Ninh Bình", source=shapefiles_dir() / "communes_37.parquet")
    layer.load()
    frame = layer.data.frame
    row = int(frame.index[frame.name == "Phủ Lý"][0])
    panel.show_feature(layer, row)
    values = panel.values()
    assert values["code"] == "13285"
    assert values["full_name"] == "Phường Phủ Lý"
    assert values["area_km2"] == "11.84"
    assert "geometry" not in values
    group = panel.tree.topLevelItem(0)
    area = next(group.child(i) for i in range(group.childCount()) if group.child(i).toolTip(0) == "area_km2")
    assert area.text(0) == indicator_label("area_km2") != "area_km2"  # named as the panels name it
    assert "Ninh Bình" in panel.title_label.text()
    panel.clear()
    assert panel.values() == {} and panel.pages.currentWidget() is panel.empty_label


def test_missing_value_shows_dash(qtbot):
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    layer = MapLayer(name="Ninh Bình", source=shapefiles_dir() / "communes_37.parquet")
    layer.load()
    layer.data.frame = layer.data.frame.assign(share=float("nan"))
    panel.show_feature(layer, 0)
    assert panel.values()["share"] == "—"
