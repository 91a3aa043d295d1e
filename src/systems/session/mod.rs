//! Chapter 7 capstone, "Distributed Session Store": sessions with expiry, a cache that
//! monitors them, a pooled database with hash routing, statistics, and a load generator
//! with its performance report.
//!
//! Process tree after [`start_system`] (links; names as in the sheet):
//! ```text
//! caller ─┬─ SessionStore.Stats
//!         └─ SessionStore.Cache ─┬─ SessionStore.Database ─── 3 × SessionStore.DatabaseWorker
//!                                └─ SessionStore.Session (one per id, also monitored)
//! ```
//!
//! # Layout
//! - `session.rs`: `SessionStore.Session`, [`SessionData`], TTL expiry.
//! - `cache.rs`: `SessionStore.Cache`, id → pid, monitors, restore on a miss.
//! - `database.rs`: `SessionStore.Database`, the pool and `phash2` routing.
//! - `worker.rs`: `SessionStore.DatabaseWorker`, `<id>.session` in a [`Backend`].
//! - `stats.rs`: `SessionStore.Stats`.
//! - `load.rs`: the load testing script and its report (the "performance analysis").

mod cache;
mod database;
mod load;
#[allow(clippy::module_inception)]
mod session;
mod stats;
mod worker;

pub use cache::{Cache, CacheCall, CacheReply, Lookup};
pub use database::{Database, DatabaseCall};
pub use load::{KindReport, LatencyWindow, LoadConfig, LoadHandle, LoadReport, OpKind, OpMix, ProcessLoad, SplitMix64, run_load, run_load_with_progress, spawn_load};
pub use session::{DEFAULT_TTL, Session, SessionCall, SessionCast, SessionData, SessionInfo, SessionReply};
pub use stats::{Stats, StatsReport};
pub use worker::{DB_FOLDER, DatabaseWorker, Loaded, storage_key};

use crate::runtime::{CallError, Ctx, ExitReason, Pid, StartError};
use crate::scenario::Scenario;
use crate::storage::Backend;

/// How the store is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreOpts {
    /// The sheet's `@pool_size`: database workers.
    pub pool_size: u32,
    /// Simulated disk time per database operation, in virtual ms (0: instant, as in the sheet).
    pub db_latency_ms: u64,
}

impl Default for StoreOpts {
    fn default() -> Self {
        StoreOpts { pool_size: 3, db_latency_ms: 0 }
    }
}

/// The running store's top-level processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionStoreSystem {
    pub stats: Pid,
    pub cache: Pid,
}

/// Starts the whole store: `SessionStore.Stats`, then `SessionStore.Cache` (which starts
/// `SessionStore.Database` and its workers, linked to it). The sheet starts them one by one
/// from iex; this is that, in one call.
///
/// Not linked to the caller: like an application, the store outlives the process that
/// started it (a scenario's shell ends, the store stays to be inspected). It matters because
/// the cache traps exits, and a GenServer that traps exits stops when its parent exits, even
/// normally, as in OTP.
pub async fn start_system(ctx: &Ctx, backend: Backend, opts: StoreOpts) -> Result<SessionStoreSystem, StartError> {
    let stats = Stats::start(ctx).await?;
    match Cache::start(ctx, backend, opts).await {
        Ok(cache) => Ok(SessionStoreSystem { stats, cache }),
        Err(error) => {
            let _ = ctx.stop(stats, ExitReason::Shutdown).await;
            Err(error)
        }
    }
}

/// Stops the store: the cache with `:shutdown` (its links take the database, the workers
/// and the sessions with it), then the stats. Saves still queued in a worker's mailbox are
/// lost, as on the BEAM; a `Database.load` of a session answers only after that worker's
/// earlier saves.
pub async fn stop_system(ctx: &Ctx) -> Result<(), CallError> {
    for name in [Cache::NAME, Stats::NAME] {
        if ctx.whereis(name).is_some() {
            ctx.stop(name, ExitReason::Shutdown).await?;
        }
    }
    Ok(())
}

/// This module's scenarios, in sheet order.
pub fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            id: "ch7.session_basics",
            chapter: 7,
            title: "Capstone: Session Store basics",
            watch: "Every request goes through SessionStore.Cache; data calls then go straight to the session's own process, and each put casts a save to one database worker.",
            script: cache::scenario_basics,
        },
        Scenario {
            id: "ch7.session_ttl",
            chapter: 7,
            title: "Capstone: session expiry (TTL 3600 s)",
            watch: "Watch the session's :check_expiration timer: it re-arms for the time left instead of resetting on every touch, and the session stops 3600 s after its last access.",
            script: session::scenario_ttl,
        },
        Scenario {
            id: "ch7.session_monitoring",
            chapter: 7,
            title: "Capstone: the cache monitors its sessions",
            watch: "Kill a session: the cache gets both an :EXIT (ignored, it traps exits) and a :DOWN, forgets the id, and restores it from the database on the next get_session.",
            script: cache::scenario_monitoring,
        },
        Scenario {
            id: "ch7.session_persistence",
            chapter: 7,
            title: "Capstone: persistence across a restart",
            watch: "Saves and the load for one id all land on the same worker (phash2 routing); after the restart the cache finds nothing in memory and restores the session from storage.",
            script: database::scenario_persistence,
        },
        Scenario {
            id: "ch7.session_load",
            chapter: 7,
            title: "Capstone: load test and performance report",
            watch: "Several clients hammer the cache at once; look for the cache's queue when a miss makes it wait on a database worker, and at the per-operation latencies in the report.",
            script: load::scenario_load,
        },
    ]
}
