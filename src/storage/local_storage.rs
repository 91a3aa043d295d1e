//! The localStorage backend (wasm only): the fallback when IndexedDB is not available.
//!
//! localStorage holds strings under string keys, synchronously, shared by every tab of the
//! origin. A record of store `s` in database `db` lives under `"<db>/<s>/<key>"` and its
//! value is the base64 of the ETF bytes; quarantined records live under
//! `"<db>/quarantine/<id>"`. A batch is made all-or-nothing by hand: if a `setItem` fails
//! (quota exceeded), the items this batch already changed are put back as they were.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomException, Storage};

use super::codec::{base64_decode, base64_encode};
use super::{BackendKind, DATA_STORES, DEFAULT_STORE, QUARANTINE_STORE, StorageError, WriteLog};

struct Db {
    name: String,
    storage: Storage,
    writes: WriteLog,
}

/// One store of a database in localStorage. Cloning shares it.
#[derive(Clone)]
pub struct LsStore {
    db: Rc<Db>,
    store: Rc<str>,
}

impl std::fmt::Debug for LsStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LsStore({:?}/{:?})", self.db.name, self.store)
    }
}

fn ls_error(value: JsValue) -> StorageError {
    match value.dyn_into::<DomException>() {
        Ok(e) if e.name() == "QuotaExceededError" || e.code() == 22 => {
            StorageError::QuotaExceeded { backend: BackendKind::LocalStorage, detail: format!("{}: {}", e.name(), e.message()) }
        }
        Ok(e) => StorageError::Failed(format!("{}: {}", e.name(), e.message())),
        Err(other) => StorageError::Failed(format!("{other:?}")),
    }
}

/// A stored string → the bytes it holds. A string that is not base64 (someone else's
/// item) is returned as its UTF-8 bytes, which then fail to decode (and are quarantined)
/// rather than vanish.
fn text_bytes(text: String) -> Vec<u8> {
    base64_decode(&text).unwrap_or_else(|| text.into_bytes())
}

impl LsStore {
    /// `window.localStorage`, read as a plain property (a page or test that removed it is
    /// seen as having none; a sandboxed frame throws `SecurityError`).
    pub fn open(name: &str) -> Result<LsStore, StorageError> {
        let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("localStorage needs a browser window".into()))?;
        let storage = match js_sys::Reflect::get(&window, &JsValue::from_str("localStorage")) {
            Ok(v) if v.is_undefined() || v.is_null() => return Err(StorageError::Unavailable("this browser offers no localStorage".into())),
            Ok(v) => v.dyn_into::<Storage>().map_err(|_| StorageError::Unavailable("window.localStorage is not a Storage".into()))?,
            Err(e) => return Err(StorageError::Unavailable(format!("localStorage is disabled here ({})", ls_error(e)))),
        };
        Ok(LsStore { db: Rc::new(Db { name: name.to_string(), storage, writes: WriteLog::default() }), store: Rc::from(DEFAULT_STORE) })
    }

    pub fn store_name(&self) -> &str {
        &self.store
    }

    pub fn store(&self, name: &str) -> LsStore {
        LsStore { db: self.db.clone(), store: Rc::from(name) }
    }

    pub(crate) fn write_log(&self) -> &WriteLog {
        &self.db.writes
    }

    fn prefix(&self, store: &str) -> String {
        format!("{}/{store}/", self.db.name)
    }

    fn item(&self, key: &str) -> String {
        format!("{}{key}", self.prefix(&self.store))
    }

    fn count_write(&self, records: usize) {
        self.db.writes.committed(records);
    }

    /// Every (item name without the prefix, value) under `store`'s prefix, sorted.
    fn scan(&self, store: &str) -> Result<Vec<(String, String)>, StorageError> {
        let prefix = self.prefix(store);
        let storage = &self.db.storage;
        let mut out = Vec::new();
        for i in 0..storage.length().map_err(ls_error)? {
            let Some(name) = storage.key(i).map_err(ls_error)? else { continue };
            if let Some(key) = name.strip_prefix(&prefix) {
                if let Some(value) = storage.get_item(&name).map_err(ls_error)? {
                    out.push((key.to_string(), value));
                }
            }
        }
        out.sort();
        Ok(out)
    }

    pub fn get_raw(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        Ok(self.db.storage.get_item(&self.item(key)).map_err(ls_error)?.map(text_bytes))
    }

    pub fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.scan(&self.store)?.into_iter().map(|(k, _)| k).collect())
    }

    pub fn entries_raw(&self) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
        Ok(self.scan(&self.store)?.into_iter().map(|(k, v)| (k, text_bytes(v))).collect())
    }

    pub fn quarantined(&self) -> Result<Vec<(u64, Vec<u8>)>, StorageError> {
        let mut out: Vec<(u64, Vec<u8>)> = self.scan(QUARANTINE_STORE)?.into_iter().filter_map(|(k, v)| Some((k.parse().ok()?, text_bytes(v)))).collect();
        out.sort_by_key(|(id, _)| *id);
        Ok(out)
    }

    /// Applies `changes` (item name → new value or removal); on the first failure puts back
    /// what it already changed and returns the error.
    fn apply(&self, changes: Vec<(String, Option<String>)>) -> Result<(), StorageError> {
        let storage = &self.db.storage;
        let mut undo: Vec<(String, Option<String>)> = Vec::with_capacity(changes.len());
        for (name, value) in changes {
            let before = storage.get_item(&name).map_err(ls_error)?;
            let result = match &value {
                Some(v) => storage.set_item(&name, v),
                None => storage.remove_item(&name),
            };
            if let Err(error) = result {
                for (name, before) in undo.into_iter().rev() {
                    let _ = match before {
                        Some(v) => storage.set_item(&name, &v),
                        None => storage.remove_item(&name),
                    };
                }
                return Err(ls_error(error));
            }
            undo.push((name, before));
        }
        Ok(())
    }

    pub fn write_batch(&self, writes: Vec<(String, Option<Vec<u8>>)>) -> Result<(), StorageError> {
        let records = writes.len();
        self.apply(writes.into_iter().map(|(k, v)| (self.item(&k), v.map(|b| base64_encode(&b)))).collect())?;
        self.count_write(records);
        Ok(())
    }

    fn next_quarantine_id(&self) -> Result<u64, StorageError> {
        Ok(self.quarantined()?.last().map_or(0, |(id, _)| *id) + 1)
    }

    /// Compare-and-move (localStorage is synchronous, so nothing runs in between).
    pub fn quarantine(&self, key: &str, seen: &[u8], record: Vec<u8>) -> Result<Option<u64>, StorageError> {
        if self.get_raw(key)?.as_deref() != Some(seen) {
            return Ok(None);
        }
        let id = self.next_quarantine_id()?;
        let q = format!("{}{id}", self.prefix(QUARANTINE_STORE));
        self.apply(vec![(q, Some(base64_encode(&record))), (self.item(key), None)])?;
        self.count_write(1);
        Ok(Some(id))
    }

    pub fn discard_quarantined(&self, id: u64) -> Result<(), StorageError> {
        self.apply(vec![(format!("{}{id}", self.prefix(QUARANTINE_STORE)), None)])
    }

    pub fn replace_all(&self, records: Vec<(String, String, Vec<u8>)>, quarantine: Vec<Vec<u8>>) -> Result<(), StorageError> {
        let mut changes = Vec::new();
        for store in DATA_STORES {
            let prefix = self.prefix(store);
            for (key, _) in self.scan(store)? {
                changes.push((format!("{prefix}{key}"), None));
            }
        }
        let count = records.len() + quarantine.len();
        for (store, key, bytes) in records {
            changes.push((format!("{}{key}", self.prefix(&store)), Some(base64_encode(&bytes))));
        }
        let mut id = self.next_quarantine_id()?;
        for bytes in quarantine {
            changes.push((format!("{}{id}", self.prefix(QUARANTINE_STORE)), Some(base64_encode(&bytes))));
            id += 1;
        }
        self.apply(changes)?;
        self.count_write(count);
        Ok(())
    }
}
