"""Filling in a province's report form (an Excel workbook) with a layer's indicators, in place.

The form's commune column is a key like any table's: the form is read as a table
(:func:`gismap.core.tables.read_table`: title rows, a merged two-row header, total rows set
aside) and its rows are matched to the layer's communes as a join matches them
(:func:`gismap.core.join.match_rows`). Each indicator column of the form that the layer holds
is written for the rows matched with certainty; a row not matched, ambiguous or naming a
commune twice is left as it is and reported. Everything else (other sheets, merged ranges,
column widths, row heights, fonts, borders, number formats, formulas) stays as openpyxl loads
it. The result is a new file, written atomically; the form is never written over.

A cell keeps its number format: under a ``%`` format a share is written as its fraction
(98.5 → 0.985, shown 98,5%), otherwise as GISMap holds it (98.5 under a header "... (%)").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from gismap.core.atomic import atomic_path
from gismap.core.errors import QT_TRANSLATE_NOOP, Message, TableError
from gismap.core.indicators import INDICATORS
from gismap.core.inputs import refuse_overwriting
from gismap.core.join import JoinReport, match_rows
from gismap.core.tables import normalise_code, read_table

TEMPLATE_SUFFIXES = (".xlsx",)  # what openpyxl keeps formatting of; .xlsm would lose its macros


@dataclass
class TemplateFill:
    """What :func:`fill_template` wrote, and what it left alone."""

    template: str
    sheet: str
    out: Path
    columns: dict[str, str]  # form header → indicator written under it
    missing: dict[str, str]  # form header → indicator the layer does not hold (column left as it is)
    filled_rows: dict[int, str]  # sheet row → commune code written
    without_data: dict[int, str] = field(default_factory=dict)  # matched rows whose commune has none of the values
    formulas: list[str] = field(default_factory=list)  # cells computed by a formula, left as they are
    report: JoinReport | None = None  # how the form's rows were matched

    def lines(self) -> list[Message]:
        lines = [Message(QT_TRANSLATE_NOOP(
            "GismapError", "{form} (sheet {sheet}): {rows} communes filled in, columns {columns}; written to {out}"),
            form=self.template, sheet=self.sheet, rows=len(self.filled_rows), out=self.out.name,
            columns=", ".join(f"{h} → {c}" for h, c in self.columns.items()))]
        lines += [Message(QT_TRANSLATE_NOOP("GismapError", "column '{header}': the layer has no {indicator}; left as it is"),
                          header=header, indicator=name) for header, name in self.missing.items()]
        if self.without_data:
            lines.append(Message(QT_TRANSLATE_NOOP(
                "GismapError", "rows {rows}: the layer has no data for these communes; left as they are"),
                rows=", ".join(map(str, self.without_data))))
        if self.formulas:
            lines.append(Message(QT_TRANSLATE_NOOP("GismapError", "cells {cells} hold formulas; left as they are"),
                                 cells=", ".join(self.formulas)))
        if self.report is not None:
            lines += self.report.row_lines()
            lines += [Message(QT_TRANSLATE_NOOP("GismapError", "note: {warning}"), warning=w) for w in self.report.warnings]
        return lines

    def to_text(self, translate: Callable[[str], str] = str) -> str:
        """The lines as text; ``translate`` renders each (English by default)."""
        from gismap.core.errors import render

        return "\n".join(render(line, translate) for line in self.lines())


def fill_template(template: str | Path, layer: gpd.GeoDataFrame | pd.DataFrame, out: str | Path, *,
                  sheet: str | None = None, province: str | None = None, key: str = "auto",
                  column_overrides: dict[str, str | None] | None = None,
                  inputs: tuple[str | Path, ...] = ()) -> TemplateFill:
    """Write ``layer``'s indicators into a copy of the form ``template`` saved as ``out``.

    ``layer`` is a commune layer with its joined indicators (the schema of ``data/shapefiles``:
    ``code``, ``name``, ``prov_code``). ``sheet`` is the form's sheet (default the first);
    ``province``, ``key`` and ``column_overrides`` are as for :func:`gismap.core.join.join_table`.
    ``out`` must be a new ``.xlsx`` name: the form and ``inputs`` (the layer's files) are refused.
    """
    import openpyxl
    from openpyxl.cell import MergedCell

    template, out = Path(template), Path(out)
    for path in (template, out):
        if path.suffix.lower() not in TEMPLATE_SUFFIXES:
            raise TableError(QT_TRANSLATE_NOOP(
                "GismapError", "{file}: a report form is filled in as an Excel workbook (.xlsx); open it in Excel and "
                "save it as .xlsx (Excel Workbook)."), file=path.name)
    refuse_overwriting([out], [template, *inputs])
    parsed = read_table(template, sheet=sheet).with_overrides(column_overrides)
    targets, report = match_rows(layer, parsed, province=province, key=key, column_overrides=column_overrides)
    wanted = {header: name for name, header in parsed.indicators.items()}
    columns = {header: name for header, name in wanted.items() if name in layer.columns}
    missing = {header: name for header, name in wanted.items() if name not in layer.columns}
    if not columns:
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: no column of the form is an indicator of the layer ({columns}). Join the table that "
            "holds them to the layer first, or check the form's header."),
            file=template.name, columns=", ".join(wanted) or "-")

    workbook = openpyxl.load_workbook(template)  # formulas as written, not their cached values
    worksheet = workbook[parsed.sheet]
    values = pd.DataFrame(layer.drop(columns="geometry", errors="ignore")).set_index(
        layer["code"].map(normalise_code).to_numpy())
    fill = TemplateFill(template=template.name, sheet=parsed.sheet, out=out, columns=columns, missing=missing,
                        filled_rows={}, report=report)
    for row, code in targets.items():
        written = False
        for header, name in columns.items():
            cell = worksheet.cell(row=int(row), column=parsed.positions[header] + 1)
            if isinstance(cell, MergedCell):  # inside a merged range: only its first cell holds a value
                continue
            if cell.data_type == "f":
                fill.formulas.append(cell.coordinate)
                continue
            value = values.at[code, name]
            if pd.isna(value):
                continue
            cell.value = _cell_value(float(value), name, cell.number_format or "")
            written = True
        if written:
            fill.filled_rows[int(row)] = code
        else:
            fill.without_data[int(row)] = code
    if workbook.calculation is None:  # a form saved without calculation properties
        from openpyxl.workbook.properties import CalcProperties

        workbook.calculation = CalcProperties()
    workbook.calculation.fullCalcOnLoad = True  # totals under the communes are recomputed on opening
    with atomic_path(out) as tmp:
        workbook.save(tmp)
    return fill


def _cell_value(value: float, indicator: str, number_format: str) -> int | float:
    """``value`` as the form's cell holds it: a share as a fraction under a ``%`` format, a whole count as an integer."""
    spec = INDICATORS[indicator]
    if spec.is_pct and "%" in number_format:
        return round(value / 100, 12)  # 98.5 → 0.985, without the binary noise of the division
    return int(value) if value.is_integer() and spec.is_count else value
