"""Data logic of GISMap: layers, tables, joins, classification, documents. No Qt here."""
