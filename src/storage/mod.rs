//! Storage behind the simulated database workers.
//!
//! Values are stored as Erlang's External Term Format (`:erlang.term_to_binary/1` bytes), so
//! a stored todo list is byte-for-byte what the book's `File.write!(path,
//! :erlang.term_to_binary(data))` writes. Keys are the book's: the list name,
//! `<session id>.session`.
//!
//! [`Backend`] is an enum rather than a trait object because its methods are `async`: the
//! in-memory backend (native tests) completes at once; the browser backends (IndexedDB,
//! localStorage) are variants that only exist in wasm builds.
//!
//! A [`Backend`] is a handle on one *store* of one database: [`TODO_STORE`],
//! [`SESSION_STORE`], [`DEFAULT_STORE`] (IndexedDB object stores, localStorage key prefixes,
//! maps in memory). [`Backend::store`] gives a handle on another store of the same database.
//! Records that do not decode are moved to [`QUARANTINE_STORE`], never dropped
//! ([`Backend::get_or_quarantine`], [`Backend::quarantined`]).
//!
//! # From inside a process
//! Await every operation through [`Ctx::io`](crate::runtime::Ctx::io): the browser
//! backends' futures are woken by JS events, which only `Ctx::io` passes on to the
//! scheduler. (The memory backend completes at once either way, except
//! [`Backend::memory_with_latency`], which needs `Ctx::io` too.)
//!
//! # Public API (what the UI uses)
//! - Opening: [`Backend::open_with_fallback`] (IndexedDB → localStorage → memory, with a
//!   notice for the page), [`Backend::open`], [`Backend::memory`]; [`Backend::store`] for the
//!   todo and session stores; [`Backend::take_notices`] (IndexedDB reconnected after another
//!   tab's upgrade); [`Backend::stats`].
//! - Data: `get`, `put`, `put_many`, `delete`, `keys`, `get_raw`, `put_raw`, `write_batch`
//!   (one transaction), `entries_raw`; quarantine: [`Backend::get_or_quarantine`],
//!   [`Backend::quarantined`], [`Backend::discard_quarantined`].
//! - Inspector: [`inspect`], [`export`], [`import`] (validates first), [`clear`].
//! - Errors: [`StorageError`], whose `Display` is a sentence for the learner and
//!   `to_term` the trace's `{:quota_exceeded, ...}`.
//!
//! # Layout
//! - `mod.rs`: [`Backend`], [`BackendKind`], [`StorageError`], [`QuarantinedRecord`],
//!   opening with fallback ([`Backend::open_with_fallback`]).
//! - `memory.rs`: [`MemoryStore`]; `indexeddb.rs`, `local_storage.rs`: the browser backends.
//! - `lease.rs`: [`SystemLease`], one tab at a time running a system on a browser database.
//! - `inspect.rs`: the storage inspector, export/import and clear.
//! - `codec.rs`: base64 for localStorage.

mod codec;
#[cfg(target_arch = "wasm32")]
mod indexeddb;
mod inspect;
mod lease;
#[cfg(target_arch = "wasm32")]
mod local_storage;
mod memory;

pub use codec::{base64_decode, base64_encode};
pub use inspect::{EXPORT_TAG, EXPORT_VERSION, ImportSummary, Inspection, RecordInfo, StoreListing, clear, export, import, inspect, validate_export};
pub use lease::SystemLease;
pub use memory::MemoryStore;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Serialize;

use crate::term::{Term, binary_to_term, term_to_binary};

/// The todo system's store: list name → `%Todo.List{}`.
pub const TODO_STORE: &str = "todo";
/// The session store's: `<session id>.session` → the session's data map.
pub const SESSION_STORE: &str = "sessions";
/// Everything else (the logger's file, the KV store's snapshot, ...), and the store a
/// fresh [`Backend::memory`] handle names.
pub const DEFAULT_STORE: &str = "misc";
/// The stores that hold data, in the order the inspector lists them.
pub const DATA_STORES: [&str; 3] = [TODO_STORE, SESSION_STORE, DEFAULT_STORE];
/// Where undecodable records are set aside.
pub const QUARANTINE_STORE: &str = "quarantine";
/// The page's database (IndexedDB database name; localStorage key prefix).
pub const DEFAULT_DATABASE: &str = "otp-playground";

/// Which kind of storage a [`Backend`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum BackendKind {
    IndexedDb,
    LocalStorage,
    Memory,
}

impl std::fmt::Display for BackendKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BackendKind::IndexedDb => "IndexedDB",
            BackendKind::LocalStorage => "localStorage",
            BackendKind::Memory => "memory",
        })
    }
}

/// Write transactions committed and records written through one database (all its
/// stores), since it was opened, and transactions that failed. The coalescing tests and the
/// storage pane read it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WriteStats {
    pub transactions: u64,
    pub records: u64,
    pub failed: u64,
}

/// What one database's writes came to, shared by its store handles: counts, and the error
/// of the latest write transaction if it failed (so the page can say "storage is full" until
/// a write succeeds again).
#[derive(Debug, Default)]
pub(crate) struct WriteLog {
    stats: Cell<WriteStats>,
    failing: RefCell<Option<StorageError>>,
}

impl WriteLog {
    pub(crate) fn committed(&self, records: usize) {
        let mut stats = self.stats.get();
        stats.transactions += 1;
        stats.records += records as u64;
        self.stats.set(stats);
        *self.failing.borrow_mut() = None;
    }

    fn failed(&self, error: &StorageError) {
        let mut stats = self.stats.get();
        stats.failed += 1;
        self.stats.set(stats);
        *self.failing.borrow_mut() = Some(error.clone());
    }

    pub(crate) fn stats(&self) -> WriteStats {
        self.stats.get()
    }
}

/// Why a storage operation failed. Every variant leaves the in-memory state untouched, and
/// none of them deletes anything.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// The stored bytes under `key` do not decode. `quarantine` is the id of the
    /// quarantine record they were moved to, or `None` if they were left in place.
    Corrupt { key: String, reason: String, quarantine: Option<u64> },
    /// The browser refused the write: the origin's storage is full.
    QuotaExceeded { backend: BackendKind, detail: String },
    /// IndexedDB cannot be upgraded while another tab keeps the database open.
    Blocked { database: String },
    /// The backend cannot be used at all (disabled, private mode, not a browser).
    Unavailable(String),
    /// Any other failure of a transaction (it was rolled back: nothing of it was written).
    Failed(String),
    /// An import file was rejected before anything was written.
    InvalidImport(String),
}

impl StorageError {
    /// As the trace and the UI show it: `{:quota_exceeded, "..."}`.
    pub fn to_term(&self) -> Term {
        let tagged = |tag: &str, rest: Vec<Term>| Term::tuple(std::iter::once(Term::atom(tag)).chain(rest));
        match self {
            StorageError::Corrupt { key, reason, .. } => tagged("corrupt", vec![Term::string(key), Term::string(reason)]),
            StorageError::QuotaExceeded { detail, .. } => tagged("quota_exceeded", vec![Term::string(detail)]),
            StorageError::Blocked { database } => tagged("blocked", vec![Term::string(database)]),
            StorageError::Unavailable(why) => tagged("unavailable", vec![Term::string(why)]),
            StorageError::Failed(why) => tagged("failed", vec![Term::string(why)]),
            StorageError::InvalidImport(why) => tagged("invalid_import", vec![Term::string(why)]),
        }
    }
}

impl Serialize for StorageError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_term().serialize(s)
    }
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Corrupt { key, reason, quarantine } => {
                write!(f, "the value stored under {} is not a valid term (:erlang.binary_to_term/1 fails: {reason}); ", crate::term::Term::string(key))?;
                match quarantine {
                    Some(id) => write!(f, "it was set aside as quarantine record #{id}, not deleted"),
                    None => write!(f, "it is left in place, not deleted"),
                }
            }
            StorageError::QuotaExceeded { backend, detail } => write!(
                f,
                "{backend} is full (quota exceeded), so this write was not saved; the data is still in memory. \
                 Free some space (delete lists or sessions, or export and clear the storage) and it is saved with the next change ({detail})"
            ),
            StorageError::Blocked { database } => write!(
                f,
                "the IndexedDB database \"{database}\" is blocked: another tab of this page keeps an older version of it open. \
                 Close or reload the other tabs, then try again"
            ),
            StorageError::Unavailable(why) => write!(f, "storage unavailable: {why}"),
            StorageError::Failed(why) => write!(f, "the storage transaction failed and was rolled back: {why}"),
            StorageError::InvalidImport(why) => write!(f, "import rejected, nothing was written: {why}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// A record set aside because it did not decode: where it was, why, and its bytes as they
/// were stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuarantinedRecord {
    pub id: u64,
    pub store: String,
    pub key: String,
    pub reason: String,
    #[serde(serialize_with = "serialize_binary")]
    pub bytes: Vec<u8>,
}

/// The note a reader of `key` in `store` needs when its stored value was set aside: the
/// value reads as empty (`[]`, `nil`) because the bytes did not decode, not because nothing
/// was stored. `None` if no record of that key is in quarantine.
pub fn quarantine_note(records: &[QuarantinedRecord], store: &str, key: &str) -> Option<String> {
    let record = records.iter().filter(|r| r.store == store && r.key == key).max_by_key(|r| r.id)?;
    Some(format!(
        "# note: the stored value of {key:?} did not decode ({}), so it reads as empty here; its bytes are kept as quarantine record #{} (Stats & storage lists it)",
        record.reason, record.id
    ))
}

fn serialize_binary<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    Term::Binary(bytes.to_vec()).serialize(s)
}

impl QuarantinedRecord {
    /// What the quarantine store holds: the ETF of `%{store: .., key: .., reason: .., bytes: <<..>>}`.
    pub(crate) fn encode(store: &str, key: &str, reason: &str, bytes: &[u8]) -> Vec<u8> {
        term_to_binary(&Term::map([
            (Term::atom("store"), Term::string(store)),
            (Term::atom("key"), Term::string(key)),
            (Term::atom("reason"), Term::string(reason)),
            (Term::atom("bytes"), Term::Binary(bytes.to_vec())),
        ]))
    }

    /// The record stored under quarantine id `id`. A quarantine record that does not decode
    /// itself is shown as such rather than hidden.
    pub(crate) fn decode(id: u64, stored: &[u8]) -> QuarantinedRecord {
        let text = |t: &Term, field: &str| t.map_get(&Term::atom(field)).and_then(Term::as_str).map(str::to_string);
        match binary_to_term(stored) {
            Ok(t) => match (text(&t, "store"), text(&t, "key"), text(&t, "reason"), t.map_get(&Term::atom("bytes"))) {
                (Some(store), Some(key), Some(reason), Some(Term::Binary(bytes))) => {
                    QuarantinedRecord { id, store, key, reason, bytes: bytes.clone() }
                }
                _ => QuarantinedRecord { id, store: String::new(), key: String::new(), reason: "not a quarantine record".into(), bytes: stored.to_vec() },
            },
            Err(e) => QuarantinedRecord { id, store: String::new(), key: String::new(), reason: format!("quarantine record does not decode: {e}"), bytes: stored.to_vec() },
        }
    }
}

/// A backend as [`Backend::open_with_fallback`] opened it, and what the page should tell
/// the learner about it (`None` when the preferred backend opened).
#[derive(Debug)]
pub struct Opened {
    pub backend: Backend,
    pub notice: Option<String>,
}

/// A place database workers keep terms: one store of one database. Cloning shares it.
#[derive(Clone, Debug)]
pub enum Backend {
    Memory(MemoryStore),
    #[cfg(target_arch = "wasm32")]
    IndexedDb(indexeddb::IdbStore),
    #[cfg(target_arch = "wasm32")]
    LocalStorage(local_storage::LsStore),
}

impl Default for Backend {
    fn default() -> Self {
        Backend::Memory(MemoryStore::default())
    }
}

/// Decodes `bytes` stored under `key`.
pub fn decode(key: &str, bytes: &[u8]) -> Result<Term, StorageError> {
    binary_to_term(bytes).map_err(|e| StorageError::Corrupt { key: key.to_string(), reason: e.to_string(), quarantine: None })
}

/// Pending `n` times, waking itself each time: a memory "transaction" that completes `n`
/// scheduler turns later.
struct Yield(u32);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

impl Backend {
    /// A fresh in-memory database; the handle names [`DEFAULT_STORE`].
    pub fn memory() -> Self {
        Backend::default()
    }

    /// An in-memory database whose write transactions complete `turns` scheduler turns
    /// later (the writing process goes to the back of the run queue that many times), as
    /// browser I/O completes later: a worker's mailbox fills meanwhile, so its writes
    /// coalesce as they do on IndexedDB. Await its writes through `Ctx::io`.
    pub fn memory_with_latency(turns: u32) -> Self {
        let mut store = MemoryStore::default();
        store.latency_turns = turns;
        Backend::Memory(store)
    }

    /// Opens the database `database` of `kind`; the handle names [`DEFAULT_STORE`].
    /// IndexedDB creates its object stores on first use. Memory always opens (a fresh,
    /// empty database: nothing outlives the page).
    pub async fn open(kind: BackendKind, database: &str) -> Result<Backend, StorageError> {
        match kind {
            BackendKind::Memory => Ok(Backend::memory()),
            #[cfg(target_arch = "wasm32")]
            BackendKind::IndexedDb => indexeddb::IdbStore::open(database).await.map(Backend::IndexedDb),
            #[cfg(target_arch = "wasm32")]
            BackendKind::LocalStorage => local_storage::LsStore::open(database).map(Backend::LocalStorage),
            #[cfg(not(target_arch = "wasm32"))]
            BackendKind::IndexedDb | BackendKind::LocalStorage => {
                let _ = database;
                Err(StorageError::Unavailable(format!("{kind} exists only in the browser")))
            }
        }
    }

    /// Opens `preferred`, falling back from IndexedDB to localStorage to memory, and says
    /// so in [`Opened::notice`]. A *blocked* IndexedDB (another tab holds an old version
    /// open) falls back to memory, not localStorage, so the data is never split between two
    /// persistent backends.
    pub async fn open_with_fallback(preferred: BackendKind, database: &str) -> Opened {
        let mut notices = Vec::new();
        let order: &[BackendKind] = match preferred {
            BackendKind::IndexedDb => &[BackendKind::IndexedDb, BackendKind::LocalStorage, BackendKind::Memory],
            BackendKind::LocalStorage => &[BackendKind::LocalStorage, BackendKind::Memory],
            BackendKind::Memory => &[BackendKind::Memory],
        };
        for &kind in order {
            match Backend::open(kind, database).await {
                Ok(backend) => {
                    if kind != preferred {
                        let what = match kind {
                            BackendKind::Memory => "memory only: nothing is kept after a reload",
                            _ => "it keeps your data across reloads",
                        };
                        notices.push(format!("Using {kind} instead ({what})."));
                    }
                    let notice = (!notices.is_empty()).then(|| notices.join(" "));
                    return Opened { backend, notice };
                }
                Err(error @ StorageError::Blocked { .. }) => {
                    notices.push(format!("{error}."));
                    notices.push("Using memory instead until then (nothing is kept after a reload).".into());
                    return Opened { backend: Backend::memory(), notice: Some(notices.join(" ")) };
                }
                Err(error) => notices.push(format!("{kind} cannot be used ({error}).")),
            }
        }
        unreachable!("memory always opens")
    }

    pub fn kind(&self) -> BackendKind {
        match self {
            Backend::Memory(_) => BackendKind::Memory,
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(_) => BackendKind::IndexedDb,
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(_) => BackendKind::LocalStorage,
        }
    }

    /// The store this handle reads and writes.
    pub fn store_name(&self) -> &str {
        match self {
            Backend::Memory(m) => m.store_name(),
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.store_name(),
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.store_name(),
        }
    }

    /// A handle on another store of the same database ([`TODO_STORE`], [`SESSION_STORE`], ...).
    pub fn store(&self, name: &str) -> Backend {
        debug_assert!(DATA_STORES.contains(&name), "unknown store {name:?}");
        match self {
            Backend::Memory(m) => Backend::Memory(m.store(name)),
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => Backend::IndexedDb(s.store(name)),
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => Backend::LocalStorage(s.store(name)),
        }
    }

    fn write_log(&self) -> &WriteLog {
        match self {
            Backend::Memory(m) => m.write_log(),
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.write_log(),
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.write_log(),
        }
    }

    /// Write transactions and records written through this database since it was opened.
    pub fn stats(&self) -> WriteStats {
        self.write_log().stats()
    }

    /// Why the latest write transaction of this database failed; `None` once one succeeds.
    pub fn failing(&self) -> Option<StorageError> {
        self.write_log().failing.borrow().clone()
    }

    /// What happened to the connection since the last call (IndexedDB: "another tab
    /// upgraded the database; reconnected"). Empty for the other backends.
    pub fn take_notices(&self) -> Vec<String> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.take_notices(),
            _ => Vec::new(),
        }
    }

    /// The term stored under `key`, if any. Undecodable bytes are an error and stay in place
    /// (see [`Backend::get_or_quarantine`] to set them aside).
    pub async fn get(&self, key: &str) -> Result<Option<Term>, StorageError> {
        match self.get_raw(key).await? {
            None => Ok(None),
            Some(bytes) => decode(key, &bytes).map(Some),
        }
    }

    /// Like [`Backend::get`], but undecodable bytes are moved to the quarantine store (in one
    /// transaction, and only if they are still what was read) and the error says where:
    /// `Corrupt { quarantine: Some(id), .. }`. If another writer replaced the bytes
    /// meanwhile, the key is read again. `Corrupt { quarantine: None, .. }` means the bytes
    /// could not be moved and are still in place: the caller must not overwrite the key.
    pub async fn get_or_quarantine(&self, key: &str) -> Result<Option<Term>, StorageError> {
        for _ in 0..2 {
            let Some(bytes) = self.get_raw(key).await? else { return Ok(None) };
            match decode(key, &bytes) {
                Ok(term) => return Ok(Some(term)),
                Err(StorageError::Corrupt { key, reason, .. }) => match self.quarantine(&key, &bytes, &reason).await {
                    Ok(Some(id)) => return Err(StorageError::Corrupt { key, reason, quarantine: Some(id) }),
                    Ok(None) => continue,
                    Err(_) => return Err(StorageError::Corrupt { key, reason, quarantine: None }),
                },
                Err(other) => return Err(other),
            }
        }
        self.get(key).await
    }

    /// Stores `value` under `key` (replacing what was there).
    pub async fn put(&self, key: &str, value: &Term) -> Result<(), StorageError> {
        self.write_batch(vec![(key.to_string(), Some(term_to_binary(value)))]).await
    }

    /// Stores every `(key, value)` in one transaction: all or nothing.
    pub async fn put_many(&self, items: &[(String, Term)]) -> Result<(), StorageError> {
        self.write_batch(items.iter().map(|(k, v)| (k.clone(), Some(term_to_binary(v)))).collect()).await
    }

    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        self.write_batch(vec![(key.to_string(), None)]).await
    }

    /// Every key of this store, sorted.
    pub async fn keys(&self) -> Result<Vec<String>, StorageError> {
        match self {
            Backend::Memory(m) => Ok(m.keys()),
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.keys().await,
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.keys(),
        }
    }

    /// The raw stored bytes (for the storage inspector and for corruption tests).
    pub async fn get_raw(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        match self {
            Backend::Memory(m) => Ok(m.get(key)),
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.get_raw(key).await,
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.get_raw(key),
        }
    }

    pub async fn put_raw(&self, key: &str, bytes: Vec<u8>) -> Result<(), StorageError> {
        self.write_batch(vec![(key.to_string(), Some(bytes))]).await
    }

    /// One write transaction: each `(key, Some(bytes))` is a put, each `(key, None)` a
    /// delete, applied in order (so the last write to a key wins). All or nothing: if it
    /// fails, none of it is kept.
    pub async fn write_batch(&self, writes: Vec<(String, Option<Vec<u8>>)>) -> Result<(), StorageError> {
        if writes.is_empty() {
            return Ok(());
        }
        let result = match self {
            Backend::Memory(m) => {
                if m.latency_turns > 0 {
                    Yield(m.latency_turns).await;
                }
                match m.write_failure() {
                    Some(error) => Err(error),
                    None => {
                        m.write_batch(writes);
                        Ok(())
                    }
                }
            }
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.write_batch(writes).await,
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.write_batch(writes),
        };
        if let Err(error) = &result {
            self.write_log().failed(error);
        }
        result
    }

    /// Every record of this store, sorted by key, as stored.
    pub async fn entries_raw(&self) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
        match self {
            Backend::Memory(m) => Ok(m.entries()),
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.entries_raw().await,
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.entries_raw(),
        }
    }

    /// Moves the record under `key` to the quarantine store, with `reason`, if its bytes are
    /// still `seen` (another tab may have replaced them since: then nothing moves and this
    /// returns `Ok(None)`). One transaction: the record is never in neither place.
    pub async fn quarantine(&self, key: &str, seen: &[u8], reason: &str) -> Result<Option<u64>, StorageError> {
        let record = QuarantinedRecord::encode(self.store_name(), key, reason, seen);
        match self {
            Backend::Memory(m) => match m.write_failure() {
                Some(error) => Err(error),
                None => Ok(m.quarantine(key, seen, |_| record)),
            },
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.quarantine(key, seen, record).await,
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.quarantine(key, seen, record),
        }
    }

    /// Every quarantined record of this database (all stores), oldest first.
    pub async fn quarantined(&self) -> Result<Vec<QuarantinedRecord>, StorageError> {
        let raw = match self {
            Backend::Memory(m) => m.quarantined(),
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.quarantined().await?,
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.quarantined()?,
        };
        Ok(raw.into_iter().map(|(id, bytes)| QuarantinedRecord::decode(id, &bytes)).collect())
    }

    /// Deletes quarantined record `id` (the learner's explicit choice in the inspector; the
    /// system never does it). `Ok(false)` if there was none.
    pub async fn discard_quarantined(&self, id: u64) -> Result<bool, StorageError> {
        let present = self.quarantined().await?.iter().any(|q| q.id == id);
        if present {
            match self {
                Backend::Memory(m) => m.discard_quarantined(id),
                #[cfg(target_arch = "wasm32")]
                Backend::IndexedDb(s) => s.discard_quarantined(id).await?,
                #[cfg(target_arch = "wasm32")]
                Backend::LocalStorage(s) => s.discard_quarantined(id)?,
            }
        }
        Ok(present)
    }

    /// An import: replaces every record of every data store by `records` (store, key, bytes)
    /// and adds `quarantine` records, in one transaction. Quarantined records already there
    /// are kept.
    pub(crate) async fn replace_all(&self, records: Vec<(String, String, Vec<u8>)>, quarantine: Vec<Vec<u8>>) -> Result<(), StorageError> {
        match self {
            Backend::Memory(m) => {
                if m.latency_turns > 0 {
                    Yield(m.latency_turns).await;
                }
                if let Some(error) = m.write_failure() {
                    return Err(error);
                }
                m.replace_all(&DATA_STORES, records);
                m.add_quarantined(quarantine);
                Ok(())
            }
            #[cfg(target_arch = "wasm32")]
            Backend::IndexedDb(s) => s.replace_all(records, quarantine).await,
            #[cfg(target_arch = "wasm32")]
            Backend::LocalStorage(s) => s.replace_all(records, quarantine),
        }
    }
}
