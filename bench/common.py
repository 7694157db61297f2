"""Shared helpers of the benchmark scripts: where the national layer is, timing, peak memory."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def national_communes() -> Path | None:
    """The full-detail national commune layer, or None when it is not on this machine."""
    path = Path(os.environ.get("GISMAP_NATIONAL", ROOT.parent / "shared/data/boundaries/communes_vn_2025.gpkg"))
    return path if path.exists() else None


def best_of(fn, repeat: int = 5, after=None) -> float:
    """Fastest wall time of ``repeat`` calls, in seconds (the least disturbed run).

    ``after`` runs untimed after each call (e.g. to let background work finish so it
    does not disturb the next run).
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
        if after is not None:
            after()
    return best


def run_script(code: str, repeat: int = 3) -> tuple[float, float]:
    """Best wall time (s) and peak RSS (MB) of running ``code`` in a fresh interpreter."""
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(
            # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from this (parent) process.
            [sys.executable, "-c", code + "\nimport re,sys;"
             "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1], file=sys.stderr)"],
            cwd=ROOT, capture_output=True, text=True, check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        best = min(best, time.perf_counter() - start)
        peak = max(peak, int(out.stderr.strip().splitlines()[-1]) / 1024)
    return best, peak


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# QGIS runs in its own interpreter: Debian's python3-qgis is built for the system Python,
# and a whole-process baseline must not share GISMap's imports anyway.
QGIS_PYTHON = os.environ.get("GISMAP_QGIS_PYTHON", "/usr/bin/python3")
QGIS_MISSING_NOTE = ("QGIS baseline skipped: QGIS is not installed "
                     "(Debian: `sudo apt-get install --no-install-recommends python3-qgis qgis-providers`)")


def qgis_python() -> str | None:
    """The interpreter that imports ``qgis.core`` (QGIS 3.22 from Debian), or None when absent."""
    try:
        subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return QGIS_PYTHON


def run_qgis_script(code: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``code`` in QGIS's interpreter, offscreen, with a QgsApplication made and initialised
    beforehand (``app``); its stdout is returned for the caller to parse."""
    prelude = (
        "import os, sys, time\n"
        "from qgis.core import QgsApplication\n"
        "QgsApplication.setPrefixPath('/usr', True)\n"
        "app = QgsApplication([], False)\n"
        "app.initQgis()\n"
    )
    return subprocess.run(
        [qgis_python() or QGIS_PYTHON, "-c", prelude + code], cwd=ROOT, capture_output=True, text=True,
        check=True, timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": "/tmp/runtime-root"},
    )


def qgis_choropleth(path, column: str) -> str:
    """QGIS code making ``layer``: ``path`` opened through OGR and classed by ``column`` in 5 quantiles
    (YlGnBu), as GISMap's default choropleth; and ``draw(extent)``: one 1600x1000 render of it with
    the canvas's rendering optimisation on."""
    return f"""
from qgis.core import (QgsClassificationQuantile, QgsGraduatedSymbolRenderer, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsRectangle, QgsStyle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
layer = QgsVectorLayer({str(path)!r}, "communes", "ogr")
renderer = QgsGraduatedSymbolRenderer({column!r})
renderer.setClassificationMethod(QgsClassificationQuantile())
renderer.updateClasses(layer, 5)
renderer.updateColorRamp(QgsStyle.defaultStyle().colorRamp("YlGnBu"))
layer.setRenderer(renderer)

def draw(extent):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setOutputSize(QSize(1600, 1000))
    settings.setExtent(extent)
    settings.setFlag(QgsMapSettings.UseRenderingOptimization, True)
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()
"""
