//! Drill 5 (Process Bottleneck Analysis): `BottleneckAnalysis.SingleProcess` does each piece
//! of work inside its own `handle_call`, so callers queue behind one another;
//! `BottleneckAnalysis.ConcurrentWork` hands each request to a spawned process that replies
//! with `GenServer.reply/2`, so the server is free at once and the work overlaps.
//!
//! Work is `Process.sleep(n)`, which here is virtual time, so the figures are exact and the
//! same on every run: `n` units of `ms` take `n * ms` one after another and `ms` side by side.
//! `:timer.tc` becomes the virtual clock. The sheet's benchmark is 100 units of 10 ms; the
//! scenario runs 10 units of 100 ms (the same second of work) so the diagram stays readable.

use serde::{Deserialize, Serialize};

use super::task::async_await_many;
use crate::runtime::{CallResult, Caller, Ctx, GenServer, Init, Never, Pid, StartError, StartOpts, Timeout};
use crate::scenario::{expect, show};

/// `{:work, n}`: `n` milliseconds of work.
#[derive(Debug, Serialize)]
pub enum WorkCall {
    Work(u64),
}

/// `:done`
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Done {
    Done,
}

/// Approach 1: the server does the work itself. State `nil`.
#[derive(Serialize)]
pub struct SingleProcess;

impl SingleProcess {
    pub const NAME: &'static str = "BottleneckAnalysis.SingleProcess";

    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<SingleProcess>((), StartOpts::named(Self::NAME)).await
    }

    /// `SingleProcess.work(n)`: a call with the default 5 s timeout.
    pub async fn work(ctx: &Ctx, n: u64) -> Done {
        ctx.call::<SingleProcess>(Self::NAME, WorkCall::Work(n)).await
    }
}

impl GenServer for SingleProcess {
    const MODULE: &'static str = "BottleneckAnalysis.SingleProcess";
    type Args = ();
    type Call = WorkCall;
    type Reply = Done;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, _: ()) -> Init<Self> {
        Init::Ok(SingleProcess)
    }

    async fn handle_call(&mut self, ctx: &Ctx, WorkCall::Work(n): WorkCall, _from: Caller<Done>) -> CallResult<Self> {
        ctx.sleep(n).await;
        CallResult::Reply(Done::Done)
    }
}

/// Approach 2: the server spawns the work and replies from there. State `nil`.
#[derive(Serialize)]
pub struct ConcurrentWork;

impl ConcurrentWork {
    pub const NAME: &'static str = "BottleneckAnalysis.ConcurrentWork";

    pub async fn start_link(ctx: &Ctx) -> Result<Pid, StartError> {
        ctx.start_link::<ConcurrentWork>((), StartOpts::named(Self::NAME)).await
    }

    /// `ConcurrentWork.work(n)`: a call with an `:infinity` timeout.
    pub async fn work(ctx: &Ctx, n: u64) -> Done {
        ctx.call_timeout::<ConcurrentWork>(Self::NAME, WorkCall::Work(n), Timeout::Infinity).await
    }
}

impl GenServer for ConcurrentWork {
    const MODULE: &'static str = "BottleneckAnalysis.ConcurrentWork";
    type Args = ();
    type Call = WorkCall;
    type Reply = Done;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, _: ()) -> Init<Self> {
        Init::Ok(ConcurrentWork)
    }

    async fn handle_call(&mut self, ctx: &Ctx, WorkCall::Work(n): WorkCall, from: Caller<Done>) -> CallResult<Self> {
        ctx.spawn(move |worker| async move {
            worker.sleep(n).await;
            worker.reply(from, Done::Done);
        });
        CallResult::NoReply
    }
}

/// What `BottleneckAnalysis.benchmark/0` prints.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BenchmarkReport {
    pub single_ms: u64,
    pub concurrent_ms: u64,
    /// `Float.round(time1 / time2, 2)`
    pub speedup: f64,
}

/// `BottleneckAnalysis.benchmark()` with the given work units (the sheet's are
/// `List.duplicate(10, 100)`). Run it from a shell: the concurrent half awaits tasks.
pub async fn benchmark(ctx: &Ctx, work_units: &[u64]) -> Result<BenchmarkReport, String> {
    // The sheet ignores start_link's result; a second run finds the servers running.
    let _ = SingleProcess::start_link(ctx).await;
    let start = ctx.now();
    for &n in work_units {
        SingleProcess::work(ctx, n).await;
    }
    let single_ms = ctx.now() - start;
    ctx.log(format!("Single process: {single_ms}ms"));

    let _ = ConcurrentWork::start_link(ctx).await;
    let start = ctx.now();
    let jobs = work_units.iter().map(|&n| move |task: Ctx| async move { ConcurrentWork::work(&task, n).await });
    async_await_many::<Done, _, _>(ctx, jobs).await?;
    let concurrent_ms = ctx.now() - start;
    ctx.log(format!("Concurrent: {concurrent_ms}ms"));

    // Virtual time can make the concurrent run take 0 ms (0 ms units); Elixir's real clock never does.
    let speedup = (single_ms as f64 / concurrent_ms.max(1) as f64 * 100.0).round() / 100.0;
    ctx.log(format!("Speedup: {}x", crate::term::Term::Float(speedup)));
    Ok(BenchmarkReport { single_ms, concurrent_ms, speedup })
}

/// Drill 5's benchmark, 10 units of 100 ms.
pub(crate) async fn scenario_bottleneck(ctx: Ctx) -> Result<(), String> {
    let units = vec![100; 10];
    show(&ctx, "work_units = List.duplicate(100, 10)", &units);
    let report = benchmark(&ctx, &units).await?;
    expect(&ctx, "time1", report.single_ms, 1000)?;
    expect(&ctx, "time2", report.concurrent_ms, 100)?;
    expect(&ctx, "Float.round(time1 / time2, 2)", report.speedup, 10.0)?;
    Ok(())
}
