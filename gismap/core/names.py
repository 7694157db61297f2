"""Vietnamese place names: folding, normalised keys and matching within a province.

Two keys compare names. :func:`name_key` drops diacritics and unit prefixes ("Xã", "P.",
"Thị trấn", ...), so ``"X. Hoà  Bình"`` and ``"hoa binh"`` agree. :func:`toned_key` keeps
the diacritics but not their position, so ``Hoá``/``Hóa`` and ``Thuỷ``/``Thủy`` agree while
``Tân An`` and ``Tấn An`` do not. A name is matched with certainty only when its toned key
agrees, or when it was written without any diacritics and one candidate is left.

A leading word may be a prefix or part of the name: "Xa Dung" is the commune Xa Dung or a
Xã Dung, "Quan Hoa" is not a Quận, and Huế has a commune named "Phường Đúc". Names as a
layer stores them keep every word but the prefix of a numbered ward (:func:`stored_key`:
"Phường 1" → "1"); a name written in a table stands for each key it may mean
(:func:`name_keys`: with and without its first word as a prefix), and a match that two of
them would give is not certain.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below
_TONE_DIGIT = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}

# Unit prefixes, written out or abbreviated, longest first. Matched on the lowercase text
# *with* diacritics so that "Xá Lượng" keeps its "Xá"; the unaccented forms apply only to
# names typed without any diacritics.
_PREFIXES = (
    "thị trấn", "thị xã", "thành phố", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã",
    "tt.", "tx.", "tp.", "đk.", "p.", "x.", "q.", "h.",
)
_ASCII_PREFIXES = ("thi tran", "thi xa", "thanh pho", "dac khu", "phuong", "huyen", "quan", "tinh", "xa",
                   "tt.", "tx.", "tp.", "dk.", "p.", "x.", "q.", "h.")
_PREFIX_RE = re.compile(r"^(?:%s)(?=[\s\d.]|$)" % "|".join(re.escape(p) for p in _PREFIXES))
_ASCII_PREFIX_RE = re.compile(r"^(?:%s)(?=[\s\d.]|$)" % "|".join(re.escape(p) for p in _ASCII_PREFIXES))
# "TT Phong Điền", "P 1": bare abbreviations need a following space or digit.
_BARE_ABBREVIATION_RE = re.compile(r"^(?:tt|tx|tp|p|x)(?=\s|\d)")
_NUMBER_RE = re.compile(r"\d+")
# A trailing qualifier naming the unit, as lists write same-named units apart: "Long Mỹ (Huyện)".
_QUALIFIER_RE = re.compile(r"\s*\((?:%s)\)\s*$" % "|".join(
    re.escape(p) for p in (*_PREFIXES, *_ASCII_PREFIXES) if not p.endswith(".")))
# A whole name that is a Roman numeral from 1 to 39, lowercase as the keys are.
_ROMAN_RE = re.compile(r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})")
_ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10}


def fold(text: str) -> str:
    """Lowercase text without diacritics (đ → d), the same for NFC and NFD input."""
    decomposed = unicodedata.normalize("NFD", str(text)).lower()
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


def has_diacritics(text: str) -> bool:
    return fold(text) != str(text).lower()


_UNIT_OF_PREFIX = {"xã": "xa", "xa": "xa", "x.": "xa", "x": "xa", "phường": "phuong", "phuong": "phuong",
                   "p.": "phuong", "p": "phuong", "thị trấn": "thi tran", "thi tran": "thi tran", "tt.": "thi tran",
                   "tt": "thi tran", "đặc khu": "dac khu", "dac khu": "dac khu", "đk.": "dac khu", "dk.": "dac khu"}


_DISTRICT_TYPES = {"huyện": "huyen", "huyen": "huyen", "h.": "huyen", "h": "huyen", "quận": "quan", "quan": "quan",
                   "q.": "quan", "q": "quan", "thị xã": "thi xa", "thi xa": "thi xa", "tx.": "thi xa", "tx": "thi xa",
                   "thành phố": "thanh pho", "thanh pho": "thanh pho", "tp.": "thanh pho", "tp": "thanh pho"}
_DISTRICT_RE = re.compile(r"^(thị xã|thi xa|thành phố|thanh pho|huyện|huyen|quận|quan|tx\.?|tp\.?|h\.|q\.|q(?=\d))\s*(?=\S)")
_DISTRICT_QUALIFIER_RE = re.compile(r"\s*\((thị xã|thi xa|thành phố|thanh pho|huyện|huyen|quận|quan)\)\s*$")


@lru_cache(maxsize=65536)
def district_keys(text: str) -> tuple[tuple[str, str | None], ...]:
    """The readings of a former district's name as (name key, unit type or None).

    ``"H. Long Mỹ"`` and ``"Long Mỹ (Huyện)"`` → (("long my", "huyen"),), ``"TX Long Mỹ"`` →
    (("long my", "thi xa"),), ``"Q1"`` → (("1", "quan"),). An unaccented first word may be a unit
    or part of the name: ``"Quan Hoa"`` → (("hoa", "quan"), ("quan hoa", None)).
    """
    lowered = " ".join(unicodedata.normalize("NFC", str(text)).lower().split())
    whole = (_tidy(fold(lowered)), None)
    if qualifier := _DISTRICT_QUALIFIER_RE.search(lowered):
        return ((_tidy(fold(lowered[: qualifier.start()])), _DISTRICT_TYPES[qualifier.group(1)]),)
    prefix = _DISTRICT_RE.match(lowered)
    if not prefix:
        return (whole,)
    word, rest = prefix.group(1), lowered[prefix.end():]
    reading = (_tidy(fold(rest)), _DISTRICT_TYPES[word])
    if _certain_district_word(word):
        return (reading,)
    # "Quan Hóa" is a district, not a Quận; unaccented, "quan hoa" may be either.
    return (whole,) if has_diacritics(rest) else (reading, whole)


def _certain_district_word(word: str) -> bool:
    """``Huyện``, ``TP.``, ``Q`` (of ``Q1``): no commune name starts so; unaccented ``quan`` may."""
    return has_diacritics(word) or "." in word or len(word) <= 2


def names_a_larger_unit(text: str) -> bool:
    """Whether ``text`` is the name of a district, city or province, never a commune: ``"Huyện Kim Bảng"``,
    ``"TP. Phủ Lý"``, ``"Q1"``, ``"Tỉnh Hà Nam"`` (no commune's name starts with these words); ``"Quan Sơn"``
    and ``"Tinh Hà"`` (Tịnh Hà unaccented) are not."""
    lowered = " ".join(unicodedata.normalize("NFC", str(text)).lower().split())
    prefix = _DISTRICT_RE.match(lowered)
    return (prefix is not None and _certain_district_word(prefix.group(1))) or re.match(r"tỉnh\b", lowered) is not None


def unit_of(text: str) -> str | None:
    """The unit type a name's prefix states, folded (``"P. 1"`` → ``"phuong"``), or None."""
    lowered = " ".join(unicodedata.normalize("NFC", str(text)).lower().split())
    rest = strip_unit_prefix(text)
    if rest == lowered:
        return None
    return _UNIT_OF_PREFIX.get(lowered[: len(lowered) - len(rest)].strip())


_FULL_PREFIX = r"^(?:thị trấn|thị xã|thành phố|đặc khu|phường|huyện|quận|tỉnh|xã)\s+(?=\S)"
_FULL_PREFIX_RE = re.compile(_FULL_PREFIX, re.IGNORECASE)


def short_name(full_name: str) -> str:
    """An official full name without its unit word, case kept: ``"Phường Trúc Bạch"`` → ``"Trúc Bạch"``,
    ``"Thành phố Hà Nội"`` → ``"Hà Nội"``. A numbered ward keeps it (``"Phường 6"``)."""
    text = " ".join(unicodedata.normalize("NFC", str(full_name)).split())
    rest = _FULL_PREFIX_RE.sub("", text, count=1)
    return text if _tidy(fold(rest)).isdigit() else rest


def short_names(full_names):
    """:func:`short_name` of each official name of a pandas Series of NFC text with single spaces
    (as the shipped lists hold them), computed at once: the crosswalk has 17,000 of them."""
    rest = full_names.str.replace(_FULL_PREFIX, "", n=1, case=False, regex=True)
    return rest.where(~rest.str.fullmatch(r"0*\d+"), full_names)


def strip_unit_prefix(text: str, ascii_words: bool | None = None) -> str:
    """``"Phường 1"`` → ``"1"``, ``"X. Tân An"`` → ``"Tân An"``; a bare prefix is kept.

    ``ascii_words``: whether unaccented words ("xa", "phuong") count as prefixes; by default
    only in text written without any diacritics.
    """
    lowered = " ".join(unicodedata.normalize("NFC", str(text)).lower().split())
    words = not has_diacritics(lowered) if ascii_words is None else ascii_words
    pattern = _ASCII_PREFIX_RE if words else _PREFIX_RE
    rest = pattern.sub("", lowered, count=1)
    if rest == lowered:
        rest = _BARE_ABBREVIATION_RE.sub("", lowered, count=1)
    rest = rest.strip(" .")
    return rest or lowered


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Normalised, diacritic-free, prefix-free key: ``"P. 01"`` → ``"1"``, ``"Xã Hoà An"`` → ``"hoa an"``."""
    return _tidy(fold(_unit_name(text)))


@lru_cache(maxsize=65536)
def stored_key(text: str) -> str:
    """The key of a name as a layer or list stores it: every word kept but a numbered ward's prefix
    (``"Phường IV"`` → ``"4"``; ``"Xa Dung"``, ``"Phường Đúc"`` keep theirs); a unit qualifier goes."""
    return _tidy(fold(_stored_name(text)))


def _stored_name(text: str) -> str:
    """A stored name lowercase: all its words, or a numbered ward's number; no unit qualifier."""
    numbered = _unit_name(text, ascii_words=False)  # "phuong vi" unaccented is Phượng Vĩ, not VI
    whole = _QUALIFIER_RE.sub("", " ".join(unicodedata.normalize("NFC", str(text)).lower().split()))
    return numbered if _tidy(fold(numbered)).isdigit() else whole


def name_keys(text: str) -> tuple[str, ...]:
    """The keys a name written in a table may stand for: the whole name's, and the rest's once a
    prefix is taken off (``"Xa Dung"`` → xa dung, dung; ``"Xã Hoà An"`` → xa hoa an, hoa an)."""
    return tuple(dict.fromkeys((stored_key(text), name_key(text))))


@lru_cache(maxsize=65536)
def toned_key(text: str) -> str:
    """Like :func:`name_key` but keeping tones as a digit per syllable, wherever the mark sat."""
    return _toned(_unit_name(text))


def _toned(name: str) -> str:
    syllables = []
    for syllable in _tidy(name).split(" "):
        decomposed = unicodedata.normalize("NFD", syllable)
        tones = [_TONE_DIGIT[c] for c in decomposed if c in _TONE_MARKS]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        syllables.append(base + "".join(tones))
    return " ".join(syllables)


def _tidy(text: str) -> str:
    text = text.replace("'", "").replace("’", "")
    text = re.sub(r"[^\w]+", " ", text).strip()
    # Numbered wards: "01" and "1" are the same ward.
    return " ".join(_NUMBER_RE.sub(lambda m: str(int(m.group())), text).split())


def _unit_name(text: str, ascii_words: bool | None = None) -> str:
    """The name without its unit prefix, lowercase; a Roman ward number as digits.

    Wards numbered in Roman ("Phường IV" of Vị Thanh) are the same wards as "Phường 4".
    Only plain letters count: "Vĩ" is a name, not VI.
    """
    name = _QUALIFIER_RE.sub("", strip_unit_prefix(text, ascii_words))
    if not _ROMAN_RE.fullmatch(name):
        return name
    values = [_ROMAN_DIGITS[c] for c in name]
    return str(sum(-v if v < following else v for v, following in zip(values, values[1:] + [0])))


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    scope: str
    score: float

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "province": self.scope, "score": round(self.score, 3)}


class NameIndex:
    """Places (code, name, scope) looked up by name within a scope (a province code).

    A place may lie in several scopes (a tuple: its province, its former district, both);
    it is always in the national scope ``""`` too.

    ``unit_types`` (Xã, Phường, ...) let a stated prefix settle names shared by two units.

    :meth:`match` returns ``(code, candidates)``: the code when the match is certain, else
    ``None`` with the candidates and their scores (empty when nothing is close).
    """

    def __init__(self, codes, names, scopes, labels=None, unit_types=None):
        self._by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._keys_by_scope: dict[str, list[str]] = defaultdict(list)
        self._codes = list(codes)
        self._names = list(names)
        self._scopes = list(scopes)
        self._labels = list(labels) if labels is not None else self._scopes
        self._toned = [_toned(_stored_name(n)) for n in self._names]
        self._units = [fold(u) if isinstance(u, str) else None for u in unit_types] if unit_types is not None else None
        for i, (name, scope) in enumerate(zip(self._names, self._scopes)):
            key = stored_key(name)
            for target in dict.fromkeys((*(scope if isinstance(scope, tuple) else (scope,)), "")):
                if not self._by_key[(target, key)]:
                    self._keys_by_scope[target].append(key)
                self._by_key[(target, key)].append(i)

    def match(self, name: str, scope: str | None = None) -> tuple[str | None, list[Candidate]]:
        scope = scope or ""
        keys = name_keys(name)
        hits = [found for key in keys if (found := self._by_key.get((scope, key), []))]
        if len(hits) > 1:  # "Xa Dung" where both a Xa Dung and a Dung exist: the reader must say which
            both = list(dict.fromkeys(i for found in hits for i in found))
            return None, sorted((self._candidate(i, 0.9) for i in both), key=lambda c: -c.score)
        found = hits[0] if hits else []
        key = next((k for k in keys if self._by_key.get((scope, k))), keys[-1])
        if found:
            # The toned form of the reading that matched: the whole name, or the name after its prefix.
            toned = _toned(_stored_name(name)) if key == stored_key(name) else toned_key(name)
            plain = not has_diacritics(strip_unit_prefix(name))
            # Text written without any diacritics says nothing of tones: "XA THANH AN" is Thanh An or
            # Thạnh An, so it agrees with neither's toned key ("Xã Thanh An" does say Thanh An).
            exact = [i for i in found if self._toned[i] == toned] if has_diacritics(name) else []
            if len(exact) == 1:
                return self._codes[exact[0]], []
            if plain and len(found) == 1:
                return self._codes[found[0]], []
            # "Phường Ba Đình" is certain when the other Ba Đình is a Xã.
            unit = unit_of(name) if self._units else None
            same_unit = [i for i in (exact or (found if plain else [])) if unit and self._units[i] == unit]
            if len(same_unit) == 1:
                return self._codes[same_unit[0]], []
            candidates = [self._candidate(i, 1.0 if i in exact else 0.9) for i in found]
            return None, sorted(candidates, key=lambda c: -c.score)
        close = difflib.get_close_matches(key, self._keys_by_scope.get(scope, []), n=5, cutoff=0.8)
        return None, [
            self._candidate(i, difflib.SequenceMatcher(None, key, k).ratio())
            for k in close for i in self._by_key[(scope, k)]
        ]

    def candidates_for(self, code: str) -> list[Candidate]:
        """The places of ``code``, as candidates (a match two readings disagree on)."""
        return [self._candidate(i, 1.0) for i, c in enumerate(self._codes) if c == code]

    def _candidate(self, i: int, score: float) -> Candidate:
        return Candidate(self._codes[i], self._names[i], self._labels[i], score)
