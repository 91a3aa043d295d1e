//! The load panel: the session store's load generator with a progress bar and its report,
//! and a message flood (about 100,000 messages per second of virtual time) to watch the
//! page's frame rate under pressure. Beside them, the chapter's bottleneck comparisons on
//! fresh runtimes under virtual time: BottleneckAnalysis (single process vs concurrent) and
//! the session load with one database worker vs a pool of three.

use yew::prelude::*;

use super::engine::EngineHandle;
use super::state::{UiAction, UiState};
use crate::runtime::{Pid, Runtime};
use crate::systems::ch7::{BenchmarkReport, benchmark};
use crate::systems::session::{KindReport, LoadConfig, StoreOpts, run_load};
use super::engine::LoadSample;
use crate::term::Term;

/// Messages each flood sender sends per virtual millisecond, and how many senders.
const FLOOD_BURST: u32 = 25;
const FLOOD_SENDERS: u32 = 4;

/// `FLOOD_SENDERS` processes each sending `FLOOD_BURST` messages to one sink every virtual
/// millisecond: 100,000 messages a second at 1× speed.
pub fn spawn_flood(rt: &Runtime) -> Pid {
    let sink = rt.spawn("Flood.Sink", |ctx| async move {
        loop {
            let _ = ctx.receive().await;
        }
    });
    for _ in 0..FLOOD_SENDERS {
        rt.spawn("Flood.Sender", move |ctx| async move {
            let mut n: i64 = 0;
            let mut last = ctx.now();
            loop {
                // Catch up on the virtual milliseconds since the last burst: the driver ticks
                // every few real ms, and the rate must not depend on how often.
                let now = ctx.now();
                let bursts = (now - last).clamp(1, 50);
                last = now;
                for _ in 0..FLOOD_BURST as u64 * bursts {
                    n += 1;
                    let _ = ctx.send(sink, Term::tuple([Term::atom("ping"), Term::Int(n)]));
                }
                ctx.sleep(1).await;
            }
        });
    }
    sink
}

/// The comparison's session load: small enough to run inside a click, with a slow enough
/// disk (5 virtual ms per database operation) that one worker queues and three do not.
const COMPARE_LOAD: LoadConfig = LoadConfig {
    sessions: 100,
    operations: 1_000,
    mix: crate::systems::session::OpMix { get: 50, put: 25, touch: 10, create: 10, delete: 5 },
    seed: 42,
    clients: 10,
    think_ms: 10,
    ttl: crate::systems::session::DEFAULT_TTL,
    store: StoreOpts { pool_size: 1, db_latency_ms: 5 },
};

/// One session load run of the pool comparison.
#[derive(Clone, Debug, PartialEq)]
struct PoolRun {
    pool_size: u32,
    virtual_ms: u64,
    throughput: f64,
    /// The worst p99 over the operation kinds.
    p99_ms: u64,
}

#[derive(Clone, Debug, PartialEq)]
struct Comparison {
    bench: BenchmarkReport,
    pools: Vec<PoolRun>,
}

/// Runs BottleneckAnalysis.benchmark (10 units of 100 ms) and the session load with 1 and 3
/// database workers, each on its own fresh runtime to the end under virtual time: the page's
/// runtime is left alone, and the figures are the same on every run.
fn run_comparison() -> Result<Comparison, String> {
    let rt = Runtime::new();
    rt.set_tracing(false);
    let bench = rt
        .block_on(|ctx| async move { benchmark(&ctx, &[100; 10]).await })
        .map_err(|reason| format!("the benchmark exited: {reason}"))??;
    let pools = [1, 3]
        .into_iter()
        .map(|pool_size| {
            let cfg = LoadConfig { store: StoreOpts { pool_size, ..COMPARE_LOAD.store }, ..COMPARE_LOAD };
            let report = run_load(&Runtime::new(), cfg)?;
            Ok(PoolRun {
                pool_size,
                virtual_ms: report.virtual_ms,
                throughput: report.throughput_per_s.unwrap_or(0.0),
                p99_ms: report.kinds.iter().map(|k| k.p99_ms).max().unwrap_or(0),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Comparison { bench, pools })
}

#[derive(Properties, PartialEq)]
pub struct LoadProps {
    pub engine: EngineHandle,
    pub state: UseReducerHandle<UiState>,
    pub now: u64,
    pub output_version: u64,
}

#[component]
pub fn LoadPanel(props: &LoadProps) -> Html {
    let on_load = {
        let (engine, state) = (props.engine.clone(), props.state.clone());
        Callback::from(move |_: MouseEvent| {
            let cfg = LoadConfig { sessions: 100, operations: 3_000, clients: 10, ..LoadConfig::default() };
            engine.borrow_mut().start_load(cfg);
            state.dispatch(UiAction::ScenarioLoaded(None, true));
        })
    };
    let on_flood = {
        let (engine, state) = (props.engine.clone(), props.state.clone());
        Callback::from(move |_: MouseEvent| {
            let mut eng = engine.borrow_mut();
            eng.reset_unreplayable("a flood cannot be replayed: start it again");
            spawn_flood(&eng.rt);
            drop(eng);
            state.dispatch(UiAction::ScenarioLoaded(None, true));
        })
    };
    let comparison = use_state(|| None::<Result<Comparison, String>>);
    let on_compare = {
        let comparison = comparison.clone();
        Callback::from(move |_: MouseEvent| comparison.set(Some(run_comparison())))
    };
    let engine = props.engine.borrow();
    let progress = engine.load.as_ref().map(|l| l.progress());
    let throughput: Vec<f64> = engine
        .load_samples
        .windows(2)
        .map(|w| (w[1].done - w[0].done) as f64 * 1000.0 / (w[1].at - w[0].at).max(1) as f64)
        .collect();
    let mut queues = engine.rt.processes();
    queues.sort_by(|a, b| b.mailbox_len.cmp(&a.mailbox_len).then(a.pid.cmp(&b.pid)));
    queues.truncate(5);
    let show_queues = progress.is_some() || queues.iter().any(|p| p.mailbox_len > 0);
    html! {
        <div class="load-panel">
            <div class="buttons">
                <button type="button" class="small" id="btn-load" onclick={on_load}
                        title="Resets, then runs the session store's load generator: 100 sessions, 3,000 operations, 10 clients">
                    { "Run session load test" }
                </button>
                <button type="button" class="small secondary" id="btn-flood" onclick={on_flood}
                        title="Resets, then 4 processes send 100,000 messages per second (at 1×) to one sink">
                    { "Flood 100k msg/s" }
                </button>
                <button type="button" class="small secondary" id="btn-bottleneck" onclick={on_compare}
                        title="On fresh runtimes under virtual time: BottleneckAnalysis single process vs concurrent, and the session load with 1 vs 3 database workers">
                    { "Compare bottlenecks" }
                </button>
            </div>
            { match &*comparison {
                Some(Ok(c)) => comparison_view(c),
                Some(Err(why)) => html! { <p class="form-error" id="bottleneck-result">{ why.clone() }</p> },
                None => html! {},
            } }
            if let Some((done, total)) = progress {
                <label class="progress">
                    <progress id="load-progress" value={done.to_string()} max={total.max(1).to_string()} />
                    { format!(" {done} / {total} operations") }
                </label>
            }
            if throughput.len() >= 2 || !engine.load_kinds.is_empty() {
                <div class="charts">
                    if throughput.len() >= 2 {
                        { throughput_chart(&throughput) }
                    }
                    if engine.load_samples.iter().filter(|s| s.latency.is_some()).count() >= 2 {
                        { latency_over_time_chart(&engine.load_samples) }
                    }
                    if engine.load_kinds.iter().any(|k| k.count > 0) {
                        { latency_chart(&engine.load_kinds, progress.is_some()) }
                    }
                </div>
            }
            if show_queues {
                <div class="queues" id="mailbox-chart">
                    <div class="muted">{ "longest mailboxes" }</div>
                    { for queues.iter().map(|p| {
                        let max = queues[0].mailbox_len.max(1) as f64;
                        let width = format!("width:{:.0}%", p.mailbox_len as f64 / max * 100.0);
                        html! {
                            <div class="queue-row">
                                <span class="mono queue-name">{ p.name.clone().unwrap_or_else(|| format!("{} {}", p.module, p.pid)) }</span>
                                <span class="queue-bar"><span style={width}></span></span>
                                <span class="num">{ p.mailbox_len }</span>
                            </div>
                        }
                    }) }
                </div>
            }
            { match &engine.load_report {
                Some(Ok(lines)) => html! { <pre class="term" id="load-report">{ lines.join("\n") }</pre> },
                Some(Err(why)) => html! { <p class="form-error" id="load-report">{ why.clone() }</p> },
                None => html! {},
            } }
        </div>
    }
}

/// Operations per virtual second over the run, as a small line chart.
fn throughput_chart(series: &[f64]) -> Html {
    let (w, h) = (260.0, 56.0);
    let max = series.iter().cloned().fold(1.0, f64::max);
    let step = w / (series.len() - 1) as f64;
    let points: String = series.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1} ", i as f64 * step, h - v / max * (h - 4.0))).collect();
    let last = series.last().copied().unwrap_or(0.0);
    html! {
        <div class="chart" id="throughput-chart">
            <div class="muted">{ format!("throughput: {last:.0} ops/s now, peak {max:.0} (virtual time)") }</div>
            <svg width={w.to_string()} height={h.to_string()} viewBox={format!("0 0 {w} {h}")} class="spark">
                <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
            </svg>
        </div>
    }
}

/// p50 and p99 of the operations finished in each 100 ms sample, as two lines: queueing
/// behind the cache or the database shows as the p99 line lifting off the p50 one.
fn latency_over_time_chart(samples: &[LoadSample]) -> Html {
    let (w, h) = (260.0, 56.0);
    let points: Vec<(u64, u64)> = samples.iter().filter_map(|s| s.latency).collect();
    let max = points.iter().map(|&(_, p99)| p99).max().unwrap_or(0).max(1) as f64;
    let step = w / (points.len() - 1).max(1) as f64;
    let line = |pick: fn(&(u64, u64)) -> u64| -> String {
        points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1} ", i as f64 * step, h - pick(p) as f64 / max * (h - 4.0))).collect()
    };
    let (p50, p99) = points.last().copied().unwrap_or((0, 0));
    html! {
        <div class="chart" id="latency-live-chart">
            <div class="muted">{ format!("latency: p50 {p50} ms, p99 {p99} ms now (last 100 virtual ms), peak p99 {max:.0} ms") }</div>
            <svg width={w.to_string()} height={h.to_string()} viewBox={format!("0 0 {w} {h}")} class="spark">
                <polyline points={line(|p| p.1)} fill="none" stroke="currentColor" stroke-width="1.5" opacity="0.45" />
                <polyline points={line(|p| p.0)} fill="none" stroke="currentColor" stroke-width="1.5" />
            </svg>
        </div>
    }
}

/// Per-kind p50/p99 bars over the operations finished so far; the report's once the run ends.
fn latency_chart(kinds: &[KindReport], running: bool) -> Html {
    let (w, row) = (260.0, 14.0);
    let label = 48.0;
    let h = row * kinds.len() as f64;
    let max = kinds.iter().map(|k| k.p99_ms).max().unwrap_or(0).max(1) as f64;
    let scale = |ms: u64| ms as f64 / max * (w - label - 70.0);
    html! {
        <div class="chart" id="latency-chart">
            <div class="muted">
                { format!("latency per operation{}, p50 (solid) / p99 (faint), virtual ms", if running { " so far" } else { "" }) }
            </div>
            <svg width={w.to_string()} height={h.to_string()} viewBox={format!("0 0 {w} {h}")} class="spark">
                { for kinds.iter().enumerate().map(|(i, k)| {
                    let y = i as f64 * row;
                    html! {
                        <g>
                            <text x="0" y={format!("{:.1}", y + row - 4.0)} font-size="10" fill="currentColor">{ k.kind.name() }</text>
                            <rect x={label.to_string()} y={format!("{:.1}", y + 2.0)} width={format!("{:.1}", scale(k.p99_ms))} height={(row - 4.0).to_string()} fill="currentColor" opacity="0.3" />
                            <rect x={label.to_string()} y={format!("{:.1}", y + 2.0)} width={format!("{:.1}", scale(k.p50_ms))} height={(row - 4.0).to_string()} fill="currentColor" />
                            <text x={format!("{:.1}", label + scale(k.p99_ms) + 4.0)} y={format!("{:.1}", y + row - 4.0)} font-size="10" fill="currentColor">
                                { format!("{} / {} ms", k.p50_ms, k.p99_ms) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
        </div>
    }
}

/// The comparison's figures: single vs concurrent, then 1 vs 3 database workers.
fn comparison_view(c: &Comparison) -> Html {
    let b = &c.bench;
    html! {
        <div class="chart comparison" id="bottleneck-result">
            <div class="muted">{ "BottleneckAnalysis.benchmark, 10 units of 100 ms (virtual time)" }</div>
            <div class="mono">
                { format!("single process {} ms, concurrent {} ms, speedup {}x", b.single_ms, b.concurrent_ms, b.speedup) }
            </div>
            <div class="muted">
                { format!("session load, {} ops by {} clients, {} ms per database operation", COMPARE_LOAD.operations, COMPARE_LOAD.clients, COMPARE_LOAD.store.db_latency_ms) }
            </div>
            { for c.pools.iter().map(|p| html! {
                <div class="mono pool-run">
                    { format!(
                        "{} database worker{}: {:.0} ops/s, worst p99 {} ms, {} virtual ms",
                        p.pool_size,
                        if p.pool_size == 1 { "" } else { "s" },
                        p.throughput,
                        p.p99_ms,
                        p.virtual_ms
                    ) }
                </div>
            }) }
        </div>
    }
}
