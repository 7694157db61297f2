"""Atomic file writes: a write goes to a temporary file beside the target, then is renamed.

A crash or a cancelled export therefore never leaves a half-written file under the
user's chosen name, and an existing file is replaced only once the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Files that make up one ESRI Shapefile dataset besides the .shp itself.
SHAPEFILE_SIDECARS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary name keeps the target's suffix (writers such as GDAL pick the format
    from it). On an exception the temporary file is removed and the target is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=suffix or target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL refuse to overwrite; let them create it
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextlib.contextmanager
def atomic_dataset(target: str | os.PathLike) -> Iterator[Path]:
    """Like :func:`atomic_path` for multi-file datasets (an ESRI Shapefile and its sidecars).

    Yields a path ``<tmpdir>/<target name>``; every file written next to it whose name starts
    with the target's stem and a dot (``.shx``, ``.dbf``, but also ``<stem>.fields.csv``) is
    moved beside ``target`` once the block succeeds.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{target.stem}.", dir=target.parent))
    try:
        yield tmpdir / target.name
        for written in sorted(tmpdir.iterdir()):
            if written.name.startswith(f"{target.stem}."):
                os.replace(written, target.parent / written.name)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def write_text_atomic(target: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


def write_bytes_atomic(target: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
