//! The load panel: the session store's load generator with a progress bar and its report,
//! and a message flood (about 100,000 messages per second of virtual time) to watch the
//! page's frame rate under pressure.

use yew::prelude::*;

use super::engine::EngineHandle;
use super::state::{UiAction, UiState};
use crate::runtime::{Pid, Runtime};
use crate::systems::session::{LoadConfig, spawn_load};
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
            let mut eng = engine.borrow_mut();
            eng.reset();
            eng.controls.paused.set(false);
            let cfg = LoadConfig { sessions: 100, operations: 3_000, clients: 10, ..LoadConfig::default() };
            eng.load = Some(spawn_load(&eng.rt, cfg));
            eng.load_report = None;
            eng.load_samples.clear();
            drop(eng);
            state.dispatch(UiAction::ScenarioLoaded(None, true));
        })
    };
    let on_flood = {
        let (engine, state) = (props.engine.clone(), props.state.clone());
        Callback::from(move |_: MouseEvent| {
            let mut eng = engine.borrow_mut();
            eng.reset();
            eng.controls.paused.set(false);
            spawn_flood(&eng.rt);
            drop(eng);
            state.dispatch(UiAction::ScenarioLoaded(None, true));
        })
    };
    let engine = props.engine.borrow();
    let progress = engine.load.as_ref().map(|l| l.progress());
    let throughput: Vec<f64> = engine
        .load_samples
        .windows(2)
        .map(|w| (w[1].1 - w[0].1) as f64 * 1000.0 / (w[1].0 - w[0].0).max(1) as f64)
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
            </div>
            if let Some((done, total)) = progress {
                <label class="progress">
                    <progress id="load-progress" value={done.to_string()} max={total.max(1).to_string()} />
                    { format!(" {done} / {total} operations") }
                </label>
            }
            if throughput.len() >= 2 {
                { throughput_chart(&throughput) }
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
