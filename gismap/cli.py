"""The ``gismap`` command: inspect layers, join tables, render and export maps.

Each subcommand is a ``_cmd_<name>(args)`` function registered in :func:`build_parser`.
A :class:`~gismap.core.errors.GismapError` ends the command with its one-line message on
stderr and exit status 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import gc
import json
import logging
import math
import signal
import sys
from pathlib import Path

from gismap import __version__
from gismap.core.errors import GismapError, KeyColumnMissing
from gismap.core.feedback import TerminalFeedback
from gismap.core.inputs import refuse_overwriting

log = logging.getLogger(__name__)


def _cmd_info(args: argparse.Namespace) -> int:
    from gismap.core.layers import read_layers
    from gismap.core.sites import SITE_TABLE_SUFFIXES, is_site_list
    from gismap.core.tables import list_sheets, read_table

    if Path(args.path).suffix.lower() in SITE_TABLE_SUFFIXES:
        tables = [read_table(args.path, sheet) for sheet in list_sheets(args.path) or [None]]
        if not all(map(is_site_list, tables)):
            return _describe_tables(args, tables)
    layers = read_layers(args.path, crs=_input_crs(args.crs))
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
        return _print_json({"path": str(args.path), "layers": described})
    for item in described:
        print(f"{item['name']}: {item['features']} {item['geometry_type']} features, CRS {item['crs']}")
        print(f"  bounds   {', '.join(f'{v:.6f}' for v in item['bounds'])}")
        print(f"  encoding {item['encoding']}; invalid geometries: {item['invalid_geometries']}")
        for warning in item["warnings"]:
            print(f"  note     {warning}")
        print("  fields   " + ", ".join(f"{k} ({v})" for k, v in item["fields"].items()))
    return 0


def _print_json(data: dict) -> int:
    """``gismap info --json``: the description on standard output."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _describe_tables(args: argparse.Namespace, tables: list) -> int:
    """`gismap info` of a table of values per commune (not a site list): its rows, columns and encoding."""
    described = [{
        "name": table.sheet or Path(args.path).stem,
        "rows": len(table.frame),
        "header_rows": table.header_rows,
        "columns": table.columns,
        "encoding": table.encoding,
        "warnings": table.warnings,
    } for table in tables]
    if args.json:
        return _print_json({"path": str(args.path), "tables": described})
    for item in described:
        print(f"{item['name']}: table of {item['rows']} rows, header on row {', '.join(map(str, item['header_rows']))}")
        print(f"  encoding {item['encoding']}")
        for warning in item["warnings"]:
            print(f"  note     {warning}")
        print("  columns  " + ", ".join(f"{k} ({v})" if v else k for k, v in item["columns"].items()))
    return 0


def _styled_document(args: argparse.Namespace, check_geometry: bool):
    """The map document of the command and its layer: a project (``.gismap``) as saved and the
    layer --layer names, or a one-layer map of LAYER (joined with --data when given); the layer
    styled by the arguments when they name a column.

    ``check_geometry`` starts the geometry validity check while the rest is done (see ``read_layer``).
    """
    from gismap.core.document import MapDocument, MapLayer
    from gismap.core.recipe import JoinStep

    if _is_project(args.layer):
        document = _project_document(args, check_geometry)
        layer = _chosen_layer(document, args.layer_name)
    else:
        if args.layer_name:
            raise GismapError("--layer chooses a layer of a project; LAYER is a single layer already")
        recipe = [JoinStep(table=args.data, sheet=args.sheet)] if args.data is not None else []
        layer = MapLayer(name=args.layer.stem, source=args.layer, recipe=recipe,
                         crs=_input_crs(args.sites_crs) if _is_site_list(args.layer) else None)
        layer.load(check_geometry, args.feedback.part(0.0, 0.5))  # applies the recipe, as opening a project does
        if layer.join_report is not None:
            args.feedback.close()  # the report starts on a line of its own, not on the progress bar's
            print(layer.join_report.to_text(), file=sys.stderr)
        document = MapDocument()
        document.add_layer(layer)
    if getattr(args, "title", None):
        document.set_title(args.title)
    if args.sites is not None:
        if not _is_project(args.layer):  # the map is of LAYER; sites elsewhere are off the page
            document.set_extent(layer.data.bounds)
        sites = document.add_layer(MapLayer(name=args.sites.stem, source=args.sites, crs=_input_crs(args.sites_crs)))
        sites.load(check_geometry)
        for note in sites.data.warnings:
            args.feedback.close()
            print(f"{args.sites.name}: {note}", file=sys.stderr)
        if args.count_sites:
            document.count_sites(layer, args.count_sites, sites)
    elif args.count_sites:
        raise GismapError("--count-sites needs --sites SITES (the site list to count)")
    if args.sites_crs is not None and args.sites is None and not _is_site_list(args.layer):
        raise GismapError("--sites-crs says the coordinate system of a site list: give one with --sites SITES")
    if getattr(args, "column", None):
        given = {"column": args.column, "scheme": args.scheme, "k": args.k, "breaks": args.breaks}
        if args.cmap:  # "YlGnBu_r" is YlGnBu reversed, kept as the style's reverse flag like the GUI's checkbox
            given.update(cmap=args.cmap.removesuffix("_r"), reverse=args.cmap.endswith("_r"))
        document.restyle(layer, **{name: value for name, value in given.items() if value is not None})
    elif args.command == "render" and not _is_project(args.layer):
        raise GismapError("render needs --column COLUMN (the indicator to map), or a project that keeps its styles")
    return document, layer


def _is_project(path: Path) -> bool:
    return path.suffix.lower() == ".gismap"


def _is_site_list(path: Path) -> bool:
    from gismap.core.sites import SITE_TABLE_SUFFIXES

    return path.suffix.lower() in SITE_TABLE_SUFFIXES


def _input_crs(text: str | None) -> str | None:
    """The coordinate system --crs/--sites-crs names, as a layer stores it (``EPSG:9210``); None when not given."""
    from gismap.core.crs import crs_text, resolve_crs

    return None if text is None else crs_text(resolve_crs(text))


def _project_document(args: argparse.Namespace, check_geometry: bool):
    """The document of the project LAYER, loaded; missing files are an error that names them."""
    from gismap.core.project import open_whole_project

    if args.data is not None:
        raise GismapError("--data joins a table to a single layer; a project keeps its own joins")
    document = open_whole_project(args.layer)
    for number, layer in enumerate(document.layers):
        layer.load(check_geometry, args.feedback.part(0.5 * number / len(document.layers),
                                                      0.5 * (number + 1) / len(document.layers)))
    return document


def _chosen_layer(document, name: str | None):
    """The layer --layer names; without it, the top layer styled by a column (else the top layer)."""
    if name is not None:
        try:
            return document.layer_by_name(name)
        except KeyError:
            raise GismapError("no layer '{0}' in the project; its layers: {1}".format(
                name, ", ".join(layer.name for layer in document.layers))) from None
    if not document.layers:
        raise GismapError("the project has no layer")
    styled = [layer for layer in document.layers if layer.style.column]
    return (styled or document.layers)[-1]


def _cmd_render(args: argparse.Namespace) -> int:
    from gismap.render.output import prefetch_writer, render_map

    prefetch_writer(args.out)  # while the layer is read
    _refuse_outputs_over_inputs(args, [args.out])
    document, _ = _styled_document(args, check_geometry=False)  # drawing needs no valid geometry
    out = render_map(document, args.out, size=args.size, dpi=args.dpi, language=args.lang,
                     offline=args.offline, feedback=args.feedback.part(0.5, 1.0))
    args.feedback.close()
    print(out)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from gismap.core.crs import resolve_crs
    from gismap.core.export import export_layer

    crs = None if args.crs is None else resolve_crs(args.crs)  # a wrong name fails before any work
    _refuse_outputs_over_inputs(args, [args.out])
    document, layer = _styled_document(args, check_geometry=True)
    layer.data.wait_repaired()  # exported geometry is the repaired one
    written = export_layer(layer.data.frame, args.out, join_details=args.join_details, inputs=document.input_files(),
                           feedback=args.feedback.part(0.5, 1.0), crs=crs)
    args.feedback.close()
    print("\n".join(str(path) for path in written))
    return 0


def _cmd_fill_template(args: argparse.Namespace) -> int:
    from gismap.core.template import fill_template

    _refuse_outputs_over_inputs(args, [args.out], args.template)
    document, layer = _styled_document(args, check_geometry=False)  # the form needs values, not geometry
    fill = fill_template(args.template, layer.data.frame, args.out, sheet=args.template_sheet, province=args.province,
                         column_overrides={h: c or None for h, c in _pairs(args.map, "--map", "HEADER=canonical").items()},
                         inputs=(*document.input_files(), args.template))
    args.feedback.close()
    print(fill.to_text())
    return 0


def _refuse_outputs_over_inputs(args: argparse.Namespace, outputs: list[Path], *others: Path) -> None:
    """Before any work: LAYER, --data, --sites and ``others`` are never written over (checked again on writing)."""
    refuse_overwriting(outputs, [p for p in (args.layer, args.data, args.sites, *others) if p is not None])


def _cmd_project(args: argparse.Namespace) -> int:
    from gismap.core.document import default_document, province_document
    from gismap.core.project import save_project

    document = province_document(args.province) if args.province else default_document()
    refuse_overwriting([args.out], document.input_files())
    print(save_project(document, args.out))
    return 0


# What --size and --dpi may ask for: the export dialog's range; an A0 sheet at 300 dpi (9,933 × 14,043) fits.
MIN_IMAGE_SIDE, MAX_IMAGE_SIDE = 16, 20_000
MAX_IMAGE_PIXELS = 150_000_000  # 600 MB of image in memory
MIN_DPI, MAX_DPI = 30, 1200


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size; write WIDTHxHEIGHT in pixels, e.g. 1600x1000") from None
    if not (MIN_IMAGE_SIDE <= width <= MAX_IMAGE_SIDE and MIN_IMAGE_SIDE <= height <= MAX_IMAGE_SIDE):
        raise argparse.ArgumentTypeError(f"'{text}': each side is {MIN_IMAGE_SIDE:,} to {MAX_IMAGE_SIDE:,} pixels")
    if width * height > MAX_IMAGE_PIXELS:
        raise argparse.ArgumentTypeError(f"'{text}' is {width * height:,} pixels; a map has at most "
                                         f"{MAX_IMAGE_PIXELS:,} (such as 10000x15000)")
    return width, height


def _bounded_integer(text: str, low: int, high: int, meaning: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"'{text}': {meaning} is a whole number from {low} to {high}")
    return number


def _dpi(text: str) -> int:
    return _bounded_integer(text, MIN_DPI, MAX_DPI, "a resolution in dots per inch")


def _classes(text: str) -> int:
    from gismap.core.classify import MAX_K, MIN_K  # here: classification is imported when a command needs it

    return _bounded_integer(text, MIN_K, MAX_K, "the number of classes")


def _breaks(text: str) -> list[float]:
    try:
        breaks = [float(v) for v in text.split(",")]
    except ValueError:
        breaks = []
    if not breaks or not all(map(math.isfinite, breaks)):
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of numbers; write e.g. 10,50,100")
    return breaks


def _cmd_join(args: argparse.Namespace) -> int:
    from gismap.core.join import join_table, write_join
    from gismap.core.layers import read_layer

    inputs = (args.boundaries, args.table)
    refuse_overwriting([p for p in (args.out, args.report) if p is not None], inputs)
    boundaries = read_layer(args.boundaries, expect_polygons=True).frame
    result = join_table(
        boundaries, args.table, sheet=args.sheet, province=args.province, key=args.key,
        column_overrides={h: c or None for h, c in _pairs(args.map, "--map", "HEADER=canonical").items()},
        resolutions={int(r): c for r, c in _pairs(args.resolve, "--resolve", "ROW=CODE", digits=True).items()},
    )
    write_join(result, out=args.out, report=args.report, inputs=inputs, join_details=args.join_details,
               translate=_vietnamese() if args.report is not None and args.report.suffix.lower() == ".xlsx" else str)
    print(result.report.to_text())
    return 0


def _vietnamese():
    """Message template → Vietnamese, for files a province reads (the workbook report)."""
    from gismap.ui.i18n import message_translator

    return message_translator("vi")


def _pairs(values: list[str], flag: str, form: str, digits: bool = False) -> dict[str, str]:
    """``["A=b", ...]`` → ``{"A": "b"}``; the header may itself contain "=" (split at the last)."""
    pairs = {}
    for value in values:
        name, sep, target = value.rpartition("=")
        if not sep or not name or (digits and not name.isdigit()):
            raise GismapError(f"{flag} '{value}': expected {form}.")
        pairs[name] = target
    return pairs


_CRS_FORMS = ("a province whose VN-2000 TM-3 zone it is (such as 'Hà Nam'; pre-2025 or 2025), a central meridian "
              "(105.75) or an EPSG code (9210; UTM: 3405, 3406, 32648, 32649)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gismap",
        description="GISMap: maps of Vietnam's commune-level digital infrastructure.",
    )
    parser.add_argument("--version", action="version", version=f"gismap {__version__}")
    parser.add_argument("--verbose", action="store_true", help="write what GISMap does to stderr (always in its log file)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    info = commands.add_parser("info", help="describe the layers of a vector file, or the tables of a spreadsheet")
    info.add_argument("path", type=Path, help="Shapefile, GeoPackage, GeoJSON, FlatGeobuf, KML, ZIP; CSV, XLSX, XLS, ODS")
    info.add_argument("--json", action="store_true", help="print JSON instead of text")
    info.add_argument("--crs", metavar="CRS", help=f"coordinate system of a site list in metres, or of a layer whose "
                                                   f"file names none: {_CRS_FORMS}")
    info.set_defaults(handler=_cmd_info)

    join = commands.add_parser("join", help="join a coverage table (CSV/XLSX) to commune boundaries")
    join.add_argument("boundaries", type=Path, help="commune layer with code, name, prov_code (e.g. data/shapefiles)")
    join.add_argument("table", type=Path, help="coverage table: .csv, .xlsx, .xls or .ods")
    join.add_argument("--sheet", help="sheet of an Excel workbook (default: the first)")
    join.add_argument("--province", help="match only within this province (code such as 37, or name)")
    join.add_argument("--key", choices=["auto", "code", "name"], default="auto", help="how rows name their commune")
    join.add_argument("--out", type=Path, help="write the joined layer to this file (.gpkg, .shp, .geojson, .kml, .fgb, .csv or .xlsx)")
    join.add_argument("--report", type=Path, help="write the join report: .xlsx (a workbook to read) or JSON")
    join.add_argument("--join-details", action="store_true",
                      help="keep has_data, join_method, apportioned, legacy_partial in --out")
    join.add_argument("--map", action="append", default=[], metavar="HEADER=canonical",
                      help="map a column by hand (repeatable); HEADER= leaves it unrecognised")
    join.add_argument("--resolve", action="append", default=[], metavar="ROW=CODE",
                      help="match table row ROW to commune CODE (repeatable), e.g. for an ambiguous name")
    join.set_defaults(handler=_cmd_join)

    render = commands.add_parser("render", help="draw a map of a layer or a project to PNG, SVG, PDF or HTML")
    _add_layer_inputs(render)
    render.add_argument("--column", help="column to classify and colour (a project keeps its own)")
    # No defaults here: what is not given keeps the project's style (a new style starts from Style()'s).
    render.add_argument("--scheme", choices=["quantiles", "equal_interval", "natural_breaks", "std_mean", "pretty",
                                             "manual"], help="classification (default quantiles)")
    render.add_argument("--k", type=_classes, help="number of classes, 2 to 9 (default 5)")
    render.add_argument("--breaks", type=_breaks, help="class upper bounds for --scheme manual, e.g. 10,50,100")
    render.add_argument("--cmap", help="colour ramp (default YlGnBu, colour-blind safe); append _r to reverse")
    render.add_argument("--title", help="map title")
    render.add_argument("--size", type=_size, default=(1600, 1000), help="WIDTHxHEIGHT pixels (default 1600x1000)")
    render.add_argument("--dpi", type=_dpi, default=150, help=f"resolution of PNG output, {MIN_DPI} to {MAX_DPI} (default 150)")
    render.add_argument("--offline", action="store_true", help="HTML: inline Leaflet so the map works offline")
    render.add_argument("--lang", choices=["vi", "en"], default="vi",
                        help="language of legend, scale bar and source line (default vi)")
    render.add_argument("--out", type=Path, required=True, help="output file: .png, .svg, .pdf or .html")
    render.set_defaults(handler=_cmd_render)

    export = commands.add_parser("export", help="write a layer (joined with a table) to another format")
    _add_layer_inputs(export)
    export.add_argument("--out", type=Path, required=True, help="output: .gpkg, .shp, .geojson, .kml, .fgb, .csv or .xlsx")
    export.add_argument("--join-details", action="store_true",
                        help="keep the columns joins add about themselves (has_data, join_method, ...)")
    export.add_argument("--crs", metavar="CRS", help=f"write in this coordinate system (default WGS 84): {_CRS_FORMS}")
    export.set_defaults(handler=_cmd_export)

    fill = commands.add_parser("fill-template", help="fill in a report form (.xlsx) with a layer's indicators")
    _add_layer_inputs(fill)
    fill.add_argument("template", type=Path,
                      help="the form: an .xlsx workbook with a commune column and indicator columns (never written)")
    fill.add_argument("--template-sheet", metavar="SHEET", help="sheet of the form to fill (default: the first)")
    fill.add_argument("--province", help="match the form's communes only within this province (code such as 37, or name)")
    fill.add_argument("--map", action="append", default=[], metavar="HEADER=canonical",
                      help="say what a column of the form holds (repeatable), as for join")
    fill.add_argument("--out", type=Path, required=True, help="the filled-in copy to write (.xlsx)")
    fill.set_defaults(handler=_cmd_fill_template)

    project = commands.add_parser("project", help="make a project file (.gismap) to open, render or export")
    project.add_argument("action", choices=["init"], help="init: write the default map (or one province's)")
    project.add_argument("out", type=Path, help="the project file to write, e.g. ninh_binh.gismap")
    project.add_argument("--province", help="one province's map (code such as 37, or name)")
    project.set_defaults(handler=_cmd_project)

    return parser


def _add_layer_inputs(command: argparse.ArgumentParser) -> None:
    """LAYER and what is added to it, the same for ``render`` and ``export`` (see ``_styled_document``)."""
    command.add_argument("layer", type=Path, help="boundary layer (Shapefile, GeoPackage, ...) or project (.gismap)")
    command.add_argument("--layer", dest="layer_name", metavar="NAME", help="with a project: the layer to use")
    command.add_argument("--data", type=Path, help="coverage table (CSV/XLSX) joined to the layer")
    command.add_argument("--sheet", help="sheet of an XLSX --data table (default: the first)")
    command.add_argument("--sites", type=Path,
                         help="site list (CSV/XLSX with longitude and latitude), drawn on top of a map")
    command.add_argument("--count-sites", metavar="COLUMN", help="add COLUMN: the --sites in each commune")
    command.add_argument("--sites-crs", metavar="CRS", help="coordinate system of the site list's coordinates "
                         f"(--sites, or LAYER when it is a site list) when they are metres: {_CRS_FORMS}")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        # `gismap` alone starts the desktop app, like `python main.py`.
        from gismap.ui.app import run

        return run([])
    from gismap.core import logs

    path = logs.configure(verbose=args.verbose)
    args.feedback = TerminalFeedback()  # a progress bar when stderr is a terminal
    log.info("gismap %s %s", __version__, " ".join(sys.argv[1:] if argv is None else argv))
    try:
        return args.handler(args)
    except GismapError as exc:
        args.feedback.close()
        log.info("%s", exc)
        print(f"gismap {args.command}: {_naming_the_input(args, str(exc))}", file=sys.stderr)
        if isinstance(exc, KeyColumnMissing):  # how to say so on the command line
            print("  say it with --map 'HEADER=code' or --map 'HEADER=name'", file=sys.stderr)
        from gismap.core.sites import ProjectedSites  # here: importing it costs a command 0.5 s

        if isinstance(exc, ProjectedSites):
            flag = "--crs" if args.command == "info" else "--sites-crs"
            print(f"  say it with {flag} PROVINCE or {flag} EPSG, e.g. {flag} 'Hà Nam' or {flag} 9210", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`gismap join … | head`): not a fault, and nothing left to say
        # Python would complain when flushing stdout at exit: point it at nothing instead.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a fault of GISMap's: a message and the details in the log, never a traceback
        args.feedback.close()
        log.exception("unexpected error in gismap %s", args.command)
        where = f"; the details are in {path}" if path is not None else ""
        print(f"gismap {args.command}: unexpected error ({type(exc).__name__}: {exc}){where}. "
              "Please report it with that file.", file=sys.stderr)
        return 1


def _naming_the_input(args: argparse.Namespace, message: str) -> str:
    """``message`` led by the command's main input when it names none of the files given: "the project
    has no layer" says which project, "no column 'x' in the layer" which layer."""
    given = [value.name for value in vars(args).values() if isinstance(value, Path)]
    main_input = getattr(args, "layer", None) or getattr(args, "boundaries", None)
    if main_input is None or any(name and name in message for name in given):
        return message
    return f"{main_input.name}: {message}"


def console_main() -> int:
    """The ``gismap`` console script: :func:`main` in a process that ends when it returns.

    A command is one short process, so the cyclic garbage collector is tuned for that: run
    rarely while imports create their hundreds of thousands of objects (about 0.3 s of
    ``gismap render``), and not at all at exit (another 0.4 s); reference counting frees
    the data as usual.
    """
    gc.set_threshold(50_000, 20, 100)
    # A terminated command unwinds like an interrupted one, so no temporary file is left behind.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    status = main()
    gc.freeze()
    return status


if __name__ == "__main__":
    raise SystemExit(console_main())
