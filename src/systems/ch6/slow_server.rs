//! Chapter 6, Drill 7: Timeouts in Calls — `SlowServer`.
//!
//! A call waits 5000 ms by default; `GenServer.call/3` takes another timeout or `:infinity`.
//! A timed-out call exits the caller with `{:timeout, {GenServer, :call, ...}}`; the sheet
//! catches it with `catch :exit, {:timeout, _}`, which is [`SlowServer::try_slow_operation`]
//! here. The server does not notice: it finishes its sleep and replies to a caller that has
//! stopped waiting, and that late reply is dropped (the trace shows it).

use serde::Serialize;

use super::support::check;
use crate::runtime::{CallError, CallResult, Caller, Ctx, GenServer, Init, Never, Pid, StartError, StartOpts, Timeout};
use crate::scenario::ScriptFuture;

#[derive(Serialize, Debug)]
pub enum SlowCall {
    Fast,
    /// `{:slow, delay_ms}`
    Slow(u64),
}

/// `:done`
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Done;

/// Stateless: the state is `nil`.
#[derive(Serialize, Debug)]
pub struct SlowServer(());

impl SlowServer {
    const NAME: &'static str = "SlowServer";

    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<SlowServer>((), StartOpts::named(Self::NAME)).await
    }

    pub async fn fast_operation(ctx: &Ctx) -> Done {
        ctx.call::<SlowServer>(Self::NAME, SlowCall::Fast).await
    }

    /// Default 5 s timeout; past it the caller exits.
    pub async fn slow_operation(ctx: &Ctx, delay_ms: u64) -> Done {
        ctx.call::<SlowServer>(Self::NAME, SlowCall::Slow(delay_ms)).await
    }

    /// `slow_operation/1` inside `try ... catch :exit, reason`.
    pub async fn try_slow_operation(ctx: &Ctx, delay_ms: u64) -> Result<Done, CallError> {
        ctx.try_call::<SlowServer>(Self::NAME, SlowCall::Slow(delay_ms), Timeout::DEFAULT).await
    }

    pub async fn slow_operation_with_timeout(ctx: &Ctx, delay_ms: u64, timeout: u64) -> Done {
        ctx.call_timeout::<SlowServer>(Self::NAME, SlowCall::Slow(delay_ms), timeout).await
    }

    pub async fn infinite_wait(ctx: &Ctx, delay_ms: u64) -> Done {
        ctx.call_timeout::<SlowServer>(Self::NAME, SlowCall::Slow(delay_ms), Timeout::Infinity).await
    }
}

impl GenServer for SlowServer {
    const MODULE: &'static str = "SlowServer";
    type Args = ();
    type Call = SlowCall;
    type Reply = Done;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, _: ()) -> Init<Self> {
        Init::Ok(SlowServer(()))
    }

    async fn handle_call(&mut self, ctx: &Ctx, request: SlowCall, _from: Caller<Done>) -> CallResult<Self> {
        if let SlowCall::Slow(delay_ms) = request {
            ctx.sleep(delay_ms).await;
        }
        CallResult::Reply(Done)
    }
}

/// The sheet's "Test Timeout Behaviors" block.
pub(crate) fn scenario_slow_server(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        SlowServer::start_link(ctx).await.map_err(|e| format!("SlowServer.start_link(): {e}"))?;
        ctx.log("{:ok, _} = SlowServer.start_link()");
        check(ctx, "SlowServer.fast_operation()", SlowServer::fast_operation(ctx).await, Done)?;
        check(ctx, "SlowServer.slow_operation(3000)", SlowServer::slow_operation(ctx, 3000).await, Done)?;
        ctx.log("try do SlowServer.slow_operation(6000) catch :exit, {:timeout, _} -> IO.puts(\"Timed out!\") end");
        match SlowServer::try_slow_operation(ctx, 6000).await {
            Err(CallError::Timeout) => ctx.log("Timed out!"),
            Ok(_) => return Err("SlowServer.slow_operation(6000): expected a timeout exit, got :done".into()),
            Err(other) => return Err(format!("SlowServer.slow_operation(6000): expected a timeout exit, got {other}")),
        }
        check(ctx, "SlowServer.slow_operation_with_timeout(6000, 10_000)", SlowServer::slow_operation_with_timeout(ctx, 6000, 10_000).await, Done)?;
        check(ctx, "SlowServer.infinite_wait(20_000)", SlowServer::infinite_wait(ctx, 20_000).await, Done)?;
        Ok(())
    })
}
