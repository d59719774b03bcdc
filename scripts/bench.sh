#!/usr/bin/env bash
# The benchmark: Timescope against TimelineJS3 and vis-timeline (installed from npm into
# bench/node_modules as dev-only tools, never shipped) in headless Chromium, then the native
# micro-benchmarks. Prints the tables; the browser one is also written to bench/results.md.
#   scripts/bench.sh [--quick]      (--quick: fewer sizes and steps, and no cargo bench)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
scripts/build.sh
if [ ! -d bench/node_modules/vis-timeline ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
node bench/run.mjs "$@"
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench hot
fi
