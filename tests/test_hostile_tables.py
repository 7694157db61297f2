"""Hostile and damaged tables: each ends in the table it holds or a TableError naming the file, what is
wrong and the limit that was hit; never a traceback, a hang or an exhausted machine.

The bombs are built small: the checks look at declared sizes, packing and cell references before
anything is read, so a bomb that would take minutes or gigabytes is refused in milliseconds.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gismap.core import tables
from gismap.core.errors import TableError
from gismap.core.paths import shapefiles_dir
from gismap.core.tables import list_sheets, read_table

NINH_BINH = shapefiles_dir() / "communes_37.parquet"

HEADER = "Mã xã,Tên xã,Dân số\n"
SHEET = "xl/worksheets/sheet1.xml"


def _csv(tmp_path: Path, data: bytes, name: str = "bang.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def workbook(tmp_path) -> Path:
    """A real two-row coverage workbook, to be damaged by :func:`_rewritten`."""
    book = openpyxl.Workbook()
    book.active.append(["Mã xã", "Tên xã", "Dân số"])
    book.active.append(["00001", "Phúc Xá", 5000])
    path = tmp_path / "goc.xlsx"
    book.save(path)
    return path


def _rewritten(source: Path, target: Path, change, added: dict[str, bytes] | None = None,
               method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A copy of the workbook ``source`` whose parts pass through ``change(name, data)`` (None drops one)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", method) as new:
        for part in old.infolist():
            data = change(part.filename, old.read(part.filename))
            if data is not None:
                new.writestr(part.filename, data)
        for name, data in (added or {}).items():
            new.writestr(name, data)
    return target


def _in_sheet(old: bytes, new: bytes):
    def change(name: str, data: bytes) -> bytes:
        if name == SHEET:
            assert old in data
            return data.replace(old, new)
        return data
    return change


# -- CSV -----------------------------------------------------------------------------------------

def test_a_csv_with_100000_columns_is_refused_naming_the_limit(tmp_path):
    wide = ",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" * 100_000) + "\n"
    with pytest.raises(TableError, match=rf"bang.csv: 100,000 columns.*at most {tables.MAX_TABLE_COLUMNS:,}"):
        read_table(_csv(tmp_path, wide.encode()))


def test_a_csv_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = _csv(tmp_path, (HEADER + "00001,Phúc Xá,5000\n" * 100).encode())
    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 1000)
    with pytest.raises(TableError, match=r"bang.csv: [\d,]+ bytes, more than .*at most 1,000"):
        read_table(path)


def test_rows_and_cells_beyond_the_limits_are_refused_as_they_are_read(tmp_path, monkeypatch):
    path = _csv(tmp_path, (HEADER + "00001,Phúc Xá,5000\n" * 30_000).encode())
    monkeypatch.setattr(tables, "MAX_TABLE_ROWS", 20_000)
    with pytest.raises(TableError, match=r"bang.csv: [\d,]+ rows, .*at most 20,000"):
        read_table(path)
    monkeypatch.setattr(tables, "MAX_TABLE_ROWS", 10**9)
    monkeypatch.setattr(tables, "MAX_TABLE_CELLS", 50_000)
    with pytest.raises(TableError, match=r"bang.csv: [\d,]+ cells, .*at most 50,000"):
        read_table(path)


def test_a_million_row_join_reserves_little_address_space(tmp_path):
    # Arrow's bundled mimalloc reserved address space by the gigabyte (2.3 GB at the peak of this
    # join, for 0.7 GB in use): under a 3 GB address-space limit (ulimit -v, a shared server) the
    # join then ended in MemoryError. Through the C library's malloc the peak is about 1.3 GB.
    import subprocess
    import sys

    table = tmp_path / "mot_xa.csv"
    table.write_text("Mã xã,Dân số\n" + "13285,1\n" * 1_000_000, encoding="utf-8")
    code = ("import re, sys\nfrom gismap.cli import main\n"
            f"status = main(['join', {str(NINH_BINH)!r}, {str(table)!r}, '--out', {str(tmp_path / 'x.csv')!r}])\n"
            "print('peak', re.search(r'VmPeak:\\s+(\\d+)', open('/proc/self/status').read())[1], file=sys.stderr)\n"
            "raise SystemExit(status)")
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "commune 13285 appears on 1000000 rows" in done.stdout
    peak_mb = int(done.stderr.split("peak")[-1]) / 1024
    assert peak_mb < 1_800


def test_one_huge_line_is_refused_naming_it(tmp_path):
    path = _csv(tmp_path, HEADER.encode() + b"00001,Ph\xc3\xbac X\xc3\xa1," + b"9" * 2_000_000 + b"\n")
    with pytest.raises(TableError, match=r"bang.csv, line 2: a cell longer than 131,072 characters"):
        read_table(path)


def test_mixed_line_endings_read_every_row(tmp_path):
    path = _csv(tmp_path, (HEADER.replace("\n", "\r\n") + "00001,Phúc Xá,5000\r00002,Trúc Bạch,7000\n"
                           "00003,Vĩnh Phúc,9000\r\n").encode())
    table = read_table(path)
    assert table.frame["Tên xã"].tolist() == ["Phúc Xá", "Trúc Bạch", "Vĩnh Phúc"]
    assert table.frame["Dân số"].tolist() == [5000, 7000, 9000]


def test_utf16_with_its_byte_order_mark_is_read_as_unicode_text(tmp_path):
    path = _csv(tmp_path, (HEADER + "00001,Phúc Xá,5000\n").replace(",", "\t").encode("utf-16"))
    table = read_table(path)
    assert table.frame["Tên xã"].tolist() == ["Phúc Xá"] and table.frame["Dân số"].tolist() == [5000]


@pytest.mark.parametrize("data, said", [
    ((HEADER + "00001,Phúc\x00Xá,5000\n").encode(), r"bang.csv, line 2: holds NUL characters"),
    (b"\xef\xbb\xbf" + (HEADER + "00001,Phúc Xá,5000\n").encode("utf-16"), r"bang.csv, line 1: holds NUL characters"),
    ((HEADER + "00001,Phúc Xá,5000\n").encode() + b"00002,\xff\xfe,1\n", r"bang.csv, line 3: not valid UTF-8 text"),
    ((HEADER + '00001,"Phúc Xá,5000\n00002,Trúc Bạch,7000\n').encode(), r"bang.csv: the quote opened on line 2 is never closed"),
])
def test_damaged_csv_text_is_refused_naming_the_line(tmp_path, data, said):
    with pytest.raises(TableError, match=said):
        read_table(_csv(tmp_path, data))


def test_a_legacy_encoded_csv_is_still_read(tmp_path):
    """Not UTF-8 from its first letter: Windows-1258 (the check for damaged UTF-8 leaves it alone)."""
    table = read_table(_csv(tmp_path, "Ma xa,Ten xa,Dan so\n00001,Phúc Xá,5000\n".encode("cp1258")))
    assert table.frame["Ten xa"].tolist() == ["Phúc Xá"] and table.encoding == "CP1258"


def test_a_long_csv_read_can_be_cancelled(tmp_path):
    from gismap.core.feedback import Canceled, Feedback

    feedback = Feedback()
    feedback.cancel()
    with pytest.raises(Canceled):
        read_table(_csv(tmp_path, (HEADER + "00001,Phúc Xá,5000\n" * 20_000).encode()), feedback=feedback)


# -- workbooks -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, said", [
    ("bang.xlsx", b"not a zip at all", r"bang.xlsx: cannot be read as an Excel workbook \(not a zip archive"),
    ("bang.ods", b"PK\x03\x04 cut short", r"bang.ods: cannot be read as a workbook \(not a zip archive"),
    ("bang.xls", b"\xd0\xcf\x11\xe0 cut short" * 10, r"bang.xls: cannot be read as a workbook"),
])
def test_a_workbook_that_is_no_workbook_is_refused(tmp_path, name, data, said):
    with pytest.raises(TableError, match=said):
        read_table(_csv(tmp_path, data, name))


def test_a_zip_that_is_not_a_workbook_is_refused_in_words(tmp_path):
    path = tmp_path / "bang.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ghi_chu.txt", "xin chào")
    with pytest.raises(TableError, match=r"bang.xlsx: .*\(a zip archive, but not an Excel workbook\)") as raised:
        read_table(path)
    assert "Content_Types" not in str(raised.value)


def test_a_workbook_without_sheets_is_refused(workbook, tmp_path):
    def drop_sheet(name, data):
        if name == SHEET:
            return None
        return data.replace(b'<sheet name="Sheet" sheetId="1" state="visible" r:id="rId1" />', b"") \
            if name == "xl/workbook.xml" else data

    with pytest.raises(TableError, match="the workbook has no sheet"):
        read_table(_rewritten(workbook, tmp_path / "trong.xlsx", drop_sheet))


def test_a_corrupt_shared_strings_part_is_refused_in_words(workbook, tmp_path):
    broken = _rewritten(workbook, tmp_path / "hong.xlsx", _in_sheet(b't="inlineStr"><is><t>Ph\xc3\xbac X\xc3\xa1</t></is>',
                                                                     b't="s"><v>99</v>'),
                        added={"xl/sharedStrings.xml": b'<sst count="1" uniqueCount="1"><si><t>x</t></si>'})
    with pytest.raises(TableError, match=r"hong.xlsx: cannot be read as an Excel workbook \(its cells or sheets are "
                                         r"inconsistent\)") as raised:
        read_table(broken)
    assert "index" not in str(raised.value)


@pytest.mark.parametrize("part, doctype", [
    ("xl/workbook.xml", b'<!DOCTYPE z [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'),
    (SHEET, b'<!DOCTYPE z [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
])
def test_xml_entity_declarations_are_refused_before_any_parser_sees_them(workbook, tmp_path, part, doctype):
    def add_doctype(name, data):
        return doctype + data.split(b"?>", 1)[-1] if name == part else data

    with pytest.raises(TableError, match=f"its part {part} declares XML entities"):
        read_table(_rewritten(workbook, tmp_path / "thuc_the.xlsx", add_doctype))


def test_a_zip_bomb_of_empty_cells_is_refused_by_its_packing(workbook, tmp_path):
    bomb = _rewritten(workbook, tmp_path / "bom.xlsx", _in_sheet(b"</sheetData>", b'<row r="3">' + b"<c/>" * 1_000_000
                                                                 + b"</row></sheetData>"))
    started = time.perf_counter()
    with pytest.raises(TableError, match=rf"bom.xlsx: its part {SHEET} unpacks to 4,000,\d+ bytes .*more than "
                                         rf"{tables.MAX_COMPRESSION_RATIO} times smaller"):
        read_table(bomb)
    assert time.perf_counter() - started < 2


def test_a_workbook_unpacking_beyond_the_limit_is_refused(workbook, monkeypatch):
    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 5000)
    with pytest.raises(TableError, match=r"goc.xlsx: unpacks to [\d,]+ bytes, .*at most 5,000"):
        read_table(workbook)
    with pytest.raises(TableError, match=r"goc.xlsx: unpacks to"):
        list_sheets(workbook)


@pytest.mark.parametrize("reader, sheet", [("openpyxl", "Sheet"), ("calamine", "sheet1")])
def test_a_cell_far_away_is_refused_before_its_sheet_is_spanned(workbook, tmp_path, monkeypatch, reader, sheet):
    """openpyxl would walk 17 billion cells from A1 to XFD1048576, calamine allocate them: both are refused
    (openpyxl's sheet once loaded, by its extent; calamine's before, by the references in its XML)."""
    if reader == "calamine":
        monkeypatch.setattr(tables, "MAX_FORMATTED_CELLS", 0)
    far = _rewritten(workbook, tmp_path / "xa.xlsx", _in_sheet(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'))
    started = time.perf_counter()
    with pytest.raises(TableError, match=rf"xa.xlsx, sheet '{sheet}': 16,384 columns.*at most {tables.MAX_TABLE_COLUMNS:,}"):
        read_table(far)
    assert time.perf_counter() - started < 5


def test_a_declared_dimension_alone_spans_nothing(workbook, tmp_path):
    declared = _rewritten(workbook, tmp_path / "khai.xlsx", _in_sheet(b'<dimension ref="A1:C2" />',
                                                                      b'<dimension ref="A1:XFD1048576" />'))
    table = read_table(declared)
    assert table.frame["Tên xã"].tolist() == ["Phúc Xá"] and table.frame["Dân số"].tolist() == [5000]


def test_a_shared_strings_bomb_is_refused_by_its_declared_count(workbook, tmp_path):
    bomb = _rewritten(workbook, tmp_path / "chuoi.xlsx", lambda name, data: data, added={
        "xl/sharedStrings.xml": b'<sst count="90000000" uniqueCount="90000000"><si><t>x</t></si></sst>'})
    with pytest.raises(TableError, match=rf"chuoi.xlsx: 90,000,000 shared texts.*at most {tables.MAX_SHARED_STRINGS:,}"):
        read_table(bomb)


def test_a_workbook_too_large_for_formats_is_read_quickly_without_them(workbook, tmp_path, monkeypatch):
    """An .xlsx of 1,048,576 rows would take openpyxl minutes: past MAX_FORMATTED_CELLS it is read through
    python-calamine, and the table says its formats were not seen."""
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%05d</t></is></c><c r="C%d"><v>%d</v></c></row>'
                    % (r, r, r, r, r) for r in range(3, 2003))
    large = _rewritten(workbook, tmp_path / "lon.xlsx", _in_sheet(b"</sheetData>", rows + b"</sheetData>"))
    monkeypatch.setattr(tables, "MAX_FORMATTED_CELLS", 1000)
    table = read_table(large)
    assert len(table.frame) == 2001 and table.frame["Dân số"].iloc[-1] == 2002
    assert any("read without its number formats" in str(w) for w in table.warnings)
