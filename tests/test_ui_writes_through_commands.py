"""Views change the map only through document commands: no widget assigns a model attribute."""

from __future__ import annotations

import ast
from pathlib import Path

import gismap.ui

MODEL_ATTRIBUTES = {
    # MapDocument
    "layers", "title", "subtitle", "source_note", "extent", "selection",
    # MapLayer
    "name", "source", "source_layer", "visible", "opacity", "style", "recipe", "base", "data", "step_reports",
    # Layer (the data)
    "frame", "warnings",
}
MUTATING_METHODS = {"append", "insert", "remove", "pop", "clear", "extend", "sort", "reverse", "update", "setdefault"}


def _writes(tree: ast.AST):
    """(line, text) of each assignment to, or in-place change of, another object's model attribute."""
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATING_METHODS:
            targets = [node.func.value]
        for target in targets:
            chain = []  # attribute names from the target down to its root
            part = target
            while isinstance(part, (ast.Attribute, ast.Subscript)):
                if isinstance(part, ast.Attribute):
                    chain.append(part.attr)
                part = part.value
            own = isinstance(part, ast.Name) and part.id == "self" and len(chain) <= 1  # a widget's own field
            if chain and not own and MODEL_ATTRIBUTES & set(chain):
                yield node.lineno, ast.unparse(target)


def test_the_scan_finds_writes_to_the_model():
    code = """
self.document.extent = viewport.extent
self._document.layers[:] = order
self.map_layer.data.frame = result.frame
layer.style = style
layer.data.frame.loc[0, "name"] = "x"
document.layers.append(layer)
self.layer.style = style
self.title = QLabel()
self._frame = image
frame = layer.data.frame
"""
    assert sorted(text for _, text in _writes(ast.parse(code))) == sorted([
        "self.document.extent", "self._document.layers[:]", "self.map_layer.data.frame", "layer.style",
        "layer.data.frame.loc[0, 'name']", "document.layers", "self.layer.style"])


def test_no_view_assigns_a_document_or_layer_attribute():
    found = []
    for path in sorted(Path(gismap.ui.__file__).parent.glob("*.py")):
        found += [f"{path.name}:{line}: {text}" for line, text in _writes(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == []
