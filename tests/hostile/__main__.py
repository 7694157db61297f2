"""``python -m tests.hostile [--every N] [--keep FOLDER]``: build the corpus, run every command over it,
print the table of outcomes and each run in a bad class (by class and command)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .corpus import build_corpus
from .runner import bad_runs, run_corpus, table


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.hostile", description=__doc__)
    parser.add_argument("--every", type=int, default=1,
                        help="run the slower commands on one case in EVERY (default 1: all of them)")
    parser.add_argument("--keep", type=Path, help="build the corpus in this new folder and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="gismap-corpus-")) / "corpus"
    start = time.perf_counter()
    try:
        cases, base = build_corpus(root)
        built = time.perf_counter()
        print(f"{len(cases)} cases built in {built - start:.1f} s under {root}", file=sys.stderr)
        runs = run_corpus(cases, base, root, every=args.every,
                          progress=lambda run: print(f"{run.seconds:5.1f} s {run.line()}", file=sys.stderr))
        print(f"{len(runs)} runs in {time.perf_counter() - built:.1f} s", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(root.parent, ignore_errors=True)
    print(table(runs))
    bad = bad_runs(runs)
    for run in sorted(bad, key=lambda r: (r.outcome, r.case.kind, r.command)):
        print(run.line())
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
