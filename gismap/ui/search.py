"""The commune search box: type a name, pick a candidate, the map goes there.

Ranking lives in :mod:`gismap.core.search`; this is the line edit and its popup. Candidates
read "Name — Province" so that the many "An Bình" of Vietnam can be told apart.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from gismap.core.document import MapDocument
from gismap.core.search import CommuneIndex, SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_CANDIDATES = 20


class CommuneSearch(QLineEdit):
    """Search box over the communes of the document's loaded polygon layers.

    Emits ``commune_chosen(map_layer, row)`` when a candidate is picked (or Enter is pressed:
    the best candidate).
    """

    commune_chosen = Signal(object, int)

    def __init__(self, document: MapDocument, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("communeSearch")
        self.setPlaceholderText(self.tr("Find a commune or ward…"))
        self.setClearButtonEnabled(True)
        self._document = document
        self._index: CommuneIndex | None = None
        self._hits: list[SearchHit] = []
        self._candidates = QStandardItemModel(self)
        completer = QCompleter(self._candidates, self)
        # The core ranks the candidates; the completer only shows them.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated[QModelIndex].connect(self._activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._update_candidates)
        self.returnPressed.connect(self._choose_best)
        self._observe(document)

    def set_document(self, document: MapDocument) -> None:
        for signal in (self._document.layers_changed, self._document.layer_changed):
            signal.disconnect(self._invalidate)
        self._document = document
        self._observe(document)
        self._invalidate()

    def candidates(self) -> list[SearchHit]:
        """The candidates shown for the current text, best first."""
        return list(self._hits)

    def choose(self, hit: SearchHit) -> None:
        self.setText(hit.label)
        self.commune_chosen.emit(hit.layer, hit.row)

    def _observe(self, document: MapDocument) -> None:
        document.layers_changed.connect(self._invalidate)
        document.layer_changed.connect(self._invalidate)

    def _invalidate(self, *_args) -> None:
        # Rebuilt on the next keystroke: layers load one by one, no need to index each time.
        self._index = None

    def _update_candidates(self, text: str) -> None:
        if self._index is None:
            self._index = CommuneIndex(self._document)
        self._hits = self._index.search(text, MAX_CANDIDATES) if text.strip() else []
        self._candidates.clear()
        for position, hit in enumerate(self._hits):
            item = QStandardItem(hit.label)
            item.setData(position, HIT_ROLE)
            item.setToolTip(self.tr("code {code} · {layer}").format(code=hit.code, layer=hit.layer.name))
            self._candidates.appendRow(item)
        if self._hits:
            self.completer().complete()
        else:
            self.completer().popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        position = index.data(HIT_ROLE)
        if position is not None and position < len(self._hits):
            self.choose(self._hits[position])

    def _choose_best(self) -> None:
        if self.completer().popup().isVisible():
            return  # the completer reports the highlighted candidate itself
        if not self._hits and self.text().strip():
            self._update_candidates(self.text())
            self.completer().popup().hide()
        if self._hits:
            self.choose(self._hits[0])
