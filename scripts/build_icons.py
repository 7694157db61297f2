"""Write the toolbar and menu icons of ``resources/icons/`` as SVG files.

The glyphs are Material Design Icons 6.9.96 (Pictogrammers, Apache License 2.0), taken from the
font that the ``qtawesome`` package ships (``pip install qtawesome``; only this script needs it):
each glyph's outline becomes one SVG path, so the app loads small files through Qt's SVG icon
engine instead of importing qtawesome at start-up (0.2 s). The output is committed; run this
again after changing :data:`ICONS`.

Usage: ``python scripts/build_icons.py``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gismap.core.atomic import write_text_atomic  # noqa: E402

OUT = ROOT / "resources" / "icons"
FONT = "materialdesignicons6-webfont-6.9.96"
COLOUR = "#3d4a57"  # one dark slate for every icon; the button frame shows the checked tool
# Icon file name (what the action does) -> the glyph's name in Material Design Icons.
ICONS = {
    "add-layer": "layers-plus",
    "pan": "hand-back-right-outline",
    "zoom-box": "magnify-plus-outline",
    "identify": "information-outline",
    "select": "cursor-default-click-outline",
    "zoom-full": "fit-to-screen-outline",
    "zoom-selection": "magnify-scan",
    "join-table": "table-arrow-left",
    "export-image": "file-image-outline",
    "presentation": "presentation-play",
    "undo": "undo",
    "redo": "redo",
    "open-project": "folder-open-outline",
    "save-project": "content-save-outline",
}


def glyph_svg(font: TTFont, glyph: str) -> str:
    """The glyph as a square SVG of the font's em, y pointing down."""
    glyphs = font.getGlyphSet()
    em = font["head"].unitsPerEm
    descent = font["hhea"].descent  # negative: the baseline sits this far above the em's bottom
    pen = SVGPathPen(glyphs)
    glyphs[glyph].draw(TransformPen(pen, (1, 0, 0, -1, 0, em + descent)))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {em} {em}" width="24" height="24">'
            f'<path fill="{COLOUR}" d="{pen.getCommands()}"/></svg>\n')


def main() -> int:
    import qtawesome

    fonts = Path(qtawesome.__file__).parent / "fonts"
    charmap = json.loads((fonts / f"{FONT.replace('-webfont-', '-webfont-charmap-')}.json").read_text())
    font = TTFont(fonts / f"{FONT}.ttf")
    cmap = font.getBestCmap()
    for name, glyph in ICONS.items():
        write_text_atomic(OUT / f"{name}.svg", glyph_svg(font, cmap[int(charmap[glyph], 16)]))
    print(f"wrote {len(ICONS)} icons to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
