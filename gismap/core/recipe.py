"""Layer recipes: the ordered steps that turn a layer as read into the layer as shown.

A map layer is its source (the frame as read, kept unchanged) plus a recipe of steps (joins
of coverage tables, counts of sites per commune) plus a style. :func:`derive_frame` is the
one function that builds the shown frame from the base frame and the recipe; loading, the
join wizard, *Count Sites in Communes*, the command line and projects all use it. Removing or
editing a step derives the frame again from the base: nothing re-reads the layer's file, and
the tables and site lists the steps read are kept in a :class:`StepInputs` cache.

Several joins can stand in one recipe, each with its own table, sheet, key and column
choices, as in QGIS's Joins tab. Each join matches the base frame, and its columns are
added to what the steps before it built; a column name an earlier step already uses gets
the name of the step's file (``population_bao_cao_2025``), as QGIS prefixes a join's fields
with its layer's name, so a later join never replaces an earlier one's data and a name does
not change when another step is removed. Each join's report says which columns were renamed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, ClassVar

import geopandas as gpd
import pandas as pd

from gismap.core.errors import QT_TRANSLATE_NOOP, Message
from gismap.core.feedback import Feedback
from gismap.core.fields import Fields, wrong_field

PathResolver = Callable[[str], Path]
PathWriter = Callable[[Path], str]


class _FileStep:
    """What every step shares: the one file it reads (named by ``FILE``) and its sheet."""

    FILE: ClassVar[str]
    sheet: str | None

    @property
    def file(self) -> Path:
        return getattr(self, self.FILE)

    def input_files(self) -> list[Path]:
        return [self.file]

    def tag(self) -> str:
        """What names this step's columns where an earlier step took the name: its file (and sheet)."""
        return _tag(self.file.stem if self.sheet is None else f"{self.file.stem} {self.sheet}")

    def input_key(self) -> tuple:
        """What names the input this step reads in :class:`StepInputs`: its file and sheet."""
        return (self.FILE, self.file, self.sheet)

    def with_input(self, old: Path, new: Path):
        """The step reading ``new`` where it read ``old`` (a moved file located)."""
        return replace(self, **{self.FILE: new}) if self.file == old else self


@dataclass
class JoinStep(_FileStep):
    """Join a coverage table (CSV/XLSX) to the communes; see :func:`gismap.core.join.join_table`."""

    table: Path
    sheet: str | None = None
    province: str | None = None
    key: str = "auto"
    column_overrides: dict[str, str | None] = field(default_factory=dict)
    resolutions: dict[int, str] = field(default_factory=dict)  # table row → commune code, picked by hand

    kind: ClassVar[str] = "join"
    FILE: ClassVar[str] = "table"

    def to_dict(self, write_path: PathWriter) -> dict[str, Any]:
        out: dict[str, Any] = {"step": self.kind, "table": write_path(self.table)}
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.province is not None:
            out["province"] = self.province
        if self.key != "auto":
            out["key"] = self.key
        if self.column_overrides:
            out["column_overrides"] = dict(self.column_overrides)
        if self.resolutions:
            out["resolutions"] = {str(row): code for row, code in self.resolutions.items()}
        return out

    @classmethod
    def from_dict(cls, given: Fields, resolve: PathResolver) -> JoinStep:
        overrides = Fields(given.mapping("column_overrides"), given.path("column_overrides"))
        resolutions = Fields(given.mapping("resolutions"), given.path("resolutions"))
        if not all(row.isdigit() for row in resolutions.data):
            raise wrong_field(resolutions.where, Message(QT_TRANSLATE_NOOP(
                "GismapError", "must map row numbers to commune codes")), resolutions.data)
        return cls(
            table=resolve(given.path_text("table")),
            sheet=given.text("sheet"),
            province=given.text("province"),
            key=given.choice("key", "auto", ("auto", "code", "name")),
            column_overrides={header: overrides.text(header) for header in overrides.data},
            resolutions={int(row): resolutions.required_text(row) for row in resolutions.data},
        )


@dataclass
class SiteCountStep(_FileStep):
    """Add ``column``: how many sites of a site list lie in each commune. ``crs``: the coordinate
    system of the list's coordinates as the user named it (``EPSG:9210``; None: WGS 84 degrees)."""

    column: str
    sites: Path
    sheet: str | None = None
    crs: str | None = None

    kind: ClassVar[str] = "site_count"
    FILE: ClassVar[str] = "sites"

    def to_dict(self, write_path: PathWriter) -> dict[str, Any]:
        out: dict[str, Any] = {"step": self.kind, "column": self.column, "sites": write_path(self.sites)}
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.crs is not None:
            out["crs"] = self.crs
        return out

    def input_key(self) -> tuple:
        return (*super().input_key(), self.crs)

    @classmethod
    def from_dict(cls, given: Fields, resolve: PathResolver) -> SiteCountStep:
        return cls(column=given.required_text("column"), sites=resolve(given.path_text("sites")),
                   sheet=given.text("sheet"), crs=given.text("crs"))


Step = JoinStep | SiteCountStep
STEP_KINDS: dict[str, type] = {JoinStep.kind: JoinStep, SiteCountStep.kind: SiteCountStep}


def step_from_dict(data: dict[str, Any], resolve: PathResolver, where: str = "step") -> Step:
    """A recipe step from its project/TOML form ``{"step": kind, ...}`` (found at ``where`` in it), every field checked."""
    kind = STEP_KINDS[Fields(data, where).choice("step", None, STEP_KINDS)]
    return kind.from_dict(Fields(data, where, ("step", *(f.name for f in fields(kind)))), resolve)


@dataclass
class Derived:
    """The frame a recipe builds, with what each step reported.

    ``reports[i]`` is the :class:`~gismap.core.join.JoinReport` of step ``i`` (None for other
    steps); ``renamed[i]`` maps a column of step ``i`` to the name it got because an earlier
    step had taken it.
    """

    frame: gpd.GeoDataFrame
    reports: list[Any]
    renamed: list[dict[str, str]]


class StepInputs:
    """The tables and site lists a layer's steps read, each read once while its file is unchanged.

    Layers may share one (the default map's four provinces join the same table): a read is done
    under a lock, so a second layer loading at the same time waits for it instead of repeating it.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple, Any] = {}
        self._lock = threading.Lock()

    def table(self, step: JoinStep, feedback: Feedback | None = None):
        """The table ``step`` joins; ``feedback`` may cancel its reading."""
        from gismap.core.tables import read_table

        return self._get(step.input_key(), lambda: read_table(step.table, sheet=step.sheet, feedback=feedback))

    def sites(self, step: SiteCountStep, feedback: Feedback | None = None) -> gpd.GeoDataFrame:
        """The sites ``step`` counts; ``feedback`` may cancel their reading."""
        from gismap.core.layers import read_layer

        return self._get(step.input_key(), lambda: read_layer(
            step.sites, layer=step.sheet, check_geometry=False, crs=step.crs, feedback=feedback).frame)

    def put(self, step: Step, loaded) -> None:
        """Keep what ``step`` reads, read elsewhere already (the join wizard's preview, a site layer of the map)."""
        with self._lock:
            self._cache[(*step.input_key(), *_stamp(step.file))] = loaded

    def _get(self, key: tuple, read: Callable[[], Any]) -> Any:
        key = (*key, *_stamp(key[1]))
        with self._lock:
            if key not in self._cache:
                self._cache[key] = read()
            return self._cache[key]


def derive_frame(base: gpd.GeoDataFrame, recipe: Sequence[Step], inputs: StepInputs | None = None,
                 feedback: Feedback | None = None) -> Derived:
    """The frame ``recipe`` builds from ``base`` (left unchanged); pure but for reading the steps' files.

    ``feedback`` hears of each step and may cancel between steps (:class:`~gismap.core.feedback.Canceled`).
    """
    from gismap.core.join import join_table
    from gismap.core.sites import count_sites

    inputs = inputs or StepInputs()
    feedback = feedback or Feedback()
    frame = base.copy()  # what is shown may be edited; the frame as read stays as it was
    reports: list[Any] = []
    renamed: list[dict[str, str]] = []
    for number, step in enumerate(recipe, start=1):
        feedback.set_progress((number - 1) / len(recipe), step.file.name)
        feedback.check()
        reading = feedback.part((number - 1) / len(recipe), (number - 0.5) / len(recipe))
        if isinstance(step, JoinStep):
            result = join_table(base, inputs.table(step, reading), province=step.province, key=step.key,
                                column_overrides=step.column_overrides or None, resolutions=step.resolutions)
            added = result.frame.drop(columns=[c for c in result.frame.columns if c in base.columns])
            reports.append(result.report)
        else:
            added = pd.DataFrame({step.column: count_sites(frame, inputs.sites(step, reading))},
                                     index=frame.index)
            reports.append(None)
        names = {c: _free_name(c, step.tag(), frame.columns) for c in added.columns}
        renamed.append({c: n for c, n in names.items() if c != n})
        if renamed[-1] and reports[-1] is not None:
            reports[-1].warnings.append(Message(QT_TRANSLATE_NOOP(
                "GismapError", "columns already in the layer were named after {file}: {columns}"),
                file=step.file.name, columns=", ".join(renamed[-1].values())))
        frame = frame.join(added.rename(columns=names))
    feedback.set_progress(1.0)
    return Derived(frame=frame, reports=reports, renamed=renamed)


def _stamp(path: Path) -> tuple:
    """What tells a changed file: its modification time and size (absent: none)."""
    try:
        status = Path(path).stat()
    except OSError:
        return (None, None)
    return (status.st_mtime_ns, status.st_size)


def _free_name(column: str, tag: str, taken) -> str:
    """``column``, or ``column_tag`` where that is taken, then ``column_tag_2`` ..."""
    if column not in taken:
        return column
    name, number = f"{column}_{tag}", 1
    while name in taken:
        number += 1
        name = f"{column}_{tag}_{number}"
    return name


def _tag(text: str) -> str:
    """``text`` as a column-name suffix: lowercase ASCII words joined by ``_`` (Vietnamese folded)."""
    from gismap.core.names import fold

    return "_".join(re.findall(r"[a-z0-9]+", fold(text))) or "step"
