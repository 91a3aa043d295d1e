//! Virtual time is a simulation clock: the browser driver's loop ([`Pacer`]), fed a fake wall
//! clock and fake frame timings at any speed, gives the same run as pure virtual time
//! (`Runtime::block_on`): the same events at the same virtual times with the same results.
#![cfg(not(target_arch = "wasm32"))]

use otp_playground::driver::{Pacer, Wait};
use otp_playground::replay::Journal;
use otp_playground::runtime::{Runtime, TraceEvent};
use otp_playground::scenario::{self, Scenario};

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
