#!/bin/sh
# Set up (first time only) and open the LeptoDesk wizard. Extra arguments go to `leptodesk`.
set -eu
cd "$(dirname "$0")/.."
tools/bootstrap.sh --gui
exec .venv/bin/leptodesk "$@"
