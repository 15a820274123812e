#!/bin/sh
# Create .venv and install LeptoDesk with its test tools; install the Debian packages that
# offscreen Qt needs. Safe to run again: it only does what is missing.
#   --gui     also the X11/xcb libraries for a real window (and for bundling them), Xvfb
#             and AT-SPI (accessibility tests, screenshots), CUPS with cups-pdf (printing)
#   --bundle  also PyInstaller (the `bundle` extra) for building the offline bundle
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
APT="libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libx11-6 libdbus-1-3 poppler-utils"
EXTRAS="test"
for arg in "$@"; do
  case "$arg" in
    --gui) APT="$APT libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 \
xvfb xauth xdotool dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 \
cups cups-client printer-driver-cups-pdf" ;;
    --bundle) EXTRAS="test,bundle" ;;
    *) echo "bootstrap.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
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
key="$(cat pyproject.toml | sha256sum | cut -c1-16)"
# A stamp per extras set; a bigger set already installed covers a smaller one.
if [ ! -f ".venv/.installed-$key-$EXTRAS" ] && { [ "$EXTRAS" != "test" ] || \
   [ ! -f ".venv/.installed-$key-test,bundle" ]; }; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$EXTRAS]"
  touch ".venv/.installed-$key-$EXTRAS"
fi
