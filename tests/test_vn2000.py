"""VN-2000 coordinates: site lists in TM-3/UTM metres read by province or EPSG code, exports in VN-2000."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import CRS, Transformer
from pyproj.enums import WktVersion

from gismap.cli import main
from gismap.core.crosswalk import load_crosswalk
from gismap.core.crs import (LEGACY_MERIDIANS, TM3_EPSG, CrsChoiceNeeded, CrsError, resolve_crs, transformer)
from gismap.core.document import MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.core.export import export_layer
from gismap.core.layers import read_layer
from gismap.core.names import fold, name_key
from gismap.core.paths import shapefiles_dir
from gismap.core.recipe import SiteCountStep
from gismap.core.sites import ProjectedSites, count_sites, read_sites

COMMUNES_37 = shapefiles_dir() / "communes_37.parquet"
# Decision 05/2007/QĐ-BTNMT's seven parameters, written in PROJ's +towgs84 (position vector) convention:
# the Decision's rotations are coordinate-frame ones, so their signs are turned.
DECISION_TOWGS84 = "-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278"
# The string most VN-2000 definitions copy: the Decision's rotation signs kept in PROJ's convention.
COPIED_TOWGS84 = "-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278"


def _tm3(meridian: float, towgs84: str | None) -> CRS:
    shift = f" +towgs84={towgs84}" if towgs84 else ""
    return CRS(f"+proj=tmerc +lat_0=0 +lon_0={meridian} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84{shift} +units=m")


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    return read_layer(COMMUNES_37, check_geometry=False).frame


def _site_points(communes: gpd.GeoDataFrame, rows) -> gpd.GeoDataFrame:
    """One site inside each commune of ``rows`` (its representative point), in WGS 84."""
    chosen = communes.iloc[rows]
    return gpd.GeoDataFrame({"code": chosen["code"].to_numpy()},
                            geometry=chosen.geometry.representative_point().to_numpy(), crs=4326)


def _write_metres(path: Path, sites: gpd.GeoDataFrame, target: CRS, x_first: str = "easting") -> Path:
    """``sites`` as a CSV of eastings/northings in ``target`` (converted by pyproj, not by GISMap)."""
    x, y = Transformer.from_crs(4326, target, always_xy=True).transform(sites.geometry.x, sites.geometry.y)
    first, second = (x, y) if x_first == "easting" else (y, x)
    rows = [f"Trạm {n};{code};{a:.3f};{b:.3f}".replace(".", ",")
            for n, (code, a, b) in enumerate(zip(sites["code"], first, second), start=1)]
    path.write_text("DANH SÁCH TRẠM (VN-2000)\nTên trạm;Mã xã;X;Y\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _metres_apart(a: gpd.GeoSeries, b: gpd.GeoSeries) -> np.ndarray:
    utm = CRS.from_epsg(32648)
    return a.set_crs(4326, allow_override=True).to_crs(utm).distance(b.set_crs(4326, allow_override=True).to_crs(utm),
                                                                      align=False).to_numpy()


# -- the table of central meridians ---------------------------------------------------------------

def test_every_pre_2025_province_has_the_meridian_and_epsg_zone_of_circular_973():
    legacy = load_crosswalk().legacy[["prov_code", "prov_name"]].drop_duplicates()
    assert sorted(legacy.prov_code) == sorted(LEGACY_MERIDIANS)  # the 63 provinces, by GSO code
    for code, name in zip(legacy.prov_code, legacy.prov_name):
        assert name_key(name) in name_key(LEGACY_MERIDIANS[code][0])  # "Huế" is "Thừa Thiên Huế"
    for meridian, epsg in TM3_EPSG.items():
        crs = CRS.from_epsg(epsg)
        parameters = {p["name"]: p["value"] for p in crs.to_json_dict()["conversion"]["parameters"]}
        assert crs.datum.name == "Vietnam 2000"
        assert (parameters["Longitude of natural origin"], parameters["Scale factor at natural origin"],
                parameters["False easting"]) == (meridian, 0.9999, 500000)
        # EPSG names the provinces of most zones: the table agrees with it.
        area = "".join(ch for ch in fold(crs.area_of_use.name) if ch.isalpha())
        if "province" in area or "cit" in area or "municipality" in area:
            provinces = [name for name, m in LEGACY_MERIDIANS.values() if m == meridian]
            assert all("".join(ch for ch in fold(name) if ch.isalpha()) in area for name in provinces), epsg


def test_a_province_is_named_in_any_common_form():
    for text in ("Hà Nam", "ha nam", "Tỉnh Hà Nam", "HÀ NAM", "Ha Nam", "105", "105°00′", "EPSG:5897", "5897"):
        assert resolve_crs(text).to_epsg() == 5897, text
    assert resolve_crs("Tỉnh Nam Định").to_epsg() == 9209
    assert resolve_crs("Thừa Thiên Huế").to_epsg() == resolve_crs("TP. Huế").to_epsg() == 9214
    assert resolve_crs("Quảng Ninh").to_epsg() == 5899  # 2025 province of a single old one
    assert resolve_crs("Cao Bằng").to_epsg() == 9210
    with pytest.raises(CrsError, match="names no coordinate system"):
        resolve_crs("Phủ Lý")
    with pytest.raises(CrsError, match="not the central meridian"):
        resolve_crs("102")


def test_a_2025_province_of_old_provinces_on_two_meridians_asks_which():
    with pytest.raises(CrsChoiceNeeded) as asked:
        resolve_crs("Ninh Bình")  # since 2025: Hà Nam and Ninh Bình (105°00′), Nam Định (105°30′)
    assert [(zone.epsg, zone.provinces) for zone in asked.value.choices] == [
        (5897, ("Hà Nam", "Ninh Bình")), (9209, ("Nam Định",))]
    assert "EPSG:5897 (central meridian 105°00′, of Hà Nam, Ninh Bình before 2025)" in str(asked.value)
    with pytest.raises(CrsChoiceNeeded):
        resolve_crs("TP Hồ Chí Minh")  # Bình Dương, Hồ Chí Minh 105°45′; Bà Rịa - Vũng Tàu 107°45′


def test_utm_is_recognised():
    assert [resolve_crs(code).name for code in ("3405", "EPSG:3406", "32648", "epsg 32649")] == [
        "VN-2000 / UTM zone 48N", "VN-2000 / UTM zone 49N", "WGS 84 / UTM zone 48N", "WGS 84 / UTM zone 49N"]


# -- the datum shift ------------------------------------------------------------------------------

def test_vn2000_is_reached_by_the_seven_parameters_of_decision_05_2007_everywhere():
    # Ninh Bình, and Cần Thơ in the Mekong delta, where PROJ alone takes an oil company's fit (EPSG:5194).
    lon, lat = np.array([105.97, 105.78]), np.array([20.25, 10.03])
    ours = np.column_stack(transformer(CRS.from_epsg(4326), CRS.from_epsg(5897)).transform(lon, lat))

    def offsets(target: CRS) -> np.ndarray:
        return np.hypot(*(np.column_stack(Transformer.from_crs(4326, target, always_xy=True).transform(lon, lat))
                          - ours).T)

    assert offsets(_tm3(105, DECISION_TOWGS84)).max() < 0.01
    assert offsets(_tm3(105, None)).min() > 200  # no datum shift: a ballpark hundreds of metres off
    assert offsets(_tm3(105, COPIED_TOWGS84)).min() > 0.5
    assert offsets(CRS.from_epsg(5897))[1] > 0.5  # PROJ's own choice in the delta
    back = transformer(CRS.from_epsg(5897), CRS.from_epsg(4326)).transform(ours[:, 0], ours[:, 1])
    np.testing.assert_allclose(np.column_stack(back), np.column_stack([lon, lat]), atol=1e-7)  # ~1 cm


# -- site lists in metres -------------------------------------------------------------------------

def test_a_site_list_in_a_province_s_tm3_zone_reads_back_and_counts_into_its_communes(tmp_path, communes):
    rows = list(range(0, len(communes), 13))
    sites = _site_points(communes, rows)
    path = _write_metres(tmp_path / "tram_vn2000.csv", sites, _tm3(105, DECISION_TOWGS84))
    frame, notes, _ = read_sites(path, crs=resolve_crs("Hà Nam"))
    assert _metres_apart(frame.geometry, sites.geometry).max() < 1.0
    assert frame["Mã xã"].astype(str).tolist() == sites["code"].tolist()
    counted = count_sites(communes, frame)
    assert counted[rows].tolist() == [1] * len(rows) and counted.sum() == len(rows)
    assert any("VN-2000 / TM-3 zone 482 (EPSG:5897)" in note and "converted to WGS 84" in note for note in notes)
    # Read in the neighbouring zone (105°30′), the sites land kilometres away: the zone matters.
    shifted, _, _ = read_sites(path, crs=resolve_crs("Nam Định"))
    assert _metres_apart(shifted.geometry, sites.geometry).min() > 1000


def test_x_the_northing_as_surveys_write_it_is_read_the_other_way_round(tmp_path, communes):
    sites = _site_points(communes, [3, 40])
    path = _write_metres(tmp_path / "xy.csv", sites, CRS.from_epsg(32648), x_first="northing")
    frame, notes, _ = read_sites(path, crs=resolve_crs("32648"))
    assert _metres_apart(frame.geometry, sites.geometry).max() < 1.0
    assert "'X' holds northings and 'Y' eastings (as surveys write X and Y): read the other way round" in notes


def test_metres_without_a_coordinate_system_are_refused_with_what_to_say(tmp_path, communes):
    path = _write_metres(tmp_path / "m.csv", _site_points(communes, [0]), CRS.from_epsg(5897))
    with pytest.raises(ProjectedSites, match=r"are metres \(VN-2000 or UTM\).*Say which coordinate system.*Hà Nam"):
        read_sites(path)


def test_degrees_given_a_projected_system_are_read_as_degrees_with_a_note(tmp_path):
    (tmp_path / "deg.csv").write_text("Tên trạm,Kinh độ,Vĩ độ\nPhủ Lý 1,105.9123,20.5412\nPhủ Lý 2,105.91,20.25\n",
                                      encoding="utf-8")
    frame, notes, _ = read_sites(tmp_path / "deg.csv", crs=CRS.from_epsg(5897))
    assert frame.geometry.x.tolist() == [105.9123, 105.91] and frame.geometry.y.tolist() == [20.5412, 20.25]
    assert notes == ["the coordinates are degrees, not the metres of VN-2000 / TM-3 zone 482 (EPSG:5897): read as "
                     "WGS 84 longitude and latitude"]


def test_a_count_in_a_project_keeps_the_site_list_s_coordinate_system(tmp_path, communes):
    sites = _site_points(communes, [5, 6, 7])
    path = _write_metres(tmp_path / "s.csv", sites, CRS.from_epsg(9209))
    document = MapDocument()
    layer = document.add_layer(MapLayer("Ninh Bình", COMMUNES_37))
    site_layer = MapLayer("Trạm", path, crs="EPSG:9209")
    layer.load()
    document.count_sites(layer, "so_tram", site_layer)
    assert site_layer.data.source_crs.to_epsg() == 9209
    assert layer.recipe == [SiteCountStep(column="so_tram", sites=path, crs="EPSG:9209")]
    reopened = MapLayer.from_dict(layer.to_dict(), Path)
    assert reopened.definition() == layer.definition()
    assert reopened.load().frame["so_tram"].sum() == 3
    assert MapLayer.from_dict(site_layer.to_dict(), Path).crs == "EPSG:9209"


# -- exports in VN-2000 ---------------------------------------------------------------------------

def test_an_export_in_a_tm3_zone_names_it_for_qgis_and_arcgis(tmp_path, communes):
    crs = resolve_crs("Hà Nam")
    written = export_layer(communes, tmp_path / "xa.shp", crs=crs)
    prj = (tmp_path / "xa.prj").read_text()
    assert tmp_path / "xa.prj" in written and prj == crs.to_wkt(WktVersion.WKT1_ESRI)
    assert CRS.from_wkt(prj).to_epsg() == 5897
    back = gpd.read_file(tmp_path / "xa.shp")
    minx, miny, maxx, maxy = back.total_bounds
    assert 540_000 < minx < maxx < 700_000 and 2_180_000 < miny < maxy < 2_300_000  # metres, around 106° E 20° N
    np.testing.assert_allclose(back.total_bounds,
                               communes.to_crs(_tm3(105, DECISION_TOWGS84)).total_bounds, atol=0.01)
    for suffix in (".gpkg", ".geojson"):
        export_layer(communes, tmp_path / f"xa{suffix}", crs=crs)
        assert CRS.from_user_input(pyogrio.read_info(tmp_path / f"xa{suffix}")["crs"]).to_epsg() == 5897
    with pytest.raises(GismapError, match="KML holds WGS 84"):
        export_layer(communes, tmp_path / "xa.kml", crs=crs)


def test_a_mekong_delta_layer_goes_to_vn2000_and_back_by_the_decision_s_parameters(tmp_path):
    can_tho = read_layer(shapefiles_dir() / "communes_92.parquet", check_geometry=False).frame
    [written, *_] = export_layer(can_tho, tmp_path / "can_tho.gpkg", crs=CRS.from_epsg(5897))
    exported = shapely.get_coordinates(gpd.read_file(written).geometry)
    np.testing.assert_allclose(exported, shapely.get_coordinates(can_tho.to_crs(_tm3(105, DECISION_TOWGS84)).geometry),
                               atol=0.01)
    proj_s_pick = shapely.get_coordinates(can_tho.to_crs(5897).geometry)  # EPSG:5194 in the delta
    assert np.hypot(*(exported - proj_s_pick).T).max() > 0.5  # where its area (north of 9.35° N) reaches
    back = read_layer(written, check_geometry=False).frame
    assert back.crs.to_epsg() == 4326
    np.testing.assert_allclose(shapely.get_coordinates(back.geometry), shapely.get_coordinates(can_tho.geometry),
                               atol=1e-7)


def test_a_layer_whose_file_names_no_crs_is_read_in_the_one_given(tmp_path, communes):
    export_layer(communes, tmp_path / "xa.shp", crs=CRS.from_epsg(5897))
    named = read_layer(tmp_path / "xa.shp", check_geometry=False, crs="EPSG:9209")
    assert named.source_crs.to_epsg() == 5897  # the file's own, said
    assert named.warnings == ["the file names its coordinate system, VN-2000 / TM-3 zone 482 (EPSG:5897): read in it, "
                              "not in VN-2000 / TM-3 105-30 (EPSG:9209)"]
    (tmp_path / "xa.prj").unlink()
    with pytest.raises(GismapError, match="has no coordinate reference system"):
        read_layer(tmp_path / "xa.shp", check_geometry=False)
    given = read_layer(tmp_path / "xa.shp", check_geometry=False, crs="EPSG:5897")
    # Normalised: a Shapefile may store the parts of a multipolygon in another order.
    np.testing.assert_allclose(shapely.get_coordinates(shapely.normalize(given.frame.geometry.values)),
                               shapely.get_coordinates(shapely.normalize(communes.geometry.values)), atol=1e-7)


# -- command line ---------------------------------------------------------------------------------

def test_cli_counts_a_vn2000_site_list_and_exports_in_vn2000(tmp_path, communes, capsys):
    rows = [1, 20, 60, 100]
    path = _write_metres(tmp_path / "tram.csv", _site_points(communes, rows), CRS.from_epsg(5897))
    out = tmp_path / "dem.gpkg"
    assert main(["export", str(COMMUNES_37), "--sites", str(path), "--sites-crs", "Hà Nam", "--count-sites", "so_tram",
                 "--out", str(out), "--crs", "Nam Định"]) == 0
    exported = gpd.read_file(out)
    assert exported.crs.to_epsg() == 9209
    assert exported.set_index("code")["so_tram"].loc[communes["code"].iloc[rows]].tolist() == [1, 1, 1, 1]
    assert exported["so_tram"].sum() == 4
    assert "EPSG:5897" in capsys.readouterr().err  # the note saying which CRS was used

    assert main(["export", str(COMMUNES_37), "--sites", str(path), "--count-sites", "n", "--out",
                 str(tmp_path / "x.gpkg")]) == 2
    err = capsys.readouterr().err
    assert "are metres (VN-2000 or UTM)" in err and "--sites-crs" in err
    assert main(["export", str(COMMUNES_37), "--sites", str(path), "--sites-crs", "Ninh Bình", "--out",
                 str(tmp_path / "x.gpkg")]) == 2
    err = capsys.readouterr().err
    assert "EPSG:5897" in err and "EPSG:9209" in err and not (tmp_path / "x.gpkg").exists()
    assert main(["export", str(COMMUNES_37), "--out", str(tmp_path / "x.gpkg"), "--crs", "Atlantis"]) == 2
    assert "names no coordinate system" in capsys.readouterr().err
    assert main(["export", str(COMMUNES_37), "--out", str(tmp_path / "x.gpkg"), "--sites-crs", "9209"]) == 2
    assert "--sites-crs says the coordinate system of a site list" in capsys.readouterr().err


def test_cli_info_reads_a_site_list_in_utm(tmp_path, communes, capsys):
    path = _write_metres(tmp_path / "utm.csv", _site_points(communes, [2, 9]), CRS.from_epsg(3405))
    assert main(["info", str(path), "--crs", "3405", "--json"]) == 0
    described = json.loads(capsys.readouterr().out)["layers"][0]
    assert described["crs"] == "EPSG:3405" and described["features"] == 2
    west, south, east, north = described["bounds"]
    assert 105 < west < east < 107 and 19 < south < north < 21


# -- the window -----------------------------------------------------------------------------------

@pytest.fixture
def forget_crs_choices(qapp):
    """The choices the dialogs remember are this test's only: none before, none left for other tests."""
    from PySide6.QtCore import QSettings

    from gismap.ui.crs_choice import SiteListCrsDialog

    keys = (SiteListCrsDialog.SETTINGS_KEY, "export/crs")
    for key in keys:
        QSettings().remove(key)
    yield
    for key in keys:
        QSettings().remove(key)


def test_the_site_list_dialog_asks_the_zone_of_a_province_on_two_and_remembers_it(qtbot, forget_crs_choices):
    from PySide6.QtWidgets import QDialogButtonBox

    from gismap.ui.crs_choice import SiteListCrsDialog

    dialog = SiteListCrsDialog(["tram.csv"])
    qtbot.addWidget(dialog)
    chooser, ok = dialog.chooser, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.crs() is None and ok.isEnabled() and not chooser.province_combo.isEnabled()  # WGS 84 by default
    chooser.choose("tm3", "Ninh Bình")
    assert [chooser.zone_combo.itemData(i) for i in range(chooser.zone_combo.count())] == [None, 5897, 9209]
    assert dialog.crs() is None and not ok.isEnabled() and "different central meridians" in chooser.hint.text()
    chooser.zone_combo.setCurrentIndex(2)
    assert dialog.crs() == "EPSG:9209" and ok.isEnabled()
    dialog.accept()
    again = SiteListCrsDialog(["tram2.csv"])
    qtbot.addWidget(again)
    assert again.crs() == "EPSG:9209" and again.chooser.province_combo.currentData() == "Ninh Bình"
    again.chooser.choose("tm3", "Hà Nam")  # an old province: its one zone, nothing to choose
    assert again.crs() == "EPSG:5897" and not again.chooser.zone_combo.isEnabled()
    again.chooser.choose(32648)
    assert again.crs() == "EPSG:32648"


def test_a_site_list_added_in_the_window_is_read_in_the_chosen_zone(qtbot, monkeypatch, tmp_path, communes,
                                                                      forget_crs_choices):
    from PySide6.QtWidgets import QDialog

    from gismap.ui.crs_choice import SiteListCrsDialog
    from gismap.ui.main_window import MainWindow

    sites = _site_points(communes, [4, 50])
    path = _write_metres(tmp_path / "tram.csv", sites, CRS.from_epsg(9209))

    def answer(dialog):
        dialog.chooser.choose("tm3", "Nam Định")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SiteListCrsDialog, "exec", answer)
    window = MainWindow(MapDocument())
    qtbot.addWidget(window)
    window.add_layer_files([path])
    [layer] = window.document.layers
    qtbot.waitUntil(lambda: layer.data is not None or layer.load_error is not None, timeout=30000)
    assert layer.crs == "EPSG:9209" and layer.load_error is None
    assert _metres_apart(layer.data.frame.geometry, sites.geometry).max() < 1.0


def test_the_export_dialog_writes_in_the_chosen_vn2000_zone(qtbot, tmp_path, forget_crs_choices):
    from ui_helpers import commune_document, export

    from gismap.ui.export_dialogs import LayerExportDialog

    document, layer = commune_document("37")
    dialog = LayerExportDialog(document, layer)
    dialog.crs_chooser.choose("tm3", "Hà Nam")
    path = export(qtbot, dialog, tmp_path / "xa.shp")
    assert CRS.from_wkt((tmp_path / "xa.prj").read_text()).to_epsg() == 5897
    assert gpd.read_file(path).total_bounds[0] > 500_000
    dialog = LayerExportDialog(document, layer)
    qtbot.addWidget(dialog)
    assert dialog.crs_chooser.crs() == "EPSG:5897"  # remembered
    dialog.crs_chooser.choose("tm3", "Ninh Bình")
    dialog.set_target(tmp_path / "b.gpkg")
    dialog.export()
    assert "central meridian" in dialog.message.text() and not (tmp_path / "b.gpkg").exists()
