//! Drill 7 (Process Pooling): `Worker`s that run tasks, and `WorkerPool`, which hands each
//! task to the next worker in turn (round robin).
//!
//! A task is a function, `fn -> Process.sleep(100); i * 2 end` in the sheet; here a [`Job`]
//! carries an async closure (it sleeps, so it must await) and the Elixir source it stands
//! for, which is how it shows in the trace. Results are integers, as in the sheet.
//!
//! As the sheet writes it, the pool calls the worker from inside its own `handle_call`, so it
//! waits for each task before it takes the next request: one worker is busy at a time and
//! ten 100 ms tasks take a second on any pool size. That is drill 5's bottleneck again; the
//! fix is to reply from the worker (`GenServer.reply/2` with the caller's `from`) or to let
//! callers call the chosen worker themselves, as the todo database does.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use serde::{Serialize, Serializer};

use super::task::async_await_many;
use crate::runtime::{CallResult, Caller, Ctx, ExitReason, GenServer, Init, Never, Pid, StartError, StartOpts, Timeout};
use crate::scenario::{expect, show};
use crate::term::{Atom, Term};

type JobBody = Box<dyn FnOnce(Ctx) -> Pin<Box<dyn Future<Output = i64>>>>;

/// A task for a worker: runs once, in the worker's process.
pub struct Job {
    source: Rc<str>,
    body: JobBody,
}

impl Job {
    /// `source` is the Elixir the job stands for: `"fn -> Process.sleep(100); 1 * 2 end"`.
    pub fn new<F, Fut>(source: impl Into<String>, body: F) -> Job
    where
        F: FnOnce(Ctx) -> Fut + 'static,
        Fut: Future<Output = i64> + 'static,
    {
        Job { source: Rc::from(source.into()), body: Box::new(move |ctx| Box::pin(body(ctx))) }
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({})", self.source)
    }
}

impl Serialize for Job {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Term::Fun(self.source.to_string()).serialize(s)
    }
}

/// `{:work, task}`
#[derive(Debug, Serialize)]
pub enum WorkerCall {
    Work(Job),
}

/// `{:ok, result, worker_id}`
pub type WorkResult = (Atom, i64, u64);

/// `%{id: 1, tasks_completed: 0}`
#[derive(Debug, Serialize)]
pub struct Worker {
    id: u64,
    tasks_completed: u64,
}

impl Worker {
    /// `Worker.start_link(id)`
    pub async fn start_link(ctx: &Ctx, id: u64) -> Result<Pid, StartError> {
        ctx.start_link::<Worker>(id, StartOpts::default()).await
    }

    /// `Worker.work(pid, task)`: a call with the default 5 s timeout.
    pub async fn work(ctx: &Ctx, worker: Pid, task: Job) -> WorkResult {
        ctx.call::<Worker>(worker, WorkerCall::Work(task)).await
    }
}

impl GenServer for Worker {
    const MODULE: &'static str = "Worker";
    type Args = u64;
    type Call = WorkerCall;
    type Reply = WorkResult;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, id: u64) -> Init<Self> {
        Init::Ok(Worker { id, tasks_completed: 0 })
    }

    async fn handle_call(&mut self, ctx: &Ctx, WorkerCall::Work(task): WorkerCall, _from: Caller<WorkResult>) -> CallResult<Self> {
        let result = (task.body)(ctx.clone()).await;
        self.tasks_completed += 1;
        CallResult::Reply((Atom::new("ok"), result, self.id))
    }
}

/// `{:execute, task}`
#[derive(Debug, Serialize)]
pub enum PoolCall {
    Execute(Job),
}

/// `%{workers: [pid, ...], current: 0}`
#[derive(Debug, Serialize)]
pub struct WorkerPool {
    workers: Vec<Pid>,
    current: usize,
}

impl WorkerPool {
    pub const NAME: &'static str = "WorkerPool";

    /// `WorkerPool.start_link(pool_size)`: starts workers 1..=pool_size.
    pub async fn start_link(ctx: &Ctx, pool_size: u64) -> Result<Pid, StartError> {
        ctx.start_link::<WorkerPool>(pool_size, StartOpts::named(Self::NAME)).await
    }

    /// `WorkerPool.execute(task)`: a call with an `:infinity` timeout.
    pub async fn execute(ctx: &Ctx, task: Job) -> WorkResult {
        ctx.call_timeout::<WorkerPool>(Self::NAME, PoolCall::Execute(task), Timeout::Infinity).await
    }
}

impl GenServer for WorkerPool {
    const MODULE: &'static str = "WorkerPool";
    type Args = u64;
    type Call = PoolCall;
    type Reply = WorkResult;
    type Cast = Never;
    type Info = Never;
    type Continue = Never;

    async fn init(ctx: &Ctx, pool_size: u64) -> Init<Self> {
        let mut workers = Vec::new();
        for id in 1..=pool_size {
            match Worker::start_link(ctx, id).await {
                Ok(pid) => workers.push(pid),
                Err(error) => return Init::Stop(ExitReason::Other(error.to_term())),
            }
        }
        if workers.is_empty() {
            // `Enum.at([], 0)` is nil in the sheet and the first execute crashes; refuse early.
            return Init::Stop(ExitReason::atom("empty_pool"));
        }
        Init::Ok(WorkerPool { workers, current: 0 })
    }

    async fn handle_call(&mut self, ctx: &Ctx, PoolCall::Execute(task): PoolCall, _from: Caller<WorkResult>) -> CallResult<Self> {
        let worker = self.workers[self.current];
        let result = Worker::work(ctx, worker, task).await;
        self.current = (self.current + 1) % self.workers.len();
        CallResult::Reply(result)
    }
}

/// Drill 7's test: ten tasks through a pool of three.
pub(crate) async fn scenario_worker_pool(ctx: Ctx) -> Result<(), String> {
    let started = WorkerPool::start_link(&ctx, 3).await;
    show(&ctx, "WorkerPool.start_link(3)", &started);
    let start = ctx.now();
    let tasks = (1..=10).map(|i: i64| {
        move |task: Ctx| async move {
            let job = Job::new(format!("fn -> Process.sleep(100); {i} * 2 end"), move |worker: Ctx| async move {
                worker.sleep(100).await;
                i * 2
            });
            WorkerPool::execute(&task, job).await
        }
    });
    let results = async_await_many::<WorkResult, _, _>(&ctx, tasks).await?;
    let expected: Vec<WorkResult> = (1..=10).map(|i: i64| (Atom::new("ok"), i * 2, (i as u64 - 1) % 3 + 1)).collect();
    expect(&ctx, "IO.inspect(results)", results, expected)?;
    ctx.log("# The pool waits for each worker inside handle_call: one task at a time");
    expect(&ctx, "elapsed_ms", ctx.now() - start, 1000)?;
    Ok(())
}
