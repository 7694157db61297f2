"""The national choropleth made by QGIS 3.22, as its canvas would draw it: the baseline of the cold
frame (bench_canvas) and of the whole-process PNG render (bench_exports).

The code runs in QGIS's own interpreter (``common.run_qgis_script``): the layer opened with the OGR
provider, a graduated renderer that classes the column itself (quantiles, the same number of
classes and the same colours as GISMap's), the same outline, ``QgsMapSettings`` with
``UseRenderingOptimization`` and antialiasing on (the canvas' defaults), drawn by a
``QgsMapRendererParallelJob`` at the given output size.
"""

from __future__ import annotations

MAP = """
from qgis.core import (QgsClassificationQuantile, QgsFillSymbol, QgsGraduatedSymbolRenderer, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def fill(color):
    return QgsFillSymbol.createSimple({{"color": color, "outline_color": {outline!r},
                                       "outline_width": {outline_width!r}, "outline_width_unit": "Pixel"}})


def open_layer():  # the layer, opened (lazily, as QGIS does) and classed by its graduated renderer
    layer = QgsVectorLayer({path!r}, "communes", "ogr")
    assert layer.isValid() and layer.featureCount() == {features}, layer.featureCount()
    renderer = QgsGraduatedSymbolRenderer({column!r})
    renderer.setClassificationMethod(QgsClassificationQuantile())
    renderer.setSourceSymbol(fill("#ffffff"))
    renderer.updateClasses(layer, {k})
    colors = {colors!r}
    assert len(renderer.ranges()) == len(colors), renderer.ranges()
    for index, color in enumerate(colors):
        renderer.updateRangeSymbol(index, fill(color))
    layer.setRenderer(renderer)
    return layer


def draw(layer, extent=None):  # a frame at extent (west, south, east, north); the layer's by default
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize({width}, {height}))
    settings.setExtent(layer.extent() if extent is None else QgsRectangle(*extent))
    settings.setBackgroundColor(QColor("white"))
    settings.setFlag(QgsMapSettings.UseRenderingOptimization, True)
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def draw_map():
    return draw(open_layer())
"""


def qgis_map_code(path, column: str, size: tuple[int, int], k: int = 5, outline: str = "#6b6b6b",
                  outline_width: float = 0.4) -> str:
    """Python for QGIS's interpreter defining ``draw_map()``: opens ``path`` and returns the
    QImage of its choropleth of ``column`` in ``k`` quantile classes coloured as GISMap's default
    (YlGnBu); and its two steps, ``open_layer()`` and ``draw(layer, extent=None)``."""
    import pyogrio

    from gismap.core.classify import ramp

    colors = ["#{:02x}{:02x}{:02x}".format(*rgba[:3]) for rgba in ramp("YlGnBu", k)]
    return MAP.format(path=str(path), column=column, colors=colors, k=k, width=size[0], height=size[1],
                      features=pyogrio.read_info(path)["features"], outline=outline, outline_width=str(outline_width))
