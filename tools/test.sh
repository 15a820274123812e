#!/bin/sh
# Set up (first time only) and run the whole test suite offscreen, with the lint contracts.
set -eu
cd "$(dirname "$0")/.."
tools/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check leptodesk ui tests bench
.venv/bin/lint-imports
exec .venv/bin/python -m pytest -q "$@"
