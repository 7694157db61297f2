"""Documents built from the embedded commune layers, shared by the widget tests."""

from __future__ import annotations

import pandas as pd

from gismap.core.document import MapDocument, MapLayer
from gismap.core.layers import read_layer
from gismap.core.paths import shapefiles_dir


def commune_document(*prov_codes: str, title: str = "Test map") -> tuple[MapDocument, MapLayer]:
    """A document with one loaded layer holding the communes of the given provinces."""
    document = MapDocument(title=title)
    layer = document.add_layer(MapLayer(name="communes", source=shapefiles_dir() / f"communes_{prov_codes[0]}.shp"))
    layer.load()
    if len(prov_codes) > 1:
        frames = [layer.data.frame] + [read_layer(shapefiles_dir() / f"communes_{code}.shp").frame
                                       for code in prov_codes[1:]]
        layer.data.frame = pd.concat(frames, ignore_index=True)
    return document, layer
