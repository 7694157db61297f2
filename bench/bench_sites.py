"""Site lists at scale: markers on the canvas and the CSV parse, against QGIS 3.22 and pandas.

- A canvas frame (offscreen QImage, the real canvas code, 1600x1000, the national commune layer
  beneath) with 100,000 and with 1,000,000 sites, first after loading the site list (culling
  index built) and settled (best and median of several); QGIS draws the same CSV (delimitedtext
  provider) over the same GeoPackage with simple circle markers of the same size and colours,
  ``UseRenderingOptimization`` on, at the same size, its first and later frames likewise.
- A 1,000,000-row site list CSV (title row, semicolons, decimal commas, Vietnamese names) read as
  a point layer, against ``pandas.read_csv`` of the same file and QGIS's delimitedtext provider
  opening it (which reads the whole file to count its features and find its extent).
- Print (PNG, PDF, SVG) and HTML of the national layer with 100,000 sites, GISMap only.

GISMap and the baselines run interleaved, round after round; min and median are reported.
The CSVs are generated (seeded) in a temporary folder and removed afterwards.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import QGIS_MISSING_NOTE, national_communes, qgis_python, run_qgis_script  # noqa: E402

SIZE = (1600, 1000)
ROUNDS = 3
SETTLED_FRAMES = 3
SITE_COUNTS = (100_000, 1_000_000)
# Vietnam's mainland and islands as the generated sites spread over them (sea included: a uniform spread).
_WEST, _SOUTH, _EAST, _NORTH = 102.2, 8.6, 109.4, 23.3

# QGIS opening the CSV (the delimitedtext provider reads it whole, to count and bound its rows).
QGIS_OPEN_SITES = """
import json
from qgis.core import QgsVectorLayer
start = time.perf_counter()
from urllib.parse import quote
sites = QgsVectorLayer("file://{csv}?type=csv&delimiter=;&decimalPoint=,&skipLines=1&xField=" + quote("Kinh độ")
                       + "&yField=" + quote("Vĩ độ") + "&crs=EPSG:4326", "sites", "delimitedtext")
assert sites.isValid() and sites.featureCount() == {count}, sites.featureCount()
opened = time.perf_counter() - start
"""
# Then frames of the sites, held in memory as GISMap holds them, over the national layer.
QGIS_FRAMES = QGIS_OPEN_SITES + """
from qgis.core import (QgsMapSettings, QgsMapRendererSequentialJob, QgsRectangle, QgsMarkerSymbol,
                       QgsFillSymbol, QgsCoordinateReferenceSystem, QgsFeatureRequest)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
sites = sites.materialize(QgsFeatureRequest())
communes = QgsVectorLayer({national!r}, "communes", "ogr")
communes.renderer().setSymbol(QgsFillSymbol.createSimple(
    {{"color": "#e8e4d8", "outline_color": "#6b6b6b", "outline_width": "0.4", "outline_width_unit": "Pixel"}}))
sites.renderer().setSymbol(QgsMarkerSymbol.createSimple(
    {{"name": "circle", "size": "{diameter}", "size_unit": "Pixel", "color": "#d94801",
      "outline_color": "#ffffff", "outline_width": "1", "outline_width_unit": "Pixel"}}))
settings = QgsMapSettings()
settings.setLayers([sites, communes])
settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
settings.setOutputSize(QSize({width}, {height}))
settings.setBackgroundColor(QColor("white"))
settings.setFlag(QgsMapSettings.Antialiasing, True)
settings.setFlag(QgsMapSettings.UseRenderingOptimization, True)
settings.setExtent(QgsRectangle({extent}))
frames = []
for _ in range({frames}):
    start = time.perf_counter()
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage()
    frames.append(time.perf_counter() - start)
print(json.dumps({{"opened": opened, "frames": frames}}), flush=True)
"""


def write_site_csv(path: Path, count: int, seed: int = 12) -> None:
    """A site list as operators keep them: a title row, semicolons, decimal commas, Vietnamese names."""
    import numpy as np

    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(_WEST, _EAST, count), rng.uniform(_SOUTH, _NORTH, count)
    names = np.array(["Phủ Lý", "Hoa Lư", "Cần Thơ", "Đà Nẵng", "Hà Nội", "Huế"])[rng.integers(0, 6, count)]
    bands = np.array(["n78", "n41", "n1"])[rng.integers(0, 3, count)]
    rows = (f"T{i:07d};{name} {i};{x:.5f};{y:.5f};{band}".replace(".", ",")
            for i, (name, x, y, band) in enumerate(zip(names, lon, lat, bands)))
    path.write_text("DANH SÁCH TRẠM 5G (dữ liệu thử)\nMã trạm;Tên trạm;Kinh độ;Vĩ độ;Băng tần\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _summary(values: list[float]) -> str:
    return f"min {min(values):.2f} s, median {statistics.median(values):.2f} s over {len(values)}"


def _gismap_frames(national: Path, csv: Path) -> tuple[float, list[float]]:
    """The first frame after loading the site list (seconds) and the settled frames after it."""
    from gismap.core.document import MapDocument, MapLayer
    from gismap.render import CanvasEngine, Viewport

    document = MapDocument()
    communes = document.add_layer(MapLayer("communes", national))
    sites = document.add_layer(MapLayer("sites", csv, visible=False))
    document.load_all()
    engine = CanvasEngine(document)
    try:
        viewport = Viewport.fit(communes.data.bounds, *SIZE)
        engine.render(viewport)  # the communes' culling index and paths: not what is measured
        engine.wait_for_detail()
        sites.visible = True
        first = _timed(lambda: engine.render(viewport))
        engine.wait_for_detail()
        return first, [_timed(lambda: engine.render(viewport)) for _ in range(SETTLED_FRAMES)]
    finally:
        engine.close()
        for layer in document.layers:  # no validity check of this round runs into the next measurement
            layer.data.wait_repaired()


def _qgis_frames(national: Path, csv: Path, count: int) -> dict:
    from gismap.core.document import SITE_MARKER_RADIUS
    from gismap.render import Viewport

    extent = Viewport.fit(_national_bounds(national), *SIZE).extent
    code = QGIS_FRAMES.format(national=str(national), csv=str(csv), count=count,
                              diameter=2 * SITE_MARKER_RADIUS, width=SIZE[0], height=SIZE[1],
                              extent=", ".join(map(repr, extent)), frames=1 + SETTLED_FRAMES)
    return json.loads(run_qgis_script(code).stdout.strip().splitlines()[-1])


def _national_bounds(national: Path) -> tuple[float, float, float, float]:
    import pyogrio

    return tuple(float(v) for v in pyogrio.read_info(national, force_total_bounds=True)["total_bounds"])


def _frame_rows(national: Path, folder: Path, qgis: bool) -> list[dict]:
    rows = []
    for count in SITE_COUNTS:
        csv = folder / f"sites_{count}.csv"
        write_site_csv(csv, count)
        firsts, settled, qgis_firsts, qgis_settled = [], [], [], []
        for _ in range(ROUNDS):  # interleaved: GISMap, then QGIS, each round
            first, frames = _gismap_frames(national, csv)
            gc.collect()  # the round's document (reference cycles) is not left for a later measurement to collect
            firsts.append(first)
            settled += frames
            if qgis:
                measured = _qgis_frames(national, csv, count)
                qgis_firsts.append(measured["frames"][0])
                qgis_settled += measured["frames"][1:]
        label = f"{count:,} sites over the national layer, 1600x1000"
        target = "≤ QGIS" if count == 100_000 else "≤ 3 s"
        note = f"GISMap {_summary(settled)}" + (f"; QGIS {_summary(qgis_settled)}" if qgis else f"; {QGIS_MISSING_NOTE}")
        rows.append({"name": f"site frame, {label}, settled", "value": statistics.median(settled), "unit": "s",
                     "baseline": statistics.median(qgis_settled) if qgis else None,
                     "baseline_name": "QGIS 3.22, median", "target": target, "note": note})
        note = f"GISMap {_summary(firsts)}" + (f"; QGIS {_summary(qgis_firsts)}" if qgis else "")
        rows.append({"name": f"site frame, {label}, first after loading the sites", "value": statistics.median(firsts),
                     "unit": "s", "baseline": statistics.median(qgis_firsts) if qgis else None,
                     "baseline_name": "QGIS 3.22 first frame, median", "target": target,
                     "note": note + "; GISMap builds the sites' culling index, QGIS reads the CSV's features"})
    return rows


def _parse_rows(folder: Path, qgis: bool) -> list[dict]:
    import pandas as pd

    from gismap.core.layers import read_layer

    count = SITE_COUNTS[-1]
    csv = folder / f"sites_{count}.csv"
    gismap, pandas, qgis_opened = [], [], []
    for _ in range(ROUNDS):
        gismap.append(_timed(lambda: read_layer(csv, check_geometry=False)))
        pandas.append(_timed(lambda: pd.read_csv(csv, sep=";", decimal=",", skiprows=1)))
        if qgis:
            qgis_opened.append(_qgis_opened(csv, count))
    note = f"GISMap {_summary(gismap)}; pandas {_summary(pandas)}"
    rows = [{"name": f"{count:,}-row site CSV read as a point layer", "value": statistics.median(gismap), "unit": "s",
             "baseline": statistics.median(pandas), "baseline_name": "pandas.read_csv (C engine), median",
             "target": "≤ 3 s", "note": note + "; GISMap also finds the header, checks the text's encoding, "
                                              "builds the points"}]
    rows.append({"name": f"{count:,}-row site CSV read as a point layer, against QGIS", "value": statistics.median(gismap),
                 "unit": "s", "baseline": statistics.median(qgis_opened) if qgis else None,
                 "baseline_name": "QGIS 3.22 delimitedtext layer opened, median",
                 "note": f"QGIS {_summary(qgis_opened)}; it reads every row to count and bound them" if qgis
                 else QGIS_MISSING_NOTE})
    return rows


def _qgis_opened(csv: Path, count: int) -> float:
    code = QGIS_OPEN_SITES.format(csv=str(csv), count=count) + "print(json.dumps({'opened': opened}), flush=True)\n"
    return json.loads(run_qgis_script(code).stdout.strip().splitlines()[-1])["opened"]


def _export_rows(national: Path, folder: Path) -> list[dict]:
    from gismap.core.document import MapDocument, MapLayer
    from gismap.render.output import render_map

    document = MapDocument(title="Trạm 5G")
    document.add_layer(MapLayer("communes", national))
    document.add_layer(MapLayer("sites", folder / "sites_100000.csv"))
    document.load_all()
    rows = []
    for suffix in ("png", "pdf", "svg", "html"):
        path = folder / f"sites.{suffix}"
        seconds = _timed(lambda: render_map(document, path))
        rows.append({"name": f"national map with 100,000 sites, {suffix.upper()} export (loaded)", "value": seconds,
                     "unit": "s", "note": f"{path.stat().st_size / 1e6:.1f} MB; one run"})
    return rows


def run() -> list[dict]:
    national = national_communes()
    if national is None:
        return [{"name": "site markers", "value": None, "unit": "s",
                 "note": "skipped: national commune layer not found (set GISMAP_NATIONAL)"}]
    qgis = qgis_python() is not None
    with tempfile.TemporaryDirectory(prefix="gismap-sites-") as folder:
        folder = Path(folder)
        return _frame_rows(national, folder, qgis) + _parse_rows(folder, qgis) + _export_rows(national, folder)
