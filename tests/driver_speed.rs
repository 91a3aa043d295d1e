//! Virtual time is a simulation clock: the browser driver's loop ([`Pacer`]), fed a fake wall
//! clock and fake frame timings at any speed, gives the same run as pure virtual time
//! (`Runtime::block_on`): the same events at the same virtual times with the same results.
//! And browser I/O takes no virtual time: while a process waits on it, the clock stands still.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use otp_playground::driver::{Pacer, Wait};
use otp_playground::replay::Journal;
use otp_playground::runtime::{Caller, CallResult, Ctx, GenServer, Init, Never, Runtime, StartOpts, TraceEvent};
use otp_playground::scenario::{self, Scenario};
use otp_playground::systems::session::{LoadConfig, LoadReport, run_load, spawn_load};
use serde::Serialize;

/// The page's speeds (virtual ms per real ms), "as fast as possible" last.
const SPEEDS: [f64; 6] = [0.25, 1.0, 10.0, 100.0, 1000.0, f64::INFINITY];

/// Big enough that no scenario's trace wraps.
const TRACE_CAPACITY: usize = 4_000_000;

/// A frame loop gives up after this many frames (a run that never reaches its end).
const MAX_FRAMES: usize = 5_000_000;

/// How much real time passes between two frames.
#[derive(Clone, Copy, Debug)]
enum Timing {
    /// What the loop asked for, plus a steady 4 ms (the browser's timeout clamp and the frame).
    Steady,
    /// What it asked for plus 0–20 ms of jitter, and now and then a 300 ms stall (a busy or
    /// hidden tab).
    Jitter(u64),
}

impl Timing {
    fn gap(&mut self, wait: Wait) -> f64 {
        let asked = match wait {
            Wait::Sleep(ms) => ms as f64,
            Wait::Io => 1.0,
        };
        match self {
            Timing::Steady => asked + 4.0,
            Timing::Jitter(state) => {
                // xorshift64: reproducible jitter without a dependency.
                *state ^= *state << 13;
                *state ^= *state >> 7;
                *state ^= *state << 17;
                let stall = if *state % 97 == 0 { 300.0 } else { 0.0 };
                asked + (*state % 2001) as f64 / 100.0 + stall
            }
        }
    }
}

/// The scenario's script under pure virtual time: its trace, and the virtual time it ended at.
fn pure_run(scenario: &Scenario) -> (Vec<TraceEvent>, u64) {
    let rt = Runtime::with_trace_capacity(TRACE_CAPACITY);
    let result = rt.block_on(scenario.script);
    assert_eq!(result, Ok(Ok(())), "{} passes under pure virtual time", scenario.id);
    (rt.trace_since(0, usize::MAX), rt.now())
}

/// The same script driven frame by frame as the page drives it, until every event up to
/// virtual time `end` has happened; its events up to `end` and whether the script passed.
fn driven_run(scenario: &Scenario, speed: f64, mut timing: Timing, end: u64) -> (Vec<TraceEvent>, Option<Result<(), String>>) {
    let rt = Runtime::with_trace_capacity(TRACE_CAPACITY);
    let shell = rt.spawn_shell(scenario.script);
    let mut journal = Journal::new();
    let mut real = 1_000.0;
    let mut pacer = Pacer::new(&rt, real);
    let mut outcome = None;
    for _ in 0..MAX_FRAMES {
        let frame = pacer.frame(&rt, &mut journal, real, speed, false);
        if let Some(result) = shell.result() {
            outcome = Some(result.unwrap_or_else(|reason| Err(format!("the shell exited: {reason}"))));
        }
        let finished = outcome.is_some() && rt.now() == end && frame.tick.is_some_and(|t| t.idle);
        if rt.now() > end || finished {
            break;
        }
        real += timing.gap(frame.wait);
    }
    let events = rt.trace_since(0, usize::MAX).into_iter().filter(|e| e.time <= end).collect();
    (events, outcome)
}

/// Where two traces part, in a line a failing test can print.
fn first_difference(expected: &[TraceEvent], got: &[TraceEvent]) -> Option<String> {
    let at = expected.iter().zip(got).position(|(a, b)| a != b).unwrap_or(expected.len().min(got.len()));
    if at == expected.len() && at == got.len() {
        return None;
    }
    let show = |e: Option<&TraceEvent>| e.map_or("nothing".to_string(), |e| format!("t={} {:?} {}", e.time, e.kind, e.detail_text()));
    Some(format!("event {at}: expected {}, got {}", show(expected.get(at)), show(got.get(at))))
}

#[test]
fn every_scenario_gives_the_same_trace_at_every_speed_and_frame_rate() {
    let mut failures = Vec::new();
    let mut runs = 0;
    for (n, scenario) in scenario::all().iter().enumerate() {
        let (expected, end) = pure_run(scenario);
        for (s, &speed) in SPEEDS.iter().enumerate() {
            for timing in [Timing::Steady, Timing::Jitter(0x9E37_79B9_7F4A_7C15 ^ (n * 31 + s) as u64)] {
                runs += 1;
                let (got, outcome) = driven_run(scenario, speed, timing, end);
                let passed = outcome == Some(Ok(()));
                if let Some(difference) = first_difference(&expected, &got) {
                    failures.push(format!("{} at {speed}x ({timing:?}): {difference}; script {outcome:?}", scenario.id));
                } else if !passed {
                    failures.push(format!("{} at {speed}x ({timing:?}): same events but the script gave {outcome:?}", scenario.id));
                }
            }
        }
    }
    assert!(runs >= 33 * 12, "every scenario ran at every speed: {runs} runs");
    assert!(failures.is_empty(), "{} of {runs} driven runs differ from pure virtual time:\n{}", failures.len(), failures.join("\n"));
}

/// Drives `rt` frame by frame at `speed` with steady frames until `done` says so; `settle`
/// runs before each frame with the fake real time (the browser's side of the world).
fn drive_until<T>(rt: &Runtime, speed: f64, mut settle: impl FnMut(&Runtime, f64), mut done: impl FnMut() -> Option<T>) -> T {
    let mut journal = Journal::new();
    let mut real = 0.0;
    let mut pacer = Pacer::new(rt, real);
    for _ in 0..MAX_FRAMES {
        settle(rt, real);
        let frame = pacer.frame(rt, &mut journal, real, speed, false);
        if let Some(value) = done() {
            return value;
        }
        real += Timing::Steady.gap(frame.wait);
    }
    panic!("the run did not finish in {MAX_FRAMES} frames at {speed}x");
}

/// A browser request (an IndexedDB read) that the test's fake browser answers when it likes.
#[derive(Clone, Default)]
struct FakeRequest(Rc<RefCell<(Option<String>, Option<Waker>)>>);

impl FakeRequest {
    fn answer(&self, value: &str) {
        let mut state = self.0.borrow_mut();
        state.0 = Some(value.to_string());
        if let Some(waker) = state.1.take() {
            waker.wake();
        }
    }
}

impl Future for FakeRequest {
    type Output = String;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        let mut state = self.0.borrow_mut();
        match state.0.take() {
            Some(value) => Poll::Ready(value),
            None => {
                state.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A server whose reads wait on the browser, like `Todo.DatabaseWorker` on IndexedDB.
#[derive(Serialize)]
struct Disk {
    #[serde(skip)]
    request: FakeRequest,
}

#[derive(Serialize, Debug)]
enum DiskCall {
    Read,
}

impl GenServer for Disk {
    const MODULE: &'static str = "Disk";
    type Args = FakeRequest;
    type Call = DiskCall;
    type Reply = String;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, request: FakeRequest) -> Init<Self> {
        Init::Ok(Disk { request })
    }

    async fn handle_call(&mut self, ctx: &Ctx, _request: DiskCall, _from: Caller<String>) -> CallResult<Self> {
        CallResult::Reply(ctx.io(self.request.clone()).await)
    }
}

#[test]
fn a_call_waiting_on_slow_browser_io_answers_and_takes_no_virtual_time_at_any_speed() {
    // The browser takes 30 s of real time to answer: 30,000 s of virtual time at 1000x if
    // the clock went on, six times the call's 5 s timeout even at 0.25x.
    const BROWSER_MS: f64 = 30_000.0;
    for speed in [0.25, 1.0, 1000.0, f64::INFINITY] {
        let rt = Runtime::new();
        let request = FakeRequest::default();
        let disk_request = request.clone();
        let shell = rt.spawn_shell(move |ctx| async move {
            let disk = ctx.start::<Disk>(disk_request, StartOpts::default()).await.unwrap();
            ctx.sleep(100).await;
            let answer = ctx.try_call::<Disk>(disk, DiskCall::Read, 5000).await;
            (answer.map_err(|e| format!("{e:?}")), ctx.now())
        });
        let mut asked_at = None;
        let mut clock_while_waiting = Vec::new();
        let (answer, answered_at) = drive_until(
            &rt,
            speed,
            |rt, real| {
                if rt.io_waits() > 0 {
                    clock_while_waiting.push(rt.now());
                    let asked = *asked_at.get_or_insert(real);
                    if real - asked >= BROWSER_MS {
                        request.answer("[\"Buy milk\"]");
                    }
                }
            },
            || shell.result().map(Result::unwrap),
        );
        assert_eq!(answer, Ok("[\"Buy milk\"]".to_string()), "at {speed}x the call answers");
        assert_eq!(answered_at, 100, "at {speed}x the read took no virtual time");
        assert!(clock_while_waiting.len() > 10 && clock_while_waiting.iter().all(|&t| t == 100), "at {speed}x the clock stood still");
    }
}

#[test]
fn the_load_panels_session_load_reports_the_same_figures_at_every_speed() {
    // The page's "Run load test": 3,000 operations on 100 sessions from 10 clients.
    let cfg = LoadConfig { sessions: 100, operations: 3_000, clients: 10, ..LoadConfig::default() };
    let without_loads = |mut report: LoadReport| {
        // Mailbox lengths at the moment the report is taken depend on where the slice ended.
        report.processes.clear();
        report
    };
    let expected = without_loads(run_load(&Runtime::new(), cfg).unwrap());
    assert!(expected.throughput_per_s.is_some_and(|ops| ops > 0.0) && expected.errors == 0, "{expected:?}");
    for speed in [1.0, 100.0, 1000.0, f64::INFINITY] {
        let rt = Runtime::new();
        rt.set_tracing(false);
        let load = spawn_load(&rt, cfg);
        let report = drive_until(&rt, speed, |_, _| {}, || load.take_report());
        assert_eq!(without_loads(report.unwrap()), expected, "at {speed}x: ops/s {:?}", expected.throughput_per_s);
    }
}
