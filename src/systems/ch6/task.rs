//! `Task.async/1` and `Task.await/1`, as the `DatabasePool` usage block uses them.
//!
//! Elixir's `Task.async` spawns a linked process that runs the function and sends
//! `{ref, result}` back to its owner; `Task.await` waits (5000 ms by default) for that
//! message. This is the same, out of plain processes, so the sequence diagram shows the
//! task's own arrows. The owner must be a plain process (a shell). Messages other than the
//! reply that reach the owner while it awaits are dropped (no selective receive here).

use std::future::Future;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::runtime::{Ctx, ExitReason, Info, Pid};
use crate::term::{Term, from_term};

/// `Task.await`'s default timeout.
const AWAIT_TIMEOUT_MS: u64 = 5000;

/// `%Task{pid: pid, ref: ref}`, with the type of its result.
#[derive(Debug)]
pub struct Task<T> {
    pub pid: Pid,
    reference: Term,
    _result: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned + 'static> Task<T> {
    /// `Task.async(fn -> ... end)`: runs `body` in a new linked process.
    pub fn run<F, Fut>(ctx: &Ctx, body: F) -> Task<T>
    where
        F: FnOnce(Ctx) -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
    {
        let reference = ctx.make_ref();
        let owner = ctx.pid();
        let tag = reference.clone();
        let pid = ctx.spawn_link(move |task| async move {
            let result = body(task.clone()).await;
            // The owner is a pid, so this cannot fail; a dead owner just drops it.
            let _ = task.send(owner, (tag, result));
        });
        Task { pid, reference, _result: PhantomData }
    }

    /// `Task.await(task)`: the result, or this process exits with
    /// `{:timeout, {Task, :await, [task, 5000]}}` after 5000 ms.
    pub async fn await_result(self, ctx: &Ctx) -> T {
        let deadline = ctx.now() + AWAIT_TIMEOUT_MS;
        loop {
            let left = deadline.saturating_sub(ctx.now());
            let Some(msg) = ctx.receive_timeout(left).await else {
                let mfa = Term::tuple([
                    Term::atom("Elixir.Task"),
                    Term::atom("await"),
                    Term::list([Term::Pid(self.pid), Term::Int(AWAIT_TIMEOUT_MS as i64)]),
                ]);
                ctx.exit_self(ExitReason::Other(Term::tuple([Term::atom("timeout"), mfa]))).await
            };
            let Info::Msg(Term::Tuple(items)) = msg else { continue };
            let [reference, result] = items.as_slice() else { continue };
            if *reference != self.reference {
                continue;
            }
            match from_term::<T>(result) {
                Ok(value) => return value,
                Err(e) => ctx.exit_self(ExitReason::Other(Term::tuple([Term::atom("bad_task_result"), Term::string(&e.to_string())]))).await,
            }
        }
    }
}
