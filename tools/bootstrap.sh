#!/bin/sh
# Create .venv and install LeptoDesk with its test tools; install the Debian packages that
# offscreen Qt (and, with --gui, a real window) needs. Safe to run again: it only does what
# is missing.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
APT="libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libx11-6 libdbus-1-3 poppler-utils"
if [ "${1:-}" = "--gui" ]; then
  APT="$APT libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
fi
missing=""
if command -v dpkg >/dev/null 2>&1; then
  for pkg in $APT; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$missing python3-venv"
fi
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages:$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
  touch "$stamp"
fi
