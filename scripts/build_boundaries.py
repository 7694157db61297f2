"""Derive the embedded boundary layers in data/shapefiles from the shared 2025 boundaries.

    python scripts/build_boundaries.py [--source ../shared/data/boundaries]

Writes:
- communes_<prov_code>.parquet (GeoParquet, zstd) for each of the 34 provinces, near full detail:
  every commune within MAX_DEVIATION_M of the source (the exceptions are printed);
- communes_vn_2025_overview.shp and provinces_vn_2025_overview.shp (ESRI Shapefiles, UTF-8
  declared in .cpg, WGS 84 .prj), all of Vietnam, simplified for the national view.
Every commune layer comes from one national coverage: the source's overlaps and sliver gaps are
first resolved with shapely.coverage_clean, then shapely.coverage_simplify simplifies each shared edge once, so
neighbours, also across province borders, keep no gaps and no overlaps. Needs shapely >= 2.2
(coverage_clean). The outputs are committed: the product never reads the source folder at run time.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gismap.core.atomic import atomic_dataset, atomic_path  # noqa: E402

SCHEMA = ["code", "name", "full_name", "unit_type", "prov_code", "prov_name", "area_km2"]
# Deviations are measured in metres in UTM zone 48N (scale error under 0.2 % across Vietnam).
METRIC_CRS = 32648
MAX_DEVIATION_M = 5.0  # 0.2 mm at 1:25,000
# Degrees, ~1 m. Coverage simplification removes triangles smaller than tolerance², not points
# farther than a distance: at 2 m and 3 m more communes lose sharp corners of 5-6 m (see
# data/README.md for the measurements), at 1 m only a 13 m needle of the source goes.
DETAIL_TOLERANCE = 1e-5
# Degrees, ~27 m: the source leaves some 160 gaps of no commune between neighbours, all but two
# under 4 m wide (the two: 17 m and 6 m, in Đà Nẵng and Quảng Ngãi); cleaning gives each gap
# to the neighbour with the longest shared border. The one wider hole (115 m, inside Đồ Sơn,
# Hải Phòng, touching no other commune) is kept as the source has it.
GAP_WIDTH = 2.5e-4
# GeoParquet, zstd at its strongest level: a third of a Shapefile's size, a province read in under 0.1 s.
PARQUET = dict(compression="zstd", compression_level=19)
# Degrees; ~80 m on the ground: invisible at national scale, keeps the two overviews near 12 MB.
OVERVIEW_TOLERANCE = 0.0008


def written(target: Path, gdf: gpd.GeoDataFrame) -> None:
    print(f"wrote {target}: {len(gdf)} features, "
          f"{int(shapely.get_num_coordinates(gdf.geometry.values).sum()):,} vertices")


def write_shapefile(gdf: gpd.GeoDataFrame, target: Path) -> None:
    with atomic_dataset(target) as tmp:
        gdf[SCHEMA + ["geometry"]].to_file(
            tmp, driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8"
        )
    written(target, gdf)


def write_geoparquet(gdf: gpd.GeoDataFrame, target: Path) -> None:
    with atomic_path(target) as tmp:
        gdf[SCHEMA + ["geometry"]].to_parquet(tmp, index=False, **PARQUET)
    written(target, gdf)


def as_multipolygons(geometry: np.ndarray) -> np.ndarray:
    """Every geometry a MultiPolygon, as the source stores them (cleaning makes one-part ones Polygons)."""
    parts, index = shapely.get_parts(geometry, return_index=True)
    return shapely.multipolygons(parts, indices=index)


def deviations_m(original: np.ndarray, simplified: np.ndarray, at_least: float = 1.0) -> np.ndarray:
    """Per feature, the discrete Hausdorff distance in metres between two arrays of geometries
    in WGS 84: the farthest vertex of either from the other's outline. Values under ``at_least``
    are reported as 0 (found quickly with prepared distance-within tests)."""
    to_metric = gpd.GeoSeries(original, crs=4326).to_crs(METRIC_CRS).values, \
        gpd.GeoSeries(simplified, crs=4326).to_crs(METRIC_CRS).values
    out = np.zeros(len(original))
    for i, (first, second) in enumerate(zip(*to_metric)):
        for points_of, outline_of in ((first, second), (second, first)):
            outline = shapely.boundary(outline_of)
            shapely.prepare(outline)
            points = shapely.points(shapely.get_coordinates(points_of))
            far = points[~shapely.dwithin(outline, points, at_least)]
            if len(far):
                out[i] = max(out[i], float(shapely.distance(outline, far).max()))
    return out


def report(title: str, frame: gpd.GeoDataFrame, deviation: np.ndarray) -> None:
    far = np.flatnonzero(deviation > MAX_DEVIATION_M)
    print(f"{title}: {len(far)} communes more than {MAX_DEVIATION_M:g} m from the source")
    for i in far[np.argsort(-deviation[far])]:
        print(f"  {frame['code'].iat[i]} {frame['full_name'].iat[i]} ({frame['prov_name'].iat[i]}): "
              f"{deviation[i]:,.1f} m")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared/data/boundaries")
    parser.add_argument("--out", type=Path, default=ROOT / "data/shapefiles")
    args = parser.parse_args(argv)

    read = dict(engine="pyogrio", use_arrow=True)
    communes = gpd.read_file(args.source / "communes_vn_2025.gpkg", **read)
    provinces = gpd.read_file(args.source / "provinces_vn_2025.gpkg", **read)

    source = communes.geometry.values
    cleaned = shapely.coverage_clean(source, gap_width=GAP_WIDTH)
    report("overlaps and slivers of the source resolved", communes, deviations_m(source, cleaned))
    detailed = shapely.coverage_simplify(cleaned, DETAIL_TOLERANCE)
    if not shapely.coverage_is_valid(detailed):
        raise SystemExit("the simplified communes are not a coverage: gaps or overlaps")
    report("near full detail", communes, deviations_m(source, detailed))

    detailed_communes = communes.set_geometry(as_multipolygons(detailed))
    for prov_code, province in detailed_communes.groupby("prov_code", sort=True):
        write_geoparquet(province.reset_index(drop=True), args.out / f"communes_{prov_code}.parquet")

    write_shapefile(communes.set_geometry(as_multipolygons(shapely.coverage_simplify(cleaned, OVERVIEW_TOLERANCE))),
                    args.out / "communes_vn_2025_overview.shp")
    write_shapefile(provinces.set_geometry(shapely.coverage_simplify(provinces.geometry.values, OVERVIEW_TOLERANCE)),
                    args.out / "provinces_vn_2025_overview.shp")
    shutil.copyfile(args.source / "SOURCES.md", args.out / "SOURCES.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
