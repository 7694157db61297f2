"""Atomic file writes: a write goes to a temporary name beside the target, then is renamed.

A crash or a cancelled export therefore never leaves a half-written file under the
user's chosen name, and an existing file is replaced only once the new one is complete.

Temporary names start with ``.gismap-<pid>-``. A process killed outright (no ``finally``
runs) leaves them behind; the next write into the same folder removes those of processes
that are gone, and finishes a dataset swap that was under way (see :func:`atomic_dataset`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from gismap.core.inputs import dataset_files

log = logging.getLogger(__name__)

TEMP_PREFIX = ".gismap-"
SWAP_JOURNAL = "swap.json"  # in a staging folder: the swap into the target folder has begun


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary name keeps the target's suffix (writers such as GDAL pick the format
    from it). On an exception the temporary file is removed and the target is untouched.
    """
    target = Path(target)
    _prepare_folder(target.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=suffix or target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL refuse to overwrite; let them create it
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in tmp.parent.iterdir():  # with a writer's -journal or -wal
            if leftover.name.startswith(tmp.name):
                leftover.unlink()


@contextlib.contextmanager
def atomic_dataset(target: str | os.PathLike) -> Iterator[Path]:
    """Like :func:`atomic_path` for multi-file datasets (an ESRI Shapefile and its sidecars).

    Yields ``<staging folder>/<target name>``. Once the block succeeds, the files written
    there whose names start with the target's stem and a dot (``.shx``, ``.dbf``, but also
    ``<stem>.fields.csv``) replace the target's whole set: the old set is moved out with the
    main file first and the new one moved in with the main file last, so a reader finds the
    old set, no dataset, or the new set, never a mix. A swap cut short by a killed process
    is finished by the next write into the folder.
    """
    target = Path(target)
    _prepare_folder(target.parent)
    staging = Path(tempfile.mkdtemp(prefix=_temp_prefix(target), dir=target.parent))
    try:
        yield staging / target.name
        new = sorted(p.name for p in staging.iterdir() if p.name.startswith(f"{target.stem}."))
        old = [p.name for p in dataset_files(target) if p.exists()]
        journal = {"target": target.name, "new": new, "old": old}
        (staging / SWAP_JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
        _swap(staging, journal)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_text_atomic(target: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


def write_bytes_atomic(target: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def _temp_prefix(target: Path) -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-{target.stem}."


def _swap(staging: Path, journal: dict) -> None:
    """Move the old set out (main file first) and the new set in (main file last); repeatable."""
    folder, main = staging.parent, journal["target"]
    retired = staging / "old"
    retired.mkdir(exist_ok=True)
    for name in sorted(journal["old"], key=lambda n: n != main):
        # A name whose new file has left the staging folder was already swapped in.
        if (folder / name).exists() and (name not in journal["new"] or (staging / name).exists()):
            os.replace(folder / name, retired / name)
    for name in sorted(journal["new"], key=lambda n: n == main):
        if (staging / name).exists():
            os.replace(staging / name, folder / name)


def _prepare_folder(folder: Path) -> None:
    """Create ``folder``; finish or remove what killed GISMap processes left in it."""
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.iterdir():
        pid = leftover.name[len(TEMP_PREFIX):].partition("-")[0]
        if not leftover.name.startswith(TEMP_PREFIX) or not pid.isdigit() or _process_alive(int(pid)):
            continue
        journal = leftover / SWAP_JOURNAL
        try:
            if journal.is_file():
                swap = json.loads(journal.read_text(encoding="utf-8"))
                _swap(leftover, swap)
                log.info("finished the interrupted write of %s", folder / swap["target"])
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
        except (OSError, ValueError, KeyError) as exc:  # another process may be cleaning too
            log.warning("could not clean up %s: %s", leftover, exc)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
