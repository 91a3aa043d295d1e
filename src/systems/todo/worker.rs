//! `Todo.DatabaseWorker` (sheet, exercise 3): one of the database's pool of three workers.
//! It owns the storage: `store` is a cast (the todo server does not wait for the disk),
//! `get` is a call (the caller needs the data).
//!
//! The sheet's worker holds its folder and writes `./persist/<key>` with
//! `:erlang.term_to_binary/1`; here the [`Backend`] plays the folder and stores the same
//! bytes under the key itself (the list name). Values travel as terms, so the database
//! stores whatever it is given, as the sheet's does.
//!
//! # Coalescing writes
//! Storage I/O is asynchronous (`Ctx::io`): while the worker waits for a transaction, only
//! this process waits, and new `store`s queue in its mailbox. The runtime offers no way to
//! look into one's own mailbox, so the worker coalesces with a marker message instead:
//! - `store` only puts the term into `pending` (key → latest term) and, unless a marker is
//!   already on its way, sends itself `:flush`. The marker goes to the back of the mailbox,
//!   so every message that was queued before it is handled first: queued stores land in
//!   `pending` (a later store to a key replaces the earlier one: the latest value wins).
//! - `:flush` writes all of `pending` in **one** transaction and awaits its commit; stores
//!   arriving meanwhile queue up and form the next batch. The busier the storage, the bigger
//!   the batches (group commit), with no timer and no tuning. (On IndexedDB, batches that
//!   several workers flush in the same task even share one transaction: see
//!   `storage/indexeddb.rs`.)
//! - `handle_continue` would not do: it runs before the next message, so nothing could
//!   coalesce; a `send_after(0)` timer would work too but moves through the timer heap.
//!
//! Order per key is kept: one key always reaches the same worker, the worker handles its
//! mailbox in order, there is at most one transaction in flight per worker, and a `get`
//! answers from `pending` first (read your own writes).
//!
//! Besides the book's `store` cast, `store_ack` is a call that replies `:ok` once the
//! transaction holding that write has committed (or `{:error, reason}`), and `sync` replies
//! once everything stored before it has committed. An acknowledged write survives a reload.
//!
//! # Failures
//! - A failed transaction (quota exceeded, ...) is logged and kept in `pending` (nothing in
//!   memory is lost); it is written with the next flush, which the next `store`, `store_ack`
//!   or `sync` starts. Acknowledged callers get `{:error, reason}`.
//! - A stored value that does not decode is moved to the quarantine store (not deleted),
//!   the error is logged, and `get` answers `nil`, so the list starts empty instead of the
//!   whole system crashing; the inspector lists the quarantined record.
//! - Any other read failure (or undecodable bytes that could not be moved) crashes the
//!   worker with `{:storage_error, text}`, as the sheet's `File.read!` would: answering `nil`
//!   there would let the next store overwrite a list that was never read.
//!
//! A `store` still queued (or pending) when the system is stopped is lost, as a message in a
//! BEAM mailbox would be; `Todo.Database.sync/0` before a planned stop avoids that.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use super::database::DB_FOLDER;
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, Flow, GenServer, Info, Init, Pid, StartError, StartOpts, Timeout};
use crate::storage::{Backend, StorageError};
use crate::term::{Term, term_to_binary};

/// `{:store, key, data}`
#[derive(Debug, Serialize)]
pub enum WorkerCast {
    Store(String, Term),
}

/// `{:get, key}`, `{:store_ack, key, data}`, `:sync`, `:status`
#[derive(Debug, Serialize)]
pub enum WorkerCall {
    Get(String),
    StoreAck(String, Term),
    Sync,
    Status,
}

/// `:flush`, the marker the worker sends itself (see the module doc).
#[derive(Debug, Serialize)]
pub enum WorkerInfo {
    Flush,
}

/// A worker's reply: the data for `get` (`nil` if none), `:ok` / `{:error, reason}` for
/// `store_ack` and `sync`, the counters for `status`.
#[derive(Debug, PartialEq)]
pub enum WorkerReply {
    Data(Option<Term>),
    Done(Result<(), StorageError>),
    Status(WorkerStatus),
}

impl Serialize for WorkerReply {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            WorkerReply::Data(data) => data.serialize(s),
            WorkerReply::Done(Ok(())) => Term::atom("ok").serialize(s),
            WorkerReply::Done(Err(e)) => Term::tuple([Term::atom("error"), e.to_term()]).serialize(s),
            WorkerReply::Status(status) => status.serialize(s),
        }
    }
}

/// What a worker has done, for the UI and the tests.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct WorkerStatus {
    /// Writes waiting for the next transaction.
    pub pending: usize,
    /// `store`s and `store_ack`s received.
    pub stores: u64,
    /// Stores replaced by a later store to the same key before they were written.
    pub coalesced: u64,
    /// Write transactions committed, and the records they wrote.
    pub transactions: u64,
    pub records: u64,
    /// The last storage error, in words.
    pub last_error: Option<String>,
}

/// The worker's state: the storage it writes to and the writes not yet committed.
pub struct DatabaseWorker {
    backend: Backend,
    pending: BTreeMap<String, Term>,
    /// `store_ack` and `sync` callers, answered when `pending` has been committed.
    waiting: Vec<Caller<WorkerReply>>,
    flush_queued: bool,
    status: WorkerStatus,
}

impl Serialize for DatabaseWorker {
    /// Shown as the sheet's state, the folder `"./persist"`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DB_FOLDER.serialize(s)
    }
}

fn done(reply: WorkerReply) -> Result<(), StorageError> {
    match reply {
        WorkerReply::Done(result) => result,
        other => Err(StorageError::Failed(format!("unexpected reply {other:?}"))),
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
        match ctx.call::<DatabaseWorker>(worker, WorkerCall::Get(key.to_string())).await {
            WorkerReply::Data(data) => data,
            _ => None,
        }
    }

    /// The acknowledged store: returns once the write has committed (or failed).
    pub async fn store_ack(ctx: &Ctx, worker: Pid, key: &str, data: Term) -> Result<(), StorageError> {
        Self::ack_call(ctx, worker, WorkerCall::StoreAck(key.to_string(), data)).await
    }

    /// Returns once every store this worker received before has committed.
    pub async fn sync(ctx: &Ctx, worker: Pid) -> Result<(), StorageError> {
        Self::ack_call(ctx, worker, WorkerCall::Sync).await
    }

    /// The worker's counters.
    pub async fn status(ctx: &Ctx, worker: Pid) -> WorkerStatus {
        match ctx.call::<DatabaseWorker>(worker, WorkerCall::Status).await {
            WorkerReply::Status(status) => status,
            _ => WorkerStatus::default(),
        }
    }

    /// A call with no timeout (a commit takes what the browser takes); the call still fails
    /// at once if the worker exits.
    async fn ack_call(ctx: &Ctx, worker: Pid, request: WorkerCall) -> Result<(), StorageError> {
        match ctx.try_call::<DatabaseWorker>(worker, request, Timeout::Infinity).await {
            Ok(reply) => done(reply),
            Err(error) => Err(StorageError::Failed(format!("the database worker {worker} exited before the write committed: {error}"))),
        }
    }

    fn buffer(&mut self, ctx: &Ctx, key: String, data: Term) {
        self.status.stores += 1;
        if self.pending.insert(key, data).is_some() {
            self.status.coalesced += 1;
        }
        self.status.pending = self.pending.len();
        self.queue_flush(ctx);
    }

    fn queue_flush(&mut self, ctx: &Ctx) {
        if !self.flush_queued {
            self.flush_queued = true;
            // Our own pid is always there to send to.
            let _ = ctx.send(ctx.pid(), WorkerInfo::Flush);
        }
    }

    /// Writes `pending` in one transaction and answers the waiting callers.
    async fn flush(&mut self, ctx: &Ctx) {
        let waiting = std::mem::take(&mut self.waiting);
        if self.pending.is_empty() {
            for caller in waiting {
                ctx.reply(caller, WorkerReply::Done(Ok(())));
            }
            return;
        }
        let batch = std::mem::take(&mut self.pending);
        let writes: Vec<(String, Option<Vec<u8>>)> = batch.iter().map(|(k, v)| (k.clone(), Some(term_to_binary(v)))).collect();
        let result = ctx.io(self.backend.write_batch(writes)).await;
        match &result {
            Ok(()) => {
                self.status.transactions += 1;
                self.status.records += batch.len() as u64;
                ctx.log(format!("{}: stored {}", ctx.pid(), describe_keys(batch.keys())));
            }
            Err(error) => {
                ctx.log(format!("{}: storing {} failed: {error}", ctx.pid(), describe_keys(batch.keys())));
                self.status.last_error = Some(error.to_string());
                // Nothing newer can be pending (no message was handled meanwhile), but keep
                // a newer value if there were one.
                for (key, data) in batch {
                    self.pending.entry(key).or_insert(data);
                }
            }
        }
        self.status.pending = self.pending.len();
        for caller in waiting {
            ctx.reply(caller, WorkerReply::Done(result.clone()));
        }
    }
}

/// `alice`, `alice, bob`, `120 records (a, b, c, ...)`: one log line per transaction.
fn describe_keys<'a>(keys: impl ExactSizeIterator<Item = &'a String>) -> String {
    let count = keys.len();
    let shown: Vec<&str> = keys.take(4).map(String::as_str).collect();
    match count {
        0..=4 => shown.join(", "),
        _ => format!("{count} records in one transaction ({}, ...)", shown.join(", ")),
    }
}

fn storage_crash(error: StorageError) -> ExitReason {
    ExitReason::Other(Term::tuple([Term::atom("storage_error"), Term::string(&error.to_string())]))
}

impl GenServer for DatabaseWorker {
    const MODULE: &'static str = "Todo.DatabaseWorker";
    type Args = Backend;
    type Call = WorkerCall;
    type Reply = WorkerReply;
    type Cast = WorkerCast;
    type Info = WorkerInfo;
    type Continue = crate::runtime::Never;

    async fn init(_ctx: &Ctx, backend: Backend) -> Init<Self> {
        Init::Ok(DatabaseWorker { backend, pending: BTreeMap::new(), waiting: Vec::new(), flush_queued: false, status: WorkerStatus::default() })
    }

    async fn handle_cast(&mut self, ctx: &Ctx, WorkerCast::Store(key, data): WorkerCast) -> Flow<Self> {
        self.buffer(ctx, key, data);
        Flow::NoReply
    }

    async fn handle_call(&mut self, ctx: &Ctx, request: WorkerCall, from: Caller<WorkerReply>) -> CallResult<Self> {
        match request {
            WorkerCall::Get(key) => {
                if let Some(data) = self.pending.get(&key) {
                    ctx.log(format!("{}: retrieved {key} (not yet written)", ctx.pid()));
                    return CallResult::Reply(WorkerReply::Data(Some(data.clone())));
                }
                match ctx.io(self.backend.get_or_quarantine(&key)).await {
                    Ok(data) => {
                        ctx.log(format!("{}: retrieved {key}", ctx.pid()));
                        CallResult::Reply(WorkerReply::Data(data))
                    }
                    // Only once the bytes are safe in quarantine may the list start empty
                    // (its next store replaces the key).
                    Err(error @ StorageError::Corrupt { quarantine: Some(_), .. }) => {
                        ctx.log(format!("{}: {error}; answering nil", ctx.pid()));
                        self.status.last_error = Some(error.to_string());
                        CallResult::Reply(WorkerReply::Data(None))
                    }
                    Err(error) => CallResult::Stop(storage_crash(error), None),
                }
            }
            WorkerCall::StoreAck(key, data) => {
                self.buffer(ctx, key, data);
                self.waiting.push(from);
                CallResult::NoReply
            }
            WorkerCall::Sync => {
                self.waiting.push(from);
                self.queue_flush(ctx);
                CallResult::NoReply
            }
            WorkerCall::Status => CallResult::Reply(WorkerReply::Status(self.status.clone())),
        }
    }

    async fn handle_info(&mut self, ctx: &Ctx, msg: Info<WorkerInfo>) -> Flow<Self> {
        match msg {
            Info::Msg(WorkerInfo::Flush) => {
                self.flush_queued = false;
                self.flush(ctx).await;
            }
            other => ctx.log(format!("{} received unexpected message in handle_info/2: {}", Self::MODULE, other.to_term())),
        }
        Flow::NoReply
    }
}
