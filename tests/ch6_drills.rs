//! Chapter 6 drills and exercises: each sheet test block's assertions, the behaviour the
//! sheet describes around them, and every chapter 6 scenario run to the end.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use otp_playground::runtime::*;
use support::{check_scenarios, log_lines};
use otp_playground::storage::Backend;
use otp_playground::systems::ch6;
use otp_playground::systems::ch6::cache_server::{CacheServer, Lookup};
use otp_playground::systems::ch6::counters::{RegisteredCounter, UnregisteredCounter};
use otp_playground::systems::ch6::database_pool::{Connection, DatabasePool, PoolStatus};
use otp_playground::systems::ch6::init_examples::InitExamples;
use otp_playground::systems::ch6::logger::{LogEntry, Logger};
use otp_playground::systems::ch6::rate_limiter::{LimiterStatus, RateLimiter};
use otp_playground::systems::ch6::server_process::{Counter, ServerProcess};
use otp_playground::systems::ch6::slow_server::{Done, SlowServer};
use otp_playground::systems::ch6::stack::Stack;
use otp_playground::systems::ch6::todo_server::TodoServer;
use otp_playground::systems::todo::{Entry, NewEntry, Updater};
use otp_playground::term::{Atom, Date, Term, binary_to_term, to_term};

/// The text of every `ctx.log` line in the trace, in order.
fn state_of(rt: &Runtime, name: &str) -> String {
    let pid = rt.whereis(name).expect("the server is running");
    rt.process_detail(pid).and_then(|d| d.state).expect("the server is idle").to_string()
}

// Drill 1: ServerProcess + Counter

#[test]
fn server_process_counter_answers_ok_then_the_count() {
    let rt = Runtime::new();
    let replies = rt.block_on(|ctx| async move {
        let pid = ServerProcess::start::<Counter>(&ctx);
        let increment = ServerProcess::call(&ctx, pid, Atom::new("increment")).await;
        let get = ServerProcess::call(&ctx, pid, Atom::new("get")).await;
        (increment, get)
    });
    assert_eq!(replies.unwrap(), (Term::atom("ok"), Term::Int(1)));
}

#[test]
fn server_process_call_is_a_plain_send_of_request_and_caller_pid() {
    let rt = Runtime::new();
    let (shell, server) = rt
        .block_on(|ctx| async move {
            let pid = ServerProcess::start::<Counter>(&ctx);
            ServerProcess::call(&ctx, pid, Atom::new("increment")).await;
            (ctx.pid(), pid)
        })
        .unwrap();
    let sends: Vec<String> = rt
        .trace_since(0, usize::MAX)
        .into_iter()
        .filter(|e| matches!(e.kind, EventKind::Send(MsgKind::Info)))
        .map(|e| e.detail_text())
        .collect();
    assert_eq!(sends, vec![format!("{{:increment, {shell}}}"), "{:response, :ok}".to_string()]);
    assert!(rt.is_alive(server));
}

#[test]
fn server_process_crashes_on_a_request_no_clause_matches() {
    let rt = Runtime::new();
    let server = rt
        .block_on(|ctx| async move {
            let pid = ServerProcess::start::<Counter>(&ctx);
            let _ = ctx.send(pid, (Atom::new("reset"), ctx.pid()));
            ctx.monitor(pid);
            ctx.receive().await
        })
        .unwrap();
    match server {
        Info::Down { reason, .. } => assert_eq!(reason.to_string(), "{:function_clause, :reset}"),
        other => panic!("expected a DOWN, got {other:?}"),
    }
}

// Drill 2: Stack

#[test]
fn stack_push_is_a_cast_and_pop_and_peek_answer_as_in_the_sheet() {
    let rt = Runtime::new();
    let replies = rt.block_on(|ctx| async move {
        Stack::start_link(&ctx, vec![]).await.unwrap();
        for item in 1..=3 {
            Stack::push(&ctx, item);
        }
        let mut replies = Vec::new();
        replies.push(Stack::peek(&ctx).await);
        replies.push(Stack::pop(&ctx).await);
        replies.push(Stack::pop(&ctx).await);
        replies.push(Stack::peek(&ctx).await);
        replies
    });
    let shown: Vec<String> = replies.unwrap().iter().map(|r| to_term(r).to_string()).collect();
    assert_eq!(shown, ["{:ok, 3}", "{:ok, 3}", "{:ok, 2}", "{:ok, 1}"]);
    assert_eq!(state_of(&rt, "Stack"), "[1]");
}

#[test]
fn stack_pop_and_peek_on_an_empty_stack_give_error_empty() {
    let rt = Runtime::new();
    let replies = rt.block_on(|ctx| async move {
        Stack::start_link(&ctx, vec![Term::atom("only")]).await.unwrap();
        (Stack::pop(&ctx).await, Stack::pop(&ctx).await, Stack::peek(&ctx).await)
    });
    let (first, second, peek) = replies.unwrap();
    assert_eq!(first, Ok(Term::atom("only")));
    assert_eq!(to_term(&second).to_string(), "{:error, :empty}");
    assert_eq!(to_term(&peek).to_string(), "{:error, :empty}");
}

#[test]
fn stack_state_is_the_list_with_the_last_push_first() {
    let rt = Runtime::new();
    let peek = rt.block_on(|ctx| async move {
        Stack::start_link(&ctx, vec![]).await.unwrap();
        Stack::push(&ctx, 1);
        Stack::push(&ctx, "two");
        Stack::peek(&ctx).await
    });
    assert_eq!(peek.unwrap(), Ok(Term::string("two")));
    assert_eq!(state_of(&rt, "Stack"), "[\"two\", 1]");
}

// Drill 3: Logger

fn entry(level: &str, message: &str, timestamp: u64) -> LogEntry {
    LogEntry { level: Atom::new(level), message: message.to_string(), timestamp }
}

#[test]
fn logger_get_logs_returns_entries_oldest_first_and_filters_by_level() {
    let rt = Runtime::new();
    let (all, errors) = rt
        .block_on(|ctx| async move {
            Logger::start_link(&ctx, Backend::memory()).await.unwrap();
            Logger::log(&ctx, "info", "one");
            ctx.sleep(10).await;
            Logger::log(&ctx, "error", "two");
            Logger::log(&ctx, "info", "three");
            (Logger::get_logs(&ctx, None).await, Logger::get_logs(&ctx, Some("error")).await)
        })
        .unwrap();
    assert_eq!(all, vec![entry("info", "one", 0), entry("error", "two", 10), entry("info", "three", 10)]);
    assert_eq!(errors, vec![entry("error", "two", 10)]);
    assert_eq!(to_term(&errors).to_string(), "[%{level: :error, message: \"two\", timestamp: 10}]");
}

#[test]
fn logger_log_prints_the_level_and_message_like_io_puts() {
    let rt = Runtime::new();
    rt.block_on(|ctx| async move {
        Logger::start_link(&ctx, Backend::memory()).await.unwrap();
        Logger::log(&ctx, "warn", "low disk");
        Logger::get_logs(&ctx, None).await
    })
    .unwrap();
    assert!(log_lines(&rt).contains(&"[warn] low disk".to_string()));
}

#[test]
fn logger_flush_to_disk_writes_term_to_binary_of_the_logs_newest_first() {
    let rt = Runtime::new();
    let disk = Backend::memory();
    let disk_in_shell = disk.clone();
    let flushed = rt
        .block_on(|ctx| async move {
            Logger::start_link(&ctx, disk_in_shell).await.unwrap();
            Logger::log(&ctx, "info", "a");
            Logger::log(&ctx, "info", "b");
            Logger::flush_to_disk(&ctx, "/tmp/logs.bin").await
        })
        .unwrap();
    assert_eq!(flushed, Ok(()));
    let bytes = rt.block_on(move |_| async move { disk.get_raw("/tmp/logs.bin").await }).unwrap().unwrap().unwrap();
    assert_eq!(binary_to_term(&bytes).unwrap(), to_term(&vec![entry("info", "b", 0), entry("info", "a", 0)]));
}

#[test]
fn logger_clear_empties_the_logs() {
    let rt = Runtime::new();
    let logs = rt.block_on(|ctx| async move {
        Logger::start_link(&ctx, Backend::memory()).await.unwrap();
        Logger::log(&ctx, "info", "a");
        Logger::clear(&ctx).await;
        Logger::get_logs(&ctx, None).await
    });
    assert_eq!(logs.unwrap(), vec![]);
    assert_eq!(state_of(&rt, "Logger"), "[]");
}

// Drill 4: CacheServer

#[test]
fn cache_server_get_answers_the_value_until_the_ttl_passes() {
    let rt = Runtime::new();
    let lookups = rt.block_on(|ctx| async move {
        CacheServer::start_link(&ctx).await.unwrap();
        CacheServer::put(&ctx, Atom::new("k"), "v", 5).await;
        let fresh = CacheServer::get(&ctx, Atom::new("k")).await;
        ctx.sleep(4999).await;
        let almost = CacheServer::get(&ctx, Atom::new("k")).await;
        ctx.sleep(1).await;
        let expired = CacheServer::get(&ctx, Atom::new("k")).await;
        let unknown = CacheServer::get(&ctx, Atom::new("nope")).await;
        (fresh, almost, expired, unknown)
    });
    let (fresh, almost, expired, unknown) = lookups.unwrap();
    assert_eq!(to_term(&fresh).to_string(), "{:ok, \"v\"}");
    assert_eq!(almost, Lookup::Ok(Term::string("v")));
    assert_eq!(to_term(&expired).to_string(), ":not_found");
    assert_eq!(unknown, Lookup::NotFound);
    assert_eq!(state_of(&rt, "CacheServer"), "%{}", "the expired entry was dropped by get");
}

#[test]
fn cache_server_cleanup_every_10_seconds_removes_expired_entries() {
    let rt = Runtime::new();
    rt.block_on(|ctx| async move {
        CacheServer::start_link(&ctx).await.unwrap();
        CacheServer::put(&ctx, Atom::new("short"), 1, 3).await;
        CacheServer::put(&ctx, Atom::new("long"), 2, 60).await;
    })
    .unwrap();
    rt.advance_by(9_999);
    assert_eq!(state_of(&rt, "CacheServer"), "%{long: {2, 60}, short: {1, 3}}");
    rt.advance_by(1);
    assert_eq!(state_of(&rt, "CacheServer"), "%{long: {2, 60}}");
    rt.advance_by(10_000);
    let cleanups: Vec<String> = log_lines(&rt).into_iter().filter(|l| l.starts_with("Cleaned up")).collect();
    assert_eq!(cleanups, ["Cleaned up 1 expired entries", "Cleaned up 0 expired entries"]);
}

// Drill 5: counters

#[test]
fn unregistered_counter_is_reached_by_pid_and_registered_counter_by_name() {
    let rt = Runtime::new();
    let counts = rt.block_on(|ctx| async move {
        let pid = UnregisteredCounter::start_link(&ctx).await.unwrap();
        let a = UnregisteredCounter::increment(&ctx, pid).await;
        let b = UnregisteredCounter::increment(&ctx, pid).await;
        RegisteredCounter::start_link(&ctx).await.unwrap();
        let c = RegisteredCounter::increment(&ctx).await;
        (a, b, c)
    });
    assert_eq!(counts.unwrap(), (1, 2, 1));
    assert!(rt.whereis("UnregisteredCounter").is_none());
    assert!(rt.whereis("RegisteredCounter").is_some());
}

#[test]
fn a_second_registered_counter_is_refused_with_already_started() {
    let rt = Runtime::new();
    let (first, second) = rt
        .block_on(|ctx| async move { (RegisteredCounter::start_link(&ctx).await, RegisteredCounter::start_link(&ctx).await) })
        .unwrap();
    let first = first.unwrap();
    assert_eq!(second, Err(StartError::AlreadyStarted(first)));
    assert_eq!(second.unwrap_err().to_string(), format!("{{:error, {{:already_started, {first}}}}}"));
}

// Drill 6: InitExamples

#[test]
fn init_examples_simple_and_params_start_with_their_states() {
    let rt = Runtime::new();
    let states = rt.block_on(|ctx| async move {
        let simple = InitExamples::start_simple(&ctx).await.unwrap();
        let params = InitExamples::start_with_params(&ctx, 42).await.unwrap();
        let valid = InitExamples::start_with_validation(&ctx, 7).await.unwrap();
        (
            InitExamples::get_state(&ctx, simple).await,
            InitExamples::get_state(&ctx, params).await,
            InitExamples::get_state(&ctx, valid).await,
        )
    });
    let (simple, params, valid) = states.unwrap();
    assert_eq!(to_term(&simple).to_string(), "%{type: :simple, value: 0}");
    assert_eq!(to_term(&params).to_string(), "%{type: :params, value: 42}");
    assert_eq!(to_term(&valid).to_string(), "%{type: :validated, value: 7}");
}

#[test]
fn init_examples_validation_refuses_anything_but_a_positive_integer() {
    let rt = Runtime::new();
    let results = rt.block_on(|ctx| async move {
        ctx.trap_exit(true);
        let mut results = Vec::new();
        for value in [Term::Int(-5), Term::Int(0), Term::string("5")] {
            results.push(InitExamples::start_with_validation(&ctx, value).await);
        }
        results
    });
    for result in results.unwrap() {
        assert_eq!(result, Err(StartError::Stop(ExitReason::atom("invalid_initial_value"))));
        assert_eq!(to_term(&result).to_string(), "{:error, :invalid_initial_value}");
    }
}

#[test]
fn init_examples_deferred_returns_at_once_and_loads_in_handle_continue() {
    let rt = Runtime::new();
    let pid = rt.block_on(|ctx| async move { InitExamples::start_deferred(&ctx).await.unwrap() }).unwrap();
    assert_eq!(rt.now(), 0, "start_deferred returned before any time passed");
    assert_eq!(rt.process_detail(pid).unwrap().state, None, "busy in handle_continue");
    let state = rt.block_on(move |ctx| async move { InitExamples::get_state(&ctx, pid).await }).unwrap();
    assert_eq!(to_term(&state).to_string(), "%{type: :deferred, value: \"expensive data\"}");
    assert_eq!(rt.now(), 3000);
}

// Drill 7: SlowServer

#[test]
fn slow_server_timeline_matches_the_sheet() {
    let rt = Runtime::new();
    let timeline = rt.block_on(|ctx| async move {
        SlowServer::start_link(&ctx).await.unwrap();
        let mut t = Vec::new();
        t.push((SlowServer::fast_operation(&ctx).await, ctx.now()));
        t.push((SlowServer::slow_operation(&ctx, 3000).await, ctx.now()));
        let timed_out = SlowServer::try_slow_operation(&ctx, 6000).await;
        let timed_out_at = ctx.now();
        t.push((SlowServer::slow_operation_with_timeout(&ctx, 6000, 10_000).await, ctx.now()));
        t.push((SlowServer::infinite_wait(&ctx, 20_000).await, ctx.now()));
        (t, timed_out, timed_out_at)
    });
    let (t, timed_out, timed_out_at) = timeline.unwrap();
    assert_eq!(t, vec![(Done, 0), (Done, 3000), (Done, 15_000), (Done, 35_000)]);
    assert_eq!(timed_out, Err(CallError::Timeout));
    assert_eq!(timed_out_at, 8000, "the default timeout is 5000 ms");
    assert_eq!(to_term(&Done).to_string(), ":done");
    let dropped = rt.trace_since(0, usize::MAX).into_iter().filter(|e| e.kind == EventKind::Dropped).count();
    assert_eq!(dropped, 1, "the reply to the timed-out call is dropped");
}

#[test]
fn slow_server_uncaught_timeout_exits_the_caller() {
    let rt = Runtime::new();
    let exit = rt.block_on(|ctx| async move {
        SlowServer::start_link(&ctx).await.unwrap();
        ctx.unlink(ctx.whereis("SlowServer").unwrap());
        SlowServer::slow_operation(&ctx, 6000).await
    });
    assert_eq!(exit.unwrap_err().to_string(), "{:timeout, {GenServer, :call, [SlowServer, 5000]}}");
}

// Exercise 1: TodoServer

#[test]
fn todo_server_adds_queries_updates_and_deletes_entries() {
    let rt = Runtime::new();
    let d = Date::new(2024, 1, 22);
    let (day, all) = rt
        .block_on(move |ctx| async move {
            TodoServer::start_link(&ctx).await.unwrap();
            TodoServer::add_entry(&ctx, NewEntry::new(d, "Buy milk"));
            TodoServer::add_entry(&ctx, NewEntry::new(Date::new(2024, 1, 23), "Dentist"));
            TodoServer::add_entry(&ctx, NewEntry::new(d, "Call mom"));
            let day = TodoServer::entries(&ctx, d).await;
            TodoServer::update_entry(&ctx, 1, Updater::set_title("Buy oat milk"));
            TodoServer::delete_entry(&ctx, 2);
            (day, TodoServer::all_entries(&ctx).await)
        })
        .unwrap();
    let e = |id, date, title: &str| Entry { id, date, title: title.to_string() };
    assert_eq!(day, vec![e(1, d, "Buy milk"), e(3, d, "Call mom")]);
    assert_eq!(all, vec![e(1, d, "Buy oat milk"), e(3, d, "Call mom")]);
    assert_eq!(
        to_term(&day[0]).to_string(),
        "%{date: ~D[2024-01-22], id: 1, title: \"Buy milk\"}"
    );
}

#[test]
fn todo_server_update_is_a_cast_carrying_the_function() {
    let rt = Runtime::new();
    rt.block_on(|ctx| async move {
        TodoServer::start_link(&ctx).await.unwrap();
        TodoServer::update_entry(&ctx, 1, Updater::set_title("x"));
        TodoServer::all_entries(&ctx).await
    })
    .unwrap();
    let casts: Vec<String> = rt
        .trace_since(0, usize::MAX)
        .into_iter()
        .filter(|e| e.kind == EventKind::Send(MsgKind::Cast))
        .map(|e| e.detail_text())
        .collect();
    assert_eq!(casts, ["{:update_entry, 1, #Function<fn e -> %{e | title: \"x\"} end>}"]);
}

// Exercise 2: DatabasePool

#[test]
fn database_pool_usage_block_hands_the_checked_in_connection_to_the_waiting_task() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        DatabasePool::start_link(&ctx, 3).await.unwrap();
        let conn1 = DatabasePool::checkout(&ctx).await.unwrap_or_else(|n| match n {});
        let conn2 = DatabasePool::checkout(&ctx).await;
        let conn3 = DatabasePool::checkout(&ctx).await;
        let full = DatabasePool::status(&ctx).await;
        let task = ctx.task_async::<Result<Connection, Never>, _, _>(|t| async move { DatabasePool::checkout(&t).await });
        ctx.sleep(1).await;
        let waiting = DatabasePool::status(&ctx).await;
        DatabasePool::checkin(&ctx, conn1);
        let conn4 = task.await_result(&ctx).await;
        (conn1, conn2, conn3, full, waiting, conn4, DatabasePool::status(&ctx).await)
    });
    let (conn1, conn2, conn3, full, waiting, conn4, after) = result.unwrap();
    assert_eq!((conn1, conn2, conn3), (Connection::Conn(1), Ok(Connection::Conn(2)), Ok(Connection::Conn(3))));
    assert_eq!(to_term(&full).to_string(), "%{available: 0, total: 3, waiting: 0}");
    assert_eq!(waiting, PoolStatus { available: 0, waiting: 1, total: 3 });
    assert_eq!(conn4, Ok(conn1), "conn4 == conn1");
    assert_eq!(to_term(&conn4).to_string(), "{:ok, {:conn, 1}}");
    assert_eq!(after, PoolStatus { available: 0, waiting: 0, total: 3 });
}

#[test]
fn database_pool_checkin_with_nobody_waiting_returns_the_connection_to_the_pool() {
    let rt = Runtime::new();
    let statuses = rt.block_on(|ctx| async move {
        DatabasePool::start_link(&ctx, 2).await.unwrap();
        let conn = DatabasePool::checkout(&ctx).await.unwrap_or_else(|n| match n {});
        let during = DatabasePool::status(&ctx).await;
        DatabasePool::checkin(&ctx, conn);
        (during, DatabasePool::status(&ctx).await, DatabasePool::checkout(&ctx).await)
    });
    let (during, after, again) = statuses.unwrap();
    assert_eq!(during.available, 1);
    assert_eq!(after.available, 2);
    assert_eq!(again, Ok(Connection::Conn(1)), "the returned connection is handed out first");
}

#[test]
fn database_pool_waiting_callers_are_served_in_arrival_order() {
    let rt = Runtime::new();
    let got = rt.block_on(|ctx| async move {
        DatabasePool::start_link(&ctx, 1).await.unwrap();
        let conn = DatabasePool::checkout(&ctx).await.unwrap_or_else(|n| match n {});
        let first = ctx.task_async::<Result<Connection, Never>, _, _>(|t| async move { DatabasePool::checkout(&t).await });
        ctx.sleep(1).await;
        let _second = ctx.task_async::<Result<Connection, Never>, _, _>(|t| async move { DatabasePool::checkout(&t).await });
        ctx.sleep(1).await;
        DatabasePool::checkin(&ctx, conn);
        let first_got = first.await_result(&ctx).await;
        let queued = DatabasePool::status(&ctx).await.waiting;
        (first_got, queued)
    });
    assert_eq!(got.unwrap(), (Ok(Connection::Conn(1)), 1));
}

// Exercise 3: RateLimiter

#[test]
fn rate_limiter_test_block_from_the_sheet() {
    let rt = Runtime::new();
    let result = rt.block_on(|ctx| async move {
        RateLimiter::start_link(&ctx, 10, 2).await.unwrap();
        let a = RateLimiter::allow(&ctx, 5).await;
        let s1 = RateLimiter::status(&ctx).await;
        let b = RateLimiter::allow(&ctx, 10).await;
        ctx.sleep(3000).await;
        (a, s1, b, RateLimiter::status(&ctx).await)
    });
    let (a, s1, b, s2) = result.unwrap();
    assert!(a);
    assert_eq!(to_term(&s1).to_string(), "%{max: 10, tokens: 5}");
    assert!(!b);
    assert_eq!(s2, LimiterStatus { tokens: 10, max: 10 });
}

#[test]
fn rate_limiter_refills_refill_rate_tokens_per_second_up_to_the_max() {
    let rt = Runtime::new();
    let tokens = rt.block_on(|ctx| async move {
        RateLimiter::start_link(&ctx, 10, 2).await.unwrap();
        assert!(RateLimiter::allow(&ctx, 10).await);
        let mut seen = vec![RateLimiter::status(&ctx).await.tokens];
        for _ in 0..6 {
            ctx.sleep(1000).await;
            seen.push(RateLimiter::status(&ctx).await.tokens);
        }
        seen
    });
    assert_eq!(tokens.unwrap(), vec![0, 2, 4, 6, 8, 10, 10]);
}

// Scenarios

#[test]
fn every_chapter_6_scenario_runs_to_the_end_and_logs_the_sheet_lines() {
    let expected: &[(&str, &[&str])] = &[
        (
            "ch6.server_process",
            &[
                "ServerProcess.call(pid, :increment)  # => :ok",
                "ServerProcess.call(pid, :get)  # => 1",
            ],
        ),
        (
            "ch6.stack",
            &[
                "Stack.peek()  # => {:ok, 3}",
                "Stack.pop()  # => {:ok, 3}",
                "Stack.pop()  # => {:ok, 2}",
                "Stack.peek()  # => {:ok, 1}",
            ],
        ),
        (
            "ch6.logger",
            &[
                "[info] Server started",
                "Logger.flush_to_disk(\"logs.bin\")  # => :ok",
                "Logger.get_logs()  # => []",
            ],
        ),
        (
            "ch6.cache_server",
            &[
                "CacheServer.get(:session)  # => :not_found",
                "Cleaned up 1 expired entries",
                "CacheServer.get(:long)  # => {:ok, 2}",
            ],
        ),
        ("ch6.counters", &["UnregisteredCounter.increment(pid)  # => 1", "RegisteredCounter.increment()  # => 1"]),
        (
            "ch6.init_examples",
            &[
                "InitExamples.start_with_validation(-5)  # => {:error, :invalid_initial_value}",
                ":sys.get_state(pid)  # => %{type: :deferred, value: \"expensive data\"}",
            ],
        ),
        (
            "ch6.slow_server",
            &[
                "SlowServer.fast_operation()  # => :done",
                "SlowServer.slow_operation(3000)  # => :done",
                "Timed out!",
                "SlowServer.slow_operation_with_timeout(6000, 10_000)  # => :done",
                "SlowServer.infinite_wait(20_000)  # => :done",
            ],
        ),
        (
            "ch6.todo_server",
            &[
                "TodoServer.entries(~D[2023-12-19])  # => [%{date: ~D[2023-12-19], id: 1, title: \"Dentist\"}, %{date: ~D[2023-12-19], id: 3, title: \"Movies\"}]",
            ],
        ),
        (
            "ch6.database_pool",
            &[
                "DatabasePool.status()  # => %{available: 0, total: 3, waiting: 0}",
                "DatabasePool.status()  # => %{available: 0, total: 3, waiting: 1}",
                "{:ok, conn4} = Task.await(task)  # => {:ok, {:conn, 1}}",
                "conn4 == conn1  # => true",
            ],
        ),
        (
            "ch6.rate_limiter",
            &[
                "RateLimiter.allow?(5)  # => true",
                "RateLimiter.status()  # => %{max: 10, tokens: 5}",
                "RateLimiter.allow?(10)  # => false",
                "RateLimiter.status()  # => %{max: 10, tokens: 10}",
            ],
        ),
    ];
    check_scenarios(&ch6::scenarios(), 6, expected);
}
