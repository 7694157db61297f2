"""Test set-up shared by every test module.

Qt runs offscreen, and QSettings/QStandardPaths point into a throw-away folder so tests never
read or write the user's settings, recent files or autosaves.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app opens the sample map instead of asking for a province (gismap.ui.province_dialog).
os.environ["GISMAP_PROVINCE"] = "sample"
_user_dirs = Path(tempfile.mkdtemp(prefix="gismap-tests-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[variable] = str(_user_dirs / variable.lower())

NATIONAL_COMMUNES = Path(__file__).resolve().parents[2] / "shared/data/boundaries/communes_vn_2025.gpkg"


@pytest.fixture(scope="session")
def national_communes_path() -> Path:
    """The full-detail national layer of ../shared (present in CI); skips where absent."""
    if not NATIONAL_COMMUNES.exists():
        pytest.skip("national layer ../shared/data/boundaries/communes_vn_2025.gpkg not present")
    return NATIONAL_COMMUNES


@pytest.fixture(autouse=True)
def _no_blocking_project_questions(monkeypatch):
    """A window closed by a test must never wait on the modal "save changes?" question.

    Tests of the questions themselves pass scripted ProjectDialogs subclasses, unaffected here.
    """
    from gismap.ui.project_io import ProjectDialogs

    monkeypatch.setattr(ProjectDialogs, "save_changes", lambda self, parent: "discard")
    monkeypatch.setattr(ProjectDialogs, "recover", lambda self, parent, recovery: False)
