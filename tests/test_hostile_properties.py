"""Properties over generated damage (issue 12, deliverable 4): real files bit-flipped, truncated
or given inserted bytes, and tables of hostile cells, thrown at the readers, the join, the
exporters, the map outputs and ``open_project``.

Each call must return or raise :class:`GismapError` within :data:`TIME_LIMIT`, leave its
inputs byte-identical and write nothing but its target; spreadsheet outputs hold no cell that
would start a formula.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import shutil
import signal
import tempfile
from pathlib import Path

import geopandas as gpd
import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gismap.core.document import MapDocument, MapLayer, Style
from gismap.core.errors import GismapError
from gismap.core.export import export_layer
from gismap.core.join import join_table
from gismap.core.layers import read_layer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.project import open_project
from gismap.core.tables import read_table
from gismap.render.output import render_map
from hostile.corpus import PAYLOADS, SIMPLIFY_DEGREES
from hostile.runner import FORMULA_STARTS, PLAIN_NUMBER

TIME_LIMIT = 30  # seconds for one call, on a busy machine: a province's layer takes well under one
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
# No shrinking: each example costs up to a second, and the first failing one says enough.
PROPERTY_SETTINGS = settings(max_examples=15, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                             report_multiple_bugs=False,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, Path]:
    """Small real files of every kind the readers take: a Shapefile set, a GeoPackage, a GeoJSON
    (a province's communes, simplified), the sample CSV and workbook, and a project of them."""
    folder = tmp_path_factory.mktemp("originals")
    frame = gpd.read_parquet(shapefiles_dir() / "communes_37.parquet").head(30)
    frame["geometry"] = frame.geometry.simplify(SIMPLIFY_DEGREES)
    frame.to_file(folder / "communes.shp", engine="pyogrio", encoding="UTF-8")
    frame.to_file(folder / "communes.gpkg", engine="pyogrio")
    frame.to_file(folder / "communes.geojson", engine="pyogrio")
    shutil.copy(coverage_dir() / "coverage_2025_by_code.csv", folder / "coverage.csv")
    shutil.copy(coverage_dir() / "bao_cao_ha_tang_so_2025.xlsx", folder / "report.xlsx")
    document = MapDocument(title="Ninh Bình")
    document.add_layer(MapLayer(name="communes", source=folder / "communes.shp", style=Style(column="area_km2")))
    from gismap.core.project import save_project

    save_project(document, folder / "map.gismap")
    return {path.name: path for path in folder.iterdir()}


# A damage: a list of edits applied to the file's bytes in order, positions as fractions of its length.
bit_flips = st.lists(st.tuples(st.just("flip"), st.floats(0, 1), st.integers(0, 7)), min_size=1, max_size=6)
truncation = st.tuples(st.just("cut"), st.floats(0, 1), st.just(0)).map(lambda edit: [edit])
insertion = st.lists(st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
                     min_size=1, max_size=3)
damage = st.one_of(bit_flips, truncation, insertion)


def damaged(data: bytes, edits: list[tuple]) -> bytes:
    data = bytearray(data)
    for kind, where, value in edits:
        at = min(int(where * len(data)), max(len(data) - 1, 0))
        if kind == "flip" and data:
            data[at] ^= 1 << value
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = value
    return bytes(data)


@contextlib.contextmanager
def within_limits(folder: Path, target: Path | None = None):
    """The call inside must end (return or GismapError) in :data:`TIME_LIMIT` seconds, leave every
    file of ``folder`` as it was and add nothing to ``folder`` but ``target`` (with its sidecars)."""
    before = _digest(folder)

    def too_long(signum, frame):
        raise TimeoutError(f"no result after {TIME_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(TIME_LIMIT)
    try:
        yield
    except GismapError:
        pass
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    after = _digest(folder)
    assert {p: d for p, d in after.items() if p in before} == before, "an input changed"
    added = set(after) - set(before)
    allowed = {p for p in added if target is not None and Path(p).stem.startswith(target.stem)
               and Path(p).parent == target.parent}
    assert added == allowed, f"written beside the target: {sorted(added - allowed)}"


def _digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def _case_folder(originals: dict[str, Path], name: str, edits: list[tuple]) -> tuple[Path, Path]:
    """A fresh folder holding ``name`` damaged by ``edits`` (with its Shapefile sidecars intact)."""
    folder = Path(tempfile.mkdtemp(prefix="gismap-property-"))
    original = originals[name]
    parts = [original.with_suffix(s) for s in SHAPEFILE_PARTS] if original.suffix in SHAPEFILE_PARTS else [original]
    for part in parts:
        shutil.copy(part, folder / part.name)
    path = folder / name
    path.write_bytes(damaged(original.read_bytes(), edits))
    return folder, path


@pytest.fixture
def cleanup():
    folders: list[Path] = []
    yield folders
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


LAYER_FILES = ("communes.shp", "communes.shx", "communes.dbf", "communes.gpkg", "communes.geojson")


@PROPERTY_SETTINGS
@given(name=st.sampled_from(LAYER_FILES), edits=damage, fmt=st.sampled_from((".gpkg", ".shp", ".csv", ".xlsx")))
def test_a_damaged_layer_is_read_and_exported_or_refused(originals, cleanup, name, edits, fmt):
    folder, path = _case_folder(originals, name, edits)
    cleanup.append(folder)
    layer_path = path.with_suffix(".shp") if path.suffix in SHAPEFILE_PARTS else path
    target = folder / "out" / f"export{fmt}"
    target.parent.mkdir()
    with within_limits(folder, target):
        layer = read_layer(layer_path)
        layer.wait_repaired()
        export_layer(layer.frame, target, inputs=(layer_path,))
    if target.suffix in (".csv", ".xlsx") and target.exists():
        assert not _formula_cells(target)


@settings(PROPERTY_SETTINGS, max_examples=8)  # a map takes about a second
@given(edits=damage, fmt=st.sampled_from((".png", ".svg", ".html")))
def test_a_damaged_layer_is_drawn_or_refused(originals, cleanup, edits, fmt):
    folder, path = _case_folder(originals, "communes.shp", edits)
    cleanup.append(folder)
    target = folder / "out" / f"map{fmt}"
    target.parent.mkdir()
    with within_limits(folder, target):
        document = MapDocument(title="Bản đồ")
        document.add_layer(MapLayer(name="communes", source=path, style=Style(column="area_km2")))
        document.load_all()
        render_map(document, target, size=(300, 200))


@settings(PROPERTY_SETTINGS, max_examples=8)  # a join of the workbook takes about a second
@given(name=st.sampled_from(("coverage.csv", "report.xlsx")), edits=damage)
def test_a_damaged_table_is_read_and_joined_or_refused(originals, cleanup, name, edits):
    folder, path = _case_folder(originals, name, edits)
    cleanup.append(folder)
    boundaries = read_layer(originals["communes.shp"], check_geometry=False).frame
    with within_limits(folder):
        read_table(path)
        join_table(boundaries, path)


@PROPERTY_SETTINGS
@given(edits=damage)
def test_a_damaged_project_opens_or_is_refused(originals, cleanup, edits):
    folder, path = _case_folder(originals, "map.gismap", edits)
    cleanup.append(folder)
    for part in SHAPEFILE_PARTS:  # the layer it names, beside it
        shutil.copy(originals["communes.shp"].with_suffix(part), folder)
    with within_limits(folder):
        document, _ = open_project(path)
        document.load_all()


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                         max_size=4), max_leaves=12)


@PROPERTY_SETTINGS
@given(where=st.sampled_from(("version", "document", "layers", "layer", "style", "source", "recipe", "title")),
       value=json_values)
def test_a_project_with_any_value_anywhere_opens_or_is_refused(originals, cleanup, where, value):
    folder = Path(tempfile.mkdtemp(prefix="gismap-property-"))
    cleanup.append(folder)
    for part in SHAPEFILE_PARTS:
        shutil.copy(originals["communes.shp"].with_suffix(part), folder)
    project = json.loads(originals["map.gismap"].read_text(encoding="utf-8"))
    layer = project["document"]["layers"][0]
    {"version": project, "document": project, "layers": project["document"], "title": project["document"],
     "layer": project["document"]["layers"], "style": layer, "source": layer, "recipe": layer}[where][
        {"layer": 0}.get(where, where)] = value
    path = folder / "map.gismap"
    path.write_text(json.dumps(project), encoding="utf-8")
    with within_limits(folder):
        document, _ = open_project(path)
        document.load_all()


# Cells a provincial report could hold, hostile ones first: payloads, formulas, numbers out of range.
hostile_cells = st.one_of(
    st.sampled_from(PAYLOADS), st.sampled_from(("nan", "inf", "-1e308", "1e999", "", " ", "Tổng cộng", "13285")),
    st.floats(allow_nan=True, allow_infinity=True).map(str), st.integers(-10**20, 10**20).map(str),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))


@PROPERTY_SETTINGS
@given(header=st.lists(hostile_cells, min_size=1, max_size=6),
       rows=st.lists(st.lists(hostile_cells, min_size=1, max_size=6), max_size=12),
       with_codes=st.booleans(), suffix=st.sampled_from((".csv", ".xlsx")), fmt=st.sampled_from((".csv", ".xlsx")))
def test_a_table_of_hostile_cells_is_joined_and_exported_safely_or_refused(originals, cleanup, header, rows,
                                                                            with_codes, suffix, fmt):
    folder = Path(tempfile.mkdtemp(prefix="gismap-property-"))
    cleanup.append(folder)
    boundaries = read_layer(originals["communes.shp"], check_geometry=False).frame
    if with_codes:  # a key column the join recognises, so the hostile cells travel into the output
        header = ["Mã xã", *header]
        rows = [[code, *row] for code, row in zip(boundaries["code"], rows)]
    path = folder / f"table{suffix}"
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *rows])
    else:
        workbook = openpyxl.Workbook()
        for line in [header, *rows]:
            workbook.active.append([ILLEGAL_CHARACTERS_RE.sub("", str(c)) for c in line])  # XML cannot hold them
        workbook.save(path)
    target = folder / "out" / f"joined{fmt}"
    target.parent.mkdir()
    with within_limits(folder, target):
        joined = join_table(boundaries, path).frame
        export_layer(joined, target, inputs=(path,))
    if target.exists():
        assert not _formula_cells(target)


def _formula_cells(path: Path) -> list[str]:
    """Cells of a CSV or XLSX export that a spreadsheet would run as a formula."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            values = [value for row in csv.reader(handle) for value in row]
    else:
        workbook = openpyxl.load_workbook(path)
        values = [cell.value if cell.data_type != "f" else "=" + str(cell.value)
                  for sheet in workbook for row in sheet.iter_rows() for cell in row]
    return [v for v in values if isinstance(v, str) and v.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(v)]


# ---------------------------------------------------------------------------- what the properties found

def test_a_layer_repeating_a_column_name_is_exported_with_it_numbered(originals, tmp_path):
    """A damaged .dbf can name two fields alike; the export keeps both, the second numbered."""
    frame = read_layer(originals["communes.shp"], check_geometry=False).frame[["code", "name", "geometry"]]
    frame.columns = ["code", "code", "geometry"]
    for fmt in (".gpkg", ".csv", ".shp"):
        export_layer(frame, tmp_path / f"out{fmt}")
        assert list(gpd.read_file(tmp_path / f"out{fmt}").columns[:2]) == ["code", "code_2"]

