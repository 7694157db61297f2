"""Loading the national commune layer into GISMap's layer model vs plain geopandas.

Target (issue 2): at most 1.2x `geopandas.read_file(engine="pyogrio", use_arrow=True)`.
"Usable" is when `read_layer` returns (the layer can be drawn, queried and joined); the
validity check and repair then finish on the other core, reported as a second row. Also the
largest embedded province file (GeoParquet) against `geopandas.read_parquet`.
"""

from __future__ import annotations

from bench.common import best_of, national_communes, run_script


def run() -> list[dict]:
    return [province_load(), *national_load()]


def province_load() -> dict:
    import geopandas as gpd

    from gismap.core.layers import read_layer
    from gismap.core.paths import shapefiles_dir

    largest = max(shapefiles_dir().glob("communes_[0-9][0-9].parquet"), key=lambda path: path.stat().st_size)
    return {"name": f"largest province ({largest.name}): layer usable",
            "value": best_of(lambda: read_layer(largest, check_geometry=False)),
            "baseline": best_of(lambda: gpd.read_parquet(largest)), "baseline_name": "gpd.read_parquet",
            "unit": "s", "target": "well under 1 s"}


def national_load() -> list[dict]:
    path = national_communes()
    if path is None:
        return [{"name": "national layer load", "value": None, "unit": "s",
                 "note": "skipped: national layer not found (set GISMAP_NATIONAL)"}]
    import geopandas as gpd

    from gismap.core.layers import read_layer

    baseline = best_of(lambda: gpd.read_file(path, engine="pyogrio", use_arrow=True))
    loaded = []
    usable = best_of(lambda: loaded.append(read_layer(path)), after=lambda: loaded.pop().wait_repaired())
    validated = best_of(lambda: read_layer(path).wait_repaired())
    # Peak memory of each in a fresh interpreter.
    _, base_mem = run_script(f"import geopandas as g; g.read_file({str(path)!r}, engine='pyogrio', use_arrow=True)", 1)
    _, our_mem = run_script(f"from gismap.core.layers import read_layer; read_layer({str(path)!r}).wait_repaired()", 1)
    baseline_name = "gpd.read_file pyogrio+arrow"
    return [
        {"name": "national communes: layer usable", "value": usable, "baseline": baseline,
         "baseline_name": baseline_name, "unit": "s", "target": "<= 1.2x"},
        {"name": "national communes: usable + validity checked/repaired", "value": validated,
         "baseline": baseline, "baseline_name": baseline_name, "unit": "s",
         "note": "validation runs beside drawing; plain geopandas does not validate"},
        {"name": "national communes: peak memory (fresh process)", "value": our_mem,
         "baseline": base_mem, "baseline_name": "gpd.read_file", "unit": "MB"},
    ]
