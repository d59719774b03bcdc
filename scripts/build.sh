#!/usr/bin/env bash
# Builds the wasm package for the pages into www/pkg (release: opt-level z, LTO, wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# A pinned nightly (installed by setup.sh) rebuilds std with panics as bare traps: no panic
# messages, locations or formatting machinery are linked (-2 KB gzipped). Nothing here panics
# on user data (house style); a bug would show as a RuntimeError "unreachable" instead.
rm -rf www/pkg
NIGHTLY=$(sed -n 's/^NIGHTLY=//p' scripts/setup.sh)
RUSTUP_TOOLCHAIN="$NIGHTLY" CARGO_TARGET_DIR=target/small CARGO_PROFILE_RELEASE_STRIP=false \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none -Csymbol-mangling-version=legacy" \
  wasm-pack build . --release --target web --out-dir www/pkg --no-pack \
  -- -Z build-std=std,panic_abort 2>&1 | { grep -v "failed to get wasm-pack version" || true; }
[ "${PIPESTATUS[0]}" = 0 ] || { echo "wasm-pack build failed" >&2; exit 1; }
test -f www/pkg/timescope_bg.wasm
# Minify the JavaScript glue and the DOM half of the widget (whitespace, names; the wasm
# is already optimized by wasm-opt). Part of the size budget. The "unsafe" compressions only
# assume what holds here: no `new` or `this` on arrow-able functions, getters without effects.
TERSER="--module --compress passes=3,unsafe=true,unsafe_arrows=true,pure_getters=true --mangle --toplevel"
for f in www/pkg/timescope.js www/pkg/snippets/*/src/web/host.js; do
  terser "$f" $TERSER --output "$f.min" && mv "$f.min" "$f"
done
node scripts/shorten.mjs www/pkg
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
