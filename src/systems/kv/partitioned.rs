//! Bonus challenge 4, Partitioning: `KVStore.Partitioned`, data sharded across N
//! `KVStore.Server`s by `:erlang.phash2(key, n)`.
//!
//! The front starts its shards (linked, registered as `<name>.Shard0`, `.Shard1`, ...) and
//! answers one question, "which shard holds this key?", the way chapter 7's `Todo.Database`
//! answers `{:choose_worker, key}`. The client then talks to that shard directly, so the
//! front never waits on a shard and does not become the bottleneck. `keys` and `stats`
//! ask every shard and combine the answers.

use serde::Serialize;

use super::server::{Found, KvOpts, KvServer, KvStats};
use crate::runtime::{CallResult, Caller, Ctx, Dest, ExitReason, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, show};
use crate::systems::ch6::support::{StructName, check};
use crate::term::{Term, compare_exact, phash2, to_term};

/// `%KVStore.Partitioned{shards: [pid, ...]}`
#[derive(Serialize, Debug)]
pub struct Partitioned {
    #[serde(rename = "__struct__")]
    module: StructName,
    shards: Vec<Pid>,
}

#[derive(Serialize, Debug)]
pub enum PartitionedCall {
    /// `{:choose_shard, key}`
    ChooseShard(Term),
    Shards,
}

/// A shard's pid, or all of them.
#[derive(Serialize, Debug)]
#[serde(untagged)]
pub enum PartitionedReply {
    Shard(Pid),
    Shards(Vec<Pid>),
}

impl Partitioned {
    /// The default name.
    pub const NAME: &'static str = "KVStore.Partitioned";

    /// Starts the front, registered as `name`, and its `shards` shard servers.
    pub async fn start_link(ctx: &Ctx, name: &str, shards: u32) -> Result<Pid, StartError> {
        ctx.start_link::<Partitioned>((name.to_string(), shards), StartOpts::named(name)).await
    }

    /// The shard that owns `key`.
    pub async fn shard_for(ctx: &Ctx, front: impl Into<Dest>, key: impl Serialize) -> Pid {
        match ctx.call::<Partitioned>(front, PartitionedCall::ChooseShard(to_term(&key))).await {
            PartitionedReply::Shard(pid) => pid,
            PartitionedReply::Shards(_) => unreachable!("KVStore.Partitioned answers :choose_shard with a pid"),
        }
    }

    pub async fn shards(ctx: &Ctx, front: impl Into<Dest>) -> Vec<Pid> {
        match ctx.call::<Partitioned>(front, PartitionedCall::Shards).await {
            PartitionedReply::Shards(pids) => pids,
            PartitionedReply::Shard(_) => unreachable!("KVStore.Partitioned answers :shards with a list"),
        }
    }

    pub async fn put(ctx: &Ctx, front: impl Into<Dest>, key: impl Serialize, value: impl Serialize) {
        let key = to_term(&key);
        let shard = Self::shard_for(ctx, front, &key).await;
        KvServer::put(ctx, shard, key, value).await;
    }

    pub async fn get(ctx: &Ctx, front: impl Into<Dest>, key: impl Serialize) -> Option<Term> {
        let key = to_term(&key);
        let shard = Self::shard_for(ctx, front, &key).await;
        KvServer::get(ctx, shard, key).await
    }

    pub async fn delete(ctx: &Ctx, front: impl Into<Dest>, key: impl Serialize) {
        let key = to_term(&key);
        let shard = Self::shard_for(ctx, front, &key).await;
        KvServer::delete(ctx, shard, key).await;
    }

    /// Every shard's keys, in map-key order.
    pub async fn keys(ctx: &Ctx, front: impl Into<Dest>) -> Vec<Term> {
        let mut all = Vec::new();
        for shard in Self::shards(ctx, front).await {
            all.extend(KvServer::keys(ctx, shard).await);
        }
        all.sort_by(compare_exact);
        all
    }

    /// The shards' stats added up.
    pub async fn stats(ctx: &Ctx, front: impl Into<Dest>) -> KvStats {
        let mut total = KvStats::default();
        for shard in Self::shards(ctx, front).await {
            let s = KvServer::stats(ctx, shard).await;
            total.keys += s.keys;
            total.memory += s.memory;
            total.hits += s.hits;
            total.misses += s.misses;
            total.replicas += s.replicas;
        }
        total
    }
}

impl GenServer for Partitioned {
    const MODULE: &'static str = "KVStore.Partitioned";
    type Args = (String, u32);
    type Call = PartitionedCall;
    type Reply = PartitionedReply;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, (name, count): (String, u32)) -> Init<Self> {
        let mut shards = Vec::new();
        for i in 0..count.max(1) {
            match KvServer::start_link(ctx, KvOpts::named(format!("{name}.Shard{i}"))).await {
                Ok(pid) => shards.push(pid),
                Err(e) => return Init::Stop(ExitReason::Other(e.to_term())),
            }
        }
        Init::Ok(Partitioned { module: StructName(Self::MODULE), shards })
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: PartitionedCall, _from: Caller<PartitionedReply>) -> CallResult<Self> {
        let reply = match request {
            PartitionedCall::ChooseShard(key) => {
                let index = phash2(&key, self.shards.len() as u32) as usize;
                PartitionedReply::Shard(self.shards[index])
            }
            PartitionedCall::Shards => PartitionedReply::Shards(self.shards.clone()),
        };
        CallResult::Reply(reply)
    }
}

/// Twelve users over four shards: where each key goes, and the shards seen as one store.
pub(crate) fn scenario_partitions(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let front = Partitioned::NAME;
        Partitioned::start_link(ctx, front, 4).await.map_err(|e| format!("KVStore.Partitioned.start_link(shards: 4): {e}"))?;
        ctx.log("{:ok, _} = KVStore.Partitioned.start_link(shards: 4)");
        let shards = Partitioned::shards(ctx, front).await;
        show(ctx, "KVStore.Partitioned.shards()", &shards);
        for n in 1..=12 {
            let key = format!("user{n}");
            Partitioned::put(ctx, front, &key, n).await;
            ctx.log(format!("KVStore.Partitioned.put({key:?}, {n})  # => :ok"));
            let index = phash2(&Term::string(&key), 4) as usize;
            show(ctx, &format!(":erlang.phash2({key:?}, 4)"), &index);
            check(ctx, &format!("KVStore.Partitioned.shard_for({key:?})"), Partitioned::shard_for(ctx, front, &key).await, shards[index])?;
        }
        check(ctx, "KVStore.Partitioned.get(\"user5\")", Partitioned::get(ctx, front, "user5").await.map(Found::Ok), Some(Found::Ok(Term::Int(5))))?;
        check(ctx, "length(KVStore.Partitioned.keys())", Partitioned::keys(ctx, front).await.len(), 12)?;
        let per_shard = {
            let mut counts = Vec::new();
            for shard in &shards {
                counts.push(KvServer::stats(ctx, *shard).await.keys);
            }
            counts
        };
        show(ctx, "Enum.map(shards, &KVStore.Server.stats(&1).keys)", &per_shard);
        check(ctx, "KVStore.Partitioned.stats().keys", Partitioned::stats(ctx, front).await.keys, 12)?;
        Ok(())
    })
}
