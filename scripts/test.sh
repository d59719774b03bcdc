#!/usr/bin/env bash
# Runs every test: formatting, clippy (native and wasm32), native tests, the size budget, and
# the browser tests in headless Chromium. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (native)"
cargo clippy --all-targets -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --features players-module -- -D warnings
step "native tests"
cargo test
step "wasm build and size budget"
scripts/build.sh
node scripts/size.mjs
step "npm package (target/npm)"
scripts/package.sh
step "browser tests (wasm-pack test --headless --chrome)"
wasm-pack test --headless --chrome
step "end-to-end tests (node --test, playwright-core, Debian chromium)"
node --test tests/e2e/
