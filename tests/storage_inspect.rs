//! The storage inspector and export/import on the memory backend (the browser backends run
//! the same code: tests/browser_persistence.rs), and the opening fallback natively.

use otp_playground::runtime::Runtime;
use otp_playground::storage::{
    Backend, BackendKind, EXPORT_TAG, SESSION_STORE, StorageError, TODO_STORE, base64_decode, base64_encode, clear, export, import, inspect,
};
use otp_playground::term::{Term, binary_to_term, term_to_binary};

fn run<T: 'static>(body: impl std::future::Future<Output = T> + 'static) -> T {
    Runtime::new().block_on(move |_| body).unwrap()
}

fn sample() -> Backend {
    let db = Backend::memory();
    let (todo, sessions) = (db.store(TODO_STORE), db.store(SESSION_STORE));
    run(async move {
        todo.put("Alice", &Term::map([(Term::atom("auto_id"), Term::Int(2))])).await.unwrap();
        todo.put_raw("Broken", vec![131, 255]).await.unwrap();
        sessions.put("cart-42.session", &Term::map([(Term::atom("total"), Term::Int(42))])).await.unwrap();
    });
    db
}

#[test]
fn inspect_lists_each_store_with_sizes_and_values_in_elixir_syntax() {
    let db = sample();
    let seen = run(async move { inspect(&db).await.unwrap() });
    assert_eq!(seen.kind, BackendKind::Memory);
    assert_eq!(seen.stores.iter().map(|s| s.store.as_str()).collect::<Vec<_>>(), vec!["todo", "sessions", "misc"]);
    let todo = &seen.stores[0];
    assert_eq!(todo.records.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), vec!["Alice", "Broken"]);
    let alice = &todo.records[0];
    assert_eq!(alice.bytes, term_to_binary(&Term::map([(Term::atom("auto_id"), Term::Int(2))])).len());
    assert_eq!(alice.rendered(), "%{auto_id: 2}");
    assert_eq!(todo.records[1].bytes, 2);
    assert!(todo.records[1].rendered().starts_with("** does not decode"), "{}", todo.records[1].rendered());
    assert_eq!(todo.total_bytes, alice.bytes + 2);
    assert_eq!(seen.stores[1].records[0].rendered(), "%{total: 42}");
    assert!(seen.stores[2].records.is_empty());
    assert!(seen.quarantine.is_empty());
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_records_and_quarantine() {
    let db = sample();
    let source = db.clone();
    let (file, before) = run(async move {
        // Quarantine the broken record first, so the export carries one.
        let todo = source.store(TODO_STORE);
        assert!(matches!(todo.get_or_quarantine("Broken").await, Err(StorageError::Corrupt { quarantine: Some(1), .. })));
        (export(&source).await.unwrap(), inspect(&source).await.unwrap())
    });
    // The file is a term a learner can read in iex.
    let Ok(items) = binary_to_term(&file).unwrap().into_tuple() else { panic!("not a tuple") };
    assert!(items[0].is_atom(EXPORT_TAG));
    let target = Backend::memory();
    let (summary, after, again) = run(async move {
        let summary = import(&target, &file).await.unwrap();
        let after = inspect(&target).await.unwrap();
        // Importing the same file again duplicates nothing.
        import(&target, &file).await.unwrap();
        (summary, after, inspect(&target).await.unwrap())
    });
    assert_eq!((summary.records, summary.quarantined), (2, 1));
    assert_eq!(after.stores, before.stores);
    assert_eq!(after.quarantine.len(), 1);
    assert_eq!((after.quarantine[0].key.as_str(), after.quarantine[0].bytes.as_slice()), ("Broken", &[131u8, 255][..]));
    assert_eq!(again.quarantine.len(), 1);
    assert_eq!(again.stores, before.stores);
}

#[test]
fn import_checks_the_whole_file_before_writing_anything() {
    let db = sample();
    let good = {
        let db = db.clone();
        run(async move { export(&db).await.unwrap() })
    };
    let record = |store: &str, key: &str, bytes: Vec<u8>| Term::tuple([Term::string(store), Term::string(key), Term::Binary(bytes)]);
    let file = |records: Vec<Term>| term_to_binary(&Term::tuple([Term::atom(EXPORT_TAG), Term::Int(1), Term::List(records), Term::List(vec![])]));
    let ok = term_to_binary(&Term::Int(1));
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"not a term".to_vec(), "not an export"),
        (term_to_binary(&Term::atom("ok")), "expected {:otp_playground_storage"),
        (file(vec![record("todo", "A", ok.clone()), record("todo", "B", vec![131, 255])]), "record 1 (todo/\"B\") does not decode"),
        (file(vec![record("nope", "A", ok.clone())]), "unknown store \"nope\""),
        (file(vec![record("todo", "A", ok.clone()), record("todo", "A", ok.clone())]), "appears twice"),
        (file(vec![Term::Int(3)]), "record 0 is not {store, key, <<bytes>>}"),
    ];
    for (bytes, expected) in cases {
        let db = db.clone();
        let result = run(async move {
            let result = import(&db, &bytes).await;
            (result, inspect(&db).await.unwrap())
        });
        let (Err(error), after) = result else { panic!("accepted a bad file ({expected})") };
        assert!(matches!(error, StorageError::InvalidImport(_)));
        let text = error.to_string();
        assert!(text.starts_with("import rejected, nothing was written: "), "{text}");
        assert!(text.contains(expected), "{text} lacks {expected}");
        assert_eq!(after.stores[0].records.len(), 2, "nothing was written");
    }
    // The export of a database with an undecodable record carries it as quarantined, so the
    // file imports, and the record is set aside rather than lost.
    let after = run(async move {
        let summary = import(&db, &good).await.unwrap();
        (summary, inspect(&db).await.unwrap())
    });
    assert_eq!((after.0.records, after.0.quarantined), (2, 1));
    assert_eq!(after.1.stores[0].records.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), vec!["Alice"]);
    assert_eq!(after.1.quarantine[0].key, "Broken");
}

#[test]
fn errors_read_as_sentences_and_render_as_terms() {
    let quota = StorageError::QuotaExceeded { backend: BackendKind::LocalStorage, detail: "QuotaExceededError: full".into() };
    assert!(quota.to_string().starts_with("localStorage is full (quota exceeded), so this write was not saved; the data is still in memory."));
    assert_eq!(quota.to_term().to_string(), r#"{:quota_exceeded, "QuotaExceededError: full"}"#);
    let blocked = StorageError::Blocked { database: "otp-playground".into() };
    assert!(blocked.to_string().contains("another tab of this page keeps an older version of it open"));
    let corrupt = StorageError::Corrupt { key: "Alice".into(), reason: "bad tag".into(), quarantine: None };
    assert!(corrupt.to_string().contains("it is left in place, not deleted"));
}

#[test]
fn natively_the_browser_backends_are_unavailable_and_open_falls_back_to_memory_with_a_notice() {
    let opened = run(async { Backend::open_with_fallback(BackendKind::IndexedDb, "test").await });
    assert_eq!(opened.backend.kind(), BackendKind::Memory);
    let notice = opened.notice.unwrap();
    assert!(notice.contains("IndexedDB cannot be used"), "{notice}");
    assert!(notice.contains("localStorage cannot be used"), "{notice}");
    assert!(notice.contains("Using memory instead (memory only: nothing is kept after a reload)."), "{notice}");
    let plain = run(async { Backend::open_with_fallback(BackendKind::Memory, "test").await });
    assert!(plain.notice.is_none());
}

#[test]
fn local_storage_values_are_base64_of_the_etf_bytes() {
    let bytes = term_to_binary(&Term::string("Buy milk"));
    let text = base64_encode(&bytes);
    assert_eq!(text, "g20AAAAIQnV5IG1pbGs=");
    assert_eq!(base64_decode(&text), Some(bytes));
}

#[test]
fn clear_empties_the_data_stores_and_only_an_explicit_discard_removes_a_quarantined_record() {
    let db = sample();
    let (after_clear, discarded, missing, after_discard) = run(async move {
        let todo = db.store(TODO_STORE);
        assert!(todo.get_or_quarantine("Broken").await.is_err());
        clear(&db).await.unwrap();
        let after_clear = inspect(&db).await.unwrap();
        let discarded = db.discard_quarantined(1).await.unwrap();
        let missing = db.discard_quarantined(1).await.unwrap();
        (after_clear, discarded, missing, inspect(&db).await.unwrap())
    });
    assert!(after_clear.stores.iter().all(|s| s.records.is_empty()));
    assert_eq!(after_clear.quarantine.len(), 1, "clear keeps the quarantine");
    assert!(discarded && !missing);
    assert!(after_discard.quarantine.is_empty());
}
