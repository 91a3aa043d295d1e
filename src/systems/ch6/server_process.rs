//! Chapter 6, Drill 1: Understanding Behaviours — the hand-written `ServerProcess` and its
//! `Counter` callback module.
//!
//! This is what GenServer does for you, built from plain processes: `spawn`, `send` and
//! `receive`. The generic part (the loop, the `{request, caller}` / `{:response, response}`
//! protocol) lives in [`ServerProcess`]; the specific part (the state and what a request
//! does to it) lives in a [`CallbackModule`]. `start` and `call` run in the client's process;
//! the loop and the callbacks run in the server's, which the sequence diagram makes plain.
//!
//! Where the sheet is silent: a request no `handle_call` clause matches crashes the server
//! with `{:function_clause, request}` (Elixir raises `FunctionClauseError`), and a message of
//! another shape is dropped (Elixir would leave it in the mailbox forever; there is no
//! selective receive here, see docs/semantics.md).

use serde::Serialize;

use super::support::check;
use crate::runtime::{Ctx, ExitReason, Info, Pid};
use crate::scenario::{ScriptFuture, show};
use crate::term::{Atom, Term, to_term};

/// The callbacks a module gives `ServerProcess`: `init/0` and `handle_call/2`.
pub trait CallbackModule: 'static {
    type State: 'static;

    fn init() -> Self::State;

    /// `{response, new_state}`, or `None` when no clause matches the request.
    fn handle_call(request: &Term, state: Self::State) -> Option<(Term, Self::State)>;
}

/// The generic server: the part every server shares.
pub struct ServerProcess;

impl ServerProcess {
    /// `ServerProcess.start(callback_module)`: spawns the server; runs `init` in it.
    pub fn start<M: CallbackModule>(ctx: &Ctx) -> Pid {
        ctx.spawn(|server| async move {
            let initial_state = M::init();
            Self::run_loop::<M>(&server, initial_state).await;
        })
    }

    async fn run_loop<M: CallbackModule>(ctx: &Ctx, mut state: M::State) {
        loop {
            let msg = ctx.receive().await;
            let Info::Msg(Term::Tuple(items)) = &msg else { continue };
            let [request, Term::Pid(caller)] = items.as_slice() else { continue };
            match M::handle_call(request, state) {
                Some((response, new_state)) => {
                    // The caller is a pid, so this send cannot fail.
                    let _ = ctx.send(*caller, (Atom::new("response"), response));
                    state = new_state;
                }
                None => {
                    let reason = Term::tuple([Term::atom("function_clause"), request.clone()]);
                    ctx.exit_self(ExitReason::Other(reason)).await;
                }
            }
        }
    }

    /// `ServerProcess.call(pid, request)`: sends `{request, self()}` and waits, with no
    /// timeout, for `{:response, response}`. Runs in the client; it must be a plain process.
    pub async fn call(ctx: &Ctx, pid: Pid, request: impl Serialize) -> Term {
        let _ = ctx.send(pid, (to_term(&request), ctx.pid()));
        loop {
            if let Info::Msg(Term::Tuple(items)) = &ctx.receive().await
                && let [tag, response] = items.as_slice()
                && tag.is_atom("response")
            {
                return response.clone();
            }
        }
    }
}

/// The specific part: a counter. `:increment` answers `:ok`, `:get` answers the count.
pub struct Counter;

impl CallbackModule for Counter {
    type State = i64;

    fn init() -> i64 {
        0
    }

    fn handle_call(request: &Term, state: i64) -> Option<(Term, i64)> {
        if request.is_atom("increment") {
            Some((Term::atom("ok"), state + 1))
        } else if request.is_atom("get") {
            Some((Term::Int(state), state))
        } else {
            None
        }
    }
}

/// The sheet's "Test it" block; `self()` lines show which process each side runs in.
pub(crate) fn scenario_server_process(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let pid = ServerProcess::start::<Counter>(ctx);
        show(ctx, "pid = ServerProcess.start(Counter)", &pid);
        show(ctx, "self()", &ctx.pid());
        check(ctx, "ServerProcess.call(pid, :increment)", ServerProcess::call(ctx, pid, Atom::new("increment")).await, Term::atom("ok"))?;
        check(ctx, "ServerProcess.call(pid, :get)", ServerProcess::call(ctx, pid, Atom::new("get")).await, Term::Int(1))?;
        Ok(())
    })
}
