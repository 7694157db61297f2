"""Provinces as tables name them: the 63 before 1 July 2025 and the 34 after, by code or name.

Names come in many forms: ``Hà Nội``, ``TP Hà Nội``, ``Thành phố Hà Nội``, ``Hanoi``, ``Ha Noi``,
``HÀ NỘI``, ``Tỉnh Điện Biên``, ``Điện Biên province``, ``TP. HCM``. :func:`province_key` folds
them all to one key. Codes are shared: a 2025 province keeps the code of one of the provinces it
was formed from (Tây Ninh of 2025 is 80, the code of former Long An), so a code or a name may
stand for a legacy province, a 2025 one, or both; :meth:`ProvinceIndex.lookup` returns each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gismap.core.crosswalk import load_crosswalk
from gismap.core.names import fold

LEGACY, CURRENT = "legacy", "2025"
_WORDS_RE = re.compile(r"^(?:tinh|thanh pho|tp)\b\.?\s*|\s+(?:province|city)$")
# Forms that folding and dropping spaces do not reach.
# Thừa Thiên Huế became the city of Huế in January 2025, before the reorganisation.
_ALIASES = {"hcm": "hochiminh", "tphcm": "hochiminh", "hcmc": "hochiminh", "saigon": "hochiminh",
            "thuathienhue": "hue", "thuathien": "hue", "brvt": "bariavungtau"}


def province_key(text: str) -> str:
    """``"Thành phố Hà Nội"``, ``"Hanoi"``, ``"HA NOI"``, ``"Hà Nội city"`` → ``"hanoi"``."""
    folded = " ".join(fold(text).replace("-", " ").split())
    for _ in range(2):  # "TP. Hà Nội city"
        folded = _WORDS_RE.sub("", folded).strip()
    key = re.sub(r"[^a-z0-9]", "", folded)
    return _ALIASES.get(key, key)


@dataclass(frozen=True)
class Province:
    level: str  # LEGACY or CURRENT
    code: str
    name: str
    successor: str  # the 2025 code it is part of (itself for a 2025 province)


class ProvinceIndex:
    """Looks provinces up by code or by any common form of their name."""

    def __init__(self) -> None:
        provinces = load_crosswalk().provinces
        self._by_key: dict[str, list[Province]] = {}
        for level, code, name, full_name, successor in provinces[["level", "code", "name", "full_name", "successor"]].itertuples(index=False):
            province = Province(level, code, name, successor or code)
            for key in {code, province_key(name), province_key(full_name)}:
                self._by_key.setdefault(key, []).append(province)

    def lookup(self, text) -> list[Province]:
        """Every province ``text`` may name (a code or a name), legacy and 2025; empty when none."""
        if text is None or (isinstance(text, float) and text != text):
            return []
        text = str(text).strip()
        if text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]
        if text.isdigit():
            return list(self._by_key.get(text.zfill(2), [])) if len(text) <= 2 else []
        return list(self._by_key.get(province_key(text), []))

    def successor(self, text) -> str | None:
        """The 2025 province code ``text`` lies in, when every reading agrees; else None."""
        found = {p.successor for p in self.lookup(text)}
        return found.pop() if len(found) == 1 else None


@cache
def province_index() -> ProvinceIndex:
    return ProvinceIndex()
