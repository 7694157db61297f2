"""Data never runs as code, never destroys a file, never reaches the network (SECURITY.md).

Hostile values of the kind that arrive by e-mail: template code and markup in every field
that reaches the HTML export, formulas in cells of spreadsheet exports, output paths that
name an input, a GeoPackage with its write-ahead log, web addresses inside data files, and
exports killed half-way.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import http.server
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from gismap.cli import main
from gismap.core.document import MapDocument, MapLayer, Style
from gismap.core.errors import GismapError
from gismap.core.export import export_layer
from gismap.core.layers import read_layer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.project import open_project, save_project
from gismap.core.recipe import JoinStep
from gismap.render.output import render_map
from ui_helpers import copy_shapefile

MARKER_ATTRIBUTE = "data-pwned"
PAYLOADS = (
    "{{ 7*7 }}",
    "{{ self.__init__.__globals__ }}",
    "{% for x in range(3) %}X{% endfor %}",
    "{{ cycler.__init__.__globals__.os.mkdir('PWNED') }}",
    "${7*7}",
    f"<script>document.documentElement.setAttribute('{MARKER_ATTRIBUTE}', 'script')</script>",
    f"<img src=x onerror=\"document.documentElement.setAttribute('{MARKER_ATTRIBUTE}', 'img')\">",
)
FORMULAS = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://example.invalid","open")', "+1+1", "-1+cmd|x", "@SUM(A1)",
            "\tx", "\rx")
COVERAGE = coverage_dir() / "coverage_2025_by_code.csv"
SITES = coverage_dir() / "tram_5g_mau.csv"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


# ---------------------------------------------------------------------------- HTML export

@pytest.fixture
def hostile_map(tmp_path, monkeypatch) -> tuple[MapDocument, Path]:
    """A saved and reopened project whose every text reaching the page holds a payload."""
    monkeypatch.chdir(tmp_path)  # where "os.mkdir('PWNED')" would create its folder
    communes = gpd.read_parquet(shapefiles_dir() / "communes_37.parquet").head(len(PAYLOADS))
    communes["name"] = PAYLOADS
    communes["prov_name"] = PAYLOADS[::-1]
    communes[PAYLOADS[0]] = range(len(PAYLOADS))  # styled column: the legend title and a popup label
    communes.to_file(tmp_path / "communes.gpkg")
    sites = pd.read_csv(SITES, sep=";", skiprows=1, dtype=str).head(len(PAYLOADS))
    sites["Tên trạm"] = PAYLOADS
    sites[PAYLOADS[6]] = PAYLOADS  # a site column named by a payload
    sites.to_csv(tmp_path / "sites.csv", sep=";", index=False)

    document = MapDocument(title=PAYLOADS[1])
    document.add_layer(MapLayer(name=PAYLOADS[2], source=tmp_path / "communes.gpkg",
                                style=Style(column=PAYLOADS[0], scheme="equal_interval", k=3)))
    document.add_layer(MapLayer(name=PAYLOADS[5], source=tmp_path / "sites.csv"))
    save_project(document, tmp_path / "hostile.gismap")
    reopened, missing = open_project(tmp_path / "hostile.gismap")
    assert missing == [] and reopened.title == PAYLOADS[1]
    reopened.load_all()
    return reopened, tmp_path


def _page_features(text: str) -> list[dict]:
    features = []
    for match in re.finditer(r"_add\(\{", text):
        features += json.JSONDecoder().raw_decode(text, match.end() - 1)[0]["features"]
    return features


def test_payloads_reach_the_page_as_text_and_are_never_evaluated(hostile_map):
    document, folder = hostile_map
    text = render_map(document, folder / "map.html", offline=True).read_text(encoding="utf-8")
    assert not (folder / "PWNED").exists()
    shown = [html.unescape(value) for feature in _page_features(text)
             for value in [feature["properties"]["n"], *feature["properties"]["v"]] if value is not None]
    for payload in PAYLOADS:
        assert payload in shown  # tooltips and popups, exactly as in the data
    title = re.search(r'<div class="gismap-box gismap-title">(.*?)</div>', text, re.S).group(1)
    legend = re.search(r'<div class="gismap-box gismap-legend">(.*?)<div class="gismap-box gismap-source">',
                       text, re.S).group(1)
    for block in (title, legend):  # the title, the legend's title and the site layer's name
        assert "{" not in block and "<script" not in block and "<img" not in block
    assert html.unescape(title) == PAYLOADS[1]
    assert PAYLOADS[0] in html.unescape(legend) and PAYLOADS[5] in html.unescape(legend)


def _chromium() -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("chromium not installed (Debian package chromium)")
    return chromium


# Opens what a user would open: every popup and tooltip, put into the page as Leaflet does (innerHTML).
_OPEN_EVERYTHING = """<script>
window.addEventListener("load", function () {
  var opened = document.createElement("div");
  opened.id = "opened";
  Object.keys(window).forEach(function (key) {
    if (!(window[key] instanceof L.Map)) { return; }
    window[key].eachLayer(function (layer) {
      [layer.getPopup && layer.getPopup(), layer.getTooltip && layer.getTooltip()].forEach(function (part) {
        if (!part) { return; }
        var box = document.createElement("div");
        box.innerHTML = typeof part._content === "function" ? part._content(layer) : part._content;
        opened.appendChild(box);
      });
    });
  });
  document.body.appendChild(opened);
});
</script>"""


def test_the_page_runs_no_script_from_data_in_chromium(hostile_map):
    document, folder = hostile_map
    page = render_map(document, folder / "map.html", offline=True)
    harness = folder / "harness.html"
    harness.write_text(page.read_text(encoding="utf-8").replace("</body>", _OPEN_EVERYTHING + "</body>"),
                       encoding="utf-8")
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={folder / 'profile'}", "--virtual-time-budget=5000", "--dump-dom", harness.as_uri()],
        capture_output=True, text=True, timeout=120)
    dom = result.stdout
    assert 'id="opened"' in dom, result.stderr[-2000:]  # the page and Leaflet ran
    assert not re.search(rf"<html[^>]*{MARKER_ATTRIBUTE}", dom)
    assert not (folder / "PWNED").exists()
    start = dom.index('id="opened"')

    def literal(payload: str) -> str:  # text as the DOM serialises it: <, > and & escaped
        return payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    for payload in PAYLOADS:  # every tooltip and popup
        assert literal(payload) in dom[start:], payload
    for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[2], PAYLOADS[5]):  # legend, title, layer control
        assert literal(payload) in dom[:start], payload


@pytest.mark.parametrize("style", [{"outline": "red}}{{7*7"}, {"outline_width": "{{7*7}}"}])
def test_style_values_from_a_project_cannot_carry_script(tmp_path, style):
    document = MapDocument()
    document.add_layer(MapLayer(name="x", source=shapefiles_dir() / "communes_37.parquet"))
    save_project(document, tmp_path / "p.gismap")
    project = json.loads((tmp_path / "p.gismap").read_text(encoding="utf-8"))
    project["document"]["layers"][0]["style"].update(style)
    (tmp_path / "p.gismap").write_text(json.dumps(project), encoding="utf-8")
    with pytest.raises(GismapError, match="colour|style value|must be a number"):  # refused on opening, or at the latest on export
        reopened, _ = open_project(tmp_path / "p.gismap")
        reopened.load_all()
        render_map(reopened, tmp_path / "map.html")
    assert not (tmp_path / "map.html").exists()


# ---------------------------------------------------------------------------- spreadsheet cells

@pytest.fixture
def formula_communes() -> gpd.GeoDataFrame:
    communes = read_layer(shapefiles_dir() / "communes_37.parquet", check_geometry=False).frame.head(len(FORMULAS)).copy()
    communes["name"] = FORMULAS
    communes["change"] = [-5.5, -1.0, 0.0, 2.5, -3.25, 7.0, -0.5]
    communes["label"] = ["-12", "-1.234,5", "+84", "ok", "-", "@", "="]
    communes["=HYPERLINK(\"x\")"] = 1  # a hostile header
    return communes


def test_csv_cells_never_start_a_formula_and_numbers_stay_numbers(formula_communes, tmp_path):
    export_layer(formula_communes, tmp_path / "out.csv")
    back = pd.read_csv(tmp_path / "out.csv", encoding="utf-8-sig", dtype={"label": str}, keep_default_na=False)
    assert list(back["name"]) == ["'" + value for value in FORMULAS]
    assert back["change"].dtype == float and list(back["change"]) == list(formula_communes["change"])
    assert list(back["label"]) == ["-12", "-1.234,5", "+84", "ok", "'-", "'@", "'="]
    assert "'=HYPERLINK(\"x\")" in back.columns


def test_xlsx_cells_are_text_or_numbers_never_formulas(formula_communes, tmp_path):
    export_layer(formula_communes, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    assert all(cell.data_type != "f" for row in rows for cell in row)
    assert "'=HYPERLINK(\"x\")" in header
    names = [row[header.index("name")].value for row in rows[1:]]
    assert names == ["'" + value.replace("\r", "\n") for value in FORMULAS]  # XML reads CR as LF
    changes = [row[header.index("change")] for row in rows[1:]]
    assert [c.value for c in changes] == list(formula_communes["change"]) and {c.data_type for c in changes} == {"n"}


def test_joined_tables_and_site_lists_are_neutralised_too(tmp_path):
    boundaries = read_layer(shapefiles_dir() / "communes_37.parquet", check_geometry=False).frame
    boundaries.loc[0, "name"] = '=HYPERLINK("http://example.invalid")'
    boundaries.loc[1, "full_name"] = "@SUM(A1)"
    boundaries.to_file(tmp_path / "boundaries.gpkg")
    assert main(["join", str(tmp_path / "boundaries.gpkg"), str(COVERAGE), "--out", str(tmp_path / "joined.csv")]) == 0
    joined = pd.read_csv(tmp_path / "joined.csv", encoding="utf-8-sig", dtype=str)
    assert joined.loc[0, "name"] == "'=HYPERLINK(\"http://example.invalid\")"
    assert joined.loc[1, "full_name"] == "'@SUM(A1)"
    assert not joined.map(lambda v: isinstance(v, str) and v.startswith(("=", "+", "@"))).any().any()
    sites = pd.read_csv(SITES, sep=";", skiprows=1, dtype=str).head(5)
    sites["Tên trạm"] = "=cmd|' /C calc'!A0"
    sites.to_csv(tmp_path / "sites.csv", sep=";", index=False)
    assert main(["export", str(tmp_path / "sites.csv"), "--out", str(tmp_path / "sites_out.csv")]) == 0
    exported = pd.read_csv(tmp_path / "sites_out.csv", encoding="utf-8-sig", dtype=str)
    assert set(exported["Tên trạm"]) == {"'=cmd|' /C calc'!A0"}


# ---------------------------------------------------------------------------- outputs over inputs

@pytest.fixture
def inputs(tmp_path) -> tuple[Path, Path, Path]:
    shapefile = copy_shapefile("communes_37", tmp_path)
    gpkg = tmp_path / "B.gpkg"
    read_layer(shapefile, check_geometry=False).frame.to_file(gpkg)
    table = tmp_path / "T.csv"
    shutil.copy(COVERAGE, table)
    return shapefile, gpkg, table


@pytest.mark.parametrize("command", [
    lambda shp, gpkg, table: ["join", gpkg, table, "--out", gpkg],
    lambda shp, gpkg, table: ["join", shp, table, "--out", shp.with_suffix(".dbf")],
    lambda shp, gpkg, table: ["join", shp, table, "--out", shp.with_suffix(".shx")],
    lambda shp, gpkg, table: ["join", gpkg, table, "--report", table],
    lambda shp, gpkg, table: ["export", shp, "--data", table, "--out", table],
    lambda shp, gpkg, table: ["export", gpkg, "--out", gpkg],
    lambda shp, gpkg, table: ["render", gpkg, "--data", table, "--column", "fiber_hamlet_pct", "--out", table],
    lambda shp, gpkg, table: ["render", gpkg, "--sites", table, "--column", "area_km2", "--out", table],
    lambda shp, gpkg, table: ["export", gpkg, "--out", gpkg.with_name("link.gpkg")],  # a symbolic link
    lambda shp, gpkg, table: ["join", shp, table, "--out", gpkg.with_name("o.gpkg"), "--report",
                              gpkg.with_name("o.gpkg")],
    lambda shp, gpkg, table: ["join", shp, table, "--out", gpkg.with_name("s.shp"), "--report",
                              gpkg.with_name("s.dbf")],
], ids=["join-gpkg", "join-dbf", "join-shx", "report", "export-table", "export-source", "render-table",
        "render-sites", "symlink", "out-is-report", "report-in-out-set"])
def test_no_command_writes_over_an_input(inputs, tmp_path, capsys, command):
    shapefile, gpkg, table = inputs
    (tmp_path / "link.gpkg").symlink_to(gpkg)
    before = _digest(tmp_path)
    status = main([str(part) for part in command(shapefile, gpkg, table)])
    assert status == 2
    assert re.search("would overwrite|would write the same file", capsys.readouterr().err)
    assert _digest(tmp_path) == before


def test_export_dialog_refuses_an_input_as_target(qtbot, inputs, tmp_path):
    from gismap.ui.export_dialogs import LayerExportDialog

    shapefile, _, table = inputs
    document = MapDocument()
    layer = document.add_layer(MapLayer(name="communes", source=shapefile, recipe=[JoinStep(table=table)]))
    layer.load()
    before = _digest(tmp_path)
    for target in (table, shapefile):
        dialog = LayerExportDialog(document, layer)
        qtbot.addWidget(dialog)
        dialog.set_target(target)
        dialog.export()
        assert not dialog.busy and "overwrite" in dialog.message.text()
    assert _digest(tmp_path) == before


def _wal_geopackage(folder: Path) -> Path:
    """A GeoPackage whose last change (a commune renamed) is still in its -wal file, as a live editor leaves it."""
    path = folder / "wal.gpkg"
    read_layer(shapefiles_dir() / "communes_37.parquet", check_geometry=False).frame.to_file(path, layer="communes")
    with contextlib.closing(sqlite3.connect(path)) as plain:
        for (trigger,) in plain.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
            plain.execute(f'DROP TRIGGER "{trigger}"')  # R-tree triggers need SpatiaLite functions
        plain.commit()
    editor = sqlite3.connect(path)
    editor.execute("PRAGMA journal_mode=WAL")
    editor.execute("PRAGMA wal_autocheckpoint=0")
    editor.execute("UPDATE communes SET name='Renamed in the log' WHERE code='13285'")
    editor.commit()
    handed_over = folder / "handed_over"
    handed_over.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(f"{path}{suffix}", handed_over / f"wal.gpkg{suffix}")
    editor.close()
    return handed_over / "wal.gpkg"


def test_a_geopackage_with_its_wal_is_read_whole_and_left_byte_identical(tmp_path, capsys):
    gpkg = _wal_geopackage(tmp_path)
    before = _digest(gpkg.parent)
    assert set(before) == {"wal.gpkg", "wal.gpkg-wal", "wal.gpkg-shm"}
    assert main(["info", str(gpkg)]) == 0
    frame = read_layer(gpkg).frame
    assert frame.set_index("code").loc["13285", "name"] == "Renamed in the log"
    assert _digest(gpkg.parent) == before


# ---------------------------------------------------------------------------- network

@pytest.fixture
def web_server():
    """A server on 127.0.0.1 that records every request it gets."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
                             b'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]')

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


def test_web_addresses_inside_data_files_are_never_fetched(web_server, tmp_path):
    url, requests = web_server
    polygon = {"type": "Polygon", "coordinates": [[[105, 20], [105.1, 20], [105.1, 20.1], [105, 20]]]}
    for kind, crs in (("link", {"type": "link", "properties": {"href": f"{url}/crs.wkt", "type": "ogcwkt"}}),
                      ("url", {"type": "url", "properties": {"url": f"{url}/crs.wkt"}}),
                      ("name", {"type": "name", "properties": {"name": f"{url}/def/crs/EPSG/0/4326"}})):
        path = tmp_path / f"{kind}.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "crs": crs, "features": [
            {"type": "Feature", "properties": {"name": kind}, "geometry": polygon}]}), encoding="utf-8")
        main(["info", str(path)])
    vrt = tmp_path / "remote.vrt"
    vrt.write_text(f'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/vsicurl/{url}/x.geojson'
                   '</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>', encoding="utf-8")
    assert main(["info", str(vrt)]) == 2
    assert requests == []


# ---------------------------------------------------------------------------- killed exports

_KILLED_EXPORT = textwrap.dedent("""
    import os, signal, sys
    import gismap.core.atomic as atomic
    from gismap.core.export import export_layer
    from gismap.core.layers import read_layer

    source, target, kill_at, how = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    frame = read_layer(source, check_geometry=False).frame.head(50)
    frame["generation"] = "new"
    calls = 0
    real_replace = os.replace

    def replace(src, dst):
        global calls
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL if how == "kill" else signal.SIGTERM)
        real_replace(src, dst)

    atomic.os.replace = replace
    if how == "term":  # as the gismap command runs, with its termination handler
        import gismap.cli
        gismap.cli.main = lambda: export_layer(frame, target) and 0
        gismap.cli.console_main()
    else:
        export_layer(frame, target)
""")


def _run_killed(source: Path, target: Path, kill_at: int, how: str = "kill") -> int:
    return subprocess.run([sys.executable, "-c", _KILLED_EXPORT, str(source), str(target), str(kill_at), how],
                          capture_output=True, timeout=120).returncode


@pytest.mark.parametrize("how", ["kill", "term"])
def test_a_shapefile_export_stopped_between_renames_never_leaves_a_mixed_set(tmp_path, how):
    source = copy_shapefile("communes_37", tmp_path / "src")
    reference = tmp_path / "reference"
    assert _run_killed(source, reference / "out.shp", kill_at=0) == 0
    new = _digest(reference)
    target_folder = tmp_path / "target"
    for kill_at in range(1, len(new) * 2 + 3):
        shutil.rmtree(target_folder, ignore_errors=True)
        export_layer(read_layer(source, check_geometry=False).frame, target_folder / "out.shp")
        old = _digest(target_folder)
        assert set(old) == set(new) and all(old[name] != new[name] for name in ("out.shp", "out.dbf"))
        _run_killed(source, target_folder / "out.shp", kill_at, how)
        now = {name: digest for name, digest in _digest(target_folder).items() if not name.startswith(".")}
        if how == "term":  # signals wait for the swap: one whole set, nothing left behind
            assert now in (old, new), f"set after SIGTERM at rename {kill_at}: {sorted(now)}"
            assert [p.name for p in target_folder.iterdir() if p.name.startswith(".")] == []
            continue
        if "out.shp" in now:
            generation = old if now["out.shp"] == old["out.shp"] else new
            assert now == generation, f"mixed set after a kill at rename {kill_at}"
        # The next write into the folder finishes the interrupted swap and removes what was left.
        export_layer(read_layer(source, check_geometry=False).frame.head(3), target_folder / "other.gpkg")
        assert {n: d for n, d in _digest(target_folder).items() if n.startswith("out.")} in (old, new)
        assert [p.name for p in target_folder.iterdir() if p.name.startswith(".")] == []


def test_a_killed_geopackage_export_leaves_no_temporary_file(tmp_path):
    source = copy_shapefile("communes_37", tmp_path / "src")
    out = tmp_path / "out"
    assert _run_killed(source, out / "a.gpkg", kill_at=1) == -signal.SIGKILL
    assert not (out / "a.gpkg").exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".gismap-")] != []  # left by the killed process
    export_layer(read_layer(source, check_geometry=False).frame.head(3), out / "b.gpkg")
    assert sorted(p.name for p in out.iterdir()) == ["b.gpkg"]
    # A terminated command (SIGTERM) cleans up at once.
    assert _run_killed(source, out / "c.gpkg", kill_at=1, how="term") == 128 + signal.SIGTERM
    assert sorted(p.name for p in out.iterdir()) == ["b.gpkg"]


def test_leftovers_that_are_not_ours_are_left_alone(tmp_path):
    """Only this computer's temporaries of dead processes are cleaned, and a journal never moves
    anything but plain files of its own dataset."""
    from gismap.core.atomic import _HOST

    folder = tmp_path / "received"
    source = copy_shapefile("communes_37", folder)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    (folder / ".gismap-2024-notes.txt").write_text("a user's file", encoding="utf-8")
    (folder / f".gismap-{_HOST}-99999999999999999999-x").write_text("", encoding="utf-8")
    (folder / ".gismap-otherhost-999999-out.abc").mkdir()
    forged = folder / f".gismap-{_HOST}-999999-x.abc"
    (forged / "sub").mkdir(parents=True)
    (folder / "sub").mkdir()
    (forged / "sub" / "victim.txt").write_text("ATTACKER", encoding="utf-8")
    (forged / "swap.json").write_text(json.dumps({
        "target": "x", "new": ["sub/../../victim.txt"], "old": ["communes_37.shp", "communes_37.dbf"]}))
    before = _digest(folder)
    render_map(_one_layer_document(source), folder / "map.png", size=(300, 200))
    assert victim.read_text(encoding="utf-8") == "mine"
    after = _digest(folder)
    assert {name: after[name] for name in before} == before  # inputs and the user's file untouched
    assert not forged.exists()  # a dead process's leftover of this computer: removed, nothing moved
    assert (folder / ".gismap-otherhost-999999-out.abc").exists()


def _one_layer_document(source: Path) -> MapDocument:
    document = MapDocument()
    document.add_layer(MapLayer(name="communes", source=source, style=Style(column="area_km2")))
    document.load_all()
    return document
