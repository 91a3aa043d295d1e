//! [`Runtime`]: the scheduler as drivers, tests and the UI see it.
//!
//! The runtime never reads a clock. Time moves only when a driver says so: tests and the
//! UI's pause/step controls move virtual time ([`Runtime::advance_to_next_timer`],
//! [`Runtime::block_on`]); the browser driver turns real time into a target for
//! [`Runtime::tick`], which moves the clock from deadline to deadline up to it.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::ctx::{Ctx, Dest, SendError, spawn_plain};
use super::genserver::{GenServer, StartError, StartOpts};
use super::introspect::{ProcessDetail, ProcessInfo};
use super::pid::Pid;
use super::process::Status;
use super::reason::ExitReason;
use super::scheduler::{Inner, Shared};
use super::timer::MAX_TIME;
use super::trace::TraceEvent;
use crate::term::Term;

/// Messages a process may handle in one turn before others get theirs.
pub const MESSAGES_PER_TURN: u32 = 64;

/// How a driver tick ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TickReport {
    /// Process turns and timers run in this tick.
    pub steps: usize,
    /// Nothing runnable and no timer due at the clock: the tick did everything up to its
    /// target (or a process waits on browser I/O). False when it ran out of steps.
    pub idle: bool,
    pub next_timer: Option<u64>,
}

/// A shell process started by [`Runtime::spawn_shell`], and what it produced.
pub struct Shell<T> {
    pub pid: Pid,
    out: Rc<RefCell<Option<T>>>,
    reason: Rc<RefCell<Option<ExitReason>>>,
}

impl<T> Shell<T> {
    /// `Some(Ok(value))` once the body returned, `Some(Err(reason))` if the shell died.
    pub fn result(&self) -> Option<Result<T, ExitReason>> {
        if let Some(value) = self.out.borrow_mut().take() {
            return Some(Ok(value));
        }
        self.reason.borrow_mut().take().map(Err)
    }
}

/// A handle on one scheduler. Cloning it gives another handle on the same scheduler.
#[derive(Clone)]
pub struct Runtime {
    pub(crate) shared: Shared,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Runtime {
    /// A runtime with tracing on and a trace of up to 100,000 events.
    pub fn new() -> Self {
        Runtime::with_trace_capacity(100_000)
    }

    pub fn with_trace_capacity(capacity: usize) -> Self {
        Runtime { shared: Rc::new(RefCell::new(Inner::new(capacity))) }
    }

    /// Virtual milliseconds since start.
    pub fn now(&self) -> u64 {
        self.shared.borrow().now
    }

    pub fn set_tracing(&self, on: bool) {
        self.shared.borrow_mut().trace.enabled = on;
    }

    pub fn tracing(&self) -> bool {
        self.shared.borrow().trace.enabled
    }

    /// Trace events from sequence number `cursor` on (at most `max`).
    pub fn trace_since(&self, cursor: u64, max: usize) -> Vec<TraceEvent> {
        self.shared.borrow().trace.since(cursor, max)
    }

    /// The sequence number the next event will get.
    pub fn trace_cursor(&self) -> u64 {
        self.shared.borrow().trace.next_seq()
    }

    pub fn clear_trace(&self) {
        self.shared.borrow_mut().trace.clear();
    }

    /// Spawns a plain process from outside (a shell, a scenario script).
    pub fn spawn<F, Fut>(&self, module: &'static str, body: F) -> Pid
    where
        F: FnOnce(Ctx) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        spawn_plain(&self.shared, None, module, body)
    }

    /// Spawns a shell process running `body`; [`Shell::result`] tells when it is done.
    pub fn spawn_shell<T, F, Fut>(&self, body: F) -> Shell<T>
    where
        T: 'static,
        F: FnOnce(Ctx) -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
    {
        let out = Rc::new(RefCell::new(None));
        let out_in_shell = out.clone();
        let pid = self.spawn("shell", move |ctx| async move {
            let value = body(ctx).await;
            *out_in_shell.borrow_mut() = Some(value);
        });
        let reason = Rc::new(RefCell::new(None));
        self.shared.borrow_mut().watch_exit(pid, reason.clone());
        Shell { pid, out, reason }
    }

    /// Runs `body` in a new shell process under virtual time until it finishes: runs every
    /// runnable process, and when all wait, jumps to the next timer. Returns the body's value,
    /// or the shell's exit reason if it died (`:deadlock` if it waits for something that can
    /// never happen). Browser I/O cannot settle inside this loop: in the browser use
    /// `driver::block_on_async`.
    pub fn block_on<T, F, Fut>(&self, body: F) -> Result<T, ExitReason>
    where
        T: 'static,
        F: FnOnce(Ctx) -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
    {
        let shell = self.spawn_shell(body);
        loop {
            self.run_until_idle();
            if let Some(result) = shell.result() {
                return result;
            }
            if !self.advance_to_next_timer() {
                return Err(self.deadlock(&shell));
            }
        }
    }

    /// Ends a shell that can never finish.
    pub fn deadlock<T>(&self, shell: &Shell<T>) -> ExitReason {
        self.exit(shell.pid, ExitReason::Kill);
        self.run_until_idle();
        ExitReason::atom("deadlock")
    }

    /// `GenServer.start/3` from outside any process (runs under virtual time until `init` returns).
    pub fn start<S: GenServer>(&self, args: S::Args, opts: StartOpts) -> Result<Pid, StartError> {
        self.block_on(move |ctx| async move { ctx.start::<S>(args, opts).await }).unwrap_or_else(|r| Err(StartError::Exit(r)))
    }

    /// Polls the next runnable process for one turn of at most `budget` messages.
    fn poll_one(&self, budget: u32) -> bool {
        let (pid, mut task) = {
            let mut inner = self.shared.borrow_mut();
            inner.drain_io_wakes();
            loop {
                let Some(pid) = inner.run_queue.pop_front() else { return false };
                let Some(slot) = inner.slot_mut(pid) else { continue };
                if !slot.queued {
                    continue;
                }
                slot.queued = false;
                let task = match slot.task.take() {
                    Some(task) => task,
                    None => {
                        // A GenServer's first message since init: start its receive loop.
                        let cell = slot.cell.clone().expect("a live process has a cell");
                        let ctx = Ctx { shared: self.shared.clone(), pid };
                        match cell.make_turn(ctx) {
                            Some(task) => task,
                            None => continue,
                        }
                    }
                };
                let slot = inner.slot_mut(pid).expect("still alive");
                slot.status = Status::Running;
                inner.current = Some(pid);
                inner.budget = budget;
                break (pid, task);
            }
        };
        let polled = task.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        let mut inner = self.shared.borrow_mut();
        inner.current = None;
        if polled.is_pending() && inner.graveyard.is_empty() {
            // The common case (waiting for a message or a reply): one lookup, task back.
            let slot = inner.slot_mut(pid).expect("only the scheduler removes a process");
            if slot.extras.as_ref().is_none_or(|e| e.pending_exit.is_none()) {
                slot.task = Some(task);
                if slot.status == Status::Running {
                    // Waiting on something outside the runtime (browser I/O).
                    slot.status = Status::Suspended;
                }
                return true;
            }
        }
        let (exit, turn_over) = match polled {
            Poll::Ready(Some(reason)) => (Some(inner.pending_exit(pid).unwrap_or((reason, false))), false),
            Poll::Ready(None) => (inner.pending_exit(pid), true),
            Poll::Pending => (inner.pending_exit(pid), false),
        };
        match exit {
            None if turn_over => {
                // A GenServer finished init: it waits for its first message without a future.
                let slot = inner.slot_mut(pid).expect("a process that did not exit is alive");
                let more = slot.cell.as_ref().is_some_and(|c| c.mailbox_len() > 0);
                slot.status = Status::Waiting;
                inner.graveyard.push(Box::new(task));
                if more {
                    inner.wake(pid);
                }
            }
            None => {
                let slot = inner.slot_mut(pid).expect("a process that did not exit is alive");
                slot.task = Some(task);
                if slot.status == Status::Running {
                    // Waiting on something outside the runtime (browser I/O).
                    slot.status = Status::Suspended;
                }
            }
            Some((reason, run_terminate)) => {
                if run_terminate {
                    // Drop the task first: it holds the state while suspended in a callback.
                    drop(inner);
                    drop(task);
                    let cell = self.shared.borrow().cell(pid);
                    if let Some(cell) = cell {
                        cell.terminate_after_crash(&Ctx { shared: self.shared.clone(), pid }, &reason);
                    }
                    inner = self.shared.borrow_mut();
                } else {
                    inner.graveyard.push(Box::new(task));
                }
                inner.finalize(pid, reason);
            }
        }
        if !inner.graveyard.is_empty() {
            let graveyard = std::mem::take(&mut inner.graveyard);
            drop(inner);
            drop(graveyard);
        }
        true
    }

    fn fire_one_due(&self) -> bool {
        let mut inner = self.shared.borrow_mut();
        let fired = inner.fire_one_due();
        if !inner.graveyard.is_empty() {
            let graveyard = std::mem::take(&mut inner.graveyard);
            drop(inner);
            drop(graveyard);
        }
        fired
    }

    /// One event: a due timer fires, or one process handles one message. False if idle.
    pub fn step(&self) -> bool {
        self.fire_one_due() || self.poll_one(1)
    }

    /// Runs `n` events ([`Runtime::step`] `n` times); returns how many there were.
    pub fn run_steps(&self, n: usize) -> usize {
        (0..n).take_while(|_| self.step()).count()
    }

    /// Runs until nothing is runnable and no timer is due, without moving time.
    /// Returns the number of steps taken.
    pub fn run_until_idle(&self) -> usize {
        let mut steps = 0;
        while self.fire_one_due() || self.poll_one(MESSAGES_PER_TURN) {
            steps += 1;
        }
        steps
    }

    /// When the next timer is due, in virtual ms.
    pub fn next_timer_at(&self) -> Option<u64> {
        self.shared.borrow_mut().next_deadline()
    }

    /// Moves virtual time to the next timer's deadline (it fires on the next step).
    pub fn advance_to_next_timer(&self) -> bool {
        let mut inner = self.shared.borrow_mut();
        let Some(deadline) = inner.next_deadline() else { return false };
        inner.now = inner.now.max(deadline);
        true
    }

    /// Lets `ms` of virtual time pass, running everything that happens meanwhile.
    pub fn advance_by(&self, ms: u64) {
        let end = self.now().saturating_add(ms).min(MAX_TIME);
        loop {
            self.run_until_idle();
            match self.next_timer_at() {
                Some(t) if t <= end => {
                    self.shared.borrow_mut().now = t.max(self.now());
                }
                _ => break,
            }
        }
        self.shared.borrow_mut().now = end;
        self.run_until_idle();
    }

    /// A driver tick: runs what happens up to virtual time `until`, at most `max_steps`
    /// steps (a timer firing, or a process's turn of up to [`MESSAGES_PER_TURN`] messages).
    ///
    /// Virtual time is a simulation clock, so the tick moves it the way [`Runtime::block_on`]
    /// does: everything runnable runs, and only then does the clock move to the next deadline
    /// (if it is at or before `until`), where that timer fires exactly on time. So the run does
    /// not depend on how real time was cut into ticks. The clock never moves past work it has
    /// not done: a tick that runs out of steps leaves it at that work (the next tick goes on
    /// from there); a tick that has done everything up to `until` leaves it at `until`. While
    /// a process waits on browser I/O (`Ctx::io`) the clock stands still (docs/semantics.md).
    pub fn tick(&self, until: u64, max_steps: usize) -> TickReport {
        self.run_slice(Some(until), max_steps)
    }

    /// [`Runtime::tick`] with no target: "as fast as possible", jumping from deadline to
    /// deadline until `max_steps` steps ran or nothing is left; the clock stays at the last
    /// thing done.
    pub fn tick_unbounded(&self, max_steps: usize) -> TickReport {
        self.run_slice(None, max_steps)
    }

    fn run_slice(&self, until: Option<u64>, max_steps: usize) -> TickReport {
        let mut steps = 0;
        loop {
            if self.has_work() {
                if steps == max_steps {
                    break;
                }
                if self.fire_one_due() || self.poll_one(MESSAGES_PER_TURN) {
                    steps += 1;
                }
                continue;
            }
            let mut inner = self.shared.borrow_mut();
            if inner.io_waits > 0 {
                // A process waits on the browser: its I/O takes no virtual time.
                break;
            }
            match (inner.next_deadline(), until) {
                (Some(deadline), None) => inner.now = inner.now.max(deadline),
                (Some(deadline), Some(until)) if deadline <= until => inner.now = inner.now.max(deadline),
                (_, Some(until)) => {
                    inner.now = inner.now.max(until.min(MAX_TIME));
                    break;
                }
                (None, None) => break,
            }
        }
        let idle = !self.has_work();
        TickReport { steps, idle, next_timer: self.next_timer_at() }
    }

    /// Whether a timer is due or a process is runnable, at the current virtual time.
    fn has_work(&self) -> bool {
        let mut inner = self.shared.borrow_mut();
        inner.drain_io_wakes();
        let now = inner.now;
        inner.next_deadline().is_some_and(|d| d <= now) || inner.run_queue.iter().any(|p| inner.slot(*p).is_some_and(|s| s.queued))
    }

    /// Moves the clock to `now` (never back) without running anything: replaying an input
    /// recorded at that virtual time.
    pub(crate) fn set_clock(&self, now: u64) {
        let mut inner = self.shared.borrow_mut();
        inner.now = inner.now.max(now.min(MAX_TIME));
    }

    /// `Process.exit(pid, reason)` from outside (the UI's kill button sends `:kill`).
    pub fn exit(&self, pid: Pid, reason: ExitReason) {
        let mut inner = self.shared.borrow_mut();
        if !inner.is_alive(pid) {
            return;
        }
        if reason == ExitReason::Kill {
            inner.kill(pid, ExitReason::Killed, false);
        } else {
            inner.exit_signal(pid, pid, reason, false);
        }
        let graveyard = std::mem::take(&mut inner.graveyard);
        drop(inner);
        drop(graveyard);
    }

    /// Sends a raw term (the UI's "send message" form).
    pub fn send_term(&self, dest: impl Into<Dest>, term: Term) -> Result<(), SendError> {
        let dest = dest.into();
        let mut inner = self.shared.borrow_mut();
        let pid = match &dest {
            Dest::Pid(p) => *p,
            Dest::Name(n) => inner.whereis(n).ok_or_else(|| SendError::UnknownName(n.to_string()))?,
        };
        inner.deliver_term(None, pid, term);
        Ok(())
    }

    pub fn whereis(&self, name: &str) -> Option<Pid> {
        self.shared.borrow().whereis(name)
    }

    /// `Process.registered/0`, sorted by name.
    pub fn registered(&self) -> Vec<(String, Pid)> {
        self.shared.borrow().registered()
    }

    pub fn is_alive(&self, pid: Pid) -> bool {
        self.shared.borrow().is_alive(pid)
    }

    pub fn process_count(&self) -> usize {
        self.shared.borrow().live_count()
    }

    /// A future that completes when a process's outside I/O (`Ctx::io`) makes progress: what
    /// an async driver awaits while every process waits on the browser.
    pub fn io_woken(&self) -> super::io::IoWoken {
        super::io::IoWoken { list: self.shared.borrow().wake_list.clone() }
    }

    /// Processes waiting on browser I/O: an async driver keeps yielding to the page while
    /// this is non-zero, so their promises can settle.
    pub fn io_waits(&self) -> usize {
        self.shared.borrow().io_waits
    }

    /// Timers waiting to fire, call timeouts included.
    pub fn pending_timers(&self) -> usize {
        self.shared.borrow().pending_timer_count()
    }

    pub fn monitor_count(&self) -> usize {
        self.shared.borrow().monitor_count()
    }

    /// Every live process, in pid order.
    pub fn processes(&self) -> Vec<ProcessInfo> {
        let inner = self.shared.borrow();
        let mut all: Vec<_> = inner.live_pids().into_iter().filter_map(|p| ProcessInfo::of(&inner, p)).collect();
        all.sort_by_key(|p| p.pid);
        all
    }

    /// Everything the inspector shows about one process.
    pub fn process_detail(&self, pid: Pid) -> Option<ProcessDetail> {
        ProcessDetail::of(&self.shared.borrow(), pid)
    }

    /// A live process by its number (`#PID<0.N.0>` → N).
    pub fn pid_by_number(&self, number: u32) -> Option<Pid> {
        self.shared.borrow().live_pids().into_iter().find(|p| p.number() == number)
    }
}
