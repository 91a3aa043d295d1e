//! `SessionStore.Cache` (capstone, requirement 2): session id → session pid. It starts the
//! database in `init` (as the sheet does), starts one `SessionStore.Session` per id, and
//! monitors each so that a session that expires, is deleted or crashes is forgotten when
//! its `{:DOWN, ...}` arrives.
//!
//! Where this differs from the sheet, and why:
//! - **It traps exits.** The sheet links every session to the cache (`start_link`) without
//!   trapping, so `delete_session`'s `Process.exit(pid, :shutdown)`, or any session crash,
//!   would take the cache (and the database) down with it, and the monitors would never
//!   matter. Trapping keeps the links (a stopped cache still takes its sessions with it) and
//!   turns a session's exit into an `{:EXIT, ...}` message that is ignored; the `:DOWN` does
//!   the bookkeeping. An exit of the database stops the cache with the same reason.
//! - **A miss checks the database.** `create_session` and `get_session` for an id the cache
//!   does not know load `<id>.session` first and, if it is stored, restart the session with
//!   its data (after a restart, or after the session was killed). `get_session` still answers
//!   `:not_found` when nothing is stored. Deleted and expired sessions delete their record,
//!   so they do not come back. A restored session gets `DEFAULT_TTL` (`get_session` has no
//!   ttl argument) and a fresh `last_accessed`.
//! - **`delete_session` forgets at once.** The sheet keeps the id until the `:DOWN`, so a
//!   `create_session` right after a delete could get the dying pid; here the id is removed
//!   immediately, and a `:DOWN` only removes an id that still maps to the dead pid.
//! - A record that does not decode (or is not a map) is left alone: `create_session` answers
//!   `{:error, reason}` rather than overwrite it, `get_session` answers `:not_found`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::database::Database;
use super::session::{DEFAULT_TTL, Session, SessionData};
use super::stats::Stats;
use super::worker::Loaded;
use super::{StoreOpts, start_system};
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, Flow, GenServer, Info, Init, MonitorRef, Never, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, expect, show};
use crate::storage::Backend;
use crate::term::{Atom, Term};

/// `{:create_session, id, ttl}`, `{:get_session, id}`, `{:delete_session, id}`, `:active_sessions`
#[derive(Debug, Serialize)]
pub enum CacheCall {
    CreateSession(String, u64),
    GetSession(String),
    DeleteSession(String),
    ActiveSessions,
}

/// `get_session`'s answer: `{:ok, pid}` or `:not_found`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Lookup {
    Ok(Pid),
    NotFound,
}

impl Lookup {
    pub fn pid(self) -> Option<Pid> {
        match self {
            Lookup::Ok(pid) => Some(pid),
            Lookup::NotFound => None,
        }
    }
}

/// The replies, each rendered as the sheet's term.
#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CacheReply {
    /// `{:ok, pid}`, or `{:error, reason}` if the session could not be started or restored.
    Created(Result<Pid, Term>),
    Found(Lookup),
    /// `:ok` or `{:error, :not_found}`
    Deleted(Result<(), Atom>),
    Active(Vec<String>),
}

/// What `init/1` gets: where the database keeps sessions, and the pool's options.
pub struct CacheArgs {
    pub backend: Backend,
    pub opts: StoreOpts,
}

/// The sheet's state `%{sessions: %{id => pid}, monitors: %{ref => id}}`.
#[derive(Debug, Serialize)]
pub struct Cache {
    sessions: BTreeMap<String, Pid>,
    monitors: HashMap<MonitorRef, String>,
    #[serde(skip)]
    database: Pid,
}

impl Cache {
    pub const NAME: &'static str = "SessionStore.Cache";

    /// `SessionStore.Cache.start_link()`: registered as `SessionStore.Cache`; starts the
    /// database (and its workers) linked to it. Because the cache traps exits, it stops when
    /// the process that started it exits, even normally (OTP's rule for a parent's exit): from
    /// a script that ends, use [`start_system`].
    pub async fn start_link(ctx: &Ctx, backend: Backend, opts: StoreOpts) -> Result<Pid, StartError> {
        ctx.start_link::<Cache>(CacheArgs { backend, opts }, StartOpts::named(Self::NAME)).await
    }

    /// Like [`Cache::start_link`], unlinked (what [`start_system`] uses).
    pub async fn start(ctx: &Ctx, backend: Backend, opts: StoreOpts) -> Result<Pid, StartError> {
        ctx.start::<Cache>(CacheArgs { backend, opts }, StartOpts::named(Self::NAME)).await
    }

    /// `SessionStore.Cache.create_session(session_id)` with the default ttl of 3600 s.
    pub async fn create_session(ctx: &Ctx, session_id: &str) -> Result<Pid, Term> {
        Self::create_session_ttl(ctx, session_id, DEFAULT_TTL).await
    }

    /// `SessionStore.Cache.create_session(session_id, ttl)`: the running session's pid if
    /// there is one (same id, same pid), else a new or restored one.
    pub async fn create_session_ttl(ctx: &Ctx, session_id: &str, ttl: u64) -> Result<Pid, Term> {
        match ctx.call::<Cache>(Self::NAME, CacheCall::CreateSession(session_id.to_string(), ttl)).await {
            CacheReply::Created(result) => result,
            other => unreachable!("create_session replied {other:?}"),
        }
    }

    /// `SessionStore.Cache.get_session(session_id)`
    pub async fn get_session(ctx: &Ctx, session_id: &str) -> Lookup {
        match ctx.call::<Cache>(Self::NAME, CacheCall::GetSession(session_id.to_string())).await {
            CacheReply::Found(lookup) => lookup,
            other => unreachable!("get_session replied {other:?}"),
        }
    }

    /// `SessionStore.Cache.delete_session(session_id)`: `:ok` or `{:error, :not_found}`.
    pub async fn delete_session(ctx: &Ctx, session_id: &str) -> Result<(), Atom> {
        match ctx.call::<Cache>(Self::NAME, CacheCall::DeleteSession(session_id.to_string())).await {
            CacheReply::Deleted(result) => result,
            other => unreachable!("delete_session replied {other:?}"),
        }
    }

    /// `SessionStore.Cache.active_sessions()`: the ids, sorted.
    pub async fn active_sessions(ctx: &Ctx) -> Vec<String> {
        match ctx.call::<Cache>(Self::NAME, CacheCall::ActiveSessions).await {
            CacheReply::Active(ids) => ids,
            other => unreachable!("active_sessions replied {other:?}"),
        }
    }

    /// Starts (or restarts, with `data`) a session, monitored and linked.
    async fn start_session(&mut self, ctx: &Ctx, session_id: String, ttl: u64, data: SessionData) -> Result<Pid, StartError> {
        let pid = Session::start_link_persistent(ctx, &session_id, ttl, data).await?;
        let monitor = ctx.monitor(pid);
        self.sessions.insert(session_id.clone(), pid);
        self.monitors.insert(monitor, session_id);
        Ok(pid)
    }
}

/// A session's stored data: `Ok(None)` if nothing is stored, `Err` if it is unreadable or
/// not a map.
fn stored_data(loaded: Loaded) -> Result<Option<SessionData>, String> {
    match loaded {
        Loaded::Ok(stored) => SessionData::from_term(stored).map(Some).ok_or_else(|| "the stored session is not a map".to_string()),
        Loaded::NotFound => Ok(None),
        Loaded::Error(reason) => Err(reason),
    }
}

impl GenServer for Cache {
    const MODULE: &'static str = "SessionStore.Cache";
    type Args = CacheArgs;
    type Call = CacheCall;
    type Reply = CacheReply;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, args: CacheArgs) -> Init<Self> {
        ctx.trap_exit(true);
        match Database::start_link(ctx, args.backend, &args.opts).await {
            Ok(database) => Init::Ok(Cache { sessions: BTreeMap::new(), monitors: HashMap::new(), database }),
            Err(error) => Init::Stop(ExitReason::Other(error.to_term())),
        }
    }

    async fn handle_call(&mut self, ctx: &Ctx, request: CacheCall, _from: Caller<CacheReply>) -> CallResult<Self> {
        let reply = match request {
            CacheCall::CreateSession(session_id, ttl) => {
                if let Some(&pid) = self.sessions.get(&session_id) {
                    return CallResult::Reply(CacheReply::Created(Ok(pid)));
                }
                let data = match stored_data(Database::load(ctx, &session_id).await) {
                    Ok(stored) => stored.unwrap_or_default(),
                    Err(reason) => {
                        let reason = Term::tuple([Term::atom("storage"), Term::string(&reason)]);
                        return CallResult::Reply(CacheReply::Created(Err(reason)));
                    }
                };
                let started = self.start_session(ctx, session_id, ttl, data).await;
                if started.is_ok() {
                    Stats::record_create(ctx);
                }
                CacheReply::Created(started.map_err(|e| e.to_term()))
            }
            CacheCall::GetSession(session_id) => {
                let found = match self.sessions.get(&session_id) {
                    Some(&pid) => Lookup::Ok(pid),
                    None => match stored_data(Database::load(ctx, &session_id).await) {
                        Ok(Some(data)) => match self.start_session(ctx, session_id, DEFAULT_TTL, data).await {
                            Ok(pid) => Lookup::Ok(pid),
                            Err(_) => Lookup::NotFound,
                        },
                        Ok(None) => Lookup::NotFound,
                        Err(reason) => {
                            ctx.log(format!("SessionStore.Cache: cannot restore {}: {reason}", Term::string(&session_id)));
                            Lookup::NotFound
                        }
                    },
                };
                if found != Lookup::NotFound {
                    Stats::record_access(ctx);
                }
                CacheReply::Found(found)
            }
            CacheCall::DeleteSession(session_id) => match self.sessions.remove(&session_id) {
                Some(pid) => {
                    ctx.exit(pid, ExitReason::Shutdown);
                    Database::delete(ctx, &session_id).await;
                    Stats::record_delete(ctx);
                    CacheReply::Deleted(Ok(()))
                }
                None => CacheReply::Deleted(Err(Atom::new("not_found"))),
            },
            CacheCall::ActiveSessions => CacheReply::Active(self.sessions.keys().cloned().collect()),
        };
        CallResult::Reply(reply)
    }

    async fn handle_info(&mut self, ctx: &Ctx, msg: Info<Never>) -> Flow<Self> {
        match msg {
            Info::Down { monitor, pid, .. } => {
                if let Some(session_id) = self.monitors.remove(&monitor) {
                    // A deleted id may already belong to a newer session: only forget this one.
                    if self.sessions.get(&session_id) == Some(&pid) {
                        self.sessions.remove(&session_id);
                    }
                }
                Flow::NoReply
            }
            Info::Exit { pid, reason } if pid == self.database => Flow::Stop(reason),
            // A session's exit through its link; its :DOWN does the bookkeeping.
            Info::Exit { .. } => Flow::NoReply,
            other => {
                ctx.log(format!("{} received unexpected message in handle_info/2: {}", Self::MODULE, other.to_term()));
                Flow::NoReply
            }
        }
    }
}

/// `ch7.session_basics`: the whole API once: create (twice, same pid), put and get, look up,
/// list, delete, and the statistics that recorded it.
pub(crate) fn scenario_basics(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        start_system(ctx, Backend::memory(), StoreOpts::default()).await.map_err(|e| format!("start_system failed: {e}"))?;
        ctx.log("SessionStore.start_system()  # Stats, Cache, Database and 3 workers");
        let created = Cache::create_session(ctx, "user-123").await;
        show(ctx, "{:ok, pid} = SessionStore.Cache.create_session(\"user-123\")", &created);
        let pid = created.map_err(|e| format!("create_session failed: {e}"))?;
        expect(ctx, "SessionStore.Cache.create_session(\"user-123\")  # same id, same pid", Cache::create_session(ctx, "user-123").await, Ok(pid)).map(drop)?;
        Session::put(ctx, pid, Atom::new("user_id"), 123i64);
        Session::put(ctx, pid, Atom::new("theme"), "dark");
        ctx.log("SessionStore.Session.put(pid, :user_id, 123); SessionStore.Session.put(pid, :theme, \"dark\")");
        expect(ctx, "SessionStore.Session.get(pid, :user_id)", Session::get(ctx, pid, Atom::new("user_id")).await, Some(Term::Int(123)))?;
        expect(ctx, "SessionStore.Session.get(pid, :missing)", Session::get(ctx, pid, Atom::new("missing")).await, None)?;
        let all = SessionData::from_pairs([(Term::atom("theme"), Term::string("dark")), (Term::atom("user_id"), Term::Int(123))]);
        expect(ctx, "SessionStore.Session.all_data(pid)", Session::all_data(ctx, pid).await, all)?;
        expect(ctx, "SessionStore.Cache.get_session(\"user-123\")", Cache::get_session(ctx, "user-123").await, Lookup::Ok(pid))?;
        expect(ctx, "SessionStore.Cache.get_session(\"nobody\")", Cache::get_session(ctx, "nobody").await, Lookup::NotFound)?;
        expect(ctx, "SessionStore.Cache.active_sessions()", Cache::active_sessions(ctx).await, vec!["user-123".to_string()])?;
        expect(ctx, "SessionStore.Cache.delete_session(\"user-123\")", Cache::delete_session(ctx, "user-123").await, Ok(())).map(drop)?;
        expect(ctx, "SessionStore.Cache.delete_session(\"user-123\")", Cache::delete_session(ctx, "user-123").await, Err(Atom::new("not_found"))).map(drop)?;
        expect(ctx, "SessionStore.Cache.active_sessions()", Cache::active_sessions(ctx).await, Vec::<String>::new())?;
        ctx.sleep(5_000).await;
        let stats = Stats::get_stats(ctx).await;
        let expected = super::StatsReport { creates: 1, accesses: 1, deletes: 1, start_time: 0, uptime_seconds: 5 };
        expect(ctx, "Process.sleep(5000); SessionStore.Stats.get_stats()", stats, expected)?;
        Ok(())
    })
}

/// `ch7.session_monitoring`: kill a session; the cache gets its `:DOWN`, forgets it and lives
/// on; the next `get_session` restores it from the database in a new process.
pub(crate) fn scenario_monitoring(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let system = start_system(ctx, Backend::memory(), StoreOpts::default()).await.map_err(|e| format!("start_system failed: {e}"))?;
        let pid = Cache::create_session(ctx, "crashy").await.map_err(|e| format!("create_session failed: {e}"))?;
        show(ctx, "{:ok, pid} = SessionStore.Cache.create_session(\"crashy\")", &Ok::<Pid, ()>(pid));
        Session::put(ctx, pid, Atom::new("cart"), Term::list([Term::Int(1), Term::Int(2)]));
        expect(ctx, "SessionStore.Session.put(pid, :cart, [1, 2]); SessionStore.Session.get(pid, :cart)", Session::get(ctx, pid, Atom::new("cart")).await, Some(Term::list([Term::Int(1), Term::Int(2)])))?;
        let monitor = ctx.monitor(pid);
        ctx.log(format!("ref = Process.monitor(pid)  # => {}", crate::term::to_term(&monitor)));
        ctx.exit(pid, ExitReason::Kill);
        ctx.log("Process.exit(pid, :kill)");
        let down = ctx.receive().await;
        let down_reason = match &down {
            Info::Down { reason, .. } => reason.clone(),
            other => return Err(format!("expected a :DOWN, got {}", other.to_term())),
        };
        show(ctx, "receive do msg -> msg end", &down);
        expect(ctx, "# the :DOWN's reason", down_reason, ExitReason::Killed)?;
        expect(ctx, "SessionStore.Cache.active_sessions()  # the cache handled its :DOWN too", Cache::active_sessions(ctx).await, Vec::<String>::new())?;
        expect(ctx, "Process.alive?(cache)  # it traps exits, so the link did not take it down", ctx.is_alive(system.cache), true)?;
        let restored = Cache::get_session(ctx, "crashy").await;
        show(ctx, "SessionStore.Cache.get_session(\"crashy\")  # a new pid, restored from the database", &restored);
        let Lookup::Ok(new_pid) = restored else { return Err("the killed session was not restored".into()) };
        expect(ctx, "new_pid != pid", new_pid != pid, true)?;
        expect(ctx, "SessionStore.Session.get(new_pid, :cart)", Session::get(ctx, new_pid, Atom::new("cart")).await, Some(Term::list([Term::Int(1), Term::Int(2)])))?;
        Ok(())
    })
}
