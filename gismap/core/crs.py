"""Coordinate systems of Vietnam's data: VN-2000 TM-3 zones by province, UTM, and the datum shift.

Survey and cadastral data (and many operators' site lists) are in VN-2000, projected with a
3° transverse Mercator zone whose central meridian each province has by Circular
973/2001/TT-TCĐC (scale 0.9999, false easting 500 km), or in UTM 48N/49N. EPSG names each of
those zones (:data:`TM3_EPSG`); a province is named the usual ways (``Ninh Bình``,
``tinh ninh binh``, ``TP. Hồ Chí Minh``), pre-2025 (63 provinces) or 2025 (34). A 2025
province made of old provinces on different meridians is not guessed: :class:`CrsChoiceNeeded`
lists the zones it may mean.

VN-2000 ↔ WGS 84 always uses EPSG:6960, the 7-parameter transformation of Decision
05/2007/QĐ-BTNMT (coordinate frame rotation). PROJ would otherwise take EPSG:5194 (an oil
company's Mekong delta fit, 0.8 m off) for points in the delta. The widespread
``+towgs84=-191.90441429,...,-0.00928836,0.01975479,-0.00427372,...`` string keeps the
Decision's rotation signs in PROJ's position-vector convention and is itself 0.5–1.3 m off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from pyproj.transformer import Transformer, TransformerGroup

from gismap.core.errors import QT_TRANSLATE_NOOP, GismapError, Message

WGS84 = CRS.from_epsg(4326)
VN2000_TO_WGS84 = 6960  # EPSG code of the Decision 05/2007/QĐ-BTNMT transformation
# Central meridian (degrees) → EPSG code of its VN-2000 TM-3 zone (all scale 0.9999, false easting 500 km).
TM3_EPSG = {103.0: 9205, 104.0: 9206, 104.5: 9207, 104.75: 9208, 105.0: 5897, 105.5: 9209, 105.75: 9210,
            106.0: 9211, 106.25: 9212, 106.5: 9213, 107.0: 9214, 107.25: 9215, 107.5: 9216, 107.75: 5899,
            108.0: 5898, 108.25: 9217, 108.5: 9218}
UTM_EPSG = (3405, 3406, 32648, 32649)  # VN-2000 / UTM 48N, 49N; WGS 84 / UTM 48N, 49N
# Pre-2025 province (GSO code, name as the Circular writes it) → central meridian of its TM-3 zone,
# Circular 973/2001/TT-TCĐC, annex (Hà Tây, merged into Hà Nội in 2008, had 105°00′ as Hà Nội).
LEGACY_MERIDIANS: dict[str, tuple[str, float]] = {
    "01": ("Hà Nội", 105.0), "02": ("Hà Giang", 105.5), "04": ("Cao Bằng", 105.75), "06": ("Bắc Kạn", 106.5),
    "08": ("Tuyên Quang", 106.0), "10": ("Lào Cai", 104.75), "11": ("Điện Biên", 103.0), "12": ("Lai Châu", 103.0),
    "14": ("Sơn La", 104.0), "15": ("Yên Bái", 104.75), "17": ("Hòa Bình", 106.0), "19": ("Thái Nguyên", 106.5),
    "20": ("Lạng Sơn", 107.25), "22": ("Quảng Ninh", 107.75), "24": ("Bắc Giang", 107.0), "25": ("Phú Thọ", 104.75),
    "26": ("Vĩnh Phúc", 105.0), "27": ("Bắc Ninh", 105.5), "30": ("Hải Dương", 105.5), "31": ("Hải Phòng", 105.75),
    "33": ("Hưng Yên", 105.5), "34": ("Thái Bình", 105.5), "35": ("Hà Nam", 105.0), "36": ("Nam Định", 105.5),
    "37": ("Ninh Bình", 105.0), "38": ("Thanh Hóa", 105.0), "40": ("Nghệ An", 104.75), "42": ("Hà Tĩnh", 105.5),
    "44": ("Quảng Bình", 106.0), "45": ("Quảng Trị", 106.25), "46": ("Thừa Thiên Huế", 107.0),
    "48": ("Đà Nẵng", 107.75), "49": ("Quảng Nam", 107.75), "51": ("Quảng Ngãi", 108.0),
    "52": ("Bình Định", 108.25), "54": ("Phú Yên", 108.5), "56": ("Khánh Hòa", 108.25),
    "58": ("Ninh Thuận", 108.25), "60": ("Bình Thuận", 108.5), "62": ("Kon Tum", 107.5), "64": ("Gia Lai", 108.5),
    "66": ("Đắk Lắk", 108.5), "67": ("Đắk Nông", 108.5), "68": ("Lâm Đồng", 107.75), "70": ("Bình Phước", 106.25),
    "72": ("Tây Ninh", 105.5), "74": ("Bình Dương", 105.75), "75": ("Đồng Nai", 107.75),
    "77": ("Bà Rịa - Vũng Tàu", 107.75), "79": ("Hồ Chí Minh", 105.75), "80": ("Long An", 105.75),
    "82": ("Tiền Giang", 105.75), "83": ("Bến Tre", 105.75), "84": ("Trà Vinh", 105.5), "86": ("Vĩnh Long", 105.5),
    "87": ("Đồng Tháp", 105.0), "89": ("An Giang", 104.75), "91": ("Kiên Giang", 104.5), "92": ("Cần Thơ", 105.0),
    "93": ("Hậu Giang", 105.0), "94": ("Sóc Trăng", 105.5), "95": ("Bạc Liêu", 105.0), "96": ("Cà Mau", 104.5),
}
# Metres of VN-2000 TM-3 / UTM on Vietnam's land and islands: eastings and northings.
EASTING_RANGE, NORTHING_RANGE = (150_000.0, 850_000.0), (900_000.0, 2_650_000.0)


class CrsError(GismapError):
    """A coordinate system the user named cannot be used."""


class CrsChoiceNeeded(CrsError):
    """A province whose old provinces had different VN-2000 zones: ``choices`` are the zones it may mean."""

    def __init__(self, template: str, choices: list[Zone], **fields) -> None:
        super().__init__(template, **fields)
        self.choices = choices


@dataclass(frozen=True)
class Zone:
    """A VN-2000 TM-3 zone and the pre-2025 provinces that use it."""

    epsg: int
    meridian: float
    provinces: tuple[str, ...]

    def describe(self) -> Message:
        return Message(QT_TRANSLATE_NOOP(
            "GismapError", "EPSG:{epsg} (central meridian {meridian}, of {provinces} before 2025)"),
            epsg=self.epsg, meridian=meridian_text(self.meridian), provinces=", ".join(self.provinces))


def meridian_text(meridian: float) -> str:
    """``105.75`` → ``105°45′``, as the Circular writes central meridians."""
    degrees, minutes = divmod(round(meridian * 60), 60)
    return f"{degrees}°{minutes:02d}′"


def resolve_crs(text: str) -> CRS:
    """The coordinate system ``text`` names: an EPSG code (``9210``, ``EPSG:3405``), a central meridian
    of VN-2000 TM-3 (``105.75``, ``105°45'``) or a province, old or 2025, whose TM-3 zone it is.

    Raises :class:`CrsChoiceNeeded` for a province on several zones, :class:`CrsError` otherwise.
    """
    wanted = str(text).strip()
    code = re.fullmatch(r"(?i)(?:epsg\s*[:\s]\s*)?(\d{4,6})", wanted)
    if code:
        try:
            return CRS.from_epsg(int(code[1]))
        except CRSError:
            raise CrsError(QT_TRANSLATE_NOOP(
                "GismapError", "EPSG:{code} is not a coordinate system GISMap knows; VN-2000 TM-3 zones are "
                               "EPSG:9205–9218 and 5897–5899, UTM 3405, 3406, 32648 and 32649"), code=code[1]) from None
    meridian = _meridian(wanted)
    if meridian is not None:
        if meridian not in TM3_EPSG:
            raise CrsError(QT_TRANSLATE_NOOP(
                "GismapError", "{meridian} is not the central meridian of a VN-2000 TM-3 zone; they are {meridians}"),
                meridian=wanted, meridians=", ".join(meridian_text(m) for m in TM3_EPSG))
        return CRS.from_epsg(TM3_EPSG[meridian])
    zones = province_zones(wanted)
    if not zones:
        raise CrsError(QT_TRANSLATE_NOOP(
            "GismapError", "'{text}' names no coordinate system: give a province (such as Ninh Bình or Hà Nam), "
                           "the central meridian of its VN-2000 TM-3 zone (such as 105.75) or an EPSG code "
                           "(such as 9210, or 3405 for VN-2000 / UTM 48N)"), text=wanted)
    if len(zones) > 1:
        raise CrsChoiceNeeded(QT_TRANSLATE_NOOP(
            "GismapError", "{province} was made in 2025 of provinces on different VN-2000 TM-3 zones; say which "
                           "zone: {zones}"),
            zones, province=wanted, zones=[zone.describe() for zone in zones])
    return CRS.from_epsg(zones[0].epsg)


def province_zones(name: str) -> list[Zone]:
    """The TM-3 zones a province name may mean, by central meridian (empty: no such province).

    A 2025 province means the zones of the old provinces it was made of; an old province's
    name that is not a 2025 one means its own zone. Names are read as tables write them
    (:class:`gismap.core.provinces.ProvinceIndex`).
    """
    from gismap.core.crosswalk import load_crosswalk
    from gismap.core.provinces import CURRENT, LEGACY, province_index

    readings = province_index().lookup(name)
    current = {p.code for p in readings if p.level == CURRENT}
    if len(current) == 1:
        code = current.pop()
        legacy = load_crosswalk().province_parents.get(code, frozenset({code}))
    else:
        legacy = {p.code for p in readings if p.level == LEGACY}
    by_meridian: dict[float, list[str]] = {}
    for code in sorted(legacy):
        province, meridian = LEGACY_MERIDIANS[code]
        by_meridian.setdefault(meridian, []).append(province)
    return [Zone(TM3_EPSG[m], m, tuple(names)) for m, names in sorted(by_meridian.items())]


def province_names() -> tuple[list[str], list[str]]:
    """The 2025 provinces' names and the pre-2025 provinces' names (as the Circular writes them), sorted."""
    from gismap.core.crosswalk import load_crosswalk

    provinces = load_crosswalk().provinces
    return (sorted(provinces.loc[provinces["level"] == "2025", "name"]),
            sorted(name for name, _ in LEGACY_MERIDIANS.values()))


def _meridian(text: str) -> float | None:
    """A central meridian written as degrees: ``105.75``, ``105,75``, ``105°45'``, ``105-45``; None otherwise."""
    from gismap.core.sites import dms_degrees

    decimal = re.fullmatch(r"1\d\d(?:[.,]\d+)?", text)
    if decimal:
        return round(float(text.replace(",", ".")) * 60) / 60
    dashed = re.fullmatch(r"(1\d\d)-(\d\d)", text)
    degrees = int(dashed[1]) + int(dashed[2]) / 60 if dashed else dms_degrees(text)
    return None if degrees is None else round(degrees * 60) / 60


def crs_label(crs: CRS) -> str:
    """``VN-2000 / TM-3 105-45 (EPSG:9210)``: the name and code a user recognises."""
    code = crs.to_epsg()
    return f"{crs.name} (EPSG:{code})" if code else crs.name


def crs_text(crs: CRS) -> str:
    """How a project or layer stores ``crs``: ``EPSG:9210``, else its WKT."""
    code = crs.to_epsg()
    return f"EPSG:{code}" if code else crs.to_wkt()


def is_metres_in_vietnam(x: np.ndarray, y: np.ndarray) -> bool:
    """Whether most of the points are eastings and northings that VN-2000 TM-3 or UTM gives Vietnam."""
    inside = ((x >= EASTING_RANGE[0]) & (x <= EASTING_RANGE[1])
              & (y >= NORTHING_RANGE[0]) & (y <= NORTHING_RANGE[1]))
    return len(x) > 0 and inside.mean() > 0.5


@cache
def transformer(source: CRS, target: CRS) -> Transformer:
    """The transformation from ``source`` to ``target`` (longitude, easting first); between VN-2000
    and WGS 84 the one of Decision 05/2007/QĐ-BTNMT (EPSG:6960) wherever the points are."""
    candidates = TransformerGroup(source, target, always_xy=True).transformers
    decided = [t for t in candidates if _uses_operation(t.to_json_dict(), VN2000_TO_WGS84)]
    chosen = (decided or candidates)[:1]
    # A group's transformers are not thread-safe (layers load on several threads); one from the
    # chosen operation's pipeline is.
    return Transformer.from_pipeline(chosen[0].definition) if chosen else Transformer.from_crs(
        source, target, always_xy=True)


def reproject(frame: gpd.GeoDataFrame, crs: CRS) -> gpd.GeoDataFrame:
    """``frame`` (a copy) in ``crs``, through :func:`transformer`."""
    crs = CRS.from_user_input(crs)
    if frame.crs is None or CRS.from_user_input(frame.crs).equals(crs):
        return frame.copy()
    move = transformer(CRS.from_user_input(frame.crs), crs)

    def coordinates(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(move.transform(xy[:, 0], xy[:, 1]))

    moved = shapely.transform(frame.geometry.values, coordinates)
    return frame.set_geometry(gpd.GeoSeries(moved, index=frame.index, crs=crs), crs=crs)


def _uses_operation(description: dict, code: int) -> bool:
    """Whether a PROJJSON operation is, or has a step that is, the EPSG operation ``code`` (or its inverse)."""
    if description.get("id", {}).get("code") == code:
        return True
    return any(_uses_operation(step, code) for step in description.get("steps", []))
