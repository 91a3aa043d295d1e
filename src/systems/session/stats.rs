//! `SessionStore.Stats` (capstone, requirement 4): counters the cache bumps with casts, so
//! recording never slows a request down, and one call to read them.
//!
//! What counts (the sheet leaves it to the cache): a *create* is a session process the cache
//! started for `create_session` (fresh or restored; not a repeat that returned the running
//! pid), an *access* is a `get_session` that found a session, a *delete* is a
//! `delete_session` that found one. `start_time` is in virtual seconds, so `uptime_seconds`
//! is virtual too.

use serde::Serialize;

use crate::runtime::{CallResult, Caller, Ctx, Flow, GenServer, Init, Never, Pid, StartError, StartOpts};

/// `:create`, `:access`, `:delete`
#[derive(Debug, Serialize)]
pub enum StatsCast {
    Create,
    Access,
    Delete,
}

/// `:get_stats`
#[derive(Debug, Serialize)]
pub enum StatsCall {
    GetStats,
}

/// The sheet's state `%{creates: 0, accesses: 0, deletes: 0, start_time: ...}`.
#[derive(Debug, Serialize)]
pub struct Stats {
    creates: u64,
    accesses: u64,
    deletes: u64,
    /// Virtual seconds.
    start_time: u64,
}

/// `get_stats/0`'s reply: the state plus `uptime_seconds`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatsReport {
    pub creates: u64,
    pub accesses: u64,
    pub deletes: u64,
    pub start_time: u64,
    pub uptime_seconds: u64,
}

impl Stats {
    pub const NAME: &'static str = "SessionStore.Stats";

    /// `SessionStore.Stats.start_link()`: registered as `SessionStore.Stats`.
    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<Stats>((), StartOpts::named(Self::NAME)).await
    }

    /// `GenServer.start(SessionStore.Stats, nil, name: SessionStore.Stats)`: unlinked.
    pub async fn start(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start::<Stats>((), StartOpts::named(Self::NAME)).await
    }

    pub fn record_create(ctx: &Ctx) {
        ctx.cast::<Stats>(Self::NAME, StatsCast::Create);
    }

    pub fn record_access(ctx: &Ctx) {
        ctx.cast::<Stats>(Self::NAME, StatsCast::Access);
    }

    pub fn record_delete(ctx: &Ctx) {
        ctx.cast::<Stats>(Self::NAME, StatsCast::Delete);
    }

    /// `SessionStore.Stats.get_stats()`
    pub async fn get_stats(ctx: &Ctx) -> StatsReport {
        ctx.call::<Stats>(Self::NAME, StatsCall::GetStats).await
    }
}

impl GenServer for Stats {
    const MODULE: &'static str = "SessionStore.Stats";
    type Args = ();
    type Call = StatsCall;
    type Reply = StatsReport;
    type Cast = StatsCast;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, _args: ()) -> Init<Self> {
        Init::Ok(Stats { creates: 0, accesses: 0, deletes: 0, start_time: ctx.now() / 1000 })
    }

    async fn handle_cast(&mut self, _ctx: &Ctx, msg: StatsCast) -> Flow<Self> {
        match msg {
            StatsCast::Create => self.creates += 1,
            StatsCast::Access => self.accesses += 1,
            StatsCast::Delete => self.deletes += 1,
        }
        Flow::NoReply
    }

    async fn handle_call(&mut self, ctx: &Ctx, StatsCall::GetStats: StatsCall, _from: Caller<StatsReport>) -> CallResult<Self> {
        CallResult::Reply(StatsReport {
            creates: self.creates,
            accesses: self.accesses,
            deletes: self.deletes,
            start_time: self.start_time,
            uptime_seconds: (ctx.now() / 1000).saturating_sub(self.start_time),
        })
    }
}
