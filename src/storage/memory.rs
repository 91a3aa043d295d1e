//! The in-memory backend: for native tests and as the fallback of last resort.
//!
//! One [`MemoryStore`] handle names one store (`"todo"`, `"sessions"`, ...) of a shared
//! in-memory database; [`MemoryStore::store`] gives a handle on another store of the same
//! database, as IndexedDB's object stores and localStorage's key prefixes do.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::{DEFAULT_STORE, QUARANTINE_STORE, StorageError, WriteLog};

#[derive(Debug, Default)]
struct Db {
    stores: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    next_quarantine: u64,
    /// Set by tests: every write transaction fails with this error, writing nothing.
    failure: Option<StorageError>,
}

/// Keys to ETF bytes, in one store of an in-memory database. Cloning shares the database
/// (two handles, one store).
#[derive(Clone, Debug)]
pub struct MemoryStore {
    db: Rc<RefCell<Db>>,
    store: Rc<str>,
    writes: Rc<WriteLog>,
    /// Write transactions complete this many scheduler turns later (`Backend::memory_with_latency`).
    pub(crate) latency_turns: u32,
}

impl Default for MemoryStore {
    fn default() -> Self {
        MemoryStore { db: Rc::default(), store: Rc::from(DEFAULT_STORE), writes: Rc::default(), latency_turns: 0 }
    }
}

impl MemoryStore {
    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.db.borrow().stores.get(&*self.store).and_then(|s| s.get(key)).cloned()
    }

    pub fn put(&self, key: &str, bytes: Vec<u8>) {
        self.write_batch(vec![(key.to_string(), Some(bytes))]);
    }

    pub fn delete(&self, key: &str) {
        self.write_batch(vec![(key.to_string(), None)]);
    }

    /// Every key of this store, sorted.
    pub fn keys(&self) -> Vec<String> {
        self.db.borrow().stores.get(&*self.store).map(|s| s.keys().cloned().collect()).unwrap_or_default()
    }

    /// The name of the store this handle reads and writes.
    pub fn store_name(&self) -> &str {
        &self.store
    }

    /// A handle on another store of the same database.
    pub fn store(&self, name: &str) -> MemoryStore {
        MemoryStore { store: Rc::from(name), ..self.clone() }
    }

    pub(crate) fn write_log(&self) -> &WriteLog {
        &self.writes
    }

    /// For tests of failure handling: from now on every write transaction of this database
    /// fails with `error` and writes nothing (as a full IndexedDB would), until `None`.
    pub fn fail_writes(&self, error: Option<StorageError>) {
        self.db.borrow_mut().failure = error;
    }

    pub(crate) fn write_failure(&self) -> Option<StorageError> {
        self.db.borrow().failure.clone()
    }

    /// One "transaction": every put (`Some`) and delete (`None`), in order.
    pub(crate) fn write_batch(&self, writes: Vec<(String, Option<Vec<u8>>)>) {
        let mut db = self.db.borrow_mut();
        let store = db.stores.entry(self.store.to_string()).or_default();
        let records = writes.len() as u64;
        for (key, bytes) in writes {
            match bytes {
                Some(bytes) => store.insert(key, bytes),
                None => store.remove(&key),
            };
        }
        self.writes.committed(records as usize);
    }

    /// Every record of this store, sorted by key.
    pub(crate) fn entries(&self) -> Vec<(String, Vec<u8>)> {
        let db = self.db.borrow();
        db.stores.get(&*self.store).map(|s| s.iter().map(|(k, v)| (k.clone(), v.clone())).collect()).unwrap_or_default()
    }

    /// Replaces every record of the data stores named in `stores` by `records` at once.
    pub(crate) fn replace_all(&self, stores: &[&str], records: Vec<(String, String, Vec<u8>)>) {
        let mut db = self.db.borrow_mut();
        for store in stores {
            db.stores.remove(*store);
        }
        let count = records.len() as u64;
        for (store, key, bytes) in records {
            db.stores.entry(store).or_default().insert(key, bytes);
        }
        self.writes.committed(count as usize);
    }

    /// Moves `key`'s bytes to the quarantine store if they are still `seen`; the record to
    /// keep there is made by `record(id)`. Returns the quarantine id, or `None` if the value
    /// changed (or went) meanwhile.
    pub(crate) fn quarantine(&self, key: &str, seen: &[u8], record: impl FnOnce(u64) -> Vec<u8>) -> Option<u64> {
        let mut db = self.db.borrow_mut();
        let current = db.stores.get(&*self.store).and_then(|s| s.get(key));
        if current.map(Vec::as_slice) != Some(seen) {
            return None;
        }
        db.next_quarantine += 1;
        let id = db.next_quarantine;
        db.stores.get_mut(&*self.store).expect("checked above").remove(key);
        db.stores.entry(QUARANTINE_STORE.to_string()).or_default().insert(format!("{id:020}"), record(id));
        Some(id)
    }

    /// The quarantine store's records, oldest first, with their ids.
    pub(crate) fn quarantined(&self) -> Vec<(u64, Vec<u8>)> {
        let db = self.db.borrow();
        db.stores
            .get(QUARANTINE_STORE)
            .map(|s| s.iter().filter_map(|(k, v)| Some((k.parse().ok()?, v.clone()))).collect())
            .unwrap_or_default()
    }

    pub(crate) fn discard_quarantined(&self, id: u64) {
        if let Some(q) = self.db.borrow_mut().stores.get_mut(QUARANTINE_STORE) {
            q.remove(&format!("{id:020}"));
        }
    }

    /// Adds records to the quarantine store (an import), giving them new ids.
    pub(crate) fn add_quarantined(&self, records: Vec<Vec<u8>>) {
        let mut db = self.db.borrow_mut();
        for bytes in records {
            db.next_quarantine += 1;
            let id = db.next_quarantine;
            db.stores.entry(QUARANTINE_STORE.to_string()).or_default().insert(format!("{id:020}"), bytes);
        }
    }
}
