"""The GISMap main window: map canvas in the centre, layer panel docked, status bar below.

What only a menu command needs (export dialogs, report forms, the site list CRS question, the
presentation view) is imported when the command runs: the window must show quickly at start.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QToolBar,
)

from gismap import __version__
from gismap.core.document import MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.core.layers import POLYGON_TYPES, DraftRequest, LayerDraft
from gismap.core.paths import BOUNDARY_ATTRIBUTION, CROSSWALK_ATTRIBUTION
from gismap.core.sites import SITE_TABLE_SUFFIXES
from gismap.ui.attribute_table import AttributeTable
from gismap.ui.i18n import LANGUAGES, current_language, error_text, save_language, translated
from gismap.ui.icons import decorate
from gismap.ui.identify import IdentifyPanel
from gismap.ui.join_wizard import JoinReportPanel, JoinWizard
from gismap.ui.layer_panel import LayerPanel
from gismap.ui.legend_panel import LegendPanel
from gismap.ui.map_canvas import MapCanvas, Tool
from gismap.ui.project_io import ProjectController
from gismap.ui.search import CommuneSearch
from gismap.ui.style_panel import StylePanel
from gismap.ui.tasks import TaskContext, run_in_background

if TYPE_CHECKING:
    from gismap.ui.presentation import PresentationView

VECTOR_PATTERNS = "*.shp *.zip *.gpkg *.geojson *.json *.fgb *.kml *.parquet"
SITE_PATTERNS = " ".join(f"*{suffix}" for suffix in SITE_TABLE_SUFFIXES)
DRAFT_FRAME_WAIT = 1.0  # seconds a loading layer waits for the frame of its draft, at most
VECTOR_SUFFIXES = {".shp", ".zip", ".gpkg", ".geojson", ".json", ".fgb", ".kml", ".parquet", *SITE_TABLE_SUFFIXES}


class MainWindow(QMainWindow):
    def __init__(self, document: MapDocument) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.document = document
        self.resize(1280, 800)

        self.canvas = MapCanvas(document, self)
        self.setCentralWidget(self.canvas)

        self.layer_panel = LayerPanel(document, self)
        self.layers_dock = self._dock(self.layer_panel, self.tr("Layers"), "layersDock",
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.style_panel = StylePanel(document, self)
        self.style_dock = self._dock(self.style_panel, self.tr("Layer Styling"), "styleDock",
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.legend_panel = LegendPanel(document, self)
        self.legend_dock = self._dock(self.legend_panel, self.tr("Legend"), "legendDock",
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.identify_panel = IdentifyPanel(self)
        self.identify_dock = self._dock(self.identify_panel, self.tr("Identify Results"), "identifyDock",
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.join_report_panel = JoinReportPanel(self)
        self.join_dock = self._dock(self.join_report_panel, self.tr("Join Report"), "joinReportDock",
                                    Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.style_dock, self.identify_dock)
        self.tabifyDockWidget(self.identify_dock, self.join_dock)
        self.style_dock.raise_()
        self.presentation: PresentationView | None = None
        self.attribute_table = AttributeTable(document, self)
        self.table_dock = self._dock(self.attribute_table, self.tr("Attribute Table"), "attributeTableDock",
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        self.search = CommuneSearch(document, self)
        self.search.setMaximumWidth(280)
        self.search.setPlaceholderText(self.tr("Find a commune…"))
        self.projects = ProjectController(self, lambda: self.document, self.set_document, before_save=self.keep_view)

        self.layer_panel.zoom_requested.connect(self.canvas.zoom_to)
        self.layer_panel.current_layer_changed.connect(self._set_active_layer)
        self.attribute_table.zoom_requested.connect(self.canvas.zoom_to)
        self.canvas.features_identified.connect(self._identify)
        self.search.commune_chosen.connect(self.show_commune)
        self.projects.modified_changed.connect(self.setWindowModified)
        self.projects.project_path_changed.connect(lambda _path: self._update_title())
        self.projects.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.canvas.render_failed.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.canvas.layers_failed.connect(self._layers_failed)
        self.setAcceptDrops(True)

        self._build_actions()
        self._build_status_bar()
        self._update_title()
        document.title_changed.connect(self._update_title)
        document.history.changed.connect(self._history_changed)
        self._history_changed()
        self.restore_layout()

    # -- construction -------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.add_layer_action = QAction(self.tr("&Add Layer…"), self)
        self.add_layer_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.add_layer_action.triggered.connect(self.choose_layer_files)
        decorate(self.add_layer_action, "add-layer")
        self.zoom_full_action = QAction(self.tr("Zoom to &Full Extent"), self)
        self.zoom_full_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.zoom_full_action.triggered.connect(self.canvas.zoom_full)
        decorate(self.zoom_full_action, "zoom-full")
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.zoom_selection_action = QAction(self.tr("Zoom to &Selection"), self)
        self.zoom_selection_action.setShortcut(QKeySequence("Ctrl+J"))
        self.zoom_selection_action.triggered.connect(self.canvas.zoom_to_selection)
        decorate(self.zoom_selection_action, "zoom-selection")
        self.clear_selection_action = QAction(self.tr("&Deselect All"), self)
        self.clear_selection_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.clear_selection_action.triggered.connect(self.document.clear_selection)

        self.tool_actions: dict[Tool, QAction] = {}
        tools = QActionGroup(self)
        for tool, label, shortcut, icon_name in (
            (Tool.PAN, self.tr("&Pan"), "P", "pan"),
            (Tool.ZOOM_BOX, self.tr("&Zoom Box"), "Z", "zoom-box"),
            (Tool.IDENTIFY, self.tr("&Identify Features"), "Ctrl+Shift+I", "identify"),
            (Tool.SELECT, self.tr("&Select Features"), "S", "select"),
        ):
            action = QAction(label, tools, checkable=True)
            action.setShortcut(QKeySequence(shortcut))
            decorate(action, icon_name)
            action.triggered.connect(lambda _checked, tool=tool: self.canvas.set_tool(tool))
            self.tool_actions[tool] = action
        self.tool_actions[Tool.PAN].setChecked(True)
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        decorate(self.undo_action, "undo")
        self.undo_action.triggered.connect(lambda: self.document.history.undo())
        self.redo_action = QAction(self.tr("&Redo"), self)
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        decorate(self.redo_action, "redo")
        self.redo_action.triggered.connect(lambda: self.document.history.redo())
        self.about_action = QAction(self.tr("&About GISMap"), self)
        self.about_action.triggered.connect(self.show_about)

        self.join_action = QAction(self.tr("&Join Table…"), self)
        self.join_action.setShortcut(QKeySequence("Ctrl+Shift+J"))
        self.join_action.triggered.connect(self.join_table)
        decorate(self.join_action, "join-table")
        self.count_sites_action = QAction(self.tr("&Count Sites in Communes…"), self)
        self.count_sites_action.triggered.connect(self.ask_count_sites)
        self.snapshot_action = QAction(self.tr("Export &Map Image…"), self)
        self.snapshot_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.snapshot_action.triggered.connect(lambda: self._export_map("MapSnapshotDialog"))
        decorate(self.snapshot_action, "export-image")
        self.html_action = QAction(self.tr("Export Interactive &HTML…"), self)
        self.html_action.triggered.connect(lambda: self._export_map("HtmlExportDialog"))
        self.export_layer_action = QAction(self.tr("Export &Layer…"), self)
        self.export_layer_action.triggered.connect(self.export_layer)
        self.fill_template_action = QAction(self.tr("Fill In a Report &Form…"), self)
        self.fill_template_action.triggered.connect(self.choose_report_form)
        self.presentation_action = QAction(self.tr("&Presentation Mode"), self)
        self.presentation_action.setShortcut(QKeySequence("F5"))
        self.presentation_action.triggered.connect(self.present)
        decorate(self.presentation_action, "presentation")
        self.find_action = QAction(self.tr("&Find Commune…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.projects.new_province_action)
        file_menu.addSeparator()
        file_menu.addAction(self.projects.open_action)
        file_menu.addMenu(self.projects.recent_menu)
        file_menu.addAction(self.projects.save_action)
        file_menu.addAction(self.projects.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.add_layer_action)
        file_menu.addSeparator()
        file_menu.addAction(self.snapshot_action)
        file_menu.addAction(self.html_action)
        file_menu.addAction(self.export_layer_action)
        file_menu.addAction(self.fill_template_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
            self.addAction(action)  # the shortcut works wherever the window has the focus
        layer_menu = self.menuBar().addMenu(self.tr("&Layer"))
        layer_menu.addAction(self.add_layer_action)
        layer_menu.addAction(self.join_action)
        layer_menu.addAction(self.count_sites_action)
        layer_menu.addAction(self.export_layer_action)
        self.layer_menu = layer_menu
        self.file_menu = file_menu
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for action in self.tool_actions.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_full_action)
        view_menu.addAction(self.zoom_selection_action)
        view_menu.addAction(self.clear_selection_action)
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.presentation_action)
        view_menu.addSeparator()
        self.panels_menu = view_menu.addMenu(self.tr("&Panels"))
        for dock in self.findChildren(QDockWidget):
            self.panels_menu.addAction(dock.toggleViewAction())
        self.view_menu = view_menu
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self.language_menu = settings_menu.addMenu(self.tr("&Language"))
        languages = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in LANGUAGES.items():
            action = QAction(label, languages, checkable=True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked, code=code: self.choose_language(code))
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

        toolbar = QToolBar(self.tr("Map"), self)
        toolbar.setObjectName("mapToolbar")
        toolbar.addAction(self.projects.open_action)
        toolbar.addAction(self.projects.save_action)
        toolbar.addAction(self.add_layer_action)
        toolbar.addSeparator()
        for action in self.tool_actions.values():
            toolbar.addAction(action)
        toolbar.addAction(self.zoom_full_action)
        toolbar.addAction(self.zoom_selection_action)
        toolbar.addSeparator()
        toolbar.addAction(self.join_action)
        toolbar.addAction(self.snapshot_action)
        toolbar.addAction(self.presentation_action)
        self.addToolBar(toolbar)
        self.map_toolbar = toolbar
        # The search keeps its width; map actions that do not fit go to the toolbar's » menu.
        search_bar = QToolBar(self.tr("Search"), self)
        search_bar.setObjectName("searchToolbar")
        self.search.setMinimumWidth(220)
        search_bar.addWidget(self.search)
        self.addToolBar(search_bar)

    def _build_status_bar(self) -> None:
        self.coordinates_label = QLabel(self)
        self.scale_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 100)
        self.progress.hide()
        bar = self.statusBar()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.coordinates_label)
        bar.addPermanentWidget(self.scale_label)
        self.canvas.cursor_moved.connect(
            lambda lon, lat: self.coordinates_label.setText(
                self.tr("{0}° E  {1}° N").format(self.locale().toString(lon, "f", 5),
                                                  self.locale().toString(lat, "f", 5))))
        self.canvas.view_changed.connect(
            lambda viewport: self.scale_label.setText(
                "1:" + self.locale().toString(float(round(viewport.scale_denominator())), "f", 0)))

    def _dock(self, widget, title: str, name: str, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _set_active_layer(self, layer: MapLayer | None) -> None:
        self.canvas.active_layer = layer
        for view in (self.attribute_table, self.style_panel, self.legend_panel):
            view.set_layer(layer)
        for action in (self.join_action, self.export_layer_action):
            action.setEnabled(layer is not None)

    def _identify(self, hits: list[tuple[MapLayer, int]]) -> None:
        self.identify_panel.show_features(hits)
        self.identify_dock.show()
        self.identify_dock.raise_()

    # -- joins, exports, presentation ---------------------------------------------------------
    def _layer_for_action(self) -> MapLayer | None:
        layer = self.layer_panel.current_layer() or self.canvas.target_layer()
        if layer is None or layer.data is None:
            QMessageBox.information(self, self.tr("No layer"), self.tr("Choose a loaded layer in the Layers panel first."))
            return None
        return layer

    def join_table(self) -> JoinWizard | None:
        layer = self._layer_for_action()
        if layer is None:
            return None
        wizard = JoinWizard(self.document, layer, self)
        wizard.join_applied.connect(self._join_applied)
        wizard.open()  # not exec(): the join runs in the background
        return wizard

    def _join_applied(self, layer: MapLayer, report) -> None:
        self.join_report_panel.show_report(report, layer)
        self.join_dock.show()
        self.join_dock.raise_()

    def ask_count_sites(self) -> None:
        """Ask which sites to count in which communes, under which column name; then count."""
        title = self.tr("Count Sites in Communes")
        loaded = [layer for layer in self.document.layers if layer.data is not None]
        sites = [layer for layer in loaded if layer.data.is_sites]
        communes = [layer for layer in loaded if layer.data.geometry_type in POLYGON_TYPES]
        if not sites or not communes:
            QMessageBox.information(self, title, self.tr(
                "Add a site list (CSV or Excel with longitude and latitude) and a commune layer first."))
            return
        current = self.layer_panel.current_layer()
        site_layer = current if current in sites else self._choose_layer(title, self.tr("Sites:"), sites)
        target = site_layer and self._choose_layer(title, self.tr("Count them in the communes of:"), communes)
        if target is None:
            return
        column, ok = QInputDialog.getText(self, title, self.tr("Name of the new column:"), text="so_tram")
        if ok and column.strip():
            self.count_sites(site_layer, target, column.strip())

    def _choose_layer(self, title: str, label: str, layers: list[MapLayer]) -> MapLayer | None:
        if len(layers) == 1:
            return layers[0]
        names = [layer.name for layer in layers]
        name, ok = QInputDialog.getItem(self, title, label, names, 0, False)
        return layers[names.index(name)] if ok else None

    def count_sites(self, sites: MapLayer, communes: MapLayer, column: str) -> None:
        """Add ``column`` (the sites in each commune) to ``communes`` and colour the communes by it."""
        try:
            self.document.count_sites(communes, column, sites)
        except GismapError as exc:
            QMessageBox.warning(self, self.tr("Count Sites in Communes"), error_text(exc))
            return
        self.document.restyle(communes, column=column, scheme="natural_breaks")
        self.layer_panel.select_layer(communes)
        self.statusBar().showMessage(self.tr("{0}: {1} sites of {2} counted in column {3}").format(
            communes.name, int(communes.data.frame[column].sum()), sites.name, column), 8000)

    def _layers_failed(self, errors: dict) -> None:
        """Mark the layers the map had to leave out, and say why; the rest of the map is drawn."""
        self.layer_panel.mark_failed(errors)
        failed = [(layer, errors[layer.id]) for layer in self.document.layers if layer.id in errors]
        if failed:
            self.statusBar().showMessage("; ".join(f"{layer.name}: {error_text(error)}" for layer, error in failed),
                                         10000)

    def _export_map(self, dialog_name: str) -> None:
        """Export what the map shows (``dialog_name``: a dialog of :mod:`gismap.ui.export_dialogs`):
        the view becomes the document's extent first."""
        from gismap.ui import export_dialogs

        self.keep_view()
        self._open_export(getattr(export_dialogs, dialog_name)(self.document, self))

    def keep_view(self) -> None:
        """Make what the map canvas shows the document's extent, which exports and projects use."""
        if self.canvas.viewport is not None and self.canvas.viewport.extent != self.document.extent:
            self.document.set_extent(self.canvas.viewport.extent)

    def export_layer(self) -> None:
        layer = self._layer_for_action()
        if layer is not None:
            from gismap.ui.export_dialogs import LayerExportDialog

            self._open_export(LayerExportDialog(self.document, layer, self))

    def choose_report_form(self) -> None:
        """Ask for a province's report form and the copy to write, then fill it in (see :meth:`fill_report_form`)."""
        layer = self._layer_for_action()
        if layer is None:
            return
        title = self.tr("Fill In a Report Form")
        form, _ = QFileDialog.getOpenFileName(self, title, "", self.tr("Excel workbooks (*.xlsx)"))
        if not form:
            return
        suggestion = Path(form).with_name(self.tr("{0} (filled in).xlsx").format(Path(form).stem))
        out, _ = QFileDialog.getSaveFileName(self, title, str(suggestion), self.tr("Excel workbooks (*.xlsx)"))
        if out:
            self.fill_report_form(layer, Path(form), Path(out))

    def fill_report_form(self, layer: MapLayer, form: Path, out: Path):
        """Write ``layer``'s indicators into a copy of ``form`` saved as ``out``, in the background;
        what was filled in and what was left is shown when done. Returns the task."""
        from gismap.core.template import fill_template

        title = self.tr("Fill In a Report Form")
        frame, inputs = layer.data.frame, tuple(self.document.input_files())
        return run_in_background(
            lambda _context: fill_template(form, frame, out, inputs=inputs),
            on_done=lambda fill: QMessageBox.information(self, title, fill.to_text(translated)),
            on_error=lambda error: QMessageBox.warning(self, title, error_text(error)))

    def _open_export(self, dialog) -> None:
        dialog.exported.connect(lambda path: self.statusBar().showMessage(self.tr("Wrote {0}").format(path), 8000))
        dialog.open()

    def present(self) -> PresentationView:
        """Full-screen map with title and legend; Esc returns here."""
        from gismap.ui.presentation import PresentationView

        self.presentation = PresentationView(self.document, map_layer=self.layer_panel.current_layer())
        self.presentation.closed.connect(self.canvas.request_render)
        self.presentation.present()
        return self.presentation

    def show_commune(self, layer: MapLayer, row: int) -> None:
        """Select a commune, zoom to it and show its attributes (search results)."""
        self.document.select(layer, [row])
        self.canvas.zoom_to(tuple(shapely.total_bounds(layer.data.frame.geometry.values[row:row + 1])))
        self.identify_panel.show_feature(layer, row)

    def set_document(self, document: MapDocument) -> None:
        """Show another document (a project was opened) in every view."""
        self.document = document
        for view in (self.canvas, self.layer_panel, self.attribute_table, self.search,
                     self.style_panel, self.legend_panel):
            view.set_document(document)
        self.identify_panel.clear()
        document.title_changed.connect(self._update_title)
        document.history.changed.connect(self._history_changed)
        self._update_title()
        self._history_changed()
        self.load_layers()
        self.layer_panel.select_styled_layer()

    def _history_changed(self) -> None:
        """Undo/Redo name what they would undo or redo, as in QGIS; greyed out when there is nothing."""
        history = self.document.history
        for action, label, text in ((self.undo_action, self.tr("&Undo"), history.undo_text),
                                    (self.redo_action, self.tr("&Redo"), history.redo_text)):
            action.setEnabled(text is not None)
            action.setText(label if text is None else "{0} {1}".format(label, translated(text)))

    def choose_language(self, language: str) -> None:
        """Remember the language; like QGIS, it applies from the next start."""
        save_language(language)
        if language != current_language():
            QMessageBox.information(self, self.tr("Language"), self.tr(
                "The interface language will change when GISMap is restarted."))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About GISMap"), self.tr(
            "<h3>GISMap {0}</h3><p>Maps of Vietnam's commune-level digital infrastructure.</p>"
            "<p>{1}</p><p>{2}</p><p>{3}</p>").format(
                __version__, BOUNDARY_ATTRIBUTION, CROSSWALK_ATTRIBUTION,
                # the toolbar's icons (see resources/icons/README.md)
                self.tr("Icons: Material Design Icons 6.9.96 – Pictogrammers (Apache License 2.0)")))

    # -- layout remembered between sessions (QSettings) ------------------------------------------
    def restore_layout(self) -> None:
        """The window's size, place, panels and toolbars as they were last closed (``restored_geometry``
        says whether there was a size to restore)."""
        settings = QSettings()
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        self.restored_geometry = geometry is not None and self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        if not self.projects.close():
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        self.canvas.shutdown()
        super().closeEvent(event)

    # -- drag and drop of layer files -----------------------------------------------------------
    def _dropped_layer_paths(self, event) -> list[Path]:
        if not event.mimeData().hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        return [path for path in paths if path.suffix.lower() in VECTOR_SUFFIXES]

    def dragEnterEvent(self, event) -> None:
        if self._dropped_layer_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.add_layer_files(self._dropped_layer_paths(event))
        event.acceptProposedAction()

    def _update_title(self) -> None:
        title = self.document.title or self.tr("Untitled map")
        self.setWindowTitle(f"{title}[*] — GISMap")

    # -- layers ---------------------------------------------------------------------------
    def choose_layer_files(self) -> None:
        filters = self.tr("Vector layers and site lists ({0} {1});;Site lists with longitude and latitude ({1});;"
                          "All files (*)").format(VECTOR_PATTERNS, SITE_PATTERNS)
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add Layer"), "", filters)
        self.add_layer_files([Path(path) for path in paths])

    def add_layer_files(self, paths: list[Path]) -> None:
        """Add each file as a layer; for site lists, ask once the coordinate system of their coordinates
        (site lists are left out when the question is cancelled)."""
        site_lists = [path for path in paths if path.suffix.lower() in SITE_TABLE_SUFFIXES]
        crs = None
        if site_lists:
            from gismap.ui.crs_choice import SiteListCrsDialog

            dialog = SiteListCrsDialog([path.name for path in site_lists], self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                crs = dialog.crs()
            else:
                paths = [path for path in paths if path not in site_lists]
        for path in paths:
            self.add_layer_file(path, crs if path in site_lists else None)

    def add_layer_file(self, path: Path, crs: str | None = None) -> MapLayer:
        """Add ``path`` as a layer; ``crs``: the coordinate system of a site list's coordinates (``EPSG:9210``)."""
        layer = self.document.add_layer(MapLayer(name=path.stem, source=path, crs=crs))
        self.layer_panel.select_layer(layer)  # as in QGIS, a new layer becomes the current one
        self.load_layers([layer])
        return layer

    def load_layers(self, layers: list[MapLayer] | None = None) -> None:
        """Read the given (default: all unloaded) layers in the background, with progress."""
        pending = [layer for layer in (layers or self.document.layers) if layer.data is None]
        if not pending:
            return
        self.progress.show()
        # A document that knows its view (a project, the default map) opens on it.
        initial_extent = self.document.extent
        zoom_after = self.canvas.viewport is None or self.document.full_extent() is None

        # Drafts thinned for the view they will be drawn in (a canvas not laid out yet: a default).
        draft_cell = self.canvas.draft_cell(initial_extent if zoom_after else self.canvas.viewport) \
            if self.canvas.isVisible() else None
        for layer in pending:
            run_in_background(
                lambda context, layer=layer: layer.load(draft=self._draft_request(
                    context, layer, zoom_after, initial_extent, draft_cell, alone=len(pending) == 1)),
                on_done=lambda _data, layer=layer: self._layer_loaded(layer, pending, zoom_after, initial_extent),
                on_error=lambda error, layer=layer: self._layer_failed(layer, error, pending),
                owner=self,
            )

    def _draft_request(self, context: TaskContext, layer: MapLayer, zoom: bool, extent, cell,
                       alone: bool) -> DraftRequest:
        """A draft of ``layer`` for the canvas (thinned to ``cell``, None: the default), asked for on
        the loading thread of ``context``; its delivery has the canvas draw it (after a ``zoom`` to
        ``extent``, as :meth:`_zoom_after_loading`). A layer read ``alone`` goes on reading once that
        frame is drawn, so that the frame has the cores to itself (for :data:`DRAFT_FRAME_WAIT`
        seconds at most); beside others it would only hold up theirs."""
        def deliver(draft: LayerDraft) -> None:
            drawn = threading.Event()
            context.call_in_gui(lambda: self._show_draft(layer, draft, zoom, extent, drawn))
            if alone:
                drawn.wait(DRAFT_FRAME_WAIT)

        return DraftRequest(deliver) if cell is None else DraftRequest(deliver, cell=cell)

    def _show_draft(self, layer: MapLayer, draft: LayerDraft, zoom: bool, extent, drawn: threading.Event) -> None:
        self.document.show_draft(layer, draft)
        self._zoom_after_loading(zoom, extent)
        self.canvas.after_next_frame(drawn.set)

    def _layer_loaded(self, layer: MapLayer, pending: list[MapLayer], zoom_after: bool,
                      initial_extent) -> None:
        self.document.loaded(layer)
        for warning in layer.data.warnings:
            self.statusBar().showMessage(f"{layer.name}: {translated(warning)}", 8000)
        self._loading_step(pending)
        self._zoom_after_loading(zoom_after, initial_extent)

    def _zoom_after_loading(self, zoom: bool, extent) -> None:
        """A map that had nothing to show opens on its view (``extent``, a project's) or on all of it."""
        if zoom:
            if extent is not None:
                self.canvas.zoom_to(extent, margin=0)
            else:
                self.canvas.zoom_full()

    def _layer_failed(self, layer: MapLayer, error: Exception, pending: list[MapLayer]) -> None:
        """The layer stays in the map (and in a project saved now) with a warning; the others draw."""
        self.document.loaded(layer, error)
        self._loading_step(pending)
        self.statusBar().showMessage(self.tr("Cannot load layer {0}: {1}").format(layer.name, error_text(error)),
                                     15000)

    def _loading_step(self, pending: list[MapLayer]) -> None:
        done = sum(layer.data is not None or layer.load_error is not None or layer not in self.document.layers
                   for layer in pending)
        self.progress.setValue(int(100 * done / len(pending)))
        if done == len(pending):
            self.progress.hide()
