#!/bin/sh
# Build the offline bundle dist/leptodesk/ (windowed `leptodesk` + console `leptodesk-cli`)
# from build.spec, then check it with its own self-test, offscreen.
# Usage: tools/bundle.sh [--no-check]
set -eu
cd "$(dirname "$0")/.."
tools/bootstrap.sh --gui --bundle  # the xcb libraries must be on the build machine to be bundled
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
echo "built dist/leptodesk in $(( $(date +%s) - start )) s, $(du -sh dist/leptodesk | cut -f1)"
if [ "${1:-}" != "--no-check" ]; then
  QT_QPA_PLATFORM=offscreen dist/leptodesk/leptodesk-cli --self-test
fi
