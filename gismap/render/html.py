"""Interactive HTML maps (folium/Leaflet) of a map document.

Each visible polygon layer becomes a GeoJSON layer coloured like the screen (same
classification), with a tooltip (the name) and a popup (name, province, indicator values), a
legend with class counts, a layer control, the title and the source line; no basemap. Site
layers (points) become circle markers with every column of their list in the popup.

Safety: branca renders every folium element's output as a Jinja2 template a second time
(``MacroElement.render`` wraps it in a new ``Element``), so text inside folium's elements
must hold no template syntax. Every text taken from data, projects or arguments goes through
:func:`html_text`: HTML-escaped, and ``{`` and ``}`` written as character references (the page
shows them as braces; Jinja sees no ``{{``, ``{%`` or ``{#``). Colours and widths from the
style are parsed, never passed as text. GISMap's own blocks (title, legend, source line,
styles, inlined Leaflet) are :class:`_Literal` elements, written as they are, never compiled;
so is each layer's GeoJSON (:class:`_GeoJsonLayer`), which is also escaped as ``tojson`` would.

Size: geometry is simplified arc by arc (:mod:`gismap.render.shared_edges`: neighbours keep one
shared, simplified border, so none opens a gap or a sliver along it) at a tolerance that follows
the map's extent, coordinates are rounded, and only the properties the tooltip and popup show
are kept. The page's JavaScript only concatenates strings escaped in Python.

Speed: simplification is much of an export's time (about two seconds for the national layer), so
each layer's simplified geometry is kept for the tolerances last used (see
:func:`layer_simplified`): exporting the same map again, or after a style or title change,
simplifies nothing; a change of the layer's data or of one of its geometries simplifies afresh.
The features are written as one JSON text (:func:`_features_json`), not through folium's
per-coordinate Python lists and template machinery (seconds for the national layer).
"""

from __future__ import annotations

import base64
import html
import json
import math
import numbers
import re
import threading
import weakref
from importlib import resources
from pathlib import Path

import branca.element
import folium
import jinja2.utils
import matplotlib.colors
import numpy as np
import pandas as pd
import shapely

from gismap.core.atomic import write_text_atomic
from gismap.core.classify import TEXT as CLASS_TEXT
from gismap.core.classify import Classification, LegendEntry, format_number, shared_legends, style_colors
from gismap.core.document import SITE_MARKER_RADIUS, MapDocument, MapLayer
from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError
from gismap.core.feedback import Feedback
from gismap.core.indicators import INDICATORS, indicator_label
from gismap.core.layers import POINT_TYPES, POLYGON_TYPES
from gismap.render.print import _source_line
from gismap.render.shared_edges import simplify_shared_edges

# Tolerance (degrees) = the extent's larger side / EXTENT_DIVISIONS, never below MIN_TOLERANCE
# (about 11 m, a third of a pixel at commune zoom). A province gets 1e-4; the country about
# 1.1e-3, which keeps the national commune map under 10 MB.
EXTENT_DIVISIONS = 15000
MIN_TOLERANCE = 1e-4
# Simplifications kept per layer (one per tolerance, the latest ones): a few export views.
KEPT_TOLERANCES = 2

NAME_COLUMN, PROVINCE_COLUMN = "name", "prov_name"
TEXT = {
    "vi": {"province": "Tỉnh/thành phố", "features": "đối tượng"},
    "en": {"province": "Province", "features": "features"},
}
LEAFLET_CDN = (("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"),)
LEAFLET_CSS_CDN = (("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"),)

_CSS = """<style>
.gismap-box {position: absolute; z-index: 1000; background: rgba(255,255,255,0.92); padding: 6px 10px;
  font: 12px/1.4 "Segoe UI", Arial, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.3); border-radius: 4px;}
.gismap-title {top: 10px; left: 50%; transform: translateX(-50%); font-size: 16px; font-weight: bold;}
.gismap-legend {bottom: 36px; right: 10px; max-width: 320px;}
.gismap-legend h4 {margin: 0 0 4px; font-size: 13px;}
.gismap-legend i {display: inline-block; width: 18px; height: 12px; margin-right: 6px; vertical-align: middle;
  border: 1px solid #6b6b6b;}
.gismap-legend .count {color: #555;}
.gismap-legend i.site {width: 10px; height: 10px; border-radius: 50%; border-color: #fff;}
.gismap-source {bottom: 6px; left: 10px; right: 10px; font-size: 10px; padding: 2px 6px;}
.gismap-popup th {text-align: left; padding-right: 8px; font-weight: normal; color: #444;}
.gismap-popup td {text-align: right;}
</style>"""


def render_html(document: MapDocument, out_path: str | Path, language: str = "vi", offline: bool = False,
                feedback: Feedback | None = None) -> Path:
    """Write ``document`` as an interactive web map; ``offline`` inlines Leaflet (no external URL)."""
    feedback = feedback or Feedback()
    page = build_map(document, language=language, offline=offline, feedback=feedback.part(0.0, 0.9))
    feedback.check()
    write_text_atomic(out_path, page.get_root().render())
    feedback.set_progress(1.0, Path(out_path).name)
    return Path(out_path)


def build_map(document: MapDocument, language: str = "vi", offline: bool = False,
              feedback: Feedback | None = None) -> folium.Map:
    """The folium map of ``document``'s visible commune (polygon) and site (point) layers, not yet written."""
    layers = [layer for layer in document.visible_layers() if _is_drawn(layer)]
    if not layers:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "the map has no visible commune or site layer to export; show one first"))
    west, south, east, north = document.extent or document.full_extent()
    tolerance = tolerance_for(document)
    web_map = folium.Map(tiles=None, prefer_canvas=True, control_scale=True)
    web_map.fit_bounds([[south, west], [north, east]])
    _use_leaflet_only(web_map, offline)
    root = web_map.get_root()
    root.header.add_child(_Literal(_CSS))
    if document.title:
        root.html.add_child(_Literal(f'<div class="gismap-box gismap-title">{html_text(document.title)}</div>'))
    feedback = feedback or Feedback()
    classified, site_parts = [], []
    for number, layer in enumerate(layers):
        feedback.check()
        feedback.set_progress(number / len(layers), layer.name)
        classification, site_part = _add_layer(web_map, layer, tolerance, language, feedback)
        if classification is not None:
            classified.append((layer, classification))
        site_parts.append(site_part)
    legend = "".join([*(_legend_html(_label(layer.style.column, language), classification.legend(language), language)
                        for layer, classification in shared_legends(classified[::-1])), *site_parts])
    if legend:  # one box for every layer's part: boxes of their own would cover each other
        root.html.add_child(_Literal(f'<div class="gismap-box gismap-legend">{legend}</div>'))
    source = _source_line(document, layers, language, None)
    root.html.add_child(_Literal(f'<div class="gismap-box gismap-source">{html_text(source)}</div>'))
    folium.LayerControl(collapsed=False).add_to(web_map)
    return web_map


def tolerance_for(document: MapDocument) -> float:
    """The simplification tolerance (degrees) of ``document``'s page: see :data:`EXTENT_DIVISIONS`."""
    west, south, east, north = document.extent or document.full_extent()
    return max(MIN_TOLERANCE, max(east - west, north - south) / EXTENT_DIVISIONS)


def html_text(value) -> str:
    """``value`` as HTML text that is also inert as Jinja2 template source (see the module's Safety)."""
    return html.escape(str(value)).replace("{", "&#123;").replace("}", "&#125;")


class _Literal(branca.element.Element):
    """A block of the page written as it is: never compiled or rendered as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _Simplified:
    """A layer's simplified geometry for one tolerance, and what it was made from: the layer's data
    (weakly: the old data must not stay alive for this) and the identity of each geometry."""

    def __init__(self, data, geometry: np.ndarray, simplified: np.ndarray) -> None:
        self.data = weakref.ref(data)
        self.identities = _identities(geometry)
        self.simplified = simplified

    def made_from(self, data, geometry: np.ndarray) -> bool:
        return self.data() is data and np.array_equal(self.identities, _identities(geometry))


_simplified: weakref.WeakKeyDictionary[MapLayer, dict[float, _Simplified]] = weakref.WeakKeyDictionary()
_simplified_lock = threading.Lock()


def layer_simplified(layer: MapLayer, tolerance: float, feedback: Feedback | None = None) -> np.ndarray:
    """:func:`simplify_shared_edges` of ``layer``'s loaded geometry at ``tolerance``, computed once.

    Kept while the layer's data is the same and holds the same geometry objects in the same
    order (an edit that replaces a geometry, a new recipe, a reload: simplified again). The
    latest :data:`KEPT_TOLERANCES` tolerances of each layer are kept, and nothing once the
    layer is gone.
    """
    data = layer.data
    geometry = np.asarray(data.frame.geometry.array)
    with _simplified_lock:
        kept = _simplified.get(layer, {}).get(tolerance)
    if kept is not None and kept.made_from(data, geometry):
        return kept.simplified
    simplified = simplify_shared_edges(geometry, tolerance, feedback)
    with _simplified_lock:
        by_tolerance = _simplified.setdefault(layer, {})
        by_tolerance.pop(tolerance, None)
        by_tolerance[tolerance] = _Simplified(data, geometry, simplified)
        while len(by_tolerance) > KEPT_TOLERANCES:
            del by_tolerance[next(iter(by_tolerance))]  # the oldest
    return simplified


def _identities(geometry: np.ndarray) -> np.ndarray:
    return np.fromiter(map(id, geometry), dtype=np.uintp, count=len(geometry))


def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JavaScript and CSS from the installed ``django-js-lib-leaflet`` package.

    The CSS's images (layer-control icon, markers) are inlined as data URIs so nothing is
    fetched from elsewhere.
    """
    folder = resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    script = (folder / "leaflet.js").read_text(encoding="utf-8")
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        image = (folder / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode('ascii')})"

    return script, re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)


def _use_leaflet_only(web_map: folium.Map, offline: bool) -> None:
    """Load Leaflet alone (folium's jQuery, Bootstrap and marker fonts are unused here), inline if offline."""
    if offline:
        web_map.default_js, web_map.default_css = [], []
        script, css = leaflet_assets()
        # "</" inside an inline script would end it early; "<\/" means the same to JavaScript.
        script = script.replace("</", "<\\/")
        web_map.get_root().header.add_child(_Literal(f"<style>{css}</style>\n<script>{script}</script>"))
    else:
        web_map.default_js, web_map.default_css = list(LEAFLET_CDN), list(LEAFLET_CSS_CDN)


def _add_layer(web_map: folium.Map, layer: MapLayer, tolerance: float, language: str,
               feedback: Feedback) -> tuple[Classification | None, str]:
    """Add ``layer`` as a GeoJSON layer; return its classification and, for sites, their legend row."""
    frame = layer.data.frame
    style = layer.style
    classification, colors = style_colors(frame, style)
    fills = ["#{:02x}{:02x}{:02x}".format(*rgba[:3]) for rgba in colors]
    sites = layer.data.is_sites
    decimals = 5 if tolerance < 5e-4 or sites else 4  # grid about a tenth of the tolerance; sites ~1 m
    geometry = frame.geometry.values if sites else layer_simplified(layer, tolerance, feedback)
    geometry = shapely.transform(geometry, lambda xy: np.round(xy, decimals))
    columns = _site_columns(frame) if sites else _popup_columns(frame, style.column)
    labels = [html_text(_label(column, language)) for column in columns]
    values = [[_format(value, column, language) for value in frame[column]] for column in columns]
    names = frame[NAME_COLUMN].map(_text).tolist() if NAME_COLUMN in frame else [None] * len(frame)
    rows = np.flatnonzero(~(shapely.is_missing(geometry) | shapely.is_empty(geometry)))
    outline = _colour(style.outline)
    weight, opacity = float(style.outline_width), float(layer.opacity)
    fill_opacity = opacity * (0.85 if style.fill or classification is not None else 0)

    def feature_style(feature: dict) -> dict:
        return {"fillColor": fills[feature["id"]], "color": outline, "weight": weight,
                "fillOpacity": fill_opacity, "opacity": opacity}

    _GeoJsonLayer(
        _features_json(rows, geometry[rows], [{"n": names[row], "v": [v[row] for v in values]} for row in rows]),
        rows.tolist(),
        name=html_text(layer.name),
        style_function=feature_style,
        smooth_factor=0.5,
        on_each_feature=folium.JsCode(_ON_EACH_FEATURE.replace("LABELS", json.dumps(labels, ensure_ascii=False))),
        marker=folium.CircleMarker(radius=SITE_MARKER_RADIUS) if sites else None,
    ).add_to(web_map)
    if sites and classification is None:
        return None, (f'<div><i class="site" style="background:{fills[0]}"></i>{html_text(layer.name)} '
                      f'<span class="count">({len(frame)} {TEXT[language]["features"]})</span></div>')
    return classification, ""


def _features_json(ids: np.ndarray, geometry: np.ndarray, properties: list[dict]) -> str:
    """A compact GeoJSON FeatureCollection of ``geometry`` (none missing or empty) with ``ids`` and ``properties``.

    Geometry is written by GEOS (shortest round-trip numbers); the text is as safe inside a
    ``<script>`` and as inert as template source as Jinja's ``tojson`` output: ``<``, ``>``, ``&``
    and ``'`` are written as JSON escapes, and JSON never holds ``{{``, ``{%`` or ``{#`` outside
    strings, while the strings are :func:`html_text` (braces as character references).
    """
    shapes = shapely.to_geojson(geometry)
    features = ",".join(
        '{"type":"Feature","id":%d,"properties":%s,"geometry":%s}'
        % (row, json.dumps(properties_of_row, ensure_ascii=False, separators=(",", ":")), shape)
        for row, properties_of_row, shape in zip(ids.tolist(), properties, shapes))
    text = '{"type":"FeatureCollection","features":[%s]}' % features
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


class _GeoJsonLayer(folium.GeoJson):
    """folium's GeoJson layer (styles, popups, layer control) with its features written by
    :func:`_features_json`: folium would build Python lists of every coordinate, dump them
    with ``tojson`` and compile the megabytes of script as a template (most of a national
    page's writing time). folium is given the features' ids only, and its script's data is
    then replaced by the text."""

    def __init__(self, features_json: str, ids: list[int], **kwargs) -> None:
        super().__init__({"type": "FeatureCollection",
                          "features": [{"type": "Feature", "id": row, "properties": {}} for row in ids]}, **kwargs)
        self.features_json = features_json

    def render(self, **kwargs) -> None:
        # What the template's ``this.data|tojson`` writes, to be replaced.
        policies = self._template.environment.policies
        ids_json = jinja2.utils.htmlsafe_json_dumps(self.data, **policies["json.dumps_kwargs"])
        super().render(**kwargs)
        scripts = self.get_root().script._children
        script = scripts[self.get_name()].render()
        scripts[self.get_name()] = _Literal(script.replace(ids_json, self.features_json, 1))


# Properties "n" (name) and "v" (values) and LABELS are HTML-escaped in Python already.
_ON_EACH_FEATURE = """function (feature, layer) {
    var labels = LABELS, p = feature.properties;
    if (p.n !== null) { layer.bindTooltip(p.n, {sticky: true}); }
    layer.bindPopup(function () {
        var rows = "";
        for (var i = 0; i < labels.length; i++) {
            if (p.v[i] !== null) { rows += "<tr><th>" + labels[i] + "</th><td>" + p.v[i] + "</td></tr>"; }
        }
        return '<div class="gismap-popup"><b>' + (p.n === null ? "" : p.n) + "</b><table>" + rows + "</table></div>";
    });
}"""


def _legend_html(title: str, entries: list[LegendEntry], language: str) -> str:
    rows = "".join(
        f'<div><i style="background:{entry.hex}"></i>{html_text(entry.label)} '
        f'<span class="count">({entry.count} {TEXT[language]["features"]})</span></div>'
        for entry in entries
    )
    return f'<h4>{html_text(title)}</h4>{rows}'


def _popup_columns(frame: pd.DataFrame, styled: str | None) -> list[str]:
    """Province, the styled column, then every catalogue indicator present, in catalogue order."""
    wanted = [PROVINCE_COLUMN, styled, *INDICATORS]
    return list(dict.fromkeys(c for c in wanted if c is not None and c in frame.columns))


def _site_columns(frame: pd.DataFrame) -> list[str]:
    """Every column a site list brought (its row number and geometry aside)."""
    return [c for c in frame.columns if c not in ("row", frame.geometry.name)]


def _label(column: str, language: str) -> str:
    if column == PROVINCE_COLUMN:
        return TEXT[language]["province"]
    return indicator_label(column, language)


def _format(value, column: str, language: str) -> str | None:
    """``value`` as escaped display text; None when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return CLASS_TEXT[language][bool(value)]
    if isinstance(value, numbers.Number):
        indicator = INDICATORS.get(column)
        decimals = 0 if float(value).is_integer() else 1 if indicator is not None and indicator.is_pct else 2
        return format_number(float(value), language, decimals)
    return _text(value)


def _text(value) -> str | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else html_text(value)


def _colour(value: str | None) -> str:
    """A style colour as ``#rrggbb`` (``none`` for no outline); anything else is refused."""
    if value is None:
        return "none"
    try:
        return matplotlib.colors.to_hex(value)
    except (ValueError, TypeError):
        raise GismapError(QT_TRANSLATE_NOOP("GismapError", "'{value}' is not a colour; write it as #rrggbb"),
                          value=str(value)[:40]) from None


def _is_drawn(layer: MapLayer) -> bool:
    """Commune (polygon) and site (point) layers are exported; lines are not."""
    return layer.load().geometry_type in POLYGON_TYPES | POINT_TYPES

