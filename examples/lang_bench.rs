//! Times `.exs` programs run by the interpreter (natively):
//! `cargo run --release --example lang_bench -- bench/lang/fib27.exs ...`.
//! Best of 3 runs each, whole `run_script` (parse, compile, run).

fn main() {
    for path in std::env::args().skip(1) {
        let source = std::fs::read_to_string(&path).expect("readable file");
        let mut best = f64::MAX;
        let mut out = Vec::new();
        for _ in 0..3 {
            out.clear();
            let start = std::time::Instant::now();
            let status = otp_playground::lang::run_script(&source, &path, &mut out, &mut std::io::stderr());
            best = best.min(start.elapsed().as_secs_f64());
            assert_eq!(status, 0, "{path} failed");
        }
        println!("{path}: {:.1} ms  (printed {})", best * 1000.0, String::from_utf8_lossy(&out).trim());
    }
}
