"""Canvas frames of the national full-detail commune layer at 1600x1000, against geopandas.plot.

Cold frames are the first after loading (levels of detail still being built in the
background); settled frames come after they are built, best of five. The baseline draws the
same data with ``GeoDataFrame.plot`` and saves a 1600x1000 PNG, in the same run.
"""

from __future__ import annotations

import io
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import best_of, national_communes, peak_rss_mb  # noqa: E402

SIZE = (1600, 1000)
PROVINCE = "38"  # Thanh Hóa: 166 communes


def _geopandas_png(frame, extent) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(SIZE[0] / 100, SIZE[1] / 100), dpi=100)
    frame.plot(ax=axes, facecolor="#e8e4d8", edgecolor="#6b6b6b", linewidth=0.4)
    axes.set_xlim(extent[0], extent[2])
    axes.set_ylim(extent[1], extent[3])
    axes.set_axis_off()
    figure.savefig(io.BytesIO(), format="png", dpi=100)
    plt.close(figure)


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run() -> list[dict]:
    path = national_communes()
    if path is None:
        return [{"name": "canvas frame", "value": None, "unit": "ms",
                 "note": "skipped: national commune layer not found (set GISMAP_NATIONAL)"}]

    from gismap.core.document import MapDocument, MapLayer
    from gismap.render import CanvasEngine, Viewport

    document = MapDocument()
    layer = document.add_layer(MapLayer("communes", path))
    frame = layer.load().frame
    province_extent = tuple(float(v) for v in frame[frame["prov_code"] == PROVINCE].total_bounds)
    views = {"full extent": Viewport.fit(layer.data.bounds, *SIZE),
             "one province's extent": Viewport.fit(province_extent, *SIZE)}
    targets = {"full extent": 150, "one province's extent": 40}

    engine = CanvasEngine(document)
    cold = {name: _timed(lambda v=viewport: engine.render(v)) for name, viewport in views.items()}
    start = time.perf_counter()
    engine.wait_for_detail()
    levels_built = time.perf_counter() - start + sum(cold.values())

    rows = []
    for name, viewport in views.items():
        settled = best_of(lambda v=viewport: engine.render(v), repeat=5)
        baseline_frame = frame if name == "full extent" else frame.cx[
            province_extent[0]:province_extent[2], province_extent[1]:province_extent[3]]
        baseline = _timed(lambda: _geopandas_png(baseline_frame, viewport.extent))
        rows.append({"name": f"canvas frame, {name}, settled", "value": settled * 1000, "unit": "ms",
                     "baseline": baseline * 1000, "baseline_name": "geopandas.plot to PNG",
                     "target": f"≤ {targets[name]} ms",
                     "note": "3,321 communes, 7.1 M vertices, 1600x1000"
                     + ("; baseline plots only the communes in view" if name != "full extent" else "")})
        rows.append({"name": f"canvas frame, {name}, cold (first after loading)",
                     "value": cold[name] * 1000, "unit": "ms",
                     "note": "drawn from a draft simplification while levels of detail are built"})
    rows.append({"name": "levels of detail built (background, after loading)", "value": levels_built,
                 "unit": "s", "note": "5 levels, each simplified from the next finer one"})
    rows.append({"name": "peak memory (canvas bench process)", "value": peak_rss_mb(), "unit": "MB"})
    return rows
