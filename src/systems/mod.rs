//! The systems of "Elixir in Action" chapters 6 and 7 on the runtime. Each module of the
//! seed sheets has a Rust counterpart with the same client API (in Rust naming), the same
//! call/cast choices and the same state.
//!
//! # Layout
//! - `ch6/`: chapter 6 drills and exercises (ServerProcess, Stack, Logger, CacheServer,
//!   counters, InitExamples, SlowServer, TodoServer, DatabasePool, RateLimiter).
//! - `kv/`: chapter 6 capstone, the key-value store.
//! - `todo/`: chapter 7's todo system (Todo.List, Server, Cache, Database, DatabaseWorker).
//! - `ch7/`: chapter 7 drills (UserCache, SimpleStorage, BottleneckAnalysis, CastVsCall,
//!   WorkerPool).
//! - `session/`: chapter 7 capstone, the session store, and its load generator.

pub mod ch6;
pub mod ch7;
pub mod kv;
pub mod session;
pub mod todo;

use crate::scenario::Scenario;

/// Every system's scenarios, in sheet order.
pub fn scenarios() -> Vec<Scenario> {
    let mut all = ch6::scenarios();
    all.extend(kv::scenarios());
    all.extend(ch7::scenarios());
    all.extend(todo::scenarios());
    all.extend(session::scenarios());
    all
}
