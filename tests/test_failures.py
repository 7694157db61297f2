"""Failures are seen and kept: the log file, --verbose, and unexpected errors with their details."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QMessageBox

from gismap.cli import main
from gismap.core import logs
from gismap.core.paths import shapefiles_dir


def test_commands_log_to_the_user_data_folder(tmp_path, capsys):
    assert main(["info", str(shapefiles_dir() / "communes_37.parquet")]) == 0
    assert main(["info", str(tmp_path / "none.shp")]) == 2
    text = logs.log_file().read_text(encoding="utf-8")
    assert "gismap 0" in text and "none.shp: no such file" in text
    assert logs.log_file().is_relative_to(logs.user_data_dir())


def test_verbose_writes_what_happens_to_stderr(capsys):
    main(["--verbose", "info", str(shapefiles_dir() / "communes_37.parquet")])
    assert "INFO gismap.cli" in capsys.readouterr().err
    main(["info", str(shapefiles_dir() / "communes_37.parquet")])
    assert capsys.readouterr().err == ""


def test_an_unexpected_error_is_a_message_and_logged_with_its_traceback(monkeypatch, capsys):
    import gismap.core.layers

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(gismap.core.layers, "read_layers", broken)
    assert main(["info", str(shapefiles_dir() / "communes_37.parquet")]) == 1
    err = capsys.readouterr().err
    assert "unexpected error (ZeroDivisionError: a bug)" in err and "Traceback" not in err
    assert str(logs.log_file()) in err
    assert "Traceback" in logs.log_file().read_text(encoding="utf-8")


def test_an_unexpected_error_in_background_work_shows_its_details(qtbot, monkeypatch):
    from gismap.ui import failures
    from gismap.ui.tasks import background_idle, run_in_background

    shown = []
    monkeypatch.setattr(failures, "QMessageBox", _Recorder(shown))
    monkeypatch.setattr("sys.excepthook", lambda kind, error, trace: failures.report_unexpected(error))
    errors = []

    def work(_context):
        raise KeyError("no such column")

    run_in_background(work, on_error=errors.append)
    qtbot.waitUntil(background_idle, timeout=5000)
    assert isinstance(errors[0], KeyError)
    assert shown and "KeyError" in shown[0].text and "Traceback" in shown[0].details


class _Recorder:
    """Stands in for QMessageBox: keeps what would be shown."""

    Icon = QMessageBox.Icon

    def __init__(self, shown):
        self.shown = shown

    def __call__(self, icon, title, text, parent=None):
        box = _Box(text)
        self.shown.append(box)
        return box


class _Box:
    def __init__(self, text):
        self.text, self.details = text, ""

    def setDetailedText(self, details):
        self.details = details

    def setModal(self, modal):
        pass

    def show(self):
        pass


def test_a_finished_task_s_bridge_is_deleted_on_the_gui_thread(qtbot):
    """Not left to the garbage collector, which may run on a worker thread and crash Qt."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QThread

    from gismap.ui.tasks import background_idle, run_in_background

    results = []
    task = run_in_background(lambda _context: QThread.currentThread(), on_done=results.append)
    qtbot.waitUntil(background_idle, timeout=10_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Deleted by the GUI thread's event loop although this test still holds the Python object.
    assert results and not shiboken6.isValid(task.signals)
