//! The runtime benchmarks in headless Chromium (release wasm). Only built with
//! `--features bench`; `make bench` runs it and reads the `BENCH` lines it logs.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use otp_playground::bench::{CountingAlloc, run_all, run_lang_all};
use wasm_bindgen_test::*;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

wasm_bindgen_test_configure!(run_in_browser);

fn clock() -> f64 {
    web_sys::window().expect("a window").performance().expect("performance").now()
}

#[wasm_bindgen_test]
fn runtime_benchmarks() {
    for f in run_all(5, 1.0, "", clock) {
        console_log!("BENCH {} {:.1} {}", f.name, f.value, f.unit);
    }
}

/// The `bench/lang/` programs in our interpreter, in Chromium.
#[wasm_bindgen_test]
fn language_benchmarks() {
    for line in run_lang_all(5, "", clock) {
        console_log!("{line}");
    }
}
