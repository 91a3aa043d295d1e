//! Chapter 6 capstone: the key-value store (`KVStore.Server`) with the sheet's required
//! features (CRUD, TTL and periodic cleanup, subscriptions, replication, transactions, batch
//! operations, statistics) and four bonus challenges (persistence, LRU eviction,
//! partitioning, key queries).
//!
//! # Public API
//! - [`KvServer`] with [`KvOpts`] and [`PutOpts`]: `KVStore.Server`.
//! - [`Txn`]: what a transaction's fun reads and writes through.
//! - [`Partitioned`]: `KVStore.Partitioned`, shards chosen by `:erlang.phash2/2`.
//! - [`Change`]: a `{:kv_event, change}` a subscriber receives.
//!
//! # Layout
//! - `server.rs`: the server, its messages and most scenarios.
//! - `transaction.rs`: [`Txn`] and the fun a `{:transaction, fun}` call carries.
//! - `partitioned.rs`: the sharding front. `pattern.rs`: prefix and glob key queries.

mod partitioned;
mod pattern;
mod server;
mod transaction;

pub use partitioned::{Partitioned, PartitionedCall, PartitionedReply};
pub use server::{Change, Found, KvCall, KvCast, KvContinue, KvInfo, KvOpts, KvReply, KvServer, KvStats, PutOpts, Replicated};
pub use transaction::{TransactionFun, Txn, TxnOutcome};

use crate::scenario::Scenario;

/// This module's scenarios, in sheet order.
pub fn scenarios() -> Vec<Scenario> {
    let scenario = |id, title, watch, script| Scenario { id, chapter: 6, title, watch, script };
    vec![
        scenario(
            "kv.basics",
            "Capstone: Core KV Server, Batch Operations and Statistics (KVStore.Server)",
            "Every operation is a call arrow from the shell answered by a reply; hits and misses add up in the server's state.",
            server::scenario_basics,
        ),
        scenario(
            "kv.ttl",
            "Capstone: TTL and Expiration",
            "The get after the TTL answers nil and drops the entry; the :cleanup timer arrow every 10 s sweeps the other expired key out of the state.",
            server::scenario_ttl,
        ),
        scenario(
            "kv.subscribe",
            "Capstone: Subscriptions",
            "Each put and delete sends a {:kv_event, ...} arrow to the subscribed shell; the short-lived subscriber's exit reaches the server as a :DOWN.",
            server::scenario_subscribe,
        ),
        scenario(
            "kv.replication",
            "Capstone: Replication",
            "A put on one server is followed by a single {:replicate, ...} cast to its peer, and the peer sends nothing back, even when each is the other's replica.",
            server::scenario_replication,
        ),
        scenario(
            "kv.transaction",
            "Capstone: Transaction Support",
            "The {:transaction, #Function<...>} call runs inside the server; ten clients' get-then-put calls interleave and lose updates, their transactions do not.",
            transaction::scenario_transaction,
        ),
        scenario(
            "kv.persistence",
            "Bonus: Persistence",
            "After GenServer.stop and a new start_link, the server's handle_continue reads the saved data back before the shell's first call.",
            server::scenario_persistence,
        ),
        scenario(
            "kv.lru",
            "Bonus: LRU Eviction",
            "The fourth put into a store of three evicts :b, the key read or written least recently, and the subscriber gets {:kv_event, {:evict, :b}}.",
            server::scenario_lru,
        ),
        scenario(
            "kv.partitions",
            "Bonus: Partitioning (KVStore.Partitioned)",
            "Each put is a short :choose_shard call to the front, then a call straight to the shard :erlang.phash2(key, 4) picks.",
            partitioned::scenario_partitions,
        ),
        scenario(
            "kv.query",
            "Bonus: Query Support",
            "Prefix and glob queries are single calls; the server filters its live keys and replies with the matches.",
            pattern::scenario_query,
        ),
    ]
}
