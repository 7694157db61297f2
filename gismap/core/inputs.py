"""Input files are never changed: what files make up an input, and outputs refused over them.

A dataset can be several files (a Shapefile's ``.shx``, ``.dbf``, ``.prj``, ``.cpg``; a
GeoPackage's ``-wal`` and ``-shm``), and a path can reach a file through a symbolic link or,
on Windows and macOS, another letter case. :func:`refuse_overwriting` compares the files
themselves (``os.path.samefile``), so none of these ways writes over an input.

SQLite-based inputs (GeoPackage) that come with a write-ahead log (``-wal``) would be
checkpointed by GDAL on reading, changing the file: :func:`readable_path` reads a private
copy of them instead, so the data in the log is read and the input stays byte-identical.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError

# Files that make up one ESRI Shapefile dataset besides the .shp itself (GISMap's own field map included).
SHAPEFILE_SIDECARS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".shp.xml", ".fields.csv")
SQLITE_SUFFIXES = (".gpkg", ".sqlite", ".db")
SQLITE_LOGS = ("-wal", "-journal")  # hold changes not yet in the file itself
SQLITE_SIDECARS = (*SQLITE_LOGS, "-shm")


def dataset_files(path: str | os.PathLike) -> list[Path]:
    """``path`` and every file that belongs to the same dataset (existing or not)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".shp":
        stem = path.with_suffix("")
        files = [path]
        for sidecar in SHAPEFILE_SIDECARS:
            files += [Path(f"{stem}{sidecar}"), Path(f"{stem}{sidecar.upper()}")]
        return files
    if suffix in {s for s in SHAPEFILE_SIDECARS if s.count(".") == 1}:
        return dataset_files(path.with_suffix(".shp"))  # a sidecar given alone stands for its set
    if suffix in SQLITE_SUFFIXES:
        return [path, *(Path(f"{path}{sidecar}") for sidecar in SQLITE_SIDECARS)]
    return [path]


def refuse_special_files(path: str | os.PathLike, error: type[GismapError] = GismapError) -> None:
    """Raise ``error`` when ``path`` or a file of its dataset is a pipe, device or socket (through links).

    Reading one may never end: a FIFO waits for a writer, ``/dev/zero`` has no end. Missing files
    are left to the caller to report.
    """
    for file in dataset_files(path):
        try:
            mode = file.stat().st_mode
        except OSError:
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise error(QT_TRANSLATE_NOOP(
                "GismapError",
                "{file}: not a regular file but a pipe, device or socket, whose reading may never end. Copy its "
                "content into a file and open that."), file=str(file))


def refuse_outside_links(path: str | os.PathLike, error: type[GismapError] = GismapError) -> None:
    """Raise ``error`` when a part of the Shapefile ``path`` (``.dbf``, ``.shx``, ``.prj``, ...) is a symbolic
    link to a file outside the folder of the ``.shp``.

    A Shapefile's parts are copied together; a part linked elsewhere (``X.dbf`` → ``/etc/passwd``)
    would read some other file as the table. Links within the folder (or that of the linked ``.shp``) are kept.
    """
    path = Path(path)
    if path.suffix.lower() != ".shp":
        return
    folders = {path.parent.resolve(), path.resolve().parent}
    for file in dataset_files(path)[1:]:
        if file.is_symlink() and file.resolve().parent not in folders:
            raise error(QT_TRANSLATE_NOOP(
                "GismapError",
                "{file}: the Shapefile part is a link to {target}, outside the folder of {shp}. Copy the real file "
                "beside the .shp, with the same name."), file=file.name, target=str(file.resolve()), shp=path.name)


def sidecar(path: Path, suffix: str) -> Path:
    """``path`` with another suffix, matching the case the files were saved with."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    return path.with_suffix(suffix)


def refuse_overwriting(outputs: Iterable[str | os.PathLike], inputs: Iterable[str | os.PathLike]) -> None:
    """Raise :class:`GismapError` when writing ``outputs`` would replace a file of ``inputs``, or when
    one cannot be written at all (:func:`check_output_path`).

    Each output and each input stands for its whole dataset (see :func:`dataset_files`). Two
    outputs that would write the same file are refused too.
    """
    outputs = [Path(p) for p in outputs]
    for output in outputs:
        check_output_path(output)
    claimed: dict[Path, int] = {}
    for number, output in enumerate(outputs):
        for written in dataset_files(output):
            first = claimed.setdefault(Path(os.path.normcase(written.resolve())), number)
            if first != number:
                raise GismapError(QT_TRANSLATE_NOOP(
                    "GismapError", "{output} and {other} would write the same file; give them different names."),
                    output=output.name, other=outputs[first].name)
    existing_inputs = [file for path in inputs if path is not None for file in dataset_files(path) if file.exists()]
    for output in outputs:
        for written in dict.fromkeys([output, *dataset_files(output)]):  # the named file first
            if not written.exists():
                continue
            for read in existing_inputs:
                if os.path.samefile(written, read):
                    raise GismapError(QT_TRANSLATE_NOOP(
                        "GismapError",
                        "{output} would overwrite {input}, which this map reads. Choose another file name or "
                        "folder for the output."),
                        output=output.name, input=str(read))


def check_output_path(target: str | os.PathLike) -> None:
    """Raise :class:`GismapError` when no file can be written at ``target``: its folder is a file (or is in
    one), the target is a folder, its name is longer than the system allows, or the folder is read-only.
    A folder that is missing is not an error: writing creates it.

    Every atomic write checks first, and :func:`refuse_overwriting` before the work, so it is not done in vain."""
    target = Path(target)
    folder = target.parent
    try:
        _check_output_path(target, folder)
    except OSError as exc:  # a path longer than the system takes, a folder one may not look into
        raise unwritable(target, exc.strerror or type(exc).__name__) from None


def _check_output_path(target: Path, folder: Path) -> None:
    longest = _longest_name(folder)
    if len(os.fsencode(target.name)) > longest:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: the file name is {length} bytes long, longer than this system allows (at most "
            "{limit}). Choose a shorter name."),
            file=_shown_name(target), length=len(os.fsencode(target.name)), limit=longest)
    existing = folder  # a folder that is missing is created: in the nearest one that is there
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: {folder} is a file, not a folder. Choose a folder to write in."),
            file=_shown_name(target), folder=str(existing))
    if target.is_dir():
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: a folder of that name is there. Choose a file name."), file=str(target))
    if not os.access(existing, os.W_OK):
        raise unwritable(target, os.strerror(errno.EACCES))


def _shown_name(target: Path) -> str:
    """The file's name, cut short when it is too long to read in a message."""
    return target.name if len(target.name) <= 80 else target.name[:77] + "…"


def _longest_name(folder: Path) -> int:
    """The longest file name the folder's file system takes, in bytes (255 where it does not say)."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # Windows has no pathconf
        return 255


def unwritable(target: Path, reason: str) -> GismapError:
    """The error for a target whose folder refuses the write, for ``reason`` (the system's words)."""
    return GismapError(QT_TRANSLATE_NOOP(
        "GismapError", "{file}: cannot write in the folder {folder} ({reason}). Choose a folder you can write to."),
        file=_shown_name(target), folder=str(target.parent), reason=reason)


@contextlib.contextmanager
def readable_path(path: Path) -> Iterator[Path]:
    """A path to read ``path`` from without changing it (a private copy of a SQLite file with its log)."""
    logs = [Path(f"{path}{sidecar}") for sidecar in SQLITE_LOGS]
    if path.suffix.lower() not in SQLITE_SUFFIXES or not any(log.exists() for log in logs):
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="gismap-read-"))
    try:
        copy = folder / path.name
        shutil.copyfile(path, copy)
        for log in logs:
            if log.exists():
                shutil.copyfile(log, folder / log.name)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)
