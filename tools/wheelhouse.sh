#!/bin/sh
# Make the offline wheelhouse for sites without a bundle, on a connected machine with the same
# OS, CPU and Python version as the site:
#   tools/wheelhouse.sh [--relock] [extra `pip download` options, e.g. --platform ...]
# It downloads every wheel named in requirements.lock (each checked against its SHA-256), and
# puts beside them the lock file and a source archive of LeptoDesk itself. At the site:
#   python3 -m venv .venv
#   .venv/bin/pip install --no-index --find-links wheelhouse/ --require-hashes \
#       -r wheelhouse/requirements.lock
#   tar xzf wheelhouse/leptodesk-src.tar.gz -C leptodesk && cd leptodesk
#   ../.venv/bin/pip install --no-index --no-deps --no-build-isolation -e .
# --relock first regenerates requirements.lock from pyproject.toml (runtime + test extras and
# the build backend in packaging/build-requirements.in), pinned to the versions installed in
# .venv (the ones the tests ran with), hashes for every published file of each pin; and
# requirements-bundle.lock (PyInstaller, packaging/bundle-requirements.in) consistent with it.
# Run it whenever pyproject.toml's dependencies change: tools/bootstrap.sh installs only from
# the locks.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
if [ "${1:-}" = "--relock" ]; then
  shift
  "$PY" -m pip install -q pip-tools
  tested=$(mktemp)
  "$PY" -m pip freeze --exclude-editable | grep -viE \
    '^(setuptools|wheel|pip-tools|build|pyproject.hooks|pyinstaller|pyinstaller-hooks-contrib|altgraph|leptodesk)==' \
    > "$tested"
  "$PY" -m piptools compile -q --generate-hashes --allow-unsafe --strip-extras --extra test \
    -c "$tested" --no-emit-index-url --no-emit-find-links -o requirements.lock \
    pyproject.toml packaging/build-requirements.in
  sed -i "s#--constraint=$tested #--constraint=TESTED_FREEZE #; s#-c $tested#-c TESTED_FREEZE (pip freeze of the tested .venv)#" \
    requirements.lock
  # The bundle tool, consistent with those pins (tools/bootstrap.sh --bundle installs it).
  grep -E '^[A-Za-z0-9_.-]+==' requirements.lock | sed 's/ .*//' > "$tested"
  "$PY" -m piptools compile -q --generate-hashes --allow-unsafe --strip-extras -c "$tested" \
    --no-emit-index-url --no-emit-find-links -o requirements-bundle.lock \
    packaging/bundle-requirements.in
  sed -i "s#--constraint=$tested#--constraint=LOCKED (the pins of requirements.lock)#; s#-c $tested#-c LOCKED (the pins of requirements.lock)#" \
    requirements-bundle.lock
  rm -f "$tested"
fi
mkdir -p wheelhouse
"$PY" -m pip download --require-hashes --only-binary=:all: --no-deps -r requirements.lock \
  -d wheelhouse/ "$@"
cp requirements.lock wheelhouse/requirements.lock
git archive --format=tar.gz -o wheelhouse/leptodesk-src.tar.gz HEAD
echo "wheelhouse/: $(ls wheelhouse/*.whl | wc -l) wheels, $(du -sh wheelhouse | cut -f1)"
