#!/usr/bin/env bash
# What the browser tests (tests/browser) need beyond the Python packages in .venv:
#   - Debian's Chromium at /usr/bin/chromium (Playwright's own browser download cannot work
#     on a machine that reaches only package registries, so the tests launch this binary);
#   - axe-core from npm, at the exact version in package-lock.json, into node_modules/.
# Safe to run again: each step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=/usr/bin/chromium

if [ ! -x "$CHROMIUM" ]; then
    if ! command -v apt-get >/dev/null; then
        echo "error: $CHROMIUM is missing and apt-get is not available; install Chromium by hand" >&2
        exit 1
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: $CHROMIUM is missing; run as root, or: apt-get install -y chromium" >&2
        exit 1
    fi
    echo "Installing Debian's chromium (missing at $CHROMIUM)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
"$CHROMIUM" --version

if ! command -v npm >/dev/null; then
    echo "error: npm is missing; it installs axe-core for the accessibility checks" >&2
    exit 1
fi
# npm ci installs exactly what package-lock.json names; redo it only when the lock changed.
STAMP=node_modules/.installed-from-lock
if [ ! -f "$STAMP" ] || ! cmp -s package-lock.json "$STAMP"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$STAMP"
fi
node -e 'console.log("axe-core " + require("axe-core/package.json").version)'
