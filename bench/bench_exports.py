"""Print and HTML exports of the national commune layer against the plain geopandas stack.

- PNG and PDF export time in process (layer loaded), and the national PDF's size;
- ``gismap render`` national PNG, whole process, against QGIS 3.22's whole-process render of the same
  map (when installed) and ``read_file().plot()`` + ``savefig``, interleaved rounds, min and median;
- national HTML size and time (``render_map``, whole process) against ``GeoDataFrame.explore`` on the
  same shared-edge simplification, and a second export of the same map;
- peak memory of each whole process.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import (QGIS_MISSING_NOTE, ROOT, best_of, interleaved, min_median, installed_env, national_communes,
                    qgis_python, run_qgis_script, run_script)
from qgis_map import qgis_map_code

COLUMN, SIZE, DPI = "area_km2", (1600, 1000), 150
ROUNDS = 5  # interleaved whole-process runs of GISMap and each baseline
HTML_ROUNDS = 3

BASELINE_PNG = """
import geopandas, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
frame = geopandas.read_file({path!r})
figure, ax = plt.subplots(figsize=({w} / {dpi}, {h} / {dpi}), dpi={dpi})
frame.plot(column={column!r}, scheme="quantiles", k=5, cmap="YlGnBu", legend=True, ax=ax,
           edgecolor="#6b6b6b", linewidth=0.3)
ax.set_axis_off()
figure.savefig({out!r}, dpi={dpi})
"""

# As the `gismap` console script runs it.
GISMAP = "import sys; sys.argv[1:] = {argv!r}; from gismap.cli import console_main; console_main()"

# explore on the very geometry GISMap's page holds (the same shared-edge simplification, same
# tolerance), not on full detail: the comparison is of the page writers. The layer is read through
# GISMap so both start from the same frame.
BASELINE_HTML = """
from pathlib import Path
from gismap.core.document import MapDocument, MapLayer, Style
from gismap.render.html import tolerance_for
from gismap.render.shared_edges import simplify_shared_edges
d = MapDocument(); layer = d.add_layer(MapLayer(name="communes", source=Path({path!r}), style=Style(column={column!r})))
frame = layer.load(check_geometry=False).frame
frame = frame.set_geometry(simplify_shared_edges(frame.geometry.values, tolerance_for(d)))
frame.explore(column={column!r}, scheme="quantiles", k=5).save({out!r})
"""


def run() -> list[dict]:
    national = national_communes()
    if national is None:
        return [{"name": "national exports", "value": None, "unit": "", "note": "skipped: ../shared absent"}]
    out = Path(tempfile.mkdtemp(prefix="gismap-bench-"))
    return (_print_rows(national, out) + _cancel_rows(national, out) + _whole_process_rows(national, out)
            + _html_rows(national, out))


def _print_rows(national: Path, out: Path) -> list[dict]:
    from gismap.core.document import MapDocument, MapLayer, Style
    from gismap.render.print import render_print

    document = MapDocument(title="Diện tích xã, phường 2025")
    document.add_layer(MapLayer(name="communes", source=national, style=Style(column=COLUMN)))
    document.load_all()
    rows = []
    for suffix in ("png", "pdf"):
        path = out / f"national.{suffix}"
        seconds = best_of(lambda: render_print(document, path, SIZE, DPI), repeat=2)
        rows.append({"name": f"national {suffix.upper()} export, 1600×1000 @150 dpi (loaded)", "value": seconds * 1000,
                     "unit": "ms", "note": f"{path.stat().st_size / 1e6:.2f} MB"})
    rows.append({"name": "national PDF size", "value": (out / "national.pdf").stat().st_size / 1e6, "unit": "MB",
                 "note": "geometry thinned to half an output pixel"})
    return rows


def _cancel_rows(national: Path, out: Path) -> list[dict]:
    """How long an export goes on after Cancel: the user cancels while the national map is being written."""
    import threading
    import time

    from gismap.core.document import MapDocument, MapLayer, Style
    from gismap.core.feedback import Canceled, Feedback
    from gismap.render.output import render_map

    document = MapDocument()
    document.add_layer(MapLayer(name="communes", source=national, style=Style(column=COLUMN)))
    document.load_all()
    rows = []
    for suffix, after in (("html", 3.0), ("pdf", 0.4)):  # cancel in the middle of each
        feedback, stopped = Feedback(), {}

        def export(feedback=feedback, stopped=stopped, suffix=suffix):
            try:
                render_map(document, out / f"cancelled.{suffix}", SIZE, DPI, feedback=feedback)
            except Canceled:
                stopped["at"] = time.perf_counter()

        worker = threading.Thread(target=export)
        worker.start()
        time.sleep(after)
        cancelled = time.perf_counter()
        feedback.cancel()
        worker.join()
        written = (out / f"cancelled.{suffix}").exists()
        rows.append({"name": f"national {suffix.upper()} export: from Cancel to stopped", "unit": "ms",
                     "value": (stopped["at"] - cancelled) * 1000 if "at" in stopped else None, "target": "≤ 500 ms",
                     "note": f"cancelled {after:.1f} s in; " + ("a file was written!" if written else "nothing written")})
    return rows


def _whole_process_rows(national: Path, out: Path) -> list[dict]:
    """``gismap render`` of the national PNG against QGIS and geopandas, each a whole process
    (interpreter start, imports, reading, classing, drawing, writing), interleaved rounds."""
    import subprocess
    import sys

    argv = ["render", str(national), "--column", COLUMN, "--size", f"{SIZE[0]}x{SIZE[1]}", "--dpi", str(DPI),
            "--out", str(out / "render.png")]
    env = installed_env()

    def process(command: list[str]):
        return lambda: subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)

    runs = {"gismap": process([sys.executable, "-c", GISMAP.format(argv=argv)]),
            "geopandas": process([sys.executable, "-c", BASELINE_PNG.format(
                path=str(national), w=SIZE[0], h=SIZE[1], dpi=DPI, column=COLUMN, out=str(out / "baseline.png"))])}
    if qgis_python() is not None:
        runs["qgis"] = lambda: run_qgis_script(_qgis_png_code(national, out / "qgis.png"))
    times = interleaved(runs, ROUNDS)
    ours = min_median(times["gismap"])
    _, our_peak = run_script(GISMAP.format(argv=argv), repeat=1)
    rows = []
    if "qgis" in times:
        qgis = min_median(times["qgis"])
        rows.append({"name": "gismap render national PNG, whole process, against QGIS", "value": ours[1], "unit": "s",
                     "baseline": qgis[1], "baseline_name": "QGIS 3.22 whole process (python3 script)",
                     "target": "≤ QGIS (ratio ≤ 1)",
                     "note": f"median of {ROUNDS} interleaved rounds (min {ours[0]:.2f} s vs {qgis[0]:.2f} s); both "
                             "start an interpreter, import, read the GeoPackage, class the column (quantiles, 5) and "
                             f"write a {SIZE[0]}×{SIZE[1]} PNG; GISMap's page also has title, legend, scale bar"})
    else:
        rows.append({"name": "gismap render national PNG, whole process, against QGIS", "value": ours[1], "unit": "s",
                     "note": QGIS_MISSING_NOTE})
    geopandas = min_median(times["geopandas"])
    rows += [
        {"name": "gismap render national PNG, whole process", "value": ours[1], "unit": "s", "baseline": geopandas[1],
         "baseline_name": "geopandas read_file+plot+savefig (whole process)", "target": "≥ 4× faster (ratio ≤ 0.25)",
         "note": f"median of {ROUNDS} interleaved rounds (min {ours[0]:.2f} s vs {geopandas[0]:.2f} s); "
                 f"{geopandas[1] / ours[1]:.1f}× faster"},
        {"name": "gismap render national PNG, peak memory", "value": our_peak, "unit": "MB"},
    ]
    return rows


def _qgis_png_code(national: Path, png: Path) -> str:
    """QGIS's whole-process render: the same classes and colours, written as a PNG."""
    return qgis_map_code(national, COLUMN, SIZE) + f"assert draw_map().save({str(png)!r})\n"


def _html_rows(national: Path, out: Path) -> list[dict]:
    """Whole process, interleaved rounds: GISMap's national page against explore on the same simplification;
    then, in this process, a second export of the same map (simplification kept)."""
    import statistics
    import time

    from gismap.core.document import MapDocument, MapLayer, Style
    from gismap.render.output import render_map

    ours_path, base_path = out / "national.html", out / "explore.html"
    code = ("from gismap.core.document import MapDocument, MapLayer, Style\n"
            "from gismap.render.output import render_map\n"
            "d = MapDocument(); d.add_layer(MapLayer(name='communes', source=__import__('pathlib').Path({path!r}),"
            " style=Style(column={column!r})))\n"
            "d.load_all(); render_map(d, {out!r})\n")
    ours, base, our_peak, base_peak = [], [], 0.0, 0.0
    for _ in range(HTML_ROUNDS):
        seconds, peak = run_script(code.format(path=str(national), column=COLUMN, out=str(ours_path)), repeat=1)
        ours.append(seconds)
        our_peak = max(our_peak, peak)
        seconds, peak = run_script(BASELINE_HTML.format(path=str(national), column=COLUMN, out=str(base_path)),
                                   repeat=1)
        base.append(seconds)
        base_peak = max(base_peak, peak)
    ours_mb, base_mb = ours_path.stat().st_size / 1e6, base_path.stat().st_size / 1e6

    document = MapDocument()
    document.add_layer(MapLayer(name="communes", source=national, style=Style(column=COLUMN)))
    document.load_all()
    render_map(document, out / "first.html")
    start = time.perf_counter()
    render_map(document, out / "again.html")
    again = time.perf_counter() - start
    spread = (f"min of {HTML_ROUNDS} interleaved fresh processes; medians {statistics.median(ours):.1f} s "
              f"against {statistics.median(base):.1f} s")
    return [
        {"name": "national HTML size", "value": ours_mb, "unit": "MB", "baseline": base_mb,
         "baseline_name": "GeoDataFrame.explore, same simplification", "target": "≤ 10 MB"},
        {"name": "national HTML, whole process", "value": min(ours), "unit": "s", "baseline": min(base),
         "baseline_name": "read + the same shared-edge simplification + GeoDataFrame.explore", "target": "≤ 5 s",
         "note": spread},
        {"name": "national HTML, peak memory", "value": our_peak, "unit": "MB", "baseline": base_peak,
         "baseline_name": "GeoDataFrame.explore, same simplification"},
        {"name": "national HTML, the same map exported again (loaded)", "value": again, "unit": "s",
         "note": "the layer's simplification is kept per tolerance"},
    ]
