//! The IndexedDB backend (wasm only), on web-sys directly.
//!
//! One database per page (`otp-playground`), one object store per data store (`todo`,
//! `sessions`, `misc`) plus `quarantine` (auto-increment keys). Values are `Uint8Array`s
//! holding the ETF bytes; keys are the book's strings.
//!
//! # Transactions
//! An IndexedDB transaction commits by itself as soon as control returns to the event loop
//! with no request pending. A process's continuation runs from the scheduler, later than the
//! request's event, so a transaction is never held across a `Ctx::io` wait by anything but
//! its own requests: every write and every read-then-write step is issued synchronously (or,
//! for quarantine's compare-and-move, inside the request's own success handler), and only
//! the transaction's `complete`/`abort` (or a read's `success`) is awaited.
//!
//! # Connections
//! The database is opened without a version; if it lacks one of our stores it is reopened
//! at version + 1 to create it (an upgrade, which another tab can *block*: that is
//! [`StorageError::Blocked`]). When another tab upgrades the database we get
//! `versionchange`: we close our connection at once (so we never block them) and reopen on
//! the next operation. Closing lets transactions already created finish, so no committed or
//! in-flight write is lost.
//!
//! Futures here are woken by the events' handlers through the task's real waker, which is
//! what `Ctx::io` passes on to the scheduler.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DomException, Event, IdbDatabase, IdbFactory, IdbObjectStoreParameters, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use super::{BackendKind, DATA_STORES, DEFAULT_STORE, QUARANTINE_STORE, StorageError, WriteLog};

// ---- a one-shot signal: set by an event handler, awaited by a task ----

struct Slot<T> {
    value: Option<T>,
    fired: bool,
    waker: Option<Waker>,
}

struct Signal<T>(Rc<RefCell<Slot<T>>>);

impl<T> Clone for Signal<T> {
    fn clone(&self) -> Self {
        Signal(self.0.clone())
    }
}

impl<T> Signal<T> {
    fn new() -> Self {
        Signal(Rc::new(RefCell::new(Slot { value: None, fired: false, waker: None })))
    }

    /// Sets the value (the first time only) and wakes the waiting task.
    fn fire(&self, value: T) {
        let waker = {
            let mut slot = self.0.borrow_mut();
            if slot.fired {
                return;
            }
            slot.fired = true;
            slot.value = Some(value);
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    fn fired(&self) -> bool {
        self.0.borrow().fired
    }
}

impl<T> Future for Signal<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.0.borrow_mut();
        match slot.value.take() {
            Some(value) => Poll::Ready(value),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A signal several tasks await: each gets a clone of the value.
struct Shared<T>(Rc<RefCell<(Option<T>, Vec<Waker>)>>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: Clone> Shared<T> {
    fn new() -> Self {
        Shared(Rc::new(RefCell::new((None, Vec::new()))))
    }

    fn fire(&self, value: T) {
        let wakers = {
            let mut slot = self.0.borrow_mut();
            if slot.0.is_some() {
                return;
            }
            slot.0 = Some(value);
            std::mem::take(&mut slot.1)
        };
        for waker in wakers {
            waker.wake();
        }
    }
}

impl<T: Clone> Future for Shared<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.0.borrow_mut();
        match &slot.0 {
            Some(value) => Poll::Ready(value.clone()),
            None => {
                slot.1.push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

// ---- errors ----

fn dom_error(error: Option<DomException>) -> StorageError {
    let Some(error) = error else { return StorageError::Failed("the transaction was aborted".into()) };
    let (name, message) = (error.name(), error.message());
    match name.as_str() {
        "QuotaExceededError" => StorageError::QuotaExceeded { backend: BackendKind::IndexedDb, detail: format!("{name}: {message}") },
        "VersionError" => StorageError::Unavailable(format!("a newer version of this page changed the IndexedDB database; reload this tab ({message})")),
        "NotFoundError" => StorageError::Unavailable(format!("the IndexedDB database lacks a store this page needs ({message})")),
        "SecurityError" | "InvalidAccessError" => StorageError::Unavailable(format!("IndexedDB is not allowed here ({name}: {message})")),
        _ => StorageError::Failed(format!("{name}: {message}")),
    }
}

fn js_error(value: JsValue) -> StorageError {
    match value.dyn_into::<DomException>() {
        Ok(e) => dom_error(Some(e)),
        Err(other) => StorageError::Failed(format!("{other:?}")),
    }
}

fn is_closing(value: &JsValue) -> bool {
    value.dyn_ref::<DomException>().is_some_and(|e| e.name() == "InvalidStateError")
}

// ---- requests and transactions as futures ----

/// A request's result, on its `success`; its error on `error` (which is then prevented
/// from aborting the transaction).
fn request_done(request: &IdbRequest) -> Signal<Result<JsValue, StorageError>> {
    let signal = Signal::new();
    let (s, r) = (signal.clone(), request.clone());
    // One handler for both events: exactly one of them fires, so the closure frees itself.
    let handler = Closure::once_into_js(move |event: Event| {
        if event.type_() == "success" {
            s.fire(r.result().map_err(js_error));
        } else {
            event.prevent_default();
            s.fire(Err(dom_error(r.error().ok().flatten())));
        }
    });
    request.set_onsuccess(Some(handler.unchecked_ref()));
    request.set_onerror(Some(handler.unchecked_ref()));
    signal
}

/// `Ok` on the transaction's `complete`, its error on `abort`.
fn transaction_done(tx: &IdbTransaction) -> Signal<Result<(), StorageError>> {
    let signal = Signal::new();
    let (s, t) = (signal.clone(), tx.clone());
    let handler = Closure::once_into_js(move |event: Event| {
        if event.type_() == "complete" {
            s.fire(Ok(()));
        } else {
            s.fire(Err(dom_error(t.error())));
        }
    });
    tx.set_oncomplete(Some(handler.unchecked_ref()));
    tx.set_onabort(Some(handler.unchecked_ref()));
    signal
}

/// Stored value → bytes. `undefined` is "no record". A value some other code stored that is
/// not binary comes back as its JSON text, which then fails to decode (and is quarantined)
/// instead of vanishing.
fn to_bytes(value: JsValue) -> Option<Vec<u8>> {
    if value.is_undefined() {
        return None;
    }
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Some(array.to_vec());
    }
    if value.is_instance_of::<js_sys::ArrayBuffer>() {
        return Some(Uint8Array::new(&value).to_vec());
    }
    if let Some(text) = value.as_string() {
        return Some(text.into_bytes());
    }
    let text = js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string()).unwrap_or_else(|| format!("{value:?}"));
    Some(text.into_bytes())
}

fn key_text(key: JsValue) -> String {
    key.as_string().unwrap_or_else(|| key.as_f64().map(|f| f.to_string()).unwrap_or_else(|| format!("{key:?}")))
}

// ---- opening ----

/// `window.indexedDB`, read as a plain property so that a page (or a test) that removed it
/// is seen as having none.
fn factory() -> Result<IdbFactory, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("IndexedDB needs a browser window".into()))?;
    match js_sys::Reflect::get(&window, &JsValue::from_str("indexedDB")) {
        Ok(value) if value.is_undefined() || value.is_null() => Err(StorageError::Unavailable("this browser offers no IndexedDB".into())),
        Ok(value) => value.dyn_into::<IdbFactory>().map_err(|_| StorageError::Unavailable("window.indexedDB is not an IndexedDB factory".into())),
        Err(error) => Err(StorageError::Unavailable(format!("IndexedDB is disabled here ({})", js_error(error)))),
    }
}

fn missing_stores(db: &IdbDatabase) -> Vec<&'static str> {
    let names = db.object_store_names();
    DATA_STORES.iter().copied().chain([QUARANTINE_STORE]).filter(|s| !names.contains(s)).collect()
}

fn create_missing(db: &IdbDatabase) {
    for store in missing_stores(db) {
        if store == QUARANTINE_STORE {
            let params = IdbObjectStoreParameters::new();
            params.set_auto_increment(true);
            let _ = db.create_object_store_with_optional_parameters(store, &params);
        } else {
            let _ = db.create_object_store(store);
        }
    }
}

thread_local! {
    /// Databases whose upgrade of ours is blocked and still pending. Any later open of the
    /// same database would queue behind it without an event of its own (neither `success`
    /// nor `blocked`) until the other tab lets go, so it is answered `Blocked` at once.
    static BLOCKED: RefCell<std::collections::BTreeSet<String>> = RefCell::default();
}

fn still_blocked(name: &str) -> bool {
    BLOCKED.with(|b| b.borrow().contains(name))
}

/// Opens `name` (at `version`, or the current one), creating missing stores if an upgrade
/// runs. `blocked` resolves to [`StorageError::Blocked`]; if the open then succeeds after
/// all, the late connection is closed.
fn open_request(factory: &IdbFactory, name: &str, version: Option<u32>) -> Result<Signal<Result<IdbDatabase, StorageError>>, StorageError> {
    let request: IdbOpenDbRequest = match version {
        Some(v) => factory.open_with_u32(name, v),
        None => factory.open(name),
    }
    .map_err(js_error)?;
    let signal = Signal::new();
    let r = request.clone();
    let on_upgrade = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        if let Ok(db) = r.result() {
            create_missing(db.unchecked_ref());
        }
    })
    .into_js_value();
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let (s, r, database) = (signal.clone(), request.clone(), name.to_string());
    let handler = Closure::<dyn FnMut(Event)>::new(move |event: Event| match event.type_().as_str() {
        "success" => {
            BLOCKED.with(|b| b.borrow_mut().remove(&database));
            let db: IdbDatabase = r.result().map(JsCast::unchecked_into).unwrap_or_else(|_| JsValue::NULL.unchecked_into());
            if s.fired() {
                db.close();
            } else {
                s.fire(Ok(db));
            }
        }
        "blocked" => {
            BLOCKED.with(|b| b.borrow_mut().insert(database.clone()));
            s.fire(Err(StorageError::Blocked { database: database.clone() }));
        }
        _ => {
            BLOCKED.with(|b| b.borrow_mut().remove(&database));
            event.prevent_default();
            s.fire(Err(dom_error(r.error().ok().flatten())));
        }
    })
    .into_js_value();
    request.set_onsuccess(Some(handler.unchecked_ref()));
    request.set_onerror(Some(handler.unchecked_ref()));
    request.set_onblocked(Some(handler.unchecked_ref()));
    Ok(signal)
}

/// Opens the database with all our stores.
async fn open_db(conn: &Rc<Conn>) -> Result<IdbDatabase, StorageError> {
    let factory = factory()?;
    if still_blocked(&conn.name) {
        return Err(StorageError::Blocked { database: conn.name.clone() });
    }
    let mut db = open_request(&factory, &conn.name, None)?.await?;
    if !missing_stores(&db).is_empty() {
        let version = db.version() as u32 + 1;
        db.close();
        db = open_request(&factory, &conn.name, Some(version))?.await?;
    }
    watch(&db, conn);
    Ok(db)
}

/// Closes our connection when another tab wants to upgrade (or the browser closed it), so
/// the next operation reopens.
fn watch(db: &IdbDatabase, conn: &Rc<Conn>) {
    for (event, notice) in [
        ("versionchange", "Another tab changed the IndexedDB database's version: this tab closed its connection and reconnects for the next operation."),
        ("close", "The browser closed the IndexedDB connection (was site data cleared?): this tab reconnects for the next operation."),
    ] {
        let weak: Weak<Conn> = Rc::downgrade(conn);
        let this = db.clone();
        let handler = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            this.close();
            if let Some(conn) = weak.upgrade() {
                conn.forget(&this);
                conn.notices.borrow_mut().push(notice.to_string());
            }
        })
        .into_js_value();
        match event {
            "versionchange" => db.set_onversionchange(Some(handler.unchecked_ref())),
            _ => db.set_onclose(Some(handler.unchecked_ref())),
        }
    }
}

// ---- the store ----

struct Conn {
    name: String,
    db: RefCell<Option<IdbDatabase>>,
    notices: RefCell<Vec<String>>,
    writes: WriteLog,
    /// The last readwrite transaction `write_batch` opened: later batches join it while it
    /// is still active (the same task), see [`IdbStore::write_batch`].
    open_write: RefCell<Option<OpenWrite>>,
}

/// A readwrite transaction that writes of the same task may join.
#[derive(Clone)]
struct OpenWrite {
    store: Rc<str>,
    tx: IdbTransaction,
    done: Shared<Result<(), StorageError>>,
    records: Rc<Cell<usize>>,
}

/// Why puts could not be issued into a transaction.
enum Issue {
    /// The transaction's task is over (or it finished): nothing was issued.
    Inactive,
    Failed(StorageError),
}

/// Issues every put and delete into `tx`, in order.
fn issue(tx: &IdbTransaction, store: &str, writes: &[(String, Option<Vec<u8>>)]) -> Result<(), Issue> {
    let inactive = |e: &JsValue| e.dyn_ref::<DomException>().is_some_and(|e| matches!(e.name().as_str(), "TransactionInactiveError" | "InvalidStateError"));
    let os = tx.object_store(store).map_err(|e| if inactive(&e) { Issue::Inactive } else { Issue::Failed(js_error(e)) })?;
    for (index, (key, bytes)) in writes.iter().enumerate() {
        let key = JsValue::from_str(key);
        let issued = match bytes {
            Some(bytes) => os.put_with_key(&Uint8Array::from(bytes.as_slice()), &key),
            None => os.delete(&key),
        };
        if let Err(error) = issued {
            return Err(if index == 0 && inactive(&error) { Issue::Inactive } else { Issue::Failed(js_error(error)) });
        }
    }
    Ok(())
}

/// The outcome of a write transaction, for every batch in it; counts it when it commits.
fn write_done(tx: &IdbTransaction, conn: &Rc<Conn>, records: Rc<Cell<usize>>) -> Shared<Result<(), StorageError>> {
    let shared = Shared::new();
    let (s, t, weak) = (shared.clone(), tx.clone(), Rc::downgrade(conn));
    let handler = Closure::once_into_js(move |event: Event| {
        if event.type_() == "complete" {
            if let Some(conn) = weak.upgrade() {
                conn.count_write(records.get());
            }
            s.fire(Ok(()));
        } else {
            s.fire(Err(dom_error(t.error())));
        }
    });
    tx.set_oncomplete(Some(handler.unchecked_ref()));
    tx.set_onabort(Some(handler.unchecked_ref()));
    shared
}

impl Conn {
    /// Drops `db` if it is still the current connection.
    fn forget(&self, db: &IdbDatabase) {
        let mut current = self.db.borrow_mut();
        if current.as_ref().is_some_and(|c| JsValue::from(c.clone()) == JsValue::from(db.clone())) {
            *current = None;
        }
    }

    fn count_write(&self, records: usize) {
        self.writes.committed(records);
    }
}

/// One object store of an open IndexedDB database. Cloning shares the connection.
#[derive(Clone)]
pub struct IdbStore {
    conn: Rc<Conn>,
    store: Rc<str>,
}

impl std::fmt::Debug for IdbStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IdbStore({:?}/{:?})", self.conn.name, self.store)
    }
}

impl IdbStore {
    pub async fn open(name: &str) -> Result<IdbStore, StorageError> {
        let conn = Rc::new(Conn { name: name.to_string(), db: RefCell::new(None), notices: RefCell::default(), writes: WriteLog::default(), open_write: RefCell::default() });
        let db = open_db(&conn).await?;
        *conn.db.borrow_mut() = Some(db);
        Ok(IdbStore { conn, store: Rc::from(DEFAULT_STORE) })
    }

    pub fn store_name(&self) -> &str {
        &self.store
    }

    pub fn store(&self, name: &str) -> IdbStore {
        IdbStore { conn: self.conn.clone(), store: Rc::from(name) }
    }

    pub(crate) fn write_log(&self) -> &WriteLog {
        &self.conn.writes
    }

    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *self.conn.notices.borrow_mut())
    }

    /// The open connection, reopened if another tab's upgrade made us close it.
    async fn db(&self) -> Result<IdbDatabase, StorageError> {
        if let Some(db) = self.conn.db.borrow().clone() {
            return Ok(db);
        }
        let db = open_db(&self.conn).await?;
        let mut current = self.conn.db.borrow_mut();
        if let Some(existing) = current.clone() {
            // Another operation reconnected first.
            db.close();
            return Ok(existing);
        }
        *current = Some(db.clone());
        Ok(db)
    }

    /// A new transaction on `stores`; reconnects once if the connection was closing.
    async fn transaction(&self, stores: &[&str], mode: IdbTransactionMode) -> Result<IdbTransaction, StorageError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        for attempt in 0..2 {
            let db = self.db().await?;
            match db.transaction_with_str_sequence_and_mode(&names, mode) {
                Ok(tx) => return Ok(tx),
                Err(error) if attempt == 0 && is_closing(&error) => self.conn.forget(&db),
                Err(error) => return Err(js_error(error)),
            }
        }
        unreachable!("the second attempt returns")
    }

    pub async fn get_raw(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let tx = self.transaction(&[&self.store], IdbTransactionMode::Readonly).await?;
        let request = tx.object_store(&self.store).and_then(|s| s.get(&JsValue::from_str(key))).map_err(js_error)?;
        Ok(to_bytes(request_done(&request).await?))
    }

    pub async fn keys(&self) -> Result<Vec<String>, StorageError> {
        let tx = self.transaction(&[&self.store], IdbTransactionMode::Readonly).await?;
        let request = tx.object_store(&self.store).and_then(|s| s.get_all_keys()).map_err(js_error)?;
        let keys: Array = request_done(&request).await?.unchecked_into();
        Ok(keys.iter().map(key_text).collect())
    }

    /// Keys and values of `store`, read in one transaction (both requests issued at once).
    async fn read_all(&self, store: &str) -> Result<Vec<(JsValue, JsValue)>, StorageError> {
        let tx = self.transaction(&[store], IdbTransactionMode::Readonly).await?;
        let os = tx.object_store(store).map_err(js_error)?;
        let keys = os.get_all_keys().map_err(js_error)?;
        let values = os.get_all().map_err(js_error)?;
        let (keys, values) = (request_done(&keys), request_done(&values));
        let keys: Array = keys.await?.unchecked_into();
        let values: Array = values.await?.unchecked_into();
        Ok(keys.iter().zip(values.iter()).collect())
    }

    pub async fn entries_raw(&self) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
        Ok(self.read_all(&self.store.clone()).await?.into_iter().map(|(k, v)| (key_text(k), to_bytes(v).unwrap_or_default())).collect())
    }

    pub async fn quarantined(&self) -> Result<Vec<(u64, Vec<u8>)>, StorageError> {
        Ok(self
            .read_all(QUARANTINE_STORE)
            .await?
            .into_iter()
            .map(|(k, v)| (k.as_f64().unwrap_or_default() as u64, to_bytes(v).unwrap_or_default()))
            .collect())
    }

    /// Puts and deletes in one readwrite transaction, all issued before the first wait.
    ///
    /// Batches written in the same task (the three workers flushing in one slice of the
    /// runtime) share one transaction: a batch first tries to join the transaction the
    /// previous batch opened on this store, which takes requests until its task ends (an
    /// inactive one refuses the first put, and then this batch opens its own). Requests run
    /// in the order issued, so per-key order holds; if the shared transaction aborts, every
    /// batch in it gets the error and none of them is written.
    pub async fn write_batch(&self, writes: Vec<(String, Option<Vec<u8>>)>) -> Result<(), StorageError> {
        let open = self.conn.open_write.borrow().clone();
        if let Some(open) = open.filter(|o| o.store == self.store) {
            match issue(&open.tx, &self.store, &writes) {
                Ok(()) => {
                    open.records.set(open.records.get() + writes.len());
                    return open.done.await;
                }
                Err(Issue::Inactive) => {}
                Err(Issue::Failed(error)) => {
                    let _ = open.tx.abort();
                    return Err(error);
                }
            }
        }
        let tx = self.transaction(&[&self.store], IdbTransactionMode::Readwrite).await?;
        let records = Rc::new(Cell::new(0));
        let done = write_done(&tx, &self.conn, records.clone());
        match issue(&tx, &self.store, &writes) {
            Ok(()) => records.set(writes.len()),
            Err(Issue::Inactive) => {
                let _ = tx.abort();
                return Err(StorageError::Failed("a new transaction was inactive at once".into()));
            }
            Err(Issue::Failed(error)) => {
                let _ = tx.abort();
                return Err(error);
            }
        }
        *self.conn.open_write.borrow_mut() = Some(OpenWrite { store: self.store.clone(), tx, done: done.clone(), records });
        done.await
    }

    /// Compare-and-move in one transaction: the `get`'s success handler (still inside the
    /// transaction) adds the quarantine record and deletes the original only if the bytes
    /// are still `seen`.
    pub async fn quarantine(&self, key: &str, seen: &[u8], record: Vec<u8>) -> Result<Option<u64>, StorageError> {
        let tx = self.transaction(&[&self.store, QUARANTINE_STORE], IdbTransactionMode::Readwrite).await?;
        let done = transaction_done(&tx);
        let os = tx.object_store(&self.store).map_err(js_error)?;
        let quarantine = tx.object_store(QUARANTINE_STORE).map_err(js_error)?;
        let key = JsValue::from_str(key);
        let request = os.get(&key).map_err(js_error)?;
        let added: Rc<RefCell<Option<IdbRequest>>> = Rc::default();
        let (req, seen, slot) = (request.clone(), seen.to_vec(), added.clone());
        let on_read = Closure::once_into_js(move |_: Event| {
            let current = req.result().ok().and_then(to_bytes);
            if current.as_deref() == Some(seen.as_slice()) {
                if let Ok(add) = quarantine.add(&Uint8Array::from(record.as_slice())) {
                    *slot.borrow_mut() = Some(add);
                    let _ = os.delete(&key);
                }
            }
        });
        request.set_onsuccess(Some(on_read.unchecked_ref()));
        done.await?;
        self.conn.count_write(1);
        let id = added.borrow().as_ref().and_then(|a| a.result().ok()).and_then(|v| v.as_f64()).map(|f| f as u64);
        Ok(id)
    }

    pub async fn discard_quarantined(&self, id: u64) -> Result<(), StorageError> {
        let tx = self.transaction(&[QUARANTINE_STORE], IdbTransactionMode::Readwrite).await?;
        let done = transaction_done(&tx);
        tx.object_store(QUARANTINE_STORE).and_then(|q| q.delete(&JsValue::from_f64(id as f64))).map_err(js_error)?;
        done.await?;
        self.conn.count_write(1);
        Ok(())
    }

    /// An import: clears the data stores, writes `records`, adds `quarantine`: one transaction.
    pub async fn replace_all(&self, records: Vec<(String, String, Vec<u8>)>, quarantine: Vec<Vec<u8>>) -> Result<(), StorageError> {
        let all: Vec<&str> = DATA_STORES.iter().copied().chain([QUARANTINE_STORE]).collect();
        let tx = self.transaction(&all, IdbTransactionMode::Readwrite).await?;
        let done = transaction_done(&tx);
        let count = records.len() + quarantine.len();
        let issue = || -> Result<(), JsValue> {
            for store in DATA_STORES {
                tx.object_store(store)?.clear()?;
            }
            for (store, key, bytes) in &records {
                tx.object_store(store)?.put_with_key(&Uint8Array::from(bytes.as_slice()), &JsValue::from_str(key))?;
            }
            let q = tx.object_store(QUARANTINE_STORE)?;
            for bytes in &quarantine {
                q.add(&Uint8Array::from(bytes.as_slice()))?;
            }
            Ok(())
        };
        if let Err(error) = issue() {
            let _ = tx.abort();
            return Err(js_error(error));
        }
        done.await?;
        self.conn.count_write(count);
        Ok(())
    }
}
