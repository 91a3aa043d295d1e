//! Chapter 7 concept drills: UserServer/UserCache (drills 2–3), SimpleStorage (4),
//! BottleneckAnalysis (5), CastVsCall (6), WorkerPool (7).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use otp_playground::runtime::Runtime;
use otp_playground::storage::Backend;
use otp_playground::systems::ch7::{
    self, CastVsCall, Job, Lookup, Profile, ProfileUpdate, SimpleStorage, UserCache, UserServer, WorkResult, WorkerPool,
    async_await_many, benchmark,
};
use otp_playground::term::{Atom, term_to_binary, to_term};
use serde::{Deserialize, Serialize};

mod support;
use support::log_lines;

// ---- Drill 2 ----

#[test]
fn drill_2_same_user_same_server_and_the_update_shows_in_the_profile() {
    let rt = Runtime::new();
    let (pid1, again, pid2, profile) = rt
        .block_on(|ctx| async move {
            UserCache::start_link(&ctx).await.unwrap();
            let pid1 = UserCache::server_process(&ctx, 1).await;
            let again = UserCache::server_process(&ctx, 1).await;
            let pid2 = UserCache::server_process(&ctx, 2).await;
            UserServer::update_profile(&ctx, pid1, ProfileUpdate::email("user1@example.com"));
            (pid1, again, pid2, UserServer::get_profile(&ctx, pid1).await)
        })
        .unwrap();
    assert_eq!(pid1, again);
    assert_ne!(pid1, pid2);
    assert_eq!(to_term(&profile).to_string(), r#"%{email: "user1@example.com", name: "User1", user_id: 1}"#);
    assert!(log_lines(&rt).contains(&"Starting UserServer for user 2".to_string()));
}

// ---- Drill 3: UserCacheTest (each test starts its own cache, as `setup` does) ----

fn with_cache<T: 'static, Fut: std::future::Future<Output = T> + 'static>(
    body: impl FnOnce(otp_playground::runtime::Ctx) -> Fut + 'static,
) -> T {
    Runtime::new()
        .block_on(|ctx| async move {
            UserCache::start_link(&ctx).await.unwrap();
            body(ctx).await
        })
        .unwrap()
}

#[test]
fn user_cache_returns_same_server_for_same_user() {
    let (pid1, pid2) = with_cache(|ctx| async move {
        (UserCache::server_process(&ctx, 1).await, UserCache::server_process(&ctx, 1).await)
    });
    assert_eq!(pid1, pid2);
}

#[test]
fn user_cache_returns_different_servers_for_different_users() {
    let (pid1, pid2) = with_cache(|ctx| async move {
        (UserCache::server_process(&ctx, 1).await, UserCache::server_process(&ctx, 2).await)
    });
    assert_ne!(pid1, pid2);
}

#[test]
fn user_cache_server_maintains_state_across_calls() {
    let profile = with_cache(|ctx| async move {
        let pid = UserCache::server_process(&ctx, 1).await;
        UserServer::update_profile(&ctx, pid, ProfileUpdate::name("Alice"));
        UserServer::get_profile(&ctx, pid).await
    });
    assert_eq!(profile.name, "Alice");
}

#[test]
fn user_cache_creates_multiple_servers() {
    let mut pids = with_cache(|ctx| async move {
        let mut pids = Vec::new();
        for id in 1..=10 {
            pids.push(UserCache::server_process(&ctx, id).await);
        }
        pids
    });
    pids.sort();
    pids.dedup();
    assert_eq!(pids.len(), 10);
}

// ---- Drill 3: UserServerTest ----

fn with_user_server<T: 'static>(user_id: u64, updates: Option<ProfileUpdate>, check: impl FnOnce(Profile) -> T + 'static) -> T {
    Runtime::new()
        .block_on(move |ctx| async move {
            let pid = UserServer::start_link(&ctx, user_id).await.unwrap();
            if let Some(updates) = updates {
                UserServer::update_profile(&ctx, pid, updates);
            }
            check(UserServer::get_profile(&ctx, pid).await)
        })
        .unwrap()
}

#[test]
fn user_server_initializes_with_user_id() {
    assert_eq!(with_user_server(42, None, |p| p.user_id), 42);
}

#[test]
fn user_server_updates_profile() {
    let profile = with_user_server(1, Some(ProfileUpdate::name("Bob").with_email("bob@example.com")), |p| p);
    assert_eq!(profile.name, "Bob");
    assert_eq!(profile.email.as_deref(), Some("bob@example.com"));
}

#[test]
fn user_server_pattern_matching_in_assertions() {
    // assert %{user_id: 1, name: "Charlie"} = UserServer.get_profile(pid)
    let profile = with_user_server(1, Some(ProfileUpdate::name("Charlie")), |p| p);
    assert!(matches!(profile, Profile { user_id: 1, ref name, .. } if name == "Charlie"));
}

// ---- Drill 4 ----

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Todo {
    id: u64,
    title: String,
    done: bool,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct AliceTodos {
    user: String,
    todos: Vec<Todo>,
}

fn alice_todos() -> AliceTodos {
    AliceTodos {
        user: "Alice".into(),
        todos: vec![
            Todo { id: 1, title: "Buy milk".into(), done: false },
            Todo { id: 2, title: "Call dentist".into(), done: true },
        ],
    }
}

#[test]
fn simple_storage_round_trips_data_and_lists_its_key() {
    let backend = Backend::memory();
    let (retrieved, keys, raw) = Runtime::new()
        .block_on(move |_ctx| async move {
            SimpleStorage::init(&backend).await;
            SimpleStorage::store(&backend, "alice_todos", &alice_todos()).await.unwrap();
            let retrieved = SimpleStorage::get::<AliceTodos>(&backend, "alice_todos").await;
            let keys = SimpleStorage::list_keys(&backend).await;
            (retrieved, keys, backend.get_raw("alice_todos").await.unwrap())
        })
        .unwrap();
    let Lookup::Ok(retrieved) = retrieved else { panic!("not found: {retrieved:?}") };
    assert_eq!(retrieved.user, "Alice");
    assert_eq!(retrieved.todos.len(), 2);
    assert!(keys.contains(&Atom::new("alice_todos")));
    assert_eq!(raw, Some(term_to_binary(&to_term(&alice_todos()))), "the stored bytes are term_to_binary's");
}

#[test]
fn simple_storage_reports_missing_keys_and_bad_data() {
    let backend = Backend::memory();
    let (missing, wrong_shape, deleted, deleted_again) = Runtime::new()
        .block_on(move |_ctx| async move {
            let missing = SimpleStorage::get::<AliceTodos>(&backend, "nobody").await;
            SimpleStorage::store(&backend, "number", &42).await.unwrap();
            let wrong_shape = SimpleStorage::get::<AliceTodos>(&backend, "number").await;
            let deleted = SimpleStorage::delete(&backend, "number").await;
            (missing, wrong_shape, deleted, SimpleStorage::delete(&backend, "number").await)
        })
        .unwrap();
    assert_eq!(to_term(&missing).to_string(), ":not_found");
    assert!(matches!(wrong_shape, Lookup::Error(_)), "{wrong_shape:?}");
    assert_eq!(to_term(&deleted).to_string(), ":ok");
    assert_eq!(to_term(&deleted_again).to_string(), "{:error, :enoent}");
}

// ---- Drill 5 ----

#[test]
fn bottleneck_single_process_serializes_work_and_spawning_overlaps_it() {
    let rt = Runtime::new();
    let report = rt.block_on(|ctx| async move { benchmark(&ctx, &[100; 10]).await }).unwrap().unwrap();
    assert_eq!((report.single_ms, report.concurrent_ms, report.speedup), (1000, 100, 10.0));
    let logs = log_lines(&rt);
    for line in ["Single process: 1000ms", "Concurrent: 100ms", "Speedup: 10.0x"] {
        assert!(logs.contains(&line.to_string()), "{line}");
    }
}

#[test]
fn bottleneck_with_the_sheets_100_units_of_10_ms() {
    let report = Runtime::new().block_on(|ctx| async move { benchmark(&ctx, &[10; 100]).await }).unwrap().unwrap();
    assert_eq!((report.single_ms, report.concurrent_ms, report.speedup), (1000, 10, 100.0));
}

// ---- Drill 6 ----

#[test]
fn cast_vs_call_a_call_after_casts_from_the_same_process_sees_them() {
    let totals = Runtime::new()
        .block_on(|ctx| async move {
            CastVsCall::start_link(&ctx).await.unwrap();
            CastVsCall::add_async(&ctx, 10);
            CastVsCall::add_async(&ctx, 20);
            let after_casts = CastVsCall::get_total(&ctx).await;
            CastVsCall::add_sync(&ctx, 30).await;
            (after_casts, CastVsCall::get_total(&ctx).await)
        })
        .unwrap();
    assert_eq!(totals, (30, 60));
}

#[test]
fn cast_vs_call_state_is_the_struct_with_operations_newest_first() {
    let rt = Runtime::new();
    let pid = rt
        .block_on(|ctx| async move {
            let pid = CastVsCall::start_link(&ctx).await.unwrap();
            CastVsCall::add_async(&ctx, 10);
            CastVsCall::add_sync(&ctx, 30).await;
            pid
        })
        .unwrap();
    let state = rt.process_detail(pid).unwrap().state.unwrap();
    assert_eq!(state.to_string(), "%CastVsCall{operations: [30, 10], total: 40}");
}

#[test]
fn cast_to_a_missing_server_is_silent_but_a_call_exits_the_caller() {
    let rt = Runtime::new();
    let cast_survived = rt.block_on(|ctx| async move {
        CastVsCall::add_async(&ctx, 40);
        true
    });
    assert_eq!(cast_survived, Ok(true));
    let call = rt.block_on(|ctx| async move { CastVsCall::add_sync(&ctx, 40).await });
    assert_eq!(call.unwrap_err().to_string(), "{:noproc, {GenServer, :call, [CastVsCall, 5000]}}");
}

// ---- Drill 7 ----

#[test]
fn worker_pool_hands_tasks_round_robin_and_returns_each_result_with_its_worker() {
    let rt = Runtime::new();
    let (results, elapsed) = rt
        .block_on(|ctx| async move {
            WorkerPool::start_link(&ctx, 3).await.unwrap();
            let start = ctx.now();
            let tasks = (1..=10).map(|i: i64| {
                move |task: otp_playground::runtime::Ctx| async move {
                    let job = Job::new(format!("fn -> Process.sleep(100); {i} * 2 end"), move |w: otp_playground::runtime::Ctx| async move {
                        w.sleep(100).await;
                        i * 2
                    });
                    WorkerPool::execute(&task, job).await
                }
            });
            let results: Vec<WorkResult> = async_await_many(&ctx, tasks).await.unwrap();
            (results, ctx.now() - start)
        })
        .unwrap();
    assert_eq!(
        to_term(&results).to_string(),
        "[{:ok, 2, 1}, {:ok, 4, 2}, {:ok, 6, 3}, {:ok, 8, 1}, {:ok, 10, 2}, {:ok, 12, 3}, {:ok, 14, 1}, {:ok, 16, 2}, {:ok, 18, 3}, {:ok, 20, 1}]"
    );
    assert_eq!(elapsed, 1000, "the pool waits for each task inside handle_call");
}

#[test]
fn worker_counts_its_completed_tasks() {
    let rt = Runtime::new();
    let pool = rt
        .block_on(|ctx| async move {
            let pool = WorkerPool::start_link(&ctx, 2).await.unwrap();
            for i in 0..3 {
                WorkerPool::execute(&ctx, Job::new("fn -> 1 end", move |_| async move { i })).await;
            }
            pool
        })
        .unwrap();
    let state = rt.process_detail(pool).unwrap().state.unwrap();
    let workers = match state.map_get(&otp_playground::term::Term::atom("workers")) {
        Some(otp_playground::term::Term::List(w)) => w.clone(),
        other => panic!("{other:?}"),
    };
    let shown: Vec<String> = workers
        .iter()
        .map(|w| match w {
            otp_playground::term::Term::Pid(p) => rt.process_detail(*p).unwrap().state.unwrap().to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(shown, vec!["%{id: 1, tasks_completed: 2}", "%{id: 2, tasks_completed: 1}"]);
    assert_eq!(state.map_get(&otp_playground::term::Term::atom("current")), Some(&otp_playground::term::Term::Int(1)));
}

// ---- scenarios ----

#[test]
fn every_ch7_drill_scenario_runs_to_the_end_and_logs_the_sheet_lines() {
    let expected_lines: &[(&str, &[&str])] = &[
        ("ch7.users", &[
            "pid1 != pid2  # => true",
            "IO.inspect(UserServer.get_profile(pid1))  # => %{email: \"user1@example.com\", name: \"User1\", user_id: 1}",
        ]),
        ("ch7.simple_storage", &["retrieved.user  # => \"Alice\"", "length(retrieved.todos)  # => 2", ":alice_todos in keys  # => true"]),
        ("ch7.bottleneck", &["Single process: 1000ms", "Concurrent: 100ms", "Speedup: 10.0x", "Float.round(time1 / time2, 2)  # => 10.0"]),
        ("ch7.cast_vs_call", &[
            "CastVsCall.get_total()  # => 30",
            "CastVsCall.get_total()  # => 60",
            "CastVsCall.add_async(40)  # => :ok",
            "catch_exit(CastVsCall.add_sync(40))  # => {:noproc, {GenServer, :call, [CastVsCall, 5000]}}",
        ]),
        ("ch7.worker_pool", &[
            "IO.inspect(results)  # => [{:ok, 2, 1}, {:ok, 4, 2}, {:ok, 6, 3}, {:ok, 8, 1}, {:ok, 10, 2}, {:ok, 12, 3}, {:ok, 14, 1}, {:ok, 16, 2}, {:ok, 18, 3}, {:ok, 20, 1}]",
            "elapsed_ms  # => 1000",
        ]),
    ];
    let scenarios = ch7::scenarios();
    assert_eq!(scenarios.iter().map(|s| s.id).collect::<Vec<_>>(), expected_lines.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    for (scenario, (_, lines)) in scenarios.iter().zip(expected_lines) {
        assert_eq!(scenario.chapter, 7);
        let rt = Runtime::new();
        assert_eq!(scenario.run_to_end(&rt), Ok(()), "{}", scenario.id);
        let logs = log_lines(&rt);
        for line in *lines {
            assert!(logs.iter().any(|l| l == line), "{}: no line {line:?} in {logs:#?}", scenario.id);
        }
    }
}

#[test]
fn drill_messages_render_as_the_sheets_tuples() {
    use otp_playground::systems::ch7::{CastVsCallCall, CastVsCallCast, Done, PoolCall, UserCacheCall, UserCall, UserCast, WorkCall};
    let shown = |t: otp_playground::term::Term| t.to_string();
    assert_eq!(shown(to_term(&UserCall::GetProfile)), ":get_profile");
    assert_eq!(
        shown(to_term(&UserCast::Update(ProfileUpdate::email("user1@example.com")))),
        r#"{:update, %{email: "user1@example.com"}}"#
    );
    assert_eq!(shown(to_term(&UserCacheCall::ServerProcess(1))), "{:server_process, 1}");
    assert_eq!(shown(to_term(&WorkCall::Work(10))), "{:work, 10}");
    assert_eq!(shown(to_term(&Done::Done)), ":done");
    assert_eq!(shown(to_term(&CastVsCallCast::Add(10))), "{:add, 10}");
    assert_eq!(shown(to_term(&CastVsCallCall::GetTotal)), ":get_total");
    let job = Job::new("fn -> 1 * 2 end", |_| async { 2 });
    assert_eq!(shown(to_term(&PoolCall::Execute(job))), "{:execute, #Function<fn -> 1 * 2 end>}");
}
