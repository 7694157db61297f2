"""Interactive HTML maps of a document (folium/Leaflet): polygons with tooltip and popup,
a legend and a layer control, no basemap.

Geometry is coverage-simplified (shared borders simplified once, so no gaps or slivers
appear between communes) and coordinates are rounded, which keeps the national commune map
under 10 MB (``GeoDataFrame.explore`` writes ~177 MB). Every value taken from the data is
HTML-escaped before it reaches the page: Leaflet's tooltips insert their text as HTML.
"""

from __future__ import annotations

import base64
import html
import json
import re
from importlib.resources import files
from pathlib import Path

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from gismap.core.atomic import write_text_atomic
from gismap.core.classify import Classification, classify, format_number, hex_to_rgba
from gismap.core.document import MapDocument, MapLayer
from gismap.core.errors import GismapError

# ~50 m: below a pixel up to zoom 11, where a whole commune fills the screen.
SIMPLIFY_DEGREES = 0.0005
COORDINATE_DECIMALS = 4  # ~11 m
LEAFLET_CDN = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/"
NAME_COLUMNS = ("full_name", "name", "ten_xa", "ten")

TEXT = {"vi": {"legend": "Chú giải"}, "en": {"legend": "Legend"}}


def render_html(document: MapDocument, out_path: str | Path, language: str = "vi", offline: bool = False,
                tolerance: float = SIMPLIFY_DEGREES) -> Path:
    """Write ``document`` as a self-contained Leaflet page; ``offline`` inlines Leaflet itself."""
    layers = document.visible_layers()
    if not layers:
        raise GismapError("the map has no visible layer to export")
    fmap = folium.Map(tiles=None, control_scale=True, prefer_canvas=True)
    # Only Leaflet is needed (folium's default page also pulls jQuery, Bootstrap and icon fonts).
    fmap.default_js = [] if offline else [("leaflet", LEAFLET_CDN + "leaflet.js")]
    fmap.default_css = [] if offline else [("leaflet_css", LEAFLET_CDN + "leaflet.css")]
    if offline:
        fmap.get_root().header.add_child(Element(_inline_leaflet()), name="leaflet_inline", index=0)

    legend = None
    for layer in layers:
        classification = _add_layer(fmap, layer, language, tolerance)
        if classification is not None:
            legend = (layer, classification)
    if legend is not None:
        fmap.add_child(_Legend(legend[0].style.column, legend[1], language))
    folium.LayerControl(collapsed=False).add_to(fmap)
    extent = document.extent or document.full_extent()
    fmap.fit_bounds([[extent[1], extent[0]], [extent[3], extent[2]]])
    if document.title:
        fmap.get_root().header.add_child(Element(f"<title>{html.escape(document.title)}</title>"))
    out_path = Path(out_path)
    write_text_atomic(out_path, fmap.get_root().render())
    return out_path


def simplified_geometry(geometry: np.ndarray, tolerance: float = SIMPLIFY_DEGREES) -> np.ndarray:
    """Coverage-simplified geometry with coordinates rounded to ``COORDINATE_DECIMALS``."""
    simplified = shapely.coverage_simplify(geometry, tolerance)
    return shapely.transform(simplified, lambda xy: np.round(xy, COORDINATE_DECIMALS))


def _add_layer(fmap: folium.Map, layer: MapLayer, language: str, tolerance: float) -> Classification | None:
    layer.load()
    style = layer.style
    frame = layer.data.frame
    classification = classify(frame, style) if style.column else None
    if classification is not None:
        fills = [_hex(c) for c in classification.feature_colors()]
    else:
        fills = [style.fill or "none"] * len(frame)
    fields = [c for c in frame.columns if c != frame.geometry.name]
    name_column = next((c for c in NAME_COLUMNS if c in fields), None)
    shown = [c for c in ([name_column] if name_column else []) + ([style.column] if style.column else [])
             if c is not None]
    geometry = simplified_geometry(frame.geometry.values, tolerance)
    features = []
    for index, (geom, fill) in enumerate(zip(geometry, fills)):
        if geom is None or geom.is_empty:
            continue
        row = frame.iloc[index]
        properties = {_key(c): _escaped(row[c], language) for c in fields}
        properties["_fill"] = fill
        features.append({"type": "Feature", "properties": properties,
                         "geometry": json.loads(shapely.to_geojson(geom))})
    outline = style.outline or "none"
    group = folium.FeatureGroup(name=html.escape(layer.name))
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda feature: {
            "fillColor": feature["properties"]["_fill"], "fillOpacity": 0.85 * layer.opacity,
            "color": outline, "weight": style.outline_width, "opacity": layer.opacity,
            "fill": feature["properties"]["_fill"] != "none",
        },
        tooltip=folium.GeoJsonTooltip([_key(c) for c in shown], aliases=[html.escape(str(c)) for c in shown])
        if shown else None,
        popup=folium.GeoJsonPopup([_key(c) for c in fields], aliases=[html.escape(str(c)) for c in fields]),
        name=html.escape(layer.name),
    ).add_to(group)
    group.add_to(fmap)
    return classification


class _Legend(MacroElement):
    """A Leaflet control listing the classes with their counts; labels are escaped."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "gismap-legend");
            div.style.cssText = "background:#fff;padding:6px 8px;font:12px sans-serif;line-height:18px";
            div.innerHTML = {{ this.content|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, column: str, classification: Classification, language: str):
        super().__init__()
        rows = [
            f'<i style="display:inline-block;width:14px;height:12px;margin-right:6px;background:{entry.hex};'
            f'{"background-image:repeating-linear-gradient(45deg,#888 0 1px,transparent 1px 4px);" if entry.no_data else ""}'
            f'border:1px solid #777"></i>{html.escape(entry.label)} ({entry.count})'
            for entry in classification.legend(language)
        ]
        self.content = f"<b>{html.escape(str(column))}</b><br>" + "<br>".join(rows)


def _escaped(value, language: str) -> str:
    """A cell as escaped display text (numbers in the language's number style)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (float, np.floating)):
        return format_number(float(value), language, 0 if float(value).is_integer() else 2)
    return html.escape(str(value))


def _key(column) -> str:
    # folium looks properties up by name inside its JavaScript; keep keys to safe characters.
    return re.sub(r"\W", "_", str(column))


def _hex(color: np.ndarray) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(int(c) for c in color[:3]))


def _inline_leaflet() -> str:
    """Leaflet's JS and CSS from the django-js-lib-leaflet package, its images as data URIs."""
    static = files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    css = (static / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(
        r"url\((images/[\w.-]+\.png)\)",
        lambda m: "url(data:image/png;base64,"
        + base64.b64encode((static / m.group(1)).read_bytes()).decode("ascii") + ")",
        css,
    )
    js = (static / "leaflet.js").read_text(encoding="utf-8")
    return f"<style>{css}</style>\n<script>{js}</script>"


__all__ = ["render_html", "simplified_geometry", "hex_to_rgba"]
