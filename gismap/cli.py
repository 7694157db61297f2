"""The ``gismap`` command: inspect layers, join tables, render and export maps.

Each subcommand is a ``_cmd_<name>(args)`` function registered in :func:`build_parser`.
A :class:`~gismap.core.errors.GismapError` ends the command with its one-line message on
stderr and exit status 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gismap import __version__
from gismap.core.errors import GismapError


def _cmd_info(args: argparse.Namespace) -> int:
    from gismap.core.layers import read_layers

    layers = read_layers(args.path)
    described = []
    for layer in layers:
        layer.wait_repaired()
        described.append({
            "name": layer.source_layer or layer.name,
            "features": len(layer.frame),
            "geometry_type": layer.geometry_type,
            "crs": layer.source_crs.to_string(),
            "bounds": [round(v, 6) for v in layer.bounds],
            "fields": layer.field_types(),
            "encoding": layer.encoding,
            "invalid_geometries": layer.invalid_geometries,
            "warnings": layer.warnings,
        })
    if args.json:
        json.dump({"path": str(args.path), "layers": described}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for item in described:
        print(f"{item['name']}: {item['features']} {item['geometry_type']} features, CRS {item['crs']}")
        print(f"  bounds   {', '.join(f'{v:.6f}' for v in item['bounds'])}")
        print(f"  encoding {item['encoding']}; invalid geometries: {item['invalid_geometries']}")
        for warning in item["warnings"]:
            print(f"  note     {warning}")
        print("  fields   " + ", ".join(f"{k} ({v})" for k, v in item["fields"].items()))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gismap",
        description="GISMap: maps of Vietnam's commune-level digital infrastructure.",
    )
    parser.add_argument("--version", action="version", version=f"gismap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    info = commands.add_parser("info", help="describe the layers of a vector file")
    info.add_argument("path", type=Path, help="Shapefile, GeoPackage, GeoJSON, FlatGeobuf, KML, ZIP")
    info.add_argument("--json", action="store_true", help="print JSON instead of text")
    info.set_defaults(handler=_cmd_info)

    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        # `gismap` alone starts the desktop app, like `python main.py`.
        from gismap.ui.app import run

        return run([])
    try:
        return args.handler(args)
    except GismapError as exc:
        print(f"gismap {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
