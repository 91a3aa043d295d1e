//! Chapter 6, Exercise 3: Rate Limiter with GenServer — `RateLimiter`.
//!
//! A token bucket: `allow?(cost)` spends tokens if there are enough, and a `:refill` message
//! the server sends itself every 1000 ms adds `refill_rate` tokens per elapsed second, up to
//! `max_tokens`. `System.monotonic_time(:second)` is the runtime's virtual clock in seconds.

use serde::Serialize;

use super::support::{StructName, check, now_seconds};
use crate::runtime::{CallResult, Caller, Ctx, Flow, GenServer, Info, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::ScriptFuture;

const REFILL_EVERY_MS: u64 = 1000;

/// `%RateLimiter{max_tokens: 10, current_tokens: 10, refill_rate: 2, last_refill: 0}`
#[derive(Serialize, Debug)]
pub struct RateLimiter {
    #[serde(rename = "__struct__")]
    module: StructName,
    max_tokens: i64,
    current_tokens: i64,
    /// Tokens per second.
    refill_rate: i64,
    /// Virtual seconds.
    last_refill: i64,
}

#[derive(Serialize, Debug)]
pub enum LimiterCall {
    /// `{:allow, cost}`
    Allow(i64),
    Status,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
pub enum LimiterInfo {
    Refill,
}

/// `%{tokens: 5, max: 10}`
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct LimiterStatus {
    pub tokens: i64,
    pub max: i64,
}

/// `true`/`false` for `allow?`, the status map for `status`.
#[derive(Serialize, Debug, PartialEq)]
#[serde(untagged)]
pub enum LimiterReply {
    Allowed(bool),
    Status(LimiterStatus),
}

impl RateLimiter {
    const NAME: &'static str = "RateLimiter";

    pub async fn start_link(ctx: &Ctx, max_tokens: i64, refill_rate: i64) -> Result<Pid, StartError> {
        ctx.start_link::<RateLimiter>((max_tokens, refill_rate), StartOpts::named(Self::NAME)).await
    }

    /// `RateLimiter.allow?(cost \\ 1)`
    pub async fn allow(ctx: &Ctx, cost: i64) -> bool {
        match ctx.call::<RateLimiter>(Self::NAME, LimiterCall::Allow(cost)).await {
            LimiterReply::Allowed(allowed) => allowed,
            LimiterReply::Status(_) => unreachable!("RateLimiter answers :allow with a boolean"),
        }
    }

    pub async fn status(ctx: &Ctx) -> LimiterStatus {
        match ctx.call::<RateLimiter>(Self::NAME, LimiterCall::Status).await {
            LimiterReply::Status(status) => status,
            LimiterReply::Allowed(_) => unreachable!("RateLimiter answers :status with the status map"),
        }
    }

    fn schedule_refill(ctx: &Ctx) {
        ctx.send_after(ctx.pid(), LimiterInfo::Refill, REFILL_EVERY_MS);
    }
}

impl GenServer for RateLimiter {
    const MODULE: &'static str = "RateLimiter";
    type Args = (i64, i64);
    type Call = LimiterCall;
    type Reply = LimiterReply;
    type Cast = Never;
    type Info = LimiterInfo;
    type Continue = Never;

    async fn init(ctx: &Ctx, (max_tokens, refill_rate): (i64, i64)) -> Init<Self> {
        Self::schedule_refill(ctx);
        Init::Ok(RateLimiter {
            module: StructName(Self::MODULE),
            max_tokens,
            current_tokens: max_tokens,
            refill_rate,
            last_refill: now_seconds(ctx),
        })
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: LimiterCall, _from: Caller<LimiterReply>) -> CallResult<Self> {
        let reply = match request {
            LimiterCall::Allow(cost) if self.current_tokens >= cost => {
                self.current_tokens -= cost;
                LimiterReply::Allowed(true)
            }
            LimiterCall::Allow(_) => LimiterReply::Allowed(false),
            LimiterCall::Status => LimiterReply::Status(LimiterStatus { tokens: self.current_tokens, max: self.max_tokens }),
        };
        CallResult::Reply(reply)
    }

    async fn handle_info(&mut self, ctx: &Ctx, msg: Info<LimiterInfo>) -> Flow<Self> {
        match msg {
            Info::Msg(LimiterInfo::Refill) => {
                let now = now_seconds(ctx);
                let tokens_to_add = (now - self.last_refill) * self.refill_rate;
                self.current_tokens = (self.current_tokens + tokens_to_add).min(self.max_tokens);
                self.last_refill = now;
                Self::schedule_refill(ctx);
            }
            other => ctx.log(format!("RateLimiter received unexpected message in handle_info/2: {}", other.to_term())),
        }
        Flow::NoReply
    }
}

/// The sheet's test block.
pub(crate) fn scenario_rate_limiter(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        RateLimiter::start_link(ctx, 10, 2).await.map_err(|e| format!("RateLimiter.start_link(10, 2): {e}"))?;
        ctx.log("{:ok, _} = RateLimiter.start_link(10, 2)");
        check(ctx, "RateLimiter.allow?(5)", RateLimiter::allow(ctx, 5).await, true)?;
        check(ctx, "RateLimiter.status()", RateLimiter::status(ctx).await, LimiterStatus { tokens: 5, max: 10 })?;
        check(ctx, "RateLimiter.allow?(10)", RateLimiter::allow(ctx, 10).await, false)?;
        ctx.sleep(3000).await;
        ctx.log("Process.sleep(3000)");
        check(ctx, "RateLimiter.status()", RateLimiter::status(ctx).await, LimiterStatus { tokens: 10, max: 10 })?;
        Ok(())
    })
}
