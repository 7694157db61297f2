"""Vietnamese text in the font codes of the 1990s: TCVN3 (ABC) and VNI-Windows.

Before Unicode, Vietnamese was typed with 8-bit fonts: ``.VnTime`` (TCVN3, the national code
TCVN 5712:1993 VN3) and ``VNI-Times`` (VNI-Windows). Files keep those bytes. Read as Windows
text (cp1252), "Hà Nội" becomes ``Hµ Néi`` in TCVN3 and ``Haø Noäi`` in VNI: a DBF or CSV
holds the bytes, an Excel or OpenDocument sheet the cp1252 characters of the bytes.

The byte facts, and what is done with them:

- TCVN3 is one byte a letter. The seven letters Ă Â Ê Ô Ơ Ư Đ and their lowercase take 0xA1-0xAE;
  the 60 lowercase toned vowels fill 0xB5-0xFE, vowel by vowel (a ă â e ê i o ô ơ u ư y), each with
  its tones in the order huyền, hỏi, ngã, sắc, nặng, skipping the 14 bytes where TCVN 5712's full
  code (VN1) puts capitals; 0xB0-0xB4 are the five tones as combining marks. VN3 has no toned
  capitals: a title in the uppercase font ``.VnTimeH`` is typed with the lowercase bytes, so the
  bytes cannot tell ``hà`` from ``HÀ``. A cell with no lowercase ASCII letter and a word that has
  capitals on both sides of a toned byte or two before or after it (``NéI``, ``TØNH``) is read in
  capitals (``HÀ NỘI``); otherwise toned letters are read in lowercase (``Lª Hå`` is ``Lê Hồ``). The VN1
  capitals' bytes are left alone: ABC fonts do not draw them, and in cp1252 they are common
  Western letters and punctuation.
- VNI-Windows writes a base letter followed by a mark byte (``a`` + ``ø`` = à, ``o`` + ``ä`` = ộ);
  đ, ơ, ư, the toned i and ỵ are single bytes. It has all 134 letters, capitals with capital marks.

Which reading a cell is in is decided by Vietnamese spelling: a reading counts when every word
with a non-ASCII letter in it is a Vietnamese syllable (onset, rhyme, at most one tone, on the
vowel that carries it, sắc or nặng on a stop). ``Müller``, ``São Paulo``, ``café`` spell no more
Vietnamese once converted than before, so they are left alone. A legacy code is found when cells
spell Vietnamese in it and in no other reading; each column is read in the codes its own cells
show. A column (or file) holding cells clearly in two readings is mixed: each such cell is read in
its own, and cells that spell Vietnamese in two readings are left as read and reported, never
guessed. See :func:`repair_columns`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from gismap.core.encoding import decode_cp1258
from gismap.core.errors import QT_TRANSLATE_NOOP, Message

TCVN3 = "TCVN3"
VNI = "VNI-Windows"
UNICODE = "Unicode"
CP1252 = "CP1252"
LEGACY = (TCVN3, VNI)

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
TONES = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)  # TCVN3's order: huyền, hỏi, ngã, sắc, nặng
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
_MARKED = ("ă", "â", "ê", "ô", "ơ", "ư", "đ")


def _compose(base: str, tone: str = "") -> str:
    return unicodedata.normalize("NFC", base + tone)


VIETNAMESE_LETTERS: tuple[str, ...] = tuple(
    case(letter)
    for letter in (*_MARKED, *(_compose(v, t) for v in _VOWELS for t in TONES))
    for case in (str.lower, str.upper)
)
"""The 134 letters of Vietnamese beyond ASCII: 7 with a mark and 60 toned vowels, each in both cases."""


# ---------------------------------------------------------------------------- cp1252 renderings

def _cp1252_char(byte: int) -> str:
    """The character Windows shows for a byte; the five bytes cp1252 leaves undefined pass through."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_CP1252_BYTE = {_cp1252_char(b): b for b in range(256)}
_CP1252_TRANSLATION = {b: _cp1252_char(b) for b in range(0x80, 0xA0)}  # Latin-1 string → cp1252 text


# ---------------------------------------------------------------------------- TCVN3

# Bytes of TCVN 5712 VN1 capitals inside 0xB5-0xFE, not used by VN3 (see the module docstring).
_VN1_CAPITAL_BYTES = {0xBA, *range(0xBF, 0xC6), 0xCD, 0xD9, 0xDA, 0xDB, 0xE0, 0xF0}
_TCVN3_TONED_BYTES = [b for b in range(0xB5, 0xFF) if b not in _VN1_CAPITAL_BYTES]

_TCVN3_DECODE: dict[int, str] = {
    **{0xA1 + i: letter.upper() for i, letter in enumerate(_MARKED)},
    **{0xA8 + i: letter for i, letter in enumerate(_MARKED)},
    **{0xB0 + i: tone for i, tone in enumerate(TONES)},
    **dict(zip(_TCVN3_TONED_BYTES, (_compose(v, t) for v in _VOWELS for t in TONES), strict=True)),
}
_TCVN3_TRANSLATION = {**_CP1252_TRANSLATION, **_TCVN3_DECODE}
# Capitals around a toned byte (``NéI``, ``TØNH``): a cell typed in .VnTimeH, if no ASCII letter is lowercase.
_TONED = "".join(map(chr, [*range(0xA8, 0xAF), *_TCVN3_TONED_BYTES]))
_CAPITALS_RE = re.compile(f"[A-Z][{_TONED}]+[A-Z]|[A-Z]{{2}}[{_TONED}]|[{_TONED}][A-Z]{{2}}")
_LOWERCASE_ASCII_RE = re.compile("[a-z]")
_TCVN3_ENCODE: dict[str, int] = {
    letter: byte for byte, letter in _TCVN3_DECODE.items() if byte >= 0xA1 and byte not in range(0xB0, 0xB5)
}


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 (VN3) bytes as Unicode text (NFC); bytes outside the code are read as cp1252."""
    latin = data.decode("latin-1")
    text = latin.translate(_TCVN3_TRANSLATION)
    if _CAPITALS_RE.search(latin) and not _LOWERCASE_ASCII_RE.search(latin):
        text = text.upper()  # typed in .VnTimeH: see the module docstring
    return unicodedata.normalize("NFC", text)


def encode_tcvn3(text: str) -> bytes:
    """Vietnamese text as TCVN3 bytes; a toned capital takes its lowercase byte, as in ``.VnTimeH``."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        byte = _TCVN3_ENCODE.get(char, _TCVN3_ENCODE.get(char.lower()))
        out += bytes([byte]) if byte is not None else char.encode("ascii")
    return bytes(out)


# ---------------------------------------------------------------------------- VNI-Windows

# Mark bytes of capitals; a lowercase letter takes the byte 0x20 above.
_VNI_TONE = {_GRAVE: 0xD8, _ACUTE: 0xD9, _HOOK: 0xDB, _TILDE: 0xD5, _DOT: 0xCF}
_VNI_CIRCUMFLEX = {"": 0xC2, _GRAVE: 0xC0, _ACUTE: 0xC1, _HOOK: 0xC5, _TILDE: 0xC3, _DOT: 0xC4}
_VNI_BREVE = {"": 0xCA, _GRAVE: 0xC8, _ACUTE: 0xC9, _HOOK: 0xDA, _TILDE: 0xDC, _DOT: 0xCB}
_VNI_SINGLE = {"i" + _GRAVE: 0xCC, "i" + _ACUTE: 0xCD, "i" + _HOOK: 0xC6, "i" + _TILDE: 0xD3, "i" + _DOT: 0xD2,
               "y" + _DOT: 0xCE, "đ": 0xD1, "o" + _HORN: 0xD4, "u" + _HORN: 0xD6}


def _vni_bytes(letter: str) -> bytes:
    """The VNI-Windows bytes of one of the 134 letters."""
    lower = letter.lower()
    shift = 0x20 if letter == lower else 0
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((m for m in marks if m in TONES), "")
    modifier = next((m for m in marks if m not in TONES), "")
    if lower == "đ":
        return bytes([_VNI_SINGLE["đ"] + shift])
    if base + tone in _VNI_SINGLE and not modifier:
        return bytes([_VNI_SINGLE[base + tone] + shift])
    if modifier == _HORN:
        head = bytes([_VNI_SINGLE[base + _HORN] + shift])
    elif modifier in (_CIRCUMFLEX, _BREVE):
        table = _VNI_CIRCUMFLEX if modifier == _CIRCUMFLEX else _VNI_BREVE
        return (base if shift else base.upper()).encode("ascii") + bytes([table[tone] + shift])
    else:
        head = (base if shift else base.upper()).encode("ascii")
    return head + (bytes([_VNI_TONE[tone] + shift]) if tone else b"")


_VNI_ENCODE: dict[str, bytes] = {letter: _vni_bytes(letter) for letter in VIETNAMESE_LETTERS}
# A mark after a base letter is read in either case: the letter's case is the base's.
_VNI_BY_LATIN = {
    **{(code[:1] + bytes([code[1] ^ 0x20])).decode("latin-1"): letter
       for letter, code in _VNI_ENCODE.items() if len(code) == 2},
    **{code.decode("latin-1"): letter for letter, code in _VNI_ENCODE.items()},
}
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_BY_LATIN), key=len, reverse=True)))


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes as Unicode text (NFC); bytes that form no letter are read as cp1252."""
    latin = _VNI_RE.sub(lambda m: _VNI_BY_LATIN[m.group()], data.decode("latin-1"))
    return unicodedata.normalize("NFC", latin.translate(_CP1252_TRANSLATION))


def encode_vni(text: str) -> bytes:
    """Vietnamese text as VNI-Windows bytes."""
    return b"".join(_VNI_ENCODE.get(c) or c.encode("ascii") for c in unicodedata.normalize("NFC", text))


def rendered_bytes(text: str) -> bytes | None:
    """The bytes a string holds when it is the cp1252 rendering of 8-bit text, as a ``.VnTime`` or
    ``VNI-Times`` sheet is stored; ``None`` when a character is not in cp1252 (genuine Unicode)."""
    if _NOT_CP1252_RE.search(text):
        return None
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:  # the five bytes cp1252 leaves undefined, kept as C1 controls
        return bytes(_CP1252_BYTE[c] for c in text)


_NOT_CP1252_RE = re.compile("[^" + re.escape("".join(_CP1252_BYTE)) + "]")


# ---------------------------------------------------------------------------- Vietnamese spelling

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|q(?=u)|[bcdđghklmnprstvx])?"
_OPEN_RHYME = (r"(?:a|e|ê|i|o|ô|ơ|u|ư|y|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oa|oe|oi|ôi|ơi|ua|uê|ui|uơ|uy|ưa|ưi"
               r"|ưu|oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu|iêu|yêu)")
# A final k stands for c in place names of the Central Highlands (Đắk Lắk, Ngọk Linh).
_CLOSED_RHYME = (r"(?:(?:a|ă|â|e|ê|i|o|ô|ơ|u|ư|oa|oă|oe|oo|uâ|uê|uô|uy|ươ|iê|yê|uyê)(?:c|k|m|n|ng|p|t)"
                 r"|(?:a|ê|i|oa|uê|uy)(?:ch|nh))")
_SYLLABLE_RE = re.compile(f"{_ONSET}(?:{_OPEN_RHYME}|{_CLOSED_RHYME})")
_ONSET_RE = re.compile(_ONSET)
_VOWEL_RE = re.compile("[aăâeêioôơuưy]*")
_TONE_SET = set(TONES)
_STOP_RE = re.compile(r".*(?:c|ch|k|p|t)")
_BASE_VOWELS = set("aeiouy")  # what a tone mark may sit on, once the other marks are taken off
# Words are split at spaces, digits and ASCII punctuation; other symbols stay inside a word and so
# make it no syllable (``H·`` is TCVN3's ``Hã``, not the word ``H``).
_WORD_SPLIT_RE = re.compile(r"[\s0-9!-/:-@\[-`{-~\u00a0\u2013\u2014\u2018\u2019\u201c\u201d]+")


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Whether a word is spelt as a Vietnamese syllable (any case, NFC or NFD): onset and rhyme,
    at most one tone, on the vowel that carries it (old or new style), sắc or nặng on a stop."""
    letters = unicodedata.normalize("NFC", word.lower())
    toned = [i for i, c in enumerate(letters) if set(unicodedata.normalize("NFD", c)) & _TONE_SET]
    if len(toned) > 1:
        return False
    tone = ""
    if toned:
        decomposed = unicodedata.normalize("NFD", letters[toned[0]])
        tone = next(c for c in decomposed if c in _TONE_SET)
        if decomposed[0] not in _BASE_VOWELS:
            return False
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", letters).replace(tone, "")) if tone \
        else letters
    if not _SYLLABLE_RE.fullmatch(bare):
        return False
    if _STOP_RE.fullmatch(bare) and tone not in ("", _ACUTE, _DOT):
        return False
    return not toned or toned[0] in _tone_places(bare)


def _tone_places(bare: str) -> set[int]:
    """Where a tone may go in a toneless syllable (indexes into it): on the vowel with a mark (ươ: ơ),
    else the only vowel, else the last before a final consonant, else the first (either in oa, oe,
    uy: hóa and hoá), the middle of three."""
    onset = _ONSET_RE.match(bare).group()
    if onset == "gi" and not _VOWEL_RE.match(bare, 2).group():
        onset = "g"  # gì, gìn: the i is the vowel
    cluster = _VOWEL_RE.match(bare, len(onset)).group()
    coda = bare[len(onset) + len(cluster):]
    marked = [k for k, c in enumerate(cluster) if c in "ăâêôơư"]
    if marked:
        places = {marked[-1]}
    elif len(cluster) == 1:
        places = {0}
    elif coda:
        places = {len(cluster) - 1}
    elif len(cluster) == 2:
        places = {0, 1} if cluster in ("oa", "oe", "uy") else {0}
    else:
        places = {1}
    return {len(onset) + k for k in places}


def vietnamese_words(text: str) -> int | None:
    """How many words with a non-ASCII letter a text has when each is a Vietnamese syllable;
    ``None`` when one is not (or there is none)."""
    words = _non_ascii_words(text)
    if not words or not all(map(is_vietnamese_syllable, words)):
        return None
    return len(words)


def _syllables(text: str) -> int:
    """How many of a text's words with a non-ASCII letter are Vietnamese syllables."""
    return sum(map(is_vietnamese_syllable, _non_ascii_words(text)))


def _non_ascii_words(text: str) -> list[str]:
    return [w for w in _WORD_SPLIT_RE.split(text) if w and not w.isascii()]


# ---------------------------------------------------------------------------- deciding and reporting

@dataclass
class ColumnEncodings:
    """How the text cells of one column were read: cells per reading (non-ASCII cells only), and
    the cells left as read because they spell Vietnamese in several readings."""

    cells: Counter = field(default_factory=Counter)
    ambiguous: int = 0
    ambiguous_readings: set[str] = field(default_factory=set)

    @property
    def mixed(self) -> bool:
        return len(self.cells) > 1


@dataclass
class TextEncodingReport:
    """What :func:`repair_columns` found in a file's text: the reading of each column."""

    base: str
    columns: dict[Hashable, ColumnEncodings] = field(default_factory=dict)

    @property
    def encodings(self) -> list[str]:
        """Every reading used for non-ASCII text, the most used first."""
        total: Counter = Counter()
        for column in self.columns.values():
            total.update(column.cells)
        return [name for name, _ in total.most_common()]

    @property
    def legacy(self) -> list[str]:
        return [name for name in self.encodings if name in LEGACY]

    def encoding(self, unicode_as: str = UNICODE) -> str:
        """The file's text encoding as shown to the user: ``TCVN3``, ``UTF-8 + TCVN3``, or the base;
        ``unicode_as`` names the Unicode cells (the file's own encoding, e.g. UTF-8)."""
        names = [unicode_as if name == UNICODE else name for name in self.encodings]
        return " + ".join(names) if self.legacy else (unicode_as if self.base == UNICODE else self.base)

    def messages(self, names: dict[Hashable, str] | None = None) -> list[Message]:
        """Notes for the user; ``names`` gives the header of a column known by its position."""
        def label(key):
            return key if isinstance(key, Message) else f"'{(names or {}).get(key, key)}'"

        notes: list[Message] = []
        for encoding in self.legacy:
            notes.append(Message(QT_TRANSLATE_NOOP(
                "GismapError", "text in {encoding} (the old {fonts} fonts) converted to Unicode: {columns}"),
                encoding=encoding, fonts=_FONTS[encoding],
                columns=[label(k) for k, c in self.columns.items() if c.cells.get(encoding)]))
        for key, column in self.columns.items():
            if column.mixed and column.cells.keys() & set(LEGACY):
                notes.append(Message(QT_TRANSLATE_NOOP(
                    "GismapError", "{column} mixes encodings (cells: {counts}); each cell was read in its own"),
                    column=label(key), counts=", ".join(f"{e} {n}" for e, n in column.cells.most_common())))
            if column.ambiguous:
                notes.append(Message(QT_TRANSLATE_NOOP(
                    "GismapError", "{column}: 1 cell spells Vietnamese in more than one encoding ({encodings}) and was "
                    "left as read; check it") if column.ambiguous == 1 else QT_TRANSLATE_NOOP(
                    "GismapError", "{column}: {count} cells spell Vietnamese in more than one encoding ({encodings}) "
                    "and were left as read; check them"),
                    column=label(key), count=column.ambiguous, encodings=", ".join(sorted(column.ambiguous_readings))))
        return notes


_FONTS = {TCVN3: ".VnTime", VNI: "VNI-Times"}
_EVIDENCE_WORDS = 2  # words a legacy reading must spell, in cells no other reading spells, to count


def repair_columns(columns: dict[Hashable, Sequence], bytes_fallback: str | None = None,
                   known: Callable[[str], object] | None = None) -> tuple[dict[Hashable, list], TextEncodingReport]:
    """Each column's cells read in the encoding they are in, and what was found.

    ``bytes_fallback`` ``None``: text cells are Unicode (a workbook, a UTF-8 file); a cell may be
    the cp1252 rendering of TCVN3 or VNI bytes. Otherwise each text cell is bytes held as a Latin-1
    string (read byte for byte) and ``bytes_fallback`` (``"CP1258"``) the encoding of cells no other
    reading explains; UTF-8 is a reading too. Cells that are not strings pass through, and so do
    cells that ``known`` accepts as read (a table's known headers: "Tên xã" is "Tờn xó" in TCVN3).

    An encoding is established by the whole file (cells that spell Vietnamese in it alone); each
    column is then read in the established encodings its own cells show, and a column whose cells
    show none (a header cell, names that spell Vietnamese either way) in the file's, when that is one.
    Cells that spell Vietnamese in two readings follow a file wholly in one legacy code; in any
    other file they are left as read and reported.
    """
    fallback = bytes_fallback or UNICODE
    found = {key: _Column(list(values), bytes_fallback, known) for key, values in columns.items()}
    evidence: Counter = Counter()
    for column in found.values():
        evidence.update(column.evidence)
    established = {e for e, words in evidence.items() if e not in LEGACY or words >= _EVIDENCE_WORDS}
    report = TextEncodingReport(base=fallback)
    if established:
        shown = {key: column.kinds(established) for key, column in found.items()}
        in_file = set().union(*shown.values())
        for key, column in found.items():
            column.decide(shown[key] or (in_file if len(in_file) == 1 else set()), whole_file=len(in_file) == 1)
    for key, column in found.items():
        if (encodings := column.encodings()).cells or encodings.ambiguous:
            report.columns[key] = encodings
    return {key: column.repaired() for key, column in found.items()}, report


def repair_frame(frame: pd.DataFrame, bytes_fallback: str | None = None) -> tuple[pd.DataFrame, TextEncodingReport]:
    """:func:`repair_columns` on a (Geo)DataFrame's text columns, and on its column names."""
    geometry = getattr(frame, "_geometry_column_name", None)
    fields = [c for c in frame.columns if c != geometry]
    text_columns = [c for c in fields if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype)]
    repaired, report = repair_columns({FIELD_NAMES: fields, **{c: frame[c].tolist() for c in text_columns}},
                                      bytes_fallback)
    changed = {c: repaired[c] for c in text_columns if repaired[c] != frame[c].tolist()}
    if changed:
        frame = frame.copy()
        for column, values in changed.items():
            frame[column] = pd.Series(values, index=frame.index, dtype=frame[column].dtype)
    renamed = {old: new for old, new in zip(fields, repaired[FIELD_NAMES]) if old != new}
    report.columns = {renamed.get(k, k): v for k, v in report.columns.items()
                      if k != FIELD_NAMES or v.cells.keys() & set(LEGACY)}
    return (frame.rename(columns=renamed) if renamed else frame), report


FIELD_NAMES = Message(QT_TRANSLATE_NOOP("GismapError", "field names"))
"""The report's key for a frame's column names, read like a column."""


class _Column:
    """The text cells of one column with every reading of each, and the reading chosen."""

    def __init__(self, values: list, bytes_fallback: str | None, known: Callable[[str], object] | None) -> None:
        self.values = values
        self.fallback = bytes_fallback or UNICODE
        self.counts = Counter(v for v in values if isinstance(v, str))
        self.readings = {v: _readings(v, bytes_fallback) for v in self.counts}
        if known is not None:
            for value, texts in self.readings.items():
                if len(texts) > 1 and known(texts[self.fallback]):
                    self.readings[value] = {self.fallback: texts[self.fallback]}
        self.chosen = dict.fromkeys(self.readings, self.fallback)
        self.ambiguous: dict[str, set[str]] = {}
        self._spelt: dict[str, dict[str, int]] = {}
        # Another encoding is clearly right only where the fallback spells no Vietnamese: look there
        # first, so that a column of genuine text is judged on its fallback alone.
        self.evidence: Counter = Counter()
        for value, texts in self.readings.items():
            if len(set(texts.values())) > 1 and not vietnamese_words(texts[self.fallback]):
                if len(spelt := self.spelling(value)) == 1:
                    (encoding, words), = spelt.items()
                    self.evidence[encoding] += words

    def spelling(self, value: str) -> dict[str, int]:
        """Encoding → Vietnamese words, for the encodings in which the cell spells Vietnamese."""
        if value not in self._spelt:
            self._spelt[value] = {e: n for e, t in self.readings[value].items() if (n := vietnamese_words(t))}
        return self._spelt[value]

    def kinds(self, established: set[str]) -> set[str]:
        """The encodings this column's own cells show, among those the file established (and the fallback)."""
        shown = {e for e in self.evidence if e in established}
        if any(self.spelling(v).keys() == {self.fallback} for v in self.readings if not v.isascii()):
            shown.add(self.fallback)
        return shown

    def decide(self, kinds: set[str], whole_file: bool) -> None:
        """Read each cell in the one of ``kinds`` it spells Vietnamese in; where the file is wholly in
        one legacy code (``whole_file`` and ``kinds`` that code), also the cells that spell it among
        others, and those that spell nothing but more of it than of the fallback; leave the rest and
        note those that spell several."""
        legacy = kinds & set(LEGACY)
        if not legacy:
            return
        for value in (v for v in self.readings if not v.isascii()):
            texts, readable = self.readings[value], self.spelling(value)
            distinct = {texts[e] for e in readable}
            if len(distinct) == 1 and readable.keys() & kinds:
                self.chosen[value] = next(e for e in readable if e in kinds)
            elif whole_file and len(kinds) == 1 and (kind := next(iter(legacy))) in texts and (
                    kind in readable or not readable and _syllables(texts[kind]) > _syllables(texts[self.fallback])):
                self.chosen[value] = kind
            elif len(distinct) > 1:
                self.ambiguous[value] = {next(e for e in readable if texts[e] == t) for t in distinct}

    def encodings(self) -> ColumnEncodings:
        """How the cells were read, for the report."""
        found = ColumnEncodings()
        for value, n in self.counts.items():
            if value in self.ambiguous:
                found.ambiguous += n
                found.ambiguous_readings.update(self.ambiguous[value])
            elif not value.isascii():
                found.cells[self.chosen[value]] += n
        return found

    def repaired(self) -> list:
        if all(self.readings[v][e] == v for v, e in self.chosen.items()):
            return self.values
        return [self.readings[v][self.chosen[v]] if isinstance(v, str) else v for v in self.values]


def _readings(value: str, bytes_fallback: str | None) -> dict[str, str]:
    """The text a cell is in each encoding it may be in, the fallback first."""
    if bytes_fallback is None:
        readings = {UNICODE: value}
        data = rendered_bytes(value) if not value.isascii() else None
    else:
        data = value.encode("latin-1")
        if data.isascii():
            return {bytes_fallback: value}
        # Windows-1252 explains what VNI shares with it (ì, í, ã...): no evidence of VNI then.
        readings = {bytes_fallback: decode_cp1258(value), CP1252: data.decode("latin-1").translate(_CP1252_TRANSLATION)}
        try:
            readings["UTF-8"] = unicodedata.normalize("NFC", data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    if data is not None:
        readings[TCVN3] = decode_tcvn3(data)
        readings[VNI] = decode_vni(data)
    return readings
