//! Scrubbing back: a run's journal, and replaying it on a fresh runtime to any earlier event.
//!
//! The runtime is deterministic, but a live run is not a function of its scenario alone: the
//! learner steps, jumps to timers and makes requests between the driver's ticks, at whatever
//! virtual time and after however many turns the page's clock had reached (ticks themselves
//! fire every timer at its deadline, so how they cut the run does not change it). The
//! [`Journal`] records exactly those inputs, in order, with the virtual time each came at.
//! [`replay`] feeds them again to a fresh runtime (with the same scenario spawned first), so
//! event *n* of the replay is event *n* of the run, and stops at the first turn boundary at
//! or after the target event.
//!
//! What is not in a journal, and so can differ: completions of browser I/O (an IndexedDB
//! request finishing between two ticks). The UI replays on a scratch in-memory store, whose
//! writes complete at once; a run is exact up to its first storage access.
//!
//! Requests are the caller's: the journal keeps their index in the caller's list, and
//! [`replay`] hands it back to a closure that performs the request.

use crate::runtime::{Runtime, TickReport};

/// The most inputs a journal keeps (16 bytes each in wasm: 4 MB); a longer run can no
/// longer be replayed. Consecutive ticks are one input, so a journal grows with the
/// learner's steps and requests, not with the driver's frames.
const MAX_INPUTS: usize = 1 << 18;

/// The most steps a replay takes past its journal's end (a scenario link's `at=`, under
/// virtual time): a link asking for more events than the run makes stops there instead of
/// following a periodic timer for ever.
pub const MAX_STEPS_PAST_END: u64 = 100_000;

/// One thing that moved the run along from outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Driver ticks ([`Runtime::tick`]) that ran `turns` turns and left the clock at `until`.
    /// Ticks move the clock from deadline to deadline, so how the turns were cut into ticks
    /// does not matter: consecutive ticks are one input, replayed one turn at a time.
    Ticks { until: u64, turns: usize },
    /// A tick as links made before ticks moved time deadline by deadline recorded it: the
    /// clock jumped to `now`, then `turns` turns ran there. Replayed the same way, so old
    /// links still give their run.
    TurnsAt { now: u64, turns: usize },
    /// `events` single steps (`Runtime::step`) at `now`: the step and next-timer controls.
    Events { now: u64, events: usize },
    /// The caller's request number `index`, made at `now`.
    Request { now: u64, index: usize },
}

/// What moved one run along, in order (see the module doc).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Journal {
    inputs: Vec<Input>,
    /// Trace events when the last input had been applied: where a replay can reach.
    end_event: u64,
    /// Too long to keep: recording stopped.
    overflowed: bool,
}

impl Journal {
    pub fn new() -> Journal {
        Journal::default()
    }

    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// The last event the recorded inputs produced.
    pub fn end_event(&self) -> u64 {
        self.end_event
    }

    /// Whether every input is still there (false once the run grew past [`MAX_INPUTS`], or
    /// recording was stopped).
    pub fn complete(&self) -> bool {
        !self.overflowed
    }

    /// Stops recording (a run that will not be replayed: a load run, a flood).
    pub fn stop(&mut self) {
        self.overflowed = true;
        self.inputs = Vec::new();
    }

    fn push(&mut self, rt: &Runtime, input: Input) {
        self.end_event = rt.trace_cursor();
        if self.overflowed {
            return;
        }
        let full = self.inputs.len() >= MAX_INPUTS;
        // Consecutive runs at the same time are one input.
        match (self.inputs.last_mut(), input) {
            (Some(Input::Ticks { until, turns }), Input::Ticks { until: at, turns: more }) => {
                *until = at;
                *turns += more;
            }
            (Some(Input::TurnsAt { now, turns }), Input::TurnsAt { now: at, turns: more }) if *now == at => *turns += more,
            (Some(Input::Events { now, events }), Input::Events { now: at, events: more }) if *now == at => *events += more,
            _ if full => self.overflowed = true,
            _ => self.inputs.push(input),
        }
    }

    /// [`Runtime::tick`], recorded. A tick that ran nothing only moved time, which the next
    /// input carries: it is not kept.
    pub fn tick(&mut self, rt: &Runtime, until: u64, max_turns: usize) -> TickReport {
        let report = rt.tick(until, max_turns);
        self.ticked(rt, report)
    }

    /// [`Runtime::tick_unbounded`], recorded (as a tick up to where it left the clock).
    pub fn tick_unbounded(&mut self, rt: &Runtime, max_turns: usize) -> TickReport {
        let report = rt.tick_unbounded(max_turns);
        self.ticked(rt, report)
    }

    fn ticked(&mut self, rt: &Runtime, report: TickReport) -> TickReport {
        if report.steps > 0 {
            self.push(rt, Input::Ticks { until: rt.now(), turns: report.steps });
        }
        report
    }

    /// [`Runtime::step`], recorded.
    pub fn step(&mut self, rt: &Runtime) -> bool {
        let stepped = rt.step();
        if stepped {
            self.push(rt, Input::Events { now: rt.now(), events: 1 });
        }
        stepped
    }

    /// Records that the caller is about to perform its request `index` (call before
    /// performing it, then [`Journal::performed`] after).
    pub fn request(&mut self, rt: &Runtime, index: usize) {
        self.push(rt, Input::Request { now: rt.now(), index });
    }

    /// Notes the events a request produced at once (a kill's exit signals, a shell's spawn).
    pub fn performed(&mut self, rt: &Runtime) {
        self.end_event = rt.trace_cursor();
    }
}

/// Base-36 digits: short, and safe in a URL's fragment.
fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(std::char::from_digit((n % 36) as u32, 36).expect("a digit below 36"));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

fn parse36(text: &str) -> Result<u64, String> {
    let shown = || crate::term::Term::string(&text.chars().take(20).collect::<String>());
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("{} is not a base-36 number", shown()));
    }
    u64::from_str_radix(text, 36).map_err(|_| format!("{} is too large: at most {} (2^64 − 1)", shown(), base36(u64::MAX)))
}

impl Journal {
    /// The journal as text for a share link: `<end event>~<input>.<input>...`, each input a
    /// letter (`k` ticks, `e` events, `r` request; `t` the old ticks of [`Input::TurnsAt`])
    /// and two base-36 numbers (its virtual time, then the count or the request's index),
    /// e.g. `2s~k0-4.e0-2.r1c-0.k3k-9`.
    pub fn encode(&self) -> String {
        let inputs: Vec<String> = self
            .inputs
            .iter()
            .map(|input| match *input {
                Input::Ticks { until, turns } => format!("k{}-{}", base36(until), base36(turns as u64)),
                Input::TurnsAt { now, turns } => format!("t{}-{}", base36(now), base36(turns as u64)),
                Input::Events { now, events } => format!("e{}-{}", base36(now), base36(events as u64)),
                Input::Request { now, index } => format!("r{}-{}", base36(now), base36(index as u64)),
            })
            .collect();
        format!("{}~{}", base36(self.end_event), inputs.join("."))
    }

    /// Reads [`Journal::encode`]'s text back; a clear error for anything else.
    pub fn decode(text: &str) -> Result<Journal, String> {
        let (end, body) = text.split_once('~').ok_or("a run is <end>~<inputs>: no \"~\"")?;
        let mut journal = Journal { inputs: Vec::new(), end_event: parse36(end)?, overflowed: false };
        for (i, part) in body.split('.').filter(|p| !p.is_empty()).enumerate() {
            let input = i + 1;
            let mut chars = part.chars();
            let kind = chars.next().expect("not empty");
            let (now, count) = chars.as_str().split_once('-').ok_or_else(|| format!("its input {input} has no \"-\""))?;
            let now = parse36(now).map_err(|why| format!("its input {input}: {why}"))?;
            let count = parse36(count).map_err(|why| format!("its input {input}: {why}"))?;
            let count = usize::try_from(count).map_err(|_| format!("its input {input} counts more than this machine can"))?;
            journal.inputs.push(match kind {
                'k' => Input::Ticks { until: now, turns: count },
                't' => Input::TurnsAt { now, turns: count },
                'e' => Input::Events { now, events: count },
                'r' => Input::Request { now, index: count },
                other => {
                    let other = crate::term::Term::string(other.encode_utf8(&mut [0; 4]));
                    return Err(format!("its input {input} is of an unknown kind {other} (t, e or r)"));
                }
            });
            if journal.inputs.len() > MAX_INPUTS {
                return Err("the run is too long".into());
            }
        }
        Ok(journal)
    }
}

/// Replays `journal` on `rt` (fresh, with the run's scenario already spawned) until at least
/// `target` trace events have happened, calling `perform(index)` for each request; returns
/// the journal of what it replayed, which is the new run's so far. Past the journal's end (a
/// share link has none) it goes on one event at a time under virtual time, jumping to timers,
/// for at most [`MAX_STEPS_PAST_END`] steps. Counts in the journal past what the run does
/// (a hand-edited link) end where the run goes idle: a replay is bounded by its work.
pub fn replay(rt: &Runtime, journal: &Journal, target: u64, mut perform: impl FnMut(&Runtime, usize)) -> Journal {
    let mut out = Journal::new();
    let reached = |rt: &Runtime| rt.trace_cursor() >= target;
    'inputs: for &input in &journal.inputs {
        if reached(rt) {
            break;
        }
        match input {
            Input::Ticks { until, turns } => {
                for _ in 0..turns {
                    if reached(rt) {
                        break 'inputs;
                    }
                    // Nothing ran: the run is idle up to `until` and the rest of the count
                    // (from a run that had more to do, or a hand-made link) would do nothing.
                    if out.tick(rt, until, 1).steps == 0 {
                        break;
                    }
                }
            }
            Input::TurnsAt { now, turns } => {
                rt.set_clock(now);
                for _ in 0..turns {
                    if reached(rt) {
                        break 'inputs;
                    }
                    // One turn without moving the clock: the old tick.
                    if rt.tick(now, 1).steps == 0 {
                        break;
                    }
                    out.push(rt, Input::TurnsAt { now, turns: 1 });
                }
            }
            Input::Events { now, events } => {
                rt.set_clock(now);
                for _ in 0..events {
                    if reached(rt) || !out.step(rt) {
                        continue 'inputs;
                    }
                }
            }
            Input::Request { now, index } => {
                rt.set_clock(now);
                out.request(rt, index);
                perform(rt, index);
                out.performed(rt);
            }
        }
    }
    for _ in 0..MAX_STEPS_PAST_END {
        if reached(rt) || (!out.step(rt) && !rt.advance_to_next_timer()) {
            break;
        }
    }
    out
}
