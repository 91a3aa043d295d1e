//! Chapter 6, Drill 4: Handle Info for External Messages — `CacheServer`.
//!
//! Entries expire after their TTL. Two mechanisms, as in the sheet: `get` notices an expired
//! entry and drops it, and a `:cleanup` message the server sends itself every 10 s with
//! `Process.send_after` sweeps the rest. That message is neither a call nor a cast, so it
//! arrives in `handle_info/2`.
//!
//! Time is virtual: `System.system_time(:second)` is the runtime's clock in whole seconds
//! (starting at 0), so a 3600 s TTL can be tested in microseconds.

use std::collections::BTreeMap;

use serde::Serialize;

use super::support::{TermKey, check, now_seconds};
use crate::runtime::{CallResult, Caller, Ctx, Flow, GenServer, Info, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::ScriptFuture;
use crate::term::{Atom, Term, to_term};

const CLEANUP_EVERY_MS: u64 = 10_000;

/// The server's state: `%{key => {value, expiry_second}}`.
#[derive(Serialize, Debug, Default)]
pub struct CacheServer(BTreeMap<TermKey, (Term, i64)>);

#[derive(Serialize, Debug)]
pub enum CacheCall {
    /// `{:put, key, value, ttl_seconds}`
    Put(Term, Term, i64),
    /// `{:get, key}`
    Get(Term),
}

#[derive(Serialize, Debug, PartialEq, Eq)]
pub enum CacheInfo {
    Cleanup,
}

/// `{:ok, value}` or `:not_found`.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub enum Lookup {
    Ok(Term),
    NotFound,
}

/// `:ok` for `put`, a [`Lookup`] for `get`.
#[derive(Serialize, Debug, PartialEq)]
#[serde(untagged)]
pub enum CacheReply {
    Stored(Result<(), Never>),
    Lookup(Lookup),
}

impl CacheServer {
    const NAME: &'static str = "CacheServer";

    /// `CacheServer.start_link()`, registered as `CacheServer`.
    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<CacheServer>((), StartOpts::named(Self::NAME)).await
    }

    pub async fn put(ctx: &Ctx, key: impl Serialize, value: impl Serialize, ttl_seconds: i64) {
        ctx.call::<CacheServer>(Self::NAME, CacheCall::Put(to_term(&key), to_term(&value), ttl_seconds)).await;
    }

    pub async fn get(ctx: &Ctx, key: impl Serialize) -> Lookup {
        match ctx.call::<CacheServer>(Self::NAME, CacheCall::Get(to_term(&key))).await {
            CacheReply::Lookup(found) => found,
            CacheReply::Stored(_) => unreachable!("CacheServer answers :get with a lookup"),
        }
    }

    fn schedule_cleanup(ctx: &Ctx) {
        ctx.send_after(ctx.pid(), CacheInfo::Cleanup, CLEANUP_EVERY_MS);
    }
}

impl GenServer for CacheServer {
    const MODULE: &'static str = "CacheServer";
    type Args = ();
    type Call = CacheCall;
    type Reply = CacheReply;
    type Cast = Never;
    type Info = CacheInfo;
    type Continue = Never;

    async fn init(ctx: &Ctx, _: ()) -> Init<Self> {
        Self::schedule_cleanup(ctx);
        Init::Ok(CacheServer::default())
    }

    async fn handle_call(&mut self, ctx: &Ctx, request: CacheCall, _from: Caller<CacheReply>) -> CallResult<Self> {
        let now = now_seconds(ctx);
        let reply = match request {
            CacheCall::Put(key, value, ttl) => {
                self.0.insert(TermKey(key), (value, now.saturating_add(ttl)));
                CacheReply::Stored(Ok(()))
            }
            CacheCall::Get(key) => {
                let key = TermKey(key);
                match self.0.get(&key) {
                    Some((value, expiry)) if now < *expiry => CacheReply::Lookup(Lookup::Ok(value.clone())),
                    Some(_) => {
                        self.0.remove(&key);
                        CacheReply::Lookup(Lookup::NotFound)
                    }
                    None => CacheReply::Lookup(Lookup::NotFound),
                }
            }
        };
        CallResult::Reply(reply)
    }

    async fn handle_info(&mut self, ctx: &Ctx, msg: Info<CacheInfo>) -> Flow<Self> {
        match msg {
            Info::Msg(CacheInfo::Cleanup) => {
                let now = now_seconds(ctx);
                let before = self.0.len();
                self.0.retain(|_, (_, expiry)| *expiry > now);
                ctx.log(format!("Cleaned up {} expired entries", before - self.0.len()));
                Self::schedule_cleanup(ctx);
            }
            other => ctx.log(format!("CacheServer received unexpected message in handle_info/2: {}", other.to_term())),
        }
        Flow::NoReply
    }
}

/// Lazy expiry on `get`, then the periodic sweep (the sheet gives no test block).
pub(crate) fn scenario_cache_server(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        CacheServer::start_link(ctx).await.map_err(|e| format!("CacheServer.start_link(): {e}"))?;
        ctx.log("{:ok, _pid} = CacheServer.start_link()");
        let session = Atom::new("session");
        CacheServer::put(ctx, &session, "abc123", 5).await;
        ctx.log("CacheServer.put(:session, \"abc123\", 5)  # => :ok");
        check(ctx, "CacheServer.get(:session)", CacheServer::get(ctx, &session).await, Lookup::Ok(Term::string("abc123")))?;
        ctx.sleep(6000).await;
        ctx.log("Process.sleep(6000)");
        check(ctx, "CacheServer.get(:session)", CacheServer::get(ctx, &session).await, Lookup::NotFound)?;
        CacheServer::put(ctx, Atom::new("short"), 1, 2).await;
        ctx.log("CacheServer.put(:short, 1, 2)  # => :ok");
        CacheServer::put(ctx, Atom::new("long"), 2, 60).await;
        ctx.log("CacheServer.put(:long, 2, 60)  # => :ok");
        ctx.sleep(5000).await;
        ctx.log("Process.sleep(5000)  # the 10 s :cleanup ran meanwhile: \"Cleaned up 1 expired entries\"");
        check(ctx, "CacheServer.get(:short)", CacheServer::get(ctx, Atom::new("short")).await, Lookup::NotFound)?;
        check(ctx, "CacheServer.get(:long)", CacheServer::get(ctx, Atom::new("long")).await, Lookup::Ok(Term::Int(2)))?;
        Ok(())
    })
}
