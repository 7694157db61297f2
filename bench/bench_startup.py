"""Start-up of the desktop app on its default map, in a fresh process each time.

Times from the interpreter's start to the window being shown, and to every layer of the
default document (six layers, four of them joined to the sample coverage table) being loaded
and drawn. The window is offscreen; the process quits once the first frame with all layers
is on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from common import ROOT

RUNS = 3

_PROBE = r"""
import time
START = time.perf_counter()
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import gismap.ui.app as app_module

marks = {}

def exec_and_watch():
    marks["shown"] = time.perf_counter() - START
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")

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
app_module.run([])
print(json.dumps(marks))
"""


def run() -> list[dict]:
    runs = []
    for _ in range(RUNS):
        # A first start: no saved settings, layout or autosave (a recovery question would wait for an answer).
        with tempfile.TemporaryDirectory() as home:
            # The sample map, as a first start that takes the default: the province question is not timed.
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false", "GISMAP_PROVINCE": "sample",
                   **{f"XDG_{kind.upper()}_HOME": f"{home}/{kind}" for kind in ("config", "data", "cache", "state")}}
            out = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True,
                                 check=True, env=env, timeout=300)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = {key: min(r[key] for r in runs) for key in ("shown", "loaded", "drawn")}
    note = f"best of {RUNS} fresh processes; default map: 6 layers, 4 joined to the sample table"
    return [
        {"name": "app start: window shown", "value": best["shown"], "unit": "s", "note": note},
        {"name": "app start: every layer loaded", "value": best["loaded"], "unit": "s"},
        {"name": "app start: first frame with every layer", "value": best["drawn"], "unit": "s"},
    ]
