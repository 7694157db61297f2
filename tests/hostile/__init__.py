"""A hostile-input corpus and the harness that runs every GISMap entry point over it (issue 12).

:mod:`.corpus` writes several hundred damaged and hostile files, made from the embedded
boundaries and sample tables, into a folder (seeded: the same seed gives the same files);
:mod:`.runner` runs the ``gismap`` commands over them in a long-lived worker process and
classifies each run. ``python -m tests.hostile`` does both and prints the table.
"""
