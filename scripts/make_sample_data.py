"""Make the synthetic coverage tables of ``data/coverage/`` (seeded: the same files every run).

Three shapes real reports take, all labelled synthetic (DỮ LIỆU MÔ PHỎNG):

- ``coverage_2025_by_code.csv``: clean UTF-8 CSV keyed by 2025 commune code, four provinces;
- ``bao_cao_ha_tang_so_2025.xlsx``: an Excel report per province keyed by commune name, with
  title rows, a merged two-row header, a column-numbering row, Vietnamese number formats,
  a total row and notes;
- ``ha_nam_2024_legacy.csv``: former Hà Nam keyed by legacy (pre-2025) commune codes, in
  Windows-1258 with semicolons, as older Excel exports are;
- ``tram_5g_mau.csv``: a telecom site list (one row per 5G site of the coverage table, placed at
  random inside its commune) with longitude/latitude in Vietnamese number format, to load as a
  point layer.

Figures follow ``../shared/FACTS.md`` where it gives them: former Hà Nam reaches fibre in every
hamlet, 100 % 4G, about 7,900 community-digital-team members and 125 postal points with
broadband. The 2025 rows of communes made wholly of former Hà Nam communes are the legacy
table converted by the join engine, so the two tables agree.

Usage: ``python scripts/make_sample_data.py [OUT_DIR]``.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gismap.core.atomic import write_bytes_atomic, write_text_atomic  # noqa: E402
from gismap.core.crosswalk import load_crosswalk  # noqa: E402
from gismap.core.encoding import encode_cp1258  # noqa: E402
from gismap.core.indicators import INDICATORS  # noqa: E402
from gismap.core.join import join_table  # noqa: E402
from gismap.core.layers import read_layer  # noqa: E402
from gismap.core.paths import shapefiles_dir  # noqa: E402

SEED = 20250701
PROVINCES = {"37": "Ninh Bình", "38": "Thanh Hóa", "31": "Hải Phòng", "92": "Cần Thơ"}
HA_NAM = "35"
HA_NAM_MEMBERS = 7900
HA_NAM_POSTAL_POINTS = 125
SYNTHETIC = "DỮ LIỆU MÔ PHỎNG (synthetic sample data, not official figures) – GISMap make_sample_data.py"

# Column headers as Vietnamese reports write them, per canonical indicator.
HEADERS = {
    "population": "Dân số", "households": "Số hộ gia đình", "hamlets_total": "Tổng số thôn, tổ dân phố",
    "hamlets_fiber": "Số thôn có cáp quang", "fiber_hamlet_pct": "Tỷ lệ thôn có cáp quang (%)",
    "ftth_subscribers": "Thuê bao FTTH", "cov_4g_pct": "Tỷ lệ phủ sóng 4G (%)",
    "cov_5g_pct": "Tỷ lệ phủ sóng 5G (%)", "bts_4g": "Số trạm BTS 4G", "bts_5g": "Số trạm 5G",
    "cdt_teams": "Số Tổ CNSCĐ", "cdt_members": "Số thành viên Tổ CNSCĐ", "public_wifi": "Điểm Wi-Fi công cộng",
    "post_broadband": "Điểm bưu chính có kết nối Internet băng rộng",
    "vc_points": "Điểm cầu truyền hình trực tuyến", "online_dossier_pct": "Tỷ lệ hồ sơ trực tuyến (%)",
}
COUNTS = [n for n in HEADERS if INDICATORS[n].is_count]


def commune_figures(rng: np.random.Generator, units: pd.DataFrame, ha_nam: bool) -> pd.DataFrame:
    """Plausible figures for communes with ``unit_type`` and ``area_km2``."""
    n = len(units)
    ward = (units["unit_type"] == "Phường").to_numpy()
    population = np.round(rng.lognormal(np.where(ward, 10.0, 9.5), 0.35)).astype(int)
    households = np.round(population / rng.uniform(3.2, 3.8, n)).astype(int)
    hamlets = np.clip(np.round(population / rng.uniform(700, 1300, n)), 3, 60).astype(int)
    fiber = hamlets if ha_nam else np.minimum(hamlets, np.round(hamlets * rng.uniform(0.8, 1.05, n))).astype(int)
    bts_4g = rng.poisson(2 + units["area_km2"].to_numpy() / 12 + population / 6000)
    has_5g = rng.random(n) < np.where(ward, 0.7, 0.25)
    teams = hamlets + 1  # one team per hamlet plus the commune's own
    return pd.DataFrame({
        "population": population,
        "households": households,
        "hamlets_total": hamlets,
        "hamlets_fiber": fiber,
        "ftth_subscribers": np.round(households * rng.uniform(0.55, 0.97, n)).astype(int),
        "cov_4g_pct": np.full(n, 100.0) if ha_nam else np.round(rng.uniform(95, 100, n), 1),
        "cov_5g_pct": np.where(has_5g, np.round(rng.uniform(15, 95, n), 1), 0.0),
        "bts_4g": bts_4g,
        "bts_5g": np.where(has_5g, rng.poisson(2, n) + 1, 0),
        "cdt_teams": teams,
        "cdt_members": teams * rng.integers(4, 7, n),
        "public_wifi": rng.poisson(np.where(ward, 4, 1.5)),
        "post_broadband": np.ones(n, dtype=int),
        "vc_points": np.ones(n, dtype=int),
        "online_dossier_pct": np.round(np.clip(rng.normal(84.6 if ha_nam else 78, 6, n), 40, 100), 1),
    }, index=units.index)


def scale_to_total(rng: np.random.Generator, values: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to ``values`` summing exactly to ``total``."""
    return rng.multinomial(total - len(values), values / values.sum()) + 1


def legacy_ha_nam(rng: np.random.Generator) -> pd.DataFrame:
    legacy = load_crosswalk().legacy
    units = legacy[legacy["prov_code"] == HA_NAM].reset_index(drop=True)
    units = units.assign(unit_type=units["full_name"].str.split(" ").str[0],
                         area_km2=rng.uniform(4, 15, len(units)))
    figures = commune_figures(rng, units, ha_nam=True)
    figures["cdt_members"] = scale_to_total(rng, figures["cdt_members"].to_numpy(float), HA_NAM_MEMBERS)
    figures["post_broadband"] = scale_to_total(rng, np.ones(len(units)), HA_NAM_POSTAL_POINTS)
    return pd.concat([units[["code", "full_name", "district"]], figures], axis=1)


def vi_number(value: float, decimals: int = 0) -> str:
    """``12345.6`` → ``"12.345,6"``: the Vietnamese format."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def write_legacy_csv(frame: pd.DataFrame, path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([f"{SYNTHETIC} – tỉnh Hà Nam (cũ), mã xã trước 01/7/2025"])
    writer.writerow(["Mã xã", "Tên xã", "Huyện"] + [HEADERS[c] for c in COUNTS if c in frame]
                    + [HEADERS["cov_4g_pct"], HEADERS["online_dossier_pct"]])
    for _, r in frame.iterrows():
        writer.writerow([r["code"], r["full_name"], r["district"]] + [vi_number(r[c]) for c in COUNTS if c in frame]
                        + [vi_number(r["cov_4g_pct"], 1), vi_number(r["online_dossier_pct"], 1)])
    write_bytes_atomic(path, encode_cp1258(out.getvalue()))


def write_clean_csv(frame: pd.DataFrame, path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f"# {SYNTHETIC}"])
    indicators = [n for n in HEADERS if n != "fiber_hamlet_pct"]  # the clean table leaves the share to be derived
    columns = ["code", "name", "prov_code", "prov_name", *indicators]
    writer.writerow(["Mã xã", "Tên xã", "Mã tỉnh", "Tỉnh", *(HEADERS[n] for n in indicators)])
    for row in frame[columns].itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else v for v in row])
    write_text_atomic(path, out.getvalue())


def new_style_tones(name: str) -> str:
    """Tone marks on the main vowel (Hòa, Thủy), as most reports now type them."""
    for old, new in (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỷ", "ủy"), ("uý", "úy")):
        name = name.replace(old, new)
    return name


def write_excel_report(frame: pd.DataFrame, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    groups = [
        (None, ["STT", "Xã, phường"]),
        (None, ["population", "households"]),
        ("Hạ tầng cáp quang", ["hamlets_total", "hamlets_fiber", "fiber_hamlet_pct"]),
        ("Hạ tầng di động", ["cov_4g_pct", "bts_4g", "bts_5g"]),
        ("Tổ công nghệ số cộng đồng", ["cdt_teams", "cdt_members"]),
    ]
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for prov_code, prov_name in PROVINCES.items():
        sheet = workbook.create_sheet(prov_name)
        rows = frame[frame["prov_code"] == prov_code]
        width = 2 + sum(len(cols) for _, cols in groups[1:])
        sheet["A1"] = f"UBND {prov_name.upper()}"
        sheet["F1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        sheet["A3"] = f"BÁO CÁO HẠ TẦNG SỐ CẤP XÃ NĂM 2025 – {SYNTHETIC}"
        sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
        sheet["A3"].font = Font(bold=True)
        column = 1
        for title, names in groups:
            for name in names:
                label = HEADERS.get(name, name)
                if title is None:
                    sheet.cell(5, column, label)
                    sheet.merge_cells(start_row=5, start_column=column, end_row=6, end_column=column)
                else:
                    sheet.cell(6, column, label)
                column += 1
            if title is not None:
                sheet.cell(5, column - len(names), title)
                sheet.merge_cells(start_row=5, start_column=column - len(names), end_row=5, end_column=column - 1)
        for j in range(1, width + 1):
            sheet.cell(7, j, f"({j})")
            sheet.cell(5, j).alignment = Alignment(wrap_text=True, horizontal="center")
        indicators = [n for _, cols in groups[1:] for n in cols]
        pct = rows["hamlets_fiber"] / rows["hamlets_total"] * 100
        for i, (_, r) in enumerate(rows.iterrows(), start=1):
            values = [i, new_style_tones(r["full_name"])]
            for name in indicators:
                if name == "fiber_hamlet_pct":
                    values.append(vi_number(pct[r.name], 1))  # typed as text, decimal comma
                elif name == "cov_4g_pct":
                    values.append(f"{vi_number(r[name], 1)}%")
                elif name == "population":
                    values.append(vi_number(r[name]))  # thousands dot, as text
                else:
                    values.append(int(r[name]))
            sheet.append(values)
        totals = ["", "Tổng cộng"] + [
            "" if INDICATORS[n].is_pct else (vi_number(rows[n].sum()) if n == "population" else int(rows[n].sum()))
            for n in indicators
        ]
        sheet.append(totals)
        sheet.append([])
        sheet.append([f"Ghi chú: {SYNTHETIC}."])
        sheet.append(["Người lập biểu"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes_atomic(path, reproducible_xlsx(buffer.getvalue()))


def write_site_list(frame: pd.DataFrame, path: Path) -> None:
    """The 5G sites of the coverage table, each at a random point of its commune (its own seed)."""
    rng = np.random.default_rng(SEED + 1)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([f"DANH SÁCH TRẠM 5G – {SYNTHETIC}"])
    writer.writerow(["Mã trạm", "Tên trạm", "Xã, phường", "Tỉnh", "Kinh độ", "Vĩ độ", "Băng tần"])
    for prov_code, prov_name in PROVINCES.items():
        communes = read_layer(shapefiles_dir() / f"communes_{prov_code}.parquet").frame.set_index("code")
        counts = frame.loc[communes.index, "bts_5g"].astype(int)
        communes, counts = communes[counts > 0], counts[counts > 0]
        sites = communes.geometry.sample_points(size=counts.to_numpy(), rng=rng)
        number = 0
        for code, points in sites.items():
            for point in points.geoms:
                number += 1
                writer.writerow([f"{prov_code}5G{number:04d}", f"{communes.at[code, 'name']} {number}",
                                 communes.at[code, "full_name"], prov_name,
                                 vi_number(point.x, 6), vi_number(point.y, 6), rng.choice(["n78", "n78", "n41"])])
    writer.writerow(["375G9999", "Trạm chưa khảo sát", "", "Ninh Bình", "", "", "n78"])  # no coordinates yet
    write_text_atomic(path, out.getvalue())


def reproducible_xlsx(data: bytes) -> bytes:
    """The workbook with fixed timestamps (zip entries, document properties): reruns give the same bytes."""
    fixed = b"2025-07-01T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + fixed, content)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2025, 7, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def main(out_dir: Path) -> int:
    rng = np.random.default_rng(SEED)
    legacy = legacy_ha_nam(rng)
    write_legacy_csv(legacy, out_dir / "ha_nam_2024_legacy.csv")

    frames = []
    for prov_code in PROVINCES:
        units = read_layer(shapefiles_dir() / f"communes_{prov_code}.parquet").frame.drop(columns="geometry")
        frames.append(pd.concat([units, commune_figures(rng, units, ha_nam=False)], axis=1))
    frame = pd.concat(frames, ignore_index=True).set_index("code", drop=False)

    # Communes made wholly of former Hà Nam communes take the converted legacy figures.
    boundaries = read_layer(shapefiles_dir() / "communes_37.parquet").frame
    converted = join_table(boundaries, out_dir / "ha_nam_2024_legacy.csv", province="37").frame.set_index("code")
    whole = converted[converted["has_data"] & ~converted["legacy_partial"]]
    for name in COUNTS:
        frame.loc[whole.index, name] = whole[name].round().astype(int)
    for name in ("cov_4g_pct", "online_dossier_pct"):
        frame.loc[whole.index, name] = whole[name]
    write_clean_csv(frame, out_dir / "coverage_2025_by_code.csv")
    write_excel_report(frame, out_dir / "bao_cao_ha_tang_so_2025.xlsx")
    write_site_list(frame, out_dir / "tram_5g_mau.csv")
    print(f"wrote {out_dir}: {len(legacy)} legacy Hà Nam communes "
          f"({legacy['cdt_members'].sum()} team members), {len(frame)} 2025 communes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data/coverage"))
