"""GISMap: a desktop GIS for planning Vietnam's provincial digital infrastructure."""

__version__ = "0.1.0"
