//! Chapter 6, Drill 5: Process Registration — `UnregisteredCounter` and `RegisteredCounter`.
//!
//! The same counter twice. The unregistered one is reached only through the pid that
//! `start_link` returned, so every client function takes it; the registered one is started
//! with `name: __MODULE__`, so clients reach it by name and need no pid (and a second
//! `start_link` fails with `{:error, {:already_started, pid}}`).

use serde::Serialize;

use super::support::check;
use crate::runtime::{CallResult, Caller, Ctx, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, show};

#[derive(Serialize, Debug)]
pub enum CounterCall {
    Increment,
}

/// Reached by pid only. The state is the count.
#[derive(Serialize, Debug)]
pub struct UnregisteredCounter(i64);

impl UnregisteredCounter {
    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<UnregisteredCounter>(0, StartOpts::default()).await
    }

    /// `UnregisteredCounter.increment(pid)`: the new count.
    pub async fn increment(ctx: &Ctx, pid: Pid) -> i64 {
        ctx.call::<UnregisteredCounter>(pid, CounterCall::Increment).await
    }
}

impl GenServer for UnregisteredCounter {
    const MODULE: &'static str = "UnregisteredCounter";
    type Args = i64;
    type Call = CounterCall;
    type Reply = i64;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, initial: i64) -> Init<Self> {
        Init::Ok(UnregisteredCounter(initial))
    }

    async fn handle_call(&mut self, _ctx: &Ctx, CounterCall::Increment: CounterCall, _from: Caller<i64>) -> CallResult<Self> {
        self.0 += 1;
        CallResult::Reply(self.0)
    }
}

/// Registered as `RegisteredCounter`. The state is the count.
#[derive(Serialize, Debug)]
pub struct RegisteredCounter(i64);

impl RegisteredCounter {
    const NAME: &'static str = "RegisteredCounter";

    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<RegisteredCounter>(0, StartOpts::named(Self::NAME)).await
    }

    /// `RegisteredCounter.increment()`: no pid needed.
    pub async fn increment(ctx: &Ctx) -> i64 {
        ctx.call::<RegisteredCounter>(Self::NAME, CounterCall::Increment).await
    }
}

impl GenServer for RegisteredCounter {
    const MODULE: &'static str = "RegisteredCounter";
    type Args = i64;
    type Call = CounterCall;
    type Reply = i64;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, initial: i64) -> Init<Self> {
        Init::Ok(RegisteredCounter(initial))
    }

    async fn handle_call(&mut self, _ctx: &Ctx, CounterCall::Increment: CounterCall, _from: Caller<i64>) -> CallResult<Self> {
        self.0 += 1;
        CallResult::Reply(self.0)
    }
}

/// Both usage blocks, plus the second `start_link` a name makes fail.
pub(crate) fn scenario_counters(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let pid = UnregisteredCounter::start_link(ctx).await.map_err(|e| format!("UnregisteredCounter.start_link(): {e}"))?;
        show(ctx, "{:ok, pid} = UnregisteredCounter.start_link()", &pid);
        check(ctx, "UnregisteredCounter.increment(pid)", UnregisteredCounter::increment(ctx, pid).await, 1)?;
        let registered = RegisteredCounter::start_link(ctx).await.map_err(|e| format!("RegisteredCounter.start_link(): {e}"))?;
        ctx.log("{:ok, _pid} = RegisteredCounter.start_link()");
        check(ctx, "RegisteredCounter.increment()", RegisteredCounter::increment(ctx).await, 1)?;
        check(ctx, "RegisteredCounter.increment()", RegisteredCounter::increment(ctx).await, 2)?;
        check(ctx, "Process.whereis(RegisteredCounter)", ctx.whereis(RegisteredCounter::NAME), Some(registered))?;
        check(
            ctx,
            "RegisteredCounter.start_link()",
            RegisteredCounter::start_link(ctx).await,
            Err(StartError::AlreadyStarted(registered)),
        )?;
        Ok(())
    })
}
