//! Todo.DatabaseWorker's write coalescing, acknowledged stores and failure handling, on the
//! memory backend under virtual time. (The same worker on real IndexedDB:
//! tests/browser_persistence.rs.)

use otp_playground::runtime::Runtime;
use otp_playground::storage::{Backend, BackendKind, StorageError, TODO_STORE};
use otp_playground::systems::todo::{Cache, Database, DatabaseWorker, NewEntry, Server, ServerCall, start_system, stop_system};
use otp_playground::term::{Date, Term};

mod support;
use support::log_lines;

fn memory(backend: &Backend) -> &otp_playground::storage::MemoryStore {
    match backend {
        Backend::Memory(m) => m,
        #[allow(unreachable_patterns)]
        _ => unreachable!("native tests use the memory backend"),
    }
}

#[test]
fn a_hundred_queued_stores_to_one_worker_become_one_transaction_and_the_latest_value_per_key_wins() {
    let rt = Runtime::new();
    let backend = Backend::memory();
    let store = backend.clone();
    let status = rt
        .block_on(move |ctx| async move {
            let worker = DatabaseWorker::start_link(&ctx, store.clone()).await.unwrap();
            // 100 casts in a row: all are in the mailbox before the worker runs.
            for i in 0..100i64 {
                DatabaseWorker::store(&ctx, worker, &format!("list-{}", i % 10), Term::Int(i));
            }
            DatabaseWorker::sync(&ctx, worker).await.unwrap();
            DatabaseWorker::status(&ctx, worker).await
        })
        .unwrap();
    let stats = backend.stats();
    assert_eq!(stats.transactions, 1, "{stats:?}");
    assert_eq!(stats.records, 10);
    assert_eq!((status.stores, status.coalesced, status.transactions, status.records, status.pending), (100, 90, 1, 10, 0));
    let values = rt
        .block_on(move |_| async move {
            let mut out = Vec::new();
            for k in 0..10 {
                out.push(backend.get(&format!("list-{k}")).await.unwrap());
            }
            out
        })
        .unwrap();
    assert_eq!(values, (90..100).map(|i| Some(Term::Int(i))).collect::<Vec<_>>(), "the last of each key's ten stores");
    assert!(log_lines(&rt).iter().any(|l| l.ends_with("stored 10 records in one transaction (list-0, list-1, list-2, list-3, ...)")));
}

#[test]
fn stores_through_the_pool_coalesce_while_a_transaction_is_in_flight() {
    // This backend completes each transaction 60 scheduler turns later, as IndexedDB takes
    // a while, so the workers' mailboxes fill meanwhile even though every store first calls
    // Todo.Database to choose its worker (two turns per store).
    let rt = Runtime::new();
    let backend = Backend::memory_with_latency(60);
    let store = backend.clone();
    let statuses = rt
        .block_on(move |ctx| async move {
            Database::start_link(&ctx, store).await.unwrap();
            for i in 0..300i64 {
                Database::store(&ctx, &format!("list-{}", i % 6), &i).await;
            }
            Database::sync(&ctx).await.unwrap();
            Database::status(&ctx).await
        })
        .unwrap();
    let stats = backend.stats();
    assert!(stats.transactions <= 50, "300 stores took {} transactions", stats.transactions);
    eprintln!("300 stores through the pool: {stats:?}");
    assert!(stats.records < 150, "{stats:?}");
    assert_eq!(statuses.iter().map(|(_, s)| s.stores).sum::<u64>(), 300);
    assert_eq!(statuses.iter().map(|(_, s)| s.transactions).sum::<u64>(), stats.transactions);
    let values = rt
        .block_on(move |_| async move {
            let mut out = Vec::new();
            for k in 0..6 {
                out.push(backend.get(&format!("list-{k}")).await.unwrap());
            }
            out
        })
        .unwrap();
    assert_eq!(values, (294..300).map(|i| Some(Term::Int(i))).collect::<Vec<_>>());
}

#[test]
fn writes_to_one_key_never_reorder_and_get_reads_the_latest_store() {
    // A pseudo-random mix of stores, gets and syncs on a few keys: every get answers the
    // last value stored for its key, and after every sync the backend holds it too.
    let rt = Runtime::new();
    let backend = Backend::memory_with_latency(60);
    let store = backend.clone();
    rt.block_on(move |ctx| async move {
        let worker = DatabaseWorker::start_link(&ctx, store.clone()).await.unwrap();
        let mut latest = [None::<i64>; 4];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for i in 0..400i64 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let key = (seed % 4) as usize;
            let name = format!("k{key}");
            match (seed >> 8) % 10 {
                0 => {
                    let got = DatabaseWorker::get(&ctx, worker, &name).await;
                    assert_eq!(got, latest[key].map(Term::Int), "get {name} at step {i}");
                }
                1 => {
                    DatabaseWorker::sync(&ctx, worker).await.unwrap();
                    for (k, value) in latest.iter().enumerate() {
                        let stored = ctx.io(store.get(&format!("k{k}"))).await.unwrap();
                        assert_eq!(stored, value.map(Term::Int), "k{k} after sync at step {i}");
                    }
                }
                2 => {
                    DatabaseWorker::store_ack(&ctx, worker, &name, Term::Int(i)).await.unwrap();
                    latest[key] = Some(i);
                    let stored = ctx.io(store.get(&name)).await.unwrap();
                    assert_eq!(stored, Some(Term::Int(i)), "an acknowledged store is in the backend");
                }
                _ => {
                    DatabaseWorker::store(&ctx, worker, &name, Term::Int(i));
                    latest[key] = Some(i);
                }
            }
        }
    })
    .unwrap();
    assert!(backend.stats().transactions < 400);
}

#[test]
fn a_failed_transaction_keeps_the_writes_in_memory_and_the_next_flush_writes_them() {
    let rt = Runtime::new();
    let backend = Backend::memory();
    let store = backend.clone();
    let (failed, during, status, failing, after) = rt
        .block_on(move |ctx| async move {
            let worker = DatabaseWorker::start_link(&ctx, store.clone()).await.unwrap();
            memory(&store).fail_writes(Some(StorageError::QuotaExceeded { backend: BackendKind::Memory, detail: "test".into() }));
            let failed = DatabaseWorker::store_ack(&ctx, worker, "Alice", Term::Int(1)).await;
            // Still readable from the worker (from its pending writes), not in the backend.
            let during = (DatabaseWorker::get(&ctx, worker, "Alice").await, store.get_raw("Alice").await.unwrap());
            let status = DatabaseWorker::status(&ctx, worker).await;
            // What the storage pane shows: the database's latest write failed, and why.
            let failing = (store.failing(), store.stats().failed);
            memory(&store).fail_writes(None);
            DatabaseWorker::store(&ctx, worker, "Bob", Term::Int(2));
            DatabaseWorker::sync(&ctx, worker).await.unwrap();
            (failed, during, status, failing, (store.get("Alice").await.unwrap(), store.get("Bob").await.unwrap()))
        })
        .unwrap();
    assert!(matches!(failing, (Some(StorageError::QuotaExceeded { .. }), 1)), "{failing:?}");
    assert_eq!(backend.failing(), None, "a write that succeeds ends the failing state");
    assert_eq!(backend.stats().failed, 1, "the count stays");
    let Err(error) = failed else { panic!("the acknowledged store must report the failure") };
    assert!(matches!(error, StorageError::QuotaExceeded { .. }));
    assert!(error.to_string().contains("is full (quota exceeded)"), "{error}");
    assert!(error.to_string().contains("still in memory"), "{error}");
    assert_eq!(during, (Some(Term::Int(1)), None));
    assert_eq!(status.pending, 1);
    assert!(status.last_error.as_deref().unwrap().contains("quota exceeded"));
    assert_eq!(after, (Some(Term::Int(1)), Some(Term::Int(2))), "the retry wrote Alice with Bob");
    assert!(log_lines(&rt).iter().any(|l| l.contains("storing Alice failed: memory is full (quota exceeded)")));
    assert!(rt.process_count() >= 1);
}

#[test]
fn acknowledged_stores_survive_a_restart_and_sync_flushes_the_casts_before_a_stop() {
    let rt = Runtime::new();
    let backend = Backend::memory_with_latency(60).store(TODO_STORE);
    let store = backend.clone();
    let day = Date::new(2024, 1, 22);
    let (acked, titles) = rt
        .block_on(move |ctx| async move {
            start_system(&ctx, store.clone()).await.unwrap();
            let acked = Database::store_ack(&ctx, "Notes", &"written before the stop").await;
            let alice = Cache::server_process(&ctx, "Alice").await;
            Server::add_entry(&ctx, alice, NewEntry::new(day, "Buy milk"));
            Server::add_entry(&ctx, alice, NewEntry::new(day, "Call Bob"));
            Server::entries(&ctx, alice, day).await; // the server has cast both stores
            Database::sync(&ctx).await.unwrap();
            stop_system(&ctx).await;
            start_system(&ctx, store.clone()).await.unwrap();
            let alice = Cache::server_process(&ctx, "Alice").await;
            let titles: Vec<String> = Server::entries(&ctx, alice, day).await.into_iter().map(|e| e.title).collect();
            (acked, titles)
        })
        .unwrap();
    assert_eq!(acked, Ok(()));
    assert_eq!(titles, vec!["Buy milk".to_string(), "Call Bob".to_string()]);
    let notes = rt.block_on(move |ctx| async move { ctx.io(backend.get("Notes")).await }).unwrap().unwrap();
    assert_eq!(notes, Some(Term::string("written before the stop")));
}

#[test]
fn the_corrupt_record_goes_to_quarantine_once_and_a_replaced_value_is_not_moved() {
    let rt = Runtime::new();
    let backend = Backend::memory().store(TODO_STORE);
    let store = backend.clone();
    let (first, second, moved_after_change, quarantined, still) = rt
        .block_on(move |_| async move {
            store.put_raw("Alice", vec![131, 255]).await.unwrap();
            let first = store.get_or_quarantine("Alice").await;
            let second = store.get_or_quarantine("Alice").await;
            // Someone replaced the bad bytes between our read and the move: nothing moves.
            store.put_raw("Bob", vec![1, 2, 3]).await.unwrap();
            store.put_raw("Bob", vec![131, 97, 1]).await.unwrap();
            let moved = store.quarantine("Bob", &[1, 2, 3], "stale read").await.unwrap();
            (first, second, moved, store.quarantined().await.unwrap(), store.get("Bob").await.unwrap())
        })
        .unwrap();
    let Err(StorageError::Corrupt { key, quarantine: Some(1), .. }) = &first else { panic!("{first:?}") };
    assert_eq!(key, "Alice");
    assert!(first.as_ref().unwrap_err().to_string().contains("set aside as quarantine record #1, not deleted"));
    assert_eq!(second, Ok(None), "the key is free again");
    assert_eq!(moved_after_change, None);
    assert_eq!(quarantined.len(), 1);
    assert_eq!((quarantined[0].store.as_str(), quarantined[0].key.as_str(), quarantined[0].bytes.as_slice()), ("todo", "Alice", &[131u8, 255][..]));
    assert_eq!(still, Some(Term::Int(1)));
}

#[test]
fn undecodable_bytes_that_cannot_be_set_aside_crash_the_worker_instead_of_being_overwritten() {
    // If the quarantine write fails too, answering nil would let the server's next store
    // replace bytes nobody could read or save: the worker crashes instead (as the sheet's
    // File.read! would), and the bytes stay where they were.
    let rt = Runtime::new();
    let backend = Backend::memory();
    let store = backend.clone();
    let result = rt.block_on(move |ctx| async move {
        store.put_raw("Alice", vec![131, 255]).await.unwrap();
        memory(&store).fail_writes(Some(StorageError::Failed("disk gone".into())));
        start_system(&ctx, store.clone()).await.unwrap();
        ctx.trap_exit(true);
        let alice = Cache::server_process(&ctx, "Alice").await;
        ctx.try_call::<Server>(alice, ServerCall::AllEntries, 1000).await.map(|e| e.len())
    });
    assert!(result.unwrap().is_err());
    memory(&backend).fail_writes(None);
    let (bytes, quarantined) = rt.block_on(move |_| async move { (backend.get_raw("Alice").await.unwrap(), backend.quarantined().await.unwrap()) }).unwrap();
    assert_eq!(bytes, Some(vec![131, 255]));
    assert!(quarantined.is_empty());
    assert!(log_lines(&rt).iter().all(|l| !l.contains("answering nil")));
}
