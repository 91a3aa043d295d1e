//! `Task.async/1` and `Task.await_many/2`, as drills 5 and 7 use them from the shell.
//!
//! Each task is a process linked to its caller that sends `{ref, result}` back when its body
//! ends, as Elixir's tasks do; awaiting collects one reply per task and returns the results
//! in the order the tasks were started. Results travel as terms (a plain process's mailbox
//! holds terms), so they come back through `from_term`.

use std::future::Future;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::runtime::{Ctx, Info};
use crate::term::{Term, from_term};

/// `Enum.map(jobs, &Task.async/1) |> Task.await_many(:infinity)`. Call it from a plain
/// process (a shell): it takes the replies from the mailbox and drops any other message it
/// meets meanwhile (there is no selective receive; a shell running a script gets none).
pub async fn async_await_many<T, F, Fut>(ctx: &Ctx, jobs: impl IntoIterator<Item = F>) -> Result<Vec<T>, String>
where
    T: Serialize + DeserializeOwned + 'static,
    F: FnOnce(Ctx) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
{
    let me = ctx.pid();
    let mut refs = Vec::new();
    for job in jobs {
        let reference = ctx.make_ref();
        let tag = reference.clone();
        ctx.spawn_link(move |task| async move {
            let result = job(task.clone()).await;
            // The caller is alive: it is linked and waits for exactly this reply.
            let _ = task.send(me, (tag, result));
        });
        refs.push(reference);
    }
    let mut results: Vec<Option<T>> = refs.iter().map(|_| None).collect();
    let mut missing = refs.len();
    while missing > 0 {
        let Info::Msg(Term::Tuple(items)) = ctx.receive().await else { continue };
        let [reference, value] = items.as_slice() else { continue };
        let Some(index) = refs.iter().position(|r| r == reference) else { continue };
        let value = from_term::<T>(value).map_err(|e| format!("task {index} replied with an unexpected term: {e}"))?;
        if results[index].replace(value).is_none() {
            missing -= 1;
        }
    }
    Ok(results.into_iter().flatten().collect())
}
