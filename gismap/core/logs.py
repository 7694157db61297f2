"""Where GISMap's log goes: a rotating file in the user's data folder, and stderr.

Every module logs through :mod:`logging` under the ``gismap`` logger. :func:`configure`
(called once by the window and by the ``gismap`` command) sends records of level INFO and
above to ``<data folder>/logs/gismap.log`` (rotated at 1 MB, five files kept) and warnings
to stderr; ``verbose`` sends everything to stderr. The data folder is the one QGIS users
know from every desktop program: ``%LOCALAPPDATA%\\GISMap`` on Windows,
``~/Library/Application Support/GISMap`` on macOS, ``$XDG_DATA_HOME/GISMap`` (by default
``~/.local/share/GISMap``) elsewhere.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

LOGGER = "gismap"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def user_data_dir() -> Path:
    """GISMap's folder for the user's data (logs, autosaves) on this system."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "GISMap"


def log_file() -> Path:
    return user_data_dir() / "logs" / "gismap.log"


def configure(verbose: bool = False) -> Path | None:
    """Log to the rotating file and to stderr (see the module); returns the file, None if it cannot be written."""
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if getattr(h, "gismap", False)]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter(_FORMAT if verbose else "gismap: %(message)s"))
    if not verbose:  # a failure's traceback is for the file; the command says what happened in one line
        console.addFilter(lambda record: not record.exc_info)
    handlers: list[logging.Handler] = [console]
    path: Path | None = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:  # a read-only home: the log goes to stderr only
        problem, path = exc, None
    else:
        file.setLevel(logging.INFO)
        file.setFormatter(logging.Formatter(_FORMAT))
        handlers.append(file)
    for handler in handlers:
        handler.gismap = True
        logger.addHandler(handler)
    if path is None:
        logger.warning("cannot write the log file %s (%s)", log_file(), problem.strerror)
    return path
