"""What part of the map is shown on a canvas of a given pixel size (no Qt needed).

The map CRS is WGS 84 longitude/latitude. The screen shows an equirectangular view whose x
axis is scaled by cos(latitude of the view centre), so shapes look right at Vietnam's
latitudes and a pixel covers the same ground distance across and up at the centre.

A :class:`Viewport` is immutable: panning and zooming return a new one, so the window can hand
the current viewport to a render thread while the user keeps moving the map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

Extent = tuple[float, float, float, float]

# Mean Earth radius (IUGG): ground distance of one degree of latitude, good to 0.5 % in Vietnam.
EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180.0
METRES_PER_INCH = 0.0254

# Keeps the x scale finite (and the view usable) however far north the centre is dragged.
_MAX_CENTRE_LATITUDE = 85.0


@dataclass(frozen=True)
class Viewport:
    """A view of ``width`` x ``height`` pixels centred on (``center_lon``, ``center_lat``).

    ``resolution`` is the number of degrees of latitude per pixel; a pixel spans
    ``resolution / cos(center_lat)`` degrees of longitude.
    """

    width: int
    height: int
    center_lon: float
    center_lat: float
    resolution: float

    def __post_init__(self) -> None:
        if self.width < 1 or self.height < 1:
            raise ValueError(f"a viewport needs at least 1x1 pixels, got {self.width}x{self.height}")
        if not self.resolution > 0:
            raise ValueError(f"resolution must be positive, got {self.resolution}")
        object.__setattr__(self, "center_lat", max(-_MAX_CENTRE_LATITUDE,
                                                   min(_MAX_CENTRE_LATITUDE, self.center_lat)))

    @classmethod
    def fit(cls, extent: Extent, width: int, height: int, margin: float = 0.0) -> Viewport:
        """The viewport showing all of ``extent`` (min lon, min lat, max lon, max lat), aspect kept.

        ``margin`` is the share of the canvas left free on each side (0.05 = 5 %).
        """
        min_lon, min_lat, max_lon, max_lat = extent
        center_lon, center_lat = (min_lon + max_lon) / 2, (min_lat + max_lat) / 2
        cos_lat = math.cos(math.radians(max(-_MAX_CENTRE_LATITUDE, min(_MAX_CENTRE_LATITUDE, center_lat))))
        usable = 1.0 - 2.0 * margin
        # Degrees of latitude per pixel needed along each axis; the larger one fits both.
        resolution = max((max_lon - min_lon) * cos_lat / (width * usable),
                         (max_lat - min_lat) / (height * usable))
        if not resolution > 0:  # a point or a line: show about 1 km around it
            resolution = 1000.0 / METRES_PER_DEGREE / min(width, height)
        return cls(width, height, center_lon, center_lat, resolution)

    # -- coordinates ---------------------------------------------------------------------
    @property
    def cos_lat(self) -> float:
        return math.cos(math.radians(self.center_lat))

    def affine(self) -> tuple[float, float, float, float]:
        """(sx, sy, tx, ty) with ``x = sx * lon + tx`` and ``y = sy * lat + ty`` in pixels (y down)."""
        sx = self.cos_lat / self.resolution
        sy = -1.0 / self.resolution
        return sx, sy, self.width / 2 - sx * self.center_lon, self.height / 2 - sy * self.center_lat

    def map_to_pixel(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        """Pixel x, y (floats, origin top left) of map points; scalars or arrays."""
        sx, sy, tx, ty = self.affine()
        return sx * np.asarray(lon, dtype=float) + tx, sy * np.asarray(lat, dtype=float) + ty

    def pixel_to_map(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """Longitude, latitude of pixel positions; scalars or arrays."""
        sx, sy, tx, ty = self.affine()
        return (np.asarray(x, dtype=float) - tx) / sx, (np.asarray(y, dtype=float) - ty) / sy

    @property
    def extent(self) -> Extent:
        """(min lon, min lat, max lon, max lat) covered by the canvas."""
        half_lon = self.width / 2 * self.resolution / self.cos_lat
        half_lat = self.height / 2 * self.resolution
        return (self.center_lon - half_lon, self.center_lat - half_lat,
                self.center_lon + half_lon, self.center_lat + half_lat)

    # -- scale ----------------------------------------------------------------------------
    @property
    def metres_per_pixel(self) -> float:
        """Ground distance of one pixel at the centre (the same across and up)."""
        return self.resolution * METRES_PER_DEGREE

    def scale_denominator(self, dpi: float = 96.0) -> float:
        """N of the map scale 1:N at the centre, for a screen of ``dpi`` pixels per inch."""
        return self.metres_per_pixel * dpi / METRES_PER_INCH

    # -- navigation -----------------------------------------------------------------------
    def zoom_at(self, x: float, y: float, factor: float) -> Viewport:
        """Zoom in by ``factor`` (> 1 in, < 1 out), keeping the map point under pixel (x, y) there."""
        lon, lat = (float(v) for v in self.pixel_to_map(x, y))
        resolution = self.resolution / factor
        # Latitude first: the x scale depends on the new centre latitude.
        center_lat = lat + (y - self.height / 2) * resolution
        cos_lat = math.cos(math.radians(center_lat))
        center_lon = lon - (x - self.width / 2) * resolution / cos_lat
        return replace(self, center_lon=center_lon, center_lat=center_lat, resolution=resolution)

    def pan(self, dx: float, dy: float) -> Viewport:
        """Move the map content by (dx, dy) pixels, as a mouse drag does (dx > 0 moves it right)."""
        center_lat = self.center_lat + dy * self.resolution
        # Scaled at the new centre latitude, so the point that was at the centre lands exactly
        # (dx, dy) away from it.
        center_lon = self.center_lon - dx * self.resolution / math.cos(math.radians(center_lat))
        return replace(self, center_lon=center_lon, center_lat=center_lat)

    def resized(self, width: int, height: int) -> Viewport:
        """The same centre and scale on a canvas of another size."""
        return replace(self, width=width, height=height)
