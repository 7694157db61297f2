"""Hostile project files: every field of the wrong type, out of range or absurd is a ProjectError naming
the file and the field, in the command and in the window's Open Project; never a Python error."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gismap.core.document import MapDocument, MapLayer
from gismap.core.paths import coverage_dir, shapefiles_dir
from gismap.core.project import ProjectError, open_project, save_project
from gismap.core.recipe import JoinStep, SiteCountStep

COMMUNES = shapefiles_dir() / "communes_37.parquet"


@pytest.fixture(scope="module")
def saved() -> dict:
    """A real format-2 project: one commune layer joined to the sample table, with a site count."""
    document = MapDocument(title="Hạ tầng số")
    layer = document.add_layer(MapLayer(name="Xã", source=COMMUNES, recipe=[
        JoinStep(table=coverage_dir() / "coverage_2025_by_code.csv"),
        SiteCountStep(column="so_tram", sites=coverage_dir() / "tram_5g_mau.csv")]))
    document.restyle(layer, column="fiber_hamlet_pct", scheme="manual", breaks=[50.0, 90.0])
    document.set_extent((105.5, 20.0, 106.2, 20.6))
    return json.loads(json.dumps({"format": "gismap-project", "version": 2,
                                  "document": document.to_dict(lambda path: str(path))}))


def _project(tmp_path: Path, data: dict, change) -> Path:
    data = copy.deepcopy(data)
    change(data)
    path = tmp_path / "ban_do.gismap"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _layer(change):
    return lambda data: change(data["document"]["layers"][0])


def _style(**values):
    return _layer(lambda layer: layer["style"].update(values))


def _step(number, **values):
    return _layer(lambda layer: layer["recipe"][number].update(values))


HOSTILE = [
    (lambda d: d.update(version="2"), r"format version is not a number from 1 to 2"),
    (lambda d: d.update(version=-1), r"format version is not a number from 1 to 2"),
    (lambda d: d.update(document=[1, 2]), r"document must be an object of named fields, not \[1, 2\]"),
    (lambda d: d["document"].update(layers={"x": 1}), r"document.layers must be a list"),
    (lambda d: d["document"].update(layers=[[1, 2]]), r"layers\[0\] must be an object of named fields"),
    (lambda d: d["document"].update(title=5), r"document.title must be text, not 5"),
    (lambda d: d["document"].update(extent=[1, 2, "x", 4]), r"document.extent must be four numbers"),
    (lambda d: d["document"].update(extent=[float("nan"), 2, 3, 4]), r"document.extent must be four numbers"),
    (lambda d: d["document"].update(colour="red"), r"document: unknown keys colour"),
    (_layer(lambda layer: layer.update(source=5)), r"layers\[0\].source must be text, not 5"),
    (_layer(lambda layer: layer.update(source="xa\x00.shp")), r"layers\[0\].source must be a file path, without NUL"),
    (_layer(lambda layer: layer.update(source="/dev/zero")), r"/dev/zero: not a regular file"),
    (_layer(lambda layer: layer.update(visible="no")), r"layers\[0\].visible must be true or false"),
    (_layer(lambda layer: layer.update(opacity=float("nan"))), r"layers\[0\].opacity must be a number from 0 to 1"),
    (_layer(lambda layer: layer.update(name=["Xã"])), r"layers\[0\].name must be text"),
    (_layer(lambda layer: layer.update(crs={"epsg": 9210})), r"layers\[0\].crs must be text"),
    (_layer(lambda layer: layer.update(extra=1)), r"layers\[0\]: unknown keys extra"),
    (_layer(lambda layer: layer.update(style=[1])), r"layers\[0\].style must be an object of named fields"),
    (_style(k=10**12), r"layers\[0\].style.k must be a whole number from 2 to 9, not 1000000000000"),
    (_style(k=2.5), r"style.k must be a whole number from 2 to 9"),
    (_style(breaks=[1, float("nan")]), r"style.breaks must be a list of at most 9 numbers"),
    (_style(breaks=list(range(100_000))), r"style.breaks must be a list of at most 9 numbers"),
    (_style(outline_width=-1), r"style.outline_width must be a number from 0 to 50, not -1"),
    (_style(outline_width=1e308), r"style.outline_width must be a number from 0 to 50"),
    (_style(scheme="magic"), r"style.scheme must be one of quantiles, "),
    (_style(fill=12), r"style.fill must be a colour such as #6b6b6b"),
    (_style(outline="red;}</style><script>"), r"style.outline must be a colour"),
    (_style(no_data="notacolour"), r"style.no_data must be a colour such as #6b6b6b, or none"),
    (_style(reverse="yes"), r"style.reverse must be true or false"),
    (_style(cmap=5), r"style.cmap must be text, not 5"),
    (_style(shape="star"), r"layers\[0\].style: unknown keys shape"),
    (_layer(lambda layer: layer.update(recipe={"step": "join"})), r"layers\[0\].recipe must be a list"),
    (_layer(lambda layer: layer.update(recipe=[5])), r"layers\[0\].recipe\[0\] must be an object of named fields"),
    (_step(0, step="magic"), r"layers\[0\].recipe\[0\].step must be one of join, site_count"),
    (_step(0, table=5), r"layers\[0\].recipe\[0\].table must be text, not 5"),
    (_step(0, key="both"), r"recipe\[0\].key must be one of auto, code, name"),
    (_step(0, column_overrides=[1, 2]), r"recipe\[0\].column_overrides must be an object of named fields"),
    (_step(0, resolutions={"row 5": "00001"}), r"recipe\[0\].resolutions must map row numbers to commune codes"),
    (_step(1, column=None), r"recipe\[1\].column must be given"),
    (_step(1, sites={"path": "x.csv"}), r"recipe\[1\].sites must be text"),
]


@pytest.mark.parametrize("change, said", HOSTILE)
def test_every_field_of_the_wrong_kind_is_refused_naming_it(tmp_path, saved, change, said):
    with pytest.raises(ProjectError, match=rf"^ban_do.gismap: .*{said}"):
        open_project(_project(tmp_path, saved, change))


def test_the_saved_project_itself_opens(tmp_path, saved):
    document, missing = open_project(_project(tmp_path, saved, lambda data: None))
    assert missing == [] and document.layers[0].style.breaks == [50.0, 90.0]
    assert [step.kind for step in document.layers[0].recipe] == ["join", "site_count"]


@pytest.mark.parametrize("version", [1, 2])
def test_format_1_join_and_site_counts_of_the_wrong_kind_are_refused(tmp_path, version):
    for field, value, said in (("join", [1], r"layers\[0\].join must be an object"),
                               ("site_counts", {"column": "x"}, r"layers\[0\].site_counts must be a list"),
                               ("site_counts", [7], r"layers\[0\].site_counts\[0\] must be an object")):
        data = {"format": "gismap-project", "version": version,
                "document": {"layers": [{"source": str(COMMUNES), field: value}]}}
        with pytest.raises(ProjectError, match=said):
            open_project(_project(tmp_path, data, lambda d: None))


def test_100000_nested_levels_in_a_layer_are_refused(tmp_path):
    path = tmp_path / "sau.gismap"
    path.write_text('{"format": "gismap-project", "version": 2, "document": {"layers": ['
                    + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "]}}", encoding="utf-8")
    with pytest.raises(ProjectError, match="sau.gismap: not a GISMap project"):
        open_project(path)


def test_a_source_name_no_system_can_hold_is_a_missing_file(tmp_path, saved):
    path = _project(tmp_path, saved, _layer(lambda layer: layer.update(source="x" * 300 + ".shp")))
    document, missing = open_project(path)
    assert [item.role for item in missing] == ["source"] and missing[0].expected.name == "x" * 300 + ".shp"


def test_a_project_saved_again_opens_equal(tmp_path, saved):
    document, _ = open_project(_project(tmp_path, saved, lambda data: None))
    save_project(document, tmp_path / "lai.gismap")
    assert open_project(tmp_path / "lai.gismap")[0] == document


# -- the window ----------------------------------------------------------------------------------

@pytest.mark.parametrize("change, said", [
    (lambda d: d.update(version="2"), "ban_do.gismap"),
    (lambda d: d["document"].update(layers={"x": 1}), "document.layers"),
    (_layer(lambda layer: layer.update(source=5)), "layers[0].source"),
    (_style(k=10**12), "layers[0].style.k"),
    (_layer(lambda layer: layer.update(join=[1])), "layers[0].join"),
])
def test_open_project_in_the_window_shows_the_message(qtbot, tmp_path, saved, monkeypatch, change, said):
    from gismap.ui.project_io import ProjectController

    path = _project(tmp_path, saved, change)
    document = MapDocument()
    controller = ProjectController(None, lambda: document, lambda new: pytest.fail("a hostile project was opened"),
                                   settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                                   autosave_folder=tmp_path / "autosave")
    shown = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    controller.open_action.trigger()
    assert len(shown) == 1 and "ban_do.gismap" in shown[0] and said in shown[0] and "Traceback" not in shown[0]


# -- command-line arguments and outputs ------------------------------------------------------------

def _gismap(capsys, *args) -> tuple[int, str]:
    """``gismap ARGS`` in this process: its exit status and what it wrote on stderr."""
    from gismap.cli import main

    try:
        status = main([str(arg) for arg in args])
    except SystemExit as exc:  # argparse refuses an argument with status 2
        status = exc.code
    return status, capsys.readouterr().err


@pytest.mark.parametrize("argument, said", [
    (("--size", "100000x100000"), "each side is 16 to 20,000 pixels"),
    (("--size", "20000x20000"), "400,000,000 pixels; a map has at most 150,000,000"),
    (("--size", "0x1000"), "each side is 16 to 20,000 pixels"),
    (("--dpi", "100000"), "a resolution in dots per inch is a whole number from 30 to 1200"),
    (("--k", str(10**12)), "the number of classes is a whole number from 2 to 9"),
    (("--breaks", "nan,10"), "is not a list of numbers"),
])
def test_absurd_render_arguments_are_refused_naming_the_limit(tmp_path, capsys, argument, said):
    status, err = _gismap(capsys, "render", COMMUNES, "--column", "area_km2", "--out", tmp_path / "x.png", *argument)
    assert status == 2 and said in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def _read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "chi_doc"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root writes anywhere, except where the kernel says no
        folder = Path("/sys")
        if not folder.is_dir() or os.access(folder / "x", os.F_OK):
            pytest.skip("no folder this user cannot write in")
    return folder


@pytest.mark.parametrize("command", ["render", "export", "join", "project"])
def test_an_output_that_cannot_be_written_is_refused_before_any_work(tmp_path, capsys, command):
    (tmp_path / "tep").write_text("a file, not a folder", encoding="utf-8")
    outputs = {
        "a file as its folder": (tmp_path / "tep" / "ban_do.png", "ban_do.png: " + str(tmp_path / "tep") + " is a file"),
        "a name too long": (tmp_path / ("x" * 300 + ".png"), "bytes long, longer than this "
                                                            "system allows (at most 255)"),
        "a read-only folder": (_read_only_folder(tmp_path) / "ban_do.png", "ban_do.png: cannot write in the folder"),
    }
    for output, said in outputs.values():
        output = output.with_suffix({"render": ".png", "export": ".gpkg", "join": ".gpkg", "project": ".gismap"}[command])
        args = {"render": ("render", COMMUNES, "--column", "area_km2", "--out", output),
                "export": ("export", COMMUNES, "--out", output),
                "join": ("join", COMMUNES, coverage_dir() / "coverage_2025_by_code.csv", "--out", output),
                "project": ("project", "init", output)}[command]
        status, err = _gismap(capsys, *args)
        assert status == 2 and said.replace(".png", output.suffix) in err and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chi_doc", "tep"]  # nothing written, nothing left


def test_a_missing_output_folder_is_created(tmp_path, capsys):
    status, _ = _gismap(capsys, "export", COMMUNES, "--out", tmp_path / "moi" / "xa.gpkg")
    assert status == 0 and [p.name for p in (tmp_path / "moi").iterdir()] == ["xa.gpkg"]


def test_every_writer_checks_its_target(tmp_path):
    """The exporters the window's dialogs call refuse the same targets, and leave no temporary file."""
    from gismap.core.errors import GismapError
    from gismap.core.export import export_layer
    from gismap.core.layers import read_layer

    (tmp_path / "tep").write_text("a file", encoding="utf-8")
    frame = read_layer(COMMUNES, check_geometry=False).frame.head(3)
    for target in (tmp_path / "tep" / "xa.shp", tmp_path / ("x" * 300 + ".gpkg"), tmp_path / "tep" / "xa.csv"):
        with pytest.raises(GismapError, match="is a file, not a folder|longer than this system allows"):
            export_layer(frame, target)
    assert [p.name for p in tmp_path.iterdir()] == ["tep"]


# -- the window's messages -------------------------------------------------------------------------

def test_a_fault_in_background_work_shows_a_sentence_and_its_details_go_to_the_report(qtbot, tmp_path, monkeypatch):
    """Python's own text (``list index out of range``) never reaches a message box: the box says what
    happened, and the unexpected-error dialog (with Details) holds the text and the traceback."""
    import gismap.ui.main_window as main_window
    from gismap.ui import failures
    from gismap.ui.tasks import background_idle

    def broken(*args, **kwargs):
        return [][1]

    document = MapDocument()
    layer = document.add_layer(MapLayer(name="Xã", source=COMMUNES))
    layer.load(check_geometry=False)
    window = main_window.MainWindow(document)
    qtbot.addWidget(window)
    warnings, reported = [], []
    monkeypatch.setattr("gismap.core.template.fill_template", broken)  # imported when the command runs
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(failures, "report_unexpected", lambda error, parent=None: reported.append(error))
    monkeypatch.setattr("sys.excepthook", lambda kind, error, trace: failures.report_unexpected(error))
    window.fill_report_form(layer, coverage_dir() / "coverage_2025_by_code.csv", tmp_path / "dien.xlsx")
    qtbot.waitUntil(background_idle, timeout=10_000)
    assert warnings == ["an error GISMap did not expect; its details are in the error report"]
    assert [type(error) for error in reported] == [IndexError]


@pytest.mark.parametrize("target, said", [(Path("tep") / "xa.gpkg", "is a file, not a folder"),
                                          (Path("x" * 300 + ".gpkg"), "longer than this system allows")])
def test_the_export_dialog_says_why_a_target_cannot_be_written(qtbot, tmp_path, target, said):
    from gismap.ui.export_dialogs import LayerExportDialog

    (tmp_path / "tep").write_text("a file", encoding="utf-8")
    document = MapDocument()
    layer = document.add_layer(MapLayer(name="Xã", source=COMMUNES))
    layer.load(check_geometry=False)
    dialog = LayerExportDialog(document, layer)
    qtbot.addWidget(dialog)
    dialog.set_target(tmp_path / target)
    dialog.export()
    assert not dialog.busy and said in dialog.message.text()
    assert [p.name for p in tmp_path.iterdir()] == ["tep"]
