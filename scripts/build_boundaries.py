"""Derive the embedded boundary layers in data/shapefiles from the shared 2025 boundaries.

    python scripts/build_boundaries.py [--source ../shared/data/boundaries]

Writes (ESRI Shapefiles, UTF-8 declared in .cpg, WGS 84 .prj):
- communes_<prov_code>.shp for the four seed provinces, at full detail;
- communes_vn_2025_overview.shp and provinces_vn_2025_overview.shp, all of Vietnam,
  simplified with shapely.coverage_simplify so neighbours keep shared edges (no gaps,
  no overlaps).
The outputs are committed: the product never reads the source folder at run time.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gismap.core.atomic import atomic_dataset  # noqa: E402

SEED_PROVINCES = {"37": "Ninh Bình", "38": "Thanh Hóa", "31": "Hải Phòng", "92": "Cần Thơ"}
SCHEMA = ["code", "name", "full_name", "unit_type", "prov_code", "prov_name", "area_km2"]
# Degrees; ~80 m on the ground: invisible at national and provincial scale, and keeps
# the two overview layers together under 15 MB.
OVERVIEW_TOLERANCE = 0.0008


def write_shapefile(gdf: gpd.GeoDataFrame, target: Path) -> None:
    with atomic_dataset(target) as tmp:
        gdf[SCHEMA + ["geometry"]].to_file(
            tmp, driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8"
        )
    print(f"wrote {target.relative_to(ROOT)}: {len(gdf)} features, "
          f"{int(shapely.get_num_coordinates(gdf.geometry.values).sum()):,} vertices")


def coverage_simplified(gdf: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    out = gdf.copy()
    out["geometry"] = shapely.coverage_simplify(gdf.geometry.values, tolerance)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared/data/boundaries")
    parser.add_argument("--out", type=Path, default=ROOT / "data/shapefiles")
    args = parser.parse_args(argv)

    read = dict(engine="pyogrio", use_arrow=True)
    communes = gpd.read_file(args.source / "communes_vn_2025.gpkg", **read)
    provinces = gpd.read_file(args.source / "provinces_vn_2025.gpkg", **read)

    for prov_code in SEED_PROVINCES:
        seed = communes[communes["prov_code"] == prov_code].reset_index(drop=True)
        write_shapefile(seed, args.out / f"communes_{prov_code}.shp")

    write_shapefile(coverage_simplified(communes, OVERVIEW_TOLERANCE),
                    args.out / "communes_vn_2025_overview.shp")
    write_shapefile(coverage_simplified(provinces, OVERVIEW_TOLERANCE),
                    args.out / "provinces_vn_2025_overview.shp")
    shutil.copyfile(args.source / "SOURCES.md", args.out / "SOURCES.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
