"""Project files: save/open round trip, relative paths, repair of moved files, recent list,
autosave and crash recovery, and the Qt controller driven with scripted dialogs."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gismap.core import project as projects
from gismap.core.document import MapDocument, MapLayer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.recipe import JoinStep, SiteCountStep
from gismap.ui.project_io import ProjectController
from ui_helpers import ScriptedDialogs, copy_shapefile

def make_document(sources: list[Path]) -> MapDocument:
    document = MapDocument(title="Hạ tầng số", subtitle="2025")
    for source in sources:
        document.add_layer(MapLayer(name=source.stem, source=source))
    document.restyle(document.layers[0], column="area_km2", scheme="natural_breaks", k=4, cmap="OrRd")
    document.update_layer(document.layers[-1], visible=False, opacity=0.5)
    document.set_extent((105.5, 20.0, 106.2, 20.6))
    return document


def test_round_trip_keeps_layers_styles_extent_and_title(tmp_path):
    document = make_document([shapefiles_dir() / "communes_37.parquet", copy_shapefile("communes_38", tmp_path / "data")])
    document.layers[1].recipe = [JoinStep(table=tmp_path / "data" / "coverage.csv", key="code")]
    shutil.copy(coverage_dir() / "coverage_2025_by_code.csv", tmp_path / "data" / "coverage.csv")
    path = projects.save_project(document, tmp_path / "plan")
    assert path.name == "plan.gismap"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format"] == "gismap-project" and saved["version"] == projects.FORMAT_VERSION
    assert [layer["source"] for layer in saved["document"]["layers"]] == [
        "<bundle>/data/shapefiles/communes_37.parquet", "data/communes_38.shp"]
    assert saved["document"]["layers"][1]["recipe"][0]["table"] == "data/coverage.csv"

    opened, missing = projects.open_project(path)
    assert missing == []
    assert opened == document
    assert opened.title == "Hạ tầng số" and opened.extent == (105.5, 20.0, 106.2, 20.6)
    assert opened.layers[0].style.scheme == "natural_breaks" and opened.layers[0].style.k == 4
    joined = opened.layers[1].load().frame  # the join is replayed on load
    assert len(joined) == 166 and joined["fiber_hamlet_pct"].notna().all()


def test_a_project_of_an_older_gismap_finds_the_sample_provinces_in_their_new_format(tmp_path):
    path = projects.save_project(make_document([shapefiles_dir() / "communes_37.parquet"]), tmp_path / "old.gismap")
    saved = path.read_text(encoding="utf-8")
    # Older versions embedded the sample provinces as Shapefiles.
    path.write_text(saved.replace("communes_37.parquet", "communes_37.shp"), encoding="utf-8")
    assert "<bundle>/data/shapefiles/communes_37.shp" in path.read_text(encoding="utf-8")
    opened, missing = projects.open_project(path)
    assert missing == [] and opened.layers[0].source == shapefiles_dir() / "communes_37.parquet"


def test_relative_paths_survive_moving_the_folder(tmp_path):
    source = copy_shapefile("communes_37", tmp_path / "before" / "data")
    projects.save_project(make_document([source]), tmp_path / "before" / "plan.gismap")
    (tmp_path / "before").rename(tmp_path / "after")
    opened, missing = projects.open_project(tmp_path / "after" / "plan.gismap")
    assert missing == []
    assert opened.layers[0].source == tmp_path / "after" / "data" / "communes_37.shp"


def test_moved_files_are_reported_and_relocated_together(tmp_path):
    sources = [copy_shapefile(name, tmp_path / "old") for name in ("communes_37", "communes_38", "communes_31")]
    path = projects.save_project(make_document(sources), tmp_path / "project" / "plan.gismap")
    (tmp_path / "old").rename(tmp_path / "new")
    (tmp_path / "new" / "communes_31.shp").unlink()  # this one is really gone

    opened, missing = projects.open_project(path)
    assert [(m.layer_name, m.expected) for m in missing] == [
        (name, tmp_path / "old" / f"{name}.shp") for name in ("communes_37", "communes_38", "communes_31")]
    remaining = projects.relocate(missing[0], tmp_path / "new" / "communes_37.shp", missing)
    assert [m.layer_name for m in remaining] == ["communes_31"]
    assert opened.layers[1].source == tmp_path / "new" / "communes_38.shp"
    assert len(opened.layers[1].load().frame) == 166
    with pytest.raises(projects.ProjectError, match="no such file"):
        projects.relocate(remaining[0], tmp_path / "nowhere.shp")


def test_not_a_project_is_a_clear_error(tmp_path):
    (tmp_path / "x.gismap").write_text("{}", encoding="utf-8")
    with pytest.raises(projects.ProjectError, match="not a GISMap project"):
        projects.open_project(tmp_path / "x.gismap")
    with pytest.raises(projects.ProjectError, match="no such project"):
        projects.open_project(tmp_path / "missing.gismap")


def test_recent_projects_most_recent_first_at_most_ten(tmp_path):
    store: dict = {}
    recent = projects.RecentProjects(store)
    for i in range(12):
        recent.add(tmp_path / f"p{i}.gismap")
    recent.add(tmp_path / "p5.gismap")
    assert [p.name for p in recent.paths()] == ["p5.gismap", "p11.gismap", "p10.gismap", "p9.gismap",
                                                "p8.gismap", "p7.gismap", "p6.gismap", "p4.gismap",
                                                "p3.gismap", "p2.gismap"]
    recent.remove(tmp_path / "p11.gismap")
    assert len(recent.paths()) == 9


def test_autosave_newer_than_project_is_offered(tmp_path):
    folder = tmp_path / "autosave"
    project_path = projects.save_project(make_document([shapefiles_dir() / "communes_37.parquet"]), tmp_path / "a.gismap")
    changed = make_document([shapefiles_dir() / "communes_37.parquet"])
    changed.set_title("Changed after saving")
    autosave = projects.write_autosave(changed, folder, project_path)
    assert autosave == projects.autosave_path(project_path, folder)
    assert autosave != projects.autosave_path(tmp_path / "other" / "a.gismap", folder)
    os.utime(project_path, (time.time() - 60,) * 2)

    recovery = projects.find_recovery(folder)
    assert recovery.project == project_path.resolve()
    recovered, missing = recovery.open()
    assert recovered.title == "Changed after saving" and missing == []

    os.utime(project_path, (time.time() + 60,) * 2)  # saved after the autosave: stale
    assert projects.find_recovery(folder) is None
    assert not autosave.exists()


def test_untitled_autosave_is_offered_and_discarded(tmp_path):
    autosave = projects.write_autosave(MapDocument(title="Never saved"), tmp_path)
    assert projects.find_recovery(tmp_path).project is None
    projects.discard_autosave(autosave)
    assert projects.find_recovery(tmp_path) is None


# -- the Qt controller, with scripted dialogs -------------------------------------------------

class Window:
    """What the main window gives the controller: the current document and a setter."""

    def __init__(self, document):
        self.document = document


@pytest.fixture
def controller(qtbot, tmp_path):
    window = Window(make_document([shapefiles_dir() / "communes_37.parquet"]))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialogs = ScriptedDialogs()
    controller = ProjectController(None, lambda: window.document, lambda d: setattr(window, "document", d),
                                   settings=settings, autosave_folder=tmp_path / "autosave", dialogs=dialogs)
    controller.window_stub = window
    return controller


def test_controller_save_as_then_open_recent(controller, tmp_path):
    window, dialogs = controller.window_stub, controller.dialogs
    assert not controller.modified
    window.document.set_title("Edited")
    assert controller.modified
    dialogs.paths = [tmp_path / "plan.gismap"]
    assert controller.save()  # untitled: asks where
    assert controller.project_path == tmp_path / "plan.gismap" and not controller.modified
    controller.fill_recent_menu()
    recent_actions = [a for a in controller.recent_menu.actions() if a.text() == "plan.gismap"]
    assert len(recent_actions) == 1

    window.document = MapDocument(title="Something else")
    controller.adopt(window.document, None)
    recent_actions[0].trigger()
    assert window.document.title == "Edited"
    assert window.document.layers[0].source == shapefiles_dir() / "communes_37.parquet"


def test_controller_asks_before_discarding_changes(controller, tmp_path):
    window, dialogs = controller.window_stub, controller.dialogs
    path = projects.save_project(MapDocument(title="Other"), tmp_path / "other.gismap")
    window.document.set_title("Unsaved")
    dialogs.answers = ["cancel"]
    assert not controller.open_project(path)
    assert window.document.title == "Unsaved"
    dialogs.answers = ["discard"]
    assert controller.open_project(path)
    assert window.document.title == "Other"


def test_controller_repairs_moved_files_on_open(controller, tmp_path):
    window, dialogs = controller.window_stub, controller.dialogs
    sources = [copy_shapefile(name, tmp_path / "old") for name in ("communes_37", "communes_38", "communes_31")]
    path = projects.save_project(make_document(sources), tmp_path / "plan.gismap")
    (tmp_path / "old").rename(tmp_path / "new")
    (tmp_path / "new" / "communes_31.shp").unlink()
    dialogs.paths = [tmp_path / "new" / "communes_37.shp", None]  # locate the first, give up the lost one
    assert controller.open_project(path)
    assert dialogs.asked == ["locate communes_37", "locate communes_31"]
    assert [layer.name for layer in window.document.layers] == ["communes_37", "communes_38"]
    assert all(layer.source.parent == tmp_path / "new" for layer in window.document.layers)
    assert controller.modified  # the repaired document differs from its file


def test_a_missing_table_or_site_list_is_left_out_and_the_layer_still_loads(controller, tmp_path):
    window, dialogs = controller.window_stub, controller.dialogs
    source = copy_shapefile("communes_37", tmp_path)
    for name in ("coverage_2025_by_code.csv", "tram_5g_mau.csv"):
        shutil.copy(coverage_dir() / name, tmp_path / name)
    document = MapDocument()
    layer = document.add_layer(MapLayer(name="Ninh Bình", source=source,
                                        recipe=[JoinStep(table=tmp_path / "coverage_2025_by_code.csv")]))
    layer.load()
    document.count_sites(layer, "so_tram", MapLayer("Trạm 5G", tmp_path / "tram_5g_mau.csv"))
    path = projects.save_project(document, tmp_path / "plan.gismap")
    (tmp_path / "coverage_2025_by_code.csv").unlink()
    (tmp_path / "tram_5g_mau.csv").rename(tmp_path / "tram_moved.csv")
    opened, missing = projects.open_project(path)
    assert [(m.role, m.expected.name) for m in missing] == [("join", "coverage_2025_by_code.csv"),
                                                           ("site_count", "tram_5g_mau.csv")]
    dialogs.paths = [None, tmp_path / "tram_moved.csv"]  # keep without the table; locate the site list
    assert controller.open_project(path)
    [reopened] = window.document.layers
    assert reopened.recipe == [SiteCountStep(column="so_tram", sites=tmp_path / "tram_moved.csv")]
    frame = reopened.load().frame
    assert "population" not in frame and frame["so_tram"].sum() == layer.data.frame["so_tram"].sum()


def test_controller_autosave_and_recovery_after_crash(qtbot, controller, tmp_path):
    window, dialogs = controller.window_stub, controller.dialogs
    controller.autosave()
    assert projects.find_recovery(controller.autosave_folder) is None  # nothing changed
    window.document.set_title("Work in progress")
    controller.autosave()
    # A new session after a crash: the autosave is offered and accepted.
    other = Window(MapDocument())
    restarted = ProjectController(None, lambda: other.document, lambda d: setattr(other, "document", d),
                                  settings=QSettings(str(tmp_path / "s2.ini"), QSettings.Format.IniFormat),
                                  autosave_folder=controller.autosave_folder, dialogs=dialogs)
    dialogs.answers = [True]
    assert restarted.offer_recovery()
    assert other.document.title == "Work in progress" and restarted.modified
    dialogs.answers = ["discard"]  # a clean exit without saving leaves nothing to recover
    assert restarted.close()
    assert projects.find_recovery(controller.autosave_folder) is None


def test_one_dialog_lists_every_missing_file_and_one_located_file_finds_the_rest(qtbot, tmp_path):
    from gismap.ui.repair_dialog import RepairDialog

    data = tmp_path / "data"
    source = copy_shapefile("communes_37", data)
    for name in ("coverage_2025_by_code.csv", "tram_5g_mau.csv"):
        shutil.copy(coverage_dir() / name, data / name)
    document = MapDocument()
    document.add_layer(MapLayer(name="Ninh Bình", source=source, recipe=[
        JoinStep(table=data / "coverage_2025_by_code.csv"), SiteCountStep(column="so_tram", sites=data / "tram_5g_mau.csv")]))
    document.add_layer(MapLayer(name="Khác", source=copy_shapefile("communes_38", tmp_path / "other")))
    path = projects.save_project(document, tmp_path / "p.gismap")
    data.rename(tmp_path / "moved")
    shutil.rmtree(tmp_path / "other")
    opened, missing = projects.open_project(path)
    repair = projects.Repair(opened, missing)
    asked = []
    dialog = RepairDialog(repair, lambda parent, item: asked.append(item.expected.name) or tmp_path / "moved" / item.expected.name)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 4 and [dialog.status(row) for row in range(4)] == ["Missing"] * 4
    dialog.locate(0)  # the layer file: its table and site list moved with it
    assert asked == ["communes_37.shp"]
    assert [dialog.status(row) for row in range(4)] == ["Found", "Found", "Found", "Missing"]
    assert dialog.table.item(0, 2).text().endswith("data/communes_37.shp")  # where it was
    assert dialog.table.item(0, 3).toolTip().endswith("moved/communes_37.shp")  # where it is
    dialog.leave_out(3)
    assert dialog.status(3) == "Left out" and not dialog.locate_button.isEnabled()
    repair.finish()
    assert [layer.name for layer in opened.layers] == ["Ninh Bình"]
    assert projects.missing_sources(opened) == []
    assert opened.layers[0].load().frame["so_tram"].sum() > 0


def test_a_project_with_every_file_in_place_opens_without_a_question(controller, tmp_path):
    window, dialogs = controller.window_stub, controller.dialogs
    path = projects.save_project(make_document([shapefiles_dir() / "communes_37.parquet"]), tmp_path / "ok.gismap")
    dialogs.repair = lambda parent, repair: pytest.fail("no file is missing: nothing to repair")
    assert controller.open_project(path)
    assert len(window.document.layers) == 1
