//! `Todo.Database` (sheet, exercise 3): a pool of three [`DatabaseWorker`]s with hash routing.
//!
//! The database process only chooses: `choose_worker` is a call that answers with the worker
//! for a key, `:erlang.phash2(key, 3)`, and the caller then casts `store` or calls `get` on
//! that worker directly, so the database never waits for storage and requests for different
//! keys run on different workers. One key always goes to the same worker, so the writes of
//! one list stay in order. [`phash2`] is Erlang's, so a learner's
//! `:erlang.phash2("Alice", 3)` names the same worker.
//!
//! Beyond the sheet: [`Database::store_ack`] (a store that returns once committed),
//! [`Database::sync`] (returns once every earlier store has committed, on every worker) and
//! [`Database::status`] (each worker's counters). The workers coalesce queued stores into one
//! transaction each: see `worker.rs`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::worker::{DatabaseWorker, WorkerStatus};
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::storage::{Backend, StorageError};
use crate::term::{Term, phash2, to_term};

/// The sheet's `@db_folder`, shown as the workers' state.
pub const DB_FOLDER: &str = "./persist";
/// The sheet's `@pool_size`.
pub const POOL_SIZE: u32 = 3;

/// `{:choose_worker, key}`, `:workers`
#[derive(Debug, Serialize)]
pub enum DatabaseCall {
    ChooseWorker(String),
    Workers,
}

/// The chosen worker's pid, or every worker's (shown as a pid / a list of pids).
#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum DatabaseReply {
    Worker(Pid),
    Workers(Vec<Pid>),
}

/// The state: `%{0 => worker, 1 => worker, 2 => worker}`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct Database {
    workers: BTreeMap<u32, Pid>,
}

impl Database {
    /// Registered as `Todo.Database`.
    pub const NAME: &'static str = "Todo.Database";

    /// `Todo.Database.start_link()`: the workers store into `backend`.
    pub async fn start_link(ctx: &Ctx, backend: Backend) -> Result<Pid, StartError> {
        ctx.start_link::<Database>(backend, StartOpts::named(Self::NAME)).await
    }

    /// `Todo.Database.store(key, data)`: chooses the worker, then casts to it.
    pub async fn store<T: Serialize>(ctx: &Ctx, key: &str, data: &T) {
        let worker = Self::choose_worker(ctx, key).await;
        DatabaseWorker::store(ctx, worker, key, to_term(data));
    }

    /// [`Database::store`] for a value that already is a term: it is moved into the message,
    /// not converted (the shell, imports, benchmarks).
    pub async fn store_term(ctx: &Ctx, key: &str, data: Term) {
        let worker = Self::choose_worker(ctx, key).await;
        DatabaseWorker::store(ctx, worker, key, data);
    }

    /// `Todo.Database.get(key)`: chooses the worker, then calls it; `nil` if nothing is stored.
    pub async fn get(ctx: &Ctx, key: &str) -> Option<Term> {
        let worker = Self::choose_worker(ctx, key).await;
        DatabaseWorker::get(ctx, worker, key).await
    }

    /// The acknowledged store: chooses the worker, then calls it; returns once the
    /// transaction holding this write has committed, so it survives a reload.
    pub async fn store_ack<T: Serialize>(ctx: &Ctx, key: &str, data: &T) -> Result<(), StorageError> {
        Self::store_ack_term(ctx, key, to_term(data)).await
    }

    /// [`Database::store_ack`] for a value that already is a term (moved, not converted).
    pub async fn store_ack_term(ctx: &Ctx, key: &str, data: Term) -> Result<(), StorageError> {
        let worker = Self::choose_worker(ctx, key).await;
        DatabaseWorker::store_ack(ctx, worker, key, data).await
    }

    /// Returns once every store any worker received before this call has committed (the
    /// first error, if one failed). Use before a planned stop.
    pub async fn sync(ctx: &Ctx) -> Result<(), StorageError> {
        let mut result = Ok(());
        for worker in Self::workers(ctx).await {
            let synced = DatabaseWorker::sync(ctx, worker).await;
            if result.is_ok() {
                result = synced;
            }
        }
        result
    }

    /// Each worker's counters, in pool order.
    pub async fn status(ctx: &Ctx) -> Vec<(Pid, WorkerStatus)> {
        let mut out = Vec::new();
        for worker in Self::workers(ctx).await {
            out.push((worker, DatabaseWorker::status(ctx, worker).await));
        }
        out
    }

    /// The sheet's private `choose_worker/1`: a call to the database.
    pub async fn choose_worker(ctx: &Ctx, key: &str) -> Pid {
        match ctx.call::<Database>(Self::NAME, DatabaseCall::ChooseWorker(key.to_string())).await {
            DatabaseReply::Worker(pid) => pid,
            DatabaseReply::Workers(_) => unreachable!("choose_worker answers with one pid"),
        }
    }

    /// The workers' pids, in pool order.
    pub async fn workers(ctx: &Ctx) -> Vec<Pid> {
        match ctx.call::<Database>(Self::NAME, DatabaseCall::Workers).await {
            DatabaseReply::Workers(pids) => pids,
            DatabaseReply::Worker(pid) => vec![pid],
        }
    }

    /// `:erlang.phash2(key, 3)`: the index of the worker that handles `key`.
    pub fn worker_index(key: &str) -> u32 {
        phash2(&to_term(key), POOL_SIZE)
    }
}

impl GenServer for Database {
    const MODULE: &'static str = "Todo.Database";
    type Args = Backend;
    type Call = DatabaseCall;
    type Reply = DatabaseReply;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, backend: Backend) -> Init<Self> {
        let mut workers = BTreeMap::new();
        for index in 0..POOL_SIZE {
            match DatabaseWorker::start_link(ctx, backend.clone()).await {
                Ok(pid) => workers.insert(index, pid),
                Err(error) => return Init::Stop(ExitReason::Other(error.to_term())),
            };
        }
        ctx.log(format!("Database started with {POOL_SIZE} workers"));
        Init::Ok(Database { workers })
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: DatabaseCall, _from: Caller<DatabaseReply>) -> CallResult<Self> {
        match request {
            DatabaseCall::ChooseWorker(key) => CallResult::Reply(DatabaseReply::Worker(self.workers[&Database::worker_index(&key)])),
            DatabaseCall::Workers => CallResult::Reply(DatabaseReply::Workers(self.workers.values().copied().collect())),
        }
    }
}

/// Exercise 3's test: the same key always reaches the same worker (the workers' log lines
/// name themselves).
pub(crate) async fn scenario_pool(ctx: Ctx) -> Result<(), String> {
    use crate::scenario::{expect, show};

    /// `%{name: "Alice"}`, `%{name: "Alice", updated: true}`
    #[derive(Serialize)]
    struct Person {
        name: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        updated: Option<bool>,
    }

    let started = Database::start_link(&ctx, Backend::memory()).await;
    show(&ctx, "Todo.Database.start_link()", &started);
    let writes = [
        ("alice", Person { name: "Alice", updated: None }),
        ("bob", Person { name: "Bob", updated: None }),
        ("alice", Person { name: "Alice", updated: Some(true) }),
    ];
    for (key, data) in &writes {
        Database::store(&ctx, key, data).await;
        show(&ctx, &format!("Todo.Database.store({}, {})", to_term(key), to_term(data)), &Term::atom("ok"));
    }
    // elixir -e 'IO.inspect {:erlang.phash2("alice", 3), :erlang.phash2("bob", 3)}' gives {2, 0}.
    expect(&ctx, ":erlang.phash2(\"alice\", 3)", Database::worker_index("alice"), 2)?;
    expect(&ctx, ":erlang.phash2(\"bob\", 3)", Database::worker_index("bob"), 0)?;
    let latest = Term::map([(Term::atom("name"), Term::string("Alice")), (Term::atom("updated"), Term::atom("true"))]);
    expect(&ctx, "Todo.Database.get(\"alice\")", Database::get(&ctx, "alice").await, Some(latest))?;
    Ok(())
}
