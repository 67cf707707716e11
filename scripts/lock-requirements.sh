#!/usr/bin/env bash
# Recompile the hash-locked requirement sets in requirements/ from the ranges in
# pyproject.toml (and requirements/build.in, the build backend), keeping every pin that still
# fits: site.txt (make site, the Pages workflow), zensical.txt (make zensical) and dev.txt
# (make test: everything, the dask and zensical extras included). uv runs from a throwaway
# venv under /tmp; nothing is installed into .venv. Pass --upgrade to move every pin to the
# newest release the ranges allow (Dependabot does the same one package at a time).
set -euo pipefail
cd "$(dirname "$0")/.."
tool=$(mktemp -d /tmp/lock-requirements.XXXXXX)
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool"
"$tool/bin/python" -m pip install --quiet uv
# The lowest Python the sets are for: Material 9.8's pymdown-extensions needs 3.11.5.
compile=("$tool/bin/uv" pip compile --universal --python-version 3.11.5 --generate-hashes
    --annotation-style line --custom-compile-command "scripts/lock-requirements.sh" "$@")
"${compile[@]}" pyproject.toml requirements/build.in -o requirements/site.txt
"${compile[@]}" pyproject.toml requirements/build.in --extra zensical \
    -c requirements/site.txt -o requirements/zensical.txt
"${compile[@]}" pyproject.toml requirements/build.in --extra dev --extra dask --extra zensical \
    -c requirements/site.txt -o requirements/dev.txt
