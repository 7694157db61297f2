"""Progress and cancel reach the work itself: reading, recipes and exports stop and write nothing."""

from __future__ import annotations

import io

import pytest

from gismap.core.document import MapDocument, MapLayer, Style
from gismap.core.export import export_layer
from gismap.core.feedback import Canceled, Feedback, TerminalFeedback
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.recipe import JoinStep
from gismap.render.output import render_map


class CancelAt(Feedback):
    """Records the progress it hears and cancels once it passes ``at``."""

    def __init__(self, at: float) -> None:
        super().__init__()
        self.at, self.heard = at, []

    def set_progress(self, fraction: float, text: str = "") -> None:
        self.heard.append(fraction)
        if fraction >= self.at:
            self.cancel()


def _layer(**kwargs) -> MapLayer:
    return MapLayer(name="Ninh Bình", source=shapefiles_dir() / "communes_37.parquet", **kwargs)


def test_loading_reports_progress_and_stops_between_recipe_steps():
    table = coverage_dir() / "coverage_2025_by_code.csv"
    layer = _layer(recipe=[JoinStep(table=table), JoinStep(table=table)])
    feedback = CancelAt(0.75)  # the second join starts at 0.75 of the whole load
    with pytest.raises(Canceled):
        layer.load(check_geometry=False, feedback=feedback)
    assert layer.data is None
    assert feedback.heard == sorted(feedback.heard) and max(feedback.heard) >= 0.75
    done = Feedback()
    layer.load(check_geometry=False, feedback=done)  # a later load is not cancelled by the first
    assert "population_coverage_2025_by_code" in layer.data.frame


@pytest.mark.parametrize("name", ["out.gpkg", "out.shp", "out.csv", "out.xlsx", "map.png", "map.html"])
def test_a_cancelled_export_writes_nothing(tmp_path, name):
    layer = _layer(style=Style(column="area_km2"))
    layer.load(check_geometry=False)
    feedback = CancelAt(0.0)
    with pytest.raises(Canceled):
        if name.startswith("map"):
            document = MapDocument()
            document.add_layer(layer)
            render_map(document, tmp_path / name, size=(300, 200), feedback=feedback)
        else:
            export_layer(layer.data.frame, tmp_path / name, feedback=feedback)
    assert list(tmp_path.iterdir()) == []


def test_parts_map_their_progress_into_the_whole():
    whole = CancelAt(2.0)
    whole.part(0.5, 1.0).part(0.0, 0.5).set_progress(1.0)
    assert whole.heard == [0.75]
    whole.part(0.2, 0.4).cancel()
    assert whole.is_canceled()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_command_draws_a_bar_on_a_terminal_and_nothing_when_piped():
    terminal, piped = _Terminal(), io.StringIO()
    for stream in (terminal, piped):
        bar = TerminalFeedback(stream)
        bar.set_progress(1.0, "communes_37.shp")
        bar.close()
    assert "[" + "#" * TerminalFeedback.WIDTH + "] 100% communes_37.shp" in terminal.getvalue()
    assert piped.getvalue() == ""


def test_a_cancel_reaches_the_reading_of_a_steps_table_and_site_list(monkeypatch):
    from gismap.core import layers, tables
    from gismap.core.recipe import SiteCountStep

    heard = []

    def reading(path, *args, feedback=None, **kwargs):  # stands for a long read: the user cancels meanwhile
        whole.cancel()
        assert feedback is not None, "the read was given no feedback: a cancel could not reach it"
        heard.append(feedback.is_canceled())
        feedback.check()
        raise AssertionError("the read's feedback did not hear the cancel")

    monkeypatch.setattr(tables, "read_table", reading)
    monkeypatch.setattr(layers, "read_layer", reading)
    for step in (JoinStep(table=coverage_dir() / "coverage_2025_by_code.csv"),
                 SiteCountStep(sites=coverage_dir() / "tram_5g_mau.csv", column="so_tram")):
        whole = Feedback()
        with pytest.raises(Canceled):
            _layer(recipe=[step]).load(check_geometry=False, feedback=whole)
    assert heard == [True, True]
