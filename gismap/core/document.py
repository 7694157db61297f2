"""The map document: layers (source, recipe of steps, style), the export extent and the title.

One document is shared by the GUI, the CLI and every export, so whatever a user sees can be
saved, exported or scripted. Views observe it through psygnal signals and change it only
through its commands (``add_layer``, ``update_layer``, ``restyle``, ``add_step``, ...):

- ``layers_changed()``: a layer was added, removed or reordered;
- ``layer_changed(map_layer, what)``: ``what`` of a layer changed, a set of "visible",
  "opacity", "name", "style", "recipe" and "data";
- ``view_changed(extent)``: the export extent changed;
- ``title_changed()``: title, subtitle or source note changed;
- ``selection_changed(map_layer)``: the selected features of a layer changed.

The default document is made from the declarative layer definitions in ``layers/*.toml``.
"""

from __future__ import annotations

import itertools
import math
import threading
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, ClassVar

import geopandas as gpd
import numpy as np
import shapely
from psygnal import Signal

from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError, Message
from gismap.core.feedback import Feedback
from gismap.core.fields import Fields, wrong_field
from gismap.core.history import History
from gismap.core.layers import DraftRequest, Layer, LayerDraft, read_layer
from gismap.core.paths import BOUNDARY_ATTRIBUTION, bundle_root, layers_dir
from gismap.core.recipe import Derived, JoinStep, SiteCountStep, Step, StepInputs, derive_frame, step_from_dict

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

    def to_dict(self) -> dict[str, Any]:
        """Every field; ``None`` (no fill, no outline, no column) kept as ``None``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "style") -> Style:
        """A style from a project or TOML table (found at ``where`` in it), every field checked; a colour
        ``None`` or ``"none"`` means none (TOML has no null)."""
        from gismap.core.classify import CATEGORICAL, MAX_K, MIN_K, NUMERIC_SCHEMES  # classify imports this module

        given = Fields(data, where, [f.name for f in fields(cls)])
        default = cls()
        return cls(
            column=given.text("column"),
            scheme=given.choice("scheme", default.scheme, (*NUMERIC_SCHEMES, CATEGORICAL)),
            k=given.integer("k", default.k, MIN_K, MAX_K),
            breaks=given.numbers("breaks", MAX_K),
            cmap=given.text("cmap", default.cmap),
            reverse=given.boolean("reverse", default.reverse),
            fill=given.colour("fill", default.fill),
            outline=given.colour("outline", default.outline),
            outline_width=given.number("outline_width", default.outline_width, 0.0, MAX_OUTLINE_WIDTH),
            no_data=given.colour("no_data", default.no_data) or default.no_data,
            label_column=given.text("label_column"),
        )


MAX_OUTLINE_WIDTH = 50.0  # screen pixels; the style panel offers up to 5


# Sites (points) of a new layer: small dark-orange markers with a white ring, seen on any fill.
SITE_STYLE = Style(fill="#d94801", outline="#ffffff", outline_width=1.0)
SITE_MARKER_RADIUS = 4.0  # screen pixels, on the canvas and in print


@dataclass(eq=False)
class MapLayer:
    """A layer of the document: its source, the recipe of steps applied to it, and how it is shown.

    ``base`` is the layer as read; ``data`` is the layer as shown, its frame derived from the
    base by the recipe (see :mod:`gismap.core.recipe`). A layer is itself (``==`` and ``in``
    go by identity: the same file added twice is two layers); :meth:`definition` is what a
    project stores of it, to compare layers by.
    """

    name: str
    source: Path
    source_layer: str | None = None
    visible: bool = True
    opacity: float = 1.0
    style: Style = field(default_factory=Style)
    recipe: list[Step] = field(default_factory=list)
    crs: str | None = None  # the source's coordinate system as the user named it (``EPSG:9210``), if any
    base: Layer | None = field(default=None, repr=False)
    data: Layer | None = field(default=None, repr=False)  # loaded on demand
    draft: LayerDraft | None = field(default=None, repr=False)  # what to draw while the data is being read
    step_reports: list[Any] = field(default_factory=list, repr=False)  # what each step of the recipe reported
    load_error: Exception | None = field(default=None, repr=False)  # why the layer could not be read or built
    id: int = field(default_factory=itertools.count(1).__next__)
    inputs: StepInputs = field(default_factory=StepInputs, repr=False)
    # Loading is slow (reading, joining): a second caller waits for the first instead of repeating it.
    _loading: threading.Lock = field(default_factory=threading.Lock, repr=False)

    DEFINITION: ClassVar[tuple[str, ...]] = ("name", "source", "source_layer", "visible", "opacity", "style",
                                             "recipe", "crs")

    def definition(self) -> tuple:
        """The fields a project stores (name, source, style, recipe, ...), whatever is loaded."""
        return tuple(getattr(self, name) for name in self.DEFINITION)

    @property
    def join_report(self):
        """The report of the recipe's last join (None without one)."""
        return next((report for report in reversed(self.step_reports) if report is not None), None)

    def load(self, check_geometry: bool = True, feedback: Feedback | None = None,
             draft: DraftRequest | None = None) -> Layer:
        """Read the layer's source and apply its recipe once; later calls return the same data.

        ``check_geometry`` starts the background validity check at once (see :func:`read_layer`);
        ``feedback`` hears how far reading and the recipe are, and may cancel them; ``draft`` asks
        for the draft that a first frame can be drawn from meanwhile (see :func:`read_layer`; it is
        coloured by the style's column unless a recipe step is to add or change it), to be handed
        to :meth:`MapDocument.show_draft`.
        """
        feedback = feedback or Feedback()
        with self._loading:
            if self.data is None:
                self._read_base(check_geometry, feedback.part(0.0, 0.5), draft)
                self.show(derive_frame(self.base.frame, self.recipe, self.inputs, feedback.part(0.5, 1.0)))
        return self.data

    def derive(self, recipe: list[Step], feedback: Feedback | None = None) -> Derived:
        """What ``recipe`` would build on this layer, without changing it (only the source is read,
        so a recipe that failed can be mended)."""
        with self._loading:
            self._read_base(check_geometry=False, feedback=Feedback())
        return derive_frame(self.base.frame, recipe, self.inputs, feedback)

    def _read_base(self, check_geometry: bool, feedback: Feedback,
                   draft: DraftRequest | None = None) -> None:
        """Read the layer as it is in its file, once (the caller holds the loading lock)."""
        if self.base is None:
            if draft is not None:
                draft = replace(draft, columns=[self.style.column] if self.style.column and not self.recipe else [])
            self.base = read_layer(self.source, layer=self.source_layer, name=self.name,
                                   check_geometry=check_geometry, feedback=feedback, crs=self.crs, draft=draft)
            if self.style == Style() and self.base.is_sites:
                self.style = SITE_STYLE  # the area fill would hide sites on the map

    def show(self, derived: Derived) -> None:
        """Make ``derived`` (built from this layer's base by its recipe) the shown data."""
        self.data = replace(self.base, frame=derived.frame, warnings=list(self.base.warnings))
        self.step_reports = list(derived.reports)

    def input_files(self) -> list[Path]:
        """Every file this layer is read from: its source and the files its steps read."""
        return [Path(self.source), *(path for step in self.recipe for path in step.input_files())]

    def to_dict(self, write_path: Callable[[Path], str] = Path.as_posix) -> dict[str, Any]:
        out = {
            "name": self.name,
            "source": write_path(Path(self.source)),
            "visible": self.visible,
            "opacity": self.opacity,
            "style": self.style.to_dict(),
        }
        if self.source_layer:
            out["source_layer"] = self.source_layer
        if self.crs:
            out["crs"] = self.crs
        if self.recipe:
            out["recipe"] = [step.to_dict(write_path) for step in self.recipe]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], resolve: Callable[[str], Path], where: str = "layer") -> MapLayer:
        """A layer from its project or TOML form (found at ``where`` in it), every field checked;
        ``resolve`` turns a stored path into a file.

        The first format's ``join`` table and ``site_counts`` list are read as recipe steps.
        """
        given = Fields(data, where, (*cls.DEFINITION, "join", "site_counts"))
        source = resolve(given.path_text("source"))
        steps = [(given.path(f"recipe[{i}]"), step) for i, step in enumerate(given.items("recipe"))]
        if given.has("join"):
            steps.insert(0, (given.path("join"), {"step": JoinStep.kind, **given.mapping("join")}))
        for i, count in enumerate(given.items("site_counts")):
            place = given.path(f"site_counts[{i}]")
            steps.append((place, {"step": SiteCountStep.kind, **Fields(count, place).data}))
        return cls(
            name=checked_text(given.text("name", limit=None) or source.stem, "name"),
            source=source,
            source_layer=given.text("source_layer"),
            visible=given.boolean("visible", True),
            opacity=given.number("opacity", 1.0, 0.0, 1.0),
            style=Style.from_dict(given.mapping("style"), given.path("style")),
            recipe=[step_from_dict(step, resolve, place) for place, step in steps],
            crs=given.text("crs"),
        )


class MapDocument:
    """Layers (drawn first to last), export extent, title, subtitle and source note.

    Views observe the signals (psygnal: Qt-free, bound methods held weakly, so a view that goes
    away needs no disconnecting) and change the document only through its commands.
    """

    layers_changed = Signal()
    # The layer and the names of what changed: "visible", "opacity", "name", "style", "recipe", "data".
    layer_changed = Signal(object, object)
    view_changed = Signal(object)
    title_changed = Signal()
    selection_changed = Signal(object)

    def __init__(self, title: str = "", subtitle: str = "", source_note: str = BOUNDARY_ATTRIBUTION):
        self.layers: list[MapLayer] = []
        self.title = title
        self.subtitle = subtitle
        self.source_note = source_note
        self.extent: Extent | None = None
        # Selected feature positions (row numbers of the layer's frame) by MapLayer.id.
        self.selection: dict[int, np.ndarray] = {}
        self.history = History()

    def view_copy(self) -> MapDocument:
        """A document for another view (a presentation): the same layers and loaded data, with
        styles, visibility, selection and extent of its own."""
        copy = MapDocument(self.title, self.subtitle, self.source_note)
        copy.extent = self.extent
        copy.layers = [replace(layer) for layer in self.layers]  # same id and data; a style of its own
        return copy

    def __eq__(self, other: object) -> bool:
        """Documents are equal when what a project stores of them is (loaded data aside)."""
        if not isinstance(other, MapDocument):
            return NotImplemented
        return (self.title, self.subtitle, self.source_note, self.extent, [layer.definition() for layer in self.layers]) == (
            other.title, other.subtitle, other.source_note, other.extent, [layer.definition() for layer in other.layers])

    __hash__ = object.__hash__

    # -- layers -----------------------------------------------------------------------
    def add_layer(self, layer: MapLayer, index: int | None = None) -> MapLayer:
        index = len(self.layers) if index is None else index
        self.layers.insert(index, layer)
        self.history.record(QT_TRANSLATE_NOOP("GismapError", "Add layer {layer}"), layer.name,
                            undo=lambda: self.remove_layer(layer), redo=lambda: self.add_layer(layer, index))
        self.layers_changed.emit()
        return layer

    def remove_layer(self, layer: MapLayer) -> None:
        # By identity: two layers of one definition (the same file added twice) are still two layers.
        index = next(number for number, other in enumerate(self.layers) if other is layer)
        del self.layers[index]
        self.selection.pop(layer.id, None)
        self.history.record(QT_TRANSLATE_NOOP("GismapError", "Remove layer {layer}"), layer.name,
                            undo=lambda: self.add_layer(layer, index), redo=lambda: self.remove_layer(layer))
        self.layers_changed.emit()

    def move_layer(self, layer: MapLayer, index: int) -> None:
        order = [other for other in self.layers if other is not layer]
        order.insert(index, layer)
        self.reorder(order)

    def reorder(self, layers: list[MapLayer]) -> None:
        """Draw the document's layers in the order of ``layers`` (the same layers, first drawn first)."""
        if sorted(map(id, layers)) != sorted(map(id, self.layers)):
            raise ValueError("reorder needs the document's own layers, each once")
        before, after = list(self.layers), list(layers)
        if all(a is b for a, b in zip(before, after)):
            return
        self.layers[:] = after
        self.history.record(QT_TRANSLATE_NOOP("GismapError", "Change layer order"), "",
                            undo=lambda: self.reorder(before), redo=lambda: self.reorder(after))
        self.layers_changed.emit()

    def update_layer(self, layer: MapLayer, **changes: Any) -> None:
        """Change what is shown of ``layer`` (``visible``, ``opacity``, ``name``, ``style``) and notify."""
        unknown = set(changes) - {"visible", "opacity", "name", "style"}
        if unknown:
            raise AttributeError(", ".join(sorted(unknown)))
        changes = {key: value for key, value in changes.items() if getattr(layer, key) != value}
        if not changes:
            return
        before = {key: getattr(layer, key) for key in changes}
        for key, value in changes.items():
            setattr(layer, key, value)
        # A slider's run of opacities, or of one style field (breaks dragged), undoes as one step.
        merge = frozenset(changes) if "style" not in changes else frozenset(
            f for f in fields(Style) if getattr(before["style"], f.name) != getattr(layer.style, f.name))
        self.history.record(QT_TRANSLATE_NOOP("GismapError", "Change layer {layer}"), layer.name,
                            undo=lambda: self.update_layer(layer, **before),
                            redo=lambda: self.update_layer(layer, **changes),
                            merge_key=("update", layer.id, merge) if changes.keys() <= {"opacity", "style"} else None)
        self.layer_changed.emit(layer, frozenset(changes))

    def loaded(self, layer: MapLayer, error: Exception | None = None) -> None:
        """Tell views that ``layer`` was read in the background, or why it could not be (``error``,
        kept as ``layer.load_error``: the layer stays in the map, drawn by nobody until repaired)."""
        layer.load_error = error
        layer.draft = None
        self.layer_changed.emit(layer, frozenset({"data"}))

    def show_draft(self, layer: MapLayer, draft: LayerDraft) -> None:
        """Tell views that ``layer``, still being read, can be drawn from ``draft`` meanwhile; the draft
        goes when the layer is loaded (:meth:`loaded`)."""
        if layer.data is None and layer in self.layers:
            layer.draft = draft
            self.layer_changed.emit(layer, frozenset({"draft"}))

    # -- recipe steps ------------------------------------------------------------------
    def add_step(self, layer: MapLayer, step: Step, derived: Derived | None = None) -> None:
        """Append ``step`` to the recipe of ``layer`` (loaded). ``derived``: the result of
        ``layer.derive(recipe + [step])`` when it was already computed (a preview)."""
        self.set_recipe(layer, [*layer.recipe, step], derived)

    def replace_step(self, layer: MapLayer, index: int, step: Step, derived: Derived | None = None) -> None:
        recipe = list(layer.recipe)
        recipe[index] = step
        self.set_recipe(layer, recipe, derived)

    def remove_step(self, layer: MapLayer, index: int) -> None:
        """Drop step ``index``; the frame is derived again from the layer as read."""
        self.set_recipe(layer, [step for number, step in enumerate(layer.recipe) if number != index])

    def set_recipe(self, layer: MapLayer, recipe: list[Step], derived: Derived | None = None) -> None:
        """Make ``recipe`` the steps of ``layer`` and show what it builds."""
        derived = derived if derived is not None else layer.derive(recipe)
        # A layer whose recipe had failed has no data: undoing derives its old recipe again (and fails again).
        before = (list(layer.recipe), None if layer.data is None else Derived(layer.data.frame, list(layer.step_reports), []))
        self.history.record(QT_TRANSLATE_NOOP("GismapError", "Change the steps of {layer}"), layer.name,
                            undo=lambda: self.set_recipe(layer, *before),
                            redo=lambda: self.set_recipe(layer, list(recipe), derived))
        layer.recipe = list(recipe)
        layer.show(derived)
        layer.load_error = None
        self.layer_changed.emit(layer, frozenset({"recipe", "data"}))

    def count_sites(self, layer: MapLayer, column: str, sites: MapLayer) -> None:
        """Add (or redo) ``column`` on ``layer``: the sites of the layer ``sites`` in each feature.

        A name the layer already has from elsewhere (a joined ``bts_5g``) is refused.
        """
        counted = {step.column for step in layer.recipe if isinstance(step, SiteCountStep)}
        if layer.data is not None and column in layer.data.frame.columns and column not in counted:
            raise GismapError(QT_TRANSLATE_NOOP(
                "GismapError", "the layer already has a column '{column}'; give the count another name"),
                column=column)
        sites.load()
        step = SiteCountStep(column=column, sites=Path(sites.source), sheet=sites.source_layer, crs=sites.crs)
        layer.inputs.put(step, sites.data.frame)
        same = [i for i, s in enumerate(layer.recipe) if isinstance(s, SiteCountStep) and s.column == column]
        if same:
            self.replace_step(layer, same[0], step)
        else:
            self.add_step(layer, step)

    def restyle(self, layer: MapLayer, **style_changes: Any) -> None:
        """Change fields of the layer's style. Manual classes given another indicator without
        breaks of its own start from natural breaks of that indicator, as many as there were."""
        style = layer.style
        column = style_changes.get("column")
        if (column and column != style.column and "breaks" not in style_changes and layer.data is not None
                and style_changes.get("scheme", style.scheme) == "manual" and column in layer.data.frame):
            from gismap.core.classify import suggested_breaks  # classification is only needed here

            style_changes["breaks"] = suggested_breaks(layer.data.frame[column], len(style.breaks or []) or style.k)
        self.update_layer(layer, style=replace(style, **style_changes))

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
        before = {"title": self.title, "subtitle": self.subtitle, "source_note": self.source_note}
        after = {**before, **{k: checked_text(v, k) for k, v in (
            ("title", title), ("subtitle", subtitle), ("source_note", source_note)) if v is not None}}
        if after == before:
            return
        self.history.record(QT_TRANSLATE_NOOP("GismapError", "Change the title"), "",
                            undo=lambda: self.set_title(**before), redo=lambda: self.set_title(**after),
                            merge_key=("title",))
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
        """Union of the bounds of the visible layers, loaded or drawn from a draft."""
        bounds = [layer.data.bounds if layer.data is not None else layer.draft.outlines.bounds
                  for layer in self.visible_layers() if layer.data is not None or layer.draft is not None]
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
    def to_dict(self, write_path: Callable[[Path], str] = Path.as_posix) -> dict[str, Any]:
        """The document as a project stores it; ``write_path`` writes each file path."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "source_note": self.source_note,
            "extent": list(self.extent) if self.extent else None,
            "layers": [layer.to_dict(write_path) for layer in self.layers],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], resolve: Callable[[str], Path]) -> MapDocument:
        """The document of :meth:`to_dict`'s form; ``resolve`` turns a stored path into a file."""
        given = Fields(data, "document", ("title", "subtitle", "source_note", "extent", "layers"))
        defaults = {"title": "", "subtitle": "", "source_note": BOUNDARY_ATTRIBUTION if "source_note" not in data else ""}
        document = cls(**{name: checked_text(given.text(name, default, limit=None) or "", name)
                          for name, default in defaults.items()})
        document.layers = [MapLayer.from_dict(item, resolve, given.path(f"layers[{i}]"))
                           for i, item in enumerate(given.items("layers"))]
        share_step_inputs(document.layers)
        if given.has("extent"):
            document.extent = _extent(data["extent"], given.path("extent"))
        return document


# A title, subtitle, source line or layer name longer than this is no title: a map cannot show it,
# and laying it out would take minutes.
MAX_TEXT_LENGTH = 1000


_TEXT_KINDS = {
    "title": QT_TRANSLATE_NOOP("GismapError", "title"),
    "subtitle": QT_TRANSLATE_NOOP("GismapError", "subtitle"),
    "source_note": QT_TRANSLATE_NOOP("GismapError", "source line"),
    "name": QT_TRANSLATE_NOOP("GismapError", "layer name"),
}


def checked_text(text, kind: str) -> str:
    """``text`` as a string, refused when it is longer than :data:`MAX_TEXT_LENGTH`; ``kind`` is
    ``"title"``, ``"subtitle"``, ``"source_note"`` or ``"name"`` (a layer's)."""
    text = str(text)
    if len(text) > MAX_TEXT_LENGTH:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError", "the {what} is {length} characters long; a map shows at most {limit}. Shorten it."),
            what=Message(_TEXT_KINDS[kind]), length=f"{len(text):,}", limit=f"{MAX_TEXT_LENGTH:,}")
    return text


def _extent(values, where: str = "extent") -> Extent:
    """West, south, east, north: four finite numbers (``where``: the field)."""
    try:
        extent = tuple(float(v) for v in values) if isinstance(values, (list, tuple)) else ()
    except (TypeError, ValueError, OverflowError):
        extent = ()
    if len(extent) != 4 or not all(map(math.isfinite, extent)):
        raise wrong_field(where, Message(QT_TRANSLATE_NOOP(
            "GismapError", "must be four numbers: west, south, east, north")), values)
    return extent


def default_document(definitions: Path | None = None) -> MapDocument:
    """The document GISMap opens with: every ``layers/*.toml`` in file-name order.

    Each file defines one layer (``name``, ``source`` relative to the project root,
    ``visible``, ``opacity``, ``[style]``, and recipe steps as ``[[recipe]]`` tables with
    ``step = "join"`` or ``"site_count"``). A ``document.toml`` among them sets the title,
    subtitle and initial export extent instead.
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
        if path.stem == "document":  # the document as built, with nothing to undo
            document.title, document.subtitle = data.get("title") or "", data.get("subtitle") or ""
            if data.get("extent"):
                document.extent = _extent(data["extent"])
        else:
            document.layers.append(MapLayer.from_dict(data, lambda stored: bundle_root() / stored))
    share_step_inputs(document.layers)  # the sample provinces join one table: read it once
    return document


def share_step_inputs(layers: list[MapLayer]) -> None:
    """Let ``layers`` read their steps' tables and site lists through one cache: a table that several
    layers join (the default map's provinces, a project's) is read once."""
    shared = StepInputs()
    for layer in layers:
        layer.inputs = shared


def provinces() -> gpd.GeoDataFrame:
    """The 34 provinces and centrally-run cities of 2025 (``code``, ``name``, ``full_name``, outline),
    in code order; each has its communes at near full detail in ``data/shapefiles/communes_<code>.parquet``."""
    from gismap.core.paths import shapefiles_dir

    return read_layer(shapefiles_dir() / "provinces_vn_2025_overview.shp", check_geometry=False).frame


def find_province(province: str) -> dict[str, Any]:
    """The row of :func:`provinces` named by ``province``: a code such as ``37`` or a name such as
    ``Ninh Bình``, ``Ninh Binh`` or ``Tỉnh Ninh Bình``."""
    from gismap.core.names import name_key

    outlines = provinces()
    wanted = province.strip()
    found = outlines[(outlines["code"] == wanted.zfill(2)) | (outlines["name"].map(name_key) == name_key(wanted))
                     | (outlines["full_name"].map(name_key) == name_key(wanted))]
    if found.empty:
        raise GismapError(QT_TRANSLATE_NOOP("GismapError", "no province '{province}'; give its 2025 code (such as 37) "
                                            "or name (such as Ninh Bình)"), province=province)
    return found.iloc[0].to_dict()


def province_document(province: str, definitions: Path | None = None) -> MapDocument:
    """The default map narrowed to one province (code such as ``37`` or name such as ``Ninh Bình``):
    its communes at full detail over the national backdrop and province outlines, the title naming
    the province and the extent on it.

    A sample province keeps its layer of ``layers/*.toml`` (joined to the sample coverage table,
    coloured); any other province gets ``layers/province/communes.toml`` filled in for it."""
    row = find_province(province)
    definitions = definitions or layers_dir()
    document = default_document(definitions)
    samples = {layer.source.stem.removeprefix("communes_"): layer for layer in document.layers
               if layer.source.stem.removeprefix("communes_").isdigit()}
    first_sample = next((i for i, layer in enumerate(document.layers) if layer in samples.values()),
                        len(document.layers) - 1)
    kept = [layer for layer in document.layers if layer not in samples.values()]
    if row["code"] in samples:
        communes = samples[row["code"]]
        document.subtitle = f"{row['full_name']} · {document.subtitle}" if document.subtitle else row["full_name"]
    else:
        communes, document.title, document.subtitle = _province_layer(definitions / "province" / "communes.toml", row)
    kept.insert(min(first_sample, len(kept)), communes)
    document.layers = kept
    document.extent = tuple(float(v) for v in shapely.bounds(row["geometry"]))
    return document


def _province_layer(template: Path, row: dict[str, Any]) -> tuple[MapLayer, str, str]:
    """The layer, title and subtitle of ``template`` with the province's code and names filled in."""
    names = {"prov_code": row["code"], "prov_name": row["name"], "prov_full_name": row["full_name"]}
    data = tomllib.loads(template.read_text(encoding="utf-8"))
    heading = data.pop("document", {})
    for key in ("name", "source"):
        data[key] = data[key].format_map(names)
    layer = MapLayer.from_dict(data, lambda stored: bundle_root() / stored)
    return layer, heading.get("title", "").format_map(names), heading.get("subtitle", "").format_map(names)
