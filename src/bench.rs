//! The runtime benchmark workloads, shared by the native runner (`examples/bench.rs`) and the
//! headless-Chromium runner (`tests/bench_wasm.rs`). The BEAM side is `bench/beam_bench.exs`,
//! doing the same work with real GenServers. `make bench` runs all three and prints the table.
//!
//! Each workload returns wall-clock figures measured with the clock it is given (so the same
//! code times itself with `Instant` natively and `performance.now()` in the browser).
#![doc(hidden)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::runtime::*;

/// Counts live heap bytes; the runners install it as the global allocator.
pub struct CountingAlloc;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

pub fn live_bytes() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

/// The benchmark's counter: casts add, a call reads.
#[derive(Serialize)]
pub struct Counter(u64);

#[derive(Serialize)]
pub enum CounterCast {
    Add(u64),
}

#[derive(Serialize)]
pub enum CounterCall {
    Get,
}

impl GenServer for Counter {
    const MODULE: &'static str = "Counter";
    type Args = ();
    type Call = CounterCall;
    type Reply = u64;
    type Cast = CounterCast;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, _: ()) -> Init<Self> {
        Init::Ok(Counter(0))
    }

    async fn handle_call(&mut self, _ctx: &Ctx, _req: CounterCall, _from: Caller<u64>) -> CallResult<Self> {
        CallResult::Reply(self.0)
    }

    async fn handle_cast(&mut self, _ctx: &Ctx, CounterCast::Add(n): CounterCast) -> Flow<Self> {
        self.0 += n;
        Flow::NoReply
    }
}

/// An idle GenServer with a small state, for the spawn benchmark.
#[derive(Serialize)]
pub struct Idle(u32);

impl GenServer for Idle {
    const MODULE: &'static str = "Idle";
    type Args = u32;
    type Call = Never;
    type Reply = Never;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, n: u32) -> Init<Self> {
        Init::Ok(Idle(n))
    }
}

/// One result row: a name and a value in its unit.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    pub name: &'static str,
    pub value: f64,
    pub unit: &'static str,
}

fn runtime() -> Runtime {
    let rt = Runtime::with_trace_capacity(1);
    rt.set_tracing(false);
    rt
}

/// ns per message: `n` casts to one counter, then one call to wait until all are handled.
pub fn cast_throughput(n: u64, clock: fn() -> f64) -> f64 {
    let rt = runtime();
    let counter = rt.start::<Counter>((), StartOpts::default()).unwrap();
    let t0 = clock();
    let total = rt
        .block_on(move |ctx| async move {
            for _ in 0..n {
                ctx.cast::<Counter>(counter, CounterCast::Add(1));
            }
            ctx.call::<Counter>(counter, CounterCall::Get).await
        })
        .unwrap();
    let elapsed = clock() - t0;
    assert_eq!(total, n);
    elapsed * 1e6 / n as f64
}

/// ns per round trip: `n` sequential calls with the default 5000 ms timeout armed.
pub fn call_round_trip(n: u64, clock: fn() -> f64) -> f64 {
    let rt = runtime();
    let counter = rt.start::<Counter>((), StartOpts::default()).unwrap();
    let t0 = clock();
    rt.block_on(move |ctx| async move {
        for _ in 0..n {
            ctx.call::<Counter>(counter, CounterCall::Get).await;
        }
    })
    .unwrap();
    let elapsed = clock() - t0;
    elapsed * 1e6 / n as f64
}

/// (total ms, bytes per idle process): `n` GenServers started one after another and left idle.
pub fn spawn_genservers(n: u32, clock: fn() -> f64) -> (f64, f64) {
    let rt = runtime();
    // Warm the runtime's tables so the figure is per process, not first-growth noise.
    let before = live_bytes();
    let t0 = clock();
    rt.block_on(move |ctx| async move {
        for i in 0..n {
            ctx.start::<Idle>(i, StartOpts::default()).await.unwrap();
        }
    })
    .unwrap();
    let elapsed = clock() - t0;
    assert_eq!(rt.process_count(), n as usize);
    let bytes = live_bytes().saturating_sub(before) as f64 / n as f64;
    (elapsed, bytes)
}

/// (ms to set, ms to fire): `n` pending `send_after` timers with spread deadlines.
pub fn timers(n: u64, clock: fn() -> f64) -> (f64, f64) {
    let rt = runtime();
    let set_ms = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let set_out = set_ms.clone();
    let t0 = clock();
    let pid = rt.spawn("timers", move |ctx| async move {
        let me = ctx.pid();
        for i in 0..n {
            ctx.send_after(me, (), 1 + (i * 7919) % 100_000);
        }
        set_out.set(clock() - t0);
        for _ in 0..n {
            ctx.receive().await;
        }
    });
    rt.run_until_idle();
    assert_eq!(rt.pending_timers(), n as usize);
    while rt.advance_to_next_timer() {
        rt.run_until_idle();
    }
    let total = clock() - t0;
    assert!(!rt.is_alive(pid));
    (set_ms.get(), total - set_ms.get())
}

/// The session store's load generator (chapter 7 capstone): 10,000 sessions, 100,000 mixed
/// operations from 100 clients. Wall-clock throughput of the whole simulation, and the
/// latencies it reports in virtual time (they include the simulated 1 ms disk per
/// database operation and the clients' think time).
pub fn session_load(sessions: u32, operations: u64, clock: fn() -> f64) -> (f64, u64, u64) {
    use crate::systems::session::{LoadConfig, run_load};
    let rt = runtime();
    let cfg = LoadConfig { sessions, operations, clients: 100, ..LoadConfig::default() };
    let t0 = clock();
    let report = run_load(&rt, cfg).expect("the load run completes");
    let elapsed = clock() - t0;
    let all: Vec<_> = report.kinds.iter().filter(|k| k.count > 0).collect();
    let p50 = all.iter().map(|k| k.p50_ms).max().unwrap_or(0);
    let p99 = all.iter().map(|k| k.p99_ms).max().unwrap_or(0);
    (report.ops as f64 / (elapsed / 1000.0), p50, p99)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

/// Every workload, `runs` times each, medians. `scale` shrinks the sizes for quick runs.
pub fn run_all(runs: usize, scale: f64, only: &str, clock: fn() -> f64) -> Vec<Figure> {
    let want = |name: &str| only.is_empty() || only.split(',').any(|o| o == name);
    let sized = |n: f64| ((n * scale) as u64).max(1);
    let mut out = Vec::new();
    if want("cast") {
        let cast = median((0..runs).map(|_| cast_throughput(sized(1_000_000.0), clock)).collect());
        out.push(Figure { name: "cast", value: cast, unit: "ns/msg" });
    }
    if want("call") {
        let call = median((0..runs).map(|_| call_round_trip(sized(200_000.0), clock)).collect());
        out.push(Figure { name: "call", value: call, unit: "ns/call" });
    }
    if want("load") {
        let runs: Vec<(f64, u64, u64)> = (0..runs.min(3)).map(|_| session_load(sized(10_000.0) as u32, sized(100_000.0), clock)).collect();
        out.push(Figure { name: "load_ops", value: median(runs.iter().map(|r| r.0).collect()), unit: "ops/s" });
        out.push(Figure { name: "load_p50", value: runs[0].1 as f64, unit: "virtual ms" });
        out.push(Figure { name: "load_p99", value: runs[0].2 as f64, unit: "virtual ms" });
    }
    if !want("spawn") {
        return out;
    }
    let spawns: Vec<(f64, f64)> = (0..runs.min(3)).map(|_| spawn_genservers(sized(1_000_000.0) as u32, clock)).collect();
    let n_spawn = sized(1_000_000.0) as f64;
    out.push(Figure { name: "spawn_1m", value: median(spawns.iter().map(|s| s.0 * 1_000_000.0 / n_spawn).collect()), unit: "ms/1M" });
    out.push(Figure { name: "spawn_bytes", value: median(spawns.iter().map(|s| s.1).collect()), unit: "bytes/proc" });
    let timer_runs: Vec<(f64, f64)> = (0..runs).map(|_| timers(sized(100_000.0), clock)).collect();
    out.push(Figure { name: "timers_set", value: median(timer_runs.iter().map(|t| t.0).collect()), unit: "ms/100k" });
    out.push(Figure { name: "timers_fire", value: median(timer_runs.iter().map(|t| t.1).collect()), unit: "ms/100k" });
    out
}

/// The language benchmarks: the `.exs` programs of `bench/lang/`, which `make bench` also runs on
/// the BEAM. Each times its own workload with `:timer.tc` and prints `RESULT ...` and
/// `TIME_US ...`, so start-up (parsing, compiling, the prelude) is left out on both sides.
pub const LANG_PROGRAMS: [(&str, &str); 4] = [
    ("lang_fib27", include_str!("../bench/lang/fib27.exs")),
    ("lang_enum_pipeline", include_str!("../bench/lang/enum_pipeline.exs")),
    ("lang_map_updates", include_str!("../bench/lang/map_updates.exs")),
    ("lang_string_building", include_str!("../bench/lang/string_building.exs")),
];

/// What one language benchmark gave in our interpreter.
#[derive(Clone, Debug)]
pub enum LangFigure {
    /// Median ms of the workload, the `RESULT` line it printed, and how it was timed.
    Timed { ms: f64, result: String, timing: &'static str },
    /// The interpreter could not run the program yet: the first line of its error.
    NotYet(String),
}

/// The harness line every program in `bench/lang/` ends with; what follows it is timing only.
const HARNESS: &str = "{us, result} = :timer.tc(&Bench.run/0)";

struct Run {
    stdout: String,
    stderr: String,
    status: i32,
    ms: f64,
}

fn run_exs(source: &str, name: &str, clock: fn() -> f64) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let t0 = clock();
    let status = crate::lang::run_script(source, name, &mut out, &mut err);
    let ms = clock() - t0;
    Run { stdout: String::from_utf8_lossy(&out).into_owned(), stderr: String::from_utf8_lossy(&err).into_owned(), status, ms }
}

fn line_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.lines().find_map(|l| l.strip_prefix(prefix))
}

/// Runs one program `runs` times in the interpreter. Uses the program's own `:timer.tc` when the
/// interpreter has it; otherwise times `run_script` from outside, once with the workload
/// (`IO.puts` of `Bench.run()`) and once with the module definitions only, and subtracts the
/// medians, so parsing, compiling and the prelude are left out as `:timer.tc` leaves them out.
pub fn run_lang(name: &str, source: &str, runs: usize, clock: fn() -> f64) -> LangFigure {
    let first = run_exs(source, name, clock);
    let not_yet = |run: &Run| LangFigure::NotYet(run.stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("no output").trim().to_string());
    let result = line_after(&first.stdout, "RESULT ").map(str::to_string);
    if first.status == 0 && line_after(&first.stdout, "TIME_US ").is_some() {
        let mut times = Vec::new();
        for _ in 0..runs {
            let run = run_exs(source, name, clock);
            match line_after(&run.stdout, "TIME_US ").and_then(|t| t.trim().parse::<f64>().ok()) {
                Some(us) => times.push(us / 1000.0),
                None => return not_yet(&run),
            }
        }
        return LangFigure::Timed { ms: median(times), result: result.unwrap_or_default(), timing: ":timer.tc" };
    }
    let Some(cut) = source.find(HARNESS) else { return not_yet(&first) };
    let definitions = &source[..cut];
    let workload = format!("{definitions}IO.puts(\"RESULT #{{inspect(Bench.run())}}\")\n");
    let probe = run_exs(&workload, name, clock);
    if probe.status != 0 {
        return not_yet(&probe);
    }
    let (mut full, mut base) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        full.push(run_exs(&workload, name, clock).ms);
        base.push(run_exs(definitions, name, clock).ms);
    }
    let result = line_after(&probe.stdout, "RESULT ").unwrap_or_default().to_string();
    LangFigure::Timed { ms: (median(full) - median(base)).max(0.0), result, timing: "run_script minus definitions-only run" }
}

/// Every language benchmark as the lines `make bench` reads: `BENCH name ms ms`, `BENCHRESULT name
/// text`, `BENCHTIMING name how`, or `BENCHNOTYET name error`.
pub fn run_lang_all(runs: usize, only: &str, clock: fn() -> f64) -> Vec<String> {
    let want = |name: &str| only.is_empty() || only.split(',').any(|o| o == name || name.strip_prefix("lang_") == Some(o));
    let mut lines = Vec::new();
    for (name, source) in LANG_PROGRAMS {
        if !want(name) {
            continue;
        }
        match run_lang(name, source, runs, clock) {
            LangFigure::Timed { ms, result, timing } => {
                lines.push(format!("BENCH {name} {ms:.1} ms"));
                lines.push(format!("BENCHRESULT {name} {result}"));
                lines.push(format!("BENCHTIMING {name} {timing}"));
            }
            LangFigure::NotYet(error) => lines.push(format!("BENCHNOTYET {name} {error}")),
        }
    }
    lines
}
