//! `Todo.DatabaseWorker` (sheet, exercise 3): one of the database's pool of three workers.
//! It owns the storage: `store` is a cast (the todo server does not wait for the disk),
//! `get` is a call (the caller needs the data).
//!
//! The sheet's worker holds its folder and writes `./persist/<key>` with
//! `:erlang.term_to_binary/1`; here the [`Backend`] plays the folder and stores the same
//! bytes under the key itself (the list name). Values travel as terms, so the database
//! stores whatever it is given, as the sheet's does. A storage failure crashes the worker,
//! as `File.write!` and a failed `:erlang.binary_to_term/1` would; a corrupt value is left
//! in place.

use serde::{Serialize, Serializer};

use super::database::DB_FOLDER;
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, Flow, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::storage::{Backend, StorageError};
use crate::term::Term;

/// `{:store, key, data}`
#[derive(Debug, Serialize)]
pub enum WorkerCast {
    Store(String, Term),
}

/// `{:get, key}`
#[derive(Debug, Serialize)]
pub enum WorkerCall {
    Get(String),
}

/// The worker's state: the storage it writes to.
pub struct DatabaseWorker {
    backend: Backend,
}

impl Serialize for DatabaseWorker {
    /// Shown as the sheet's state, the folder `"./persist"`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DB_FOLDER.serialize(s)
    }
}

impl DatabaseWorker {
    /// `Todo.DatabaseWorker.start_link(db_folder)`
    pub async fn start_link(ctx: &Ctx, backend: Backend) -> Result<Pid, StartError> {
        ctx.start_link::<DatabaseWorker>(backend, StartOpts::default()).await
    }

    /// `Todo.DatabaseWorker.store(pid, key, data)`: a cast.
    pub fn store(ctx: &Ctx, worker: Pid, key: &str, data: Term) {
        ctx.cast::<DatabaseWorker>(worker, WorkerCast::Store(key.to_string(), data));
    }

    /// `Todo.DatabaseWorker.get(pid, key)`: the stored term, or `nil`.
    pub async fn get(ctx: &Ctx, worker: Pid, key: &str) -> Option<Term> {
        ctx.call::<DatabaseWorker>(worker, WorkerCall::Get(key.to_string())).await
    }
}

fn storage_crash(error: StorageError) -> ExitReason {
    ExitReason::Other(Term::tuple([Term::atom("storage_error"), Term::string(&error.to_string())]))
}

impl GenServer for DatabaseWorker {
    const MODULE: &'static str = "Todo.DatabaseWorker";
    type Args = Backend;
    type Call = WorkerCall;
    type Reply = Option<Term>;
    type Cast = WorkerCast;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, backend: Backend) -> Init<Self> {
        Init::Ok(DatabaseWorker { backend })
    }

    async fn handle_cast(&mut self, ctx: &Ctx, WorkerCast::Store(key, data): WorkerCast) -> Flow<Self> {
        if let Err(error) = self.backend.put(&key, &data).await {
            return Flow::Stop(storage_crash(error));
        }
        ctx.log(format!("{}: stored {key}", ctx.pid()));
        Flow::NoReply
    }

    async fn handle_call(&mut self, ctx: &Ctx, WorkerCall::Get(key): WorkerCall, _from: Caller<Option<Term>>) -> CallResult<Self> {
        match self.backend.get(&key).await {
            Ok(data) => {
                ctx.log(format!("{}: retrieved {key}", ctx.pid()));
                CallResult::Reply(data)
            }
            Err(error) => CallResult::Stop(storage_crash(error), None),
        }
    }
}
