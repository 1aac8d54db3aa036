#!/usr/bin/env bash
# Installs the test dependencies into .venv and runs every check: ruff, mypy, the test suite.
# This is the README's test command and what .ci/run calls; it needs only python3 (3.11+).
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's offscreen platform needs a few shared libraries (Debian images normally have them);
# the packaging tests validate the .desktop and AppStream files with Debian's validators.
missing=()
for pkg in libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 libgl1 \
           desktop-file-utils appstream binutils; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Team-mode tests (issue #8) run against a throwaway PostgreSQL server that the suite starts
# itself (tests/postgres.py); they need Debian's server binaries and the postgres user.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! id postgres >/dev/null 2>&1; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    fi
fi
export ANNOTATOR_TEST_PG="${ANNOTATOR_TEST_PG:-required}"

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

export QT_QPA_PLATFORM=offscreen
# The frozen-app build (PyInstaller, ~3 minutes) runs by default; ANNOTATOR_BUILD_FROZEN=0 skips it.
export ANNOTATOR_BUILD_FROZEN="${ANNOTATOR_BUILD_FROZEN:-1}"
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
