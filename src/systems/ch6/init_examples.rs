//! Chapter 6, Drill 6: Initialization Patterns — `InitExamples`.
//!
//! Four ways `init/1` can go: plain, with a parameter, refusing to start (`{:stop, reason}`
//! makes `start_link` return `{:error, reason}`), and deferred: `init` returns at once with
//! `{:continue, :load_data}` and the slow work (a 3000 ms sleep) runs in `handle_continue/2`
//! before the first message, so the starter is not kept waiting.
//!
//! The sheet has no client function to read the state; [`InitExamples::get_state`] stands in
//! for `:sys.get_state(pid)`, which, like it, is answered only after the continue has run.

use serde::Serialize;

use super::support::check;
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, Flow, GenServer, Info, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, show};
use crate::term::{Atom, Term, to_term};

/// `%{type: :simple, value: 0}`
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct InitExamples {
    #[serde(rename = "type")]
    pub kind: Atom,
    pub value: Term,
}

/// `init/1`'s argument: `:simple`, `{:with_params, v}`, `{:validate, v}`, `:deferred`.
#[derive(Serialize, Debug)]
pub enum InitArg {
    Simple,
    WithParams(Term),
    Validate(Term),
    Deferred,
}

#[derive(Serialize, Debug)]
pub enum InitContinue {
    LoadData,
}

#[derive(Serialize, Debug)]
pub enum InitCall {
    /// Stands in for `:sys.get_state/1`.
    GetState,
}

impl InitExamples {
    pub async fn start_simple(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<InitExamples>(InitArg::Simple, StartOpts::default()).await
    }

    pub async fn start_with_params(ctx: &Ctx, initial_value: impl Serialize) -> Result<Pid, StartError> {
        ctx.start_link::<InitExamples>(InitArg::WithParams(to_term(&initial_value)), StartOpts::default()).await
    }

    /// Fails with `{:error, :invalid_initial_value}` unless `value` is a positive integer.
    /// The server was linked, so its exit then reaches the caller too (trap exits to survive).
    pub async fn start_with_validation(ctx: &Ctx, value: impl Serialize) -> Result<Pid, StartError> {
        ctx.start_link::<InitExamples>(InitArg::Validate(to_term(&value)), StartOpts::default()).await
    }

    /// Returns as soon as `init` has; the data loads in `handle_continue`.
    pub async fn start_deferred(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<InitExamples>(InitArg::Deferred, StartOpts::default()).await
    }

    /// `:sys.get_state(pid)`.
    pub async fn get_state(ctx: &Ctx, pid: Pid) -> InitExamples {
        ctx.call::<InitExamples>(pid, InitCall::GetState).await
    }

    fn new(kind: &str, value: Term) -> Self {
        InitExamples { kind: Atom::new(kind), value }
    }

    fn load_from_database() -> Term {
        Term::string("expensive data")
    }
}

impl GenServer for InitExamples {
    const MODULE: &'static str = "InitExamples";
    type Args = InitArg;
    type Call = InitCall;
    type Reply = InitExamples;
    type Cast = Never;
    type Info = Never;
    type Continue = InitContinue;

    async fn init(_ctx: &Ctx, arg: InitArg) -> Init<Self> {
        match arg {
            InitArg::Simple => Init::Ok(Self::new("simple", Term::Int(0))),
            InitArg::WithParams(initial_value) => Init::Ok(Self::new("params", initial_value)),
            InitArg::Validate(Term::Int(value)) if value > 0 => Init::Ok(Self::new("validated", Term::Int(value))),
            InitArg::Validate(_invalid) => Init::Stop(ExitReason::atom("invalid_initial_value")),
            InitArg::Deferred => Init::Continue(Self::new("deferred", Term::nil()), InitContinue::LoadData),
        }
    }

    async fn handle_continue(&mut self, ctx: &Ctx, InitContinue::LoadData: InitContinue) -> Flow<Self> {
        ctx.sleep(3000).await;
        self.value = Self::load_from_database();
        Flow::NoReply
    }

    async fn handle_call(&mut self, _ctx: &Ctx, InitCall::GetState: InitCall, _from: Caller<InitExamples>) -> CallResult<Self> {
        CallResult::Reply(self.clone())
    }
}

/// The sheet's scenarios. The shell traps exits so that the failed, linked start shows up as
/// an `{:EXIT, pid, :invalid_initial_value}` message instead of ending the shell (IEx would
/// print the exit and restart its shell).
pub(crate) fn scenario_init_examples(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        ctx.trap_exit(true);
        ctx.log("Process.flag(:trap_exit, true)");
        let simple = InitExamples::start_simple(ctx).await.map_err(|e| format!("start_simple(): {e}"))?;
        show(ctx, "{:ok, _pid} = InitExamples.start_simple()", &simple);
        let params = InitExamples::start_with_params(ctx, 42).await.map_err(|e| format!("start_with_params(42): {e}"))?;
        check(ctx, ":sys.get_state(pid)", InitExamples::get_state(ctx, params).await, InitExamples::new("params", Term::Int(42)))?;
        let failed = InitExamples::start_with_validation(ctx, -5).await;
        check(ctx, "InitExamples.start_with_validation(-5)", failed.map(|_| ()), Err(StartError::Stop(ExitReason::atom("invalid_initial_value"))))?;
        if let Info::Exit { pid, reason } = ctx.receive().await {
            show(ctx, "flush()", &Term::tuple([Term::atom("EXIT"), Term::Pid(pid), reason.to_term()]));
        }
        let started_at = ctx.now();
        let deferred = InitExamples::start_deferred(ctx).await.map_err(|e| format!("start_deferred(): {e}"))?;
        show(ctx, "{:ok, pid} = InitExamples.start_deferred()", &deferred);
        check(ctx, "# ms it took to return", ctx.now() - started_at, 0)?;
        let loaded = InitExamples::new("deferred", Term::string("expensive data"));
        check(ctx, ":sys.get_state(pid)", InitExamples::get_state(ctx, deferred).await, loaded)?;
        check(ctx, "# ms until the state was there", ctx.now() - started_at, 3000)?;
        Ok(())
    })
}
