//! The trace: what happened, in order, for the sequence diagram and for tests.
//!
//! A bounded ring buffer of events. Readers pull with [`Trace::since`] (a sequence number
//! cursor), so subscribing costs nothing and many readers can follow at their own pace.
//! With tracing off the scheduler checks one flag per event and builds nothing.
//! Messages are captured as [`Term`]s when the event happens (the Rust value is moved into
//! the mailbox and consumed later); turning them into Elixir text happens only when shown.

use std::collections::VecDeque;

use serde::Serialize;

use super::pid::Pid;
use crate::term::Term;

/// What kind of message an arrow carries; the UI colours by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MsgKind {
    Call,
    Cast,
    Info,
    Reply,
    Down,
    Exit,
    Timer,
    Continue,
    Init,
    Stop,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// `from` spawned `to` (module in `detail`).
    Spawn,
    /// A message put in `to`'s mailbox (or a reply handed to a waiting caller).
    Send(MsgKind),
    /// `to` started handling a message of this kind.
    HandleStart(MsgKind),
    /// `to` finished handling it.
    HandleEnd(MsgKind),
    /// `to` exited; the reason in `detail`.
    Exit,
    /// An exit signal from `from` reached `to` (killing it, or ignored as `:normal`).
    ExitSignal,
    Link,
    Unlink,
    Monitor,
    Demonitor,
    /// `to` set a timer; its message in `detail`, the deadline in `deadline`.
    TimerSet,
    TimerFire,
    TimerCancel,
    /// `to` registered the name in `detail`.
    Register,
    Unregister,
    /// A reply or message dropped because nobody waited for it any more (a late reply).
    Dropped,
    /// A line of log output (`IO.puts`, or OTP's unexpected-message warning).
    Log,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceEvent {
    pub seq: u64,
    /// Virtual milliseconds since the runtime started.
    pub time: u64,
    pub kind: EventKind,
    pub from: Option<Pid>,
    pub to: Option<Pid>,
    pub detail: Option<Term>,
    pub deadline: Option<u64>,
}

impl TraceEvent {
    /// The message or reason, in Elixir syntax.
    pub fn detail_text(&self) -> String {
        self.detail.as_ref().map(|t| t.to_string()).unwrap_or_default()
    }
}

pub(crate) struct Trace {
    pub enabled: bool,
    capacity: usize,
    events: VecDeque<TraceEvent>,
    next_seq: u64,
}

impl Trace {
    pub fn new(capacity: usize) -> Self {
        Trace { enabled: true, capacity: capacity.max(1), events: VecDeque::new(), next_seq: 0 }
    }

    pub fn push(&mut self, time: u64, kind: EventKind, from: Option<Pid>, to: Option<Pid>, detail: Option<Term>) {
        self.push_with_deadline(time, kind, from, to, detail, None)
    }

    pub fn push_with_deadline(
        &mut self,
        time: u64,
        kind: EventKind,
        from: Option<Pid>,
        to: Option<Pid>,
        detail: Option<Term>,
        deadline: Option<u64>,
    ) {
        if self.events.len() == self.capacity {
            self.events.pop_front();
        }
        self.events.push_back(TraceEvent { seq: self.next_seq, time, kind, from, to, detail, deadline });
        self.next_seq += 1;
    }

    /// Events with `seq >= cursor` still in the buffer, at most `max`.
    pub fn since(&self, cursor: u64, max: usize) -> Vec<TraceEvent> {
        let first = self.events.front().map(|e| e.seq).unwrap_or(self.next_seq);
        let skip = cursor.saturating_sub(first) as usize;
        self.events.iter().skip(skip).take(max).cloned().collect()
    }

    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    pub fn clear(&mut self) {
        self.events.clear();
    }
}
