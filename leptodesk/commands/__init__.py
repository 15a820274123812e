"""Sub-commands of the ``leptodesk`` command line, one module per area.

Each module has ``add_parsers(subparsers)`` and must stay light to import: heavy libraries
(reportlab, pyhanko, sqlite store) are imported inside the command functions.
"""
