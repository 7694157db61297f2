"""Qt widgets of the GISMap desktop app. They observe the map document and hold no GIS logic."""
