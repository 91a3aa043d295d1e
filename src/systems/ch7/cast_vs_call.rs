//! Drill 6 (Cast vs Call Decision Making): the same `{:add, value}` as a cast (`add_async`)
//! and as a call (`add_sync`), on the state `%CastVsCall{total: 0, operations: []}`.
//!
//! The sheet says a `get_total` right after two `add_async` casts "could be 0, 10, or 30".
//! It cannot: messages from one process to another arrive in the order they were sent, so
//! the call is handled after both casts and sees 30, on the BEAM as here. What a cast really
//! gives up is confirmation: a cast to a server that is not running returns `:ok` and does
//! nothing, while a call exits the caller with `:noproc`. The scenario shows both.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::runtime::{CallError, CallResult, Caller, Ctx, ExitReason, Flow, GenServer, Init, Never, Pid, StartError, StartOpts, Timeout};
use crate::scenario::{expect, show};
use crate::term::Atom;

/// `{:add, value}`
#[derive(Debug, Serialize)]
pub enum CastVsCallCast {
    Add(i64),
}

/// `{:add, value}`, `:get_total`
#[derive(Debug, Serialize)]
pub enum CastVsCallCall {
    Add(i64),
    GetTotal,
}

/// `:ok` for `add_sync`, the total for `get_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CastVsCallReply {
    Ok,
    Total(i64),
}

impl Serialize for CastVsCallReply {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CastVsCallReply::Ok => Atom::new("ok").serialize(s),
            CastVsCallReply::Total(n) => n.serialize(s),
        }
    }
}

/// `%CastVsCall{total: 0, operations: []}`; `operations` newest first, as `[value | ops]`
/// builds it.
#[derive(Debug, Default)]
pub struct CastVsCall {
    total: i64,
    operations: Vec<i64>,
}

impl Serialize for CastVsCall {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CastVsCall", 3)?;
        st.serialize_field("__struct__", &Atom::new("Elixir.CastVsCall"))?;
        st.serialize_field("operations", &self.operations)?;
        st.serialize_field("total", &self.total)?;
        st.end()
    }
}

impl CastVsCall {
    pub const NAME: &'static str = "CastVsCall";

    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<CastVsCall>((), StartOpts::named(Self::NAME)).await
    }

    /// `CastVsCall.add_async(value)`: fire and forget.
    pub fn add_async(ctx: &Ctx, value: i64) {
        ctx.cast::<CastVsCall>(Self::NAME, CastVsCallCast::Add(value));
    }

    /// `CastVsCall.add_sync(value)`: returns once the value is added.
    pub async fn add_sync(ctx: &Ctx, value: i64) {
        ctx.call::<CastVsCall>(Self::NAME, CastVsCallCall::Add(value)).await;
    }

    /// `CastVsCall.get_total()`
    pub async fn get_total(ctx: &Ctx) -> i64 {
        match ctx.call::<CastVsCall>(Self::NAME, CastVsCallCall::GetTotal).await {
            CastVsCallReply::Total(n) => n,
            CastVsCallReply::Ok => unreachable!("get_total replies with the total"),
        }
    }

    fn add(&mut self, value: i64) {
        self.total += value;
        self.operations.insert(0, value);
    }
}

impl GenServer for CastVsCall {
    const MODULE: &'static str = "CastVsCall";
    type Args = ();
    type Call = CastVsCallCall;
    type Reply = CastVsCallReply;
    type Cast = CastVsCallCast;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, _: ()) -> Init<Self> {
        Init::Ok(CastVsCall::default())
    }

    async fn handle_cast(&mut self, _ctx: &Ctx, CastVsCallCast::Add(value): CastVsCallCast) -> Flow<Self> {
        self.add(value);
        Flow::NoReply
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: CastVsCallCall, _from: Caller<CastVsCallReply>) -> CallResult<Self> {
        match request {
            CastVsCallCall::Add(value) => {
                self.add(value);
                CallResult::Reply(CastVsCallReply::Ok)
            }
            CastVsCallCall::GetTotal => CallResult::Reply(CastVsCallReply::Total(self.total)),
        }
    }
}

/// Drill 6's comparison, then what happens to each when the server is gone.
pub(crate) async fn scenario_cast_vs_call(ctx: Ctx) -> Result<(), String> {
    let ok = Atom::new("ok");
    let started = CastVsCall::start_link(&ctx).await;
    show(&ctx, "CastVsCall.start_link()", &started);
    CastVsCall::add_async(&ctx, 10);
    show(&ctx, "CastVsCall.add_async(10)", &ok);
    CastVsCall::add_async(&ctx, 20);
    show(&ctx, "CastVsCall.add_async(20)", &ok);
    ctx.log("# The sheet says 0, 10 or 30; messages from one process arrive in order, so it is 30");
    expect(&ctx, "CastVsCall.get_total()", CastVsCall::get_total(&ctx).await, 30)?;
    CastVsCall::add_sync(&ctx, 30).await;
    show(&ctx, "CastVsCall.add_sync(30)", &ok);
    expect(&ctx, "CastVsCall.get_total()", CastVsCall::get_total(&ctx).await, 60)?;
    if let Some(pid) = ctx.whereis(CastVsCall::NAME) {
        let stopped = ctx.stop(pid, ExitReason::Normal).await.map_err(|e| e.to_string());
        let _ = expect(&ctx, "GenServer.stop(CastVsCall)", stopped, Ok(()))?;
    }
    ctx.log("# With no server running, the cast still says :ok; the call fails");
    CastVsCall::add_async(&ctx, 40);
    show(&ctx, "CastVsCall.add_async(40)", &ok);
    let call = ctx.try_call::<CastVsCall>(CastVsCall::NAME, CastVsCallCall::Add(40), Timeout::DEFAULT).await;
    let exit = call.err().map(|e: CallError| e.exit_reason(&CastVsCall::NAME.into(), Timeout::DEFAULT));
    let expected = CallError::NoProc.exit_reason(&CastVsCall::NAME.into(), Timeout::DEFAULT);
    expect(&ctx, "catch_exit(CastVsCall.add_sync(40))", exit, Some(expected))?;
    Ok(())
}
