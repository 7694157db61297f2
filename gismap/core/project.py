"""Project files (``.gismap``): the map document as JSON, recent projects, autosave and recovery.

A project stores every file it names (layer sources, joined tables, site lists) relative to
its own folder, so a folder holding the project and its data can be moved or shared whole.
Files inside GISMap's embedded data are stored as ``<bundle>/...`` so projects built on the
sample boundaries survive reinstalling. Format 2 stores each layer's recipe; format 1 (one
``join`` and a ``site_counts`` list per layer) is still read.
Opening a project does not read its layers (the GUI loads them in the background); it
reports the sources that are gone as :class:`MissingSource` so the user can locate them, and
:func:`relocate` then finds the other files that moved along with the first.

Autosaves live in a per-user folder given by the caller (the GUI uses QStandardPaths, this
module stays free of Qt). One is kept per project; it is removed when the project is saved or
closed cleanly, so one that is newer than its project means GISMap did not exit normally.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gismap.core.atomic import write_text_atomic
from gismap.core.document import MapDocument, MapLayer
from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError, Message
from gismap.core.inputs import refuse_special_files
from gismap.core.paths import bundle_root

SUFFIX = ".gismap"
FORMAT = "gismap-project"
FORMAT_VERSION = 2
BUNDLE_PREFIX = "<bundle>/"
RECENT_LIMIT = 10


class ProjectError(GismapError):
    """A project file cannot be read or written."""


@dataclass(eq=False)  # each missing file is itself: two layers of one file miss it twice
class MissingSource:
    """A file the project refers to that is not where it was: a layer's source, its joined table
    or a site list counted in it."""

    layer: MapLayer
    expected: Path
    role: str = "source"  # "source", or the kind of the recipe step that reads it ("join", "site_count")

    @property
    def layer_name(self) -> str:
        return self.layer.name


# -- save and open ---------------------------------------------------------------------------

def save_project(document: MapDocument, path: str | os.PathLike) -> Path:
    """Write ``document`` to ``path`` (``.gismap`` added when missing), atomically."""
    path = Path(path)
    if path.suffix.lower() != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    _write(path, _payload(document, Path(os.path.abspath(path)).parent))
    return path


def open_project(path: str | os.PathLike) -> tuple[MapDocument, list[MissingSource]]:
    """Read a project: its document (layers not loaded yet) and the files no longer found."""
    path = Path(path)
    folder = Path(os.path.abspath(path)).parent
    data = _read(path)

    def resolve(stored: str) -> Path:
        resolved = _resolve(stored, folder, data["version"])
        refuse_special_files(resolved)  # /dev/zero as a layer: reading it would never end
        return resolved

    try:
        document = MapDocument.from_dict(data["document"], resolve)
    except GismapError as exc:
        raise ProjectError(QT_TRANSLATE_NOOP("GismapError", "{file}: {reason}"), file=path.name,
                           reason=exc.message) from None
    return document, missing_sources(document)


def open_whole_project(path: str | os.PathLike) -> MapDocument:
    """A project read where nobody can locate moved files (the command line, a screenshot): a file
    it refers to that is missing is a :class:`ProjectError` naming every such file."""
    document, missing = open_project(path)
    if missing:
        raise ProjectError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: these files are missing: {missing}. Open the project in GISMap to locate them."),
            file=Path(path).name, missing="; ".join(f"{m.expected} ({m.layer_name})" for m in missing))
    return document


def missing_sources(document: MapDocument) -> list[MissingSource]:
    """Every file the document's layers read that is not there, each with its layer and role."""
    missing = []
    for layer in document.layers:
        if not _exists(Path(layer.source)):
            missing.append(MissingSource(layer, Path(layer.source), "source"))
        missing += [MissingSource(layer, path, step.kind) for step in layer.recipe
                    for path in step.input_files() if not _exists(path)]
    return missing


def _exists(path: Path) -> bool:
    """Whether ``path`` is there; a path no system can hold (a name too long) is not."""
    try:
        return path.exists()
    except OSError:
        return False


def leave_out(document: MapDocument, missing: MissingSource) -> None:
    """Do without a file that is gone: the layer (its source) or the steps that read it; the rest
    of the layer still loads."""
    if missing.role == "source":
        document.layers[:] = [layer for layer in document.layers if layer is not missing.layer]
    else:
        missing.layer.recipe = [step for step in missing.layer.recipe if missing.expected not in step.input_files()]


def relocate(missing: MissingSource, new_path: str | os.PathLike,
             others: Iterable[MissingSource] = ()) -> list[MissingSource]:
    """Point ``missing`` at ``new_path``; retarget ``others`` that were in the same folder
    when a file of the same name is in the new folder. Returns those still missing."""
    new_path = Path(new_path)
    if not new_path.exists():
        raise ProjectError(QT_TRANSLATE_NOOP("GismapError", "{file}: no such file. Choose the file that replaces {old}."),
                           file=str(new_path), old=missing.expected.name)
    old_folder, new_folder = missing.expected.parent, new_path.parent
    _retarget(missing, new_path)
    still_missing = []
    for other in others:
        if other is missing:
            continue
        candidate = new_folder / other.expected.name
        if other.expected.parent == old_folder and candidate.exists():
            _retarget(other, candidate)
        else:
            still_missing.append(other)
    return still_missing


class Repair:
    """Repairing the files a project misses, in any order: locate one (the others that moved with it
    are found too, see :func:`relocate`) or leave one out; :meth:`finish` leaves out what is left."""

    def __init__(self, document: MapDocument, missing: Iterable[MissingSource]) -> None:
        self.document = document
        self.missing = list(missing)
        self.remaining = list(self.missing)
        self.left_out: list[MissingSource] = []

    def locate(self, item: MissingSource, new_path: str | os.PathLike) -> None:
        """Point ``item`` at ``new_path`` (:class:`ProjectError` when it is not a file)."""
        self.remaining = relocate(item, new_path, self.remaining)

    def leave_out(self, item: MissingSource) -> None:
        """Do without ``item``'s file; without its source, the whole layer goes."""
        leave_out(self.document, item)
        gone = [other for other in self.remaining
                if other is item or (item.role == "source" and other.layer is item.layer)]
        self.remaining = [other for other in self.remaining if other not in gone]
        self.left_out += gone

    def finish(self) -> None:
        for item in list(self.remaining):
            if item in self.remaining:
                self.leave_out(item)


def _retarget(missing: MissingSource, path: Path) -> None:
    if missing.role == "source":
        missing.layer.source = path
    else:
        missing.layer.recipe = [step.with_input(missing.expected, path) for step in missing.layer.recipe]
    missing.expected = path


# -- recent projects ---------------------------------------------------------------------------

class RecentProjects:
    """Most recent first, at most ``RECENT_LIMIT``, kept in ``store[key]`` as a list of strings.

    ``store`` is any mapping: a dict in tests, a QSettings adapter in the GUI.
    """

    def __init__(self, store: MutableMapping[str, Any], key: str = "recentProjects") -> None:
        self._store = store
        self._key = key

    def paths(self) -> list[Path]:
        return [Path(p) for p in (self._store.get(self._key) or [])]

    def add(self, path: str | os.PathLike) -> None:
        entry = str(Path(path).resolve())
        rest = [str(p) for p in self.paths() if str(p) != entry]
        self._store[self._key] = [entry, *rest][:RECENT_LIMIT]

    def remove(self, path: str | os.PathLike) -> None:
        entry = str(Path(path).resolve())
        self._store[self._key] = [str(p) for p in self.paths() if str(p) != entry]

    def clear(self) -> None:
        self._store[self._key] = []


# -- autosave and recovery ---------------------------------------------------------------------

@dataclass(frozen=True)
class Recovery:
    """An autosave left behind by a session that did not end normally."""

    autosave: Path
    project: Path | None  # None: the document had never been saved

    def open(self) -> tuple[MapDocument, list[MissingSource]]:
        return open_project(self.autosave)


def autosave_path(project_path: str | os.PathLike | None, folder: str | os.PathLike) -> Path:
    """Where the autosave of ``project_path`` (None: an unsaved document) goes in ``folder``."""
    folder = Path(folder)
    if project_path is None:
        return folder / f"untitled{SUFFIX}"
    project_path = Path(project_path).resolve()
    # The hash keeps two projects of the same name in different folders apart.
    digest = hashlib.sha1(str(project_path).encode("utf-8")).hexdigest()[:10]
    return folder / f"{project_path.stem}-{digest}{SUFFIX}"


def write_autosave(document: MapDocument, folder: str | os.PathLike,
                   project_path: str | os.PathLike | None = None) -> Path:
    """Save a copy of ``document`` in ``folder``, recording which project it belongs to."""
    target = autosave_path(project_path, folder)
    payload = _payload(document, None)
    payload["project"] = str(Path(project_path).resolve()) if project_path is not None else None
    _write(target, payload)
    return target


def find_recovery(folder: str | os.PathLike) -> Recovery | None:
    """The most recent autosave in ``folder`` that is newer than its project, if any.

    Autosaves no newer than their project are stale (the project was saved after) and removed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return None
    found = []
    for autosave in folder.glob(f"*{SUFFIX}"):
        try:
            project = _read(autosave).get("project")
        except ProjectError:
            continue  # not an autosave of ours: leave it alone
        project = Path(project) if project else None
        saved = autosave.stat().st_mtime
        if project is not None and project.exists() and project.stat().st_mtime >= saved:
            discard_autosave(autosave)
            continue
        found.append((saved, Recovery(autosave, project)))
    return max(found, key=lambda item: item[0])[1] if found else None


def discard_autosave(path: str | os.PathLike) -> None:
    Path(path).unlink(missing_ok=True)


# -- file format -------------------------------------------------------------------------------

def _payload(document: MapDocument, folder: Path | None) -> dict[str, Any]:
    """The JSON content; files relative to ``folder`` (None: absolute, for autosaves)."""
    return {"format": FORMAT, "version": FORMAT_VERSION,
            "document": document.to_dict(lambda path: _portable(path, folder))}


def _portable(path: Path, folder: Path | None) -> str:
    # Paths as given, links not followed: a data folder linked into the project folder stays inside it.
    path = Path(os.path.abspath(path))
    bundle = Path(os.path.abspath(bundle_root()))
    if folder is not None and path.is_relative_to(folder):
        return path.relative_to(folder).as_posix()
    if path.is_relative_to(bundle):
        return BUNDLE_PREFIX + path.relative_to(bundle).as_posix()
    if folder is None:
        return path.as_posix()
    try:
        # Beside the project folder ("../data/x.shp") still moves with a parent folder.
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def _resolve(stored: str, folder: Path, version: int = FORMAT_VERSION) -> Path:
    """A file path read back from a project: ``<bundle>/x`` is GISMap's own data, else relative to ``folder``."""
    # Format 1 could put a folder in front of the marker (a join table's path); format 2 writes it first.
    marker = stored.find(BUNDLE_PREFIX) if version == 1 else (0 if stored.startswith(BUNDLE_PREFIX) else -1)
    if marker >= 0:
        return _embedded_now(bundle_root() / stored[marker + len(BUNDLE_PREFIX):])
    return Path(os.path.normpath(folder / stored))


def _embedded_now(path: Path) -> Path:
    """An embedded file as this GISMap has it: projects of older versions name the sample
    provinces' Shapefiles (``communes_37.shp``), now GeoParquet files like every province's."""
    if not _exists(path) and path.suffix.lower() == ".shp" and _exists(path.with_suffix(".parquet")):
        return path.with_suffix(".parquet")
    return path


def _write(path: Path, payload: dict[str, Any]) -> None:
    try:
        write_text_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise ProjectError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: cannot write the project ({reason}). Choose a folder you can write to."),
            file=str(path), reason=exc.strerror or type(exc).__name__) from None


# A project holds paths, styles and titles: a few kilobytes. Far more is not one, and is not read whole.
PROJECT_MAX_BYTES = 16 * 1024 * 1024


def _read(path: Path) -> dict[str, Any]:
    refuse_special_files(path, ProjectError)
    try:
        size = path.stat().st_size
        if size > PROJECT_MAX_BYTES:
            raise ProjectError(QT_TRANSLATE_NOOP(
                "GismapError", "{file}: {size} bytes, too large for a GISMap project (at most {limit}). Check that "
                "this is the project file."), file=path.name, size=f"{size:,}", limit=f"{PROJECT_MAX_BYTES:,}")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProjectError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: no such project file. Check the path, or pick it again in File > Open."),
            file=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProjectError(QT_TRANSLATE_NOOP("GismapError", "{file}: not a readable GISMap project ({reason})."),
                           file=path.name, reason=_why_unreadable(exc)) from None
    except RecursionError:  # JSON nested thousands deep: no project is
        raise ProjectError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: not a GISMap project (its JSON is nested far too deep)."), file=path.name) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or "document" not in data:
        raise ProjectError(QT_TRANSLATE_NOOP("GismapError", "{file}: not a GISMap project file."), file=path.name)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: the project's format version is not a number from 1 to {newest}."),
            file=path.name, newest=FORMAT_VERSION)
    if version > FORMAT_VERSION:
        raise ProjectError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: saved by a newer GISMap (format {version}). Update GISMap to open it."),
            file=path.name, version=f"{version:,}")
    return data


def _why_unreadable(exc: Exception) -> str:
    """What is wrong with a file that is not JSON, in words (the parser's own text for JSON, which names the line)."""
    if isinstance(exc, UnicodeDecodeError):
        return Message(QT_TRANSLATE_NOOP("GismapError", "its text is not UTF-8"))
    if isinstance(exc, json.JSONDecodeError):
        return Message(QT_TRANSLATE_NOOP("GismapError", "not valid JSON: {reason}, line {line}"),
                       reason=exc.msg, line=exc.lineno)
    return exc.strerror or type(exc).__name__
