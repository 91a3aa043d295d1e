//! Scenarios: each system and drill as a scripted sequence of client calls from a shell
//! process (the seed sheet's test block), which the UI lists, runs and steps through.
//!
//! A script runs in a plain process (`Runtime::spawn`); stepping it is stepping the runtime.
//! Each checked line is logged to the trace as the sheet writes it
//! (`Stack.pop()  # => {:ok, 3}`), and a mismatch ends the script with an error.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

use serde::Serialize;

use crate::runtime::{Ctx, Pid, Runtime};
use crate::term::to_term;

pub type ScriptFuture = Pin<Box<dyn Future<Output = Result<(), String>>>>;

/// One runnable scenario.
#[derive(Clone, Copy)]
pub struct Scenario {
    /// Stable id, used in share links: `ch6.stack`, `ch7.todo_cache`.
    pub id: &'static str,
    /// 6 or 7.
    pub chapter: u8,
    /// As the sheet names it: "Drill 2: Basic GenServer (Stack)".
    pub title: &'static str,
    /// One or two sentences: what to watch in the diagram.
    pub watch: &'static str,
    pub script: fn(Ctx) -> ScriptFuture,
}

impl Debug for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scenario({})", self.id)
    }
}

impl Scenario {
    /// Spawns the scenario's shell process; drive the runtime to run it.
    pub fn spawn(&self, rt: &Runtime) -> Pid {
        let script = self.script;
        rt.spawn("shell", move |ctx| async move {
            let log_ctx = ctx.clone();
            if let Err(e) = script(ctx).await {
                log_ctx.log(format!("** scenario failed: {e}"));
            }
        })
    }

    /// Runs the scenario to the end under virtual time; `Err` if a check failed or the shell died.
    pub fn run_to_end(&self, rt: &Runtime) -> Result<(), String> {
        let script = self.script;
        match rt.block_on(script) {
            Ok(result) => result,
            Err(reason) => Err(format!("the shell exited: {reason}")),
        }
    }
}

/// Checks one line of a sheet's test block, logging it the way the sheet writes it:
/// `Stack.pop()  # => {:ok, 3}`. Returns the value for further use.
pub fn expect<T: Serialize + PartialEq + Debug>(ctx: &Ctx, line: &str, got: T, expected: T) -> Result<T, String> {
    let shown = to_term(&got);
    ctx.log(format!("{line}  # => {shown}"));
    if got == expected {
        Ok(got)
    } else {
        Err(format!("{line}: expected {}, got {shown}", to_term(&expected)))
    }
}

/// Logs a line and its value without checking it.
pub fn show<T: Serialize>(ctx: &Ctx, line: &str, value: &T) {
    ctx.log(format!("{line}  # => {}", to_term(value)));
}

/// Every scenario, chapter 6 first, in sheet order.
pub fn all() -> Vec<Scenario> {
    crate::systems::scenarios()
}
