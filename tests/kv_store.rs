//! The chapter 6 capstone, KVStore.Server: the required features (CRUD, TTL, subscriptions,
//! replication, transactions, batch operations, stats), the bonus ones (persistence, LRU,
//! partitioning, queries), concurrent clients, and every kv scenario run to the end.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use otp_playground::runtime::*;
use support::{check_scenarios, log_lines};
use otp_playground::storage::Backend;
use otp_playground::systems::kv::{self, Change, KvOpts, KvServer, KvStats, Partitioned, PutOpts};
use otp_playground::term::{Atom, Term, binary_to_term, phash2, term_to_binary};

const S: &str = KvServer::NAME;

fn a(name: &str) -> Atom {
    Atom::new(name)
}

fn state_of(rt: &Runtime, name: &str) -> String {
    let pid = rt.whereis(name).expect("the server is running");
    rt.process_detail(pid).and_then(|d| d.state).expect("the server is idle").to_string()
}

fn trace_details(rt: &Runtime, kind: EventKind) -> Vec<String> {
    rt.trace_since(0, usize::MAX).into_iter().filter(|e| e.kind == kind).map(|e| e.detail_text()).collect()
}

/// Every message already in the calling (plain) process's mailbox.
async fn drain(ctx: &Ctx) -> Vec<Info<Term>> {
    let mut all = Vec::new();
    while let Some(m) = ctx.receive_timeout(0).await {
        all.push(m);
    }
    all
}

// Core API

#[test]
fn put_get_delete_and_keys_work_on_any_terms() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
        KvServer::put(&ctx, S, a("name"), "Alice").await;
        KvServer::put(&ctx, S, (a("user"), 1), vec![1, 2]).await;
        KvServer::put(&ctx, S, 42, a("answer")).await;
        let got = KvServer::get(&ctx, S, (a("user"), 1)).await;
        let missing = KvServer::get(&ctx, S, "name").await;
        let keys = KvServer::keys(&ctx, S).await;
        KvServer::delete(&ctx, S, a("name")).await;
        (got, missing, keys, KvServer::keys(&ctx, S).await)
    });
    let (got, missing, keys, after) = result.unwrap();
    assert_eq!(got, Some(Term::list([Term::Int(1), Term::Int(2)])));
    assert_eq!(missing, None, "the string \"name\" is not the atom :name");
    assert_eq!(Term::list(keys).to_string(), "[42, :name, {:user, 1}]", "map-key order: numbers, atoms, tuples");
    assert_eq!(Term::list(after).to_string(), "[42, {:user, 1}]");
}

#[test]
fn requests_replies_and_state_render_as_the_sheet_writes_them() {
    let rt = Runtime::new();
    rt.block_on(|ctx| async move {
        KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
        KvServer::put(&ctx, S, a("name"), "Alice").await;
        KvServer::get(&ctx, S, a("name")).await;
        KvServer::get(&ctx, S, a("nope")).await;
    })
    .unwrap();
    let calls = trace_details(&rt, EventKind::Send(MsgKind::Call));
    assert_eq!(calls, ["{:put, :name, \"Alice\", nil, true}", "{:get, :name}", "{:get, :nope}"]);
    let replies = trace_details(&rt, EventKind::Send(MsgKind::Reply));
    assert!(replies.ends_with(&[":ok".to_string(), "{:ok, \"Alice\"}".to_string(), "nil".to_string()]), "{replies:?}");
    assert_eq!(
        state_of(&rt, S),
        "%KVStore.Server{data: %{name: {\"Alice\", %{inserted_at: 0, ttl: nil}}}, hits: 1, max_keys: nil, misses: 1, replicas: [], subscribers: []}"
    );
}

// TTL

#[test]
fn an_entry_lives_until_inserted_at_plus_ttl_is_in_the_past() {
    let rt = Runtime::new();
    let seen = rt.block_on(|ctx| async move {
        KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
        KvServer::put_with(&ctx, S, a("k"), 1, PutOpts::ttl(5)).await;
        let mut seen = Vec::new();
        for at in [4_999, 5_999, 6_000] {
            ctx.sleep(at - ctx.now()).await;
            seen.push((ctx.now(), KvServer::get(&ctx, S, a("k")).await));
        }
        seen
    });
    assert_eq!(seen.unwrap(), vec![(4_999, Some(Term::Int(1))), (5_999, Some(Term::Int(1))), (6_000, None)]);
    assert!(state_of(&rt, S).contains("data: %{}"), "the expired get dropped the entry");
}

#[test]
fn expired_keys_are_left_out_of_keys_and_stats_and_swept_by_the_10_second_cleanup() {
    let rt = Runtime::new();
    let (keys, stats) = rt
        .block_on(|ctx| async move {
            KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
            KvServer::put_with(&ctx, S, a("temp"), 1, PutOpts::ttl(1)).await;
            KvServer::put(&ctx, S, a("keep"), 2).await;
            ctx.sleep(2_001).await;
            (KvServer::keys(&ctx, S).await, KvServer::stats(&ctx, S).await)
        })
        .unwrap();
    assert_eq!(keys, vec![Term::atom("keep")]);
    assert_eq!(stats.keys, 1);
    assert!(state_of(&rt, S).contains("temp:"), "still in the state until the sweep");
    rt.advance_by(10_000 - rt.now());
    assert!(!state_of(&rt, S).contains("temp:"), "swept at 10 s");
    assert!(state_of(&rt, S).contains("keep:"));
    let cleanups = trace_details(&rt, EventKind::TimerSet).into_iter().filter(|t| t == ":cleanup").count();
    assert_eq!(cleanups, 2, "the sweep re-arms itself");
}

// Subscriptions

#[test]
fn subscribers_receive_kv_events_for_puts_and_deletes() {
    let rt = Runtime::new();
    let events = rt.block_on(|ctx| async move {
        KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
        KvServer::subscribe(&ctx, S).await;
        KvServer::put(&ctx, S, a("k"), "v").await;
        KvServer::delete(&ctx, S, a("k")).await;
        drain(&ctx).await
    });
    let events = events.unwrap();
    let shown: Vec<String> = events.iter().map(|e| e.to_term().to_string()).collect();
    assert_eq!(shown, ["{:kv_event, {:put, :k, \"v\"}}", "{:kv_event, {:delete, :k}}"]);
    let parsed: Vec<_> = events.iter().filter_map(Change::from_message).collect();
    assert_eq!(parsed, vec![Change::Put(Term::atom("k"), Term::string("v")), Change::Delete(Term::atom("k"))]);
}

#[test]
fn a_subscriber_that_exits_is_dropped_on_its_down() {
    let rt = Runtime::new();
    rt.start::<KvServer>(KvOpts::default(), StartOpts::named(S)).unwrap();
    let subscriber = |rt: &Runtime| {
        rt.spawn("subscriber", |c| async move {
            KvServer::subscribe(&c, S).await;
            c.receive().await;
        })
    };
    let (stays, leaves) = (subscriber(&rt), subscriber(&rt));
    rt.run_until_idle();
    assert!(state_of(&rt, S).contains(&format!("subscribers: [{leaves}, {stays}]")), "{}", state_of(&rt, S));
    rt.exit(leaves, ExitReason::atom("boom"));
    rt.run_until_idle();
    assert!(state_of(&rt, S).contains(&format!("subscribers: [{stays}]")), "{}", state_of(&rt, S));
}

// Replication

#[test]
fn writes_replicate_to_replicas_unless_replicate_is_false() {
    let rt = Runtime::new();
    let seen = rt.block_on(|ctx| async move {
        KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
        let replica = KvServer::start_link(&ctx, KvOpts::named("Replica")).await.unwrap();
        KvServer::add_replica(&ctx, S, replica).await;
        KvServer::put(&ctx, S, a("shared"), 1).await;
        KvServer::put_with(&ctx, S, a("local"), 2, PutOpts::default().no_replicate()).await;
        let before = (KvServer::get(&ctx, "Replica", a("shared")).await, KvServer::get(&ctx, "Replica", a("local")).await);
        KvServer::delete(&ctx, S, a("shared")).await;
        (before, KvServer::keys(&ctx, "Replica").await, KvServer::stats(&ctx, S).await.replicas)
    });
    let ((shared, local), replica_keys, replicas) = seen.unwrap();
    assert_eq!((shared, local), (Some(Term::Int(1)), None));
    assert_eq!(replica_keys, vec![], "the delete replicated too");
    assert_eq!(replicas, 1);
    let casts = trace_details(&rt, EventKind::Send(MsgKind::Cast));
    assert_eq!(casts, ["{:replicate, {:put, :shared, 1, nil, false}}", "{:replicate, {:delete, :shared}}"]);
}

#[test]
fn mutual_replicas_apply_each_write_once_without_looping() {
    let rt = Runtime::new();
    let got = rt.block_on(|ctx| async move {
        let one = KvServer::start_link(&ctx, KvOpts::named("One")).await.unwrap();
        let two = KvServer::start_link(&ctx, KvOpts::named("Two").replicas(vec![Dest::Pid(one)])).await.unwrap();
        KvServer::add_replica(&ctx, "One", two).await;
        KvServer::put_with(&ctx, "One", a("k"), "v", PutOpts::ttl(60)).await;
        KvServer::put(&ctx, "Two", a("j"), "w").await;
        KvServer::delete(&ctx, "One", a("j")).await;
        ctx.sleep(100).await;
        (KvServer::keys(&ctx, "One").await, KvServer::keys(&ctx, "Two").await)
    });
    assert_eq!(got.unwrap(), (vec![Term::atom("k")], vec![Term::atom("k")]));
    let casts = trace_details(&rt, EventKind::Send(MsgKind::Cast));
    assert_eq!(casts.len(), 3, "one cast per write, none bounced back: {casts:?}");
    assert!(state_of(&rt, "Two").contains("k: {\"v\", %{inserted_at: 0, ttl: 60}}"), "the TTL travels with the write");
}

// Transactions

#[test]
fn a_transaction_commits_all_its_writes_or_none() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
        KvServer::multi_put(&ctx, S, [(a("a"), 100), (a("b"), 0)]).await;
        let ok: Result<i64, Atom> = KvServer::transaction(&ctx, S, |data| {
            data.put(a("a"), 60);
            data.put(a("b"), 40);
            data.delete(a("gone"));
            Ok(data.keys().len() as i64)
        })
        .await;
        let refused: Result<(), Atom> = KvServer::transaction(&ctx, S, |data| {
            data.put(a("a"), 0);
            data.put(a("c"), 1);
            Err(a("nope"))
        })
        .await;
        (ok, refused, KvServer::multi_get(&ctx, S, [a("a"), a("b"), a("c")]).await)
    });
    let (ok, refused, values) = result.unwrap();
    assert_eq!(ok, Ok(2));
    assert_eq!(refused, Err(a("nope")));
    assert_eq!(Term::map(values).to_string(), "%{a: 60, b: 40}");
    let calls = trace_details(&rt, EventKind::Send(MsgKind::Call));
    assert!(calls.iter().any(|c| c.starts_with("{:transaction, #Function<")), "{calls:?}");
    let replies = trace_details(&rt, EventKind::Send(MsgKind::Reply));
    assert!(replies.contains(&"{:ok, 2}".to_string()) && replies.contains(&"{:error, :nope}".to_string()));
}

#[test]
fn a_transaction_reads_its_own_writes_and_hides_expired_entries() {
    let rt = Runtime::new();
    let seen = rt.block_on(|ctx| async move {
        KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
        KvServer::put_with(&ctx, S, a("old"), 1, PutOpts::ttl(1)).await;
        ctx.sleep(2_001).await;
        KvServer::transaction(&ctx, S, |data| {
            let expired = data.get(a("old"));
            data.put(a("new"), 5);
            let own = data.get(a("new"));
            data.delete(a("new"));
            Ok::<_, ()>((expired, own, data.get(a("new"))))
        })
        .await
    });
    assert_eq!(seen.unwrap(), Ok((None, Some(Term::Int(5)), None)));
}

#[test]
fn committed_transaction_writes_notify_subscribers_and_replicate() {
    let rt = Runtime::new();
    let (events, replica_value) = rt
        .block_on(|ctx| async move {
            KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
            let replica = KvServer::start_link(&ctx, KvOpts::named("Replica")).await.unwrap();
            KvServer::add_replica(&ctx, S, replica).await;
            KvServer::subscribe(&ctx, S).await;
            let _ = KvServer::transaction(&ctx, S, |data| {
                data.put_ttl(a("t"), 1, 30);
                Ok::<(), ()>(())
            })
            .await;
            let events: Vec<Change> = drain(&ctx).await.iter().filter_map(Change::from_message).collect();
            (events, KvServer::get(&ctx, "Replica", a("t")).await)
        })
        .unwrap();
    assert_eq!(events, vec![Change::Put(Term::atom("t"), Term::Int(1))]);
    assert_eq!(replica_value, Some(Term::Int(1)));
}

#[test]
fn concurrent_clients_lose_updates_with_get_then_put_but_not_with_transactions() {
    const CLIENTS: usize = 50;
    let rt = Runtime::new();
    let (racy, atomic) = rt
        .block_on(|ctx| async move {
            KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
            let shell = ctx.pid();
            for _ in 0..CLIENTS {
                ctx.spawn(move |c| async move {
                    let n = match KvServer::get(&c, S, a("racy")).await {
                        Some(Term::Int(n)) => n,
                        _ => 0,
                    };
                    KvServer::put(&c, S, a("racy"), n + 1).await;
                    let _ = KvServer::transaction(&c, S, |data| {
                        let n = match data.get(a("atomic")) {
                            Some(Term::Int(n)) => n,
                            _ => 0,
                        };
                        data.put(a("atomic"), n + 1);
                        Ok::<(), ()>(())
                    })
                    .await;
                    let _ = c.send(shell, a("done"));
                });
            }
            for _ in 0..CLIENTS {
                ctx.receive().await;
            }
            (KvServer::get(&ctx, S, a("racy")).await, KvServer::get(&ctx, S, a("atomic")).await)
        })
        .unwrap();
    assert!(matches!(racy, Some(Term::Int(n)) if n < CLIENTS as i64), "get-then-put interleaves: {racy:?}");
    assert_eq!(atomic, Some(Term::Int(CLIENTS as i64)));
}

// Batch operations and stats

#[test]
fn multi_get_answers_a_map_of_the_keys_found_and_stats_count_hits_and_misses() {
    let rt = Runtime::new();
    let (found, stats) = rt
        .block_on(|ctx| async move {
            KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
            KvServer::put(&ctx, S, a("name"), "Alice").await;
            KvServer::multi_put(&ctx, S, [("user:1", "Ann"), ("user:2", "Bob")]).await;
            let found = KvServer::multi_get(&ctx, S, ["user:1", "user:3"]).await;
            KvServer::get(&ctx, S, a("name")).await;
            KvServer::get(&ctx, S, a("nope")).await;
            (found, KvServer::stats(&ctx, S).await)
        })
        .unwrap();
    assert_eq!(Term::map(found).to_string(), "%{\"user:1\" => \"Ann\"}");
    let memory: usize = [(Term::atom("name"), "Alice"), (Term::string("user:1"), "Ann"), (Term::string("user:2"), "Bob")]
        .iter()
        .map(|(k, v)| term_to_binary(k).len() + term_to_binary(&Term::string(v)).len())
        .sum();
    assert_eq!(memory, 61, "8 + 11 + 12 + 9 + 12 + 9 bytes, as :erlang.term_to_binary/1 counts them");
    assert_eq!(stats, KvStats { keys: 3, memory: 61, hits: 2, misses: 2, replicas: 0 });
    assert_eq!(
        otp_playground::term::to_term(&stats).to_string(),
        "%{hits: 2, keys: 3, memory: 61, misses: 2, replicas: 0}"
    );
}

// Bonus: LRU

#[test]
fn a_full_store_evicts_the_least_recently_used_key() {
    let rt = Runtime::new();
    let (keys, events) = rt
        .block_on(|ctx| async move {
            KvServer::start_link(&ctx, KvOpts::default().max_keys(3)).await.unwrap();
            for (k, v) in [("a", 1), ("b", 2), ("c", 3)] {
                KvServer::put(&ctx, S, a(k), v).await;
            }
            KvServer::get(&ctx, S, a("a")).await;
            KvServer::put(&ctx, S, a("c"), 30).await;
            KvServer::subscribe(&ctx, S).await;
            KvServer::put(&ctx, S, a("d"), 4).await;
            KvServer::put(&ctx, S, a("e"), 5).await;
            let events: Vec<Change> = drain(&ctx).await.iter().filter_map(Change::from_message).collect();
            (KvServer::keys(&ctx, S).await, events)
        })
        .unwrap();
    assert_eq!(Term::list(keys).to_string(), "[:c, :d, :e]");
    let evicted: Vec<&Change> = events.iter().filter(|e| matches!(e, Change::Evict(_))).collect();
    assert_eq!(evicted, vec![&Change::Evict(Term::atom("b")), &Change::Evict(Term::atom("a"))]);
}

// Bonus: queries

#[test]
fn keys_with_prefix_and_keys_matching_select_string_and_atom_keys() {
    let rt = Runtime::new();
    let (prefix, glob, atoms) = rt
        .block_on(|ctx| async move {
            KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
            KvServer::multi_put(&ctx, S, [("user:1:name", 1), ("user:1:email", 2), ("user:2:name", 3), ("admin:1:name", 4)]).await;
            KvServer::put(&ctx, S, a("user_cache"), 5).await;
            KvServer::put(&ctx, S, (a("user"), 9), 6).await;
            (
                KvServer::keys_with_prefix(&ctx, S, "user:").await,
                KvServer::keys_matching(&ctx, S, "*:name").await,
                KvServer::keys_matching(&ctx, S, "user*").await,
            )
        })
        .unwrap();
    assert_eq!(Term::list(prefix).to_string(), "[\"user:1:email\", \"user:1:name\", \"user:2:name\"]");
    assert_eq!(Term::list(glob).to_string(), "[\"admin:1:name\", \"user:1:name\", \"user:2:name\"]");
    assert_eq!(Term::list(atoms).to_string(), "[:user_cache, \"user:1:email\", \"user:1:name\", \"user:2:name\"]");
}

// Bonus: persistence

#[test]
fn save_writes_term_to_binary_of_the_data_and_a_restarted_server_loads_it() {
    let rt = Runtime::new();
    let disk = Backend::memory();
    let opts = KvOpts::default().persist(disk.clone(), "kv.bin");
    let first = opts.clone();
    let saved = rt
        .block_on(|ctx| async move {
            KvServer::start_link(&ctx, first).await.unwrap();
            KvServer::put_with(&ctx, S, a("k"), "v", PutOpts::ttl(100)).await;
            let saved = KvServer::save(&ctx, S).await;
            KvServer::put(&ctx, S, a("unsaved"), 1).await;
            ctx.stop(S, ExitReason::Normal).await.unwrap();
            saved
        })
        .unwrap();
    assert_eq!(saved, Ok(()));
    let disk_reader = disk.clone();
    let bytes = rt.block_on(move |_| async move { disk_reader.get_raw("kv.bin").await }).unwrap().unwrap().unwrap();
    assert_eq!(binary_to_term(&bytes).unwrap().to_string(), "%{k: {\"v\", %{inserted_at: 0, ttl: 100}}}");
    let (keys, reload) = rt
        .block_on(|ctx| async move {
            KvServer::start_link(&ctx, opts).await.unwrap();
            let keys = KvServer::keys(&ctx, S).await;
            KvServer::put(&ctx, S, a("later"), 2).await;
            (keys, KvServer::load(&ctx, S).await)
        })
        .unwrap();
    assert_eq!(keys, vec![Term::atom("k")]);
    assert_eq!(reload, Ok(1));
    assert!(log_lines(&rt).contains(&"KVStore.Server loaded 1 keys".to_string()));
}

#[test]
fn save_and_load_report_missing_storage_and_missing_data_as_errors() {
    let rt = Runtime::new();
    let results = rt.block_on(|ctx| async move {
        KvServer::start_link(&ctx, KvOpts::default()).await.unwrap();
        KvServer::start_link(&ctx, KvOpts::named("Fresh").persist(Backend::memory(), "none")).await.unwrap();
        (KvServer::save(&ctx, S).await, KvServer::load(&ctx, "Fresh").await)
    });
    let (save, load) = results.unwrap();
    assert_eq!(save, Err(Term::atom("no_storage")));
    assert_eq!(load, Err(Term::atom("enoent")));
}

// Bonus: partitioning

#[test]
fn partitioned_store_routes_each_key_to_the_shard_phash2_picks() {
    let rt = Runtime::new();
    let (shards, placed, value, keys, stats) = rt
        .block_on(|ctx| async move {
            Partitioned::start_link(&ctx, Partitioned::NAME, 3).await.unwrap();
            let shards = Partitioned::shards(&ctx, Partitioned::NAME).await;
            let mut placed = Vec::new();
            for n in 0..12 {
                let key = format!("key{n}");
                Partitioned::put(&ctx, Partitioned::NAME, &key, n).await;
                placed.push((key.clone(), Partitioned::shard_for(&ctx, Partitioned::NAME, &key).await));
            }
            let mut per_shard = Vec::new();
            for shard in &shards {
                per_shard.push((*shard, KvServer::keys(&ctx, *shard).await));
            }
            let value = Partitioned::get(&ctx, Partitioned::NAME, "key7").await;
            let keys = Partitioned::keys(&ctx, Partitioned::NAME).await;
            let stats = Partitioned::stats(&ctx, Partitioned::NAME).await;
            (per_shard, placed, value, keys, stats)
        })
        .unwrap();
    assert_eq!(shards.len(), 3);
    for (key, shard) in &placed {
        let index = phash2(&Term::string(key), 3) as usize;
        assert_eq!(*shard, shards[index].0, "{key} goes to shard {index}");
        assert!(shards[index].1.contains(&Term::string(key)), "{key} is stored on that shard only");
    }
    assert!(shards.iter().all(|(_, keys)| !keys.is_empty()), "12 keys spread over all 3 shards");
    assert_eq!(value, Some(Term::Int(7)));
    assert_eq!(keys.len(), 12);
    assert_eq!(stats.keys, 12);
    assert!(rt.whereis("KVStore.Partitioned.Shard2").is_some(), "shards are registered under the front's name");
}

// Scenarios

#[test]
fn every_kv_scenario_runs_to_the_end_and_logs_the_expected_lines() {
    let expected: &[(&str, &[&str])] = &[
        (
            "kv.basics",
            &[
                "KVStore.Server.get(:name)  # => {:ok, \"Alice\"}",
                "KVStore.Server.get(:missing)  # => nil",
                "KVStore.Server.stats(KVStore.Server)  # => %{hits: 2, keys: 3, memory: 61, misses: 2, replicas: 0}",
            ],
        ),
        (
            "kv.ttl",
            &[
                "KVStore.Server.get(:session)  # => {:ok, \"abc\"}",
                "KVStore.Server.get(:session)  # => nil",
                "KVStore.Server.keys()  # => [:keep]",
            ],
        ),
        (
            "kv.subscribe",
            &[
                "flush()",
                "{:kv_event, {:put, :color, \"red\"}}",
                "{:kv_event, {:delete, :color}}",
                "{:kv_event, {:put, :color, \"blue\"}}",
            ],
        ),
        (
            "kv.replication",
            &[
                "KVStore.Server.get(KVStore.Replica, :config)  # => {:ok, \"v1\"}",
                "KVStore.Server.get(KVStore.Replica, :local)  # => nil",
                "KVStore.Server.get(:shared)  # => {:ok, \"x\"}",
            ],
        ),
        (
            "kv.transaction",
            &[
                "KVStore.Server.transaction(KVStore.Server, fn data -> transfer(data, :a, :b, 30) end)  # => {:ok, 70}",
                "KVStore.Server.transaction(KVStore.Server, fn data -> transfer(data, :a, :b, 500) end)  # => {:error, :insufficient_funds}",
                "# 10 clients: transaction(fn data -> increment :atomic end)  then get(:atomic)  # => {:ok, 10}",
            ],
        ),
        (
            "kv.persistence",
            &[
                "KVStore.Server.save(KVStore.Server)  # => :ok",
                "KVStore.Server.keys()  # => [:user]",
                "KVStore.Server.load(KVStore.Server)  # => {:ok, 1}",
            ],
        ),
        ("kv.lru", &["KVStore.Server.keys()  # => [:a, :c, :d]", "{:kv_event, {:evict, :b}}"]),
        (
            "kv.partitions",
            &[
                "KVStore.Partitioned.get(\"user5\")  # => {:ok, 5}",
                "length(KVStore.Partitioned.keys())  # => 12",
                "Enum.map(shards, &KVStore.Server.stats(&1).keys)  # => [1, 5, 2, 4]",
            ],
        ),
        (
            "kv.query",
            &[
                "KVStore.Server.keys_matching(KVStore.Server, \"user:*:name\")  # => [\"user:1:name\", \"user:2:name\"]",
            ],
        ),
    ];
    check_scenarios(&kv::scenarios(), 6, expected);
}
