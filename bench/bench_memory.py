"""Peak memory of the window with the national full-detail layer as a choropleth, at ×1, ×3 and ×10
the national layer, beside QGIS 3.22 opening and drawing the same layer.

Each measure is a fresh process (peak = its VmHWM): a MainWindow (1600x1000, offscreen) loads the
layer, coloured by ``area_km2`` in quantiles, draws its first frame, waits for the levels of detail
and the validity check, draws the settled national frame, then a zoom on Hà Nội and, once that
view's level of detail is built, its settled frame.
The process reports its RSS after each of those stages (where the memory goes). The ×3 and ×10
layers (9,963 and 33,210 communes) are copies of the national layer translated side by side,
written by this bench to a temporary GeoPackage (never committed). QGIS's process opens the same
file, classes it the same way (5 quantiles) and renders the same two views with the canvas's
rendering optimisation on. GISMap and QGIS runs alternate, several rounds; min and median reported.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import QGIS_MISSING_NOTE, ROOT, national_communes, qgis_python, run_qgis_script
from qgis_map import qgis_map_code

COLUMN = "area_km2"
SCALES = (1, 3, 10)
ROUNDS = {1: 3, 3: 2, 10: 2}
TARGETS = {1: 600, 10: 2500}  # MB
ZOOM = (105.5, 20.8, 106.2, 21.3)  # Hà Nội's centre: a fine level of detail

_STAGES = r"""
import json, re, sys, time
from pathlib import Path
def rss():
    status = open("/proc/self/status").read()
    return round(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
stages = {}
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gismap.core.document import MapDocument, MapLayer, Style
from gismap.render.viewport import Viewport
from gismap.ui.main_window import MainWindow
stages["imports"] = rss()
document = MapDocument()
layer = document.add_layer(MapLayer(name="communes", source=Path(sys.argv[1]), style=Style(column=sys.argv[2])))
window = MainWindow(document)
window.resize(1600, 1000)
window.show()
frames = []
window.canvas.frame_ready.connect(lambda: frames.append(time.perf_counter()))
window.load_layers()
def spin(until):
    while not until():
        app.processEvents()
        time.sleep(0.002)
spin(lambda: layer.data is not None)
stages["loaded"] = rss()
spin(lambda: frames)
stages["first frame"] = rss()
window.canvas.engine.wait_for_detail()
layer.data.wait_repaired()
drawn = len(frames)
window.canvas.request_render()
spin(lambda: len(frames) > drawn)
stages["levels, validity, settled frame"] = rss()
drawn = len(frames)
window.canvas.zoom_to(tuple(map(float, sys.argv[3].split(","))))
spin(lambda: len(frames) > drawn)
stages["zoomed to Hà Nội"] = rss()
window.canvas.engine.wait_for_detail()
drawn = len(frames)
window.canvas.request_render()
spin(lambda: len(frames) > drawn)
stages["its level built, settled frame"] = rss()
stages["peak"] = round(int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read())[1]) / 1024)
window.canvas.shutdown()
print(json.dumps(stages))
"""

_QGIS_VIEWS = r"""
import re
layer = open_layer()
for extent in (None, ZOOM):
    draw(layer, extent)
print(round(int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read())[1]) / 1024))
"""

_TILE = r"""
import sys
import pyogrio, shapely
from shapely import affinity
source, target, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
frame = pyogrio.read_dataframe(source, use_arrow=True)
west, south, east, north = frame.total_bounds
columns = 4
for copy in range(copies):
    shifted = frame.copy()
    dx, dy = (east - west + 0.5) * (copy % columns), (north - south + 0.5) * (copy // columns)
    shifted["code"] = shifted["code"].astype(str) + f"-{copy}"
    shifted = shifted.set_geometry(shapely.transform(frame.geometry.values, lambda xy: xy + (dx, dy)))
    pyogrio.write_dataframe(shifted, target, layer="communes", append=copy > 0)
"""


def tiled_layer(national: Path, copies: int, folder: Path) -> Path:
    """A GeoPackage of ``copies`` copies of the national layer side by side (written in a child process)."""
    if copies == 1:
        return national
    target = folder / f"communes_x{copies}.gpkg"
    subprocess.run([sys.executable, "-c", _TILE, str(national), str(target), str(copies)], check=True, timeout=1800)
    return target


def window_stages(path: Path) -> dict:
    """RSS (MB) after each stage of the window showing ``path``, and the process's peak."""
    out = subprocess.run([sys.executable, "-c", _STAGES, str(path), COLUMN, ",".join(map(str, ZOOM))], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=1800,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                              "QT_LOGGING_RULES": "qt.qpa.*=false"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def qgis_peak(path: Path) -> float:
    code = qgis_map_code(path, COLUMN, (1600, 1000)) + _QGIS_VIEWS.replace("ZOOM", repr(ZOOM))
    return float(run_qgis_script(code, timeout=1800).stdout.strip().splitlines()[-1])


def run() -> list[dict]:
    national = national_communes()
    if national is None:
        return [{"name": "window peak memory", "value": None, "unit": "", "note": "skipped: ../shared absent"}]
    has_qgis = qgis_python() is not None
    rows, peaks = [], {}
    with tempfile.TemporaryDirectory(prefix="gismap-memory-") as folder:
        for scale in SCALES:
            path = tiled_layer(national, scale, Path(folder))
            ours, theirs, stages = [], [], None
            for _ in range(ROUNDS[scale]):  # interleaved: both see the same load on the machine
                stages = window_stages(path)
                ours.append(stages["peak"])
                if has_qgis:
                    theirs.append(qgis_peak(path))
            peaks[scale] = min(ours)
            where = ", ".join(f"{name} {mb:,}" for name, mb in stages.items() if name != "peak")
            row = {"name": f"window with the national layer ×{scale} ({3321 * scale:,} communes), choropleth: peak",
                   "value": min(ours), "unit": "MB",
                   "note": f"min of {len(ours)} fresh processes, median {statistics.median(ours):,.0f} MB; "
                           f"RSS after each stage (MB): {where}"}
            if scale in TARGETS:
                row["target"] = f"≤ {TARGETS[scale]:,} MB"
            if has_qgis:
                row.update(baseline=min(theirs), baseline_name=f"QGIS 3.22 open + draw the same 2 views, median "
                                                               f"{statistics.median(theirs):,.0f} MB")
            elif scale == 1:
                row["note"] += "; " + QGIS_MISSING_NOTE
            rows.append(row)
            if path != national:
                path.unlink()
    growth = ((peaks[10] - peaks[3]) / 7) / ((peaks[3] - peaks[1]) / 2) if peaks[3] > peaks[1] else float("nan")
    rows.append({"name": "window peak memory growth per national layer, ×3→×10 against ×1→×3", "value": growth,
                 "unit": "", "target": "≈ 1 (linear)",
                 "note": f"{(peaks[3] - peaks[1]) / 2:,.0f} MB per copy up to ×3, {(peaks[10] - peaks[3]) / 7:,.0f} MB "
                         "per copy from ×3 to ×10"})
    return rows
