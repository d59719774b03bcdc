#!/usr/bin/env bash
# Builds the wasm package for the pages into www/pkg (release: opt-level z, LTO, wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Stable Rust. The size build keeps the symbol names (for scripts/size.mjs's list of where
# the bytes go); wasm-opt then strips them from the shipped file.
rm -rf www/pkg
# The players' module first (src/players.rs: this crate built on its own, with the providers'
# table), which a page loads only when a card shows media that may be a provider's player;
# then the widget, so that target/small ends with the widget's wasm for size.mjs.
CARGO_TARGET_DIR=target/small CARGO_PROFILE_RELEASE_STRIP=false \
  wasm-pack build . --release --target web --out-dir target/players-pkg --out-name timescope_media \
  --no-pack -- --features players-module 2>&1 | { grep -v "failed to get wasm-pack version" || true; }
[ "${PIPESTATUS[0]}" = 0 ] || { echo "wasm-pack build of the players' module failed" >&2; exit 1; }
CARGO_TARGET_DIR=target/small CARGO_PROFILE_RELEASE_STRIP=false \
  wasm-pack build . --release --target web --out-dir www/pkg --no-pack 2>&1 \
  | { grep -v "failed to get wasm-pack version" || true; }
[ "${PIPESTATUS[0]}" = 0 ] || { echo "wasm-pack build failed" >&2; exit 1; }
test -f www/pkg/timescope_bg.wasm
# (Moved in only now: wasm-pack would run wasm-opt again on every wasm in its out-dir.)
mv target/players-pkg/timescope_media.js target/players-pkg/timescope_media_bg.wasm www/pkg/
# Minify the JavaScript glue and its snippet (whitespace, names; the wasm is already optimized
# by wasm-opt).
TERSER="--module --compress passes=3 --mangle --toplevel"
for f in www/pkg/timescope.js www/pkg/timescope_media.js www/pkg/snippets/*/*.js; do
  terser "$f" $TERSER --output "$f.min"
  mv "$f.min" "$f"
done
# The pages' own scripts (demo, iframe embed, the <time-scope> element and the URL-hash link
# they share), minified beside the package they import; the pages load these copies.
for f in main embed time-scope link; do
  sed 's#"./pkg/#"./#' "www/$f.js" | terser $TERSER --output "www/pkg/$f.js"
done
# The style sheets without comments and spaces (the pages link these copies).
for f in timescope style; do
  node -e 'const s = require("fs").readFileSync(process.argv[1], "utf8");
    process.stdout.write(s.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ")
      .replace(/ ?([{};:,>]) ?/g, "$1").replace(/;}/g, "}").replace(/([:, (])0\.(\d)/g, "$1.$2")
      .trim() + "\n");' "www/$f.css" > "www/pkg/$f.css"
done
