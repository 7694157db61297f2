"""Style and legend panels: choices restyle the layer, legend counts add up, breaks drag."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from gismap.ui.legend_panel import LegendPanel
from gismap.ui.style_panel import RESTYLE_DELAY_MS, StylePanel
from ui_helpers import choose, commune_document


@pytest.fixture
def panels(qtbot):
    document, layer = commune_document("37")
    style_panel, legend_panel = StylePanel(document), LegendPanel(document)
    for panel in (style_panel, legend_panel):
        qtbot.addWidget(panel)
        panel.set_layer(layer)
    style_panel.resize(360, 600)
    style_panel.show()
    changes = []
    document.layer_changed.connect(changes.append)
    return document, layer, style_panel, legend_panel, changes


def test_scheme_and_classes_restyle_the_layer_live(qtbot, panels):
    document, layer, style_panel, legend_panel, changes = panels
    choose(style_panel.column_combo, "area_km2")
    choose(style_panel.scheme_combo, "natural_breaks")
    style_panel.k_spin.setValue(4)
    # Debounced: the three changes reach the document together, once.
    qtbot.waitUntil(lambda: layer.style.column == "area_km2", timeout=2000)
    assert len(changes) == 1
    assert (layer.style.scheme, layer.style.k) == ("natural_breaks", 4)

    entries = legend_panel.entries()
    assert len(entries) == 4
    assert sum(entry.count for entry in entries) == len(layer.data.frame) == 129
    assert legend_panel.tree.topLevelItemCount() == 4
    assert legend_panel.tree.topLevelItem(0).text(1) == str(entries[0].count)
    # The histogram shows the classification's breaks.
    assert style_panel.histogram.breaks == pytest.approx([e.upper for e in entries])


def test_no_data_is_counted_and_colours_apply(qtbot, panels):
    document, layer, style_panel, legend_panel, _changes = panels
    layer.data.frame.loc[:9, "area_km2"] = np.nan
    choose(style_panel.column_combo, "area_km2")
    style_panel.no_data_button.set_color("#ff00ff")
    choose(style_panel.ramp_combo, "viridis")
    style_panel.reverse_check.setChecked(True)
    style_panel.flush()
    assert (layer.style.no_data, layer.style.cmap, layer.style.reverse) == ("#ff00ff", "viridis", True)
    no_data = [entry for entry in legend_panel.entries() if entry.no_data]
    assert no_data and no_data[0].count == 10 and no_data[0].hex == "#ff00ff"
    assert sum(entry.count for entry in legend_panel.entries()) == 129


def test_dragging_a_break_switches_to_manual(qtbot, panels):
    document, layer, style_panel, _legend_panel, _changes = panels
    choose(style_panel.column_combo, "area_km2")
    style_panel.flush()
    histogram = style_panel.histogram
    before = histogram.breaks
    y = int(histogram.height() / 2)
    start = QPoint(int(round(histogram.x_of(before[1]))), y)
    qtbot.mousePress(histogram, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(histogram, start + QPoint(15, 0))
    qtbot.mouseRelease(histogram, Qt.MouseButton.LeftButton, pos=start + QPoint(15, 0))
    qtbot.waitUntil(lambda: layer.style.scheme == "manual", timeout=2000)
    breaks = layer.style.breaks
    assert breaks[1] > before[1] and breaks[1] < before[2]
    assert breaks[0] == pytest.approx(before[0]) and breaks[2:] == pytest.approx(before[2:])
    assert style_panel.scheme_combo.currentData() == "manual"
    assert not style_panel.k_spin.isEnabled()
    assert histogram.breaks[1] == pytest.approx(breaks[1])


def test_panel_follows_external_changes_and_joined_columns(qtbot, panels):
    document, layer, style_panel, _legend_panel, changes = panels
    layer.data.frame["population"] = np.arange(129) * 100.0
    document.restyle(layer, column="population", scheme="quantiles", k=3)
    assert style_panel.column_combo.currentData() == "population"
    assert style_panel.k_spin.value() == 3
    qtbot.wait(RESTYLE_DELAY_MS + 100)
    assert len(changes) == 1  # showing a style does not write it back


def test_a_joins_details_are_not_offered_as_indicators(qtbot):
    from gismap.core.document import MapLayer
    from gismap.core.paths import coverage_dir, shapefiles_dir
    from gismap.core.recipe import JoinStep
    from gismap.ui.identify import IdentifyPanel
    from gismap.ui.style_panel import styleable_columns

    table = coverage_dir() / "coverage_2025_by_code.csv"
    layer = MapLayer(name="Xã", source=shapefiles_dir() / "communes_37.parquet",
                     recipe=[JoinStep(table=table), JoinStep(table=table)])
    frame = layer.load(check_geometry=False).frame
    assert {"has_data", "has_data_coverage_2025_by_code", "join_method"} <= set(frame.columns)
    offered = styleable_columns(frame)
    assert "population" in offered and "population_coverage_2025_by_code" in offered
    assert not {"has_data", "has_data_coverage_2025_by_code", "apportioned", "legacy_partial"} & set(offered)
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    panel.show_feature(layer, 0)
    shown = panel.values()
    assert "population" in shown and "has_data" not in shown and "join_method_coverage_2025_by_code" not in shown


def test_every_ramp_gets_its_gradient_icon(qtbot, panels):
    style_panel = panels[2]
    combo = style_panel.ramp_combo
    qtbot.waitUntil(lambda: all(not combo.itemIcon(i).isNull() for i in range(combo.count())), timeout=10000)
    first, last = (combo.itemIcon(0).pixmap(64, 12).toImage().pixelColor(x, 6) for x in (1, 62))
    assert first.lightness() > last.lightness()  # YlGnBu: light to dark
