//! GenServer: the behaviour, its callback results, the server loop and the client API.
//!
//! Callbacks are `async fn`s on the state (`&mut self`). A callback that calls another
//! server awaits the reply, which suspends only this process; while it is suspended the
//! state stays borrowed, so the inspector shows the process as busy (the BEAM's
//! `:sys.get_state` would wait too). The loop is monomorphised per server type and boxed
//! once per process, so handling a message allocates nothing.

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::marker::PhantomData;
use std::rc::Rc;

use serde::Serialize;

use super::ctx::{Ctx, Dest, Info, Recv, Timeout, WaitAlias, name_term};
use super::pid::Pid;
use super::process::{Alias, Delivery, Message, Outcome, ProcessCell, ReplyTo, SystemMsg, Task, Watch};
use super::reason::ExitReason;
use super::timer::{TimerAction, deadline_after};
use super::trace::{EventKind, MsgKind};
use crate::term::{Term, to_term};

/// What `init/1` returns.
pub enum Init<S: GenServer> {
    /// `{:ok, state}`
    Ok(S),
    /// `{:ok, state, {:continue, arg}}`
    Continue(S, S::Continue),
    /// `{:stop, reason}`: start returns `{:error, reason}` and the process exits.
    Stop(ExitReason),
    /// `:ignore`: start returns `:ignore` and the process exits normally.
    Ignore,
}

/// What `handle_call/3` returns.
pub enum CallResult<S: GenServer> {
    /// `{:reply, reply, state}`
    Reply(S::Reply),
    /// `{:reply, reply, state, {:continue, arg}}`
    ReplyContinue(S::Reply, S::Continue),
    /// `{:noreply, state}`: someone replies later with [`Ctx::reply`].
    NoReply,
    /// `{:noreply, state, {:continue, arg}}`
    NoReplyContinue(S::Continue),
    /// `{:stop, reason, reply, state}` or `{:stop, reason, state}`
    Stop(ExitReason, Option<S::Reply>),
}

/// What `handle_cast/2`, `handle_info/2` and `handle_continue/2` return.
pub enum Flow<S: GenServer> {
    /// `{:noreply, state}`
    NoReply,
    /// `{:noreply, state, {:continue, arg}}`
    Continue(S::Continue),
    /// `{:stop, reason, state}`
    Stop(ExitReason),
}

/// GenServer's `from`: who to reply to. Keep it in the state to reply later, from any process.
pub struct Caller<R> {
    pub(crate) to: ReplyTo,
    _reply: PhantomData<fn() -> R>,
}

impl<R> Clone for Caller<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for Caller<R> {}

impl<R> std::fmt::Debug for Caller<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Caller({}, {})", self.to.pid, self.to.tag)
    }
}

impl<R> PartialEq for Caller<R> {
    fn eq(&self, other: &Self) -> bool {
        self.to == other.to
    }
}

impl<R> Caller<R> {
    pub fn pid(&self) -> Pid {
        self.to.pid
    }
}

impl<R> Serialize for Caller<R> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to.serialize(s)
    }
}

/// The GenServer behaviour. The implementing type is the server's state.
///
/// Message types that a server does not use can be [`Never`].
#[allow(async_fn_in_trait)]
pub trait GenServer: Serialize + Sized + 'static {
    /// The module name learners see (`Todo.Server`).
    const MODULE: &'static str;
    type Args: 'static;
    type Call: Message;
    type Reply: Message;
    type Cast: Message;
    type Info: Message;
    type Continue: Message;

    async fn init(ctx: &Ctx, args: Self::Args) -> Init<Self>;

    /// Without a matching clause the server crashes, as with a `FunctionClauseError`.
    async fn handle_call(&mut self, ctx: &Ctx, request: Self::Call, from: Caller<Self::Reply>) -> CallResult<Self> {
        let _ = (ctx, from);
        CallResult::Stop(bad("bad_call", to_term(&request)), None)
    }

    async fn handle_cast(&mut self, ctx: &Ctx, msg: Self::Cast) -> Flow<Self> {
        let _ = ctx;
        Flow::Stop(bad("bad_cast", to_term(&msg)))
    }

    /// Unexpected messages are logged and dropped, as OTP's default `handle_info/2` does.
    async fn handle_info(&mut self, ctx: &Ctx, msg: Info<Self::Info>) -> Flow<Self> {
        ctx.log(format!("{} received unexpected message in handle_info/2: {}", Self::MODULE, msg.to_term()));
        Flow::NoReply
    }

    async fn handle_continue(&mut self, ctx: &Ctx, arg: Self::Continue) -> Flow<Self> {
        let _ = ctx;
        Flow::Stop(bad("bad_continue", to_term(&arg)))
    }

    /// Called when the server stops itself, crashes in a callback, or its parent exits while
    /// it traps exits. Not called when an exit signal kills it.
    fn terminate(&mut self, ctx: &Ctx, reason: &ExitReason) {
        let _ = (ctx, reason);
    }
}

fn bad(what: &str, term: Term) -> ExitReason {
    ExitReason::Other(Term::Tuple(vec![Term::atom(what), term]))
}

/// A message type with no values, for the message kinds a server does not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Never {}

/// Why `start`/`start_link` failed.
#[derive(Clone, Debug, PartialEq)]
pub enum StartError {
    /// `{:error, {:already_started, pid}}`
    AlreadyStarted(Pid),
    /// `{:error, reason}` from `init`'s `{:stop, reason}`.
    Stop(ExitReason),
    /// `:ignore`
    Ignore,
    /// The process died before `init` returned.
    Exit(ExitReason),
}

impl StartError {
    /// The `reason` of `{:error, reason}`.
    pub fn to_term(&self) -> Term {
        match self {
            StartError::AlreadyStarted(p) => Term::Tuple(vec![Term::atom("already_started"), Term::Pid(*p)]),
            StartError::Stop(r) | StartError::Exit(r) => r.to_term(),
            StartError::Ignore => Term::atom("ignore"),
        }
    }
}

impl Serialize for StartError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_term().serialize(s)
    }
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{{:error, {}}}", self.to_term())
    }
}

/// Why a call did not get its reply.
#[derive(Clone, Debug, PartialEq)]
pub enum CallError {
    Timeout,
    /// The server was not running (unknown name or dead pid).
    NoProc,
    /// A process called itself.
    CallingSelf,
    /// The server exited before replying.
    Exit(ExitReason),
}

impl CallError {
    /// The first element of the caller's exit reason, `:timeout` in `{:timeout, {GenServer, :call, ...}}`.
    pub fn reason_term(&self) -> Term {
        match self {
            CallError::Timeout => Term::atom("timeout"),
            CallError::NoProc => Term::atom("noproc"),
            CallError::CallingSelf => Term::atom("calling_self"),
            CallError::Exit(r) => r.to_term(),
        }
    }

    /// The exit reason of a caller that did not handle the error:
    /// `{:timeout, {GenServer, :call, [dest, timeout]}}` (the request is not repeated: see
    /// docs/semantics.md).
    pub fn exit_reason(&self, dest: &Dest, timeout: Timeout) -> ExitReason {
        let mfa = Term::Tuple(vec![
            Term::atom("Elixir.GenServer"),
            Term::atom("call"),
            Term::List(vec![to_term(dest), to_term(&timeout)]),
        ]);
        ExitReason::Other(Term::Tuple(vec![self.reason_term(), mfa]))
    }
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.reason_term())
    }
}

/// Options of `GenServer.start/3` and `start_link/3`.
#[derive(Clone, Debug, Default)]
pub struct StartOpts {
    pub name: Option<String>,
}

impl StartOpts {
    /// `name: name`; a name starting with a capital letter is shown as a module (`Stack`).
    pub fn named(name: impl Into<String>) -> Self {
        StartOpts { name: Some(name.into()) }
    }
}

/// A message in a GenServer's mailbox, in arrival order. Calls and casts are stored inline;
/// everything else is boxed, so the common envelope stays small (it is moved on every send
/// and receive).
pub(crate) enum Envelope<S: GenServer> {
    Call(S::Call, Caller<S::Reply>),
    Cast(S::Cast),
    Other(Box<OtherEnvelope<S>>),
}

pub(crate) enum OtherEnvelope<S: GenServer> {
    Info(Info<S::Info>),
    ForeignCall(Term, ReplyTo),
    ForeignCast(Term),
    Stop(ExitReason, ReplyTo),
}

impl<S: GenServer> Envelope<S> {
    /// As the BEAM would show it in `:erlang.process_info(pid, :messages)`.
    fn to_term(&self) -> Term {
        let gen_call = |from: &ReplyTo, req: Term| Term::Tuple(vec![Term::atom("$gen_call"), to_term(from), req]);
        match self {
            Envelope::Call(req, from) => gen_call(&from.to, to_term(req)),
            Envelope::Cast(msg) => Term::Tuple(vec![Term::atom("$gen_cast"), to_term(msg)]),
            Envelope::Other(other) => match &**other {
                OtherEnvelope::ForeignCall(req, from) => gen_call(from, req.clone()),
                OtherEnvelope::ForeignCast(msg) => Term::Tuple(vec![Term::atom("$gen_cast"), msg.clone()]),
                OtherEnvelope::Info(info) => info.to_term(),
                OtherEnvelope::Stop(reason, from) => Term::Tuple(vec![
                Term::atom("system"),
                to_term(from),
                Term::Tuple(vec![Term::atom("terminate"), reason.to_term()]),
            ]),
            },
        }
    }
}

pub(crate) struct ServerCell<S: GenServer> {
    state: RefCell<Option<S>>,
    mailbox: RefCell<VecDeque<Envelope<S>>>,
    parent: Pid,
    /// Who waits for `init/1` (cheaper than a monitor per start: no table entry, no extras).
    starter: std::cell::Cell<Option<ReplyTo>>,
}

impl<S: GenServer> ServerCell<S> {
    fn push(&self, env: Envelope<S>) {
        self.mailbox.borrow_mut().push_back(env);
    }
}

impl<S: GenServer> ProcessCell for ServerCell<S> {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn module(&self) -> &'static str {
        S::MODULE
    }
    fn push_info(&self, msg: Delivery) {
        let info = if msg.type_id_of() == std::any::TypeId::of::<S::Info>() {
            Info::Msg(*msg.into_any().downcast::<S::Info>().expect("type checked"))
        } else {
            Info::Term(msg.to_term())
        };
        self.push(Envelope::Other(Box::new(OtherEnvelope::Info(info))));
    }
    fn push_system(&self, msg: SystemMsg) {
        self.push(Envelope::Other(Box::new(OtherEnvelope::Info(msg.into()))));
    }
    fn push_foreign_call(&self, request: Term, from: ReplyTo) {
        self.push(Envelope::Other(Box::new(OtherEnvelope::ForeignCall(request, from))));
    }
    fn push_foreign_cast(&self, msg: Term) {
        self.push(Envelope::Other(Box::new(OtherEnvelope::ForeignCast(msg))));
    }
    fn push_stop(&self, reason: ExitReason, from: ReplyTo) {
        self.push(Envelope::Other(Box::new(OtherEnvelope::Stop(reason, from))));
    }
    fn mailbox_len(&self) -> usize {
        self.mailbox.borrow().len()
    }
    fn mailbox_terms(&self) -> Vec<Term> {
        self.mailbox.borrow().iter().map(Envelope::to_term).collect()
    }
    fn state_term(&self) -> Option<Term> {
        let state = self.state.try_borrow().ok()?;
        state.as_ref().map(to_term)
    }
    fn parent(&self) -> Option<Pid> {
        Some(self.parent)
    }
    fn take_starter(&self) -> Option<ReplyTo> {
        self.starter.take()
    }
    fn make_turn(self: Rc<Self>, ctx: Ctx) -> Option<Task> {
        Some(Box::pin(server_loop(ctx, self)))
    }
    fn terminate_after_crash(&self, ctx: &Ctx, reason: &ExitReason) {
        if let Ok(mut state) = self.state.try_borrow_mut()
            && let Some(state) = state.as_mut()
        {
            state.terminate(ctx, reason);
        }
    }
}

/// A GenServer's first task: `init/1`, the reply to the starter, and the first turn.
async fn server_init<S: GenServer>(ctx: Ctx, cell: Rc<ServerCell<S>>, args: S::Args) -> Option<ExitReason> {
    ctx.trace_handle(EventKind::HandleStart(MsgKind::Init));
    let init = S::init(&ctx, args).await;
    ctx.trace_handle(EventKind::HandleEnd(MsgKind::Init));
    let first = match init {
        Init::Ok(state) => {
            *cell.state.borrow_mut() = Some(state);
            None
        }
        Init::Continue(state, arg) => {
            *cell.state.borrow_mut() = Some(state);
            Some(arg)
        }
        Init::Stop(reason) => {
            if let Some(starter) = cell.starter.take() {
                ctx.reply_raw::<Result<Pid, StartError>>(starter, Err(StartError::Stop(reason.clone())));
            }
            return Some(reason);
        }
        Init::Ignore => {
            if let Some(starter) = cell.starter.take() {
                ctx.reply_raw::<Result<Pid, StartError>>(starter, Err(StartError::Ignore));
            }
            return Some(ExitReason::Normal);
        }
    };
    if let Some(starter) = cell.starter.take() {
        ctx.reply_raw::<Result<Pid, StartError>>(starter, Ok(ctx.pid));
    }
    if let Some(arg) = first
        && let Some(reason) = run_continues(&ctx, &cell, arg).await
    {
        return Some(reason);
    }
    // Done: the process now holds no future until its first message (see `make_turn`).
    None
}

/// `handle_continue/2`, and the continues it asks for in turn.
// The state stays borrowed while a callback awaits (a call inside `handle_call`): that is the
// process being busy, which the inspector sees (`try_borrow` fails: "busy"). Nothing else
// borrows it mutably meanwhile: only this process runs its callbacks.
#[allow(clippy::await_holding_refcell_ref)]
async fn run_continues<S: GenServer>(ctx: &Ctx, cell: &ServerCell<S>, first: S::Continue) -> Option<ExitReason> {
    let mut next = Some(first);
    while let Some(arg) = next.take() {
        ctx.trace_handle(EventKind::HandleStart(MsgKind::Continue));
        let flow = {
            let mut state = cell.state.borrow_mut();
            state.as_mut().expect("initialised").handle_continue(ctx, arg).await
        };
        ctx.trace_handle(EventKind::HandleEnd(MsgKind::Continue));
        match flow {
            Flow::NoReply => {}
            Flow::Continue(arg) => next = Some(arg),
            Flow::Stop(reason) => return Some(stop(ctx, cell, reason)),
        }
    }
    None
}

/// The receive loop of a GenServer that has had a message since `init`. Started by the
/// first message ([`ProcessCell::make_turn`]); from then on it stays, waiting in `receive`,
/// so a busy server does not allocate a new future per message. A server that was only
/// started (the million-idle-servers case) never gets one.
// See `run_continues`.
#[allow(clippy::await_holding_refcell_ref)]
async fn server_loop<S: GenServer>(ctx: Ctx, cell: Rc<ServerCell<S>>) -> Option<ExitReason> {
    let mut next = None;
    loop {
        if let Some(arg) = next.take() {
            if let Some(reason) = run_continues(&ctx, &cell, arg).await {
                return Some(reason);
            }
            continue;
        }
        let envelope = Recv {
            ctx: &ctx,
            pop: || cell.mailbox.borrow_mut().pop_front(),
            has_more: || !cell.mailbox.borrow().is_empty(),
        }
        .await;
        let (kind, flow) = match envelope {
            Envelope::Call(request, from) => {
                ctx.trace_handle(EventKind::HandleStart(MsgKind::Call));
                let result = {
                    let mut state = cell.state.borrow_mut();
                    state.as_mut().expect("initialised").handle_call(&ctx, request, from).await
                };
                let flow = match result {
                    CallResult::Reply(reply) => {
                        ctx.reply(from, reply);
                        Flow::NoReply
                    }
                    CallResult::ReplyContinue(reply, arg) => {
                        ctx.reply(from, reply);
                        Flow::Continue(arg)
                    }
                    CallResult::NoReply => Flow::NoReply,
                    CallResult::NoReplyContinue(arg) => Flow::Continue(arg),
                    CallResult::Stop(reason, reply) => {
                        ctx.trace_handle(EventKind::HandleEnd(MsgKind::Call));
                        let reason = stop(&ctx, &cell, reason);
                        if let Some(reply) = reply {
                            ctx.reply(from, reply);
                        }
                        return Some(reason);
                    }
                };
                (MsgKind::Call, flow)
            }
            Envelope::Cast(msg) => {
                ctx.trace_handle(EventKind::HandleStart(MsgKind::Cast));
                let mut state = cell.state.borrow_mut();
                (MsgKind::Cast, state.as_mut().expect("initialised").handle_cast(&ctx, msg).await)
            }
            Envelope::Other(other) => match *other {
                OtherEnvelope::Info(Info::Exit { pid, reason }) if pid == cell.parent => {
                    // A GenServer that traps exits stops when its parent does, as in OTP.
                    return Some(stop(&ctx, &cell, reason));
                }
                OtherEnvelope::Info(info) => {
                    ctx.trace_handle(EventKind::HandleStart(MsgKind::Info));
                    let mut state = cell.state.borrow_mut();
                    (MsgKind::Info, state.as_mut().expect("initialised").handle_info(&ctx, info).await)
                }
                OtherEnvelope::ForeignCall(request, _) => return Some(stop(&ctx, &cell, bad("bad_call", request))),
                OtherEnvelope::ForeignCast(msg) => return Some(stop(&ctx, &cell, bad("bad_cast", msg))),
                OtherEnvelope::Stop(reason, _) => return Some(stop(&ctx, &cell, reason)),
            },
        };
        ctx.trace_handle(EventKind::HandleEnd(kind));
        match flow {
            Flow::NoReply => {}
            Flow::Continue(arg) => next = Some(arg),
            Flow::Stop(reason) => return Some(stop(&ctx, &cell, reason)),
        }
    }
}

fn stop<S: GenServer>(ctx: &Ctx, cell: &ServerCell<S>, reason: ExitReason) -> ExitReason {
    if let Some(state) = cell.state.borrow_mut().as_mut() {
        state.terminate(ctx, &reason);
    }
    reason
}

impl Ctx {
    #[inline]
    pub(crate) fn trace_handle(&self, kind: EventKind) {
        if self.shared.borrow().trace.enabled {
            self.shared.borrow_mut().trace(kind, None, Some(self.pid), || None);
        }
    }

    /// `GenServer.start/3`: starts a server and waits for its `init/1`.
    pub async fn start<S: GenServer>(&self, args: S::Args, opts: StartOpts) -> Result<Pid, StartError> {
        self.start_server::<S>(args, opts, false).await
    }

    /// `GenServer.start_link/3`: like [`Ctx::start`], linked to the caller.
    pub async fn start_link<S: GenServer>(&self, args: S::Args, opts: StartOpts) -> Result<Pid, StartError> {
        self.start_server::<S>(args, opts, true).await
    }

    async fn start_server<S: GenServer>(&self, args: S::Args, opts: StartOpts, link: bool) -> Result<Pid, StartError> {
        let tag = {
            let mut inner = self.shared.borrow_mut();
            if let Some(holder) = opts.name.as_deref().and_then(|n| inner.whereis(n)) {
                return Err(StartError::AlreadyStarted(holder));
            }
            let tag = inner.new_ref();
            let me = self.pid;
            let shared = self.shared.clone();
            let child = inner.spawn(Some(me), move |pid| {
                let cell = Rc::new(ServerCell::<S> {
                    state: RefCell::new(None),
                    mailbox: RefCell::new(VecDeque::new()),
                    parent: me,
                    starter: std::cell::Cell::new(Some(ReplyTo { pid: me, tag })),
                });
                let ctx = Ctx { shared, pid };
                let task: Task = Box::pin(server_init::<S>(ctx, cell.clone(), args));
                (cell as Rc<dyn ProcessCell>, task)
            });
            if let Some(name) = &opts.name {
                inner.register(child, name).expect("the name was free a moment ago");
            }
            if link {
                inner.link(me, child);
            }
            inner.add_alias(me, Alias { tag, outcome: None, timer: None, watch: Watch::None, target: Some(child), deadline: None, queued_timeout: false });
            tag
        };
        match (WaitAlias { ctx: self, tag }).await {
            Outcome::Reply(result) => *result.downcast::<Result<Pid, StartError>>().expect("start replies with a pid"),
            Outcome::Down(reason) => Err(StartError::Exit(reason)),
            Outcome::Timeout => unreachable!("start has no timer"),
        }
    }

    /// `GenServer.call/2` with the default 5000 ms timeout. If the call fails this process
    /// exits, as in Elixir; use [`Ctx::try_call`] to handle the failure instead.
    pub async fn call<S: GenServer>(&self, dest: impl Into<Dest>, request: S::Call) -> S::Reply {
        self.call_timeout::<S>(dest, request, Timeout::DEFAULT).await
    }

    /// `GenServer.call/3`
    pub async fn call_timeout<S: GenServer>(&self, dest: impl Into<Dest>, request: S::Call, timeout: impl Into<Timeout>) -> S::Reply {
        let dest = dest.into();
        let timeout = timeout.into();
        match self.try_call::<S>(dest.clone(), request, timeout).await {
            Ok(reply) => reply,
            Err(error) => self.crash(error.exit_reason(&dest, timeout)).await,
        }
    }

    /// `GenServer.call/3` inside `try ... catch :exit, reason`: the failure as a value.
    /// A reply that arrives after the timeout is dropped, never delivered to the mailbox.
    pub async fn try_call<S: GenServer>(&self, dest: impl Into<Dest>, request: S::Call, timeout: impl Into<Timeout>) -> Result<S::Reply, CallError> {
        let dest = dest.into();
        let timeout = timeout.into();
        let tag = {
            let mut inner = self.shared.borrow_mut();
            let Some(target) = inner.resolve(&dest) else { return Err(CallError::NoProc) };
            if target == self.pid {
                return Err(CallError::CallingSelf);
            }
            let tag = inner.new_ref();
            inner.add_caller(target, self.pid, tag);
            let (timer, deadline, queued_timeout) = match timeout {
                Timeout::Ms(ms) => {
                    let deadline = deadline_after(inner.now, ms);
                    if inner.queue_call_timeout(self.pid, tag, ms) {
                        (None, Some(deadline), true)
                    } else {
                        (inner.add_timer(self.pid, ms, TimerAction::Wake { tag }, || None), Some(deadline), false)
                    }
                }
                Timeout::Infinity => (None, None, false),
            };
            inner.add_alias(self.pid, Alias { tag, outcome: None, timer, watch: Watch::Caller(target), target: Some(target), deadline, queued_timeout });
            let from = ReplyTo { pid: self.pid, tag };
            inner.trace(EventKind::Send(MsgKind::Call), Some(self.pid), Some(target), || Some(to_term(&request)));
            let cell = inner.cell_ref(target).expect("target is alive");
            match cell.as_any().downcast_ref::<ServerCell<S>>() {
                Some(server) => server.push(Envelope::Call(request, Caller { to: from, _reply: PhantomData })),
                None => cell.push_foreign_call(to_term(&request), from),
            }
            inner.wake_for_message(target);
            tag
        };
        match (WaitAlias { ctx: self, tag }).await {
            Outcome::Reply(reply) => Ok(*reply.downcast::<S::Reply>().expect("a server of type S replies with S::Reply")),
            Outcome::Down(ExitReason::NoProc) => Err(CallError::NoProc),
            Outcome::Down(reason) => Err(CallError::Exit(reason)),
            Outcome::Timeout => Err(CallError::Timeout),
        }
    }

    /// `GenServer.cast/2`: always succeeds, even if nobody is there (as in Elixir).
    pub fn cast<S: GenServer>(&self, dest: impl Into<Dest>, msg: S::Cast) {
        let dest = dest.into();
        let mut inner = self.shared.borrow_mut();
        let Some(target) = inner.resolve(&dest) else {
            inner.trace(EventKind::Dropped, Some(self.pid), None, || Some(to_term(&msg)));
            return;
        };
        inner.trace(EventKind::Send(MsgKind::Cast), Some(self.pid), Some(target), || Some(to_term(&msg)));
        let slot = inner.slot(target).expect("target is alive");
        let cell = slot.cell.as_deref().expect("a live process has a cell");
        match cell.as_any().downcast_ref::<ServerCell<S>>() {
            Some(server) => server.push(Envelope::Cast(msg)),
            None => cell.push_foreign_cast(to_term(&msg)),
        }
        if slot.status == super::process::Status::Waiting {
            inner.wake(target);
        }
    }

    /// `GenServer.reply/2`, from the server or from any other process.
    pub fn reply<R: Message>(&self, to: Caller<R>, value: R) {
        self.reply_raw(to.to, value);
    }

    pub(crate) fn reply_raw<R: Message>(&self, to: ReplyTo, value: R) {
        let mut inner = self.shared.borrow_mut();
        let shown = inner.tracing().then(|| to_term(&value));
        inner.deliver_reply(Some(self.pid), to, Box::new(value), || shown.unwrap_or(Term::atom("nil")));
    }

    /// `GenServer.stop/2`: asks the server to stop with `reason` (it runs `terminate/2`) and
    /// waits until it has exited.
    pub async fn stop(&self, dest: impl Into<Dest>, reason: ExitReason) -> Result<(), CallError> {
        let dest = dest.into();
        let tag = {
            let mut inner = self.shared.borrow_mut();
            let target = match &dest {
                Dest::Pid(p) => inner.is_alive(*p).then_some(*p),
                Dest::Name(n) => inner.whereis(n),
            };
            let Some(target) = target else { return Err(CallError::NoProc) };
            if target == self.pid {
                return Err(CallError::CallingSelf);
            }
            let tag = inner.new_ref();
            inner.monitor(self.pid, target, tag);
            inner.add_alias(self.pid, Alias { tag, outcome: None, timer: None, watch: Watch::Monitor(tag), target: Some(target), deadline: None, queued_timeout: false });
            inner.trace(EventKind::Send(MsgKind::Stop), Some(self.pid), Some(target), || Some(reason.to_term()));
            let cell = inner.cell(target).expect("target is alive");
            if cell.as_any().is::<super::ctx::PlainCell>() {
                inner.exit_signal(self.pid, target, reason.clone(), false);
            } else {
                cell.push_stop(reason.clone(), ReplyTo { pid: self.pid, tag });
                inner.wake_for_message(target);
            }
            tag
        };
        match (WaitAlias { ctx: self, tag }).await {
            Outcome::Down(r) if r == reason => Ok(()),
            Outcome::Down(r) => Err(CallError::Exit(r)),
            Outcome::Reply(_) | Outcome::Timeout => unreachable!("stop waits for the exit only"),
        }
    }
}

/// Shown for a registered name in reasons: `Stack`, `:my_server`.
pub fn dest_term(dest: &Dest) -> Term {
    match dest {
        Dest::Pid(p) => Term::Pid(*p),
        Dest::Name(n) => name_term(n),
    }
}

#[cfg(test)]
mod size_probe {
    #[test]
    fn print_sizes() {
        use super::*;
        let rt = crate::runtime::Runtime::new();
        let ctx = Ctx { shared: rt.shared.clone(), pid: Pid { id: 1, index: 0 } };
        let cell = Rc::new(ServerCell::<crate::bench::Idle> { state: RefCell::new(None), mailbox: RefCell::new(VecDeque::new()), parent: ctx.pid, starter: Default::default() });
        let fut = server_init::<crate::bench::Idle>(ctx.clone(), cell, 1);
        eprintln!("envelope {} info {} reason {} term {} future {} slot {} cell {} extras {}", std::mem::size_of::<Envelope<crate::bench::Counter>>(), std::mem::size_of::<Info<Never>>(), std::mem::size_of::<ExitReason>(), std::mem::size_of::<Term>(), std::mem::size_of_val(&fut), std::mem::size_of::<super::super::process::Slot>(), std::mem::size_of::<ServerCell<crate::bench::Idle>>(), std::mem::size_of::<super::super::process::Extras>());
    }
}
