"""Pipes, devices, oversized files and projects holding values no map can hold: a message naming the file, never a hang."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gismap.core.paths import coverage_dir, shapefiles_dir
from ui_helpers import copy_shapefile

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def _gismap(*args, timeout=60) -> subprocess.CompletedProcess:
    """The command in its own process: a regression hangs there, and the timeout fails the test."""
    return subprocess.run([sys.executable, "-m", "gismap.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def test_a_fifo_given_as_a_shapefile_is_refused(tmp_path):
    for suffix in (".shp", ".shx", ".dbf"):
        os.mkfifo(tmp_path / f"xa{suffix}")
    out = _gismap("info", tmp_path / "xa.shp")
    assert out.returncode == 2 and "xa.shp: not a regular file" in out.stderr and "Traceback" not in out.stderr


def test_a_dbf_linked_to_dev_zero_is_refused(tmp_path):
    shp = copy_shapefile("communes_37", tmp_path)
    shp.with_suffix(".dbf").unlink()
    shp.with_suffix(".dbf").symlink_to("/dev/zero")
    out = _gismap("info", shp)
    assert out.returncode == 2 and "communes_37.dbf: not a regular file" in out.stderr


def test_a_fifo_given_as_a_table_or_a_project_is_refused(tmp_path):
    os.mkfifo(tmp_path / "bang.csv")
    out = _gismap("join", shapefiles_dir() / "communes_37.parquet", tmp_path / "bang.csv")
    assert out.returncode == 2 and "bang.csv: not a regular file" in out.stderr
    os.mkfifo(tmp_path / "ban_do.gismap")
    out = _gismap("render", tmp_path / "ban_do.gismap", "--out", tmp_path / "x.png")
    assert out.returncode == 2 and "ban_do.gismap: not a regular file" in out.stderr


def test_a_file_far_larger_than_any_project_is_not_read_whole(tmp_path):
    project = tmp_path / "lon.gismap"
    with project.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    out = _gismap("render", project, "--out", tmp_path / "x.png")
    assert out.returncode == 2 and "too large for a GISMap project" in out.stderr
    assert not (tmp_path / "x.png").exists() and Path(coverage_dir()).is_dir()


def _project_of(tmp_path, change) -> Path:
    from gismap.core.document import default_document
    from gismap.core.project import save_project

    path = tmp_path / "ban_do.gismap"
    save_project(default_document(), path)
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, said", [
    (lambda d: d["document"].update(title="x" * 2_000_000), "title is 2,000,000 characters long"),
    (lambda d: d["document"]["layers"][0].update(name="y" * 5000), "layer name is 5,000 characters long"),
    (lambda d: d["document"]["layers"][0].update(opacity="abc"), "opacity must be a number from 0 to 1"),
    (lambda d: d["document"]["layers"][0].update(opacity=7), "opacity must be a number from 0 to 1"),
])
def test_a_project_with_values_no_map_can_hold_is_refused_quickly(tmp_path, change, said):
    from gismap.core.errors import GismapError
    from gismap.core.project import open_project

    with pytest.raises(GismapError, match=said):
        open_project(_project_of(tmp_path, change))


def test_a_project_nested_far_too_deep_is_refused(tmp_path):
    from gismap.core.errors import GismapError
    from gismap.core.project import open_project

    path = tmp_path / "sau.gismap"
    path.write_text('{"format": "gismap", "version": 2, "document": ' + "[" * 100_000 + "]" * 100_000 + "}",
                    encoding="utf-8")
    with pytest.raises(GismapError, match="nested far too deep"):
        open_project(path)
