"""The map document: layers, their styles and joins, the view and the title.

One document is shared by the GUI, the CLI and every export, so whatever a user sees can be
exported or scripted. Views observe it through :class:`~gismap.core.events.Signal`s:

- ``layers_changed()``: a layer was added, removed or reordered;
- ``layer_changed(map_layer)``: a layer's visibility, opacity, name, style or data changed;
- ``view_changed(extent)``: the view extent changed;
- ``title_changed()``: title, subtitle or source note changed;
- ``selection_changed(map_layer)``: the selected features of a layer changed.

The default document is made from the declarative layer definitions in ``layers/*.toml``.
"""

from __future__ import annotations

import itertools
import threading
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError
from gismap.core.events import Signal
from gismap.core.layers import Layer, read_layer
from gismap.core.paths import BOUNDARY_ATTRIBUTION, bundle_root, layers_dir
from gismap.core.sites import count_sites

Extent = tuple[float, float, float, float]


@dataclass
class Style:
    """How a layer is drawn: a single symbol, or a choropleth when ``column`` is set."""

    column: str | None = None
    scheme: str = "quantiles"  # quantiles|equal_interval|natural_breaks|std_mean|pretty|manual|categorical
    k: int = 5
    breaks: list[float] | None = None  # upper bounds, for scheme="manual"
    cmap: str = "YlGnBu"
    reverse: bool = False
    fill: str | None = "#e8e4d8"  # single-symbol fill; None draws outlines only
    outline: str | None = "#6b6b6b"
    outline_width: float = 0.4  # screen pixels
    no_data: str = "#c8c8c8"
    label_column: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Style:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise GismapError(QT_TRANSLATE_NOOP("GismapError", "unknown style keys {unknown}; known keys: {known}"),
                              unknown=", ".join(sorted(unknown)), known=", ".join(sorted(known)))
        cleaned = {k: (None if v == "none" else v) for k, v in data.items()}
        return cls(**cleaned)


def _with_site_count(frame, column: str, sites):
    """``frame`` (communes) with ``column``: how many of the points ``sites`` lie in each."""
    return frame.assign(**{column: count_sites(frame, sites)})


# Sites (points) of a new layer: small dark-orange markers with a white ring, seen on any fill.
SITE_STYLE = Style(fill="#d94801", outline="#ffffff", outline_width=1.0)
SITE_MARKER_RADIUS = 4.0  # screen pixels, on the canvas and in print


@dataclass
class MapLayer:
    """A layer of the document: where it comes from and how it is shown."""

    name: str
    source: Path
    source_layer: str | None = None
    visible: bool = True
    opacity: float = 1.0
    style: Style = field(default_factory=Style)
    # Join settings, replayed on load: keyword arguments of gismap.core.join.join_table
    # plus "table" (path of the CSV/XLSX).
    join: dict[str, Any] | None = None
    # Sites counted per feature, replayed on load after the join:
    # {"column": name, "sites": path} plus "sheet" for a workbook's other sheets.
    site_counts: list[dict[str, str]] = field(default_factory=list)
    data: Layer | None = field(default=None, repr=False)  # loaded on demand
    join_report: Any = field(default=None, repr=False)  # JoinReport of the last join
    id: int = field(default_factory=itertools.count(1).__next__)
    # Loading is slow (reading, joining): a second caller waits for the first instead of repeating it.
    _loading: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def load(self, check_geometry: bool = True) -> Layer:
        """Read the layer's source (and join its table) once; later calls return the same data.

        ``check_geometry`` starts the background validity check at once (see :func:`read_layer`).
        """
        with self._loading:
            if self.data is None:
                data = read_layer(self.source, layer=self.source_layer, name=self.name,
                                  check_geometry=check_geometry)
                if self.join:
                    from gismap.core.join import join_table  # the join engine is only needed here

                    settings = dict(self.join)
                    table = settings.pop("table")
                    settings["resolutions"] = {int(row): code
                                               for row, code in (settings.get("resolutions") or {}).items()}
                    result = join_table(data.frame, table, **settings)
                    data.frame = result.frame
                    self.join_report = result.report
                for count in self.site_counts:
                    sites = read_layer(count["sites"], layer=count.get("sheet"), check_geometry=False)
                    data.frame = _with_site_count(data.frame, count["column"], sites.frame)
                if self.style == Style() and data.is_sites:
                    self.style = SITE_STYLE  # the area fill would hide sites on the map
                self.data = data
        return self.data

    def input_files(self) -> list[Path]:
        """Every file this layer is read from: its source, joined table and counted site lists."""
        tables = [self.join["table"]] if self.join else []
        return [Path(p) for p in (self.source, *tables, *(c["sites"] for c in self.site_counts))]

    def to_dict(self, relative_to: Path | None = None) -> dict[str, Any]:
        source = self.source
        if relative_to is not None:
            try:
                source = source.resolve().relative_to(relative_to.resolve())
            except ValueError:
                pass
        out = {
            "name": self.name,
            "source": source.as_posix(),
            "visible": self.visible,
            "opacity": self.opacity,
            "style": {k: v for k, v in asdict(self.style).items() if v is not None},
        }
        if self.source_layer:
            out["source_layer"] = self.source_layer
        if self.join:
            out["join"] = self.join
        if self.site_counts:
            out["site_counts"] = self.site_counts
        return out

    def count_sites(self, column: str, sites: MapLayer) -> None:
        """Add (or refresh) ``column``: the sites of the layer ``sites`` in each feature.

        The count is redone from the site list's file when this layer is loaded again.
        """
        self.data.frame = _with_site_count(self.data.frame, column, sites.load().frame)
        count = {"column": column, "sites": str(sites.source)}
        if sites.source_layer:
            count["sheet"] = sites.source_layer
        self.site_counts = [c for c in self.site_counts if c["column"] != column] + [count]

    @classmethod
    def from_dict(cls, data: dict[str, Any], base: Path) -> MapLayer:
        try:
            source = Path(data["source"])
            name = data.get("name") or source.stem
        except KeyError:
            raise GismapError(QT_TRANSLATE_NOOP("GismapError", "a layer definition needs a 'source' path")) from None
        join = dict(data["join"]) if data.get("join") else None
        if join and not Path(join["table"]).is_absolute():
            join["table"] = str(base / join["table"])
        site_counts = [{**c, "sites": str(base / c["sites"])} for c in data.get("site_counts") or []]
        return cls(
            name=name,
            source=source if source.is_absolute() else base / source,
            source_layer=data.get("source_layer"),
            visible=bool(data.get("visible", True)),
            opacity=float(data.get("opacity", 1.0)),
            style=Style.from_dict(data.get("style", {})),
            join=join,
            site_counts=site_counts,
        )


class MapDocument:
    """Layers (drawn first to last), view extent, title, subtitle and source note."""

    def __init__(self, title: str = "", subtitle: str = "", source_note: str = BOUNDARY_ATTRIBUTION):
        self.layers: list[MapLayer] = []
        self.title = title
        self.subtitle = subtitle
        self.source_note = source_note
        self.extent: Extent | None = None
        # Selected feature positions (row numbers of the layer's frame) by MapLayer.id.
        self.selection: dict[int, np.ndarray] = {}
        self.layers_changed = Signal()
        self.layer_changed = Signal()
        self.view_changed = Signal()
        self.title_changed = Signal()
        self.selection_changed = Signal()

    # -- layers -----------------------------------------------------------------------
    def add_layer(self, layer: MapLayer, index: int | None = None) -> MapLayer:
        self.layers.insert(len(self.layers) if index is None else index, layer)
        self.layers_changed.emit()
        return layer

    def remove_layer(self, layer: MapLayer) -> None:
        self.layers.remove(layer)
        self.selection.pop(layer.id, None)
        self.layers_changed.emit()

    def move_layer(self, layer: MapLayer, index: int) -> None:
        self.layers.remove(layer)
        self.layers.insert(index, layer)
        self.layers_changed.emit()

    def update_layer(self, layer: MapLayer, **changes: Any) -> None:
        """Change attributes of ``layer`` (``visible``, ``opacity``, ``name``, ``style``...) and notify."""
        for key, value in changes.items():
            if not hasattr(layer, key):
                raise AttributeError(key)
            setattr(layer, key, value)
        self.layer_changed.emit(layer)

    def restyle(self, layer: MapLayer, **style_changes: Any) -> None:
        self.update_layer(layer, style=replace(layer.style, **style_changes))

    def visible_layers(self) -> list[MapLayer]:
        return [layer for layer in self.layers if layer.visible]

    def layer_by_name(self, name: str) -> MapLayer:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(name)

    # -- selection ----------------------------------------------------------------------------
    def selected(self, layer: MapLayer) -> np.ndarray:
        """Sorted row positions of the selected features of ``layer``."""
        return self.selection.get(layer.id, np.empty(0, dtype=np.int64))

    def select(self, layer: MapLayer, rows: Iterable[int], mode: str = "replace") -> None:
        """Select features by row position. ``mode``: replace, add, remove or toggle (shift-click)."""
        rows = np.unique(np.fromiter(rows, dtype=np.int64))
        current = self.selected(layer)
        if mode == "add":
            rows = np.union1d(current, rows)
        elif mode == "remove":
            rows = np.setdiff1d(current, rows)
        elif mode == "toggle":
            rows = np.setxor1d(current, rows)
        elif mode != "replace":
            raise ValueError(f"unknown selection mode {mode!r}")
        if np.array_equal(rows, current):
            return
        if rows.size:
            self.selection[layer.id] = rows
        else:
            self.selection.pop(layer.id, None)
        self.selection_changed.emit(layer)

    def clear_selection(self) -> None:
        for layer in [layer for layer in self.layers if layer.id in self.selection]:
            self.select(layer, [], "replace")

    # -- view and text ------------------------------------------------------------------
    def set_extent(self, extent: Extent) -> None:
        self.extent = tuple(float(v) for v in extent)
        self.view_changed.emit(self.extent)

    def set_title(self, title: str | None = None, subtitle: str | None = None,
                  source_note: str | None = None) -> None:
        if title is not None:
            self.title = title
        if subtitle is not None:
            self.subtitle = subtitle
        if source_note is not None:
            self.source_note = source_note
        self.title_changed.emit()

    def selection_bounds(self, layers: Iterable[MapLayer] | None = None) -> Extent | None:
        """Union of the bounds of the selected features of ``layers`` (default: all); None when
        nothing with a geometry is selected."""
        boxes = [shapely.total_bounds(layer.data.frame.geometry.values[rows])
                 for layer in (self.layers if layers is None else layers)
                 if layer.data is not None and (rows := self.selected(layer)).size]
        boxes = [box for box in boxes if np.all(np.isfinite(box))]  # empty geometries have no bounds
        if not boxes:
            return None
        stacked = np.vstack(boxes)
        return (float(stacked[:, 0].min()), float(stacked[:, 1].min()),
                float(stacked[:, 2].max()), float(stacked[:, 3].max()))

    def full_extent(self) -> Extent | None:
        """Union of the bounds of the visible, loaded layers."""
        bounds = [layer.data.bounds for layer in self.visible_layers() if layer.data is not None]
        if not bounds:
            return None
        return (min(b[0] for b in bounds), min(b[1] for b in bounds),
                max(b[2] for b in bounds), max(b[3] for b in bounds))

    def input_files(self) -> list[Path]:
        """Every file the map is read from; outputs are never written over them."""
        return [path for layer in self.layers for path in layer.input_files()]

    def load_all(self) -> None:
        for layer in self.layers:
            layer.load()

    # -- serialisation ----------------------------------------------------------------------
    def to_dict(self, relative_to: Path | None = None) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "source_note": self.source_note,
            "extent": list(self.extent) if self.extent else None,
            "layers": [layer.to_dict(relative_to) for layer in self.layers],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], base: Path) -> MapDocument:
        document = cls(
            title=data.get("title", ""),
            subtitle=data.get("subtitle", ""),
            source_note=data.get("source_note", BOUNDARY_ATTRIBUTION),
        )
        document.layers = [MapLayer.from_dict(item, base) for item in data.get("layers", [])]
        if data.get("extent"):
            document.extent = tuple(float(v) for v in data["extent"])
        return document


def default_document(definitions: Path | None = None) -> MapDocument:
    """The document GISMap opens with: every ``layers/*.toml`` in file-name order.

    Each file defines one layer (``name``, ``source`` relative to the project root,
    ``visible``, ``opacity``, ``[style]``, optional ``[join]``). A ``document.toml`` among
    them sets the title, subtitle and initial view extent instead.
    """
    definitions = definitions or layers_dir()
    document = MapDocument()
    for path in sorted(definitions.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise GismapError(QT_TRANSLATE_NOOP(
                "GismapError",
                "{file}: not valid TOML ({reason}). Fix the layer definition."),
                file=path.name, reason=str(exc)) from None
        if path.stem == "document":
            document.set_title(data.get("title"), data.get("subtitle"))
            if data.get("extent"):
                document.extent = tuple(float(v) for v in data["extent"])
        else:
            document.layers.append(MapLayer.from_dict(data, bundle_root()))
    return document
