"""Start-up of the desktop app, in a fresh process each time: on its default map, and opening a
project that holds the national full-detail layer as a choropleth.

Times from the interpreter's start to the window being shown, and to every layer being loaded
and drawn (the first frame once all are loaded). The window is offscreen; the process quits once
that frame is on screen. The probe imports ``gismap.ui.app`` first, as ``main.py`` does.

Baseline: QGIS is a desktop application whose start (plugins, splash, project) a script cannot
repeat; the like-for-like is a whole QGIS process that opens the same national layer, classes it
the same way (5 quantiles) and renders it once at full extent (1600x1000, rendering optimisation
on), timed from the process start. The default map has no QGIS baseline (its four layers are
joined to a coverage table by GISMap's join). GISMap and QGIS runs alternate, several rounds.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import QGIS_MISSING_NOTE, ROOT, national_communes, qgis_python, run_qgis_script
from qgis_map import qgis_map_code

ROUNDS = 3
COLUMN = "area_km2"

_PROBE = r"""
import time
START = time.perf_counter()
import json, sys
import gismap.ui.app as app_module
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

marks = {}

def exec_and_watch():
    marks["shown"] = time.perf_counter() - START
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
    # The first frame that shows a layer: one started once a layer's draft or data arrived.
    window.document.layer_changed.connect(lambda layer, what: window.canvas.after_next_frame(
        lambda: marks.setdefault("first", time.perf_counter() - START)) if what & {"draft", "data"} else None)

    def loaded_frame():
        if all(layer.data is not None for layer in window.document.layers) and "loaded" not in marks:
            marks["loaded"] = time.perf_counter() - START
            window.canvas.frame_ready.connect(lambda: (marks.setdefault("drawn", time.perf_counter() - START),
                                                       app.quit()))
            window.canvas.request_render()

    poll = QTimer()
    poll.timeout.connect(loaded_frame)
    poll.start(10)
    return QApplication.exec_original()

QApplication.exec_original = QApplication.exec
QApplication.exec = staticmethod(exec_and_watch)
app_module.run(sys.argv[1:])
print(json.dumps(marks))
"""



def start_app(argv: list[str]) -> dict:
    """The probe's marks (s) of one first start of the app with ``argv``."""
    # A first start: no saved settings, layout or autosave (a recovery question would wait for an answer).
    with tempfile.TemporaryDirectory() as home:
        # The sample map, as a first start that takes the default: the province question is not timed.
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false",
               "GISMAP_PROVINCE": "sample",
               **{f"XDG_{kind.upper()}_HOME": f"{home}/{kind}" for kind in ("config", "data", "cache", "state")}}
        out = subprocess.run([sys.executable, "-c", _PROBE, *argv], cwd=ROOT, capture_output=True, text=True,
                             check=True, env=env, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def national_project(national: Path, folder: Path) -> Path:
    from gismap.core.document import MapDocument, MapLayer, Style
    from gismap.core.project import save_project

    document = MapDocument(title="Diện tích xã, phường 2025")
    document.add_layer(MapLayer(name="communes", source=national, style=Style(column=COLUMN)))
    return save_project(document, folder / "national.gismap")


def qgis_frame_seconds(national: Path) -> float:
    code = qgis_map_code(national, COLUMN, (1600, 1000)) + "print(draw_map().width())\n"
    start = time.perf_counter()
    run_qgis_script(code)
    return time.perf_counter() - start


def _summary(values: list[float]) -> str:
    return f"min of {len(values)}, median {statistics.median(values):.2f} s"


def run() -> list[dict]:
    national = national_communes()
    has_qgis = national is not None and qgis_python() is not None
    default_runs, national_runs, qgis_runs = [], [], []
    with tempfile.TemporaryDirectory(prefix="gismap-start-") as folder:
        project = national_project(national, Path(folder)) if national is not None else None
        for _ in range(ROUNDS):  # interleaved: each round sees the machine alike
            default_runs.append(start_app([]))
            if project is not None:
                national_runs.append(start_app([str(project)]))
            if has_qgis:
                qgis_runs.append(qgis_frame_seconds(national))

    def values(runs, key):
        return [run[key] for run in runs]

    note = f"fresh processes, {ROUNDS} rounds; default map: 6 layers, 4 joined to the sample table"
    rows = [
        {"name": "app start: window shown", "value": min(values(default_runs, "shown")), "unit": "s",
         "target": "≤ 1 s", "note": f"{_summary(values(default_runs, 'shown'))}; {note}"},
        {"name": "app start: every layer loaded", "value": min(values(default_runs, "loaded")), "unit": "s",
         "note": _summary(values(default_runs, "loaded"))},
        {"name": "app start: first frame with every layer", "value": min(values(default_runs, "drawn")), "unit": "s",
         "target": "≤ 2.5 s", "note": _summary(values(default_runs, "drawn"))},
    ]
    if not national_runs:
        return rows + [{"name": "app start on the national layer", "value": None, "unit": "",
                        "note": "skipped: ../shared absent"}]
    frames = [
        {"name": "app start on a project of the national layer (choropleth): its first frame",
         "value": min(values(national_runs, "first")), "unit": "s",
         "note": f"{_summary(values(national_runs, 'first'))}; 3,321 communes, 7.1 M vertices, window shown at "
                 f"{min(values(national_runs, 'shown')):.2f} s; drawn from the layer's draft while it loads"},
        {"name": "app start on a project of the national layer (choropleth): its first frame once loaded",
         "value": min(values(national_runs, "drawn")), "unit": "s",
         "note": f"{_summary(values(national_runs, 'drawn'))}; geometry built, a fresh spatial index"},
    ]
    for frame in frames:
        if has_qgis:
            frame.update(baseline=min(qgis_runs), baseline_name=f"QGIS 3.22 whole process: open, class, render once; "
                                                                f"median {statistics.median(qgis_runs):.2f} s")
        else:
            frame["note"] += "; " + QGIS_MISSING_NOTE
    return rows + frames
