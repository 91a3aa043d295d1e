//! Real browser storage, in headless Chromium: localStorage and IndexedDB round trips.
//!
//! Run with `make test-browser` (or `make test`). All tests of this binary share one page,
//! so every test uses its own unique key and database names.
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

wasm_bindgen_test_configure!(run_in_browser);

/// A name no earlier test run or other test in this page has used.
fn unique(prefix: &str) -> String {
    format!(
        "otp-playground-test-{prefix}-{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e9) as u64
    )
}

fn window() -> web_sys::Window {
    web_sys::window().expect("tests run in a browser window")
}

#[wasm_bindgen_test]
fn local_storage_round_trip() {
    let storage = window()
        .local_storage()
        .expect("localStorage is allowed")
        .expect("localStorage exists");
    let key = unique("ls");
    assert_eq!(storage.get_item(&key).unwrap(), None);

    storage.set_item(&key, "{:ok, #PID<0.42.0>}").unwrap();
    assert_eq!(
        storage.get_item(&key).unwrap().as_deref(),
        Some("{:ok, #PID<0.42.0>}")
    );

    storage.set_item(&key, "overwritten").unwrap();
    assert_eq!(
        storage.get_item(&key).unwrap().as_deref(),
        Some("overwritten")
    );

    storage.remove_item(&key).unwrap();
    assert_eq!(storage.get_item(&key).unwrap(), None);
}

/// Resolves with the request's result on `success`, rejects with the event on `error`.
async fn request_result(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let req = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &req.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &event);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Resolves when the transaction commits, rejects if it aborts or fails.
async fn transaction_done(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let reject_abort = reject.clone();
        let on_complete = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &event);
        });
        let on_abort = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = reject_abort.call1(&JsValue::NULL, &event);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onerror(Some(on_error.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ())
}

/// Opens (creating on first use) a database with one object store, `store`.
async fn open_db(factory: &IdbFactory, name: &str, store: &'static str) -> IdbDatabase {
    let open: IdbOpenDbRequest = factory.open_with_u32(name, 1).expect("indexedDB.open");
    let on_upgrade = Closure::once_into_js(move |event: web_sys::IdbVersionChangeEvent| {
        let request: IdbOpenDbRequest = event.target().unwrap().unchecked_into();
        let db: IdbDatabase = request.result().unwrap().unchecked_into();
        db.create_object_store(store).expect("createObjectStore");
    });
    open.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    request_result(&open)
        .await
        .expect("the database opens")
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn indexeddb_open_put_get_round_trip() {
    let factory = window()
        .indexed_db()
        .expect("indexedDB is allowed")
        .expect("indexedDB exists");
    let name = unique("idb");
    let db = open_db(&factory, &name, "snapshots").await;
    assert!(db.object_store_names().contains("snapshots"));

    // Write in one read-write transaction and wait for it to commit.
    let key = JsValue::from_str("scenario/todo-cache");
    let value = JsValue::from_str("%{entries: 3, next_id: 4}");
    let tx = db
        .transaction_with_str_and_mode("snapshots", IdbTransactionMode::Readwrite)
        .expect("read-write transaction");
    let put = tx
        .object_store("snapshots")
        .unwrap()
        .put_with_key(&value, &key)
        .expect("put");
    let stored_key = request_result(&put).await.expect("put succeeds");
    assert_eq!(stored_key, key);
    transaction_done(&tx)
        .await
        .expect("the transaction commits");

    // Read it back in a fresh read-only transaction.
    let tx = db
        .transaction_with_str("snapshots")
        .expect("read-only transaction");
    let get = tx
        .object_store("snapshots")
        .unwrap()
        .get(&key)
        .expect("get");
    let read = request_result(&get).await.expect("get succeeds");
    assert_eq!(
        read.as_string().as_deref(),
        Some("%{entries: 3, next_id: 4}")
    );

    // A missing key reads as undefined.
    let missing = tx
        .object_store("snapshots")
        .unwrap()
        .get(&JsValue::from_str("nope"))
        .unwrap();
    assert!(request_result(&missing).await.unwrap().is_undefined());

    db.close();
    let delete = factory.delete_database(&name).expect("deleteDatabase");
    request_result(&delete)
        .await
        .expect("the database is deleted");
}
