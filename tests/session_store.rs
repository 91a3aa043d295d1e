//! The chapter 7 capstone, the session store: expiry, the cache's monitors, persistence
//! through the storage backend, hash routing, statistics, and the load generator.
//! Runs natively and, through wasm-bindgen-test, in headless Chromium.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use otp_playground::runtime::{ExitReason, Info, Runtime};
use otp_playground::storage::Backend;
use otp_playground::systems::session::*;
use otp_playground::term::{Atom, Term, phash2, term_to_binary};

fn atom(name: &str) -> Term {
    Term::atom(name)
}

#[test]
fn session_touched_at_3000s_survives_past_3600s_and_expires_3600s_after_the_touch() {
    let rt = Runtime::new();
    let (alive_at_3601, alive_at_6599, down_at, reason) = rt
        .block_on(|ctx| async move {
            let pid = Session::start_link(&ctx, "s1", 3600).await.unwrap();
            let monitor = ctx.monitor(pid);
            ctx.sleep(3_000_000).await;
            Session::touch(&ctx, pid);
            ctx.sleep(601_000).await;
            let alive_at_3601 = ctx.is_alive(pid);
            ctx.sleep(2_998_000).await;
            let alive_at_6599 = ctx.is_alive(pid);
            let Info::Down { monitor: m, reason, .. } = ctx.receive().await else { panic!("expected a :DOWN") };
            assert_eq!(m, monitor);
            (alive_at_3601, alive_at_6599, ctx.now(), reason)
        })
        .unwrap();
    assert!(alive_at_3601, "the touch at 3000 s moved the expiry");
    assert!(alive_at_6599);
    assert_eq!(down_at, 6_600_000, "3600 s after the last access");
    assert_eq!(reason, ExitReason::Normal, "expiry is {{:stop, :normal, state}}");
}

#[test]
fn untouched_session_expires_at_its_ttl() {
    let rt = Runtime::new();
    let down_at = rt
        .block_on(|ctx| async move {
            let pid = Session::start_link(&ctx, "s1", 3600).await.unwrap();
            ctx.monitor(pid);
            ctx.receive().await;
            ctx.now()
        })
        .unwrap();
    assert_eq!(down_at, 3_600_000);
}

#[test]
fn get_and_put_count_as_access_but_all_data_does_not() {
    let rt = Runtime::new();
    let expired_at = rt
        .block_on(|ctx| async move {
            let pid = Session::start_link(&ctx, "s1", 100).await.unwrap();
            ctx.monitor(pid);
            ctx.sleep(50_000).await;
            Session::put(&ctx, pid, atom("a"), 1i64); // access at 50 s
            ctx.sleep(30_000).await;
            Session::get(&ctx, pid, atom("a")).await; // access at 80 s
            ctx.sleep(40_000).await;
            Session::all_data(&ctx, pid).await; // 120 s: not an access
            ctx.receive().await;
            ctx.now()
        })
        .unwrap();
    assert_eq!(expired_at, 180_000, "100 s after the get at 80 s");
}

#[test]
fn session_state_renders_as_the_sheets_struct_in_virtual_seconds() {
    let rt = Runtime::new();
    let pid = rt
        .block_on(|ctx| async move {
            let pid = Session::start_link(&ctx, "abc", 3600).await.unwrap();
            ctx.sleep(12_500).await;
            Session::put(&ctx, pid, atom("user_id"), 42i64);
            Session::all_data(&ctx, pid).await;
            pid
        })
        .unwrap();
    let state = rt.process_detail(pid).unwrap().state.unwrap();
    assert_eq!(state.to_string(), r#"%{created_at: 0, data: %{user_id: 42}, last_accessed: 12, session_id: "abc", ttl: 3600}"#);
}

#[test]
fn get_returns_the_value_or_nil_and_all_data_the_map() {
    let rt = Runtime::new();
    let (user, missing, all) = rt
        .block_on(|ctx| async move {
            let pid = Session::start_link(&ctx, "s1", 3600).await.unwrap();
            Session::put(&ctx, pid, atom("user_id"), 123i64);
            Session::put(&ctx, pid, "theme", "dark");
            Session::put(&ctx, pid, atom("user_id"), 124i64);
            let user = Session::get(&ctx, pid, atom("user_id")).await;
            let missing = Session::get(&ctx, pid, atom("nope")).await;
            (user, missing, Session::all_data(&ctx, pid).await)
        })
        .unwrap();
    assert_eq!(user, Some(Term::Int(124)));
    assert_eq!(missing, None);
    assert_eq!(all.to_term().to_string(), r#"%{:user_id => 124, "theme" => "dark"}"#);
}

#[test]
fn create_session_is_idempotent_same_id_same_pid() {
    let rt = Runtime::new();
    let (first, second, other, active, stats) = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory(), StoreOpts::default()).await.unwrap();
            let first = Cache::create_session(&ctx, "u1").await.unwrap();
            let second = Cache::create_session(&ctx, "u1").await.unwrap();
            let other = Cache::create_session(&ctx, "u2").await.unwrap();
            (first, second, other, Cache::active_sessions(&ctx).await, Stats::get_stats(&ctx).await)
        })
        .unwrap();
    assert_eq!(first, second);
    assert_ne!(first, other);
    assert_eq!(active, vec!["u1".to_string(), "u2".to_string()]);
    assert_eq!(stats.creates, 2, "a repeat create starts nothing");
}

#[test]
fn get_session_finds_a_running_session_and_answers_not_found_otherwise() {
    let rt = Runtime::new();
    let (pid, found, missing) = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory(), StoreOpts::default()).await.unwrap();
            let pid = Cache::create_session(&ctx, "u1").await.unwrap();
            (pid, Cache::get_session(&ctx, "u1").await, Cache::get_session(&ctx, "ghost").await)
        })
        .unwrap();
    assert_eq!(found, Lookup::Ok(pid));
    assert_eq!(otp_playground::term::to_term(&found).to_string(), format!("{{:ok, {pid}}}"));
    assert_eq!(missing, Lookup::NotFound);
    assert_eq!(otp_playground::term::to_term(&missing).to_string(), ":not_found");
}

#[test]
fn cache_forgets_a_killed_session_on_its_down_and_survives_it() {
    let rt = Runtime::new();
    let (system, pid, active_before, active_after, lookup) = rt
        .block_on(|ctx| async move {
            let system = start_system(&ctx, Backend::memory(), StoreOpts::default()).await.unwrap();
            let pid = Cache::create_session(&ctx, "victim").await.unwrap();
            Cache::create_session(&ctx, "bystander").await.unwrap();
            let active_before = Cache::active_sessions(&ctx).await;
            ctx.exit(pid, ExitReason::Kill);
            let active_after = Cache::active_sessions(&ctx).await;
            // Nothing was ever put, so there is nothing to restore.
            (system, pid, active_before, active_after, Cache::get_session(&ctx, "victim").await)
        })
        .unwrap();
    assert_eq!(active_before, vec!["bystander".to_string(), "victim".to_string()]);
    assert_eq!(active_after, vec!["bystander".to_string()]);
    assert_eq!(lookup, Lookup::NotFound);
    assert!(!rt.is_alive(pid));
    assert!(rt.is_alive(system.cache), "the cache traps exits: a killed session does not take it down");
    assert_eq!(rt.whereis("SessionStore.Cache"), Some(system.cache));
    let state = rt.process_detail(system.cache).unwrap().state.unwrap();
    assert_eq!(state.map_get(&atom("monitors")).unwrap().to_string().matches("=>").count(), 1, "the victim's monitor is gone: {state}");
}

#[test]
fn killed_session_with_stored_data_is_restored_in_a_new_process() {
    let rt = Runtime::new();
    let (old, new, cart) = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory(), StoreOpts::default()).await.unwrap();
            let old = Cache::create_session(&ctx, "crashy").await.unwrap();
            Session::put(&ctx, old, atom("cart"), Term::list([Term::Int(1), Term::Int(2)]));
            Session::all_data(&ctx, old).await;
            ctx.exit(old, ExitReason::Kill);
            let new = Cache::get_session(&ctx, "crashy").await.pid().unwrap();
            (old, new, Session::get(&ctx, new, atom("cart")).await)
        })
        .unwrap();
    assert_ne!(old, new);
    assert_eq!(cart.unwrap().to_string(), "[1, 2]");
}

#[test]
fn delete_session_stops_the_session_and_forgets_it_for_good() {
    let rt = Runtime::new();
    let (pid, deleted, again, lookup, recreated, data, keys) = rt
        .block_on(|ctx| async move {
            let backend = Backend::memory();
            start_system(&ctx, backend.clone(), StoreOpts::default()).await.unwrap();
            let pid = Cache::create_session(&ctx, "bye").await.unwrap();
            Session::put(&ctx, pid, atom("x"), 1i64);
            Session::all_data(&ctx, pid).await;
            let deleted = Cache::delete_session(&ctx, "bye").await;
            let again = Cache::delete_session(&ctx, "bye").await;
            let lookup = Cache::get_session(&ctx, "bye").await;
            let recreated = Cache::create_session(&ctx, "bye").await.unwrap();
            let data = Session::all_data(&ctx, recreated).await;
            (pid, deleted, again, lookup, recreated, data, backend.keys().await.unwrap())
        })
        .unwrap();
    assert_eq!(deleted, Ok(()));
    assert_eq!(again, Err(Atom::new("not_found")));
    assert_eq!(otp_playground::term::to_term(&again).to_string(), "{:error, :not_found}");
    assert_eq!(lookup, Lookup::NotFound, "a deleted session is not restored from the database");
    assert!(!rt.is_alive(pid));
    assert_ne!(recreated, pid);
    assert!(data.is_empty());
    assert!(keys.is_empty(), "the stored record was deleted: {keys:?}");
}

#[test]
fn expired_session_is_forgotten_by_the_cache_and_its_record_deleted() {
    let rt = Runtime::new();
    let (active, lookup, keys) = rt
        .block_on(|ctx| async move {
            let backend = Backend::memory();
            start_system(&ctx, backend.clone(), StoreOpts::default()).await.unwrap();
            let pid = Cache::create_session_ttl(&ctx, "short", 60).await.unwrap();
            Session::put(&ctx, pid, atom("x"), 1i64);
            ctx.sleep(61_000).await;
            (Cache::active_sessions(&ctx).await, Cache::get_session(&ctx, "short").await, backend.keys().await.unwrap())
        })
        .unwrap();
    assert!(active.is_empty());
    assert_eq!(lookup, Lookup::NotFound);
    assert!(keys.is_empty());
}

#[test]
fn stats_count_creates_accesses_deletes_and_virtual_uptime() {
    let rt = Runtime::new();
    let (stats, shown) = rt
        .block_on(|ctx| async move {
            ctx.sleep(2_000).await;
            start_system(&ctx, Backend::memory(), StoreOpts::default()).await.unwrap();
            Cache::create_session(&ctx, "a").await.unwrap();
            Cache::create_session(&ctx, "a").await.unwrap();
            Cache::create_session(&ctx, "b").await.unwrap();
            for _ in 0..3 {
                Cache::get_session(&ctx, "a").await;
            }
            Cache::get_session(&ctx, "missing").await;
            Cache::delete_session(&ctx, "b").await.unwrap();
            Cache::delete_session(&ctx, "b").await.unwrap_err();
            ctx.sleep(10_000).await;
            let stats = Stats::get_stats(&ctx).await;
            let shown = otp_playground::term::to_term(&stats).to_string();
            (stats, shown)
        })
        .unwrap();
    assert_eq!(stats, StatsReport { creates: 2, accesses: 3, deletes: 1, start_time: 2, uptime_seconds: 10 });
    assert_eq!(shown, "%{accesses: 3, creates: 2, deletes: 1, start_time: 2, uptime_seconds: 10}");
}

#[test]
fn persistence_round_trip_stop_everything_start_again_data_is_back() {
    let rt = Runtime::new();
    let backend = Backend::memory();
    let store = backend.clone();
    let (old, new, data, active_after_restart, processes_while_down) = rt
        .block_on(move |ctx| async move {
            start_system(&ctx, store.clone(), StoreOpts::default()).await.unwrap();
            let old = Cache::create_session(&ctx, "cart-42").await.unwrap();
            Session::put(&ctx, old, atom("total"), 42i64);
            Session::put(&ctx, old, atom("items"), Term::list([Term::string("book")]));
            // The get returns once the session handled both puts (and cast their saves); the
            // load then queues behind those saves at the same worker.
            Session::get(&ctx, old, atom("total")).await;
            assert!(matches!(Database::load(&ctx, "cart-42").await, Loaded::Ok(_)));
            stop_system(&ctx).await.unwrap();
            let processes_while_down = (ctx.whereis("SessionStore.Cache"), ctx.whereis("SessionStore.Database"), ctx.whereis("SessionStore.Stats"), ctx.is_alive(old));
            start_system(&ctx, store, StoreOpts::default()).await.unwrap();
            let active_after_restart = Cache::active_sessions(&ctx).await;
            let new = Cache::get_session(&ctx, "cart-42").await.pid().unwrap();
            (old, new, Session::all_data(&ctx, new).await, active_after_restart, processes_while_down)
        })
        .unwrap();
    assert_eq!(processes_while_down, (None, None, None, false), "stop_system took everything down");
    assert!(active_after_restart.is_empty());
    assert_ne!(old, new);
    assert_eq!(data.to_term().to_string(), r#"%{items: ["book"], total: 42}"#);
    assert_eq!(rt.process_count(), 1 + 1 + 1 + 3 + 1, "Stats, Cache, Database, 3 workers and the restored session");
    let keys = rt.block_on(move |_| async move { backend.keys().await.unwrap() }).unwrap();
    assert_eq!(keys, vec!["cart-42.session".to_string()]);
}

#[test]
fn worker_stores_a_session_as_term_to_binary_of_its_data_under_id_dot_session() {
    let rt = Runtime::new();
    let backend = Backend::memory();
    let store = backend.clone();
    let raw = rt
        .block_on(move |ctx| async move {
            start_system(&ctx, store.clone(), StoreOpts::default()).await.unwrap();
            let pid = Cache::create_session(&ctx, "abc").await.unwrap();
            Session::put(&ctx, pid, atom("user_id"), 42i64);
            Session::all_data(&ctx, pid).await;
            Database::load(&ctx, "abc").await;
            store.get_raw("abc.session").await.unwrap()
        })
        .unwrap();
    let expected = term_to_binary(&Term::map([(atom("user_id"), Term::Int(42))]));
    assert_eq!(raw, Some(expected));
    assert_eq!(storage_key("abc"), "abc.session");
}

#[test]
fn same_session_id_always_routes_to_the_same_worker_chosen_by_phash2() {
    let rt = Runtime::new();
    let ids = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
    let chosen = rt
        .block_on(move |ctx| async move {
            start_system(&ctx, Backend::memory(), StoreOpts::default()).await.unwrap();
            let mut chosen = Vec::new();
            for id in ids {
                let first = Database::choose_worker(&ctx, id).await;
                let second = Database::choose_worker(&ctx, id).await;
                assert_eq!(first, second, "{id} moved between workers");
                chosen.push(first);
            }
            chosen
        })
        .unwrap();
    let db = rt.whereis("SessionStore.Database").unwrap();
    let workers = rt.process_detail(db).unwrap().state.unwrap();
    for (id, pid) in ids.iter().zip(&chosen) {
        let index = phash2(&Term::string(id), 3);
        assert_eq!(workers.map_get(&Term::Int(index as i64)), Some(&Term::Pid(*pid)), "{id} should go to worker {index}");
        let worker_state = rt.process_detail(*pid).unwrap().state.unwrap();
        assert_eq!(worker_state.to_string(), format!(r#"%{{folder: "./sessions", index: {index}}}"#));
    }
    let distinct: std::collections::BTreeSet<_> = chosen.iter().collect();
    assert!(distinct.len() > 1, "eight ids all on one worker: the hash does not spread");
}

#[test]
fn a_record_that_does_not_decode_is_an_error_and_is_left_in_place() {
    let rt = Runtime::new();
    let backend = Backend::memory();
    let store = backend.clone();
    let (loaded, created, lookup, raw) = rt
        .block_on(move |ctx| async move {
            store.put_raw("bad.session", vec![131, 255]).await.unwrap();
            start_system(&ctx, store.clone(), StoreOpts::default()).await.unwrap();
            let loaded = Database::load(&ctx, "bad").await;
            let created = Cache::create_session(&ctx, "bad").await;
            let lookup = Cache::get_session(&ctx, "bad").await;
            (loaded, created, lookup, store.get_raw("bad.session").await.unwrap())
        })
        .unwrap();
    assert!(matches!(loaded, Loaded::Error(_)), "{loaded:?}");
    assert!(created.is_err(), "create must not overwrite a record it cannot read");
    assert_eq!(lookup, Lookup::NotFound);
    assert_eq!(raw, Some(vec![131, 255]));
}

#[test]
fn stopping_the_cache_takes_its_database_workers_and_sessions_along() {
    let rt = Runtime::new();
    let session = rt
        .block_on(|ctx| async move {
            start_system(&ctx, Backend::memory(), StoreOpts::default()).await.unwrap();
            let pid = Cache::create_session(&ctx, "s").await.unwrap();
            stop_system(&ctx).await.unwrap();
            pid
        })
        .unwrap();
    assert!(!rt.is_alive(session));
    assert_eq!(rt.process_count(), 0);
}

fn small_load(seed: u64) -> LoadConfig {
    LoadConfig { sessions: 50, operations: 2_000, clients: 5, seed, ..LoadConfig::default() }
}

#[test]
fn load_generator_is_deterministic_for_a_seed() {
    let first = run_load(&Runtime::new(), small_load(1)).unwrap();
    let again = run_load(&Runtime::new(), small_load(1)).unwrap();
    let other = run_load(&Runtime::new(), small_load(2)).unwrap();
    assert_eq!(first, again);
    assert_ne!(first.kinds, other.kinds, "another seed, another mix of operations");
}

#[test]
fn load_generator_performs_exactly_the_requested_operations() {
    let cfg = LoadConfig { operations: 2_003, ..small_load(9) };
    let report = run_load(&Runtime::new(), cfg).unwrap();
    assert_eq!(report.ops, 2_003);
    assert_eq!(report.kinds.iter().map(|k| k.count).sum::<u64>(), 2_003);
    assert_eq!(report.kinds.len(), 5);
    for k in &report.kinds {
        assert!(k.count > 0, "{:?} never ran", k.kind);
        assert!(k.p50_ms <= k.p90_ms && k.p90_ms <= k.p99_ms && k.p99_ms <= k.max_ms, "{k:?}");
    }
    // A get can find a session that another client deletes before the get reaches it.
    assert!(report.errors <= 5, "{}", report.errors);
    assert_eq!(report.setup_ms, 50, "50 creates, one 1 ms database load each");
    // 5 clients, one operation per 10 ms each: at most 500 ops/s.
    let throughput = report.throughput_per_s.unwrap();
    assert!(throughput > 400.0 && throughput <= 500.0, "{throughput}");
    assert!(report.stats.creates >= 50);
    let deletes = &report.kinds[OpKind::Delete as usize];
    assert_eq!(report.stats.deletes, deletes.count - deletes.misses);
    assert!(report.processes.iter().any(|p| p.name == "SessionStore.Cache" && p.handled > 2_000));
    assert_eq!(report.processes.iter().filter(|p| p.name.starts_with("SessionStore.DatabaseWorker")).count(), 3);
}

#[test]
fn load_progress_counts_up_to_the_total() {
    let mut seen = Vec::new();
    let report = run_load_with_progress(&Runtime::new(), small_load(3), |done, total| seen.push((done, total))).unwrap();
    assert_eq!(seen.last(), Some(&(2_000, 2_000)));
    assert!(seen.len() > 2, "progress was reported along the way: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(report.ops, 2_000);
}

#[test]
fn spawned_load_runs_as_the_runtime_is_driven() {
    let rt = Runtime::new();
    rt.set_tracing(false);
    let handle = spawn_load(&rt, small_load(4));
    assert_eq!(handle.progress(), (0, 2_000));
    assert!(handle.take_report().is_none());
    rt.advance_by(1_000);
    let (done, _) = handle.progress();
    assert!(done > 0 && done < 2_000, "{done}");
    rt.advance_by(10_000);
    let report = handle.take_report().unwrap().unwrap();
    assert_eq!(report, run_load(&Runtime::new(), small_load(4)).unwrap(), "driving it by time gives the same run");
}

#[test]
fn spawned_load_shows_latencies_while_it_runs() {
    let rt = Runtime::new();
    rt.set_tracing(false);
    let cfg = small_load(5);
    let handle = spawn_load(&rt, cfg);
    assert_eq!(handle.latency_since(0).ops, 0);
    assert!(handle.kinds_so_far().iter().all(|k| k.count == 0));

    rt.advance_by(1_000);
    let (first_done, _) = handle.progress();
    let first = handle.latency_since(0);
    assert_eq!(first.ops, first_done, "the window holds every operation finished so far");
    assert!(first.p50_ms <= first.p99_ms, "{first:?}");
    let so_far = handle.kinds_so_far();
    assert_eq!(so_far.iter().map(|k| k.count).sum::<u64>(), first_done);

    rt.advance_by(1_000);
    let (second_done, _) = handle.progress();
    let second = handle.latency_since(first.next);
    assert!(second_done > first_done);
    assert_eq!(second.ops, second_done - first_done, "the next window holds only the newer operations");
    assert_eq!(handle.latency_since(second.next).ops, 0);

    rt.advance_by(60_000);
    let report = handle.take_report().unwrap().unwrap();
    assert_eq!(handle.kinds_so_far(), report.kinds, "at the end the live figures are the report's");
    let whole = handle.latency_since(0);
    assert_eq!(whole.ops, cfg.operations);
    let slowest = report.kinds.iter().map(|k| k.max_ms).max().unwrap();
    assert!(whole.p50_ms <= whole.p99_ms && whole.p99_ms <= slowest, "{whole:?}, slowest {slowest}");
}

#[test]
fn load_runs_with_tracing_off_and_restores_it() {
    let rt = Runtime::new();
    let before = rt.trace_cursor();
    run_load(&rt, LoadConfig { sessions: 10, operations: 100, ..LoadConfig::default() }).unwrap();
    assert!(rt.tracing());
    assert_eq!(rt.trace_cursor(), before, "nothing was traced during the run");
}

#[test]
fn every_session_scenario_runs_to_the_end() {
    for scenario in scenarios() {
        assert_eq!(scenario.chapter, 7);
        assert!(scenario.id.starts_with("ch7.session_"), "{}", scenario.id);
        let rt = Runtime::new();
        scenario.run_to_end(&rt).unwrap_or_else(|e| panic!("{}: {e}", scenario.id));
    }
}

mod support;

fn trace_text(rt: &Runtime) -> String {
    support::log_lines(rt).join("\n")
}

#[test]
fn session_scenarios_log_the_sheet_lines() {
    let expected: &[(&str, &[&str])] = &[
        (
            "ch7.session_basics",
            &[
                "SessionStore.Session.get(pid, :user_id)  # => 123",
                "SessionStore.Session.all_data(pid)  # => %{theme: \"dark\", user_id: 123}",
                "SessionStore.Cache.get_session(\"nobody\")  # => :not_found",
                "SessionStore.Cache.delete_session(\"user-123\")  # => {:error, :not_found}",
                "SessionStore.Stats.get_stats()  # => %{accesses: 1, creates: 1, deletes: 1, start_time: 0, uptime_seconds: 5}",
            ],
        ),
        (
            "ch7.session_ttl",
            &[
                "Process.alive?(pid)  # at 3601 s  # => true",
                "Process.alive?(pid)  # at 7200 s  # => true",
                "Process.alive?(pid)  # at 7202 s  # => false",
                "SessionStore.Cache.get_session(\"user-7\")  # its record was deleted too  # => :not_found",
            ],
        ),
        ("ch7.session_monitoring", &[":killed", "SessionStore.Cache.active_sessions()  # the cache handled its :DOWN too  # => []"]),
        ("ch7.session_persistence", &["SessionStore.Session.all_data(pid)  # => %{items: [\"book\", \"pen\"], total: 42}", "cart-42.session"]),
        ("ch7.session_load", &["report.ops  # => 200", "SessionStore.Stats.get_stats()"]),
    ];
    let all = scenarios();
    for (id, lines) in expected {
        let scenario = all.iter().find(|s| s.id == *id).unwrap();
        let rt = Runtime::new();
        scenario.run_to_end(&rt).unwrap();
        let trace = trace_text(&rt);
        for line in *lines {
            assert!(trace.contains(line), "{id}: {line:?} not in the trace:\n{trace}");
        }
    }
}
