"""The cyclic collector is paused while a site list's points are made, and only then."""

from __future__ import annotations

import contextlib
import gc
import threading

import numpy as np
import pytest

from gismap.core.collector import collector_paused
from gismap.core.layers import read_layer


@pytest.fixture
def collections():
    """Generations of the collections that start while the test runs."""
    started: list[int] = []

    def record(phase, info):
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(record)
    yield started
    gc.callbacks.remove(record)


def _site_list(path, count=300_000):
    rng = np.random.default_rng(5)
    rows = "\n".join(f"T{i};{x:.5f};{y:.5f}" for i, (x, y) in
                     enumerate(zip(rng.uniform(102.2, 109.4, count), rng.uniform(8.6, 23.3, count))))
    path.write_text("Mã trạm;Kinh độ;Vĩ độ\n" + rows + "\n", encoding="utf-8")
    return path


def test_reading_a_large_site_list_runs_no_full_collection(tmp_path, collections, monkeypatch):
    from gismap.core import sites as site_lists

    sites = _site_list(tmp_path / "tram.csv")
    with monkeypatch.context() as unpaused:  # the same reading with the collector running
        unpaused.setattr(site_lists, "collector_paused", contextlib.nullcontext)
        read_layer(sites, check_geometry=False)
    assert 2 in collections, "the reading should trigger full collections unpaused, else this test proves nothing"
    collections.clear()
    layer = read_layer(sites, check_geometry=False)
    assert len(layer.frame) == 300_000
    assert 2 not in collections
    assert gc.isenabled()


def test_pauses_nest_across_threads_and_respect_a_callers_own_disable():
    entered, release = threading.Event(), threading.Event()

    def reader():
        with collector_paused():
            entered.set()
            release.wait(5)

    other = threading.Thread(target=reader)
    with collector_paused():
        other.start()
        entered.wait(5)
    assert not gc.isenabled()  # the other reader is still inside
    release.set()
    other.join()
    assert gc.isenabled()

    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_runs_again_after_a_failed_read(tmp_path):
    broken = tmp_path / "hong.shp"
    broken.write_bytes(b"not a shapefile")
    with pytest.raises(Exception):
        read_layer(broken)
    assert gc.isenabled()
