"""Qt side of project files: Open/Save/Save As, recent projects, autosave, recovery and repair.

:class:`ProjectController` owns the actions and the menu; the main window adds them to its
File menu and hands over the document through two callables, so the controller never needs
to know the window's internals. Every question it asks goes through :class:`ProjectDialogs`,
which tests replace with scripted answers (no modal dialog ever blocks a test).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from gismap.core import project as projects
from gismap.core.document import MapDocument
from gismap.core.errors import GismapError
from gismap.ui.i18n import error_text
from gismap.ui.icons import decorate

AUTOSAVE_INTERVAL_MS = 60_000


class ProjectDialogs(QObject):
    """The questions asked while opening and saving. Subclass to answer them without a user."""

    def open_path(self, parent: QWidget | None, folder: Path | None) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, self.tr("Open Project"), str(folder or ""),
                                              self._filter())
        return Path(path) if path else None

    def save_path(self, parent: QWidget | None, suggestion: Path | None) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, self.tr("Save Project As"), str(suggestion or ""),
                                              self._filter())
        return Path(path) if path else None

    def save_changes(self, parent: QWidget | None) -> str:
        """``"save"``, ``"discard"`` or ``"cancel"``."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            parent, self.tr("Unsaved Changes"), self.tr("The map has unsaved changes. Save them?"),
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def recover(self, parent: QWidget | None, recovery: projects.Recovery) -> bool:
        name = recovery.project.name if recovery.project else self.tr("an unsaved map")
        answer = QMessageBox.question(
            parent, self.tr("Recover Unsaved Work"),
            self.tr("GISMap did not close normally. Recover the autosaved changes to {name}?").format(name=name))
        return answer == QMessageBox.StandardButton.Yes

    def repair(self, parent: QWidget | None, repair: projects.Repair) -> None:
        """Show every missing file in one dialog, to locate or leave out; closing it leaves out the rest."""
        from gismap.ui.repair_dialog import RepairDialog

        RepairDialog(repair, self.locate_path, parent).exec()

    def locate_path(self, parent: QWidget | None, missing: projects.MissingSource) -> Path | None:
        """Ask where a moved file went (None: not chosen)."""
        suffix = missing.expected.suffix
        path, _ = QFileDialog.getOpenFileName(
            parent, self.tr("Locate {name}").format(name=missing.expected.name), str(missing.expected.parent),
            self.tr("{name} (*{suffix});;All files (*)").format(name=missing.expected.name, suffix=suffix))
        return Path(path) if path else None

    def choose_province(self, parent: QWidget | None, current: str) -> str | None:
        """The province for a new map (see :mod:`gismap.ui.province_dialog`); None: cancelled."""
        from gismap.ui.province_dialog import ProvinceDialog

        return ProvinceDialog.ask(parent, current)

    def error(self, parent: QWidget | None, message: str) -> None:
        QMessageBox.warning(parent, self.tr("Project"), message)

    def _filter(self) -> str:
        return self.tr("GISMap projects (*{suffix})").format(suffix=projects.SUFFIX)


class SettingsStore:
    """Key/value store over QSettings for :class:`~gismap.core.project.RecentProjects`.

    Values are kept as JSON text because QSettings returns a one-item list as a plain string
    on some platforms.
    """

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def get(self, key: str, default=None):
        raw = self._settings.value(key)
        try:
            return json.loads(raw) if raw else default
        except (TypeError, ValueError):
            return default

    def __setitem__(self, key: str, value) -> None:
        self._settings.setValue(key, json.dumps(value, ensure_ascii=False))


class ProjectController(QObject):
    """File > New Map for Province, Open, Save, Save As and Open Recent; autosave every minute;
    recovery and repair.

    ``get_document()`` returns the window's current document; ``set_document(document)``
    makes a newly opened one current (the window rebinds its views and loads the layers).
    """

    project_path_changed = Signal(object)  # Path | None
    modified_changed = Signal(bool)
    message = Signal(str)  # for the status bar: autosave problems, saved notices

    def __init__(self, window: QWidget | None, get_document: Callable[[], MapDocument],
                 set_document: Callable[[MapDocument], None], settings: QSettings | None = None,
                 autosave_folder: Path | None = None, dialogs: ProjectDialogs | None = None,
                 before_save: Callable[[], None] = lambda: None) -> None:
        super().__init__(window)
        self._window = window
        self._get_document = get_document
        self._before_save = before_save  # the window puts its view into the document
        self._set_document = set_document
        self.dialogs = dialogs or ProjectDialogs(self)
        self._settings = settings or QSettings()
        self.recent = projects.RecentProjects(SettingsStore(self._settings))
        self.autosave_folder = Path(autosave_folder or _default_autosave_folder())
        self.project_path: Path | None = None
        self._observed: MapDocument | None = None
        self._saved_state = None
        self._autosaved_state = None
        self._modified = False

        self.new_province_action = QAction(self.tr("&New Map for Province…"), self)
        self.new_province_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_province_action.triggered.connect(lambda: self.new_province_map())
        self.open_action = QAction(self.tr("&Open Project…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(lambda: self.open_project())
        decorate(self.open_action, "open-project")
        self.save_action = QAction(self.tr("&Save Project"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        decorate(self.save_action, "save-project")
        self.save_action.triggered.connect(self.save)
        self.save_as_action = QAction(self.tr("Save Project &As…"), self)
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.save_as_action.triggered.connect(self.save_as)
        self.recent_menu = QMenu(self.tr("Open &Recent"), window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

        self.autosave_timer = QTimer(self, interval=AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.adopt(get_document(), None)

    # -- state ----------------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self._modified

    def _state(self, document: MapDocument) -> str:
        # Panning alone does not make the map "modified" (as in QGIS); the extent is saved anyway.
        data = document.to_dict()
        data.pop("extent", None)
        return json.dumps(data, sort_keys=True, default=str)

    def adopt(self, document: MapDocument, path: Path | None = None, modified: bool = False) -> None:
        """Follow ``document``, saved as ``path`` (None: never saved). The controller calls it
        itself after Open and Save; call it after replacing the document otherwise (File > New)."""
        if self._observed is not None:
            for signal in self._change_signals(self._observed):
                signal.disconnect(self._document_changed)
        self._observed = document
        for signal in self._change_signals(document):
            signal.connect(self._document_changed)
        self.project_path = path
        self._saved_state = None if modified else self._state(document)
        self._autosaved_state = None
        self.project_path_changed.emit(path)
        self._document_changed()

    @staticmethod
    def _change_signals(document: MapDocument):
        return (document.layers_changed, document.layer_changed, document.title_changed, document.view_changed)

    def _document_changed(self, *_args) -> None:
        modified = self._state(self._observed) != self._saved_state
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    # -- new and open ------------------------------------------------------------------------------
    def new_province_map(self) -> bool:
        """Ask for a province, offer to save the current map, then show that province's new map
        (its communes at full detail over the national backdrop). The choice becomes the map
        GISMap opens with."""
        from gismap.ui.province_dialog import PROVINCE_SETTING, SAMPLE_MAP, map_document

        remembered = self._settings.value(PROVINCE_SETTING)
        choice = self.dialogs.choose_province(self._window, remembered if isinstance(remembered, str) else SAMPLE_MAP)
        if choice is None or not self.confirm_discard():
            return False
        try:
            document = map_document(choice)
        except GismapError as exc:
            self.dialogs.error(self._window, error_text(exc))
            return False
        self._leave_current()
        self._set_document(document)
        self.adopt(document, None)
        self._settings.setValue(PROVINCE_SETTING, choice)
        return True

    # -- open --------------------------------------------------------------------------------------
    def open_project(self, path: Path | None = None) -> bool:
        """Open ``path`` (None: ask for it) after offering to save the current map."""
        if not self.confirm_discard():
            return False
        if path is None:
            path = self.dialogs.open_path(self._window, self.project_path.parent if self.project_path else None)
            if path is None:
                return False
        try:
            document, missing = projects.open_project(path)
        except GismapError as exc:
            self.dialogs.error(self._window, error_text(exc))
            if not Path(path).exists():
                self.recent.remove(path)
            return False
        self._repair(document, missing)
        self._leave_current()
        self._set_document(document)
        # Repairs changed the document against its file: it needs saving.
        self.adopt(document, Path(path), modified=bool(missing))
        self.recent.add(path)
        return True

    def _repair(self, document: MapDocument, missing: list[projects.MissingSource]) -> None:
        """One dialog lists every file that moved; locating one also finds its neighbours."""
        if not missing:
            return
        repair = projects.Repair(document, missing)
        self.dialogs.repair(self._window, repair)
        repair.finish()

    def offer_recovery(self) -> bool:
        """At start-up: offer the autosave a crashed session left; True when it was opened."""
        recovery = projects.find_recovery(self.autosave_folder)
        if recovery is None:
            return False
        if not self.dialogs.recover(self._window, recovery):
            projects.discard_autosave(recovery.autosave)
            return False
        try:
            document, missing = recovery.open()
        except GismapError as exc:
            self.dialogs.error(self._window, error_text(exc))
            return False
        self._repair(document, missing)
        self._set_document(document)
        self.adopt(document, recovery.project, modified=True)
        return True

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent.paths():
            action = self.recent_menu.addAction(path.name, lambda path=path: self.open_project(path))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("No recent projects")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear Menu"), self.recent.clear)

    # -- save --------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.project_path is None:
            return self.save_as()
        return self._save_to(self.project_path)

    def save_as(self) -> bool:
        suggestion = self.project_path or Path.home() / (self.tr("map") + projects.SUFFIX)
        path = self.dialogs.save_path(self._window, suggestion)
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        self._before_save()
        document = self._get_document()
        try:
            written = projects.save_project(document, path)
        except GismapError as exc:
            self.dialogs.error(self._window, error_text(exc))
            return False
        projects.discard_autosave(projects.autosave_path(self.project_path, self.autosave_folder))
        self.adopt(document, written)
        self.recent.add(written)
        self.message.emit(self.tr("Saved {path}").format(path=written))
        return True

    # -- autosave and closing ------------------------------------------------------------------
    def autosave(self) -> None:
        """Write an autosave when the map changed since the last save or autosave."""
        self._before_save()
        document = self._get_document()
        state = self._state(document)
        if state == self._saved_state or state == self._autosaved_state:
            return
        try:
            projects.write_autosave(document, self.autosave_folder, self.project_path)
        except GismapError as exc:
            self.message.emit(self.tr("Autosave failed: {error}").format(error=error_text(exc)))
            return
        self._autosaved_state = state

    def confirm_discard(self) -> bool:
        """Before the map is replaced or the window closes: save, discard or cancel."""
        if not self._modified:
            return True
        answer = self.dialogs.save_changes(self._window)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def close(self) -> bool:
        """For ``closeEvent``: False when the user cancelled; otherwise the autosave is removed."""
        if not self.confirm_discard():
            return False
        self._leave_current()
        self.autosave_timer.stop()
        return True

    def _leave_current(self) -> None:
        """The current map is saved or given up on: its autosave is no longer needed."""
        projects.discard_autosave(projects.autosave_path(self.project_path, self.autosave_folder))


def _default_autosave_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "autosave"
