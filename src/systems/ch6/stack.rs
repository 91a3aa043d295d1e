//! Chapter 6, Drill 2: Basic GenServer Implementation — `Stack`.
//!
//! The smallest useful GenServer: `push` is a cast (the caller needs no answer), `pop` and
//! `peek` are calls (the caller needs the item). The state is the Elixir list with its head
//! first, so the inspector shows `[3, 2, 1]` after pushing 1, 2, 3.

use std::collections::VecDeque;

use serde::Serialize;

use super::support::check;
use crate::runtime::{CallResult, Caller, Ctx, Flow, GenServer, Init, Never, Pid, StartError, StartOpts};
use crate::scenario::ScriptFuture;
use crate::term::{Atom, Term, to_term};

/// The server's state: the stack, top first.
#[derive(Serialize, Debug, Default)]
pub struct Stack(VecDeque<Term>);

#[derive(Serialize, Debug)]
pub enum StackCall {
    Pop,
    Peek,
}

#[derive(Serialize, Debug)]
pub enum StackCast {
    Push(Term),
}

/// `{:ok, item}` or `{:error, :empty}`.
pub type StackReply = Result<Term, Atom>;

impl Stack {
    const NAME: &'static str = "Stack";

    /// `Stack.start_link(initial_stack \\ [])`, registered as `Stack`; `initial` is top first.
    pub async fn start_link(ctx: &Ctx, initial: Vec<Term>) -> Result<Pid, StartError> {
        ctx.start_link::<Stack>(initial, StartOpts::named(Self::NAME)).await
    }

    pub fn push(ctx: &Ctx, item: impl Serialize) {
        ctx.cast::<Stack>(Self::NAME, StackCast::Push(to_term(&item)));
    }

    pub async fn pop(ctx: &Ctx) -> StackReply {
        ctx.call::<Stack>(Self::NAME, StackCall::Pop).await
    }

    pub async fn peek(ctx: &Ctx) -> StackReply {
        ctx.call::<Stack>(Self::NAME, StackCall::Peek).await
    }
}

impl GenServer for Stack {
    const MODULE: &'static str = "Stack";
    type Args = Vec<Term>;
    type Call = StackCall;
    type Reply = StackReply;
    type Cast = StackCast;
    type Info = Never;
    type Continue = Never;

    async fn init(_ctx: &Ctx, initial_stack: Vec<Term>) -> Init<Self> {
        Init::Ok(Stack(initial_stack.into()))
    }

    async fn handle_cast(&mut self, _ctx: &Ctx, StackCast::Push(item): StackCast) -> Flow<Self> {
        self.0.push_front(item);
        Flow::NoReply
    }

    async fn handle_call(&mut self, _ctx: &Ctx, request: StackCall, _from: Caller<StackReply>) -> CallResult<Self> {
        let reply = match request {
            StackCall::Pop => self.0.pop_front().ok_or_else(|| Atom::new("empty")),
            StackCall::Peek => self.0.front().cloned().ok_or_else(|| Atom::new("empty")),
        };
        CallResult::Reply(reply)
    }
}

/// The sheet's test cases.
pub(crate) fn scenario_stack(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        Stack::start_link(ctx, vec![]).await.map_err(|e| format!("Stack.start_link(): {e}"))?;
        ctx.log("{:ok, _pid} = Stack.start_link()");
        for item in 1..=3 {
            Stack::push(ctx, item);
            ctx.log(format!("Stack.push({item})"));
        }
        let ok = |n: i64| Ok(Term::Int(n));
        check(ctx, "Stack.peek()", Stack::peek(ctx).await, ok(3))?;
        check(ctx, "Stack.pop()", Stack::pop(ctx).await, ok(3))?;
        check(ctx, "Stack.pop()", Stack::pop(ctx).await, ok(2))?;
        check(ctx, "Stack.peek()", Stack::peek(ctx).await, ok(1))?;
        Ok(())
    })
}
