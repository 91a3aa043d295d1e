//! Chapter 6, Generic Server Processes: every drill and integration exercise of the sheet,
//! each module with the sheet's client API, call/cast choices and state.
//!
//! # Layout
//! - `server_process.rs`: Drill 1, the hand-written `ServerProcess` and `Counter`.
//! - `stack.rs`: Drill 2, `Stack`. `logger.rs`: Drill 3, `Logger`.
//! - `cache_server.rs`: Drill 4, `CacheServer`. `counters.rs`: Drill 5, the two counters.
//! - `init_examples.rs`: Drill 6, `InitExamples`. `slow_server.rs`: Drill 7, `SlowServer`.
//! - `todo_server.rs`, `database_pool.rs`, `rate_limiter.rs`: Exercises 1–3.
//! - `support.rs`: term helpers shared with the key-value store (`kv/`).

pub mod cache_server;
pub mod counters;
pub mod database_pool;
pub mod init_examples;
pub mod logger;
pub mod rate_limiter;
pub mod server_process;
pub mod slow_server;
pub mod stack;
pub(crate) mod support;
pub mod todo_server;

use crate::scenario::Scenario;

/// This module's scenarios, in sheet order.
pub fn scenarios() -> Vec<Scenario> {
    let scenario = |id, title, watch, script| Scenario { id, chapter: 6, title, watch, script };
    vec![
        scenario(
            "ch6.server_process",
            "Drill 1: Understanding Behaviours (ServerProcess)",
            "Each call is a plain send of {request, caller} to the spawned server and a plain send of {:response, response} back: the whole GenServer protocol, by hand.",
            server_process::scenario_server_process,
        ),
        scenario(
            "ch6.stack",
            "Drill 2: Basic GenServer Implementation (Stack)",
            "The pushes are casts the shell does not wait for; each pop and peek is a call arrow answered by a reply arrow.",
            stack::scenario_stack,
        ),
        scenario(
            "ch6.logger",
            "Drill 3: Call vs Cast (Logger)",
            "log/2 is a cast with no answer, while get_logs, flush_to_disk and clear are calls that block the shell until their reply arrow comes back.",
            logger::scenario_logger,
        ),
        scenario(
            "ch6.cache_server",
            "Drill 4: Handle Info for External Messages (CacheServer)",
            "Every 10 s a timer delivers :cleanup to the server's handle_info (neither call nor cast), and the server sets the next one.",
            cache_server::scenario_cache_server,
        ),
        scenario(
            "ch6.counters",
            "Drill 5: Process Registration (UnregisteredCounter, RegisteredCounter)",
            "Calls to the unregistered counter go to its pid; calls to RegisteredCounter go by name, and a second start_link is refused with :already_started.",
            counters::scenario_counters,
        ),
        scenario(
            "ch6.init_examples",
            "Drill 6: Initialization Patterns (InitExamples)",
            "The validating server exits right after init and its EXIT reaches the shell; the deferred one replies to start at once and loads for 3 s in handle_continue before answering anything.",
            init_examples::scenario_init_examples,
        ),
        scenario(
            "ch6.slow_server",
            "Drill 7: Timeouts in Calls (SlowServer)",
            "The 6000 ms call gives up at 5000 ms, the server's late reply is dropped, and the next call waits in the mailbox until the server wakes.",
            slow_server::scenario_slow_server,
        ),
        scenario(
            "ch6.todo_server",
            "Exercise 1: TodoServer with GenServer",
            "Adds, updates (the cast carries a #Function) and deletes are casts; entries and all_entries are calls answered from the list in the server's state.",
            todo_server::scenario_todo_server,
        ),
        scenario(
            "ch6.database_pool",
            "Exercise 2: Database Connection Pool (DatabasePool)",
            "The task's checkout gets no reply until the shell's checkin cast arrives; the pool then replies to the task from handle_cast, and the task sends the result back to the shell.",
            database_pool::scenario_database_pool,
        ),
        scenario(
            "ch6.rate_limiter",
            "Exercise 3: Rate Limiter with GenServer (RateLimiter)",
            "A :refill timer fires every second into handle_info while the shell sleeps; the bucket is full again after three of them.",
            rate_limiter::scenario_rate_limiter,
        ),
    ]
}
