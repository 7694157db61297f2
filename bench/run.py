"""`make bench`: run every bench/bench_*.py, print one table, write docs/benchmarks.md.

Each module exposes ``run() -> list[dict]``; a row has ``name``, ``value``, ``unit`` and,
where there is one, ``baseline`` (the plain-stack figure measured in the same run),
``baseline_name``, ``target`` (text) and ``note``. The national layer comes from
``../shared/data/boundaries`` (or ``GISMAP_NATIONAL``); benches that need it are skipped
with a note when it is absent.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import platform
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gismap.core.atomic import write_text_atomic  # noqa: E402


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fmt(value, unit: str) -> str:
    if value is None:
        return "–"
    return f"{value:,.3f} {unit}" if isinstance(value, float) and value < 10 else f"{value:,.0f} {unit}" if isinstance(value, (int, float)) else str(value)


def main(argv: list[str]) -> int:
    selected = [a for a in argv if not a.startswith("-")]
    # One QApplication for every bench: the GUI bench needs widgets, and Qt allows a single
    # application object per process (the canvas bench would otherwise make a QGuiApplication).
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive for the run)
    rows, failed = [], []
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        if selected and not any(s in path.stem for s in selected):
            continue
        print(f"# {path.stem}", flush=True)
        try:
            bench_rows = _load(path).run()
        except Exception as exc:  # the other benches still run and are written; make bench still fails
            traceback.print_exc()
            failed.append(path.stem)
            bench_rows = [{"name": "the bench failed", "value": None, "note": f"{type(exc).__name__}: {exc}"}]
        for row in bench_rows:
            row.setdefault("bench", path.stem)
            rows.append(row)
            print(f"  {row['name']}: {_fmt(row.get('value'), row.get('unit', ''))}"
                  + (f"  (baseline {_fmt(row['baseline'], row.get('unit', ''))}, ratio {row['value'] / row['baseline']:.2f})"
                     if row.get("baseline") else ""), flush=True)

    lines = [
        "# Benchmarks",
        "",
        f"Made by `make bench` on {dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}, {platform.processor() or 'cpu'}. Baselines are the plain stack, "
        "measured in the same run. Ratios below 1 mean GISMap is faster (or smaller).",
        "",
        "| bench | measure | GISMap | baseline | ratio | target | note |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        unit = row.get("unit", "")
        baseline = row.get("baseline")
        ratio = f"{row['value'] / baseline:.2f}" if baseline else ""
        base_text = f"{_fmt(baseline, unit)} ({row.get('baseline_name', '')})" if baseline else ""
        lines.append(
            f"| {row['bench']} | {row['name']} | {_fmt(row.get('value'), unit)} | {base_text} | {ratio} "
            f"| {row.get('target', '')} | {row.get('note', '')} |"
        )
    write_text_atomic(ROOT / "docs/benchmarks.md", "\n".join(lines) + "\n")
    print(f"wrote docs/benchmarks.md ({len(rows)} rows)")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
