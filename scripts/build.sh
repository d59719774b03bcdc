#!/usr/bin/env bash
# Builds the wasm package for the pages into www/pkg (release: opt-level z, LTO, wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
wasm-pack build --release --target web --out-dir www/pkg --no-pack 2>&1 \
  | grep -v "failed to get wasm-pack version" || true
test -f www/pkg/timescope_bg.wasm
# Minify the JavaScript glue and the DOM half of the widget (whitespace, names; the wasm
# is already optimized by wasm-opt). Part of the size budget.
for f in www/pkg/timescope.js www/pkg/snippets/*/src/web/host.js; do
  terser "$f" --module --compress --mangle --output "$f.min" && mv "$f.min" "$f"
done
