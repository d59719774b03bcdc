#!/usr/bin/env bash
# Installs what is missing, builds the wasm package and serves the demo on
# http://localhost:8080 (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs
