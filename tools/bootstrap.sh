#!/bin/sh
# Create .venv and install LeptoDesk with its test tools; install the Debian packages that
# offscreen Qt needs, and PostgreSQL (the ward-archive tests start their own server with its
# binaries). Safe to run again: it only does what is missing.
#   --gui     also the X11/xcb libraries for a real window (and for bundling them), Xvfb,
#             openbox and x11-utils (a real window under a window manager, measured)
#             and AT-SPI (accessibility tests, screenshots), CUPS with cups-pdf (printing)
#   --bundle  also PyInstaller, binutils (objdump) and libpython3.X for the offline bundle
#   --fhir-validator  also node and npm (Debian) and the npm FHIR validator the tests run every
#             bundle through (tools/fhir-validator: "fhir" 4.12.0, R4 definitions, pinned with
#             integrity hashes in its package-lock.json; offline once installed)
# Python packages come only from the hash-checked lock files, so CI and sites run exactly the
# versions the tests ran with: requirements.lock (runtime, test tools, build backend) and, with
# --bundle, requirements-bundle.lock. LeptoDesk itself is then installed without dependencies.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
APT="libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libx11-6 libdbus-1-3 poppler-utils \
postgresql"
LOCKS="requirements.lock"
FHIR_VALIDATOR=""
for arg in "$@"; do
  case "$arg" in
    --gui) APT="$APT libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 \
xvfb xauth xdotool openbox x11-utils dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 \
cups cups-client printer-driver-cups-pdf" ;;
    --bundle) # PyInstaller needs objdump (binutils) and Python's shared library
      APT="$APT binutils libpython$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
      LOCKS="requirements.lock requirements-bundle.lock" ;;
    --fhir-validator) FHIR_VALIDATOR=1
      # A machine that already has node and npm (NodeSource's nodejs carries its own npm, which
      # Debian's npm package conflicts with) keeps them; Debian's pair is installed only where
      # neither is there.
      command -v node >/dev/null 2>&1 || APT="$APT nodejs"
      command -v npm >/dev/null 2>&1 || APT="$APT npm" ;;
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
if [ "$LOCKS" != "requirements.lock" ] && ! command -v objdump >/dev/null 2>&1; then
  echo "bootstrap.sh: --bundle needs objdump (Debian package binutils); install it" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# A stamp per lock set and pyproject; a bigger set already installed covers a smaller one.
key="$(cat pyproject.toml $LOCKS | sha256sum | cut -c1-16)"
stamp=".venv/.installed-$key-$(echo $LOCKS | tr ' ' '+')"
bigger=".venv/.installed-$(cat pyproject.toml requirements.lock requirements-bundle.lock | sha256sum | cut -c1-16)-requirements.lock+requirements-bundle.lock"
if [ ! -f "$stamp" ] && [ ! -f "$bigger" ]; then
  for lock in $LOCKS; do
    .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes \
      --only-binary=:all: -r "$lock"
  done
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps \
    --no-build-isolation -e .
  touch "$stamp"
fi
if [ -n "$FHIR_VALIDATOR" ] && [ ! -d tools/fhir-validator/node_modules/fhir ]; then
  # npm ci: exactly the versions and integrity hashes of package-lock.json
  npm ci --prefix tools/fhir-validator --no-audit --no-fund --loglevel=error
fi
