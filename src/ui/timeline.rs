//! The diagram's model: lanes (one per process seen in the trace) and rows (one per event
//! worth drawing), fed in batches once per animation frame from `Runtime::trace_since`.
//!
//! Rows keep the message as a [`Term`]; it becomes Elixir text only when a row is drawn
//! (the visible ones) or exported, so ingesting 100,000 events a second stays cheap.

use std::collections::{HashMap, VecDeque};

use crate::runtime::{EventKind, MsgKind, Pid, TraceEvent};
use crate::term::Term;

/// Rows kept for scrolling back; older ones are dropped.
pub const MAX_ROWS: usize = 20_000;

/// What a row draws: an arrow between lanes, or a note on one lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Message(MsgKind),
    Spawn,
    ExitSignal,
    Link,
    Monitor,
    Dropped,
    /// Notes on one lane:
    Exited,
    Log,
    TimerSet,
    Register,
}

impl RowKind {
    /// The CSS class suffix and legend name (`k-call`, ...).
    pub fn class(self) -> &'static str {
        match self {
            RowKind::Message(kind) => match kind {
                MsgKind::Call => "call",
                MsgKind::Cast => "cast",
                MsgKind::Info => "info",
                MsgKind::Reply => "reply",
                MsgKind::Down => "down",
                MsgKind::Exit => "exit",
                MsgKind::Timer => "timer",
                MsgKind::Continue | MsgKind::Init => "info",
                MsgKind::Stop => "stop",
            },
            RowKind::Spawn => "spawn",
            RowKind::ExitSignal => "exit",
            RowKind::Link => "link",
            RowKind::Monitor => "monitor",
            RowKind::Dropped => "dropped",
            RowKind::Exited => "exited",
            RowKind::Log => "log",
            RowKind::TimerSet => "timer",
            RowKind::Register => "register",
        }
    }

    /// How the row names itself in the hover line and in the Mermaid export.
    pub fn label(self) -> &'static str {
        match self {
            RowKind::Message(MsgKind::Call) => "call",
            RowKind::Message(MsgKind::Cast) => "cast",
            RowKind::Message(MsgKind::Info) => "info",
            RowKind::Message(MsgKind::Reply) => "reply",
            RowKind::Message(MsgKind::Down) => "DOWN",
            RowKind::Message(MsgKind::Exit) => "EXIT",
            RowKind::Message(MsgKind::Timer) => "timer",
            RowKind::Message(MsgKind::Stop) => "stop",
            RowKind::Message(_) => "info",
            RowKind::Spawn => "spawn",
            RowKind::ExitSignal => "exit signal",
            RowKind::Link => "link",
            RowKind::Monitor => "monitor",
            RowKind::Dropped => "dropped",
            RowKind::Exited => "exit",
            RowKind::Log => "log",
            RowKind::TimerSet => "timer set",
            RowKind::Register => "register",
        }
    }

    pub fn is_note(self) -> bool {
        matches!(self, RowKind::Exited | RowKind::Log | RowKind::TimerSet | RowKind::Register)
    }
}

/// A lane: a process (or, lane 0, the learner at the page sending from outside).
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub pid: Option<Pid>,
    pub module: String,
    pub name: Option<String>,
    pub exited: bool,
}

impl Lane {
    /// The registered name, else the module, shortened for a lane header.
    pub fn title(&self) -> String {
        match (&self.name, self.pid) {
            (Some(name), _) => name.clone(),
            (None, None) => "you (UI)".into(),
            (None, Some(_)) => self.module.clone(),
        }
    }

    pub fn pid_text(&self) -> String {
        self.pid.map(|p| p.to_string()).unwrap_or_default()
    }
}

#[derive(Clone, Debug)]
pub struct Row {
    pub seq: u64,
    pub time: u64,
    pub kind: RowKind,
    pub from: usize,
    pub to: usize,
    pub detail: Option<Term>,
    pub deadline: Option<u64>,
}

impl Row {
    /// The message (or reason, or note) in Elixir syntax, cut to `max` characters.
    pub fn text(&self, max: usize) -> String {
        let body = match (&self.kind, &self.detail) {
            (RowKind::Log, Some(term)) => term.as_str().map(str::to_string).unwrap_or_else(|| term.render_truncated(max)),
            (_, Some(term)) => term.render_truncated(max),
            (_, None) => String::new(),
        };
        let text = match self.kind {
            RowKind::Exited => format!("× exit {body}"),
            RowKind::TimerSet => {
                let after = self.deadline.map(|d| d.saturating_sub(self.time)).unwrap_or(0);
                format!("send_after {after} ms: {body}")
            }
            RowKind::Register => format!("registered as {body}"),
            RowKind::Spawn => format!("spawn {body}"),
            RowKind::Link => "link".into(),
            RowKind::Monitor => "monitor".into(),
            _ => body,
        };
        if text.chars().count() > max { text.chars().take(max.saturating_sub(1)).chain(['…']).collect() } else { text }
    }
}

/// Lanes and rows, with a version the components compare to know when to redraw.
pub struct Timeline {
    pub lanes: Vec<Lane>,
    lane_of: HashMap<Pid, usize>,
    pub rows: VecDeque<Row>,
    /// Rows dropped from the front so far (absolute index of `rows[0]`).
    pub dropped: u64,
    pub version: u64,
    pub events_seen: u64,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            lanes: vec![Lane { pid: None, module: "you".into(), name: None, exited: false }],
            lane_of: HashMap::new(),
            rows: VecDeque::new(),
            dropped: 0,
            version: 0,
            events_seen: 0,
        }
    }
}

impl Timeline {
    pub fn lane(&mut self, pid: Pid) -> usize {
        if let Some(&lane) = self.lane_of.get(&pid) {
            return lane;
        }
        self.lanes.push(Lane { pid: Some(pid), module: "process".into(), name: None, exited: false });
        let lane = self.lanes.len() - 1;
        self.lane_of.insert(pid, lane);
        lane
    }

    pub fn lane_index(&self, pid: Pid) -> Option<usize> {
        self.lane_of.get(&pid).copied()
    }

    /// Adds one frame's batch of events.
    pub fn ingest(&mut self, events: &[TraceEvent]) {
        if events.is_empty() {
            return;
        }
        for event in events {
            self.ingest_one(event);
        }
        while self.rows.len() > MAX_ROWS {
            self.rows.pop_front();
            self.dropped += 1;
        }
        self.events_seen += events.len() as u64;
        self.version += 1;
    }

    fn ingest_one(&mut self, e: &TraceEvent) {
        let Some(to_pid) = e.to else { return };
        let kind = match &e.kind {
            EventKind::Send(kind) => RowKind::Message(*kind),
            EventKind::Spawn => RowKind::Spawn,
            EventKind::ExitSignal => RowKind::ExitSignal,
            EventKind::Link => RowKind::Link,
            EventKind::Monitor => RowKind::Monitor,
            EventKind::Dropped => RowKind::Dropped,
            EventKind::Exit => RowKind::Exited,
            EventKind::Log => RowKind::Log,
            EventKind::TimerSet => RowKind::TimerSet,
            EventKind::Register => RowKind::Register,
            _ => return,
        };
        let to = self.lane(to_pid);
        match kind {
            RowKind::Spawn => {
                if let Some(module) = e.detail.as_ref().and_then(|d| d.as_str()) {
                    self.lanes[to].module = module.trim_start_matches("Elixir.").to_string();
                }
            }
            RowKind::Register => {
                self.lanes[to].name = e.detail.as_ref().and_then(|d| d.as_str()).map(|n| n.trim_start_matches("Elixir.").to_string());
            }
            RowKind::Exited => self.lanes[to].exited = true,
            RowKind::Message(MsgKind::Exit) => {
                // A trapped exit: the signal row just before it says the same; keep one.
                if let Some(last) = self.rows.back()
                    && last.kind == RowKind::ExitSignal
                    && last.to == to
                    && Some(last.from) == e.from.and_then(|p| self.lane_of.get(&p).copied())
                {
                    self.rows.pop_back();
                }
            }
            _ => {}
        }
        let from = match e.from {
            Some(pid) => self.lane(pid),
            // A timer comes from the process itself; anything else from outside, the page.
            None if matches!(kind, RowKind::Message(MsgKind::Timer)) || kind.is_note() => to,
            None => 0,
        };
        self.rows.push_back(Row { seq: e.seq, time: e.time, kind, from, to, detail: e.detail.clone(), deadline: e.deadline });
    }

    /// The row with trace sequence number `seq`, if still kept.
    pub fn row_by_seq(&self, seq: u64) -> Option<&Row> {
        let i = self.rows.partition_point(|r| r.seq < seq);
        self.rows.get(i).filter(|r| r.seq == seq)
    }

    pub fn lane_title(&self, lane: usize) -> String {
        let l = &self.lanes[lane];
        match l.pid {
            Some(pid) if l.name.is_some() => format!("{} {}", l.title(), pid),
            Some(pid) => format!("{} {}", l.module, pid),
            None => l.title(),
        }
    }
}
