//! Native runner of the runtime benchmarks: prints `BENCH name value unit` lines.
//! `make bench` runs it beside the Chromium and BEAM runners and prints the table.

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOC: otp_playground::bench::CountingAlloc = otp_playground::bench::CountingAlloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now);
    fn clock() -> f64 {
        START.get().unwrap().elapsed().as_secs_f64() * 1000.0
    }
    let scale: f64 = std::env::var("BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    for f in otp_playground::bench::run_all(runs, scale, &std::env::var("BENCH_ONLY").unwrap_or_default(), clock) {
        println!("BENCH {} {:.1} {}", f.name, f.value, f.unit);
    }
    for line in otp_playground::bench::run_lang_all(runs, &std::env::var("BENCH_ONLY").unwrap_or_default(), clock) {
        println!("{line}");
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
