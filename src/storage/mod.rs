//! Storage behind the simulated database workers.
//!
//! Values are stored as Erlang's External Term Format (`:erlang.term_to_binary/1` bytes), so
//! a stored todo list is byte-for-byte what the book's `File.write!(path,
//! :erlang.term_to_binary(data))` writes. Keys are the book's: the list name,
//! `<session id>.session`.
//!
//! [`Backend`] is an enum rather than a trait object because its methods are `async`: the
//! in-memory backend (native tests) completes at once; the browser backends (IndexedDB,
//! localStorage) are added as variants that only exist in wasm builds.
//!
//! # Layout
//! - `mod.rs`: [`Backend`], [`StorageError`].
//! - `memory.rs`: [`MemoryStore`].

mod memory;

pub use memory::MemoryStore;

use crate::term::{Term, binary_to_term, term_to_binary};

/// Why a storage operation failed. Every variant keeps the in-memory state untouched.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// The stored bytes under `key` do not decode; they are left in place, not deleted.
    Corrupt { key: String, reason: String },
    /// The backend refused (quota exceeded, blocked, unavailable).
    Unavailable(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Corrupt { key, reason } => write!(f, "stored value under {key:?} does not decode: {reason}"),
            StorageError::Unavailable(why) => write!(f, "storage unavailable: {why}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// A place database workers keep terms. Cloning shares the same store.
#[derive(Clone, Debug)]
pub enum Backend {
    Memory(MemoryStore),
}

impl Default for Backend {
    fn default() -> Self {
        Backend::Memory(MemoryStore::default())
    }
}

impl Backend {
    /// A fresh in-memory store.
    pub fn memory() -> Self {
        Backend::default()
    }

    /// The term stored under `key`, if any.
    pub async fn get(&self, key: &str) -> Result<Option<Term>, StorageError> {
        let bytes = match self {
            Backend::Memory(m) => m.get(key),
        };
        match bytes {
            None => Ok(None),
            Some(bytes) => binary_to_term(&bytes)
                .map(Some)
                .map_err(|e| StorageError::Corrupt { key: key.to_string(), reason: e.to_string() }),
        }
    }

    /// Stores `value` under `key` (replacing what was there).
    pub async fn put(&self, key: &str, value: &Term) -> Result<(), StorageError> {
        let bytes = term_to_binary(value);
        match self {
            Backend::Memory(m) => m.put(key, bytes),
        }
        Ok(())
    }

    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self {
            Backend::Memory(m) => m.delete(key),
        }
        Ok(())
    }

    /// Every key, sorted.
    pub async fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(match self {
            Backend::Memory(m) => m.keys(),
        })
    }

    /// The raw stored bytes (for the storage inspector and for corruption tests).
    pub async fn get_raw(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        Ok(match self {
            Backend::Memory(m) => m.get(key),
        })
    }

    pub async fn put_raw(&self, key: &str, bytes: Vec<u8>) -> Result<(), StorageError> {
        match self {
            Backend::Memory(m) => m.put(key, bytes),
        }
        Ok(())
    }
}
