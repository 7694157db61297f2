"""Where GISMap finds the data it ships: the source tree, or the copy inside an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


@cache
def bundle_root() -> Path:
    """Folder holding ``data/``, ``layers/`` and ``resources/``.

    An installed wheel carries them in ``gismap/_bundled``; a source checkout (editable
    install, ``make run``) has them at the repository root.
    """
    bundled = _PACKAGE / "_bundled"
    return bundled if bundled.is_dir() else _PACKAGE.parent


def data_dir() -> Path:
    return bundle_root() / "data"


def shapefiles_dir() -> Path:
    return data_dir() / "shapefiles"


def coverage_dir() -> Path:
    return data_dir() / "coverage"


def layers_dir() -> Path:
    return bundle_root() / "layers"


def resources_dir() -> Path:
    return bundle_root() / "resources"


# Shown in the About box, on every exported map's source line and in data/README.md.
BOUNDARY_ATTRIBUTION = (
    "Ranh giới hành chính 2025: vietnamese-provinces-database (MIT), "
    "nguồn Bản đồ đơn vị hành chính – bando.com.vn"
)
# Shown in the About box and on a joined table's report when it was converted from legacy units.
CROSSWALK_ATTRIBUTION = "Bảng chuyển đổi đơn vị hành chính 2025 – Cục Thống kê (National Statistics Office of Viet Nam)"
