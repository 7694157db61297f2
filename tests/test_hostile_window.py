"""A sample of the hostile corpus through the main window: Add Layer, the join wizard's table and
Open Project, with the file dialogs answered as a user would (issue 12).

Whatever the file, nothing escapes as an unhandled exception (pytest-qt fails the test on one,
on the GUI thread or a worker), and what the window says names the file and shows no raw
Python text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from gismap.core.document import MapDocument, MapLayer
from gismap.ui.i18n import error_text
from gismap.ui.main_window import MainWindow
from gismap.ui.tasks import background_idle
from hostile.corpus import Case, build_corpus
from hostile.runner import RAW_PYTHON
from ui_helpers import ScriptedDialogs

SAMPLE = {"layer": 16, "table": 12, "project": 12}  # cases of each role fed to the window
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    cases, base = build_corpus(tmp_path_factory.mktemp("hostile") / "corpus")
    return cases, base


def _sample(cases: list[Case], role: str) -> list[Case]:
    """``SAMPLE[role]`` cases of ``role``, the first of each class, then the second, ..."""
    by_kind: dict[str, list[Case]] = {}
    for case in cases:
        if case.role == role:
            by_kind.setdefault(case.kind, []).append(case)
    round_robin = [group[depth] for depth in range(max(map(len, by_kind.values())))
                   for group in by_kind.values() if depth < len(group)]
    return round_robin[:SAMPLE[role]]


@pytest.fixture
def window(qtbot, corpus):
    _, base = corpus
    document = MapDocument(title="Hostile")
    document.add_layer(MapLayer(name="communes", source=base.shapefile))
    document.load_all()
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.projects.dialogs = ScriptedDialogs()
    yield window
    qtbot.waitUntil(background_idle, timeout=WAIT_MS)
    window.canvas.shutdown()


def _unclear(message: str, case: Case, must_name_file: bool = True) -> list[str]:
    """What is wrong with ``message`` about ``case``: raw Python text, or no file named."""
    if RAW_PYTHON.search(message):
        return [f"{case.id} ({case.kind}): raw Python text in {message!r}"]
    names = [case.path.name, *(p.name for p in case.folder.iterdir())]
    if must_name_file and not any(name in message for name in names):
        return [f"{case.id} ({case.kind}): the message names no file: {message!r}"]
    return []


def test_add_layer_reads_each_hostile_file_or_says_what_is_wrong(qtbot, window, corpus, monkeypatch):
    cases, _ = corpus
    problems = []
    for case in _sample(cases, "layer"):
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(case.path)], "")))
        window.choose_layer_files()
        layer = window.document.layers[-1]
        assert layer.source == case.path
        qtbot.waitUntil(lambda: background_idle() and (layer.data is not None or layer.load_error is not None),
                        timeout=WAIT_MS)
        if layer.load_error is not None:
            problems += _unclear(error_text(layer.load_error), case)
        window.document.remove_layer(layer)
    assert not problems, "\n".join(problems)


def test_the_join_wizard_reads_each_hostile_table_or_says_what_is_wrong(qtbot, window, corpus):
    cases, _ = corpus
    window.layer_panel.select_layer(window.document.layers[0])
    problems = []
    for case in _sample(cases, "table"):
        wizard = window.join_table()
        qtbot.addWidget(wizard)
        wizard.set_table(case.path)
        qtbot.waitUntil(background_idle, timeout=WAIT_MS)
        page = wizard.table_page
        if page.message.text():  # the sheets could not be listed
            problems += _unclear(page.message.text(), case)
        elif page.isComplete():
            wizard.next()
            qtbot.waitUntil(lambda: background_idle() and wizard.preview_page.progress.isHidden(), timeout=WAIT_MS)
            if wizard.parsed is None:
                problems += _unclear(wizard.preview_page.info.text(), case)
        wizard.close()
    assert not problems, "\n".join(problems)


def test_open_project_opens_each_hostile_project_or_says_what_is_wrong(qtbot, window, corpus):
    cases, _ = corpus
    dialogs = window.projects.dialogs
    problems = []
    for case in _sample(cases, "project"):
        dialogs.asked.clear()
        dialogs.paths = [case.path] + [None] * 20  # then leave out every file the project misses
        opened = window.projects.open_project()
        errors = [re.sub(r"^error ", "", asked) for asked in dialogs.asked if asked.startswith("error ")]
        if not opened:
            problems += _unclear(errors[0], case) if errors else [f"{case.id} ({case.kind}): not opened, nothing said"]
            continue
        qtbot.waitUntil(lambda: background_idle() and all(
            layer.data is not None or layer.load_error is not None for layer in window.document.layers),
            timeout=WAIT_MS)
        for layer in window.document.layers:
            if layer.load_error is not None:  # the project names the file; its layer's message may not
                problems += _unclear(error_text(layer.load_error), case, must_name_file=False)
    assert not problems, "\n".join(problems)
