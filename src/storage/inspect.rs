//! The storage inspector and export/import, for the UI's storage pane.
//!
//! - [`inspect`]: every store's keys with their byte sizes and decoded values (Elixir syntax
//!   through `Term`'s `Display`), the quarantined records, and the write counters.
//! - [`export`]: the whole database as one file, itself a term in External Term Format:
//!   `{:otp_playground_storage, 1, [{store, key, <<etf bytes>>}, ...], [quarantined, ...]}`
//!   where each quarantined record is `%{store: .., key: .., reason: .., bytes: <<..>>}`.
//!   A stored record that does not decode is exported as a quarantined one.
//!   In iex: `:erlang.binary_to_term(File.read!("storage.etf"))`.
//! - [`clear`]: empties the data stores (quarantine stays).
//! - [`import`]: checks a whole file first (shape, known stores, no duplicate keys, every
//!   value decodes) and only then replaces the data stores' contents in one transaction.
//!   Quarantined records are never dropped: those in the file are added to the ones there.

use serde::Serialize;

use super::{Backend, BackendKind, DATA_STORES, QuarantinedRecord, StorageError, WriteStats, decode};
use crate::term::{Term, binary_to_term, term_to_binary};

/// The export file's first element.
pub const EXPORT_TAG: &str = "otp_playground_storage";
/// The export format's version.
pub const EXPORT_VERSION: i64 = 1;

/// One stored record as the inspector shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordInfo {
    pub key: String,
    /// Size of the stored ETF bytes.
    pub bytes: usize,
    /// The decoded term, or why the bytes do not decode.
    pub value: Result<Term, String>,
}

impl RecordInfo {
    /// The value in Elixir syntax, or a line saying it does not decode.
    pub fn rendered(&self) -> String {
        match &self.value {
            Ok(term) => term.to_string(),
            Err(reason) => format!("** does not decode: {reason}"),
        }
    }
}

/// One store's records, sorted by key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoreListing {
    pub store: String,
    pub records: Vec<RecordInfo>,
    pub total_bytes: usize,
}

/// Everything the storage pane shows about one database.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Inspection {
    pub kind: BackendKind,
    pub stores: Vec<StoreListing>,
    pub quarantine: Vec<QuarantinedRecord>,
    pub stats: WriteStats,
}

/// What an [`import`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub records: usize,
    pub quarantined: usize,
}

/// Lists every data store of `backend`'s database and its quarantine.
pub async fn inspect(backend: &Backend) -> Result<Inspection, StorageError> {
    let mut stores = Vec::new();
    for name in DATA_STORES {
        let records: Vec<RecordInfo> = backend
            .store(name)
            .entries_raw()
            .await?
            .into_iter()
            .map(|(key, bytes)| RecordInfo { bytes: bytes.len(), value: decode(&key, &bytes).map_err(|_| etf_reason(&bytes)), key })
            .collect();
        let total_bytes = records.iter().map(|r| r.bytes).sum();
        stores.push(StoreListing { store: name.to_string(), records, total_bytes });
    }
    Ok(Inspection { kind: backend.kind(), stores, quarantine: backend.quarantined().await?, stats: backend.stats() })
}

fn etf_reason(bytes: &[u8]) -> String {
    binary_to_term(bytes).err().map(|e| e.to_string()).unwrap_or_default()
}

/// The whole database (every data store and the quarantine) as one ETF file.
pub async fn export(backend: &Backend) -> Result<Vec<u8>, StorageError> {
    let quarantined = |store: &str, key: &str, reason: &str, bytes: Vec<u8>| {
        Term::map([
            (Term::atom("store"), Term::string(store)),
            (Term::atom("key"), Term::string(key)),
            (Term::atom("reason"), Term::string(reason)),
            (Term::atom("bytes"), Term::Binary(bytes)),
        ])
    };
    let mut records = Vec::new();
    let mut quarantine = Vec::new();
    for name in DATA_STORES {
        for (key, bytes) in backend.store(name).entries_raw().await? {
            if binary_to_term(&bytes).is_ok() {
                records.push(Term::tuple([Term::string(name), Term::string(&key), Term::Binary(bytes)]));
            } else {
                // A record that does not decode travels as a quarantined one, so every
                // record of an export file is a valid term and the file imports.
                let reason = etf_reason(&bytes);
                quarantine.push(quarantined(name, &key, &reason, bytes));
            }
        }
    }
    for q in backend.quarantined().await? {
        quarantine.push(quarantined(&q.store, &q.key, &q.reason, q.bytes));
    }
    Ok(term_to_binary(&Term::tuple([Term::atom(EXPORT_TAG), Term::Int(EXPORT_VERSION), Term::List(records), Term::List(quarantine)])))
}

type Parsed = (Vec<(String, String, Vec<u8>)>, Vec<Vec<u8>>);

/// Checks an export file without writing anything.
pub fn validate_export(file: &[u8]) -> Result<Parsed, StorageError> {
    let bad = |why: String| StorageError::InvalidImport(why);
    let term = binary_to_term(file).map_err(|e| bad(format!("the file is not an export (:erlang.binary_to_term/1 fails: {e})")))?;
    let Term::Tuple(items) = &term else { return Err(bad(format!("expected {{:{EXPORT_TAG}, 1, records, quarantine}}, got {}", term.render_truncated(80)))) };
    match items.as_slice() {
        [tag, Term::Int(EXPORT_VERSION), Term::List(records), Term::List(quarantine)] if tag.is_atom(EXPORT_TAG) => {
            let mut seen = std::collections::BTreeSet::new();
            let mut out = Vec::with_capacity(records.len());
            for (index, record) in records.iter().enumerate() {
                let (store, key, bytes) = match record {
                    Term::Tuple(t) => match t.as_slice() {
                        [Term::Binary(s), Term::Binary(k), Term::Binary(b)] => (s, k, b),
                        _ => return Err(bad(format!("record {index} is not {{store, key, <<bytes>>}}: {}", record.render_truncated(80)))),
                    },
                    _ => return Err(bad(format!("record {index} is not {{store, key, <<bytes>>}}: {}", record.render_truncated(80)))),
                };
                let store = String::from_utf8(store.clone()).map_err(|_| bad(format!("record {index}: the store name is not UTF-8")))?;
                let key = String::from_utf8(key.clone()).map_err(|_| bad(format!("record {index}: the key is not UTF-8")))?;
                if !DATA_STORES.contains(&store.as_str()) {
                    return Err(bad(format!("record {index}: unknown store {} (known: {})", Term::string(&store), DATA_STORES.join(", "))));
                }
                if let Err(e) = decode(&key, bytes) {
                    return Err(bad(format!("record {index} ({store}/{}) does not decode: {}", Term::string(&key), match e {
                        StorageError::Corrupt { reason, .. } => reason,
                        other => other.to_string(),
                    })));
                }
                if !seen.insert((store.clone(), key.clone())) {
                    return Err(bad(format!("record {index}: {store}/{} appears twice", Term::string(&key))));
                }
                out.push((store, key, bytes.clone()));
            }
            let mut quarantined = Vec::with_capacity(quarantine.len());
            for (index, q) in quarantine.iter().enumerate() {
                let text = |field: &str| q.map_get(&Term::atom(field)).and_then(Term::as_str);
                match (text("store"), text("key"), text("reason"), q.map_get(&Term::atom("bytes"))) {
                    (Some(store), Some(key), Some(reason), Some(Term::Binary(bytes))) => {
                        quarantined.push(QuarantinedRecord::encode(store, key, reason, bytes));
                    }
                    _ => return Err(bad(format!("quarantine record {index} is not %{{store:, key:, reason:, bytes:}}"))),
                }
            }
            Ok((out, quarantined))
        }
        _ => Err(bad(format!("expected {{:{EXPORT_TAG}, {EXPORT_VERSION}, records, quarantine}}, got {}", term.render_truncated(80)))),
    }
}

/// Deletes every record of every data store, in one transaction (the learner's "clear
/// storage", after an export). Quarantined records stay. Running systems keep their
/// in-memory state and write it again with their next change: restart them.
pub async fn clear(backend: &Backend) -> Result<(), StorageError> {
    backend.replace_all(Vec::new(), Vec::new()).await
}

/// Replaces the data stores' contents with an export file's, after checking all of it.
/// Running systems keep their in-memory state: restart them to load what was imported.
pub async fn import(backend: &Backend, file: &[u8]) -> Result<ImportSummary, StorageError> {
    let (records, quarantine) = validate_export(file)?;
    let existing: std::collections::BTreeSet<Vec<u8>> = backend
        .quarantined()
        .await?
        .into_iter()
        .map(|q| QuarantinedRecord::encode(&q.store, &q.key, &q.reason, &q.bytes))
        .collect();
    // Importing the same file twice does not duplicate its quarantined records.
    let quarantine: Vec<Vec<u8>> = quarantine.into_iter().filter(|q| !existing.contains(q)).collect();
    let summary = ImportSummary { records: records.len(), quarantined: quarantine.len() };
    backend.replace_all(records, quarantine).await?;
    Ok(summary)
}
