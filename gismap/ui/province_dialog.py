"""Which province to map: asked at first start and by File › New Map for Province….

A choice is ``""`` for the sample map (four provinces with synthetic coverage data, the demo
default) or a province's 2-digit code. The answer at first start is remembered in QSettings;
``$GISMAP_PROVINCE`` overrides both (``sample``, a code or a name), so tests and ``make run``
never wait on the question.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QCollator, QLocale, QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gismap.core.document import MapDocument, default_document, find_province, province_document, provinces

SAMPLE_MAP = ""
PROVINCE_SETTING = "map/province"
PROVINCE_VARIABLE = "GISMAP_PROVINCE"


def map_document(choice: str) -> MapDocument:
    """The map a choice opens: the sample map, or the province's communes at full detail."""
    return default_document() if choice == SAMPLE_MAP else province_document(choice)


def start_choice(settings: QSettings, ask: Callable[[], str | None]) -> str:
    """The map to open at start: ``$GISMAP_PROVINCE`` when set, else the remembered choice, else
    ``ask()`` (remembered once answered; no answer opens the sample map and asks again next time)."""
    override = os.environ.get(PROVINCE_VARIABLE, "").strip()
    if override:
        return SAMPLE_MAP if override.lower() == "sample" else str(find_province(override)["code"])
    remembered = settings.value(PROVINCE_SETTING)
    if remembered == SAMPLE_MAP or remembered in set(provinces()["code"]):
        return remembered
    answer = ask()  # first start, or a remembered province this GISMap does not have
    if answer is None:
        return SAMPLE_MAP
    settings.setValue(PROVINCE_SETTING, answer)
    return answer


class ProvinceDialog(QDialog):
    """The sample map first (and chosen), then the 34 provinces in Vietnamese alphabetical order."""

    def __init__(self, parent: QWidget | None = None, current: str = SAMPLE_MAP) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a Province"))
        self.list = QListWidget(self)
        sample = QListWidgetItem(self.tr("The sample map (4 provinces)"))
        sample.setData(Qt.ItemDataRole.UserRole, SAMPLE_MAP)
        self.list.addItem(sample)
        collator = QCollator(QLocale(QLocale.Language.Vietnamese))
        outlines = provinces()
        for code, name in sorted(zip(outlines["code"], outlines["name"]), key=lambda row: collator.sortKey(row[1])):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        chosen = next((self.list.item(i) for i in range(self.list.count())
                       if self.list.item(i).data(Qt.ItemDataRole.UserRole) == current), sample)
        self.list.setCurrentItem(chosen)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which province's map do you want? Its communes are shown at full detail "
                                        "over the map of Vietnam. File › New Map for Province… changes it later."),
                                self, wordWrap=True))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(380, 560)

    def choice(self) -> str:
        return self.list.currentItem().data(Qt.ItemDataRole.UserRole)

    @classmethod
    def ask(cls, parent: QWidget | None = None, current: str = SAMPLE_MAP) -> str | None:
        """The choice, or None when cancelled."""
        dialog = cls(parent, current)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
