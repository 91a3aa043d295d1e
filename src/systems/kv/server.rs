//! Chapter 6 capstone: `KVStore.Server`, a key-value store with TTLs, subscriptions,
//! replication, transactions, batch operations and statistics, plus the bonus challenges
//! LRU eviction, key queries and persistence.
//!
//! Keys and values are any terms (`%{key => {value, %{inserted_at: s, ttl: s}}}`), so a
//! learner's shell can store whatever it likes. Decisions where the sheet is silent or sketchy:
//! - Time is virtual seconds (`System.system_time(:second)` from 0). An entry expires once
//!   `inserted_at + ttl < now`, as in the sheet. The sheet's one-argument `expired?/1` calls an
//!   `expired?/3` that does not exist; both paths use the two-argument rule here.
//! - `keys`, `stats.keys` and `stats.memory` count only live (unexpired) entries; expired ones
//!   linger in the state until a `get` or the 10 s `:cleanup` removes them, as in the sheet.
//! - Replication: `{:replicate, write}` casts, which the sheet sends but never handles, apply
//!   the write without replicating again (a replicated put carries `replicate: false`, a
//!   replicated delete is never forwarded), so even mutual replicas cannot loop.
//! - `multi_get` answers a map of the keys found (like `Map.take/2`); each key counts as a hit
//!   or a miss. `multi_put` is a series of puts (each notifies and replicates).
//! - `memory` estimates bytes as the sum of `:erlang.term_to_binary/1` sizes of keys and values.
//! - LRU (bonus 2): with `max_keys`, a put of a new key into a full store evicts the least
//!   recently read or written key and sends subscribers `{:kv_event, {:evict, key}}`.
//!   Eviction is local: each replica keeps its own limit.
//! - Persistence (bonus 1): `save` writes `term_to_binary(data)` to a [`Backend`] under a key
//!   given at start; a server started with one loads it in `handle_continue`, and `load`
//!   reloads it (`{:error, :enoent}` when nothing was saved). TTLs keep counting from their
//!   saved `inserted_at`; the virtual clock of a new runtime starts again at 0.
//! - Conflict resolution (bonus 3) is not modelled: replicas apply writes in arrival order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::pattern::{has_prefix, matches_glob};
use super::transaction::{TransactionFun, Txn, TxnOutcome};
use crate::runtime::{CallResult, Caller, Ctx, Dest, ExitReason, Flow, GenServer, Info, Init, Pid, StartError, StartOpts};
use crate::scenario::{ScriptFuture, show};
use crate::storage::Backend;
use crate::systems::ch6::support::{StructName, TermKey, check, now_seconds};
use crate::term::{Atom, Term, term_to_binary, to_term};

const CLEANUP_EVERY_MS: u64 = 10_000;

/// `%{inserted_at: seconds, ttl: seconds | nil}`
#[derive(Serialize, Debug, Clone, PartialEq)]
pub(crate) struct Metadata {
    inserted_at: i64,
    ttl: Option<i64>,
    /// LRU clock value of the last read or write; not part of the sheet's metadata.
    #[serde(skip)]
    last_used: u64,
}

pub(crate) type Data = BTreeMap<TermKey, (Term, Metadata)>;

/// `expired?(metadata, now)`
pub(crate) fn expired(meta: &Metadata, now: i64) -> bool {
    meta.ttl.is_some_and(|ttl| meta.inserted_at + ttl < now)
}

/// Start options: `start_link(name: ..., replicas: [...])` and the bonus ones.
#[derive(Clone, Debug)]
pub struct KvOpts {
    pub name: String,
    pub replicas: Vec<Dest>,
    /// LRU eviction beyond this many keys.
    pub max_keys: Option<usize>,
    /// Where `save`/`load` keep the data, and under which key.
    pub persist: Option<(Backend, String)>,
}

impl Default for KvOpts {
    fn default() -> Self {
        KvOpts { name: KvServer::NAME.to_string(), replicas: Vec::new(), max_keys: None, persist: None }
    }
}

impl KvOpts {
    pub fn named(name: impl Into<String>) -> Self {
        KvOpts { name: name.into(), ..KvOpts::default() }
    }

    pub fn replicas(mut self, replicas: Vec<Dest>) -> Self {
        self.replicas = replicas;
        self
    }

    pub fn max_keys(mut self, max_keys: usize) -> Self {
        self.max_keys = Some(max_keys);
        self
    }

    pub fn persist(mut self, backend: Backend, key: impl Into<String>) -> Self {
        self.persist = Some((backend, key.into()));
        self
    }
}

/// `put`'s options: `ttl:` (seconds) and `replicate:` (default true).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PutOpts {
    pub ttl: Option<i64>,
    pub replicate: bool,
}

impl Default for PutOpts {
    fn default() -> Self {
        PutOpts { ttl: None, replicate: true }
    }
}

impl PutOpts {
    pub fn ttl(seconds: i64) -> Self {
        PutOpts { ttl: Some(seconds), ..PutOpts::default() }
    }

    pub fn no_replicate(self) -> Self {
        PutOpts { replicate: false, ..self }
    }
}

#[derive(Serialize, Debug)]
pub enum KvCall {
    /// `{:put, key, value, ttl, replicate}`
    Put(Term, Term, Option<i64>, bool),
    Get(Term),
    Delete(Term),
    Keys,
    Subscribe(Pid),
    AddReplica(Dest),
    Transaction(TransactionFun),
    MultiGet(Vec<Term>),
    /// `{:multi_put, [{key, value}, ...]}`
    MultiPut(Vec<(Term, Term)>),
    Stats,
    KeysWithPrefix(String),
    KeysMatching(String),
    Save,
    Load,
}

/// What `{:replicate, write}` carries.
#[derive(Serialize, Debug, Clone)]
pub enum Replicated {
    /// `{:put, key, value, ttl, false}`
    Put(Term, Term, Option<i64>, bool),
    Delete(Term),
}

#[derive(Serialize, Debug)]
pub enum KvCast {
    Replicate(Replicated),
}

#[derive(Serialize, Debug, PartialEq, Eq)]
pub enum KvInfo {
    Cleanup,
}

#[derive(Serialize, Debug)]
pub enum KvContinue {
    /// Load the persisted data after `init` has returned.
    Load,
}

/// `{:ok, value}`, as `get` answers for a key it has.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub enum Found {
    Ok(Term),
}

/// `%{keys: 100, memory: 1_048_576, hits: 1000, misses: 50, replicas: 2}`
#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct KvStats {
    pub keys: usize,
    pub memory: usize,
    pub hits: u64,
    pub misses: u64,
    pub replicas: usize,
}

/// The replies, each shaped as the sheet's: `:ok`, `{:ok, v}`/`nil`, lists, maps.
#[derive(Serialize, Debug)]
#[serde(untagged)]
pub enum KvReply {
    /// `:ok` or `{:error, reason}`
    Done(Result<(), Term>),
    Value(Option<Found>),
    Keys(Vec<Term>),
    /// `%{key => value}`
    Values(Term),
    Stats(KvStats),
    Transaction(TxnOutcome),
    /// `{:ok, keys_loaded}` or `{:error, reason}`
    Loaded(Result<usize, Term>),
}

/// A change, as subscribers receive it in `{:kv_event, change}`.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub enum Change {
    Put(Term, Term),
    Delete(Term),
    Evict(Term),
}

impl Change {
    /// The change in a `{:kv_event, change}` message a subscriber received, if it is one.
    pub fn from_message(msg: &Info<Term>) -> Option<Change> {
        let Info::Msg(Term::Tuple(items)) = msg else { return None };
        let [tag, Term::Tuple(change)] = items.as_slice() else { return None };
        if !tag.is_atom("kv_event") {
            return None;
        }
        match change.as_slice() {
            [op, key, value] if op.is_atom("put") => Some(Change::Put(key.clone(), value.clone())),
            [op, key] if op.is_atom("delete") => Some(Change::Delete(key.clone())),
            [op, key] if op.is_atom("evict") => Some(Change::Evict(key.clone())),
            _ => None,
        }
    }
}

/// `{:kv_event, change}`
#[derive(Serialize, Debug)]
enum Event {
    KvEvent(Change),
}

/// `%KVStore.Server{data: ..., replicas: ..., subscribers: ..., ...}`
#[derive(Serialize)]
pub struct KvServer {
    #[serde(rename = "__struct__")]
    module: StructName,
    data: Data,
    replicas: Vec<Dest>,
    subscribers: Vec<Pid>,
    hits: u64,
    misses: u64,
    max_keys: Option<usize>,
    #[serde(skip)]
    lru_clock: u64,
    #[serde(skip)]
    persist: Option<(Backend, String)>,
}

impl KvServer {
    /// The sheet's default name, `__MODULE__`.
    pub const NAME: &'static str = "KVStore.Server";

    /// `KVStore.Server.start_link(opts)`: registered under `opts.name`.
    pub async fn start_link(ctx: &Ctx, opts: KvOpts) -> Result<Pid, StartError> {
        let name = opts.name.clone();
        ctx.start_link::<KvServer>(opts, StartOpts::named(name)).await
    }

    pub async fn put(ctx: &Ctx, server: impl Into<Dest>, key: impl Serialize, value: impl Serialize) {
        Self::put_with(ctx, server, key, value, PutOpts::default()).await;
    }

    /// `put(server, key, value, ttl: s, replicate: bool)`
    pub async fn put_with(ctx: &Ctx, server: impl Into<Dest>, key: impl Serialize, value: impl Serialize, opts: PutOpts) {
        let request = KvCall::Put(to_term(&key), to_term(&value), opts.ttl, opts.replicate);
        ctx.call::<KvServer>(server, request).await;
    }

    /// `{:ok, value}` as `Some(value)`, `nil` as `None`.
    pub async fn get(ctx: &Ctx, server: impl Into<Dest>, key: impl Serialize) -> Option<Term> {
        match ctx.call::<KvServer>(server, KvCall::Get(to_term(&key))).await {
            KvReply::Value(found) => found.map(|Found::Ok(value)| value),
            other => unreachable!("KVStore.Server answers :get with {{:ok, value}} or nil, not {other:?}"),
        }
    }

    pub async fn delete(ctx: &Ctx, server: impl Into<Dest>, key: impl Serialize) {
        ctx.call::<KvServer>(server, KvCall::Delete(to_term(&key))).await;
    }

    pub async fn keys(ctx: &Ctx, server: impl Into<Dest>) -> Vec<Term> {
        Self::key_list(ctx.call::<KvServer>(server, KvCall::Keys).await)
    }

    /// Subscribes the calling process to `{:kv_event, change}` messages.
    pub async fn subscribe(ctx: &Ctx, server: impl Into<Dest>) {
        ctx.call::<KvServer>(server, KvCall::Subscribe(ctx.pid())).await;
    }

    pub async fn add_replica(ctx: &Ctx, server: impl Into<Dest>, replica: impl Into<Dest>) {
        ctx.call::<KvServer>(server, KvCall::AddReplica(replica.into())).await;
    }

    /// Runs `fun` inside the server, atomically: `Ok` commits its writes, `Err` drops them.
    pub async fn transaction<R, E, F>(ctx: &Ctx, server: impl Into<Dest>, fun: F) -> Result<R, E>
    where
        R: Serialize + 'static,
        E: Serialize + 'static,
        F: FnOnce(&mut Txn<'_>) -> Result<R, E> + 'static,
    {
        match ctx.call::<KvServer>(server, KvCall::Transaction(TransactionFun::new(fun))).await {
            KvReply::Transaction(outcome) => outcome.into_result().expect("the outcome holds the fun's own result type"),
            other => unreachable!("KVStore.Server answers :transaction with the fun's result, not {other:?}"),
        }
    }

    /// The keys found, with their values, in key order.
    pub async fn multi_get<K: Serialize>(ctx: &Ctx, server: impl Into<Dest>, keys: impl IntoIterator<Item = K>) -> Vec<(Term, Term)> {
        let keys = keys.into_iter().map(|k| to_term(&k)).collect();
        match ctx.call::<KvServer>(server, KvCall::MultiGet(keys)).await {
            KvReply::Values(found @ Term::Map(_)) => found.into_map().unwrap_or_default(),
            other => unreachable!("KVStore.Server answers :multi_get with a map, not {other:?}"),
        }
    }

    pub async fn multi_put<K: Serialize, V: Serialize>(ctx: &Ctx, server: impl Into<Dest>, kvs: impl IntoIterator<Item = (K, V)>) {
        let kvs = kvs.into_iter().map(|(k, v)| (to_term(&k), to_term(&v))).collect();
        ctx.call::<KvServer>(server, KvCall::MultiPut(kvs)).await;
    }

    pub async fn stats(ctx: &Ctx, server: impl Into<Dest>) -> KvStats {
        match ctx.call::<KvServer>(server, KvCall::Stats).await {
            KvReply::Stats(stats) => stats,
            other => unreachable!("KVStore.Server answers :stats with the stats map, not {other:?}"),
        }
    }

    /// Live keys whose text starts with `prefix`.
    pub async fn keys_with_prefix(ctx: &Ctx, server: impl Into<Dest>, prefix: &str) -> Vec<Term> {
        Self::key_list(ctx.call::<KvServer>(server, KvCall::KeysWithPrefix(prefix.to_string())).await)
    }

    /// Live keys whose text matches `pattern`, where `*` is any run of characters.
    pub async fn keys_matching(ctx: &Ctx, server: impl Into<Dest>, pattern: &str) -> Vec<Term> {
        Self::key_list(ctx.call::<KvServer>(server, KvCall::KeysMatching(pattern.to_string())).await)
    }

    /// Writes the data to the backend given at start: `:ok` or `{:error, reason}`.
    pub async fn save(ctx: &Ctx, server: impl Into<Dest>) -> Result<(), Term> {
        match ctx.call::<KvServer>(server, KvCall::Save).await {
            KvReply::Done(result) => result,
            other => unreachable!("KVStore.Server answers :save with :ok or an error, not {other:?}"),
        }
    }

    /// Replaces the data with the saved copy: `{:ok, keys_loaded}` or `{:error, reason}`.
    pub async fn load(ctx: &Ctx, server: impl Into<Dest>) -> Result<usize, Term> {
        match ctx.call::<KvServer>(server, KvCall::Load).await {
            KvReply::Loaded(result) => result,
            other => unreachable!("KVStore.Server answers :load with {{:ok, n}} or an error, not {other:?}"),
        }
    }

    fn key_list(reply: KvReply) -> Vec<Term> {
        match reply {
            KvReply::Keys(keys) => keys,
            other => unreachable!("KVStore.Server answers key queries with a list, not {other:?}"),
        }
    }

    fn schedule_cleanup(ctx: &Ctx) {
        ctx.send_after(ctx.pid(), KvInfo::Cleanup, CLEANUP_EVERY_MS);
    }

    fn tick(&mut self) -> u64 {
        self.lru_clock += 1;
        self.lru_clock
    }

    fn live(&self, now: i64) -> impl Iterator<Item = (&TermKey, &Term)> {
        self.data.iter().filter(move |(_, (_, meta))| !expired(meta, now)).map(|(k, (v, _))| (k, v))
    }

    fn live_keys(&self, now: i64, keep: impl Fn(&Term) -> bool) -> Vec<Term> {
        self.live(now).filter(|(k, _)| keep(&k.0)).map(|(k, _)| k.0.clone()).collect()
    }

    fn notify_subscribers(&self, ctx: &Ctx, change: Change) {
        for pid in &self.subscribers {
            // Subscribers are pids: a send cannot fail, and a dead one's DOWN is on its way.
            let _ = ctx.send(*pid, Event::KvEvent(change.clone()));
        }
    }

    fn replicate_to_peers(&self, ctx: &Ctx, write: Replicated) {
        for replica in &self.replicas {
            ctx.cast::<KvServer>(replica, KvCast::Replicate(write.clone()));
        }
    }

    /// A `get` as the sheet does it: an expired entry is dropped and reads as `nil`.
    fn lookup(&mut self, key: &TermKey, now: i64) -> Option<Term> {
        let tick = self.tick();
        match self.data.get_mut(key) {
            Some((value, meta)) if !expired(meta, now) => {
                meta.last_used = tick;
                self.hits += 1;
                Some(value.clone())
            }
            Some(_) => {
                self.data.remove(key);
                self.misses += 1;
                None
            }
            None => {
                self.misses += 1;
                None
            }
        }
    }

    fn apply_put(&mut self, ctx: &Ctx, key: Term, value: Term, ttl: Option<i64>, replicate: bool) {
        let key = TermKey(key);
        if !self.data.contains_key(&key) {
            self.evict_if_full(ctx);
        }
        let meta = Metadata { inserted_at: now_seconds(ctx), ttl, last_used: self.tick() };
        self.data.insert(key.clone(), (value.clone(), meta));
        self.notify_subscribers(ctx, Change::Put(key.0.clone(), value.clone()));
        if replicate {
            self.replicate_to_peers(ctx, Replicated::Put(key.0, value, ttl, false));
        }
    }

    fn apply_delete(&mut self, ctx: &Ctx, key: Term, replicate: bool) {
        self.data.remove(&TermKey(key.clone()));
        self.notify_subscribers(ctx, Change::Delete(key.clone()));
        if replicate {
            self.replicate_to_peers(ctx, Replicated::Delete(key));
        }
    }

    /// Makes room for one new key by evicting the least recently used one.
    fn evict_if_full(&mut self, ctx: &Ctx) {
        let Some(max_keys) = self.max_keys else { return };
        while self.data.len() >= max_keys.max(1) {
            let Some(oldest) = self.data.iter().min_by_key(|(_, (_, meta))| meta.last_used).map(|(k, _)| k.clone()) else { return };
            self.data.remove(&oldest);
            self.notify_subscribers(ctx, Change::Evict(oldest.0));
        }
    }

    fn stats_now(&self, now: i64) -> KvStats {
        let live: Vec<_> = self.live(now).collect();
        KvStats {
            keys: live.len(),
            memory: live.iter().map(|(k, v)| term_to_binary(&k.0).len() + term_to_binary(v).len()).sum(),
            hits: self.hits,
            misses: self.misses,
            replicas: self.replicas.len(),
        }
    }

    async fn save_data(&self) -> Result<(), Term> {
        let Some((backend, key)) = &self.persist else { return Err(Term::atom("no_storage")) };
        backend.put(key, &to_term(&self.data)).await.map_err(|e| Term::string(&e.to_string()))
    }

    async fn load_data(&mut self) -> Result<usize, Term> {
        let Some((backend, key)) = &self.persist else { return Err(Term::atom("no_storage")) };
        let stored = backend.get(key).await.map_err(|e| Term::string(&e.to_string()))?;
        let stored = stored.ok_or_else(|| Term::atom("enoent"))?;
        let data = Self::data_from_term(&stored).ok_or_else(|| Term::tuple([Term::atom("bad_data"), Term::string(key)]))?;
        self.data = data;
        Ok(self.data.len())
    }

    /// Reads `%{key => {value, %{inserted_at: s, ttl: s | nil}}}` back.
    fn data_from_term(term: &Term) -> Option<Data> {
        let Term::Map(pairs) = term else { return None };
        let mut data = Data::new();
        for (key, entry) in pairs {
            let Term::Tuple(items) = entry else { return None };
            let [value, meta] = items.as_slice() else { return None };
            let Some(Term::Int(inserted_at)) = meta.map_get(&Term::atom("inserted_at")) else { return None };
            let ttl = match meta.map_get(&Term::atom("ttl"))? {
                Term::Int(ttl) => Some(*ttl),
                nil if nil.is_atom("nil") => None,
                _ => return None,
            };
            data.insert(TermKey(key.clone()), (value.clone(), Metadata { inserted_at: *inserted_at, ttl, last_used: 0 }));
        }
        Some(data)
    }
}

impl GenServer for KvServer {
    const MODULE: &'static str = "KVStore.Server";
    type Args = KvOpts;
    type Call = KvCall;
    type Reply = KvReply;
    type Cast = KvCast;
    type Info = KvInfo;
    type Continue = KvContinue;

    async fn init(ctx: &Ctx, opts: KvOpts) -> Init<Self> {
        Self::schedule_cleanup(ctx);
        let load = opts.persist.is_some();
        let state = KvServer {
            module: StructName(Self::MODULE),
            data: Data::new(),
            replicas: opts.replicas,
            subscribers: Vec::new(),
            hits: 0,
            misses: 0,
            max_keys: opts.max_keys,
            lru_clock: 0,
            persist: opts.persist,
        };
        if load { Init::Continue(state, KvContinue::Load) } else { Init::Ok(state) }
    }

    async fn handle_continue(&mut self, ctx: &Ctx, KvContinue::Load: KvContinue) -> Flow<Self> {
        match self.load_data().await {
            Ok(n) => ctx.log(format!("KVStore.Server loaded {n} keys")),
            Err(reason) if reason.is_atom("enoent") => {}
            Err(reason) => ctx.log(format!("KVStore.Server could not load its data: {reason}")),
        }
        Flow::NoReply
    }

    async fn handle_call(&mut self, ctx: &Ctx, request: KvCall, _from: Caller<KvReply>) -> CallResult<Self> {
        let now = now_seconds(ctx);
        let ok = KvReply::Done(Ok(()));
        let reply = match request {
            KvCall::Put(key, value, ttl, replicate) => {
                self.apply_put(ctx, key, value, ttl, replicate);
                ok
            }
            KvCall::Get(key) => KvReply::Value(self.lookup(&TermKey(key), now).map(Found::Ok)),
            KvCall::Delete(key) => {
                self.apply_delete(ctx, key, true);
                ok
            }
            KvCall::Keys => KvReply::Keys(self.live_keys(now, |_| true)),
            KvCall::Subscribe(pid) => {
                ctx.monitor(pid);
                self.subscribers.insert(0, pid);
                ok
            }
            KvCall::AddReplica(replica) => {
                self.replicas.insert(0, replica);
                ok
            }
            KvCall::Transaction(fun) => {
                let mut txn = Txn::new(&self.data, now);
                let outcome = fun.run(&mut txn);
                let writes = txn.into_writes();
                if outcome.committed {
                    for (key, write) in writes {
                        match write {
                            Some((value, ttl)) => self.apply_put(ctx, key.0, value, ttl, true),
                            None => self.apply_delete(ctx, key.0, true),
                        }
                    }
                }
                KvReply::Transaction(outcome)
            }
            KvCall::MultiGet(keys) => {
                let mut found = BTreeMap::new();
                for key in keys {
                    let key = TermKey(key);
                    if let Some(value) = self.lookup(&key, now) {
                        found.insert(key, value);
                    }
                }
                KvReply::Values(Term::Map(found.into_iter().map(|(k, v)| (k.0, v)).collect()))
            }
            KvCall::MultiPut(kvs) => {
                for (key, value) in kvs {
                    self.apply_put(ctx, key, value, None, true);
                }
                ok
            }
            KvCall::Stats => KvReply::Stats(self.stats_now(now)),
            KvCall::KeysWithPrefix(prefix) => KvReply::Keys(self.live_keys(now, |k| has_prefix(k, &prefix))),
            KvCall::KeysMatching(pattern) => KvReply::Keys(self.live_keys(now, |k| matches_glob(k, &pattern))),
            KvCall::Save => KvReply::Done(self.save_data().await),
            KvCall::Load => KvReply::Loaded(self.load_data().await),
        };
        CallResult::Reply(reply)
    }

    async fn handle_cast(&mut self, ctx: &Ctx, KvCast::Replicate(write): KvCast) -> Flow<Self> {
        match write {
            Replicated::Put(key, value, ttl, replicate) => self.apply_put(ctx, key, value, ttl, replicate),
            Replicated::Delete(key) => self.apply_delete(ctx, key, false),
        }
        Flow::NoReply
    }

    async fn handle_info(&mut self, ctx: &Ctx, msg: Info<KvInfo>) -> Flow<Self> {
        match msg {
            Info::Msg(KvInfo::Cleanup) => {
                let now = now_seconds(ctx);
                self.data.retain(|_, (_, meta)| !expired(meta, now));
                Self::schedule_cleanup(ctx);
            }
            Info::Down { pid, .. } => {
                if let Some(i) = self.subscribers.iter().position(|p| *p == pid) {
                    self.subscribers.remove(i);
                }
            }
            other => ctx.log(format!("KVStore.Server received unexpected message in handle_info/2: {}", other.to_term())),
        }
        Flow::NoReply
    }
}

/// A `get` result as the server sent it, for scenario lines: `{:ok, value}` or `nil`.
pub(crate) fn as_sent(value: Option<Term>) -> Option<Found> {
    value.map(Found::Ok)
}

/// IEx's `flush()`: prints every message already in the shell's mailbox, one per line;
/// fails unless they are `expected`.
pub(crate) async fn flush_expecting(ctx: &Ctx, expected: Vec<Term>) -> Result<(), String> {
    ctx.log("flush()");
    let mut messages = Vec::new();
    while let Some(msg) = ctx.receive_timeout(0).await {
        let msg = msg.to_term();
        ctx.log(msg.to_string());
        messages.push(msg);
    }
    if messages == expected {
        Ok(())
    } else {
        Err(format!("flush(): expected {}, got {}", Term::List(expected), Term::List(messages)))
    }
}

/// `{:kv_event, change}`, for scenario lines.
pub(crate) fn event(change: Change) -> Term {
    to_term(&Event::KvEvent(change))
}

fn start_error(line: &str, e: StartError) -> String {
    format!("{line}: {e}")
}

/// The core API, batch operations and stats.
pub(crate) fn scenario_basics(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let s = KvServer::NAME;
        KvServer::start_link(ctx, KvOpts::default()).await.map_err(|e| start_error("KVStore.Server.start_link()", e))?;
        ctx.log("{:ok, _} = KVStore.Server.start_link()");
        let (name, age, missing) = (Atom::new("name"), Atom::new("age"), Atom::new("missing"));
        KvServer::put(ctx, s, &name, "Alice").await;
        ctx.log("KVStore.Server.put(:name, \"Alice\")  # => :ok");
        check(ctx, "KVStore.Server.get(:name)", as_sent(KvServer::get(ctx, s, &name).await), Some(Found::Ok(Term::string("Alice"))))?;
        check(ctx, "KVStore.Server.get(:missing)", as_sent(KvServer::get(ctx, s, &missing).await), None)?;
        KvServer::put(ctx, s, &age, 30).await;
        ctx.log("KVStore.Server.put(:age, 30)  # => :ok");
        check(ctx, "KVStore.Server.keys()", KvServer::keys(ctx, s).await, vec![Term::atom("age"), Term::atom("name")])?;
        KvServer::delete(ctx, s, &age).await;
        ctx.log("KVStore.Server.delete(:age)  # => :ok");
        check(ctx, "KVStore.Server.keys()", KvServer::keys(ctx, s).await, vec![Term::atom("name")])?;
        KvServer::multi_put(ctx, s, [("user:1", "Ann"), ("user:2", "Bob")]).await;
        ctx.log("KVStore.Server.multi_put(KVStore.Server, [{\"user:1\", \"Ann\"}, {\"user:2\", \"Bob\"}])  # => :ok");
        let found = Term::map(KvServer::multi_get(ctx, s, ["user:1", "user:3"]).await);
        check(ctx, "KVStore.Server.multi_get(KVStore.Server, [\"user:1\", \"user:3\"])", found, Term::map([(Term::string("user:1"), Term::string("Ann"))]))?;
        // :name/"Alice", "user:1"/"Ann", "user:2"/"Bob" as term_to_binary: 8+11 + 12+9 + 12+9 bytes.
        let stats = KvStats { keys: 3, memory: 61, hits: 2, misses: 2, replicas: 0 };
        check(ctx, "KVStore.Server.stats(KVStore.Server)", KvServer::stats(ctx, s).await, stats)?;
        Ok(())
    })
}

/// Lazy expiry on `get` and the 10 s `:cleanup` sweep.
pub(crate) fn scenario_ttl(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let s = KvServer::NAME;
        KvServer::start_link(ctx, KvOpts::default()).await.map_err(|e| start_error("KVStore.Server.start_link()", e))?;
        ctx.log("{:ok, _} = KVStore.Server.start_link()");
        let session = Atom::new("session");
        KvServer::put_with(ctx, s, &session, "abc", PutOpts::ttl(5)).await;
        ctx.log("KVStore.Server.put(:session, \"abc\", ttl: 5)  # => :ok");
        ctx.sleep(5000).await;
        ctx.log("Process.sleep(5000)  # inserted_at + ttl == now: not expired yet");
        check(ctx, "KVStore.Server.get(:session)", as_sent(KvServer::get(ctx, s, &session).await), Some(Found::Ok(Term::string("abc"))))?;
        ctx.sleep(1000).await;
        ctx.log("Process.sleep(1000)");
        check(ctx, "KVStore.Server.get(:session)", as_sent(KvServer::get(ctx, s, &session).await), None)?;
        KvServer::put_with(ctx, s, Atom::new("temp"), 1, PutOpts::ttl(1)).await;
        ctx.log("KVStore.Server.put(:temp, 1, ttl: 1)  # => :ok");
        KvServer::put(ctx, s, Atom::new("keep"), 2).await;
        ctx.log("KVStore.Server.put(:keep, 2)  # => :ok");
        ctx.sleep(4000).await;
        ctx.log("Process.sleep(4000)  # the 10 s :cleanup has swept :temp out of the state");
        check(ctx, "KVStore.Server.keys()", KvServer::keys(ctx, s).await, vec![Term::atom("keep")])?;
        Ok(())
    })
}

/// Events to subscribers, and a dead subscriber dropped on its `:DOWN`.
pub(crate) fn scenario_subscribe(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let s = KvServer::NAME;
        KvServer::start_link(ctx, KvOpts::default()).await.map_err(|e| start_error("KVStore.Server.start_link()", e))?;
        ctx.log("{:ok, _} = KVStore.Server.start_link()");
        KvServer::subscribe(ctx, s).await;
        ctx.log("KVStore.Server.subscribe()  # => :ok");
        let color = Term::atom("color");
        KvServer::put(ctx, s, &color, "red").await;
        ctx.log("KVStore.Server.put(:color, \"red\")  # => :ok");
        KvServer::delete(ctx, s, &color).await;
        ctx.log("KVStore.Server.delete(:color)  # => :ok");
        let expected = vec![event(Change::Put(color.clone(), Term::string("red"))), event(Change::Delete(color.clone()))];
        flush_expecting(ctx, expected).await?;
        let short_lived = ctx.spawn(|subscriber| async move { KvServer::subscribe(&subscriber, KvServer::NAME).await });
        show(ctx, "spawn(fn -> KVStore.Server.subscribe() end)", &short_lived);
        ctx.log("# it subscribes and exits; the server drops it on its :DOWN");
        ctx.sleep(10).await;
        KvServer::put(ctx, s, &color, "blue").await;
        ctx.log("KVStore.Server.put(:color, \"blue\")  # => :ok");
        flush_expecting(ctx, vec![event(Change::Put(color, Term::string("blue")))]).await?;
        Ok(())
    })
}

/// A replica, a write that is not replicated, and mutual replicas that do not loop.
pub(crate) fn scenario_replication(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let (primary, replica) = (KvServer::NAME, "KVStore.Replica");
        let primary_pid = KvServer::start_link(ctx, KvOpts::default()).await.map_err(|e| start_error("KVStore.Server.start_link()", e))?;
        ctx.log("{:ok, primary} = KVStore.Server.start_link()");
        let replica_pid = KvServer::start_link(ctx, KvOpts::named(replica)).await.map_err(|e| start_error("KVStore.Server.start_link(name: KVStore.Replica)", e))?;
        ctx.log("{:ok, replica} = KVStore.Server.start_link(name: KVStore.Replica)");
        KvServer::add_replica(ctx, primary, replica_pid).await;
        ctx.log("KVStore.Server.add_replica(KVStore.Server, replica)  # => :ok");
        let config = Atom::new("config");
        KvServer::put(ctx, primary, &config, "v1").await;
        ctx.log("KVStore.Server.put(:config, \"v1\")  # => :ok");
        check(ctx, "KVStore.Server.get(KVStore.Replica, :config)", as_sent(KvServer::get(ctx, replica, &config).await), Some(Found::Ok(Term::string("v1"))))?;
        let local = Atom::new("local");
        KvServer::put_with(ctx, primary, &local, 1, PutOpts::default().no_replicate()).await;
        ctx.log("KVStore.Server.put(:local, 1, replicate: false)  # => :ok");
        check(ctx, "KVStore.Server.get(KVStore.Replica, :local)", as_sent(KvServer::get(ctx, replica, &local).await), None)?;
        KvServer::add_replica(ctx, replica, primary_pid).await;
        ctx.log("KVStore.Server.add_replica(KVStore.Replica, primary)  # now each replicates to the other");
        let shared = Atom::new("shared");
        KvServer::put(ctx, replica, &shared, "x").await;
        ctx.log("KVStore.Server.put(KVStore.Replica, :shared, \"x\")  # => :ok");
        check(ctx, "KVStore.Server.get(:shared)", as_sent(KvServer::get(ctx, primary, &shared).await), Some(Found::Ok(Term::string("x"))))?;
        KvServer::delete(ctx, primary, &shared).await;
        ctx.log("KVStore.Server.delete(:shared)  # => :ok");
        check(ctx, "KVStore.Server.get(KVStore.Replica, :shared)", as_sent(KvServer::get(ctx, replica, &shared).await), None)?;
        check(ctx, "KVStore.Server.stats(KVStore.Server).replicas", KvServer::stats(ctx, primary).await.replicas, 1)?;
        Ok(())
    })
}

/// Bonus 2: the least recently used key makes room.
pub(crate) fn scenario_lru(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let s = KvServer::NAME;
        KvServer::start_link(ctx, KvOpts::default().max_keys(3)).await.map_err(|e| start_error("KVStore.Server.start_link(max_keys: 3)", e))?;
        ctx.log("{:ok, _} = KVStore.Server.start_link(max_keys: 3)");
        KvServer::subscribe(ctx, s).await;
        ctx.log("KVStore.Server.subscribe()  # => :ok");
        for (key, value) in [("a", 1), ("b", 2), ("c", 3)] {
            KvServer::put(ctx, s, Atom::new(key), value).await;
            ctx.log(format!("KVStore.Server.put(:{key}, {value})  # => :ok"));
        }
        check(ctx, "KVStore.Server.get(:a)", as_sent(KvServer::get(ctx, s, Atom::new("a")).await), Some(Found::Ok(Term::Int(1))))?;
        KvServer::put(ctx, s, Atom::new("d"), 4).await;
        ctx.log("KVStore.Server.put(:d, 4)  # full: :b is the least recently used");
        check(ctx, "KVStore.Server.keys()", KvServer::keys(ctx, s).await, vec![Term::atom("a"), Term::atom("c"), Term::atom("d")])?;
        let put = |key: &str, n| event(Change::Put(Term::atom(key), Term::Int(n)));
        let expected = vec![put("a", 1), put("b", 2), put("c", 3), event(Change::Evict(Term::atom("b"))), put("d", 4)];
        flush_expecting(ctx, expected).await?;
        Ok(())
    })
}

/// Bonus 1: save, stop, start again on the same storage, and `load`.
pub(crate) fn scenario_persistence(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let s = KvServer::NAME;
        let disk = Backend::memory();
        let opts = KvOpts::default().persist(disk.clone(), "kv_store.bin");
        KvServer::start_link(ctx, opts.clone()).await.map_err(|e| start_error("KVStore.Server.start_link(persist: \"kv_store.bin\")", e))?;
        ctx.log("{:ok, _} = KVStore.Server.start_link(persist: \"kv_store.bin\")");
        KvServer::put(ctx, s, Atom::new("user"), "Ann").await;
        ctx.log("KVStore.Server.put(:user, \"Ann\")  # => :ok");
        check(ctx, "KVStore.Server.save(KVStore.Server)", KvServer::save(ctx, s).await, Ok(()))?;
        KvServer::put(ctx, s, Atom::new("draft"), "unsaved").await;
        ctx.log("KVStore.Server.put(:draft, \"unsaved\")  # => :ok");
        ctx.stop(s, ExitReason::Normal).await.map_err(|e| format!("GenServer.stop(KVStore.Server): {e}"))?;
        ctx.log("GenServer.stop(KVStore.Server)  # => :ok");
        KvServer::start_link(ctx, opts).await.map_err(|e| start_error("KVStore.Server.start_link(persist: \"kv_store.bin\")", e))?;
        ctx.log("{:ok, _} = KVStore.Server.start_link(persist: \"kv_store.bin\")  # loads in handle_continue");
        check(ctx, "KVStore.Server.keys()", KvServer::keys(ctx, s).await, vec![Term::atom("user")])?;
        KvServer::delete(ctx, s, Atom::new("user")).await;
        ctx.log("KVStore.Server.delete(:user)  # => :ok");
        check(ctx, "KVStore.Server.load(KVStore.Server)", KvServer::load(ctx, s).await, Ok(1))?;
        check(ctx, "KVStore.Server.get(:user)", as_sent(KvServer::get(ctx, s, Atom::new("user")).await), Some(Found::Ok(Term::string("Ann"))))?;
        Ok(())
    })
}
