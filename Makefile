# otp-playground: build, serve and test.
#
#   make serve   install what is missing, then serve the app on http://127.0.0.1:8080/
#   make test    install what is missing, then native tests, browser tests, end-to-end test
#   make dist    install what is missing, then build the static site into dist/
#
# Native builds use the default toolchain (rustup's cargo and rustc) with no extra variables.
# wasm32 builds use Debian's rustc-web and build std from its source: they run with $(WASM_ENV).
# Add wasm targets (bench, ...) by prefixing their cargo/trunk command with `env $(WASM_ENV)`.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Tools installed by scripts/setup.sh: cargo-installed ones and npm's (wasm-opt).
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# --- wasm32 -----------------------------------------------------------------------------------
WASM_TARGET := wasm32-unknown-unknown
# No DWARF in wasm dev/test builds: with it each browser test binary is ~70 MB instead of ~8 MB
# and the runner takes 3x as long. Panic messages and function names stay. Release has none anyway.
# `make serve WASM_DEV_DEBUG=` keeps DWARF (for a DWARF-aware debugger).
WASM_DEV_DEBUG ?= CARGO_PROFILE_DEV_DEBUG=0
WASM_ENV := RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
            $(WASM_DEV_DEBUG)
# wasm-bindgen-test-runner: headless Chromium through ChromeDriver, options in webdriver.json.
BROWSER_ENV := CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120
# Browser tests: every tests/*.rs that calls wasm_bindgen_test_configure!(run_in_browser), both
# browser-only files (tests/browser_*.rs, `#![cfg(target_arch = "wasm32")]`) and files that run
# natively and in the browser. Override to run some: `make test-browser BROWSER_TESTS="--test x"`.
BROWSER_TESTS ?= $(patsubst tests/%.rs,--test %,$(shell grep -l 'wasm_bindgen_test_configure!' tests/*.rs))

# --- site ------------------------------------------------------------------------------------
SERVE_ADDR := 127.0.0.1
SERVE_PORT := 8080
DIST := dist

# Test name filter for test-native / test-browser, e.g. `make test-browser FILTER=indexeddb`.
FILTER ?=

.PHONY: bench help setup serve dist dist-build test test-native test-browser test-e2e clean

help:
	@echo "make serve         serve the app with live reload on http://$(SERVE_ADDR):$(SERVE_PORT)/"
	@echo "make test          native tests, browser tests (headless Chromium), end-to-end test"
	@echo "make dist          static release build in $(DIST)/ (hostable from any subfolder)"
	@echo "make setup         install missing tools only (each target above runs it first)"
	@echo "make test-native   cargo test                       [FILTER=name]"
	@echo "make test-browser  wasm-bindgen tests in Chromium   [FILTER=name]"
	@echo "make test-e2e      build $(DIST)/, serve it from a subfolder, check it in Chromium"
	@echo "make bench         benchmarks: Chromium (release wasm), native, BEAM side by side"
	@echo "make clean         remove target/, $(DIST)/ and screenshots"

setup:
	@bash scripts/setup.sh

serve: setup
	@echo "Serving otp-playground on http://$(SERVE_ADDR):$(SERVE_PORT)/ (Ctrl-C stops)"
	env $(WASM_ENV) trunk serve --address $(SERVE_ADDR) --port $(SERVE_PORT)

# Release build with wasm-opt (npm's binaryen, on PATH above), relative URLs for subfolder hosting.
dist-build:
	env $(WASM_ENV) trunk build --release --public-url ./

dist: setup dist-build
	@wasm=$$(ls $(DIST)/*_bg.wasm)
	raw=$$(stat -c %s "$$wasm")
	gz=$$(gzip -9 -c "$$wasm" | wc -c)
	line="$$wasm: $$raw bytes raw, $$gz gzip -9"
	if command -v brotli >/dev/null; then line="$$line, $$(brotli -c -q 11 "$$wasm" | wc -c) brotli -q 11"; fi
	echo "$$line"
	echo "$(DIST)/ is a static site: copy it to any folder of any web server."

test-native:
	cargo test $(if $(FILTER),$(FILTER),)

test-browser:
	env $(WASM_ENV) $(BROWSER_ENV) cargo test --target $(WASM_TARGET) $(BROWSER_TESTS) -- $(FILTER)

test-e2e: dist-build
	E2E_DIST=$(DIST) node --test $(wildcard tests/e2e/*.test.mjs)

# Runs every part even if one fails, then reports; exits non-zero if any part failed.
test:
	@start=$$(date +%s)
	$(MAKE) setup
	failed=(); times=()
	for part in native browser e2e; do
	  echo "=== make test: $$part ==="
	  t0=$$(date +%s)
	  $(MAKE) test-$$part || failed+=("$$part")
	  times+=("$$part $$(( $$(date +%s) - t0 ))s")
	done
	secs=$$(( $$(date +%s) - start ))
	total="$$((secs / 60))m $$((secs % 60))s"
	echo "make test: times: $$(IFS=,; echo "$${times[*]}" | sed 's/,/, /g')"
	if [ $${#failed[@]} -eq 0 ]; then
	  echo "make test: all parts passed (native, browser, e2e); total wall time $$total"
	else
	  echo "make test: FAILED: $${failed[*]}; total wall time $$total"
	  exit 1
	fi

clean:
	cargo clean
	rm -rf $(DIST) tests/e2e/screenshots

# Benchmarks: the runtime workloads in headless Chromium (release wasm), natively and on the
# BEAM, printed as one table; the table and the machine go to docs/benchmarks.md.
bench: setup
	python3 scripts/bench.py --write
