"""Loading the national commune layer into GISMap's layer model vs plain geopandas.

Target (issue 2): at most 1.2x `geopandas.read_file(engine="pyogrio", use_arrow=True)`.
"Usable" is when `read_layer` returns (the layer can be drawn, queried and joined); the
validity check and repair then finish on the other core, reported as a second row. Also the
largest embedded province file (GeoParquet) against `geopandas.read_parquet`. Both read in this
process, in interleaved rounds (the same number of runs each): median, with the minimum in the note.
"""

from __future__ import annotations

from bench.common import interleaved, min_median, national_communes, run_script

ROUNDS = 5


def _figures(times: dict[str, list[float]], ours: str, baseline: str, note: str = "") -> dict:
    """Median value and baseline of an interleaved measurement, with both minima in the note."""
    (our_min, our_median), (base_min, base_median) = min_median(times[ours]), min_median(times[baseline])
    return {"value": our_median, "baseline": base_median,
            "note": f"median of {ROUNDS} interleaved rounds (min {our_min:.3f} s vs {base_min:.3f} s){note}"}


def run() -> list[dict]:
    return [province_load(), *national_load()]


def province_load() -> dict:
    import geopandas as gpd

    from gismap.core.layers import read_layer
    from gismap.core.paths import shapefiles_dir

    largest = max(shapefiles_dir().glob("communes_[0-9][0-9].parquet"), key=lambda path: path.stat().st_size)
    times = interleaved({"gismap": lambda: read_layer(largest, check_geometry=False),
                         "geopandas": lambda: gpd.read_parquet(largest)}, ROUNDS)
    return {"name": f"largest province ({largest.name}): layer usable", **_figures(times, "gismap", "geopandas"),
            "baseline_name": "gpd.read_parquet", "unit": "s", "target": "well under 1 s"}


def national_load() -> list[dict]:
    path = national_communes()
    if path is None:
        return [{"name": "national layer load", "value": None, "unit": "s",
                 "note": "skipped: national layer not found (set GISMAP_NATIONAL)"}]
    import time

    import geopandas as gpd

    from gismap.core.layers import read_layer

    def usable() -> float:
        start = time.perf_counter()
        layer = read_layer(path)
        seconds = time.perf_counter() - start
        layer.wait_repaired()  # untimed: the next run starts with the cores free
        return seconds

    times = interleaved({"geopandas": lambda: gpd.read_file(path, engine="pyogrio", use_arrow=True),
                         "usable": usable, "validated": lambda: read_layer(path).wait_repaired()}, ROUNDS)
    # Peak memory of each in a fresh interpreter.
    _, base_mem = run_script(f"import geopandas as g; g.read_file({str(path)!r}, engine='pyogrio', use_arrow=True)", 1)
    _, our_mem = run_script(f"from gismap.core.layers import read_layer; read_layer({str(path)!r}).wait_repaired()", 1)
    baseline_name = "gpd.read_file pyogrio+arrow"
    return [
        {"name": "national communes: layer usable", **_figures(times, "usable", "geopandas"),
         "baseline_name": baseline_name, "unit": "s", "target": "<= 1.2x"},
        {"name": "national communes: usable + validity checked/repaired", "baseline_name": baseline_name, "unit": "s",
         **_figures(times, "validated", "geopandas", "; plain geopandas does not validate")},
        {"name": "national communes: peak memory (fresh process)", "value": our_mem,
         "baseline": base_mem, "baseline_name": "gpd.read_file", "unit": "MB"},
    ]
