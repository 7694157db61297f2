"""Attribute table: model over the frame, sorting, diacritic-free filter, selection linked with the map."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gismap.core.document import MapDocument, MapLayer
from gismap.core.names import fold
from gismap.core.paths import shapefiles_dir
from gismap.ui.attribute_table import AttributeTable


@pytest.fixture
def document():
    document = MapDocument()
    for name in ("communes_37", "communes_38"):
        document.add_layer(MapLayer(name=name, source=shapefiles_dir() / f"{name}.parquet")).load()
    return document


@pytest.fixture
def table(qtbot, document):
    widget = AttributeTable(document)
    qtbot.addWidget(widget)
    widget.set_layer(document.layer_by_name("communes_37"))
    return widget


def shown(table, column_name):
    model = table.model
    column = model.columns.index(column_name)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_columns_without_geometry_and_numbers_formatted(table):
    model = table.model
    assert model.columns == ["code", "name", "full_name", "unit_type", "prov_code", "prov_name", "area_km2"]
    assert model.rowCount() == 129
    assert shown(table, "name")[0] == "Phủ Lý"
    area = model.index(0, model.columns.index("area_km2"))
    assert area.data() == "11.84"
    assert area.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_filter_ignores_diacritics(table):
    table.filter_edit.setText("phu ly")
    assert "Phủ Lý" in shown(table, "name")
    assert all("phu ly" in fold(" ".join(cells)) for cells in zip(*(shown(table, c) for c in table.model.columns)))
    assert table.model.rowCount() < 129
    table.filter_edit.setText("PHỦ  LÝ")  # case, diacritics and doubled spaces
    assert "Phủ Lý" in shown(table, "name")
    table.filter_edit.setText("")
    assert table.model.rowCount() == 129


def test_filter_thanh_hoa_matches_both_spellings(table, document):
    table.set_layer(document.layer_by_name("communes_38"))
    table.filter_edit.setText("thanh hoa")
    # Every commune of the province (prov_name "Thanh Hóa") survives; NFC/NFD does not matter.
    assert table.model.rowCount() == len(document.layer_by_name("communes_38").data.frame)
    table.filter_edit.setText("thanh hoá")
    assert table.model.rowCount() == 166


def test_sort_by_area_largest_first_and_back(table, document):
    frame = document.layer_by_name("communes_37").data.frame
    column = table.model.columns.index("area_km2")
    table.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert shown(table, "name")[0] == frame.loc[frame.area_km2.idxmax(), "name"]
    table.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert shown(table, "name")[0] == frame.loc[frame.area_km2.idxmin(), "name"]
    table.model.sort(-1)
    assert shown(table, "code") == list(frame.code)


def test_selecting_rows_selects_features_in_document(table, document):
    layer = document.layer_by_name("communes_37")
    frame = layer.data.frame
    table.view.sortByColumn(table.model.columns.index("area_km2"), Qt.SortOrder.DescendingOrder)
    table.view.selectRow(0)
    assert document.selected(layer).tolist() == [int(np.argmax(frame.area_km2.to_numpy()))]
    table.view.selectAll()
    assert document.selected(layer).tolist() == list(range(129))
    assert "129 selected" in table.count_label.text()


def test_map_selection_selects_rows_and_survives_filter(table, document):
    layer = document.layer_by_name("communes_37")
    document.select(layer, [0, 5, 6, 7])
    assert table.selected_rows().tolist() == [0, 5, 6, 7]
    table.filter_edit.setText("phu ly")  # hides rows 5-7 but keeps them selected
    assert table.selected_rows().tolist() == [0]
    assert document.selected(layer).tolist() == [0, 5, 6, 7]
    table.filter_edit.setText("")
    assert table.selected_rows().tolist() == [0, 5, 6, 7]
    # A selection on another layer leaves this table alone.
    document.select(document.layer_by_name("communes_38"), [1])
    assert table.selected_rows().tolist() == [0, 5, 6, 7]


def test_zoom_to_selected_emits_bounds(qtbot, table, document):
    layer = document.layer_by_name("communes_37")
    assert not table.zoom_action.isEnabled()
    document.select(layer, [0, 1])
    with qtbot.waitSignal(table.zoom_requested) as signal:
        table.zoom_action.trigger()
    expected = layer.data.frame.geometry.iloc[[0, 1]].total_bounds
    assert signal.args[0] == pytest.approx(tuple(expected))


def test_removed_layer_empties_table(table, document):
    document.remove_layer(document.layer_by_name("communes_37"))
    assert table.layer is None and table.model.rowCount() == 0


def test_switching_layer_restores_layer_order(table, document):
    table.view.sortByColumn(table.model.columns.index("area_km2"), Qt.SortOrder.DescendingOrder)
    other = document.layer_by_name("communes_38")
    table.set_layer(other)
    assert shown(table, "code") == list(other.data.frame.code)
    assert table.view.horizontalHeader().sortIndicatorSection() == -1


def test_headers_name_fields_as_the_panels_do_and_tell_the_field_on_hover(table, document):
    from gismap.ui.legend_panel import indicator_label

    layer = document.layer_by_name("communes_37")
    layer.data.frame["cov_4g_pct"] = 99.5
    table.set_layer(layer)
    model = table.model
    headers = {model.columns[c]: (model.headerData(c, Qt.Orientation.Horizontal),
                                  model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
               for c in range(model.columnCount())}
    assert headers["cov_4g_pct"] == (indicator_label("cov_4g_pct"), "cov_4g_pct")
    assert headers["cov_4g_pct"][0] != "cov_4g_pct" and headers["area_km2"][0] != "area_km2"
    assert all(tip == column for column, (_, tip) in headers.items())
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
