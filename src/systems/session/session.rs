//! `SessionStore.Session` (capstone, requirement 1): one process per user session, holding
//! its data and expiring after `ttl` seconds without access.
//!
//! `get` and `all_data` are calls (the caller needs the answer), `put` and `touch` are casts
//! (fire and forget), as in the sheet. Expiry is the sheet's lazy check: one
//! `:check_expiration` timer, re-armed for the time that is left rather than reset on every
//! access, so a busy session costs one pending timer, not one per request.
//!
//! Decisions where the sheet leans on things a page does not have:
//! - **Time.** `created_at` and `last_accessed` are *virtual seconds since the runtime started*
//!   (`ctx.now() / 1000`), not `DateTime`s. Only differences matter (`DateTime.diff/2` in
//!   seconds, truncated, as in the sheet), and virtual time makes a 3600 s TTL testable.
//! - **Persistence.** The sheet's session never talks to `SessionStore.Database`, so nothing
//!   would be persisted. A session started by the cache (`persist` on) saves its data after
//!   each `put`, the way the book's `Todo.Server` stores after each change, and deletes its
//!   record when it expires, so an expired session is not restored later. A session started
//!   on its own with [`Session::start_link`] behaves exactly as the sheet's and needs no
//!   database.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use super::database::Database;
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, Flow, GenServer, Info, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, expect, show};
use crate::term::{Atom, Term, compare_exact};

/// The sheet's default TTL, in seconds.
pub const DEFAULT_TTL: u64 = 3600;

/// A map key ordered by Erlang's map-key order (`=:=`), so any term can be a key.
#[derive(Clone, Debug)]
struct Key(Term);

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        compare_exact(&self.0, &other.0)
    }
}

/// A session's data: the sheet's `data` map, any term to any term.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionData(BTreeMap<Key, Term>);

impl SessionData {
    /// A map from `(key, value)` pairs (a later pair wins, as with `Map.new/1`).
    pub fn from_pairs<K: Into<Term>, V: Into<Term>>(pairs: impl IntoIterator<Item = (K, V)>) -> SessionData {
        SessionData(pairs.into_iter().map(|(k, v)| (Key(k.into()), v.into())).collect())
    }

    /// The data of a stored map term; `None` if the term is not a map.
    pub fn from_term(term: Term) -> Option<SessionData> {
        let pairs = term.into_map().ok()?;
        Some(SessionData(pairs.into_iter().map(|(k, v)| (Key(k), v)).collect()))
    }

    /// `Map.get(data, key)`
    pub fn get(&self, key: &Term) -> Option<&Term> {
        self.0.get(&Key(key.clone()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The map as a term, the value the database stores.
    pub fn to_term(&self) -> Term {
        Term::Map(self.0.iter().map(|(k, v)| (k.0.clone(), v.clone())).collect())
    }

    fn insert(&mut self, key: Term, value: Term) {
        self.0.insert(Key(key), value);
    }
}

impl Serialize for SessionData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (&k.0, v)))
    }
}

/// `{:get, key}`, `:all_data`
#[derive(Debug, Serialize)]
pub enum SessionCall {
    Get(Term),
    AllData,
}

/// `get` replies with the value (`nil` if absent), `all_data` with the map.
#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SessionReply {
    Value(Option<Term>),
    Data(SessionData),
}

/// `{:put, key, value}`, `:touch`
#[derive(Debug, Serialize)]
pub enum SessionCast {
    Put(Term, Term),
    Touch,
}

/// `:check_expiration`
#[derive(Debug, Serialize)]
pub enum SessionInfo {
    CheckExpiration,
}

/// What `init/1` gets: the sheet's `{session_id, ttl}`, plus the data to start from (empty,
/// or restored from the database) and whether to persist.
pub struct SessionArgs {
    pub session_id: String,
    pub ttl: u64,
    pub data: SessionData,
    pub persist: bool,
}

/// The sheet's `%SessionStore.Session{}` struct.
#[derive(Debug, Serialize)]
pub struct Session {
    session_id: String,
    data: SessionData,
    /// Virtual seconds.
    created_at: u64,
    /// Virtual seconds.
    last_accessed: u64,
    /// Seconds without access before the session stops.
    ttl: u64,
    #[serde(skip)]
    persist: bool,
}

/// `DateTime.utc_now()` in this playground: whole virtual seconds.
fn now_seconds(ctx: &Ctx) -> u64 {
    ctx.now() / 1000
}

fn schedule_expiration_check(ctx: &Ctx, seconds: u64) {
    ctx.send_after(ctx.pid(), SessionInfo::CheckExpiration, seconds * 1000);
}

impl Session {
    /// `SessionStore.Session.start_link(session_id, ttl)`: a session on its own, as in the
    /// sheet (it persists nothing).
    pub async fn start_link(ctx: &Ctx, session_id: &str, ttl: u64) -> Result<Pid, StartError> {
        let args = SessionArgs { session_id: session_id.to_string(), ttl, data: SessionData::default(), persist: false };
        ctx.start_link::<Session>(args, StartOpts::default()).await
    }

    /// The cache's way to start a session: with its stored data, saving every change.
    pub(crate) async fn start_link_persistent(ctx: &Ctx, session_id: &str, ttl: u64, data: SessionData) -> Result<Pid, StartError> {
        let args = SessionArgs { session_id: session_id.to_string(), ttl, data, persist: true };
        ctx.start_link::<Session>(args, StartOpts::default()).await
    }

    /// `SessionStore.Session.get(pid, key)`: the value, `None` for `nil`. A call; it counts as
    /// an access.
    pub async fn get(ctx: &Ctx, pid: Pid, key: impl Into<Term>) -> Option<Term> {
        match ctx.call::<Session>(pid, SessionCall::Get(key.into())).await {
            SessionReply::Value(value) => value,
            SessionReply::Data(_) => unreachable!("get replies with a value"),
        }
    }

    /// `SessionStore.Session.put(pid, key, value)`: a cast.
    pub fn put(ctx: &Ctx, pid: Pid, key: impl Into<Term>, value: impl Into<Term>) {
        ctx.cast::<Session>(pid, SessionCast::Put(key.into(), value.into()));
    }

    /// `SessionStore.Session.all_data(pid)`: a call; like the sheet's, it is not an access.
    pub async fn all_data(ctx: &Ctx, pid: Pid) -> SessionData {
        match ctx.call::<Session>(pid, SessionCall::AllData).await {
            SessionReply::Data(data) => data,
            SessionReply::Value(_) => unreachable!("all_data replies with the map"),
        }
    }

    /// `SessionStore.Session.touch(pid)`: a cast that only refreshes `last_accessed`.
    pub fn touch(ctx: &Ctx, pid: Pid) {
        ctx.cast::<Session>(pid, SessionCast::Touch);
    }
}

impl GenServer for Session {
    const MODULE: &'static str = "SessionStore.Session";
    type Args = SessionArgs;
    type Call = SessionCall;
    type Reply = SessionReply;
    type Cast = SessionCast;
    type Info = SessionInfo;
    type Continue = Never;

    async fn init(ctx: &Ctx, args: SessionArgs) -> Init<Self> {
        let now = now_seconds(ctx);
        schedule_expiration_check(ctx, args.ttl);
        Init::Ok(Session {
            session_id: args.session_id,
            data: args.data,
            created_at: now,
            last_accessed: now,
            ttl: args.ttl,
            persist: args.persist,
        })
    }

    async fn handle_call(&mut self, ctx: &Ctx, request: SessionCall, _from: Caller<SessionReply>) -> CallResult<Self> {
        match request {
            SessionCall::Get(key) => {
                let value = self.data.get(&key).cloned();
                self.last_accessed = now_seconds(ctx);
                CallResult::Reply(SessionReply::Value(value))
            }
            SessionCall::AllData => CallResult::Reply(SessionReply::Data(self.data.clone())),
        }
    }

    async fn handle_cast(&mut self, ctx: &Ctx, msg: SessionCast) -> Flow<Self> {
        match msg {
            SessionCast::Put(key, value) => {
                self.data.insert(key, value);
                self.last_accessed = now_seconds(ctx);
                if self.persist {
                    Database::save(ctx, &self.session_id, self.data.to_term()).await;
                }
            }
            SessionCast::Touch => self.last_accessed = now_seconds(ctx),
        }
        Flow::NoReply
    }

    async fn handle_info(&mut self, ctx: &Ctx, msg: Info<SessionInfo>) -> Flow<Self> {
        let Info::Msg(SessionInfo::CheckExpiration) = msg else {
            ctx.log(format!("{} received unexpected message in handle_info/2: {}", Self::MODULE, msg.to_term()));
            return Flow::NoReply;
        };
        let elapsed = now_seconds(ctx).saturating_sub(self.last_accessed);
        if elapsed >= self.ttl {
            if self.persist {
                Database::delete(ctx, &self.session_id).await;
            }
            Flow::Stop(ExitReason::Normal)
        } else {
            schedule_expiration_check(ctx, self.ttl - elapsed);
            Flow::NoReply
        }
    }
}

/// `ch7.session_ttl`: a touch at 3000 s keeps the session past 3600 s; it stops 3600 s after
/// its last access, and the cache and the database forget it.
pub(crate) fn scenario_ttl(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        super::start_system(ctx, crate::storage::Backend::memory(), super::StoreOpts::default())
            .await
            .map_err(|e| format!("start_system failed: {e}"))?;
        let pid = super::Cache::create_session(ctx, "user-7").await.map_err(|e| format!("create_session failed: {e}"))?;
        show(ctx, "{:ok, pid} = SessionStore.Cache.create_session(\"user-7\")  # ttl 3600 s", &Ok::<Pid, ()>(pid));
        Session::put(ctx, pid, Atom::new("user_id"), 7i64);
        ctx.log("SessionStore.Session.put(pid, :user_id, 7)  # at 0 s");
        ctx.sleep(3_000_000).await;
        Session::touch(ctx, pid);
        ctx.log("Process.sleep(3_000_000); SessionStore.Session.touch(pid)  # at 3000 s");
        ctx.sleep(601_000).await;
        ctx.log("# 3600 s: the check finds 600 s idle and re-arms for the 3000 s left");
        expect(ctx, "Process.alive?(pid)  # at 3601 s", ctx.is_alive(pid), true)?;
        expect(ctx, "SessionStore.Session.get(pid, :user_id)  # at 3601 s", Session::get(ctx, pid, Atom::new("user_id")).await, Some(Term::Int(7)))?;
        ctx.sleep(3_599_000).await;
        ctx.log("# 6600 s: the check finds 2999 s idle and re-arms for 601 s");
        expect(ctx, "Process.alive?(pid)  # at 7200 s", ctx.is_alive(pid), true)?;
        ctx.sleep(2_000).await;
        ctx.log("# 7201 s: 3600 s since the get, so the check stops the session (:normal)");
        expect(ctx, "Process.alive?(pid)  # at 7202 s", ctx.is_alive(pid), false)?;
        expect(ctx, "SessionStore.Cache.active_sessions()", super::Cache::active_sessions(ctx).await, Vec::<String>::new())?;
        expect(ctx, "SessionStore.Cache.get_session(\"user-7\")  # its record was deleted too", super::Cache::get_session(ctx, "user-7").await, super::Lookup::NotFound)?;
        Ok(())
    })
}
