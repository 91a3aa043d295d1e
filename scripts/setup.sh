#!/usr/bin/env bash
# Installs what the build and the tests need, following ../shared/toolchain.md.
# Idempotent: each step checks first and prints only what it actually installs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# 1. Debian packages: Rust 1.96 with its std source (for -Zbuild-std), wasm-ld, Chromium.
missing=()
for pkg in rustc-web cargo-web rust-web-src lld chromium chromium-driver; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. wasm-bindgen-cli at exactly the version Cargo.lock pins (the runner refuses any other).
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ -z "$wb_version" ]; then echo "setup: wasm-bindgen not found in Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wb_version"; then
  say "installing wasm-bindgen-cli $wb_version"
  cargo install -q wasm-bindgen-cli --version "$wb_version"
fi

# 3. Trunk 0.21.14 (0.22 needs a newer rustc; --locked or it fails to build).
if ! trunk --version 2>/dev/null | grep -q "0.21.14"; then
  say "installing trunk 0.21.14"
  cargo install -q trunk --version 0.21.14 --locked
fi

# 4. npm packages: binaryen (wasm-opt; Debian's is too old) and playwright-core (end-to-end tests).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi
