"""Atomic file writes: a write goes to a temporary name beside the target, then is renamed.

A crash or a cancelled export therefore never leaves a half-written file under the
user's chosen name, and an existing file is replaced only once the new one is complete.

Temporary names are ``.gismap-<host>-<pid>-<stem>.<random>``. A process killed outright (no
``finally`` runs) leaves them behind; the next write into the same folder from this computer
removes those of its processes that are gone, and finishes a dataset swap that was under way
(see :func:`atomic_dataset`). Nothing else is touched: a name that does not match exactly,
another computer's temporaries (a shared folder) and a swap journal that names anything but
plain files of one dataset are left alone.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from gismap.core.inputs import check_output_path, dataset_files, unwritable

log = logging.getLogger(__name__)

SWAP_JOURNAL = "swap.json"  # in a staging folder: the swap into the target folder has begun
RETIRED = "old"  # in a staging folder: the files of the set being replaced
_HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "host"
_TEMPORARY_STEM = 100  # characters of the target's stem in a temporary name
_TEMPORARY = re.compile(r"\.gismap-(?P<host>[A-Za-z0-9]{1,32})-(?P<pid>[0-9]{1,10})-.+")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary name keeps the target's suffix (writers such as GDAL pick the format
    from it). On an exception the temporary file is removed and the target is untouched.
    A target that cannot be written (see :func:`~gismap.core.inputs.check_output_path`) is a
    :class:`~gismap.core.errors.GismapError`.
    """
    target = Path(target)
    check_output_path(target)
    try:
        _prepare_folder(target.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=suffix or target.suffix, dir=target.parent)
    except OSError as exc:  # a read-only file system, a full disk, a folder root may not write in either (/sys)
        raise unwritable(target, exc.strerror or type(exc).__name__) from None
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL refuse to overwrite; let them create it
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with _signals_held():
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
    old set, no dataset, or the new set, never a mix. Signals wait until the swap is done; a
    swap that fails (a file held open by another program) is undone, so the old set is back.
    A swap cut short by a killed process is finished by the next write into the folder.
    """
    target = Path(target)
    check_output_path(target)
    try:
        _prepare_folder(target.parent)
        staging = Path(tempfile.mkdtemp(prefix=_temp_prefix(target), dir=target.parent))
    except OSError as exc:
        raise unwritable(target, exc.strerror or type(exc).__name__) from None
    try:
        yield staging / target.name
        journal = {"target": target.name,
                   "new": sorted(p.name for p in staging.iterdir() if p.name.startswith(f"{target.stem}.")),
                   "old": _existing_set(target)}
        written = staging / f"{SWAP_JOURNAL}.part"
        written.write_text(json.dumps(journal), encoding="utf-8")
        os.replace(written, staging / SWAP_JOURNAL)
        with _signals_held():  # until the staging folder is gone too: a signal handled there would leave it
            try:
                _swap(staging, journal)
            except BaseException:
                _undo_swap(staging, journal)
                raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
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


def _temp_prefix(target: Path, pid: int | None = None) -> str:
    # The stem is cut short: with the prefix and the random part, a name the system takes could grow past its limit.
    return f".gismap-{_HOST}-{os.getpid() if pid is None else pid}-{target.stem[:_TEMPORARY_STEM]}."


def _existing_set(target: Path) -> list[str]:
    """Names of the target's dataset files that exist, each file once (``a.shx`` and ``a.SHX`` are
    one file where case is ignored)."""
    found: list[Path] = []
    for path in dataset_files(target):
        if path.exists() and not any(os.path.samefile(path, other) for other in found):
            found.append(path)
    return [path.name for path in found]


def _swap(staging: Path, journal: dict) -> None:
    """Move the old set out (main file first) and the new set in (main file last); repeatable."""
    folder, main = staging.parent, journal["target"]
    retired = staging / RETIRED
    retired.mkdir(exist_ok=True)
    new = {name.lower() for name in journal["new"]}
    for name in sorted(journal["old"], key=lambda n: n != main):
        # A name whose new file has left the staging folder was already swapped in.
        if (folder / name).exists() and (name.lower() not in new or _in_folder(staging, name)):
            os.replace(folder / name, retired / name)
    for name in sorted(journal["new"], key=lambda n: n == main):
        if (staging / name).exists():
            os.replace(staging / name, folder / name)


def _undo_swap(staging: Path, journal: dict) -> None:
    """Put the old set back after a failed swap: new files out (main first), old ones in (main last)."""
    folder, main = staging.parent, journal["target"]
    for name in sorted(journal["new"], key=lambda n: n != main):
        if not (staging / name).exists() and (folder / name).exists():
            os.replace(folder / name, staging / name)
    for name in sorted(journal["old"], key=lambda n: n == main):
        if (staging / RETIRED / name).exists():
            os.replace(staging / RETIRED / name, folder / name)


def _in_folder(folder: Path, name: str) -> bool:
    """Whether ``folder`` holds ``name`` as written (a case-insensitive file system would say yes to any case)."""
    return name in os.listdir(folder)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl+C and termination until the block ends (POSIX, main thread), so a swap is not cut short."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _prepare_folder(folder: Path) -> None:
    """Create ``folder``; finish or remove what killed GISMap processes of this computer left in it."""
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.iterdir():
        match = _TEMPORARY.fullmatch(leftover.name)
        if match is None or match["host"] != _HOST or _process_alive(pid := int(match["pid"])):
            continue
        try:
            journal = _valid_journal(leftover, pid) if leftover.is_dir() else None
            if journal is not None:
                _swap(leftover, journal)
                log.info("finished the interrupted write of %s", folder / journal["target"])
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
        except OSError as exc:  # another process may be cleaning too
            log.warning("could not clean up %s: %s", leftover, exc)


def _valid_journal(staging: Path, pid: int) -> dict | None:
    """The swap journal of a staging folder, if it describes plain files of its own dataset."""
    try:
        journal = json.loads((staging / SWAP_JOURNAL).read_text(encoding="utf-8"))
        target, new, old = journal["target"], list(journal["new"]), list(journal["old"])
    except (OSError, ValueError, KeyError, TypeError):  # no journal (the writing was not finished) or not ours
        return None
    if not isinstance(target, str) or not staging.name.startswith(_temp_prefix(Path(target), pid)):
        return None
    stem = Path(target).stem
    if not all(isinstance(n, str) and n == Path(n).name and n.startswith(f"{stem}.") for n in [target, *new, *old]):
        return None
    return {"target": target, "new": new, "old": old}


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() != 87  # ERROR_INVALID_PARAMETER: no such process; else not ours
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
    except OverflowError:  # a number no process has
        return False
    return True
