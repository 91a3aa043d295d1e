//! `KVStore.Server.transaction(server, fun)`: a function run inside the server, atomically.
//!
//! The sheet gives only the client (`GenServer.call(server, {:transaction, fun})`). What an
//! Elixir engineer expects from it: the fun runs in the server process, so no other request
//! interleaves with it (the GenServer handles one message at a time); it reads and writes
//! through a view of the data; `{:ok, result}` commits every write (each one notifying
//! subscribers and replicating like a `put`/`delete`), `{:error, reason}` discards them all.
//!
//! The fun travels in the call message, as an Elixir fun would, and shows in the trace as
//! `#Function<...>`. Its result goes back as a typed Rust value (shown as its term), the way
//! every reply in the runtime does.

use std::any::Any;
use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use super::server::{Data, Found, KvOpts, KvServer, as_sent, expired};
use crate::runtime::Ctx;
use crate::scenario::ScriptFuture;
use crate::systems::ch6::support::{TermKey, check};
use crate::term::{Atom, Term, to_term};

/// A write staged by a transaction: a value and its TTL, or a deletion.
pub(crate) type StagedWrite = Option<(Term, Option<i64>)>;

/// What a transaction's fun sees: the data as of the start of the transaction plus its own
/// writes. Expired entries are invisible, as they are to `get`.
pub struct Txn<'a> {
    data: &'a Data,
    now: i64,
    writes: BTreeMap<TermKey, StagedWrite>,
}

impl<'a> Txn<'a> {
    pub(crate) fn new(data: &'a Data, now: i64) -> Self {
        Txn { data, now, writes: BTreeMap::new() }
    }

    pub(crate) fn into_writes(self) -> BTreeMap<TermKey, StagedWrite> {
        self.writes
    }

    /// The value under `key`, if any.
    pub fn get(&self, key: impl Serialize) -> Option<Term> {
        let key = TermKey(to_term(&key));
        match self.writes.get(&key) {
            Some(staged) => staged.as_ref().map(|(value, _)| value.clone()),
            None => self.data.get(&key).filter(|(_, meta)| !expired(meta, self.now)).map(|(value, _)| value.clone()),
        }
    }

    pub fn put(&mut self, key: impl Serialize, value: impl Serialize) {
        self.writes.insert(TermKey(to_term(&key)), Some((to_term(&value), None)));
    }

    /// `put` with a TTL in seconds.
    pub fn put_ttl(&mut self, key: impl Serialize, value: impl Serialize, ttl_seconds: i64) {
        self.writes.insert(TermKey(to_term(&key)), Some((to_term(&value), Some(ttl_seconds))));
    }

    pub fn delete(&mut self, key: impl Serialize) {
        self.writes.insert(TermKey(to_term(&key)), None);
    }

    /// Every key visible to this transaction, in map-key order.
    pub fn keys(&self) -> Vec<Term> {
        let stored = self.data.iter().filter(|(_, (_, meta))| !expired(meta, self.now)).map(|(k, _)| k);
        let mut keys: Vec<&TermKey> = stored.filter(|k| !self.writes.contains_key(*k)).collect();
        keys.extend(self.writes.iter().filter(|(_, staged)| staged.is_some()).map(|(k, _)| k));
        keys.sort();
        keys.into_iter().map(|k| k.0.clone()).collect()
    }
}

/// The fun of `{:transaction, fun}`: shown as `#Function<...>`, run once by the server.
pub struct TransactionFun(Box<dyn FnOnce(&mut Txn<'_>) -> TxnOutcome>);

impl TransactionFun {
    /// Wraps a fun returning `{:ok, result}` (commit) or `{:error, reason}` (roll back).
    pub(crate) fn new<R, E, F>(f: F) -> Self
    where
        R: Serialize + 'static,
        E: Serialize + 'static,
        F: FnOnce(&mut Txn<'_>) -> Result<R, E> + 'static,
    {
        TransactionFun(Box::new(move |txn| {
            let result = f(txn);
            TxnOutcome { committed: result.is_ok(), shown: to_term(&result), value: Box::new(result) }
        }))
    }

    pub(crate) fn run(self, txn: &mut Txn<'_>) -> TxnOutcome {
        (self.0)(txn)
    }
}

impl Serialize for TransactionFun {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Term::Fun("fn data -> ... end".to_string()).serialize(s)
    }
}

impl std::fmt::Debug for TransactionFun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("#Function<fn data -> ... end>")
    }
}

/// A transaction's `{:ok, result}` or `{:error, reason}`: the typed value for the caller, its
/// term for the trace.
pub struct TxnOutcome {
    pub(crate) committed: bool,
    shown: Term,
    value: Box<dyn Any>,
}

impl TxnOutcome {
    /// The fun's own `Result<R, E>`; `None` only if asked for other types than the fun returned.
    pub(crate) fn into_result<R: 'static, E: 'static>(self) -> Option<Result<R, E>> {
        self.value.downcast::<Result<R, E>>().ok().map(|boxed| *boxed)
    }
}

impl Serialize for TxnOutcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.shown.serialize(s)
    }
}

impl std::fmt::Debug for TxnOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.shown)
    }
}

/// A transfer that commits, one that rolls back, and ten concurrent increments done both
/// ways: read-then-write from the clients loses updates, a transaction does not.
pub(crate) fn scenario_transaction(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let s = KvServer::NAME;
        KvServer::start_link(ctx, KvOpts::default()).await.map_err(|e| format!("KVStore.Server.start_link(): {e}"))?;
        ctx.log("{:ok, _} = KVStore.Server.start_link()");
        KvServer::multi_put(ctx, s, [(Atom::new("a"), 100), (Atom::new("b"), 0)]).await;
        ctx.log("KVStore.Server.multi_put(KVStore.Server, a: 100, b: 0)  # => :ok");
        let moved = KvServer::transaction(ctx, s, |data| transfer(data, 30)).await;
        check(ctx, "KVStore.Server.transaction(KVStore.Server, fn data -> transfer(data, :a, :b, 30) end)", moved, Ok(70))?;
        let refused = KvServer::transaction(ctx, s, |data| transfer(data, 500)).await;
        check(ctx, "KVStore.Server.transaction(KVStore.Server, fn data -> transfer(data, :a, :b, 500) end)", refused, Err(Atom::new("insufficient_funds")))?;
        let balances = Term::map(KvServer::multi_get(ctx, s, [Atom::new("a"), Atom::new("b")]).await);
        check(ctx, "KVStore.Server.multi_get(KVStore.Server, [:a, :b])", balances, Term::map([(Term::atom("a"), Term::Int(70)), (Term::atom("b"), Term::Int(30))]))?;

        let racy = run_clients(ctx, "racy", |client| async move {
            let n = match KvServer::get(&client, KvServer::NAME, Atom::new("racy")).await {
                Some(Term::Int(n)) => n,
                _ => 0,
            };
            KvServer::put(&client, KvServer::NAME, Atom::new("racy"), n + 1).await;
        })
        .await;
        check(ctx, "# 10 clients: n = get(:racy); put(:racy, n + 1)  then get(:racy)", as_sent(racy), Some(Found::Ok(Term::Int(1))))?;
        let atomic = run_clients(ctx, "atomic", |client| async move {
            let _ = KvServer::transaction(&client, KvServer::NAME, |data| {
                let n = match data.get(Atom::new("atomic")) {
                    Some(Term::Int(n)) => n,
                    _ => 0,
                };
                data.put(Atom::new("atomic"), n + 1);
                Ok::<i64, ()>(n + 1)
            })
            .await;
        })
        .await;
        check(ctx, "# 10 clients: transaction(fn data -> increment :atomic end)  then get(:atomic)", as_sent(atomic), Some(Found::Ok(Term::Int(10))))?;
        Ok(())
    })
}

/// Moves `amount` from `:a` to `:b`; `{:ok, new_a}` or `{:error, :insufficient_funds}`.
fn transfer(data: &mut Txn<'_>, amount: i64) -> Result<i64, Atom> {
    let balance = |key| match data.get(Atom::new(key)) {
        Some(Term::Int(n)) => n,
        _ => 0,
    };
    let (a, b) = (balance("a"), balance("b"));
    if a < amount {
        return Err(Atom::new("insufficient_funds"));
    }
    data.put(Atom::new("a"), a - amount);
    data.put(Atom::new("b"), b + amount);
    Ok(a - amount)
}

/// Spawns ten clients running `client`, waits for all of them, then reads `key`.
async fn run_clients<F, Fut>(ctx: &Ctx, key: &str, client: F) -> Option<Term>
where
    F: Fn(Ctx) -> Fut + Clone + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    let shell = ctx.pid();
    for _ in 0..10 {
        let client = client.clone();
        ctx.spawn(move |c| async move {
            client(c.clone()).await;
            let _ = c.send(shell, Atom::new("done"));
        });
    }
    for _ in 0..10 {
        ctx.receive().await;
    }
    KvServer::get(ctx, KvServer::NAME, Atom::new(key)).await
}
