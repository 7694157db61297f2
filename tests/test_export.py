"""Layer export: every format re-opens with the same features, attributes and Vietnamese names;
writes are atomic and the source is never touched."""

from __future__ import annotations

import csv
import hashlib
import unicodedata

import pandas as pd
import pyogrio
import pytest
import shapely

from gismap import cli
from gismap.core import export as export_module
from gismap.core.errors import GismapError
from gismap.core.export import export_layer, shapefile_field_names
from gismap.core.layers import read_layer
from gismap.core.paths import coverage_dir, shapefiles_dir
from ui_helpers import copy_shapefile

COVERAGE = coverage_dir() / "coverage_2025_by_code.csv"


@pytest.fixture(scope="module")
def communes():
    """Ninh Bình's communes with a nullable count and a nullable boolean, as a join leaves them."""
    frame = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    frame["households_per_commune_estimate"] = pd.array([None] + list(range(1, len(frame))), dtype="Int64")
    frame["has_5g"] = pd.array([True, None] + [False] * (len(frame) - 2), dtype="boolean")
    return frame


def _reopen(path):
    frame = pyogrio.read_dataframe(path)
    if path.suffix == ".shp":
        mapping = dict(csv.reader(path.with_name(f"{path.stem}.fields.csv").open(encoding="utf-8")))
        frame = frame.rename(columns={short: original for original, short in mapping.items()})
    if path.suffix == ".kml":
        frame = frame.rename(columns={"Name": "name"})  # KML keeps a "name" field as the placemark's <name>
    return frame


@pytest.mark.parametrize("suffix", [".gpkg", ".shp", ".geojson", ".kml", ".fgb"])
def test_every_format_reopens_with_the_same_features(communes, tmp_path, suffix):
    written = export_layer(communes, tmp_path / f"communes{suffix}")
    back = _reopen(written[0])
    assert list(back["code"]) == list(communes["code"])
    assert list(back["name"]) == list(communes["name"])
    assert all(unicodedata.is_normalized("NFC", name) for name in back["name"])
    assert back.set_index("code").loc["13285", "name"] == "Phủ Lý"
    assert pd.to_numeric(back["area_km2"]).round(6).tolist() == communes["area_km2"].round(6).tolist()
    counts = pd.to_numeric(back["households_per_commune_estimate"])
    assert counts.isna().tolist()[:2] == [True, False] and counts.iloc[-1] == len(communes) - 1
    assert pd.to_numeric(back["has_5g"]).tolist()[:3][::2] == [1, 0] and pd.isna(back["has_5g"].iloc[1])
    assert back.crs.to_epsg() == 4326
    assert shapely.area(back.geometry.values).sum() == pytest.approx(shapely.area(communes.geometry.values).sum(), rel=1e-6)


def test_shapefile_is_utf8_with_a_unique_field_mapping(communes, tmp_path):
    written = export_layer(communes, tmp_path / "communes.shp")
    assert {p.name for p in written} >= {"communes.shp", "communes.dbf", "communes.cpg", "communes.fields.csv"}
    assert (tmp_path / "communes.cpg").read_text().strip().upper() in {"UTF-8", "UTF8"}
    rows = list(csv.reader((tmp_path / "communes.fields.csv").open(encoding="utf-8")))
    assert rows[0] == ["original", "short"]
    mapping = dict(rows[1:])
    assert list(mapping) == [c for c in communes.columns if c != "geometry"]
    shorts = list(mapping.values())
    assert all(len(s.encode()) <= 10 for s in shorts) and len({s.lower() for s in shorts}) == len(shorts)
    assert set(pyogrio.read_info(tmp_path / "communes.shp")["fields"]) == set(shorts)


def test_field_names_stay_unique_when_truncation_collides():
    names = shapefile_field_names(["cdt_members", "cdt_members_per_1000", "cdt_members_x", "Tỷ_lệ_phủ_sóng"])
    assert names["cdt_members"] == "cdt_member"
    assert len({n.lower() for n in names.values()}) == 4
    assert all(len(n.encode()) <= 10 for n in names.values())
    assert "Tỷ_lệ_phủ_sóng".startswith(names["Tỷ_lệ_phủ_sóng"])  # cut between characters, not inside one


def test_csv_has_attributes_and_optional_wkt(communes, tmp_path):
    export_layer(communes, tmp_path / "plain.csv")
    plain = pd.read_csv(tmp_path / "plain.csv", dtype={"code": str}, encoding="utf-8-sig")
    assert "WKT" not in plain and list(plain["name"]) == list(communes["name"])
    export_layer(communes, tmp_path / "wkt.csv", wkt=True)
    table = pd.read_csv(tmp_path / "wkt.csv", dtype={"code": str}, encoding="utf-8-sig")
    geometry = shapely.from_wkt(table["WKT"].to_numpy())
    assert shapely.equals(geometry, communes.geometry.values).all()


def test_unknown_suffix_names_the_supported_ones(communes, tmp_path):
    with pytest.raises(GismapError, match=r"\.gpkg.*\.shp.*\.csv.*\.xlsx"):
        export_layer(communes, tmp_path / "communes.ods")


def test_failed_write_leaves_no_partial_file_and_keeps_the_old_one(communes, tmp_path, monkeypatch):
    export_layer(communes.head(3), tmp_path / "communes.gpkg")
    export_layer(communes.head(3), tmp_path / "communes.shp")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_write = pyogrio.write_dataframe

    def write_then_fail(frame, path, **kwargs):
        real_write(frame, path, **kwargs)  # the data is written in full, then the disk "fills up"
        raise OSError("No space left on device")

    monkeypatch.setattr(export_module.pyogrio, "write_dataframe", write_then_fail)
    for name in ("communes.gpkg", "communes.shp"):
        with pytest.raises(OSError):
            export_layer(communes, tmp_path / name)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_source_is_refused_as_target(communes, tmp_path):
    source = copy_shapefile("communes_37", tmp_path)
    with pytest.raises(GismapError, match="would overwrite"):
        export_layer(communes, source, inputs=(source,))


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_cli_export_without_data_leaves_the_source_untouched(tmp_path):
    source = copy_shapefile("communes_37", tmp_path / "src")
    before = _digest(source.parent)
    out = tmp_path / "out" / "communes.fgb"
    assert cli.main(["export", str(source), "--out", str(out)]) == 0
    assert _digest(source.parent) == before
    back = pyogrio.read_dataframe(out)
    assert len(back) == 129 and back.set_index("code").loc["13285", "name"] == "Phủ Lý"


@pytest.mark.parametrize("suffix", [".gpkg", ".shp", ".csv"])
def test_cli_export_with_data_writes_indicators(tmp_path, capsys, suffix):
    out = tmp_path / f"joined{suffix}"
    assert cli.main(["export", str(shapefiles_dir() / "communes_37.parquet"), "--data", str(COVERAGE),
                     "--out", str(out)]) == 0
    assert "129 rows matched" in capsys.readouterr().err
    if suffix == ".csv":
        back = pd.read_csv(out, dtype={"code": str}, encoding="utf-8-sig")
    else:
        back = _reopen(out)
    phu_ly = back.set_index("code").loc["13285"]
    typed = pd.read_csv(COVERAGE, skiprows=1, dtype={"Mã xã": str}).set_index("Mã xã").loc["13285"]
    assert phu_ly["name"] == "Phủ Lý"
    assert phu_ly["population"] == typed["Dân số"] and phu_ly["ftth_subscribers"] == typed["Thuê bao FTTH"]
    assert phu_ly["online_dossier_pct"] == pytest.approx(typed["Tỷ lệ hồ sơ trực tuyến (%)"])


def test_cli_export_error_is_one_line(tmp_path, capsys):
    assert cli.main(["export", str(shapefiles_dir() / "communes_37.parquet"), "--out", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("gismap export:") and "\n" not in err and ".gpkg" in err


def test_counts_stay_integers_and_join_details_are_left_out_unless_asked(tmp_path):
    from gismap.core.document import MapLayer
    from gismap.core.recipe import JoinStep

    layer = MapLayer(name="Ninh Bình", source=shapefiles_dir() / "communes_37.parquet",
                     recipe=[JoinStep(table=coverage_dir() / "ha_nam_2024_legacy.csv")])
    frame = layer.load(check_geometry=False).frame
    assert frame["population"].isna().any()  # communes outside former Hà Nam have no data
    export_layer(frame, tmp_path / "plain.csv")
    export_layer(frame, tmp_path / "details.gpkg", join_details=True)
    table = pd.read_csv(tmp_path / "plain.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert "has_data" not in table and "join_method" not in table
    written = table["population"][table["population"] != ""]
    assert len(written) == frame["population"].notna().sum() and not written.str.contains(".", regex=False).any()
    assert written.astype(int).tolist() == frame["population"].dropna().astype(int).tolist()
    reopened = pyogrio.read_dataframe(tmp_path / "details.gpkg")
    assert {"has_data", "join_method"} <= set(reopened.columns)
    info = pyogrio.read_info(tmp_path / "details.gpkg")
    assert dict(zip(info["fields"], info["dtypes"]))["population"] == "int64"  # an Integer64 field with nulls
