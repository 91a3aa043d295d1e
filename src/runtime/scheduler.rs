//! The scheduler's state and the algorithms that change it: spawning, delivering, exiting,
//! links, monitors and timers. Everything here runs with the state borrowed and never calls
//! user code; polling processes (which runs user code) happens in `runtime.rs`.

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use super::pid::Pid;
use super::process::{Alias, Delivery, Extras, Outcome, ProcessCell, ReplyTo, Slot, Status, SystemMsg, Task, Watch};
use super::reason::ExitReason;
use super::timer::{NEVER, TimerAction, TimerRef, Timers, deadline_after};
use super::trace::{EventKind, MsgKind, Trace};
use crate::term::Term;

pub(crate) type Shared = Rc<RefCell<Inner>>;

/// The first pid number handed out; the BEAM's first user processes have numbers around here.
const FIRST_PID: u32 = 100;

struct MonitorEntry {
    watcher: Pid,
    target: Pid,
}

pub(crate) struct Inner {
    pub now: u64,
    slots: Vec<Slot>,
    free_slots: Vec<u32>,
    next_pid: u32,
    next_ref: u64,
    pub run_queue: VecDeque<Pid>,
    names: HashMap<Rc<str>, Pid>,
    pub timers: Timers,
    monitors: HashMap<u64, MonitorEntry>,
    pub trace: Trace,
    /// The process being polled.
    pub current: Option<Pid>,
    /// Messages the current process may still take this turn.
    pub budget: u32,
    /// Tasks and mailboxes of dead processes, dropped once the borrow is released (dropping
    /// them may run user `Drop` code).
    pub graveyard: Vec<Box<dyn Any>>,
    live: usize,
    exit_queue: VecDeque<(Pid, ExitReason)>,
    finalizing: bool,
    /// Exit reasons wanted from outside (`Runtime::block_on` waits on its shell).
    exit_watchers: Vec<(Pid, Rc<RefCell<Option<ExitReason>>>)>,
    /// Processes whose outside (browser I/O) futures woke up.
    pub wake_list: std::sync::Arc<super::io::WakeList>,
    /// Processes suspended on outside futures right now.
    pub io_waits: usize,
    /// Call timeouts, kept apart from timers: see [`CallTimeouts`].
    call_timeouts: CallTimeouts,
}

/// `(deadline, caller, alias tag)` of a call waiting for its reply.
type CallDeadline = (u64, Pid, u64);

/// Call timeouts by duration. Almost every call arms a timeout and almost none fires, so
/// a call only appends `(deadline, caller, tag)` to the queue for its duration (deadlines
/// of one duration come in order, as time never goes back) and never cancels it: an entry
/// whose call has ended is skipped when it reaches the front. Calls with more distinct
/// durations than there are queues get an ordinary timer.
#[derive(Default)]
struct CallTimeouts {
    /// `(duration, [(deadline, caller, tag)])`.
    queues: Vec<(u64, VecDeque<CallDeadline>)>,
    /// Calls whose timeout is in a queue and whose alias still exists.
    active: usize,
}

const CALL_TIMEOUT_QUEUES: usize = 4;

impl Inner {
    pub fn new(trace_capacity: usize) -> Self {
        Inner {
            now: 0,
            slots: Vec::new(),
            free_slots: Vec::new(),
            next_pid: FIRST_PID,
            next_ref: 1,
            run_queue: VecDeque::new(),
            names: HashMap::default(),
            timers: Timers::default(),
            monitors: HashMap::default(),
            trace: Trace::new(trace_capacity),
            current: None,
            budget: 0,
            graveyard: Vec::new(),
            live: 0,
            exit_queue: VecDeque::new(),
            finalizing: false,
            exit_watchers: Vec::new(),
            wake_list: Default::default(),
            io_waits: 0,
            call_timeouts: CallTimeouts::default(),
        }
    }

    pub fn live_count(&self) -> usize {
        self.live
    }

    pub fn monitor_count(&self) -> usize {
        self.monitors.len()
    }

    pub fn watch_exit(&mut self, pid: Pid, into: Rc<RefCell<Option<ExitReason>>>) {
        self.exit_watchers.push((pid, into));
    }

    pub fn new_ref(&mut self) -> u64 {
        let r = self.next_ref;
        self.next_ref += 1;
        r
    }

    // ---- tracing -------------------------------------------------------------------------

    #[inline]
    pub fn tracing(&self) -> bool {
        self.trace.enabled
    }

    #[inline]
    pub fn trace(&mut self, kind: EventKind, from: Option<Pid>, to: Option<Pid>, detail: impl FnOnce() -> Option<Term>) {
        if self.trace.enabled {
            let now = self.now;
            self.trace.push(now, kind, from, to, detail());
        }
    }

    // ---- slots ---------------------------------------------------------------------------

    #[inline]
    pub fn slot(&self, pid: Pid) -> Option<&Slot> {
        self.slots.get(pid.index as usize).filter(|s| s.pid == pid && s.status != Status::Exited)
    }

    #[inline]
    pub fn slot_mut(&mut self, pid: Pid) -> Option<&mut Slot> {
        self.slots.get_mut(pid.index as usize).filter(|s| s.pid == pid && s.status != Status::Exited)
    }

    pub fn is_alive(&self, pid: Pid) -> bool {
        self.slot(pid).is_some()
    }

    pub fn cell(&self, pid: Pid) -> Option<Rc<dyn ProcessCell>> {
        self.slot(pid)?.cell.clone()
    }

    /// The cell without cloning the `Rc` (hot paths: cast, call).
    #[inline]
    pub fn cell_ref(&self, pid: Pid) -> Option<&dyn ProcessCell> {
        self.slot(pid)?.cell.as_deref()
    }

    /// Resolves a destination to a live pid.
    #[inline]
    pub fn resolve(&self, dest: &super::ctx::Dest) -> Option<Pid> {
        match dest {
            super::ctx::Dest::Pid(p) => self.is_alive(*p).then_some(*p),
            super::ctx::Dest::Name(n) => self.whereis(n),
        }
    }

    pub fn live_pids(&self) -> Vec<Pid> {
        self.slots.iter().filter(|s| s.status != Status::Exited).map(|s| s.pid).collect()
    }

    /// Reserves a pid and installs a process; `make` builds its cell and task from the pid.
    pub fn spawn(
        &mut self,
        parent: Option<Pid>,
        make: impl FnOnce(Pid) -> (Rc<dyn ProcessCell>, Task),
    ) -> Pid {
        let id = self.next_pid;
        self.next_pid += 1;
        let index = self.free_slots.pop().unwrap_or(self.slots.len() as u32);
        let pid = Pid { id, index };
        let (cell, task) = make(pid);
        let module = cell.module();
        let slot = Slot { pid, task: Some(task), cell: Some(cell), status: Status::Runnable, queued: true, handled: 0, extras: None };
        if index as usize == self.slots.len() {
            self.slots.push(slot);
        } else {
            self.slots[index as usize] = slot;
        }
        self.live += 1;
        self.run_queue.push_back(pid);
        self.trace(EventKind::Spawn, parent, Some(pid), || Some(Term::atom(module)));
        pid
    }

    /// Queues the processes whose outside futures woke up.
    pub fn drain_io_wakes(&mut self) {
        for pid in self.wake_list.drain() {
            if self.slot(pid).is_some_and(|s| s.status == Status::Suspended) {
                self.wake(pid);
            }
        }
    }

    /// Puts a runnable process on the run queue (once).
    #[inline]
    pub fn wake(&mut self, pid: Pid) {
        if let Some(slot) = self.slot_mut(pid)
            && !slot.queued && slot.status != Status::Running
        {
            slot.queued = true;
            slot.status = Status::Runnable;
            self.run_queue.push_back(pid);
        }
    }

    /// Wakes a process that waits in `receive`; one suspended in a call stays suspended.
    #[inline]
    pub fn wake_for_message(&mut self, pid: Pid) {
        if self.slot(pid).is_some_and(|s| s.status == Status::Waiting) {
            self.wake(pid);
        }
    }

    // ---- names ---------------------------------------------------------------------------

    pub fn whereis(&self, name: &str) -> Option<Pid> {
        self.names.get(name).copied().filter(|p| self.is_alive(*p))
    }

    pub fn registered(&self) -> Vec<(String, Pid)> {
        let mut all: Vec<_> = self.names.iter().map(|(n, p)| (n.to_string(), *p)).collect();
        all.sort();
        all
    }

    pub fn name_of(&self, pid: Pid) -> Option<Rc<str>> {
        self.slot(pid)?.extras.as_ref()?.name.clone()
    }

    /// `Process.register/2`: fails if the name is taken or the process already has a name.
    pub fn register(&mut self, pid: Pid, name: &str) -> Result<(), Pid> {
        if let Some(holder) = self.whereis(name) {
            return Err(holder);
        }
        let name: Rc<str> = Rc::from(name);
        let Some(slot) = self.slot_mut(pid) else { return Err(pid) };
        if slot.extras.as_ref().is_some_and(|e| e.name.is_some()) {
            return Err(pid);
        }
        slot.extras().name = Some(name.clone());
        self.names.insert(name.clone(), pid);
        self.trace(EventKind::Register, None, Some(pid), || Some(Term::atom(&name)));
        Ok(())
    }

    pub fn unregister(&mut self, name: &str) -> bool {
        let Some(pid) = self.names.remove(name) else { return false };
        if let Some(slot) = self.slot_mut(pid) {
            slot.extras().name = None;
        }
        self.trace(EventKind::Unregister, None, Some(pid), || Some(Term::atom(name)));
        true
    }

    // ---- delivery ------------------------------------------------------------------------

    /// A plain message (`send/2`, or a fired `send_after`).
    pub fn deliver_info(&mut self, from: Option<Pid>, to: Pid, msg: Delivery, kind: MsgKind) {
        let Some(cell) = self.cell(to) else {
            self.trace(EventKind::Dropped, from, Some(to), || Some(msg.to_term()));
            return;
        };
        self.trace(EventKind::Send(kind), from, Some(to), || Some(msg.to_term()));
        cell.push_info(msg);
        self.wake_for_message(to);
    }

    pub fn deliver_term(&mut self, from: Option<Pid>, to: Pid, term: Term) -> bool {
        let Some(cell) = self.cell(to) else { return false };
        self.trace(EventKind::Send(MsgKind::Info), from, Some(to), || Some(term.clone()));
        cell.push_system(SystemMsg::Term(term));
        self.wake_for_message(to);
        true
    }

    /// Hands a reply to a process waiting on `to.tag`; dropped if that alias is gone.
    pub fn deliver_reply(&mut self, from: Option<Pid>, to: ReplyTo, value: Box<dyn Any>, shown: impl FnOnce() -> Term) -> bool {
        let tracing = self.trace.enabled;
        let woken = match self.slot_mut(to.pid) {
            Some(slot) => match slot.alias_mut(to.tag) {
                Some(alias) if alias.outcome.is_none() => {
                    alias.outcome = Some(Outcome::Reply(value));
                    Some(slot.extras.as_ref().is_some_and(|e| e.waiting_on == Some(to.tag)))
                }
                _ => None,
            },
            None => None,
        };
        let Some(waiting) = woken else {
            if tracing {
                self.trace(EventKind::Dropped, from, Some(to.pid), || Some(shown()));
            }
            return false;
        };
        if tracing {
            self.trace(EventKind::Send(MsgKind::Reply), from, Some(to.pid), || Some(shown()));
        }
        if waiting {
            self.wake(to.pid);
        }
        true
    }

    /// Sets an alias's outcome (first one wins) and wakes its owner if it waits on it.
    fn resolve_alias(&mut self, pid: Pid, tag: u64, outcome: Outcome) {
        let Some(slot) = self.slot_mut(pid) else { return };
        let Some(alias) = slot.alias_mut(tag) else { return };
        if alias.outcome.is_some() {
            return;
        }
        alias.outcome = Some(outcome);
        if slot.extras.as_ref().is_some_and(|e| e.waiting_on == Some(tag)) {
            self.wake(pid);
        }
    }

    // ---- aliases -------------------------------------------------------------------------

    pub fn add_alias(&mut self, pid: Pid, alias: Alias) {
        if let Some(slot) = self.slot_mut(pid) {
            slot.extras().aliases.push(alias);
        }
    }

    /// Takes a resolved alias's outcome and releases its timer and monitor.
    pub fn take_outcome(&mut self, pid: Pid, tag: u64) -> Option<Outcome> {
        let slot = self.slot_mut(pid)?;
        let extras = slot.extras.as_mut()?;
        let pos = extras.aliases.iter().position(|a| a.tag == tag && a.outcome.is_some())?;
        let alias = extras.aliases.swap_remove(pos);
        extras.waiting_on = None;
        self.release_alias(pid, &alias);
        alias.outcome
    }

    /// What an ended alias held: its timeout, its timer, its watch on the target.
    pub fn release_alias(&mut self, pid: Pid, alias: &Alias) {
        if alias.queued_timeout {
            self.call_timeouts.active -= 1;
        }
        if let Some(timer) = alias.timer {
            self.cancel_timer(timer);
        }
        self.unwatch(pid, alias.tag, alias.watch);
    }

    /// Registers `caller` as waiting on `target` under `tag`: if `target` dies first, the
    /// alias resolves with its exit reason.
    pub fn add_caller(&mut self, target: Pid, caller: Pid, tag: u64) {
        if let Some(slot) = self.slot_mut(target) {
            slot.extras().callers.push((tag, caller));
        }
    }

    fn unwatch(&mut self, owner: Pid, tag: u64, watch: Watch) {
        match watch {
            Watch::None => {}
            Watch::Monitor(reference) => {
                self.demonitor(reference);
            }
            Watch::Caller(target) => {
                if let Some(e) = self.slot_mut(target).and_then(|s| s.extras.as_mut())
                    && let Some(i) = e.callers.iter().position(|&(t, c)| t == tag && c == owner)
                {
                    e.callers.swap_remove(i);
                }
            }
        }
    }

    // ---- monitors and links --------------------------------------------------------------

    /// `Process.monitor/1`. Monitoring a dead pid delivers DOWN with `:noproc` at once.
    pub fn monitor(&mut self, watcher: Pid, target: Pid, reference: u64) {
        self.trace(EventKind::Monitor, Some(watcher), Some(target), || Some(Term::Ref(reference)));
        if !self.is_alive(target) {
            self.notify_down(watcher, reference, target, ExitReason::NoProc);
            return;
        }
        self.monitors.insert(reference, MonitorEntry { watcher, target });
        self.slot_mut(target).expect("alive").extras().monitors_in.push(reference);
        if let Some(slot) = self.slot_mut(watcher) {
            slot.extras().monitors_out.push(reference);
        }
    }

    pub fn demonitor(&mut self, reference: u64) -> bool {
        let Some(entry) = self.monitors.remove(&reference) else { return false };
        if let Some(e) = self.slot_mut(entry.target).and_then(|s| s.extras.as_mut()) {
            remove_one(&mut e.monitors_in, &reference);
        }
        if let Some(e) = self.slot_mut(entry.watcher).and_then(|s| s.extras.as_mut()) {
            remove_one(&mut e.monitors_out, &reference);
        }
        true
    }

    fn notify_down(&mut self, watcher: Pid, reference: u64, target: Pid, reason: ExitReason) {
        let Some(slot) = self.slot_mut(watcher) else { return };
        if let Some(alias) = slot.alias_mut(reference) {
            // A stop or start waiting on this process: the wait ends with its exit.
            alias.watch = Watch::None;
            self.resolve_alias(watcher, reference, Outcome::Down(reason));
            return;
        }
        let cell = slot.cell.clone().expect("live process has a cell");
        self.trace(EventKind::Send(MsgKind::Down), Some(target), Some(watcher), || {
            Some(down_term(reference, target, &reason))
        });
        cell.push_system(SystemMsg::Down { monitor: reference, pid: target, reason });
        self.wake_for_message(watcher);
    }

    /// `Process.link/1`. Linking to a dead pid: the caller gets an exit signal `:noproc`.
    pub fn link(&mut self, a: Pid, b: Pid) {
        if a == b {
            return;
        }
        if !self.is_alive(b) {
            self.exit_signal(b, a, ExitReason::NoProc, true);
            return;
        }
        let (Some(sa), Some(sb)) = (self.slot(a), self.slot(b)) else { return };
        // Links are a set; look in the shorter list (a cache linked to 10,000 sessions
        // checks the new session's one link, not its own 10,000).
        let la = sa.extras.as_ref().map_or(0, |e| e.links.len());
        let lb = sb.extras.as_ref().map_or(0, |e| e.links.len());
        let linked = if la <= lb {
            sa.extras.as_ref().is_some_and(|e| e.links.contains(&b))
        } else {
            sb.extras.as_ref().is_some_and(|e| e.links.contains(&a))
        };
        if linked {
            return;
        }
        self.slot_mut(a).expect("alive").extras().links.push(b);
        self.slot_mut(b).expect("alive").extras().links.push(a);
        self.trace(EventKind::Link, Some(a), Some(b), || None);
    }

    pub fn unlink(&mut self, a: Pid, b: Pid) {
        for (x, y) in [(a, b), (b, a)] {
            if let Some(e) = self.slot_mut(x).and_then(|s| s.extras.as_mut()) {
                remove_one(&mut e.links, &y);
            }
        }
        self.trace(EventKind::Unlink, Some(a), Some(b), || None);
    }

    pub fn set_trap_exit(&mut self, pid: Pid, on: bool) -> bool {
        let Some(slot) = self.slot_mut(pid) else { return false };
        std::mem::replace(&mut slot.extras().trap_exit, on)
    }

    // ---- exits ---------------------------------------------------------------------------

    /// An exit signal from `from` to `to`: `exit/2` (`linked == false`) or a dying link.
    pub fn exit_signal(&mut self, from: Pid, to: Pid, reason: ExitReason, linked: bool) {
        if !self.is_alive(to) {
            return;
        }
        self.trace(EventKind::ExitSignal, Some(from), Some(to), || Some(reason.to_term()));
        let slot = self.slot(to).expect("alive");
        if reason == ExitReason::Kill && !linked {
            self.kill(to, ExitReason::Killed, false);
            return;
        }
        let trapping = slot.extras.as_ref().is_some_and(|e| e.trap_exit);
        if trapping {
            let cell = slot.cell.clone().expect("live process has a cell");
            self.trace(EventKind::Send(MsgKind::Exit), Some(from), Some(to), || Some(exit_term(from, &reason)));
            cell.push_system(SystemMsg::Exit { pid: from, reason });
            self.wake_for_message(to);
            return;
        }
        if reason == ExitReason::Normal && from != to {
            return;
        }
        self.kill(to, reason, false);
    }

    /// Ends a process. A process that is running, or already woken for a step, finishes that
    /// step first (see docs/semantics.md); any other one ends now.
    pub fn kill(&mut self, pid: Pid, reason: ExitReason, run_terminate: bool) {
        let Some(slot) = self.slot_mut(pid) else { return };
        // Only a process in its turn (or one that must run `terminate`) finishes it first: a
        // queued one killed between turns never runs again, as on the BEAM.
        if slot.status == Status::Running || (slot.queued && run_terminate) {
            let extras = slot.extras();
            if extras.pending_exit.is_none() {
                extras.pending_exit = Some((reason, run_terminate));
            }
            return;
        }
        self.finalize(pid, reason);
    }

    pub fn pending_exit(&mut self, pid: Pid) -> Option<(ExitReason, bool)> {
        self.slot_mut(pid)?.extras.as_mut()?.pending_exit.take()
    }

    pub fn has_pending_exit(&self, pid: Pid) -> bool {
        self.slot(pid).and_then(|s| s.extras.as_ref()).is_some_and(|e| e.pending_exit.is_some())
    }

    /// Removes a process and tells its links and monitors, iteratively (a chain of links
    /// must not grow the stack).
    pub fn finalize(&mut self, pid: Pid, reason: ExitReason) {
        self.exit_queue.push_back((pid, reason));
        if self.finalizing {
            return;
        }
        self.finalizing = true;
        while let Some((pid, reason)) = self.exit_queue.pop_front() {
            self.finalize_one(pid, reason);
        }
        self.finalizing = false;
    }

    fn finalize_one(&mut self, pid: Pid, reason: ExitReason) {
        let reason = if reason == ExitReason::Kill { ExitReason::Killed } else { reason };
        let Some(slot) = self.slot_mut(pid) else { return };
        slot.status = Status::Exited;
        slot.queued = false;
        let task = slot.task.take();
        let cell = slot.cell.take();
        let extras = slot.extras.take();
        let starter = cell.as_ref().and_then(|c| c.take_starter());
        if let Some(task) = task {
            self.graveyard.push(Box::new(task));
        }
        if let Some(cell) = cell {
            self.graveyard.push(Box::new(cell));
        }
        self.live -= 1;
        self.free_slots.push(pid.index);
        self.trace(EventKind::Exit, None, Some(pid), || Some(reason.to_term()));
        if let Some(starter) = starter {
            self.resolve_alias(starter.pid, starter.tag, Outcome::Down(reason.clone()));
        }
        if let Some(i) = self.exit_watchers.iter().position(|(p, _)| *p == pid) {
            let (_, into) = self.exit_watchers.swap_remove(i);
            *into.borrow_mut() = Some(reason.clone());
        }
        let Some(mut extras) = extras else { return };
        if let Some(name) = extras.name.take() {
            self.names.remove(&name);
            self.trace(EventKind::Unregister, None, Some(pid), || Some(Term::atom(&name)));
        }
        let mut head = extras.timer_head;
        for timer in self.timers.owner_list(head) {
            self.timers.remove(timer, &mut head);
        }
        for alias in std::mem::take(&mut extras.aliases) {
            if alias.queued_timeout {
                self.call_timeouts.active -= 1;
            }
            if let Watch::Caller(_) = alias.watch {
                self.unwatch(pid, alias.tag, alias.watch);
            }
        }
        for (tag, caller) in std::mem::take(&mut extras.callers) {
            if let Some(slot) = self.slot_mut(caller)
                && let Some(alias) = slot.alias_mut(tag)
            {
                alias.watch = Watch::None;
            }
            self.resolve_alias(caller, tag, Outcome::Down(reason.clone()));
        }
        for reference in std::mem::take(&mut extras.monitors_out) {
            if let Some(entry) = self.monitors.remove(&reference)
                && let Some(e) = self.slot_mut(entry.target).and_then(|s| s.extras.as_mut())
            {
                remove_one(&mut e.monitors_in, &reference);
            }
        }
        for linked in std::mem::take(&mut extras.links) {
            if let Some(e) = self.slot_mut(linked).and_then(|s| s.extras.as_mut()) {
                remove_one(&mut e.links, &pid);
            }
            self.exit_signal(pid, linked, reason.clone(), true);
        }
        for reference in std::mem::take(&mut extras.monitors_in) {
            if let Some(entry) = self.monitors.remove(&reference) {
                if let Some(e) = self.slot_mut(entry.watcher).and_then(|s| s.extras.as_mut()) {
                    remove_one(&mut e.monitors_out, &reference);
                }
                self.notify_down(entry.watcher, reference, pid, reason.clone());
            }
        }
    }

    // ---- call timeouts ---------------------------------------------------------------------

    /// Queues a call's timeout; false if no queue is free for this duration (use a timer).
    pub fn queue_call_timeout(&mut self, caller: Pid, tag: u64, ms: u64) -> bool {
        let deadline = deadline_after(self.now, ms);
        let queues = &mut self.call_timeouts.queues;
        let i = match queues.iter().position(|(d, _)| *d == ms) {
            Some(i) => i,
            None if queues.len() < CALL_TIMEOUT_QUEUES => {
                queues.push((ms, VecDeque::new()));
                queues.len() - 1
            }
            None => return false,
        };
        let queue = &mut queues[i].1;
        queue.push_back((deadline, caller, tag));
        self.call_timeouts.active += 1;
        if queue.len() > 1024 && queue.len() > 4 * self.call_timeouts.active {
            let mut queue = std::mem::take(&mut self.call_timeouts.queues[i].1);
            queue.retain(|&(_, pid, tag)| self.call_waiting(pid, tag));
            self.call_timeouts.queues[i].1 = queue;
        }
        true
    }

    /// Whether `pid` still waits on call `tag` (its timeout would still matter).
    fn call_waiting(&self, pid: Pid, tag: u64) -> bool {
        self.slot(pid)
            .and_then(|s| s.extras.as_ref())
            .is_some_and(|e| e.aliases.iter().any(|a| a.tag == tag && a.outcome.is_none()))
    }

    /// The earliest call timeout that still matters; drops ended calls from the fronts.
    fn next_call_deadline(&mut self) -> Option<(u64, usize)> {
        let mut best: Option<(u64, usize)> = None;
        for i in 0..self.call_timeouts.queues.len() {
            while let Some(&(deadline, pid, tag)) = self.call_timeouts.queues[i].1.front() {
                if self.call_waiting(pid, tag) {
                    if best.is_none_or(|(b, _)| deadline < b) {
                        best = Some((deadline, i));
                    }
                    break;
                }
                self.call_timeouts.queues[i].1.pop_front();
            }
        }
        best
    }

    /// Times out one call due at or before now. False if none is due.
    fn fire_call_timeout(&mut self) -> bool {
        // Cheap check first: nothing at any front is due.
        let now = self.now;
        if self.call_timeouts.queues.iter().all(|(_, q)| q.front().is_none_or(|e| e.0 > now)) {
            return false;
        }
        let Some((deadline, i)) = self.next_call_deadline() else { return false };
        if deadline > now {
            return false;
        }
        let (_, pid, tag) = self.call_timeouts.queues[i].1.pop_front().expect("front exists");
        self.resolve_alias(pid, tag, Outcome::Timeout);
        true
    }

    /// The earliest deadline of any timer or call timeout (one that ever comes).
    pub fn next_deadline(&mut self) -> Option<u64> {
        let timer = self.timers.next_deadline();
        let call = self.next_call_deadline().map(|(d, _)| d).filter(|d| *d != NEVER);
        match (timer, call) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Pending timers plus calls waiting with a timeout.
    pub fn pending_timer_count(&self) -> usize {
        self.timers.len() + self.call_timeouts.active
    }

    // ---- timers --------------------------------------------------------------------------

    pub fn add_timer(&mut self, owner: Pid, after: u64, action: TimerAction, shown: impl FnOnce() -> Option<Term>) -> Option<TimerRef> {
        let deadline = deadline_after(self.now, after);
        let slot = self.slots.get_mut(owner.index as usize).filter(|s| s.pid == owner && s.status != Status::Exited)?;
        let extras = slot.extras.get_or_insert_with(Default::default);
        let r = self.timers.insert(deadline, after, owner, action, &mut extras.timer_head);
        if self.trace.enabled {
            let now = self.now;
            // The time asked for, even past `MAX_TIME` (when the timer never fires).
            self.trace.push_with_deadline(now, EventKind::TimerSet, None, Some(owner), shown(), Some(now.saturating_add(after)));
        }
        Some(r)
    }

    /// Cancels a timer; the milliseconds it had left, or `None` if it already fired.
    pub fn cancel_timer(&mut self, r: TimerRef) -> Option<u64> {
        let owner = self.timers.get(r)?.owner;
        let now = self.now;
        let slot = self.slots.get_mut(owner.index as usize)?;
        let extras: &mut Extras = slot.extras.as_mut()?;
        let entry = self.timers.remove(r, &mut extras.timer_head)?;
        if matches!(entry.action, TimerAction::Deliver(_)) {
            self.trace(EventKind::TimerCancel, None, Some(owner), || None);
        }
        Some(entry.deadline.saturating_sub(now))
    }

    pub fn timer_remaining(&self, r: TimerRef) -> Option<u64> {
        Some(self.timers.get(r)?.deadline.saturating_sub(self.now))
    }

    /// Fires one timer (or call timeout) due at or before now. False if none is due.
    pub fn fire_one_due(&mut self) -> bool {
        if self.fire_call_timeout() {
            return true;
        }
        let Some(r) = self.timers.pop_due(self.now) else { return false };
        let Some(owner) = self.timers.get(r).map(|e| e.owner) else { return true };
        let slot = &mut self.slots[owner.index as usize];
        let extras = slot.extras.as_mut().expect("a timer's owner has extras");
        let entry = self.timers.remove(r, &mut extras.timer_head).expect("live timer");
        match entry.action {
            TimerAction::Deliver(msg) => {
                self.trace(EventKind::TimerFire, None, Some(owner), || Some(msg.to_term()));
                self.deliver_info(None, owner, msg, MsgKind::Timer);
            }
            TimerAction::Wake { tag } => self.resolve_alias(owner, tag, Outcome::Timeout),
        }
        true
    }

    /// The timers a process owns: (ref, ms left, what it delivers).
    pub fn timers_of(&self, pid: Pid) -> Vec<(TimerRef, u64, Option<Term>)> {
        let Some(head) = self.slot(pid).and_then(|s| s.extras.as_ref()).map(|e| e.timer_head) else { return vec![] };
        self.timers
            .owner_list(head)
            .into_iter()
            .filter_map(|r| {
                let e = self.timers.get(r)?;
                let shown = match &e.action {
                    TimerAction::Deliver(m) => Some(m.to_term()),
                    TimerAction::Wake { .. } => None,
                };
                Some((r, e.deadline.saturating_sub(self.now), shown))
            })
            .collect()
    }

    /// `(monitors it holds, monitors on it)`, each as `(reference, the other pid)`.
    #[allow(clippy::type_complexity)]
    pub fn monitors_of(&self, pid: Pid) -> (Vec<(u64, Pid)>, Vec<(u64, Pid)>) {
        let Some(e) = self.slot(pid).and_then(|s| s.extras.as_ref()) else { return (vec![], vec![]) };
        let out = e.monitors_out.iter().filter_map(|r| Some((*r, self.monitors.get(r)?.target))).collect();
        let inn = e.monitors_in.iter().filter_map(|r| Some((*r, self.monitors.get(r)?.watcher))).collect();
        (out, inn)
    }
}

/// Removes one occurrence, searching from the newest (links and monitors are usually
/// undone soon after they are made); O(1) removal, order of the rest is not kept.
fn remove_one<T: PartialEq>(items: &mut Vec<T>, item: &T) {
    if let Some(i) = items.iter().rposition(|x| x == item) {
        items.swap_remove(i);
    }
}

pub(crate) fn down_term(reference: u64, pid: Pid, reason: &ExitReason) -> Term {
    Term::Tuple(vec![Term::atom("DOWN"), Term::Ref(reference), Term::atom("process"), Term::Pid(pid), reason.to_term()])
}

pub(crate) fn exit_term(pid: Pid, reason: &ExitReason) -> Term {
    Term::Tuple(vec![Term::atom("EXIT"), Term::Pid(pid), reason.to_term()])
}
