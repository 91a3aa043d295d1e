#!/usr/bin/env bash
# Installs what the build and the tests need (see shared/toolchain.md for why each piece).
# Run by `make serve`, `make test` and `make dist`; safe to run any time on its own.
# Idempotent: each step checks first, installs only what is missing and says what it installs.
# On a machine that has everything it finishes in about a second and prints nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export PATH="$HOME/.cargo/bin:$PATH"

# 1. Debian packages:
#    rustc-web cargo-web rust-web-src  Rust 1.96 and its std source (wasm32 std is built with -Zbuild-std)
#    lld                               wasm-ld, the wasm32 linker
#    chromium chromium-driver          headless browser tests (wasm-bindgen-test, end-to-end)
#    elixir erlang-base                the BEAM, the reference runtime for benchmarks and test vectors
#    brotli                            `make dist` prints the brotli size of the wasm
missing=()
for pkg in rustc-web cargo-web rust-web-src lld chromium chromium-driver elixir erlang-base brotli; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || die "cargo not found (rustup's toolchain is expected in ~/.cargo/bin)"
command -v npm >/dev/null || die "npm not found (Node.js and npm are expected on this machine)"

# 2. wasm-bindgen-cli (wasm-bindgen, wasm-bindgen-test-runner) at exactly the version Cargo.lock
#    pins: Trunk and the test runner refuse any other version offline. No --locked: its lock file
#    names a crate version the registry here lacks.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wb_version" ] || die "wasm-bindgen not found in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $wb_version (cargo install; takes a few minutes)"
  cargo install -q --force wasm-bindgen-cli --version "$wb_version"
fi

# 3. Trunk 0.21.14 (0.22 needs rustc 1.96.1; without --locked 0.21.14 fails to compile).
trunk_version=0.21.14
if [ "$(trunk --version 2>/dev/null)" != "trunk $trunk_version" ]; then
  say "installing trunk $trunk_version (cargo install --locked; takes a few minutes)"
  cargo install -q --force trunk --version "$trunk_version" --locked
fi

# 4. npm packages from package-lock.json: binaryen (wasm-opt; Debian's is too old for current
#    Rust output) and playwright-core (the end-to-end test's browser driver; it uses Debian's
#    Chromium and never downloads a browser), axe-core (the e2e accessibility check). A stamp
#    records which lock file was installed.
stamp=node_modules/.setup-lock.sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  say "installing npm packages from package-lock.json (binaryen, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi
