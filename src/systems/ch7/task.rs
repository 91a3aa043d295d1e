//! `Task.async/1` and `Task.await_many/2`, as drills 5 and 7 use them from the shell: each
//! job runs in its own task process (the runtime's [`Task`]); the results come back in the
//! order the jobs were given.

use std::future::Future;

use crate::runtime::{Ctx, Message, Task, Timeout, await_many};

/// `Enum.map(jobs, &Task.async/1) |> Task.await_many(:infinity)`.
pub async fn async_await_many<T, F, Fut>(ctx: &Ctx, jobs: impl IntoIterator<Item = F>) -> Result<Vec<T>, String>
where
    T: Message,
    F: FnOnce(Ctx) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
{
    let tasks: Vec<Task<T>> = jobs.into_iter().map(|job| ctx.task_async(job)).collect();
    await_many(ctx, tasks, Timeout::Infinity).await.map_err(|e| format!("a task failed: {e}"))
}
