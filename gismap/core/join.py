"""Joining a coverage table to the 2025 communes: matching, legacy conversion, report, output.

:func:`join_table` matches each table row to a commune of the boundary layer (by code, by
name within its province, or through the legacy crosswalk), never applies an uncertain or
duplicated match, and returns the boundary layer left-joined with the data plus a
:class:`JoinReport` that says what happened to every row and commune.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from gismap.core.atomic import atomic_path, write_text_atomic
from gismap.core.crosswalk import Crosswalk, load_crosswalk
from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError, KeyColumnMissing, Message, TableError
from gismap.core.export import export_layer
from gismap.core.indicators import EQUAL_AREA_CRS, INDICATORS, KEY_ROLES, add_derived
from gismap.core.inputs import refuse_overwriting
from gismap.core.paths import CROSSWALK_ATTRIBUTION
from gismap.core.names import NameIndex, district_keys, name_key, name_keys, names_a_larger_unit, stored_key, unit_of
from gismap.core.provinces import CURRENT, LEGACY, province_index
from gismap.core.tables import ParsedTable, normalise_code, read_frame, read_table, sanitise
from gismap.core.xlsx import write_join_report

KEYS = ("auto", "code", "name")
BOUNDARY_FIELDS = ("code", "name", "prov_code")
# A table is legacy when more of its keys exist only before 2025 than only after, and they
# are not a stray few (5 %). Codes, and provinces, need more: nearly every 2025 commune kept the
# code of a former one, and every 2025 province the code and name of one, so a 2025 table has
# almost no key found only after 2025, and a few stale keys would turn all of it into a legacy
# table. Of the codes of a legacy province, 60 % or more exist only before 2025 (of a former
# district's, 25 % or more for 735 of the 740); of the 63 provinces, 29 (46 %).
_LEGACY_MIN_SHARE = 0.05
_LEGACY_MIN_SHARE_OF_REUSED_KEYS = 0.25


@dataclass
class JoinReport:
    """What the join did with every row and commune; :meth:`to_dict` is the JSON contract."""

    source: str
    key: str
    province: str | None
    columns: dict[str, str | None]
    excluded_rows: list[dict]
    key_column: str | None = None  # the header of the column rows were matched by
    key_found_by: str | None = None  # how that column was chosen: "header", "values" or "hand"
    legacy: bool = False
    legacy_detection: dict = field(default_factory=dict)
    by_method: dict[str, int] = field(default_factory=lambda: {"code": 0, "name": 0, "crosswalk": 0, "resolved": 0})
    unmatched_rows: list[dict] = field(default_factory=list)
    unmatched_boundaries: list[str] = field(default_factory=list)  # in the provinces the table covers
    # Communes of the layer's other provinces (a table of some provinces joined to the national
    # layer): neither with data nor listed among those without.
    outside_table_provinces: int = 0
    duplicates: list[str] = field(default_factory=list)
    duplicate_rows: dict[str, list[int]] = field(default_factory=dict)
    ambiguous: list[dict] = field(default_factory=list)
    out_of_range: list[dict] = field(default_factory=list)
    invalid_values: list[dict] = field(default_factory=list)
    legacy_conversion: dict | None = None
    communes_with_data: int = 0
    derived: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Rows named for a commune a table gives several times (its other rows are counted): a table
    # holding one commune a million times makes short lines. The JSON report names them all.
    ROWS_NAMED: ClassVar[int] = 10
    level: str = "commune"  # or "province": what the table's rows and the layer's features are

    @property
    def matched(self) -> int:
        return sum(self.by_method.values())

    def to_dict(self) -> dict:
        out = {"matched": self.matched}
        for name in self.__dataclass_fields__:
            out[name] = getattr(self, name)
        return json.loads(json.dumps(out, default=_json_value))

    def to_text(self, translate: Callable[[str], str] = str) -> str:
        """The report as text, a line per fact; ``translate`` renders each line (English by default)."""
        return "\n".join(translate(line) for line in self.lines())

    def lines(self) -> list[Message]:
        """The report's lines as translatable messages; problems are listed up to TEXT_REPORT_LINES each."""
        by_method = {
            "code": QT_TRANSLATE_NOOP("GismapError", "{count} by code"),
            "name": QT_TRANSLATE_NOOP("GismapError", "{count} by name"),
            "crosswalk": QT_TRANSLATE_NOOP("GismapError", "{count} through the crosswalk"),
            "resolved": QT_TRANSLATE_NOOP("GismapError", "{count} resolved by hand"),
        }
        methods = [Message(by_method[m], count=n) for m, n in self.by_method.items() if n] or Message(QT_TRANSLATE_NOOP("GismapError", "none"))
        summary = dict(file=self.source, matched=self.matched, methods=methods, with_data=self.communes_with_data,
                       without=len(self.unmatched_boundaries))
        lines = [
            Message(QT_TRANSLATE_NOOP("GismapError", "{file}: {matched} rows matched ({methods}); {with_data} provinces have data, "
                                      "{without} have none"), **summary)
            if self.level == "province" else
            Message(QT_TRANSLATE_NOOP("GismapError", "{file}: {matched} rows matched ({methods}); {with_data} communes have data, "
                                      "{without} have none (province {province})"), province=self.province, **summary)
            if self.province else
            Message(QT_TRANSLATE_NOOP("GismapError", "{file}: {matched} rows matched ({methods}); {with_data} communes have data, "
                                      "{without} have none"), **summary)
            if not self.outside_table_provinces else
            Message(QT_TRANSLATE_NOOP("GismapError", "{file}: {matched} rows matched ({methods}); {with_data} communes have data, "
                                      "{without} have none in the provinces the table covers ({outside} communes of other "
                                      "provinces are not counted)"), outside=self.outside_table_provinces, **summary),
        ]
        if self.legacy:
            detection = self.legacy_detection
            lines.append(Message(
                QT_TRANSLATE_NOOP("GismapError", "legacy table (the 63 provinces before 2025): {legacy} provinces exist only "
                                  "before 2025, {new} only after; each added into the 2025 province it became part of")
                if self.level == "province" else
                QT_TRANSLATE_NOOP("GismapError", "legacy table (pre-2025 communes): {legacy} keys exist only before 2025, "
                                  "{new} only after; converted through the crosswalk"),
                legacy=detection.get("only_legacy"), new=detection.get("only_2025")))
            conversion = self.legacy_conversion or {}
            if conversion.get("split_rows"):
                lines.append(Message(QT_TRANSLATE_NOOP("GismapError", "  {count} divided legacy communes apportioned by area (flagged)"),
                                     count=len(conversion["split_rows"])))
            if conversion.get("partial_communes"):
                lines.append(Message(
                    QT_TRANSLATE_NOOP("GismapError", "  {count} provinces only partly covered by the table (flagged): {names}")
                    if self.level == "province" else
                    QT_TRANSLATE_NOOP("GismapError", "  {count} communes only partly covered by the table"),
                    count=len(conversion["partial_communes"]), names=", ".join(map(_province_label, conversion["partial_communes"]))))
            for column, how in conversion.get("weighted_columns", {}).items():
                lines.append(Message(QT_TRANSLATE_NOOP("GismapError", "  {column}: {how} (flagged)"), column=column, how=how))
            if conversion.get("summed_unrecognised_columns"):
                lines.append(Message(QT_TRANSLATE_NOOP("GismapError", "  summed without a catalogue rule (flagged): {columns}"),
                                     columns=", ".join(conversion["summed_unrecognised_columns"])))
        recognised = {h: c for h, c in self.columns.items() if c}
        lines.append(Message(QT_TRANSLATE_NOOP("GismapError", "columns: {columns}"),
                             columns=", ".join(f"{h} → {c}" for h, c in recognised.items())))
        unrecognised = [h for h, c in self.columns.items() if not c]
        if unrecognised:
            lines.append(Message(QT_TRANSLATE_NOOP("GismapError", "kept under their own names: {columns}"), columns=", ".join(unrecognised)))
        lines += self.row_lines()
        if self.matched == 0:
            lines.append(Message(QT_TRANSLATE_NOOP("GismapError", "note: no row matched a commune of the boundary layer: check that the table "
                                                   "(and its sheet) covers these communes, and the key column")))
        lines += [Message(QT_TRANSLATE_NOOP("GismapError", "note: {warning}"), warning=w) for w in self.warnings]
        return lines

    def _duplicate_line(self, code: str, rows: list[int]) -> Message:
        """The rows that name ``code``: all of them, or the first :attr:`ROWS_NAMED` and their count."""
        if len(rows) <= self.ROWS_NAMED:
            template = (QT_TRANSLATE_NOOP("GismapError", "province {code} appears on rows {rows}: not applied, keep one row")
                        if self.level == "province" else
                        QT_TRANSLATE_NOOP("GismapError", "commune {code} appears on rows {rows}: not applied, keep one row"))
        else:
            template = (QT_TRANSLATE_NOOP("GismapError",
                                          "province {code} appears on {count} rows ({rows}, …): not applied, keep one row")
                        if self.level == "province" else
                        QT_TRANSLATE_NOOP("GismapError",
                                          "commune {code} appears on {count} rows ({rows}, …): not applied, keep one row"))
        return Message(template, code=code, count=len(rows), rows=", ".join(map(str, rows[:self.ROWS_NAMED])))

    def row_lines(self) -> list[Message]:
        """The rows that need a look (ambiguous, not matched, twice, excluded, out of range, not a
        number), up to TEXT_REPORT_LINES of each kind."""
        ambiguous = [
            Message(QT_TRANSLATE_NOOP("GismapError", "row {row}: '{name}' is ambiguous: {candidates}"), row=item["row"], name=item["name"],
                    candidates="; ".join(f"{c['name']} ({c['code']}, {c['province']}, {c['score']:.2f})"
                                         for c in item["candidates"]) or Message(QT_TRANSLATE_NOOP("GismapError", "no candidate")))
            for item in self.ambiguous]
        unmatched = [Message(QT_TRANSLATE_NOOP("GismapError", "row {row}: not matched ({reason})"), row=item["row"], reason=item["reason"])
                     for item in self.unmatched_rows]
        duplicates = [self._duplicate_line(code, rows) for code, rows in self.duplicate_rows.items()]
        excluded = [Message(QT_TRANSLATE_NOOP("GismapError", "row {row}: excluded ({reason}): {text}"), row=item["row"],
                            reason=item["reason"], text=item["text"])
                    for item in self.excluded_rows]
        out_of_range = [Message(QT_TRANSLATE_NOOP("GismapError", "row {row}: {column} = {value} is out of range ({why})"), row=item["row"],
                                column=item["column"], value=item["value"], why=item["why"])
                        for item in self.out_of_range]
        invalid = [Message(QT_TRANSLATE_NOOP("GismapError", "row {row}: '{value}' in {column} is not a number"), row=item["row"],
                           value=item["value"], column=item["column"])
                   for item in self.invalid_values]
        return [line for group in (ambiguous, unmatched, duplicates, excluded, out_of_range, invalid)
                for line in _first_lines(group)]


TEXT_REPORT_LINES = 10  # per kind of problem; the JSON report lists them all


def _province_label(code: str) -> str:
    """A 2025 province as a report names it: ``"Phú Thọ (25)"``."""
    provinces = load_crosswalk().provinces
    names = provinces.loc[(provinces["level"] == CURRENT) & (provinces["code"] == code), "name"]
    return f"{names.iloc[0]} ({code})" if len(names) else code


def _first_lines(lines: list[Message]) -> list[Message]:
    """At most TEXT_REPORT_LINES of ``lines``, then how many more the JSON report holds."""
    if len(lines) <= TEXT_REPORT_LINES:
        return lines
    return lines[:TEXT_REPORT_LINES] + [Message(QT_TRANSLATE_NOOP("GismapError", "  … and {count} more (a join report saved as JSON lists them all)"),
                                                count=len(lines) - TEXT_REPORT_LINES)]


@dataclass
class JoinResult:
    frame: gpd.GeoDataFrame
    report: JoinReport


def join_table(
    boundaries: gpd.GeoDataFrame,
    table: str | Path | pd.DataFrame | ParsedTable,
    *,
    sheet: str | None = None,
    province: str | None = None,
    key: str = "auto",
    column_overrides: dict[str, str | None] | None = None,
    resolutions: dict[int, str] | None = None,
) -> JoinResult:
    """Left-join ``table`` to ``boundaries`` (schema of ``data/shapefiles``).

    ``province`` (code or name) scopes matching; ``key`` forces matching by code or name;
    ``column_overrides`` maps headers by hand; ``resolutions`` maps a table row number to the
    commune code a user picked for an ambiguous or unmatched row.
    """
    matcher = _matcher(boundaries, table, sheet, province, key, column_overrides)
    report = matcher.report
    if report.level == "province":
        values, methods = matcher.match_provinces(report.key_column, matcher.resolve(resolutions or {}))
    elif matcher.is_legacy():
        report.legacy = True
        values, methods = matcher.convert_legacy(*matcher.resolve_legacy(resolutions or {}))
    else:
        values, methods = matcher.match_2025(matcher.resolve(resolutions or {}))
    frame = _output(matcher.boundaries, values, methods, report)
    return JoinResult(frame=frame, report=report)


def match_rows(
    boundaries: gpd.GeoDataFrame,
    table: str | Path | pd.DataFrame | ParsedTable,
    *,
    sheet: str | None = None,
    province: str | None = None,
    key: str = "auto",
    column_overrides: dict[str, str | None] | None = None,
) -> tuple[pd.Series, JoinReport]:
    """Row number → code of the 2025 commune of ``boundaries`` for every row of ``table`` matched
    with certainty, as :func:`join_table` matches them, and the report of the rows that were not
    (ambiguous, unmatched, naming a commune twice). Used where rows are written to, not read from.

    A table of pre-2025 communes is refused: its rows are no 2025 communes.
    """
    matcher = _matcher(boundaries, table, sheet, province, key, column_overrides)
    if matcher.report.level == "province":
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: the layer holds provinces; a report form is filled from a layer of communes."),
            file=matcher.report.source)
    if matcher.is_legacy():
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError", "{file}: its rows are communes from before July 2025, which the map no longer has. "
            "Use a form that lists the 2025 communes."), file=matcher.report.source)
    targets, methods = matcher.targets_2025({})
    for method in methods:
        matcher.report.by_method[method] += 1
    return targets, matcher.report


def _matcher(boundaries, table, sheet, province, key, column_overrides) -> _Matcher:
    """The table read and its key chosen, ready to match against the checked ``boundaries``."""
    if key not in KEYS:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "unknown key '{key}': use one of {choices}."), key=key, choices=", ".join(KEYS))
    parsed = _parse(table, sheet).with_overrides(column_overrides)
    boundaries, by_province = _checked_boundaries(boundaries)
    prov_code = _province_code(province, boundaries) if province else None
    if by_province:
        key_column, method, chosen = _province_key(parsed, key)
    else:
        parsed, chosen = _key_by_content(parsed, boundaries, key, column_overrides or {})
        method = _key_method(parsed, key)
        _refuse_province_table(parsed, method)
        key_column = parsed.keys[method]
    found_by = "values" if chosen else "hand" if key_column in (column_overrides or {}) else "header"
    report = JoinReport(source=parsed.source, key=method, province=prov_code, columns=parsed.columns,
                        excluded_rows=parsed.excluded_rows, invalid_values=parsed.invalid_values,
                        warnings=list(parsed.warnings) + chosen, key_column=key_column, key_found_by=found_by,
                        level="province" if by_province else "commune")
    return _Matcher(parsed, boundaries, prov_code, method, report)


def write_join(result: JoinResult, out: str | Path | None = None, report: str | Path | None = None,
               inputs: tuple[str | Path, ...] = (), join_details: bool = False,
               translate: Callable[[str], str] = str) -> None:
    """Write the joined layer (format by suffix, see :func:`export_layer`) and the report, each atomically.

    A report ending in ``.xlsx`` is a workbook to read (:func:`gismap.core.xlsx.write_join_report`,
    its messages rendered by ``translate``); any other is the JSON of :meth:`JoinReport.to_dict`.
    ``inputs`` (the boundaries and the table) are refused as either output.
    """
    refuse_overwriting([p for p in (out, report) if p is not None], inputs)
    if out is not None:
        export_layer(result.frame, out, join_details=join_details, inputs=inputs)
    if report is not None and Path(report).suffix.lower() == ".xlsx":
        communes = dict(zip(result.frame["code"], result.frame["name"]))
        with atomic_path(report) as tmp:
            write_join_report(result.report, tmp, communes, translate)
    elif report is not None:
        write_text_atomic(report, json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------------------- inputs

def _parse(table, sheet: str | None) -> ParsedTable:
    if isinstance(table, ParsedTable):
        return table
    if isinstance(table, pd.DataFrame):
        return read_frame(table)
    return read_table(table, sheet=sheet)


def is_province_layer(boundaries: gpd.GeoDataFrame) -> bool:
    """Whether the layer's features are provinces (their code is their province's), not communes."""
    if not len(boundaries) or not {"code", "prov_code"} <= set(boundaries.columns):
        return False
    prov_codes = boundaries["prov_code"].map(lambda v: normalise_code(v, 2))
    return bool(boundaries["code"].map(lambda v: normalise_code(v, 2)).eq(prov_codes).all())


def _checked_boundaries(boundaries: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, bool]:
    """The layer with its codes normalised, and whether its features are provinces (code = prov_code)."""
    missing = [f for f in BOUNDARY_FIELDS if f not in boundaries.columns]
    if missing:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "the boundary layer lacks the field(s) {fields}; use a commune layer with the schema of data/shapefiles "
            "(code, name, prov_code, ...)."),
            fields=", ".join(missing))
    prov_codes = boundaries["prov_code"].map(lambda v: normalise_code(v, 2))
    by_province = is_province_layer(boundaries)
    codes = boundaries["code"].map(lambda v: normalise_code(v, 2 if by_province else 5))
    if codes.duplicated().any():
        raise GismapError(QT_TRANSLATE_NOOP("GismapError", "the boundary layer has commune code {code} twice; "
                                            "fix the layer so that every commune appears once."),
                          code=codes[codes.duplicated()].iloc[0])
    return boundaries.assign(code=codes, prov_code=prov_codes), by_province


def _province_code(province: str, boundaries: gpd.GeoDataFrame) -> str:
    """The layer's 2025 province ``province`` names: a code, its name in the layer, or any form
    :mod:`gismap.core.provinces` knows (``TP HCM``, a pre-2025 province: the 2025 one it is part of)."""
    codes = set(boundaries["prov_code"])
    text = province.strip()
    if text.isdigit() and text.zfill(2) in codes:
        return text.zfill(2)
    if "prov_name" in boundaries:
        by_name = {name_key(n): c for n, c in zip(boundaries["prov_name"], boundaries["prov_code"])}
        if name_key(text) in by_name:
            return by_name[name_key(text)]
    if (successor := province_index().successor(text)) in codes:
        return successor
    raise GismapError(QT_TRANSLATE_NOOP(
        "GismapError",
        "province '{province}' is not in the boundary layer; it holds province codes {codes}."),
        province=province, codes=", ".join(sorted(codes)))


# A column chosen as the key by its values: they name most communes of the layer (or most of its
# values are commune names: a table of a few communes), clearly more than any other column does.
KEY_CONTENT_SHARE = 0.5
KEY_CONTENT_LEAD = 1.5


def _key_by_content(parsed: ParsedTable, boundaries: gpd.GeoDataFrame, key: str,
                    overrides: dict) -> tuple[ParsedTable, list]:
    """``parsed`` with a commune key column found by its values when no header names one.

    Every column not mapped by hand is scored by the share of its values that are a commune
    code of ``boundaries`` (or a legacy one of the crosswalk), or a commune name of theirs.
    The best is taken only when it is clearly best; the choice is reported. A national table
    joined to one province counts by how many of the province's communes it names.
    """
    wanted = ("code", "name") if key == "auto" else (key,)
    if any(role in parsed.keys for role in wanted):
        return parsed, []
    crosswalk = load_crosswalk()
    parents = set().union(*(crosswalk.legacy_provinces(code) or () for code in set(boundaries["prov_code"])))
    legacy = crosswalk.legacy[crosswalk.legacy["prov_code"].isin(parents)]  # of the layer's provinces only
    codes = set(boundaries["code"].dropna()) | set(legacy["code"].dropna())
    names = set(boundaries["name"].dropna().map(stored_key)) | set(legacy["name"].dropna().map(stored_key))
    scores = []
    for header in parsed.frame.columns:
        if header in overrides or parsed.columns.get(header) is not None:
            continue
        values = parsed.frame[header].dropna()
        values = values[values.astype(str).str.strip() != ""]
        if values.empty:
            continue
        reachable = min(len(values), len(boundaries))
        if "code" in wanted:
            scores.append((values.map(normalise_code).isin(codes).sum() / reachable, header, "code"))
        if "name" in wanted:  # a bare number is no name ("1" is not "Phường 1")
            texts = values.astype(str)
            named = texts.str.contains(r"[^\W\d_]", regex=True) & texts.map(lambda t: any(k in names for k in name_keys(t)))
            scores.append((named.sum() / reachable, header, "name"))
    scores.sort(reverse=True)
    if not scores or scores[0][0] < KEY_CONTENT_SHARE or (
            len(scores) > 1 and scores[0][0] < KEY_CONTENT_LEAD * scores[1][0] and scores[1][1] != scores[0][1]):
        return parsed, []
    share, header, role = scores[0]
    note = Message(QT_TRANSLATE_NOOP(
        "GismapError", "'{header}' was taken as the commune {role} by its values ({share} of them match)"),
        header=header, share=f"{min(share, 1.0):.0%}",
        role=Message(QT_TRANSLATE_NOOP("GismapError", "code")) if role == "code"
        else Message(QT_TRANSLATE_NOOP("GismapError", "name")))
    return parsed.with_overrides({header: role}), [note]


def _province_key(parsed: ParsedTable, key: str) -> tuple[str, str, list]:
    """The column naming each row's province, how it names it ("name"/"code"), and a note when
    the column was found by its values."""
    keys = parsed.keys
    order = {"auto": ("prov_name", "name", "prov_code", "code"), "name": ("prov_name", "name"),
             "code": ("prov_code", "code")}[key]
    for role in order:
        if role in keys:
            return keys[role], "code" if role.endswith("code") else "name", []
    index = province_index()
    scores = []
    for header in parsed.frame.columns:
        values = parsed.frame[header].dropna()
        if len(values):
            scores.append((values.map(lambda v: bool(index.lookup(v))).mean(), header))
    scores.sort(reverse=True)
    if scores and scores[0][0] >= KEY_CONTENT_SHARE and (len(scores) == 1 or scores[0][0] >= KEY_CONTENT_LEAD * scores[1][0]):
        share, header = scores[0]
        numeric = parsed.frame[header].dropna().astype(str).str.fullmatch(r"\d+(\.0)?").mean() > 0.5
        note = Message(QT_TRANSLATE_NOOP("GismapError", "'{header}' was taken as the province by its values ({share} of them "
                                          "name a province)"), header=header, share=f"{share:.0%}")
        return header, "code" if numeric else "name", [note]
    raise KeyColumnMissing(QT_TRANSLATE_NOOP(
        "GismapError",
        "{file}: the layer holds provinces, and no column among {columns} holds province codes or names, by its header "
        "or its values. Say which column holds the province."),
        file=parsed.source, columns=", ".join(parsed.columns))


# A commune table's key column naming provinces this often is a table of provinces.
_PROVINCE_TABLE_SHARE = 0.8


def _refuse_province_table(parsed: ParsedTable, method: str) -> None:
    """A table of provinces joined to a layer of communes would match nothing, or the wrong units."""
    column = parsed.frame[parsed.keys["name" if method == "name" else "code"]].dropna()
    if method == "code":
        provinces = column.astype(str).str.fullmatch(r"\d{1,2}").mean() if len(column) else 0
    else:
        index = province_index()
        provinces = column.map(lambda v: bool(index.lookup(v))).mean() if len(column) else 0
    if provinces >= _PROVINCE_TABLE_SHARE:
        raise GismapError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: its rows are provinces, not communes. Join it to a layer of provinces (such as the embedded "
            "province layer)."), file=parsed.source)


def _key_method(parsed: ParsedTable, key: str) -> str:
    keys = parsed.keys
    if key != "auto":
        if key not in keys:
            missing = {
                "code": QT_TRANSLATE_NOOP("GismapError", "{file}: matching by code, but no column holds commune "
                                                         "codes. Say which column holds the code."),
                "name": QT_TRANSLATE_NOOP("GismapError", "{file}: matching by name, but no column holds commune "
                                                         "names. Say which column holds the name."),
            }
            raise KeyColumnMissing(missing[key], file=parsed.source)
        return key
    if "code" in keys and parsed.frame[keys["code"]].map(_is_commune_code).mean() >= 0.5:
        return "code"
    if "name" in keys:
        return "name"
    if "code" in keys:
        return "code"
    raise KeyColumnMissing(QT_TRANSLATE_NOOP(
        "GismapError",
        "{file}: no column among {columns} holds commune codes or names, by its header or its values. Say which "
        "column holds the code or the name."),
        file=parsed.source, columns=", ".join(parsed.columns))


def _is_commune_code(value) -> bool:
    return isinstance(value, str) and len(value) == 5 and value.isdigit()


def _district_scope(key: str, unit: str | None) -> str:
    return f"d{key}:{unit}" if unit else f"d{key}"


def _match_in_scopes(index: NameIndex, name: str, scopes) -> tuple[str | None, list]:
    """A name looked up under each reading of where it lies: certain only when the readings agree."""
    results = [index.match(name, scope) for scope in dict.fromkeys(scopes)]
    found = {code for code, _ in results if code}
    if len(found) == 1:
        return found.pop(), []
    candidates = [c for _, cands in results for c in cands]
    if len(found) > 1:
        candidates = [c for code, _ in results if code for c in index.candidates_for(code)] + candidates
    return None, list({c.code: c for c in candidates}.values())


# ---------------------------------------------------------------------------- matching

# "STT" (số thứ tự) and its like number a report's rows: not data, never summed or joined.
_ROW_NUMBER_NAMES = frozenset({"stt", "tt", "so_tt", "so_thu_tu", "no", "c_no"})
# A column of codes ("Mã QH", "Mã bưu chính", "Đơn vị ... / Mã Xã mới", "ID") identifies, it does not count:
# summed across the legacy communes of a 2025 commune it would be a meaningless number.
_IDENTIFIER_RE = re.compile(r"(?:ma|code|id)(?:_|$)")


def _is_identifier(header: str) -> bool:
    return _IDENTIFIER_RE.match(sanitise(header.split(" / ")[-1])) is not None


@dataclass(frozen=True)
class _KeySpace:
    """The communes rows are matched against: 2025 communes, or legacy ones."""

    label: str  # what the codes are, for messages
    codes: set
    in_scope: Callable[[str, str], bool]  # is this code in this 2025 province?
    make_index: Callable[[], NameIndex]  # built only when some row needs a name
    name_scopes: Callable[[object, str | None], tuple[str | None, ...]]  # row, province → name-index scopes to try
    names: dict  # code → name, to check a row's code against its name
    legacy_codes: frozenset = frozenset()  # codes of former communes, named so when a 2025 table holds one


class _Matcher:
    """Matches the rows of one table, filling the report as it goes."""

    def __init__(self, parsed: ParsedTable, boundaries: gpd.GeoDataFrame, prov_code: str | None,
                 method: str, report: JoinReport):
        self.parsed, self.boundaries, self.prov_code, self.method, self.report = (
            parsed, boundaries, prov_code, method, report)
        self.frame = parsed.frame
        self.keys = parsed.keys
        self.codes = set(boundaries["code"])
        self.code_province = dict(zip(boundaries["code"], boundaries["prov_code"]))
        self.row_scope = self._row_provinces()

    def _row_provinces(self) -> dict:
        """2025 province code of each row: the user's, else the one the table's province column names
        (a legacy province stands for the 2025 province it went into), else None."""
        provinces = set(self.code_province.values())
        column = self.keys.get("prov_code") or self.keys.get("prov_name")
        if self.prov_code:
            scopes = [self.prov_code] * len(self.frame)
        elif column:
            index = province_index()
            scopes = [code if (code := index.successor(v)) in provinces else None for v in self.frame[column]]
        else:
            scopes = [None] * len(self.frame)
        return dict(zip(self.frame.index, scopes))

    # -- legacy detection

    def is_legacy(self) -> bool:
        """Judge the whole table: are more of its keys found only among pre-2025 communes?"""
        crosswalk = load_crosswalk()
        if self.method == "code":
            keys = set(self.frame[self.keys["code"]].dropna())
            new = self.codes | set(crosswalk.units_2025["code"])
            old = set(crosswalk.legacy["code"])
        else:
            keys = {(s, key) for s, n in zip(self.row_scope.values(), self.frame[self.keys["name"]]) if n
                    for key in name_keys(n)}
            new = self._scoped_keys(self.boundaries["prov_code"], self.boundaries["name"], lambda s: {s})
            old = self._scoped_keys(crosswalk.legacy["prov_code"], crosswalk.legacy["name"],
                                    lambda s: {p for p, parents in crosswalk.province_parents.items() if s in parents})
        only_old, only_new = len(keys & old - new), len(keys & new - old)
        self.report.legacy_detection = {"judged_on": self.method, "keys": len(keys), "only_legacy": only_old,
                                        "only_2025": only_new, "both": len(keys & old & new)}
        least = _LEGACY_MIN_SHARE_OF_REUSED_KEYS if self.method == "code" else _LEGACY_MIN_SHARE
        return only_old > only_new and only_old >= max(1, least * len(keys))

    @staticmethod
    def _scoped_keys(provinces, names, scopes_of) -> set:
        """(scope, name key) pairs, also under the national scope None, for set comparisons."""
        keys = set()
        for prov, name in zip(provinces, names):
            key = stored_key(name)
            keys.add((None, key))
            keys.update((s, key) for s in scopes_of(prov))
        return keys

    # -- matching

    def resolve(self, resolutions: dict[int, str], legacy_codes: frozenset = frozenset()) -> dict[int, str]:
        """The user's picks, checked: row number → 2025 commune code (or one of ``legacy_codes``)."""
        resolved = {}
        for row, code in resolutions.items():
            code = normalise_code(code, 2 if self.report.level == "province" else 5)
            if int(row) not in self.frame.index:
                raise GismapError(QT_TRANSLATE_NOOP(
                    "GismapError",
                    "resolution for row {row}: the table has no such data row."), row=row)
            if code not in self.codes and code not in legacy_codes:
                raise GismapError(QT_TRANSLATE_NOOP(
                    "GismapError",
                    "resolution for row {row}: commune {code} is not in the boundary layer."),
                    row=row, code=code)
            resolved[int(row)] = code
        return resolved

    def resolve_legacy(self, resolutions: dict[int, str]) -> tuple[dict[int, str], dict[int, str]]:
        """The user's picks for a legacy table: rows put on a 2025 commune of the layer, and rows put on
        a former commune (a candidate of an ambiguous row), which the crosswalk converts like a match.
        A code that is both (a 2025 commune kept a former one's code) is the 2025 commune."""
        legacy_codes = frozenset(load_crosswalk().legacy["code"])
        picks = self.resolve(resolutions, legacy_codes)
        return ({row: code for row, code in picks.items() if code in self.codes},
                {row: code for row, code in picks.items() if code not in self.codes})

    def targets_2025(self, resolved: dict[int, str]) -> tuple[pd.Series, pd.Series]:
        """Row → 2025 commune code and method of the rows matched once (``resolved`` included)."""
        b, crosswalk = self.boundaries, load_crosswalk()
        space = _KeySpace(
            label=Message(QT_TRANSLATE_NOOP("GismapError", "boundary layer")),
            codes=self.codes,
            names=dict(zip(b["code"], b["name"])),
            legacy_codes=frozenset(crosswalk.legacy["code"]) - set(crosswalk.units_2025["code"]),
            in_scope=lambda code, scope: self.code_province[code] == scope,
            make_index=lambda: NameIndex(b["code"], b["name"], b["prov_code"],
                                         b["prov_name"] if "prov_name" in b else b["prov_code"],
                                         b["unit_type"] if "unit_type" in b else None),
            name_scopes=lambda row, scope: (scope,),
        )
        targets, methods = self._match(space, exclude=resolved)
        targets = pd.concat([targets, pd.Series(resolved, dtype=object)])
        methods = pd.concat([methods, pd.Series("resolved", index=list(resolved), dtype=object)])
        return self._drop_duplicates(targets, methods)

    def match_2025(self, resolved: dict[int, str]) -> tuple[pd.DataFrame, pd.Series]:
        return self._applied(*self.targets_2025(resolved))

    def _applied(self, targets: pd.Series, methods: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
        """The values of the rows matched once (row → code, method), indexed by the layer's code."""
        data = self._value_columns(include_text=True).loc[targets.index]
        self._check_ranges(data, targets)
        for m in methods:
            self.report.by_method[m] += 1
        data.index = pd.Index(targets.to_numpy(), name="code")
        return data, pd.Series(methods.to_numpy(), index=data.index)

    def _match(self, space: _KeySpace, exclude) -> tuple[pd.Series, pd.Series]:
        """Row → key and method for the keys of ``space``; reports the rows left over."""
        targets, methods = {}, {}
        none = [None] * len(self.frame)
        codes = self.frame[self.keys["code"]].tolist() if self.method == "code" else none
        names = self.frame[self.keys["name"]].tolist() if "name" in self.keys else none
        index = None
        for row, code, name in zip(self.frame.index, codes, names):
            if row in exclude:
                continue
            scope = self.row_scope[row]
            if code is not None:
                if code not in space.codes and code in space.legacy_codes:
                    self._unmatched(row, Message(QT_TRANSLATE_NOOP(
                        "GismapError", "code {code} is of a commune before July 2025, and the table lists those of 2025"),
                        code=code))
                elif code not in space.codes:
                    self._unmatched(row, Message(QT_TRANSLATE_NOOP("GismapError", "code {code} is not in the {codes}"),
                                                 code=code, codes=space.label))
                elif scope and not space.in_scope(code, scope):
                    self._unmatched(row, Message(QT_TRANSLATE_NOOP("GismapError", "code {code} is outside province {province}"),
                                                 code=code, province=scope))
                elif name and not set(name_keys(name)) & {stored_key(space.names[code])} and (
                        named := _match_in_scopes(index := index or space.make_index(), name, space.name_scopes(row, scope))[0]
                ) not in (None, code):
                    # The row's code and its name are two communes: which one the figures are of, the reader must say.
                    self.report.ambiguous.append({"row": int(row), "name": name, "candidates": [
                        c.to_dict() for c in index.candidates_for(code) + index.candidates_for(named)]})
                else:
                    targets[row], methods[row] = code, "code"
                continue
            if not name:
                self._unmatched(row, Message(QT_TRANSLATE_NOOP("GismapError", "no commune code or name")))
                continue
            if names_a_larger_unit(name):  # a subtotal row: "Huyện Kim Bảng" is not Xã Kim Bảng, "Tỉnh Hà Nam" not Phường Hà Nam
                self._unmatched(row, Message(QT_TRANSLATE_NOOP("GismapError", "'{name}' is a district or a province, not a commune"),
                                             name=name))
                continue
            index = index or space.make_index()
            found, candidates = _match_in_scopes(index, name, space.name_scopes(row, scope))
            if found:
                targets[row], methods[row] = found, "name"
            elif candidates:
                self.report.ambiguous.append({"row": int(row), "name": name,
                                              "candidates": [c.to_dict() for c in candidates]})
            else:
                self._unmatched(row, Message(QT_TRANSLATE_NOOP("GismapError", "no commune named '{name}' in province {province}"),
                                             name=name, province=scope) if scope else
                                Message(QT_TRANSLATE_NOOP("GismapError", "no commune named '{name}'"), name=name))
        return pd.Series(targets, dtype=object), pd.Series(methods, dtype=object)

    @functools.cached_property
    def _raw_rows(self) -> dict:
        """Row → {header: cell as read}, taken out of the table at once: row by row through
        ``raw.loc`` costs about a millisecond a row, and a national table joined to a province
        layer leaves most of its rows unmatched."""
        raw = self.parsed.raw
        headers = raw.columns.tolist()
        return {row: dict(zip(headers, cells)) for row, cells in zip(raw.index, raw.to_numpy(dtype=object))}

    def _unmatched(self, row, reason: str) -> None:
        values = {h: _json_value(v) for h, v in self._raw_rows[row].items() if v is not None}
        self.report.unmatched_rows.append({"row": int(row), "reason": reason, "values": values})

    def _drop_duplicates(self, targets: pd.Series, methods: pd.Series) -> tuple[pd.Series, pd.Series]:
        """Rows that land on the same key are reported and none of them is applied."""
        duplicated = targets[targets.duplicated(keep=False)]
        for code, rows in duplicated.groupby(duplicated).groups.items():
            self.report.duplicates.append(code)
            self.report.duplicate_rows[code] = sorted(int(r) for r in rows)
        keep = ~targets.duplicated(keep=False)
        return targets[keep], methods[keep]

    def _value_columns(self, include_text: bool) -> pd.DataFrame:
        """Indicators under canonical names, other columns under sanitised names."""
        out = {}
        for header, role in self.parsed.columns.items():
            if role in KEY_ROLES or (role is None and sanitise(header) in _ROW_NUMBER_NAMES):
                continue
            column = self.frame[header]
            if role is None and not include_text and (_is_identifier(header) or not pd.api.types.is_numeric_dtype(column)):
                continue
            out[role or sanitise(header)] = column
        return pd.DataFrame(out, index=self.frame.index)

    def _check_ranges(self, data: pd.DataFrame, targets: pd.Series) -> None:
        """Shares outside 0–100, negative counts, more fibre hamlets than hamlets: reported, kept."""
        checks = []
        for name in data.columns:
            spec = INDICATORS.get(name)
            if spec is not None and spec.is_pct:
                checks.append((name, (data[name] < 0) | (data[name] > 100), Message(QT_TRANSLATE_NOOP("GismapError", "a share is 0–100"))))
            elif spec is not None:
                checks.append((name, data[name] < 0, Message(QT_TRANSLATE_NOOP("GismapError", "a count cannot be negative"))))
        if {"hamlets_fiber", "hamlets_total"} <= set(data.columns):
            checks.append(("hamlets_fiber", data["hamlets_fiber"] > data["hamlets_total"],
                           Message(QT_TRANSLATE_NOOP("GismapError", "more hamlets with fibre than hamlets"))))
        for name, bad, why in checks:
            for row in data.index[bad.fillna(False).to_numpy(dtype=bool)]:
                self.report.out_of_range.append({"row": int(row), "key": targets[row], "column": name,
                                                 "value": float(data.at[row, name]), "why": why})

    # -- province tables

    def match_provinces(self, header: str, resolved: dict[int, str]) -> tuple[pd.DataFrame, pd.Series]:
        """Rows naming provinces → the layer's 2025 provinces; a table of the 63 legacy provinces is
        converted (every legacy province went whole into one 2025 province), never applied as is."""
        index = province_index()
        readings = {row: index.lookup(value) for row, value in self.frame[header].items() if row not in resolved}
        # Every 2025 province bears the name and code of a former one: only former ones stand out.
        only_legacy = sum(1 for r in readings.values() if r and all(p.level == LEGACY for p in r))
        legacy = only_legacy >= max(1, _LEGACY_MIN_SHARE_OF_REUSED_KEYS * len(readings))
        self.report.legacy = legacy
        self.report.legacy_detection = {"judged_on": self.method, "keys": len(readings), "only_legacy": only_legacy,
                                        "only_2025": 0}
        level = LEGACY if legacy else CURRENT
        targets = {}
        for row, found in readings.items():
            value = self.frame.at[row, header]
            codes = {p.code for p in found if p.level == level}
            if len(codes) == 1 and (legacy or next(iter(codes)) in self.codes):
                targets[row] = codes.pop()
            elif not found:
                self._unmatched(row, Message(QT_TRANSLATE_NOOP("GismapError", "no province named '{name}'"), name=value))
            elif len(codes) > 1:
                self.report.ambiguous.append({"row": int(row), "name": value, "candidates": [
                    {"code": p.code, "name": p.name, "province": p.name, "score": 1.0} for p in found if p.level == level]})
            elif codes:
                self._unmatched(row, Message(QT_TRANSLATE_NOOP("GismapError", "province {code} is not in the boundary layer"),
                                             code=next(iter(codes))))
            else:  # a former province in a table of the 2025 ones
                self._unmatched(row, Message(
                    QT_TRANSLATE_NOOP("GismapError", "'{name}' is a province before 2025 and the table lists those of 2025"),
                    name=value))
        targets = pd.Series(targets, dtype=object)
        methods = pd.Series(self.method, index=list(targets.index), dtype=object)
        if not legacy:  # a province picked by hand is checked against the rows matched, as communes are
            targets = pd.concat([targets, pd.Series(resolved, dtype=object)])
            methods = pd.concat([methods, pd.Series("resolved", index=list(resolved), dtype=object)])
            return self._applied(*self._drop_duplicates(targets, methods))
        targets, methods = self._drop_duplicates(targets, methods)
        provinces = load_crosswalk().provinces
        successor = provinces[provinces["level"] == LEGACY].set_index("code")["successor"]
        links = pd.DataFrame({"row": targets.index, "legacy_code": targets.to_numpy(),
                              "new_code": targets.map(successor).to_numpy(), "share": 1.0, "split": False})
        expected = pd.DataFrame({"legacy_code": successor.index, "new_code": successor.to_numpy()})
        values = self._value_columns(include_text=False)
        self._check_ranges(values.loc[targets.index], targets)
        data, methods_out = self._converted(values, links, expected, set(targets), resolved)
        return data[data.index.isin(self.codes)], methods_out[methods_out.index.isin(self.codes)]

    # -- legacy tables

    def convert_legacy(self, resolved: dict[int, str], picked: dict[int, str] | None = None) -> tuple[pd.DataFrame, pd.Series]:
        """Match rows to legacy communes, then aggregate them into 2025 communes.

        Rows the user resolved go straight to the 2025 commune picked; rows ``picked`` for a legacy
        commune are converted through the crosswalk as if matched.
        """
        picked = picked or {}
        crosswalk = load_crosswalk()
        legacy = crosswalk.legacy
        legacy_province = dict(zip(legacy["code"], legacy["prov_code"]))
        scopes = self._legacy_scopes()
        space = _KeySpace(
            label=Message(QT_TRANSLATE_NOOP("GismapError", "list of pre-2025 communes")),
            codes=set(legacy["code"]),
            names=dict(zip(legacy["code"], legacy["name"])),
            in_scope=lambda code, scope: legacy_province[code] in crosswalk.province_parents.get(scope, ()),
            make_index=lambda: self._legacy_index(crosswalk),
            name_scopes=lambda row, scope: scopes[row],
        )
        targets, methods = self._match(space, exclude=resolved | picked)
        targets = pd.concat([targets, pd.Series(picked, dtype=object)])
        methods = pd.concat([methods, pd.Series("resolved", index=list(picked), dtype=object)])
        targets, methods = self._drop_duplicates(targets, methods)
        values = self._value_columns(include_text=False)
        self._check_ranges(values.loc[targets.index], targets)
        dropped = [h for h, r in self.parsed.columns.items()
                   if r is None and sanitise(h) not in values and sanitise(h) not in _ROW_NUMBER_NAMES]
        if dropped:
            self.report.warnings.append(Message(
                QT_TRANSLATE_NOOP("GismapError", "columns of text or codes cannot be aggregated across communes and were left "
                                                 "out: {columns}"),
                columns=", ".join(dropped)))

        data, methods_out = self._converted(values, self._links(crosswalk, targets), crosswalk.links, set(targets), resolved)
        picks = int((methods == "resolved").sum())
        self.report.by_method["crosswalk"] -= picks
        self.report.by_method["resolved"] += picks
        return data, methods_out

    def _converted(self, values: pd.DataFrame, links: pd.DataFrame, expected: pd.DataFrame, matched: set,
                   resolved: dict[int, str]) -> tuple[pd.DataFrame, pd.Series]:
        """Legacy rows aggregated into 2025 units through ``links`` (row, legacy_code, new_code, share,
        split), the rows resolved by hand added whole to the unit picked; the conversion reported."""
        direct = pd.DataFrame({"row": list(resolved), "legacy_code": None,
                               "new_code": list(resolved.values()), "share": 1.0, "split": False})
        data, conversion = _aggregate(values, pd.concat([links, direct], ignore_index=True), expected, matched)
        self.report.legacy_conversion = conversion
        self.report.by_method["crosswalk"] = int(links["row"].nunique())
        self.report.by_method["resolved"] = len(resolved)
        methods_out = pd.Series("crosswalk", index=data.index, dtype=object)
        methods_out[data.index.isin(set(resolved.values()))] = "resolved"
        return data, methods_out

    def _legacy_scopes(self) -> dict[object, tuple[str, ...]]:
        """Row → where its legacy name is looked up: its former province and district, as far as the
        table (or the user's province) says; each reading of the district name is a scope to try.

        A province named as before and after 2025 ("Tây Ninh", "80") is the former province only when
        the column also names a province that exists only before 2025 (it lists the 63); else it may
        be the 2025 province, and a name is looked up in all of it."""
        none = [None] * len(self.frame)
        column = None if self.prov_code else self.keys.get("prov_code") or self.keys.get("prov_name")
        provinces = self.frame[column].tolist() if column else none
        districts = self.frame[self.keys["district"]].tolist() if "district" in self.keys else self._grouped_districts()
        readings = {cell: province_index().lookup(cell) for cell in set(provinces) if cell is not None}
        lists_legacy = any(found and all(p.level == LEGACY for p in found) for found in readings.values())
        scopes: dict[tuple, tuple[str, ...]] = {}  # a table repeats its provinces and districts
        for pair in set(zip(provinces, districts)):
            scopes[pair] = self._scopes_of(readings.get(pair[0], []), pair[1], lists_legacy)
        return {row: scopes[pair] for row, pair in zip(self.frame.index, zip(provinces, districts))}

    def _grouped_districts(self) -> list:
        """Each row's district in a table that lists communes under a row per district (a heading
        before them, or a subtotal after them) instead of in a column; None where none is known.

        Headings come first when the table's first named row is a district's, subtotals last when its
        last one is; with neither, the rows are not grouped."""
        if "name" not in self.keys:
            return [None] * len(self.frame)
        names = self.frame[self.keys["name"]].tolist()
        larger = [isinstance(n, str) and names_a_larger_unit(n) and not re.match(r"(?i)tỉnh\b", n.strip())
                  for n in names]
        named = [i for i, n in enumerate(names) if isinstance(n, str) and n.strip()]
        if not named or not any(larger):
            return [None] * len(self.frame)
        order = named if larger[named[0]] else named[::-1] if larger[named[-1]] else []
        districts, current = [None] * len(self.frame), None
        for i in order:
            if larger[i]:
                current = names[i]
            else:
                districts[i] = current
        return districts

    def _scopes_of(self, readings: list, district, lists_legacy: bool) -> tuple[str, ...]:
        province = ""
        if self.prov_code:
            province = f"n{self.prov_code}"
        elif readings:
            legacy = {p.code for p in readings if p.level == LEGACY}
            current = {p.successor for p in readings}
            if len(legacy) == 1 and (lists_legacy or not any(p.level == CURRENT for p in readings)):
                province = f"p{legacy.pop()}"
            elif len(current) == 1:
                province = f"n{current.pop()}"
        if not district:
            return (province,)
        return tuple(province + _district_scope(key, unit) for key, unit in district_keys(district))

    def _legacy_index(self, crosswalk: Crosswalk) -> NameIndex:
        legacy = crosswalk.legacy
        provinces = crosswalk.legacy_provinces(self.prov_code)
        if provinces is not None:
            legacy = legacy[legacy["prov_code"].isin(provinces)]
        legacy_provinces = crosswalk.provinces[crosswalk.provinces["level"] == LEGACY]
        successor = dict(zip(legacy_provinces["code"], legacy_provinces["successor"]))
        scopes = []
        for prov, district in zip(legacy["prov_code"], legacy["district_full"]):
            (key, unit), = district_keys(district)  # official names: one reading
            districts = ("", _district_scope(key, None), _district_scope(key, unit))
            scopes.append(tuple(p + d for p in ("", f"p{prov}", f"n{successor[prov]}") for d in districts))
        # Within a province, names repeat across former districts: the district column scopes them.
        return NameIndex(legacy["code"], legacy["name"], scopes,
                         legacy["prov_name"] + " / " + legacy["district_full"], legacy["full_name"].map(unit_of))

    def _links(self, crosswalk: Crosswalk, targets: pd.Series) -> pd.DataFrame:
        """Crosswalk links of the matched rows, with 2025 codes as the boundary layer spells them."""
        rows = pd.DataFrame({"row": targets.index, "legacy_code": targets.to_numpy()})
        links = rows.merge(crosswalk.links, on="legacy_code", how="left")
        links["new_code"] = links["new_code"].map(self._boundary_code(crosswalk))
        lost = links[links["new_code"].isna()]
        for row, code in zip(lost["row"], lost["legacy_code"]):
            self._unmatched(row, Message(QT_TRANSLATE_NOOP("GismapError", "legacy commune {code} has no successor in the boundary layer"),
                                         code=code))
        return links.dropna(subset=["new_code"])

    def _boundary_code(self, crosswalk: Crosswalk) -> dict[str, str | None]:
        """Crosswalk 2025 code → boundary code; by name within the province when the codes differ."""
        units = crosswalk.units_2025
        known = units["code"].isin(self.codes)
        mapping = dict(zip(units.loc[known, "code"], units.loc[known, "code"]))
        if not known.all():
            b = self.boundaries
            by_name = {(p, name_key(n)): c for p, n, c in zip(b["prov_code"], b["name"], b["code"])}
            other = units[~known]
            mapping |= {c: by_name.get((p, name_key(n))) for c, p, n in zip(other["code"], other["prov_code"], other["name"])}
        return mapping


def _aggregate(values: pd.DataFrame, links: pd.DataFrame, expected: pd.DataFrame, matched_legacy: set) -> tuple[pd.DataFrame, dict]:
    """Legacy rows → 2025 units by the rule of each indicator (see INDICATORS.md).

    ``expected`` holds every (legacy_code, new_code) link of the crosswalk: a 2025 unit some of
    whose legacy units are missing from the table is only partly covered, and flagged.
    """
    exploded = values.loc[links["row"].to_numpy()].reset_index(drop=True)
    links = links.reset_index(drop=True)
    group = links["new_code"]
    out = pd.DataFrame(index=pd.Index(sorted(set(group)), name="code"))
    weighted: dict[str, str] = {}
    for name in values.columns:
        spec = INDICATORS.get(name)
        if spec is None or spec.is_count:
            out[name] = _apportion(exploded[name], links).groupby(group).sum(min_count=1)
    for name in values.columns:
        spec = INDICATORS.get(name)
        if spec is None or spec.is_count:
            continue
        if spec.numerator in out and spec.denominator in out:
            denominator = out[spec.denominator].where(out[spec.denominator] > 0)
            out[name] = (100 * out[spec.numerator] / denominator).round(2)
            continue
        weight_name = next((w for w in spec.weights if w in exploded), None)
        weight = (exploded[weight_name] if weight_name else pd.Series(1.0, index=exploded.index)) * links["share"]
        valid = exploded[name].notna() & weight.notna()
        numerator = (exploded[name] * weight).where(valid).groupby(group).sum(min_count=1)
        out[name] = (numerator / weight.where(valid).groupby(group).sum(min_count=1)).round(2)
        weighted[name] = (Message(QT_TRANSLATE_NOOP("GismapError", "mean weighted by {column}"), column=weight_name) if weight_name
                          else Message(QT_TRANSLATE_NOOP("GismapError", "unweighted mean")))

    split = links[links["split"]]
    expected = expected[expected["new_code"].isin(set(group))]
    partial = sorted(set(expected.loc[~expected["legacy_code"].isin(matched_legacy), "new_code"]) & set(out.index))
    conversion = {
        "source": CROSSWALK_ATTRIBUTION,
        "rule": "counts summed; shares recomputed from numerator and denominator, else weighted mean (flagged); "
                "a divided legacy commune is apportioned by the area of the receiving 2025 communes, "
                "integer counts by largest remainder",
        "legacy_rows": int(links["legacy_code"].notna().groupby(links["row"]).any().sum()),
        "communes": len(out),
        "split_rows": [
            {"row": int(row), "legacy_code": code,
             "to": [{"code": c, "share": round(s, 4)} for c, s in zip(part["new_code"], part["share"])]}
            for (row, code), part in split.groupby(["row", "legacy_code"])
        ],
        "apportioned_communes": sorted(set(split["new_code"])),
        "partial_communes": partial,
        "weighted_columns": weighted,
        # Columns outside the catalogue have no rule; summing them is an assumption, so say so.
        "summed_unrecognised_columns": [n for n in values.columns if n not in INDICATORS],
    }
    out["apportioned"] = out.index.isin(conversion["apportioned_communes"])
    out["legacy_partial"] = out.index.isin(partial)
    return out, conversion


def _apportion(values: pd.Series, links: pd.DataFrame) -> pd.Series:
    """Each link's part of a row's value: value × share, integers by largest remainder per row."""
    share = links["share"].to_numpy()
    raw = values.to_numpy(dtype=float) * share
    integral = np.isfinite(raw) & (values.to_numpy(dtype=float) == np.round(values.to_numpy(dtype=float)))
    floor = np.floor(raw + 1e-9)
    frame = pd.DataFrame({"row": links["row"].to_numpy(), "floor": floor, "rest": raw - floor})
    missing = values.to_numpy(dtype=float) - frame.groupby("row")["floor"].transform("sum").to_numpy()
    rank = frame.sort_values(["row", "rest"], ascending=[True, False]).groupby("row").cumcount().sort_index()
    rounded = floor + (rank.to_numpy() < np.round(missing))
    return pd.Series(np.where(integral, rounded, raw), index=values.index)


# ---------------------------------------------------------------------------- output

def _output(boundaries: gpd.GeoDataFrame, values: pd.DataFrame, methods: pd.Series, report: JoinReport) -> gpd.GeoDataFrame:
    """Every boundary feature and field, the data under canonical names, derived indicators."""
    taken = set(boundaries.columns)
    values = values.rename(columns={c: f"t_{c}" for c in values.columns if c in taken})
    frame = boundaries.join(values, on="code")
    frame["has_data"] = frame["code"].isin(values.index)
    frame["join_method"] = frame["code"].map(methods).astype(object)  # text even when nothing matched
    for flag in ("apportioned", "legacy_partial"):
        if flag in frame:
            frame[flag] = frame[flag].astype("boolean").fillna(False).astype(bool)
    area = None
    if {"bts_4g", "bts_5g"} & set(frame.columns):
        area = pd.Series(frame.geometry.to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6, index=frame.index)
    report.derived = add_derived(frame, area)
    report.communes_with_data = int(frame["has_data"].sum())
    # Communes without data are listed for the provinces the table covers; when it covers
    # none (nothing matched), every commune of the layer is without data.
    provinces = ({report.province} if report.province else
                 set(frame["prov_code"]) if report.level == "province" else
                 set(frame.loc[frame["has_data"], "prov_code"]) or set(frame["prov_code"]))
    covered = frame["prov_code"].isin(provinces)
    report.unmatched_boundaries = sorted(frame.loc[~frame["has_data"] & covered, "code"])
    report.outside_table_provinces = int((~covered).sum())
    return gpd.GeoDataFrame(frame, geometry=boundaries.geometry.name, crs=boundaries.crs)


def _json_value(value):
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value if isinstance(value, (str, int, bool, type(None), list, dict)) else str(value)
