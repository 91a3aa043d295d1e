//! Persistence against the real browser storage, in headless Chromium: the IndexedDB and
//! localStorage backends, the todo and session systems restarting on them (a new connection
//! and a new runtime play the reloaded page), write coalescing on real transactions, and the
//! failure cases: quota exceeded, an upgrade blocked by another connection, another
//! connection upgrading under us, storage unavailable, undecodable records.
//!
//! All tests of this binary share one page (one origin): every test uses its own database
//! name, and whatever fills localStorage is removed again.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use otp_playground::driver::block_on_async;
use otp_playground::runtime::{Ctx, Runtime};
use otp_playground::storage::{
    Backend, BackendKind, SESSION_STORE, StorageError, TODO_STORE, clear, export, import, inspect,
};
use otp_playground::systems::{session, todo};
use otp_playground::term::{Atom, Date, Term};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{IdbDatabase, IdbOpenDbRequest};

wasm_bindgen_test_configure!(run_in_browser);

/// A name no earlier test run or other test in this page has used.
fn unique(prefix: &str) -> String {
    format!("otp-persist-{prefix}-{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e9) as u64)
}

fn window() -> web_sys::Window {
    web_sys::window().expect("tests run in a browser window")
}

async fn open(kind: BackendKind, name: &str) -> Backend {
    Backend::open(kind, name).await.unwrap_or_else(|e| panic!("open {kind} {name}: {e}"))
}

/// Runs `body` as a shell on a fresh runtime, waiting for browser I/O as the page does.
async fn run<T, F, Fut>(body: F) -> T
where
    T: 'static,
    F: FnOnce(Ctx) -> Fut + 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    let rt = Runtime::new();
    block_on_async(&rt, body).await.unwrap_or_else(|reason| panic!("the shell exited: {reason:?}"))
}

fn day() -> Date {
    Date::new(2024, 1, 22)
}

/// A raw `indexedDB.open`, as another tab would do it. Rejects with "blocked" if blocked.
async fn raw_open(name: &str, version: Option<u32>) -> Result<IdbDatabase, String> {
    let factory = window().indexed_db().unwrap().unwrap();
    let request: IdbOpenDbRequest = match version {
        Some(v) => factory.open_with_u32(name, v),
        None => factory.open(name),
    }
    .unwrap();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let r = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap());
        });
        let reject_blocked = reject.clone();
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("error"));
        });
        let on_blocked = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject_blocked.call1(&JsValue::NULL, &JsValue::from_str("blocked"));
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
        request.set_onblocked(Some(on_blocked.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|db| db.unchecked_into()).map_err(|e| e.as_string().unwrap_or_default())
}

/// Lets the page's event loop run once (IndexedDB events, closes).
async fn tick() {
    gloo_timers::future::TimeoutFuture::new(10).await;
}

// ---- the backends ----

#[wasm_bindgen_test]
async fn indexeddb_keeps_values_per_store_across_connections() {
    let name = unique("idb");
    let db = open(BackendKind::IndexedDb, &name).await;
    assert_eq!(db.kind(), BackendKind::IndexedDb);
    let (todo, sessions) = (db.store(TODO_STORE), db.store(SESSION_STORE));
    let list = Term::map([(Term::atom("auto_id"), Term::Int(1)), (Term::atom("entries"), Term::map([]))]);
    todo.put("Alice", &list).await.unwrap();
    todo.put("Bob", &Term::Int(2)).await.unwrap();
    sessions.put("Alice", &Term::string("another store")).await.unwrap();
    todo.put_many(&[("Bob".into(), Term::Int(3)), ("Carol".into(), Term::Int(4))]).await.unwrap();
    todo.delete("Carol").await.unwrap();
    assert_eq!(todo.keys().await.unwrap(), vec!["Alice", "Bob"]);
    assert_eq!(db.stats().transactions, 5);

    // A new connection, as after a reload.
    let again = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    assert_eq!(again.get("Alice").await.unwrap(), Some(list.clone()));
    assert_eq!(again.get("Bob").await.unwrap(), Some(Term::Int(3)));
    assert_eq!(again.get("Carol").await.unwrap(), None);
    assert_eq!(again.store(SESSION_STORE).get("Alice").await.unwrap(), Some(Term::string("another store")));
    // The bytes are :erlang.term_to_binary's.
    assert_eq!(again.get_raw("Bob").await.unwrap(), Some(vec![131, 97, 3]));
}

#[wasm_bindgen_test]
async fn local_storage_keeps_base64_etf_under_prefixed_keys() {
    let name = unique("ls");
    let db = open(BackendKind::LocalStorage, &name).await;
    let todo = db.store(TODO_STORE);
    todo.put("Alice", &Term::string("Buy milk")).await.unwrap();
    db.store(SESSION_STORE).put("cart-42.session", &Term::Int(42)).await.unwrap();
    let storage = window().local_storage().unwrap().unwrap();
    assert_eq!(storage.get_item(&format!("{name}/todo/Alice")).unwrap().as_deref(), Some("g20AAAAIQnV5IG1pbGs="));
    assert_eq!(storage.get_item(&format!("{name}/sessions/cart-42.session")).unwrap().as_deref(), Some("g2Eq"));
    let again = open(BackendKind::LocalStorage, &name).await;
    assert_eq!(again.store(TODO_STORE).get("Alice").await.unwrap(), Some(Term::string("Buy milk")));
    assert_eq!(again.store(TODO_STORE).keys().await.unwrap(), vec!["Alice"]);
    assert_eq!(again.store(SESSION_STORE).keys().await.unwrap(), vec!["cart-42.session"]);
    again.store(TODO_STORE).delete("Alice").await.unwrap();
    assert_eq!(storage.get_item(&format!("{name}/todo/Alice")).unwrap(), None);
    db.store(SESSION_STORE).delete("cart-42.session").await.unwrap();
}

// ---- the systems, restarted on real storage ----

#[wasm_bindgen_test]
async fn the_todo_system_on_indexeddb_finds_every_list_after_a_reload() {
    let name = unique("todo-restart");
    let backend = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    let acked = run(move |ctx| async move {
        todo::start_system(&ctx, backend).await.unwrap();
        let alice = todo::Cache::server_process(&ctx, "Alice").await;
        todo::Server::add_entry(&ctx, alice, todo::NewEntry::new(day(), "Buy milk"));
        todo::Server::add_entry(&ctx, alice, todo::NewEntry::new(day(), "Dentist"));
        let bob = todo::Cache::server_process(&ctx, "Bob").await;
        todo::Server::add_entry(&ctx, bob, todo::NewEntry::new(day(), "Shopping"));
        todo::Server::entries(&ctx, alice, day()).await;
        todo::Server::entries(&ctx, bob, day()).await;
        let acked = todo::Database::store_ack(&ctx, "Notes", &"acknowledged").await;
        todo::Database::sync(&ctx).await.unwrap();
        todo::stop_system(&ctx).await;
        acked
    })
    .await;
    assert_eq!(acked, Ok(()));

    // The reloaded page: a new connection, a new runtime, the system started again.
    let backend = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    let (alice, bob, notes) = run(move |ctx| async move {
        todo::start_system(&ctx, backend).await.unwrap();
        let alice = todo::Cache::server_process(&ctx, "Alice").await;
        let bob = todo::Cache::server_process(&ctx, "Bob").await;
        let titles = |entries: Vec<todo::Entry>| entries.into_iter().map(|e| e.title).collect::<Vec<_>>();
        let alice = titles(todo::Server::entries(&ctx, alice, day()).await);
        let bob = titles(todo::Server::entries(&ctx, bob, day()).await);
        (alice, bob, todo::Database::get(&ctx, "Notes").await)
    })
    .await;
    assert_eq!(alice, vec!["Buy milk", "Dentist"]);
    assert_eq!(bob, vec!["Shopping"]);
    assert_eq!(notes, Some(Term::string("acknowledged")));
}

#[wasm_bindgen_test]
async fn an_acknowledged_store_is_there_after_a_reload_without_any_stop() {
    let name = unique("ack");
    let backend = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    let results = run(move |ctx| async move {
        todo::start_system(&ctx, backend).await.unwrap();
        let mut results = Vec::new();
        for i in 0..20 {
            results.push(todo::Database::store_ack(&ctx, &format!("list-{i}"), &i).await);
        }
        results
        // No sync, no stop: the page "reloads" right after the last acknowledgement.
    })
    .await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let fresh = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    for i in 0..20i64 {
        assert_eq!(fresh.get(&format!("list-{i}")).await.unwrap(), Some(Term::Int(i)));
    }
}

#[wasm_bindgen_test]
async fn the_session_store_on_indexeddb_restores_sessions_after_a_reload() {
    let name = unique("sessions");
    let backend = open(BackendKind::IndexedDb, &name).await.store(SESSION_STORE);
    run(move |ctx| async move {
        session::start_system(&ctx, backend, session::StoreOpts::default()).await.unwrap();
        let pid = session::Cache::create_session(&ctx, "cart-42").await.unwrap();
        session::Session::put(&ctx, pid, Atom::new("total"), 42i64);
        // The load queues behind the save at the same worker, which awaits its transaction.
        session::Database::load(&ctx, "cart-42").await;
        session::stop_system(&ctx).await.unwrap();
    })
    .await;
    let backend = open(BackendKind::IndexedDb, &name).await.store(SESSION_STORE);
    assert_eq!(backend.keys().await.unwrap(), vec!["cart-42.session"]);
    let data = run(move |ctx| async move {
        session::start_system(&ctx, backend, session::StoreOpts::default()).await.unwrap();
        match session::Cache::get_session(&ctx, "cart-42").await {
            session::Lookup::Ok(pid) => Some(session::Session::all_data(&ctx, pid).await.to_term()),
            _ => None,
        }
    })
    .await;
    assert_eq!(data, Some(Term::map([(Term::atom("total"), Term::Int(42))])));
}

#[wasm_bindgen_test]
async fn stores_through_the_pool_coalesce_into_few_indexeddb_transactions() {
    let name = unique("coalesce");
    let backend = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    let stats_of = backend.clone();
    let statuses = run(move |ctx| async move {
        todo::Database::start_link(&ctx, backend).await.unwrap();
        for i in 0..600i64 {
            todo::Database::store(&ctx, &format!("list-{}", i % 60), &i).await;
        }
        todo::Database::sync(&ctx).await.unwrap();
        todo::Database::status(&ctx).await
    })
    .await;
    let stats = stats_of.stats();
    console_log!("600 stores through the pool on IndexedDB: {stats:?}, per worker {:?}", statuses.iter().map(|(_, s)| (s.transactions, s.records, s.coalesced)).collect::<Vec<_>>());
    // The three workers' batches, flushed in the same slice of the runtime, share one
    // transaction: a handful in all (not 600, nor even one per worker batch).
    assert!(stats.transactions <= 10, "{stats:?}");
    let worker_batches: u64 = statuses.iter().map(|(_, s)| s.transactions).sum();
    assert!(stats.transactions < worker_batches, "{stats:?} vs {worker_batches} worker batches");
    assert!(stats.records <= 600);
    for k in 0..60i64 {
        assert_eq!(stats_of.get(&format!("list-{k}")).await.unwrap(), Some(Term::Int(540 + k)));
    }
}

#[wasm_bindgen_test]
async fn two_connections_writing_at_once_lose_no_acknowledged_write() {
    // Two "tabs": two connections, two runtimes, two pools, interleaved on the page's event
    // loop. Each acknowledges its own keys and the shared key; afterwards a third connection
    // finds every acknowledged write, and the shared key holds one of the two last values
    // (last writer wins per key).
    let name = unique("two-tabs");
    let mut tabs = Vec::new();
    for tab in ["a", "b"] {
        let backend = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            let rt = Runtime::new();
            let acked = block_on_async(&rt, move |ctx| async move {
                todo::Database::start_link(&ctx, backend).await.unwrap();
                let mut acked = 0;
                for i in 0..40i64 {
                    todo::Database::store(&ctx, &format!("{tab}-cast-{i}"), &i).await;
                    if todo::Database::store_ack(&ctx, &format!("{tab}-{i}"), &i).await.is_ok() {
                        acked += 1;
                    }
                    todo::Database::store_ack(&ctx, "shared", &format!("{tab}-{i}")).await.unwrap();
                }
                todo::Database::sync(&ctx).await.unwrap();
                acked
            })
            .await
            .unwrap();
            Ok(JsValue::from(acked))
        });
        tabs.push(promise);
    }
    let all = Promise::all(&tabs.into_iter().collect::<js_sys::Array>());
    let acked = JsFuture::from(all).await.unwrap();
    assert_eq!(js_sys::Array::from(&acked).to_vec().iter().map(|v| v.as_f64().unwrap()).collect::<Vec<_>>(), vec![40.0, 40.0]);
    let third = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    for tab in ["a", "b"] {
        for i in 0..40i64 {
            assert_eq!(third.get(&format!("{tab}-{i}")).await.unwrap(), Some(Term::Int(i)), "{tab}-{i}");
            assert_eq!(third.get(&format!("{tab}-cast-{i}")).await.unwrap(), Some(Term::Int(i)), "{tab}-cast-{i}");
        }
    }
    let shared = third.get("shared").await.unwrap();
    assert!(shared == Some(Term::string("a-39")) || shared == Some(Term::string("b-39")), "{shared:?}");
}

// ---- failures ----

/// Fills localStorage until it refuses even one more character; returns the items to remove.
fn fill_local_storage(storage: &web_sys::Storage) -> Vec<String> {
    let prefix = unique("filler");
    let mut items = Vec::new();
    for size in [1 << 20, 1 << 16, 1 << 12, 1 << 8, 16, 1] {
        let chunk = "x".repeat(size);
        loop {
            let item = format!("{prefix}-{}", items.len());
            if storage.set_item(&item, &chunk).is_err() {
                break;
            }
            items.push(item);
        }
    }
    items
}

#[wasm_bindgen_test]
async fn a_full_local_storage_gives_quota_exceeded_keeps_the_data_in_memory_and_saves_it_later() {
    let name = unique("quota");
    let backend = open(BackendKind::LocalStorage, &name).await.store(TODO_STORE);
    let storage = window().local_storage().unwrap().unwrap();
    backend.put("before", &Term::Int(1)).await.unwrap();
    let filler = Rc::new(RefCell::new(fill_local_storage(&storage)));
    assert!(!filler.borrow().is_empty());

    // Directly: a clear error, nothing half-written.
    let direct = backend.put_many(&[("before".into(), Term::Int(2)), ("x".repeat(64), Term::Int(3))]).await;
    let Err(error) = direct else { panic!("a write into a full localStorage succeeded") };
    assert!(matches!(error, StorageError::QuotaExceeded { backend: BackendKind::LocalStorage, .. }), "{error:?}");
    assert!(error.to_string().starts_with("localStorage is full (quota exceeded)"), "{error}");
    assert_eq!(backend.get("before").await.unwrap(), Some(Term::Int(1)), "the batch was rolled back");

    // Through the worker: the acknowledged store reports it, the value stays readable from
    // the worker, and once there is room again the next sync writes it.
    let (store, filler_in) = (backend.clone(), filler.clone());
    let (failed, read_back, status, synced) = run(move |ctx| async move {
        let worker = todo::DatabaseWorker::start_link(&ctx, store).await.unwrap();
        let failed = todo::DatabaseWorker::store_ack(&ctx, worker, "Alice", Term::string("Buy milk")).await;
        let read_back = todo::DatabaseWorker::get(&ctx, worker, "Alice").await;
        let status = todo::DatabaseWorker::status(&ctx, worker).await;
        let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        for item in filler_in.borrow_mut().drain(..) {
            storage.remove_item(&item).unwrap();
        }
        let synced = todo::DatabaseWorker::sync(&ctx, worker).await;
        (failed, read_back, status, synced)
    })
    .await;
    assert!(matches!(failed, Err(StorageError::QuotaExceeded { .. })), "{failed:?}");
    assert_eq!(read_back, Some(Term::string("Buy milk")));
    assert_eq!(status.pending, 1);
    assert!(status.last_error.unwrap().contains("quota exceeded"));
    assert_eq!(synced, Ok(()));
    assert_eq!(backend.get("Alice").await.unwrap(), Some(Term::string("Buy milk")));
    for item in filler.borrow_mut().drain(..) {
        storage.remove_item(&item).unwrap();
    }
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_another_connection_is_a_blocked_error_and_the_fallback_says_so() {
    let name = unique("blocked");
    // Another tab has the database open at version 1, without our stores, and ignores
    // `versionchange`: our open must upgrade, and is blocked.
    let other = raw_open(&name, None).await.unwrap();
    let error = Backend::open(BackendKind::IndexedDb, &name).await.unwrap_err();
    assert_eq!(error, StorageError::Blocked { database: name.clone() });
    assert!(error.to_string().contains("another tab of this page keeps an older version of it open"), "{error}");
    let opened = Backend::open_with_fallback(BackendKind::IndexedDb, &name).await;
    assert_eq!(opened.backend.kind(), BackendKind::Memory, "blocked: memory, not localStorage (no split data)");
    assert!(opened.notice.as_deref().unwrap().contains("is blocked"), "{:?}", opened.notice);
    // Once the other tab closes, our pending upgrade goes through and opening works.
    other.close();
    let mut reopened = None;
    for _ in 0..100 {
        tick().await;
        match Backend::open(BackendKind::IndexedDb, &name).await {
            Ok(db) => {
                reopened = Some(db);
                break;
            }
            Err(StorageError::Blocked { .. }) => continue,
            Err(other) => panic!("{other}"),
        }
    }
    let db = reopened.expect("still blocked after the other connection closed").store(TODO_STORE);
    db.put("after", &Term::Int(1)).await.unwrap();
    assert_eq!(db.get("after").await.unwrap(), Some(Term::Int(1)));
}

#[wasm_bindgen_test]
async fn another_connection_upgrading_the_database_is_not_blocked_and_we_reconnect() {
    let name = unique("upgrade");
    let db = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    db.put("before", &Term::Int(1)).await.unwrap();
    // Another tab (a newer page) upgrades to version 2: our connection closes itself on
    // `versionchange`, so the upgrade is not blocked.
    let newer = raw_open(&name, Some(2)).await.expect("our connection must not block another tab's upgrade");
    newer.close();
    // Our next operation reconnects (at version 2) and finds everything.
    db.put("after", &Term::Int(2)).await.unwrap();
    assert_eq!(db.get("before").await.unwrap(), Some(Term::Int(1)));
    assert_eq!(db.get("after").await.unwrap(), Some(Term::Int(2)));
    let notices = db.take_notices();
    assert!(notices.iter().any(|n| n.contains("Another tab changed the IndexedDB database's version")), "{notices:?}");
}

/// Replaces `window[property]` by `undefined` while `body` runs, then puts it back.
async fn without<F: std::future::Future<Output = T>, T>(properties: &[&str], body: F) -> T {
    let w: Object = JsValue::from(window()).unchecked_into();
    let mut saved = Vec::new();
    for property in properties {
        let key = JsValue::from_str(property);
        let own = Object::get_own_property_descriptor(&w, &key);
        let descriptor = Object::new();
        Reflect::set(&descriptor, &"value".into(), &JsValue::UNDEFINED).unwrap();
        Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
        Reflect::set(&descriptor, &"writable".into(), &JsValue::TRUE).unwrap();
        assert!(Reflect::define_property(&w, &key, &descriptor).unwrap(), "cannot hide window.{property}");
        saved.push((key, own));
    }
    let result = body.await;
    for (key, own) in saved {
        if own.is_undefined() {
            Reflect::delete_property(&w, &key).unwrap();
        } else {
            Reflect::define_property(&w, &key, own.unchecked_ref()).unwrap();
        }
    }
    result
}

#[wasm_bindgen_test]
async fn without_indexeddb_the_page_falls_back_to_local_storage_and_says_so() {
    let name = unique("fallback");
    let opened = without(&["indexedDB"], Backend::open_with_fallback(BackendKind::IndexedDb, &name)).await;
    assert_eq!(opened.backend.kind(), BackendKind::LocalStorage);
    let notice = opened.notice.unwrap();
    assert!(notice.contains("IndexedDB cannot be used (storage unavailable: this browser offers no IndexedDB)"), "{notice}");
    assert!(notice.contains("Using localStorage instead (it keeps your data across reloads)."), "{notice}");
    let direct = without(&["indexedDB"], Backend::open(BackendKind::IndexedDb, &name)).await.unwrap_err();
    assert!(matches!(direct, StorageError::Unavailable(_)));
    // Neither: memory, and the notice says nothing is kept.
    let opened = without(&["indexedDB", "localStorage"], Backend::open_with_fallback(BackendKind::IndexedDb, &name)).await;
    assert_eq!(opened.backend.kind(), BackendKind::Memory);
    assert!(opened.notice.unwrap().contains("Using memory instead (memory only: nothing is kept after a reload)."));
    // Put back for the other tests.
    assert!(window().indexed_db().unwrap().is_some());
    assert!(window().local_storage().unwrap().is_some());
}

#[wasm_bindgen_test]
async fn an_undecodable_list_is_quarantined_and_the_system_keeps_running() {
    for kind in [BackendKind::IndexedDb, BackendKind::LocalStorage] {
        let name = unique("corrupt");
        let backend = open(kind, &name).await.store(TODO_STORE);
        backend.put_raw("Alice", vec![131, 255, 0]).await.unwrap();
        backend.put("Bob", &Term::Int(1)).await.unwrap();
        let inspected_before = inspect(&backend).await.unwrap();
        assert!(inspected_before.stores[0].records[0].rendered().starts_with("** does not decode"));
        let system = backend.clone();
        let (entries, running) = run(move |ctx| async move {
            todo::start_system(&ctx, system).await.unwrap();
            let alice = todo::Cache::server_process(&ctx, "Alice").await;
            let entries = todo::Server::all_entries(&ctx, alice).await;
            todo::Server::add_entry(&ctx, alice, todo::NewEntry::new(day(), "New start"));
            todo::Server::all_entries(&ctx, alice).await;
            todo::Database::sync(&ctx).await.unwrap();
            (entries, ctx.whereis("Todo.Cache").is_some())
        })
        .await;
        assert!(entries.is_empty() && running, "{kind}");
        let quarantined = backend.quarantined().await.unwrap();
        assert_eq!(quarantined.len(), 1, "{kind}");
        assert_eq!((quarantined[0].store.as_str(), quarantined[0].key.as_str(), quarantined[0].bytes.as_slice()), ("todo", "Alice", &[131u8, 255, 0][..]));
        assert!(quarantined[0].reason.len() > 3);
        let seen = inspect(&backend).await.unwrap();
        assert_eq!(seen.quarantine, quarantined);
        assert!(seen.stores[0].records.iter().all(|r| r.value.is_ok()), "{kind}: Alice's new list replaced the bad bytes, which are in quarantine");
    }
}

#[wasm_bindgen_test]
async fn a_value_some_other_code_stored_in_indexeddb_is_quarantined_as_its_json() {
    let name = unique("foreign");
    let backend = open(BackendKind::IndexedDb, &name).await.store(TODO_STORE);
    backend.put("placeholder", &Term::Int(0)).await.unwrap();
    // Another script puts a JS object under "Alice".
    let db = raw_open(&name, None).await.unwrap();
    let tx = db.transaction_with_str_and_mode(TODO_STORE, web_sys::IdbTransactionMode::Readwrite).unwrap();
    let object = Object::new();
    Reflect::set(&object, &"title".into(), &"Buy milk".into()).unwrap();
    tx.object_store(TODO_STORE).unwrap().put_with_key(&object, &"Alice".into()).unwrap();
    let done = Promise::new(&mut |resolve: Function, _reject: Function| tx.set_oncomplete(Some(&resolve)));
    JsFuture::from(done).await.unwrap();
    db.close();
    let result = backend.get_or_quarantine("Alice").await;
    assert!(matches!(result, Err(StorageError::Corrupt { quarantine: Some(1), .. })), "{result:?}");
    let q = backend.quarantined().await.unwrap();
    assert_eq!(q[0].bytes, br#"{"title":"Buy milk"}"#.to_vec());
    assert_eq!(backend.get_raw("Alice").await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn export_from_indexeddb_imports_into_local_storage() {
    let source = open(BackendKind::IndexedDb, &unique("export")).await;
    source.store(TODO_STORE).put("Alice", &Term::list([Term::Int(1), Term::Float(2.5)])).await.unwrap();
    source.store(SESSION_STORE).put("s.session", &Term::map([(Term::atom("total"), Term::Int(42))])).await.unwrap();
    source.store(TODO_STORE).put_raw("Broken", vec![131, 255]).await.unwrap();
    let file = export(&source).await.unwrap();
    let target_name = unique("import");
    let target = open(BackendKind::LocalStorage, &target_name).await;
    target.store(TODO_STORE).put("Old", &Term::Int(0)).await.unwrap();
    let summary = import(&target, &file).await.unwrap();
    assert_eq!((summary.records, summary.quarantined), (2, 1));
    let (from, to) = (inspect(&source).await.unwrap(), inspect(&target).await.unwrap());
    assert_eq!(to.stores[0].records.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), vec!["Alice"], "replaced, Broken set aside");
    assert_eq!(to.stores[1], from.stores[1]);
    assert_eq!(to.stores[0].records[0], from.stores[0].records[0]);
    assert_eq!(to.quarantine[0].key, "Broken");
    // A bad file writes nothing.
    let rejected = import(&target, b"garbage").await;
    assert!(matches!(rejected, Err(StorageError::InvalidImport(_))));
    assert_eq!(inspect(&target).await.unwrap(), to);
    // Clean up localStorage.
    let storage = window().local_storage().unwrap().unwrap();
    let keys: Vec<String> = (0..storage.length().unwrap()).filter_map(|i| storage.key(i).unwrap()).filter(|k| k.starts_with(&target_name)).collect();
    for k in keys {
        storage.remove_item(&k).unwrap();
    }
}

#[wasm_bindgen_test]
async fn clear_keeps_the_quarantine_and_only_an_explicit_discard_removes_a_record() {
    for kind in [BackendKind::IndexedDb, BackendKind::LocalStorage] {
        let db = open(kind, &unique("clear")).await;
        let todo = db.store(TODO_STORE);
        todo.put("Alice", &Term::Int(1)).await.unwrap();
        todo.put_raw("Broken", vec![131, 255]).await.unwrap();
        let Err(StorageError::Corrupt { quarantine: Some(id), .. }) = todo.get_or_quarantine("Broken").await else { panic!("{kind}: not quarantined") };
        clear(&db).await.unwrap();
        let seen = inspect(&db).await.unwrap();
        assert!(seen.stores.iter().all(|s| s.records.is_empty()), "{kind}");
        assert_eq!(seen.quarantine.len(), 1, "{kind}");
        assert!(db.discard_quarantined(id).await.unwrap(), "{kind}");
        assert!(!db.discard_quarantined(id).await.unwrap(), "{kind}");
        assert!(db.quarantined().await.unwrap().is_empty(), "{kind}");
    }
}
