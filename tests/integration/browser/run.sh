#!/usr/bin/env bash
# Drives the HTML pages in headless Chromium with playwright-core (from npm, installed on first
# use under BUILD_DIR/browser): `run.sh BUILD_DIR BASE_URL LOGIN PASSWORD [SCRIPT]`; SCRIPT is
# pages.cjs unless another flow (a plugin's) is given.
set -euo pipefail
[ $# -eq 4 ] || [ $# -eq 5 ] || { echo "usage: run.sh BUILD_DIR BASE_URL LOGIN PASSWORD [SCRIPT]" >&2; exit 2; }
script=${5:-$(dirname "$0")/pages.cjs}
build=$1
command -v node > /dev/null || { echo "run.sh: node (Debian: nodejs) is needed" >&2; exit 1; }
command -v chromium > /dev/null || { echo "run.sh: chromium is needed (tools/setup --test)" >&2; exit 1; }
# Both backends' browser tests start at once on a fresh build: one installs, the other waits.
mkdir -p "$build/browser"
exec 9> "$build/browser/.install.lock"
flock 9
if [ ! -f "$build/browser/node_modules/playwright-core/package.json" ]; then
  npm install --prefix "$build/browser" --no-audit --no-fund --silent playwright-core@1.49.1
fi
flock -u 9
mkdir -p "$build/screenshots"
PLAYWRIGHT_CORE="$build/browser/node_modules/playwright-core" \
  exec node "$script" "$2" "$3" "$4" "$build/screenshots"
