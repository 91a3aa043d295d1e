//! The capstone's "load testing script" and "performance analysis": concurrent clients
//! driving the session store with a seeded mix of operations, and a report of what it cost.
//!
//! # The model
//! A load run starts a fresh store on an in-memory backend, creates `sessions` sessions (the
//! *setup*, timed separately), then spawns `clients` client processes that together perform
//! `operations` operations. Each client waits `think_ms` before each operation (a user
//! clicking), picks an operation from `mix` and a session id uniformly, and times it from
//! request to answer in virtual ms. An operation is what a web request would do:
//! - `get`: `Cache.get_session(id)`, then `Session.get(pid, key)` (a call);
//! - `put` / `touch`: `Cache.get_session(id)`, then `Session.put` / `Session.touch` (casts);
//! - `create`: `Cache.create_session(id)` (returns the running pid if there is one);
//! - `delete`: `Cache.delete_session(id)`.
//!
//! A `get_session` that answers `:not_found` (the id was deleted) is a *miss*; a call that
//! fails (the session died between lookup and use, or a 5 s timeout) is an *error*. Clients
//! never crash on either: they count it and go on, as a load tester should.
//!
//! Only two things take virtual time: the clients' think time and the simulated disk
//! (`store.db_latency_ms` per database operation, 1 ms by default here). Everything else is
//! instant, so a latency above 0 is time spent queueing behind the database.
//!
//! # Reading the report (the performance analysis)
//! - Every request passes through the one `SessionStore.Cache` process. A hit costs it
//!   nothing, but a miss (`create` of a deleted id, `get_session` of an unknown one) makes it
//!   call the database and wait for a worker, and every other client waits behind it: look
//!   for `create` and miss latencies in the percentiles, and for `SessionStore.Cache` in
//!   `processes` (messages handled). That is the chapter's bottleneck, and why the book moves
//!   to a pool for the slow part.
//! - `put` is a cast, so its latency stays at the lookup's; the cost moves to the workers,
//!   whose `mailbox_len` at the end shows saves still queued. Casts have no back-pressure: if
//!   the clients put faster than `pool_size / db_latency_ms` saves per ms, the queues grow
//!   without bound, and a load queued behind them times out after 5 s and crashes the cache.
//!   The defaults stay well below that (10 clients, one operation per 10 ms each).
//! - Throughput is operations per virtual second of the measured phase. With think time it
//!   is bounded by `clients * 1000 / think_ms`; the gap to that bound is queueing.
//!
//! Runs are deterministic: the same [`LoadConfig`] gives the same [`LoadReport`] (a
//! [`SplitMix64`] per client, seeded from `seed`; the scheduler is deterministic).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::Serialize;

use super::cache::{Cache, CacheCall, CacheReply, Lookup};
use super::session::{Session, SessionCall, SessionCast};
use super::stats::{Stats, StatsReport};
use super::{StoreOpts, start_system};
use crate::runtime::{Ctx, Info, Pid, Runtime, Timeout};
use crate::scenario::{ScriptFuture, expect};
use crate::storage::Backend;
use crate::term::Term;

/// Relative weights of the operation kinds (need not add up to 100).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpMix {
    pub get: u32,
    pub put: u32,
    pub touch: u32,
    pub create: u32,
    pub delete: u32,
}

impl Default for OpMix {
    /// Read-mostly web traffic: 50% get, 25% put, 10% touch, 10% create, 5% delete.
    fn default() -> Self {
        OpMix { get: 50, put: 25, touch: 10, create: 10, delete: 5 }
    }
}

impl OpMix {
    fn weights(&self) -> [(OpKind, u64); 5] {
        [
            (OpKind::Get, self.get as u64),
            (OpKind::Put, self.put as u64),
            (OpKind::Touch, self.touch as u64),
            (OpKind::Create, self.create as u64),
            (OpKind::Delete, self.delete as u64),
        ]
    }

    fn total(&self) -> u64 {
        self.weights().iter().map(|(_, w)| w).sum()
    }

    fn pick(&self, rng: &mut SplitMix64) -> OpKind {
        let mut roll = rng.below(self.total());
        for (kind, weight) in self.weights() {
            if roll < weight {
                return kind;
            }
            roll -= weight;
        }
        unreachable!("roll is below the total weight")
    }
}

/// An operation kind, shown as `:get`, `:put`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum OpKind {
    Get,
    Put,
    Touch,
    Create,
    Delete,
}

impl OpKind {
    pub const ALL: [OpKind; 5] = [OpKind::Get, OpKind::Put, OpKind::Touch, OpKind::Create, OpKind::Delete];

    fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            OpKind::Get => "get",
            OpKind::Put => "put",
            OpKind::Touch => "touch",
            OpKind::Create => "create",
            OpKind::Delete => "delete",
        }
    }
}

/// What to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadConfig {
    /// Session ids in play (`"session-0"` ...); all are created before the measured phase.
    pub sessions: u32,
    /// Operations in the measured phase, over all clients.
    pub operations: u64,
    pub mix: OpMix,
    pub seed: u64,
    /// Concurrent client processes.
    pub clients: u32,
    /// Virtual ms each client waits before each operation.
    pub think_ms: u64,
    /// TTL of the sessions, in seconds.
    pub ttl: u64,
    pub store: StoreOpts,
}

impl Default for LoadConfig {
    fn default() -> Self {
        LoadConfig {
            sessions: 1_000,
            operations: 10_000,
            mix: OpMix::default(),
            seed: 42,
            clients: 10,
            think_ms: 10,
            ttl: super::DEFAULT_TTL,
            store: StoreOpts { pool_size: 3, db_latency_ms: 1 },
        }
    }
}

/// One operation kind's share of the run. Latencies are virtual ms, nearest-rank percentiles.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KindReport {
    pub kind: OpKind,
    pub count: u64,
    pub misses: u64,
    pub errors: u64,
    pub mean_ms: f64,
    pub p50_ms: u64,
    pub p90_ms: u64,
    pub p99_ms: u64,
    pub max_ms: u64,
}

/// How busy a process was: messages handled since it started, and its queue at the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProcessLoad {
    pub name: String,
    pub handled: u64,
    pub mailbox_len: u64,
}

/// The result of a load run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoadReport {
    /// Operations performed in the measured phase (always the configured number).
    pub ops: u64,
    pub clients: u32,
    pub sessions: u32,
    /// Virtual ms to create the sessions before the measured phase.
    pub setup_ms: u64,
    /// Virtual ms of the measured phase.
    pub virtual_ms: u64,
    /// Operations per virtual second; `None` if the phase took no virtual time.
    pub throughput_per_s: Option<f64>,
    pub misses: u64,
    pub errors: u64,
    /// One entry per kind, in [`OpKind::ALL`] order.
    pub kinds: Vec<KindReport>,
    /// `SessionStore.Stats.get_stats()` at the end (setup included).
    pub stats: StatsReport,
    pub active_sessions: u64,
    /// The store's processes by load (cache, database, stats, each worker, all sessions
    /// together). Filled by [`run_load`] and [`LoadHandle::take_report`], which can see the
    /// runtime; empty from inside a process.
    pub processes: Vec<ProcessLoad>,
}

impl LoadReport {
    /// The report as text, one line per fact.
    pub fn summary_lines(&self) -> Vec<String> {
        let throughput = match self.throughput_per_s {
            Some(t) => format!("{t:.1} ops/s"),
            None => "no virtual time passed".to_string(),
        };
        let mut lines = vec![
            format!("setup: {} sessions created in {} virtual ms", self.sessions, self.setup_ms),
            format!(
                "{} ops by {} clients in {} virtual ms: {throughput}; {} misses, {} errors",
                self.ops, self.clients, self.virtual_ms, self.misses, self.errors
            ),
        ];
        for k in &self.kinds {
            lines.push(format!(
                "{:<6} {:>7} ops {:>6} misses {:>4} errors  mean {:.2} ms  p50 {} ms  p90 {} ms  p99 {} ms  max {} ms",
                k.kind.name(),
                k.count,
                k.misses,
                k.errors,
                k.mean_ms,
                k.p50_ms,
                k.p90_ms,
                k.p99_ms,
                k.max_ms
            ));
        }
        lines.push(format!("SessionStore.Stats.get_stats()  # => {}", crate::term::to_term(&self.stats)));
        lines.push(format!("active sessions at the end: {}", self.active_sessions));
        for p in &self.processes {
            lines.push(format!("{}: {} messages handled, {} queued at the end", p.name, p.handled, p.mailbox_len));
        }
        lines
    }
}

/// SplitMix64: a tiny, fast, seedable PRNG (Steele, Lea and Flood, 2014), enough for
/// picking operations; no `rand` crate needed.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; `n` must be positive).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }
}

#[derive(Clone, Copy)]
enum Outcome {
    Hit,
    Miss,
    Error,
}

/// Per-kind latencies and counts, shared by the clients of one run.
struct Recorder {
    latencies: [Vec<u32>; 5],
    misses: [u64; 5],
    errors: [u64; 5],
    /// Every latency, all kinds, in the order the operations finished: the live chart reads
    /// the ones finished since its last sample.
    finished: Vec<u32>,
}

/// The nearest-rank `p`th percentile of `sorted` (0 when empty).
fn nearest_rank(sorted: &[u32], p: usize) -> u64 {
    match sorted.len() {
        0 => 0,
        n => sorted[(p * n).div_ceil(100).max(1) - 1] as u64,
    }
}

impl Recorder {
    fn new(cfg: &LoadConfig) -> Recorder {
        let total = cfg.mix.total().max(1);
        let expected = |w: u64| (cfg.operations * w / total) as usize + 16;
        let weights = cfg.mix.weights();
        Recorder {
            latencies: std::array::from_fn(|i| Vec::with_capacity(expected(weights[i].1))),
            misses: [0; 5],
            errors: [0; 5],
            finished: Vec::with_capacity(cfg.operations as usize),
        }
    }

    fn record(&mut self, kind: OpKind, latency_ms: u64, outcome: Outcome) {
        let i = kind.index();
        let latency = u32::try_from(latency_ms).unwrap_or(u32::MAX);
        self.latencies[i].push(latency);
        self.finished.push(latency);
        match outcome {
            Outcome::Hit => {}
            Outcome::Miss => self.misses[i] += 1,
            Outcome::Error => self.errors[i] += 1,
        }
    }

    /// The per-kind figures of the operations finished so far (sorts copies: the recorder
    /// keeps recording while a run is watched).
    fn kind_reports(&self) -> Vec<KindReport> {
        OpKind::ALL
            .iter()
            .map(|&kind| {
                let i = kind.index();
                let mut sorted = self.latencies[i].clone();
                sorted.sort_unstable();
                let n = sorted.len();
                let sum: u64 = sorted.iter().map(|&l| l as u64).sum();
                KindReport {
                    kind,
                    count: n as u64,
                    misses: self.misses[i],
                    errors: self.errors[i],
                    mean_ms: if n == 0 { 0.0 } else { sum as f64 / n as f64 },
                    p50_ms: nearest_rank(&sorted, 50),
                    p90_ms: nearest_rank(&sorted, 90),
                    p99_ms: nearest_rank(&sorted, 99),
                    max_ms: sorted.last().map_or(0, |&l| l as u64),
                }
            })
            .collect()
    }

    /// p50 and p99 of the operations finished after the first `from`, all kinds together.
    fn window(&self, from: usize) -> LatencyWindow {
        let mut sorted = self.finished.get(from..).unwrap_or_default().to_vec();
        sorted.sort_unstable();
        LatencyWindow { next: self.finished.len(), ops: sorted.len() as u64, p50_ms: nearest_rank(&sorted, 50), p99_ms: nearest_rank(&sorted, 99) }
    }
}

/// Latencies of the operations that finished in a stretch of a run (all kinds together),
/// for a live p50/p99 chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LatencyWindow {
    /// Pass as `from` next time to get the operations finished after these.
    pub next: usize,
    /// Operations finished in the stretch (p50 and p99 are 0 when none did).
    pub ops: u64,
    pub p50_ms: u64,
    pub p99_ms: u64,
}

/// What a run has measured so far: shared by its clients, its driver and whoever watches.
pub(crate) struct LoadProgress {
    done: Cell<u64>,
    recorder: RefCell<Recorder>,
}

impl LoadProgress {
    pub(crate) fn new(cfg: &LoadConfig) -> Rc<LoadProgress> {
        Rc::new(LoadProgress { done: Cell::new(0), recorder: RefCell::new(Recorder::new(cfg)) })
    }
}

/// What the clients of one run share.
struct Workload {
    ids: Vec<String>,
    keys: Vec<Term>,
    mix: OpMix,
    ttl: u64,
    think_ms: u64,
    progress: Rc<LoadProgress>,
}

/// Keys a web session typically holds.
const KEYS: [&str; 8] = ["user_id", "cart", "theme", "locale", "last_page", "csrf_token", "flash", "visits"];

/// One client process: `ops` operations, one after the other.
async fn client(ctx: Ctx, work: Rc<Workload>, mut rng: SplitMix64, ops: u64) {
    for _ in 0..ops {
        if work.think_ms > 0 {
            ctx.sleep(work.think_ms).await;
        }
        let kind = work.mix.pick(&mut rng);
        let id = &work.ids[rng.below(work.ids.len() as u64) as usize];
        let started = ctx.now();
        let outcome = perform(&ctx, &work, kind, id, &mut rng).await;
        work.progress.recorder.borrow_mut().record(kind, ctx.now() - started, outcome);
        work.progress.done.set(work.progress.done.get() + 1);
    }
}

async fn perform(ctx: &Ctx, work: &Workload, kind: OpKind, id: &str, rng: &mut SplitMix64) -> Outcome {
    let cache_call = |request| ctx.try_call::<Cache>(Cache::NAME, request, Timeout::DEFAULT);
    match kind {
        OpKind::Create => match cache_call(CacheCall::CreateSession(id.to_string(), work.ttl)).await {
            Ok(CacheReply::Created(Ok(_))) => Outcome::Hit,
            _ => Outcome::Error,
        },
        OpKind::Delete => match cache_call(CacheCall::DeleteSession(id.to_string())).await {
            Ok(CacheReply::Deleted(Ok(()))) => Outcome::Hit,
            Ok(CacheReply::Deleted(Err(_))) => Outcome::Miss,
            _ => Outcome::Error,
        },
        OpKind::Get | OpKind::Put | OpKind::Touch => {
            let pid = match cache_call(CacheCall::GetSession(id.to_string())).await {
                Ok(CacheReply::Found(Lookup::Ok(pid))) => pid,
                Ok(CacheReply::Found(Lookup::NotFound)) => return Outcome::Miss,
                _ => return Outcome::Error,
            };
            let key = work.keys[rng.below(work.keys.len() as u64) as usize].clone();
            match kind {
                OpKind::Get => match ctx.try_call::<Session>(pid, SessionCall::Get(key), Timeout::DEFAULT).await {
                    Ok(_) => Outcome::Hit,
                    Err(_) => Outcome::Error,
                },
                OpKind::Put => {
                    let value = Term::Int(rng.below(1_000) as i64);
                    ctx.cast::<Session>(pid, SessionCast::Put(key, value));
                    Outcome::Hit
                }
                _ => {
                    ctx.cast::<Session>(pid, SessionCast::Touch);
                    Outcome::Hit
                }
            }
        }
    }
}

/// Runs a load test from inside a process (the calling process is the driver): starts a
/// fresh store linked to it, creates the sessions, runs the clients and waits for them.
/// `progress` counts and records operations as they finish, for a progress bar and live
/// charts. The store is left running, so it can be inspected afterwards.
pub(crate) async fn drive_load(ctx: &Ctx, cfg: &LoadConfig, progress: Rc<LoadProgress>) -> Result<LoadReport, String> {
    if cfg.sessions == 0 || cfg.clients == 0 || cfg.mix.total() == 0 {
        return Err("a load run needs sessions, clients and a mix with some weight".into());
    }
    start_system(ctx, Backend::memory(), cfg.store).await.map_err(|e| format!("cannot start the session store: {e}"))?;

    let ids: Vec<String> = (0..cfg.sessions).map(|i| format!("session-{i}")).collect();
    let setup_started = ctx.now();
    for id in &ids {
        Cache::create_session_ttl(ctx, id, cfg.ttl).await.map_err(|e| format!("setup: create_session({}) failed: {e}", crate::term::Term::string(id)))?;
    }
    let setup_ms = ctx.now() - setup_started;

    let work = Rc::new(Workload {
        ids,
        keys: KEYS.iter().map(|k| Term::atom(k)).collect(),
        mix: cfg.mix,
        ttl: cfg.ttl,
        think_ms: cfg.think_ms,
        progress: progress.clone(),
    });
    let mut seeds = SplitMix64::new(cfg.seed);
    let started = ctx.now();
    let mut clients = Vec::with_capacity(cfg.clients as usize);
    for i in 0..cfg.clients as u64 {
        let ops = cfg.operations / cfg.clients as u64 + u64::from(i < cfg.operations % cfg.clients as u64);
        let rng = SplitMix64::new(seeds.next_u64());
        let work = work.clone();
        let pid = ctx.spawn(move |c| client(c, work, rng, ops));
        clients.push(ctx.monitor(pid));
    }
    let mut failures = Vec::new();
    let mut waiting = clients.len();
    while waiting > 0 {
        if let Info::Down { monitor, reason, .. } = ctx.receive().await
            && clients.contains(&monitor)
        {
            waiting -= 1;
            if reason != crate::runtime::ExitReason::Normal {
                failures.push(reason.to_string());
            }
        }
    }
    if !failures.is_empty() {
        return Err(format!("{} client(s) crashed: {}", failures.len(), failures.join(", ")));
    }
    let virtual_ms = ctx.now() - started;

    let stats = Stats::get_stats(ctx).await;
    let active_sessions = Cache::active_sessions(ctx).await.len() as u64;
    let kinds = progress.recorder.borrow().kind_reports();
    let ops = kinds.iter().map(|k| k.count).sum();
    Ok(LoadReport {
        ops,
        clients: cfg.clients,
        sessions: cfg.sessions,
        setup_ms,
        virtual_ms,
        throughput_per_s: (virtual_ms > 0).then(|| ops as f64 * 1000.0 / virtual_ms as f64),
        misses: kinds.iter().map(|k| k.misses).sum(),
        errors: kinds.iter().map(|k| k.errors).sum(),
        kinds,
        stats,
        active_sessions,
        processes: Vec::new(),
    })
}

/// A load run in progress, for a driver that ticks the runtime itself (the UI): poll
/// [`LoadHandle::progress`] for a progress bar, [`LoadHandle::latency_since`] and
/// [`LoadHandle::kinds_so_far`] for live charts, and [`LoadHandle::take_report`] for the end.
pub struct LoadHandle {
    rt: Runtime,
    pid: Pid,
    total: u64,
    measured: Rc<LoadProgress>,
    outcome: Rc<RefCell<Option<Result<LoadReport, String>>>>,
}

impl LoadHandle {
    /// The driver process.
    pub fn pid(&self) -> Pid {
        self.pid
    }

    /// `(operations done, operations requested)`.
    pub fn progress(&self) -> (u64, u64) {
        (self.measured.done.get(), self.total)
    }

    /// p50/p99 of the operations finished since an earlier window's `next` (0 at first).
    pub fn latency_since(&self, from: usize) -> LatencyWindow {
        self.measured.recorder.borrow().window(from)
    }

    /// Per-kind counts and percentiles of the operations finished so far; the final report's
    /// `kinds` once every operation has finished.
    pub fn kinds_so_far(&self) -> Vec<KindReport> {
        self.measured.recorder.borrow().kind_reports()
    }

    /// The report once the run has ended (with the process loads filled in), or why it
    /// failed; `None` while it runs. Returns it once.
    pub fn take_report(&self) -> Option<Result<LoadReport, String>> {
        if let Some(outcome) = self.outcome.borrow_mut().take() {
            return Some(outcome.map(|mut report| {
                report.processes = process_loads(&self.rt);
                report
            }));
        }
        if !self.rt.is_alive(self.pid) {
            return Some(Err("the load driver exited before it finished".into()));
        }
        None
    }
}

/// Starts a load run in a new driver process (module `SessionStore.LoadTest`) and returns
/// at once; the run advances as the runtime is driven. Tracing is left as it is: turn it off
/// for big runs.
pub fn spawn_load(rt: &Runtime, cfg: LoadConfig) -> LoadHandle {
    let measured = LoadProgress::new(&cfg);
    let outcome = Rc::new(RefCell::new(None));
    let (measured_in, outcome_in) = (measured.clone(), outcome.clone());
    let pid = rt.spawn("SessionStore.LoadTest", move |ctx| async move {
        let result = drive_load(&ctx, &cfg, measured_in).await;
        *outcome_in.borrow_mut() = Some(result);
    });
    LoadHandle { rt: rt.clone(), pid, total: cfg.operations, measured, outcome }
}

/// Runs a load test to the end under virtual time, with tracing off; see [`drive_load`].
pub fn run_load(rt: &Runtime, cfg: LoadConfig) -> Result<LoadReport, String> {
    run_load_with_progress(rt, cfg, |_, _| {})
}

/// [`run_load`], calling `on_progress(done, total)` whenever the count of finished
/// operations has moved (at most once per slice of scheduler turns).
pub fn run_load_with_progress(rt: &Runtime, cfg: LoadConfig, mut on_progress: impl FnMut(u64, u64)) -> Result<LoadReport, String> {
    const TURNS_PER_SLICE: usize = 4096;
    let tracing = rt.tracing();
    rt.set_tracing(false);
    let handle = spawn_load(rt, cfg);
    let mut reported = u64::MAX;
    let result = loop {
        // The same turns, in the same order, as `Runtime::block_on`: only sliced.
        let tick = rt.tick(rt.now(), TURNS_PER_SLICE);
        let (done, total) = handle.progress();
        if done != reported {
            reported = done;
            on_progress(done, total);
        }
        if let Some(result) = handle.take_report() {
            break result;
        }
        if tick.idle && !rt.advance_to_next_timer() {
            break Err("the load run is stuck: every process waits and no timer is pending".into());
        }
    };
    rt.set_tracing(tracing);
    result
}

/// The store's processes and how busy they were.
fn process_loads(rt: &Runtime) -> Vec<ProcessLoad> {
    let mut named = Vec::new();
    let mut workers = Vec::new();
    let mut sessions = (0u64, 0u64, 0u64);
    for p in rt.processes() {
        let load = |name: String| ProcessLoad { name, handled: p.handled as u64, mailbox_len: p.mailbox_len as u64 };
        match (p.name.as_deref(), p.module.as_str()) {
            (Some(name @ ("SessionStore.Cache" | "SessionStore.Database" | "SessionStore.Stats")), _) => named.push(load(name.to_string())),
            (_, "SessionStore.DatabaseWorker") => workers.push(load(format!("SessionStore.DatabaseWorker {}", p.pid))),
            (_, "SessionStore.Session") => {
                sessions.0 += 1;
                sessions.1 += p.handled as u64;
                sessions.2 += p.mailbox_len as u64;
            }
            _ => {}
        }
    }
    named.sort_by(|a, b| a.name.cmp(&b.name));
    named.extend(workers);
    named.push(ProcessLoad { name: format!("SessionStore.Session (all {})", sessions.0), handled: sessions.1, mailbox_len: sessions.2 });
    named
}

/// `ch7.session_load`: a small load run from the shell, and its report.
pub(crate) fn scenario_load(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let cfg = LoadConfig { sessions: 20, operations: 200, clients: 4, seed: 7, ..LoadConfig::default() };
        ctx.log(format!(
            "LoadTest.run(sessions: {}, operations: {}, clients: {}, think_ms: {}, db_latency_ms: {})",
            cfg.sessions, cfg.operations, cfg.clients, cfg.think_ms, cfg.store.db_latency_ms
        ));
        let report = drive_load(ctx, &cfg, LoadProgress::new(&cfg)).await?;
        for line in report.summary_lines() {
            ctx.log(line);
        }
        expect(ctx, "report.ops", report.ops, cfg.operations)?;
        let counted: u64 = report.kinds.iter().map(|k| k.count).sum();
        expect(ctx, "report.kinds |> Enum.map(& &1.count) |> Enum.sum()", counted, cfg.operations)?;
        expect(ctx, "stats.creates >= sessions", report.stats.creates >= cfg.sessions as u64, true)?;
        Ok(())
    })
}
