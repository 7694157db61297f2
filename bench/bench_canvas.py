"""Canvas frames of the national full-detail commune layer with its choropleth, at 1600x1000,
against QGIS 3.22 drawing the same map as its canvas does (``bench/qgis_map.py``).

Each round runs one fresh GISMap process and one fresh QGIS process, in turn, so both meet the
same machine load; each process imports its libraries before the clock starts (the window has
loaded them, colour ramps included, before a layer is opened), then times:

- **cold**: opening the layer and its first frame: reading, classing the column, drawing. QGIS
  opens the layer lazily and reads while drawing; GISMap reads on a loading thread, as the window
  does, and draws its first frame from the layer's draft (outlines read straight from the file's
  WKB), the thread waiting for that frame before it goes on to build the geometry;
- **loaded**: until the layer is usable (geometry built, text checked), and its first frame then
  (GISMap: a fresh spatial index and a half-pixel grid snap of the geometry); the validity check
  and levels of detail start beside it, as in the window;
- **path-building frame** (GISMap): the first frame of a view once its level of detail exists
  (levels are built for what a frame asked for: each view is drawn once as a draft first), which
  makes and keeps that level's painter paths; QGIS has no such step;
- **settled**: the next frame of the same view (GISMap: cached paths; QGIS: the same layer
  drawn again by a new render job, as a pan or zoom does).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import (QGIS_MISSING_NOTE, ROOT, installed_env, interleaved, min_median,  # noqa: E402
                    national_communes, qgis_python, run_qgis_script)
from qgis_map import qgis_map_code  # noqa: E402

SIZE = (1600, 1000)
PROVINCE = "38"  # Thanh Hóa: 166 communes
COLUMN = "area_km2"
ROUNDS = 5
VIEWS = ("full extent", "one province's extent")
TARGETS = {"full extent": 150, "one province's extent": 40}  # settled frame, ms

GISMAP_FRAMES = """
import json, threading, time
from pathlib import Path

import matplotlib.colors  # noqa: F401 (the window's style panel has loaded the colour ramps)

import gismap.core.classify, gismap.render.canvas  # noqa: F401
from gismap.core.document import MapDocument, MapLayer, Style
from gismap.core.layers import DraftRequest
from gismap.render import CanvasEngine, Viewport, ensure_gui_application
from gismap.render.geometry_cache import PIXEL_TOLERANCE

ensure_gui_application()
start = time.perf_counter()
document = MapDocument()
layer = document.add_layer(MapLayer("communes", Path({path!r}), style=Style(column={column!r})))
drafted, drawn_event = threading.Event(), threading.Event()

def draft_cell(bounds):  # as the window: half a pixel of the view that will show the layer
    return PIXEL_TOLERANCE * Viewport.fit(bounds, {width}, {height}).resolution

def show_draft(draft):  # as the window: handed to the GUI thread, reading goes on once it is drawn
    document.show_draft(layer, draft)
    drafted.set()
    drawn_event.wait(1.0)

# As the window loads a layer: on a thread, the validity check starting beside once it is read.
loading = threading.Thread(target=layer.load, kwargs={{"draft": DraftRequest(show_draft, cell=draft_cell)}})
loading.start()
drafted.wait()
engine = CanvasEngine(document)
engine.render(Viewport.fit(layer.draft.outlines.bounds, {width}, {height}), loaded_only=True)
drawn = time.perf_counter()
drawn_event.set()
loading.join()
document.loaded(layer)
opened = time.perf_counter()
views = {{"full extent": Viewport.fit(layer.data.bounds, {width}, {height}),
          "one province's extent": Viewport.fit({province!r}, {width}, {height})}}
engine.render(views["full extent"], loaded_only=True)
loaded_frame = time.perf_counter()
engine.render(views["one province's extent"])  # a draft that asks for that view's level of detail
engine.wait_for_detail()
result = {{"open": opened - start, "cold": drawn - start, "loaded": loaded_frame - start,
           "levels": time.perf_counter() - loaded_frame}}
for name, viewport in views.items():
    times = []
    for _ in range(2):  # the path-building frame, then the settled one
        begin = time.perf_counter()
        engine.render(viewport)
        times.append(time.perf_counter() - begin)
    result[name] = times
engine.close()
print(json.dumps(result))
"""

QGIS_FRAMES = """
import json
start = time.perf_counter()
layer = open_layer()
draw(layer)
result = {{"cold": time.perf_counter() - start}}
for name, extent in (("full extent", None), ("one province's extent", {province!r})):
    draw(layer, extent)  # QGIS's first frame of this view
    begin = time.perf_counter()
    draw(layer, extent)
    result[name] = time.perf_counter() - begin
print(json.dumps(result))
"""


def run() -> list[dict]:
    path = national_communes()
    if path is None:
        return [{"name": "canvas frame", "value": None, "unit": "ms",
                 "note": "skipped: national commune layer not found (set GISMAP_NATIONAL)"}]
    province = _province_extent(path)
    gismap_results, qgis_results = [], []
    code = GISMAP_FRAMES.format(path=str(path), column=COLUMN, width=SIZE[0], height=SIZE[1], province=province)
    env = installed_env()
    runs = {"gismap": lambda: gismap_results.append(json.loads(subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout))}
    if qgis_python() is not None:
        qgis_code = qgis_map_code(path, COLUMN, SIZE) + QGIS_FRAMES.format(province=province)
        runs["qgis"] = lambda: qgis_results.append(json.loads(run_qgis_script(qgis_code).stdout.splitlines()[-1]))
    interleaved(runs, ROUNDS)
    return _rows(gismap_results, qgis_results)


def _province_extent(path) -> tuple[float, ...]:
    import pyogrio

    frame = pyogrio.read_dataframe(path, columns=["prov_code"], where=f"prov_code = '{PROVINCE}'", use_arrow=True)
    return tuple(float(v) for v in frame.total_bounds)


def _rows(ours: list[dict], qgis: list[dict]) -> list[dict]:
    def figures(results, key, index=None):
        return min_median([r[key] if index is None else r[key][index] for r in results])

    rounds = f"median of {ROUNDS} interleaved rounds, a fresh process each"

    def against_qgis(name: str, value: tuple[float, float], qgis_key: str, target: str, what: str) -> dict:
        row = {"name": name, "value": value[1] * 1000, "unit": "ms", "target": target}
        if qgis:
            base = figures(qgis, qgis_key)
            row.update(baseline=base[1] * 1000, baseline_name="QGIS 3.22 (QgsMapRendererParallelJob)",
                       note=f"{rounds} (min {value[0] * 1000:.0f} ms vs QGIS {base[0] * 1000:.0f} ms); {what}")
        else:
            row["note"] = f"{rounds} (min {value[0] * 1000:.0f} ms); {what}; {QGIS_MISSING_NOTE}"
        return row

    cold, opened, loaded = figures(ours, "cold"), figures(ours, "open"), figures(ours, "loaded")
    rows = [
        against_qgis("canvas, national layer opened and first frame drawn (cold, choropleth)", cold, "cold",
                     "≤ QGIS (ratio ≤ 1)",
                     "3,321 communes, 7.1 M vertices, 1600x1000; reading, classing and drawing (QGIS opens lazily "
                     "and reads while drawing; GISMap draws the layer's draft, its outlines read from the file's WKB "
                     "on a half-pixel grid, while its loading thread builds the geometry)"),
        against_qgis("canvas, national layer usable and its first frame drawn (cold, choropleth)", loaded, "cold",
                     "",
                     f"geometry built and text checked (median {opened[1] * 1000:.0f} ms), then a fresh spatial index "
                     "and a frame of the geometry on a half-pixel grid; QGIS: its cold frame, as above"),
    ]
    for name in VIEWS:
        rows.append(against_qgis(f"canvas frame, {name}, settled", figures(ours, name, 1), name,
                                 f"≤ {TARGETS[name]} ms", "the next frame of the same view (GISMap: cached paths)"))
        building = figures(ours, name, 0)
        rows.append({"name": f"canvas frame, {name}, path-building (first at its level of detail)",
                     "value": building[1] * 1000, "unit": "ms",
                     "note": f"{rounds} (min {building[0] * 1000:.0f} ms); makes and keeps the level's painter paths"})
    levels = figures(ours, "levels")
    rows.append({"name": "levels of detail of both views built (background, after the first frame)",
                 "value": levels[1], "unit": "s",
                 "note": f"{rounds} (min {levels[0]:.2f} s); the two levels the views want (the province's for its "
                         "communes only), each simplified from the coarsest finer level built, at a lower priority "
                         "than frames; includes the province view's draft frame"})
    return rows
