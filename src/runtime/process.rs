//! What the scheduler keeps per process, and the type-erased view of a process's mailbox.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use serde::Serialize;

use super::pid::Pid;
use super::reason::ExitReason;
use super::timer::TimerRef;
use crate::term::{Term, to_term};

/// What a process is running: a plain `spawn`ed body, a GenServer's `init`, or its receive
/// loop. `Some(reason)` means the process exits; `None` means a GenServer finished `init`
/// and holds no future until its first message, which keeps a million idle servers small.
pub(crate) type Task = Pin<Box<dyn Future<Output = Option<ExitReason>>>>;

/// Any value that can travel as a message: it renders as an Elixir term.
pub trait Message: Serialize + 'static {}
impl<T: Serialize + 'static> Message for T {}

/// A message whose type was erased on the way (generic `send`, `send_after`).
pub(crate) trait AnyMessage {
    fn to_term(&self) -> Term;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
    fn type_id_of(&self) -> std::any::TypeId;
}

impl<T: Message> AnyMessage for T {
    fn to_term(&self) -> Term {
        to_term(self)
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
    fn type_id_of(&self) -> std::any::TypeId {
        std::any::TypeId::of::<T>()
    }
}

pub(crate) type Delivery = Box<dyn AnyMessage>;

/// Messages the runtime itself puts in mailboxes.
pub(crate) enum SystemMsg {
    Down { monitor: u64, pid: Pid, reason: ExitReason },
    Exit { pid: Pid, reason: ExitReason },
    /// A message with no Rust type (sent from the UI or a future shell), or of a type the
    /// receiver does not know.
    Term(Term),
}

/// Where a reply goes: the caller's pid and the tag of the alias it waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyTo {
    pub(crate) pid: Pid,
    pub(crate) tag: u64,
}

impl Serialize for ReplyTo {
    /// `{#PID<0.N.0>, #Reference<...>}`, as GenServer's `from`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.pid, Term::Ref(self.tag)).serialize(s)
    }
}

/// The type-erased face of a process's mailbox and state, for the scheduler and the inspector.
pub(crate) trait ProcessCell {
    fn as_any(&self) -> &dyn Any;
    fn module(&self) -> &'static str;
    fn push_info(&self, msg: Delivery);
    fn push_system(&self, msg: SystemMsg);
    fn push_foreign_call(&self, request: Term, from: ReplyTo);
    fn push_foreign_cast(&self, msg: Term);
    fn push_stop(&self, reason: ExitReason, from: ReplyTo);
    fn mailbox_len(&self) -> usize;
    fn mailbox_terms(&self) -> Vec<Term>;
    /// The state, or `None` while a callback holds it (the process is busy, as `:sys.get_state`
    /// would time out on the BEAM).
    fn state_term(&self) -> Option<Term>;
    /// A GenServer's `terminate/2` after a crash inside a callback (a failed call).
    fn terminate_after_crash(&self, ctx: &super::Ctx, reason: &ExitReason);
    /// The process that started this one (GenServers only).
    fn parent(&self) -> Option<Pid> {
        None
    }
    /// The starter still waiting for `init/1` to return, taken once (GenServers only): a
    /// process that dies before answering ends its starter's wait with its exit reason.
    fn take_starter(&self) -> Option<ReplyTo> {
        None
    }
    /// A GenServer's receive loop, made when its first message arrives after `init`.
    /// Plain processes always have their task and never need one.
    fn make_turn(self: Rc<Self>, ctx: super::Ctx) -> Option<Task> {
        let _ = ctx;
        None
    }
}

/// How a wait on an alias ended.
pub(crate) enum Outcome {
    Reply(Box<dyn Any>),
    Down(ExitReason),
    Timeout,
}

/// A tag a process can receive a reply on: a call in flight, a task's result, a sleep.
/// Replies to a tag that is no longer active are dropped, as with OTP's aliases: a late reply
/// never lands in the mailbox.
pub(crate) struct Alias {
    pub tag: u64,
    pub outcome: Option<Outcome>,
    pub timer: Option<TimerRef>,
    /// What turns the target's death into `Outcome::Down`.
    pub watch: Watch,
    /// For the inspector: who we wait on and the deadline.
    pub target: Option<Pid>,
    pub deadline: Option<u64>,
    /// The deadline sits in a call-timeout queue instead of a timer (see `CallTimeouts`).
    pub queued_timeout: bool,
}

/// How an alias learns that the process it waits on died.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Watch {
    None,
    /// A full monitor (start, stop), by reference.
    Monitor(u64),
    /// A call: the alias is on the target's list of waiting callers. Cheaper than a monitor
    /// (no table entry), which matters because every call needs one.
    Caller(Pid),
}

/// Where a process is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In the run queue.
    Runnable,
    /// Being polled right now.
    Running,
    /// In `receive`, with an empty mailbox.
    Waiting,
    /// Suspended until a reply, a task result or a timer (`call`, `sleep`, `Task.await`).
    Suspended,
    Exited,
}

/// Rarely needed per-process data, allocated on first use to keep idle processes small.
#[derive(Default)]
pub(crate) struct Extras {
    pub name: Option<Rc<str>>,
    pub links: Vec<Pid>,
    /// Monitors this process holds (refs).
    pub monitors_out: Vec<u64>,
    /// Monitors watching this process (refs).
    pub monitors_in: Vec<u64>,
    /// Callers waiting on a reply from this process: (alias tag, caller).
    pub callers: Vec<(u64, Pid)>,
    pub aliases: Vec<Alias>,
    /// The alias the process is suspended on.
    pub waiting_on: Option<u64>,
    pub trap_exit: bool,
    /// Head of the intrusive list of this process's timers.
    pub timer_head: Option<u32>,
    /// An exit that takes effect when the current step ends; `true` runs `terminate/2`.
    pub pending_exit: Option<(ExitReason, bool)>,
}

pub(crate) struct Slot {
    pub pid: Pid,
    pub task: Option<Task>,
    pub cell: Option<Rc<dyn ProcessCell>>,
    pub status: Status,
    pub queued: bool,
    pub handled: u32,
    pub extras: Option<Box<Extras>>,
}

impl Slot {
    pub fn extras(&mut self) -> &mut Extras {
        self.extras.get_or_insert_with(Default::default)
    }


    pub fn alias_mut(&mut self, tag: u64) -> Option<&mut Alias> {
        self.extras.as_mut()?.aliases.iter_mut().find(|a| a.tag == tag)
    }
}
