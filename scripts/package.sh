#!/usr/bin/env bash
# Makes the npm package in target/npm (and target/npm/timescope-<version>.tgz): the wasm-pack
# build of scripts/build.sh (wasm, glue and its snippet, types, the players' module), the <time-scope>
# element, the URL-hash link, the style sheet and the README. Install it with
# `npm install ./timescope-<version>.tgz`; examples/plain shows it used without a bundler.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
[ -f www/pkg/timescope_bg.wasm ] || scripts/build.sh
rm -rf target/npm && mkdir -p target/npm
cp -r www/pkg/timescope_bg.wasm www/pkg/timescope.js www/pkg/timescope.d.ts www/pkg/snippets \
  www/pkg/timescope_media.js www/pkg/timescope_media_bg.wasm \
  www/pkg/time-scope.js www/pkg/link.js www/pkg/timescope.css README.md target/npm/
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
node -e '
const [version] = process.argv.slice(1);
const pkg = {
  name: "timescope", version, type: "module",
  description: "Fast, accessible, embeddable timelines: TimelineJS3-compatible data rendered on a canvas by WebAssembly.",
  license: "MIT OR Apache-2.0",
  main: "timescope.js", types: "timescope.d.ts",
  exports: { ".": { types: "./timescope.d.ts", default: "./timescope.js" }, "./time-scope.js": "./time-scope.js",
    "./link.js": "./link.js", "./timescope.css": "./timescope.css", "./timescope_bg.wasm": "./timescope_bg.wasm",
    "./timescope_media.js": "./timescope_media.js", "./timescope_media_bg.wasm": "./timescope_media_bg.wasm" },
  files: ["timescope_bg.wasm", "timescope.js", "timescope.d.ts", "snippets", "timescope_media.js",
    "timescope_media_bg.wasm", "time-scope.js", "link.js", "timescope.css", "README.md"],
  sideEffects: ["./time-scope.js"],
  keywords: ["timeline", "wasm", "canvas", "timelinejs"],
};
require("fs").writeFileSync("target/npm/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$VERSION"
(cd target/npm && npm pack --silent >/dev/null)
ls target/npm/timescope-"$VERSION".tgz
