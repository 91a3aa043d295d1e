//! `Task.async/1` and `Task.await/2`.
//!
//! A task is a linked process that runs a function and hands its result to its owner. As in
//! Elixir the result is tagged with a reference only the owner holds; here that reference is
//! an alias (like a call's), so the result waits for `await` outside the mailbox: awaiting
//! several tasks in any order loses nothing, and other messages are never in the way.

use std::future::Future;
use std::marker::PhantomData;

use super::ctx::{Ctx, Timeout, WaitAlias};
use super::genserver::CallError;
use super::pid::Pid;
use super::process::{Alias, Message, Outcome, ReplyTo, Watch};
use super::reason::ExitReason;
use super::timer::{TimerAction, deadline_after};
use crate::term::Term;

/// `%Task{pid: pid, ref: ref}`, with the type of its result.
#[derive(Debug)]
pub struct Task<T> {
    pub pid: Pid,
    tag: u64,
    _result: PhantomData<fn() -> T>,
}

impl Ctx {
    /// `Task.async(fn -> ... end)`: runs `body` in a new process linked to this one.
    pub fn task_async<T, F, Fut>(&self, body: F) -> Task<T>
    where
        T: Message,
        F: FnOnce(Ctx) -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
    {
        let owner = self.pid;
        let tag = self.shared.borrow_mut().new_ref();
        let pid = self.spawn_as("Task", move |task| async move {
            let result = body(task.clone()).await;
            task.reply_raw(ReplyTo { pid: owner, tag }, result);
        });
        self.link(pid);
        let mut inner = self.shared.borrow_mut();
        // If the task dies before answering, the wait ends with its reason.
        inner.add_caller(pid, owner, tag);
        inner.add_alias(
            owner,
            Alias { tag, outcome: None, timer: None, watch: Watch::Caller(pid), target: Some(pid), deadline: None, queued_timeout: false },
        );
        Task { pid, tag, _result: PhantomData }
    }
}

impl<T: Message> Task<T> {
    /// `Task.await(task)` (5000 ms): the result, or this process exits with
    /// `{:timeout, {Task, :await, [task, 5000]}}` (or the task's exit reason).
    pub async fn await_result(self, ctx: &Ctx) -> T {
        let pid = self.pid;
        match self.try_await(ctx, Timeout::DEFAULT).await {
            Ok(value) => value,
            Err(error) => {
                let mfa = Term::Tuple(vec![
                    Term::atom("Elixir.Task"),
                    Term::atom("await"),
                    Term::List(vec![Term::Pid(pid), Term::Int(5000)]),
                ]);
                ctx.crash(ExitReason::Other(Term::Tuple(vec![error.reason_term(), mfa]))).await
            }
        }
    }

    /// `Task.await/2` as a value: the result, `Err(Timeout)`, or `Err(Exit(reason))` if the
    /// task died first.
    pub async fn try_await(self, ctx: &Ctx, timeout: impl Into<Timeout>) -> Result<T, CallError> {
        if let Timeout::Ms(ms) = timeout.into() {
            let mut inner = ctx.shared.borrow_mut();
            let deadline = deadline_after(inner.now, ms);
            let timer = inner.add_timer(ctx.pid, ms, TimerAction::Wake { tag: self.tag }, || None);
            if let Some(alias) = inner.slot_mut(ctx.pid).and_then(|s| s.alias_mut(self.tag)) {
                alias.timer = timer;
                alias.deadline = Some(deadline);
            }
        }
        match (WaitAlias { ctx, tag: self.tag }).await {
            Outcome::Reply(value) => Ok(*value.downcast::<T>().expect("a task replies with its own type")),
            Outcome::Down(reason) => Err(CallError::Exit(reason)),
            Outcome::Timeout => Err(CallError::Timeout),
        }
    }
}

/// `Task.await_many(tasks)`: every result, in the order of `tasks`.
pub async fn await_many<T: Message>(ctx: &Ctx, tasks: Vec<Task<T>>, timeout: impl Into<Timeout>) -> Result<Vec<T>, CallError> {
    let timeout = timeout.into();
    let mut results = Vec::with_capacity(tasks.len());
    for task in tasks {
        results.push(task.try_await(ctx, timeout).await?);
    }
    Ok(results)
}
