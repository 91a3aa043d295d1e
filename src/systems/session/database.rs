//! `SessionStore.Database` (capstone, requirement 3): the pool's front. It starts the
//! workers and answers one question, which worker owns a session id, with
//! `:erlang.phash2(session_id, pool_size)`, so the same id always reaches the same worker and
//! its saves and loads are serialised there.
//!
//! As in the sheet, `save`, `load` and `delete` run in the *caller*: a `choose_worker` call
//! to this process, then a cast or call to the chosen worker. The database process itself
//! never touches storage, so it is never the slow part.

use std::collections::BTreeMap;

use serde::Serialize;

use super::StoreOpts;
use super::worker::{DatabaseWorker, Loaded, WorkerArgs};
use crate::runtime::{CallResult, Caller, Ctx, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, expect, show};
use crate::storage::Backend;
use crate::term::{Atom, Term, phash2};

/// `{:choose_worker, session_id}`
#[derive(Debug, Serialize)]
pub enum DatabaseCall {
    ChooseWorker(Term),
}

/// What `init/1` gets (the sheet's module attributes `@db_folder` and `@pool_size`).
pub struct DatabaseArgs {
    pub backend: Backend,
    pub pool_size: u32,
    pub db_latency_ms: u64,
}

/// The sheet's state: `%{0 => worker_pid, 1 => ..., 2 => ...}`.
#[derive(Debug, Serialize)]
pub struct Database(BTreeMap<u32, Pid>);

impl Database {
    pub const NAME: &'static str = "SessionStore.Database";

    /// `SessionStore.Database.start_link()`: registered as `SessionStore.Database`.
    pub async fn start_link(ctx: &Ctx, backend: Backend, opts: &StoreOpts) -> Result<Pid, StartError> {
        let args = DatabaseArgs { backend, pool_size: opts.pool_size.max(1), db_latency_ms: opts.db_latency_ms };
        ctx.start_link::<Database>(args, StartOpts::named(Self::NAME)).await
    }

    /// `SessionStore.Database.save(session_id, data)`: asks for the worker, then casts.
    pub async fn save(ctx: &Ctx, session_id: &str, data: Term) {
        let worker = Self::choose_worker(ctx, session_id).await;
        DatabaseWorker::save(ctx, worker, session_id, data);
    }

    /// `SessionStore.Database.load(session_id)`: `{:ok, data}` or `:not_found`.
    pub async fn load(ctx: &Ctx, session_id: &str) -> Loaded {
        let worker = Self::choose_worker(ctx, session_id).await;
        DatabaseWorker::load(ctx, worker, session_id).await
    }

    /// Forgets a stored session (not in the sheet: deletes and expiries need it).
    pub async fn delete(ctx: &Ctx, session_id: &str) {
        let worker = Self::choose_worker(ctx, session_id).await;
        DatabaseWorker::delete(ctx, worker, session_id);
    }

    /// The sheet's private `choose_worker/1`, public here so tests and the UI can show the
    /// routing.
    pub async fn choose_worker(ctx: &Ctx, session_id: &str) -> Pid {
        ctx.call::<Database>(Self::NAME, DatabaseCall::ChooseWorker(Term::string(session_id))).await
    }
}

impl GenServer for Database {
    const MODULE: &'static str = "SessionStore.Database";
    type Args = DatabaseArgs;
    type Call = DatabaseCall;
    type Reply = Pid;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, args: DatabaseArgs) -> Init<Self> {
        let mut workers = BTreeMap::new();
        for index in 0..args.pool_size {
            let worker_args = WorkerArgs { index, backend: args.backend.clone(), db_latency_ms: args.db_latency_ms };
            match DatabaseWorker::start_link(ctx, worker_args).await {
                Ok(pid) => workers.insert(index, pid),
                Err(error) => return Init::Stop(crate::runtime::ExitReason::Other(error.to_term())),
            };
        }
        Init::Ok(Database(workers))
    }

    async fn handle_call(&mut self, _ctx: &Ctx, DatabaseCall::ChooseWorker(session_id): DatabaseCall, _from: Caller<Pid>) -> CallResult<Self> {
        let index = phash2(&session_id, self.0.len() as u32);
        CallResult::Reply(self.0[&index])
    }
}

/// `ch7.session_persistence`: stop the whole store, start it again on the same storage, and
/// the session comes back from the database with its data.
pub(crate) fn scenario_persistence(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let backend = Backend::memory();
        let opts = StoreOpts::default();
        super::start_system(ctx, backend.clone(), opts).await.map_err(|e| format!("start_system failed: {e}"))?;
        ctx.log("SessionStore.start_system()  # on an empty storage");
        let Ok(pid) = super::Cache::create_session(ctx, "cart-42").await else { return Err("create_session failed".into()) };
        show(ctx, "{:ok, pid} = SessionStore.Cache.create_session(\"cart-42\")", &Ok::<Pid, ()>(pid));
        super::Session::put(ctx, pid, Atom::new("items"), Term::list([Term::string("book"), Term::string("pen")]));
        super::Session::put(ctx, pid, Atom::new("total"), 42i64);
        ctx.log("SessionStore.Session.put(pid, :items, [\"book\", \"pen\"]); SessionStore.Session.put(pid, :total, 42)");
        let stored = Term::map([
            (Term::atom("items"), Term::list([Term::string("book"), Term::string("pen")])),
            (Term::atom("total"), Term::Int(42)),
        ]);
        // A call to the session returns after it handled both puts (and cast their saves);
        // the load then queues behind those saves at the same worker.
        expect(ctx, "SessionStore.Session.get(pid, :total)", super::Session::get(ctx, pid, Atom::new("total")).await, Some(Term::Int(42)))?;
        expect(ctx, "SessionStore.Database.load(\"cart-42\")", Database::load(ctx, "cart-42").await, Loaded::Ok(stored.clone()))?;
        show(ctx, "stored keys", &backend.keys().await.unwrap_or_default());
        super::stop_system(ctx).await.map_err(|e| format!("stop_system failed: {e}"))?;
        ctx.log("SessionStore.stop_system()  # GenServer.stop(SessionStore.Cache, :shutdown): its links take the rest");
        expect(ctx, "Process.whereis(SessionStore.Cache)", ctx.whereis(super::Cache::NAME), None)?;
        expect(ctx, "Process.alive?(pid)", ctx.is_alive(pid), false)?;
        super::start_system(ctx, backend, opts).await.map_err(|e| format!("restart failed: {e}"))?;
        ctx.log("SessionStore.start_system()  # again, on the same storage");
        expect(ctx, "SessionStore.Cache.active_sessions()", super::Cache::active_sessions(ctx).await, Vec::<String>::new())?;
        let restored = super::Cache::get_session(ctx, "cart-42").await;
        show(ctx, "SessionStore.Cache.get_session(\"cart-42\")  # restored from the database", &restored);
        let super::Lookup::Ok(new_pid) = restored else { return Err("the session was not restored".into()) };
        let data = super::Session::all_data(ctx, new_pid).await;
        expect(ctx, "SessionStore.Session.all_data(pid)", data.to_term(), stored)?;
        Ok(())
    })
}
