"""GISMap: a desktop GIS for planning Vietnam's provincial digital infrastructure."""

import os

__version__ = "0.1.0"

# Arrow allocates through the C library's malloc, not its bundled mimalloc, which reserves
# address space by the gigabyte (a join of a 1,000,000-row table: 2.3 GB at its peak for 0.7 GB
# in use); under an address-space limit (ulimit -v, a shared server) such a join ended in
# MemoryError. Measured no slower. Read by Arrow when it is first loaded, so set here, before
# anything of GISMap imports it; a pool the user chose stays.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
