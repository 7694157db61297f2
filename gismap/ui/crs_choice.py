"""Choosing a coordinate system: WGS 84, the VN-2000 TM-3 zone of a province, or UTM.

One :class:`CrsChooser` serves the site-list import (the coordinates' system) and the layer
export (the system to write); each remembers its last choice in QSettings under its own key.
A 2025 province made of old provinces on different central meridians offers their zones and
leaves the choice to the user (no zone is preselected).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from gismap.core.crs import UTM_EPSG, crs_label, meridian_text, province_names, province_zones, resolve_crs
from gismap.core.names import name_key

_WGS84, _TM3 = "wgs84", "tm3"


class CrsChooser(QWidget):
    """System, province and zone; :meth:`crs` is the choice as a layer stores it (``EPSG:9210``,
    None for WGS 84 degrees). ``changed`` is emitted whenever the choice changes."""

    changed = Signal()

    def __init__(self, settings_key: str, parent=None) -> None:
        super().__init__(parent)
        self.settings_key = settings_key
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(self.tr("WGS 84, longitude and latitude (degrees)"), _WGS84)
        self.kind_combo.addItem(self.tr("VN-2000 TM-3 of a province (metres)"), _TM3)
        for code in UTM_EPSG:
            self.kind_combo.addItem(crs_label(resolve_crs(str(code))), code)
        self.province_combo = QComboBox(self)
        new, old = province_names()
        for name in new:
            self.province_combo.addItem(name, name)
        taken = {name_key(name) for name in new}
        for name in old:
            if name_key(name) not in taken:
                self.province_combo.addItem(self.tr("{0} (before 2025)").format(name), name)
        self.zone_combo = QComboBox(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Coordinate system"), self.kind_combo)
        form.addRow(self.tr("Province"), self.province_combo)
        form.addRow(self.tr("Central meridian"), self.zone_combo)
        form.addRow(self.hint)
        self._restore()
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.province_combo.currentIndexChanged.connect(self._province_chosen)
        self.zone_combo.currentIndexChanged.connect(self._update)

    def crs(self) -> str | None:
        """``EPSG:<code>`` of the choice, None for WGS 84 (and while a zone is still to be chosen)."""
        kind = self.kind_combo.currentData()
        if kind == _WGS84:
            return None
        code = self.zone_combo.currentData() if kind == _TM3 else kind
        return None if code is None else f"EPSG:{code}"

    def is_complete(self) -> bool:
        """Whether the choice is made: not a province whose zone is still to be chosen."""
        return self.kind_combo.currentData() != _TM3 or self.zone_combo.currentData() is not None

    def choose(self, kind: str | int, province: str | None = None, epsg: int | None = None) -> None:
        """Set the choice (``kind``: ``"wgs84"``, ``"tm3"`` or a UTM EPSG code)."""
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        if province is not None:
            self.province_combo.setCurrentIndex(max(0, self.province_combo.findData(province)))
        self._fill_zones()
        if epsg is not None and self.zone_combo.findData(epsg) >= 0:
            self.zone_combo.setCurrentIndex(self.zone_combo.findData(epsg))
        self._update()

    def remember(self) -> None:
        settings = QSettings()
        settings.setValue(f"{self.settings_key}/kind", str(self.kind_combo.currentData()))
        settings.setValue(f"{self.settings_key}/province", self.province_combo.currentData())
        settings.setValue(f"{self.settings_key}/zone", str(self.zone_combo.currentData() or ""))

    def _restore(self) -> None:
        settings = QSettings()
        kind = str(settings.value(f"{self.settings_key}/kind", _WGS84))
        zone = str(settings.value(f"{self.settings_key}/zone", ""))
        self.choose(int(kind) if kind.isdigit() else kind, settings.value(f"{self.settings_key}/province"),
                    int(zone) if zone.isdigit() else None)

    def _kind_chosen(self) -> None:
        self._fill_zones()
        self._update()

    def _province_chosen(self) -> None:
        self._fill_zones()
        self._update()

    def _fill_zones(self) -> None:
        self.zone_combo.blockSignals(True)
        self.zone_combo.clear()
        zones = province_zones(self.province_combo.currentData() or "")
        if len(zones) > 1:  # the user says which: nothing is preselected
            self.zone_combo.addItem(self.tr("Choose the zone…"), None)
        for zone in zones:
            self.zone_combo.addItem(self.tr("{0}: {1} before 2025 (EPSG:{2})").format(
                meridian_text(zone.meridian), ", ".join(zone.provinces), zone.epsg), zone.epsg)
        self.zone_combo.blockSignals(False)

    def _update(self) -> None:
        tm3 = self.kind_combo.currentData() == _TM3
        self.province_combo.setEnabled(tm3)
        self.zone_combo.setEnabled(tm3 and self.zone_combo.count() > 1)
        if tm3 and not self.is_complete():
            self.hint.setText(self.tr("{0} was made in 2025 of provinces on different central meridians: choose "
                                      "the one the coordinates use.").format(self.province_combo.currentText()))
        elif self.crs() is not None:
            self.hint.setText(crs_label(resolve_crs(self.crs())))
        else:
            self.hint.setText("")
        self.changed.emit()


class SiteListCrsDialog(QDialog):
    """Asked when site lists are added: the coordinate system of their coordinates (remembered)."""

    SETTINGS_KEY = "site_lists/crs"

    def __init__(self, names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Coordinates of the site list"))
        intro = QLabel(self.tr("Coordinate system of the coordinates in {0}. GPS lists are usually WGS 84 "
                               "degrees; survey lists in metres are VN-2000 of their province.").format(
            ", ".join(names)), self)
        intro.setWordWrap(True)
        self.chooser = CrsChooser(self.SETTINGS_KEY, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.chooser.changed.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.chooser)
        layout.addWidget(self.buttons)
        self._update()

    def crs(self) -> str | None:
        return self.chooser.crs()

    def accept(self) -> None:
        if not self.chooser.is_complete():
            return
        self.chooser.remember()
        super().accept()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chooser.is_complete())
