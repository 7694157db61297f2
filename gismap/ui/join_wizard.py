"""The join wizard: attach a coverage table (CSV/XLSX) to a commune layer, step by step.

Pages: choose the table (and sheet) → preview what was parsed → confirm or override the key
and column mappings → read the match report and resolve ambiguous or unmatched rows → apply.
All reading and joining goes through :mod:`gismap.core.tables` and :mod:`gismap.core.join`
on the thread pool; the wizard only collects the user's choices. The choices are stored on
the layer (``map_layer.join``) so a project file can replay the join.

The column mapping a user applies (how rows are matched, the meaning given to columns) is
remembered for the set of headers (:class:`MappingMemory`): the next table with the same
headers, this year's report after last year's, opens with the same mapping.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gismap.core.document import MapDocument, MapLayer
from gismap.core.indicators import INDICATORS
from gismap.core.join import JoinReport, is_province_layer
from gismap.core.recipe import Derived, JoinStep
from gismap.core.tables import WORKBOOK_SUFFIXES, ParsedTable, list_sheets, read_table
from gismap.ui.i18n import error_text, translated
from gismap.ui.legend_panel import indicator_label
from gismap.ui.project_io import SettingsStore
from gismap.ui.tasks import Task, run_in_background

PREVIEW_ROWS = 20
LEAVE_UNMATCHED = ""  # resolution combo value: no commune picked
KEY_ROLES_SHOWN = ("code", "name")


def key_words(role: str, found_by: str | None, level: str = "commune") -> tuple[str, str]:
    """What a key column holds and how it was chosen, in the interface language."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("JoinWizard", text)

    if level == "province":
        what = tr("province code") if role == "code" else tr("province name")
    else:
        what = tr("commune code") if role == "code" else tr("commune name")
    why = {"header": tr("recognised by its header"),
           "values": tr("chosen by its values, which name units of the layer"),
           "hand": tr("as you chose")}.get(found_by or "", "")
    return what, why


class MappingMemory:
    """The column mappings applied, keyed by a table's set of headers, in the user's settings."""

    PREFIX = "join/mappings/"

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()
        self._store = SettingsStore(self._settings)

    @classmethod
    def setting(cls, headers) -> str:
        """The settings key of a set of headers (order and repetition do not matter)."""
        text = json.dumps(sorted(set(map(str, headers))), ensure_ascii=False)
        return cls.PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]

    def recall(self, headers) -> dict | None:
        """``{"key": ..., "overrides": {header: meaning}}`` last applied to these headers, or None."""
        mapping = self._store.get(self.setting(headers))
        return mapping if isinstance(mapping, dict) else None

    def remember(self, headers, key: str, overrides: dict[str, str | None]) -> None:
        """Keep the mapping for these headers; one that changes nothing from detection is forgotten."""
        if key == "auto" and not overrides:
            self._settings.remove(self.setting(headers))
        else:
            self._store[self.setting(headers)] = {"key": key, "overrides": overrides}


class JoinReportPanel(QWidget):
    """A readable summary of a :class:`JoinReport` and its full text; dockable."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("joinReportPanel")
        self.report: JoinReport | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        self.show_report(None)

    def show_report(self, report: JoinReport | None, map_layer: MapLayer | None = None) -> None:
        self.report = report
        if report is None:
            self.summary.setText(self.tr("No table joined yet."))
            self.details.clear()
            return
        data = report.to_dict()
        methods = data["by_method"]
        lines = [
            self.tr("{0}: {1} rows matched — {2} by code, {3} by name, {4} through the legacy crosswalk, "
                    "{5} resolved by hand.").format(
                data["source"], data["matched"], methods.get("code", 0), methods.get("name", 0),
                methods.get("crosswalk", 0), methods.get("resolved", 0)),
            (self.tr("{0} provinces have data; {1} provinces have none.") if report.level == "province" else
             self.tr("{0} communes have data; {1} communes have none.") if not report.outside_table_provinces else
             self.tr("{0} communes have data; {1} communes of the provinces the table covers have none "
                     "({2} communes of other provinces are not counted).")).format(
                data["communes_with_data"], len(data["unmatched_boundaries"]), report.outside_table_provinces),
        ]
        if map_layer is not None:
            lines.insert(0, self.tr("Layer: {0}").format(map_layer.name))
        if report.key_column:
            lines.append(self.key_text(report))
        if data["legacy"] and report.level == "province":
            lines.append(self.tr("Legacy table (the 63 provinces before 2025) detected: each added into the 2025 "
                                 "province it became part of."))
        elif data["legacy"]:
            lines.append(self.tr("Legacy table (pre-2025 communes) detected: converted through the crosswalk."))
        # tr's third argument picks the plural form of %n for the language.
        for text, count in ((self.tr("%n table row(s) not matched.", "", len(data["unmatched_rows"])),
                             len(data["unmatched_rows"])),
                            (self.tr("%n row(s) ambiguous (not applied).", "", len(data["ambiguous"])),
                             len(data["ambiguous"])),
                            (self.tr("%n commune(s) appear twice (not applied).", "", len(data["duplicates"])),
                             len(data["duplicates"])),
                            (self.tr("%n row(s) excluded (totals, notes).", "", len(data["excluded_rows"])),
                             len(data["excluded_rows"]))):
            if count:
                lines.append(text)
        self.summary.setText("\n".join(lines))
        self.details.setPlainText(report.to_text(translated))

    def key_text(self, report: JoinReport) -> str:
        """Which column the rows were matched by, and why that one."""
        role, why = key_words(report.key, report.key_found_by, report.level)
        return self.tr("Rows matched by the column '{0}' ({1}), {2}.").format(report.key_column, role, why)

    def clear(self) -> None:
        self.show_report(None)


class _TablePage(QWizardPage):
    """Choose the table file and, for a workbook, the sheet."""

    def __init__(self, wizard: JoinWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose a table"))
        self.setSubTitle(self.tr("A CSV or Excel report with one row per commune."))
        self.path_edit = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setEnabled(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Table file"), row)
        form.addRow(self.tr("Sheet"), self.sheet_combo)
        form.addRow(self.message)
        self.path_edit.textChanged.connect(self._path_changed)

    @property
    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    @property
    def sheet(self) -> str | None:
        return self.sheet_combo.currentText() or None

    def isComplete(self) -> bool:
        path = self.path
        workbook = path is not None and path.suffix.lower() in WORKBOOK_SUFFIXES
        return path is not None and path.is_file() and (not workbook or self.sheet_combo.count() > 0)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a table"), "",
                                              self.tr("Tables (*.xlsx *.xls *.ods *.csv *.tsv *.txt);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def _path_changed(self) -> None:
        self.sheet_combo.clear()
        self.sheet_combo.setEnabled(False)
        self.message.clear()
        path = self.path
        if path is not None and path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
            # Opening a workbook can take a moment: list its sheets off the GUI thread.
            run_in_background(lambda _context: list_sheets(path),
                              on_done=lambda sheets: self._sheets_listed(path, sheets),
                              on_error=lambda error: self.message.setText(error_text(error)))
        self.completeChanged.emit()

    def _sheets_listed(self, path: Path, sheets: list[str]) -> None:
        if path != self.path:  # the user picked another file meanwhile
            return
        chosen = self.sheet  # set_table may have named the sheet already
        self.sheet_combo.clear()
        self.sheet_combo.addItems(sheets)
        if chosen in sheets:
            self.sheet_combo.setCurrentText(chosen)
        self.sheet_combo.setEnabled(len(sheets) > 1)
        self.completeChanged.emit()


class _PreviewPage(QWizardPage):
    """What the parser understood: the header, the first rows and the rows set aside."""

    def __init__(self, wizard: JoinWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Preview"))
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.rows = QTableWidget(self)
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.excluded = QPlainTextEdit(self)
        self.excluded.setReadOnly(True)
        self.excluded.setMaximumHeight(90)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.progress)
        layout.addWidget(self.rows, 1)
        layout.addWidget(QLabel(self.tr("Rows set aside (totals, notes, column numbers):"), self))
        layout.addWidget(self.excluded)

    def initializePage(self) -> None:
        self.rows.clear()
        self.excluded.clear()
        self.info.setText(self.tr("Reading the table…"))
        self.progress.show()
        self._wizard.read_table()

    def isComplete(self) -> bool:
        return self._wizard.parsed is not None

    def show_table(self, parsed: ParsedTable) -> None:
        self.progress.hide()
        raw = parsed.raw
        self.info.setText(self.tr("Header on row {0}; {1} data rows; {2} rows set aside.").format(
            ", ".join(map(str, parsed.header_rows)), len(raw), len(parsed.excluded_rows)))
        shown = raw.head(PREVIEW_ROWS)
        self.rows.setColumnCount(len(shown.columns))
        self.rows.setRowCount(len(shown))
        self.rows.setHorizontalHeaderLabels([str(c) for c in shown.columns])
        self.rows.setVerticalHeaderLabels([str(r) for r in shown.index])
        for i, values in enumerate(shown.itertuples(index=False)):
            for j, value in enumerate(values):
                self.rows.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
        self.excluded.setPlainText("\n".join(
            self.tr("row {0} ({1}): {2}").format(item["row"], translated(item["reason"]), item["text"])
            for item in parsed.excluded_rows))
        self.completeChanged.emit()

    def show_error(self, error: Exception) -> None:
        self.progress.hide()
        self.info.setText(error_text(error))


class _MappingPage(QWizardPage):
    """The key and the meaning of every column, as detected; each can be changed."""

    def __init__(self, wizard: JoinWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Check what each column holds; change any that was misread."))
        self.key_combo = QComboBox(self)
        for key, label in (("auto", self.tr("Detect")), ("code", self.tr("Commune code")),
                           ("name", self.tr("Commune name"))):
            self.key_combo.addItem(label, key)
        self.province_combo = QComboBox(self)
        self.columns = QTableWidget(0, 3, self)
        self.columns.setHorizontalHeaderLabels([self.tr("Column"), self.tr("First value"), self.tr("Meaning")])
        self.columns.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.key_note = QLabel(self)
        self.key_note.setWordWrap(True)
        self.memory_note = QLabel(self.tr("Filled in as you mapped the last table with the same columns."), self)
        self.memory_note.setWordWrap(True)
        self.memory_note.hide()
        form = QFormLayout()
        form.addRow(self.tr("Match rows by"), self.key_combo)
        form.addRow(self.tr("Province"), self.province_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.memory_note)
        layout.addLayout(form)
        layout.addWidget(self.key_note)
        layout.addWidget(self.columns, 1)

    def _meanings(self) -> list[tuple[str, str | None]]:
        keys = [("code", self.tr("Key: commune code")), ("name", self.tr("Key: commune name")),
                ("prov_code", self.tr("Key: province code")), ("prov_name", self.tr("Key: province name")),
                ("district", self.tr("Key: district (before 2025)")),
                ("district_code", self.tr("Key: district code (before 2025)"))]
        indicators = [(name, "{0} — {1}".format(indicator_label(name), name))
                      for name, spec in INDICATORS.items() if not spec.derived]
        return [(self.tr("Keep under its own name"), None)] + [(label, key) for key, label in keys + indicators]

    def initializePage(self) -> None:
        parsed = self._wizard.parsed
        self.province_combo.clear()
        self.province_combo.addItem(self.tr("From the table, or any"), None)
        frame = self._wizard.map_layer.data.frame
        names = frame["prov_name"] if "prov_name" in frame else frame["prov_code"]
        for code, name in sorted(set(zip(frame["prov_code"], names))):
            self.province_combo.addItem("{0} ({1})".format(name, code), code)
        meanings = self._meanings()
        self.columns.setRowCount(len(parsed.columns))
        for i, (header, canonical) in enumerate(parsed.columns.items()):
            first = parsed.raw[header].dropna()
            self.columns.setItem(i, 0, QTableWidgetItem(header))
            self.columns.setItem(i, 1, QTableWidgetItem(str(first.iloc[0]) if len(first) else ""))
            combo = QComboBox(self.columns)
            for label, value in meanings:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(canonical), 0))
            combo.currentIndexChanged.connect(self._show_key)
            self.columns.setCellWidget(i, 2, combo)
        self.columns.resizeColumnsToContents()
        remembered = self._wizard.memory.recall(parsed.columns)
        self.memory_note.setVisible(remembered is not None)
        if remembered is not None:
            self.key_combo.setCurrentIndex(max(self.key_combo.findData(remembered.get("key", "auto")), 0))
            for header, canonical in (remembered.get("overrides") or {}).items():
                if header in parsed.columns:
                    self.set_mapping(header, canonical)
        self._show_key()

    def _show_key(self) -> None:
        """Say which column is the key, or warn that none is (the join then looks at the values)."""
        chosen = self.chosen()
        by_province = is_province_layer(self._wizard.map_layer.data.frame)
        # A layer of provinces is matched by a province column, or by a code or name column holding provinces.
        shown = {role: role for role in KEY_ROLES_SHOWN}
        if by_province:
            shown |= {"prov_code": "code", "prov_name": "name"}
        keys = [(header, shown[role]) for header, role in chosen.items() if role in shown]
        if not keys and by_province:
            self.key_note.setText(self.tr("No column is marked as the province code or name. GISMap will look for "
                                          "one by its values; if it finds none, mark the key column below."))
            return
        if not keys:
            self.key_note.setText(self.tr("No column is marked as the commune code or name. GISMap will look for "
                                          "one by its values; if it finds none, mark the key column below."))
            return
        detected = self._wizard.parsed.columns
        level = "province" if by_province else "commune"
        self.key_note.setText("\n".join(
            self.tr("Key column: '{0}' ({1}), {2}.").format(
                header, *key_words(role, "header" if detected[header] == chosen[header] else "hand", level))
            for header, role in keys))

    def set_mapping(self, header: str, canonical: str | None) -> None:
        """Map ``header`` to a canonical indicator or key role (``None``: keep its own name)."""
        row = list(self._wizard.parsed.columns).index(header)
        combo: QComboBox = self.columns.cellWidget(row, 2)
        combo.setCurrentIndex(combo.findData(canonical))

    def chosen(self) -> dict[str, str | None]:
        """Header → the meaning its row shows now."""
        return {header: self.columns.cellWidget(i, 2).currentData() for i, header in enumerate(self._wizard.parsed.columns)}

    def overrides(self) -> dict[str, str | None]:
        """Only the mappings the user changed from what was detected."""
        detected = self._wizard.parsed.columns
        return {header: target for header, target in self.chosen().items() if target != detected[header]}


class _ReportPage(QWizardPage):
    """The match report, and a commune to pick for each ambiguous or unmatched row."""

    def __init__(self, wizard: JoinWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Match report"))
        self.setSubTitle(self.tr("Pick the right commune for rows that could not be matched with certainty, "
                                 "then apply."))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.report_view = JoinReportPanel(self)
        self.problems = QTableWidget(0, 3, self)
        self.problems.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Problem"), self.tr("Commune")])
        self.problems.verticalHeader().hide()
        self.problems.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.recheck = QPushButton(self.tr("Check again with these picks"), self)
        self.recheck.clicked.connect(self._wizard.run_preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.recheck, 0, Qt.AlignmentFlag.AlignRight)

    def initializePage(self) -> None:
        self._wizard.run_preview()

    def isComplete(self) -> bool:
        return self._wizard.preview is not None and not self._wizard.busy

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.recheck.setEnabled(not busy)
        self.completeChanged.emit()

    def show_result(self, report: JoinReport) -> None:
        self.report_view.show_report(report)
        communes = self._wizard.communes()
        problems = ([(item["row"], self.tr("'{0}' is ambiguous").format(item["name"]), item["candidates"])
                     for item in report.ambiguous]
                    + [(item["row"], translated(item["reason"]), []) for item in report.unmatched_rows])
        self.problems.setRowCount(len(problems))
        for i, (row, problem, candidates) in enumerate(sorted(problems, key=lambda p: p[0])):
            self.problems.setItem(i, 0, QTableWidgetItem(str(row)))
            self.problems.setItem(i, 1, QTableWidgetItem(problem))
            self.problems.setCellWidget(i, 2, self._commune_combo(row, candidates, communes))
        self.problems.resizeColumnToContents(0)

    def _commune_combo(self, row: int, candidates: list[dict], communes: list[tuple[str, str]]) -> QComboBox:
        """Candidates first (with their scores), then every commune of the layer; type to search."""
        combo = QComboBox(self.problems)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem(self.tr("(leave unmatched)"), LEAVE_UNMATCHED)
        for candidate in candidates:
            combo.addItem(self.tr("{0} ({1}) — score {2:.2f}").format(
                candidate["name"], candidate["code"], candidate["score"]), candidate["code"])
        for code, label in communes:
            combo.addItem(label, code)
        combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCurrentIndex(max(combo.findData(self._wizard.resolutions.get(row, LEAVE_UNMATCHED)), 0))
        combo.currentIndexChanged.connect(lambda _index: self._wizard.resolve(row, combo.currentData()))
        combo.setProperty("table_row", row)
        return combo

    def combo_for_row(self, row: int) -> QComboBox | None:
        for i in range(self.problems.rowCount()):
            combo = self.problems.cellWidget(i, 2)
            if combo.property("table_row") == row:
                return combo
        return None


class JoinWizard(QWizard):
    """Joins a table to ``map_layer`` of ``document``; emits :attr:`join_applied` when done."""

    join_applied = Signal(object, object)  # MapLayer, JoinReport

    def __init__(self, document: MapDocument, map_layer: MapLayer, parent=None,
                 memory: MappingMemory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinWizard")
        self.memory = memory or MappingMemory()
        self.setWindowTitle(self.tr("Join a table to {0}").format(map_layer.name))
        self.document = document
        self.map_layer = map_layer
        self.parsed: ParsedTable | None = None
        self.preview: Derived | None = None  # the layer with the join previewed, not yet shown
        self._preview_step: JoinStep | None = None  # the choices the preview was joined with
        self.resolutions: dict[int, str] = {}
        self.busy = False
        self._task: Task | None = None
        self.table_page = _TablePage(self)
        self.preview_page = _PreviewPage(self)
        self.mapping_page = _MappingPage(self)
        self.report_page = _ReportPage(self)
        for page in (self.table_page, self.preview_page, self.mapping_page, self.report_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Apply"))
        self.resize(760, 560)

    # -- choices ---------------------------------------------------------------------------------
    def set_table(self, path: str | Path, sheet: str | None = None) -> None:
        """Choose the table (as the first page does); ``sheet`` for a workbook."""
        self.table_page.path_edit.setText(str(path))
        if sheet is not None:
            self.table_page.sheet_combo.clear()
            self.table_page.sheet_combo.addItem(sheet)

    def resolve(self, row: int, code: str) -> None:
        """Assign table ``row`` to commune ``code`` (empty: leave it unmatched)."""
        if code:
            self.resolutions[int(row)] = code
        else:
            self.resolutions.pop(int(row), None)

    def join_step(self) -> JoinStep:
        """The recipe step of the user's choices, added to the layer on Finish."""
        return JoinStep(
            table=self.table_page.path.resolve(),
            sheet=self.table_page.sheet,
            province=self.mapping_page.province_combo.currentData(),
            key=self.mapping_page.key_combo.currentData(),
            column_overrides=self.mapping_page.overrides(),
            resolutions=dict(sorted(self.resolutions.items())),
        )

    def communes(self) -> list[tuple[str, str]]:
        """(code, "name — code (province)") of every commune of the layer, by name."""
        frame = self.map_layer.data.frame
        provinces = frame["prov_name"] if "prov_name" in frame else frame["prov_code"]
        rows = sorted(zip(frame["name"], frame["code"], provinces))
        return [(code, "{0} — {1} ({2})".format(name, code, province)) for name, code, province in rows]

    # -- background work -----------------------------------------------------------------------
    def read_table(self) -> None:
        path, sheet = self.table_page.path, self.table_page.sheet
        self.parsed = None
        self._start(lambda context: read_table(path, sheet=sheet, feedback=context),
                    on_done=self._table_read, on_error=self.preview_page.show_error)

    def _table_read(self, parsed: ParsedTable) -> None:
        self.parsed = parsed
        self.preview_page.show_table(parsed)

    def run_preview(self) -> None:
        """Join with the current choices to show the report (the layer is not touched)."""
        self.preview = None
        self._preview_step = self.join_step()
        self.report_page.set_busy(True)
        self._start(self._join_task(), on_done=self._previewed, on_error=self._preview_failed)

    def _previewed(self, derived: Derived) -> None:
        self.preview = derived
        self.report_page.set_busy(False)
        self.report_page.show_result(derived.reports[-1])

    def _preview_failed(self, error: Exception) -> None:
        self.report_page.set_busy(False)
        self.report_page.report_view.summary.setText(error_text(error))

    def _join_task(self):
        step, parsed, map_layer, message = self.join_step(), self.parsed, self.map_layer, self.tr("Joining…")

        def join(context) -> Derived:
            context.set_progress(0.0, message)
            map_layer.inputs.put(step, parsed)  # read already: not read again
            return map_layer.derive([*map_layer.recipe, step], context)  # earlier joins keep their columns

        return join

    def _start(self, fn, on_done, on_error) -> None:
        if self._task is not None:
            # Work the user has moved on from (another table chosen, Back and Next): stopped, and
            # its result never replaces the new one.
            self._task.cancel()
        self.busy = True

        def done(result) -> None:
            self.busy = False
            on_done(result)

        def failed(error: Exception) -> None:
            self.busy = False
            on_error(error)

        self._task = run_in_background(fn, on_done=done, on_error=failed)

    # -- finish ------------------------------------------------------------------------------
    def accept(self) -> None:
        """Run the join with the user's picks, then put the result on the layer."""
        if self.busy:
            return
        step = self.join_step()
        if self.preview is not None and step == self._preview_step:
            self._apply(self.preview, step)  # the preview is this very join: not run twice
            return
        self.report_page.set_busy(True)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self._start(self._join_task(), on_done=lambda derived: self._apply(derived, step),
                    on_error=self._apply_failed)

    def _apply(self, derived: Derived, step: JoinStep) -> None:
        self.memory.remember(self.parsed.columns, step.key, step.column_overrides)
        self.document.add_step(self.map_layer, step, derived)
        self.join_applied.emit(self.map_layer, derived.reports[-1])
        super().accept()

    def _apply_failed(self, error: Exception) -> None:
        self._preview_failed(error)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()  # its result is dropped; the layer stays as it was
        super().reject()
