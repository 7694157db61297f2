"""Reading coverage tables as planners send them: CSV or XLSX, titles, merged headers, totals.

:func:`read_table` turns a file into a :class:`ParsedTable`: one row per commune, numbers
parsed (Vietnamese or English formats), headers mapped to the canonical indicators and key
columns of :mod:`gismap.core.indicators`, and the rows that are not communes (totals,
subtotals, notes, column numbering) set aside with their reason.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from gismap.core.errors import QT_TRANSLATE_NOOP, Message, TableError
from gismap.core.feedback import Feedback
from gismap.core.inputs import refuse_special_files
from gismap.core.indicators import INDICATORS, KEY_ROLES, recognise_header
from gismap.core.legacy_text import decode_tcvn3, decode_vni, rendered_bytes, repair_columns, vietnamese_words
from gismap.core.names import fold

MISSING_MARKERS = frozenset({"", "-", "–", "—", "x", "n/a", "na", "..", "...", "không", "khong"})
_HEADER_SEARCH_ROWS = 30
_TOTAL_RE = re.compile(
    r"^(tong cong|tong so|tong|cong|total|subtotal|grand total|sum|ca nuoc|toan quoc|whole country)"
    r"\s*(:|$|toan|huyen|tinh|thanh pho|thi xa|quan|cac|chung|province|district)"
)
_NOTE_RE = re.compile(r"^(\*|ghi chu|nguon|luu y|note|source|nguoi lap|lap bieu|du lieu mo phong)")
_VI_EVIDENCE = r"-?\d{1,3}(\.\d{3})+,\d+|-?\d+,(\d{1,2}|\d{4,})"
_EN_EVIDENCE = r"-?\d{1,3}(,\d{3})+\.\d+|-?\d+\.(\d{1,2}|\d{4,})"
_VI_EVIDENCE_RE, _EN_EVIDENCE_RE = re.compile(_VI_EVIDENCE), re.compile(_EN_EVIDENCE)
_EVIDENCE_ROWS = 1000  # enough cells to judge the number format of a table
_GROUPED = r"-?\d{1,3}([.,]\d{3})+"
_CODE_WIDTH = {"code": 5, "prov_code": 2, "district_code": 3}
_TAIL_LINES = 5  # the last lines of a CSV read cell by cell by read_plain_csv: notes and totals of any shape
_DELIMITER_SAMPLE_CHARS = 1_000_000  # the first 50 lines are looked at, not the whole file split into lines
_TOTAL_START = r"\s*(t[oôổ]ng|c[oộ]ng|total|subtotal|grand|sum|c[aả] n[uư][oớ]c|to[aà]n qu[oố]c|whole country)"


@dataclass
class ParsedTable:
    """A table read for joining. ``frame`` is indexed by the source row number (1-based, as a
    spreadsheet shows it); its columns are the flattened headers."""

    frame: pd.DataFrame
    columns: dict[str, str | None]
    excluded_rows: list[dict]
    source: str
    raw: pd.DataFrame = field(repr=False, default=None)  # cells as read, for re-parsing after overrides
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    header_rows: list[int] = field(default_factory=list)
    decimal_comma: bool = True
    invalid_values: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)  # header → column of the sheet (0 for A)
    encoding: str = "Unicode"  # of the text: UTF-8, CP1258, TCVN3, "Unicode + TCVN3" (see legacy_text)
    encoding_notes: list[str] = field(default_factory=list)  # the legacy encodings found, also in warnings

    @property
    def keys(self) -> dict[str, str]:
        """Key role (code, name, prov_code, prov_name, district, district_code) → header."""
        return {role: header for header, role in self.columns.items() if role in KEY_ROLES}

    @property
    def indicators(self) -> dict[str, str]:
        """Canonical indicator → header."""
        return {name: header for header, name in self.columns.items() if name in INDICATORS}

    def with_overrides(self, overrides: dict[str, str | None] | None) -> ParsedTable:
        """The table with some headers mapped by hand (``None`` leaves a column unrecognised)."""
        if not overrides:
            return self
        columns = dict(self.columns)
        allowed = set(INDICATORS) | set(KEY_ROLES)
        for header, target in overrides.items():
            if header not in columns:
                raise TableError(QT_TRANSLATE_NOOP(
                    "GismapError",
                    "{file}: no column '{header}' to map. Columns are: {columns}."),
                    file=self.source, header=header, columns=", ".join(columns))
            if target is not None and target not in allowed:
                raise TableError(QT_TRANSLATE_NOOP("GismapError", "{file}: '{target}' is not a known indicator or key. "
                                                   "Use one of: {choices}."),
                                 file=self.source, target=target, choices=", ".join(sorted(allowed)))
            for other, role in columns.items():
                if target is not None and role == target and other != header:
                    columns[other] = None  # one column per canonical name
            columns[header] = target
        return _finish(replace(self, columns=columns))


# ---------------------------------------------------------------------------- limits

# What a table may hold: far above any real one (the national crosswalk has ~10,600 rows, a site list up to
# 1,000,000), far below what would exhaust the machine. Each message that enforces one names it.
MAX_TABLE_ROWS = 2_000_000
MAX_TABLE_COLUMNS = 2_000  # reports have tens; Excel allows 16,384
MAX_TABLE_CELLS = 20_000_000  # 1,000,000 sites with 20 columns
MAX_TABLE_BYTES = 512 * 1024 * 1024  # a CSV file, or all the parts of a workbook once unpacked
# A part of a workbook unpacking to more than this many times its packed size is a zip bomb: sheet XML packs
# 5 to 20 times, and a million empty cells (``<c/>``) over a thousand times. Small parts are not judged.
MAX_COMPRESSION_RATIO = 100
_RATIO_JUDGED_FROM = 1024 * 1024
MAX_SHARED_STRINGS = 5_000_000
# openpyxl, which sees number formats (a 98,5 % cell), reads some 40,000 cells a second; a larger .xlsx is read
# through python-calamine (over ten times faster, formats unseen: a share comes as its fraction, and is noted).
MAX_FORMATTED_CELLS = 500_000
_FEEDBACK_ROWS = 10_000  # rows read between two looks at the user's Cancel


def check_table_size(file: str, rows: int, columns: int, cells: int | None = None, sheet: str | None = None) -> None:
    """Raise :class:`TableError` when a table of ``rows`` × ``columns`` (``cells`` filled, default all)
    exceeds :data:`MAX_TABLE_ROWS`, :data:`MAX_TABLE_COLUMNS` or :data:`MAX_TABLE_CELLS`."""
    where = file if sheet is None else Message(QT_TRANSLATE_NOOP("GismapError", "{file}, sheet '{sheet}'"),
                                               file=file, sheet=sheet)
    cells = rows * columns if cells is None else cells
    for count, limit, what in ((rows, MAX_TABLE_ROWS, QT_TRANSLATE_NOOP("GismapError", "rows")),
                               (columns, MAX_TABLE_COLUMNS, QT_TRANSLATE_NOOP("GismapError", "columns")),
                               (cells, MAX_TABLE_CELLS, QT_TRANSLATE_NOOP("GismapError", "cells"))):
        if count > limit:
            raise TableError(QT_TRANSLATE_NOOP(
                "GismapError",
                "{file}: {count} {what}, more than GISMap reads in a table (at most {limit}). Delete the empty rows "
                "and columns after the table, or split it into several files."),
                file=where, count=f"{count:,}", what=Message(what), limit=f"{limit:,}")


# Workbooks read through python-calamine: old Excel and OpenDocument. openpyxl reads .xlsx: calamine (0.9) reads a
# 10,000-row report about ten times faster (bench/bench_tables.py) but sees no number formats, so a share under a
# 0.0% format would come as 0.985, not 98.5, and a date as a date, not a datetime: not the same table.
CALAMINE_SUFFIXES = (".xls", ".ods")
WORKBOOK_SUFFIXES = (".xlsx", *CALAMINE_SUFFIXES)


def list_sheets(path: str | Path) -> list[str]:
    """Sheet names of a workbook (.xlsx, .xls, .ods); a CSV has none."""
    path = _checked(path)
    if path.suffix.lower() in CALAMINE_SUFFIXES:
        return _calamine_workbook(path).sheet_names
    if path.suffix.lower() != ".xlsx":
        return []
    _check_workbook_parts(path)
    return _xlsx_sheet_names(path)


def read_table(path: str | Path, sheet: str | None = None, feedback: Feedback | None = None) -> ParsedTable:
    """Read a CSV (UTF-8, UTF-8 with BOM, UTF-16 with BOM, Windows-1258; comma, semicolon or tab) or a
    workbook (.xlsx, or old Excel .xls and OpenDocument .ods through python-calamine). Text in the old
    TCVN3 and VNI font codes is converted to Unicode and noted (:mod:`gismap.core.legacy_text`).

    A file too large, a zip bomb or a damaged file is a :class:`TableError` saying so, before it is
    read whole (see the ``MAX_…`` limits); ``feedback`` may cancel a long read."""
    path = _checked(path)
    feedback = feedback or Feedback()
    sheets: list[str] = []
    suffix = path.suffix.lower()
    if suffix == ".ods":
        _check_workbook_parts(path)
    if suffix == ".xlsx":
        if _check_workbook_parts(path) > MAX_FORMATTED_CELLS:
            _check_sheet_extents(path)
            return _calamine_table(path, sheet, feedback, formats_unseen=True)
        workbook = _open_workbook(path)
        sheets = workbook.sheetnames
        sheet = _chosen_sheet(path, sheet, sheets)
        grid = _sheet_grid(workbook[sheet], path, feedback)
    elif suffix in CALAMINE_SUFFIXES:
        return _calamine_table(path, sheet, feedback)
    elif suffix in {".csv", ".txt", ".tsv"}:
        if sheet is not None:
            raise TableError(QT_TRANSLATE_NOOP(
                "GismapError",
                "{file}: a sheet applies to Excel workbooks only; a CSV has one table."),
                file=path.name)
        if path.stat().st_size > LARGE_CSV_BYTES and (table := read_plain_csv(path)) is not None:
            return replace(table, raw=_plain_cells(table.raw), frame=_plain_cells(table.frame))
        grid, bytes_fallback = _csv_grid(path, feedback)
        return parse_grid(grid, source=path.name, bytes_fallback=bytes_fallback, unicode_as="UTF-8")
    else:
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: unsupported table format. Save it as .xlsx, .xls, .ods or .csv (UTF-8)."),
            file=path.name)
    return parse_grid(grid, source=path.name, sheet=sheet, sheets=sheets)


# A CSV larger than this (some 100,000 rows) is read column by column when it can be (read_plain_csv): the cell-by-cell
# reading takes a minute over a million rows. Smaller ones keep the reading that every table form is tested on.
LARGE_CSV_BYTES = 4 * 1024 * 1024


def _plain_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """read_plain_csv's pandas text columns as the cell-by-cell reading gives them: objects, empty cells None."""
    text = [name for name in frame.columns if isinstance(frame[name].dtype, pd.StringDtype)]
    if not text:
        return frame
    converted = frame.copy()
    for name in text:
        converted[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return converted


def _calamine_table(path: Path, sheet: str | None, feedback: Feedback, formats_unseen: bool = False) -> ParsedTable:
    """A sheet read through python-calamine; ``formats_unseen``: an .xlsx too large for openpyxl, whose
    share columns are noted like those of .xls/.ods."""
    workbook = _calamine_workbook(path)
    sheets = workbook.sheet_names
    sheet = _chosen_sheet(path, sheet, sheets)
    feedback.check()
    grid = _calamine_grid(workbook.get_sheet_by_name(sheet), path)
    feedback.check()
    table = _fraction_warnings(parse_grid(grid, source=path.name, sheet=sheet, sheets=sheets))
    if formats_unseen:
        table.warnings.append(Message(QT_TRANSLATE_NOOP(
            "GismapError", "the workbook holds more than {limit} cells, so it was read without its number formats"),
            limit=f"{MAX_FORMATTED_CELLS:,}"))
    return table


def read_frame(frame: pd.DataFrame, source: str = "table") -> ParsedTable:
    """A DataFrame handled like a file whose header is on row 1."""
    grid = [list(map(str, frame.columns))] + frame.astype(object).where(frame.notna(), None).values.tolist()
    return parse_grid(grid, source=source)


CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' text columns; what pyarrow's strings become
# Whole-cell pattern (RE2) of text made only of characters Windows-1252 shows: the only text that may be the
# rendering of TCVN3 or VNI bytes (legacy_text.rendered_bytes); most Vietnamese has letters beyond it.
_CP1252_ONLY_RE2 = "^[" + "".join(f"\\x{{{ord(c):x}}}" for c in
                                  (bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))) + "]*$"


def read_plain_csv(path: str | Path) -> ParsedTable | None:
    """A CSV read as :func:`read_table` reads it, but column by column (pyarrow): a site list of a million
    rows in a second rather than minutes. None when the file needs :func:`read_table`'s cell-by-cell reading:
    it fits in the rows searched for a header; it is not UTF-8; some text may be in a legacy font code
    (TCVN3, VNI); the rows between the header and the last few lines (notes, totals, read cell by cell)
    are not all of one shape (empty lines aside).

    The ``raw`` cells and the text columns of ``frame`` are pandas text (an empty cell missing as NaN),
    not Python objects with None.
    """
    path = _checked(path)
    if path.suffix.lower() not in CSV_SUFFIXES:
        return None
    text, bytes_fallback = _csv_text(path, _csv_bytes(path))
    delimiter = _csv_delimiter(text)
    lines = io.StringIO(text)
    try:
        head = list(itertools.islice(csv.reader(lines, delimiter=delimiter), _HEADER_SEARCH_ROWS + 1))
        start = lines.tell()  # of the rows below the head; the text is sliced once (it may be 100 MB)
        end = len(text)
        while end > start and text[end - 1] in "\r\n":  # blank lines at the end hold no rows
            end -= 1
        middle_end = end  # of the rows read column-wise; the rest, the tail, is read cell by cell
        for _ in range(_TAIL_LINES):
            middle_end = max(text.rfind("\n", start, middle_end), start)
        middle, tail = (text[start:middle_end], text[middle_end + 1:end]) if middle_end > start else ("", text[start:end])
        tail = list(csv.reader(io.StringIO(tail), delimiter=delimiter))
    except csv.Error:  # a lone CR among the lines, a cell beyond csv's limit: the cell-by-cell reading says
        return None
    if bytes_fallback is not None or end == start or any(
            _may_be_legacy(v) for row in head + tail for v in map(_clean, row) if isinstance(v, str)):
        return None
    try:
        table = parse_grid(head, source=path.name, unicode_as="UTF-8")
    except TableError:  # no header or no row in the first rows: read_table says which
        return None
    body = _arrow_body(middle, delimiter, max(len(row) for row in head), table.positions,
                       len(head) + 1, path.name)
    if body is None:
        return None
    body = pd.concat([body, _text_frame(tail, table.positions, body.index.stop)])
    body = body[np.logical_or.reduce([body[header].notna().to_numpy() for header in body.columns])]
    suspects = _could_be_non_commune(body, table.columns)
    _, excluded = _exclude_non_communes(body[suspects].astype(object).where(body[suspects].notna(), None),
                                        table.columns)
    if excluded:
        body = body.drop(index=[e["row"] for e in excluded])
    raw = pd.concat([table.raw.astype(_TEXT), body])
    return _finish(replace(table, raw=raw, frame=raw, excluded_rows=table.excluded_rows + excluded,
                           decimal_comma=_decimal_comma(raw.iloc[:_EVIDENCE_ROWS])))


def _may_be_legacy(text: str) -> bool:
    """Whether a cell may be the Windows rendering of TCVN3 or VNI text: read in one of them it spells
    Vietnamese, as it is it does not (what :func:`~gismap.core.legacy_text.repair_columns` takes as evidence)."""
    data = None if text.isascii() else rendered_bytes(text)
    return data is not None and not vietnamese_words(text) and any(
        vietnamese_words(decode(data)) for decode in (decode_tcvn3, decode_vni))


def _text_frame(rows: list[list[str]], positions: dict[str, int], first_row: int) -> pd.DataFrame:
    """CSV rows as a frame of pandas text, columns ``positions`` (header → field), cells cleaned as
    :func:`parse_grid` cleans them, rows numbered from ``first_row``."""
    cells = {header: [_clean(row[j]) if j < len(row) else None for row in rows] for header, j in positions.items()}
    return pd.DataFrame(cells, dtype=_TEXT).set_axis(pd.RangeIndex(first_row, first_row + len(rows), name="row"))


def _arrow_body(text: str, delimiter: str, width: int, positions: dict[str, int], first_row: int,
                source: str) -> pd.DataFrame | None:
    """The rows of ``text`` (CSV of ``width`` fields a row), columns ``positions`` (header → field), cells
    stripped, empty ones missing, rows numbered from ``first_row`` (a RangeIndex); None when a row has
    another number of fields or a cell may be legacy text."""
    names = [str(j) for j in range(width)]
    if not text:
        return pd.DataFrame({header: pd.Series(dtype=_TEXT) for header in positions},
                            index=pd.RangeIndex(first_row, first_row, name="row"))
    try:
        table = pa_csv.read_csv(
            io.BytesIO(text.encode("utf-8", "replace")),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()), null_values=[""],
                                                  strings_can_be_null=True, quoted_strings_can_be_null=True))
    except pa.ArrowInvalid:
        return None
    check_table_size(source, first_row + table.num_rows, width, (first_row + table.num_rows) * width)
    columns = {}
    for header, position in positions.items():
        cells = pc.utf8_trim_whitespace(table.column(position))
        if not pc.all(ascii := pc.string_is_ascii(cells)).as_py():
            windows = pc.filter(cells, pc.and_(pc.invert(ascii), pc.match_substring_regex(cells, _CP1252_ONLY_RE2)))
            if any(map(_may_be_legacy, pc.unique(windows).to_pylist())):
                return None
        if pc.any(blank := pc.equal(cells, "")).as_py():  # cells of spaces only
            cells = pc.if_else(blank, None, cells)
        columns[header] = cells.to_pandas().astype(_TEXT)
    return pd.DataFrame(columns).set_axis(pd.RangeIndex(first_row, first_row + table.num_rows, name="row"))


def _could_be_non_commune(frame: pd.DataFrame, columns: dict[str, str | None]) -> np.ndarray:
    """The rows of a text frame that :func:`_exclude_non_communes` would look at (totals, single cells)."""
    roles = {role: h for h, role in columns.items() if role in KEY_ROLES}
    suspects = sum(frame[header].notna().to_numpy(dtype=np.int8) for header in frame.columns) == 1
    for header in dict.fromkeys(h for h in (roles.get("name"), roles.get("district"), *frame.columns[:3]) if h):
        total = pc.match_substring_regex(pa.array(frame[header], type=pa.string()), f"^{_TOTAL_START}", ignore_case=True)
        suspects |= pc.fill_null(total, False).to_numpy(zero_copy_only=False)
    return suspects


def parse_grid(grid: list[list], source: str, sheet: str | None = None, sheets: list[str] | None = None,
               bytes_fallback: str | None = None, unicode_as: str = "Unicode") -> ParsedTable:
    """Find the header, flatten it, set aside non-commune rows and parse the values.

    Text is read per column in the encoding it is in (:func:`~gismap.core.legacy_text.repair_columns`;
    ``bytes_fallback`` for cells that are bytes held as Latin-1 strings; ``unicode_as`` names the
    encoding of Unicode text in :attr:`ParsedTable.encoding`).
    """
    width = max((len(r) for r in grid), default=0)
    padded = [list(r) + [None] * (width - len(r)) for r in grid]
    repaired, text_report = repair_columns({j: [r[j] for r in padded] for j in range(width)}, bytes_fallback,
                                           known=recognise_header)
    rows = [[_clean(repaired[j][i]) for j in range(width)] for i in range(len(padded))]
    header_at, two_rows = _find_header(rows, source)
    headers = _flatten_header(rows[header_at], rows[header_at + 1] if two_rows else None)
    used = [i for i, h in enumerate(headers) if h]
    headers = _unique([headers[i] for i in used])
    positions = dict(zip(headers, used))
    encoding_notes = text_report.messages(names=dict(zip(used, headers)))
    first_data = header_at + 1 + int(two_rows)
    body = [[r[i] for i in used] for r in rows[first_data:]]
    row_numbers = range(first_data + 1, first_data + 1 + len(body))
    frame = pd.DataFrame(body, columns=headers, index=pd.Index(row_numbers, name="row"), dtype=object)
    frame = frame[frame.notna().any(axis=1)]

    columns = _recognise(headers)
    warnings = [Message(QT_TRANSLATE_NOOP("GismapError", "column '{header}' also looks like '{indicator}'; kept under its own name"),
                        header=h, indicator=recognise_header(h))
                for h in headers if recognise_header(h) and columns[h] is None]
    frame, excluded = _exclude_non_communes(frame, columns)
    if frame.empty:
        raise TableError(QT_TRANSLATE_NOOP("GismapError", "{file}: no data rows under the header (row {row}). "
                                           "Check the sheet, or that the table is not empty."),
                         file=source, row=header_at + 1)
    decimal_comma = _decimal_comma(frame)
    table = ParsedTable(
        frame=frame, raw=frame, columns=columns, excluded_rows=excluded, source=source, sheet=sheet,
        sheets=sheets or [], header_rows=[header_at + 1] + ([header_at + 2] if two_rows else []),
        decimal_comma=decimal_comma, warnings=encoding_notes + warnings, positions=positions,
        encoding=text_report.encoding(unicode_as), encoding_notes=encoding_notes,
    )
    return _finish(table)


def parse_numbers(values: pd.Series, decimal_comma: bool, grouped_is_thousands: bool = False) -> tuple[pd.Series, pd.Series]:
    """Numbers from text such as ``1.234``, ``98,5``, ``98,5%``, ``1,234.5``; markers become NaN.

    ``grouped_is_thousands`` reads ``1.234`` and ``1,234`` as 1234 whatever the locale (count
    columns hold integers). Returns the numbers and a mask of cells that are not numbers.
    """
    if isinstance(values.dtype, pd.StringDtype):  # text already (read_plain_csv): no cell-by-cell type check
        is_text = values.notna().to_numpy()
        numbers = pd.Series(np.nan, index=values.index)
        text = pa.array(values[is_text], type=pa.string())
    else:
        cells = values.to_numpy(dtype=object)
        is_text = np.fromiter((isinstance(v, str) for v in cells), bool, len(cells))
        numbers = pd.Series(np.where(is_text, None, cells), index=values.index, dtype=object)
        numbers = pd.to_numeric(numbers, errors="coerce").astype(float)
        text = _arrow_text(cells[is_text])
    invalid = np.zeros(len(values), dtype=bool)
    if is_text.any():
        parsed, missing = _text_numbers(text, decimal_comma, grouped_is_thousands)
        numbers[is_text] = parsed
        invalid[is_text] = np.isnan(parsed) & ~missing
    return numbers, pd.Series(invalid, index=values.index)


# Python's whitespace (what ``\s`` matches in a str pattern) and the no-break space, for RE2 (pyarrow): every
# whitespace character lies below U+3001.
_SPACES_RE2 = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in map(chr, range(0x3001)) if c.isspace()) + "]"
_PLAIN_NUMBER_RE2 = r"^-?\d{1,15}(\.\d{1,17})?$"  # what pyarrow's cast reads exactly as pandas does


def _arrow_text(cells: np.ndarray) -> pa.Array:
    """Python strings as a pyarrow array; a lone surrogate (from a damaged workbook) becomes U+FFFD."""
    try:
        return pa.array(cells, type=pa.string())
    except UnicodeEncodeError:
        return pa.array([v.encode("utf-8", "replace").decode("utf-8") for v in cells], type=pa.string())


def _text_numbers(text: pa.Array, decimal_comma: bool, grouped_is_thousands: bool) -> tuple[np.ndarray, np.ndarray]:
    """The numbers of text cells (NaN where there is none) and which cells are missing markers, computed
    column-wise by pyarrow: plain numbers are cast at once, the few others read by ``pd.to_numeric``."""
    decimal, other = (",", ".") if decimal_comma else (".", ",")
    if not grouped_is_thousands and pc.all(pc.match_substring_regex(text, rf"^-?\d{{1,15}}(\{decimal}\d{{1,17}})?$")).as_py():
        # Every cell a plain number (as a coordinate column is): nothing to remove.
        plain = pc.replace_substring(text, ",", ".") if decimal_comma else text
        return np.array(pc.cast(plain, pa.float64()).to_numpy(zero_copy_only=False), dtype=float), np.zeros(len(text), bool)
    if pc.any(pc.match_substring_regex(text, _SPACES_RE2)).as_py():
        text = pc.replace_substring_regex(text, _SPACES_RE2, "")
    missing = pc.is_in(pc.utf8_lower(text), value_set=pa.array(sorted(MISSING_MARKERS))).to_numpy(zero_copy_only=False)
    if pc.any(percent := pc.ends_with(text, "%")).as_py():
        text = pc.if_else(percent, pc.utf8_slice_codeunits(text, 0, -1), text)
    plain = pc.replace_substring(pc.replace_substring(text, other, ""), decimal, ".")
    if grouped_is_thousands:
        plain = pc.if_else(pc.match_substring_regex(text, f"^(?:{_GROUPED})$"),
                           pc.replace_substring_regex(text, "[.,]", ""), plain)
    simple = pc.match_substring_regex(plain, _PLAIN_NUMBER_RE2).to_numpy(zero_copy_only=False)
    parsed = np.array(pc.cast(pc.if_else(simple, plain, None), pa.float64()).to_numpy(zero_copy_only=False), dtype=float)
    # The rest, where pandas may find a number: starting like one, or inf/nan in any case.
    others = ~simple & ~missing & pc.match_substring_regex(plain, r"^[+-]?(\d|\.\d|inf|nan)", ignore_case=True
                                                           ).to_numpy(zero_copy_only=False)
    if others.any():
        parsed[others] = pd.to_numeric(pd.Series(plain.filter(others).to_numpy(zero_copy_only=False), dtype=object),
                                       errors="coerce").to_numpy(dtype=float)
    parsed[missing] = np.nan
    return parsed, missing


def normalise_code(value, width: int = 5) -> str | None:
    """A code as text with its leading zeros: ``1234`` / ``1234.0`` / ``"1234"`` → ``"01234"``."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text.zfill(width) if text.isdigit() and len(text) <= width else (text or None)


def sanitise(header: str) -> str:
    """A field name safe in every vector format: ASCII, lowercase, underscores."""
    name = re.sub(r"[^a-z0-9]+", "_", fold(header)).strip("_") or "column"
    return f"c_{name}" if name[0].isdigit() else name


# ---------------------------------------------------------------------------- reading files

def _checked(path: str | Path) -> Path:
    path = Path(path)
    refuse_special_files(path, TableError)
    if not path.is_file():
        raise TableError(QT_TRANSLATE_NOOP("GismapError", "{file}: no such file. Check the path."), file=str(path))
    return path


def _open_workbook(path: Path):
    """The workbook, every sheet loaded (merged cells and number formats need it); parts checked before."""
    import openpyxl

    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise _unreadable_workbook(path, exc) from None


def _xlsx_sheet_names(path: Path) -> list[str]:
    """The sheet names, from the workbook part alone (quick whatever the sheets hold)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise _unreadable_workbook(path, exc) from None
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _unreadable_workbook(path: Path, exc: Exception) -> TableError:
    """The error for a workbook openpyxl could not read, saying what is wrong in words (not Python's)."""
    if isinstance(exc, KeyError):  # a part the workbook needs is missing
        reason = Message(QT_TRANSLATE_NOOP("GismapError", "a zip archive, but not an Excel workbook"))
    elif isinstance(exc, (IndexError, ValueError, TypeError, AttributeError)):
        reason = Message(QT_TRANSLATE_NOOP("GismapError", "its cells or sheets are inconsistent"))
    else:  # XML that does not parse, a damaged zip member
        reason = Message(QT_TRANSLATE_NOOP("GismapError", "its content is damaged"))
    return _unreadable(path, reason)


def _unreadable(path: Path, reason: str) -> TableError:
    if path.suffix.lower() == ".xlsx":
        return TableError(QT_TRANSLATE_NOOP("GismapError", "{file}: cannot be read as an Excel workbook ({reason}). "
                                            "Open and save it again as .xlsx, or export it as CSV."),
                          file=path.name, reason=reason)
    return TableError(QT_TRANSLATE_NOOP("GismapError", "{file}: cannot be read as a workbook ({reason}). Open and "
                                        "save it again as .xlsx, or export it as CSV."), file=path.name, reason=reason)


def _check_workbook_parts(path: Path) -> int:
    """Look into a workbook's zip archive (.xlsx, .ods) before anything reads it: how much it unpacks
    to, how much each part is packed, no XML entity declarations (XXE, billion laughs), how many
    shared strings and how many cells. Returns the number of cells of its sheets.

    Declared sizes are what :mod:`zipfile` unpacks at most, so they bound what openpyxl reads."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            unpacked = sum(part.file_size for part in parts)
            if unpacked > MAX_TABLE_BYTES:
                raise TableError(QT_TRANSLATE_NOOP(
                    "GismapError",
                    "{file}: unpacks to {size} bytes, more than GISMap reads in a table (at most {limit}). Save the "
                    "table alone in a smaller workbook, or as CSV."),
                    file=path.name, size=f"{unpacked:,}", limit=f"{MAX_TABLE_BYTES:,}")
            cells = 0
            for part in parts:
                _check_packing(path, part)
                if not part.filename.lower().endswith((".xml", ".rels")):
                    continue
                with archive.open(part) as stream:
                    head = stream.read(4096)
                    _check_xml_head(path, part.filename, head)
                    if part.filename.lower().startswith("xl/worksheets/"):
                        cells += _counted_cells(path, part.filename, head, stream)
            return cells
    except zipfile.BadZipFile as exc:
        reason = (Message(QT_TRANSLATE_NOOP("GismapError", "not a zip archive, as every .xlsx and .ods file is"))
                  if "not a zip file" in str(exc).lower() else
                  Message(QT_TRANSLATE_NOOP("GismapError", "its content is damaged")))
    except (zlib.error, EOFError, NotImplementedError):  # a part that does not unpack, or packed in an unknown way
        reason = Message(QT_TRANSLATE_NOOP("GismapError", "its content is damaged"))
    raise _unreadable(path, reason)


def _check_packing(path: Path, part: zipfile.ZipInfo) -> None:
    if part.file_size > _RATIO_JUDGED_FROM and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1):
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: its part {part} unpacks to {size} bytes from {packed}, more than {limit} times smaller, as only "
            "a zip bomb is. Save the table again from a spreadsheet program, or as CSV."),
            file=path.name, part=part.filename, size=f"{part.file_size:,}", packed=f"{part.compress_size:,}",
            limit=MAX_COMPRESSION_RATIO)


_ENTITY_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_SHARED_STRING_COUNT = re.compile(rb'\b(?:uniqueCount|count)="(\d+)"')


def _check_xml_head(path: Path, name: str, head: bytes) -> None:
    """No spreadsheet program declares XML entities; one that does may expand without end or read other files."""
    if _ENTITY_DECLARATION.search(head):
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: its part {part} declares XML entities, which no spreadsheet program writes and which can make "
            "a file expand without end or read other files; it is not read. Save the table again from a "
            "spreadsheet program."), file=path.name, part=name)
    if name.lower() == "xl/sharedstrings.xml":
        declared = max((int(n) for n in _SHARED_STRING_COUNT.findall(head)), default=0)
        if declared > MAX_SHARED_STRINGS:
            raise TableError(QT_TRANSLATE_NOOP(
                "GismapError",
                "{file}: {count} shared texts, more than GISMap reads (at most {limit}). Save the table again "
                "from a spreadsheet program, or as CSV."),
                file=path.name, count=f"{declared:,}", limit=f"{MAX_SHARED_STRINGS:,}")


_SHEET_PREFIX = re.compile(rb"<(\w+:)?worksheet\b")
# The column and the row of a cell or row reference (``r="XFD1048576"``, ``r="7"``).
_REFERENCE_COLUMN = re.compile(rb'\sr="([A-Z]{1,3})[0-9]')
_REFERENCE_ROW = re.compile(rb'\sr="[A-Z]{0,3}([0-9]{1,9})"')


def _counted_cells(path: Path, name: str, head: bytes, stream) -> int:
    """The cells (``<c …>``, ``<c/>``) of a worksheet part, counted as it streams past; refused beyond
    :data:`MAX_TABLE_CELLS`. Counting bytes takes a second for a million cells; finding their extent
    would take ten, so it is left to :func:`_check_sheet_extents` where calamine needs it."""
    prefix = (_SHEET_PREFIX.search(head) or _SHEET_PREFIX.search(b"<worksheet ")).group(1) or b""
    tags = [b"<" + prefix + b"c" + end for end in (b" ", b"/", b">")]
    cells, text = 0, head
    while text:
        chunk = stream.read(1 << 20)
        cut = max(len(text) - 8, 0) if chunk else len(text)  # the tags that start before it are counted now
        cells += sum(text.count(tag, 0, cut + len(tag) - 1) for tag in tags)
        if cells > MAX_TABLE_CELLS:
            break
        text = text[cut:] + chunk
    check_table_size(path.name, 0, 0, cells, sheet=Path(name).stem)
    return cells


def _check_sheet_extents(path: Path) -> None:
    """Refuse a workbook whose cell references reach beyond the table limits (a cell at XFD1048576 alone
    spans 17 billion): python-calamine makes every sheet a dense grid from A1 to its last cell."""
    with zipfile.ZipFile(path) as archive:
        for part in archive.infolist():
            if not part.filename.lower().startswith("xl/worksheets/"):
                continue
            rows = columns = 0
            with archive.open(part) as stream:
                text = stream.read(1 << 20)
                while text:
                    chunk = stream.read(1 << 20)
                    cut = text.rfind(b"<") if chunk else len(text)  # after the last "<", one tag: read with the next
                    cut = cut if cut > 0 else len(text)
                    rows = max(rows, *map(int, _REFERENCE_ROW.findall(text, 0, cut)), 0)
                    columns = max(columns, *map(_column_number, set(_REFERENCE_COLUMN.findall(text, 0, cut))), 0)
                    text = text[cut:] + chunk
            check_table_size(path.name, rows, columns, sheet=Path(part.filename).stem)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _chosen_sheet(path: Path, sheet: str | None, sheets: list[str]) -> str:
    if not sheets:
        raise TableError(QT_TRANSLATE_NOOP("GismapError", "{file}: the workbook has no sheet."), file=path.name)
    if sheet is None:
        return sheets[0]
    if sheet not in sheets:
        raise TableError(QT_TRANSLATE_NOOP("GismapError", "{file}: no sheet '{sheet}'. Sheets are: {sheets}."),
                         file=path.name, sheet=sheet, sheets=", ".join(sheets))
    return sheet


def _calamine_workbook(path: Path):
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged or foreign files
        raise _unreadable(path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    return workbook


def _calamine_grid(sheet, path: Path) -> list[list]:
    """The cells of a calamine sheet from A1, merged ranges spread as for .xlsx; empty cells None."""
    height, width = sheet.end[0] + 1 if sheet.end else 0, sheet.end[1] + 1 if sheet.end else 0
    check_table_size(path.name, height, width, sheet=sheet.name)
    grid = [[None if value == "" else value for value in row] for row in sheet.to_python(skip_empty_area=False)]
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or []:
        if top < len(grid) and left < len(grid[top]):
            value = grid[top][left]
            for r in range(top, min(bottom + 1, len(grid))):
                for c in range(left, min(right + 1, len(grid[r]))):
                    grid[r][c] = value
    return grid


def _fraction_warnings(table: ParsedTable) -> ParsedTable:
    """Note share columns whose values are all at most 1: shown as 98,5 % they are stored as 0.985, and
    a .xls/.ods read keeps no cell formats to tell. The values are left as they are."""
    notes = [Message(QT_TRANSLATE_NOOP(
        "GismapError", "'{header}': every value is at most 1; if the sheet shows them as percentages (98,5 %), they "
        "are fractions: save the workbook as .xlsx, which keeps its formats, and join it again"), header=header)
        for header, name in table.columns.items()
        if name in INDICATORS and INDICATORS[name].is_pct and table.frame[header].notna().any()
        and table.frame[header].max() <= 1 and (table.frame[header] % 1 != 0).any()]
    return replace(table, warnings=[*table.warnings, *notes]) if notes else table


def _sheet_grid(sheet, path: Path, feedback: Feedback) -> list[list]:
    # The cells from A1 to the last one used: a sheet with one stray cell far away spans millions.
    check_table_size(path.name, sheet.max_row, sheet.max_column, sheet=sheet.title)
    grid = []
    for number, row in enumerate(sheet.iter_rows(), 1):
        if number % _FEEDBACK_ROWS == 0:
            feedback.check()
        grid.append([
            # A cell formatted as a percentage stores 0.985 for 98.5 %; rounded, 0.985 * 100 is 98.5, not 98.49999999999999.
            round(c.value * 100, 9) if isinstance(c.value, (int, float)) and "%" in (c.number_format or "") else c.value
            for c in row
        ])
    # A merged cell holds its value in the top-left cell only: spread it over the range so that
    # a merged header names each column beneath it.
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > len(grid) or merged.min_col > len(grid[merged.min_row - 1]):
            continue  # a range declared beyond the cells (a damaged file): nothing to spread
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                grid[r][c] = value
    return grid


def _csv_grid(path: Path, feedback: Feedback) -> tuple[list[list], str | None]:
    """The cells of a CSV, and ``"CP1258"`` when they are bytes (held as Latin-1 strings) that
    :func:`parse_grid` decodes cell by cell: a file not in UTF-8 is Windows-1258, TCVN3 or VNI."""
    text, bytes_fallback = _csv_text(path, _csv_bytes(path))
    # Universal newlines: a file mixing CR LF, LF and a lone CR (one line edited on another system) reads as lines.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=_csv_delimiter(text))
    grid: list[list] = []
    cells = width = 0
    try:
        for row in reader:
            grid.append(row)
            cells += len(row)
            if len(row) > width:
                width = len(row)
                check_table_size(path.name, len(grid), width, cells)
            if len(grid) % _FEEDBACK_ROWS == 0:
                feedback.check()
                check_table_size(path.name, len(grid), width, cells)
    except csv.Error:  # the only one csv raises on text: a cell beyond its field limit
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}, line {line}: a cell longer than {limit} characters, as no table holds; a quote may be left "
            "open. Check that line, or save the file again as CSV."),
            file=path.name, line=f"{reader.line_num:,}", limit=f"{csv.field_size_limit():,}") from None
    check_table_size(path.name, len(grid), width, cells)
    if text.count('"') % 2 and grid and any("\n" in cell for cell in grid[-1]):
        opened = text.count("\n", 0, text.rfind('"')) + 1
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: the quote opened on line {line} is never closed, so every line after it would be read as one "
            "cell. Close or remove that quote and save the file again."), file=path.name, line=f"{opened:,}")
    return grid, bytes_fallback


def _csv_bytes(path: Path) -> bytes:
    """The bytes of a CSV, refused when larger than any table GISMap reads."""
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: {size} bytes, more than GISMap reads in a table (at most {limit}). Split it into several files."),
            file=path.name, size=f"{size:,}", limit=f"{MAX_TABLE_BYTES:,}")
    return path.read_bytes()


def _csv_delimiter(text: str) -> str:
    """The separator of a CSV's text, judged from its first 50 lines (each cut short: a single line of
    megabytes is no sample, and would exceed csv's field limit)."""
    return _delimiter([line[:10_000] for line in text[:_DELIMITER_SAMPLE_CHARS].splitlines()[:50] if line.strip()])


def _csv_text(path: Path, data: bytes) -> tuple[str, str | None]:
    """The text of a CSV file and its byte fallback (see :func:`_csv_grid`); a binary or damaged file is refused."""
    bytes_fallback = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16 with its byte order mark
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _damaged_text(path, data[:exc.start].decode("utf-16").count("\n") + 1, "UTF-16") from None
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not data[:exc.start].isascii():
                # Text in UTF-8 up to a byte that is not: a damaged file, or one of two encodings.
                raise _damaged_text(path, data.count(b"\n", 0, exc.start) + 1, "UTF-8") from None
            text, bytes_fallback = data.decode("latin-1"), "CP1258"
    newline, nul = "\n", "\x00"
    if nul in text:
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}, line {line}: holds NUL characters, which no text table does: the file is damaged, or is not a "
            "CSV (a spreadsheet or another file with a .csv name). Open it in a spreadsheet program and save it "
            "as CSV UTF-8."), file=path.name, line=f"{text.count(newline, 0, text.index(nul)) + 1:,}")
    return (text if bytes_fallback else unicodedata.normalize("NFC", text)), bytes_fallback


def _damaged_text(path: Path, line: int, encoding: str) -> TableError:
    """The error for text in ``encoding`` that stops being so on ``line``."""
    return TableError(QT_TRANSLATE_NOOP(
        "GismapError",
        "{file}, line {line}: not valid {encoding} text, though the lines before it are: the file is damaged or "
        "mixes encodings. Open it in a spreadsheet program and save it again as CSV UTF-8."),
        file=path.name, line=f"{line:,}", encoding=encoding)


def _delimiter(sample: list[str]) -> str:
    """The separator that splits the most lines into the same number of fields (more than one).

    Decimal commas put commas in the data rows but not in the header, so a count of commas per
    line would take ``1,5;2,5`` for comma-separated; a real separator gives every row one shape.
    """
    def rows_of_one_shape(delimiter: str) -> tuple[int, int]:
        """How many lines share the commonest number of fields, then that number (more fields
        win a tie: decimal commas split a row into fewer pieces than its separator does)."""
        widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        shape = max(set(widths), key=widths.count, default=1)
        return (widths.count(shape), shape) if shape > 1 else (0, 0)

    return max(",;\t", key=rows_of_one_shape)


def _clean(value):
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        return value or None
    if isinstance(value, bool):
        return str(value)
    return value


# ---------------------------------------------------------------------------- header

def _is_number(value) -> bool:
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and re.fullmatch(r"[-+]?[\d.,\s]+%?", value) is not None and any(c.isdigit() for c in value)


def _header_like(row: list) -> bool:
    cells = [v for v in row if v is not None]
    return len(set(map(str, cells))) >= 2 and not any(_is_number(v) for v in cells)


def _find_header(rows: list[list], source: str) -> tuple[int, bool]:
    """The header row (0-based) and whether the row under it is a second header row.

    Title rows recognise no indicator; the header is the row (with the one under it) that
    recognises most columns, the first header-like row when none is recognised.
    """
    best: tuple[int, int, bool] | None = None
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if not _header_like(row):
            continue
        below = rows[i + 1] if i + 1 < len(rows) else None
        two_rows = below is not None and _header_like(below) and _is_sub_header(row, below)
        flattened = _flatten_header(row, below if two_rows else None)
        score = sum(1 for target in _recognise([h for h in flattened if h]).values() if target)
        if best is None or score > best[1]:
            best = (i, score, two_rows)
    if best is None:
        raise TableError(QT_TRANSLATE_NOOP(
            "GismapError",
            "{file}: no header row found (a row naming the columns, e.g. 'Mã xã', 'Tên xã', 'Dân số'). Add one above"
            " the data."), file=source)
    return best[0], best[2]


def _is_sub_header(top: list, below: list) -> bool:
    """A second header row: it names columns under a header cell spread over several columns
    (merged, or left blank after the first column of the group in a CSV), or it repeats the header
    cell for cell (headers merged over two rows, spread)."""
    if below == top:
        return True
    for j, value in enumerate(below):
        if value is None:
            continue
        if top[j] is None or (j > 0 and top[j] == top[j - 1]) or (j + 1 < len(top) and top[j] == top[j + 1]):
            return True
    return False


def _flatten_header(top: list, below: list | None) -> list[str | None]:
    if below is None:
        return [None if v is None else str(v) for v in top]
    names, group = [], None
    for j, (upper, lower) in enumerate(zip(top, below)):
        # A CSV leaves the cells right of a group title blank: they belong to that group.
        group = upper if upper is not None else (group if lower is not None else None)
        upper, lower = (None if group is None else str(group)), (None if lower is None else str(lower))
        if lower is None or lower == upper:
            names.append(upper)
        elif upper is None:
            names.append(lower)
        else:
            names.append(f"{upper} / {lower}")
    return names


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def _recognise(headers: list[str]) -> dict[str, str | None]:
    """Header → canonical name or key role; the first column wins when two claim one name."""
    columns: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        parts = header.split(" / ", 1)
        options = [header] if len(parts) == 1 else [parts[1], f"{parts[1]} {parts[0]}", header]
        target = next((t for t in map(recognise_header, options) if t), None)
        columns[header] = target if target not in taken else None
        if target:
            taken.add(target)
    return columns


# ---------------------------------------------------------------------------- rows and values

def _exclude_non_communes(frame: pd.DataFrame, columns: dict[str, str | None]) -> tuple[pd.DataFrame, list[dict]]:
    roles = {role: h for h, role in columns.items() if role in KEY_ROLES}
    code_header = roles.get("code")
    text_headers = list(dict.fromkeys(h for h in (roles.get("name"), roles.get("district"), *frame.columns[:3]) if h))
    # Only rows that could be totals, notes or the numbering row are looked at one by one.
    could_be_total = pd.Series(False, index=frame.index)
    for header in text_headers:
        could_be_total |= frame[header].map(lambda v: isinstance(v, str)) & frame[header].astype(str).str.lower().str.match(
            _TOTAL_START)
    single = frame.notna().sum(axis=1) == 1
    suspects = frame.index[(could_be_total | single).to_numpy()].union(frame.index[:3])
    excluded = []
    for row_number in suspects:
        cells = frame.loc[row_number]
        present = [v for v in cells if v is not None]
        reason = None
        has_code = code_header is not None and str(normalise_code(cells[code_header])).isdigit()
        texts = [fold(cells[h]) for h in text_headers if isinstance(cells[h], str)]
        if not has_code and any(_TOTAL_RE.match(t) for t in texts):
            reason = Message(QT_TRANSLATE_NOOP("GismapError", "total"))
        elif len(present) == 1 and isinstance(present[0], str) and (
            _NOTE_RE.match(fold(present[0])) or cells.get(roles.get("name")) is None
        ):
            reason = Message(QT_TRANSLATE_NOOP("GismapError", "note"))
        elif len(present) >= 3 and _is_column_numbering(present):
            reason = Message(QT_TRANSLATE_NOOP("GismapError", "column numbers"))
        if reason:
            excluded.append({"row": int(row_number), "reason": reason,
                             "text": " | ".join(str(v) for v in present)[:200]})
    return frame.drop(index=[e["row"] for e in excluded]), excluded


def _is_column_numbering(values: list) -> bool:
    """``(1) (2) (3)`` or ``1 2 3 ...``: the numbering row many reports put under the header."""
    numbers = []
    for v in values:
        text = str(v).strip("() ")
        if isinstance(v, float) and v.is_integer():
            text = str(int(v))
        if not text.isdigit():
            return False
        numbers.append(int(text))
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _decimal_comma(frame: pd.DataFrame) -> bool:
    """Whether the table writes decimals with a comma (Vietnamese), judged on its text cells."""
    vi = en = 0
    for header in frame.columns:
        for value in frame[header].to_numpy(dtype=object)[:_EVIDENCE_ROWS]:
            if isinstance(value, str):
                text = value.replace(" ", "").removesuffix("%")
                vi += _VI_EVIDENCE_RE.fullmatch(text) is not None
                en += _EN_EVIDENCE_RE.fullmatch(text) is not None
    return not en > vi


def _finish(table: ParsedTable) -> ParsedTable:
    """Parse each raw column by what it is: codes with their zeros, names as text, numbers."""
    out = pd.DataFrame(index=table.raw.index)
    invalid_values = []
    for header in table.raw.columns:
        role = table.columns[header]
        raw = table.raw[header]
        if role in _CODE_WIDTH:
            out[header] = _cells(raw, lambda v, w=_CODE_WIDTH[role]: normalise_code(v, w))
            continue
        if role in KEY_ROLES:
            out[header] = _cells(raw, str)
            continue
        spec = INDICATORS.get(role)
        if spec is None and _mostly_not_numbers(raw):  # names, codes: not worth parsing as numbers
            out[header] = _cells(raw, str)
            continue
        numbers, invalid = parse_numbers(raw, table.decimal_comma, grouped_is_thousands=bool(spec and spec.is_count))
        if spec is None and invalid.sum() > 0.2 * raw.notna().sum():
            out[header] = _cells(raw, str)  # a text column
            continue
        out[header] = numbers
        invalid_values += [{"row": int(r), "column": header, "value": str(raw[r])} for r in raw.index[invalid]]
    return replace(table, frame=out, invalid_values=invalid_values)


# Text cells parse_numbers may read as a number or a missing marker: they begin like a number, "inf" or
# "nan", or are a marker, spaces anywhere (RE2, case ignored).
_MAYBE_NUMBER_RE2 = (f"^{_SPACES_RE2}*(?:[-+.,0-9]|inf|nan)|^{_SPACES_RE2}*(?:" + "|".join(
    f"{_SPACES_RE2}*".join(re.escape(c) for c in marker) for marker in sorted(MISSING_MARKERS) if marker)
    + f"){_SPACES_RE2}*$")


def _mostly_not_numbers(raw: pd.Series) -> bool:
    """Whether over a fifth of the cells are text that :func:`parse_numbers` cannot read (see
    ``_MAYBE_NUMBER_RE2``): a text column, known without parsing it."""
    if raw.dtype == object:
        text = _arrow_text(raw[raw.map(lambda v: isinstance(v, str))].to_numpy(dtype=object))
    else:
        text = pa.array(raw, type=pa.string())
    if len(text) == text.null_count:
        return False
    maybe = pc.sum(pc.match_substring_regex(text, _MAYBE_NUMBER_RE2, ignore_case=True)).as_py() or 0
    return len(text) - text.null_count - maybe > 0.2 * raw.notna().sum()


def _cells(raw: pd.Series, convert) -> pd.Series:
    """``convert`` applied to each cell, an empty cell kept as None: ``Series.map`` would make it NaN,
    a float that is true and reads "nan" (a row with an empty district cell would be looked up in a
    district named "nan")."""
    if isinstance(raw.dtype, pd.StringDtype):  # text already (read_plain_csv), its empty cells missing, not "nan"
        return raw if convert is str else raw.map(convert, na_action="ignore")
    return pd.Series([None if v is None else convert(v) for v in raw], index=raw.index, dtype=object)
