"""The bundle's entry point: both executables (windowed ``leptodesk`` and ``leptodesk-cli``)
run the command line, which opens the wizard when given no command."""

import sys

from leptodesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
