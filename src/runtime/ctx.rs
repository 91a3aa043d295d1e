//! [`Ctx`]: what a process can do. Every process body gets one; it is the process's `self()`.
//!
//! Waiting (`receive`, `sleep`, a call's reply) is an `.await` that suspends only this
//! process: the scheduler polls other processes meanwhile and polls this one again when
//! what it waits for has happened.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use serde::Serialize;

use super::pid::Pid;
use super::process::{Alias, Delivery, Message, Outcome, ProcessCell, ReplyTo, Status, SystemMsg, Task, Watch};
use super::reason::ExitReason;
use super::scheduler::{Shared, down_term, exit_term};
use super::timer::{TimerAction, TimerRef, deadline_after};
use super::trace::{EventKind, MsgKind};
use crate::term::{Term, to_term};

/// A process's handle on the runtime.
#[derive(Clone)]
pub struct Ctx {
    pub(crate) shared: Shared,
    pub(crate) pid: Pid,
}

/// Where a message goes: a pid or a registered name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dest {
    Pid(Pid),
    Name(Rc<str>),
}

impl From<Pid> for Dest {
    fn from(p: Pid) -> Self {
        Dest::Pid(p)
    }
}
impl From<&str> for Dest {
    fn from(n: &str) -> Self {
        Dest::Name(Rc::from(n))
    }
}
impl From<String> for Dest {
    fn from(n: String) -> Self {
        Dest::Name(Rc::from(n))
    }
}
impl From<&Dest> for Dest {
    fn from(d: &Dest) -> Self {
        d.clone()
    }
}

/// A registered name as Elixir shows it: `Stack` for a module name, `:my_server` otherwise.
pub(crate) fn name_term(name: &str) -> Term {
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        Term::atom(&format!("Elixir.{name}"))
    } else {
        Term::atom(name)
    }
}

impl Serialize for Dest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Dest::Pid(p) => p.serialize(s),
            Dest::Name(n) => name_term(n).serialize(s),
        }
    }
}

/// A monitor reference, `#Reference<0.0.0.N>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MonitorRef(pub(crate) u64);

impl Serialize for MonitorRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Term::Ref(self.0).serialize(s)
    }
}

/// A call's or a wait's timeout: milliseconds or `:infinity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeout {
    Ms(u64),
    Infinity,
}

impl Timeout {
    /// GenServer.call's default, 5000 ms.
    pub const DEFAULT: Timeout = Timeout::Ms(5000);
}

impl From<u64> for Timeout {
    fn from(ms: u64) -> Self {
        Timeout::Ms(ms)
    }
}

impl Serialize for Timeout {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Timeout::Ms(ms) => ms.serialize(s),
            Timeout::Infinity => Term::atom("infinity").serialize(s),
        }
    }
}

/// A message as `handle_info/2` (or a plain process's `receive`) sees it.
#[derive(Debug, PartialEq)]
pub enum Info<M> {
    /// A typed message: `send/2`, `send_after`.
    Msg(M),
    /// `{:DOWN, ref, :process, pid, reason}`
    Down { monitor: MonitorRef, pid: Pid, reason: ExitReason },
    /// `{:EXIT, pid, reason}` (only while trapping exits)
    Exit { pid: Pid, reason: ExitReason },
    /// A message with no Rust type: sent from the UI, or of a type this process does not know.
    Term(Term),
}

impl<M: Serialize> Info<M> {
    pub fn to_term(&self) -> Term {
        match self {
            Info::Msg(m) => to_term(m),
            Info::Down { monitor, pid, reason } => down_term(monitor.0, *pid, reason),
            Info::Exit { pid, reason } => exit_term(*pid, reason),
            Info::Term(t) => t.clone(),
        }
    }
}

impl<M: Serialize> Serialize for Info<M> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_term().serialize(s)
    }
}

impl<M> From<SystemMsg> for Info<M> {
    fn from(m: SystemMsg) -> Self {
        match m {
            SystemMsg::Down { monitor, pid, reason } => Info::Down { monitor: MonitorRef(monitor), pid, reason },
            SystemMsg::Exit { pid, reason } => Info::Exit { pid, reason },
            SystemMsg::Term(t) => Info::Term(t),
        }
    }
}

/// The mailbox of a plain (non-GenServer) process: everything arrives as a term.
pub(crate) struct PlainCell {
    pub module: &'static str,
    pub mailbox: RefCell<VecDeque<Info<Term>>>,
}

impl ProcessCell for PlainCell {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn module(&self) -> &'static str {
        self.module
    }
    fn push_info(&self, msg: Delivery) {
        self.mailbox.borrow_mut().push_back(Info::Msg(msg.to_term()));
    }
    fn push_system(&self, msg: SystemMsg) {
        let info = match msg {
            SystemMsg::Term(t) => Info::Msg(t),
            other => other.into(),
        };
        self.mailbox.borrow_mut().push_back(info);
    }
    fn push_foreign_call(&self, request: Term, from: ReplyTo) {
        let call = Term::Tuple(vec![Term::atom("$gen_call"), crate::term::to_term(&from), request]);
        self.mailbox.borrow_mut().push_back(Info::Msg(call));
    }
    fn push_foreign_cast(&self, msg: Term) {
        self.mailbox.borrow_mut().push_back(Info::Msg(Term::Tuple(vec![Term::atom("$gen_cast"), msg])));
    }
    fn push_stop(&self, reason: ExitReason, _from: ReplyTo) {
        // Not a GenServer: `GenServer.stop` on it is an exit signal, handled by the caller.
        let _ = reason;
    }
    fn mailbox_len(&self) -> usize {
        self.mailbox.borrow().len()
    }
    fn mailbox_terms(&self) -> Vec<Term> {
        self.mailbox.borrow().iter().map(|m| m.to_term()).collect()
    }
    fn state_term(&self) -> Option<Term> {
        None
    }
    fn terminate_after_crash(&self, _ctx: &Ctx, _reason: &ExitReason) {}
}

/// Waits for the next message `pop` yields, within the process's per-turn budget.
/// `has_more` tells whether a message is waiting, so a spent budget only requeues a process
/// that has something left to do (a step is never spent on finding an empty mailbox).
pub(crate) struct Recv<'a, T, F: FnMut() -> Option<T> + Unpin, G: Fn() -> bool + Unpin> {
    pub ctx: &'a Ctx,
    pub pop: F,
    pub has_more: G,
}

impl<T, F: FnMut() -> Option<T> + Unpin, G: Fn() -> bool + Unpin> Future for Recv<'_, T, F, G> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
        let this = self.get_mut();
        let pid = this.ctx.pid;
        let mut inner = this.ctx.shared.borrow_mut();
        let budget = inner.budget;
        let Some(slot) = inner.slot_mut(pid) else { return Poll::Pending };
        if slot.extras.as_ref().is_some_and(|e| e.pending_exit.is_some()) {
            return Poll::Pending;
        }
        if budget == 0 {
            // Fairness: this turn is used up; go to the back of the run queue.
            slot.status = Status::Waiting;
            if (this.has_more)() {
                inner.wake(pid);
            }
            return Poll::Pending;
        }
        match (this.pop)() {
            Some(m) => {
                slot.handled = slot.handled.wrapping_add(1);
                slot.status = Status::Running;
                inner.budget = budget - 1;
                Poll::Ready(m)
            }
            None => {
                slot.status = Status::Waiting;
                Poll::Pending
            }
        }
    }
}

/// Waits until an alias is resolved (a reply, the target's exit, or the timer).
pub(crate) struct WaitAlias<'a> {
    pub ctx: &'a Ctx,
    pub tag: u64,
}

impl Future for WaitAlias<'_> {
    type Output = Outcome;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Outcome> {
        let pid = self.ctx.pid;
        let tag = self.tag;
        let mut inner = self.ctx.shared.borrow_mut();
        let Some(slot) = inner.slot_mut(pid) else { return Poll::Pending };
        let extras = slot.extras.get_or_insert_with(Default::default);
        // A resolved wait completes even if an exit signal is pending: the step it started
        // runs to its next wait, where the exit takes effect (docs/semantics.md).
        if let Some(pos) = extras.aliases.iter().position(|a| a.tag == tag && a.outcome.is_some()) {
            let alias = extras.aliases.swap_remove(pos);
            extras.waiting_on = None;
            slot.status = Status::Running;
            inner.release_alias(pid, &alias);
            return Poll::Ready(alias.outcome.expect("resolved"));
        }
        if extras.pending_exit.is_some() {
            return Poll::Pending;
        }
        extras.waiting_on = Some(tag);
        slot.status = Status::Suspended;
        Poll::Pending
    }
}

/// Never completes: what a process awaits once it has decided to die.
pub(crate) struct Halt;

impl Future for Halt {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        Poll::Pending
    }
}

impl Ctx {
    /// `self()`
    pub fn pid(&self) -> Pid {
        self.pid
    }

    /// Virtual milliseconds since the runtime started (`System.monotonic_time(:millisecond)`).
    pub fn now(&self) -> u64 {
        self.shared.borrow().now
    }

    /// `make_ref()`
    pub fn make_ref(&self) -> Term {
        Term::Ref(self.shared.borrow_mut().new_ref())
    }

    /// `Process.whereis/1`
    pub fn whereis(&self, name: &str) -> Option<Pid> {
        self.shared.borrow().whereis(name)
    }

    /// `Process.alive?/1`
    pub fn is_alive(&self, pid: Pid) -> bool {
        self.shared.borrow().is_alive(pid)
    }

    /// `Process.unregister/1`
    pub fn unregister(&self, name: &str) -> bool {
        self.shared.borrow_mut().unregister(name)
    }

    /// `Process.register(self(), name)`; `Err(holder)` if the name is taken.
    pub fn register(&self, name: &str) -> Result<(), Pid> {
        self.shared.borrow_mut().register(self.pid, name)
    }

    /// `spawn/1`: a plain process running `body`.
    pub fn spawn<F, Fut>(&self, body: F) -> Pid
    where
        F: FnOnce(Ctx) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        spawn_plain(&self.shared, Some(self.pid), "spawn", body)
    }

    /// `spawn/1` with a label for the process list (`"Task"`, `"ServerProcess"`), since a
    /// Rust closure has no module name to show.
    pub fn spawn_as<F, Fut>(&self, module: &'static str, body: F) -> Pid
    where
        F: FnOnce(Ctx) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        spawn_plain(&self.shared, Some(self.pid), module, body)
    }

    /// `spawn_link/1`
    pub fn spawn_link<F, Fut>(&self, body: F) -> Pid
    where
        F: FnOnce(Ctx) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        let pid = self.spawn(body);
        self.link(pid);
        pid
    }

    /// `send/2` with any serializable message. Sending to a dead pid does nothing (as on the
    /// BEAM); sending to an unregistered name is an error (`ArgumentError` on the BEAM).
    pub fn send<M: Message>(&self, dest: impl Into<Dest>, msg: M) -> Result<(), SendError> {
        let dest = dest.into();
        let mut inner = self.shared.borrow_mut();
        let to = match &dest {
            Dest::Pid(p) => *p,
            Dest::Name(n) => inner.whereis(n).ok_or_else(|| SendError::UnknownName(n.to_string()))?,
        };
        inner.deliver_info(Some(self.pid), to, Box::new(msg), MsgKind::Info);
        Ok(())
    }

    /// `Process.send_after/3` to a pid (the timer is cancelled if that process exits).
    pub fn send_after<M: Message>(&self, to: Pid, msg: M, after_ms: u64) -> Option<TimerRef> {
        let msg: Delivery = Box::new(msg);
        let mut inner = self.shared.borrow_mut();
        let shown = inner.tracing().then(|| msg.to_term());
        inner.add_timer(to, after_ms, TimerAction::Deliver(msg), || shown)
    }

    /// `Process.cancel_timer/1`: the milliseconds that were left, or `None` if it had fired.
    pub fn cancel_timer(&self, timer: TimerRef) -> Option<u64> {
        self.shared.borrow_mut().cancel_timer(timer)
    }

    /// `Process.read_timer/1`
    pub fn read_timer(&self, timer: TimerRef) -> Option<u64> {
        self.shared.borrow().timer_remaining(timer)
    }

    /// `Process.sleep/1`: suspends this process only.
    pub async fn sleep(&self, ms: u64) {
        let tag = {
            let mut inner = self.shared.borrow_mut();
            let tag = inner.new_ref();
            let timer = inner.add_timer(self.pid, ms, TimerAction::Wake { tag }, || None);
            let deadline = deadline_after(inner.now, ms);
            inner.add_alias(self.pid, Alias { tag, outcome: None, timer, watch: Watch::None, target: None, deadline: Some(deadline), queued_timeout: false });
            tag
        };
        WaitAlias { ctx: self, tag }.await;
    }

    /// `Process.monitor/1`
    pub fn monitor(&self, pid: Pid) -> MonitorRef {
        let mut inner = self.shared.borrow_mut();
        let reference = inner.new_ref();
        inner.monitor(self.pid, pid, reference);
        MonitorRef(reference)
    }

    /// `Process.demonitor/1`
    pub fn demonitor(&self, monitor: MonitorRef) -> bool {
        let mut inner = self.shared.borrow_mut();
        inner.trace(EventKind::Demonitor, Some(self.pid), None, || Some(Term::Ref(monitor.0)));
        inner.demonitor(monitor.0)
    }

    /// `Process.link/1`
    pub fn link(&self, pid: Pid) {
        self.shared.borrow_mut().link(self.pid, pid);
    }

    /// `Process.unlink/1`
    pub fn unlink(&self, pid: Pid) {
        self.shared.borrow_mut().unlink(self.pid, pid);
    }

    /// `Process.flag(:trap_exit, on)`; returns the old value.
    pub fn trap_exit(&self, on: bool) -> bool {
        self.shared.borrow_mut().set_trap_exit(self.pid, on)
    }

    /// `Process.exit/2`. To `self()` the exit takes effect at the next await.
    pub fn exit(&self, pid: Pid, reason: ExitReason) {
        self.shared.borrow_mut().exit_signal(self.pid, pid, reason, false);
    }

    /// Ends this process with `reason` (`exit/1`): links and monitors see it, nothing after
    /// the call runs.
    pub async fn exit_self(&self, reason: ExitReason) -> ! {
        self.shared.borrow_mut().kill(self.pid, reason, false);
        Halt.await;
        unreachable!("a halted process is never polled to completion")
    }

    /// Like [`Ctx::exit_self`], and a GenServer's `terminate/2` runs (a crash in a callback).
    pub(crate) async fn crash(&self, reason: ExitReason) -> ! {
        self.shared.borrow_mut().kill(self.pid, reason, true);
        Halt.await;
        unreachable!("a halted process is never polled to completion")
    }

    /// `receive` in a plain process: the next message, in arrival order.
    pub async fn receive(&self) -> Info<Term> {
        let cell = self.plain_cell();
        let plain = cell.as_any().downcast_ref::<PlainCell>().expect("receive is for plain processes");
        Recv { ctx: self, pop: || plain.mailbox.borrow_mut().pop_front(), has_more: || !plain.mailbox.borrow().is_empty() }.await
    }

    /// `receive ... after ms`: `None` if nothing arrived in time.
    pub async fn receive_timeout(&self, ms: u64) -> Option<Info<Term>> {
        let cell = self.plain_cell();
        let plain = cell.as_any().downcast_ref::<PlainCell>().expect("receive is for plain processes");
        if let Some(m) = plain.mailbox.borrow_mut().pop_front() {
            return Some(m);
        }
        let deadline = deadline_after(self.now(), ms);
        loop {
            let left = deadline.saturating_sub(self.now());
            if left == 0 {
                return plain.mailbox.borrow_mut().pop_front();
            }
            // Sleep in small steps would change the trace; instead race a timer against the
            // mailbox by waiting on a message or the deadline's wake-up.
            let tag = {
                let mut inner = self.shared.borrow_mut();
                let tag = inner.new_ref();
                let timer = inner.add_timer(self.pid, left, TimerAction::Wake { tag }, || None);
                inner.add_alias(self.pid, Alias { tag, outcome: None, timer, watch: Watch::None, target: None, deadline: Some(deadline), queued_timeout: false });
                tag
            };
            let got = MessageOrAlias { ctx: self, cell: &cell, tag }.await;
            if got.is_some() {
                return got;
            }
        }
    }

    fn plain_cell(&self) -> Rc<dyn ProcessCell> {
        self.shared.borrow().cell(self.pid).expect("a running process has a cell")
    }

    /// A line of output (`IO.puts`), shown in the trace.
    pub fn log(&self, text: impl Into<String>) {
        let text = text.into();
        self.shared.borrow_mut().trace(EventKind::Log, None, Some(self.pid), || Some(Term::Binary(text.into_bytes())));
    }
}

/// Waits for a message or for an alias (the `after` timer) to resolve.
struct MessageOrAlias<'a> {
    ctx: &'a Ctx,
    cell: &'a Rc<dyn ProcessCell>,
    tag: u64,
}

impl Future for MessageOrAlias<'_> {
    type Output = Option<Info<Term>>;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        let plain = self.cell.as_any().downcast_ref::<PlainCell>().expect("receive is for plain processes");
        let pid = self.ctx.pid;
        let mut inner = self.ctx.shared.borrow_mut();
        if inner.has_pending_exit(pid) {
            return Poll::Pending;
        }
        if let Some(m) = plain.mailbox.borrow_mut().pop_front() {
            // Cancel the `after` timer and forget the alias.
            if let Some(slot) = inner.slot_mut(pid)
                && let Some(alias) = slot.alias_mut(self.tag)
            {
                alias.outcome.get_or_insert(Outcome::Timeout);
            }
            inner.take_outcome(pid, self.tag);
            if let Some(slot) = inner.slot_mut(pid) {
                slot.status = Status::Running;
                slot.handled = slot.handled.wrapping_add(1);
            }
            return Poll::Ready(Some(m));
        }
        if inner.take_outcome(pid, self.tag).is_some() {
            return Poll::Ready(None);
        }
        if let Some(slot) = inner.slot_mut(pid) {
            slot.extras().waiting_on = Some(self.tag);
            slot.status = Status::Waiting;
        }
        Poll::Pending
    }
}

/// `send/2` to a name nobody holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    UnknownName(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::UnknownName(n) => write!(f, "no process is registered as {}", name_term(n)),
        }
    }
}

impl std::error::Error for SendError {}

/// Spawns a plain process whose body is `body(ctx)`; it exits `:normal` when the body ends.
pub(crate) fn spawn_plain<F, Fut>(shared: &Shared, parent: Option<Pid>, module: &'static str, body: F) -> Pid
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    let shared_for_task = shared.clone();
    shared.borrow_mut().spawn(parent, move |pid| {
        let cell: Rc<dyn ProcessCell> = Rc::new(PlainCell { module, mailbox: RefCell::new(VecDeque::new()) });
        let ctx = Ctx { shared: shared_for_task, pid };
        let fut = body(ctx);
        let task: Task = Box::pin(async move {
            fut.await;
            Some(ExitReason::Normal)
        });
        (cell, task)
    })
}
