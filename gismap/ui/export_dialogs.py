"""Export dialogs: map snapshot (PNG/SVG/PDF), layer export and interactive HTML.

Each dialog only collects options; the files are written by the engines
(:func:`gismap.render.output.render_map`, :func:`gismap.core.export.export_layer`) on the
thread pool, with a progress dialog whose Cancel leaves the target untouched: the engine
writes into a temporary folder and the result is moved beside the target only if the user
did not cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from gismap.core.atomic import atomic_dataset
from gismap.core.document import MAX_TEXT_LENGTH, MapDocument, MapLayer
from gismap.core.errors import GismapError
from gismap.core.feedback import Feedback
from gismap.core.inputs import refuse_overwriting
from gismap.render.output import render_map
from gismap.ui.crs_choice import CrsChooser
from gismap.ui.i18n import current_language, error_text
from gismap.ui.tasks import Task, run_in_background


class _ExportDialog(QDialog):
    """Target file, engine options and a background run with progress and Cancel.

    Subclasses add their options in :meth:`_build_options` and return the writing function
    from :meth:`writer`.
    """

    exported = Signal(Path)  # the file written

    FORMATS: tuple[tuple[str, str], ...] = ()  # (suffix, description)

    def __init__(self, document: MapDocument, default_name: str, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self._task: Task | None = None
        self.progress: QProgressDialog | None = None
        self.written: Path | None = None
        self.path_edit = QLineEdit(self)
        self.path_edit.setText(str(Path.home() / f"{default_name}{self.FORMATS[0][0]}"))
        self.path_edit.textEdited.connect(self._typed)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.format_combo = QComboBox(self)
        for suffix, description in self.FORMATS:
            self.format_combo.addItem(description, suffix)
        self.format_combo.currentIndexChanged.connect(self._format_chosen)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.form = QFormLayout()
        self.form.addRow(self.tr("File"), path_row)
        self.form.addRow(self.tr("Format"), self.format_combo)
        self._build_options()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.setMinimumWidth(560)  # room for a whole path and a message
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _build_options(self) -> None:
        """Add the engine's options to ``self.form``."""

    def writer(self) -> Callable[[Path, Feedback], None]:
        """A function writing the export to the path it is given, with the task's feedback
        (runs off the GUI thread)."""
        raise NotImplementedError

    @property
    def busy(self) -> bool:
        """Whether an export is running."""
        return self._task is not None

    @property
    def target(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def set_target(self, path: str | Path) -> None:
        """Choose the output file; its suffix selects the format."""
        path = Path(path)
        self.path_edit.setText(str(path))
        index = self.format_combo.findData(path.suffix.lower())
        if index >= 0:
            self.format_combo.setCurrentIndex(index)

    def _browse(self) -> None:
        filters = ";;".join("{0} (*{1})".format(description, suffix) for suffix, description in self.FORMATS)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), str(self.target), filters)
        if path:
            self.set_target(path)

    def _typed(self, text: str) -> None:
        """A typed file name with a known suffix chooses the format, as a chosen file does."""
        index = self.format_combo.findData(Path(text.strip()).suffix.lower())
        if index >= 0 and index != self.format_combo.currentIndex():
            self.format_combo.blockSignals(True)  # keep the text as typed
            self.format_combo.setCurrentIndex(index)
            self.format_combo.blockSignals(False)

    def _format_chosen(self) -> None:
        self.path_edit.setText(str(self.target.with_suffix(self.format_combo.currentData())))

    # -- running ------------------------------------------------------------------------------
    def export(self) -> None:
        """Write the export in the background; :attr:`exported` is emitted when the file is there."""
        target = self.target
        if target.suffix.lower() != self.format_combo.currentData():
            target = target.with_suffix(self.format_combo.currentData())
        try:
            refuse_overwriting([target], self.document.input_files())
            write = self.writer()
        except GismapError as exc:
            self._say(error_text(exc))
            return
        self.message.clear()
        self.buttons.setEnabled(False)
        self.progress = QProgressDialog(self.tr("Writing {0}…").format(target.name), self.tr("Cancel"), 0, 0, self)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.cancel)
        self.progress.show()

        def run(context) -> Path:
            # Written beside the target under a temporary name, moved in place only when not
            # cancelled: engines write in one go and cannot stop half-way.
            with atomic_dataset(target) as tmp:
                write(tmp, context)
                context.check()
            return target

        self._task = run_in_background(run, on_done=self._done, on_error=self._failed,
                                       on_progress=self._progressed)

    def _progressed(self, fraction: float, text: str) -> None:
        progress = self.progress
        if progress is None:
            return
        if text:
            progress.setLabelText(self.tr("Writing {0}…").format(text))
        progress.setMaximum(100)
        # A modal progress dialog handles events in setValue: the export may finish (and drop
        # self.progress) right there, so nothing of self.progress is used after it.
        progress.setValue(round(100 * fraction))

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._finish(self.tr("Export cancelled; no file was written."))

    def _done(self, path: Path) -> None:
        self._task = None
        self.written = path
        self._finish(self.tr("Wrote {0}").format(path))
        self.exported.emit(path)
        self.accept()

    def _failed(self, error: Exception) -> None:
        if self._task is None:  # cancelled: already reported
            return
        self._task = None
        self._finish(error_text(error))

    def _finish(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self._say(message)
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress = None

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.adjustSize()  # a long message wraps onto more lines: make room for them

    def reject(self) -> None:
        if self._task is not None:
            self.cancel()
        super().reject()


class MapSnapshotDialog(_ExportDialog):
    """The map as a picture or a printable page: size, DPI, format, title and subtitle."""

    FORMATS = ((".png", "PNG"), (".svg", "SVG"), (".pdf", "PDF"))

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(document, "map", parent)
        self.setWindowTitle(self.tr("Export Map"))

    def _build_options(self) -> None:
        self.width_spin = QSpinBox(self)
        self.height_spin = QSpinBox(self)
        for spin, value in ((self.width_spin, 1600), (self.height_spin, 1000)):
            spin.setRange(200, 20000)
            spin.setValue(value)
            spin.setSuffix(self.tr(" px"))
        self.dpi_spin = QSpinBox(self)
        self.dpi_spin.setRange(30, 1200)
        self.dpi_spin.setValue(150)
        self.title_edit = QLineEdit(self.document.title, self)
        self.subtitle_edit = QLineEdit(self.document.subtitle, self)
        for edit in (self.title_edit, self.subtitle_edit):
            edit.setMaxLength(MAX_TEXT_LENGTH)
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_spin)
        size_row.addWidget(QLabel("×", self))
        size_row.addWidget(self.height_spin)
        self.form.addRow(self.tr("Size"), size_row)
        self.form.addRow(self.tr("Resolution (DPI)"), self.dpi_spin)
        self.form.addRow(self.tr("Title"), self.title_edit)
        self.form.addRow(self.tr("Subtitle"), self.subtitle_edit)

    def writer(self) -> Callable[[Path], None]:
        # The title belongs to the map: it stays on the document for the window and later exports.
        self.document.set_title(self.title_edit.text(), self.subtitle_edit.text())
        document, language = self.document, current_language()
        size, dpi = (self.width_spin.value(), self.height_spin.value()), self.dpi_spin.value()
        return lambda path, feedback: render_map(document, path, size=size, dpi=dpi, language=language,
                                                 feedback=feedback)


class HtmlExportDialog(_ExportDialog):
    """The map as an interactive web page; optionally working without Internet access."""

    FORMATS = ((".html", "HTML"),)

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(document, "map", parent)
        self.setWindowTitle(self.tr("Export Web Map"))

    def _build_options(self) -> None:
        self.offline_check = QCheckBox(self.tr("Works offline (Leaflet included in the file)"), self)
        self.form.addRow(self.offline_check)

    def writer(self) -> Callable[[Path], None]:
        document, language, offline = self.document, current_language(), self.offline_check.isChecked()
        return lambda path, feedback: render_map(document, path, language=language, offline=offline,
                                                 feedback=feedback)


class LayerExportDialog(_ExportDialog):
    """One layer with its attributes (joined indicators included) as a GIS file."""

    FORMATS = ((".gpkg", "GeoPackage"), (".shp", "ESRI Shapefile"), (".geojson", "GeoJSON"),
               (".kml", "KML"), (".fgb", "FlatGeobuf"), (".csv", "CSV"), (".xlsx", "Excel"))

    def __init__(self, document: MapDocument, map_layer: MapLayer, parent=None) -> None:
        self.map_layer = map_layer
        super().__init__(document, Path(map_layer.source).stem, parent)
        self.setWindowTitle(self.tr("Export Layer {0}").format(map_layer.name))

    def _build_options(self) -> None:
        self.details_check = QCheckBox(self.tr("Include how each commune was joined (matched, method)"), self)
        self.form.addRow(self.details_check)
        self.crs_chooser = CrsChooser("export/crs", self)  # the system to write, remembered for the next export
        self.form.addRow(self.crs_chooser)

    def writer(self) -> Callable[[Path, Feedback], None]:
        from gismap.core.export import export_layer

        if self.map_layer.data is None:
            raise GismapError(self.tr("{0} is not loaded yet; wait until it is drawn.").format(self.map_layer.name))
        if not self.crs_chooser.is_complete():
            raise GismapError(self.tr("Choose the central meridian of the VN-2000 zone to export in."))
        data, details, crs = self.map_layer.data, self.details_check.isChecked(), self.crs_chooser.crs()
        self.crs_chooser.remember()

        def write(path: Path, feedback: Feedback) -> None:
            data.wait_repaired()  # in the background thread: exported geometry is the repaired one
            # A staging path: the target was checked against the inputs.
            export_layer(data.frame, path, join_details=details, feedback=feedback, crs=crs)

        return write
