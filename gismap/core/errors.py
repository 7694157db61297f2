"""User-facing errors: each message says what is wrong and what to do about it."""


class GismapError(Exception):
    """An input GISMap cannot use. ``str(error)`` is the message shown to the user."""


class LayerError(GismapError):
    """A vector layer cannot be read or is not what was expected."""


class TableError(GismapError):
    """A coverage table (CSV/XLSX) cannot be read or understood."""
