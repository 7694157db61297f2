"""No network request because of a file's content: GDAL and PROJ are kept to local files.

GDAL follows web addresses found inside data: a GeoJSON ``crs`` member of type ``link``
is fetched, a VRT may name a ``/vsicurl/`` source, a GML file its schema. GISMap reads
local files only, so :func:`forbid_network` (run once, when GDAL is first used):

- installs a GDAL HTTP fetch callback (``CPLHTTPSetFetchCallback``, GDAL's documented hook
  for handling every ``CPLHTTPFetch``) that answers each request with an error without
  sending it;
- refuses every ``/vsicurl/`` family path (``CPL_VSIL_CURL_ALLOWED_FILENAME`` set to a name
  no URL has);
- turns network access (grid downloads) off in PROJ, both pyproj's and the copy GDAL uses.

A refused address is logged, so a user can see what a file asked for. Where GDAL's library
cannot be found (a GDAL built without the hook), a warning says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache
from pathlib import Path

import pyogrio
import pyproj.network

log = logging.getLogger(__name__)

REFUSAL = b"GISMap reads local files only: network access from a data file is refused"


class _HTTPResult(ctypes.Structure):
    """GDAL's ``CPLHTTPResult`` (cpl_http.h)."""

    _fields_ = [
        ("nStatus", ctypes.c_int),
        ("pszContentType", ctypes.c_void_p),
        ("pszErrBuf", ctypes.c_void_p),
        ("nDataLen", ctypes.c_int),
        ("nDataAlloc", ctypes.c_int),
        ("pabyData", ctypes.c_void_p),
        ("papszHeaders", ctypes.c_void_p),
        ("nMimePartCount", ctypes.c_int),
        ("pasMimePart", ctypes.c_void_p),
    ]


_FETCH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p,
                                   ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


_keep_alive: list = []


@cache
def forbid_network() -> bool:
    """Keep GDAL and PROJ off the network; True when GDAL's fetch hook could be installed."""
    pyogrio.set_gdal_config_options({"CPL_VSIL_CURL_ALLOWED_FILENAME": "gismap-reads-local-files-only"})
    pyproj.network.set_network_enabled(False)
    library = _gdal_library()
    if library is None:
        log.warning("GDAL library not found: its HTTP requests cannot be refused")
        return False
    library.CPLCalloc.restype = ctypes.c_void_p
    library.CPLCalloc.argtypes = [ctypes.c_size_t, ctypes.c_size_t]
    library.CPLStrdup.restype = ctypes.c_void_p
    library.CPLStrdup.argtypes = [ctypes.c_char_p]
    library.CPLHTTPSetFetchCallback.argtypes = [_FETCH_CALLBACK, ctypes.c_void_p]
    library.OSRSetPROJEnableNetwork.argtypes = [ctypes.c_int]
    library.OSRSetPROJEnableNetwork(0)

    def refuse(url, *_):
        # Allocated by GDAL, since GDAL frees it (CPLHTTPDestroyResult). Never raises: a NULL
        # answer would make GDAL send the request itself.
        result = _HTTPResult.from_address(library.CPLCalloc(1, ctypes.sizeof(_HTTPResult)))
        result.nStatus = 1
        result.pszErrBuf = library.CPLStrdup(REFUSAL)
        try:
            log.warning("refused a network request from a data file: %s", (url or b"").decode("utf-8", "replace"))
        except Exception:  # noqa: BLE001 - logging must not turn a refusal into a request
            pass
        return ctypes.addressof(result)

    callback = _FETCH_CALLBACK(refuse)
    library.CPLHTTPSetFetchCallback(callback, None)
    _keep_alive.append(callback)  # GDAL holds a bare pointer to it
    return True


def _gdal_library() -> ctypes.CDLL | None:
    """The GDAL that pyogrio uses: bundled in its wheel (Linux, macOS, Windows), else the one its
    extension module links (symbols are looked up through its dependencies), else the system's."""
    import pyogrio._io

    package = Path(pyogrio.__file__).parent
    bundled = sorted([*package.parent.glob("pyogrio.libs/*gdal*"), *package.glob(".dylibs/*gdal*"),
                      *package.parent.glob("pyogrio.libs/gdal*.dll"), *package.glob("*gdal*.dll")])
    for candidate in [*map(str, bundled), pyogrio._io.__file__, ctypes.util.find_library("gdal")]:
        if not candidate:
            continue
        try:
            library = ctypes.CDLL(candidate)
            library.CPLHTTPSetFetchCallback  # noqa: B018 - GDAL >= 3.2
            library.OSRSetPROJEnableNetwork  # noqa: B018 - GDAL >= 3.4
            return library
        except (OSError, AttributeError):
            continue
    return None
