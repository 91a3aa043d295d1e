//! Chapter 7's concept drills on the runtime. (Drill 1, Mix project layout, has no process
//! to run; drill 3's ExUnit tests are Rust tests in tests/ch7_drills.rs. The sheet's
//! hash-routed database workers are the todo system's, in `systems::todo`.)
//!
//! # Public API
//! - [`UserServer`], [`UserCache`] (drill 2); [`SimpleStorage`] (drill 4);
//!   [`SingleProcess`], [`ConcurrentWork`], [`benchmark`] (drill 5); [`CastVsCall`]
//!   (drill 6); [`Worker`], [`WorkerPool`], [`Job`] (drill 7).
//! - [`async_await_many`]: `Task.async` + `Task.await_many` for scripts.
//!
//! # Layout
//! One file per drill: `user.rs`, `simple_storage.rs`, `bottleneck.rs`, `cast_vs_call.rs`,
//! `worker_pool.rs`; `task.rs` for tasks.

mod bottleneck;
mod cast_vs_call;
mod simple_storage;
mod task;
mod user;
mod worker_pool;

pub use bottleneck::{BenchmarkReport, ConcurrentWork, Done, SingleProcess, WorkCall, benchmark};
pub use cast_vs_call::{CastVsCall, CastVsCallCall, CastVsCallCast, CastVsCallReply};
pub use simple_storage::{Lookup, SimpleStorage};
pub use task::async_await_many;
pub use user::{Profile, ProfileUpdate, UserCache, UserCacheCall, UserCall, UserCast, UserServer};
pub use worker_pool::{Job, PoolCall, WorkResult, Worker, WorkerCall, WorkerPool};

use crate::scenario::Scenario;

/// This module's scenarios, in sheet order.
pub fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            id: "ch7.users",
            chapter: 7,
            title: "Drill 2: Managing Multiple Server Instances",
            watch: "UserCache starts a UserServer inside handle_call the first time a user id is asked for, and returns the same pid for it afterwards.",
            script: |ctx| Box::pin(user::scenario_users(ctx)),
        },
        Scenario {
            id: "ch7.simple_storage",
            chapter: 7,
            title: "Drill 4: Data Persistence with Erlang Terms",
            watch: "No process is involved: the shell itself turns the map into term_to_binary bytes and back.",
            script: |ctx| Box::pin(simple_storage::scenario_simple_storage(ctx)),
        },
        Scenario {
            id: "ch7.bottleneck",
            chapter: 7,
            title: "Drill 5: Process Bottleneck Analysis",
            watch: "SingleProcess sleeps inside handle_call, so the ten calls run one after another; ConcurrentWork spawns the sleep and is free at once.",
            script: |ctx| Box::pin(bottleneck::scenario_bottleneck(ctx)),
        },
        Scenario {
            id: "ch7.cast_vs_call",
            chapter: 7,
            title: "Drill 6: Cast vs Call Decision Making",
            watch: "The casts get no answer, yet the call that follows sees them, since messages from one sender stay in order; once the server is gone a cast still returns :ok.",
            script: |ctx| Box::pin(cast_vs_call::scenario_cast_vs_call(ctx)),
        },
        Scenario {
            id: "ch7.worker_pool",
            chapter: 7,
            title: "Drill 7: Process Pooling",
            watch: "Tasks go round robin to workers 1, 2, 3, but the pool waits for each worker inside handle_call, so only one works at a time.",
            script: |ctx| Box::pin(worker_pool::scenario_worker_pool(ctx)),
        },
    ]
}
