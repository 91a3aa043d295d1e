//! What the process list and the inspector show.

use serde::Serialize;

use super::ctx::MonitorRef;
use super::pid::Pid;
use super::process::Status;
use super::scheduler::Inner;
use super::timer::{NEVER, TimerRef};
use crate::term::Term;

/// A row of the process list (Observer's columns).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessInfo {
    pub pid: Pid,
    pub name: Option<String>,
    pub module: String,
    pub status: Status,
    pub mailbox_len: usize,
    pub handled: u32,
}

impl ProcessInfo {
    pub(crate) fn of(inner: &Inner, pid: Pid) -> Option<ProcessInfo> {
        let slot = inner.slot(pid)?;
        let cell = slot.cell.as_ref()?;
        Some(ProcessInfo {
            pid,
            name: inner.name_of(pid).map(|n| n.to_string()),
            module: cell.module().to_string(),
            status: slot.status,
            mailbox_len: cell.mailbox_len(),
            handled: slot.handled,
        })
    }
}

/// A pending timer with its countdown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimerInfo {
    pub timer: TimerRef,
    pub remaining_ms: u64,
    /// What it will deliver; `None` for the timeout of a call or a `sleep`.
    pub message: Option<Term>,
}

/// The call (or sleep, or start) a suspended process waits on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PendingWait {
    pub target: Option<Pid>,
    /// Milliseconds left before the timeout; `None` for `:infinity`.
    pub remaining_ms: Option<u64>,
}

/// Everything the inspector shows about one process.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessDetail {
    pub info: ProcessInfo,
    /// `None` while a callback holds the state (busy), or for a plain process.
    pub state: Option<Term>,
    pub mailbox: Vec<Term>,
    pub links: Vec<Pid>,
    /// Processes this one monitors.
    pub monitors: Vec<(MonitorRef, Pid)>,
    /// Processes monitoring this one.
    pub monitored_by: Vec<(MonitorRef, Pid)>,
    /// Processes waiting in a call to this one.
    pub callers: Vec<Pid>,
    pub timers: Vec<TimerInfo>,
    pub waiting: Option<PendingWait>,
    pub trap_exit: bool,
    pub parent: Option<Pid>,
}

impl ProcessDetail {
    pub(crate) fn of(inner: &Inner, pid: Pid) -> Option<ProcessDetail> {
        let info = ProcessInfo::of(inner, pid)?;
        let slot = inner.slot(pid)?;
        let cell = slot.cell.as_ref()?;
        let extras = slot.extras.as_deref();
        let (out, inn) = inner.monitors_of(pid);
        let waiting = extras.and_then(|e| {
            let tag = e.waiting_on?;
            let alias = e.aliases.iter().find(|a| a.tag == tag)?;
            Some(PendingWait { target: alias.target, remaining_ms: alias.deadline.filter(|d| *d != NEVER).map(|d| d.saturating_sub(inner.now)) })
        });
        Some(ProcessDetail {
            info,
            state: cell.state_term(),
            mailbox: cell.mailbox_terms(),
            links: extras.map(|e| e.links.clone()).unwrap_or_default(),
            monitors: out.into_iter().map(|(r, p)| (MonitorRef(r), p)).collect(),
            monitored_by: inn.into_iter().map(|(r, p)| (MonitorRef(r), p)).collect(),
            callers: extras.map(|e| e.callers.iter().map(|&(_, p)| p).collect()).unwrap_or_default(),
            timers: inner
                .timers_of(pid)
                .into_iter()
                .map(|(timer, remaining_ms, message)| TimerInfo { timer, remaining_ms, message })
                .collect(),
            waiting,
            trap_exit: extras.is_some_and(|e| e.trap_exit),
            parent: cell.parent(),
        })
    }
}
