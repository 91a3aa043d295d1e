//! `SessionStore.DatabaseWorker` (capstone, requirement 3): one of the database's pool of
//! workers. It owns the storage: `save` is a cast (a session does not wait for the disk),
//! `load` is a call (the cache needs the data).
//!
//! The sheet writes `Path.join(folder, "#{session_id}.session")` with
//! `:erlang.term_to_binary/1`; here the [`Backend`] plays the folder and stores the same ETF
//! bytes under the key `<session_id>.session`. Two additions the sheet does not have:
//! - `delete` (a cast), so a deleted or expired session is not restored later;
//! - errors are values: a failed save is logged (the session never waited for it), and a
//!   load that cannot decode its bytes replies `{:error, reason}` and leaves them in place.
//!
//! `db_latency_ms` simulates the disk: the worker sleeps that long (virtual time) before each
//! operation. It is 0 by default, so the store behaves as the sheet's; the load generator sets
//! it to make the pool's queueing visible.
//!
//! Storage calls go through `Ctx::io`, so on IndexedDB only this worker waits for the browser.

use serde::{Serialize, Serializer};

use crate::runtime::{CallResult, Caller, Ctx, Flow, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::storage::Backend;
use crate::term::Term;

/// What the sheet's `@db_folder` was; shown in the worker's state.
pub const DB_FOLDER: &str = "./sessions";

/// The storage key of a session, the sheet's file name.
pub fn storage_key(session_id: &str) -> String {
    format!("{session_id}.session")
}

/// `{:save, session_id, data}`, `{:delete, session_id}`
#[derive(Debug, Serialize)]
pub enum WorkerCast {
    Save(String, Term),
    Delete(String),
}

/// `{:load, session_id}`
#[derive(Debug, Serialize)]
pub enum WorkerCall {
    Load(String),
}

/// `{:ok, data}`, `:not_found`, or `{:error, reason}` when the stored bytes do not decode.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Loaded {
    Ok(Term),
    NotFound,
    Error(String),
}

/// What `init/1` gets: the sheet's `{index, db_folder}`, with the backend as the folder.
pub struct WorkerArgs {
    pub index: u32,
    pub backend: Backend,
    pub db_latency_ms: u64,
}

/// The sheet's state `%{index: index, folder: db_folder}`.
pub struct DatabaseWorker {
    index: u32,
    backend: Backend,
    db_latency_ms: u64,
}

impl Serialize for DatabaseWorker {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown {
            index: u32,
            folder: &'static str,
        }
        Shown { index: self.index, folder: DB_FOLDER }.serialize(s)
    }
}

impl DatabaseWorker {
    /// `SessionStore.DatabaseWorker.start_link({index, db_folder})`
    pub async fn start_link(ctx: &Ctx, args: WorkerArgs) -> Result<Pid, StartError> {
        ctx.start_link::<DatabaseWorker>(args, StartOpts::default()).await
    }

    /// `SessionStore.DatabaseWorker.save(pid, session_id, data)`: a cast.
    pub fn save(ctx: &Ctx, worker: Pid, session_id: &str, data: Term) {
        ctx.cast::<DatabaseWorker>(worker, WorkerCast::Save(session_id.to_string(), data));
    }

    /// `SessionStore.DatabaseWorker.load(pid, session_id)`: a call.
    pub async fn load(ctx: &Ctx, worker: Pid, session_id: &str) -> Loaded {
        ctx.call::<DatabaseWorker>(worker, WorkerCall::Load(session_id.to_string())).await
    }

    /// Forgets a stored session: a cast.
    pub fn delete(ctx: &Ctx, worker: Pid, session_id: &str) {
        ctx.cast::<DatabaseWorker>(worker, WorkerCast::Delete(session_id.to_string()));
    }

    async fn simulate_disk(&self, ctx: &Ctx) {
        if self.db_latency_ms > 0 {
            ctx.sleep(self.db_latency_ms).await;
        }
    }
}

impl GenServer for DatabaseWorker {
    const MODULE: &'static str = "SessionStore.DatabaseWorker";
    type Args = WorkerArgs;
    type Call = WorkerCall;
    type Reply = Loaded;
    type Cast = WorkerCast;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, args: WorkerArgs) -> Init<Self> {
        ctx.log(format!("Worker {} started", args.index));
        Init::Ok(DatabaseWorker { index: args.index, backend: args.backend, db_latency_ms: args.db_latency_ms })
    }

    async fn handle_cast(&mut self, ctx: &Ctx, msg: WorkerCast) -> Flow<Self> {
        self.simulate_disk(ctx).await;
        let (id, result) = match msg {
            WorkerCast::Save(id, data) => {
                let result = ctx.io(self.backend.put(&storage_key(&id), &data)).await;
                (id, result)
            }
            WorkerCast::Delete(id) => {
                let result = ctx.io(self.backend.delete(&storage_key(&id))).await;
                (id, result)
            }
        };
        if let Err(error) = result {
            ctx.log(format!("Worker {}: storing session {} failed: {error}", self.index, crate::term::Term::string(&id)));
        }
        Flow::NoReply
    }

    async fn handle_call(&mut self, ctx: &Ctx, WorkerCall::Load(id): WorkerCall, _from: Caller<Loaded>) -> CallResult<Self> {
        self.simulate_disk(ctx).await;
        let loaded = match ctx.io(self.backend.get(&storage_key(&id))).await {
            Ok(Some(data)) => Loaded::Ok(data),
            Ok(None) => Loaded::NotFound,
            Err(error) => Loaded::Error(error.to_string()),
        };
        CallResult::Reply(loaded)
    }
}
