"""Refresh the Qt translations of ``resources/translations/`` from the source code.

1. ``pyside6-lupdate`` extracts every ``tr()`` / ``QCoreApplication.translate()`` string of the
   modules that use them into ``gismap_<lang>.ts``, keeping the translations already there and
   dropping strings the code no longer has (``-no-obsolete``).
2. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` loaded by ``gismap.ui.i18n``.
   Hand-kept ``qt_extra_<lang>.ts`` files (Qt's own standard button texts, which PySide6 ships
   no Vietnamese catalogue for) are merged into the same ``.qm``; lupdate never touches them.

Both ``.ts`` and ``.qm`` are committed, so an installed GISMap needs no Qt tools. After running
this, translate the new ``type="unfinished"`` entries of ``gismap_vi.ts`` (Qt Linguist:
``pyside6-linguist``), then run it again to compile them; ``tests/test_translations.py`` fails
while a string lacks its Vietnamese translation.

Usage: ``python scripts/update_translations.py``
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gismap.core.atomic import atomic_path  # noqa: E402

TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("vi", "en")
# A call lupdate's Python parser extracts: self.tr(...), QCoreApplication.translate(...), the NOOPs.
_TRANSLATABLE = re.compile(r"\btr\(|\btranslate\(|\bQT_TR_NOOP|\bQT_TRANSLATE_NOOP")
# tr() of an f-string or a variable: lupdate cannot extract it, so it is never translated.
_UNEXTRACTABLE = re.compile(r"""\btr\(\s*(?:[fF][rR]?["']|[A-Za-z_][\w.]*\s*[,)])""")


def qt_tool(name: str) -> str:
    """Path of a PySide6 tool (``pyside6-lupdate``...), preferring the running interpreter's."""
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 (pip install PySide6-Essentials) in this Python.")
    return found


def translatable_sources() -> list[Path]:
    """Python modules of the package (and ``main.py``) that contain translatable strings."""
    candidates = sorted((ROOT / "gismap").rglob("*.py")) + [ROOT / "main.py"]
    return [path for path in candidates
            if path.exists() and _TRANSLATABLE.search(path.read_text(encoding="utf-8"))]


def unextractable_calls() -> list[str]:
    """``file:line`` of each tr() whose text lupdate cannot see (f-string or variable)."""
    found = []
    for path in translatable_sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _UNEXTRACTABLE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"gismap_{language}.ts"


def qm_sources(language: str) -> list[Path]:
    """The ``.ts`` files compiled into ``gismap_<language>.qm``, the generated one first."""
    extra = TRANSLATIONS / f"qt_extra_{language}.ts"
    return [ts_path(language)] + ([extra] if extra.exists() else [])


def run_lupdate(ts_file: Path, language: str) -> None:
    """Merge the strings of the current sources into ``ts_file`` (created when absent)."""
    command = [qt_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "relative",
               "-source-language", "en", "-target-language", language]
    command += [str(path.relative_to(ROOT)) for path in translatable_sources()]
    command += ["-ts", str(ts_file)]
    subprocess.run(command, cwd=ROOT, check=True)


def run_lrelease(ts_files: list[Path], qm_file: Path) -> None:
    command = [qt_tool("pyside6-lrelease"), "-silent", *map(str, ts_files), "-qm", str(qm_file)]
    subprocess.run(command, cwd=ROOT, check=True)


def update_ts(language: str) -> None:
    """lupdate into a copy of the committed ``.ts``, which replaces it once complete."""
    target = ts_path(language)
    with atomic_path(target) as tmp:
        if target.exists():
            shutil.copyfile(target, tmp)
        run_lupdate(tmp, language)
    # lupdate writes the file names relative to the .ts it updates, i.e. the temporary copy
    # beside the target: the same folder, so the references stay right after the rename.


def compile_qm(language: str, out_dir: Path = TRANSLATIONS) -> Path:
    """Compile ``gismap_<language>.qm`` into ``out_dir``; returns its path."""
    qm_file = out_dir / f"gismap_{language}.qm"
    with atomic_path(qm_file) as tmp:
        run_lrelease(qm_sources(language), tmp)
    return qm_file


def unfinished_count(ts_file: Path) -> int:
    return sum(1 for translation in ElementTree.parse(ts_file).getroot().iter("translation")
               if translation.get("type") == "unfinished")


def main() -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        update_ts(language)
        compile_qm(language)
    for call in unextractable_calls():
        print(f"warning: not translatable (tr of an f-string or variable): {call}", file=sys.stderr)
    untranslated = unfinished_count(ts_path("vi"))
    print(f"Updated {', '.join(str(ts_path(lang).relative_to(ROOT)) for lang in LANGUAGES)} and their .qm.")
    if untranslated:
        print(f"{untranslated} Vietnamese string(s) still to translate in {ts_path('vi').relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
