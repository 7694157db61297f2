"""Text encodings of Shapefile attribute tables: UTF-8 versus Windows-1258 (and the old font
codes, see :mod:`gismap.core.legacy_text`).

Vietnamese Shapefiles made before UTF-8 became the norm are often in Windows-1258
(``CP1258``) without a ``.cpg`` file; read as UTF-8 or Latin-1 they turn into mojibake.
"""

from __future__ import annotations

import codecs
import struct
import unicodedata
from pathlib import Path


def detect_shapefile_encoding(dbf: Path | bytes) -> str:
    """``"UTF-8"`` when the DBF's text decodes as UTF-8 (or is plain ASCII), else ``"CP1258"``.

    Windows-1258 Vietnamese text is almost never valid UTF-8: its tone marks are single
    bytes above 0x7F that do not form UTF-8 sequences. Neither is TCVN3 or VNI text: such a DBF
    is read byte for byte and each column told apart by :mod:`gismap.core.legacy_text`, with
    Windows-1258 for what no other encoding explains.
    """
    return "UTF-8" if _is_utf8(_dbf_text(dbf)) else "CP1258"


def holds_utf8_text(dbf: Path | bytes) -> bool:
    """Whether the DBF's text has characters beyond ASCII and is valid UTF-8: then it is UTF-8, whatever
    a ``.cpg`` says (text in a single-byte code page is almost never valid UTF-8, see above)."""
    text = _dbf_text(dbf)
    return not text.isascii() and _is_utf8(text)


def dbf_codec(encoding: str) -> str | None:
    """Python's name for the code page ``encoding`` names (``"utf-8"`` for ``UTF-``, ``cp65001``...), or
    None when it names none a DBF's text can be in: unknown, not text (``rot13``), UTF-16/32 (whose zero
    bytes a DBF cannot carry) or an escape scheme."""
    try:
        codec = codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_DBF_CODECS \
            or codec.name.startswith(("utf-16", "utf-32")):
        return None
    return "utf-8" if codec.name == "utf-8-sig" else codec.name


_NOT_DBF_CODECS = {"idna", "punycode", "utf-7", "undefined", "raw-unicode-escape", "unicode-escape"}


def _dbf_text(dbf: Path | bytes) -> bytes:
    """The field names and records of a DBF: every byte that may be text (not the field widths and types)."""
    data = dbf if isinstance(dbf, bytes) else Path(dbf).read_bytes()
    header_length = struct.unpack_from("<H", data, 8)[0] if len(data) >= 10 else 0
    names = b"".join(data[start:start + 11] for start in range(32, header_length - 1, 32))
    return names + data[header_length:]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_cp1258(text: str) -> str:
    """Turn a string read byte-for-byte as Latin-1 into the Windows-1258 text it encodes (NFC); the
    few bytes the code page leaves undefined become U+FFFD."""
    return unicodedata.normalize("NFC", text.encode("latin-1").decode("cp1258", errors="replace"))


def encode_cp1258(text: str) -> bytes:
    """Encode Vietnamese text as Windows-1258, which has tone marks only as combining characters.

    Base letters with circumflex, breve or horn (â, ă, ơ, ư, ...) exist precomposed in the code
    page; tones (grave, acute, hook, tilde, dot below) follow them as combining marks.
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if c not in _TONE_MARKS)
        )
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        out += (base + tones).encode("cp1258")
    return bytes(out)


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
