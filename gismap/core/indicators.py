"""The coverage indicator catalogue of INDICATORS.md as data, and the derived indicators.

Each :class:`Indicator` says how a table header is recognised, its unit, and how legacy
communes aggregate into a 2025 commune (``sum``; ``ratio`` recomputed from a numerator and a
denominator; ``weighted`` mean by a weight column, flagged). Derived indicators are computed
by :func:`add_derived`, never read from a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gismap.core.names import fold

# Albers equal-area conic fitted to Vietnam (standard parallels 10° N and 21° N): areas for
# densities come from here, never from degrees.
EQUAL_AREA_CRS = "+proj=aea +lat_0=16 +lon_0=106 +lat_1=10 +lat_2=21 +datum=WGS84 +units=m +no_defs"


@dataclass(frozen=True)
class Indicator:
    name: str
    label_vi: str
    label_en: str
    unit: str
    aggregation: str = "sum"  # sum | ratio | weighted | derived
    headers: tuple[str, ...] = ()
    numerator: str | None = None
    denominator: str | None = None
    weights: tuple[str, ...] = ()  # weight columns for a weighted mean, first present wins
    derived: bool = False

    @property
    def is_pct(self) -> bool:
        return self.unit == "%"

    @property
    def is_count(self) -> bool:
        return self.aggregation == "sum"


_CATALOGUE = (
    Indicator("population", "Dân số", "Population", "persons",
              headers=("Dân số", "Số dân", "Population", "Dân số (người)")),
    Indicator("households", "Số hộ gia đình", "Households", "households",
              headers=("Số hộ", "Số hộ gia đình", "Households", "Tổng số hộ")),
    Indicator("hamlets_total", "Tổng số thôn, tổ dân phố", "Hamlets and residential groups", "count",
              headers=("Tổng số thôn, tổ dân phố", "Số thôn/TDP", "Số thôn TDP", "Tổng số thôn",
                       "Số thôn, tổ dân phố", "Số thôn", "Hamlets", "Hamlets total")),
    Indicator("hamlets_fiber", "Số thôn có cáp quang", "Hamlets with fibre", "count",
              headers=("Số thôn có cáp quang", "Thôn có cáp quang", "Hamlets with fibre",
                       "Hamlets with fiber", "Số thôn, TDP có cáp quang")),
    Indicator("fiber_hamlet_pct", "Tỷ lệ thôn có cáp quang", "Hamlets with fibre", "%", "ratio",
              headers=("Tỷ lệ thôn có cáp quang (%)", "Tỷ lệ thôn có cáp quang",
                       "Share of hamlets with fibre", "Fibre hamlet %"),
              numerator="hamlets_fiber", denominator="hamlets_total", weights=("hamlets_total",)),
    Indicator("ftth_subscribers", "Thuê bao FTTH", "FTTH subscriptions", "count",
              headers=("Thuê bao FTTH", "Thuê bao băng rộng cố định", "Số thuê bao FTTH",
                       "FTTH subscribers", "Fixed broadband subscriptions")),
    Indicator("ftth_household_pct", "Tỷ lệ hộ gia đình có cáp quang", "Households with FTTH", "%", "ratio",
              headers=("Tỷ lệ hộ gia đình có cáp quang (%)", "Tỷ lệ hộ có cáp quang",
                       "Households with FTTH (%)"),
              numerator="ftth_subscribers", denominator="households", weights=("households",)),
    Indicator("cov_4g_pct", "Tỷ lệ phủ sóng 4G", "4G population coverage", "%", "weighted",
              headers=("Tỷ lệ phủ sóng 4G (%)", "Tỷ lệ phủ sóng 4G", "Vùng phủ 4G", "4G coverage"),
              weights=("population", "area_km2")),
    Indicator("cov_5g_pct", "Tỷ lệ phủ sóng 5G", "5G population coverage", "%", "weighted",
              headers=("Tỷ lệ phủ sóng 5G (%)", "Tỷ lệ phủ sóng 5G", "Vùng phủ 5G", "5G coverage"),
              weights=("population", "area_km2")),
    Indicator("bts_4g", "Số trạm BTS 4G", "4G base stations", "count",
              headers=("Số trạm BTS 4G", "Trạm 4G", "Trạm BTS 4G", "4G sites", "4G base stations")),
    Indicator("bts_5g", "Số trạm BTS 5G", "5G base stations", "count",
              headers=("Số trạm 5G", "Trạm BTS 5G", "Số trạm BTS 5G", "Trạm 5G", "5G sites", "5G base stations")),
    # The Ministry's reports head these as a merged "Tổ công nghệ số cộng đồng" over "Số tổ" / "Số thành viên".
    Indicator("cdt_teams", "Số Tổ công nghệ số cộng đồng", "Community digital technology teams", "count",
              headers=("Số Tổ CNSCĐ", "Số tổ công nghệ số cộng đồng", "Tổ CNSCĐ", "CDT teams",
                       "Tổ công nghệ số cộng đồng / Số tổ", "Tổ CNSCĐ / Số tổ", "Số tổ CNS cộng đồng")),
    Indicator("cdt_members", "Số thành viên Tổ CNSCĐ", "Members of community digital teams", "persons",
              headers=("Số thành viên Tổ CNSCĐ", "Thành viên tổ công nghệ số", "Thành viên Tổ CNSCĐ",
                       "Số thành viên tổ công nghệ số cộng đồng", "CDT members",
                       "Tổ công nghệ số cộng đồng / Số thành viên", "Tổ CNSCĐ / Số thành viên")),
    Indicator("public_wifi", "Điểm Wi-Fi công cộng", "Public Wi-Fi points", "count",
              headers=("Điểm Wi-Fi công cộng", "Số điểm Wi-Fi công cộng", "Public Wi-Fi", "Public wifi points")),
    Indicator("post_broadband", "Điểm bưu chính có Internet băng rộng", "Postal points with broadband", "count",
              headers=("Điểm bưu chính có kết nối Internet băng rộng", "Điểm bưu chính có Internet băng rộng",
                       "Postal points with broadband")),
    Indicator("vc_points", "Điểm cầu truyền hình trực tuyến", "Video-conference points", "count",
              headers=("Điểm cầu truyền hình trực tuyến", "Số điểm cầu truyền hình", "Video conference points")),
    Indicator("online_dossier_pct", "Tỷ lệ hồ sơ trực tuyến", "Dossiers filed online", "%", "weighted",
              headers=("Tỷ lệ hồ sơ trực tuyến (%)", "Tỷ lệ hồ sơ trực tuyến", "Online dossiers (%)"),
              weights=("dossiers",)),
    # Weight of online_dossier_pct when a table carries it; not in the published catalogue.
    Indicator("dossiers", "Số hồ sơ", "Administrative dossiers", "count",
              headers=("Số hồ sơ", "Tổng số hồ sơ", "Dossiers")),
)

_DERIVED = (
    Indicator("cdt_members_per_1000", "Thành viên Tổ CNSCĐ / 1.000 dân", "CDT members per 1,000 residents",
              "per 1,000", "derived", derived=True),
    Indicator("bts_4g_per_100km2", "Trạm 4G / 100 km²", "4G sites per 100 km²", "per 100 km²", "derived", derived=True),
    Indicator("bts_5g_per_100km2", "Trạm 5G / 100 km²", "5G sites per 100 km²", "per 100 km²", "derived", derived=True),
    Indicator("bts_4g_per_10k_pop", "Trạm 4G / 10.000 dân", "4G sites per 10,000 residents", "per 10,000",
              "derived", derived=True),
    Indicator("bts_5g_per_10k_pop", "Trạm 5G / 10.000 dân", "5G sites per 10,000 residents", "per 10,000",
              "derived", derived=True),
    Indicator("has_5g", "Có 5G", "Has 5G", "yes/no", "derived", derived=True),
    Indicator("fiber_gap", "Số thôn chưa có cáp quang", "Hamlets without fibre", "count", "derived", derived=True),
    Indicator("dii", "Chỉ số hạ tầng số", "Digital infrastructure index", "0–100", "derived", derived=True),
)

INDICATORS: dict[str, Indicator] = {i.name: i for i in _CATALOGUE + _DERIVED}

# Key columns of a table: how a row names its commune.
KEY_HEADERS: dict[str, tuple[str, ...]] = {
    # "Mã xã mới" / "Tên xã mới": GSO's 2025 conversion table, beside the former communes' "Mã xã cũ".
    # "Mã TP", "Mã QH", "Mã PX": GSO's list of administrative units (danhmuchanhchinh.gso.gov.vn).
    "code": ("Mã xã", "Mã xã mới", "Mã PX", "Mã ĐVHC", "Mã đơn vị hành chính", "Mã phường xã", "Mã xã phường", "Mã đơn vị",
             "Mã", "Code", "Commune code", "Ward code", "Mã ĐVHC cấp xã"),
    "name": ("Tên xã", "Tên xã mới", "Xã", "Xã phường", "Xã phường thị trấn", "Phường xã", "Tên đơn vị", "Đơn vị",
             "Tên ĐVHC", "Đơn vị hành chính", "Tên đơn vị hành chính", "Tên đơn vị hành chính cấp xã",
             "Đơn vị hành chính cấp xã", "Tên xã phường", "Tên phường xã", "Tên xã, phường, đặc khu", "Tên",
             "Commune", "Name", "Commune name", "Ward"),
    "prov_code": ("Mã tỉnh", "Mã TP", "Province code"),
    "prov_name": ("Tỉnh", "Tỉnh thành phố", "Tỉnh thành", "Tên tỉnh", "Province"),
    "district": ("Huyện", "Quận huyện", "Huyện thị xã thành phố", "Tên huyện", "District"),
    "district_code": ("Mã huyện", "Mã QH", "District code"),
}
KEY_ROLES = tuple(KEY_HEADERS)


# The fields of the embedded boundary layers (data/shapefiles), as panels and maps name them.
BOUNDARY_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "code": ("Mã xã, phường", "Commune code"),
    "name": ("Tên", "Name"),
    "full_name": ("Tên đầy đủ", "Full name"),
    "unit_type": ("Loại đơn vị", "Unit type"),
    "prov_code": ("Mã tỉnh", "Province code"),
    "prov_name": ("Tỉnh, thành phố", "Province"),
    "area_km2": ("Diện tích (km²)", "Area (km²)"),
}


def indicator_label(column: str, language: str = "vi") -> str:
    """How a column is named on maps and panels: the catalogue label in the language (``vi`` or
    ``en``), with "(%)" for shares, or the label of a boundary field; else the column name itself.
    Other units are English words, so they stay out of the label."""
    indicator = INDICATORS.get(column)
    if indicator is None:
        vi, en = BOUNDARY_FIELD_LABELS.get(column, (column, column))
        return vi if language == "vi" else en
    label = indicator.label_vi if language == "vi" else indicator.label_en
    return f"{label} (%)" if indicator.is_pct else label


def header_key(header: str) -> str:
    """A header reduced for comparison: no diacritics, case, units in brackets or punctuation."""
    text = re.sub(r"[(\[].*?[)\]]", " ", fold(header))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_HEADER_LOOKUP: dict[str, str] = {
    header_key(h): role for role, headers in KEY_HEADERS.items() for h in headers
} | {header_key(h): i.name for i in _CATALOGUE for h in (*i.headers, i.name, i.label_vi, i.label_en)}


def recognise_header(header: str) -> str | None:
    """The canonical indicator or key role a header stands for, or None."""
    return _HEADER_LOOKUP.get(header_key(header))


# Composite digital-infrastructure index (``dii``, 0–100): a weighted mean of components on a
# 0–1 scale. Shares are divided by 100; ``cdt_members_per_1000`` is divided by its cap (20 per
# 1,000 counts as full). A missing component is left out and the weights of the others are
# renormalised; with less than half of the total weight present the index is not computed.
DII_WEIGHTS: dict[str, float] = {
    "fiber_hamlet_pct": 0.30,
    "ftth_household_pct": 0.20,
    "cov_4g_pct": 0.20,
    "cov_5g_pct": 0.10,
    "cdt_members_per_1000": 0.10,
    "online_dossier_pct": 0.10,
}
DII_CAPS: dict[str, float] = {"cdt_members_per_1000": 20.0}


def composite_index(frame: pd.DataFrame, weights: dict[str, float] | None = None) -> pd.Series:
    """The digital-infrastructure index of each row; ``weights`` replaces :data:`DII_WEIGHTS`."""
    weights = DII_WEIGHTS if weights is None else weights
    unknown = set(weights) - set(INDICATORS)
    if unknown:
        raise ValueError(f"unknown index components: {', '.join(sorted(unknown))}")
    total = pd.Series(0.0, index=frame.index)
    present = pd.Series(0.0, index=frame.index)
    for name, weight in weights.items():
        if name not in frame or weight <= 0:
            continue
        scale = 100.0 if INDICATORS[name].is_pct else DII_CAPS.get(name, 1.0)
        value = (pd.to_numeric(frame[name], errors="coerce") / scale).clip(0, 1)
        has = value.notna()
        total += value.fillna(0) * weight
        present += has * weight
    index = 100 * total / present.where(present > 0)
    return index.where(present >= 0.5 * sum(w for w in weights.values() if w > 0)).round(2)


def add_derived(frame: pd.DataFrame, area_km2: pd.Series | None, weights: dict[str, float] | None = None) -> list[str]:
    """Add the derived indicators that the present columns allow; return their names.

    ``area_km2`` must come from an equal-area projection (:data:`EQUAL_AREA_CRS`); without it
    no density per area is computed.
    """
    added: list[str] = []

    def put(name: str, values) -> None:
        frame[name] = values
        added.append(name)

    def num(name: str) -> pd.Series:
        return pd.to_numeric(frame[name], errors="coerce")

    for share in ("fiber_hamlet_pct", "ftth_household_pct"):
        spec = INDICATORS[share]
        if share not in frame and spec.numerator in frame and spec.denominator in frame:
            denominator = num(spec.denominator)
            put(share, (100 * num(spec.numerator) / denominator.where(denominator > 0)).round(2))
    if "cdt_members" in frame and "population" in frame:
        put("cdt_members_per_1000", (1000 * num("cdt_members") / num("population").where(num("population") > 0)).round(3))
    for sites in ("bts_4g", "bts_5g"):
        if sites in frame and area_km2 is not None:
            put(f"{sites}_per_100km2", (100 * num(sites) / area_km2.where(area_km2 > 0)).round(3))
        if sites in frame and "population" in frame:
            put(f"{sites}_per_10k_pop", (10000 * num(sites) / num("population").where(num("population") > 0)).round(3))
    evidence = [num(c) for c in ("bts_5g", "cov_5g_pct") if c in frame]
    if evidence:
        known = np.logical_or.reduce([e.notna().to_numpy() for e in evidence])
        positive = np.logical_or.reduce([(e.fillna(0) > 0).to_numpy() for e in evidence])
        put("has_5g", pd.Series(np.where(known, positive, None), index=frame.index, dtype="boolean"))
    if "hamlets_total" in frame and "hamlets_fiber" in frame:
        put("fiber_gap", num("hamlets_total") - num("hamlets_fiber"))
    index = composite_index(frame, weights)
    if index.notna().any():
        put("dii", index)
    return added


# What a join adds about itself to each commune: for checking the join, not indicators. Hidden from the
# indicator list, identify and exports unless asked for; a later join's are named after its table (has_data_bao_cao_2025).
JOIN_DETAILS = ("has_data", "join_method", "apportioned", "legacy_partial")
_JOIN_DETAIL = re.compile(rf"({'|'.join(JOIN_DETAILS)})(_[a-z0-9_]+)?")


def is_join_detail(column) -> bool:
    """Whether ``column`` is one of :data:`JOIN_DETAILS` (of any join of a recipe)."""
    return isinstance(column, str) and _JOIN_DETAIL.fullmatch(column) is not None
