"""Print exports of a map document: PNG (at a chosen DPI), SVG and PDF, through matplotlib.

The page carries the title and subtitle, the map, a legend with class counts and the
no-data class, a scale bar true at the map's central latitude, a north arrow and a source
line (boundary attribution, data sources, date). Geometry is snapped to the output's pixel
grid and drawn as one ``PathCollection`` per layer, so the national layer (7 M vertices)
prints in seconds and a national PDF stays small. The map uses an equirectangular
projection centred on the map's latitude (east-west distances true there).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np
import shapely
# A Figure on its own Agg canvas: no pyplot, so no backend to choose (printing works headless
# and in worker threads) and no clash with a library importing pyplot on another thread.
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath
from pyproj import Geod

from gismap.core.atomic import atomic_path
from gismap.core.feedback import Feedback
from gismap.core.classify import Classification, hex_to_rgba, shared_legends, style_colors
from gismap.core.document import SITE_MARKER_RADIUS, Extent, MapDocument, MapLayer
from gismap.core.recipe import JoinStep
from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError
from gismap.core.indicators import indicator_label
from gismap.core.paths import BOUNDARY_ATTRIBUTION
from gismap.core.outlines import leaves_cell, vertex_blocks

PRINT_FORMATS = (".png", ".svg", ".pdf")
# DejaVu Sans ships with matplotlib and has every Vietnamese glyph (ă, ơ, ư, ạ, ễ, ...).
FONT = "DejaVu Sans"
SNAP_PIXELS = 0.5  # vertices closer than half an output pixel are merged
SCREEN_PIXEL_PT = 0.75  # style widths are in 96-dpi screen pixels; 1 px = 0.75 pt
NO_DATA_HATCH = "////"
PAGE_ELEMENTS_Z = 5  # scale bar and north arrow above the map's layers (site markers are at 3)
_WGS84 = Geod(ellps="WGS84")

TEXT = {
    "vi": {"north": "B", "source": "Nguồn", "data": "Dữ liệu", "date": "Ngày lập"},
    "en": {"north": "N", "source": "Source", "data": "Data", "date": "Made"},
}


@dataclass(frozen=True)
class ScaleBar:
    """The scale bar drawn on a map: ``length_m`` metres spans ``degrees`` of longitude at ``latitude``."""

    length_m: float
    degrees: float
    latitude: float
    label: str


def render_print(document: MapDocument, out_path: str | Path, size: tuple[int, int] = (1600, 1000),
                 dpi: int = 150, language: str = "vi", date: dt.date | None = None,
                 feedback: Feedback | None = None) -> ScaleBar:
    """Write ``document`` to ``out_path`` (.png, .svg or .pdf), ``size`` pixels at ``dpi``.

    SVG and PDF pages measure ``size / dpi`` inches; their geometry is simplified to that
    resolution too. Returns the scale bar drawn.
    """
    out_path = Path(out_path)
    suffix = out_path.suffix.lower()
    if suffix not in PRINT_FORMATS:
        raise GismapError(QT_TRANSLATE_NOOP("GismapError", "{file}: choose a map file ending in {formats}"),
                          file=out_path.name, formats=", ".join(PRINT_FORMATS))
    feedback = feedback or Feedback()
    feedback.set_progress(0.0, out_path.name)
    figure, scale_bar = compose(document, size, dpi, language, date)
    feedback.check()
    feedback.set_progress(0.5, out_path.name)
    with atomic_path(out_path) as tmp:
        figure.savefig(tmp, format=suffix[1:], dpi=dpi)
        feedback.check()
    feedback.set_progress(1.0, out_path.name)
    return scale_bar


def compose(document: MapDocument, size: tuple[int, int] = (1600, 1000), dpi: int = 150,
            language: str = "vi", date: dt.date | None = None) -> tuple[Figure, ScaleBar]:
    """Lay the page out on a matplotlib figure (not yet saved) and return it with its scale bar."""
    width, height = size
    if width < 200 or height < 150 or dpi < 30:
        raise GismapError(QT_TRANSLATE_NOOP("GismapError", "page {width}×{height} px at {dpi} dpi is too small; "
                                            "use at least 200×150 at 30 dpi"), width=width, height=height, dpi=dpi)
    layers = document.visible_layers()
    if not layers:
        raise GismapError(QT_TRANSLATE_NOOP("GismapError", "the map has no visible layer to print"))
    for layer in layers:
        layer.load()

    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    figure.set_facecolor("white")
    text = TEXT[language]
    with matplotlib.rc_context({"font.family": FONT, "svg.fonttype": "path", "pdf.fonttype": 42}):
        top = 0.97
        if document.title:
            figure.text(0.02, top, document.title, fontsize=16, weight="bold", va="top")
            top -= 0.065
        if document.subtitle:
            figure.text(0.02, top, document.subtitle, fontsize=11, color="#444444", va="top")
            top -= 0.045
        ax = figure.add_axes((0.02, 0.07, 0.68, top - 0.08))
        ax.set_axis_off()
        extent = _extent(document)
        latitude = (extent[1] + extent[3]) / 2
        # Equirectangular at the central latitude: a degree of longitude is cos(lat) degrees of latitude long.
        pixel_degrees = _fit_extent(ax, extent, 1 / math.cos(math.radians(latitude)))

        classified: list[tuple[MapLayer, Classification]] = []
        sites: list[tuple[MapLayer, int]] = []  # single-symbol site layers and their sites on the page
        for layer in layers:
            classification, shown = _draw_layer(ax, layer, pixel_degrees, extent)
            if classification is not None:
                classified.append((layer, classification))
            elif layer.data.is_sites:
                sites.append((layer, shown))
        if classified or sites:
            _draw_legend(figure, shared_legends(classified[::-1]), sites, language)  # top layer's legend first
        scale_bar = _draw_scale_bar(ax, latitude, language)
        _draw_north_arrow(ax, text["north"])
        figure.text(0.02, 0.02, _source_line(document, layers, language, date), fontsize=6.5,
                    color="#555555", va="bottom", wrap=True)
    return figure, scale_bar


def feature_paths(geometry: np.ndarray, pixel_degrees: float) -> list[MplPath]:
    """One compound path per feature, vertices thinned to ``SNAP_PIXELS`` of the output.

    A vertex is kept when it leaves the output cell of the vertex before it, so a national
    layer's 7 M vertices shrink to what the page can show. Rings that shrink below a
    triangle (sub-pixel islands) are left out. Exteriors end up counter-clockwise and holes
    clockwise, so non-zero filling (Agg, SVG, PDF) leaves holes open; orientation is
    computed on the thinned rings, far cheaper than orienting the full geometry.
    Features are taken a block of vertices at a time (:func:`vertex_blocks`), so the copies of
    parts, rings and coordinates made on the way stay small next to the layer itself.
    """
    return [path for start, stop in vertex_blocks(geometry)
            for path in _thinned_paths(geometry[start:stop], pixel_degrees)]


def _thinned_paths(geometry: np.ndarray, pixel_degrees: float) -> list[MplPath]:
    n = len(geometry)
    parts, part_feature = shapely.get_parts(geometry, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    ring_sizes = shapely.get_num_coordinates(rings)
    ring_offsets = np.zeros(len(rings) + 1, dtype=np.int64)
    np.cumsum(ring_sizes, out=ring_offsets[1:])
    coords = shapely.get_coordinates(rings)
    keep = leaves_cell(coords, pixel_degrees * SNAP_PIXELS)
    keep[ring_offsets[:-1][ring_sizes > 0]] = True
    kept = np.flatnonzero(keep)
    vertex_ring = np.searchsorted(ring_offsets, kept, side="right") - 1
    large_ring = (np.bincount(vertex_ring, minlength=len(ring_sizes)) >= 4)[vertex_ring]  # closed triangle: 4
    kept, vertex_ring = kept[large_ring], vertex_ring[large_ring]
    vertices = coords[kept]
    ring_start = kept == ring_offsets[vertex_ring]
    vertices = vertices[_oriented_order(vertices, vertex_ring, ring_start, ring_part)]

    codes = np.full(len(vertices), MplPath.LINETO, dtype=MplPath.code_type)
    ring_end = np.ones(len(vertices), dtype=bool)
    ring_end[:-1] = ring_start[1:]
    codes[ring_end] = MplPath.CLOSEPOLY
    codes[ring_start] = MplPath.MOVETO
    vertex_feature = part_feature[ring_part[vertex_ring]]
    splits = np.cumsum(np.bincount(vertex_feature, minlength=n))[:-1]
    return [MplPath(v, c) for v, c in zip(np.split(vertices, splits), np.split(codes, splits))]


def _oriented_order(vertices: np.ndarray, vertex_ring: np.ndarray, ring_start: np.ndarray,
                    ring_part: np.ndarray) -> np.ndarray:
    """Vertex order that makes exteriors counter-clockwise and holes clockwise."""
    if not len(vertices):
        return np.arange(0)
    starts = np.flatnonzero(ring_start)
    ends = np.append(starts[1:], len(vertices))  # exclusive
    # Twice each ring's signed area (shoelace), closing edge included.
    following = np.arange(1, len(vertices) + 1)
    following[ends - 1] = starts
    x, y = vertices[:, 0], vertices[:, 1]
    area = np.add.reduceat(x * y[following] - x[following] * y, starts)
    ring_ids = vertex_ring[starts]
    exterior = np.ones(len(ring_ids), dtype=bool)  # GEOS lists a polygon's exterior ring first
    exterior[1:] = ring_part[ring_ids[1:]] != ring_part[ring_ids[:-1]]
    flip = (area > 0) != exterior
    order = np.arange(len(vertices))
    ring_of_vertex = np.repeat(np.arange(len(starts)), ends - starts)
    flipped = flip[ring_of_vertex]
    order[flipped] = (starts + ends - 1)[ring_of_vertex[flipped]] - order[flipped]
    return order


def _draw_layer(ax, layer: MapLayer, pixel_degrees: float,
                extent: Extent) -> tuple[Classification | None, int]:
    """Draw ``layer``; return its classification and how many of its features are on the page.

    Sites are drawn only within the map's extent: a national site list on a province's map
    keeps to that province instead of crowding the margins.
    """
    style = layer.style
    frame = layer.data.frame
    classification, colors = style_colors(frame, style)
    fills = colors / 255.0
    fills[:, 3] *= layer.opacity
    edge = "none" if style.outline is None else np.asarray(hex_to_rgba(style.outline)) / 255.0 * [1, 1, 1, layer.opacity]
    width = style.outline_width * SCREEN_PIXEL_PT
    if layer.data.is_sites:
        coords, owner = shapely.get_coordinates(frame.geometry.values, return_index=True)
        west, south, east, north = extent
        on_page = (coords[:, 0] >= west) & (coords[:, 0] <= east) & (coords[:, 1] >= south) & (coords[:, 1] <= north)
        # Markers of a line, one line per colour: Agg, PDF and SVG draw such a marker once and stamp it,
        # where a scatter's collection draws every marker as a path of its own (100,000 sites: seconds).
        colour_rows = np.ascontiguousarray(fills[owner[on_page]])
        colours, colour_of = np.unique(colour_rows, axis=0, return_inverse=True)
        for index, colour in enumerate(colours):
            chosen = colour_of.ravel() == index
            ax.plot(coords[on_page][chosen, 0], coords[on_page][chosen, 1], linestyle="none", marker="o",
                    markersize=2 * SITE_MARKER_RADIUS * SCREEN_PIXEL_PT, markerfacecolor=colour,
                    markeredgecolor=edge, markeredgewidth=width, zorder=3)
        return classification, len(np.unique(owner[on_page]))
    paths = feature_paths(frame.geometry.values, pixel_degrees)
    no_data = classification.class_of < 0 if classification is not None else np.zeros(len(paths), dtype=bool)
    ax.add_collection(PathCollection([p for p, m in zip(paths, no_data) if not m], facecolors=fills[~no_data],
                                     edgecolors=edge, linewidths=width, transform=ax.transData))
    if no_data.any():
        ax.add_collection(PathCollection([p for p, m in zip(paths, no_data) if m], facecolors=fills[no_data],
                                         edgecolors=edge, linewidths=width, hatch=NO_DATA_HATCH,
                                         transform=ax.transData))
    return classification, len(frame)


def _draw_legend(figure: Figure, legends: list[tuple[MapLayer, Classification]],
                 sites: list[tuple[MapLayer, int]], language: str) -> None:
    """The classes of each legend (with counts and no-data), then a marker per site layer with the
    number of its sites on the page. One legend is titled as a whole; several each get a heading."""
    handles = []
    for layer, classification in legends:
        if len(legends) > 1:
            handles.append(Patch(visible=False, label=indicator_label(layer.style.column, language)))
        handles += [
            Patch(facecolor=np.asarray(entry.color) / 255.0, edgecolor="#6b6b6b", linewidth=0.5,
                  hatch=NO_DATA_HATCH if entry.no_data else None, label=f"{entry.label}  ({entry.count})")
            for entry in classification.legend(language)
        ]
    handles += [
        Line2D([], [], linestyle="none", marker="o", markersize=2 * SITE_MARKER_RADIUS * SCREEN_PIXEL_PT,
               markerfacecolor=layer.style.fill, markeredgecolor=layer.style.outline or "none",
               label=f"{layer.name}  ({shown})")
        for layer, shown in sites
    ]
    title = indicator_label(legends[0][0].style.column, language) if len(legends) == 1 else None
    figure.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(0.72, 0.86),
                  frameon=False, fontsize=8, title_fontsize=9, alignment="left")


def _draw_scale_bar(ax, latitude: float, language: str) -> ScaleBar:
    """A bar about a fifth of the map wide, of a round length, true at ``latitude``."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    metres_per_degree = _WGS84.line_length([0.0, 1.0], [latitude, latitude])
    target = (x1 - x0) * metres_per_degree / 5
    magnitude = 10 ** math.floor(math.log10(target))
    length = max(step * magnitude for step in (1, 2, 5) if step * magnitude <= target)
    degrees = length / metres_per_degree
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    if language == "vi":
        label = label.replace(".", ",")
    left, base = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.04
    tick = (y1 - y0) * 0.008
    ax.plot([left, left + degrees], [base, base], color="black", linewidth=2.2, solid_capstyle="butt",
            gid="scale-bar", zorder=PAGE_ELEMENTS_Z)
    for x in (left, left + degrees):
        ax.plot([x, x], [base - tick, base + tick], color="black", linewidth=1, zorder=PAGE_ELEMENTS_Z)
    ax.text(left + degrees / 2, base + 2 * tick, label, ha="center", va="bottom", fontsize=8, zorder=PAGE_ELEMENTS_Z,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.7, "pad": 1})
    return ScaleBar(length, degrees, latitude, label)


def _draw_north_arrow(ax, letter: str) -> None:
    ax.annotate(letter, xy=(0.95, 0.96), xytext=(0.95, 0.86), xycoords="axes fraction", ha="center",
                va="center", fontsize=11, weight="bold", zorder=PAGE_ELEMENTS_Z,
                arrowprops={"facecolor": "black", "width": 3, "headwidth": 9, "headlength": 9, "linewidth": 0})


def _source_line(document: MapDocument, layers: list[MapLayer], language: str, date: dt.date | None) -> str:
    text = TEXT[language]
    note = document.source_note or ""
    attribution = note if BOUNDARY_ATTRIBUTION in note else "; ".join(filter(None, [BOUNDARY_ATTRIBUTION, note]))
    data = sorted({Path(step.table).name for layer in layers for step in layer.recipe if isinstance(step, JoinStep)}
                  | {Path(layer.source).name for layer in layers
                     if layer.style.column or layer.load().is_sites})  # indicators, sites
    date = date or dt.date.today()
    date_text = date.strftime("%d/%m/%Y") if language == "vi" else date.isoformat()
    parts = [f"{text['source']}: {attribution}"]
    if data:
        parts.append(f"{text['data']}: {', '.join(data)}")
    parts.append(f"{text['date']}: {date_text}")
    return " · ".join(parts)


def _fit_extent(ax, extent: Extent, aspect: float) -> float:
    """Widen ``extent`` to the axes' shape at ``aspect``; return the size of a pixel in degrees of longitude."""
    box = ax.get_window_extent()
    x0, y0, x1, y1 = extent
    degrees_per_pixel = max((x1 - x0) / box.width, (y1 - y0) * aspect / box.height)
    half_width, half_height = box.width * degrees_per_pixel / 2, box.height * degrees_per_pixel / aspect / 2
    ax.set_xlim((x0 + x1) / 2 - half_width, (x0 + x1) / 2 + half_width)
    ax.set_ylim((y0 + y1) / 2 - half_height, (y0 + y1) / 2 + half_height)
    ax.set_aspect(aspect)
    return degrees_per_pixel


def _extent(document: MapDocument) -> Extent:
    extent = document.extent or document.full_extent()
    if extent is None or extent[2] <= extent[0] or extent[3] <= extent[1]:
        raise GismapError(QT_TRANSLATE_NOOP("GismapError", "the map has no extent to print; zoom to a layer first"))
    return extent
