"""Runs the ``gismap`` commands over the hostile corpus and classifies every run as issue 12 does.

A command runs in-process (``gismap.cli.main(argv)``) in a long-lived worker process whose
address space is capped (:data:`MEMORY_LIMIT`), so hundreds of runs cost no interpreter start
each; a run that outlives :data:`TIMEOUT` is a hang, a worker that dies a crash, and either
way the worker is replaced by a spare started in advance.

Each run gets one outcome, the worst that applies (see :data:`OUTCOMES`): the input files and
sidecars are hashed before and after (never reading pipes or devices), the folders a run could
litter are listed before and after, and outputs are checked for cells that would start a
formula and for markup from data that a browser would run.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import csv
import hashlib
import io
import multiprocessing
import os
import queue
import re
import stat
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from .corpus import UNSAFE_HTML, Base, Case

TIMEOUT = 30.0  # seconds; the slowest sound runs (a map of a province, a million-row table) take 2-12 s on a busy machine
MEMORY_LIMIT = 3 * 1024**3  # bytes of address space in the worker: a machine's fair share, not all of it
RENDER_SIZE = "400x300"
# Worst first: a run gets the first outcome that applies.
OUTCOMES = ("input modified", "written outside", "crash", "memory", "hang", "traceback", "unsafe output",
            "unclear error", "silently wrong", "clear error", "works")
GOOD = ("clear error", "works")
RAW_PYTHON = re.compile(r"Traceback|object has no attribute|index out of range|KeyError|NoneType|\[Errno \d+\]|"
                        r"\b[A-Z][A-Za-z]*Error:|unexpected error")
ABSOLUTE_PATH = re.compile(r"""(^|[\s'"(])/\w""")  # a file named by its full path, quoted or not
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)*([eE][+-]?\d+)?%?")  # 1.234, 98,5%, -1e+308
WATCHED_OUTSIDE = (Path("/tmp/evil.shp"), Path("/tmp/evil.dbf"))  # where the zip traversal names point


@dataclass
class Run:
    """One command line over one case, and what came of it."""

    case: Case
    command: str  # "info", "export .gpkg", "render .html", ...
    argv: list[str]
    out: Path  # the folder the run may write into
    outcome: str = ""
    detail: str = ""  # first line of the message, or what was wrong
    seconds: float = 0.0

    def line(self) -> str:
        return f"{self.case.id} [{self.case.kind}] {self.command}: {self.outcome}: {self.detail}"


# ---------------------------------------------------------------------------------------- which runs

def plan_runs(cases: list[Case], base: Base, root: Path, every: int = 1) -> list[Run]:
    """The command lines over ``cases``: every reader on every case, the slower commands on one case in
    ``every`` of each role (1: all), rotating through the output formats."""
    runs: list[Run] = []
    counters: collections.Counter = collections.Counter()

    def add(case: Case, command: str, argv: list[str], slow: bool = True) -> None:
        counters[(case.role, command.split(" ")[0])] += 1
        if slow and counters[(case.role, command.split(" ")[0])] % every:
            return
        out = root / "runs" / f"{len(runs):04d}"
        runs.append(Run(case, command, [a.replace("{out}", str(out)) for a in argv], out))

    def rotate(case: Case, options: tuple[str, ...]) -> str:
        return options[int(hashlib.sha256(case.id.encode()).hexdigest(), 16) % len(options)]

    shp, table, template = str(base.shapefile), str(base.coverage), str(base.template)
    render = ["--column", "area_km2", "--size", RENDER_SIZE]
    for case in cases:
        path = str(case.path)
        if case.role == "layer":
            add(case, "info", ["info", path], slow=False)
            fmt = rotate(case, (".gpkg", ".shp", ".geojson", ".csv", ".xlsx"))
            add(case, f"export {fmt}", ["export", path, "--out", f"{{out}}/x{fmt}"])
            fmt = rotate(case, (".png", ".svg", ".pdf", ".html"))
            add(case, f"render {fmt}", ["render", path, *render, "--out", f"{{out}}/x{fmt}"])
            add(case, "join", ["join", path, table, "--out", "{out}/x.csv", "--report", "{out}/r.json"])
        elif case.role == "table":
            add(case, "info", ["info", path], slow=False)
            fmt = rotate(case, (".csv", ".xlsx"))
            add(case, f"join {fmt}", ["join", shp, path, "--out", f"{{out}}/x{fmt}", "--report", "{out}/r.xlsx"])
            add(case, f"export {fmt}", ["export", shp, "--data", path, "--out", f"{{out}}/x{fmt}"])
            add(case, "render .html", ["render", shp, "--data", path, *render, "--out", "{out}/x.html"])
        elif case.role == "sites":
            add(case, "info", ["info", path], slow=False)
            add(case, "export .csv", ["export", path, "--out", "{out}/x.csv"], slow=False)
            add(case, "render .html", ["render", shp, "--sites", path, "--count-sites", "sites", *render,
                                       "--out", "{out}/x.html"], slow=False)
        elif case.role == "project":
            fmt = rotate(case, (".png", ".html", ".svg"))
            add(case, f"render {fmt}", ["render", path, "--size", RENDER_SIZE, "--out", f"{{out}}/x{fmt}"], slow=False)
            fmt = rotate(case, (".csv", ".xlsx", ".gpkg"))
            add(case, f"export {fmt}", ["export", path, "--out", f"{{out}}/x{fmt}"])
        elif case.role == "template":
            add(case, "fill-template", ["fill-template", shp, "--data", table, path, "--out", "{out}/f.xlsx"],
                slow=False)
        else:
            for argv in case.commands:
                add(case, argv[0], argv, slow=False)
    return runs


# ---------------------------------------------------------------------------------------- the worker

def _serve(connection, scratch: str) -> None:
    """The worker: runs ``gismap.cli.main(argv)`` for each ``(argv, cwd)`` received, sends back
    ``(status, stdout, stderr)``; its own output descriptors go to /dev/null (GDAL writes there)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.environ["TMPDIR"] = tempfile.tempdir = scratch
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    from gismap.cli import main

    connection.send("ready")
    while True:
        argv, cwd = connection.recv()
        os.chdir(cwd)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exc:  # argparse refusing an argument
                status = exc.code if isinstance(exc.code, int) else 2
            except BaseException:  # noqa: BLE001 - whatever escapes main is what is being measured
                status = "raised"
                err.write(traceback.format_exc())
        connection.send((status, out.getvalue()[-4000:], err.getvalue()[-4000:]))


class Hang(Exception):
    pass


class Crash(Exception):
    pass


class Workers:
    """The worker in use and a spare, started ahead so a hang or crash costs no start-up wait."""

    def __init__(self, scratch: Path):
        self._context = multiprocessing.get_context("spawn")
        self._scratch = scratch
        self._ready: set[int] = set()
        self._current = self._start()
        self._spare = self._start()

    def _start(self):
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child, str(self._scratch)), daemon=True)
        process.start()
        child.close()
        return process, parent

    def run(self, argv: list[str], cwd: Path, timeout: float = TIMEOUT) -> tuple:
        """``(status, stdout, stderr)`` of ``gismap argv`` run in ``cwd``; raises Hang or Crash."""
        if not self._current[0].is_alive():  # died after its last answer (a thread of the last run)
            self._replace()
        process, connection = self._current
        if process.pid not in self._ready:
            if not connection.poll(120) or connection.recv() != "ready":
                raise RuntimeError("the corpus worker did not start")
            self._ready.add(process.pid)
        try:
            connection.send((argv, str(cwd)))
        except OSError:
            self._replace()
            raise Crash("gone before the run") from None
        try:
            if connection.poll(timeout):
                return connection.recv()
        except (EOFError, OSError):
            pass
        alive = process.is_alive()
        self._replace()
        raise Hang() if alive else Crash(process.exitcode)

    def _replace(self) -> None:
        process, connection = self._current
        process.kill()
        process.join()
        connection.close()
        self._current, self._spare = self._spare, self._start()

    def close(self) -> None:
        for process, connection in (self._current, self._spare):
            process.kill()
            process.join()
            connection.close()


# ---------------------------------------------------------------------------------------- classifying

def _digest(folders: list[Path], extra: tuple[Path, ...] = (Path("/etc/passwd"),)) -> dict[str, object]:
    """What is in ``folders`` (recursively) and ``extra``: regular files by content, links by target,
    others by type; nothing that is not a regular file is ever opened."""
    found: dict[str, object] = {}
    paths = [p for folder in folders if folder.exists() for p in folder.rglob("*")] + list(extra)
    for path in paths:
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue
        if stat.S_ISLNK(mode):
            found[str(path)] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(path)] = ("special", stat.S_IFMT(mode))
    return found


def _listing(folders: list[Path]) -> set[str]:
    return {str(p) for folder in folders if folder.exists() for p in folder.iterdir()} | {
        str(p) for p in WATCHED_OUTSIDE if p.exists()}


def _mentioned(run: Run) -> list[str]:
    """The files a clear message may name: an argument, or a file or sidecar of the case."""
    names = {Path(a).name for a in run.argv if "/" in a and Path(a).name}
    if run.case.folder.is_dir():
        names |= {p.name for p in run.case.folder.iterdir()}
    return sorted(n for n in names if len(n) > 1)


def _unsafe_cells(path: Path, template: Path | None) -> str | None:
    """The first cell of a CSV or XLSX output that a spreadsheet would run as a formula (cells of
    the form's own, for a filled-in template, excepted)."""
    def unsafe(value) -> bool:
        return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value)

    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for value in row:
                    if unsafe(value):
                        return value[:60]
        return None
    import openpyxl

    own = {}
    if template is not None:
        with contextlib.suppress(Exception):
            form = openpyxl.load_workbook(template)
            own = {(sheet.title, cell.coordinate): cell.value for sheet in form for row in sheet.iter_rows()
                   for cell in row}
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                if (unsafe(cell.value) or cell.data_type == "f") and own.get((sheet.title, cell.coordinate)) != cell.value:
                    return f"{sheet.title}!{cell.coordinate} {str(cell.value)[:60]}"
    return None


def _unsafe_output(run: Run) -> str | None:
    template = Path(run.argv[-3]) if run.argv[0] == "fill-template" else None
    for path in sorted(run.out.rglob("*")) if run.out.exists() else []:
        if not path.is_file() or path.is_symlink():
            continue
        if path.suffix in (".csv", ".xlsx"):
            found = _unsafe_cells(path, template)
            if found:
                return f"{path.name}: {found!r}"
        elif path.suffix in (".html", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for marker in UNSAFE_HTML:
                if marker in text:
                    return f"{path.name}: markup from data, unescaped: {marker!r}"
    return None


def _classify(run: Run, result, changed: list[str], littered: list[str]) -> tuple[str, str]:
    if changed:
        return "input modified", ", ".join(changed[:3])
    if littered:
        return "written outside", ", ".join(littered[:3])
    if isinstance(result, Crash):
        return "crash", f"worker died (exit {result.args[0]})"
    if isinstance(result, Hang):
        return "hang", f"no end after {TIMEOUT:.0f} s"
    status, stdout, stderr = result
    # The command's own line ("gismap render: ..."); warnings may come before it, from libraries or
    # GISMap's own log ("gismap: refused a network request ...").
    lines = [line for line in stderr.splitlines() if line.strip()]
    own = f"gismap {run.command.split(' ')[0]}"
    first = next((line for line in lines if line.startswith(own)),
                 next((line for line in lines if line.startswith("gismap")), lines[-1] if lines else ""))[:300]
    if "MemoryError" in stderr:
        return "memory", first
    if status not in (0, 2) or "Traceback" in stderr:
        return "traceback", first or stderr[-300:]
    if status == 0:
        unsafe = _unsafe_output(run)
        if unsafe:
            return "unsafe output", unsafe
        if run.case.damaged and run.command == "info" and "note" not in stdout and "warning" not in stderr.lower():
            return "silently wrong", "read as if whole: " + " ".join(stdout.split())[:200]
        return "works", ""
    message = first
    if RAW_PYTHON.search(message):
        return "unclear error", f"raw Python text: {first}"
    # A refused option of a command line need name no file; a file named by its full path is named.
    if run.case.role != "argv" and not ABSOLUTE_PATH.search(message) and not any(n in message for n in _mentioned(run)):
        return "unclear error", f"names no file: {first}"
    return "clear error", first


def run_corpus(cases: list[Case], base: Base, root: Path, every: int = 1, lanes: int = 2,
               progress=None) -> list[Run]:
    """Plan and run the commands (see :func:`plan_runs`) in ``lanes`` workers side by side (the runs of
    one case in one lane, so a change to its files is blamed on the right run); every run comes back
    classified. ``progress(run)`` is called after each run."""
    runs = plan_runs(cases, base, root, every)
    by_case: dict[str, list[Run]] = {}
    for run in runs:
        by_case.setdefault(run.case.id, []).append(run)
    pending = queue.SimpleQueue()
    for group in by_case.values():
        pending.put(group)
    with concurrent.futures.ThreadPoolExecutor(lanes) as pool:
        for lane in [pool.submit(_run_lane, root / f"lane-{number}", pending, base, progress) for number in range(lanes)]:
            lane.result()
    return runs


def _run_lane(folder: Path, pending: queue.SimpleQueue, base: Base, progress) -> None:
    """Take groups of runs from ``pending`` until none is left, running them in a worker of this lane."""
    scratch = folder / "scratch"  # the worker's temporary folder: left empty by every run
    cwd = folder / "cwd"  # the worker's working folder: where a template payload would create PWNED
    for made in (scratch, cwd):
        made.mkdir(parents=True)
    workers = Workers(scratch)
    try:
        while True:
            try:
                group = pending.get_nowait()
            except queue.Empty:
                return
            for run in group:
                _run_one(run, workers, base, [scratch, cwd, folder.parent])
                if progress is not None:
                    progress(run)
    finally:
        workers.close()


def _run_one(run: Run, workers: Workers, base: Base, lane_folders: list[Path]) -> None:
    run.out.mkdir(parents=True)
    inputs = [run.case.folder, base.shapefile.parent]
    watched = [*inputs, *lane_folders, run.case.folder.parent]
    before, listed = _digest(inputs), _listing(watched)
    start = time.perf_counter()
    try:
        result = workers.run(run.argv, lane_folders[1])
    except (Hang, Crash) as exc:
        result = exc
    run.seconds = time.perf_counter() - start
    after = _digest(inputs)
    changed = sorted(Path(p).name for p in before if before[p] != after.get(p))
    # A command line case names its own targets beside its inputs: new files there are its outputs.
    targets = [run.out, run.case.folder] if run.case.role == "argv" else [run.out]
    littered = sorted(p for p in (after.keys() - before.keys()) | (_listing(watched) - listed)
                      if not any(Path(p).is_relative_to(folder) for folder in targets))
    run.outcome, run.detail = _classify(run, result, changed, littered)


def table(runs: list[Run]) -> str:
    """Counts of outcomes per command (rows) and in all (last row)."""
    commands = sorted({run.command.split(" ")[0] for run in runs})
    counts = collections.Counter((run.command.split(" ")[0], run.outcome) for run in runs)
    used = [o for o in OUTCOMES if any(run.outcome == o for run in runs)]
    width = max(len(o) for o in used) + 1
    lines = ["command".ljust(14) + "".join(o.rjust(width) for o in used) + "total".rjust(7)]
    for command in commands:
        row = [counts[(command, o)] for o in used]
        lines.append(command.ljust(14) + "".join(str(n).rjust(width) for n in row) + str(sum(row)).rjust(7))
    totals = collections.Counter(run.outcome for run in runs)
    lines.append("all".ljust(14) + "".join(str(totals[o]).rjust(width) for o in used) + str(len(runs)).rjust(7))
    return "\n".join(lines)


def bad_runs(runs: list[Run]) -> list[Run]:
    return [run for run in runs if run.outcome not in GOOD]

